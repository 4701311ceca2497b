#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The out-of-tree provider of samples/probe-types/netfilter: built here
# against the runtime's headers and Module.symvers, its description found
# with -I.  A script counts the LOCAL_OUT ICMP packets of 3 loopback pings
# (3 echo requests, 3 replies) and prints their fields; the provider cannot
# be removed while the session uses it; without the provider staprun
# refuses the session, naming the type.
. "$(dirname "$0")/../lib.sh"
nf=$TOP/samples/probe-types/netfilter
script='global n
probe begin { println("ready") }
probe netfilter.hook("NF_INET_LOCAL_OUT") {
	if ($protocol != 1)
		next
	n++
	printf("%d %d %s %s [%s] %s %d\n", $length, $protocol, $saddr, $daddr,
	       $indev_name, $outdev_name, $skb != 0)
}
probe end { printf("packets: %d\n", n) }'

case $1 in
build)
	d=$OUT/nf
	rm -rf "$d" && mkdir -p "$d" && cp "$nf"/* "$d"/ &&
	make -s -C "$d" KVER="$KVER" STAP_RUNTIME="$TOP/build/share/stap/runtime" \
		> /dev/null &&
	"$STAP" -p4 -r "$KVER" -I "$nf" -e "$script" > /dev/null
	;;
run)
	d=$OUT/nf
	no_handler_modules || fail "a stap_ module is loaded"
	grep -q '^systemtap ' /proc/modules ||
		insmod "$TOP/build/share/stap/runtime/$KVER/systemtap.ko" ||
		fail "insmod systemtap.ko"
	insmod "$d/netfilter_stap.ko" || fail "insmod netfilter_stap.ko"
	trap 'rmmod netfilter_stap 2> /dev/null' EXIT
	expect_match "registered" "^netfilter netfilter_stap 0$" \
		"$(cat /proc/systemtap/probe_types)"
	ip link set lo up || fail "ip link set lo up"

	out=$(mktemp)
	start_session "$out" "$STAP" -I "$nf" -e "$script" || fail "no session"
	ping -c 3 -i 0.2 -W 5 127.0.0.1 > /dev/null || fail "ping 127.0.0.1"
	rmmod netfilter_stap 2> /dev/null && fail "provider removed under a session"
	stop_session
	expect_eq "stap exit status" 0 $?
	line="84 1 127.0.0.1 127.0.0.1 [] lo 1"
	expect_eq "output" "ready
$line
$line
$line
$line
$line
$line
packets: 6" "$(cat "$out")"
	expect_eq "stderr" "" "$(cat "$out.err")"
	rm -f "$out" "$out.err"
	no_handler_modules || fail "a stap_ module is still loaded"
	rmmod netfilter_stap || fail "rmmod netfilter_stap after the session"

	# Without the provider: refused before the insert, naming the type.
	got=$("$STAP" -I "$nf" -e "$script" 2>&1)
	expect_eq "no provider: status" 1 $?
	expect_eq "no provider" "ERROR: probe type 'netfilter' is not registered: no module provides stap-probe-netfilter; load its provider first
WARNING: $STAPRUN exited with status: 1
Pass 5: run failed.  [man error::pass5]" "$got"
	no_handler_modules || fail "a stap_ module is loaded after the refusal"
	;;
esac
