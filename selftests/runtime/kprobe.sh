#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The issue's acceptance line: a kprobe on vfs_read really fires in the guest
# kernel and SIGINT runs the end probe.  The host compiles the script into
# the cache the guest's stap uses, so the guest's run is a cache hit.
. "$(dirname "$0")/../lib.sh"
script='global n probe kprobe.function("vfs_read") { n++ } probe end { printf("fired=%d\n", n > 0) }'
case $1 in
build)
	"$STAP" -p4 -r "$KVER" -e "$script" > /dev/null
	;;
run)
	expect_eq "output" "fired=1" "$(run_for 1 "$STAP" -e "$script")"
	no_handler_modules || fail "a stap_ module is still loaded"
	;;
esac
