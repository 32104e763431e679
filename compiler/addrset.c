/*
 * Address range sets.  See addrset.h.
 */
#include "addrset.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

void addrset_add_range(struct addrset *s, const struct ip_range *r)
{
	s->r = grow_array(s->r, sizeof(*s->r), s->nr + 1, &s->alloc);
	s->r[s->nr++] = *r;
}

void addrset_add_prefix(struct addrset *s, const struct ip_prefix *p)
{
	struct ip_range r = ip_prefix_range(p);

	addrset_add_range(s, &r);
}

static int range_cmp(const void *a, const void *b)
{
	const struct ip_range *x = a, *y = b;
	int c = ip_addr_cmp(&x->lo, &y->lo);

	return c ? c : ip_addr_cmp(&x->hi, &y->hi);
}

/* Is b adjacent to or overlapping a (a.lo <= b.lo)? */
static bool touches(const struct ip_range *a, const struct ip_range *b)
{
	struct ip_addr next;

	if (a->hi.family != b->lo.family)
		return false;
	if (ip_addr_cmp(&b->lo, &a->hi) <= 0)
		return true;
	next = a->hi;
	return ip_addr_inc(&next) && ip_addr_cmp(&next, &b->lo) == 0;
}

void addrset_normalize(struct addrset *s)
{
	size_t i, o = 0;

	if (s->nr < 2)
		return;
	qsort(s->r, s->nr, sizeof(*s->r), range_cmp);
	for (i = 1; i < s->nr; i++) {
		if (touches(&s->r[o], &s->r[i])) {
			if (ip_addr_cmp(&s->r[i].hi, &s->r[o].hi) > 0)
				s->r[o].hi = s->r[i].hi;
		} else {
			s->r[++o] = s->r[i];
		}
	}
	s->nr = o + 1;
}

void addrset_subtract(const struct addrset *a, const struct addrset *b, struct addrset *out)
{
	size_t i, j = 0;

	addrset_clear(out);
	for (i = 0; i < a->nr; i++) {
		struct ip_range cur = a->r[i];
		bool alive = true;

		/* Skip b ranges entirely below cur. */
		while (j < b->nr && ip_addr_cmp(&b->r[j].hi, &cur.lo) < 0)
			j++;
		for (size_t k = j; alive && k < b->nr; k++) {
			const struct ip_range *cut = &b->r[k];

			if (ip_addr_cmp(&cut->lo, &cur.hi) > 0)
				break;
			if (ip_addr_cmp(&cut->lo, &cur.lo) > 0) {
				struct ip_range left = { cur.lo, cut->lo };

				ip_addr_dec(&left.hi);
				addrset_add_range(out, &left);
			}
			if (ip_addr_cmp(&cut->hi, &cur.hi) >= 0) {
				alive = false;
			} else {
				cur.lo = cut->hi;
				ip_addr_inc(&cur.lo);
			}
		}
		if (alive)
			addrset_add_range(out, &cur);
	}
}

void addrset_intersect(const struct addrset *a, const struct addrset *b, struct addrset *out)
{
	size_t i = 0, j = 0;

	addrset_clear(out);
	while (i < a->nr && j < b->nr) {
		const struct ip_range *x = &a->r[i], *y = &b->r[j];
		const struct ip_addr *lo = ip_addr_cmp(&x->lo, &y->lo) > 0 ? &x->lo : &y->lo;
		const struct ip_addr *hi = ip_addr_cmp(&x->hi, &y->hi) < 0 ? &x->hi : &y->hi;

		if (ip_addr_cmp(lo, hi) <= 0) {
			struct ip_range r = { *lo, *hi };

			addrset_add_range(out, &r);
		}
		if (ip_addr_cmp(&x->hi, &y->hi) < 0)
			i++;
		else
			j++;
	}
}

bool addrset_equal(const struct addrset *a, const struct addrset *b)
{
	size_t i;

	if (a->nr != b->nr)
		return false;
	for (i = 0; i < a->nr; i++)
		if (ip_addr_cmp(&a->r[i].lo, &b->r[i].lo) || ip_addr_cmp(&a->r[i].hi, &b->r[i].hi))
			return false;
	return true;
}

bool addrset_subset(const struct addrset *a, const struct addrset *b)
{
	struct addrset rest = ADDRSET_INIT;
	bool empty;

	addrset_subtract(a, b, &rest);
	empty = rest.nr == 0;
	addrset_release(&rest);
	return empty;
}

void addrset_to_prefixes(const struct addrset *s, struct ip_prefix **out, size_t *n)
{
	struct ip_prefix buf[256];
	size_t i, k;

	for (i = 0; i < s->nr; i++) {
		k = ip_range_to_prefixes(&s->r[i], buf, countof(buf));
		if (k > countof(buf))
			BUG("range needs %zu prefixes", k);
		*out = xrealloc(*out, (*n + k) * sizeof(**out));
		memcpy(*out + *n, buf, k * sizeof(buf[0]));
		*n += k;
	}
}

void addrset_clear(struct addrset *s)
{
	s->nr = 0;
}

void addrset_release(struct addrset *s)
{
	free(s->r);
	s->r = NULL;
	s->nr = s->alloc = 0;
}
