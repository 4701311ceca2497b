// SPDX-License-Identifier: GPL-2.0
/*
 * procfs/probes.c - procfs("PATH").read and .write probes: one file per
 * distinct PATH in /proc/systemtap/MOD/, from session register to
 * unregister, and $value (stap_procfs_set()).
 *
 * Concurrency.  SystemTap keeps one buffer per file and lets one process at
 * a time open it; the others block in open().  Here every open() gets a
 * buffer of its own (file->private_data): any number of processes read and
 * write the same file at once, each handler sees only its own $value, and
 * nobody waits on another's open file.  The handlers serialise on the
 * script's global lock like every probe.  A mutex per open file covers the
 * threads that share one descriptor.  No allocation in probe context: the
 * buffer is allocated in the read() or write() that needs it, in process
 * context, and counted against STAP_PROCFS_MEM_MAX for the session: an
 * unprivileged reader opening a .maxsize(1 MiB) file 512 times once pinned
 * 512 MiB; beyond the limit read() and write() fail with ENOMEM.  A
 * writer's buffer goes at the end of each write(); a reader's stays for
 * paging until close().
 *
 * Read: the read probe runs on the first read() after open() and fills the
 * buffer ($value = / .=); later reads page through it, lseek works.  Write:
 * each write() takes min(MAXSTRINGLEN - 1, bufsize - 1) bytes, runs every
 * write probe of the path in script order on them, and returns that short
 * count, so a writer's loop makes the probes see the data chunk by chunk.
 * A handler error, a skipped handler, or a session that is not running
 * makes the call fail with EIO; a probe disabled on the control file reads
 * as an empty file and swallows writes.
 */
#include "runtime.h"

#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/proc_fs.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

/* What the open files of one session's procfs probes may hold at once. */
#define STAP_PROCFS_MEM_MAX	(32UL << 20)

/* Modes when a probe has no .umask(N): 0400 read, 0200 write, as SystemTap */
#define STAP_PROCFS_READ_UMASK	0044
#define STAP_PROCFS_WRITE_UMASK	0022

struct stap_procfs_file {
	struct stap_session *s;
	const char *path;
	const struct stap_probe *reader;	/* NULL: no read probe */
	u32 *writers;			/* probe indexes, script order */
	u32 nwriters;
	u32 bufsize;		/* what a read probe may fill, NUL included */
	u32 chunk;		/* bytes one write() takes */
	size_t alloc;		/* buffer of one open */
	umode_t mode;
};

/* One open() of a procfs probe file. */
struct stap_procfs_open {
	struct stap_procfs_file *pf;
	struct mutex lock;	/* threads sharing the descriptor */
	bool filled;		/* the read probe ran for this open */
	int err;		/* ...and failed: every read() says so */
	u32 len;
	char *buf;		/* pf->alloc bytes, or NULL between uses */
};

static bool stap_is_procfs(const struct stap_probe *p)
{
	return p->type == STAP_PROBE_PROCFS_READ ||
	       p->type == STAP_PROBE_PROCFS_WRITE;
}

static u32 stap_maxstringlen(const struct stap_module *m)
{
	return m->maxstringlen ? m->maxstringlen : MAXSTRINGLEN;
}

/* One file name in the session directory: no subdirectories. */
static int stap_procfs_check(const struct stap_probe *p)
{
	const char *path = p->procfs_path;

	if (!path || !path[0] || strchr(path, '/') || !strcmp(path, ".") ||
	    !strcmp(path, "..") || strlen(path) > NAME_MAX ||
	    stap_procfs_reserved(path))
		return -EINVAL;
	return 0;
}

static u32 stap_procfs_umask(const struct stap_probe *p, u32 def)
{
	return p->procfs_umask == STAP_PROCFS_NO_UMASK ? def :
	       p->procfs_umask & 0777;
}

/* This open's buffer, charged to the session; process context. */
static int stap_procfs_buf_get(struct stap_procfs_open *o)
{
	struct stap_procfs_file *pf = o->pf;
	atomic_long_t *mem = &pf->s->procfs_mem;

	if (o->buf)
		return 0;
	if (atomic_long_add_return(pf->alloc, mem) > STAP_PROCFS_MEM_MAX)
		goto refuse;
	o->buf = kvmalloc(pf->alloc, GFP_KERNEL);
	if (!o->buf)
		goto refuse;
	o->buf[0] = '\0';
	return 0;
refuse:
	atomic_long_sub(pf->alloc, mem);
	return -ENOMEM;
}

static void stap_procfs_buf_put(struct stap_procfs_open *o)
{
	if (!o->buf)
		return;
	kvfree(o->buf);
	o->buf = NULL;
	atomic_long_sub(o->pf->alloc, &o->pf->s->procfs_mem);
}

/* Run the read probe into this open's buffer. */
static int stap_procfs_fill(struct stap_procfs_open *o)
{
	struct stap_procfs_file *pf = o->pf;
	struct stap_procfs_io io = { .buf = o->buf, .size = pf->bufsize };
	enum stap_run rc;

	o->buf[0] = '\0';
	o->len = 0;
	if (!pf->reader)
		return -EIO;
	rc = stap_probe_run_io(pf->s, pf->reader, STAP_S_RUNNING, &io);
	stap_probes_sync_dirty(pf->s);
	if (rc == STAP_RUN_OFF)
		return 0;
	if (rc == STAP_RUN_BUSY)
		return -ERESTARTSYS;
	if (rc != STAP_RUN_DONE)
		return -EIO;
	o->len = io.len;
	return 0;
}

static int stap_procfs_open(struct inode *inode, struct file *file)
{
	struct stap_procfs_file *pf = pde_data(inode);
	struct stap_procfs_open *o;

	if (READ_ONCE(pf->s->dead))
		return -ENODEV;
	o = kzalloc(sizeof(*o), GFP_KERNEL);
	if (!o)
		return -ENOMEM;
	o->pf = pf;
	mutex_init(&o->lock);
	file->private_data = o;
	return 0;
}

static int stap_procfs_release(struct inode *inode, struct file *file)
{
	struct stap_procfs_open *o = file->private_data;

	stap_procfs_buf_put(o);
	mutex_destroy(&o->lock);
	kfree(o);
	return 0;
}

static ssize_t stap_procfs_read(struct file *file, char __user *ubuf,
				size_t count, loff_t *ppos)
{
	struct stap_procfs_open *o = file->private_data;
	ssize_t rc;

	if (mutex_lock_interruptible(&o->lock))
		return -ERESTARTSYS;
	if (!o->filled) {
		rc = stap_procfs_buf_get(o);
		if (!rc)
			rc = stap_procfs_fill(o);
		/* No memory, or a signal: no content yet, the next read tries. */
		if (rc == -ENOMEM || rc == -ERESTARTSYS)
			goto out;
		o->err = rc;
		o->filled = true;
	}
	rc = o->err;
	if (!rc)
		rc = simple_read_from_buffer(ubuf, count, ppos, o->buf, o->len);
out:
	mutex_unlock(&o->lock);
	return rc;
}

static ssize_t stap_procfs_write(struct file *file, const char __user *ubuf,
				 size_t count, loff_t *ppos)
{
	struct stap_procfs_open *o = file->private_data;
	struct stap_procfs_file *pf = o->pf;
	struct stap_session *s = pf->s;
	size_t n = min_t(size_t, count, pf->chunk);
	ssize_t rc = n;
	u32 i;

	if (!pf->nwriters)
		return -EIO;
	if (mutex_lock_interruptible(&o->lock))
		return -ERESTARTSYS;
	/* An O_RDWR open's read buffer goes: the next read() refills it. */
	o->filled = false;
	o->err = 0;
	o->len = 0;
	rc = stap_procfs_buf_get(o);
	if (rc)
		goto out;
	rc = n;
	if (copy_from_user(o->buf, ubuf, n)) {
		rc = -EFAULT;
		goto out;
	}
	o->buf[n] = '\0';
	for (i = 0; i < pf->nwriters; i++) {
		struct stap_procfs_io io = {
			.buf = o->buf, .len = n, .size = pf->alloc,
		};
		enum stap_run r;

		r = stap_probe_run_io(s, &s->m->probes[pf->writers[i]],
				      STAP_S_RUNNING, &io);
		if (r == STAP_RUN_BUSY) {
			rc = -ERESTARTSYS;
			break;
		}
		if (r != STAP_RUN_DONE && r != STAP_RUN_OFF)
			rc = -EIO;
	}
out:
	stap_procfs_buf_put(o);
	mutex_unlock(&o->lock);
	stap_probes_sync_dirty(s);
	return rc;
}

static const struct proc_ops stap_procfs_proc_ops = {
	.proc_open = stap_procfs_open,
	.proc_release = stap_procfs_release,
	.proc_read = stap_procfs_read,
	.proc_write = stap_procfs_write,
	.proc_lseek = generic_file_llseek,
};

void stap_procfs_set(struct stap_context *c, const char *v, bool append)
{
	size_t n = strlen(v), base, room;

	if (!c->procfs_buf || !c->procfs_size)
		return;		/* not a read probe */
	base = append ? min(c->procfs_len, c->procfs_size - 1) : 0;
	room = c->procfs_size - 1 - base;
	memmove(c->procfs_buf + base, v, min(n, room));
	c->procfs_len = base + min(n, room);
	c->procfs_buf[c->procfs_len] = '\0';
	if (n <= room)
		return;
	/* SystemTap's hint: the size that would have held all of it. */
	snprintf(c->error_buf, sizeof(c->error_buf),
		 "buffer size exceeded, consider .maxsize(%zu).", base + n + 1);
	c->last_error = c->error_buf;
}
EXPORT_SYMBOL_GPL(stap_procfs_set);

static struct stap_procfs_file *stap_procfs_find(struct stap_session *s,
						 const char *path)
{
	u32 i;

	for (i = 0; i < s->nprocfs; i++)
		if (!strcmp(s->procfs_files[i].path, path))
			return &s->procfs_files[i];
	return NULL;
}

/* Group the procfs probes by path: one read probe, write probes in order. */
static int stap_procfs_group(struct stap_session *s)
{
	const struct stap_module *m = s->m;
	struct stap_procfs_file *pf;
	u32 i, off = 0;

	for (i = 0; i < m->nprobes; i++) {
		const struct stap_probe *p = &m->probes[i];

		if (!stap_is_procfs(p))
			continue;
		pf = stap_procfs_find(s, p->procfs_path);
		if (!pf) {
			pf = &s->procfs_files[s->nprocfs++];
			pf->s = s;
			pf->path = p->procfs_path;
		}
		if (p->type == STAP_PROBE_PROCFS_WRITE) {
			pf->nwriters++;
		} else if (pf->reader) {
			pr_err("%s: two read probes for /proc/systemtap/%s/%s\n",
			       s->name, s->name, pf->path);
			return -EINVAL;
		} else {
			pf->reader = p;
		}
	}
	for (i = 0; i < s->nprocfs; i++) {
		s->procfs_files[i].writers = s->procfs_writers + off;
		off += s->procfs_files[i].nwriters;
		s->procfs_files[i].nwriters = 0;
	}
	for (i = 0; i < m->nprobes; i++) {
		if (m->probes[i].type != STAP_PROBE_PROCFS_WRITE)
			continue;
		pf = stap_procfs_find(s, m->probes[i].procfs_path);
		pf->writers[pf->nwriters++] = i;
	}
	return 0;
}

/* Mode and buffer sizes of one file, from its probes. */
static void stap_procfs_shape(struct stap_procfs_file *pf)
{
	const struct stap_module *m = pf->s->m;
	u32 strmax = stap_maxstringlen(m);
	u32 umask = 0;

	/*
	 * SystemTap masks the whole mode with both sides' umasks together:
	 * read .umask(2) beside a write .umask(0) gives 0664, not 0666.  Of
	 * several write probes the first one's .umask counts.
	 */
	pf->mode = 0;
	pf->bufsize = strmax;
	if (pf->reader) {
		pf->mode |= 0444;
		umask |= stap_procfs_umask(pf->reader, STAP_PROCFS_READ_UMASK);
		if (pf->reader->procfs_maxsize)
			pf->bufsize = pf->reader->procfs_maxsize;
		else if (m->procfs_bufsize)
			pf->bufsize = m->procfs_bufsize;
	}
	if (pf->nwriters) {
		pf->mode |= 0222;
		umask |= stap_procfs_umask(&m->probes[pf->writers[0]],
					   STAP_PROCFS_WRITE_UMASK);
	}
	pf->mode &= ~umask;
	pf->bufsize = max_t(u32, pf->bufsize, 1);
	/* At least one byte per write(), or a writer would loop forever. */
	pf->chunk = max_t(u32, min(strmax, pf->bufsize) - 1, 1);
	pf->alloc = max_t(size_t, pf->bufsize, pf->chunk + 1);
}

/* At session register, in the session directory: one file per path. */
int stap_procfs_files_create(struct stap_session *s)
{
	const struct stap_module *m = s->m;
	u32 i, n = 0;
	int rc;

	for (i = 0; i < m->nprobes; i++)
		n += stap_is_procfs(&m->probes[i]);
	if (!n)
		return 0;
	s->procfs_files = kcalloc(n, sizeof(*s->procfs_files), GFP_KERNEL);
	s->procfs_writers = kcalloc(n, sizeof(*s->procfs_writers), GFP_KERNEL);
	if (!s->procfs_files || !s->procfs_writers)
		return -ENOMEM;
	rc = stap_procfs_group(s);
	if (rc)
		return rc;
	for (i = 0; i < s->nprocfs; i++) {
		struct stap_procfs_file *pf = &s->procfs_files[i];
		struct proc_dir_entry *e;

		stap_procfs_shape(pf);
		e = proc_create_data(pf->path, pf->mode, s->dir,
				     &stap_procfs_proc_ops, pf);
		if (!e) {
			pr_err("%s: cannot create /proc/systemtap/%s/%s\n",
			       s->name, s->name, pf->path);
			return -ENOMEM;
		}
		proc_set_user(e, s->uid, s->gid);
	}
	return 0;
}

/* After proc_remove() of the directory: no open file is left. */
void stap_procfs_files_free(struct stap_session *s)
{
	kfree(s->procfs_writers);
	s->procfs_writers = NULL;
	kfree(s->procfs_files);
	s->procfs_files = NULL;
	s->nprocfs = 0;
}

/*
 * At stop, once the state left RUNNING: procfs handlers run with
 * preemption off, so after a grace period none that passed the state check
 * is still running and the end probes run after every one of them.
 */
static void stap_procfs_detach(struct stap_session *s)
{
	if (s->nprocfs)
		synchronize_rcu();
}

static const struct stap_probe_ops stap_procfs_types[] = {
	{
		.type = STAP_PROBE_PROCFS_READ,
		.name = "procfs.read",
		.check = stap_procfs_check,
		.detach = stap_procfs_detach,
	}, {
		.type = STAP_PROBE_PROCFS_WRITE,
		.name = "procfs.write",
		.check = stap_procfs_check,
		/* the read type's detach waits for both */
	},
};

int stap_procfs_types_init(void)
{
	int rc;

	rc = stap_probe_ops_register(&stap_procfs_types[0]);
	if (rc)
		return rc;
	rc = stap_probe_ops_register(&stap_procfs_types[1]);
	if (rc)
		stap_probe_ops_unregister(&stap_procfs_types[0]);
	return rc;
}

void stap_procfs_types_exit(void)
{
	stap_probe_ops_unregister(&stap_procfs_types[1]);
	stap_probe_ops_unregister(&stap_procfs_types[0]);
}
