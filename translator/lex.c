// SPDX-License-Identifier: GPL-2.0
/*
 * translator/lex.c - the script lexer: one pass over a source into tokens.
 *
 * Comments (#, //, slash-star), identifiers (with $ and @), numbers, string
 * literals (C escapes decoded into token.str, token.text keeps the source
 * spelling for messages), embedded C %{ %} and every operator, longest
 * match first.
 *
 * Script arguments are pasted here, as SystemTap does: $1..$N insert the
 * argument's characters into the input, @1..@N the argument as a quoted
 * string, $# and @# the count.  The pasted characters are lexed like the
 * script's own; their tokens all carry the position of the $N that pasted
 * them and remember N (token.arg).  Lexical errors (an unclosed string, an
 * argument out of range) become junk tokens the parser reports when it
 * reaches one.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "session.h"

static const char *const keywords[] = {
	"probe", "global", "private", "function", "if", "else", "for",
	"foreach", "in", "limit", "return", "delete", "while", "break",
	"continue", "next", "string", "long", "try", "catch",
};

/* SystemTap 4.8's operators, longest first; any other punctuation
 * character is an operator of its own. */
static const char *const operators[] = {
	"<<<", ">>>", "<<=", ">>=", "==", "!=", "<=", ">=", "=~", "!~",
	"+=", "-=", "*=", "/=", "%=", "&=", "^=", "|=", ".=", "&&", "||",
	"++", "--", "->", "<<", ">>", "%(", "%?", "%:", "%)",
};

struct lexer {
	struct session *s;
	const struct source *src;
	char *buf;		/* the source, with pasted arguments */
	size_t pos;
	int line, col;
	int suspend;		/* pasted characters left: position frozen */
	int saved_line, saved_col;	/* where to resume after them */
	int arg;		/* the argument being pasted */
	bool arg_at;		/* ... by @N */
	bool nl;
	struct vec toks;
};

static int peekc(struct lexer *lx, size_t n)
{
	size_t i;

	for (i = 0; i <= n; i++)
		if (!lx->buf[lx->pos + i])
			return -1;
	return (unsigned char)lx->buf[lx->pos + n];
}

static int next_char(struct lexer *lx)
{
	int c = peekc(lx, 0);

	if (c < 0)
		return c;
	lx->pos++;
	if (lx->suspend) {
		if (--lx->suspend == 0) {
			lx->line = lx->saved_line;
			lx->col = lx->saved_col;
			lx->arg = 0;
		}
	} else if (c == '\n') {
		lx->line++;
		lx->col = 1;
		lx->nl = true;
	} else {
		lx->col++;
	}
	return c;
}

static void advance(struct lexer *lx, size_t n)
{
	while (n-- && next_char(lx) >= 0)
		;
}

/* Insert text at the cursor; its tokens get the position of t. */
static void paste(struct lexer *lx, const char *text, const struct token *t,
		  int arg)
{
	size_t n = strlen(text), rest = strlen(lx->buf + lx->pos);
	char *nb = xmalloc(lx->pos + n + rest + 1);

	memcpy(nb, lx->buf, lx->pos);
	memcpy(nb + lx->pos, text, n);
	memcpy(nb + lx->pos + n, lx->buf + lx->pos, rest + 1);
	free(lx->buf);
	lx->buf = nb;
	if (!n)
		return;
	lx->suspend += n;
	lx->saved_line = lx->line;
	lx->saved_col = lx->col;
	lx->line = t->line;
	lx->col = t->col;
	lx->arg = arg;
	lx->arg_at = false;
}

static struct token *tok_new(struct lexer *lx, enum tok_type type,
			     const char *text, size_t len)
{
	struct token *t = xcalloc(1, sizeof(*t));

	t->type = type;
	t->text = xstrndup(text, len);
	t->src = lx->src;
	t->line = lx->line;
	t->col = lx->col;
	t->arg = lx->suspend ? lx->arg : 0;
	t->arg_at = lx->suspend && lx->arg_at;
	t->nl_before = lx->nl;
	lx->nl = false;
	return t;
}

static struct token *junk(struct token *t, enum junk_kind kind)
{
	t->type = TOK_JUNK;
	t->junk = kind;
	return t;
}

/* Skip blanks and comments; an unclosed comment runs to the end. */
static void skip_space(struct lexer *lx)
{
	for (;;) {
		int c = peekc(lx, 0), c2 = peekc(lx, 1);

		if (c >= 0 && isspace(c)) {
			next_char(lx);
		} else if (c == '#' || (c == '/' && c2 == '/')) {
			while (peekc(lx, 0) >= 0 && peekc(lx, 0) != '\n')
				next_char(lx);
		} else if (c == '/' && c2 == '*') {
			advance(lx, 2);
			while (peekc(lx, 0) >= 0 &&
			       !(peekc(lx, 0) == '*' && peekc(lx, 1) == '/'))
				next_char(lx);
			advance(lx, 2);
		} else {
			return;
		}
	}
}

static int decode_escape(const char **pp)
{
	const char *p = *pp;
	int v = 0, i;

	switch (*p) {
	case 'n': v = '\n'; break;
	case 't': v = '\t'; break;
	case 'r': v = '\r'; break;
	case 'a': v = '\a'; break;
	case 'b': v = '\b'; break;
	case 'f': v = '\f'; break;
	case 'v': v = '\v'; break;
	case 'x':
		for (i = 0, p++; i < 2 && isxdigit((unsigned char)*p); i++, p++)
			v = v * 16 + (isdigit((unsigned char)*p) ? *p - '0' :
				      (tolower((unsigned char)*p) - 'a' + 10));
		*pp = p;
		return v;
	default:
		if (*p >= '0' && *p <= '7') {
			for (i = 0; i < 3 && *p >= '0' && *p <= '7'; i++, p++)
				v = v * 8 + (*p - '0');
			*pp = p;
			return v & 0xff;
		}
		v = *p;		/* \\ \" \' \? and unknown: the char itself */
	}
	*pp = p + 1;
	return v;
}

/* A string ends at its closing quote; a newline or the end is junk. */
static struct token *lex_string(struct lexer *lx)
{
	const char *start = lx->buf + lx->pos + 1, *p = start;
	struct sbuf dec = { 0 };
	struct token *t;

	while (*p && *p != '"' && *p != '\n') {
		if (*p == '\\' && p[1] && p[1] != '\n') {
			const char *q = p + 1;
			int c = decode_escape(&q);

			if (c)
				sb_putc(&dec, c);
			p = q;
		} else {
			sb_putc(&dec, *p++);
		}
	}
	t = tok_new(lx, TOK_STRING, start, p - start);
	t->str = dec.s ? dec.s : xstrdup("");
	advance(lx, p - start + 1 + (*p == '"'));
	if (*p != '"')
		return junk(t, JUNK_UNCLOSED_QUOTE);
	return t;
}

static char *quote_arg(const char *a)
{
	struct sbuf sb = { 0 };

	sb_putc(&sb, '"');
	for (; *a; a++) {
		if (*a == '"' || *a == '\\')
			sb_putc(&sb, '\\');
		sb_putc(&sb, *a);
	}
	sb_putc(&sb, '"');
	return sb.s;
}

/* $# @# $N @N at the cursor: paste, or return a junk token; NULL when
 * the characters are not an argument reference. */
static struct token *lex_arg(struct lexer *lx, bool *pasted)
{
	struct session *s = lx->s;
	int c = peekc(lx, 0), c2 = peekc(lx, 1);
	bool suspended = lx->suspend > 0;
	struct token *t;
	unsigned idx = 0;
	char *text;

	*pasted = false;
	if ((c != '$' && c != '@') || (c2 != '#' && !isdigit(c2)))
		return NULL;
	t = tok_new(lx, TOK_JUNK, "", 0);
	next_char(lx);
	if (c2 == '#') {
		next_char(lx);
		if (suspended)
			return junk(t, JUNK_NESTED_ARG);
		text = xasprintf(c == '$' ? "%d" : "\"%d\"", s->args.n);
		paste(lx, text, t, 0);
		free(text);
		*pasted = true;
		return NULL;
	}
	do {
		idx = idx * 10 + (next_char(lx) - '0');
		c2 = peekc(lx, 0);
	} while (c2 > 0 && isdigit(c2) && idx <= (unsigned)s->args.n);
	if (suspended)
		return junk(t, JUNK_NESTED_ARG);
	if (idx == 0 || idx - 1 >= (unsigned)s->args.n)
		return junk(t, JUNK_INVALID_ARG);
	s->used_args[idx - 1] = true;
	text = c == '$' ? xstrdup(s->args.v[idx - 1]) :
			  quote_arg(s->args.v[idx - 1]);
	paste(lx, text, t, idx);
	lx->arg_at = c == '@';
	free(text);
	*pasted = true;
	return NULL;
}

static struct token *lex_word(struct lexer *lx)
{
	const char *p = lx->buf + lx->pos;
	struct token *t;
	size_t n, i;

	for (n = 1; isalnum((unsigned char)p[n]) || p[n] == '_' ||
		    p[n] == '$'; n++)
		;
	t = tok_new(lx, TOK_IDENT, p, n);
	for (i = 0; i < ARRAY_LEN(keywords); i++)
		if (!strcmp(t->text, keywords[i]))
			t->type = TOK_KEYWORD;
	advance(lx, n);
	return t;
}

static struct token *lex_embedded(struct lexer *lx)
{
	const char *p = lx->buf + lx->pos;
	const char *end = strstr(p + 2, "%}");
	struct token *t = tok_new(lx, TOK_EMBEDDED, p + 2,
				  end ? (size_t)(end - p - 2) : 0);

	if (!end) {
		advance(lx, strlen(p));
		return junk(t, JUNK_UNCLOSED_EMBEDDED);
	}
	advance(lx, end + 2 - p);
	return t;
}

static struct token *lex_one(struct lexer *lx)
{
	const char *p = lx->buf + lx->pos;
	struct token *t;
	size_t n, i;
	char hex[8];

	if (*p == '"')
		return lex_string(lx);
	if (isalpha((unsigned char)*p) || *p == '_' || *p == '$' || *p == '@')
		return lex_word(lx);
	if (isdigit((unsigned char)*p)) {
		for (n = 1; isalnum((unsigned char)p[n]); n++)
			;
		t = tok_new(lx, TOK_NUMBER, p, n);
		advance(lx, n);
		return t;
	}
	if (p[0] == '%' && p[1] == '{')
		return lex_embedded(lx);
	if (ispunct((unsigned char)*p)) {
		for (i = 0, n = 1; i < ARRAY_LEN(operators); i++)
			if (!strncmp(p, operators[i], strlen(operators[i]))) {
				n = strlen(operators[i]);
				break;
			}
		t = tok_new(lx, TOK_OP, p, n);
		advance(lx, n);
		return t;
	}
	snprintf(hex, sizeof(hex), "\\x%02x", (unsigned char)*p);
	t = tok_new(lx, TOK_OP, hex, strlen(hex));
	advance(lx, 1);
	return junk(t, JUNK_UNKNOWN);
}

/* Tokenize src, ending with a TOK_EOF token. */
struct token **lex(struct session *s, const struct source *src, int *ntok)
{
	struct lexer lx = {
		.s = s, .src = src, .buf = xstrdup(src->text),
		.line = 1, .col = 1,
	};
	struct token *t;
	bool pasted;

	for (;;) {
		skip_space(&lx);
		if (peekc(&lx, 0) < 0)
			break;
		t = lex_arg(&lx, &pasted);
		if (pasted)
			continue;
		if (!t)
			t = lex_one(&lx);
		vec_push(&lx.toks, t);
	}
	vec_push(&lx.toks, tok_new(&lx, TOK_EOF, "", 0));
	free(lx.buf);
	*ntok = lx.toks.n;
	return (struct token **)lx.toks.v;
}
