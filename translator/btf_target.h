/* SPDX-License-Identifier: GPL-2.0 */
/*
 * translator/btf_target.h - typed target variables from BTF
 * (btf_target.c), for the probe families whose points have a C type:
 * kernel functions, tracepoints.
 */
#ifndef _STAP_BTF_TARGET_H
#define _STAP_BTF_TARGET_H

#include <linux/types.h>

#include "probe.h"

struct btf;

/* The FUNC_PROTO type of a kernel function, or 0. */
int btf_func_proto(const struct btf *b, const char *func);
/*
 * $name of a function, with its ->member and [N] chain: argument i is the
 * C arg_fmt with i ("STAP_KARG(c, %d)").  NULL with tv filled, or the
 * error.
 */
const char *btf_param_target(const struct btf *b, __u32 proto_id,
			     const char *func, const char *arg_fmt,
			     const struct expr *e, struct target_var *tv);
/* A value c of BTF type `type`, down e's chain. */
const char *btf_value_target(const struct btf *b, __u32 type,
			     const char *c, const struct expr *e,
			     struct target_var *tv);
/* @cast(c, "type"[, "module"]) with e's chain: c is an address. */
const char *btf_cast_target(const struct btf *b, const char *type,
			    const char *module, const char *c,
			    const struct expr *e, struct target_var *tv);
/* -L: " $name:type" for each parameter (and $return) */
void btf_list_params(const struct btf *b, __u32 proto_id, bool ret,
		     struct sbuf *out);
void btf_type_name(const struct btf *b, __u32 id, struct sbuf *out);

#endif /* _STAP_BTF_TARGET_H */
