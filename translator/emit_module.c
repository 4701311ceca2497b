// SPDX-License-Identifier: GPL-2.0
/*
 * translator/emit_module.c - pass 3 top level: globals, handlers, functions,
 * the locals layout, the probe table and struct stap_module.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "probe.h"
#include "regex_use.h"

/* Where the generated text goes while the parts are being made. */
struct parts {
	struct sbuf decls;	/* frame structs */
	struct sbuf protos;	/* function prototypes */
	struct sbuf code;	/* functions and handlers */
	struct sbuf pmembers;	/* union of the probe frames */
	struct sbuf fmembers;	/* union of the function frames */
	bool nfn;		/* any function emitted */
};

static void vars_decl(struct sbuf *sb, struct vec *syms, bool params)
{
	int i;

	for (i = 0; i < syms->n; i++) {
		struct symbol *sym = syms->v[i];

		if (sym->param != params)
			continue;
		sb_puts(sb, "\t\t");
		sb_printf(sb, ctype_decl(sym->type), sym->name);
		sb_putc(sb, '\n');
	}
}

/* One handler per probe body; returns its lock flags. */
static unsigned handler_c(struct session *s, struct probe *p, int idx,
			  struct parts *pt)
{
	struct emitter em = { .s = s, .ind = 1, .errlabel = "out" };
	struct sbuf body = { 0 };
	char *frame = NULL;
	bool calls;

	vars_decl(&em.vars, &p->locals.syms, false);
	stmt_c(&em, p->body, &body);
	if (em.vars.len || em.tmps.len) {
		frame = xasprintf("l_probe%d", idx);
		sb_printf(&pt->decls, "struct %s {\n", frame);
		if (em.vars.len)
			sb_printf(&pt->decls, "\tstruct {\n%s\t} v;\n", em.vars.s);
		sb_printf(&pt->decls, "%s};\n\n", sb_str(&em.tmps));
		sb_printf(&pt->pmembers, "\t\tstruct %s p%d;\n", frame, idx);
	}
	sb_printf(&pt->code, "static void probe%d(struct stap_context *c)\n{\n",
		  idx);
	calls = strstr(sb_str(&body), "L->depth") != NULL;	/* functions */
	if (strstr(sb_str(&body), "L->") || frame)
		sb_puts(&pt->code, "\tstruct stap_locals *L = c->locals;\n");
	if (frame)
		sb_printf(&pt->code, "\tstruct %s *l = &L->p.p%d;\n", frame, idx);
	sb_putc(&pt->code, '\n');
	if (calls)
		sb_puts(&pt->code, "\tL->depth = 0;\n");
	if (em.vars.len)
		sb_puts(&pt->code, "\tmemset(&l->v, 0, sizeof(l->v));\n");
	sb_puts(&pt->code, sb_str(&body));
	if (em.used_out)
		sb_puts(&pt->code, "out:\n\t;\n");
	sb_puts(&pt->code, "}\n\n");
	sb_free(&body);
	sb_free(&em.vars);
	sb_free(&em.tmps);
	free(frame);
	return em.flags;
}

/* One script function: fn<id>(c) on frame L->f[L->depth - 1]. */
static unsigned function_c(struct session *s, struct function *f,
			   struct parts *pt)
{
	struct emitter em = { .s = s, .ind = 1, .fn = f, .errlabel = "out" };
	struct sbuf body = { 0 }, params = { 0 };

	vars_decl(&params, &f->locals.syms, true);
	vars_decl(&em.vars, &f->locals.syms, false);
	stmt_c(&em, f->body, &body);
	sb_printf(&pt->decls, "struct l_fn%d {\n", f->id);
	if (params.len)
		sb_printf(&pt->decls, "\tstruct {\n%s\t} a;\n", params.s);
	if (em.vars.len)
		sb_printf(&pt->decls, "\tstruct {\n%s\t} v;\n", em.vars.s);
	if (f->type != T_UNKNOWN) {
		sb_putc(&pt->decls, '\t');
		sb_printf(&pt->decls, ctype_decl(f->type), "ret");
		sb_putc(&pt->decls, '\n');
	}
	sb_printf(&pt->decls, "%s};\n\n", sb_str(&em.tmps));
	sb_printf(&pt->fmembers, "\tstruct l_fn%d fn%d;\n", f->id, f->id);
	sb_printf(&pt->protos, "static int fn%d(struct stap_context *c);\n",
		  f->id);
	sb_printf(&pt->code, "/* function %s */\n"
		  "static int fn%d(struct stap_context *c)\n{\n"
		  "\tstruct stap_locals *L = c->locals;\n"
		  "\tstruct l_fn%d *l = &L->f[L->depth - 1].fn%d;\n\n",
		  f->name, f->id, f->id, f->id);
	if (em.vars.len)
		sb_puts(&pt->code, "\tmemset(&l->v, 0, sizeof(l->v));\n");
	if (f->type == T_STRING)
		sb_puts(&pt->code, "\tl->ret[0] = '\\0';\n");
	else if (f->type == T_LONG)
		sb_puts(&pt->code, "\tl->ret = 0;\n");
	sb_puts(&pt->code, sb_str(&body));
	if (em.used_out)
		sb_puts(&pt->code, "out:\n");
	sb_puts(&pt->code, "\treturn 0;\n}\n\n");
	sb_free(&body);
	sb_free(&params);
	sb_free(&em.vars);
	sb_free(&em.tmps);
	return em.flags;
}

/* A body's lock flags include those of every function it may call. */
static unsigned callee_flags(struct vec *callees, unsigned *fflags)
{
	unsigned fl = 0;
	int i;

	for (i = 0; i < callees->n; i++)
		fl |= fflags[((struct function *)callees->v[i])->id];
	return fl;
}

static void close_flags(struct session *s, unsigned *fflags)
{
	bool changed = true;
	int i;

	while (changed) {
		changed = false;
		for (i = 0; i < s->prog.functions.n; i++) {
			struct function *f = s->prog.functions.v[i];
			unsigned fl = fflags[i] | callee_flags(&f->callees, fflags);

			changed |= fl != fflags[i];
			fflags[i] = fl;
		}
	}
}

static void globals_c(struct session *s, struct sbuf *out)
{
	int i;

	for (i = 0; i < s->prog.globals.n; i++) {
		struct symbol *g = s->prog.globals.v[i];
		struct sbuf init = { 0 };

		if (g->type == T_UNKNOWN || is_map_sym(g))
			continue;	/* never used: elided; maps: maps_c */
		if (g->type == T_STRING) {
			c_string(&init, g->init ? g->init->str : "");
			sb_printf(out, "static char g_%s[MAXSTRINGLEN] = %s;\n",
				  g->name, init.s);
			sb_printf(out, "module_param_string(%s, g_%s, "
				  "MAXSTRINGLEN, 0);\n", g->name, g->name);
		} else {
			char *n = number_c(g->init ? g->init->num : 0);

			sb_printf(out, "static s64 g_%s = %s;\n", g->name, n);
			/* the type, as 4.8's int64_t: staprun checks names */
			sb_printf(out, "module_param_cb(%s, &stap_param_ops_long, "
				  "&g_%s, 0);\n__MODULE_PARM_TYPE(%s, \"int64_t\");\n",
				  g->name, g->name, g->name);
			free(n);
		}
		sb_free(&init);
	}
	if (s->prog.globals.n)
		sb_putc(out, '\n');
}

/* STAP_PF_*: the lock a handler takes, and what its condition needs. */
static char *probe_flags(const struct dprobe *d, unsigned f)
{
	struct vec conds = { 0 };
	struct sbuf sb = { 0 };

	probe_conds(d->probe->body, &conds);
	if (f & (F_WRITE | F_READ))
		sb_puts(&sb, f & F_WRITE ? "STAP_PF_LOCK_WRITE" :
			"STAP_PF_LOCK_READ");
	if (conds.n)
		sb_printf(&sb, "%sSTAP_PF_COND", sb.len ? " | " : "");
	if (f & F_CWRITE)
		sb_printf(&sb, "%sSTAP_PF_COND_WRITE", sb.len ? " | " : "");
	if (d->flags)
		sb_printf(&sb, "%s%s", sb.len ? " | " : "", d->flags);
	free(conds.v);
	return sb.len ? sb.s : xstrdup("0");
}

/* The #include of each probe type's header, and its prelude, once. */
static void probe_headers_c(struct session *s, struct sbuf *out)
{
	struct vec seen = { 0 };
	int i, j;

	for (i = 0; i < s->dprobes.n; i++) {
		const struct probe_family *f =
			((struct dprobe *)s->dprobes.v[i])->family;

		for (j = 0; j < seen.n && seen.v[j] != f; j++)
			;
		if (j < seen.n || !f->header)
			continue;
		vec_push(&seen, (void *)f);
		sb_printf(out, "#include <%s>\n", f->header);
		if (f->prelude)
			sb_puts(out, f->prelude);
	}
	free(seen.v);
}

/* probeN_args: each type's arguments, as its family writes them. */
static void probe_args_c(struct session *s, int i, struct sbuf *out,
			 struct sbuf *init)
{
	const struct dprobe *d = s->dprobes.v[i];
	const struct probe_family *f = d->family;
	const char *type = f->args_type ? f->args_type(d) : NULL;
	bool mutable = f->args_mutable && f->args_mutable(d);
	char *name;

	if (!type)
		return;
	name = xasprintf("probe%d_args", i);
	sb_printf(out, "static %s%s %s = { ", mutable ? "" : "const ", type,
		  name);
	f->args_c(s, d, out);
	sb_puts(out, " };\n");
	if (f->init_c)
		f->init_c(s, d, name, init);
	free(name);
}

static void probes_c(struct session *s, unsigned *flags, struct sbuf *out,
		     struct sbuf *init)
{
	struct sbuf table = { 0 };
	int i;

	for (i = 0; i < s->dprobes.n; i++) {
		struct dprobe *d = s->dprobes.v[i];
		struct sbuf q = { 0 };
		char *f;

		if (!d->rtype)
			continue;
		probe_args_c(s, i, out, init);
		c_string(&q, d->pp_text);
		f = probe_flags(d, flags[d->handler]);
		sb_printf(&table, "\t{ .type = \"%s\", .flags = %s, .pp = %s, ",
			  d->rtype, f, q.s);
		if (d->family->args_type && d->family->args_type(d))
			sb_printf(&table, ".args = &probe%d_args, ", i);
		sb_printf(&table, ".handler = probe%d },\n", d->handler);
		sb_free(&q);
		free(f);
	}
	sb_printf(out, "\nstatic const struct stap_probe probes[] = {\n%s};\n\n",
		  sb_str(&table));
	sb_free(&table);
}

/*
 * pn(): each probe's point as the script named it (vfs.read for a probe
 * on vfs.*), beside probes[] and in its order, only when pn() is called.
 */
static void pn_table_c(struct session *s, struct sbuf *out)
{
	int i, n = 0;

	for (i = 0; i < s->dprobes.n; i++)
		n += ((struct dprobe *)s->dprobes.v[i])->rtype != NULL;
	sb_printf(out, "static const struct stap_probe probes[%d];\n"
		  "static const char *const stap_pns[%d] = {\n", n, n);
	for (i = 0; i < s->dprobes.n; i++) {
		struct dprobe *d = s->dprobes.v[i];
		struct sbuf q = { 0 };

		if (!d->rtype)
			continue;
		c_string(&q, d->list_text);
		sb_printf(out, "\t%s,\n", q.s);
		sb_free(&q);
	}
	sb_puts(out, "};\n#define stap_pn(p) stap_pns[(p) - probes]\n\n");
}

/* A body only "never" points reach is not emitted. */
static bool handler_used(struct session *s, int handler)
{
	int i;

	for (i = 0; i < s->dprobes.n; i++) {
		struct dprobe *d = s->dprobes.v[i];

		if (d->handler == handler && d->rtype)
			return true;
	}
	return false;
}

/* struct stap_locals: the call depth, the probe frames, the call stack. */
static void locals_c(struct session *s, struct parts *pt, struct sbuf *out)
{
	sb_puts(out, sb_str(&pt->decls));
	if (pt->nfn)
		sb_printf(out, "#ifndef MAXNESTING\n#define MAXNESTING %d\n"
			  "#endif\n\nunion stap_frame {\n%s};\n\n",
			  s->maxnesting, pt->fmembers.s);
	if (!pt->nfn && !pt->pmembers.len && !regex_used(s))
		return;
	sb_puts(out, "struct stap_locals {\n");
	if (pt->nfn)
		sb_puts(out, "\tint depth;\n");
	if (regex_used(s))
		regex_locals_c(s, out);
	if (pt->pmembers.len)
		sb_printf(out, "\tunion {\n%s\t} p;\n", pt->pmembers.s);
	if (pt->nfn)
		sb_puts(out, "\tunion stap_frame f[MAXNESTING];\n");
	sb_puts(out, "};\n\n");
	if (pt->protos.len)
		sb_printf(out, "%s\n", pt->protos.s);
}

/* Fields of struct stap_module only some scripts need. */
static void module_extra_c(struct session *s, int nmaps, bool cond,
			   struct sbuf *fields)
{
	if (cond)
		sb_puts(fields, "\t.cond_eval = cond_eval,\n");
	if (s->suppress_handler_errors)
		sb_puts(fields, "\t.flags = STAP_MF_SUPPRESS_ERRORS,\n");
	if (nmaps)
		sb_puts(fields, "\t.maps = maps,\n\t.nmaps = ARRAY_SIZE(maps),\n");
}

/*
 * The provider functions the families used look up at load (a described
 * family's accessors): stap_types_setup() gets them all, pinning their
 * modules, or refuses the load naming the type; stap_types_teardown()
 * puts them.  Emitted only when there are any; returns whether.
 */
static bool types_setup_c(struct session *s, struct sbuf *out)
{
	struct sbuf rows = { 0 };
	struct vec seen = { 0 };
	int i, j;

	for (i = 0; i < s->dprobes.n; i++) {
		const struct dprobe *d = s->dprobes.v[i];

		for (j = 0; j < seen.n && seen.v[j] != d->family; j++)
			;
		if (j < seen.n || !d->family->symbols_c || !d->rtype)
			continue;
		vec_push(&seen, (void *)d->family);
		d->family->symbols_c(d->family, &rows);
	}
	free(seen.v);
	if (!rows.len)
		return false;
	sb_printf(out,
		  "static const struct {\n\tconst char *type, *name;\n"
		  "\tvoid **p;\n} stap_syms[] = {\n%s};\n\n"
		  "static void stap_types_teardown(void)\n{\n\tsize_t i;\n\n"
		  "\tfor (i = 0; i < ARRAY_SIZE(stap_syms); i++) {\n"
		  "\t\tif (*stap_syms[i].p)\n"
		  "\t\t\t__symbol_put(stap_syms[i].name);\n"
		  "\t\t*stap_syms[i].p = NULL;\n\t}\n}\n\n"
		  "static int __init stap_types_setup(void)\n{\n\tsize_t i;\n\n"
		  "\tfor (i = 0; i < ARRAY_SIZE(stap_syms); i++) {\n"
		  "\t\t*stap_syms[i].p = __symbol_get(stap_syms[i].name);\n"
		  "\t\tif (*stap_syms[i].p)\n\t\t\tcontinue;\n"
		  "\t\tpr_err(\"%%s: probe type '%%s' is not registered "
		  "(no module provides stap-probe-%%s)\\n\",\n"
		  "\t\t       THIS_MODULE->name, stap_syms[i].type, "
		  "stap_syms[i].type);\n"
		  "\t\tstap_types_teardown();\n\t\treturn -ENOENT;\n\t}\n"
		  "\treturn 0;\n}\n\n", rows.s);
	sb_free(&rows);
	return true;
}

static void module_c(struct session *s, bool any, int nmaps, bool cond,
		     const char *pinit, struct sbuf *out)
{
	struct sbuf script = { 0 }, fields = { 0 };
	const char *init = "", *reg = "\treturn stap_session_register(&mod, &sess);\n",
		   *unreg = "";
	struct sbuf pre = { 0 };

	c_string(&script, s->script_file ? s->script_file : "<input>");
	module_extra_c(s, nmaps, cond, &fields);
	/* staprun -b N / stap -s N: relay MB per CPU, as SystemTap names it */
	sb_puts(out, "static unsigned int _stp_bufsize;\n"
		"module_param(_stp_bufsize, uint, 0);\n\n");
	if (args_init_c(s, pinit, out))
		init = "\tint rc = stap_args_init();\n\n"
		       "\tif (rc)\n\t\treturn rc;\n";
	if (types_setup_c(s, out)) {
		sb_printf(&pre, "%s\trc = stap_types_setup();\n"
			  "\tif (rc)\n\t\treturn rc;\n",
			  *init ? init : "\tint rc;\n\n");
		init = pre.s;
		reg = "\trc = stap_session_register(&mod, &sess);\n"
		      "\tif (rc)\n\t\tstap_types_teardown();\n"
		      "\treturn rc;\n";
		unreg = "\tstap_types_teardown();\n";
	}
	sb_printf(out,
		  "static const struct stap_module mod = {\n"
		  "\t.abi_version = STAP_ABI_VERSION,\n"
		  "\t.nprobes = ARRAY_SIZE(probes),\n"
		  "\t.owner = THIS_MODULE,\n"
		  "\t.probes = probes,\n"
		  "\t.locals_size = %s,\n"
		  "\t.maxaction = MAXACTION_INTERRUPTIBLE,\n"
		  "\t.maxerrors = MAXERRORS,\n"
		  "\t.maxskipped = MAXSKIPPED,\n"
		  "\t.script = %s,\n"
		  "\t.maxstringlen = MAXSTRINGLEN,\n"
		  "\t.maxtrylock = MAXTRYLOCK,\n"
		  "\t.trylockdelay = TRYLOCKDELAY,\n"
		  "\t.bufsize_mb = &_stp_bufsize,\n%s"
		  "};\n\n"
		  "static struct stap_session *sess;\n\n"
		  "static int __init stap_mod_init(void)\n{\n%s%s}\n\n"
		  "static void __exit stap_mod_exit(void)\n{\n"
		  "\tstap_session_unregister(sess);\n%s}\n\n"
		  "module_init(stap_mod_init);\n"
		  "module_exit(stap_mod_exit);\n"
		  "MODULE_LICENSE(\"GPL\");\n",
		  any ? "sizeof(struct stap_locals)" : "0", script.s,
		  sb_str(&fields), init, reg, unreg);
	sb_free(&pre);
	sb_free(&script);
	sb_free(&fields);
}

static void parts_free(struct parts *pt)
{
	sb_free(&pt->decls);
	sb_free(&pt->protos);
	sb_free(&pt->code);
	sb_free(&pt->pmembers);
	sb_free(&pt->fmembers);
}

int emit(struct session *s)
{
	struct sbuf *out = &s->c_text;
	unsigned *flags = xcalloc(s->nhandlers, sizeof(*flags));
	unsigned *fflags = xcalloc(s->prog.functions.n + 1, sizeof(*fflags));
	struct parts pt = { 0 };
	struct sbuf table = { 0 }, pinit = { 0 };
	int i, nmaps;
	bool cond;

	sb_printf(out, "/* Generated by stap %s from %s. */\n"
		  "#include <stap/stap.h>\n", STAP_VERSION,
		  s->script_file ? s->script_file : "<input>");
	probe_headers_c(s, out);
	embedded_top_c(s, out);
	sb_putc(out, '\n');
	globals_c(s, out);
	maps_c(s, out, &nmaps);
	regex_decls_c(s, out);
	for (i = 0; i < s->prog.functions.n; i++) {
		struct function *f = s->prog.functions.v[i];

		if (f->used) {
			fflags[i] = function_c(s, f, &pt);
			pt.nfn = true;
		}
	}
	close_flags(s, fflags);
	for (i = 0; i < s->nhandlers; i++) {
		struct probe *p = s->prog.probes.v[i];

		if (!handler_used(s, i))
			continue;
		flags[i] = handler_c(s, p, i, &pt) |
			   callee_flags(&p->callees, fflags);
	}
	cond = cond_eval_c(s, &pt.decls, &pt.pmembers, &pt.code);
	/* first: the probe types mark the arguments they read */
	probes_c(s, flags, &table, &pinit);
	args_decls_c(s, out);
	locals_c(s, &pt, out);
	if (s->uses_pn)
		pn_table_c(s, out);
	sb_puts(out, sb_str(&pt.code));
	sb_puts(out, sb_str(&table));
	module_c(s, pt.nfn || pt.pmembers.len || regex_used(s), nmaps, cond,
		 sb_str(&pinit), out);
	sb_free(&table);
	sb_free(&pinit);
	parts_free(&pt);
	free(flags);
	free(fflags);
	return s->errors ? -1 : 0;
}
