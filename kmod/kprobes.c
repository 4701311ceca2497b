// SPDX-License-Identifier: GPL-2.0
/*
 * kmod/kprobes.c - kprobe and kretprobe probe types: probe->symbol +
 * probe->offset, registered at start after the begin probes, unregistered
 * before the end probes; disable_kprobe()/enable_kprobe() in between when
 * the control file or a condition says so.
 */
#include "runtime.h"

#include <linux/cpumask.h>
#include <linux/kprobes.h>
#include <linux/slab.h>

struct stap_kprobe {
	union {
		struct kprobe kp;
		struct kretprobe krp;
	};
	const struct stap_probe *p;
	struct stap_session *s;
	bool armed;
};

struct stap_kprobes {
	u32 n;
	struct stap_kprobe *probes;
	void **armed;		/* for the batch unregister: one RCU wait */
};

static int stap_kprobe_pre(struct kprobe *kp, struct pt_regs *regs)
{
	struct stap_kprobe *k = container_of(kp, struct stap_kprobe, kp);

	stap_probe_run(k->s, k->p, regs, STAP_S_RUNNING);
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
	stap_probe_run(k->s, k->p, regs, STAP_S_RUNNING);
	return 0;
}
NOKPROBE_SYMBOL(stap_kretprobe_handler);

/* Misses the kernel counted: nested, or no kretprobe instance free. */
static u64 stap_kprobe_nmissed(struct stap_kprobe *k, u32 type)
{
	if (!k->armed)
		return 0;
	if (type == STAP_PROBE_KPROBE)
		return k->kp.nmissed;
	return k->krp.nmissed + k->krp.kp.nmissed;
}

/* The registered kprobe of probe idx, or NULL. */
static struct stap_kprobe *stap_kprobe_find(struct stap_session *s, u32 idx)
{
	u32 type = s->m->probes[idx].type;
	struct stap_kprobes *ks = s->type_data[type];
	u32 i;

	for (i = 0; ks && i < ks->n; i++)
		if (ks->probes[i].p == &s->m->probes[idx])
			return ks->probes[i].armed ? &ks->probes[i] : NULL;
	return NULL;
}

/* disable_kprobe() leaves it registered: enable_kprobe() re-arms it. */
static void stap_kprobe_arm(struct stap_session *s, u32 idx, bool on)
{
	struct stap_kprobe *k = stap_kprobe_find(s, idx);
	int rc;

	if (!k)
		return;
	rc = on ? enable_kprobe(&k->kp) : disable_kprobe(&k->kp);
	if (rc)
		stap_oob(s, "WARNING: probe %s could not be %s (rc %d)\n",
			 k->p->pp, on ? "enabled" : "disabled", rc);
}

static u64 stap_kprobe_missed(struct stap_session *s, u32 idx)
{
	struct stap_kprobe *k = stap_kprobe_find(s, idx);

	return k ? stap_kprobe_nmissed(k, s->m->probes[idx].type) : 0;
}

static int stap_kprobe_check(const struct stap_probe *p)
{
	return p->symbol && p->symbol[0] ? 0 : -EINVAL;
}

static int stap_kprobes_attach_type(struct stap_session *s, u32 type)
{
	const struct stap_module *m = s->m;
	struct stap_kprobes *ks;
	u32 i, n = 0;
	int rc;

	for (i = 0; i < m->nprobes; i++)
		n += m->probes[i].type == type;
	if (!n)
		return 0;
	ks = kzalloc(sizeof(*ks), GFP_KERNEL);
	if (!ks)
		return -ENOMEM;
	ks->probes = kcalloc(n, sizeof(*ks->probes), GFP_KERNEL);
	ks->armed = kcalloc(n, sizeof(*ks->armed), GFP_KERNEL);
	if (!ks->probes || !ks->armed) {
		kfree(ks->armed);
		kfree(ks->probes);
		kfree(ks);
		return -ENOMEM;
	}
	s->type_data[type] = ks;

	for (i = 0; i < m->nprobes; i++) {
		const struct stap_probe *p = &m->probes[i];
		struct stap_kprobe *k;

		if (p->type != type)
			continue;
		k = &ks->probes[ks->n++];
		k->p = p;
		k->s = s;
		/* Disabled or condition false: registered, but not armed. */
		if (s->probe_off[i])
			k->kp.flags |= KPROBE_FLAG_DISABLED;
		if (type == STAP_PROBE_KPROBE) {
			k->kp.symbol_name = p->symbol;
			k->kp.offset = p->offset;
			k->kp.pre_handler = stap_kprobe_pre;
			rc = register_kprobe(&k->kp);
		} else {
			/* krp.kp is k->kp: the union puts it first */
			k->krp.kp.symbol_name = p->symbol;
			k->krp.kp.offset = p->offset;
			k->krp.handler = stap_kretprobe_handler;
			k->krp.maxactive = max(15, 6 * (int)num_possible_cpus());
			rc = register_kretprobe(&k->krp);
		}
		if (rc) {
			stap_oob(s, "WARNING: probe %s (%s+%lu) registration error [man warning::pass5] (rc %d)\n",
				 p->pp, p->symbol, p->offset, rc);
			continue;
		}
		k->armed = true;
	}
	return 0;
}

static void stap_kprobes_detach_type(struct stap_session *s, u32 type)
{
	struct stap_kprobes *ks = s->type_data[type];
	u32 i, n = 0;

	if (!ks)
		return;
	for (i = 0; i < ks->n; i++) {
		struct stap_kprobe *k = &ks->probes[i];

		if (!k->armed)
			continue;
		if (type == STAP_PROBE_KPROBE)
			ks->armed[n++] = &k->kp;
		else
			ks->armed[n++] = &k->krp;
	}
	if (n && type == STAP_PROBE_KPROBE)
		unregister_kprobes((struct kprobe **)ks->armed, n);
	else if (n)
		unregister_kretprobes((struct kretprobe **)ks->armed, n);

	for (i = 0; i < ks->n; i++) {
		struct stap_kprobe *k = &ks->probes[i];
		u64 missed = stap_kprobe_nmissed(k, type);

		if (!k->armed)
			continue;
		atomic_add(missed, &s->skipped);
		s->parm[k->p - s->m->probes].missed += missed;
		k->armed = false;
	}
	s->type_data[type] = NULL;
	kfree(ks->armed);
	kfree(ks->probes);
	kfree(ks);
}

static int stap_kprobe_attach(struct stap_session *s)
{
	return stap_kprobes_attach_type(s, STAP_PROBE_KPROBE);
}

static void stap_kprobe_detach(struct stap_session *s)
{
	stap_kprobes_detach_type(s, STAP_PROBE_KPROBE);
}

static int stap_kretprobe_attach(struct stap_session *s)
{
	return stap_kprobes_attach_type(s, STAP_PROBE_KRETPROBE);
}

static void stap_kretprobe_detach(struct stap_session *s)
{
	stap_kprobes_detach_type(s, STAP_PROBE_KRETPROBE);
}

static const struct stap_probe_ops stap_kprobe_type = {
	.type = STAP_PROBE_KPROBE,
	.name = "kprobe",
	.check = stap_kprobe_check,
	.attach = stap_kprobe_attach,
	.detach = stap_kprobe_detach,
	.arm = stap_kprobe_arm,
	.missed = stap_kprobe_missed,
};

static const struct stap_probe_ops stap_kretprobe_type = {
	.type = STAP_PROBE_KRETPROBE,
	.name = "kretprobe",
	.check = stap_kprobe_check,
	.attach = stap_kretprobe_attach,
	.detach = stap_kretprobe_detach,
	.arm = stap_kprobe_arm,
	.missed = stap_kprobe_missed,
};

int stap_kprobes_init(void)
{
	int rc;

	rc = stap_probe_ops_register(&stap_kprobe_type);
	if (rc)
		return rc;
	rc = stap_probe_ops_register(&stap_kretprobe_type);
	if (rc)
		stap_probe_ops_unregister(&stap_kprobe_type);
	return rc;
}

void stap_kprobes_exit(void)
{
	stap_probe_ops_unregister(&stap_kretprobe_type);
	stap_probe_ops_unregister(&stap_kprobe_type);
}
