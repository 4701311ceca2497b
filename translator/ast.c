// SPDX-License-Identifier: GPL-2.0
/*
 * translator/ast.c - node constructors, scopes and the pretty-printer that
 * -p1 shows and the cache key hashes.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "ast.h"

const char *type_name(enum type t)
{
	switch (t) {
	case T_LONG:	return "long";
	case T_STRING:	return "string";
	case T_STATS:	return "stats";
	default:	return "unknown";
	}
}

struct expr *expr_new(enum expr_kind kind, const struct token *tok)
{
	struct expr *e = xcalloc(1, sizeof(*e));

	e->kind = kind;
	e->tok = tok;
	return e;
}

struct stmt *stmt_new(enum stmt_kind kind, const struct token *tok)
{
	struct stmt *s = xcalloc(1, sizeof(*s));

	s->kind = kind;
	s->tok = tok;
	return s;
}

struct symbol *scope_find(struct scope *sc, const char *name, bool up)
{
	int i;

	for (; sc; sc = up ? sc->parent : NULL)
		for (i = 0; i < sc->syms.n; i++) {
			struct symbol *sym = sc->syms.v[i];

			if (!strcmp(sym->name, name))
				return sym;
		}
	return NULL;
}

/* A C (and SystemTap) string literal for s. */
void c_string(struct sbuf *sb, const char *s)
{
	sb_putc(sb, '"');
	for (; *s; s++) {
		unsigned char c = *s;

		switch (c) {
		case '\n': sb_puts(sb, "\\n"); break;
		case '\t': sb_puts(sb, "\\t"); break;
		case '\r': sb_puts(sb, "\\r"); break;
		case '"': sb_puts(sb, "\\\""); break;
		case '\\': sb_puts(sb, "\\\\"); break;
		case '?': sb_puts(sb, "\\?"); break;	/* no trigraphs */
		default:
			if (c < 0x20 || c >= 0x7f)
				sb_printf(sb, "\\%03o", c);
			else
				sb_putc(sb, c);
		}
	}
	sb_putc(sb, '"');
}

static void literal_print(struct sbuf *sb, const struct expr *e)
{
	if (e->kind == E_STRING)
		c_string(sb, e->str);
	else
		sb_printf(sb, "%" PRId64, e->num);
}

/* Print globals as SystemTap names them once resolved: __global_NAME. */
static bool global_names;

void pp_print(struct sbuf *sb, const struct probe_point *pp)
{
	int i;

	for (i = 0; i < pp->comps.n; i++) {
		const struct component *c = pp->comps.v[i];

		sb_printf(sb, "%s%s", i ? "." : "", c->name);
		if (c->arg) {
			sb_putc(sb, '(');
			literal_print(sb, c->arg);
			sb_putc(sb, ')');
		}
	}
	if (pp->sufficient)
		sb_putc(sb, '!');
	else if (pp->optional)
		sb_putc(sb, '?');
}

/*
 * pp() of a point with its condition, as SystemTap shows it: a condition
 * names only globals, so every variable in it is one.
 */
void pp_print_cond(struct sbuf *sb, const struct probe_point *pp)
{
	pp_print(sb, pp);
	if (!pp->cond)
		return;
	global_names = true;
	sb_puts(sb, " if (");
	expr_print(sb, pp->cond);
	sb_putc(sb, ')');
	global_names = false;
}

static const char *global_prefix(void)
{
	return global_names ? "__global_" : "";
}

static void keys_print(struct sbuf *sb, const struct vec *keys)
{
	int i;

	for (i = 0; i < keys->n; i++) {
		if (i)
			sb_puts(sb, ", ");
		if (keys->v[i])
			expr_print(sb, keys->v[i]);
		else
			sb_putc(sb, '*');
	}
}

/* $name->member[N], as SystemTap's target_symbol::print */
void path_print(struct sbuf *sb, const struct expr *e)
{
	int i;

	for (i = 0; i < e->path.n; i++) {
		const struct expr *c = e->path.v[i];

		if (c->kind == E_STRING)
			sb_printf(sb, "->%s", c->str);
		else
			sb_printf(sb, "[%lld]", (long long)c->num);
	}
}

/* @cast(ptr, "type"[, "module"])->member, as SystemTap prints it */
void cast_print(struct sbuf *sb, const struct expr *e,
		void (*print)(struct sbuf *, const struct expr *))
{
	sb_printf(sb, "%s@cast(", e->addr_of ? "&" : "");
	print(sb, e->left);
	sb_printf(sb, ", \"%s\"", e->str);
	if (e->raw)
		sb_printf(sb, ", \"%s\"", e->raw);
	sb_putc(sb, ')');
	path_print(sb, e);
}

void expr_print(struct sbuf *sb, const struct expr *e)
{
	int i;

	switch (e->kind) {
	case E_NUMBER:
	case E_STRING:
		literal_print(sb, e);
		break;
	case E_VAR:
	case E_TARGET:
		sb_printf(sb, "%s%s%s", e->addr_of ? "&" : "",
			  global_prefix(), e->tok->text);
		path_print(sb, e);
		break;
	case E_UNARY:
		if (!strcmp(e->op, "@cast")) {
			cast_print(sb, e, expr_print);
			break;
		}
		sb_printf(sb, "%s(", e->op);
		expr_print(sb, e->left);
		sb_putc(sb, ')');
		break;
	case E_INCDEC:
		sb_puts(sb, e->post ? "" : e->op);
		expr_print(sb, e->left);
		sb_puts(sb, e->post ? e->op : "");
		break;
	case E_TERNARY:
		sb_putc(sb, '(');
		expr_print(sb, e->cond);
		sb_puts(sb, ")?(");
		expr_print(sb, e->left);
		sb_puts(sb, "):(");
		expr_print(sb, e->right);
		sb_putc(sb, ')');
		break;
	case E_CALL:
		sb_printf(sb, "%s(", e->tok->text);
		for (i = 0; i < e->args.n; i++) {
			if (i)
				sb_puts(sb, ", ");
			expr_print(sb, e->args.v[i]);
		}
		sb_putc(sb, ')');
		break;
	case E_INDEX:
		if (e->left)
			expr_print(sb, e->left);
		else
			sb_printf(sb, "%s%s", global_prefix(), e->tok->text);
		sb_putc(sb, '[');
		keys_print(sb, &e->args);
		sb_putc(sb, ']');
		break;
	case E_IN:
		sb_putc(sb, '[');
		keys_print(sb, &e->args);
		sb_printf(sb, "] in %s%s", global_prefix(), e->left->tok->text);
		break;
	case E_STATOP:
		sb_printf(sb, "%s(", e->op);
		expr_print(sb, e->left);
		for (i = 0; i < e->args.n; i++) {
			sb_puts(sb, ", ");
			expr_print(sb, e->args.v[i]);
		}
		sb_putc(sb, ')');
		break;
	case E_ASSIGN:
		expr_print(sb, e->left);
		sb_printf(sb, " %s ", e->op);
		expr_print(sb, e->right);
		break;
	case E_REGEX:	/* the regex as written */
		sb_putc(sb, '(');
		expr_print(sb, e->left);
		sb_printf(sb, ") %s \"%s\"", e->op, e->right->str);
		break;
	default:	/* binary forms */
		sb_putc(sb, '(');
		expr_print(sb, e->left);
		sb_printf(sb, ") %s (", e->op);
		expr_print(sb, e->right);
		sb_putc(sb, ')');
	}
}

static void indent_to(struct sbuf *sb, int indent)
{
	sb_printf(sb, "%*s", indent * 2, "");
}

void stmt_print(struct sbuf *sb, const struct stmt *s, int indent)
{
	int i;

	indent_to(sb, indent);
	switch (s->kind) {
	case S_EMBEDDED:
		sb_printf(sb, "%%{%s%%}\n", s->tok->text);
		break;
	case S_NULL:
		sb_puts(sb, ";\n");
		break;
	case S_BLOCK:
		sb_puts(sb, "{\n");
		for (i = 0; i < s->stmts.n; i++)
			stmt_print(sb, s->stmts.v[i], indent + 1);
		indent_to(sb, indent);
		sb_puts(sb, "}\n");
		break;
	case S_EXPR:
		expr_print(sb, s->expr);
		sb_putc(sb, '\n');
		break;
	case S_IF:
		sb_puts(sb, "if (");
		expr_print(sb, s->cond);
		sb_puts(sb, ")\n");
		stmt_print(sb, s->then, indent + 1);
		if (s->els) {
			indent_to(sb, indent);
			sb_puts(sb, "else\n");
			stmt_print(sb, s->els, indent + 1);
		}
		break;
	case S_WHILE:
		sb_puts(sb, "while (");
		expr_print(sb, s->cond);
		sb_puts(sb, ")\n");
		stmt_print(sb, s->body, indent + 1);
		break;
	case S_FOR:
		sb_puts(sb, "for (");
		if (s->init)
			expr_print(sb, s->init->expr);
		sb_puts(sb, "; ");
		if (s->cond)
			expr_print(sb, s->cond);
		sb_puts(sb, "; ");
		if (s->incr)
			expr_print(sb, s->incr->expr);
		sb_puts(sb, ")\n");
		stmt_print(sb, s->body, indent + 1);
		break;
	case S_BREAK:
		sb_puts(sb, "break\n");
		break;
	case S_CONTINUE:
		sb_puts(sb, "continue\n");
		break;
	case S_NEXT:
		sb_puts(sb, "next\n");
		break;
	case S_TRY:
		sb_puts(sb, "try\n");
		stmt_print(sb, s->body, indent + 1);
		indent_to(sb, indent);
		sb_puts(sb, "catch");
		if (s->expr) {
			sb_puts(sb, " (");
			expr_print(sb, s->expr);
			sb_putc(sb, ')');
		}
		sb_putc(sb, '\n');
		stmt_print(sb, s->els, indent + 1);
		break;
	case S_FOREACH:
		sb_puts(sb, "foreach (");
		if (s->fe->value) {
			expr_print(sb, s->fe->value);
			sb_puts(sb, " = ");
		}
		sb_putc(sb, '[');
		keys_print(sb, &s->fe->keys);
		sb_puts(sb, "] in ");
		expr_print(sb, s->fe->array);
		if (s->fe->sort_dir)
			sb_printf(sb, " sort %d%c", s->fe->sort_key,
				  s->fe->sort_dir > 0 ? '+' : '-');
		if (s->fe->limit) {
			sb_puts(sb, " limit ");
			expr_print(sb, s->fe->limit);
		}
		sb_puts(sb, ")\n");
		stmt_print(sb, s->body, indent + 1);
		break;
	case S_DELETE:
		sb_puts(sb, "delete ");
		expr_print(sb, s->expr);
		sb_putc(sb, '\n');
		break;
	case S_RETURN:
		sb_puts(sb, "return");
		if (s->expr) {
			sb_putc(sb, ' ');
			expr_print(sb, s->expr);
		}
		sb_putc(sb, '\n');
		break;
	}
}

/* A probe's point list as -p1 shows it, conditions included. */
static void pps_print(struct sbuf *sb, const struct vec *pps, const char *sep)
{
	int i;

	for (i = 0; i < pps->n; i++) {
		const struct probe_point *pp = pps->v[i];

		sb_puts(sb, i ? sep : "");
		pp_print(sb, pp);
		if (pp->cond) {
			sb_puts(sb, " if (");
			expr_print(sb, pp->cond);
			sb_putc(sb, ')');
		}
	}
}

static void symbol_print(struct sbuf *sb, const struct symbol *sym, bool typed)
{
	sb_puts(sb, sym->name);
	if (typed)
		sb_printf(sb, ":%s", type_name(sym->type));
	if (sym->init) {
		sb_puts(sb, " = ");
		literal_print(sb, sym->init);
	}
}

void program_print(struct sbuf *sb, const struct program *prog, bool typed)
{
	int i, j;

	for (i = 0; i < prog->globals.n; i++) {
		sb_puts(sb, "global ");
		symbol_print(sb, prog->globals.v[i], typed);
		sb_putc(sb, '\n');
	}
	for (i = 0; i < prog->functions.n; i++) {
		const struct function *f = prog->functions.v[i];

		sb_printf(sb, "function %s", f->name);
		if (typed || f->type)
			sb_printf(sb, ":%s", type_name(f->type));
		sb_puts(sb, " (");
		for (j = 0; j < f->params.n; j++) {
			const struct symbol *a = f->params.v[j];

			sb_puts(sb, j ? ", " : "");
			symbol_print(sb, a, typed || a->type);
		}
		sb_puts(sb, ")\n");
		stmt_print(sb, f->body, 0);
	}
	for (i = 0; i < prog->aliases.n; i++) {
		const struct probe *p = prog->aliases.v[i];

		if (!p->user)
			continue;
		sb_puts(sb, "probe ");
		pps_print(sb, &p->names, ", ");
		sb_puts(sb, p->epilogue ? " += " : " = ");
		pps_print(sb, &p->pps, ", ");
		stmt_print(sb, p->body, 0);
	}
	for (i = 0; i < prog->probes.n; i++) {
		const struct probe *p = prog->probes.v[i];

		if (p->synthetic && !typed)
			continue;
		sb_puts(sb, "probe ");
		pps_print(sb, &p->pps, ",");
		stmt_print(sb, p->body, 0);
	}
}
