// SPDX-License-Identifier: GPL-2.0
/*
 * kmod/params.c - module parameter ops for the scalar long globals of a
 * script, parsed as SystemTap does (strtoull semantics).
 */
#include "runtime.h"

#include <linux/ctype.h>
#include <linux/kernel.h>
#include <linux/moduleparam.h>

/*
 * Decimal, 0x hex or leading-0 octal, optional sign; the value wraps at 64
 * bits as strtoull would ("-1" is -1, 18446744073709551615 is -1 too).
 * Overflow of 64 bits and any trailing junk are -EINVAL.
 */
static int stap_param_set_long(const char *val, const struct kernel_param *kp)
{
	const char *p = val;
	bool neg = false;
	u64 v = 0;
	unsigned int base = 10;
	int digits = 0;

	if (!p)
		return -EINVAL;
	while (isspace(*p))
		p++;
	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X') && isxdigit(p[2])) {
		base = 16;
		p += 2;
	} else if (p[0] == '0') {
		base = 8;
	}
	for (; *p; p++, digits++) {
		unsigned int d;

		if (isdigit(*p))
			d = *p - '0';
		else if (isxdigit(*p))
			d = tolower(*p) - 'a' + 10;
		else
			break;
		if (d >= base)
			return -EINVAL;
		if (v > (U64_MAX - d) / base)
			return -EINVAL;
		v = v * base + d;
	}
	/* A trailing newline (echo into sysfs) is fine, nothing else. */
	if (*p == '\n')
		p++;
	if (!digits || *p)
		return -EINVAL;
	*(s64 *)kp->arg = (s64)(neg ? 0 - v : v);
	return 0;
}

static int stap_param_get_long(char *buf, const struct kernel_param *kp)
{
	return sysfs_emit(buf, "%lld\n", (long long)*(s64 *)kp->arg);
}

const struct kernel_param_ops stap_param_ops_long = {
	.set = stap_param_set_long,
	.get = stap_param_get_long,
};
EXPORT_SYMBOL_GPL(stap_param_ops_long);
