#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make install inside the guest (its root is a throw-away overlay): the
# installed stap and staprun work with the build tree moved away, and
# modprobe finds systemtap.ko under /lib/modules/KVER/extra; then non-root
# use as installed.  Runs last.
. "$(dirname "$0")/../lib.sh"
# Non-root, as installed: staprun is setuid root for stapusr only; a user
# in no group is refused by stap before pass 1 and cannot exec staprun;
# stapdev (with stapusr) compiles and runs; stapusr alone runs only what
# is in /lib/modules/KVER/systemtap/.
nonroot() {
	local sr=/usr/local/bin/staprun sysdir=/lib/modules/$(uname -r)/systemtap
	local cache got u
	expect_eq "staprun mode" "4110 root stapusr" "$(stat -c '%a %U %G' $sr)"
	for g in stapusr stapsys stapdev; do
		getent group $g > /dev/null || fail "make install did not create $g"
	done
	useradd -M -N -g nogroup i_none || fail "useradd"
	useradd -M -N -g nogroup -G stapusr i_usr || fail "useradd"
	useradd -M -N -g nogroup -G stapusr,stapdev i_dev || fail "useradd"
	trap 'userdel i_none; userdel i_usr; userdel i_dev
	      rm -rf "$TOP/build"; mv "$TOP/build.away" "$TOP/build"' EXIT
	cache=$(mktemp -d)
	chmod 1777 "$cache"
	as() {	# as USER COMMAND...: with the user's groups, a shared cache
		local u=$1; shift
		(cd /tmp && setpriv --reuid=$u --regid=nogroup --init-groups \
			env HOME=/nonexistent SYSTEMTAP_DIR=$cache "$@")
	}
	s='probe begin { printf("%s %d\n", "nonroot", 6 * 7) exit() }'

	got=$(as i_none stap -e "$s" 2>&1)
	expect_eq "no group, stap: exit status" 1 $?
	expect_eq "no group, stap" "You are trying to run systemtap as a normal user.
You should either be root, or be part of the group \"stapusr\" and possibly one of the groups \"stapsys\" or \"stapdev\".  [man stap]
Try '--help' for more information. [man stap]
A message like [man foo] means for more info, run % man foo" "$got"
	as i_none $sr /tmp/t_inst.ko > /dev/null 2>&1
	expect_eq "no group, staprun: exit status (not executable)" 126 $?

	got=$(as i_dev stap -e "$s" 2>&1)
	expect_eq "stapdev, stap: exit status" 0 $?
	expect_eq "stapdev, stap" "nonroot 42" "$got"

	# The same script from the shared cache: stapusr may not run it there.
	got=$(as i_usr stap -e "$s" 2>&1)
	expect_eq "stapusr, stap: exit status" 1 $?
	expect_match "stapusr, stap" '^ERROR: Members of the "stapusr" and "stapsys" groups can only use unsigned modules within$' "$got"
	expect_match "stapusr, stap" '^Pass 5: run failed\.  \[man error::pass5\]$' "$got"

	mkdir -p "$sysdir"
	install -m 644 /tmp/t_inst.ko "$sysdir/"
	got=$(as i_usr staprun t_inst 2>&1)
	expect_eq "stapusr, staprun: exit status" 0 $?
	expect_eq "stapusr, staprun" "installed 42" "$got"
	rm -f "$sysdir/t_inst.ko"
	no_handler_modules || fail "a stap_ module is still loaded"
}

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
	test -r /usr/local/share/stap/runtime/include/stap/probe_type.h || fail "no installed provider API header"
	test -r /usr/local/share/stap/runtime/include/stap/probes/timer.h || fail "no installed probe args header"
	test -r "/usr/local/share/stap/runtime/$(uname -r)/Module.symvers" || fail "no installed Module.symvers"
	[ ! -e "$TOP/build" ] || fail "the installed tools wrote into the build tree"
	nonroot
	;;
esac
