/* SPDX-License-Identifier: GPL-2.0 */
/*
 * translator/emit.h - pass 3 internals shared by the emit*.c files.
 */
#ifndef _STAP_EMIT_H
#define _STAP_EMIT_H

#include "builtin.h"
#include "format.h"
#include "session.h"

struct loop {
	int id;
	bool brk, cnt;		/* labels used: emit only those */
	struct loop *up;
};

struct emitter {
	struct session *s;
	struct sbuf vars;	/* script locals of this handler */
	struct sbuf tmps;	/* temporaries of this handler */
	int ntmp, nlabel;
	int ind;
	unsigned flags;		/* STAP_PF_* of this handler */
	bool used_out;
	struct loop *loop;
	struct function *fn;	/* function being emitted, NULL in a probe */
	const char *errlabel;	/* where a runtime error unwinds to */
	bool err_used;		/* errlabel (a catch) was jumped to */
};

#define F_READ	1
#define F_WRITE	2
#define F_CWRITE 4	/* writes a global some probe condition reads */

/* emit.c */
const char *ctype_decl(enum type t);
char *tmp_new(struct emitter *em, enum type t);
void line(struct emitter *em, struct sbuf *out, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
char *expr_c(struct emitter *em, struct expr *e, struct sbuf *pre,
	     bool discard);
bool is_const_c(const struct expr *e);
char *near_c(const struct token *t);	/* "identifier 'x' at f:1:2", quoted */
char *save(struct emitter *em, struct sbuf *pre, char *val, enum type t);
void fail_if(struct emitter *em, struct sbuf *pre, const char *cond,
	     const char *msg, const struct token *t);
void goto_err(struct emitter *em, struct sbuf *out);
void action_c(struct emitter *em, struct sbuf *out, const struct token *t);
char **args_c(struct emitter *em, struct expr *e, int from, struct sbuf *pre);
void free_args(char **v, int n);
char *number_c(int64_t n);
char *divide(struct emitter *em, const struct token *t, const char *op,
	     char *a, char *b, struct sbuf *pre);
void stmt_c(struct emitter *em, struct stmt *st, struct sbuf *out);
void copy_c(struct emitter *em, struct sbuf *out, const char *dst,
	    const char *src, enum type t);
void global_write(struct emitter *em, const struct symbol *sym);

/* emit_print.c */
char *emit_print(struct emitter *em, struct expr *e, char **vals,
		 struct sbuf *pre);

char *hist_print_call_c(struct emitter *em, struct expr *e, struct sbuf *pre);

/* emit_args.c: script arguments as module parameters argN */
char *arg_expr_c(struct session *s, const struct expr *e);
void arg_use_num(struct session *s, int n);
void args_decls_c(struct session *s, struct sbuf *out);
bool args_init_c(struct session *s, const char *probes, struct sbuf *out);

/* emit_tapset.c */
char *tapset_c(struct emitter *em, struct expr *e, char **v,
	       struct sbuf *pre);

/* emit_fn.c */
char *fn_call_c(struct emitter *em, struct expr *e, struct sbuf *pre);
void fn_return_c(struct emitter *em, struct stmt *st, struct sbuf *out);

/* emit_map.c */
char *tmp_decl(struct emitter *em, const char *type, const char *suffix);
void check_err(struct emitter *em, struct sbuf *pre, const struct token *t);
void check_err_at(struct emitter *em, struct sbuf *pre, const char *where);
char *keys_c(struct emitter *em, struct expr *ref, struct sbuf *pre,
	     unsigned *wild);
char *index_read_c(struct emitter *em, struct expr *e, struct sbuf *pre);
void index_store_c(struct emitter *em, struct expr *ref, const char *k,
		   const char *v, struct sbuf *pre);
char *in_c(struct emitter *em, struct expr *e, struct sbuf *pre);
void map_delete_c(struct emitter *em, struct expr *e, struct sbuf *out);
char *stat_add_c(struct emitter *em, struct expr *e, struct sbuf *pre);
char *statop_c(struct emitter *em, struct expr *e, struct sbuf *pre);
char *hist_bucket_c(struct emitter *em, struct expr *e, struct sbuf *pre);
void hist_print_c(struct emitter *em, struct expr *h, const struct token *at,
		  const char *out, struct sbuf *pre);
bool is_hist(const struct expr *e);
bool is_map_sym(const struct symbol *sym);
void maps_c(struct session *s, struct sbuf *out, int *nmaps);

/* emit_foreach.c */
void foreach_c(struct emitter *em, struct stmt *st, struct sbuf *out);

/* emit_cond.c */
bool cond_eval_c(struct session *s, struct sbuf *decls, struct sbuf *members,
		 struct sbuf *code);

/* emit_embedded.c: %{ %} as a function body, and the top-level blocks */
void embedded_body_c(struct emitter *em, struct stmt *st, struct sbuf *out);
void embedded_top_c(struct session *s, struct sbuf *out);

/* emit_module.c: see session.h emit() */

#endif /* _STAP_EMIT_H */
