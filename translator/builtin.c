// SPDX-License-Identifier: GPL-2.0
/*
 * translator/builtin.c - the table of built-in functions.  Most of these
 * are tapset functions with embedded C in SystemTap; here each becomes a
 * direct call into the runtime ABI (see emit.c).
 */
#include <string.h>

#include "builtin.h"

static const struct builtin builtins[] = {
	{ "log",	B_LOG,		1, 1,  T_UNKNOWN, T_STRING,  false, false },
	{ "print",	B_PRINT,	1, 32, T_UNKNOWN, T_UNKNOWN, false, false },
	{ "println",	B_PRINTLN,	0, 32, T_UNKNOWN, T_UNKNOWN, false, false },
	{ "printf",	B_PRINTF,	1, 32, T_UNKNOWN, T_UNKNOWN, true,  false },
	{ "sprintf",	B_SPRINTF,	1, 32, T_STRING,  T_UNKNOWN, true,  false },
	{ "sprint",	B_SPRINT,	1, 32, T_STRING,  T_UNKNOWN, false, false },
	{ "sprintln",	B_SPRINTLN,	0, 32, T_STRING,  T_UNKNOWN, false, false },
	{ "printd",	B_PRINTD,	2, 33, T_UNKNOWN, T_UNKNOWN, false, false },
	{ "printdln",	B_PRINTDLN,	2, 33, T_UNKNOWN, T_UNKNOWN, false, false },
	{ "sprintd",	B_SPRINTD,	2, 33, T_STRING,  T_UNKNOWN, false, false },
	{ "sprintdln",	B_SPRINTDLN,	2, 33, T_STRING,  T_UNKNOWN, false, false },
	{ "exit",	B_EXIT,		0, 0,  T_UNKNOWN, T_UNKNOWN, false, true },
	{ "error",	B_ERROR,	1, 1,  T_UNKNOWN, T_STRING,  false, true },
	{ "warn",	B_WARN,		1, 1,  T_UNKNOWN, T_STRING,  false, true },
	{ "pp",		B_PP,		0, 0,  T_STRING,  T_UNKNOWN, false, true },
	{ "strlen",	B_STRLEN,	1, 1,  T_LONG,    T_STRING,  false, true },
};

const struct builtin *builtin_find(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_LEN(builtins); i++)
		if (!strcmp(builtins[i].name, name))
			return &builtins[i];
	return NULL;
}
