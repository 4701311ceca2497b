#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# A runtime error is reported as SystemTap reports it, with the token it
# happened near; the end probe is skipped after an error in begin; the
# exit summary counts the error and staprun exits 1.
. "$(dirname "$0")/../lib.sh"
case $1 in
build)
	cd "$OUT" &&
	"$STAP" -p4 -r "$KVER" -m t_div0 -e 'global z
probe begin { log("before") x = 10 / z; log("not reached") println(x) }
probe end { log("end must not run") }'
	;;
run)
	out=$("$STAPRUN" "$OUT/t_div0.ko" 2>/tmp/err)
	rc=$?
	err=$(cat /tmp/err)
	expect_eq "stdout" "before" "$out"
	expect_eq "stderr" "ERROR: division by 0 near operator '/' at <input>:2:36
WARNING: Number of errors: 1, skipped probes: 0" "$err"
	expect_eq "exit status" 1 $rc
	no_handler_modules || fail "a stap_ module is still loaded"
	;;
esac
