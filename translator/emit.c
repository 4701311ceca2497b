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
};

#define F_READ	1
#define F_WRITE	2

static const char *ctype_decl(enum type t)
{
	return t == T_STRING ? "char %s[MAXSTRINGLEN];" : "s64 %s;";
}

static char *tmp_new(struct emitter *em, enum type t)
{
	char *name = xasprintf("t%d", em->ntmp++);

	sb_puts(&em->tmps, "\t");
	sb_printf(&em->tmps, ctype_decl(t), name);
	sb_puts(&em->tmps, "\n");
	free(name);
	return xasprintf("l->t%d", em->ntmp - 1);
}

static void line(struct emitter *em, struct sbuf *out, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void line(struct emitter *em, struct sbuf *out, const char *fmt, ...)
{
	va_list ap;

	sb_printf(out, "%.*s", em->ind, "\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t");
	va_start(ap, fmt);
	sb_vprintf(out, fmt, ap);
	va_end(ap);
	sb_putc(out, '\n');
}

static char *expr_c(struct emitter *em, struct expr *e, struct sbuf *pre,
		    bool discard);

static bool is_const_c(const struct expr *e)
{
	return e->kind == E_NUMBER || e->kind == E_STRING;
}

/* Save a pure value to a temporary so later side effects cannot change it. */
static char *save(struct emitter *em, struct sbuf *pre, char *val,
		  enum type t)
{
	char *tmp = tmp_new(em, t);

	if (t == T_STRING)
		line(em, pre, "strlcpy(%s, %s, MAXSTRINGLEN);", tmp, val);
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

static char *near(const struct token *t)
{
	struct sbuf sb = { 0 }, q = { 0 };

	token_describe(&sb, t);
	c_string(&q, sb_str(&sb));
	sb_free(&sb);
	return q.s;
}

/* Runtime error: record it and unwind the handler. */
static void fail_if(struct emitter *em, struct sbuf *pre, const char *cond,
		    const char *msg, const struct token *t)
{
	char *where = near(t);

	line(em, pre, "if (unlikely(%s)) {", cond);
	em->ind++;
	line(em, pre, "c->last_error = \"%s\";", msg);
	line(em, pre, "c->last_stmt = %s;", where);
	line(em, pre, "goto out;");
	em->ind--;
	line(em, pre, "}");
	em->used_out = true;
	free(where);
}

static char *var_c(struct emitter *em, struct symbol *sym, bool write)
{
	if (sym->global) {
		em->flags |= write ? F_WRITE : F_READ;
		return xasprintf("g_%s", sym->name);
	}
	return xasprintf("l->v.%s", sym->name);
}

/* a / b and a % b: a zero divisor is a script error; INT64_MIN / -1 traps
 * on x86, so -1 is done by negation instead. */
static char *divide(struct emitter *em, const struct token *t, const char *op,
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
			"\tstrlcpy(%s, %s, MAXSTRINGLEN);" : "\t%s = %s;";

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
	line(em, pre, "strlcpy(%s, %s, MAXSTRINGLEN);", t, a);
	line(em, pre, "strlcat(%s, %s, MAXSTRINGLEN);", t, b);
	free(a);
	free(b);
	return t;
}

static char *assign_c(struct emitter *em, struct expr *e, struct sbuf *pre)
{
	char *v = var_c(em, e->left->sym, true), *r, *q;
	const char *op = e->op;

	if (strcmp(op, "="))
		em->flags |= e->left->sym->global ? F_READ : 0;
	r = expr_c(em, e->right, pre, false);
	if (!strcmp(op, "=") && e->type == T_STRING) {
		if (strcmp(v, r))
			line(em, pre, "strlcpy(%s, %s, MAXSTRINGLEN);", v, r);
	} else if (!strcmp(op, ".=")) {
		line(em, pre, "strlcat(%s, %s, MAXSTRINGLEN);", v, r);
	} else if (!strcmp(op, "=")) {
		line(em, pre, "%s = %s;", v, r);
	} else if (!strcmp(op, "/=") || !strcmp(op, "%=")) {
		q = divide(em, e->tok, op, xstrdup(v), r, pre);
		line(em, pre, "%s = %s;", v, q);
		free(q);
		return v;
	} else if (!strcmp(op, "+=") || !strcmp(op, "-=") ||
		   !strcmp(op, "*=")) {
		line(em, pre, "%s = (s64)((u64)%s %c (u64)(%s));", v, v, *op, r);
	} else if (!strcmp(op, "<<=") || !strcmp(op, ">>=")) {
		line(em, pre, "%s %s ((%s) & 63);", v, op, r);
	} else {
		line(em, pre, "%s %s %s;", v, op, r);
	}
	free(r);
	return v;
}

static char *incdec_c(struct emitter *em, struct expr *e, struct sbuf *pre,
		      bool discard)
{
	char *v = var_c(em, e->left->sym, true), *t;
	char sign = e->op[0];

	em->flags |= e->left->sym->global ? F_READ : 0;
	if (!e->post || discard) {
		line(em, pre, "%s = (s64)((u64)%s %c 1);", v, v, sign);
		return v;
	}
	t = tmp_new(em, T_LONG);
	line(em, pre, "%s = %s;", t, v);
	line(em, pre, "%s = (s64)((u64)%s %c 1);", v, v, sign);
	free(v);
	return t;
}

/* All arguments of a call, evaluated left to right, as pure values. */
static char **args_c(struct emitter *em, struct expr *e, int from,
		     struct sbuf *pre)
{
	char **v = xcalloc(e->args.n + 1, sizeof(*v));
	int i, j;

	for (i = from; i < e->args.n; i++) {
		struct sbuf apre = { 0 };

		v[i] = expr_c(em, e->args.v[i], &apre, false);
		if (apre.len)
			for (j = from; j < i; j++)
				if (!is_const_c(e->args.v[j]))
					v[j] = save(em, pre, v[j],
						    ((struct expr *)e->args.v[j])->type);
		sb_puts(pre, sb_str(&apre));
		sb_free(&apre);
	}
	return v;
}

static void free_args(char **v, int n)
{
	int i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* One kernel vsnprintf conversion for a SystemTap one, plus its cast. */
static void kernel_conv(struct sbuf *fmt, const struct fmt_piece *p,
			const char **cast)
{
	if (p->conv == 'p') {	/* SystemTap: 0x and 16 hex digits */
		sb_puts(fmt, "0x%016llx");
		*cast = "(unsigned long long)";
		return;
	}
	sb_printf(fmt, "%%%s", p->flags);
	if (p->width == -2)
		sb_putc(fmt, '*');
	else if (p->width >= 0)
		sb_printf(fmt, "%d", p->width);
	if (p->prec == -2)
		sb_puts(fmt, ".*");
	else if (p->prec >= 0)
		sb_printf(fmt, ".%d", p->prec);
	switch (p->conv) {
	case 's':
		sb_putc(fmt, 's');
		*cast = "";
		break;
	case 'c':
		sb_putc(fmt, 'c');
		*cast = "(int)";
		break;
	case 'd':
	case 'i':
		sb_puts(fmt, "lld");
		*cast = "(long long)";
		break;
	default:
		sb_printf(fmt, "ll%c", p->conv);
		*cast = "(unsigned long long)";
	}
}

/* Build a kernel format and its argument list from a SystemTap format. */
static void format_c(struct expr *e, char **vals, struct sbuf *fmt,
		     struct sbuf *args)
{
	struct fmt_piece *p;
	const char *err, *cast;
	int n, i, k = 1;

	n = fmt_parse(((struct expr *)e->args.v[0])->str, &p, &err);
	for (i = 0; i < n; i++) {
		const char *t;

		if (!p[i].conv) {
			for (t = p[i].text; *t; t++) {
				if (*t == '%')
					sb_putc(fmt, '%');
				sb_putc(fmt, *t);
			}
			continue;
		}
		if (p[i].width == -2)
			sb_printf(args, ", (int)%s", vals[k++]);
		if (p[i].prec == -2)
			sb_printf(args, ", (int)%s", vals[k++]);
		kernel_conv(fmt, &p[i], &cast);
		sb_printf(args, ", %s%s", cast, vals[k++]);
	}
	free(p);
}

/* print/println: each argument in its natural form, no separator. */
static void print_fmt(struct expr *e, char **vals, bool nl, struct sbuf *fmt,
		      struct sbuf *args)
{
	int i;

	for (i = 0; i < e->args.n; i++) {
		bool str = ((struct expr *)e->args.v[i])->type == T_STRING;

		sb_puts(fmt, str ? "%s" : "%lld");
		sb_printf(args, ", %s%s", str ? "" : "(long long)", vals[i]);
	}
	if (nl)
		sb_putc(fmt, '\n');
}

static char *emit_print(struct emitter *em, struct expr *e, char **vals,
			struct sbuf *pre)
{
	struct sbuf fmt = { 0 }, args = { 0 }, q = { 0 };
	char *ret = xstrdup("0");

	if (e->bi->format)
		format_c(e, vals, &fmt, &args);
	else
		print_fmt(e, vals, e->bi->id == B_PRINTLN, &fmt, &args);
	c_string(&q, sb_str(&fmt));
	if (e->bi->id == B_SPRINTF) {
		free(ret);
		ret = tmp_new(em, T_STRING);
		line(em, pre, "snprintf(%s, MAXSTRINGLEN, %s%s);", ret,
		     sb_str(&q), sb_str(&args));
	} else if (!args.len && e->bi->format) {
		struct sbuf lit = { 0 };

		c_string(&lit, ((struct expr *)e->args.v[0])->str);
		line(em, pre, "stap_print(c, %s);", sb_str(&lit));
		sb_free(&lit);
	} else {
		line(em, pre, "stap_printf(c, %s%s);", sb_str(&q),
		     sb_str(&args));
	}
	sb_free(&fmt);
	sb_free(&args);
	sb_free(&q);
	return ret;
}

static char *call_c(struct emitter *em, struct expr *e, struct sbuf *pre)
{
	char **v, *r = NULL;

	if (!e->bi) {
		semantic_error(em->s, "user functions are not supported yet",
			       e->tok, NULL);
		return xstrdup("0");
	}
	v = args_c(em, e, e->bi->format ? 1 : 0, pre);
	switch (e->bi->id) {
	case B_LOG:
		line(em, pre, "stap_printf(c, \"%%s\\n\", %s);", v[0]);
		break;
	case B_PRINT:
	case B_PRINTLN:
	case B_PRINTF:
	case B_SPRINTF:
		r = emit_print(em, e, v, pre);
		break;
	case B_EXIT:
		line(em, pre, "stap_exit(c);");
		break;
	case B_ERROR:
		line(em, pre, "stap_error(c, %s);", v[0]);
		line(em, pre, "goto out;");
		em->used_out = true;
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
	}
	free_args(v, e->args.n);
	return r ? r : xstrdup("0");
}

static char *number_c(int64_t n)
{
	if (n == INT64_MIN)
		return xstrdup("((s64)0x8000000000000000ULL)");
	return xasprintf("%" PRId64 "LL", n);
}

/* Returns a pure C expression for e; side effects are appended to pre. */
static char *expr_c(struct emitter *em, struct expr *e, struct sbuf *pre,
		    bool discard)
{
	struct sbuf q = { 0 };
	char *a;

	switch (e->kind) {
	case E_NUMBER:
		return number_c(e->num);
	case E_STRING:
		c_string(&q, e->str);
		return q.s;
	case E_VAR:
		return var_c(em, e->sym, false);
	case E_UNARY:
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
	}
	return xstrdup("0");
}

static void stmt_c(struct emitter *em, struct stmt *st, struct sbuf *out);

static void action(struct emitter *em, struct sbuf *out)
{
	line(em, out, "if (STAP_ACTION(c, 1))");
	line(em, out, "\tgoto out;");
	em->used_out = true;
}

static void cond_c(struct emitter *em, struct expr *cond, struct sbuf *out,
		   const char *fmt, int label)
{
	char *c = expr_c(em, cond, out, false);

	line(em, out, fmt, c, label);
	free(c);
}

static void loop_c(struct emitter *em, struct stmt *st, struct sbuf *out)
{
	struct loop lp = { .id = em->nlabel++, .up = em->loop };

	if (st->init)
		stmt_c(em, st->init, out);
	line(em, out, "top%d:", lp.id);
	action(em, out);
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

static void stmt_c(struct emitter *em, struct stmt *st, struct sbuf *out)
{
	char *v;
	int i;

	if (st->kind != S_BLOCK && st->kind != S_NULL)
		action(em, out);
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
		line(em, out, "goto out;");
		em->used_out = true;
		break;
	case S_RETURN:
		semantic_error(em->s, "user functions are not supported yet",
			       st->tok, NULL);
		break;
	}
}

/* One handler per probe body; returns its lock flags. */
static unsigned handler_c(struct session *s, struct probe *p, int idx,
			  struct sbuf *out, bool *has_locals)
{
	struct emitter em = { .s = s, .ind = 1 };
	struct sbuf body = { 0 };
	int i;

	for (i = 0; i < p->locals.syms.n; i++) {
		struct symbol *sym = p->locals.syms.v[i];

		sb_puts(&em.vars, "\t\t");
		sb_printf(&em.vars, ctype_decl(sym->type), sym->name);
		sb_putc(&em.vars, '\n');
	}
	stmt_c(&em, p->body, &body);
	*has_locals = em.vars.len || em.tmps.len;
	if (*has_locals) {
		sb_printf(out, "struct l_probe%d {\n", idx);
		if (em.vars.len)
			sb_printf(out, "\tstruct {\n%s\t} v;\n", em.vars.s);
		sb_printf(out, "%s};\n\n", sb_str(&em.tmps));
	}
	sb_printf(out, "static void probe%d(struct stap_context *c)\n{\n", idx);
	if (*has_locals)
		sb_printf(out, "\tstruct l_probe%d *l = c->locals;\n\n", idx);
	if (em.vars.len)
		sb_puts(out, "\tmemset(&l->v, 0, sizeof(l->v));\n");
	sb_puts(out, sb_str(&body));
	if (em.used_out)
		sb_puts(out, "out:\n\t;\n");
	sb_puts(out, "}\n\n");
	sb_free(&body);
	sb_free(&em.vars);
	sb_free(&em.tmps);
	return em.flags;
}

static void globals_c(struct session *s, struct sbuf *out)
{
	int i;

	for (i = 0; i < s->prog.globals.n; i++) {
		struct symbol *g = s->prog.globals.v[i];
		struct sbuf init = { 0 };

		if (g->type == T_UNKNOWN)
			continue;	/* never used: elided */
		if (g->type == T_STRING) {
			c_string(&init, g->init ? g->init->str : "");
			sb_printf(out, "static char g_%s[MAXSTRINGLEN] = %s;\n",
				  g->name, init.s);
			sb_printf(out, "module_param_string(%s, g_%s, "
				  "MAXSTRINGLEN, 0);\n", g->name, g->name);
		} else {
			char *n = number_c(g->init ? g->init->num : 0);

			sb_printf(out, "static s64 g_%s = %s;\n", g->name, n);
			sb_printf(out, "module_param_cb(%s, &stap_param_ops_long, "
				  "&g_%s, 0);\n", g->name, g->name);
			free(n);
		}
		sb_free(&init);
	}
	if (s->prog.globals.n)
		sb_putc(out, '\n');
}

static const char *const probe_types[] = {
	[PK_BEGIN] = "STAP_PROBE_BEGIN",
	[PK_END] = "STAP_PROBE_END",
	[PK_ERROR] = "STAP_PROBE_ERROR",
	[PK_KPROBE] = "STAP_PROBE_KPROBE",
	[PK_KRETPROBE] = "STAP_PROBE_KRETPROBE",
};

static void probes_c(struct session *s, unsigned *flags, struct sbuf *out)
{
	int i;

	sb_puts(out, "static const struct stap_probe probes[] = {\n");
	for (i = 0; i < s->dprobes.n; i++) {
		struct dprobe *d = s->dprobes.v[i];
		unsigned f = flags[d->handler];
		struct sbuf q = { 0 };

		c_string(&q, d->pp_text);
		sb_printf(out, "\t{ .type = %s, .flags = %s, .priority = %" PRId64
			  ", .pp = %s, ", probe_types[d->kind],
			  f & F_WRITE ? "STAP_PF_LOCK_WRITE" :
			  f & F_READ ? "STAP_PF_LOCK_READ" : "0",
			  d->priority, q.s);
		sb_free(&q);
		if (d->symbol) {
			c_string(&q, d->symbol);
			sb_printf(out, ".symbol = %s, ", q.s);
			sb_free(&q);
		}
		sb_printf(out, ".handler = probe%d },\n", d->handler);
	}
	sb_puts(out, "};\n\n");
}

static void module_c(struct session *s, bool *has_locals, struct sbuf *out)
{
	struct sbuf script = { 0 };
	bool any = false;
	int i;

	for (i = 0; i < s->nhandlers; i++)
		any |= has_locals[i];
	if (any) {
		sb_puts(out, "union stap_locals {\n");
		for (i = 0; i < s->nhandlers; i++)
			if (has_locals[i])
				sb_printf(out, "\tstruct l_probe%d p%d;\n", i, i);
		sb_puts(out, "};\n\n");
	}
	c_string(&script, s->script_file ? s->script_file : "<input>");
	sb_printf(out,
		  "static const struct stap_module mod = {\n"
		  "\t.abi_version = STAP_ABI_VERSION,\n"
		  "\t.nprobes = ARRAY_SIZE(probes),\n"
		  "\t.owner = THIS_MODULE,\n"
		  "\t.probes = probes,\n"
		  "\t.locals_size = %s,\n"
		  "\t.maxaction = MAXACTION_INTERRUPTIBLE,\n"
		  "\t.maxerrors = MAXERRORS,\n"
		  "\t.maxskipped = MAXSKIPPED,\n"
		  "\t.script = %s,\n"
		  "};\n\n"
		  "static struct stap_session *sess;\n\n"
		  "static int __init stap_mod_init(void)\n{\n"
		  "\treturn stap_session_register(&mod, &sess);\n}\n\n"
		  "static void __exit stap_mod_exit(void)\n{\n"
		  "\tstap_session_unregister(sess);\n}\n\n"
		  "module_init(stap_mod_init);\n"
		  "module_exit(stap_mod_exit);\n"
		  "MODULE_LICENSE(\"GPL\");\n",
		  any ? "sizeof(union stap_locals)" : "0", script.s);
	sb_free(&script);
}

int emit(struct session *s)
{
	struct sbuf *out = &s->c_text;
	unsigned *flags = xcalloc(s->nhandlers, sizeof(*flags));
	bool *has_locals = xcalloc(s->nhandlers, sizeof(*has_locals));
	int i;

	sb_printf(out, "/* Generated by stap %s from %s. */\n"
		  "#include <stap/stap.h>\n\n", STAP_VERSION,
		  s->script_file ? s->script_file : "<input>");
	globals_c(s, out);
	for (i = 0; i < s->nhandlers; i++)
		flags[i] = handler_c(s, s->prog.probes.v[i], i, out,
				     &has_locals[i]);
	probes_c(s, flags, out);
	module_c(s, has_locals, out);
	free(flags);
	free(has_locals);
	return s->errors ? -1 : 0;
}
