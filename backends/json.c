/*
 * The `json` target: the checked model, versioned (doc/json.md).  Built
 * with Jansson objects (keys in insertion order), dumped with two-space
 * indentation; no timestamps, so the output is byte-for-byte stable.
 * JSON has no comments: the "mgc" object that opens the document plays
 * the part of the header line other targets have.
 */
#include "backend.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

struct jctx {
	const struct emit_ctx *e;
	int failed;
};

static json_t *jstr(struct jctx *j, const char *s)
{
	json_t *v;

	if (!s)
		return json_null();
	v = json_string(s);
	if (!v)
		j->failed = 1;	/* not UTF-8: cannot happen after the lexer's check */
	return v;
}

static void set(json_t *o, const char *k, json_t *v)
{
	json_object_set_new(o, k, v ? v : json_null());
}

/* "file:line" of a span in a user file; NULL (no key) for the stdlib. */
static json_t *jloc(struct jctx *j, struct span at)
{
	const struct source_table *src = j->e->diag->src;
	const struct source_file *f;
	struct source_pos p;

	if (span_is_none(at) || !src)
		return NULL;
	f = source_get(src, at.file);
	if (!f || f->is_stdlib)
		return NULL;
	p = source_locate(src, at.file, at.begin);
	return json_pack("{s:s, s:i, s:i}", "file", f->name, "line", (json_int_t)p.line,
			 "column", (json_int_t)p.col_cp);
}

static void set_loc(struct jctx *j, json_t *o, struct span at)
{
	json_t *l = jloc(j, at);

	if (l)
		json_object_set_new(o, "location", l);
}

static json_t *jprefix(const struct ip_prefix *p)
{
	char buf[IP_STRLEN];

	ip_prefix_format(p, buf);
	return json_string(buf);
}

static json_t *jaddr(const struct ip_addr *a)
{
	char buf[IP_STRLEN];

	ip_addr_format(a, buf);
	return json_string(buf);
}

static json_t *jports(const struct ir_port *p, size_t n)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:s, s:i, s:i}", "proto", ir_proto_name(p[i].proto),
						   "from", (json_int_t)p[i].lo, "to", (json_int_t)p[i].hi));
	return a;
}

static const char *ref_kind_name(enum ir_ref_kind k)
{
	switch (k) {
	case REF_ANY: return "any";
	case REF_SELF: return "self";
	case REF_ZONE: return "zone";
	case REF_HOST: return "host";
	case REF_GROUP: return "group";
	case REF_PREFIX: return "prefix";
	}
	return "?";
}

static json_t *jendpoint(struct jctx *j, const struct ir_endpoint *e)
{
	json_t *o = json_object(), *refs = json_array(), *places = json_array();
	size_t i, k;

	for (i = 0; i < e->nr_refs; i++) {
		const struct ir_ref *r = &e->refs[i];
		json_t *jr = json_object();

		set(jr, "kind", json_string(ref_kind_name(r->kind)));
		if (r->kind == REF_PREFIX)
			set(jr, "prefix", jprefix(&r->prefix));
		else if (r->kind != REF_ANY && r->kind != REF_SELF)
			set(jr, "name", jstr(j, r->text));
		json_array_append_new(refs, jr);
	}
	for (i = 0; i < e->nr_places; i++) {
		const struct ir_place *p = &e->places[i];
		json_t *jp = json_object();

		set(jp, "zone", p->zone ? jstr(j, p->zone->name) : json_null());
		if (!p->zone)
			set(jp, "self", json_true());
		set(jp, "whole", json_boolean(p->whole));
		if (!p->whole) {
			json_t *pf = json_array();

			for (k = 0; k < p->nr_pfx; k++)
				json_array_append_new(pf, jprefix(&p->pfx[k]));
			set(jp, "prefixes", pf);
		}
		json_array_append_new(places, jp);
	}
	set(o, "refs", refs);
	set(o, "places", places);
	return o;
}

static json_t *jsvcrefs(struct jctx *j, const struct ir_svc_ref *s, size_t n)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i].service) {
			json_array_append_new(a, json_pack("{s:o}", "service", jstr(j, s[i].service->name)));
		} else {
			json_array_append_new(a, json_pack("{s:s, s:i, s:i}", "proto",
							   ir_proto_name(s[i].port.proto),
							   "from", (json_int_t)s[i].port.lo,
							   "to", (json_int_t)s[i].port.hi));
		}
	}
	return a;
}

static json_t *jservices(struct jctx *j, const struct ir_model *m)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < m->nr_services; i++) {
		const struct ir_service *s = &m->services[i];
		json_t *o = json_object();

		set(o, "name", jstr(j, s->name));
		set(o, "ports", jports(s->ports, s->nr_ports));
		set(o, "stdlib", json_boolean(s->from_stdlib));
		set_loc(j, o, s->at);
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *jzones(struct jctx *j, const struct ir_model *m)
{
	json_t *a = json_array();
	size_t i, k;

	for (i = 0; i < m->nr_zones; i++) {
		const struct ir_zone *z = &m->zones[i];
		json_t *o = json_object(), *nets = json_array(), *owned = json_array();

		for (k = 0; k < z->nr_nets; k++)
			json_array_append_new(nets, jprefix(&z->nets[k]));
		for (k = 0; k < z->nr_owned; k++)
			json_array_append_new(owned, jprefix(&z->owned[k]));
		set(o, "name", jstr(j, z->name));
		set(o, "networks", nets);
		set(o, "parent", z->parent ? jstr(j, z->parent->name) : json_null());
		set(o, "owned", owned);
		set_loc(j, o, z->at);
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *jhosts(struct jctx *j, const struct ir_model *m)
{
	static const char *const plat[] = { "unspecified", "workstation", "server" };
	json_t *a = json_array();
	size_t i, k;

	for (i = 0; i < m->nr_hosts; i++) {
		const struct ir_host *h = &m->hosts[i];
		json_t *o = json_object(), *addrs = json_array();

		for (k = 0; k < h->nr_addrs; k++)
			json_array_append_new(addrs, jaddr(&h->addrs[k]));
		set(o, "name", jstr(j, h->name));
		set(o, "zone", h->zone ? jstr(j, h->zone->name) : json_null());
		set(o, "addresses", addrs);
		set(o, "platform", json_string(plat[h->platform]));
		set_loc(j, o, h->at);
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *jgroups(struct jctx *j, const struct ir_model *m)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < m->nr_groups; i++) {
		const struct ir_group *g = &m->groups[i];
		json_t *o = json_object();

		set(o, "name", jstr(j, g->name));
		set(o, "members", jendpoint(j, &g->members));
		set_loc(j, o, g->at);
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *jrule(struct jctx *j, const struct ir_rule *r)
{
	json_t *o = json_object();

	set(o, "number", json_integer((json_int_t)r->index + 1));
	set(o, "action", json_string(ir_action_name(r->action)));
	set(o, "services", jsvcrefs(j, r->svcs, r->nr_svcs));
	set(o, "match", jports(r->match, r->nr_match));
	set(o, "from", jendpoint(j, &r->src));
	set(o, "to", jendpoint(j, &r->dst));
	set(o, "log", json_boolean(r->log));
	set(o, "comment", jstr(j, r->comment));
	if (r->from_template)
		set(o, "template", jstr(j, r->from_template));
	set_loc(j, o, r->at);
	return o;
}

static json_t *jfirewalls(struct jctx *j, const struct ir_model *m)
{
	static const char *const proxy[] = { "unset", "on", "off" };
	json_t *a = json_array();
	size_t i, k, t;

	for (i = 0; i < m->nr_firewalls; i++) {
		const struct ir_firewall *fw = &m->firewalls[i];
		json_t *o = json_object(), *ifs = json_array(), *zones = json_array();
		json_t *rules = json_array(), *addrs = json_array();

		set(o, "name", jstr(j, fw->name));
		set(o, "kind", json_string(fw->kind == FW_PROXY ? "proxy" : "packet"));
		set(o, "vendor", jstr(j, fw->vendor));
		set(o, "smtp_proxy", json_string(proxy[fw->smtp_proxy]));
		if (fw->content_security) {
			json_t *cs = json_object(), *pr = json_array();

			for (k = 0; k < fw->content_security->nr_protocols; k++)
				json_array_append_new(pr, jstr(j, fw->content_security->protocols[k]));
			set(cs, "product", jstr(j, fw->content_security->product));
			set(cs, "protocols", pr);
			set(o, "content_security", cs);
		} else {
			set(o, "content_security", json_null());
		}
		for (k = 0; k < fw->nr_addrs; k++)
			json_array_append_new(addrs, jaddr(&fw->addrs[k]));
		set(o, "addresses", addrs);
		for (k = 0; k < fw->nr_ifaces; k++)
			json_array_append_new(ifs, json_pack("{s:o, s:o}",
				"name", jstr(j, fw->ifaces[k].name),
				"zone", jstr(j, fw->ifaces[k].zone->name)));
		set(o, "interfaces", ifs);
		for (k = 0; k < fw->nr_zones; k++) {
			json_t *zi = json_array();

			for (t = 0; t < fw->zones[k].nr_ifaces; t++)
				json_array_append_new(zi, jstr(j, fw->zones[k].ifaces[t]->name));
			json_array_append_new(zones, json_pack("{s:o, s:o, s:b}",
				"zone", jstr(j, fw->zones[k].zone->name), "interfaces", zi,
				"direct", fw->zones[k].direct));
		}
		set(o, "zones", zones);
		for (k = 0; k < fw->nr_rules; k++)
			json_array_append_new(rules, jrule(j, &fw->rules[k]));
		set(o, "rules", rules);
		set_loc(j, o, fw->at);
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *jrelays(struct jctx *j, const struct ir_model *m)
{
	json_t *a = json_array();
	size_t i, k;

	for (i = 0; i < m->nr_relays; i++) {
		const struct ir_relay *r = &m->relays[i];
		json_t *o = json_object(), *routes = json_array();

		set(o, "name", jstr(j, r->name));
		set(o, "on", json_string(r->host ? "host" : "firewall"));
		for (k = 0; k < r->nr_routes; k++) {
			const struct ir_route *rt = &r->routes[k];
			json_t *jr = json_object();

			set(jr, "number", json_integer((json_int_t)k + 1));
			set(jr, "pattern", jstr(j, rt->pattern));
			set(jr, "hop", json_string(ir_hop_kind_name(rt->hop)));
			if (rt->hop == HOP_HOST)
				set(jr, "host", jstr(j, rt->host->name));
			else if (rt->hop == HOP_FIREWALL)
				set(jr, "firewall", jstr(j, rt->fw->name));
			else if (rt->hop == HOP_EXTERNAL)
				set(jr, "name", jstr(j, rt->hop_name));
			set(jr, "port", json_integer(rt->port));
			set_loc(j, jr, rt->at);
			json_array_append_new(routes, jr);
		}
		set(o, "routes", routes);
		if (r->dialup) {
			json_t *du = json_object();

			set(du, "phonebook", jstr(j, r->dialup->phonebook));
			set(du, "interval_seconds", r->dialup->interval ?
			    json_integer(r->dialup->interval) : json_null());
			set(du, "smarthost", jstr(j, r->dialup->smarthost));
			set(o, "dialup", du);
		} else {
			set(o, "dialup", json_null());
		}
		set_loc(j, o, r->at);
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *jportrefs(struct jctx *j, const struct ir_port_ref *p, size_t n)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < n; i++) {
		json_t *o = json_pack("{s:i, s:i}", "from", (json_int_t)p[i].lo, "to", (json_int_t)p[i].hi);

		if (p[i].service)
			set(o, "service", jstr(j, p[i].service->name));
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *jprofiles(struct jctx *j, const struct ir_model *m)
{
	static const char *const modes[] = { "unset", "interactive", "non-interactive" };
	static const char *const dirs[] = { "in", "out", "both" };
	json_t *a = json_array();
	size_t i, k, t;

	for (i = 0; i < m->nr_profiles; i++) {
		const struct ir_profile *p = &m->profiles[i];
		json_t *o = json_object(), *lan = json_array(), *apps = json_array();
		json_t *procs = json_array();

		set(o, "name", jstr(j, p->name));
		set(o, "host", p->host ? jstr(j, p->host->name) : json_null());
		set(o, "mode", json_string(modes[p->mode]));
		for (k = 0; k < p->nr_lan; k++)
			json_array_append_new(lan, json_pack("{s:s, s:o, s:b}",
				"kind", p->lan[k].kind == LAN_NETBIOS ? "netbios" : "trust",
				"prefix", jprefix(&p->lan[k].prefix),
				"mask_notation", p->lan[k].mask_notation));
		set(o, "lan", lan);
		for (k = 0; k < p->nr_apps; k++) {
			const struct ir_application *ap = &p->apps[k];
			json_t *ja = json_object(), *rules = json_array();

			set(ja, "name", jstr(j, ap->name));
			set(ja, "path", jstr(j, ap->path));
			for (t = 0; t < ap->nr_rules; t++) {
				const struct ir_app_rule *r = &ap->rules[t];
				json_t *jr = json_object(), *ra = json_array();
				size_t q;

				set(jr, "action", json_string(ir_action_name(r->action)));
				set(jr, "proto", json_string(ir_proto_name(r->proto)));
				set(jr, "direction", json_string(dirs[r->dir]));
				set(jr, "local_ports", jportrefs(j, r->local, r->nr_local));
				set(jr, "remote_ports", jportrefs(j, r->remote, r->nr_remote));
				for (q = 0; q < r->nr_remote_addrs; q++)
					json_array_append_new(ra, jprefix(&r->remote_addrs[q]));
				set(jr, "remote_addresses", ra);
				json_array_append_new(rules, jr);
			}
			set(ja, "rules", rules);
			json_array_append_new(apps, ja);
		}
		set(o, "applications", apps);
		for (k = 0; k < p->nr_procs; k++)
			json_array_append_new(procs, json_pack("{s:o, s:b, s:b}",
				"path", jstr(j, p->procs[k].path),
				"hidden_launch", p->procs[k].hidden_launch,
				"raw_sockets", p->procs[k].raw_sockets));
		set(o, "processes", procs);
		set_loc(j, o, p->at);
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *jasserts(struct jctx *j, const struct ir_model *m)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < m->nr_asserts; i++) {
		const struct ir_assert *as = &m->asserts[i];
		json_t *o = json_object();

		set(o, "firewall", jstr(j, as->fw->name));
		set(o, "action", json_string(as->action == IR_ALLOW ? "allow" : "deny"));
		set(o, "services", jsvcrefs(j, as->svcs, as->nr_svcs));
		set(o, "match", jports(as->match, as->nr_match));
		set(o, "from", jendpoint(j, &as->src));
		set(o, "to", jendpoint(j, &as->dst));
		if (as->from_template)
			set(o, "template", jstr(j, as->from_template));
		set_loc(j, o, as->at);
		json_array_append_new(a, o);
	}
	return a;
}

static int json_emit(const struct emit_ctx *e, struct out *out)
{
	const struct ir_model *m = e->model;
	struct jctx j = { e, 0 };
	json_t *root = json_object(), *dom = json_array();
	char *text;
	size_t i;

	set(root, "mgc", json_pack("{s:s, s:i, s:o}", "version", MGC_VERSION,
				   "schema", (json_int_t)IR_SCHEMA_VERSION,
				   "source", jstr(&j, e->source_name)));
	for (i = 0; i < m->nr_domains; i++)
		json_array_append_new(dom, jstr(&j, m->domains[i].name));
	set(root, "domains", dom);
	set(root, "services", jservices(&j, m));
	set(root, "zones", jzones(&j, m));
	set(root, "hosts", jhosts(&j, m));
	set(root, "groups", jgroups(&j, m));
	set(root, "firewalls", jfirewalls(&j, m));
	set(root, "relays", jrelays(&j, m));
	set(root, "profiles", jprofiles(&j, m));
	set(root, "asserts", jasserts(&j, m));
	set(root, "diagnostics", diag_to_json(e->diag));
	text = j.failed ? NULL : json_dumps(root, JSON_INDENT(2));
	json_decref(root);
	if (!text) {
		diag_error(e->diag, DIAG_OUTPUT, SPAN_NONE, "cannot build the JSON model");
		return -1;
	}
	out_puts(out, text);
	out_putc(out, '\n');
	free(text);
	return 0;
}

const struct backend backend_json = {
	.name = "json",
	.summary = "the checked model as JSON (zones, hosts, rules, routes, profiles, diagnostics)",
	.device = DEVICE_NONE,
	.formats = NULL,
	.emit = json_emit,
};
