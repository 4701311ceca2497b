/* SPDX-License-Identifier: GPL-2.0 */
/*
 * stap/probes/procfs.h - the "procfs" probe type: procfs("PATH").read and
 * .write, one file /proc/systemtap/MOD/PATH per distinct PATH, from session
 * registration to unregistration.
 *
 * A read probe fills the buffer of the open file with '$value = v' or
 * '$value .= v' (stap_procfs_set()); a write probe finds the written chunk
 * in it (stap_procfs_value(), stap_procfs_len()).  The buffer is the hit's
 * c->tdata.
 */
#ifndef _STAP_PROBES_PROCFS_H
#define _STAP_PROBES_PROCFS_H

#include <linux/types.h>

/* struct stap_procfs_args.umask when the probe has no .umask(N) */
#define STAP_PROCFS_NO_UMASK	0xffffffffu

struct stap_procfs_args {
	const char *path;	/* file name in /proc/systemtap/MOD/ */
	__u32 write;		/* 1: .write, 0: .read */
	__u32 umask;		/* .umask(N), or STAP_PROCFS_NO_UMASK */
	__u32 bufsize;		/* .maxsize(N), else STP_PROCFS_BUFSIZE; only
				 * the read probe's counts, a write takes
				 * MAXSTRINGLEN - 1 bytes at most */
};

#ifdef __KERNEL__
#include <stap/stap.h>

/* The buffer of one open file, lent to a handler as c->tdata. */
struct stap_procfs_io {
	char *buf;
	__u32 len;		/* bytes in buf, NULs included */
	__u32 size;		/* capacity, including the final NUL */
};

/*
 * Read probes: '$value = v' (append false) or '$value .= v' (append
 * true).  Past size - 1 bytes it keeps what fits and raises the error
 * "buffer size exceeded, consider .maxsize(N)."  Outside a "procfs"
 * probe it does nothing.
 */
void stap_procfs_set(struct stap_context *c, const char *v, bool append);

/* Write probes: the chunk written, NUL-terminated. */
static inline const char *stap_procfs_value(const struct stap_context *c)
{
	return ((const struct stap_procfs_io *)c->tdata)->buf;
}

static inline __u32 stap_procfs_len(const struct stap_context *c)
{
	return ((const struct stap_procfs_io *)c->tdata)->len;
}
#endif

#endif /* _STAP_PROBES_PROCFS_H */
