/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kmod/include/stap/probe_type.h - the provider API: how a probe type
 * plugs into the resident runtime.
 *
 * Every probe type, the runtime's own (begin/end/error, hrtimer, jiffies,
 * profile, kprobe, kretprobe, procfs) and a provider module's, registers a
 * struct stap_probe_type under a unique name.  A handler module's probe
 * names its type (struct stap_probe.type) and points at the type's own
 * argument struct; the runtime hands the type the probes of a session that
 * name it, as one struct stap_probe_set, and never reads their arguments.
 *
 * A provider module outside the tree:
 *   - declares MODULE_ALIAS("stap-probe-NAME"), so that the runtime and
 *     staprun can load it on demand (request_module());
 *   - sets .api_version = STAP_PROVIDER_API_VERSION and .owner =
 *     THIS_MODULE; the runtime holds a reference on the owner while a
 *     session uses the type, so the provider cannot be removed under it;
 *   - calls stap_probe_type_register() in its init and
 *     stap_probe_type_unregister() in its exit;
 *   - runs a probe with stap_probe_hit(), lending the handler what its
 *     accessors read through c->tdata.
 *
 * STAP_PROVIDER_API_VERSION is versioned apart from the handler ABI: bump
 * it on any change to this header.  A provider built for another version
 * is refused at registration with a message.
 */
#ifndef _STAP_PROBE_TYPE_H
#define _STAP_PROBE_TYPE_H

#include <stap/stap.h>
#include <linux/list.h>

#define STAP_PROVIDER_API_VERSION	1

/* The module alias a provider of type NAME declares: "stap-probe-" NAME. */
#define STAP_PROBE_TYPE_ALIAS_PREFIX	"stap-probe-"

/* When a type's probes may run: stap_probe_hit() checks the session state. */
enum stap_when {
	STAP_WHEN_RUNNING = 0,		/* armed probes, between begin and end */
	STAP_WHEN_STARTING,		/* begin probes */
	STAP_WHEN_STOPPING,		/* end probes */
	STAP_WHEN_ERROR,		/* error probes, after the error limit */
};

/* What stap_probe_hit() and stap_probe_hit_sleepable() report. */
enum stap_hit {
	STAP_HIT_DONE,		/* the handler ran without error */
	STAP_HIT_OFF,		/* disarmed: disabled, or its condition false */
	STAP_HIT_IDLE,		/* the session is not in the type's state */
	STAP_HIT_SKIPPED,	/* reentrancy or global lock timeout: counted */
	STAP_HIT_FAILED,	/* the handler raised an error: reported */
	STAP_HIT_BUSY,		/* sleepable: a signal came while waiting */
};

struct stap_probe_type;

/*
 * The probes of one session that name one type, in script order.  The
 * runtime builds it at session registration; the type keeps what it needs
 * in priv.
 */
struct stap_probe_set {
	struct stap_session *session;
	const struct stap_module *m;
	struct stap_probe_type *type;
	u32 n;
	const u32 *idx;			/* [n]: indexes into m->probes */
	void *priv;			/* the type's, from init to free */
};

static inline const struct stap_probe *
stap_set_probe(const struct stap_probe_set *set, u32 i)
{
	return &set->m->probes[set->idx[i]];
}

/*
 * A probe type.  Every op is optional and runs in process context; none
 * runs concurrently with another op on the same set.
 */
struct stap_probe_type {
	u32 api_version;		/* STAP_PROVIDER_API_VERSION */
	const char *name;		/* what struct stap_probe.type says */
	struct module *owner;		/* THIS_MODULE */
	enum stap_when when;		/* the state its probes run in */

	/* One probe of a handler module at registration: 0 or -errno. */
	int (*check)(const struct stap_probe *p);
	/* The session is registered (its /proc directory exists). */
	int (*init)(struct stap_probe_set *set);
	/* The session goes; undo init.  Called after a failed init too. */
	void (*free)(struct stap_probe_set *set);
	/*
	 * The session starts, before any type attaches (begin probes).
	 * start and stop run set by set in enum stap_when order (RUNNING
	 * types, then begin, end, error), script order within one state.
	 */
	void (*start)(struct stap_probe_set *set);
	/*
	 * Arm every probe not disabled (stap_probe_is_off()).  A probe
	 * that fails is a warning (stap_session_warn()); a negative return
	 * is fatal, and detach() undoes what was done.
	 */
	int (*attach)(struct stap_probe_set *set);
	/*
	 * Disarm; on return no handler of the set runs any more.  Called
	 * for each set whose attach ran, failed or not (a set without an
	 * attach op counts as attached once the sets before it are).
	 */
	void (*detach)(struct stap_probe_set *set);
	/* The session stops, after every type detached (end, error probes). */
	void (*stop)(struct stap_probe_set *set);
	/* Really arm or disarm probe i while attached (enable/disable). */
	void (*arm)(struct stap_probe_set *set, u32 i, bool on);
	/*
	 * Hits the kernel missed for probe i so far: skipped probes.  The
	 * runtime reads it while attached, and folds it into the session's
	 * counts just before detach.
	 */
	u64 (*missed)(struct stap_probe_set *set, u32 i);

	/* The runtime's, zero-initialised. */
	struct list_head list;
	atomic_t users;			/* sessions using the type */
};

int stap_probe_type_register(struct stap_probe_type *t);
/* Waits until no session uses the type any more. */
void stap_probe_type_unregister(struct stap_probe_type *t);

/*
 * Run the handler of probe i, from any context, preemption disabled.
 * regs and tdata are what the handler's context reads (c->regs,
 * c->tdata), NULL when the type has none.
 */
enum stap_hit stap_probe_hit(struct stap_probe_set *set, u32 i,
			     struct pt_regs *regs, void *tdata);
/*
 * The same from process context, where the caller may sleep: a global
 * lock held by another handler is waited for, never counted as a skipped
 * probe.  STAP_HIT_BUSY when a signal interrupts the wait.
 */
enum stap_hit stap_probe_hit_sleepable(struct stap_probe_set *set, u32 i,
				       void *tdata);

/* Probe i is disabled or its condition is false: attach it disarmed. */
bool stap_probe_is_off(const struct stap_probe_set *set, u32 i);

/* "WARNING: fmt\n" on staprun's stderr (fmt without the newline). */
void stap_session_warn(struct stap_session *s, const char *fmt, ...)
	__printf(2, 3);

/*
 * Probe types described by a tapset file (probe_type declarations) get
 * their point's arguments as name/value pairs: strings and numbers as the
 * script wrote them.
 */
struct stap_point_arg {
	const char *name;
	const char *str;		/* NULL for a number */
	s64 num;
};

struct stap_point_args {
	u32 n;
	const struct stap_point_arg *v;
};

static inline const struct stap_point_arg *
stap_point_arg(const struct stap_probe *p, const char *name)
{
	const struct stap_point_args *a = p->args;
	u32 i;

	for (i = 0; a && i < a->n; i++)
		if (!strcmp(a->v[i].name, name))
			return &a->v[i];
	return NULL;
}

#endif /* _STAP_PROBE_TYPE_H */
