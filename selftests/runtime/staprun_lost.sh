#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Lost output is reported, never silent: with -b 1 a begin probe prints
# 2.4 MB while staprun cannot read (it waits for START), the records that
# did not fit are dropped and counted.  The lines that arrived are whole
# and in order; staprun prints the lost-data warning after the runtime's.
. "$(dirname "$0")/../lib.sh"
case $1 in
build)
	cd "$OUT" &&
	"$STAP" -p4 -r "$KVER" -m t_lost -DMAXACTION=1000000 -e '
probe begin { for (i = 1; i <= 200000; i++) printf("line %d\n", i) exit() }'
	;;
run)
	"$STAPRUN" -b 1 "$OUT/t_lost.ko" > /tmp/lost.out 2> /tmp/lost.err
	expect_eq "exit status" 0 $?
	cat /tmp/lost.err
	expect_match "the runtime's count" \
		'^WARNING: There were [0-9]+ transport failures\. Try stap -s to increase the buffer size from 1\.$' \
		"$(cat /tmp/lost.err)"
	expect_match "staprun's count" \
		'^WARNING: There were [1-9][0-9]* lost messages and [1-9][0-9]* lost bytes\.$' \
		"$(tail -n 1 /tmp/lost.err)"
	failures=$(sed -n 's/^WARNING: There were \([0-9]*\) transport failures.*/\1/p' /tmp/lost.err)
	msgs=$(sed -n 's/^WARNING: There were \([0-9]*\) lost messages.*/\1/p' /tmp/lost.err)
	bytes=$(sed -n 's/.* lost messages and \([0-9]*\) lost bytes\.$/\1/p' /tmp/lost.err)
	expect_eq "lost messages = transport failures (no gaps)" "$failures" "$msgs"
	got=$(wc -c < /tmp/lost.out)
	total=$(seq 1 200000 | sed 's/^/line /' | wc -c)
	expect_eq "bytes received + bytes lost = bytes printed" $total $((got + bytes))
	grep -v -q -E '^line [0-9]+$' /tmp/lost.out && fail "a partial line arrived"
	awk '{ if ($2 <= prev) exit 1; prev = $2 }' /tmp/lost.out || fail "lines out of order"
	expect_eq "the first line arrived" "line 1" "$(head -n 1 /tmp/lost.out)"
	exit 0
	;;
esac
