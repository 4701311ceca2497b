// SPDX-License-Identifier: GPL-2.0
/*
 * translator/cond.c - the conditions of 'probe POINT if (cond)'.
 *
 * A condition is checked at handler entry (probe_alias.c wraps the body in
 * an S_IF marked probe_cond) and also evaluated by the module's cond_eval()
 * (emit_cond.c), which the runtime runs under the read lock to arm and
 * disarm the probe.  So a condition may only read globals: SystemTap 4.8's
 * rules, checked here with its messages, guarantee that.
 */
#include <stdlib.h>
#include <string.h>

#include "builtin.h"
#include "elab.h"

/* The condition checks of a probe body: one per 'if' on its point. */
void probe_conds(struct stmt *st, struct vec *out)
{
	int i;

	if (!st)
		return;
	if (st->kind == S_IF && st->probe_cond)
		vec_push(out, st->cond);
	for (i = 0; i < st->stmts.n; i++)
		probe_conds(st->stmts.v[i], out);
	probe_conds(st->then, out);
	probe_conds(st->els, out);
	probe_conds(st->body, out);
}

static bool cond_fail(struct elab *el, unsigned site, const char *msg,
		      const struct token *t)
{
	if (first_at_site(el->s, site))
		semantic_error(el->s, msg, t, NULL);
	else
		el->s->errors++;
	return false;
}

/* SystemTap's print_format nodes (sprintf...) are no function calls. */
static bool is_print(struct session *s, const struct expr *e)
{
	const struct builtin *b = builtin_find(e->tok->text);
	int i;

	for (i = 0; i < s->prog.functions.n; i++)
		if (!strcmp(((struct function *)s->prog.functions.v[i])->name,
			    e->tok->text))
			return false;	/* a script function wins */
	return b && b->id >= B_PRINT && b->id <= B_SPRINTDLN;
}

/*
 * Names in a condition: globals only, no function; SystemTap stops at the
 * first offence.  A $target there is left for the type check to refuse.
 */
static bool cond_names(struct elab *el, struct expr *e)
{
	int i;

	if (!e)
		return true;
	if (e->kind == E_VAR && e->tok->text[0] == '$') {
		target_refuse(e, "unresolved target-symbol expression");
		return true;
	}
	if (e->kind == E_VAR &&
	    !scope_find(&el->s->prog.gscope, e->tok->text, false))
		return cond_fail(el, SITE_COND_GLOBAL, "probe condition must "
				 "not reference undeclared global", e->tok);
	if (e->kind == E_CALL && !is_print(el->s, e))
		return cond_fail(el, SITE_COND_FN, "probe condition must not "
				 "reference function", e->tok);
	if (e->kind != E_IN && !cond_names(el, e->left))
		return false;
	if (!cond_names(el, e->right) || !cond_names(el, e->cond))
		return false;
	for (i = 0; i < e->args.n; i++)
		if (!cond_names(el, e->args.v[i]))
			return false;
	return true;
}

static void mark_read(struct expr *e)
{
	int i;

	if (!e)
		return;
	if (e->sym && e->sym->global)
		e->sym->cond_read = true;
	mark_read(e->left);
	mark_read(e->right);
	mark_read(e->cond);
	for (i = 0; i < e->args.n; i++)
		mark_read(e->args.v[i]);
}

/* Resolve a condition after its body, as SystemTap does. */
void cond_resolve(struct elab *el, struct expr *cond)
{
	if (!cond_names(el, cond))
		return;
	resolve_expr(el, cond);
	mark_read(cond);
}

static bool writes(const struct expr *e)
{
	int i;

	if (!e)
		return false;
	if (e->kind == E_ASSIGN || e->kind == E_INCDEC)
		return true;
	for (i = 0; i < e->args.n; i++)
		if (writes(e->args.v[i]))
			return true;
	return writes(e->left) || writes(e->right) || writes(e->cond);
}

/* After every name is resolved: a condition must not write. */
void cond_check_writes(struct session *s)
{
	struct elab el = { .s = s };
	int i, j;

	for (i = 0; i < s->prog.probes.n; i++) {
		struct probe *p = s->prog.probes.v[i];
		struct vec conds = { 0 };

		probe_conds(p->body, &conds);
		for (j = 0; j < conds.n; j++) {
			struct expr *c = conds.v[j];

			if (writes(c))
				cond_fail(&el, SITE_COND_WRITE, "probe condition "
					  "must not modify any variables",
					  c->tok);
		}
		free(conds.v);
	}
}

/*
 * SystemTap checks every probe condition a second time, in the probe it
 * adds to arm the conditional probes: the repeated errors count as
 * suppressed.
 */
void infer_conds_again(struct elab *el)
{
	struct program *prog = &el->s->prog;
	int i, j;

	el->fn = NULL;
	el->walk++;
	for (i = 0; i < prog->probes.n; i++) {
		struct vec conds = { 0 };

		probe_conds(((struct probe *)prog->probes.v[i])->body, &conds);
		for (j = 0; j < conds.n; j++)
			want(el, conds.v[j], T_LONG);
		free(conds.v);
	}
	el->walk--;
}
