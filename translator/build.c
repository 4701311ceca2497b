// SPDX-License-Identifier: GPL-2.0
/*
 * translator/build.c - pass 4: build the handler module with kbuild.
 *
 * The module links against the resident runtime's exported stap_* symbols:
 * their CRCs come from the runtime's Module.symvers.  Without that file
 * (runtime not built yet) modpost is told to only warn.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "session.h"

char *runtime_include(struct session *s)
{
	return xasprintf("%s/include", s->runtime_dir);
}

char *runtime_symvers(struct session *s)
{
	return xasprintf("%s/%s/Module.symvers", s->runtime_dir, s->kver);
}

/* Make variables must not expand script-supplied text. */
static void make_quote(struct sbuf *sb, const char *v)
{
	for (; *v; v++) {
		if (*v == '$')
			sb_putc(sb, '$');
		if (*v == '#' || *v == '\\')
			sb_putc(sb, '\\');
		sb_putc(sb, *v);
	}
}

static int write_kbuild(struct session *s, const char *inc)
{
	struct sbuf mk = { 0 };
	char *path = xasprintf("%s/Makefile", s->tmpdir);
	int i, rc;

	sb_printf(&mk, "obj-m := %s.o\n%s-y := %s_src.o\n", s->modname,
		  s->modname, s->modname);
	/* no debug info: it would be most of the module's size */
	sb_printf(&mk, "ccflags-y := -I%s -g0", inc);
	for (i = 0; i < s->defines.n; i++) {
		sb_puts(&mk, " '-D");
		make_quote(&mk, s->defines.v[i]);
		sb_putc(&mk, '\'');
	}
	sb_putc(&mk, '\n');
	rc = write_file(path, mk.s, mk.len);
	sb_free(&mk);
	free(path);
	return rc;
}

static void show_log(const char *log)
{
	char *text = read_file(log, NULL);

	if (text)
		fputs(text, stderr);
	free(text);
}

int build_module(struct session *s)
{
	char *inc = runtime_include(s), *symvers = runtime_symvers(s);
	char *log = xasprintf("%s/build.log", s->tmpdir);
	char *hdr = xasprintf("%s/stap/stap.h", inc);
	char *mflag = xasprintf("M=%s", s->tmpdir), *extra = NULL;
	char *argv[16];
	int n = 0, rc = -1;

	if (!is_file(hdr)) {
		fprintf(stderr, "ERROR: runtime headers not found: %s "
			"(use -R DIR or run 'make tools runtime')\n", hdr);
		goto out;
	}
	if (!is_dir(s->kbuild_dir)) {
		fprintf(stderr, "ERROR: kernel build tree %s not found\n",
			s->kbuild_dir);
		goto out;
	}
	if (write_kbuild(s, inc))
		goto out;
	if (kbuild_replay(s) == 0) {
		rc = 0;
		goto out;
	}
	argv[n++] = "make";
	argv[n++] = "-C";
	argv[n++] = (char *)s->kbuild_dir;
	argv[n++] = mflag;
	/* KCFLAGS also reaches the .mod.c compile, which ccflags-y does not */
	argv[n++] = "KCFLAGS=-g0";
	/*
	 * No BTF for handler modules: pahole needs the DWARF that -g0 leaves
	 * out, and fails where the build tree ships a vmlinux (Debian's 6.12
	 * headers do).  Nothing reads a handler module's types.
	 */
	argv[n++] = "CONFIG_DEBUG_INFO_BTF_MODULES=";
	if (is_file(symvers)) {
		extra = xasprintf("KBUILD_EXTRA_SYMBOLS=%s", symvers);
		argv[n++] = extra;
	} else {
		if (s->verbose)
			fprintf(stderr, "WARNING: %s not found: the module's "
				"stap_* symbols stay unversioned\n", symvers);
		argv[n++] = "KBUILD_MODPOST_WARN=1";
	}
	if (s->verbose > 2)
		argv[n++] = "V=1";
	argv[n++] = "modules";
	argv[n] = NULL;
	rc = run_cmd(argv, s->verbose > 1 ? NULL : log);
	if (rc == 0 && !is_file(s->ko_path))
		rc = -1;
	if (rc) {
		if (s->verbose <= 1)
			show_log(log);
		rc = -1;
	} else {
		kbuild_replay_learn(s);
	}
out:
	free(inc);
	free(symvers);
	free(log);
	free(hdr);
	free(mflag);
	free(extra);
	return rc;
}
