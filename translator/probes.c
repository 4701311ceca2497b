// SPDX-License-Identifier: GPL-2.0
/*
 * translator/probes.c - probe points: match each point of each probe
 * against the probe point tree (probe_tree.c) as SystemTap's
 * match_node::find_and_build does, expand aliases, and derive the probes
 * the module registers (struct dprobe), with SystemTap's messages.
 *
 * After resolution s->prog.probes holds the derived probe bodies, one
 * handler each: a script probe whose points resolve directly keeps its
 * body, an alias or a condition makes a new one.
 */
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "elab.h"
#include "probe.h"

struct dctx {
	struct session *s;
	const char *chain;	/* -p2: where the point came from */
	bool quiet;		/* expanding a wildcard: errors only count */
	const struct dctx *up;	/* the expansion this one is inside */
	const struct probe *alias;	/* being expanded here, or NULL */
	char *list_text;	/* -l: the script's point, wildcards filled */
};

static int derive_pp(struct dctx *x, struct probe *body,
		     struct probe_point *pp);

int pfail(struct perr *err, char *msg, const struct token *tok)
{
	err->msg = msg;
	err->tok = tok;
	return -1;
}

static int body_index(struct session *s, struct probe *p)
{
	int i;

	for (i = 0; i < s->prog.probes.n; i++)
		if (s->prog.probes.v[i] == p)
			return i;
	vec_push(&s->prog.probes, p);
	return i;
}

static char *pp_text(const struct probe_point *pp)
{
	struct sbuf sb = { 0 };

	pp_print(&sb, pp);
	return sb.s;
}

static int build_builtin(struct dctx *x, const struct pnode *n,
			 struct probe *body, struct probe_point *pp,
			 struct perr *err)
{
	struct dprobe *d = xcalloc(1, sizeof(*d));
	struct sbuf text = { 0 };
	int r;

	d->family = n->family;
	d->variant = n->variant;
	r = n->family->build(x->s, pp, d, err);
	if (r <= 0) {
		free(d);
		return r;
	}
	body = target_body(d, body);	/* its $names, as the type says */
	d->probe = body;
	d->pp = pp;
	d->handler = body_index(x->s, body);
	if (!d->pp_text) {
		pp_print_cond(&text, pp);	/* pp() keeps '?', '!', 'if' */
		d->pp_text = text.s;
		d->origin = xstrdup(x->chain);
	}
	d->list_text = x->list_text;
	if (!d->list_text) {
		struct probe_point lp = { .comps = pp->comps };

		d->list_text = pp_text(&lp);
	}
	vec_push(&x->s->dprobes, d);
	return 1;
}

/* Each point of the alias, with the rest of the script's point appended
 * (SystemTap's alias suffixes), on the combined body. */
static int expand_alias(struct dctx *x, struct probe *a, struct probe *body,
			struct probe_point *pp, int pos, struct perr *err)
{
	struct probe *q;
	char *at;
	struct dctx sub = { x->s, NULL, x->quiet, x, a, NULL };
	const struct dctx *up;
	int i, j, r, n = 0, errors = 0;

	for (up = x; up; up = up->up) {
		const struct token *t = pp->tok;

		/* as SystemTap: the script's own expansion is not counted */
		if (up->alias == a && up->up->alias)
			return pfail(err, xasprintf("recursive loop in alias "
					"expansion of %s at %s:%d:%d",
					pp_text(pp), t->src->name, t->line,
					t->col), NULL);
	}
	q = alias_combine(a, body);
	at = alias_text(a);
	sub.chain = xasprintf("%s <- %s", at, x->chain);
	sub.list_text = x->list_text;
	if (!sub.list_text) {	/* the script's own point names this alias */
		struct probe_point lp = { .comps = pp->comps };

		sub.list_text = pp_text(&lp);
	}

	for (i = 0; i < a->pps.n; i++) {
		struct probe_point *t = a->pps.v[i], *t2 = t;

		if (pos < pp->comps.n) {
			t2 = xcalloc(1, sizeof(*t2));
			*t2 = *t;
			memset(&t2->comps, 0, sizeof(t2->comps));
			for (j = 0; j < t->comps.n; j++)
				vec_push(&t2->comps, t->comps.v[j]);
			for (j = pos; j < pp->comps.n; j++)
				vec_push(&t2->comps, pp->comps.v[j]);
		}
		r = derive_pp(&sub, q, t2);
		if (r < 0)
			errors++;
		else
			n += r;
		if (r > 0 && t->sufficient)
			break;
	}
	free(at);
	if (!n && errors)
		return pfail(err, xstrdup("no match"), NULL);
	return n;
}

/* A pattern the family expands: each point it stands for, built. */
static int build_pattern(struct dctx *x, const struct pnode *n,
			 struct probe *body, struct probe_point *pp,
			 struct perr *err)
{
	struct vec pts = { 0 };
	int i, r, total = 0;

	r = n->family->expand(x->s, pp, &pts, err);
	if (r <= 0)
		return r < 0 ? r : build_builtin(x, n, body, pp, err);
	for (i = 0; i < pts.n; i++) {
		r = build_builtin(x, n, body, pts.v[i], err);
		if (r < 0) {
			total = r;
			break;
		}
		total += r;
	}
	free(pts.v);
	return total;
}

static int build_node(struct dctx *x, struct pnode *n, struct probe *body,
		      struct probe_point *pp, int pos, struct perr *err)
{
	int i, r, total = 0;

	if (n->family && n->family->expand)
		return build_pattern(x, n, body, pp, err);
	if (n->family)
		return build_builtin(x, n, body, pp, err);
	for (i = 0; i < n->aliases.n; i++) {
		r = expand_alias(x, n->aliases.v[i], body, pp, pos, err);
		if (r < 0)
			return r;
		total += r;
	}
	return total;
}

static char *follow_list(const struct pnode *n)
{
	struct sbuf sb = { 0 };
	int i;

	for (i = 0; i < n->sub.n; i++) {
		char *k = pnode_key(n->sub.v[i]);

		sb_printf(&sb, " %s", k);
		free(k);
	}
	return sb.s;
}

static int find(struct dctx *x, struct pnode *n, struct probe *body,
		struct probe_point *pp, int pos, struct perr *err);

/* Components left over after a node that builds: an alias takes them as
 * a suffix of its points, a built-in probe point takes none. */
static int suffix(struct dctx *x, struct pnode *n, struct probe *body,
		  struct probe_point *pp, int pos, struct perr *err)
{
	struct component *c = pp->comps.v[pos];

	if (n->aliases.n)
		return build_node(x, n, body, pp, pos, err);
	if (pp->optional)
		return 0;
	return pfail(err, xstrdup("invalid suffix for probe"), c->tok);
}

/* A '*' in a component: every name under n it matches. */
static int find_glob(struct dctx *x, struct pnode *n, struct probe *body,
		     struct probe_point *pp, int pos, struct perr *err)
{
	struct component *c = pp->comps.v[pos];
	struct dctx quiet = *x;
	struct perr ignored = { 0 };
	int i, j, r, total = 0;

	quiet.quiet = true;

	for (i = 0; i < n->sub.n; i++) {
		struct pnode *k = n->sub.v[i];
		struct probe_point *p2;
		struct component *c2;

		if (fnmatch(c->name, k->name, FNM_NOESCAPE) ||
		    k->arg != comp_arg(c))
			continue;
		p2 = xcalloc(1, sizeof(*p2));
		*p2 = *pp;
		memset(&p2->comps, 0, sizeof(p2->comps));
		for (j = 0; j < pp->comps.n; j++)
			vec_push(&p2->comps, pp->comps.v[j]);
		c2 = xcalloc(1, sizeof(*c2));
		*c2 = *c;
		c2->name = k->name;
		p2->comps.v[pos] = c2;
		r = find(&quiet, k, body, p2, pos + 1, &ignored);
		if (r > 0)
			total += r;
	}
	if (!total && (n->family || n->aliases.n))
		return suffix(x, n, body, pp, pos, err);
	if (!total && !pp->optional) {
		char *sugs = pnode_suggest(n, c->name);

		pfail(err, xasprintf("probe point mismatch: didn't find any "
				     "wildcard matches%s%s%s", *sugs ?
				     " (similar: " : "", sugs, *sugs ? ")" : ""),
		      c->tok);
		free(sugs);
		return -1;
	}
	return total;
}

static int find(struct dctx *x, struct pnode *n, struct probe *body,
		struct probe_point *pp, int pos, struct perr *err)
{
	struct component *c;
	struct pnode *k;
	char *sugs;

	if (pos == pp->comps.n) {
		if (n->family || n->aliases.n)
			return build_node(x, n, body, pp, pos, err);
		c = pp->comps.v[pos - 1];
		return pfail(err, xasprintf("probe point truncated (follow: %s)",
					    follow_list(n)), c->tok);
	}
	if (n->family && n->family->prefix)
		return build_node(x, n, body, pp, pos, err);
	c = pp->comps.v[pos];
	if (strchr(c->name, '*'))
		return find_glob(x, n, body, pp, pos, err);
	k = pnode_find(n, c->name, comp_arg(c));
	if (k)
		return find(x, k, body, pp, pos + 1, err);
	if (n->family || n->aliases.n)
		return suffix(x, n, body, pp, pos, err);
	if (pp->optional)
		return 0;
	sugs = pnode_suggest(n, c->name);
	pfail(err, xasprintf("probe point mismatch%s%s%s", *sugs ?
			     " (similar: " : "", sugs, *sugs ? ")" : ""),
	      c->tok);
	free(sugs);
	return -1;
}

/*
 * SystemTap prints an error raised at the same place in its source only
 * once; the message up to its details stands for that place.
 */
static bool seen_before(const char *msg)
{
	static struct vec seen;
	size_t len = strcspn(msg, "(:");
	int i;

	for (i = 0; i < seen.n; i++)
		if (strlen(seen.v[i]) == len && !strncmp(seen.v[i], msg, len))
			return true;
	vec_push(&seen, xasprintf("%.*s", (int)len, msg));
	return false;
}

/* One point of one probe; errors are reported here, as SystemTap's
 * "while resolving probe point". */
static int derive_pp(struct dctx *x, struct probe *body,
		     struct probe_point *pp)
{
	struct perr err = { 0 };
	int r;

	if (pp->cond)
		body = probe_with_cond(body, pp->cond);
	r = find(x, ptree_root(x->s), body, pp, 0, &err);
	if (r == 0 && !pp->optional)
		r = pfail(&err, xstrdup("no match"), NULL);
	if (r >= 0 || pp->optional)
		return r < 0 ? 0 : r;
	if (x->quiet || x->s->list_pattern) {
		free(err.msg);
		return -1;
	}
	if (seen_before(err.msg)) {
		x->s->suppressed++;
		x->s->errors++;
	} else {
		semantic_error2(x->s, "while resolving probe point", pp->tok,
				err.msg, err.tok);
	}
	free(err.msg);
	return -1;
}

static char *pps_text(const struct vec *pps)
{
	struct sbuf sb = { 0 };
	int i;

	for (i = 0; i < pps->n; i++) {
		sb_puts(&sb, i ? "," : "");
		pp_print_cond(&sb, pps->v[i]);
	}
	return sb.s;
}

/* For probes made after resolution (elaborate.c's global display). */
int resolve_pp(struct session *s, struct probe *p, struct probe_point *pp,
	       int handler)
{
	struct vec one = { 0 };
	struct dctx x = { s, NULL, false, NULL, NULL, NULL };
	int r;

	(void)handler;
	vec_push(&one, pp);
	x.chain = pps_text(&one);
	r = derive_pp(&x, p, pp);
	free(one.v);
	return r;
}

void resolve_probes(struct session *s)
{
	struct vec user = s->prog.probes;
	int i, j;

	memset(&s->prog.probes, 0, sizeof(s->prog.probes));
	for (i = 0; i < user.n; i++) {
		struct probe *p = user.v[i];
		struct dctx x = { s, pps_text(&p->pps), false, NULL, NULL,
				  NULL };

		for (j = 0; j < p->pps.n; j++) {
			struct probe_point *pp = p->pps.v[j];

			if (derive_pp(&x, p, pp) > 0 && pp->sufficient)
				break;
		}
	}
	s->nhandlers = s->prog.probes.n;
	if (!s->errors && !s->dprobes.n && !s->list_pattern)
		semantic_error(s, "no probes found", NULL, NULL);
}

/* Each probe family's checks across its probes (procfs: one read per file). */
void probe_families_check(struct session *s)
{
	const struct probe_family *const *fp, *f;

	for_each_probe_family(f, fp)
		if (f->check)
			f->check(s);
}
