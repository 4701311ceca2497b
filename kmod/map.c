// SPDX-License-Identifier: GPL-2.0
/*
 * kmod/map.c - global arrays of the handler ABI: get, set, exists, delete,
 * clear, size, and foreach (sorted or in insertion order, with slices).
 */
#include "runtime.h"
#include "map_store.h"

#include <linux/cpumask.h>
#include <linux/sort.h>
#include <linux/string.h>

static struct stap_map_entry *lookup(struct stap_gmap *g,
				     const union stap_key *k)
{
	return stap_store_find(g->main, k, stap_store_hash(g->main, k));
}

/* The entry for k, created (zeroed) if absent; NULL and an error if full. */
static struct stap_map_entry *lookup_new(struct stap_context *c,
					 struct stap_gmap *g,
					 const union stap_key *k)
{
	u32 h = stap_store_hash(g->main, k);
	struct stap_map_entry *e = stap_store_find(g->main, k, h);

	if (e)
		return e;
	e = stap_store_insert(g->main, k, h, atomic64_inc_return(&g->seq));
	if (!e)
		stap_map_overflow(c, g->d);
	return e;
}

s64 stap_map_get_long(struct stap_context *c, u32 map, const union stap_key *k)
{
	struct stap_gmap *g = stap_gmap(c, map, STAP_LONG);
	struct stap_map_entry *e;

	if (!g)
		return 0;
	e = lookup(g, k);
	return e ? *(s64 *)stap_eval(e) : 0;
}
EXPORT_SYMBOL_GPL(stap_map_get_long);

void stap_map_get_str(struct stap_context *c, u32 map, const union stap_key *k,
		      char *out)
{
	struct stap_gmap *g = stap_gmap(c, map, STAP_STRING);
	struct stap_map_entry *e;

	out[0] = '\0';
	if (!g)
		return;
	e = lookup(g, k);
	if (e)
		strscpy(out, stap_eval(e), g->main->maxstr);
}
EXPORT_SYMBOL_GPL(stap_map_get_str);

void stap_map_set_long(struct stap_context *c, u32 map,
		       const union stap_key *k, s64 v)
{
	struct stap_gmap *g = stap_gmap(c, map, STAP_LONG);
	struct stap_map_entry *e;

	if (!g)
		return;
	e = lookup_new(c, g, k);
	if (e)
		*(s64 *)stap_eval(e) = v;
}
EXPORT_SYMBOL_GPL(stap_map_set_long);

void stap_map_set_str(struct stap_context *c, u32 map,
		      const union stap_key *k, const char *v)
{
	struct stap_gmap *g = stap_gmap(c, map, STAP_STRING);
	struct stap_map_entry *e;

	if (!g)
		return;
	e = lookup_new(c, g, k);
	if (e)
		strscpy(stap_eval(e), v ? v : "", g->main->maxstr);
}
EXPORT_SYMBOL_GPL(stap_map_set_str);

static bool store_exists(struct stap_store *st, const union stap_key *k,
			 u32 wild)
{
	struct stap_map_entry *e;

	if (!wild)
		return stap_store_find(st, k, stap_store_hash(st, k));
	list_for_each_entry(e, &st->live, list)
		if (stap_store_match(e, k, wild))
			return true;
	return false;
}

static void store_delete(struct stap_store *st, const union stap_key *k,
			 u32 wild)
{
	struct stap_map_entry *e, *tmp;

	if (!wild) {
		e = stap_store_find(st, k, stap_store_hash(st, k));
		if (e)
			stap_store_del(st, e);
		return;
	}
	list_for_each_entry_safe(e, tmp, &st->live, list)
		if (stap_store_match(e, k, wild))
			stap_store_del(st, e);
}

bool stap_map_exists(struct stap_context *c, u32 map, const union stap_key *k,
		     u32 wild)
{
	struct stap_gmap *g = stap_gmap(c, map, 0);
	unsigned long flags;
	unsigned int cpu;
	bool found = false;

	if (!g)
		return false;
	wild &= (1U << g->d->nkeys) - 1;
	if (!g->pcpu)
		return store_exists(g->main, k, wild);
	for_each_possible_cpu(cpu) {
		struct stap_store *st = g->pcpu[cpu];

		raw_spin_lock_irqsave(&st->lock, flags);
		found = store_exists(st, k, wild);
		raw_spin_unlock_irqrestore(&st->lock, flags);
		if (found)
			break;
	}
	return found;
}
EXPORT_SYMBOL_GPL(stap_map_exists);

void stap_map_delete(struct stap_context *c, u32 map, const union stap_key *k,
		     u32 wild)
{
	struct stap_gmap *g = stap_gmap(c, map, 0);
	unsigned long flags;
	unsigned int cpu;

	if (!g)
		return;
	wild &= (1U << g->d->nkeys) - 1;
	if (!g->pcpu) {
		store_delete(g->main, k, wild);
		return;
	}
	for_each_possible_cpu(cpu) {
		struct stap_store *st = g->pcpu[cpu];

		raw_spin_lock_irqsave(&st->lock, flags);
		store_delete(st, k, wild);
		raw_spin_unlock_irqrestore(&st->lock, flags);
	}
}
EXPORT_SYMBOL_GPL(stap_map_delete);

void stap_map_clear(struct stap_context *c, u32 map)
{
	struct stap_gmap *g = stap_gmap(c, map, 0);
	unsigned long flags;
	unsigned int cpu;

	if (!g)
		return;
	if (!g->pcpu) {
		stap_store_clear(g->main);
		return;
	}
	for_each_possible_cpu(cpu) {
		struct stap_store *st = g->pcpu[cpu];

		raw_spin_lock_irqsave(&st->lock, flags);
		stap_store_clear(st);
		raw_spin_unlock_irqrestore(&st->lock, flags);
	}
}
EXPORT_SYMBOL_GPL(stap_map_clear);

u32 stap_map_size(struct stap_context *c, u32 map)
{
	struct stap_gmap *g = stap_gmap(c, map, 0);
	unsigned long flags;
	u32 n;

	if (!g)
		return 0;
	if (!g->pcpu)
		return g->main->count;
	/* Distinct keys over every CPU: count them in the aggregate. */
	raw_spin_lock_irqsave(&g->iter_lock, flags);
	stap_stat_aggregate(c, g);
	n = g->main->count;
	raw_spin_unlock_irqrestore(&g->iter_lock, flags);
	return n;
}
EXPORT_SYMBOL_GPL(stap_map_size);

/* foreach */

struct sort_spec {
	int by;		/* -1: order only, 0: value, 1..nkeys: key by-1 */
	int dir;	/* 1 ascending, -1 descending */
	int field;	/* stats value: enum stap_stat_field */
};

static int cmp_long(s64 a, s64 b)
{
	return a < b ? -1 : a > b;
}

/*
 * Ties keep insertion order whatever the direction (a stable sort); for a
 * statistic, as in SystemTap, the aggregate's order is the reverse of the
 * first insertions.
 */
static int entry_cmp(const void *pa, const void *pb, const void *priv)
{
	const struct stap_map_entry *a = *(const struct stap_map_entry **)pa;
	const struct stap_map_entry *b = *(const struct stap_map_entry **)pb;
	const struct sort_spec *sp = priv;
	const struct stap_map_desc *d = a->st->d;
	int r = 0;

	if (sp->by < 0) {
		/* the order alone: seq */
	} else if (sp->by) {
		u32 i = sp->by - 1;

		if (d->key_types[i] == STAP_STRING)
			r = strcmp(stap_ekey_str(a, i), stap_ekey_str(b, i));
		else
			r = cmp_long(*stap_ekey_long(a, i),
				     *stap_ekey_long(b, i));
	} else if (d->value_type == STAP_STRING) {
		r = strcmp(stap_eval(a), stap_eval(b));
	} else if (d->value_type == STAP_STATS) {
		r = cmp_long(stap_sdata_field(stap_eval(a), sp->field),
			     stap_sdata_field(stap_eval(b), sp->field));
	} else {
		r = cmp_long(*(s64 *)stap_eval(a), *(s64 *)stap_eval(b));
	}
	if (r)
		return sp->dir < 0 ? -r : r;
	r = a->seq < b->seq ? -1 : a->seq > b->seq;
	return d->value_type == STAP_STATS ? -r : r;
}

/*
 * SystemTap sorts the map itself, so the order a sorted foreach leaves is
 * the order of the next unsorted one, and breaks the ties of the next sort:
 * renumber the entries' seq in sorted order (entries added later still come
 * after them).  The live list keeps insertion order, for readers that walk
 * it under the read lock.
 */
static void stap_map_keep_order(struct stap_gmap *g, u32 n)
{
	u64 base = atomic64_add_return(n, &g->seq) - n;
	u32 i;

	for (i = 0; i < n; i++)
		g->index[i]->seq = base + i + 1;
	g->resorted = true;
}

/*
 * Build the iteration order into the snext chain.  The index array and the
 * aggregate are shared by the map's readers, so this is serialised; an
 * iteration that overlaps another CPU's stap_map_first() of the same map
 * (which the locking contract forbids) sees a garbled order, never freed
 * memory.
 */
struct stap_map_entry *stap_map_first(struct stap_context *c, u32 map, int by,
				      int dir, int stat_field,
				      const union stap_key *slice, u32 wild)
{
	struct stap_gmap *g = stap_gmap(c, map, 0);
	struct sort_spec sp = { .by = by, .dir = dir, .field = stat_field };
	struct stap_map_entry *e, *first = NULL;
	unsigned long flags;
	u32 n = 0, i;

	if (!g)
		return NULL;
	if (by < 0 || by > (int)g->d->nkeys) {
		c->last_error = "invalid foreach sort key";
		return NULL;
	}
	wild &= (1U << g->d->nkeys) - 1;
	if (slice && wild == (1U << g->d->nkeys) - 1)
		slice = NULL;

	raw_spin_lock_irqsave(&g->iter_lock, flags);
	if (g->pcpu && stap_stat_aggregate(c, g))
		goto out;
	list_for_each_entry(e, &g->main->live, list) {
		if (slice && !stap_store_match(e, slice, wild))
			continue;
		if (n == g->main->max)
			break;
		g->index[n++] = e;
	}
	if (dir) {
		sort_r(g->index, n, sizeof(*g->index), entry_cmp, NULL, &sp);
		if (!g->pcpu && !slice && n == g->main->count)
			stap_map_keep_order(g, n);
	} else if (g->pcpu || g->resorted) {
		/*
		 * The aggregate's list is per CPU: order by first insertion.
		 * A sorted map: by the order its last sort left.
		 */
		sp.by = -1;
		sort_r(g->index, n, sizeof(*g->index), entry_cmp, NULL, &sp);
	}
	for (i = 0; i < n; i++)
		g->index[i]->snext = i + 1 < n ? g->index[i + 1] : NULL;
	first = n ? g->index[0] : NULL;
out:
	raw_spin_unlock_irqrestore(&g->iter_lock, flags);
	return first;
}
EXPORT_SYMBOL_GPL(stap_map_first);

struct stap_map_entry *stap_map_next(struct stap_context *c, u32 map,
				     struct stap_map_entry *e)
{
	return e ? READ_ONCE(e->snext) : NULL;
}
EXPORT_SYMBOL_GPL(stap_map_next);

s64 stap_entry_key_long(const struct stap_map_entry *e, u32 i)
{
	if (i >= e->st->d->nkeys || e->st->d->key_types[i] != STAP_LONG)
		return 0;
	return *stap_ekey_long(e, i);
}
EXPORT_SYMBOL_GPL(stap_entry_key_long);

const char *stap_entry_key_str(const struct stap_map_entry *e, u32 i)
{
	if (i >= e->st->d->nkeys || e->st->d->key_types[i] != STAP_STRING)
		return "";
	return stap_ekey_str(e, i);
}
EXPORT_SYMBOL_GPL(stap_entry_key_str);

s64 stap_entry_long(const struct stap_map_entry *e)
{
	if (e->st->d->value_type != STAP_LONG)
		return 0;
	return *(s64 *)stap_eval(e);
}
EXPORT_SYMBOL_GPL(stap_entry_long);

const char *stap_entry_str(const struct stap_map_entry *e)
{
	if (e->st->d->value_type != STAP_STRING)
		return "";
	return stap_eval(e);
}
EXPORT_SYMBOL_GPL(stap_entry_str);
