// SPDX-License-Identifier: GPL-2.0
/*
 * translator/emit_args.c - script arguments as load-time module parameters.
 *
 * SystemTap pastes $N and @N into the script at compile time, so a module
 * built with "stap -p4 top.stp 5" can only ever run with 5.  Here a literal
 * that is all of one argument ($N used as a number, @N as a string, see
 * parse.c arg_param) reads the module parameter argN instead, initialised
 * with the compile-time value:
 *
 *   $N only:  static s64 stap_argN, module_param_cb(argN, long ops)
 *   @N only:  static char stap_argN_s[MAXSTRINGLEN], module_param_string
 *   both:     argN is the string; $N is its number, parsed at load by the
 *             same ops a long global uses (junk refuses the load)
 *
 * Timer periods given as $N (timer.ms($1), .randomize($2), timer.hz($1),
 * timer.jiffies($1)) are computed from the parameter in the module's init,
 * range-checked as at compile time, before the session is registered.
 * A script global named argN keeps that name: then argN is no parameter.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"

#define ARG_NUM	1
#define ARG_STR	2

static void use(struct session *s, int n, unsigned what)
{
	if (!s->arg_use)
		s->arg_use = xcalloc(s->args.n + 1, 1);
	s->arg_use[n] |= what;
}

/* The C expression of a parameter literal; NULL for a plain literal. */
char *arg_expr_c(struct session *s, const struct expr *e)
{
	if (!e->param)
		return NULL;
	use(s, e->param, e->kind == E_STRING ? ARG_STR : ARG_NUM);
	return xasprintf(e->kind == E_STRING ? "stap_arg%d_s" : "stap_arg%d",
			 e->param);
}

static bool timer_args(const struct dprobe *d)
{
	return d->kind != PK_NEVER && (d->period_arg || d->rnd_arg);
}

/* Timers read their argument's number in the module init. */
static void mark_timers(struct session *s)
{
	int i;

	for (i = 0; i < s->dprobes.n; i++) {
		struct dprobe *d = s->dprobes.v[i];

		if (!timer_args(d))
			continue;
		if (d->period_arg)
			use(s, d->period_arg, ARG_NUM);
		if (d->rnd_arg)
			use(s, d->rnd_arg, ARG_NUM);
	}
}

bool args_timers(struct session *s)
{
	int i;

	for (i = 0; i < s->dprobes.n; i++)
		if (timer_args(s->dprobes.v[i]))
			return true;
	return false;
}

static bool global_named(struct session *s, int n)
{
	char name[16];
	int i;

	snprintf(name, sizeof(name), "arg%d", n);
	for (i = 0; i < s->prog.globals.n; i++)
		if (!strcmp(((struct symbol *)s->prog.globals.v[i])->name, name))
			return true;
	return false;
}

/* The value parse.c gave the literal: strtoull, wrapped, '-' applied. */
static int64_t arg_number(const char *text)
{
	bool neg = *text == '-';
	uint64_t v = strtoull(text + neg, NULL, 0);

	return (int64_t)(neg ? 0 - v : v);
}

static void decl_c(struct session *s, int n, struct sbuf *out)
{
	const char *text = s->args.v[n - 1];
	bool param = !global_named(s, n);
	struct sbuf q = { 0 };
	char *num;

	if (s->arg_use[n] & ARG_STR) {
		c_string(&q, text);
		sb_printf(out, "static char stap_arg%d_s[MAXSTRINGLEN] = %s;\n",
			  n, q.s);
		if (param)
			sb_printf(out, "module_param_string(arg%d, stap_arg%d_s, "
				  "MAXSTRINGLEN, 0);\n", n, n);
		if (s->arg_use[n] & ARG_NUM)	/* set in args_init() */
			sb_printf(out, "static s64 stap_arg%d;\n", n);
		sb_free(&q);
		return;
	}
	num = number_c(arg_number(text));
	sb_printf(out, "static s64 stap_arg%d = %s;\n", n, num);
	free(num);
	if (param)
		sb_printf(out, "module_param_cb(arg%d, &stap_param_ops_long, "
			  "&stap_arg%d, 0);\n__MODULE_PARM_TYPE(arg%d, "
			  "\"int64_t\");\n", n, n, n);
}

/* After the handlers were emitted: the parameters they read. */
void args_decls_c(struct session *s, struct sbuf *out)
{
	int n;

	mark_timers(s);
	if (!s->arg_use)
		return;
	for (n = 1; n <= s->args.n; n++)
		if (s->arg_use[n])
			decl_c(s, n, out);
	sb_putc(out, '\n');
}

/* $N beside @N: the string parameter's number, as a long global's. */
static void number_of_string_c(struct session *s, struct sbuf *out)
{
	int n;

	for (n = 1; n <= s->args.n; n++) {
		if (s->arg_use[n] != (ARG_NUM | ARG_STR))
			continue;
		sb_printf(out, "\tkp.arg = &stap_arg%d;\n"
			  "\tif (stap_param_ops_long.set(stap_arg%d_s, &kp))\n"
			  "\t\treturn -EINVAL;\n", n, n);
	}
}

/* One timer: N from its parameter, checked, scaled; M likewise. */
static void timer_c(const struct dprobe *d, int idx, struct sbuf *out)
{
	if (d->period_arg) {
		sb_printf(out, "\tif (stap_arg%d < %" PRId64 " || stap_arg%d > %"
			  PRId64 ")\n\t\treturn stap_arg_range(%d);\n",
			  d->period_arg, d->lo, d->period_arg, d->hi,
			  d->period_arg);
		if (d->unit)
			sb_printf(out, "\tprobe%d_args.period = stap_arg%d * %"
				  PRId64 "ULL;\n", idx, d->period_arg, d->unit);
		else	/* timer.hz(N) */
			sb_printf(out, "\tprobe%d_args.period = 1000000000ULL / "
				  "stap_arg%d;\n", idx, d->period_arg);
	}
	if (d->rnd_arg)
		sb_printf(out, "\tif (stap_arg%d < 0 || stap_arg%d * %" PRId64
			  "ULL > probe%d_args.period)\n"
			  "\t\treturn stap_arg_range(%d);\n"
			  "\tprobe%d_args.randomize = stap_arg%d * %" PRId64 "ULL;\n",
			  d->rnd_arg, d->rnd_arg, d->unit, idx, d->rnd_arg, idx,
			  d->rnd_arg, d->unit);
}

/*
 * static int stap_args_init(void), or nothing when no argument needs work
 * at load; returns whether it was emitted.
 */
bool args_init_c(struct session *s, struct sbuf *out)
{
	struct sbuf body = { 0 }, nums = { 0 };
	int i, idx = 0;

	if (!s->arg_use)
		return false;
	number_of_string_c(s, &nums);
	if (nums.len)
		sb_printf(&body, "\tstruct kernel_param kp = { };\n\n%s",
			  nums.s);
	sb_free(&nums);
	for (i = 0; i < s->dprobes.n; i++) {
		struct dprobe *d = s->dprobes.v[i];

		if (d->kind == PK_NEVER)
			continue;
		if (timer_args(d))
			timer_c(d, idx, &body);
		idx++;
	}
	if (!body.len)
		return false;
	if (args_timers(s))
		sb_puts(out, "static int __init stap_arg_range(int n)\n{\n"
			"\tpr_err(\"%s: arg%d: interval value out of range\\n\",\n"
			"\t       THIS_MODULE->name, n);\n"
			"\treturn -EINVAL;\n}\n\n");
	sb_printf(out, "static int __init stap_args_init(void)\n{\n%s"
		  "\treturn 0;\n}\n\n", body.s);
	sb_free(&body);
	return true;
}
