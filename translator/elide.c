// SPDX-License-Identifier: GPL-2.0
/*
 * translator/elide.c - SystemTap's first optimisation pass, with its
 * warnings: assignments to locals nothing reads are dropped (their right
 * side stays), statements whose expression has no effect are dropped, and
 * a probe left with an empty body is elided, as are probes written empty.
 *
 * It runs after symbols are resolved and before types are inferred, so
 * the dropped code takes part in no type check, as in SystemTap.  A body
 * two probe points share is reduced once; the second point's warnings
 * are counted as the duplicates SystemTap prints them as.
 */
#include <stdlib.h>
#include <string.h>

#include "elab.h"
#include "session.h"

/* One warning, kept to be replayed for another point of the same body. */
struct note {
	char *msg;
	const struct token *tok;
};

struct reduced {
	struct probe *body;
	struct vec assigns, stmts;	/* struct note * */
	bool stmts_done;
};

/* As SystemTap: what is elided in a tapset is said only at -vvv. */
static void warn(struct session *s, const char *msg, const struct token *tok)
{
	if (s->verbose > 2 || !tok || !tok->src || tok->src->user)
		print_warning(s, msg, tok);
}

static void note(struct session *s, struct vec *log, char *msg,
		 const struct token *tok)
{
	struct note *n = xcalloc(1, sizeof(*n));

	n->msg = msg;
	n->tok = tok;
	vec_push(log, n);
	warn(s, msg, tok);
}

static void replay(struct session *s, const struct vec *log)
{
	int i;

	for (i = 0; i < log->n; i++) {
		const struct note *n = log->v[i];

		warn(s, n->msg, n->tok);
	}
}

/* ---- assignments nothing reads ---------------------------------------- */

/* The token a statement's expression starts with, as SystemTap shows it. */
static const struct token *lead(const struct expr *e)
{
	switch (e->kind) {
	case E_BINARY:
	case E_COMPARE:
	case E_LOGICAL:
	case E_CONCAT:
	case E_ASSIGN:
	case E_REGEX:
		return lead(e->left);
	case E_TERNARY:
		return lead(e->cond);
	case E_INCDEC:
		return e->post ? lead(e->left) : e->tok;
	default:
		return e->tok;
	}
}

static bool dead_local(const struct expr *e)
{
	const struct symbol *sym = e->sym;

	return e->kind == E_VAR && sym && !sym->global && !sym->param &&
	       !sym->read;
}

static void assigns_expr(struct session *s, struct vec *log, struct expr *e)
{
	int i;

	if (!e)
		return;
	while (e->kind == E_ASSIGN && !strcmp(e->op, "=") &&
	       dead_local(e->left)) {
		note(s, log, xasprintf("Eliding assignment to '%s'",
				       e->left->sym->name), e->tok);
		e->left->sym->elided = true;
		*e = *e->right;
	}
	assigns_expr(s, log, e->left);
	assigns_expr(s, log, e->right);
	assigns_expr(s, log, e->cond);
	for (i = 0; i < e->args.n; i++)
		assigns_expr(s, log, e->args.v[i]);
}

static void assigns_stmt(struct session *s, struct vec *log, struct stmt *st)
{
	int i;

	if (!st)
		return;
	if (st->kind == S_EXPR && !st->lead)
		st->lead = lead(st->expr);
	assigns_expr(s, log, st->expr);
	assigns_expr(s, log, st->cond);
	if (st->fe)
		assigns_expr(s, log, st->fe->limit);
	for (i = 0; i < st->stmts.n; i++)
		assigns_stmt(s, log, st->stmts.v[i]);
	assigns_stmt(s, log, st->init);
	assigns_stmt(s, log, st->then);
	assigns_stmt(s, log, st->els);
	assigns_stmt(s, log, st->body);
	assigns_stmt(s, log, st->incr);
}

/* ---- statements without effect ---------------------------------------- */

/* Reads only: no call, no write, no regex match (it sets matched()). */
static bool pure(const struct expr *e)
{
	int i;

	if (!e)
		return true;
	switch (e->kind) {
	case E_NUMBER:
	case E_STRING:
	case E_VAR:
		return true;
	case E_UNARY:
	case E_BINARY:
	case E_COMPARE:
	case E_LOGICAL:
	case E_CONCAT:
	case E_TERNARY:
	case E_INDEX:
	case E_IN:
	case E_STATOP:
		for (i = 0; i < e->args.n; i++)
			if (!pure(e->args.v[i]))
				return false;
		return pure(e->left) && pure(e->right) && pure(e->cond);
	default:
		return false;
	}
}

/* The variables a dropped expression used: they may now be unused. */
static struct vec touched;

static void touch(const struct expr *e)
{
	int i;

	if (!e)
		return;
	if (e->sym)
		vec_push(&touched, e->sym);
	touch(e->left);
	touch(e->right);
	touch(e->cond);
	for (i = 0; i < e->args.n; i++)
		touch(e->args.v[i]);
}

static bool dead_stmt(struct session *s, struct vec *log, struct stmt *st)
{
	if (st->kind != S_EXPR || !pure(st->expr))
		return false;
	touch(st->expr);
	note(s, log, xstrdup("Eliding side-effect-free expression "),
	     st->lead ? st->lead : lead(st->expr));
	return true;
}

static void stmts_in(struct session *s, struct vec *log, struct stmt **pst);

/* A block loses its dead statements and the blocks they emptied. */
static void stmts_block(struct session *s, struct vec *log, struct stmt *b)
{
	int i, n = 0;

	for (i = 0; i < b->stmts.n; i++) {
		struct stmt *st = b->stmts.v[i];

		if (dead_stmt(s, log, st))
			continue;
		stmts_in(s, log, &st);
		if (st->kind == S_NULL ||
		    (st->kind == S_BLOCK && !st->stmts.n))
			continue;
		b->stmts.v[n++] = st;
	}
	b->stmts.n = n;
}

/* Elsewhere (if, loop bodies) a dead statement becomes an empty one. */
static void stmts_in(struct session *s, struct vec *log, struct stmt **pst)
{
	struct stmt *st = *pst;

	if (!st)
		return;
	if (st->kind == S_BLOCK) {
		stmts_block(s, log, st);
		return;
	}
	if (dead_stmt(s, log, st)) {
		*pst = stmt_new(S_NULL, st->tok);
		return;
	}
	stmts_in(s, log, &st->then);
	stmts_in(s, log, &st->els);
	stmts_in(s, log, &st->body);
}

/* ---- variables left unused ------------------------------------------- */

static int uses_expr(const struct expr *e, const struct symbol *sym)
{
	int i, n;

	if (!e)
		return 0;
	n = e->sym == sym;
	n += uses_expr(e->left, sym) + uses_expr(e->right, sym) +
	     uses_expr(e->cond, sym);
	for (i = 0; i < e->args.n; i++)
		n += uses_expr(e->args.v[i], sym);
	return n;
}

static int uses_stmt(const struct stmt *st, const struct symbol *sym)
{
	int i, n;

	if (!st)
		return 0;
	n = uses_expr(st->expr, sym) + uses_expr(st->cond, sym);
	if (st->fe) {
		n += uses_expr(st->fe->array, sym) +
		     uses_expr(st->fe->value, sym) +
		     uses_expr(st->fe->limit, sym);
		for (i = 0; i < st->fe->keys.n; i++)
			n += uses_expr(st->fe->keys.v[i], sym);
	}
	for (i = 0; i < st->stmts.n; i++)
		n += uses_stmt(st->stmts.v[i], sym);
	return n + uses_stmt(st->init, sym) + uses_stmt(st->then, sym) +
	       uses_stmt(st->els, sym) + uses_stmt(st->body, sym) +
	       uses_stmt(st->incr, sym);
}

static bool used_anywhere(struct session *s, const struct symbol *sym)
{
	int i;

	for (i = 0; i < s->dprobes.n; i++) {
		const struct dprobe *d = s->dprobes.v[i];

		if (uses_stmt(d->probe->body, sym) ||
		    (d->pp && uses_expr(d->pp->cond, sym)))
			return true;
	}
	for (i = 0; i < s->prog.functions.n; i++) {
		const struct function *f = s->prog.functions.v[i];

		if (f->used && uses_stmt(f->body, sym))
			return true;
	}
	return false;
}

/* As SystemTap drops a variable nothing uses any more: no type needed. */
static void forget_unused(struct session *s)
{
	int i;

	for (i = 0; i < touched.n; i++) {
		struct symbol *sym = touched.v[i];

		if (!sym->elided && !used_anywhere(s, sym)) {
			sym->read = sym->written = false;
			sym->elided = true;
		}
	}
	touched.n = 0;
}

/* ---- the pass ---------------------------------------------------------- */

static struct reduced *reduced_of(struct vec *done, struct probe *body)
{
	struct reduced *r;
	int i;

	for (i = 0; i < done->n; i++) {
		r = done->v[i];
		if (r->body == body)
			return r;
	}
	return NULL;
}

static bool empty_body(const struct probe *p)
{
	return !p->body || (p->body->kind == S_BLOCK && !p->body->stmts.n);
}

/*
 * Run after the never-assigned warnings, in SystemTap's order: every
 * assignment first, then every statement, a probe's elision right after
 * its own statements; then functions.
 */
void elide_dead_code(struct session *s)
{
	struct vec done = { 0 };
	struct reduced *r;
	int i, n = 0, had = s->dprobes.n;

	for (i = 0; i < s->dprobes.n; i++) {
		struct dprobe *d = s->dprobes.v[i];

		r = reduced_of(&done, d->probe);
		if (r) {
			replay(s, &r->assigns);
			continue;
		}
		r = xcalloc(1, sizeof(*r));
		r->body = d->probe;
		vec_push(&done, r);
		assigns_stmt(s, &r->assigns, d->probe->body);
	}
	for (i = 0; i < s->prog.functions.n; i++) {
		struct function *f = s->prog.functions.v[i];
		struct vec log = { 0 };

		if (f->used)
			assigns_stmt(s, &log, f->body);
	}
	for (i = 0; i < s->dprobes.n; i++) {
		struct dprobe *d = s->dprobes.v[i];

		r = reduced_of(&done, d->probe);
		if (r->stmts_done) {
			replay(s, &r->stmts);
		} else {
			r->stmts_done = true;
			if (r->body->body && r->body->body->kind == S_BLOCK)
				stmts_block(s, &r->stmts, r->body->body);
		}
		if (empty_body(d->probe)) {
			char *msg = xasprintf("Probe '%s' has been elided",
					      d->pp_text);

			print_warning(s, msg, d->probe->tok);
			free(msg);
			continue;
		}
		s->dprobes.v[n++] = d;
	}
	s->dprobes.n = n;
	for (i = 0; i < s->prog.functions.n; i++) {
		struct function *f = s->prog.functions.v[i];
		struct vec log = { 0 };

		if (f->used && f->body && f->body->kind == S_BLOCK)
			stmts_block(s, &log, f->body);
	}
	forget_unused(s);
	if (had && !n)
		semantic_error(s, "no probes found", NULL, NULL);
}
