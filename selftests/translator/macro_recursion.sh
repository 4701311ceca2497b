#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# A macro that expands itself, directly or through an argument, is a parse
# error at the invocation in the file, at once.  (SystemTap 4.8 expands it
# until it runs out of memory or stack.)
. "$(dirname "$0")/../lib.sh"
got=$(timeout 10 "$STAP" -p1 -e '@define A(x) %( (@x + 1) %)
@define B(x) %( @A(@B(@x)) %)
probe begin { print(@B(1)) }
probe end { print(2) }' 2>&1)
rc=$?
expect_eq "stderr" "parse error: macro expansion nested too deeply (recursive macro?)
         at: operator '@B' at <input>:3:21
     source: probe begin { print(@B(1)) }
                                 ^

1 parse error.
Pass 1: parse failed.  [man error::pass1]" "$got"
expect_eq "exit status" 1 $rc
