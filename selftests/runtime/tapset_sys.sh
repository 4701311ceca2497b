#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The syscall.* and vfs.* tapsets with no debuginfo in the guest: seed
# 002's script (syscall.read with $count, timer.s($1)) and seed 001's
# vfs.* script run unchanged; syscall.read's variables and $count match
# what dd asked for; syscall.openat.return's retstr of a missing file is
# "-2 (ENOENT)"; syscall_any names the calls; vfs.read names /dev/zero,
# its inode and bytes_to_read.
. "$(dirname "$0")/../lib.sh"
seed002='global var1%[60000], var2%[60000], ts, interval=$1
probe begin { ts = gettimeofday_s() }
probe syscall.read { var1[pid(),execname()] <<< $count; var2[pid(),execname()] <<< $count }
probe timer.s($1) {
  if ((gettimeofday_s() - ts) >= interval) {
    ts = gettimeofday_s()
    print("**********\n")
    foreach([x,y] in var1- limit 5) printdln("---", x, y, @count(var1[x,y]), @sum(var1[x,y]))
    delete var1
  }
}
probe end { print("END:**********\n")
  foreach([x,y] in var2- limit 5) printdln("---", x, y, @count(var2[x,y]), @sum(var2[x,y]))
  delete var1; delete var2; exit() }'
seed001='probe vfs.* { printdln("**", pn(), cmdline_str(), pid()) }'

case $1 in
build)
	cd "$OUT" &&
	"$STAP" -p4 -r "$KVER" -m t_seed002 -e "$seed002" 1 > /dev/null &&
	"$STAP" -p4 -r "$KVER" -m t_seed001 -e "$seed001" > /dev/null &&
	"$STAP" -p4 -r "$KVER" -m t_sysread -e '
probe syscall.read {
  if (pid() == target() && count == 4321)
    printf("%s fd=%d count=%d $count=%d argstr=%s\n", name, fd, count, $count, argstr)
}
probe syscall.read.return {
  if (pid() == target() && retval == 4321) printf("%s %s\n", name, retstr)
}' > /dev/null &&
	"$STAP" -p4 -r "$KVER" -m t_sysopen -e '
global want
probe syscall.openat {
  if (pid() == target() && filename == "\"/nonexistent_kf\"") {
    want[tid()] = 1
    println(name, "(", argstr, ")")
  }
}
probe syscall.openat.return {
  if (want[tid()]) { println(name, " = ", retstr); delete want[tid()] }
}' > /dev/null &&
	"$STAP" -p4 -r "$KVER" -m t_sysany -e '
probe syscall_any { if (pid() == target() && name == "exit_group") printf("%s %d\n", name, syscall_nr) }
probe syscall_any.return { if (pid() == target() && name == "getppid") printf("%s = %d\n", name, retval == ppid()) }' > /dev/null &&
	"$STAP" -p4 -r "$KVER" -m t_vfsread -e '
probe vfs.read {
  if (pid() == target() && bytes_to_read == 4321)
    printf("%s %s %s %d %d %s\n", name, pathname, devname, ino, bytes_to_read, execname())
}
probe vfs.read.return {
  if (pid() == target() && bytes_to_read == 4321)
    printf("%s %s %d\n", name, retstr, bytes_read)
}' > /dev/null
	;;
run)
	# seed 002: the shape seed.sh checks, with $count sums
	got=$(run_for 3 "$STAPRUN" "$OUT/t_seed002.ko")
	expect_match "seed 002: a block" '^\*\*\*\*\*\*\*\*\*\*$' "$got"
	expect_match "seed 002: END" '^END:\*\*\*\*\*\*\*\*\*\*$' "$got"
	bad=$(grep -v -E '^(END:)?\*{10}$|^[0-9]+---[^-]+---[0-9]+---[0-9]+$' <<< "$got")
	expect_eq "seed 002: every line" "" "$bad"

	# seed 001: one line per hit, PROBE**CMDLINE**PID
	got=$(run_for 2 "$STAPRUN" "$OUT/t_seed001.ko")
	expect_match "seed 001: a vfs.read line" '^vfs\.read\*\*.*\*\*[0-9]+$' "$got"
	bad=$(grep -v -E '^vfs\.(read|write|readv|writev|open)\*\*.*\*\*[0-9]+$' <<< "$got")
	expect_eq "seed 001: every line" "" "$bad"

	got=$("$STAPRUN" -c "dd if=/dev/zero of=/dev/null bs=4321 count=2" \
		"$OUT/t_sysread.ko" 2> /dev/null)
	expect_eq "syscall.read" "$(for i in 1 2; do
		echo "read fd=0 count=4321 \$count=4321 argstr=0, $(grep -o '0x[0-9a-f]*' <<< "$got" | sed -n ${i}p), 4321"
		echo "read 4321"; done)" "$got"

	got=$("$STAPRUN" -c "cat /nonexistent_kf" "$OUT/t_sysopen.ko" 2> /dev/null)
	expect_eq "syscall.openat.return retstr" 'openat(AT_FDCWD, "/nonexistent_kf", O_RDONLY)
openat = -2 (ENOENT)' "$got"

	got=$("$STAPRUN" -c "/bin/sh -c 'echo \$PPID > /dev/null'" "$OUT/t_sysany.ko" 2> /dev/null)
	expect_eq "syscall_any" "getppid = 1
exit_group 231" "$got"

	ino=$(stat -c %i /dev/zero)
	got=$("$STAPRUN" -c "dd if=/dev/zero of=/dev/null bs=4321 count=1" \
		"$OUT/t_vfsread.ko" 2> /dev/null)
	expect_eq "vfs.read" "vfs.read /dev/zero N/A $ino 4321 dd
vfs.read 4321 4321" "$got"
	no_handler_modules || fail "a stap_ module is still loaded"
	;;
esac
