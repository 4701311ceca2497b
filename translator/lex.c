// SPDX-License-Identifier: GPL-2.0
/*
 * translator/lex.c - the script lexer: one pass over a source into tokens.
 *
 * Comments (#, //, slash-star), identifiers (with $ and @), numbers, string
 * literals (C escapes decoded into token.str, token.text keeps the source
 * spelling for messages), embedded C %{ %} and every operator, longest
 * match first.
 */
#include <ctype.h>
#include <string.h>

#include "session.h"

static const char *const keywords[] = {
	"probe", "global", "private", "function", "if", "else", "for",
	"foreach", "in", "limit", "return", "delete", "while", "break",
	"continue", "next", "string", "long", "try", "catch",
};

/* Longest first within each leading character is enough: we scan in order. */
static const char *const operators[] = {
	">>>=", "<<<", ">>>", "<<=", ">>=", "...", "==", "!=", "<=", ">=",
	"&&", "||", "++", "--", "+=", "-=", "*=", "/=", "%=", "&=", "|=",
	"^=", ".=", "<<", ">>", "->", "=~", "!~", "%(", "%?", "%:", "%)",
	"{", "}", "(", ")", "[", "]", ";", ",", ".", "+", "-", "*", "/",
	"%", "<", ">", "=", "!", "~", "&", "|", "^", "?", ":",
};

struct lexer {
	struct session *s;
	const struct source *src;
	const char *p;
	int line, col;
	bool nl;
	struct vec toks;
};

static void advance(struct lexer *lx, size_t n)
{
	while (n-- && *lx->p) {
		if (*lx->p == '\n') {
			lx->line++;
			lx->col = 1;
			lx->nl = true;
		} else {
			lx->col++;
		}
		lx->p++;
	}
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
	t->nl_before = lx->nl;
	lx->nl = false;
	return t;
}

/* Skip blanks and comments; false on an unterminated comment. */
static bool skip_space(struct lexer *lx)
{
	for (;;) {
		if (isspace((unsigned char)*lx->p)) {
			advance(lx, 1);
		} else if (*lx->p == '#' ||
			   (lx->p[0] == '/' && lx->p[1] == '/')) {
			while (*lx->p && *lx->p != '\n')
				advance(lx, 1);
		} else if (lx->p[0] == '/' && lx->p[1] == '*') {
			const char *end = strstr(lx->p + 2, "*/");

			if (!end)
				return false;
			advance(lx, end + 2 - lx->p);
		} else {
			return true;
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

static struct token *lex_string(struct lexer *lx)
{
	const char *start = lx->p + 1, *p = start;
	struct sbuf dec = { 0 };
	struct token *t;

	while (*p && *p != '"') {
		if (*p == '\\' && p[1]) {
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
	if (!*p) {
		parse_error(lx->s, "Could not find matching closing quote", t);
		return NULL;
	}
	advance(lx, p + 1 - lx->p);
	return t;
}

static struct token *lex_one(struct lexer *lx)
{
	const char *p = lx->p;
	struct token *t;
	size_t n, i;

	if (*p == '"')
		return lex_string(lx);
	if (isalpha((unsigned char)*p) || *p == '_' || *p == '$' || *p == '@') {
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
	if (isdigit((unsigned char)*p)) {
		for (n = 1; isalnum((unsigned char)p[n]); n++)
			;
		t = tok_new(lx, TOK_NUMBER, p, n);
		advance(lx, n);
		return t;
	}
	if (p[0] == '%' && p[1] == '{') {
		const char *end = strstr(p + 2, "%}");

		t = tok_new(lx, TOK_EMBEDDED, p + 2,
			    end ? (size_t)(end - p - 2) : 0);
		if (!end) {
			parse_error(lx->s, "Could not find matching '%}'", t);
			return NULL;
		}
		advance(lx, end + 2 - p);
		return t;
	}
	for (i = 0; i < ARRAY_LEN(operators); i++) {
		n = strlen(operators[i]);
		if (!strncmp(p, operators[i], n)) {
			t = tok_new(lx, TOK_OP, p, n);
			advance(lx, n);
			return t;
		}
	}
	t = tok_new(lx, TOK_OP, p, 1);
	parse_error(lx->s, "unexpected character", t);
	return NULL;
}

/* Tokenize src; NULL after reporting a lexical error. */
struct token **lex(struct session *s, const struct source *src, int *ntok)
{
	struct lexer lx = {
		.s = s, .src = src, .p = src->text, .line = 1, .col = 1,
	};
	struct token *t;

	for (;;) {
		if (!skip_space(&lx)) {
			t = tok_new(&lx, TOK_OP, "/*", 2);
			parse_error(s, "Could not find matching closing '*/'", t);
			return NULL;
		}
		if (!*lx.p)
			break;
		t = lex_one(&lx);
		if (!t)
			return NULL;
		vec_push(&lx.toks, t);
	}
	vec_push(&lx.toks, tok_new(&lx, TOK_EOF, "", 0));
	*ntok = lx.toks.n;
	return (struct token **)lx.toks.v;
}
