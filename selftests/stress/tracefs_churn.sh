#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# selftests/stress/tracefs_churn.sh [CYCLES] - the emulator baseline: no
# module of ours, only the kernel's own kprobe on vfs_read (tracefs),
# enabled and disabled every 0.2 s while two readers hammer vfs_read.  In
# the guest; the runner's dmesg check says whether the kernel survived.
set -u
cycles=${1:-100}
t=/sys/kernel/tracing
echo 'p:stapchurn vfs_read' > $t/kprobe_events || exit 1
for i in 1 2; do
	dd if=/dev/zero of=/dev/null bs=1 count=100000000 2> /dev/null &
done
for i in $(seq "$cycles"); do
	echo 1 > $t/events/kprobes/stapchurn/enable
	sleep 0.1
	echo 0 > $t/events/kprobes/stapchurn/enable
	sleep 0.1
done
kill %1 %2 2> /dev/null
wait
echo '-:stapchurn' >> $t/kprobe_events
echo "churn: $cycles cycles done"
