#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# staprun's command line as SystemTap 4.8's: every option error, with the
# text, stream (usage on stdout, the error on stderr) and exit status
# 4.8's staprun gives.  The expected texts were taken from 4.8's staprun,
# not from ours.  None of these loads anything.
. "$(dirname "$0")/../lib.sh"
REL=$(uname -r)
USAGE=$(cat <<USAGE_END

$STAPRUN [-v] [-w] [-V] [-h] [-u] [-c cmd ] [-x pid] [-u user] [-A|-L|-d] [-C WHEN]
	[-b bufsize] [-R] [-r N:URI] [-o FILE [-D] [-S size[,N]]] MODULE [module-options]
-v              Increase verbosity.
-V              Print version number and exit.
-h              Print this help text and exit.
-w              Suppress warnings.
-u              Load uprobes.ko
-c cmd          Command 'cmd' will be run and staprun will
                exit when it does.  The '_stp_target' variable
                will contain the pid for the command.
-x pid          Sets the '_stp_target' variable to pid.
-N pid          Sets the '_stp_namespaces_pid' variable to pid.
-o FILE         Send output to FILE. This supports strftime(3)
                formats for FILE.
-b buffer size  The systemtap module specifies a buffer size.
                Setting one here will override that value.  The
                value should be an integer between 1 and 4095 
                which be assumed to be the buffer size in MB.
                That value will be per-cpu in bulk mode.
-L              Load module and start probes, then detach.
-A              Attach to loaded systemtap module.
-C WHEN         Enable colored errors. WHEN must be either 'auto',
                'never', or 'always'. Set to 'auto' by default.
-d              Delete a module.  Only detached or unused modules
                the user has permission to access will be deleted. Use "*"
                (quoted) to delete all unused modules.
-R              Have staprun create a new name for the module before
                inserting it. This allows the same module to be inserted
                more than once.
-r N:URI        Pass N:URI data to tapset functions remote_id()/remote_uri().
-D              Run in background. This requires '-o' option.
-S size[,N]     Switches output file to next file when the size
                of file reaches the specified size. The value
                should be an integer greater than 1 which is
                assumed to be the maximum file size in MB.
                When the number of output files reaches N, it
                switches to the first output file. You can omit
                the second argument.
-T timeout      Specifies upper limit on amount of time reader thread
                will wait for new full trace buffer. Value should be an
                integer >= 1, which is timeout value in ms. Default 200ms.
-F fd           Specifies file descriptor for module relay directory

MODULE can be either a module name or a module path.  If a
module name is used, it is searched in the following directory:
/lib/modules/$REL/systemtap
USAGE_END
)
M=/lib/modules/$REL/systemtap

# check ARGS... -- STDERR STATUS [usage]
check() {
	local args=() out errs rc
	while [ "$1" != -- ]; do args+=("$1"); shift; done
	shift
	out=$("$STAPRUN" "${args[@]}" 2> /tmp/staprun_opts.err)
	rc=$?
	errs=$(cat /tmp/staprun_opts.err)
	expect_eq "staprun ${args[*]}: stderr" "$1" "$errs"
	expect_eq "staprun ${args[*]}: exit status" "$2" "$rc"
	if [ "${3:-}" = usage ]; then
		expect_eq "staprun ${args[*]}: usage on stdout" "$USAGE" "$out"
	else
		expect_eq "staprun ${args[*]}: stdout" "" "$out"
	fi
}

check -h -- "" 0 usage
check -- "ERROR: Need a module name or path to load." 1 usage
check -A -- "ERROR: Need a module name or path to load." 1 usage
check -b 0 foo -- "ERROR: Invalid buffer size '0' (should be 1-4095)." 1 usage
check -b 4096 foo -- "ERROR: Invalid buffer size '4096' (should be 1-4095)." 1 usage
check -b abc foo -- "ERROR: Invalid buffer size '0' (should be 1-4095)." 1 usage
check -b -- "$STAPRUN: option requires an argument -- 'b'" 1 usage
check -Z foo -- "$STAPRUN: invalid option -- 'Z'" 1 usage
check -T 0 foo -- "ERROR: Invalid reader timeout value '0' (should be >= 1)." 1 usage
check -T abc foo -- "ERROR: Invalid reader timeout value '0' (should be >= 1)." 1 usage
check -S abc -o x foo -- "ERROR: Invalid file size option 'abc'." 1 usage
check -S 1,abc -o x foo -- "ERROR: Invalid file size option '1,abc'." 1 usage
check -C bad foo -- "ERROR: Invalid option 'bad' for -C." 1 usage
check -N 0 foo -- "ERROR: Invalid target namespaces pid 0 (should be > 0)." 1 usage
check -r bad foo -- "ERROR: Cannot process remote id option 'bad'." 1 usage
check -A -L foo -- "ERROR: You can't specify the '-A' and '-L' options together." 1 usage
check -A -L -- "ERROR: You can't specify the '-A' and '-L' options together." 1 usage
check -A -b 1 foo -- "ERROR: You can't specify the '-A' and '-b' options together.  The '-b'
buffer size option only has an effect when the module is inserted." 1 usage
check -A -c ls foo -- "ERROR: You can't specify the '-A' and '-c' options together.  The '-c cmd'
option used to start a command only has an effect when the module
is inserted." 1 usage
check -A -x 1 foo -- "ERROR: You can't specify the '-A' and '-x' options together.  The '-x pid'
option only has an effect when the module is inserted." 1 usage
check -c ls -x 1 foo -- "ERROR: You can't specify the '-c' and '-x' options together." 1 usage
check -c ls -x 1 -A foo -- "ERROR: You can't specify the '-A' and '-c' options together.  The '-c cmd'
option used to start a command only has an effect when the module
is inserted." 1 usage
check -D -L foo -- "ERROR: You can't specify the '-D' and '-L' options together." 1 usage
check -D -d foo -- "ERROR: You can't specify the '-D' and '-d' options together." 1 usage
check -D -c ls -o x foo -- "ERROR: You can't specify the '-D' and '-c' options together." 1 usage
check -D foo -- "ERROR: You have to specify output FILE with '-D' option." 1 usage
check -D -S 1 foo -- "ERROR: You have to specify output FILE with '-D' option." 1 usage
check -S 1 foo -- "ERROR: You have to specify output FILE with '-S' option." 1 usage
check -F 3 foo -- "ERROR: Relay basedir -F option is invalid for staprun" 1
check -F 3 -A -L foo -- "ERROR: You can't specify the '-A' and '-L' options together." 1 usage
check -b 0 -F 3 foo -- "ERROR: Invalid buffer size '0' (should be 1-4095)." 1 usage
check -A foo a=1 -- "ERROR: Cannot have module options with attach (-A)." 1 usage
check -A foo -- "ERROR: Cannot attach to module foo control channel; not running?" 1
check -d foo a=1 -- "ERROR: Cannot attach to module foo control channel; not running?
ERROR: 'foo' is not a zombie systemtap module." 234
check -d /tmp/foo-bar.ko -- "ERROR: Cannot attach to module foo-bar control channel; not running?
ERROR: 'foo-bar' is not a zombie systemtap module." 234
check -L -d foo -- "ERROR: Cannot attach to module foo control channel; not running?
ERROR: 'foo' is not a zombie systemtap module." 234
# A bare name is looked up in /lib/modules/KVER/systemtap/; a path is not.
check foo -- "ERROR: Unable to canonicalize path \"$M/foo.ko\": No such file or directory
ERROR: Couldn't insert module '$M/foo.ko': Unknown symbol in module" 1
check -x abc -S 0 -o x foo -- "ERROR: Unable to canonicalize path \"$M/foo.ko\": No such file or directory
ERROR: Couldn't insert module '$M/foo.ko': Unknown symbol in module" 1
check ./nonexist.ko -- "ERROR: Unable to canonicalize path \"./nonexist.ko\": No such file or directory
ERROR: Couldn't insert module './nonexist.ko': Unknown symbol in module" 1
rm -f /tmp/staprun_opts.err
exit 0
