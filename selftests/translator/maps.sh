#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Global arrays, statistics and foreach: pass 2 checks with SystemTap 4.8's
# messages, the exit display of written-only globals, and the map table and
# calls pass 3 emits.
. "$(dirname "$0")/../lib.sh"
got=$("$STAP" -p2 -r "$KVER" -e 'global a; probe begin { a[1]=1; foreach (k in a) a[k+1] = 2 }' 2>&1 | head -1)
expect_eq "foreach write" "semantic error: variable 'a' modified during 'foreach' iteration: identifier 'a' at <input>:1:50" "$got"
got=$("$STAP" -p2 -r "$KVER" -e 'global a; probe begin { a[1]=1; foreach (k in a) { f() } } function f() { a[2]=3 }' 2>&1 | head -1)
expect_eq "foreach call write" "semantic error: function call modifies var 'a' during 'foreach' iteration: identifier 'f' at <input>:1:52" "$got"
got=$("$STAP" -p2 -r "$KVER" -e 'global a probe begin { a[1]=1; foreach (k in a @sum+) println(k) }' 2>&1 | head -1)
expect_eq "sort by extractor of a non-statistic" "semantic error: invalid type long: identifier 'a' at <input>:1:46" "$got"
got=$("$STAP" -p2 -r "$KVER" -e 'global a probe begin { a[1] = 1; a = 2 }' 2>&1 | head -1)
expect_eq "array used as scalar" "semantic error: inconsistent arity (1 vs 0): identifier 'a' at <input>:1:34" "$got"
got=$("$STAP" -p2 -r "$KVER" -e 'global a, s probe begin { a["x",1] = 5; s <<< 1 }' 2>&1 | sed -n '/^end/,$p')
expect_eq "display" 'end /* <- end */
  # locals
  __idx0:string
  __idx1:long
{
  foreach ([__idx0, __idx1] in a sort 0-)
    printf("a[\"%s\",%d]=%d\n", __idx0, __idx1, a[__idx0, __idx1])
}
end /* <- end */
{
  if (@count(s))
    printf("s @count=%d @min=%d @max=%d @sum=%d @avg=%d\n", @count(s), @min(s), @max(s), @sum(s), @avg(s))
  else
    printf("s @count=0x0\n")
}' "$got"
# SystemTap's order: first reference in the probes, then functions by name
got=$("$STAP" -p2 -r "$KVER" -e 'global a, b, c, d function g() { a = 1 } function f() { c = 1 } probe begin { f(); d = 1; g() } probe never { b = 1 }' 2>&1 | grep -o "^  printf(.[a-z]" | tr -d "\\n")
expect_eq "display order" '  printf("d  printf("b  printf("c  printf("a' "$got"
c=$("$STAP" -p3 -r "$KVER" -e 'global s probe begin { s <<< 3; foreach (n = i in @hist_log(s) limit 4) printf("%d %d\n", i, n); exit() }' 2>&1)
expect_match "hist foreach" 'stap_stat_hist_nbuckets\(c, 0\)' "$c"
expect_match "hist foreach count" '= stap_stat_hist_bucket\(c, 0, NULL, l->t[0-9]+\);' "$c"
got=$("$STAP" -p2 -r "$KVER" -e 'global s probe begin { s <<< 1; foreach (i in @hist_log(s)) println(i . "") }' 2>&1 | head -1)
expect_eq "hist foreach key is long" "semantic error: type mismatch (string): identifier 'i' at <input>:1:69" "$got"
c=$("$STAP" -p3 -r "$KVER" -e 'global a%[5], s probe begin { a["k"]++; s <<< 3; foreach (k in a- limit 2) print(k, @hist_log(s)[1]); exit() }' 2>&1)
expect_match "map table" '\{ \.name = "a", \.nkeys = 1, \.key_types = \{ STAP_STRING \}, \.value_type = STAP_LONG, \.flags = STAP_MAP_WRAP \| STAP_MAP_SIZED, \.max_entries = 5 \}' "$c"
expect_match "stat desc" '\.name = "s", \.nkeys = 0, .*STAP_HIST_LOG' "$c"
expect_match "foreach" 'stap_map_first\(c, 0, 0, -1, STAP_STAT_COUNT, NULL, 0x0\)' "$c"
expect_match "write lock" 'STAP_PF_LOCK_WRITE' "$c"
exit 0
