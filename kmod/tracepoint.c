// SPDX-License-Identifier: GPL-2.0
/*
 * kmod/tracepoint.c - the "tracepoint" probe type
 * (<stap/probes/tracepoint.h>): a tracepoint of the kernel image, found by
 * name at session registration, registered at start and unregistered
 * before the end probes.  Disabling a probe leaves it registered:
 * stap_probe_hit() returns at once while it is off.
 */
#include "runtime.h"

#include <linux/slab.h>
#include <linux/string.h>
#include <linux/tracepoint.h>
#include <stap/probes/tracepoint.h>

struct stap_tp {
	struct tracepoint *tp;
	struct stap_probe_set *set;
	u32 i;
	bool registered;
};

/*
 * Every tracepoint's probe, whatever its prototype: in the x86-64 calling
 * convention each argument is one word, the first five in registers after
 * data, the rest on the caller's stack.  Words past the tracepoint's own
 * arguments are never read by the handler (the translator knows how many
 * there are).
 */
static void stap_tp_probe(void *data, u64 a0, u64 a1, u64 a2, u64 a3, u64 a4,
			  u64 a5, u64 a6, u64 a7, u64 a8, u64 a9)
{
	struct stap_tp *t = data;
	u64 args[STAP_TRACEPOINT_MAXARGS] = {
		a0, a1, a2, a3, a4, a5, a6, a7, a8, a9
	};

	stap_probe_hit(t->set, t->i, NULL, args);
}

struct stap_tp_find {
	const char *name;
	struct tracepoint *tp;
};

static void stap_tp_match(struct tracepoint *tp, void *priv)
{
	struct stap_tp_find *f = priv;

	if (!f->tp && !strcmp(tp->name, f->name))
		f->tp = tp;
}

static int stap_tp_check(const struct stap_probe *p)
{
	const struct stap_tracepoint_args *a = p->args;

	return a && a->name && a->name[0] ? 0 : -EINVAL;
}

static int stap_tp_init(struct stap_probe_set *set)
{
	struct stap_tp *ts;	/* set->priv: [n], from init to free */
	u32 i;

	ts = kvcalloc(set->n, sizeof(*ts), GFP_KERNEL);
	if (!ts)
		return -ENOMEM;
	set->priv = ts;
	for (i = 0; i < set->n; i++) {
		const struct stap_tracepoint_args *a =
			stap_set_probe(set, i)->args;
		struct stap_tp_find f = { .name = a->name };

		for_each_kernel_tracepoint(stap_tp_match, &f);
		if (!f.tp) {
			pr_err("%s: no tracepoint %s in the kernel\n",
			       set->session->name, a->name);
			return -ENOENT;
		}
		ts[i].tp = f.tp;
		ts[i].set = set;
		ts[i].i = i;
	}
	return 0;
}

static void stap_tp_free(struct stap_probe_set *set)
{
	kvfree(set->priv);
	set->priv = NULL;
}

static int stap_tp_attach(struct stap_probe_set *set)
{
	struct stap_tp *ts = set->priv;
	u32 i;
	int rc;

	for (i = 0; i < set->n; i++) {
		struct stap_tp *t = &ts[i];

		rc = tracepoint_probe_register(t->tp, (void *)stap_tp_probe, t);
		if (rc) {
			stap_session_warn(set->session, "probe %s registration error [man warning::pass5] (rc %d)",
					  stap_set_probe(set, i)->pp, rc);
			continue;
		}
		t->registered = true;
	}
	return 0;
}

/* One grace period for them all: then no probe function runs any more. */
static void stap_tp_detach(struct stap_probe_set *set)
{
	struct stap_tp *ts = set->priv;
	bool any = false;
	u32 i;

	for (i = 0; i < set->n; i++) {
		struct stap_tp *t = &ts[i];

		if (!t->registered)
			continue;
		tracepoint_probe_unregister(t->tp, (void *)stap_tp_probe, t);
		t->registered = false;
		any = true;
	}
	if (any)
		tracepoint_synchronize_unregister();
}

static struct stap_probe_type stap_tracepoint_type = {
	.api_version = STAP_PROVIDER_API_VERSION,
	.name = "tracepoint",
	.owner = THIS_MODULE,
	.check = stap_tp_check,
	.init = stap_tp_init,
	.free = stap_tp_free,
	.attach = stap_tp_attach,
	.detach = stap_tp_detach,
};

int stap_tracepoints_init(void)
{
	return stap_probe_type_register(&stap_tracepoint_type);
}

void stap_tracepoints_exit(void)
{
	stap_probe_type_unregister(&stap_tracepoint_type);
}
