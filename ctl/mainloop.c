// SPDX-License-Identifier: GPL-2.0
/*
 * ctl/mainloop.c - attach to the session, start it, stream its output and
 * messages until it stops.  SIGINT/SIGTERM/SIGHUP (or the -c command's
 * end) stop it; SIGQUIT detaches and leaves it running; SIGUSR2 moves to
 * the next output file.
 *
 * Returns 0 when the session ended, 1 when it failed (both: unload it),
 * MAIN_DETACHED or MAIN_NO_ATTACH (leave it loaded).
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include "staprun.h"

#define MAX_FDS		1026

enum { RUN_ON, RUN_DONE, RUN_FAILED, RUN_DETACH };

static int sig_fd = -1;
static bool exit_sent;
static struct stap_ctl_exit_reply exit_reply;

static int signals_init(void)
{
	sigset_t set;

	signal(SIGPIPE, SIG_IGN);
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGQUIT);
	sigaddset(&set, SIGUSR2);
	sigaddset(&set, SIGCHLD);
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

static void copy_reply(void *dst, size_t size, const char *data, int n)
{
	memset(dst, 0, size);
	memcpy(dst, data, (size_t)n < size ? (size_t)n : size);
}

static int start_reply(const char *data, int n)
{
	struct stap_ctl_start_reply reply;

	copy_reply(&reply, sizeof(reply), data, n);
	verbose(1, "module started (res %d)\n", reply.res);
	if (reply.res) {
		err("module '%s' failed to start: %s\n", sr.modname,
		    strerror(-reply.res));
		target_kill();
		return RUN_FAILED;
	}
	sr.started = true;
	target_release();
	return RUN_ON;
}

/* Handle every pending control message. */
static int ctl_messages(void)
{
	char data[STAP_CTL_MSG_MAX + 1];
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
			if (start_reply(data, n) != RUN_ON)
				return RUN_FAILED;
			break;
		case STAP_CTL_REQUEST_EXIT:
			verbose(1, "module requests exit\n");
			send_exit();
			break;
		case STAP_CTL_EXIT:
			copy_reply(&exit_reply, sizeof(exit_reply), data, n);
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
	verbose(2, "transport: %u cpus, %u x %u bytes, state %u\n",
		sr.transport.ncpus, sr.transport.n_subbufs,
		sr.transport.subbuf_size, sr.transport.state);
	return 0;
}

static void disconnect_message(void)
{
	fprintf(stderr, "\nDisconnecting from systemtap module.\n"
		"To reconnect, type \"staprun -A %s\"\n", sr.modname);
}

/* A signal: what it asks of the session. */
static int on_signal(int signo)
{
	verbose(1, "signal %d\n", signo);
	switch (signo) {
	case SIGQUIT:
		return exit_sent ? RUN_ON : RUN_DETACH;
	case SIGUSR2:
		if (output_switch())
			send_exit();
		return RUN_ON;
	case SIGCHLD:
		if (target_reap())
			send_exit();
		return RUN_ON;
	default:
		send_exit();
		return RUN_ON;
	}
}

static int signals(void)
{
	struct signalfd_siginfo si;
	int state = RUN_ON;

	while (read(sig_fd, &si, sizeof(si)) == sizeof(si))
		if (on_signal(si.ssi_signo) == RUN_DETACH)
			state = RUN_DETACH;
	return state;
}

static int stream(void)
{
	struct pollfd fds[MAX_FDS];
	int state = RUN_ON, n;

	while (state == RUN_ON) {
		fds[0].fd = sr.ctl_fd;
		fds[0].events = POLLIN;
		fds[1].fd = sig_fd;
		fds[1].events = POLLIN;
		n = 2 + relay_pollfds(fds + 2, MAX_FDS - 2);
		if (poll(fds, n, sr.reader_timeout) < 0 && errno != EINTR) {
			err("poll: %s\n", strerror(errno));
			return RUN_FAILED;
		}
		state = signals();
		if (state == RUN_ON)
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

/* Print the daemon's pid, as 4.8, then leave the terminal. */
static int daemonize(void)
{
	int fd;

	fflush(NULL);
	if (daemon(1, 1)) {
		err("Failed to daemonize stapio\n");
		return -1;
	}
	printf("%d\n", getpid());
	fflush(stdout);
	fd = open("/dev/null", O_RDWR);
	if (fd >= 0) {
		dup2(fd, 0);
		dup2(fd, 1);
		dup2(fd, 2);
		if (fd > 2)
			close(fd);
	}
	return 0;
}

/* Begin the session as the transport found it. */
static int begin(void)
{
	struct stap_ctl_start start = { .target = sr.target_pid };

	if (ctl_send(STAP_CTL_READY, NULL, 0))
		goto fail;
	switch (sr.transport.state) {
	case STAP_CTL_S_LOADED:
		if (ctl_send(STAP_CTL_START, &start, sizeof(start)))
			goto fail;
		return 0;
	case STAP_CTL_S_RUNNING:
		return relay_backlog();
	default:
		send_exit();
		return 0;
	}
fail:
	err("Couldn't start module '%s': %s\n", sr.modname, strerror(errno));
	return -1;
}

/* Everything the module wrote before its EXIT reply, and what was lost. */
static void finish(int state)
{
	unsigned long long n;

	/* Detached, the rest stays in the buffers for the next staprun -A. */
	if (state == RUN_DETACH) {
		relay_output(false);
		return;
	}
	relay_read_all(true);
	relay_output(true);
	if (state != RUN_DONE)
		return;
	n = exit_reply.lost_records + relay_lost();
	if (n || exit_reply.lost_bytes) {
		char text[128];
		int len = snprintf(text, sizeof(text),
				   "WARNING: There were %llu lost messages and %llu lost bytes.\n",
				   n, (unsigned long long)exit_reply.lost_bytes);
		oob(text, len);
	}
}

/* -L: start the session, then leave it running. */
static int load_only(void)
{
	struct stap_ctl_start start = { .target = sr.target_pid };
	struct pollfd p = { .fd = sr.ctl_fd, .events = POLLIN };
	int state = RUN_ON;

	if (ctl_send(STAP_CTL_START, &start, sizeof(start))) {
		err("Couldn't start module '%s': %s\n", sr.modname,
		    strerror(errno));
		return 1;
	}
	while (state == RUN_ON && !sr.started) {
		poll(&p, 1, sr.reader_timeout);
		state = ctl_messages();
	}
	if (state != RUN_ON)
		return 1;
	disconnect_message();
	return MAIN_DETACHED;
}

static int session(void)
{
	int state;

	if (sr.load_only)
		return load_only();
	if (relay_open_all() || output_open())
		return 1;
	if (sr.daemon && daemonize())
		return 1;
	if (sr.target_cmd && target_fork())
		return 1;
	if (begin()) {
		target_kill();
		return 1;
	}
	state = stream();
	finish(state);
	if (state == RUN_DETACH) {
		disconnect_message();
		return MAIN_DETACHED;
	}
	return state == RUN_FAILED ? 1 : 0;
}

int mainloop(void)
{
	int rc;

	if (signals_init()) {
		err("signals: %s\n", strerror(errno));
		return 1;
	}
	if (ctl_open())
		return sr.attach ? MAIN_NO_ATTACH : 1;
	rc = wait_transport() ? 1 : session();
	output_close();
	relay_close_all();
	ctl_close();
	close(sig_fd);
	return rc;
}
