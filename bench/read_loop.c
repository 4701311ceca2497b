// SPDX-License-Identifier: GPL-2.0
/*
 * read_loop N - N read(2) calls of 1 byte from /dev/zero, then "X ns/op".
 * Each call passes vfs_read() once: the benchmark of a kernel-function
 * probe compares the time per call with and without each tracer.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	long i, n = argc > 1 ? atol(argv[1]) : 100000;
	int fd = open("/dev/zero", O_RDONLY);
	struct timespec a, b;
	char c;

	if (fd < 0) {
		perror("/dev/zero");
		return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &a);
	for (i = 0; i < n; i++)
		if (read(fd, &c, 1) != 1)
			return 1;
	clock_gettime(CLOCK_MONOTONIC, &b);
	printf("%ld ns/op\n", ((b.tv_sec - a.tv_sec) * 1000000000L +
			       (b.tv_nsec - a.tv_nsec)) / n);
	return 0;
}
