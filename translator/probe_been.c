// SPDX-License-Identifier: GPL-2.0
/*
 * translator/probe_been.c - begin, end and error probes, with an optional
 * priority: begin(N), end(N), error(N).  The runtime's "begin", "end" and
 * "error" types run them in ascending priority (<stap/probes/begin_end.h>).
 */
#include <inttypes.h>
#include <stdlib.h>

#include "emit.h"
#include "probe.h"

static const char *const been_points[] = {
	"begin", "begin(number)", "end", "end(number)",
	"error", "error(number)", NULL,
};

static int build_been(struct session *s, struct probe_point *pp,
		      struct dprobe *d, struct perr *err)
{
	static const char *const types[] = { "begin", "end", "error" };
	struct component *c0 = pp->comps.v[0];
	int64_t *prio = xcalloc(1, sizeof(*prio));

	(void)s;
	(void)err;
	d->rtype = types[d->variant / 2];
	*prio = c0->arg ? c0->arg->num : 0;
	d->data = prio;
	return 1;
}

static const char *been_args_type(const struct dprobe *d)
{
	(void)d;
	return "struct stap_been_args";
}

static void been_args_c(struct session *s, const struct dprobe *d,
			struct sbuf *out)
{
	char *n = number_c(*(const int64_t *)d->data);

	(void)s;
	sb_printf(out, ".priority = %s", n);
	free(n);
}

PROBE_FAMILY(been_family) = {
	.name = "begin/end/error",
	.points = been_points,
	.build = build_been,
	.header = "stap/probes/begin_end.h",
	.args_type = been_args_type,
	.args_c = been_args_c,
};
