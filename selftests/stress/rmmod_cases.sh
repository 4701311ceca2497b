#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Removal behind the session's back, under read load on the kprobe:
# rmmod of the runtime while a handler module is loaded is refused and the
# session goes on; a second staprun on the session is refused; rmmod of
# the handler module behind staprun runs the end probe, whose output
# staprun still prints (the unload waits for it to be read), then ends
# staprun with "module went away" and exit status 1; the module then
# loads again.  STRESS_ITERS/10 rounds (20).
. "$(dirname "$0")/../lib.sh"
rounds=$(( ${STRESS_ITERS:-200} / 10 ))
case $1 in
build)
	cd "$OUT" &&
	"$STAP" -p4 -r "$KVER" -m t_rmmod -e '
global n
probe begin { println("ready") }
probe kprobe.function("vfs_read") { n++ }
probe timer.ms(100) { if (n < 0) println(n) }
probe end { println("end") }' > /dev/null
	;;
run)
	read_load
	out=$(mktemp)
	for i in $(seq "$rounds"); do
		start_session "$out" "$STAPRUN" "$OUT/t_rmmod.ko" || fail "round $i: did not start"
		got=$(rmmod systemtap 2>&1)
		expect_eq "round $i: rmmod systemtap: exit status" 1 $?
		expect_eq "round $i: rmmod systemtap" "rmmod: ERROR: Module systemtap is in use by: t_rmmod" "$got"
		got=$("$STAPRUN" -A t_rmmod 2>&1)
		expect_eq "round $i: second staprun: exit status" 1 $?
		expect_eq "round $i: second staprun" "ERROR: Cannot attach to module t_rmmod control channel; not running?" "$got"
		rmmod t_rmmod 2> /dev/null || fail "round $i: rmmod t_rmmod"
		timeout 60 tail --pid=$SESSION_PID -f /dev/null ||
			fail "round $i: staprun still runs a minute after rmmod"
		wait $SESSION_PID
		rc=$?
		expect_eq "round $i: staprun after rmmod: stdout" "ready
end" "$(cat "$out")"
		expect_eq "round $i: staprun after rmmod: stderr" "ERROR: module 't_rmmod' went away" "$(drop_skips < "$out.err")"
		expect_eq "round $i: staprun after rmmod: exit status" 1 $rc
		[ ! -e /proc/systemtap/t_rmmod ] || fail "round $i: /proc/systemtap/t_rmmod survived"
	done
	got=$(timeout -s INT 3 "$STAPRUN" "$OUT/t_rmmod.ko" 2>&1 | drop_skips)
	expect_eq "loads again" "ready
end" "$got"
	no_handler_modules || fail "a stap_ module is still loaded"
	;;
esac
