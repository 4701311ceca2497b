#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# -c CMD: target() is the command's pid, the command is held until the
# begin probes ran, the session ends (end probes run) when it exits, and
# staprun exits 0 whatever the command's status.  -x PID: target() = PID.
. "$(dirname "$0")/../lib.sh"
case $1 in
build)
	cd "$OUT" &&
	"$STAP" -p4 -r "$KVER" -m t_target -e '
global started
probe begin { started = 1 printf("target=%d\n", target()) }
probe procfs("started").read { $value = sprintf("%d", started) }
probe end { printf("end\n") }'
	;;
run)
	cat > /tmp/child.sh <<'CHILD'
#!/bin/sh
echo "$$ $(cat /proc/systemtap/t_target/started)" > /tmp/child.out
exit 3
CHILD
	chmod +x /tmp/child.sh
	got=$("$STAPRUN" -c /tmp/child.sh "$OUT/t_target.ko" 2> /tmp/tg.err)
	expect_eq "-c: exit status" 0 $?
	expect_eq "-c: stderr" "" "$(cat /tmp/tg.err)"
	read -r cpid started < /tmp/child.out
	expect_eq "-c: the child ran after begin" 1 "$started"
	expect_eq "-c: output" "target=$cpid
end" "$got"

	# Shell syntax runs under sh -c.
	got=$("$STAPRUN" -c 'true && echo hi > /tmp/child2.out' "$OUT/t_target.ko" 2>&1)
	expect_eq "-c with shell syntax: exit status" 0 $?
	expect_eq "-c with shell syntax: ran" "hi" "$(cat /tmp/child2.out)"
	expect_match "-c with shell syntax: output" '^target=[0-9]+$' "$(head -n 1 <<< "$got")"

	sleep 30 &
	spid=$!
	"$STAPRUN" -x $spid "$OUT/t_target.ko" > /tmp/tg.out 2>&1 &
	pid=$!
	for i in $(seq 100); do
		grep -q target= /tmp/tg.out && break
		sleep 0.1
	done
	kill -INT $pid
	wait $pid
	expect_eq "-x: exit status" 0 $?
	expect_eq "-x: output" "target=$spid
end" "$(cat /tmp/tg.out)"
	kill $spid
	no_handler_modules || fail "a stap_ module is still loaded"
	exit 0
	;;
esac
