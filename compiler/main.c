/*
 * mgc's command line: options, exit codes (0 success, 1 the description
 * has errors or --diff found a difference, 2 usage or I/O error), the
 * atomic -o write, --diff, and diagnostics rendering.  Everything else
 * happens in compile.c and the backends.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <jansson.h>
#include <libgen.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic.h"
#include "backend.h"
#include "compile.h"
#include "diag.h"
#include "emit.h"
#include "fmt.h"
#include "query.h"
#include "udiff.h"
#include "util.h"
#include "vec.h"

enum diag_format {
	DIAGFMT_TEXT,
	DIAGFMT_JSON,
	DIAGFMT_SARIF
};

struct options {
	const char *input;
	const char *target;
	const char *output;
	const char *device;
	const char *diff;
	const char *format;
	const char *services_file;
	enum diag_format diag_format;
	VEC(const char *) include;
	int check, werror, quiet;
};

static const char usage_text[] =
"usage: mgc [options] FILE\n"
"\n"
"Compile a mail-security deployment description (.mg) into one target.\n"
"Without -t, mgc checks the description and writes nothing.\n"
"\n"
"  -t, --target NAME        what to emit (see --list-targets)\n"
"  -o, --output PATH        write the output to PATH atomically; on any\n"
"                           error the old file is left untouched\n"
"      --device NAME        which firewall, relay or host profile, when\n"
"                           the description has several\n"
"      --format NAME        output variant, for targets that have several\n"
"      --check              validate only (the default without -t)\n"
"      --diff PATH          show a unified diff of the would-be output\n"
"                           against PATH; exit 1 when they differ\n"
"  -I DIR                   add DIR to the module search path (also $MGC_PATH)\n"
"      --services-file FILE also check moved ports against FILE (/etc/services)\n"
"      --diagnostics FMT    text (default, on stderr), json or sarif (on\n"
"                           stdout when no output goes there, else stderr)\n"
"      --werror             treat warnings as errors\n"
"  -q, --quiet              print errors only, not warnings or notes\n"
"      --list-targets       list the targets this mgc can emit\n"
"      --version            print the version\n"
"  -h, --help               this text\n"
"\n"
"FILE may be '-' for standard input.\n"
"Exit status: 0 success; 1 the description has errors, or --diff found a\n"
"difference; 2 usage or I/O error.\n";

MG_PRINTF(1, 2) MG_NORETURN
static void usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs("mgc: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs(" (see 'mgc --help')\n", stderr);
	exit(EXIT_USAGE);
}

static void list_targets(void)
{
	const struct backend *const *all;
	size_t n, i;

	all = backend_list(&n);
	for (i = 0; i < n; i++)
		printf("%-12s %s\n", all[i]->name, all[i]->summary);
}

/* Jansson allocates through xmalloc too, so failure injection covers it. */
static void *json_xmalloc(size_t size)
{
	return xmalloc(size);
}

static void print_version(void)
{
	char *dir = compile_stdlib_dir(NULL);

	printf("mgc %s\n", MGC_VERSION);
	printf("stdlib: %s\n", dir ? dir : "(not found)");
	free(dir);
}

enum {
	OPT_DEVICE = 256,
	OPT_CHECK,
	OPT_DIFF,
	OPT_DIAGNOSTICS,
	OPT_WERROR,
	OPT_LIST_TARGETS,
	OPT_VERSION,
	OPT_FORMAT,
	OPT_SERVICES_FILE
};

static void parse_options(int argc, char **argv, struct options *o)
{
	static const struct option longopts[] = {
		{ "target", required_argument, NULL, 't' },
		{ "output", required_argument, NULL, 'o' },
		{ "device", required_argument, NULL, OPT_DEVICE },
		{ "check", no_argument, NULL, OPT_CHECK },
		{ "diff", required_argument, NULL, OPT_DIFF },
		{ "diagnostics", required_argument, NULL, OPT_DIAGNOSTICS },
		{ "werror", no_argument, NULL, OPT_WERROR },
		{ "quiet", no_argument, NULL, 'q' },
		{ "list-targets", no_argument, NULL, OPT_LIST_TARGETS },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ "help", no_argument, NULL, 'h' },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "services-file", required_argument, NULL, OPT_SERVICES_FILE },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":t:o:I:qh", longopts, NULL)) != -1) {
		switch (c) {
		case 't': o->target = optarg; break;
		case 'o': o->output = optarg; break;
		case 'I': vec_push(&o->include, optarg); break;
		case 'q': o->quiet = 1; break;
		case 'h': fputs(usage_text, stdout); exit(EXIT_OK);
		case OPT_DEVICE: o->device = optarg; break;
		case OPT_CHECK: o->check = 1; break;
		case OPT_DIFF: o->diff = optarg; break;
		case OPT_WERROR: o->werror = 1; break;
		case OPT_FORMAT: o->format = optarg; break;
		case OPT_SERVICES_FILE: o->services_file = optarg; break;
		case OPT_LIST_TARGETS: list_targets(); exit(EXIT_OK);
		case OPT_VERSION: print_version(); exit(EXIT_OK);
		case OPT_DIAGNOSTICS:
			if (strcmp(optarg, "text") == 0)
				o->diag_format = DIAGFMT_TEXT;
			else if (strcmp(optarg, "json") == 0)
				o->diag_format = DIAGFMT_JSON;
			else if (strcmp(optarg, "sarif") == 0)
				o->diag_format = DIAGFMT_SARIF;
			else
				usage_error("unknown diagnostics format '%s' (use text, json or sarif)",
					    optarg);
			break;
		case ':':
			usage_error("option '%s' needs an argument", argv[optind - 1]);
		default:
			usage_error("unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind >= argc)
		usage_error("%s", "no input file");
	if (optind + 1 < argc)
		usage_error("more than one input file ('%s')", argv[optind + 1]);
	o->input = argv[optind];
	if (o->check && o->target)
		usage_error("%s", "--check validates only; drop -t or --check");
	if ((o->output || o->diff) && !o->target)
		usage_error("%s", "-o and --diff need a target (-t)");
	if (o->output && o->diff)
		usage_error("%s", "use either -o or --diff, not both");
}

static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct out o = OUT_INIT;
	char buf[65536];
	size_t n;

	if (!f)
		return NULL;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		out_write(&o, buf, n);
	if (ferror(f)) {
		fclose(f);
		out_release(&o);
		return NULL;
	}
	fclose(f);
	*len = o.len;
	if (!o.buf)
		return xstrdup("");
	return o.buf;
}

/* ---- device selection ---- */

static int select_device(const struct backend *b, const struct options *o,
			 const struct ir_model *m, struct emit_ctx *e, struct diag_sink *d)
{
	size_t i, n = 0;
	struct out names = OUT_INIT;

	switch (b->device) {
	case DEVICE_NONE:
		if (o->device)
			diag_error(d, DIAG_TARGET, SPAN_NONE,
				   "target '%s' covers the whole description; --device does not apply",
				   b->name);
		return o->device ? -1 : 0;
	case DEVICE_FIREWALL:
		if (o->device) {
			e->fw = ir_find_firewall(m, o->device);
			if (!e->fw)
				diag_error(d, DIAG_TARGET, SPAN_NONE, "no firewall named '%s'", o->device);
			return e->fw ? 0 : -1;
		}
		for (i = 0; i < m->nr_firewalls; i++)
			out_printf(&names, "%s'%s'", i ? ", " : "", m->firewalls[i].name);
		n = m->nr_firewalls;
		if (n == 1)
			e->fw = &m->firewalls[0];
		break;
	case DEVICE_RELAY:
		if (o->device) {
			e->relay = ir_find_relay(m, o->device);
			if (!e->relay)
				diag_error(d, DIAG_TARGET, SPAN_NONE, "no relay on '%s'", o->device);
			return e->relay ? 0 : -1;
		}
		for (i = 0; i < m->nr_relays; i++)
			out_printf(&names, "%s'%s'", i ? ", " : "", m->relays[i].name);
		n = m->nr_relays;
		if (n == 1)
			e->relay = &m->relays[0];
		break;
	case DEVICE_PROFILE:
		if (o->device) {
			e->profile = ir_find_profile(m, o->device);
			for (i = 0; !e->profile && i < m->nr_profiles; i++)
				if (m->profiles[i].host && strcmp(m->profiles[i].host->name, o->device) == 0)
					e->profile = &m->profiles[i];
			if (!e->profile)
				diag_error(d, DIAG_TARGET, SPAN_NONE, "no profile or profiled host named '%s'",
					   o->device);
			return e->profile ? 0 : -1;
		}
		for (i = 0; i < m->nr_profiles; i++)
			out_printf(&names, "%s'%s'", i ? ", " : "", m->profiles[i].name);
		n = m->nr_profiles;
		if (n == 1)
			e->profile = &m->profiles[0];
		break;
	}
	if (n == 0)
		diag_error(d, DIAG_TARGET, SPAN_NONE, "target '%s' needs a %s, and the description has none",
			   b->name, b->device == DEVICE_FIREWALL ? "firewall" :
			   b->device == DEVICE_RELAY ? "relay" : "host profile");
	else if (n > 1)
		diag_error(d, DIAG_TARGET, SPAN_NONE, "several candidates for target '%s': %s "
			   "(pick one with --device)", b->name, names.buf);
	out_release(&names);
	return n == 1 ? 0 : -1;
}

/* ---- main ---- */

static void render(struct diag_sink *d, const struct options *o, int stdout_free)
{
	FILE *f = stdout_free ? stdout : stderr;
	static char errbuf[1 << 16];

	/*
	 * stderr is unbuffered: thousands of warnings would cost a write
	 * each.  Nothing has been written to it yet, so it may be buffered
	 * now; exit() flushes whatever follows.
	 */
	setvbuf(stderr, errbuf, _IOFBF, sizeof(errbuf));

	diag_sort(d);
	switch (o->diag_format) {
	case DIAGFMT_TEXT:
		if (o->quiet) {
			/* Drop warnings and notes (kept when --werror makes them errors). */
			size_t i, k = 0;

			for (i = 0; i < d->nr; i++) {
				if (d->items[i].severity == DIAG_ERROR ||
				    (d->werror && d->items[i].severity == DIAG_WARNING))
					d->items[k++] = d->items[i];
				else {
					size_t t;

					for (t = 0; t < d->items[i].nr_notes; t++)
						free(d->items[i].notes[t].msg);
					free(d->items[i].notes);
					free(d->items[i].msg);
				}
			}
			d->nr = k;
		}
		diag_render_text(d, stderr);
		break;
	case DIAGFMT_JSON:
		diag_render_json(d, f);
		break;
	case DIAGFMT_SARIF:
		diag_render_sarif(d, f);
		break;
	}
	fflush(stderr);
}

int main(int argc, char **argv)
{
	struct options o;
	struct compilation c;
	struct compile_opts co;
	const struct backend *b = NULL;
	struct out out = OUT_INIT;
	int rc, stdout_free;

	json_set_alloc_funcs(json_xmalloc, free);
	if (argc > 1 && strcmp(argv[1], "fmt") == 0)
		return fmt_main(argc - 1, argv + 1);
	if (argc > 1 && strcmp(argv[1], "query") == 0)
		return query_main(argc - 1, argv + 1);
	memset(&o, 0, sizeof(o));
	parse_options(argc, argv, &o);
	if (o.target) {
		b = backend_find(o.target);
		if (!b)
			usage_error("unknown target '%s' (see --list-targets)", o.target);
		if (o.format && (!b->formats || !strstr(b->formats, o.format)))
			usage_error("target does not have the format '%s'", o.format);
	} else if (o.format) {
		usage_error("%s", "--format needs a target (-t)");
	}
	stdout_free = !o.target || o.output || o.diff;

	memset(&co, 0, sizeof(co));
	co.include_dirs = o.include.items;
	co.nr_include_dirs = o.include.nr;
	co.services_file = o.services_file;

	compile_init(&c);
	c.diag.werror = o.werror;
	c.diag.max_errors = 50;
	rc = compile_file(&c, o.input, &co);

	if (rc == 0 && b) {
		struct emit_ctx e;

		memset(&e, 0, sizeof(e));
		e.model = c.model;
		e.diag = &c.diag;
		e.source_name = o.input;
		e.format = o.format;
		if (select_device(b, &o, c.model, &e, &c.diag) == 0 && b->emit(&e, &out) != 0 &&
		    !diag_failed(&c.diag))
			diag_error(&c.diag, DIAG_OUTPUT, SPAN_NONE, "target '%s' failed", b->name);
		if (diag_failed(&c.diag))
			rc = 1;
	}
	render(&c.diag, &o, stdout_free);

	if (rc == 0 && b) {
		if (o.output) {
			if (write_atomic(o.output, out.buf ? out.buf : "", out.len) < 0)
				rc = 2;
		} else if (o.diff) {
			size_t len = 0;
			char *old = read_all(o.diff, &len);
			struct out d = OUT_INIT;

			if (!old && errno != ENOENT) {
				fprintf(stderr, "mgc: cannot read '%s': %s\n", o.diff, strerror(errno));
				rc = 2;
			} else {
				if (udiff(old ? old : "", old ? len : 0, out.buf ? out.buf : "", out.len,
					  o.diff, "(mgc output)", &d)) {
					fwrite(d.buf, 1, d.len, stdout);
					rc = 1;
				}
			}
			free(old);
			out_release(&d);
		} else if (out.len && fwrite(out.buf, 1, out.len, stdout) != out.len) {
			rc = 2;
		}
	}
	if (fflush(stdout) != 0 && rc == 0) {
		fprintf(stderr, "mgc: cannot write to standard output: %s\n", strerror(errno));
		rc = 2;
	}
	out_release(&out);
	compile_release(&c);
	vec_release(&o.include);
	return rc;
}
