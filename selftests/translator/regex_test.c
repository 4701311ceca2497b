// SPDX-License-Identifier: GPL-2.0
/*
 * selftests/translator/regex_test.c - host driver for regex.sh: compiles
 * each regex with translator/regex.c and matches with kmod/regex.c.
 *
 *   regex_test REGEX [SUBJECT]
 *
 * Prints the compile error, or "0", or "1" and the groups as [text] ([]
 * for a group that did not take part), the way the corpus cases print them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "regex.h"

int main(int argc, char **argv)
{
	struct stap_regex re;
	struct rx_prog *p;
	char *err = NULL;
	s32 *tags;
	u32 *scratch;
	int r, i;

	if (argc < 2)
		return 2;
	p = regex_compile(argv[1], &err);
	if (!p) {
		printf("%s\n", err);
		return 0;
	}
	if (argc < 3)
		return 0;
	re.insn = p->insn;
	re.sets = (const u32 (*)[STAP_RX_SET_WORDS])p->sets;
	re.ninsn = p->ninsn;
	re.ntags = p->ntags;
	tags = calloc(p->ntags, sizeof(*tags));
	scratch = calloc(STAP_REGEX_AREA(p->ninsn, p->ntags, 0), sizeof(u32));
	r = stap_regex_exec(&re, argv[2], tags, scratch);
	printf("%d", r);
	for (i = 0; r && i < p->ntags; i += 2) {
		if (tags[i] < 0 || tags[i + 1] < 0)
			printf(" []");
		else
			printf(" [%.*s]", (int)(tags[i + 1] - tags[i]),
			       argv[2] + tags[i]);
	}
	printf("\n");
	free(tags);
	free(scratch);
	regex_free(p);
	return 0;
}
