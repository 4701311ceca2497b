// SPDX-License-Identifier: GPL-2.0
/*
 * ctl/load.c - module loading with libkmod: the resident runtime
 * (systemtap.ko) and the handler module, and the handler's removal.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include <libkmod.h>

#include "staprun.h"

int load_init(void)
{
	sr.kctx = kmod_new(NULL, NULL);
	if (!sr.kctx) {
		err("libkmod: cannot create a context\n");
		return -1;
	}
	kmod_set_log_priority(sr.kctx, 0);
	return 0;
}

void load_exit(void)
{
	if (sr.mod)
		kmod_module_unref(sr.mod);
	sr.mod = NULL;
	kmod_unref(sr.kctx);
	sr.kctx = NULL;
}

/* SystemTap's wording for init_module() failures. */
static const char *insert_reason(int e)
{
	switch (e) {
	case ENOEXEC:
		return "Invalid module format";
	case ENOENT:
		return "Unknown symbol in module";
	case ESRCH:
		return "Module has wrong symbol version";
	case EINVAL:
		return "Invalid parameters";
	default:
		return strerror(e);
	}
}

/* From /lib/modules/$(uname -r): modprobe semantics. */
static int runtime_from_modules(void)
{
	struct kmod_list *list = NULL, *l;
	int rc = -ENOENT;

	if (kmod_module_new_from_lookup(sr.kctx, "systemtap", &list) < 0)
		return -ENOENT;
	kmod_list_foreach(l, list) {
		struct kmod_module *m = kmod_module_get_module(l);

		if (!kmod_module_get_path(m)) {
			kmod_module_unref(m);
			continue;
		}
		verbose(1, "inserting %s\n", kmod_module_get_path(m));
		rc = kmod_module_probe_insert_module(m, 0, NULL, NULL, NULL,
						     NULL);
		if (rc < 0 && rc != -EEXIST)
			err("Couldn't insert module '%s': %s\n",
			    kmod_module_get_path(m), insert_reason(-rc));
		else
			rc = 0;
		kmod_module_unref(m);
		break;
	}
	kmod_module_unref_list(list);
	return rc;
}

/* From the build or install tree: <bindir>/../share/stap/runtime/KVER/. */
static int runtime_from_tree(char *path, size_t size)
{
	struct kmod_module *m;
	char exe[PATH_MAX];
	struct utsname u;
	ssize_t n;
	int rc;

	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n < 0 || uname(&u))
		return -ENOENT;
	exe[n] = '\0';
	snprintf(path, size, "%s/../share/stap/runtime/%s/systemtap.ko",
		 dirname(exe), u.release);
	if (access(path, R_OK))
		return -ENOENT;
	rc = kmod_module_new_from_path(sr.kctx, path, &m);
	if (rc < 0)
		return rc;
	verbose(1, "inserting %s\n", path);
	rc = kmod_module_insert_module(m, 0, "");
	kmod_module_unref(m);
	if (rc < 0 && rc != -EEXIST) {
		err("Couldn't insert module '%s': %s\n", path,
		    insert_reason(-rc));
		return rc;
	}
	return 0;
}

int runtime_ensure(void)
{
	char path[PATH_MAX + 64];
	struct utsname u;
	int rc;

	if (access("/sys/module/systemtap", F_OK) == 0) {
		verbose(2, "runtime systemtap.ko already loaded\n");
		return 0;
	}
	rc = runtime_from_modules();
	if (rc != -ENOENT)
		return rc;
	rc = runtime_from_tree(path, sizeof(path));
	if (rc != -ENOENT)
		return rc;
	uname(&u);
	err("Couldn't find the systemtap runtime: no module 'systemtap' under /lib/modules/%s and no %s\n",
	    u.release, path);
	return -1;
}

/* 4.8 canonicalizes the path first; ENOENT reads "Unknown symbol". */
int module_canonical(void)
{
	char *real = realpath(sr.module_path, NULL);

	if (!real) {
		int e = errno;

		err("Unable to canonicalize path \"%s\": %s\n", sr.module_path,
		    strerror(e));
		err("Couldn't insert module '%s': %s\n", sr.module_path,
		    insert_reason(e));
		return -1;
	}
	verbose(2, "module path canonicalized to '%s'\n", real);
	free(real);
	return 0;
}

/*
 * Why the kernel refused a handler module, where 4.8's one word is not
 * enough: built for another kernel (its vermagic), or for another handler
 * ABI of systemtap.ko (the runtime refuses it with EPROTO and logs both
 * versions).
 */
static void insert_hint(int e)
{
	struct kmod_list *info = NULL, *l;
	struct utsname u;

	if (e == EPROTO) {
		err("Module '%s' was built for another version of the systemtap runtime; rebuild it with this stap (the kernel log has both versions).\n",
		    sr.modname);
		return;
	}
	if (e != ENOEXEC || kmod_module_get_info(sr.mod, &info) < 0)
		return;
	uname(&u);
	kmod_list_foreach(l, info) {
		const char *v = kmod_module_info_get_value(l);
		size_t n = strlen(u.release);

		if (strcmp(kmod_module_info_get_key(l), "vermagic") || !v)
			continue;
		if (strncmp(v, u.release, n) || (v[n] && v[n] != ' '))
			err("Module '%s' was built for kernel %.*s, not for the running kernel %s.\n",
			    sr.modname, (int)strcspn(v, " "), v, u.release);
		break;
	}
	kmod_module_info_free_list(info);
}

int module_insert(void)
{
	const char *path = sr.insert_path ? sr.insert_path : sr.module_path;
	int rc;

	rc = kmod_module_new_from_path(sr.kctx, path, &sr.mod);
	if (rc < 0) {
		err("Couldn't insert module '%s': %s\n", sr.module_path,
		    strerror(-rc));
		return -1;
	}
	if (providers_ensure(sr.kctx, sr.mod)) {
		kmod_module_unref(sr.mod);
		sr.mod = NULL;
		return -1;
	}
	verbose(1, "inserting %s%s%s\n", path, *sr.modopts ? " " : "",
		sr.modopts);
	rc = kmod_module_insert_module(sr.mod, 0, sr.modopts);
	if (rc < 0) {
		err("Couldn't insert module '%s': %s\n", sr.module_path,
		    insert_reason(-rc));
		insert_hint(-rc);
		if (rc == -EEXIST)
			err("Rerun with staprun option '-R' to rename this module.\n");
		kmod_module_unref(sr.mod);
		sr.mod = NULL;
		return -1;
	}
	verbose(1, "Module %s inserted from file %s\n", sr.modname, path);
	return 0;
}

void module_put(void)
{
	if (sr.mod)
		kmod_module_unref(sr.mod);
	sr.mod = NULL;
}

/* -A: the loaded module, to remove it at the end. */
int module_from_name(void)
{
	int rc = kmod_module_new_from_name(sr.kctx, sr.modname, &sr.mod);

	if (rc < 0) {
		err("libkmod: %s\n", strerror(-rc));
		return -1;
	}
	return 0;
}

int module_remove(void)
{
	struct timespec ts = { 0, 100 * 1000 * 1000 };
	int i, rc = 0;

	if (!sr.mod)
		return 0;
	verbose(1, "removing module %s\n", sr.modname);
	for (i = 0; i < 10; i++) {
		rc = kmod_module_remove_module(sr.mod, KMOD_REMOVE_NOWAIT);
		if (rc != -EAGAIN && rc != -EBUSY && rc != -EINTR)
			break;
		nanosleep(&ts, NULL);
	}
	if (rc < 0 && rc != -ENOENT) {
		err("Couldn't remove module '%s': %s.\n", sr.modname,
		    strerror(-rc));
		return -1;
	}
	return 0;
}
