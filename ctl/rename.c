// SPDX-License-Identifier: GPL-2.0
/*
 * ctl/rename.c - staprun -R: give the module a name of the same length,
 * <first part of the old name>_<pid>, so one .ko can be loaded twice.
 *
 * The kernel takes the name from struct module in .gnu.linkonce.this_module
 * (and, on newer kernels, from "name=" in .modinfo), so both are patched in
 * a copy of the image written to NEWNAME.ko in a private directory.
 */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "staprun.h"

struct image {
	char *data;
	size_t size;
};

static int read_image(struct image *im)
{
	struct stat st;
	int fd = open(sr.module_path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0 || fstat(fd, &st)) {
		err("Couldn't open module '%s': %s\n", sr.module_path,
		    strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	im->size = st.st_size;
	im->data = malloc(im->size ? im->size : 1);
	n = im->data ? read(fd, im->data, im->size) : -1;
	close(fd);
	if (n != (ssize_t)im->size) {
		err("Error allocating memory to read '%s'\n", sr.module_path);
		return -1;
	}
	return 0;
}

/* The file bytes of section NAME, or NULL. */
static char *section(Elf *elf, struct image *im, const char *name,
		     size_t *len)
{
	Elf_Scn *scn = NULL;
	GElf_Shdr sh;
	size_t shstrndx;
	const char *n;

	if (elf_getshdrstrndx(elf, &shstrndx))
		return NULL;
	while ((scn = elf_nextscn(elf, scn))) {
		if (!gelf_getshdr(scn, &sh))
			return NULL;
		n = elf_strptr(elf, shstrndx, sh.sh_name);
		if (!n || strcmp(n, name) || sh.sh_type == SHT_NOBITS ||
		    sh.sh_offset + sh.sh_size > im->size)
			continue;
		*len = sh.sh_size;
		return im->data + sh.sh_offset;
	}
	return NULL;
}

/* Replace the NUL-terminated OLD (after PREFIX) in [p, p+len) by NEW. */
static bool patch(char *p, size_t len, const char *prefix, const char *old,
		  const char *new)
{
	size_t pl = strlen(prefix), ol = strlen(old) + 1;
	size_t i;

	for (i = 0; i + pl + ol <= len; i++) {
		if ((i && prefix[0] && p[i - 1]) ||
		    memcmp(p + i, prefix, pl) || memcmp(p + i + pl, old, ol))
			continue;
		memcpy(p + i + pl, new, ol - 1);
		return true;
	}
	return false;
}

static int patch_image(struct image *im, const char *newname)
{
	Elf *elf;
	char *p;
	size_t len;
	int rc = -1;

	elf_version(EV_CURRENT);
	elf = elf_memory(im->data, im->size);
	if (!elf) {
		err("Error getting section header.\n");
		return -1;
	}
	p = section(elf, im, ".gnu.linkonce.this_module", &len);
	if (!p)
		err("Section name \".gnu.linkonce.this_module\" not found in module.\n");
	else if (!patch(p, len, "", sr.modname, newname))
		err("Could not find old name to replace!\n");
	else
		rc = 0;
	p = section(elf, im, ".modinfo", &len);
	if (!rc && p)
		patch(p, len, "name=", sr.modname, newname);
	elf_end(elf);
	return rc;
}

static int write_image(struct image *im, const char *newname)
{
	char dir[] = "/tmp/staprunXXXXXX";
	int fd;

	if (!mkdtemp(dir) ||
	    asprintf(&sr.insert_path, "%s/%s.ko", dir, newname) < 0) {
		err("Couldn't create a temporary directory: %s\n",
		    strerror(errno));
		return -1;
	}
	fd = open(sr.insert_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
		  0600);
	if (fd < 0 || write(fd, im->data, im->size) != (ssize_t)im->size) {
		err("Couldn't write '%s': %s\n", sr.insert_path,
		    strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	close(fd);
	return 0;
}

int module_rename(void)
{
	char newname[64], pid[16];
	struct image im = { NULL, 0 };
	int keep, rc = -1;

	snprintf(pid, sizeof(pid), "%d", getpid());
	keep = (int)strlen(sr.modname) - (int)strlen(pid) - 1;
	if (keep < 1) {
		err("Old module name '%s' is too short for renaming, ignoring -R.\n",
		    sr.modname);
		return 0;
	}
	snprintf(newname, sizeof(newname), "%.*s_%s", keep, sr.modname, pid);
	if (read_image(&im) || patch_image(&im, newname) ||
	    write_image(&im, newname))
		goto out;
	verbose(1, "Renamed module to '%s'\n", newname);
	free(sr.modname);
	sr.modname = strdup(newname);
	setenv("SYSTEMTAP_MODULE", newname, 1);
	rc = sr.modname ? 0 : -1;
out:
	free(im.data);
	return rc;
}
