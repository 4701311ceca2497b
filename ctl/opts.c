// SPDX-License-Identifier: GPL-2.0
/*
 * ctl/opts.c - staprun's command line, with SystemTap 4.8's usage text,
 * checks, messages and exit statuses (usage goes to stdout, as 4.8's).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

#include "staprun.h"

static const char *prog;
static bool relay_fd_given;		/* -F: stapio's, refused */

static void print_usage(void)
{
	struct utsname u;

	uname(&u);
	printf("\n%s [-v] [-w] [-V] [-h] [-u] [-c cmd ] [-x pid] [-u user] [-A|-L|-d] [-C WHEN]\n"
	       "\t[-b bufsize] [-R] [-r N:URI] [-o FILE [-D] [-S size[,N]]] MODULE [module-options]\n"
	       "-v              Increase verbosity.\n"
	       "-V              Print version number and exit.\n"
	       "-h              Print this help text and exit.\n"
	       "-w              Suppress warnings.\n"
	       "-u              Load uprobes.ko\n"
	       "-c cmd          Command 'cmd' will be run and staprun will\n"
	       "                exit when it does.  The '_stp_target' variable\n"
	       "                will contain the pid for the command.\n"
	       "-x pid          Sets the '_stp_target' variable to pid.\n"
	       "-N pid          Sets the '_stp_namespaces_pid' variable to pid.\n"
	       "-o FILE         Send output to FILE. This supports strftime(3)\n"
	       "                formats for FILE.\n"
	       "-b buffer size  The systemtap module specifies a buffer size.\n"
	       "                Setting one here will override that value.  The\n"
	       "                value should be an integer between 1 and 4095 \n"
	       "                which be assumed to be the buffer size in MB.\n"
	       "                That value will be per-cpu in bulk mode.\n"
	       "-L              Load module and start probes, then detach.\n"
	       "-A              Attach to loaded systemtap module.\n"
	       "-C WHEN         Enable colored errors. WHEN must be either 'auto',\n"
	       "                'never', or 'always'. Set to 'auto' by default.\n"
	       "-d              Delete a module.  Only detached or unused modules\n"
	       "                the user has permission to access will be deleted. Use \"*\"\n"
	       "                (quoted) to delete all unused modules.\n"
	       "-R              Have staprun create a new name for the module before\n"
	       "                inserting it. This allows the same module to be inserted\n"
	       "                more than once.\n"
	       "-r N:URI        Pass N:URI data to tapset functions remote_id()/remote_uri().\n"
	       "-D              Run in background. This requires '-o' option.\n"
	       "-S size[,N]     Switches output file to next file when the size\n"
	       "                of file reaches the specified size. The value\n"
	       "                should be an integer greater than 1 which is\n"
	       "                assumed to be the maximum file size in MB.\n"
	       "                When the number of output files reaches N, it\n"
	       "                switches to the first output file. You can omit\n"
	       "                the second argument.\n"
	       "-T timeout      Specifies upper limit on amount of time reader thread\n"
	       "                will wait for new full trace buffer. Value should be an\n"
	       "                integer >= 1, which is timeout value in ms. Default 200ms.\n"
	       "-F fd           Specifies file descriptor for module relay directory\n"
	       "\n"
	       "MODULE can be either a module name or a module path.  If a\n"
	       "module name is used, it is searched in the following directory:\n"
	       "/lib/modules/%s/systemtap\n", prog, u.release);
}

static void usage(int status)
{
	print_usage();
	exit(status);
}

/* err() then usage, 4.8's answer to most bad command lines. */
#define bad(...) do { err(__VA_ARGS__); usage(1); } while (0)

static void parse_size(const char *arg)
{
	char *s;

	sr.fsize_max = strtoul(arg, &s, 10) << 20;
	if (s[0] == ',')
		sr.fnum_max = (int)strtoul(s + 1, &s, 10);
	if (s[0] != '\0')
		bad("Invalid file size option '%s'.\n", arg);
}

static void parse_color(const char *arg)
{
	if (!strcmp(arg, "never") || !strcmp(arg, "always") ||
	    !strcmp(arg, "auto"))
		return;
	/* 4.8 shows the usage first, and its message has no newline. */
	print_usage();
	fflush(stdout);
	fprintf(stderr, "ERROR: Invalid option '%s' for -C.", arg);
	exit(1);
}

static void one_option(int c)
{
	switch (c) {
	case 'v':
		sr.verbose++;
		break;
	case 'w':
		sr.no_warnings = true;
		break;
	case 'V':
		fprintf(stderr, "Systemtap module loader/runner (version 4.8, stap)\n"
			"Copyright (C) 2005-2022 Red Hat, Inc. and others\n"
			"This is free software; see the source for copying conditions.\n");
		exit(0);
	case 'h':
		usage(0);
		break;
	case 'b':
		sr.bufsize = atoi(optarg);
		if (sr.bufsize < 1 || sr.bufsize > 4095)
			bad("Invalid buffer size '%d' (should be 1-4095).\n",
			    sr.bufsize);
		break;
	case 'c':
		sr.target_cmd = optarg;
		break;
	case 'x':
	case 't':
		sr.target_pid = atoi(optarg);
		break;
	case 'N':
		if (atoi(optarg) < 1)
			bad("Invalid target namespaces pid %d (should be > 0).\n",
			    atoi(optarg));
		break;
	case 'o':
		sr.outfile = optarg;
		break;
	case 'S':
		parse_size(optarg);
		break;
	case 'T':
		sr.reader_timeout = atoi(optarg);
		if (sr.reader_timeout < 1)
			bad("Invalid reader timeout value '%d' (should be >= 1).\n",
			    sr.reader_timeout);
		break;
	case 'r':
		if (!strchr(optarg, ':'))
			bad("Cannot process remote id option '%s'.\n", optarg);
		break;
	case 'C':
		parse_color(optarg);
		break;
	case 'M':
		err("Monitor mode (-M) is not supported by this staprun.\n");
		exit(1);
	case 'L':
		sr.load_only = true;
		break;
	case 'A':
		sr.attach = true;
		break;
	case 'd':
		sr.delete_mod = true;
		break;
	case 'D':
		sr.daemon = true;
		break;
	case 'R':
		sr.rename = true;
		break;
	case 'F':
		relay_fd_given = true;
		break;
	case 'u':	/* uprobes are built into the kernel */
	case 'i':	/* no input probes yet: stdin is not read */
		break;
	default:
		usage(1);
	}
}

/* The combinations 4.8 refuses, in 4.8's order. */
static void check_combinations(void)
{
	if (sr.attach && sr.load_only)
		bad("You can't specify the '-A' and '-L' options together.\n");
	if (sr.attach && sr.bufsize)
		bad("You can't specify the '-A' and '-b' options together.  The '-b'\n"
		    "buffer size option only has an effect when the module is inserted.\n");
	if (sr.attach && sr.target_cmd)
		bad("You can't specify the '-A' and '-c' options together.  The '-c cmd'\n"
		    "option used to start a command only has an effect when the module\n"
		    "is inserted.\n");
	if (sr.attach && sr.target_pid)
		bad("You can't specify the '-A' and '-x' options together.  The '-x pid'\n"
		    "option only has an effect when the module is inserted.\n");
	if (sr.target_cmd && sr.target_pid)
		bad("You can't specify the '-c' and '-x' options together.\n");
	if (sr.daemon && sr.load_only)
		bad("You can't specify the '-D' and '-L' options together.\n");
	if (sr.daemon && sr.delete_mod)
		bad("You can't specify the '-D' and '-d' options together.\n");
	if (sr.daemon && sr.target_cmd)
		bad("You can't specify the '-D' and '-c' options together.\n");
	if (sr.daemon && !sr.outfile)
		bad("You have to specify output FILE with '-D' option.\n");
	if (sr.fsize_max && !sr.outfile)
		bad("You have to specify output FILE with '-S' option.\n");
	if (relay_fd_given) {
		err("Relay basedir -F option is invalid for staprun\n");
		exit(1);
	}
}

/*
 * "a=1 b=2": every argument after the module, joined by spaces, and
 * _stp_bufsize=N for -b N.
 */
static char *join_options(int argc, char **argv)
{
	size_t n = 32;
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
	if (sr.bufsize)
		sprintf(s + strlen(s), "%s_stp_bufsize=%d", argc ? " " : "",
			sr.bufsize);
	return s;
}

void parse_options(int argc, char **argv)
{
	int c;

	prog = argv[0];
	sr.reader_timeout = 200;
	while ((c = getopt(argc, argv,
			   "ALu::vihb:t:dc:o:x:N:S:DwRr:VT:C:M:F:")) != -1)
		one_option(c);
	check_combinations();
	if (optind >= argc)
		bad("Need a module name or path to load.\n");
	sr.module_arg = argv[optind++];
	if (sr.attach && optind < argc)
		bad("Cannot have module options with attach (-A).\n");
	sr.modopts = join_options(argc - optind, argv + optind);
}
