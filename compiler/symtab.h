/*
 * Name tables: a string-keyed hash map from a declared name to what it
 * declares.  mgc has three namespaces, each one table: network objects
 * (zones, hosts, groups, firewalls: they share one namespace because a
 * rule endpoint may name any of them), services, and templates.
 * Profiles live in a fourth.  Keys are not copied: they must outlive
 * the table (they live in the compilation arena).
 */
#ifndef MGC_SYMTAB_H
#define MGC_SYMTAB_H

#include <stddef.h>

struct sym {
	const char *name;
	int kind;		/* caller-defined (enum ast_kind) */
	const void *decl;	/* the declaring AST node */
	void *ir;		/* the IR object, once lowered */
};

struct symtab {
	struct sym *slots;
	size_t nr, alloc;	/* alloc is a power of two or 0 */
	const char **names;	/* insertion order, for suggestions */
	size_t nr_names, alloc_names;
};

#define SYMTAB_INIT { NULL, 0, 0, NULL, 0, 0 }

/* The entry for name, or NULL. */
struct sym *symtab_find(const struct symtab *t, const char *name);
/*
 * Insert name; returns the new entry, or the existing one with *found
 * set when name is already present (nothing changes then).
 */
struct sym *symtab_insert(struct symtab *t, const char *name, int *found);

/*
 * The closest declared name of one of the kinds in `kinds` (a mask of
 * 1 << kind; 0 means any kind), for "did you mean".
 */
const char *symtab_suggest(const struct symtab *t, const char *name, unsigned kinds);

void symtab_release(struct symtab *t);

#endif
