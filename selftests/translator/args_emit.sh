#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The C a script's arguments, target(), switch_file() and the buffer size
# become: $N a long parameter argN, @N a string one, both: the string and
# its number at load; uses fixed at compile time make no parameter; -p2
# still shows the literal values; every module has _stp_bufsize.
. "$(dirname "$0")/../lib.sh"
c() { "$STAP" -p3 -r "$KVER" "$@" 2>&1; }
has() {	# has WHAT TEXT C
	printf '%s\n' "$3" | grep -qF -- "$2" || { printf '%s\n' "$3"; fail "$1: no '$2'"; }
}
hasnt() {
	! printf '%s\n' "$3" | grep -qF -- "$2" || { printf '%s\n' "$3"; fail "$1: '$2'"; }
}
out=$(c -e 'probe begin { printf("%d %s %d\n", $1, @2, $1 * 1000) }' 5 x)
has "\$1" 'static s64 stap_arg1 = 5LL;' "$out"
has "\$1" 'module_param_cb(arg1, &stap_param_ops_long, &stap_arg1, 0);' "$out"
has "@2" 'static char stap_arg2_s[MAXSTRINGLEN] = "x";' "$out"
has "@2" 'module_param_string(arg2, stap_arg2_s, MAXSTRINGLEN, 0);' "$out"
has "no folding" '(u64)(stap_arg1) * (u64)(1000LL)' "$out"
hasnt "no folding" '5000' "$out"
has "bufsize param" 'module_param(_stp_bufsize, uint, 0);' "$out"
has "bufsize field" '.bufsize_mb = &_stp_bufsize,' "$out"
has "probes const" 'static const struct stap_probe probes[]' "$out"

got=$("$STAP" -p2 -e 'probe begin { printf("%d %s\n", $1, @2) }' 5 x 2>&1)
expect_eq "-p2 shows the values" '# probes
begin /* <- begin */
{
  printf("%d %s\n", 5, "x")
}' "$got"

out=$(c -e 'probe begin { printf("%d %s\n", $1 + 1, @1) }' 7)
has "both" 'module_param_string(arg1, stap_arg1_s, MAXSTRINGLEN, 0);' "$out"
has "both" 'static s64 stap_arg1;' "$out"
has "both" 'if (stap_param_ops_long.set(stap_arg1_s, &kp))' "$out"
hasnt "both" 'module_param_cb(arg1' "$out"

out=$(c -e 'global a[$1] probe begin { a[1] = 1 %( $2 == 3 %? print(1) %) print(@3 "y") }' 4 3 z)
hasnt "fixed uses" 'stap_arg' "$out"
out=$(c -e 'global arg1 = 2 probe begin { print(arg1 + $1) }' 6)
hasnt "global arg1" 'module_param_cb(arg1, &stap_param_ops_long, &stap_arg1' "$out"
has "global arg1" 'static s64 stap_arg1 = 6LL;' "$out"
out=$(c -e 'probe begin { print(-$1) }' 6)
hasnt "script's minus" 'stap_arg1' "$out"
out=$(c -e 'probe begin { print($1) }' -- -6)
has "argument's minus" 'static s64 stap_arg1 = -6LL;' "$out"

out=$(c -e 'probe timer.ms($1).randomize($2) { exit() }' 50 5)
has "timer" 'static const struct stap_probe probes[]' "$out"
has "timer" 'static struct stap_timer_args probe0_args = ' "$out"
has "timer" 'probe0_args.period = stap_arg1 * 1000000ULL;' "$out"
has "timer" 'if (stap_arg1 < 1 || stap_arg1 > 86400000)' "$out"
has "timer" 'probe0_args.randomize = stap_arg2 * 1000000ULL;' "$out"
has "timer" 'int rc = stap_args_init();' "$out"

out=$(c -e 'probe begin { print(target()) switch_file() }')
has "target()" 'stap_target(c)' "$out"
has "switch_file()" 'stap_switch_file(c);' "$out"
exit 0
