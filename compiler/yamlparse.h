/*
 * The YAML front end (compiler/yamlparse.c; not "yaml.h", which would
 * hide libyaml's <yaml.h> on the -Icompiler path): read a description written in YAML (the schema
 * is in doc/yaml.md) into the same AST the .mg parser builds for the
 * equivalent .mg text, with spans into the YAML text, so every later
 * diagnostic gets the same line, column and caret.  The schema is
 * strict: an unknown key, a duplicate key, a value of the wrong YAML
 * type, an anchor, an alias or a tag is an error at its location; no
 * key is ever ignored.
 *
 * Also the span helper the front end uses, exported for the unit tests:
 * libyaml counts its marks in characters (code points, a leading BOM
 * not counted), while spans are byte offsets.
 */
#ifndef MGC_YAMLPARSE_H
#define MGC_YAMLPARSE_H

#include <stddef.h>
#include <stdint.h>

struct parse_ctx;

/* Nesting deeper than this (mappings and sequences) is refused. */
#define YAML_MAX_DEPTH 200

/*
 * Same contract as parse_source() (grammar/parse.h): parse ctx->text,
 * fill ctx->decls, report to ctx->diag.  Returns the number of errors
 * (0 when the file is well-formed and follows the schema).
 */
int yaml_parse(struct parse_ctx *ctx);

/*
 * Converts libyaml mark indexes (characters) to byte offsets into one
 * text.  Cheap for the mostly increasing indexes a parse produces.
 */
struct yaml_offsets {
	const char *text;
	size_t len;
	size_t start;		/* 3 when the text starts with a UTF-8 BOM */
	size_t ci, bi;		/* cursor: character index ci is at byte bi */
};

void yaml_offsets_init(struct yaml_offsets *o, const char *text, size_t len);
/* Byte offset of character `index` (clamped to the text's length). */
uint32_t yaml_offset(struct yaml_offsets *o, size_t index);

#endif
