/*
 * Open-addressing hash table with linear probing.  See symtab.h.
 */
#include "symtab.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "util.h"

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

struct sym *symtab_find(const struct symtab *t, const char *name)
{
	size_t mask, i;

	if (!t->alloc)
		return NULL;
	mask = t->alloc - 1;
	for (i = (size_t)hash_str(name) & mask; t->slots[i].name; i = (i + 1) & mask)
		if (strcmp(t->slots[i].name, name) == 0)
			return &t->slots[i];
	return NULL;
}

static void rehash(struct symtab *t)
{
	size_t old_alloc = t->alloc, i;
	struct sym *old = t->slots;

	t->alloc = old_alloc ? old_alloc * 2 : 64;
	t->slots = xcalloc(t->alloc, sizeof(*t->slots));
	for (i = 0; i < old_alloc; i++) {
		size_t mask = t->alloc - 1, j;

		if (!old[i].name)
			continue;
		for (j = (size_t)hash_str(old[i].name) & mask; t->slots[j].name; j = (j + 1) & mask)
			;
		t->slots[j] = old[i];
	}
	free(old);
}

struct sym *symtab_insert(struct symtab *t, const char *name, int *found)
{
	struct sym *s = symtab_find(t, name);
	size_t mask, i;

	*found = s != NULL;
	if (s)
		return s;
	if ((t->nr + 1) * 2 > t->alloc)
		rehash(t);
	mask = t->alloc - 1;
	for (i = (size_t)hash_str(name) & mask; t->slots[i].name; i = (i + 1) & mask)
		;
	t->slots[i].name = name;
	t->nr++;
	t->names = grow_array(t->names, sizeof(*t->names), t->nr_names + 1, &t->alloc_names);
	t->names[t->nr_names++] = name;
	return &t->slots[i];
}

const char *symtab_suggest(const struct symtab *t, const char *name, unsigned kinds)
{
	const char **cands;
	const char *best;
	size_t i, n = 0;

	if (!t->nr_names)
		return NULL;
	cands = xmalloc(t->nr_names * sizeof(*cands));
	for (i = 0; i < t->nr_names; i++) {
		const struct sym *s = symtab_find(t, t->names[i]);

		if (!kinds || (s && (kinds & (1u << s->kind))))
			cands[n++] = t->names[i];
	}
	best = diag_suggest(name, cands, n);
	free(cands);
	return best;
}

void symtab_release(struct symtab *t)
{
	free(t->slots);
	free(t->names);
	memset(t, 0, sizeof(*t));
}
