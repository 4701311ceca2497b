/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kmod/runtime.h - private declarations shared by the files of systemtap.ko.
 *
 * Every .c file of the runtime includes this header first (it sets pr_fmt).
 */
#ifndef _STAP_RUNTIME_H
#define _STAP_RUNTIME_H

#define pr_fmt(fmt) "systemtap: " fmt

#include <linux/atomic.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/timer.h>
#include <linux/uidgid.h>
#include <linux/wait.h>
#include <linux/workqueue.h>
#include <stap/stap.h>
#include <stap/ctl.h>
#include <stap/probe_type.h>

#include "compat.h"

#define STAP_RUNTIME_VERSION	"0.1"

struct rchan;
struct rchan_buf;
struct proc_dir_entry;
struct stap_gmap;
struct pt_regs;
struct seq_file;

/*
 * Session states; a probe runs only in the state its type's enum stap_when
 * names (kmod/context.c maps one onto the other).
 */
enum stap_state {
	STAP_S_LOADED,		/* registered, waiting for ctl START */
	STAP_S_STARTING,	/* begin probes run */
	STAP_S_RUNNING,		/* probes armed, normal probes run */
	STAP_S_STOPPING,	/* exit requested; end probes run */
	STAP_S_ERROR,		/* error limit hit; error probes run */
	STAP_S_STOPPED,		/* everything disarmed, output flushed */
};

/* Per-CPU print buffer: the record header is built in front of the text. */
#define STAP_PRINT_BUFSIZE	8192

/* Per-CPU state of one session; locals_size bytes follow. */
struct stap_cpu {
	struct stap_context c;
	atomic_t busy;				/* reentrancy guard */
	u32 len;				/* text bytes in buf */
	char buf[sizeof(struct stap_trace_hdr) + STAP_PRINT_BUFSIZE + 1]; /* +NUL */
	u64 locals[];				/* m->locals_size bytes */
};

/* One message of the .cmd channel, module -> staprun. */
struct stap_msg {
	u32 type;
	u32 len;
	char data[STAP_CTL_MSG_MAX];
};

#define STAP_MSGQ_LEN		256	/* slots per session */
#define STAP_MSGQ_RESERVED	8	/* slots only control replies may use */
#define STAP_CTL_TIMER_MS	20	/* delivery timer, as SystemTap */

/* pde_data of a traceN file. */
struct stap_trace_file {
	struct stap_session *s;
	unsigned int cpu;
};

/* session->flags bits */
enum {
	STAP_SF_EXIT_REQ,	/* exit(): REQUEST_EXIT to be sent */
	STAP_SF_EXIT_SENT,
	STAP_SF_SKIP_REPORTED,	/* "Skipped too many probes" emitted */
	STAP_SF_OVF_WARN,	/* a warning was dropped: queue full */
	STAP_SF_OVF_ERR,
	STAP_SF_OVF_WARN_SENT,
	STAP_SF_OVF_ERR_SENT,
	STAP_SF_COND_DIRTY,	/* a STAP_PF_COND_WRITE handler ran */
};

/*
 * Statistics of one probe on one CPU (kmod/arming.c).  Only this_cpu ops
 * touch them in probe context: one instruction each, safe against the
 * interrupts and NMIs that may nest on the same CPU, no lock prefix.
 */
struct stap_pstat {
	u64 hits;		/* handler runs */
	u64 skips;		/* reentrancy, lock timeout */
	u64 ns;			/* local_clock() around the handler */
};

/* Arming state of one probe; process context only, under arm_mutex. */
struct stap_parm {
	bool user_off;		/* "disable" on the control file */
	bool cond_off;		/* its condition was false at the last eval */
	u64 missed;		/* the type's missed(), folded in at detach */
};

/* Where probe number idx of a session lives: sets[set], its probe i. */
struct stap_probe_ref {
	u32 set;
	u32 i;
};

struct stap_session {
	struct list_head list;			/* stap_sessions */
	const struct stap_module *m;
	const char *name;			/* m->owner->name */
	kuid_t uid;
	kgid_t gid;
	s32 target;

	atomic_t state;				/* enum stap_state */
	struct mutex ctl_mutex;			/* start / stop / unregister */
	bool dead;				/* being torn down */
	unsigned long flags;			/* STAP_SF_* */

	/* per-probe arming and statistics, see kmod/arming.c */
	u8 *probe_off;				/* [nprobes], the prologue's */
	struct stap_parm *parm;			/* [nprobes] */
	struct stap_pstat __percpu *stats;	/* [nprobes] on each CPU */
	struct mutex arm_mutex;			/* parm, attach, arming */
	bool attached;				/* probe types armed */
	struct stap_probe cond_probe;		/* runs m->cond_eval */
	struct work_struct cond_work;		/* re-evaluates conditions */

	/* the probes grouped by type, see kmod/probes.c */
	struct stap_probe_set *sets;		/* [nsets], script order */
	u32 nsets;
	struct stap_probe_ref *pref;		/* [nprobes] */
	u32 sets_init;				/* sets[0..n) had init called */
	u32 sets_attached;			/* sets[0..n) had attach called */

	struct stap_gmap *maps;			/* [nmaps], see map_store.h */
	u32 nmaps;

	struct stap_cpu **cpus;			/* [nr_cpu_ids], possible CPUs */
	arch_rwlock_t lock;			/* the script's global lock */
	atomic_t error_count;
	atomic_t skipped;
	atomic_t transport_failures;		/* records dropped: buffer full */
	atomic64_t lost_bytes;			/* their bytes */

	/* control channel */
	atomic_t ctl_open;			/* .cmd opened (exclusive) */
	bool transport_pending;			/* TRANSPORT goes first */
	raw_spinlock_t msg_lock;
	struct stap_msg *msgq;
	u32 msg_head;
	u32 msg_count;
	atomic_t msg_dropped;
	struct timer_list timer;
	u32 woken_seq;

	/* data channel */
	struct rchan *chan;
	struct cpumask overwrite;		/* detached: flight recorder */
	size_t subbuf_size;
	size_t n_subbufs;
	atomic_t seq;

	/* /proc/systemtap/MOD */
	struct proc_dir_entry *dir;
	struct stap_trace_file *trace_files;	/* [nr_cpu_ids] */
};

/*
 * What the core needs of the control plane (procfs/), handed over by
 * kmod/main.c so that the core never calls procfs/ itself.
 */
struct stap_session_hooks {
	/* /proc/systemtap/MOD with .cmd, .control and traceN */
	int (*dir_create)(struct stap_session *s);
	/* waits for running file operations, closes every open file */
	void (*dir_remove)(struct stap_session *s);
	/* readers of .cmd and traceN look again */
	void (*wake)(void);
};

/* One shared wait queue for every .cmd and traceN reader (see procfs/ctl.c). */
extern struct wait_queue_head stap_ctl_wq;

/* session.c */
void stap_session_hooks_set(const struct stap_session_hooks *h);
void stap_session_wake(void);
void stap_session_drained(struct stap_session *s);
int stap_session_start(struct stap_session *s, s32 target);
void stap_session_stop(struct stap_session *s);
void stap_request_exit(struct stap_session *s);
void stap_set_error_state(struct stap_session *s);
void stap_session_exit(struct stap_session *s);

/* context.c */
int stap_contexts_alloc(struct stap_session *s);
void stap_contexts_free(struct stap_session *s);
enum stap_hit stap_probe_run_cond(struct stap_session *s, int want_state);
void stap_count_skip(struct stap_session *s);

/* arming.c: per-probe statistics, enable/disable, conditions */
int stap_arming_init(struct stap_session *s);
void stap_arming_free(struct stap_session *s);
void stap_probes_sync(struct stap_session *s, bool eval);
void stap_probes_sync_dirty(struct stap_session *s);
void stap_cond_kick(struct stap_session *s);
void stap_probe_set_user(struct stap_session *s, u32 idx, bool on);
struct stap_probe_report {
	u64 hits, skips, ns;
	const char *state;	/* "on", "off" or "cond" */
};
void stap_probe_report(struct stap_session *s, u32 idx,
		       struct stap_probe_report *r);

/* probes.c: the registry of probe types, a session's probe sets */
int stap_probe_sets_init(struct stap_session *s);
void stap_probe_sets_free(struct stap_session *s);
void stap_probe_sets_start(struct stap_session *s);
int stap_probes_attach(struct stap_session *s);
void stap_probes_detach(struct stap_session *s);
void stap_probe_sets_stop(struct stap_session *s);
void stap_probe_arm(struct stap_session *s, u32 idx, bool on);
u64 stap_probe_missed(struct stap_session *s, u32 idx);
void stap_probe_types_show(struct seq_file *m);

/* random.c: usable in probe context, PREEMPT_RT included */
void stap_random_init(void);
u32 stap_random_u32(void);
u64 stap_random_u64(void);

/* the built-in probe types, registered by kmod/main.c */
int stap_kprobes_init(void);
void stap_kprobes_exit(void);
int stap_timers_init(void);
void stap_timers_exit(void);
int stap_tracepoints_init(void);
void stap_tracepoints_exit(void);
int stap_been_types_init(void);
void stap_been_types_exit(void);
int stap_procfs_types_init(void);
void stap_procfs_types_exit(void);

/* map_store.c */
int stap_maps_init(struct stap_session *s);
void stap_maps_free(struct stap_session *s);

/* print.c */
void stap_print_flush(struct stap_session *s, struct stap_cpu *sc);

/* msg.c */
int stap_msg_init(struct stap_session *s);
void stap_msg_free(struct stap_session *s);
int stap_msg_ctl(struct stap_session *s, u32 type, const void *data, u32 len);
void stap_oob(struct stap_session *s, const char *fmt, ...) __printf(2, 3);
bool stap_msg_pop(struct stap_session *s, struct stap_msg *out);
bool stap_msg_pending(struct stap_session *s);

/* relay.c */
int stap_relay_open(struct stap_session *s);
void stap_relay_close(struct stap_session *s);
bool stap_relay_write(struct stap_session *s, void *rec, size_t len);
bool stap_relay_buf_has_data(struct rchan_buf *buf);
bool stap_relay_has_data(struct stap_session *s);
void stap_relay_attach(struct stap_session *s);
void stap_relay_detach(struct stap_session *s);

/* procfs/ */
int stap_proc_init(void);
void stap_proc_exit(void);
int stap_proc_session_create(struct stap_session *s);
void stap_proc_session_remove(struct stap_session *s);
void stap_ctl_wake(void);
int stap_control_create(struct stap_session *s);

#endif /* _STAP_RUNTIME_H */
