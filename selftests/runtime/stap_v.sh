#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The whole of stap inside the guest: stap -v compiles hello world there,
# prints SystemTap's five pass lines and the output, exits 0; a second
# identical run is served from the cache.
. "$(dirname "$0")/../lib.sh"
case $1 in
build)
	;;
run)
	export SYSTEMTAP_DIR=$(mktemp -d)
	script='probe begin { log("hello world") exit() }'
	got=$("$STAP" -v -e "$script" 2>&1)
	rc=$?
	echo "$got"
	expect_eq "exit status" 0 $rc
	mem='[0-9]+virt/[0-9]+res/[0-9]+shr/[0-9]+data kb'
	tm='[0-9]+usr/[0-9]+sys/[0-9]+real ms'
	n=0
	while read -r re; do
		n=$((n + 1))
		line=$(printf '%s\n' "$got" | sed -n "${n}p")
		expect_match "line $n" "^$re\$" "$line"
	done <<EOR
Pass 1: parsed user script and [0-9]+ library scripts? using $mem, in $tm\.
Pass 2: analyzed script: 1 probe, [0-9]+ functions?, [0-9]+ embeds?, 0 globals using $mem, in $tm\.
Pass 3: translated to C into "/tmp/stap[A-Za-z0-9]+/stap_[0-9a-f_]+_src\.c" using $mem, in $tm\.
Pass 4: compiled C into "stap_[0-9a-f_]+\.ko" in $tm\.
Pass 5: starting run\.
hello world
Pass 5: run completed in $tm\.
EOR
	expect_eq "line count" 7 "$(printf '%s\n' "$got" | wc -l)"
	no_handler_modules || fail "a stap_ module is still loaded"
	grep -q '^systemtap ' /proc/modules || fail "systemtap.ko is not loaded"

	got=$("$STAP" -v -e "$script" 2>&1)
	echo "$got"
	expect_match "pass 3 cached" '^Pass 3: using cached .+/cache/[0-9a-f]{2}/stap_[0-9a-f_]+\.c$' "$got"
	expect_match "pass 4 cached" '^Pass 4: using cached .+/cache/[0-9a-f]{2}/stap_[0-9a-f_]+\.ko$' "$got"
	expect_match "output" '^hello world$' "$got"
	rm -rf "$SYSTEMTAP_DIR"
	;;
esac
