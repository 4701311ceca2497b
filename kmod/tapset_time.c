// SPDX-License-Identifier: GPL-2.0
/*
 * kmod/tapset_time.c - clocks (timestamp*.stp), ctime() (ctime.stp) and
 * randint() (random.stp).
 */
#include "runtime.h"

#include <linux/cpumask.h>
#include <linux/jiffies.h>
#include <linux/sched/clock.h>
#include <linux/timekeeping.h>
#include <asm/timex.h>

/* NMI-safe: a probe may interrupt the timekeeping writer. */
s64 stap_gettimeofday_ns(void)
{
	return ktime_get_real_fast_ns();
}
EXPORT_SYMBOL_GPL(stap_gettimeofday_ns);

s64 stap_local_clock_ns(void)
{
	return local_clock();
}
EXPORT_SYMBOL_GPL(stap_local_clock_ns);

s64 stap_cpu_clock_ns(struct stap_context *c, s64 cpu)
{
	if (likely(cpu >= 0 && cpu < nr_cpu_ids && cpu_online(cpu)))
		return cpu_clock(cpu);
	snprintf(c->error_buf, sizeof(c->error_buf), "cpu %lld is not online",
		 cpu);
	c->last_error = c->error_buf;
	return 0;
}
EXPORT_SYMBOL_GPL(stap_cpu_clock_ns);

s64 stap_get_cycles(void)
{
	return get_cycles();
}
EXPORT_SYMBOL_GPL(stap_get_cycles);

s64 stap_jiffies(void)
{
	return jiffies;
}
EXPORT_SYMBOL_GPL(stap_jiffies);

s64 stap_hz(void)
{
	return HZ;
}
EXPORT_SYMBOL_GPL(stap_hz);

#define SECSPERDAY	86400L

static bool isleap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/*
 * ctime(secs): "Thu Jan  1 00:00:00 1970", UTC; like SystemTap only for
 * what a 32-bit time_t holds, so the string is always 24 characters.
 */
void stap_ctime(struct stap_context *c, char *dst, size_t n, s64 secs)
{
	static const int mdays[2][12] = {
		{ 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 },
		{ 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 },
	};
	static const char day[7][4] = {
		"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"
	};
	static const char mon[12][4] = {
		"Jan", "Feb", "Mar", "Apr", "May", "Jun",
		"Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
	};
	long days, rem;
	int year = 1970, m, wday, leap;

	dst[0] = '\0';
	if (secs > 2147483647LL) {
		c->last_error = "Time too far in the future to be converted";
		return;
	}
	if (secs < -2147483648LL) {
		c->last_error = "Time too far in the past to be converted";
		return;
	}
	days = secs / SECSPERDAY;
	rem = secs % SECSPERDAY;
	if (rem < 0) {
		rem += SECSPERDAY;
		days--;
	}
	wday = (4 + days) % 7;	/* 1970-01-01 was a Thursday */
	if (wday < 0)
		wday += 7;
	if (days >= 0) {
		while (days >= 365 + isleap(year))
			days -= 365 + isleap(year++);
	} else {
		do
			days += 365 + isleap(--year);
		while (days < 0);
	}
	leap = isleap(year);
	for (m = 0; days >= mdays[leap][m]; m++)
		days -= mdays[leap][m];
	snprintf(dst, n, "%.3s %.3s%3d %.2d:%.2d:%.2d %d", day[wday], mon[m],
		 (int)days + 1, (int)(rem / 3600), (int)(rem % 3600 / 60),
		 (int)(rem % 60), year);
}
EXPORT_SYMBOL_GPL(stap_ctime);

/* randint(n): 0 .. n-1; n is taken unsigned, at most 1024 * 1024. */
s64 stap_randint(struct stap_context *c, s64 n)
{
	if ((u64)n > 1024 * 1024) {
		c->last_error = "range too wide";
		return 0;
	}
	return n ? stap_random_u32() % (u32)n : 0;
}
EXPORT_SYMBOL_GPL(stap_randint);
