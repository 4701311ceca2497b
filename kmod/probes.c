// SPDX-License-Identifier: GPL-2.0
/*
 * kmod/probes.c - the public registry of probe types (<stap/probe_type.h>)
 * and a session's probe sets: the probes of a handler module grouped by the
 * type they name, each group handed to its type's ops.
 *
 * The core knows no type by name.  A type registers under a unique name,
 * the built-ins from kmod/main.c, a provider module from its init.  A
 * session takes a reference on the owner module and a count in ->users of
 * every type it uses, from registration until its sets are freed, so a
 * provider cannot go while a handler module needs it; unregistering waits
 * for ->users to reach 0 all the same, so that no set ever outlives its
 * type.
 */
#include "runtime.h"

#include <linux/ctype.h>
#include <linux/kmod.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/wait.h>

/* Longest type name: "stap-probe-NAME" must stay a sane module alias. */
#define STAP_TYPE_NAME_MAX	48

static LIST_HEAD(stap_types);
static DEFINE_MUTEX(stap_types_mutex);
static DECLARE_WAIT_QUEUE_HEAD(stap_types_wq);

/* Letters, digits, '_', '.' and '-': what goes into a module alias. */
static bool stap_type_name_ok(const char *name)
{
	size_t n;

	if (!name || !name[0])
		return false;
	for (n = 0; name[n]; n++)
		if (n >= STAP_TYPE_NAME_MAX ||
		    !(isalnum(name[n]) || strchr("_.-", name[n])))
			return false;
	return true;
}

static const char *stap_type_owner(const struct stap_probe_type *t)
{
	return t->owner ? module_name(t->owner) : "systemtap";
}

static struct stap_probe_type *stap_type_find(const char *name)
{
	struct stap_probe_type *t;

	lockdep_assert_held(&stap_types_mutex);
	list_for_each_entry(t, &stap_types, list)
		if (!strcmp(t->name, name))
			return t;
	return NULL;
}

int stap_probe_type_register(struct stap_probe_type *t)
{
	struct stap_probe_type *old;
	int rc = 0;

	if (!t)
		return -EINVAL;
	if (t->api_version != STAP_PROVIDER_API_VERSION) {
		pr_err("probe type '%s' of module %s: built for provider API version %u, this runtime speaks version %d; rebuild the module\n",
		       t->name ? t->name : "?", stap_type_owner(t),
		       t->api_version, STAP_PROVIDER_API_VERSION);
		return -EPROTO;
	}
	if (!stap_type_name_ok(t->name) || t->when > STAP_WHEN_ERROR) {
		pr_err("probe type '%s' of module %s: bad name or state\n",
		       t->name ? t->name : "?", stap_type_owner(t));
		return -EINVAL;
	}
	INIT_LIST_HEAD(&t->list);
	atomic_set(&t->users, 0);
	mutex_lock(&stap_types_mutex);
	old = stap_type_find(t->name);
	if (old) {
		pr_err("probe type '%s' of module %s: module %s registered it already\n",
		       t->name, stap_type_owner(t), stap_type_owner(old));
		rc = -EEXIST;
	} else {
		list_add_tail(&t->list, &stap_types);
	}
	mutex_unlock(&stap_types_mutex);
	return rc;
}
EXPORT_SYMBOL_GPL(stap_probe_type_register);

void stap_probe_type_unregister(struct stap_probe_type *t)
{
	if (!t)
		return;
	mutex_lock(&stap_types_mutex);
	if (!list_empty(&t->list) && stap_type_find(t->name) == t)
		list_del_init(&t->list);
	mutex_unlock(&stap_types_mutex);
	/* A session found it before it left the list: let that one finish. */
	wait_event(stap_types_wq, !atomic_read(&t->users));
}
EXPORT_SYMBOL_GPL(stap_probe_type_unregister);

/* /proc/systemtap/probe_types: "NAME MODULE USERS", one type a line. */
void stap_probe_types_show(struct seq_file *m)
{
	struct stap_probe_type *t;

	mutex_lock(&stap_types_mutex);
	list_for_each_entry(t, &stap_types, list)
		seq_printf(m, "%s %s %d\n", t->name, stap_type_owner(t),
			   atomic_read(&t->users));
	mutex_unlock(&stap_types_mutex);
}

/* Look name up and pin its type and owner; NULL when there is none. */
static struct stap_probe_type *stap_type_get(const char *name)
{
	struct stap_probe_type *t;

	mutex_lock(&stap_types_mutex);
	t = stap_type_find(name);
	if (t && try_module_get(t->owner))
		atomic_inc(&t->users);
	else
		t = NULL;	/* absent, or its module is going */
	mutex_unlock(&stap_types_mutex);
	return t;
}

static void stap_type_put(struct stap_probe_type *t)
{
	struct module *owner = t->owner;

	if (atomic_dec_and_test(&t->users))
		wake_up_all(&stap_types_wq);
	/* t may be gone from here on: its module can unload. */
	module_put(owner);
}

/*
 * A type no module registered yet: its provider declares the alias
 * "stap-probe-NAME", so modprobe may know it.  Outside every lock, as the
 * provider's init registers through stap_types_mutex.
 */
static struct stap_probe_type *stap_type_load(struct stap_session *s,
					      const char *name)
{
	struct stap_probe_type *t = stap_type_get(name);

	if (t)
		return t;
	request_module(STAP_PROBE_TYPE_ALIAS_PREFIX "%s", name);
	t = stap_type_get(name);
	if (!t)
		pr_err("%s: probe type '%s' is not registered (no module provides stap-probe-%s)\n",
		       s->name, name, name);
	return t;
}

/* Every probe must be complete and name its type sanely. */
static int stap_probes_valid(const struct stap_module *m)
{
	u32 i;

	if (m->nprobes && !m->probes)
		return -EINVAL;
	for (i = 0; i < m->nprobes; i++) {
		const struct stap_probe *p = &m->probes[i];

		if (!p->handler || !p->pp || !stap_type_name_ok(p->type)) {
			pr_err("%s: probe %u has no handler, point or valid type name\n",
			       m->owner->name, i);
			return -EINVAL;
		}
	}
	return 0;
}

/* s->pref[i].set for every probe, s->nsets, and each set's n. */
static void stap_sets_group(struct stap_session *s, u32 *first)
{
	const struct stap_module *m = s->m;
	u32 i, k;

	for (i = 0; i < m->nprobes; i++) {
		for (k = 0; k < s->nsets; k++)
			if (!strcmp(m->probes[first[k]].type,
				    m->probes[i].type))
				break;
		if (k == s->nsets)
			first[s->nsets++] = i;
		s->pref[i].set = k;
		s->pref[i].i = s->sets[k].n++;
	}
}

/* The sets in script order of first use, each with its probes in order. */
static int stap_sets_build(struct stap_session *s)
{
	const struct stap_module *m = s->m;
	u32 n = max_t(u32, m->nprobes, 1);
	u32 *first, *idx, i, k, off = 0;

	s->pref = kcalloc(n, sizeof(*s->pref), GFP_KERNEL);
	s->sets = kcalloc(n, sizeof(*s->sets), GFP_KERNEL);
	idx = kcalloc(n, sizeof(*idx), GFP_KERNEL);
	first = kcalloc(n, sizeof(*first), GFP_KERNEL);
	if (!s->pref || !s->sets || !idx || !first) {
		kfree(first);
		kfree(idx);
		return -ENOMEM;
	}
	stap_sets_group(s, first);
	kfree(first);
	for (k = 0; k < s->nsets; k++) {
		s->sets[k].session = s;
		s->sets[k].m = m;
		s->sets[k].idx = idx + off;
		off += s->sets[k].n;
	}
	/* sets[0].idx owns the array, even when no set exists */
	if (!s->nsets)
		s->sets[0].idx = idx;
	for (i = 0; i < m->nprobes; i++) {
		struct stap_probe_ref *r = &s->pref[i];

		idx[(s->sets[r->set].idx - idx) + r->i] = i;
	}
	return 0;
}

/* Each set's type, pinned; then every probe checked by its type. */
static int stap_sets_resolve(struct stap_session *s)
{
	u32 k, i;
	int rc;

	for (k = 0; k < s->nsets; k++) {
		struct stap_probe_set *set = &s->sets[k];

		set->type = stap_type_load(s, stap_set_probe(set, 0)->type);
		if (!set->type)
			return -ENOENT;
	}
	for (k = 0; k < s->nsets; k++) {
		struct stap_probe_set *set = &s->sets[k];

		for (i = 0; set->type->check && i < set->n; i++) {
			const struct stap_probe *p = stap_set_probe(set, i);

			rc = set->type->check(p);
			if (rc) {
				pr_err("%s: probe %s refused by type '%s' (%d)\n",
				       s->name, p->pp, set->type->name, rc);
				return rc;
			}
		}
	}
	return 0;
}

/*
 * At session registration, once the session's /proc directory exists.
 * On failure the caller still calls stap_probe_sets_free().
 */
int stap_probe_sets_init(struct stap_session *s)
{
	u32 k;
	int rc;

	rc = stap_probes_valid(s->m);
	if (!rc)
		rc = stap_sets_build(s);
	if (!rc)
		rc = stap_sets_resolve(s);
	for (k = 0; !rc && k < s->nsets; k++) {
		struct stap_probe_set *set = &s->sets[k];

		s->sets_init = k + 1;	/* free() undoes a failed init too */
		if (set->type->init)
			rc = set->type->init(set);
		if (rc)
			pr_err("%s: type '%s' failed to set up its probes (%d)\n",
			       s->name, set->type->name, rc);
	}
	return rc;
}

/* After every probe stopped: the types undo init, then lose their user. */
void stap_probe_sets_free(struct stap_session *s)
{
	u32 k;

	for (k = s->sets_init; k > 0; k--) {
		struct stap_probe_set *set = &s->sets[k - 1];

		if (set->type->free)
			set->type->free(set);
	}
	s->sets_init = 0;
	for (k = 0; s->sets && k < s->nsets; k++)
		if (s->sets[k].type)
			stap_type_put(s->sets[k].type);
	if (s->sets)
		kfree(s->sets[0].idx);
	kfree(s->sets);
	s->sets = NULL;
	s->nsets = 0;
	kfree(s->pref);
	s->pref = NULL;
}

/*
 * start and stop go by the types' states, in enum stap_when order: a type
 * of running probes prepares before the begin probes run, and on the way
 * out the end probes run before the error probes (an end probe may reach
 * the error limit).  Script order within one state.
 */
static void stap_sets_by_when(struct stap_session *s, bool start)
{
	u32 w, k;

	for (w = STAP_WHEN_RUNNING; w <= STAP_WHEN_ERROR; w++) {
		for (k = 0; k < s->nsets; k++) {
			struct stap_probe_set *set = &s->sets[k];
			void (*op)(struct stap_probe_set *set);

			op = start ? set->type->start : set->type->stop;
			if (set->type->when == w && op)
				op(set);
		}
	}
}

/* ctl_mutex held: the begin probes run here. */
void stap_probe_sets_start(struct stap_session *s)
{
	stap_sets_by_when(s, true);
}

/* ctl_mutex held, every set detached: end and error probes. */
void stap_probe_sets_stop(struct stap_session *s)
{
	stap_sets_by_when(s, false);
}

/* Arm every set in script order; each arms only the probes not off. */
int stap_probes_attach(struct stap_session *s)
{
	u32 k;
	int rc = 0;

	mutex_lock(&s->arm_mutex);
	for (k = 0; k < s->nsets && !rc; k++) {
		struct stap_probe_set *set = &s->sets[k];

		/* A partial attach is undone by detach, this set included. */
		s->sets_attached = k + 1;
		if (set->type->attach)
			rc = set->type->attach(set);
		if (rc)
			pr_err("%s: arming '%s' probes failed (%d)\n",
			       s->name, set->type->name, rc);
	}
	s->attached = true;
	mutex_unlock(&s->arm_mutex);
	return rc;
}

/* What the kernel missed while attached becomes skipped probes. */
static void stap_sets_fold_missed(struct stap_session *s)
{
	u32 k, i;

	for (k = 0; k < s->sets_attached; k++) {
		struct stap_probe_set *set = &s->sets[k];

		for (i = 0; set->type->missed && i < set->n; i++) {
			u64 n = set->type->missed(set, i);

			if (!n)
				continue;
			atomic_add(n, &s->skipped);
			s->parm[set->idx[i]].missed += n;
		}
	}
}

/* Safe to call more than once, and after a partial attach. */
void stap_probes_detach(struct stap_session *s)
{
	u32 k;

	mutex_lock(&s->arm_mutex);
	/* stap_probe_missed() says 0 from here: no count is taken twice. */
	s->attached = false;
	stap_sets_fold_missed(s);
	for (k = s->sets_attached; k > 0; k--) {
		struct stap_probe_set *set = &s->sets[k - 1];

		if (set->type->detach)
			set->type->detach(set);
	}
	s->sets_attached = 0;
	mutex_unlock(&s->arm_mutex);
}

/* arm_mutex held, s->attached: really (dis)arm probe idx if its type can. */
void stap_probe_arm(struct stap_session *s, u32 idx, bool on)
{
	struct stap_probe_set *set = &s->sets[s->pref[idx].set];

	lockdep_assert_held(&s->arm_mutex);
	if (s->pref[idx].set >= s->sets_attached)
		return;		/* its attach never ran */
	if (set->type->arm)
		set->type->arm(set, s->pref[idx].i, on);
}

/* arm_mutex held: misses the kernel counted for probe idx so far. */
u64 stap_probe_missed(struct stap_session *s, u32 idx)
{
	struct stap_probe_set *set;

	lockdep_assert_held(&s->arm_mutex);
	if (!s->attached || idx >= s->m->nprobes ||
	    s->pref[idx].set >= s->sets_attached)
		return 0;
	set = &s->sets[s->pref[idx].set];
	return set->type->missed ? set->type->missed(set, s->pref[idx].i) : 0;
}
