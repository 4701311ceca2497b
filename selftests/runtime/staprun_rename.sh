#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# -R: one .ko loaded twice at once under names of the same length,
# <start of the old name>_<staprun pid>, each with its /proc/systemtap
# directory and its own output.  Without -R the second load fails with
# 4.8's two lines.
. "$(dirname "$0")/../lib.sh"
case $1 in
build)
	cd "$OUT" &&
	"$STAP" -p4 -r "$KVER" -m t_rename_twice -e '
probe begin { printf("ready\n") }
probe end { printf("bye\n") }'
	;;
run)
	ko=$OUT/t_rename_twice.ko
	start_session /tmp/rn1.out "$STAPRUN" -R "$ko" || fail "first"
	p1=$SESSION_PID
	start_session /tmp/rn2.out "$STAPRUN" -R "$ko" || fail "second"
	p2=$SESSION_PID
	for p in $p1 $p2; do
		n=t_rename_twice
		name=${n:0:$((${#n} - ${#p} - 1))}_$p
		[ -e /proc/systemtap/$name/.cmd ] || fail "no /proc/systemtap/$name"
		grep -q "^$name " /proc/modules || fail "$name not loaded"
		expect_eq "same length" ${#n} ${#name}
	done
	kill -INT $p1 $p2
	wait $p1
	expect_eq "first: exit status" 0 $?
	wait $p2
	expect_eq "second: exit status" 0 $?
	expect_eq "first: output" "ready
bye" "$(cat /tmp/rn1.out)"
	expect_eq "second: output" "ready
bye" "$(cat /tmp/rn2.out)"
	expect_eq "first: stderr" "" "$(cat /tmp/rn1.out.err)"

	# The same name twice without -R: 4.8's EEXIST lines.
	start_session /tmp/rn1.out "$STAPRUN" "$ko" || fail "plain load"
	got=$("$STAPRUN" "$ko" 2>&1)
	rc=$?
	stop_session
	expect_eq "EEXIST: message" "ERROR: Couldn't insert module '$ko': File exists
ERROR: Rerun with staprun option '-R' to rename this module." "$got"
	expect_eq "EEXIST: exit status" 1 $rc
	no_handler_modules || fail "a stap_ module is still loaded"
	grep -q '^t_rename' /proc/modules && fail "a t_rename module is still loaded"
	exit 0
	;;
esac
