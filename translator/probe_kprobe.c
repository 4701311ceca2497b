// SPDX-License-Identifier: GPL-2.0
/*
 * translator/probe_kprobe.c - kprobe.function("SYM")[.call] and .return:
 * a kernel symbol from kallsyms (symbols.c), probed by the runtime's
 * "kprobe" and "kretprobe" types (<stap/probes/kprobe.h>).  As in
 * SystemTap, $names in their bodies are plain locals.
 */
#include "emit.h"
#include "probe.h"

static const char *const kprobe_points[] = {
	"kprobe.function(string)",
	"kprobe.function(string).call",
	"kprobe.function(string).return",
	NULL,
};

static int build_kprobe(struct session *s, struct probe_point *pp,
			struct dprobe *d, struct perr *err)
{
	const char *sym = ((struct component *)pp->comps.v[1])->arg->str;
	int found = kernel_has_function(s, sym);

	if (found < 0)
		return pfail(err, xstrdup("cannot read the kernel's symbols"),
			     NULL);
	if (d->variant == 2) {
		d->rtype = "kretprobe";
		d->flags = "STAP_PF_RETURN";
	} else {
		d->rtype = "kprobe";
		d->flags = "STAP_PF_FUNC_IP";
	}
	d->data = (void *)sym;
	return found;
}

static const char *kprobe_args_type(const struct dprobe *d)
{
	(void)d;
	return "struct stap_kprobe_args";
}

static void kprobe_args_c(struct session *s, const struct dprobe *d,
			  struct sbuf *out)
{
	struct sbuf q = { 0 };

	(void)s;
	c_string(&q, d->data);
	sb_printf(out, ".symbol = %s", q.s);
	sb_free(&q);
}

PROBE_FAMILY(kprobe_family) = {
	.name = "kprobe",
	.points = kprobe_points,
	.build = build_kprobe,
	.header = "stap/probes/kprobe.h",
	.args_type = kprobe_args_type,
	.args_c = kprobe_args_c,
	.dollar_locals = true,
};
