// SPDX-License-Identifier: GPL-2.0
/*
 * hrtimer_setup(): v6.13 added it (the callback is an argument), v6.15
 * removed hrtimer_init().
 */
#include <linux/hrtimer.h>

void stap_conftest(struct hrtimer *h, enum hrtimer_restart (*fn)(struct hrtimer *));
void stap_conftest(struct hrtimer *h, enum hrtimer_restart (*fn)(struct hrtimer *))
{
	hrtimer_setup(h, fn, CLOCK_MONOTONIC, HRTIMER_MODE_REL_HARD);
}
