// SPDX-License-Identifier: GPL-2.0
/*
 * procfs/trace.c - /proc/systemtap/MOD/traceN: the relay buffer of CPU N,
 * read through the kernel's relay file operations.
 */
#include "runtime.h"

#include <linux/fs.h>
#include <linux/poll.h>
#include <linux/proc_fs.h>
#include <linux/relay.h>

static int stap_trace_open(struct inode *inode, struct file *file)
{
	struct stap_trace_file *tf = pde_data(inode);
	struct rchan_buf *buf;

	if (READ_ONCE(tf->s->dead) || !tf->s->chan)
		return -ENODEV;
	buf = *per_cpu_ptr(tf->s->chan->buf, tf->cpu);
	if (!buf)
		return -ENODEV;		/* CPU offline since the start */
	kref_get(&buf->kref);
	file->private_data = buf;
	return nonseekable_open(inode, file);
}

static ssize_t stap_trace_read(struct file *file, char __user *ubuf,
			       size_t count, loff_t *ppos)
{
	struct stap_trace_file *tf = pde_data(file_inode(file));
	ssize_t n = relay_file_operations.read(file, ubuf, count, ppos);

	stap_session_drained(tf->s);
	return n;
}

/*
 * Not relay's poll: its wait queue dies with the buffer, which procfs may
 * free under a sleeping poller.  The session timer wakes stap_ctl_wq when
 * new records arrive.
 */
static __poll_t stap_trace_poll(struct file *file, poll_table *wait)
{
	struct rchan_buf *buf = file->private_data;

	poll_wait(file, &stap_ctl_wq, wait);
	return stap_relay_buf_has_data(buf) ? EPOLLIN | EPOLLRDNORM : 0;
}

static int stap_trace_release(struct inode *inode, struct file *file)
{
	return relay_file_operations.release(inode, file);
}

/*
 * No .proc_lseek: nonseekable_open() already makes lseek() fail with
 * ESPIPE (no_llseek has been NULL since v6.0, and v6.12 removed it).
 */
const struct proc_ops stap_trace_proc_ops = {
	.proc_open = stap_trace_open,
	.proc_read = stap_trace_read,
	.proc_poll = stap_trace_poll,
	.proc_release = stap_trace_release,
};
