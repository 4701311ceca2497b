/* SPDX-License-Identifier: GPL-2.0 */
/*
 * translator/session.h - one run of stap: options, paths and the passes.
 */
#ifndef _STAP_SESSION_H
#define _STAP_SESSION_H

#include "ast.h"

#define STAP_VERSION	"0.1"
/* Part of every cache key: bump when emitted code changes meaning. */
#define STAP_TRANSLATOR_ID	"stap-translator " STAP_VERSION "/emit-5"

struct probe_family;

/*
 * A probe point resolved against one probe body (SystemTap's derived
 * probe).  Its family (probe.h, one probe_*.c file each) filled the rest.
 */
struct dprobe {
	struct probe *probe;
	struct probe_point *pp;
	const struct probe_family *family;
	int variant;		/* which of the family's point syntaxes */
	const char *rtype;	/* runtime probe type name; NULL: never registered */
	const char *flags;	/* STAP_PF_* the type adds, or NULL */
	void *data;		/* the family's own */
	char *pp_text;		/* what pp() returns */
	char *origin;		/* -p2: the alias chain it came from */
	char *list_text;	/* -l: the point as the script named it */
	int handler;		/* index of the probe body's handler */
};

struct session {
	/* options */
	int verbose;
	int last_pass;
	const char *script_file;	/* NULL with -e */
	const char *script_text;	/* -e */
	const char *list_pattern;	/* -l / -L */
	bool list_vars;			/* -L */
	struct vec args;		/* script arguments (char *) */
	bool *used_args;		/* args[i] was pasted by $N/@N */
	unsigned char *arg_use;		/* [N]: ARG_NUM, ARG_STR (emit_args.c) */
	bool guru;			/* -g */
	bool uses_pn;			/* pass 3: pn() is called */
	const char *module_name;	/* -m */
	bool keep_tmpdir;
	bool use_cache;
	bool suppress_warnings;
	bool suppress_handler_errors;	/* --suppress-handler-errors */
	int bufsize;			/* -s, 0 = default */
	const char *output_file;	/* -o */
	const char *size_option;	/* -S size[,N] */
	const char *target_cmd;		/* -c */
	int target_pid;			/* -x, 0 = none */
	bool load_only;			/* -F */
	unsigned long timeout;		/* -T SECS, 0 = none */
	struct vec defines;		/* -D NAME=VALUE (char *) */
	struct vec globals_set;		/* -G var=val (char *) */
	struct vec include_dirs;	/* -I (char *) */
	const char *runtime_dir;	/* -R or default */
	const char *kver;		/* -r or default */
	const char *kbuild_dir;		/* /lib/modules/KVER/build */
	bool kver_running;		/* KVER is the running kernel */

	/* derived */
	const char *exe_dir;		/* dir of /proc/self/exe */
	const char *data_dir;		/* .../share/stap */
	const char *stap_dir;		/* $SYSTEMTAP_DIR or ~/.systemtap */
	char *tmpdir;
	char *modname;			/* stap_<hash> or -m */
	char *hash;			/* hex */
	char *cache_c, *cache_ko;	/* cache paths */
	char *src_path, *ko_path;	/* in tmpdir */

	/* passes */
	struct program prog;
	int nlibrary;			/* tapset files parsed */
	struct vec lib_macros;		/* struct macro *, from *.stpm */
	struct vec dprobes;		/* struct dprobe * */
	int nhandlers;
	int nfunctions;			/* distinct functions called */
	int maxnesting;			/* SystemTap's static MAXNESTING */
	struct vec regexes;		/* struct rx_prog *, regex_use.c */
	struct sbuf c_text;		/* pass 3 */
	int errors;
	int suppressed;			/* repeats SystemTap would print */
	struct vec warned;		/* warning texts printed (char *) */
	int suppressed_warnings;	/* repeats of those, not printed */
	unsigned error_sites;		/* SITE_* already reported */
};

/* errors.c */
void parse_error(struct session *s, const char *what, const struct token *t);
void parse_error_saw(struct session *s, const char *what,
		     const struct token *t, bool saw);
void semantic_error(struct session *s, const char *what,
		    const struct token *t1, const struct token *t2);
void semantic_error2(struct session *s, const char *what,
		     const struct token *t1, const char *what2,
		     const struct token *t2);
void print_warning(struct session *s, const char *what,
		   const struct token *t);
void token_print(struct sbuf *sb, const struct token *t);
void token_describe(struct sbuf *sb, const struct token *t);

/* lex.c */
struct token **lex(struct session *s, const struct source *src, int *ntok);

/* preproc.c: macros and %( %) conditionals over a lexed source */
struct token **preprocess(struct session *s, struct token **toks, int *ntok);
void load_library_macros(struct session *s, const char *dir);

/* parse.c */
int parse_source(struct session *s, const struct source *src, bool user);

/* library.c: the tapset files the parsed script needs, parsed */
void library_load(struct session *s);

/* elaborate.c */
int elaborate(struct session *s);
void program_dump(struct session *s, struct sbuf *sb);	/* -p2, cache key */
bool global_shown(const struct symbol *g);	/* -p2 lists it */

/* cond.c: the 'probe POINT if (cond)' conditions of a body */
void probe_conds(struct stmt *st, struct vec *out);

/* probes.c: resolve_pp returns the number of probes derived, -1 on error */
int resolve_pp(struct session *s, struct probe *p, struct probe_point *pp,
	       int handler);
void resolve_probes(struct session *s);

/* probe_list.c: stap -l / -L PATTERN */
int list_probes(struct session *s);

/* functions.c */
void functions_link(struct session *s);
struct function *function_find(struct session *s, const struct token *call,
			       int nargs, bool *reported);
void functions_nesting(struct session *s);

/* symbols.c: does KVER have this function? */
int kernel_has_function(struct session *s, const char *name);

/* symbols.c: the functions of KVER matching a glob, sorted, unique */
void kernel_functions(struct session *s, const char *glob, struct vec *out);

/* btf.c */
struct btf;
struct btf *kernel_btf(struct session *s);
int btf_has_function(struct session *s, const char *name);
void btf_functions(struct session *s, const char *glob, struct vec *out);

/* emit.c */
int emit(struct session *s);

/* build.c */
int build_module(struct session *s);
char *runtime_include(struct session *s);
char *runtime_symvers(struct session *s);

/* cache.c */
void cache_key(struct session *s);
bool cache_lookup(struct session *s);
void cache_store(struct session *s);

/* kbuild_replay.c */
int kbuild_replay(struct session *s);
void kbuild_replay_learn(struct session *s);

/* hash.c */
void hash128_hex(const void *data, size_t len, char out[33]);

/* run.c */
int run_module(struct session *s);

/* run_opts.c: -o -S -c -x -F -T and -m, as 4.8 checks them */
void opt_size(struct session *s, const char *arg);
void opt_module_name(struct session *s, const char *arg);
void opt_cmd(struct session *s, const char *arg);
void opt_pid(struct session *s, const char *arg);
void opt_timeout(struct session *s, const char *arg);
void opts_check(struct session *s);
int parse_timeout_probe(struct session *s);

/* main.c: "Try '--help' ..." and exit 1 */
void try_help(void) __attribute__((noreturn));

#endif /* _STAP_SESSION_H */
