// SPDX-License-Identifier: GPL-2.0
/*
 * translator/kbuild_replay.c - pass 4 without make: replay the exact
 * commands kbuild ran for an earlier module.
 *
 * Building a handler module with kbuild costs make's walk through the
 * kernel's Makefiles on top of the two compiles: about 0.6 s of 0.9 s on a
 * fast machine, 20 s of 34 s in an emulated guest.  The commands kbuild
 * runs for a one-file external module are always the same seven or eight
 * (compile, list the objects, ld -r, list the modules, modpost, compile
 * .mod.c, on v6.12 compile .module-common.o, link .ko) and kbuild writes
 * each into a .cmd file.  After a successful kbuild we keep those commands, with the
 * module's name and directory as placeholders, and later modules of the
 * same kernel build tree, runtime and options are built by running them
 * directly.  Anything unexpected falls back to kbuild.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "session.h"

/*
 * kbuild's .cmd files for M.ko built from M_src.c, in build order.  v6.12
 * compiles the module-common part once, into .module-common.o, where
 * earlier kernels put it in M.mod.o: that step is there or not.
 */
static const struct step {
	const char *file;
	bool optional;
} steps[] = {
	{ ".%s_src.o.cmd", false },
	{ ".%s.mod.cmd", false },
	{ ".%s.o.cmd", false },
	{ ".modules.order.cmd", false },
	{ ".Module.symvers.cmd", false },
	{ ".%s.mod.o.cmd", false },
	{ "..module-common.o.cmd", true },
	{ ".%s.ko.cmd", false },
};
#define NSTEPS ARRAY_LEN(steps)

#define DIR_MARK "@STAPDIR@"
#define NAME_MARK "@STAPNAME@"

static void hash_file_id(struct sbuf *key, const char *path)
{
	struct stat st;

	if (stat(path, &st) == 0)
		sb_printf(key, "%s %lld %lld\n", path, (long long)st.st_size,
			  (long long)st.st_mtime);
	else
		sb_printf(key, "%s -\n", path);
}

/*
 * The recorded commands are valid for one kernel build tree, one runtime
 * (include dir and Module.symvers) and one translator, without -D.
 */
static char *template_path(struct session *s)
{
	struct sbuf key = { 0 };
	char *p, hex[33];

	sb_printf(&key, "replay-2 %s %s %s\n", s->kver, s->kbuild_dir,
		  s->runtime_dir);
	p = xasprintf("%s/.config", s->kbuild_dir);
	hash_file_id(&key, p);
	free(p);
	p = runtime_symvers(s);
	hash_file_id(&key, p);
	free(p);
	p = xasprintf("%s/stap", s->exe_dir);
	hash_file_id(&key, p);
	free(p);
	hash128_hex(key.s, key.len, hex);
	sb_free(&key);
	return xasprintf("%s/cache/kbuild-%s.cmds", s->stap_dir, hex);
}

static bool replay_allowed(struct session *s)
{
	return s->defines.n == 0 && !getenv("STAP_NO_KBUILD_REPLAY");
}

/* Replace every occurrence of from with to in text; returns a new string. */
static char *replace_all(const char *text, const char *from, const char *to)
{
	struct sbuf out = { 0 };
	size_t flen = strlen(from);
	const char *p;

	while ((p = strstr(text, from))) {
		sb_putn(&out, text, p - text);
		sb_puts(&out, to);
		text = p + flen;
	}
	sb_puts(&out, text);
	return out.s ? out.s : xstrdup("");
}

/*
 * The command of a .cmd file: its first line, "cmd_TARGET := COMMAND"
 * ("savedcmd_TARGET" since v6.3).
 */
static char *read_step(const char *dir, const char *fmt, const char *name)
{
	char *f = xasprintf(fmt, name), *path = xasprintf("%s/%s", dir, f);
	char *text = read_file(path, NULL), *cmd = NULL, *eol, *p;

	free(f);
	free(path);
	if (!text)
		return NULL;
	eol = strchr(text, '\n');
	if (eol)
		*eol = '\0';
	p = strstr(text, " := ");
	if ((!strncmp(text, "cmd_", 4) || !strncmp(text, "savedcmd_", 9)) && p) {
		/* make's $$ is the shell's $ */
		cmd = replace_all(p + 4, "$$", "$");
	}
	free(text);
	return cmd;
}

/* After a successful kbuild: keep its commands for the next module. */
void kbuild_replay_learn(struct session *s)
{
	struct sbuf out = { 0 };
	char *tpl, *tmp, *dir;
	size_t i;

	/*
	 * The name becomes a placeholder by text replacement: learn only from
	 * a hashed name, which cannot occur anywhere else in a command.
	 */
	if (!replay_allowed(s) || strlen(s->modname) < 20 ||
	    strncmp(s->modname, "stap_", 5))
		return;
	tpl = template_path(s);
	if (is_file(tpl))
		goto out;
	for (i = 0; i < NSTEPS; i++) {
		char *cmd = read_step(s->tmpdir, steps[i].file, s->modname);
		char *a, *b;

		if (!cmd && steps[i].optional)
			continue;
		if (!cmd || strchr(cmd, '\n'))
			goto out;
		a = replace_all(cmd, s->tmpdir, DIR_MARK);
		b = replace_all(a, s->modname, NAME_MARK);
		sb_printf(&out, "%s\n", b);
		free(cmd);
		free(a);
		free(b);
	}
	dir = xstrndup(tpl, strrchr(tpl, '/') - tpl);
	tmp = xasprintf("%s.%d", tpl, (int)getpid());
	if (mkdir_p(dir) == 0 && write_file(tmp, out.s, out.len) == 0)
		rename(tmp, tpl);
	free(tmp);
	free(dir);
out:
	sb_free(&out);
	free(tpl);
}

/*
 * modpost reads the object's .cmd file, which fixdep writes in kbuild and
 * no recorded command does.
 */
static int write_inputs(struct session *s)
{
	char *cmdf = xasprintf("%s/.%s_src.o.cmd", s->tmpdir, s->modname);
	char *c = xasprintf("source_%s/%s_src.o := %s/%s_src.c\n", s->tmpdir,
			    s->modname, s->tmpdir, s->modname);
	int rc = write_file(cmdf, c, strlen(c));

	free(cmdf);
	free(c);
	return rc ? -1 : 0;
}

/*
 * Build the module by replaying recorded commands.  Returns 0 when the .ko
 * is there, -1 when there is nothing to replay or a step failed (the caller
 * then runs kbuild, which also shows any compiler error).
 */
int kbuild_replay(struct session *s)
{
	char *tpl, *text, *line, *next;
	char *log = xasprintf("%s/replay.log", s->tmpdir);
	int rc = -1;

	if (!replay_allowed(s))
		goto out_log;
	tpl = template_path(s);
	text = read_file(tpl, NULL);
	free(tpl);
	if (!text || write_inputs(s))
		goto out;
	for (line = text; line && *line; line = next) {
		char *a, *cmd, *argv[5];
		int st;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		a = replace_all(line, DIR_MARK, s->tmpdir);
		cmd = replace_all(a, NAME_MARK, s->modname);
		free(a);
		/*
		 * kbuild runs its commands from the top of the build tree,
		 * with SRCARCH exported (objtool needs it since v6.10; x86-64
		 * is the one architecture stap builds for).
		 */
		argv[0] = "sh";
		argv[1] = "-c";
		argv[2] = xasprintf("cd '%s' && export SRCARCH=x86 && %s",
				    s->kbuild_dir, cmd);
		argv[3] = NULL;
		if (s->verbose > 2)
			fprintf(stderr, "%s\n", cmd);
		st = run_cmd(argv, log);
		free(argv[2]);
		free(cmd);
		if (st != 0)
			goto out;
	}
	if (is_file(s->ko_path))
		rc = 0;
out:
	free(text);
out_log:
	if (rc && s->verbose > 1)
		fprintf(stderr, "kbuild replay not used; running kbuild\n");
	free(log);
	return rc;
}
