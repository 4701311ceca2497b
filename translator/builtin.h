/* SPDX-License-Identifier: GPL-2.0 */
/*
 * translator/builtin.h - functions the translator implements directly.
 */
#ifndef _STAP_BUILTIN_H
#define _STAP_BUILTIN_H

#include "ast.h"

enum builtin_id {
	B_LOG,
	B_PRINT,
	B_PRINTLN,
	B_PRINTF,
	B_SPRINTF,
	B_SPRINT,
	B_SPRINTLN,
	B_PRINTD,
	B_PRINTDLN,
	B_SPRINTD,
	B_SPRINTDLN,
	B_EXIT,
	B_ERROR,
	B_WARN,
	B_PP,
	B_STRLEN,
	B_MATCHED,
	B_NGROUPS,
	/* tapset functions (emit_tapset.c); those SystemTap writes in
	 * script are script here too (translator/tapset/NAME.stp) */
	B_PID, B_TID, B_PPID, B_PGRP, B_SID, B_UID, B_EUID, B_GID, B_EGID,
	B_CPU, B_NUM_ONLINE_CPUS, B_EXECNAME, B_PEXECNAME,
	B_CMDLINE_ARGS,
	B_PN, B_PPFUNC, B_PROBEFUNC, B_PROBEMOD, B_TARGET, B_SWITCH_FILE,
	B_IS_RETURN,
	B_GETTIMEOFDAY_NS, B_LOCAL_CLOCK_NS, B_CPU_CLOCK_NS,
	B_GET_CYCLES, B_JIFFIES, B_HZ, B_CTIME, B_RANDINT,
	B_SUBSTR, B_STRINGAT, B_ISINSTR, B_STRPOS, B_STR_REPLACE,
	B_TEXT_STR, B_TEXT_STRN, B_STRING_QUOTED, B_STRTOL, B_TOKENIZE,
	B_ISDIGIT,
	B_KERNEL_STRING, B_KERNEL_STRING_N, B_KERNEL_LONG, B_KERNEL_INT,
	B_KERNEL_SHORT, B_KERNEL_CHAR,
	B_USER_STRING, B_USER_STRING_N, B_USER_STRING_QUOTED,
	B_USER_LONG, B_USER_INT, B_USER_SHORT, B_USER_CHAR,
	B_COUNT
};

struct builtin {
	const char *name;
	enum builtin_id id;
	int min, max;		/* argument count */
	enum type ret;		/* T_UNKNOWN: returns nothing */
	enum type arg;		/* every argument's type, T_UNKNOWN: any */
	bool format;		/* first argument is a literal format */
	bool tapset_fn;		/* a tapset function in SystemTap (counted) */
	const char *sig;	/* argument types, 'l'/'s' each; overrides arg */
	const char *where;	/* SystemTap's "near" token for its errors */
};

const struct builtin *builtin_find(const char *name);
enum type builtin_arg_type(const struct builtin *b, int i);
bool builtin_first_use(const struct builtin *b);
bool builtin_used(enum builtin_id id);	/* called by the script */
/* The tapset function names SystemTap would suggest instead of name. */
char *builtin_suggest(const char *name);
/* The same over other names: NULL-terminated, sorted bytewise. */
char *names_suggest(const char *name, const char *const *names);

#endif /* _STAP_BUILTIN_H */
