// SPDX-License-Identifier: GPL-2.0
/*
 * translator/errors.c - parse errors, semantic errors and warnings in
 * SystemTap's format: the message, the token, the source line and a caret.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "session.h"

/* A token in the same file as the one printed before omits the file name. */
static const struct source *last_src;

static const char *tok_type_name(enum tok_type t)
{
	switch (t) {
	case TOK_IDENT:		return "identifier";
	case TOK_KEYWORD:	return "keyword";
	case TOK_NUMBER:	return "number";
	case TOK_STRING:	return "string";
	case TOK_OP:		return "operator";
	case TOK_EMBEDDED:	return "embedded-code";
	default:		return "junk";	/* TOK_JUNK */
	}
}

static void token_print_full(struct sbuf *sb, const struct token *t,
			     bool compress)
{
	const char *p;

	/* SystemTap's lexer makes @count, @hist_log ... operators */
	sb_puts(sb, t->type == TOK_IDENT && t->text[0] == '@' ? "operator" :
		tok_type_name(t->type));
	if (t->type != TOK_KEYWORD && t->type != TOK_EMBEDDED) {
		sb_puts(sb, " '");
		for (p = t->type == TOK_JUNK ? "" : t->text; *p; p++)
			sb_putc(sb, isprint((unsigned char)*p) ? *p : '?');
		sb_putc(sb, '\'');
	}
	sb_printf(sb, " at %s:%d:%d",
		  compress && t->src == last_src ? "" : t->src->name,
		  t->line, t->col);
	last_src = t->src;
}

/* For messages a runtime error reports: always with the file name. */
void token_describe(struct sbuf *sb, const struct token *t)
{
	const struct source *saved = last_src;

	token_print_full(sb, t, false);
	last_src = saved;
}

void token_print(struct sbuf *sb, const struct token *t)
{
	token_print_full(sb, t, true);
}

/* "source: <line>" then a caret under the token's column. */
static void print_source(struct sbuf *sb, const char *align,
			 const struct token *t)
{
	const char *p = t->src->text, *eol;
	int line, i;

	for (line = 1; line < t->line && p; line++) {
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	if (!p)
		return;
	eol = strchrnul(p, '\n');
	sb_printf(sb, "%ssource: %.*s\n%s        ", align, (int)(eol - p), p,
		  align);
	for (i = 0; i < t->col - 1 && p + i < eol; i++)
		sb_putc(sb, isspace((unsigned char)p[i]) ? p[i] : ' ');
	sb_puts(sb, "^\n");
}

/* The macro invocations a token was expanded from, innermost first. */
static void print_chain(struct sbuf *sb, const char *align,
			const struct token *t)
{
	for (t = t->chain; t; t = t->chain) {
		sb_puts(sb, "\tin expansion of macro: ");
		token_print_full(sb, t, false);
		sb_putc(sb, '\n');
		print_source(sb, align, t);
	}
}

static const char *junk_message(struct session *s, const struct token *t,
				char *buf, size_t len)
{
	switch (t->junk) {
	case JUNK_NESTED_ARG:
		return "invalid nested substitution of command line arguments";
	case JUNK_INVALID_ARG:
		snprintf(buf, len, "command line argument out of range [1-%d]",
			 s->args.n);
		return buf;
	case JUNK_UNCLOSED_QUOTE:
		return "Could not find matching closing quote";
	case JUNK_UNCLOSED_EMBEDDED:
		return "Could not find matching '%}' to close embedded "
		       "function block";
	default:
		return "unknown junk token";
	}
}

/* An error about token t itself ("at:"). */
void parse_error(struct session *s, const char *what, const struct token *t)
{
	parse_error_saw(s, what, t, false);
}

/*
 * "saw:" when the parser names the token it stopped at rather than the
 * culprit; a junk token there is the real error and replaces the message.
 */
void parse_error_saw(struct session *s, const char *what,
		     const struct token *t, bool saw)
{
	struct sbuf sb = { 0 };
	char buf[80];

	if (t->type == TOK_JUNK) {
		what = junk_message(s, t, buf, sizeof(buf));
		saw = false;
	}
	sb_printf(&sb, "parse error: %s\n", what);
	if (t->type == TOK_EOF) {
		sb_printf(&sb, "        saw: %s EOF\n", t->src->name);
	} else {
		sb_puts(&sb, saw ? "        saw: " : "         at: ");
		token_print_full(&sb, t, false);
		sb_putc(&sb, '\n');
		print_source(&sb, "     ", t);
		print_chain(&sb, "     ", t);
	}
	sb_putc(&sb, '\n');
	fputs(sb_str(&sb), stderr);
	sb_free(&sb);
	s->errors++;
}

static void semantic_part(struct sbuf *sb, const struct token *t)
{
	token_print(sb, t);
	sb_putc(sb, '\n');
	print_source(sb, "        ", t);
	print_chain(sb, "        ", t);
}

void semantic_error2(struct session *s, const char *what,
		     const struct token *t1, const char *what2,
		     const struct token *t2)
{
	struct sbuf sb = { 0 };

	sb_printf(&sb, "semantic error: %s", what);
	if (t1) {
		sb_puts(&sb, ": ");
		semantic_part(&sb, t1);
	} else {
		sb_putc(&sb, '\n');
	}
	sb_putc(&sb, '\n');
	/* SystemTap chains a second error, e.g. "type was first inferred here" */
	if (what2) {
		sb_printf(&sb, "semantic error: %s", what2);
		if (t2) {
			sb_puts(&sb, ": ");
			semantic_part(&sb, t2);
		} else {
			sb_putc(&sb, '\n');
		}
		sb_putc(&sb, '\n');
	}
	fputs(sb_str(&sb), stderr);
	sb_free(&sb);
	s->errors++;
}

void semantic_error(struct session *s, const char *what,
		    const struct token *t1, const struct token *t2)
{
	struct sbuf sb = { 0 };

	sb_printf(&sb, "semantic error: %s", what);
	if (t1 || t2)
		sb_puts(&sb, ": ");
	if (t1)
		semantic_part(&sb, t1);
	if (t2)
		semantic_part(&sb, t2);
	if (!t1 && !t2)
		sb_putc(&sb, '\n');
	sb_putc(&sb, '\n');
	fputs(sb_str(&sb), stderr);
	sb_free(&sb);
	s->errors++;
}

void print_warning(struct session *s, const char *what,
		   const struct token *t)
{
	struct sbuf sb = { 0 };

	if (s->suppress_warnings)
		return;
	/* As SystemTap: a text is printed once, whatever the token. */
	if (!s->verbose) {
		int i;

		for (i = 0; i < s->warned.n; i++)
			if (!strcmp(s->warned.v[i], what)) {
				s->suppressed_warnings++;
				return;
			}
		vec_push(&s->warned, xstrdup(what));
	}
	sb_printf(&sb, "WARNING: %s", what);
	if (t) {
		sb_puts(&sb, ": ");
		token_print(&sb, t);
		sb_putc(&sb, '\n');
		print_source(&sb, " ", t);
	} else {
		sb_putc(&sb, '\n');
	}
	fputs(sb_str(&sb), stderr);
	sb_free(&sb);
}
