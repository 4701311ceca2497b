#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# A parse error is reported as SystemTap 4.8 reports it: message, the token,
# the source line with a caret under the column, the count and the pass line.
. "$(dirname "$0")/../lib.sh"
got=$("$STAP" -p1 -e 'probe begin { log("x" }' 2>&1)
rc=$?
expect_eq "stderr" "parse error: expected one of ') ,'
        saw: operator '}' at <input>:1:23
     source: probe begin { log(\"x\" }
                                   ^

1 parse error.
Pass 1: parse failed.  [man error::pass1]" "$got"
expect_eq "exit status" 1 $rc
