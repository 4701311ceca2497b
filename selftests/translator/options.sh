#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Bad options are refused with SystemTap's messages and status 1.
. "$(dirname "$0")/../lib.sh"
check() {
	local want=$1
	shift
	got=$("$STAP" "$@" 2>&1)
	rc=$?
	expect_eq "stap $*" "$want" "$got"
	expect_eq "stap $* exit status" 1 $rc
}
check "Invalid buffer size (should be 1-4095)." -s 4096 -p1 -e 'probe begin {}'
check "Invalid pass number (should be 1-5)." -p 7 -e 'probe begin {}'
check "ERROR: Safety pattern mismatch for -m parameter ('Bad-Name' vs. '^[a-z0-9_]+\$') rc=1" \
	-m Bad-Name -p1 -e 'probe begin {}'
