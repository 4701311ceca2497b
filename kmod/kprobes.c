// SPDX-License-Identifier: GPL-2.0
/*
 * kmod/kprobes.c - the "kprobe" and "kretprobe" probe types
 * (<stap/probes/kprobe.h>): a symbol plus an offset, registered at start
 * after the begin probes, unregistered before the end probes;
 * disable_kprobe()/enable_kprobe() in between when the control file or a
 * condition says so.
 */
#include "runtime.h"

#include <linux/cpumask.h>
#include <linux/kprobes.h>
#include <linux/slab.h>
#include <stap/probes/kprobe.h>

struct stap_kprobe {
	union {
		struct kprobe kp;
		struct kretprobe krp;
	};
	struct stap_probe_set *set;
	u32 i;			/* the probe's index in the set */
	bool armed;		/* registered */
};

/* set->priv, from init to free. */
struct stap_kprobes {
	bool ret;		/* kretprobes */
	void **armed;		/* [n], for the batch unregister: one RCU wait */
	struct stap_kprobe k[];	/* [n] */
};

static int stap_kprobe_pre(struct kprobe *kp, struct pt_regs *regs)
{
	struct stap_kprobe *k = container_of(kp, struct stap_kprobe, kp);

	stap_probe_hit(k->set, k->i, regs, NULL);
	return 0;
}
NOKPROBE_SYMBOL(stap_kprobe_pre);

static int stap_kretprobe_handler(struct kretprobe_instance *ri,
				  struct pt_regs *regs)
{
	struct kretprobe *krp = get_kretprobe(ri);
	struct stap_kprobe *k;

	if (unlikely(!krp))
		return 0;
	k = container_of(krp, struct stap_kprobe, krp);
	stap_probe_hit(k->set, k->i, regs, krp->data_size ? ri->data : NULL);
	return 0;
}
NOKPROBE_SYMBOL(stap_kretprobe_handler);

/* The arguments as the function got them, for $name in .return probes. */
static int stap_kretprobe_entry(struct kretprobe_instance *ri,
				struct pt_regs *regs)
{
	u64 *a = (u64 *)ri->data;

	a[0] = regs->di;
	a[1] = regs->si;
	a[2] = regs->dx;
	a[3] = regs->cx;
	a[4] = regs->r8;
	a[5] = regs->r9;
	return 0;
}
NOKPROBE_SYMBOL(stap_kretprobe_entry);

/* Misses the kernel counted: nested, or no kretprobe instance free. */
static u64 stap_kprobe_missed(struct stap_probe_set *set, u32 i)
{
	struct stap_kprobes *ks = set->priv;
	struct stap_kprobe *k = &ks->k[i];

	if (!k->armed)
		return 0;
	if (!ks->ret)
		return k->kp.nmissed;
	return k->krp.nmissed + k->krp.kp.nmissed;
}

/* disable_kprobe() leaves it registered: enable_kprobe() re-arms it. */
static void stap_kprobe_arm(struct stap_probe_set *set, u32 i, bool on)
{
	struct stap_kprobe *k = &((struct stap_kprobes *)set->priv)->k[i];
	int rc;

	if (!k->armed)
		return;
	rc = on ? enable_kprobe(&k->kp) : disable_kprobe(&k->kp);
	if (rc)
		stap_session_warn(set->session, "probe %s could not be %s (rc %d)",
				  stap_set_probe(set, i)->pp,
				  on ? "enabled" : "disabled", rc);
}

static int stap_kprobe_check(const struct stap_probe *p)
{
	const struct stap_kprobe_args *a = p->args;

	return a && a->symbol && a->symbol[0] ? 0 : -EINVAL;
}

static int stap_kprobes_alloc(struct stap_probe_set *set, bool ret)
{
	struct stap_kprobes *ks;

	ks = kvzalloc(struct_size(ks, k, set->n), GFP_KERNEL);
	if (!ks)
		return -ENOMEM;
	ks->armed = kvcalloc(set->n, sizeof(*ks->armed), GFP_KERNEL);
	if (!ks->armed) {
		kvfree(ks);
		return -ENOMEM;
	}
	ks->ret = ret;
	set->priv = ks;
	return 0;
}

static int stap_kprobe_init(struct stap_probe_set *set)
{
	return stap_kprobes_alloc(set, false);
}

static int stap_kretprobe_init(struct stap_probe_set *set)
{
	return stap_kprobes_alloc(set, true);
}

static void stap_kprobes_free(struct stap_probe_set *set)
{
	struct stap_kprobes *ks = set->priv;

	kvfree(ks->armed);
	kvfree(ks);
	set->priv = NULL;
}

/* Register probe i; a failure is a warning, the others go on. */
static void stap_kprobe_register(struct stap_probe_set *set, u32 i)
{
	struct stap_kprobes *ks = set->priv;
	struct stap_kprobe *k = &ks->k[i];
	const struct stap_probe *p = stap_set_probe(set, i);
	const struct stap_kprobe_args *a = p->args;
	int rc;

	memset(k, 0, sizeof(*k));
	k->set = set;
	k->i = i;
	/* Disabled or condition false: registered, but not armed. */
	if (stap_probe_is_off(set, i))
		k->kp.flags |= KPROBE_FLAG_DISABLED;
	/* krp.kp is k->kp: the union puts it first */
	k->kp.symbol_name = a->symbol;
	k->kp.offset = a->offset;
	if (!ks->ret) {
		k->kp.pre_handler = stap_kprobe_pre;
		rc = register_kprobe(&k->kp);
	} else {
		k->krp.handler = stap_kretprobe_handler;
		if (a->entry_args) {
			k->krp.entry_handler = stap_kretprobe_entry;
			k->krp.data_size = STAP_KPROBE_NARGS * sizeof(u64);
		}
		k->krp.maxactive = a->maxactive ? a->maxactive :
				   max(15, 6 * (int)num_possible_cpus());
		rc = register_kretprobe(&k->krp);
	}
	if (rc) {
		stap_session_warn(set->session, "probe %s (%s+%lu) registration error [man warning::pass5] (rc %d)",
				  p->pp, a->symbol, a->offset, rc);
		return;
	}
	k->armed = true;
}

static int stap_kprobe_attach(struct stap_probe_set *set)
{
	u32 i;

	for (i = 0; i < set->n; i++)
		stap_kprobe_register(set, i);
	return 0;
}

/* One batch, one RCU grace period, however many probes. */
static void stap_kprobe_detach(struct stap_probe_set *set)
{
	struct stap_kprobes *ks = set->priv;
	u32 i, n = 0;

	for (i = 0; i < set->n; i++) {
		struct stap_kprobe *k = &ks->k[i];

		if (!k->armed)
			continue;
		if (!ks->ret)
			ks->armed[n++] = &k->kp;
		else
			ks->armed[n++] = &k->krp;
		k->armed = false;
	}
	if (n && !ks->ret)
		unregister_kprobes((struct kprobe **)ks->armed, n);
	else if (n)
		unregister_kretprobes((struct kretprobe **)ks->armed, n);
}

static struct stap_probe_type stap_kprobe_types[] = {
	{
		.api_version = STAP_PROVIDER_API_VERSION,
		.name = "kprobe",
		.owner = THIS_MODULE,
		.check = stap_kprobe_check,
		.init = stap_kprobe_init,
		.free = stap_kprobes_free,
		.attach = stap_kprobe_attach,
		.detach = stap_kprobe_detach,
		.arm = stap_kprobe_arm,
		.missed = stap_kprobe_missed,
	}, {
		.api_version = STAP_PROVIDER_API_VERSION,
		.name = "kretprobe",
		.owner = THIS_MODULE,
		.check = stap_kprobe_check,
		.init = stap_kretprobe_init,
		.free = stap_kprobes_free,
		.attach = stap_kprobe_attach,
		.detach = stap_kprobe_detach,
		.arm = stap_kprobe_arm,
		.missed = stap_kprobe_missed,
	},
};

int stap_kprobes_init(void)
{
	int rc;

	rc = stap_probe_type_register(&stap_kprobe_types[0]);
	if (rc)
		return rc;
	rc = stap_probe_type_register(&stap_kprobe_types[1]);
	if (rc)
		stap_probe_type_unregister(&stap_kprobe_types[0]);
	return rc;
}

void stap_kprobes_exit(void)
{
	stap_probe_type_unregister(&stap_kprobe_types[1]);
	stap_probe_type_unregister(&stap_kprobe_types[0]);
}
