// SPDX-License-Identifier: GPL-2.0
/*
 * translator/symbols.c - does the target kernel have a function of this
 * name?  The running kernel answers from /proc/kallsyms (names are there
 * even when addresses read as zero); another kernel from its BTF (btf.c),
 * then from /boot/System.map-KVER for symbols BTF does not describe.
 */
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "session.h"

struct symtab {
	char **names;
	size_t n, cap;
	bool loaded;
};

static struct symtab kallsyms, sysmap;

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Text symbols of an nm-style file: "addr type name [module]". */
static int symtab_load(struct symtab *st, const char *path)
{
	char line[512], type, name[256];
	FILE *f;

	st->loaded = true;
	f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%*s %c %255s", &type, name) != 2)
			continue;
		if (type != 't' && type != 'T' && type != 'w' && type != 'W')
			continue;
		if (st->n == st->cap) {
			st->cap = st->cap ? st->cap * 2 : 65536;
			st->names = xrealloc(st->names,
					     st->cap * sizeof(*st->names));
		}
		st->names[st->n++] = xstrdup(name);
	}
	fclose(f);
	qsort(st->names, st->n, sizeof(*st->names), cmp_str);
	return 0;
}

static bool symtab_has(const struct symtab *st, const char *name)
{
	return st->n && bsearch(&name, st->names, st->n, sizeof(*st->names),
				cmp_str);
}

static int sysmap_has(struct session *s, const char *name)
{
	char *path;

	if (!sysmap.loaded) {
		path = xasprintf("/boot/System.map-%s", s->kver);
		symtab_load(&sysmap, path);
		free(path);
	}
	return symtab_has(&sysmap, name);
}

/* 1 found, 0 not found, -1 no way to tell (error printed) */
int kernel_has_function(struct session *s, const char *name)
{
	int rc;

	if (s->kver_running) {
		if (!kallsyms.loaded &&
		    symtab_load(&kallsyms, "/proc/kallsyms") < 0) {
			fprintf(stderr, "ERROR: cannot read /proc/kallsyms\n");
			return -1;
		}
		return symtab_has(&kallsyms, name);
	}
	rc = btf_has_function(s, name);
	if (rc == 1)
		return 1;
	if (sysmap_has(s, name))
		return 1;
	if (rc < 0 && !sysmap.n) {
		static bool said;

		if (!said)
			fprintf(stderr, "ERROR: no BTF or System.map for kernel %s: "
				"cannot check kprobe symbols\n", s->kver);
		said = true;
		return -1;
	}
	return 0;
}

static void symtab_match(const struct symtab *st, const char *glob,
			 struct vec *out)
{
	size_t i;

	for (i = 0; i < st->n; i++)
		if (!strchr(st->names[i], '.') &&
		    !fnmatch(glob, st->names[i], 0))
			vec_push(out, xstrdup(st->names[i]));
}

/* For a wildcard: kallsyms, or BTF and System.map of another kernel. */
void kernel_functions(struct session *s, const char *glob, struct vec *out)
{
	struct vec all = { 0 };
	int i;

	if (s->kver_running) {
		if (!kallsyms.loaded)
			symtab_load(&kallsyms, "/proc/kallsyms");
		symtab_match(&kallsyms, glob, &all);
	} else {
		btf_functions(s, glob, &all);
		if (!sysmap.loaded)
			sysmap_has(s, "");
		symtab_match(&sysmap, glob, &all);
	}
	qsort(all.v, all.n, sizeof(*all.v), cmp_str);
	for (i = 0; i < all.n; i++)
		if (!out->n || strcmp(out->v[out->n - 1], all.v[i]))
			vec_push(out, all.v[i]);
		else
			free(all.v[i]);
	free(all.v);
}
