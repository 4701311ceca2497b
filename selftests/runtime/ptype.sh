#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Probe types are plug-ins (<stap/probe_type.h>): /proc/systemtap/probe_types
# lists the built-ins; a handler module whose probe names a type nobody
# registers is refused with the type's name in the kernel log; a provider
# built for another provider API is refused with both versions; a provider
# of "selftest" runs a hand-written handler module's probe, cannot be
# removed while that module is loaded, and unregisters once it is gone.
. "$(dirname "$0")/../lib.sh"
case $1 in
build)
	d=$OUT/ptype
	rm -rf "$d" && mkdir -p "$d" &&
	cp "$(dirname "$0")"/ptype/* "$d"/ &&
	make -s -C "/lib/modules/$KVER/build" M="$d" STAP_INC="$TOP/kmod/include" \
		KBUILD_EXTRA_SYMBOLS="$TOP/build/share/stap/runtime/$KVER/Module.symvers" \
		modules > /dev/null
	;;
run)
	d=$OUT/ptype
	no_handler_modules || fail "a stap_ module is loaded"
	grep -q '^systemtap ' /proc/modules ||
		insmod "$TOP/build/share/stap/runtime/$KVER/systemtap.ko" ||
		fail "insmod systemtap.ko"

	types=$(cat /proc/systemtap/probe_types) || fail "no /proc/systemtap/probe_types"
	expect_eq "probe_types mode" "-r--r--r--" "$(stat -c %A /proc/systemtap/probe_types)"
	expect_eq "built-in types" "begin systemtap 0
end systemtap 0
error systemtap 0
kprobe systemtap 0
kretprobe systemtap 0
hrtimer systemtap 0
jiffies systemtap 0
profile systemtap 0
tracepoint systemtap 0
procfs systemtap 0" "$types"

	# A type nothing provides: refused, naming the type.
	insmod "$d/t_ptype_none.ko" 2> /dev/null && fail "t_ptype_none loaded"
	expect_match "unknown type: dmesg" "systemtap: t_ptype_none: probe type 'nosuchtype' is not registered \(no module provides stap-probe-nosuchtype\)$" "$(dmesg | tail -5)"
	grep -q '^t_ptype_none ' /proc/modules && fail "t_ptype_none is loaded"

	# A provider for another provider API: refused, with both versions.
	got=$(insmod "$d/t_ptype_badapi.ko" 2>&1) && fail "t_ptype_badapi loaded"
	expect_match "other API: insmod" "Protocol error" "$got"
	expect_match "other API: dmesg" "systemtap: probe type 'selftest' of module t_ptype_badapi: built for provider API version ([0-9]+), this runtime speaks version ([0-9]+); rebuild the module$" "$(dmesg | tail -5)"
	grep -q '^t_ptype_badapi ' /proc/modules && fail "t_ptype_badapi is loaded"

	# The provider, and a session using its type.
	insmod "$d/t_ptype_prov.ko" || fail "insmod t_ptype_prov"
	expect_match "registered" "^selftest t_ptype_prov 0$" "$(cat /proc/systemtap/probe_types)"
	out=$(mktemp)
	start_session "$out" "$STAPRUN" "$d/t_ptype_user.ko" || fail "the selftest probe never ran"
	expect_eq "first hit" "tdata=1" "$(head -1 "$out")"
	expect_match "in use" "^selftest t_ptype_prov 1$" "$(cat /proc/systemtap/probe_types)"
	rmmod t_ptype_prov 2> /dev/null && fail "t_ptype_prov removed under a session"
	grep -q '^t_ptype_prov ' /proc/modules || fail "t_ptype_prov is gone"
	stop_session
	expect_eq "staprun exit status" 0 $?
	grep -q '^t_ptype_user ' /proc/modules && fail "t_ptype_user is still loaded"
	expect_match "unused" "^selftest t_ptype_prov 0$" "$(cat /proc/systemtap/probe_types)"
	rmmod t_ptype_prov || fail "rmmod t_ptype_prov after the session"
	cat /proc/systemtap/probe_types | grep -q '^selftest ' && fail "selftest still listed"
	rm -f "$out" "$out.err"

	# Without its provider the handler module is refused again.
	insmod "$d/t_ptype_user.ko" 2> /dev/null && fail "t_ptype_user loaded without its provider"
	expect_match "after unregister: dmesg" "t_ptype_user: probe type 'selftest' is not registered" "$(dmesg | tail -3)"
	exit 0
	;;
esac
