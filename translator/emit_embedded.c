// SPDX-License-Identifier: GPL-2.0
/*
 * translator/emit_embedded.c - embedded C (%{ %}) in the module.
 *
 * A function whose body is C is emitted as every script function is
 * (fn<id>(c), its frame at L->f[L->depth - 1]); its C runs inside the
 * macros SystemTap's tapsets are written against:
 *
 *   STAP_ARG_name     the parameter (an s64, or a char[MAXSTRINGLEN])
 *   STAP_RETVALUE     the return value, same types
 *   STAP_RETURN(v)    set the return value and leave the function
 *   STAP_ERROR(...)   printf-style error: the handler unwinds
 *   STAP_PRINTF(...)  print, as printf() in the script
 *   CONTEXT           the handler's struct stap_context
 *
 * The C may call only the handler ABI (kmod/include/stap) and the kernel.  It
 * leaves through STAP_RETURN or by its end: the function returns int, so
 * a bare 'return;' does not compile.  A runtime helper that failed, or the
 * C itself, may also set CONTEXT->last_error: the error is then reported
 * near the function's name, as one STAP_ERROR raises.
 *
 * Top-level blocks go into the file as written, right after the ABI
 * include, so that they come before every function that may use them.
 */
#include <stdlib.h>
#include <string.h>

#include "emit.h"

static void define_args(struct emitter *em, struct sbuf *out)
{
	int i;

	for (i = 0; i < em->fn->params.n; i++) {
		const struct symbol *a = em->fn->params.v[i];

		line(em, out, "#define STAP_ARG_%s (l->a.%s)", a->name, a->name);
	}
}

static void define_return(struct emitter *em, struct sbuf *out)
{
	switch (em->fn->type) {
	case T_STRING:
		line(em, out, "#define STAP_RETVALUE (l->ret)");
		line(em, out, "#define STAP_RETURN(v) do { strscpy(STAP_RETVALUE, "
		     "(v), MAXSTRINGLEN); goto stap_end; } while (0)");
		break;
	case T_LONG:
		line(em, out, "#define STAP_RETVALUE (l->ret)");
		line(em, out, "#define STAP_RETURN(v) do { STAP_RETVALUE = "
		     "(s64)(v); goto stap_end; } while (0)");
		break;
	default:
		line(em, out, "#define STAP_RETURN() goto stap_end");
		break;
	}
}

/* STAP_ERROR names the function, as a builtin's error names its tapset. */
static void define_error(struct emitter *em, struct sbuf *out)
{
	char *where = near_c(em->fn->tok);

	line(em, out, "#define STAP_ERROR(...) do { snprintf(c->error_buf, "
	     "sizeof(c->error_buf), __VA_ARGS__); c->last_error = "
	     "c->error_buf; c->last_stmt = %s; goto out; } while (0)", where);
	free(where);
	line(em, out, "#define STAP_PRINTF(...) stap_printf(c, __VA_ARGS__)");
	line(em, out, "#define CONTEXT c");
}

static void undef_all(struct emitter *em, struct sbuf *out)
{
	int i;

	for (i = 0; i < em->fn->params.n; i++)
		line(em, out, "#undef STAP_ARG_%s",
		     ((struct symbol *)em->fn->params.v[i])->name);
	if (em->fn->type == T_STRING || em->fn->type == T_LONG)
		line(em, out, "#undef STAP_RETVALUE");
	line(em, out, "#undef STAP_RETURN");
	line(em, out, "#undef STAP_ERROR");
	line(em, out, "#undef STAP_PRINTF");
	line(em, out, "#undef CONTEXT");
}

/* The body of a function written in C. */
void embedded_body_c(struct emitter *em, struct stmt *st, struct sbuf *out)
{
	char *where = near_c(em->fn->tok);

	define_args(em, out);
	define_return(em, out);
	define_error(em, out);
	line(em, out, "{");
	sb_printf(out, "%s\n", st->tok->text);
	line(em, out, "}");
	/* an error the C set itself (a helper's) is reported near it too */
	line(em, out, "goto stap_end;");
	line(em, out, "stap_end:");
	line(em, out, "if (unlikely(c->last_error) && !c->last_stmt)");
	line(em, out, "\tc->last_stmt = %s;", where);
	free(where);
	line(em, out, "goto out;");
	em->used_out = true;
	undef_all(em, out);
}

/* The top-level blocks, after the #includes of the emitted file. */
void embedded_top_c(struct session *s, struct sbuf *out)
{
	int i;

	for (i = 0; i < s->prog.embeds.n; i++) {
		const struct token *t = s->prog.embeds.v[i];

		sb_printf(out, "\n/* %%{ from %s:%d %%} */\n%s\n",
			  t->src->name, t->line, t->text);
	}
}
