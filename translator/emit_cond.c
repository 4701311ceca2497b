// SPDX-License-Identifier: GPL-2.0
/*
 * translator/emit_cond.c - cond_eval(): the runtime's view of the
 * 'probe POINT if (cond)' conditions.
 *
 * The runtime runs cond_eval() like a handler that reads globals (under
 * the read lock) whenever a condition may have changed; it reports each
 * conditional probe's condition with stap_probe_cond() so that a probe is
 * armed only while its condition holds.  Handlers still check their own
 * condition at entry, so arming only saves work: a condition that cannot
 * be evaluated (division by 0 ...) leaves its probe armed, and the
 * handler's own check reports the error where SystemTap would.
 */
#include <stdlib.h>
#include <string.h>

#include "emit.h"

/* One conditional probe: all of its conditions must hold. */
static void one_cond_c(struct emitter *em, struct vec *conds, int idx,
		       struct sbuf *out)
{
	char *label = xasprintf("cond%d", idx);
	struct sbuf on = { 0 };
	int i;

	em->errlabel = label;
	em->err_used = false;
	for (i = 0; i < conds->n; i++) {
		char *v = expr_c(em, conds->v[i], out, false);

		sb_printf(&on, "%s(%s) != 0", i ? " && " : "", v);
		free(v);
	}
	line(em, out, "stap_probe_cond(c, %d, %s);", idx, on.s);
	if (em->err_used) {
		line(em, out, "goto %s_ok;", label);
		line(em, out, "%s:", label);
		line(em, out, "c->last_error = NULL;");
		line(em, out, "c->last_stmt = NULL;");
		line(em, out, "stap_probe_cond(c, %d, true);", idx);
		line(em, out, "%s_ok: ;", label);
	}
	sb_free(&on);
	free(label);
}

/*
 * cond_eval() with its frame of temporaries; false (and nothing emitted)
 * when no probe has a condition.  idx counts the probe table's entries.
 */
bool cond_eval_c(struct session *s, struct sbuf *decls, struct sbuf *members,
		 struct sbuf *code)
{
	struct emitter em = { .s = s, .ind = 1 };
	struct sbuf body = { 0 };
	int i, idx = 0;

	for (i = 0; i < s->dprobes.n; i++) {
		struct dprobe *d = s->dprobes.v[i];
		struct vec conds = { 0 };

		if (!d->rtype)
			continue;
		probe_conds(d->probe->body, &conds);
		if (conds.n)
			one_cond_c(&em, &conds, idx, &body);
		free(conds.v);
		idx++;
	}
	if (!body.len)
		return false;
	if (em.tmps.len) {
		sb_printf(decls, "struct l_cond {\n%s};\n\n", em.tmps.s);
		sb_puts(members, "\t\tstruct l_cond cond;\n");
	}
	sb_puts(code, "static void cond_eval(struct stap_context *c)\n{\n");
	if (em.tmps.len || strstr(body.s, "L->"))
		sb_puts(code, "\tstruct stap_locals *L = c->locals;\n");
	if (em.tmps.len)
		sb_puts(code, "\tstruct l_cond *l = &L->p.cond;\n");
	sb_printf(code, "\n%s}\n\n", body.s);
	sb_free(&body);
	sb_free(&em.tmps);
	return true;
}
