// SPDX-License-Identifier: GPL-2.0
/* A handler module whose probe names a type nothing registers. */
#define T_TYPE	"nosuchtype"
#include "t_ptype_user.c"
