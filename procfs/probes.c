// SPDX-License-Identifier: GPL-2.0
/*
 * procfs/probes.c - the "procfs" probe type (<stap/probes/procfs.h>):
 * procfs("PATH").read and .write probes, one file per distinct PATH in
 * /proc/systemtap/MOD/, created by the type's init at session registration
 * (before start: a reader may open it early and gets EIO until the session
 * runs) and removed by its free, and $value (stap_procfs_set()).
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
#include <stap/probes/procfs.h>

/* What the open files of one session's procfs probes may hold at once. */
#define STAP_PROCFS_MEM_MAX	(32UL << 20)

/* Modes when a probe has no .umask(N): 0400 read, 0200 write, as SystemTap */
#define STAP_PROCFS_READ_UMASK	0044
#define STAP_PROCFS_WRITE_UMASK	0022

struct stap_procfs_files;

struct stap_procfs_file {
	struct stap_procfs_files *fs;
	const char *path;
	struct proc_dir_entry *pde;
	bool has_reader;
	u32 reader;		/* the read probe's index in the set */
	u32 *writers;		/* the write probes', script order */
	u32 nwriters;
	u32 bufsize;		/* what a read probe may fill, NUL included */
	u32 chunk;		/* bytes one write() takes */
	size_t alloc;		/* buffer of one open */
	umode_t mode;
};

/* set->priv: the files of one session, from init to free. */
struct stap_procfs_files {
	struct stap_probe_set *set;
	atomic_long_t mem;	/* bytes of open files' buffers */
	u32 n;
	u32 *writers;		/* [set->n], sliced per file */
	struct stap_procfs_file f[];	/* [n <= set->n] */
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

static const struct stap_procfs_args *
stap_procfs_args(const struct stap_probe_set *set, u32 i)
{
	return stap_set_probe(set, i)->args;
}

static u32 stap_maxstringlen(const struct stap_module *m)
{
	return m->maxstringlen ? m->maxstringlen : MAXSTRINGLEN;
}

/* One file name in the session directory: no subdirectories. */
static int stap_procfs_check(const struct stap_probe *p)
{
	const struct stap_procfs_args *a = p->args;
	const char *path = a ? a->path : NULL;

	if (!path || !path[0] || strchr(path, '/') || !strcmp(path, ".") ||
	    !strcmp(path, "..") || strlen(path) > NAME_MAX ||
	    stap_procfs_reserved(path) || a->write > 1)
		return -EINVAL;
	return 0;
}

static u32 stap_procfs_umask(const struct stap_procfs_args *a, u32 def)
{
	return a->umask == STAP_PROCFS_NO_UMASK ? def : a->umask & 0777;
}

/* This open's buffer, charged to the session; process context. */
static int stap_procfs_buf_get(struct stap_procfs_open *o)
{
	struct stap_procfs_file *pf = o->pf;
	atomic_long_t *mem = &pf->fs->mem;

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
	atomic_long_sub(o->pf->alloc, &o->pf->fs->mem);
}

/* Run the read probe into this open's buffer. */
static int stap_procfs_fill(struct stap_procfs_open *o)
{
	struct stap_procfs_file *pf = o->pf;
	struct stap_probe_set *set = pf->fs->set;
	struct stap_procfs_io io = { .buf = o->buf, .size = pf->bufsize };
	enum stap_hit rc;

	o->buf[0] = '\0';
	o->len = 0;
	if (!pf->has_reader)
		return -EIO;
	rc = stap_probe_hit_sleepable(set, pf->reader, &io);
	stap_probes_sync_dirty(set->session);
	if (rc == STAP_HIT_OFF)
		return 0;
	if (rc == STAP_HIT_BUSY)
		return -ERESTARTSYS;
	if (rc != STAP_HIT_DONE)
		return -EIO;
	o->len = min(io.len, pf->bufsize - 1);
	return 0;
}

static int stap_procfs_open(struct inode *inode, struct file *file)
{
	struct stap_procfs_file *pf = pde_data(inode);
	struct stap_procfs_open *o;

	if (READ_ONCE(pf->fs->set->session->dead))
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
	struct stap_probe_set *set = pf->fs->set;
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
		enum stap_hit r;

		r = stap_probe_hit_sleepable(set, pf->writers[i], &io);
		if (r == STAP_HIT_BUSY) {
			rc = -ERESTARTSYS;
			break;
		}
		if (r != STAP_HIT_DONE && r != STAP_HIT_OFF)
			rc = -EIO;
	}
out:
	stap_procfs_buf_put(o);
	mutex_unlock(&o->lock);
	stap_probes_sync_dirty(set->session);
	return rc;
}

static const struct proc_ops stap_procfs_proc_ops = {
	.proc_open = stap_procfs_open,
	.proc_release = stap_procfs_release,
	.proc_read = stap_procfs_read,
	.proc_write = stap_procfs_write,
	.proc_lseek = generic_file_llseek,
};

/*
 * Only the procfs type lends a struct stap_procfs_io; a handler module
 * calling this from another probe gets nothing done, not a stray write.
 */
void stap_procfs_set(struct stap_context *c, const char *v, bool append)
{
	struct stap_procfs_io *io = c->tdata;
	size_t n = strlen(v), base, room;

	if (!io || !io->size || !c->probe || strcmp(c->probe->type, "procfs"))
		return;
	base = append ? min(io->len, io->size - 1) : 0;
	room = io->size - 1 - base;
	memmove(io->buf + base, v, min(n, room));
	io->len = base + min(n, room);
	io->buf[io->len] = '\0';
	if (n <= room)
		return;
	/* SystemTap's hint: the size that would have held all of it. */
	snprintf(c->error_buf, sizeof(c->error_buf),
		 "buffer size exceeded, consider .maxsize(%zu).", base + n + 1);
	c->last_error = c->error_buf;
}
EXPORT_SYMBOL_GPL(stap_procfs_set);

static struct stap_procfs_file *stap_procfs_find(struct stap_procfs_files *fs,
						 const char *path)
{
	u32 i;

	for (i = 0; i < fs->n; i++)
		if (!strcmp(fs->f[i].path, path))
			return &fs->f[i];
	return NULL;
}

/* Group the probes by path: one read probe, write probes in order. */
static int stap_procfs_group(struct stap_procfs_files *fs)
{
	struct stap_probe_set *set = fs->set;
	struct stap_procfs_file *pf;
	u32 i, off = 0;

	for (i = 0; i < set->n; i++) {
		const struct stap_procfs_args *a = stap_procfs_args(set, i);

		pf = stap_procfs_find(fs, a->path);
		if (!pf) {
			pf = &fs->f[fs->n++];
			pf->fs = fs;
			pf->path = a->path;
		}
		if (a->write) {
			pf->nwriters++;
		} else if (pf->has_reader) {
			pr_err("%s: two read probes for /proc/systemtap/%s/%s\n",
			       set->m->owner->name, set->m->owner->name,
			       pf->path);
			return -EINVAL;
		} else {
			pf->has_reader = true;
			pf->reader = i;
		}
	}
	for (i = 0; i < fs->n; i++) {
		fs->f[i].writers = fs->writers + off;
		off += fs->f[i].nwriters;
		fs->f[i].nwriters = 0;
	}
	for (i = 0; i < set->n; i++) {
		const struct stap_procfs_args *a = stap_procfs_args(set, i);

		if (!a->write)
			continue;
		pf = stap_procfs_find(fs, a->path);
		pf->writers[pf->nwriters++] = i;
	}
	return 0;
}

/* Mode and buffer sizes of one file, from its probes. */
static void stap_procfs_shape(struct stap_procfs_file *pf)
{
	const struct stap_probe_set *set = pf->fs->set;
	u32 strmax = stap_maxstringlen(set->m);
	u32 umask = 0;

	/*
	 * SystemTap masks the whole mode with both sides' umasks together:
	 * read .umask(2) beside a write .umask(0) gives 0664, not 0666.  Of
	 * several write probes the first one's .umask counts.  Only the read
	 * probe's bufsize counts: a write takes one string at a time.
	 */
	pf->mode = 0;
	pf->bufsize = strmax;
	if (pf->has_reader) {
		const struct stap_procfs_args *a;

		a = stap_procfs_args(set, pf->reader);
		pf->mode |= 0444;
		umask |= stap_procfs_umask(a, STAP_PROCFS_READ_UMASK);
		if (a->bufsize)
			pf->bufsize = a->bufsize;
	}
	if (pf->nwriters) {
		pf->mode |= 0222;
		umask |= stap_procfs_umask(stap_procfs_args(set, pf->writers[0]),
					   STAP_PROCFS_WRITE_UMASK);
	}
	pf->mode &= ~umask;
	pf->bufsize = max_t(u32, pf->bufsize, 1);
	/* At least one byte per write(), or a writer would loop forever. */
	pf->chunk = max_t(u32, min(strmax, pf->bufsize) - 1, 1);
	pf->alloc = max_t(size_t, pf->bufsize, pf->chunk + 1);
}

/* At session registration, in the session directory: one file per path. */
static int stap_procfs_init(struct stap_probe_set *set)
{
	struct stap_session *s = set->session;
	struct stap_procfs_files *fs;
	u32 i;
	int rc;

	fs = kzalloc(struct_size(fs, f, set->n), GFP_KERNEL);
	if (!fs)
		return -ENOMEM;
	set->priv = fs;
	fs->set = set;
	fs->writers = kcalloc(set->n, sizeof(*fs->writers), GFP_KERNEL);
	if (!fs->writers)
		return -ENOMEM;
	rc = stap_procfs_group(fs);
	if (rc)
		return rc;
	for (i = 0; i < fs->n; i++) {
		struct stap_procfs_file *pf = &fs->f[i];

		stap_procfs_shape(pf);
		pf->pde = proc_create_data(pf->path, pf->mode, s->dir,
					   &stap_procfs_proc_ops, pf);
		if (!pf->pde) {
			pr_err("%s: cannot create /proc/systemtap/%s/%s\n",
			       s->name, s->name, pf->path);
			return -ENOMEM;
		}
		proc_set_user(pf->pde, s->uid, s->gid);
	}
	return 0;
}

/*
 * proc_remove() waits for the file operations in flight and closes every
 * file still open: then no handler can run and no buffer is charged.
 */
static void stap_procfs_free(struct stap_probe_set *set)
{
	struct stap_procfs_files *fs = set->priv;
	u32 i;

	if (!fs)
		return;
	for (i = 0; i < fs->n; i++)
		proc_remove(fs->f[i].pde);
	kfree(fs->writers);
	kfree(fs);
	set->priv = NULL;
}

/*
 * At stop, once the state left RUNNING: procfs handlers run with
 * preemption off, so after a grace period none that passed the state check
 * is still running and the end probes run after every one of them.
 */
static void stap_procfs_detach(struct stap_probe_set *set)
{
	synchronize_rcu();
}

static struct stap_probe_type stap_procfs_type = {
	.api_version = STAP_PROVIDER_API_VERSION,
	.name = "procfs",
	.owner = THIS_MODULE,
	.check = stap_procfs_check,
	.init = stap_procfs_init,
	.free = stap_procfs_free,
	.detach = stap_procfs_detach,
};

int stap_procfs_types_init(void)
{
	return stap_probe_type_register(&stap_procfs_type);
}

void stap_procfs_types_exit(void)
{
	stap_probe_type_unregister(&stap_procfs_type);
}
