#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# kfunc_hit: what one hit of kernel.function("vfs_read") costs, bare
# (n++) and reading a BTF-typed $count (s <<< $count), beside SystemTap
# 4.8's kprobe.function("vfs_read") (it needs debuginfo for
# kernel.function: its $count is ulong_arg(3)) and bpftrace's
# kprobe:vfs_read with count() and sum(arg2).  A C loop makes N 1-byte
# reads of /dev/zero, one vfs_read each; cost per hit = ns/call with the
# tracer - ns/call with none.  Tracers alternate, ROUNDS times; medians.
. "$(dirname "$0")/../selftests/lib.sh"
. "$(dirname "$0")/lib.sh"
LOOP=$BENCH_OUT/read_loop
N=200000
ROUNDS=5
cnt='global n probe begin { println("ready") }
probe kernel.function("vfs_read") { n++ }'
arg='global s probe begin { println("ready") }
probe kernel.function("vfs_read") { s <<< $count }'
cnt48='global n probe begin { println("ready") }
probe kprobe.function("vfs_read") { n++ }'
arg48='global s probe begin { println("ready") }
probe kprobe.function("vfs_read") { s <<< ulong_arg(3) }'

case $1 in
build)
	gcc -O2 -Wall -o "$LOOP" "$TOP/bench/read_loop.c" &&
	cd "$BENCH_OUT" &&
	"$STAP" -p4 -r "$KVER" -m b_fcnt -e "$cnt" > /dev/null &&
	"$STAP" -p4 -r "$KVER" -m b_farg -e "$arg" > /dev/null || exit 1
	if [ -n "$STAP48_RUNTIME" ] && [ -s "$BENCH_OUT/System.map-$KVER" ]; then
		unshare -m bash -c '
			kver=$2 rt=$3
			mount --bind "$1" /boot/System.map-$kver || exit 1
			shift 3
			for m in b_fcnt48:"$1" b_farg48:"$2"; do
				/usr/bin/stap -p4 -r $kver -R "$rt" \
					-m "${m%%:*}" -e "${m#*:}" || exit 1
			done' map "$BENCH_OUT/System.map-$KVER" "$KVER" \
			"$STAP48_RUNTIME" "$cnt48" "$arg48" > /dev/null ||
			{ echo "SystemTap 4.8 does not build for $KVER: its columns stay empty"; rm -f "$BENCH_OUT"/b_f*48.ko; }
	fi
	;;
run)
	once() { "$LOOP" $N | sed -n 's/ ns\/op//p'; }
	declare -A r
	tools=(none cnt arg)
	[ -f "$BENCH_OUT/b_fcnt48.ko" ] && tools+=(cnt48 arg48)
	command -v bpftrace > /dev/null && tools+=(bpf bpfarg)
	for i in $(seq $ROUNDS); do
		for t in "${tools[@]}"; do
			case $t in
			none) v=$(once) ;;
			cnt) v=$(traced once "$STAPRUN" "$BENCH_OUT/b_fcnt.ko") ;;
			arg) v=$(traced once "$STAPRUN" "$BENCH_OUT/b_farg.ko") ;;
			cnt48) v=$(traced once /usr/bin/staprun "$BENCH_OUT/b_fcnt48.ko") ;;
			arg48) v=$(traced once /usr/bin/staprun "$BENCH_OUT/b_farg48.ko") ;;
			bpf) v=$(traced once bpftrace -e 'BEGIN { printf("ready\n") }
kprobe:vfs_read { @n = count(); }') ;;
			bpfarg) v=$(traced once bpftrace -e 'BEGIN { printf("ready\n") }
kprobe:vfs_read { @s = sum(arg2); }') ;;
			esac
			r[$t]+="$v "
		done
	done
	declare -A label=([cnt]='stap kernel.function n++'
		[arg]='stap kernel.function s <<< $count'
		[cnt48]='systemtap-4.8 kprobe.function n++'
		[arg48]='systemtap-4.8 kprobe.function s <<< ulong_arg(3)'
		[bpf]='bpftrace kprobe count()' [bpfarg]='bpftrace kprobe sum(arg2)')
	hit_report kfunc_hit "$N 1-byte reads, $ROUNDS rounds"
	;;
esac
