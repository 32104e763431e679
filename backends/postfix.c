/*
 * The `postfix` target: one relay's route table as a Postfix
 * transport(5) map with exactly the table's meaning.
 *
 * MAILsweeper takes the first route that matches; a Postfix hash map
 * takes the most specific key (user@domain, domain, .parent, *) whatever
 * the line order.  The two formats:
 *
 *   regexp (default)  an ordered regexp: table, one line per route in
 *                     table order.  transport(5): "Patterns are applied
 *                     in the order as specified in the table, until a
 *                     pattern is found that matches".  trivial-rewrite
 *                     consults regexp tables with the full recipient
 *                     address only, so each pattern is anchored on the
 *                     domain part: example.com -> /@example\.com$/,
 *                     *.example.com -> /\.example\.com$/, *.* -> /@/.
 *                     Check with: postmap -q user@DOMAIN regexp:FILE.
 *   hash              a classic table (domain, .domain, *) for postmap.
 *                     Emitted only after proving that it means the same:
 *                     route patterns are laminar (two of them match
 *                     disjoint domains or one contains the other), so
 *                     when no route is covered by an earlier one (the
 *                     mailflow analysis makes that an error, and this
 *                     backend checks it again), every domain's first
 *                     matching route is its narrowest one, which is the
 *                     key Postfix picks.  That holds only while
 *                     transport_maps is not in parent_domain_matches_
 *                     subdomains (the default), and the header says so.
 *
 * Next hops: a host or firewall as its address in brackets (no MX
 * lookup; [ipv6:...] for IPv6), `dns` as "smtp:" (a null next hop
 * "resets the nexthop information to the recipient domain", that is an
 * MX lookup, whatever relayhost says), localhost as [127.0.0.1]:PORT,
 * a named smart host as [name]:PORT.  A table without `*.*` gets a
 * final catch-all "smtp:" line, because MAILsweeper delivers unrouted
 * domains by DNS while Postfix would use relayhost.
 *
 * relayhost: main.cf settings are comment lines in the map's header,
 * not a second output.  relayhost is shown only when the catch-all
 * route goes to one server (then "relayhost = [server]:port" is an
 * equivalent, optional setting); the map never depends on it.
 *
 * Keys and values go through out_postfix_token(); regexp patterns are
 * built from an allowlist (LDH labels and dots), so no name can add an
 * entry or continue a line.
 */
#include "backend.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum pf_format {
	PF_REGEXP,
	PF_HASH
};

struct pfctx {
	const struct emit_ctx *e;
	const struct ir_relay *r;
	struct out *o;
	enum pf_format fmt;
	int failed;
};

static void unrepresentable(struct pfctx *c, struct span at, const char *what, const char *s)
{
	diag_error(c->e->diag, DIAG_OUTPUT, at,
		   "%s '%s' cannot be written into a Postfix transport map (use letters, "
		   "digits, '-' and '.' only)", what, s);
	c->failed = 1;
}

/* "[addr]" or "[ipv6:addr]" into o. */
static void bracket_addr(struct out *o, const struct ip_addr *a)
{
	char buf[IP_STRLEN];

	ip_addr_format(a, buf);
	out_printf(o, "[%s%s]", a->family == IP_V6 ? "ipv6:" : "", buf);
}

/* The firewall address to deliver to: one in the relay host's zone if any. */
static const struct ip_addr *firewall_addr(const struct ir_relay *r, const struct ir_firewall *f)
{
	size_t i, k;

	if (r->host && r->host->zone)
		for (i = 0; i < f->nr_addrs; i++)
			for (k = 0; k < r->host->zone->nr_nets; k++)
				if (ip_prefix_contains_addr(&r->host->zone->nets[k], &f->addrs[i]))
					return &f->addrs[i];
	return f->nr_addrs ? &f->addrs[0] : NULL;
}

/*
 * The result field "smtp:[nexthop]:port" (or "smtp:" for DNS) into
 * val.  Returns -1 after a diagnostic when there is no address.
 */
static int result(struct pfctx *c, const struct ir_route *rt, struct out *val)
{
	const struct ip_addr *a;

	out_puts(val, "smtp:");
	switch (rt->hop) {
	case HOP_DNS:
		return 0;
	case HOP_HOST:
		if (!rt->host->nr_addrs) {
			diag_error(c->e->diag, DIAG_TARGET, rt->hop_at,
				   "host '%s' has no address for the postfix map (add "
				   "'address ...;' to host '%s')", rt->host->name, rt->host->name);
			c->failed = 1;
			return -1;
		}
		bracket_addr(val, &rt->host->addrs[0]);
		break;
	case HOP_FIREWALL:
		a = firewall_addr(c->r, rt->fw);
		if (!a) {
			diag_error(c->e->diag, DIAG_TARGET, rt->hop_at,
				   "firewall '%s' has no address for the postfix map (add "
				   "'address ...;' to firewall '%s')", rt->fw->name, rt->fw->name);
			c->failed = 1;
			return -1;
		}
		bracket_addr(val, a);
		break;
	case HOP_LOCALHOST:
		out_puts(val, "[127.0.0.1]");
		break;
	case HOP_EXTERNAL:
		if (strchr(rt->hop_name, ':'))
			out_printf(val, "[ipv6:%s]", rt->hop_name);
		else
			out_printf(val, "[%s]", rt->hop_name);
		break;
	}
	out_printf(val, ":%u", (unsigned)rt->port);
	return 0;
}

/* Lower-case LDH labels and dots only (what lit_parse_domain accepts). */
static int ldh(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-' ||
		      *s == '.'))
			return 0;
	return 1;
}

static void regexp_domain(struct out *o, const char *s)
{
	for (; *s; s++) {
		if (*s == '.')
			out_putc(o, '\\');
		out_putc(o, *s);
	}
}

/* The lookup key of a route; -1 after a diagnostic. */
static int key(struct pfctx *c, const struct ir_route *rt, struct out *k)
{
	const char *base = rt->pattern_kind == DOMAIN_SUBDOMAINS ? rt->pattern + 2 : rt->pattern;

	if (rt->pattern_kind != DOMAIN_ANY && !ldh(base)) {
		unrepresentable(c, rt->pattern_at, "domain pattern", rt->pattern);
		return -1;
	}
	if (c->fmt == PF_REGEXP) {
		switch (rt->pattern_kind) {
		case DOMAIN_EXACT:
			out_puts(k, "/@");
			regexp_domain(k, base);
			out_puts(k, "$/");
			break;
		case DOMAIN_SUBDOMAINS:
			out_puts(k, "/\\.");
			regexp_domain(k, base);
			out_puts(k, "$/");
			break;
		case DOMAIN_ANY:
			out_puts(k, "/@/");
			break;
		}
		return 0;
	}
	switch (rt->pattern_kind) {
	case DOMAIN_EXACT:
		return out_postfix_token(k, base);
	case DOMAIN_SUBDOMAINS:
		out_putc(k, '.');
		return out_postfix_token(k, base);
	case DOMAIN_ANY:
		out_putc(k, '*');
		break;
	}
	return 0;
}

/* Does route a match every domain route b matches? */
static int covers(const struct ir_route *a, const struct ir_route *b)
{
	const char *p;
	size_t n, m;

	if (a->pattern_kind == DOMAIN_ANY)
		return 1;
	if (b->pattern_kind == DOMAIN_ANY)
		return 0;
	if (a->pattern_kind == DOMAIN_EXACT)
		return b->pattern_kind == DOMAIN_EXACT && strcmp(a->pattern, b->pattern) == 0;
	/* a is *.S: b's domains must all be S's strict subdomains */
	p = b->pattern_kind == DOMAIN_SUBDOMAINS ? b->pattern + 2 : b->pattern;
	n = strlen(p);
	m = strlen(a->pattern + 2);
	if (b->pattern_kind == DOMAIN_SUBDOMAINS && n == m)
		return strcmp(p, a->pattern + 2) == 0;
	return n > m && p[n - m - 1] == '.' && strcmp(p + n - m, a->pattern + 2) == 0;
}

/*
 * The proof obligation of the hash format: no route is covered by an
 * earlier one.  Returns 0 when it holds.
 */
static int hash_equivalent(struct pfctx *c)
{
	const struct ir_relay *r = c->r;
	size_t i, k;

	for (k = 0; k < r->nr_routes; k++)
		for (i = 0; i < k; i++)
			if (covers(&r->routes[i], &r->routes[k])) {
				diag_error(c->e->diag, DIAG_TARGET, r->routes[k].pattern_at,
					   "a hash transport map cannot mean what this table means: "
					   "route '%s' is covered by the earlier route '%s' (use the "
					   "default regexp format, or fix the route order)",
					   r->routes[k].pattern, r->routes[i].pattern);
				c->failed = 1;
				return -1;
			}
	return 0;
}

static void hop_comment(struct pfctx *c, const struct ir_route *rt)
{
	switch (rt->hop) {
	case HOP_HOST:
		out_puts(c->o, "host ");
		if (out_comment_text(c->o, rt->host->name) < 0)
			unrepresentable(c, rt->hop_at, "host name", rt->host->name);
		break;
	case HOP_FIREWALL:
		out_puts(c->o, "firewall ");
		if (out_comment_text(c->o, rt->fw->name) < 0)
			unrepresentable(c, rt->hop_at, "firewall name", rt->fw->name);
		break;
	case HOP_DNS:
		out_puts(c->o, "DNS (MX lookup)");
		break;
	case HOP_LOCALHOST:
		out_puts(c->o, "localhost");
		break;
	case HOP_EXTERNAL:
		if (out_comment_text(c->o, rt->hop_name) < 0)
			unrepresentable(c, rt->hop_at, "next hop", rt->hop_name);
		break;
	}
	if (rt->hop != HOP_DNS)
		out_printf(c->o, " port %u", (unsigned)rt->port);
}

static void entry(struct pfctx *c, const struct ir_route *rt, size_t number)
{
	struct out k = OUT_INIT, v = OUT_INIT;

	if (number) {
		out_printf(c->o, "# route %zu: ", number);
		if (out_comment_text(c->o, rt->pattern) < 0)
			unrepresentable(c, rt->pattern_at, "domain pattern", rt->pattern);
		out_puts(c->o, " -> ");
		hop_comment(c, rt);
		out_putc(c->o, '\n');
	}
	if (key(c, rt, &k) == 0 && result(c, rt, &v) == 0) {
		out_write(c->o, k.buf, k.len);
		out_putc(c->o, '\t');
		if (out_postfix_token(c->o, v.buf) < 0)
			unrepresentable(c, rt->hop_at, "next hop", v.buf);
		out_putc(c->o, '\n');
	} else if (!c->failed) {
		unrepresentable(c, rt->pattern_at, "domain pattern", rt->pattern);
	}
	out_release(&k);
	out_release(&v);
}

static void header(struct pfctx *c)
{
	const struct ir_relay *r = c->r;
	const struct ir_route *last = r->nr_routes ? &r->routes[r->nr_routes - 1] : NULL;
	const char *type = c->fmt == PF_REGEXP ? "regexp" : "hash";

	emit_header(c->o, COMMENT_HASH, c->e->source_name);
	out_puts(c->o, "# Postfix transport(5) map for relay '");
	if (out_comment_text(c->o, r->name) < 0)
		unrepresentable(c, r->at, "relay name", r->name);
	if (c->fmt == PF_REGEXP)
		out_puts(c->o, "': the MAILsweeper route table as an\n"
			 "# ordered regexp: table (first match wins, as in MAILsweeper).\n");
	else
		out_puts(c->o, "': a hash: table whose most-specific-key\n"
			 "# lookups give the same answers as the ordered route table (checked by mgc).\n");
	out_printf(c->o, "# main.cf:\n#   transport_maps = %s:/etc/postfix/transport\n", type);
	if (c->fmt == PF_HASH)
		out_puts(c->o, "#   parent_domain_matches_subdomains must not list transport_maps "
			 "(the default)\n");
	if (last && last->pattern_kind == DOMAIN_ANY && last->hop != HOP_DNS) {
		struct out v = OUT_INIT;

		if (result(c, last, &v) == 0 && out_can_quote(out_postfix_token, v.buf) == 0)
			out_printf(c->o, "#   relayhost = %s (optional: the last entry already "
				   "sends every other domain there)\n", v.buf + strlen("smtp:"));
		out_release(&v);
	}
	if (c->fmt == PF_REGEXP)
		out_puts(c->o, "# Check a lookup: postmap -q user@example.com "
			 "regexp:/etc/postfix/transport\n");
	else
		out_puts(c->o, "# Build it: postmap hash:/etc/postfix/transport\n");
}

static int pf_emit(const struct emit_ctx *e, struct out *o)
{
	struct pfctx c;
	const struct ir_relay *r = e->relay;
	size_t i;

	memset(&c, 0, sizeof(c));
	c.e = e;
	c.r = r;
	c.o = o;
	c.fmt = e->format && strcmp(e->format, "hash") == 0 ? PF_HASH : PF_REGEXP;
	if (e->format && c.fmt != PF_HASH && strcmp(e->format, "regexp") != 0) {
		diag_error(e->diag, DIAG_TARGET, SPAN_NONE,
			   "the postfix target has no format '%s' (use regexp or hash)", e->format);
		return -1;
	}
	if (c.fmt == PF_HASH && hash_equivalent(&c) < 0)
		return -1;
	header(&c);
	for (i = 0; i < r->nr_routes; i++)
		entry(&c, &r->routes[i], i + 1);
	if (!r->nr_routes || r->routes[r->nr_routes - 1].pattern_kind != DOMAIN_ANY) {
		struct ir_route dflt;

		memset(&dflt, 0, sizeof(dflt));
		dflt.pattern = "*.*";
		dflt.pattern_kind = DOMAIN_ANY;
		dflt.hop = HOP_DNS;
		dflt.port = 25;
		dflt.at = dflt.pattern_at = dflt.hop_at = r->at;
		out_puts(o, "# no *.* route: every other domain by DNS MX lookup, as MAILsweeper "
			 "does\n");
		entry(&c, &dflt, 0);
	}
	return c.failed ? -1 : 0;
}

const struct backend backend_postfix = {
	.name = "postfix",
	.summary = "a relay's routes as a Postfix transport(5) map (regexp, or hash when equivalent)",
	.device = DEVICE_RELAY,
	.formats = "regexp,hash",
	.emit = pf_emit,
};
