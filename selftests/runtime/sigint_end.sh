#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# SIGINT stops a running session cleanly: the end probe runs, its output is
# printed after the begin probe's, staprun exits 0 and the module is gone.
. "$(dirname "$0")/../lib.sh"
case $1 in
build)
	cd "$OUT" &&
	"$STAP" -p4 -r "$KVER" -m t_sigint -e '
global s = "begun"
probe begin { printf("%s\n", s) }
probe end { log("ended") }'
	;;
run)
	got=$(timeout --preserve-status -s INT 2 "$STAPRUN" "$OUT/t_sigint.ko" 2>&1)
	rc=$?
	expect_eq "output" "begun
ended" "$got"
	expect_eq "exit status" 0 $rc
	no_handler_modules || fail "a stap_ module is still loaded"
	;;
esac
