/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kmod/include/stap/ctl.h - the wire format between systemtap.ko and staprun.
 *
 * Shared by the kernel and by staprun (userspace), so only <linux/types.h>.
 *
 * /proc/systemtap/MOD/.cmd   control channel, mode 0600, one opener at a time
 * /proc/systemtap/MOD/traceN relay data channel of CPU N, mode 0400
 *
 * .cmd messages, both directions: a __u32 type, then the payload.  One
 * read() returns exactly one message; one write() carries exactly one.
 *
 * traceN records: struct stap_trace_hdr, then len bytes of output.  seq is
 * global across CPUs: staprun prints records in seq order.  A record with
 * len 0 is switch_file(): staprun moves to its next output file there.
 *
 * Attach and detach: opening .cmd attaches a controller.  While nobody has
 * it open (staprun -L, Ctrl-\, staprun killed) the session keeps running
 * and its relay buffers overwrite the oldest output (the flight recorder);
 * while attached a full buffer drops the new record and counts it.
 */
#ifndef _STAP_CTL_H
#define _STAP_CTL_H

#include <linux/types.h>
#ifdef __KERNEL__
#include <linux/string.h>
#else
#include <stdbool.h>
#include <string.h>
#endif

#define STAP_CTL_VERSION	2

/* Message types; numbered as SystemTap 5.x numbers them. */
enum stap_ctl_type {
	STAP_CTL_START		= 0x50,	/* ctl->mod: struct stap_ctl_start;
					 * mod->ctl: struct stap_ctl_start_reply */
	STAP_CTL_EXIT		= 0x51,	/* ctl->mod: stop, run end probes;
					 * mod->ctl: stopped, output flushed;
					 * struct stap_ctl_exit_reply */
	STAP_CTL_OOB_DATA	= 0x52,	/* mod->ctl: "WARNING: ..." or "ERROR: ..."
					 * text, printed on stderr */
	STAP_CTL_TRANSPORT	= 0x54,	/* mod->ctl: struct stap_ctl_transport,
					 * the first message after open */
	STAP_CTL_READY		= 0x58,	/* ctl->mod: first message, no payload */
	STAP_CTL_REQUEST_EXIT	= 0x5d,	/* mod->ctl: exit() or too many errors */
};

#define STAP_CTL_MSG_MAX	512	/* largest payload either way */

struct stap_ctl_start {
	__s32 target;			/* target() pid, 0 if none */
};

struct stap_ctl_start_reply {
	__s32 res;			/* 0, or -errno: begin failed */
};

/* The session's state, as an attaching controller finds it. */
enum stap_ctl_state {
	STAP_CTL_S_LOADED	= 0,	/* never started: send START */
	STAP_CTL_S_RUNNING	= 1,	/* begin probes done (staprun -A) */
	STAP_CTL_S_STOPPED	= 2,	/* end probes done: send EXIT, unload */
};

struct stap_ctl_transport {
	__u32 ctl_version;		/* STAP_CTL_VERSION */
	__u32 ncpus;			/* trace0 .. trace<ncpus-1> exist */
	__u32 subbuf_size;
	__u32 n_subbufs;
	__u32 state;			/* enum stap_ctl_state */
	__s32 target;			/* target() of a started session */
};

/* Output the runtime dropped because a relay buffer was full. */
struct stap_ctl_exit_reply {
	__u64 lost_records;
	__u64 lost_bytes;
};

/*
 * The names the runtime itself uses in /proc/systemtap/MOD/ (.cmd,
 * .control, trace0..N): stap refuses them as procfs probe paths, the
 * runtime refuses a module that asks for one anyway.
 */
static inline bool stap_procfs_reserved(const char *name)
{
	if (!strcmp(name, ".cmd") || !strcmp(name, ".control"))
		return true;
	if (strncmp(name, "trace", 5) || !name[5])
		return false;
	for (name += 5; *name; name++)
		if (*name < '0' || *name > '9')
			return false;
	return true;
}

/*
 * /proc/systemtap/probe_types: one line per registered probe type,
 * "NAME MODULE USERS".  Sessions are named after their modules, in the
 * same directory: a module of that name is refused.
 */
#define STAP_PROC_PROBE_TYPES	"probe_types"

static inline bool stap_session_name_reserved(const char *name)
{
	return !strcmp(name, STAP_PROC_PROBE_TYPES);
}

#define STAP_TRACE_MAGIC	0xF09FA9BAu	/* UTF-8 stethoscope, as stap */

struct stap_trace_hdr {
	__u32 magic;
	__u32 seq;
	__u32 len;
};

#endif /* _STAP_CTL_H */
