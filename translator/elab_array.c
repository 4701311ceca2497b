// SPDX-License-Identifier: GPL-2.0
/*
 * translator/elab_array.c - pass 2 for global arrays and statistics:
 * arity, key types, the statistic extractors and foreach.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtin.h"
#include "elab.h"

/* An array reference: a global with a consistent number of keys. */
void resolve_array(struct elab *el, struct expr *e, const struct token *t,
			  int nkeys)
{
	struct symbol *sym = scope_find(&el->s->prog.gscope, t->text, false);
	char *msg;

	if (!sym) {
		msg = xasprintf("unresolved arity-%d global array %s, missing "
				"global declaration?", nkeys, t->text);
		semantic_error(el->s, msg, t, NULL);
		free(msg);
		return;
	}
	e->sym = sym;
	if (!sym->arity_tok) {
		sym->nkeys = nkeys;
		sym->arity_tok = t;
	} else if (sym->nkeys != nkeys) {
		msg = xasprintf("inconsistent arity (%d vs %d)", sym->nkeys,
				nkeys);
		semantic_error2(el->s, msg, t,
				xasprintf("arity %d first inferred here",
					  sym->nkeys), sym->arity_tok);
		free(msg);
	}
}

/* A global named as a scalar has arity 0. */
void scalar_use(struct elab *el, struct expr *e)
{
	if (e->sym && e->sym->global) {
		struct symbol *sym = e->sym;

		resolve_array(el, e, e->tok, 0);
		e->sym = sym;
	}
}

void resolve_index(struct elab *el, struct expr *e)
{
	int i;

	for (i = 0; i < e->args.n; i++)
		if (e->args.v[i])
			resolve_expr(el, e->args.v[i]);
	if (e->kind == E_IN)
		resolve_array(el, e, e->left->tok, e->args.n);
	else if (e->left)
		resolve_expr(el, e->left);	/* @hist_*(s)[i] */
	else
		resolve_array(el, e, e->tok, e->args.n);
}

/* Keys of a[k1, k2]: each index keeps the type it was first given. */
void infer_keys(struct elab *el, struct expr *e)
{
	struct symbol *sym = e->sym;
	char msg[64];
	int i;

	for (i = 0; i < e->args.n && i < MAX_KEYS; i++) {
		struct expr *k = e->args.v[i];
		enum type t;

		if (!k)
			continue;
		t = infer(el, k);
		if (!sym)
			continue;
		if (t == T_UNKNOWN) {
			push_type(el, k, sym->keys[i]);
		} else if (sym->keys[i] == T_UNKNOWN) {
			sym->keys[i] = t;
			sym->key_tok[i] = k->tok;
			el->changed = true;
		} else if (sym->keys[i] != t && el->report) {
			snprintf(msg, sizeof(msg), "index %d type mismatch (%s)",
				 i, type_name(t));
			semantic_error2(el->s, msg, k->tok,
					/* SystemTap names the value's type */
					xasprintf("type of index %d was first "
						  "inferred here (%s)", i,
						  type_name(sym->type)),
					sym->key_tok[i]);
		}
	}
}

enum type infer_statop(struct elab *el, struct expr *e)
{
	struct expr *s = e->left;
	int i;

	if (s->kind == E_INDEX && s->sym)
		infer_keys(el, s);
	if (s->sym)
		set_sym_type(el, s->sym, T_STATS, s->tok);
	for (i = 0; i < e->args.n; i++)
		want(el, e->args.v[i], T_LONG);
	if (!strcmp(e->op, "@variance") && s->sym)
		s->sym->variance = true;
	if (!strncmp(e->op, "@hist_", 6) && s->sym) {
		s->sym->hist = e->op[6] == 'l' && e->op[7] == 'o' ? 1 : 2;
		for (i = 0; i < e->args.n && i < 3; i++)
			if (((struct expr *)e->args.v[i])->kind == E_NUMBER)
				s->sym->hist_args[i] =
					((struct expr *)e->args.v[i])->num;
		return T_STATS;
	}
	return T_LONG;
}


/* ---- foreach ------------------------------------------------------- */

void resolve_foreach(struct elab *el, struct stmt *st)
{
	struct foreach *fe = st->fe;
	struct expr *a = fe->array;
	int i;

	if (a->kind == E_STATOP) {	/* foreach (i in @hist_*(s)) */
		resolve_expr(el, a);
	} else {
		for (i = 0; i < a->args.n; i++)
			if (a->args.v[i])
				resolve_expr(el, a->args.v[i]);
		resolve_array(el, a, a->tok, fe->keys.n);
		if (a->sym)
			a->sym->read = true;
		if (a->sym && a->kind == E_INDEX && a->args.n != fe->keys.n)
			resolve_array(el, a, a->tok, a->args.n);
	}
	for (i = 0; i < fe->keys.n; i++) {
		struct expr *k = fe->keys.v[i];

		k->sym = resolve_var(el, k->tok);
		k->sym->written = true;
	}
	if (fe->value) {
		fe->value->sym = resolve_var(el, fe->value->tok);
		fe->value->sym->written = true;
	}
	if (fe->limit)
		resolve_expr(el, fe->limit);
	el->loops++;
	resolve_stmt(el, st->body);
	el->loops--;
}

void infer_foreach(struct elab *el, struct stmt *st)
{
	struct foreach *fe = st->fe;
	struct symbol *sym = fe->array->sym;
	int i;

	if (fe->array->kind == E_STATOP) {	/* bucket index = count */
		infer(el, fe->array);
		for (i = 0; i < fe->keys.n && i < 1; i++) {
			struct expr *k = fe->keys.v[i];

			set_sym_type(el, k->sym, T_LONG, k->tok);
			k->type = k->sym->type;
		}
		if (fe->value) {
			set_sym_type(el, fe->value->sym, T_LONG,
				     fe->value->tok);
			fe->value->type = fe->value->sym->type;
		}
		sym = NULL;
	}
	if (sym) {
		if (fe->stat_field && !strcmp(fe->stat_field, "@variance"))
			sym->variance = true;
		if (fe->array->kind == E_INDEX)
			infer_keys(el, fe->array);
		for (i = 0; i < fe->keys.n && i < MAX_KEYS; i++) {
			struct expr *k = fe->keys.v[i];

			if (sym->keys[i] == T_UNKNOWN &&
			    k->sym->type != T_UNKNOWN) {
				sym->keys[i] = k->sym->type;
				sym->key_tok[i] = k->tok;
				el->changed = true;
			} else {
				set_sym_type(el, k->sym, sym->keys[i], k->tok);
			}
			k->type = k->sym->type;
		}
		if (fe->value) {
			struct symbol *v = fe->value->sym;
			enum type t = sym->type;

			if (t == T_STATS) {
				if (el->report && !v->mismatched)
					semantic_error(el->s, "invalid type stats",
						       fe->value->tok, NULL);
				v->mismatched = true;
				t = T_LONG;
			}
			if (t == T_UNKNOWN && v->type != T_UNKNOWN) {
				set_sym_type(el, sym, v->type, fe->array->tok);
			} else {
				set_sym_type(el, v, t, fe->value->tok);
			}
			fe->value->type = v->type;
		}
	}
	if (sym && fe->stat_field && sym->type != T_STATS &&
	    sym->type != T_UNKNOWN && el->report) {
		char *msg = xasprintf("invalid type %s", type_name(sym->type));

		semantic_error(el->s, msg, fe->array->tok, NULL);
		free(msg);
	}
	if (fe->limit)
		want(el, fe->limit, T_LONG);
	infer_stmt(el, st->body);
}

/* Does a function (or one it calls) write sym? */
struct wcheck {
	struct session *s;
	struct vec iter;	/* struct symbol *: arrays being iterated */
	struct vec seen;	/* struct function *: walk guard */
};

static bool stmt_writes(struct wcheck *w, struct stmt *st, struct symbol *sym);

static bool fn_writes(struct wcheck *w, struct function *f, struct symbol *sym)
{
	int i;

	for (; f; f = f->overload) {
		for (i = 0; i < w->seen.n; i++)
			if (w->seen.v[i] == f)
				break;
		if (i < w->seen.n)
			continue;
		vec_push(&w->seen, f);
		if (stmt_writes(w, f->body, sym))
			return true;
	}
	return false;
}

static bool expr_writes(struct wcheck *w, struct expr *e, struct symbol *sym)
{
	int i;

	if (!e)
		return false;
	if ((e->kind == E_ASSIGN || e->kind == E_INCDEC) && e->left->sym == sym)
		return true;
	if (e->kind == E_CALL && e->fn && fn_writes(w, e->fn, sym))
		return true;
	for (i = 0; i < e->args.n; i++)
		if (expr_writes(w, e->args.v[i], sym))
			return true;
	return expr_writes(w, e->left, sym) || expr_writes(w, e->right, sym) ||
	       expr_writes(w, e->cond, sym);
}

static bool stmt_writes(struct wcheck *w, struct stmt *st, struct symbol *sym)
{
	int i;

	if (!st)
		return false;
	if (st->kind == S_DELETE && st->expr->sym == sym)
		return true;
	for (i = 0; st->kind == S_BLOCK && i < st->stmts.n; i++)
		if (stmt_writes(w, st->stmts.v[i], sym))
			return true;
	if (st->fe && (expr_writes(w, st->fe->limit, sym)))
		return true;
	return expr_writes(w, st->expr, sym) || expr_writes(w, st->cond, sym) ||
	       stmt_writes(w, st->then, sym) || stmt_writes(w, st->els, sym) ||
	       stmt_writes(w, st->body, sym) || stmt_writes(w, st->init, sym) ||
	       stmt_writes(w, st->incr, sym);
}

static bool iterated(struct wcheck *w, struct symbol *sym)
{
	int i;

	for (i = 0; sym && i < w->iter.n; i++)
		if (w->iter.v[i] == sym)
			return true;
	return false;
}

static void modified(struct wcheck *w, struct expr *ref)
{
	char *msg;

	if (!iterated(w, ref->sym))
		return;
	msg = xasprintf("variable '%s' modified during 'foreach' iteration",
			ref->sym->name);
	semantic_error(w->s, msg, ref->tok, NULL);
	free(msg);
}

static void check_stmt(struct wcheck *w, struct stmt *st);

static void check_expr(struct wcheck *w, struct expr *e)
{
	int i;

	if (!e)
		return;
	if (e->kind == E_ASSIGN || e->kind == E_INCDEC)
		modified(w, e->left);
	if (e->kind == E_CALL && e->fn) {
		for (i = 0; i < w->iter.n; i++) {
			struct symbol *sym = w->iter.v[i];

			w->seen.n = 0;
			if (fn_writes(w, e->fn, sym)) {
				char *msg = xasprintf("function call modifies "
						      "var '%s' during 'foreach' "
						      "iteration", sym->name);

				semantic_error(w->s, msg, e->tok, NULL);
				free(msg);
				break;
			}
		}
	}
	for (i = 0; i < e->args.n; i++)
		check_expr(w, e->args.v[i]);
	check_expr(w, e->left);
	check_expr(w, e->right);
	check_expr(w, e->cond);
}

static void check_stmt(struct wcheck *w, struct stmt *st)
{
	int i;

	if (!st)
		return;
	if (st->kind == S_DELETE)
		modified(w, st->expr);
	for (i = 0; st->kind == S_BLOCK && i < st->stmts.n; i++)
		check_stmt(w, st->stmts.v[i]);
	if (st->kind != S_DELETE && st->kind != S_TRY)
		check_expr(w, st->expr);
	else if (st->kind == S_DELETE)
		for (i = 0; i < st->expr->args.n; i++)
			check_expr(w, st->expr->args.v[i]);
	check_expr(w, st->cond);
	check_stmt(w, st->init);
	check_stmt(w, st->incr);
	check_stmt(w, st->then);
	check_stmt(w, st->els);
	if (st->fe) {
		check_expr(w, st->fe->limit);
		if (st->fe->array->sym)
			vec_push(&w->iter, st->fe->array->sym);
		check_stmt(w, st->body);
		if (st->fe->array->sym)
			w->iter.n--;
	} else {
		check_stmt(w, st->body);
	}
}

/* SystemTap refuses writes to an array inside its own foreach. */
void check_foreach_writes(struct session *s)
{
	struct wcheck w = { .s = s };
	int i;

	for (i = 0; i < s->prog.probes.n; i++)
		check_stmt(&w, ((struct probe *)s->prog.probes.v[i])->body);
	for (i = 0; i < s->prog.functions.n; i++) {
		struct function *f = s->prog.functions.v[i];

		if (f->used)
			check_stmt(&w, f->body);
	}
	free(w.iter.v);
	free(w.seen.v);
}
