// SPDX-License-Identifier: GPL-2.0
/*
 * translator/main.c - stap: command line and the pass driver.
 *
 *   stap [options] SCRIPTFILE [ARGS]     stap [options] -e SCRIPT [ARGS]
 *
 * Pass 1 parses, 2 elaborates, 3 emits C, 4 builds the module (both
 * skipped on a cache hit), 5 runs it with staprun.  -p N stops after N.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "groups.h"
#include "session.h"

static void usage(FILE *f)
{
	fprintf(f,
"Usage: stap [options] FILE                    Run script in file.\n"
"   or: stap [options] -                       Run script on stdin.\n"
"   or: stap [options] -e SCRIPT               Run given script.\n"
"\n"
"Options (in ~/.systemtap/rc and on command line):\n"
"   --         end of translator options, script options follow\n"
"   -h --help  list of supported options\n"
"   -V --version\n"
"              show version info\n"
"   -v         add verbosity to all passes\n"
"   -w         suppress warnings\n"
"   -p NUM     stop after pass NUM 1-5, instead of 5\n"
"   -I DIR     look in DIR for additional .stp script files\n"
"   -D NM=VAL  emit macro definition into generated C code\n"
"   -G VAR=VAL set global variable to value\n"
"   -R DIR     look in DIR for runtime, instead of the installed one\n"
"   -r DIR     cross-compile to kernel with given build tree; or else\n"
"   -r RELEASE cross-compile to kernel /lib/modules/RELEASE/build\n"
"   -m MODULE  set probe module name, instead of stap_<hash>\n"
"   -k         keep temporary directory\n"
"   -s NUM     buffer size in megabytes, instead of default\n"
"   -o FILE    send script output to file, instead of stdout. This supports\n"
"              strftime(3) formats for FILE\n"
"   -S size[,n] switches output file to next file when the size\n"
"              of file reaches the specified size. The value\n"
"              should be an integer greater than 1 which is\n"
"              assumed to be the maximum file size in MB.\n"
"              When the number of output files reaches n, it\n"
"              switches to the first output file. You can omit\n"
"              the second argument.\n"
"   -c CMD     start the probes, run CMD, and exit when it finishes\n"
"   -x PID     sets target() to PID\n"
"   -F         run as on-file flight recorder with -o.\n"
"              run as on-memory flight recorder without -o.\n"
"   -T TIME    terminate the script after TIME seconds\n"
"   -e SCRIPT  run given script\n"
"   --disable-cache\n"
"              do not use the module cache\n"
"   --suppress-handler-errors\n"
"              catch all runtime errors, quietly skip probe handlers\n");
}

/* 4.8's lines; the [man ...] hint is explained once per run. */
void try_help(void)
{
	fputs("Try '--help' for more information. [man stap]\n"
	      "A message like [man foo] means for more info, run % man foo\n",
	      stderr);
	exit(1);
}

static int cmp_ver_desc(const void *a, const void *b)
{
	return strverscmp(*(char *const *)b, *(char *const *)a);
}

/* The running kernel if its build tree exists, else the newest kernel
 * with both /boot/vmlinuz-KVER and /lib/modules/KVER/build. */
static const char *default_kver(const char *running)
{
	char *build = xasprintf("/lib/modules/%s/build", running);
	struct vec v = { 0 };
	struct dirent *de;
	const char *best = running;
	DIR *d;
	int i;

	if (is_dir(build))
		goto out;
	d = opendir("/boot");
	while (d && (de = readdir(d)))
		if (!strncmp(de->d_name, "vmlinuz-", 8))
			vec_push(&v, xstrdup(de->d_name + 8));
	if (d)
		closedir(d);
	qsort(v.v, v.n, sizeof(*v.v), cmp_ver_desc);
	for (i = 0; i < v.n; i++) {
		free(build);
		build = xasprintf("/lib/modules/%s/build", (char *)v.v[i]);
		if (is_dir(build)) {
			best = v.v[i];
			break;
		}
	}
out:
	free(build);
	return best;
}

static void setup_kernel(struct session *s, const char *r)
{
	struct utsname u;

	uname(&u);
	if (r && strchr(r, '/')) {	/* -r BUILDDIR */
		char *rel = xasprintf("%s/include/config/kernel.release", r);
		char *text = read_file(rel, NULL);

		s->kbuild_dir = r;
		s->kver = text ? strtok(text, "\n") : u.release;
		free(rel);
	} else {
		s->kver = r ? r : default_kver(xstrdup(u.release));
		s->kbuild_dir = xasprintf("/lib/modules/%s/build", s->kver);
	}
	s->kver_running = !strcmp(s->kver, u.release);
}

static void setup_paths(struct session *s)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	const char *home = getenv("HOME");
	char *slash;

	if (n < 0)
		n = 0;
	exe[n] = 0;
	slash = strrchr(exe, '/');
	s->exe_dir = slash ? xstrndup(exe, slash - exe) : xstrdup(".");
	s->data_dir = xasprintf("%s/../share/stap", s->exe_dir);
	if (!s->runtime_dir)
		s->runtime_dir = xasprintf("%s/runtime", s->data_dir);
	if (getenv("SYSTEMTAP_DIR")) {
		s->stap_dir = getenv("SYSTEMTAP_DIR");
	} else {
		if (!home) {
			struct passwd *pw = getpwuid(getuid());

			home = pw ? pw->pw_dir : "/tmp";
		}
		s->stap_dir = xasprintf("%s/.systemtap", home);
	}
}

enum { OPT_DISABLE_CACHE = 256, OPT_SUPPRESS_HANDLER_ERRORS };

static const struct option long_opts[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ "disable-cache", no_argument, NULL, OPT_DISABLE_CACHE },
	{ "suppress-handler-errors", no_argument, NULL,
	  OPT_SUPPRESS_HANDLER_ERRORS },
	{ NULL, 0, NULL, 0 },
};

/* SystemTap options this stap does not implement yet. */
static const char unsupported[] = "tE:a:PbuqidB:J:jW";

/* 4.8 refuses a run up front, before pass 1, to a user who could not
 * load the module; compiling (-p1 to -p4) is open to everyone. */
static void check_privilege(const struct session *s)
{
	if (s->last_pass < 5 || s->list_pattern || may_run_modules())
		return;
	fputs("You are trying to run systemtap as a normal user.\n"
	      "You should either be root, or be part of the group \"stapusr\" "
	      "and possibly one of the groups \"stapsys\" or \"stapdev\".  "
	      "[man stap]\n", stderr);
	try_help();
}

/* As 4.8: a data directory that cannot be made costs the cache, not the run. */
static void setup_data_dir(struct session *s)
{
	if (!s->use_cache || !mkdir_p(s->stap_dir))
		return;
	fprintf(stderr, "WARNING: failed to create systemtap data directory "
		"\"%s\" %s, disabling cache support.\n", s->stap_dir,
		strerror(errno));
	s->use_cache = false;
}

static void parse_args(struct session *s, int argc, char **argv)
{
	const char *r = NULL;
	char *end;
	int c;

	s->last_pass = 5;
	s->use_cache = true;
	while ((c = getopt_long(argc, argv, "+hVvp:m:kr:D:G:R:I:e:s:w"
				"tE:o:a:gPc:x:buqil:d:L:FS:B:J:jWT:",
				long_opts, NULL)) != -1) {
		switch (c) {
		case 'h':
			usage(stdout);
			exit(0);
		case 'V':
			printf("Systemtap translator/driver (version %s, "
			       "resident runtime)\n", STAP_VERSION);
			exit(0);
		case 'v':
			s->verbose++;
			break;
		case 'p':
			s->last_pass = strtol(optarg, &end, 10);
			if (*end || s->last_pass < 1 || s->last_pass > 5) {
				fputs("Invalid pass number (should be 1-5).\n",
				      stderr);
				exit(1);
			}
			break;
		case 'm':
			opt_module_name(s, optarg);
			s->use_cache = false;
			break;
		case 'k':
			s->keep_tmpdir = true;
			s->use_cache = false;
			break;
		case 'r':
			r = optarg;
			break;
		case 'D':
			vec_push(&s->defines, optarg);
			break;
		case 'G':
			if (!strchr(optarg, '=')) {
				fputs("Invalid -G option (should be var=val).\n",
				      stderr);
				try_help();
			}
			vec_push(&s->globals_set, optarg);
			break;
		case 'R':
			s->runtime_dir = optarg;
			break;
		case 'I':
			vec_push(&s->include_dirs, optarg);
			break;
		case 'e':
			s->script_text = optarg;
			break;
		case 's':
			s->bufsize = strtol(optarg, &end, 10);
			if (*end || s->bufsize < 1 || s->bufsize > 4095) {
				fputs("Invalid buffer size (should be 1-4095).\n",
				      stderr);
				exit(1);
			}
			break;
		case 'w':
			s->suppress_warnings = true;
			break;
		case 'o':
			s->output_file = optarg;
			break;
		case 'S':
			opt_size(s, optarg);
			break;
		case 'c':
			opt_cmd(s, optarg);
			break;
		case 'x':
			opt_pid(s, optarg);
			break;
		case 'F':
			s->load_only = true;
			break;
		case 'T':
			opt_timeout(s, optarg);
			break;
		case 'l':
		case 'L':
			s->list_pattern = optarg;
			s->list_vars = c == 'L';
			s->script_text = xasprintf("probe %s {}", optarg);
			break;
		case 'g':
			s->guru = true;
			break;
		case OPT_DISABLE_CACHE:
			s->use_cache = false;
			break;
		case OPT_SUPPRESS_HANDLER_ERRORS:
			s->suppress_handler_errors = true;
			break;
		default:
			if (c != '?' && strchr(unsupported, c)) {
				fprintf(stderr, "stap: option -%c is not "
					"supported yet\n", c);
				exit(1);
			}
			try_help();
		}
	}
	opts_check(s);
	if (!s->script_text) {
		if (optind >= argc) {
			fputs("A script must be specified.\n"
			      "Try '-i' for building a script interactively.\n",
			      stderr);
			try_help();
		}
		s->script_file = argv[optind++];
	}
	while (optind < argc)
		vec_push(&s->args, argv[optind++]);
	s->used_args = xcalloc(s->args.n + 1, sizeof(*s->used_args));
	setup_paths(s);
	setup_data_dir(s);
	check_privilege(s);
	setup_kernel(s, r);
}

static struct usage t0;

static void pass_start(void)
{
	usage_now(&t0);
}

static const char *times_str(void)
{
	static char buf[96];

	usage_since(&t0, buf, sizeof(buf));
	return buf;
}

static const char *mem_str(void)
{
	static char buf[128];

	mem_usage(buf, sizeof(buf));
	return buf;
}

static void warnings_summary(struct session *s)
{
	if (s->suppressed_warnings)
		fprintf(stderr, "Number of similar warning messages suppressed: "
			"%d.\nRerun with -v to see them.\n",
			s->suppressed_warnings);
}

static int fail(struct session *s, int pass, const char *what)
{
	fprintf(stderr, "Pass %d: %s failed.  [man error::pass%d]\n", pass,
		what, pass);
	warnings_summary(s);
	if (s->suppressed)
		fprintf(stderr, "Number of similar error messages suppressed: "
			"%d.\nRerun with -v to see them.\n", s->suppressed);
	if (s->keep_tmpdir)
		fprintf(stderr, "Keeping temporary directory \"%s\"\n",
			s->tmpdir);
	else if (s->tmpdir)
		rm_rf(s->tmpdir);
	return 1;
}

static int pass1(struct session *s)
{
	struct source *src = xcalloc(1, sizeof(*src));
	struct sbuf sb = { 0 };
	int errs;

	pass_start();
	src->user = true;
	if (s->script_text) {
		src->name = "<input>";
		src->text = s->script_text;
	} else if (!strcmp(s->script_file, "-")) {
		src->name = "<input>";
		src->text = read_file("/dev/stdin", NULL);
	} else {
		src->name = s->script_file;
		src->text = read_file(s->script_file, NULL);
	}
	if (!src->text) {
		fprintf(stderr, "Input file '%s' is empty or missing.\n",
			src->name);
		return -1;
	}
	load_library_macros(s, xasprintf("%s/tapset", s->data_dir));
	errs = parse_source(s, src, true);
	if (errs) {
		if (errs > 0 && s->errors)
			fprintf(stderr, "%d parse error%s.\n", s->errors,
				s->errors == 1 ? "" : "s");
		return -1;
	}
	library_load(s);
	if (s->verbose)
		fprintf(stderr, "Pass 1: parsed user script and %d library "
			"script%s using %s, %s\n", s->nlibrary,
			s->nlibrary == 1 ? "" : "s", mem_str(), times_str());
	if (s->last_pass == 1) {
		p1_print(&sb, &s->prog, src->name);
		fputs(sb_str(&sb), stdout);
		sb_free(&sb);
		return 0;
	}
	return parse_timeout_probe(s);
}

static const char *plural(int n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/* After pass 2, as SystemTap: arguments no $N or @N pasted. */
static void warn_unused_args(struct session *s)
{
	char *msg;
	int i;

	for (i = 0; i < s->args.n; i++) {
		if (s->used_args[i])
			continue;
		msg = xasprintf("unused command line option $%d/@%d", i + 1,
				i + 1);
		print_warning(s, msg, NULL);
		free(msg);
	}
}

static int pass2(struct session *s)
{
	struct sbuf sb = { 0 };
	int nglobals = 0, nfn, i;

	pass_start();
	if (elaborate(s))
		return -1;
	for (i = 0; i < s->prog.globals.n; i++)
		nglobals += ((struct symbol *)s->prog.globals.v[i])->type !=
			    T_UNKNOWN &&
			    global_shown(s->prog.globals.v[i]);
	nfn = s->nfunctions;
	if (s->verbose)
		fprintf(stderr, "Pass 2: analyzed script: %d %s, %d %s, "
			"%d %s, %d %s using %s, %s\n",
			s->dprobes.n, plural(s->dprobes.n, "probe", "probes"),
			nfn, plural(nfn, "function", "functions"),
			s->prog.embeds.n,
			plural(s->prog.embeds.n, "embed", "embeds"),
			nglobals, plural(nglobals, "global", "globals"),
			mem_str(), times_str());
	if (s->last_pass == 2) {
		program_dump(s, &sb);
		fputs(sb_str(&sb), stdout);
		sb_free(&sb);
	}
	return 0;
}

static int pass3(struct session *s, bool cached)
{
	size_t len;
	char *text;

	pass_start();
	if (cached) {
		text = read_file(s->cache_c, &len);
		if (text) {
			sb_putn(&s->c_text, text, len);
			free(text);
		}
		if (s->verbose)
			fprintf(stderr, "Pass 3: using cached %s\n", s->cache_c);
	} else {
		if (emit(s))
			return -1;
		if (write_file(s->src_path, s->c_text.s, s->c_text.len)) {
			perror(s->src_path);
			return -1;
		}
		if (s->verbose)
			fprintf(stderr, "Pass 3: translated to C into \"%s\" "
				"using %s, %s\n", s->src_path, mem_str(),
				times_str());
	}
	if (s->last_pass == 3)
		fputs(sb_str(&s->c_text), stdout);
	return 0;
}

static int pass4(struct session *s, bool cached)
{
	pass_start();
	if (cached) {
		if (s->verbose)
			fprintf(stderr, "Pass 4: using cached %s\n",
				s->cache_ko);
	} else {
		if (build_module(s))
			return -1;
		cache_store(s);
		if (s->verbose)
			fprintf(stderr, "Pass 4: compiled C into \"%s.ko\" %s\n",
				s->modname, times_str());
	}
	if (s->last_pass != 4)
		return 0;
	if (s->use_cache) {
		puts(s->cache_ko);
	} else {
		/* the temporary directory goes away: keep the module here */
		char *here = xasprintf("%s.ko", s->modname);

		if (copy_file(s->ko_path, here)) {
			perror(here);
			return -1;
		}
		puts(here);
		free(here);
	}
	return 0;
}

static int pass5(struct session *s)
{
	int rc;

	pass_start();
	if (s->verbose)
		fputs("Pass 5: starting run.\n", stderr);
	fflush(stdout);
	rc = run_module(s);
	if (s->verbose)		/* 4.8 says so even when the run failed */
		fprintf(stderr, "Pass 5: run completed in %s\n",
			times_str() + 3);
	return rc;
}

static void make_tmpdir(struct session *s)
{
	/* under $TMPDIR when set, as SystemTap */
	const char *dir = getenv("TMPDIR");
	char *tmpl = xasprintf("%s/stapXXXXXX", dir && *dir ? dir : "/tmp");

	if (!mkdtemp(tmpl)) {
		perror("mkdtemp");
		exit(1);
	}
	s->tmpdir = tmpl;
}

int main(int argc, char **argv)
{
	struct session *s = xcalloc(1, sizeof(*s));
	bool cached;

	s->prog.gscope.parent = NULL;
	parse_args(s, argc, argv);
	make_tmpdir(s);
	if (pass1(s))
		return fail(s, 1, "parse");
	if (s->list_pattern) {
		rm_rf(s->tmpdir);
		return list_probes(s);
	}
	if (s->last_pass == 1)
		goto done;
	if (pass2(s))
		return fail(s, 2, "analysis");
	warn_unused_args(s);
	if (s->last_pass == 2)
		goto done;
	cache_key(s);
	if (s->module_name)
		s->modname = xstrdup(s->module_name);
	s->src_path = xasprintf("%s/%s_src.c", s->tmpdir, s->modname);
	s->ko_path = xasprintf("%s/%s.ko", s->tmpdir, s->modname);
	cached = cache_lookup(s);
	if (pass3(s, cached))
		return fail(s, 3, "translation");
	if (s->last_pass == 3)
		goto done;
	if (pass4(s, cached))
		return fail(s, 4, "compilation");
	if (s->last_pass == 4)
		goto done;
	if (pass5(s))
		return fail(s, 5, "run");
done:
	warnings_summary(s);
	if (s->keep_tmpdir)
		fprintf(stderr, "Keeping temporary directory \"%s\"\n",
			s->tmpdir);
	else
		rm_rf(s->tmpdir);
	return 0;
}
