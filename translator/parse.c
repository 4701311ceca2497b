// SPDX-License-Identifier: GPL-2.0
/*
 * translator/parse.c - recursive-descent parser: tokens to AST.
 *
 * Operator precedence follows SystemTap (loosest first): assignment,
 * ?:, ||, &&, |, ^, &, comparisons, << >>, string '.', + -, * / %, unary,
 * ++/--, primary.  A parse error unwinds to the top level with longjmp,
 * which then skips to the next declaration keyword and carries on, so one
 * run reports several independent errors as SystemTap does.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "session.h"

struct parser {
	struct session *s;
	struct program *prog;
	struct token **toks;
	int pos, ntok;
	jmp_buf fail;
	bool no_skip;		/* resume right after the error, no resync */
	bool in_function;	/* 'return' is allowed */
	bool user;		/* the user script: C only under -g */
};

static struct expr *parse_expr(struct parser *p);
static struct stmt *parse_stmt(struct parser *p);

/* A preprocessor error is reported when the parser reaches it. */
static const struct token *peek(struct parser *p)
{
	const struct token *t = p->toks[p->pos];

	if (t->type == TOK_ERROR) {
		p->pos++;
		parse_error(p->s, t->text, t->at);
		longjmp(p->fail, 1);
	}
	return t;
}

static const struct token *next(struct parser *p)
{
	const struct token *t = peek(p);

	if (t->type != TOK_EOF)
		p->pos++;
	return t;
}

/*
 * The token after the current one, for a lookahead of two; never past the
 * TOK_EOF that ends the array (at the end, EOF itself).  A preprocessor
 * error there is not reported: it is, when the parser gets to it.
 */
static const struct token *peek2(struct parser *p)
{
	const struct token *t = peek(p);

	return t->type == TOK_EOF ? t : p->toks[p->pos + 1];
}

/* SystemTap reports the token it stopped at: "saw:" */
static void fail(struct parser *p, const char *what, const struct token *t)
{
	parse_error_saw(p->s, what, t, true);
	longjmp(p->fail, 1);
}

static bool is_op(const struct token *t, const char *op)
{
	return t->type == TOK_OP && !strcmp(t->text, op);
}

static bool is_kw(const struct token *t, const char *kw)
{
	return t->type == TOK_KEYWORD && !strcmp(t->text, kw);
}

/* A word that is a declaration only at the top level of a file. */
static bool is_word(const struct token *t, const char *w)
{
	return t->type == TOK_IDENT && !strcmp(t->text, w);
}

static bool accept_op(struct parser *p, const char *op)
{
	if (!is_op(peek(p), op))
		return false;
	next(p);
	return true;
}

static const struct token *expect_op(struct parser *p, const char *op)
{
	char what[32];

	if (!is_op(peek(p), op)) {
		snprintf(what, sizeof(what), "expected '%s'", op);
		fail(p, what, peek(p));
	}
	return next(p);
}

static const struct token *expect_ident(struct parser *p)
{
	if (peek(p)->type != TOK_IDENT)
		fail(p, "expected identifier", peek(p));
	return next(p);
}

/*
 * A literal that is the whole of script argument $N (minus: the '-' the
 * argument began with, or NULL) becomes load-time parameter argN.
 */
static int arg_param(struct parser *p, const struct token *minus,
		     const struct token *t)
{
	const char *a;

	if (!t->arg || t->arg_at || (minus && minus->arg != t->arg))
		return 0;
	a = p->s->args.v[t->arg - 1];
	if (minus && *a++ != '-')
		return 0;
	return strcmp(a, t->text) ? 0 : t->arg;
}

static struct expr *parse_number(struct parser *p, const struct token *t)
{
	struct expr *e = expr_new(E_NUMBER, t);
	char *end;

	errno = 0;
	e->num = (int64_t)strtoull(t->text, &end, 0);
	if (errno || *end)
		fail(p, "number invalid or out of range", t);
	e->type = T_LONG;
	e->param = arg_param(p, NULL, t);
	return e;
}

/*
 * A string's text as SystemTap's lexer keeps it (-p1 prints it): known
 * escapes stay as written, any other backslash is dropped.
 */
static void raw_string(struct sbuf *sb, const char *text)
{
	for (; *text; text++) {
		if (*text != '\\' || !text[1]) {
			sb_putc(sb, *text);
			continue;
		}
		text++;
		if (strchr("xabtnvfr01234567\\", *text))
			sb_putc(sb, '\\');
		sb_putc(sb, *text);
	}
}

/* Adjacent string literals concatenate, as in C. */
static struct expr *parse_string(struct parser *p)
{
	const struct token *t = next(p);
	struct expr *e = expr_new(E_STRING, t);
	struct sbuf sb = { 0 };

	struct sbuf raw = { 0 };

	sb_puts(&sb, t->str);
	raw_string(&raw, t->text);
	while (peek(p)->type == TOK_STRING) {
		t = next(p);
		sb_puts(&sb, t->str);
		raw_string(&raw, t->text);
	}
	/* all of one @N, no adjacent literal: load-time parameter argN */
	if (t == e->tok && t->arg_at)
		e->param = t->arg;
	e->str = xstrdup(sb_str(&sb));
	e->raw = xstrdup(sb_str(&raw));
	sb_free(&sb);
	sb_free(&raw);
	e->type = T_STRING;
	return e;
}

static struct expr *parse_literal(struct parser *p)
{
	const struct token *t = peek(p);

	if (t->type == TOK_STRING)
		return parse_string(p);
	if (t->type == TOK_NUMBER)
		return parse_number(p, next(p));
	if (is_op(t, "-") && peek2(p)->type == TOK_NUMBER) {
		const struct token *minus = next(p);
		struct expr *e;

		e = parse_number(p, next(p));
		e->num = (int64_t)(0 - (uint64_t)e->num);
		e->param = arg_param(p, minus, e->tok);
		return e;
	}
	fail(p, "expected literal string or number", t);
	return NULL;
}

/* print, printf, sprintln ...: SystemTap parses them as one construct */
static bool is_print(const char *name)
{
	static const char *const names[] = {
		"print", "println", "printf", "printd", "printdln",
		"sprint", "sprintln", "sprintf", "sprintd", "sprintdln",
	};
	size_t i;

	for (i = 0; i < ARRAY_LEN(names); i++)
		if (!strcmp(name, names[i]))
			return true;
	return false;
}

/* @words SystemTap knows; any other @NAME left after macro expansion is
 * an unknown operator. */
static bool is_atword(const char *name)
{
	static const char *const words[] = {
		"@cast", "@defined", "@probewrite", "@entry", "@perf", "@var",
		"@avg", "@count", "@sum", "@min", "@max", "@hist_linear",
		"@hist_log", "@const", "@variance", "@kregister", "@uregister",
		"@kderef", "@uderef",
	};
	size_t i;

	for (i = 0; i < ARRAY_LEN(words); i++)
		if (!strcmp(name, words[i]))
			return true;
	return false;
}

/* k1, k2 ... up to ']'; '*' (a wildcard) is a NULL key. */
static void parse_keys(struct parser *p, struct vec *keys)
{
	do {
		const struct token *t = peek(p), *n = peek2(p);

		if (is_op(t, "*") && (is_op(n, ",") || is_op(n, "]"))) {
			next(p);
			vec_push(keys, NULL);
		} else {
			vec_push(keys, parse_expr(p));
		}
	} while (accept_op(p, ","));
	expect_op(p, "]");
}

static bool is_stat_op(const char *name)
{
	static const char *const ops[] = {
		"@count", "@sum", "@min", "@max", "@avg", "@variance",
		"@hist_log", "@hist_linear",
	};
	size_t i;

	for (i = 0; i < ARRAY_LEN(ops); i++)
		if (!strcmp(name, ops[i]))
			return true;
	return false;
}

/* @count(s) ... @hist_linear(s, lo, hi, w), and @hist_*(s)[i] */
static struct expr *parse_stat_op(struct parser *p, struct expr *call)
{
	struct expr *e = expr_new(E_STATOP, call->tok), *ix;
	int i;

	e->op = call->tok->text;
	if (!call->args.n)
		fail(p, "expected statistic", call->tok);
	e->left = call->args.v[0];
	for (i = 1; i < call->args.n; i++) {
		struct expr *a = call->args.v[i];

		/* SystemTap reads these as literals: -30, not -(30) */
		if (a->kind == E_NUMBER)
			a->negated = false;
		vec_push(&e->args, a);
	}
	if (strncmp(e->op, "@hist_", 6) || !is_op(peek(p), "["))
		return e;
	ix = expr_new(E_INDEX, next(p));	/* one bucket number */
	ix->left = e;
	vec_push(&ix->args, parse_expr(p));
	expect_op(p, "]");
	return ix;
}

static struct expr *parse_primary(struct parser *p)
{
	const struct token *t = peek(p);
	struct expr *e;

	if (t->type == TOK_EOF)		/* SystemTap's parse_value */
		fail(p, "expected value", t);
	if (t->type == TOK_NUMBER)
		return parse_number(p, next(p));
	if (t->type == TOK_STRING)
		return parse_string(p);
	if (is_op(t, "(")) {
		next(p);
		e = parse_expr(p);
		expect_op(p, ")");
		return e;
	}
	if (t->type != TOK_IDENT)
		fail(p, "expected literal string or number", t);
	if (t->text[0] == '@' && !is_atword(t->text)) {
		char *msg = xasprintf("unknown operator %s", t->text);

		fail(p, msg, t);
	}
	next(p);
	if (is_op(peek(p), "[") && t->text[0] != '$') {
		next(p);
		e = expr_new(E_INDEX, t);
		parse_keys(p, &e->args);
		return e;
	}
	if (!is_op(peek(p), "(")) {
		e = expr_new(E_VAR, t);
		return e;
	}
	next(p);
	e = expr_new(E_CALL, t);
	if (!strcmp(t->text, "printf") || !strcmp(t->text, "sprintf")) {
		const struct token *f = peek(p);
		struct fmt_piece *pc;
		const char *err;

		if (f->type != TOK_STRING) {
			parse_error_saw(p->s, "expected literal string", f,
					true);
			longjmp(p->fail, 1);
		}
		if (fmt_parse(f->str, &pc, &err) < 0) {
			/*
			 * SystemTap names the token after the format, which
			 * may be a preprocessor error: that one is reported.
			 */
			next(p);
			fail(p, err, peek(p));
		}
		free(pc);
	}
	if (!strncmp(t->text, "printd", 6) || !strncmp(t->text, "sprintd", 7)) {
		/* printd(delim, ...): the delimiter is a literal string */
		if (peek(p)->type != TOK_STRING) {
			parse_error_saw(p->s, "expected literal string",
					peek(p), true);
			longjmp(p->fail, 1);
		}
	}
	if (!accept_op(p, ")")) {
		do
			vec_push(&e->args, parse_expr(p));
		while (accept_op(p, ","));
		if (!is_op(peek(p), ")")) {
			parse_error_saw(p->s, is_print(t->text) ?
					"expected one of ', )'" :
					"expected one of ') ,'", peek(p), true);
			longjmp(p->fail, 1);
		}
		next(p);
	}
	if (is_stat_op(t->text))
		return parse_stat_op(p, e);
	return e;
}

/* After a $name: ->member and [N], as far as they go. */
static void parse_target_path(struct parser *p, struct expr *e)
{
	for (;;) {
		struct expr *c;

		if (accept_op(p, "->")) {
			const struct token *m = expect_ident(p);

			c = expr_new(E_STRING, m);
			c->str = m->text;
		} else if (is_op(peek(p), "[")) {
			next(p);
			if (peek(p)->type != TOK_NUMBER)
				fail(p, "expected literal number", peek(p));
			c = parse_number(p, next(p));
			expect_op(p, "]");
		} else {
			return;
		}
		vec_push(&e->path, c);
	}
}

/* @cast(ptr, "type"[, "module"]) and its ->member chain. */
static struct expr *parse_cast(struct parser *p, const struct token *t)
{
	struct expr *e = expr_new(E_UNARY, t);

	e->op = "@cast";
	expect_op(p, "(");
	e->left = parse_expr(p);
	expect_op(p, ",");
	if (peek(p)->type != TOK_STRING)
		fail(p, "expected literal string", peek(p));
	e->str = next(p)->str;
	if (accept_op(p, ",")) {
		if (peek(p)->type != TOK_STRING)
			fail(p, "expected literal string", peek(p));
		e->raw = next(p)->str;		/* the module */
	}
	expect_op(p, ")");
	parse_target_path(p, e);
	return e;
}

static struct expr *parse_postfix(struct parser *p)
{
	struct expr *e;

	if (is_word(peek(p), "@cast"))
		return parse_cast(p, next(p));
	/*
	 * @entry(e) in a .return probe: a function's $parameters there are
	 * already the values it was called with (the runtime keeps them), so
	 * e is e.  What e reads through them is read at the return.
	 */
	if (is_word(peek(p), "@entry") && is_op(peek2(p), "(")) {
		next(p);
		next(p);
		e = parse_expr(p);
		expect_op(p, ")");
		return e;
	}
	e = parse_primary(p);
	if (e->kind == E_VAR && e->tok->text[0] == '$')
		parse_target_path(p, e);

	if (is_op(peek(p), "++") || is_op(peek(p), "--")) {
		struct expr *inc = expr_new(E_INCDEC, next(p));

		inc->op = inc->tok->text;
		inc->left = e;
		inc->post = true;
		return inc;
	}
	return e;
}

static struct expr *parse_unary(struct parser *p)
{
	const struct token *t = peek(p);
	struct expr *e;

	if (is_op(t, "++") || is_op(t, "--")) {
		e = expr_new(E_INCDEC, next(p));
		e->op = t->text;
		e->left = parse_unary(p);
		return e;
	}
	if (is_op(t, "&") && peek2(p)->type == TOK_IDENT &&
	    (peek2(p)->text[0] == '$' || !strcmp(peek2(p)->text, "@cast"))) {
		next(p);
		e = parse_postfix(p);
		e->addr_of = true;
		return e;
	}
	if (is_op(t, "-") || is_op(t, "+") || is_op(t, "!") || is_op(t, "~")) {
		/* fold "-<number>" so that -9223372036854775808 is a literal */
		if (is_op(t, "-") && peek2(p)->type == TOK_NUMBER) {
			e = parse_literal(p);
			e->negated = true;
			return e;
		}
		e = expr_new(E_UNARY, next(p));
		e->op = t->text;
		e->left = parse_unary(p);
		return e;
	}
	return parse_postfix(p);
}

/* One binary precedence level: the operators and the node kind they make. */
struct level {
	const char *const *ops;
	enum expr_kind kind;
};

static const char *const ops_mul[] = { "*", "/", "%", NULL };
static const char *const ops_add[] = { "+", "-", NULL };
static const char *const ops_cat[] = { ".", NULL };
static const char *const ops_shift[] = { "<<", ">>", ">>>", NULL };
static const char *const ops_cmp[] = { "<", ">", "<=", ">=", "==", "!=", NULL };
static const char *const ops_band[] = { "&", NULL };
static const char *const ops_bxor[] = { "^", NULL };
static const char *const ops_bor[] = { "|", NULL };
static const char *const ops_land[] = { "&&", NULL };
static const char *const ops_lor[] = { "||", NULL };

/* Tightest first: index 0 sits just above unary. */
static const struct level levels[] = {
	{ ops_mul, E_BINARY },
	{ ops_add, E_BINARY },
	{ ops_cat, E_CONCAT },
	{ ops_shift, E_BINARY },
	{ ops_cmp, E_COMPARE },
	{ ops_band, E_BINARY },
	{ ops_bxor, E_BINARY },
	{ ops_bor, E_BINARY },
	{ ops_land, E_LOGICAL },
	{ ops_lor, E_LOGICAL },
};

static const char *match_op(const struct token *t, const char *const *ops)
{
	for (; t->type == TOK_OP && *ops; ops++)
		if (!strcmp(t->text, *ops))
			return *ops;
	return NULL;
}

static struct expr *parse_binary(struct parser *p, int level);
static struct expr *parse_band(struct parser *p, int level);

/* k in a, [k1, k2] in a: between comparisons and '&' */
static struct expr *parse_in(struct parser *p, int level)
{
	struct expr *e = NULL, *in;
	struct vec keys = { 0 };

	if (is_op(peek(p), "[")) {
		next(p);
		parse_keys(p, &keys);
		if (!is_kw(peek(p), "in"))
			fail(p, "expected 'in'", peek(p));
	} else {
		e = parse_binary(p, level);
		if (!is_kw(peek(p), "in"))
			return e;
		vec_push(&keys, e);
	}
	in = expr_new(E_IN, next(p));
	in->args = keys;
	in->left = expr_new(E_VAR, expect_ident(p));
	return in;
}

/*
 * s =~ "re", s !~ "re": at most one, before any comparison, and only on a
 * literal, as in SystemTap.  The regex keeps its source text: SystemTap
 * decodes its escapes itself (regex.c).
 */
static struct expr *parse_regex(struct parser *p, struct expr *left)
{
	struct expr *e;
	struct sbuf raw = { 0 };

	if (!is_op(peek(p), "=~") && !is_op(peek(p), "!~"))
		return left;
	e = expr_new(E_REGEX, next(p));
	e->op = e->tok->text;
	e->left = left;
	if (peek(p)->type != TOK_STRING) {
		parse_error_saw(p->s, "expected literal string", peek(p), true);
		longjmp(p->fail, 1);
	}
	e->right = expr_new(E_STRING, peek(p));
	while (peek(p)->type == TOK_STRING)
		sb_puts(&raw, next(p)->text);
	e->right->str = xstrdup(sb_str(&raw));
	e->right->type = T_STRING;
	sb_free(&raw);
	return e;
}

static struct expr *parse_binary(struct parser *p, int level)
{
	struct expr *e, *b;
	const char *op;

	if (level < 0)
		return parse_unary(p);
	if (levels[level].ops == ops_band)
		return parse_band(p, level);
	e = parse_binary(p, level - 1);
	if (levels[level].ops == ops_cmp)
		e = parse_regex(p, e);
	while ((op = match_op(peek(p), levels[level].ops))) {
		b = expr_new(levels[level].kind, next(p));
		b->op = op;
		b->left = e;
		b->right = parse_binary(p, level - 1);
		e = b;
	}
	return e;
}

static struct expr *parse_band(struct parser *p, int level)
{
	struct expr *e = parse_in(p, level - 1), *b;

	while (is_op(peek(p), "&")) {
		b = expr_new(E_BINARY, next(p));
		b->op = "&";
		b->left = e;
		b->right = parse_in(p, level - 1);
		e = b;
	}
	return e;
}

static struct expr *parse_ternary(struct parser *p)
{
	struct expr *e = parse_binary(p, ARRAY_LEN(levels) - 1), *t;

	if (!is_op(peek(p), "?"))
		return e;
	t = expr_new(E_TERNARY, next(p));
	t->cond = e;
	t->left = parse_expr(p);
	expect_op(p, ":");
	t->right = parse_ternary(p);
	return t;
}

static const char *const ops_assign[] = {
	"=", "+=", "-=", "*=", "/=", "%=", "<<=", ">>=", "&=", "|=", "^=",
	".=", "<<<", NULL,
};

static struct expr *parse_expr(struct parser *p)
{
	struct expr *e = parse_ternary(p), *a;
	const char *op = match_op(peek(p), ops_assign);

	if (!op)
		return e;
	a = expr_new(E_ASSIGN, next(p));
	a->op = op;
	a->left = e;
	a->right = parse_expr(p);	/* right associative */
	return a;
}

static struct stmt *parse_block(struct parser *p)
{
	struct stmt *b = stmt_new(S_BLOCK, expect_op(p, "{"));

	while (!is_op(peek(p), "}"))
		vec_push(&b->stmts, parse_stmt(p));
	next(p);
	return b;
}

static struct stmt *parse_if(struct parser *p)
{
	struct stmt *st = stmt_new(S_IF, next(p));

	expect_op(p, "(");
	st->cond = parse_expr(p);
	expect_op(p, ")");
	st->then = parse_stmt(p);
	if (is_kw(peek(p), "else")) {
		next(p);
		st->els = parse_stmt(p);
	}
	return st;
}

static struct stmt *parse_while(struct parser *p)
{
	struct stmt *st = stmt_new(S_WHILE, next(p));

	expect_op(p, "(");
	st->cond = parse_expr(p);
	expect_op(p, ")");
	st->body = parse_stmt(p);
	return st;
}

static struct stmt *expr_stmt(struct expr *e)
{
	struct stmt *st = stmt_new(S_EXPR, e->tok);

	st->expr = e;
	return st;
}

static struct stmt *parse_for(struct parser *p)
{
	struct stmt *st = stmt_new(S_FOR, next(p));

	expect_op(p, "(");
	if (!is_op(peek(p), ";"))
		st->init = expr_stmt(parse_expr(p));
	expect_op(p, ";");
	if (!is_op(peek(p), ";"))
		st->cond = parse_expr(p);
	expect_op(p, ";");
	if (!is_op(peek(p), ")"))
		st->incr = expr_stmt(parse_expr(p));
	expect_op(p, ")");
	st->body = parse_stmt(p);
	return st;
}

static struct stmt *parse_try(struct parser *p)
{
	struct stmt *st = stmt_new(S_TRY, next(p));

	st->body = parse_block(p);
	if (!is_kw(peek(p), "catch"))
		fail(p, "expected 'catch'", peek(p));
	next(p);
	if (accept_op(p, "(")) {
		st->expr = expr_new(E_VAR, expect_ident(p));
		expect_op(p, ")");
	}
	st->els = parse_block(p);
	return st;
}

/* A '+' or '-' sort mark after a foreach key or the array. */
static int sort_mark(struct parser *p)
{
	if (accept_op(p, "+"))
		return 1;
	if (accept_op(p, "-"))
		return -1;
	return 0;
}

static void set_sort(struct parser *p, struct foreach *fe, int key, int dir)
{
	if (!dir)
		return;
	if (fe->sort_dir)
		fail(p, "multiple sort directives", p->toks[p->pos - 1]);
	fe->sort_key = key;
	fe->sort_dir = dir;
}

static void foreach_keys(struct parser *p, struct foreach *fe)
{
	bool bracket = accept_op(p, "[");

	do {
		vec_push(&fe->keys, expr_new(E_VAR, expect_ident(p)));
		set_sort(p, fe, fe->keys.n, sort_mark(p));
	} while (bracket && accept_op(p, ","));
	if (bracket)
		expect_op(p, "]");
}

/* foreach ([v =] k | [k1, k2] in a[slice] [@stat][+-] [limit N]) stmt */
static struct stmt *parse_foreach(struct parser *p)
{
	struct stmt *st = stmt_new(S_FOREACH, next(p));
	struct foreach *fe = xcalloc(1, sizeof(*fe));
	const struct token *a;
	int dir;

	st->fe = fe;
	expect_op(p, "(");
	if (peek(p)->type == TOK_IDENT && is_op(peek2(p), "=")) {
		fe->value = expr_new(E_VAR, next(p));
		next(p);
	}
	foreach_keys(p, fe);
	if (!is_kw(peek(p), "in"))
		fail(p, "expected 'in'", peek(p));
	next(p);
	if (!strncmp(peek(p)->text, "@hist_", 6) &&
	    is_stat_op(peek(p)->text)) {	/* the buckets of a histogram */
		fe->array = parse_primary(p);
		if (fe->array->kind != E_STATOP)
			fail(p, "expected ')'", fe->array->tok);
	} else {
		a = expect_ident(p);
		fe->array = expr_new(is_op(peek(p), "[") ? E_INDEX : E_VAR, a);
		if (accept_op(p, "["))
			parse_keys(p, &fe->array->args);
	}
	if (is_stat_op(peek(p)->text) && strncmp(peek(p)->text, "@hist", 5))
		fe->stat_field = next(p)->text;
	dir = sort_mark(p);
	if (!dir && fe->stat_field)	/* a @stat must come with + or - */
		fail(p, "expected sort directive", peek(p));
	set_sort(p, fe, 0, dir);
	if (is_kw(peek(p), "limit")) {
		next(p);
		fe->limit = parse_expr(p);
	}
	expect_op(p, ")");
	st->body = parse_stmt(p);
	return st;
}

/* "return" takes a value unless the statement visibly ends there. */
static bool stmt_ends(const struct token *t)
{
	return is_op(t, ";") || is_op(t, "}") || t->type == TOK_EOF;
}

static struct stmt *parse_stmt(struct parser *p)
{
	const struct token *t = peek(p);
	struct stmt *st;

	if (is_op(t, "{"))
		return parse_block(p);
	if (is_op(t, ";"))
		return stmt_new(S_NULL, next(p));
	if (is_kw(t, "if"))
		return parse_if(p);
	if (is_kw(t, "while"))
		return parse_while(p);
	if (is_kw(t, "for"))
		return parse_for(p);
	if (is_kw(t, "try"))
		return parse_try(p);
	if (is_kw(t, "foreach"))
		return parse_foreach(p);
	if (is_kw(t, "next") || is_kw(t, "break") || is_kw(t, "continue")) {
		next(p);
		st = stmt_new(t->text[0] == 'n' ? S_NEXT :
			      t->text[0] == 'b' ? S_BREAK : S_CONTINUE, t);
	} else if (is_kw(t, "return")) {
		if (!p->in_function) {
			fail(p, "found 'return' not in function context", t);
			return NULL;
		}
		st = stmt_new(S_RETURN, next(p));
		if (!stmt_ends(peek(p)))
			st->expr = parse_expr(p);
	} else if (is_kw(t, "delete")) {
		st = stmt_new(S_DELETE, next(p));
		st->expr = parse_expr(p);
	} else if (t->type == TOK_KEYWORD || t->type == TOK_EMBEDDED ||
		   t->type == TOK_EOF) {
		fail(p, "expected statement", t);
		return NULL;
	} else {
		st = expr_stmt(parse_expr(p));
		st->tok = t;	/* errors name the statement's first token */
	}
	accept_op(p, ";");
	return st;
}

static bool name_part(const struct token *t)
{
	return t->type == TOK_IDENT || t->type == TOK_KEYWORD ||
	       t->type == TOK_NUMBER || is_op(t, "*");
}

/* "sys*call": a component name with wildcards is one word, as the tokens
 * that touch each other spell it. */
static const struct token *glob_token(struct parser *p, const struct token *t)
{
	const struct token *last = t, *n;
	struct token *g;
	struct sbuf sb = { 0 };

	sb_puts(&sb, t->text);
	while (name_part(n = peek(p)) && n->line == last->line &&
	       n->col == last->col + (int)strlen(last->text) &&
	       (is_op(n, "*") || is_op(last, "*"))) {
		sb_puts(&sb, n->text);
		last = next(p);
	}
	if (last == t) {
		sb_free(&sb);
		return t;
	}
	g = xcalloc(1, sizeof(*g));
	*g = *t;
	g->type = TOK_IDENT;
	g->text = sb.s;
	return g;
}

static struct component *parse_component(struct parser *p)
{
	struct component *c = xcalloc(1, sizeof(*c));
	const struct token *t = peek(p);

	if (t->type != TOK_IDENT && t->type != TOK_KEYWORD && !is_op(t, "*"))
		fail(p, "expected identifier or '*'", t);
	next(p);
	c->tok = glob_token(p, t);
	c->name = c->tok->text;
	if (accept_op(p, "(")) {
		c->arg = parse_literal(p);
		expect_op(p, ")");
	}
	return c;
}

static struct probe_point *parse_probe_point(struct parser *p)
{
	struct probe_point *pp = xcalloc(1, sizeof(*pp));

	do
		vec_push(&pp->comps, parse_component(p));
	while (accept_op(p, "."));
	pp->tok = ((struct component *)pp->comps.v[0])->tok;
	if (accept_op(p, "?"))
		pp->optional = true;
	else if (accept_op(p, "!"))	/* as SystemTap: optional, too */
		pp->optional = pp->sufficient = true;
	if (is_kw(peek(p), "if")) {
		next(p);
		expect_op(p, "(");
		pp->cond = parse_expr(p);
		expect_op(p, ")");
	}
	if (!is_op(peek(p), ",") && !is_op(peek(p), "{") &&
	    !is_op(peek(p), "=") && !is_op(peek(p), "+="))
		fail(p, "expected one of ', { } = +='", peek(p));
	return pp;
}

static void parse_pp_list(struct parser *p, struct vec *pps)
{
	do
		vec_push(pps, parse_probe_point(p));
	while (accept_op(p, ","));
}

/* probe PP, ... { }, or an alias: probe NAME, ... = | += PP, ... { } */
static void parse_probe(struct parser *p, bool user)
{
	struct probe *pr = xcalloc(1, sizeof(*pr));

	pr->tok = next(p);
	pr->user = user;
	parse_pp_list(p, &pr->pps);
	if (is_op(peek(p), "=") || is_op(peek(p), "+=")) {
		pr->epilogue = next(p)->text[0] == '+';
		pr->names = pr->pps;
		memset(&pr->pps, 0, sizeof(pr->pps));
		parse_pp_list(p, &pr->pps);
	}
	pr->body = parse_block(p);
	pr->locals.parent = &p->prog->gscope;
	vec_push(pr->names.n ? &p->prog->aliases : &p->prog->probes, pr);
}

/* "global a, b" or, after "private", "private a, b" */
static void parse_global(struct parser *p, bool keyword)
{
	if (keyword)
		next(p);
	do {
		const struct token *t = expect_ident(p);
		struct symbol *sym = scope_find(&p->prog->gscope, t->text, false);

		if (sym)
			fail(p, "duplicate global name", t);
		sym = xcalloc(1, sizeof(*sym));
		sym->name = t->text;
		sym->tok = t;
		sym->global = true;
		sym->wrap = accept_op(p, "%");
		if (accept_op(p, "[")) {
			const struct token *n = peek(p);

			if (n->type != TOK_NUMBER)
				fail(p, "expected number", n);
			sym->size = parse_number(p, next(p))->num;
			expect_op(p, "]");
			sym->nkeys = -1;	/* an array, arity open */
		}
		if (!sym->wrap && accept_op(p, "%"))
			sym->wrap = true;
		if (sym->wrap && !sym->nkeys)
			sym->nkeys = -1;
		if (!sym->nkeys && accept_op(p, "=")) {
			sym->init = parse_literal(p);
			sym->type = sym->init->type;
			sym->type_tok = sym->init->tok;
		}
		vec_push(&p->prog->gscope.syms, sym);
		vec_push(&p->prog->globals, sym);
	} while (accept_op(p, ","));
	accept_op(p, ";");
}

static enum type parse_type_suffix(struct parser *p, const struct token **tt)
{
	const struct token *t;

	if (!accept_op(p, ":"))
		return T_UNKNOWN;
	t = next(p);
	*tt = t;
	if (is_kw(t, "long"))
		return T_LONG;
	if (is_kw(t, "string"))
		return T_STRING;
	fail(p, "expected type", t);
	return T_UNKNOWN;
}

/*
 * %{ ... %} at the top level or as a function body: the C goes into the
 * module as written.  A tapset may have it; a user script only in guru
 * mode (-g).  The error does not skip ahead, as in SystemTap.
 */
static const struct token *embedded_code(struct parser *p)
{
	const struct token *t = next(p);

	if (p->user && !p->s->guru) {
		p->no_skip = true;
		fail(p, "embedded code in unprivileged script; need stap -g", t);
	}
	return t;
}

static void parse_function(struct parser *p)
{
	struct function *f = xcalloc(1, sizeof(*f));

	next(p);
	f->tok = expect_ident(p);
	f->name = f->tok->text;
	f->type = parse_type_suffix(p, &f->type_tok);
	f->locals.parent = &p->prog->gscope;
	expect_op(p, "(");
	if (!accept_op(p, ")")) {
		do {
			struct symbol *a = xcalloc(1, sizeof(*a));

			a->tok = expect_ident(p);
			a->name = a->tok->text;
			a->param = true;
			a->written = true;
			a->type = parse_type_suffix(p, &a->type_tok);
			vec_push(&f->params, a);
			vec_push(&f->locals.syms, a);
		} while (accept_op(p, ","));
		expect_op(p, ")");
	}
	if (peek(p)->type == TOK_EMBEDDED) {
		f->body = stmt_new(S_EMBEDDED, embedded_code(p));
		vec_push(&p->prog->functions, f);
		return;
	}
	p->in_function = true;
	f->body = parse_block(p);
	p->in_function = false;
	vec_push(&p->prog->functions, f);
}

/* point pattern: name[(string:arg)|(number:arg)](.name[...])* */
static void ptype_point(struct parser *p, struct ptype_decl *d)
{
	struct sbuf sb = { 0 };
	struct vec *names = xcalloc(1, sizeof(*names));

	do {
		sb_printf(&sb, "%s%s", sb.len ? "." : "", expect_ident(p)->text);
		if (accept_op(p, "(")) {
			const struct token *t = next(p);

			if (!is_kw(t, "string") && strcmp(t->text, "number"))
				fail(p, "expected 'string' or 'number'", t);
			sb_printf(&sb, "(%s)", t->text);
			expect_op(p, ":");
			vec_push(names, (void *)expect_ident(p)->text);
			expect_op(p, ")");
		}
	} while (accept_op(p, "."));
	vec_push(&d->points, sb.s);
	vec_push(&d->argnames, names);
}

/* $name:type = getter[, setter] */
static void ptype_var(struct parser *p, struct ptype_decl *d)
{
	struct ptype_var *v = xcalloc(1, sizeof(*v));
	const struct token *t;

	v->tok = expect_ident(p);
	v->name = v->tok->text;
	if (v->name[0] != '$')
		fail(p, "expected a target variable ($name)", v->tok);
	v->type = parse_type_suffix(p, &t);
	if (v->type == T_UNKNOWN)
		fail(p, "expected ':long' or ':string'", peek(p));
	expect_op(p, "=");
	v->get = expect_ident(p)->text;
	if (accept_op(p, ","))
		v->set = expect_ident(p)->text;
	accept_op(p, ";");
	vec_push(&d->vars, v);
}

/* probe_type "RTYPE" POINT[, POINT...] { VAR... }: tapsets only. */
static void parse_probe_type(struct parser *p, bool user)
{
	struct ptype_decl *d = xcalloc(1, sizeof(*d));
	const struct token *t;

	d->tok = next(p);
	if (user)
		fail(p, "probe_type declarations belong in a tapset file", d->tok);
	t = next(p);
	if (t->type != TOK_STRING)
		fail(p, "expected the runtime probe type's name", t);
	d->rtype = t->str;
	do
		ptype_point(p, d);
	while (accept_op(p, ","));
	expect_op(p, "{");
	while (!accept_op(p, "}"))
		ptype_var(p, d);
	vec_push(&p->prog->ptypes, d);
}

static bool at_decl(const struct token *t)
{
	return is_kw(t, "probe") || is_kw(t, "global") ||
	       is_word(t, "probe_type") ||
	       is_kw(t, "private") || is_kw(t, "function") ||
	       t->type == TOK_EMBEDDED || t->type == TOK_EOF;
}

/*
 * Parse one source into s->prog: the number of parse errors, or -1 when
 * nothing was left to parse (the message said so; SystemTap then prints
 * no error count).
 */
int parse_source(struct session *s, const struct source *src, bool user)
{
	/* on the heap: it must survive longjmp unclobbered */
	struct parser *p = xcalloc(1, sizeof(*p));
	int errors = s->errors, nraw;
	volatile bool empty = true;
	struct token **raw;

	p->s = s;
	p->prog = &s->prog;
	p->user = user;
	raw = lex(s, src, &nraw);
	p->toks = preprocess(s, raw, &p->ntok);
	vec_push(&s->prog.files, (void *)src);
	setjmp(p->fail);
	/* after an error: resynchronise on the next declaration */
	while (s->errors > errors && !p->no_skip && !at_decl(peek(p)))
		next(p);
	p->no_skip = false;
	p->in_function = false;
	while (peek(p)->type != TOK_EOF) {
		const struct token *t = peek(p);

		empty = false;
		if (is_kw(t, "private")) {
			next(p);
			t = peek(p);
			if (t->type == TOK_IDENT) {
				parse_global(p, false);
				continue;
			}
			if (!is_kw(t, "function") && !is_kw(t, "global")) {
				parse_error_saw(p->s, "expected 'function' or identifier",
						t, true);
				longjmp(p->fail, 1);
			}
		}
		if (is_kw(t, "probe"))
			parse_probe(p, user);
		else if (is_word(t, "probe_type"))
			parse_probe_type(p, user);
		else if (is_kw(t, "global"))
			parse_global(p, true);
		else if (is_kw(t, "function"))
			parse_function(p);
		else if (t->type == TOK_EMBEDDED)
			vec_push(&p->prog->embeds, (void *)embedded_code(p));
		else if (is_op(t, ";"))
			next(p);
		else
			fail(p, "expected 'probe', 'global', 'private', "
			     "'function', or '%{'", t);
	}
	if (empty) {
		fprintf(stderr, raw[0]->type == TOK_EOF ?
			"Input file '%s' is empty.\n" :
			"Input file '%s' is empty after preprocessing.\n",
			src->name);
		return -1;
	}
	return s->errors - errors;
}
