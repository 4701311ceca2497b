// SPDX-License-Identifier: GPL-2.0
/*
 * kmod/timers.c - the timer probe types (<stap/probes/timer.h>):
 * "hrtimer" for timer.ns/us/ms/s/hz, "jiffies" for timer.jiffies (a
 * timer_list), both with .randomize, and "profile" for timer.profile (a
 * pinned hrtimer per online CPU every tick).  Timers are allocated at
 * session registration, armed at start after the begin probes, disarmed
 * before the end probes; a disabled hrtimer or jiffies probe is cancelled
 * and restarted when enabled again.
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
#include <stap/probes/timer.h>

struct stap_timer {
	union {
		struct hrtimer hr;
		struct timer_list tl;
	};
	struct stap_probe_set *set;
	u32 i;				/* the probe's index in the set */
	u64 period, randomize;		/* from its struct stap_timer_args */
	bool stopping;			/* no re-arming any more */
	bool off;			/* disabled: cancelled, not re-armed */
	bool armed;			/* initialised at attach */
};

/* set->priv, from init to free. */
struct stap_timers {
	u32 n;
	struct stap_timer t[];		/* profile: n probes x nr_cpu_ids */
};

/* period +/- a uniformly random spread (randomize <= period), >= min. */
static u64 stap_timer_interval(const struct stap_timer *t, u64 min)
{
	u64 v = t->period, rem;

	if (t->randomize) {
		div64_u64_rem(stap_random_u64(), 2 * t->randomize + 1, &rem);
		v = v - t->randomize + rem;
	}
	return max(v, min);
}

static int stap_hrtimer_check(const struct stap_probe *p)
{
	const struct stap_timer_args *a = p->args;

	if (!a || a->period < STAP_HRTIMER_MIN_NS ||
	    a->period > STAP_HRTIMER_MAX_NS || a->randomize > a->period)
		return -EINVAL;
	return 0;
}

static int stap_jiffies_check(const struct stap_probe *p)
{
	const struct stap_timer_args *a = p->args;

	if (!a || !a->period || a->period > STAP_JIFFIES_MAX ||
	    a->randomize > a->period)
		return -EINVAL;
	return 0;
}

static enum hrtimer_restart stap_hrtimer_fn(struct hrtimer *hr)
{
	struct stap_timer *t = container_of(hr, struct stap_timer, hr);

	stap_probe_hit(t->set, t->i, NULL, NULL);
	if (READ_ONCE(t->stopping) || READ_ONCE(t->off))
		return HRTIMER_NORESTART;
	/*
	 * As SystemTap: the next expiry is one interval after the last one,
	 * not after now, so a late or long handler does not lose firings.
	 */
	hrtimer_add_expires_ns(hr, stap_timer_interval(t,
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
	stap_probe_hit(t->set, t->i, NULL, NULL);
	preempt_enable();
	if (!READ_ONCE(t->stopping) && !READ_ONCE(t->off))
		mod_timer(tl, jiffies + stap_timer_interval(t, 1));
}

static enum hrtimer_restart stap_profile_fn(struct hrtimer *hr)
{
	struct stap_timer *t = container_of(hr, struct stap_timer, hr);

	stap_probe_hit(t->set, t->i, get_irq_regs(), NULL);
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

/* per_probe timers for each probe of the set, idle until attach. */
static int stap_timers_alloc(struct stap_probe_set *set, u32 per_probe)
{
	struct stap_timers *ts;
	u32 i, j;

	ts = kvzalloc(struct_size(ts, t, array_size(set->n, per_probe)),
		      GFP_KERNEL);
	if (!ts)
		return -ENOMEM;
	for (i = 0; i < set->n; i++) {
		const struct stap_timer_args *a = stap_set_probe(set, i)->args;

		for (j = 0; j < per_probe; j++) {
			struct stap_timer *t = &ts->t[ts->n++];

			t->set = set;
			t->i = i;
			t->period = a ? a->period : 0;
			t->randomize = a ? a->randomize : 0;
		}
	}
	set->priv = ts;
	return 0;
}

static int stap_timer_one_init(struct stap_probe_set *set)
{
	return stap_timers_alloc(set, 1);
}

static int stap_profile_init(struct stap_probe_set *set)
{
	return stap_timers_alloc(set, nr_cpu_ids);
}

static void stap_timers_free(struct stap_probe_set *set)
{
	kvfree(set->priv);
	set->priv = NULL;
}

static void stap_hrtimer_go(struct stap_timer *t)
{
	hrtimer_start(&t->hr, ns_to_ktime(stap_timer_interval(t,
					  STAP_HRTIMER_MIN_NS / 2)),
		      HRTIMER_MODE_REL_HARD);
}

static int stap_hrtimer_attach(struct stap_probe_set *set)
{
	struct stap_timers *ts = set->priv;
	u32 i;

	for (i = 0; i < ts->n; i++) {
		struct stap_timer *t = &ts->t[i];

		hrtimer_setup(&t->hr, stap_hrtimer_fn, CLOCK_MONOTONIC,
			      HRTIMER_MODE_REL_HARD);
		t->stopping = false;
		t->armed = true;
		t->off = stap_probe_is_off(set, t->i);
		if (!t->off)
			stap_hrtimer_go(t);
	}
	return 0;
}

/* hrtimer_cancel() waits out a running callback and removes a re-arm. */
static void stap_hrtimer_detach(struct stap_probe_set *set)
{
	struct stap_timers *ts = set->priv;
	u32 i;

	for (i = 0; i < ts->n; i++)
		WRITE_ONCE(ts->t[i].stopping, true);
	for (i = 0; i < ts->n; i++) {
		if (ts->t[i].armed)
			hrtimer_cancel(&ts->t[i].hr);
		ts->t[i].armed = false;
	}
}

static int stap_jiffies_attach(struct stap_probe_set *set)
{
	struct stap_timers *ts = set->priv;
	u32 i;

	for (i = 0; i < ts->n; i++) {
		struct stap_timer *t = &ts->t[i];

		timer_setup(&t->tl, stap_jiffies_fn, 0);
		t->stopping = false;
		t->armed = true;
		t->off = stap_probe_is_off(set, t->i);
		if (!t->off)
			mod_timer(&t->tl, jiffies + stap_timer_interval(t, 1));
	}
	return 0;
}

/* timer_shutdown_sync(): waits for the callback and refuses re-arming. */
static void stap_jiffies_detach(struct stap_probe_set *set)
{
	struct stap_timers *ts = set->priv;
	u32 i;

	for (i = 0; i < ts->n; i++)
		WRITE_ONCE(ts->t[i].stopping, true);
	for (i = 0; i < ts->n; i++) {
		if (ts->t[i].armed)
			timer_shutdown_sync(&ts->t[i].tl);
		ts->t[i].armed = false;
	}
}

static int stap_profile_attach(struct stap_probe_set *set)
{
	struct stap_timers *ts = set->priv;
	unsigned int cpu;
	u32 i;

	cpus_read_lock();
	for (i = 0; i < ts->n; i += nr_cpu_ids) {
		for_each_online_cpu(cpu) {
			struct stap_timer *t = &ts->t[i + cpu];

			hrtimer_setup(&t->hr, stap_profile_fn, CLOCK_MONOTONIC,
				      HRTIMER_MODE_REL_PINNED_HARD);
			t->stopping = false;
			t->armed = true;
			smp_call_function_single(cpu, stap_profile_start, t,
						 1);
		}
	}
	cpus_read_unlock();
	return 0;
}

/*
 * "hrtimer" and "jiffies" have one timer per probe, t[i].  Disarm: the
 * callback sees ->off and does not re-arm; the cancel waits for a running
 * one and removes a re-arm that raced with the flag.
 */
static void stap_hrtimer_arm(struct stap_probe_set *set, u32 i, bool on)
{
	struct stap_timer *t = &((struct stap_timers *)set->priv)->t[i];

	if (!t->armed)
		return;
	WRITE_ONCE(t->off, !on);
	if (on)
		stap_hrtimer_go(t);
	else
		hrtimer_cancel(&t->hr);
}

static void stap_jiffies_arm(struct stap_probe_set *set, u32 i, bool on)
{
	struct stap_timer *t = &((struct stap_timers *)set->priv)->t[i];

	if (!t->armed)
		return;
	WRITE_ONCE(t->off, !on);
	if (on)
		mod_timer(&t->tl, jiffies + stap_timer_interval(t, 1));
	else
		timer_delete_sync(&t->tl);
}

static struct stap_probe_type stap_timer_types[] = {
	{
		.api_version = STAP_PROVIDER_API_VERSION,
		.name = "hrtimer",
		.owner = THIS_MODULE,
		.check = stap_hrtimer_check,
		.init = stap_timer_one_init,
		.free = stap_timers_free,
		.attach = stap_hrtimer_attach,
		.detach = stap_hrtimer_detach,
		.arm = stap_hrtimer_arm,
	}, {
		.api_version = STAP_PROVIDER_API_VERSION,
		.name = "jiffies",
		.owner = THIS_MODULE,
		.check = stap_jiffies_check,
		.init = stap_timer_one_init,
		.free = stap_timers_free,
		.attach = stap_jiffies_attach,
		.detach = stap_jiffies_detach,
		.arm = stap_jiffies_arm,
	}, {
		.api_version = STAP_PROVIDER_API_VERSION,
		.name = "profile",
		.owner = THIS_MODULE,
		.init = stap_profile_init,
		.free = stap_timers_free,
		.attach = stap_profile_attach,
		.detach = stap_hrtimer_detach,
		/* per-CPU and hotplug-bound: the prologue's flag disarms it */
	},
};

int stap_timers_init(void)
{
	int i, rc;

	for (i = 0; i < ARRAY_SIZE(stap_timer_types); i++) {
		rc = stap_probe_type_register(&stap_timer_types[i]);
		if (rc)
			goto fail;
	}
	return 0;

fail:
	while (--i >= 0)
		stap_probe_type_unregister(&stap_timer_types[i]);
	return rc;
}

void stap_timers_exit(void)
{
	int i;

	for (i = ARRAY_SIZE(stap_timer_types) - 1; i >= 0; i--)
		stap_probe_type_unregister(&stap_timer_types[i]);
}
