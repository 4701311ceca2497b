#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The kernel release everything builds for (selftests/vm/kver): the running
# one if it has a build tree, else the newest installed, generic before -rt
# and -cloud; none is an error, never an empty release.  The releases below
# are made up: they name no kernel of any machine.
. "$(dirname "$0")/../lib.sh"
kver=$TOP/selftests/vm/kver
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/boot" "$root/lib/modules"

# kernel RELEASE [nobuild]: an installed kernel in the fake root
kernel() {
	touch "$root/boot/vmlinuz-$1"
	mkdir -p "$root/lib/modules/$1"
	[ "${2:-}" = nobuild ] || mkdir -p "$root/lib/modules/$1/build"
}

got=$(STAP_KVER_ROOT=$root STAP_KVER_UNAME=6.18.0-fc "$kver" 2>&1)
expect_eq "no kernel: exit status" 1 $?
expect_eq "no kernel: message" "kver: no kernel with /boot/vmlinuz-KVER and /lib/modules/KVER/build (make deps installs one)" "$got"

kernel 9.1.0-1-amd64
kernel 9.1.0-2-amd64
kernel 9.1.0-2-rt-amd64
kernel 9.1.0-2-cloud-amd64
expect_eq "newest 9.1, generic before rt and cloud" 9.1.0-2-amd64 \
	"$(STAP_KVER_ROOT=$root STAP_KVER_UNAME=6.18.0-fc "$kver")"

kernel 9.12.5+deb13-amd64
kernel 9.12.7+deb13-amd64 nobuild
expect_eq "9.12 is newer than 9.1; no build tree, no choice" 9.12.5+deb13-amd64 \
	"$(STAP_KVER_ROOT=$root STAP_KVER_UNAME=6.18.0-fc "$kver")"
expect_eq "the running kernel first" 9.1.0-2-rt-amd64 \
	"$(STAP_KVER_ROOT=$root STAP_KVER_UNAME=9.1.0-2-rt-amd64 "$kver")"
expect_eq "the running kernel needs its build tree" 9.12.5+deb13-amd64 \
	"$(STAP_KVER_ROOT=$root STAP_KVER_UNAME=9.12.7+deb13-amd64 "$kver")"

# The Makefile never lets an empty release reach a path.  (Not the
# settings of a make this test may run under.)
mk() {
	(cd "$TOP" && env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u KVER -u STAP_KVER_SET \
		make --no-print-directory "$@")
}
got=$(STAP_KVER_ROOT=$root/none mk runtime 2>&1)
expect_eq "make without a kernel: exit status" 2 $?
expect_match "make without a kernel: kver's message" '^kver: no kernel with' "$got"
got=$(mk STAP_KVER_SET=1 KVER= runtime 2>&1)
expect_match "make with KVER empty" 'KVER is empty: no kernel to build for' "$got"
[ ! -e "$TOP/build/kmod-" ] || fail "build/kmod- exists"
exit 0
