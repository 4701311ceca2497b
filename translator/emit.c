// SPDX-License-Identifier: GPL-2.0
/*
 * translator/emit.c - pass 3: the elaborated script as one C file against
 * the handler ABI in <stap/stap.h>.
 *
 * Expressions compile to a pure C expression plus "pre" statements that
 * carry every side effect and runtime check.  When a later operand has pre
 * statements, earlier operands are first saved to temporaries, so script
 * evaluation order is kept exactly.  Script locals and temporaries live in
 * the per-CPU scratch c->locals: nothing big goes on the kernel stack.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "btf_target.h"
#include "emit.h"
#include "probe.h"
#include "regex_use.h"
const char *ctype_decl(enum type t)
{
	return t == T_STRING ? "char %s[MAXSTRINGLEN];" : "s64 %s;";
}

char *tmp_new(struct emitter *em, enum type t)
{
	char *name = xasprintf("t%d", em->ntmp++);

	sb_puts(&em->tmps, "\t");
	sb_printf(&em->tmps, ctype_decl(t), name);
	sb_puts(&em->tmps, "\n");
	free(name);
	return xasprintf("l->t%d", em->ntmp - 1);
}

void line(struct emitter *em, struct sbuf *out, const char *fmt, ...)
{
	va_list ap;

	sb_printf(out, "%.*s", em->ind, "\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t");
	va_start(ap, fmt);
	sb_vprintf(out, fmt, ap);
	va_end(ap);
	sb_putc(out, '\n');
}

bool is_const_c(const struct expr *e)
{
	return e->kind == E_NUMBER || e->kind == E_STRING;
}

/* Save a pure value to a temporary so later side effects cannot change it. */
char *save(struct emitter *em, struct sbuf *pre, char *val,
		  enum type t)
{
	char *tmp = tmp_new(em, t);

	if (t == T_STRING)
		line(em, pre, "strscpy(%s, %s, MAXSTRINGLEN);", tmp, val);
	else
		line(em, pre, "%s = %s;", tmp, val);
	free(val);
	return tmp;
}

/* Evaluate a then b in order; returns both pure values. */
static void operands(struct emitter *em, struct expr *a, struct expr *b,
		     struct sbuf *pre, char **va, char **vb)
{
	struct sbuf bpre = { 0 };

	*va = expr_c(em, a, pre, false);
	*vb = expr_c(em, b, &bpre, false);
	if (bpre.len && !is_const_c(a))
		*va = save(em, pre, *va, a->type);
	sb_puts(pre, sb_str(&bpre));
	sb_free(&bpre);
}

char *near_c(const struct token *t)
{
	struct sbuf sb = { 0 }, q = { 0 };

	token_describe(&sb, t);
	c_string(&q, sb_str(&sb));
	sb_free(&sb);
	return q.s;
}

/* Runtime error: record it and unwind the handler. */
void fail_if(struct emitter *em, struct sbuf *pre, const char *cond,
		    const char *msg, const struct token *t)
{
	char *where = near_c(t);

	line(em, pre, "if (unlikely(%s)) {", cond);
	em->ind++;
	line(em, pre, "c->last_error = \"%s\";", msg);
	line(em, pre, "c->last_stmt = %s;", where);
	goto_err(em, pre);
	em->ind--;
	line(em, pre, "}");
	free(where);
}

/* Unwind after a runtime error: to the innermost catch or the exit. */
void goto_err(struct emitter *em, struct sbuf *out)
{
	line(em, out, "goto %s;", em->errlabel);
	if (!strcmp(em->errlabel, "out"))
		em->used_out = true;
	else
		em->err_used = true;
}

void copy_c(struct emitter *em, struct sbuf *out, const char *dst,
	    const char *src, enum type t)
{
	if (t == T_STRING)
		line(em, out, "strscpy(%s, %s, MAXSTRINGLEN);", dst, src);
	else
		line(em, out, "%s = %s;", dst, src);
}

/* A global written: the write lock, and a condition may have changed. */
void global_write(struct emitter *em, const struct symbol *sym)
{
	em->flags |= F_WRITE | (sym->cond_read ? F_CWRITE : 0);
}

static char *var_c(struct emitter *em, struct symbol *sym, bool write)
{
	if (sym->global) {
		if (write)
			global_write(em, sym);
		else
			em->flags |= F_READ;
		return xasprintf("g_%s", sym->name);
	}
	return xasprintf("l->%c.%s", sym->param ? 'a' : 'v', sym->name);
}

/* a / b and a % b: a zero divisor is a script error; INT64_MIN / -1 traps
 * on x86, so -1 is done by negation instead. */
char *divide(struct emitter *em, const struct token *t, const char *op,
		    char *a, char *b, struct sbuf *pre)
{
	char *res = tmp_new(em, T_LONG), *cond;

	if (strchr(b, '('))	/* evaluate a computed divisor once */
		b = save(em, pre, b, T_LONG);
	cond = xasprintf("%s == 0", b);
	fail_if(em, pre, cond, "division by 0", t);
	if (*op == '/')
		line(em, pre, "%s = %s == -1 ? (s64)(0 - (u64)%s) : %s / %s;",
		     res, b, a, a, b);
	else
		line(em, pre, "%s = %s == -1 ? 0 : %s %% %s;", res, b, a, b);
	free(cond);
	free(a);
	free(b);
	return res;
}

static char *binary_c(struct emitter *em, struct expr *e, struct sbuf *pre)
{
	char *a, *b, *r;

	operands(em, e->left, e->right, pre, &a, &b);
	if (!strcmp(e->op, "/") || !strcmp(e->op, "%"))
		return divide(em, e->tok, e->op, a, b, pre);
	if (!strcmp(e->op, ">>>"))
		r = xasprintf("((s64)((u64)(%s) >> ((%s) & 63)))", a, b);
	else if (!strcmp(e->op, "<<") || !strcmp(e->op, ">>"))
		r = xasprintf("((%s) %s ((%s) & 63))", a, e->op, b);
	else if (e->kind == E_COMPARE && e->left->type == T_STRING)
		r = xasprintf("((s64)(strcmp(%s, %s) %s 0))", a, b, e->op);
	else if (e->kind == E_COMPARE)
		r = xasprintf("((s64)((%s) %s (%s)))", a, e->op, b);
	else if (!strcmp(e->op, "+") || !strcmp(e->op, "-") ||
		 !strcmp(e->op, "*"))	/* wrap like SystemTap: no UB */
		r = xasprintf("((s64)((u64)(%s) %s (u64)(%s)))", a, e->op, b);
	else
		r = xasprintf("((%s) %s (%s))", a, e->op, b);
	free(a);
	free(b);
	return r;
}

static char *logical_c(struct emitter *em, struct expr *e, struct sbuf *pre)
{
	bool and = !strcmp(e->op, "&&");
	struct sbuf bpre = { 0 };
	char *a, *b, *t;

	a = expr_c(em, e->left, pre, false);
	em->ind++;
	b = expr_c(em, e->right, &bpre, false);
	em->ind--;
	if (!bpre.len) {
		t = xasprintf("((s64)((%s) %s (%s)))", a, e->op, b);
	} else {
		t = tmp_new(em, T_LONG);
		line(em, pre, "%s = %d;", t, !and);
		line(em, pre, "if (%s(%s)) {", and ? "" : "!", a);
		sb_puts(pre, bpre.s);
		em->ind++;
		line(em, pre, "%s = (%s) != 0;", t, b);
		em->ind--;
		line(em, pre, "}");
	}
	sb_free(&bpre);
	free(a);
	free(b);
	return t;
}

static char *ternary_c(struct emitter *em, struct expr *e, struct sbuf *pre)
{
	struct sbuf apre = { 0 }, bpre = { 0 };
	char *c, *a, *b, *t;

	c = expr_c(em, e->cond, pre, false);
	em->ind++;
	a = expr_c(em, e->left, &apre, false);
	b = expr_c(em, e->right, &bpre, false);
	em->ind--;
	if (!apre.len && !bpre.len) {
		t = xasprintf("((%s) ? %s : %s)", c, a, b);
	} else {
		const char *cp = e->type == T_STRING ?
			"\tstrscpy(%s, %s, MAXSTRINGLEN);" : "\t%s = %s;";

		t = tmp_new(em, e->type);
		line(em, pre, "if (%s) {", c);
		sb_puts(pre, sb_str(&apre));
		line(em, pre, cp, t, a);
		line(em, pre, "} else {");
		sb_puts(pre, sb_str(&bpre));
		line(em, pre, cp, t, b);
		line(em, pre, "}");
	}
	sb_free(&apre);
	sb_free(&bpre);
	free(c);
	free(a);
	free(b);
	return t;
}

static char *concat_c(struct emitter *em, struct expr *e, struct sbuf *pre)
{
	char *a, *b, *t;

	operands(em, e->left, e->right, pre, &a, &b);
	t = tmp_new(em, T_STRING);
	line(em, pre, "strscpy(%s, %s, MAXSTRINGLEN);", t, a);
	line(em, pre, "strlcat(%s, %s, MAXSTRINGLEN);", t, b);
	free(a);
	free(b);
	return t;
}

/* $name: a read that can fault is checked before the statement goes on. */
static char *target_get_c(struct emitter *em, struct expr *e,
			  struct sbuf *pre)
{
	char *t;

	if (!e->tv->faults)
		return xstrdup(e->tv->get);
	t = tmp_new(em, e->tv->type);
	line(em, pre, "%s = %s;", t, e->tv->get);
	check_err(em, pre, e->tok);
	return t;
}

/* @cast(p, "type")->member: checked at pass 2, read as a $name is. */
static char *cast_c(struct emitter *em, struct expr *e, struct sbuf *pre)
{
	struct target_var tv = { 0 };
	char *a = expr_c(em, e->left, pre, false), *t;

	if (btf_cast_target(kernel_btf(em->s), e->str, e->raw, a, e, &tv))
		return xstrdup("0");	/* reported at pass 2 */
	free(a);
	if (!tv.faults)
		return xstrdup(tv.get);
	t = tmp_new(em, T_LONG);
	line(em, pre, "%s = %s;", t, tv.get);
	check_err(em, pre, e->tok);
	return t;
}

/* $name = v, $name .= v: the probe type's C (struct target_var). */
static char *target_set_c(struct emitter *em, struct expr *e,
			  struct sbuf *pre)
{
	const struct target_var *tv = e->left->tv;
	char *r = expr_c(em, e->right, pre, false);
	char *st = xasprintf(strcmp(e->op, "=") ? tv->append : tv->set, r);

	line(em, pre, "%s", st);
	free(st);
	check_err(em, pre, e->left->tok);
	return r;
}

static char *assign_c(struct emitter *em, struct expr *e, struct sbuf *pre)
{
	char *v, *r, *q, *k = NULL;
	const char *op = e->op;
	struct expr *ref = e->left;

	if (!strcmp(op, "<<<"))
		return stat_add_c(em, e, pre);
	if (ref->kind == E_TARGET)
		return target_set_c(em, e, pre);
	if (ref->kind == E_INDEX) {
		k = keys_c(em, ref, pre, NULL);
		if (!strcmp(op, "=")) {
			r = expr_c(em, e->right, pre, false);
			index_store_c(em, ref, k, r, pre);
			free(k);
			return r;
		}
		v = tmp_new(em, ref->sym->type);
		em->flags |= F_READ;
		if (ref->sym->type == T_STRING)
			line(em, pre, "stap_map_get_str(c, %d, %s, %s);",
			     ref->sym->map, k, v);
		else
			line(em, pre, "%s = stap_map_get_long(c, %d, %s);", v,
			     ref->sym->map, k);
	} else {
		v = var_c(em, ref->sym, true);
		if (strcmp(op, "="))
			em->flags |= ref->sym->global ? F_READ : 0;
	}
	r = expr_c(em, e->right, pre, false);
	if (!strcmp(op, "=") && e->type == T_STRING) {
		if (strcmp(v, r))
			line(em, pre, "strscpy(%s, %s, MAXSTRINGLEN);", v, r);
	} else if (!strcmp(op, ".=")) {
		line(em, pre, "strlcat(%s, %s, MAXSTRINGLEN);", v, r);
	} else if (!strcmp(op, "=")) {
		line(em, pre, "%s = %s;", v, r);
	} else if (!strcmp(op, "/=") || !strcmp(op, "%=")) {
		q = divide(em, e->tok, op, xstrdup(v), r, pre);
		line(em, pre, "%s = %s;", v, q);
		free(q);
		r = NULL;
	} else if (!strcmp(op, "+=") || !strcmp(op, "-=") ||
		   !strcmp(op, "*=")) {
		line(em, pre, "%s = (s64)((u64)%s %c (u64)(%s));", v, v, *op, r);
	} else if (!strcmp(op, "<<=") || !strcmp(op, ">>=")) {
		line(em, pre, "%s %s ((%s) & 63);", v, op, r);
	} else {
		line(em, pre, "%s %s %s;", v, op, r);
	}
	free(r);
	if (k) {
		index_store_c(em, ref, k, v, pre);
		free(k);
	}
	return v;
}

static char *incdec_c(struct emitter *em, struct expr *e, struct sbuf *pre,
		      bool discard)
{
	char *v, *t, *k = NULL;
	char sign = e->op[0];
	struct expr *ref = e->left;

	if (ref->kind == E_INDEX) {
		k = keys_c(em, ref, pre, NULL);
		v = tmp_new(em, T_LONG);
		em->flags |= F_READ;
		line(em, pre, "%s = stap_map_get_long(c, %d, %s);", v,
		     ref->sym->map, k);
	} else {
		v = var_c(em, ref->sym, true);
		em->flags |= ref->sym->global ? F_READ : 0;
	}
	t = v;
	if (e->post && !discard) {
		t = tmp_new(em, T_LONG);
		line(em, pre, "%s = %s;", t, v);
	}
	line(em, pre, "%s = (s64)((u64)%s %c 1);", v, v, sign);
	if (k) {
		index_store_c(em, ref, k, v, pre);
		free(k);
	}
	if (t != v)
		free(v);
	return t;
}

/* All arguments of a call, evaluated left to right, as pure values. */
char **args_c(struct emitter *em, struct expr *e, int from,
		     struct sbuf *pre)
{
	char **v = xcalloc(e->args.n + 1, sizeof(*v));
	int i, j;

	for (i = from; i < e->args.n; i++) {
		struct sbuf apre = { 0 };

		if (!e->args.v[i]) {	/* a '*' key */
			v[i] = xstrdup("0");
			continue;
		}
		v[i] = expr_c(em, e->args.v[i], &apre, false);
		if (apre.len)
			for (j = from; j < i; j++)
				if (e->args.v[j] && !is_const_c(e->args.v[j]))
					v[j] = save(em, pre, v[j],
						    ((struct expr *)e->args.v[j])->type);
		sb_puts(pre, sb_str(&apre));
		sb_free(&apre);
	}
	return v;
}

void free_args(char **v, int n)
{
	int i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static char *call_c(struct emitter *em, struct expr *e, struct sbuf *pre)
{
	char **v, *r = NULL;

	if (!e->bi)
		return fn_call_c(em, e, pre);
	if (e->args.n == 1 && is_hist(e->args.v[0]))
		return hist_print_call_c(em, e, pre);
	v = args_c(em, e, e->bi->format ? 1 : 0, pre);
	switch (e->bi->id) {
	case B_LOG:
		line(em, pre, "stap_printf(c, \"%%s\\n\", %s);", v[0]);
		break;
	case B_PRINT:
	case B_PRINTLN:
	case B_PRINTF:
	case B_SPRINTF:
	case B_SPRINT:
	case B_SPRINTLN:
	case B_PRINTD:
	case B_PRINTDLN:
	case B_SPRINTD:
	case B_SPRINTDLN:
		r = emit_print(em, e, v, pre);
		break;
	case B_EXIT:
		line(em, pre, "stap_exit(c);");
		break;
	case B_SWITCH_FILE:	/* staprun -S: on to the next file */
		line(em, pre, "stap_switch_file(c);");
		break;
	case B_ERROR:
		line(em, pre, "stap_error(c, %s);", v[0]);
		goto_err(em, pre);
		break;
	case B_WARN:
		line(em, pre, "stap_warn(c, %s);", v[0]);
		break;
	case B_PP:
		r = xstrdup("c->probe->pp");
		break;
	case B_STRLEN:
		r = xasprintf("((s64)strlen(%s))", v[0]);
		break;
	case B_MATCHED:
	case B_NGROUPS:
		r = regex_call_c(em, e, v, pre);
		break;
	default:
		r = tapset_c(em, e, v, pre);
		break;
	}
	free_args(v, e->args.n);
	return r ? r : xstrdup("0");
}

char *number_c(int64_t n)
{
	if (n == INT64_MIN)
		return xstrdup("((s64)0x8000000000000000ULL)");
	return xasprintf("%" PRId64 "LL", n);
}

/* Returns a pure C expression for e; side effects are appended to pre. */
char *expr_c(struct emitter *em, struct expr *e, struct sbuf *pre,
		    bool discard)
{
	struct sbuf q = { 0 };
	char *a;

	switch (e->kind) {
	case E_NUMBER:
		return e->param ? arg_expr_c(em->s, e) : number_c(e->num);
	case E_STRING:
		if (e->param)
			return arg_expr_c(em->s, e);
		c_string(&q, e->str);
		return q.s;
	case E_VAR:
		if (e->sym->global && e->sym->type == T_STATS)
			return xstrdup("0");	/* only in print(@hist) */
		return var_c(em, e->sym, false);
	case E_UNARY:
		if (!strcmp(e->op, "@cast"))
			return cast_c(em, e, pre);
		a = expr_c(em, e->left, pre, false);
		if (!strcmp(e->op, "+"))
			return a;
		q.s = !strcmp(e->op, "-") ?
			xasprintf("((s64)(0 - (u64)(%s)))", a) :
			!strcmp(e->op, "!") ? xasprintf("((s64)!(%s))", a) :
			xasprintf("(~(%s))", a);
		free(a);
		return q.s;
	case E_BINARY:
	case E_COMPARE:
		return binary_c(em, e, pre);
	case E_LOGICAL:
		return logical_c(em, e, pre);
	case E_CONCAT:
		return concat_c(em, e, pre);
	case E_TERNARY:
		return ternary_c(em, e, pre);
	case E_ASSIGN:
		return assign_c(em, e, pre);
	case E_INCDEC:
		return incdec_c(em, e, pre, discard);
	case E_CALL:
		return call_c(em, e, pre);
	case E_INDEX:
		if (e->left)
			return hist_bucket_c(em, e, pre);
		return index_read_c(em, e, pre);
	case E_IN:
		return in_c(em, e, pre);
	case E_STATOP:
		return statop_c(em, e, pre);
	case E_REGEX:
		return regex_c(em, e, pre);
	case E_TARGET:	/* as its probe type reads it */
		return target_get_c(em, e, pre);
	}
	return xstrdup("0");
}

/* The statement budget; an overrun is reported near the statement. */
void action_c(struct emitter *em, struct sbuf *out,
		   const struct token *t)
{
	struct sbuf sb = { 0 }, q = { 0 };

	token_describe(&sb, t);
	c_string(&q, sb_str(&sb));
	line(em, out, "if (STAP_ACTION(c, 1, %s))", q.s);
	sb_free(&sb);
	sb_free(&q);
	em->ind++;
	goto_err(em, out);
	em->ind--;
}

static void cond_c(struct emitter *em, struct expr *cond, struct sbuf *out,
		   const char *fmt, int label)
{
	char *c = expr_c(em, cond, out, false);

	line(em, out, fmt, c, label);
	free(c);
}

/*
 * Every iteration is charged so even an empty loop ends; SystemTap charges
 * the body's statements, so an overrun names the body's first statement.
 */
static const struct token *loop_tok(const struct stmt *st)
{
	const struct stmt *b = st->body;

	while (b && b->kind == S_BLOCK && b->stmts.n)
		b = b->stmts.v[0];
	return b && b->kind != S_BLOCK && b->kind != S_NULL ? b->tok : st->tok;
}

static void loop_c(struct emitter *em, struct stmt *st, struct sbuf *out)
{
	struct loop lp = { .id = em->nlabel++, .up = em->loop };

	if (st->init)
		stmt_c(em, st->init, out);
	line(em, out, "top%d:", lp.id);
	action_c(em, out, loop_tok(st));
	if (st->cond) {
		cond_c(em, st->cond, out, "if (!(%s)) goto brk%d;", lp.id);
		lp.brk = true;
	}
	em->loop = &lp;
	stmt_c(em, st->body, out);
	em->loop = lp.up;
	if (lp.cnt)
		line(em, out, "cnt%d: ;", lp.id);
	if (st->incr)
		stmt_c(em, st->incr, out);
	line(em, out, "goto top%d;", lp.id);
	if (lp.brk)
		line(em, out, "brk%d: ;", lp.id);
}

/*
 * try { } catch [(msg)] { }: runtime errors in the body jump to the catch,
 * except MAXACTION exceeded, which goes on unwinding.
 */
static void try_c(struct emitter *em, struct stmt *st, struct sbuf *out)
{
	const char *outer = em->errlabel;
	bool outer_used = em->err_used;
	char *label = xasprintf("catch%d", em->nlabel++);
	struct sbuf body = { 0 };

	em->errlabel = label;
	em->err_used = false;
	stmt_c(em, st->body, &body);
	em->errlabel = outer;
	sb_puts(out, sb_str(&body));
	if (em->err_used) {
		line(em, out, "goto %s_end;", label);
		line(em, out, "%s:", label);
		line(em, out, "if (!strcmp(c->last_error, \"MAXACTION exceeded\"))");
		em->ind++;
		goto_err(em, out);
		em->ind--;
		if (st->expr) {
			char *v = expr_c(em, st->expr, out, false);

			line(em, out, "strscpy(%s, c->last_error, MAXSTRINGLEN);", v);
			free(v);
		}
		line(em, out, "c->last_error = NULL;");
		line(em, out, "c->last_stmt = NULL;");
		stmt_c(em, st->els, out);
		line(em, out, "%s_end: ;", label);
	}
	em->err_used |= outer_used;
	sb_free(&body);
	free(label);
}

static void delete_c(struct emitter *em, struct stmt *st, struct sbuf *out)
{
	char *v;

	if (st->expr->kind == E_INDEX || is_map_sym(st->expr->sym)) {
		map_delete_c(em, st->expr, out);
		return;
	}
	v = expr_c(em, st->expr, out, false);

	if (st->expr->sym->global)
		global_write(em, st->expr->sym);
	if (st->expr->type == T_STRING)
		line(em, out, "%s[0] = '\\0';", v);
	else
		line(em, out, "%s = 0;", v);
	free(v);
}

void stmt_c(struct emitter *em, struct stmt *st, struct sbuf *out)
{
	char *v;
	int i;

	if (st->kind != S_BLOCK && st->kind != S_NULL &&
	    st->kind != S_EMBEDDED)
		action_c(em, out, st->tok);
	switch (st->kind) {
	case S_NULL:
		break;
	case S_BLOCK:
		for (i = 0; i < st->stmts.n; i++)
			stmt_c(em, st->stmts.v[i], out);
		break;
	case S_EXPR:
		free(expr_c(em, st->expr, out, true));
		break;
	case S_IF:
		v = expr_c(em, st->cond, out, false);
		line(em, out, "if (%s) {", v);
		free(v);
		em->ind++;
		stmt_c(em, st->then, out);
		em->ind--;
		if (st->els) {
			line(em, out, "} else {");
			em->ind++;
			stmt_c(em, st->els, out);
			em->ind--;
		}
		line(em, out, "}");
		break;
	case S_WHILE:
	case S_FOR:
		loop_c(em, st, out);
		break;
	case S_BREAK:
	case S_CONTINUE:
		line(em, out, "goto %s%d;", st->kind == S_BREAK ? "brk" : "cnt",
		     em->loop->id);
		if (st->kind == S_BREAK)
			em->loop->brk = true;
		else
			em->loop->cnt = true;
		break;
	case S_NEXT:
		if (em->fn) {
			line(em, out, "return 1;");
		} else {
			line(em, out, "goto out;");
			em->used_out = true;
		}
		break;
	case S_RETURN:
		fn_return_c(em, st, out);
		break;
	case S_TRY:
		try_c(em, st, out);
		break;
	case S_DELETE:
		delete_c(em, st, out);
		break;
	case S_FOREACH:
		foreach_c(em, st, out);
		break;
	case S_EMBEDDED:
		embedded_body_c(em, st, out);
		break;
	}
}

