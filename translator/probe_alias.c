// SPDX-License-Identifier: GPL-2.0
/*
 * translator/probe_alias.c - probe aliases: the probe body an alias makes
 * of a script's probe (the alias's prologue or epilogue around the
 * script's body, one set of locals for both), and the conditions of
 * "probe POINT if (cond)".
 *
 * Every derived body is a fresh copy of the statements: elaboration
 * resolves names and types in place, and one script body may end up in
 * several derived probes with different locals.
 */
#include <stdlib.h>
#include <string.h>

#include "probe.h"

static struct stmt *copy_stmt(const struct stmt *st);

static struct expr *copy_expr(const struct expr *e)
{
	struct expr *c;
	int i;

	if (!e)
		return NULL;
	c = xcalloc(1, sizeof(*c));
	*c = *e;
	c->left = copy_expr(e->left);
	c->right = copy_expr(e->right);
	c->cond = copy_expr(e->cond);
	c->sym = NULL;
	memset(&c->args, 0, sizeof(c->args));
	for (i = 0; i < e->args.n; i++)
		vec_push(&c->args, copy_expr(e->args.v[i]));
	return c;
}

static struct foreach *copy_foreach(const struct foreach *fe)
{
	struct foreach *c;
	int i;

	if (!fe)
		return NULL;
	c = xcalloc(1, sizeof(*c));
	*c = *fe;
	c->value = copy_expr(fe->value);
	c->array = copy_expr(fe->array);
	c->limit = copy_expr(fe->limit);
	memset(&c->keys, 0, sizeof(c->keys));
	for (i = 0; i < fe->keys.n; i++)
		vec_push(&c->keys, copy_expr(fe->keys.v[i]));
	return c;
}

static struct stmt *copy_stmt(const struct stmt *st)
{
	struct stmt *c;
	int i;

	if (!st)
		return NULL;
	c = xcalloc(1, sizeof(*c));
	*c = *st;
	c->expr = copy_expr(st->expr);
	c->cond = copy_expr(st->cond);
	c->then = copy_stmt(st->then);
	c->els = copy_stmt(st->els);
	c->body = copy_stmt(st->body);
	c->init = copy_stmt(st->init);
	c->incr = copy_stmt(st->incr);
	c->fe = copy_foreach(st->fe);
	memset(&c->stmts, 0, sizeof(c->stmts));
	for (i = 0; i < st->stmts.n; i++)
		vec_push(&c->stmts, copy_stmt(st->stmts.v[i]));
	return c;
}

static struct probe *probe_like(const struct probe *p, struct stmt *body)
{
	struct probe *q = xcalloc(1, sizeof(*q));

	q->tok = p->tok;
	q->pps = p->pps;
	q->user = p->user;
	q->body = body;
	q->locals.parent = p->locals.parent;
	return q;
}

/* A body of its own for one derived probe. */
struct probe *probe_copy(const struct probe *p)
{
	return probe_like(p, copy_stmt(p->body));
}

/* probe A = ... { prologue }  probe A { body }: prologue then body;
 * with +=, body then epilogue. */
struct probe *alias_combine(const struct probe *a, const struct probe *p)
{
	struct stmt *b = stmt_new(S_BLOCK, p->body->tok);

	vec_push(&b->stmts, copy_stmt(a->epilogue ? p->body : a->body));
	vec_push(&b->stmts, copy_stmt(a->epilogue ? a->body : p->body));
	return probe_like(p, b);
}

/* probe POINT if (cond) { body }: the handler does nothing while cond
 * is false. */
struct probe *probe_with_cond(const struct probe *p, const struct expr *cond)
{
	struct stmt *iff = stmt_new(S_IF, cond->tok);

	iff->cond = copy_expr(cond);
	iff->then = copy_stmt(p->body);
	iff->probe_cond = true;
	return probe_like(p, iff);
}

/* "a = begin,end" as SystemTap's -p2 shows an alias in a chain. */
char *alias_text(const struct probe *a)
{
	struct sbuf sb = { 0 };
	int i;

	pp_print(&sb, a->names.v[0]);
	sb_puts(&sb, a->epilogue ? " += " : " = ");
	for (i = 0; i < a->pps.n; i++) {
		sb_puts(&sb, i ? "," : "");
		pp_print(&sb, a->pps.v[i]);
	}
	return sb.s;
}

/* pp with component i's argument replaced by the string arg (wildcards). */
struct probe_point *pp_with_arg(const struct probe_point *pp, int i,
				const char *arg)
{
	struct probe_point *q = xcalloc(1, sizeof(*q));
	struct component *c = xcalloc(1, sizeof(*c));
	struct expr *a = xcalloc(1, sizeof(*a));
	int k;

	*q = *pp;
	memset(&q->comps, 0, sizeof(q->comps));
	for (k = 0; k < pp->comps.n; k++)
		vec_push(&q->comps, pp->comps.v[k]);
	*c = *(const struct component *)pp->comps.v[i];
	*a = *c->arg;
	a->str = xstrdup(arg);
	c->arg = a;
	q->comps.v[i] = c;
	return q;
}
