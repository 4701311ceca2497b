#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# 1 MiB writes, 20 times, to a procfs write probe file: each
# arrives whole, in MAXSTRINGLEN-1 chunks; and to .control, where a write
# longer than a command fails with EINVAL and changes nothing.
. "$(dirname "$0")/../lib.sh"
case $1 in
build)
	cd "$OUT" &&
	"$STAP" -p4 -r "$KVER" -m t_pf_big -e '
global bytes
probe begin { println("ready") }
probe procfs("in").write { bytes += strlen($value) }
probe end { printf("bytes=%d\n", bytes) }' > /dev/null
	;;
run)
	out=$(mktemp)
	start_session "$out" "$STAPRUN" "$OUT/t_pf_big.ko" || fail "did not start"
	head -c 1048576 /dev/zero | tr '\0' x > /tmp/big
	for i in $(seq 20); do
		cat /tmp/big > /proc/systemtap/t_pf_big/in || fail "write $i failed"
		got=$(dd if=/tmp/big of=/proc/systemtap/t_pf_big/.control bs=1M 2>&1)
		expect_match ".control: write $i" 'Invalid argument' "$got"
	done
	stop_session || fail "exit status $?"
	expect_eq "all bytes arrived" "ready
bytes=$((20 * 1048576))" "$(cat "$out")"
	expect_eq "stderr" "" "$(cat "$out.err")"
	rm -f "$out" "$out.err" /tmp/big
	;;
esac
