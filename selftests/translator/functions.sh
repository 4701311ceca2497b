#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# User functions: arity errors as SystemTap 4.8 prints them, 'private',
# MAXNESTING (deepest static call chain + 1, +10 when recursive).
. "$(dirname "$0")/../lib.sh"
got=$("$STAP" -p2 -r "$KVER" -e 'function f() { return 1 } probe begin { f(1) }' 2>&1)
rc=$?
expect_eq "arity" "semantic error: arity mismatch found (function 'f' takes 0 args): identifier 'f' at <input>:1:41
        source: function f() { return 1 } probe begin { f(1) }
                                                        ^
identifier 'f' at :1:10
        source: function f() { return 1 } probe begin { f(1) }
                         ^

Pass 2: analysis failed.  [man error::pass2]" "$got"
expect_eq "arity exit status" 1 $rc
got=$("$STAP" -p1 -r "$KVER" -e 'private probe begin {}' 2>&1)
expect_eq "private" "parse error: expected 'function' or identifier
        saw: keyword at <input>:1:9
     source: private probe begin {}
                     ^

1 parse error.
Pass 1: parse failed.  [man error::pass1]" "$got"
got=$("$STAP" -p3 -r "$KVER" -e 'function fib(n) { if (n < 2) return n; return fib(n-1) + fib(n-2) } probe begin { println(fib(10)) }' 2>&1)
expect_match "recursive MAXNESTING" '^#define MAXNESTING 13$' "$got"
got=$("$STAP" -p3 -r "$KVER" -e 'function a() { return 1 } private function b() { return a() } function b(x) { return x } probe begin { println(b(), b(2)) }' 2>&1)
expect_match "chain MAXNESTING" '^#define MAXNESTING 3$' "$got"
got=$("$STAP" -p2 -r "$KVER" -e 'function f(a) { if (a) next; return 1 } function f(a) { return 2 } function u(x) { return x } probe begin { println(f(1)) }' 2>&1)
expect_eq "overloads, unused elided" "# functions
f:long (a:long)
{
  if (a)
    next
  return 1
}
f:long (a:long)
{
  return 2
}
# probes
begin /* <- begin */
{
  println(f(1))
}" "$got"
