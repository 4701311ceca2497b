#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The temporary directory goes under $TMPDIR when it is set, as SystemTap
# (the fuzzer keeps a crashed run's leftovers in its own directory).
. "$(dirname "$0")/../lib.sh"
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
got=$(TMPDIR=$d "$STAP" -k -p2 -e 'probe begin {}' 2>&1 >/dev/null)
expect_match "kept directory" "^Keeping temporary directory \"$d/stap[A-Za-z0-9]{6}\"\$" "$got"
[ -d "$(printf '%s\n' "$got" | sed -n 's/^Keeping temporary directory "\(.*\)"$/\1/p')" ] ||
	fail "the kept directory does not exist"
