#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# selftests/demo.sh - what "make demo" runs inside the guest kernel: hello
# world through every pass of stap, then a real kprobe counting vfs_read
# calls for a second.
set -e
cd "$(dirname "$0")/.."
export PATH=$PWD/build/bin:$PATH
export SYSTEMTAP_DIR=$(mktemp -d)

echo "# stap -v -e 'probe begin { log(\"hello world\") exit() }'"
stap -v -e 'probe begin { log("hello world") exit() }'

echo
echo "# a kprobe on vfs_read, counting hits for one second"
script='global n
probe kprobe.function("vfs_read") { n++ }
probe end { printf("vfs_read was called %d times\n", n) }'
echo "$script"
ko=$(stap -p4 -e "$script")
# Something to count: a reader in the background.
timeout 2 sh -c 'while :; do cat /proc/version; done' > /dev/null &
timeout --preserve-status -s INT 1 staprun "$ko"
wait
echo
echo "# lsmod: the runtime stays, the handler module is gone"
grep -E '^(systemtap|stap_)' /proc/modules | cut -d' ' -f1-3
