/*
 * The `nftables` target: an `nft -f` script for one firewall.
 *
 * One `inet` table, `mgc`, replaced atomically in one transaction:
 * `table inet mgc` (creates it when missing), `delete table inet mgc`,
 * then the whole table.  Never `flush ruleset`, never `destroy` (nft
 * 1.0.6 lacks it).  Layout:
 *
 *   forward/input/output   base chains, policy drop: established and
 *                          related accepted, invalid dropped, then one
 *                          verdict-map lookup on the interfaces
 *                          (iifname . oifname, iifname, oifname)
 *   cp_S_D, in_S, out_D    one chain per pair of zone classes (see the
 *                          model below), named after zone indices; it
 *                          first returns packets whose addresses do not
 *                          belong to the classes (anti-spoofing), then
 *                          holds the policy's rules in source order
 *   zN_v4, zN_v6           the addresses zone N owns (interval sets)
 *   grp_N                  consecutive rules of a chain with the same
 *                          action, merged into one concatenated set
 *                          (saddr . daddr . l4proto . dport): one kernel
 *                          rule for many source rules
 *   log_rN                 rate-limited log (limit before log) and the
 *                          verdict of a rule with `log`
 *   reject_pkt             TCP reset, else ICMP admin-prohibited
 *
 * Every identifier is built from a fixed alphabet and numbers; user
 * names appear only in '#' comment lines (out_comment_text) and user
 * comments in `comment "..."` (out_nft_string).
 */
#include "backend.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../compiler/vec.h"

/*
 * The network-firewall model, shared in meaning by every network target
 * (NEEDSWORK: nftables.c and iptables.c carry identical copies of this
 * block; it belongs in backends/netfw.[ch]).
 *
 * A zone "class" is a zone that an interface is bound to, with the
 * zones reached through the same interfaces (zones nested in it that
 * have no interface of their own).  A packet from zone Z arrives on an
 * interface of Z's class and carries one of Z's owned addresses; zones
 * of one class are told apart by address only.  Class nr_cls stands for
 * the firewall itself (`self`).  For a rule, a class and a family, one
 * side of the rule is nothing (SIDE_NONE), every address the class owns
 * in that family (SIDE_ALL: no address match needed once the class is
 * checked), or a list of prefixes.
 */

#define NO_CLASS ((size_t)-1)

#if defined(__GNUC__)
#define NETFW_MAYBE_UNUSED __attribute__((unused))
#else
#define NETFW_MAYBE_UNUSED
#endif

enum side_kind {
	SIDE_NONE,
	SIDE_ALL,
	SIDE_SOME
};

struct side {
	enum side_kind kind;
	struct ip_prefix *pfx;	/* SIDE_SOME: sorted, none inside another (heap) */
	size_t nr;
};

struct zclass {
	const struct ir_fw_zone *fz;	/* the zone the interfaces are bound to */
	size_t *members;		/* indices into fw->zones, in zone order */
	size_t nr_members;
};

struct netfw {
	const struct ir_firewall *fw;
	struct zclass *cls;
	size_t nr_cls;
	size_t *of_zone;		/* model zone index -> class or NO_CLASS */
	size_t nr_zones;
};

static void netfw_init(struct netfw *n, const struct ir_model *m, const struct ir_firewall *fw)
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

static void netfw_release(struct netfw *n)
{
	size_t i;

	for (i = 0; i < n->nr_cls; i++)
		free(n->cls[i].members);
	free(n->cls);
	free(n->of_zone);
}

static void side_release(struct side *s)
{
	free(s->pfx);
	s->pfx = NULL;
	s->nr = 0;
	s->kind = SIDE_NONE;
}

static const struct ir_place *find_place(const struct ir_endpoint *e, const struct ir_zone *z)
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

static bool has_self(const struct ir_endpoint *e)
{
	return e->nr_places && !e->places[e->nr_places - 1].zone;
}

static size_t count_family(const struct ip_prefix *p, size_t n, int fam)
{
	size_t i, c = 0;

	for (i = 0; i < n; i++)
		if (p[i].addr.family == fam)
			c++;
	return c;
}

static int prefix_qcmp(const void *a, const void *b)
{
	return ip_prefix_cmp(a, b);
}

/* Sort and drop every prefix that lies inside the one before it. */
static size_t prefixes_normalize(struct ip_prefix *p, size_t n)
{
	size_t i, k = 0;

	if (n < 2)
		return n;
	qsort(p, n, sizeof(*p), prefix_qcmp);
	for (i = 1; i < n; i++)
		if (!ip_prefix_contains(&p[k], &p[i]))
			p[++k] = p[i];
	return k + 1;
}

/* Which classes an endpoint touches: flags[0..nr_cls], the last for self. */
static void netfw_classes(const struct netfw *n, const struct ir_endpoint *e, bool *flags)
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

static void netfw_side(const struct netfw *n, const struct ir_endpoint *e, size_t cls,
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
		if (has_self(e))
			out->kind = SIDE_ALL;
		return;
	}
	c = &n->cls[cls];
	for (i = 0; i < c->nr_members; i++) {
		const struct ir_zone *z = n->fw->zones[c->members[i]].zone;
		const struct ir_place *p = find_place(e, z);
		bool zf = count_family(z->owned, z->nr_owned, fam) > 0;

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
	out->nr = prefixes_normalize(v.items, v.nr);
}

/* Does an endpoint hold addresses of a family (self holds both)? */
static bool endpoint_has_family(const struct netfw *n, const struct ir_endpoint *e, int fam)
{
	size_t i;

	for (i = 0; i < e->nr_places; i++) {
		const struct ir_place *p = &e->places[i];

		if (!p->zone)
			return true;
		if (n->of_zone[p->zone->index] == NO_CLASS)
			continue;
		if (p->whole ? count_family(p->zone->owned, p->zone->nr_owned, fam) > 0
			     : count_family(p->pfx, p->nr_pfx, fam) > 0)
			return true;
	}
	return false;
}

/* Was an address of this family written explicitly (not a whole zone)? */
NETFW_MAYBE_UNUSED static bool endpoint_names_family(const struct ir_endpoint *e, int fam)
{
	size_t i;

	for (i = 0; i < e->nr_places; i++)
		if (e->places[i].zone && !e->places[i].whole &&
		    count_family(e->places[i].pfx, e->places[i].nr_pfx, fam) > 0)
			return true;
	return false;
}

/* Both sides name `self` explicitly: loopback traffic. */
static bool rule_names_loopback(const struct ir_rule *r)
{
	return has_self(&r->src) && has_self(&r->dst) && !r->src.any && !r->dst.any;
}

static const char *family_name(int fam)
{
	return fam == IP_V4 ? "IPv4" : "IPv6";
}

/* "1.2.3.4" for a host prefix, "10.0.0.0/8" otherwise. */
static void prefix_text(const struct ip_prefix *p, char buf[IP_STRLEN])
{
	if (p->len == ip_family_bits(p->addr.family))
		ip_addr_format(&p->addr, buf);
	else
		ip_prefix_format(p, buf);
}

/* The line of a span, for comments ("0" when unknown). */
static unsigned span_line(const struct emit_ctx *ctx, struct span at)
{
	if (span_is_none(at) || !ctx->diag || !ctx->diag->src)
		return 0;
	return source_locate(ctx->diag->src, at.file, at.begin).line;
}

/* Interface names the kernel and both tools take literally: 1-15 of [A-Za-z0-9_.-]. */
static int check_ifname(const struct emit_ctx *ctx, const struct ir_interface *ifc)
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

/*
 * The nftables emitter.
 */

/* Rules whose cross product of addresses and ports is larger stay alone. */
#define MERGE_MAX_ELEMENTS 1024

struct entry {
	const struct ir_rule *r;
	int fam;
	struct side s, d;
	size_t grp;		/* merged set number, or 0 when alone */
	bool grp_first;		/* the entry that emits the merged rule */
};

struct chain {
	VEC(struct entry) e;
};

struct nctx {
	const struct emit_ctx *ctx;
	struct netfw n;
	struct chain *chains;	/* (nr_cls + 1)^2, by src class * (nr_cls + 1) + dst class */
	size_t width;		/* nr_cls + 1 */
	bool *zone_used;	/* [fw zone * 2 + (fam == IP_V6)] */
	bool *log_used;		/* by rule index */
	bool need_reject;
	size_t nr_grp;
	struct out sets, chains_out;
	int failed;
};

struct element {
	struct ip_prefix s, d;
	uint8_t proto;
	uint16_t lo, hi;
};

static const char *ipkw(int fam)
{
	return fam == IP_V4 ? "ip" : "ip6";
}

static struct ip_prefix all_prefix(int fam)
{
	struct ip_prefix p;

	memset(&p, 0, sizeof(p));
	p.addr.family = (uint8_t)fam;
	p.len = 0;
	return p;
}

static void put_comment_name(struct nctx *c, struct out *o, const char *name)
{
	if (out_comment_text(o, name) < 0)
		out_puts(o, "(unprintable name)");
	(void)c;
}

static void put_class_names(struct nctx *c, struct out *o, size_t cls)
{
	const struct zclass *z;
	size_t i;

	if (cls == c->n.nr_cls) {
		out_puts(o, "self");
		return;
	}
	z = &c->n.cls[cls];
	for (i = 0; i < z->nr_members; i++) {
		if (i)
			out_puts(o, ", ");
		put_comment_name(c, o, c->n.fw->zones[z->members[i]].zone->name);
	}
	out_puts(o, " (");
	for (i = 0; i < z->fz->nr_ifaces; i++) {
		if (i)
			out_puts(o, ", ");
		put_comment_name(c, o, z->fz->ifaces[i]->name);
	}
	out_puts(o, ")");
}

static void put_chain_name(struct nctx *c, struct out *o, size_t a, size_t b)
{
	size_t self = c->n.nr_cls;

	if (b == self)
		out_printf(o, "in_%zu", c->n.cls[a].fz->zone->index);
	else if (a == self)
		out_printf(o, "out_%zu", c->n.cls[b].fz->zone->index);
	else
		out_printf(o, "cp_%zu_%zu", c->n.cls[a].fz->zone->index,
			   c->n.cls[b].fz->zone->index);
}

static void put_side(struct out *o, const char *dir, int fam, const struct side *s)
{
	char buf[IP_STRLEN];
	size_t i;

	if (s->kind != SIDE_SOME)
		return;
	out_printf(o, "%s %s ", ipkw(fam), dir);
	if (s->nr == 1) {
		prefix_text(&s->pfx[0], buf);
		out_printf(o, "%s ", buf);
		return;
	}
	out_puts(o, "{ ");
	for (i = 0; i < s->nr; i++) {
		prefix_text(&s->pfx[i], buf);
		out_printf(o, "%s%s", i ? ", " : "", buf);
	}
	out_puts(o, " } ");
}

enum vproto {
	VP_ANY,
	VP_TCP,
	VP_UDP
};

static void put_verdict(struct nctx *c, struct out *o, const struct ir_rule *r, enum vproto vp)
{
	if (r->log) {
		out_printf(o, "jump log_r%zu", r->index + 1);
		c->log_used[r->index] = true;
		return;
	}
	switch (r->action) {
	case IR_ALLOW:
		out_puts(o, "accept");
		break;
	case IR_DENY:
		out_puts(o, "drop");
		break;
	case IR_REJECT:
		if (vp == VP_TCP) {
			out_puts(o, "reject with tcp reset");
		} else if (vp == VP_UDP) {
			out_puts(o, "reject with icmpx admin-prohibited");
		} else {
			out_puts(o, "jump reject_pkt");
			c->need_reject = true;
		}
		break;
	}
}

static void put_rule_comment(struct out *o, const struct ir_rule *r)
{
	if (!r->comment)
		return;
	out_puts(o, " comment ");
	if (out_nft_string(o, r->comment) < 0)
		BUG("rule comment passed the check but cannot be quoted");
}

static void put_ports(struct out *o, const struct ir_rule *r, uint8_t proto, size_t n)
{
	size_t i, k = 0;

	if (n > 1)
		out_puts(o, "{ ");
	for (i = 0; i < r->nr_match; i++) {
		const struct ir_port *p = &r->match[i];

		if (p->proto != proto)
			continue;
		if (k++)
			out_puts(o, ", ");
		if (p->lo == p->hi)
			out_printf(o, "%u", (unsigned)p->lo);
		else
			out_printf(o, "%u-%u", (unsigned)p->lo, (unsigned)p->hi);
	}
	if (n > 1)
		out_puts(o, " }");
}

/* both: the entry stands for IPv4 and IPv6 at once (no address match on either side). */
static void emit_alone(struct nctx *c, struct out *o, const struct entry *e, bool both)
{
	const struct ir_rule *r = e->r;
	static const uint8_t protos[] = { IR_TCP, IR_UDP };
	size_t i, k, n;

	out_printf(o, "\t\t# rule %zu (line %u)\n", r->index + 1, span_line(c->ctx, r->at));
	if (!r->nr_match) {
		out_puts(o, "\t\t");
		put_side(o, "saddr", e->fam, &e->s);
		put_side(o, "daddr", e->fam, &e->d);
		if (!both)
			out_printf(o, "meta nfproto %s ", e->fam == IP_V4 ? "ipv4" : "ipv6");
		put_verdict(c, o, r, VP_ANY);
		put_rule_comment(o, r);
		out_putc(o, '\n');
		return;
	}
	for (k = 0; k < countof(protos); k++) {
		for (i = n = 0; i < r->nr_match; i++)
			if (r->match[i].proto == protos[k])
				n++;
		if (!n)
			continue;
		out_puts(o, "\t\t");
		put_side(o, "saddr", e->fam, &e->s);
		put_side(o, "daddr", e->fam, &e->d);
		if (!both && e->s.kind != SIDE_SOME && e->d.kind != SIDE_SOME)
			out_printf(o, "meta nfproto %s ", e->fam == IP_V4 ? "ipv4" : "ipv6");
		out_printf(o, "%s dport ", ir_proto_name(protos[k]));
		put_ports(o, r, protos[k], n);
		out_putc(o, ' ');
		put_verdict(c, o, r, protos[k] == IR_TCP ? VP_TCP : VP_UDP);
		put_rule_comment(o, r);
		out_putc(o, '\n');
	}
}

static int element_cmp(const void *pa, const void *pb)
{
	const struct element *a = pa, *b = pb;
	int rc;

	if ((rc = ip_prefix_cmp(&a->s, &b->s)))
		return rc;
	if ((rc = ip_prefix_cmp(&a->d, &b->d)))
		return rc;
	if (a->proto != b->proto)
		return a->proto < b->proto ? -1 : 1;
	if (a->lo != b->lo)
		return a->lo < b->lo ? -1 : 1;
	return a->hi < b->hi ? -1 : a->hi > b->hi;
}

static void side_list(const struct side *s, int fam, const struct ip_prefix **p, size_t *n,
		      struct ip_prefix *all)
{
	if (s->kind == SIDE_ALL) {
		*all = all_prefix(fam);
		*p = all;
		*n = 1;
	} else {
		*p = s->pfx;
		*n = s->nr;
	}
}

static size_t entry_size(const struct entry *e)
{
	size_t ns = e->s.kind == SIDE_ALL ? 1 : e->s.nr;
	size_t nd = e->d.kind == SIDE_ALL ? 1 : e->d.nr;

	if (ns > MERGE_MAX_ELEMENTS || nd > MERGE_MAX_ELEMENTS)
		return MERGE_MAX_ELEMENTS + 1;
	return ns * nd * e->r->nr_match;
}

static bool mergeable(const struct entry *e)
{
	return !e->r->log && !e->r->comment && e->r->nr_match &&
	       entry_size(e) <= MERGE_MAX_ELEMENTS;
}

/*
 * The kernel refuses a concatenated interval set whose elements
 * overlap, so a run is merged only when the distinct source prefixes
 * of its rules are pairwise disjoint, and so are the destination
 * prefixes; elements that then coincide in both addresses and the
 * protocol have their port ranges united.
 */
static bool prefixes_disjoint(struct ip_prefix *p, size_t n)
{
	size_t i;

	qsort(p, n, sizeof(*p), prefix_qcmp);
	for (i = 1; i < n; i++)
		if (ip_prefix_cmp(&p[i - 1], &p[i]) && ip_prefix_overlaps(&p[i - 1], &p[i]))
			return false;
	return true;
}

static bool run_can_merge(struct entry **run, size_t nr, int fam)
{
	VEC(struct ip_prefix) s = { 0 }, d = { 0 };
	struct ip_prefix all;
	const struct ip_prefix *p;
	size_t i, k, n;
	bool ok;

	for (i = 0; i < nr; i++) {
		side_list(&run[i]->s, fam, &p, &n, &all);
		for (k = 0; k < n; k++)
			vec_push(&s, p[k]);
		side_list(&run[i]->d, fam, &p, &n, &all);
		for (k = 0; k < n; k++)
			vec_push(&d, p[k]);
	}
	ok = prefixes_disjoint(s.items, s.nr) && prefixes_disjoint(d.items, d.nr);
	vec_release(&s);
	vec_release(&d);
	return ok;
}

/* Decide, per chain and family, which runs of rules become one set. */
static void plan_chain(struct nctx *c, struct chain *ch, int fam)
{
	VEC(struct entry *) run = { 0 };
	size_t i = 0, j, k;

	while (i < ch->e.nr) {
		enum ir_action act;

		if (ch->e.items[i].fam != fam) {
			i++;
			continue;
		}
		act = ch->e.items[i].r->action;
		run.nr = 0;
		for (j = i; j < ch->e.nr; j++) {
			struct entry *e = &ch->e.items[j];

			if (e->fam != fam)
				continue;
			if (e->r->action != act)
				break;
			if (mergeable(e))
				vec_push(&run, e);
		}
		if (run.nr >= 2 && run_can_merge(run.items, run.nr, fam)) {
			c->nr_grp++;
			for (k = 0; k < run.nr; k++) {
				run.items[k]->grp = c->nr_grp;
				run.items[k]->grp_first = k == 0;
			}
		}
		i = j;
	}
	vec_release(&run);
}

static void put_element(struct out *o, const struct element *el)
{
	char s[IP_STRLEN], d[IP_STRLEN];

	prefix_text(&el->s, s);
	prefix_text(&el->d, d);
	out_printf(o, "\t\t\t%s . %s . %s . ", s, d, ir_proto_name(el->proto));
	if (el->lo == el->hi)
		out_printf(o, "%u,\n", (unsigned)el->lo);
	else
		out_printf(o, "%u-%u,\n", (unsigned)el->lo, (unsigned)el->hi);
}

/* The merged rule for set grp (entries from index first on) and its set. */
static void emit_group(struct nctx *c, struct out *o, const struct chain *ch, size_t first)
{
	const struct entry *e0 = &ch->e.items[first];
	VEC(struct element) el = { 0 };
	struct ip_prefix sa, da;
	const struct ip_prefix *sp, *dp;
	size_t i, a, b, k, ns, nd, nr_rules = 0, last_rule = 0, n;
	const char *ip = ipkw(e0->fam);
	struct out *so = &c->sets;

	for (i = first; i < ch->e.nr; i++) {
		const struct entry *e = &ch->e.items[i];

		if (e->grp != e0->grp)
			continue;
		nr_rules++;
		last_rule = e->r->index + 1;
		side_list(&e->s, e->fam, &sp, &ns, &sa);
		side_list(&e->d, e->fam, &dp, &nd, &da);
		for (a = 0; a < ns; a++)
			for (b = 0; b < nd; b++)
				for (k = 0; k < e->r->nr_match; k++) {
					struct element x;

					x.s = sp[a];
					x.d = dp[b];
					x.proto = e->r->match[k].proto;
					x.lo = e->r->match[k].lo;
					x.hi = e->r->match[k].hi;
					vec_push(&el, x);
				}
	}
	qsort(el.items, el.nr, sizeof(*el.items), element_cmp);
	/* unite port ranges of elements equal in everything else */
	n = 0;
	for (i = 0; i < el.nr; i++) {
		struct element *p = n ? &el.items[n - 1] : NULL;
		struct element *x = &el.items[i];

		if (p && !ip_prefix_cmp(&p->s, &x->s) && !ip_prefix_cmp(&p->d, &x->d) &&
		    p->proto == x->proto && (uint32_t)x->lo <= (uint32_t)p->hi + 1) {
			if (x->hi > p->hi)
				p->hi = x->hi;
			continue;
		}
		el.items[n++] = *x;
	}
	out_printf(so, "\t# rules %zu to %zu (%zu rules), merged\n", e0->r->index + 1, last_rule,
		   nr_rules);
	out_printf(so, "\tset grp_%zu {\n\t\ttype %s . %s . inet_proto . inet_service\n"
		   "\t\tflags interval\n\t\telements = {\n", e0->grp,
		   e0->fam == IP_V4 ? "ipv4_addr" : "ipv6_addr",
		   e0->fam == IP_V4 ? "ipv4_addr" : "ipv6_addr");
	for (i = 0; i < n; i++)
		put_element(so, &el.items[i]);
	out_puts(so, "\t\t}\n\t}\n");
	vec_release(&el);

	out_printf(o, "\t\t# rules %zu to %zu (%zu rules): set grp_%zu\n", e0->r->index + 1,
		   last_rule, nr_rules, e0->grp);
	out_printf(o, "\t\t%s saddr . %s daddr . meta l4proto . th dport @grp_%zu ", ip, ip,
		   e0->grp);
	put_verdict(c, o, e0->r, VP_ANY);
	out_putc(o, '\n');
}

static void emit_spoof_check(struct nctx *c, struct out *o, size_t cls, const char *dir,
			     int fam)
{
	const struct zclass *z;
	size_t i;

	if (cls == c->n.nr_cls)
		return;
	z = &c->n.cls[cls];
	out_puts(o, "\t\t");
	for (i = 0; i < z->nr_members; i++) {
		size_t m = z->members[i];

		out_printf(o, "%s %s != @z%zu_v%d ", ipkw(fam), dir,
			   c->n.fw->zones[m].zone->index, fam);
		c->zone_used[m * 2 + (fam == IP_V6)] = true;
	}
	out_puts(o, "return\n");
}

static void emit_chain(struct nctx *c, size_t a, size_t b)
{
	struct chain *ch = &c->chains[a * c->width + b];
	struct out *o = &c->chains_out;
	bool fams[2] = { false, false };
	size_t i;
	int f;

	for (i = 0; i < ch->e.nr; i++)
		fams[ch->e.items[i].fam == IP_V6] = true;
	out_puts(o, "\n\t# ");
	put_class_names(c, o, a);
	out_puts(o, " -> ");
	put_class_names(c, o, b);
	out_puts(o, "\n\tchain ");
	put_chain_name(c, o, a, b);
	out_puts(o, " {\n");
	for (f = 0; f < 2; f++) {
		if (!fams[f])
			continue;
		emit_spoof_check(c, o, a, "saddr", f ? IP_V6 : IP_V4);
		emit_spoof_check(c, o, b, "daddr", f ? IP_V6 : IP_V4);
	}
	for (i = 0; i < ch->e.nr; i++) {
		const struct entry *e = &ch->e.items[i];

		if (!e->grp) {
			const struct entry *n6 = i + 1 < ch->e.nr ? &ch->e.items[i + 1] : NULL;
			bool both = e->fam == IP_V4 && e->s.kind == SIDE_ALL &&
				    e->d.kind == SIDE_ALL && n6 && n6->r == e->r && !n6->grp &&
				    n6->s.kind == SIDE_ALL && n6->d.kind == SIDE_ALL;

			emit_alone(c, o, e, both);
			if (both)
				i++;
		} else if (e->grp_first)
			emit_group(c, o, ch, i);
	}
	out_puts(o, "\t}\n");
}

static void emit_zone_sets(struct nctx *c, struct out *o)
{
	const struct ir_firewall *fw = c->n.fw;
	char buf[IP_STRLEN];
	size_t i, k;
	int f;

	for (i = 0; i < fw->nr_zones; i++) {
		const struct ir_zone *z = fw->zones[i].zone;

		for (f = 0; f < 2; f++) {
			int fam = f ? IP_V6 : IP_V4;

			if (!c->zone_used[i * 2 + f])
				continue;
			out_puts(o, "\t# zone ");
			put_comment_name(c, o, z->name);
			out_printf(o, ": %s addresses it owns\n", family_name(fam));
			out_printf(o, "\tset z%zu_v%d {\n\t\ttype %s\n\t\tflags interval\n", z->index,
				   fam, fam == IP_V4 ? "ipv4_addr" : "ipv6_addr");
			if (count_family(z->owned, z->nr_owned, fam)) {
				out_puts(o, "\t\telements = {\n");
				for (k = 0; k < z->nr_owned; k++) {
					if (z->owned[k].addr.family != fam)
						continue;
					prefix_text(&z->owned[k], buf);
					out_printf(o, "\t\t\t%s,\n", buf);
				}
				out_puts(o, "\t\t}\n");
			}
			out_puts(o, "\t}\n");
		}
	}
}

static bool chain_used(const struct nctx *c, size_t a, size_t b)
{
	return c->chains[a * c->width + b].e.nr > 0;
}

static void put_ifname(struct out *o, const struct ir_interface *ifc)
{
	if (out_nft_string(o, ifc->name) < 0)
		BUG("interface name passed the check but cannot be quoted");
}

static void emit_maps(struct nctx *c, struct out *o)
{
	size_t a, b, i, k, self = c->n.nr_cls;
	bool any;

	any = false;
	for (a = 0; a < self; a++)
		for (b = 0; b < self; b++)
			any |= chain_used(c, a, b);
	if (any) {
		out_puts(o, "\t# forwarded traffic: (in, out) interfaces to zone-pair chains\n"
			 "\tmap fwd_pairs {\n\t\ttype ifname . ifname : verdict\n"
			 "\t\telements = {\n");
		for (a = 0; a < self; a++)
			for (b = 0; b < self; b++) {
				const struct ir_fw_zone *fa = c->n.cls[a].fz, *fb = c->n.cls[b].fz;

				if (!chain_used(c, a, b))
					continue;
				for (i = 0; i < fa->nr_ifaces; i++)
					for (k = 0; k < fb->nr_ifaces; k++) {
						out_puts(o, "\t\t\t");
						put_ifname(o, fa->ifaces[i]);
						out_puts(o, " . ");
						put_ifname(o, fb->ifaces[k]);
						out_puts(o, " : jump ");
						put_chain_name(c, o, a, b);
						out_puts(o, ",\n");
					}
			}
		out_puts(o, "\t\t}\n\t}\n");
	}
	for (k = 0; k < 2; k++) {
		any = false;
		for (a = 0; a < self; a++)
			any |= k ? chain_used(c, self, a) : chain_used(c, a, self);
		if (!any)
			continue;
		out_printf(o, "\t# traffic %s the firewall itself\n\tmap %s {\n"
			   "\t\ttype ifname : verdict\n\t\telements = {\n",
			   k ? "from" : "to", k ? "out_ifaces" : "in_ifaces");
		for (a = 0; a < self; a++) {
			const struct ir_fw_zone *fa = c->n.cls[a].fz;

			if (k ? !chain_used(c, self, a) : !chain_used(c, a, self))
				continue;
			for (i = 0; i < fa->nr_ifaces; i++) {
				out_puts(o, "\t\t\t");
				put_ifname(o, fa->ifaces[i]);
				out_puts(o, " : jump ");
				if (k)
					put_chain_name(c, o, self, a);
				else
					put_chain_name(c, o, a, self);
				out_puts(o, ",\n");
			}
		}
		out_puts(o, "\t\t}\n\t}\n");
	}
}

static void emit_base_chains(struct nctx *c, struct out *o)
{
	static const char *const hooks[] = { "forward", "input", "output" };
	size_t a, b, h, self = c->n.nr_cls;
	bool any;

	for (h = 0; h < countof(hooks); h++) {
		out_printf(o, "\n\tchain %s {\n\t\ttype filter hook %s priority filter; policy drop;\n"
			   "\t\tct state established,related accept\n\t\tct state invalid drop\n",
			   hooks[h], hooks[h]);
		any = false;
		if (h == 0) {
			for (a = 0; a < self; a++)
				for (b = 0; b < self; b++)
					any |= chain_used(c, a, b);
			if (any)
				out_puts(o, "\t\tiifname . oifname vmap @fwd_pairs\n");
		} else {
			for (a = 0; a < self; a++)
				any |= h == 1 ? chain_used(c, a, self) : chain_used(c, self, a);
			out_printf(o, "\t\t%s \"lo\" accept\n", h == 1 ? "iifname" : "oifname");
			out_puts(o, "\t\ticmpv6 type { nd-router-solicit, nd-router-advert, "
				 "nd-neighbor-solicit, nd-neighbor-advert } accept\n");
			if (any)
				out_printf(o, "\t\t%s vmap @%s\n", h == 1 ? "iifname" : "oifname",
					   h == 1 ? "in_ifaces" : "out_ifaces");
		}
		out_puts(o, "\t}\n");
	}
}

static void emit_log_chains(struct nctx *c, struct out *o)
{
	const struct ir_firewall *fw = c->n.fw;
	size_t i;

	for (i = 0; i < fw->nr_rules; i++) {
		const struct ir_rule *r = &fw->rules[i];
		char prefix[64];

		if (!c->log_used[i])
			continue;
		snprintf(prefix, sizeof(prefix), "mgc rule %zu %s: ", i + 1,
			 ir_action_name(r->action));
		out_printf(o, "\n\t# rule %zu (line %u): log, then the verdict\n\tchain log_r%zu {\n"
			   "\t\tlimit rate 5/second burst 5 packets log prefix ",
			   i + 1, span_line(c->ctx, r->at), i + 1);
		if (out_nft_string(o, prefix) < 0)
			BUG("log prefix cannot be quoted");
		out_puts(o, " level info\n");
		switch (r->action) {
		case IR_ALLOW:
			out_puts(o, "\t\taccept\n");
			break;
		case IR_DENY:
			out_puts(o, "\t\tdrop\n");
			break;
		case IR_REJECT:
			out_puts(o, "\t\tmeta l4proto tcp reject with tcp reset\n"
				 "\t\treject with icmpx admin-prohibited\n");
			break;
		}
		out_puts(o, "\t}\n");
	}
	if (c->need_reject)
		out_puts(o, "\n\t# reject: TCP reset, else ICMP administratively prohibited\n"
			 "\tchain reject_pkt {\n\t\tmeta l4proto tcp reject with tcp reset\n"
			 "\t\treject with icmpx admin-prohibited\n\t}\n");
}

/* Spread one rule over the chains; report what cannot apply. */
static void place_rule(struct nctx *c, const struct ir_rule *r, bool *sc, bool *dc)
{
	size_t a, b, self = c->n.nr_cls;
	bool applies[2] = { false, false }, loopback = false;
	int f;

	netfw_classes(&c->n, &r->src, sc);
	netfw_classes(&c->n, &r->dst, dc);
	for (a = 0; a <= self; a++) {
		if (!sc[a])
			continue;
		for (b = 0; b <= self; b++) {
			if (!dc[b])
				continue;
			if (a == self && b == self) {
				loopback = true;
				continue;
			}
			for (f = 0; f < 2; f++) {
				struct entry e;

				memset(&e, 0, sizeof(e));
				e.r = r;
				e.fam = f ? IP_V6 : IP_V4;
				netfw_side(&c->n, &r->src, a, e.fam, &e.s);
				netfw_side(&c->n, &r->dst, b, e.fam, &e.d);
				if (e.s.kind == SIDE_NONE || e.d.kind == SIDE_NONE) {
					side_release(&e.s);
					side_release(&e.d);
					continue;
				}
				applies[f] = true;
				vec_push(&c->chains[a * c->width + b].e, e);
			}
		}
	}
	if (loopback && rule_names_loopback(r))
		diag_warning(c->ctx->diag, DIAG_TARGET, r->at,
			     "rule %zu: traffic from 'self' to 'self' (loopback) is always "
			     "accepted; that part of the rule is not emitted", r->index + 1);
	if (!applies[0] && !applies[1]) {
		if (!(loopback && rule_names_loopback(r)))
			diag_warning(c->ctx->diag, DIAG_FAMILY, r->at,
				     "rule %zu cannot apply to IPv4 or IPv6 through firewall '%s' "
				     "(its source and destination share no address family); "
				     "it is left out", r->index + 1, c->n.fw->name);
		return;
	}
	for (f = 0; f < 2; f++) {
		int fam = f ? IP_V6 : IP_V4;

		if (applies[f])
			continue;
		if (endpoint_names_family(&r->src, fam) || endpoint_names_family(&r->dst, fam))
			diag_warning(c->ctx->diag, DIAG_FAMILY, r->at,
				     "rule %zu cannot apply to %s (the %s has no %s address); "
				     "its %s addresses are left out", r->index + 1,
				     family_name(fam),
				     endpoint_has_family(&c->n, &r->src, fam) ? "destination"
									   : "source",
				     family_name(fam), family_name(fam));
	}
}

static int check_comments(const struct emit_ctx *ctx, const struct ir_firewall *fw)
{
	size_t i;
	int bad = 0;

	for (i = 0; i < fw->nr_rules; i++) {
		const struct ir_rule *r = &fw->rules[i];

		if (r->comment && out_can_quote(out_nft_string, r->comment) < 0) {
			diag_error(ctx->diag, DIAG_OUTPUT,
				   span_is_none(r->comment_at) ? r->at : r->comment_at,
				   "comment of rule %zu cannot be written as an nft string "
				   "(nft has no escape for '\"' or '\\', and takes printable "
				   "characters only, at most 128 bytes)", i + 1);
			bad = 1;
		}
	}
	return bad;
}

static int nft_emit(const struct emit_ctx *ctx, struct out *out)
{
	const struct ir_firewall *fw = ctx->fw;
	struct nctx c;
	bool *sc, *dc;
	size_t i, a, b, nchains;
	int bad = 0;

	if (!fw)
		BUG("nftables: no firewall selected");
	for (i = 0; i < fw->nr_ifaces; i++)
		bad |= check_ifname(ctx, &fw->ifaces[i]) < 0;
	bad |= check_comments(ctx, fw);
	if (bad)
		return 1;

	memset(&c, 0, sizeof(c));
	c.ctx = ctx;
	netfw_init(&c.n, ctx->model, fw);
	c.width = c.n.nr_cls + 1;
	nchains = c.width * c.width;
	c.chains = xcalloc(nchains, sizeof(*c.chains));
	c.zone_used = xcalloc(fw->nr_zones * 2 + 1, sizeof(*c.zone_used));
	c.log_used = xcalloc(fw->nr_rules + 1, sizeof(*c.log_used));
	sc = xcalloc(c.width, sizeof(*sc));
	dc = xcalloc(c.width, sizeof(*dc));

	for (i = 0; i < fw->nr_rules; i++)
		place_rule(&c, &fw->rules[i], sc, dc);
	for (i = 0; i < nchains; i++) {
		plan_chain(&c, &c.chains[i], IP_V4);
		plan_chain(&c, &c.chains[i], IP_V6);
	}
	for (a = 0; a < c.width; a++)
		for (b = 0; b < c.width; b++)
			if (chain_used(&c, a, b))
				emit_chain(&c, a, b);
	emit_log_chains(&c, &c.chains_out);

	emit_header(out, COMMENT_HASH, ctx->source_name);
	out_puts(out, "# firewall ");
	put_comment_name(&c, out, fw->name);
	out_puts(out, "\n# Atomic replace: declare (a no-op when present), delete, recreate; "
		 "one transaction.\ntable inet mgc\ndelete table inet mgc\n\ntable inet mgc {\n");
	emit_zone_sets(&c, out);
	out_write(out, c.sets.buf ? c.sets.buf : "", c.sets.len);
	emit_maps(&c, out);
	emit_base_chains(&c, out);
	out_write(out, c.chains_out.buf ? c.chains_out.buf : "", c.chains_out.len);
	out_puts(out, "}\n");

	for (i = 0; i < nchains; i++) {
		for (a = 0; a < c.chains[i].e.nr; a++) {
			side_release(&c.chains[i].e.items[a].s);
			side_release(&c.chains[i].e.items[a].d);
		}
		vec_release(&c.chains[i].e);
	}
	free(c.chains);
	free(c.zone_used);
	free(c.log_used);
	free(sc);
	free(dc);
	out_release(&c.sets);
	out_release(&c.chains_out);
	netfw_release(&c.n);
	return 0;
}

const struct backend backend_nftables = {
	.name = "nftables",
	.summary = "nft -f script for one firewall (one inet table, replaced atomically)",
	.device = DEVICE_FIREWALL,
	.formats = NULL,
	.emit = nft_emit,
};
