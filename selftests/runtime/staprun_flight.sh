#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The flight recorder: staprun -L -b 1, then far more than 1 MB printed
# while detached; staprun -A shows the newest lines, not line 1, numbered
# lines strictly increasing, no lost-data warning for what was overwritten,
# then the end probe's line after SIGTERM.
. "$(dirname "$0")/../lib.sh"
N=400000
case $1 in
build)
	cd "$OUT" &&
	"$STAP" -p4 -r "$KVER" -m t_flight -DMAXACTION=100000 -e '
global n
probe timer.ms(10) {
	for (i = 0; i < 2000 && n < '$N'; i++)
		printf("line %d\n", ++n)
}
probe procfs("n").read { $value = sprintf("%d\n", n) }
probe end { printf("end %d\n", n) }'
	;;
run)
	got=$("$STAPRUN" -L -b 1 "$OUT/t_flight.ko" 2>&1)
	expect_eq "-L" 0 $?
	for i in $(seq 600); do
		[ "$(cat /proc/systemtap/t_flight/n)" = $N ] && break
		sleep 0.1
	done
	expect_eq "lines written while detached" $N "$(cat /proc/systemtap/t_flight/n)"
	"$STAPRUN" -A t_flight > /tmp/fl.out 2> /tmp/fl.err &
	pid=$!
	sleep 3
	kill -TERM $pid
	wait $pid
	expect_eq "exit status" 0 $?
	expect_eq "stderr (nothing lost while attached)" "" "$(cat /tmp/fl.err)"
	expect_eq "last line" "end $N" "$(tail -n 1 /tmp/fl.out)"
	first=$(head -n 1 /tmp/fl.out)
	expect_match "first line is a whole line" '^line [0-9]+$' "$first"
	first=${first#line }
	lines=$(grep -c '^line ' /tmp/fl.out)
	echo "# reattach showed $lines lines, from line $first to line $N"
	# 1 MB per CPU holds well under 200000 of these 12-byte lines.
	[ "$first" -gt $((N - 200000)) ] || fail "first line shown is old: line $first"
	awk -v n=$N '/^line /{ if ($2 <= prev) { print "not increasing: " prev " then " $2; exit 1 } prev = $2 }
		END { if (prev != n) { print "last numbered line " prev; exit 1 } }' /tmp/fl.out ||
		fail "numbered lines are not strictly increasing up to $N"
	no_handler_modules || fail "a stap_ module is still loaded"
	grep -q '^t_flight ' /proc/modules && fail "t_flight still loaded"
	exit 0
	;;
esac
