#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# kprobe_hit: what one kprobe hit costs.  A C loop makes N getpid() system
# calls; with a probe on __task_pid_nr_ns (getpid calls it) that counts,
# each call pays one hit.  Cost per hit = ns/call with the tracer - ns/call with none.  Two
# handlers: a global counter (n++, takes the script's global lock) and a
# statistic (s <<< 1, per-CPU), against bpftrace's count() map.  The
# tracers run one after another, alternating, ROUNDS times; medians.
. "$(dirname "$0")/../selftests/lib.sh"
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
			done' map "$map" "$KVER" "$STAP48_RUNTIME" "$cnt" "$stat" > /dev/null
	fi
	;;
run)
	once() { "$LOOP" $N | sed -n 's/ ns\/op//p'; }
	# with TOOL ARGS...: ns/call while TOOL traces (it prints a line when ready)
	with() {
		local o ns
		o=$(mktemp)
		start_session "$o" "$@" || { echo fail; return; }
		ns=$(once)
		kill -INT $SESSION_PID
		wait $SESSION_PID
		rm -f "$o" "$o.err"
		echo "$ns"
	}
	median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
	declare -A r
	tools=(none cnt stat)
	[ -f "$BENCH_OUT/b_kcnt48.ko" ] && tools+=(cnt48 stat48)
	command -v bpftrace > /dev/null && tools+=(bpftrace)
	for i in $(seq $ROUNDS); do
		for t in "${tools[@]}"; do
			case $t in
			none) v=$(once) ;;
			cnt) v=$(with "$STAPRUN" "$BENCH_OUT/b_kcnt.ko") ;;
			stat) v=$(with "$STAPRUN" "$BENCH_OUT/b_kstat.ko") ;;
			cnt48) v=$(with /usr/bin/staprun "$BENCH_OUT/b_kcnt48.ko") ;;
			stat48) v=$(with /usr/bin/staprun "$BENCH_OUT/b_kstat48.ko") ;;
			bpftrace) v=$(with bpftrace -e 'BEGIN { printf("ready\n") }
kprobe:'$SYM' { @n = count(); }') ;;
			esac
			r[$t]+="$v "
		done
	done
	base=$(printf '%s\n' ${r[none]} | median)
	echo "kprobe_hit: $N getpid() calls, $ROUNDS rounds; no tracer $base ns/call (${r[none]% })"
	for t in "${tools[@]}"; do
		[ $t = none ] && continue
		m=$(printf '%s\n' ${r[$t]} | median)
		case $t in
		cnt) name="stap n++" ;;
		stat) name="stap s <<< 1" ;;
		cnt48) name="systemtap-4.8 n++" ;;
		stat48) name="systemtap-4.8 s <<< 1" ;;
		bpftrace) name="bpftrace count()" ;;
		esac
		echo "kprobe_hit:   $name: $((m - base)) ns/hit (calls ${r[$t]% })"
	done
	;;
esac
