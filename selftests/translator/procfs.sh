#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# procfs("PATH").read/.write: listed as SystemTap 4.8 lists them, the
# names our runtime keeps refused, and the probe table and $value code
# pass 3 emits.  (SystemTap's own errors are in selftests/lang/ko/procfs_*.)
. "$(dirname "$0")/../lib.sh"
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
cd "$d" || exit 1

expect_eq "-l procfs.**" "procfs.read
procfs.write" "$("$STAP" -l 'procfs.**' 2>&1)"
expect_eq "-l with umask and maxsize" "procfs(\"x\").umask(4).read.maxsize(9)" \
	"$("$STAP" -l 'procfs("x").umask(4).read.maxsize(9)' 2>&1)"

# refused [SCRIPT] MESSAGE-PART: stap -p2 fails with MESSAGE-PART at the path
refused() {
	local got rc
	got=$("$STAP" -p2 -e "$1" 2>&1)
	rc=$?
	expect_eq "exit status of $1" 1 $rc
	expect_eq "stderr of $1" "semantic error: while resolving probe point: identifier 'procfs' at <input>:1:7
        source: $1
                      ^

semantic error: $2: identifier 'procfs' at :1:7
        source: $1
                      ^

Pass 2: analysis failed.  [man error::pass2]" "$got"
}
refused 'probe procfs(".control").read { $value = "x" }' \
	"procfs path '.control' is reserved"
refused 'probe procfs(".cmd").write { print($value) }' \
	"procfs path '.cmd' is reserved"
refused 'probe procfs("trace0").read { $value = "x" }' \
	"procfs path 'trace0' is reserved"
refused 'probe procfs("a/b").read { $value = "x" }' \
	"procfs path 'a/b' cannot have subdirectories"
long=$(printf 'x%.0s' $(seq 256))
refused "probe procfs(\"$long\").read { \$value = \"x\" }" \
	"procfs path is longer than 255 bytes"
"$STAP" -p2 -e 'probe procfs("trace").read { $value = "x" }
probe procfs("trace0x").read { $value = "x" }
probe procfs(".cmdx").write { print($value) }' > /dev/null ||
	fail "trace, trace0x and .cmdx are ordinary names"
got=$("$STAP" -p2 -e 'probe procfs.read.maxsize(2147483648) { $value = "x" }' 2>&1)
expect_match "maxsize bound" '^semantic error: maxsize must be at most 2147483647$' "$got"

# -p2 shows the points as SystemTap does
cat > pair.stp <<'EOF'
probe procfs.read { $value = "x" }
probe procfs("x").umask(0400).read.maxsize(0x10) { $value .= "a" }
probe procfs("x").umask(400).write { println($value) }
EOF
got=$("$STAP" -p2 pair.stp | grep '^procfs')
expect_eq "-p2" 'procfs.read /* <- procfs.read */
procfs("x").umask(256).read.maxsize(16) /* <- procfs("x").umask(256).read.maxsize(16) */
procfs("x").umask(400).write /* <- procfs("x").umask(400).write */' "$got"

c=$("$STAP" -p3 pair.stp) || fail "-p3 failed"
expect_match "args header" '^#include <stap/probes/procfs\.h>$' "$c"
expect_match "command read args" '^static const struct stap_procfs_args probe0_args = \{ \.path = "command", \.write = 0, \.umask = STAP_PROCFS_NO_UMASK, \.bufsize = STP_PROCFS_BUFSIZE \};$' "$c"
expect_match "command read probe" '^	\{ \.type = "procfs", \.flags = 0, \.pp = "procfs\.read", \.args = &probe0_args, \.handler = probe0 \},$' "$c"
expect_match "umask octal, maxsize" '= \{ \.path = "x", \.write = 0, \.umask = 0400, \.bufsize = 16 \};$' "$c"
expect_match "umask(400) is decimal" '= \{ \.path = "x", \.write = 1, \.umask = 0620, ' "$c"
expect_match "set" '^	stap_procfs_set\(c, "x", false\);$' "$c"
expect_match "append" '^	stap_procfs_set\(c, "a", true\);$' "$c"
expect_match "write data printed whole" '^	stap_print_bytes\(c, stap_procfs_value\(c\), stap_procfs_len\(c\)\);$' "$c"
expect_match "bufsize default" '^#define STP_PROCFS_BUFSIZE MAXSTRINGLEN$' "$c"
if printf '%s\n' "$c" | grep -q 'cond_eval'; then
	fail "cond_eval emitted without a condition"
fi

# $value as a string elsewhere, a formatted %s is no raw print
c=$("$STAP" -p3 -e 'global s
probe procfs.write { s = $value; printf("[%5s]\n", $value) }') || fail "-p3 failed"
expect_match "rvalue" '^	strscpy\(g_s, \(char \*\)stap_procfs_value\(c\), MAXSTRINGLEN\);$' "$c"
expect_match "%5s" '^	stap_printf\(c, "\[%5s\]\\n", \(char \*\)stap_procfs_value\(c\)\);$' "$c"

# no procfs probe: no procfs code
c=$("$STAP" -p3 -e 'probe begin { exit() }')
if printf '%s\n' "$c" | grep -q procfs; then
	fail "procfs code without procfs probes"
fi
exit 0
