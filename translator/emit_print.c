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
 * What one runtime print call gets: the format for kmod/format.c (its
 * '%' doubled), the argument list (integers and '*' widths travel as s64,
 * strings as they are), and the same text as is for a call without
 * arguments.
 */
struct seg {
	struct sbuf fmt, args, text;
	bool mem;		/* a %m/%M conversion can fault */
};

static void seg_text(struct seg *g, const char *t)
{
	sb_puts(&g->text, t);
	for (; *t; t++) {
		if (*t == '%')
			sb_putc(&g->fmt, '%');
		sb_putc(&g->fmt, *t);
	}
}

static void seg_arg(struct seg *g, const char *conv, bool str,
		    const char *val)
{
	sb_puts(&g->fmt, conv);
	sb_printf(&g->args, ", %s%s", str ? "" : "(s64)", val);
}

static void seg_free(struct seg *g)
{
	sb_free(&g->fmt);
	sb_free(&g->args);
	sb_free(&g->text);
}

/* Print what the segment holds and start a new one. */
static void seg_flush(struct emitter *em, struct seg *g, struct sbuf *pre,
		      const struct token *t)
{
	struct sbuf q = { 0 };

	if (!g->args.len && g->text.len) {
		c_string(&q, sb_str(&g->text));
		line(em, pre, "stap_print(c, %s);", q.s);
	} else if (g->args.len) {
		c_string(&q, sb_str(&g->fmt));
		line(em, pre, "stap_printf(c, %s%s);", q.s, sb_str(&g->args));
	}
	if (g->mem)
		check_err(em, pre, t);
	sb_free(&q);
	seg_free(g);
	memset(g, 0, sizeof(*g));
}

/*
 * Beyond SystemTap: a procfs write probe's $value printed as it is (an
 * argument of print/println, or of a plain %s in printf) goes out byte for
 * byte with stap_print_bytes, so data with NUL bytes passes through whole;
 * as a string it would end at the first NUL, as it does in SystemTap.
 */
static bool raw_value(const struct expr *e)
{
	return e->kind == E_TARGET && !e->target_err;
}

static void raw_print(struct emitter *em, struct seg *g, struct sbuf *pre,
		      const struct token *t)
{
	seg_flush(em, g, pre, t);
	line(em, pre,
	     "stap_print_bytes(c, stap_procfs_value(c), stap_procfs_len(c));");
}

/* printf's conversions, each segment flushed before a raw $value. */
static void format_c(struct emitter *em, struct expr *e, char **vals,
		     struct seg *g, struct sbuf *pre, bool raw)
{
	struct fmt_piece *p;
	struct sbuf conv = { 0 };
	const char *err;
	int n, i, k = 1;

	n = fmt_parse(((struct expr *)e->args.v[0])->str, &p, &err);
	for (i = 0; i < n; i++) {
		if (!p[i].conv) {
			seg_text(g, p[i].text);
			continue;
		}
		if (raw && p[i].conv == 's' && !p[i].flags[0] &&
		    p[i].width == -1 && p[i].prec == -1 &&
		    raw_value(e->args.v[k])) {
			raw_print(em, g, pre, e->tok);
			k++;
			continue;
		}
		if (p[i].width == -2)
			seg_arg(g, "", false, vals[k++]);
		if (p[i].prec == -2)
			seg_arg(g, "", false, vals[k++]);
		conv_c(&conv, &p[i]);
		seg_arg(g, conv.s, p[i].conv == 's', vals[k++]);
		sb_free(&conv);
		g->mem |= p[i].conv == 'm' || p[i].conv == 'M';
	}
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
static void print_fmt(struct emitter *em, struct expr *e, char **vals,
		      struct seg *g, struct sbuf *pre, bool raw)
{
	int i, from = is_delim(e->bi->id);

	for (i = from; i < e->args.n; i++) {
		struct expr *a = e->args.v[i];

		if (from && i > from)
			seg_arg(g, "%s", true, vals[0]);
		if (raw && raw_value(a))
			raw_print(em, g, pre, e->tok);
		else
			seg_arg(g, a->type == T_STRING ? "%s" : "%d",
				a->type == T_STRING, vals[i]);
	}
	if (is_println(e->bi->id))
		seg_text(g, "\n");
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

/* sprint, sprintf...: into a string temporary. */
static char *sprint_c(struct emitter *em, struct seg *g, struct sbuf *pre)
{
	char *ret = tmp_new(em, T_STRING);
	struct sbuf q = { 0 };

	if (!g->args.len) {
		c_string(&q, sb_str(&g->text));
		line(em, pre, "strscpy(%s, %s, MAXSTRINGLEN);", ret, q.s);
	} else {
		c_string(&q, sb_str(&g->fmt));
		line(em, pre, "stap_snprintf(c, %s, MAXSTRINGLEN, %s%s);", ret,
		     q.s, sb_str(&g->args));
	}
	sb_free(&q);
	return ret;
}

char *emit_print(struct emitter *em, struct expr *e, char **vals,
		 struct sbuf *pre)
{
	bool sprint = is_sprint(e->bi->id);
	bool raw = !sprint && !is_delim(e->bi->id);
	struct seg g = { 0 };
	char *ret;

	if (e->bi->format)
		format_c(em, e, vals, &g, pre, raw);
	else
		print_fmt(em, e, vals, &g, pre, raw);
	if (!sprint) {
		seg_flush(em, &g, pre, e->tok);
		return xstrdup("0");
	}
	ret = sprint_c(em, &g, pre);
	if (g.mem)
		check_err(em, pre, e->tok);
	seg_free(&g);
	return ret;
}
