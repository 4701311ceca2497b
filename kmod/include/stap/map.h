/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kmod/include/stap/map.h - global arrays and statistics (part of the
 * handler ABI, included by stap.h).
 *
 * Every global array of a script, and every global statistic (a scalar
 * statistic is a map with no keys), is described by a struct stap_map_desc
 * in struct stap_module.maps; the runtime preallocates its storage at
 * registration (no allocation in probe context) and handlers address it by
 * its index in that array.
 *
 * Errors (array overflow, empty aggregate, histogram index out of range)
 * set c->last_error; the caller checks it after the call, sets
 * c->last_stmt and unwinds.  Locking: the runtime's session lock as
 * declared by the probe flags covers maps: set/delete/clear need
 * STAP_PF_LOCK_WRITE, get/exists/iteration STAP_PF_LOCK_READ.  Statistics
 * are per CPU: stap_stat_add() needs only STAP_PF_LOCK_READ (the runtime
 * serialises per-CPU storage itself); reading a statistic aggregates all
 * CPUs.
 */
#ifndef _STAP_MAP_H
#define _STAP_MAP_H

#include <linux/types.h>

#define STAP_MAXKEYS		9

/* Key and value types. */
enum stap_vtype {
	STAP_LONG = 1,
	STAP_STRING,
	STAP_STATS,
};

enum stap_hist_type {
	STAP_HIST_NONE,
	STAP_HIST_LOG,		/* @hist_log */
	STAP_HIST_LINEAR,	/* @hist_linear(s, start, stop, interval) */
};

/* Which histogram a statistic keeps; fixed at compile time. */
struct stap_stat_desc {
	u32 hist_type;			/* enum stap_hist_type */
	s64 start, stop, interval;	/* STAP_HIST_LINEAR */
};

/* struct stap_map_desc.flags */
#define STAP_MAP_WRAP		0x1	/* global a%[N]: overwrite the oldest */
#define STAP_MAP_SIZED		0x2	/* global a[N]: N given by the script */
#define STAP_MAP_VARIANCE	0x4	/* statistics: @variance is read, so
					 * each <<< keeps it (two divisions) */

struct stap_map_desc {
	const char *name;		/* the script's name, for messages */
	u32 nkeys;			/* 0: a scalar statistic */
	u8 key_types[STAP_MAXKEYS];	/* STAP_LONG or STAP_STRING */
	u8 value_type;			/* STAP_LONG, STAP_STRING, STAP_STATS */
	u32 flags;			/* STAP_MAP_* */
	u32 max_entries;		/* N of a[N], else MAXMAPENTRIES */
	struct stap_stat_desc stat;	/* value_type == STAP_STATS */
};

/* One key component; strings are NUL-terminated, truncated to maxstringlen. */
union stap_key {
	s64 l;
	const char *s;
};

/* An aggregated statistic: every CPU's data of one key merged. */
struct stap_stat {
	s64 count, sum, min, max;	/* min/max undefined when count == 0 */
	u32 nbuckets;			/* histogram buckets, 0 if none */
	const s64 *buckets;		/* valid until the handler returns */
};

/* Scalar access; an absent key reads as 0 or "". */
s64 stap_map_get_long(struct stap_context *c, u32 map, const union stap_key *k);
void stap_map_get_str(struct stap_context *c, u32 map, const union stap_key *k,
		      char *out);	/* out: maxstringlen bytes */
void stap_map_set_long(struct stap_context *c, u32 map,
		       const union stap_key *k, s64 v);
void stap_map_set_str(struct stap_context *c, u32 map,
		      const union stap_key *k, const char *v);
/* k in a, [k1, k2] in a; bit i of wild set: key i is '*' (slices). */
bool stap_map_exists(struct stap_context *c, u32 map, const union stap_key *k,
		     u32 wild);
/* delete a[k] (wild as above); delete a (every entry) is stap_map_clear. */
void stap_map_delete(struct stap_context *c, u32 map, const union stap_key *k,
		     u32 wild);
void stap_map_clear(struct stap_context *c, u32 map);
u32 stap_map_size(struct stap_context *c, u32 map);

/* Statistics: s <<< v, a[k] <<< v, and the extractors. */
void stap_stat_add(struct stap_context *c, u32 map, const union stap_key *k,
		   s64 v);
/* false (and out->count == 0) when nothing was ever added for k. */
bool stap_stat_get(struct stap_context *c, u32 map, const union stap_key *k,
		   struct stap_stat *out);
/* @variance, SystemTap's integer formula. */
s64 stap_stat_variance(struct stap_context *c, u32 map,
		       const union stap_key *k);
/* print(@hist_log(s)) / @hist_linear: SystemTap's ASCII chart. */
void stap_stat_print_hist(struct stap_context *c, u32 map,
			  const union stap_key *k);
/* sprint(@hist_*(s)): the same chart into out (size bytes, truncated). */
void stap_stat_sprint_hist(struct stap_context *c, u32 map,
			   const union stap_key *k, char *out, size_t size);
/* foreach (i in @hist_*(s)): buckets of every key's histogram, 0: none. */
u32 stap_stat_hist_nbuckets(struct stap_context *c, u32 map);
/* @hist_*(s)[i]: bucket count; "histogram index out of range" error. */
s64 stap_stat_hist_bucket(struct stap_context *c, u32 map,
			  const union stap_key *k, s64 i);

/*
 * foreach.  stap_map_first() sorts (in place, under the write lock or a
 * read lock held by the only reader) and returns the first entry, or NULL;
 * for a statistics map it iterates an aggregated snapshot.
 *   by:   0 = value (for stats: the extractor in stat_field), 1..9 = key
 *   dir:  0 = unsorted (insertion order), 1 = ascending, -1 = descending
 *   stat_field: STAP_STAT_COUNT (the default), _SUM, _MIN, _MAX, _AVG
 *   slice/wild: iterate only entries matching the non-wild keys, or NULL
 * limit is applied by the caller (it counts iterations).
 */
enum stap_stat_field {
	STAP_STAT_COUNT,
	STAP_STAT_SUM,
	STAP_STAT_MIN,
	STAP_STAT_MAX,
	STAP_STAT_AVG,
	STAP_STAT_VARIANCE,
};

struct stap_map_entry;

struct stap_map_entry *stap_map_first(struct stap_context *c, u32 map, int by,
				      int dir, int stat_field,
				      const union stap_key *slice, u32 wild);
struct stap_map_entry *stap_map_next(struct stap_context *c, u32 map,
				     struct stap_map_entry *e);
s64 stap_entry_key_long(const struct stap_map_entry *e, u32 i);
const char *stap_entry_key_str(const struct stap_map_entry *e, u32 i);
s64 stap_entry_long(const struct stap_map_entry *e);
const char *stap_entry_str(const struct stap_map_entry *e);
/* A statistics map entry's aggregated value. */
void stap_entry_stat(const struct stap_map_entry *e, struct stap_stat *out);

#endif /* _STAP_MAP_H */
