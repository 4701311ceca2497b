// SPDX-License-Identifier: GPL-2.0
/*
 * translator/probe_timer.c - timer probe points: their limits and
 * messages as SystemTap 4.8 checks them, and the period the runtime's
 * types arm (<stap/probes/timer.h>: "hrtimer" in nanoseconds, "jiffies"
 * in jiffies, "profile" every tick).  A period given as $N is computed
 * from the module parameter argN in the module init (emit_args.c).
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <stap/probes/timer.h>

#include "emit.h"
#include "probe.h"

static const char *const timer_points[] = {
	"timer.s(number)", "timer.s(number).randomize(number)",
	"timer.sec(number)", "timer.sec(number).randomize(number)",
	"timer.ms(number)", "timer.ms(number).randomize(number)",
	"timer.msec(number)", "timer.msec(number).randomize(number)",
	"timer.us(number)", "timer.us(number).randomize(number)",
	"timer.usec(number)", "timer.usec(number).randomize(number)",
	"timer.ns(number)", "timer.ns(number).randomize(number)",
	"timer.nsec(number)", "timer.nsec(number).randomize(number)",
	"timer.hz(number)",
	"timer.jiffies(number)", "timer.jiffies(number).randomize(number)",
	/* timer.profile is a tapset alias in SystemTap (timers.stp) */
	"timer.profile", "timer.profile.tick",
	NULL,
};

static const struct {
	const char *unit;
	int64_t ns;
} units[] = {
	{ "s", 1000000000 }, { "sec", 1000000000 },
	{ "ms", 1000000 }, { "msec", 1000000 },
	{ "us", 1000 }, { "usec", 1000 },
	{ "ns", 1 }, { "nsec", 1 },
};

/* One timer point. */
struct timer {
	uint64_t period, randomize;
	/* N and M given as $K: the module sets them from argK at load */
	int period_arg, rnd_arg;	/* K, or 0 */
	int64_t unit;		/* period = N * unit; 0: timer.hz(N) */
	int64_t lo, hi;		/* N's range */
};

static int fail(struct perr *err, char *msg)
{
	return pfail(err, msg, NULL);
}

static int64_t unit_ns(const char *unit)
{
	size_t i;

	for (i = 0; i < ARRAY_LEN(units); i++)
		if (!strcmp(units[i].unit, unit))
			return units[i].ns;
	return 0;
}

static int64_t comp_num(struct probe_point *pp, int i)
{
	return ((struct component *)pp->comps.v[i])->arg->num;
}

static void args_of(struct probe_point *pp, struct timer *t)
{
	t->period_arg = ((struct component *)pp->comps.v[1])->arg->param;
	if (pp->comps.n > 2)
		t->rnd_arg = ((struct component *)pp->comps.v[2])->arg->param;
}

/* timer.UNIT(N)[.randomize(M)]: range checked in UNIT, armed in ns. */
static int hrtimer(struct probe_point *pp, struct timer *t, struct perr *err)
{
	struct component *u = pp->comps.v[1];
	int64_t scale = unit_ns(u->name), v = u->arg->num, rnd = 0;
	int64_t lo = (STAP_HRTIMER_MIN_NS + scale - 1) / scale;
	int64_t hi = STAP_HRTIMER_MAX_NS / scale;

	if (pp->comps.n > 2)
		rnd = comp_num(pp, 2);
	if (v < lo || v > hi)
		return fail(err, xasprintf("interval value out of range "
				"(%" PRId64 ", %" PRId64 ")", lo, hi));
	if (rnd < 0 || rnd > v)
		return fail(err, xstrdup("randomization value out of range"));
	t->period = v * scale;
	t->randomize = rnd * scale;
	t->unit = scale;
	t->lo = lo;
	t->hi = hi;
	return 1;
}

static int hz(struct probe_point *pp, struct timer *t, struct perr *err)
{
	int64_t f = comp_num(pp, 1), v;

	if (f <= 0)
		return fail(err, xstrdup("frequency must be greater than 0"));
	v = 1000000000LL / f;
	if (v < (int64_t)STAP_HRTIMER_MIN_NS || v > (int64_t)STAP_HRTIMER_MAX_NS)
		return fail(err, xasprintf("interval value out of range "
				"(%llu, %llu)", STAP_HRTIMER_MIN_NS,
				STAP_HRTIMER_MAX_NS));
	t->period = v;
	t->lo = (1000000000LL + STAP_HRTIMER_MAX_NS - 1) / STAP_HRTIMER_MAX_NS;
	t->hi = 1000000000LL / STAP_HRTIMER_MIN_NS;
	return 1;
}

static int jiffies(struct probe_point *pp, struct timer *t, struct perr *err)
{
	int64_t v = comp_num(pp, 1), rnd = 0;

	if (pp->comps.n > 2)
		rnd = comp_num(pp, 2);
	if (v <= 0 || v > (int64_t)STAP_JIFFIES_MAX)
		return fail(err, xstrdup("invalid interval for jiffies timer"));
	if (rnd < 0 || rnd > v)
		return fail(err, xstrdup("invalid randomize for jiffies timer"));
	t->period = v;
	t->randomize = rnd;
	t->unit = 1;
	t->lo = 1;
	t->hi = STAP_JIFFIES_MAX;
	return 1;
}

/*
 * SystemTap 4.8's timer.profile alias falls back to a perf sampling event
 * on kernels without register_timer_hook (all recent ones); pp() shows
 * that event.  The runtime fires on every CPU's tick.
 */
static int profile(struct dprobe *d)
{
	d->rtype = "profile";
	d->pp_text = xstrdup("perf.type(1).config(0).sample(1000000)");
	d->origin = xstrdup(d->pp_text);
	return 1;
}

static int build_timer(struct session *s, struct probe_point *pp,
		       struct dprobe *d, struct perr *err)
{
	const char *kind = ((struct component *)pp->comps.v[1])->name;
	struct timer *t;
	int r;

	(void)s;
	if (!strcmp(kind, "profile") && pp->comps.n > 2)
		return fail(err, xstrdup("profiling timer support "
				"(register_timer_hook) not found in kernel!"));
	if (!strcmp(kind, "profile"))
		return profile(d);
	t = xcalloc(1, sizeof(*t));
	if (!strcmp(kind, "hz"))
		r = hz(pp, t, err);
	else if (!strcmp(kind, "jiffies"))
		r = jiffies(pp, t, err);
	else
		r = hrtimer(pp, t, err);
	if (r < 0) {
		free(t);
		return r;
	}
	args_of(pp, t);
	d->rtype = strcmp(kind, "jiffies") ? "hrtimer" : "jiffies";
	d->data = t;
	return 1;
}

static const char *timer_args_type(const struct dprobe *d)
{
	return d->data ? "struct stap_timer_args" : NULL;
}

static void timer_args_c(struct session *s, const struct dprobe *d,
			 struct sbuf *out)
{
	const struct timer *t = d->data;

	(void)s;
	sb_printf(out, ".period = %" PRIu64 "ULL", t->period);
	if (t->randomize)
		sb_printf(out, ", .randomize = %" PRIu64 "ULL", t->randomize);
}

static bool timer_args_mutable(const struct dprobe *d)
{
	const struct timer *t = d->data;

	return t && (t->period_arg || t->rnd_arg);
}

static void range_c(int arg, struct sbuf *out)
{
	sb_printf(out, "\t\treturn stap_arg_range(%d);\n", arg);
}

/* N from its parameter, checked, scaled; M likewise. */
static void timer_init_c(struct session *s, const struct dprobe *d,
			 const char *a, struct sbuf *out)
{
	const struct timer *t = d->data;

	if (!timer_args_mutable(d))
		return;
	if (t->period_arg) {
		arg_use_num(s, t->period_arg);
		sb_printf(out, "\tif (stap_arg%d < %" PRId64 " || stap_arg%d > %"
			  PRId64 ")\n", t->period_arg, t->lo, t->period_arg,
			  t->hi);
		range_c(t->period_arg, out);
		if (t->unit)
			sb_printf(out, "\t%s.period = stap_arg%d * %" PRId64
				  "ULL;\n", a, t->period_arg, t->unit);
		else	/* timer.hz(N) */
			sb_printf(out, "\t%s.period = 1000000000ULL / "
				  "stap_arg%d;\n", a, t->period_arg);
	}
	if (t->rnd_arg) {
		arg_use_num(s, t->rnd_arg);
		sb_printf(out, "\tif (stap_arg%d < 0 || stap_arg%d * %" PRId64
			  "ULL > %s.period)\n", t->rnd_arg, t->rnd_arg,
			  t->unit, a);
		range_c(t->rnd_arg, out);
		sb_printf(out, "\t%s.randomize = stap_arg%d * %" PRId64 "ULL;\n",
			  a, t->rnd_arg, t->unit);
	}
}

PROBE_FAMILY(timer_family) = {
	.name = "timer",
	.points = timer_points,
	.build = build_timer,
	.header = "stap/probes/timer.h",
	.args_type = timer_args_type,
	.args_c = timer_args_c,
	.init_c = timer_init_c,
	.args_mutable = timer_args_mutable,
};
