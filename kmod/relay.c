// SPDX-License-Identifier: GPL-2.0
/*
 * kmod/relay.c - the session's data channel: one relay buffer per CPU,
 * written from probe context, read through /proc/systemtap/MOD/traceN.
 */
#include "runtime.h"

#include <linux/cpumask.h>
#include <linux/mm.h>
#include <linux/relay.h>
#include <linux/string.h>

#define STAP_SUBBUF_SIZE	(64 * 1024)
#define STAP_BUFSIZE_PER_CPU	(16 * 1024 * 1024)
#define STAP_MIN_SUBBUFS	4
#define STAP_BUFSIZE_MAX_MB	4095	/* stap -s: 1..4095 MB per CPU */

static_assert(STAP_SUBBUF_SIZE >=
	      sizeof(struct stap_trace_hdr) + STAP_PRINT_BUFSIZE);

/*
 * Attached, a full buffer drops the new record (counted by the writer);
 * detached, the oldest sub-buffer is overwritten: the flight recorder.
 */
static int stap_subbuf_start(struct rchan_buf *buf, void *subbuf,
			     void *prev_subbuf, size_t prev_padding)
{
	struct stap_session *s = buf->chan->private_data;

	return cpumask_test_cpu(buf->cpu, &s->overwrite) ||
	       !relay_buf_full(buf);
}

/*
 * Buffers without files: relay_open() with a NULL name only asks for
 * is_global.  Kernels before 6.10 treat a NULL return as failure, later
 * ones ignore the value, so return a non-NULL token that is never used as
 * a dentry (buf->dentry stays NULL).
 */
static struct dentry *stap_create_buf_file(const char *filename,
					   struct dentry *parent, umode_t mode,
					   struct rchan_buf *buf,
					   int *is_global)
{
	static char token;

	*is_global = 0;
	if (filename)
		return NULL;
	return (struct dentry *)&token;
}

static int stap_remove_buf_file(struct dentry *dentry)
{
	return 0;
}

static const struct rchan_callbacks stap_relay_callbacks = {
	.subbuf_start = stap_subbuf_start,
	.create_buf_file = stap_create_buf_file,
	.remove_buf_file = stap_remove_buf_file,
};

/*
 * Bytes per CPU: stap -s N / staprun -b N, else 16 MB within free memory;
 * 0 when N MB per CPU would take more than half the available memory
 * (staprun needs as much again to read them): refused at once, where the
 * allocation would otherwise push the machine into the OOM killer.
 */
static unsigned long stap_relay_size(struct stap_session *s)
{
	unsigned int mb = s->m->bufsize_mb ? READ_ONCE(*s->m->bufsize_mb) : 0;
	unsigned long per_cpu = STAP_BUFSIZE_PER_CPU;
	unsigned long avail = si_mem_available() << PAGE_SHIFT;
	struct sysinfo si;
	unsigned long cap;

	if (mb >= 1 && mb <= STAP_BUFSIZE_MAX_MB) {
		if (((unsigned long)mb << 20) * num_online_cpus() > avail / 2) {
			pr_err("%s: %u MB of buffer per CPU (%u CPUs) does not fit in the %lu MB of available memory\n",
			       s->name, mb, num_online_cpus(), avail >> 20);
			return 0;
		}
		return (unsigned long)mb << 20;
	}
	/* As SystemTap: no more than a quarter of free memory in total. */
	si_meminfo(&si);
	cap = (si.freeram * si.mem_unit / 4) / num_online_cpus();
	return min(per_cpu, cap);
}

int stap_relay_open(struct stap_session *s)
{
	unsigned long per_cpu = stap_relay_size(s);

	if (!per_cpu)
		return -ENOMEM;

	s->subbuf_size = STAP_SUBBUF_SIZE;
	s->n_subbufs = max_t(size_t, per_cpu / STAP_SUBBUF_SIZE,
			     STAP_MIN_SUBBUFS);
	s->chan = relay_open(NULL, NULL, s->subbuf_size, s->n_subbufs,
			     &stap_relay_callbacks, s);
	if (!s->chan) {
		pr_err("%s: cannot allocate %zu x %zu relay buffers\n",
		       s->name, s->n_subbufs, s->subbuf_size);
		return -ENOMEM;
	}
	/*
	 * Nobody reads until a controller says READY: the flight recorder
	 * until then.  staprun -L starts the session and never says READY;
	 * what the probes printed before it closed .cmd was dropped as
	 * "transport failures" (seen on PREEMPT_RT, where that took longer).
	 */
	stap_relay_detach(s);
	return 0;
}

void stap_relay_close(struct stap_session *s)
{
	if (s->chan)
		relay_close(s->chan);
	s->chan = NULL;
}

/*
 * Append one record to this CPU's buffer.  Space is found before the
 * sequence number is taken, so a dropped record leaves no gap; the offset
 * moves only after the copy, so a reader never sees a partial record.
 */
bool stap_relay_write(struct stap_session *s, void *rec, size_t len)
{
	struct stap_trace_hdr *h = rec;
	struct rchan_buf *buf;
	unsigned long flags;
	bool ok = false;

	local_irq_save(flags);
	buf = *this_cpu_ptr(s->chan->buf);
	if (unlikely(!buf))
		goto out;
	if (unlikely(buf->offset + len > s->chan->subbuf_size) &&
	    !relay_switch_subbuf(buf, len))
		goto out;
	h->seq = (u32)atomic_inc_return(&s->seq) - 1;
	memcpy(buf->data + buf->offset, rec, len);
	smp_wmb();
	WRITE_ONCE(buf->offset, buf->offset + len);
	ok = true;
out:
	local_irq_restore(flags);
	return ok;
}

/*
 * On this CPU, with interrupts off like every writer of this buffer: stop
 * overwriting, and if the flight recorder wrapped, forget the sub-buffers
 * it overwrote so the buffer does not look full to the next writer.  Per
 * CPU, so no writer sees the mode change before its buffer is fixed up.
 */
static void stap_relay_attach_cpu(void *data)
{
	struct stap_session *s = data;
	struct rchan_buf *buf = *this_cpu_ptr(s->chan->buf);
	size_t n = s->chan->n_subbufs;

	cpumask_clear_cpu(smp_processor_id(), &s->overwrite);
	if (buf && buf->subbufs_produced - buf->subbufs_consumed >= n) {
		buf->subbufs_consumed = buf->subbufs_produced - n + 1;
		buf->bytes_consumed = 0;
	}
}

/* A controller attached (READY on .cmd) and will read from now on. */
void stap_relay_attach(struct stap_session *s)
{
	if (s->chan)
		on_each_cpu(stap_relay_attach_cpu, s, 1);
}

/* Nobody reads any more: keep the newest output from now on. */
void stap_relay_detach(struct stap_session *s)
{
	cpumask_setall(&s->overwrite);
}

/* Cheap "is there something to read" for poll; racy, never harmful. */
bool stap_relay_buf_has_data(struct rchan_buf *buf)
{
	if (!buf)
		return false;
	return READ_ONCE(buf->subbufs_produced) !=
		READ_ONCE(buf->subbufs_consumed) ||
	       READ_ONCE(buf->offset) != READ_ONCE(buf->bytes_consumed);
}

bool stap_relay_has_data(struct stap_session *s)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu)
		if (stap_relay_buf_has_data(*per_cpu_ptr(s->chan->buf, cpu)))
			return true;
	return false;
}
