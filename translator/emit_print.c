// SPDX-License-Identifier: GPL-2.0
/*
 * translator/emit_print.c - print, printf and friends as calls into the
 * runtime's SystemTap printf engine (kmod/format.c) and print buffer.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"

/* One conversion, re-spelled for the runtime's SystemTap printf engine. */
static void conv_c(struct sbuf *fmt, const struct fmt_piece *p)
{
	sb_printf(fmt, "%%%s", p->flags);
	if (p->width == -2)
		sb_putc(fmt, '*');
	else if (p->width >= 0)
		sb_printf(fmt, "%d", p->width);
	if (p->prec == -2)
		sb_puts(fmt, ".*");
	else if (p->prec >= 0)
		sb_printf(fmt, ".%d", p->prec);
	sb_putc(fmt, p->conv);
}

/*
 * The format and argument list for kmod/format.c: integers (and '*'
 * widths) travel as s64, strings as they are.  Returns true when a %m/%M
 * conversion can fault.
 */
static bool format_c(struct expr *e, char **vals, struct sbuf *fmt,
		     struct sbuf *args)
{
	struct fmt_piece *p;
	const char *err, *t;
	bool mem = false;
	int n, i, k = 1;

	n = fmt_parse(((struct expr *)e->args.v[0])->str, &p, &err);
	for (i = 0; i < n; i++) {
		if (!p[i].conv) {
			for (t = p[i].text; *t; t++) {
				if (*t == '%')
					sb_putc(fmt, '%');
				sb_putc(fmt, *t);
			}
			continue;
		}
		if (p[i].width == -2)
			sb_printf(args, ", (s64)%s", vals[k++]);
		if (p[i].prec == -2)
			sb_printf(args, ", (s64)%s", vals[k++]);
		conv_c(fmt, &p[i]);
		sb_printf(args, ", %s%s", p[i].conv == 's' ? "" : "(s64)",
			  vals[k++]);
		mem |= p[i].conv == 'm' || p[i].conv == 'M';
	}
	free(p);
	return mem;
}

/* A format without conversions prints as its text, %% folded. */
static void format_text(struct expr *e, struct sbuf *lit)
{
	struct fmt_piece *p;
	struct sbuf text = { 0 };
	const char *err;
	int n, i;

	n = fmt_parse(((struct expr *)e->args.v[0])->str, &p, &err);
	for (i = 0; i < n; i++)
		if (!p[i].conv)
			sb_puts(&text, p[i].text);
	c_string(lit, sb_str(&text));
	sb_free(&text);
	free(p);
}

static bool is_println(enum builtin_id id)
{
	return id == B_PRINTLN || id == B_SPRINTLN || id == B_PRINTDLN ||
	       id == B_SPRINTDLN;
}

static bool is_delim(enum builtin_id id)
{
	return id == B_PRINTD || id == B_PRINTDLN || id == B_SPRINTD ||
	       id == B_SPRINTDLN;
}

static bool is_sprint(enum builtin_id id)
{
	return id == B_SPRINTF || id == B_SPRINT || id == B_SPRINTLN ||
	       id == B_SPRINTD || id == B_SPRINTDLN;
}

/* print/println/printd...: each argument in its natural form. */
static void print_fmt(struct expr *e, char **vals, struct sbuf *fmt,
		      struct sbuf *args)
{
	int i, from = is_delim(e->bi->id);

	for (i = from; i < e->args.n; i++) {
		bool str = ((struct expr *)e->args.v[i])->type == T_STRING;

		if (from && i > from) {
			sb_puts(fmt, "%s");
			sb_printf(args, ", %s", vals[0]);
		}
		sb_puts(fmt, str ? "%s" : "%d");
		sb_printf(args, ", %s%s", str ? "" : "(s64)", vals[i]);
	}
	if (is_println(e->bi->id))
		sb_putc(fmt, '\n');
}

/* print(@hist_*(s)), println, sprint, sprintln of a histogram. */
char *hist_print_call_c(struct emitter *em, struct expr *e, struct sbuf *pre)
{
	bool nl = e->bi->id == B_SPRINTLN;	/* println(@hist) adds none */
	char *ret;

	if (!is_sprint(e->bi->id)) {
		hist_print_c(em, e->args.v[0], e->tok, NULL, pre);
		return xstrdup("0");
	}
	ret = tmp_new(em, T_STRING);
	hist_print_c(em, e->args.v[0], e->tok, ret, pre);
	if (nl)
		line(em, pre, "strlcat(%s, \"\\n\", MAXSTRINGLEN);", ret);
	return ret;
}

char *emit_print(struct emitter *em, struct expr *e, char **vals,
			struct sbuf *pre)
{
	struct sbuf fmt = { 0 }, args = { 0 }, q = { 0 };
	char *ret = xstrdup("0");
	bool mem = false;

	if (e->bi->format)
		mem = format_c(e, vals, &fmt, &args);
	else
		print_fmt(e, vals, &fmt, &args);
	c_string(&q, sb_str(&fmt));
	if (is_sprint(e->bi->id)) {
		free(ret);
		ret = tmp_new(em, T_STRING);
		if (!args.len && e->bi->format) {
			struct sbuf lit = { 0 };

			format_text(e, &lit);
			line(em, pre, "strlcpy(%s, %s, MAXSTRINGLEN);", ret,
			     sb_str(&lit));
			sb_free(&lit);
		} else if (!args.len)
			line(em, pre, "strlcpy(%s, %s, MAXSTRINGLEN);", ret,
			     sb_str(&q));
		else
			line(em, pre, "stap_snprintf(c, %s, MAXSTRINGLEN, %s%s);",
			     ret, sb_str(&q), sb_str(&args));
	} else if (!args.len && e->bi->format) {
		struct sbuf lit = { 0 };

		format_text(e, &lit);
		line(em, pre, "stap_print(c, %s);", sb_str(&lit));
		sb_free(&lit);
	} else if (!args.len) {
		line(em, pre, "stap_print(c, %s);", sb_str(&q));
	} else {
		line(em, pre, "stap_printf(c, %s%s);", sb_str(&q),
		     sb_str(&args));
	}
	if (mem)
		check_err(em, pre, e->tok);
	sb_free(&fmt);
	sb_free(&args);
	sb_free(&q);
	return ret;
}
