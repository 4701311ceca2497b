#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# /proc/systemtap/MOD/traceN is a stream: lseek() fails with ESPIPE on every
# kernel (6.12 removed no_llseek, which the file named until then).
. "$(dirname "$0")/../lib.sh"
case $1 in
build)
	cd "$OUT" &&
	"$STAP" -p4 -r "$KVER" -m t_seek -e 'probe begin { printf("ready\n") }'
	;;
run)
	"$STAPRUN" -L "$OUT/t_seek.ko" > /dev/null 2>&1 || fail "staprun -L"
	got=$(/usr/bin/python3 - <<'PY'
import errno, glob, os
for p in sorted(glob.glob("/proc/systemtap/t_seek/trace*")):
    fd = os.open(p, os.O_RDONLY)
    try:
        os.lseek(fd, 1, os.SEEK_SET)
        print(os.path.basename(p), "seeked")
    except OSError as e:
        print(os.path.basename(p), errno.errorcode[e.errno])
    os.close(fd)
PY
)
	"$STAPRUN" -d t_seek > /dev/null 2>&1 || fail "staprun -d"
	want=$(for c in $(seq 0 $(($(nproc) - 1))); do echo "trace$c ESPIPE"; done)
	expect_eq "lseek on every traceN" "$want" "$got"
	no_handler_modules || fail "a stap_ module is still loaded"
	;;
esac
