#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The relay buffer size is the module parameter _stp_bufsize (staprun -b N,
# stap -s N): a begin probe printing ~12 MB at once overflows a 1 MB
# buffer, and the warning names that size; the default 16 MB holds it all.
# A size the guest's memory cannot hold is refused at once, by staprun
# (-b) and by the runtime (the parameter given directly), where it once
# ran staprun into the OOM killer.
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

	cpus=$(nproc)
	got=$("$STAPRUN" -b 1024 "$OUT/t_bufsize.ko" 2>&1)
	expect_eq "-b 1024: exit status" 1 $?
	expect_match "-b 1024: message" "^ERROR: Buffer size 1024 MB per CPU needs $((2048 * cpus)) MB \\($cpus CPUs, kernel and staprun\\), but only [0-9]+ MB of memory is available\\.\$" "$got"
	got=$("$STAPRUN" "$OUT/t_bufsize.ko" _stp_bufsize=4095 2>&1)
	expect_eq "_stp_bufsize=4095: exit status" 1 $?
	expect_eq "_stp_bufsize=4095: message" "ERROR: Couldn't insert module '$OUT/t_bufsize.ko': Cannot allocate memory" "$got"
	no_handler_modules || fail "a stap_ module is still loaded"
	;;
esac
