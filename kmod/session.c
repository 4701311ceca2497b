// SPDX-License-Identifier: GPL-2.0
/*
 * kmod/session.c - the session registry and state machine: register and
 * unregister a handler module, start (the types' start ops: begin probes;
 * then arm) and stop (disarm; the types' stop ops: end or error probes;
 * summary).  Probe types are reached through the session's probe sets
 * (kmod/probes.c), the control plane through the hooks kmod/main.c hands
 * over: this file names neither.
 */
#include "runtime.h"

#include <linux/cred.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/slab.h>

static LIST_HEAD(stap_sessions);
static DEFINE_MUTEX(stap_sessions_mutex);
static const struct stap_session_hooks *stap_hooks;
static DECLARE_WAIT_QUEUE_HEAD(stap_drain_wq);

/* How long a handler module's exit waits for its controller to read. */
#define STAP_DRAIN_TIMEOUT	(5 * HZ)

/* From kmod/main.c, before any session can register. */
void stap_session_hooks_set(const struct stap_session_hooks *h)
{
	stap_hooks = h;
}

/* Readers of the control and data channels look again. */
void stap_session_wake(void)
{
	stap_hooks->wake();
}

/*
 * A controller read or went away after the session died: the unregister
 * waiting in stap_session_drain() looks again.
 */
void stap_session_drained(struct stap_session *s)
{
	if (READ_ONCE(s->dead) && wq_has_sleeper(&stap_drain_wq))
		wake_up_all(&stap_drain_wq);
}

static bool stap_session_read_out(struct stap_session *s)
{
	return !atomic_read(&s->ctl_open) ||
	       (!stap_msg_pending(s) && !stap_relay_has_data(s));
}

/*
 * The module went away behind an attached staprun (rmmod): what the end
 * probes wrote is still in the buffers, and staprun reads it once it sees
 * the session dead.  Wait for that, a bounded time, before the files go:
 * a stopped or stuck controller cannot hold the unload up.
 */
static void stap_session_drain(struct stap_session *s)
{
	if (!s->chan || stap_session_read_out(s))
		return;
	if (!wait_event_timeout(stap_drain_wq, stap_session_read_out(s),
				STAP_DRAIN_TIMEOUT))
		pr_warn("%s: controller did not read the last output in %d s, dropped\n",
			s->name, STAP_DRAIN_TIMEOUT / HZ);
}

/* The error limit is exceeded: stop normal and end probes, run error ones. */
void stap_set_error_state(struct stap_session *s)
{
	int st = atomic_read(&s->state);

	while (st == STAP_S_STARTING || st == STAP_S_RUNNING ||
	       st == STAP_S_STOPPING) {
		int old = atomic_cmpxchg(&s->state, st, STAP_S_ERROR);

		if (old == st)
			break;
		st = old;
	}
	stap_request_exit(s);
}

/* ctl START: begin probes, then arm every other probe.  ctl_mutex held. */
int stap_session_start(struct stap_session *s, s32 target)
{
	int rc;

	if (atomic_read(&s->state) != STAP_S_LOADED)
		return -EALREADY;
	s->target = target;
	atomic_set(&s->state, STAP_S_STARTING);
	stap_probe_sets_start(s);
	if (atomic_read(&s->state) != STAP_S_STARTING)
		return 0;	/* exit() or an error in a begin probe */

	/* The begin probes set what the conditions read: arm accordingly. */
	clear_bit(STAP_SF_COND_DIRTY, &s->flags);
	stap_probes_sync(s, true);
	rc = stap_probes_attach(s);
	if (rc) {
		stap_probes_detach(s);
		stap_oob(s, "ERROR: probe registration failed (rc %d)\n", rc);
		stap_set_error_state(s);
		return rc;
	}
	atomic_cmpxchg(&s->state, STAP_S_STARTING, STAP_S_RUNNING);
	return 0;
}

/*
 * ctl EXIT, or unregister: disarm, run end probes (or error probes after an
 * error), report the counts.  ctl_mutex held; idempotent.
 */
void stap_session_stop(struct stap_session *s)
{
	int st = atomic_read(&s->state);
	int errors, skipped, lost;

	if (st == STAP_S_STOPPED)
		return;
	if (st == STAP_S_LOADED) {
		atomic_set(&s->state, STAP_S_STOPPED);
		return;
	}
	atomic_cmpxchg(&s->state, STAP_S_RUNNING, STAP_S_STOPPING);
	stap_probes_detach(s);
	stap_probe_sets_stop(s);

	errors = atomic_read(&s->error_count);
	skipped = atomic_read(&s->skipped);
	if (errors || skipped)
		stap_oob(s, "WARNING: Number of errors: %d, skipped probes: %d\n",
			 errors, skipped);
	lost = atomic_read(&s->transport_failures);
	if (lost)
		stap_oob(s, "WARNING: There were %d transport failures. Try stap -s to increase the buffer size from %zu.\n",
			 lost, s->subbuf_size * s->n_subbufs >> 20);
	atomic_set(&s->state, STAP_S_STOPPED);
}

/*
 * After stop: the types undo their init while the session directory still
 * exists (procfs probe files go first), then the directory goes, and with
 * it every file still open.
 */
static void stap_session_free(struct stap_session *s)
{
	stap_probe_sets_free(s);
	stap_hooks->dir_remove(s);
	stap_msg_free(s);
	stap_arming_free(s);	/* after the ctl timer, which queues its work */
	stap_relay_close(s);
	stap_contexts_free(s);
	stap_maps_free(s);
	kfree(s->trace_files);
	kfree(s);
}

int stap_session_register(const struct stap_module *m,
			  struct stap_session **sessp)
{
	struct stap_session *s;
	int rc;

	if (!m || !sessp || !m->owner)
		return -EINVAL;
	if (m->abi_version != STAP_ABI_VERSION) {
		pr_err("%s: built for handler ABI version %u, this runtime speaks version %d; rebuild the module\n",
		       m->owner->name, m->abi_version, STAP_ABI_VERSION);
		return -EPROTO;
	}

	s = kzalloc(sizeof(*s), GFP_KERNEL);
	if (!s)
		return -ENOMEM;
	s->m = m;
	s->name = m->owner->name;
	s->uid = current_uid();
	s->gid = current_gid();
	atomic_set(&s->state, STAP_S_LOADED);
	mutex_init(&s->ctl_mutex);
	s->lock = (arch_rwlock_t)__ARCH_RW_LOCK_UNLOCKED;
	INIT_LIST_HEAD(&s->list);

	/* First: stap_arming_free() cancels a work item it initialises. */
	rc = stap_arming_init(s);
	if (rc)
		goto fail;
	rc = stap_maps_init(s);
	if (rc)
		goto fail;
	rc = stap_contexts_alloc(s);
	if (rc)
		goto fail;
	rc = stap_relay_open(s);
	if (rc)
		goto fail;
	rc = stap_msg_init(s);
	if (rc)
		goto fail;
	rc = stap_hooks->dir_create(s);
	if (rc)
		goto fail;
	/* After the directory: a type's init may create files in it. */
	rc = stap_probe_sets_init(s);
	if (rc)
		goto fail;

	mutex_lock(&stap_sessions_mutex);
	list_add_tail(&s->list, &stap_sessions);
	mutex_unlock(&stap_sessions_mutex);
	*sessp = s;
	return 0;

fail:
	WRITE_ONCE(s->dead, true);
	stap_session_free(s);
	return rc;
}
EXPORT_SYMBOL_GPL(stap_session_register);

/*
 * From the handler module's exit: everything that points into it must be
 * gone on return.  Works whatever staprun did (killed, never started, files
 * still open).
 */
void stap_session_unregister(struct stap_session *s)
{
	if (!s)
		return;
	mutex_lock(&s->ctl_mutex);
	stap_session_stop(s);
	WRITE_ONCE(s->dead, true);
	mutex_unlock(&s->ctl_mutex);

	/* Blocked readers return and read the rest; then the files close. */
	stap_session_wake();
	stap_session_drain(s);

	mutex_lock(&stap_sessions_mutex);
	list_del(&s->list);
	mutex_unlock(&stap_sessions_mutex);
	stap_session_free(s);
}
EXPORT_SYMBOL_GPL(stap_session_unregister);
