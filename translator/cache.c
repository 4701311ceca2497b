// SPDX-License-Identifier: GPL-2.0
/*
 * translator/cache.c - the module cache, keyed by a hash of everything
 * that changes the built module: the elaborated script (and its exact
 * source text, whose token positions end up in error messages), -D
 * options, the target kernel's build tree, the runtime ABI headers and
 * Module.symvers, and this translator.  A hit skips passes 3 and 4.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "session.h"

static void key_stat(struct sbuf *key, const char *path)
{
	struct stat st;

	if (stat(path, &st))
		sb_printf(key, "%s: missing\n", path);
	else
		sb_printf(key, "%s: %lld %lld.%09ld\n", path,
			  (long long)st.st_size, (long long)st.st_mtim.tv_sec,
			  st.st_mtim.tv_nsec);
}

static void key_file(struct sbuf *key, const char *path)
{
	size_t len;
	char *data = read_file(path, &len);
	char hex[33];

	hash128_hex(data ? data : "", data ? len : 0, hex);
	sb_printf(key, "%s: %s\n", path, data ? hex : "missing");
	free(data);
}

static void key_kernel(struct session *s, struct sbuf *key)
{
	char *p;

	sb_printf(key, "kernel: %s %s\n", s->kver, s->kbuild_dir);
	p = xasprintf("%s/.config", s->kbuild_dir);
	key_stat(key, p);
	free(p);
	p = xasprintf("%s/include/generated/utsrelease.h", s->kbuild_dir);
	key_file(key, p);
	free(p);
	p = xasprintf("%s/include/generated/compile.h", s->kbuild_dir);
	key_stat(key, p);
	free(p);
}

static void key_runtime(struct session *s, struct sbuf *key)
{
	char *inc = runtime_include(s), *symvers = runtime_symvers(s), *p;

	p = xasprintf("%s/stap/stap.h", inc);
	key_file(key, p);
	free(p);
	key_file(key, symvers);
	free(inc);
	free(symvers);
}

void cache_key(struct session *s)
{
	struct sbuf key = { 0 };
	char hex[33], *dir;
	int i;

	sb_printf(&key, "translator: %s\n", STAP_TRANSLATOR_ID);
	key_stat(&key, "/proc/self/exe");
	key_kernel(s, &key);
	key_runtime(s, &key);
	for (i = 0; i < s->defines.n; i++)
		sb_printf(&key, "-D %s\n", (char *)s->defines.v[i]);
	if (s->suppress_handler_errors)
		sb_puts(&key, "--suppress-handler-errors\n");
	for (i = 0; i < s->prog.files.n; i++) {
		const struct source *src = s->prog.files.v[i];

		sb_printf(&key, "file %s:\n%s\n", src->name, src->text);
	}
	sb_puts(&key, "elaborated:\n");
	program_dump(s, &key);
	hash128_hex(key.s, key.len, hex);
	s->hash = xstrdup(hex);
	if (!s->module_name)
		s->modname = xasprintf("stap_%s", hex);
	dir = xasprintf("%s/cache/%.2s", s->stap_dir, hex);
	s->cache_c = xasprintf("%s/stap_%s.c", dir, hex);
	s->cache_ko = xasprintf("%s/stap_%s.ko", dir, hex);
	if (s->use_cache && !mkdir_p(dir)) {
		char *log = xasprintf("%s/stap_%s_hash.log", dir, hex);

		write_file(log, key.s, key.len);
		free(log);
	}
	free(dir);
	sb_free(&key);
}

bool cache_lookup(struct session *s)
{
	return s->use_cache && is_file(s->cache_c) && is_file(s->cache_ko);
}

void cache_store(struct session *s)
{
	if (!s->use_cache)
		return;
	if (copy_file(s->src_path, s->cache_c) ||
	    copy_file(s->ko_path, s->cache_ko)) {
		fprintf(stderr, "WARNING: could not add %s to the cache\n",
			s->ko_path);
		unlink(s->cache_c);
	}
}
