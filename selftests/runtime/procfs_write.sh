#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# procfs writes and buffers: a 4224-byte write arrives as MAXSTRINGLEN-1
# chunks (9 firings) whose concatenation is the input; binary data with
# NUL bytes passes through byte for byte; .maxsize(16) cuts writes to 15
# bytes, a read past it is the "buffer size exceeded" error and EIO, and a
# caught overflow returns what fit.  The uncaught one is a handler error:
# with MAXERRORS 0 it ends the session, exit status 1.
. "$(dirname "$0")/../lib.sh"
case $1 in
build)
	cd "$OUT" &&
	"$STAP" -p4 -r "$KVER" -m t_pf_w -e '
global n
probe begin { println("ready") }
probe procfs("text").write { n++; printf("%s", $value) }
probe procfs("bin").write { printf("%s", $value) }
probe procfs("small").read.maxsize(16) { $value = "0123456789abcdefXYZ" }
probe procfs("caught").read.maxsize(16) {
	try { $value = "0123456789" $value .= "abcdefXYZ" } catch { }
}
probe procfs("caught").write { printf("[%s]", $value) }
probe procfs("firings").read { $value = sprintf("%d\n", n) }' > /dev/null
	;;
run)
	d=/proc/systemtap/t_pf_w
	tmp=$(mktemp -d)
	seq 1 2000 | head -c 4224 > "$tmp/text"
	for i in 1 2; do
		for b in $(seq 0 255); do printf "\\x$(printf %02x $b)"; done
	done > "$tmp/bin"
	start_session "$tmp/out" "$STAPRUN" "$OUT/t_pf_w.ko" ||
		fail "t_pf_w did not start"
	expect_eq "mode of a write-only file" "200" "$(stat -c %a $d/text)"
	expect_eq "mode of a read+write file" "600" "$(stat -c %a $d/caught)"
	cat "$tmp/text" > $d/text || fail "writing text failed"
	cat "$tmp/bin" > $d/bin || fail "writing binary data failed"
	printf 0123456789abcdefghij > $d/caught || fail "writing caught failed"
	expect_eq "caught overflow" "0123456789abcde" "$(cat $d/caught)"
	expect_eq "firings for 4224 bytes" 9 "$(cat $d/firings)"
	err=$(cat $d/small 2>&1)
	expect_match "read past .maxsize" "Input/output error" "$err"
	wait $SESSION_PID
	expect_eq "exit status after the error" 1 $?
	{
		echo ready
		cat "$tmp/text" "$tmp/bin"
		printf '[0123456789abcde][fghij]'
	} > "$tmp/expect"
	cmp "$tmp/expect" "$tmp/out" || {
		od -c "$tmp/out" | tail -20
		fail "output differs from the bytes written"
	}
	expect_eq "stderr" "ERROR: buffer size exceeded, consider .maxsize(20). near identifier '\$value' at <input>:6:42
WARNING: Number of errors: 1, skipped probes: 0" "$(cat "$tmp/out.err")"
	rm -rf "$tmp"
	;;
esac
