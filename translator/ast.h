/* SPDX-License-Identifier: GPL-2.0 */
/*
 * translator/ast.h - tokens and the abstract syntax tree of a script.
 *
 * Expressions and statements are tagged nodes; every node keeps the token
 * that names it so any later pass can report an error at the right place.
 * Elaboration (elaborate.c) fills in types and resolves names in place.
 */
#ifndef _STAP_AST_H
#define _STAP_AST_H

#include <stdbool.h>
#include <stdint.h>

#include "util.h"

struct source {
	const char *name;	/* file name, "<input>" for -e */
	const char *text;
	bool user;		/* user script (not a tapset) */
};

enum tok_type {
	TOK_EOF,
	TOK_IDENT,
	TOK_KEYWORD,
	TOK_NUMBER,
	TOK_STRING,
	TOK_OP,
	TOK_EMBEDDED,
	TOK_JUNK,	/* a lexical error the parser reports when it meets it */
	TOK_ERROR,	/* a preprocessor error, reported where it occurred */
};

enum junk_kind {
	JUNK_UNKNOWN,
	JUNK_NESTED_ARG,	/* $N inside the text of another $N */
	JUNK_INVALID_ARG,	/* $N/@N out of range */
	JUNK_UNCLOSED_QUOTE,
	JUNK_UNCLOSED_EMBEDDED,
};

struct token {
	enum tok_type type;
	const char *text;	/* as written; strings without quotes */
	const char *str;	/* TOK_STRING: escapes decoded */
	const struct source *src;
	int line, col;
	bool nl_before;		/* a newline precedes it (for -p1 only) */
	const struct token *chain;	/* macro invocation it came from */
	int arg;		/* pasted from script argument $N/@N: N */
	bool arg_at;		/* ... by @N (a string literal) */
	enum junk_kind junk;	/* TOK_JUNK */
	const struct token *at;	/* TOK_ERROR: where (text is the message) */
};

enum type { T_UNKNOWN, T_LONG, T_STRING, T_STATS };

#define MAX_KEYS	9

const char *type_name(enum type t);

enum expr_kind {
	E_NUMBER,
	E_STRING,
	E_VAR,		/* sym */
	E_UNARY,	/* op left: - + ! ~ */
	E_BINARY,	/* left op right: arithmetic, bitwise */
	E_COMPARE,	/* < > <= >= == != on longs or strings */
	E_LOGICAL,	/* && || */
	E_CONCAT,	/* . */
	E_TERNARY,	/* cond ? left : right */
	E_ASSIGN,	/* left op right: = += ... .= */
	E_INCDEC,	/* ++/-- left, post says which */
	E_CALL,		/* name(args): builtin or function */
	E_INDEX,	/* sym[args] (args NULL: '*'); left: @hist_* */
	E_IN,		/* [args] in sym */
	E_STATOP,	/* op(left[, args]): @count ... @hist_linear */
	E_REGEX,	/* left =~ right, left !~ right: right is the E_STRING
			 * regex as written; num: index in session.regexes */
	E_TARGET,	/* a $target variable its probe type resolved (procfs
			 * $value: a string), or refused (target_err) */
};

struct symbol;
struct builtin;
struct function;
struct target_var;

struct expr {
	enum expr_kind kind;
	enum type type;
	const struct token *tok;	/* operator, name or literal */
	const char *op;
	struct expr *left, *right, *cond;
	int64_t num;
	const char *str;		/* E_STRING, decoded */
	const char *raw;		/* E_STRING: as SystemTap keeps it (-p1) */
	bool negated;			/* E_NUMBER: folded from unary '-' */
	int param;			/* literal that is all of $N/@N: N */
	struct symbol *sym;		/* E_VAR */
	struct vec args;		/* E_CALL: struct expr * */
	bool post;			/* E_INCDEC */
	const struct builtin *bi;	/* E_CALL resolved to a builtin */
	struct function *fn;		/* E_CALL resolved to a function */
	struct target_var *tv;		/* E_TARGET: accepted, its C (probe.h) */
	const char *target_err;		/* E_TARGET: why it was refused */
	int target_errs;		/* E_TARGET: times SystemTap chained it */
	int target_seen;		/* E_TARGET: walk that reported it */
	bool untyped_seen;		/* E_VAR: reported without a type */
	/* $name->a[2]->b: E_STRING member names and [N] E_NUMBER indexes,
	 * in order; addr_of: written &$name... */
	struct vec path;
	bool addr_of;
};

enum stmt_kind {
	S_NULL,
	S_BLOCK,	/* stmts */
	S_EXPR,		/* expr */
	S_IF,		/* cond then els */
	S_WHILE,	/* cond body */
	S_FOR,		/* init cond incr body */
	S_BREAK,
	S_CONTINUE,
	S_NEXT,
	S_RETURN,	/* expr or NULL */
	S_TRY,		/* body, catch in els, catch(var) in expr */
	S_DELETE,	/* delete expr */
	S_FOREACH,	/* see struct foreach */
	S_EMBEDDED,	/* a function body in C: tok is its %{ %} */
};

struct foreach {
	struct expr *value;		/* v = ..., or NULL */
	struct vec keys;		/* struct expr * (E_VAR) */
	struct expr *array;		/* E_VAR or E_INDEX slice */
	int sort_key;			/* 0 value, 1..9 key, -1 none */
	int sort_dir;			/* 1 +, -1 -, 0 none */
	const char *stat_field;		/* "@sum" ... or NULL */
	struct expr *limit;
};

struct stmt {
	enum stmt_kind kind;
	const struct token *tok;
	struct expr *expr, *cond;
	struct stmt *then, *els, *body, *init, *incr;
	struct vec stmts;	/* S_BLOCK: struct stmt * */
	struct foreach *fe;	/* S_FOREACH */
	bool probe_cond;	/* S_IF: the 'probe POINT if (cond)' check */
	const struct token *lead;	/* S_EXPR: its first token (elide.c) */
};

/* A variable: a global, a probe/function local or a function parameter. */
struct symbol {
	const char *name;
	enum type type;
	const struct token *tok;	/* declaration or first use */
	const struct token *type_tok;	/* where the type was first inferred */
	int nkeys;			/* array: number of keys, else 0 */
	const struct token *arity_tok;	/* where the arity was first seen */
	enum type keys[MAX_KEYS];	/* key types */
	const struct token *key_tok[MAX_KEYS];
	int64_t size;			/* global a[N] */
	bool wrap;			/* global a% */
	int map;			/* index in the module's maps */
	int hist;			/* 0, 1 @hist_log, 2 @hist_linear */
	bool variance;			/* @variance(s) is read somewhere */
	int64_t hist_args[3];
	struct expr *init;		/* global initializer literal */
	bool global, param;
	bool read, written;
	bool synthetic;			/* made by the translator */
	bool cond_read;			/* a probe condition reads it */
	bool mismatched;		/* type mismatch already reported */
	bool elided;			/* assignments to it were dropped */
};

/* Names visible in a probe or function body; globals are the parent. */
struct scope {
	struct vec syms;	/* struct symbol * */
	struct scope *parent;
};

struct symbol *scope_find(struct scope *sc, const char *name, bool up);

struct component {
	const char *name;
	const struct token *tok;
	struct expr *arg;	/* literal argument or NULL */
};

struct probe_point {
	struct vec comps;	/* struct component * */
	const struct token *tok;
	bool optional;		/* ? */
	bool sufficient;	/* ! */
	struct expr *cond;	/* if (cond), or NULL */
};

struct probe {
	struct vec pps;		/* struct probe_point * */
	struct stmt *body;
	const struct token *tok;
	struct scope locals;
	struct vec callees;	/* struct function *, for MAXNESTING */
	bool synthetic;		/* e.g. the global display end probe */
	struct vec names;	/* alias: struct probe_point *; pps: targets */
	bool epilogue;		/* alias defined with += */
	bool user;		/* from the user script (not a library) */
};

struct function {
	const char *name;
	enum type type;		/* return type */
	const struct token *tok, *type_tok;
	struct vec params;	/* struct symbol * */
	struct stmt *body;
	struct scope locals;
	struct function *overload;	/* next of the same name and arity */
	struct vec callees;		/* struct function *, for MAXNESTING */
	int id;				/* emitted as fn<id> */
	bool used;
	bool has_next;			/* a 'next' statement: overload chain */
	bool on_stack;			/* MAXNESTING walk */
};

/* One parsed file and, after elaboration, the whole program. */
/*
 * A probe type a provider module adds, declared in a tapset file:
 *
 *   probe_type "netfilter" netfilter.hook(string:hook),
 *                          netfilter.hook(string:hook).priority(number:priority)
 *   {
 *       $length:long = stap_nf_length
 *       $verdict:long = stap_nf_verdict, stap_nf_set_verdict
 *   }
 *
 * (probe_described.c).  Each point's arguments reach the provider by
 * name; each $name is read (and, with -g, written) by the provider's
 * exported accessor functions.
 */
struct ptype_var {
	const struct token *tok;
	const char *name;		/* "$length" */
	enum type type;
	const char *get, *set;		/* accessor functions; set may be NULL */
};

struct ptype_decl {
	const struct token *tok;
	const char *rtype;		/* the runtime type name */
	struct vec points;		/* char *: "netfilter.hook(string)" */
	struct vec argnames;		/* struct vec * per point: char * names */
	struct vec vars;		/* struct ptype_var * */
};

struct program {
	struct vec files;	/* struct source * */
	struct vec ptypes;	/* struct ptype_decl * */
	struct vec probes;	/* struct probe * */
	struct vec aliases;	/* struct probe * with names */
	struct vec globals;	/* struct symbol * */
	struct vec functions;	/* struct function * */
	struct vec embeds;	/* struct token *: top-level %{ %} */
	struct scope gscope;
};

struct expr *expr_new(enum expr_kind kind, const struct token *tok);
struct stmt *stmt_new(enum stmt_kind kind, const struct token *tok);

/* Print a probe point as pp() shows it: kprobe.function("vfs_read") */
void pp_print(struct sbuf *sb, const struct probe_point *pp);
/* ... with ' if (cond)' as SystemTap's pp() shows a conditional point */
void pp_print_cond(struct sbuf *sb, const struct probe_point *pp);
/* Pretty-print the script (-p1), with types when typed (-p2, cache key) */
void program_print(struct sbuf *sb, const struct program *prog, bool typed);
void expr_print(struct sbuf *sb, const struct expr *e);
void path_print(struct sbuf *sb, const struct expr *e);
void cast_print(struct sbuf *sb, const struct expr *e,
		void (*print)(struct sbuf *, const struct expr *));
void stmt_print(struct sbuf *sb, const struct stmt *s, int indent);
void c_string(struct sbuf *sb, const char *s);	/* quoted, escaped */
/* -p1: the parse tree as SystemTap 4.8 prints it (p1print.c) */
void p1_print(struct sbuf *sb, const struct program *prog, const char *file);

#endif /* _STAP_AST_H */
