// SPDX-License-Identifier: GPL-2.0
/*
 * kmod/probes.c - the registry of probe types, and arming a session's probes
 * (what is armed is decided in kmod/arming.c).
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

/* Arm every probe type; each arms only the probes not disabled. */
int stap_probes_attach(struct stap_session *s)
{
	u32 i;
	int rc = 0;

	mutex_lock(&s->arm_mutex);
	mutex_lock(&stap_types_mutex);
	for (i = 1; i < STAP_PROBE_TYPE_MAX; i++) {
		if (!stap_types[i] || !stap_types[i]->attach)
			continue;
		rc = stap_types[i]->attach(s);
		if (rc) {
			pr_err("%s: arming %s probes failed (%d)\n",
			       s->name, stap_types[i]->name, rc);
			break;
		}
	}
	mutex_unlock(&stap_types_mutex);
	/* A partial attach is attached too, until stap_probes_detach(). */
	s->attached = true;
	mutex_unlock(&s->arm_mutex);
	return rc;
}

/* Safe to call more than once, and after a partial attach. */
void stap_probes_detach(struct stap_session *s)
{
	u32 i;

	mutex_lock(&s->arm_mutex);
	s->attached = false;
	mutex_lock(&stap_types_mutex);
	for (i = STAP_PROBE_TYPE_MAX - 1; i > 0; i--)
		if (stap_types[i] && stap_types[i]->detach)
			stap_types[i]->detach(s);
	mutex_unlock(&stap_types_mutex);
	mutex_unlock(&s->arm_mutex);
}

static const struct stap_probe_ops *stap_probe_type(struct stap_session *s,
						    u32 idx)
{
	u32 type = s->m->probes[idx].type;

	lockdep_assert_held(&stap_types_mutex);
	return type < STAP_PROBE_TYPE_MAX ? stap_types[type] : NULL;
}

/* arm_mutex held, s->attached: really (dis)arm probe idx if its type can. */
void stap_probe_arm(struct stap_session *s, u32 idx, bool on)
{
	const struct stap_probe_ops *t;

	mutex_lock(&stap_types_mutex);
	t = stap_probe_type(s, idx);
	if (t && t->arm)
		t->arm(s, idx, on);
	mutex_unlock(&stap_types_mutex);
}

/* arm_mutex held: misses the kernel counted for probe idx so far. */
u64 stap_probe_missed(struct stap_session *s, u32 idx)
{
	const struct stap_probe_ops *t;
	u64 n = 0;

	if (!s->attached)
		return 0;
	mutex_lock(&stap_types_mutex);
	t = stap_probe_type(s, idx);
	if (t && t->missed)
		n = t->missed(s, idx);
	mutex_unlock(&stap_types_mutex);
	return n;
}
