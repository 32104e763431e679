/*
 * The `iptables` and `ip6tables` targets: iptables-restore input for one
 * firewall, one address family per target, on the same model as the
 * nftables target.  The built-in chains get policy DROP and one jump
 * each into mgc-owned chains (mgc_forward, mgc_input, mgc_output): they
 * accept established/related traffic, drop invalid packets and dispatch
 * on the interfaces to one chain per pair of zone classes (mgc_cS_D,
 * mgc_iS to the firewall, mgc_oD from it).  Those first call the
 * anti-spoofing chains mgc_saN/mgc_daN (return for the zone class's own
 * addresses, drop the rest), then hold the policy's rules in source
 * order.  Logged rules jump to mgc_logN (limit, LOG, verdict).  Chain
 * names are built from a fixed alphabet and zone or rule numbers (at
 * most 28 characters); user names appear only in '#' comment lines,
 * user comments only through out_iptr_string().  multiport lists are
 * split at 15 ports (a range counts two).  Without --noflush the restore
 * replaces the filter table atomically.
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
 * The iptables-restore emitter (one family per run).
 */

/* XT_MULTI_PORTS: a range counts as two */
#define MULTIPORT_MAX 15

struct ientry {
	const struct ir_rule *r;
	struct side s, d;
};

struct ichain {
	VEC(struct ientry) e;
};

struct ictx {
	const struct emit_ctx *ctx;
	struct netfw n;
	int fam;
	const char *tool;		/* "iptables" or "ip6tables" */
	struct ichain *chains;		/* like the nftables backend's */
	size_t width;
	bool *spoof_used;		/* [class * 2 + (dst side)] */
	bool *log_used;
	bool need_reject;
	struct out decls, body;
};

static void put_ichain(struct ictx *c, struct out *o, size_t a, size_t b)
{
	size_t self = c->n.nr_cls;

	if (b == self)
		out_printf(o, "mgc_i%zu", c->n.cls[a].fz->zone->index);
	else if (a == self)
		out_printf(o, "mgc_o%zu", c->n.cls[b].fz->zone->index);
	else
		out_printf(o, "mgc_c%zu_%zu", c->n.cls[a].fz->zone->index,
			   c->n.cls[b].fz->zone->index);
}

/* ":mgc_<stem><n> - [0:0]" */
static void declare(struct ictx *c, const char *stem, size_t n)
{
	out_printf(&c->decls, ":mgc_%s%zu - [0:0]\n", stem, n);
}

static void put_iface(struct out *o, const char *opt, const struct ir_interface *ifc)
{
	out_printf(o, " %s ", opt);
	if (out_iptr_string(o, ifc->name) < 0)
		BUG("interface name passed the check but cannot be quoted");
}

static void put_target(struct ictx *c, struct out *o, const struct ir_rule *r, int proto)
{
	if (r->log) {
		out_printf(o, " -j mgc_log%zu\n", r->index + 1);
		c->log_used[r->index] = true;
		return;
	}
	switch (r->action) {
	case IR_ALLOW:
		out_puts(o, " -j ACCEPT\n");
		break;
	case IR_DENY:
		out_puts(o, " -j DROP\n");
		break;
	case IR_REJECT:
		if (proto == IR_TCP)
			out_puts(o, " -j REJECT --reject-with tcp-reset\n");
		else if (proto == IR_UDP)
			out_printf(o, " -j REJECT --reject-with %s\n",
				   c->fam == IP_V4 ? "icmp-admin-prohibited" : "icmp6-adm-prohibited");
		else {
			out_puts(o, " -j mgc_reject\n");
			c->need_reject = true;
		}
		break;
	}
}

static void put_port(struct out *o, const struct ir_port *p)
{
	if (p->lo == p->hi)
		out_printf(o, "%u", (unsigned)p->lo);
	else
		out_printf(o, "%u:%u", (unsigned)p->lo, (unsigned)p->hi);
}

/* One line: chain, addresses, protocol and ports[0..n-1] (n 0: none). */
static void emit_line(struct ictx *c, const char *chain, const struct ir_rule *r,
		      const struct ip_prefix *s, const struct ip_prefix *d,
		      const struct ir_port *ports, size_t n)
{
	struct out *o = &c->body;
	char buf[IP_STRLEN];
	size_t i;

	out_printf(o, "-A %s", chain);
	if (s) {
		prefix_text(s, buf);
		out_printf(o, " -s %s", buf);
	}
	if (d) {
		prefix_text(d, buf);
		out_printf(o, " -d %s", buf);
	}
	if (n) {
		const char *pn = ir_proto_name(ports[0].proto);

		out_printf(o, " -p %s", pn);
		if (n == 1) {
			out_printf(o, " -m %s --dport ", pn);
			put_port(o, &ports[0]);
		} else {
			out_puts(o, " -m multiport --dports ");
			for (i = 0; i < n; i++) {
				if (i)
					out_putc(o, ',');
				put_port(o, &ports[i]);
			}
		}
	}
	if (r->comment) {
		out_puts(o, " -m comment --comment ");
		if (out_iptr_string(o, r->comment) < 0)
			BUG("rule comment passed the check but cannot be quoted");
	}
	put_target(c, o, r, n ? ports[0].proto : 0);
}

/* Split a rule's ports by protocol into multiport-sized chunks. */
static void emit_ports(struct ictx *c, const char *chain, const struct ir_rule *r,
		       const struct ip_prefix *s, const struct ip_prefix *d)
{
	static const uint8_t protos[] = { IR_TCP, IR_UDP };
	size_t i, k, start, slots;

	if (!r->nr_match) {
		emit_line(c, chain, r, s, d, NULL, 0);
		return;
	}
	for (k = 0; k < countof(protos); k++) {
		start = SIZE_MAX;
		slots = 0;
		for (i = 0; i <= r->nr_match; i++) {
			const struct ir_port *p = i < r->nr_match ? &r->match[i] : NULL;
			size_t w = p ? (p->lo == p->hi ? 1 : 2) : 0;

			/* ports of one protocol are contiguous in the sorted list */
			if (p && p->proto != protos[k])
				p = NULL;
			if (start != SIZE_MAX && (!p || slots + w > MULTIPORT_MAX)) {
				emit_line(c, chain, r, s, d, &r->match[start], i - start);
				start = SIZE_MAX;
				slots = 0;
			}
			if (!p)
				continue;
			if (start == SIZE_MAX)
				start = i;
			slots += w;
		}
	}
}

static void emit_ientry(struct ictx *c, const char *chain, const struct ientry *e)
{
	size_t ns = e->s.kind == SIDE_SOME ? e->s.nr : 1;
	size_t nd = e->d.kind == SIDE_SOME ? e->d.nr : 1;
	size_t a, b;

	out_printf(&c->body, "# rule %zu (line %u)\n", e->r->index + 1,
		   span_line(c->ctx, e->r->at));
	for (a = 0; a < ns; a++)
		for (b = 0; b < nd; b++)
			emit_ports(c, chain, e->r, e->s.kind == SIDE_SOME ? &e->s.pfx[a] : NULL,
				   e->d.kind == SIDE_SOME ? &e->d.pfx[b] : NULL);
}

static bool ichain_used(const struct ictx *c, size_t a, size_t b)
{
	return c->chains[a * c->width + b].e.nr > 0;
}

static void emit_ichain(struct ictx *c, size_t a, size_t b)
{
	struct ichain *ch = &c->chains[a * c->width + b];
	struct out name = OUT_INIT;
	size_t i, self = c->n.nr_cls;

	put_ichain(c, &name, a, b);
	out_printf(&c->decls, ":%s - [0:0]\n", name.buf);
	if (a != self) {
		out_printf(&c->body, "-A %s -j mgc_sa%zu\n", name.buf,
			   c->n.cls[a].fz->zone->index);
		c->spoof_used[a * 2] = true;
	}
	if (b != self) {
		out_printf(&c->body, "-A %s -j mgc_da%zu\n", name.buf,
			   c->n.cls[b].fz->zone->index);
		c->spoof_used[b * 2 + 1] = true;
	}
	for (i = 0; i < ch->e.nr; i++)
		emit_ientry(c, name.buf, &ch->e.items[i]);
	out_release(&name);
}

/* Anti-spoofing: return for the class's own addresses, drop the rest. */
static void emit_spoof_chains(struct ictx *c)
{
	char buf[IP_STRLEN];
	size_t a, i, k;
	int dst;

	for (a = 0; a < c->n.nr_cls; a++)
		for (dst = 0; dst < 2; dst++) {
			const struct zclass *z = &c->n.cls[a];
			size_t zi = z->fz->zone->index;

			if (!c->spoof_used[a * 2 + dst])
				continue;
			declare(c, dst ? "da" : "sa", zi);
			out_printf(&c->body, "# %s address of ", dst ? "destination" : "source");
			for (i = 0; i < z->nr_members; i++) {
				if (i)
					out_puts(&c->body, ", ");
				if (out_comment_text(&c->body,
						     c->n.fw->zones[z->members[i]].zone->name) < 0)
					out_puts(&c->body, "(unprintable name)");
			}
			out_puts(&c->body, ", else drop\n");
			for (i = 0; i < z->nr_members; i++) {
				const struct ir_zone *zn = c->n.fw->zones[z->members[i]].zone;

				for (k = 0; k < zn->nr_owned; k++) {
					if (zn->owned[k].addr.family != c->fam)
						continue;
					ip_prefix_format(&zn->owned[k], buf);
					out_printf(&c->body, "-A mgc_%sa%zu %s %s -j RETURN\n",
						   dst ? "d" : "s", zi, dst ? "-d" : "-s", buf);
				}
			}
			out_printf(&c->body, "-A mgc_%sa%zu -j DROP\n", dst ? "d" : "s", zi);
		}
}

static void emit_base(struct ictx *c)
{
	static const char *const ct =
		" -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT\n";
	static const char *const nd[] = {
		"router-solicitation", "router-advertisement",
		"neighbour-solicitation", "neighbour-advertisement"
	};
	struct out *o = &c->body;
	size_t a, b, i, k, h, self = c->n.nr_cls;

	out_puts(o, "-A INPUT -j mgc_input\n-A FORWARD -j mgc_forward\n-A OUTPUT -j mgc_output\n");
	out_printf(o, "-A mgc_forward%s-A mgc_forward -m conntrack --ctstate INVALID -j DROP\n", ct);
	for (a = 0; a < self; a++)
		for (b = 0; b < self; b++) {
			const struct ir_fw_zone *fa = c->n.cls[a].fz, *fb = c->n.cls[b].fz;

			if (!ichain_used(c, a, b))
				continue;
			for (i = 0; i < fa->nr_ifaces; i++)
				for (k = 0; k < fb->nr_ifaces; k++) {
					out_puts(o, "-A mgc_forward");
					put_iface(o, "-i", fa->ifaces[i]);
					put_iface(o, "-o", fb->ifaces[k]);
					out_puts(o, " -j ");
					put_ichain(c, o, a, b);
					out_putc(o, '\n');
				}
		}
	for (h = 0; h < 2; h++) {
		const char *ch = h ? "mgc_output" : "mgc_input";

		out_printf(o, "-A %s%s-A %s -m conntrack --ctstate INVALID -j DROP\n", ch, ct, ch);
		out_printf(o, "-A %s %s lo -j ACCEPT\n", ch, h ? "-o" : "-i");
		if (c->fam == IP_V6)
			for (i = 0; i < countof(nd); i++)
				out_printf(o, "-A %s -p ipv6-icmp -m icmp6 --icmpv6-type %s -j ACCEPT\n",
					   ch, nd[i]);
		for (a = 0; a < self; a++) {
			const struct ir_fw_zone *fa = c->n.cls[a].fz;

			if (h ? !ichain_used(c, self, a) : !ichain_used(c, a, self))
				continue;
			for (i = 0; i < fa->nr_ifaces; i++) {
				out_printf(o, "-A %s", ch);
				put_iface(o, h ? "-o" : "-i", fa->ifaces[i]);
				out_puts(o, " -j ");
				if (h)
					put_ichain(c, o, self, a);
				else
					put_ichain(c, o, a, self);
				out_putc(o, '\n');
			}
		}
	}
}

static void emit_ilog_chains(struct ictx *c)
{
	const struct ir_firewall *fw = c->n.fw;
	const char *adm = c->fam == IP_V4 ? "icmp-admin-prohibited" : "icmp6-adm-prohibited";
	struct out *o = &c->body;
	size_t i;

	for (i = 0; i < fw->nr_rules; i++) {
		const struct ir_rule *r = &fw->rules[i];
		char prefix[64];

		if (!c->log_used[i])
			continue;
		declare(c, "log", i + 1);
		snprintf(prefix, sizeof(prefix), "mgc rule %zu %s: ", i + 1,
			 ir_action_name(r->action));
		out_printf(o, "# rule %zu (line %u): log (rate-limited), then the verdict\n"
			   "-A mgc_log%zu -m limit --limit 5/sec --limit-burst 5 -j LOG --log-prefix ",
			   i + 1, span_line(c->ctx, r->at), i + 1);
		if (out_iptr_string(o, prefix) < 0)
			BUG("log prefix cannot be quoted");
		out_puts(o, " --log-level 6\n");
		switch (r->action) {
		case IR_ALLOW:
			out_printf(o, "-A mgc_log%zu -j ACCEPT\n", i + 1);
			break;
		case IR_DENY:
			out_printf(o, "-A mgc_log%zu -j DROP\n", i + 1);
			break;
		case IR_REJECT:
			out_printf(o, "-A mgc_log%zu -p tcp -j REJECT --reject-with tcp-reset\n"
				   "-A mgc_log%zu -j REJECT --reject-with %s\n", i + 1, i + 1, adm);
			break;
		}
	}
	if (c->need_reject) {
		out_puts(&c->decls, ":mgc_reject - [0:0]\n");
		out_printf(o, "# reject: TCP reset, else ICMP administratively prohibited\n"
			   "-A mgc_reject -p tcp -j REJECT --reject-with tcp-reset\n"
			   "-A mgc_reject -j REJECT --reject-with %s\n", adm);
	}
}

static void iplace_rule(struct ictx *c, const struct ir_rule *r, bool *sc, bool *dc)
{
	size_t a, b, self = c->n.nr_cls;
	bool applies = false, loopback = false;
	const char *why;

	netfw_classes(&c->n, &r->src, sc);
	netfw_classes(&c->n, &r->dst, dc);
	for (a = 0; a <= self; a++) {
		if (!sc[a])
			continue;
		for (b = 0; b <= self; b++) {
			struct ientry e;

			if (!dc[b])
				continue;
			if (a == self && b == self) {
				loopback = true;
				continue;
			}
			memset(&e, 0, sizeof(e));
			e.r = r;
			netfw_side(&c->n, &r->src, a, c->fam, &e.s);
			netfw_side(&c->n, &r->dst, b, c->fam, &e.d);
			if (e.s.kind == SIDE_NONE || e.d.kind == SIDE_NONE) {
				side_release(&e.s);
				side_release(&e.d);
				continue;
			}
			applies = true;
			vec_push(&c->chains[a * c->width + b].e, e);
		}
	}
	if (loopback && rule_names_loopback(r)) {
		diag_warning(c->ctx->diag, DIAG_TARGET, r->at,
			     "rule %zu: traffic from 'self' to 'self' (loopback) is always "
			     "accepted; that part of the rule is not emitted", r->index + 1);
		if (!applies)
			return;
	}
	if (applies)
		return;
	if (!endpoint_has_family(&c->n, &r->src, c->fam))
		why = "the source has no";
	else if (!endpoint_has_family(&c->n, &r->dst, c->fam))
		why = "the destination has no";
	else
		why = "its source and destination share no";
	diag_warning(c->ctx->diag, DIAG_FAMILY, r->at,
		     "rule %zu cannot apply to %s (%s %s address); it is left out of the "
		     "%s output", r->index + 1, family_name(c->fam), why, family_name(c->fam),
		     c->tool);
}

static int ipt_check(const struct emit_ctx *ctx, const struct ir_firewall *fw)
{
	size_t i;
	int bad = 0;

	for (i = 0; i < fw->nr_ifaces; i++)
		bad |= check_ifname(ctx, &fw->ifaces[i]) < 0;
	for (i = 0; i < fw->nr_rules; i++) {
		const struct ir_rule *r = &fw->rules[i];

		if (r->comment && out_can_quote(out_iptr_string, r->comment) < 0) {
			diag_error(ctx->diag, DIAG_OUTPUT,
				   span_is_none(r->comment_at) ? r->at : r->comment_at,
				   "comment of rule %zu cannot be written for iptables-restore "
				   "(printable characters only, no line breaks, at most 255 bytes)",
				   i + 1);
			bad = 1;
		}
	}
	return bad;
}

static int ipt_emit_family(const struct emit_ctx *ctx, struct out *out, int fam,
			   const char *tool)
{
	const struct ir_firewall *fw = ctx->fw;
	struct ictx c;
	bool *sc, *dc;
	size_t i, a, b, nchains;

	if (!fw)
		BUG("%s: no firewall selected", tool);
	if (ipt_check(ctx, fw))
		return 1;
	memset(&c, 0, sizeof(c));
	c.ctx = ctx;
	c.fam = fam;
	c.tool = tool;
	netfw_init(&c.n, ctx->model, fw);
	c.width = c.n.nr_cls + 1;
	nchains = c.width * c.width;
	c.chains = xcalloc(nchains, sizeof(*c.chains));
	c.spoof_used = xcalloc(c.width * 2, sizeof(*c.spoof_used));
	c.log_used = xcalloc(fw->nr_rules + 1, sizeof(*c.log_used));
	sc = xcalloc(c.width, sizeof(*sc));
	dc = xcalloc(c.width, sizeof(*dc));

	for (i = 0; i < fw->nr_rules; i++)
		iplace_rule(&c, &fw->rules[i], sc, dc);
	out_puts(&c.decls, ":mgc_forward - [0:0]\n:mgc_input - [0:0]\n:mgc_output - [0:0]\n");
	emit_base(&c);
	for (a = 0; a < c.width; a++)
		for (b = 0; b < c.width; b++) {
			if (!ichain_used(&c, a, b))
				continue;
			out_puts(&c.body, "# ");
			if (a == c.n.nr_cls) {
				out_puts(&c.body, "self");
			} else if (out_comment_text(&c.body, c.n.cls[a].fz->zone->name) < 0) {
				out_puts(&c.body, "(unprintable name)");
			}
			out_puts(&c.body, " -> ");
			if (b == c.n.nr_cls) {
				out_puts(&c.body, "self");
			} else if (out_comment_text(&c.body, c.n.cls[b].fz->zone->name) < 0) {
				out_puts(&c.body, "(unprintable name)");
			}
			out_puts(&c.body, "\n");
			emit_ichain(&c, a, b);
		}
	emit_spoof_chains(&c);
	emit_ilog_chains(&c);

	emit_header(out, COMMENT_HASH, ctx->source_name);
	out_printf(out, "# %s-restore input, firewall ", tool);
	if (out_comment_text(out, fw->name) < 0)
		out_puts(out, "(unprintable name)");
	out_puts(out, "\n*filter\n:INPUT DROP [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT DROP [0:0]\n");
	out_write(out, c.decls.buf, c.decls.len);
	out_write(out, c.body.buf, c.body.len);
	out_puts(out, "COMMIT\n");

	for (i = 0; i < nchains; i++) {
		for (a = 0; a < c.chains[i].e.nr; a++) {
			side_release(&c.chains[i].e.items[a].s);
			side_release(&c.chains[i].e.items[a].d);
		}
		vec_release(&c.chains[i].e);
	}
	free(c.chains);
	free(c.spoof_used);
	free(c.log_used);
	free(sc);
	free(dc);
	out_release(&c.decls);
	out_release(&c.body);
	netfw_release(&c.n);
	return 0;
}

static int ipt4_emit(const struct emit_ctx *ctx, struct out *out)
{
	return ipt_emit_family(ctx, out, IP_V4, "iptables");
}

static int ipt6_emit(const struct emit_ctx *ctx, struct out *out)
{
	return ipt_emit_family(ctx, out, IP_V6, "ip6tables");
}

const struct backend backend_iptables = {
	.name = "iptables",
	.summary = "iptables-restore input (IPv4 half) for one firewall",
	.device = DEVICE_FIREWALL,
	.formats = NULL,
	.emit = ipt4_emit,
};

const struct backend backend_ip6tables = {
	.name = "ip6tables",
	.summary = "ip6tables-restore input (IPv6 half) for one firewall",
	.device = DEVICE_FIREWALL,
	.formats = NULL,
	.emit = ipt6_emit,
};
