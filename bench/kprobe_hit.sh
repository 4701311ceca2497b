#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# kprobe_hit: what one kprobe hit costs.  A C loop makes N getpid() system
# calls; with a probe on __task_pid_nr_ns (getpid calls it) that counts,
# each call pays one hit.  Cost per hit = ns/call with the tracer - ns/call with none.  Two
# handlers: a global counter (n++, takes the script's global lock) and a
# statistic (s <<< 1, per-CPU), against bpftrace's count() map.  The
# tracers run one after another, alternating, ROUNDS times; medians.
. "$(dirname "$0")/../selftests/lib.sh"
. "$(dirname "$0")/lib.sh"
LOOP=$BENCH_OUT/getpid_loop
N=200000
ROUNDS=5
SYM=__task_pid_nr_ns
cnt='global n probe begin { println("ready") }
probe kprobe.function("'$SYM'") { n++ }'
stat='global s probe begin { println("ready") }
probe kprobe.function("'$SYM'") { s <<< 1 }'

case $1 in
build)
	gcc -O2 -Wall -o "$LOOP" "$TOP/bench/getpid_loop.c" &&
	cd "$BENCH_OUT" &&
	"$STAP" -p4 -r "$KVER" -m b_kcnt -e "$cnt" > /dev/null &&
	"$STAP" -p4 -r "$KVER" -m b_kstat -e "$stat" > /dev/null || exit 1
	if [ -n "$STAP48_RUNTIME" ]; then
		# bench/run took the guest kernel's symbols for 4.8 (Debian's
		# /boot/System.map is a placeholder): bind-mounted for its build.
		map=$BENCH_OUT/System.map-$KVER
		unshare -m bash -c '
			kver=$2 rt=$3
			mount --bind "$1" /boot/System.map-$kver || exit 1
			shift 3
			for m in b_kcnt48:"$1" b_kstat48:"$2"; do
				/usr/bin/stap -p4 -r $kver -R "$rt" \
					-m "${m%%:*}" -e "${m#*:}" || exit 1
			done' map "$map" "$KVER" "$STAP48_RUNTIME" "$cnt" "$stat" > /dev/null ||
			{ echo "SystemTap 4.8 does not build for $KVER: its columns stay empty"; rm -f "$BENCH_OUT"/b_k*48.ko; }
	fi
	;;
run)
	once() { "$LOOP" $N | sed -n 's/ ns\/op//p'; }
	# with TOOL ARGS...: ns/call while TOOL traces (it prints a line when ready)
	declare -A r
	tools=(none cnt stat)
	[ -f "$BENCH_OUT/b_kcnt48.ko" ] && tools+=(cnt48 stat48)
	command -v bpftrace > /dev/null && tools+=(bpftrace)
	for i in $(seq $ROUNDS); do
		for t in "${tools[@]}"; do
			case $t in
			none) v=$(once) ;;
			cnt) v=$(traced once "$STAPRUN" "$BENCH_OUT/b_kcnt.ko") ;;
			stat) v=$(traced once "$STAPRUN" "$BENCH_OUT/b_kstat.ko") ;;
			cnt48) v=$(traced once /usr/bin/staprun "$BENCH_OUT/b_kcnt48.ko") ;;
			stat48) v=$(traced once /usr/bin/staprun "$BENCH_OUT/b_kstat48.ko") ;;
			bpftrace) v=$(traced once bpftrace -e 'BEGIN { printf("ready\n") }
kprobe:'$SYM' { @n = count(); }') ;;
			esac
			r[$t]+="$v "
		done
	done
	declare -A label=([cnt]="stap n++" [stat]="stap s <<< 1"
		[cnt48]="systemtap-4.8 n++" [stat48]="systemtap-4.8 s <<< 1"
		[bpftrace]="bpftrace count()")
	hit_report kprobe_hit "$N getpid() calls, $ROUNDS rounds"
	;;
esac
