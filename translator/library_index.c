// SPDX-License-Identifier: GPL-2.0
/*
 * translator/library_index.c - the index of the tapset library: for every
 * .stp file of the search path, the functions, globals and probe aliases
 * it defines, so that pass 1 parses only the files a script needs.
 *
 * The index is cached in $SYSTEMTAP_DIR/cache/tapset-<hash>.idx, the hash
 * being that of the directory list.  A file's entry is reused while its
 * mtime and size are unchanged; any other file is scanned again and the
 * cache rewritten.  The text format, one record a line:
 *
 *   stap-tapset-index 1
 *   dir DIR                       the search path, in order
 *   file D MTIME_NS SIZE NAME     NAME in the D-th dir (from 0)
 *   f NAME | g NAME | a FIRST FULL  what the file above defines
 *
 * A scan reads the file's tokens, not its parse: definitions are found at
 * brace depth 0 on either side of every %( %? %: %), so the index may name
 * a file that a conditional then empties (it is parsed for nothing), never
 * the other way round.
 */
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "library.h"

#define INDEX_MAGIC	"stap-tapset-index 2"

static struct lib_name *name_new(char kind, const char *name, const char *full)
{
	struct lib_name *n = xcalloc(1, sizeof(*n));

	n->kind = kind;
	n->name = xstrdup(name);
	n->full = full ? xstrdup(full) : NULL;
	return n;
}

static bool tok_is(const struct token *t, const char *text)
{
	return (t->type == TOK_OP || t->type == TOK_KEYWORD ||
		t->type == TOK_IDENT) && !strcmp(t->text, text);
}

/*
 * A.b, C(x).d ... up to '=', '+=' or '{': the first component and the
 * whole name of each point, into found.  Returns the terminator's index.
 */
static int scan_heads(struct token **t, int i, struct vec *found)
{
	struct sbuf full = { 0 };
	const char *first = NULL;
	int paren = 0;

	for (; t[i]->type != TOK_EOF; i++) {
		if (paren) {
			paren += tok_is(t[i], "(") - tok_is(t[i], ")");
			continue;
		}
		if (tok_is(t[i], "(")) {
			paren = 1;
		} else if (tok_is(t[i], ",") || tok_is(t[i], "=") ||
			   tok_is(t[i], "+=") || tok_is(t[i], "{")) {
			if (first)
				vec_push(found, name_new('a', first, full.s));
			first = NULL;
			sb_free(&full);
			if (!tok_is(t[i], ","))
				break;
		} else if (t[i]->type != TOK_STRING &&
			   t[i]->type != TOK_NUMBER) {
			if (!first)
				first = t[i]->text;
			sb_puts(&full, t[i]->text);
		}
	}
	sb_free(&full);
	return i;
}

/* probe A.b, C = ...: the alias names, or none for a plain probe. */
static int scan_probe(struct token **t, int i, struct vec *names)
{
	struct vec found = { 0 };
	int j;

	i = scan_heads(t, i, &found);
	if (tok_is(t[i], "=") || tok_is(t[i], "+="))
		for (j = 0; j < found.n; j++)
			vec_push(names, found.v[j]);
	free(found.v);
	return i;
}

/*
 * probe_type "TYPE" A.b(string:x), A.b(string:x).c(number:y) { ... }: a
 * described probe family (probe_described.c); its points are found like
 * an alias's.
 */
static int scan_ptype(struct token **t, int i, struct vec *names)
{
	if (t[i]->type == TOK_STRING)
		i++;
	return scan_heads(t, i, names);
}

/* global a, b[10], c% = 1: the names. */
static int scan_global(struct token **t, int i, struct vec *names)
{
	while (t[i]->type == TOK_IDENT) {
		vec_push(names, name_new('g', t[i]->text, NULL));
		i++;
		while (t[i]->type == TOK_NUMBER || t[i]->type == TOK_STRING ||
		       tok_is(t[i], "%") || tok_is(t[i], "[") ||
		       tok_is(t[i], "]") || tok_is(t[i], "=") ||
		       tok_is(t[i], "-"))
			i++;
		if (!tok_is(t[i], ","))
			break;
		i++;
	}
	return i;
}

/* The declarations at brace depth 0 of one file's tokens. */
static void scan_tokens(struct token **t, struct vec *names)
{
	int depth = 0, i = 0;

	while (t[i]->type != TOK_EOF) {
		if (tok_is(t[i], "{")) {
			depth++;
		} else if (tok_is(t[i], "}")) {
			depth -= depth > 0;
		} else if (depth) {
			;
		} else if (tok_is(t[i], "function") &&
			   t[i + 1]->type == TOK_IDENT) {
			vec_push(names, name_new('f', t[i + 1]->text, NULL));
		} else if (tok_is(t[i], "global") ||
			   (tok_is(t[i], "private") &&
			    t[i + 1]->type == TOK_IDENT)) {
			i = scan_global(t, i + 1, names);
			continue;
		} else if (tok_is(t[i], "probe")) {
			i = scan_probe(t, i + 1, names);
			continue;
		} else if (tok_is(t[i], "probe_type")) {
			i = scan_ptype(t, i + 1, names);
			continue;
		}
		i++;
	}
}

/*
 * Lexing pastes $1/@1 from the script's arguments and marks them used;
 * a scan must not count as a use, so it lexes with a scratch copy.
 */
static void scan_file(struct session *s, struct lib_file *f)
{
	struct session tmp = *s;
	struct source src = { .name = f->path };
	struct token **toks;
	int n;

	src.text = read_file(f->path, NULL);
	if (!src.text)
		return;		/* vanished: defines nothing */
	tmp.used_args = xcalloc(s->args.n + 1, sizeof(bool));
	toks = lex(&tmp, &src, &n);
	scan_tokens(toks, &f->names);
	free(tmp.used_args);
	free((char *)src.text);
}

/* The .stp files of the search path, in order, with their stat. */
static void list_files(struct lib_index *ix)
{
	int d;
	size_t k;

	for (d = 0; d < ix->dirs.n; d++) {
		char *pat = xasprintf("%s/*.stp", (char *)ix->dirs.v[d]);
		glob_t g;

		if (glob(pat, 0, NULL, &g) == 0) {
			for (k = 0; k < g.gl_pathc; k++) {
				struct lib_file *f = xcalloc(1, sizeof(*f));
				struct stat st;

				if (stat(g.gl_pathv[k], &st) || !S_ISREG(st.st_mode)) {
					free(f);
					continue;
				}
				f->dir = d;
				f->path = xstrdup(g.gl_pathv[k]);
				f->base = xstrdup(strrchr(f->path, '/') + 1);
				f->mtime_ns = st.st_mtim.tv_sec * 1000000000LL +
					      st.st_mtim.tv_nsec;
				f->size = st.st_size;
				vec_push(&ix->files, f);
			}
			globfree(&g);
		}
		free(pat);
	}
}

/* The cached entry of f, when the file is unchanged since. */
static struct lib_file *cached_entry(struct vec *cached,
				     const struct lib_file *f)
{
	int i;

	for (i = 0; i < cached->n; i++) {
		struct lib_file *c = cached->v[i];

		if (c->dir == f->dir && !strcmp(c->base, f->base) &&
		    c->mtime_ns == f->mtime_ns && c->size == f->size)
			return c;
	}
	return NULL;
}

/* One line of the cache file into *cached; false: not our format. */
static bool read_record(char *line, struct vec *cached, int ndirs)
{
	struct lib_file *f = cached->n ? cached->v[cached->n - 1] : NULL;
	char name[4096], full[4096];
	int dir, off = 0;
	long long mt, sz;

	if (sscanf(line, "file %d %lld %lld %n", &dir, &mt, &sz, &off) == 3 &&
	    off && dir >= 0 && dir < ndirs) {
		f = xcalloc(1, sizeof(*f));
		f->dir = dir;
		f->base = xstrdup(line + off);
		f->mtime_ns = mt;
		f->size = sz;
		vec_push(cached, f);
	} else if (f && sscanf(line, "a %4095s %4095s", name, full) == 2) {
		vec_push(&f->names, name_new('a', name, full));
	} else if (f && (line[0] == 'f' || line[0] == 'g') &&
		   sscanf(line + 1, " %4095s", name) == 1) {
		vec_push(&f->names, name_new(line[0], name, NULL));
	} else {
		return false;
	}
	return true;
}

/* The cached entries, if the cache is of this very directory list. */
static void read_cache(const char *path, const struct vec *dirs,
		       struct vec *cached)
{
	char *text = read_file(path, NULL), *line, *save = NULL;
	int ndir = 0;

	if (!text)
		return;
	line = strtok_r(text, "\n", &save);
	if (!line || strcmp(line, INDEX_MAGIC))
		goto out;
	while ((line = strtok_r(NULL, "\n", &save))) {
		if (!strncmp(line, "dir ", 4)) {
			if (ndir >= dirs->n || strcmp(line + 4, dirs->v[ndir]))
				goto stale;
			ndir++;
		} else if (ndir != dirs->n || !read_record(line, cached, ndir)) {
			goto stale;
		}
	}
	goto out;
stale:
	cached->n = 0;	/* another list, or damaged: scan everything */
out:
	free(text);
}

static void write_cache(const char *path, const struct lib_index *ix)
{
	struct sbuf sb = { 0 };
	char *tmp = xasprintf("%s.%d", path, (int)getpid());
	int i, j;

	sb_printf(&sb, "%s\n", INDEX_MAGIC);
	for (i = 0; i < ix->abs_dirs.n; i++)
		sb_printf(&sb, "dir %s\n", (char *)ix->abs_dirs.v[i]);
	for (i = 0; i < ix->files.n; i++) {
		const struct lib_file *f = ix->files.v[i];

		sb_printf(&sb, "file %d %lld %lld %s\n", f->dir, f->mtime_ns,
			  f->size, f->base);
		for (j = 0; j < f->names.n; j++) {
			const struct lib_name *n = f->names.v[j];

			if (n->full)
				sb_printf(&sb, "a %s %s\n", n->name, n->full);
			else
				sb_printf(&sb, "%c %s\n", n->kind, n->name);
		}
	}
	/* written aside and renamed: a concurrent stap reads old or new */
	if (write_file(tmp, sb_str(&sb), sb.len) || rename(tmp, path))
		unlink(tmp);
	free(tmp);
	sb_free(&sb);
}

/* $SYSTEMTAP_DIR/cache/tapset-<hash of the directory list>.idx; dirs
 * are absolute, so that -I lib from two places are two lists. */
char *lib_index_path(struct session *s, const struct vec *dirs)
{
	struct sbuf key = { 0 };
	char hex[33];
	int i;

	for (i = 0; i < dirs->n; i++)
		sb_printf(&key, "%s\n", (char *)dirs->v[i]);
	hash128_hex(key.s, key.len, hex);
	sb_free(&key);
	return xasprintf("%s/cache/tapset-%s.idx", s->stap_dir, hex);
}

static char *absolute(const char *dir)
{
	char *r = realpath(dir, NULL);

	return r ? r : xstrdup(dir);
}

/* The search path as SystemTap has it: the installed tapsets, then -I;
 * as given (messages name files so) and absolute (the cache's key). */
static void search_path(struct session *s, struct lib_index *ix)
{
	char *installed = xasprintf("%s/tapset", s->data_dir);
	int i;

	/* without the "bin/.." of data_dir, for the messages */
	vec_push(&ix->dirs, absolute(installed));
	free(installed);
	for (i = 0; i < s->include_dirs.n; i++)
		vec_push(&ix->dirs, xstrdup(s->include_dirs.v[i]));
	for (i = 0; i < ix->dirs.n; i++)
		vec_push(&ix->abs_dirs, absolute(ix->dirs.v[i]));
}

struct lib_index *lib_index_get(struct session *s)
{
	struct lib_index *ix = xcalloc(1, sizeof(*ix));
	struct vec cached = { 0 };
	char *path, *dir;
	int i;

	search_path(s, ix);
	path = lib_index_path(s, &ix->abs_dirs);
	if (s->use_cache)
		read_cache(path, &ix->abs_dirs, &cached);
	list_files(ix);
	ix->rebuilt = cached.n != ix->files.n;	/* a file came or went */
	for (i = 0; i < ix->files.n; i++) {
		struct lib_file *f = ix->files.v[i];
		struct lib_file *c = cached_entry(&cached, f);

		if (c) {
			f->names = c->names;
		} else {
			scan_file(s, f);
			ix->rebuilt = true;
		}
	}
	dir = xasprintf("%s/cache", s->stap_dir);
	if (ix->rebuilt && s->use_cache && !mkdir_p(dir))
		write_cache(path, ix);
	free(dir);
	free(path);
	return ix;
}
