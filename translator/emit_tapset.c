// SPDX-License-Identifier: GPL-2.0
/*
 * translator/emit_tapset.c - SystemTap's common tapset functions as calls
 * to the helpers systemtap.ko exports (<stap/tapset.h>).
 *
 * Every call stores its result in a temporary, so clocks and random
 * numbers are read exactly once and in script order.  A helper that can
 * fail sets c->last_error; the call is followed by a check that unwinds
 * with SystemTap's "near" text, the tapset function's own definition.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"

/* Helpers that return a long and take no arguments. */
static const char *const long_fns[B_COUNT] = {
	[B_PID] = "stap_pid()",
	[B_TID] = "stap_tid()",
	[B_PPID] = "stap_ppid()",
	[B_PGRP] = "stap_pgrp()",
	[B_SID] = "stap_sid()",
	[B_UID] = "stap_uid()",
	[B_EUID] = "stap_euid()",
	[B_GID] = "stap_gid()",
	[B_EGID] = "stap_egid()",
	[B_CPU] = "stap_cpu()",
	[B_NUM_ONLINE_CPUS] = "stap_num_online_cpus()",
	[B_IS_RETURN] = "stap_is_return(c)",
	[B_TARGET] = "stap_target(c)",	/* stap -c / -x */
	[B_GETTIMEOFDAY_NS] = "stap_gettimeofday_ns()",
	[B_LOCAL_CLOCK_NS] = "stap_local_clock_ns()",
	[B_GET_CYCLES] = "stap_get_cycles()",
	[B_JIFFIES] = "stap_jiffies()",
	[B_HZ] = "stap_hz()",
};

/* Helpers that fill a string from the context and take no arguments. */
static const char *const str_fns[B_COUNT] = {
	[B_EXECNAME] = "stap_execname(%s, MAXSTRINGLEN);",
	[B_PEXECNAME] = "stap_pexecname(%s, MAXSTRINGLEN);",
	[B_PPFUNC] = "stap_ppfunc(c, %s, MAXSTRINGLEN);",
	[B_PROBEFUNC] = "stap_probefunc(c, %s, MAXSTRINGLEN);",
	[B_PROBEMOD] = "stap_probemod(c, %s, MAXSTRINGLEN);",
	[B_PN] = "strscpy(%s, stap_pn(c->probe), MAXSTRINGLEN);",
};

/* Unwind after a helper that failed, near the tapset function. */
static void check_where(struct emitter *em, struct sbuf *pre,
			const struct builtin *b)
{
	struct sbuf q = { 0 };

	c_string(&q, b->where);
	check_err_at(em, pre, q.s);
	sb_free(&q);
}

/* Functions that return a long computed from their arguments. */
static bool long_call(struct emitter *em, struct expr *e, char **v,
		      const char *t, struct sbuf *pre)
{
	static const char *const read_size[B_COUNT] = {
		[B_KERNEL_LONG] = "8", [B_KERNEL_INT] = "4",
		[B_KERNEL_SHORT] = "2", [B_KERNEL_CHAR] = "1",
		[B_USER_LONG] = "8", [B_USER_INT] = "4",
		[B_USER_SHORT] = "2", [B_USER_CHAR] = "1",
	};
	enum builtin_id id = e->bi->id;

	switch (id) {
	case B_CPU_CLOCK_NS:
		line(em, pre, "%s = stap_cpu_clock_ns(c, %s);", t, v[0]);
		break;
	case B_RANDINT:
		line(em, pre, "%s = stap_randint(c, %s);", t, v[0]);
		break;
	case B_STRINGAT:
		line(em, pre, "%s = stap_stringat(c, %s, %s);", t, v[0], v[1]);
		break;
	case B_ISINSTR:
		line(em, pre, "%s = strstr(%s, %s) != NULL;", t, v[0], v[1]);
		break;
	case B_STRPOS:
		line(em, pre, "%s = stap_strpos(%s, %s);", t, v[0], v[1]);
		break;
	case B_STRTOL:
		line(em, pre, "%s = stap_strtol(%s, %s);", t, v[0], v[1]);
		break;
	case B_ISDIGIT:
		line(em, pre, "%s = stap_isdigit(%s);", t, v[0]);
		break;
	case B_KERNEL_LONG:
	case B_KERNEL_INT:
	case B_KERNEL_SHORT:
	case B_KERNEL_CHAR:
		line(em, pre, "%s = stap_kernel_read(c, %s, %s);", t, v[0],
		     read_size[id]);
		break;
	case B_USER_LONG:
	case B_USER_INT:
	case B_USER_SHORT:
	case B_USER_CHAR:
		line(em, pre, "%s = stap_user_read(%s, %s);", t, v[0],
		     read_size[id]);
		break;
	default:
		return false;
	}
	return true;
}

/* Functions that return a string computed from their arguments. */
static bool str_call(struct emitter *em, struct expr *e, char **v,
		     const char *t, struct sbuf *pre)
{
	const char *err = e->args.n > 1 ? v[1] : "NULL";
	char *scratch;

	switch (e->bi->id) {
	case B_CMDLINE_ARGS:
		line(em, pre, "stap_cmdline_args(%s, MAXSTRINGLEN, %s, %s, %s);",
		     t, v[0], v[1], v[2]);
		break;
	case B_CTIME:
		if (!e->args.n)
			line(em, pre, "stap_ctime(c, %s, MAXSTRINGLEN, "
			     "stap_gettimeofday_ns() / 1000000000);", t);
		else
			line(em, pre, "stap_ctime(c, %s, MAXSTRINGLEN, %s);",
			     t, v[0]);
		break;
	case B_SUBSTR:
		line(em, pre, "stap_substr(%s, MAXSTRINGLEN, %s, %s, %s);", t,
		     v[0], v[1], v[2]);
		break;
	case B_STR_REPLACE:
		line(em, pre, "stap_str_replace(%s, MAXSTRINGLEN, %s, %s, %s);",
		     t, v[0], v[1], v[2]);
		break;
	case B_TEXT_STR:
		line(em, pre, "stap_text_strn(%s, MAXSTRINGLEN, %s, 0, 0);", t,
		     v[0]);
		break;
	case B_TEXT_STRN:
		line(em, pre, "stap_text_strn(%s, MAXSTRINGLEN, %s, %s, %s);", t,
		     v[0], v[1], v[2]);
		break;
	case B_STRING_QUOTED:
		line(em, pre, "stap_text_strn(%s, MAXSTRINGLEN, %s, 0, 1);", t,
		     v[0]);
		break;
	case B_TOKENIZE:	/* tokenize(delim) goes on with the last input */
		if (e->args.n == 1)
			line(em, pre, "stap_tokenize(c, %s, MAXSTRINGLEN, \"\", %s);",
			     t, v[0]);
		else
			line(em, pre, "stap_tokenize(c, %s, MAXSTRINGLEN, %s, %s);",
			     t, v[0], v[1]);
		break;
	case B_KERNEL_STRING:
		line(em, pre, "stap_kernel_string(c, %s, MAXSTRINGLEN, %s, -1, %s);",
		     t, v[0], err);
		break;
	case B_KERNEL_STRING_N:
		line(em, pre, "stap_kernel_string(c, %s, MAXSTRINGLEN, %s, %s, NULL);",
		     t, v[0], v[1]);
		break;
	case B_USER_STRING:
		line(em, pre, "stap_user_string(c, %s, MAXSTRINGLEN, %s, -1, %s);",
		     t, v[0], err);
		break;
	case B_USER_STRING_N:
		line(em, pre, "stap_user_string(c, %s, MAXSTRINGLEN, %s, %s, NULL);",
		     t, v[0], v[1]);
		break;
	case B_USER_STRING_QUOTED:
		scratch = tmp_new(em, T_STRING);
		line(em, pre, "stap_user_string_quoted(%s, %s, MAXSTRINGLEN, %s);",
		     t, scratch, v[0]);
		free(scratch);
		break;
	default:
		return false;
	}
	return true;
}

/* A tapset function call (e->bi is not a print or control built-in). */
char *tapset_c(struct emitter *em, struct expr *e, char **v,
	       struct sbuf *pre)
{
	enum builtin_id id = e->bi->id;
	char *t = tmp_new(em, e->bi->ret);

	if (long_fns[id])
		line(em, pre, "%s = %s;", t, long_fns[id]);
	else if (str_fns[id]) {
		line(em, pre, str_fns[id], t);
		if (id == B_PN)
			em->s->uses_pn = true;	/* emit.c adds the names */
	}
	else if (!long_call(em, e, v, t, pre) && !str_call(em, e, v, t, pre))
		line(em, pre, "/* %s: not implemented */", e->bi->name);
	if (e->bi->where)
		check_where(em, pre, e->bi);
	return t;
}
