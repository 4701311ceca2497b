// SPDX-License-Identifier: GPL-2.0
/*
 * ctl/providers.c - the probe types a handler module needs from provider
 * modules outside systemtap.ko.  stap records each in the module's
 * modinfo ("stap_provider=NAME"); its handlers call the provider's
 * accessors, so without the provider the kernel would refuse the module
 * with a bare "Unknown symbol".  Before the insert, each type not in
 * /proc/systemtap/probe_types is loaded by its documented alias
 * (stap-probe-NAME, modprobe semantics); a type still missing is an error
 * that names it.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <libkmod.h>
#include <stap/ctl.h>

#include "staprun.h"

#define STAP_PROBE_TYPE_ALIAS_PREFIX	"stap-probe-"

static bool type_registered(const char *name)
{
	FILE *f = fopen("/proc/systemtap/" STAP_PROC_PROBE_TYPES, "r");
	char line[256];
	bool found = false;

	if (!f)
		return false;
	while (!found && fgets(line, sizeof(line), f)) {
		size_t n = strcspn(line, " \n");

		found = n == strlen(name) && !strncmp(line, name, n);
	}
	fclose(f);
	return found;
}

/* modprobe stap-probe-NAME; 0 when something was inserted. */
static int provider_load(struct kmod_ctx *ctx, const char *name)
{
	struct kmod_list *list = NULL, *l;
	char alias[256];
	int rc = -ENOENT;

	snprintf(alias, sizeof(alias), STAP_PROBE_TYPE_ALIAS_PREFIX "%s", name);
	if (kmod_module_new_from_lookup(ctx, alias, &list) < 0)
		return -ENOENT;
	kmod_list_foreach(l, list) {
		struct kmod_module *m = kmod_module_get_module(l);

		verbose(1, "inserting %s for probe type '%s'\n",
			kmod_module_get_name(m), name);
		rc = kmod_module_probe_insert_module(m, 0, NULL, NULL, NULL,
						     NULL);
		kmod_module_unref(m);
		if (rc >= 0)
			break;
	}
	kmod_module_unref_list(list);
	return rc < 0 ? rc : 0;
}

int providers_ensure(struct kmod_ctx *ctx, struct kmod_module *mod)
{
	struct kmod_list *info = NULL, *l;
	int rc = 0;

	if (kmod_module_get_info(mod, &info) < 0)
		return 0;	/* the insert says what is wrong */
	kmod_list_foreach(l, info) {
		const char *v = kmod_module_info_get_value(l);

		if (strcmp(kmod_module_info_get_key(l), "stap_provider") || !v ||
		    type_registered(v))
			continue;
		provider_load(ctx, v);
		if (type_registered(v))
			continue;
		err("probe type '%s' is not registered: no module provides "
		    STAP_PROBE_TYPE_ALIAS_PREFIX "%s; load its provider first\n",
		    v, v);
		rc = -1;
		break;
	}
	kmod_module_info_free_list(info);
	return rc;
}
