// SPDX-License-Identifier: GPL-2.0
/*
 * ctl/relay.c - the data channel: read /proc/systemtap/MOD/trace0..N and
 * write the records to the output in their global sequence order.
 *
 * A record of length 0 is switch_file(): the output moves to its next file
 * at that point of the ordered stream.  A gap in the sequence is output the
 * runtime overwrote or dropped: counted as lost, except in what was
 * buffered before we attached (-A), where the flight recorder overwrote it
 * on purpose.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "staprun.h"

#define READ_CHUNK	(256 * 1024)
#define READ_ROUND_MAX	16
#define GAP_TIMEOUT_MS	2000	/* a missing record older than this is lost */

struct tbuf {
	int fd;
	char *data;
	size_t len;		/* bytes in data */
	size_t off;		/* first unconsumed byte */
	size_t cap;
};

static struct tbuf *tb;
static unsigned int ntb;
static uint32_t next_seq;
static bool synced;		/* next_seq known */
static bool backlog;		/* printing what was buffered at attach */
static uint32_t backlog_end;	/* the newest record then */
static unsigned int lost;
static struct timespec gap_since;
static bool in_gap;

int relay_open_all(void)
{
	char path[PATH_MAX];
	unsigned int i, opened = 0;

	ntb = sr.transport.ncpus;
	next_seq = 0;		/* a fresh session numbers from 0 */
	synced = true;
	tb = calloc(ntb, sizeof(*tb));
	if (!tb) {
		err("out of memory\n");
		return -1;
	}
	for (i = 0; i < ntb; i++) {
		snprintf(path, sizeof(path), "/proc/systemtap/%s/trace%u",
			 sr.modname, i);
		tb[i].fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
		if (tb[i].fd < 0) {
			/* Possible but offline CPUs have no buffer. */
			if (errno != ENOENT && errno != ENODEV) {
				err("Couldn't open '%s': %s\n", path,
				    strerror(errno));
				return -1;
			}
			continue;
		}
		opened++;
	}
	if (!opened) {
		err("Couldn't open any trace file of module '%s'\n",
		    sr.modname);
		return -1;
	}
	verbose(2, "opened %u trace files\n", opened);
	return 0;
}

void relay_close_all(void)
{
	unsigned int i;

	for (i = 0; tb && i < ntb; i++) {
		if (tb[i].fd >= 0)
			close(tb[i].fd);
		free(tb[i].data);
	}
	free(tb);
	tb = NULL;
	ntb = 0;
}

int relay_pollfds(struct pollfd *fds, int max)
{
	unsigned int i;
	int n = 0;

	for (i = 0; i < ntb && n < max; i++) {
		if (tb[i].fd < 0)
			continue;
		fds[n].fd = tb[i].fd;
		fds[n].events = POLLIN;
		fds[n].revents = 0;
		n++;
	}
	return n;
}

/* Room for n more bytes at t->data + t->len: records are read in place. */
static int tbuf_reserve(struct tbuf *t, size_t n)
{
	if (t->off && t->off == t->len) {
		t->off = t->len = 0;
	} else if (t->off > t->cap / 2) {
		memmove(t->data, t->data + t->off, t->len - t->off);
		t->len -= t->off;
		t->off = 0;
	}
	if (t->len + n > t->cap) {
		size_t cap = t->cap ? t->cap : READ_CHUNK;
		char *d;

		while (cap < t->len + n)
			cap *= 2;
		d = realloc(t->data, cap);
		if (!d)
			return -ENOMEM;
		t->data = d;
		t->cap = cap;
	}
	return 0;
}

/* Up to max bytes of CPU i's buffer; stops early at a short read if !all. */
static int read_cpu(unsigned int i, size_t max, bool all)
{
	size_t got = 0;
	ssize_t n;

	while (got < max) {
		struct tbuf *t = &tb[i];

		if (tbuf_reserve(t, READ_CHUNK)) {
			err("out of memory\n");
			return -1;
		}
		n = read(t->fd, t->data + t->len, READ_CHUNK);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		t->len += n;
		got += n;
		if (!all && n < READ_CHUNK)
			break;
	}
	return 0;
}

/*
 * What every trace file holds now.  Unless final, a round stops at a short
 * read or after READ_ROUND_MAX chunks, so signals are seen.  Even a final
 * read stops after a buffer's worth: reading can fire probes (a script on
 * vfs_read) that keep refilling the buffers while they are armed.
 */
int relay_read_all(bool final)
{
	size_t whole = (size_t)sr.transport.subbuf_size *
		       (sr.transport.n_subbufs + 1);
	unsigned int i;

	for (i = 0; i < ntb; i++)
		if (tb[i].fd >= 0 &&
		    read_cpu(i, final ? whole :
			     (size_t)READ_ROUND_MAX * READ_CHUNK, final))
			return -1;
	return 0;
}

/* The header of the next complete record of a CPU. */
static bool head(struct tbuf *t, struct stap_trace_hdr *h)
{
	for (;;) {
		if (t->len - t->off < sizeof(*h))
			return false;
		memcpy(h, t->data + t->off, sizeof(*h));
		if (h->magic == STAP_TRACE_MAGIC)
			break;
		/* Never expected: skip a byte until the next header. */
		t->off++;
	}
	return t->len - t->off >= sizeof(*h) + h->len;
}

static long ms_since(const struct timespec *t)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - t->tv_sec) * 1000 +
	       (now.tv_nsec - t->tv_nsec) / 1000000;
}

/* The CPU whose next complete record comes first in sequence, or -1. */
static int first_cpu(struct stap_trace_hdr *min)
{
	struct stap_trace_hdr h;
	unsigned int i;
	int imin = -1;

	for (i = 0; i < ntb; i++) {
		if (!head(&tb[i], &h))
			continue;
		if (imin < 0 || (int32_t)(h.seq - min->seq) < 0) {
			*min = h;
			imin = i;
		}
	}
	return imin;
}

/*
 * Whether to skip the records missing before seq now: at once when final
 * or inside the attach backlog; else once they are GAP_TIMEOUT_MS late
 * (another CPU may not have delivered them yet).
 */
static bool skip_gap(uint32_t seq, bool final)
{
	if (backlog && (int32_t)(seq - backlog_end) <= 0) {
		verbose(2, "skipping %u overwritten records\n", seq - next_seq);
		return true;
	}
	if (!final) {
		if (!in_gap) {
			in_gap = true;
			clock_gettime(CLOCK_MONOTONIC, &gap_since);
			return false;
		}
		if (ms_since(&gap_since) < GAP_TIMEOUT_MS)
			return false;
	}
	lost += seq - next_seq;
	verbose(2, "skipping %u lost records\n", seq - next_seq);
	return true;
}

/*
 * Print records while the next one in sequence is at hand.  Returns -1
 * when the output fails.
 */
int relay_output(bool final)
{
	struct stap_trace_hdr min;
	struct tbuf *t;
	int imin, rc = 0;

	while ((imin = first_cpu(&min)) >= 0) {
		if (!synced) {
			next_seq = min.seq;
			synced = true;
		}
		if ((int32_t)(min.seq - next_seq) > 0 &&
		    !skip_gap(min.seq, final))
			break;
		in_gap = false;
		t = &tb[imin];
		if (!min.len)
			rc |= output_switch();
		else
			rc |= output_write(t->data + t->off + sizeof(min),
					   min.len);
		next_seq = min.seq + 1;
		if (backlog && (int32_t)(next_seq - backlog_end) > 0)
			backlog = false;
		t->off += sizeof(min) + min.len;
	}
	rc |= output_flush();
	return rc ? -1 : 0;
}

/*
 * Just attached to a running session (-A): read everything buffered, and
 * start at its oldest record; the gaps up to its newest are the flight
 * recorder's overwrites, never reported as lost.
 */
int relay_backlog(void)
{
	struct stap_trace_hdr h;
	unsigned int i;
	size_t off;

	if (relay_read_all(true))	/* what the buffers held */
		return -1;
	synced = false;
	for (i = 0; i < ntb; i++) {
		off = tb[i].off;
		while (head(&tb[i], &h)) {
			if (!backlog || (int32_t)(h.seq - backlog_end) > 0)
				backlog_end = h.seq;
			backlog = true;
			tb[i].off += sizeof(h) + h.len;
		}
		tb[i].off = off;
	}
	verbose(2, "attached: buffered output up to record %u\n",
		backlog_end);
	return 0;
}

unsigned int relay_lost(void)
{
	return lost;
}
