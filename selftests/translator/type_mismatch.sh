#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Type inference conflicts name both places, as SystemTap 4.8 does (the
# file name is left out when it repeats).
. "$(dirname "$0")/../lib.sh"
got=$("$STAP" -p2 -r "$KVER" -e 'global x probe begin { x = 1; x = "a"; log(x) }' 2>&1)
rc=$?
got=$(printf '%s\n' "$got" | grep -v -e '^Number of similar error messages suppressed' -e '^Rerun with -v')
expect_eq "stderr" "semantic error: type mismatch (string): identifier 'x' at <input>:1:31
        source: global x probe begin { x = 1; x = \"a\"; log(x) }
                                              ^

semantic error: type was first inferred here (long): identifier 'x' at :1:24
        source: global x probe begin { x = 1; x = \"a\"; log(x) }
                                       ^

Pass 2: analysis failed.  [man error::pass2]" "$got"
expect_eq "exit status" 1 $rc
