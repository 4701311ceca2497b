// SPDX-License-Identifier: GPL-2.0
/*
 * translator/emit_fn.c - calls to script functions and their returns.
 *
 * Function frames live in the per-CPU locals area: struct stap_locals
 * holds the call depth and MAXNESTING frames (a union of every function's
 * frame).  A caller fills the parameters of frame L->f[L->depth], bumps the
 * depth and calls fn<id>(c); the callee leaves its value in l->ret.  A
 * function returns 1 when it ran 'next' (try the next overload), else 0;
 * a runtime error is in c->last_error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"

static bool chain_nexts(const struct function *f)
{
	for (; f; f = f->overload)
		if (f->has_next)
			return true;
	return false;
}

/* One attempt: parameters, depth, call, unwind on error, the value. */
static void call_one(struct emitter *em, struct function *f,
		     char **v, const char *nx, const char *res,
		     struct sbuf *pre)
{
	int i;

	/* SystemTap reports it at the function's declaration */
	fail_if(em, pre, "L->depth >= MAXNESTING", "MAXNESTING exceeded",
		f->tok);
	for (i = 0; i < f->params.n; i++) {
		struct symbol *a = f->params.v[i];
		char *dst = xasprintf("L->f[L->depth].fn%d.a.%s", f->id,
				      a->name);

		copy_c(em, pre, dst, v[i], a->type);
		free(dst);
	}
	line(em, pre, "L->depth++;");
	if (nx)
		line(em, pre, "%s = fn%d(c);", nx, f->id);
	else
		line(em, pre, "fn%d(c);", f->id);
	line(em, pre, "L->depth--;");
	line(em, pre, "if (unlikely(c->last_error))");
	em->ind++;
	goto_err(em, pre);
	em->ind--;
	if (res) {
		char *src = xasprintf("L->f[L->depth].fn%d.ret", f->id);

		if (nx)
			line(em, pre, "if (!%s)", nx);
		em->ind += !!nx;
		copy_c(em, pre, res, src, f->type);
		em->ind -= !!nx;
		free(src);
	}
}

char *fn_call_c(struct emitter *em, struct expr *e, struct sbuf *pre)
{
	char **v = args_c(em, e, 0, pre);
	char *res = NULL, *nx = NULL;
	struct function *f;

	if (e->fn->type != T_UNKNOWN)
		res = tmp_new(em, e->fn->type);
	if (chain_nexts(e->fn)) {
		nx = tmp_new(em, T_LONG);
		line(em, pre, "%s = 1;", nx);
	}
	for (f = e->fn; f; f = f->overload) {
		if (nx)
			line(em, pre, "if (%s) {", nx);
		em->ind += !!nx;
		call_one(em, f, v, nx, res, pre);
		em->ind -= !!nx;
		if (nx)
			line(em, pre, "}");
		if (!f->has_next)
			break;
	}
	if (nx && !f)
		fail_if(em, pre, nx, "all functions exhausted", e->tok);
	free_args(v, e->args.n);
	free(nx);
	return res ? res : xstrdup("0");
}

void fn_return_c(struct emitter *em, struct stmt *st, struct sbuf *out)
{
	if (st->expr) {
		char *v = expr_c(em, st->expr, out, false);

		copy_c(em, out, "l->ret", v, em->fn->type);
		free(v);
	}
	line(em, out, "return 0;");
}
