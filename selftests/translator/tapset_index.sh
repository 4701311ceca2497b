#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The tapset index is cached in $SYSTEMTAP_DIR/cache/tapset-HASH.idx, in
# its documented text form, and rebuilt when a library file changes: a
# function added to a file is found on the next run.
. "$(dirname "$0")/../lib.sh"
export SYSTEMTAP_DIR=$(mktemp -d)
lib=$(mktemp -d)
trap 'rm -rf "$SYSTEMTAP_DIR" "$lib"' EXIT
printf 'global g1, g2[4], g3 = -1\nprivate p1\nfunction f1() { return 1 }\nprobe al.one("x"), al2 += begin { }\n' > "$lib/a.stp"
"$STAP" -p2 -r "$KVER" -I "$lib" -e 'probe begin { println(f1()) }' > /dev/null 2>&1 ||
	fail "first run"
idx=$(ls "$SYSTEMTAP_DIR"/cache/tapset-*.idx 2>/dev/null)
[ -f "$idx" ] || fail "no index in $SYSTEMTAP_DIR/cache: $(ls -R "$SYSTEMTAP_DIR")"
installed=$(realpath "$(dirname "$STAP")/../share/stap/tapset")
expect_eq "index header" "stap-tapset-index 2
dir $installed
dir $(realpath "$lib")" "$(sed -n '1,3p' "$idx")"
mtime() { date -r "$1" +%s%N; }
expect_eq "index entry" "file 1 $(mtime "$lib/a.stp") $(stat -c %s "$lib/a.stp") a.stp
g g1
g g2
g g3
g p1
f f1
a al al.one
a al2 al2" "$(sed -n '/^file 1 /,$p' "$idx")"
expect_match "installed oneshot" '^a oneshot oneshot$' "$(cat "$idx")"

# unchanged: the same index; a new function in a.stp: rebuilt, found
before=$(cat "$idx")
"$STAP" -p2 -r "$KVER" -I "$lib" -e 'probe begin { println(f1()) }' > /dev/null 2>&1
expect_eq "index reused" "$before" "$(cat "$idx")"
got=$("$STAP" -p2 -r "$KVER" -I "$lib" -e 'probe begin { println(f2()) }' 2>&1)
expect_match "f2 not there yet" '^semantic error: unresolved function f2' "$got"
printf 'function f2() { return 2 }\n' >> "$lib/a.stp"
touch "$lib/a.stp"
got=$("$STAP" -p2 -r "$KVER" -I "$lib" -e 'probe begin { println(f2()) }' 2>&1)
expect_eq "f2 after the change" "# functions
f2:long ()
# probes
begin /* <- begin */
{
  println(f2())
}" "$got"
expect_match "index has f2" '^f f2$' "$(cat "$idx")"
# a file that appears is indexed too
printf 'function f3() { return 3 }\n' > "$lib/b.stp"
got=$("$STAP" -p2 -r "$KVER" -I "$lib" -e 'probe begin { println(f3()) }' 2>&1)
expect_match "new file" '^f3:long \(\)$' "$got"
