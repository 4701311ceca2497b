/* SPDX-License-Identifier: GPL-2.0 */
/*
 * translator/probe.h - probe families (one probe_*.c file per probe type,
 * see struct probe_family) and the probe point tree they are bound into
 * (SystemTap's match_node tree), shared by resolution (probes.c), target
 * variables (target.c), listing (probe_list.c) and the emitter.
 */
#ifndef _STAP_PROBE_H
#define _STAP_PROBE_H

#include "session.h"

struct perr;
struct sbuf;

/*
 * What a probe type offers for a $name in its bodies (target.c asks the
 * family): its type and the C that reads or writes it.
 */
struct target_var {
	enum type type;
	const char *get;	/* C expression; NULL: write-only */
	const char *set;	/* C statement format for '=' (%s: the value) */
	const char *append;	/* ... for '.=', or NULL */
	const char *raw;	/* C statement printing it byte for byte, or NULL */
	bool faults;		/* get may set c->last_error (a read fault) */
};

/*
 * A probe family: one probe_*.c file each, registered with PROBE_FAMILY().
 * Nothing else in the translator names it: the tree binds its points, the
 * resolver calls build, target.c calls target, the emitter calls the C
 * hooks.
 */
struct probe_family {
	const char *name;
	const char *const *points;	/* syntax: "timer.ms(number)", NULL-ended */
	/*
	 * Fill d for a point that matched points[d->variant]: d->rtype,
	 * d->flags, d->data, maybe d->pp_text.  1 built, 0 nothing to probe
	 * (a function that does not exist), -1 with *err set.
	 */
	int (*build)(struct session *s, struct probe_point *pp,
		     struct dprobe *d, struct perr *err);
	/*
	 * A $name in d's body: NULL with *tv filled, or SystemTap's message.
	 * op: the assignment or increment operator when it is written.  NULL
	 * hook: the type has no target variables.
	 */
	const char *(*target)(const struct dprobe *d, const struct expr *e,
			      const char *op, struct target_var *tv);
	/*
	 * A point whose argument is a pattern: the points it stands for,
	 * struct probe_point * each, in order (none: nothing matches).
	 * -1 with *err set.
	 */
	int (*expand)(struct session *s, struct probe_point *pp,
		      struct vec *out, struct perr *err);
	/* Checks across the family's probes, after resolution. */
	void (*check)(struct session *s);
	/* C: the #include of the type's args header, the args struct's
	 * declaration "struct stap_timer_args" and its initialisers. */
	const char *header;
	const char *prelude;	/* C once before the probe table, or NULL */
	const char *(*args_type)(const struct dprobe *d);
	void (*args_c)(struct session *s, const struct dprobe *d,
		       struct sbuf *out);
	/* C in the module init, before registration, for the args of d
	 * (named argsname); -errno returns refuse the load. */
	void (*init_c)(struct session *s, const struct dprobe *d,
		       const char *argsname, struct sbuf *out);
	/*
	 * The provider functions the module looks up at load, once per
	 * module when the family is used: rows of
	 * { "TYPE", "function", (void **)&pointer }.
	 */
	void (*symbols_c)(const struct probe_family *f, struct sbuf *rows);
	/* Its args change in the init: not const. */
	bool (*args_mutable)(const struct dprobe *d);
	/* -L: append d's context variables, " $name:type" each */
	void (*list_vars)(const struct dprobe *d, struct sbuf *out);
	const void *desc;	/* a described family's declaration */
	bool prefix;		/* its points match whatever follows */
	bool rechains;		/* SystemTap expands its bodies again after a
				 * change: a refusal is printed once a round */
	bool dollar_locals;	/* no target hook: $names stay plain locals,
				 * as in SystemTap's kprobe.function */
	bool members;		/* its target hook takes ->member, [N], & */
};

/* Families live in one linker section: adding one touches its file only. */
#define PROBE_FAMILY(var)						\
	static const struct probe_family var;				\
	static const struct probe_family *const var##_ptr		\
	__attribute__((used, section("stap_probe_families"))) = &var;	\
	static const struct probe_family var

extern const struct probe_family *const __start_stap_probe_families[];
extern const struct probe_family *const __stop_stap_probe_families[];
#define for_each_probe_family(f, pp)					\
	for (pp = __start_stap_probe_families;				\
	     pp < __stop_stap_probe_families && (f = *pp); pp++)

enum parg { PA_NONE, PA_NUM, PA_STR };

struct pnode {
	const char *name;
	enum parg arg;
	const struct probe_family *family;	/* builds when a point ends here */
	int variant;				/* its points[] index */
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
struct probe_point *pp_with_arg(const struct probe_point *pp, int i,
				const char *arg);

/* probe_described.c: the families tapset files declare (probe_type) */
const struct probe_family *described_family(struct session *s,
					    const struct ptype_decl *decl);

/* target.c: $names in a body of d, as d's family resolves them */
struct probe *target_body(struct dprobe *d, struct probe *body);
int pfail(struct perr *err, char *msg, const struct token *tok);

#endif /* _STAP_PROBE_H */
