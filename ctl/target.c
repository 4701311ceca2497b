// SPDX-License-Identifier: GPL-2.0
/*
 * ctl/target.c - staprun -c CMD: the command, started before the session
 * so that target() is its pid, held until the begin probes have run, and
 * run as the real user.  Like SystemTap, CMD is split with wordexp(3);
 * one with shell syntax runs under /bin/sh -c.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <wordexp.h>

#include "staprun.h"

static int go_fd = -1;		/* write end: one byte releases the child */

static void child_exec(int fd)
{
	char *sh[] = { "/bin/sh", "-c", (char *)sr.target_cmd, NULL };
	wordexp_t w;
	sigset_t none;
	char c;

	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	signal(SIGPIPE, SIG_DFL);
	/* Held here until begin probes ran; EOF without a byte: give up. */
	if (read(fd, &c, 1) != 1)
		_exit(1);
	close(fd);
	if (setgid(getgid()) || setuid(getuid()))
		_exit(1);
	if (wordexp(sr.target_cmd, &w, WRDE_NOCMD | WRDE_UNDEF) == 0 &&
	    w.we_wordc > 0) {
		execvp(w.we_wordv[0], w.we_wordv);
		fprintf(stderr, "%s: %s\n", w.we_wordv[0], strerror(errno));
		_exit(127);
	}
	execv(sh[0], sh);
	_exit(127);
}

int target_fork(void)
{
	int p[2];
	pid_t pid;

	if (pipe2(p, O_CLOEXEC)) {
		err("pipe: %s\n", strerror(errno));
		return -1;
	}
	pid = fork();
	if (pid < 0) {
		err("fork: %s\n", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		close(p[1]);
		child_exec(p[0]);
	}
	close(p[0]);
	go_fd = p[1];
	sr.target_pid = pid;
	verbose(1, "command '%s' is pid %d\n", sr.target_cmd, pid);
	return 0;
}

void target_release(void)
{
	if (go_fd < 0)
		return;
	if (write(go_fd, "g", 1) != 1)
		err("Couldn't start the command: %s\n", strerror(errno));
	close(go_fd);
	go_fd = -1;
}

/* START failed: the command never runs. */
void target_kill(void)
{
	if (!sr.target_cmd || sr.target_pid <= 0)
		return;
	if (go_fd >= 0)
		close(go_fd);
	go_fd = -1;
	kill(sr.target_pid, SIGKILL);
	waitpid(sr.target_pid, NULL, 0);
	sr.target_pid = 0;
}

/* After SIGCHLD: whether the command has ended. */
bool target_reap(void)
{
	int status;

	if (!sr.target_cmd || sr.target_pid <= 0)
		return false;
	if (waitpid(sr.target_pid, &status, WNOHANG) != sr.target_pid)
		return false;
	verbose(1, "command exited with status %d\n", status);
	sr.target_pid = -1;
	return true;
}
