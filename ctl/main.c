// SPDX-License-Identifier: GPL-2.0
/*
 * ctl/main.c - staprun: options, privilege check, and the run of one
 * handler module from load to removal.
 */
#include <errno.h>
#include <getopt.h>
#include <libgen.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "staprun.h"

struct staprun sr = { .ctl_fd = -1 };

void verbose(int level, const char *fmt, ...)
{
	va_list ap;

	if (sr.verbose < level)
		return;
	va_start(ap, fmt);
	fputs("staprun: ", stderr);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
}

void err(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("ERROR: ", stderr);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
}

static void usage(const char *prog, int status)
{
	fprintf(status ? stderr : stdout,
		"Usage: %s [-v] [-w] MODULE.ko [name=value ...]\n"
		"  -v  verbose (repeat for more)\n"
		"  -w  suppress warnings\n"
		"  -h  this help\n", prog);
	exit(status);
}

/* "a=1 b=2": every argument after the module, joined by spaces. */
static char *join_options(int argc, char **argv)
{
	size_t n = 1;
	char *s;
	int i;

	for (i = 0; i < argc; i++)
		n += strlen(argv[i]) + 1;
	s = calloc(1, n);
	if (!s)
		return NULL;
	for (i = 0; i < argc; i++) {
		if (i)
			strcat(s, " ");
		strcat(s, argv[i]);
	}
	return s;
}

static char *module_name(const char *path)
{
	char *copy = strdup(path), *base, *name, *p;

	if (!copy)
		return NULL;
	base = basename(copy);
	p = strstr(base, ".ko");
	if (p && (p[3] == '\0' || p[3] == '.'))
		*p = '\0';
	for (p = base; *p; p++)
		if (*p == '-')
			*p = '_';
	name = strdup(base);
	free(copy);
	return name;
}

int main(int argc, char **argv)
{
	int c, rc;

	while ((c = getopt(argc, argv, "+vwh")) != -1) {
		switch (c) {
		case 'v':
			sr.verbose++;
			break;
		case 'w':
			sr.no_warnings = true;
			break;
		case 'h':
			usage(argv[0], 0);
			break;
		default:
			usage(argv[0], 1);
		}
	}
	if (optind >= argc)
		usage(argv[0], 1);

	if (geteuid() != 0) {
		err("You are trying to run systemtap as a normal user.\n"
		    "You should either be root, or be part of group \"stapusr\" and possibly the groups \"stapsys\" or \"stapdev\".\n");
		return 1;
	}

	sr.module_path = argv[optind];
	sr.modname = module_name(sr.module_path);
	sr.modopts = join_options(argc - optind - 1, argv + optind + 1);
	if (!sr.modname || !sr.modopts) {
		err("out of memory\n");
		return 1;
	}
	if (load_init())
		return 1;
	if (runtime_ensure() || module_insert()) {
		load_exit();
		return 1;
	}
	/*
	 * SystemTap's staprun execs stapio to run the session, so begin and
	 * end probes see execname() "stapio": name this process the same.
	 */
	prctl(PR_SET_NAME, "stapio", 0, 0, 0);
	rc = mainloop();
	if (module_remove())
		rc = 1;
	load_exit();
	return rc || sr.error_seen ? 1 : 0;
}
