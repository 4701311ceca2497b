// SPDX-License-Identifier: GPL-2.0
/*
 * translator/builtin.c - the table of built-in functions.  Most of these
 * are tapset functions with embedded C in SystemTap; here each becomes a
 * direct call into the runtime ABI (see emit.c, emit_tapset.c).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "builtin.h"

/* SystemTap 4.8 reports a tapset function's error near its definition. */
#define AT(fn, loc) "identifier '" fn "' at /usr/share/systemtap/tapset/" loc

/* A tapset function: name, id, arity, return type, argument types. */
#define TF(name, id, min, max, ret, sig) \
	{ name, id, min, max, ret, T_UNKNOWN, false, true, sig, NULL }
#define TFE(name, id, min, max, ret, sig, where) \
	{ name, id, min, max, ret, T_UNKNOWN, false, true, sig, where }

static const struct builtin builtins[] = {
	{ "log",	B_LOG,		1, 1,  T_UNKNOWN, T_STRING,  false, false, NULL, NULL },
	{ "print",	B_PRINT,	1, 32, T_UNKNOWN, T_UNKNOWN, false, false, NULL, NULL },
	{ "println",	B_PRINTLN,	0, 32, T_UNKNOWN, T_UNKNOWN, false, false, NULL, NULL },
	{ "printf",	B_PRINTF,	1, 32, T_UNKNOWN, T_UNKNOWN, true,  false, NULL, NULL },
	{ "sprintf",	B_SPRINTF,	1, 32, T_STRING,  T_UNKNOWN, true,  false, NULL, NULL },
	{ "sprint",	B_SPRINT,	1, 32, T_STRING,  T_UNKNOWN, false, false, NULL, NULL },
	{ "sprintln",	B_SPRINTLN,	0, 32, T_STRING,  T_UNKNOWN, false, false, NULL, NULL },
	{ "printd",	B_PRINTD,	2, 33, T_UNKNOWN, T_UNKNOWN, false, false, NULL, NULL },
	{ "printdln",	B_PRINTDLN,	2, 33, T_UNKNOWN, T_UNKNOWN, false, false, NULL, NULL },
	{ "sprintd",	B_SPRINTD,	2, 33, T_STRING,  T_UNKNOWN, false, false, NULL, NULL },
	{ "sprintdln",	B_SPRINTDLN,	2, 33, T_STRING,  T_UNKNOWN, false, false, NULL, NULL },
	{ "exit",	B_EXIT,		0, 0,  T_UNKNOWN, T_UNKNOWN, false, true, NULL, NULL },
	{ "error",	B_ERROR,	1, 1,  T_UNKNOWN, T_STRING,  false, true, NULL, NULL },
	{ "warn",	B_WARN,		1, 1,  T_UNKNOWN, T_STRING,  false, true, NULL, NULL },
	{ "pp",		B_PP,		0, 0,  T_STRING,  T_UNKNOWN, false, true, NULL, NULL },
	{ "strlen",	B_STRLEN,	1, 1,  T_LONG,    T_STRING,  false, true, NULL, NULL },
	TF("pid",		B_PID,		0, 0, T_LONG, ""),
	TF("tid",		B_TID,		0, 0, T_LONG, ""),
	TF("ppid",		B_PPID,		0, 0, T_LONG, ""),
	TF("pgrp",		B_PGRP,		0, 0, T_LONG, ""),
	TF("sid",		B_SID,		0, 0, T_LONG, ""),
	TF("uid",		B_UID,		0, 0, T_LONG, ""),
	TF("euid",		B_EUID,		0, 0, T_LONG, ""),
	TF("gid",		B_GID,		0, 0, T_LONG, ""),
	TF("egid",		B_EGID,		0, 0, T_LONG, ""),
	TF("cpu",		B_CPU,		0, 0, T_LONG, ""),
	TF("num_online_cpus",	B_NUM_ONLINE_CPUS, 0, 0, T_LONG, ""),
	TF("execname",		B_EXECNAME,	0, 0, T_STRING, ""),
	TF("pexecname",		B_PEXECNAME,	0, 0, T_STRING, ""),
	TF("cmdline_args",	B_CMDLINE_ARGS,	3, 3, T_STRING, "lls"),
	TF("pn",		B_PN,		0, 0, T_STRING, ""),
	TF("ppfunc",		B_PPFUNC,	0, 0, T_STRING, ""),
	TF("probefunc",		B_PROBEFUNC,	0, 0, T_STRING, ""),
	TFE("probemod",		B_PROBEMOD,	0, 0, T_STRING, "",
	    AT("probemod", "linux/context-symbols.stp:149:10")),
	TF("target",		B_TARGET,	0, 0, T_LONG, ""),
	TF("switch_file",	B_SWITCH_FILE,	0, 0, T_UNKNOWN, ""),
	TF("is_return",		B_IS_RETURN,	0, 0, T_LONG, ""),
	TF("gettimeofday_ns",	B_GETTIMEOFDAY_NS, 0, 0, T_LONG, ""),
	TF("local_clock_ns",	B_LOCAL_CLOCK_NS, 0, 0, T_LONG, ""),
	TFE("cpu_clock_ns",	B_CPU_CLOCK_NS,	1, 1, T_LONG, "l",
	    AT("cpu_clock_ns", "linux/timestamp_monotonic.stp:42:10")),
	TF("get_cycles",	B_GET_CYCLES,	0, 0, T_LONG, ""),
	TF("jiffies",		B_JIFFIES,	0, 0, T_LONG, ""),
	TF("HZ",		B_HZ,		0, 0, T_LONG, ""),
	TFE("ctime",		B_CTIME,	0, 1, T_STRING, "l",
	    AT("ctime", "linux/ctime.stp:46:10")),
	TFE("randint",		B_RANDINT,	1, 1, T_LONG, "l",
	    AT("randint", "random.stp:5:10")),
	TF("substr",		B_SUBSTR,	3, 3, T_STRING, "sll"),
	TFE("stringat",		B_STRINGAT,	2, 2, T_LONG, "sl",
	    AT("stringat", "string.stp:51:10")),
	TF("isinstr",		B_ISINSTR,	2, 2, T_LONG, "ss"),
	TF("strpos",		B_STRPOS,	2, 2, T_LONG, "ss"),
	TF("str_replace",	B_STR_REPLACE,	3, 3, T_STRING, "sss"),
	TF("text_str",		B_TEXT_STR,	1, 1, T_STRING, "s"),
	TF("text_strn",		B_TEXT_STRN,	3, 3, T_STRING, "sll"),
	TF("string_quoted",	B_STRING_QUOTED, 1, 1, T_STRING, "s"),
	TF("strtol",		B_STRTOL,	2, 2, T_LONG, "sl"),
	TF("tokenize",		B_TOKENIZE,	1, 2, T_STRING, "ss"),
	TF("isdigit",		B_ISDIGIT,	1, 1, T_LONG, "s"),
	TFE("kernel_string",	B_KERNEL_STRING, 1, 2, T_STRING, "ls",
	    AT("kernel_string", "linux/conversions.stp:18:10")),
	TFE("kernel_string_n",	B_KERNEL_STRING_N, 2, 2, T_STRING, "ll",
	    AT("kernel_string_n", "linux/conversions.stp:94:10")),
	TFE("kernel_long",	B_KERNEL_LONG,	1, 1, T_LONG, "l",
	    AT("kernel_long", "linux/conversions.stp:285:10")),
	TFE("kernel_int",	B_KERNEL_INT,	1, 1, T_LONG, "l",
	    AT("kernel_int", "linux/conversions.stp:304:10")),
	TFE("kernel_short",	B_KERNEL_SHORT,	1, 1, T_LONG, "l",
	    AT("kernel_short", "linux/conversions.stp:323:10")),
	TFE("kernel_char",	B_KERNEL_CHAR,	1, 1, T_LONG, "l",
	    AT("kernel_char", "linux/conversions.stp:342:10")),
	TFE("user_string",	B_USER_STRING,	1, 2, T_STRING, "ls",
	    AT("user_string_n", "uconversions.stp:128:10")),
	TFE("user_string_n",	B_USER_STRING_N, 2, 2, T_STRING, "ll",
	    AT("user_string_n", "uconversions.stp:128:10")),
	TF("user_string_quoted", B_USER_STRING_QUOTED, 1, 1, T_STRING, "l"),
	TF("user_long",		B_USER_LONG,	1, 1, T_LONG, "l"),
	TF("user_int",		B_USER_INT,	1, 1, T_LONG, "l"),
	TF("user_short",	B_USER_SHORT,	1, 1, T_LONG, "l"),
	TF("user_char",		B_USER_CHAR,	1, 1, T_LONG, "l"),
	{ "matched",	B_MATCHED,	1, 1,  T_STRING,  T_LONG,    false, true, NULL, NULL },
	{ "ngroups",	B_NGROUPS,	0, 0,  T_LONG,    T_UNKNOWN, false, true, NULL, NULL },
};

static bool used[B_COUNT];	/* one translation per process */

const struct builtin *builtin_find(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_LEN(builtins); i++)
		if (!strcmp(builtins[i].name, name))
			return &builtins[i];
	return NULL;
}

/* The type argument i must have; T_UNKNOWN: any. */
enum type builtin_arg_type(const struct builtin *b, int i)
{
	if (!b->sig)
		return b->arg;
	return b->sig[i] == 's' ? T_STRING : T_LONG;
}

/* True the first time b is used: SystemTap counts it as a function. */
bool builtin_first_use(const struct builtin *b)
{
	if (used[b->id])
		return false;
	used[b->id] = true;
	return true;
}

bool builtin_used(enum builtin_id id)
{
	return used[id];
}

extern const char *const tapset_names[];	/* tapset_names.c */

/*
 * SystemTap's edit distance: substitution 2 (1 when only the case
 * differs), insertion and deletion 2, but the borders count 1 per
 * character, so a skipped prefix is cheap.
 */
static unsigned distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j;
	unsigned *d = calloc((la + 1) * (lb + 1), sizeof(*d)), r;

	if (!d)
		return ~0u;
#define D(i, j) d[(i) * (lb + 1) + (j)]
	for (i = 0; i <= la; i++)
		D(i, 0) = i;
	for (j = 0; j <= lb; j++)
		D(0, j) = j;
	for (i = 1; i <= la; i++)
		for (j = 1; j <= lb; j++) {
			unsigned sub = tolower((unsigned char)a[i - 1]) ==
				tolower((unsigned char)b[j - 1]) ? 1 : 2;

			if (a[i - 1] == b[j - 1]) {
				D(i, j) = D(i - 1, j - 1);
				continue;
			}
			D(i, j) = D(i - 1, j - 1) + sub;
			if (D(i - 1, j) + 2 < D(i, j))
				D(i, j) = D(i - 1, j) + 2;
			if (D(i, j - 1) + 2 < D(i, j))
				D(i, j) = D(i, j - 1) + 2;
		}
	r = D(la, lb);
#undef D
	free(d);
	return r;
}

/*
 * The five best of names (NULL-terminated, sorted bytewise), lowest
 * distance first, ties in name order; NULL when there is none.
 */
char *names_suggest(const char *name, const char *const *names)
{
	enum { MAX = 5 };
	const char *best[MAX];
	unsigned score[MAX], s;
	size_t n = 0, i, k, len = 0;
	char *out;

	for (i = 0; names[i]; i++) {
		s = distance(name, names[i]);
		if (n == MAX && s >= score[MAX - 1])
			continue;
		k = n < MAX ? n++ : MAX - 1;
		for (; k > 0 && score[k - 1] > s; k--) {
			best[k] = best[k - 1];
			score[k] = score[k - 1];
		}
		best[k] = names[i];
		score[k] = s;
	}
	if (!n)
		return NULL;
	for (i = 0; i < n; i++)
		len += strlen(best[i]) + 2;
	out = malloc(len + 1);
	if (!out)
		return NULL;
	out[0] = '\0';
	for (i = 0; i < n; i++) {
		strcat(out, best[i]);
		if (i + 1 < n)
			strcat(out, ", ");
	}
	return out;
}

char *builtin_suggest(const char *name)
{
	return names_suggest(name, tapset_names);
}
