/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kmod/map_store.h - private layout of maps and statistics: preallocated
 * entries, hash table, insertion-order list, per-CPU statistic data.
 */
#ifndef _STAP_MAP_STORE_H
#define _STAP_MAP_STORE_H

#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <stap/stap.h>

#define STAP_HIST_LOG_BUCKETS	128
#define STAP_HIST_LOG_BUCKET0	64	/* the bucket of value 0 */
#define STAP_HIST_MAX_BUCKETS	128	/* linear: 1..126 rows + under/over */

/* One CPU's (or an aggregate's) data of one statistic. */
struct stap_sdata {
	s64 count, sum, min, max;
	s64 avg_s;		/* running mean, integer */
	s64 m2;			/* Welford's sum of squared deviations */
	s64 var_s;		/* m2 / (count - 1) */
	s64 hist[];		/* stap_store.nhist buckets */
};

struct stap_store;

struct stap_map_entry {
	struct hlist_node hnode;
	struct list_head list;		/* live: insertion order; else free */
	struct stap_map_entry *snext;	/* order built by stap_map_first() */
	const struct stap_store *st;
	u64 seq;			/* insertion order */
	u32 hash;
	u32 pad;
	u64 data[];			/* keys, then the value */
};

/* The storage of one map: every entry preallocated. */
struct stap_store {
	const struct stap_map_desc *d;
	u32 max;			/* entries */
	u32 count;			/* live entries */
	u32 maxstr;			/* string size incl. NUL */
	u32 nhist;			/* histogram buckets of a stats value */
	u32 esize;
	u32 koff[STAP_MAXKEYS];		/* key i: s64 or char[maxstr] */
	u32 voff;			/* s64, char[maxstr] or stap_sdata */
	u32 hmask;
	struct hlist_head *hash;
	struct list_head live;
	struct list_head free;
	void *pool;
	atomic64_t *seq;		/* shared by a statistic's CPUs */
	raw_spinlock_t lock;		/* per-CPU statistic stores */
};

/* One global of a session: struct stap_session.maps[i]. */
struct stap_gmap {
	const struct stap_map_desc *d;
	struct stap_store *main;	/* the map; stats: the aggregate */
	struct stap_store **pcpu;	/* stats: [nr_cpu_ids] */
	struct stap_sdata **scratch;	/* stats: [nr_cpu_ids] reads */
	struct stap_map_entry **index;	/* foreach sort, max entries */
	raw_spinlock_t iter_lock;	/* index, snext chain, aggregate */
	atomic64_t seq;
	u32 nhist;
	bool resorted;			/* a sort renumbered seq: see map.c */
};

static inline s64 *stap_ekey_long(const struct stap_map_entry *e, u32 i)
{
	return (s64 *)((char *)e + e->st->koff[i]);
}

static inline char *stap_ekey_str(const struct stap_map_entry *e, u32 i)
{
	return (char *)e + e->st->koff[i];
}

static inline void *stap_eval(const struct stap_map_entry *e)
{
	return (char *)e + e->st->voff;
}

/* Integer division as SystemTap's runtime does it: x / 0 is 0. */
static inline s64 stap_div(s64 x, s64 y)
{
	if (unlikely(!y))
		return 0;
	if (unlikely(y == -1))
		return (s64)(0 - (u64)x);
	return x / y;
}

/* map_store.c */
int stap_store_init(struct stap_store *st, const struct stap_map_desc *d,
		    u32 max, u32 maxstr, u32 nhist, atomic64_t *seq, int node);
void stap_store_free(struct stap_store *st);
u32 stap_store_hash(const struct stap_store *st, const union stap_key *k);
struct stap_map_entry *stap_store_find(const struct stap_store *st,
				       const union stap_key *k, u32 hash);
struct stap_map_entry *stap_store_insert(struct stap_store *st,
					 const union stap_key *k, u32 hash,
					 u64 seq);
void stap_store_del(struct stap_store *st, struct stap_map_entry *e);
void stap_store_clear(struct stap_store *st);
bool stap_store_match(const struct stap_map_entry *e, const union stap_key *k,
		      u32 wild);
void stap_entry_keys(const struct stap_map_entry *e, union stap_key *k);
void stap_map_overflow(struct stap_context *c, const struct stap_map_desc *d);
struct stap_gmap *stap_gmap(struct stap_context *c, u32 map, u32 vtype);

/* stat.c */
void stap_sdata_add(struct stap_sdata *sd, u32 nhist,
		    const struct stap_stat_desc *h, s64 v, bool variance);
void stap_sdata_merge(struct stap_sdata *dst, const struct stap_sdata *src,
		      u32 nhist);
s64 stap_sdata_field(const struct stap_sdata *sd, int field);
int stap_stat_aggregate(struct stap_context *c, struct stap_gmap *g);

/* hist.c */
u32 stap_hist_nbuckets(const struct stap_stat_desc *h);
void stap_hist_add(const struct stap_stat_desc *h, u32 n, s64 *hist, s64 v);
void stap_hist_render(struct stap_context *c, char *out, size_t size,
		      const struct stap_stat_desc *h, u32 n, const s64 *hist);

#endif /* _STAP_MAP_STORE_H */
