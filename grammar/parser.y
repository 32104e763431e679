/*
 * The mgc grammar.  Pure parser with byte-offset locations, custom
 * syntax-error messages, LAC and no conflicts.  Actions only build the
 * AST; every semantic check lives in compiler/.  Error recovery works
 * at two levels: inside a block an error skips to the next ';' or to
 * the block's '}' (see the `*_items ... error` rules together with the
 * empty item ';'), and between declarations it skips to the next
 * declaration keyword.  Lists are built by prepending and reversed
 * when the enclosing construct is reduced.
 */
%require "3.6"
%define api.prefix {mg_yy}
%define api.pure full
%define api.location.type {struct span}
%define parse.error custom
%define parse.lac full
%locations
%expect 0
%param {yyscan_t scanner}
%parse-param {struct parse_ctx *ctx}

%code requires {
#include "../compiler/ast.h"
#include "../compiler/source.h"
#include "parse.h"
#ifndef YY_TYPEDEF_YY_SCANNER_T
#define YY_TYPEDEF_YY_SCANNER_T
typedef void *yyscan_t;
#endif

#define YYLLOC_DEFAULT(cur, rhs, n) do {				\
	if (n) {							\
		(cur).file = YYRHSLOC(rhs, 1).file;			\
		(cur).begin = YYRHSLOC(rhs, 1).begin;			\
		(cur).end = YYRHSLOC(rhs, n).end;			\
	} else {							\
		(cur).file = YYRHSLOC(rhs, 0).file;			\
		(cur).begin = (cur).end = YYRHSLOC(rhs, 0).end;		\
	}								\
} while (0)
}

%code {
#include <stdio.h>
#include <string.h>

#include "../compiler/arena.h"
#include "../compiler/diag.h"

int mg_yylex(MG_YYSTYPE *lval, MG_YYLTYPE *lloc, yyscan_t scanner);
static void mg_yyerror(MG_YYLTYPE *loc, yyscan_t scanner, struct parse_ctx *ctx,
		       const char *msg);

static struct ast_word *kw_word(struct parse_ctx *ctx, struct span at);
static struct ast_item *item(struct parse_ctx *ctx, enum ast_item_kind kind,
			     struct span at, struct ast_word *w1, struct ast_word *w2);
static struct ast_decl *block(struct parse_ctx *ctx, enum ast_kind kind, struct span at,
			      struct span kw_at, struct ast_word *name, struct ast_item *items);
static struct ast_item *rule_item(struct parse_ctx *ctx, struct span at, struct ast_rule *r);
}

%union {
	struct ast_word *word;
	struct ast_decl *decl;
	struct ast_item *item;
	struct ast_svc *svc;
	struct ast_rule *rule;
	struct ast_param *param;
	int num;
}

%token <word> NAME "name" LITERAL "value" STRING "string" RAW "raw string"
%token ARROW "->" EQEQ "==" NOTEQ "!="
%token KW_ADDRESS "address" KW_ALLOW "allow" KW_APPLICATION "application"
%token KW_ASSERT "assert" KW_BOTH "both" KW_COMMENT "comment"
%token KW_CONTENT_SECURITY "content-security" KW_DENY "deny" KW_DIALUP "dialup"
%token KW_DOMAIN "domain" KW_ELSE "else" KW_ERROR "error" KW_FIREWALL "firewall" KW_FOR "for"
%token KW_FROM "from" KW_GROUP "group" KW_HOST "host" KW_IF "if"
%token KW_IMPORT "import" KW_IN "in" KW_INTERFACE "interface" KW_INTERVAL "interval"
%token KW_KIND "kind" KW_LAN "lan" KW_LOCAL_PORT "local-port" KW_LOG "log"
%token KW_MODE "mode" KW_NETBIOS "netbios" KW_NETWORK "network" KW_OUT "out"
%token KW_PHONEBOOK "phonebook" KW_PLATFORM "platform" KW_POLICY "policy"
%token KW_PORT "port" KW_PROCESS "process" KW_PROFILE "profile"
%token KW_PROTOCOLS "protocols" KW_REJECT "reject" KW_RELAY "relay"
%token KW_REMOTE_ADDRESS "remote-address" KW_REMOTE_PORT "remote-port"
%token KW_ROUTE "route" KW_SERVICE "service" KW_SMARTHOST "smarthost"
%token KW_SMTP_PROXY "smtp-proxy" KW_TCP "tcp" KW_TEMPLATE "template" KW_TO "to"
%token KW_TRUST "trust" KW_UDP "udp" KW_USE "use" KW_VENDOR "vendor" KW_ZONE "zone"

%type <decl> decls decl if_decl else_opt
%type <word> name value value_any text values endpoints port_opt
%type <item> zone_items zone_item host_items host_item group_items group_item
%type <item> firewall_items firewall_item cs_items cs_item policy_items policy_item
%type <item> relay_items relay_item dialup_items dialup_item profile_items profile_item
%type <item> lan_items lan_item app_items app_item proc_items proc_item app_opts
%type <svc> svcs svc svc_lines svc_line
%type <rule> rule rule_opts
%type <param> params_opt params param args_opt args arg
%type <num> action proto dir

%%

file
	: decls			{ ctx->decls = ast_decl_reverse($1); }
	;

decls
	: %empty		{ $$ = NULL; }
	| decls decl		{ if ($2) { $2->next = $1; $$ = $2; } else $$ = $1; yyerrok; }
	| decls error		{ $$ = $1; ctx->block_error = 0; }
	;

/* decl = import | domain | service | zone | host | group | firewall
 *      | policy | relay | profile | assert | template | use | if | error */
decl
	: ';'			{ $$ = NULL; }
	| KW_IMPORT value_any ';'
		{ $$ = ast_decl_new(ctx->arena, AST_IMPORT, @$); $$->kw_at = @1; $$->w = $2; }
	| KW_DOMAIN values ';'
		{ $$ = ast_decl_new(ctx->arena, AST_DOMAIN, @$); $$->kw_at = @1;
		  $$->list = ast_word_reverse($2); }
	| KW_SERVICE name svc_line
		{ $$ = ast_decl_new(ctx->arena, AST_SERVICE, @$); $$->kw_at = @1;
		  $$->name = $2; $$->svcs = $3; }
	| KW_SERVICE name '{' svc_lines '}'
		{ $$ = ast_decl_new(ctx->arena, AST_SERVICE, @$); $$->kw_at = @1;
		  $$->name = $2; $$->svcs = ast_svc_reverse($4); }
	| KW_ZONE name '{' zone_items '}'
		{ $$ = block(ctx, AST_ZONE, @$, @1, $2, $4); }
	| KW_HOST name '{' host_items '}'
		{ $$ = block(ctx, AST_HOST, @$, @1, $2, $4); }
	| KW_GROUP name '{' group_items '}'
		{ $$ = block(ctx, AST_GROUP, @$, @1, $2, $4); }
	| KW_FIREWALL name '{' firewall_items '}'
		{ $$ = block(ctx, AST_FIREWALL, @$, @1, $2, $4); }
	| KW_POLICY name '{' policy_items '}'
		{ $$ = block(ctx, AST_POLICY, @$, @1, $2, $4); }
	| KW_RELAY name '{' relay_items '}'
		{ $$ = block(ctx, AST_RELAY, @$, @1, $2, $4); }
	| KW_PROFILE name KW_FOR KW_HOST name '{' profile_items '}'
		{ $$ = block(ctx, AST_PROFILE, @$, @1, $2, $7); $$->w = $5; }
	| KW_ASSERT name rule ';'
		{ $$ = ast_decl_new(ctx->arena, AST_ASSERT, @$); $$->kw_at = @1;
		  $$->name = $2; $$->rule = $3; $3->at = @3; }
	| KW_TEMPLATE name '(' params_opt ')' '{' decls '}'
		{ $$ = ast_decl_new(ctx->arena, AST_TEMPLATE, @$); $$->kw_at = @1;
		  $$->name = $2; $$->params = $4; $$->body = ast_decl_reverse($7); }
	| KW_USE name '(' args_opt ')' ';'
		{ $$ = ast_decl_new(ctx->arena, AST_USE, @$); $$->kw_at = @1;
		  $$->name = $2; $$->params = $4; }
	| if_decl		{ $$ = $1; }
	| KW_ERROR text ';'
		{ $$ = ast_decl_new(ctx->arena, AST_ERROR, @$); $$->kw_at = @1; $$->w = $2; }
	;

/* if_decl = "if" ["!"] name [("==" | "!=") value] "{" decls "}" ["else" (if_decl | "{" decls "}")] */
if_decl
	: KW_IF name '{' decls '}' else_opt
		{ $$ = ast_decl_new(ctx->arena, AST_IF, @$); $$->kw_at = @1; $$->name = $2;
		  $$->cond_op = COND_TRUE; $$->body = ast_decl_reverse($4); $$->else_body = $6; }
	| KW_IF '!' name '{' decls '}' else_opt
		{ $$ = ast_decl_new(ctx->arena, AST_IF, @$); $$->kw_at = @1; $$->name = $3;
		  $$->cond_op = COND_NOT; $$->body = ast_decl_reverse($5); $$->else_body = $7; }
	| KW_IF name EQEQ value_any '{' decls '}' else_opt
		{ $$ = ast_decl_new(ctx->arena, AST_IF, @$); $$->kw_at = @1; $$->name = $2;
		  $$->cond_op = COND_EQ; $$->cond_value = $4;
		  $$->body = ast_decl_reverse($6); $$->else_body = $8; }
	| KW_IF name NOTEQ value_any '{' decls '}' else_opt
		{ $$ = ast_decl_new(ctx->arena, AST_IF, @$); $$->kw_at = @1; $$->name = $2;
		  $$->cond_op = COND_NE; $$->cond_value = $4;
		  $$->body = ast_decl_reverse($6); $$->else_body = $8; }
	;

else_opt
	: %empty		{ $$ = NULL; }
	| KW_ELSE '{' decls '}'	{ $$ = ast_decl_reverse($3); }
	| KW_ELSE if_decl	{ $$ = $2; }
	;

params_opt
	: %empty		{ $$ = NULL; }
	| params		{ $$ = ast_param_reverse($1); }
	;

params
	: param			{ $$ = $1; }
	| params ',' param	{ $3->next = $1; $$ = $3; }
	;

param
	: name			{ $$ = arena_new(ctx->arena, struct ast_param); $$->name = $1; $$->at = @$; }
	| name '=' value_any	{ $$ = arena_new(ctx->arena, struct ast_param); $$->name = $1;
				  $$->value = $3; $$->at = @$; }
	;

args_opt
	: %empty		{ $$ = NULL; }
	| args			{ $$ = ast_param_reverse($1); }
	;

args
	: arg			{ $$ = $1; }
	| args ',' arg		{ $3->next = $1; $$ = $3; }
	;

arg
	: value_any		{ $$ = arena_new(ctx->arena, struct ast_param); $$->value = $1; $$->at = @$; }
	| name '=' value_any	{ $$ = arena_new(ctx->arena, struct ast_param); $$->name = $1;
				  $$->value = $3; $$->at = @$; }
	;

/* service NAME proto ports ";"  |  service NAME "{" (proto ports ";")* "}" */
svc_lines
	: %empty		{ $$ = NULL; }
	| svc_lines svc_line	{ $2->next = $1; $$ = $2; }
	| svc_lines ';'		{ $$ = $1; yyerrok; }
	| svc_lines error	{ $$ = $1; ctx->block_error = 1; }
	;

svc_line
	: proto values ';'
		{ $$ = arena_new(ctx->arena, struct ast_svc); $$->at = @$;
		  $$->proto = (enum ast_proto)$1; $$->ports = ast_word_reverse($2); }
	;

zone_items
	: %empty		{ $$ = NULL; }
	| zone_items zone_item	{ if ($2) { $2->next = $1; $$ = $2; } else $$ = $1; }
	| zone_items error	{ $$ = $1; ctx->block_error = 1; }
	;

zone_item
	: ';'			{ $$ = NULL; yyerrok; }
	| KW_NETWORK value ';'	{ $$ = item(ctx, ITEM_NETWORK, @$, $2, NULL); }
	| KW_NETWORK value error	{ $$ = item(ctx, ITEM_NETWORK, @$, $2, NULL); ctx->block_error = 1; }
	;

host_items
	: %empty		{ $$ = NULL; }
	| host_items host_item	{ if ($2) { $2->next = $1; $$ = $2; } else $$ = $1; }
	| host_items error	{ $$ = $1; ctx->block_error = 1; }
	;

host_item
	: ';'			{ $$ = NULL; yyerrok; }
	| KW_ZONE name ';'	{ $$ = item(ctx, ITEM_ZONE, @$, $2, NULL); }
	| KW_ZONE name error	{ $$ = item(ctx, ITEM_ZONE, @$, $2, NULL); ctx->block_error = 1; }
	| KW_ADDRESS value ';'	{ $$ = item(ctx, ITEM_ADDRESS, @$, $2, NULL); }
	| KW_ADDRESS value error	{ $$ = item(ctx, ITEM_ADDRESS, @$, $2, NULL); ctx->block_error = 1; }
	| KW_PLATFORM name ';'	{ $$ = item(ctx, ITEM_PLATFORM, @$, $2, NULL); }
	;

group_items
	: %empty		{ $$ = NULL; }
	| group_items group_item { if ($2) { $2->next = $1; $$ = $2; } else $$ = $1; }
	| group_items error	{ $$ = $1; ctx->block_error = 1; }
	;

group_item
	: ';'			{ $$ = NULL; yyerrok; }
	| value ';'		{ $$ = item(ctx, ITEM_MEMBER, @$, $1, NULL); }
	| value error		{ $$ = item(ctx, ITEM_MEMBER, @$, $1, NULL); ctx->block_error = 1; }
	;

firewall_items
	: %empty		{ $$ = NULL; }
	| firewall_items firewall_item { if ($2) { $2->next = $1; $$ = $2; } else $$ = $1; }
	| firewall_items error	{ $$ = $1; ctx->block_error = 1; }
	;

firewall_item
	: ';'			{ $$ = NULL; yyerrok; }
	| KW_KIND name ';'	{ $$ = item(ctx, ITEM_KIND, @$, $2, NULL); }
	| KW_VENDOR name ';'	{ $$ = item(ctx, ITEM_VENDOR, @$, $2, NULL); }
	| KW_ADDRESS value ';'	{ $$ = item(ctx, ITEM_ADDRESS, @$, $2, NULL); }
	| KW_INTERFACE value KW_ZONE name ';'
				{ $$ = item(ctx, ITEM_INTERFACE, @$, $2, $4); }
	| KW_SMTP_PROXY name ';' { $$ = item(ctx, ITEM_SMTP_PROXY, @$, $2, NULL); }
	| KW_CONTENT_SECURITY name '{' cs_items '}'
				{ $$ = item(ctx, ITEM_CONTENT_SECURITY, @$, $2, NULL);
				  $$->sub = ast_item_reverse($4); }
	;

cs_items
	: %empty		{ $$ = NULL; }
	| cs_items cs_item	{ if ($2) { $2->next = $1; $$ = $2; } else $$ = $1; }
	| cs_items error	{ $$ = $1; ctx->block_error = 1; }
	;

cs_item
	: ';'			{ $$ = NULL; yyerrok; }
	| KW_PROTOCOLS values ';' { $$ = item(ctx, ITEM_NETWORK, @$, NULL, NULL);
				    $$->kind = ITEM_CONTENT_SECURITY; $$->list = ast_word_reverse($2); }
	;

policy_items
	: %empty		{ $$ = NULL; }
	| policy_items policy_item { if ($2) { $2->next = $1; $$ = $2; } else $$ = $1; }
	| policy_items error	{ $$ = $1; ctx->block_error = 1; }
	;

policy_item
	: ';'			{ $$ = NULL; yyerrok; }
	| rule ';'		{ $$ = rule_item(ctx, @1, $1); }
	| rule error		{ $$ = rule_item(ctx, @1, $1); ctx->block_error = 1; }
	;

/* rule = action svc {"," svc} "from" endpoints "to" endpoints {"log" | "comment" text} */
rule
	: rule_opts		{ $$ = $1; }
	;

rule_opts
	: action svcs KW_FROM endpoints KW_TO endpoints
		{ $$ = arena_new(ctx->arena, struct ast_rule); $$->action = (enum ast_action)$1;
		  $$->svcs = ast_svc_reverse($2); $$->from = ast_word_reverse($4);
		  $$->to = ast_word_reverse($6); }
	| rule_opts KW_LOG	{ $$ = $1; $$->log = true; $$->log_at = @2; }
	| rule_opts KW_COMMENT text { $$ = $1; $$->comment = $3; }
	;

action
	: KW_ALLOW		{ $$ = ACT_ALLOW; }
	| KW_DENY		{ $$ = ACT_DENY; }
	| KW_REJECT		{ $$ = ACT_REJECT; }
	;

svcs
	: svc			{ $$ = $1; }
	| svcs ',' svc		{ $3->next = $1; $$ = $3; }
	;

svc
	: name			{ $$ = arena_new(ctx->arena, struct ast_svc); $$->at = @$; $$->name = $1; }
	| proto LITERAL		{ $$ = arena_new(ctx->arena, struct ast_svc); $$->at = @$;
				  $$->proto = (enum ast_proto)$1; $$->ports = $2; }
	;

proto
	: KW_TCP		{ $$ = PROTO_TCP; }
	| KW_UDP		{ $$ = PROTO_UDP; }
	;

endpoints
	: value			{ $$ = $1; }
	| endpoints ',' value	{ $3->next = $1; $$ = $3; }
	;

relay_items
	: %empty		{ $$ = NULL; }
	| relay_items relay_item { if ($2) { $2->next = $1; $$ = $2; } else $$ = $1; }
	| relay_items error	{ $$ = $1; ctx->block_error = 1; }
	;

/* route = "route" pattern "->" hop ["port" N] ";" */
relay_item
	: ';'			{ $$ = NULL; yyerrok; }
	| KW_ROUTE value ARROW value port_opt ';'
				{ $$ = item(ctx, ITEM_ROUTE, @$, $2, $4); $$->w3 = $5; }
	| KW_DIALUP '{' dialup_items '}'
				{ $$ = item(ctx, ITEM_DIALUP, @$, NULL, NULL);
				  $$->sub = ast_item_reverse($3); }
	;

port_opt
	: %empty		{ $$ = NULL; }
	| KW_PORT value		{ $$ = $2; }
	;

dialup_items
	: %empty		{ $$ = NULL; }
	| dialup_items dialup_item { if ($2) { $2->next = $1; $$ = $2; } else $$ = $1; }
	| dialup_items error	{ $$ = $1; ctx->block_error = 1; }
	;

dialup_item
	: ';'			{ $$ = NULL; yyerrok; }
	| KW_PHONEBOOK text ';'	{ $$ = item(ctx, ITEM_PHONEBOOK, @$, $2, NULL); }
	| KW_INTERVAL value ';'	{ $$ = item(ctx, ITEM_INTERVAL, @$, $2, NULL); }
	| KW_SMARTHOST value ';' { $$ = item(ctx, ITEM_SMARTHOST, @$, $2, NULL); }
	;

profile_items
	: %empty		{ $$ = NULL; }
	| profile_items profile_item { if ($2) { $2->next = $1; $$ = $2; } else $$ = $1; }
	| profile_items error	{ $$ = $1; ctx->block_error = 1; }
	;

profile_item
	: ';'			{ $$ = NULL; yyerrok; }
	| KW_MODE name ';'	{ $$ = item(ctx, ITEM_MODE, @$, $2, NULL); }
	| KW_LAN '{' lan_items '}'
				{ $$ = item(ctx, ITEM_LAN, @$, NULL, NULL);
				  $$->sub = ast_item_reverse($3); }
	| KW_APPLICATION name text '{' app_items '}'
				{ $$ = item(ctx, ITEM_APPLICATION, @$, $2, $3);
				  $$->sub = ast_item_reverse($5); }
	| KW_PROCESS text '{' proc_items '}'
				{ $$ = item(ctx, ITEM_PROCESS, @$, $2, NULL);
				  $$->sub = ast_item_reverse($4); }
	;

lan_items
	: %empty		{ $$ = NULL; }
	| lan_items lan_item	{ if ($2) { $2->next = $1; $$ = $2; } else $$ = $1; }
	| lan_items error	{ $$ = $1; ctx->block_error = 1; }
	;

lan_item
	: ';'			{ $$ = NULL; yyerrok; }
	| KW_NETBIOS value ';'	{ $$ = item(ctx, ITEM_NETBIOS, @$, $2, NULL); }
	| KW_TRUST value ';'	{ $$ = item(ctx, ITEM_TRUST, @$, $2, NULL); }
	;

app_items
	: %empty		{ $$ = NULL; }
	| app_items app_item	{ if ($2) { $2->next = $1; $$ = $2; } else $$ = $1; }
	| app_items error	{ $$ = $1; ctx->block_error = 1; }
	;

/* app_rule = action proto dir {"local-port" ports | "remote-port" ports | "remote-address" addrs} ";" */
app_item
	: ';'			{ $$ = NULL; yyerrok; }
	| app_opts ';'		{ $$ = $1; $$->at = @1; }
	;

app_opts
	: action proto dir
		{ $$ = item(ctx, ITEM_APP_RULE, @$, NULL, NULL); $$->action = (enum ast_action)$1;
		  $$->proto = (enum ast_proto)$2; $$->dir = (enum ast_dir)$3; }
	| app_opts KW_LOCAL_PORT values
		{ $$ = $1; $$->local_ports = ast_word_reverse($3); $$->w1 = $$->local_ports; }
	| app_opts KW_REMOTE_PORT values
		{ $$ = $1; $$->remote_ports = ast_word_reverse($3); }
	| app_opts KW_REMOTE_ADDRESS values
		{ $$ = $1; $$->remote_addrs = ast_word_reverse($3); }
	;

dir
	: KW_IN			{ $$ = DIR_IN; }
	| KW_OUT		{ $$ = DIR_OUT; }
	| KW_BOTH		{ $$ = DIR_BOTH; }
	;

proc_items
	: %empty		{ $$ = NULL; }
	| proc_items proc_item	{ if ($2) { $2->next = $1; $$ = $2; } else $$ = $1; }
	| proc_items error	{ $$ = $1; ctx->block_error = 1; }
	;

proc_item
	: ';'			{ $$ = NULL; yyerrok; }
	| action name ';'	{ $$ = item(ctx, ITEM_PERMIT, @$, $2, NULL);
				  $$->action = (enum ast_action)$1; }
	;

/* A list of values separated by commas (domains, ports, protocols). */
values
	: value			{ $$ = $1; }
	| values ',' value	{ $3->next = $1; $$ = $3; }
	;

/* Free text: a string, a raw string, or a template parameter. */
text
	: STRING		{ $$ = $1; }
	| RAW			{ $$ = $1; }
	| name			{ $$ = $1; }
	;

value_any
	: value			{ $$ = $1; }
	| STRING		{ $$ = $1; }
	| RAW			{ $$ = $1; }
	;

value
	: name			{ $$ = $1; }
	| LITERAL		{ $$ = $1; }
	;

/* Names: identifiers, and keywords wherever that is unambiguous. */
name
	: NAME			{ $$ = $1; }
	| KW_ADDRESS		{ $$ = kw_word(ctx, @1); }
	| KW_APPLICATION	{ $$ = kw_word(ctx, @1); }
	| KW_BOTH		{ $$ = kw_word(ctx, @1); }
	| KW_COMMENT		{ $$ = kw_word(ctx, @1); }
	| KW_DIALUP		{ $$ = kw_word(ctx, @1); }
	| KW_DOMAIN		{ $$ = kw_word(ctx, @1); }
	| KW_IN			{ $$ = kw_word(ctx, @1); }
	| KW_INTERFACE		{ $$ = kw_word(ctx, @1); }
	| KW_INTERVAL		{ $$ = kw_word(ctx, @1); }
	| KW_KIND		{ $$ = kw_word(ctx, @1); }
	| KW_LAN		{ $$ = kw_word(ctx, @1); }
	| KW_LOG		{ $$ = kw_word(ctx, @1); }
	| KW_MODE		{ $$ = kw_word(ctx, @1); }
	| KW_NETBIOS		{ $$ = kw_word(ctx, @1); }
	| KW_NETWORK		{ $$ = kw_word(ctx, @1); }
	| KW_OUT		{ $$ = kw_word(ctx, @1); }
	| KW_PHONEBOOK		{ $$ = kw_word(ctx, @1); }
	| KW_PLATFORM		{ $$ = kw_word(ctx, @1); }
	| KW_PORT		{ $$ = kw_word(ctx, @1); }
	| KW_PROCESS		{ $$ = kw_word(ctx, @1); }
	| KW_PROTOCOLS		{ $$ = kw_word(ctx, @1); }
	| KW_ROUTE		{ $$ = kw_word(ctx, @1); }
	| KW_SMARTHOST		{ $$ = kw_word(ctx, @1); }
	| KW_TRUST		{ $$ = kw_word(ctx, @1); }
	| KW_VENDOR		{ $$ = kw_word(ctx, @1); }
	| KW_ZONE		{ $$ = kw_word(ctx, @1); }
	| KW_ERROR		{ $$ = kw_word(ctx, @1); }
	| KW_HOST		{ $$ = kw_word(ctx, @1); }
	| KW_GROUP		{ $$ = kw_word(ctx, @1); }
	| KW_FIREWALL		{ $$ = kw_word(ctx, @1); }
	| KW_POLICY		{ $$ = kw_word(ctx, @1); }
	| KW_RELAY		{ $$ = kw_word(ctx, @1); }
	| KW_PROFILE		{ $$ = kw_word(ctx, @1); }
	| KW_SERVICE		{ $$ = kw_word(ctx, @1); }
	| KW_IMPORT		{ $$ = kw_word(ctx, @1); }
	| KW_TEMPLATE		{ $$ = kw_word(ctx, @1); }
	| KW_USE		{ $$ = kw_word(ctx, @1); }
	| KW_ASSERT		{ $$ = kw_word(ctx, @1); }
	| KW_CONTENT_SECURITY	{ $$ = kw_word(ctx, @1); }
	| KW_SMTP_PROXY		{ $$ = kw_word(ctx, @1); }
	| KW_LOCAL_PORT		{ $$ = kw_word(ctx, @1); }
	| KW_REMOTE_PORT	{ $$ = kw_word(ctx, @1); }
	| KW_REMOTE_ADDRESS	{ $$ = kw_word(ctx, @1); }
	;

%%

static struct ast_word *kw_word(struct parse_ctx *ctx, struct span at)
{
	return ast_word_new(ctx->arena, WORD_NAME,
			    arena_strndup(ctx->arena, ctx->text + at.begin, at.end - at.begin), at);
}

static struct ast_item *item(struct parse_ctx *ctx, enum ast_item_kind kind,
			     struct span at, struct ast_word *w1, struct ast_word *w2)
{
	struct ast_item *it = ast_item_new(ctx->arena, kind, at);

	it->w1 = w1;
	it->w2 = w2;
	return it;
}

static struct ast_decl *block(struct parse_ctx *ctx, enum ast_kind kind, struct span at,
			      struct span kw_at, struct ast_word *name, struct ast_item *items)
{
	struct ast_decl *d = ast_decl_new(ctx->arena, kind, at);

	d->has_error = ctx->block_error;
	ctx->block_error = 0;
	d->kw_at = kw_at;
	d->name = name;
	d->items = ast_item_reverse(items);
	return d;
}

static struct ast_item *rule_item(struct parse_ctx *ctx, struct span at, struct ast_rule *r)
{
	struct ast_item *it = ast_item_new(ctx->arena, ITEM_RULE, at);

	r->at = at;
	it->rule = r;
	return it;
}

/* Keywords and punctuation are quoted; token classes are described. */
static void symbol_text(yysymbol_kind_t sym, char *buf, size_t size)
{
	const char *s = yysymbol_name(sym);

	switch (sym) {
	case YYSYMBOL_YYEOF:
		snprintf(buf, size, "end of file");
		break;
	case YYSYMBOL_NAME:
	case YYSYMBOL_LITERAL:
	case YYSYMBOL_STRING:
	case YYSYMBOL_RAW:
	case YYSYMBOL_YYerror:
	case YYSYMBOL_YYUNDEF:
		snprintf(buf, size, "%s", s);
		break;
	default:
		if (s[0] == '\'' || s[0] == '"')
			snprintf(buf, size, "%s", s);
		else
			snprintf(buf, size, "'%s'", s);
		break;
	}
}

static int yyreport_syntax_error(const yypcontext_t *pc, yyscan_t scanner,
				 struct parse_ctx *ctx)
{
	enum { MAX_EXPECTED = 6 };
	yysymbol_kind_t expected[MAX_EXPECTED];
	yysymbol_kind_t got = yypcontext_token(pc);
	const MG_YYLTYPE *loc = yypcontext_location(pc);
	char gotbuf[64], buf[512], one[64];
	int n = yypcontext_expected_tokens(pc, expected, MAX_EXPECTED);
	int i;
	size_t len;

	(void)scanner;
	ctx->nr_errors++;
	symbol_text(got, gotbuf, sizeof(gotbuf));
	if (got == YYSYMBOL_NAME || got == YYSYMBOL_LITERAL || got == YYSYMBOL_STRING) {
		size_t w = loc->end - loc->begin;

		if (w > 40)
			w = 40;
		snprintf(gotbuf, sizeof(gotbuf), "'%.*s'", (int)w, ctx->text + loc->begin);
	}

	if (n == 1 && strcmp(yysymbol_name(expected[0]), "';'") == 0) {
		/* A missing ';': point just after the previous token, as GCC does. */
		struct span at = { loc->file, ctx->prev_end, ctx->prev_end };

		diag_error(ctx->diag, DIAG_SYNTAX, at, "expected ';' before %s", gotbuf);
		return 0;
	}
	len = (size_t)snprintf(buf, sizeof(buf), "unexpected %s", gotbuf);
	if (n > 0 && n < MAX_EXPECTED) {
		len += (size_t)snprintf(buf + len, sizeof(buf) - len, " (expected ");
		for (i = 0; i < n && len < sizeof(buf); i++) {
			symbol_text(expected[i], one, sizeof(one));
			len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%s",
						i == 0 ? "" : i + 1 == n ? " or " : ", ", one);
		}
		if (len < sizeof(buf))
			snprintf(buf + len, sizeof(buf) - len, ")");
	}
	diag_error(ctx->diag, DIAG_SYNTAX, *loc, "%s", buf);
	return 0;
}

static void mg_yyerror(MG_YYLTYPE *loc, yyscan_t scanner, struct parse_ctx *ctx,
		       const char *msg)
{
	(void)scanner;
	ctx->nr_errors++;
	if (strcmp(msg, "memory exhausted") == 0)
		diag_error(ctx->diag, DIAG_LIMIT, *loc,
			   "declarations nested too deeply (the parser's stack is full)");
	else
		diag_error(ctx->diag, DIAG_SYNTAX, *loc, "%s", msg);
}
