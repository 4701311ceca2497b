// SPDX-License-Identifier: GPL-2.0
/*
 * kmod/begin_end.c - begin, end and error probes: run from the control
 * channel in process context, in ascending priority.
 */
#include "runtime.h"

#include <linux/preempt.h>
#include <linux/slab.h>
#include <linux/sort.h>

/* Ascending priority; equal priorities keep script order. */
static int been_cmp(const void *a, const void *b, const void *priv)
{
	const struct stap_probe *probes = priv;
	u32 ia = *(const u32 *)a, ib = *(const u32 *)b;
	s64 pa = probes[ia].priority, pb = probes[ib].priority;

	if (pa != pb)
		return pa < pb ? -1 : 1;
	return ia < ib ? -1 : ia > ib;
}

int stap_been_init(struct stap_session *s)
{
	const struct stap_module *m = s->m;
	u32 type, i, n = 0;

	s->been_order = kcalloc(m->nprobes ? m->nprobes : 1, sizeof(u32),
				GFP_KERNEL);
	if (!s->been_order)
		return -ENOMEM;
	for (type = STAP_PROBE_BEGIN; type <= STAP_PROBE_ERROR; type++) {
		s->been_start[type] = n;
		for (i = 0; i < m->nprobes; i++)
			if (m->probes[i].type == type)
				s->been_order[n++] = i;
		s->been_count[type] = n - s->been_start[type];
		sort_r(s->been_order + s->been_start[type], s->been_count[type],
		       sizeof(u32), been_cmp, NULL, m->probes);
	}
	return 0;
}

void stap_been_free(struct stap_session *s)
{
	kfree(s->been_order);
	s->been_order = NULL;
}

/*
 * Run every probe of one kind.  Each runs only while the session is in the
 * matching state, so an exit() or an error stops the rest of the run.
 */
void stap_been_run(struct stap_session *s, u32 type)
{
	static const int want[] = {
		[STAP_PROBE_BEGIN] = STAP_S_STARTING,
		[STAP_PROBE_END] = STAP_S_STOPPING,
		[STAP_PROBE_ERROR] = STAP_S_ERROR,
	};
	u32 i;

	for (i = 0; i < s->been_count[type]; i++) {
		u32 idx = s->been_order[s->been_start[type] + i];

		if (atomic_read(&s->state) != want[type])
			break;
		preempt_disable();
		stap_probe_run(s, &s->m->probes[idx], NULL, want[type]);
		preempt_enable();
		cond_resched();
	}
}

static const struct stap_probe_ops stap_begin_type = {
	.type = STAP_PROBE_BEGIN,
	.name = "begin",
};

static const struct stap_probe_ops stap_end_type = {
	.type = STAP_PROBE_END,
	.name = "end",
};

static const struct stap_probe_ops stap_error_type = {
	.type = STAP_PROBE_ERROR,
	.name = "error",
};

int stap_been_types_init(void)
{
	int rc;

	rc = stap_probe_ops_register(&stap_begin_type);
	if (rc)
		return rc;
	rc = stap_probe_ops_register(&stap_end_type);
	if (rc)
		goto out_begin;
	rc = stap_probe_ops_register(&stap_error_type);
	if (rc)
		goto out_end;
	return 0;

out_end:
	stap_probe_ops_unregister(&stap_end_type);
out_begin:
	stap_probe_ops_unregister(&stap_begin_type);
	return rc;
}

void stap_been_types_exit(void)
{
	stap_probe_ops_unregister(&stap_error_type);
	stap_probe_ops_unregister(&stap_end_type);
	stap_probe_ops_unregister(&stap_begin_type);
}
