/* SPDX-License-Identifier: GPL-2.0 */
/*
 * translator/format.h - printf-style format strings, checked at translate
 * time and rewritten for the kernel's vsnprintf.
 */
#ifndef _STAP_FORMAT_H
#define _STAP_FORMAT_H

#include "ast.h"

struct fmt_piece {
	const char *text;	/* literal text (conv == 0), %% folded in */
	char conv;		/* d i u o x X c s p, 0 for text */
	char flags[8];
	int width, prec;	/* -1 = none, -2 = '*' (takes a long arg) */
};

/* Parse fmt; returns the piece count or -1 with *err set. */
int fmt_parse(const char *fmt, struct fmt_piece **pieces, const char **err);
/* Argument types a parsed format consumes, in order; returns the count. */
int fmt_arg_types(const struct fmt_piece *p, int n, enum type *types, int max);

#endif /* _STAP_FORMAT_H */
