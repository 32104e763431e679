/*
 * Resolution, checks and lowering to the IR.  See lower.h.
 *
 * Passes, in order: declare every name; services; zones (networks,
 * overlap and nesting, owned addresses); hosts; firewalls; groups;
 * policies; relays; profiles; asserts.  Each pass records problems and
 * goes on, so one run reports as much as it can; a declaration whose
 * dependencies failed is skipped quietly rather than reported twice.
 */
#include "lower.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "addrset.h"
#include "arena.h"
#include "ast.h"
#include "diag.h"
#include "ir.h"
#include "lit.h"
#include "symtab.h"
#include "util.h"
#include "vec.h"

enum { SYM_KINDS_OBJ = (1u << AST_ZONE) | (1u << AST_HOST) | (1u << AST_GROUP) | (1u << AST_FIREWALL) };

struct zone_info {
	struct addrset nets;	/* union of its networks */
	struct addrset owned;
	bool ok;
};

struct group_info {
	int state;		/* 0 new, 1 resolving, 2 done */
	const struct ast_decl *decl;
};

struct lower {
	struct arena *a;
	struct diag_sink *d;
	struct ir_model *m;
	struct symtab objs, svcs, profiles;
	const struct ast_decl *cur;	/* for "in template ... used here" notes */
	struct zone_info *zi;
	struct group_info *gi;
	/* Per-firewall rule vectors while policies append. */
	VEC(struct ir_rule) *fw_rules;
	VEC(struct ir_route) *relay_routes;
};

MG_PRINTF(4, 5)
static struct diag *err(struct lower *l, enum diag_code code, struct span at, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	struct diag *dg;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	dg = diag_error(l->d, code, at, "%s", buf);
	if (l->cur && l->cur->from_template)
		diag_note(dg, l->cur->use_at, "in template '%s' used here", l->cur->from_template);
	return dg;
}

MG_PRINTF(4, 5)
static struct diag *warn(struct lower *l, enum diag_code code, struct span at, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	struct diag *dg;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	dg = diag_warning(l->d, code, at, "%s", buf);
	if (l->cur && l->cur->from_template)
		diag_note(dg, l->cur->use_at, "in template '%s' used here", l->cur->from_template);
	return dg;
}

/* A span inside a word: the bytes [off, off+len) of its text. */
static struct span sub_span(const struct ast_word *w, size_t off, size_t len)
{
	struct span s = w->at;

	/* Only literals map 1:1 from text to source bytes. */
	if (w->kind != WORD_LITERAL && w->kind != WORD_NAME)
		return s;
	if (off > s.end - s.begin)
		return s;
	s.begin += (uint32_t)off;
	if (len == 0)
		len = 1;
	if (s.begin + len < s.end)
		s.end = s.begin + (uint32_t)len;
	return s;
}

static const char *kind_article(int kind)
{
	switch (kind) {
	case AST_ZONE: return "a zone";
	case AST_HOST: return "a host";
	case AST_GROUP: return "a group";
	case AST_FIREWALL: return "a firewall";
	default: return "something else";
	}
}

/*
 * Report an unknown name with a suggestion among `kinds` of table t.
 */
static void unknown(struct lower *l, const struct symtab *t, unsigned kinds, const char *what,
		    const struct ast_word *w)
{
	const char *sug = symtab_suggest(t, w->text, kinds);

	if (sug)
		err(l, DIAG_UNKNOWN_NAME, w->at, "unknown %s '%s' (did you mean '%s'?)", what,
		    w->text, sug);
	else
		err(l, DIAG_UNKNOWN_NAME, w->at, "unknown %s '%s'", what, w->text);
}

/* Look up a network object that must be of `kind`; NULL (reported) otherwise. */
static const struct sym *lookup_obj(struct lower *l, const struct ast_word *w, int kind,
				    const char *what)
{
	const struct sym *s;

	if (w->kind != WORD_NAME) {
		err(l, DIAG_WRONG_KIND, w->at, "expected the name of %s, not '%s'",
		    kind_article(kind), w->text);
		return NULL;
	}
	s = symtab_find(&l->objs, w->text);
	if (!s) {
		unknown(l, &l->objs, 1u << kind, what, w);
		return NULL;
	}
	if (s->kind != kind) {
		struct diag *dg = err(l, DIAG_WRONG_KIND, w->at, "'%s' is %s, not %s", w->text,
				      kind_article(s->kind), kind_article(kind));

		diag_note(dg, ((const struct ast_decl *)s->decl)->name->at, "'%s' is declared here",
			  w->text);
		return NULL;
	}
	return s;
}

/* ---- literals ---- */

static int parse_prefix(struct lower *l, const struct ast_word *w, struct ip_prefix *p,
			bool *mask, const char *what)
{
	struct lit_error e;

	if (w->kind == WORD_STRING || w->kind == WORD_RAW) {
		err(l, DIAG_BAD_ADDRESS, w->at, "%s must be written without quotes", what);
		return -1;
	}
	if (ip_parse_prefix(w->text, strlen(w->text), p, mask, &e)) {
		err(l, DIAG_BAD_ADDRESS, sub_span(w, e.off, e.len), "malformed %s '%s': %s", what,
		    w->text, e.msg);
		return -1;
	}
	if (ip_prefix_has_host_bits(p)) {
		struct ip_prefix net = ip_prefix_network(p);
		char buf[IP_STRLEN];

		ip_prefix_format(&net, buf);
		err(l, DIAG_HOST_BITS, w->at, "%s '%s' has host bits set (did you mean '%s'?)", what,
		    w->text, buf);
		return -1;
	}
	return 0;
}

static int parse_addr(struct lower *l, const struct ast_word *w, struct ip_addr *a,
		      const char *what)
{
	struct lit_error e;

	if (w->kind == WORD_STRING || w->kind == WORD_RAW) {
		err(l, DIAG_BAD_ADDRESS, w->at, "%s must be written without quotes", what);
		return -1;
	}
	if (strchr(w->text, '/')) {
		err(l, DIAG_BAD_ADDRESS, w->at, "%s '%s' must be a single address, not a prefix",
		    what, w->text);
		return -1;
	}
	if (ip_parse_addr(w->text, strlen(w->text), a, &e)) {
		err(l, DIAG_BAD_ADDRESS, sub_span(w, e.off, e.len), "malformed %s '%s': %s", what,
		    w->text, e.msg);
		return -1;
	}
	return 0;
}

static int parse_ports(struct lower *l, const struct ast_word *w, uint16_t *lo, uint16_t *hi)
{
	struct lit_error e;

	if (w->kind != WORD_LITERAL) {
		err(l, DIAG_BAD_PORT, w->at, "expected a port number or range, not '%s'", w->text);
		return -1;
	}
	if (lit_parse_ports(w->text, strlen(w->text), lo, hi, &e)) {
		err(l, DIAG_BAD_PORT, sub_span(w, e.off, e.len), "%s", e.msg);
		return -1;
	}
	return 0;
}

static const char *text_of(struct lower *l, const struct ast_word *w, const char *what)
{
	if (!w)
		return NULL;
	if (w->kind != WORD_STRING && w->kind != WORD_RAW) {
		err(l, DIAG_BAD_VALUE, w->at, "%s must be a quoted string", what);
		return NULL;
	}
	return w->text;
}

static char *lower_dup(struct lower *l, const char *s)
{
	char *p = arena_strdup(l->a, s), *q;

	for (q = p; *q; q++)
		if (*q >= 'A' && *q <= 'Z')
			*q = (char)(*q - 'A' + 'a');
	return p;
}

/* ---- port lists ---- */

static int port_cmp(const void *a, const void *b)
{
	const struct ir_port *x = a, *y = b;

	if (x->proto != y->proto)
		return x->proto < y->proto ? -1 : 1;
	if (x->lo != y->lo)
		return x->lo < y->lo ? -1 : 1;
	return (x->hi > y->hi) - (x->hi < y->hi);
}

/* Sort and merge; returns the new count. */
static size_t ports_normalize(struct ir_port *p, size_t n)
{
	size_t i, o = 0;

	if (n < 2)
		return n;
	qsort(p, n, sizeof(*p), port_cmp);
	for (i = 1; i < n; i++) {
		if (p[i].proto == p[o].proto && (unsigned)p[i].lo <= (unsigned)p[o].hi + 1) {
			if (p[i].hi > p[o].hi)
				p[o].hi = p[i].hi;
		} else {
			p[++o] = p[i];
		}
	}
	return o + 1;
}

/* ---- pass 1: declare ---- */

static const char *const reserved[] = { "any", "self", "dns", "localhost" };

static void declare(struct lower *l, struct symtab *t, const struct ast_decl *d, const char *what)
{
	struct sym *s;
	size_t i;
	int found;

	if (d->name->kind != WORD_NAME) {
		err(l, DIAG_BAD_VALUE, d->name->at, "a %s name must be an identifier, not '%s'",
		    what, d->name->text);
		return;
	}
	if (t == &l->objs)
		for (i = 0; i < countof(reserved); i++)
			if (strcmp(d->name->text, reserved[i]) == 0) {
				err(l, DIAG_BAD_VALUE, d->name->at,
				    "'%s' is reserved and cannot name a %s", reserved[i], what);
				return;
			}
	s = symtab_insert(t, d->name->text, &found);
	if (found && t == &l->svcs && ((const struct ast_decl *)s->decl)->from_stdlib &&
	    !d->from_stdlib) {
		/* Your own service takes precedence over the stdlib's. */
		s->decl = d;
		return;
	}
	if (found && t == &l->svcs && d->from_stdlib &&
	    !((const struct ast_decl *)s->decl)->from_stdlib)
		return;
	if (found) {
		const struct ast_decl *first = s->decl;
		struct diag *dg;

		if (first->kind == d->kind)
			dg = err(l, DIAG_DUPLICATE_NAME, d->name->at, "duplicate %s '%s'", what,
				 d->name->text);
		else
			dg = err(l, DIAG_DUPLICATE_NAME, d->name->at,
				 "'%s' is already declared as %s", d->name->text,
				 kind_article(first->kind));
		diag_note(dg, first->name->at, "first declared here");
		return;
	}
	s->kind = d->kind;
	s->decl = d;
}

/* ---- services ---- */

static void lower_service(struct lower *l, const struct ast_decl *d, struct ir_service *svc)
{
	VEC(struct ir_port) ports = { 0 };
	const struct ast_svc *line;
	const struct ast_word *w;

	svc->name = d->name->text;
	svc->at = d->name->at;
	svc->from_stdlib = d->from_stdlib;
	for (line = d->svcs; line; line = line->next)
		for (w = line->ports; w; w = w->next) {
			struct ir_port p = { (uint8_t)line->proto, 0, 0 };

			if (parse_ports(l, w, &p.lo, &p.hi) == 0)
				vec_push(&ports, p);
		}
	if (!d->svcs && !d->has_error)
		err(l, DIAG_BAD_VALUE, d->name->at, "service '%s' has no protocol and port",
		    d->name->text);
	svc->nr_ports = ports_normalize(ports.items, ports.nr);
	svc->ports = arena_memdup(l->a, ports.items, svc->nr_ports * sizeof(*ports.items));
	vec_release(&ports);
}

/* ---- zones ---- */

static void lower_zone(struct lower *l, const struct ast_decl *d, struct ir_zone *z,
		       struct zone_info *zi)
{
	VEC(struct ip_prefix) nets = { 0 };
	const struct ast_item *it;
	size_t i;

	z->name = d->name->text;
	z->at = d->name->at;
	zi->ok = true;
	for (it = d->items; it; it = it->next) {
		struct ip_prefix p;

		if (parse_prefix(l, it->w1, &p, NULL, "network")) {
			zi->ok = false;
			continue;
		}
		for (i = 0; i < nets.nr; i++)
			if (ip_prefix_cmp(&nets.items[i], &p) == 0) {
				struct diag *dg = err(l, DIAG_DUPLICATE_NAME, it->w1->at,
						      "zone '%s' lists network '%s' twice",
						      z->name, it->w1->text);

				(void)dg;
				break;
			}
		if (i < nets.nr)
			continue;
		for (i = 0; i < nets.nr; i++)
			if (ip_prefix_contains(&nets.items[i], &p) || ip_prefix_contains(&p, &nets.items[i])) {
				char a[IP_STRLEN], b[IP_STRLEN];

				ip_prefix_format(&nets.items[i], a);
				ip_prefix_format(&p, b);
				warn(l, DIAG_ZONE_OVERLAP, it->w1->at,
				     "networks '%s' and '%s' of zone '%s' overlap (one is enough)",
				     a, b, z->name);
				break;
			}
		vec_push(&nets, p);
		addrset_add_prefix(&zi->nets, &p);
	}
	if (!d->items) {
		if (!d->has_error)
			err(l, DIAG_BAD_VALUE, d->name->at,
		    "zone '%s' has no network (add 'network PREFIX;')", z->name);
		zi->ok = false;
	}
	addrset_normalize(&zi->nets);
	z->nr_nets = nets.nr;
	z->nets = arena_memdup(l->a, nets.items, nets.nr * sizeof(*nets.items));
	vec_release(&nets);
}

/* Does every network of b lie inside a's networks? */
static bool zone_within(const struct zone_info *b, const struct zone_info *a)
{
	return addrset_subset(&b->nets, &a->nets);
}

static bool zones_overlap(const struct zone_info *a, const struct zone_info *b)
{
	struct addrset x = ADDRSET_INIT;
	bool r;

	addrset_intersect(&a->nets, &b->nets, &x);
	r = x.nr != 0;
	addrset_release(&x);
	return r;
}

static void relate_zones(struct lower *l)
{
	struct ir_model *m = l->m;
	size_t i, j, k;

	/* Overlap without nesting; parents. */
	for (i = 0; i < m->nr_zones; i++) {
		struct ir_zone *z = &m->zones[i];
		const struct ir_zone *parent = NULL;

		if (!l->zi[i].ok)
			continue;
		for (j = 0; j < m->nr_zones; j++) {
			bool in, out;

			if (i == j || !l->zi[j].ok || !zones_overlap(&l->zi[i], &l->zi[j]))
				continue;
			in = zone_within(&l->zi[i], &l->zi[j]);
			out = zone_within(&l->zi[j], &l->zi[i]);
			if (in && out) {
				if (i < j) {
					struct diag *dg = err(l, DIAG_ZONE_OVERLAP, m->zones[j].at,
						"zones '%s' and '%s' cover the same addresses",
						m->zones[j].name, z->name);

					diag_note(dg, z->at, "zone '%s' is declared here", z->name);
				}
				continue;
			}
			if (!in && !out) {
				if (i < j) {
					struct diag *dg = err(l, DIAG_ZONE_OVERLAP, m->zones[j].at,
						"zone '%s' overlaps zone '%s' without nesting in it "
						"(make the networks disjoint, or put all of one zone "
						"inside the other)", m->zones[j].name, z->name);

					diag_note(dg, z->at, "zone '%s' is declared here", z->name);
				}
				continue;
			}
			if (in && (!parent || zone_within(&l->zi[j], &l->zi[parent->index])))
				parent = &m->zones[j];
		}
		z->parent = parent;
	}
	/* Owned addresses: longest-prefix match over all zones' networks. */
	for (i = 0; i < m->nr_zones; i++) {
		struct ir_zone *z = &m->zones[i];
		struct addrset cut = ADDRSET_INIT;
		struct ip_prefix *pfx = NULL;
		size_t n = 0;

		if (!l->zi[i].ok)
			continue;
		for (j = 0; j < m->nr_zones; j++) {
			if (j == i || !l->zi[j].ok)
				continue;
			for (k = 0; k < m->zones[j].nr_nets; k++) {
				const struct ip_prefix *q = &m->zones[j].nets[k];
				size_t t;

				for (t = 0; t < z->nr_nets; t++)
					if (q->len > z->nets[t].len &&
					    ip_prefix_contains(&z->nets[t], q)) {
						addrset_add_prefix(&cut, q);
						break;
					}
			}
		}
		/* A nested network of this very zone wins back its addresses. */
		addrset_normalize(&cut);
		{
			struct addrset own = ADDRSET_INIT, back = ADDRSET_INIT;

			addrset_subtract(&l->zi[i].nets, &cut, &own);
			for (k = 0; k < z->nr_nets; k++) {
				size_t t;

				for (t = 0; t < cut.nr; t++) {
					struct ip_range r = ip_prefix_range(&z->nets[k]);

					if (ip_addr_cmp(&r.lo, &cut.r[t].lo) >= 0 &&
					    ip_addr_cmp(&r.hi, &cut.r[t].hi) <= 0) {
						addrset_add_range(&back, &r);
						break;
					}
				}
			}
			if (back.nr) {
				/* Only if no even longer foreign network is inside it. */
				for (k = 0; k < back.nr; k++)
					addrset_add_range(&own, &back.r[k]);
				addrset_normalize(&own);
			}
			addrset_release(&back);
			addrset_release(&l->zi[i].owned);
			l->zi[i].owned = own;
		}
		addrset_release(&cut);
		addrset_to_prefixes(&l->zi[i].owned, &pfx, &n);
		z->nr_owned = n;
		z->owned = arena_memdup(l->a, pfx, n * sizeof(*pfx));
		free(pfx);
	}
}

/* The zone that owns address a (longest prefix over all zones), or NULL. */
static const struct ir_zone *owner_of(struct lower *l, const struct ip_addr *a)
{
	const struct ir_model *m = l->m;
	const struct ir_zone *best = NULL;
	unsigned best_len = 0;
	size_t i, k;

	for (i = 0; i < m->nr_zones; i++) {
		if (!l->zi[i].ok)
			continue;
		for (k = 0; k < m->zones[i].nr_nets; k++) {
			const struct ip_prefix *p = &m->zones[i].nets[k];

			if (ip_prefix_contains_addr(p, a) && (!best || p->len > best_len)) {
				best = &m->zones[i];
				best_len = p->len;
			}
		}
	}
	return best;
}

/* ---- hosts ---- */

static void lower_host(struct lower *l, const struct ast_decl *d, struct ir_host *h)
{
	VEC(struct ip_addr) addrs = { 0 };
	const struct ast_item *it, *zone_item = NULL;
	bool bad_addr = false;
	size_t i;

	h->name = d->name->text;
	h->at = d->name->at;
	for (it = d->items; it; it = it->next) {
		struct ip_addr a;
		const struct sym *s;

		switch (it->kind) {
		case ITEM_ZONE:
			if (zone_item) {
				struct diag *dg = err(l, DIAG_BAD_VALUE, it->at,
						      "host '%s' has more than one zone", h->name);

				diag_note(dg, zone_item->at, "first zone given here");
				break;
			}
			zone_item = it;
			s = lookup_obj(l, it->w1, AST_ZONE, "zone");
			if (s)
				h->zone = s->ir;
			break;
		case ITEM_ADDRESS:
			if (parse_addr(l, it->w1, &a, "address")) {
				bad_addr = true;
				break;
			}
			for (i = 0; i < addrs.nr; i++)
				if (ip_addr_cmp(&addrs.items[i], &a) == 0)
					break;
			if (i < addrs.nr) {
				err(l, DIAG_DUPLICATE_NAME, it->w1->at,
				    "host '%s' lists address '%s' twice", h->name, it->w1->text);
				break;
			}
			vec_push(&addrs, a);
			break;
		case ITEM_PLATFORM:
			if (strcmp(it->w1->text, "server") == 0)
				h->platform = PLATFORM_SERVER;
			else if (strcmp(it->w1->text, "workstation") == 0)
				h->platform = PLATFORM_WORKSTATION;
			else
				err(l, DIAG_BAD_VALUE, it->w1->at,
				    "unknown platform '%s' (use 'workstation' or 'server')",
				    it->w1->text);
			break;
		default:
			BUG("unexpected item %d in host", (int)it->kind);
		}
	}
	if (!zone_item && !d->has_error)
		err(l, DIAG_BAD_VALUE, d->name->at, "host '%s' has no zone (add 'zone NAME;')",
		    h->name);
	if (!addrs.nr && !bad_addr && !d->has_error)
		err(l, DIAG_BAD_VALUE, d->name->at,
		    "host '%s' has no address (add 'address A.B.C.D;')", h->name);
	h->nr_addrs = addrs.nr;
	h->addrs = arena_memdup(l->a, addrs.items, addrs.nr * sizeof(*addrs.items));
	vec_release(&addrs);

	/* Each address must belong to the host's zone. */
	if (h->zone && l->zi[h->zone->index].ok)
		for (it = d->items; it; it = it->next) {
			struct ip_addr a;
			struct lit_error e;
			const struct ir_zone *own;

			if (it->kind != ITEM_ADDRESS || strchr(it->w1->text, '/') ||
			    ip_parse_addr(it->w1->text, strlen(it->w1->text), &a, &e))
				continue;
			own = owner_of(l, &a);
			if (own == h->zone)
				continue;
			if (own) {
				struct diag *dg = err(l, DIAG_HOST_OUTSIDE_ZONE, it->w1->at,
					"address '%s' of host '%s' is in zone '%s', not in its zone '%s'",
					it->w1->text, h->name, own->name, h->zone->name);

				diag_note(dg, zone_item->w1->at, "the host's zone is given here");
			} else {
				struct diag *dg = err(l, DIAG_HOST_OUTSIDE_ZONE, it->w1->at,
					"address '%s' of host '%s' is outside every network of zone '%s'",
					it->w1->text, h->name, h->zone->name);

				diag_note(dg, h->zone->at, "zone '%s' is declared here", h->zone->name);
			}
		}
}

/* ---- firewalls ---- */

static bool valid_ifname(const char *s)
{
	size_t n = strlen(s), i;

	if (n == 0 || n > 15)
		return false;
	for (i = 0; i < n; i++) {
		char c = s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '_' || c == '-' || c == '.'))
			return false;
	}
	return true;
}

static void lower_firewall(struct lower *l, const struct ast_decl *d, struct ir_firewall *fw)
{
	VEC(struct ir_interface) ifs = { 0 };
	VEC(struct ip_addr) addrs = { 0 };
	const struct ast_item *it, *kind_item = NULL, *cs_item = NULL;
	size_t i;

	fw->name = d->name->text;
	fw->at = d->name->at;
	fw->kind = FW_PACKET;
	for (it = d->items; it; it = it->next) {
		struct ip_addr a;
		const struct sym *s;
		struct ir_interface ifc;
		const struct ast_item *sub;

		switch (it->kind) {
		case ITEM_KIND:
			if (kind_item) {
				err(l, DIAG_FIREWALL, it->at, "firewall '%s' has more than one kind",
				    fw->name);
				break;
			}
			kind_item = it;
			if (strcmp(it->w1->text, "packet") == 0)
				fw->kind = FW_PACKET;
			else if (strcmp(it->w1->text, "proxy") == 0)
				fw->kind = FW_PROXY;
			else
				err(l, DIAG_BAD_VALUE, it->w1->at,
				    "unknown firewall kind '%s' (use 'packet' or 'proxy')", it->w1->text);
			break;
		case ITEM_VENDOR:
			fw->vendor = lower_dup(l, it->w1->text);
			break;
		case ITEM_ADDRESS:
			if (parse_addr(l, it->w1, &a, "address") == 0)
				vec_push(&addrs, a);
			break;
		case ITEM_INTERFACE:
			ifc.name = it->w1->text;
			ifc.at = it->w1->at;
			ifc.zone = NULL;
			if (!valid_ifname(ifc.name)) {
				err(l, DIAG_FIREWALL, it->w1->at,
				    "invalid interface name '%s' (1 to 15 letters, digits, '_', '-' or '.')",
				    ifc.name);
				break;
			}
			for (i = 0; i < ifs.nr; i++)
				if (strcmp(ifs.items[i].name, ifc.name) == 0)
					break;
			if (i < ifs.nr) {
				struct diag *dg = err(l, DIAG_FIREWALL, it->w1->at,
						      "interface '%s' is declared twice on firewall '%s'",
						      ifc.name, fw->name);

				diag_note(dg, ifs.items[i].at, "first declared here");
				break;
			}
			s = lookup_obj(l, it->w2, AST_ZONE, "zone");
			if (!s)
				break;
			ifc.zone = s->ir;
			vec_push(&ifs, ifc);
			break;
		case ITEM_SMTP_PROXY:
			fw->smtp_proxy_at = it->at;
			if (strcmp(it->w1->text, "on") == 0)
				fw->smtp_proxy = SMTP_PROXY_ON;
			else if (strcmp(it->w1->text, "off") == 0)
				fw->smtp_proxy = SMTP_PROXY_OFF;
			else
				err(l, DIAG_BAD_VALUE, it->w1->at,
				    "smtp-proxy must be 'on' or 'off', not '%s'", it->w1->text);
			break;
		case ITEM_CONTENT_SECURITY:
			if (cs_item) {
				struct diag *dg = err(l, DIAG_FIREWALL, it->at,
						      "firewall '%s' has more than one content-security block",
						      fw->name);

				diag_note(dg, cs_item->at, "first given here");
				break;
			}
			cs_item = it;
			fw->content_security = arena_new(l->a, struct ir_content_security);
			fw->content_security->product = lower_dup(l, it->w1->text);
			fw->content_security->at = it->at;
			{
				size_t n = 0, k = 0;
				const struct ast_word *w;

				for (sub = it->sub; sub; sub = sub->next)
					for (w = sub->list; w; w = w->next)
						n++;
				fw->content_security->protocols = arena_array(l->a, const char *, n ? n : 1);
				fw->content_security->protocol_at = arena_array(l->a, struct span, n ? n : 1);
				for (sub = it->sub; sub; sub = sub->next)
					for (w = sub->list; w; w = w->next) {
						const char *p = lower_dup(l, w->text);

						if (strcmp(p, "smtp") && strcmp(p, "http") &&
						    strcmp(p, "ftp")) {
							err(l, DIAG_BAD_VALUE, w->at,
							    "unknown content-security protocol '%s' "
							    "(use smtp, http or ftp)", w->text);
							continue;
						}
						fw->content_security->protocols[k] = p;
						fw->content_security->protocol_at[k++] = w->at;
					}
				fw->content_security->nr_protocols = k;
			}
			break;
		default:
			BUG("unexpected item %d in firewall", (int)it->kind);
		}
	}
	fw->nr_ifaces = ifs.nr;
	fw->ifaces = arena_memdup(l->a, ifs.items, ifs.nr * sizeof(*ifs.items));
	fw->nr_addrs = addrs.nr;
	fw->addrs = arena_memdup(l->a, addrs.items, addrs.nr * sizeof(*addrs.items));
	vec_release(&ifs);
	vec_release(&addrs);
	if (!fw->nr_ifaces && !d->has_error)
		err(l, DIAG_FIREWALL, d->name->at,
		    "firewall '%s' has no interfaces (add 'interface NAME zone ZONE;')", fw->name);
}

/* Which interfaces reach each zone: its own, else its nearest ancestor's. */
static void firewall_zones(struct lower *l, struct ir_firewall *fw)
{
	const struct ir_model *m = l->m;
	size_t i, k, n = 0;

	fw->zones = arena_array(l->a, struct ir_fw_zone, m->nr_zones ? m->nr_zones : 1);
	for (i = 0; i < m->nr_zones; i++) {
		const struct ir_zone *z;
		bool direct = true;

		for (z = &m->zones[i]; z; z = z->parent, direct = false) {
			size_t cnt = 0;

			for (k = 0; k < fw->nr_ifaces; k++)
				if (fw->ifaces[k].zone == z)
					cnt++;
			if (!cnt)
				continue;
			fw->zones[n].zone = &m->zones[i];
			fw->zones[n].direct = direct;
			fw->zones[n].ifaces = arena_array(l->a, const struct ir_interface *, cnt);
			for (k = 0; k < fw->nr_ifaces; k++)
				if (fw->ifaces[k].zone == z)
					fw->zones[n].ifaces[fw->zones[n].nr_ifaces++] = &fw->ifaces[k];
			n++;
			break;
		}
	}
	fw->nr_zones = n;
}

static const struct ir_fw_zone *fw_zone(const struct ir_firewall *fw, const struct ir_zone *z)
{
	size_t i;

	for (i = 0; i < fw->nr_zones; i++)
		if (fw->zones[i].zone == z)
			return &fw->zones[i];
	return NULL;
}

/* ---- endpoints ---- */

struct place_acc {
	bool *whole;
	struct addrset *sets;
	bool self;
	bool any;
};

static void acc_init(struct lower *l, struct place_acc *acc)
{
	size_t n = l->m->nr_zones ? l->m->nr_zones : 1;

	acc->whole = xcalloc(n, sizeof(*acc->whole));
	acc->sets = xcalloc(n, sizeof(*acc->sets));
	acc->self = acc->any = false;
}

static void acc_release(struct lower *l, struct place_acc *acc)
{
	size_t i;

	for (i = 0; i < l->m->nr_zones; i++)
		addrset_release(&acc->sets[i]);
	free(acc->sets);
	free(acc->whole);
}

static void acc_add_endpoint(struct place_acc *acc, const struct ir_endpoint *e)
{
	size_t i, k;

	for (i = 0; i < e->nr_places; i++) {
		const struct ir_place *p = &e->places[i];

		if (!p->zone) {
			acc->self = true;
			continue;
		}
		if (p->whole)
			acc->whole[p->zone->index] = true;
		for (k = 0; k < p->nr_pfx; k++)
			addrset_add_prefix(&acc->sets[p->zone->index], &p->pfx[k]);
	}
	acc->any |= e->any;
}

/* Add literal prefix p to the places of every zone that owns part of it. */
static bool acc_add_prefix(struct lower *l, struct place_acc *acc, const struct ip_prefix *p)
{
	struct addrset lit = ADDRSET_INIT, part = ADDRSET_INIT;
	bool hit = false;
	size_t i, k;

	addrset_add_prefix(&lit, p);
	for (i = 0; i < l->m->nr_zones; i++) {
		if (!l->zi[i].ok)
			continue;
		addrset_intersect(&lit, &l->zi[i].owned, &part);
		if (!part.nr)
			continue;
		hit = true;
		if (addrset_equal(&part, &l->zi[i].owned))
			acc->whole[i] = true;
		else
			for (k = 0; k < part.nr; k++)
				addrset_add_range(&acc->sets[i], &part.r[k]);
	}
	addrset_release(&lit);
	addrset_release(&part);
	return hit;
}

static void acc_finish(struct lower *l, struct place_acc *acc, struct ir_endpoint *e)
{
	size_t i, n = 0;

	for (i = 0; i < l->m->nr_zones; i++)
		if (acc->whole[i] || acc->sets[i].nr)
			n++;
	e->places = arena_array(l->a, struct ir_place, n + 1);
	n = 0;
	for (i = 0; i < l->m->nr_zones; i++) {
		struct ir_place *p = &e->places[n];
		struct ip_prefix *pfx = NULL;
		size_t np = 0;

		if (!acc->whole[i] && !acc->sets[i].nr)
			continue;
		p->zone = &l->m->zones[i];
		addrset_normalize(&acc->sets[i]);
		if (!acc->whole[i] && addrset_equal(&acc->sets[i], &l->zi[i].owned))
			acc->whole[i] = true;
		p->whole = acc->whole[i];
		if (!p->whole) {
			addrset_to_prefixes(&acc->sets[i], &pfx, &np);
			p->pfx = arena_memdup(l->a, pfx, np * sizeof(*pfx));
			p->nr_pfx = np;
			free(pfx);
		}
		n++;
	}
	if (acc->self) {
		e->places[n].zone = NULL;
		e->places[n].whole = true;
		n++;
	}
	e->nr_places = n;
	e->any = acc->any;
}

static void resolve_group(struct lower *l, size_t gi);

/*
 * Resolve endpoint words.  `fw` is the firewall for `self` (NULL in
 * groups).  Returns -1 when a reference failed (reported).
 */
static int resolve_endpoint(struct lower *l, const struct ast_word *list,
			    const struct ir_firewall *fw, struct ir_endpoint *e)
{
	struct place_acc acc;
	const struct ast_word *w;
	size_t n = 0, i;
	int bad = 0;

	for (w = list; w; w = w->next)
		n++;
	e->refs = arena_array(l->a, struct ir_ref, n ? n : 1);
	acc_init(l, &acc);
	for (w = list; w; w = w->next) {
		struct ir_ref *r = &e->refs[e->nr_refs];
		const struct sym *s;

		r->at = w->at;
		r->text = w->text;
		if (w->kind == WORD_STRING || w->kind == WORD_RAW) {
			err(l, DIAG_WRONG_KIND, w->at,
			    "expected a zone, host, group, address or 'any', not a string");
			bad = 1;
			continue;
		}
		if (w->kind == WORD_LITERAL) {
			if (parse_prefix(l, w, &r->prefix, NULL, "address")) {
				bad = 1;
				continue;
			}
			r->kind = REF_PREFIX;
			if (!acc_add_prefix(l, &acc, &r->prefix)) {
				err(l, DIAG_BAD_ADDRESS, w->at, "address '%s' is in no declared zone",
				    w->text);
				bad = 1;
				continue;
			}
			e->nr_refs++;
			continue;
		}
		if (strcmp(w->text, "any") == 0) {
			r->kind = REF_ANY;
			for (i = 0; i < l->m->nr_zones; i++)
				if (l->zi[i].ok)
					acc.whole[i] = true;
			acc.self = fw != NULL;
			acc.any = true;
			e->nr_refs++;
			continue;
		}
		if (strcmp(w->text, "self") == 0) {
			if (!fw) {
				err(l, DIAG_WRONG_KIND, w->at,
				    "'self' means the firewall itself and can only be used in a "
				    "policy or assert");
				bad = 1;
				continue;
			}
			r->kind = REF_SELF;
			acc.self = true;
			e->nr_refs++;
			continue;
		}
		s = symtab_find(&l->objs, w->text);
		if (!s) {
			unknown(l, &l->objs, SYM_KINDS_OBJ, "zone, host or group", w);
			bad = 1;
			continue;
		}
		if (!s->ir) {
			bad = 1;	/* its declaration failed */
			continue;
		}
		switch (s->kind) {
		case AST_ZONE:
			r->kind = REF_ZONE;
			r->zone = s->ir;
			if (!l->zi[r->zone->index].ok) {
				bad = 1;
				continue;
			}
			acc.whole[r->zone->index] = true;
			break;
		case AST_HOST:
			r->kind = REF_HOST;
			r->host = s->ir;
			if (!r->host->zone) {
				bad = 1;
				continue;
			}
			for (i = 0; i < r->host->nr_addrs; i++) {
				struct ip_prefix p;

				p.addr = r->host->addrs[i];
				p.len = (uint8_t)ip_family_bits(p.addr.family);
				addrset_add_prefix(&acc.sets[r->host->zone->index], &p);
			}
			break;
		case AST_GROUP:
			r->kind = REF_GROUP;
			r->group = s->ir;
			{
				size_t gi = (size_t)(r->group - l->m->groups);

				resolve_group(l, gi);
				if (l->gi[gi].state != 2) {
					bad = 1;
					continue;
				}
			}
			acc_add_endpoint(&acc, &r->group->members);
			break;
		case AST_FIREWALL:
			if (fw && s->ir == fw) {
				r->kind = REF_SELF;
				acc.self = true;
				break;
			}
			err(l, DIAG_WRONG_KIND, w->at,
			    fw ? "firewall '%s' cannot be an endpoint of firewall '%s''s policy"
			       : "firewall '%s' cannot be a group member%s",
			    w->text, fw ? fw->name : "");
			bad = 1;
			continue;
		default:
			BUG("unexpected symbol kind %d", s->kind);
		}
		e->nr_refs++;
	}
	acc_finish(l, &acc, e);
	acc_release(l, &acc);
	return bad ? -1 : 0;
}

static void resolve_group(struct lower *l, size_t gi)
{
	struct group_info *g = &l->gi[gi];
	struct ir_group *ig = &l->m->groups[gi];
	const struct ast_decl *save = l->cur;
	const struct ast_item *it;
	struct ast_word *members = NULL, **tail = &members;

	if (g->state == 2)
		return;
	if (g->state == 1) {
		err(l, DIAG_WRONG_KIND, ig->at, "group '%s' contains itself", ig->name);
		g->state = 3;
		return;
	}
	if (g->state == 3)
		return;
	g->state = 1;
	l->cur = g->decl;
	for (it = g->decl->items; it; it = it->next) {
		struct ast_word *w = arena_memdup(l->a, it->w1, sizeof(*it->w1));

		w->next = NULL;
		*tail = w;
		tail = &w->next;
	}
	if (!members && !g->decl->has_error)
		err(l, DIAG_BAD_VALUE, ig->at, "group '%s' has no members", ig->name);
	if (resolve_endpoint(l, members, NULL, &ig->members) == 0 && g->state == 1)
		g->state = 2;
	else
		g->state = 3;
	l->cur = save;
}

/* ---- policies ---- */

static int resolve_svcs(struct lower *l, const struct ast_svc *list, struct ir_svc_ref **out,
			size_t *nout, struct ir_port **match, size_t *nmatch)
{
	VEC(struct ir_port) ports = { 0 };
	const struct ast_svc *s;
	size_t n = 0, i;
	int bad = 0;

	for (s = list; s; s = s->next)
		n++;
	*out = arena_array(l->a, struct ir_svc_ref, n ? n : 1);
	*nout = 0;
	for (s = list; s; s = s->next) {
		struct ir_svc_ref *r = &(*out)[*nout];

		r->at = s->at;
		if (s->name) {
			const struct sym *sym;

			if (s->name->kind != WORD_NAME) {
				err(l, DIAG_WRONG_KIND, s->name->at,
				    "expected a service name or 'tcp PORT' / 'udp PORT', not '%s'",
				    s->name->text);
				bad = 1;
				continue;
			}
			sym = symtab_find(&l->svcs, s->name->text);
			if (!sym) {
				unknown(l, &l->svcs, 0, "service", s->name);
				bad = 1;
				continue;
			}
			r->service = sym->ir;
			for (i = 0; i < r->service->nr_ports; i++)
				vec_push(&ports, r->service->ports[i]);
		} else {
			r->port.proto = (uint8_t)s->proto;
			if (parse_ports(l, s->ports, &r->port.lo, &r->port.hi)) {
				bad = 1;
				continue;
			}
			vec_push(&ports, r->port);
		}
		(*nout)++;
	}
	*nmatch = ports_normalize(ports.items, ports.nr);
	*match = arena_memdup(l->a, ports.items, *nmatch * sizeof(*ports.items));
	vec_release(&ports);
	return bad ? -1 : 0;
}

/* Every explicitly named zone must be reachable through the firewall. */
static int check_reachable(struct lower *l, const struct ir_firewall *fw,
			   const struct ir_endpoint *e)
{
	size_t i;

	if (!fw->nr_ifaces)
		return -1;	/* reported with the firewall */
	for (i = 0; i < e->nr_refs; i++) {
		const struct ir_ref *r = &e->refs[i];
		const struct ir_zone *z = NULL;

		if (r->kind == REF_ZONE)
			z = r->zone;
		else if (r->kind == REF_HOST)
			z = r->host->zone;
		if (z && !fw_zone(fw, z)) {
			err(l, DIAG_FIREWALL, r->at,
			    "zone '%s' is not reachable through any interface of firewall '%s' "
			    "(add 'interface NAME zone %s;')", z->name, fw->name, z->name);
			return -1;
		}
	}
	return 0;
}

static const struct ir_firewall *policy_firewall(struct lower *l, const struct ast_word *w)
{
	const struct sym *s = lookup_obj(l, w, AST_FIREWALL, "firewall");

	return s ? s->ir : NULL;
}

static int lower_rule_common(struct lower *l, const struct ast_rule *ar,
			     const struct ir_firewall *fw, struct ir_endpoint *src,
			     struct ir_endpoint *dst, struct ir_svc_ref **svcs, size_t *nsvcs,
			     struct ir_port **match, size_t *nmatch)
{
	int bad = 0;

	bad |= resolve_svcs(l, ar->svcs, svcs, nsvcs, match, nmatch);
	bad |= resolve_endpoint(l, ar->from, fw, src);
	bad |= resolve_endpoint(l, ar->to, fw, dst);
	if (!bad) {
		bad |= check_reachable(l, fw, src);
		bad |= check_reachable(l, fw, dst);
	}
	return bad;
}

static void lower_policy(struct lower *l, const struct ast_decl *d)
{
	const struct ir_firewall *fw = policy_firewall(l, d->name);
	const struct ast_item *it;
	size_t fi;

	if (!fw)
		return;
	fi = fw->index;
	l->m->firewalls[fi].has_policy = true;
	for (it = d->items; it; it = it->next) {
		const struct ast_rule *ar = it->rule;
		struct ir_rule r;

		memset(&r, 0, sizeof(r));
		r.at = ar->at;
		r.action = ar->action == ACT_ALLOW ? IR_ALLOW :
			   ar->action == ACT_DENY ? IR_DENY : IR_REJECT;
		r.log = ar->log;
		r.from_template = d->from_template;
		if (ar->comment) {
			r.comment = text_of(l, ar->comment, "a comment");
			r.comment_at = ar->comment->at;
		}
		if (lower_rule_common(l, ar, fw, &r.src, &r.dst, &r.svcs, &r.nr_svcs, &r.match,
				      &r.nr_match))
			continue;
		r.index = l->fw_rules[fi].nr;
		vec_push(&l->fw_rules[fi], r);
	}
}

struct decl_vec {
	const struct ast_decl **items;
	size_t nr, alloc;
};

struct assert_vec {
	struct ir_assert *items;
	size_t nr, alloc;
};

static void lower_assert(struct lower *l, const struct ast_decl *d, struct assert_vec *out)
{
	const struct ir_firewall *fw = policy_firewall(l, d->name);
	struct ir_assert as;

	if (!fw)
		return;
	memset(&as, 0, sizeof(as));
	as.at = d->at;
	as.fw = fw;
	as.from_template = d->from_template;
	if (d->rule->action == ACT_REJECT) {
		err(l, DIAG_BAD_VALUE, d->rule->at,
		    "an assert states 'allow' or 'deny' ('deny' holds for reject rules too)");
		return;
	}
	if (d->rule->log || d->rule->comment) {
		err(l, DIAG_BAD_VALUE, d->rule->at, "an assert takes no 'log' or 'comment'");
		return;
	}
	as.action = d->rule->action == ACT_ALLOW ? IR_ALLOW : IR_DENY;
	if (lower_rule_common(l, d->rule, fw, &as.src, &as.dst, &as.svcs, &as.nr_svcs, &as.match,
			      &as.nr_match))
		return;
	vec_push(out, as);
}

/* ---- relays ---- */

static void lower_routes(struct lower *l, const struct ast_decl *d, struct ir_relay *r, size_t ri)
{
	const struct ast_item *it;

	for (it = d->items; it; it = it->next) {
		struct ir_route rt;
		struct lit_error e;
		char *buf;

		if (it->kind == ITEM_DIALUP) {
			const struct ast_item *sub;
			struct ir_dialup *du;

			if (r->dialup) {
				struct diag *dg = err(l, DIAG_ROUTE, it->at,
						      "relay '%s' has more than one dialup block",
						      r->name);

				diag_note(dg, r->dialup->at, "first given here");
				continue;
			}
			du = arena_new(l->a, struct ir_dialup);
			du->at = it->at;
			for (sub = it->sub; sub; sub = sub->next) {
				switch (sub->kind) {
				case ITEM_PHONEBOOK:
					du->phonebook = text_of(l, sub->w1, "a phone-book entry");
					break;
				case ITEM_INTERVAL:
					if (lit_parse_duration(sub->w1->text, strlen(sub->w1->text),
							       &du->interval, &e))
						err(l, DIAG_BAD_VALUE, sub_span(sub->w1, e.off, e.len),
						    "%s", e.msg);
					break;
				case ITEM_SMARTHOST:
					buf = arena_alloc(l->a, strlen(sub->w1->text) + 1);
					du->smarthost_at = sub->w1->at;
					if (sub->w1->kind == WORD_NAME &&
					    symtab_find(&l->objs, sub->w1->text)) {
						du->smarthost = sub->w1->text;
					} else if (lit_parse_hostname(sub->w1->text, strlen(sub->w1->text),
								      buf, &e) == 0) {
						du->smarthost = buf;
					} else {
						struct ip_addr a;

						if (parse_addr(l, sub->w1, &a, "smart host") == 0)
							du->smarthost = sub->w1->text;
					}
					break;
				default:
					BUG("unexpected item %d in dialup", (int)sub->kind);
				}
			}
			if (!du->phonebook)
				err(l, DIAG_ROUTE, it->at,
				    "dialup needs a phone-book entry (add 'phonebook \"NAME\";')");
			r->dialup = du;
			continue;
		}
		memset(&rt, 0, sizeof(rt));
		rt.at = it->at;
		rt.pattern_at = it->w1->at;
		rt.port = 25;
		buf = arena_alloc(l->a, strlen(it->w1->text) + 1);
		if (it->w1->kind == WORD_STRING || it->w1->kind == WORD_RAW ||
		    lit_parse_domain(it->w1->text, strlen(it->w1->text), buf, &rt.pattern_kind, &e)) {
			if (it->w1->kind == WORD_STRING || it->w1->kind == WORD_RAW)
				err(l, DIAG_BAD_VALUE, it->w1->at,
				    "a domain pattern is written without quotes");
			else
				err(l, DIAG_BAD_VALUE, sub_span(it->w1, e.off, e.len),
				    "malformed domain pattern '%s': %s", it->w1->text, e.msg);
			continue;
		}
		rt.pattern = buf;
		rt.hop_at = it->w2->at;
		if (it->w2->kind == WORD_NAME && strcmp(it->w2->text, "dns") == 0) {
			rt.hop = HOP_DNS;
		} else if (it->w2->kind == WORD_NAME && strcmp(it->w2->text, "localhost") == 0) {
			rt.hop = HOP_LOCALHOST;
		} else if (it->w2->kind == WORD_NAME) {
			const struct sym *s = symtab_find(&l->objs, it->w2->text);

			if (!s) {
				unknown(l, &l->objs, (1u << AST_HOST) | (1u << AST_FIREWALL),
					"next hop", it->w2);
				continue;
			}
			if (s->kind == AST_HOST) {
				rt.hop = HOP_HOST;
				rt.host = s->ir;
			} else if (s->kind == AST_FIREWALL) {
				rt.hop = HOP_FIREWALL;
				rt.fw = s->ir;
			} else {
				err(l, DIAG_WRONG_KIND, it->w2->at,
				    "next hop '%s' is %s (route to a host, a firewall, 'dns' or "
				    "'localhost')", it->w2->text, kind_article(s->kind));
				continue;
			}
			if (!s->ir)
				continue;
		} else if (it->w2->kind == WORD_LITERAL) {
			struct ip_addr a;
			char *hb = arena_alloc(l->a, strlen(it->w2->text) + 1);

			if (lit_parse_hostname(it->w2->text, strlen(it->w2->text), hb, &e) == 0) {
				rt.hop_name = hb;
			} else if (parse_addr(l, it->w2, &a, "next hop") == 0) {
				char ab[IP_STRLEN];

				ip_addr_format(&a, ab);
				rt.hop_name = arena_strdup(l->a, ab);
			} else {
				continue;
			}
			rt.hop = HOP_EXTERNAL;
		} else {
			err(l, DIAG_BAD_VALUE, it->w2->at, "a next hop is written without quotes");
			continue;
		}
		if (it->w3) {
			unsigned long port;

			rt.port_at = it->w3->at;
			if (it->w3->kind != WORD_LITERAL ||
			    lit_parse_uint(it->w3->text, strlen(it->w3->text), 1, 65535, &port, &e)) {
				err(l, DIAG_BAD_PORT, it->w3->at,
				    "port '%s' is not a number from 1 to 65535", it->w3->text);
				continue;
			}
			rt.port = (uint16_t)port;
			rt.port_given = true;
		}
		if (rt.hop == HOP_DNS && rt.port_given) {
			err(l, DIAG_ROUTE, it->w3->at, "a route to 'dns' takes no port "
			    "(MX lookup delivers to port 25)");
			continue;
		}
		rt.index = l->relay_routes[ri].nr;
		vec_push(&l->relay_routes[ri], rt);
	}
}

/* ---- profiles ---- */

static int profile_ports(struct lower *l, const struct ast_word *list, uint8_t proto,
			 struct ir_port_ref **out, size_t *n)
{
	VEC(struct ir_port_ref) v = { 0 };
	const struct ast_word *w;
	int bad = 0;
	size_t i;

	for (w = list; w; w = w->next) {
		struct ir_port_ref r;

		memset(&r, 0, sizeof(r));
		r.at = w->at;
		if (w->kind == WORD_NAME) {
			const struct sym *s = symtab_find(&l->svcs, w->text);
			const struct ir_service *svc;
			bool any = false;

			if (!s) {
				unknown(l, &l->svcs, 0, "service", w);
				bad = 1;
				continue;
			}
			svc = s->ir;
			for (i = 0; i < svc->nr_ports; i++) {
				if (svc->ports[i].proto != proto)
					continue;
				r.lo = svc->ports[i].lo;
				r.hi = svc->ports[i].hi;
				r.service = svc;
				vec_push(&v, r);
				any = true;
			}
			if (!any) {
				struct diag *dg = err(l, DIAG_WRONG_PROTOCOL, w->at,
					"service '%s' has no %s port (it is %s)", w->text,
					ir_proto_name(proto),
					svc->nr_ports ? ir_proto_name(svc->ports[0].proto) : "empty");

				diag_note(dg, svc->at, "service '%s' is declared here", svc->name);
				bad = 1;
			}
			continue;
		}
		if (parse_ports(l, w, &r.lo, &r.hi)) {
			bad = 1;
			continue;
		}
		vec_push(&v, r);
	}
	*n = v.nr;
	*out = arena_memdup(l->a, v.items, v.nr * sizeof(*v.items));
	vec_release(&v);
	return bad;
}

/*
 * A profile from its blocks: like policies and relays, several `profile`
 * blocks with one name append in source order (templates add to them).
 */
static void lower_profile(struct lower *l, const struct ast_decl *const *blocks, size_t nblocks,
			  struct ir_profile *p)
{
	VEC(struct ir_lan) lan = { 0 };
	VEC(struct ir_application) apps = { 0 };
	VEC(struct ir_process) procs = { 0 };
	const struct ast_item *it, *sub, *mode_item = NULL;
	const struct ast_decl *d = blocks[0];
	const struct sym *s;
	size_t i, bi;

	p->name = d->name->text;
	p->at = d->name->at;
	s = lookup_obj(l, d->w, AST_HOST, "host");
	if (s)
		p->host = s->ir;
	for (bi = 1; bi < nblocks; bi++) {
		const struct ast_decl *b = blocks[bi];

		if (strcmp(b->w->text, d->w->text) != 0) {
			struct diag *dg;

			l->cur = b;
			dg = err(l, DIAG_PROFILE, b->w->at,
					      "profile '%s' is for host '%s' here but for host '%s' "
					      "in its first block", p->name, b->w->text, d->w->text);

			diag_note(dg, d->w->at, "first block here");
		}
	}
	for (bi = 0; bi < nblocks; bi++) {
		for (l->cur = blocks[bi], it = blocks[bi]->items; it; it = it->next) {
			switch (it->kind) {
			case ITEM_MODE:
				if (mode_item) {
					struct diag *dg = err(l, DIAG_PROFILE, it->at,
							      "profile '%s' sets the mode twice", p->name);

					diag_note(dg, mode_item->at, "first set here");
					break;
				}
				mode_item = it;
				p->mode_at = it->w1->at;
				if (strcmp(it->w1->text, "interactive") == 0)
					p->mode = MODE_INTERACTIVE;
				else if (strcmp(it->w1->text, "non-interactive") == 0)
					p->mode = MODE_NON_INTERACTIVE;
				else
					err(l, DIAG_BAD_VALUE, it->w1->at,
					    "unknown mode '%s' (use 'interactive' or 'non-interactive')",
					    it->w1->text);
				break;
			case ITEM_LAN:
				for (sub = it->sub; sub; sub = sub->next) {
					struct ir_lan e;

					memset(&e, 0, sizeof(e));
					e.kind = sub->kind == ITEM_NETBIOS ? LAN_NETBIOS : LAN_TRUST;
					e.at = sub->at;
					if (parse_prefix(l, sub->w1, &e.prefix, &e.mask_notation,
							 e.kind == LAN_NETBIOS ? "NetBIOS address" : "trusted network"))
						continue;
					for (i = 0; i < lan.nr; i++)
						if (lan.items[i].kind == e.kind &&
						    ip_prefix_cmp(&lan.items[i].prefix, &e.prefix) == 0)
							break;
					if (i < lan.nr) {
						struct diag *dg = err(l, DIAG_PROFILE, sub->w1->at,
								      "'%s' is listed twice in the LAN settings",
								      sub->w1->text);

						diag_note(dg, lan.items[i].at, "first listed here");
						continue;
					}
					vec_push(&lan, e);
				}
				break;
			case ITEM_APPLICATION: {
				struct ir_application app;
				VEC(struct ir_app_rule) rules = { 0 };

				memset(&app, 0, sizeof(app));
				app.name = it->w1->text;
				app.at = it->at;
				app.path_at = it->w2->at;
				app.path = text_of(l, it->w2, "an application path");
				for (sub = it->sub; sub; sub = sub->next) {
					struct ir_app_rule r;
					int bad = 0;

					memset(&r, 0, sizeof(r));
					r.at = sub->at;
					if (sub->action == ACT_REJECT) {
						err(l, DIAG_PROFILE, sub->at,
						    "an application rule either allows or denies ('reject' "
						    "is not a client-firewall action)");
						continue;
					}
					r.action = sub->action == ACT_ALLOW ? IR_ALLOW : IR_DENY;
					r.proto = (uint8_t)sub->proto;
					r.dir = sub->dir == DIR_IN ? IR_IN : sub->dir == DIR_OUT ? IR_OUT : IR_BOTH;
					bad |= profile_ports(l, sub->local_ports, r.proto, &r.local, &r.nr_local);
					bad |= profile_ports(l, sub->remote_ports, r.proto, &r.remote, &r.nr_remote);
					if (sub->remote_addrs) {
						const struct ast_word *w;
						size_t n = 0;

						for (w = sub->remote_addrs; w; w = w->next)
							n++;
						r.remote_addrs = arena_array(l->a, struct ip_prefix, n);
						for (w = sub->remote_addrs; w; w = w->next)
							if (parse_prefix(l, w, &r.remote_addrs[r.nr_remote_addrs],
									 NULL, "remote address") == 0)
								r.nr_remote_addrs++;
							else
								bad = 1;
					}
					if (!bad)
						vec_push(&rules, r);
				}
				app.nr_rules = rules.nr;
				app.rules = arena_memdup(l->a, rules.items, rules.nr * sizeof(*rules.items));
				vec_release(&rules);
				for (i = 0; i < apps.nr; i++)
					if (strcmp(apps.items[i].name, app.name) == 0)
						break;
				if (i < apps.nr) {
					struct diag *dg = err(l, DIAG_DUPLICATE_NAME, it->w1->at,
							      "duplicate application '%s' in profile '%s'",
							      app.name, p->name);

					diag_note(dg, apps.items[i].at, "first declared here");
					break;
				}
				if (app.path)
					vec_push(&apps, app);
				break;
			}
			case ITEM_PROCESS: {
				struct ir_process pr;

				memset(&pr, 0, sizeof(pr));
				pr.at = it->at;
				pr.path_at = it->w1->at;
				pr.path = text_of(l, it->w1, "a process path");
				for (sub = it->sub; sub; sub = sub->next) {
					if (sub->action != ACT_ALLOW) {
						err(l, DIAG_PROFILE, sub->at,
						    "process permissions can only be allowed");
						continue;
					}
					if (strcmp(sub->w1->text, "hidden-launch") == 0)
						pr.hidden_launch = true;
					else if (strcmp(sub->w1->text, "raw-sockets") == 0)
						pr.raw_sockets = true;
					else
						err(l, DIAG_BAD_VALUE, sub->w1->at,
						    "unknown process permission '%s' (use 'hidden-launch' or "
						    "'raw-sockets')", sub->w1->text);
				}
				if (pr.path)
					vec_push(&procs, pr);
				break;
			}
			default:
				BUG("unexpected item %d in profile", (int)it->kind);
			}
		}
	}
	p->nr_lan = lan.nr;
	p->lan = arena_memdup(l->a, lan.items, lan.nr * sizeof(*lan.items));
	p->nr_apps = apps.nr;
	p->apps = arena_memdup(l->a, apps.items, apps.nr * sizeof(*apps.items));
	p->nr_procs = procs.nr;
	p->procs = arena_memdup(l->a, procs.items, procs.nr * sizeof(*procs.items));
	vec_release(&lan);
	vec_release(&apps);
	vec_release(&procs);
}

/* ---- driver ---- */

struct ir_model *lower_model(struct arena *a, struct diag_sink *d, const struct ast_decl *decls,
			     const char *source_name)
{
	struct lower L, *l = &L;
	struct ir_model *m = arena_new(a, struct ir_model);
	const struct ast_decl *it;
	size_t nz = 0, nh = 0, ng = 0, nf = 0, ns = 0, np = 0, nd = 0, i;
	struct assert_vec asserts = { 0 };
	struct symtab relays = SYMTAB_INIT;
	VEC(const struct ast_decl *) relay_decls = { 0 };
	size_t nr_relay_names = 0;
	struct decl_vec *profile_blocks;

	memset(l, 0, sizeof(*l));
	l->a = a;
	l->d = d;
	l->m = m;
	m->source_name = source_name;

	for (it = decls; it; it = it->next) {
		const struct ast_word *w;

		switch (it->kind) {
		case AST_ZONE: nz++; break;
		case AST_HOST: nh++; break;
		case AST_GROUP: ng++; break;
		case AST_FIREWALL: nf++; break;
		case AST_SERVICE: ns++; break;
		case AST_PROFILE: np++; break;
		case AST_DOMAIN:
			for (w = it->list; w; w = w->next)
				nd++;
			break;
		default: break;
		}
	}
	m->zones = arena_array(a, struct ir_zone, nz ? nz : 1);
	m->hosts = arena_array(a, struct ir_host, nh ? nh : 1);
	m->groups = arena_array(a, struct ir_group, ng ? ng : 1);
	m->firewalls = arena_array(a, struct ir_firewall, nf ? nf : 1);
	m->services = arena_array(a, struct ir_service, ns ? ns : 1);
	m->profiles = arena_array(a, struct ir_profile, np ? np : 1);
	m->domains = arena_array(a, struct ir_domain, nd ? nd : 1);
	profile_blocks = xcalloc(np ? np : 1, sizeof(*profile_blocks));
	l->zi = xcalloc(nz ? nz : 1, sizeof(*l->zi));
	l->gi = xcalloc(ng ? ng : 1, sizeof(*l->gi));
	l->fw_rules = xcalloc(nf ? nf : 1, sizeof(*l->fw_rules));

	/* Pass 1: declare every name and give it its IR slot. */
	for (it = decls; it; it = it->next) {
		struct sym *s;

		l->cur = it;
		switch (it->kind) {
		case AST_ZONE:
		case AST_HOST:
		case AST_GROUP:
		case AST_FIREWALL:
			declare(l, &l->objs, it, ast_kind_name(it->kind));
			s = symtab_find(&l->objs, it->name->text);
			if (!s || s->decl != it)
				break;
			if (it->kind == AST_ZONE) {
				m->zones[m->nr_zones].index = m->nr_zones;
				s->ir = &m->zones[m->nr_zones++];
			} else if (it->kind == AST_HOST) {
				m->hosts[m->nr_hosts].index = m->nr_hosts;
				s->ir = &m->hosts[m->nr_hosts++];
			} else if (it->kind == AST_GROUP) {
				m->groups[m->nr_groups].name = it->name->text;
				m->groups[m->nr_groups].at = it->name->at;
				l->gi[m->nr_groups].decl = it;
				s->ir = &m->groups[m->nr_groups++];
			} else {
				m->firewalls[m->nr_firewalls].index = m->nr_firewalls;
				s->ir = &m->firewalls[m->nr_firewalls++];
			}
			break;
		case AST_SERVICE:
			declare(l, &l->svcs, it, "service");
			s = symtab_find(&l->svcs, it->name->text);
			if (s && s->decl == it && !s->ir)
				s->ir = &m->services[m->nr_services++];
			break;
		case AST_PROFILE: {
			int found;

			if (it->name->kind != WORD_NAME) {
				declare(l, &l->profiles, it, "profile");
				break;
			}
			s = symtab_insert(&l->profiles, it->name->text, &found);
			if (!found) {
				s->kind = (int)m->nr_profiles;
				s->decl = it;
				s->ir = &m->profiles[m->nr_profiles++];
			}
			vec_push(&profile_blocks[s->kind], it);
			break;
		}
		default:
			break;
		}
	}

	/* Domains. */
	for (it = decls; it; it = it->next) {
		const struct ast_word *w;

		if (it->kind != AST_DOMAIN)
			continue;
		l->cur = it;
		for (w = it->list; w; w = w->next) {
			char *buf = arena_alloc(a, strlen(w->text) + 1);
			enum domain_kind k;
			struct lit_error e;

			if (w->kind == WORD_STRING || w->kind == WORD_RAW ||
			    lit_parse_domain(w->text, strlen(w->text), buf, &k, &e)) {
				err(l, DIAG_BAD_VALUE, w->kind == WORD_LITERAL ? sub_span(w, e.off, e.len) : w->at,
				    "malformed domain '%s'%s%s", w->text,
				    w->kind == WORD_LITERAL ? ": " : " (write it without quotes)",
				    w->kind == WORD_LITERAL ? e.msg : "");
				continue;
			}
			if (k != DOMAIN_EXACT) {
				err(l, DIAG_BAD_VALUE, w->at,
				    "the site's own domain must be a plain domain, not the pattern '%s'",
				    w->text);
				continue;
			}
			for (i = 0; i < m->nr_domains; i++)
				if (strcmp(m->domains[i].name, buf) == 0)
					break;
			if (i < m->nr_domains) {
				struct diag *dg = err(l, DIAG_DUPLICATE_NAME, w->at,
						      "duplicate domain '%s'", w->text);

				diag_note(dg, m->domains[i].at, "first declared here");
				continue;
			}
			m->domains[m->nr_domains].name = buf;
			m->domains[m->nr_domains++].at = w->at;
		}
	}

	/* Services, zones, hosts, firewalls: in dependency order. */
	for (it = decls; it; it = it->next) {
		const struct sym *s;

		l->cur = it;
		if (it->kind == AST_SERVICE && (s = symtab_find(&l->svcs, it->name->text)) &&
		    s->decl == it)
			lower_service(l, it, s->ir);
	}
	for (it = decls; it; it = it->next) {
		const struct sym *s;

		l->cur = it;
		if (it->kind == AST_ZONE && (s = symtab_find(&l->objs, it->name->text)) &&
		    s->decl == it) {
			struct ir_zone *z = s->ir;

			lower_zone(l, it, z, &l->zi[z->index]);
		}
	}
	l->cur = NULL;
	relate_zones(l);
	for (it = decls; it; it = it->next) {
		const struct sym *s;

		l->cur = it;
		if (it->kind == AST_HOST && (s = symtab_find(&l->objs, it->name->text)) &&
		    s->decl == it)
			lower_host(l, it, s->ir);
	}
	for (it = decls; it; it = it->next) {
		const struct sym *s;

		l->cur = it;
		if (it->kind == AST_FIREWALL && (s = symtab_find(&l->objs, it->name->text)) &&
		    s->decl == it) {
			lower_firewall(l, it, s->ir);
			firewall_zones(l, s->ir);
		}
	}
	for (i = 0; i < m->nr_groups; i++)
		resolve_group(l, i);

	/* Policies, relays, profiles, asserts. */
	for (it = decls; it; it = it->next) {
		l->cur = it;
		switch (it->kind) {
		case AST_POLICY:
			lower_policy(l, it);
			break;
		case AST_RELAY: {
			int found;
			struct sym *s;

			if (it->name->kind != WORD_NAME) {
				err(l, DIAG_WRONG_KIND, it->name->at,
				    "a relay is named after its host or firewall, not '%s'",
				    it->name->text);
				break;
			}
			s = symtab_find(&l->objs, it->name->text);
			if (!s) {
				unknown(l, &l->objs, (1u << AST_HOST) | (1u << AST_FIREWALL),
					"host or firewall", it->name);
				break;
			}
			if (s->kind != AST_HOST && s->kind != AST_FIREWALL) {
				err(l, DIAG_WRONG_KIND, it->name->at,
				    "relay '%s' must run on a host or a firewall, but '%s' is %s",
				    it->name->text, it->name->text, kind_article(s->kind));
				break;
			}
			if (!s->ir)
				break;
			s = symtab_insert(&relays, it->name->text, &found);
			if (!found) {
				s->kind = (int)nr_relay_names++;
				s->decl = it;
			}
			vec_push(&relay_decls, it);
			break;
		}
		case AST_ASSERT:
			lower_assert(l, it, &asserts);
			break;
		default:
			break;
		}
	}

	/* Relays: one per host/firewall, blocks appended in source order. */
	m->relays = arena_array(a, struct ir_relay, relays.nr ? relays.nr : 1);
	l->relay_routes = xcalloc(relays.nr ? relays.nr : 1, sizeof(*l->relay_routes));
	for (i = 0; i < relay_decls.nr; i++) {
		const struct ast_decl *rd = relay_decls.items[i];
		const struct sym *rs = symtab_find(&relays, rd->name->text);
		const struct sym *os = symtab_find(&l->objs, rd->name->text);
		size_t ri = (size_t)rs->kind;
		struct ir_relay *r = &m->relays[ri];

		l->cur = rd;
		if (ri >= m->nr_relays) {
			m->nr_relays = ri + 1;
			r->name = rd->name->text;
			r->at = rd->name->at;
			if (os->kind == AST_HOST)
				r->host = os->ir;
			else
				r->fw = os->ir;
		}
		lower_routes(l, rd, r, ri);
	}
	for (i = 0; i < m->nr_relays; i++) {
		m->relays[i].nr_routes = l->relay_routes[i].nr;
		m->relays[i].routes = arena_memdup(a, l->relay_routes[i].items,
						   l->relay_routes[i].nr * sizeof(struct ir_route));
		vec_release(&l->relay_routes[i]);
	}

	for (it = decls; it; it = it->next) {
		const struct sym *s;

		l->cur = it;
		if (it->kind == AST_PROFILE && (s = symtab_find(&l->profiles, it->name->text)) &&
		    s->decl == it)
			lower_profile(l, profile_blocks[s->kind].items, profile_blocks[s->kind].nr,
				      s->ir);
	}
	for (i = 0; i < np; i++)
		vec_release(&profile_blocks[i]);
	free(profile_blocks);

	for (i = 0; i < m->nr_firewalls; i++) {
		m->firewalls[i].nr_rules = l->fw_rules[i].nr;
		m->firewalls[i].rules = arena_memdup(a, l->fw_rules[i].items,
						     l->fw_rules[i].nr * sizeof(struct ir_rule));
		vec_release(&l->fw_rules[i]);
	}
	m->nr_asserts = asserts.nr;
	m->asserts = arena_memdup(a, asserts.items, asserts.nr * sizeof(*asserts.items));

	vec_release(&asserts);
	vec_release(&relay_decls);
	symtab_release(&relays);
	free(l->relay_routes);
	free(l->fw_rules);
	for (i = 0; i < nz; i++) {
		addrset_release(&l->zi[i].nets);
		addrset_release(&l->zi[i].owned);
	}
	free(l->zi);
	free(l->gi);
	symtab_release(&l->objs);
	symtab_release(&l->svcs);
	symtab_release(&l->profiles);
	return m;
}
