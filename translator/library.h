/* SPDX-License-Identifier: GPL-2.0 */
/*
 * translator/library.h - the tapset library: its .stp files, the index of
 * what each defines (library_index.c), and loading on demand (library.c).
 */
#ifndef _STAP_LIBRARY_H
#define _STAP_LIBRARY_H

#include "session.h"

/* What a library file defines: kind 'f' function, 'g' global, 'a' alias
 * (name: its first component; full: the whole name, e.g. "oneshot"). */
struct lib_name {
	char kind;
	char *name;
	char *full;	/* aliases only, else NULL */
};

struct lib_file {
	int dir;		/* index in lib_index.dirs */
	char *base;		/* file name inside the directory */
	char *path;		/* dir/base, as messages name it */
	long long mtime_ns, size;
	struct vec names;	/* struct lib_name * */
	bool loaded;		/* parsed into the program (or tried) */
};

struct lib_index {
	struct vec dirs;	/* char *: data_dir/tapset, then each -I */
	struct vec abs_dirs;	/* the same, absolute: the cache's key */
	struct vec files;	/* struct lib_file *, in search order */
	bool rebuilt;		/* some file was scanned afresh */
};

/* library_index.c: the index, from its cache when still valid. */
struct lib_index *lib_index_get(struct session *s);
char *lib_index_path(struct session *s, const struct vec *dirs);

#endif /* _STAP_LIBRARY_H */
