#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# A parse error inside a library file is reported at the file's path and
# line; SystemTap then skips the file, so what it defined is unresolved.
. "$(dirname "$0")/../lib.sh"
export SYSTEMTAP_DIR=$(mktemp -d)
dir=$(mktemp -d)
trap 'rm -rf "$SYSTEMTAP_DIR" "$dir"' EXIT
cd "$dir" && mkdir lib2 || fail "no temp dir"
printf 'function ok() { return 1 }\n\nfunction bad() { return 1 +  }\n' > lib2/c.stp
got=$("$STAP" -p2 -r "$KVER" -I lib2 -e 'probe begin { println(bad()) }' 2>&1)
rc=$?
expect_eq "error in a tapset" "parse error: expected literal string or number
        saw: operator '}' at lib2/c.stp:3:30
     source: function bad() { return 1 +  }
                                          ^

1 parse error.
WARNING: tapset \"lib2/c.stp\" has errors, and will be skipped
semantic error: unresolved function bad (similar: gid, pid, sid, tid, uid): identifier 'bad' at <input>:1:23
        source: probe begin { println(bad()) }
                                      ^

Pass 2: analysis failed.  [man error::pass2]" "$got"
expect_eq "exit status" 1 $rc
# a script that needs nothing from the file never parses it
got=$("$STAP" -p2 -r "$KVER" -I lib2 -e 'probe begin { println(1) }' 2>&1)
expect_eq "file not needed" "# probes
begin /* <- begin */
{
  println(1)
}" "$got"
