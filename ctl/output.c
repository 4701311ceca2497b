// SPDX-License-Identifier: GPL-2.0
/*
 * ctl/output.c - where the script's output goes: stdout, or -o FILE
 * (a strftime(3) pattern).  With -S size[,N] the files are FILE.0,
 * FILE.1, ..., a new one when the next record would pass size, and only
 * the newest N are kept.  Without -S, a switch (SIGUSR2, switch_file())
 * goes from FILE to FILE.1, FILE.2, ..., as SystemTap 4.8's stapio.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "staprun.h"

static FILE *out;
static unsigned long written;	/* bytes in the current file */
static int fnum;		/* the current file's number */
static char **names;		/* names[k]: the name FILE.k got */
static int nnames;

/* FILE's pattern expanded for now, plus ".k" when numbered. */
static char *file_name(int k, bool numbered)
{
	char buf[4096], *name;
	time_t t = time(NULL);
	struct tm tm;
	size_t len;

	localtime_r(&t, &tm);
	len = strftime(buf, sizeof(buf), sr.outfile, &tm);
	if (len == 0 || len >= sizeof(buf) - 16) {
		err("Invalid FILE name format\n");
		return NULL;
	}
	if (numbered)
		snprintf(buf + len, sizeof(buf) - len, ".%d", k);
	name = strdup(buf);
	if (!name)
		err("out of memory\n");
	return name;
}

static int remember(int k, char *name)
{
	if (k >= nnames) {
		char **n = realloc(names, (k + 16) * sizeof(*n));

		if (!n)
			return -1;
		memset(n + nnames, 0, (k + 16 - nnames) * sizeof(*n));
		names = n;
		nnames = k + 16;
	}
	names[k] = name;
	return 0;
}

/* Open FILE (or FILE.k), as the real user, truncating it. */
static int open_file(int k, bool numbered)
{
	char *name = file_name(k, numbered);

	if (!name || remember(k, name))
		return -1;
	as_real_user(true);
	out = fopen(name, "w");
	as_real_user(false);
	if (!out) {
		err("Couldn't open output file %s: %s\n", name, strerror(errno));
		return -1;
	}
	setvbuf(out, NULL, _IOFBF, 256 * 1024);
	written = 0;
	verbose(2, "output to %s\n", name);
	return 0;
}

int output_open(void)
{
	if (!sr.outfile) {
		out = stdout;
		return 0;
	}
	return open_file(0, sr.fsize_max != 0);
}

/*
 * Output that cannot be written (a full disk, -o /dev/full, a closed
 * pipe) is an error, said once: the session stops and staprun exits 1,
 * as SystemTap's stapio says "Couldn't write to output ..." and exits.
 */
static int write_failed(void)
{
	static bool said;

	if (!said) {
		err("Couldn't write to output %s: %s\n",
		    sr.outfile ? names[fnum] : "stdout", strerror(errno));
		said = true;
	}
	sr.error_seen = true;
	return -1;
}

/* The next file; past -S's N files, the oldest goes. */
int output_switch(void)
{
	int old;

	if (!sr.outfile)
		return 0;
	if (fclose(out))
		write_failed();
	out = NULL;
	fnum++;
	old = fnum - sr.fnum_max;
	if (sr.fnum_max && old >= 0 && names[old]) {
		verbose(2, "removing %s\n", names[old]);
		as_real_user(true);
		remove(names[old]);
		as_real_user(false);
		free(names[old]);
		names[old] = NULL;
	}
	return open_file(fnum, true);
}

int output_write(const void *p, size_t n)
{
	if (!out)
		return -1;
	if (sr.fsize_max && written && written + n > sr.fsize_max &&
	    output_switch())
		return -1;
	if (fwrite(p, 1, n, out) != n)
		return write_failed();
	written += n;
	return 0;
}

int output_flush(void)
{
	return out && fflush(out) ? write_failed() : 0;
}

void output_close(void)
{
	int i;

	if (out && (out != stdout ? fclose(out) : fflush(out)))
		write_failed();
	out = NULL;
	for (i = 0; i < nnames; i++)
		free(names[i]);
	free(names);
	names = NULL;
	nnames = 0;
}
