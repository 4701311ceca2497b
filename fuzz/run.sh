#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# fuzz/run.sh - mutation fuzzing of the translator's passes 1 and 2 (parse,
# preprocess, elaborate) with AFL++, under ASan and UBSan.  See fuzz/README.
#
#   fuzz/run.sh [SECONDS]     (default $FUZZ_SECONDS, else 60)
#
# Builds build/fuzz/bin/stap (afl-clang-fast, ASan+UBSan) and
# build/fuzz/bin/stap-asan (gcc, ASan+UBSan, for triage and for
# STAP=... selftests/translator/fuzz_regress.sh), seeds the corpus with
# selftests/lang/{ko,run}/*.stp, runs ONE afl-fuzz instance at nice 10 for
# the budget, then replays every crash and hang with stap-asan and prints
# the first lines of what it says.  Everything goes under build/fuzz/; the
# target is only ever run as "stap -p2", so no kbuild, no cache, and its
# temporary directories go to build/fuzz/tmp.
set -u
cd "$(dirname "$0")/.." || exit 1
top=$(pwd)
secs=${1:-${FUZZ_SECONDS:-60}}
KVER=${KVER:-$(selftests/vm/kver)}
out=$top/build/fuzz
srcs=(translator/*.c common/*.c)
flags=(-O1 -g -std=gnu11 -D_GNU_SOURCE -Ikmod/include -Itranslator -Icommon)

command -v afl-fuzz >/dev/null && command -v afl-clang-fast >/dev/null || {
	echo "fuzz: afl++ is not installed (apt-get install afl++)" >&2
	exit 2
}

# stap finds its tapsets at BINDIR/../share/stap
mkdir -p "$out/bin" "$out/share/stap" "$out/tmp" "$out/systemtap-dir" \
	"$out/seeds"
ln -sfn "$top/translator/tapset" "$out/share/stap/tapset"

newer() {	# newer TARGET: a translator source is newer than TARGET
	[ ! -e "$1" ] || [ -n "$(find translator common -newer "$1" -name '*.[ch]' | head -1)" ]
}

if newer "$out/bin/stap"; then
	echo "fuzz: building $out/bin/stap (afl-clang-fast, ASan+UBSan)"
	AFL_USE_ASAN=1 AFL_USE_UBSAN=1 AFL_QUIET=1 afl-clang-fast "${flags[@]}" \
		-fno-sanitize-recover=all -o "$out/bin/stap" "${srcs[@]}" \
		-lelf -lbpf || exit 1
fi
# in bin/ too: stap finds its data from /proc/self/exe, symlinks resolved
if newer "$out/bin/stap-asan"; then
	echo "fuzz: building $out/bin/stap-asan (gcc, ASan+UBSan)"
	gcc "${flags[@]}" -fsanitize=address,undefined -fno-sanitize-recover=all \
		-o "$out/bin/stap-asan" "${srcs[@]}" -lelf -lbpf || exit 1
fi

cp selftests/lang/ko/*.stp selftests/lang/run/*.stp "$out/seeds/"

export TMPDIR=$out/tmp SYSTEMTAP_DIR=$out/systemtap-dir
export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1:symbolize=0:allocator_may_return_null=1
export UBSAN_OPTIONS=halt_on_error=1:abort_on_error=1:symbolize=0
export AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 \
	AFL_NO_UI=1 AFL_FAST_CAL=1
# a rerun goes on from the queue it left (AFL_AUTORESUME), or starts anew
export AFL_AUTORESUME=1

echo "fuzz: afl-fuzz for ${secs}s, output in $out/afl"
nice -n 10 afl-fuzz -V "$secs" -i "$out/seeds" -o "$out/afl" \
	-x fuzz/stap.dict -t 2000 -m none -- \
	"$out/bin/stap" -p2 -r "$KVER" @@ > "$out/afl.log" 2>&1
rc=$?
tail -n 25 "$out/afl/default/fuzzer_stats" 2>/dev/null |
	grep -E '^(run_time|execs_done|execs_per_sec|corpus_count|bitmap_cvg|saved_crashes|saved_hangs|edges_found|total_edges) '
[ $rc = 0 ] || { echo "fuzz: afl-fuzz failed, see $out/afl.log" >&2; exit 1; }

# Replay what it saved with the gcc build, symbolized, for the report.
export ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=print_stacktrace=1
found=0
for f in "$out"/afl/default/crashes/id:* "$out"/afl/default/hangs/id:*; do
	[ -e "$f" ] || continue
	found=$((found + 1))
	echo "=== ${f#"$out"/}"
	timeout 10 "$out/bin/stap-asan" -p2 -r "$KVER" "$f" 2>&1 >/dev/null |
		grep -E -m 6 'ERROR|runtime error|#[0-3] |SUMMARY'
	echo "exit status ${PIPESTATUS[0]}"
done
echo "fuzz: $found crashes/hangs saved"
[ $found = 0 ]
