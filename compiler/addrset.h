/*
 * Sets of addresses as sorted, disjoint, non-adjacent inclusive ranges
 * (both families in one set; IPv4 ranges sort first).  Used to compute
 * which addresses a zone owns and what a rule endpoint covers.  The
 * range array is heap memory owned by the set.
 */
#ifndef MGC_ADDRSET_H
#define MGC_ADDRSET_H

#include <stdbool.h>
#include <stddef.h>

#include "addr.h"

struct addrset {
	struct ip_range *r;
	size_t nr, alloc;
};

#define ADDRSET_INIT { NULL, 0, 0 }

/* Add a range or prefix; the set is unnormalised until addrset_normalize(). */
void addrset_add_range(struct addrset *s, const struct ip_range *r);
void addrset_add_prefix(struct addrset *s, const struct ip_prefix *p);
/* Sort and merge overlapping or adjacent ranges. */
void addrset_normalize(struct addrset *s);
/* out = a \ b; a and b normalised; out must not alias a or b. */
void addrset_subtract(const struct addrset *a, const struct addrset *b, struct addrset *out);
/* out = a ∩ b; a and b normalised; out must not alias a or b. */
void addrset_intersect(const struct addrset *a, const struct addrset *b, struct addrset *out);
bool addrset_equal(const struct addrset *a, const struct addrset *b);
/* Both normalised: is every address of a in b? */
bool addrset_subset(const struct addrset *a, const struct addrset *b);
/*
 * The minimal prefixes covering the set exactly (normalised set),
 * appended to a heap array *out of *n (reallocated).
 */
void addrset_to_prefixes(const struct addrset *s, struct ip_prefix **out, size_t *n);
void addrset_clear(struct addrset *s);
void addrset_release(struct addrset *s);

#endif
