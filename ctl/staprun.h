/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ctl/staprun.h - declarations shared by the files of staprun.
 */
#ifndef _STAPRUN_H
#define _STAPRUN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <stap/ctl.h>

struct kmod_ctx;
struct kmod_module;
struct pollfd;

/* What SystemTap 4.8's staprun exits with when -d finds no zombie: -EINVAL. */
#define EXIT_NOT_ZOMBIE		234

struct staprun {
	/* options */
	int verbose;
	bool no_warnings;		/* -w */
	bool load_only;			/* -L */
	bool attach;			/* -A */
	bool delete_mod;		/* -d */
	bool daemon;			/* -D */
	bool rename;			/* -R */
	int bufsize;			/* -b MB, 0: the module's default */
	const char *target_cmd;		/* -c */
	pid_t target_pid;		/* -x, or the -c child */
	const char *outfile;		/* -o, a strftime(3) pattern */
	unsigned long fsize_max;	/* -S size, bytes; 0: no rotation */
	int fnum_max;			/* -S ,N; 0: keep every file */
	int reader_timeout;		/* -T ms */

	const char *module_arg;		/* MODULE as given */
	char *module_path;		/* the .ko to insert */
	char *modname;			/* the loaded module's name */
	char *modopts;			/* name=value ..., space separated */
	char *insert_path;		/* -R: the renamed copy inserted */

	struct kmod_ctx *kctx;
	struct kmod_module *mod;	/* the handler module, once inserted */

	int ctl_fd;
	struct stap_ctl_transport transport;
	bool started;			/* START replied 0: begin probes ran */
	bool error_seen;		/* an ERROR: message: exit status 1 */
};

extern struct staprun sr;

/* main.c */
void verbose(int level, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *module_name(const char *path, bool kernel_name);

/* opts.c */
void parse_options(int argc, char **argv);

/* perm.c */
int check_permissions(void);
void as_real_user(bool on);

/* load.c */
int load_init(void);
void load_exit(void);
int runtime_ensure(void);
int module_canonical(void);
int module_insert(void);
int module_check_params(void);
int check_bufsize(void);
int module_remove(void);
int module_from_name(void);
void module_put(void);

/* providers.c */
struct kmod_ctx;
struct kmod_module;
int providers_ensure(struct kmod_ctx *ctx, struct kmod_module *mod);

/* rename.c */
int module_rename(void);

/* delete.c */
int delete_modules(void);

/* ctl.c */
int ctl_open(void);
void ctl_close(void);
int ctl_send(uint32_t type, const void *data, size_t len);
/* One message: payload length, -EAGAIN if none, -EPIPE at EOF. */
int ctl_recv(uint32_t *type, void *data, size_t size);

/* output.c */
int output_open(void);
int output_write(const void *p, size_t n);
int output_switch(void);
int output_flush(void);
void output_close(void);

/* relay.c */
int relay_open_all(void);
void relay_close_all(void);
int relay_pollfds(struct pollfd *fds, int max);
int relay_read_all(bool final);
int relay_output(bool final);
int relay_backlog(void);
unsigned int relay_lost(void);

/* target.c */
int target_fork(void);
void target_release(void);
void target_kill(void);
bool target_reap(void);

/* mainloop.c: 0 ended, 1 failed (unload), or one of these (do not) */
#define MAIN_DETACHED	(-1)
#define MAIN_NO_ATTACH	(-2)
int mainloop(void);

#endif /* _STAPRUN_H */
