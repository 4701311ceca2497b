// SPDX-License-Identifier: GPL-2.0
/*
 * ctl/main.c - staprun: the run of one handler module from load to
 * removal, or an attach to a loaded one (-A), or deletions (-d).
 */
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/utsname.h>
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

/*
 * The module's name from its path: the base name without ".ko".  The
 * kernel's name turns '-' into '_'; -A and -d use the name as given.
 */
char *module_name(const char *path, bool kernel_name)
{
	char *copy = strdup(path), *base, *name, *p;

	if (!copy)
		return NULL;
	base = basename(copy);
	p = strstr(base, ".ko");
	if (p && (p[3] == '\0' || p[3] == '.'))
		*p = '\0';
	for (p = base; kernel_name && *p; p++)
		if (*p == '-')
			*p = '_';
	name = strdup(base);
	free(copy);
	return name;
}

/* A bare name (no '/', no ".ko") lives in /lib/modules/KVER/systemtap/. */
static char *module_path(const char *arg)
{
	struct utsname u;
	char *p;

	if (strchr(arg, '/') || strstr(arg, ".ko"))
		return strdup(arg);
	uname(&u);
	if (asprintf(&p, "/lib/modules/%s/systemtap/%s.ko", u.release, arg) < 0)
		return NULL;
	return p;
}

/* Insert the module: renamed first with -R. */
static int insert(void)
{
	int rc;

	if (module_canonical() || module_check_params() || check_bufsize() ||
	    runtime_ensure())
		return -1;
	if (sr.rename && module_rename())
		return -1;
	rc = module_insert();
	if (sr.insert_path) {
		unlink(sr.insert_path);
		*strrchr(sr.insert_path, '/') = '\0';
		rmdir(sr.insert_path);
	}
	return rc;
}

static int names(void)
{
	if (sr.attach) {
		sr.modname = module_name(sr.module_arg, false);
		return sr.modname ? 0 : -1;
	}
	sr.module_path = module_path(sr.module_arg);
	if (!sr.module_path)
		return -1;
	sr.modname = module_name(sr.module_path, true);
	return sr.modname && sr.modopts ? 0 : -1;
}

int main(int argc, char **argv)
{
	int rc;

	parse_options(argc, argv);
	if (!sr.delete_mod && names()) {
		err("out of memory\n");
		return 1;
	}
	if (check_permissions())
		return 1;
	if (sr.delete_mod)
		return delete_modules();
	if (load_init())
		return 1;
	if (sr.attach ? module_from_name() : insert()) {
		load_exit();
		return 1;
	}
	/*
	 * SystemTap's staprun execs stapio to run the session, so begin and
	 * end probes see execname() "stapio": name this process the same.
	 */
	prctl(PR_SET_NAME, "stapio", 0, 0, 0);
	rc = mainloop();
	if (rc >= 0 && module_remove())
		rc = 1;
	load_exit();
	if (rc == MAIN_NO_ATTACH)
		return 1;
	if (rc == MAIN_DETACHED)	/* the module stays */
		return 0;
	return rc || sr.error_seen ? 1 : 0;
}
