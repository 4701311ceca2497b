// SPDX-License-Identifier: GPL-2.0
/*
 * translator/probe_timer.c - timer probe points: their limits and
 * messages as SystemTap 4.8 checks them, and the period the runtime
 * arms (kmod/timers.c: nanoseconds for hrtimers, jiffies for
 * timer.jiffies).
 */
#include <inttypes.h>
#include <string.h>

#include "probe.h"

#define HRTIMER_MIN_NS	100000LL		/* 100 us */
#define HRTIMER_MAX_NS	86400000000000LL	/* one day */
#define JIFFIES_MAX	1000000LL

static const struct {
	const char *unit;
	int64_t ns;
} units[] = {
	{ "s", 1000000000 }, { "sec", 1000000000 },
	{ "ms", 1000000 }, { "msec", 1000000 },
	{ "us", 1000 }, { "usec", 1000 },
	{ "ns", 1 }, { "nsec", 1 },
};

static int fail(struct perr *err, char *msg)
{
	err->msg = msg;
	err->tok = NULL;
	return -1;
}

static int64_t unit_ns(const char *unit)
{
	size_t i;

	for (i = 0; i < ARRAY_LEN(units); i++)
		if (!strcmp(units[i].unit, unit))
			return units[i].ns;
	return 0;
}

/* N and M given as $K: the module sets the period from argK at load. */
static void args_of(struct probe_point *pp, struct dprobe *d)
{
	d->period_arg = ((struct component *)pp->comps.v[1])->arg->param;
	if (pp->comps.n > 2)
		d->rnd_arg = ((struct component *)pp->comps.v[2])->arg->param;
}

/* timer.UNIT(N)[.randomize(M)]: range checked in UNIT, armed in ns. */
static int hrtimer(struct probe_point *pp, struct dprobe *d, struct perr *err)
{
	struct component *u = pp->comps.v[1];
	int64_t scale = unit_ns(u->name), v = u->arg->num, rnd = 0;
	int64_t lo = (HRTIMER_MIN_NS + scale - 1) / scale;
	int64_t hi = HRTIMER_MAX_NS / scale;

	if (pp->comps.n > 2)
		rnd = ((struct component *)pp->comps.v[2])->arg->num;
	if (v < lo || v > hi)
		return fail(err, xasprintf("interval value out of range "
				"(%" PRId64 ", %" PRId64 ")", lo, hi));
	if (rnd < 0 || rnd > v)
		return fail(err, xstrdup("randomization value out of range"));
	d->kind = PK_TIMER;
	d->period = v * scale;
	d->randomize = rnd * scale;
	d->unit = scale;
	d->lo = lo;
	d->hi = hi;
	args_of(pp, d);
	return 1;
}

static int hz(struct probe_point *pp, struct dprobe *d, struct perr *err)
{
	int64_t f = ((struct component *)pp->comps.v[1])->arg->num, v;

	if (f <= 0)
		return fail(err, xstrdup("frequency must be greater than 0"));
	v = 1000000000LL / f;
	if (v < HRTIMER_MIN_NS || v > HRTIMER_MAX_NS)
		return fail(err, xasprintf("interval value out of range "
				"(%lld, %lld)", HRTIMER_MIN_NS,
				HRTIMER_MAX_NS));
	d->kind = PK_TIMER;
	d->period = v;
	d->lo = (1000000000LL + HRTIMER_MAX_NS - 1) / HRTIMER_MAX_NS;
	d->hi = 1000000000LL / HRTIMER_MIN_NS;
	args_of(pp, d);
	return 1;
}

static int jiffies(struct probe_point *pp, struct dprobe *d, struct perr *err)
{
	int64_t v = ((struct component *)pp->comps.v[1])->arg->num, rnd = 0;

	if (pp->comps.n > 2)
		rnd = ((struct component *)pp->comps.v[2])->arg->num;
	if (v <= 0 || v > JIFFIES_MAX)
		return fail(err, xstrdup("invalid interval for jiffies timer"));
	if (rnd < 0 || rnd > v)
		return fail(err, xstrdup("invalid randomize for jiffies timer"));
	d->kind = PK_TIMER_JIFFIES;
	d->period = v;
	d->randomize = rnd;
	d->unit = 1;
	d->lo = 1;
	d->hi = JIFFIES_MAX;
	args_of(pp, d);
	return 1;
}

int build_timer(struct session *s, enum pbuild b, struct probe_point *pp,
		struct dprobe *d, struct perr *err)
{
	(void)s;
	switch (b) {
	case PB_TIMER:
		return hrtimer(pp, d, err);
	case PB_TIMER_HZ:
		return hz(pp, d, err);
	case PB_TIMER_JIFFIES:
		return jiffies(pp, d, err);
	case PB_TIMER_PROFILE:
		/*
		 * SystemTap 4.8's tapset alias falls back to a perf sampling
		 * event on kernels without register_timer_hook (all recent
		 * ones); pp() shows that event.  The runtime fires on every
		 * CPU's tick.
		 */
		d->kind = PK_TIMER_PROFILE;
		d->pp_text = xstrdup("perf.type(1).config(0).sample(1000000)");
		d->origin = xstrdup(d->pp_text);
		return 1;
	default:
		return fail(err, xstrdup("profiling timer support "
				"(register_timer_hook) not found in kernel!"));
	}
}
