// SPDX-License-Identifier: GPL-2.0
/*
 * translator/btf_target.c - typed target variables from the kernel's BTF:
 * a function's parameters ($name), its return value ($return), and the
 * chains on them ($sk->__sk_common->skc_dport, $argv[1], &$p->field),
 * with struct offsets and bitfields taken from BTF.  Each becomes a C
 * expression over stap_kderef(), which turns a bad pointer into
 * SystemTap's "read fault" error instead of an oops.
 */
#include <stdlib.h>
#include <string.h>

#include <bpf/btf.h>

#include "btf_target.h"

/* A value on its way down a chain: c is the value, or its address. */
struct tval {
	__u32 type;
	char *c;
	bool addr;		/* c is the address of an object of type */
	__u32 bit_off, bit_size;	/* a bitfield at c */
};

static __u32 strip(const struct btf *b, __u32 id)
{
	const struct btf_type *t = btf__type_by_id(b, id);

	while (t && (btf_is_typedef(t) || btf_is_mod(t))) {
		id = t->type;
		t = btf__type_by_id(b, id);
	}
	return id;
}

/* The C name of a type as -L prints it: "struct file*", "size_t". */
void btf_type_name(const struct btf *b, __u32 id, struct sbuf *out)
{
	const struct btf_type *t = btf__type_by_id(b, id);
	const char *name;

	if (!id || !t) {
		sb_puts(out, "void");
		return;
	}
	name = btf__name_by_offset(b, t->name_off);
	switch (btf_kind(t)) {
	case BTF_KIND_PTR:
		btf_type_name(b, t->type, out);
		sb_puts(out, "*");
		return;
	case BTF_KIND_CONST:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_TYPE_TAG:
		btf_type_name(b, t->type, out);
		return;
	case BTF_KIND_ARRAY:
		btf_type_name(b, btf_array(t)->type, out);
		sb_printf(out, "[%u]", btf_array(t)->nelems);
		return;
	case BTF_KIND_STRUCT:
		sb_printf(out, "struct %s", name && *name ? name : "{...}");
		return;
	case BTF_KIND_UNION:
		sb_printf(out, "union %s", name && *name ? name : "{...}");
		return;
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		sb_printf(out, "enum %s", name && *name ? name : "{...}");
		return;
	case BTF_KIND_FUNC_PROTO:
		sb_puts(out, "func");
		return;
	default:
		sb_puts(out, name && *name ? name : "?");
	}
}

/* A scalar of this type read from the address in a. */
static char *load_scalar(const struct btf *b, const struct tval *v)
{
	const struct btf_type *t = btf__type_by_id(b, strip(b, v->type));
	__u32 size = btf_is_ptr(t) ? 8 : t->size;
	bool sign = btf_is_int(t) && (btf_int_encoding(t) & BTF_INT_SIGNED);
	__u32 lo, width, rd;

	if (!v->bit_size) {
		if (size == 8 || sign)
			return xasprintf("stap_kderef(c, (s64)(%s), %u)",
					 v->c, size);
		return xasprintf("(s64)(u%u)stap_kderef(c, (s64)(%s), %u)",
				 size * 8, v->c, size);
	}
	/* The smallest read that covers the bits, from their first byte. */
	lo = v->bit_off % 8;
	width = lo + v->bit_size;
	rd = width <= 8 ? 1 : width <= 16 ? 2 : width <= 32 ? 4 : 8;
	if (sign)
		return xasprintf("((s64)((u64)stap_kderef(c, (s64)(%s) + %u, %u) << %u) >> %u)",
				 v->c, v->bit_off / 8, rd, 64 - width,
				 64 - v->bit_size);
	return xasprintf("(s64)(((u64)stap_kderef(c, (s64)(%s) + %u, %u) >> %u) & %#llxULL)",
			 v->c, v->bit_off / 8, rd, lo,
			 (unsigned long long)(v->bit_size == 64 ? ~0ULL :
					      (1ULL << v->bit_size) - 1));
}

/* The value itself: a scalar is read, an array or struct is its address. */
static const char *rvalue(const struct btf *b, struct tval *v)
{
	const struct btf_type *t = btf__type_by_id(b, strip(b, v->type));

	if (!v->addr)
		return NULL;
	if (btf_is_struct(t) || btf_is_union(t))
		return "struct/union is being accessed instead of a member";
	if (btf_is_array(t)) {
		v->addr = false;	/* an array's value is its address */
		return NULL;
	}
	if (!btf_is_int(t) && !btf_is_ptr(t) && !btf_is_any_enum(t))
		return "unsupported type of target variable";
	v->c = load_scalar(b, v);
	v->addr = false;
	v->bit_size = 0;
	return NULL;
}

/* Member name in struct/union sid, looking into anonymous members. */
static bool find_member(const struct btf *b, __u32 sid, const char *name,
			__u32 *type, __u32 *bit_off, __u32 *bit_size)
{
	const struct btf_type *t = btf__type_by_id(b, sid);
	const struct btf_member *m = btf_members(t);
	int i;

	for (i = 0; i < btf_vlen(t); i++, m++) {
		const char *mn = btf__name_by_offset(b, m->name_off);
		__u32 off = btf_member_bit_offset(t, i);

		if (mn && !strcmp(mn, name)) {
			*type = m->type;
			*bit_off = off;
			*bit_size = btf_member_bitfield_size(t, i);
			return true;
		}
		if ((!mn || !*mn) &&
		    find_member(b, strip(b, m->type), name, type, bit_off,
				bit_size)) {
			*bit_off += off;
			return true;
		}
	}
	return false;
}

static char *member_alternatives(const struct btf *b, __u32 sid)
{
	const struct btf_type *t = btf__type_by_id(b, sid);
	const struct btf_member *m = btf_members(t);
	struct sbuf sb = { 0 };
	int i;

	for (i = 0; i < btf_vlen(t); i++, m++) {
		const char *mn = btf__name_by_offset(b, m->name_off);

		if (mn && *mn)
			sb_printf(&sb, "%s%s", sb.len ? " " : "", mn);
	}
	return sb.s ? sb.s : xstrdup("");
}

/* The struct or union a value points at or is (by address), or 0. */
static __u32 aggregate(const struct btf *b, struct tval *v, const char **why)
{
	const struct btf_type *t = btf__type_by_id(b, strip(b, v->type));
	__u32 sid;

	*why = NULL;
	if (btf_is_ptr(t)) {
		if ((*why = rvalue(b, v)))
			return 0;
		sid = strip(b, t->type);
	} else if (v->addr && (btf_is_struct(t) || btf_is_union(t))) {
		sid = strip(b, v->type);
	} else {
		return 0;
	}
	t = btf__type_by_id(b, sid);
	return btf_is_struct(t) || btf_is_union(t) ? sid : 0;
}

static const char *member(const struct btf *b, struct tval *v,
			  const char *name)
{
	__u32 sid, type, bit_off, bit_size;
	const char *why;
	struct sbuf tn = { 0 };

	sid = aggregate(b, v, &why);
	if (why)
		return why;
	if (!sid) {
		btf_type_name(b, v->type, &tn);
		return xasprintf("member access on a value of type '%s', not a struct or union pointer",
				 tn.s);
	}
	if (!find_member(b, sid, name, &type, &bit_off, &bit_size)) {
		btf_type_name(b, sid, &tn);
		return xasprintf("unable to find member '%s' for %s (alternatives: %s)",
				 name, tn.s, member_alternatives(b, sid));
	}
	v->c = xasprintf("(%s) + %u", v->c, bit_size ? 0 : bit_off / 8);
	v->type = type;
	v->addr = true;
	v->bit_off = bit_size ? bit_off : 0;
	v->bit_size = bit_size;
	return NULL;
}

static const char *element(const struct btf *b, struct tval *v, long long i)
{
	const struct btf_type *t = btf__type_by_id(b, strip(b, v->type));
	__u32 elem;
	__s64 size;

	if (btf_is_ptr(t)) {
		const char *why = rvalue(b, v);

		if (why)
			return why;
		elem = t->type;
	} else if (btf_is_array(t) && v->addr) {
		elem = btf_array(t)->type;
	} else {
		return "array index on a value that is neither a pointer nor an array";
	}
	size = btf__resolve_size(b, elem);
	if (size <= 0)
		return "array index on a pointer to void or an incomplete type";
	v->c = xasprintf("(%s) + %lld", v->c, (long long)size * i);
	v->type = elem;
	v->addr = true;
	return NULL;
}

/* A register value as the C type its BTF type says: int fd is 32 bits. */
static char *scalar_cast(const struct btf *b, __u32 type, const char *c)
{
	const struct btf_type *t = btf__type_by_id(b, strip(b, type));
	bool sign;

	if (!t || btf_is_ptr(t) || t->size >= 8)
		return xasprintf("(s64)(%s)", c);
	sign = btf_is_int(t) && (btf_int_encoding(t) & BTF_INT_SIGNED);
	return xasprintf("(s64)(%s%u)(%s)", sign ? "s" : "u", t->size * 8, c);
}

static const char *walk(const struct btf *b, struct tval v,
			const struct expr *e, struct target_var *tv)
{
	const char *why;
	int i;

	for (i = 0; i < e->path.n; i++) {
		const struct expr *p = e->path.v[i];

		why = p->kind == E_STRING ? member(b, &v, p->str) :
					    element(b, &v, p->num);
		if (why)
			return why;
	}
	if (e->addr_of) {
		if (!v.addr || v.bit_size)
			return "cannot take the address of this target variable";
		v.addr = false;
	} else if ((why = rvalue(b, &v))) {
		return why;
	}
	tv->type = T_LONG;
	tv->get = xasprintf("((s64)(%s))", v.c);
	tv->faults = tv->faults || e->path.n > 0;
	return NULL;
}

const char *btf_value_target(const struct btf *b, __u32 type,
			     const char *c, const struct expr *e,
			     struct target_var *tv)
{
	struct tval v = { .type = type };

	v.c = scalar_cast(b, type, c);
	return walk(b, v, e, tv);
}

/* "struct task_struct", "task_struct", "union u", a typedef: its id. */
static int find_type(const struct btf *b, const char *name)
{
	int id = -1;

	if (!strncmp(name, "struct ", 7))
		return btf__find_by_name_kind(b, name + 7, BTF_KIND_STRUCT);
	if (!strncmp(name, "union ", 6))
		return btf__find_by_name_kind(b, name + 6, BTF_KIND_UNION);
	id = btf__find_by_name_kind(b, name, BTF_KIND_STRUCT);
	if (id <= 0)
		id = btf__find_by_name_kind(b, name, BTF_KIND_UNION);
	if (id <= 0)
		id = btf__find_by_name_kind(b, name, BTF_KIND_TYPEDEF);
	return id;
}

const char *btf_cast_target(const struct btf *b, const char *type,
			    const char *module, const char *c,
			    const struct expr *e, struct target_var *tv)
{
	struct tval v = { .c = xasprintf("(s64)(%s)", c), .addr = true };
	int id = b ? find_type(b, type) : -1;

	if (id <= 0)
		return xasprintf("type definition '%s' not found in '%s'",
				 type, module ? module : "kernel");
	if (!e->path.n && !e->addr_of) {	/* the pointer itself */
		tv->type = T_LONG;
		tv->get = v.c;
		return NULL;
	}
	v.type = id;
	tv->faults = true;
	return walk(b, v, e, tv);
}

/* The names of a function's parameters: " $a $b", for alternatives. */
static char *param_list(const struct btf *b, const struct btf_type *proto)
{
	const struct btf_param *p = btf_params(proto);
	struct sbuf sb = { 0 };
	int i;

	for (i = 0; i < btf_vlen(proto); i++)
		sb_printf(&sb, "%s$%s", i ? " " : "",
			  btf__name_by_offset(b, p[i].name_off));
	return sb.s ? sb.s : xstrdup("");
}

int btf_func_proto(const struct btf *b, const char *func)
{
	int id = b ? btf__find_by_name_kind(b, func, BTF_KIND_FUNC) : -1;
	const struct btf_type *t;

	if (id <= 0)
		return 0;
	t = btf__type_by_id(b, id);
	return t->type;
}

const char *btf_param_target(const struct btf *b, __u32 proto_id,
			     const char *func, const char *arg_fmt,
			     const struct expr *e, struct target_var *tv)
{
	const struct btf_type *proto = btf__type_by_id(b, proto_id);
	const struct btf_param *p = btf_params(proto);
	const char *name = e->tok->text + 1;
	char *c;
	int i;

	for (i = 0; i < btf_vlen(proto); i++)
		if (!strcmp(btf__name_by_offset(b, p[i].name_off), name))
			break;
	if (i == btf_vlen(proto))
		return xasprintf("unable to find local '%s', [man error::dwarf] in BTF of %s (alternatives: %s)",
				 name, func, param_list(b, proto));
	if (i >= 6)
		return xasprintf("parameter '%s' is argument %d: only the first 6, passed in registers, can be read",
				 name, i + 1);
	c = xasprintf(arg_fmt, i);
	return btf_value_target(b, p[i].type, c, e, tv);
}

void btf_list_params(const struct btf *b, __u32 proto_id, bool ret,
		     struct sbuf *out)
{
	const struct btf_type *proto = btf__type_by_id(b, proto_id);
	const struct btf_param *p = btf_params(proto);
	int i;

	for (i = 0; i < btf_vlen(proto); i++) {
		sb_printf(out, " $%s:", btf__name_by_offset(b, p[i].name_off));
		btf_type_name(b, p[i].type, out);
	}
	if (ret && proto->type) {
		sb_puts(out, " $return:");
		btf_type_name(b, proto->type, out);
	}
}
