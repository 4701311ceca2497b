// SPDX-License-Identifier: GPL-2.0
/*
 * kmod/main.c - systemtap.ko module init and exit: the glue that hands the
 * core its control plane (procfs/) and registers the built-in probe types.
 */
#include "runtime.h"

#include <linux/init.h>
#include <linux/module.h>

static const struct stap_session_hooks stap_proc_hooks = {
	.dir_create = stap_proc_session_create,
	.dir_remove = stap_proc_session_remove,
	.wake = stap_ctl_wake,
};

static int __init stap_init(void)
{
	int rc;

	stap_random_init();
	stap_session_hooks_set(&stap_proc_hooks);
	rc = stap_been_types_init();
	if (rc)
		return rc;
	rc = stap_kprobes_init();
	if (rc)
		goto out_been;
	rc = stap_timers_init();
	if (rc)
		goto out_kprobes;
	rc = stap_procfs_types_init();
	if (rc)
		goto out_timers;
	rc = stap_proc_init();
	if (rc)
		goto out_procfs;
	pr_info("runtime %s loaded (handler ABI %d)\n",
		STAP_RUNTIME_VERSION, STAP_ABI_VERSION);
	return 0;

out_procfs:
	stap_procfs_types_exit();
out_timers:
	stap_timers_exit();
out_kprobes:
	stap_kprobes_exit();
out_been:
	stap_been_types_exit();
	return rc;
}

static void __exit stap_exit_module(void)
{
	stap_proc_exit();
	stap_procfs_types_exit();
	stap_timers_exit();
	stap_kprobes_exit();
	stap_been_types_exit();
}

module_init(stap_init);
module_exit(stap_exit_module);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("SystemTap resident runtime");
MODULE_VERSION(STAP_RUNTIME_VERSION);
