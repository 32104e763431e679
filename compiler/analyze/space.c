/*
 * The packet space of a firewall.  See space.h.
 *
 * Cost.  space_build() is O(B log B) for B boxes (about one per rule on
 * realistic policies).  A question about a box visits the group's
 * port classes that overlap its ports and, in each, the index of the
 * box's narrower address dimension (see struct space_class): about
 * O(layers log B + k) for the k boxes overlapping it there.  Covering is decided by cheap searches for an uncovered
 * packet first (the box's chosen packet, then the three axis lines
 * through it, O(k log k)), and only when those fail by exact box
 * subtraction, largest boxes first.  Subtraction can fragment (a box
 * minus k boxes inside it is up to 6k pieces, and each subtraction
 * scans the pieces), so a rule that sits under many smaller earlier
 * rules of the same group and is not covered by them costs O(k^2) in
 * the worst case; realistic policies rarely get there because the
 * searches above find a witness first.
 */
#include "space.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util.h"

#define U128_MAX (~(space_u128)0)


struct range_vec {
	struct space_range *items;
	size_t nr, alloc;
};

/*
 * The boxes of a group with the same port range form a class.  Classes
 * are sorted by port range; policies use few distinct port ranges, so
 * a question about a port range visits few classes.  Within a class,
 * boxes are indexed twice, by source and by destination range: sorted
 * by (layer, low end), where the layer is the bit length of hi - lo.
 * A box of layer L overlapping [qlo, qhi] has its low end in
 * (qlo - 2^L, qhi], one binary search away; for prefix-shaped ranges
 * (nested or disjoint, aligned) that window holds little besides the
 * boxes that do overlap, so a question costs O(layers * log n + k).
 */
struct space_layer {
	unsigned bits;
	size_t first, nr;	/* by_s or by_d [first .. first+nr-1] */
};

struct space_class {
	uint16_t plo, phi;
	size_t first, nr;	/* boxes[first ..] */
	struct space_layer *ls, *ld;	/* layers by source, by destination */
	size_t nr_ls, nr_ld;
};

struct space_group_idx {
	size_t first, nr;	/* boxes[first .. first+nr-1], sorted by port range */
	struct space_class *classes;
	size_t nr_classes;
};

struct space {
	const struct ir_firewall *fw;
	size_t nr_places;		/* reachable zones, then self */
	const struct ir_zone **place_zone;
	int *zone_place;		/* by zone index; -1: not reached */
	size_t nr_zone_slots;
	struct range_vec *owned;	/* [place * 2 + fam] */
	struct space_box *boxes;	/* sorted by group, then port range */
	size_t nr_boxes;
	uint32_t *by_s, *by_d;		/* per class: box indices by (layer, lo) */
	size_t *rule_first;		/* boxes of rule i: rule_box[rule_first[i] ..] */
	uint32_t *rule_box;
	struct space_group_idx *groups;
	size_t nr_groups;
};

/* ---- reference semantics ---- */

static bool place_matches(const struct ir_endpoint *e, const struct ir_zone *z,
			  const struct ip_addr *a)
{
	size_t i, k;

	for (i = 0; i < e->nr_places; i++) {
		const struct ir_place *p = &e->places[i];

		if (p->zone != z)
			continue;
		if (p->whole || !z)
			return true;
		for (k = 0; k < p->nr_pfx; k++)
			if (ip_prefix_contains_addr(&p->pfx[k], a))
				return true;
		return false;
	}
	return false;
}

bool space_rule_matches(const struct ir_rule *r, const struct packet *p)
{
	size_t i;
	bool port = false;

	for (i = 0; i < r->nr_match && !port; i++)
		port = r->match[i].proto == p->proto && r->match[i].lo <= p->dport &&
		       p->dport <= r->match[i].hi;
	return port && place_matches(&r->src, p->src_zone, &p->src) &&
	       place_matches(&r->dst, p->dst_zone, &p->dst);
}

const struct ir_rule *space_decide(const struct ir_firewall *fw, const struct packet *p)
{
	size_t i;

	for (i = 0; i < fw->nr_rules; i++)
		if (space_rule_matches(&fw->rules[i], p))
			return &fw->rules[i];
	return NULL;
}

const struct ir_zone *space_zone_of(const struct ir_model *m, const struct ip_addr *a)
{
	size_t i, k;

	for (i = 0; i < m->nr_zones; i++)
		for (k = 0; k < m->zones[i].nr_owned; k++)
			if (ip_prefix_contains_addr(&m->zones[i].owned[k], a))
				return &m->zones[i];
	return NULL;
}

char *packet_format(const struct packet *p, char buf[PACKET_STRLEN])
{
	char s[IP_STRLEN], d[IP_STRLEN];

	if (p->src_zone)
		ip_addr_format(&p->src, s);
	else
		strcpy(s, "self");
	if (p->dst_zone)
		ip_addr_format(&p->dst, d);
	else
		strcpy(d, "self");
	snprintf(buf, PACKET_STRLEN, "%s %s -> %s port %u (%s -> %s)", ir_proto_name(p->proto), s, d,
		 (unsigned)p->dport, p->src_zone ? p->src_zone->name : "self",
		 p->dst_zone ? p->dst_zone->name : "self");
	return buf;
}

/* ---- numbers and ranges ---- */

static space_u128 addr_num(const struct ip_addr *a)
{
	space_u128 v = 0;
	unsigned i, n = a->family == IP_V4 ? 4 : 16;

	for (i = 0; i < n; i++)
		v = (v << 8) | a->b[i];
	return v;
}

struct ip_addr space_num_addr(space_u128 v, int fam)
{
	struct ip_addr a;
	unsigned n = fam == IP_V4 ? 4 : 16, i;

	memset(&a, 0, sizeof(a));
	a.family = (uint8_t)fam;
	for (i = n; i-- > 0;) {
		a.b[i] = (uint8_t)(v & 0xff);
		v >>= 8;
	}
	return a;
}

static space_u128 fam_max(int fam)
{
	return fam == IP_V4 ? (space_u128)0xffffffffu : U128_MAX;
}

static void range_push(struct range_vec *v, space_u128 lo, space_u128 hi)
{
	if (v->nr && v->items[v->nr - 1].hi != U128_MAX && v->items[v->nr - 1].hi + 1 >= lo &&
	    v->items[v->nr - 1].lo <= lo) {
		if (hi > v->items[v->nr - 1].hi)
			v->items[v->nr - 1].hi = hi;
		return;
	}
	v->items = grow_array(v->items, sizeof(*v->items), v->nr + 1, &v->alloc);
	v->items[v->nr].lo = lo;
	v->items[v->nr].hi = hi;
	v->nr++;
}

static int range_cmp(const void *a, const void *b)
{
	const struct space_range *x = a, *y = b;

	if (x->lo != y->lo)
		return x->lo < y->lo ? -1 : 1;
	if (x->hi != y->hi)
		return x->hi < y->hi ? -1 : 1;
	return 0;
}

/* Sort and merge v in place. */
static void range_normalize(struct range_vec *v)
{
	size_t i, n = v->nr;
	struct space_range *copy;

	if (n < 2)
		return;
	qsort(v->items, n, sizeof(*v->items), range_cmp);
	copy = xmalloc(n * sizeof(*copy));
	memcpy(copy, v->items, n * sizeof(*copy));
	v->nr = 0;
	for (i = 0; i < n; i++)
		range_push(v, copy[i].lo, copy[i].hi);
	free(copy);
}

/* out += a ∩ b (both sorted, disjoint). */
static void range_intersect(const struct range_vec *a, const struct range_vec *b,
			    struct range_vec *out)
{
	size_t i = 0, j = 0;

	while (i < a->nr && j < b->nr) {
		space_u128 lo = a->items[i].lo > b->items[j].lo ? a->items[i].lo : b->items[j].lo;
		space_u128 hi = a->items[i].hi < b->items[j].hi ? a->items[i].hi : b->items[j].hi;

		if (lo <= hi)
			range_push(out, lo, hi);
		if (a->items[i].hi < b->items[j].hi)
			i++;
		else
			j++;
	}
}

/* ---- places ---- */

static int place_of(const struct space *s, const struct ir_zone *z)
{
	if (!z)
		return (int)s->nr_places - 1;
	if (z->index >= s->nr_zone_slots)
		return -1;
	return s->zone_place[z->index];
}

static int fam_slot(int fam)
{
	return fam == IP_V4 ? 0 : 1;
}

static int slot_fam(int slot)
{
	return slot == 0 ? IP_V4 : IP_V6;
}

static uint32_t group_key(const struct space *s, int slot, size_t sp, size_t dp, uint8_t proto)
{
	size_t k = ((size_t)slot * s->nr_places + sp) * s->nr_places + dp;

	return (uint32_t)(k * 2 + (proto == IR_UDP ? 1 : 0));
}

void space_group_info(const struct space *s, uint32_t group, int *family,
		      const struct ir_zone **src, const struct ir_zone **dst, uint8_t *proto)
{
	size_t k = group / 2;
	size_t dp = k % s->nr_places, sp = (k / s->nr_places) % s->nr_places;
	int slot = (int)(k / s->nr_places / s->nr_places);

	*family = slot_fam(slot);
	*src = s->place_zone[sp];
	*dst = s->place_zone[dp];
	*proto = (group & 1) ? IR_UDP : IR_TCP;
}

/* The ranges of endpoint e per (place, family) slot: ranges[place * 2 + slot]. */
static void endpoint_ranges(const struct space *s, const struct ir_endpoint *e,
			    struct range_vec *ranges, struct range_vec *tmp)
{
	size_t i, k;
	int slot;

	for (i = 0; i < e->nr_places; i++) {
		const struct ir_place *p = &e->places[i];
		int pl = place_of(s, p->zone);

		if (pl < 0)
			continue;
		for (slot = 0; slot < 2; slot++) {
			struct range_vec *out = &ranges[pl * 2 + slot];
			const struct range_vec *own = &s->owned[pl * 2 + slot];

			if (p->whole || !p->zone) {
				for (k = 0; k < own->nr; k++)
					range_push(out, own->items[k].lo, own->items[k].hi);
				continue;
			}
			tmp->nr = 0;
			for (k = 0; k < p->nr_pfx; k++) {
				struct ip_range r;

				if (p->pfx[k].addr.family != slot_fam(slot))
					continue;
				r = ip_prefix_range(&p->pfx[k]);
				range_push(tmp, addr_num(&r.lo), addr_num(&r.hi));
			}
			range_normalize(tmp);
			range_intersect(tmp, own, out);
		}
	}
	for (i = 0; i < s->nr_places * 2; i++)
		range_normalize(&ranges[i]);
}

static void region_push(struct space_region *r, const struct space_box *b)
{
	r->items = grow_array(r->items, sizeof(*r->items), r->nr + 1, &r->alloc);
	r->items[r->nr++] = *b;
}

static void region_add_rule(const struct space *s, const struct ir_endpoint *src,
			    const struct ir_endpoint *dst, const struct ir_port *match,
			    size_t nr_match, uint32_t rule, struct space_region *out)
{
	size_t n = s->nr_places * 2, sp, dp, m, a, b;
	struct range_vec *sr = xcalloc(n, sizeof(*sr)), *dr = xcalloc(n, sizeof(*dr));
	struct range_vec tmp = { NULL, 0, 0 };
	int slot;

	endpoint_ranges(s, src, sr, &tmp);
	endpoint_ranges(s, dst, dr, &tmp);
	for (slot = 0; slot < 2; slot++)
		for (sp = 0; sp < s->nr_places; sp++) {
			const struct range_vec *x = &sr[sp * 2 + slot];

			if (!x->nr)
				continue;
			for (dp = 0; dp < s->nr_places; dp++) {
				const struct range_vec *y = &dr[dp * 2 + slot];

				if (!y->nr)
					continue;
				for (m = 0; m < nr_match; m++) {
					struct space_box box;

					box.group = group_key(s, slot, sp, dp, match[m].proto);
					box.plo = match[m].lo;
					box.phi = match[m].hi;
					box.rule = rule;
					for (a = 0; a < x->nr; a++)
						for (b = 0; b < y->nr; b++) {
							box.slo = x->items[a].lo;
							box.shi = x->items[a].hi;
							box.dlo = y->items[b].lo;
							box.dhi = y->items[b].hi;
							region_push(out, &box);
						}
				}
			}
		}
	for (sp = 0; sp < n; sp++) {
		free(sr[sp].items);
		free(dr[sp].items);
	}
	free(sr);
	free(dr);
	free(tmp.items);
}

void space_region_add(const struct space *s, const struct ir_endpoint *src,
		      const struct ir_endpoint *dst, const struct ir_port *match, size_t nr_match,
		      struct space_region *out)
{
	region_add_rule(s, src, dst, match, nr_match, UINT32_MAX, out);
}

void space_rule_region(const struct space *s, size_t i, struct space_region *out)
{
	size_t k;

	if (!s->rule_first) {
		const struct ir_rule *r = &s->fw->rules[i];

		region_add_rule(s, &r->src, &r->dst, r->match, r->nr_match, (uint32_t)i, out);
		return;
	}
	for (k = s->rule_first[i]; k < s->rule_first[i + 1]; k++)
		region_push(out, &s->boxes[s->rule_box[k]]);
}

void space_region_release(struct space_region *r)
{
	free(r->items);
	r->items = NULL;
	r->nr = r->alloc = 0;
}

bool space_region_empty(const struct space_region *r)
{
	return r->nr == 0;
}

size_t space_nr_boxes(const struct space *s)
{
	return s->nr_boxes;
}

/* ---- building the index ---- */

/* qsort() takes no context (C11): the boxes the comparators index, set around each sort. */
static const struct space_box *sort_boxes;

static unsigned bit_length(space_u128 v)
{
	unsigned n = 0;

	if (v >> 64) {
		n = 64;
		v >>= 64;
	}
	while (v) {
		n++;
		v >>= 1;
	}
	return n;
}

static unsigned layer_of(const struct space_box *b, bool dst)
{
	return dst ? b->layer_d : b->layer_s;
}

static int by_layer(const struct space_box *x, const struct space_box *y, bool dst)
{
	unsigned lx = layer_of(x, dst), ly = layer_of(y, dst);
	space_u128 a = dst ? x->dlo : x->slo, b = dst ? y->dlo : y->slo;

	if (lx != ly)
		return lx < ly ? -1 : 1;
	if (a != b)
		return a < b ? -1 : 1;
	return x->rule < y->rule ? -1 : x->rule > y->rule;
}

static int by_slo(const void *a, const void *b)
{
	return by_layer(&sort_boxes[*(const uint32_t *)a], &sort_boxes[*(const uint32_t *)b], false);
}

static int by_dlo(const void *a, const void *b)
{
	return by_layer(&sort_boxes[*(const uint32_t *)a], &sort_boxes[*(const uint32_t *)b], true);
}

/* The layer runs of idx[first .. first+nr-1] (sorted by layer). */
static struct space_layer *layers(const struct space_box *boxes, const uint32_t *idx,
				  size_t first, size_t nr, bool dst, size_t *n)
{
	struct space_layer *l = NULL;
	size_t alloc = 0, k;

	*n = 0;
	for (k = first; k < first + nr; k++) {
		unsigned bits = layer_of(&boxes[idx[k]], dst);

		if (!*n || l[*n - 1].bits != bits) {
			l = grow_array(l, sizeof(*l), *n + 1, &alloc);
			l[*n].bits = bits;
			l[*n].first = k;
			l[*n].nr = 0;
			(*n)++;
		}
		l[*n - 1].nr++;
	}
	return l;
}

static int by_ports(const void *a, const void *b)
{
	const struct space_box *x = a, *y = b;

	if (x->plo != y->plo)
		return x->plo < y->plo ? -1 : 1;
	if (x->phi != y->phi)
		return x->phi < y->phi ? -1 : 1;
	return x->rule < y->rule ? -1 : x->rule > y->rule;
}

struct space *space_build(const struct ir_firewall *fw)
{
	struct space *s = xcalloc(1, sizeof(*s));
	struct space_region all = SPACE_REGION_INIT;
	size_t i, k, nz = 0, *count, cls_alloc = 0;
	struct space_box *sorted;

	s->fw = fw;
	for (i = 0; i < fw->nr_zones; i++)
		if (fw->zones[i].zone->index + 1 > nz)
			nz = fw->zones[i].zone->index + 1;
	s->nr_zone_slots = nz;
	s->zone_place = xmalloc((nz ? nz : 1) * sizeof(*s->zone_place));
	for (i = 0; i < nz; i++)
		s->zone_place[i] = -1;
	s->nr_places = fw->nr_zones + 1;
	s->place_zone = xcalloc(s->nr_places, sizeof(*s->place_zone));
	s->owned = xcalloc(s->nr_places * 2, sizeof(*s->owned));
	for (i = 0; i < fw->nr_zones; i++) {
		const struct ir_zone *z = fw->zones[i].zone;

		s->place_zone[i] = z;
		s->zone_place[z->index] = (int)i;
		for (k = 0; k < z->nr_owned; k++) {
			struct ip_range r = ip_prefix_range(&z->owned[k]);

			range_push(&s->owned[i * 2 + fam_slot(r.lo.family)], addr_num(&r.lo),
				   addr_num(&r.hi));
		}
		range_normalize(&s->owned[i * 2]);
		range_normalize(&s->owned[i * 2 + 1]);
	}
	i = s->nr_places - 1;	/* self */
	range_push(&s->owned[i * 2], 0, fam_max(IP_V4));
	range_push(&s->owned[i * 2 + 1], 0, fam_max(IP_V6));

	for (i = 0; i < fw->nr_rules; i++)
		space_rule_region(s, i, &all);

	/* Counting sort by group: boxes of a group stay in rule order. */
	s->nr_groups = 2 * s->nr_places * s->nr_places * 2;
	s->groups = xcalloc(s->nr_groups, sizeof(*s->groups));
	count = xcalloc(s->nr_groups + 1, sizeof(*count));
	for (i = 0; i < all.nr; i++)
		count[all.items[i].group + 1]++;
	for (i = 0; i < s->nr_groups; i++) {
		count[i + 1] += count[i];
		s->groups[i].first = count[i];
	}
	sorted = xmalloc((all.nr ? all.nr : 1) * sizeof(*sorted));
	for (i = 0; i < all.nr; i++) {
		struct space_box *b = &sorted[count[all.items[i].group]++];

		*b = all.items[i];
		b->layer_s = (uint8_t)bit_length(b->shi - b->slo);
		b->layer_d = (uint8_t)bit_length(b->dhi - b->dlo);
	}
	free(count);
	s->boxes = sorted;
	s->nr_boxes = all.nr;
	space_region_release(&all);
	s->by_s = xmalloc((s->nr_boxes ? s->nr_boxes : 1) * sizeof(*s->by_s));
	s->by_d = xmalloc((s->nr_boxes ? s->nr_boxes : 1) * sizeof(*s->by_d));
	for (i = 0; i < s->nr_groups; i++) {
		struct space_group_idx *g = &s->groups[i];
		size_t end = i + 1 < s->nr_groups ? s->groups[i + 1].first : s->nr_boxes;

		g->nr = end - g->first;
		if (!g->nr)
			continue;
		qsort(s->boxes + g->first, g->nr, sizeof(*s->boxes), by_ports);
		for (k = 0; k < g->nr; k++) {
			const struct space_box *b = &s->boxes[g->first + k];

			if (!k || b->plo != b[-1].plo || b->phi != b[-1].phi) {
				g->classes = grow_array(g->classes, sizeof(*g->classes),
							g->nr_classes + 1, &cls_alloc);
				g->classes[g->nr_classes].plo = b->plo;
				g->classes[g->nr_classes].phi = b->phi;
				g->classes[g->nr_classes].first = g->first + k;
				g->classes[g->nr_classes].nr = 0;
				g->nr_classes++;
			}
			g->classes[g->nr_classes - 1].nr++;
		}
		cls_alloc = 0;
		for (k = 0; k < g->nr_classes; k++) {
			struct space_class *c = &g->classes[k];
			size_t x;

			for (x = c->first; x < c->first + c->nr; x++)
				s->by_s[x] = s->by_d[x] = (uint32_t)x;
			sort_boxes = s->boxes;
			qsort(s->by_s + c->first, c->nr, sizeof(*s->by_s), by_slo);
			qsort(s->by_d + c->first, c->nr, sizeof(*s->by_d), by_dlo);
			sort_boxes = NULL;
			c->ls = layers(s->boxes, s->by_s, c->first, c->nr, false, &c->nr_ls);
			c->ld = layers(s->boxes, s->by_d, c->first, c->nr, true, &c->nr_ld);
		}
	}
	/* Each rule's boxes, in box order (a rule's boxes are disjoint). */
	s->rule_first = xcalloc(fw->nr_rules + 2, sizeof(*s->rule_first));
	s->rule_box = xmalloc((s->nr_boxes ? s->nr_boxes : 1) * sizeof(*s->rule_box));
	for (i = 0; i < s->nr_boxes; i++)
		s->rule_first[s->boxes[i].rule + 2]++;
	for (i = 0; i < fw->nr_rules; i++)
		s->rule_first[i + 2] += s->rule_first[i + 1];
	for (i = 0; i < s->nr_boxes; i++)
		s->rule_box[s->rule_first[s->boxes[i].rule + 1]++] = (uint32_t)i;
	return s;
}

void space_free(struct space *s)
{
	size_t i, k;

	if (!s)
		return;
	for (i = 0; i < s->nr_groups; i++) {
		for (k = 0; k < s->groups[i].nr_classes; k++) {
			free(s->groups[i].classes[k].ls);
			free(s->groups[i].classes[k].ld);
		}
		free(s->groups[i].classes);
	}
	free(s->by_s);
	free(s->by_d);
	free(s->rule_first);
	free(s->rule_box);
	for (i = 0; i < s->nr_places * 2; i++)
		free(s->owned[i].items);
	free(s->groups);
	free(s->owned);
	free(s->boxes);
	free(s->place_zone);
	free(s->zone_place);
	free(s);
}

/* ---- boxes ---- */

static space_u128 box_lo(const struct space_box *b, int dim)
{
	return dim == 0 ? b->slo : dim == 1 ? b->dlo : (space_u128)b->plo;
}

static space_u128 box_hi(const struct space_box *b, int dim)
{
	return dim == 0 ? b->shi : dim == 1 ? b->dhi : (space_u128)b->phi;
}

static void box_set(struct space_box *b, int dim, space_u128 lo, space_u128 hi)
{
	if (dim == 0) {
		b->slo = lo;
		b->shi = hi;
	} else if (dim == 1) {
		b->dlo = lo;
		b->dhi = hi;
	} else {
		b->plo = (uint16_t)lo;
		b->phi = (uint16_t)hi;
	}
}

bool space_box_intersects(const struct space_box *a, const struct space_box *b)
{
	return a->slo <= b->shi && b->slo <= a->shi && a->dlo <= b->dhi && b->dlo <= a->dhi &&
	       a->plo <= b->phi && b->plo <= a->phi;
}

struct space_box space_box_meet(const struct space_box *a, const struct space_box *b)
{
	struct space_box r = *a;
	int dim;

	for (dim = 0; dim < 3; dim++) {
		space_u128 lo = box_lo(a, dim) > box_lo(b, dim) ? box_lo(a, dim) : box_lo(b, dim);
		space_u128 hi = box_hi(a, dim) < box_hi(b, dim) ? box_hi(a, dim) : box_hi(b, dim);

		box_set(&r, dim, lo, hi);
	}
	return r;
}

/* Append p \ c to out (p and c intersect): at most 6 disjoint boxes. */
void space_box_subtract(const struct space_box *p, const struct space_box *c,
			 struct space_region *out)
{
	struct space_box core = *p;
	int dim;

	for (dim = 0; dim < 3; dim++) {
		space_u128 lo = box_lo(&core, dim), hi = box_hi(&core, dim);
		space_u128 clo = box_lo(c, dim), chi = box_hi(c, dim);
		struct space_box piece = core;

		if (lo < clo) {
			box_set(&piece, dim, lo, clo - 1);
			region_push(out, &piece);
			lo = clo;
		}
		if (hi > chi) {
			piece = core;
			box_set(&piece, dim, chi + 1, hi);
			region_push(out, &piece);
			hi = chi;
		}
		box_set(&core, dim, lo, hi);
	}
}

static double box_volume(const struct space_box *b)
{
	return ((double)(b->shi - b->slo) + 1.0) * ((double)(b->dhi - b->dlo) + 1.0) *
	       ((double)(b->phi - b->plo) + 1.0);
}

/* ---- candidates ---- */

struct cands {
	const struct space_box **items;
	size_t nr, alloc;
};

static void layer_query(const struct space *s, const uint32_t *idx,
			const struct space_layer *l, bool dst, const struct space_box *q,
			size_t from, size_t to, struct cands *out)
{
	space_u128 qlo = dst ? q->dlo : q->slo, qhi = dst ? q->dhi : q->shi, wlo = 0;
	size_t lo = l->first, hi = l->first + l->nr;

	/* Boxes of this layer have hi - lo < 2^bits: their lo is > qlo - 2^bits. */
	if (l->bits < 128 && qlo >= ((space_u128)1 << l->bits))
		wlo = qlo - ((space_u128)1 << l->bits) + 1;
	while (lo < hi) {
		size_t m = lo + (hi - lo) / 2;
		const struct space_box *b = &s->boxes[idx[m]];

		if ((dst ? b->dlo : b->slo) < wlo)
			lo = m + 1;
		else
			hi = m;
	}
	for (; lo < l->first + l->nr; lo++) {
		const struct space_box *b = &s->boxes[idx[lo]];

		if ((dst ? b->dlo : b->slo) > qhi)
			break;
		if (b->rule >= from && b->rule < to && space_box_intersects(b, q)) {
			out->items = grow_array(out->items, sizeof(*out->items), out->nr + 1,
						&out->alloc);
			out->items[out->nr++] = b;
		}
	}
}

/* The boxes of rules [from, to) that intersect q, in no particular order. */
static void collect(const struct space *s, const struct space_box *q, size_t from, size_t to,
		    struct cands *out)
{
	const struct space_group_idx *g;
	bool dst = q->shi - q->slo > q->dhi - q->dlo;
	size_t k, j;

	out->nr = 0;
	if (q->group >= s->nr_groups || from >= to)
		return;
	g = &s->groups[q->group];
	for (k = 0; k < g->nr_classes && g->classes[k].plo <= q->phi; k++) {
		const struct space_class *c = &g->classes[k];

		if (c->phi < q->plo)
			continue;
		if (dst)
			for (j = 0; j < c->nr_ld; j++)
				layer_query(s, s->by_d, &c->ld[j], true, q, from, to, out);
		else
			for (j = 0; j < c->nr_ls; j++)
				layer_query(s, s->by_s, &c->ls[j], false, q, from, to, out);
	}
}

static int cand_by_rule(const void *a, const void *b)
{
	const struct space_box *x = *(const struct space_box *const *)a;
	const struct space_box *y = *(const struct space_box *const *)b;

	if (x->rule != y->rule)
		return x->rule < y->rule ? -1 : 1;
	return x < y ? -1 : x > y;
}

static int cand_by_volume(const void *a, const void *b)
{
	const struct space_box *x = *(const struct space_box *const *)a;
	const struct space_box *y = *(const struct space_box *const *)b;
	double vx = box_volume(x), vy = box_volume(y);

	if (vx != vy)
		return vx > vy ? -1 : 1;
	return cand_by_rule(a, b);
}

/* ---- walking ---- */

int space_walk(const struct space *s, const struct space_region *in, size_t from, size_t to,
	       int (*fn)(void *ctx, const struct space_box *part, size_t rule), void *ctx,
	       struct space_region *rest)
{
	struct cands c = { NULL, 0, 0 };
	struct space_region pieces = SPACE_REGION_INIT, next = SPACE_REGION_INIT, t;
	size_t qi, ci, pi;
	int rc = 0;

	if (to > s->fw->nr_rules)
		to = s->fw->nr_rules;
	for (qi = 0; qi < in->nr && !rc; qi++) {
		collect(s, &in->items[qi], from, to, &c);
		if (c.nr > 1)
			qsort(c.items, c.nr, sizeof(*c.items), cand_by_rule);
		pieces.nr = 0;
		region_push(&pieces, &in->items[qi]);
		for (ci = 0; ci < c.nr && pieces.nr && !rc; ci++) {
			const struct space_box *b = c.items[ci];

			next.nr = 0;
			for (pi = 0; pi < pieces.nr; pi++) {
				const struct space_box *p = &pieces.items[pi];
				struct space_box part;

				if (rc || !space_box_intersects(p, b)) {
					region_push(&next, p);
					continue;
				}
				part = space_box_meet(p, b);
				part.rule = b->rule;
				rc = fn(ctx, &part, b->rule);
				space_box_subtract(p, b, &next);
			}
			t = pieces;
			pieces = next;
			next = t;
		}
		for (pi = 0; pi < pieces.nr && !rc; pi++) {
			pieces.items[pi].rule = UINT32_MAX;
			if (rest)
				region_push(rest, &pieces.items[pi]);
			else
				rc = fn(ctx, &pieces.items[pi], SPACE_DEFAULT);
		}
	}
	free(c.items);
	space_region_release(&pieces);
	space_region_release(&next);
	return rc;
}

/* ---- covering ---- */

static space_u128 nice_addr(space_u128 lo, space_u128 hi, int fam)
{
	space_u128 doc;

	if (fam == IP_V4)
		doc = 0xc0000201u;	/* 192.0.2.1 (TEST-NET-1) */
	else
		doc = ((space_u128)0x20010db8u << 96) | 1;	/* 2001:db8::1 */
	if (lo <= doc && doc <= hi)
		return doc;
	if (hi > lo && (lo & 0xff) == 0)
		return lo + 1;
	return lo;
}

static struct space_box nice_point(const struct space *s, const struct space_box *b)
{
	struct space_box p = *b;
	const struct ir_zone *sz, *dz;
	uint8_t proto;
	int fam;

	space_group_info(s, b->group, &fam, &sz, &dz, &proto);
	p.slo = p.shi = nice_addr(b->slo, b->shi, fam);
	p.dlo = p.dhi = nice_addr(b->dlo, b->dhi, fam);
	p.phi = p.plo;
	return p;
}

static bool point_in_any(const struct cands *c, const struct space_box *pt)
{
	size_t i;

	for (i = 0; i < c->nr; i++)
		if (space_box_intersects(c->items[i], pt))
			return true;
	return false;
}

/*
 * Along dimension dim through point pt, within q: a coordinate no
 * candidate covers (written into *pt), or false when the line is
 * covered.
 */
static bool line_gap(const struct cands *c, const struct space_box *q, struct space_box *pt,
		     int dim, struct range_vec *tmp)
{
	space_u128 cur = box_lo(q, dim), end = box_hi(q, dim);
	size_t i;
	int o;

	tmp->nr = 0;
	for (i = 0; i < c->nr; i++) {
		const struct space_box *b = c->items[i];
		bool on = true;

		for (o = 0; o < 3 && on; o++)
			if (o != dim)
				on = box_lo(b, o) <= box_lo(pt, o) && box_lo(pt, o) <= box_hi(b, o);
		if (!on)
			continue;
		tmp->items = grow_array(tmp->items, sizeof(*tmp->items), tmp->nr + 1, &tmp->alloc);
		tmp->items[tmp->nr].lo = box_lo(b, dim);
		tmp->items[tmp->nr].hi = box_hi(b, dim);
		tmp->nr++;
	}
	qsort(tmp->items, tmp->nr, sizeof(*tmp->items), range_cmp);
	for (i = 0; i < tmp->nr; i++) {
		if (tmp->items[i].lo > cur)
			break;
		if (tmp->items[i].hi >= end)
			return false;
		if (tmp->items[i].hi >= cur)
			cur = tmp->items[i].hi + 1;
	}
	box_set(pt, dim, cur, cur);
	return true;
}

static int size_cmp(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

static void rules_push(struct space_rules *r, size_t v)
{
	r->items = grow_array(r->items, sizeof(*r->items), r->nr + 1, &r->alloc);
	r->items[r->nr++] = v;
}

bool space_covered(const struct space *s, const struct space_region *in, size_t from, size_t to,
		   struct packet *witness, struct space_rules *cover)
{
	struct cands c = { NULL, 0, 0 };
	struct space_region pieces = SPACE_REGION_INIT, next = SPACE_REGION_INIT, t;
	struct range_vec tmp = { NULL, 0, 0 };
	struct space_rules used = { NULL, 0, 0 };
	struct space_box pt;
	size_t qi, ci, pi;
	bool ok = true;
	int dim;

	for (qi = 0; qi < in->nr && ok; qi++) {
		const struct space_box *q = &in->items[qi];

		collect(s, q, from, to, &c);
		pt = nice_point(s, q);
		if (!point_in_any(&c, &pt)) {
			ok = false;
			break;
		}
		for (dim = 0; dim < 3 && ok; dim++) {
			struct space_box lp = pt;

			if (line_gap(&c, q, &lp, dim, &tmp)) {
				pt = lp;
				ok = false;
			}
		}
		if (!ok)
			break;
		qsort(c.items, c.nr, sizeof(*c.items), cand_by_volume);
		pieces.nr = 0;
		region_push(&pieces, q);
		for (ci = 0; ci < c.nr && pieces.nr; ci++) {
			const struct space_box *b = c.items[ci];
			bool hit = false;

			next.nr = 0;
			for (pi = 0; pi < pieces.nr; pi++) {
				if (!space_box_intersects(&pieces.items[pi], b)) {
					region_push(&next, &pieces.items[pi]);
					continue;
				}
				hit = true;
				space_box_subtract(&pieces.items[pi], b, &next);
			}
			if (hit)
				rules_push(&used, b->rule);
			t = pieces;
			pieces = next;
			next = t;
		}
		if (pieces.nr) {
			pt = nice_point(s, &pieces.items[0]);
			ok = false;
		}
	}
	if (!ok && witness)
		space_box_packet(s, &pt, witness);
	if (ok && cover) {
		if (used.nr)
			qsort(used.items, used.nr, sizeof(*used.items), size_cmp);
		for (ci = 0; ci < used.nr; ci++)
			if (!ci || used.items[ci] != used.items[ci - 1])
				rules_push(cover, used.items[ci]);
	}
	free(c.items);
	free(tmp.items);
	free(used.items);
	space_region_release(&pieces);
	space_region_release(&next);
	return ok;
}

/* ---- packets ---- */

void space_box_packet(const struct space *s, const struct space_box *b, struct packet *p)
{
	struct space_box pt = nice_point(s, b);
	int fam;

	space_group_info(s, b->group, &fam, &p->src_zone, &p->dst_zone, &p->proto);
	p->src = space_num_addr(pt.slo, fam);
	p->dst = space_num_addr(pt.dlo, fam);
	p->dport = pt.plo;
}

static bool owned_by(const struct range_vec *v, space_u128 a)
{
	size_t i;

	for (i = 0; i < v->nr; i++)
		if (v->items[i].lo <= a && a <= v->items[i].hi)
			return true;
	return false;
}

bool space_packet_box(const struct space *s, const struct packet *p, struct space_box *b)
{
	int sp = place_of(s, p->src_zone), dp = place_of(s, p->dst_zone);
	int slot = fam_slot(p->src.family);

	if (sp < 0 || dp < 0 || p->src.family != p->dst.family)
		return false;
	memset(b, 0, sizeof(*b));
	b->slo = b->shi = addr_num(&p->src);
	b->dlo = b->dhi = addr_num(&p->dst);
	if (!owned_by(&s->owned[sp * 2 + slot], b->slo) || !owned_by(&s->owned[dp * 2 + slot], b->dlo))
		return false;
	b->plo = b->phi = p->dport;
	b->group = group_key(s, slot, (size_t)sp, (size_t)dp, p->proto);
	b->rule = UINT32_MAX;
	return true;
}

const struct space_range *space_owned(const struct space *s, const struct ir_zone *z, int family,
				      size_t *n)
{
	int pl = place_of(s, z);

	if (pl < 0) {
		*n = 0;
		return NULL;
	}
	*n = s->owned[pl * 2 + fam_slot(family)].nr;
	return s->owned[pl * 2 + fam_slot(family)].items;
}

void space_region_packet(const struct space *s, const struct space_region *r, struct packet *p)
{
	size_t i, best = 0;
	int score = -1;

	for (i = 0; i < r->nr && score < 2; i++) {
		const struct ir_zone *sz, *dz;
		uint8_t proto;
		int fam, sc;
		struct space_box pt;

		space_group_info(s, r->items[i].group, &fam, &sz, &dz, &proto);
		pt = nice_point(s, &r->items[i]);
		sc = (pt.slo == nice_addr(0, ~(space_u128)0, fam)) +
		     (pt.dlo == nice_addr(0, ~(space_u128)0, fam) || !dz);
		if (sc > score) {
			score = sc;
			best = i;
		}
	}
	space_box_packet(s, &r->items[best], p);
}
