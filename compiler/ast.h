/*
 * The syntax tree of one .mg (or YAML) file, as the parser builds it.
 * Everything lives in the compilation arena.  Lists are singly linked
 * through `next` in source order.  The tree is deliberately close to
 * the text: names are not resolved and literals are not parsed (the
 * lexer is permissive; check.c and lower.c give the precise messages).
 * Only the compiler reads this; backends see ir.h.
 */
#ifndef MGC_AST_H
#define MGC_AST_H

#include <stdbool.h>
#include "arena.h"
#include "source.h"

enum ast_word_kind {
	WORD_NAME,		/* identifier or keyword used as a name */
	WORD_LITERAL,		/* address, prefix, number, range, domain, duration */
	WORD_STRING,		/* "double-quoted", escapes decoded */
	WORD_RAW		/* 'single-quoted', taken literally */
};

/* A leaf: any name or literal, with where it was written. */
struct ast_word {
	struct ast_word *next;
	enum ast_word_kind kind;
	const char *text;
	struct span at;
};

enum ast_proto {
	PROTO_NONE = 0,
	PROTO_TCP = 6,
	PROTO_UDP = 17
};

enum ast_action {
	ACT_ALLOW,
	ACT_DENY,
	ACT_REJECT
};

enum ast_dir {
	DIR_NONE,
	DIR_IN,
	DIR_OUT,
	DIR_BOTH
};

/*
 * A service reference in a rule or assert: a name (`smtp`), or a
 * literal (`tcp 20025`, `udp 137-138`); in a service declaration, one
 * protocol line (`tcp 139;`) with one or more port words.
 */
struct ast_svc {
	struct ast_svc *next;
	struct span at;
	struct ast_word *name;	/* NULL for a literal */
	enum ast_proto proto;	/* literal only */
	struct ast_word *ports;	/* literal only; list */
};

/* A policy rule or an assert. */
struct ast_rule {
	struct span at;
	enum ast_action action;
	struct ast_svc *svcs;
	struct ast_word *from, *to;	/* endpoint lists; `any`/`self` are names */
	bool log;
	struct span log_at;
	struct ast_word *comment;	/* WORD_STRING (or a template parameter) */
};

enum ast_item_kind {
	ITEM_NETWORK,		/* zone:     network W; */
	ITEM_ZONE,		/* host:     zone W; */
	ITEM_ADDRESS,		/* host, firewall: address W; */
	ITEM_PLATFORM,		/* host:     platform W; */
	ITEM_MEMBER,		/* group:    W; */
	ITEM_KIND,		/* firewall: kind W; */
	ITEM_VENDOR,		/* firewall: vendor W; */
	ITEM_INTERFACE,		/* firewall: interface W zone W2; */
	ITEM_SMTP_PROXY,	/* firewall: smtp-proxy W; */
	ITEM_CONTENT_SECURITY,	/* firewall: content-security W { protocols LIST; } */
	ITEM_RULE,		/* policy:   allow ... ; */
	ITEM_ROUTE,		/* relay:    route W -> W2 [port W3]; */
	ITEM_DIALUP,		/* relay:    dialup { SUB } */
	ITEM_PHONEBOOK,		/* dialup:   phonebook W; */
	ITEM_INTERVAL,		/* dialup:   interval W; */
	ITEM_SMARTHOST,		/* dialup:   smarthost W; */
	ITEM_MODE,		/* profile:  mode W; */
	ITEM_LAN,		/* profile:  lan { SUB } */
	ITEM_NETBIOS,		/* lan:      netbios W; */
	ITEM_TRUST,		/* lan:      trust W; */
	ITEM_APPLICATION,	/* profile:  application W W2 { SUB } */
	ITEM_APP_RULE,		/* application: allow tcp out local-port L; */
	ITEM_PROCESS,		/* profile:  process W { SUB } */
	ITEM_PERMIT		/* process:  allow W; */
};

struct ast_item {
	struct ast_item *next;
	enum ast_item_kind kind;
	struct span at;		/* the whole item */
	struct ast_word *w1, *w2, *w3;	/* positional words, see the kinds */
	struct ast_word *list;	/* protocols of content-security */
	struct ast_item *sub;	/* nested items */
	struct ast_rule *rule;	/* ITEM_RULE */
	/* ITEM_APP_RULE and ITEM_PERMIT */
	enum ast_action action;
	enum ast_proto proto;
	enum ast_dir dir;
	struct ast_word *local_ports, *remote_ports, *remote_addrs;
};

enum ast_kind {
	AST_IMPORT,		/* import W; */
	AST_DOMAIN,		/* domain LIST; */
	AST_SERVICE,		/* service NAME tcp 25; | service NAME { SVC... } */
	AST_ZONE,
	AST_HOST,
	AST_GROUP,
	AST_FIREWALL,
	AST_POLICY,		/* name = the firewall */
	AST_RELAY,		/* name = the host or firewall it runs on */
	AST_PROFILE,		/* name, w = host */
	AST_ASSERT,		/* name = the firewall */
	AST_TEMPLATE,
	AST_USE,		/* name = the template */
	AST_IF,
	AST_ERROR		/* error "message"; (templates refuse arguments) */
};

/* A template parameter (with optional default) or a `use` argument. */
struct ast_param {
	struct ast_param *next;
	struct ast_word *name;	/* NULL for a positional argument */
	struct ast_word *value;	/* default or argument value; may be NULL */
	struct span at;
};

enum ast_cond_op {
	COND_TRUE,		/* if p */
	COND_NOT,		/* if !p */
	COND_EQ,		/* if p == v */
	COND_NE			/* if p != v */
};

struct ast_decl {
	struct ast_decl *next;
	enum ast_kind kind;
	struct span at;			/* the whole declaration */
	struct span kw_at;		/* the leading keyword */
	struct ast_word *name;		/* see the kinds */
	struct ast_word *w;		/* import path; profile host */
	struct ast_word *list;		/* domain names */
	struct ast_svc *svcs;		/* service protocol lines */
	struct ast_item *items;		/* zone, host, group, firewall, policy, relay, profile */
	struct ast_rule *rule;		/* assert */
	struct ast_param *params;	/* template parameters; use arguments */
	struct ast_decl *body;		/* template body; if: then-branch */
	struct ast_decl *else_body;	/* if: else-branch (may be another AST_IF) */
	enum ast_cond_op cond_op;	/* if */
	struct ast_word *cond_value;	/* if p == v */
	bool from_stdlib;		/* read from a module in the stdlib directory */
	bool has_error;			/* syntax errors were recovered inside it */
	/* Set by template expansion: where the declaration came from. */
	const char *from_template;
	struct span use_at;
};

const char *ast_kind_name(enum ast_kind kind);	/* "zone", "host", ... */
const char *ast_action_name(enum ast_action act);	/* "allow", "deny", "reject" */

/* Constructors: zeroed nodes from the arena. */
struct ast_word *ast_word_new(struct arena *a, enum ast_word_kind kind, const char *text,
			      struct span at);
struct ast_decl *ast_decl_new(struct arena *a, enum ast_kind kind, struct span at);
struct ast_item *ast_item_new(struct arena *a, enum ast_item_kind kind, struct span at);

/*
 * The parser builds lists by prepending (O(1) per element) and reverses
 * each list once when its enclosing construct is reduced.
 */
struct ast_word *ast_word_reverse(struct ast_word *list);
struct ast_item *ast_item_reverse(struct ast_item *list);
struct ast_decl *ast_decl_reverse(struct ast_decl *list);
struct ast_svc *ast_svc_reverse(struct ast_svc *list);
struct ast_param *ast_param_reverse(struct ast_param *list);

/*
 * Deep copy of one declaration (not its successors) for template
 * expansion: every
 * WORD_NAME leaf whose text is a bound parameter is replaced by a copy
 * of the argument word (which keeps the argument's span, so a bad
 * argument is reported where it was written).
 */
struct ast_binding {
	const char *name;
	const struct ast_word *value;
};
struct ast_decl *ast_decl_clone(struct arena *a, const struct ast_decl *d,
				const struct ast_binding *b, size_t nb);

#endif
