// SPDX-License-Identifier: GPL-2.0
/* The "selftest" provider built for the next provider API: refused. */
#include <stap/probe_type.h>

#define T_API	(STAP_PROVIDER_API_VERSION + 1)
#include "t_ptype_prov.c"
