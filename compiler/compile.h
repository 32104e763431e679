/*
 * One compilation: read a file and its imports, parse, expand
 * templates, resolve and check, and lower to the IR.  The compilation
 * owns the arena (AST and IR), the source table and the diagnostics;
 * compile_release() frees them all.  The driver (main.c), the tests and
 * the fuzz target all go through here.
 */
#ifndef MGC_COMPILE_H
#define MGC_COMPILE_H

#include <stddef.h>

#include "arena.h"
#include "diag.h"
#include "ir.h"
#include "source.h"

struct compile_opts {
	const char *const *include_dirs;	/* -I, in order */
	size_t nr_include_dirs;
	const char *stdlib_dir;			/* NULL: find it (see import.c) */
	const char *services_file;		/* --services-file, or NULL */
	size_t max_file_bytes;			/* 0: the default limit */
	int no_mgc_path;			/* ignore $MGC_PATH (tests) */
};

struct compilation {
	struct arena arena;
	struct source_table src;
	struct diag_sink diag;
	struct ast_decl *decls;		/* all files, imports in place, after expansion */
	struct ir_model *model;		/* NULL when errors prevented lowering */
};

void compile_init(struct compilation *c);
void compile_release(struct compilation *c);

/*
 * Compile the file at `path` ("-" for standard input; a .yaml/.yml
 * name selects the YAML front end).  Returns 0 on success, 1 when the
 * description has errors (see c->diag), 2 when the main file cannot be
 * read (a diagnostic without location is recorded).
 */
int compile_file(struct compilation *c, const char *path, const struct compile_opts *o);

/*
 * The stdlib directory mgc uses (o may be NULL): the build tree's or
 * installed tree's next to the executable, else the configured one.
 * Heap string, or NULL when there is none.
 */
char *compile_stdlib_dir(const struct compile_opts *o);

/*
 * Same, from text already in memory (fuzzing, tests); `text` is copied.
 * A `name` ending in .yaml or .yml selects the YAML front end.
 */
int compile_text(struct compilation *c, const char *name, const char *text, size_t len,
		 const struct compile_opts *o);

#endif
