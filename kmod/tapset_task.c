// SPDX-License-Identifier: GPL-2.0
/*
 * kmod/tapset_task.c - the current task (linux/context.stp) and the
 * probe point (context.stp, context-symbols.stp) as tapset functions.
 */
#include "runtime.h"

#include <linux/cpumask.h>
#include <linux/cred.h>
#include <linux/kallsyms.h>
#include <linux/minmax.h>
#include <linux/mm_types.h>
#include <linux/module.h>
#include <linux/pid.h>
#include <linux/ptrace.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/smp.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/user_namespace.h>

s64 stap_pid(void)
{
	return current->tgid;
}
EXPORT_SYMBOL_GPL(stap_pid);

s64 stap_tid(void)
{
	return current->pid;
}
EXPORT_SYMBOL_GPL(stap_tid);

s64 stap_ppid(void)
{
	return READ_ONCE(current->real_parent)->tgid;
}
EXPORT_SYMBOL_GPL(stap_ppid);

s64 stap_pgrp(void)
{
	return task_pgrp_nr_ns(current, &init_pid_ns);
}
EXPORT_SYMBOL_GPL(stap_pgrp);

s64 stap_sid(void)
{
	return task_session_nr_ns(current, &init_pid_ns);
}
EXPORT_SYMBOL_GPL(stap_sid);

s64 stap_uid(void)
{
	return from_kuid_munged(current_user_ns(), current_uid());
}
EXPORT_SYMBOL_GPL(stap_uid);

s64 stap_euid(void)
{
	return from_kuid_munged(&init_user_ns, current_euid());
}
EXPORT_SYMBOL_GPL(stap_euid);

s64 stap_gid(void)
{
	return from_kgid_munged(current_user_ns(), current_gid());
}
EXPORT_SYMBOL_GPL(stap_gid);

s64 stap_egid(void)
{
	return from_kgid_munged(current_user_ns(), current_egid());
}
EXPORT_SYMBOL_GPL(stap_egid);

s64 stap_cpu(void)
{
	return smp_processor_id();
}
EXPORT_SYMBOL_GPL(stap_cpu);

s64 stap_num_online_cpus(void)
{
	return num_online_cpus();
}
EXPORT_SYMBOL_GPL(stap_num_online_cpus);

void stap_execname(char *dst, size_t n)
{
	strscpy(dst, current->comm, n);
}
EXPORT_SYMBOL_GPL(stap_execname);

void stap_pexecname(char *dst, size_t n)
{
	strscpy(dst, READ_ONCE(current->real_parent)->comm, n);
}
EXPORT_SYMBOL_GPL(stap_pexecname);

/* Append s to dst (n bytes), truncating like strlcat. */
static void append(char *dst, size_t n, const char *s)
{
	strlcat(dst, s, n);
}

/*
 * cmdline_args(first, last, delim): arguments first..last (last < 0: all)
 * of the current process, joined by delim; an empty argument after the
 * first shows as "".
 */
void stap_cmdline_args(char *dst, size_t n, s64 first, s64 last,
		       const char *delim)
{
	struct mm_struct *mm = current->mm;
	unsigned long start, end;
	char arg[64];
	s64 nr;

	dst[0] = '\0';
	if (!mm || !mm->arg_start || !mm->arg_end)
		return;
	start = mm->arg_start;
	end = mm->arg_end;
	for (nr = 0; start < end && (last < 0 || nr <= last); nr++) {
		unsigned long p = start;
		size_t len = 0;

		/* Read it in pieces: no MAXSTRINGLEN buffer on the stack. */
		if (nr == first)
			dst[0] = '\0';
		else if (nr > first)
			append(dst, n, delim);
		for (;;) {	/* at most n - 2 characters, as user_string() */
			size_t want = min_t(size_t, sizeof(arg) - 1,
					    n - 2 - len);
			size_t rc;

			if (!want)
				break;
			/* the arguments are one mapping up to end */
			want = min_t(size_t, want, end - p);
			if (copy_from_user_nofault(arg, (const void __user *)p,
						   want)) {
				len = 0;	/* user_string(p, ""): empty */
				break;
			}
			arg[want] = '\0';
			rc = strlen(arg);
			if (nr >= first)
				append(dst, n, arg);
			len += rc;
			p += rc;
			if (rc < want || p >= end)
				break;
		}
		if (nr > first && len == 0)
			append(dst, n, "\"\"");
		start += len + 1;
	}
}
EXPORT_SYMBOL_GPL(stap_cmdline_args);

s64 stap_is_return(struct stap_context *c)
{
	return !!(c->probe->flags & STAP_PF_RETURN);
}
EXPORT_SYMBOL_GPL(stap_is_return);

/* The function name in a function("...") or statement("...") point. */
static bool pp_function(const char *pp, char *dst, size_t n)
{
	const char *p = strstr(pp, "function(\"");
	size_t i = 0;

	if (p) {
		p += 10;
	} else {
		p = strstr(pp, "statement(\"");
		if (!p)
			return false;
		p += 11;
	}
	while (*p && *p != '@' && *p != '"' && i + 1 < n)
		dst[i++] = *p++;
	dst[i] = '\0';
	return true;
}

void stap_ppfunc(struct stap_context *c, char *dst, size_t n)
{
	dst[0] = '\0';
	pp_function(c->probe->pp, dst, n);
}
EXPORT_SYMBOL_GPL(stap_ppfunc);

/* probefunc(): symname(addr()): the symbol of the probed address. */
void stap_probefunc(struct stap_context *c, char *dst, size_t n)
{
	unsigned long ip = c->regs ? instruction_pointer(c->regs) : 0;

	if (c->regs && (c->probe->flags & STAP_PF_FUNC_IP))
		snprintf(dst, n, "%ps", (void *)ip);
	else
		snprintf(dst, n, "0x%lx", ip);
}
EXPORT_SYMBOL_GPL(stap_probefunc);

void stap_probemod(struct stap_context *c, char *dst, size_t n)
{
	const char *p = strstr(c->probe->pp, "module(\"");
	char sym[KSYM_SYMBOL_LEN];
	const char *mod, *e;
	size_t i = 0;

	dst[0] = '\0';
	if (p) {
		for (p += 8; *p && *p != '"' && i + 1 < n; )
			dst[i++] = *p++;
		dst[i] = '\0';
		return;
	}
	if (!c->regs) {
		c->last_error = "Cannot determine kernel module name";
		return;
	}
	/* A module symbol prints as "sym+off/size [mod]". */
	sprint_symbol(sym, instruction_pointer(c->regs));
	mod = strchr(sym, '[');
	e = mod ? strchr(mod, ']') : NULL;
	if (!e) {
		strscpy(dst, "kernel", n);
		return;
	}
	strscpy(dst, mod + 1, min_t(size_t, e - mod, n));
}
EXPORT_SYMBOL_GPL(stap_probemod);

/* 4.8's read fault: the address whose read failed. */
static bool task_read(struct stap_context *c, void *dst, const void *src,
		      size_t size)
{
	if (!copy_from_kernel_nofault(dst, src, size))
		return true;
	snprintf(c->error_buf, sizeof(c->error_buf),
		 "read fault [man error::fault] at 0x%lx", (unsigned long)src);
	c->last_error = c->error_buf;
	return false;
}

/*
 * id (a kuid or kgid value) as the namespace whose map is at map sees it,
 * (u32)-1 when it is not mapped there: the kernel's map_id_up(), with
 * every read fault-safe, since map comes from a task pointer the script
 * gave.
 */
static u32 task_map_id_up(struct stap_context *c,
			  const struct uid_gid_map *map, u32 id)
{
	struct uid_gid_map m;
	struct uid_gid_extent e;
	u32 i, n;

	if (!task_read(c, &m, map, sizeof(m)))
		return (u32)-1;
	n = min_t(u32, m.nr_extents, UID_GID_MAP_MAX_EXTENTS);
	for (i = 0; i < n; i++) {
		if (n <= UID_GID_MAP_MAX_BASE_EXTENTS)
			e = m.extent[i];
		else if (!task_read(c, &e, &m.forward[i], sizeof(e)))
			return (u32)-1;
		if (id >= e.lower_first && id - e.lower_first < e.count)
			return id - e.lower_first + e.first;
	}
	return (u32)-1;
}

/*
 * task_uid/euid/gid/egid(task) (linux/task.stp): the id in the task's
 * credentials, as its own user namespace sees it (from_k*id_munged()).
 */
s64 stap_task_cred_id(struct stap_context *c, s64 task, int which)
{
	const struct task_struct *t = (const void *)(unsigned long)task;
	const struct cred *cred;
	struct user_namespace *ns;
	const void *field;
	u32 id;
	bool gid = which == STAP_ID_GID || which == STAP_ID_EGID;

	if (!task_read(c, &cred, &t->real_cred, sizeof(cred)))
		return 0;
	switch (which) {
	case STAP_ID_UID:
		field = &cred->uid;
		break;
	case STAP_ID_EUID:
		field = &cred->euid;
		break;
	case STAP_ID_GID:
		field = &cred->gid;
		break;
	default:
		field = &cred->egid;
		break;
	}
	if (!task_read(c, &id, field, sizeof(id)) ||
	    !task_read(c, &ns, &cred->user_ns, sizeof(ns)))
		return 0;
	if (ns != &init_user_ns)	/* init's map is the identity */
		id = task_map_id_up(c, gid ? &ns->gid_map : &ns->uid_map, id);
	if (c->last_error)
		return 0;
	if (id == (u32)-1)
		return gid ? overflowgid : overflowuid;
	return id;
}
EXPORT_SYMBOL_GPL(stap_task_cred_id);
