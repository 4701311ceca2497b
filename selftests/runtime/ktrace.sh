#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# kernel.trace("sched:sched_switch") with no debuginfo and nothing built
# per tracepoint: $prev and $next are typed from BTF, so a sleep(1) that
# the test runs is seen leaving the CPU and coming back to it, by name;
# sched_process_exec's $p->pid is the pid the test started.
. "$(dirname "$0")/../lib.sh"
case $1 in
build)
	cd "$OUT" &&
	"$STAP" -p4 -r "$KVER" -m t_ktrace -e '
global nout, nin
probe kernel.trace("sched:sched_switch") {
  if ($prev->pid == target() && kernel_string($prev->comm) == "sleep") nout++
  if ($next->pid == target() && kernel_string($next->comm) == "sleep") nin++
}
probe kernel.trace("sched_process_exec") {
  if ($p->pid == target()) printf("exec %d %s\n", $p->pid, kernel_string($p->comm))
}
probe end { printf("sleep left the cpu: %d, came back: %d\n", nout > 0, nin > 0) }' > /dev/null
	;;
run)
	got=$("$STAPRUN" -c "sleep 0.3" "$OUT/t_ktrace.ko" 2> /tmp/kt.err)
	expect_eq "exit status" 0 $?
	expect_eq "stderr" "" "$(drop_skips < /tmp/kt.err)"
	expect_match "sched_process_exec" '^exec [0-9]+ sleep$' "$got"
	pid=$(sed -n 's/^exec \([0-9]*\) .*/\1/p' <<< "$got")
	expect_eq "sched_switch" "exec $pid sleep
sleep left the cpu: 1, came back: 1" "$got"
	no_handler_modules || fail "a stap_ module is still loaded"
	;;
esac
