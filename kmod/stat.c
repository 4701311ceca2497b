// SPDX-License-Identifier: GPL-2.0
/*
 * kmod/stat.c - statistics (s <<< v): per-CPU data, each CPU writing only
 * its own under a per-CPU raw spinlock, aggregated across CPUs on read with
 * SystemTap's integer count/sum/min/max/avg/variance.
 */
#include "runtime.h"
#include "map_store.h"

#include <linux/cpumask.h>
#include <linux/overflow.h>
#include <linux/smp.h>
#include <linux/string.h>

/* One sample; Welford's running mean and M2 in integers, as SystemTap. */
void stap_sdata_add(struct stap_sdata *sd, u32 nhist,
		    const struct stap_stat_desc *h, s64 v, bool variance)
{
	if (!sd->count) {
		sd->count = 1;
		sd->sum = sd->min = sd->max = v;
		sd->avg_s = v;
		sd->m2 = 0;
	} else {
		s64 delta = (s64)((u64)v - (u64)sd->avg_s);

		sd->count++;
		sd->sum = (s64)((u64)sd->sum + (u64)v);
		if (v > sd->max)
			sd->max = v;
		if (v < sd->min)
			sd->min = v;
		/* As SystemTap: only a statistic whose variance is read. */
		if (!variance)
			goto hist;
		sd->avg_s += stap_div(delta, sd->count);
		sd->m2 = (s64)((u64)sd->m2 +
			       (u64)delta * ((u64)v - (u64)sd->avg_s));
		sd->var_s = stap_div(sd->m2, sd->count - 1);
	}
hist:
	if (nhist)
		stap_hist_add(h, nhist, sd->hist, v);
}

static inline u64 sq(s64 x)
{
	return (u64)x * (u64)x;
}

/* dst += src, merging variances with the total variance formula. */
void stap_sdata_merge(struct stap_sdata *dst, const struct stap_sdata *src,
		      u32 nhist)
{
	s64 n1 = dst->count, a1 = dst->avg_s;
	u64 s;
	u32 i;

	if (!src->count)
		return;
	if (!dst->count) {
		memcpy(dst, src, struct_size(dst, hist, nhist));
		return;
	}
	dst->count += src->count;
	dst->sum = (s64)((u64)dst->sum + (u64)src->sum);
	if (src->min < dst->min)
		dst->min = src->min;
	if (src->max > dst->max)
		dst->max = src->max;
	dst->avg_s = stap_div(dst->sum, dst->count);
	s = (u64)n1 * sq(a1 - dst->avg_s) + (u64)(n1 - 1) * dst->var_s +
	    (u64)src->count * sq(src->avg_s - dst->avg_s) +
	    (u64)(src->count - 1) * src->var_s;
	dst->var_s = stap_div(s, dst->count - 1);
	for (i = 0; i < nhist; i++)
		dst->hist[i] += src->hist[i];
}

s64 stap_sdata_field(const struct stap_sdata *sd, int field)
{
	switch (field) {
	case STAP_STAT_COUNT:
		return sd->count;
	case STAP_STAT_SUM:
		return sd->sum;
	case STAP_STAT_MIN:
		return sd->min;
	case STAP_STAT_MAX:
		return sd->max;
	case STAP_STAT_AVG:
		return stap_div(sd->sum, sd->count);
	case STAP_STAT_VARIANCE:
		return sd->var_s;
	}
	return 0;
}

void stap_stat_add(struct stap_context *c, u32 map, const union stap_key *k,
		   s64 v)
{
	struct stap_gmap *g = stap_gmap(c, map, STAP_STATS);
	struct stap_map_entry *e;
	struct stap_store *st;
	unsigned long flags;
	u32 h;

	if (!g)
		return;
	st = g->pcpu[smp_processor_id()];
	h = stap_store_hash(st, k);
	raw_spin_lock_irqsave(&st->lock, flags);
	e = stap_store_find(st, k, h);
	if (!e) {
		e = stap_store_insert(st, k, h, atomic64_inc_return(&g->seq));
		if (!e) {
			stap_map_overflow(c, g->d);
			goto out;
		}
	}
	stap_sdata_add(stap_eval(e), g->nhist, &g->d->stat, v,
		       g->d->flags & STAP_MAP_VARIANCE);
out:
	raw_spin_unlock_irqrestore(&st->lock, flags);
}
EXPORT_SYMBOL_GPL(stap_stat_add);

/*
 * Every CPU's data of one key into out.  A scalar statistic aggregates its
 * variance over all CPUs at once, a keyed one pairwise in CPU order: the
 * integer results are SystemTap's.  For the scalar case
 * S1 = sum(n_i * (a_i - A)^2) is expanded so that one pass suffices; the
 * arithmetic is modulo 2^64, so the result is the same.
 */
static bool stat_gather(struct stap_gmap *g, const union stap_key *k,
			struct stap_sdata *out)
{
	bool scalar = !g->d->nkeys;
	u64 p1 = 0, p2 = 0, s2 = 0;
	unsigned long flags;
	unsigned int cpu;
	u32 h, i;

	memset(out, 0, struct_size(out, hist, g->nhist));
	h = stap_store_hash(g->main, k);
	for_each_possible_cpu(cpu) {
		struct stap_store *st = g->pcpu[cpu];
		const struct stap_sdata *sd;
		struct stap_map_entry *e;

		raw_spin_lock_irqsave(&st->lock, flags);
		e = stap_store_find(st, k, h);
		sd = e ? stap_eval(e) : NULL;
		if (!sd || !sd->count) {
			/* nothing */
		} else if (!scalar) {
			stap_sdata_merge(out, sd, g->nhist);
		} else {
			if (!out->count || sd->min < out->min)
				out->min = sd->min;
			if (!out->count || sd->max > out->max)
				out->max = sd->max;
			out->count += sd->count;
			out->sum = (s64)((u64)out->sum + (u64)sd->sum);
			p1 += (u64)sd->count * (u64)sd->avg_s;
			p2 += (u64)sd->count * sq(sd->avg_s);
			s2 += (u64)(sd->count - 1) * (u64)sd->var_s;
			for (i = 0; i < g->nhist; i++)
				out->hist[i] += sd->hist[i];
		}
		raw_spin_unlock_irqrestore(&st->lock, flags);
	}
	if (scalar && out->count) {
		u64 a = out->avg_s = stap_div(out->sum, out->count);
		u64 s1 = p2 - 2 * a * p1 + a * a * (u64)out->count;

		out->var_s = stap_div(s1 + s2, out->count - 1);
	}
	return out->count != 0;
}

/* The map's aggregate store := every CPU's entries merged; iter_lock held. */
int stap_stat_aggregate(struct stap_context *c, struct stap_gmap *g)
{
	union stap_key k[STAP_MAXKEYS];
	struct stap_store *agg = g->main;
	unsigned long flags;
	unsigned int cpu;
	int rc = 0;

	stap_store_clear(agg);
	for_each_possible_cpu(cpu) {
		struct stap_store *st = g->pcpu[cpu];
		struct stap_map_entry *e, *a;

		raw_spin_lock_irqsave(&st->lock, flags);
		list_for_each_entry(e, &st->live, list) {
			stap_entry_keys(e, k);
			a = stap_store_find(agg, k, e->hash);
			if (!a) {
				a = stap_store_insert(agg, k, e->hash, e->seq);
				if (!a) {
					stap_map_overflow(c, g->d);
					rc = -ENOSPC;
					break;
				}
			}
			if (e->seq < a->seq)
				a->seq = e->seq;
			stap_sdata_merge(stap_eval(a), stap_eval(e), g->nhist);
		}
		raw_spin_unlock_irqrestore(&st->lock, flags);
		if (rc)
			break;
	}
	return rc;
}

bool stap_stat_get(struct stap_context *c, u32 map, const union stap_key *k,
		   struct stap_stat *out)
{
	struct stap_gmap *g = stap_gmap(c, map, STAP_STATS);
	struct stap_sdata *sd;

	memset(out, 0, sizeof(*out));
	if (!g)
		return false;
	sd = g->scratch[smp_processor_id()];
	stat_gather(g, k, sd);
	out->count = sd->count;
	out->sum = sd->sum;
	out->min = sd->min;
	out->max = sd->max;
	out->nbuckets = g->nhist;
	out->buckets = g->nhist ? sd->hist : NULL;
	return sd->count != 0;
}
EXPORT_SYMBOL_GPL(stap_stat_get);

s64 stap_stat_variance(struct stap_context *c, u32 map,
		       const union stap_key *k)
{
	struct stap_gmap *g = stap_gmap(c, map, STAP_STATS);
	struct stap_sdata *sd;

	if (!g)
		return 0;
	sd = g->scratch[smp_processor_id()];
	return stat_gather(g, k, sd) ? sd->var_s : 0;
}
EXPORT_SYMBOL_GPL(stap_stat_variance);

u32 stap_stat_hist_nbuckets(struct stap_context *c, u32 map)
{
	struct stap_gmap *g = stap_gmap(c, map, STAP_STATS);

	return g ? g->nhist : 0;
}
EXPORT_SYMBOL_GPL(stap_stat_hist_nbuckets);

s64 stap_stat_hist_bucket(struct stap_context *c, u32 map,
			  const union stap_key *k, s64 i)
{
	struct stap_gmap *g = stap_gmap(c, map, STAP_STATS);
	unsigned long flags;
	unsigned int cpu;
	s64 n = 0;
	u32 h;

	if (!g)
		return 0;
	if (i < 0 || i >= g->nhist) {
		c->last_error = "histogram index out of range";
		return 0;
	}
	h = stap_store_hash(g->main, k);
	for_each_possible_cpu(cpu) {
		struct stap_store *st = g->pcpu[cpu];
		struct stap_map_entry *e;

		raw_spin_lock_irqsave(&st->lock, flags);
		e = stap_store_find(st, k, h);
		if (e)
			n += ((struct stap_sdata *)stap_eval(e))->hist[i];
		raw_spin_unlock_irqrestore(&st->lock, flags);
	}
	return n;
}
EXPORT_SYMBOL_GPL(stap_stat_hist_bucket);

void stap_stat_print_hist(struct stap_context *c, u32 map,
			  const union stap_key *k)
{
	struct stap_gmap *g = stap_gmap(c, map, STAP_STATS);
	struct stap_sdata *sd;

	if (!g || !g->nhist)
		return;
	sd = g->scratch[smp_processor_id()];
	stat_gather(g, k, sd);
	stap_hist_render(c, NULL, 0, &g->d->stat, g->nhist, sd->hist);
}
EXPORT_SYMBOL_GPL(stap_stat_print_hist);

void stap_stat_sprint_hist(struct stap_context *c, u32 map,
			   const union stap_key *k, char *out, size_t size)
{
	struct stap_gmap *g = stap_gmap(c, map, STAP_STATS);
	struct stap_sdata *sd;

	if (size)
		out[0] = '\0';
	if (!g || !g->nhist || !size)
		return;
	sd = g->scratch[smp_processor_id()];
	stat_gather(g, k, sd);
	stap_hist_render(NULL, out, size, &g->d->stat, g->nhist, sd->hist);
}
EXPORT_SYMBOL_GPL(stap_stat_sprint_hist);

void stap_entry_stat(const struct stap_map_entry *e, struct stap_stat *out)
{
	const struct stap_sdata *sd = stap_eval(e);

	memset(out, 0, sizeof(*out));
	if (e->st->d->value_type != STAP_STATS)
		return;
	out->count = sd->count;
	out->sum = sd->sum;
	out->min = sd->min;
	out->max = sd->max;
	out->nbuckets = e->st->nhist;
	out->buckets = e->st->nhist ? sd->hist : NULL;
}
EXPORT_SYMBOL_GPL(stap_entry_stat);
