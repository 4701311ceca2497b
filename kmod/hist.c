// SPDX-License-Identifier: GPL-2.0
/*
 * kmod/hist.c - @hist_log and @hist_linear: bucketing, and the ASCII chart
 * exactly as SystemTap 4.x prints it.
 */
#include "runtime.h"
#include "map_store.h"

#include <linux/bitops.h>
#include <linux/kernel.h>
#include <linux/math64.h>
#include <linux/minmax.h>
#include <linux/string.h>

#define HIST_WIDTH	50	/* bar columns */
#define HIST_ELISION	2	/* empty rows kept around a '~' gap */

/* Buckets of a histogram, incl. linear under/overflow; 0: invalid. */
u32 stap_hist_nbuckets(const struct stap_stat_desc *h)
{
	s64 n;

	switch (h->hist_type) {
	case STAP_HIST_LOG:
		return STAP_HIST_LOG_BUCKETS;
	case STAP_HIST_LINEAR:
		if (h->interval <= 0 || h->stop <= h->start)
			return 0;
		n = div64_s64(h->stop - h->start, h->interval) + 3;
		return n >= 3 && n <= STAP_HIST_MAX_BUCKETS ? n : 0;
	}
	return 0;
}

/*
 * Log buckets: 0 holds 0; n > 0 lands 64 + fls(n) buckets up (value
 * 2^(b-65)), a negative n mirrored below 64 (value -2^(63-b)).
 */
static u32 log_bucket(s64 v)
{
	u64 u;

	if (!v)
		return STAP_HIST_LOG_BUCKET0;
	u = v < 0 ? 0 - (u64)v : (u64)v;
	if (v < 0)
		return STAP_HIST_LOG_BUCKET0 - fls64(u);
	return STAP_HIST_LOG_BUCKET0 + fls64(u);
}

static s64 log_value(u32 b)
{
	if (b == STAP_HIST_LOG_BUCKET0)
		return 0;
	if (b < STAP_HIST_LOG_BUCKET0)
		return S64_MIN >> b;
	return 1LL << (b - STAP_HIST_LOG_BUCKET0 - 1);
}

void stap_hist_add(const struct stap_stat_desc *h, u32 n, s64 *hist, s64 v)
{
	u64 b;

	if (h->hist_type == STAP_HIST_LOG) {
		b = log_bucket(v);
	} else {
		s64 off = (s64)((u64)v - (u64)h->start);

		b = off < 0 ? 0 : div64_u64(off, h->interval) + 1;
	}
	hist[min_t(u64, b, n - 1)]++;
}

/* Characters printing v takes in %lld. */
static int val_width(s64 v)
{
	int w = v < 0;
	u64 u = v < 0 ? 0 - (u64)v : (u64)v;

	do {
		w++;
		u = div_u64(u, 10);
	} while (u);
	return w;
}

struct hist_sink {
	struct stap_context *c;		/* print, or into out */
	char *out;
	size_t size;
	size_t len;
};

static __printf(2, 3) void hprintf(struct hist_sink *k, const char *fmt, ...)
{
	char line[128];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vscnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (k->c) {
		stap_print_bytes(k->c, line, n);
	} else if (k->len + 1 < k->size) {
		n = min_t(size_t, n, k->size - k->len - 1);
		memcpy(k->out + k->len, line, n);
		k->len += n;
		k->out[k->len] = '\0';
	}
}

/* "value |----...---- count" plus one line: width of the value column. */
static void header(struct hist_sink *k, int val_space)
{
	char dashes[HIST_WIDTH + 1];

	memset(dashes, '-', HIST_WIDTH);
	dashes[HIST_WIDTH] = '\0';
	hprintf(k, "%*s |%s count\n", val_space, "value", dashes);
}

static void row(struct hist_sink *k, int val_space, const char *prefix,
		s64 val, s64 cnt, u64 scale, int cnt_space)
{
	char bar[HIST_WIDTH + 1];
	u32 v = div64_u64(cnt, scale);

	v = min_t(u32, v, HIST_WIDTH);
	memset(bar, '@', v);
	bar[v] = '\0';
	hprintf(k, "%*s%lld |%s%*lld\n", val_space - val_width(val), prefix,
		val, bar, (int)(HIST_WIDTH - v + 1 + cnt_space), cnt);
}

/*
 * The chart: the rows from the first to the last non-empty bucket widened
 * by two empty ones each side (a log chart reaches below 0 only when there
 * are negative values; linear under/overflow rows only when non-empty),
 * runs of empty rows beyond HIST_ELISION either side of data shown as '~',
 * bars scaled to HIST_WIDTH, then a blank line.  An empty histogram (which
 * SystemTap refuses with "empty aggregate") prints the header alone.
 */
void stap_hist_render(struct stap_context *c, char *out, size_t size,
		      const struct stap_stat_desc *h, u32 nbuckets, const s64 *hist)
{
	struct hist_sink k = { .c = c, .out = out, .size = size };
	int n = nbuckets;
	bool linear = h->hist_type == STAP_HIST_LINEAR;
	int low = -1, high = 0, i, j, val_space, cnt_space;
	bool under = false, over = false, eliding = false;
	s64 valmax = 0;
	u64 scale;

	if (size)
		out[0] = '\0';
	for (i = 0; i < n; i++) {
		if (hist[i] > 0 && low < 0)
			low = i;
		if (hist[i] > 0)
			high = i;
		valmax = max(valmax, hist[i]);
	}
	cnt_space = val_width(valmax);
	if (low < 0) {
		header(&k, 5);
		hprintf(&k, "\n");
		return;
	}
	for (i = 0; i < 2; i++) {
		if (low > 0 && (linear || low != STAP_HIST_LOG_BUCKET0))
			low--;
		if (high < n - 1)
			high++;
	}
	if (linear) {
		if (low == 0 && !hist[0])
			low++;
		if (high == n - 1 && !hist[high])
			high--;
		under = low == 0;
		over = high == n - 1;
	}
	scale = valmax <= HIST_WIDTH ? 1 : DIV_ROUND_UP_ULL(valmax, HIST_WIDTH);

	if (linear)
		val_space = max(val_width(h->start) + under,
				val_width(h->start + h->interval * high) +
				over);
	else
		val_space = max(val_width(log_value(high)),
				val_width(log_value(low)));
	val_space = max(val_space, 5);	/* "value" */

	header(&k, val_space);
	for (i = low; i <= high; i++) {
		int lo = max(low, i - HIST_ELISION);
		int hi = min(high, i + HIST_ELISION);
		const char *prefix = "";
		bool empty = true;
		s64 val;

		for (j = lo; j <= hi && empty; j++)
			empty = !hist[j];
		if (empty) {
			eliding = true;
			continue;
		}
		if (eliding) {
			hprintf(&k, "%*s ~\n", val_space, "");
			eliding = false;
		}
		if (!linear) {
			val = log_value(i);
		} else if (i == 0) {
			val = h->start;
			prefix = "<";
		} else if (i == n - 1) {
			val = h->start + (s64)(i - 2) * h->interval;
			prefix = ">";
		} else {
			val = h->start + (s64)(i - 1) * h->interval;
		}
		row(&k, val_space, prefix, val, hist[i], scale, cnt_space);
	}
	hprintf(&k, "\n");
}
