/*
 * The compilation pipeline and `import` resolution.  See compile.h.
 *
 * Imports: `import "name";` searches the -I directories, then each
 * directory of $MGC_PATH, then the stdlib; a path that starts with
 * "./", "../" or "/" (or contains a '/') is taken relative to the
 * importing file.  ".mg" is appended when the name has no extension.
 * Each file is read once (by its real path); a file that imports one
 * of the files importing it is an import cycle, reported with the chain.
 */
#define _XOPEN_SOURCE 700	/* realpath() */
#include "compile.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "analyze/analyze.h"
#include "ast.h"
#include "expand.h"
#include "lower.h"
#include "parse.h"
#include "util.h"
#include "vec.h"
#include "yamlparse.h"

#ifndef MGC_STDLIB_DIR
#define MGC_STDLIB_DIR "/usr/local/share/mgc/stdlib"
#endif

#define DEFAULT_MAX_FILE_BYTES ((size_t)256 << 20)	/* 256 MiB */
#define MAX_IMPORT_DEPTH 64

struct loaded {
	char *real;		/* realpath */
	uint32_t file;
	int done;		/* 0 while its imports are being read */
};

struct loader {
	struct compilation *c;
	const struct compile_opts *o;
	VEC(struct loaded) files;
	VEC(char *) path_dirs;	/* $MGC_PATH split */
	char *stdlib;		/* the stdlib directory, or NULL */
	char *stdlib_real;
	struct ast_decl *head, **tail;
	size_t max_bytes;
	int fatal;		/* a module could not be read */
};

void compile_init(struct compilation *c)
{
	memset(c, 0, sizeof(*c));
	diag_init(&c->diag, &c->src);
}

void compile_release(struct compilation *c)
{
	diag_release(&c->diag);
	source_release(&c->src);
	arena_release(&c->arena);
	c->decls = NULL;
	c->model = NULL;
}

static int is_dir(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static int is_file(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

/* The directory holding the running executable, or NULL. */
static char *exe_dir(void)
{
	char buf[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
	char *slash;

	if (n <= 0)
		return NULL;
	buf[n] = '\0';
	slash = strrchr(buf, '/');
	if (!slash)
		return NULL;
	*slash = '\0';
	return xstrdup(buf);
}

static char *find_stdlib(const struct compile_opts *o)
{
	char *dir, *cand;

	if (o->stdlib_dir)
		return xstrdup(o->stdlib_dir);
	dir = exe_dir();
	if (dir) {
		/* Build tree (build/mgc -> stdlib/), then an installed tree. */
		cand = xasprintf("%s/../stdlib", dir);
		if (is_dir(cand)) {
			free(dir);
			return cand;
		}
		free(cand);
		cand = xasprintf("%s/../share/mgc/stdlib", dir);
		free(dir);
		if (is_dir(cand))
			return cand;
		free(cand);
	}
	if (is_dir(MGC_STDLIB_DIR))
		return xstrdup(MGC_STDLIB_DIR);
	return NULL;
}

char *compile_stdlib_dir(const struct compile_opts *o)
{
	struct compile_opts none;

	if (!o) {
		memset(&none, 0, sizeof(none));
		o = &none;
	}
	return find_stdlib(o);
}

static int has_extension(const char *name)
{
	const char *slash = strrchr(name, '/');
	const char *base = slash ? slash + 1 : name;

	return strchr(base, '.') != NULL && base[0] != '.';
}

static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

static int load_file(struct loader *l, const char *path, struct span import_at,
		     const char *display, int from_stdlib, unsigned depth);
static int is_yaml_name(const char *path);

/* Find the file an import names; NULL when none exists. */
static char *resolve_import(struct loader *l, const char *name, const char *importer)
{
	const char *ext = has_extension(name) ? "" : ".mg";
	char *cand;
	size_t i;

	if (name[0] == '/')
		return xasprintf("%s%s", name, ext);
	if (strchr(name, '/') || name[0] == '.') {
		char *dir = dir_of(importer);

		while (strncmp(name, "./", 2) == 0)
			name += 2;
		if (strcmp(dir, ".") == 0)
			cand = xasprintf("%s%s", name, ext);
		else
			cand = xasprintf("%s/%s%s", dir, name, ext);
		free(dir);
		return cand;
	}
	for (i = 0; i < l->o->nr_include_dirs; i++) {
		cand = xasprintf("%s/%s%s", l->o->include_dirs[i], name, ext);
		if (is_file(cand))
			return cand;
		free(cand);
	}
	for (i = 0; i < l->path_dirs.nr; i++) {
		cand = xasprintf("%s/%s%s", l->path_dirs.items[i], name, ext);
		if (is_file(cand))
			return cand;
		free(cand);
	}
	if (l->stdlib) {
		cand = xasprintf("%s/%s%s", l->stdlib, name, ext);
		if (is_file(cand))
			return cand;
		free(cand);
	}
	return NULL;
}

static int in_stdlib(const struct loader *l, const char *real)
{
	size_t n;

	if (!l->stdlib_real)
		return 0;
	n = strlen(l->stdlib_real);
	return strncmp(real, l->stdlib_real, n) == 0 && real[n] == '/';
}

static void append_decl(struct loader *l, struct ast_decl *d, int from_stdlib)
{
	d->next = NULL;
	d->from_stdlib = from_stdlib;
	*l->tail = d;
	l->tail = &d->next;
}

static void process_decls(struct loader *l, struct ast_decl *decls, const char *path,
			  int from_stdlib, unsigned depth)
{
	struct ast_decl *d, *next;

	for (d = decls; d; d = next) {
		next = d->next;
		if (d->kind != AST_IMPORT) {
			append_decl(l, d, from_stdlib);
			continue;
		}
		if (d->w->kind == WORD_LITERAL || !d->w->text[0]) {
			diag_error(&l->c->diag, DIAG_IO, d->w->at,
				   "import needs a module name or a path in quotes");
			l->fatal = 1;
			continue;
		}
		{
			char *found = resolve_import(l, d->w->text, path);

			if (!found || !is_file(found)) {
				diag_error(&l->c->diag, DIAG_IO, d->w->at,
					   "cannot find module '%s' (searched -I directories, "
					   "$MGC_PATH and the stdlib%s)", d->w->text,
					   l->stdlib ? "" : ", which was not found");
				l->fatal = 1;
				free(found);
				continue;
			}
			load_file(l, found, d->w->at, found, from_stdlib, depth + 1);
			free(found);
		}
	}
}

/*
 * Read, parse and splice one file.  `import_at` is the import that
 * asked for it (SPAN_NONE for the main file).
 */
static int load_file(struct loader *l, const char *path, struct span import_at,
		     const char *display, int from_stdlib, unsigned depth)
{
	struct compilation *c = l->c;
	struct parse_ctx pc;
	struct loaded ld;
	const struct source_file *sf;
	char *real = NULL;
	uint32_t id;
	size_t i;

	if (strcmp(path, "-") != 0) {
		real = realpath(path, NULL);
		if (!real) {
			if (span_is_none(import_at))
				diag_error(&c->diag, DIAG_IO, import_at, "cannot read '%s': %s",
					   display, strerror(errno));
			else
				diag_error(&c->diag, DIAG_IO, import_at, "cannot read module '%s': %s",
					   display, strerror(errno));
			l->fatal = 1;
			return -1;
		}
		for (i = 0; i < l->files.nr; i++) {
			if (strcmp(l->files.items[i].real, real) != 0)
				continue;
			if (!l->files.items[i].done) {
				struct diag *dg = diag_error(&c->diag, DIAG_IMPORT_CYCLE, import_at,
							     "import cycle: '%s' imports itself",
							     display);
				size_t j;

				l->fatal = 1;
				for (j = i; j < l->files.nr; j++)
					if (!l->files.items[j].done)
						diag_note(dg, SPAN_NONE, "'%s' is being imported",
							  source_get(&c->src, l->files.items[j].file)->name);
			}
			free(real);
			return 0;
		}
	}
	if (real && in_stdlib(l, real)) {
		from_stdlib = 1;
		path = real;
	}
	if (depth > MAX_IMPORT_DEPTH) {
		diag_error(&c->diag, DIAG_LIMIT, import_at, "imports nested more than %d deep",
			   MAX_IMPORT_DEPTH);
		l->fatal = 1;
		free(real);
		return -1;
	}
	id = source_read(&c->src, path, l->max_bytes);
	if (!id) {
		diag_error(&c->diag, DIAG_IO, import_at, "cannot read '%s': %s", display,
			   errno == EFBIG ? "file too large" : strerror(errno));
		l->fatal = 1;
		free(real);
		return -1;
	}
	if (real) {
		ld.real = real;
		ld.file = id;
		ld.done = 0;
		vec_push(&l->files, ld);
	}
	if (from_stdlib && real && in_stdlib(l, real)) {
		/* Stable across machines: "<stdlib>/services.mg". */
		free(c->src.files[id].name);
		c->src.files[id].name = xasprintf("<stdlib>%s", real + strlen(l->stdlib_real));
	}
	sf = source_get(&c->src, id);
	c->src.files[id].is_stdlib = from_stdlib;
	memset(&pc, 0, sizeof(pc));
	pc.arena = &c->arena;
	pc.diag = &c->diag;
	pc.file = id;
	pc.text = sf->text;
	pc.len = sf->len;
	if (sf->len > UINT32_MAX - 1) {
		diag_error(&c->diag, DIAG_LIMIT, import_at, "'%s' is larger than 4 GiB", display);
		return -1;
	}
	if (is_yaml_name(path))
		yaml_parse(&pc);	/* same AST, spans into the YAML text */
	else
		parse_source(&pc);
	process_decls(l, pc.decls, sf->name, from_stdlib, depth);
	if (real)
		for (i = 0; i < l->files.nr; i++)
			if (l->files.items[i].file == id)
				l->files.items[i].done = 1;
	return 0;
}

static void loader_release(struct loader *l)
{
	size_t i;

	for (i = 0; i < l->files.nr; i++)
		free(l->files.items[i].real);
	vec_release(&l->files);
	for (i = 0; i < l->path_dirs.nr; i++)
		free(l->path_dirs.items[i]);
	vec_release(&l->path_dirs);
	free(l->stdlib);
	free(l->stdlib_real);
}

static void loader_init(struct loader *l, struct compilation *c, const struct compile_opts *o)
{
	const char *mp = o->no_mgc_path ? NULL : getenv("MGC_PATH");

	memset(l, 0, sizeof(*l));
	l->c = c;
	l->o = o;
	l->tail = &l->head;
	l->max_bytes = o->max_file_bytes ? o->max_file_bytes : DEFAULT_MAX_FILE_BYTES;
	l->stdlib = find_stdlib(o);
	if (l->stdlib)
		l->stdlib_real = realpath(l->stdlib, NULL);
	while (mp && *mp) {
		const char *colon = strchr(mp, ':');
		size_t n = colon ? (size_t)(colon - mp) : strlen(mp);

		if (n) {
			char *dir = xstrndup(mp, n);

			vec_push(&l->path_dirs, dir);
		}
		mp += n + (colon ? 1 : 0);
	}
}

static int is_yaml_name(const char *path)
{
	size_t n = strlen(path);

	return (n > 5 && strcmp(path + n - 5, ".yaml") == 0) ||
	       (n > 4 && strcmp(path + n - 4, ".yml") == 0);
}

static int finish(struct compilation *c, struct loader *l, const char *name)
{
	struct ast_decl *decls = l->head;
	struct analyze_opts ao;
	size_t before;

	loader_release(l);
	/*
	 * A missing module is fatal (everything it declares would be
	 * reported unknown); syntax errors are not: the parser recovered,
	 * and checking what it kept finds the independent mistakes too.
	 */
	if (l->fatal)
		return 1;
	before = c->diag.nr_errors;
	decls = expand_templates(&c->arena, &c->diag, decls);
	c->decls = decls;
	if (c->diag.nr_errors != before)
		return 1;	/* a failed expansion would leave its names undeclared */
	c->model = lower_model(&c->arena, &c->diag, decls, name);
	if (c->diag.nr_errors)
		return 1;
	ao.services_file = l->o->services_file;
	analyze_model(c->model, &c->diag, &ao);
	if (diag_failed(&c->diag))
		return 1;
	return 0;
}

int compile_file(struct compilation *c, const char *path, const struct compile_opts *o)
{
	struct loader l;

	loader_init(&l, c, o);
	if (load_file(&l, path, SPAN_NONE, path, 0, 0) < 0 && c->src.nr <= 1) {
		loader_release(&l);
		return 2;
	}
	return finish(c, &l, path);
}

int compile_text(struct compilation *c, const char *name, const char *text, size_t len,
		 const struct compile_opts *o)
{
	struct loader l;
	struct parse_ctx pc;
	const struct source_file *sf;
	char *copy = xmalloc(len + 1);
	uint32_t id;

	memcpy(copy, text, len);
	copy[len] = '\0';
	id = source_add(&c->src, name, copy, len);
	loader_init(&l, c, o);
	sf = source_get(&c->src, id);
	memset(&pc, 0, sizeof(pc));
	pc.arena = &c->arena;
	pc.diag = &c->diag;
	pc.file = id;
	pc.text = sf->text;
	pc.len = sf->len;
	if (is_yaml_name(name))
		yaml_parse(&pc);
	else
		parse_source(&pc);
	process_decls(&l, pc.decls, sf->name, 0, 0);
	return finish(c, &l, name);
}
