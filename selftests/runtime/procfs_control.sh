#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# /proc/systemtap/MOD/.control: cat shows every probe with its state and
# counters; "disable ID|PATTERN" stops a probe from firing, "enable" brings
# it back, a conditional probe re-arms when a procfs write changes its
# condition's global, bad commands fail, "stop" ends the session with its
# end probes.
. "$(dirname "$0")/../lib.sh"
case $1 in
build)
	cd "$OUT" &&
	"$STAP" -p4 -r "$KVER" -m t_pf_ctl -e '
global on = 0, reads, ticks, writes
probe begin { println("ready") }
probe kprobe.function("vfs_read") { reads++ }
probe timer.ms(20) { ticks++ }
probe kprobe.function("vfs_write") if (on) { writes++ }
probe procfs("switch").write { on = strtol($value, 10) }
probe end { printf("end %d\n", reads > 0 && ticks > 0 && writes > 0) }' > /dev/null
	;;
run)
	c=/proc/systemtap/t_pf_ctl/.control
	out=$(mktemp)
	start_session "$out" "$STAPRUN" "$OUT/t_pf_ctl.ko" || fail "did not start"
	expect_eq "mode of .control" "600" "$(stat -c %a $c)"
	table=$(cat $c)
	expect_match "header" '^ID +STATE +HITS +SKIPS +AVG_NS +PROBE$' "$(head -n 1 <<< "$table")"
	expect_eq "probe lines" 6 "$(tail -n +2 <<< "$table" | wc -l)"
	# field N of the line whose probe point is P
	field() { awk -v p="$2" -v n="$1" '$6 == p { print $n }' $c; }
	idof() { field 1 "$1"; }
	vr='kprobe.function("vfs_read")'
	vw='kprobe.function("vfs_write")'
	expect_eq "vfs_read state" on "$(field 2 "$vr")"
	expect_eq "conditional vfs_write state" cond "$(field 2 "$vw")"
	expect_eq "timer state" on "$(field 2 'timer.ms(20)')"
	expect_match "begin hit once" '^1$' "$(field 3 begin)"

	echo "disable $(idof "$vr")" > $c || fail "disable by id failed"
	expect_eq "disabled state" off "$(field 2 "$vr")"
	h1=$(field 3 "$vr")
	cat /etc/passwd > /dev/null; sleep 0.2
	expect_eq "no hits while disabled" "$h1" "$(field 3 "$vr")"
	echo "disable timer.*" > $c || fail "disable by pattern failed"
	t1=$(field 3 'timer.ms(20)')
	sleep 0.5
	expect_eq "no ticks while disabled" "$t1" "$(field 3 'timer.ms(20)')"
	echo "enable *" > $c || fail "enable * failed"
	cat /etc/passwd > /dev/null; sleep 0.5
	[ "$(field 3 "$vr")" -gt "$h1" ] || fail "vfs_read does not fire after enable"
	[ "$(field 3 'timer.ms(20)')" -gt "$t1" ] || fail "the timer does not fire after enable"
	expect_eq "still conditional" cond "$(field 2 "$vw")"

	echo 1 > /proc/systemtap/t_pf_ctl/switch || fail "echo 1 > switch failed"
	expect_eq "armed by its condition" on "$(field 2 "$vw")"
	echo x > "$out.w"
	[ "$(field 3 "$vw")" -gt 0 ] || fail "vfs_write does not fire once armed"
	echo 0 > /proc/systemtap/t_pf_ctl/switch || fail "echo 0 > switch failed"
	expect_eq "disarmed by its condition" cond "$(field 2 "$vw")"

	for bad in "bogus" "disable 99" "enable nomatch*" "disable"; do
		echo "$bad" > $c 2> /dev/null && fail "'$bad' was accepted"
	done
	head -c 8192 /dev/zero | tr '\0' 'x' > $c 2> /dev/null && fail "an oversized write was accepted"
	expect_eq "state after bad commands" on "$(field 2 "$vr")"

	echo stop > $c || fail "stop failed"
	wait $SESSION_PID
	rc=$?
	expect_eq "exit status after stop" 0 $rc
	expect_eq "output" "ready
end 1" "$(cat "$out")"
	[ ! -e $c ] || fail "$c is still there"
	rm -f "$out" "$out.err" "$out.w"
	;;
esac
