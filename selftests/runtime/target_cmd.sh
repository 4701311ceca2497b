#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# target() is the pid of stap -c CMD (the shell's own $$ as CMD prints it)
# and the PID of stap -x PID; without either it is 0.  The modules come
# from the stap cache the build phase filled, so stap runs pass 5 only.
. "$(dirname "$0")/../lib.sh"
script_c='probe begin { printf("target=%d\n", target()) }'
script_x='probe begin { printf("target=%d\n", target()) exit() }'
case $1 in
build)
	"$STAP" -p4 -r "$KVER" -e "$script_c" > /dev/null &&
	"$STAP" -p4 -r "$KVER" -e "$script_x" > /dev/null
	;;
run)
	got=$("$STAP" -c 'sh -c "echo pid=\$\$"' -e "$script_c" 2>&1)
	rc=$?
	echo "$got"
	expect_eq "-c exit status" 0 $rc
	pid=$(printf '%s\n' "$got" | sed -n 's/^pid=//p')
	expect_match "-c: the command ran" '^[0-9]+$' "$pid"
	expect_match "-c: target() is its pid" "^target=$pid\$" "$got"
	expect_eq "-c: two lines" 2 "$(printf '%s\n' "$got" | wc -l)"

	sleep 60 &
	pid=$!
	got=$("$STAP" -x $pid -e "$script_x" 2>&1)
	rc=$?
	kill $pid
	expect_eq "-x" "target=$pid" "$got"
	expect_eq "-x exit status" 0 $rc

	got=$("$STAP" -e "$script_x" 2>&1)
	expect_eq "no target" "target=0" "$got"
	no_handler_modules || fail "a stap_ module is still loaded"
	;;
esac
