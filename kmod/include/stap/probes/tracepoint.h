/* SPDX-License-Identifier: GPL-2.0 */
/*
 * stap/probes/tracepoint.h - the "tracepoint" probe type: a tracepoint of
 * the kernel image by name ("sched_switch"), registered at start after
 * the begin probes with tracepoint_probe_register().  No glue is built
 * per tracepoint: one probe function takes the arguments as words, and
 * the handler reads argument i as ((const u64 *)c->tdata)[i], typed by
 * the translator from BTF.
 */
#ifndef _STAP_PROBES_TRACEPOINT_H
#define _STAP_PROBES_TRACEPOINT_H

#include <linux/types.h>

/* The arguments a tracepoint may have, after its data pointer. */
#define STAP_TRACEPOINT_MAXARGS	10

struct stap_tracepoint_args {
	const char *name;
};

#endif /* _STAP_PROBES_TRACEPOINT_H */
