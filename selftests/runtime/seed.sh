#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The issue's seed script, unchanged: a kprobe on vfs_read feeds two
# statistics per (pid, execname), timer.s(1) prints the top five every
# second, SIGINT prints the totals.  The output's shape is checked: blocks
# under "**********", one "END:**********" block last, every other line
# PID---NAME---COUNT---SUM with COUNT == SUM (each hit adds 1 to both).
. "$(dirname "$0")/../lib.sh"
script='global var1%[60000], var2%[60000], ts, interval=1
probe begin { ts = gettimeofday_s() }
probe kprobe.function("vfs_read") { var1[pid(),execname()] <<< 1; var2[pid(),execname()] <<< 1 }
probe timer.s(1) {
  if ((gettimeofday_s() - ts) >= interval) {
    ts = gettimeofday_s()
    print("**********\n")
    foreach([x,y] in var1- limit 5) printdln("---", x, y, @count(var1[x,y]), @sum(var1[x,y]))
    delete var1
  }
}
probe end { print("END:**********\n")
  foreach([x,y] in var2- limit 5) printdln("---", x, y, @count(var2[x,y]), @sum(var2[x,y]))
  delete var1; delete var2; exit() }'

# check_shape OUTPUT: prints what is wrong, if anything
check_shape() {
	awk '
	/^[*][*][*][*][*][*][*][*][*][*]$/ { if (end) bad = "a block after END"; blocks++; n = 0; next }
	/^END:[*][*][*][*][*][*][*][*][*][*]$/ { if (end) bad = "two END lines"; end = 1; n = 0; next }
	{
		if (!blocks && !end) { bad = "a line before any block: " $0; next }
		if (++n > 5) bad = "more than 5 lines in a block"
		if (split($0, f, "---") != 4 || f[1] !~ /^[0-9]+$/ ||
		    f[2] == "" || f[3] !~ /^[0-9]+$/ || f[3] != f[4] ||
		    f[3] == 0)
			bad = "bad line: " $0
		if (end) endlines++
	}
	END {
		if (!bad && !end) bad = "no END:********** line"
		if (!bad && !blocks) bad = "no ********** block"
		if (!bad && !endlines) bad = "no vfs_read hit in the END block"
		if (bad) print bad
	}' <<< "$1"
}

case $1 in
build)
	"$STAP" -p4 -r "$KVER" -e "$script" > /dev/null
	;;
run)
	got=$(run_for 3 "$STAP" -e "$script")
	bad=$(check_shape "$got")
	[ -z "$bad" ] || fail "$bad"$'\n'"$got"
	no_handler_modules || fail "a stap_ module is still loaded"
	;;
esac
