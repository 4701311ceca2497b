/* SPDX-License-Identifier: GPL-2.0 */
/*
 * stap/probes/begin_end.h - the "begin", "end" and "error" probe types:
 * run from the control channel in process context, in ascending priority
 * (begin(N), end(N), error(N)); equal priorities keep script order.
 */
#ifndef _STAP_PROBES_BEGIN_END_H
#define _STAP_PROBES_BEGIN_END_H

#include <linux/types.h>

struct stap_been_args {
	__s64 priority;
};

#endif /* _STAP_PROBES_BEGIN_END_H */
