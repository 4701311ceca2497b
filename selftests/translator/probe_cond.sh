#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# 'probe POINT if (cond)': the handler still checks its condition, the
# probe is marked STAP_PF_COND, cond_eval() reports every condition by its
# index in the probe table, and handlers that write a global a condition
# reads (themselves or through a function) are STAP_PF_COND_WRITE.
. "$(dirname "$0")/../lib.sh"
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
cd "$d" || exit 1

cat > cond.stp <<'EOF'
global on = 1, hits, seen, lim
probe never { hits++ }
probe procfs("on").write { on = strtol($value, 10) }
probe procfs("seen").write { mark() }
function mark() { seen["x"] = 1 }
probe timer.s(1) if (on && !("x" in seen)) { hits++ }
probe timer.ms(100) if (100 / lim > 2) { println(hits) }
probe procfs("hits").read { $value = sprintf("%d\n", hits) }
probe end { lim = 1 }
EOF
c=$("$STAP" -p3 cond.stp) || fail "-p3 failed"
table=$(printf '%s\n' "$c" | sed -n '/^static const struct stap_probe probes/,/^};/p')
flags() {	# flags N: the .flags of entry N of the probe table
	printf '%s\n' "$table" | sed -n "$(($1 + 2))p" | sed 's/.*\.flags = \([^,]*\),.*/\1/'
}
expect_eq "writes on" "STAP_PF_LOCK_WRITE | STAP_PF_COND_WRITE" "$(flags 0)"
expect_eq "writes seen in a function" "STAP_PF_LOCK_WRITE | STAP_PF_COND_WRITE" "$(flags 1)"
expect_eq "conditional, writes no condition's global" \
	"STAP_PF_LOCK_WRITE | STAP_PF_COND" "$(flags 2)"
expect_eq "conditional" "STAP_PF_LOCK_READ | STAP_PF_COND" "$(flags 3)"
expect_eq "reads" "STAP_PF_LOCK_READ" "$(flags 4)"
expect_eq "writes lim" "STAP_PF_LOCK_WRITE | STAP_PF_COND_WRITE" "$(flags 5)"
expect_match "cond_eval" '^static void cond_eval\(struct stap_context \*c\)$' "$c"
expect_match "probe 2" '^	stap_probe_cond\(c, 2, \(l->t[0-9]+\) != 0\);$' "$c"
expect_match "probe 3" '^	stap_probe_cond\(c, 3, .*\) != 0\);$' "$c"
expect_match "an error leaves it armed" '^	stap_probe_cond\(c, 3, true\);$' "$c"
expect_match "module" '^	\.cond_eval = cond_eval,$' "$c"
expect_match "entry check kept" '^	if \(l->t[0-9]+\) \{$' "$c"
n=$(printf '%s\n' "$c" | grep -c 'stap_probe_cond(c, [0-9]*, [^t]')
expect_eq "two conditions reported" 2 "$n"

expect_eq "pp" 'timer.s(1) if ((__global_n) < (3)) /* <- timer.s(1) if ((__global_n) < (3)) */' \
	"$("$STAP" -p2 -e 'global n probe timer.s(1) if (n < 3) { n++ }' | grep '^timer')"

c=$("$STAP" -p3 -e 'probe begin { exit() }')
if printf '%s\n' "$c" | grep -q 'cond_eval\|STAP_PF_COND'; then
	fail "condition code without a condition"
fi
exit 0
