#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Pass 5 hands staprun the options as SystemTap 4.8 does (its order, -R
# unless -m, -F -> -L or -D), shows the command at -vv ("Running ..."),
# and a failed staprun gives 4.8's warning and "Pass 5: run failed."
# SYSTEMTAP_STAPRUN names the staprun to run, as in 4.8: here a stub that
# prints its arguments.
. "$(dirname "$0")/../lib.sh"
export SYSTEMTAP_DIR=$(mktemp -d)
trap 'rm -rf "$SYSTEMTAP_DIR"' EXIT
fake=$SYSTEMTAP_DIR/fakerun
cat > "$fake" <<'STUB'
#!/bin/sh
for a; do printf '[%s]' "$a"; done
echo
exit ${FAKE_RC:-0}
STUB
chmod +x "$fake"
export SYSTEMTAP_STAPRUN=$fake
s='probe begin { exit() }'
ko=$("$STAP" -p4 -r "$KVER" -e "$s") || fail "build: $ko"

# run OPTIONS...: the staprun arguments, the module path shown as KO
run() {
	"$STAP" -r "$KVER" "$@" -e "$s" 2>&1 | sed "s|$ko|KO|g"
}
check() {
	local want=$1
	shift
	expect_eq "stap $*" "$want" "$(run "$@")"
}
check "[-R][KO]"
check "[-L][-R][KO]" -F
check "[-o][/tmp/f][-D][-R][KO]" -F -o /tmp/f
check "[-o][/tmp/f][-R][-S][1,2][KO]" -o /tmp/f -S 1,2
check "[-L][-R][-S][1][KO]" -F -S 1
check "[-c][sh -c \"echo \$\$\"][-R][KO]" -c 'sh -c "echo $$"'
check "[-x][42][-R][KO]" -x 42
check "[-R][KO]" -x 0
check "[-x][-1][-R][KO]" -x -1
check "[-b][2][-R][KO]" -s 2
check "[-w][-R][KO][x=1][y=abc]" -w -G x=1 -G y=abc
check "[-o][/tmp/%Y][-c][ls][-b][1][-D][-R][-S][3,4][KO]" \
	-S 3,4 -F -s 1 -c ls -o /tmp/%Y
# -m: no -R, the module is NAME.ko
(cd "$SYSTEMTAP_DIR" && "$STAP" -r "$KVER" -m stap_cmd_m -e "$s" 2>&1) >"$SYSTEMTAP_DIR/m.out"
expect_match "-m: no -R" '^\[/tmp/stap[^]]*/stap_cmd_m\.ko\]$' "$(cat "$SYSTEMTAP_DIR/m.out")"

# -vv: "Running" line with the words joined as 4.8 joins them
got=$(run -vv -c 'sh -c "echo $$"' | grep -v '^Pass\|^Keeping\|^Spawn')
expect_eq "-vv" "Running $fake -v -c sh -c \"echo \$\$\" -R KO
[-v][-c][sh -c \"echo \$\$\"][-R][KO]" "$got"
got=$(run -vvv | grep '^\[')
expect_eq "-vvv: two -v at most" "[-v][-v][-R][KO]" "$got"

# staprun fails: 4.8's warning and pass 5 failure, stap exits 1
got=$(FAKE_RC=3 run)
rc=$(FAKE_RC=3 "$STAP" -r "$KVER" -e "$s" >/dev/null 2>&1; echo $?)
expect_eq "failed run" "[-R][KO]
WARNING: $fake exited with status: 3
Pass 5: run failed.  [man error::pass5]" "$got"
expect_eq "failed run status" 1 "$rc"
got=$(FAKE_RC=3 run -v | grep '^Pass 5')
expect_match "-v: completed even so" '^Pass 5: run completed in [0-9]+usr/[0-9]+sys/[0-9]+real ms\.$' "$got"
exit 0
