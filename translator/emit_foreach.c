// SPDX-License-Identifier: GPL-2.0
/*
 * translator/emit_foreach.c - foreach over a global array or statistic
 * through stap_map_first()/stap_map_next(): sorting, slices, limit, the
 * key and value variables, break and continue.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"

static const char *stat_field(const char *f)
{
	if (!f || !strcmp(f, "@count"))
		return "STAP_STAT_COUNT";
	if (!strcmp(f, "@sum"))
		return "STAP_STAT_SUM";
	if (!strcmp(f, "@min"))
		return "STAP_STAT_MIN";
	if (!strcmp(f, "@max"))
		return "STAP_STAT_MAX";
	if (!strcmp(f, "@avg"))
		return "STAP_STAT_AVG";
	return "STAP_STAT_VARIANCE";
}

/* Copy the current entry's keys and value into the loop variables. */
static void entry_vars(struct emitter *em, struct foreach *fe, const char *e,
		       struct sbuf *out)
{
	struct symbol *sym = fe->array->sym;
	char *v, *src;
	int i;

	for (i = 0; i < fe->keys.n; i++) {
		struct expr *k = fe->keys.v[i];

		v = expr_c(em, k, out, false);
		if (sym->keys[i] == T_STRING)
			src = xasprintf("stap_entry_key_str(%s, %d)", e, i);
		else
			src = xasprintf("stap_entry_key_long(%s, %d)", e, i);
		copy_c(em, out, v, src, sym->keys[i]);
		free(v);
		free(src);
	}
	if (!fe->value)
		return;
	v = expr_c(em, fe->value, out, false);
	if (sym->type == T_STATS) {
		char *st = tmp_decl(em, "struct stap_stat", "");

		line(em, out, "stap_entry_stat(%s, &%s);", e, st);
		line(em, out, "%s = %s.count;", v, st);
		free(st);
	} else if (sym->type == T_STRING) {
		line(em, out, "strscpy(%s, stap_entry_str(%s), MAXSTRINGLEN);",
		     v, e);
	} else {
		line(em, out, "%s = stap_entry_long(%s);", v, e);
	}
	free(v);
}

/* limit N: evaluated once before the loop, with its counter. */
static void limit_start(struct emitter *em, struct foreach *fe,
			struct sbuf *out, char **lim, char **n)
{
	*lim = *n = NULL;
	if (!fe->limit)
		return;
	*lim = save(em, out, expr_c(em, fe->limit, out, false), T_LONG);
	*n = tmp_new(em, T_LONG);
	line(em, out, "%s = 0;", *n);
}

/* An iteration begins: stop at the limit, then count the statement. */
static void iter_start(struct emitter *em, struct stmt *st, struct loop *lp,
		       const char *lim, const char *n, struct sbuf *out)
{
	if (n)
		line(em, out, "if (%s++ >= %s)\n%.*s\tgoto brk%d;", n, lim,
		     em->ind, "\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t", lp->id);
	action_c(em, out, st->tok);
}

/* The body; continue comes to step, which goes back to the top. */
static void iter_end(struct emitter *em, struct stmt *st, struct loop *lp,
		     char *step, struct sbuf *out)
{
	em->loop = lp;
	stmt_c(em, st->body, out);
	em->loop = lp->up;
	if (lp->cnt)
		line(em, out, "cnt%d: ;", lp->id);
	line(em, out, "%s", step);
	line(em, out, "goto top%d;", lp->id);
	line(em, out, "brk%d: ;", lp->id);
	free(step);
}

/*
 * foreach ([v =] i in @hist_*(s)): every bucket in order, empty ones too,
 * as SystemTap 4.8 (sort marks do not change the order; limit counts).
 * Each count is read aggregated over the CPUs, so the loop body may read
 * any statistic without disturbing the iteration.
 */
static void hist_foreach_c(struct emitter *em, struct stmt *st,
			   struct sbuf *out)
{
	struct foreach *fe = st->fe;
	struct expr *s = fe->array->left;
	struct loop lp = { .id = em->nlabel++, .up = em->loop, .brk = true };
	char *k = keys_c(em, s, out, NULL), *lim, *n;
	char *nb = tmp_new(em, T_LONG), *ix = tmp_new(em, T_LONG), *v;
	int i;

	/* string keys: the body may change the variables they point into */
	for (i = 0; s->kind == E_INDEX && i < s->args.n; i++) {
		if (s->sym->keys[i] != T_STRING)
			continue;
		v = tmp_new(em, T_STRING);
		line(em, out, "strscpy(%s, %s[%d].s, MAXSTRINGLEN);", v, k, i);
		line(em, out, "%s[%d].s = %s;", k, i, v);
		free(v);
	}
	limit_start(em, fe, out, &lim, &n);
	em->flags |= F_READ;
	line(em, out, "%s = stap_stat_hist_nbuckets(c, %d);", nb, s->sym->map);
	line(em, out, "%s = 0;", ix);
	line(em, out, "top%d:", lp.id);
	line(em, out, "if (%s >= %s)", ix, nb);
	line(em, out, "\tgoto brk%d;", lp.id);
	iter_start(em, st, &lp, lim, n, out);
	v = expr_c(em, fe->keys.v[0], out, false);
	line(em, out, "%s = %s;", v, ix);
	free(v);
	if (fe->value) {
		v = expr_c(em, fe->value, out, false);
		line(em, out, "%s = stap_stat_hist_bucket(c, %d, %s, %s);", v,
		     s->sym->map, k, ix);
		check_err(em, out, fe->array->tok);
		free(v);
	}
	iter_end(em, st, &lp, xasprintf("%s++;", ix), out);
	free(k);
	free(lim);
	free(n);
	free(nb);
	free(ix);
}

void foreach_c(struct emitter *em, struct stmt *st, struct sbuf *out)
{
	struct foreach *fe = st->fe;
	struct symbol *sym = fe->array->sym;
	struct loop lp = { .id = em->nlabel++, .up = em->loop, .brk = true };
	char *k = xstrdup("NULL"), *lim, *n, *e;
	unsigned wild = 0;

	if (fe->array->kind == E_STATOP) {
		em->nlabel--;
		hist_foreach_c(em, st, out);
		return;
	}

	if (fe->array->kind == E_INDEX) {
		free(k);
		k = keys_c(em, fe->array, out, &wild);
	}
	limit_start(em, fe, out, &lim, &n);
	e = tmp_decl(em, "struct stap_map_entry *", "");
	em->flags |= F_READ;
	line(em, out, "%s = stap_map_first(c, %d, %d, %d, %s, %s, 0x%x);", e,
	     sym->map, fe->sort_dir ? fe->sort_key : 0, fe->sort_dir,
	     stat_field(fe->stat_field), k, wild);
	check_err(em, out, fe->array->tok);
	line(em, out, "top%d:", lp.id);
	line(em, out, "if (!%s)", e);
	line(em, out, "\tgoto brk%d;", lp.id);
	iter_start(em, st, &lp, lim, n, out);
	entry_vars(em, fe, e, out);
	iter_end(em, st, &lp, xasprintf("%s = stap_map_next(c, %d, %s);", e,
					 sym->map, e), out);
	free(k);
	free(lim);
	free(n);
	free(e);
}
