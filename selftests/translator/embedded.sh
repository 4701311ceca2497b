#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Embedded C: refused in a user script without -g with SystemTap 4.8's
# message, accepted with -g and in library files; top-level blocks go into
# the module as written, a C function body runs inside the STAP_ARG_*,
# STAP_RETVALUE, STAP_RETURN, STAP_ERROR macros.
. "$(dirname "$0")/../lib.sh"
export SYSTEMTAP_DIR=$(mktemp -d)
lib=$(mktemp -d)
trap 'rm -rf "$SYSTEMTAP_DIR" "$lib"' EXIT

got=$("$STAP" -p1 -r "$KVER" -e '%{ int x; %} probe begin {}' 2>&1)
rc=$?
expect_eq "top level, no -g" "parse error: embedded code in unprivileged script; need stap -g
        saw: embedded-code at <input>:1:1
     source: %{ int x; %} probe begin {}
             ^

1 parse error.
Pass 1: parse failed.  [man error::pass1]" "$got"
expect_eq "top level, no -g: exit status" 1 $rc
got=$("$STAP" -p2 -r "$KVER" -e 'function f:long() %{ STAP_RETURN(1); %} probe begin {println(f())}' 2>&1)
expect_eq "function body, no -g" "parse error: embedded code in unprivileged script; need stap -g
        saw: embedded-code at <input>:1:19
     source: function f:long() %{ STAP_RETURN(1); %} probe begin {println(f())}
                               ^

1 parse error.
Pass 1: parse failed.  [man error::pass1]" "$got"

script='%{ int zz; %}
function u:long() %{ STAP_RETURN(3); %} probe begin { println(u()) }'
got=$("$STAP" -p1 -g -r "$KVER" -e "$script" 2>&1)
expect_eq "-g -p1" "# parse tree dump
# file <input>
%{ int zz; %}probe begin{
println(u());
}
function u ()
%{ STAP_RETURN(3); %}" "$got"
got=$("$STAP" -p2 -g -r "$KVER" -e "$script" 2>&1)
expect_eq "-g -p2" "# global embedded code
%{ int zz; %}
# functions
u:long ()
%{ STAP_RETURN(3); %}
# probes
begin /* <- begin */
{
  println(u())
}" "$got"
got=$("$STAP" -v -p2 -g -r "$KVER" -e "$script" 2>&1 | sed -n 's/^\(Pass 2: .* globals\) using.*/\1/p')
expect_eq "-v embeds" "Pass 2: analyzed script: 1 probe, 1 function, 1 embed, 0 globals" "$got"

# a library file needs no -g
cat > "$lib/emb.stp" <<'STP'
%{
#define EMB_BASE 40
%}
function emb:long(x:long) %{ /* pure */ STAP_RETURN(STAP_ARG_x + EMB_BASE); %}
function embs:string(s:string) %{ /* pure */ strscpy(STAP_RETVALUE, STAP_ARG_s, MAXSTRINGLEN); %}
function embe(n:long) %{ if (STAP_ARG_n) STAP_ERROR("bad n %lld", (long long)STAP_ARG_n); %}
STP
got=$("$STAP" -p3 -r "$KVER" -I "$lib" -e 'probe begin { embe(0) println(emb(2), embs("s")) }' 2>&1)
rc=$?
expect_eq "-p3 exit status" 0 $rc
expect_eq "-p3: the top-level block after the includes" "#include <stap/stap.h>
#include <stap/probes/begin_end.h>

/* %{ from $lib/emb.stp:1 %} */

#define EMB_BASE 40" "$(printf '%s\n' "$got" | sed -n '2,7p')"
fn=$(printf '%s\n' "$got" | sed -n '/^\/\* function emb \*\/$/,/^}$/p')
expect_eq "-p3: a long function" "/* function emb */
static int fn0(struct stap_context *c)
{
	struct stap_locals *L = c->locals;
	struct l_fn0 *l = &L->f[L->depth - 1].fn0;

	l->ret = 0;
	#define STAP_ARG_x (l->a.x)
	#define STAP_RETVALUE (l->ret)
	#define STAP_RETURN(v) do { STAP_RETVALUE = (s64)(v); goto stap_end; } while (0)
	#define STAP_ERROR(...) do { snprintf(c->error_buf, sizeof(c->error_buf), __VA_ARGS__); c->last_error = c->error_buf; c->last_stmt = \"identifier 'emb' at $lib/emb.stp:4:10\"; goto out; } while (0)
	#define STAP_PRINTF(...) stap_printf(c, __VA_ARGS__)
	#define CONTEXT c
	{
 /* pure */ STAP_RETURN(STAP_ARG_x + EMB_BASE); 
	}
	goto stap_end;
	stap_end:
	if (unlikely(c->last_error) && !c->last_stmt)
		c->last_stmt = \"identifier 'emb' at $lib/emb.stp:4:10\";
	goto out;
	#undef STAP_ARG_x
	#undef STAP_RETVALUE
	#undef STAP_RETURN
	#undef STAP_ERROR
	#undef STAP_PRINTF
	#undef CONTEXT
out:
	return 0;
}" "$fn"
expect_match "-p3: a string function" '^	#define STAP_RETURN\(v\) do \{ strscpy\(STAP_RETVALUE, \(v\), MAXSTRINGLEN\); goto stap_end; \} while \(0\)$' "$got"
expect_match "-p3: no return value" '^	#define STAP_RETURN\(\) goto stap_end$' "$got"
