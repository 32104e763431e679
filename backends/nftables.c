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

#include "netfw.h"

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
		netfw_prefix_text(&s->pfx[0], buf);
		out_printf(o, "%s ", buf);
		return;
	}
	out_puts(o, "{ ");
	for (i = 0; i < s->nr; i++) {
		netfw_prefix_text(&s->pfx[i], buf);
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

	out_printf(o, "\t\t# rule %zu (line %u)\n", r->index + 1, netfw_span_line(c->ctx, r->at));
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

	qsort(p, n, sizeof(*p), netfw_prefix_qcmp);
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

	netfw_prefix_text(&el->s, s);
	netfw_prefix_text(&el->d, d);
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
			out_printf(o, ": %s addresses it owns\n", netfw_family_name(fam));
			out_printf(o, "\tset z%zu_v%d {\n\t\ttype %s\n\t\tflags interval\n", z->index,
				   fam, fam == IP_V4 ? "ipv4_addr" : "ipv6_addr");
			if (netfw_count_family(z->owned, z->nr_owned, fam)) {
				out_puts(o, "\t\telements = {\n");
				for (k = 0; k < z->nr_owned; k++) {
					if (z->owned[k].addr.family != fam)
						continue;
					netfw_prefix_text(&z->owned[k], buf);
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
			   i + 1, netfw_span_line(c->ctx, r->at), i + 1);
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
					netfw_side_release(&e.s);
					netfw_side_release(&e.d);
					continue;
				}
				applies[f] = true;
				vec_push(&c->chains[a * c->width + b].e, e);
			}
		}
	}
	if (loopback && netfw_rule_names_loopback(r))
		diag_warning(c->ctx->diag, DIAG_TARGET, r->at,
			     "rule %zu: traffic from 'self' to 'self' (loopback) is always "
			     "accepted; that part of the rule is not emitted", r->index + 1);
	if (!applies[0] && !applies[1]) {
		if (!(loopback && netfw_rule_names_loopback(r)))
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
		if (netfw_endpoint_names_family(&r->src, fam) || netfw_endpoint_names_family(&r->dst, fam))
			diag_warning(c->ctx->diag, DIAG_FAMILY, r->at,
				     "rule %zu cannot apply to %s (the %s has no %s address); "
				     "its %s addresses are left out", r->index + 1,
				     netfw_family_name(fam),
				     netfw_endpoint_has_family(&c->n, &r->src, fam) ? "destination"
									   : "source",
				     netfw_family_name(fam), netfw_family_name(fam));
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
		bad |= netfw_check_ifname(ctx, &fw->ifaces[i]) < 0;
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
			netfw_side_release(&c.chains[i].e.items[a].s);
			netfw_side_release(&c.chains[i].e.items[a].d);
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
