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
};

struct builtin {
	const char *name;
	enum builtin_id id;
	int min, max;		/* argument count */
	enum type ret;		/* T_UNKNOWN: returns nothing */
	enum type arg;		/* every argument's type, T_UNKNOWN: any */
	bool format;		/* first argument is a literal format */
	bool tapset_fn;		/* a tapset function in SystemTap (counted) */
};

const struct builtin *builtin_find(const char *name);

#endif /* _STAP_BUILTIN_H */
