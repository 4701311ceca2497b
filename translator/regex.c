// SPDX-License-Identifier: GPL-2.0
/*
 * translator/regex.c - compile regex literals for the runtime's Pike VM.
 *
 * The parser follows SystemTap 4.8's stapregex step for step, because its
 * quirks are visible: error messages and positions, which characters are
 * special, "a)" being accepted, named classes, the string-escape pass over
 * the raw literal (SystemTap does not unescape regex literals in the lexer,
 * so "\." is a dot and "\\." a literal dot).  The tree it builds has the
 * same shape as stapregex's too (including its merging of one-character
 * alternatives), since group contents depend on which path is preferred.
 *
 * Errors unwind with longjmp: the parser is a recursive descent with many
 * exits, as stapregex's is with C++ exceptions.
 */
#include <ctype.h>
#include <errno.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include "regex.h"

#define RX_MAX_REPEAT	12345	/* stapregex's MAX_DFA_REPETITIONS */
#define RX_MAX_INSN	65535	/* u16 jump targets */

enum rx_kind { RN_NULL, RN_BOL, RN_EOL, RN_TAG, RN_SET, RN_ALT, RN_CAT,
	       RN_CLOSE, RN_CLOSEV };

struct rx_node {
	enum rx_kind kind;
	struct rx_node *a, *b;
	int tag;			/* RN_TAG */
	int nmin, nmax;			/* RN_CLOSEV, nmax -1: unbounded */
	u32 set[STAP_RX_SET_WORDS];	/* RN_SET */
};

/* stapregex's cursor: string escapes are decoded as characters are read. */
struct rx_cursor {
	const char *in;
	size_t len, pos, last_pos;
	bool finished;
	char next_c;			/* peeked, 0: none */
};

struct rx_parser {
	struct rx_cursor cur;
	int ngroups;
	struct vec nodes;		/* everything allocated, for freeing */
	jmp_buf fail;
	char *msg;
	long pos;			/* -1: no position */
};

static void __attribute__((noreturn, format(printf, 3, 4)))
rx_fail(struct rx_parser *p, long pos, const char *fmt, ...)
{
	struct sbuf sb = { 0 };
	va_list ap;

	va_start(ap, fmt);
	sb_vprintf(&sb, fmt, ap);
	va_end(ap);
	p->msg = sb.s ? sb.s : xstrdup("");
	p->pos = pos;
	longjmp(p->fail, 1);
}

static void cur_unescape(struct rx_parser *p)
{
	struct rx_cursor *c = &p->cur;
	static const char hex[] = "0123456789abcdef";
	const char *d0, *d1, *d2;
	char ch = c->in[c->pos];

	c->last_pos = c->pos;
	if (ch != '\\') {
		c->next_c = ch;
		c->finished = ++c->pos >= c->len;
		return;
	}
	if (++c->pos >= c->len)
		rx_fail(p, c->pos, "unexpected end of regex");
	ch = c->in[c->pos];
	switch (ch) {
	case 'a': ch = '\a'; break;
	case 'b': ch = '\b'; break;
	case 't': ch = '\t'; break;
	case 'n': ch = '\n'; break;
	case 'v': ch = '\v'; break;
	case 'f': ch = '\f'; break;
	case 'r': ch = '\r'; break;
	case 'x':
		if (c->pos >= c->len - 2)
			rx_fail(p, c->pos, "two hex digits required in escape sequence");
		d1 = strchr(hex, tolower((unsigned char)c->in[c->pos + 1]));
		d2 = strchr(hex, tolower((unsigned char)c->in[c->pos + 2]));
		if (!d1 || !d2)
			rx_fail(p, c->pos + (d1 ? 1 : 2),
				"two hex digits required in escape sequence");
		ch = (char)(((d1 - hex) << 4) + (d2 - hex));
		c->pos += 2;
		break;
	case '4' ... '7':
		rx_fail(p, c->pos, "octal escape sequence out of range");
	case '0' ... '3':
		if (c->pos >= c->len - 2)
			rx_fail(p, c->pos, "three octal digits required in escape sequence");
		d0 = strchr("01234567", c->in[c->pos]);
		d1 = strchr("01234567", c->in[c->pos + 1]);
		d2 = strchr("01234567", c->in[c->pos + 2]);
		if (!d0 || !d1 || !d2 || !c->in[c->pos + 1] || !c->in[c->pos + 2])
			rx_fail(p, c->pos + (d1 ? 1 : 2),
				"three octal digits required in escape sequence");
		ch = (char)((c->in[c->pos] - '0') << 6 |
			    (c->in[c->pos + 1] - '0') << 3 |
			    (c->in[c->pos + 2] - '0'));
		c->pos += 2;
		break;
	default:	/* the backslash just goes */
		break;
	}
	c->next_c = ch;
	c->finished = ++c->pos >= c->len;
}

static char cur_next(struct rx_parser *p)
{
	struct rx_cursor *c = &p->cur;
	char ch;

	if (!c->next_c && c->finished)
		rx_fail(p, c->pos, "unexpected end of regex");
	if (!c->next_c)
		cur_unescape(p);
	ch = c->next_c;
	c->next_c = 0;
	return ch;
}

static char cur_peek(struct rx_parser *p)
{
	if (!p->cur.next_c && !p->cur.finished)
		cur_unescape(p);
	return p->cur.next_c;
}

/* At least n raw characters from pos on (stapregex's unsigned test). */
static bool cur_has(const struct rx_cursor *c, size_t n)
{
	return c->pos <= c->len - n;
}

/* --- the tree --- */

static struct rx_node *node(struct rx_parser *p, enum rx_kind kind,
			    struct rx_node *a, struct rx_node *b)
{
	struct rx_node *n = xcalloc(1, sizeof(*n));

	n->kind = kind;
	n->a = a;
	n->b = b;
	vec_push(&p->nodes, n);
	return n;
}

static void set_add(u32 *set, int lb, int ub)
{
	int ch;

	for (ch = lb < 0 ? 0 : lb; ch <= ub && ch < 128; ch++)
		set[ch / 32] |= 1u << (ch % 32);
}

static struct rx_node *set_node(struct rx_parser *p, int lb, int ub)
{
	struct rx_node *n = node(p, RN_SET, NULL, NULL);

	set_add(n->set, lb, ub);
	return n;
}

static struct rx_node *tag_node(struct rx_parser *p, int tag)
{
	struct rx_node *n = node(p, RN_TAG, NULL, NULL);

	n->tag = tag;
	return n;
}

/* Wrap re in the start and end tags of group g. */
static struct rx_node *group(struct rx_parser *p, struct rx_node *re, int g)
{
	re = node(p, RN_CAT, tag_node(p, 2 * g), re);
	return node(p, RN_CAT, re, tag_node(p, 2 * g + 1));
}

static struct rx_node *alt_of(struct rx_parser *p, struct rx_node *a,
			      struct rx_node *b)
{
	if (!a)
		return b;
	if (!b)
		return a;
	return node(p, RN_ALT, a, b);
}

/* Split x into its leading one-character set (if any) and the rest. */
static void alt_split(struct rx_node *x, struct rx_node **set,
		      struct rx_node **rest)
{
	*set = NULL;
	*rest = x;
	if (x->kind == RN_ALT && x->a->kind == RN_SET) {
		*set = x->a;
		*rest = x->b;
	} else if (x->kind == RN_SET) {
		*set = x;
		*rest = NULL;
	}
}

/* a|b as stapregex's make_alt: one-character sets merge and go first. */
static struct rx_node *make_alt(struct rx_parser *p, struct rx_node *a,
				struct rx_node *b)
{
	struct rx_node *s1, *e1, *s2, *e2, *u = NULL;
	int i;

	alt_split(a, &s1, &e1);
	alt_split(b, &s2, &e2);
	if (s1 || s2) {
		u = node(p, RN_SET, NULL, NULL);
		for (i = 0; i < STAP_RX_SET_WORDS; i++)
			u->set[i] = (s1 ? s1->set[i] : 0) | (s2 ? s2->set[i] : 0);
	}
	return alt_of(p, u, alt_of(p, e1, e2));
}

static bool is_special(char c)
{
	return c && strchr(".[{()\\*+?|^$", c);
}

static bool is_closure(char c)
{
	return c == '*' || c == '+' || c == '?' || c == '{';
}

/* --- the parser --- */

static struct rx_node *parse_expr(struct rx_parser *p);

static void expect(struct rx_parser *p, char want)
{
	jmp_buf saved;
	char c;

	/* A cursor error here becomes "expected X, found end of regex". */
	memcpy(saved, p->fail, sizeof(saved));
	if (setjmp(p->fail)) {
		memcpy(p->fail, saved, sizeof(saved));
		free(p->msg);
		rx_fail(p, p->cur.last_pos, "expected %c, found end of regex",
			want);
	}
	c = cur_next(p);
	memcpy(p->fail, saved, sizeof(saved));
	if (c != want)
		rx_fail(p, p->cur.last_pos, "expected %c, found %c", want, c);
}

static const struct {
	const char *name;
	const char *chars;	/* ranges as a-b, or single characters */
} named_classes[] = {
	{ "alpha", "A-Za-z" },
	{ "alnum", "A-Za-z0-9" },
	{ "blank", " \t" },
	{ "cntrl", "\x01-\x1f\x7f" },
	{ "d", "0-9" }, { "digit", "0-9" },
	{ "xdigit", "0-9a-fA-F" },
	{ "graph", "\x21-\x7e" },
	{ "l", "a-z" }, { "lower", "a-z" },
	{ "print", "\x20-\x7e" },
	/* stapregex's table reads "[\]" as an escaped ']': no backslash */
	{ "punct", "!\"#$%&'()*+,./:;<=>?@[]^_`{|}~-" },
	{ "s", " \t\r\n\v\f" }, { "space", " \t\r\n\v\f" },
	{ "u", "A-Z" }, { "upper", "A-Z" },
};

static void named_class(struct rx_parser *p, const char *name, u32 *set)
{
	const char *s;
	size_t i;

	for (i = 0; i < ARRAY_LEN(named_classes); i++) {
		if (strcmp(named_classes[i].name, name))
			continue;
		for (s = named_classes[i].chars; *s; s++) {
			if (s[1] == '-' && s[2]) {
				set_add(set, s[0], s[2]);
				s += 2;
			} else {
				set_add(set, *s, *s);
			}
		}
		return;
	}
	rx_fail(p, -1, "unknown character class '%s'", name);
}

/* [:name:] after the '[' was read; the class goes into set. */
static void parse_named(struct rx_parser *p, u32 *set)
{
	struct rx_cursor *c = &p->cur;
	struct sbuf name = { 0 };
	char ch;

	cur_next(p);			/* ':' */
	ch = cur_peek(p);
	for (;;) {
		if (c->finished)
			rx_fail(p, c->pos, "unclosed character class '[:%s'",
				sb_str(&name));
		if (cur_has(c, 2) && ch == ':' && c->in[c->pos] == ']') {
			cur_next(p);
			cur_next(p);
			named_class(p, sb_str(&name), set);
			sb_free(&name);
			return;
		}
		sb_putc(&name, ch);
		cur_next(p);
		ch = cur_peek(p);
	}
}

/* One item of a bracket expression: a, a-z, \x or [:name:]. */
static void parse_range(struct rx_parser *p, u32 *set)
{
	struct rx_cursor *c = &p->cur;
	char ch = cur_peek(p), lb, ub;

	if (ch == '\\') {
		cur_next(p);
		ch = cur_peek(p);
		cur_next(p);
	} else if (ch == '[') {
		cur_next(p);
		if (cur_peek(p) == ':') {
			parse_named(p, set);
			return;
		}
		/* a plain '[' */
	} else {
		cur_next(p);
	}
	lb = ub = ch;
	if (cur_has(c, 2) && cur_peek(p) == '-' && c->in[c->pos] != ']') {
		cur_next(p);
		ub = cur_peek(p);
		if (ub < lb)
			rx_fail(p, c->pos, "Inverted character range %c-%c",
				lb, ub);
		cur_next(p);
	}
	set_add(set, lb, ub);
}

static struct rx_node *parse_bracket(struct rx_parser *p)
{
	struct rx_node *n = node(p, RN_SET, NULL, NULL);
	bool inv = false;
	int i;

	if (cur_peek(p) == '^') {
		inv = true;
		cur_next(p);
	}
	do {
		if (p->cur.finished)
			rx_fail(p, p->cur.last_pos, "unclosed character class");
		parse_range(p, n->set);
	} while (cur_peek(p) != ']');
	if (inv) {	/* never the NUL */
		for (i = 0; i < STAP_RX_SET_WORDS; i++)
			n->set[i] = ~n->set[i];
		n->set[0] &= ~1u;
	}
	return n;
}

static int parse_number(struct rx_parser *p)
{
	struct sbuf digits = { 0 };
	long v;

	while (isdigit((unsigned char)cur_peek(p)))
		sb_putc(&digits, cur_next(p));
	if (!digits.len)
		rx_fail(p, p->cur.pos, "expected number");
	errno = 0;
	v = strtol(digits.s, NULL, 10);
	if (errno == ERANGE)
		rx_fail(p, p->cur.pos, "could not parse number %s", digits.s);
	if (v >= RX_MAX_REPEAT)
		rx_fail(p, p->cur.pos, "%s is too large", digits.s);
	sb_free(&digits);
	return (int)v;
}

/* {m}, {m,}, {m,n} after the '{' was read. */
static struct rx_node *parse_braces(struct rx_parser *p, struct rx_node *re)
{
	int nmin = parse_number(p), nmax;
	char c = cur_next(p);
	struct rx_node *n;

	if (c == ',') {
		c = cur_peek(p);
		if (c == '}') {
			cur_next(p);
			nmax = -1;
		} else if (isdigit((unsigned char)c)) {
			nmax = parse_number(p);
			expect(p, '}');
		} else {
			rx_fail(p, p->cur.pos, "expected '}' or number");
		}
	} else if (c == '}') {
		nmax = nmin;
	} else {
		rx_fail(p, p->cur.last_pos, "expected ',' or '}'");
	}
	if (nmin == 0 && nmax == -1)
		return make_alt(p, node(p, RN_CLOSE, re, NULL),
				node(p, RN_NULL, NULL, NULL));
	if (nmin == 1 && nmax == -1)
		return node(p, RN_CLOSE, re, NULL);
	/* stapregex miscompiles {m,n} with n < m into something that fails */
	if (nmax >= 0 && nmax < nmin)
		return node(p, RN_SET, NULL, NULL);
	n = node(p, RN_CLOSEV, re, NULL);
	n->nmin = nmin;
	n->nmax = nmax;
	return n;
}

static struct rx_node *parse_closures(struct rx_parser *p, struct rx_node *re)
{
	char c;

	while (is_closure(c = cur_peek(p))) {
		cur_next(p);
		if (re->kind == RN_BOL || re->kind == RN_EOL)
			rx_fail(p, p->cur.last_pos,
				"postfix closure '%c' applied to anchoring operator",
				c);
		if (c == '*')
			re = make_alt(p, node(p, RN_CLOSE, re, NULL),
				      node(p, RN_NULL, NULL, NULL));
		else if (c == '+')
			re = node(p, RN_CLOSE, re, NULL);
		else if (c == '?')
			re = make_alt(p, re, node(p, RN_NULL, NULL, NULL));
		else
			re = parse_braces(p, re);
	}
	return re;
}

static struct rx_node *parse_group(struct rx_parser *p)
{
	struct rx_node *re;
	bool capture = true;
	int g = 0;

	if (cur_peek(p) == '?') {
		cur_next(p);
		/* stapregex only peeks at the ':', which then is a literal */
		if (cur_peek(p) != ':')
			rx_fail(p, p->cur.last_pos, "unexpected '(?%c'",
				cur_peek(p));
		capture = false;
	}
	if (capture)
		g = p->ngroups++;
	re = parse_expr(p);
	re = capture ? group(p, re, g) :
		node(p, RN_CAT, re, node(p, RN_NULL, NULL, NULL));
	expect(p, ')');
	return re;
}

/* A run of ordinary characters; a closure binds only to the last one. */
static struct rx_node *parse_literal(struct rx_parser *p, char c,
				     struct rx_node **prefix)
{
	struct rx_node *re = NULL;
	char d = 0;

	while (c && (!is_special(c) || c == '\\')) {
		if (c == '\\') {
			cur_next(p);
			c = cur_peek(p);
		}
		cur_next(p);
		d = cur_peek(p);
		if (is_closure(d)) {
			d = c;
			break;
		}
		re = re ? node(p, RN_CAT, re, set_node(p, c, c)) :
			set_node(p, c, c);
		c = d;
		d = 0;
	}
	if (!re)
		re = node(p, RN_NULL, NULL, NULL);
	if (!d)
		return re;
	*prefix = re;
	return set_node(p, d, d);
}

static struct rx_node *parse_factor(struct rx_parser *p)
{
	struct rx_node *re, *prefix = NULL;
	char c = cur_peek(p);

	if (!c || c == '|' || c == ')')
		return node(p, RN_NULL, NULL, NULL);
	if (is_closure(c))
		rx_fail(p, p->cur.last_pos, "unexpected '%c'", c);
	if (is_special(c) && c != '\\')
		cur_next(p);
	if (c == '.') {
		re = set_node(p, 1, 127);
	} else if (c == '[') {
		re = parse_bracket(p);
		expect(p, ']');
	} else if (c == '(') {
		re = parse_group(p);
	} else if (c == '^' || c == '$') {
		re = node(p, c == '^' ? RN_BOL : RN_EOL, NULL, NULL);
	} else {
		re = parse_literal(p, c, &prefix);
	}
	re = parse_closures(p, re);
	return prefix ? node(p, RN_CAT, prefix, re) : re;
}

static struct rx_node *parse_term(struct rx_parser *p)
{
	struct rx_node *re = parse_factor(p);
	char c;

	while ((c = cur_peek(p)) && c != '|' && c != ')')
		re = node(p, RN_CAT, re, parse_factor(p));
	return re;
}

static struct rx_node *parse_expr(struct rx_parser *p)
{
	struct rx_node *re = parse_term(p);

	while (cur_peek(p) == '|') {
		cur_next(p);
		re = make_alt(p, re, parse_term(p));
	}
	return re;
}

/* --- code generation --- */

struct rx_gen {
	struct rx_prog *prog;
	int cap;
	bool overflow;
};

static int gen_insn(struct rx_gen *g, u8 op)
{
	struct rx_prog *pr = g->prog;

	if (pr->ninsn >= RX_MAX_INSN) {
		g->overflow = true;
		return pr->ninsn - 1;
	}
	if (pr->ninsn == g->cap) {
		g->cap = g->cap ? 2 * g->cap : 32;
		pr->insn = xrealloc(pr->insn, g->cap * sizeof(*pr->insn));
	}
	memset(&pr->insn[pr->ninsn], 0, sizeof(*pr->insn));
	pr->insn[pr->ninsn].op = op;
	return pr->ninsn++;
}

static void gen_set(struct rx_gen *g, const u32 *set)
{
	struct rx_prog *pr = g->prog;
	int i, n = 0, ch = 0, pc;

	for (i = 0; i < 128; i++)
		if (set[i / 32] >> (i % 32) & 1) {
			n++;
			ch = i;
		}
	if (n == 1) {
		pc = gen_insn(g, STAP_RX_CHAR);
		pr->insn[pc].c = ch;
		return;
	}
	for (i = 0; i < pr->nsets; i++)
		if (!memcmp(pr->sets[i], set, sizeof(pr->sets[i])))
			break;
	if (i == pr->nsets) {
		pr->sets = xrealloc(pr->sets, ++pr->nsets * sizeof(*pr->sets));
		memcpy(pr->sets[i], set, sizeof(pr->sets[i]));
	}
	pc = gen_insn(g, STAP_RX_SET);
	pr->insn[pc].arg = i;
}

static void gen(struct rx_gen *g, const struct rx_node *n);

/* x{m,n}: the optional copies come first, as in stapregex. */
static void gen_closev(struct rx_gen *g, const struct rx_node *n)
{
	struct stap_regex_insn *in;
	int i, nopt = n->nmax > n->nmin ? n->nmax - n->nmin : 0, start;
	int *splits = xcalloc(nopt + 1, sizeof(*splits));

	for (i = 0; i < nopt && !g->overflow; i++) {
		splits[i] = gen_insn(g, STAP_RX_SPLIT);
		g->prog->insn[splits[i]].x = splits[i] + 1;
		gen(g, n->a);
	}
	for (i = 0; i < nopt; i++)
		g->prog->insn[splits[i]].y = g->prog->ninsn;
	free(splits);
	for (i = 0; i < n->nmin && !g->overflow; i++) {
		start = g->prog->ninsn;
		gen(g, n->a);
		if (n->nmax < 0 && i == 0) {
			int pc = gen_insn(g, STAP_RX_SPLIT);

			in = &g->prog->insn[pc];
			in->x = start;
			in->y = g->prog->ninsn;
		}
	}
}

static void gen(struct rx_gen *g, const struct rx_node *n)
{
	struct stap_regex_insn *in;
	int a, b, start, pc;

	switch (n->kind) {
	case RN_NULL:
		break;
	case RN_BOL:
		gen_insn(g, STAP_RX_BOL);
		break;
	case RN_EOL:
		gen_insn(g, STAP_RX_EOL);
		break;
	case RN_TAG:
		pc = gen_insn(g, STAP_RX_TAG);
		g->prog->insn[pc].arg = n->tag;
		break;
	case RN_SET:
		gen_set(g, n->set);
		break;
	case RN_CAT:
		gen(g, n->a);
		gen(g, n->b);
		break;
	case RN_ALT:
		a = gen_insn(g, STAP_RX_SPLIT);
		gen(g, n->a);
		b = gen_insn(g, STAP_RX_JMP);
		in = &g->prog->insn[a];
		in->x = a + 1;
		in->y = b + 1;
		gen(g, n->b);
		g->prog->insn[b].x = g->prog->ninsn;
		break;
	case RN_CLOSE:	/* greedy: loop back first */
		start = g->prog->ninsn;
		gen(g, n->a);
		pc = gen_insn(g, STAP_RX_SPLIT);
		in = &g->prog->insn[pc];
		in->x = start;
		in->y = g->prog->ninsn;
		break;
	case RN_CLOSEV:
		gen_closev(g, n);
		break;
	}
}

static void parser_free(struct rx_parser *p)
{
	int i;

	for (i = 0; i < p->nodes.n; i++)
		free(p->nodes.v[i]);
	free(p->nodes.v);
}

struct rx_prog *regex_compile(const char *text, char **err)
{
	struct rx_parser p = { .ngroups = 1 };
	struct rx_prog *prog = xcalloc(1, sizeof(*prog));
	struct rx_gen g = { .prog = prog };
	struct rx_node *re;

	p.cur.in = text;
	p.cur.len = strlen(text);
	p.cur.finished = !p.cur.len;
	if (setjmp(p.fail)) {
		*err = p.pos >= 0 ?
			xasprintf("regex compilation error (at position %ld): %s",
				  p.pos, p.msg) :
			xasprintf("regex compilation error: %s", p.msg);
		free(p.msg);
		parser_free(&p);
		regex_free(prog);
		return NULL;
	}
	re = group(&p, parse_expr(&p), 0);
	if (!p.cur.finished) {	/* "a)" is accepted: the ')' was the end */
		if (cur_peek(&p) == ')')
			rx_fail(&p, p.cur.pos, "unbalanced ')'");
		rx_fail(&p, p.cur.pos,
			"BUG -- regex parse failed to finish for unknown reasons");
	}
	gen(&g, re);
	gen_insn(&g, STAP_RX_MATCH);
	parser_free(&p);
	if (g.overflow) {
		*err = xstrdup("regex compilation error: regex too large");
		regex_free(prog);
		return NULL;
	}
	prog->text = xstrdup(text);
	prog->ntags = 2 * p.ngroups;
	return prog;
}

void regex_free(struct rx_prog *p)
{
	if (!p)
		return;
	free(p->text);
	free(p->insn);
	free(p->sets);
	free(p);
}

void regex_emit(struct sbuf *out, const struct rx_prog *p, const char *name,
		bool tags)
{
	int i;

	sb_printf(out, "static const struct stap_regex_insn %s_insn[] = {\n",
		  name);
	for (i = 0; i < p->ninsn; i++) {
		const struct stap_regex_insn *in = &p->insn[i];

		sb_printf(out, "\t{ %u, %u, %u, %u, %u },\n", in->op, in->c,
			  in->arg, in->x, in->y);
	}
	sb_puts(out, "};\n");
	if (p->nsets) {
		sb_printf(out, "static const u32 %s_sets[][STAP_RX_SET_WORDS] = {\n",
			  name);
		for (i = 0; i < p->nsets; i++)
			sb_printf(out, "\t{ 0x%08x, 0x%08x, 0x%08x, 0x%08x },\n",
				  p->sets[i][0], p->sets[i][1], p->sets[i][2],
				  p->sets[i][3]);
		sb_puts(out, "};\n");
	}
	sb_printf(out, "static const struct stap_regex %s = {\n"
		  "\t.insn = %s_insn,\n", name, name);
	if (p->nsets)
		sb_printf(out, "\t.sets = %s_sets,\n", name);
	sb_printf(out, "\t.ninsn = %d,\n\t.ntags = %d,\n};\n\n", p->ninsn,
		  tags ? p->ntags : 0);
}
