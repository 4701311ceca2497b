// SPDX-License-Identifier: GPL-2.0
/*
 * procfs/control.c - /proc/systemtap/MOD/.control: the probe table a person
 * can cat, and the commands they can echo into it to steer a running
 * session.  Mode 0600, owned by the user who loaded the session, readable
 * whatever the session's state.
 *
 * Reading gives a header and one line per probe, in the order of the
 * handler module's probe table (ID is the index there):
 *
 *   ID    STATE HITS         SKIPS      AVG_NS     PROBE
 *   0     on    1234         0          812        kprobe.function("vfs_read")
 *
 * Every column but the last is left-aligned in a fixed width (5, 5, 12, 10,
 * 10) followed by one space; a number that outgrows its width pushes the
 * rest of the line right but a space always separates the fields, so
 * awk-style splitting is safe.  PROBE, the pp() text, is the rest of the
 * line.  STATE is "on", "off" (disabled here) or "cond" (its condition is
 * false).  HITS counts handler runs; SKIPS the hits lost to reentrancy, a
 * global lock timeout or, for kprobes, the kernel's nmissed; AVG_NS is the
 * mean handler time in ns, 0 before the first hit.
 *
 * Writing: one command per line (blank lines are ignored), every line
 * checked before any is applied:
 *
 *   disable ID|PATTERN	  disarm probe ID, or every probe whose PROBE text
 *			  the glob PATTERN matches (e.g. kprobe.*)
 *   enable ID|PATTERN	  arm it again (a false condition still holds it)
 *   stop		  what exit() does: end probes, then staprun exits
 *
 * An unknown command, a command that matches no probe, or a write larger
 * than STAP_CONTROL_MAX fails with EINVAL and changes nothing.
 */
#include "runtime.h"

#include <linux/glob.h>
#include <linux/kernel.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>

#define STAP_CONTROL_MAX	4096	/* bytes of one write() */
#define STAP_CONTROL_CMDS	64	/* commands of one write() */

enum stap_control_op {
	STAP_CONTROL_DISABLE,
	STAP_CONTROL_ENABLE,
	STAP_CONTROL_STOP,
};

struct stap_control_cmd {
	enum stap_control_op op;
	const char *arg;	/* ID or PATTERN */
};

static int stap_control_show(struct seq_file *m, void *v)
{
	struct stap_session *s = m->private;
	struct stap_probe_report r;
	u32 i;

	seq_printf(m, "%-5s %-5s %-12s %-10s %-10s %s\n",
		   "ID", "STATE", "HITS", "SKIPS", "AVG_NS", "PROBE");
	for (i = 0; i < s->m->nprobes; i++) {
		stap_probe_report(s, i, &r);
		seq_printf(m, "%-5u %-5s %-12llu %-10llu %-10llu %s\n", i,
			   r.state, r.hits, r.skips,
			   r.hits ? div64_u64(r.ns, r.hits) : 0,
			   s->m->probes[i].pp);
	}
	return 0;
}

static int stap_control_open(struct inode *inode, struct file *file)
{
	struct stap_session *s = pde_data(inode);

	if (READ_ONCE(s->dead))
		return -ENODEV;
	return single_open(file, stap_control_show, s);
}

/* Does ID-or-PATTERN arg name probe idx? */
static bool stap_control_match(struct stap_session *s, const char *arg,
			       u32 idx)
{
	u32 id;

	if (!kstrtou32(arg, 10, &id))
		return id == idx;
	return glob_match(arg, s->m->probes[idx].pp);
}

/* Split the text into commands; the strings point into buf. */
static int stap_control_parse(char *buf, struct stap_control_cmd *cmds)
{
	char *line, *word;
	int n = 0;

	while ((line = strsep(&buf, "\n"))) {
		const char *arg;

		line = strim(line);
		if (!*line)
			continue;
		if (n == STAP_CONTROL_CMDS)
			return -EINVAL;
		word = strsep(&line, " \t");
		arg = line ? strim(line) : "";
		if (!strcmp(word, "stop") && !*arg)
			cmds[n].op = STAP_CONTROL_STOP;
		else if (!strcmp(word, "disable") && *arg)
			cmds[n].op = STAP_CONTROL_DISABLE;
		else if (!strcmp(word, "enable") && *arg)
			cmds[n].op = STAP_CONTROL_ENABLE;
		else
			return -EINVAL;
		cmds[n++].arg = arg;
	}
	return n;
}

/* Check every command (apply false), or carry them out (apply true). */
static int stap_control_run(struct stap_session *s,
			    const struct stap_control_cmd *cmds, int n,
			    bool apply)
{
	int i;

	for (i = 0; i < n; i++) {
		bool on = cmds[i].op == STAP_CONTROL_ENABLE;
		u32 idx, hits = 0;

		if (cmds[i].op == STAP_CONTROL_STOP) {
			if (apply)
				stap_session_exit(s);
			continue;
		}
		for (idx = 0; idx < s->m->nprobes; idx++) {
			if (!stap_control_match(s, cmds[i].arg, idx))
				continue;
			hits++;
			if (apply)
				stap_probe_set_user(s, idx, on);
		}
		if (!hits)
			return -EINVAL;
	}
	return 0;
}

static ssize_t stap_control_write(struct file *file, const char __user *ubuf,
				  size_t count, loff_t *ppos)
{
	struct seq_file *seq = file->private_data;
	struct stap_session *s = seq->private;
	struct stap_control_cmd *cmds;
	char *buf;
	int n, rc;

	if (count > STAP_CONTROL_MAX)
		return -EINVAL;
	buf = memdup_user_nul(ubuf, count);
	if (IS_ERR(buf))
		return PTR_ERR(buf);
	cmds = kcalloc(STAP_CONTROL_CMDS, sizeof(*cmds), GFP_KERNEL);
	if (!cmds) {
		rc = -ENOMEM;
		goto out;
	}
	n = stap_control_parse(buf, cmds);
	rc = n < 0 ? n : stap_control_run(s, cmds, n, false);
	if (rc)
		goto out;
	stap_control_run(s, cmds, n, true);
	/* Process context: arm and disarm now, conditions re-evaluated. */
	stap_probes_sync(s, true);
	rc = count;
out:
	kfree(cmds);
	kfree(buf);
	return rc;
}

static const struct proc_ops stap_control_proc_ops = {
	.proc_open = stap_control_open,
	.proc_read = seq_read,
	.proc_write = stap_control_write,
	.proc_lseek = seq_lseek,
	.proc_release = single_release,
};

int stap_control_create(struct stap_session *s)
{
	struct proc_dir_entry *e;

	e = proc_create_data(".control", 0600, s->dir, &stap_control_proc_ops,
			     s);
	if (!e)
		return -ENOMEM;
	proc_set_user(e, s->uid, s->gid);
	return 0;
}
