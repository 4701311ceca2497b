#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Inputs that crashed, hung or read out of bounds in the translator (found by
# fuzzing, see fuzz/README) must translate or be refused cleanly: stap -p2
# exits 0 or 1 within 10 seconds, killed by no signal, with no sanitizer
# report.  Each file of fuzz_regress/ is tried as a script file and, from
# stdin, as "-".  Run it with STAP set to an ASan/UBSan build (make fuzz
# builds one, build/fuzz/bin/stap-asan) to catch the memory errors too.  A
# NAME.rc beside NAME.stp pins the exit status (what SystemTap 4.8 gives).
. "$(dirname "$0")/../lib.sh"
dir=$(dirname "$0")/fuzz_regress
case $STAP in */*) STAP=$(realpath "$STAP") ;; esac	# we cd into $dir
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}
n=0
for f in "$dir"/*.stp; do
	for how in file stdin; do
		if [ $how = file ]; then
			out=$(cd "$dir" && timeout 10 "$STAP" -p2 -r "$KVER" \
				"${f##*/}" 2>&1 >/dev/null)
		else
			out=$(timeout 10 "$STAP" -p2 -r "$KVER" - < "$f" \
				2>&1 >/dev/null)
		fi
		rc=$?
		[ $rc = 124 ] && fail "${f##*/} ($how): timed out after 10s"
		if [ -f "${f%.stp}.rc" ] && [ $rc != "$(cat "${f%.stp}.rc")" ]; then
			fail "${f##*/} ($how): exit status $rc, not" \
				"$(cat "${f%.stp}.rc")"$'\n'"$out"
		fi
		case $rc in
		0|1) ;;
		*) fail "${f##*/} ($how): exit status $rc"$'\n'"$out" ;;
		esac
		if printf '%s\n' "$out" | grep -Eq 'AddressSanitizer|runtime error:'; then
			fail "${f##*/} ($how): sanitizer report"$'\n'"$out"
		fi
		n=$((n + 1))
	done
done
[ $n -gt 0 ] || fail "no inputs in $dir"
echo "# $n runs clean"
