#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The pass-5 options (-o -S -c -x -F -T) and -m are checked as SystemTap
# 4.8 checks them: its messages, on stderr, exit status 1; combinations
# only staprun refuses (-S without -o, -F -S) pass stap.
. "$(dirname "$0")/../lib.sh"
s='probe begin { exit() }'
HELP="Try '--help' for more information. [man stap]
A message like [man foo] means for more info, run % man foo"
check() {
	local want=$1
	shift
	got=$("$STAP" -p1 "$@" -e "$s" 2>&1 >/dev/null)
	rc=$?
	expect_eq "stap $*" "$want" "$got"
	expect_eq "stap $* exit status" 1 $rc
}
check "ERROR: Safety pattern mismatch for -S parameter ('x' vs. '^[0-9]+(,[0-9]+)?\$') rc=1" -S x
check "ERROR: Safety pattern mismatch for -S parameter ('1,x' vs. '^[0-9]+(,[0-9]+)?\$') rc=1" -S 1,x
check "ERROR: Safety pattern mismatch for -S parameter ('-1' vs. '^[0-9]+(,[0-9]+)?\$') rc=1" -S -1
check "ERROR: Safety pattern mismatch for -S parameter ('' vs. '^[0-9]+(,[0-9]+)?\$') rc=1" -S ''
check "You can't specify -c and -x together.
$HELP" -c true -x 1
check "You can't specify -c and -x together.
$HELP" -x 1 -c true
check "Invalid target process ID number." -x abc
check "Invalid target process ID number." -x 1x
check "Invalid target process ID number." -x ''
check "Empty CMD string invalid." -c ''
check "Invalid timeout interval." -T x
check "Invalid timeout interval." -T 0
check "Invalid timeout interval." -T -1
check "Invalid timeout interval." -T 2147484
got=$("$STAP" -p1 -o /tmp/x 2>&1)
expect_eq "no script" "A script must be specified.
Try '-i' for building a script interactively.
$HELP" "$got"

# accepted: forms 4.8 takes (staprun judges the combinations)
for o in "-S 1" "-S 1,2" "-S 0" "-F -S 1" "-F" "-F -o /tmp/x" "-x 0" \
	 "-x -1" "-x 99999999999" "-c true" "-T 1" "-T 2147483" "-o /tmp/x"; do
	# shellcheck disable=SC2086
	got=$("$STAP" -p1 $o -e "$s" 2>&1 >/dev/null) ||
		fail "stap $o refused: $got"
	expect_eq "stap $o -p1 says nothing" "" "$got"
done

# -m: longer than 55 is cut, as 4.8 says
long=$(printf 'a%.0s' {1..60})
got=$("$STAP" -p1 -m "$long" -e "$s" 2>&1 >/dev/null)
expect_eq "long -m" "Truncating module name to '$(printf 'a%.0s' {1..55})'" "$got"

# -T adds a <synthetic> timer probe, listed first (4.8's -p2)
got=$("$STAP" -p2 -T 2 -e 'probe begin { exit() }' 2>&1 | grep -v '^[{} ]')
expect_eq "-T 2 -p2" "# probes
timer.ms(2000) /* <- timer.ms(2000) */
begin /* <- begin */" "$got"
got=$("$STAP" -p2 -T 86401 -e 'probe begin { exit() }' 2>&1)
expect_eq "-T 86401" "semantic error: while resolving probe point: identifier 'timer' at <synthetic>:1:7
        source: probe timer.ms(86401000) {exit()}
                      ^

semantic error: interval value out of range (1, 86400000)

Pass 2: analysis failed.  [man error::pass2]" "$got"
exit 0
