// SPDX-License-Identifier: GPL-2.0
/*
 * translator/probe_tree.c - the tree of probe point names, as SystemTap's
 * match_node tree: one node per component, keyed by name and argument
 * type, with what each node builds.  Script aliases are bound into it too,
 * so error suggestions ("similar: ...") and wildcards see them as
 * SystemTap does.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "probe.h"

/* SystemTap has these; stap does not yet: a clear error at any suffix. */
static const char *const unsupported_points[] = {
	"timer.profile.freq",
	"kprobe.module(string)", "kprobe.statement(number)",
	"kernel.statement(string)", "kernel.statement(number)",
	"kernel.function(number)",
	"kernel.data(string)", "kernel.data(number)", "kernel.mark(string)",
	"module(string)", "process", "process(number)",
	"process(string)", "perf", "netfilter", NULL,
};

static int build_unsupported(struct session *s, struct probe_point *pp,
			     struct dprobe *d, struct perr *err)
{
	(void)s;
	(void)pp;
	(void)d;
	return pfail(err, xstrdup("probe point not supported by stap yet"),
		     NULL);
}

PROBE_FAMILY(unsupported_family) = {
	.name = "unsupported",
	.points = unsupported_points,
	.build = build_unsupported,
	.prefix = true,
};

/*
 * First components of the probe aliases in SystemTap 4.8's tapset library
 * (the .stp files of /usr/share/systemtap/tapset, its linux/ and x86_64/
 * directories: every "probe NAME... =" and "+="), which stap does not
 * provide.  init and oneshot are defined in probes.c.  Only names, for
 * the suggestions.
 */
static const char *const tapset_roots[] = {
	"__dw_syscall", "__nd1_syscall", "__nd2_syscall", "__nd_syscall",
	"__nfs", "__nfsd", "__scheduler", "__signal", "__syscall",
	"__tcpmib", "__tp_syscall", "__vfs", "__vm", "_linuxmib", "_nfs",
	"_signal", "_sunrpc", "_vfs", "dw_kprocess", "dw_syscall", "generic",
	"input", "ioblock", "ioblock_trace", "ioscheduler",
	"ioscheduler_trace", "ipmib", "irq_handler", "json_data", "kprocess",
	"linuxmib", "nd1_syscall", "nd2_syscall", "nd_syscall", "netdev",
	"nfs", "nfsd", "prometheus", "python", "scheduler", "scsi", "signal",
	"socket", "softirq", "stap", "stapio", "staprun", "sunrpc", "syscall",
	"syscall_any", "tcp", "tcpmib", "tp_kprocess", "tp_syscall", "tty",
	"udp", "vfs", "vm", "workqueue",
};

/* SystemTap's match_key order: name, then no argument, number, string. */
static int key_cmp(const char *name, enum parg arg, const struct pnode *n)
{
	int c = strcmp(name, n->name);

	return c ? c : (int)arg - (int)n->arg;
}

struct pnode *pnode_find(struct pnode *n, const char *name, enum parg arg)
{
	int i;

	for (i = 0; i < n->sub.n; i++) {
		struct pnode *k = n->sub.v[i];

		if (!key_cmp(name, arg, k))
			return k;
	}
	return NULL;
}

static struct pnode *pnode_bind(struct pnode *n, const char *name,
				enum parg arg)
{
	struct pnode *k = pnode_find(n, name, arg);
	int i;

	if (k)
		return k;
	k = xcalloc(1, sizeof(*k));
	k->name = name;
	k->arg = arg;
	vec_push(&n->sub, NULL);
	for (i = n->sub.n - 1; i > 0 &&
	     key_cmp(name, arg, n->sub.v[i - 1]) < 0; i--)
		n->sub.v[i] = n->sub.v[i - 1];
	n->sub.v[i] = k;
	return k;
}

/* "timer.ms(number).randomize(number)" */
static void bind_path(struct pnode *root, const char *path,
		      const struct probe_family *f, int variant)
{
	char *copy = xstrdup(path), *save = NULL, *c;
	struct pnode *n = root;

	for (c = strtok_r(copy, ".", &save); c; c = strtok_r(NULL, ".", &save)) {
		char *paren = strchr(c, '(');
		enum parg arg = PA_NONE;

		if (paren) {
			arg = paren[1] == 'n' ? PA_NUM : PA_STR;
			*paren = '\0';
		}
		n = pnode_bind(n, c, arg);
	}
	n->family = f;
	n->variant = variant;
	/* copy stays: the nodes' names point into it */
}

enum parg comp_arg(const struct component *c)
{
	if (!c->arg)
		return PA_NONE;
	return c->arg->kind == E_STRING ? PA_STR : PA_NUM;
}

static void bind_alias(struct pnode *root, struct probe *a)
{
	struct probe_point *name = a->names.v[0];
	struct pnode *n = root;
	int i;

	for (i = 0; i < name->comps.n; i++) {
		struct component *c = name->comps.v[i];

		n = pnode_bind(n, c->name, comp_arg(c));
	}
	vec_push(&n->aliases, a);
}

/* A script alias under a name stap does not provide takes it over. */
static bool unsupported_root(const struct pnode *n)
{
	return n->family == &unsupported_family;
}

static const struct component *alias_root(const struct probe *a)
{
	const struct probe_point *name = a->names.v[0];

	return name->comps.v[0];
}

struct pnode *ptree_root(struct session *s)
{
	static struct pnode *root;
	const struct probe_family *const *fp, *f;
	size_t i;
	int v;

	if (root)
		return root;
	root = xcalloc(1, sizeof(*root));
	for_each_probe_family(f, fp)
		for (v = 0; f->points[v]; v++)
			bind_path(root, f->points[v], f, v);
	for (i = 0; i < (size_t)s->prog.ptypes.n; i++) {
		f = described_family(s, s->prog.ptypes.v[i]);
		for (v = 0; f->points[v]; v++) {
			struct pnode *r = pnode_find(root, f->name, PA_NONE);

			if (r && unsupported_root(r))	/* netfilter */
				r->family = NULL;
			bind_path(root, f->points[v], f, v);
		}
	}
	for (i = 0; i < ARRAY_LEN(tapset_roots); i++)
		if (!pnode_find(root, tapset_roots[i], PA_NONE))
			pnode_bind(root, tapset_roots[i], PA_NONE)->family =
				&unsupported_family;
	for (i = 0; i < (size_t)s->prog.aliases.n; i++) {
		struct probe *a = s->prog.aliases.v[i];
		const struct component *c = alias_root(a);
		struct pnode *r = pnode_find(root, c->name, comp_arg(c));

		if (r && unsupported_root(r))
			r->family = NULL;
		bind_alias(root, a);
	}
	return root;
}

char *pnode_key(const struct pnode *n)
{
	return xasprintf("%s%s", n->name, n->arg == PA_NUM ? "(number)" :
			 n->arg == PA_STR ? "(string)" : "");
}

/*
 * SystemTap's levenshtein(): substitution costs 2 (1 between cases),
 * insertion and deletion 2, but the borders count 1 per character.
 */
static unsigned levenshtein(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j;
	unsigned *d = xcalloc((la + 1) * (lb + 1), sizeof(*d)), r;

#define D(i, j) d[(i) * (lb + 1) + (j)]
	for (i = 0; i <= la; i++)
		D(i, 0) = i;
	for (j = 0; j <= lb; j++)
		D(0, j) = j;
	for (i = 1; i <= la; i++) {
		for (j = 1; j <= lb; j++) {
			unsigned sub = 2, v;

			if (a[i - 1] == b[j - 1]) {
				D(i, j) = D(i - 1, j - 1);
				continue;
			}
			if (tolower((unsigned char)a[i - 1]) == tolower((unsigned char)b[j - 1]))
				sub = 1;
			v = D(i - 1, j - 1) + sub;
			if (D(i - 1, j) + 2 < v)
				v = D(i - 1, j) + 2;
			if (D(i, j - 1) + 2 < v)
				v = D(i, j - 1) + 2;
			D(i, j) = v;
		}
	}
	r = D(la, lb);
#undef D
	free(d);
	return r;
}

struct cand {
	const char *name;
	unsigned score;
};

static int cand_cmp(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;

	if (x->score != y->score)
		return x->score < y->score ? -1 : 1;
	return strcmp(x->name, y->name);
}

/*
 * The "similar: ..." list: the five names under n closest to name
 * (before any '*'), as SystemTap's suggest_functors().
 */
char *pnode_suggest(const struct pnode *n, const char *name)
{
	struct cand *c = xcalloc(n->sub.n + 1, sizeof(*c));
	struct sbuf sb = { 0 };
	char *target = xstrdup(name), *star = strchr(target, '*');
	int i, nc = 0;

	if (star && star != target)
		*star = '\0';
	for (i = 0; *target && i < n->sub.n; i++) {
		const struct pnode *k = n->sub.v[i];

		if (nc && !strcmp(c[nc - 1].name, k->name))
			continue;	/* same name, another argument type */
		c[nc].name = k->name;
		c[nc++].score = levenshtein(target, k->name);
	}
	qsort(c, nc, sizeof(*c), cand_cmp);
	for (i = 0; i < nc && i < 5; i++)
		sb_printf(&sb, "%s%s", i ? ", " : "", c[i].name);
	free(c);
	free(target);
	return sb.s;
}
