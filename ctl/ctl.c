// SPDX-License-Identifier: GPL-2.0
/*
 * ctl/ctl.c - the control channel, /proc/systemtap/MOD/.cmd: one message
 * per read() and per write().
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "staprun.h"

int ctl_open(void)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "/proc/systemtap/%s/.cmd", sr.modname);
	sr.ctl_fd = open(path, O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (sr.ctl_fd < 0) {
		if (sr.attach || sr.delete_mod)
			err("Cannot attach to module %s control channel; not running?\n",
			    sr.modname);
		else if (errno == EBUSY)
			err("Couldn't open control channel '%s': another staprun is attached\n",
			    path);
		else
			err("Couldn't open control channel '%s': %s\n", path,
			    strerror(errno));
		return -1;
	}
	return 0;
}

void ctl_close(void)
{
	if (sr.ctl_fd >= 0)
		close(sr.ctl_fd);
	sr.ctl_fd = -1;
}

int ctl_send(uint32_t type, const void *data, size_t len)
{
	char buf[sizeof(uint32_t) + STAP_CTL_MSG_MAX];
	ssize_t n;

	if (len > STAP_CTL_MSG_MAX)
		return -EINVAL;
	memcpy(buf, &type, sizeof(type));
	if (len)
		memcpy(buf + sizeof(type), data, len);
	do {
		n = write(sr.ctl_fd, buf, sizeof(type) + len);
	} while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	return 0;
}

int ctl_recv(uint32_t *type, void *data, size_t size)
{
	char buf[sizeof(uint32_t) + STAP_CTL_MSG_MAX];
	ssize_t n;
	size_t len;

	do {
		n = read(sr.ctl_fd, buf, sizeof(buf));
	} while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	if (n == 0)
		return -EPIPE;		/* the module is going away */
	if ((size_t)n < sizeof(uint32_t))
		return -EPROTO;
	memcpy(type, buf, sizeof(*type));
	len = n - sizeof(uint32_t);
	if (len > size)
		len = size;
	memcpy(data, buf + sizeof(uint32_t), len);
	return (int)len;
}
