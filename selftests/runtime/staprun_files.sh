#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Output files: -o FILE with strftime(3) patterns; -S 1,2 rotates to
# FILE.0, FILE.1, ... at 1 MB and keeps the newest 2; switch_file() and
# SIGUSR2 move FILE -> FILE.1 -> FILE.2 at that point of the output; -D
# prints the daemon's pid, writes the file and stops on SIGTERM; output
# that cannot be written is an error.
. "$(dirname "$0")/../lib.sh"
case $1 in
build)
	cd "$OUT" &&
	"$STAP" -p4 -r "$KVER" -m t_rotate -DMAXACTION=1000000 -e '
probe begin { for (i = 1; i <= 300000; i++) printf("line %06d\n", i) exit() }' &&
	"$STAP" -p4 -r "$KVER" -m t_switch -e '
probe begin { printf("zero\n") switch_file() printf("one\n") }
probe procfs("say").write { printf("%s", $value) }
probe end { printf("end\n") }' &&
	"$STAP" -p4 -r "$KVER" -m t_daemon -e '
probe begin { printf("ready\n") }
probe end { printf("end\n") }'
	;;
run)
	d=$(mktemp -d)
	# -S 1,2: 3.6 MB in 12-byte lines -> t.0 .. t.3, only t.2 and t.3 kept.
	"$STAPRUN" -o "$d/t" -S 1,2 "$OUT/t_rotate.ko"
	expect_eq "-S: exit status" 0 $?
	expect_eq "-S: files" "t.2
t.3" "$(ls "$d")"
	size=$(stat -c %s "$d/t.2")
	[ "$size" -le 1048576 ] && [ "$size" -gt $((1048576 - 8192)) ] ||
		fail "t.2 is $size bytes, not just under 1 MB"
	expect_eq "t.3 ends the output" "line 300000" "$(tail -n 1 "$d/t.3")"
	first=$(head -n 1 "$d/t.2")
	expect_eq "t.2 starts after two full files" "line $(printf %06d $((2 * size / 12 + 1)))" "$first"
	cat "$d/t.2" "$d/t.3" | awk '{ n = $2 + 0; if (prev && n != prev + 1) exit 1; prev = n }' ||
		fail "t.2 and t.3 are not consecutive"
	rm -f "$d"/*

	# strftime(3) in the name.
	"$STAPRUN" -o "$d/x_%Y.out" "$OUT/t_rotate.ko" > /dev/null
	expect_eq "strftime name" "x_$(date +%Y).out" "$(ls "$d")"
	rm -f "$d"/*

	# switch_file() in begin, then SIGUSR2.
	"$STAPRUN" -o "$d/s" "$OUT/t_switch.ko" 2> "$d.err" &
	pid=$!
	for i in $(seq 100); do
		[ "$(cat "$d/s.1" 2> /dev/null)" = one ] && break
		sleep 0.1
	done
	expect_eq "switch_file(): before" "zero" "$(cat "$d/s")"
	expect_eq "switch_file(): after" "one" "$(cat "$d/s.1")"
	kill -USR2 $pid
	for i in $(seq 100); do
		[ -e "$d/s.2" ] && break
		sleep 0.1
	done
	echo two > /proc/systemtap/t_switch/say
	kill -INT $pid
	wait $pid
	expect_eq "SIGUSR2: exit status" 0 $?
	expect_eq "SIGUSR2: files" "s
s.1
s.2" "$(ls "$d")"
	expect_eq "SIGUSR2: s.1 unchanged" "one" "$(cat "$d/s.1")"
	expect_eq "SIGUSR2: s.2" "two
end" "$(cat "$d/s.2")"
	expect_eq "stderr" "" "$(cat "$d.err")"
	rm -f "$d"/* "$d.err"

	# -D: the daemon's pid on stdout, output in the file, SIGTERM stops it.
	pid=$("$STAPRUN" -D -o "$d/bg" "$OUT/t_daemon.ko")
	expect_eq "-D: exit status" 0 $?
	expect_match "-D: a pid" '^[0-9]+$' "$pid"
	kill -0 "$pid" || fail "-D: no process $pid"
	for i in $(seq 100); do
		grep -q ready "$d/bg" 2> /dev/null && break
		sleep 0.1
	done
	kill -TERM "$pid"
	for i in $(seq 100); do
		kill -0 "$pid" 2> /dev/null || break
		sleep 0.1
	done
	kill -0 "$pid" 2> /dev/null && fail "-D: SIGTERM did not stop $pid"
	expect_eq "-D: output" "ready
end" "$(cat "$d/bg")"
	grep -q '^t_daemon ' /proc/modules && fail "-D: t_daemon still loaded"
	rm -rf "$d"

	# Output that cannot be written is an error (4.8 too), never lost in
	# silence: the session stops, the module goes, staprun exits 1.
	got=$("$STAPRUN" -o /dev/full "$OUT/t_rotate.ko" 2>&1)
	expect_eq "-o /dev/full: exit status" 1 $?
	expect_eq "-o /dev/full: message" \
		"ERROR: Couldn't write to output /dev/full: No space left on device" "$got"
	got=$("$STAPRUN" "$OUT/t_daemon.ko" 2>&1 > /dev/full &
	      sleep 2; kill -INT $! 2> /dev/null; wait $!; echo "rc=$?")
	expect_eq "stdout on /dev/full" "ERROR: Couldn't write to output stdout: No space left on device
rc=1" "$got"
	no_handler_modules || fail "a stap_ module is still loaded"
	exit 0
	;;
esac
