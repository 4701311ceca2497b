// SPDX-License-Identifier: GPL-2.0
/*
 * translator/preproc.c - SystemTap's preprocessor, between lex and parse.
 *
 * Two stages over the token stream, as SystemTap runs them:
 *   1. macros: "@define NAME[(a, b)] %( body %)" records a macro,
 *      "@NAME[(x, y)]" expands it; inside a body "@a" expands the
 *      argument in the context of the invocation (a closure).  Library
 *      macros come from the tapset directory's *.stpm files.
 *   2. conditionals: "%( COND %? THEN [%: ELSE] %)" keeps one branch;
 *      COND is "L OP R" terms joined by && and ||.
 * An error does not stop the stream: it becomes a TOK_ERROR token in the
 * output, placed where SystemTap's parser would have met it, and scanning
 * goes on from the state the error left, so errors and parse errors come
 * out in SystemTap's order.
 */
#include <ctype.h>
#include <errno.h>
#include <fnmatch.h>
#include <glob.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "session.h"

/* What systemtap_v compares against: the SystemTap we behave as. */
#define STAP_COMPATIBLE	"4.8"

struct act;

struct macro {
	const char *name;
	const struct token *tok;	/* name in the definition */
	struct vec formals;		/* char * */
	struct vec body;		/* struct token * */
	bool library;
	struct act *parent;		/* parameter: its invocation's context */
};

/* One macro being expanded. */
struct act {
	const struct token *tok;	/* the invocation */
	struct macro *m;
	int cursor;
	struct vec *params;		/* struct macro *, one per formal */
};

enum cond_state { KEEP_THEN, SKIP_THEN, KEEP_ELSE, SKIP_ELSE };

struct cond {
	const struct token *tok;	/* its %( */
	enum cond_state state;
};

struct pp {
	struct session *s;
	struct token **in;
	int pos;
	struct vec ns;			/* this file's macros */
	struct vec acts;		/* struct act *, innermost last */
	struct vec conds;		/* struct cond *, innermost last */
	struct vec out;
	jmp_buf *fail;
	bool quiet;			/* skipping: errors vanish */
	int nesting;			/* skip_pp's %( depth */
	bool library;
};

static const char *const atwords[] = {
	"cast", "defined", "probewrite", "entry", "perf", "var", "avg",
	"count", "sum", "min", "max", "hist_linear", "hist_log", "const",
	"variance", "kregister", "uregister", "kderef", "uderef",
};

/* An error where the parser will meet it, without stopping. */
static void pp_error(struct pp *pp, const char *msg, const struct token *at)
{
	struct token *e = xcalloc(1, sizeof(*e));

	e->type = TOK_ERROR;
	e->text = xstrdup(msg);
	e->at = at ? at : pp->in[pp->pos];
	if (!pp->quiet)
		vec_push(&pp->out, e);
}

/* An error that abandons the current construct, as SystemTap's throw. */
static void pp_fail(struct pp *pp, const char *msg, const struct token *at)
{
	pp_error(pp, msg, at);
	longjmp(*pp->fail, 1);
}

static bool is(const struct token *t, const char *op)
{
	return t && (t->type == TOK_OP || t->type == TOK_IDENT) &&
	       !strcmp(t->text, op);
}

/* The next token of the file itself; NULL at its end. */
static const struct token *raw_scan(struct pp *pp)
{
	const struct token *t = pp->in[pp->pos];

	if (t->type == TOK_EOF)
		return NULL;
	pp->pos++;
	return t;
}

static struct act *top(struct pp *pp)
{
	return pp->acts.n ? pp->acts.v[pp->acts.n - 1] : NULL;
}

/* The next token of the file or of the innermost macro body. */
static const struct token *next_pp1(struct pp *pp)
{
	struct act *a = top(pp);
	struct token *t;

	if (!a)
		return raw_scan(pp);
	if (a->cursor >= a->m->body.n)
		return NULL;
	t = xmalloc(sizeof(*t));
	*t = *(struct token *)a->m->body.v[a->cursor++];
	t->chain = a->tok;
	return t;
}

static struct macro *find(struct vec *v, const char *name)
{
	int i;

	for (i = 0; v && i < v->n; i++) {
		struct macro *m = v->v[i];

		if (!strcmp(m->name, name))
			return m;
	}
	return NULL;
}

/* Tokens up to the %) closing a body, heeding nested %( %). */
static const struct token *slurp_body(struct pp *pp, struct vec *body)
{
	const struct token *t;
	int nesting = 0;

	while ((t = next_pp1(pp))) {
		if (is(t, "%("))
			nesting++;
		else if (nesting && is(t, "%)"))
			nesting--;
		else if (is(t, "%)"))
			break;
		vec_push(body, (void *)t);
	}
	return t;
}

/* One argument of an invocation, up to an unbracketed ',' or ')'. */
static const struct token *slurp_param(struct pp *pp, struct vec *param)
{
	const struct token *t;
	int nesting = 0;

	while ((t = next_pp1(pp))) {
		if (is(t, "(") || is(t, "["))
			nesting++;
		else if (nesting && (is(t, ")") || is(t, "]")))
			nesting--;
		else if (!nesting && (is(t, ")") || is(t, ",")))
			break;
		vec_push(param, (void *)t);
	}
	return t;
}

static void define_params(struct pp *pp, struct macro *m,
			  const struct token **tp)
{
	const struct token *t;

	do {
		t = raw_scan(pp);
		if (!t || t->type != TOK_IDENT)
			pp_fail(pp, "expected identifier", t);
		vec_push(&m->formals, (void *)t->text);
		t = raw_scan(pp);
		if (!is(t, ",") && !is(t, ")"))
			pp_fail(pp, "expected ',' or ')'", t);
	} while (is(t, ","));
	*tp = raw_scan(pp);
}

/* After "@define": NAME [(formals)] %( body %) */
static void define(struct pp *pp, const struct token *def)
{
	const struct token *t = raw_scan(pp);
	struct macro *m, *old;
	bool params = false;
	size_t i;
	char *msg;

	if (pp->acts.n)
		pp_fail(pp, "'@define' forbidden inside macro body", def);
	if (!t || t->type != TOK_IDENT)
		pp_fail(pp, "expected identifier", t);
	old = find(&pp->ns, t->text);
	if (old) {
		msg = xasprintf("attempt to redefine macro '@%s' in the same "
				"file", t->text);
		pp_error(pp, msg, t);
		msg = xasprintf("macro '@%s' first defined here", t->text);
		pp_fail(pp, msg, old->tok);
	}
	if (!strcmp(t->text, "define"))
		pp_fail(pp, "attempt to redefine '@define'", t);
	for (i = 0; i < ARRAY_LEN(atwords); i++)
		if (!strcmp(t->text, atwords[i])) {
			msg = xasprintf("macro redefines built-in operator "
					"'@%s'", t->text);
			print_warning(pp->s, msg, t);
			free(msg);
		}
	m = xcalloc(1, sizeof(*m));
	m->name = t->text;
	m->tok = t;
	m->library = pp->library;
	vec_push(&pp->ns, m);
	t = raw_scan(pp);
	if (is(t, "(")) {
		params = true;
		define_params(pp, m, &t);
	}
	if (!is(t, "%("))
		pp_fail(pp, params ? "expected '%('" : "expected '%(' or '('",
			t);
	if (!slurp_body(pp, &m->body))
		pp_fail(pp, "incomplete macro definition - missing '%)'",
			m->tok);
}

/* The arguments of an invocation of m, each a closure over the caller. */
static void invoke_args(struct pp *pp, struct act *na, struct act *caller)
{
	const char *name = na->m->name;
	int n = na->m->formals.n, i;
	const struct token *t = next_pp1(pp);
	char *msg;

	if (!is(t, "(")) {
		msg = xasprintf("expected '(' in invocation of macro '@%s' "
				"taking %d parameter%s", name, n,
				n == 1 ? "" : "s");
		pp_fail(pp, msg, t);
	}
	for (i = 0; i < n; i++) {
		struct macro *p = xcalloc(1, sizeof(*p));

		p->name = na->m->formals.v[i];
		p->tok = na->tok;
		p->parent = caller;
		vec_push(na->params, p);
		t = slurp_param(pp, &p->body);
		if (!t)
			pp_fail(pp, "could not find end of macro invocation",
				na->tok);
		if (is(t, ",") && i + 1 == n)
			msg = "too many";
		else if (is(t, ")") && i + 1 != n)
			msg = "too few";
		else
			continue;
		msg = xasprintf("%s parameters for macro '@%s' (expected %d)",
				msg, name, n);
		pp_fail(pp, msg, t);
	}
}

/* t is an @word: the macro or parameter it names, else NULL. */
static struct macro *lookup(struct pp *pp, const struct token *t)
{
	struct act *a = top(pp);
	const char *name = t->text + 1;
	struct macro *m;

	m = a ? find(a->params, name) : NULL;
	if (!m && !(a && a->m->library))
		m = find(&pp->ns, name);
	if (!m)
		m = find(&pp->s->lib_macros, name);
	return m;
}

/*
 * Expansions within expansions.  SystemTap has no limit: a macro that
 * invokes itself expands until memory or the stack runs out.  Real macros
 * nest a few deep.
 */
#define MAX_MACRO_DEPTH	1000

static void invoke(struct pp *pp, const struct token *t, struct macro *m)
{
	struct act *na, *caller = top(pp);
	const struct token *outer;

	if (pp->acts.n >= MAX_MACRO_DEPTH) {
		/* blame the invocation in the file, not 1000 levels of chain;
		 * then drop the whole expansion and go on after it */
		outer = ((struct act *)pp->acts.v[0])->tok;
		pp->acts.n = 0;
		pp_fail(pp, "macro expansion nested too deeply (recursive "
			"macro?)", outer);
	}
	na = xcalloc(1, sizeof(*na));
	na->tok = t;
	na->m = m;
	if (m->parent) {	/* a parameter: its caller's parameters */
		na->params = m->parent->params;
	} else {
		na->params = xcalloc(1, sizeof(*na->params));
		if (m->formals.n)
			invoke_args(pp, na, caller);
	}
	vec_push(&pp->acts, na);
}

/* Stage 1: the next token with macros defined and expanded. */
static const struct token *scan_pp1(struct pp *pp, bool ignore_defines)
{
	for (;;) {
		const struct token *t = next_pp1(pp);
		struct macro *m;

		if (!t) {
			if (!pp->acts.n)
				return NULL;
			pp->acts.n--;	/* end of a macro body */
			continue;
		}
		if (is(t, "@define") && !ignore_defines) {
			define(pp, t);
			continue;
		}
		if (t->type != TOK_IDENT || t->text[0] != '@')
			return t;
		m = lookup(pp, t);
		if (!m)
			return t;	/* an ordinary @operator */
		invoke(pp, t, m);
	}
}

static bool in_list(const char *s, const char *const *l)
{
	for (; *l; l++)
		if (!strcmp(s, *l))
			return true;
	return false;
}

static const char *const cmp_ops[] = { "<", ">", "<=", ">=", "==", "!=",
				       NULL };
static const char *const eq_ops[] = { "==", "!=", NULL };

/* lhs OP rhs for a strcmp-like difference d */
static bool compare(struct pp *pp, const struct token *op, long long d)
{
	const char *o = op->text;

	if (op->type != TOK_OP || !in_list(o, cmp_ops))
		pp_fail(pp, "expected comparison operator", op);
	if (!strcmp(o, "<"))
		return d < 0;
	if (!strcmp(o, ">"))
		return d > 0;
	if (!strcmp(o, "<="))
		return d <= 0;
	if (!strcmp(o, ">="))
		return d >= 0;
	if (!strcmp(o, "=="))
		return d == 0;
	return d != 0;
}

static long long cmp_num(long long a, long long b)
{
	return a < b ? -1 : a > b;
}

/* == or != against a glob */
static bool match_eq(struct pp *pp, const struct token *op, const char *pat,
		     const char *val)
{
	bool m = !fnmatch(pat, val, FNM_NOESCAPE);

	if (op->type != TOK_OP || !in_list(op->text, eq_ops))
		pp_fail(pp, "expected '==' or '!='", op);
	return op->text[0] == '=' ? m : !m;
}

static void need_string(struct pp *pp, const struct token *r)
{
	if (r->type != TOK_STRING)
		pp_fail(pp, "expected string literal", r);
}

/* kernel_v, kernel_vr, systemtap_v: version order, or globs with == != */
static bool eval_version(struct pp *pp, const char *target,
			 const struct token *op, const struct token *r)
{
	bool wild;

	need_string(pp, r);	/* before r->str: NULL unless a string */
	wild = strpbrk(r->str, "*?[") != NULL;
	if (op->type != TOK_OP || !in_list(op->text, cmp_ops))
		pp_fail(pp, "expected comparison operator", op);
	if (wild && !in_list(op->text, eq_ops))
		pp_fail(pp, "wildcard not allowed with order comparison "
			"operators", op);
	if (wild)
		return match_eq(pp, op, r->str, target);
	return compare(pp, op, strverscmp(target, r->str));
}

static const char *config_value(struct session *s, const char *name)
{
	static struct vec lines;
	static bool loaded;
	size_t n = strlen(name);
	int i;

	if (!loaded) {
		char *path = xasprintf("%s/.config", s->kbuild_dir);
		char *text = read_file(path, NULL), *line, *save = NULL;

		for (line = text ? strtok_r(text, "\n", &save) : NULL; line;
		     line = strtok_r(NULL, "\n", &save))
			if (!strncmp(line, "CONFIG_", 7))
				vec_push(&lines, line);
		free(path);
		loaded = true;
	}
	for (i = 0; i < lines.n; i++) {
		const char *l = lines.v[i];

		if (!strncmp(l, name, n) && l[n] == '=')
			return l + n + 1;
	}
	return "";
}

static bool to_num(const char *s, long long *v)
{
	char *end;

	errno = 0;
	*v = strtoll(s, &end, 0);
	return !errno && end != s && !*end;
}

static bool eval_config(struct pp *pp, const struct token *l,
			const struct token *op, const struct token *r)
{
	const char *lv = config_value(pp->s, l->text), *rv;
	long long a, b;

	if (r->type == TOK_STRING)
		return match_eq(pp, op, r->str, lv);
	if (r->type == TOK_NUMBER) {
		if (!to_num(lv, &a))
			pp_fail(pp, "Config option value not a number", l);
		to_num(r->text, &b);
		return compare(pp, op, cmp_num(a, b));
	}
	if (r->type == TOK_IDENT && !strncmp(r->text, "CONFIG_", 7)) {
		rv = config_value(pp->s, r->text);
		if (to_num(lv, &a) && to_num(rv, &b))
			return compare(pp, op, cmp_num(a, b));
		return compare(pp, op, strcmp(lv, rv));
	}
	pp_fail(pp, "expected string, number literal or other CONFIG_... as "
		"right side operand", r);
	return false;
}

static bool eval_term(struct pp *pp, const struct token *l,
		      const struct token *op, const struct token *r)
{
	struct session *s = pp->s;
	bool ident = l->type == TOK_IDENT;
	long long a, b;

	if (ident && !strcmp(l->text, "kernel_v")) {
		char *base = xstrndup(s->kver, strcspn(s->kver, "-"));

		return eval_version(pp, base, op, r);
	}
	if (ident && !strcmp(l->text, "kernel_vr"))
		return eval_version(pp, s->kver, op, r);
	if (ident && !strcmp(l->text, "systemtap_v"))
		return eval_version(pp, STAP_COMPATIBLE, op, r);
	if (ident && !strcmp(l->text, "systemtap_privilege")) {
		need_string(pp, r);
		if (op->type != TOK_OP || !in_list(op->text, eq_ops))
			pp_fail(pp, "expected '==' or '!='", op);
		return (strcmp(r->str, "stapdev") == 0) == (op->text[0] == '=');
	}
	if (ident && !strcmp(l->text, "guru_mode")) {
		if (r->type != TOK_NUMBER)
			pp_fail(pp, "expected number", r);
		to_num(r->text, &b);
		if (b != 0 && b != 1)
			pp_fail(pp, "expected 0 or 1", op);
		if (op->type != TOK_OP || !in_list(op->text, eq_ops))
			pp_fail(pp, "expected '==' or '!='", op);
		return compare(pp, op, cmp_num(s->guru, b));
	}
	if (ident && (!strcmp(l->text, "arch") || !strcmp(l->text, "runtime"))) {
		need_string(pp, r);
		return match_eq(pp, op, r->str,
				l->text[0] == 'a' ? "x86_64" : "kernel");
	}
	if (ident && !strncmp(l->text, "CONFIG_", 7))
		return eval_config(pp, l, op, r);
	if (l->type == TOK_STRING && r->type == TOK_STRING)
		return compare(pp, op, strcmp(l->str, r->str));
	if (l->type == TOK_NUMBER && r->type == TOK_NUMBER) {
		to_num(l->text, &a);
		to_num(r->text, &b);
		return compare(pp, op, cmp_num(a, b));
	}
	if (l->type == TOK_STRING && r->type == TOK_NUMBER && op->type == TOK_OP)
		pp_fail(pp, "expected string literal as right value", r);
	if (l->type == TOK_NUMBER && r->type == TOK_STRING && op->type == TOK_OP)
		pp_fail(pp, "expected number literal as right value", r);
	pp_fail(pp, "expected 'arch', 'kernel_v', 'kernel_vr', 'systemtap_v',\n"
		"             'runtime', 'systemtap_privilege', 'CONFIG_...', or\n"
		"             comparison between strings or integers", l);
	return false;
}

/* After "%(": the condition up to "%?" */
static bool eval_cond(struct pp *pp, const struct token *open)
{
	bool result = false, and_result = true;
	const struct token *l, *op, *r, *n;

	for (;;) {
		l = scan_pp1(pp, false);
		op = scan_pp1(pp, false);
		r = scan_pp1(pp, false);
		if (!l || !op || !r)
			pp_fail(pp, "incomplete condition after '%('", open);
		and_result &= eval_term(pp, l, op, r);
		n = scan_pp1(pp, false);
		if (is(n, "&&"))
			continue;
		result |= and_result;
		and_result = true;
		if (!is(n, "||"))
			break;
	}
	if (!is(n, "%?"))
		pp_fail(pp, "expected '%?' marker for conditional", open);
	return result;
}

/* In a branch not taken: the %: %? or %) that ends it, errors ignored. */
static const struct token *skip_pp(struct pp *pp)
{
	jmp_buf jb, *saved = pp->fail;
	const struct token *t;

	pp->fail = &jb;
	pp->quiet = true;
	pp->nesting = 0;
	for (;;) {
		if (setjmp(jb))
			continue;
		t = scan_pp1(pp, true);
		if (!t)
			break;
		if (is(t, "%("))
			pp->nesting++;
		else if (pp->nesting && is(t, "%)"))
			pp->nesting--;
		else if (!pp->nesting &&
			 (is(t, "%:") || is(t, "%?") || is(t, "%)")))
			break;
	}
	pp->fail = saved;
	pp->quiet = false;
	return t;
}

static struct cond *cur_cond(struct pp *pp)
{
	return pp->conds.n ? pp->conds.v[pp->conds.n - 1] : NULL;
}

/* Stage 2: the next token of the branches taken. */
static const struct token *scan_pp(struct pp *pp)
{
	for (;;) {
		struct cond *c = cur_cond(pp);
		const struct token *t;

		if (c && (c->state == SKIP_THEN || c->state == SKIP_ELSE))
			t = skip_pp(pp);
		else
			t = scan_pp1(pp, false);
		if (!t) {
			if (!c)
				return NULL;
			pp->conds.n--;
			pp_fail(pp, "incomplete conditional at end of file",
				c->tok);
		}
		if (is(t, "%?"))
			pp_fail(pp, "incomplete conditional - missing '%('", t);
		if (is(t, "%:")) {
			if (!c)
				pp_fail(pp, "incomplete conditional - missing "
					"'%('", t);
			if (c->state == KEEP_ELSE || c->state == SKIP_ELSE)
				pp_fail(pp, "invalid conditional - duplicate "
					"'%:'", t);
			c->state = c->state == KEEP_THEN ? SKIP_ELSE :
							   KEEP_ELSE;
			continue;
		}
		if (is(t, "%)")) {
			if (!c)
				pp_fail(pp, "incomplete conditional - missing "
					"'%('", t);
			pp->conds.n--;
			continue;
		}
		if (!is(t, "%("))
			return t;
		c = xcalloc(1, sizeof(*c));
		c->tok = t;
		c->state = eval_cond(pp, t) ? KEEP_THEN : SKIP_THEN;
		vec_push(&pp->conds, c);
	}
}

static struct pp *pp_run(struct session *s, struct token **toks, bool library)
{
	struct pp *pp = xcalloc(1, sizeof(*pp));
	jmp_buf jb;
	const struct token *t;

	pp->s = s;
	pp->in = toks;
	pp->library = library;
	pp->fail = &jb;
	for (;;) {
		if (setjmp(jb))
			continue;
		t = scan_pp(pp);
		if (!t)
			break;
		vec_push(&pp->out, (void *)t);
	}
	vec_push(&pp->out, pp->in[pp->pos]);
	return pp;
}

/* Preprocess one file's tokens; the result ends with its TOK_EOF. */
struct token **preprocess(struct session *s, struct token **toks, int *ntok)
{
	struct pp *pp = pp_run(s, toks, false);

	*ntok = pp->out.n;
	return (struct token **)pp->out.v;
}

/* A library macro file defines macros and nothing else. */
static void load_stpm(struct session *s, const char *path)
{
	struct source *src = xcalloc(1, sizeof(*src));
	struct token **toks, *t;
	struct pp *pp;
	char *msg;
	int n, i;

	src->name = xstrdup(path);
	src->text = read_file(path, NULL);
	if (!src->text)
		return;
	toks = lex(s, src, &n);
	pp = pp_run(s, toks, true);
	t = pp->out.v[0];
	if (t->type == TOK_ERROR) {
		parse_error(s, t->text, t->at);
		return;
	}
	if (t->type != TOK_EOF) {
		msg = xasprintf("unexpected token in library macro file '%s'",
				path);
		parse_error(s, msg, t);
		return;
	}
	for (i = 0; i < pp->ns.n; i++) {
		struct macro *m = pp->ns.v[i], *old;

		old = find(&s->lib_macros, m->name);
		if (!old)
			continue;
		msg = xasprintf("duplicate definition of library macro '@%s'",
				m->name);
		parse_error(s, msg, m->tok);
		msg = xasprintf("macro '@%s' first defined here", m->name);
		parse_error(s, msg, old->tok);
		return;
	}
	for (i = 0; i < pp->ns.n; i++)
		vec_push(&s->lib_macros, pp->ns.v[i]);
}

/* Every .stpm file of DIR, in name order, as SystemTap reads them. */
void load_library_macros(struct session *s, const char *dir)
{
	char *pat = xasprintf("%s/*.stpm", dir);
	glob_t g;
	size_t i;

	if (!glob(pat, 0, NULL, &g)) {
		for (i = 0; i < g.gl_pathc; i++)
			load_stpm(s, g.gl_pathv[i]);
		globfree(&g);
	}
	free(pat);
}
