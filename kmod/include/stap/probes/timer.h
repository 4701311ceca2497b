/* SPDX-License-Identifier: GPL-2.0 */
/*
 * stap/probes/timer.h - the timer probe types:
 *   "hrtimer"  timer.ns/us/ms/s/hz(N)[.randomize(M)]: period in ns;
 *   "jiffies"  timer.jiffies(N)[.randomize(M)]: period in jiffies;
 *   "profile"  timer.profile.tick: every CPU, every tick; no arguments.
 * Shared by the runtime and the translator: the limits are defined here
 * once.
 */
#ifndef _STAP_PROBES_TIMER_H
#define _STAP_PROBES_TIMER_H

#include <linux/types.h>

/* hrtimer periods: 100 us to one day, as the runtime accepts them. */
#define STAP_HRTIMER_MIN_NS	100000ULL
#define STAP_HRTIMER_MAX_NS	(86400ULL * 1000000000ULL)
/* jiffies periods: 1 to 1000000 jiffies. */
#define STAP_JIFFIES_MAX	1000000ULL

struct stap_timer_args {
	__u64 period;		/* ns ("hrtimer") or jiffies ("jiffies") */
	__u64 randomize;	/* +/- a uniform spread, same unit, <= period */
};

#endif /* _STAP_PROBES_TIMER_H */
