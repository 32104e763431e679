/*
 * The `windows` target: one host firewall profile as a Windows
 * PowerShell script of New-NetFirewallRule commands (NetSecurity
 * module, Windows Defender Firewall).
 *
 * The script owns one rule group, "mgc-profile-NAME": it removes every
 * rule of that group, then creates the rules again under fixed names
 * ("mgc-NAME-001", ...), so it can be re-run and -WhatIf shows what it
 * would do.  Every value is a single-quoted literal written by
 * out_ps_string() (no $ or backtick expansion; quotes doubled); the
 * file starts with a UTF-8 byte order mark, without which Windows
 * PowerShell 5.1 reads it in the ANSI code page (see emit.h).
 *
 * How the Sophos Client Firewall settings map:
 *   - application rules: one rule per direction, -Program (Windows
 *     Firewall expands %SystemRoot% and the other system variables
 *     itself), -Protocol, -LocalPort, -RemotePort, -RemoteAddress;
 *     "deny" is -Action Block.  Windows evaluates block rules before
 *     allow rules whatever their order, unlike the client firewall's
 *     ordered rules: a block rule overlapping an allow rule of the same
 *     program is reported.
 *   - LAN "Trusted" (all traffic with the network allowed): two rules,
 *     inbound and outbound, any protocol, -RemoteAddress the networks.
 *   - LAN "NetBIOS" (file and printer sharing with the address): the
 *     NetBIOS over TCP/IP ports (RFC 1001/1002: UDP 137 name service,
 *     UDP 138 datagrams, TCP 139 sessions), inbound and outbound, with
 *     -RemoteAddress the addresses.  SMB over TCP 445 is not NetBIOS
 *     and is not opened.
 *   - Processes tab (hidden process launch, raw sockets): Windows
 *     Firewall has no such control.  Each is a warning and a comment in
 *     the script, never dropped silently.
 */
#include "backend.h"

#include <stdio.h>
#include <string.h>

struct wctx {
	const struct emit_ctx *e;
	struct out *o;
	unsigned seq;		/* rule number for -Name */
	int failed;
};

/* A single-quoted PowerShell literal; refused text is an error at its span. */
static void ps(struct wctx *w, const char *s, struct span at, const char *what)
{
	if (out_ps_string(w->o, s) < 0) {
		diag_error(w->e->diag, DIAG_OUTPUT, at,
			   "%s cannot be written safely as a PowerShell string (it contains "
			   "control or invisible characters)", what);
		w->failed = 1;
		out_puts(w->o, "''");
	}
}

/* User text in a '#' comment line. */
static void comment(struct wctx *w, const char *s, struct span at, const char *what)
{
	if (out_comment_text(w->o, s) < 0) {
		diag_error(w->e->diag, DIAG_OUTPUT, at,
			   "%s cannot be shown in a PowerShell comment (it contains control "
			   "or invisible characters)", what);
		w->failed = 1;
	}
}

static void put_prefix(struct out *o, const struct ip_prefix *p)
{
	char buf[IP_STRLEN];

	if (p->len == ip_family_bits(p->addr.family))
		ip_addr_format(&p->addr, buf);
	else
		ip_prefix_format(p, buf);
	/* Digits, dots, colons and '/': nothing to quote, but keep one path. */
	out_putc(o, '\'');
	out_puts(o, buf);
	out_putc(o, '\'');
}

static void put_port(struct out *o, const struct ir_port_ref *p)
{
	if (p->lo == p->hi)
		out_printf(o, "'%u'", (unsigned)p->lo);
	else
		out_printf(o, "'%u-%u'", (unsigned)p->lo, (unsigned)p->hi);
}

/* New-NetFirewallRule -Name 'mgc-NAME-001' -DisplayName ... -Group $group */
static void rule_start(struct wctx *w, const struct ir_profile *p, const char *display,
		       struct span display_at)
{
	struct out name = OUT_INIT;

	w->seq++;
	out_printf(&name, "mgc-%s-%03u", p->name, w->seq);
	out_puts(w->o, "New-NetFirewallRule -Name ");
	ps(w, name.buf, p->at, "the profile name");
	out_puts(w->o, " -DisplayName ");
	ps(w, display, display_at, "the rule's display name");
	out_puts(w->o, " -Group $group `\n    ");
	out_release(&name);
}

static const char *dir_name(enum ir_dir d)
{
	return d == IR_IN ? "Inbound" : "Outbound";
}

/* ---- LAN ---- */

static void lan_rules(struct wctx *w, const struct ir_profile *p, enum ir_lan_kind kind)
{
	static const struct {
		const char *proto, *ports;
	} netbios[] = {
		{ "UDP", "'137', '138'" },
		{ "TCP", "'139'" },
	};
	char display[96];
	size_t i, k, n = 0;
	int d;

	for (i = 0; i < p->nr_lan; i++)
		n += p->lan[i].kind == kind;
	if (!n)
		return;
	if (kind == LAN_TRUST)
		out_puts(w->o, "\n# LAN tab, Trusted: all traffic with these networks is allowed.\n"
			 "# (Windows still applies its block rules first.)\n");
	else
		out_puts(w->o, "\n# LAN tab, NetBIOS: file and printer sharing with these addresses,\n"
			 "# the NetBIOS over TCP/IP ports UDP 137-138 and TCP 139 (SMB over TCP 445\n"
			 "# is not NetBIOS and is not opened).\n");
	for (k = 0; k < (kind == LAN_TRUST ? 1u : countof(netbios)); k++) {
		for (d = IR_IN; d <= IR_OUT; d++) {
			snprintf(display, sizeof(display), "mgc %s: LAN %s%s%s, %s",
				 p->name, kind == LAN_TRUST ? "trusted" : "NetBIOS",
				 kind == LAN_TRUST ? "" : " ",
				 kind == LAN_TRUST ? "" : netbios[k].proto,
				 d == IR_IN ? "inbound" : "outbound");
			rule_start(w, p, display, p->at);
			out_printf(w->o, "-Direction %s -Action Allow ", dir_name((enum ir_dir)d));
			if (kind == LAN_NETBIOS)
				out_printf(w->o, "-Protocol %s -%sPort %s ", netbios[k].proto,
					   d == IR_IN ? "Local" : "Remote", netbios[k].ports);
			out_puts(w->o, "-RemoteAddress ");
			n = 0;
			for (i = 0; i < p->nr_lan; i++) {
				if (p->lan[i].kind != kind)
					continue;
				if (n++)
					out_puts(w->o, ", ");
				put_prefix(w->o, &p->lan[i].prefix);
			}
			out_putc(w->o, '\n');
		}
	}
}

/* ---- applications ---- */

static int ports_overlap(const struct ir_port_ref *a, size_t na, const struct ir_port_ref *b,
			 size_t nb)
{
	size_t i, k;

	if (!na || !nb)
		return 1;
	for (i = 0; i < na; i++)
		for (k = 0; k < nb; k++)
			if (a[i].lo <= b[k].hi && b[k].lo <= a[i].hi)
				return 1;
	return 0;
}

static int addrs_overlap(const struct ip_prefix *a, size_t na, const struct ip_prefix *b,
			 size_t nb)
{
	size_t i, k;

	if (!na || !nb)
		return 1;
	for (i = 0; i < na; i++)
		for (k = 0; k < nb; k++)
			if (ip_prefix_overlaps(&a[i], &b[k]))
				return 1;
	return 0;
}

static int rules_overlap(const struct ir_app_rule *a, const struct ir_app_rule *b)
{
	return a->proto == b->proto &&
	       (a->dir == IR_BOTH || b->dir == IR_BOTH || a->dir == b->dir) &&
	       ports_overlap(a->local, a->nr_local, b->local, b->nr_local) &&
	       ports_overlap(a->remote, a->nr_remote, b->remote, b->nr_remote) &&
	       addrs_overlap(a->remote_addrs, a->nr_remote_addrs, b->remote_addrs,
			     b->nr_remote_addrs);
}

static void precedence_check(struct wctx *w, const struct ir_application *a)
{
	size_t i, j;

	for (i = 0; i < a->nr_rules; i++) {
		if (a->rules[i].action != IR_DENY)
			continue;
		for (j = 0; j < a->nr_rules; j++) {
			struct diag *dg;

			if (a->rules[j].action != IR_ALLOW || !rules_overlap(&a->rules[i], &a->rules[j]))
				continue;
			dg = diag_warning(w->e->diag, DIAG_PROFILE, a->rules[i].at,
					  "in Windows Firewall this block rule of application '%s' "
					  "also blocks traffic an allow rule lets through (block rules "
					  "take precedence there, whatever the order)", a->name);
			diag_note(dg, a->rules[j].at, "the allow rule is here");
			break;
		}
	}
}

static void put_port_list(struct out *o, const char *opt, const struct ir_port_ref *p, size_t n)
{
	size_t i;

	if (!n)
		return;
	out_printf(o, " -%s ", opt);
	for (i = 0; i < n; i++) {
		if (i)
			out_puts(o, ", ");
		put_port(o, &p[i]);
	}
}

static void port_words(struct out *o, const char *which, const struct ir_port_ref *p, size_t n)
{
	size_t i;

	if (!n)
		return;
	out_printf(o, ", %s port%s ", which, n > 1 ? "s" : "");
	for (i = 0; i < n; i++) {
		if (i)
			out_puts(o, ", ");
		if (p[i].lo == p[i].hi)
			out_printf(o, "%u", (unsigned)p[i].lo);
		else
			out_printf(o, "%u-%u", (unsigned)p[i].lo, (unsigned)p[i].hi);
	}
}

static void app_rules(struct wctx *w, const struct ir_profile *p, const struct ir_application *a)
{
	struct out disp = OUT_INIT;
	size_t j;
	int d;

	out_puts(w->o, "\n# Application ");
	comment(w, a->name, a->at, "the application name");
	out_puts(w->o, ": ");
	comment(w, a->path, a->path_at, "the program path");
	out_putc(w->o, '\n');
	if (!a->nr_rules)
		out_puts(w->o, "# (no custom rules: nothing to create)\n");
	precedence_check(w, a);
	for (j = 0; j < a->nr_rules; j++) {
		const struct ir_app_rule *r = &a->rules[j];

		for (d = IR_IN; d <= IR_OUT; d++) {
			size_t i;

			if (r->dir != IR_BOTH && r->dir != (enum ir_dir)d)
				continue;
			out_reset(&disp);
			out_printf(&disp, "mgc %s: %s %s %s %s", p->name, a->name,
				   r->action == IR_ALLOW ? "allow" : "block",
				   r->proto == IR_TCP ? "TCP" : "UDP",
				   d == IR_IN ? "inbound" : "outbound");
			port_words(&disp, "local", r->local, r->nr_local);
			port_words(&disp, "remote", r->remote, r->nr_remote);
			rule_start(w, p, disp.buf, r->at);
			out_printf(w->o, "-Direction %s -Action %s -Program ", dir_name((enum ir_dir)d),
				   r->action == IR_ALLOW ? "Allow" : "Block");
			ps(w, a->path, a->path_at, "the program path");
			out_printf(w->o, " -Protocol %s", r->proto == IR_TCP ? "TCP" : "UDP");
			put_port_list(w->o, "LocalPort", r->local, r->nr_local);
			put_port_list(w->o, "RemotePort", r->remote, r->nr_remote);
			for (i = 0; i < r->nr_remote_addrs; i++) {
				out_puts(w->o, i ? ", " : " -RemoteAddress ");
				put_prefix(w->o, &r->remote_addrs[i]);
			}
			out_putc(w->o, '\n');
		}
	}
	out_release(&disp);
}

/* ---- processes ---- */

static void procs(struct wctx *w, const struct ir_profile *p)
{
	size_t i;
	int k, any = 0;

	for (i = 0; i < p->nr_procs; i++) {
		const struct ir_process *pr = &p->procs[i];
		const char *what[2];
		int n = 0;

		if (pr->hidden_launch)
			what[n++] = "launch hidden processes";
		if (pr->raw_sockets)
			what[n++] = "use raw sockets";
		for (k = 0; k < n; k++) {
			diag_warning(w->e->diag, DIAG_PROFILE, pr->at,
				     "Windows Firewall has no setting to allow programs to %s "
				     "(the script only notes it in a comment)", what[k]);
			if (!any)
				out_puts(w->o, "\n# Processes tab: Windows Firewall has no equivalent "
					 "setting; nothing is created for:\n");
			any = 1;
			out_printf(w->o, "#   allow to %s: ", what[k]);
			comment(w, pr->path, pr->path_at, "the process path");
			out_putc(w->o, '\n');
		}
	}
}

static int windows_emit(const struct emit_ctx *e, struct out *o)
{
	const struct ir_profile *p = e->profile;
	struct wctx w = { e, o, 0, 0 };
	struct out group = OUT_INIT;
	size_t i;

	out_puts(o, "\xEF\xBB\xBF");	/* UTF-8 BOM: see emit.h, out_ps_string() */
	emit_header(o, COMMENT_HASH, e->source_name);
	out_puts(o, "# Windows Defender Firewall rules for profile ");
	comment(&w, p->name, p->at, "the profile name");
	if (p->host) {
		out_puts(o, " (host ");
		comment(&w, p->host->name, p->host->at, "the host name");
		out_putc(o, ')');
	}
	out_puts(o, ".\n"
		 "# Re-runnable: removes every rule of its group, then creates them again.\n"
		 "# Dry run: powershell -ExecutionPolicy Bypass -File THIS-FILE.ps1 -WhatIf\n"
		 "[CmdletBinding(SupportsShouldProcess = $true)]\n"
		 "param()\n"
		 "$ErrorActionPreference = 'Stop'\n"
		 "$group = ");
	out_printf(&group, "mgc-profile-%s", p->name);
	ps(&w, group.buf, p->at, "the profile name");
	out_release(&group);
	out_puts(o, "\nGet-NetFirewallRule -Group $group -ErrorAction SilentlyContinue | "
		 "Remove-NetFirewallRule\n");
	if (p->mode != MODE_UNSET)
		out_printf(o, "\n# General: the %s mode of Sophos Client Firewall has no Windows "
			   "Firewall equivalent.\n",
			   p->mode == MODE_INTERACTIVE ? "interactive" : "non-interactive");
	lan_rules(&w, p, LAN_NETBIOS);
	lan_rules(&w, p, LAN_TRUST);
	for (i = 0; i < p->nr_apps; i++)
		app_rules(&w, p, &p->apps[i]);
	procs(&w, p);
	return w.failed ? -1 : 0;
}

const struct backend backend_windows = {
	.name = "windows",
	.summary = "host firewall profile as PowerShell New-NetFirewallRule commands",
	.device = DEVICE_PROFILE,
	.emit = windows_emit,
};
