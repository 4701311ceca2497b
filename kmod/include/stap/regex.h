/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kmod/include/stap/regex.h - regular expression matching (=~, !~,
 * matched(), ngroups()).
 *
 * The translator compiles every regex literal into a small program for a
 * Pike VM (translator/regex.c) and emits it as const data; the runtime runs
 * it (kmod/regex.c).  Matching never allocates: the handler module gives
 * each call a per-CPU area of STAP_REGEX_AREA() 32-bit words in its locals,
 * holding the last match (for matched() and ngroups()) and the VM's thread
 * lists.  Time is bounded by O(strlen * ninsn).
 *
 * Semantics are SystemTap's stapregex (a tagged DFA): unanchored search,
 * leftmost match, longest at that start, groups from the preferred path
 * (greedy repetition, left alternative first).
 *
 * This header is also compiled on the host by the translator and the unit
 * test, so it needs only the fixed-width types.
 */
#ifndef _STAP_REGEX_H
#define _STAP_REGEX_H

#ifdef __KERNEL__
#include <linux/types.h>
#else
#include <stdint.h>
typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef int32_t s32;
typedef int64_t s64;
#endif

/* Opcodes.  Every instruction but JMP and SPLIT continues at pc + 1. */
enum stap_rx_op {
	STAP_RX_CHAR,		/* match byte c */
	STAP_RX_SET,		/* match a byte in sets[arg] */
	STAP_RX_JMP,		/* goto x */
	STAP_RX_SPLIT,		/* try x, then y (x is preferred) */
	STAP_RX_TAG,		/* record the position in tag arg */
	STAP_RX_BOL,		/* ^: only at the start of the subject */
	STAP_RX_EOL,		/* $: only at the end of the subject */
	STAP_RX_MATCH,
};

struct stap_regex_insn {
	u8 op;			/* enum stap_rx_op */
	u8 c;			/* CHAR */
	u16 arg;		/* SET: set index, TAG: tag number */
	u16 x, y;		/* JMP, SPLIT targets */
};

/* Bytes 0..127 only, as stapregex: other bytes match no set. */
#define STAP_RX_SET_WORDS	4

struct stap_regex {
	const struct stap_regex_insn *insn;
	const u32 (*sets)[STAP_RX_SET_WORDS];
	u16 ninsn;
	u16 ntags;		/* 2 * (groups + 1); 0: no submatch tracking */
};

/*
 * The per-call area, in 32-bit words: a 2-word header (result, ntags), the
 * final tags, a copy of the subject (maxstringlen bytes) and the VM's
 * scratch (two thread lists, a DFS stack, visit marks).
 */
#define STAP_REGEX_TAGS_MAX	510
#define STAP_REGEX_AREA(ninsn, ntags, maxstringlen)			\
	(2 + (ntags) + ((maxstringlen) + 3) / 4 +			\
	 (ninsn) * (3 * (1 + (ntags)) + 1))

#ifdef __KERNEL__
struct stap_context;

/* s =~ re: 1 or 0.  With re->ntags, records the match in area. */
s64 stap_regex_match(struct stap_context *c, const struct stap_regex *re,
		     const char *s, u32 *area);
/* matched(n) into out (MAXSTRINGLEN); a script error if there is none. */
void stap_regex_matched(struct stap_context *c, const u32 *area, s64 n,
			char *out);
/* ngroups() */
s64 stap_regex_ngroups(struct stap_context *c, const u32 *area);
#endif

/* The matcher itself, shared with the host unit test. */
int stap_regex_exec(const struct stap_regex *re, const char *s,
		    s32 *tags, u32 *scratch);

#endif /* _STAP_REGEX_H */
