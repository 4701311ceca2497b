/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ctl/staprun.h - declarations shared by the files of staprun.
 */
#ifndef _STAPRUN_H
#define _STAPRUN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stap/ctl.h>

struct kmod_ctx;
struct kmod_module;
struct pollfd;

struct staprun {
	int verbose;
	bool no_warnings;		/* -w */
	const char *module_path;
	char *modname;
	char *modopts;			/* name=value ..., space separated */

	struct kmod_ctx *kctx;
	struct kmod_module *mod;	/* the handler module, once inserted */

	int ctl_fd;
	struct stap_ctl_transport transport;
	bool error_seen;		/* an ERROR: message: exit status 1 */
};

extern struct staprun sr;

/* main.c */
void verbose(int level, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* load.c */
int load_init(void);
void load_exit(void);
int runtime_ensure(void);
int module_insert(void);
int module_remove(void);

/* ctl.c */
int ctl_open(void);
void ctl_close(void);
int ctl_send(uint32_t type, const void *data, size_t len);
/* One message: payload length, -EAGAIN if none, -EPIPE at EOF. */
int ctl_recv(uint32_t *type, void *data, size_t size);

/* relay.c */
int relay_open_all(void);
void relay_close_all(void);
int relay_pollfds(struct pollfd *fds, int max);
int relay_read_all(bool final);
int relay_output(bool final);
unsigned int relay_lost(void);

/* mainloop.c */
int mainloop(void);

#endif /* _STAPRUN_H */
