# SPDX-License-Identifier: GPL-2.0
#
# selftests/lib.sh - helpers for the shell tests (sourced).
#
# A test is a script that exits with a kselftest code: 0 pass, 1 fail,
# 4 skip.  Diagnostics go to stdout prefixed "# " by the runner.

KSFT_PASS=0
KSFT_FAIL=1
KSFT_SKIP=4

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
STAP=${STAP:-$TOP/build/bin/stap}
STAPRUN=${STAPRUN:-$TOP/build/bin/staprun}
KVER=${KVER:-$("$TOP/selftests/vm/kver")}
# Modules the host builds for the guest tests, and the guest's stap cache.
OUT=${STAP_TEST_OUT:-$TOP/build/selftests}
export SYSTEMTAP_DIR=${SYSTEMTAP_DIR:-$OUT/systemtap-dir}

fail() {
	echo "FAIL: $*"
	exit $KSFT_FAIL
}

skip() {
	echo "SKIP: $*"
	exit $KSFT_SKIP
}

# expect_eq WHAT EXPECTED ACTUAL
expect_eq() {
	if [ "$2" != "$3" ]; then
		echo "FAIL: $1"
		echo "--- expected"
		printf '%s\n' "$2"
		echo "--- got"
		printf '%s\n' "$3"
		exit $KSFT_FAIL
	fi
}

# expect_match WHAT REGEX ACTUAL
expect_match() {
	if ! printf '%s\n' "$3" | grep -Eq -- "$2"; then
		echo "FAIL: $1: no line matches /$2/ in:"
		printf '%s\n' "$3"
		exit $KSFT_FAIL
	fi
}

# kernel_word WORD: WORD with the kernel under test put in, so that a case
# whose result depends on the kernel is written once for every kernel:
# @KVER@ is its release (kernel_vr), @KV@ its version (kernel_v, the
# release up to the first '-'), @KMAJOR@ its major number, and
# @CONFIG_NAME@ the option's value in its .config (empty when unset).
kernel_word() {
	local w=$1 c v
	w=${w//@KVER@/$KVER}
	w=${w//@KV@/${KVER%%-*}}
	w=${w//@KMAJOR@/${KVER%%.*}}
	while [[ $w =~ @(CONFIG_[A-Za-z0-9_]+)@ ]]; do
		c=${BASH_REMATCH[1]}
		v=$(sed -n "s/^$c=//p" "/lib/modules/$KVER/build/.config" 2> /dev/null)
		v=${v#\"}
		w=${w//@$c@/${v%\"}}
	done
	printf '%s\n' "$w"
}

in_guest() {
	[ "$(hostname)" = stapvm ]
}

# No stap_ handler module may be left loaded.
no_handler_modules() {
	! grep -q '^stap_' /proc/modules
}

# run_for SECS CMD...: run CMD (stap or staprun), let its session run SECS
# seconds once /proc/systemtap/*/.cmd exists (a loaded TCG guest can take
# long to get there), then SIGINT it; prints its output.
run_for() {
	local secs=$1 pid i out
	shift
	out=$(mktemp)
	"$@" > "$out" 2>&1 &
	pid=$!
	for i in $(seq 240); do
		ls /proc/systemtap/*/.cmd > /dev/null 2>&1 && break
		sleep 0.5
	done
	sleep "$secs"
	kill -INT $pid
	wait $pid
	cat "$out"
	rm -f "$out"
}

# start_session OUTFILE CMD...: run CMD (staprun or stap) in the background
# with its stdout in OUTFILE and its stderr in OUTFILE.err, and return once the script has printed a line
# "ready" (its begin probe does), so its probes are armed.  SESSION_PID is
# CMD's pid.  Fails, showing the output, if CMD ends first.
start_session() {
	local out=$1 i
	shift
	"$@" > "$out" 2> "$out.err" &
	SESSION_PID=$!
	for i in $(seq 1200); do
		grep -q '^ready$' "$out" 2> /dev/null && return 0
		kill -0 $SESSION_PID 2> /dev/null || break
		sleep 0.1
	done
	cat "$out" "$out.err"
	return 1
}

# stop_session: SIGINT the session started last and wait for it; returns
# its exit status.
stop_session() {
	kill -INT $SESSION_PID
	wait $SESSION_PID
}

# read_load: two readers hammering vfs_read, one per CPU, at nice 19 so
# the test itself still gets the CPUs; they go when the test exits.
read_load() {
	local i
	READ_LOAD_PIDS=
	for i in 1 2; do
		nice -n 19 dd if=/dev/zero of=/dev/null bs=1 count=4000000000 2> /dev/null &
		READ_LOAD_PIDS="$READ_LOAD_PIDS $!"
	done
	trap 'kill $READ_LOAD_PIDS 2> /dev/null' EXIT
}

# drop_skips: stdin without SystemTap's summary of skipped probes.  A
# probe whose CPU was busy with another handler (a timer interrupting a
# kprobe) or that waited too long for the global lock (the emulator
# descheduled its holder) is skipped and counted, by design.
drop_skips() {
	sed '/^WARNING: Number of errors: 0, skipped probes: [0-9]*$/d'
}
