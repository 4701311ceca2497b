// SPDX-License-Identifier: GPL-2.0
/*
 * translator/regex_use.c - regex literals in a script: pass 2 compiles
 * each distinct one (errors are semantic errors at the literal), pass 3
 * emits them as const data, the per-CPU match area in struct stap_locals,
 * and the calls of =~, !~, matched() and ngroups() into the runtime.
 */
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "regex.h"
#include "regex_use.h"

/* Groups are tracked only when the script can look at them. */
static bool regex_tags(const struct session *s)
{
	(void)s;
	return builtin_used(B_MATCHED) || builtin_used(B_NGROUPS);
}

void regex_resolve(struct session *s, struct expr *e)
{
	const char *text = e->right->str;
	struct rx_prog *p;
	char *err = NULL;
	int i;

	if (e->num)
		return;
	for (i = 0; i < s->regexes.n; i++) {
		p = s->regexes.v[i];
		if (!strcmp(p->text, text)) {
			e->num = i + 1;
			return;
		}
	}
	p = regex_compile(text, &err);
	if (!p) {
		semantic_error(s, err, e->right->tok, NULL);
		free(err);
		e->num = -1;
		return;
	}
	vec_push(&s->regexes, p);
	e->num = s->regexes.n;
}

bool regex_used(const struct session *s)
{
	return s->regexes.n || regex_tags(s);
}

void regex_decls_c(struct session *s, struct sbuf *out)
{
	bool tags = regex_tags(s);
	int i;

	for (i = 0; i < s->regexes.n; i++) {
		char *name = xasprintf("rx%d", i);

		regex_emit(out, s->regexes.v[i], name, tags);
		free(name);
	}
}

/* The member of struct stap_locals: room for the biggest regex. */
void regex_locals_c(struct session *s, struct sbuf *out)
{
	int i, ninsn = 0, ntags = 0;

	for (i = 0; i < s->regexes.n; i++) {
		const struct rx_prog *p = s->regexes.v[i];

		if (p->ninsn > ninsn)
			ninsn = p->ninsn;
		if (p->ntags > ntags)
			ntags = p->ntags;
	}
	if (!regex_tags(s))
		ntags = 0;
	sb_printf(out, "\tu32 rx[STAP_REGEX_AREA(%d, %d, MAXSTRINGLEN)];\n",
		  ninsn, ntags);
}

char *regex_c(struct emitter *em, struct expr *e, struct sbuf *pre)
{
	char *s = expr_c(em, e->left, pre, false), *t = tmp_new(em, T_LONG);

	line(em, pre, "%s = %sstap_regex_match(c, &rx%d, %s, L->rx);", t,
	     strcmp(e->op, "!~") ? "" : "!", (int)e->num - 1, s);
	free(s);
	return t;
}

/*
 * matched(n), ngroups().  SystemTap implements them in its tapset regex.stp
 * and reports their errors near the function's name there.
 */
char *regex_call_c(struct emitter *em, struct expr *e, char **v,
		   struct sbuf *pre)
{
	static const char where[] = "/usr/share/systemtap/tapset/regex.stp";
	bool m = e->bi->id == B_MATCHED;
	char *t = tmp_new(em, m ? T_STRING : T_LONG);

	if (m)
		line(em, pre, "stap_regex_matched(c, L->rx, %s, %s);", v[0], t);
	else
		line(em, pre, "%s = stap_regex_ngroups(c, L->rx);", t);
	line(em, pre, "if (unlikely(c->last_error)) {");
	em->ind++;
	line(em, pre, "c->last_stmt = \"identifier '%s' at %s:%d:10\";",
	     e->bi->name, where, m ? 36 : 93);
	goto_err(em, pre);
	em->ind--;
	line(em, pre, "}");
	return t;
}
