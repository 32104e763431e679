/*
 * Mail-flow analysis: the relays' ordered route tables (first match
 * wins), checked the way the MAILsweeper deployment guide sets them up.
 *
 *   - the catch-all `*.*` is the last route ("the entry for all other
 *     domains (*.*) should be the last entry on the list");
 *   - no route is a duplicate of, or made unreachable by, an earlier one;
 *   - no mail loop: a relay sending mail back to itself, or a cycle
 *     through two or more relays for some domain;
 *   - a proxy firewall that runs a relay has its SMTP proxy disabled
 *     ("Disable the firewall's SMTP proxy so that MAILsweeper can take
 *     its place"), and a route to a firewall that runs no relay reaches
 *     something that accepts mail (a proxy firewall with its SMTP proxy
 *     on; a packet firewall accepts none);
 *   - `localhost` routes belong to a relay on a host (the SMTP-gateway
 *     placement), on a port no service uses ("This must be a port that
 *     is not allocated to any other service.  Check the services
 *     files"), checked against the model's services and --services-file;
 *   - MIMEsweeper for FireWall-1 no longer checks SMTP once a relay
 *     handles the site's mail ("Disable SMTP checking in MIMEsweeper
 *     for FireWall-1").
 *
 * Route patterns form a laminar family: two patterns either match
 * disjoint sets of domains or one's set contains the other's.  So a
 * route is unreachable exactly when one earlier route covers it, and a
 * table without unreachable routes lists every pair of overlapping
 * routes narrower first (the postfix backend relies on that).
 *
 * Lookups go through per-relay hash tables of the first route for each
 * exact domain and each `*.` base, so a table of n routes costs
 * O(n * labels), not O(n^2).
 *
 * NEEDSWORK: the check that the firewall policy lets each relay reach
 * its next hop (and the Internet reach an Internet-facing relay) needs
 * the policy analysis engine; it is not done here yet.
 */
#include "analyze.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../symtab.h"
#include "../util.h"
#include "../vec.h"

/* The relay MAILsweeper runs as listens on the standard SMTP port. */
#define SMTP_PORT 25

/* First route of one relay for each exact domain / each `*.` base. */
struct route_index {
	struct symtab exact;	/* pattern -> sym.kind = route index */
	struct symtab sub;	/* base (pattern + 2) -> route index */
	size_t any;		/* first `*.*`, or SIZE_MAX */
};

struct mailflow {
	const struct ir_model *m;
	struct diag_sink *d;
	const struct analyze_opts *o;
	struct route_index *idx;	/* one per relay */
	struct route_index all;		/* every relay's patterns (kind unused) */
};

static void index_init(struct route_index *ix)
{
	struct symtab empty = SYMTAB_INIT;

	ix->exact = empty;
	ix->sub = empty;
	ix->any = SIZE_MAX;
}

static void index_release(struct route_index *ix)
{
	symtab_release(&ix->exact);
	symtab_release(&ix->sub);
}

/* Record route i unless an earlier route has the same key. */
static void index_add(struct route_index *ix, const struct ir_route *rt, size_t i)
{
	struct sym *s;
	int found;

	switch (rt->pattern_kind) {
	case DOMAIN_EXACT:
		s = symtab_insert(&ix->exact, rt->pattern, &found);
		break;
	case DOMAIN_SUBDOMAINS:
		s = symtab_insert(&ix->sub, rt->pattern + 2, &found);
		break;
	case DOMAIN_ANY:
	default:
		if (ix->any == SIZE_MAX)
			ix->any = i;
		return;
	}
	if (!found)
		s->kind = (int)i;
}

static size_t min_index(size_t a, size_t b)
{
	return a < b ? a : b;
}

static size_t sub_lookup(const struct route_index *ix, const char *base)
{
	const struct sym *s = symtab_find(&ix->sub, base);

	return s ? (size_t)s->kind : SIZE_MAX;
}

/*
 * The first route of ix matching every domain of `rt`'s pattern, or
 * SIZE_MAX: an earlier `*.*`, the same exact domain, or a `*.S` with S
 * equal to or a parent of the pattern's base.
 */
static size_t index_covering(const struct route_index *ix, const struct ir_route *rt)
{
	size_t best = ix->any;
	const char *p;
	const struct sym *s;

	switch (rt->pattern_kind) {
	case DOMAIN_EXACT:
		s = symtab_find(&ix->exact, rt->pattern);
		if (s)
			best = min_index(best, (size_t)s->kind);
		p = rt->pattern;
		break;
	case DOMAIN_SUBDOMAINS:
		p = rt->pattern + 2;
		best = min_index(best, sub_lookup(ix, p));
		break;
	case DOMAIN_ANY:
	default:
		return best;
	}
	/* every proper parent domain of p */
	for (p = strchr(p, '.'); p; p = strchr(p, '.'))
		best = min_index(best, sub_lookup(ix, ++p));
	return best;
}

/* The first route of ix matching the domain d (no wildcard), or SIZE_MAX. */
static size_t index_match(const struct route_index *ix, const char *d)
{
	size_t best = ix->any;
	const struct sym *s = symtab_find(&ix->exact, d);
	const char *p;

	if (s)
		best = min_index(best, (size_t)s->kind);
	for (p = strchr(d, '.'); p; p = strchr(p, '.'))
		best = min_index(best, sub_lookup(ix, ++p));
	return best;
}

/* ---- route order ---- */

static void check_order(struct mailflow *mf, const struct ir_relay *r, struct route_index *ix)
{
	size_t i, k;

	for (i = 0; i < r->nr_routes; i++) {
		const struct ir_route *rt = &r->routes[i];
		size_t c = index_covering(ix, rt);

		if (ix->any != SIZE_MAX) {
			/* after a catch-all: reported once, at the catch-all */
		} else if (c != SIZE_MAX && strcmp(r->routes[c].pattern, rt->pattern) == 0 &&
			   rt->pattern_kind != DOMAIN_ANY) {
			struct diag *dg = diag_error(mf->d, DIAG_ROUTE, rt->pattern_at,
						     "duplicate route '%s' in relay '%s' "
						     "(remove one: only the first is ever used)",
						     rt->pattern, r->name);

			diag_note(dg, r->routes[c].pattern_at, "route '%s' is first given here",
				  rt->pattern);
		} else if (c != SIZE_MAX && rt->pattern_kind != DOMAIN_ANY) {
			struct diag *dg = diag_error(mf->d, DIAG_ROUTE, rt->pattern_at,
						     "route '%s' in relay '%s' is never used: the "
						     "earlier route '%s' matches all of its domains "
						     "(move it above that route or remove it)",
						     rt->pattern, r->name, r->routes[c].pattern);

			diag_note(dg, r->routes[c].pattern_at, "route '%s' is here",
				  r->routes[c].pattern);
		} else if (rt->pattern_kind == DOMAIN_ANY && i + 1 < r->nr_routes) {
			struct diag *dg = diag_error(mf->d, DIAG_ROUTE, rt->pattern_at,
						     "catch-all route '%s' is not the last route of "
						     "relay '%s' (move it to the end: the entry for all "
						     "other domains must be the last entry on the list)",
						     rt->pattern, r->name);

			for (k = i + 1; k < r->nr_routes; k++)
				diag_note(dg, r->routes[k].pattern_at,
					  "route '%s' after it is never used", r->routes[k].pattern);
		}
		index_add(ix, rt, i);
	}
}

/* ---- where a route's mail goes ---- */

static const struct ir_relay *relay_on_host(const struct ir_model *m, const struct ir_host *h)
{
	size_t i;

	for (i = 0; i < m->nr_relays; i++)
		if (m->relays[i].host == h)
			return &m->relays[i];
	return NULL;
}

static const struct ir_relay *relay_on_firewall(const struct ir_model *m,
						const struct ir_firewall *f)
{
	size_t i;

	for (i = 0; i < m->nr_relays; i++)
		if (m->relays[i].fw == f)
			return &m->relays[i];
	return NULL;
}

/* The relay whose host or firewall has the address `text`, or NULL. */
static const struct ir_relay *relay_at_address(const struct ir_model *m, const char *text)
{
	char buf[IP_STRLEN];
	size_t i, k;

	for (i = 0; i < m->nr_relays; i++) {
		const struct ir_relay *r = &m->relays[i];
		const struct ip_addr *a = r->host ? r->host->addrs : r->fw->addrs;
		size_t n = r->host ? r->host->nr_addrs : r->fw->nr_addrs;

		for (k = 0; k < n; k++) {
			ip_addr_format(&a[k], buf);
			if (strcmp(buf, text) == 0)
				return r;
		}
	}
	return NULL;
}

/* Does the route deliver to the machine relay r runs on? */
static int route_is_local(const struct ir_relay *r, const struct ir_route *rt)
{
	return rt->hop == HOP_LOCALHOST ||
	       (rt->hop == HOP_HOST && r->host && rt->host == r->host) ||
	       (rt->hop == HOP_FIREWALL && r->fw && rt->fw == r->fw);
}

/*
 * The relay that receives mail sent along rt (MAILsweeper listens on
 * port 25), or NULL when the mail leaves the relays: an MTA on another
 * port, a host or firewall without a relay, an MX lookup.
 */
static const struct ir_relay *route_target(const struct ir_model *m, const struct ir_relay *r,
					   const struct ir_route *rt)
{
	if (rt->port != SMTP_PORT)
		return NULL;
	switch (rt->hop) {
	case HOP_HOST:
		return relay_on_host(m, rt->host);
	case HOP_FIREWALL:
		return relay_on_firewall(m, rt->fw);
	case HOP_LOCALHOST:
		return r;
	case HOP_EXTERNAL:
		return relay_at_address(m, rt->hop_name);
	case HOP_DNS:
		break;
	}
	return NULL;
}

static const char *relay_machine(const struct ir_relay *r)
{
	return r->host ? "host" : "firewall";
}

/* ---- loops ---- */

static void check_self_loops(struct mailflow *mf, const struct ir_relay *r)
{
	size_t i;

	for (i = 0; i < r->nr_routes; i++) {
		const struct ir_route *rt = &r->routes[i];
		struct diag *dg;

		if (rt->hop == HOP_LOCALHOST && r->fw)
			continue;	/* a placement error, reported below */
		if (route_target(mf->m, r, rt) != r)
			continue;
		if (rt->hop == HOP_LOCALHOST)
			dg = diag_error(mf->d, DIAG_MAIL_FLOW, rt->hop_at,
					"route '%s' of relay '%s' sends mail back to the relay "
					"itself: MAILsweeper listens on port %d of 'localhost' "
					"(route to the gateway's moved port, for example "
					"'localhost port 20025')", rt->pattern, r->name, SMTP_PORT);
		else
			dg = diag_error(mf->d, DIAG_MAIL_FLOW, rt->hop_at,
					"route '%s' of relay '%s' sends mail back to the relay "
					"itself on %s '%s' (a mail loop; route to the next mail "
					"server instead)", rt->pattern, r->name, relay_machine(r),
					r->name);
		diag_note(dg, r->at, "relay '%s' runs on '%s'", r->name, r->name);
	}
}

/* One probe domain per class of domains every route table treats alike. */
struct probe {
	char *domain;		/* heap */
};

/* Is d matched by no exact route and no `*.` route of any relay? */
static int unmatched_anywhere(const struct mailflow *mf, const char *d)
{
	const char *p;

	if (symtab_find(&mf->all.exact, d))
		return 0;
	for (p = strchr(d, '.'); p; p = strchr(p, '.'))
		if (symtab_find(&mf->all.sub, ++p))
			return 0;
	return 1;
}

static char *probe_under(const struct mailflow *mf, const char *base)
{
	size_t n = strlen(base) + 24;
	char *d = xmalloc(n);
	unsigned k;

	for (k = 0;; k++) {
		if (k == 0)
			snprintf(d, n, "x.%s", base);
		else
			snprintf(d, n, "x%u.%s", k, base);
		if (!symtab_find(&mf->all.exact, d))
			return d;
	}
}

static char *probe_elsewhere(const struct mailflow *mf)
{
	char *d = xmalloc(32);
	unsigned k;

	for (k = 0;; k++) {
		if (k == 0)
			snprintf(d, 32, "x.invalid");
		else
			snprintf(d, 32, "x.t%u", k);
		if (unmatched_anywhere(mf, d))
			return d;
	}
}

struct cycle_step {
	const struct ir_relay *relay;
	size_t route;
};

struct seen_cycle {
	struct cycle_step *steps;	/* heap; starts at the lowest relay */
	size_t n;
};

static size_t relay_pos(const struct ir_model *m, const struct ir_relay *r)
{
	return (size_t)(r - m->relays);
}

static int cycle_seen(const struct seen_cycle *seen, size_t nseen,
		      const struct cycle_step *steps, size_t n)
{
	size_t i, k;

	for (i = 0; i < nseen; i++) {
		if (seen[i].n != n)
			continue;
		for (k = 0; k < n; k++)
			if (seen[i].steps[k].relay != steps[k].relay ||
			    seen[i].steps[k].route != steps[k].route)
				break;
		if (k == n)
			return 1;
	}
	return 0;
}

static void report_cycle(struct mailflow *mf, const char *domain,
			 const struct cycle_step *steps, size_t n)
{
	char *chain;
	size_t i, len = 0;
	struct diag *dg;
	const struct ir_route *first = &steps[0].relay->routes[steps[0].route];

	for (i = 0; i < n; i++)
		len += strlen(steps[i].relay->name) + 6;
	len += strlen(steps[0].relay->name) + 3;
	chain = xmalloc(len);
	chain[0] = '\0';
	for (i = 0; i < n; i++) {
		strcat(chain, "'");
		strcat(chain, steps[i].relay->name);
		strcat(chain, "' -> ");
	}
	strcat(chain, "'");
	strcat(chain, steps[0].relay->name);
	strcat(chain, "'");
	dg = diag_error(mf->d, DIAG_MAIL_FLOW, first->at,
			"mail for '%s' loops between relays %s (route it towards its "
			"destination in one of them)", domain, chain);
	for (i = 1; i < n; i++) {
		const struct ir_route *rt = &steps[i].relay->routes[steps[i].route];

		diag_note(dg, rt->at, "relay '%s' sends it on to '%s' here",
			  steps[i].relay->name, steps[(i + 1) % n].relay->name);
	}
	free(chain);
}

/*
 * For each probe domain, each relay has at most one successor (the
 * relay its first matching route sends to); follow the chains and
 * report every cycle once.
 */
static void check_cycles(struct mailflow *mf)
{
	const struct ir_model *m = mf->m;
	VEC(struct probe) probes = { 0 };
	VEC(struct seen_cycle) seen = { 0 };
	unsigned char *state;
	struct cycle_step *path;
	size_t i, k, p;
	int edges = 0;

	if (m->nr_relays < 2)
		return;
	for (i = 0; i < m->nr_relays && !edges; i++)
		for (k = 0; k < m->relays[i].nr_routes; k++) {
			const struct ir_relay *t = route_target(m, &m->relays[i],
								&m->relays[i].routes[k]);

			if (t && t != &m->relays[i]) {
				edges = 1;
				break;
			}
		}
	if (!edges)
		return;

	for (i = 0; i < m->nr_relays; i++) {
		const struct ir_relay *r = &m->relays[i];

		for (k = 0; k < r->nr_routes; k++) {
			const struct ir_route *rt = &r->routes[k];
			struct probe pr;

			if (rt->pattern_kind == DOMAIN_EXACT)
				pr.domain = xstrdup(rt->pattern);
			else if (rt->pattern_kind == DOMAIN_SUBDOMAINS)
				pr.domain = probe_under(mf, rt->pattern + 2);
			else
				continue;
			vec_push(&probes, pr);
		}
	}
	{
		struct probe pr;

		pr.domain = probe_elsewhere(mf);
		vec_push(&probes, pr);
	}

	state = xmalloc(m->nr_relays);
	path = xmalloc(m->nr_relays * sizeof(*path));
	for (p = 0; p < probes.nr; p++) {
		const char *dom = probes.items[p].domain;

		memset(state, 0, m->nr_relays);	/* 0 new, 1 on the path, 2 done */
		for (i = 0; i < m->nr_relays; i++) {
			const struct ir_relay *r = &m->relays[i];
			size_t n = 0;

			while (r && state[relay_pos(m, r)] == 0) {
				size_t ri = index_match(&mf->idx[relay_pos(m, r)], dom);
				const struct ir_relay *next;

				state[relay_pos(m, r)] = 1;
				if (ri == SIZE_MAX)
					break;
				next = route_target(m, r, &r->routes[ri]);
				if (next == r)
					break;	/* a self loop: reported on its own */
				path[n].relay = r;
				path[n].route = ri;
				n++;
				r = next;
			}
			if (r && state[relay_pos(m, r)] == 1) {
				/* r is on the path: the cycle starts there */
				size_t start, lo, len, j;
				struct cycle_step *cyc;

				for (start = 0; start < n && path[start].relay != r; start++)
					;
				if (start < n) {
					len = n - start;
					lo = start;
					for (j = start; j < n; j++)
						if (relay_pos(m, path[j].relay) <
						    relay_pos(m, path[lo].relay))
							lo = j;
					cyc = xmalloc(len * sizeof(*cyc));
					for (j = 0; j < len; j++)
						cyc[j] = path[start + (lo - start + j) % len];
					if (!cycle_seen(seen.items, seen.nr, cyc, len)) {
						struct seen_cycle sc;

						sc.steps = cyc;
						sc.n = len;
						vec_push(&seen, sc);
						report_cycle(mf, dom, cyc, len);
					} else {
						free(cyc);
					}
				}
			}
			for (k = 0; k < n; k++)
				state[relay_pos(m, path[k].relay)] = 2;
			if (r)
				state[relay_pos(m, r)] = 2;
		}
	}
	free(state);
	free(path);
	for (i = 0; i < seen.nr; i++)
		free(seen.items[i].steps);
	vec_release(&seen);
	for (i = 0; i < probes.nr; i++)
		free(probes.items[i].domain);
	vec_release(&probes);
}

/* ---- placement ---- */

static void check_placement(struct mailflow *mf, const struct ir_relay *r)
{
	const struct ir_model *m = mf->m;
	size_t i;
	struct diag *dg;

	if (r->fw && r->fw->kind == FW_PROXY && r->fw->smtp_proxy != SMTP_PROXY_OFF) {
		dg = diag_error(mf->d, DIAG_PLACEMENT, r->at,
				"relay '%s' runs on proxy firewall '%s', whose SMTP proxy is "
				"not disabled (add 'smtp-proxy off;' to firewall '%s' so that "
				"MAILsweeper can take its place)", r->name, r->fw->name, r->fw->name);
		if (r->fw->smtp_proxy == SMTP_PROXY_ON)
			diag_note(dg, r->fw->smtp_proxy_at, "the SMTP proxy is turned on here");
		else
			diag_note(dg, r->fw->at, "firewall '%s' is declared here", r->fw->name);
	}
	for (i = 0; i < r->nr_routes; i++) {
		const struct ir_route *rt = &r->routes[i];
		const struct ir_firewall *f = rt->fw;

		if (rt->hop == HOP_LOCALHOST && r->fw) {
			dg = diag_error(mf->d, DIAG_PLACEMENT, rt->hop_at,
					"route '%s' of relay '%s' goes to 'localhost', but the relay "
					"runs on firewall '%s' (only the SMTP-gateway placement moves "
					"an MTA to a local port; route to the gateway host)",
					rt->pattern, r->name, r->fw->name);
			continue;
		}
		if (rt->hop != HOP_FIREWALL || f == r->fw || relay_on_firewall(m, f))
			continue;
		if (f->kind == FW_PACKET) {
			dg = diag_error(mf->d, DIAG_PLACEMENT, rt->hop_at,
					"route '%s' of relay '%s' sends mail to packet firewall "
					"'%s', which runs no relay and accepts no mail (route to "
					"the mail server behind it; only a proxy firewall relays "
					"SMTP)", rt->pattern, r->name, f->name);
			diag_note(dg, f->at, "firewall '%s' is declared here", f->name);
		} else if (f->smtp_proxy == SMTP_PROXY_OFF) {
			dg = diag_error(mf->d, DIAG_PLACEMENT, rt->hop_at,
					"route '%s' of relay '%s' sends mail to proxy firewall "
					"'%s', whose SMTP proxy is off (nothing there accepts the "
					"mail; turn the proxy on or route past the firewall)",
					rt->pattern, r->name, f->name);
			diag_note(dg, f->smtp_proxy_at, "the SMTP proxy is turned off here");
		}
	}
}

/* ---- moved ports ---- */

struct services_entry {
	char *name;
	unsigned line;
	unsigned long port;
};

struct services_file {
	int loaded;
	int failed;
	VEC(struct services_entry) tcp;
};

/* /etc/services: "name port/proto [aliases...] [# comment]"; tcp entries only. */
static void services_load(struct mailflow *mf, struct services_file *sf)
{
	FILE *f;
	char line[1024];
	unsigned lineno = 0;

	sf->loaded = 1;
	f = fopen(mf->o->services_file, "r");
	if (!f) {
		diag_error(mf->d, DIAG_IO, SPAN_NONE,
			   "cannot read services file '%s': %s (check the --services-file path)",
			   mf->o->services_file, strerror(errno));
		sf->failed = 1;
		return;
	}
	while (fgets(line, sizeof(line), f)) {
		char *hash, *name, *pp, *slash, *end, *save = NULL;
		unsigned long port;
		struct services_entry e;

		lineno++;
		hash = strchr(line, '#');
		if (hash)
			*hash = '\0';
		name = strtok_r(line, " \t\r\n", &save);
		pp = name ? strtok_r(NULL, " \t\r\n", &save) : NULL;
		if (!pp)
			continue;
		slash = strchr(pp, '/');
		if (!slash || strcmp(slash + 1, "tcp") != 0)
			continue;
		*slash = '\0';
		errno = 0;
		port = strtoul(pp, &end, 10);
		if (end == pp || *end || errno || port > 65535)
			continue;
		e.name = xstrdup(name);
		e.line = lineno;
		e.port = port;
		vec_push(&sf->tcp, e);
	}
	if (ferror(f)) {
		diag_error(mf->d, DIAG_IO, SPAN_NONE, "cannot read services file '%s'",
			   mf->o->services_file);
		sf->failed = 1;
	}
	fclose(f);
}

static void check_port(struct mailflow *mf, const struct ir_relay *r, const struct ir_route *rt,
		       struct services_file *sf)
{
	const struct ir_model *m = mf->m;
	size_t i, k;
	struct span at = rt->port_given ? rt->port_at : rt->hop_at;
	struct diag *dg;

	for (i = 0; i < m->nr_services; i++) {
		const struct ir_service *s = &m->services[i];

		for (k = 0; k < s->nr_ports; k++) {
			const struct ir_port *p = &s->ports[k];

			if (p->proto != IR_TCP || rt->port < p->lo || rt->port > p->hi)
				continue;
			dg = diag_error(mf->d, DIAG_PORT_COLLISION, at,
					"port %u for the SMTP gateway moved beside relay '%s' is "
					"already used by service '%s' (choose a port no other "
					"service uses, for example 20025)",
					(unsigned)rt->port, r->name, s->name);
			if (p->lo == p->hi)
				diag_note(dg, s->at, "service '%s' uses tcp %u", s->name,
					  (unsigned)p->lo);
			else
				diag_note(dg, s->at, "service '%s' uses tcp %u-%u", s->name,
					  (unsigned)p->lo, (unsigned)p->hi);
			return;
		}
	}
	if (!mf->o || !mf->o->services_file)
		return;
	if (!sf->loaded)
		services_load(mf, sf);
	if (sf->failed)
		return;
	for (i = 0; i < sf->tcp.nr; i++) {
		if (sf->tcp.items[i].port != rt->port)
			continue;
		diag_error(mf->d, DIAG_PORT_COLLISION, at,
			   "port %u for the SMTP gateway moved beside relay '%s' is allocated "
			   "to '%s' in '%s' (line %u) (choose a port the services file does "
			   "not list)", (unsigned)rt->port, r->name, sf->tcp.items[i].name,
			   mf->o->services_file, sf->tcp.items[i].line);
		return;
	}
}

static void check_ports(struct mailflow *mf, struct services_file *sf)
{
	size_t i, k;

	for (i = 0; i < mf->m->nr_relays; i++) {
		const struct ir_relay *r = &mf->m->relays[i];

		if (!r->host)
			continue;
		for (k = 0; k < r->nr_routes; k++) {
			const struct ir_route *rt = &r->routes[k];

			if (route_is_local(r, rt) && rt->port != SMTP_PORT)
				check_port(mf, r, rt, sf);
		}
	}
}

/* ---- MIMEsweeper for FireWall-1 ---- */

static void check_content_security(struct mailflow *mf)
{
	const struct ir_model *m = mf->m;
	const struct ir_relay *relay = NULL;
	size_t i, k;

	for (i = 0; i < m->nr_relays && !relay; i++)
		if (m->relays[i].nr_routes)
			relay = &m->relays[i];
	if (!relay)
		return;
	for (i = 0; i < m->nr_firewalls; i++) {
		const struct ir_firewall *f = &m->firewalls[i];
		const struct ir_content_security *cs = f->content_security;
		struct diag *dg;

		if (!cs)
			continue;
		for (k = 0; k < cs->nr_protocols; k++) {
			if (strcmp(cs->protocols[k], "smtp") != 0)
				continue;
			dg = diag_error(mf->d, DIAG_PLACEMENT, cs->protocol_at[k],
					"MIMEsweeper for FireWall-1 on firewall '%s' still checks "
					"SMTP while relay '%s' handles the site's mail (disable SMTP "
					"checking in MIMEsweeper for FireWall-1: remove 'smtp' from "
					"its protocols, and stop forwarding SMTP to it)",
					f->name, relay->name);
			diag_note(dg, relay->at, "relay '%s' is declared here", relay->name);
		}
	}
}

void analyze_mailflow(const struct ir_model *m, struct diag_sink *d, const struct analyze_opts *o)
{
	struct mailflow mf;
	struct services_file sf;
	size_t i, k;

	if (!m->nr_relays && !m->nr_firewalls)
		return;
	memset(&mf, 0, sizeof(mf));
	memset(&sf, 0, sizeof(sf));
	mf.m = m;
	mf.d = d;
	mf.o = o;
	mf.idx = xcalloc(m->nr_relays ? m->nr_relays : 1, sizeof(*mf.idx));
	index_init(&mf.all);
	for (i = 0; i < m->nr_relays; i++) {
		index_init(&mf.idx[i]);
		check_order(&mf, &m->relays[i], &mf.idx[i]);
		for (k = 0; k < m->relays[i].nr_routes; k++)
			index_add(&mf.all, &m->relays[i].routes[k], 0);
	}
	for (i = 0; i < m->nr_relays; i++) {
		check_self_loops(&mf, &m->relays[i]);
		check_placement(&mf, &m->relays[i]);
	}
	check_cycles(&mf);
	check_ports(&mf, &sf);
	check_content_security(&mf);

	for (i = 0; i < sf.tcp.nr; i++)
		free(sf.tcp.items[i].name);
	vec_release(&sf.tcp);
	for (i = 0; i < m->nr_relays; i++)
		index_release(&mf.idx[i]);
	index_release(&mf.all);
	free(mf.idx);
}
