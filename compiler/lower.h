/*
 * Resolution, checks and lowering: from the expanded AST to the IR.
 * Every name is resolved (unknown and duplicate names get "did you
 * mean"), every literal parsed precisely, and the checks of SPEC
 * section 2 that need no policy analysis are made here: malformed
 * addresses and prefixes, host bits, ports, hosts outside their zone,
 * zones overlapping without nesting, interfaces on unknown zones,
 * services used with the wrong protocol, and the per-declaration rules
 * of relays and profiles.  The analyses under compiler/analyze/ run on
 * the IR afterwards.
 */
#ifndef MGC_LOWER_H
#define MGC_LOWER_H

struct arena;
struct diag_sink;
struct ast_decl;
struct ir_model;

/*
 * Lower `decls` (template-expanded) to a model.  Always returns a model
 * (possibly partial); the caller must not use it when errors were
 * recorded.
 */
struct ir_model *lower_model(struct arena *a, struct diag_sink *d, const struct ast_decl *decls,
			     const char *source_name);

#endif
