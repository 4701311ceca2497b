#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# transport: the output path, stap beside SystemTap 4.8 in one boot.
#
# throughput: a 1 ms timer prints N lines of 92 bytes, 1000 a firing,
#   then calls exit(); staprun writes them to a file as they come.  Under
#   TCG that producer can outrun a reader, so both get 64 MB buffers per
#   CPU (_stp_bufsize=64): nothing may be dropped.  MB/s counts from the
#   first byte in the file to the last, so load, start, stop and unload
#   (much slower for 4.8) stay outside; the whole run, exec to exit, is
#   shown beside it.  Every line must arrive, in
#   order: a run that lost any is reported as such, not timed.
# latency: from exec of staprun to the first line on its stdout, for
#   'probe begin { println("first") }' (the handler module is loaded from
#   its .ko each time; stap's systemtap.ko stays resident, as in real use).
. "$(dirname "$0")/../selftests/lib.sh"
WATCH=$BENCH_OUT/filewatch
N=300000
LINE=92		# bytes a line: "%09d " and 81 letters and digits, newline
ROUNDS=5
tp='global n
probe timer.ms(1) {
	for (i = 0; i < 1000 && n < $1; i++) {
		printf("%09d abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghi\n", n)
		n++
	}
	if (n >= $1)
		exit()
}'
first='probe begin { println("first") }'

build_all() {	# TOOL SUFFIX ARGS...: the three modules
	local tool=$1 sfx=$2
	shift 2
	"$tool" "$@" -p4 -r "$KVER" -DMAXACTION=100000 -m "b_tp$sfx" \
		-e "$tp" $N > /dev/null &&
	"$tool" "$@" -p4 -r "$KVER" -m "b_first$sfx" -e "$first" > /dev/null
}

ms_since() {	# EPOCHREALTIME at the start -> ms now
	awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", (b - a) * 1000 }'
}

# stream_run STAPRUN KO OUT: MB/s from the first byte of output in the
# file to the last expected one (bench/filewatch.c), or "lost" when a line
# is missing.  Load, start, stop and unload are outside that window.
stream_run() {
	local pid rate t0=$EPOCHREALTIME

	"$1" "$2" _stp_bufsize=64 > "$3" 2> "$3.err" &
	pid=$!
	rate=$("$WATCH" "$3" $((N * LINE)) $pid)
	wait $pid
	echo "$(ms_since "$t0") " >> "$3.whole"
	if ! awk -v n=$N '$1 + 0 != NR - 1 { bad = 1 }
			END { exit bad || NR != n }' "$3"; then
		echo lost
		return
	fi
	echo "$rate"
}

first_line() {	# STAPRUN KO -> ms to the first line of output
	local t0=$EPOCHREALTIME line ms
	coproc FL { exec "$1" "$2" 2>/dev/null; }
	read -r line <&"${FL[0]}"
	ms=$(ms_since "$t0")
	kill -INT "$FL_PID"
	wait "$FL_PID"
	[ "$line" = first ] && echo "$ms" || echo fail
}

median() {
	sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

case $1 in
build)
	gcc -O2 -Wall -o "$WATCH" "$TOP/bench/filewatch.c" &&
	cd "$BENCH_OUT" && build_all "$STAP" "" || exit 1
	if [ -n "$STAP48_RUNTIME" ]; then
		build_all /usr/bin/stap 48 -R "$STAP48_RUNTIME" -DSTP_NO_OVERLOAD
	fi
	;;
run)
	tools=("$STAPRUN:")		# staprun:module suffix
	[ -f "$BENCH_OUT/b_tp48.ko" ] && tools+=("/usr/bin/staprun:48")
	out=$(mktemp)
	declare -A tp lat whole
	for r in $(seq $ROUNDS); do
		for t in "${tools[@]}"; do
			run=${t%:*} sfx=${t#*:} k=k$sfx
			tp[$k]+="$(stream_run "$run" "$BENCH_OUT/b_tp$sfx.ko" "$out") "
			whole[$k]+="$(cat "$out.whole")"
			rm -f "$out.whole"
			lat[$k]+="$(first_line "$run" "$BENCH_OUT/b_first$sfx.ko") "
		done
	done
	rm -f "$out" "$out.err"
	mb=$(awk -v n=$N -v l=$LINE 'BEGIN { printf "%.1f", n * l / 1048576 }')
	echo "transport: $mb MB of printf output from a timer probe to a file, $ROUNDS rounds alternating (MB/s, median):"
	for t in "${tools[@]}"; do
		sfx=${t#*:} k=k${t#*:}
		name=stap
		[ -z "$sfx" ] || name=systemtap-4.8
		echo "transport:   $name throughput $(printf '%s\n' ${tp[$k]} | median) MB/s (${tp[$k]% }); whole run $(printf '%s\n' ${whole[$k]} | median) ms (${whole[$k]% }); first output after $(printf '%s\n' ${lat[$k]} | median) ms (${lat[$k]% })"
	done
	;;
esac
