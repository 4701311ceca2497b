#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# kprobe.function() names are checked against the target kernel's symbols
# (its BTF, taken from /boot/vmlinuz-KVER, when it is not the running one):
# a good name resolves, a bad one is SystemTap's "no match".
. "$(dirname "$0")/../lib.sh"
"$STAP" -p2 -r "$KVER" -e 'probe kprobe.function("vfs_read") { next }' > /dev/null 2>&1 ||
	fail "vfs_read does not resolve"
got=$("$STAP" -p2 -r "$KVER" -e 'probe kprobe.function("no_such_function_xyz") { }' 2>&1)
rc=$?
expect_eq "stderr" "semantic error: while resolving probe point: identifier 'kprobe' at <input>:1:7
        source: probe kprobe.function(\"no_such_function_xyz\") { }
                      ^

semantic error: no match

Pass 2: analysis failed.  [man error::pass2]" "$got"
expect_eq "exit status" 1 $rc
