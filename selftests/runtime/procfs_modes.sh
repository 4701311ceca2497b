#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# procfs file modes for every shape of .umask: the expected modes are what
# SystemTap 4.8 puts in its generated code for the same probes (stap -p3,
# ".permissions="): 0444 | 0222 masked by the read probe's umask together
# with the first write probe's, 0044 and 0022 when absent.  A mode of 0
# comes out 0444: proc_create_data() gives a file with no permission bits
# S_IRUGO, for SystemTap's modules as for ours.
. "$(dirname "$0")/../lib.sh"
R='{ $value = "x" }'
W='{ print($value) }'
# PATH MODE PROBES...
cases=(
	"f1 664 umask(2).read umask(0).write"
	"f2 666 umask(0).read umask(0).write"
	"f3 440 umask(4).read"
	"f4 220 umask(2).write"
	"f5 44 umask(400).read"
	"f6 44 umask(0400).read"
	"f7 642 umask(0004).read umask(0020).write"
	"f8 444 umask(0777).read write"
	"f9 600 umask(022).read umask(044).write"
	"f10 444 umask(0).read umask(0222).write"
	"f11 24 umask(0440).read umask(0202).write"
	"f12 664 umask(0).write umask(2).read"
	"f13 622 umask(0).write read"
	"f14 666 umask(0).read umask(0).write umask(0200).write"
	"f15 220 umask(2).write write"
	"f16 200 write umask(2).write"
	"f17 644 umask(0).read write"
	"f18 400 read"
	"f19 200 write"
	"f20 600 read write"
)
case $1 in
build)
	script='probe begin { println("ready") }'
	for c in "${cases[@]}"; do
		set -- $c
		path=$1
		shift 2
		for p; do
			case $p in
			*read) script+=$'\n'"probe procfs(\"$path\").$p $R" ;;
			*) script+=$'\n'"probe procfs(\"$path\").$p $W" ;;
			esac
		done
	done
	cd "$OUT" && "$STAP" -p4 -r "$KVER" -m t_pf_modes -e "$script" > /dev/null
	;;
run)
	out=$(mktemp)
	start_session "$out" "$STAPRUN" "$OUT/t_pf_modes.ko" || fail "did not start"
	bad=
	for c in "${cases[@]}"; do
		set -- $c
		got=$(stat -c %a /proc/systemtap/t_pf_modes/$1)
		[ "$got" = "$2" ] || bad+="$1 (${*:3}): mode $got, SystemTap's is $2"$'\n'
	done
	stop_session || fail "exit status $?"
	rm -f "$out" "$out.err"
	[ -z "$bad" ] || fail "$bad"
	;;
esac
