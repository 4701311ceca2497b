// SPDX-License-Identifier: GPL-2.0
/*
 * translator/emit_print.c - print, printf and friends as kernel
 * vsnprintf calls through the runtime's print buffer.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"

/* One kernel vsnprintf conversion for a SystemTap one, plus its cast. */
static void kernel_conv(struct sbuf *fmt, const struct fmt_piece *p,
			const char **cast)
{
	if (p->conv == 'p') {	/* SystemTap: 0x and 16 hex digits */
		sb_puts(fmt, "0x%016llx");
		*cast = "(unsigned long long)";
		return;
	}
	sb_printf(fmt, "%%%s", p->flags);
	if (p->width == -2)
		sb_putc(fmt, '*');
	else if (p->width >= 0)
		sb_printf(fmt, "%d", p->width);
	if (p->prec == -2)
		sb_puts(fmt, ".*");
	else if (p->prec >= 0)
		sb_printf(fmt, ".%d", p->prec);
	switch (p->conv) {
	case 's':
		sb_putc(fmt, 's');
		*cast = "";
		break;
	case 'c':
		sb_putc(fmt, 'c');
		*cast = "(int)";
		break;
	case 'd':
	case 'i':
		sb_puts(fmt, "lld");
		*cast = "(long long)";
		break;
	default:
		sb_printf(fmt, "ll%c", p->conv);
		*cast = "(unsigned long long)";
	}
}

/* Build a kernel format and its argument list from a SystemTap format. */
static void format_c(struct expr *e, char **vals, struct sbuf *fmt,
		     struct sbuf *args)
{
	struct fmt_piece *p;
	const char *err, *cast;
	int n, i, k = 1;

	n = fmt_parse(((struct expr *)e->args.v[0])->str, &p, &err);
	for (i = 0; i < n; i++) {
		const char *t;

		if (!p[i].conv) {
			for (t = p[i].text; *t; t++) {
				if (*t == '%')
					sb_putc(fmt, '%');
				sb_putc(fmt, *t);
			}
			continue;
		}
		if (p[i].width == -2)
			sb_printf(args, ", (int)%s", vals[k++]);
		if (p[i].prec == -2)
			sb_printf(args, ", (int)%s", vals[k++]);
		kernel_conv(fmt, &p[i], &cast);
		sb_printf(args, ", %s%s", cast, vals[k++]);
	}
	free(p);
}

/* print/println: each argument in its natural form, no separator. */
static void print_fmt(struct expr *e, char **vals, bool nl, struct sbuf *fmt,
		      struct sbuf *args)
{
	int i;

	for (i = 0; i < e->args.n; i++) {
		bool str = ((struct expr *)e->args.v[i])->type == T_STRING;

		sb_puts(fmt, str ? "%s" : "%lld");
		sb_printf(args, ", %s%s", str ? "" : "(long long)", vals[i]);
	}
	if (nl)
		sb_putc(fmt, '\n');
}

char *emit_print(struct emitter *em, struct expr *e, char **vals,
			struct sbuf *pre)
{
	struct sbuf fmt = { 0 }, args = { 0 }, q = { 0 };
	char *ret = xstrdup("0");

	if (e->bi->format)
		format_c(e, vals, &fmt, &args);
	else
		print_fmt(e, vals, e->bi->id == B_PRINTLN, &fmt, &args);
	c_string(&q, sb_str(&fmt));
	if (e->bi->id == B_SPRINTF) {
		free(ret);
		ret = tmp_new(em, T_STRING);
		line(em, pre, "snprintf(%s, MAXSTRINGLEN, %s%s);", ret,
		     sb_str(&q), sb_str(&args));
	} else if (!args.len && e->bi->format) {
		struct sbuf lit = { 0 };

		c_string(&lit, ((struct expr *)e->args.v[0])->str);
		line(em, pre, "stap_print(c, %s);", sb_str(&lit));
		sb_free(&lit);
	} else {
		line(em, pre, "stap_printf(c, %s%s);", sb_str(&q),
		     sb_str(&args));
	}
	sb_free(&fmt);
	sb_free(&args);
	sb_free(&q);
	return ret;
}

