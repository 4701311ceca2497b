// SPDX-License-Identifier: GPL-2.0
/*
 * translator/probe_procfs.c - procfs("PATH").read and .write probe points:
 * their path and modifiers as SystemTap 4.8 checks them (tapset-procfs.cxx),
 * the one-read-probe-per-path rule, and $value in their bodies.
 *
 * A file's mode and buffer are the runtime's business (procfs/): the probe
 * table carries the path, the .umask(N) and .maxsize(N) literals and the
 * probe type, nothing more.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <stap/ctl.h>

#include "builtin.h"
#include "elab.h"
#include "probe.h"

static int fail(struct perr *err, char *msg, const struct token *tok)
{
	err->msg = msg;
	err->tok = tok;
	return -1;
}

static bool is_dots(const char *p, size_t len)
{
	return (len == 1 && p[0] == '.') || (len == 2 && !strncmp(p, "..", 2));
}

/*
 * SystemTap's checks first, in its order and words; then what its runtime
 * only finds out at module load on a current kernel (subdirectories), or
 * what our runtime refuses (reserved names, names over NAME_MAX).
 */
static int check_path(const char *path, const struct token *tok,
		      struct perr *err)
{
	const char *p = path, *slash;

	while ((slash = strchr(p, '/'))) {
		if (slash == path)
			return fail(err, xstrdup("procfs path cannot start with "
						 "a '/'"), tok);
		if (slash == p)
			return fail(err, xstrdup("procfs path component cannot "
						 "be empty"), tok);
		if (is_dots(p, slash - p))
			return fail(err, xstrdup("procfs path cannot be relative "
				    "(and contain '.' or '..')"), tok);
		p = slash + 1;
	}
	if (!*p)
		return fail(err, xstrdup("procfs path cannot end with a '/'"),
			    tok);
	if (is_dots(p, strlen(p)))
		return fail(err, xstrdup("procfs path cannot be relative (and "
					 "contain '.' or '..')"), tok);
	if (p != path)
		return fail(err, xasprintf("procfs path '%s' cannot have "
					   "subdirectories", path), tok);
	if (strlen(path) > 255)
		return fail(err, xstrdup("procfs path is longer than 255 "
					 "bytes"), tok);
	if (stap_procfs_reserved(path))
		return fail(err, xasprintf("procfs path '%s' is reserved", path),
			    tok);
	return 0;
}

/* procfs[("PATH")][.umask(N)].read[.maxsize(N)], procfs[...][.umask(N)].write */
int build_procfs(struct probe_point *pp, struct dprobe *d, struct perr *err)
{
	struct component *c0 = pp->comps.v[0];
	bool maxsize = false;
	int i;

	for (i = 1; i < pp->comps.n; i++) {
		struct component *c = pp->comps.v[i];

		if (!strcmp(c->name, "umask")) {
			d->procfs_has_umask = true;
			d->procfs_umask = c->arg->num;
		} else if (!strcmp(c->name, "maxsize")) {
			maxsize = true;
			d->procfs_maxsize = c->arg->num;
		} else {
			d->kind = strcmp(c->name, "read") ? PK_PROCFS_WRITE :
				  PK_PROCFS_READ;
		}
	}
	if (maxsize && d->procfs_maxsize <= 0)
		return fail(err, xstrdup("maxsize must be greater than 0"), NULL);
	/* the runtime allocates it per open file: keep it within kvmalloc */
	if (d->procfs_maxsize > INT_MAX)
		return fail(err, xasprintf("maxsize must be at most %d", INT_MAX),
			    NULL);
	d->procfs_path = c0->arg ? c0->arg->str : "command";
	if (c0->arg && check_path(d->procfs_path, c0->tok, err))
		return -1;
	return 1;
}

/*
 * SystemTap allows one read probe per file: the read fills one buffer.
 * Write probes all run, in script order.
 */
void procfs_check_paths(struct session *s)
{
	int i, j;

	for (i = 0; i < s->dprobes.n; i++) {
		struct dprobe *d = s->dprobes.v[i];

		if (d->kind != PK_PROCFS_READ)
			continue;
		for (j = 0; j < i; j++) {
			struct dprobe *o = s->dprobes.v[j];
			char *msg;

			if (o->kind != PK_PROCFS_READ ||
			    strcmp(o->procfs_path, d->procfs_path))
				continue;
			if (first_at_site(s, SITE_PROCFS_READ2)) {
				msg = xasprintf("only one read procfs probe can "
						"exist for procfs path \"%s\"",
						d->procfs_path);
				semantic_error(s, msg, NULL, NULL);
				free(msg);
			} else {
				s->errors++;
			}
			break;
		}
	}
}

/* ---- $value ---------------------------------------------------------- */

/* Every refused $name, so none can go unreported. */
static struct vec all_refused;

/* The expansion of one body: a read or a write probe's. */
struct tx {
	bool none;		/* a probe type with no target variables */
	bool dry;		/* only count the $names */
	bool write;
	int converted;		/* $value uses accepted */
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

/*
 * tapset-procfs.cxx's checks, in its order.  op: the assignment or
 * increment operator when the variable is written, else NULL.
 */
static const char *target_error(const struct tx *t, const struct expr *e,
				const char *op)
{
	if (t->none)
		return "unresolved target-symbol expression";
	if (strcmp(e->tok->text, "$value"))
		return "invalid target symbol for procfs probe, $value expected";
	if (t->write && op)
		return "procfs $value variable is read-only in a procfs write "
		       "probe";
	if (!t->write && !op)
		return "procfs $value variable cannot be read in a procfs read "
		       "probe";
	if (op && strcmp(op, "=") && strcmp(op, ".="))
		return "Only the following assign operators are implemented on "
		       "procfs read target variables: '=', '.='";
	return NULL;
}

static struct expr *target(struct tx *t, struct expr *e, const char *op)
{
	if (t->dry) {
		t->converted++;
		return e;
	}
	e->kind = E_TARGET;
	e->op = op;	/* written: its type comes from the assignment */
	e->target_err = target_error(t, e, op);
	if (e->target_err) {
		vec_push(&t->refused, e);
		return e;
	}
	e->type = T_STRING;
	t->converted++;
	return e;
}

static void walk_stmt(struct tx *t, struct stmt *st);

static void walk_expr(struct tx *t, struct expr *e)
{
	int i;

	if (!e)
		return;
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
 * Every $name in a procfs probe's own body (not in functions it calls)
 * becomes an E_TARGET, accepted or refused with SystemTap's message.  As
 * SystemTap, a refusal is reported only when types are checked, so the
 * errors keep their place among the others.  SystemTap expands a body
 * again while its expander or constant folder changed something, and every
 * round chains the refusal once more: its message is printed that often.
 */
struct probe *procfs_body(struct dprobe *d, struct probe *body)
{
	struct probe *q = probe_copy(body);
	struct tx t = { .write = d->kind == PK_PROCFS_WRITE };
	int i, rounds;

	walk_stmt(&t, q->body);
	rounds = t.converted || t.folds ? 2 : 1;
	for (i = 0; i < t.refused.n; i++) {
		((struct expr *)t.refused.v[i])->target_errs = rounds;
		vec_push(&all_refused, t.refused.v[i]);
	}
	free(t.refused.v);
	return q;
}

/*
 * begin, end, error, never and timer probes have no target variables:
 * every $name in the body is SystemTap's "unresolved target-symbol
 * expression", reported when types are checked.
 */
struct probe *notarget_body(struct probe *body)
{
	struct tx t = { .none = true, .dry = true };
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
