/* SPDX-License-Identifier: GPL-2.0 */
/* common/groups.h - SystemTap's privilege groups, for stap and staprun. */
#ifndef STAP_COMMON_GROUPS_H
#define STAP_COMMON_GROUPS_H

#include <stdbool.h>

/* Is the real user in group NAME (primary or supplementary)? */
bool in_group(const char *name);

/* Root, or a member of stapusr, stapsys or stapdev. */
bool may_run_modules(void);

#endif
