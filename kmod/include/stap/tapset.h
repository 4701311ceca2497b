/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kmod/include/stap/tapset.h - SystemTap's common tapset functions, as
 * helpers exported by systemtap.ko.
 *
 * Generated handler modules call these instead of carrying the tapset's
 * embedded C.  They run in probe context: they never sleep or allocate.
 * A string result goes to dst, a buffer of n bytes (the handler module's
 * MAXSTRINGLEN).  A helper that can fail sets c->last_error (formatted into
 * c->error_buf) with SystemTap's text; the caller then unwinds.
 */
#ifndef _STAP_TAPSET_H
#define _STAP_TAPSET_H

struct stap_context;

/* tapset_task.c: the current task and the probe point */
s64 stap_pid(void);
s64 stap_tid(void);
s64 stap_ppid(void);
s64 stap_pgrp(void);
s64 stap_sid(void);
s64 stap_uid(void);
s64 stap_euid(void);
s64 stap_gid(void);
s64 stap_egid(void);
s64 stap_cpu(void);
s64 stap_num_online_cpus(void);
void stap_execname(char *dst, size_t n);
void stap_pexecname(char *dst, size_t n);
void stap_cmdline_args(char *dst, size_t n, s64 first, s64 last,
		       const char *delim);
s64 stap_is_return(struct stap_context *c);
void stap_ppfunc(struct stap_context *c, char *dst, size_t n);
void stap_probefunc(struct stap_context *c, char *dst, size_t n);
void stap_probemod(struct stap_context *c, char *dst, size_t n);
/* task_uid/euid/gid/egid(task): a read fault sets c->last_error */
enum { STAP_ID_UID, STAP_ID_EUID, STAP_ID_GID, STAP_ID_EGID };
s64 stap_task_cred_id(struct stap_context *c, s64 task, int which);

/* tapset_time.c: clocks, ctime, randint */
s64 stap_gettimeofday_ns(void);
s64 stap_local_clock_ns(void);
s64 stap_cpu_clock_ns(struct stap_context *c, s64 cpu);
s64 stap_get_cycles(void);
s64 stap_jiffies(void);
s64 stap_hz(void);
void stap_ctime(struct stap_context *c, char *dst, size_t n, s64 secs);
s64 stap_randint(struct stap_context *c, s64 n);

/* tapset_string.c: string functions */
void stap_substr(char *dst, size_t n, const char *s, s64 start, s64 len);
s64 stap_stringat(struct stap_context *c, const char *s, s64 pos);
s64 stap_strpos(const char *s, const char *t);
s64 stap_isdigit(const char *s);
void stap_str_replace(char *dst, size_t n, const char *s, const char *srch,
		      const char *rplc);
void stap_text_strn(char *dst, size_t n, const char *s, s64 len, s64 quoted);
s64 stap_strtol(const char *s, s64 base);
void stap_tokenize(struct stap_context *c, char *dst, size_t n,
		   const char *input, const char *delim);

/* tapset_mem.c: fault-safe reads of kernel and user memory */
void stap_kernel_string(struct stap_context *c, char *dst, size_t n,
			s64 addr, s64 len, const char *err);
s64 stap_kernel_read(struct stap_context *c, s64 addr, int size);
s64 stap_kderef(struct stap_context *c, s64 addr, int size);
void stap_user_string(struct stap_context *c, char *dst, size_t n, s64 addr,
		      s64 len, const char *err);
void stap_user_string_quoted(char *dst, char *tmp, size_t n, s64 addr);
s64 stap_user_read(s64 addr, int size);

#endif /* _STAP_TAPSET_H */
