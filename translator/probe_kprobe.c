// SPDX-License-Identifier: GPL-2.0
/*
 * translator/probe_kprobe.c - kernel functions: kprobe.function("PAT")
 * and kernel.function("PAT"), each with .call and .return, probed by the
 * runtime's "kprobe" and "kretprobe" types (<stap/probes/kprobe.h>).
 *
 * PAT is a name, a wildcard or a brace list ("vfs_*", "{vfs_read,
 * vfs_write}"), matched against kallsyms, or BTF and System.map for
 * another kernel (symbols.c).  Without debuginfo, $names come from BTF
 * (btf_target.c): the parameters, read from the argument registers by the
 * x86-64 calling convention ($count, $sk->__sk_common->skc_dport), and
 * $return.  In .return probes the parameters are the values at entry,
 * which the runtime keeps (entry_args).  Beyond SystemTap, kprobe.function
 * has them too.
 */
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/btf.h>

#include "btf_target.h"
#include "emit.h"

static const char *const kprobe_points[] = {
	"kprobe.function(string)",
	"kprobe.function(string).call",
	"kprobe.function(string).return",
	"kernel.function(string)",
	"kernel.function(string).call",
	"kernel.function(string).return",
	NULL,
};

struct kfunc {
	const char *sym;
	const struct btf *btf;
	__u32 proto;		/* its BTF FUNC_PROTO, or 0 */
	bool ret;
	bool entry_args;	/* a .return probe reads a parameter */
};

static bool is_return(const struct dprobe *d)
{
	return d->variant % 3 == 2;
}

static struct component *fn_comp(struct probe_point *pp)
{
	return pp->comps.v[1];
}

/* "{a,b}c*" -> "ac*", "bc*": SystemTap's brace expansion, one level. */
static void braces(const char *pat, struct vec *out)
{
	const char *l = strchr(pat, '{'), *r = l ? strchr(l, '}') : NULL;
	const char *p;

	if (!l || !r) {
		vec_push(out, xstrdup(pat));
		return;
	}
	for (p = l + 1; p <= r; ) {
		const char *e = p + strcspn(p, ",}");
		char *one = xasprintf("%.*s%.*s%s", (int)(l - pat), pat,
				      (int)(e - p), p, r + 1);

		braces(one, out);
		free(one);
		p = e + 1;
	}
}

static int kprobe_expand(struct session *s, struct probe_point *pp,
			 struct vec *out, struct perr *err)
{
	const char *pat = fn_comp(pp)->arg->str;
	struct vec pats = { 0 }, names = { 0 };
	int i, j;

	(void)err;
	if (!strpbrk(pat, "*?[{"))
		return 0;	/* one name: build takes it as it is */
	braces(pat, &pats);
	for (i = 0; i < pats.n; i++) {
		struct vec m = { 0 };

		if (strpbrk(pats.v[i], "*?["))
			kernel_functions(s, pats.v[i], &m);
		else if (kernel_has_function(s, pats.v[i]) > 0)
			vec_push(&m, xstrdup(pats.v[i]));
		for (j = 0; j < m.n; j++)
			vec_push(&names, m.v[j]);
		free(m.v);
	}
	for (i = 0; i < names.n; i++)
		vec_push(out, pp_with_arg(pp, 1, names.v[i]));
	return 1;
}

/*
 * What SystemTap's kernel.function never probes, as the kernel would
 * refuse or die of it: the trap and NMI paths and what they call, and
 * the functions that never return (no .return).  The running kernel's
 * own list (kprobes/blacklist in debugfs) is added to it.
 */
static const char *const blacklisted[] = {
	"do_int3", "do_debug", "exc_int3", "exc_debug", "exc_nmi", "do_nmi",
	"default_do_nmi", "notify_die", "__die", "die", "do_trap",
	"do_general_protection", "exc_general_protection", "do_page_fault",
	"exc_page_fault", "dummy_nmi_callback", "kprobe_exceptions_notify",
	"unknown_nmi_error", "atomic_notifier_call_chain",
	"notifier_call_chain", "__switch_to", "__switch_to_asm",
	"mcount", "__fentry__", "_raw_spin_lock", "_raw_spin_unlock",
	"_raw_spin_lock_irqsave", "_raw_spin_unlock_irqrestore",
	"preempt_count_add", "preempt_count_sub",
};
static const char *const blacklisted_return[] = {
	"do_exit", "do_group_exit", "make_task_dead", "__x64_sys_exit",
	"__x64_sys_exit_group",
};

static bool in_list(const char *const *l, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(l[i], name))
			return true;
	return false;
}

/* The kernel's own list, "0xSTART-0xEND NAME" a line (running kernel). */
static bool kernel_blacklisted(struct session *s, const char *name)
{
	static struct vec names;
	static bool read;
	char line[256], sym[128];
	FILE *f;
	int i;

	if (!s->kver_running)
		return false;
	if (!read) {
		read = true;
		f = fopen("/sys/kernel/debug/kprobes/blacklist", "r");
		while (f && fgets(line, sizeof(line), f))
			if (sscanf(line, "%*s %127s", sym) == 1)
				vec_push(&names, xstrdup(sym));
		if (f)
			fclose(f);
	}
	for (i = 0; i < names.n; i++)
		if (!strcmp(names.v[i], name))
			return true;
	return false;
}

static bool blacklisted_p(struct session *s, const struct dprobe *d,
			  const char *sym)
{
	if (d->variant < 3)
		return false;	/* kprobe.function: the kernel decides */
	return in_list(blacklisted, ARRAY_LEN(blacklisted), sym) ||
	       (is_return(d) && in_list(blacklisted_return,
					 ARRAY_LEN(blacklisted_return), sym)) ||
	       kernel_blacklisted(s, sym);
}

static int build_kprobe(struct session *s, struct probe_point *pp,
			struct dprobe *d, struct perr *err)
{
	const char *sym = fn_comp(pp)->arg->str;
	int found = kernel_has_function(s, sym);
	struct kfunc *k;

	if (found < 0)
		return pfail(err, xstrdup("cannot read the kernel's symbols"),
			     NULL);
	if (!found)
		return 0;
	if (blacklisted_p(s, d, sym)) {
		if (s->verbose > 1)
			fprintf(stderr, "%s skipping - blacklisted\n", sym);
		return 0;
	}
	k = xcalloc(1, sizeof(*k));
	k->sym = sym;
	k->ret = is_return(d);
	k->btf = kernel_btf(s);
	k->proto = btf_func_proto(k->btf, sym);
	if (k->ret) {
		d->rtype = "kretprobe";
		d->flags = "STAP_PF_RETURN";
	} else {
		d->rtype = "kprobe";
		d->flags = "STAP_PF_FUNC_IP";
	}
	d->data = k;
	return 1;
}

/*
 * __x64_sys_NAME(const struct pt_regs *regs) wraps a system call: its
 * own parameters ($fd, $count) are the user registers of the system-call
 * convention, named and typed as __do_sys_NAME or ksys_NAME declares
 * them where BTF has one of those.
 */
static const char *const sys_regs[] = { "di", "si", "dx", "r10", "r8", "r9" };

static const char *syscall_target(const struct kfunc *k, const struct expr *e,
				  struct target_var *tv)
{
	const char *name = e->tok->text + 1, *sys;
	static const char *const protos[] = { "__do_sys_%s", "__se_sys_%s",
					      "ksys_%s" };
	const struct btf_type *p;
	const struct btf_param *a;
	size_t i;
	int j, id = 0;
	char *c, *fn;
	const char *why;

	if (strncmp(k->sym, "__x64_sys_", 10))
		return NULL;
	sys = k->sym + 10;
	/* BTF may name it after another wrapper of the same type (__unused) */
	p = btf__type_by_id(k->btf, k->proto);
	if (!strcmp(name, "regs") && btf_vlen(p) == 1) {
		why = btf_value_target(k->btf, btf_params(p)[0].type,
				       "stap_karg(c, 0)", e, tv);
		return why ? why : "";
	}
	for (i = 0; i < ARRAY_LEN(protos) && !id; i++) {
		fn = xasprintf(protos[i], sys);
		id = btf_func_proto(k->btf, fn);
		free(fn);
	}
	if (!id)
		return NULL;
	p = btf__type_by_id(k->btf, id);
	a = btf_params(p);
	for (j = 0; j < btf_vlen(p) && j < 6; j++)
		if (!strcmp(btf__name_by_offset(k->btf, a[j].name_off), name))
			break;
	if (j == btf_vlen(p) || j == 6)
		return NULL;
	c = xasprintf("stap_kderef(c, (s64)stap_karg(c, 0) + offsetof(struct pt_regs, %s), 8)",
		      sys_regs[j]);
	why = btf_value_target(k->btf, a[j].type, c, e, tv);
	if (!why)
		tv->faults = true;
	return why ? why : "";
}

static const char *kprobe_target(const struct dprobe *d, const struct expr *e,
				 const char *op, struct target_var *tv)
{
	struct kfunc *k = d->data;
	const char *name = e->tok->text;
	const char *why;

	if (!k->proto)
		return xasprintf("unable to find local '%s': no BTF for function %s",
				 name + 1, k->sym);
	if (op)
		return "write to target variable not permitted; need stap -g";
	if (!strcmp(name, "$return")) {
		const struct btf_type *p = btf__type_by_id(k->btf, k->proto);

		if (!k->ret)
			return "target-symbol $return is not available in a non-return probe";
		if (!p->type)
			return "function returns void: no $return";
		return btf_value_target(k->btf, p->type, "c->regs->ax", e, tv);
	}
	why = syscall_target(k, e, tv);
	if (why)
		why = *why ? why : NULL;
	else
		why = btf_param_target(k->btf, k->proto, k->sym,
				       "stap_karg(c, %d)", e, tv);
	if (!why && k->ret)
		((struct kfunc *)k)->entry_args = true;
	return why;
}

static void kprobe_list_vars(const struct dprobe *d, struct sbuf *out)
{
	const struct kfunc *k = d->data;

	if (k->proto)
		btf_list_params(k->btf, k->proto, k->ret, out);
}

static const char *kprobe_args_type(const struct dprobe *d)
{
	(void)d;
	return "struct stap_kprobe_args";
}

static void kprobe_args_c(struct session *s, const struct dprobe *d,
			  struct sbuf *out)
{
	const struct kfunc *k = d->data;
	struct sbuf q = { 0 };

	(void)s;
	c_string(&q, k->sym);
	sb_printf(out, ".symbol = %s", q.s);
	if (k->entry_args)
		sb_puts(out, ", .entry_args = 1");
	sb_free(&q);
}

/*
 * Argument i as the function got it: the registers of the x86-64
 * calling convention, or in a .return probe the copy the runtime made.
 */
static const char kprobe_prelude[] =
	"static __always_inline u64 stap_karg(const struct stap_context *c, int i)\n"
	"{\n"
	"\tconst struct pt_regs *r = c->regs;\n"
	"\n"
	"\tif (c->tdata)\n"
	"\t\treturn ((const u64 *)c->tdata)[i];\n"
	"\tswitch (i) {\n"
	"\tcase 0: return r->di;\n"
	"\tcase 1: return r->si;\n"
	"\tcase 2: return r->dx;\n"
	"\tcase 3: return r->cx;\n"
	"\tcase 4: return r->r8;\n"
	"\tdefault: return r->r9;\n"
	"\t}\n"
	"}\n";

PROBE_FAMILY(kprobe_family) = {
	.name = "kprobe",
	.points = kprobe_points,
	.build = build_kprobe,
	.expand = kprobe_expand,
	.target = kprobe_target,
	.header = "stap/probes/kprobe.h",
	.prelude = kprobe_prelude,
	.args_type = kprobe_args_type,
	.args_c = kprobe_args_c,
	.list_vars = kprobe_list_vars,
	.members = true,
};
