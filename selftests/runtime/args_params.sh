#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Script arguments given at compile time are module parameters argN:
# staprun m.ko arg1=10 arg2=world runs with $1 = 10 and @2 = "world", in
# expressions too; a bad number is refused ("Invalid parameters"); a
# script using both $1 and @1 takes arg1 as the string and $1 as its
# number; a global named arg1 keeps its name (no arg1 parameter).
. "$(dirname "$0")/../lib.sh"
case $1 in
build)
	cd "$OUT" &&
	"$STAP" -p4 -r "$KVER" -m t_args -e '
probe begin { printf("%d %d %s\n", $1, $1 * 2, @2) exit() }' 5 hello &&
	"$STAP" -p4 -r "$KVER" -m t_args_both -e '
probe begin { printf("%d [%s]\n", $1 + 1, @1) exit() }' 7 &&
	"$STAP" -p4 -r "$KVER" -m t_args_global -e '
global arg1 = 3
probe begin { printf("%d %d\n", arg1, $1) exit() }' 9
	;;
run)
	got=$("$STAPRUN" "$OUT/t_args.ko" 2>&1)
	expect_eq "defaults" "5 10 hello" "$got"
	got=$("$STAPRUN" "$OUT/t_args.ko" arg1=10 arg2=world 2>&1)
	expect_eq "set" "10 20 world" "$got"
	got=$("$STAPRUN" "$OUT/t_args.ko" arg1=-0x10 2>&1)
	expect_eq "negative hex" "-16 -32 hello" "$got"
	got=$("$STAPRUN" "$OUT/t_args.ko" arg1=junk 2>&1)
	rc=$?
	expect_eq "bad value" "ERROR: Couldn't insert module '$OUT/t_args.ko': Invalid parameters" "$got"
	expect_eq "bad value exit status" 1 $rc

	got=$("$STAPRUN" "$OUT/t_args_both.ko" 2>&1)
	expect_eq "both: defaults" "8 [7]" "$got"
	got=$("$STAPRUN" "$OUT/t_args_both.ko" arg1=41 2>&1)
	expect_eq "both: set" "42 [41]" "$got"
	got=$("$STAPRUN" "$OUT/t_args_both.ko" arg1=4x 2>&1)
	expect_eq "both: bad number" "ERROR: Couldn't insert module '$OUT/t_args_both.ko': Invalid parameters" "$got"

	got=$("$STAPRUN" "$OUT/t_args_global.ko" arg1=4 2>&1)
	expect_eq "global arg1" "4 9" "$got"
	no_handler_modules || fail "a stap_ module is still loaded"
	;;
esac
