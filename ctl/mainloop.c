// SPDX-License-Identifier: GPL-2.0
/*
 * ctl/mainloop.c - attach to the session, start it, stream its output and
 * messages until it stops; signals ask it to stop.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include "staprun.h"

#define POLL_MS		200
#define MAX_FDS		1026

static int sig_fd = -1;
static bool exit_sent;

static int signals_init(void)
{
	sigset_t set;

	signal(SIGPIPE, SIG_IGN);
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	if (sigprocmask(SIG_BLOCK, &set, NULL))
		return -1;
	sig_fd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
	return sig_fd < 0 ? -1 : 0;
}

static void send_exit(void)
{
	if (exit_sent)
		return;
	verbose(1, "sending EXIT\n");
	if (ctl_send(STAP_CTL_EXIT, NULL, 0))
		err("Couldn't ask module '%s' to stop: %s\n", sr.modname,
		    strerror(errno));
	exit_sent = true;
}

/* "WARNING: ..." / "ERROR: ..." text, on its own line(s). */
static void oob(const char *text, int len)
{
	bool warning = len >= 9 && !strncmp(text, "WARNING: ", 9);

	if (len >= 7 && !strncmp(text, "ERROR: ", 7))
		sr.error_seen = true;
	if (warning && sr.no_warnings)
		return;
	fwrite(text, 1, len, stderr);
	if (len && text[len - 1] != '\n')
		fputc('\n', stderr);
	fflush(stderr);
}

enum { RUN_ON, RUN_DONE, RUN_FAILED };

/* Handle every pending control message. */
static int ctl_messages(void)
{
	char data[STAP_CTL_MSG_MAX + 1];
	struct stap_ctl_start_reply reply;
	uint32_t type;
	int n;

	for (;;) {
		n = ctl_recv(&type, data, STAP_CTL_MSG_MAX);
		if (n == -EAGAIN)
			return RUN_ON;
		if (n < 0) {
			err("module '%s' went away\n", sr.modname);
			return RUN_FAILED;
		}
		switch (type) {
		case STAP_CTL_OOB_DATA:
			oob(data, n);
			break;
		case STAP_CTL_START:
			memset(&reply, 0, sizeof(reply));
			memcpy(&reply, data,
			       (size_t)n < sizeof(reply) ? (size_t)n :
			       sizeof(reply));
			verbose(1, "module started (res %d)\n", reply.res);
			if (reply.res) {
				err("module '%s' failed to start: %s\n",
				    sr.modname, strerror(-reply.res));
				return RUN_FAILED;
			}
			break;
		case STAP_CTL_REQUEST_EXIT:
			verbose(1, "module requests exit\n");
			send_exit();
			break;
		case STAP_CTL_EXIT:
			verbose(1, "module stopped\n");
			return RUN_DONE;
		case STAP_CTL_TRANSPORT:
			break;
		default:
			verbose(1, "ignoring message type %#x\n", type);
		}
	}
}

static int wait_transport(void)
{
	struct pollfd p = { .fd = sr.ctl_fd, .events = POLLIN };
	uint32_t type;
	int n;

	for (;;) {
		n = ctl_recv(&type, &sr.transport, sizeof(sr.transport));
		if (n == -EAGAIN) {
			if (poll(&p, 1, 5000) <= 0) {
				err("no reply from module '%s'\n", sr.modname);
				return -1;
			}
			continue;
		}
		if (n < 0 || type != STAP_CTL_TRANSPORT ||
		    n < (int)sizeof(sr.transport)) {
			err("module '%s': unexpected control message\n",
			    sr.modname);
			return -1;
		}
		break;
	}
	if (sr.transport.ctl_version != STAP_CTL_VERSION) {
		err("module '%s' speaks control version %u, staprun %u\n",
		    sr.modname, sr.transport.ctl_version, STAP_CTL_VERSION);
		return -1;
	}
	verbose(2, "transport: %u cpus, %u x %u bytes\n", sr.transport.ncpus,
		sr.transport.n_subbufs, sr.transport.subbuf_size);
	return 0;
}

static int run(void)
{
	struct stap_ctl_start start = { .target = 0 };
	struct pollfd fds[MAX_FDS];
	struct signalfd_siginfo si;
	int state = RUN_ON, n;

	if (ctl_send(STAP_CTL_READY, NULL, 0) ||
	    ctl_send(STAP_CTL_START, &start, sizeof(start))) {
		err("Couldn't start module '%s': %s\n", sr.modname,
		    strerror(errno));
		return RUN_FAILED;
	}
	while (state == RUN_ON) {
		fds[0].fd = sr.ctl_fd;
		fds[0].events = POLLIN;
		fds[1].fd = sig_fd;
		fds[1].events = POLLIN;
		n = 2 + relay_pollfds(fds + 2, MAX_FDS - 2);
		if (poll(fds, n, POLL_MS) < 0 && errno != EINTR) {
			err("poll: %s\n", strerror(errno));
			return RUN_FAILED;
		}
		while (read(sig_fd, &si, sizeof(si)) == sizeof(si)) {
			verbose(1, "signal %u\n", si.ssi_signo);
			send_exit();
		}
		state = ctl_messages();
		/* Relay wakes pollers only at sub-buffer ends: read always. */
		if (relay_read_all(false) || relay_output(false)) {
			if (!exit_sent)
				verbose(1, "output failed, stopping\n");
			send_exit();
		}
	}
	return state;
}

int mainloop(void)
{
	int state, rc = 0;

	if (signals_init()) {
		err("signals: %s\n", strerror(errno));
		return 1;
	}
	if (ctl_open() || wait_transport() || relay_open_all()) {
		relay_close_all();
		ctl_close();
		return 1;
	}
	state = run();

	/* Everything the module wrote before its EXIT reply. */
	relay_read_all(true);
	relay_output(true);
	if (relay_lost()) {
		char text[96];
		int n = snprintf(text, sizeof(text),
				 "WARNING: There were %u lost messages.\n",
				 relay_lost());
		oob(text, n);
	}
	relay_close_all();
	ctl_close();
	close(sig_fd);
	if (state == RUN_FAILED)
		rc = 1;
	return rc;
}
