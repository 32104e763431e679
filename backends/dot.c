/*
 * The `dot` target: a Graphviz digraph of the whole deployment, for
 * `dot -Tsvg` (doc/render.sh draws the README's picture with it).
 *
 *   zones       clusters, nested as the zones nest (ir_zone.parent);
 *               each holds a plain-text node listing its networks,
 *               which is also where firewall edges end (clipped at the
 *               cluster's border with lhead)
 *   hosts       boxes in their zone's cluster: name and addresses, the
 *               host firewall profile when one is declared
 *   firewalls   octagons: name, kind, vendor, addresses, SMTP proxy
 *               and content-security settings; drawn in the innermost
 *               zone that holds all the zones it has interfaces on (the
 *               Internet zone when the others nest in it), else outside
 *               every cluster; one undirected grey edge per interface to
 *               its zone, labelled with the interface name
 *   relays      a double border and a "MAILsweeper relay" line on the
 *               host or firewall the relay runs on (dial-up too)
 *   mail flow   blue edges from the relay to each route's next hop, in
 *               route order, labelled "N: pattern, port P": a host, a
 *               firewall, "Internet (DNS MX)" (a node in the zone that
 *               holds 0.0.0.0/0 or ::/0, when there is one), a node per
 *               external smart host, or a loop on the relay itself for
 *               localhost (the gateway's moved port)
 *
 * Node IDs are generated from a fixed alphabet (z_N, cluster_z_N, h_N,
 * f_N, x_N, mx) with N the object's index in the IR, so no user text
 * is ever an ID.  Every label is composed as plain text and written
 * through out_dot_string() once; each user string is checked first, so
 * one that cannot be shown is an error at its own span.  Everything is
 * emitted in IR (source) order: the output is deterministic.
 *
 * Layout: top to bottom, a zone's networks above its hosts and nested
 * zones (invisible edges); the mail-flow edges do not constrain ranks.
 * Firewall policies are not drawn: the mail-flow edges are what the
 * routes need, and checks already prove the policy lets them through.
 */
#include "backend.h"

#include <stdlib.h>
#include <string.h>

struct dctx {
	const struct emit_ctx *e;
	const struct ir_model *m;
	struct out *o;
	int failed;
	/* zone tree: first child and next sibling by zone index; NONE for none */
	size_t *child, *sibling;
	/* hosts of each zone: first host and next host by host index */
	size_t *zone_host, *next_host;
	const struct ir_relay **host_relay;	/* by host index, or NULL */
	const struct ir_relay **fw_relay;	/* by firewall index, or NULL */
	const struct ir_profile **host_profile;	/* the first profile of a host */
	const struct ir_zone **fw_home;		/* by firewall index: its cluster, or NULL */
	const struct ir_zone *internet;		/* where the DNS MX node goes, or NULL */
	int need_mx;
	/* distinct external next hops, in order of first use */
	const char **ext;
	size_t nr_ext;
};

#define NONE ((size_t)-1)

/*
 * Append the user string s to the label being composed, or record an
 * error at its span when DOT cannot show it.
 */
static void user(struct dctx *c, struct out *lbl, const char *s, struct span at,
		 const char *what)
{
	if (out_can_quote(out_dot_string, s) < 0) {
		diag_error(c->e->diag, DIAG_OUTPUT, at,
			   "%s cannot be shown in the dot output (it contains control or "
			   "invisible characters, or is too long)", what);
		c->failed = 1;
		return;
	}
	out_puts(lbl, s);
}

/* Write the composed label as `label="..."`; release it. */
static void put_label(struct dctx *c, struct out *lbl, struct span at)
{
	out_puts(c->o, "label=");
	if (out_dot_string(c->o, lbl->buf ? lbl->buf : "") < 0) {
		diag_error(c->e->diag, DIAG_OUTPUT, at,
			   "label too long for the dot output (at most 16000 bytes)");
		c->failed = 1;
		out_puts(c->o, "\"\"");
	}
	out_release(lbl);
}

static void indent(struct dctx *c, unsigned depth)
{
	while (depth--)
		out_putc(c->o, '\t');
}

static void addr_lines(struct out *lbl, const struct ip_addr *a, size_t n)
{
	char buf[IP_STRLEN];
	size_t i;

	for (i = 0; i < n; i++) {
		ip_addr_format(&a[i], buf);
		out_printf(lbl, "\n%s", buf);
	}
}

/* "30m", "2h", "1h30m", "45s". */
static void duration(struct out *lbl, uint32_t s)
{
	if (s >= 3600)
		out_printf(lbl, "%uh", (unsigned)(s / 3600));
	if (s % 3600 >= 60)
		out_printf(lbl, "%um", (unsigned)(s % 3600 / 60));
	if (s % 60 || !s)
		out_printf(lbl, "%us", (unsigned)(s % 60));
}

/* The relay's lines in its node's label. */
static void relay_lines(struct dctx *c, struct out *lbl, const struct ir_relay *r)
{
	const struct ir_dialup *du = r->dialup;

	out_puts(lbl, "\nMAILsweeper relay");
	if (!du)
		return;
	out_puts(lbl, "\ndial-up");
	if (du->phonebook) {
		out_puts(lbl, ": ");
		user(c, lbl, du->phonebook, du->at, "the phone-book entry");
	}
	if (du->interval) {
		out_puts(lbl, ", every ");
		duration(lbl, du->interval);
	}
}

static void relay_style(struct dctx *c)
{
	out_puts(c->o, ", peripheries=2, fillcolor=\"#dde8ff\"");
}

static void host_node(struct dctx *c, const struct ir_host *h, unsigned depth)
{
	struct out lbl = OUT_INIT;
	const struct ir_relay *r = c->host_relay[h->index];
	const struct ir_profile *p = c->host_profile[h->index];

	user(c, &lbl, h->name, h->at, "the host name");
	addr_lines(&lbl, h->addrs, h->nr_addrs);
	if (r)
		relay_lines(c, &lbl, r);
	if (p) {
		out_puts(&lbl, "\nprofile ");
		user(c, &lbl, p->name, p->at, "the profile name");
	}
	indent(c, depth);
	out_printf(c->o, "h_%zu [", h->index);
	put_label(c, &lbl, h->at);
	if (r)
		relay_style(c);
	out_puts(c->o, "];\n");
}

static void mx_node(struct dctx *c, unsigned depth)
{
	indent(c, depth);
	out_puts(c->o, "mx [label=\"Internet\\n(DNS MX)\", shape=ellipse, fillcolor=\"#fff4e0\"];\n");
}

static int is_internet(const struct ir_zone *z)
{
	size_t i;

	for (i = 0; i < z->nr_nets; i++)
		if (z->nets[i].len == 0)
			return 1;
	return 0;
}

static void firewall_node(struct dctx *c, const struct ir_firewall *f, unsigned depth)
{
	struct out lbl = OUT_INIT;
	const struct ir_relay *r = c->fw_relay[f->index];
	const struct ir_content_security *cs = f->content_security;
	size_t i;

	user(c, &lbl, f->name, f->at, "the firewall name");
	out_printf(&lbl, "\n%s firewall", f->kind == FW_PROXY ? "proxy" : "packet");
	if (f->vendor) {
		out_puts(&lbl, " (");
		user(c, &lbl, f->vendor, f->at, "the vendor");
		out_puts(&lbl, ")");
	}
	addr_lines(&lbl, f->addrs, f->nr_addrs);
	if (f->smtp_proxy != SMTP_PROXY_UNSET)
		out_printf(&lbl, "\nSMTP proxy %s", f->smtp_proxy == SMTP_PROXY_ON ? "on" : "off");
	if (cs) {
		out_puts(&lbl, "\ncontent security: ");
		user(c, &lbl, cs->product, cs->at, "the content-security product");
		for (i = 0; i < cs->nr_protocols; i++) {
			out_puts(&lbl, i ? ", " : " (");
			user(c, &lbl, cs->protocols[i], cs->protocol_at[i], "the protocol");
		}
		if (cs->nr_protocols)
			out_puts(&lbl, ")");
	}
	if (r)
		relay_lines(c, &lbl, r);
	indent(c, depth);
	out_printf(c->o, "f_%zu [", f->index);
	put_label(c, &lbl, f->at);
	out_puts(c->o, ", shape=octagon, fillcolor=\"#e4e4e4\"");
	if (r)
		relay_style(c);
	out_puts(c->o, "];\n");
}

static void zone_cluster(struct dctx *c, const struct ir_zone *z, unsigned depth)
{
	struct out lbl = OUT_INIT;
	char buf[IP_STRLEN];
	size_t i;
	const char *fill;

	if (is_internet(z))
		fill = "#ffe8e8";
	else
		fill = depth % 2 ? "#eef6ee" : "#f3f6fb";
	indent(c, depth);
	out_printf(c->o, "subgraph cluster_z_%zu {\n", z->index);
	indent(c, depth + 1);
	user(c, &lbl, z->name, z->at, "the zone name");
	put_label(c, &lbl, z->at);
	out_printf(c->o, "; style=\"rounded,filled\"; fillcolor=\"%s\";\n", fill);

	/* the networks, also the end of the firewall edges */
	for (i = 0; i < z->nr_nets; i++) {
		ip_prefix_format(&z->nets[i], buf);
		out_printf(&lbl, "%s%s", i ? "\n" : "", buf);
	}
	if (!z->nr_nets)
		out_puts(&lbl, "(no networks)");
	indent(c, depth + 1);
	out_printf(c->o, "z_%zu [", z->index);
	put_label(c, &lbl, z->at);
	out_puts(c->o, ", shape=plaintext, style=\"\", fontsize=10];\n");

	if (z == c->internet && c->need_mx)
		mx_node(c, depth + 1);
	for (i = c->zone_host[z->index]; i != NONE; i = c->next_host[i])
		host_node(c, &c->m->hosts[i], depth + 1);
	for (i = 0; i < c->m->nr_firewalls; i++)
		if (c->fw_home[i] == z)
			firewall_node(c, &c->m->firewalls[i], depth + 1);
	for (i = c->child[z->index]; i != NONE; i = c->sibling[i])
		zone_cluster(c, &c->m->zones[i], depth + 1);
	indent(c, depth);
	out_puts(c->o, "}\n");
}

/*
 * One undirected edge per interface.  The zone the firewall sits in and
 * the Internet zone are drawn before it (left), the others after it;
 * an edge into a cluster the firewall is not in stops at its border.
 */
static void interface_edges(struct dctx *c, const struct ir_firewall *f)
{
	const struct ir_zone *home = c->fw_home[f->index];
	size_t i;

	for (i = 0; i < f->nr_ifaces; i++) {
		const struct ir_interface *in = &f->ifaces[i];
		const struct ir_zone *z = in->zone;
		struct out lbl = OUT_INIT;
		int before;

		if (!z)
			continue;
		before = z == home || is_internet(z);
		user(c, &lbl, in->name, in->at, "the interface name");
		if (before)
			out_printf(c->o, "\tz_%zu -> f_%zu [", z->index, f->index);
		else
			out_printf(c->o, "\tf_%zu -> z_%zu [", f->index, z->index);
		put_label(c, &lbl, in->at);
		if (z != home)
			out_printf(c->o, ", %s=cluster_z_%zu", before ? "ltail" : "lhead", z->index);
		out_puts(c->o, ", dir=none, color=gray45, fontcolor=gray30];\n");
	}
}

/* The node ID of a relay's own machine. */
static void relay_id(struct dctx *c, const struct ir_relay *r)
{
	if (r->host)
		out_printf(c->o, "h_%zu", r->host->index);
	else
		out_printf(c->o, "f_%zu", r->fw->index);
}

static size_t ext_index(struct dctx *c, const char *name)
{
	size_t i;

	for (i = 0; i < c->nr_ext; i++)
		if (strcmp(c->ext[i], name) == 0)
			return i;
	return NONE;
}

static void route_edges(struct dctx *c, const struct ir_relay *r)
{
	size_t i;

	for (i = 0; i < r->nr_routes; i++) {
		const struct ir_route *rt = &r->routes[i];
		struct out lbl = OUT_INIT;

		out_printf(&lbl, "%zu: ", i + 1);
		user(c, &lbl, rt->pattern, rt->pattern_at, "the domain pattern");
		out_printf(&lbl, ", port %u", (unsigned)rt->port);
		out_putc(c->o, '\t');
		relay_id(c, r);
		out_puts(c->o, " -> ");
		switch (rt->hop) {
		case HOP_HOST:
			out_printf(c->o, "h_%zu", rt->host->index);
			break;
		case HOP_FIREWALL:
			out_printf(c->o, "f_%zu", rt->fw->index);
			break;
		case HOP_DNS:
			out_puts(c->o, "mx");
			break;
		case HOP_LOCALHOST:
			relay_id(c, r);
			out_puts(&lbl, " (localhost)");
			break;
		case HOP_EXTERNAL:
			out_printf(c->o, "x_%zu", ext_index(c, rt->hop_name));
			break;
		}
		out_puts(c->o, " [");
		put_label(c, &lbl, rt->at);
		out_puts(c->o, ", color=\"#1f5fbf\", fontcolor=\"#1f5fbf\", penwidth=1.6, constraint=false];\n");
	}
}

static unsigned zone_depth(const struct ir_zone *z)
{
	unsigned d = 0;

	for (; z->parent; z = z->parent)
		d++;
	return d;
}

/* The innermost zone that holds both a and b, or NULL. */
static const struct ir_zone *common_zone(const struct ir_zone *a, const struct ir_zone *b)
{
	unsigned da = zone_depth(a), db = zone_depth(b);

	for (; da > db; da--)
		a = a->parent;
	for (; db > da; db--)
		b = b->parent;
	while (a != b) {
		a = a->parent;
		b = b->parent;
	}
	return a;
}

/*
 * The cluster a firewall is drawn in: the innermost zone holding every
 * zone it has an interface on (the Internet zone, when the others nest
 * in it), or none.
 */
static const struct ir_zone *firewall_home(const struct ir_firewall *f)
{
	const struct ir_zone *home = NULL;
	size_t i;
	int first = 1;

	for (i = 0; i < f->nr_ifaces; i++) {
		const struct ir_zone *z = f->ifaces[i].zone;

		if (!z)
			continue;
		home = first ? z : home ? common_zone(home, z) : NULL;
		first = 0;
	}
	/* a firewall with one zone only still stands outside it */
	for (i = 0; home && i < f->nr_ifaces; i++)
		if (f->ifaces[i].zone && f->ifaces[i].zone != home)
			return home;
	return NULL;
}

/*
 * Invisible edges that only steer the layout: a zone's networks above
 * its hosts and above the zones nested in it.  The mail-flow edges do
 * not constrain the ranks, so they cannot pull the clusters apart.
 */
static void layout_edges(struct dctx *c)
{
	size_t z, k;

	for (z = 0; z < c->m->nr_zones; z++) {
		for (k = c->zone_host[z]; k != NONE; k = c->next_host[k])
			out_printf(c->o, "\tz_%zu -> h_%zu [style=invis];\n", z, k);
		for (k = c->child[z]; k != NONE; k = c->sibling[k])
			out_printf(c->o, "\tz_%zu -> z_%zu [style=invis];\n", z, k);
	}
}

/* Indexes: zone tree, hosts per zone, relays and profiles per machine. */
static void index_model(struct dctx *c)
{
	const struct ir_model *m = c->m;
	size_t i, k;

	c->child = xmalloc((m->nr_zones + 1) * sizeof(*c->child));
	c->sibling = xmalloc((m->nr_zones + 1) * sizeof(*c->sibling));
	c->zone_host = xmalloc((m->nr_zones + 1) * sizeof(*c->zone_host));
	c->next_host = xmalloc((m->nr_hosts + 1) * sizeof(*c->next_host));
	c->host_relay = xcalloc(m->nr_hosts + 1, sizeof(*c->host_relay));
	c->host_profile = xcalloc(m->nr_hosts + 1, sizeof(*c->host_profile));
	c->fw_relay = xcalloc(m->nr_firewalls + 1, sizeof(*c->fw_relay));
	c->fw_home = xcalloc(m->nr_firewalls + 1, sizeof(*c->fw_home));
	c->ext = xcalloc(1, sizeof(*c->ext));
	for (i = 0; i < m->nr_zones; i++)
		c->child[i] = c->sibling[i] = c->zone_host[i] = NONE;
	/* built back to front, so each list comes out in index order */
	for (i = m->nr_zones; i-- > 0;) {
		const struct ir_zone *p = m->zones[i].parent;

		if (p) {
			c->sibling[i] = c->child[p->index];
			c->child[p->index] = i;
		}
	}
	for (i = m->nr_hosts; i-- > 0;) {
		const struct ir_zone *z = m->hosts[i].zone;

		c->next_host[i] = NONE;
		if (z) {
			c->next_host[i] = c->zone_host[z->index];
			c->zone_host[z->index] = i;
		}
	}
	for (i = 0; i < m->nr_zones && !c->internet; i++)
		if (!m->zones[i].parent && is_internet(&m->zones[i]))
			c->internet = &m->zones[i];
	for (i = 0; i < m->nr_firewalls; i++)
		c->fw_home[i] = firewall_home(&m->firewalls[i]);
	for (i = 0; i < m->nr_relays; i++) {
		const struct ir_relay *r = &m->relays[i];

		if (r->host && !c->host_relay[r->host->index])
			c->host_relay[r->host->index] = r;
		else if (r->fw && !c->fw_relay[r->fw->index])
			c->fw_relay[r->fw->index] = r;
		for (k = 0; k < r->nr_routes; k++) {
			const struct ir_route *rt = &r->routes[k];

			if (rt->hop == HOP_DNS)
				c->need_mx = 1;
			if (rt->hop == HOP_EXTERNAL && ext_index(c, rt->hop_name) == NONE) {
				c->ext = xrealloc(c->ext, (c->nr_ext + 1) * sizeof(*c->ext));
				c->ext[c->nr_ext++] = rt->hop_name;
			}
		}
	}
	for (i = 0; i < m->nr_profiles; i++) {
		const struct ir_host *h = m->profiles[i].host;

		if (h && !c->host_profile[h->index])
			c->host_profile[h->index] = &m->profiles[i];
	}
}

static void release(struct dctx *c)
{
	free(c->child);
	free(c->sibling);
	free(c->zone_host);
	free(c->next_host);
	free(c->host_relay);
	free(c->host_profile);
	free(c->fw_relay);
	free(c->fw_home);
	free(c->ext);
}

static void external_nodes(struct dctx *c)
{
	const struct ir_model *m = c->m;
	size_t i, k, n = 0;

	/* the span of the first route that uses each, for diagnostics */
	for (i = 0; i < m->nr_relays; i++)
		for (k = 0; k < m->relays[i].nr_routes; k++) {
			const struct ir_route *rt = &m->relays[i].routes[k];
			struct out lbl = OUT_INIT;

			if (rt->hop != HOP_EXTERNAL || ext_index(c, rt->hop_name) != n)
				continue;
			user(c, &lbl, rt->hop_name, rt->hop_at, "the next hop");
			out_puts(&lbl, "\nsmart host");
			out_printf(c->o, "\tx_%zu [", n);
			put_label(c, &lbl, rt->hop_at);
			out_puts(c->o, ", style=\"rounded,dashed\"];\n");
			n++;
		}
}

static void graph_attrs(struct dctx *c)
{
	const char *src = c->e->source_name;
	struct out lbl = OUT_INIT;

	out_puts(c->o, "\tgraph [rankdir=TB, compound=true, newrank=true, nodesep=0.3, "
		 "fontname=\"Helvetica\", labelloc=t");
	if (src && out_can_quote(out_dot_string, src) == 0) {
		out_puts(&lbl, src);
		if (c->m->nr_relays)
			out_puts(&lbl, "\nblue: mail routes of the relays, in order (first match wins)");
		out_puts(c->o, ", ");
		put_label(c, &lbl, SPAN_NONE);
	}
	out_puts(c->o, "];\n"
		 "\tnode [shape=box, style=\"rounded,filled\", fillcolor=white, "
		 "fontname=\"Helvetica\", fontsize=11];\n"
		 "\tedge [fontname=\"Helvetica\", fontsize=9];\n");
}

static int dot_emit(const struct emit_ctx *e, struct out *o)
{
	struct dctx c;
	const struct ir_model *m = e->model;
	size_t i;

	memset(&c, 0, sizeof(c));
	c.e = e;
	c.m = m;
	c.o = o;
	index_model(&c);

	emit_header(o, COMMENT_SLASH, e->source_name);
	out_puts(o, "digraph mgc {\n");
	graph_attrs(&c);

	for (i = 0; i < m->nr_zones; i++)
		if (!m->zones[i].parent) {
			out_putc(o, '\n');
			zone_cluster(&c, &m->zones[i], 1);
		}
	if ((c.need_mx && !c.internet) || c.nr_ext)
		out_putc(o, '\n');
	if (c.need_mx && !c.internet)
		mx_node(&c, 1);
	external_nodes(&c);
	for (i = 0; i < m->nr_hosts; i++)
		if (!m->hosts[i].zone)
			host_node(&c, &m->hosts[i], 1);

	if (m->nr_firewalls || m->nr_zones)
		out_putc(o, '\n');
	for (i = 0; i < m->nr_firewalls; i++)
		if (!c.fw_home[i])
			firewall_node(&c, &m->firewalls[i], 1);
	for (i = 0; i < m->nr_firewalls; i++)
		interface_edges(&c, &m->firewalls[i]);
	layout_edges(&c);

	if (m->nr_relays)
		out_putc(o, '\n');
	for (i = 0; i < m->nr_relays; i++)
		route_edges(&c, &m->relays[i]);
	out_puts(o, "}\n");
	release(&c);
	return c.failed ? -1 : 0;
}

const struct backend backend_dot = {
	.name = "dot",
	.summary = "a Graphviz diagram: zones as clusters, hosts, firewalls, relays and mail flow",
	.device = DEVICE_NONE,
	.emit = dot_emit,
};
