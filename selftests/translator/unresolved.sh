#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Calling a function that exists nowhere is a semantic error at the call.
. "$(dirname "$0")/../lib.sh"
got=$("$STAP" -p2 -r "$KVER" -e 'probe begin { zzqq_undefined(1) }' 2>&1)
rc=$?
expect_match "message" "^semantic error: unresolved function zzqq_undefined( \(similar: [^)]*\))?: identifier 'zzqq_undefined' at <input>:1:15\$" "$got"
expect_eq "source and caret" "        source: probe begin { zzqq_undefined(1) }
                              ^" "$(printf '%s\n' "$got" | sed -n 2,3p)"
expect_match "pass line" '^Pass 2: analysis failed\.  \[man error::pass2\]$' "$got"
expect_eq "exit status" 1 $rc
