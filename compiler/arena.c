/*
 * The compilation arena: a list of chunks, bump allocation within each.
 * See arena.h.
 */
#include "arena.h"

#include <stdalign.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define ARENA_CHUNK 65536
#define ARENA_ALIGN (alignof(max_align_t))

struct arena_chunk {
	struct arena_chunk *next;
	size_t used, size;
	alignas(max_align_t) unsigned char data[];
};

static void *arena_alloc_raw(struct arena *a, size_t size)
{
	struct arena_chunk *c = a->head;
	size_t need = (size + ARENA_ALIGN - 1) & ~(ARENA_ALIGN - 1);
	void *p;

	if (need < size)
		die("out of memory (allocating %zu bytes)", size);
	if (!c || c->size - c->used < need) {
		size_t sz = need > ARENA_CHUNK / 4 ? need : ARENA_CHUNK;

		if (need > ARENA_CHUNK / 4) {
			/* A big block gets a chunk of its own, behind the current one. */
			c = xmalloc(sizeof(*c) + sz);
			c->used = 0;
			c->size = sz;
			if (a->head) {
				c->next = a->head->next;
				a->head->next = c;
			} else {
				c->next = NULL;
				a->head = c;
			}
		} else {
			c = xmalloc(sizeof(*c) + sz);
			c->used = 0;
			c->size = sz;
			c->next = a->head;
			a->head = c;
		}
	}
	p = c->data + c->used;
	c->used += need;
	a->total += need;
	return p;
}

void *arena_alloc(struct arena *a, size_t size)
{
	void *p = arena_alloc_raw(a, size);

	memset(p, 0, size);
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t len)
{
	char *p = arena_alloc_raw(a, len + 1);

	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

void *arena_memdup(struct arena *a, const void *p, size_t size)
{
	void *q = arena_alloc_raw(a, size);

	if (size)
		memcpy(q, p, size);
	return q;
}

void arena_release(struct arena *a)
{
	struct arena_chunk *c = a->head;

	while (c) {
		struct arena_chunk *next = c->next;

		free(c);
		c = next;
	}
	a->head = NULL;
	a->total = 0;
}
