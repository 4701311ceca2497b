#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The relay buffer size is the module parameter _stp_bufsize (staprun -b N,
# stap -s N): a begin probe printing ~12 MB at once overflows a 1 MB
# buffer, and the warning names that size; the default 16 MB holds it all.
. "$(dirname "$0")/../lib.sh"
script='probe begin {
	s = sprintf("%0500d\n", 0)
	for (i = 0; i < 25000; i++) print(s)
	exit()
}'
case $1 in
build)
	cd "$OUT" &&
	"$STAP" -p4 -r "$KVER" -m t_bufsize -DMAXACTION=100000 -e "$script" &&
	"$STAP" -p4 -r "$KVER" -DMAXACTION=100000 -e "$script" > /dev/null
	;;
run)
	warn='^WARNING: There were [0-9]+ transport failures\. Try stap -s to increase the buffer size from 1\.$'
	err=$("$STAPRUN" "$OUT/t_bufsize.ko" _stp_bufsize=1 2>&1 >/dev/null)
	echo "$err"
	expect_match "_stp_bufsize=1" "$warn" "$err"
	bytes=$("$STAPRUN" "$OUT/t_bufsize.ko" 2>/dev/null | wc -c)
	expect_eq "default: all output" $((25000 * 501)) "$bytes"
	err=$("$STAP" -s 1 -DMAXACTION=100000 -e "$script" 2>&1 >/dev/null)
	echo "$err"
	expect_match "stap -s 1" "$warn" "$err"
	no_handler_modules || fail "a stap_ module is still loaded"
	;;
esac
