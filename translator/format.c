// SPDX-License-Identifier: GPL-2.0
/*
 * translator/format.c - SystemTap printf formats: %[flags][width][.prec]conv
 * with one flag of "-+ #0", '*' width/precision taking a long, and the
 * conversions d i u o x X c p b m M (long) and s (string).
 */
#include <ctype.h>
#include <string.h>

#include "format.h"

static int parse_num(const char **pp)
{
	const char *p = *pp;
	int v = 0;

	if (*p == '*') {
		*pp = p + 1;
		return -2;
	}
	if (!isdigit((unsigned char)*p))
		return -1;
	while (isdigit((unsigned char)*p) && v < 100000)
		v = v * 10 + (*p++ - '0');
	*pp = p;
	return v;
}

static void push(struct vec *v, struct fmt_piece *fp)
{
	struct fmt_piece *copy = xmalloc(sizeof(*copy));

	*copy = *fp;
	vec_push(v, copy);
}

int fmt_parse(const char *fmt, struct fmt_piece **pieces, const char **err)
{
	struct vec v = { 0 };
	struct sbuf text = { 0 };
	const char *p = fmt;
	struct fmt_piece fp;
	int i;

	while (*p) {
		if (*p != '%') {
			sb_putc(&text, *p++);
			continue;
		}
		if (p[1] == '%') {
			sb_putc(&text, '%');
			p += 2;
			continue;
		}
		if (text.len) {
			memset(&fp, 0, sizeof(fp));
			fp.text = xstrdup(sb_str(&text));
			push(&v, &fp);
			text.len = 0;
		}
		memset(&fp, 0, sizeof(fp));
		/* SystemTap takes one flag at most: in "%#010x" the 0 is
		 * part of the width, "%-+5d" is an error */
		p++;
		if (*p && strchr("-+ #0", *p))
			fp.flags[0] = *p++;
		fp.width = parse_num(&p);
		fp.prec = -1;
		if (*p == '.') {
			p++;
			fp.prec = parse_num(&p);
			if (fp.prec == -1)
				fp.prec = 0;
		}
		while (*p == 'l' || *p == 'L' || *p == 'h')
			p++;	/* length modifiers are accepted and ignored */
		if (!*p || !strchr("diuoxXcpsbmM", *p)) {
			*err = "invalid or missing conversion specifier";
			return -1;
		}
		fp.conv = *p++;
		push(&v, &fp);
	}
	if (text.len) {
		memset(&fp, 0, sizeof(fp));
		fp.text = xstrdup(sb_str(&text));
		push(&v, &fp);
	}
	sb_free(&text);
	*pieces = xcalloc(v.n, sizeof(**pieces));
	for (i = 0; i < v.n; i++)
		(*pieces)[i] = *(struct fmt_piece *)v.v[i];
	return v.n;
}

int fmt_arg_types(const struct fmt_piece *p, int n, enum type *types, int max)
{
	int i, k = 0;

	for (i = 0; i < n; i++) {
		if (!p[i].conv)
			continue;
		if (p[i].width == -2 && k < max)
			types[k++] = T_LONG;
		if (p[i].prec == -2 && k < max)
			types[k++] = T_LONG;
		if (k < max)
			types[k++] = p[i].conv == 's' ? T_STRING : T_LONG;
	}
	return k;
}
