/*
 * Printing a syntax tree back as text: canonical .mg, or YAML in the
 * schema of doc/yaml.md.  Used by `mgc fmt --to mg|yaml` to convert
 * between the two front ends.  The printers work on the tree as parsed
 * (templates, `use` and `if` not expanded), so a conversion is purely
 * syntactic; comments are not in the tree and are not carried over.
 * Reading the output back with the other front end gives a tree that
 * compiles to the same model.
 */
#ifndef MGC_ASTPRINT_H
#define MGC_ASTPRINT_H

struct ast_decl;
struct out;

/* Canonical .mg text for a declaration list (strings quoted and escaped). */
void astprint_mg(const struct ast_decl *decls, struct out *out);

/*
 * YAML for a declaration list, through libyaml's emitter (so every
 * scalar is quoted as YAML needs).  Returns 0, or -1 when libyaml
 * refused a scalar (nothing sensible was written).
 */
int astprint_yaml(const struct ast_decl *decls, struct out *out);

/*
 * `mgc fmt --to yaml|mg [-w] FILE`: parse FILE with the front end its
 * name selects (.yaml/.yml or .mg), without imports or template
 * expansion, and print it in the other syntax: on stdout, or with
 * `write` atomically to FILE's name with the new extension.  Returns
 * the exit status (0, 1 for syntax errors, 2 for usage or I/O errors).
 */
int fmt_convert(const char *path, const char *to, int write);

#endif
