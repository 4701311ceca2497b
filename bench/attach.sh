#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# attach: how long wide probe sets take, with no debuginfo.
#   - pass 2 on the host: stap's and SystemTap 4.8's for
#     kernel.function("vfs_*") and syscall.* (4.8 needs debuginfo for
#     kernel.function; for syscall.* it falls back to nd_syscall.* over
#     /boot/System.map, the guest's symbols bind-mounted there);
#   - a whole session in the guest, load, attach, `true`, detach, unload
#     (`staprun -c true`, `bpftrace -c true`): stap's kernel.function("vfs_*")
#     and syscall.*, bpftrace's kprobe:vfs_*, 4.8's kprobe.function("vfs_*").
# Medians of ROUNDS.
. "$(dirname "$0")/../selftests/lib.sh"
. "$(dirname "$0")/lib.sh"
ROUNDS=3
vfs='global n probe kernel.function("vfs_*") { n++ }'
sys='global n probe syscall.* { n++ }'
vfs48='global n probe kprobe.function("vfs_*") { n++ }'
P2=$BENCH_OUT/attach.pass2

# ms TOOL ARGS...: wall time of one run in ms, and its exit status
ms() {
	local a b
	a=$(date +%s%N)
	"$@" > /dev/null 2>&1
	local rc=$?
	b=$(date +%s%N)
	echo "$(( (b - a) / 1000000 )) $rc"
}

case $1 in
build)
	cd "$BENCH_OUT" &&
	"$STAP" -p4 -r "$KVER" -m b_avfs -e "$vfs" > /dev/null &&
	"$STAP" -p4 -r "$KVER" -m b_asys -e "$sys" > /dev/null || exit 1
	{
		echo "stap kernel.function(\"vfs_*\") $(ms "$STAP" -p2 -r "$KVER" -e "$vfs") $("$STAP" -p2 -r "$KVER" -e "$vfs" 2>/dev/null | grep -c '^kernel')"
		echo "stap syscall.* $(ms "$STAP" -p2 -r "$KVER" -e "$sys") $("$STAP" -p2 -r "$KVER" -e "$sys" 2>/dev/null | grep -c '^kernel')"
	} > "$P2"
	if [ -n "$STAP48_RUNTIME" ] && [ -s "$BENCH_OUT/System.map-$KVER" ]; then
		unshare -m bash -c '
			ms() {
				local a=$(date +%s%N) rc
				"$@" > /dev/null 2>&1
				rc=$?
				echo "$(( ($(date +%s%N) - a) / 1000000 )) $rc"
			}
			mount --bind "$1" /boot/System.map-$2 || exit 1
			echo "systemtap-4.8 kernel.function(\"vfs_*\") $(ms /usr/bin/stap -p2 -r $2 -e "$3") 0"
			echo "systemtap-4.8 syscall.* $(ms /usr/bin/stap -p2 -r $2 -e "$4") $(/usr/bin/stap -p2 -r $2 -e "$4" 2>/dev/null | grep -c "^kprobe")"
			/usr/bin/stap -p4 -r $2 -R "$5" -m b_avfs48 -e "$6" > /dev/null' \
			map "$BENCH_OUT/System.map-$KVER" "$KVER" "$vfs" "$sys" \
			"$STAP48_RUNTIME" "$vfs48" >> "$P2" ||
			{ echo "SystemTap 4.8 does not build for $KVER: its columns stay empty"; rm -f "$BENCH_OUT"/b_a*48.ko; }
	fi
	;;
run)
	while read -r tool point t rc n; do
		if [ "$rc" = 0 ]; then
			echo "attach: pass 2 $tool $point: $t ms, $n probes"
		else
			echo "attach: pass 2 $tool $point: fails after $t ms (no debuginfo)"
		fi
	done < "$P2"
	declare -A r
	tools=(vfs sys)
	[ -f "$BENCH_OUT/b_avfs48.ko" ] && tools+=(vfs48)
	command -v bpftrace > /dev/null && tools+=(bpf)
	for i in $(seq $ROUNDS); do
		for t in "${tools[@]}"; do
			case $t in
			vfs) v=$(ms "$STAPRUN" -c true "$BENCH_OUT/b_avfs.ko") ;;
			sys) v=$(ms "$STAPRUN" -c true "$BENCH_OUT/b_asys.ko") ;;
			vfs48) v=$(ms /usr/bin/staprun -c true "$BENCH_OUT/b_avfs48.ko") ;;
			bpf) v=$(ms bpftrace -e 'kprobe:vfs_* { @n = count(); }' -c true) ;;
			esac
			r[$t]+="${v% *} "
		done
	done
	for t in "${tools[@]}"; do
		case $t in
		vfs) name='stap kernel.function("vfs_*")' ;;
		sys) name='stap syscall.*' ;;
		vfs48) name='systemtap-4.8 kprobe.function("vfs_*")' ;;
		bpf) name='bpftrace kprobe:vfs_*' ;;
		esac
		echo "attach: session with -c true, $name: $(printf '%s\n' ${r[$t]} | median) ms (${r[$t]% })"
	done
	;;
esac
