// SPDX-License-Identifier: GPL-2.0
/*
 * kmod/context.c - per-CPU contexts and the prologue/epilogue every probe
 * handler runs in: state check, reentrancy guard, global lock, errors,
 * skipped-probe accounting, print flush.
 */
#include "runtime.h"

#include <linux/cpumask.h>
#include <linux/delay.h>
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

/*
 * Run one handler.  Called with preemption disabled, from any context
 * (process, softirq, hardirq, kprobe with interrupts off).
 */
void stap_probe_run(struct stap_session *s, const struct stap_probe *p,
		    struct pt_regs *regs, int want_state)
{
	const u32 lockf = STAP_PF_LOCK_READ | STAP_PF_LOCK_WRITE;
	struct stap_context *c;
	struct stap_cpu *sc;

	if (atomic_read(&s->state) != want_state)
		return;
	sc = s->cpus[smp_processor_id()];
	if (atomic_cmpxchg(&sc->busy, 0, 1)) {
		stap_count_skip(s);
		return;
	}
	c = &sc->c;
	c->probe = p;
	c->regs = regs;
	c->locals = sc->locals;
	c->actionremaining = s->m->maxaction;
	c->last_error = NULL;
	c->last_stmt = NULL;

	if ((p->flags & lockf) && !stap_lock(s, p->flags)) {
		stap_count_skip(s);
		goto out;
	}
	p->handler(c);
	if (p->flags & lockf)
		stap_unlock(s, p->flags);

	if (unlikely(c->last_error))
		stap_handler_error(s, c);
	stap_print_flush(s, sc);
out:
	c->probe = NULL;
	c->regs = NULL;
	atomic_set_release(&sc->busy, 0);
}

void stap_exit(struct stap_context *c)
{
	struct stap_session *s = c->session;

	/* Other probes stop firing at once; end probes run on ctl EXIT. */
	if (atomic_cmpxchg(&s->state, STAP_S_RUNNING, STAP_S_STOPPING) !=
	    STAP_S_RUNNING)
		atomic_cmpxchg(&s->state, STAP_S_STARTING, STAP_S_STOPPING);
	stap_request_exit(s);
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
