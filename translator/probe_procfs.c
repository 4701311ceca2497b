// SPDX-License-Identifier: GPL-2.0
/*
 * translator/probe_procfs.c - procfs("PATH").read and .write probe points:
 * their path and modifiers as SystemTap 4.8 checks them (tapset-procfs.cxx),
 * the one-read-probe-per-path rule, and $value in their bodies.
 *
 * A file's mode and buffer are the runtime's business (procfs/): the probe
 * table carries the path, the .umask(N) and .maxsize(N) literals and the
 * probe type, nothing more.
 */
#include <inttypes.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <stap/ctl.h>
#include <stap/probes/procfs.h>

#include "elab.h"
#include "emit.h"
#include "probe.h"

static const struct probe_family procfs_family;

static const char *const procfs_points[] = {
	"procfs.read", "procfs.read.maxsize(number)",
	"procfs.umask(number).read", "procfs.umask(number).read.maxsize(number)",
	"procfs.write", "procfs.umask(number).write",
	"procfs(string).read", "procfs(string).read.maxsize(number)",
	"procfs(string).umask(number).read",
	"procfs(string).umask(number).read.maxsize(number)",
	"procfs(string).write", "procfs(string).umask(number).write",
	NULL,
};

/* One procfs point. */
struct procfs {
	const char *path;	/* the file name */
	bool write;
	bool has_umask;		/* .umask(N) given */
	int64_t umask;		/* as the literal reads: 0400 octal */
	int64_t maxsize;	/* read: .maxsize(N), or 0 */
};

static int fail(struct perr *err, char *msg, const struct token *tok)
{
	return pfail(err, msg, tok);
}

static bool is_dots(const char *p, size_t len)
{
	return (len == 1 && p[0] == '.') || (len == 2 && !strncmp(p, "..", 2));
}

/*
 * SystemTap's checks first, in its order and words; then what its runtime
 * only finds out at module load on a current kernel (subdirectories), or
 * what our runtime refuses (reserved names, names over NAME_MAX).
 */
static int check_path(const char *path, const struct token *tok,
		      struct perr *err)
{
	const char *p = path, *slash;

	while ((slash = strchr(p, '/'))) {
		if (slash == path)
			return fail(err, xstrdup("procfs path cannot start with "
						 "a '/'"), tok);
		if (slash == p)
			return fail(err, xstrdup("procfs path component cannot "
						 "be empty"), tok);
		if (is_dots(p, slash - p))
			return fail(err, xstrdup("procfs path cannot be relative "
				    "(and contain '.' or '..')"), tok);
		p = slash + 1;
	}
	if (!*p)
		return fail(err, xstrdup("procfs path cannot end with a '/'"),
			    tok);
	if (is_dots(p, strlen(p)))
		return fail(err, xstrdup("procfs path cannot be relative (and "
					 "contain '.' or '..')"), tok);
	if (p != path)
		return fail(err, xasprintf("procfs path '%s' cannot have "
					   "subdirectories", path), tok);
	if (strlen(path) > 255)
		return fail(err, xstrdup("procfs path is longer than 255 "
					 "bytes"), tok);
	if (stap_procfs_reserved(path))
		return fail(err, xasprintf("procfs path '%s' is reserved", path),
			    tok);
	return 0;
}

/* procfs[("PATH")][.umask(N)].read[.maxsize(N)], procfs[...][.umask(N)].write */
static int build_procfs(struct session *s, struct probe_point *pp,
			struct dprobe *d, struct perr *err)
{
	struct component *c0 = pp->comps.v[0];
	struct procfs *f = xcalloc(1, sizeof(*f));
	bool maxsize = false;
	int i;

	(void)s;
	d->rtype = "procfs";
	d->data = f;
	for (i = 1; i < pp->comps.n; i++) {
		struct component *c = pp->comps.v[i];

		if (!strcmp(c->name, "umask")) {
			f->has_umask = true;
			f->umask = c->arg->num;
		} else if (!strcmp(c->name, "maxsize")) {
			maxsize = true;
			f->maxsize = c->arg->num;
		} else {
			f->write = strcmp(c->name, "read");
		}
	}
	if (maxsize && f->maxsize <= 0)
		return fail(err, xstrdup("maxsize must be greater than 0"), NULL);
	/* the runtime allocates it per open file: keep it within kvmalloc */
	if (f->maxsize > INT_MAX)
		return fail(err, xasprintf("maxsize must be at most %d", INT_MAX),
			    NULL);
	f->path = c0->arg ? c0->arg->str : "command";
	if (c0->arg && check_path(f->path, c0->tok, err))
		return -1;
	return 1;
}

static const struct procfs *procfs_of(const struct dprobe *d)
{
	return d->family == &procfs_family ? d->data : NULL;
}

/*
 * SystemTap allows one read probe per file: the read fills one buffer.
 * Write probes all run, in script order.
 */
static void procfs_check(struct session *s)
{
	int i, j;

	for (i = 0; i < s->dprobes.n; i++) {
		const struct procfs *f = procfs_of(s->dprobes.v[i]);

		if (!f || f->write)
			continue;
		for (j = 0; j < i; j++) {
			const struct procfs *o = procfs_of(s->dprobes.v[j]);
			char *msg;

			if (!o || o->write || strcmp(o->path, f->path))
				continue;
			if (first_at_site(s, SITE_PROCFS_READ2)) {
				msg = xasprintf("only one read procfs probe can "
						"exist for procfs path \"%s\"",
						f->path);
				semantic_error(s, msg, NULL, NULL);
				free(msg);
			} else {
				s->errors++;
			}
			break;
		}
	}
}


/* tapset-procfs.cxx's checks on $value, in its order. */
static const char *procfs_target(const struct dprobe *d,
				 const struct expr *e, const char *op,
				 struct target_var *tv)
{
	const struct procfs *f = d->data;
	const char *name = e->tok->text;

	if (strcmp(name, "$value"))
		return "invalid target symbol for procfs probe, $value expected";
	if (f->write && op)
		return "procfs $value variable is read-only in a procfs write "
		       "probe";
	if (!f->write && !op)
		return "procfs $value variable cannot be read in a procfs read "
		       "probe";
	if (op && strcmp(op, "=") && strcmp(op, ".="))
		return "Only the following assign operators are implemented on "
		       "procfs read target variables: '=', '.='";
	tv->type = T_STRING;
	if (f->write) {
		tv->get = "((char *)stap_procfs_value(c))";
		/*
		 * Beyond SystemTap: printed as it is, it goes out byte for
		 * byte, so data with NUL bytes passes through whole.
		 */
		tv->raw = "stap_print_bytes(c, stap_procfs_value(c), "
			  "stap_procfs_len(c));";
	} else {
		tv->set = "stap_procfs_set(c, %s, false);";
		tv->append = "stap_procfs_set(c, %s, true);";
	}
	return NULL;
}

static const char *procfs_args_type(const struct dprobe *d)
{
	(void)d;
	return "struct stap_procfs_args";
}

/*
 * Only a umask's permission bits count (the runtime masks 0444 and 0222
 * with it), so .umask(-1) cannot be mistaken for STAP_PROCFS_NO_UMASK.
 * Without .maxsize(N) a read fills one string's worth, as in SystemTap.
 */
static void procfs_args_c(struct session *s, const struct dprobe *d,
			  struct sbuf *out)
{
	const struct procfs *f = d->data;
	struct sbuf q = { 0 };

	(void)s;
	c_string(&q, f->path);
	sb_printf(out, ".path = %s, .write = %d, ", q.s, f->write);
	if (f->has_umask)
		sb_printf(out, ".umask = 0%" PRIo64 ", ",
			  (uint64_t)f->umask & 0777);
	else
		sb_puts(out, ".umask = STAP_PROCFS_NO_UMASK, ");
	if (f->maxsize)
		sb_printf(out, ".bufsize = %" PRId64, f->maxsize);
	else
		sb_puts(out, ".bufsize = STP_PROCFS_BUFSIZE");
	sb_free(&q);
}

PROBE_FAMILY(procfs_family) = {
	.name = "procfs",
	.points = procfs_points,
	.build = build_procfs,
	.target = procfs_target,
	.check = procfs_check,
	.rechains = true,
	.header = "stap/probes/procfs.h",
	.prelude = "#ifndef STP_PROCFS_BUFSIZE\n"
		   "#define STP_PROCFS_BUFSIZE MAXSTRINGLEN\n#endif\n",
	.args_type = procfs_args_type,
	.args_c = procfs_args_c,
};
