// SPDX-License-Identifier: GPL-2.0
/*
 * ctl/delete.c - staprun -d MOD, -d "*": remove loaded sessions nobody is
 * attached to.  A session is deletable when its control channel opens
 * (one controller at a time, so an attached one refuses); removing the
 * module runs its end probes kernel-side.
 */
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "staprun.h"

/* Open and close .cmd: true when nobody is attached. */
static bool detached(bool quiet)
{
	char path[PATH_MAX];
	int fd;

	if (!quiet) {
		fd = ctl_open();
		ctl_close();
		return fd == 0;
	}
	snprintf(path, sizeof(path), "/proc/systemtap/%s/.cmd", sr.modname);
	fd = open(path, O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return false;
	close(fd);
	return true;
}

/* Remove sr.modname. */
static int delete_one(void)
{
	int rc = module_from_name();

	if (!rc)
		rc = module_remove();
	module_put();
	return rc ? 1 : 0;
}

static int delete_all(void)
{
	DIR *d = opendir("/proc/systemtap");
	struct dirent *e;
	int rc = 0;

	if (!d)
		return 0;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		free(sr.modname);
		sr.modname = strdup(e->d_name);
		if (!sr.modname || !detached(true))
			continue;
		rc |= delete_one();
	}
	closedir(d);
	return rc;
}

int delete_modules(void)
{
	int rc;

	if (load_init())
		return 1;
	if (!strcmp(sr.module_arg, "*")) {
		rc = delete_all();
	} else {
		sr.modname = module_name(sr.module_arg, false);
		if (!sr.modname || !detached(false)) {
			err("'%s' is not a zombie systemtap module.\n",
			    sr.modname ? sr.modname : sr.module_arg);
			load_exit();
			return EXIT_NOT_ZOMBIE;
		}
		rc = delete_one();
	}
	load_exit();
	return rc;
}
