#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The emulator baseline: no module of ours, only the kernel's own kprobe
# on vfs_read (tracefs), enabled and disabled every 0.1 s, STRESS_CHURN
# (100) times, while two readers hammer vfs_read on both CPUs.  Under
# multi-threaded TCG this alone oopses the guest (Documentation/testing.rst);
# in the stress suite's setup it must not, which proves the setup.
set -u
case ${1:-run} in
build) exit 0 ;;
esac
cycles=${STRESS_CHURN:-100}
t=/sys/kernel/tracing
echo 'p:stapchurn vfs_read' > $t/kprobe_events || exit 1
for i in 1 2; do
	dd if=/dev/zero of=/dev/null bs=1 count=2000000000 2> /dev/null &
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
