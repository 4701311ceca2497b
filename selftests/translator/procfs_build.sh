#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Scripts with procfs probes and probe conditions build at -p4 against the
# handler ABI (<stap/stap.h>) and the runtime's exports.
. "$(dirname "$0")/../lib.sh"
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
cd "$d" || exit 1
export SYSTEMTAP_DIR=$d/dir

rt=$TOP/build/share/stap/runtime
for sym in stap_procfs_set stap_probe_cond; do
	grep -q "	$sym	" "$rt/$KVER/Module.symvers" ||
		fail "the runtime does not export $sym"
done

cat > rw.stp <<'EOF'
global stored, writes
probe procfs("data").umask(0066).read.maxsize(8192) {
	$value = stored
	$value .= sprintf("%d writes\n", writes)
}
probe procfs("data").write { stored = $value; writes++; print($value) }
probe procfs.write if (writes < 100) { printf("cmd: %s\n", $value) }
probe procfs.read { $value = "ok\n" }
EOF
for opts in "" "-DSTP_PROCFS_BUFSIZE=4096 -DMAXSTRINGLEN=128"; do
	rm -f rw.ko
	# shellcheck disable=SC2086
	got=$("$STAP" -p4 -r "$KVER" -m rw $opts rw.stp 2>&1)
	rc=$?
	expect_eq "-p4 $opts: exit status ($got)" 0 $rc
	[ -f rw.ko ] || fail "no rw.ko ($opts)"
	expect_eq "depends" "systemtap" "$(modinfo -F depends rw.ko)"
done
size=$(stat -c %s rw.ko)
echo "rw.ko: $size bytes"
[ "$size" -lt 24576 ] || fail "rw.ko is $size bytes, not under 24 KB"
