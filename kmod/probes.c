// SPDX-License-Identifier: GPL-2.0
/*
 * kmod/probes.c - the registry of probe types, and arming a session's probes.
 */
#include "runtime.h"

#include <linux/mutex.h>

static DEFINE_MUTEX(stap_types_mutex);
static const struct stap_probe_ops *stap_types[STAP_PROBE_TYPE_MAX];

int stap_probe_ops_register(const struct stap_probe_ops *t)
{
	int rc = 0;

	if (!t || !t->type || t->type >= STAP_PROBE_TYPE_MAX)
		return -EINVAL;
	mutex_lock(&stap_types_mutex);
	if (stap_types[t->type])
		rc = -EEXIST;
	else
		stap_types[t->type] = t;
	mutex_unlock(&stap_types_mutex);
	return rc;
}

void stap_probe_ops_unregister(const struct stap_probe_ops *t)
{
	mutex_lock(&stap_types_mutex);
	if (t && t->type < STAP_PROBE_TYPE_MAX && stap_types[t->type] == t)
		stap_types[t->type] = NULL;
	mutex_unlock(&stap_types_mutex);
}

/* Every probe of a handler module must be of a known type and complete. */
int stap_probes_check(const struct stap_module *m)
{
	const struct stap_probe_ops *t;
	u32 i;
	int rc = 0;

	if (m->nprobes && !m->probes)
		return -EINVAL;
	mutex_lock(&stap_types_mutex);
	for (i = 0; i < m->nprobes && !rc; i++) {
		const struct stap_probe *p = &m->probes[i];

		t = p->type < STAP_PROBE_TYPE_MAX ? stap_types[p->type] : NULL;
		if (!t) {
			pr_err("%s: probe %u has unknown type %u\n",
			       m->owner->name, i, p->type);
			rc = -EINVAL;
		} else if (!p->handler || !p->pp) {
			pr_err("%s: probe %u has no handler or point\n",
			       m->owner->name, i);
			rc = -EINVAL;
		} else if (t->check) {
			rc = t->check(p);
			if (rc)
				pr_err("%s: probe %s refused by %s (%d)\n",
				       m->owner->name, p->pp, t->name, rc);
		}
	}
	mutex_unlock(&stap_types_mutex);
	return rc;
}

int stap_probes_attach(struct stap_session *s)
{
	u32 i;
	int rc;

	mutex_lock(&stap_types_mutex);
	for (i = 1; i < STAP_PROBE_TYPE_MAX; i++) {
		if (!stap_types[i] || !stap_types[i]->attach)
			continue;
		rc = stap_types[i]->attach(s);
		if (rc) {
			pr_err("%s: arming %s probes failed (%d)\n",
			       s->name, stap_types[i]->name, rc);
			mutex_unlock(&stap_types_mutex);
			return rc;
		}
	}
	mutex_unlock(&stap_types_mutex);
	return 0;
}

/* Safe to call more than once, and after a partial attach. */
void stap_probes_detach(struct stap_session *s)
{
	u32 i;

	mutex_lock(&stap_types_mutex);
	for (i = STAP_PROBE_TYPE_MAX - 1; i > 0; i--)
		if (stap_types[i] && stap_types[i]->detach)
			stap_types[i]->detach(s);
	mutex_unlock(&stap_types_mutex);
}
