#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# printf formats are checked at compile time: argument count and types.
. "$(dirname "$0")/../lib.sh"
got=$("$STAP" -p2 -r "$KVER" -e 'probe begin { printf("%d %d\n", 1) }' 2>&1)
rc=$?
expect_eq "count" "semantic error: Wrong number of args to formatted print operator: identifier 'printf' at <input>:1:15
        source: probe begin { printf(\"%d %d\n\", 1) }
                              ^

Pass 2: analysis failed.  [man error::pass2]" "$got"
expect_eq "exit status" 1 $rc
got=$("$STAP" -p2 -r "$KVER" -e 'probe begin { printf("%d\n", "s") }' 2>&1 |
	grep -v -e '^Number of similar' -e '^Rerun with -v')
expect_eq "type" "semantic error: type mismatch: expected long but found string: string 's' at <input>:1:30
        source: probe begin { printf(\"%d\n\", \"s\") }
                                             ^

Pass 2: analysis failed.  [man error::pass2]" "$got"
