/*
 * parse_source(): wire the reentrant scanner to the pure parser.
 */
#include "parse.h"

#include "parser.h"
#define YYSTYPE MG_YYSTYPE
#define YYLTYPE MG_YYLTYPE
#include "lexer.h"

int mg_yyparse(yyscan_t scanner, struct parse_ctx *ctx);

int parse_source(struct parse_ctx *ctx)
{
	yyscan_t scanner;
	YY_BUFFER_STATE buf;

	ctx->decls = NULL;
	ctx->offset = 0;
	ctx->prev_end = ctx->last_end = 0;
	ctx->nr_errors = 0;
	if (mg_yylex_init_extra(ctx, &scanner))
		return -1;
	buf = mg_yy_scan_bytes(ctx->text, (int)ctx->len, scanner);
	mg_yyparse(scanner, ctx);
	mg_yy_delete_buffer(buf, scanner);
	mg_yylex_destroy(scanner);
	return (int)ctx->nr_errors;
}
