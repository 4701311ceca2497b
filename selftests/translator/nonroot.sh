#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# A user in none of stapusr/stapsys/stapdev is told at once, before pass
# 1 and in SystemTap 4.8's words (seed 000), that a run needs root or a
# group; compiling (-p1 to -p4) stays open to everyone.  A data directory
# that cannot be made disables the cache with 4.8's warning.
. "$(dirname "$0")/../lib.sh"
id nobody > /dev/null 2>&1 || skip "no user nobody"
getent group stapusr stapsys stapdev | grep -q ':nobody\(,\|$\)' &&
	skip "nobody is in a stap group here"
as_nobody() {
	(cd / && setpriv --reuid=nobody --regid=nogroup --clear-groups \
		env -u SYSTEMTAP_DIR HOME=/nonexistent "$@")
}
warn='WARNING: failed to create systemtap data directory "/nonexistent/.systemtap" Permission denied, disabling cache support.'

got=$(as_nobody "$STAP" -r "$KVER" -e 'probe begin { exit() }' 2>&1)
expect_eq "run refused: exit status" 1 $?
expect_eq "run refused" "$warn
You are trying to run systemtap as a normal user.
You should either be root, or be part of the group \"stapusr\" and possibly one of the groups \"stapsys\" or \"stapdev\".  [man stap]
Try '--help' for more information. [man stap]
A message like [man foo] means for more info, run % man foo" "$got"

# Refused before pass 1: a script that does not even parse gets the same.
got=$(as_nobody "$STAP" -r "$KVER" -e 'probe begin {' 2>&1)
expect_eq "before pass 1: exit status" 1 $?
expect_match "before pass 1" '^You are trying to run systemtap as a normal user\.$' "$got"

got=$(as_nobody "$STAP" -r "$KVER" -p2 -e 'probe begin { exit() }' 2>&1)
expect_eq "-p2 allowed: exit status" 0 $?
expect_eq "-p2 allowed" "$warn
# probes
begin /* <- begin */
{
  exit()
}" "$got"

got=$(as_nobody "$STAP" -r "$KVER" -l 'begin' 2>&1)
expect_eq "-l allowed: exit status" 0 $?
expect_eq "-l allowed" "$warn
begin" "$got"
exit 0
