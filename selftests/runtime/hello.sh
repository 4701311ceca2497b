#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# A module built on the host with stap -p4 -m prints hello world through
# staprun, exits 0 and leaves systemtap.ko loaded and no handler module.
. "$(dirname "$0")/../lib.sh"
case $1 in
build)
	mkdir -p "$OUT" && cd "$OUT" &&
	"$STAP" -p4 -r "$KVER" -m t_hello -e 'probe begin { log("hello world") exit() }'
	;;
run)
	got=$("$STAPRUN" "$OUT/t_hello.ko" 2>&1)
	rc=$?
	expect_eq "staprun output" "hello world" "$got"
	expect_eq "exit status" 0 $rc
	grep -q '^systemtap ' /proc/modules || fail "systemtap.ko is not loaded"
	no_handler_modules || fail "a stap_ module is still loaded: $(grep ^stap_ /proc/modules)"
	[ ! -e /proc/systemtap/t_hello ] || fail "/proc/systemtap/t_hello is still there"
	;;
esac
