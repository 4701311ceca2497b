#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Output from both CPUs of the guest comes out in the order it was
# printed: a global counter printed from timer.profile on every CPU goes
# up by one in what staprun writes, and both CPUs took part.  The runtime
# flushes a handler's output before it drops the global's lock, so record
# order is the order the handlers held the lock in.
. "$(dirname "$0")/../lib.sh"
case $1 in
build)
	cd "$OUT" &&
	"$STAP" -p4 -r "$KVER" -m t_order -e '
global n
probe begin { printf("ready\n") }
probe timer.profile { printf("%d %d\n", ++n, cpu()) }'
	;;
run)
	[ "$(nproc)" -ge 2 ] || skip "one CPU"
	start_session /tmp/ord.out "$STAPRUN" "$OUT/t_order.ko" || fail "no start"
	# Keep both CPUs busy so the profile timer fires on each.
	timeout 3 sh -c 'while :; do :; done' &
	busy=$!
	timeout 3 sh -c 'while :; do :; done'
	wait $busy
	stop_session
	expect_eq "exit status" 0 $?
	# Two CPUs contend for the global's lock: under TCG a vCPU can lose
	# its host thread while it holds it, and the other skips its hit as
	# SystemTap would.  Skips are allowed, errors and anything else not.
	err=$(grep -v '^WARNING: Number of errors: 0, skipped probes: [0-9]*$' /tmp/ord.out.err)
	expect_eq "stderr" "" "$err"
	sed -i 1d /tmp/ord.out
	echo "# $(wc -l < /tmp/ord.out) lines"
	awk '{ if ($1 != prev + 1) { print "after " prev ": " $1 " (line " NR ")"; exit 1 } prev = $1 }' /tmp/ord.out ||
		fail "the counter does not go up by one"
	for c in 0 1; do
		grep -q " $c\$" /tmp/ord.out || fail "nothing from CPU $c"
	done
	exit 0
	;;
esac
