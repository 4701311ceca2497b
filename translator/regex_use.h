/* SPDX-License-Identifier: GPL-2.0 */
/*
 * translator/regex_use.h - regex literals in a script (regex_use.c).
 */
#ifndef _STAP_REGEX_USE_H
#define _STAP_REGEX_USE_H

#include "session.h"

struct emitter;

/* Pass 2: compile e->right (E_REGEX); e->num = 1 + index, -1 on error. */
void regex_resolve(struct session *s, struct expr *e);

/* Pass 3 */
bool regex_used(const struct session *s);	/* needs the match area */
void regex_decls_c(struct session *s, struct sbuf *out);
void regex_locals_c(struct session *s, struct sbuf *out);
char *regex_c(struct emitter *em, struct expr *e, struct sbuf *pre);
char *regex_call_c(struct emitter *em, struct expr *e, char **v,
		   struct sbuf *pre);

#endif /* _STAP_REGEX_USE_H */
