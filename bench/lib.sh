# SPDX-License-Identifier: GPL-2.0
#
# bench/lib.sh - what the probe-cost benchmarks share (sourced after
# selftests/lib.sh): run a loop while a tracer traces, medians, the report.

# median: the median of the numbers on stdin
median() {
	sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

# traced ONCE TOOL ARGS...: what the function ONCE prints (ns per call)
# while TOOL traces; TOOL prints a line when it is ready.
traced() {
	local once=$1 o ns
	shift
	o=$(mktemp)
	start_session "$o" "$@" || { echo fail; return; }
	ns=$($once)
	kill -INT $SESSION_PID
	wait $SESSION_PID
	rm -f "$o" "$o.err"
	echo "$ns"
}

# hit_report NAME WHAT: from r[TOOL] (ns per call of each round) and
# label[TOOL], for each of tools[] but "none" (the loop alone): the
# median cost per hit, against none's median.
hit_report() {
	local base m t
	base=$(printf '%s\n' ${r[none]} | median)
	echo "$1: $2; no tracer $base ns/call (${r[none]% })"
	for t in "${tools[@]}"; do
		[ "$t" = none ] && continue
		m=$(printf '%s\n' ${r[$t]} | median)
		echo "$1:   ${label[$t]}: $((m - base)) ns/hit (calls ${r[$t]% })"
	done
}
