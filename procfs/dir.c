// SPDX-License-Identifier: GPL-2.0
/*
 * procfs/dir.c - /proc/systemtap/ with probe_types (the registered probe
 * types) and one /proc/systemtap/MOD/ directory per session, holding .cmd,
 * .control, trace0..N and the procfs probe files (procfs/probes.c).
 *
 * Removal (proc_remove) waits for the file operations in flight, calls
 * ->proc_release for every file still open, and unlinks the names at once:
 * later calls on such a descriptor fail with EIO, a shell whose cwd is in
 * the directory keeps a dead inode, and a session of the same name can be
 * created again right away.
 */
#include "runtime.h"

#include <linux/cpumask.h>
#include <linux/namei.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/slab.h>

static struct proc_dir_entry *stap_proc_root;

extern const struct proc_ops stap_ctl_proc_ops;
extern const struct proc_ops stap_trace_proc_ops;

static int stap_probe_types_proc_show(struct seq_file *m, void *v)
{
	stap_probe_types_show(m);
	return 0;
}

int stap_proc_init(void)
{
	struct path path;

	/*
	 * SystemTap's own runtime creates /proc/systemtap too, and leaves it
	 * behind when its module goes.  proc_mkdir() over it would WARN and
	 * fail; say why instead.
	 */
	if (!kern_path("/proc/systemtap", 0, &path)) {
		path_put(&path);
		pr_err("/proc/systemtap exists already (made by SystemTap's own runtime?): not loading\n");
		return -EBUSY;	/* EEXIST would read as "already loaded" */
	}
	stap_proc_root = proc_mkdir("systemtap", NULL);
	if (!stap_proc_root) {
		pr_err("cannot create /proc/systemtap\n");
		return -ENOMEM;
	}
	/* For staprun: which types are there, whose, how busy. */
	if (!proc_create_single(STAP_PROC_PROBE_TYPES, 0444, stap_proc_root,
				stap_probe_types_proc_show)) {
		pr_err("cannot create /proc/systemtap/%s\n",
		       STAP_PROC_PROBE_TYPES);
		proc_remove(stap_proc_root);
		stap_proc_root = NULL;
		return -ENOMEM;
	}
	return 0;
}

void stap_proc_exit(void)
{
	proc_remove(stap_proc_root);
	stap_proc_root = NULL;
	/* Nobody may stay queued on a wait queue that goes with the module. */
	wake_up_pollfree(&stap_ctl_wq);
	synchronize_rcu();
}

int stap_proc_session_create(struct stap_session *s)
{
	struct proc_dir_entry *e;
	unsigned int cpu;
	char name[24];
	int rc = -ENOMEM;

	/* proc_mkdir() over the runtime's own file would WARN. */
	if (stap_session_name_reserved(s->name)) {
		pr_err("%s: the name is reserved in /proc/systemtap; rename the module (stap -m, staprun -R)\n",
		       s->name);
		return -EINVAL;
	}
	s->trace_files = kcalloc(nr_cpu_ids, sizeof(*s->trace_files),
				 GFP_KERNEL);
	if (!s->trace_files)
		return -ENOMEM;
	s->dir = proc_mkdir(s->name, stap_proc_root);
	if (!s->dir) {
		pr_err("%s: cannot create /proc/systemtap/%s\n", s->name,
		       s->name);
		return -EEXIST;
	}
	proc_set_user(s->dir, s->uid, s->gid);

	e = proc_create_data(".cmd", 0600, s->dir, &stap_ctl_proc_ops, s);
	if (!e)
		goto fail;
	proc_set_user(e, s->uid, s->gid);
	rc = stap_control_create(s);
	if (rc)
		goto fail;

	for_each_possible_cpu(cpu) {
		s->trace_files[cpu].s = s;
		s->trace_files[cpu].cpu = cpu;
		snprintf(name, sizeof(name), "trace%u", cpu);
		e = proc_create_data(name, 0400, s->dir, &stap_trace_proc_ops,
				     &s->trace_files[cpu]);
		if (!e) {
			rc = -ENOMEM;
			goto fail;
		}
		proc_set_user(e, s->uid, s->gid);
	}
	return 0;

fail:
	pr_err("%s: cannot create the files of /proc/systemtap/%s\n",
	       s->name, s->name);
	stap_proc_session_remove(s);
	return rc;
}

/* Waits for running file operations and closes every open file. */
void stap_proc_session_remove(struct stap_session *s)
{
	proc_remove(s->dir);
	s->dir = NULL;
}
