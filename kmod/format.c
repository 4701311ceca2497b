// SPDX-License-Identifier: GPL-2.0
/*
 * kmod/format.c - SystemTap's printf engine.
 *
 * Handler modules pass a script's format string through unchanged; every
 * integer argument (and every '*' width or precision) is an s64, every %s
 * argument a NUL-terminated string.  The rules follow SystemTap's runtime,
 * which differ from the kernel's vsnprintf in places scripts can see:
 * one flag at most (so "%#010x" is '#' and width 10), '#' prints "0x"/"0"
 * even for zero, %p is "%#x" (no fixed width), %.0d of zero still prints "0", and there
 * are three more conversions:
 *
 *   %b  the value's raw bytes in native order: 1, 2, 4 or 8 of them
 *       (see binary())
 *   %m  bytes of kernel memory at an address; the precision is the byte
 *       count (default 1) and the width pads
 *   %M  the same bytes in hex, two digits each
 *
 * Output may contain NUL bytes (%b, %m): callers use the returned length.
 */
#include "runtime.h"

#include <linux/ctype.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#define F_LEFT		0x01
#define F_PLUS		0x02
#define F_SPACE		0x04
#define F_SPECIAL	0x08
#define F_ZEROPAD	0x10
#define F_SIGN		0x20
#define F_LARGE		0x40

struct out {
	char *p, *end;		/* end: last byte that may hold output */
	size_t n;		/* bytes produced, written or not */
};

static void put(struct out *o, char ch)
{
	if (o->p + o->n <= o->end)
		o->p[o->n] = ch;
	o->n++;
}

static void pad(struct out *o, char ch, int count)
{
	while (count-- > 0)
		put(o, ch);
}

struct spec {
	int flags, width, prec;
};

static void number(struct out *o, u64 num, int base, struct spec *sp)
{
	const char *digits = sp->flags & F_LARGE ? "0123456789ABCDEFX" :
						   "0123456789abcdefx";
	int flags = sp->flags, size = sp->width, prec = sp->prec, i = 0;
	char tmp[24], sign = 0;

	if (flags & F_LEFT)
		flags &= ~F_ZEROPAD;
	if (flags & F_SIGN) {
		if ((s64)num < 0) {
			sign = '-';
			num = -(s64)num;
		} else if (flags & F_PLUS) {
			sign = '+';
		} else if (flags & F_SPACE) {
			sign = ' ';
		}
		if (sign)
			size--;
	}
	if (flags & F_SPECIAL)
		size -= base == 16 ? 2 : base == 8 ? 1 : 0;
	do {
		tmp[i++] = digits[do_div(num, base)];
	} while (num);
	if (prec < i)
		prec = i;
	size -= prec;
	if (!(flags & (F_ZEROPAD | F_LEFT)))
		pad(o, ' ', size), size = 0;
	if (sign)
		put(o, sign);
	if ((flags & F_SPECIAL) && (base == 8 || base == 16)) {
		put(o, '0');
		if (base == 16)
			put(o, digits[16]);
	}
	if (!(flags & F_LEFT))
		pad(o, flags & F_ZEROPAD ? '0' : ' ', size), size = 0;
	pad(o, '0', prec - i);
	while (i-- > 0)
		put(o, tmp[i]);
	pad(o, ' ', size);
}

static void string(struct out *o, const char *s, struct spec *sp)
{
	int len = s ? strnlen(s, sp->prec < 0 ? INT_MAX : sp->prec) : 0;

	int i;

	if (!(sp->flags & F_LEFT))
		pad(o, ' ', sp->width - len);
	for (i = 0; i < len; i++)
		put(o, s[i]);
	if (sp->flags & F_LEFT)
		pad(o, ' ', sp->width - len);
}

/*
 * %b: the byte count is the precision, else the width when it is 1, 2, 4
 * or 8, else 8; a wider field is filled with NUL bytes first.
 */
static void binary(struct out *o, u64 num, struct spec *sp)
{
	int n = sp->prec > 0 ? sp->prec : sp->width;
	u8 b1 = num;
	u16 b2 = num;
	u32 b4 = num;
	const u8 *p = (const u8 *)&num;

	switch (n) {
	case 1: p = &b1; break;
	case 2: p = (const u8 *)&b2; break;
	case 4: p = (const u8 *)&b4; break;
	default: n = 8;
	}
	pad(o, '\0', sp->width - n);
	while (n-- > 0)
		put(o, *p++);
}

/*
 * Widths and precisions are clamped to the print buffer, as SystemTap
 * clamps them to STP_BUFFER_SIZE: a width of 2^31 must not pad for
 * seconds.  A '*' argument is taken as an int, as 4.8's va_arg(int) takes
 * the low half of the s64 it is passed, and below 0 it is 0.
 */
static int clamp_field(int v)
{
	return clamp(v, 0, STAP_PRINT_BUFSIZE);
}

static int star_arg(va_list *ap)
{
	return (int)va_arg(*ap, s64);
}

/* Decimal digits, saturating rather than overflowing. */
static const char *field_digits(const char *f, int *v)
{
	for (*v = 0; isdigit(*f); f++)
		*v = min(*v * 10 + (*f - '0'), STAP_PRINT_BUFSIZE);
	return f;
}

/* %m and %M: false after a read fault (the error is set on c). */
static bool memory(struct stap_context *c, struct out *o, u64 addr,
		   bool hex, struct spec *sp)
{
	static const char hexd[] = "0123456789abcdef";
	int len = sp->prec < 0 ? 1 : sp->prec, width = sp->width, i;
	u8 byte;

	if (hex)
		width -= 2 * len;
	else
		width -= len;
	if (!(sp->flags & F_LEFT))
		pad(o, ' ', width);
	for (i = 0; i < len; i++) {
		if (copy_from_kernel_nofault(&byte, (const void *)
					     (unsigned long)(addr + i), 1)) {
			if (c) {
				snprintf(c->error_buf, sizeof(c->error_buf),
					 "read fault [man error::fault] at 0x%llx",
					 (unsigned long long)addr);
				c->last_error = c->error_buf;
			}
			return false;
		}
		if (hex) {
			put(o, hexd[byte >> 4]);
			put(o, hexd[byte & 15]);
		} else {
			put(o, byte);
		}
	}
	if (sp->flags & F_LEFT)
		pad(o, ' ', width);
	return true;
}

static const char *parse_spec(const char *f, struct spec *sp, va_list *ap)
{
	const char *fl;

	/* one flag at most, as the translator checked */
	sp->flags = 0;
	fl = *f ? strchr("-+ #0", *f) : NULL;
	if (fl) {
		sp->flags = 1 << (fl - "-+ #0");
		f++;
	}
	sp->width = -1;
	if (*f == '*') {
		/* a negative width is none at all, as in 4.8: not '-' */
		sp->width = clamp_field(star_arg(ap));
		f++;
	} else if (isdigit(*f)) {
		f = field_digits(f, &sp->width);
	}
	sp->prec = -1;
	if (*f == '.') {
		f++;
		if (*f == '*') {
			sp->prec = clamp_field(star_arg(ap));
			f++;
		} else {
			f = field_digits(f, &sp->prec);
		}
	}
	while (*f == 'l' || *f == 'L' || *f == 'h' || *f == 'z')
		f++;
	return f;
}

/*
 * Format into buf (size bytes, NUL-terminated when size > 0); returns the
 * length the whole output has, like vsnprintf, or -1 after a memory fault
 * of %m/%M (c->last_error is set then; c may be NULL).
 */
int stap_vsnprintf(struct stap_context *c, char *buf, size_t size,
		   const char *fmt, va_list ap)
{
	struct out o = { .p = buf, .end = size ? buf + size - 2 : buf - 1 };
	struct spec sp;
	va_list args;
	int ret = 0;

	va_copy(args, ap);
	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		fmt = parse_spec(fmt + 1, &sp, &args);
		switch (*fmt) {
		case 'd':
		case 'i':
			sp.flags |= F_SIGN;
			number(&o, va_arg(args, s64), 10, &sp);
			break;
		case 'u':
			number(&o, va_arg(args, s64), 10, &sp);
			break;
		case 'o':
			number(&o, va_arg(args, s64), 8, &sp);
			break;
		case 'X':
			sp.flags |= F_LARGE;
			fallthrough;
		case 'x':
			number(&o, va_arg(args, s64), 16, &sp);
			break;
		case 'p':
			sp.flags |= F_SPECIAL;
			number(&o, va_arg(args, s64), 16, &sp);
			break;
		case 'c':
			if (!(sp.flags & F_LEFT))
				pad(&o, ' ', sp.width - 1);
			put(&o, (char)va_arg(args, s64));
			if (sp.flags & F_LEFT)
				pad(&o, ' ', sp.width - 1);
			break;
		case 's':
			string(&o, va_arg(args, const char *), &sp);
			break;
		case 'b':
			binary(&o, va_arg(args, s64), &sp);
			break;
		case 'm':
		case 'M':
			if (!memory(c, &o, va_arg(args, s64), *fmt == 'M',
				    &sp))
				ret = -1;
			break;
		case '%':
			put(&o, '%');
			break;
		case '\0':
			fmt--;	/* a lone trailing '%' */
			break;
		default:
			put(&o, '%');
			put(&o, *fmt);
		}
		if (ret)
			break;
	}
	va_end(args);
	if (size)
		buf[min(o.n, size - 1)] = '\0';
	return ret ? ret : o.n;
}
EXPORT_SYMBOL_GPL(stap_vsnprintf);

int stap_snprintf(struct stap_context *c, char *buf, size_t size,
		  const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = stap_vsnprintf(c, buf, size, fmt, ap);
	va_end(ap);
	return n;
}
EXPORT_SYMBOL_GPL(stap_snprintf);
