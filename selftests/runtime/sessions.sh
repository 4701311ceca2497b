#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The sessions of issue 5, typed as a user types them, through stap:
#   stap -F -s10 -e '...'            load, start, detach: 4.8's two lines
#   staprun -A MOD                   recent output, then streaming; Ctrl-\
#   staprun -d MOD                   end probe runs, module gone
#   stap -F -o FILE -S 10,2 -e ...   a daemon pid; SIGTERM runs end, unloads
#   stap -p4 -m NAME; staprun NAME.ko interval=5
#   stap -e '... target() ...' -c 'CMD'
# The host builds the same scripts first, so the guest's stap finds them in
# the cache instead of compiling under TCG.
. "$(dirname "$0")/../lib.sh"
fr='probe kprobe.function("vfs_read") { printdln("**", execname(), pid()) } probe end { printf("exited\n") }'
bg='global n probe timer.ms(100) { printf("tick %d\n", ++n) } probe end { printf("exited %d\n", n > 0) }'
top='global interval = 1, reads
probe begin { printf("interval %d\n", interval) }
probe kprobe.function("vfs_read") { reads++ }
probe timer.s(1) { if (--interval <= 0) { printf("reads %d\n", reads > 0) exit() } }'
tgt='probe begin { printf("target %d\n", target()) } probe end { printf("end\n") }'
case $1 in
build)
	# Same options as the guest's runs, so the cache keys match.
	"$STAP" -p4 -r "$KVER" -s10 -e "$fr" > /dev/null &&
	"$STAP" -p4 -r "$KVER" -e "$bg" > /dev/null &&
	"$STAP" -p4 -r "$KVER" -e "$tgt" > /dev/null
	;;
run)
	cd "$(mktemp -d)" || exit 1
	# stap -F: detached at once, recording into memory.
	got=$("$STAP" -F -s10 -e "$fr" 2>&1)
	expect_eq "stap -F: exit status" 0 $?
	mod=$(printf '%s\n' "$got" | sed -n 's/^To reconnect, type "staprun -A \(.*\)"$/\1/p')
	expect_match "stap -F: module name" '^stap_[0-9a-f]+_[0-9]+$' "$mod"
	expect_eq "stap -F: message" "
Disconnecting from systemtap module.
To reconnect, type \"staprun -A $mod\"" "$got"
	grep -q "^$mod " /proc/modules || fail "lsmod: $mod is not loaded"
	cat /etc/hostname > /dev/null		# something to record

	# staprun -A: the recorded lines, then new ones; Ctrl-\ detaches.
	"$STAPRUN" -A "$mod" > a.out 2> a.err &
	pid=$!
	for i in $(seq 100); do
		grep -q '^cat\*\*' a.out && break
		sleep 0.1
	done
	grep -q '^cat\*\*' a.out || fail "-A: the recorded cat line is not shown"
	head -c 64 /etc/os-release > /dev/null	# read while attached
	for i in $(seq 100); do
		grep -q '^head\*\*' a.out && break
		sleep 0.1
	done
	grep -q '^head\*\*' a.out || fail "-A: no live line"
	expect_match "-A: line format" '^[^*]+\*\*[0-9]+$' "$(head -1 a.out)"
	kill -QUIT $pid
	wait $pid
	expect_eq "Ctrl-\\: exit status" 0 $?
	expect_eq "Ctrl-\\: message" "
Disconnecting from systemtap module.
To reconnect, type \"staprun -A $mod\"" "$(cat a.err)"
	grep -q "^$mod " /proc/modules || fail "Ctrl-\\ unloaded $mod"

	# staprun -d: gone, with its end probe run (output to nobody).
	got=$("$STAPRUN" -d "$mod" 2>&1)
	expect_eq "-d: exit status" 0 $?
	expect_eq "-d: output" "" "$got"
	grep -q "^$mod " /proc/modules && fail "-d left $mod loaded"

	# stap -F -o FILE -S 10,2: a daemon; SIGTERM stops it cleanly.
	pid=$("$STAP" -F -o "$PWD/test.log" -S 10,2 -e "$bg")
	expect_eq "stap -F -o: exit status" 0 $?
	expect_match "stap -F -o: prints a pid" '^[0-9]+$' "$pid"
	for i in $(seq 100); do
		grep -q '^tick 3$' test.log.0 2> /dev/null && break
		sleep 0.1
	done
	kill -TERM "$pid" || fail "no process $pid"
	for i in $(seq 100); do
		kill -0 "$pid" 2> /dev/null || break
		sleep 0.1
	done
	kill -0 "$pid" 2> /dev/null && fail "the daemon outlived SIGTERM"
	expect_eq "-o -S: files" "test.log.0" "$(ls test.log*)"
	expect_eq "-o -S: end probe ran" "exited 1" "$(tail -1 test.log.0)"
	expect_eq "-o -S: first line" "tick 1" "$(head -1 test.log.0)"
	no_handler_modules || fail "the daemon left a module loaded"

	# Build once, run with a parameter.
	printf '%s\n' "$top" > io.stp
	"$STAP" -p4 -m ioread_top5 io.stp > /dev/null || fail "stap -p4 -m"
	got=$("$STAPRUN" ioread_top5.ko interval=2 2>&1)
	expect_eq "staprun interval=2" "interval 2
reads 1" "$got"

	# -c: target() is the command's pid, the session ends with it.
	got=$("$STAP" -e "$tgt" -c 'sh -c "echo child \$\$"' 2>&1)
	expect_eq "stap -c: exit status" 0 $?
	child=$(printf '%s\n' "$got" | sed -n 's/^child //p')
	# The child's line and staprun's may interleave either way.
	expect_eq "stap -c" "child $child
end
target $child" "$(printf '%s\n' "$got" | sort)"
	no_handler_modules || fail "a stap_ module is still loaded"
	;;
esac
