#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# procfs_rtt: round trip of a procfs read probe, "cat" done 1000 times in a
# C loop (open, read to EOF, close): probe procfs.read { $value = "abc\n" }.
. "$(dirname "$0")/../selftests/lib.sh"
LOOP=$BENCH_OUT/procfs_loop
N=1000
script='probe begin { println("ready") } probe procfs.read { $value = "abc\n" }'
case $1 in
build)
	gcc -O2 -Wall -o "$LOOP" "$TOP/selftests/runtime/procfs_loop.c" &&
	cd "$BENCH_OUT" &&
	"$STAP" -p4 -r "$KVER" -m b_pfrtt -e "$script" > /dev/null || exit 1
	if [ -n "$STAP48_RUNTIME" ]; then
		/usr/bin/stap -p4 -r "$KVER" -R "$STAP48_RUNTIME" -m b_pfrtt48 \
			-e "$script" > /dev/null
	fi
	;;
run)
	# TCG timing is noisy: both sessions stay loaded and the two loops
	# alternate, ROUNDS times each; the best and the median are reported.
	ROUNDS=7
	once() {
		"$LOOP" read "$1" $N "abc
" | sed -n 's/.* \([0-9]*\) ns\/op/\1/p'
	}
	stats() {	# "best median" of the numbers on stdin
		sort -n | awk '{ v[NR] = $1 } END { printf "%d %d", v[1], v[int((NR + 1) / 2)] }'
	}
	o1=$(mktemp) o2=$(mktemp)
	start_session "$o1" "$STAPRUN" "$BENCH_OUT/b_pfrtt.ko" || exit 1
	pid1=$SESSION_PID
	pid2=
	if [ -f "$BENCH_OUT/b_pfrtt48.ko" ] &&
	   start_session "$o2" /usr/bin/staprun "$BENCH_OUT/b_pfrtt48.ko"; then
		pid2=$SESSION_PID
	fi
	ours=() theirs=()
	for i in $(seq $ROUNDS); do
		ours+=($(once /proc/systemtap/b_pfrtt/command))
		[ -z "$pid2" ] || theirs+=($(once /proc/systemtap/b_pfrtt48/command))
	done
	kill -INT $pid1 $pid2
	wait $pid1 $pid2
	read ob om <<< "$(printf "%s\n" "${ours[@]}" | stats)"
	if [ ${#theirs[@]} -gt 0 ]; then
		read tb tm <<< "$(printf "%s\n" "${theirs[@]}" | stats)"
		echo "procfs_rtt: open/read/close of a procfs read probe, $N in a C loop, $ROUNDS rounds alternating:"
		echo "procfs_rtt:   stap         best $ob ns, median $om ns"
		echo "procfs_rtt:   systemtap-4.8 best $tb ns, median $tm ns"
		echo "procfs_rtt:   4.8/stap     best $(awk "BEGIN { printf \"%.2f\", $tb / $ob }"), median $(awk "BEGIN { printf \"%.2f\", $tm / $om }")"
	else
		echo "procfs_rtt: stap best $ob ns, median $om ns per open/read/close; SystemTap 4.8 n/a"
	fi
	rm -f "$o1" "$o1.err" "$o2" "$o2.err"
	;;
esac
