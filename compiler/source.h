/*
 * The source table: every file a compilation reads (the main file,
 * imports, stdin) is registered here once and identified by a small
 * integer.  Locations everywhere else are byte-offset spans into these
 * texts (struct span); lines and columns are computed only when a
 * diagnostic is rendered.  The table owns the file names and texts.
 */
#ifndef MGC_SOURCE_H
#define MGC_SOURCE_H

#include <stddef.h>
#include <stdint.h>

/* A half-open byte range [begin, end) in source file `file`. */
struct span {
	uint32_t file;
	uint32_t begin, end;
};

/* File id 0 is reserved for "no location" (command line, internal). */
#define SPAN_NONE ((struct span){ 0, 0, 0 })
#define span_is_none(s) ((s).file == 0)

struct source_file {
	char *name;		/* as given or as found on the search path */
	char *text;		/* NUL-terminated; may contain other NULs */
	size_t len;
	uint32_t *line_start;	/* offsets of each line's first byte */
	size_t nlines;
	int is_stdlib;		/* a module of mgc's stdlib (set by the loader) */
};

struct source_table {
	struct source_file *files;	/* files[0] is the reserved slot */
	size_t nr, alloc;
};

#define SOURCE_TABLE_INIT { NULL, 0, 0 }

/*
 * Register a text under `name`; the table takes ownership of `text`
 * (heap-allocated, len bytes, with a NUL at text[len]).  Returns the id.
 */
uint32_t source_add(struct source_table *t, const char *name, char *text, size_t len);

/*
 * Read `path` ("-" is standard input) and register it.  On failure
 * returns 0 and sets errno.  Files larger than `max_bytes` fail with EFBIG.
 */
uint32_t source_read(struct source_table *t, const char *path, size_t max_bytes);

const struct source_file *source_get(const struct source_table *t, uint32_t id);

struct source_pos {
	unsigned line;		/* 1-based */
	unsigned col;		/* 1-based display column (tabs to multiples of 8) */
	unsigned col_cp;	/* 1-based column in Unicode code points (SARIF) */
	unsigned col_byte;	/* 1-based byte column */
};

/* Position of byte `offset` in file `id` (clamped to the file). */
struct source_pos source_locate(const struct source_table *t, uint32_t id, uint32_t offset);

/* Text of 1-based line `line` without its newline; *len gets its length. */
const char *source_line(const struct source_table *t, uint32_t id, unsigned line, size_t *len);

void source_release(struct source_table *t);

#endif
