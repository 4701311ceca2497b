// SPDX-License-Identifier: GPL-2.0
/*
 * translator/functions.c - user functions: lookup by name and arity,
 * overload chains ('next' falls through to the next definition of the same
 * name and arity) and SystemTap's static MAXNESTING (deepest call chain
 * from any probe + 1, +10 when anything recurses).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "session.h"

/* Link each function to the next of the same name and arity. */
void functions_link(struct session *s)
{
	struct vec *fv = &s->prog.functions;
	int i, j;

	for (i = 0; i < fv->n; i++) {
		struct function *f = fv->v[i];

		f->id = i;
		for (j = i + 1; j < fv->n && !f->overload; j++) {
			struct function *g = fv->v[j];

			if (!strcmp(f->name, g->name) &&
			    f->params.n == g->params.n)
				f->overload = g;
		}
	}
}

static bool is_overload_tail(struct session *s, struct function *f)
{
	int i;

	for (i = 0; i < s->prog.functions.n; i++)
		if (((struct function *)s->prog.functions.v[i])->overload == f)
			return true;
	return false;
}

/*
 * The head of the overload chain a call resolves to, or NULL.  A known
 * name with the wrong arity is reported here (*reported set).
 */
struct function *function_find(struct session *s, const struct token *call,
			       int nargs, bool *reported)
{
	struct function *named = NULL;
	int i;

	*reported = false;
	for (i = 0; i < s->prog.functions.n; i++) {
		struct function *f = s->prog.functions.v[i];

		if (strcmp(f->name, call->text))
			continue;
		if (f->params.n == nargs && !is_overload_tail(s, f))
			return f;
		named = f;	/* SystemTap names the last one declared */
	}
	if (named) {
		char *msg = xasprintf("arity mismatch found (function '%s' "
				      "takes %d args)", named->name,
				      named->params.n);

		semantic_error(s, msg, call, named->tok);
		free(msg);
		*reported = true;
	}
	return NULL;
}

struct nesting {
	int cur, max;
	bool recursive;
};

static void nest_walk(struct nesting *n, struct vec *callees)
{
	int i;

	for (i = 0; i < callees->n; i++) {
		struct function *f = callees->v[i];

		if (++n->cur > n->max)
			n->max = n->cur;
		if (f->on_stack) {
			n->recursive = true;
		} else {
			f->on_stack = true;
			nest_walk(n, &f->callees);
			f->on_stack = false;
		}
		n->cur--;
	}
}

void functions_nesting(struct session *s)
{
	struct nesting n = { 0 };
	int i;

	for (i = 0; i < s->prog.probes.n; i++)
		nest_walk(&n, &((struct probe *)s->prog.probes.v[i])->callees);
	s->maxnesting = n.max + 1 + (n.recursive ? 10 : 0);
}
