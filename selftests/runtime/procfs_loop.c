// SPDX-License-Identifier: GPL-2.0
/*
 * procfs_loop - hammer a procfs probe file from one process.
 *
 *   procfs_loop read PATH N [EXPECT]   N times open, read to EOF, close;
 *                                      with EXPECT every read must return it
 *   procfs_loop write PATH N DATA      N times open, write DATA, close
 *
 * Prints "N ops, X ns/op" on success.  Exit 1 at the first failed call or
 * wrong content, with what went wrong.  Used by the concurrency test (many
 * at once) and by the round-trip benchmark (one, timed).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static char buf[1 << 16];

static int read_all(const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY);
	ssize_t n;

	*len = 0;
	if (fd < 0)
		return -errno;
	while ((n = read(fd, buf + *len, sizeof(buf) - *len)) > 0)
		*len += n;
	if (n < 0) {
		n = -errno;
		close(fd);
		return n;
	}
	return close(fd) ? -errno : 0;
}

static int write_once(const char *path, const char *data, size_t len)
{
	int fd = open(path, O_WRONLY);
	size_t off = 0;
	ssize_t n;

	if (fd < 0)
		return -errno;
	/* procfs probe files take a chunk per write(): loop as stdio does */
	while (off < len) {
		n = write(fd, data + off, len - off);
		if (n <= 0) {
			n = n ? -errno : -EIO;
			close(fd);
			return n;
		}
		off += n;
	}
	return close(fd) ? -errno : 0;
}

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

int main(int argc, char **argv)
{
	const char *expect = NULL;
	long long t0;
	long i, n;
	size_t len;
	int rc;

	if (argc < 4 || (strcmp(argv[1], "read") && strcmp(argv[1], "write")) ||
	    (!strcmp(argv[1], "write") && argc != 5)) {
		fprintf(stderr, "usage: %s read PATH N [EXPECT] | write PATH N DATA\n",
			argv[0]);
		return 2;
	}
	n = atol(argv[3]);
	if (argc == 5)
		expect = argv[4];
	t0 = now_ns();
	for (i = 0; i < n; i++) {
		if (argv[1][0] == 'r') {
			rc = read_all(argv[2], &len);
			if (!rc && expect && (len != strlen(expect) ||
					      memcmp(buf, expect, len))) {
				fprintf(stderr, "read %ld: got '%.*s'\n", i,
					(int)len, buf);
				return 1;
			}
		} else {
			rc = write_once(argv[2], expect, strlen(expect));
		}
		if (rc) {
			fprintf(stderr, "%s %ld: %s\n", argv[1], i, strerror(-rc));
			return 1;
		}
	}
	printf("%ld ops, %lld ns/op\n", n, n ? (now_ns() - t0) / n : 0);
	return 0;
}
