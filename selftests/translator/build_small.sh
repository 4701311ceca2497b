#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# stap -p4 -m NAME compiles hello world with kbuild against the runtime's
# Module.symvers, prints the module's path and leaves NAME.ko in the current
# directory; the module is small and depends on systemtap.ko.
. "$(dirname "$0")/../lib.sh"
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
cd "$d" || exit 1
export SYSTEMTAP_DIR=$d/dir
got=$("$STAP" -p4 -r "$KVER" -m hello -e 'probe begin { log("hello world") exit() }' 2>&1)
rc=$?
expect_eq "exit status" 0 $rc
expect_eq "-p4 prints the module" "hello.ko" "$got"
[ -f hello.ko ] || fail "no hello.ko in the current directory"
size=$(stat -c %s hello.ko)
echo "hello.ko: $size bytes"
[ "$size" -lt 20480 ] || fail "hello.ko is $size bytes, not under 20 KB"
expect_eq "depends" "systemtap" "$(modinfo -F depends hello.ko)"
expect_eq "license" "GPL" "$(modinfo -F license hello.ko)"
expect_eq "vermagic" "$KVER" "$(modinfo -F vermagic hello.ko | cut -d' ' -f1)"
