#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# staprun killed with SIGKILL at a random moment of start-up, run or exit,
# STRESS_ITERS times (200), while two readers hammer the probed vfs_read on
# both CPUs; then the session is deleted (staprun -d), removed (rmmod) or
# run again, in turn.  Each round must leave nothing loaded; the runner
# checks dmesg after the test.  Prints where the kills landed.
. "$(dirname "$0")/../lib.sh"
iters=${STRESS_ITERS:-200}
case $1 in
build)
	cd "$OUT" &&
	"$STAP" -p4 -r "$KVER" -m t_k9churn -e '
global n, t
probe begin { println("started") }
probe kprobe.function("vfs_read") { if (++n % 20000 == 0) printf("%d reads\n", n) }
probe timer.ms(1) { t++ }
probe timer.ms(600) { exit() }
probe end { printf("ended %d\n", t > 0) }' > /dev/null
	;;
run)
	m=t_k9churn
	read_load
	startup=0 running=0 ended=0 gone=0
	for i in $(seq "$iters"); do
		# Odd rounds within the first 0.4 s (loading, begin, arming),
		# even rounds anywhere in 1.5 s (running, end probes, exit).
		if [ $((i % 2)) = 1 ]; then
			ms=$((RANDOM % 400))
		else
			ms=$((RANDOM % 1500))
		fi
		"$STAPRUN" "$OUT/$m.ko" > /tmp/k9c.out 2>&1 &
		pid=$!
		sleep "$((ms / 1000)).$(printf %03d $((ms % 1000)))"
		kill -9 $pid 2> /dev/null || gone=$((gone + 1))
		wait $pid 2> /dev/null
		if grep -q '^ended' /tmp/k9c.out; then
			ended=$((ended + 1))
		elif grep -q '^started' /tmp/k9c.out; then
			running=$((running + 1))
		else
			startup=$((startup + 1))
		fi
		case $((i % 3)) in
		0) "$STAPRUN" -d $m > /dev/null 2>&1 ;;
		1) rmmod $m 2> /dev/null ;;
		2) timeout -s INT 5 "$STAPRUN" "$OUT/$m.ko" > /tmp/k9c.rerun 2>&1 ;;
		esac
		# Whatever the round left behind must go, by the usual means.
		if grep -q "^$m " /proc/modules; then
			"$STAPRUN" -d $m > /dev/null 2>&1 || rmmod $m ||
				fail "round $i: $m cannot be removed"
		fi
		[ ! -e /proc/systemtap/$m ] || fail "round $i: /proc/systemtap/$m survived"
	done
	echo "kill -9 after 0-0.4 s or 0-1.5 s, $iters rounds: $startup in start-up, $running while running," \
		"$ended after the end probe, $gone after staprun had exited"
	no_handler_modules || fail "a stap_ module is still loaded"
	;;
esac
