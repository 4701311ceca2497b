/* SPDX-License-Identifier: GPL-2.0 */
/*
 * stap/probes/kprobe.h - the "kprobe" and "kretprobe" probe types: a
 * kernel symbol plus an offset, registered at start after the begin
 * probes.  A kprobe's handler reads c->regs at the probed instruction; a
 * kretprobe's, the registers at the function's return, and with
 * entry_args the argument registers the function was called with.
 */
#ifndef _STAP_PROBES_KPROBE_H
#define _STAP_PROBES_KPROBE_H

#include <linux/types.h>

struct stap_kprobe_args {
	const char *symbol;
	unsigned long offset;
	__u32 maxactive;	/* kretprobe instances; 0: the runtime's default */
	/*
	 * kretprobe: keep the argument registers at entry; the handler's
	 * c->tdata points at them (u64[STAP_KPROBE_NARGS]).
	 */
	__u32 entry_args;
};

#define STAP_KPROBE_NARGS	6

#endif /* _STAP_PROBES_KPROBE_H */
