// SPDX-License-Identifier: GPL-2.0
/*
 * kmod/context.c - per-CPU contexts and the prologue/epilogue every probe
 * handler runs in: state and arming check, reentrancy guard, global lock,
 * per-probe statistics, errors, skipped-probe accounting, print flush.
 */
#include "runtime.h"

#include <linux/cpumask.h>
#include <linux/delay.h>
#include <linux/percpu.h>
#include <linux/sched/clock.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/string.h>
#include <linux/topology.h>

int stap_contexts_alloc(struct stap_session *s)
{
	size_t locals = ALIGN(s->m->locals_size, 8);
	size_t tok = s->m->maxstringlen ? s->m->maxstringlen : MAXSTRINGLEN;
	size_t size = sizeof(struct stap_cpu) + locals + tok;
	unsigned int cpu;

	s->cpus = kcalloc(nr_cpu_ids, sizeof(*s->cpus), GFP_KERNEL);
	if (!s->cpus)
		return -ENOMEM;
	for_each_possible_cpu(cpu) {
		struct stap_cpu *sc;

		sc = kvzalloc_node(size, GFP_KERNEL, cpu_to_node(cpu));
		if (!sc)
			goto fail;
		sc->c.session = s;
		sc->c.locals = sc->locals;
		sc->c.tok_str = (char *)sc->locals + locals;	/* tokenize() */
		s->cpus[cpu] = sc;
	}
	return 0;

fail:
	stap_contexts_free(s);
	return -ENOMEM;
}

void stap_contexts_free(struct stap_session *s)
{
	unsigned int cpu;

	if (!s->cpus)
		return;
	for_each_possible_cpu(cpu)
		kvfree(s->cpus[cpu]);
	kfree(s->cpus);
	s->cpus = NULL;
}

/* A probe that could not run: reentrant, lock timeout, kprobe miss. */
void stap_count_skip(struct stap_session *s)
{
	int n = atomic_inc_return(&s->skipped);

	if (n <= s->m->maxskipped ||
	    test_and_set_bit(STAP_SF_SKIP_REPORTED, &s->flags))
		return;
	stap_oob(s, "ERROR: Skipped too many probes, check MAXSKIPPED or try again with stap -t for more details.\n");
	stap_set_error_state(s);
}

/*
 * The script's global lock: an arch rwlock taken only with trylock, so it
 * is safe with interrupts off, in any context, and on PREEMPT_RT.
 */
static bool stap_lock(struct stap_session *s, u32 flags)
{
	int i;

	for (i = 0; i < s->m->maxtrylock; i++) {
		if (flags & STAP_PF_LOCK_WRITE) {
			if (arch_write_trylock(&s->lock))
				return true;
		} else if (arch_read_trylock(&s->lock)) {
			return true;
		}
		udelay(s->m->trylockdelay);
	}
	return false;
}

static void stap_unlock(struct stap_session *s, u32 flags)
{
	if (flags & STAP_PF_LOCK_WRITE)
		arch_write_unlock(&s->lock);
	else
		arch_read_unlock(&s->lock);
}

static void stap_handler_error(struct stap_session *s, struct stap_context *c)
{
	int n = atomic_inc_return(&s->error_count);

	/* --suppress-handler-errors: counted for the summary, nothing else */
	if (s->m->flags & STAP_MF_SUPPRESS_ERRORS)
		return;
	if (c->last_stmt)
		stap_oob(s, "ERROR: %s near %s\n", c->last_error, c->last_stmt);
	else
		stap_oob(s, "ERROR: %s\n", c->last_error);
	if (n > s->m->maxerrors)
		stap_set_error_state(s);
}

/* A probe of the table that could not run: its own counter, then the total. */
static void stap_count_probe_skip(struct stap_session *s, u32 idx)
{
	if (idx < s->m->nprobes)
		this_cpu_inc(s->stats[idx].skips);
	stap_count_skip(s);
}

/* The session state each enum stap_when names. */
static const u8 stap_when_state[] = {
	[STAP_WHEN_RUNNING] = STAP_S_RUNNING,
	[STAP_WHEN_STARTING] = STAP_S_STARTING,
	[STAP_WHEN_STOPPING] = STAP_S_STOPPING,
	[STAP_WHEN_ERROR] = STAP_S_ERROR,
};

/*
 * Run one handler.  Called with preemption disabled, from any context
 * (process, softirq, hardirq, kprobe with interrupts off).  idx is the
 * probe's index in m->probes, or U32_MAX for the runtime's own pseudo probe
 * (m->cond_eval), which has no statistics and cannot be disabled.  tdata is
 * what the probe's type lends the handler (c->tdata).  With retry, a global
 * lock timeout is STAP_HIT_BUSY, not yet a skip.
 */
static __always_inline enum stap_hit
__stap_probe_run(struct stap_session *s, const struct stap_probe *p, u32 idx,
		 struct pt_regs *regs, int want_state, void *tdata, bool retry)
{
	const u32 lockf = STAP_PF_LOCK_READ | STAP_PF_LOCK_WRITE;
	const bool table = idx < s->m->nprobes;
	struct stap_context *c;
	struct stap_cpu *sc;
	enum stap_hit rc;
	u64 t0;

	if (atomic_read(&s->state) != want_state)
		return STAP_HIT_IDLE;
	if (table && READ_ONCE(s->probe_off[idx]))
		return STAP_HIT_OFF;
	sc = s->cpus[smp_processor_id()];
	if (atomic_cmpxchg(&sc->busy, 0, 1)) {
		stap_count_probe_skip(s, idx);
		return STAP_HIT_SKIPPED;
	}
	c = &sc->c;
	c->probe = p;
	c->regs = regs;
	c->tdata = tdata;
	c->locals = sc->locals;
	c->actionremaining = s->m->maxaction;
	c->last_error = NULL;
	c->last_stmt = NULL;

	if ((p->flags & lockf) && !stap_lock(s, p->flags)) {
		if (retry) {
			rc = STAP_HIT_BUSY;
			goto out;
		}
		stap_count_probe_skip(s, idx);
		rc = STAP_HIT_SKIPPED;
		goto out;
	}
	t0 = local_clock();
	p->handler(c);
	t0 = local_clock() - t0;
	/*
	 * Flushed before the unlock: handlers that share a global then
	 * print in the order they held its lock, whichever CPU they ran on.
	 */
	stap_print_flush(s, sc);
	if (p->flags & lockf)
		stap_unlock(s, p->flags);
	if (table) {
		this_cpu_add(s->stats[idx].ns, t0);
		this_cpu_inc(s->stats[idx].hits);
	}
	/* Conditions may have changed: the ctl timer re-evaluates them. */
	if ((p->flags & STAP_PF_COND_WRITE) &&
	    !test_bit(STAP_SF_COND_DIRTY, &s->flags))
		set_bit(STAP_SF_COND_DIRTY, &s->flags);

	rc = STAP_HIT_DONE;
	if (unlikely(c->last_error)) {
		stap_handler_error(s, c);
		rc = STAP_HIT_FAILED;
	}
out:
	c->probe = NULL;
	c->regs = NULL;
	c->tdata = NULL;
	atomic_set_release(&sc->busy, 0);
	return rc;
}

/* Probe i of a set, in the state its type's ->when names. */
enum stap_hit stap_probe_hit(struct stap_probe_set *set, u32 i,
			     struct pt_regs *regs, void *tdata)
{
	struct stap_session *s = set->session;
	u32 idx = set->idx[i];

	return __stap_probe_run(s, &s->m->probes[idx], idx, regs,
				stap_when_state[set->type->when], tdata, false);
}
EXPORT_SYMBOL_GPL(stap_probe_hit);

/*
 * From a read() or write() in process context (procfs probes, a
 * provider's ioctl): a caller that finds the global lock taken waits its
 * turn, as SystemTap's openers wait for the file: a global lock timeout is
 * retried after a nap and is never a skipped probe (8 writers and 8
 * readers on one procfs file once hit MAXSKIPPED and ended the session).
 * STAP_HIT_BUSY only when a signal is pending.
 */
enum stap_hit stap_probe_hit_sleepable(struct stap_probe_set *set, u32 i,
				       void *tdata)
{
	struct stap_session *s = set->session;
	u32 idx = set->idx[i];
	int want = stap_when_state[set->type->when];
	enum stap_hit rc;

	might_sleep();
	for (;;) {
		preempt_disable();
		rc = __stap_probe_run(s, &s->m->probes[idx], idx, NULL, want,
				      tdata, true);
		preempt_enable();
		if (rc != STAP_HIT_BUSY || signal_pending(current))
			return rc;
		usleep_range(200, 1000);
	}
}
EXPORT_SYMBOL_GPL(stap_probe_hit_sleepable);

/* m->cond_eval, as a handler that reads globals; preemption disabled. */
enum stap_hit stap_probe_run_cond(struct stap_session *s, int want_state)
{
	return __stap_probe_run(s, &s->cond_probe, U32_MAX, NULL, want_state,
				NULL, false);
}

/* exit() and the control file's "stop": end probes run on ctl EXIT. */
void stap_session_exit(struct stap_session *s)
{
	/* Other probes stop firing at once. */
	if (atomic_cmpxchg(&s->state, STAP_S_RUNNING, STAP_S_STOPPING) !=
	    STAP_S_RUNNING)
		atomic_cmpxchg(&s->state, STAP_S_STARTING, STAP_S_STOPPING);
	stap_request_exit(s);
}

s64 stap_target(struct stap_context *c)
{
	return c->session->target;
}
EXPORT_SYMBOL_GPL(stap_target);

void stap_exit(struct stap_context *c)
{
	stap_session_exit(c->session);
}
EXPORT_SYMBOL_GPL(stap_exit);

void stap_error(struct stap_context *c, const char *msg)
{
	if (msg != c->error_buf)
		strscpy(c->error_buf, msg ? msg : "", sizeof(c->error_buf));
	c->last_error = c->error_buf;
}
EXPORT_SYMBOL_GPL(stap_error);

void stap_warn(struct stap_context *c, const char *msg)
{
	size_t n = msg ? strlen(msg) : 0;

	stap_oob(c->session, "WARNING: %s%s", msg ? msg : "",
		 n && msg[n - 1] == '\n' ? "" : "\n");
}
EXPORT_SYMBOL_GPL(stap_warn);
