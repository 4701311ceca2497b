// SPDX-License-Identifier: GPL-2.0
/*
 * procfs/ctl.c - /proc/systemtap/MOD/.cmd, the control channel between a
 * session and staprun (wire format in <stap/ctl.h>).  One opener at a time.
 */
#include "runtime.h"

#include <linux/fs.h>
#include <linux/poll.h>
#include <linux/proc_fs.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

/*
 * Shared by every session's .cmd and traceN files: it lives as long as
 * systemtap.ko, so a poller sleeping on it while its session is removed
 * never touches freed memory.
 */
DECLARE_WAIT_QUEUE_HEAD(stap_ctl_wq);

void stap_ctl_wake(void)
{
	wake_up_interruptible_all(&stap_ctl_wq);
}

static int stap_ctl_open(struct inode *inode, struct file *file)
{
	struct stap_session *s = pde_data(inode);
	unsigned long flags;

	if (READ_ONCE(s->dead))
		return -ENODEV;
	if (atomic_cmpxchg(&s->ctl_open, 0, 1))
		return -EBUSY;
	raw_spin_lock_irqsave(&s->msg_lock, flags);
	s->transport_pending = true;
	raw_spin_unlock_irqrestore(&s->msg_lock, flags);
	/* A controller that went away may have taken REQUEST_EXIT with it. */
	clear_bit(STAP_SF_EXIT_SENT, &s->flags);
	file->private_data = s;
	return nonseekable_open(inode, file);
}

static int stap_ctl_release(struct inode *inode, struct file *file)
{
	struct stap_session *s = file->private_data;

	/* Detached (staprun -L, Ctrl-\, killed): the flight recorder. */
	if (!READ_ONCE(s->dead))
		stap_relay_detach(s);
	atomic_set(&s->ctl_open, 0);
	stap_session_drained(s);
	return 0;
}

static ssize_t stap_ctl_read(struct file *file, char __user *ubuf,
			     size_t count, loff_t *ppos)
{
	struct stap_session *s = file->private_data;
	struct stap_msg *msg;
	size_t n;
	int rc;

	msg = kmalloc(sizeof(*msg), GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	for (;;) {
		/* Dead: what the end probes queued first, then end of file. */
		if (stap_msg_pop(s, msg))
			break;
		if (READ_ONCE(s->dead)) {
			stap_session_drained(s);
			rc = 0;
			goto out;
		}
		if (file->f_flags & O_NONBLOCK) {
			rc = -EAGAIN;
			goto out;
		}
		rc = wait_event_interruptible(stap_ctl_wq,
					      stap_msg_pending(s) ||
					      READ_ONCE(s->dead));
		if (rc)
			goto out;
	}
	n = sizeof(u32) + msg->len;
	if (count < n) {
		/* Too small for one message: it is lost, say so. */
		rc = -EMSGSIZE;
		goto out;
	}
	if (copy_to_user(ubuf, &msg->type, sizeof(u32)) ||
	    copy_to_user(ubuf + sizeof(u32), msg->data, msg->len)) {
		rc = -EFAULT;
		goto out;
	}
	rc = n;
out:
	kfree(msg);
	return rc;
}

static ssize_t stap_ctl_write(struct file *file, const char __user *ubuf,
			      size_t count, loff_t *ppos)
{
	struct stap_session *s = file->private_data;
	struct stap_ctl_start start = { 0 };
	struct stap_ctl_start_reply reply;
	struct stap_ctl_exit_reply exit_reply;
	u32 type;
	int rc;

	if (count < sizeof(type) || count > sizeof(type) + STAP_CTL_MSG_MAX)
		return -EINVAL;
	if (get_user(type, (u32 __user *)ubuf))
		return -EFAULT;

	switch (type) {
	case STAP_CTL_READY:
		/* The trace files are open: stop overwriting. */
		if (mutex_lock_interruptible(&s->ctl_mutex))
			return -ERESTARTSYS;
		if (!READ_ONCE(s->dead))
			stap_relay_attach(s);
		mutex_unlock(&s->ctl_mutex);
		break;
	case STAP_CTL_START:
		if (count >= sizeof(type) + sizeof(start) &&
		    copy_from_user(&start, ubuf + sizeof(type), sizeof(start)))
			return -EFAULT;
		if (mutex_lock_interruptible(&s->ctl_mutex))
			return -ERESTARTSYS;
		if (READ_ONCE(s->dead))
			rc = -ENODEV;
		else
			rc = stap_session_start(s, start.target);
		mutex_unlock(&s->ctl_mutex);
		reply.res = rc;
		stap_msg_ctl(s, STAP_CTL_START, &reply, sizeof(reply));
		break;
	case STAP_CTL_EXIT:
		if (mutex_lock_interruptible(&s->ctl_mutex))
			return -ERESTARTSYS;
		if (!READ_ONCE(s->dead))
			stap_session_stop(s);
		mutex_unlock(&s->ctl_mutex);
		exit_reply.lost_records = atomic_read(&s->transport_failures);
		exit_reply.lost_bytes = atomic64_read(&s->lost_bytes);
		/* Queued after every message of the end probes. */
		stap_msg_ctl(s, STAP_CTL_EXIT, &exit_reply, sizeof(exit_reply));
		break;
	default:
		return -EINVAL;
	}
	return count;
}

static __poll_t stap_ctl_poll(struct file *file, poll_table *wait)
{
	struct stap_session *s = file->private_data;
	__poll_t mask = EPOLLOUT | EPOLLWRNORM;

	poll_wait(file, &stap_ctl_wq, wait);
	if (READ_ONCE(s->dead))
		mask |= EPOLLHUP;
	else if (stap_msg_pending(s))
		mask |= EPOLLIN | EPOLLRDNORM;
	return mask;
}

const struct proc_ops stap_ctl_proc_ops = {
	.proc_open = stap_ctl_open,
	.proc_release = stap_ctl_release,
	.proc_read = stap_ctl_read,
	.proc_write = stap_ctl_write,
	.proc_poll = stap_ctl_poll,
	.proc_lseek = noop_llseek,
};
