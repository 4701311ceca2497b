#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# transport: the output path, stap beside SystemTap 4.8 in one boot.
#
# throughput: a 1 ms timer prints N lines of 100 bytes, 1000 a firing,
#   then calls exit(); staprun writes them to a file as they come.  Under
#   TCG that producer outruns both readers, so both get 64 MB buffers per
#   CPU (_stp_bufsize=64): nothing is dropped and the time is the reader's.  The time of that run minus the time of
#   a run that prints nothing (load, start, stop, unload) is the time the
#   output took; MB/s = bytes / that.  Every line must arrive, in order:
#   a run that lost any is reported as such, not timed.
# latency: from exec of staprun to the first line on its stdout, for
#   'probe begin { println("first") }' (the handler module is loaded from
#   its .ko each time; stap's systemtap.ko stays resident, as in real use).
. "$(dirname "$0")/../selftests/lib.sh"
N=300000
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
empty='probe begin { exit() }'
first='probe begin { println("first") }'

build_all() {	# TOOL SUFFIX ARGS...: the three modules
	local tool=$1 sfx=$2
	shift 2
	"$tool" "$@" -p4 -r "$KVER" -DMAXACTION=100000 -m "b_tp$sfx" \
		-e "$tp" $N > /dev/null &&
	"$tool" "$@" -p4 -r "$KVER" -m "b_empty$sfx" -e "$empty" > /dev/null &&
	"$tool" "$@" -p4 -r "$KVER" -m "b_first$sfx" -e "$first" > /dev/null
}

ms_since() {	# EPOCHREALTIME at the start -> ms now
	awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", (b - a) * 1000 }'
}

timed_run() {	# STAPRUN KO OUT -> ms, or "lost" when a line is missing
	local t0=$EPOCHREALTIME ms
	"$1" "$2" _stp_bufsize=64 > "$3" 2> "$3.err"
	ms=$(ms_since "$t0")
	if [ -n "$4" ] && ! awk -v n="$4" '$1 + 0 != NR - 1 { bad = 1 }
			END { exit bad || NR != n }' "$3"; then
		echo lost
		return
	fi
	echo "$ms"
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
	cd "$BENCH_OUT" && build_all "$STAP" "" || exit 1
	if [ -n "$STAP48_RUNTIME" ]; then
		build_all /usr/bin/stap 48 -R "$STAP48_RUNTIME" -DSTP_NO_OVERLOAD
	fi
	;;
run)
	tools=("$STAPRUN:")		# staprun:module suffix
	[ -f "$BENCH_OUT/b_tp48.ko" ] && tools+=("/usr/bin/staprun:48")
	out=$(mktemp)
	declare -A tp lat
	for r in $(seq $ROUNDS); do
		for t in "${tools[@]}"; do
			run=${t%:*} sfx=${t#*:} k=k$sfx
			full=$(timed_run "$run" "$BENCH_OUT/b_tp$sfx.ko" "$out" $N)
			bytes=$(stat -c %s "$out")
			none=$(timed_run "$run" "$BENCH_OUT/b_empty$sfx.ko" "$out")
			if [ "$full" = lost ]; then
				tp[$k]+="lost "
			else
				tp[$k]+="$(awk -v b="$bytes" -v f="$full" -v e="$none" \
					'BEGIN { printf "%.1f", b / 1048576 / ((f - e) / 1000) }') "
			fi
			lat[$k]+="$(first_line "$run" "$BENCH_OUT/b_first$sfx.ko") "
		done
	done
	rm -f "$out" "$out.err"
	mb=$(awk -v n=$N 'BEGIN { printf "%.1f", n * 100 / 1048576 }')
	echo "transport: $mb MB of printf output from a timer probe to a file, $ROUNDS rounds alternating (MB/s, median):"
	for t in "${tools[@]}"; do
		sfx=${t#*:} k=k${t#*:}
		name=stap
		[ -z "$sfx" ] || name=systemtap-4.8
		echo "transport:   $name throughput $(printf '%s\n' ${tp[$k]} | median) MB/s (${tp[$k]% }), first output after $(printf '%s\n' ${lat[$k]} | median) ms (${lat[$k]% })"
	done
	;;
esac
