#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# A second identical compile is served from the cache (passes 3 and 4
# skipped); a different script is not.
. "$(dirname "$0")/../lib.sh"
export SYSTEMTAP_DIR=$(mktemp -d)
trap 'rm -rf "$SYSTEMTAP_DIR"' EXIT
s='probe begin { log("cached") exit() }'
first=$("$STAP" -v -p4 -r "$KVER" -e "$s" 2>&1) || fail "first compile: $first"
echo "$first"
expect_match "compiled" '^Pass 4: compiled C into "stap_[0-9a-f_]+\.ko" in ' "$first"
ko=$(printf '%s\n' "$first" | tail -n 1)
[ -f "$ko" ] || fail "-p4 did not print the module path: $ko"
second=$("$STAP" -v -p4 -r "$KVER" -e "$s" 2>&1) || fail "second compile: $second"
echo "$second"
expect_match "pass 3 cached" "^Pass 3: using cached $SYSTEMTAP_DIR/cache/[0-9a-f]{2}/stap_[0-9a-f_]+\.c\$" "$second"
expect_match "pass 4 cached" "^Pass 4: using cached $SYSTEMTAP_DIR/cache/[0-9a-f]{2}/stap_[0-9a-f_]+\.ko\$" "$second"
expect_eq "same module" "$ko" "$(printf '%s\n' "$second" | tail -n 1)"
third=$("$STAP" -v -p4 -r "$KVER" -e 'probe begin { log("other") exit() }' 2>&1) || fail "$third"
if printf '%s\n' "$third" | grep -q 'using cached'; then
	fail "a different script hit the cache"
fi
