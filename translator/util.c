// SPDX-License-Identifier: GPL-2.0
/*
 * translator/util.c - small helpers shared by every pass.  Allocation
 * failures end the process: a translator out of memory has nothing to save.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/times.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "util.h"

static void oom(void)
{
	fputs("ERROR: out of memory\n", stderr);
	exit(1);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		oom();
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		oom();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		oom();
	return p;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = 0;
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		oom();
	va_end(ap);
	return s;
}

void vec_push(struct vec *vec, void *p)
{
	if (vec->n == vec->cap) {
		vec->cap = vec->cap ? vec->cap * 2 : 8;
		vec->v = xrealloc(vec->v, vec->cap * sizeof(*vec->v));
	}
	vec->v[vec->n++] = p;
}

static void sb_grow(struct sbuf *sb, size_t more)
{
	if (sb->len + more + 1 <= sb->cap)
		return;
	while (sb->len + more + 1 > sb->cap)
		sb->cap = sb->cap ? sb->cap * 2 : 256;
	sb->s = xrealloc(sb->s, sb->cap);
}

void sb_putn(struct sbuf *sb, const char *s, size_t n)
{
	sb_grow(sb, n);
	memcpy(sb->s + sb->len, s, n);
	sb->len += n;
	sb->s[sb->len] = 0;
}

void sb_putc(struct sbuf *sb, char c)
{
	sb_putn(sb, &c, 1);
}

void sb_puts(struct sbuf *sb, const char *s)
{
	sb_putn(sb, s, strlen(s));
}

void sb_vprintf(struct sbuf *sb, const char *fmt, va_list ap)
{
	va_list aq;
	int n;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	sb_grow(sb, n);
	vsnprintf(sb->s + sb->len, n + 1, fmt, ap);
	sb->len += n;
}

void sb_printf(struct sbuf *sb, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	sb_vprintf(sb, fmt, ap);
	va_end(ap);
}

const char *sb_str(struct sbuf *sb)
{
	return sb->s ? sb->s : "";
}

void sb_free(struct sbuf *sb)
{
	free(sb->s);
	sb->s = NULL;
	sb->len = sb->cap = 0;
}

char *read_file(const char *path, size_t *lenp)
{
	struct sbuf sb = { 0 };
	char buf[65536];
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return NULL;
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		sb_putn(&sb, buf, n);
	close(fd);
	if (n < 0) {
		sb_free(&sb);
		return NULL;
	}
	if (lenp)
		*lenp = sb.len;
	return sb.s ? sb.s : xstrdup("");
}

int write_file(const char *path, const char *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	ssize_t n;

	if (fd < 0)
		return -1;
	while (len) {
		n = write(fd, data, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			close(fd);
			return -1;
		}
		data += n;
		len -= n;
	}
	return close(fd);
}

/* Copy through a temporary name so a reader never sees a partial file. */
int copy_file(const char *from, const char *to)
{
	size_t len;
	char *data = read_file(from, &len);
	char *tmp;
	int rc;

	if (!data)
		return -1;
	tmp = xasprintf("%s.%d.tmp", to, (int)getpid());
	rc = write_file(tmp, data, len);
	if (!rc)
		rc = rename(tmp, to);
	if (rc)
		unlink(tmp);
	free(tmp);
	free(data);
	return rc;
}

int mkdir_p(const char *path)
{
	char *p = xstrdup(path), *s;
	int err = 0;

	for (s = p + 1; ; s++) {
		if (*s == '/' || !*s) {
			char c = *s;

			*s = 0;
			if (mkdir(p, 0755) && errno != EEXIST && !err)
				err = errno;	/* the first cause, for messages */
			*s = c;
			if (!c)
				break;
		}
	}
	free(p);
	if (is_dir(path))
		return 0;
	errno = err ? err : ENOTDIR;
	return -1;
}

void rm_rf(const char *path)
{
	struct stat st;
	DIR *d;
	struct dirent *de;

	if (lstat(path, &st))
		return;
	if (!S_ISDIR(st.st_mode)) {
		unlink(path);
		return;
	}
	d = opendir(path);
	while (d && (de = readdir(d))) {
		char *sub;

		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		sub = xasprintf("%s/%s", path, de->d_name);
		rm_rf(sub);
		free(sub);
	}
	if (d)
		closedir(d);
	rmdir(path);
}

bool is_dir(const char *path)
{
	struct stat st;

	return !stat(path, &st) && S_ISDIR(st.st_mode);
}

bool is_file(const char *path)
{
	struct stat st;

	return !stat(path, &st) && S_ISREG(st.st_mode);
}

int run_cmd(char *const argv[], const char *log)
{
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return -1;
	if (pid == 0) {
		if (log) {
			int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0644);

			if (fd >= 0) {
				dup2(fd, 1);
				dup2(fd, 2);
				close(fd);
			}
		}
		execvp(argv[0], argv);
		fprintf(stderr, "ERROR: cannot run %s: %s\n", argv[0],
			strerror(errno));
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

void usage_now(struct usage *u)
{
	struct tms t;
	struct timespec ts;
	long hz = sysconf(_SC_CLK_TCK);

	times(&t);
	clock_gettime(CLOCK_MONOTONIC, &ts);
	u->usr_ms = (long)(t.tms_utime + t.tms_cutime) * 1000 / hz;
	u->sys_ms = (long)(t.tms_stime + t.tms_cstime) * 1000 / hz;
	u->real_ms = ts.tv_sec * 1000L + ts.tv_nsec / 1000000;
}

void usage_since(const struct usage *start, char *buf, size_t len)
{
	struct usage now;

	usage_now(&now);
	snprintf(buf, len, "in %ldusr/%ldsys/%ldreal ms.",
		 now.usr_ms - start->usr_ms, now.sys_ms - start->sys_ms,
		 now.real_ms - start->real_ms);
}

void mem_usage(char *buf, size_t len)
{
	unsigned long sz = 0, res = 0, shr = 0, text = 0, lib = 0, data = 0;
	long kb = sysconf(_SC_PAGESIZE) / 1024;
	FILE *f = fopen("/proc/self/statm", "r");

	if (f) {
		if (fscanf(f, "%lu %lu %lu %lu %lu %lu", &sz, &res, &shr,
			   &text, &lib, &data) != 6)
			sz = res = shr = data = 0;
		fclose(f);
	}
	snprintf(buf, len, "%luvirt/%lures/%lushr/%ludata kb",
		 sz * kb, res * kb, shr * kb, data * kb);
}
