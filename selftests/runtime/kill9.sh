#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# staprun killed with SIGKILL mid-run leaves the module loaded, never the
# kernel hurt: rmmod of the handler module tears the session down (probes
# disarmed, /proc/systemtap/MOD gone), and the same module loads again.
# A second opener of the busy .cmd channel is refused.
. "$(dirname "$0")/../lib.sh"
case $1 in
build)
	cd "$OUT" &&
	"$STAP" -p4 -r "$KVER" -m t_kill9 -e '
global n
probe kprobe.function("vfs_read") { n++ }
probe begin { log("started") }
probe end { if (n < 0) log("negative") }'
	;;
run)
	"$STAPRUN" "$OUT/t_kill9.ko" > /tmp/k9.out 2>&1 &
	pid=$!
	for i in $(seq 50); do
		grep -q started /tmp/k9.out && break
		sleep 0.1
	done
	expect_eq "started" "started" "$(cat /tmp/k9.out)"
	if cat /proc/systemtap/t_kill9/.cmd > /dev/null 2>/tmp/cmd.err; then
		fail "a second open of .cmd succeeded"
	fi
	expect_match "busy .cmd" "Device or resource busy" "$(cat /tmp/cmd.err)"
	kill -9 $pid
	wait $pid 2>/dev/null
	cat /proc/version > /dev/null	# fire the kprobe with nobody attached
	grep -q '^t_kill9 ' /proc/modules || fail "t_kill9 vanished on its own"
	rmmod t_kill9 || fail "rmmod t_kill9 failed"
	[ ! -e /proc/systemtap/t_kill9 ] || fail "/proc/systemtap/t_kill9 survived rmmod"
	cat /proc/version > /dev/null
	got=$(timeout -s INT 1 "$STAPRUN" "$OUT/t_kill9.ko" 2>&1)
	expect_eq "rerun" "started" "$got"
	no_handler_modules || fail "a stap_ module is still loaded"
	;;
esac
