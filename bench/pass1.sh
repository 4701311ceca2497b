#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# pass1: the cost of pass 1 with a tapset library of 60 generated .stp
# files (-I into a temp dir), for hello world (no library file needed) and
# for a script using one of the library's probe aliases (which calls a
# function of another file), with the index cached and with it rebuilt
# (every file touched); SystemTap 4.8 beside, which parses its whole
# library every run.  Times are the wall time of "stap -p1", median of
# ROUNDS runs, in ms.  Host only: "build" measures, "run" (in the guest)
# prints what was measured; "bash bench/pass1.sh" alone does both.
. "$(dirname "$0")/../selftests/lib.sh"
BENCH_OUT=${BENCH_OUT:-$TOP/build/bench}
RESULT=$BENCH_OUT/pass1.result
NFILES=60
ROUNDS=${ROUNDS:-11}

# gen_lib DIR: NFILES files of 8 functions, a global and an alias each;
# f<i>_7 calls into the next file, the others stay in their own.
gen_lib() {
	local i j
	for ((i = 0; i < NFILES; i++)); do
		{
			echo "global g$i = $i"
			echo "function f${i}_0(x) { return x + g$i }"
			for ((j = 1; j < 7; j++)); do
				echo "function f${i}_$j(x) { if (x > $j) return x * $j; return f${i}_0(x + 1) }"
			done
			echo "function f${i}_7(x) { return f$(((i + 1) % NFILES))_0(x) }"
			echo "probe alias$i = begin { v = f${i}_1(1) + f${i}_7(2) }"
		} > "$1/lib$i.stp"
	done
}

# median_ms CMD...: the median wall time of ROUNDS runs
median_ms() {
	local i t0 ts=()
	for ((i = 0; i < ROUNDS; i++)); do
		[ -n "${BEFORE:-}" ] && eval "$BEFORE"
		t0=$(date +%s%N)
		"$@" > /dev/null 2>&1
		ts+=($((($(date +%s%N) - t0) / 1000)))
	done
	printf '%s\n' "${ts[@]}" | sort -n | sed -n "$((ROUNDS / 2 + 1))p" |
		awk '{ printf "%.1f", $1 / 1000 }'
}

measure() {
	local lib sd hello alias n
	lib=$(mktemp -d) sd=$(mktemp -d)
	gen_lib "$lib"
	export SYSTEMTAP_DIR=$sd
	hello='probe begin { println("hello world") }'
	alias='probe alias7 { println(v) }'
	n=$("$STAP" -v -p1 -r "$KVER" -I "$lib" -e "$alias" 2>&1 >/dev/null |
	    sed -n 's/^Pass 1: parsed user script and \([0-9]*\) library.*/\1/p')
	echo "pass1: library of $NFILES files; the alias script parses $n of them"
	echo "pass1: hello world, index cached: $(median_ms "$STAP" -p1 -r "$KVER" -I "$lib" -e "$hello") ms"
	echo "pass1: alias script, index cached: $(median_ms "$STAP" -p1 -r "$KVER" -I "$lib" -e "$alias") ms"
	BEFORE='touch "$lib"/*.stp'
	echo "pass1: hello world, index rebuilt: $(median_ms "$STAP" -p1 -r "$KVER" -I "$lib" -e "$hello") ms"
	echo "pass1: alias script, index rebuilt: $(median_ms "$STAP" -p1 -r "$KVER" -I "$lib" -e "$alias") ms"
	BEFORE=
	if [ -x /usr/bin/stap ]; then
		echo "pass1: SystemTap 4.8, hello world (its own library + $NFILES): $(median_ms /usr/bin/stap -p1 -r "$KVER" -I "$lib" -e "$hello") ms"
		echo "pass1: SystemTap 4.8, alias script: $(median_ms /usr/bin/stap -p1 -r "$KVER" -I "$lib" -e "$alias") ms"
	fi
	rm -rf "$lib" "$sd"
}

case ${1:-} in
build)
	mkdir -p "$BENCH_OUT" && measure > "$RESULT"
	;;
run)
	cat "$RESULT"
	;;
*)
	measure
	;;
esac
