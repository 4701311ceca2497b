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
 * A probe type may compute its arguments from $N (timer.ms($1)): its
 * init_c hook emits that code, run in the module's init before the session
 * is registered, and marks the parameters it reads (arg_use_num()).
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

/* A probe type reads argument n's number in the module init. */
void arg_use_num(struct session *s, int n)
{
	use(s, n, ARG_NUM);
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

/*
 * static int stap_args_init(void), or nothing when no argument needs work
 * at load; returns whether it was emitted.  probes: what the probe types
 * compute from arguments (struct probe_family.init_c).
 */
bool args_init_c(struct session *s, const char *probes, struct sbuf *out)
{
	struct sbuf body = { 0 }, nums = { 0 };

	if (!s->arg_use)
		return false;
	number_of_string_c(s, &nums);
	if (nums.len)
		sb_printf(&body, "\tstruct kernel_param kp = { };\n\n%s",
			  nums.s);
	sb_free(&nums);
	sb_puts(&body, probes);
	if (!body.len)
		return false;
	if (*probes)
		sb_puts(out, "static int __init stap_arg_range(int n)\n{\n"
			"\tpr_err(\"%s: arg%d: interval value out of range\\n\",\n"
			"\t       THIS_MODULE->name, n);\n"
			"\treturn -EINVAL;\n}\n\n");
	sb_printf(out, "static int __init stap_args_init(void)\n{\n%s"
		  "\treturn 0;\n}\n\n", body.s);
	sb_free(&body);
	return true;
}
