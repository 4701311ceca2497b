// SPDX-License-Identifier: GPL-2.0
/*
 * kmod/arming.c - which probes are armed, and what each one cost.
 *
 * A probe is armed unless the user disabled it on the control file or its
 * condition ('probe X if (cond)') was false when last evaluated.  The
 * prologue checks s->probe_off[idx]; probe types that can really disarm
 * (kprobes, timers) also get their ->arm() op through the probe's set
 * (kmod/probes.c), so a disabled kprobe costs nothing at all.  Generated
 * handlers check their condition at entry too, so arming is about cost
 * and the control table, never correctness.
 *
 * Arming changes only in process context, under s->arm_mutex: after the
 * begin probes, after procfs write handlers, after control-file commands,
 * and from a work item the 20 ms ctl timer queues when a handler flagged
 * STAP_PF_COND_WRITE ran in any context.  m->cond_eval runs first, as a
 * pseudo probe that reads globals, and reports each condition with
 * stap_probe_cond().
 */
#include "runtime.h"

#include <linux/percpu.h>
#include <linux/slab.h>
#include <linux/workqueue.h>

/* Run m->cond_eval; arm_mutex held. */
static void stap_cond_eval(struct stap_session *s)
{
	int st = atomic_read(&s->state);
	enum stap_hit rc;

	if (!s->m->cond_eval || (st != STAP_S_STARTING && st != STAP_S_RUNNING))
		return;
	preempt_disable();
	rc = stap_probe_run_cond(s, st);
	preempt_enable();
	/* The global lock was busy: the ctl timer tries again. */
	if (rc == STAP_HIT_SKIPPED)
		set_bit(STAP_SF_COND_DIRTY, &s->flags);
}

/* Make s->probe_off and the probe types follow s->parm; arm_mutex held. */
static void stap_arm_apply(struct stap_session *s)
{
	u32 i;

	for (i = 0; i < s->m->nprobes; i++) {
		bool off = s->parm[i].user_off || s->parm[i].cond_off;

		if (off == s->probe_off[i])
			continue;
		/* Flag first: a disarm takes effect before the kernel's. */
		WRITE_ONCE(s->probe_off[i], off);
		if (s->attached)
			stap_probe_arm(s, i, !off);
	}
}

/* Evaluate the conditions (when eval) and apply every change. */
void stap_probes_sync(struct stap_session *s, bool eval)
{
	mutex_lock(&s->arm_mutex);
	if (eval)
		stap_cond_eval(s);
	stap_arm_apply(s);
	mutex_unlock(&s->arm_mutex);
}

/*
 * After a handler that may have changed what a condition reads, in process
 * context: only when one flagged STAP_PF_COND_WRITE has run since.
 */
void stap_probes_sync_dirty(struct stap_session *s)
{
	if (s->m->cond_eval &&
	    test_and_clear_bit(STAP_SF_COND_DIRTY, &s->flags))
		stap_probes_sync(s, true);
}

static void stap_cond_work(struct work_struct *w)
{
	stap_probes_sync_dirty(container_of(w, struct stap_session,
					    cond_work));
}

/* From the ctl timer (softirq): conditions are dirty, re-evaluate them. */
void stap_cond_kick(struct stap_session *s)
{
	if (s->m->cond_eval && !READ_ONCE(s->dead) &&
	    test_bit(STAP_SF_COND_DIRTY, &s->flags) &&
	    atomic_read(&s->state) == STAP_S_RUNNING)
		schedule_work(&s->cond_work);
}

/* A type attaching probe i of its set leaves it disarmed when this says so. */
bool stap_probe_is_off(const struct stap_probe_set *set, u32 i)
{
	return READ_ONCE(set->session->probe_off[set->idx[i]]);
}
EXPORT_SYMBOL_GPL(stap_probe_is_off);

void stap_probe_cond(struct stap_context *c, u32 idx, bool on)
{
	struct stap_session *s = c->session;

	/* Only m->cond_eval reports, and it runs under arm_mutex. */
	if (c->probe != &s->cond_probe || idx >= s->m->nprobes)
		return;
	s->parm[idx].cond_off = !on;
}
EXPORT_SYMBOL_GPL(stap_probe_cond);

/* The control file's enable/disable; applied by the next stap_probes_sync. */
void stap_probe_set_user(struct stap_session *s, u32 idx, bool on)
{
	if (idx >= s->m->nprobes)
		return;
	mutex_lock(&s->arm_mutex);
	s->parm[idx].user_off = !on;
	mutex_unlock(&s->arm_mutex);
}

/* One line of the control table: counters summed over every CPU. */
void stap_probe_report(struct stap_session *s, u32 idx,
		       struct stap_probe_report *r)
{
	unsigned int cpu;

	memset(r, 0, sizeof(*r));
	for_each_possible_cpu(cpu) {
		const struct stap_pstat *st = per_cpu_ptr(s->stats, cpu) + idx;

		r->hits += READ_ONCE(st->hits);
		r->skips += READ_ONCE(st->skips);
		r->ns += READ_ONCE(st->ns);
	}
	mutex_lock(&s->arm_mutex);
	r->skips += s->parm[idx].missed + stap_probe_missed(s, idx);
	if (s->parm[idx].user_off)
		r->state = "off";
	else if (s->parm[idx].cond_off)
		r->state = "cond";
	else
		r->state = "on";
	mutex_unlock(&s->arm_mutex);
}

int stap_arming_init(struct stap_session *s)
{
	u32 n = max_t(u32, s->m->nprobes, 1);

	mutex_init(&s->arm_mutex);
	INIT_WORK(&s->cond_work, stap_cond_work);
	s->cond_probe.flags = STAP_PF_LOCK_READ;
	s->cond_probe.pp = "<probe conditions>";
	s->cond_probe.handler = s->m->cond_eval;
	s->probe_off = kcalloc(n, sizeof(*s->probe_off), GFP_KERNEL);
	s->parm = kcalloc(n, sizeof(*s->parm), GFP_KERNEL);
	s->stats = __alloc_percpu(array_size(n, sizeof(struct stap_pstat)),
				  __alignof__(struct stap_pstat));
	if (!s->probe_off || !s->parm || !s->stats)
		return -ENOMEM;
	return 0;
}

/* The ctl timer is gone: nothing queues the work item any more. */
void stap_arming_free(struct stap_session *s)
{
	cancel_work_sync(&s->cond_work);
	free_percpu(s->stats);
	s->stats = NULL;
	kfree(s->parm);
	s->parm = NULL;
	kfree(s->probe_off);
	s->probe_off = NULL;
}
