// SPDX-License-Identifier: GPL-2.0
/*
 * translator/probe_list.c - stap -l / -L PATTERN: resolve "probe PATTERN
 * {}" as SystemTap does, quietly, and print the points it matched, sorted,
 * once each.  -L adds each point's context variables, as its probe family
 * lists them ("$length:long"); the built-in families list none, as in
 * SystemTap 4.8 (procfs's $value included).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "probe.h"

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* 0 when something matched, 1 otherwise (as SystemTap). */
int list_probes(struct session *s)
{
	char **names;
	int i, n = 0;

	resolve_probes(s);
	names = xcalloc(s->dprobes.n + 1, sizeof(*names));
	for (i = 0; i < s->dprobes.n; i++) {
		const struct dprobe *d = s->dprobes.v[i];
		struct sbuf sb = { 0 };

		sb_puts(&sb, d->list_text);
		if (s->list_vars && d->family->list_vars)
			d->family->list_vars(d, &sb);
		names[n++] = sb.s;
	}
	qsort(names, n, sizeof(*names), cmp_str);
	for (i = 0; i < n; i++)
		if (!i || strcmp(names[i], names[i - 1]))
			puts(names[i]);
	free(names);
	return n ? 0 : 1;
}
