// SPDX-License-Identifier: GPL-2.0
/*
 * kmod/tapset_mem.c - fault-safe reads of kernel and user memory
 * (conversions.stp, uconversions.stp) with SystemTap's fault messages.
 */
#include "runtime.h"

#include <linux/minmax.h>
#include <linux/string.h>
#include <linux/uaccess.h>

/*
 * strncpy_from_*_nofault() are not exported: copy byte by byte, as
 * SystemTap's deref does, so a string that ends just before an unmapped
 * page is still read.  Returns the length, or -EFAULT.
 */
static long kernel_strncpy(char *dst, unsigned long src, long count)
{
	long i;

	for (i = 0; i < count; i++) {
		if (copy_from_kernel_nofault(&dst[i], (const void *)(src + i), 1))
			return -EFAULT;
		if (!dst[i])
			return i;
	}
	if (count)
		dst[count - 1] = '\0';
	return count;
}

static long user_strncpy(char *dst, unsigned long src, long count)
{
	long i;

	for (i = 0; i < count; i++) {
		if (copy_from_user_nofault(&dst[i],
					   (const void __user *)(src + i), 1))
			return -EFAULT;
		if (!dst[i])
			return i;
	}
	return count;
}

static void fault(struct stap_context *c, const char *what, long rc,
		  s64 addr)
{
	if (rc)		/* user string faults name the error number */
		snprintf(c->error_buf, sizeof(c->error_buf),
			 "%s copy fault %ld at 0x%lx [man error::fault]",
			 what, rc, (unsigned long)addr);
	else
		snprintf(c->error_buf, sizeof(c->error_buf),
			 "%s copy fault at 0x%lx [man error::fault]",
			 what, (unsigned long)addr);
	c->last_error = c->error_buf;
}

/*
 * kernel_string(addr), kernel_string_n(addr, len) (len < 0: all that
 * fits), kernel_string(addr, err): err instead of the error.
 */
void stap_kernel_string(struct stap_context *c, char *dst, size_t n,
			s64 addr, s64 len, const char *err)
{
	s64 size = len < 0 ? n : clamp_t(s64, len + 1, 1, n);
	long rc;

	rc = kernel_strncpy(dst, (unsigned long)addr, size);
	if (rc >= 0)
		return;
	if (err) {
		strscpy(dst, err, n);
		return;
	}
	dst[0] = '\0';
	fault(c, "kernel string", 0, addr);
}
EXPORT_SYMBOL_GPL(stap_kernel_string);

/* kernel_long/int/short/char: size 8, 4, 2, 1, sign-extended. */
s64 stap_kernel_read(struct stap_context *c, s64 addr, int size)
{
	static const char *const what[] = {
		[1] = "kernel char", [2] = "kernel short",
		[4] = "kernel int", [8] = "kernel long",
	};
	const void *p = (const void *)(unsigned long)addr;
	union { s64 l; s32 i; s16 s; s8 c; } v = { 0 };

	if (copy_from_kernel_nofault(&v, p, size)) {
		fault(c, what[size], 0, addr);
		return 0;
	}
	return size == 8 ? v.l : size == 4 ? v.i : size == 2 ? v.s : v.c;
}
EXPORT_SYMBOL_GPL(stap_kernel_read);

/*
 * A typed target variable's read ($p->field): size 1, 2, 4 or 8, sign
 * extended, with SystemTap's "kernel read fault" error on a bad address.
 */
s64 stap_kderef(struct stap_context *c, s64 addr, int size)
{
	const void *p = (const void *)(unsigned long)addr;
	union { s64 l; s32 i; s16 s; s8 c; } v = { 0 };

	if (unlikely(c->last_error))
		return 0;	/* one fault is one error: the first */
	if (copy_from_kernel_nofault(&v, p, size)) {
		snprintf(c->error_buf, sizeof(c->error_buf),
			 "kernel read fault at 0x%lx [man error::fault]",
			 (unsigned long)addr);
		c->last_error = c->error_buf;
		return 0;
	}
	return size == 8 ? v.l : size == 4 ? v.i : size == 2 ? v.s : v.c;
}
EXPORT_SYMBOL_GPL(stap_kderef);

/*
 * user_string_n(addr, len) (len < 0: user_string(addr)), with err: the
 * value on a fault instead of an error.  At most n - 2 characters.
 */
void stap_user_string(struct stap_context *c, char *dst, size_t n, s64 addr,
		      s64 len, const char *err)
{
	s64 size = len < 0 ? n - 1 : clamp_t(s64, len + 1, 1, n - 1);
	long rc;

	rc = user_strncpy(dst, (unsigned long)addr, size);
	if (rc >= 0) {
		dst[size - 1] = '\0';
		return;
	}
	if (err) {
		strscpy(dst, err, n);
		return;
	}
	strscpy(dst, "<unknown>", n);
	fault(c, "user string", rc, addr);
}
EXPORT_SYMBOL_GPL(stap_user_string);

/* user_string_quoted(addr): string_quoted(user_string(addr)), or 0x...
 * when it cannot be read; tmp is a scratch buffer of n bytes. */
void stap_user_string_quoted(char *dst, char *tmp, size_t n, s64 addr)
{
	long rc;

	rc = user_strncpy(tmp, (unsigned long)addr, n - 1);
	if (rc < 0) {
		snprintf(dst, n, "0x%llx", (unsigned long long)addr);
		return;
	}
	tmp[n - 2] = '\0';
	stap_text_strn(dst, n, tmp, 0, 1);
}
EXPORT_SYMBOL_GPL(stap_user_string_quoted);

/* user_long/int/short/char: 0 when the memory cannot be read. */
s64 stap_user_read(s64 addr, int size)
{
	const void __user *p = (const void __user *)(unsigned long)addr;
	union { s64 l; s32 i; s16 s; s8 c; } v = { 0 };

	if (copy_from_user_nofault(&v, p, size))
		return 0;
	return size == 8 ? v.l : size == 4 ? v.i : size == 2 ? v.s : v.c;
}
EXPORT_SYMBOL_GPL(stap_user_read);
