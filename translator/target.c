// SPDX-License-Identifier: GPL-2.0
/*
 * translator/target.c - target variables ($name) in probe bodies, for
 * every probe type: each $name in a probe's own body becomes an E_TARGET,
 * accepted with what its family gives (struct target_var: type and C) or
 * refused with the family's message, and the refusals reported when types
 * are checked, as SystemTap reports them.
 */
#include <stdlib.h>
#include <string.h>

#include "builtin.h"
#include "elab.h"
#include "probe.h"

/* Every refused $name, so none can go unreported. */
static struct vec all_refused;

/* The expansion of one body of one probe. */
struct tx {
	const struct dprobe *d;	/* NULL: a type with no target variables */
	bool dry;		/* only count the $names */
	int converted;		/* $names accepted */
	bool folds;		/* SystemTap's constant folder changes it */
	struct vec refused;	/* struct expr *: E_TARGET with target_err */
};

static bool is_target(const struct expr *e)
{
	return e && e->kind == E_VAR && e->tok->text[0] == '$';
}

static bool is_literal(const struct expr *e)
{
	return e->kind == E_NUMBER || e->kind == E_STRING;
}

/* op: the assignment or increment operator when it is written, else NULL. */
static struct expr *target(struct tx *t, struct expr *e, const char *op)
{
	struct target_var tv = { 0 };

	if (t->dry) {
		t->converted++;
		return e;
	}
	e->kind = E_TARGET;
	e->op = op;	/* written: its type comes from the assignment */
	if (!t->d)
		e->target_err = "unresolved target-symbol expression";
	else if ((e->path.n || e->addr_of) && !t->d->family->members)
		e->target_err = "invalid member access on a target variable without a type";
	else
		e->target_err = t->d->family->target(t->d, e, op, &tv);
	if (e->target_err) {
		vec_push(&t->refused, e);
		return e;
	}
	e->tv = xcalloc(1, sizeof(tv));
	*e->tv = tv;
	e->type = tv.type;
	t->converted++;
	return e;
}

static void walk_stmt(struct tx *t, struct stmt *st);
static void walk_expr(struct tx *t, struct expr *e);

static bool is_defined_call(const struct expr *e)
{
	return e && e->kind == E_CALL && !strcmp(e->tok->text, "@defined") &&
	       e->args.n == 1;
}

/*
 * @defined($name...): 1 when the probe type resolves it, else 0, decided
 * here as SystemTap decides it, before anything reports the $name.
 */
static void defined(struct tx *t, struct expr *e)
{
	struct expr *a = e->args.v[0];
	struct target_var tv = { 0 };
	const char *why = "unresolved target-symbol expression";

	if (t->dry) {
		t->converted++;
		return;
	}
	if (is_target(a) && t->d && t->d->family->target &&
	    ((!a->path.n && !a->addr_of) || t->d->family->members))
		why = t->d->family->target(t->d, a, NULL, &tv);
	e->kind = E_NUMBER;
	e->num = !why;
	e->args.n = 0;
}

/* cond ? a : b with a literal cond: only the branch taken is resolved. */
static bool fold_ternary(struct expr *e)
{
	struct expr *pick;

	if (e->kind != E_TERNARY || e->cond->kind != E_NUMBER)
		return false;
	pick = e->cond->num ? e->left : e->right;
	*e = *pick;
	return true;
}

static const struct token *tok_named(const struct token *at, char *text)
{
	struct token *t = xcalloc(1, sizeof(*t));

	*t = *at;
	t->text = text;
	return t;
}

/*
 * $$parms, $$vars and $$return of a typed family, as SystemTap formats
 * them ("file=0xffff... count=0x10", 0 as 0x0): rewritten into
 * sprintf("file=%#lx ...", $file, ...) over the $names the family lists
 * (its -L text, " $name:type" each), then resolved as any $name is.
 */
static bool dollar_dollar(struct tx *t, struct expr *e)
{
	const char *w = e->tok->text;
	bool ret = !strcmp(w, "$$return"), all = !strcmp(w, "$$vars") ||
		   !strcmp(w, "$$parms") || !strcmp(w, "$$locals");
	struct sbuf list = { 0 }, fmt = { 0 };
	struct expr *call, *f;
	const char *p;

	if (!t->d || !t->d->family->members || !t->d->family->list_vars ||
	    (!ret && !all) || e->path.n)
		return false;
	call = expr_new(E_CALL, tok_named(e->tok, "sprintf"));
	f = expr_new(E_STRING, e->tok);
	vec_push(&call->args, f);
	if (strcmp(w, "$$locals"))
		t->d->family->list_vars(t->d, &list);
	for (p = list.s; p && (p = strstr(p, " $")); ) {
		const char *colon = strchr(p, ':');
		char *name = xstrndup(p + 1, colon - p - 1);

		p = colon;
		if (!strcmp(name, "$return") != ret) {
			free(name);
			continue;
		}
		sb_printf(&fmt, "%s%s=%%#lx", fmt.len ? " " : "", name + 1);
		vec_push(&call->args, expr_new(E_VAR, tok_named(e->tok, name)));
	}
	f->str = xstrdup(sb_str(&fmt));
	sb_free(&list);
	sb_free(&fmt);
	*e = *call;
	walk_expr(t, e);
	return true;
}

static void walk_expr(struct tx *t, struct expr *e)
{
	int i;

	if (!e)
		return;
	if (is_target(e) && !t->dry && dollar_dollar(t, e))
		return;
	if (is_defined_call(e)) {
		defined(t, e);
		return;
	}
	if (e->kind == E_TERNARY && is_defined_call(e->cond) && !t->dry) {
		defined(t, e->cond);
		if (fold_ternary(e)) {
			walk_expr(t, e);
			return;
		}
	}
	if (is_target(e)) {
		target(t, e, NULL);
		return;
	}
	if ((e->kind == E_ASSIGN || e->kind == E_INCDEC) && is_target(e->left))
		target(t, e->left, e->op);
	else if (e->kind != E_IN)	/* [k] in $value: an array's name */
		walk_expr(t, e->left);
	walk_expr(t, e->right);
	walk_expr(t, e->cond);
	for (i = 0; i < e->args.n; i++)
		walk_expr(t, e->args.v[i]);
	if ((e->kind == E_BINARY || e->kind == E_COMPARE ||
	     e->kind == E_LOGICAL || e->kind == E_CONCAT) &&
	    is_literal(e->left) && is_literal(e->right))
		t->folds = true;
	if ((e->kind == E_UNARY && is_literal(e->left)) ||
	    (e->kind == E_TERNARY && is_literal(e->cond)))
		t->folds = true;
}

static void walk_foreach(struct tx *t, struct foreach *fe)
{
	int i;

	if (fe->array->kind == E_STATOP)	/* @hist_*(s[k]) */
		walk_expr(t, fe->array);
	else if (fe->array->kind == E_INDEX)	/* a slice's keys */
		for (i = 0; i < fe->array->args.n; i++)
			walk_expr(t, fe->array->args.v[i]);
	walk_expr(t, fe->limit);
}

static void walk_stmt(struct tx *t, struct stmt *st)
{
	int i;

	if (!st)
		return;
	switch (st->kind) {
	case S_DELETE:	/* delete $value: elaboration refuses it */
		if (!is_target(st->expr))
			walk_expr(t, st->expr);
		return;
	case S_TRY:	/* catch ($value): a local's name */
		walk_stmt(t, st->body);
		walk_stmt(t, st->els);
		return;
	case S_FOREACH:
		walk_foreach(t, st->fe);
		break;
	case S_IF:
		if (st->probe_cond)	/* cond.c checks a probe's condition */
			break;
		if (is_defined_call(st->cond) && !t->dry) {
			/* if (@defined($x)) ...: only the branch taken */
			defined(t, st->cond);
			if (!st->cond->num)
				st->then = stmt_new(S_BLOCK, st->tok);
			else
				st->els = NULL;
		}
		if (is_literal(st->cond))
			t->folds = true;
		/* fall through */
	default:
		walk_expr(t, st->expr);
		walk_expr(t, st->cond);
		break;
	}
	for (i = 0; i < st->stmts.n; i++)
		walk_stmt(t, st->stmts.v[i]);
	walk_stmt(t, st->init);
	walk_stmt(t, st->then);
	walk_stmt(t, st->els);
	walk_stmt(t, st->body);
	walk_stmt(t, st->incr);
}

/*
 * Every $name in a probe's own body (not in functions it calls) becomes an
 * E_TARGET, accepted or refused with SystemTap's message.  As SystemTap, a
 * refusal is reported only when types are checked, so the errors keep
 * their place among the others.  SystemTap expands a body again while its
 * expander or constant folder changed something, and every round chains
 * the refusal once more: its message is printed that often.
 */
static struct probe *typed_body(const struct dprobe *d, struct probe *body)
{
	struct probe *q = probe_copy(body);
	struct tx t = { .d = d };
	int i, rounds;

	walk_stmt(&t, q->body);
	rounds = d->family->rechains && (t.converted || t.folds) ? 2 : 1;
	for (i = 0; i < t.refused.n; i++) {
		((struct expr *)t.refused.v[i])->target_errs = rounds;
		vec_push(&all_refused, t.refused.v[i]);
	}
	free(t.refused.v);
	return q;
}

/*
 * A type with no target variables (begin, end, timers...): every $name in
 * the body is SystemTap's "unresolved target-symbol expression", reported
 * when types are checked.
 */
static struct probe *notarget_body(struct probe *body)
{
	struct tx t = { .dry = true };
	struct probe *q;
	int i;

	/* Most bodies have none: they stay shared, one handler for all. */
	walk_stmt(&t, body->body);
	if (!t.converted)
		return body;
	q = probe_copy(body);
	t.dry = false;
	walk_stmt(&t, q->body);
	for (i = 0; i < t.refused.n; i++) {
		((struct expr *)t.refused.v[i])->target_errs = 1;
		vec_push(&all_refused, t.refused.v[i]);
	}
	free(t.refused.v);
	return q;
}

/* The body d runs: $names mean what d's type says, so a copy of its own. */
struct probe *target_body(struct dprobe *d, struct probe *body)
{
	if (d->family->target)
		return typed_body(d, body);
	if (d->family->dollar_locals)
		return body;
	return notarget_body(body);
}

/* A chained error is one report: SystemTap dedups it by the places that
 * raised it, here its message and how often it was chained. */
static bool first_report(const struct expr *e)
{
	static struct vec seen;
	char *key = xasprintf("%d %s", e->target_errs, e->target_err);
	int i;

	for (i = 0; i < seen.n; i++)
		if (!strcmp(seen.v[i], key)) {
			free(key);
			return false;
		}
	vec_push(&seen, key);
	return true;
}

/*
 * Types are checked for the last time: a refused $name reports its error
 * once, then "unresolved type" when nothing gave it a type (SystemTap's
 * typeresolution_info::unresolved, with its stray space).
 */
void target_report(struct elab *el, struct expr *e)
{
	struct session *s = el->s;
	bool first = !e->target_seen;
	int i;

	if (!e->target_err || e->target_seen == el->walk + 1)
		return;		/* once per walk: inference visits twice */
	e->target_seen = el->walk + 1;
	if (first && first_report(e)) {
		for (i = 0; i < e->target_errs; i++)
			semantic_error(s, e->target_err, e->tok, NULL);
	} else {
		s->suppressed++;
		s->errors++;
	}
	if (e->type != T_UNKNOWN || e->op)
		return;
	if (first_at_site(s, SITE_UNRESOLVED))
		semantic_error(s, "unresolved type ", e->tok, NULL);
	else
		s->errors++;
}

/* A $target elsewhere: SystemTap reports it when types are checked. */
void target_refuse(struct expr *e, const char *msg)
{
	e->kind = E_TARGET;
	e->target_err = msg;
	e->target_errs = 1;
	vec_push(&all_refused, e);
}

/* After the last type check: a refusal type inference did not reach. */
void targets_unreported(struct elab *el)
{
	int i;

	for (i = 0; i < all_refused.n; i++)
		if (!((struct expr *)all_refused.v[i])->target_seen)
			target_report(el, all_refused.v[i]);
}

/*
 * A $target its probe type refused: SystemTap never types it from a
 * function's parameter, only from operators around it.
 */
bool refused(const struct expr *e)
{
	return e->kind == E_TARGET && e->target_err;
}

/*
 * SystemTap checks an untyped print argument again: a refused $target once
 * more, a variable of no type twice more, reports counted as suppressed.
 */
void print_recheck(struct elab *el, struct expr *call, struct expr *a)
{
	if (!el->report || call->bi->id < B_PRINT || call->bi->id > B_SPRINTDLN)
		return;
	if (refused(a) && a->type == T_UNKNOWN)
		el->s->suppressed++;
	else if (a->kind == E_VAR && a->sym && a->sym->type == T_UNKNOWN)
		unresolved_report(el->s, a->tok, 2);	/* twice more */
}
