#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Many processes read and write one procfs file at once: every read sees
# the whole $value its read probe made, every write reaches the write probe
# intact, the counts add up, and nothing in the kernel complains.  Callers
# that wait for the global lock are not skipped probes: 8 writers and 8
# readers once ended the session with MAXSKIPPED.
. "$(dirname "$0")/../lib.sh"
LOOP=$OUT/procfs_loop
N=${PROCFS_OPS:-300}	# operations per process
P=8		# readers, and as many writers
case $1 in
build)
	gcc -O2 -Wall -Wextra -Werror -o "$LOOP" "$(dirname "$0")/procfs_loop.c" &&
	cd "$OUT" &&
	"$STAP" -p4 -r "$KVER" -m t_pf_cc -e '
global reads, writes, bad
probe begin { println("ready") }
probe procfs("data").read {
	reads++
	$value = "0123456789abcdefghijklmnopqrstuvwxyz"
	$value .= "ABCDEFGHIJKLMNOPQRSTUVWXYZ\n"
}
probe procfs("data").write {
	writes++
	if ($value != "the quick brown fox\n")
		bad++
}
probe end { printf("reads=%d writes=%d bad=%d\n", reads, writes, bad) }' > /dev/null
	;;
run)
	f=/proc/systemtap/t_pf_cc/data
	out=$(mktemp)
	start_session "$out" "$STAPRUN" "$OUT/t_pf_cc.ko" || fail "did not start"
	pids=()
	for i in $(seq $P); do
		"$LOOP" read $f $N "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ
" > /dev/null &
		pids+=($!)
		"$LOOP" write $f $N "the quick brown fox
" > /dev/null &
		pids+=($!)
	done
	for p in "${pids[@]}"; do
		wait $p || fail "a reader or writer failed"
	done
	stop_session || fail "exit status $?"
	expect_eq "counts" "ready
reads=$((P * N)) writes=$((P * N)) bad=0" "$(cat "$out")"
	expect_eq "stderr" "" "$(cat "$out.err")"
	rm -f "$out" "$out.err"
	;;
esac
