/*
 * Mail flow against the firewall policy: can each relay reach its next
 * hops, and can the Internet reach a relay that receives the site's
 * mail?  Each question is one packet, decided by the policy engine's
 * reference semantics (space_decide(), the same first-match meaning the
 * network targets emit) on every firewall the packet crosses.
 *
 * A packet crosses firewall F when it starts or ends at F itself (a
 * relay on the firewall, a route to the firewall), or when its source
 * and destination zones are reached through different interfaces of F.
 * "The Internet" is an address of the zone that owns 0.0.0.0/0 (or
 * ::/0): the most general zone.  Proxy firewalls relay SMTP themselves,
 * so inbound mail through them is not checked here (mailflow.c checks
 * their SMTP proxy setting).
 */
#include "analyze.h"

#include <string.h>

#include "space.h"

/* An address of the zone owning `family`'s default route, or 0. */
static int internet_addr(const struct ir_model *m, int family, struct ip_addr *out,
			 const struct ir_zone **zone)
{
	size_t i, k;

	for (i = 0; i < m->nr_zones; i++) {
		const struct ir_zone *z = &m->zones[i];

		for (k = 0; k < z->nr_nets; k++)
			if (z->nets[k].addr.family == family && z->nets[k].len == 0)
				break;
		if (k == z->nr_nets)
			continue;
		for (k = 0; k < z->nr_owned; k++) {
			if (z->owned[k].addr.family != family)
				continue;
			/* A documentation address if the zone owns it, else the prefix's first. */
			{
				struct ip_addr doc;
				const struct ir_zone *own;

				memset(&doc, 0, sizeof(doc));
				doc.family = (uint8_t)family;
				if (family == IP_V4) {
					doc.b[0] = 192, doc.b[1] = 0, doc.b[2] = 2, doc.b[3] = 25;
				} else {
					doc.b[0] = 0x20, doc.b[1] = 0x01, doc.b[2] = 0x0d, doc.b[3] = 0xb8;
					doc.b[15] = 0x25;
				}
				own = space_zone_of(m, &doc);
				*out = own == z ? doc : z->owned[k].addr;
			}
			*zone = z;
			return 1;
		}
	}
	return 0;
}

static int same_ifaces(const struct ir_fw_zone *a, const struct ir_fw_zone *b)
{
	size_t i, k;

	for (i = 0; i < a->nr_ifaces; i++)
		for (k = 0; k < b->nr_ifaces; k++)
			if (a->ifaces[i] == b->ifaces[k])
				return 1;
	return 0;
}

static const struct ir_fw_zone *fw_zone(const struct ir_firewall *fw, const struct ir_zone *z)
{
	size_t i;

	for (i = 0; z && i < fw->nr_zones; i++)
		if (fw->zones[i].zone == z)
			return &fw->zones[i];
	return NULL;
}

/* An endpoint of a mail hop: a zone and address, or a firewall itself. */
struct hop_end {
	const struct ir_firewall *fw;	/* the firewall itself, or NULL */
	const struct ir_zone *zone;
	struct ip_addr addr;
	const char *what;		/* for messages */
};

/* Does the packet a -> b cross fw?  Fills the zones of p (NULL = self). */
static int crosses(const struct ir_firewall *fw, const struct hop_end *a, const struct hop_end *b,
		   struct packet *p)
{
	const struct ir_fw_zone *za, *zb;

	if (a->fw && a->fw != fw && b->fw != fw)
		return 0;
	if (a->fw == fw && b->fw == fw)
		return 0;
	p->src_zone = a->fw == fw ? NULL : a->zone;
	p->dst_zone = b->fw == fw ? NULL : b->zone;
	if (a->fw == fw)
		return fw_zone(fw, b->zone) != NULL;
	if (b->fw == fw)
		return fw_zone(fw, a->zone) != NULL;
	za = fw_zone(fw, a->zone);
	zb = fw_zone(fw, b->zone);
	return za && zb && !same_ifaces(za, zb);
}

static void check_hop(const struct ir_model *m, struct diag_sink *d, const struct hop_end *a,
		      const struct hop_end *b, uint16_t port, struct span at, const char *why)
{
	size_t i;

	for (i = 0; i < m->nr_firewalls; i++) {
		const struct ir_firewall *fw = &m->firewalls[i];
		const struct ir_rule *r;
		struct packet p;
		char buf[PACKET_STRLEN], svc[16];
		struct diag *dg;

		if (!fw->has_policy || !fw->nr_ifaces)
			continue;
		memset(&p, 0, sizeof(p));
		if (!crosses(fw, a, b, &p))
			continue;
		p.src = a->addr;
		p.dst = b->addr;
		p.proto = IR_TCP;
		p.dport = port;
		r = space_decide(fw, &p);
		if (r && r->action == IR_ALLOW)
			continue;
		packet_format(&p, buf);
		if (port == 25)
			snprintf(svc, sizeof(svc), "smtp");
		else
			snprintf(svc, sizeof(svc), "tcp %u", (unsigned)port);
		dg = diag_error(d, DIAG_MAIL_FLOW, at,
				"firewall '%s' blocks %s: %s (allow %s from %s to %s in its policy)",
				fw->name, why, buf, svc, a->what, b->what);
		if (r)
			diag_note(dg, r->at, "rule %zu %s it", r->index + 1,
				  r->action == IR_REJECT ? "rejects" : "drops");
		else
			diag_note(dg, fw->at, "no rule of firewall '%s' allows it (default deny)",
				  fw->name);
	}
}

/* The relay's own end: its host's first address of `family`, or its firewall. */
static int relay_end(const struct ir_relay *r, int family, struct hop_end *e)
{
	size_t i;

	memset(e, 0, sizeof(*e));
	e->what = r->name;
	if (r->fw) {
		e->fw = r->fw;
		e->addr.family = (uint8_t)family;
		return 1;
	}
	if (!r->host || !r->host->zone)
		return 0;
	for (i = 0; i < r->host->nr_addrs; i++)
		if (r->host->addrs[i].family == family) {
			e->zone = r->host->zone;
			e->addr = r->host->addrs[i];
			return 1;
		}
	return 0;
}

static int host_end(const struct ir_host *h, int family, struct hop_end *e)
{
	size_t i;

	memset(e, 0, sizeof(*e));
	e->what = h->name;
	for (i = 0; h->zone && i < h->nr_addrs; i++)
		if (h->addrs[i].family == family) {
			e->zone = h->zone;
			e->addr = h->addrs[i];
			return 1;
		}
	return 0;
}

static int route_is_site_domain(const struct ir_model *m, const struct ir_route *rt)
{
	size_t i;

	for (i = 0; i < m->nr_domains; i++)
		if (rt->pattern_kind == DOMAIN_EXACT && strcmp(rt->pattern, m->domains[i].name) == 0)
			return 1;
	return 0;
}

/*
 * Inbound: a relay on a host that receives the site's own mail (it has
 * a route for one of the site's domains) must be reachable from the
 * Internet on port 25 through packet firewalls.  Behind a proxy
 * firewall the proxy relays the mail itself.
 */
static void check_inbound(const struct ir_model *m, struct diag_sink *d, const struct ir_relay *r)
{
	static const int families[] = { IP_V4, IP_V6 };
	size_t k, f;
	char why[256];

	if (r->fw)
		return;
	for (k = 0; k < m->nr_firewalls; k++)
		if (m->firewalls[k].kind == FW_PROXY)
			return;
	for (k = 0; k < r->nr_routes; k++)
		if (route_is_site_domain(m, &r->routes[k]))
			break;
	if (k == r->nr_routes)
		return;
	for (f = 0; f < countof(families); f++) {
		struct hop_end in, a;
		const struct ir_zone *iz;

		if (!relay_end(r, families[f], &a))
			continue;
		memset(&in, 0, sizeof(in));
		if (!internet_addr(m, families[f], &in.addr, &iz) || iz == a.zone)
			continue;
		in.zone = iz;
		in.what = iz->name;
		snprintf(why, sizeof(why), "mail from the Internet to relay '%s'", r->name);
		check_hop(m, d, &in, &a, 25, r->at, why);
	}
}

void analyze_nexthop(const struct ir_model *m, struct diag_sink *d, const struct analyze_opts *o)
{
	static const int families[] = { IP_V4, IP_V6 };
	size_t i, k, f;

	(void)o;
	for (i = 0; i < m->nr_relays; i++) {
		const struct ir_relay *r = &m->relays[i];

		for (k = 0; k < r->nr_routes; k++) {
			const struct ir_route *rt = &r->routes[k];

			for (f = 0; f < countof(families); f++) {
				struct hop_end a, b;
				const struct ir_zone *iz;
				char why[256];

				if (!relay_end(r, families[f], &a))
					continue;
				memset(&b, 0, sizeof(b));
				switch (rt->hop) {
				case HOP_HOST:
					if (!host_end(rt->host, families[f], &b))
						continue;
					break;
				case HOP_FIREWALL:
					b.fw = rt->fw;
					b.what = "self";
					b.addr.family = (uint8_t)families[f];
					break;
				case HOP_EXTERNAL:
					if (ip_parse_addr(rt->hop_name, strlen(rt->hop_name), &b.addr,
							  NULL) == 0) {
						if (b.addr.family != families[f])
							continue;
						b.zone = space_zone_of(m, &b.addr);
						if (!b.zone)
							continue;
						b.what = rt->hop_name;
						break;
					}
					/* A host name: somewhere on the Internet. */
					/* fall through */
				case HOP_DNS:
					if (!internet_addr(m, families[f], &b.addr, &iz))
						continue;
					b.zone = iz;
					b.what = iz->name;
					break;
				case HOP_LOCALHOST:
					continue;
				}
				if (a.fw && b.fw == a.fw)
					continue;
				if (a.fw)
					a.what = "self";
				snprintf(why, sizeof(why), "mail from relay '%s' to its next hop for '%s'",
					 r->name, rt->pattern);
				check_hop(m, d, &a, &b, rt->port, rt->at, why);
			}
		}
		check_inbound(m, d, r);
	}
}
