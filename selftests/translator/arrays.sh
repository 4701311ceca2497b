#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Global arrays and statistics in pass 2: declarations as -p2 shows them,
# arity and index type errors as SystemTap 4.8 prints them.
. "$(dirname "$0")/../lib.sh"
got=$("$STAP" -p2 -r "$KVER" -e 'global a[10], b%, c%[5] probe begin { a[1]=1; b["x"]=2; c[1,"s"]<<<3; println(a[1], b["x"], @count(c[1,"s"])) }' 2>&1 | sed -n 1,4p)
expect_eq "globals" "# globals
a[10]:long [long]
b%:long [string]
c%[5]:stats [long, string]" "$got"
got=$("$STAP" -p2 -r "$KVER" -e 'global a probe begin { a[1] = 1; a[1,2] = 2 }' 2>&1)
expect_eq "arity" "semantic error: inconsistent arity (1 vs 2): identifier 'a' at <input>:1:34
        source: global a probe begin { a[1] = 1; a[1,2] = 2 }
                                                 ^

semantic error: arity 1 first inferred here: identifier 'a' at :1:24
        source: global a probe begin { a[1] = 1; a[1,2] = 2 }
                                       ^

Pass 2: analysis failed.  [man error::pass2]" "$got"
got=$("$STAP" -p2 -r "$KVER" -e 'global a probe begin { a[1]=1; a["x"] = 2}' 2>&1)
expect_eq "index type" "semantic error: index 0 type mismatch (string): string 'x' at <input>:1:34
        source: global a probe begin { a[1]=1; a[\"x\"] = 2}
                                                 ^

semantic error: type of index 0 was first inferred here (long): number '1' at :1:26
        source: global a probe begin { a[1]=1; a[\"x\"] = 2}
                                         ^

Pass 2: analysis failed.  [man error::pass2]" "$got"
got=$("$STAP" -p2 -r "$KVER" -e 'probe begin { a[1] = 1 }' 2>&1)
expect_match "undeclared" "^semantic error: unresolved arity-1 global array a, missing global declaration\?: identifier 'a' at <input>:1:15$" "$got"
