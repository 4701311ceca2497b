#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The tapset library: a function, a global and probe aliases defined in a
# -I directory are found, only the files the script needs are parsed
# (transitively), and -v counts them as SystemTap words it.
. "$(dirname "$0")/../lib.sh"
export SYSTEMTAP_DIR=$(mktemp -d)
lib=$(mktemp -d)
trap 'rm -rf "$SYSTEMTAP_DIR" "$lib"' EXIT
cat > "$lib/a.stp" <<'STP'
global libg = 5
function libf() { return 40 + libh() }
probe myal = begin { x = 7 }
probe myep += begin { println("ep") }
STP
cat > "$lib/c.stp" <<'STP'
function libh() { return 2 }
STP
# an alias nothing uses pulls in nothing: d1() needs d.stp alone
cat > "$lib/d.stp" <<'STP'
function d1() { return 1 }
probe dal = begin { x = e1() }
STP
cat > "$lib/e.stp" <<'STP'
function e1() { return 2 }
STP
cat > "$lib/unused.stp" <<'STP'
function unused() { return 0 }
STP
got=$("$STAP" -p2 -r "$KVER" -I "$lib" -e 'probe myal { println(libf(), libg, x) } probe myep {}' 2>&1)
expect_eq "-p2" "# globals
libg:long = 5
# functions
libf:long ()
libh:long ()
# probes
begin /* <- myal = begin <- myal */
  # locals
  x:long
{
  {
    x = 7
  }
  {
    println(libf(), libg, x)
  }
}
begin /* <- myep += begin <- myep */
{
  {
    println(\"ep\")
  }
}" "$got"

v() {
	"$STAP" -v -p2 -r "$KVER" -I "$lib" -e "$1" 2>&1 | sed -n 's/ using .*//p' | head -1
}
expect_eq "-v: none" "Pass 1: parsed user script and 0 library scripts" \
	"$(v 'probe begin { println(42) }')"
expect_eq "-v: one" "Pass 1: parsed user script and 1 library script" \
	"$(v 'probe begin { println(libh()) }')"
expect_eq "-v: transitive" "Pass 1: parsed user script and 2 library scripts" \
	"$(v 'probe begin { println(libf()) }')"
expect_eq "-v: an unused alias's body" "Pass 1: parsed user script and 1 library script" \
	"$(v 'probe begin { println(d1()) }')"
expect_eq "-v: a used alias's body" "Pass 1: parsed user script and 2 library scripts" \
	"$(v 'probe dal { println(x) }')"
expect_eq "-v: an alias" "Pass 1: parsed user script and 2 library scripts" \
	"$(v 'probe oneshot { println(libh()) }')"

# the issue's example: -p2 elaborates, -p3 has the function in C
got=$("$STAP" -p3 -r "$KVER" -I "$lib" -e 'probe begin { println(libf()) exit() }' 2>&1)
expect_match "-p3: libf" '^/\* function libf \*/$' "$got"
expect_match "-p3: libh" '^/\* function libh \*/$' "$got"

# the installed library: oneshot and init are tapset aliases
got=$("$STAP" -p2 -r "$KVER" -e 'probe oneshot { println(1) } probe init { println(0) }' 2>&1)
expect_eq "oneshot and init" "# probes
begin /* <- oneshot += begin <- oneshot */
{
  {
    println(1)
  }
  {
    exit()
  }
}
begin(-9223372036854775808) /* <- init = begin(-9223372036854775808) <- init */
{
  {
    println(0)
  }
}" "$got"

# a mismatch suggests from every alias of the library, parsed or not
printf 'probe myalias = begin { }\n' > "$lib/f.stp"
got=$("$STAP" -v -p2 -r "$KVER" -I "$lib" -e 'probe myaliaz { }' 2>&1 | sed 's/ using .*//')
expect_eq "similar: an alias not parsed" "Pass 1: parsed user script and 0 library scripts
semantic error: while resolving probe point: identifier 'myaliaz' at <input>:1:7
        source: probe myaliaz { }
                      ^

semantic error: probe point mismatch (similar: myalias, myal, dal, stap, vm): identifier 'myaliaz' at :1:7
        source: probe myaliaz { }
                      ^

Pass 2: analysis failed.  [man error::pass2]" "$got"

# tapset functions 4.8 writes in script are library script here too
got=$("$STAP" -p2 -r "$KVER" -e 'probe begin { println(gettimeofday_s(), cmdline_str()) }' 2>&1)
expect_eq "script tapset functions" "# functions
gettimeofday_s:long ()
cmdline_str:string ()
# probes
begin /* <- begin */
{
  println(gettimeofday_s(), cmdline_str())
}" "$got"
got=$("$STAP" -v -p2 -r "$KVER" -e 'probe begin { println(cpu_clock_us(0), local_clock_ms()) }' 2>&1 | sed -n 's/ using .*//p')
expect_eq "script tapset functions: -v" "Pass 1: parsed user script and 1 library script
Pass 2: analyzed script: 1 probe, 4 functions, 0 embeds, 0 globals" "$got"
installed=$(realpath "$(dirname "$STAP")/../share/stap/tapset")
got=$("$STAP" -p2 -r "$KVER" -e 'probe begin { println(cmdline_arg()) }' 2>&1)
expect_eq "error at the library file" "semantic error: arity mismatch found (function 'cmdline_arg' takes 1 args): identifier 'cmdline_arg' at <input>:1:23
        source: probe begin { println(cmdline_arg()) }
                                      ^
identifier 'cmdline_arg' at $installed/cmdline.stp:7:10
        source: function cmdline_arg:string (n:long) {
                         ^

Pass 2: analysis failed.  [man error::pass2]" "$got"
