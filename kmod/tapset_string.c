// SPDX-License-Identifier: GPL-2.0
/*
 * kmod/tapset_string.c - SystemTap's string tapset functions (string.stp,
 * tokenize.stp) with their exact edge cases.
 */
#include "runtime.h"

#include <linux/ctype.h>
#include <linux/kernel.h>
#include <linux/minmax.h>
#include <linux/string.h>

/* substr(str, start, length): nothing when start is outside str. */
void stap_substr(char *dst, size_t n, const char *s, s64 start, s64 len)
{
	s64 size = clamp_t(s64, len + 1, 0, n);

	dst[0] = '\0';
	if (start >= 0 && start < strlen(s) && size > 0)
		strscpy(dst, s + start, size);
}
EXPORT_SYMBOL_GPL(stap_substr);

s64 stap_stringat(struct stap_context *c, const char *s, s64 pos)
{
	if (pos >= 0 && pos < strlen(s))
		return s[pos];
	c->last_error = "Position out of bounds";
	return 0;
}
EXPORT_SYMBOL_GPL(stap_stringat);

s64 stap_strpos(const char *s, const char *t)
{
	const char *p = strstr(s, t);

	return p ? p - s : -1;
}
EXPORT_SYMBOL_GPL(stap_strpos);

s64 stap_isdigit(const char *s)
{
	return isdigit(s[0]) ? 1 : 0;
}
EXPORT_SYMBOL_GPL(stap_isdigit);

void stap_str_replace(char *dst, size_t n, const char *s, const char *srch,
		      const char *rplc)
{
	size_t slen = strlen(srch);
	const char *p;

	if (!slen) {
		strscpy(dst, s, n);
		return;
	}
	dst[0] = '\0';
	while ((p = strstr(s, srch))) {
		size_t have = strlen(dst);

		if (have + 1 < n)	/* append s[0 .. p) */
			strscpy(dst + have, s, min_t(size_t, p - s + 1,
						     n - have));
		strlcat(dst, rplc, n);
		s = p + slen;
	}
	strlcat(dst, s, n);
}
EXPORT_SYMBOL_GPL(stap_str_replace);

/* simple_strtol(): no leading blanks or '+', only hex digits, as 4.8. */
s64 stap_strtol(const char *s, s64 base)
{
	return simple_strtol(s, NULL, (unsigned int)base);
}
EXPORT_SYMBOL_GPL(stap_strtol);

/*
 * tokenize(input, delim): a non-empty input starts a new string; empty
 * tokens are skipped; the state lives in the context, per CPU.
 */
void stap_tokenize(struct stap_context *c, char *dst, size_t n,
		   const char *input, const char *delim)
{
	char *tok;

	dst[0] = '\0';
	if (input[0]) {
		strscpy(c->tok_str, input, n);
		c->tok_start = c->tok_str;
		c->tok_end = c->tok_str + strlen(c->tok_str);
	}
	do {
		tok = strsep(&c->tok_start, delim);
	} while (tok && !tok[0]);
	if (tok)
		strscpy(dst, tok, n);
}
EXPORT_SYMBOL_GPL(stap_tokenize);
