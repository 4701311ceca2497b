// SPDX-License-Identifier: GPL-2.0
/*
 * filewatch FILE BYTES PID - how fast FILE grows to BYTES: polls its size
 * every 200 us from the first byte on and prints "MB/s" for the span from
 * the first byte seen to BYTES, or "lost" if PID exits before FILE has
 * them.  The transport benchmark's stopwatch: a shell loop forking stat
 * is too coarse under TCG.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	struct timespec nap = { 0, 200 * 1000 };
	double t1 = 0;
	long long want;
	struct stat st;
	pid_t pid;

	if (argc != 4) {
		fprintf(stderr, "usage: filewatch FILE BYTES PID\n");
		return 2;
	}
	want = atoll(argv[2]);
	pid = atoi(argv[3]);
	for (;;) {
		int alive = kill(pid, 0) == 0;
		long long size = stat(argv[1], &st) ? 0 : st.st_size;

		if (size > 0 && !t1)
			t1 = now();
		if (size >= want && t1) {
			printf("%.1f\n", want / 1048576.0 / (now() - t1));
			return 0;
		}
		if (!alive) {
			printf("lost\n");
			return 1;
		}
		nanosleep(&nap, NULL);
	}
}
