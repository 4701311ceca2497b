#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The procfs seed interactions word for word: a read probe on the default
# path "command" that cat shows; procfs("digoal") read-only (mode 0400);
# a read+write pair (mode 0600) that cat reads and that answers the
# echo -e "Hello\nWho are you?\n" line by line.
. "$(dirname "$0")/../lib.sh"
case $1 in
build)
	cd "$OUT" &&
	"$STAP" -p4 -r "$KVER" -m t_pf_cmd -e '
probe begin { println("ready") }
probe procfs.read { $value = "abc\n" }' > /dev/null &&
	"$STAP" -p4 -r "$KVER" -m t_pf_ro -e '
probe begin { println("ready") }
probe procfs("digoal").read { $value = "abc\n" }' > /dev/null &&
	"$STAP" -p4 -r "$KVER" -m t_pf_rw -e '
probe begin { println("ready") }
probe procfs("digoal").read { $value = "abc\n" }
probe procfs("digoal").write {
	line = tokenize($value, "\n")
	while (line != "") {
		if (line == "Hello")
			println("Hello, I'"'"'m digoal")
		else
			println(line)
		line = tokenize("", "\n")
	}
}' > /dev/null
	;;
run)
	out=$(mktemp)
	start_session "$out" "$STAPRUN" "$OUT/t_pf_cmd.ko" || fail "t_pf_cmd did not start"
	expect_eq "cat command" "abc" "$(cat /proc/systemtap/*/command)"
	expect_eq "mode of command" "400" "$(stat -c %a /proc/systemtap/t_pf_cmd/command)"
	expect_eq "owner of command" "0:0" "$(stat -c %u:%g /proc/systemtap/t_pf_cmd/command)"
	stop_session || fail "t_pf_cmd exit status $?"

	start_session "$out" "$STAPRUN" "$OUT/t_pf_ro.ko" || fail "t_pf_ro did not start"
	expect_eq "mode of read-only digoal" "400" "$(stat -c %a /proc/systemtap/t_pf_ro/digoal)"
	expect_eq "cat digoal" "abc" "$(cat /proc/systemtap/t_pf_ro/digoal)"
	# root may open it for writing, but there is no write probe
	err=$(echo x 2>&1 > /proc/systemtap/t_pf_ro/digoal)
	expect_match "write without a write probe" "Input/output error" "$err"
	stop_session || fail "t_pf_ro exit status $?"

	start_session "$out" "$STAPRUN" "$OUT/t_pf_rw.ko" || fail "t_pf_rw did not start"
	expect_eq "mode of read-write digoal" "600" "$(stat -c %a /proc/systemtap/t_pf_rw/digoal)"
	expect_eq "cat digoal (rw)" "abc" "$(cat /proc/systemtap/t_pf_rw/digoal)"
	echo -e "Hello\nWho are you?\n" > /proc/systemtap/t_pf_rw/digoal ||
		fail "echo into digoal failed"
	stop_session || fail "t_pf_rw exit status $?"
	expect_eq "t_pf_rw output" "ready
Hello, I'm digoal
Who are you?" "$(cat "$out")"
	rm -f "$out" "$out.err"
	no_handler_modules || fail "a stap_ module is still loaded"
	[ ! -e /proc/systemtap/t_pf_rw ] || fail "/proc/systemtap/t_pf_rw is still there"
	;;
esac
