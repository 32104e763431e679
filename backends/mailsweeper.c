/*
 * The `mailsweeper` target: one relay's route table as the MAILsweeper
 * for SMTP deployment guide shows it (domain, the server that handles
 * mail for it, port), in the order to enter it in the MAILsweeper
 * console: the first matching route decides and the entry for all
 * other domains (*.*) is the last one.  Then the dial-up settings when
 * the relay has them.
 *
 * MAILsweeper has no documented import format, so this is a table for
 * a person, not a file to load.  A next hop is shown as what the
 * operator types into the console:
 *
 *   host        its name and addresses: "gateway (192.168.1.5)"; type
 *               the address when the name does not resolve there
 *   firewall    "fw (firewall, 172.16.1.1)", its SMTP proxy relays on
 *   dns         "DNS (MX lookup)", always port 25
 *   localhost   "localhost (127.0.0.1)", the SMTP gateway's moved port
 *   external    the host name or address as written (a smart host)
 *
 * Every user string goes through out_comment_text(): printable text
 * only, so no name can start a line of its own.
 */
#include "backend.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct msctx {
	const struct emit_ctx *e;
	struct out *o;
	int failed;
};

static void bad_text(struct msctx *c, struct span at, const char *what)
{
	diag_error(c->e->diag, DIAG_OUTPUT, at,
		   "%s cannot be shown in the mailsweeper output (it contains control or "
		   "invisible characters)", what);
	c->failed = 1;
}

/* User text into o; an unprintable string is an error at its span. */
static void text(struct msctx *c, struct out *o, const char *s, struct span at, const char *what)
{
	if (out_comment_text(o, s) < 0)
		bad_text(c, at, what);
}

static void addr_list(struct out *o, const struct ip_addr *a, size_t n)
{
	char buf[IP_STRLEN];
	size_t i;

	for (i = 0; i < n; i++) {
		ip_addr_format(&a[i], buf);
		out_printf(o, "%s%s", i ? ", " : "", buf);
	}
}

/*
 * The firewall address the relay delivers to: one in the relay host's
 * zone when there is one (the side the relay reaches), else the first.
 * The postfix backend picks the same.
 */
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

/* The next-hop cell of a route. */
static void hop_cell(struct msctx *c, struct out *o, const struct ir_route *rt)
{
	const struct ip_addr *a;

	switch (rt->hop) {
	case HOP_HOST:
		text(c, o, rt->host->name, rt->hop_at, "the host name");
		if (rt->host->nr_addrs) {
			out_puts(o, " (");
			addr_list(o, rt->host->addrs, rt->host->nr_addrs);
			out_puts(o, ")");
		}
		break;
	case HOP_FIREWALL:
		text(c, o, rt->fw->name, rt->hop_at, "the firewall name");
		out_puts(o, " (firewall");
		a = firewall_addr(c->e->relay, rt->fw);
		if (a) {
			out_puts(o, ", ");
			addr_list(o, a, 1);
		}
		out_puts(o, ")");
		break;
	case HOP_DNS:
		out_puts(o, "DNS (MX lookup)");
		break;
	case HOP_LOCALHOST:
		out_puts(o, "localhost (127.0.0.1)");
		break;
	case HOP_EXTERNAL:
		text(c, o, rt->hop_name, rt->hop_at, "the next hop");
		break;
	}
}

static void pad(struct out *o, size_t have, size_t width)
{
	while (have++ < width)
		out_putc(o, ' ');
}

/* "30 minutes", "2 hours", "1 hour 30 minutes", "45 seconds". */
static void duration(struct out *o, uint32_t s)
{
	uint32_t h = s / 3600, m = s % 3600 / 60, sec = s % 60;
	const char *sep = "";

	if (h) {
		out_printf(o, "%u hour%s", (unsigned)h, h == 1 ? "" : "s");
		sep = " ";
	}
	if (m) {
		out_printf(o, "%s%u minute%s", sep, (unsigned)m, m == 1 ? "" : "s");
		sep = " ";
	}
	if (sec || !s)
		out_printf(o, "%s%u second%s", sep, (unsigned)sec, sec == 1 ? "" : "s");
}

static void routes(struct msctx *c, const struct ir_relay *r)
{
	struct out *cells;
	size_t i, wdom = strlen("Domain"), whop = strlen("Next hop");
	int localhost_port = 0;
	const struct ir_firewall *proxy = NULL;

	if (!r->nr_routes) {
		out_puts(c->o, "(no routes: MAILsweeper delivers all mail by DNS MX lookup)\n");
		return;
	}
	cells = xcalloc(r->nr_routes, sizeof(*cells));
	for (i = 0; i < r->nr_routes; i++) {
		const struct ir_route *rt = &r->routes[i];

		hop_cell(c, &cells[i], rt);
		if (strlen(rt->pattern) > wdom)
			wdom = strlen(rt->pattern);
		if (cells[i].len > whop)
			whop = cells[i].len;
		if (rt->hop == HOP_LOCALHOST && !localhost_port)
			localhost_port = rt->port;
		if (rt->hop == HOP_FIREWALL && rt->fw->kind == FW_PROXY && !proxy)
			proxy = rt->fw;
	}
	out_puts(c->o, "No.  Domain");
	pad(c->o, strlen("Domain"), wdom + 2);
	out_puts(c->o, "Next hop");
	pad(c->o, strlen("Next hop"), whop + 2);
	out_puts(c->o, "Port\n");
	for (i = 0; i < r->nr_routes; i++) {
		const struct ir_route *rt = &r->routes[i];

		out_printf(c->o, "%-3zu  ", i + 1);
		text(c, c->o, rt->pattern, rt->pattern_at, "the domain pattern");
		pad(c->o, strlen(rt->pattern), wdom + 2);
		out_write(c->o, cells[i].buf ? cells[i].buf : "", cells[i].len);
		pad(c->o, cells[i].len, whop + 2);
		out_printf(c->o, "%u\n", (unsigned)rt->port);
		out_release(&cells[i]);
	}
	free(cells);
	if (r->routes[r->nr_routes - 1].pattern_kind != DOMAIN_ANY)
		out_puts(c->o, "\n# No *.* entry: mail for every other domain goes by DNS MX lookup.\n");
	if (proxy) {
		out_puts(c->o, "\n# The SMTP proxy on firewall '");
		text(c, c->o, proxy->name, proxy->at, "the firewall name");
		out_puts(c->o, "' must route the mail it receives from MAILsweeper\n"
			 "# on to its destination.\n");
	}
	if (localhost_port)
		out_printf(c->o, "\n# localhost is this machine (127.0.0.1): configure the SMTP gateway to "
			   "listen on port %d\n# and to forward all outgoing mail to localhost.\n",
			   localhost_port);
}

static void dialup(struct msctx *c, const struct ir_dialup *du)
{
	out_puts(c->o, "\nDial-up (Dial-up tab; needs the Windows NT Remote Access Service)\n");
	if (du->phonebook) {
		out_puts(c->o, "  Phone-book entry   ");
		text(c, c->o, du->phonebook, du->at, "the phone-book entry");
		out_putc(c->o, '\n');
	}
	if (du->interval) {
		out_puts(c->o, "  Dial every         ");
		duration(c->o, du->interval);
		out_putc(c->o, '\n');
	}
	if (du->smarthost) {
		out_puts(c->o, "  ISP mail server    ");
		text(c, c->o, du->smarthost, du->smarthost_at, "the smart host");
		out_putc(c->o, '\n');
	}
}

static int ms_emit(const struct emit_ctx *e, struct out *o)
{
	struct msctx c = { e, o, 0 };
	const struct ir_relay *r = e->relay;

	emit_header(o, COMMENT_HASH, e->source_name);
	out_puts(o, "# MAILsweeper for SMTP routing table for relay '");
	text(&c, o, r->name, r->at, "the relay name");
	out_printf(o, "' (on the %s", r->host ? "host" : "firewall");
	if (r->host && r->host->nr_addrs) {
		out_puts(o, ", ");
		addr_list(o, r->host->addrs, r->host->nr_addrs);
	}
	out_puts(o, ").\n# Enter the routes in the MAILsweeper console in this order: the first\n"
		 "# matching route decides, and the entry for all other domains (*.*) is last.\n\n");
	routes(&c, r);
	if (r->dialup)
		dialup(&c, r->dialup);
	return c.failed ? -1 : 0;
}

const struct backend backend_mailsweeper = {
	.name = "mailsweeper",
	.summary = "a relay's MAILsweeper route table and dial-up settings, for the console",
	.device = DEVICE_RELAY,
	.emit = ms_emit,
};
