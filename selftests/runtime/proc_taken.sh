#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# SystemTap 4.8's runtime leaves /proc/systemtap behind when its module
# goes; loading ours over it once made proc_register() WARN.  Now the
# runtime refuses to load, with a reason, and loads once it is gone.
. "$(dirname "$0")/../lib.sh"
case $1 in
build)
	d=$OUT/procdir
	rm -rf "$d" && mkdir -p "$d" &&
	cp "$(dirname "$0")"/procdir/* "$d"/ &&
	make -s -C "/lib/modules/$KVER/build" M="$d" modules > /dev/null &&
	cd "$OUT" && "$STAP" -p4 -r "$KVER" -m t_taken -e 'probe begin { log("loaded") exit() }'
	;;
run)
	no_handler_modules || fail "a stap_ module is loaded"
	rmmod systemtap 2> /dev/null
	insmod "$OUT/procdir/t_procdir.ko" || fail "insmod t_procdir"
	got=$("$STAPRUN" "$OUT/t_taken.ko" 2>&1)
	rc=$?
	expect_match "refused" "^ERROR: Couldn't insert module '.*systemtap.ko': Device or resource busy" "$got"
	expect_eq "exit status" 1 $rc
	dmesg | grep -q "systemtap: /proc/systemtap exists already (made by SystemTap's own runtime?): not loading" ||
		fail "no reason in the kernel log"
	rmmod t_procdir || fail "rmmod t_procdir"
	expect_eq "then loads" "loaded" "$("$STAPRUN" "$OUT/t_taken.ko" 2>&1)"
	;;
esac
