#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# translator/tapset/gen-syscall-table.sh - writes syscall_table.stp, the
# x86-64 system-call numbers and names, from the uapi header of Debian's
# linux-libc-dev (asm/unistd_64.h).
#
#   translator/tapset/gen-syscall-table.sh > translator/tapset/syscall_table.stp
set -eu
h=${1:-/usr/include/x86_64-linux-gnu/asm/unistd_64.h}
cat <<'HEAD'
// SPDX-License-Identifier: GPL-2.0
// System-call names by number (x86-64), as SystemTap 4.8's
// syscall_table.stp and syscall_num.stp: syscall_name(nr), and the
// syscall_any probes on the raw_syscalls tracepoints.  Written by
// gen-syscall-table.sh from asm/unistd_64.h.

global __syscall_64_num2name[1024]

// syscall_name(nr): "read" for 0; "" for a number with no name.
function syscall_name:string (num:long) {
  return __syscall_64_num2name[num]
}

// syscall_any: every system call's entry, cheaply (one tracepoint).
probe syscall_any = kernel.trace("raw_syscalls:sys_enter") {
  syscall_nr = $id
  name = syscall_name($id)
}

// syscall_any.return: every system call's return.
probe syscall_any.return = kernel.trace("raw_syscalls:sys_exit") {
  syscall_nr = $regs->orig_ax
  name = syscall_name(syscall_nr)
  retval = $ret
}

probe init {
HEAD
sed -n 's/^#define __NR_\([a-z0-9_]*\) \([0-9][0-9]*\)$/  __syscall_64_num2name[\2] = "\1"/p' "$h"
echo "}"
