#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# kernel.function and kprobe.function without debuginfo: -L lists the
# parameters with their BTF types, -l expands wildcards and brace lists,
# and the errors for a $name the function has not, a member its struct
# has not, $return outside .return, a write without -g and -> on an
# integer are SystemTap's semantic errors.
. "$(dirname "$0")/../lib.sh"
S() { "$STAP" -r "$KVER" "$@" 2>&1; }

expect_eq "-L vfs_read" 'kernel.function("vfs_read") $file:struct file* $buf:char* $count:size_t $pos:loff_t*' \
	"$(S -L 'kernel.function("vfs_read")')"
expect_eq "-L .return" 'kernel.function("vfs_read").return $file:struct file* $buf:char* $count:size_t $pos:loff_t* $return:ssize_t' \
	"$(S -L 'kernel.function("vfs_read").return')"
expect_eq "-L kprobe.function" 'kprobe.function("ksys_read") $fd:unsigned int $buf:char* $count:size_t' \
	"$(S -L 'kprobe.function("ksys_read")')"
expect_eq "-l brace list" 'kernel.function("vfs_read")
kernel.function("vfs_write")' "$(S -l 'kernel.function("{vfs_write,vfs_read}")')"

# A wildcard: every name matches, vfs_read is one of them, none twice.
got=$(S -l 'kernel.function("vfs_rea*")')
expect_match "-l wildcard has vfs_read" '^kernel\.function\("vfs_read"\)$' "$got"
bad=$(grep -v '^kernel\.function("vfs_rea[^"]*")$' <<< "$got")
expect_eq "-l wildcard: only matches" "" "$bad"
expect_eq "-l wildcard: no duplicates" "$(sort -u <<< "$got")" "$got"
got=$(S -p2 -e 'probe kernel.function("vfs_rea*") { n++ } global n')
expect_eq "-p2 wildcard: one probe per function" "$(grep -c . <<< "$(S -l 'kernel.function("vfs_rea*")')")" \
	"$(grep -c '^kernel\.function("vfs_rea' <<< "$got")"

# err SCRIPT: the first message of stap -p2 on it
err() {
	S -p2 -e "$1" | head -n 1
}
expect_eq "unknown \$name" "semantic error: unable to find local 'nosuch', [man error::dwarf] in BTF of vfs_read (alternatives: \$file \$buf \$count \$pos): identifier '\$nosuch' at <input>:1:45" \
	"$(err 'probe kernel.function("vfs_read") { println($nosuch) }')"
expect_eq "unknown member" "semantic error: unable to find member 'nosuch' for struct open_how (alternatives: flags mode resolve): identifier '\$how' at <input>:1:51" \
	"$(err 'probe kernel.function("do_sys_openat2") { println($how->nosuch) }')"
expect_eq "\$return in a call probe" "semantic error: target-symbol \$return is not available in a non-return probe: identifier '\$return' at <input>:1:45" \
	"$(err 'probe kernel.function("vfs_read") { println($return) }')"
expect_eq "write without -g" "semantic error: write to target variable not permitted; need stap -g: identifier '\$file' at <input>:1:37" \
	"$(err 'probe kernel.function("vfs_read") { $file = 0 }')"
expect_eq "-> on an integer" "semantic error: member access on a value of type 'size_t', not a struct or union pointer: identifier '\$count' at <input>:1:45" \
	"$(err 'probe kernel.function("vfs_read") { println($count->x) }')"
S -p2 -e 'probe kernel.function("no_such_function_xyz") { }' > /dev/null
expect_eq "no such function: exit status" 1 $?

# Tracepoints: events from the kernel's trace headers, arguments from BTF.
expect_eq "-L kernel.trace" 'kernel.trace("sched:sched_switch") $preempt:bool $prev:struct task_struct* $next:struct task_struct* $prev_state:unsigned int' \
	"$(S -L 'kernel.trace("sched:sched_switch")')"
got=$(S -l 'kernel.trace("sched:sched_*")')
expect_match "-l kernel.trace wildcard" '^kernel\.trace\("sched:sched_process_exec"\)$' "$got"
expect_eq "-l kernel.trace wildcard: only sched:sched_*" "" \
	"$(grep -v '^kernel\.trace("sched:sched_[a-z_0-9]*")$' <<< "$got")"
expect_eq "unknown tracepoint variable" "semantic error: unable to find tracepoint variable '\$nosuch' (alternatives: \$preempt \$prev \$next \$prev_state): identifier '\$nosuch' at <input>:1:52" \
	"$(err 'probe kernel.trace("sched:sched_switch") { println($nosuch) }')"

# Blacklisted, as SystemTap's kernel.function: no match.
got=$(S -p2 -e 'probe kernel.function("exc_int3") { }')
expect_eq "blacklisted function" "semantic error: while resolving probe point: identifier 'kernel' at <input>:1:7
        source: probe kernel.function(\"exc_int3\") { }
                      ^

semantic error: no match

Pass 2: analysis failed.  [man error::pass2]" "$got"
expect_eq "blacklisted .return" "semantic error: no match" \
	"$(S -p2 -e 'probe kernel.function("do_exit").return { }' | sed -n 5p)"
S -p2 -e 'probe kernel.function("do_exit") { n++ } global n' > /dev/null
expect_eq "do_exit's entry is not blacklisted" 0 $?

# kernel.trace("*"): every event, those with more than 10 arguments too
# (only their first 10 are readable).
got=$(S -p2 -e 'probe kernel.trace("*") { n++ } global n')
expect_eq "kernel.trace(\"*\"): exit status" 0 $?
n=$(grep -c '^kernel\.trace(' <<< "$got")
[ "$n" -gt 100 ] || fail "kernel.trace(\"*\"): only $n probes"
