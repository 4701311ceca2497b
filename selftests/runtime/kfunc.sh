#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# kernel.function with $vars from BTF, no debuginfo: dd reads /dev/zero
# (i_rdev 1:5, found through $file->f_inode) in blocks the test picks, so
# $count, $return and the entry value of $count in .return are known
# ($$parms and $$return show them as SystemTap does);
# $sk->__sk_common->skc_dport of a loopback TCP send is the port the test
# listens on; a brace list probes two functions; $buf[0] (a user address
# read as kernel memory) is SystemTap's read fault error.
. "$(dirname "$0")/../lib.sh"
case $1 in
build)
	cd "$OUT" &&
	"$STAP" -p4 -r "$KVER" -m t_kfunc -e '
probe kernel.function("vfs_read") {
  if (pid() == target() && $file->f_inode->i_rdev == 0x100005)
    printf("%s %d\n", execname(), $count)
}
probe kernel.function("vfs_read").return {
  if (pid() == target() && $file->f_inode->i_rdev == 0x100005)
    printf("%d %d %s\n", $return, $count, $$return)
}
probe kernel.function("vfs_read") {
  if (pid() == target() && $file->f_inode->i_rdev == 0x100005)
    println($$parms)
}' > /dev/null &&
	"$STAP" -p4 -r "$KVER" -m t_kfunc_tcp -e '
probe kernel.function("tcp_sendmsg") {
  if (pid() == target()) {
    d = $sk->__sk_common->skc_dport
    printf("%d %d\n", ((d & 0xff) << 8) | (d >> 8), $size)
  }
}' > /dev/null &&
	"$STAP" -p4 -r "$KVER" -m t_kfunc_wild -e '
global n
probe kernel.function("{vfs_read,vfs_write}") { if (pid() == target()) n[ppfunc(), pp()]++ }
probe end { foreach ([f, p] in n+) printf("%s %s\n", f, p) }' > /dev/null &&
	"$STAP" -p4 -r "$KVER" -m t_kfunc_fault -e '
probe kernel.function("vfs_read") { if (pid() == target()) println($buf[0]) }' > /dev/null
	;;
run)
	got=$("$STAPRUN" -c "dd if=/dev/zero of=/dev/null bs=4321 count=2" \
		"$OUT/t_kfunc.ko" 2> /tmp/kf.err)
	expect_eq "\$count, \$return: exit status" 0 $?
	parms=$(grep '^file=' <<< "$got")
	expect_match "\$\$parms" '^file=0xff[0-9a-f]{14} buf=0x[0-9a-f]+ count=0x10e1 pos=0xff[0-9a-f]{14}$' "$parms"
	expect_eq "\$count, \$return, \$\$return" "dd 4321
4321 4321 return=0x10e1
dd 4321
4321 4321 return=0x10e1" "$(grep -v '^file=' <<< "$got")"

	cat > /tmp/kf_tcp.py <<'PY'
import socket
l = socket.socket()
l.bind(("127.0.0.1", 0))
l.listen(1)
s = socket.create_connection(l.getsockname())
open("/tmp/kf.port", "w").write("%d\n" % l.getsockname()[1])
s.sendall(b"x" * 123)
PY
	ip link set lo up || fail "ip link set lo up"
	got=$("$STAPRUN" -c "/usr/bin/python3 /tmp/kf_tcp.py" "$OUT/t_kfunc_tcp.ko" 2> /tmp/kf.err)
	expect_eq "\$sk->...->skc_dport: exit status" 0 $?
	expect_eq "\$sk->...->skc_dport: stderr" "" "$(cat /tmp/kf.err)"
	expect_eq "\$sk->...->skc_dport" "$(cat /tmp/kf.port) 123" "$got"

	got=$("$STAPRUN" -c "dd if=/dev/zero of=/dev/null bs=1k count=1" \
		"$OUT/t_kfunc_wild.ko" 2> /tmp/kf.err)
	expect_eq "brace list" 'vfs_read kernel.function("vfs_read")
vfs_write kernel.function("vfs_write")' "$(sort <<< "$got")"

	got=$("$STAPRUN" -c "dd if=/dev/zero of=/dev/null bs=1k count=1" \
		"$OUT/t_kfunc_fault.ko" 2> /tmp/kf.err)
	expect_eq "read fault: stdout" "" "$got"
	expect_match "read fault: error" \
		"^ERROR: kernel read fault at 0x[0-9a-f]+ \[man error::fault\] near identifier '\\\$buf' at <input>:2:" \
		"$(cat /tmp/kf.err)"
	no_handler_modules || fail "a stap_ module is still loaded"
	;;
esac
