/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kmod/include/stap/stap.h - the handler ABI.
 *
 * This is the only header a generated handler module includes.  A handler
 * module describes its probes in a const struct stap_module and hands it to
 * the resident runtime (systemtap.ko) with stap_session_register(); the
 * runtime does everything else: probe registration, per-CPU contexts,
 * locking, output, the /proc/systemtap/MOD/ control plane.
 *
 * Bump STAP_ABI_VERSION on any change to the structures or the semantics of
 * the functions below; the runtime refuses a handler module built against a
 * different version.
 */
#ifndef _STAP_STAP_H
#define _STAP_STAP_H

#include <linux/types.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/compiler.h>

#define STAP_ABI_VERSION	7

/* Limits; a script overrides them with stap -DNAME=VALUE. */
#ifndef MAXSTRINGLEN
#define MAXSTRINGLEN		512
#endif
#ifndef MAXACTION
#define MAXACTION		1000
#endif
#ifndef MAXACTION_INTERRUPTIBLE
#define MAXACTION_INTERRUPTIBLE	(MAXACTION * 10)
#endif
#ifndef MAXERRORS
#define MAXERRORS		0
#endif
#ifndef MAXSKIPPED
#define MAXSKIPPED		100
#endif
#ifndef MAXTRYLOCK
#define MAXTRYLOCK		100
#endif
#ifndef TRYLOCKDELAY
#define TRYLOCKDELAY		10	/* us */
#endif
#ifndef MAXMAPENTRIES
#define MAXMAPENTRIES		2048
#endif

/* struct stap_probe.flags: which global lock the handler needs. */
#define STAP_PF_LOCK_READ	0x1	/* reads globals */
#define STAP_PF_LOCK_WRITE	0x2	/* writes globals */
#define STAP_PF_COND		0x4	/* 'probe X if (cond)': armed while cond holds */
#define STAP_PF_COND_WRITE	0x8	/* writes a global some condition reads */
#define STAP_PF_RETURN		0x10	/* a return probe: is_return() is true */
#define STAP_PF_FUNC_IP		0x20	/* regs' ip is in the probed function:
					 * probefunc() names its symbol */

struct stap_context;
struct stap_session;

typedef void (*stap_handler_t)(struct stap_context *c);

/*
 * One probe of a script.  Points into the handler module's rodata.  The
 * runtime finds the probe type by name (<stap/probe_type.h>); args points
 * at that type's own argument struct, declared in its header
 * (<stap/probes/timer.h> for "hrtimer", ...).  Only the type reads it.
 */
struct stap_probe {
	const char *type;		/* probe type name: "begin", "kprobe"... */
	u32 flags;			/* STAP_PF_* */
	const char *pp;			/* probe point, as pp() returns it */
	stap_handler_t handler;
	const void *args;		/* the type's arguments, or NULL */
};

/* What a handler module hands to stap_session_register(). */
struct stap_module {
	u32 abi_version;		/* STAP_ABI_VERSION */
	u32 nprobes;
	struct module *owner;		/* THIS_MODULE; its name names the session */
	const struct stap_probe *probes;
	size_t locals_size;		/* per-CPU scratch for handler locals */
	long maxaction;			/* statements per probe hit */
	int maxerrors;
	int maxskipped;
	const char *script;		/* script file name, "<input>" for -e */
	const struct stap_map_desc *maps;	/* global arrays and statistics */
	u32 nmaps;
	u32 maxstringlen;		/* MAXSTRINGLEN the module was built with */
	u32 flags;			/* STAP_MF_* */
	u32 maxtrylock;			/* MAXTRYLOCK: global lock attempts */
	u32 trylockdelay;		/* TRYLOCKDELAY: us between attempts */
	/*
	 * Evaluates the condition of every STAP_PF_COND probe and reports each
	 * with stap_probe_cond(); NULL when no probe has a condition.  The
	 * runtime runs it like a handler that reads globals.
	 */
	stap_handler_t cond_eval;
	/*
	 * The handler module's _stp_bufsize parameter (stap -s N, staprun
	 * -b N): relay buffer MB per CPU, 1..4095; 0 picks the default.
	 */
	const unsigned int *bufsize_mb;
};

/* struct stap_module.flags */
#define STAP_MF_SUPPRESS_ERRORS	0x1	/* --suppress-handler-errors */

/*
 * The per-CPU context a handler runs with.  The runtime owns it; handlers
 * read and write the fields documented here and nothing else.
 */
struct stap_context {
	struct stap_session *session;
	const struct stap_probe *probe;
	struct pt_regs *regs;		/* registers at the probe, or NULL */
	/*
	 * What the probe type lends this hit, or NULL: a procfs file's
	 * buffer, a tracepoint's arguments, a provider's hook state.  The
	 * type's header says what it is and gives the accessors.  Not
	 * const: a procfs read probe fills the buffer it is lent.
	 */
	void *tdata;
	void *locals;			/* locals_size bytes, not zeroed */
	long actionremaining;		/* decremented per statement */
	const char *last_error;		/* set: the handler unwinds */
	const char *last_stmt;		/* "near" token of the error, or NULL */
	char error_buf[128];		/* for formatted last_error text */
	/* tokenize() state, kept across calls as SystemTap's context does */
	char *tok_str;			/* maxstringlen bytes */
	char *tok_start, *tok_end;
};

int stap_session_register(const struct stap_module *m,
			  struct stap_session **sessp);
void stap_session_unregister(struct stap_session *s);

/* Output: buffered per CPU, flushed to the relay channel after the handler. */
void stap_print(struct stap_context *c, const char *s);
/*
 * SystemTap formats (kmod/format.c): every integer and '*' argument is an
 * s64, %s takes a string, plus %b %m %M.  After a %m/%M read fault
 * c->last_error is set and the handler must unwind.
 */
void stap_printf(struct stap_context *c, const char *fmt, ...);
int stap_snprintf(struct stap_context *c, char *buf, size_t size,
		  const char *fmt, ...);
int stap_vsnprintf(struct stap_context *c, char *buf, size_t size,
		   const char *fmt, va_list ap);

/* Raw bytes (printf %b, %m): may contain NULs. */
void stap_print_bytes(struct stap_context *c, const void *p, size_t n);

/* exit(): end probes run once the current handler returns. */
void stap_exit(struct stap_context *c);
/* error(msg): sets c->last_error (copied); the handler must then unwind. */
void stap_error(struct stap_context *c, const char *msg);
/* warn(msg): "WARNING: msg" on staprun's stderr. */
void stap_warn(struct stap_context *c, const char *msg);

/*
 * Module parameter ops for scalar long globals, SystemTap-compatible:
 * decimal, 0x hex, 0 octal, a leading '-', 64-bit wrap as strtoull; junk is
 * -EINVAL.  Use module_param_cb(name, &stap_param_ops_long, &var, 0) on an
 * s64.  String globals use the kernel's module_param_string(name, buf,
 * MAXSTRINGLEN, 0).
 */
extern const struct kernel_param_ops stap_param_ops_long;

/* From m->cond_eval: the condition of probe number idx is now 'on'. */
void stap_probe_cond(struct stap_context *c, u32 idx, bool on);

/* target(): the pid of stap -c CMD or stap -x PID, 0 without either. */
s64 stap_target(struct stap_context *c);

/*
 * switch_file(): staprun writing to -o FILE with -S moves on to the next
 * file after the output printed so far (a marker record, in order).
 */
void stap_switch_file(struct stap_context *c);

/* Statement budget check, emitted before every statement. */
#define STAP_ACTION(c, n, where)					\
	(unlikely(((c)->actionremaining -= (n)) < 0) ?			\
	 ((c)->last_error = "MAXACTION exceeded",			\
	  (c)->last_stmt = (where), 1) : 0)

#include <stap/map.h>
#include <stap/regex.h>
#include <stap/tapset.h>

#endif /* _STAP_STAP_H */
