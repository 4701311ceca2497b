#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# -p1 prints the parse tree as SystemTap 4.8 does; script arguments with
# spaces and quotes are pasted as tokens ($N) or as one string (@N).
# The expected text is SystemTap 4.8's own output for the same command.
. "$(dirname "$0")/../lib.sh"
script='global g = 5
function f(x) { return -x }
probe begin { s = @1; t = $2; printf("%s\n", s); foreach ([k+] in a limit 2) delete a[k] }'
got=$("$STAP" -p1 -e "$script" 'a "b" c\d' '1 + 2' 2>&1)
expect_eq "-p1" '# parse tree dump
# file <input>
global g = 5
probe begin{
(s) = ("a \"b\" c\\d");
(t) = ((1) + (2));
printf("%s\\n", s);
foreach ([k+] in a limit 2) delete a[k];
}
function f (x)
{
return -(x);
}' "$got"
got=$("$STAP" -p1 -e 'probe begin { println($1) }' '$2' x 2>&1)
expect_eq "nested argument" "parse error: invalid nested substitution of command line arguments
         at: junk '' at <input>:1:23
     source: probe begin { println(\$1) }
                                   ^

1 parse error.
Pass 1: parse failed.  [man error::pass1]" "$got"
