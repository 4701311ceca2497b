// SPDX-License-Identifier: GPL-2.0
/*
 * translator/elab_display.c - pass 2, last stage: globals written but never
 * read are printed at exit, one synthetic end probe each, in the order
 * SystemTap 4.8 resolves them: first reference in the probes in order, then
 * in the functions by name.
 */
#include <stdlib.h>
#include <string.h>

#include "builtin.h"
#include "session.h"
#include "elab.h"

static struct expr *typed(enum expr_kind kind, const struct token *t,
			  enum type type)
{
	struct expr *e = expr_new(kind, t);

	e->type = type;
	return e;
}

static struct probe *display_probe(struct session *s, const struct token *t)
{
	struct probe_point *pp = xcalloc(1, sizeof(*pp));
	struct component *c = xcalloc(1, sizeof(*c));
	struct probe *p = xcalloc(1, sizeof(*p));

	c->name = "end";
	c->tok = t;
	vec_push(&pp->comps, c);
	pp->tok = t;
	p->tok = t;
	p->synthetic = true;
	p->locals.parent = &s->prog.gscope;
	vec_push(&p->pps, pp);
	p->body = stmt_new(S_BLOCK, t);
	vec_push(&s->prog.probes, p);
	resolve_pp(s, p, pp, s->prog.probes.n - 1);
	s->nhandlers = s->prog.probes.n;
	return p;
}

static struct expr *statop(const struct token *t, const char *op,
			   struct expr *ref)
{
	struct expr *e = typed(E_STATOP, t, T_LONG);

	e->op = op;
	e->left = ref;
	return e;
}

/* printf("NAME" text) with no arguments. */
static struct stmt *display_printf(struct symbol *g, const char *text)
{
	struct token *ft = xcalloc(1, sizeof(*ft));
	struct expr *call, *f;
	struct stmt *st;

	*ft = *g->tok;
	ft->type = TOK_IDENT;
	ft->text = "printf";
	call = typed(E_CALL, ft, T_UNKNOWN);
	call->bi = builtin_find("printf");
	f = typed(E_STRING, g->tok, T_STRING);
	f->str = xasprintf("%s%s", g->name, text);
	vec_push(&call->args, f);
	st = stmt_new(S_EXPR, g->tok);
	st->expr = call;
	return st;
}

/*
 * The printf of one global (for an array: of one element, keys in the
 * locals __idx0...): name=value, or the statistic's extractors.
 */
static struct stmt *display_line(struct symbol *g, struct vec *keys)
{
	const struct token *t = g->tok;
	struct sbuf fmt = { 0 };
	struct expr *ref, *call;
	struct token *ft = xcalloc(1, sizeof(*ft));
	struct stmt *st;
	int i;

	*ft = *t;
	ft->type = TOK_IDENT;
	ft->text = "printf";
	call = typed(E_CALL, ft, T_UNKNOWN);
	call->bi = builtin_find("printf");
	vec_push(&call->args, typed(E_STRING, t, T_STRING));
	sb_puts(&fmt, g->name);
	if (g->nkeys) {
		ref = typed(E_INDEX, t, g->type);
		sb_putc(&fmt, '[');
		for (i = 0; i < keys->n; i++) {
			struct expr *k = keys->v[i];

			sb_printf(&fmt, "%s%s", i ? "," : "",
				  k->type == T_STRING ? "\"%s\"" : "%d");
			vec_push(&call->args, k);
			vec_push(&ref->args, k);
		}
		sb_putc(&fmt, ']');
	} else {
		ref = typed(E_VAR, t, g->type);
	}
	ref->sym = g;
	if (g->type == T_STATS) {
		static const char *const ops[] = {
			"@count", "@min", "@max", "@sum", "@avg",
		};

		for (i = 0; i < 5; i++) {
			sb_printf(&fmt, " %s=%%d", ops[i]);
			vec_push(&call->args, statop(t, ops[i], ref));
		}
		sb_putc(&fmt, '\n');
	} else {
		sb_puts(&fmt, g->type == T_STRING ? "=\"%s\"\n" : "=%d\n");
		vec_push(&call->args, ref);
	}
	((struct expr *)call->args.v[0])->str = fmt.s;
	st = stmt_new(S_EXPR, t);
	st->expr = call;
	if (g->type == T_STATS) {	/* an empty statistic: its count */
		struct stmt *iff = stmt_new(S_IF, t);

		iff->cond = statop(t, "@count", ref);
		iff->then = st;
		if (!g->nkeys)	/* SystemTap prints it with %#x */
			iff->els = display_printf(g, " @count=0x0\n");
		return iff;
	}
	return st;
}

static struct expr *display_local(struct probe *p, const char *name,
				  enum type type, const struct token *t)
{
	struct symbol *sym = xcalloc(1, sizeof(*sym));
	struct token *nt = xcalloc(1, sizeof(*nt));
	struct expr *v;

	*nt = *t;
	nt->type = TOK_IDENT;
	nt->text = name;
	v = typed(E_VAR, nt, type);
	t = nt;

	sym->name = name;
	sym->type = type;
	sym->tok = t;
	sym->read = sym->written = true;
	sym->synthetic = true;
	vec_push(&p->locals.syms, sym);
	v->sym = sym;
	return v;
}

/* ---- the order: globals as SystemTap's symbol resolution meets them */

static void order_sym(struct vec *seen, struct symbol *sym)
{
	int i;

	if (!sym || !sym->global)
		return;
	for (i = 0; i < seen->n; i++)
		if (seen->v[i] == sym)
			return;
	vec_push(seen, sym);
}

static void order_expr(struct vec *seen, struct expr *e)
{
	int i;

	if (!e)
		return;
	order_sym(seen, e->sym);
	order_expr(seen, e->cond);
	order_expr(seen, e->left);
	for (i = 0; i < e->args.n; i++)
		order_expr(seen, e->args.v[i]);
	order_expr(seen, e->right);
}

static void order_stmt(struct vec *seen, struct stmt *st)
{
	int i;

	if (!st)
		return;
	if (st->fe) {
		order_expr(seen, st->fe->array);
		for (i = 0; i < st->fe->keys.n; i++)
			order_expr(seen, st->fe->keys.v[i]);
		order_expr(seen, st->fe->value);
		order_expr(seen, st->fe->limit);
	}
	for (i = 0; st->kind == S_BLOCK && i < st->stmts.n; i++)
		order_stmt(seen, st->stmts.v[i]);
	order_stmt(seen, st->init);
	order_expr(seen, st->cond);
	order_stmt(seen, st->incr);
	order_expr(seen, st->expr);
	order_stmt(seen, st->then);
	order_stmt(seen, st->body);
	order_stmt(seen, st->els);
}

static int fn_by_name(const void *a, const void *b)
{
	const struct function *fa = *(struct function *const *)a;
	const struct function *fb = *(struct function *const *)b;

	return strcmp(fa->name, fb->name);
}

/* Probes in order, then the functions used, by name; then the rest. */
void global_order(struct session *s, struct vec *seen)
{
	struct vec fns = { 0 };
	int i;

	for (i = 0; i < s->prog.probes.n; i++)
		order_stmt(seen, ((struct probe *)s->prog.probes.v[i])->body);
	for (i = 0; i < s->prog.functions.n; i++)
		if (((struct function *)s->prog.functions.v[i])->used)
			vec_push(&fns, s->prog.functions.v[i]);
	if (fns.n)
		qsort(fns.v, fns.n, sizeof(*fns.v), fn_by_name);
	for (i = 0; i < fns.n; i++)
		order_stmt(seen, ((struct function *)fns.v[i])->body);
	for (i = 0; i < s->prog.globals.n; i++)
		order_sym(seen, s->prog.globals.v[i]);
	free(fns.v);
}

/* Globals written but never read are printed at exit, one end probe each,
 * arrays element by element. */
void add_global_display(struct session *s)
{
	struct vec order = { 0 };
	int i, j;

	global_order(s, &order);
	for (i = 0; i < order.n; i++) {
		struct symbol *g = order.v[i];
		struct probe *p;
		struct stmt *st;
		struct foreach *fe;

		if (g->read || !g->written || g->type == T_UNKNOWN)
			continue;
		if (g->tok && g->tok->src && !g->tok->src->user)
			continue;	/* as SystemTap: the script's own */
		p = display_probe(s, g->tok);
		g->read = true;
		if (!g->nkeys) {
			vec_push(&p->body->stmts, display_line(g, NULL));
			continue;
		}
		fe = xcalloc(1, sizeof(*fe));
		for (j = 0; j < g->nkeys; j++)
			vec_push(&fe->keys, display_local(p,
				 xasprintf("__idx%d", j), g->keys[j], g->tok));
		fe->array = typed(E_VAR, g->tok, g->type);
		fe->array->sym = g;
		/* SystemTap lists arrays by value (statistics by @count),
		 * largest first */
		fe->sort_key = 0;
		fe->sort_dir = -1;
		st = stmt_new(S_FOREACH, g->tok);
		st->fe = fe;
		st->body = display_line(g, &fe->keys);
		vec_push(&p->body->stmts, st);
	}
	free(order.v);
}
