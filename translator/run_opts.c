// SPDX-License-Identifier: GPL-2.0
/*
 * translator/run_opts.c - the options that only matter to pass 5 (-o, -S,
 * -c, -x, -F, -T), checked as SystemTap 4.8 checks them.  Like 4.8, stap
 * checks only their form: the combinations staprun refuses (-S or -D
 * without -o, ...) are left to staprun, which prints its own messages.
 */
#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "session.h"

/* SystemTap's assert_regexp_match() message, " rc=1" included. */
static void safety_mismatch(const char *opt, const char *val, const char *re)
{
	fprintf(stderr, "ERROR: Safety pattern mismatch for %s parameter "
		"('%s' vs. '%s') rc=1\n", opt, val, re);
	exit(1);
}

static const char *digits(const char *p)
{
	if (!isdigit((unsigned char)*p))
		return NULL;
	while (isdigit((unsigned char)*p))
		p++;
	return p;
}

/* -S size[,N]: '^[0-9]+(,[0-9]+)?$' */
void opt_size(struct session *s, const char *arg)
{
	const char *p = digits(arg);

	if (p && *p == ',')
		p = digits(p + 1);
	if (!p || *p)
		safety_mismatch("-S", arg, "^[0-9]+(,[0-9]+)?$");
	s->size_option = arg;
}

/* MODULE_NAME_LEN - 1 less the room SystemTap keeps for a suffix */
#define MODULE_NAME_MAX	55

void opt_module_name(struct session *s, const char *arg)
{
	const char *p;

	for (p = arg; *p; p++)
		if (!islower((unsigned char)*p) && !isdigit((unsigned char)*p) &&
		    *p != '_')
			break;
	if (!*arg || *p)
		safety_mismatch("-m", arg, "^[a-z0-9_]+$");
	if (strlen(arg) > MODULE_NAME_MAX) {
		arg = xstrndup(arg, MODULE_NAME_MAX);
		fprintf(stderr, "Truncating module name to '%s'\n", arg);
	}
	s->module_name = arg;
}

void opt_cmd(struct session *s, const char *arg)
{
	if (!*arg) {
		fputs("Empty CMD string invalid.\n", stderr);
		exit(1);
	}
	s->target_cmd = arg;
}

/* 4.8 reads the pid with strtoul into an int: -1 and huge values wrap. */
void opt_pid(struct session *s, const char *arg)
{
	char *end;
	unsigned long v = strtoul(arg, &end, 10);

	if (*end || end == arg) {
		fputs("Invalid target process ID number.\n", stderr);
		exit(1);
	}
	s->target_pid = (int)v;
}

/* -T SECS: 1..INT_MAX/1000, the milliseconds of a timer.ms() probe. */
void opt_timeout(struct session *s, const char *arg)
{
	char *end;
	unsigned long v = strtoul(arg, &end, 10);

	if (*end || end == arg || v < 1 || v > INT_MAX / 1000) {
		fputs("Invalid timeout interval.\n", stderr);
		exit(1);
	}
	s->timeout = v;
}

/* After every option was read: the checks 4.8 makes on the whole line. */
void opts_check(struct session *s)
{
	if (s->target_cmd && s->target_pid) {
		fputs("You can't specify -c and -x together.\n", stderr);
		try_help();
	}
}

/*
 * -T: SystemTap adds this probe from a source named "<synthetic>", listed
 * before the script's own probes.
 */
int parse_timeout_probe(struct session *s)
{
	struct source *src = xcalloc(1, sizeof(*src));
	struct vec *probes = &s->prog.probes;
	int before = probes->n, added, i;
	void **v;

	if (!s->timeout)
		return 0;
	src->name = "<synthetic>";
	src->text = xasprintf("probe timer.ms(%lu) {exit()}",
			      s->timeout * 1000);
	if (parse_source(s, src, true))
		return -1;
	added = probes->n - before;
	v = xmalloc(probes->n * sizeof(*v));
	for (i = 0; i < added; i++)
		v[i] = probes->v[before + i];
	for (i = 0; i < before; i++)
		v[added + i] = probes->v[i];
	memcpy(probes->v, v, probes->n * sizeof(*v));
	free(v);
	return 0;
}
