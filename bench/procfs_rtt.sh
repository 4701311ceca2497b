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
	# best of 3 runs of N round trips
	rtt() {
		local best= i t
		for i in 1 2 3; do
			t=$("$LOOP" read "$1" $N "abc
" | sed -n 's/.* \([0-9]*\) ns\/op/\1/p')
			[ -n "$t" ] || return 1
			[ -z "$best" ] || [ "$t" -lt "$best" ] && best=$t
		done
		echo "$best"
	}
	out=$(mktemp)
	start_session "$out" "$STAPRUN" "$BENCH_OUT/b_pfrtt.ko" || exit 1
	ours=$(rtt /proc/systemtap/b_pfrtt/command)
	stop_session
	theirs=
	if [ -f "$BENCH_OUT/b_pfrtt48.ko" ]; then
		start_session "$out" /usr/bin/staprun "$BENCH_OUT/b_pfrtt48.ko" &&
			theirs=$(rtt /proc/systemtap/b_pfrtt48/command)
		stop_session
	fi
	if [ -n "$ours" ] && [ -n "$theirs" ]; then
		echo "procfs_rtt: stap $ours ns, systemtap-4.8 $theirs ns per open/read/close ($N in a loop, best of 3); 4.8/stap = $(awk "BEGIN { printf \"%.2f\", $theirs / $ours }")"
	else
		echo "procfs_rtt: stap ${ours:-failed} ns, systemtap-4.8 ${theirs:-n/a} ns per open/read/close"
	fi
	rm -f "$out" "$out.err"
	;;
esac
