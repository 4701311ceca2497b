#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The smallest timers SystemTap allows, timer.us(100) and timer.profile,
# for 5 s (stap -T 5) under read load on both CPUs: the session ends by itself
# in time, the guest answers throughout (a shell loop keeps counting), and
# the runner's dmesg check sees no soft lockup or stall.
. "$(dirname "$0")/../lib.sh"
case $1 in
build)
	cd "$OUT" &&
	"$STAP" -p4 -r "$KVER" -T 5 -m t_tmin -e '
global us, prof
probe timer.us(100) { us++ }
probe timer.profile { prof++ }
probe end { printf("%d %d\n", us > 0, prof > 0) }' > /dev/null
	;;
run)
	read_load
	( n=0; while :; do n=$((n + 1)); echo $n > /tmp/tmin.alive; sleep 0.1; done ) &
	alive=$!
	t0=$(date +%s)
	got=$(timeout 120 "$STAPRUN" "$OUT/t_tmin.ko" 2>&1)
	rc=$?
	t1=$(date +%s)
	kill $alive
	expect_eq "exit status" 0 $rc
	expect_eq "both timers fired" "1 1" "$got"
	echo "a 5 s session took $((t1 - t0)) s; the shell loop ran $(cat /tmp/tmin.alive) times"
	# 10 kHz of timer handlers take most of an emulated CPU: the loop
	# runs far less often than every 0.1 s, but it must run.
	[ "$(cat /tmp/tmin.alive)" -ge 2 ] || fail "the guest did not answer"
	;;
esac
