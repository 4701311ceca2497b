// SPDX-License-Identifier: GPL-2.0
/*
 * translator/probe_tracepoint.c - kernel.trace("SYSTEM:EVENT"), probed by
 * the runtime's "tracepoint" type (<stap/probes/tracepoint.h>).
 *
 * Which events a system has comes from the kernel's own headers
 * (include/trace/events/SYSTEM.h: TRACE_SYSTEM, then TRACE_EVENT,
 * DEFINE_EVENT and DECLARE_TRACE), which the build needs anyway; an event
 * is kept when the kernel image has it (BTF has btf_trace_EVENT).  The
 * arguments, names and types, are those of its BPF glue function in BTF,
 * __bpf_trace_EVENT (or of its event class), so nothing is compiled per
 * tracepoint: $prev->comm is read as any BTF-typed $name.
 */
#include <ctype.h>
#include <dirent.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/btf.h>
#include <stap/probes/tracepoint.h>

#include "btf_target.h"
#include "emit.h"

static const char *const trace_points[] = {
	"kernel.trace(string)",
	NULL,
};

struct tevent {
	char *sys, *name, *class;
};

struct tpoint {
	const struct tevent *ev;
	const struct btf *btf;
	__u32 proto;		/* __bpf_trace_*: (void *__data, args...) */
};

static struct vec events;	/* struct tevent *, of every header */
static bool events_read;

/* "DEFINE_EVENT(class, name," -> its words, up to n of them */
static int macro_args(const char *p, char **w, int n)
{
	int k = 0;

	p = strchr(p, '(');
	while (p && k < n) {
		const char *b;

		p++;
		while (isspace((unsigned char)*p))
			p++;
		b = p;
		while (isalnum((unsigned char)*p) || *p == '_')
			p++;
		if (p == b)
			break;
		w[k++] = xstrndup(b, p - b);
		while (isspace((unsigned char)*p))
			p++;
		if (*p != ',')
			break;
	}
	return k;
}

static void scan_header(const char *path)
{
	static const char *const one[] = {
		"TRACE_EVENT(", "TRACE_EVENT_FN(", "TRACE_EVENT_CONDITION(",
		"TRACE_EVENT_FN_COND(", "DECLARE_TRACE(",
	};
	static const char *const two[] = {
		"DEFINE_EVENT(", "DEFINE_EVENT_FN(", "DEFINE_EVENT_PRINT(",
		"DEFINE_EVENT_CONDITION(",
	};
	FILE *f = fopen(path, "r");
	char line[512], *sys = NULL, *w[2];
	size_t i;

	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		struct tevent *e = NULL;
		char *l = line;

		while (isspace((unsigned char)*l))
			l++;
		if (!sys && sscanf(l, "#define TRACE_SYSTEM %511s", line) == 1) {
			sys = xstrdup(line);
			continue;
		}
		for (i = 0; sys && !e && i < ARRAY_LEN(one); i++)
			if (!strncmp(l, one[i], strlen(one[i])) &&
			    macro_args(l, w, 1) == 1) {
				e = xcalloc(1, sizeof(*e));
				e->name = w[0];
			}
		for (i = 0; sys && !e && i < ARRAY_LEN(two); i++)
			if (!strncmp(l, two[i], strlen(two[i])) &&
			    macro_args(l, w, 2) == 2) {
				e = xcalloc(1, sizeof(*e));
				e->class = w[0];
				e->name = w[1];
			}
		if (e) {
			e->sys = sys;
			vec_push(&events, e);
		}
	}
	fclose(f);
}

static void read_events(struct session *s)
{
	char *dir = xasprintf("/lib/modules/%s/source/include/trace/events",
			      s->kver);
	DIR *d;
	struct dirent *de;

	events_read = true;
	d = opendir(dir);
	if (!d) {
		free(dir);
		dir = xasprintf("/lib/modules/%s/build/include/trace/events",
				s->kver);
		d = opendir(dir);
	}
	while (d && (de = readdir(d))) {
		size_t n = strlen(de->d_name);
		char *path;

		if (n < 3 || strcmp(de->d_name + n - 2, ".h"))
			continue;
		path = xasprintf("%s/%s", dir, de->d_name);
		scan_header(path);
		free(path);
	}
	if (d)
		closedir(d);
	free(dir);
}

/* Its argument prototype, or 0 when the kernel image has no such event. */
static __u32 event_proto(const struct btf *b, const struct tevent *e)
{
	char *n = xasprintf("btf_trace_%s", e->name);
	int id = b ? btf__find_by_name_kind(b, n, BTF_KIND_TYPEDEF) : -1;

	free(n);
	if (id <= 0)
		return 0;
	n = xasprintf("__bpf_trace_%s", e->class ? e->class : e->name);
	id = btf_func_proto(b, n);
	free(n);
	return id > 0 ? id : 0;
}

/* "sched:sched_switch", "sched:*", "sched_switch", "*": matching events */
static void match_events(struct session *s, const char *pat, struct vec *out)
{
	const struct btf *b = kernel_btf(s);
	const char *colon = strchr(pat, ':');
	char *sys = colon ? xstrndup(pat, colon - pat) : NULL;
	const char *ev = colon ? colon + 1 : pat;
	int i, j;

	if (!events_read)
		read_events(s);
	for (i = 0; i < events.n; i++) {
		const struct tevent *e = events.v[i];
		bool dup = false;

		if ((sys && fnmatch(sys, e->sys, 0)) || fnmatch(ev, e->name, 0) ||
		    !event_proto(b, e))
			continue;
		for (j = 0; j < out->n && !dup; j++)
			dup = !strcmp(((const struct tevent *)out->v[j])->name,
				      e->name);
		if (!dup)
			vec_push(out, (void *)e);
	}
	free(sys);
}

static int cmp_event(const void *a, const void *b)
{
	const struct tevent *x = *(const struct tevent *const *)a;
	const struct tevent *y = *(const struct tevent *const *)b;
	int c = strcmp(x->sys, y->sys);

	return c ? c : strcmp(x->name, y->name);
}

static int trace_expand(struct session *s, struct probe_point *pp,
			struct vec *out, struct perr *err)
{
	const char *pat = ((struct component *)pp->comps.v[1])->arg->str;
	struct vec m = { 0 };
	int i;

	(void)err;
	match_events(s, pat, &m);
	qsort(m.v, m.n, sizeof(*m.v), cmp_event);
	for (i = 0; i < m.n; i++) {
		const struct tevent *e = m.v[i];
		char *name = xasprintf("%s:%s", e->sys, e->name);

		vec_push(out, pp_with_arg(pp, 1, name));
		free(name);
	}
	free(m.v);
	return 1;
}

static int build_trace(struct session *s, struct probe_point *pp,
		       struct dprobe *d, struct perr *err)
{
	const char *name = ((struct component *)pp->comps.v[1])->arg->str;
	struct vec m = { 0 };
	struct tpoint *t;

	match_events(s, name, &m);
	if (!m.n)
		return 0;
	t = xcalloc(1, sizeof(*t));
	t->ev = m.v[0];
	t->btf = kernel_btf(s);
	t->proto = event_proto(t->btf, t->ev);
	free(m.v);
	(void)err;
	d->rtype = "tracepoint";
	d->data = t;
	return 1;
}

static const char *trace_target(const struct dprobe *d, const struct expr *e,
				const char *op, struct target_var *tv)
{
	const struct tpoint *t = d->data;
	const struct btf_type *p = btf__type_by_id(t->btf, t->proto);
	const struct btf_param *a = btf_params(p);
	const char *name = e->tok->text + 1;
	struct sbuf alt = { 0 };
	char *c;
	int i;

	if (op)
		return "write to target variable not permitted";
	for (i = 1; i < btf_vlen(p); i++) {
		const char *an = btf__name_by_offset(t->btf, a[i].name_off);

		if (!strcmp(an, name))
			break;
		sb_printf(&alt, "%s$%s", alt.len ? " " : "", an);
	}
	if (i == btf_vlen(p)) {
		for (i++; i < btf_vlen(p); i++)
			sb_printf(&alt, " $%s",
				  btf__name_by_offset(t->btf, a[i].name_off));
		return xasprintf("unable to find tracepoint variable '$%s' (alternatives: %s)",
				 name, sb_str(&alt));
	}
	sb_free(&alt);
	/* the runtime's probe function takes that many words; more are passed, unread */
	if (i > STAP_TRACEPOINT_MAXARGS)
		return xasprintf("tracepoint variable '$%s' is argument %d of %s: at most %d can be read",
				 name, i, t->ev->name, STAP_TRACEPOINT_MAXARGS);
	c = xasprintf("((const u64 *)c->tdata)[%d]", i - 1);
	return btf_value_target(t->btf, a[i].type, c, e, tv);
}

static void trace_list_vars(const struct dprobe *d, struct sbuf *out)
{
	const struct tpoint *t = d->data;
	const struct btf_type *p = btf__type_by_id(t->btf, t->proto);
	const struct btf_param *a = btf_params(p);
	int i;

	for (i = 1; i < btf_vlen(p); i++) {
		sb_printf(out, " $%s:", btf__name_by_offset(t->btf,
							    a[i].name_off));
		btf_type_name(t->btf, a[i].type, out);
	}
}

static const char *trace_args_type(const struct dprobe *d)
{
	(void)d;
	return "struct stap_tracepoint_args";
}

static void trace_args_c(struct session *s, const struct dprobe *d,
			 struct sbuf *out)
{
	const struct tpoint *t = d->data;
	struct sbuf q = { 0 };

	(void)s;
	c_string(&q, t->ev->name);
	sb_printf(out, ".name = %s", q.s);
	sb_free(&q);
}

PROBE_FAMILY(trace_family) = {
	.name = "tracepoint",
	.points = trace_points,
	.build = build_trace,
	.expand = trace_expand,
	.target = trace_target,
	.header = "stap/probes/tracepoint.h",
	.args_type = trace_args_type,
	.args_c = trace_args_c,
	.list_vars = trace_list_vars,
	.members = true,
};
