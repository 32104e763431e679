/*
 * Template expansion: replace every `use` by a copy of the template's
 * body with the arguments substituted, evaluate `if`/`else` on the
 * parameters, and drop the template definitions.  The result is a flat
 * list of concrete declarations (no AST_TEMPLATE, AST_USE or AST_IF),
 * in source order with each expansion at its `use`.
 */
#ifndef MGC_EXPAND_H
#define MGC_EXPAND_H

struct arena;
struct diag_sink;
struct ast_decl;

/* Maximum depth of templates using templates. */
#define EXPAND_MAX_DEPTH 32
/* Maximum number of `use` expansions in one compilation. */
#define EXPAND_MAX_USES 100000

struct ast_decl *expand_templates(struct arena *a, struct diag_sink *d, struct ast_decl *decls);

#endif
