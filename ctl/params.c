// SPDX-License-Identifier: GPL-2.0
/*
 * ctl/params.c - module options checked before the module is inserted:
 * names against the parameters the module declares, and -b against the
 * memory there is.
 *
 * The kernel inserts a module given an unknown parameter and only logs
 * "unknown parameter 'x' ignored"; SystemTap 4.8 exits 0 with the option
 * silently lost.  A misspelt name is a user's error: staprun names it and
 * loads nothing.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libkmod.h>

#include "staprun.h"

/* As the kernel's parameq(): '-' and '_' are the same in a name. */
static bool name_eq(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t i;

	if (alen != blen)
		return false;
	for (i = 0; i < alen; i++) {
		char x = a[i] == '-' ? '_' : a[i], y = b[i] == '-' ? '_' : b[i];

		if (x != y)
			return false;
	}
	return true;
}

/*
 * Is name (len bytes) a "parmtype=NAME:TYPE" (or a described
 * "parm=NAME:TEXT") of the module's modinfo?
 */
static bool declared(struct kmod_list *info, const char *name, size_t len)
{
	struct kmod_list *l;

	kmod_list_foreach(l, info) {
		const char *v, *colon;
		const char *key = kmod_module_info_get_key(l);

		if (strcmp(key, "parmtype") && strcmp(key, "parm"))
			continue;
		v = kmod_module_info_get_value(l);
		colon = v ? strchr(v, ':') : NULL;
		if (colon && name_eq(v, colon - v, name, len))
			return true;
	}
	return false;
}

/*
 * The next "name[=value]" of opts, as the kernel's next_arg() splits them
 * (double quotes keep spaces); *len is the name's length.
 */
static const char *next_option(const char *p, const char **name, size_t *len)
{
	bool quoted = false;

	while (*p == ' ')
		p++;
	if (!*p)
		return NULL;
	*name = p;
	*len = strcspn(p, "= ");
	for (; *p && (quoted || *p != ' '); p++)
		if (*p == '"')
			quoted = !quoted;
	return p;
}

/* Before anything is loaded: every option names a parameter of the module. */
int module_check_params(void)
{
	struct kmod_list *info = NULL;
	struct kmod_module *mod;
	const char *p = sr.modopts, *name;
	size_t len;
	int rc = 0;

	if (!p || !*p)
		return 0;
	if (kmod_module_new_from_path(sr.kctx, sr.module_path, &mod) < 0)
		mod = NULL;
	if (!mod || kmod_module_get_info(mod, &info) < 0) {
		err("Couldn't insert module '%s': cannot read its parameters\n",
		    sr.module_path);
		if (mod)
			kmod_module_unref(mod);
		return -1;
	}
	while ((p = next_option(p, &name, &len))) {
		if (declared(info, name, len))
			continue;
		err("'%.*s' is not a parameter of module '%s'\n", (int)len,
		    name, sr.modname);
		rc = -1;
	}
	kmod_module_info_free_list(info);
	kmod_module_unref(mod);
	return rc;
}

/* MemAvailable of /proc/meminfo, in MB; 0 when unknown. */
static unsigned long mem_available_mb(void)
{
	unsigned long kb = 0;
	char line[128];
	FILE *f = fopen("/proc/meminfo", "r");

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "MemAvailable: %lu kB", &kb) == 1)
			break;
	fclose(f);
	return kb >> 10;
}

/*
 * -b N: N MB per CPU in the kernel and as much again here to read them.
 * Beyond the available memory that ends in the OOM killer after minutes
 * (SystemTap's fate); refuse it at once instead.
 */
int check_bufsize(void)
{
	unsigned long avail = mem_available_mb(), cpus, need;

	if (!sr.bufsize || !avail)
		return 0;
	cpus = sysconf(_SC_NPROCESSORS_ONLN);
	need = (unsigned long)sr.bufsize * cpus * 2;
	if (need <= avail)
		return 0;
	err("Buffer size %d MB per CPU needs %lu MB (%lu CPUs, kernel and staprun), but only %lu MB of memory is available.\n",
	    sr.bufsize, need, cpus, avail);
	return -1;
}
