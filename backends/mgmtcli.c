/*
 * The `mgmt-cli` target: a bash script of Check Point Management API
 * commands (mgmt_cli, R80.10 or later) that installs one firewall's
 * policy in the management database.  FORMATS.md 3.2-3.5.
 *
 * The script:
 * - logs in once (its arguments go to `mgmt_cli login`; default
 *   `-r true`, root on the Management Server), and everything happens
 *   in that one session: `publish` at the end, `discard` (trap on EXIT)
 *   when any command fails or the script is interrupted;
 * - is re-runnable: in the same session it first deletes the rules an
 *   earlier run added (named SECTION_r1, SECTION_r2, ... until one is
 *   missing) and the objects it is about to add (deletes that fail are
 *   ignored: the object was not there), then adds everything again;
 * - adds objects first (hosts, networks, services, then the groups
 *   made of them), then the rules at the bottom of an mgc-owned access
 *   section (added at the top of the layer when missing), in policy
 *   order, then one cleanup rule for mgc's default deny;
 * - never installs the policy: that stays a separate, deliberate step.
 *
 * Names.  Every object, section and rule name is derived from a safe
 * alphabet (sk40179): `mgc_`, a kind letter, the declaration's index
 * and the user's name with everything outside [A-Za-z0-9_] turned
 * into '_' and cut to 32 bytes: mgc_h3_smtp_gateway, mgc_z0_dirty,
 * mgc_g1_mailhosts, mgc_s0_smtp, mgc_n4_10_0_0_0_8 (a literal prefix:
 * its canonical text is unique).  The index makes two names collide
 * only if the declarations are the same.  Predefined Check Point
 * services (smtp, http, ...) are never relied on: the user's `smtp`
 * may not be port 25.  User text (comments) appears only as comment
 * values, quoted by out_shell_word(); every other value is quoted the
 * same way, so nothing from the source can run as a command.
 *
 * `self`: with `address` declared on the firewall, a host object
 * mgc_fwN_NAME holds them; without, the rules use the gateway object
 * named by $MGC_CP_GATEWAY, which the script then requires.
 *
 * NEEDSWORK: objects renamed or removed from the source since the last
 * run are left behind (tagged "mgc"); content-security (CVP) resources
 * cannot be set through the Management API and are listed as comments.
 */
#include "backend.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MC_NAME_MAX 32		/* bytes kept of a user name in an object name */
#define MC_GW "\"$MGC_GW\""	/* the gateway object, when the firewall has no address */

struct mc {
	const struct emit_ctx *ctx;
	const struct ir_firewall *fw;
	struct out adds;		/* add host/network/service/group commands */
	struct out dels;		/* matching deletes, in reverse order */
	struct out section;		/* "mgc_f0_fw" */
	bool *host_done, *zone_done, *group_done, *svc_done;
	struct out pfx_done;		/* "\n"-separated names of prefix objects added */
	bool self_done, self_env;
	int failed;
};

/* Names: [A-Za-z0-9_] kept, anything else '_', at most MC_NAME_MAX bytes. */
static void mc_sanitize(struct out *o, const char *s)
{
	size_t n;

	for (n = 0; s[n] && n < MC_NAME_MAX; n++) {
		char c = s[n];

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '_')
			out_putc(o, c);
		else
			out_putc(o, '_');
	}
}

/* A value on a command line; -1 from the quoting becomes a diagnostic. */
static void mc_word(struct mc *m, struct out *o, const char *s, struct span at)
{
	if (out_shell_word(o, s) == 0)
		return;
	diag_error(m->ctx->diag, DIAG_OUTPUT, at,
		   "text cannot be quoted for the mgmt-cli script "
		   "(it holds a line break, a control character or invalid UTF-8)");
	out_puts(o, "''");
	m->failed = 1;
}

static void mc_kv(struct mc *m, struct out *o, const char *key, const char *val)
{
	out_printf(o, " %s ", key);
	mc_word(m, o, val, SPAN_NONE);
}

/*
 * "key name" for an object name: quoted, except the gateway expansion
 * "$MGC_GW" that mc_self() hands out (mgc's own text, not the user's).
 */
static void mc_kv_obj(struct mc *m, struct out *o, const char *key, const char *name)
{
	if (strcmp(name, MC_GW) == 0)
		out_printf(o, " %s %s", key, MC_GW);
	else
		mc_kv(m, o, key, name);
}

static void mc_begin(struct out *o, const char *verb)
{
	out_printf(o, "mgmt_cli %s", verb);
}

static void mc_end(struct out *o)
{
	out_puts(o, " -s \"$MGC_SID\"\n");
}

/* The common tail of an add: the mgc tag and ignore-warnings (same IP or port as another object). */
static void mc_end_add(struct mc *m, struct out *o, const char *what)
{
	mc_kv(m, o, "tags.1", "mgc");
	mc_kv(m, o, "comments", what);
	mc_kv(m, o, "ignore-warnings", "true");
	mc_end(o);
}

/* A delete that may fail (the object is not there yet). */
static void mc_delete(struct mc *m, const char *type, const char *name)
{
	struct out line = OUT_INIT;

	mc_begin(&line, "delete ");
	out_puts(&line, type);
	mc_kv(m, &line, "name", name);
	out_puts(&line, " -s \"$MGC_SID\" >/dev/null 2>&1 || true\n");
	/* prepend: the groups added last are deleted first */
	out_write(&line, m->dels.buf ? m->dels.buf : "", m->dels.len);
	out_reset(&m->dels);
	out_write(&m->dels, line.buf, line.len);
	out_release(&line);
}

static void mc_add_host(struct mc *m, const char *name, const struct ip_addr *a4,
			const struct ip_addr *a6, const char *what)
{
	char buf[IP_STRLEN];

	mc_delete(m, "host", name);
	mc_begin(&m->adds, "add host");
	mc_kv(m, &m->adds, "name", name);
	if (a4) {
		ip_addr_format(a4, buf);
		mc_kv(m, &m->adds, "ipv4-address", buf);
	}
	if (a6) {
		ip_addr_format(a6, buf);
		mc_kv(m, &m->adds, "ipv6-address", buf);
	}
	mc_end_add(m, &m->adds, what);
}

/* A group of already added members (names in a "\n"-separated list). */
static void mc_add_group(struct mc *m, const char *type, const char *name,
			 const struct out *members, const char *what)
{
	const char *p = members->buf ? members->buf : "";
	size_t k = 0;

	mc_delete(m, type, name);
	mc_begin(&m->adds, "add ");
	out_puts(&m->adds, type);
	mc_kv(m, &m->adds, "name", name);
	while (*p) {
		const char *nl = strchr(p, '\n');
		char key[32];
		char *member = xstrdup(p);

		member[nl - p] = '\0';
		snprintf(key, sizeof(key), "members.%zu", ++k);
		mc_kv_obj(m, &m->adds, key, member);
		free(member);
		p = nl + 1;
	}
	mc_end_add(m, &m->adds, what);
}

/*
 * Host-like objects from a list of addresses: one host when there is at
 * most one address per family, else one host per address in a group.
 */
static void mc_addrs_object(struct mc *m, const char *name, const struct ip_addr *addrs,
			    size_t n, const char *what)
{
	const struct ip_addr *a4 = NULL, *a6 = NULL;
	size_t i, n4 = 0, n6 = 0;

	for (i = 0; i < n; i++) {
		if (addrs[i].family == IP_V4) {
			a4 = &addrs[i];
			n4++;
		} else {
			a6 = &addrs[i];
			n6++;
		}
	}
	if (n4 <= 1 && n6 <= 1) {
		mc_add_host(m, name, a4, a6, what);
	} else {
		struct out members = OUT_INIT, one = OUT_INIT;

		for (i = 0; i < n; i++) {
			out_reset(&one);
			out_printf(&one, "%s_a%zu", name, i + 1);
			mc_add_host(m, one.buf, addrs[i].family == IP_V4 ? &addrs[i] : NULL,
				    addrs[i].family == IP_V6 ? &addrs[i] : NULL, what);
			out_printf(&members, "%s\n", one.buf);
		}
		mc_add_group(m, "group", name, &members, what);
		out_release(&members);
		out_release(&one);
	}
}

/* Whether name is already in a "\n"-separated list. */
static bool mc_listed(const struct out *list, const char *name)
{
	const char *p = list->buf ? list->buf : "";
	size_t n = strlen(name);

	while (*p) {
		const char *nl = strchr(p, '\n');

		if ((size_t)(nl - p) == n && memcmp(p, name, n) == 0)
			return true;
		p = nl + 1;
	}
	return false;
}

/* The object for a prefix (network, or host for a full-length prefix); its name into *name. */
static void mc_prefix(struct mc *m, const struct ip_prefix *p, struct out *name)
{
	char text[IP_STRLEN], buf[IP_STRLEN];
	bool full = p->len == ip_family_bits(p->addr.family);

	ip_prefix_format(p, text);
	out_printf(name, "mgc_%s%c_", full ? "a" : "n", p->addr.family == IP_V4 ? '4' : '6');
	{
		/* the canonical text, '.' ':' '/' as '_': unique per prefix */
		const char *s;

		for (s = text; *s; s++)
			out_putc(name, (*s == '.' || *s == ':' || *s == '/') ? '_' : *s);
	}
	if (mc_listed(&m->pfx_done, name->buf))
		return;
	out_printf(&m->pfx_done, "%s\n", name->buf);
	if (full) {
		mc_add_host(m, name->buf, p->addr.family == IP_V4 ? &p->addr : NULL,
			    p->addr.family == IP_V6 ? &p->addr : NULL, text);
		return;
	}
	mc_delete(m, "network", name->buf);
	mc_begin(&m->adds, "add network");
	mc_kv(m, &m->adds, "name", name->buf);
	ip_addr_format(&p->addr, buf);
	mc_kv(m, &m->adds, "subnet", buf);
	snprintf(buf, sizeof(buf), "%u", (unsigned)p->len);
	mc_kv(m, &m->adds, "mask-length", buf);
	mc_end_add(m, &m->adds, text);
}

static void mc_ref(struct mc *m, const struct ir_ref *r, struct out *name);

/* The object for the firewall itself; "$MGC_GW" (a shell expansion) when it has no address. */
static void mc_self(struct mc *m, struct out *name)
{
	const struct ir_firewall *fw = m->fw;

	if (!fw->nr_addrs) {
		m->self_env = true;
		out_puts(name, MC_GW);
		return;
	}
	out_printf(name, "mgc_fw%zu_", fw->index);
	mc_sanitize(name, fw->name);
	if (m->self_done)
		return;
	m->self_done = true;
	{
		struct out what = OUT_INIT;

		out_printf(&what, "mgc: firewall %s", fw->name);
		mc_addrs_object(m, name->buf, fw->addrs, fw->nr_addrs, what.buf);
		out_release(&what);
	}
}

static void mc_zone(struct mc *m, const struct ir_zone *z, struct out *name)
{
	struct out members = OUT_INIT, one = OUT_INIT, what = OUT_INIT;
	size_t i;

	out_printf(name, "mgc_z%zu_", z->index);
	mc_sanitize(name, z->name);
	if (m->zone_done[z->index])
		return;
	m->zone_done[z->index] = true;
	/* the addresses the zone owns (nested zones excluded) */
	for (i = 0; i < z->nr_owned; i++) {
		out_reset(&one);
		mc_prefix(m, &z->owned[i], &one);
		out_printf(&members, "%s\n", one.buf);
	}
	out_printf(&what, "mgc: zone %s", z->name);
	mc_add_group(m, "group", name->buf, &members, what.buf);
	out_release(&members);
	out_release(&one);
	out_release(&what);
}

static void mc_host(struct mc *m, const struct ir_host *h, struct out *name)
{
	struct out what = OUT_INIT;

	out_printf(name, "mgc_h%zu_", h->index);
	mc_sanitize(name, h->name);
	if (m->host_done[h->index])
		return;
	m->host_done[h->index] = true;
	out_printf(&what, "mgc: host %s", h->name);
	mc_addrs_object(m, name->buf, h->addrs, h->nr_addrs, what.buf);
	out_release(&what);
}

static void mc_group(struct mc *m, const struct ir_group *g, struct out *name)
{
	const struct ir_model *model = m->ctx->model;
	size_t gi = (size_t)(g - model->groups), i;
	struct out members = OUT_INIT, one = OUT_INIT, what = OUT_INIT;

	if (g->members.any) {
		out_puts(name, "Any");
		return;
	}
	out_printf(name, "mgc_g%zu_", gi);
	mc_sanitize(name, g->name);
	if (m->group_done[gi])
		return;
	m->group_done[gi] = true;
	for (i = 0; i < g->members.nr_refs; i++) {
		out_reset(&one);
		mc_ref(m, &g->members.refs[i], &one);
		out_printf(&members, "%s\n", one.buf);
	}
	out_printf(&what, "mgc: group %s", g->name);
	mc_add_group(m, "group", name->buf, &members, what.buf);
	out_release(&members);
	out_release(&one);
	out_release(&what);
}

/* The object name for a ref, adding the object on first use. */
static void mc_ref(struct mc *m, const struct ir_ref *r, struct out *name)
{
	switch (r->kind) {
	case REF_ANY:
		out_puts(name, "Any");
		break;
	case REF_SELF:
		mc_self(m, name);
		break;
	case REF_ZONE:
		mc_zone(m, r->zone, name);
		break;
	case REF_HOST:
		mc_host(m, r->host, name);
		break;
	case REF_GROUP:
		mc_group(m, r->group, name);
		break;
	case REF_PREFIX:
		mc_prefix(m, &r->prefix, name);
		break;
	}
}

static void mc_port_text(char *buf, size_t n, const struct ir_port *p)
{
	if (p->lo == p->hi)
		snprintf(buf, n, "%u", (unsigned)p->lo);
	else
		snprintf(buf, n, "%u-%u", (unsigned)p->lo, (unsigned)p->hi);
}

static void mc_add_port(struct mc *m, const char *name, const struct ir_port *p, const char *what)
{
	char buf[16];
	const char *type = p->proto == IR_TCP ? "service-tcp" : "service-udp";

	mc_delete(m, type, name);
	mc_begin(&m->adds, "add ");
	out_puts(&m->adds, type);
	mc_kv(m, &m->adds, "name", name);
	mc_port_text(buf, sizeof(buf), p);
	mc_kv(m, &m->adds, "port", buf);
	mc_end_add(m, &m->adds, what);
}

static void mc_service(struct mc *m, const struct ir_svc_ref *s, struct out *name)
{
	const struct ir_model *model = m->ctx->model;
	struct out what = OUT_INIT;
	size_t si, i;

	if (!s->service) {
		/* a literal: its canonical text is the name */
		char buf[16];

		mc_port_text(buf, sizeof(buf), &s->port);
		out_printf(name, "mgc_s_%s_", ir_proto_name(s->port.proto));
		for (i = 0; buf[i]; i++)
			out_putc(name, buf[i] == '-' ? '_' : buf[i]);
		if (mc_listed(&m->pfx_done, name->buf))
			return;
		out_printf(&m->pfx_done, "%s\n", name->buf);
		out_printf(&what, "mgc: %s/%s", ir_proto_name(s->port.proto), buf);
		mc_add_port(m, name->buf, &s->port, what.buf);
		out_release(&what);
		return;
	}
	si = (size_t)(s->service - model->services);
	out_printf(name, "mgc_s%zu_", si);
	mc_sanitize(name, s->service->name);
	if (m->svc_done[si])
		return;
	m->svc_done[si] = true;
	out_printf(&what, "mgc: service %s", s->service->name);
	if (s->service->nr_ports == 1) {
		mc_add_port(m, name->buf, &s->service->ports[0], what.buf);
	} else {
		struct out members = OUT_INIT, one = OUT_INIT;

		for (i = 0; i < s->service->nr_ports; i++) {
			out_reset(&one);
			out_printf(&one, "%s_p%zu", name->buf, i + 1);
			mc_add_port(m, one.buf, &s->service->ports[i], what.buf);
			out_printf(&members, "%s\n", one.buf);
		}
		mc_add_group(m, "service-group", name->buf, &members, what.buf);
		out_release(&members);
		out_release(&one);
	}
	out_release(&what);
}

static const char *mc_action(enum ir_action a)
{
	switch (a) {
	case IR_ALLOW:
		return "Accept";
	case IR_DENY:
		return "Drop";
	case IR_REJECT:
		return "Reject";
	}
	BUG("unknown action %d", (int)a);
}

/* "key.N value" for each object of an endpoint ("$MGC_GW" unquoted: it is an expansion). */
static void mc_endpoint(struct mc *m, struct out *o, const char *key, const struct ir_endpoint *e)
{
	struct out name = OUT_INIT;
	char k[32];
	size_t i;

	if (!e->nr_refs || e->any) {
		out_printf(o, " %s.1 ", key);
		mc_word(m, o, "Any", SPAN_NONE);
		return;
	}
	for (i = 0; i < e->nr_refs; i++) {
		out_reset(&name);
		mc_ref(m, &e->refs[i], &name);
		snprintf(k, sizeof(k), "%s.%zu", key, i + 1);
		mc_kv_obj(m, o, k, name.buf);
	}
	out_release(&name);
}

static void mc_rule_head(struct mc *m, struct out *o, size_t n)
{
	struct out name = OUT_INIT;

	out_printf(&name, "%s_r%zu", m->section.buf, n);
	out_puts(o, "mgmt_cli add access-rule layer \"$MGC_LAYER\"");
	mc_kv(m, o, "position.bottom", m->section.buf);
	mc_kv(m, o, "name", name.buf);
	out_release(&name);
}

static void mc_rules(struct mc *m, struct out *o)
{
	const struct ir_firewall *fw = m->fw;
	const struct ir_content_security *cs = fw->content_security;
	struct out name = OUT_INIT, label = OUT_INIT;
	size_t i, k;

	for (i = 0; i < fw->nr_rules; i++) {
		const struct ir_rule *r = &fw->rules[i];

		mc_rule_head(m, o, i + 1);
		mc_endpoint(m, o, "source", &r->src);
		mc_endpoint(m, o, "destination", &r->dst);
		if (!r->nr_svcs) {
			mc_kv(m, o, "service.1", "Any");
		}
		for (k = 0; k < r->nr_svcs; k++) {
			char key[32];

			out_reset(&name);
			mc_service(m, &r->svcs[k], &name);
			snprintf(key, sizeof(key), "service.%zu", k + 1);
			mc_kv(m, o, key, name.buf);
		}
		mc_kv(m, o, "action", mc_action(r->action));
		mc_kv(m, o, "track.type", r->log ? "Log" : "None");
		out_puts(o, " comments ");
		if (r->comment && r->comment[0] == '-') {
			/* mgmt_cli might take it for one of its own options (-s, --batch) */
			diag_error(m->ctx->diag, DIAG_OUTPUT,
				   span_is_none(r->comment_at) ? r->at : r->comment_at,
				   "comment of rule %zu starts with '-', which mgmt_cli could read "
				   "as an option (reword the comment)", i + 1);
			m->failed = 1;
		} else if (r->comment) {
			mc_word(m, o, r->comment, span_is_none(r->comment_at) ? r->at : r->comment_at);
		} else {
			out_reset(&label);
			out_printf(&label, "mgc rule %zu", i + 1);
			mc_word(m, o, label.buf, r->at);
		}
		mc_end(o);
	}
	/* mgc's default deny, explicit: the section is the whole policy */
	mc_rule_head(m, o, fw->nr_rules + 1);
	mc_kv(m, o, "source.1", "Any");
	mc_kv(m, o, "destination.1", "Any");
	mc_kv(m, o, "service.1", "Any");
	mc_kv(m, o, "action", "Drop");
	mc_kv(m, o, "track.type", "None");
	mc_kv(m, o, "comments", "mgc: default deny (implicit in mgc)");
	mc_end(o);
	if (cs && cs->nr_protocols) {
		out_puts(o, "# Not set by this script (the Management API has no CVP resources): in\n"
			 "# SmartConsole, give the accept rules for these protocols a resource\n"
			 "# with CVP server ");
		out_comment_text(o, cs->product);
		out_puts(o, ":");
		for (k = 0; k < cs->nr_protocols; k++) {
			out_puts(o, k ? ", " : " ");
			out_comment_text(o, cs->protocols[k]);
		}
		out_puts(o, ".\n");
	}
	out_release(&name);
	out_release(&label);
}

static int mc_emit(const struct emit_ctx *ctx, struct out *out)
{
	const struct ir_model *model = ctx->model;
	struct mc m;
	struct out rules = OUT_INIT;

	if (!ctx->fw)
		BUG("mgmt-cli: no firewall selected");
	memset(&m, 0, sizeof(m));
	m.ctx = ctx;
	m.fw = ctx->fw;
	m.host_done = xcalloc(model->nr_hosts + 1, sizeof(bool));
	m.zone_done = xcalloc(model->nr_zones + 1, sizeof(bool));
	m.group_done = xcalloc(model->nr_groups + 1, sizeof(bool));
	m.svc_done = xcalloc(model->nr_services + 1, sizeof(bool));
	out_printf(&m.section, "mgc_f%zu_", m.fw->index);
	mc_sanitize(&m.section, m.fw->name);

	/* Rules first into their own buffer: they decide which objects exist. */
	mc_rules(&m, &rules);

	/* the #! line must be first; the mgc header follows it */
	out_puts(out, "#!/bin/bash\n");
	emit_header(out, COMMENT_HASH, ctx->source_name);
	out_puts(out, "# Check Point Management API script for firewall ");
	out_comment_text(out, m.fw->name);
	out_puts(out, " (mgmt_cli, R80.10 or later).\n"
		 "#   bash SCRIPT [mgmt_cli login options]   default: -r true (root, on the server)\n"
		 "#   MGC_CP_LAYER    the access layer (default: Network)\n");
	if (m.self_env)
		out_puts(out, "#   MGC_CP_GATEWAY  the gateway object of this firewall (required: the\n"
			 "#                   firewall declares no address for a host object)\n");
	out_printf(out, "# One session: published at the end, discarded on any error.  mgc's rules\n"
		   "# live in section %s, named %s_r1, _r2, ...; a run replaces them.\n"
		   "# Install the policy separately, after review.\n",
		   m.section.buf, m.section.buf);
	out_puts(out, "set -eu\n"
		 "if [ \"$#\" -eq 0 ]; then set -- -r true; fi\n"
		 "MGC_LAYER=${MGC_CP_LAYER:-Network}\n");
	if (m.self_env)
		out_puts(out, "MGC_GW=${MGC_CP_GATEWAY:?set MGC_CP_GATEWAY to the gateway object name}\n");
	out_puts(out, "MGC_SID=$(mktemp)\n"
		 "mgc_abort() {\n"
		 "\tmgmt_cli discard -s \"$MGC_SID\" >/dev/null 2>&1 || true\n"
		 "\tmgmt_cli logout -s \"$MGC_SID\" >/dev/null 2>&1 || true\n"
		 "\trm -f \"$MGC_SID\"\n"
		 "}\n"
		 "trap mgc_abort EXIT\n"
		 "trap 'exit 1' HUP INT TERM\n\n");
	mc_begin(out, "login \"$@\"");
	mc_kv(&m, out, "session-name", m.section.buf);
	out_puts(out, " >\"$MGC_SID\"\n\n");

	out_puts(out, "# Remove what an earlier run added (ignored when absent).\n"
		 "mgc_n=1\n"
		 "while mgmt_cli delete access-rule layer \"$MGC_LAYER\" name ");
	out_shell_word(out, m.section.buf);
	out_puts(out, "\"_r$mgc_n\" -s \"$MGC_SID\" >/dev/null 2>&1; do\n"
		 "\tmgc_n=$((mgc_n + 1))\n"
		 "done\n");
	out_write(out, m.dels.buf ? m.dels.buf : "", m.dels.len);

	out_puts(out, "\n# Objects.\n");
	out_write(out, m.adds.buf ? m.adds.buf : "", m.adds.len);

	out_puts(out, "\n# Rules, in policy order (first match wins).\n"
		 "if ! mgmt_cli show access-section layer \"$MGC_LAYER\" name ");
	out_shell_word(out, m.section.buf);
	out_puts(out, " -s \"$MGC_SID\" >/dev/null 2>&1; then\n\t");
	out_puts(out, "mgmt_cli add access-section layer \"$MGC_LAYER\" position top name ");
	out_shell_word(out, m.section.buf);
	out_puts(out, " -s \"$MGC_SID\"\nfi\n");
	out_write(out, rules.buf ? rules.buf : "", rules.len);

	out_puts(out, "\nmgmt_cli publish -s \"$MGC_SID\"\n"
		 "trap - EXIT\n"
		 "mgmt_cli logout -s \"$MGC_SID\"\n"
		 "rm -f \"$MGC_SID\"\n");

	out_release(&rules);
	out_release(&m.adds);
	out_release(&m.dels);
	out_release(&m.section);
	out_release(&m.pfx_done);
	free(m.host_done);
	free(m.zone_done);
	free(m.group_done);
	free(m.svc_done);
	return m.failed ? -1 : 0;
}

const struct backend backend_mgmtcli = {
	.name = "mgmt-cli",
	.summary = "Check Point Management API script (mgmt_cli) for one firewall",
	.device = DEVICE_FIREWALL,
	.emit = mc_emit,
};
