/* SPDX-License-Identifier: GPL-2.0 */
/*
 * translator/probe.h - the probe point tree (SystemTap's match_node tree)
 * shared by probe resolution (probes.c), the probe types (probe_timer.c)
 * and listing (probe_list.c).
 */
#ifndef _STAP_PROBE_H
#define _STAP_PROBE_H

#include "session.h"

/* What a node of the tree builds when a probe point ends there. */
enum pbuild {
	PB_NONE,
	PB_BEGIN,
	PB_END,
	PB_ERROR,
	PB_NEVER,
	PB_TIMER,		/* timer.s/ms/us/ns/sec/msec/usec/nsec */
	PB_TIMER_HZ,
	PB_TIMER_JIFFIES,
	PB_TIMER_PROFILE,
	PB_TIMER_PROFILE_TICK,
	PB_KPROBE,
	PB_KRETPROBE,
	PB_PROCFS,		/* procfs[(path)][.umask(n)].read/.write... */
	PB_UNSUPPORTED,		/* SystemTap has it, stap does not yet */
};

enum parg { PA_NONE, PA_NUM, PA_STR };

struct pnode {
	const char *name;
	enum parg arg;
	enum pbuild build;
	struct vec aliases;	/* struct probe *: aliases named here */
	struct vec sub;		/* struct pnode *, sorted as SystemTap's keys */
};

/* A semantic error on its way up to "while resolving probe point". */
struct perr {
	char *msg;
	const struct token *tok;
};

/* probe_tree.c */
struct pnode *ptree_root(struct session *s);
struct pnode *pnode_find(struct pnode *n, const char *name, enum parg arg);
char *pnode_key(const struct pnode *n);		/* "ms(number)" */
char *pnode_suggest(const struct pnode *n, const char *name);
enum parg comp_arg(const struct component *c);

/* probe_alias.c */
struct probe *alias_combine(const struct probe *a, const struct probe *p);
struct probe *probe_with_cond(const struct probe *p, const struct expr *cond);
struct probe *probe_copy(const struct probe *p);
char *alias_text(const struct probe *a);

/* probe_timer.c: 1 built, -1 with *err set */
int build_timer(struct session *s, enum pbuild b, struct probe_point *pp,
		struct dprobe *d, struct perr *err);

/* probe_procfs.c: build 1, or -1 with *err set */
int build_procfs(struct probe_point *pp, struct dprobe *d, struct perr *err);
struct probe *procfs_body(struct dprobe *d, struct probe *body);
struct probe *notarget_body(struct probe *body);

#endif /* _STAP_PROBE_H */
