#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timer.ms($1) takes its period from the parameter arg1 at load: built
# with 500 ms, run for 2 s it fires at most 5 times; loaded with arg1=20
# it fires far more often (at least 30 times, 100 in theory).  A period
# out of timer.ms's range is refused at load.  timer.s($2) ends it.
. "$(dirname "$0")/../lib.sh"
case $1 in
build)
	cd "$OUT" &&
	"$STAP" -p4 -r "$KVER" -m t_args_timer -e '
global n
probe timer.ms($1) { n++ }
probe timer.s($2) { printf("%d\n", n) exit() }' 500 2
	;;
run)
	got=$("$STAPRUN" "$OUT/t_args_timer.ko" 2>&1)
	echo "default: $got"
	expect_match "default: a count" '^[0-9]+$' "$got"
	[ "$got" -le 5 ] || fail "500 ms fired $got times in 2 s"
	got=$("$STAPRUN" "$OUT/t_args_timer.ko" arg1=20 2>&1)
	echo "arg1=20: $got"
	expect_match "arg1=20: a count" '^[0-9]+$' "$got"
	[ "$got" -ge 30 ] && [ "$got" -le 101 ] ||
		fail "20 ms fired $got times in 2 s"
	got=$("$STAPRUN" "$OUT/t_args_timer.ko" arg1=20 arg2=1 2>&1)
	echo "arg1=20 arg2=1: $got"
	[ "$got" -ge 15 ] && [ "$got" -le 51 ] ||
		fail "20 ms fired $got times in 1 s"
	got=$("$STAPRUN" "$OUT/t_args_timer.ko" arg1=0 2>&1)
	rc=$?
	expect_eq "out of range" "ERROR: Couldn't insert module '$OUT/t_args_timer.ko': Invalid parameters" "$got"
	expect_eq "out of range exit status" 1 $rc
	no_handler_modules || fail "a stap_ module is still loaded"
	;;
esac
