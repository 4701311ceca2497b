// SPDX-License-Identifier: GPL-2.0
/*
 * translator/run.c - pass 5: hand the module to staprun and wait.
 *
 * staprun does the clean shutdown on SIGINT/SIGTERM, so stap must not die
 * of them while it runs: a signal sent to stap alone is forwarded, one the
 * terminal sent to the whole process group already reached staprun.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "session.h"

static volatile pid_t child;

static void forward(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	if (child > 0 && si->si_code != SI_KERNEL)
		kill(child, sig);
}

static void catch_signals(bool on)
{
	struct sigaction sa = { 0 };

	if (on) {
		sa.sa_sigaction = forward;
		sa.sa_flags = SA_SIGINFO | SA_RESTART;
	} else {
		sa.sa_handler = SIG_DFL;
	}
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

/* 4.8's order (buildrun.cxx make_run_command); -x PID where 4.8 says -t. */
static char **staprun_argv(struct session *s, const char *staprun,
			   const char *ko)
{
	struct vec v = { 0 };
	int i;

	vec_push(&v, (void *)staprun);
	for (i = 1; i < s->verbose && i < 3; i++)
		vec_push(&v, "-v");
	if (s->suppress_warnings)
		vec_push(&v, "-w");
	if (s->output_file) {
		vec_push(&v, "-o");
		vec_push(&v, (void *)s->output_file);
	}
	if (s->target_cmd) {
		vec_push(&v, "-c");
		vec_push(&v, (void *)s->target_cmd);
	}
	if (s->target_pid) {
		vec_push(&v, "-x");
		vec_push(&v, xasprintf("%d", s->target_pid));
	}
	if (s->bufsize) {
		vec_push(&v, "-b");
		vec_push(&v, xasprintf("%d", s->bufsize));
	}
	if (s->load_only)
		vec_push(&v, s->output_file ? "-D" : "-L");
	if (!s->module_name)	/* a cached module may run twice at once */
		vec_push(&v, "-R");
	if (s->size_option) {
		vec_push(&v, "-S");
		vec_push(&v, (void *)s->size_option);
	}
	vec_push(&v, (void *)ko);
	for (i = 0; i < s->globals_set.n; i++)
		vec_push(&v, s->globals_set.v[i]);
	vec_push(&v, NULL);
	return (char **)v.v;
}

/* -vv: the command as 4.8 shows it, words joined by spaces. */
static void show_command(char **argv)
{
	int i;

	fputs("Running", stderr);
	for (i = 0; argv[i]; i++)
		fprintf(stderr, " %s", argv[i]);
	fputc('\n', stderr);
}

int run_module(struct session *s)
{
	const char *env = getenv("SYSTEMTAP_STAPRUN");	/* as 4.8 */
	char *staprun = env ? xstrdup(env) :
			xasprintf("%s/staprun", s->exe_dir);
	const char *ko = s->ko_path && is_file(s->ko_path) ? s->ko_path :
			 s->cache_ko;
	char **argv = staprun_argv(s, staprun, ko);
	int status, rc;

	if (s->verbose > 1)
		show_command(argv);
	fflush(stderr);
	catch_signals(true);
	child = fork();
	if (child == 0) {
		catch_signals(false);
		execv(staprun, argv);
		fprintf(stderr, "ERROR: cannot run %s: %s\n", staprun,
			strerror(errno));
		_exit(127);
	}
	if (child < 0) {
		rc = -1;
	} else {
		while (waitpid(child, &status, 0) < 0 && errno == EINTR)
			;
		rc = WIFEXITED(status) ? WEXITSTATUS(status) :
		     128 + WTERMSIG(status);
		if (s->verbose > 1)
			fprintf(stderr, "Spawn waitpid result (0x%x): %d\n",
				status, rc);
	}
	child = 0;
	catch_signals(false);
	if (rc)
		fprintf(stderr, "WARNING: %s exited with status: %d\n",
			staprun, rc);
	free(staprun);
	free(argv);
	return rc ? -1 : 0;
}
