/*
 * The network-firewall model.  See netfw.h.
 */
#include "netfw.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../compiler/vec.h"

void netfw_init(struct netfw *n, const struct ir_model *m, const struct ir_firewall *fw)
{
	size_t i, k;

	n->fw = fw;
	n->nr_zones = m->nr_zones;
	n->of_zone = xmalloc((m->nr_zones ? m->nr_zones : 1) * sizeof(*n->of_zone));
	for (i = 0; i < m->nr_zones; i++)
		n->of_zone[i] = NO_CLASS;
	n->cls = xcalloc(fw->nr_zones ? fw->nr_zones : 1, sizeof(*n->cls));
	n->nr_cls = 0;
	for (i = 0; i < fw->nr_zones; i++) {
		if (!fw->zones[i].direct || !fw->zones[i].nr_ifaces)
			continue;
		n->cls[n->nr_cls].fz = &fw->zones[i];
		n->cls[n->nr_cls].members = xmalloc(fw->nr_zones * sizeof(size_t));
		n->nr_cls++;
	}
	for (i = 0; i < fw->nr_zones; i++) {
		const struct ir_fw_zone *fz = &fw->zones[i];

		if (!fz->nr_ifaces)
			continue;
		for (k = 0; k < n->nr_cls; k++) {
			struct zclass *c = &n->cls[k];

			if (strcmp(c->fz->ifaces[0]->name, fz->ifaces[0]->name) == 0) {
				c->members[c->nr_members++] = i;
				n->of_zone[fz->zone->index] = k;
				break;
			}
		}
	}
}

void netfw_release(struct netfw *n)
{
	size_t i;

	for (i = 0; i < n->nr_cls; i++)
		free(n->cls[i].members);
	free(n->cls);
	free(n->of_zone);
}

void netfw_side_release(struct side *s)
{
	free(s->pfx);
	s->pfx = NULL;
	s->nr = 0;
	s->kind = SIDE_NONE;
}

const struct ir_place *netfw_find_place(const struct ir_endpoint *e, const struct ir_zone *z)
{
	size_t lo = 0, hi = e->nr_places;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct ir_zone *pz = e->places[mid].zone;

		if (pz == z)
			return &e->places[mid];
		if (!pz || pz->index > z->index)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

bool netfw_has_self(const struct ir_endpoint *e)
{
	return e->nr_places && !e->places[e->nr_places - 1].zone;
}

size_t netfw_count_family(const struct ip_prefix *p, size_t n, int fam)
{
	size_t i, c = 0;

	for (i = 0; i < n; i++)
		if (p[i].addr.family == fam)
			c++;
	return c;
}

int netfw_prefix_qcmp(const void *a, const void *b)
{
	return ip_prefix_cmp(a, b);
}

/* Sort and drop every prefix that lies inside the one before it. */
size_t netfw_prefixes_normalize(struct ip_prefix *p, size_t n)
{
	size_t i, k = 0;

	if (n < 2)
		return n;
	qsort(p, n, sizeof(*p), netfw_prefix_qcmp);
	for (i = 1; i < n; i++)
		if (!ip_prefix_contains(&p[k], &p[i]))
			p[++k] = p[i];
	return k + 1;
}

/* Which classes an endpoint touches: flags[0..nr_cls], the last for self. */
void netfw_classes(const struct netfw *n, const struct ir_endpoint *e, bool *flags)
{
	size_t i;

	memset(flags, 0, (n->nr_cls + 1) * sizeof(*flags));
	for (i = 0; i < e->nr_places; i++) {
		const struct ir_zone *z = e->places[i].zone;

		if (!z)
			flags[n->nr_cls] = true;
		else if (n->of_zone[z->index] != NO_CLASS)
			flags[n->of_zone[z->index]] = true;
	}
}

void netfw_side(const struct netfw *n, const struct ir_endpoint *e, size_t cls,
		       int fam, struct side *out)
{
	VEC(struct ip_prefix) v = { 0 };
	bool have_fam = false, all_whole = true;
	const struct zclass *c;
	size_t i, k;

	out->kind = SIDE_NONE;
	out->pfx = NULL;
	out->nr = 0;
	if (cls == n->nr_cls) {
		if (netfw_has_self(e))
			out->kind = SIDE_ALL;
		return;
	}
	c = &n->cls[cls];
	for (i = 0; i < c->nr_members; i++) {
		const struct ir_zone *z = n->fw->zones[c->members[i]].zone;
		const struct ir_place *p = netfw_find_place(e, z);
		bool zf = netfw_count_family(z->owned, z->nr_owned, fam) > 0;

		if (zf) {
			have_fam = true;
			if (!p || !p->whole)
				all_whole = false;
		}
		if (!p)
			continue;
		if (p->whole) {
			for (k = 0; k < z->nr_owned; k++)
				if (z->owned[k].addr.family == fam)
					vec_push(&v, z->owned[k]);
		} else {
			for (k = 0; k < p->nr_pfx; k++)
				if (p->pfx[k].addr.family == fam)
					vec_push(&v, p->pfx[k]);
		}
	}
	if (have_fam && all_whole) {
		vec_release(&v);
		out->kind = SIDE_ALL;
		return;
	}
	if (!v.nr) {
		vec_release(&v);
		return;
	}
	out->kind = SIDE_SOME;
	out->pfx = v.items;
	out->nr = netfw_prefixes_normalize(v.items, v.nr);
}

/* Does an endpoint hold addresses of a family (self holds both)? */
bool netfw_endpoint_has_family(const struct netfw *n, const struct ir_endpoint *e, int fam)
{
	size_t i;

	for (i = 0; i < e->nr_places; i++) {
		const struct ir_place *p = &e->places[i];

		if (!p->zone)
			return true;
		if (n->of_zone[p->zone->index] == NO_CLASS)
			continue;
		if (p->whole ? netfw_count_family(p->zone->owned, p->zone->nr_owned, fam) > 0
			     : netfw_count_family(p->pfx, p->nr_pfx, fam) > 0)
			return true;
	}
	return false;
}

/* Was an address of this family written explicitly (not a whole zone)? */
bool netfw_endpoint_names_family(const struct ir_endpoint *e, int fam)
{
	size_t i;

	for (i = 0; i < e->nr_places; i++)
		if (e->places[i].zone && !e->places[i].whole &&
		    netfw_count_family(e->places[i].pfx, e->places[i].nr_pfx, fam) > 0)
			return true;
	return false;
}

/* Both sides name `self` explicitly: loopback traffic. */
bool netfw_rule_names_loopback(const struct ir_rule *r)
{
	return netfw_has_self(&r->src) && netfw_has_self(&r->dst) && !r->src.any && !r->dst.any;
}

const char *netfw_family_name(int fam)
{
	return fam == IP_V4 ? "IPv4" : "IPv6";
}

/* "1.2.3.4" for a host prefix, "10.0.0.0/8" otherwise. */
void netfw_prefix_text(const struct ip_prefix *p, char buf[IP_STRLEN])
{
	if (p->len == ip_family_bits(p->addr.family))
		ip_addr_format(&p->addr, buf);
	else
		ip_prefix_format(p, buf);
}

/* The line of a span, for comments ("0" when unknown). */
unsigned netfw_span_line(const struct emit_ctx *ctx, struct span at)
{
	if (span_is_none(at) || !ctx->diag || !ctx->diag->src)
		return 0;
	return source_locate(ctx->diag->src, at.file, at.begin).line;
}

/* Interface names the kernel and both tools take literally: 1-15 of [A-Za-z0-9_.-]. */
int netfw_check_ifname(const struct emit_ctx *ctx, const struct ir_interface *ifc)
{
	size_t len = strlen(ifc->name), i;

	for (i = 0; i < len; i++) {
		char ch = ifc->name[i];

		if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		      (ch >= '0' && ch <= '9') || ch == '_' || ch == '.' || ch == '-'))
			break;
	}
	if (len && len <= 15 && i == len && strcmp(ifc->name, ".") && strcmp(ifc->name, "..") &&
	    ifc->name[0] != '-')
		return 0;
	diag_error(ctx->diag, DIAG_OUTPUT, ifc->at,
		   "interface name '%s' cannot be used by a Linux firewall "
		   "(1 to 15 letters, digits, '_', '.' or '-')", ifc->name);
	return -1;
}

