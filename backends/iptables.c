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

#include "netfw.h"

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
		netfw_prefix_text(s, buf);
		out_printf(o, " -s %s", buf);
	}
	if (d) {
		netfw_prefix_text(d, buf);
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
		   netfw_span_line(c->ctx, e->r->at));
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
			   i + 1, netfw_span_line(c->ctx, r->at), i + 1);
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
				netfw_side_release(&e.s);
				netfw_side_release(&e.d);
				continue;
			}
			applies = true;
			vec_push(&c->chains[a * c->width + b].e, e);
		}
	}
	if (loopback && netfw_rule_names_loopback(r)) {
		diag_warning(c->ctx->diag, DIAG_TARGET, r->at,
			     "rule %zu: traffic from 'self' to 'self' (loopback) is always "
			     "accepted; that part of the rule is not emitted", r->index + 1);
		if (!applies)
			return;
	}
	if (applies)
		return;
	if (!netfw_endpoint_has_family(&c->n, &r->src, c->fam))
		why = "the source has no";
	else if (!netfw_endpoint_has_family(&c->n, &r->dst, c->fam))
		why = "the destination has no";
	else
		why = "its source and destination share no";
	diag_warning(c->ctx->diag, DIAG_FAMILY, r->at,
		     "rule %zu cannot apply to %s (%s %s address); it is left out of the "
		     "%s output", r->index + 1, netfw_family_name(c->fam), why, netfw_family_name(c->fam),
		     c->tool);
}

static int ipt_check(const struct emit_ctx *ctx, const struct ir_firewall *fw)
{
	size_t i;
	int bad = 0;

	for (i = 0; i < fw->nr_ifaces; i++)
		bad |= netfw_check_ifname(ctx, &fw->ifaces[i]) < 0;
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
			netfw_side_release(&c.chains[i].e.items[a].s);
			netfw_side_release(&c.chains[i].e.items[a].d);
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
