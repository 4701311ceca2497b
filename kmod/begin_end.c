// SPDX-License-Identifier: GPL-2.0
/*
 * kmod/begin_end.c - the "begin", "end" and "error" probe types: run from
 * the control channel in process context, in ascending priority
 * (<stap/probes/begin_end.h>).  Begin probes run in the type's start op,
 * end and error probes in their stop op; the state each type names
 * (STARTING, STOPPING, ERROR) decides which actually run, and an exit() or
 * an error stops the rest of a run.
 */
#include "runtime.h"

#include <linux/preempt.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <stap/probes/begin_end.h>

static s64 been_priority(const struct stap_probe_set *set, u32 i)
{
	const struct stap_been_args *a = stap_set_probe(set, i)->args;

	return a ? a->priority : 0;
}

/* Ascending priority; equal priorities keep script order. */
static int been_cmp(const void *a, const void *b, const void *priv)
{
	const struct stap_probe_set *set = priv;
	u32 ia = *(const u32 *)a, ib = *(const u32 *)b;
	s64 pa = been_priority(set, ia), pb = been_priority(set, ib);

	if (pa != pb)
		return pa < pb ? -1 : 1;
	return ia < ib ? -1 : ia > ib;
}

/* set->priv: the probes of the set (indexes i), in the order they run. */
static int been_init(struct stap_probe_set *set)
{
	u32 *order, i;

	order = kcalloc(set->n, sizeof(*order), GFP_KERNEL);
	if (!order)
		return -ENOMEM;
	for (i = 0; i < set->n; i++)
		order[i] = i;
	sort_r(order, set->n, sizeof(*order), been_cmp, NULL, set);
	set->priv = order;
	return 0;
}

static void been_free(struct stap_probe_set *set)
{
	kfree(set->priv);
	set->priv = NULL;
}

static void been_run(struct stap_probe_set *set)
{
	const u32 *order = set->priv;
	enum stap_hit rc;
	u32 i;

	for (i = 0; i < set->n; i++) {
		preempt_disable();
		rc = stap_probe_hit(set, order[i], NULL, NULL);
		preempt_enable();
		if (rc == STAP_HIT_IDLE)
			break;		/* exit(), or the error limit */
		cond_resched();
	}
}

static struct stap_probe_type stap_been_types[] = {
	{
		.api_version = STAP_PROVIDER_API_VERSION,
		.name = "begin",
		.owner = THIS_MODULE,
		.when = STAP_WHEN_STARTING,
		.init = been_init,
		.free = been_free,
		.start = been_run,
	}, {
		.api_version = STAP_PROVIDER_API_VERSION,
		.name = "end",
		.owner = THIS_MODULE,
		.when = STAP_WHEN_STOPPING,
		.init = been_init,
		.free = been_free,
		.stop = been_run,
	}, {
		.api_version = STAP_PROVIDER_API_VERSION,
		.name = "error",
		.owner = THIS_MODULE,
		.when = STAP_WHEN_ERROR,
		.init = been_init,
		.free = been_free,
		.stop = been_run,
	},
};

int stap_been_types_init(void)
{
	int i, rc;

	for (i = 0; i < ARRAY_SIZE(stap_been_types); i++) {
		rc = stap_probe_type_register(&stap_been_types[i]);
		if (rc)
			goto fail;
	}
	return 0;

fail:
	while (--i >= 0)
		stap_probe_type_unregister(&stap_been_types[i]);
	return rc;
}

void stap_been_types_exit(void)
{
	int i;

	for (i = ARRAY_SIZE(stap_been_types) - 1; i >= 0; i--)
		stap_probe_type_unregister(&stap_been_types[i]);
}
