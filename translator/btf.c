// SPDX-License-Identifier: GPL-2.0
/*
 * translator/btf.c - BTF of a kernel that is not running.
 *
 * /sys/kernel/btf/vmlinux only describes the running kernel.  For another
 * release we decompress the vmlinux inside /boot/vmlinuz-KVER (bzImage
 * payload: xz, gzip or zstd, found by its magic), take its .BTF section
 * with libelf and keep the raw BTF in the cache as btf-KVER.raw, so the
 * slow extraction happens once per kernel.
 */
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <gelf.h>
#include <libelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <bpf/btf.h>

#include "session.h"

static struct btf *btf;
static bool btf_tried;

struct codec {
	const unsigned char magic[6];
	size_t len;
	const char *argv0;
	const char *arg;
};

static const struct codec codecs[] = {
	{ { 0xfd, '7', 'z', 'X', 'Z', 0 }, 6, "xz", "-dcq --single-stream" },
	{ { 0x28, 0xb5, 0x2f, 0xfd }, 4, "zstd", "-dcq" },
	{ { 0x1f, 0x8b, 0x08 }, 3, "gzip", "-dcq" },
};

/* Run a decompressor with stdin and stdout on files; trailing junk is ok. */
static int decompress(const struct codec *c, const char *in, const char *out)
{
	pid_t pid = fork();
	int status;

	if (pid < 0)
		return -1;
	if (pid == 0) {
		int fi = open(in, O_RDONLY), fo = open(out, O_WRONLY | O_CREAT |
						       O_TRUNC, 0600);
		int fe = open("/dev/null", O_WRONLY);
		char *args = xstrdup(c->arg), *a2 = strchr(args, ' ');

		if (fi < 0 || fo < 0 || fe < 0)
			_exit(127);
		/* trailing bytes after the payload make them complain */
		dup2(fi, 0);
		dup2(fo, 1);
		dup2(fe, 2);
		if (a2)
			*a2++ = 0;
		execlp(c->argv0, c->argv0, args, a2, (char *)NULL);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return 0;
}

/* Copy the .BTF section of an ELF file to out; 0 on success. */
static int extract_btf(const char *elf_path, const char *out)
{
	int fd = open(elf_path, O_RDONLY), rc = -1;
	Elf_Scn *scn = NULL;
	size_t shstrndx;
	Elf *e;

	if (fd < 0)
		return -1;
	elf_version(EV_CURRENT);
	e = elf_begin(fd, ELF_C_READ, NULL);
	if (!e || elf_getshdrstrndx(e, &shstrndx))
		goto out;
	while ((scn = elf_nextscn(e, scn))) {
		GElf_Shdr sh;
		const char *name;
		Elf_Data *d;

		if (!gelf_getshdr(scn, &sh))
			continue;
		name = elf_strptr(e, shstrndx, sh.sh_name);
		if (!name || strcmp(name, ".BTF"))
			continue;
		d = elf_getdata(scn, NULL);
		if (d && d->d_size)
			rc = write_file(out, d->d_buf, d->d_size);
		break;
	}
out:
	if (e)
		elf_end(e);
	close(fd);
	return rc;
}

static void *memmem_from(const char *buf, size_t len, size_t from,
			 const unsigned char *m, size_t mlen)
{
	return from < len ? memmem(buf + from, len - from, m, mlen) : NULL;
}

/* Try every compressed payload candidate in the bzImage. */
static int vmlinuz_to_btf(struct session *s, const char *raw)
{
	char *img_path = xasprintf("/boot/vmlinuz-%s", s->kver);
	/* Beside the cache file: -l and -L make no temporary directory. */
	char *payload = xasprintf("%s.z", raw);
	char *elf = xasprintf("%s.elf", raw);
	size_t len, i;
	char *img = read_file(img_path, &len);
	int rc = -1;

	for (i = 0; img && rc && i < ARRAY_LEN(codecs); i++) {
		const char *hit = memmem_from(img, len, 0, codecs[i].magic,
					      codecs[i].len);

		if (!hit)
			continue;
		if (write_file(payload, hit, img + len - hit) ||
		    decompress(&codecs[i], payload, elf))
			continue;
		rc = extract_btf(elf, raw);
	}
	unlink(payload);
	unlink(elf);
	free(img);
	free(img_path);
	free(payload);
	free(elf);
	return rc;
}

static struct btf *load_btf(struct session *s)
{
	char *dir = xasprintf("%s/cache", s->stap_dir);
	char *raw = xasprintf("%s/btf-%s.raw", dir, s->kver);
	char *tmp = xasprintf("%s.%d", raw, (int)getpid());
	struct btf *b = NULL;

	if (!is_file(raw)) {
		if (s->verbose > 1)
			fprintf(stderr, "Extracting BTF of %s into %s\n",
				s->kver, raw);
		if (mkdir_p(dir) || vmlinuz_to_btf(s, tmp) || rename(tmp, raw))
			unlink(tmp);
	}
	if (is_file(raw)) {
		b = btf__parse_raw(raw);
		if (!b || (unsigned long)b >= (unsigned long)-4095)
			b = NULL;	/* NULL or ERR_PTR by libbpf mode */
	}
	free(dir);
	free(raw);
	free(tmp);
	return b;
}

/* The running kernel's own, else the one out of /boot/vmlinuz-KVER. */
struct btf *kernel_btf(struct session *s)
{
	if (btf_tried)
		return btf;
	btf_tried = true;
	if (s->kver_running) {
		btf = btf__parse("/sys/kernel/btf/vmlinux", NULL);
		if (!btf || (unsigned long)btf >= (unsigned long)-4095)
			btf = NULL;
	}
	if (!btf)
		btf = load_btf(s);
	return btf;
}

/* 1 found, 0 not found, -1 no BTF for this kernel */
int btf_has_function(struct session *s, const char *name)
{
	if (!kernel_btf(s))
		return -1;
	return btf__find_by_name_kind(btf, name, BTF_KIND_FUNC) > 0;
}

/* Every function BTF describes whose name matches glob, sorted. */
void btf_functions(struct session *s, const char *glob, struct vec *out)
{
	__u32 id, n;

	if (!kernel_btf(s))
		return;
	n = btf__type_cnt(btf);
	for (id = 1; id < n; id++) {
		const struct btf_type *t = btf__type_by_id(btf, id);
		const char *name;

		if (!btf_is_func(t))
			continue;
		name = btf__name_by_offset(btf, t->name_off);
		if (name && !fnmatch(glob, name, 0))
			vec_push(out, xstrdup(name));
	}
}
