/*
 * Typed growable arrays on the heap.  Declare with VEC(type) name; use
 * vec_push(&v, x); free with vec_release(&v).  Elements are contiguous
 * (v.items[0 .. v.nr-1]) and move on growth, so do not keep pointers
 * into a vector that is still growing.
 */
#ifndef MGC_VEC_H
#define MGC_VEC_H

#include <stdlib.h>
#include "util.h"

#define VEC(type) struct { type *items; size_t nr, alloc; }

#define vec_push(v, x) do {						\
	(v)->items = grow_array((v)->items, sizeof(*(v)->items),	\
				(v)->nr + 1, &(v)->alloc);		\
	(v)->items[(v)->nr++] = (x);					\
} while (0)

#define vec_release(v) do {						\
	free((v)->items);						\
	(v)->items = NULL;						\
	(v)->nr = (v)->alloc = 0;					\
} while (0)

#endif
