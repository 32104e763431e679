/*
 * Syntax tree to .mg and to YAML.  See astprint.h; the YAML schema is
 * doc/yaml.md, and compiler/yamlparse.c reads it back.
 */
#include "astprint.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <yaml.h>

#include "arena.h"
#include "ast.h"
#include "atomic.h"
#include "diag.h"
#include "emit.h"
#include "fmt.h"
#include "parse.h"
#include "source.h"
#include "util.h"
#include "yamlparse.h"

/* ---- .mg ---- */

static void mg_indent(struct out *o, int depth)
{
	int i;

	for (i = 0; i < depth; i++)
		out_putc(o, '\t');
}

/* A RAW word can be written '...' when it holds no quote and no control character. */
static int raw_printable(const char *s)
{
	for (; *s; s++)
		if (*s == '\'' || (unsigned char)*s < 0x20 || *s == 0x7f)
			return 0;
	return 1;
}

static void mg_string(struct out *o, const char *s)
{
	out_putc(o, '"');
	for (; *s; s++) {
		switch (*s) {
		case '"': out_puts(o, "\\\""); break;
		case '\\': out_puts(o, "\\\\"); break;
		case '\n': out_puts(o, "\\n"); break;
		case '\t': out_puts(o, "\\t"); break;
		default: out_putc(o, *s); break;
		}
	}
	out_putc(o, '"');
}

static void mg_word(struct out *o, const struct ast_word *w)
{
	switch (w->kind) {
	case WORD_NAME:
	case WORD_LITERAL:
		out_puts(o, w->text);
		break;
	case WORD_RAW:
		if (raw_printable(w->text)) {
			out_printf(o, "'%s'", w->text);
			break;
		}
		/* fall through */
	case WORD_STRING:
		mg_string(o, w->text);
		break;
	}
}

static void mg_words(struct out *o, const struct ast_word *w)
{
	for (; w; w = w->next) {
		mg_word(o, w);
		if (w->next)
			out_puts(o, ", ");
	}
}

static const char *proto_name(enum ast_proto p)
{
	return p == PROTO_UDP ? "udp" : "tcp";
}

static void mg_rule(struct out *o, const struct ast_rule *r)
{
	const struct ast_svc *s;

	out_printf(o, "%s ", ast_action_name(r->action));
	for (s = r->svcs; s; s = s->next) {
		if (s->name) {
			mg_word(o, s->name);
		} else {
			out_printf(o, "%s ", proto_name(s->proto));
			mg_words(o, s->ports);
		}
		if (s->next)
			out_puts(o, ", ");
	}
	out_puts(o, " from ");
	mg_words(o, r->from);
	out_puts(o, " to ");
	mg_words(o, r->to);
	if (r->log)
		out_puts(o, " log");
	if (r->comment) {
		out_puts(o, " comment ");
		mg_word(o, r->comment);
	}
}

static void mg_decls(struct out *o, const struct ast_decl *d, int depth);

static void mg_items(struct out *o, const struct ast_item *it, int depth)
{
	for (; it; it = it->next) {
		mg_indent(o, depth);
		switch (it->kind) {
		case ITEM_NETWORK: out_puts(o, "network "); mg_word(o, it->w1); break;
		case ITEM_ZONE: out_puts(o, "zone "); mg_word(o, it->w1); break;
		case ITEM_ADDRESS: out_puts(o, "address "); mg_word(o, it->w1); break;
		case ITEM_PLATFORM: out_puts(o, "platform "); mg_word(o, it->w1); break;
		case ITEM_MEMBER: mg_word(o, it->w1); break;
		case ITEM_KIND: out_puts(o, "kind "); mg_word(o, it->w1); break;
		case ITEM_VENDOR: out_puts(o, "vendor "); mg_word(o, it->w1); break;
		case ITEM_SMTP_PROXY: out_puts(o, "smtp-proxy "); mg_word(o, it->w1); break;
		case ITEM_MODE: out_puts(o, "mode "); mg_word(o, it->w1); break;
		case ITEM_NETBIOS: out_puts(o, "netbios "); mg_word(o, it->w1); break;
		case ITEM_TRUST: out_puts(o, "trust "); mg_word(o, it->w1); break;
		case ITEM_PHONEBOOK: out_puts(o, "phonebook "); mg_word(o, it->w1); break;
		case ITEM_INTERVAL: out_puts(o, "interval "); mg_word(o, it->w1); break;
		case ITEM_SMARTHOST: out_puts(o, "smarthost "); mg_word(o, it->w1); break;
		case ITEM_INTERFACE:
			out_puts(o, "interface ");
			mg_word(o, it->w1);
			out_puts(o, " zone ");
			mg_word(o, it->w2);
			break;
		case ITEM_CONTENT_SECURITY:
			if (!it->w1) {	/* the protocols line inside the block */
				out_puts(o, "protocols ");
				mg_words(o, it->list);
				break;
			}
			out_puts(o, "content-security ");
			mg_word(o, it->w1);
			out_puts(o, " {\n");
			mg_items(o, it->sub, depth + 1);
			mg_indent(o, depth);
			out_puts(o, "}\n");
			continue;
		case ITEM_RULE:
			mg_rule(o, it->rule);
			break;
		case ITEM_ROUTE:
			out_puts(o, "route ");
			mg_word(o, it->w1);
			out_puts(o, " -> ");
			mg_word(o, it->w2);
			if (it->w3) {
				out_puts(o, " port ");
				mg_word(o, it->w3);
			}
			break;
		case ITEM_DIALUP:
		case ITEM_LAN:
			out_puts(o, it->kind == ITEM_DIALUP ? "dialup {\n" : "lan {\n");
			mg_items(o, it->sub, depth + 1);
			mg_indent(o, depth);
			out_puts(o, "}\n");
			continue;
		case ITEM_APPLICATION:
		case ITEM_PROCESS:
			if (it->kind == ITEM_APPLICATION) {
				out_puts(o, "application ");
				mg_word(o, it->w1);
				out_putc(o, ' ');
				mg_word(o, it->w2);
			} else {
				out_puts(o, "process ");
				mg_word(o, it->w1);
			}
			out_puts(o, " {\n");
			mg_items(o, it->sub, depth + 1);
			mg_indent(o, depth);
			out_puts(o, "}\n");
			continue;
		case ITEM_APP_RULE:
			out_printf(o, "%s %s %s", ast_action_name(it->action), proto_name(it->proto),
				   it->dir == DIR_IN ? "in" : it->dir == DIR_BOTH ? "both" : "out");
			if (it->local_ports) {
				out_puts(o, " local-port ");
				mg_words(o, it->local_ports);
			}
			if (it->remote_ports) {
				out_puts(o, " remote-port ");
				mg_words(o, it->remote_ports);
			}
			if (it->remote_addrs) {
				out_puts(o, " remote-address ");
				mg_words(o, it->remote_addrs);
			}
			break;
		case ITEM_PERMIT:
			out_printf(o, "%s ", ast_action_name(it->action));
			mg_word(o, it->w1);
			break;
		}
		out_puts(o, ";\n");
	}
}

static void mg_params(struct out *o, const struct ast_param *p)
{
	for (; p; p = p->next) {
		if (p->name) {
			mg_word(o, p->name);
			if (p->value)
				out_puts(o, " = ");
		}
		if (p->value)
			mg_word(o, p->value);
		if (p->next)
			out_puts(o, ", ");
	}
}

static void mg_block(struct out *o, const struct ast_decl *d, int depth)
{
	out_puts(o, " {\n");
	mg_decls(o, d, depth + 1);
	mg_indent(o, depth);
	out_putc(o, '}');
}

static void mg_if(struct out *o, const struct ast_decl *d, int depth)
{
	out_puts(o, "if ");
	if (d->cond_op == COND_NOT)
		out_putc(o, '!');
	mg_word(o, d->name);
	if (d->cond_op == COND_EQ || d->cond_op == COND_NE) {
		out_puts(o, d->cond_op == COND_EQ ? " == " : " != ");
		mg_word(o, d->cond_value);
	}
	mg_block(o, d->body, depth);
	if (d->else_body) {
		if (d->else_body->kind == AST_IF && !d->else_body->next) {
			out_puts(o, " else ");
			mg_if(o, d->else_body, depth);
			return;
		}
		out_puts(o, " else");
		mg_block(o, d->else_body, depth);
	}
}

static void mg_decl(struct out *o, const struct ast_decl *d, int depth)
{
	const struct ast_svc *s;

	mg_indent(o, depth);
	switch (d->kind) {
	case AST_IMPORT:
		out_puts(o, "import ");
		if (d->w->kind == WORD_NAME || d->w->kind == WORD_LITERAL)
			mg_string(o, d->w->text);
		else
			mg_word(o, d->w);
		out_puts(o, ";\n");
		return;
	case AST_DOMAIN:
		out_puts(o, "domain ");
		mg_words(o, d->list);
		out_puts(o, ";\n");
		return;
	case AST_SERVICE:
		out_puts(o, "service ");
		mg_word(o, d->name);
		if (d->svcs && !d->svcs->next) {
			out_printf(o, " %s ", proto_name(d->svcs->proto));
			mg_words(o, d->svcs->ports);
			out_puts(o, ";\n");
			return;
		}
		out_puts(o, " {");
		for (s = d->svcs; s; s = s->next) {
			out_printf(o, " %s ", proto_name(s->proto));
			mg_words(o, s->ports);
			out_putc(o, ';');
		}
		out_puts(o, " }\n");
		return;
	case AST_ZONE:
	case AST_HOST:
	case AST_GROUP:
	case AST_FIREWALL:
	case AST_POLICY:
	case AST_RELAY:
		out_printf(o, "%s ", ast_kind_name(d->kind));
		mg_word(o, d->name);
		out_puts(o, " {\n");
		mg_items(o, d->items, depth + 1);
		mg_indent(o, depth);
		out_puts(o, "}\n");
		return;
	case AST_PROFILE:
		out_puts(o, "profile ");
		mg_word(o, d->name);
		out_puts(o, " for host ");
		mg_word(o, d->w);
		out_puts(o, " {\n");
		mg_items(o, d->items, depth + 1);
		mg_indent(o, depth);
		out_puts(o, "}\n");
		return;
	case AST_ASSERT:
		out_puts(o, "assert ");
		mg_word(o, d->name);
		out_putc(o, ' ');
		mg_rule(o, d->rule);
		out_puts(o, ";\n");
		return;
	case AST_TEMPLATE:
		out_puts(o, "template ");
		mg_word(o, d->name);
		out_putc(o, '(');
		mg_params(o, d->params);
		out_putc(o, ')');
		mg_block(o, d->body, depth);
		out_putc(o, '\n');
		return;
	case AST_USE:
		out_puts(o, "use ");
		mg_word(o, d->name);
		out_putc(o, '(');
		mg_params(o, d->params);
		out_puts(o, ");\n");
		return;
	case AST_IF:
		mg_if(o, d, depth);
		out_putc(o, '\n');
		return;
	case AST_ERROR:
		out_puts(o, "error ");
		mg_word(o, d->w);
		out_puts(o, ";\n");
		return;
	}
}

static void mg_decls(struct out *o, const struct ast_decl *d, int depth)
{
	for (; d; d = d->next) {
		mg_decl(o, d, depth);
		if (d->next && d->next->kind != d->kind && depth == 0)
			out_putc(o, '\n');
	}
}

void astprint_mg(const struct ast_decl *decls, struct out *out)
{
	mg_decls(out, decls, 0);
}

/* ---- YAML ---- */

enum ykey {
	K_IMPORT, K_DOMAINS, K_SERVICES, K_ZONES, K_HOSTS, K_GROUPS, K_FIREWALLS,
	K_POLICIES, K_RELAYS, K_PROFILES, K_ASSERTS, K_TEMPLATES, K_USE, K_IF, K_ERROR, K_NR
};

/* ORDER: as enum ast_kind. */
static const enum ykey kind_key[] = {
	K_IMPORT, K_DOMAINS, K_SERVICES, K_ZONES, K_HOSTS, K_GROUPS, K_FIREWALLS,
	K_POLICIES, K_RELAYS, K_PROFILES, K_ASSERTS, K_TEMPLATES, K_USE, K_IF, K_ERROR,
};

static const char *const key_names[] = {
	"import", "domains", "services", "zones", "hosts", "groups", "firewalls",
	"policies", "relays", "profiles", "asserts", "templates", "use", "if", "error",
};

struct yp {
	yaml_emitter_t em;
	int failed;
};

static int yp_write(void *data, unsigned char *buf, size_t size)
{
	out_write(data, (const char *)buf, size);
	return 1;
}

static void yp_emit(struct yp *p, yaml_event_t *e)
{
	if (p->failed) {
		yaml_event_delete(e);
		return;
	}
	if (!yaml_emitter_emit(&p->em, e))
		p->failed = 1;
}

static void yp_scalar(struct yp *p, const char *s, yaml_scalar_style_t style)
{
	yaml_event_t e;

	if (!yaml_scalar_event_initialize(&e, NULL, NULL, (yaml_char_t *)(uintptr_t)s,
					  (int)strlen(s), 1, 1, style))
		die("out of memory");
	yp_emit(p, &e);
}

static void yp_map(struct yp *p, int flow)
{
	yaml_event_t e;

	if (!yaml_mapping_start_event_initialize(&e, NULL, NULL, 1,
						 flow ? YAML_FLOW_MAPPING_STYLE
						      : YAML_BLOCK_MAPPING_STYLE))
		die("out of memory");
	yp_emit(p, &e);
}

static void yp_seq(struct yp *p, int flow)
{
	yaml_event_t e;

	if (!yaml_sequence_start_event_initialize(&e, NULL, NULL, 1,
						  flow ? YAML_FLOW_SEQUENCE_STYLE
						       : YAML_BLOCK_SEQUENCE_STYLE))
		die("out of memory");
	yp_emit(p, &e);
}

static void yp_map_end(struct yp *p)
{
	yaml_event_t e;

	yaml_mapping_end_event_initialize(&e);
	yp_emit(p, &e);
}

static void yp_seq_end(struct yp *p)
{
	yaml_event_t e;

	yaml_sequence_end_event_initialize(&e);
	yp_emit(p, &e);
}

/* Words other YAML readers would take for a boolean or null are quoted. */
static int yaml_special(const char *s)
{
	static const char *const words[] = {
		"", "~", "y", "n", "yes", "no", "true", "false", "on", "off", "null",
	};
	size_t i;

	for (i = 0; i < countof(words); i++)
		if (strcasecmp(s, words[i]) == 0)
			return 1;
	return 0;
}

/* A key, name or value: quoting does not change what it means. */
static void yp_plain(struct yp *p, const char *s)
{
	yp_scalar(p, s, yaml_special(s) ? YAML_SINGLE_QUOTED_SCALAR_STYLE
					: YAML_PLAIN_SCALAR_STYLE);
}

/* Free text: "double" is a string, 'single' a raw string, plain a parameter. */
static void yp_text(struct yp *p, const struct ast_word *w)
{
	switch (w->kind) {
	case WORD_NAME:
		yp_scalar(p, w->text, YAML_PLAIN_SCALAR_STYLE);
		break;
	case WORD_LITERAL:
	case WORD_STRING:
		yp_scalar(p, w->text, YAML_DOUBLE_QUOTED_SCALAR_STYLE);
		break;
	case WORD_RAW:
		yp_scalar(p, w->text, YAML_SINGLE_QUOTED_SCALAR_STYLE);
		break;
	}
}

static int word_shaped(const char *s)
{
	size_t i, n = strlen(s);

	if (n == 0)
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z') ||
		      (s[i] >= '0' && s[i] <= '9') || strchr("_*:./-", s[i])))
			return 0;
	return 1;
}

/* Defaults, arguments, `equals`: only "double" (or an unwordlike 'single') is a string. */
static void yp_any(struct yp *p, const struct ast_word *w)
{
	switch (w->kind) {
	case WORD_NAME:
	case WORD_LITERAL:
		yp_plain(p, w->text);
		break;
	case WORD_STRING:
		yp_scalar(p, w->text, YAML_DOUBLE_QUOTED_SCALAR_STYLE);
		break;
	case WORD_RAW:
		yp_scalar(p, w->text, word_shaped(w->text) ? YAML_DOUBLE_QUOTED_SCALAR_STYLE
							    : YAML_SINGLE_QUOTED_SCALAR_STYLE);
		break;
	}
}

static void yp_words(struct yp *p, const struct ast_word *w)
{
	yp_seq(p, 1);
	for (; w; w = w->next)
		yp_plain(p, w->text);
	yp_seq_end(p);
}

static void yp_key(struct yp *p, const char *k)
{
	yp_plain(p, k);
}

static void yp_rule(struct yp *p, const struct ast_rule *r)
{
	const struct ast_svc *s;

	yp_map(p, 1);
	yp_key(p, "action");
	yp_plain(p, ast_action_name(r->action));
	yp_key(p, "services");
	yp_seq(p, 1);
	for (s = r->svcs; s; s = s->next) {
		if (s->name) {
			yp_plain(p, s->name->text);
		} else {
			char *t = xasprintf("%s %s", proto_name(s->proto),
					    s->ports ? s->ports->text : "");

			yp_plain(p, t);
			free(t);
		}
	}
	yp_seq_end(p);
	yp_key(p, "from");
	yp_words(p, r->from);
	yp_key(p, "to");
	yp_words(p, r->to);
	if (r->log) {
		yp_key(p, "log");
		yp_scalar(p, "true", YAML_PLAIN_SCALAR_STYLE);
	}
	if (r->comment) {
		yp_key(p, "comment");
		yp_text(p, r->comment);
	}
	yp_map_end(p);
}

/* Is `d` the first declaration in [from, d) of its kind named like it? */
static int first_named(const struct ast_decl *from, const struct ast_decl *d)
{
	for (; from != d; from = from->next)
		if (from->kind == d->kind && from->name && d->name &&
		    strcmp(from->name->text, d->name->text) == 0)
			return 0;
	return 1;
}

static int same_name(const struct ast_decl *a, const struct ast_decl *b)
{
	return a->kind == b->kind && a->name && b->name && strcmp(a->name->text, b->name->text) == 0;
}

static void yp_decl_list(struct yp *p, const struct ast_decl *list);

static void yp_services(struct yp *p, const struct ast_decl *d)
{
	int protos[2] = { PROTO_TCP, PROTO_UDP }, order[2], n = 0, i;
	const struct ast_svc *s;

	for (s = d->svcs; s; s = s->next)
		for (i = 0; i < 2; i++)
			if ((int)s->proto == protos[i] && !(n > 0 && order[0] == i) &&
			    !(n > 1 && order[1] == i))
				order[n++] = i;
	yp_map(p, 0);
	for (i = 0; i < n; i++) {
		yp_key(p, proto_name((enum ast_proto)protos[order[i]]));
		yp_seq(p, 1);
		for (s = d->svcs; s; s = s->next) {
			const struct ast_word *w;

			if ((int)s->proto == protos[order[i]])
				for (w = s->ports; w; w = w->next)
					yp_plain(p, w->text);
		}
		yp_seq_end(p);
	}
	yp_map_end(p);
}

/* Items of kind `kind` in `it`, words w1 as one flow sequence. */
static void yp_item_words(struct yp *p, const struct ast_item *it, enum ast_item_kind kind)
{
	yp_seq(p, 1);
	for (; it; it = it->next)
		if (it->kind == kind && it->w1)
			yp_plain(p, it->w1->text);
	yp_seq_end(p);
}

static int count_items(const struct ast_item *it, enum ast_item_kind kind)
{
	int n = 0;

	for (; it; it = it->next)
		n += it->kind == kind;
	return n;
}

static const struct ast_item *find_item(const struct ast_item *it, enum ast_item_kind kind)
{
	for (; it; it = it->next)
		if (it->kind == kind)
			return it;
	return NULL;
}

static void yp_address(struct yp *p, const struct ast_item *items)
{
	yp_key(p, "address");
	if (count_items(items, ITEM_ADDRESS) == 1)
		yp_plain(p, find_item(items, ITEM_ADDRESS)->w1->text);
	else
		yp_item_words(p, items, ITEM_ADDRESS);
}

static void yp_host(struct yp *p, const struct ast_decl *d)
{
	const struct ast_item *it;
	int addr = 0;

	yp_map(p, 0);
	for (it = d->items; it; it = it->next) {
		if (it->kind == ITEM_ADDRESS) {
			if (!addr++)
				yp_address(p, d->items);
			continue;
		}
		yp_key(p, it->kind == ITEM_ZONE ? "zone" : "platform");
		yp_plain(p, it->w1->text);
	}
	yp_map_end(p);
}

static void yp_firewall(struct yp *p, const struct ast_decl *d)
{
	const struct ast_item *it, *j, *s;
	int addr = 0, ifs = 0, cs = 0;

	yp_map(p, 0);
	for (it = d->items; it; it = it->next) {
		switch (it->kind) {
		case ITEM_ADDRESS:
			if (!addr++)
				yp_address(p, d->items);
			break;
		case ITEM_INTERFACE:
			if (ifs++)
				break;
			yp_key(p, "interfaces");
			yp_map(p, 0);
			for (j = it; j; j = j->next)
				if (j->kind == ITEM_INTERFACE) {
					yp_plain(p, j->w1->text);
					yp_plain(p, j->w2->text);
				}
			yp_map_end(p);
			break;
		case ITEM_CONTENT_SECURITY:
			if (cs++)
				break;
			yp_key(p, "content-security");
			yp_map(p, 0);
			for (j = it; j; j = j->next) {
				if (j->kind != ITEM_CONTENT_SECURITY)
					continue;
				yp_plain(p, j->w1->text);
				yp_map(p, 0);
				if (j->sub) {
					const struct ast_word *w;

					yp_key(p, "protocols");
					yp_seq(p, 1);
					for (s = j->sub; s; s = s->next)
						for (w = s->list; w; w = w->next)
							yp_plain(p, w->text);
					yp_seq_end(p);
				}
				yp_map_end(p);
			}
			yp_map_end(p);
			break;
		default:
			yp_key(p, it->kind == ITEM_KIND ? "kind" :
				  it->kind == ITEM_VENDOR ? "vendor" : "smtp-proxy");
			yp_plain(p, it->w1->text);
			break;
		}
	}
	yp_map_end(p);
}

/* The rules of every policy (or assert) block for d's firewall in [d, end). */
static void yp_rules(struct yp *p, const struct ast_decl *d, const struct ast_decl *end)
{
	const struct ast_decl *e;
	const struct ast_item *it;

	yp_seq(p, 0);
	for (e = d; e != end; e = e->next) {
		if (!same_name(d, e))
			continue;
		if (e->kind == AST_ASSERT)
			yp_rule(p, e->rule);
		else
			for (it = e->items; it; it = it->next)
				yp_rule(p, it->rule);
	}
	yp_seq_end(p);
}

/* Routes first, then the dial-up settings (their relative order means nothing). */
static void yp_relay(struct yp *p, const struct ast_decl *d, const struct ast_decl *end)
{
	const struct ast_decl *e;
	const struct ast_item *it, *s;

	yp_map(p, 0);
	yp_key(p, "routes");
	yp_seq(p, 0);
	for (e = d; e != end; e = e->next) {
		if (!same_name(d, e))
			continue;
		for (it = e->items; it; it = it->next) {
			if (it->kind != ITEM_ROUTE)
				continue;
			yp_map(p, 1);
			yp_key(p, "domain");
			yp_plain(p, it->w1->text);
			yp_key(p, "to");
			yp_plain(p, it->w2->text);
			if (it->w3) {
				yp_key(p, "port");
				yp_plain(p, it->w3->text);
			}
			yp_map_end(p);
		}
	}
	yp_seq_end(p);
	for (e = d; e != end; e = e->next) {
		if (!same_name(d, e))
			continue;
		for (it = e->items; it; it = it->next) {
			if (it->kind != ITEM_DIALUP)
				continue;
			yp_key(p, "dialup");
			yp_map(p, 0);
			for (s = it->sub; s; s = s->next) {
				yp_key(p, s->kind == ITEM_PHONEBOOK ? "phonebook" :
					  s->kind == ITEM_INTERVAL ? "interval" : "smarthost");
				if (s->kind == ITEM_PHONEBOOK)
					yp_text(p, s->w1);
				else
					yp_plain(p, s->w1->text);
			}
			yp_map_end(p);
		}
	}
	yp_map_end(p);
}

static void yp_app_rule(struct yp *p, const struct ast_item *it)
{
	yp_map(p, 1);
	yp_key(p, "action");
	yp_plain(p, ast_action_name(it->action));
	yp_key(p, "protocol");
	yp_plain(p, proto_name(it->proto));
	yp_key(p, "direction");
	yp_plain(p, it->dir == DIR_IN ? "in" : it->dir == DIR_BOTH ? "both" : "out");
	if (it->local_ports) {
		yp_key(p, "local-port");
		yp_words(p, it->local_ports);
	}
	if (it->remote_ports) {
		yp_key(p, "remote-port");
		yp_words(p, it->remote_ports);
	}
	if (it->remote_addrs) {
		yp_key(p, "remote-address");
		yp_words(p, it->remote_addrs);
	}
	yp_map_end(p);
}

static void yp_profile(struct yp *p, const struct ast_decl *d)
{
	static const char *const permits[] = { "allow", "deny", "reject" };
	const struct ast_item *it, *j, *s;
	int lan = 0, apps = 0, procs = 0, a;

	yp_map(p, 0);
	yp_key(p, "host");
	yp_plain(p, d->w->text);
	for (it = d->items; it; it = it->next) {
		switch (it->kind) {
		case ITEM_MODE:
			yp_key(p, "mode");
			yp_plain(p, it->w1->text);
			break;
		case ITEM_LAN:
			if (lan++)
				break;
			yp_key(p, "lan");
			yp_map(p, 0);
			for (a = 0; a < 2; a++) {
				enum ast_item_kind k = a ? ITEM_TRUST : ITEM_NETBIOS;
				int n = 0;

				for (j = it; j; j = j->next)
					if (j->kind == ITEM_LAN)
						n += count_items(j->sub, k);
				if (!n)
					continue;
				yp_key(p, a ? "trust" : "netbios");
				yp_seq(p, 1);
				for (j = it; j; j = j->next)
					if (j->kind == ITEM_LAN)
						for (s = j->sub; s; s = s->next)
							if (s->kind == k)
								yp_plain(p, s->w1->text);
				yp_seq_end(p);
			}
			yp_map_end(p);
			break;
		case ITEM_APPLICATION:
			if (apps++)
				break;
			yp_key(p, "applications");
			yp_seq(p, 0);
			for (j = it; j; j = j->next) {
				if (j->kind != ITEM_APPLICATION)
					continue;
				yp_map(p, 0);
				yp_key(p, "name");
				yp_plain(p, j->w1->text);
				yp_key(p, "path");
				yp_text(p, j->w2);
				yp_key(p, "rules");
				yp_seq(p, 0);
				for (s = j->sub; s; s = s->next)
					yp_app_rule(p, s);
				yp_seq_end(p);
				yp_map_end(p);
			}
			yp_seq_end(p);
			break;
		case ITEM_PROCESS:
			if (procs++)
				break;
			yp_key(p, "processes");
			yp_seq(p, 0);
			for (j = it; j; j = j->next) {
				if (j->kind != ITEM_PROCESS)
					continue;
				yp_map(p, 0);
				yp_key(p, "path");
				yp_text(p, j->w1);
				for (a = 0; a < 3; a++) {
					int n = 0;

					for (s = j->sub; s; s = s->next)
						n += (int)s->action == a;
					if (!n)
						continue;
					yp_key(p, permits[a]);
					yp_seq(p, 1);
					for (s = j->sub; s; s = s->next)
						if ((int)s->action == a)
							yp_plain(p, s->w1->text);
					yp_seq_end(p);
				}
				yp_map_end(p);
			}
			yp_seq_end(p);
			break;
		default:
			break;
		}
	}
	yp_map_end(p);
}

static void yp_params(struct yp *p, const struct ast_param *a)
{
	yp_seq(p, 1);
	for (; a; a = a->next) {
		if (a->name && a->value) {
			yp_map(p, 1);
			yp_plain(p, a->name->text);
			yp_any(p, a->value);
			yp_map_end(p);
		} else if (a->name) {
			yp_plain(p, a->name->text);
		} else if (a->value) {
			yp_any(p, a->value);
		}
	}
	yp_seq_end(p);
}

static void yp_if(struct yp *p, const struct ast_decl *d)
{
	yp_map(p, 0);
	yp_key(p, "param");
	yp_plain(p, d->name->text);
	if (d->cond_op == COND_NOT) {
		yp_key(p, "negate");
		yp_scalar(p, "true", YAML_PLAIN_SCALAR_STYLE);
	} else if (d->cond_op == COND_EQ || d->cond_op == COND_NE) {
		yp_key(p, d->cond_op == COND_EQ ? "equals" : "not-equals");
		yp_any(p, d->cond_value);
	}
	yp_key(p, "then");
	yp_decl_list(p, d->body);
	if (d->else_body) {
		yp_key(p, "else");
		yp_decl_list(p, d->else_body);
	}
	yp_map_end(p);
}

/* One key's value for the declarations of that key in [from, end). */
static void yp_section(struct yp *p, enum ykey k, const struct ast_decl *from,
		       const struct ast_decl *end)
{
	const struct ast_decl *d;
	const struct ast_word *w;

	switch (k) {
	case K_ERROR:
		for (d = from; d != end; d = d->next)
			if (d->kind == AST_ERROR) {
				yp_text(p, d->w);
				return;
			}
		BUG("no error declaration in the chunk");
	case K_IMPORT:
	case K_DOMAINS:
	case K_USE:
	case K_IF:
		yp_seq(p, k == K_DOMAINS);
		break;
	default:
		yp_map(p, 0);
		break;
	}
	for (d = from; d != end; d = d->next) {
		if (kind_key[d->kind] != k)
			continue;
		switch (k) {
		case K_IMPORT:
			yp_plain(p, d->w->text);
			continue;
		case K_DOMAINS:
			for (w = d->list; w; w = w->next)
				yp_plain(p, w->text);
			continue;
		case K_USE:
			yp_map(p, 1);
			yp_key(p, "template");
			yp_plain(p, d->name->text);
			if (d->params) {
				yp_key(p, "args");
				yp_params(p, d->params);
			}
			yp_map_end(p);
			continue;
		case K_IF:
			yp_if(p, d);
			continue;
		default:
			break;
		}
		if (!first_named(from, d))
			continue;	/* merged into the first block of that name */
		yp_plain(p, d->name->text);
		switch (k) {
		case K_SERVICES:
			yp_services(p, d);
			break;
		case K_ZONES:
			yp_map(p, 0);
			yp_key(p, "networks");
			yp_item_words(p, d->items, ITEM_NETWORK);
			yp_map_end(p);
			break;
		case K_HOSTS:
			yp_host(p, d);
			break;
		case K_GROUPS:
			yp_item_words(p, d->items, ITEM_MEMBER);
			break;
		case K_FIREWALLS:
			yp_firewall(p, d);
			break;
		case K_POLICIES:
		case K_ASSERTS:
			yp_rules(p, d, end);
			break;
		case K_RELAYS:
			yp_relay(p, d, end);
			break;
		case K_PROFILES:
			yp_profile(p, d);
			break;
		case K_TEMPLATES:
			yp_map(p, 0);
			yp_key(p, "params");
			yp_params(p, d->params);
			yp_key(p, "body");
			yp_decl_list(p, d->body);
			yp_map_end(p);
			break;
		default:
			break;
		}
	}
	if (k == K_IMPORT || k == K_DOMAINS || k == K_USE || k == K_IF)
		yp_seq_end(p);
	else
		yp_map_end(p);
}

static int sensitive(enum ykey k)
{
	return k == K_POLICIES || k == K_RELAYS || k == K_USE || k == K_IF;
}

static int has_dialup(const struct ast_decl *d)
{
	return d->kind == AST_RELAY && find_item(d->items, ITEM_DIALUP) != NULL;
}

/*
 * Where the next chunk must start: a YAML mapping groups declarations
 * by key, which is harmless except for the order of policy and relay
 * blocks relative to `use` and `if` (and two dial-up blocks of one
 * relay, which one mapping cannot hold).
 */
static const struct ast_decl *chunk_end(const struct ast_decl *from)
{
	const struct ast_decl *d, *e;
	unsigned seen = 0;
	int last = -1;

	for (d = from; d; d = d->next) {
		enum ykey k = kind_key[d->kind];

		if (sensitive(k) && (seen & (1u << k)) && last != (int)k)
			return d;
		if (k == K_ERROR && (seen & (1u << k)))
			return d;	/* one message per mapping */
		if (has_dialup(d))
			for (e = from; e != d; e = e->next)
				if (same_name(d, e) && has_dialup(e))
					return d;
		seen |= 1u << k;
		if (sensitive(k))
			last = (int)k;
	}
	return NULL;
}

static void yp_chunk(struct yp *p, const struct ast_decl *from, const struct ast_decl *end)
{
	const struct ast_decl *d;
	unsigned done = 0;

	yp_map(p, 0);
	for (d = from; d != end; d = d->next) {
		enum ykey k = kind_key[d->kind];

		if (done & (1u << k))
			continue;
		done |= 1u << k;
		yp_key(p, key_names[k]);
		yp_section(p, k, from, end);
	}
	yp_map_end(p);
}

static void yp_decl_list(struct yp *p, const struct ast_decl *list)
{
	const struct ast_decl *end = list ? chunk_end(list) : NULL;

	if (!list) {
		yp_map(p, 1);
		yp_map_end(p);
		return;
	}
	if (!end) {
		yp_chunk(p, list, NULL);
		return;
	}
	yp_seq(p, 0);
	while (list) {
		yp_chunk(p, list, end);
		list = end;
		end = list ? chunk_end(list) : NULL;
	}
	yp_seq_end(p);
}

int astprint_yaml(const struct ast_decl *decls, struct out *out)
{
	struct yp p;
	yaml_event_t e;

	memset(&p, 0, sizeof(p));
	if (!yaml_emitter_initialize(&p.em))
		die("out of memory");
	yaml_emitter_set_output(&p.em, yp_write, out);
	yaml_emitter_set_unicode(&p.em, 1);
	yaml_emitter_set_width(&p.em, -1);
	yaml_emitter_set_indent(&p.em, 2);
	yaml_stream_start_event_initialize(&e, YAML_UTF8_ENCODING);
	yp_emit(&p, &e);
	yaml_document_start_event_initialize(&e, NULL, NULL, NULL, 1);
	yp_emit(&p, &e);
	yp_decl_list(&p, decls);
	yaml_document_end_event_initialize(&e, 1);
	yp_emit(&p, &e);
	yaml_stream_end_event_initialize(&e);
	yp_emit(&p, &e);
	if (!p.failed && !yaml_emitter_flush(&p.em))
		p.failed = 1;
	yaml_emitter_delete(&p.em);
	return p.failed ? -1 : 0;
}

/* ---- mgc fmt --to ---- */

static int is_yaml_path(const char *path)
{
	size_t n = strlen(path);

	return (n > 5 && strcmp(path + n - 5, ".yaml") == 0) ||
	       (n > 4 && strcmp(path + n - 4, ".yml") == 0);
}

static char *converted_name(const char *path, const char *ext)
{
	const char *slash = strrchr(path, '/');
	const char *dot = strrchr(slash ? slash + 1 : path, '.');
	size_t stem = dot && dot != (slash ? slash + 1 : path) ? (size_t)(dot - path)
							       : strlen(path);

	return xasprintf("%.*s.%s", (int)stem, path, ext);
}

int fmt_convert(const char *path, const char *to, int write)
{
	struct source_table src = SOURCE_TABLE_INIT;
	struct arena arena = ARENA_INIT;
	struct diag_sink diag;
	struct parse_ctx pc;
	struct out out = OUT_INIT, text = OUT_INIT;
	const struct source_file *sf;
	int to_yaml, rc = EXIT_OK;
	uint32_t id;

	if (strcmp(to, "yaml") == 0) {
		to_yaml = 1;
	} else if (strcmp(to, "mg") == 0) {
		to_yaml = 0;
	} else {
		fprintf(stderr, "mgc fmt: unknown format '%s' for --to (use 'yaml' or 'mg')\n",
			to);
		return EXIT_USAGE;
	}
	id = source_read(&src, path, 0);
	if (!id) {
		fprintf(stderr, "mgc fmt: cannot read '%s': %s\n", path, strerror(errno));
		source_release(&src);
		return EXIT_USAGE;
	}
	sf = source_get(&src, id);
	diag_init(&diag, &src);
	memset(&pc, 0, sizeof(pc));
	pc.arena = &arena;
	pc.diag = &diag;
	pc.file = id;
	pc.text = sf->text;
	pc.len = sf->len;
	if (is_yaml_path(path))
		yaml_parse(&pc);
	else
		parse_source(&pc);
	if (diag.nr_errors) {
		diag_sort(&diag);
		diag_render_text(&diag, stderr);
		fprintf(stderr, "mgc: not converting '%s': fix the syntax errors first\n", path);
		rc = EXIT_ERRORS;
		goto done;
	}
	if (to_yaml) {
		if (astprint_yaml(pc.decls, &out) < 0) {
			fprintf(stderr, "mgc fmt: '%s' cannot be written as YAML\n", path);
			rc = EXIT_ERRORS;
			goto done;
		}
	} else {
		astprint_mg(pc.decls, &text);
		fmt_text(text.buf ? text.buf : "", text.len, &out);
	}
	if (write) {
		char *dest = converted_name(path, to_yaml ? "yaml" : "mg");

		if (strcmp(dest, path) == 0) {
			fprintf(stderr, "mgc fmt: '%s' is already %s (use 'mgc fmt -w' to "
				"reformat it)\n", path, to);
			rc = EXIT_USAGE;
		} else if (write_atomic(dest, out.buf ? out.buf : "", out.len) < 0) {
			rc = EXIT_USAGE;
		}
		free(dest);
	} else if (out.len) {
		fwrite(out.buf, 1, out.len, stdout);
	}
done:
	out_release(&text);
	out_release(&out);
	diag_release(&diag);
	arena_release(&arena);
	source_release(&src);
	return rc;
}
