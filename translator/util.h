/* SPDX-License-Identifier: GPL-2.0 */
/*
 * translator/util.h - allocation, growable strings, files, processes and
 * the resource figures the -v pass lines print.
 */
#ifndef _STAP_UTIL_H
#define _STAP_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Append-only vector of pointers. */
struct vec {
	void **v;
	int n, cap;
};
void vec_push(struct vec *vec, void *p);

/* Growable NUL-terminated string. */
struct sbuf {
	char *s;
	size_t len, cap;
};
void sb_putc(struct sbuf *sb, char c);
void sb_puts(struct sbuf *sb, const char *s);
void sb_putn(struct sbuf *sb, const char *s, size_t n);
void sb_printf(struct sbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void sb_vprintf(struct sbuf *sb, const char *fmt, va_list ap);
const char *sb_str(struct sbuf *sb);	/* "" when empty, never NULL */
void sb_free(struct sbuf *sb);

char *read_file(const char *path, size_t *lenp);	/* NULL + errno */
int write_file(const char *path, const char *data, size_t len);
int copy_file(const char *from, const char *to);
int mkdir_p(const char *path);
void rm_rf(const char *path);
bool is_dir(const char *path);
bool is_file(const char *path);

/*
 * Run argv; stdout/stderr go to log (a path, NULL = inherit).  Returns the
 * exit status (128+sig on a signal), -1 when it could not be started.
 */
int run_cmd(char *const argv[], const char *log);

/* Resource usage snapshot for the "Pass N: ... using ... in ..." lines. */
struct usage {
	long usr_ms, sys_ms;	/* process + reaped children */
	long real_ms;
};
void usage_now(struct usage *u);
/* "in Xusr/Ysys/Zreal ms." relative to start */
void usage_since(const struct usage *start, char *buf, size_t len);
/* "Avirt/Bres/Cshr/Ddata kb" from /proc/self/statm */
void mem_usage(char *buf, size_t len);

#endif /* _STAP_UTIL_H */
