// SPDX-License-Identifier: GPL-2.0
/*
 * common/groups.c - SystemTap's privilege groups: stapdev may compile and
 * run anything, stapusr and stapsys may run the modules an administrator
 * put in /lib/modules/KVER/systemtap/.  Shared by stap (which refuses
 * pass 5 up front, as 4.8) and staprun (which enforces it).
 */
#include <grp.h>
#include <limits.h>
#include <unistd.h>

#include "groups.h"

bool in_group(const char *name)
{
	struct group *g = getgrnam(name);
	gid_t groups[NGROUPS_MAX];
	int i, n;

	if (!g)
		return false;
	if (getgid() == g->gr_gid)
		return true;
	n = getgroups(NGROUPS_MAX, groups);
	for (i = 0; i < n; i++)
		if (groups[i] == g->gr_gid)
			return true;
	return false;
}

bool may_run_modules(void)
{
	return getuid() == 0 || in_group("stapusr") || in_group("stapsys") ||
	       in_group("stapdev");
}
