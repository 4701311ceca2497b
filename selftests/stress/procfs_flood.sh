#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# runtime:procfs_concurrent at length: 8 readers and 8 writers on one
# procfs probe file, STRESS_PROCFS_OPS (6000) operations each, over
# 10 s in the guest.  Every read whole, every write intact, none skipped.
export PROCFS_OPS=${STRESS_PROCFS_OPS:-6000}
t0=$(date +%s)
bash "$(dirname "$0")/../runtime/procfs_concurrent.sh" "$@" || exit
[ "$1" = run ] && echo "16 processes x $PROCFS_OPS operations in $(($(date +%s) - t0)) s"
exit 0
