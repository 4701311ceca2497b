/* SPDX-License-Identifier: GPL-2.0 */
/*
 * translator/regex.h - regex literals (=~, !~) compiled at translate time
 * into programs for the runtime's matcher (<stap/regex.h>).
 */
#ifndef _STAP_TRANSLATOR_REGEX_H
#define _STAP_TRANSLATOR_REGEX_H

#include <stdbool.h>

#include <stap/regex.h>

#include "util.h"

struct rx_prog {
	char *text;			/* the literal as written */
	struct stap_regex_insn *insn;
	int ninsn;
	u32 (*sets)[STAP_RX_SET_WORDS];
	int nsets;
	int ntags;			/* 2 * (groups + 1) */
};

/*
 * Compile the regex text as written between the quotes (SystemTap
 * unescapes regex literals itself).  NULL on error, with *err set to
 * SystemTap's message: "regex compilation error (at position N): ...".
 */
struct rx_prog *regex_compile(const char *text, char **err);
void regex_free(struct rx_prog *p);

/* The program as const C data named NAME: a struct stap_regex. */
void regex_emit(struct sbuf *out, const struct rx_prog *p, const char *name,
		bool tags);

#endif /* _STAP_TRANSLATOR_REGEX_H */
