#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# A script that prints through a -I library: a script function, a probe
# alias, embedded C (a top-level block, a long and a string function) and
# the installed tapset's oneshot and gettimeofday_s(), built on the host,
# run in the guest; an STAP_ERROR in embedded C stops it with its text.
. "$(dirname "$0")/../lib.sh"
lib=$OUT/tapset_lib
case $1 in
build)
	mkdir -p "$lib" && cd "$OUT" || exit 1
	cat > "$lib/a.stp" <<'STP'
global libg = 2
function libf() { return 40 + libg }
probe myal = begin { prefix = "al:" }
STP
	cat > "$lib/emb.stp" <<'STP'
%{
#define EMB_BASE 100
%}
function emb:long(x:long) %{ /* pure */ STAP_RETURN(STAP_ARG_x + EMB_BASE); %}
function embs:string(s:string) %{ strscpy(STAP_RETVALUE, STAP_ARG_s, MAXSTRINGLEN); %}
function embe(n:long) %{ if (STAP_ARG_n) STAP_ERROR("bad n %lld", (long long)STAP_ARG_n); %}
STP
	"$STAP" -p4 -r "$KVER" -I "$lib" -m t_tapset_lib -e 'probe myal { println(prefix, libf(), " ", emb(1), " ", embs("str")) }
probe oneshot { println(gettimeofday_s() > 1600000000) }' &&
	"$STAP" -p4 -r "$KVER" -I "$lib" -m t_tapset_err -e 'probe begin { embe(0) println("ok") embe(3) println("not reached") }'
	;;
run)
	got=$("$STAPRUN" "$OUT/t_tapset_lib.ko" 2>&1)
	rc=$?
	expect_eq "output" "al:42 101 str
1" "$got"
	expect_eq "exit status" 0 $rc
	out=$("$STAPRUN" "$OUT/t_tapset_err.ko" 2>/tmp/err)
	rc=$?
	expect_eq "STAP_ERROR stdout" "ok" "$out"
	expect_eq "STAP_ERROR stderr" "ERROR: bad n 3 near identifier 'embe' at $lib/emb.stp:6:10
WARNING: Number of errors: 1, skipped probes: 0" "$(cat /tmp/err)"
	expect_eq "STAP_ERROR exit status" 1 $rc
	no_handler_modules || fail "a stap_ module is still loaded"
	;;
esac
