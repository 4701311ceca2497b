// SPDX-License-Identifier: GPL-2.0
/*
 * translator/probe_described.c - probe families a provider module adds
 * from outside the tree, declared in a tapset file with probe_type (see
 * struct ptype_decl in ast.h): nothing in stap is rebuilt.
 *
 * Each point's arguments go to the runtime as name/value pairs (struct
 * stap_point_args, <stap/probe_type.h>); each $name is a call of the
 * provider's exported accessor, "s64 get(struct stap_context *)" or
 * "const char *get(struct stap_context *)", and with -g its setter,
 * "void set(struct stap_context *, s64)" or "(..., const char *)".
 *
 * The handler module looks the accessors up at load (symbol_get(), which
 * also pins the provider) rather than linking to them: kbuild then needs
 * no Module.symvers of the provider, and without the provider the module
 * refuses to load with a message naming the type, not a bare "Unknown
 * symbol".  staprun loads the provider first (ctl/providers.c).
 */
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "probe.h"

/* What the family's hooks need beyond the declaration. */
struct described {
	const struct ptype_decl *decl;
	bool guru;
};

/* One point: the pairs, in the point's order. */
struct dpoint {
	const struct described *ds;
	struct vec names;	/* char * */
	struct vec args;	/* struct expr * */
};

static const struct described *desc_of(const struct dprobe *d)
{
	return d->family->desc;
}

static int build_described(struct session *s, struct probe_point *pp,
			   struct dprobe *d, struct perr *err)
{
	const struct described *ds = desc_of(d);
	const struct vec *names = ds->decl->argnames.v[d->variant];
	struct dpoint *pt = xcalloc(1, sizeof(*pt));
	int i, k = 0;

	(void)s;
	(void)err;
	pt->ds = ds;
	for (i = 0; i < pp->comps.n; i++) {
		struct component *c = pp->comps.v[i];

		if (!c->arg)
			continue;
		vec_push(&pt->names, names->v[k++]);
		vec_push(&pt->args, c->arg);
	}
	d->rtype = ds->decl->rtype;
	d->data = pt;
	return 1;
}

static const struct ptype_var *find_var(const struct ptype_decl *decl,
					const char *name)
{
	int i;

	for (i = 0; i < decl->vars.n; i++) {
		const struct ptype_var *v = decl->vars.v[i];

		if (!strcmp(v->name, name))
			return v;
	}
	return NULL;
}

static const char *described_target(const struct dprobe *d,
				    const struct expr *e, const char *op,
				    struct target_var *tv)
{
	const struct described *ds = desc_of(d);
	const struct ptype_var *v = find_var(ds->decl, e->tok->text);

	if (!v)
		return "unresolved target-symbol expression";
	tv->type = v->type;
	if (op && !v->set)
		return "write to target variable not permitted";
	if (op && !ds->guru)
		return "write to target variable not permitted; need stap -g";
	if (op && strcmp(op, "="))
		return "Only the '=' operator is implemented on this probe "
		       "type's target variables";
	tv->get = xasprintf(v->type == T_STRING ? "((char *)%s(c))" : "%s(c)",
			    v->get);
	if (v->set)
		tv->set = xasprintf("%s(c, %%s);", v->set);
	return NULL;
}

static const char *described_args_type(const struct dprobe *d)
{
	(void)d;
	return "struct stap_point_args";
}

static void described_args_c(struct session *s, const struct dprobe *d,
			     struct sbuf *out)
{
	const struct dpoint *pt = d->data;
	int i;

	(void)s;
	sb_printf(out, ".n = %d, .v = (const struct stap_point_arg[]){ ",
		  pt->args.n);
	for (i = 0; i < pt->args.n; i++) {
		const struct expr *a = pt->args.v[i];
		struct sbuf q = { 0 };

		sb_printf(out, "%s{ .name = \"%s\", ", i ? ", " : "",
			  (const char *)pt->names.v[i]);
		if (a->kind == E_STRING) {
			c_string(&q, a->str);
			sb_printf(out, ".str = %s }", q.s);
			sb_free(&q);
		} else {
			char *n = number_c(a->num);

			sb_printf(out, ".num = %s }", n);
			free(n);
		}
	}
	sb_puts(out, " }");
}

static void described_list_vars(const struct dprobe *d, struct sbuf *out)
{
	const struct ptype_decl *decl = desc_of(d)->decl;
	int i;

	for (i = 0; i < decl->vars.n; i++) {
		const struct ptype_var *v = decl->vars.v[i];

		sb_printf(out, " %s:%s", v->name,
			  v->type == T_STRING ? "string" : "long");
	}
}

/* The accessors, as pointers the module init fills in. */
static char *pointers(const struct ptype_decl *decl)
{
	struct sbuf sb = { 0 };
	int i;

	/* staprun loads the provider first (ctl/providers.c) */
	sb_printf(&sb, "MODULE_INFO(stap_provider, \"%s\");\n", decl->rtype);
	for (i = 0; i < decl->vars.n; i++) {
		const struct ptype_var *v = decl->vars.v[i];
		bool str = v->type == T_STRING;

		sb_printf(&sb, "static %s(*%s)(struct stap_context *c);\n",
			  str ? "const char *" : "s64 ", v->get);
		if (v->set)
			sb_printf(&sb, "static void (*%s)(struct stap_context *c, "
				  "%s v);\n", v->set,
				  str ? "const char *" : "s64");
	}
	return sb.s;
}

static void row_c(const char *rtype, const char *fn, struct sbuf *rows)
{
	sb_printf(rows, "\t{ \"%s\", \"%s\", (void **)&%s },\n", rtype, fn,
		  fn);
}

static void described_symbols_c(const struct probe_family *f,
				struct sbuf *rows)
{
	const struct ptype_decl *decl = ((const struct described *)f->desc)->decl;
	int i;

	for (i = 0; i < decl->vars.n; i++) {
		const struct ptype_var *v = decl->vars.v[i];

		row_c(decl->rtype, v->get, rows);
		if (v->set)
			row_c(decl->rtype, v->set, rows);
	}
}

const struct probe_family *described_family(struct session *s,
					    const struct ptype_decl *decl)
{
	struct probe_family *f = xcalloc(1, sizeof(*f));
	struct described *ds = xcalloc(1, sizeof(*ds));
	const char **points = xcalloc(decl->points.n + 1, sizeof(*points));
	int i;

	ds->decl = decl;
	ds->guru = s->guru;
	for (i = 0; i < decl->points.n; i++)
		points[i] = decl->points.v[i];
	f->name = decl->rtype;
	f->points = points;
	f->build = build_described;
	f->target = described_target;
	f->header = "stap/probe_type.h";
	f->prelude = pointers(decl);
	f->symbols_c = described_symbols_c;
	f->args_type = described_args_type;
	f->args_c = described_args_c;
	f->list_vars = described_list_vars;
	f->desc = ds;
	return f;
}
