/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kmod/compat.h - the one place where the runtime meets kernel API changes.
 *
 * The rest of the runtime is written against the newest API; each shim
 * below gives that API on the kernels that lack it, and says which change
 * it covers.  What a kernel has is tested by compiling (kmod/compat/NAME.c,
 * run by kmod/compat/configure into compat_config.h), never guessed from
 * a version number: distributions backport renames into old releases.
 */
#ifndef _STAP_COMPAT_H
#define _STAP_COMPAT_H

#include <linux/hrtimer.h>
#include <linux/timer.h>

#include "compat_config.h"

/*
 * v6.2 renamed del_timer_sync() to timer_delete_sync(); later 6.1.y
 * releases have the new name through a stable backport (Debian's
 * 6.1.0-57 does), older ones do not; v6.15 removed the old name.
 */
#ifndef STAP_HAVE_TIMER_DELETE_SYNC
#define timer_delete_sync(t)	del_timer_sync(t)
#endif

/* v6.16 renamed from_timer() to timer_container_of(). */
#ifndef STAP_HAVE_TIMER_CONTAINER_OF
#define timer_container_of(var, t, field)	from_timer(var, t, field)
#endif

/*
 * v6.13 added hrtimer_setup(), which takes the callback, and v6.15
 * removed hrtimer_init().
 */
#ifndef STAP_HAVE_HRTIMER_SETUP
static inline void hrtimer_setup(struct hrtimer *timer,
				 enum hrtimer_restart (*function)(struct hrtimer *),
				 clockid_t clock_id, enum hrtimer_mode mode)
{
	hrtimer_init(timer, clock_id, mode);
	timer->function = function;
}
#endif

#endif /* _STAP_COMPAT_H */
