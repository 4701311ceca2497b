#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Bad module files: a truncated handler module, random bytes named x.ko,
# a module built for another handler ABI of the runtime, and one built
# for another kernel (when one is installed) each get a clear message and
# a non-zero exit status, and leave nothing loaded.
. "$(dirname "$0")/../lib.sh"
case $1 in
build)
	cd "$OUT" || exit 1
	"$STAP" -p4 -r "$KVER" -m t_badko -e 'probe begin { println("ok") exit() }' > /dev/null || exit 1
	# The runtime's headers with the next ABI version: what a module
	# built by another stap release looks like.
	rt=$(mktemp -d)
	cp -rL "$TOP/build/share/stap/runtime/include" "$TOP/build/share/stap/runtime/$KVER" "$rt/" &&
	sed -i 's/^#define STAP_ABI_VERSION\t\([0-9]*\)$/#define STAP_ABI_VERSION\t(\1 + 1)/' "$rt/include/stap/stap.h" &&
	grep -q '^#define STAP_ABI_VERSION.*+ 1)$' "$rt/include/stap/stap.h" &&
	"$STAP" -p4 -r "$KVER" -R "$rt" -m t_badabi -e 'probe begin { println("ok") exit() }' > /dev/null || exit 1
	rm -rf "$rt"
	# Another installed kernel, if there is one.
	rm -f t_badkver.ko
	for d in /lib/modules/*/build; do
		k=$(basename "$(dirname "$d")")
		[ "$k" != "$KVER" ] && [ -d "$TOP/build/share/stap/runtime/$k" ] || continue
		"$STAP" -p4 -r "$k" -m t_badkver -e 'probe begin { println("ok") exit() }' > /dev/null || exit 1
		break
	done
	;;
run)
	d=$(mktemp -d)
	head -c 4000 "$OUT/t_badko.ko" > "$d/t_badko.ko"
	got=$("$STAPRUN" "$d/t_badko.ko" 2>&1)
	expect_eq "truncated: exit status" 1 $?
	expect_eq "truncated" "ERROR: Couldn't insert module '$d/t_badko.ko': Invalid module format" "$got"

	head -c 20000 /dev/urandom > "$d/x.ko"
	got=$("$STAPRUN" "$d/x.ko" 2>&1)
	expect_eq "random: exit status" 1 $?
	expect_eq "random" "ERROR: Couldn't insert module '$d/x.ko': Invalid module format" "$got"

	got=$("$STAPRUN" "$OUT/t_badabi.ko" 2>&1)
	expect_eq "other ABI: exit status" 1 $?
	expect_eq "other ABI" "ERROR: Couldn't insert module '$OUT/t_badabi.ko': Protocol error
ERROR: Module 't_badabi' was built for another version of the systemtap runtime; rebuild it with this stap (the kernel log has both versions)." "$got"
	expect_match "other ABI: dmesg" "t_badabi: built for handler ABI version [0-9]+, this runtime speaks version [0-9]+; rebuild the module" "$(dmesg | tail -5)"

	if [ -e "$OUT/t_badkver.ko" ]; then
		got=$("$STAPRUN" "$OUT/t_badkver.ko" 2>&1)
		expect_eq "other kernel: exit status" 1 $?
		expect_eq "other kernel" "ERROR: Couldn't insert module '$OUT/t_badkver.ko': Invalid module format
ERROR: Module 't_badkver' was built for kernel $(modinfo -F vermagic "$OUT/t_badkver.ko" | cut -d' ' -f1), not for the running kernel $(uname -r)." "$got"
	else
		echo "no other kernel installed: a foreign module not tried"
	fi
	got=$("$STAPRUN" "$OUT/t_badko.ko" 2>&1)
	expect_eq "the good one still runs" "ok" "$got"
	rm -rf "$d"
	no_handler_modules || fail "a stap_ module is still loaded"
	grep -q '^t_bad' /proc/modules && fail "a t_bad module is still loaded"
	exit 0
	;;
esac
