// SPDX-License-Identifier: GPL-2.0
/*
 * kmod/print.c - the per-CPU print buffer: stap_print(), stap_printf(),
 * stap_print_bytes(), and the flush of one buffer into the session's relay channel as one record.
 */
#include "runtime.h"

#include <linux/kernel.h>
#include <linux/string.h>

static inline struct stap_cpu *to_cpu(struct stap_context *c)
{
	return container_of(c, struct stap_cpu, c);
}

static inline char *text(struct stap_cpu *sc)
{
	return sc->buf + sizeof(struct stap_trace_hdr);
}

/* Turn the buffer into a record and hand it to relay; empty afterwards. */
void stap_print_flush(struct stap_session *s, struct stap_cpu *sc)
{
	struct stap_trace_hdr *h = (struct stap_trace_hdr *)sc->buf;

	if (!sc->len)
		return;
	h->magic = STAP_TRACE_MAGIC;
	h->len = sc->len;
	if (!stap_relay_write(s, sc->buf, sizeof(*h) + sc->len)) {
		atomic_inc(&s->transport_failures);
		atomic64_add(sc->len, &s->lost_bytes);
	}
	sc->len = 0;
}

void stap_print(struct stap_context *c, const char *str)
{
	struct stap_cpu *sc = to_cpu(c);
	size_t n = strlen(str);

	if (n > STAP_PRINT_BUFSIZE - sc->len) {
		stap_print_flush(c->session, sc);
		n = min_t(size_t, n, STAP_PRINT_BUFSIZE);
	}
	memcpy(text(sc) + sc->len, str, n);
	sc->len += n;
}
EXPORT_SYMBOL_GPL(stap_print);

void stap_printf(struct stap_context *c, const char *fmt, ...)
{
	struct stap_cpu *sc = to_cpu(c);
	size_t room = STAP_PRINT_BUFSIZE - sc->len;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = stap_vsnprintf(c, text(sc) + sc->len, room + 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n > room && sc->len) {
		/* Did not fit: flush what was there and format again. */
		stap_print_flush(c->session, sc);
		room = STAP_PRINT_BUFSIZE;
		va_start(ap, fmt);
		n = stap_vsnprintf(c, text(sc), room + 1, fmt, ap);
		va_end(ap);
		if (n < 0)
			return;
	}
	sc->len += min_t(size_t, n, room);
}
EXPORT_SYMBOL_GPL(stap_printf);

/* Raw bytes, NULs included: a full buffer is flushed and filling goes on. */
void stap_print_bytes(struct stap_context *c, const void *p, size_t n)
{
	struct stap_cpu *sc = to_cpu(c);

	while (n) {
		size_t room = STAP_PRINT_BUFSIZE - sc->len;
		size_t chunk = min(n, room);

		if (!room) {
			stap_print_flush(c->session, sc);
			continue;
		}
		memcpy(text(sc) + sc->len, p, chunk);
		sc->len += chunk;
		p += chunk;
		n -= chunk;
	}
}
EXPORT_SYMBOL_GPL(stap_print_bytes);

/*
 * switch_file(): what this handler printed so far goes to the current
 * file, then a record of length 0 tells staprun to switch right there.
 */
void stap_switch_file(struct stap_context *c)
{
	struct stap_cpu *sc = to_cpu(c);
	struct stap_trace_hdr h = { .magic = STAP_TRACE_MAGIC, .len = 0 };

	stap_print_flush(c->session, sc);
	if (!stap_relay_write(c->session, &h, sizeof(h)))
		atomic_inc(&c->session->transport_failures);
}
EXPORT_SYMBOL_GPL(stap_switch_file);
