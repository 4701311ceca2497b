#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Tapset functions of the library (translator/tapset/): tasks through
# task_struct pointers (a process the test starts, with its pid, parent,
# ids, nice and state known), a bad task pointer is 4.8's read fault;
# errno_str(), return_str(); the *_arg family, register(), returnval()
# and returnstr() in a kprobe and a kretprobe on vfs_read where dd reads a
# count the test chose; their errors where there are no registers;
# thread_indent(), ansi_*, MAJOR/MINOR/MKDEV and stopwatches.
. "$(dirname "$0")/../lib.sh"
tapset=$(realpath "$(dirname "$STAP")/../share/stap/tapset")
# line:column of function NAME's name in the library file FILE
at() {
	local n
	n=$(grep -n "^function $2[:( ]" "$tapset/$1" | head -1 | cut -d: -f1)
	echo "$tapset/$1:$n:10"
}
case $1 in
build)
	cd "$OUT" || exit 1
	"$STAP" -p4 -r "$KVER" -m t_tf_task -e '
probe begin {
	c = task_current()
	println(task_pid(c) == pid(), task_tid(c) == tid(),
		task_pid(task_parent(c)) == ppid(), task_execname(c) == execname())
	t = pid2task(target())
	/* a sleep is TASK_INTERRUPTIBLE, with TASK_FREEZABLE (0x2000) in 6.1 */
	printf("%d %d %d %s %d\n", task_pid(t), task_tid(t),
	       task_pid(task_parent(t)), task_execname(t), task_state(t) & 0xff)
	printf("%d %d %d %d %d %d\n", task_uid(t), task_euid(t), task_gid(t),
	       task_egid(t), task_nice(t), task_prio(t))
	println(task_cpu(t) >= 0 && task_cpu(t) < num_online_cpus())
	printf("%s|%d|%s|\n", pid2execname(target()), pid2task(-5),
	       pid2execname(0x7fffffff))
	try { println(task_execname(8)) } catch (m) { println(m) }
	try { println(task_pid(0)) } catch (m) { println(m) }
	/* a fault in a runtime helper, near the function too */
	println(task_uid(16))
	println("not reached")
}' &&
	"$STAP" -p4 -r "$KVER" -m t_tf_misc -e '
probe begin {
	println(errno_str(2), " ", errno_str(-2), " ", errno_str(35), " [",
		errno_str(0), errno_str(512), errno_str(3333), "] ",
		errno_p(-22), errno_p(512))
	println(return_str(1, -2), "|", return_str(1, 7), "|",
		return_str(2, 255), "|", return_str(3, 8), "|",
		return_str(1, -512), "|", returnstr(1))
	println(registers_valid(), user_mode(), addr())
	try { println(int_arg(1)) } catch (m) { println(m) }
	try { println(register("rax")) } catch (m) { println(m) }
	printf("[%s]\n", thread_indent(1))
	printf("[%s]\n", thread_indent(1))
	printf("[%s]\n", thread_indent(-1))
	printf("[%s]\n", thread_indent(-1))
	printf("%s(%d)\n", execname(), tid())
	printf("[%s][%s]\n", indent(1), indent(-1))
	ansi_clear_screen() ansi_set_color(31) ansi_set_color(31, 42)
	ansi_set_color(31, 42, 1) ansi_set_color(31, 42, 0) ansi_reset_color()
	ansi_new_line() ansi_cursor_move(3, 4) ansi_cursor_hide()
	ansi_cursor_save() ansi_cursor_restore() ansi_cursor_show()
	println()
	println(MAJOR(MKDEV(8, 17)), " ", MINOR(MKDEV(8, 17)), " ",
		MKDEV(8, 17), " ", usrdev2kerndev(0x811))
	start_stopwatch("a") stop_stopwatch("a")
	println(read_stopwatch_ns("a") >= 0, read_stopwatch_us("b"),
		read_stopwatch_ms("a") >= 0, read_stopwatch_s("b"))
	delete_stopwatch("a")
	println(returnval())
}' &&
	"$STAP" -p4 -r "$KVER" -m t_tf_args -e '
global want
probe kprobe.function("vfs_read") {
	if (execname() != "dd" || int_arg(3) != 12345)
		next
	want[tid()] = 1
	printf("%d %d %d %d %d %d %d\n", int_arg(3), uint_arg(3), long_arg(3),
	       s32_arg(3), u64_arg(3), register("rdx"), u_register("dx"))
	/* long_arg(7) is on the stack: it is read, whatever it is */
	println(pointer_arg(2) != 0, user_mode(), addr() != 0, registers_valid(),
		long_arg(7) == long_arg(7))
}
probe kprobe.function("vfs_read").return {
	if (!want[tid()])
		next
	delete want[tid()]
	printf("%d %s %s\n", returnval(), returnstr(1), returnstr(2))
}'
	;;
run)
	setpriv --reuid=1234 --regid=2345 --clear-groups \
		nice -n 5 sleep 60 &
	spid=$!
	for i in $(seq 100); do
		[ "$(cat /proc/$spid/comm 2> /dev/null)" = sleep ] && \
			grep -q '^State:.*S' /proc/$spid/status && break
		sleep 0.1
	done
	out=$("$STAPRUN" -x $spid "$OUT/t_tf_task.ko" 2> /tmp/tf.err)
	rc=$?
	kill $spid
	expect_eq "tasks: output" "1111
$spid $spid $$ sleep 1
1234 1234 2345 2345 5 25
1
sleep|0||" "$(head -n 5 <<< "$out")"
	expect_match "tasks: task_execname(8)" \
		'^kernel string copy fault at 0x[0-9a-f]+ \[man error::fault\]$' \
		"$(sed -n 6p <<< "$out")"
	expect_match "tasks: task_pid(0)" \
		'^read fault \[man error::fault\] at 0x[0-9a-f]+$' \
		"$(sed -n 7p <<< "$out")"
	expect_eq "tasks: lines" 7 "$(wc -l <<< "$out")"
	expect_match "tasks: task_uid(16)" \
		"^ERROR: read fault \[man error::fault\] at 0x[0-9a-f]+ near identifier 'task_uid' at $(at task.stp task_uid)\$" \
		"$(head -n 1 /tmp/tf.err)"
	expect_eq "tasks: exit status" 1 $rc

	out=$("$STAPRUN" "$OUT/t_tf_misc.ko" 2> /tmp/tf.err)
	rc=$?
	expect_eq "misc: errno" "ENOENT ENOENT EDEADLOCK [] 220
-2 (ENOENT)|7|0xff|010|-512|N/A
000
cannot access function args in this context
cannot access CPU registers in this context" "$(head -n 5 <<< "$out")"
	self=$(sed -n 10p <<< "$out")
	expect_eq "misc: thread_indent 1" "[     0 $self:]" "$(sed -n 6p <<< "$out")"
	expect_match "misc: thread_indent 2" "^\[ *[0-9]+ ${self//[()]/.}: \]\$" "$(sed -n 7p <<< "$out")"
	expect_match "misc: thread_indent 3" "^\[ *[0-9]+ ${self//[()]/.}: \]\$" "$(sed -n 8p <<< "$out")"
	expect_match "misc: thread_indent 4" "^\[ *[0-9]+ ${self//[()]/.}:\]\$" "$(sed -n 9p <<< "$out")"
	expect_match "misc: indent" '^\[     0 :\]\[ *[0-9]+ :\]$' "$(sed -n 11p <<< "$out")"
	expect_eq "misc: ansi" "$(printf '\033[1;1H\033[J\033[31m\033[42;31m\033[42;31;1m\033[42;31m\033[0;0m\n\033[4;3H\033[>5I\033[s\033[u\033[>5h')" \
		"$(sed -n 12,13p <<< "$out")"
	expect_eq "misc: dev, stopwatch" "8 17 8388625 8388625
1010" "$(sed -n 14,15p <<< "$out")"
	expect_eq "misc: lines" 15 "$(wc -l <<< "$out")"
	expect_eq "misc: returnval in begin" "ERROR: returnval() not defined in this context begin near identifier 'returnval' at $(at errno.stp returnval)
WARNING: Number of errors: 1, skipped probes: 0" "$(cat /tmp/tf.err)"
	expect_eq "misc: exit status" 1 $rc

	out=$("$STAPRUN" -c 'dd if=/dev/zero of=/dev/null bs=12345 count=1 2> /dev/null; dd if=/ of=/dev/null bs=12345 count=1 2> /dev/null' \
		"$OUT/t_tf_args.ko" 2> /tmp/tf.err)
	rc=$?
	expect_eq "args: output" "12345 12345 12345 12345 12345 12345 12345
10111
12345 12345 0x3039
12345 12345 12345 12345 12345 12345 12345
10111
-21 -21 (EISDIR) -21 (EISDIR)" "$out"
	expect_eq "args: stderr" "" "$(cat /tmp/tf.err)"
	expect_eq "args: exit status" 0 $rc
	no_handler_modules || fail "a stap_ module is still loaded"
	;;
esac
