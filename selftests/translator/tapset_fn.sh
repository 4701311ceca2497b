#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The library's task, errno, register, indent, ansi, dev and stopwatch
# functions (translator/tapset/): found through the index (only the files
# needed are parsed), typed as 4.8 types them, mistakes reported at the
# library file, and every one of them compiles into one module.
. "$(dirname "$0")/../lib.sh"
export SYSTEMTAP_DIR=$(mktemp -d)
trap 'rm -rf "$SYSTEMTAP_DIR"' EXIT
installed=$(realpath "$(dirname "$STAP")/../share/stap/tapset")

got=$("$STAP" -p2 -r "$KVER" -e 'probe begin { println(task_pid(task_current()), errno_str(2)) }' 2>&1 |
	sed -n '/^# functions/,$p')
expect_eq "-p2: task_pid, errno_str" "# functions
task_current:long ()
task_pid:long (task:long)
errno_str:string (err:long)
# probes
begin /* <- begin */
{
  println(task_pid(task_current()), errno_str(2))
}" "$got"

got=$("$STAP" -p2 -r "$KVER" -e 'probe begin { println(u32_arg(1), return_str(1, -2)) }' 2>&1 |
	sed -n '/^# functions/,$p')
expect_eq "-p2: u32_arg, return_str" "# functions
_stp_arg2:long (argnum:long, sign_extend:long, truncate:long, force64:long)
uint_arg:long (argnum:long)
u32_arg:long (argnum:long)
errno_str:string (err:long)
errno_p:long (err:long)
return_str:string (format:long, ret:long)
# probes
begin /* <- begin */
{
  println(u32_arg(1), return_str(1, -2))
}" "$got"

v() {
	"$STAP" -v -p2 -r "$KVER" -e "$1" 2>&1 | sed -n 's/ using .*//p'
}
expect_eq "-v: the files needed" "Pass 1: parsed user script and 5 library scripts
Pass 2: analyzed script: 1 probe, 16 functions, 3 embeds, 2 globals" \
	"$(v 'probe begin { println(pid2execname(1), int_arg(1), errno_str(1), thread_indent(1)) }')"
expect_eq "-v: script only" "Pass 1: parsed user script and 1 library script
Pass 2: analyzed script: 1 probe, 2 functions, 0 embeds, 0 globals" \
	"$(v 'probe begin { ansi_reset_color() }')"

line=$(grep -n '^function int_arg:' "$installed/registers.stp" | cut -d: -f1)
got=$("$STAP" -p2 -r "$KVER" -e 'probe begin { println(int_arg()) }' 2>&1)
expect_eq "arity mismatch at the library file" "semantic error: arity mismatch found (function 'int_arg' takes 1 args): identifier 'int_arg' at <input>:1:23
        source: probe begin { println(int_arg()) }
                                      ^
identifier 'int_arg' at $installed/registers.stp:$line:10
        source: function int_arg:long (argnum:long) {
                         ^

Pass 2: analysis failed.  [man error::pass2]" "$got"

got=$("$STAP" -p2 -r "$KVER" -e 'probe begin { println(task_execname("x")) }' 2>&1)
expect_eq "type mismatch, as 4.8 words it" "semantic error: type mismatch: expected string but found long: string 'x' at <input>:1:37
        source: probe begin { println(task_execname(\"x\")) }
                                                    ^

Pass 2: analysis failed.  [man error::pass2]" "$got"

# every function, in one module: the embedded C compiles without a warning
got=$("$STAP" -p4 -r "$KVER" -m t_tapset_fn_all -e '
probe kprobe.function("vfs_read") {
	t = task_current()
	println(task_pid(t), task_tid(t), task_parent(t), task_execname(t),
		task_state(t), task_uid(t), task_euid(t), task_gid(t),
		task_egid(t), task_nice(t), task_prio(t), task_cpu(t),
		pid2task(1), pid2execname(1))
	println(errno_str(2), errno_p(2), return_str(1, 2), returnval(),
		returnstr(1))
	println(int_arg(1), uint_arg(1), long_arg(1), ulong_arg(1),
		longlong_arg(1), ulonglong_arg(1), pointer_arg(1), s32_arg(1),
		u32_arg(1), s64_arg(1), u64_arg(1), arch_bytes(),
		registers_valid(), user_mode(), addr(), register("eax"),
		u_register("ah"))
	asmlinkage() fastcall()
	println(thread_indent(1), thread_indent_depth(-1), indent(1),
		indent_depth(-1))
	ansi_clear_screen() ansi_set_color(1) ansi_set_color(1, 2)
	ansi_set_color(1, 2, 3) ansi_set_color2(1, 2) ansi_set_color3(1, 2, 3)
	ansi_reset_color() ansi_new_line() ansi_cursor_move(1, 2)
	ansi_cursor_hide() ansi_cursor_save() ansi_cursor_restore()
	ansi_cursor_show()
	println(MAJOR(1), MINOR(1), MKDEV(1, 2), usrdev2kerndev(1))
	start_stopwatch("a") stop_stopwatch("a") delete_stopwatch("a")
	println(read_stopwatch_ns("a"), read_stopwatch_us("a"),
		read_stopwatch_ms("a"), read_stopwatch_s("a"))
	exit()
}' 2>&1)
expect_eq "-p4: all of them" "t_tapset_fn_all.ko" "$got"
