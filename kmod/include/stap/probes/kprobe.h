/* SPDX-License-Identifier: GPL-2.0 */
/*
 * stap/probes/kprobe.h - the "kprobe" and "kretprobe" probe types: a
 * kernel symbol plus an offset, registered at start after the begin
 * probes.  A kprobe's handler reads c->regs at the probed instruction; a
 * kretprobe's, the registers at the function's return.
 */
#ifndef _STAP_PROBES_KPROBE_H
#define _STAP_PROBES_KPROBE_H

#include <linux/types.h>

struct stap_kprobe_args {
	const char *symbol;
	unsigned long offset;
	__u32 maxactive;	/* kretprobe instances; 0: the runtime's default */
};

#endif /* _STAP_PROBES_KPROBE_H */
