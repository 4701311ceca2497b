#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# STRESS_CYCLES (200; 1000 for the leak figure) sessions of a module with a kprobe on vfs_read and a
# 1 ms timer, one after another, while two readers hit the kprobe on both
# CPUs.  Slab, SUnreclaim and every slab cache's objects before and after
# (caches dropped first); a cache that grew by one object per cycle or
# more is a leak.  The loaded modules are the same before and after.
. "$(dirname "$0")/../lib.sh"
cycles=${STRESS_CYCLES:-200}
case $1 in
build)
	cd "$OUT" &&
	"$STAP" -p4 -r "$KVER" -m t_cycles -e '
global n, t
probe kprobe.function("vfs_read") { n++ }
probe timer.ms(1) { if (++t == 3) exit() }
probe end { if (n < 0) println(n) }' > /dev/null
	;;
run)
	snap() {	# snap FILE: meminfo's Slab and SUnreclaim, then each cache
		sync
		echo 3 > /proc/sys/vm/drop_caches
		{
			awk '/^(Slab|SUnreclaim):/ { print $1, $2 }' /proc/meminfo
			awk 'NR > 2 { print $1, $2 }' /proc/slabinfo
		} > "$1"
	}
	read_load
	for i in $(seq 10); do
		"$STAPRUN" "$OUT/t_cycles.ko" || fail "warm-up run $i: exit status $?"
	done
	lsmod | awk 'NR > 1 { print $1 }' | sort > /tmp/lc.mods0
	snap /tmp/lc.before
	t0=$(date +%s)
	skips=0
	for i in $(seq "$cycles"); do
		"$STAPRUN" "$OUT/t_cycles.ko" > /tmp/lc.out 2>&1 ||
			{ cat /tmp/lc.out; fail "cycle $i: exit status $?"; }
		# Skipped probes are counted and reported (lib.sh, drop_skips).
		[ "$(drop_skips < /tmp/lc.out)" = "$(cat /tmp/lc.out)" ] || skips=$((skips + 1))
		[ -z "$(drop_skips < /tmp/lc.out)" ] || { cat /tmp/lc.out; fail "cycle $i: output"; }
	done
	t1=$(date +%s)
	snap /tmp/lc.after
	lsmod | awk 'NR > 1 { print $1 }' | sort > /tmp/lc.mods1
	expect_eq "modules before and after" "$(cat /tmp/lc.mods0)" "$(cat /tmp/lc.mods1)"
	echo "$cycles cycles in $((t1 - t0)) s, $skips with skipped probes"
	awk -v cycles="$cycles" '
		NR == FNR { before[$1] = $2; next }
		{ d = $2 - before[$1] }
		$1 ~ /:$/ { printf("%s %+d kB\n", $1, d); next }
		d >= cycles { printf("LEAK? %s: %+d objects\n", $1, d); bad = 1 }
		END { exit bad }' /tmp/lc.before /tmp/lc.after ||
		fail "a slab cache grew by one object per cycle or more"
	;;
esac
