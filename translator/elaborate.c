// SPDX-License-Identifier: GPL-2.0
/*
 * translator/elaborate.c - pass 2: resolve names, infer types, resolve
 * probe points.
 *
 * Names: a variable is a global if one is declared, else a local of its
 * probe or function body (SystemTap locals are per body, not per block).
 * Types: a fixpoint; every walk pushes known types into still-unknown
 * variables until nothing changes, then a last walk reports mismatches
 * and anything left unresolved.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "btf_target.h"
#include "builtin.h"
#include "format.h"
#include "session.h"
#include "elab.h"
#include "probe.h"
#include "regex_use.h"

/* ---- name resolution ---------------------------------------------- */


struct symbol *resolve_var(struct elab *el, const struct token *t)
{
	struct symbol *sym = scope_find(el->scope, t->text, true);

	if (sym)
		return sym;
	sym = xcalloc(1, sizeof(*sym));
	sym->name = t->text;
	sym->tok = t;
	vec_push(&el->scope->syms, sym);
	return sym;
}


/* A function's body is resolved when a call first reaches it. */
static void resolve_function(struct elab *el, struct function *f)
{
	struct elab sub = *el;

	f->used = true;
	el->s->nfunctions++;
	if (f->body->kind == S_EMBEDDED)	/* its C reads them */
		for (int i = 0; i < f->params.n; i++)
			((struct symbol *)f->params.v[i])->read = true;
	sub.fn = f;
	sub.scope = &f->locals;
	sub.callees = &f->callees;
	sub.loops = 0;
	resolve_stmt(&sub, f->body);
}

static void resolve_call(struct elab *el, struct expr *e)
{
	int errors = el->s->errors;
	struct function *f;
	bool reported;
	int i;

	for (i = 0; i < e->args.n; i++)
		resolve_expr(el, e->args.v[i]);
	e->fn = function_find(el->s, e->tok, e->args.n, &reported);
	if (reported)
		return;
	for (f = e->fn; f; f = f->overload) {
		vec_push(el->callees, f);
		if (!f->used)
			resolve_function(el, f);
	}
	if (e->fn)
		return;
	e->bi = builtin_find(e->tok->text);
	if (!e->bi && el->s->errors != errors)
		return;	/* SystemTap stops at the argument's error */
	if (!e->bi) {
		char *sug = builtin_suggest(e->tok->text);
		char *msg = sug ?
			xasprintf("unresolved function %s (similar: %s)",
				  e->tok->text, sug) :
			xasprintf("unresolved function %s", e->tok->text);

		semantic_error(el->s, msg, e->tok, NULL);
		free(msg);
		free(sug);
		return;
	}
	if (e->bi->tapset_fn && builtin_first_use(e->bi))
		el->s->nfunctions++;	/* SystemTap counts these as functions */
	if (e->args.n < e->bi->min || e->args.n > e->bi->max) {
		semantic_error(el->s, "unresolved function call", e->tok, NULL);
		e->bi = NULL;
		return;
	}
	if (e->bi->format && ((struct expr *)e->args.v[0])->kind != E_STRING)
		semantic_error(el->s, "print format must be a literal string",
			       ((struct expr *)e->args.v[0])->tok, NULL);
}

/* The target of = ++ etc. must be a variable. */
static void lvalue(struct elab *el, struct expr *e, struct expr *target,
		   bool read)
{
	if (target->kind == E_TARGET)	/* $name = ...: its type checked it */
		return;
	if (target->kind == E_INDEX && !target->left) {
		resolve_index(el, target);
		if (target->sym) {
			target->sym->written = true;
			target->sym->read |= read;
		}
		return;
	}
	if (target->kind != E_VAR) {
		semantic_error(el->s, e->kind == E_ASSIGN ?
			       "Expecting lvalue for assignment" :
			       "Expecting lvalue for increment/decrement",
			       e->tok, target->tok);
		return;
	}
	target->sym = resolve_var(el, target->tok);
	scalar_use(el, target);
	target->sym->written = true;
	if (read)
		target->sym->read = true;
}

/*
 * SystemTap folds constants before it checks types: 1 + 2 becomes 3, and
 * a concatenation of literals with at least one string becomes a string
 * ("1 + 2 . \"\"" is "3", while 1 . 2 stays a type error).
 */
static void fold(struct expr *e)
{
	struct expr *a = e->left, *b = e->right;
	static const char *const safe[] = {
		"+", "-", "*", "&", "|", "^", "<<", ">>",
	};
	size_t i;

	if ((a && a->param) || (b && b->param))
		return;		/* argN is known only at load */
	if (e->kind == E_CONCAT && a && b &&
	    (a->kind == E_STRING || a->kind == E_NUMBER) &&
	    (b->kind == E_STRING || b->kind == E_NUMBER) &&
	    (a->kind == E_STRING || b->kind == E_STRING)) {
		char *sa = a->kind == E_STRING ? xstrdup(a->str) :
			   xasprintf("%" PRId64, a->num);
		char *sb = b->kind == E_STRING ? xstrdup(b->str) :
			   xasprintf("%" PRId64, b->num);

		e->kind = E_STRING;
		e->str = xasprintf("%s%s", sa, sb);
		e->tok = a->tok;
		free(sa);
		free(sb);
		return;
	}
	if (e->kind != E_BINARY || !a || !b || a->kind != E_NUMBER ||
	    b->kind != E_NUMBER)
		return;
	for (i = 0; i < ARRAY_LEN(safe); i++) {
		uint64_t x = a->num, y = b->num;
		int64_t r;

		if (strcmp(e->op, safe[i]))
			continue;
		switch (i) {
		case 0: r = x + y; break;
		case 1: r = x - y; break;
		case 2: r = x * y; break;
		case 3: r = x & y; break;
		case 4: r = x | y; break;
		case 5: r = x ^ y; break;
		case 6: r = x << (y & 63); break;
		default: r = a->num >> (y & 63); break;
		}
		e->kind = E_NUMBER;
		e->num = r;
		e->tok = a->tok;
		return;
	}
}

/* @cast's type and members, from the kernel's BTF: reported once. */
static void cast_check(struct elab *el, struct expr *e)
{
	struct target_var tv = { 0 };
	const char *why;

	if (e->target_seen)
		return;
	e->target_seen = 1;
	why = btf_cast_target(kernel_btf(el->s), e->str, e->raw, "0", e, &tv);
	if (why)
		semantic_error(el->s, why, e->tok, NULL);
}

void resolve_expr(struct elab *el, struct expr *e)
{
	int i;

	switch (e->kind) {
	case E_NUMBER:
	case E_STRING:
	case E_TARGET:
		break;
	case E_VAR:
		e->sym = resolve_var(el, e->tok);
		scalar_use(el, e);
		e->sym->read = true;
		break;
	case E_CALL:
		resolve_call(el, e);
		break;
	case E_ASSIGN:
		lvalue(el, e, e->left, false);	/* x += 1 is still displayed */
		resolve_expr(el, e->right);
		break;
	case E_INCDEC:
		/* its value is used: "if (++n == 3)" reads n */
		lvalue(el, e, e->left, true);
		break;
	case E_INDEX:
	case E_IN:
		resolve_index(el, e);
		if (e->sym)
			e->sym->read = true;
		break;
	case E_STATOP:
		resolve_expr(el, e->left);
		for (i = 0; i < e->args.n; i++)
			resolve_expr(el, e->args.v[i]);
		break;
	case E_REGEX:
		resolve_expr(el, e->left);
		regex_resolve(el->s, e);
		break;
	case E_BINARY:
		/* SystemTap 4.8 parses >>> but cannot translate it */
		if (!strcmp(e->op, ">>>"))
			semantic_error(el->s, "unsupported binary operator >>>",
				       NULL, NULL);
		/* fall through */
	default:
		if (e->cond)
			resolve_expr(el, e->cond);
		if (e->left)
			resolve_expr(el, e->left);
		if (e->right)
			resolve_expr(el, e->right);
		fold(e);
	}
}

static void resolve_delete(struct elab *el, struct stmt *st)
{
	struct expr *e = st->expr;

	if (e->kind == E_INDEX && !e->left) {
		resolve_index(el, e);
		if (e->sym)
			e->sym->written = true;
		return;
	}
	if (e->kind != E_VAR || e->tok->text[0] == '$') {
		semantic_error(el->s, "invalid operand of delete expression",
			       e->tok, NULL);
		return;
	}
	e->sym = resolve_var(el, e->tok);	/* delete a: any arity */
	e->sym->written = true;
}

void resolve_stmt(struct elab *el, struct stmt *st)
{
	int i;

	switch (st->kind) {
	case S_BLOCK:
		for (i = 0; i < st->stmts.n; i++)
			resolve_stmt(el, st->stmts.v[i]);
		break;
	case S_EXPR:
		if (st->expr->kind == E_INCDEC)	/* "n++" alone is displayed */
			lvalue(el, st->expr, st->expr->left, false);
		else
			resolve_expr(el, st->expr);
		break;
	case S_IF:
		if (st->probe_cond) {	/* the body first, as SystemTap */
			resolve_stmt(el, st->then);
			cond_resolve(el, st->cond);
			break;
		}
		resolve_expr(el, st->cond);
		resolve_stmt(el, st->then);
		if (st->els)
			resolve_stmt(el, st->els);
		break;
	case S_WHILE:
	case S_FOR:
		if (st->init)
			resolve_stmt(el, st->init);
		if (st->cond)
			resolve_expr(el, st->cond);
		if (st->incr)
			resolve_stmt(el, st->incr);
		el->loops++;
		resolve_stmt(el, st->body);
		el->loops--;
		break;
	case S_BREAK:
	case S_CONTINUE:
		if (!el->loops)
			semantic_error(el->s, st->kind == S_BREAK ?
				       "break statement outside loop" :
				       "continue statement outside loop",
				       st->tok, NULL);
		break;
	case S_RETURN:
		if (!el->fn)
			semantic_error(el->s, "return not allowed in probe handler",
				       st->tok, NULL);
		else if (st->expr)
			resolve_expr(el, st->expr);
		break;
	case S_TRY:
		resolve_stmt(el, st->body);
		if (st->expr) {
			st->expr->sym = resolve_var(el, st->expr->tok);
			st->expr->sym->written = true;
		}
		resolve_stmt(el, st->els);
		break;
	case S_DELETE:
		resolve_delete(el, st);
		break;
	case S_FOREACH:
		resolve_foreach(el, st);
		break;
	case S_NEXT:
		if (el->fn)
			el->fn->has_next = true;
		break;
	case S_NULL:
	case S_EMBEDDED:
		break;
	}
}

/* ---- type inference ------------------------------------------------- */


/* A function parameter's position, -1 for any other symbol. */
static int param_index(struct session *s, const struct symbol *sym)
{
	int i, j;

	if (!sym->param)
		return -1;
	for (i = 0; i < s->prog.functions.n; i++) {
		struct function *f = s->prog.functions.v[i];

		for (j = 0; j < f->params.n; j++)
			if (f->params.v[j] == sym)
				return j;
	}
	return -1;
}

void set_sym_type(struct elab *el, struct symbol *sym, enum type t,
			 const struct token *where)
{
	char msg[64], *first;

	if (t == T_UNKNOWN)
		return;
	if (sym->type == T_UNKNOWN) {
		sym->type = t;
		sym->type_tok = where;
		el->changed = true;
	} else if (sym->type != t && el->report && !sym->mismatched) {
		int idx = param_index(el->s, sym);

		sym->mismatched = true;	/* SystemTap suppresses the repeats */
		if (idx < 0) {
			snprintf(msg, sizeof(msg), "type mismatch (%s)",
				 type_name(t));
			first = xasprintf("type was first inferred here (%s)",
					  type_name(sym->type));
		} else {
			snprintf(msg, sizeof(msg),
				 "index %d type mismatch (%s)", idx,
				 type_name(t));
			first = xasprintf("type of index %d was first inferred "
					  "here (%s)", idx,
					  type_name(sym->type));
		}
		semantic_error2(el->s, msg, where, first,
				sym->type_tok ? sym->type_tok : sym->tok);
		free(first);
	}
}

bool is_array_ref(const struct expr *e)
{
	return e->kind == E_INDEX && !e->left && e->sym;
}

/* Push an expected type down into an expression whose type is open. */
void push_type(struct elab *el, struct expr *e, enum type t)
{
	if (t == T_UNKNOWN)
		return;
	switch (e->kind) {
	case E_VAR:
		set_sym_type(el, e->sym, t, e->tok);
		break;
	case E_INDEX:
		if (e->sym && !e->left)
			set_sym_type(el, e->sym, t, e->tok);
		break;
	case E_ASSIGN:
		if (!strcmp(e->op, "=")) {
			push_type(el, e->left, t);
			push_type(el, e->right, t);
		}
		break;
	case E_TERNARY:
		push_type(el, e->left, t);
		push_type(el, e->right, t);
		break;
	case E_CALL:
		if (e->fn && e->fn->type == T_UNKNOWN) {
			e->fn->type = t;
			e->fn->type_tok = e->tok;
			el->changed = true;
		}
		break;
	default:
		break;
	}
	if (e->type == T_UNKNOWN)
		e->type = t;
}

/*
 * SystemTap prints only the first error raised at each place in its
 * elaborator and counts the rest as "similar error messages suppressed".
 */
bool first_at_site(struct session *s, unsigned site)
{
	if (s->error_sites & site) {
		s->suppressed++;
		return false;
	}
	s->error_sites |= site;
	return true;
}

/*
 * e must have type t.  SystemTap words the mismatch the other way round
 * ("expected <e's type> but found <t>") when t is a declared type: a
 * function's parameter or return type (rev).
 */
static void want_typed(struct elab *el, struct expr *e, enum type et,
		       enum type t, bool rev)
{
	char msg[64];

	if (et == T_UNKNOWN) {
		push_type(el, e, t);
		return;
	}
	if (et == t || !el->report)
		return;
	if (e->kind == E_VAR || is_array_ref(e)) {
		set_sym_type(el, e->sym, t, e->tok);
		return;
	}
	if (!first_at_site(el->s, SITE_MISMATCH))
		return;
	snprintf(msg, sizeof(msg), "type mismatch: expected %s but found %s",
		 type_name(rev ? et : t), type_name(rev ? t : et));
	semantic_error(el->s, msg, e->tok, NULL);
}

static void want_dir(struct elab *el, struct expr *e, enum type t, bool rev)
{
	want_typed(el, e, infer(el, e), t, rev);
}

void want(struct elab *el, struct expr *e, enum type t)
{
	want_dir(el, e, t, false);
}

static void want_declared(struct elab *el, struct expr *e, enum type t)
{
	want_dir(el, e, t, true);
}

/*
 * Two operands that must agree, either type (assignment, ==, ?:), already
 * inferred as ta and tb.  Each operand is inferred once per visit, as
 * SystemTap visits it: inferring it again here would double the work at
 * every level of a nested chain such as "i < i < ... < i".
 */
static enum type unify_typed(struct elab *el, struct expr *a, enum type ta,
			     struct expr *b, enum type tb)
{
	if (ta == T_UNKNOWN && tb != T_UNKNOWN)
		push_type(el, a, tb);
	else if (tb == T_UNKNOWN && ta != T_UNKNOWN)
		push_type(el, b, ta);
	else if (ta != tb && (a->kind == E_VAR || is_array_ref(a)) &&
		 el->report)
		set_sym_type(el, a->sym, tb, a->tok);	/* blame the variable */
	else if (ta != tb)
		want_typed(el, b, tb, ta, false);
	return ta != T_UNKNOWN ? ta : tb;
}

static enum type unify(struct elab *el, struct expr *a, struct expr *b)
{
	enum type ta = infer(el, a);

	return unify_typed(el, a, ta, b, infer(el, b));
}

/*
 * SystemTap checks the left operand of a comparison against the right
 * one's type first, then the right against the left's.
 */
static void compare_types(struct elab *el, struct expr *e)
{
	enum type ta = infer(el, e->left), tb = infer(el, e->right);

	if (ta != T_UNKNOWN && tb != T_UNKNOWN && ta != tb &&
	    e->left->kind != E_VAR && !is_array_ref(e->left)) {
		want_typed(el, e->left, ta, tb, false);
		want_typed(el, e->right, tb, ta, false);
		return;
	}
	unify_typed(el, e->left, ta, e->right, tb);
}

static void infer_format(struct elab *el, struct expr *e)
{
	struct expr *fmt = e->args.v[0];
	struct fmt_piece *pieces;
	enum type types[64];
	const char *err;
	int n, k, i;

	if (fmt->kind != E_STRING)
		return;
	n = fmt_parse(fmt->str, &pieces, &err);
	if (n < 0) {
		if (el->report)
			semantic_error(el->s, err, fmt->tok, NULL);
		return;
	}
	k = fmt_arg_types(pieces, n, types, ARRAY_LEN(types));
	if (k != e->args.n - 1) {
		if (el->report)
			semantic_error(el->s,
				       "Wrong number of args to formatted print operator",
				       e->tok, NULL);
		for (i = 1; i < e->args.n; i++)
			infer(el, e->args.v[i]);
		return;
	}
	for (i = 0; i < k; i++) {
		int before = el->s->errors;

		want(el, e->args.v[i + 1], types[i]);
		/* SystemTap checks print arguments twice and counts the
		 * second report as suppressed */
		if (el->s->errors > before && !refused(e->args.v[i + 1]))
			el->s->suppressed++;
	}
}

/* Arguments flow into every overload's parameters; return types agree. */
static enum type infer_fn_call(struct elab *el, struct expr *e)
{
	struct function *f;
	enum type rt = T_UNKNOWN;
	int i;

	for (f = e->fn; f; f = f->overload) {
		for (i = 0; i < e->args.n && i < f->params.n; i++) {
			struct symbol *a = f->params.v[i];
			struct expr *arg = e->args.v[i];

			if (refused(arg))
				infer(el, arg);
			else if (a->type != T_UNKNOWN)
				want_declared(el, arg, a->type);
			else
				set_sym_type(el, a, infer(el, arg), arg->tok);
		}
		if (rt == T_UNKNOWN)
			rt = f->type;
	}
	for (f = e->fn; f && rt != T_UNKNOWN; f = f->overload)
		if (f->type == T_UNKNOWN) {
			f->type = rt;
			f->type_tok = e->tok;
			el->changed = true;
		}
	return rt;
}

static enum type infer_call(struct elab *el, struct expr *e)
{
	int i;

	if (e->fn)
		return infer_fn_call(el, e);
	if (!e->bi)
		return T_UNKNOWN;
	if (e->bi->format) {
		infer_format(el, e);
	} else {
		for (i = 0; i < e->args.n; i++) {
			enum type t = builtin_arg_type(e->bi, i);

			if (t != T_UNKNOWN && !refused(e->args.v[i]))
				want(el, e->args.v[i], t);
			else
				infer(el, e->args.v[i]);
			print_recheck(el, e, e->args.v[i]);
		}
	}
	return e->bi->ret;
}

static enum type infer_assign(struct elab *el, struct expr *e)
{
	if (!strcmp(e->op, "<<<")) {
		if (e->left->kind == E_INDEX)
			infer_keys(el, e->left);
		if (e->left->sym)
			set_sym_type(el, e->left->sym, T_STATS, e->left->tok);
		else if (e->left->kind == E_TARGET)
			infer(el, e->left);
		want(el, e->right, T_LONG);
		return T_LONG;
	}
	if (!strcmp(e->op, "=") && e->right->sym && !e->right->left &&
	    e->right->sym->type == T_STATS &&
	    (e->right->kind == E_VAR || e->right->kind == E_INDEX)) {
		/* y = s: the left side is not visited, as in SystemTap */
		if (!el->report)
			return T_UNKNOWN;
		if (first_at_site(el->s, SITE_INVALID))
			semantic_error(el->s, "invalid type stats",
				       e->right->tok, NULL);
		else
			el->s->errors++;
		return T_UNKNOWN;
	}
	if (!strcmp(e->op, "="))
		return unify(el, e->left, e->right);
	if (!strcmp(e->op, ".=")) {
		want(el, e->left, T_STRING);
		want(el, e->right, T_STRING);
		return T_STRING;
	}
	want(el, e->left, T_LONG);
	want(el, e->right, T_LONG);
	return T_LONG;
}

enum type infer(struct elab *el, struct expr *e)
{
	enum type t = T_UNKNOWN;

	switch (e->kind) {
	case E_NUMBER:
		t = T_LONG;
		break;
	case E_STRING:
		t = T_STRING;
		break;
	case E_VAR:
		t = e->sym ? e->sym->type : T_UNKNOWN;
		if (t == T_UNKNOWN && e->sym && el->report &&
		    !e->untyped_seen) {
			e->untyped_seen = true;
			unresolved_report(el->s, e->tok, 1);
		}
		break;
	case E_TARGET:
		if (el->report)
			target_report(el, e);
		t = e->target_err ? e->type : e->tv->type;
		break;
	case E_UNARY:
		want(el, e->left, T_LONG);
		if (!strcmp(e->op, "@cast") && el->report)
			cast_check(el, e);
		t = T_LONG;
		break;
	case E_INCDEC:
		if (e->left->sym || e->left->kind == E_TARGET)
			want(el, e->left, T_LONG);
		t = T_LONG;
		break;
	case E_BINARY:
	case E_LOGICAL:
		want(el, e->left, T_LONG);
		want(el, e->right, T_LONG);
		t = T_LONG;
		break;
	case E_CONCAT:
		want(el, e->left, T_STRING);
		want(el, e->right, T_STRING);
		t = T_STRING;
		break;
	case E_COMPARE:
		compare_types(el, e);
		t = T_LONG;
		break;
	case E_TERNARY:
		want(el, e->cond, T_LONG);
		t = unify(el, e->left, e->right);
		break;
	case E_ASSIGN:
		if (!e->left->sym && e->left->kind != E_TARGET)
			return T_UNKNOWN;
		t = infer_assign(el, e);
		break;
	case E_CALL:
		t = infer_call(el, e);
		break;
	case E_INDEX:
		if (e->left) {	/* @hist_*(s)[i] */
			infer(el, e->left);
			want(el, e->args.v[0], T_LONG);
			t = T_LONG;
		} else {
			infer_keys(el, e);
			t = e->sym ? e->sym->type : T_UNKNOWN;
		}
		break;
	case E_IN:
		infer_keys(el, e);
		t = T_LONG;
		break;
	case E_STATOP:
		t = infer_statop(el, e);
		break;
	case E_REGEX:
		want(el, e->left, T_STRING);
		t = T_LONG;
		break;
	}
	if (t != T_UNKNOWN)
		e->type = t;
	return t;
}

void infer_stmt(struct elab *el, struct stmt *st)
{
	int i;

	switch (st->kind) {
	case S_BLOCK:
		for (i = 0; i < st->stmts.n; i++)
			infer_stmt(el, st->stmts.v[i]);
		break;
	case S_EXPR:
		infer(el, st->expr);
		break;
	case S_IF:
		want(el, st->cond, T_LONG);
		infer_stmt(el, st->then);
		if (st->els)
			infer_stmt(el, st->els);
		break;
	case S_WHILE:
	case S_FOR:
		if (st->init)
			infer_stmt(el, st->init);
		if (st->cond)
			want(el, st->cond, T_LONG);
		if (st->incr)
			infer_stmt(el, st->incr);
		infer_stmt(el, st->body);
		break;
	case S_TRY:
		infer_stmt(el, st->body);
		if (st->expr)
			want(el, st->expr, T_STRING);
		infer_stmt(el, st->els);
		break;
	case S_DELETE:
		if (st->expr->kind == E_INDEX)
			infer_keys(el, st->expr);
		else
			infer(el, st->expr);
		break;
	case S_FOREACH:
		infer_foreach(el, st);
		break;
	case S_RETURN:
		if (st->expr && el->fn) {
			enum type t = infer(el, st->expr);

			if (el->fn->type == T_UNKNOWN && t != T_UNKNOWN) {
				el->fn->type = t;
				el->fn->type_tok = st->expr->tok;
				el->changed = true;
			} else if (el->fn->type == T_UNKNOWN) {
				if (el->report)
					semantic_error(el->s, "unresolved type",
						       st->expr->tok, NULL);
			} else {
				want_declared(el, st->expr, el->fn->type);
			}
		}
		break;
	default:
		break;
	}
}

static void infer_all(struct elab *el)
{
	struct program *prog = &el->s->prog;
	int i;

	for (i = 0; i < prog->probes.n; i++) {
		struct probe *p = prog->probes.v[i];

		el->fn = NULL;
		infer_stmt(el, p->body);
	}
	infer_conds_again(el);
	for (i = 0; i < prog->functions.n; i++) {
		el->fn = prog->functions.v[i];
		if (el->fn->used)
			infer_stmt(el, el->fn->body);
	}
}

/*
 * SystemTap's typeresolution_info::unresolved (with its stray space): the
 * first report is printed, the others count as suppressed.
 */
void unresolved_report(struct session *s, const struct token *t, int times)
{
	for (; times > 0; times--) {
		if (first_at_site(s, SITE_UNRESOLVED))
			semantic_error(s, "unresolved type ", t, NULL);
		else
			s->errors++;
	}
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/*
 * SystemTap suggests the body's other locals and the globals the script
 * uses, closest first; for a global it forgets to leave out the global
 * itself (it compares the mangled name).
 */
static char *var_suggest(struct session *s, struct scope *sc,
			 struct symbol *sym)
{
	struct vec *gs = &s->prog.globals;
	const char **names = xcalloc(sc->syms.n + gs->n + 1, sizeof(*names));
	int i, j, n = 0;
	char *sug;

	for (i = 0; i < sc->syms.n + gs->n; i++) {
		struct symbol *o = i < sc->syms.n ? sc->syms.v[i] :
				   gs->v[i - sc->syms.n];

		if (o->synthetic || (o == sym && !o->global) ||
		    (o->global && !o->read && !o->written))
			continue;
		for (j = 0; j < n && strcmp(names[j], o->name); j++)
			;
		if (j == n)
			names[n++] = o->name;
	}
	qsort(names, n, sizeof(*names), by_name);
	sug = n ? names_suggest(sym->name, names) : NULL;
	free(names);
	return sug;
}

static void warn_never_assigned(struct session *s, struct scope *sc,
				struct symbol *sym)
{
	char *sug = var_suggest(s, sc, sym);
	char *msg = xasprintf("never-assigned %s variable '%s'%s%s%s",
			      sym->global ? "global" : "local", sym->name,
			      sug ? " (similar: " : "", sug ? sug : "",
			      sug ? ")" : "");

	print_warning(s, msg, sym->tok);
	free(msg);
	free(sug);
}

/* Before the last walk: locals never assigned. */
static void warn_scope(struct elab *el, struct scope *sc)
{
	int i;

	for (i = 0; i < sc->syms.n; i++) {
		struct symbol *sym = sc->syms.v[i];

		if (!sym->written && !sym->global)
			warn_never_assigned(el->s, sc, sym);
	}
}

/* Then globals read but never assigned nor initialised, in use order. */
static void warn_globals(struct session *s)
{
	struct vec order = { 0 };
	int i;

	global_order(s, &order);
	for (i = 0; i < order.n; i++) {
		struct symbol *g = order.v[i];

		if (g->read && !g->written && !g->init && !g->synthetic)
			warn_never_assigned(s, &s->prog.gscope, g);
	}
	free(order.v);
}

/* After it: a variable still without a type is reported once more. */
static void check_scope(struct elab *el, struct scope *sc)
{
	int i;

	for (i = 0; i < sc->syms.n; i++) {
		struct symbol *sym = sc->syms.v[i];

		if (sym->elided && !sym->read)
			continue;	/* every use was dropped */
		if (sym->type == T_UNKNOWN && (sym->read || sym->written))
			unresolved_report(el->s, sym->tok, 1);
	}
}

static void each_scope(struct elab *el,
		       void (*fn)(struct elab *, struct scope *))
{
	struct session *s = el->s;
	int i;

	for (i = 0; i < s->prog.probes.n; i++)
		fn(el, &((struct probe *)s->prog.probes.v[i])->locals);
	for (i = 0; i < s->prog.functions.n; i++) {
		struct function *f = s->prog.functions.v[i];

		if (f->used)
			fn(el, &f->locals);
	}
	fn(el, &s->prog.gscope);
}

static void infer_types(struct session *s)
{
	struct elab el = { .s = s };
	int rounds = 0;

	do {
		el.changed = false;
		infer_all(&el);
	} while (el.changed && ++rounds < 100);
	el.report = true;
	infer_all(&el);
	targets_unreported(&el);
	each_scope(&el, check_scope);
}

/* SystemTap's first optimisation: its warnings, then the dead code. */
static void optimize(struct session *s)
{
	struct elab el = { .s = s };

	each_scope(&el, warn_scope);
	warn_globals(s);
	elide_dead_code(s);
}

static void resolve_all(struct session *s)
{
	struct elab el = { .s = s };
	int i;

	functions_link(s);
	for (i = 0; i < s->prog.probes.n; i++) {
		struct probe *p = s->prog.probes.v[i];

		el.scope = &p->locals;
		el.fn = NULL;
		el.callees = &p->callees;
		resolve_stmt(&el, p->body);
	}
	functions_nesting(s);
}

int elaborate(struct session *s)
{
	/* SystemTap's order; each stage runs only when all before it passed */
	static void (*const stages[])(struct session *) = {
		resolve_probes, resolve_all, cond_check_writes,
		probe_families_check, optimize, infer_types,
		check_foreach_writes,
		add_global_display,
	};
	size_t i;

	for (i = 0; i < ARRAY_LEN(stages); i++) {
		stages[i](s);
		if (s->errors)
			return -1;
	}
	return 0;
}

/* A library's global the script never touches is not part of it. */
bool global_shown(const struct symbol *g)
{
	return !g->tok || !g->tok->src || g->tok->src->user || g->read ||
	       g->written;
}

/* -p2 output, also the canonical text the cache key hashes. */
void program_dump(struct session *s, struct sbuf *sb)
{
	int i, j, shown;

	for (i = 0, shown = 0; i < s->prog.globals.n; i++) {
		struct symbol *g = s->prog.globals.v[i];

		if (!global_shown(g))
			continue;
		if (!shown++)
			sb_puts(sb, "# globals\n");

		sb_printf(sb, "%s%s", g->name, g->wrap ? "%" : "");
		if (g->size)
			sb_printf(sb, "[%" PRId64 "]", g->size);
		sb_printf(sb, ":%s", type_name(g->type));
		for (j = 0; j < g->nkeys; j++)
			sb_printf(sb, "%s%s", j ? ", " : " [",
				  type_name(g->keys[j]));
		if (g->nkeys > 0)
			sb_putc(sb, ']');
		if (g->init) {
			sb_puts(sb, " = ");
			expr_print(sb, g->init);
		}
		sb_putc(sb, '\n');
	}
	for (i = 0; i < s->prog.embeds.n; i++) {
		const struct token *t = s->prog.embeds.v[i];

		sb_printf(sb, "%s%%{%s%%}\n", i ? "" : "# global embedded code\n",
			  t->text);
	}
	for (i = 0, shown = 0; i < s->prog.functions.n; i++) {
		struct function *f = s->prog.functions.v[i];

		if (!f->used)
			continue;
		if (!shown++)
			sb_puts(sb, "# functions\n");
		sb_printf(sb, "%s:%s (", f->name, type_name(f->type));
		for (j = 0; j < f->params.n; j++) {
			struct symbol *a = f->params.v[j];

			sb_printf(sb, "%s%s:%s", j ? ", " : "", a->name,
				  type_name(a->type));
		}
		sb_puts(sb, ")\n");
		/* as SystemTap: a library function shows its signature only
		 * (the cache key has the library's text, cache.c) */
		if (f->tok->src->user)
			stmt_print(sb, f->body, 0);
	}
	sb_puts(sb, "# probes\n");
	for (i = 0; i < s->dprobes.n; i++) {
		struct dprobe *d = s->dprobes.v[i];
		struct probe *p = d->probe;

		shown = 0;
		sb_printf(sb, "%s /* <- %s */\n", d->pp_text, d->origin);
		for (j = 0; j < p->locals.syms.n; j++) {
			struct symbol *l = p->locals.syms.v[j];

			if (l->elided && !l->read)
				continue;	/* optimised away */
			if (!shown++)
				sb_puts(sb, "  # locals\n");
			sb_printf(sb, "  %s:%s\n", l->name, type_name(l->type));
		}
		stmt_print(sb, p->body, 0);
	}
}
