#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Teardown never depends on who still looks at the session directory: a
# shell cd'd into /proc/systemtap/MOD and a process holding a procfs file
# open do not keep it; the held file then fails cleanly; the same module
# loads again at once (SystemTap fails here with "File exists").
. "$(dirname "$0")/../lib.sh"
case $1 in
build)
	cd "$OUT" &&
	"$STAP" -p4 -r "$KVER" -m t_pf_td -e '
probe begin { println("ready") }
probe procfs.read { $value = "abc\n" }
probe procfs.write { printf("got %s", $value) }' > /dev/null
	;;
run)
	d=/proc/systemtap/t_pf_td
	out=$(mktemp)
	start_session "$out" "$STAPRUN" "$OUT/t_pf_td.ko" || fail "did not start"
	# a shell sitting in the directory, and an open file
	(cd $d && exec sleep 1000) &
	cwd_pid=$!
	exec 3< $d/command
	exec 4> $d/command
	stop_session || fail "exit status $?"
	[ ! -e $d ] || fail "$d is still there after the session ended"
	grep -q '^t_pf_td ' /proc/modules && fail "t_pf_td is still loaded"
	err=$(cat <&3 2>&1) && fail "reading a file of an ended session worked: $err"
	echo x >&4 2> /dev/null && fail "writing a file of an ended session worked"
	exec 3<&- 4>&-

	start_session "$out" "$STAPRUN" "$OUT/t_pf_td.ko" || fail "rerun did not start"
	expect_eq "cat after rerun" "abc" "$(cat $d/command)"
	echo hi > $d/command || fail "echo after rerun failed"
	stop_session || fail "rerun exit status $?"
	expect_eq "rerun output" "ready
got hi" "$(cat "$out")"
	kill $cwd_pid
	wait $cwd_pid 2> /dev/null
	rm -f "$out" "$out.err"
	no_handler_modules || fail "a stap_ module is still loaded"
	;;
esac
