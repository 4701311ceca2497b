// SPDX-License-Identifier: GPL-2.0
/*
 * kmod/tapset_text.c - text_str(), text_strn() and string_quoted(): a
 * script string made printable with C escapes, as SystemTap's
 * _stp_text_str() does it for strings already in probe context.
 */
#include "runtime.h"

#include <linux/ctype.h>
#include <linux/kernel.h>
#include <linux/minmax.h>
#include <linux/string.h>

/*
 * One UTF-8 sequence of at most size bytes; *c gets the code point.
 * Anything that is not well-formed, minimal UTF-8 is one byte verbatim.
 */
static int decode_utf8(const unsigned char *s, int size, int *c)
{
	int i, n, v;

	if ((s[0] & 0xE0) == 0xC0 && size >= 2)
		n = 2, v = s[0] & 0x1F;
	else if ((s[0] & 0xF0) == 0xE0 && size >= 3)
		n = 3, v = s[0] & 0xF;
	else if ((s[0] & 0xF8) == 0xF0 && size >= 4)
		n = 4, v = s[0] & 0x7;
	else
		goto verbatim;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			goto verbatim;
		v = (v << 6) | (s[i] & 0x3F);
	}
	if ((v >= 0xD800 && v <= 0xDFFF) || v > 0x10FFFF || v < 0x80 ||
	    (n == 3 && v < 0x800) || (n == 4 && v < 0x10000))
		goto verbatim;
	*c = v;
	return n;
verbatim:
	*c = s[0];
	return 1;
}

/* The escape for byte c, without the backslash; 0 when c prints as is. */
static char short_escape(int c)
{
	switch (c) {
	case '\a': return 'a';
	case '\b': return 'b';
	case '\f': return 'f';
	case '\n': return 'n';
	case '\r': return 'r';
	case '\t': return 't';
	case '\v': return 'v';
	case '"': return '"';
	case '\\': return '\\';
	}
	return 0;
}

/* Write one character's text at out (room for it checked by the caller). */
static int put_char(char *out, int c, int n)
{
	static const char hex[] = "0123456789ABCDEF";
	char e;
	int i;

	if (n > 1) {
		int num = c <= 0xFFFF ? 6 : 10;

		*out++ = '\\';
		*out++ = c <= 0xFFFF ? 'u' : 'U';
		for (i = num - 3; i >= 0; --i)
			*out++ = hex[(c >> (i * 4)) & 0xF];
		return num;
	}
	if (isascii(c) && isprint(c) && c != '"' && c != '\\') {
		*out = c;
		return 1;
	}
	e = short_escape(c);
	out[0] = '\\';
	if (e) {
		out[1] = e;
		return 2;
	}
	out[1] = '0' + ((c >> 6) & 3);
	out[2] = '0' + ((c >> 3) & 7);
	out[3] = '0' + (c & 7);
	return 4;
}

static int char_width(int c, int n)
{
	if (n > 1)
		return c <= 0xFFFF ? 6 : 10;
	if (isascii(c) && isprint(c) && c != '"' && c != '\\')
		return 1;
	return short_escape(c) ? 2 : 4;
}

/*
 * len: output characters (0 or more than fits: all of dst); quoted: in
 * double quotes, and a truncated string ends in "... with no escape
 * sequence cut in half.
 */
void stap_text_strn(char *dst, size_t n, const char *s, s64 len, s64 quoted)
{
	int inlen = n - 1, outlen = clamp_t(s64, len, 0, n);
	char *out = dst, *esc = NULL;
	int c = 0, esc_len = 0;

	if (outlen <= 0 || outlen > n - 1)
		outlen = n - 1;
	if (quoted) {
		outlen = max(outlen, 5) - 2;
		*out++ = '"';
	}
	while (inlen > 0) {
		int k = decode_utf8((const unsigned char *)s, inlen, &c);
		int num;

		if (c == 0 || outlen <= 0)
			break;
		s += k;
		inlen -= k;
		num = char_width(c, k);
		if (num > 1 && !esc && outlen - 3 < num)
			esc = out, esc_len = num;
		if (outlen < num)
			break;
		out += put_char(out, c, k);
		outlen -= num;
	}
	if (quoted) {
		if (c && inlen > 0) {
			char *cut = out - 3 + outlen;

			out = esc && esc < cut && cut < esc + esc_len ? esc : cut;
			memcpy(out, "\"...", 4);
			out += 4;
		} else {
			*out++ = '"';
		}
	}
	*out = '\0';
}
EXPORT_SYMBOL_GPL(stap_text_strn);
