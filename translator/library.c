// SPDX-License-Identifier: GPL-2.0
/*
 * translator/library.c - pass 1's tapset library, loaded on demand.
 *
 * After the user script is parsed, every name it uses that it does not
 * define (a function called, a variable, a probe point's first
 * component) is looked up in the index (library_index.c), and each
 * library file defining one is parsed into the program.  What those
 * definitions use is looked up in turn, until nothing new is needed.  SystemTap
 * parses the whole library each run and keeps what is used; the files
 * parsed here are the ones it would keep, and -v counts them.
 */
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "library.h"

/* How far each part of the program had been searched for names. */
struct marks {
	int probes, aliases, functions, globals, embeds, files, syms;
};

struct loader {
	struct session *s;
	struct lib_index *ix;
	struct vec wanted;	/* char *: kind then name, "fstrlen" */
};

static void mark(const struct program *p, struct marks *m)
{
	m->probes = p->probes.n;
	m->aliases = p->aliases.n;
	m->functions = p->functions.n;
	m->globals = p->globals.n;
	m->embeds = p->embeds.n;
	m->files = p->files.n;
	m->syms = p->gscope.syms.n;
}

static void want(struct loader *ld, char kind, const char *name)
{
	char *k = xasprintf("%c%s", kind, name);
	int i;

	for (i = 0; i < ld->wanted.n; i++)
		if (!strcmp(ld->wanted.v[i], k)) {
			free(k);
			return;
		}
	vec_push(&ld->wanted, k);
}

static void want_expr(struct loader *ld, const struct expr *e)
{
	int i;

	if (!e)
		return;
	if (e->kind == E_CALL)
		want(ld, 'f', e->tok->text);
	else if (e->kind == E_VAR || e->kind == E_INDEX)
		want(ld, 'g', e->tok->text);
	want_expr(ld, e->left);
	want_expr(ld, e->right);
	want_expr(ld, e->cond);
	for (i = 0; i < e->args.n; i++)
		want_expr(ld, e->args.v[i]);
}

static void want_stmt(struct loader *ld, const struct stmt *st)
{
	int i;

	if (!st)
		return;
	want_expr(ld, st->expr);
	want_expr(ld, st->cond);
	want_stmt(ld, st->then);
	want_stmt(ld, st->els);
	want_stmt(ld, st->body);
	want_stmt(ld, st->init);
	want_stmt(ld, st->incr);
	for (i = 0; i < st->stmts.n; i++)
		want_stmt(ld, st->stmts.v[i]);
	if (st->fe) {
		want_expr(ld, st->fe->value);
		want_expr(ld, st->fe->array);
		want_expr(ld, st->fe->limit);
		for (i = 0; i < st->fe->keys.n; i++)
			want_expr(ld, st->fe->keys.v[i]);
	}
}

static void want_probe(struct loader *ld, const struct probe *p)
{
	int j;

	for (j = 0; j < p->pps.n; j++) {
		const struct probe_point *pp = p->pps.v[j];
		const struct component *c = pp->comps.v[0];

		want(ld, 'a', c->name);
		want_expr(ld, pp->cond);
	}
	want_stmt(ld, p->body);
}

/* Everything the user script has: its names start the search. */
static void want_user(struct loader *ld)
{
	const struct program *p = &ld->s->prog;
	int i;

	for (i = 0; i < p->probes.n; i++)
		want_probe(ld, p->probes.v[i]);
	for (i = 0; i < p->aliases.n; i++)
		want_probe(ld, p->aliases.v[i]);
	for (i = 0; i < p->functions.n; i++)
		want_stmt(ld, ((struct function *)p->functions.v[i])->body);
}

static bool alias_named(const struct probe *a, const char *pattern)
{
	int j;

	for (j = 0; j < a->names.n; j++) {
		const struct probe_point *pp = a->names.v[j];

		if (!fnmatch(pattern, ((struct component *)pp->comps.v[0])->name,
			     0))
			return true;
	}
	return false;
}

/* Does the user script define it?  Then the library is not asked. */
static bool user_defines(const struct program *p, char kind, const char *name)
{
	int i;

	if (kind == 'g') {
		const struct symbol *g = scope_find((struct scope *)&p->gscope,
						    name, false);

		return g && g->tok->src && g->tok->src->user;
	}
	if (kind == 'f') {
		for (i = 0; i < p->functions.n; i++) {
			const struct function *f = p->functions.v[i];

			if (f->tok->src->user && !strcmp(f->name, name))
				return true;
		}
		return false;
	}
	for (i = 0; i < p->aliases.n; i++) {
		const struct probe *a = p->aliases.v[i];

		if (a->user && alias_named(a, name))
			return true;
	}
	return false;
}

/*
 * The library's definitions of a name in use are in use: what they use
 * is wanted in turn.  Only these: as in SystemTap, the rest of a file
 * (an alias or a function nothing uses) pulls in nothing.
 */
static void want_definitions(struct loader *ld, char kind, const char *name)
{
	const struct program *p = &ld->s->prog;
	int i;

	if (kind == 'f') {
		for (i = 0; i < p->functions.n; i++) {
			const struct function *f = p->functions.v[i];

			if (!f->tok->src->user && !strcmp(f->name, name))
				want_stmt(ld, f->body);
		}
	} else if (kind == 'a') {
		for (i = 0; i < p->aliases.n; i++) {
			const struct probe *a = p->aliases.v[i];

			if (!a->user && alias_named(a, name))
				want_probe(ld, a);
		}
	}
}

/* A probe point's first component may be a wildcard: "one*". */
static bool provides(const struct lib_file *f, char kind, const char *name)
{
	int i;

	for (i = 0; i < f->names.n; i++) {
		const struct lib_name *n = f->names.v[i];

		if (n->kind != kind)
			continue;
		if (kind == 'a' ? !fnmatch(name, n->name, 0) :
				  !strcmp(name, n->name))
			return true;
	}
	return false;
}

/* Undo what a file with errors added, as SystemTap skips such a file. */
static void roll_back(struct program *p, const struct marks *m)
{
	p->probes.n = m->probes;
	p->aliases.n = m->aliases;
	p->functions.n = m->functions;
	p->globals.n = m->globals;
	p->embeds.n = m->embeds;
	p->files.n = m->files;
	p->gscope.syms.n = m->syms;
}

static void load_file(struct session *s, struct lib_file *f)
{
	struct source *src = xcalloc(1, sizeof(*src));
	int errors = s->errors, n;
	struct marks m;
	char *msg;

	f->loaded = true;
	src->name = f->path;
	src->text = read_file(f->path, NULL);
	if (!src->text)
		return;		/* gone since the index was made */
	mark(&s->prog, &m);
	n = parse_source(s, src, false);
	if (n == 0) {
		s->nlibrary++;
		return;
	}
	if (n > 0)
		fprintf(stderr, "%d parse error%s.\n", n, n == 1 ? "" : "s");
	roll_back(&s->prog, &m);
	s->errors = errors;	/* pass 1 goes on without the file */
	msg = xasprintf("tapset \"%s\" has errors, and will be skipped",
			f->path);
	print_warning(s, msg, NULL);
	free(msg);
}

/* Parse every file that defines the name and is not parsed yet. */
static void load_providers(struct loader *ld, char kind, const char *name)
{
	int j;

	for (j = 0; j < ld->ix->files.n; j++) {
		struct lib_file *f = ld->ix->files.v[j];

		if (!f->loaded && provides(f, kind, name)) {
			int k, n = ld->s->prog.probes.n;

			load_file(ld->s, f);
			/* its own probes (probe init { ... }) come with it */
			for (k = n; k < ld->s->prog.probes.n; k++)
				want_probe(ld, ld->s->prog.probes.v[k]);
		}
	}
}

/* An alias of a file not parsed, by name only (see library_load). */
static struct probe *alias_stub(const struct lib_file *f,
				const struct lib_name *n)
{
	struct source *src = xcalloc(1, sizeof(*src));
	struct token *t = xcalloc(1, sizeof(*t));
	struct probe_point *pp = xcalloc(1, sizeof(*pp));
	struct probe *a = xcalloc(1, sizeof(*a));
	char *names = xstrdup(n->full), *save = NULL, *c;

	src->name = f->path;
	t->type = TOK_IDENT;
	t->text = n->name;
	t->src = src;
	t->line = t->col = 1;
	for (c = strtok_r(names, ".", &save); c; c = strtok_r(NULL, ".", &save)) {
		struct component *comp = xcalloc(1, sizeof(*comp));

		comp->name = c;
		comp->tok = t;
		vec_push(&pp->comps, comp);
	}
	pp->tok = t;
	a->tok = t;
	vec_push(&a->names, pp);
	a->body = stmt_new(S_BLOCK, t);
	return a;
}

/*
 * SystemTap parses its whole library, so a probe point mismatch suggests
 * from every alias there is ("similar: begin, end, init, ...").  The
 * aliases of the files not parsed are named to the probe tree by stubs.
 * None can be expanded: a point whose first component matches one (by
 * name or wildcard) had that file parsed, and then has no stub.
 */
static void stub_unparsed_aliases(struct loader *ld)
{
	int i, j;

	for (i = 0; i < ld->ix->files.n; i++) {
		const struct lib_file *f = ld->ix->files.v[i];

		for (j = 0; !f->loaded && j < f->names.n; j++) {
			const struct lib_name *n = f->names.v[j];

			if (n->kind == 'a')
				vec_push(&ld->s->prog.aliases, alias_stub(f, n));
		}
	}
}

/*
 * Each name is looked up once, in the order met: every file defining it
 * is parsed then (the index lists a file under every name it may define),
 * so the name's definitions are all there when they are walked.
 */
void library_load(struct session *s)
{
	struct loader ld = { .s = s };
	int i;

	ld.ix = lib_index_get(s);
	want_user(&ld);
	for (i = 0; i < ld.wanted.n; i++) {
		const char *w = ld.wanted.v[i];

		if (!user_defines(&s->prog, w[0], w + 1))
			load_providers(&ld, w[0], w + 1);
		want_definitions(&ld, w[0], w + 1);
	}
	stub_unparsed_aliases(&ld);
}
