/*
 * The IR: the checked, resolved, template-expanded model that analyses
 * and backends read.  Nothing here points into the AST; names are
 * resolved to pointers, addresses and ports are normalised, and every
 * object keeps the span of the text it came from (for diagnostics
 * raised by backends).  All memory belongs to the compilation arena;
 * treat the whole model as read-only once lower_model() returns.
 * Arrays are in source order unless a comment says otherwise.
 */
#ifndef MGC_IR_H
#define MGC_IR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "addr.h"
#include "lit.h"
#include "source.h"

#define IR_SCHEMA_VERSION 1

enum ir_proto {
	IR_TCP = 6,
	IR_UDP = 17
};

/* One protocol and an inclusive port range. */
struct ir_port {
	uint8_t proto;		/* enum ir_proto */
	uint16_t lo, hi;
};

struct ir_service {
	const char *name;
	struct span at;
	bool from_stdlib;	/* declared in a module of the stdlib */
	struct ir_port *ports;	/* sorted by (proto, lo), merged */
	size_t nr_ports;
};

struct ir_zone {
	const char *name;
	struct span at;
	size_t index;
	struct ip_prefix *nets;		/* as declared (normalised), source order */
	size_t nr_nets;
	const struct ir_zone *parent;	/* the smallest zone this one nests in */
	/*
	 * The addresses the zone owns: its networks minus the networks of
	 * zones nested inside it (the most specific zone owns an address).
	 * Sorted, IPv4 before IPv6, minimal prefixes.
	 */
	struct ip_prefix *owned;
	size_t nr_owned;
};

enum ir_platform {
	PLATFORM_UNSPECIFIED,
	PLATFORM_WORKSTATION,
	PLATFORM_SERVER
};

struct ir_host {
	const char *name;
	struct span at;
	size_t index;
	const struct ir_zone *zone;
	struct ip_addr *addrs;		/* source order */
	size_t nr_addrs;
	enum ir_platform platform;
};

/*
 * A reference as the user wrote it in a rule endpoint or group (for
 * outputs that show names, such as the Check Point table).
 */
enum ir_ref_kind {
	REF_ANY,
	REF_SELF,		/* the firewall the policy belongs to */
	REF_ZONE,
	REF_HOST,
	REF_GROUP,
	REF_PREFIX		/* an address or prefix literal */
};

struct ir_group;

struct ir_ref {
	enum ir_ref_kind kind;
	struct span at;
	const char *text;		/* as written (canonical for literals) */
	const struct ir_zone *zone;	/* REF_ZONE */
	const struct ir_host *host;	/* REF_HOST */
	const struct ir_group *group;	/* REF_GROUP */
	struct ip_prefix prefix;	/* REF_PREFIX */
};

/*
 * Where an endpoint is, split by zone: within `zone` (NULL: the firewall
 * itself), either all of the zone's own addresses (`whole`) or the
 * listed prefixes (sorted, minimal, IPv4 first).  An endpoint has at
 * most one place per zone, and places are sorted by zone index with the
 * firewall itself last.
 */
struct ir_place {
	const struct ir_zone *zone;
	bool whole;
	struct ip_prefix *pfx;
	size_t nr_pfx;
};

struct ir_endpoint {
	struct ir_ref *refs;		/* what was written, in order */
	size_t nr_refs;
	struct ir_place *places;	/* what it means */
	size_t nr_places;
	bool any;			/* includes `any` */
};

struct ir_group {
	const char *name;
	struct span at;
	struct ir_endpoint members;	/* groups flattened */
};

enum ir_action {
	IR_ALLOW,
	IR_DENY,		/* drop silently */
	IR_REJECT		/* refuse: TCP reset / ICMP unreachable */
};

/* A service as written in a rule: a name or a literal. */
struct ir_svc_ref {
	const struct ir_service *service;	/* NULL for a literal */
	struct span at;
	struct ir_port port;			/* literal only */
};

struct ir_rule {
	size_t index;		/* 0-based position in the firewall's policy */
	struct span at;
	enum ir_action action;
	struct ir_endpoint src, dst;
	struct ir_svc_ref *svcs;
	size_t nr_svcs;
	struct ir_port *match;	/* union of the services: sorted, merged */
	size_t nr_match;
	bool log;
	const char *comment;	/* NULL when none */
	struct span comment_at;
	const char *from_template;	/* template that produced it, or NULL */
};

struct ir_interface {
	const char *name;	/* the OS interface name */
	struct span at;
	const struct ir_zone *zone;
};

/*
 * How a zone is reached through a firewall: its own interfaces, or, for
 * a zone without one, those of the nearest enclosing zone that has one
 * (`direct` false).  Zones that no interface reaches are absent.
 */
struct ir_fw_zone {
	const struct ir_zone *zone;
	const struct ir_interface **ifaces;
	size_t nr_ifaces;
	bool direct;
};

enum ir_fw_kind {
	FW_PACKET,
	FW_PROXY
};

enum ir_smtp_proxy {
	SMTP_PROXY_UNSET,
	SMTP_PROXY_ON,
	SMTP_PROXY_OFF
};

struct ir_content_security {
	const char *product;	/* "mimesweeper" */
	struct span at;
	const char **protocols;	/* lower-case, source order */
	struct span *protocol_at;
	size_t nr_protocols;
};

struct ir_firewall {
	const char *name;
	struct span at;
	size_t index;
	enum ir_fw_kind kind;
	const char *vendor;		/* lower-case, or NULL */
	enum ir_smtp_proxy smtp_proxy;
	struct span smtp_proxy_at;
	struct ir_content_security *content_security;	/* or NULL */
	struct ip_addr *addrs;		/* the firewall's own addresses, if declared */
	size_t nr_addrs;
	struct ir_interface *ifaces;
	size_t nr_ifaces;
	struct ir_fw_zone *zones;	/* by zone index order */
	size_t nr_zones;
	struct ir_rule *rules;		/* the policy, first match wins */
	size_t nr_rules;
	bool has_policy;
};

enum ir_hop_kind {
	HOP_HOST,		/* a declared host */
	HOP_FIREWALL,		/* a declared firewall (proxy firewalls) */
	HOP_DNS,		/* MX lookup */
	HOP_LOCALHOST,		/* the relay's own machine (a moved MTA port) */
	HOP_EXTERNAL		/* a host name or address literal (smart host) */
};

struct ir_route {
	size_t index;
	struct span at;
	const char *pattern;		/* lower-case: "example.com", "*.example.com", "*.*" */
	enum domain_kind pattern_kind;
	struct span pattern_at;
	enum ir_hop_kind hop;
	const struct ir_host *host;	/* HOP_HOST */
	const struct ir_firewall *fw;	/* HOP_FIREWALL */
	const char *hop_name;		/* HOP_EXTERNAL: host name or address text */
	struct span hop_at;
	uint16_t port;			/* 25 unless given */
	bool port_given;
	struct span port_at;
};

struct ir_dialup {
	struct span at;
	const char *phonebook;		/* NULL when not given */
	uint32_t interval;		/* seconds; 0 when not given */
	const char *smarthost;		/* NULL when not given */
	struct span smarthost_at;
};

struct ir_relay {
	const char *name;		/* the host or firewall it runs on */
	struct span at;
	const struct ir_host *host;	/* exactly one of host, fw */
	const struct ir_firewall *fw;
	struct ir_route *routes;
	size_t nr_routes;
	struct ir_dialup *dialup;	/* or NULL */
};

enum ir_lan_kind {
	LAN_NETBIOS,		/* enable NetBIOS for an address or network */
	LAN_TRUST		/* a trusted network */
};

struct ir_lan {
	enum ir_lan_kind kind;
	struct span at;
	struct ip_prefix prefix;
	bool mask_notation;	/* written as address/mask */
};

/* A port in a profile rule: number/range, and the service it came from. */
struct ir_port_ref {
	uint16_t lo, hi;
	const struct ir_service *service;	/* NULL for a number */
	struct span at;
};

enum ir_dir {
	IR_IN,
	IR_OUT,
	IR_BOTH
};

struct ir_app_rule {
	struct span at;
	enum ir_action action;		/* allow or deny */
	uint8_t proto;			/* enum ir_proto */
	enum ir_dir dir;
	struct ir_port_ref *local;
	size_t nr_local;
	struct ir_port_ref *remote;
	size_t nr_remote;
	struct ip_prefix *remote_addrs;
	size_t nr_remote_addrs;
};

struct ir_application {
	const char *name;
	const char *path;		/* as written (raw) */
	struct span at, path_at;
	struct ir_app_rule *rules;
	size_t nr_rules;
};

struct ir_process {
	const char *path;
	struct span at, path_at;
	bool hidden_launch;		/* allow launching hidden processes */
	bool raw_sockets;		/* allow raw sockets */
};

enum ir_mode {
	MODE_UNSET,
	MODE_INTERACTIVE,
	MODE_NON_INTERACTIVE
};

struct ir_profile {
	const char *name;
	struct span at;
	const struct ir_host *host;
	enum ir_mode mode;
	struct span mode_at;
	struct ir_lan *lan;
	size_t nr_lan;
	struct ir_application *apps;
	size_t nr_apps;
	struct ir_process *procs;
	size_t nr_procs;
};

struct ir_assert {
	struct span at;
	const struct ir_firewall *fw;
	enum ir_action action;		/* IR_ALLOW or IR_DENY ("not allowed") */
	struct ir_endpoint src, dst;
	struct ir_svc_ref *svcs;
	size_t nr_svcs;
	struct ir_port *match;
	size_t nr_match;
	const char *from_template;
};

struct ir_domain {
	const char *name;
	struct span at;
};

struct ir_model {
	const char *source_name;	/* the main file as given on the command line */
	struct ir_domain *domains;
	size_t nr_domains;
	struct ir_service *services;
	size_t nr_services;
	struct ir_zone *zones;
	size_t nr_zones;
	struct ir_host *hosts;
	size_t nr_hosts;
	struct ir_group *groups;
	size_t nr_groups;
	struct ir_firewall *firewalls;
	size_t nr_firewalls;
	struct ir_relay *relays;
	size_t nr_relays;
	struct ir_profile *profiles;
	size_t nr_profiles;
	struct ir_assert *asserts;
	size_t nr_asserts;
};

const char *ir_action_name(enum ir_action a);	/* "allow", "deny", "reject" */
const char *ir_proto_name(uint8_t proto);	/* "tcp", "udp" */
const char *ir_hop_kind_name(enum ir_hop_kind k);

/* Lookups by name (linear; for --device and tests). */
const struct ir_firewall *ir_find_firewall(const struct ir_model *m, const char *name);
const struct ir_host *ir_find_host(const struct ir_model *m, const char *name);
const struct ir_relay *ir_find_relay(const struct ir_model *m, const char *name);
const struct ir_profile *ir_find_profile(const struct ir_model *m, const char *name);

#endif
