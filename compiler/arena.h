/*
 * An arena hands out memory that lives until arena_release().  Nothing
 * allocated from it is freed on its own: the AST, interned strings and
 * the IR of one compilation share one lifetime, so ownership questions
 * reduce to "which arena?".  Things that escape a compilation (output
 * buffers, diagnostics, source text) are heap-owned with their own
 * _release functions instead.
 */
#ifndef MGC_ARENA_H
#define MGC_ARENA_H

#include <stddef.h>

struct arena_chunk;

struct arena {
	struct arena_chunk *head;
	size_t total;		/* bytes handed out, for `make bench` */
};

#define ARENA_INIT { NULL, 0 }

void *arena_alloc(struct arena *a, size_t size);	/* zeroed, max-aligned */
char *arena_strndup(struct arena *a, const char *s, size_t len);
char *arena_strdup(struct arena *a, const char *s);
void *arena_memdup(struct arena *a, const void *p, size_t size);
void arena_release(struct arena *a);

#define arena_new(a, type) ((type *)arena_alloc((a), sizeof(type)))
#define arena_array(a, type, n) ((type *)arena_alloc((a), sizeof(type) * (n)))

#endif
