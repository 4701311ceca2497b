/* SPDX-License-Identifier: GPL-2.0 */
/*
 * translator/elab.h - pass 2 internals shared by elaborate.c and
 * elab_array.c.
 */
#ifndef _STAP_ELAB_H
#define _STAP_ELAB_H

#include "session.h"

struct elab {
	struct session *s;
	struct scope *scope;		/* current body */
	struct function *fn;		/* current function, NULL in a probe */
	struct vec *callees;		/* of the current body */
	int loops;
	bool report;			/* last walk: report errors */
	int walk;			/* which visit of the conditions */
	bool changed;
};

/* Places SystemTap raises an error from: only the first is printed. */
#define SITE_MISMATCH	0x1	/* type mismatch: expected X but found Y */
#define SITE_UNRESOLVED	0x2	/* "unresolved type " of an expression */
#define SITE_PROCFS_READ2 0x4	/* only one read procfs probe ... */
#define SITE_COND_GLOBAL 0x8	/* probe condition must not reference ... */
#define SITE_COND_FN	0x10
#define SITE_COND_WRITE	0x20	/* probe condition must not modify ... */
#define SITE_INVALID	0x40	/* invalid type stats: y = s */

/* elaborate.c */
bool first_at_site(struct session *s, unsigned site);
void unresolved_report(struct session *s, const struct token *t, int times);
struct symbol *resolve_var(struct elab *el, const struct token *t);
void resolve_expr(struct elab *el, struct expr *e);
void resolve_stmt(struct elab *el, struct stmt *st);
void set_sym_type(struct elab *el, struct symbol *sym, enum type t,
		  const struct token *where);
bool is_array_ref(const struct expr *e);
void push_type(struct elab *el, struct expr *e, enum type t);
void want(struct elab *el, struct expr *e, enum type t);
enum type infer(struct elab *el, struct expr *e);
void infer_stmt(struct elab *el, struct stmt *st);

/* elab_display.c */
void add_global_display(struct session *s);
void global_order(struct session *s, struct vec *seen);

/* elab_array.c */
void resolve_array(struct elab *el, struct expr *e, const struct token *t,
		   int nkeys);
void resolve_index(struct elab *el, struct expr *e);
void scalar_use(struct elab *el, struct expr *e);
void infer_keys(struct elab *el, struct expr *e);
enum type infer_statop(struct elab *el, struct expr *e);
void resolve_foreach(struct elab *el, struct stmt *st);
void infer_foreach(struct elab *el, struct stmt *st);
void check_foreach_writes(struct session *s);

/* cond.c */
void cond_resolve(struct elab *el, struct expr *cond);
void cond_check_writes(struct session *s);
void infer_conds_again(struct elab *el);

/* probe_procfs.c */
void probe_families_check(struct session *s);
void target_report(struct elab *el, struct expr *e);
void targets_unreported(struct elab *el);
void elide_dead_code(struct session *s);
void target_refuse(struct expr *e, const char *msg);
bool refused(const struct expr *e);
void print_recheck(struct elab *el, struct expr *call, struct expr *a);

#endif /* _STAP_ELAB_H */
