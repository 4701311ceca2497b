// SPDX-License-Identifier: GPL-2.0
/*
 * getpid_loop N - N getpid() system calls (raw, not libc's), then
 * "X ns/op".  The probe-cost benchmark puts a kprobe on the system call and
 * compares the time per call with and without each tracer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	long i, n = argc > 1 ? atol(argv[1]) : 100000;
	struct timespec a, b;

	clock_gettime(CLOCK_MONOTONIC, &a);
	for (i = 0; i < n; i++)
		syscall(SYS_getpid);
	clock_gettime(CLOCK_MONOTONIC, &b);
	printf("%ld ns/op\n", ((b.tv_sec - a.tv_sec) * 1000000000L +
			       (b.tv_nsec - a.tv_nsec)) / n);
	return 0;
}
