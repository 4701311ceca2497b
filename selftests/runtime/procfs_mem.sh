#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The buffers of open procfs probe files are bounded: an unprivileged user
# holding 512 descriptors of a 0444 .maxsize(1 MiB) file (each read once)
# once pinned 512 MiB of kernel memory.  Buffers are allocated when read,
# within 32 MiB per session; past that read() fails with ENOMEM and the
# reader can try again after others close.
. "$(dirname "$0")/../lib.sh"
case $1 in
build)
	cd "$OUT" &&
	"$STAP" -p4 -r "$KVER" -m t_pf_mem -e '
probe begin { println("ready") }
probe procfs("big").umask(0022).read.maxsize(1048576) { $value = "hello\n" }' > /dev/null
	;;
run)
	out=$(mktemp)
	start_session "$out" "$STAPRUN" "$OUT/t_pf_mem.ko" || fail "did not start"
	got=$(/usr/bin/python3 - <<'PY'
import errno, os
os.setgid(65534)
os.setuid(65534)
def avail():
    for l in open("/proc/meminfo"):
        if l.startswith("MemAvailable:"):
            return int(l.split()[1]) // 1024
before = avail()
fds = [os.open("/proc/systemtap/t_pf_mem/big", os.O_RDONLY) for _ in range(512)]
ok = nomem = other = 0
for fd in fds:
    try:
        ok += os.read(fd, 100) == b"hello\n"
    except OSError as e:
        if e.errno == errno.ENOMEM:
            nomem += 1
        else:
            other += 1
held = before - avail()
print("read ok: %s" % (0 < ok <= 32))
print("the rest ENOMEM: %s" % (nomem == 512 - ok and other == 0))
print("held under 64 MiB: %s" % (held < 64), "(%d MiB)" % held)
for fd in fds[:ok]:
    os.close(fd)
# The first ok descriptors read; the last one, refused, reads now.
print("after closing, read:", os.read(fds[-1], 100) if ok < len(fds) else None)
PY
)
	stop_session || fail "exit status $?"
	echo "$got"
	expect_eq "bounded" "read ok: True
the rest ENOMEM: True
held under 64 MiB: True" "$(echo "$got" | sed -n '1,3p' | sed 's/ (.*//')"
	expect_eq "freed on close" "after closing, read: b'hello\n'" "$(echo "$got" | sed -n 4p)"
	expect_eq "stderr" "" "$(cat "$out.err")"
	rm -f "$out" "$out.err"
	;;
esac
