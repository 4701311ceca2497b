// SPDX-License-Identifier: GPL-2.0
/*
 * A provider module of the smallest kind (selftests/runtime/ptype.sh): the
 * probe type "selftest" fires each probe of a session every 10 ms from a
 * work item, and lends the handler the number of the hit as c->tdata.
 */
#include <linux/module.h>
#include <linux/preempt.h>
#include <linux/slab.h>
#include <linux/workqueue.h>
#include <stap/probe_type.h>

#ifndef T_API
#define T_API	STAP_PROVIDER_API_VERSION
#endif

struct t_fire {
	struct delayed_work work;
	struct stap_probe_set *set;
	u64 hits;
	bool stopping;
};

static void t_fire_fn(struct work_struct *w)
{
	struct t_fire *f = container_of(w, struct t_fire, work.work);
	u32 i;

	f->hits++;
	for (i = 0; i < f->set->n; i++) {
		if (stap_probe_is_off(f->set, i))
			continue;
		preempt_disable();
		stap_probe_hit(f->set, i, NULL, &f->hits);
		preempt_enable();
	}
	if (!READ_ONCE(f->stopping))
		schedule_delayed_work(&f->work, msecs_to_jiffies(10));
}

static int t_init(struct stap_probe_set *set)
{
	struct t_fire *f = kzalloc(sizeof(*f), GFP_KERNEL);

	if (!f)
		return -ENOMEM;
	f->set = set;
	INIT_DELAYED_WORK(&f->work, t_fire_fn);
	set->priv = f;
	return 0;
}

static void t_free(struct stap_probe_set *set)
{
	kfree(set->priv);
	set->priv = NULL;
}

static int t_attach(struct stap_probe_set *set)
{
	struct t_fire *f = set->priv;

	f->stopping = false;
	schedule_delayed_work(&f->work, msecs_to_jiffies(10));
	return 0;
}

/* The flag stops the re-arm, the cancel waits for a running one. */
static void t_detach(struct stap_probe_set *set)
{
	struct t_fire *f = set->priv;

	WRITE_ONCE(f->stopping, true);
	cancel_delayed_work_sync(&f->work);
}

static struct stap_probe_type t_type = {
	.api_version = T_API,
	.name = "selftest",
	.owner = THIS_MODULE,
	.when = STAP_WHEN_RUNNING,
	.init = t_init,
	.free = t_free,
	.attach = t_attach,
	.detach = t_detach,
};

static int __init t_prov_init(void)
{
	return stap_probe_type_register(&t_type);
}

static void __exit t_prov_exit(void)
{
	stap_probe_type_unregister(&t_type);
}

module_init(t_prov_init);
module_exit(t_prov_exit);
MODULE_ALIAS(STAP_PROBE_TYPE_ALIAS_PREFIX "selftest");
MODULE_LICENSE("GPL");
