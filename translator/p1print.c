// SPDX-License-Identifier: GPL-2.0
/*
 * translator/p1print.c - "stap -p1": the parse tree after preprocessing,
 * printed the way SystemTap 4.8 prints it: every operand of an operator
 * in parentheses, one statement per line followed by ';', no indentation,
 * globals then probes then functions.
 */
#include <inttypes.h>
#include <string.h>

#include "ast.h"

static void p1_expr(struct sbuf *sb, const struct expr *e);
static void p1_stmt(struct sbuf *sb, const struct stmt *s);

/* printf formats are printed with their backslashes doubled */
static void p1_string(struct sbuf *sb, const char *raw, bool format)
{
	sb_putc(sb, '"');
	for (; *raw; raw++) {
		if (*raw == '"' || (format && *raw == '\\'))
			sb_putc(sb, '\\');
		sb_putc(sb, *raw);
	}
	sb_putc(sb, '"');
}

static void p1_literal(struct sbuf *sb, const struct expr *e)
{
	if (e->kind == E_STRING)
		p1_string(sb, e->raw ? e->raw : e->str, false);
	else if (e->negated)
		sb_printf(sb, "-(%" PRId64 ")", (int64_t)(0 - (uint64_t)e->num));
	else
		sb_printf(sb, "%" PRId64, e->num);
}

static void paren(struct sbuf *sb, const struct expr *e)
{
	sb_putc(sb, '(');
	p1_expr(sb, e);
	sb_putc(sb, ')');
}

static void p1_list(struct sbuf *sb, const struct vec *v)
{
	int i;

	for (i = 0; i < v->n; i++) {
		sb_puts(sb, i ? ", " : "");
		if (v->v[i])
			p1_expr(sb, v->v[i]);
		else
			sb_putc(sb, '*');
	}
}

static void p1_call(struct sbuf *sb, const struct expr *e)
{
	const char *name = e->tok->text;
	bool format = !strcmp(name, "printf") || !strcmp(name, "sprintf");
	int i;

	sb_printf(sb, "%s(", name);
	for (i = 0; i < e->args.n; i++) {
		const struct expr *a = e->args.v[i];

		sb_puts(sb, i ? ", " : "");
		if (!i && format && a->kind == E_STRING)
			p1_string(sb, a->raw ? a->raw : a->str, true);
		else
			p1_expr(sb, a);
	}
	sb_putc(sb, ')');
}

static void p1_expr(struct sbuf *sb, const struct expr *e)
{
	switch (e->kind) {
	case E_NUMBER:
	case E_STRING:
		p1_literal(sb, e);
		break;
	case E_VAR:
	case E_TARGET:
		if (e->addr_of)
			sb_puts(sb, "&");
		sb_puts(sb, e->tok->text);
		path_print(sb, e);
		break;
	case E_UNARY:
		if (!strcmp(e->op, "@cast")) {
			cast_print(sb, e, p1_expr);
			break;
		}
		sb_puts(sb, e->op);
		paren(sb, e->left);
		break;
	case E_INCDEC:
		if (!e->post)
			sb_puts(sb, e->op);
		paren(sb, e->left);
		if (e->post)
			sb_puts(sb, e->op);
		break;
	case E_TERNARY:
		paren(sb, e->cond);
		sb_putc(sb, '?');
		paren(sb, e->left);
		sb_putc(sb, ':');
		paren(sb, e->right);
		break;
	case E_CALL:
		p1_call(sb, e);
		break;
	case E_INDEX:
		if (e->left)
			p1_expr(sb, e->left);
		else
			sb_puts(sb, e->tok->text);
		sb_putc(sb, '[');
		p1_list(sb, &e->args);
		sb_putc(sb, ']');
		break;
	case E_IN:
		sb_putc(sb, '[');
		p1_list(sb, &e->args);
		sb_printf(sb, "] in %s", e->left->tok->text);
		break;
	case E_STATOP:
		sb_printf(sb, "%s(", e->op);
		p1_expr(sb, e->left);
		if (e->args.n)
			sb_puts(sb, ", ");
		p1_list(sb, &e->args);
		sb_putc(sb, ')');
		break;
	default:	/* binary forms and assignments */
		paren(sb, e->left);
		sb_printf(sb, " %s ", e->op);
		paren(sb, e->right);
	}
}

static void p1_foreach(struct sbuf *sb, const struct foreach *fe)
{
	int i;

	sb_puts(sb, "foreach (");
	if (fe->value) {
		p1_expr(sb, fe->value);
		sb_puts(sb, " = ");
	}
	sb_putc(sb, '[');
	for (i = 0; i < fe->keys.n; i++) {
		sb_puts(sb, i ? ", " : "");
		p1_expr(sb, fe->keys.v[i]);
		if (fe->sort_dir && fe->sort_key == i + 1)
			sb_putc(sb, fe->sort_dir > 0 ? '+' : '-');
	}
	sb_puts(sb, "] in ");
	p1_expr(sb, fe->array);
	if (fe->stat_field)
		sb_printf(sb, " %s", fe->stat_field);
	if (fe->sort_dir && !fe->sort_key)
		sb_putc(sb, fe->sort_dir > 0 ? '+' : '-');
	if (fe->limit) {
		sb_puts(sb, " limit ");
		p1_expr(sb, fe->limit);
	}
	sb_puts(sb, ") ");
}

static void p1_try(struct sbuf *sb, const struct stmt *s)
{
	sb_puts(sb, "try {\n");
	p1_stmt(sb, s->body);
	sb_puts(sb, "\n} catch");
	if (s->expr) {
		sb_puts(sb, " (");
		p1_expr(sb, s->expr);
		sb_putc(sb, ')');
	}
	sb_puts(sb, " {\n");
	p1_stmt(sb, s->els);
	sb_puts(sb, "\n}\n");
}

static void p1_stmt(struct sbuf *sb, const struct stmt *s)
{
	int i;

	switch (s->kind) {
	case S_EMBEDDED:
		sb_printf(sb, "%%{%s%%}", s->tok->text);
		break;
	case S_NULL:
		sb_putc(sb, ';');
		break;
	case S_BLOCK:
		sb_puts(sb, "{\n");
		for (i = 0; i < s->stmts.n; i++) {
			p1_stmt(sb, s->stmts.v[i]);
			sb_puts(sb, ";\n");
		}
		sb_putc(sb, '}');
		break;
	case S_EXPR:
		p1_expr(sb, s->expr);
		break;
	case S_IF:
		sb_puts(sb, "if (");
		p1_expr(sb, s->cond);
		sb_puts(sb, ") ");
		p1_stmt(sb, s->then);
		sb_putc(sb, '\n');
		if (s->els) {
			sb_puts(sb, "else ");
			p1_stmt(sb, s->els);
			sb_putc(sb, '\n');
		}
		break;
	case S_WHILE:
	case S_FOR:
		sb_puts(sb, "for (");
		if (s->init)
			p1_stmt(sb, s->init);
		sb_puts(sb, "; ");
		if (s->cond)
			p1_expr(sb, s->cond);
		else
			sb_putc(sb, '1');
		sb_puts(sb, "; ");
		if (s->incr)
			p1_stmt(sb, s->incr);
		sb_puts(sb, ") ");
		p1_stmt(sb, s->body);
		break;
	case S_FOREACH:
		p1_foreach(sb, s->fe);
		p1_stmt(sb, s->body);
		break;
	case S_BREAK:
		sb_puts(sb, "break");
		break;
	case S_CONTINUE:
		sb_puts(sb, "continue");
		break;
	case S_NEXT:
		sb_puts(sb, "next");
		break;
	case S_RETURN:
		sb_puts(sb, "return");
		if (s->expr) {
			sb_putc(sb, ' ');
			p1_expr(sb, s->expr);
		}
		break;
	case S_DELETE:
		sb_puts(sb, "delete ");
		p1_expr(sb, s->expr);
		break;
	case S_TRY:
		p1_try(sb, s);
		break;
	}
}

static void p1_global(struct sbuf *sb, const struct symbol *g)
{
	sb_printf(sb, "global %s", g->name);
	if (g->wrap)
		sb_putc(sb, '%');
	if (g->size)
		sb_printf(sb, "[%" PRId64 "]", g->size);
	if (g->init) {
		sb_puts(sb, " = ");
		p1_literal(sb, g->init);
	}
	sb_putc(sb, '\n');
}

/* Only the user script's own declarations: the library is not shown. */
static bool from_user(const struct token *t)
{
	return t->src && t->src->user;
}

void p1_print(struct sbuf *sb, const struct program *prog, const char *file)
{
	int i, j;

	sb_printf(sb, "# parse tree dump\n# file %s\n", file);
	for (i = 0; i < prog->embeds.n; i++) {
		const struct token *t = prog->embeds.v[i];

		if (from_user(t))
			sb_printf(sb, "%%{%s%%}", t->text);
	}
	for (i = 0; i < prog->globals.n; i++)
		if (from_user(((struct symbol *)prog->globals.v[i])->tok))
			p1_global(sb, prog->globals.v[i]);
	for (i = 0; i < prog->probes.n; i++) {
		const struct probe *p = prog->probes.v[i];

		if (!p->user)
			continue;
		sb_puts(sb, "probe ");
		for (j = 0; j < p->pps.n; j++) {
			sb_puts(sb, j ? "," : "");
			pp_print(sb, p->pps.v[j]);
		}
		p1_stmt(sb, p->body);
		sb_putc(sb, '\n');
	}
	for (i = 0; i < prog->functions.n; i++) {
		const struct function *f = prog->functions.v[i];

		if (!from_user(f->tok))
			continue;
		sb_printf(sb, "function %s (", f->name);
		for (j = 0; j < f->params.n; j++)
			sb_printf(sb, "%s%s", j ? ", " : "",
				  ((struct symbol *)f->params.v[j])->name);
		sb_puts(sb, ")\n");
		p1_stmt(sb, f->body);
		sb_putc(sb, '\n');
	}
	sb_putc(sb, '\n');
}
