// SPDX-License-Identifier: GPL-2.0
/*
 * kmod/map_store.c - map storage: preallocated entries, a hash table and an
 * insertion-order list per map, allocated at session registration.
 */
#include "runtime.h"
#include "map_store.h"

#include <linux/cpumask.h>
#include <linux/jhash.h>
#include <linux/log2.h>
#include <linux/overflow.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/topology.h>

#define STAP_MAXSTRINGLEN_CAP	65536

int stap_store_init(struct stap_store *st, const struct stap_map_desc *d,
		    u32 max, u32 maxstr, u32 nhist, atomic64_t *seq, int node)
{
	size_t off = sizeof(struct stap_map_entry), vsize, hsize;
	u32 i;

	memset(st, 0, sizeof(*st));
	st->d = d;
	st->max = max;
	st->maxstr = maxstr;
	st->nhist = nhist;
	st->seq = seq;
	INIT_LIST_HEAD(&st->live);
	INIT_LIST_HEAD(&st->free);
	raw_spin_lock_init(&st->lock);

	for (i = 0; i < d->nkeys; i++) {
		st->koff[i] = off;
		off += d->key_types[i] == STAP_STRING ? ALIGN(maxstr, 8) : 8;
	}
	st->voff = off;
	if (d->value_type == STAP_STATS)
		vsize = struct_size((struct stap_sdata *)NULL, hist, nhist);
	else if (d->value_type == STAP_STRING)
		vsize = ALIGN(maxstr, 8);
	else
		vsize = 8;
	st->esize = ALIGN(off + vsize, 8);

	hsize = roundup_pow_of_two(max);
	st->hmask = hsize - 1;
	st->hash = kvmalloc_node(array_size(hsize, sizeof(*st->hash)),
				 GFP_KERNEL | __GFP_ZERO, node);
	st->pool = kvmalloc_node(array_size(max, st->esize),
				 GFP_KERNEL | __GFP_ZERO, node);
	if (!st->hash || !st->pool) {
		stap_store_free(st);
		return -ENOMEM;
	}
	for (i = 0; i < max; i++) {
		struct stap_map_entry *e = st->pool + (size_t)i * st->esize;

		e->st = st;
		list_add_tail(&e->list, &st->free);
	}
	return 0;
}

void stap_store_free(struct stap_store *st)
{
	kvfree(st->pool);
	kvfree(st->hash);
	st->pool = NULL;
	st->hash = NULL;
}

static inline const char *kstr(const union stap_key *k, u32 i)
{
	return k[i].s ? k[i].s : "";
}

u32 stap_store_hash(const struct stap_store *st, const union stap_key *k)
{
	const struct stap_map_desc *d = st->d;
	u32 h = d->nkeys, i;

	for (i = 0; i < d->nkeys; i++) {
		if (d->key_types[i] == STAP_STRING) {
			const char *s = kstr(k, i);

			h = jhash(s, strnlen(s, st->maxstr - 1), h);
		} else {
			h = jhash_2words((u32)k[i].l, (u32)((u64)k[i].l >> 32),
					 h);
		}
	}
	return h;
}

static bool key_eq(const struct stap_map_entry *e, const union stap_key *k,
		   u32 i)
{
	if (e->st->d->key_types[i] == STAP_STRING)
		return !strncmp(stap_ekey_str(e, i), kstr(k, i),
				e->st->maxstr - 1);
	return *stap_ekey_long(e, i) == k[i].l;
}

/* Do e's keys equal k's, ignoring the keys whose bit is set in wild? */
bool stap_store_match(const struct stap_map_entry *e, const union stap_key *k,
		      u32 wild)
{
	u32 i;

	for (i = 0; i < e->st->d->nkeys; i++)
		if (!(wild & (1U << i)) && !key_eq(e, k, i))
			return false;
	return true;
}

struct stap_map_entry *stap_store_find(const struct stap_store *st,
				       const union stap_key *k, u32 hash)
{
	struct stap_map_entry *e;

	hlist_for_each_entry(e, &st->hash[hash & st->hmask], hnode)
		if (e->hash == hash && stap_store_match(e, k, 0))
			return e;
	return NULL;
}

void stap_store_del(struct stap_store *st, struct stap_map_entry *e)
{
	hlist_del(&e->hnode);
	list_move(&e->list, &st->free);
	st->count--;
}

/*
 * A new entry for k, value zeroed; the oldest is recycled for a wrapping
 * map.  NULL: the map is full.
 */
struct stap_map_entry *stap_store_insert(struct stap_store *st,
					 const union stap_key *k, u32 hash,
					 u64 seq)
{
	const struct stap_map_desc *d = st->d;
	struct stap_map_entry *e;
	u32 i;

	if (list_empty(&st->free)) {
		if (!(d->flags & STAP_MAP_WRAP) || list_empty(&st->live))
			return NULL;
		stap_store_del(st, list_first_entry(&st->live,
						    struct stap_map_entry,
						    list));
	}
	e = list_first_entry(&st->free, struct stap_map_entry, list);
	list_move_tail(&e->list, &st->live);
	st->count++;
	e->hash = hash;
	e->seq = seq;
	e->snext = NULL;
	for (i = 0; i < d->nkeys; i++) {
		if (d->key_types[i] == STAP_STRING)
			strscpy(stap_ekey_str(e, i), kstr(k, i), st->maxstr);
		else
			*stap_ekey_long(e, i) = k[i].l;
	}
	memset(stap_eval(e), 0, st->esize - st->voff);
	hlist_add_head(&e->hnode, &st->hash[hash & st->hmask]);
	return e;
}

void stap_store_clear(struct stap_store *st)
{
	struct stap_map_entry *e, *tmp;

	list_for_each_entry_safe(e, tmp, &st->live, list)
		stap_store_del(st, e);
}

/* The keys of an entry as a key array (strings point into the entry). */
void stap_entry_keys(const struct stap_map_entry *e, union stap_key *k)
{
	u32 i;

	for (i = 0; i < e->st->d->nkeys; i++) {
		if (e->st->d->key_types[i] == STAP_STRING)
			k[i].s = stap_ekey_str(e, i);
		else
			k[i].l = *stap_ekey_long(e, i);
	}
}

void stap_map_overflow(struct stap_context *c, const struct stap_map_desc *d)
{
	if (d->flags & STAP_MAP_SIZED)
		snprintf(c->error_buf, sizeof(c->error_buf),
			 "Array overflow, check size limit (%u)",
			 d->max_entries);
	else
		strscpy(c->error_buf, "Array overflow, check MAXMAPENTRIES",
			sizeof(c->error_buf));
	c->last_error = c->error_buf;
}

/* The map a handler names, checked; vtype 0 accepts any value type. */
struct stap_gmap *stap_gmap(struct stap_context *c, u32 map, u32 vtype)
{
	struct stap_session *s = c->session;

	if (unlikely(map >= s->nmaps ||
		     (vtype && s->maps[map].d->value_type != vtype))) {
		c->last_error = "invalid map access";
		return NULL;
	}
	return &s->maps[map];
}

static int stap_desc_check(const struct stap_module *m,
			   const struct stap_map_desc *d, u32 *nhist)
{
	u32 i;

	*nhist = 0;
	if (d->nkeys > STAP_MAXKEYS)
		return -EINVAL;
	for (i = 0; i < d->nkeys; i++)
		if (d->key_types[i] != STAP_LONG &&
		    d->key_types[i] != STAP_STRING)
			return -EINVAL;
	switch (d->value_type) {
	case STAP_LONG:
	case STAP_STRING:
		return d->nkeys ? 0 : -EINVAL;
	case STAP_STATS:
		if (d->stat.hist_type == STAP_HIST_NONE)
			return 0;
		*nhist = stap_hist_nbuckets(&d->stat);
		return *nhist ? 0 : -EINVAL;
	}
	return -EINVAL;
}

static void stap_gmap_free(struct stap_gmap *g)
{
	unsigned int cpu;

	if (g->pcpu) {
		for_each_possible_cpu(cpu) {
			if (g->pcpu[cpu])
				stap_store_free(g->pcpu[cpu]);
			kfree(g->pcpu[cpu]);
		}
		kfree(g->pcpu);
	}
	if (g->scratch) {
		for_each_possible_cpu(cpu)
			kfree(g->scratch[cpu]);
		kfree(g->scratch);
	}
	if (g->main)
		stap_store_free(g->main);
	kfree(g->main);
	kvfree(g->index);
}

static int stap_gmap_init(struct stap_gmap *g, const struct stap_map_desc *d,
			  u32 maxstr, u32 nhist)
{
	u32 max = d->nkeys ? (d->max_entries ? d->max_entries : MAXMAPENTRIES)
			   : 1;
	unsigned int cpu;
	int rc;

	g->d = d;
	g->nhist = nhist;
	raw_spin_lock_init(&g->iter_lock);
	atomic64_set(&g->seq, 0);
	g->main = kzalloc(sizeof(*g->main), GFP_KERNEL);
	g->index = kvcalloc(max, sizeof(*g->index), GFP_KERNEL);
	if (!g->main || !g->index)
		return -ENOMEM;
	rc = stap_store_init(g->main, d, max, maxstr, nhist, &g->seq,
			     NUMA_NO_NODE);
	if (rc) {
		kfree(g->main);
		g->main = NULL;
		return rc;
	}
	if (d->value_type != STAP_STATS)
		return 0;

	g->pcpu = kcalloc(nr_cpu_ids, sizeof(*g->pcpu), GFP_KERNEL);
	g->scratch = kcalloc(nr_cpu_ids, sizeof(*g->scratch), GFP_KERNEL);
	if (!g->pcpu || !g->scratch)
		return -ENOMEM;
	for_each_possible_cpu(cpu) {
		int node = cpu_to_node(cpu);

		g->scratch[cpu] = kzalloc_node(struct_size(g->scratch[cpu],
							    hist, nhist),
					       GFP_KERNEL, node);
		g->pcpu[cpu] = kzalloc_node(sizeof(*g->pcpu[cpu]), GFP_KERNEL,
					    node);
		if (!g->scratch[cpu] || !g->pcpu[cpu])
			return -ENOMEM;
		rc = stap_store_init(g->pcpu[cpu], d, max, maxstr, nhist,
				     &g->seq, node);
		if (rc) {
			kfree(g->pcpu[cpu]);
			g->pcpu[cpu] = NULL;
			return rc;
		}
	}
	return 0;
}

/* Preallocate every global of the module; undone by stap_maps_free(). */
int stap_maps_init(struct stap_session *s)
{
	const struct stap_module *m = s->m;
	u32 maxstr = m->maxstringlen ? m->maxstringlen : MAXSTRINGLEN;
	u32 i, nhist;
	int rc;

	if (!m->nmaps)
		return 0;
	if (!m->maps || maxstr < 2 || maxstr > STAP_MAXSTRINGLEN_CAP) {
		pr_err("%s: bad map table (maxstringlen %u)\n", s->name,
		       m->maxstringlen);
		return -EINVAL;
	}
	for (i = 0; i < m->nmaps; i++) {
		rc = stap_desc_check(m, &m->maps[i], &nhist);
		if (rc) {
			pr_err("%s: global %s has an invalid description\n",
			       s->name, m->maps[i].name ? m->maps[i].name : "?");
			return rc;
		}
	}
	s->maps = kcalloc(m->nmaps, sizeof(*s->maps), GFP_KERNEL);
	if (!s->maps)
		return -ENOMEM;
	s->nmaps = m->nmaps;
	for (i = 0; i < m->nmaps; i++) {
		stap_desc_check(m, &m->maps[i], &nhist);
		rc = stap_gmap_init(&s->maps[i], &m->maps[i], maxstr, nhist);
		if (rc) {
			pr_err("%s: cannot allocate global %s (%d)\n", s->name,
			       m->maps[i].name ? m->maps[i].name : "?", rc);
			return rc;
		}
	}
	return 0;
}

void stap_maps_free(struct stap_session *s)
{
	u32 i;

	if (!s->maps)
		return;
	for (i = 0; i < s->nmaps; i++)
		stap_gmap_free(&s->maps[i]);
	kfree(s->maps);
	s->maps = NULL;
	s->nmaps = 0;
}
