// SPDX-License-Identifier: GPL-2.0
/*
 * kmod/regex.c - the regex matcher behind =~, !~, matched() and ngroups().
 *
 * A Pike VM over the program translator/regex.c emits: threads advance in
 * lock step over the subject, ordered by priority, and the first thread to
 * reach an instruction in a step owns it.  This gives SystemTap's stapregex
 * results: the search is unanchored (a new lowest-priority thread starts at
 * every position until something matched), the match that starts leftmost
 * wins, and at that start the longest one; groups come from the preferred
 * path to that end.  The terminating NUL is read like a character, so $
 * consumes it as stapregex's does.
 *
 * The same file is compiled on the host for selftests/translator/regex.sh.
 */
#ifdef __KERNEL__
#include "runtime.h"

#include <linux/kernel.h>
#include <linux/string.h>
#else
#include <string.h>
#endif

#include <stap/regex.h>

/* One thread: its pc, then ntags positions (-1: not set on its path). */
struct rx_vm {
	const struct stap_regex *re;
	const char *s;
	s32 *final;		/* the match so far, ntags */
	u32 *clist, *nlist;	/* threads: (1 + ntags) words each */
	u32 nc, nn;
	u32 *stack;		/* DFS stack, same entry size */
	u32 *mark;		/* step number that visited each pc */
	u32 step;
	u32 width;		/* 1 + ntags */
	int found;
};

static void rx_record(struct rx_vm *vm, const s32 *tags, s32 pos)
{
	s32 *f = vm->final;
	u32 i;

	/* Only a longer match at the same start replaces the first one. */
	if (vm->found && vm->re->ntags &&
	    (tags[0] != f[0] || pos - tags[0] <= f[1] - f[0]))
		return;
	for (i = 0; i < vm->re->ntags; i++)
		if (tags[i] >= 0)
			f[i] = tags[i];
	vm->found = 1;
}

/*
 * Follow pc's empty transitions at pos, in priority order, into nlist.  The
 * thread being followed lives in stack slot sp; slots below it are the
 * less preferred branches of the SPLITs passed so far.
 */
static void rx_add(struct rx_vm *vm, u32 pc, const u32 *tags, s32 pos)
{
	const struct stap_regex_insn *insn = vm->re->insn;
	u32 w = vm->width, sp = 0, *t = vm->stack;

	if (tags != t + 1)
		memcpy(t + 1, tags, (w - 1) * sizeof(u32));
	for (;;) {
		const struct stap_regex_insn *in = &insn[pc];

		if (vm->mark[pc] != vm->step) {
			vm->mark[pc] = vm->step;
			switch (in->op) {
			case STAP_RX_JMP:
				pc = in->x;
				continue;
			case STAP_RX_SPLIT:
				memcpy(t + w, t, w * sizeof(u32));
				t[0] = in->y;
				t += w;
				sp++;
				pc = in->x;
				continue;
			case STAP_RX_TAG:	/* untracked without ntags */
				if (in->arg < vm->re->ntags)
					t[1 + in->arg] = pos;
				pc++;
				continue;
			case STAP_RX_BOL:
				if (pos != 0)
					break;
				pc++;
				continue;
			case STAP_RX_MATCH:
				rx_record(vm, (const s32 *)(t + 1), pos);
				break;
			default:	/* consumes a byte: wait for the next step */
				t[0] = pc;
				memcpy(&vm->nlist[vm->nn++ * w], t,
				       w * sizeof(u32));
				break;
			}
		}
		if (!sp)
			return;
		sp--;
		t -= w;
		pc = t[0];
	}
}

static int rx_takes(const struct stap_regex *re,
		    const struct stap_regex_insn *in, unsigned char ch)
{
	switch (in->op) {
	case STAP_RX_CHAR:
		return ch && ch == in->c;
	case STAP_RX_SET:
		return ch && ch < 128 &&
		       (re->sets[in->arg][ch / 32] >> (ch % 32) & 1);
	case STAP_RX_EOL:
		return !ch;
	}
	return 0;
}

static void rx_swap(struct rx_vm *vm)
{
	u32 *t = vm->clist;

	vm->clist = vm->nlist;
	vm->nlist = t;
	vm->nc = vm->nn;
	vm->nn = 0;
	vm->step++;
}

/*
 * Match s against re.  tags (re->ntags entries) receives the match's tag
 * positions, -1 where unset; scratch is STAP_REGEX_AREA's VM part.
 */
int stap_regex_exec(const struct stap_regex *re, const char *s,
		    s32 *tags, u32 *scratch)
{
	u32 w = 1 + re->ntags, list = re->ninsn * w, i;
	struct rx_vm vm = {
		.re = re, .s = s, .final = tags, .width = w,
		.clist = scratch, .nlist = scratch + list,
		.stack = scratch + 2 * list, .mark = scratch + 3 * list,
		.step = 1,
	};
	s32 pos = 0;

	for (i = 0; i < re->ntags; i++)
		tags[i] = -1;
	memset(vm.mark, 0, re->ninsn * sizeof(u32));
	/* A fresh thread's tags are all unset: the stack's top slot. */
	memset(vm.stack, 0xff, w * sizeof(u32));
	rx_add(&vm, 0, vm.stack + 1, 0);
	rx_swap(&vm);
	for (;; pos++) {
		unsigned char ch = s[pos];

		if (vm.found && (!re->ntags || !vm.nc))
			break;
		for (i = 0; i < vm.nc; i++) {
			u32 *t = &vm.clist[i * w];

			if (rx_takes(re, &re->insn[t[0]], ch))
				rx_add(&vm, t[0] + 1, t + 1, pos + 1);
		}
		if (!ch)
			break;
		if (!vm.found) {
			memset(vm.stack, 0xff, w * sizeof(u32));
			rx_add(&vm, 0, vm.stack + 1, pos + 1);
		}
		rx_swap(&vm);
	}
	return vm.found;
}

#ifdef __KERNEL__

/* The area: result, ntags, the subject copy, the tags, the VM scratch. */
static u32 rx_str_words(const struct stap_context *c)
{
	return (c->session->m->maxstringlen + 3) / 4;
}

s64 stap_regex_match(struct stap_context *c, const struct stap_regex *re,
		     const char *s, u32 *area)
{
	u32 words = rx_str_words(c);
	s32 *tags = (s32 *)area + 2 + words;
	int r;

	if (!re->ntags) {
		s32 none;

		return stap_regex_exec(re, s, &none, area + 2 + words);
	}
	r = stap_regex_exec(re, s, tags, area + 2 + words + re->ntags);
	strscpy((char *)(area + 2), s, c->session->m->maxstringlen);
	area[0] = r;
	if (r)		/* like stapregex: the count only changes on success */
		area[1] = re->ntags;
	return r;
}
EXPORT_SYMBOL_GPL(stap_regex_match);

void stap_regex_matched(struct stap_context *c, const u32 *area, s64 n,
			char *out)
{
	u32 maxlen = c->session->m->maxstringlen;
	const s32 *tags = (const s32 *)area + 2 + rx_str_words(c);
	const char *str = (const char *)(area + 2);
	s32 start = -1, end = -1;

	bool missing = n >= 0 && n >= area[1] / 2;

	out[0] = '\0';
	/* SystemTap checks both and keeps the second message. */
	if (!area[0])
		snprintf(c->error_buf, sizeof(c->error_buf),
			 "Attempted to get subexpression %lld from failed match",
			 (long long)n);
	if (missing)
		snprintf(c->error_buf, sizeof(c->error_buf),
			 "Attempted to get nonexistent subexpression %lld",
			 (long long)n);
	if (!area[0] || missing) {
		c->last_error = c->error_buf;
		return;
	}
	if (n >= 0) {
		start = tags[2 * n];
		end = tags[2 * n + 1];
	}
	/* a group after $ starts past the subject's NUL: empty */
	if (start < 0 || end < 0 || start > end || start >= maxlen)
		return;
	strscpy(out, str + start, min_t(u32, end - start + 1, maxlen));
}
EXPORT_SYMBOL_GPL(stap_regex_matched);

s64 stap_regex_ngroups(struct stap_context *c, const u32 *area)
{
	if (!area[0]) {
		stap_error(c, "Attempted to get subexpression count from failed match");
		return 0;
	}
	return area[1] / 2;
}
EXPORT_SYMBOL_GPL(stap_regex_ngroups);

#endif /* __KERNEL__ */
