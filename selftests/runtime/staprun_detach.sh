#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Detach, reattach, delete, with SystemTap 4.8's messages: staprun -L loads
# and leaves; -A then SIGQUIT detaches again; -A then SIGTERM runs the end
# probe and unloads; -d of an attached session is refused, of a detached
# one removes it; -d "*" removes every detached one and no attached one.
. "$(dirname "$0")/../lib.sh"
disc() {
	printf '\nDisconnecting from systemtap module.\nTo reconnect, type "staprun -A %s"' "$1"
}
loaded() { grep -q "^$1 " /proc/modules; }
case $1 in
build)
	cd "$OUT" &&
	"$STAP" -p4 -r "$KVER" -m t_detach -e '
global n
probe begin { printf("ready\n") }
probe timer.ms(50) { n++ }
probe end { printf("end ran: %d\n", n > 0) }' &&
	"$STAP" -p4 -r "$KVER" -m t_detach2 -e '
probe begin { printf("ready\n") }
probe end { printf("end2\n") }'
	;;
run)
	got=$("$STAPRUN" -L "$OUT/t_detach.ko" 2>&1)
	expect_eq "-L: exit status" 0 $?
	expect_eq "-L: message" "$(disc t_detach)" "$got"
	loaded t_detach || fail "-L: t_detach is not loaded"

	# -A shows what begin printed, SIGQUIT leaves it running.
	start_session /tmp/det.out "$STAPRUN" -A t_detach || fail "-A never showed what begin printed"
	got=$("$STAPRUN" -d t_detach 2>&1)
	rc=$?
	expect_eq "-d attached: message" "ERROR: Cannot attach to module t_detach control channel; not running?
ERROR: 't_detach' is not a zombie systemtap module." "$got"
	expect_eq "-d attached: exit status" 234 $rc
	kill -QUIT $SESSION_PID
	wait $SESSION_PID
	expect_eq "SIGQUIT: exit status" 0 $?
	expect_eq "SIGQUIT: stdout" "ready" "$(cat /tmp/det.out)"
	expect_eq "SIGQUIT: stderr" "$(disc t_detach)" "$(cat /tmp/det.out.err)"
	loaded t_detach || fail "SIGQUIT unloaded t_detach"

	# -A again, SIGTERM: end probe, unload.
	"$STAPRUN" -A t_detach > /tmp/det.out 2> /tmp/det.out.err &
	pid=$!
	sleep 2
	kill -TERM $pid
	wait $pid
	expect_eq "SIGTERM: exit status" 0 $?
	expect_eq "SIGTERM: stdout" "end ran: 1" "$(cat /tmp/det.out)"
	expect_eq "SIGTERM: stderr" "" "$(cat /tmp/det.out.err)"
	loaded t_detach && fail "SIGTERM left t_detach loaded"

	# -d of a detached session.
	"$STAPRUN" -L "$OUT/t_detach.ko" > /dev/null 2>&1 || fail "-L again"
	got=$("$STAPRUN" -d t_detach 2>&1)
	expect_eq "-d detached: exit status" 0 $?
	expect_eq "-d detached: output" "" "$got"
	loaded t_detach && fail "-d left t_detach loaded"
	[ -e /proc/systemtap/t_detach ] && fail "/proc/systemtap/t_detach survived -d"

	# -d "*": the detached one goes, the attached one stays.
	"$STAPRUN" -L "$OUT/t_detach.ko" > /dev/null 2>&1 || fail "-L t_detach"
	"$STAPRUN" -L "$OUT/t_detach2.ko" > /dev/null 2>&1 || fail "-L t_detach2"
	start_session /tmp/det2.out "$STAPRUN" -A t_detach2 || fail "-A t_detach2"
	got=$("$STAPRUN" -d "*" 2>&1)
	expect_eq "-d *: exit status" 0 $?
	expect_eq "-d *: output" "" "$got"
	loaded t_detach && fail "-d * left the detached t_detach"
	loaded t_detach2 || fail "-d * removed the attached t_detach2"
	stop_session
	expect_eq "t_detach2 after -d *: exit status" 0 $?
	expect_eq "t_detach2 after -d *" "ready
end2" "$(cat /tmp/det2.out)"
	no_handler_modules || fail "a stap_ module is still loaded"
	loaded t_detach2 && fail "t_detach2 still loaded"
	exit 0
	;;
esac
