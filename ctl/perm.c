// SPDX-License-Identifier: GPL-2.0
/*
 * ctl/perm.c - who may run staprun, with SystemTap's rules and messages:
 * root; or, through a setuid root staprun, members of stapdev (any
 * module) and of stapusr/stapsys (modules in /lib/modules/KVER/systemtap/
 * only).  Files the user names (-o) are opened as the real user.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/fsuid.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "groups.h"
#include "staprun.h"

static int refuse_path(const char *dir, const char *why)
{
	err("Members of the \"stapusr\" and \"stapsys\" groups can only use unsigned modules within\n"
	    "  the \"%s\" directory.\n"
	    "  %s\n", dir, why);
	return -1;
}

/* stapusr/stapsys: a root-owned module in a root-owned, safe directory. */
static int check_module_path(void)
{
	char dir[PATH_MAX], *rdir, *rmod, why[PATH_MAX + 64];
	struct utsname u;
	struct stat st;
	size_t n;
	int rc = -1;

	uname(&u);
	snprintf(dir, sizeof(dir), "/lib/modules/%s/systemtap", u.release);
	rdir = realpath(dir, NULL);
	if (!rdir)
		return refuse_path(dir, "Unable to canonicalize that directory");
	rmod = realpath(sr.module_path, NULL);
	n = strlen(rdir);
	if (stat(rdir, &st))
		rc = refuse_path(dir, "Error getting information on that directory");
	else if (!S_ISDIR(st.st_mode))
		rc = refuse_path(dir, "That path must refer to a directory.");
	else if (st.st_uid != 0)
		rc = refuse_path(dir, "That directory should be owned by root.");
	else if (st.st_mode & S_IWOTH)
		rc = refuse_path(dir, "That directory should not be world writable.");
	else if (!rmod || strncmp(rmod, rdir, n) || rmod[n] != '/') {
		snprintf(why, sizeof(why),
			 "Module \"%s\" does not exist within that directory.",
			 sr.module_path);
		rc = refuse_path(dir, why);
	} else if (stat(rmod, &st) || st.st_uid != 0)
		err("The module \"%s\" must be owned by root.\n", rmod);
	else if (st.st_mode & S_IWOTH)
		err("The module \"%s\" must not be world writable.\n", rmod);
	else
		rc = 0;
	free(rdir);
	free(rmod);
	return rc;
}

int check_permissions(void)
{
	if (getuid() == 0)
		return 0;
	if (geteuid() != 0) {
		err("The effective user ID of staprun must be set to the root user.\n"
		    "  Check permissions on staprun and ensure it is a setuid root program.\n");
		return -1;
	}
	if (in_group("stapdev"))
		return 0;
	if (!may_run_modules()) {
		err("You are trying to run systemtap as a normal user.\n"
		    "You should either be root, or be part of group \"stapusr\" and possibly the groups \"stapsys\" or \"stapdev\".\n");
		return -1;
	}
	/* Attaching to, or deleting, a loaded session needs no module file. */
	if (sr.attach || sr.delete_mod)
		return 0;
	return check_module_path();
}

/* File system access as the real user (on) or as root again (off). */
void as_real_user(bool on)
{
	setfsgid(on ? getgid() : getegid());
	setfsuid(on ? getuid() : geteuid());
}
