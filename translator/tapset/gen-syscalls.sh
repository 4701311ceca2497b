#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# translator/tapset/gen-syscalls.sh - writes syscalls.stp from the table
# below: syscall.NAME and syscall.NAME.return for x86-64, with SystemTap
# 4.8's variable names and argstr formats, on the kernel's own system-call
# entry __x64_sys_NAME(regs).  A1..A6 are the arguments in the user
# registers (di, si, dx, r10, r8, r9), read through BTF ($regs->di).
# A system call without arguments may have only __do_sys_NAME in BTF (the
# entry is an alias of it): the probe takes whichever exists.
# nd_syscall.NAME is the same probe: without debuginfo there is no other.
#
#   translator/tapset/gen-syscalls.sh > translator/tapset/syscalls.stp
set -eu
cat <<'HEAD'
// SPDX-License-Identifier: GPL-2.0
// System calls (x86-64), as SystemTap 4.8 names them and their variables:
// name, argstr, each argument; retval and retstr in .return.  Written by
// gen-syscalls.sh: edit its table, not this file.
HEAD
awk -F'|' '
/^#/ || NF < 3 { next }
{
	name = $1; vars = $2; argstr = $3
	n = split(vars, v, ";")
	body = "\tname = \"" name "\"\n"
	for (i = 1; i <= n; i++) {
		if (v[i] == "") continue
		s = v[i]
		gsub(/A1/, "$regs->di", s); gsub(/A2/, "$regs->si", s)
		gsub(/A3/, "$regs->dx", s); gsub(/A4/, "$regs->r10", s)
		gsub(/A5/, "$regs->r8", s); gsub(/A6/, "$regs->r9", s)
		split(s, kv, "=")
		body = body "\t" kv[1] " = " substr(s, length(kv[1]) + 2) "\n"
	}
	body = body "\targstr = " argstr "\n"
	fn = "kernel.function(\"__x64_sys_" name "\")"
	call = fn ".call"
	ret = fn ".return"
	if (vars == "") {	# SYSCALL_DEFINE0: the entry may be an alias
		do0 = "kernel.function(\"__do_sys_" name "\")"
		call = call " !, " do0 ".call"
		ret = ret " !, " do0 ".return"
	}
	printf "\nprobe syscall.%s = %s {\n%s}\n", name, call, body
	printf "probe syscall.%s.return = %s {\n", name, ret
	printf "\tname = \"%s\"\n\tretval = $return\n\tretstr = return_str(1, retval)\n}\n", name
	printf "probe nd_syscall.%s = syscall.%s { }\n", name, name
	printf "probe nd_syscall.%s.return = syscall.%s.return { }\n", name, name
}' <<'TABLE'
# name|var=expr;...|argstr
read|fd=__int32(A1);buf_uaddr=A2;count=A3|sprintf("%d, %p, %u", fd, buf_uaddr, count)
write|fd=__int32(A1);buf_uaddr=A2;count=A3|sprintf("%d, %s, %u", fd, user_string_n_quoted(buf_uaddr, count), count)
pread64|fd=__int32(A1);buf_uaddr=A2;count=A3;offset=A4|sprintf("%d, %p, %u, %d", fd, buf_uaddr, count, offset)
pwrite64|fd=__int32(A1);buf_uaddr=A2;count=A3;offset=A4|sprintf("%d, %s, %u, %d", fd, user_string_n_quoted(buf_uaddr, count), count, offset)
readv|fd=__int32(A1);vector_uaddr=A2;count=__int32(A3)|sprintf("%d, %p, %d", fd, vector_uaddr, count)
writev|fd=__int32(A1);vector_uaddr=A2;count=__int32(A3)|sprintf("%d, %p, %d", fd, vector_uaddr, count)
open|filename = user_string_quoted(A1);flags=__int32(A2);mode=__uint32(A3)|(flags & 64 ? sprintf("%s, %s, %#o", filename, _sys_open_flag_str(flags), mode) : sprintf("%s, %s", filename, _sys_open_flag_str(flags)))
openat|dfd=__int32(A1);dfd_str=_dfd_str(dfd);filename=user_string_quoted(A2);flags=__int32(A3);mode=__uint32(A4)|(flags & 64 ? sprintf("%s, %s, %s, %#o", dfd_str, filename, _sys_open_flag_str(flags), mode) : sprintf("%s, %s, %s", dfd_str, filename, _sys_open_flag_str(flags)))
close|fd=__int32(A1)|sprint(fd)
lseek|fildes=__int32(A1);offset=A2;whence=__uint32(A3);whence_str=_seek_whence_str(whence)|sprintf("%d, %d, %s", fildes, offset, whence_str)
dup|oldfd=__int32(A1)|sprint(oldfd)
dup2|oldfd=__int32(A1);newfd=__int32(A2)|sprintf("%d, %d", oldfd, newfd)
dup3|oldfd=__int32(A1);newfd=__int32(A2);flags=__int32(A3)|sprintf("%d, %d, %s", oldfd, newfd, flags & 524288 ? "O_CLOEXEC" : sprint(flags))
pipe|fildes_uaddr=A1|sprintf("%p", fildes_uaddr)
pipe2|fildes_uaddr=A1;flags=__int32(A2)|sprintf("%p, %s", fildes_uaddr, _sys_pipe2_flag_str(flags))
unlink|pathname=user_string_quoted(A1)|pathname
unlinkat|dfd=__int32(A1);dfd_str=_dfd_str(dfd);pathname=user_string_quoted(A2);flag=__int32(A3)|sprintf("%s, %s, %s", dfd_str, pathname, flag & 512 ? "AT_REMOVEDIR" : sprint(flag))
mkdir|pathname=user_string_quoted(A1);mode=__uint32(A2)|sprintf("%s, %#o", pathname, mode)
rmdir|pathname=user_string_quoted(A1)|pathname
rename|oldpath=user_string_quoted(A1);newpath=user_string_quoted(A2)|sprintf("%s, %s", oldpath, newpath)
chdir|path=user_string_quoted(A1)|path
access|pathname=user_string_quoted(A1);mode=__int32(A2)|sprintf("%s, %d", pathname, mode)
readlink|path=user_string_quoted(A1);buf_uaddr=A2;bufsiz=__int32(A3)|sprintf("%s, %p, %d", path, buf_uaddr, bufsiz)
getdents64|fd=__int32(A1);dirp=A2;count=__uint32(A3)|sprintf("%d, %p, %d", fd, dirp, count)
ioctl|fd=__int32(A1);request=__int32(A2);argp=A3|sprintf("%d, %d, %p", fd, request, argp)
fcntl|fd=__int32(A1);cmd=__int32(A2);arg=A3|sprintf("%d, %d, %#x", fd, cmd, arg)
mmap|start=A1;len=A2;prot=A3;flags=A4;fd=__int32(A5);pgoffset=A6|sprintf("%p, %u, %d, %d, %d, %d", start, len, prot, flags, fd, pgoffset)
munmap|start=A1;length=A2|sprintf("%p, %u", start, length)
mprotect|addr=A1;len=A2;prot=A3|sprintf("%p, %d, %d", addr, len, prot)
brk|brk=A1|sprintf("%p", brk)
getpid||""
gettid||""
getppid||""
getuid||""
kill|pid=__int32(A1);sig=__int32(A2);sig_name=signal_str(sig)|sprintf("%d, %s", pid, sig_name)
tkill|pid=__int32(A1);sig=__int32(A2)|sprintf("%d, %s", pid, signal_str(sig))
exit|status=__int32(A1)|sprint(status)
exit_group|status=__int32(A1)|sprint(status)
execve|filename=user_string_quoted(A1);args=A2;env_str=A3|sprintf("%s, %p, %p", filename, args, env_str)
clone|clone_flags=A1;newsp=A2|sprintf("%#x, %p", clone_flags, newsp)
vfork||""
fork||""
wait4|pid=__int32(A1);status_uaddr=A2;options=__int32(A3);rusage_uaddr=A4|sprintf("%d, %p, %d, %p", pid, status_uaddr, options, rusage_uaddr)
nanosleep|req_uaddr=A1;rem_uaddr=A2|sprintf("%p, %p", req_uaddr, rem_uaddr)
clock_nanosleep|which_clock=__int32(A1);flags=__int32(A2);req_uaddr=A3;rem_uaddr=A4|sprintf("%d, %d, %p, %p", which_clock, flags, req_uaddr, rem_uaddr)
futex|futex_uaddr=A1;op=__int32(A2);val=__uint32(A3)|sprintf("%p, %d, %d", futex_uaddr, op, val)
poll|ufds_uaddr=A1;nfds=__uint32(A2);timeout=__int32(A3)|sprintf("%p, %d, %d", ufds_uaddr, nfds, timeout)
epoll_wait|epfd=__int32(A1);events_uaddr=A2;maxevents=__int32(A3);timeout=__int32(A4)|sprintf("%d, %p, %d, %d", epfd, events_uaddr, maxevents, timeout)
socket|family=__int32(A1);type=__int32(A2);protocol=__int32(A3)|sprintf("%d, %d, %d", family, type, protocol)
connect|sockfd=__int32(A1);serv_addr_uaddr=A2;addrlen=__uint32(A3)|sprintf("%d, %p, %u", sockfd, serv_addr_uaddr, addrlen)
accept|sockfd=__int32(A1);addr_uaddr=A2;addrlen_uaddr=A3|sprintf("%d, %p, %p", sockfd, addr_uaddr, addrlen_uaddr)
accept4|sockfd=__int32(A1);addr_uaddr=A2;addrlen_uaddr=A3;flags=__int32(A4)|sprintf("%d, %p, %p, %d", sockfd, addr_uaddr, addrlen_uaddr, flags)
bind|sockfd=__int32(A1);my_addr_uaddr=A2;addrlen=__uint32(A3)|sprintf("%d, %p, %u", sockfd, my_addr_uaddr, addrlen)
listen|sockfd=__int32(A1);backlog=__int32(A2)|sprintf("%d, %d", sockfd, backlog)
sendto|s=__int32(A1);buf_uaddr=A2;len=A3;flags=__uint32(A4);to_uaddr=A5;tolen=__uint32(A6)|sprintf("%d, %p, %u, %d, %p, %u", s, buf_uaddr, len, flags, to_uaddr, tolen)
recvfrom|s=__int32(A1);buf_uaddr=A2;len=A3;flags=__uint32(A4);addr_uaddr=A5;addrlen_uaddr=A6|sprintf("%d, %p, %u, %d, %p, %p", s, buf_uaddr, len, flags, addr_uaddr, addrlen_uaddr)
sendmsg|s=__int32(A1);msg_uaddr=A2;flags=__uint32(A3)|sprintf("%d, %p, %d", s, msg_uaddr, flags)
recvmsg|s=__int32(A1);msg_uaddr=A2;flags=__uint32(A3)|sprintf("%d, %p, %d", s, msg_uaddr, flags)
TABLE
