#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The scheduler.*, signal.* and kprocess.* tapsets with no debuginfo: a
# shell the test starts execs, signals itself with SIGTERM and exits, and
# each step is seen with 4.8's variables (filename, sig_name, pid_name,
# scheduler.process_exit's pid, kprocess.exit's code).
. "$(dirname "$0")/../lib.sh"
case $1 in
build)
	cd "$OUT" &&
	"$STAP" -p4 -r "$KVER" -m t_sched -e '
probe kprocess.exec { if (pid() == target()) println("exec ", filename) }
probe signal.send { if (sig_pid == target()) println("signal ", sig_name, " to ", pid_name) }
probe kprocess.exit { if (pid() == target()) println("exit code ", code) }
probe scheduler.process_exit { if (pid == target()) println(name, " ", pid == target()) }
probe scheduler.wakeup_new { if (task_pid == target()) println("wakeup_new") }' > /dev/null
	;;
run)
	got=$("$STAPRUN" -c "/bin/sh -c 'kill -TERM \$\$'" "$OUT/t_sched.ko" 2> /tmp/sch.err)
	expect_eq "exit status" 0 $?
	expect_eq "stderr" "" "$(drop_skips < /tmp/sch.err)"
	expect_eq "output" 'exec "/bin/sh"
signal SIGTERM to sh
exit code 15
process_exit 1' "$got"
	no_handler_modules || fail "a stap_ module is still loaded"
	;;
esac
