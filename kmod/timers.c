// SPDX-License-Identifier: GPL-2.0
/*
 * kmod/timers.c - timer probe types: timer.ns/us/ms/s/hz (hrtimer),
 * timer.jiffies (timer_list), both with .randomize, and timer.profile
 * (a pinned hrtimer per online CPU every tick).  Armed at start after the
 * begin probes, disarmed before the end probes; a disabled timer or jiffies
 * probe is cancelled and restarted when enabled again.
 */
#include "runtime.h"

#include <linux/cpu.h>
#include <linux/cpumask.h>
#include <linux/hrtimer.h>
#include <linux/jiffies.h>
#include <linux/math64.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/timer.h>
#include <asm/irq_regs.h>

#define STAP_HRTIMER_MIN_NS	100000ULL		/* 100 us */
#define STAP_HRTIMER_MAX_NS	(86400ULL * NSEC_PER_SEC)	/* 1 day */
#define STAP_JIFFIES_MAX	1000000ULL

struct stap_timer {
	union {
		struct hrtimer hr;
		struct timer_list tl;
	};
	const struct stap_probe *p;
	struct stap_session *s;
	bool stopping;			/* no re-arming any more */
	bool off;			/* disabled: cancelled, not re-armed */
	bool armed;			/* initialised at attach */
};

struct stap_timers {
	u32 n;
	struct stap_timer *t;		/* profile: n probes x nr_cpu_ids */
};

/* period +/- a uniformly random spread (randomize <= period), >= min. */
static u64 stap_timer_interval(const struct stap_probe *p, u64 min)
{
	u64 v = p->period, rem;

	if (p->randomize) {
		div64_u64_rem(stap_random_u64(), 2 * p->randomize + 1, &rem);
		v = v - p->randomize + rem;
	}
	return max(v, min);
}

static int stap_hrtimer_check(const struct stap_probe *p)
{
	if (p->period < STAP_HRTIMER_MIN_NS || p->period > STAP_HRTIMER_MAX_NS ||
	    p->randomize > p->period)
		return -EINVAL;
	return 0;
}

static int stap_jiffies_check(const struct stap_probe *p)
{
	if (!p->period || p->period > STAP_JIFFIES_MAX ||
	    p->randomize > p->period)
		return -EINVAL;
	return 0;
}

static int stap_profile_check(const struct stap_probe *p)
{
	return 0;
}

static enum hrtimer_restart stap_hrtimer_fn(struct hrtimer *hr)
{
	struct stap_timer *t = container_of(hr, struct stap_timer, hr);

	stap_probe_run(t->s, t->p, NULL, STAP_S_RUNNING);
	if (READ_ONCE(t->stopping) || READ_ONCE(t->off))
		return HRTIMER_NORESTART;
	/*
	 * As SystemTap: the next expiry is one interval after the last one,
	 * not after now, so a late or long handler does not lose firings.
	 */
	hrtimer_add_expires_ns(hr, stap_timer_interval(t->p,
						       STAP_HRTIMER_MIN_NS / 2));
	return HRTIMER_RESTART;
}

static void stap_jiffies_fn(struct timer_list *tl)
{
	struct stap_timer *t = timer_container_of(t, tl, tl);

	/*
	 * Handlers run with preemption off; PREEMPT_RT runs timer_list
	 * callbacks in a preemptible softirq thread.
	 */
	preempt_disable();
	stap_probe_run(t->s, t->p, NULL, STAP_S_RUNNING);
	preempt_enable();
	if (!READ_ONCE(t->stopping) && !READ_ONCE(t->off))
		mod_timer(tl, jiffies + stap_timer_interval(t->p, 1));
}

static enum hrtimer_restart stap_profile_fn(struct hrtimer *hr)
{
	struct stap_timer *t = container_of(hr, struct stap_timer, hr);

	stap_probe_run(t->s, t->p, get_irq_regs(), STAP_S_RUNNING);
	if (READ_ONCE(t->stopping))
		return HRTIMER_NORESTART;
	hrtimer_forward_now(hr, ns_to_ktime(TICK_NSEC));
	return HRTIMER_RESTART;
}

/* On the CPU it is pinned to. */
static void stap_profile_start(void *arg)
{
	struct stap_timer *t = arg;

	hrtimer_start(&t->hr, ns_to_ktime(TICK_NSEC),
		      HRTIMER_MODE_REL_PINNED_HARD);
}

static struct stap_timers *stap_timers_alloc(struct stap_session *s, u32 type,
					     u32 per_probe)
{
	const struct stap_module *m = s->m;
	struct stap_timers *ts;
	u32 i, n = 0;

	for (i = 0; i < m->nprobes; i++)
		n += m->probes[i].type == type;
	if (!n)
		return NULL;
	ts = kzalloc(sizeof(*ts), GFP_KERNEL);
	if (!ts)
		return ERR_PTR(-ENOMEM);
	ts->t = kcalloc(array_size(n, per_probe), sizeof(*ts->t), GFP_KERNEL);
	if (!ts->t) {
		kfree(ts);
		return ERR_PTR(-ENOMEM);
	}
	for (i = 0; i < m->nprobes; i++) {
		u32 j;

		if (m->probes[i].type != type)
			continue;
		for (j = 0; j < per_probe; j++) {
			struct stap_timer *t = &ts->t[ts->n++];

			t->p = &m->probes[i];
			t->s = s;
		}
	}
	s->type_data[type] = ts;
	return ts;
}

static void stap_timers_free(struct stap_session *s, u32 type)
{
	struct stap_timers *ts = s->type_data[type];

	s->type_data[type] = NULL;
	if (ts)
		kfree(ts->t);
	kfree(ts);
}

static void stap_hrtimer_go(struct stap_timer *t)
{
	hrtimer_start(&t->hr, ns_to_ktime(stap_timer_interval(t->p,
					  STAP_HRTIMER_MIN_NS / 2)),
		      HRTIMER_MODE_REL_HARD);
}

static int stap_hrtimer_attach(struct stap_session *s)
{
	struct stap_timers *ts = stap_timers_alloc(s, STAP_PROBE_TIMER, 1);
	u32 i;

	if (IS_ERR_OR_NULL(ts))
		return PTR_ERR_OR_ZERO(ts);
	for (i = 0; i < ts->n; i++) {
		struct stap_timer *t = &ts->t[i];

		hrtimer_setup(&t->hr, stap_hrtimer_fn, CLOCK_MONOTONIC,
			      HRTIMER_MODE_REL_HARD);
		t->armed = true;
		t->off = s->probe_off[t->p - s->m->probes];
		if (!t->off)
			stap_hrtimer_go(t);
	}
	return 0;
}

/* hrtimer_cancel() waits out a running callback and removes a re-arm. */
static void stap_hrtimers_detach(struct stap_session *s, u32 type)
{
	struct stap_timers *ts = s->type_data[type];
	u32 i;

	if (!ts)
		return;
	for (i = 0; i < ts->n; i++)
		WRITE_ONCE(ts->t[i].stopping, true);
	for (i = 0; i < ts->n; i++)
		if (ts->t[i].armed)
			hrtimer_cancel(&ts->t[i].hr);
	stap_timers_free(s, type);
}

static void stap_hrtimer_detach(struct stap_session *s)
{
	stap_hrtimers_detach(s, STAP_PROBE_TIMER);
}

static int stap_jiffies_attach(struct stap_session *s)
{
	struct stap_timers *ts = stap_timers_alloc(s, STAP_PROBE_TIMER_JIFFIES,
						   1);
	u32 i;

	if (IS_ERR_OR_NULL(ts))
		return PTR_ERR_OR_ZERO(ts);
	for (i = 0; i < ts->n; i++) {
		struct stap_timer *t = &ts->t[i];

		timer_setup(&t->tl, stap_jiffies_fn, 0);
		t->armed = true;
		t->off = s->probe_off[t->p - s->m->probes];
		if (!t->off)
			mod_timer(&t->tl,
				  jiffies + stap_timer_interval(t->p, 1));
	}
	return 0;
}

/* timer_shutdown_sync(): waits for the callback and refuses re-arming. */
static void stap_jiffies_detach(struct stap_session *s)
{
	struct stap_timers *ts = s->type_data[STAP_PROBE_TIMER_JIFFIES];
	u32 i;

	if (!ts)
		return;
	for (i = 0; i < ts->n; i++)
		WRITE_ONCE(ts->t[i].stopping, true);
	for (i = 0; i < ts->n; i++)
		if (ts->t[i].armed)
			timer_shutdown_sync(&ts->t[i].tl);
	stap_timers_free(s, STAP_PROBE_TIMER_JIFFIES);
}

static int stap_profile_attach(struct stap_session *s)
{
	struct stap_timers *ts;
	unsigned int cpu;
	u32 i;

	ts = stap_timers_alloc(s, STAP_PROBE_TIMER_PROFILE, nr_cpu_ids);
	if (IS_ERR_OR_NULL(ts))
		return PTR_ERR_OR_ZERO(ts);
	cpus_read_lock();
	for (i = 0; i < ts->n; i += nr_cpu_ids) {
		for_each_online_cpu(cpu) {
			struct stap_timer *t = &ts->t[i + cpu];

			hrtimer_setup(&t->hr, stap_profile_fn, CLOCK_MONOTONIC,
				      HRTIMER_MODE_REL_PINNED_HARD);
			t->armed = true;
			smp_call_function_single(cpu, stap_profile_start, t,
						 1);
		}
	}
	cpus_read_unlock();
	return 0;
}

static void stap_profile_detach(struct stap_session *s)
{
	stap_hrtimers_detach(s, STAP_PROBE_TIMER_PROFILE);
}

/* The timer of probe idx (timer and timer.jiffies have one each). */
static struct stap_timer *stap_timer_find(struct stap_session *s, u32 idx)
{
	struct stap_timers *ts = s->type_data[s->m->probes[idx].type];
	u32 i;

	for (i = 0; ts && i < ts->n; i++)
		if (ts->t[i].p == &s->m->probes[idx])
			return ts->t[i].armed ? &ts->t[i] : NULL;
	return NULL;
}

/*
 * timer and timer.jiffies.  Disarm: the callback sees ->off and does not
 * re-arm; the cancel waits for a running one and removes a re-arm that
 * raced with the flag.
 */
static void stap_timer_arm(struct stap_session *s, u32 idx, bool on)
{
	struct stap_timer *t = stap_timer_find(s, idx);
	bool hr = s->m->probes[idx].type == STAP_PROBE_TIMER;

	if (!t)
		return;
	WRITE_ONCE(t->off, !on);
	if (on && hr)
		stap_hrtimer_go(t);
	else if (on)
		mod_timer(&t->tl, jiffies + stap_timer_interval(t->p, 1));
	else if (hr)
		hrtimer_cancel(&t->hr);
	else
		timer_delete_sync(&t->tl);
}

static const struct stap_probe_ops stap_timer_types[] = {
	{
		.type = STAP_PROBE_TIMER,
		.name = "timer",
		.check = stap_hrtimer_check,
		.attach = stap_hrtimer_attach,
		.detach = stap_hrtimer_detach,
		.arm = stap_timer_arm,
	}, {
		.type = STAP_PROBE_TIMER_JIFFIES,
		.name = "timer.jiffies",
		.check = stap_jiffies_check,
		.attach = stap_jiffies_attach,
		.detach = stap_jiffies_detach,
		.arm = stap_timer_arm,
	}, {
		.type = STAP_PROBE_TIMER_PROFILE,
		.name = "timer.profile",
		.check = stap_profile_check,
		.attach = stap_profile_attach,
		.detach = stap_profile_detach,
		/* per-CPU and hotplug-bound: the prologue's flag disarms it */
	},
};

int stap_timers_init(void)
{
	int i, rc;

	for (i = 0; i < ARRAY_SIZE(stap_timer_types); i++) {
		rc = stap_probe_ops_register(&stap_timer_types[i]);
		if (rc)
			goto fail;
	}
	return 0;

fail:
	while (--i >= 0)
		stap_probe_ops_unregister(&stap_timer_types[i]);
	return rc;
}

void stap_timers_exit(void)
{
	int i;

	for (i = ARRAY_SIZE(stap_timer_types) - 1; i >= 0; i--)
		stap_probe_ops_unregister(&stap_timer_types[i]);
}
