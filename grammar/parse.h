/*
 * The front end's only interface: parse one source file into an AST.
 * The scanner is reentrant and the parser pure, so several files (the
 * main one and its imports) are parsed with independent contexts.  All
 * nodes come from ctx->arena; every problem goes to ctx->diag.
 */
#ifndef MGC_PARSE_H
#define MGC_PARSE_H

#include <stddef.h>
#include <stdint.h>

struct arena;
struct diag_sink;
struct ast_decl;

/* After this many syntax and lexical errors the rest of a file is skipped. */
#define PARSE_MAX_ERRORS 1000

struct parse_ctx {
	struct arena *arena;
	struct diag_sink *diag;
	uint32_t file;		/* source table id of the text */
	const char *text;	/* the whole file; text[len] is NUL */
	size_t len;
	struct ast_decl *decls;	/* result: declarations in source order */
	/* Scanner state. */
	uint32_t offset;	/* byte offset of the next token */
	uint32_t prev_end;	/* end of the token before the lookahead */
	uint32_t last_end;	/* end of the lookahead token */
	unsigned nr_errors;	/* syntax and lexical errors reported */
	int block_error;	/* an error was recovered inside the current block */
	int gave_up;		/* PARSE_MAX_ERRORS reached */
};

/*
 * Parse ctx->text.  Returns 0 when the file is free of syntax errors;
 * otherwise the number of errors reported (the AST then holds what
 * could be recovered and must only be used for further diagnostics).
 */
int parse_source(struct parse_ctx *ctx);

#endif
