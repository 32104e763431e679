/*
 * The `sophos` target: one host firewall profile as the Sophos Client
 * Firewall configuration editor presents it, tab by tab, in the
 * editor's own wording (KB 14464, KB 16608, and the PureMessage article
 * ../shared/seeds/000_4e77a9521c7ee0a2.txt), so that an administrator
 * can enter it or review it:
 *
 *   General        the working mode
 *   LAN            "address (mask)" with the NetBIOS and Trusted flags
 *   Applications   each program with its custom rules, "Where the
 *                  protocol is TCP / and the direction is Outbound / and
 *                  the local port is 1030 / Allow it"
 *   Processes      "Allow applications to launch hidden processes",
 *                  "Allow applications to use raw sockets"
 *
 * followed by the article's closing steps.  The client firewall has no
 * documented import format, so this is a checklist, not a file to load.
 * User text (names, paths) goes through out_comment_text(): printable
 * text only, so no line can be forged.
 */
#include "backend.h"

#include <stdio.h>
#include <string.h>

struct sctx {
	const struct emit_ctx *e;
	struct out *o;
	int failed;
};

/* User text; an unprintable string is an error at its span. */
static void text(struct sctx *s, const char *str, struct span at, const char *what)
{
	if (out_comment_text(s->o, str) < 0) {
		diag_error(s->e->diag, DIAG_OUTPUT, at,
			   "%s cannot be shown in the sophos output (it contains control or "
			   "invisible characters)", what);
		s->failed = 1;
	}
}

static int ascii_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static int same_word(const char *a, const char *b)
{
	for (; *a && *b; a++, b++)
		if (ascii_lower((unsigned char)*a) != ascii_lower((unsigned char)*b))
			return 0;
	return *a == *b;
}

static const char *base_name(const char *path)
{
	const char *b = path, *p;

	for (p = path; *p; p++)
		if (*p == '\\' || *p == '/')
			b = p + 1;
	return b;
}

/*
 * Programs the client firewall's default configuration already has
 * custom rules for (KB 14464): the article adds to "any existing rules"
 * for these.
 */
static int has_default_rules(const char *path)
{
	static const char *const defaults[] = {
		"alg.exe", "lsass.exe", "services.exe", "svchost.exe", "userinit.exe",
		"winlogon.exe",
	};
	size_t i;

	for (i = 0; i < countof(defaults); i++)
		if (same_word(base_name(path), defaults[i]))
			return 1;
	return 0;
}

/* "192.168.1.1" for one address, "192.168.1.0 (255.255.255.0)" for a network. */
static void put_prefix(struct out *o, const struct ip_prefix *p)
{
	char a[IP_STRLEN], m[IP_STRLEN];

	ip_addr_format(&p->addr, a);
	if (p->len == ip_family_bits(p->addr.family)) {
		out_puts(o, a);
	} else if (p->addr.family == IP_V4) {
		ip_mask_format(p->len, m);
		out_printf(o, "%s (%s)", a, m);
	} else {
		ip_prefix_format(p, a);
		out_puts(o, a);
	}
}

/* The article's "MS_SQL_M", "DCOM", "SMTP" for the services ms-sql-m, dcom, smtp. */
static void put_service_name(struct out *o, const char *name)
{
	for (; *name; name++)
		out_putc(o, *name == '-' ? '_' :
			 *name >= 'a' && *name <= 'z' ? (char)(*name - 'a' + 'A') : *name);
}

/* "1711, 135 (DCOM)" */
static void put_ports(struct out *o, const struct ir_port_ref *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i)
			out_puts(o, ", ");
		if (p[i].lo == p[i].hi)
			out_printf(o, "%u", (unsigned)p[i].lo);
		else
			out_printf(o, "%u-%u", (unsigned)p[i].lo, (unsigned)p[i].hi);
		if (p[i].service) {
			out_puts(o, " (");
			put_service_name(o, p[i].service->name);
			out_putc(o, ')');
		}
	}
}

static const char *dir_words(enum ir_dir d)
{
	switch (d) {
	case IR_IN:
		return "Inbound";
	case IR_OUT:
		return "Outbound";
	case IR_BOTH:
		return "Inbound and Outbound";
	}
	return "?";
}

static void put_rule(struct sctx *s, const struct ir_app_rule *r)
{
	struct out *o = s->o;
	size_t i;

	out_printf(o, "        Where the protocol is %s\n", r->proto == IR_TCP ? "TCP" : "UDP");
	out_printf(o, "          and the direction is %s\n", dir_words(r->dir));
	for (i = 0; i < r->nr_remote_addrs; i++) {
		out_puts(o, i ? ", " : "          and the remote address is ");
		put_prefix(o, &r->remote_addrs[i]);
		if (i + 1 == r->nr_remote_addrs)
			out_putc(o, '\n');
	}
	if (r->nr_local) {
		out_puts(o, "          and the local port is ");
		put_ports(o, r->local, r->nr_local);
		out_putc(o, '\n');
	}
	if (r->nr_remote) {
		out_puts(o, "          and the remote port is ");
		put_ports(o, r->remote, r->nr_remote);
		out_putc(o, '\n');
	}
	out_printf(o, "        %s it\n", r->action == IR_ALLOW ? "Allow" : "Block");
}

static void put_general(struct sctx *s, const struct ir_profile *p)
{
	out_puts(s->o, "General\n");
	switch (p->mode) {
	case MODE_INTERACTIVE:
		out_puts(s->o, "    Working mode: Interactive\n"
			 "    During the installation, programs may ask for network access in\n"
			 "    pop-up dialogs.  Ignore (block) them, except: the InstallShield program\n"
			 "    IDriver.exe (full installation, remote database), and SQL Server when\n"
			 "    it was not present before (full installation, local database): allow\n"
			 "    it with 'Add to checksums' or 'Replace existing checksum'.\n");
		break;
	case MODE_NON_INTERACTIVE:
		out_puts(s->o, "    Working mode: Non-interactive\n"
			 "    (It is recommended that you run Sophos Client Firewall in "
			 "interactive mode.)\n");
		break;
	case MODE_UNSET:
		out_puts(s->o, "    Working mode: not set by this profile (keep the current mode; "
			 "interactive mode is recommended)\n");
		break;
	}
	out_putc(s->o, '\n');
}

static void put_lan(struct sctx *s, const struct ir_profile *p)
{
	size_t i, j;

	if (!p->nr_lan)
		return;
	out_puts(s->o, "LAN tab\n");
	/* One line per address or network, with all its flags. */
	for (i = 0; i < p->nr_lan; i++) {
		int netbios = 0, trusted = 0;

		for (j = 0; j < i; j++)
			if (ip_prefix_cmp(&p->lan[j].prefix, &p->lan[i].prefix) == 0)
				break;
		if (j < i)
			continue;
		for (j = i; j < p->nr_lan; j++)
			if (ip_prefix_cmp(&p->lan[j].prefix, &p->lan[i].prefix) == 0) {
				netbios |= p->lan[j].kind == LAN_NETBIOS;
				trusted |= p->lan[j].kind == LAN_TRUST;
			}
		out_puts(s->o, "    ");
		put_prefix(s->o, &p->lan[i].prefix);
		out_printf(s->o, "    %s%s%s\n", netbios ? "NetBIOS" : "",
			   netbios && trusted ? ", " : "", trusted ? "Trusted" : "");
	}
	out_putc(s->o, '\n');
}

static void put_apps(struct sctx *s, const struct ir_profile *p)
{
	size_t i, j;

	if (!p->nr_apps)
		return;
	out_puts(s->o, "Applications tab\n");
	for (i = 0; i < p->nr_apps; i++) {
		const struct ir_application *a = &p->apps[i];
		const char *base = base_name(a->path);

		out_puts(s->o, "    ");
		text(s, base, a->path_at, "the program name");
		out_puts(s->o, " (");
		text(s, a->path, a->path_at, "the program path");
		out_puts(s->o, ")\n");
		if (same_word(base, "IDriver.exe"))
			out_puts(s->o, "      First run the installer until it reaches the 'Welcome' "
				 "screen, then abort the installation:\n"
				 "      a rule cannot be configured for IDriver.exe before it is "
				 "on the computer.\n");
		if (a->nr_rules == 0) {
			out_puts(s->o, "      Add the application (no custom rules).\n\n");
			continue;
		}
		if (has_default_rules(a->path)) {
			out_printf(s->o, "      Add the following custom rule%s to any existing "
				   "rules for ", a->nr_rules > 1 ? "s" : "");
			text(s, base, a->path_at, "the program name");
			out_puts(s->o, ":\n");
		} else {
			out_printf(s->o, "      Add the following custom rule%s:\n",
				   a->nr_rules > 1 ? "s" : "");
		}
		for (j = 0; j < a->nr_rules; j++) {
			if (j)
				out_putc(s->o, '\n');
			put_rule(s, &a->rules[j]);
		}
		out_putc(s->o, '\n');
	}
}

static void put_procs(struct sctx *s, const struct ir_profile *p)
{
	size_t i;
	int any;

	if (!p->nr_procs)
		return;
	out_puts(s->o, "Processes tab\n");
	any = 0;
	for (i = 0; i < p->nr_procs; i++) {
		if (!p->procs[i].hidden_launch)
			continue;
		if (!any)
			out_puts(s->o, "    Allow applications to launch hidden processes, add:\n");
		any = 1;
		out_puts(s->o, "        ");
		text(s, p->procs[i].path, p->procs[i].path_at, "the process path");
		out_putc(s->o, '\n');
	}
	any = 0;
	for (i = 0; i < p->nr_procs; i++) {
		if (!p->procs[i].raw_sockets)
			continue;
		if (!any)
			out_puts(s->o, "    Allow applications to use raw sockets, add:\n");
		any = 1;
		out_puts(s->o, "        ");
		text(s, p->procs[i].path, p->procs[i].path_at, "the process path");
		out_putc(s->o, '\n');
	}
	out_putc(s->o, '\n');
}

static int iis_in(const struct ir_profile *p)
{
	size_t i;

	for (i = 0; i < p->nr_apps; i++)
		if (same_word(base_name(p->apps[i].path), "inetinfo.exe"))
			return 1;
	return 0;
}

static int sophos_emit(const struct emit_ctx *e, struct out *o)
{
	const struct ir_profile *p = e->profile;
	struct sctx s = { e, o, 0 };

	emit_header(o, COMMENT_HASH, e->source_name);
	out_puts(o, "# Sophos Client Firewall configuration, tab by tab, for the configuration "
		 "editor.\n\nProfile ");
	text(&s, p->name, p->at, "the profile name");
	if (p->host) {
		out_puts(o, " for host ");
		text(&s, p->host->name, p->host->at, "the host name");
	}
	out_puts(o, "\n\nBefore you start\n"
		 "    Make these settings before the installation, with the tabbed pages of the\n"
		 "    Sophos Client Firewall configuration editor (see its user manual).\n"
		 "    Check that DNS is correctly configured.\n\n");
	put_general(&s, p);
	put_lan(&s, p);
	put_apps(&s, p);
	put_procs(&s, p);
	out_puts(o, "Then\n    Apply your rules.\n");
	if (iis_in(p))
		out_puts(o, "    If IIS is installed on the computer, restart it. "
			 "(Open a command prompt and type 'iisreset'.)\n");
	return s.failed ? -1 : 0;
}

const struct backend backend_sophos = {
	.name = "sophos",
	.summary = "host firewall profile in Sophos Client Firewall's structure and wording",
	.device = DEVICE_PROFILE,
	.emit = sophos_emit,
};
