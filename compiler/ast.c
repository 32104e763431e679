/*
 * AST constructors, list reversal and template cloning.  See ast.h.
 */
#include "ast.h"

#include <string.h>

#include "util.h"

const char *ast_kind_name(enum ast_kind kind)
{
	static const char *const names[] = {
		[AST_IMPORT] = "import", [AST_DOMAIN] = "domain",
		[AST_SERVICE] = "service", [AST_ZONE] = "zone",
		[AST_HOST] = "host", [AST_GROUP] = "group",
		[AST_FIREWALL] = "firewall", [AST_POLICY] = "policy",
		[AST_RELAY] = "relay", [AST_PROFILE] = "profile",
		[AST_ASSERT] = "assert", [AST_TEMPLATE] = "template",
		[AST_USE] = "use", [AST_IF] = "if", [AST_ERROR] = "error",
	};

	if ((size_t)kind >= countof(names) || !names[kind])
		BUG("unknown AST kind %d", (int)kind);
	return names[kind];
}

const char *ast_action_name(enum ast_action act)
{
	switch (act) {
	case ACT_ALLOW: return "allow";
	case ACT_DENY: return "deny";
	case ACT_REJECT: return "reject";
	}
	BUG("unknown action %d", (int)act);
}

struct ast_word *ast_word_new(struct arena *a, enum ast_word_kind kind, const char *text,
			      struct span at)
{
	struct ast_word *w = arena_new(a, struct ast_word);

	w->kind = kind;
	w->text = text;
	w->at = at;
	return w;
}

struct ast_decl *ast_decl_new(struct arena *a, enum ast_kind kind, struct span at)
{
	struct ast_decl *d = arena_new(a, struct ast_decl);

	d->kind = kind;
	d->at = at;
	return d;
}

struct ast_item *ast_item_new(struct arena *a, enum ast_item_kind kind, struct span at)
{
	struct ast_item *it = arena_new(a, struct ast_item);

	it->kind = kind;
	it->at = at;
	return it;
}

#define DEFINE_REVERSE(fn, type)					\
type *fn(type *list)							\
{									\
	type *prev = NULL;						\
									\
	while (list) {							\
		type *next = list->next;				\
									\
		list->next = prev;					\
		prev = list;						\
		list = next;						\
	}								\
	return prev;							\
}

DEFINE_REVERSE(ast_word_reverse, struct ast_word)
DEFINE_REVERSE(ast_item_reverse, struct ast_item)
DEFINE_REVERSE(ast_decl_reverse, struct ast_decl)
DEFINE_REVERSE(ast_svc_reverse, struct ast_svc)
DEFINE_REVERSE(ast_param_reverse, struct ast_param)

/* Template cloning with parameter substitution. */

struct clone_ctx {
	struct arena *a;
	const struct ast_binding *b;
	size_t nb;
};

static struct ast_word *clone_word(const struct clone_ctx *c, const struct ast_word *w)
{
	struct ast_word *n;
	size_t i;

	if (!w)
		return NULL;
	n = arena_memdup(c->a, w, sizeof(*w));
	n->next = NULL;
	if (w->kind == WORD_NAME)
		for (i = 0; i < c->nb; i++)
			if (strcmp(c->b[i].name, w->text) == 0) {
				n->kind = c->b[i].value->kind;
				n->text = c->b[i].value->text;
				n->at = c->b[i].value->at;
				break;
			}
	return n;
}

static struct ast_word *clone_words(const struct clone_ctx *c, const struct ast_word *w)
{
	struct ast_word *head = NULL, **tail = &head;

	for (; w; w = w->next) {
		*tail = clone_word(c, w);
		tail = &(*tail)->next;
	}
	return head;
}

static struct ast_svc *clone_svcs(const struct clone_ctx *c, const struct ast_svc *s)
{
	struct ast_svc *head = NULL, **tail = &head;

	for (; s; s = s->next) {
		struct ast_svc *n = arena_memdup(c->a, s, sizeof(*s));

		n->next = NULL;
		n->name = clone_word(c, s->name);
		n->ports = clone_words(c, s->ports);
		*tail = n;
		tail = &n->next;
	}
	return head;
}

static struct ast_rule *clone_rule(const struct clone_ctx *c, const struct ast_rule *r)
{
	struct ast_rule *n;

	if (!r)
		return NULL;
	n = arena_memdup(c->a, r, sizeof(*r));
	n->svcs = clone_svcs(c, r->svcs);
	n->from = clone_words(c, r->from);
	n->to = clone_words(c, r->to);
	n->comment = clone_word(c, r->comment);
	return n;
}

static struct ast_item *clone_items(const struct clone_ctx *c, const struct ast_item *it)
{
	struct ast_item *head = NULL, **tail = &head;

	for (; it; it = it->next) {
		struct ast_item *n = arena_memdup(c->a, it, sizeof(*it));

		n->next = NULL;
		n->w1 = clone_word(c, it->w1);
		n->w2 = clone_word(c, it->w2);
		n->w3 = clone_word(c, it->w3);
		n->list = clone_words(c, it->list);
		n->sub = clone_items(c, it->sub);
		n->rule = clone_rule(c, it->rule);
		n->local_ports = clone_words(c, it->local_ports);
		n->remote_ports = clone_words(c, it->remote_ports);
		n->remote_addrs = clone_words(c, it->remote_addrs);
		if (it->kind == ITEM_APP_RULE)
			n->w1 = n->local_ports;
		*tail = n;
		tail = &n->next;
	}
	return head;
}

static struct ast_param *clone_params(const struct clone_ctx *c, const struct ast_param *p)
{
	struct ast_param *head = NULL, **tail = &head;

	for (; p; p = p->next) {
		struct ast_param *n = arena_memdup(c->a, p, sizeof(*p));

		n->next = NULL;
		n->name = p->name ? arena_memdup(c->a, p->name, sizeof(*p->name)) : NULL;
		n->value = clone_word(c, p->value);
		*tail = n;
		tail = &n->next;
	}
	return head;
}

static struct ast_decl *clone_decls(const struct clone_ctx *c, const struct ast_decl *list);

static struct ast_decl *clone_decl(const struct clone_ctx *c, const struct ast_decl *d)
{
	struct ast_decl *n = arena_memdup(c->a, d, sizeof(*d));

	n->next = NULL;
	n->name = clone_word(c, d->name);
	n->w = clone_word(c, d->w);
	n->list = clone_words(c, d->list);
	n->svcs = clone_svcs(c, d->svcs);
	n->items = clone_items(c, d->items);
	n->rule = clone_rule(c, d->rule);
	n->cond_value = clone_word(c, d->cond_value);
	n->params = clone_params(c, d->params);
	n->body = clone_decls(c, d->body);
	n->else_body = clone_decls(c, d->else_body);
	return n;
}

static struct ast_decl *clone_decls(const struct clone_ctx *c, const struct ast_decl *list)
{
	struct ast_decl *head = NULL, **tail = &head;

	for (; list; list = list->next) {
		*tail = clone_decl(c, list);
		tail = &(*tail)->next;
	}
	return head;
}

struct ast_decl *ast_decl_clone(struct arena *a, const struct ast_decl *d,
				const struct ast_binding *b, size_t nb)
{
	struct clone_ctx c = { a, b, nb };

	return clone_decl(&c, d);
}
