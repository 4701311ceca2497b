#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Scalar globals are module parameters: staprun m.ko name=value sets them
# (decimal, hex, negative, strings); a bad value is refused with
# SystemTap's "Invalid parameters" error and nothing stays loaded; an
# unknown name is refused before anything is loaded (4.8 drops it with a
# kernel log line and exits 0).
. "$(dirname "$0")/../lib.sh"
case $1 in
build)
	cd "$OUT" &&
	"$STAP" -p4 -r "$KVER" -m t_params -e '
global x = 1, y = 2, name = "world"
probe begin { printf("x=%d y=%d hello %s\n", x, y, name) exit() }'
	;;
run)
	got=$("$STAPRUN" "$OUT/t_params.ko" 2>&1)
	expect_eq "defaults" "x=1 y=2 hello world" "$got"
	got=$("$STAPRUN" "$OUT/t_params.ko" x=5 y=-7 name=there 2>&1)
	expect_eq "set" "x=5 y=-7 hello there" "$got"
	got=$("$STAPRUN" "$OUT/t_params.ko" x=0x10 2>&1)
	expect_eq "hex" "x=16 y=2 hello world" "$got"
	got=$("$STAPRUN" "$OUT/t_params.ko" x=junk 2>&1)
	rc=$?
	expect_eq "bad value" "ERROR: Couldn't insert module '$OUT/t_params.ko': Invalid parameters" "$got"
	expect_eq "bad value exit status" 1 $rc
	no_handler_modules || fail "a stap_ module is still loaded"
	got=$("$STAPRUN" "$OUT/t_params.ko" x=3 bogus=1 _stp-bufsize=16 z 2>&1)
	rc=$?
	expect_eq "unknown names" "ERROR: 'bogus' is not a parameter of module 't_params'
ERROR: 'z' is not a parameter of module 't_params'" "$got"
	expect_eq "unknown name exit status" 1 $rc
	no_handler_modules || fail "a stap_ module is still loaded"
	got=$("$STAPRUN" "$OUT/t_params.ko" name="\"two words\"" 2>&1)
	expect_eq "quoted value" "x=1 y=2 hello two words" "$got"
	;;
esac
