#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Non-root use, SystemTap's rules and messages: staprun must be setuid
# root; a user in none of stapusr/stapsys/stapdev is refused; stapusr may
# only load modules from /lib/modules/KVER/systemtap/ (a bare name finds
# them there); stapdev may load any; -o files belong to the real user.
. "$(dirname "$0")/../lib.sh"
case $1 in
build)
	cd "$OUT" &&
	"$STAP" -p4 -r "$KVER" -m t_perm -e 'probe begin { printf("hello\n") exit() }'
	;;
run)
	for g in stapusr stapsys stapdev; do
		getent group $g > /dev/null || groupadd -r $g || fail "groupadd $g"
	done
	useradd -M -N -g nogroup u_none || fail "useradd"
	useradd -M -N -g nogroup -G stapusr u_usr || fail "useradd"
	useradd -M -N -g nogroup -G stapdev u_dev || fail "useradd"
	dir=$(mktemp -d)
	mount -t tmpfs -o mode=755 suid "$dir" || fail "mount"
	cp "$STAPRUN" "$dir/staprun"
	cp "$STAPRUN" "$dir/staprun_plain"
	chmod 4755 "$dir/staprun"
	mkdir -m 777 "$dir/out"
	as() { local u=$1; shift; setpriv --reuid=$u --regid=nogroup --init-groups "$@"; }

	got=$(as u_usr "$dir/staprun_plain" "$OUT/t_perm.ko" 2>&1)
	expect_eq "not setuid: exit status" 1 $?
	expect_eq "not setuid" "ERROR: The effective user ID of staprun must be set to the root user.
  Check permissions on staprun and ensure it is a setuid root program." "$got"

	got=$(as u_none "$dir/staprun" "$OUT/t_perm.ko" 2>&1)
	expect_eq "no group: exit status" 1 $?
	expect_eq "no group" "ERROR: You are trying to run systemtap as a normal user.
You should either be root, or be part of group \"stapusr\" and possibly the groups \"stapsys\" or \"stapdev\"." "$got"

	sysdir=/lib/modules/$(uname -r)/systemtap
	if [ ! -e "$sysdir" ]; then
		got=$(as u_usr "$dir/staprun" "$OUT/t_perm.ko" 2>&1)
		expect_eq "stapusr, no dir: exit status" 1 $?
		expect_eq "stapusr, no dir" "ERROR: Members of the \"stapusr\" and \"stapsys\" groups can only use unsigned modules within
  the \"$sysdir\" directory.
  Unable to canonicalize that directory" "$got"
	fi
	mkdir -p "$sysdir"
	got=$(as u_usr "$dir/staprun" "$OUT/t_perm.ko" 2>&1)
	expect_eq "stapusr, other dir: exit status" 1 $?
	expect_eq "stapusr, other dir" "ERROR: Members of the \"stapusr\" and \"stapsys\" groups can only use unsigned modules within
  the \"$sysdir\" directory.
  Module \"$OUT/t_perm.ko\" does not exist within that directory." "$got"

	install -m 644 "$OUT/t_perm.ko" "$sysdir/"
	got=$(cd /tmp && as u_usr "$dir/staprun" t_perm 2>&1)
	expect_eq "stapusr, bare name: exit status" 0 $?
	expect_eq "stapusr, bare name" "hello" "$got"

	got=$(as u_dev "$dir/staprun" -o "$dir/out/o" "$OUT/t_perm.ko" 2>&1)
	expect_eq "stapdev, any dir: exit status" 0 $?
	expect_eq "stapdev: output" "hello" "$(cat "$dir/out/o")"
	expect_eq "-o file owner" u_dev "$(stat -c %U "$dir/out/o")"

	rm -f "$sysdir/t_perm.ko"
	umount "$dir"
	rmdir "$dir"
	userdel u_none; userdel u_usr; userdel u_dev
	no_handler_modules || fail "a stap_ module is still loaded"
	exit 0
	;;
esac
