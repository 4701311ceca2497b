// SPDX-License-Identifier: GPL-2.0
/*
 * What SystemTap's own runtime leaves behind: a /proc/systemtap directory
 * that is not ours (selftests/runtime/proc_taken.sh).
 */
#include <linux/module.h>
#include <linux/proc_fs.h>

static struct proc_dir_entry *dir;

static int __init t_procdir_init(void)
{
	dir = proc_mkdir("systemtap", NULL);
	return dir ? 0 : -ENOMEM;
}

static void __exit t_procdir_exit(void)
{
	proc_remove(dir);
}

module_init(t_procdir_init);
module_exit(t_procdir_exit);
MODULE_LICENSE("GPL");
