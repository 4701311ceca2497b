// SPDX-License-Identifier: GPL-2.0
/*
 * translator/probe_never.c - "never": elaborated and type-checked as
 * SystemTap does, never registered (no runtime type, no handler emitted).
 */
#include "probe.h"

static const char *const never_points[] = { "never", NULL };

static int build_never(struct session *s, struct probe_point *pp,
		       struct dprobe *d, struct perr *err)
{
	(void)s;
	(void)pp;
	(void)d;
	(void)err;
	return 1;	/* d->rtype stays NULL */
}

PROBE_FAMILY(never_family) = {
	.name = "never",
	.points = never_points,
	.build = build_never,
};
