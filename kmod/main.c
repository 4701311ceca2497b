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

/* The built-in probe types: one line each, registered in this order. */
static const struct {
	int (*init)(void);
	void (*exit)(void);
} stap_builtin_types[] = {
	{ stap_been_types_init, stap_been_types_exit },
	{ stap_kprobes_init, stap_kprobes_exit },
	{ stap_timers_init, stap_timers_exit },
	{ stap_tracepoints_init, stap_tracepoints_exit },
	{ stap_procfs_types_init, stap_procfs_types_exit },
};

static void stap_types_exit(size_t n)
{
	while (n--)
		stap_builtin_types[n].exit();
}

static int __init stap_init(void)
{
	size_t i;
	int rc;

	stap_random_init();
	stap_session_hooks_set(&stap_proc_hooks);
	for (i = 0; i < ARRAY_SIZE(stap_builtin_types); i++) {
		rc = stap_builtin_types[i].init();
		if (rc)
			goto out_types;
	}
	rc = stap_proc_init();
	if (rc)
		goto out_types;
	pr_info("runtime %s loaded (handler ABI %d)\n",
		STAP_RUNTIME_VERSION, STAP_ABI_VERSION);
	return 0;

out_types:
	stap_types_exit(i);
	return rc;
}

static void __exit stap_exit_module(void)
{
	stap_proc_exit();
	stap_types_exit(ARRAY_SIZE(stap_builtin_types));
}

module_init(stap_init);
module_exit(stap_exit_module);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("SystemTap resident runtime");
MODULE_VERSION(STAP_RUNTIME_VERSION);
