#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make install inside the guest (its root is a throw-away overlay): the
# installed stap and staprun work with the build tree moved away, and
# modprobe finds systemtap.ko under /lib/modules/KVER/extra.  Runs last.
. "$(dirname "$0")/../lib.sh"
case $1 in
build)
	cd "$OUT" &&
	"$STAP" -p4 -r "$KVER" -m t_inst -e 'probe begin { printf("%s %d\n", "installed", 6 * 7) exit() }'
	;;
run)
	cd "$TOP" || fail "no $TOP"
	make -s install > /tmp/install.out 2>&1 || { cat /tmp/install.out; fail "make install"; }
	cp "$OUT/t_inst.ko" /tmp/ || fail "no t_inst.ko"
	no_handler_modules || fail "a stap_ module is loaded"
	rmmod systemtap 2>/dev/null
	# Nothing below may write into the build tree while it is away.
	export SYSTEMTAP_DIR=$(mktemp -d)
	mv "$TOP/build" "$TOP/build.away" || fail "cannot move the build tree"
	trap 'rm -rf "$TOP/build"; mv "$TOP/build.away" "$TOP/build"' EXIT
	[ ! -e "$TOP/build" ] || fail "the build tree is still there"
	modinfo -n systemtap | grep -q "/lib/modules/$(uname -r)/extra/systemtap.ko" ||
		fail "modinfo does not find systemtap.ko in extra/"
	PATH=/usr/local/bin:$PATH
	[ "$(command -v staprun)" = /usr/local/bin/staprun ] || fail "staprun is not on the PATH"
	got=$(staprun /tmp/t_inst.ko 2>&1)
	expect_eq "installed staprun" "installed 42" "$got"
	grep -q '^systemtap ' /proc/modules || fail "staprun did not load systemtap.ko"
	got=$(stap -p3 -e 'probe begin { log("x") }' 2>&1) || fail "installed stap -p3: $got"
	expect_match "installed stap -p3" 'stap_session_register' "$got"
	test -r /usr/local/share/stap/runtime/include/stap/stap.h || fail "no installed ABI header"
	test -r "/usr/local/share/stap/runtime/$(uname -r)/Module.symvers" || fail "no installed Module.symvers"
	[ ! -e "$TOP/build" ] || fail "the installed tools wrote into the build tree"
	;;
esac
