// SPDX-License-Identifier: GPL-2.0
/*
 * kmod/msg.c - the module -> staprun message queue of a session: control
 * replies, and warnings/errors (OOB) from any context.  Probe context never
 * sleeps nor wakes anyone: a 20 ms timer delivers REQUEST_EXIT, wakes the
 * reader and queues the re-evaluation of dirty probe conditions.
 */
#include "runtime.h"

#include <linux/delay.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>

/* Take the queue lock from probe context: never spin on our own CPU. */
static bool msg_trylock(struct stap_session *s, unsigned long *flags)
{
	int i;

	for (i = 0; i < MAXTRYLOCK; i++) {
		if (raw_spin_trylock_irqsave(&s->msg_lock, *flags))
			return true;
		udelay(1);
	}
	return false;
}

/* Queue lock held: a free slot, or NULL.  Probes leave some for replies. */
static struct stap_msg *msg_slot(struct stap_session *s, bool reserved)
{
	u32 limit = STAP_MSGQ_LEN - (reserved ? 0 : STAP_MSGQ_RESERVED);

	if (s->msg_count >= limit)
		return NULL;
	return &s->msgq[(s->msg_head + s->msg_count++) % STAP_MSGQ_LEN];
}

/* A control reply, from process context; wakes the reader at once. */
int stap_msg_ctl(struct stap_session *s, u32 type, const void *data, u32 len)
{
	struct stap_msg *msg;
	unsigned long flags;

	if (len > STAP_CTL_MSG_MAX)
		return -EINVAL;
	raw_spin_lock_irqsave(&s->msg_lock, flags);
	msg = msg_slot(s, true);
	if (msg) {
		msg->type = type;
		msg->len = len;
		memcpy(msg->data, data, len);
	}
	raw_spin_unlock_irqrestore(&s->msg_lock, flags);
	if (!msg) {
		atomic_inc(&s->msg_dropped);
		return -ENOSPC;
	}
	stap_session_wake();
	return 0;
}

/* "WARNING: ..." or "ERROR: ..." text for staprun's stderr; any context. */
void stap_oob(struct stap_session *s, const char *fmt, ...)
{
	bool err = fmt[0] == 'E';
	struct stap_msg *msg = NULL;
	unsigned long flags;
	va_list ap;
	int n;

	if (msg_trylock(s, &flags)) {
		msg = msg_slot(s, false);
		if (msg) {
			va_start(ap, fmt);
			n = vsnprintf(msg->data, sizeof(msg->data), fmt, ap);
			va_end(ap);
			msg->type = STAP_CTL_OOB_DATA;
			msg->len = clamp_t(int, n, 0, sizeof(msg->data) - 1);
		}
		raw_spin_unlock_irqrestore(&s->msg_lock, flags);
	}
	if (!msg) {
		atomic_inc(&s->msg_dropped);
		set_bit(err ? STAP_SF_OVF_ERR : STAP_SF_OVF_WARN, &s->flags);
	}
}

bool stap_msg_pending(struct stap_session *s)
{
	return READ_ONCE(s->msg_count) || READ_ONCE(s->transport_pending);
}

/* The session's state as an attaching controller needs to know it. */
static u32 ctl_state(struct stap_session *s)
{
	switch (atomic_read(&s->state)) {
	case STAP_S_LOADED:
		return STAP_CTL_S_LOADED;
	case STAP_S_STOPPED:
		return STAP_CTL_S_STOPPED;
	default:
		return STAP_CTL_S_RUNNING;
	}
}

/* The next message for the reader, TRANSPORT first after each open. */
bool stap_msg_pop(struct stap_session *s, struct stap_msg *out)
{
	unsigned long flags;
	bool ok = true;

	raw_spin_lock_irqsave(&s->msg_lock, flags);
	if (s->transport_pending) {
		struct stap_ctl_transport t = {
			.ctl_version = STAP_CTL_VERSION,
			.ncpus = nr_cpu_ids,
			.subbuf_size = s->subbuf_size,
			.n_subbufs = s->n_subbufs,
			.state = ctl_state(s),
			.target = s->target,
		};

		s->transport_pending = false;
		out->type = STAP_CTL_TRANSPORT;
		out->len = sizeof(t);
		memcpy(out->data, &t, sizeof(t));
	} else if (s->msg_count) {
		*out = s->msgq[s->msg_head];
		s->msg_head = (s->msg_head + 1) % STAP_MSGQ_LEN;
		s->msg_count--;
	} else {
		ok = false;
	}
	raw_spin_unlock_irqrestore(&s->msg_lock, flags);
	return ok;
}

static void msg_overflow(struct stap_session *s, int bit, int sent,
			 const char *kind)
{
	char text[64];
	int n;

	if (!test_bit(bit, &s->flags) || test_and_set_bit(sent, &s->flags))
		return;
	n = snprintf(text, sizeof(text),
		     "WARNING: too many pending (%s) messages\n", kind);
	stap_msg_ctl(s, STAP_CTL_OOB_DATA, text, n);
}

static void stap_ctl_timer(struct timer_list *t)
{
	struct stap_session *s = timer_container_of(s, t, timer);
	bool wake = false;
	u32 seq;

	if (test_bit(STAP_SF_EXIT_REQ, &s->flags) &&
	    !test_and_set_bit(STAP_SF_EXIT_SENT, &s->flags))
		stap_msg_ctl(s, STAP_CTL_REQUEST_EXIT, NULL, 0);
	msg_overflow(s, STAP_SF_OVF_WARN, STAP_SF_OVF_WARN_SENT, "warning");
	msg_overflow(s, STAP_SF_OVF_ERR, STAP_SF_OVF_ERR_SENT, "error");
	stap_cond_kick(s);
	if (stap_msg_pending(s))
		wake = true;
	seq = atomic_read(&s->seq);
	if (seq != s->woken_seq) {
		s->woken_seq = seq;
		wake = true;
	}
	if (wake)
		stap_session_wake();
	if (!READ_ONCE(s->dead))
		mod_timer(&s->timer,
			  jiffies + msecs_to_jiffies(STAP_CTL_TIMER_MS));
}

int stap_msg_init(struct stap_session *s)
{
	raw_spin_lock_init(&s->msg_lock);
	s->msgq = kvcalloc(STAP_MSGQ_LEN, sizeof(*s->msgq), GFP_KERNEL);
	if (!s->msgq)
		return -ENOMEM;
	timer_setup(&s->timer, stap_ctl_timer, 0);
	mod_timer(&s->timer, jiffies + msecs_to_jiffies(STAP_CTL_TIMER_MS));
	return 0;
}

/* s->dead is set: the timer does not re-arm itself. */
void stap_msg_free(struct stap_session *s)
{
	if (!s->msgq)
		return;
	timer_delete_sync(&s->timer);
	kvfree(s->msgq);
	s->msgq = NULL;
}

void stap_request_exit(struct stap_session *s)
{
	set_bit(STAP_SF_EXIT_REQ, &s->flags);
}

/* For probe types: "WARNING: ..." on staprun's stderr, one line. */
void stap_session_warn(struct stap_session *s, const char *fmt, ...)
{
	struct va_format vaf;
	va_list ap;

	va_start(ap, fmt);
	vaf.fmt = fmt;
	vaf.va = &ap;
	stap_oob(s, "WARNING: %pV\n", &vaf);
	va_end(ap);
}
EXPORT_SYMBOL_GPL(stap_session_warn);
