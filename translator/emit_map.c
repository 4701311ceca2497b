// SPDX-License-Identifier: GPL-2.0
/*
 * translator/emit_map.c - global arrays and statistics as calls into the
 * runtime's maps (<stap/map.h>): element reads and writes, `in`, delete,
 * <<<, the extractors and histograms.
 *
 * Keys are built in a union stap_key array in the handler's frame; string
 * keys point at the pure string values (temporaries, locals, literals).
 * After every map call that can fail the handler unwinds with the near
 * token SystemTap reports for the operation.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"

/* A raw declaration in the handler's temporaries, e.g. a key array. */
char *tmp_decl(struct emitter *em, const char *type, const char *suffix)
{
	int n = em->ntmp++;

	sb_printf(&em->tmps, "\t%s t%d%s;\n", type, n, suffix);
	return xasprintf("l->t%d", n);
}

/* After a call that may set c->last_error: unwind near WHERE (a C string). */
void check_err_at(struct emitter *em, struct sbuf *pre, const char *where)
{
	line(em, pre, "if (unlikely(c->last_error)) {");
	em->ind++;
	line(em, pre, "c->last_stmt = %s;", where);
	goto_err(em, pre);
	em->ind--;
	line(em, pre, "}");
}

/* After a call that may set c->last_error: unwind near token t. */
void check_err(struct emitter *em, struct sbuf *pre, const struct token *t)
{
	struct sbuf sb = { 0 }, q = { 0 };

	token_describe(&sb, t);
	c_string(&q, sb_str(&sb));
	check_err_at(em, pre, q.s);
	sb_free(&sb);
	sb_free(&q);
}

/*
 * The key array of an array reference (E_INDEX, E_IN) or "NULL" for a
 * scalar statistic (E_VAR); bit i of *wild is set for a '*' key.
 */
char *keys_c(struct emitter *em, struct expr *ref, struct sbuf *pre,
	     unsigned *wild)
{
	struct symbol *sym = ref->sym;
	char **v, *k, suffix[16];
	int i;

	if (wild)
		*wild = 0;
	if (ref->kind == E_VAR || !ref->args.n)
		return xstrdup("NULL");
	v = args_c(em, ref, 0, pre);	/* '*' keys are NULL */
	snprintf(suffix, sizeof(suffix), "[%d]", ref->args.n);
	k = tmp_decl(em, "union stap_key", suffix);
	for (i = 0; i < ref->args.n; i++) {
		struct expr *a = ref->args.v[i];

		if (!a) {
			if (wild)
				*wild |= 1u << i;
			line(em, pre, "%s[%d].l = 0;", k, i);
		} else if (sym && sym->keys[i] == T_STRING) {
			line(em, pre, "%s[%d].s = %s;", k, i, v[i]);
		} else {
			line(em, pre, "%s[%d].l = %s;", k, i, v[i]);
		}
	}
	free_args(v, ref->args.n);
	return k;
}

/* a[k] as an rvalue. */
char *index_read_c(struct emitter *em, struct expr *e, struct sbuf *pre)
{
	char *k = keys_c(em, e, pre, NULL), *t;

	em->flags |= F_READ;
	t = tmp_new(em, e->sym->type);
	if (e->sym->type == T_STRING)
		line(em, pre, "stap_map_get_str(c, %d, %s, %s);", e->sym->map,
		     k, t);
	else
		line(em, pre, "%s = stap_map_get_long(c, %d, %s);", t,
		     e->sym->map, k);
	free(k);
	return t;
}

/* Store v (a pure value) into a[k] whose key array is k. */
void index_store_c(struct emitter *em, struct expr *ref, const char *k,
		   const char *v, struct sbuf *pre)
{
	global_write(em, ref->sym);
	line(em, pre, "stap_map_set_%s(c, %d, %s, %s);",
	     ref->sym->type == T_STRING ? "str" : "long", ref->sym->map, k, v);
	check_err(em, pre, ref->tok);
}

char *in_c(struct emitter *em, struct expr *e, struct sbuf *pre)
{
	unsigned wild;
	char *k = keys_c(em, e, pre, &wild), *t = tmp_new(em, T_LONG);

	em->flags |= F_READ;
	line(em, pre, "%s = stap_map_exists(c, %d, %s, 0x%x);", t,
	     e->sym->map, k, wild);
	free(k);
	return t;
}

void map_delete_c(struct emitter *em, struct expr *e, struct sbuf *out)
{
	global_write(em, e->sym);
	if (e->kind == E_VAR) {
		line(em, out, "stap_map_clear(c, %d);", e->sym->map);
	} else {
		unsigned wild;
		char *k = keys_c(em, e, out, &wild);

		line(em, out, "stap_map_delete(c, %d, %s, 0x%x);", e->sym->map,
		     k, wild);
		free(k);
	}
}

/* s <<< v, a[k] <<< v */
char *stat_add_c(struct emitter *em, struct expr *e, struct sbuf *pre)
{
	struct expr *ref = e->left;
	char *k = keys_c(em, ref, pre, NULL), *v;

	v = expr_c(em, e->right, pre, false);
	/* per-CPU statistics take the read lock; @count(s) may still change */
	em->flags |= F_READ | (ref->sym->cond_read ? F_CWRITE : 0);
	line(em, pre, "stap_stat_add(c, %d, %s, %s);", ref->sym->map, k, v);
	check_err(em, pre, ref->tok);
	free(k);
	return v;
}

/* Aggregate the statistic ref into a stap_stat temporary; returns it.
 * With empty_tok, an empty aggregate is an error near that token. */
static char *stat_get_c(struct emitter *em, struct expr *ref, struct sbuf *pre,
			const struct token *empty_tok, char **keys)
{
	char *k = keys_c(em, ref, pre, NULL);
	char *st = tmp_decl(em, "struct stap_stat", "");

	em->flags |= F_READ;
	line(em, pre, "stap_stat_get(c, %d, %s, &%s);", ref->sym->map, k, st);
	check_err(em, pre, ref->tok);
	if (empty_tok) {
		char *cond = xasprintf("%s.count == 0", st);

		fail_if(em, pre, cond, "empty aggregate", empty_tok);
		free(cond);
	}
	if (keys)
		*keys = k;
	else
		free(k);
	return st;
}

/* "STAP_MAP_WRAP | STAP_MAP_SIZED", or "0" */
static const char *map_flags(const struct symbol *g)
{
	static char buf[80];

	snprintf(buf, sizeof(buf), "%s%s%s",
		 g->wrap ? " | STAP_MAP_WRAP" : "",
		 g->size ? " | STAP_MAP_SIZED" : "",
		 g->type == T_STATS && g->variance ? " | STAP_MAP_VARIANCE" : "");
	return buf[0] ? buf + 3 : "0";
}

/* @count(s) @sum @min @max @avg @variance */
char *statop_c(struct emitter *em, struct expr *e, struct sbuf *pre)
{
	const char *op = e->op + 1;
	bool need = strcmp(op, "count") && strcmp(op, "sum");
	char *k, *st = stat_get_c(em, e->left, pre, need ? e->tok : NULL, &k);
	char *r;

	if (!strcmp(op, "avg")) {
		r = xasprintf("div64_s64(%s.sum, %s.count)", st, st);
	} else if (!strcmp(op, "variance")) {
		r = tmp_new(em, T_LONG);
		line(em, pre, "%s = stap_stat_variance(c, %d, %s);", r,
		     e->left->sym->map, k);
	} else {
		r = xasprintf("%s.%s", st, op);
	}
	free(k);
	free(st);
	return r;
}

/* @hist_*(s)[i] */
char *hist_bucket_c(struct emitter *em, struct expr *e, struct sbuf *pre)
{
	struct expr *h = e->left;
	char *k, *st, *i, *t;

	st = stat_get_c(em, h->left, pre, h->tok, &k);
	i = expr_c(em, e->args.v[0], pre, false);
	t = tmp_new(em, T_LONG);
	line(em, pre, "%s = stap_stat_hist_bucket(c, %d, %s, %s);", t,
	     h->left->sym->map, k, i);
	check_err(em, pre, h->tok);
	free(k);
	free(st);
	free(i);
	return t;
}

/* print(@hist_*(s)) (out == NULL) or sprint into the string out. */
void hist_print_c(struct emitter *em, struct expr *h, const struct token *at,
		  const char *out, struct sbuf *pre)
{
	char *k, *st = stat_get_c(em, h->left, pre, at, &k);

	if (out)
		line(em, pre, "stap_stat_sprint_hist(c, %d, %s, %s, "
		     "MAXSTRINGLEN);", h->left->sym->map, k, out);
	else
		line(em, pre, "stap_stat_print_hist(c, %d, %s);",
		     h->left->sym->map, k);
	free(k);
	free(st);
}

bool is_hist(const struct expr *e)
{
	return e->kind == E_STATOP && !strncmp(e->op, "@hist_", 6);
}

bool is_map_sym(const struct symbol *sym)
{
	return sym->global && (sym->nkeys > 0 || sym->type == T_STATS);
}

/* The stap_map_desc table; numbers the maps in sym->map. */
void maps_c(struct session *s, struct sbuf *out, int *nmaps)
{
	static const char *const vt[] = {
		[T_LONG] = "STAP_LONG", [T_STRING] = "STAP_STRING",
		[T_STATS] = "STAP_STATS", [T_UNKNOWN] = "STAP_LONG",
	};
	int i, j, n = 0;

	for (i = 0; i < s->prog.globals.n; i++) {
		struct symbol *g = s->prog.globals.v[i];

		if (!is_map_sym(g) || g->type == T_UNKNOWN)
			continue;
		if (!n++)
			sb_puts(out, "static const struct stap_map_desc maps[] = {\n");
		g->map = n - 1;
		sb_printf(out, "\t{ .name = \"%s\", .nkeys = %d, ", g->name,
			  g->nkeys);
		if (g->nkeys) {
			sb_puts(out, ".key_types = { ");
			for (j = 0; j < g->nkeys; j++)
				sb_printf(out, "%s%s", j ? ", " : "",
					  g->keys[j] == T_STRING ?
					  "STAP_STRING" : "STAP_LONG");
			sb_puts(out, " }, ");
		}
		sb_printf(out, ".value_type = %s, .flags = %s, ", vt[g->type],
			  map_flags(g));
		if (g->size)
			sb_printf(out, ".max_entries = %" PRId64, g->size);
		else
			sb_puts(out, ".max_entries = MAXMAPENTRIES");
		if (g->hist == 1)
			sb_puts(out, ", .stat = { .hist_type = STAP_HIST_LOG }");
		else if (g->hist == 2)
			sb_printf(out, ", .stat = { .hist_type = STAP_HIST_LINEAR, "
				  ".start = %" PRId64 ", .stop = %" PRId64
				  ", .interval = %" PRId64 " }", g->hist_args[0],
				  g->hist_args[1], g->hist_args[2]);
		sb_puts(out, " },\n");
	}
	if (n)
		sb_puts(out, "};\n\n");
	*nmaps = n;
}
