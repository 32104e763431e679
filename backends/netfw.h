/*
 * The network-firewall model shared by the network targets (nftables,
 * iptables, ip6tables), so that they cannot disagree on what a policy
 * means.
 *
 * A zone "class" is a zone that an interface is bound to, with the
 * zones reached through the same interfaces (zones nested in it that
 * have no interface of their own).  A packet from zone Z arrives on an
 * interface of Z's class and carries one of Z's owned addresses; zones
 * of one class are told apart by address only.  Class nr_cls stands for
 * the firewall itself (`self`).  For a rule, a class and a family, one
 * side of the rule is nothing (SIDE_NONE), every address the class owns
 * in that family (SIDE_ALL: no address match needed once the class is
 * checked), or a list of prefixes.
 */

#ifndef MGC_NETFW_H
#define MGC_NETFW_H

#include <stdbool.h>
#include <stddef.h>

#include "backend.h"


#define NO_CLASS ((size_t)-1)

enum side_kind {
	SIDE_NONE,
	SIDE_ALL,
	SIDE_SOME
};

struct side {
	enum side_kind kind;
	struct ip_prefix *pfx;	/* SIDE_SOME: sorted, none inside another (heap) */
	size_t nr;
};

struct zclass {
	const struct ir_fw_zone *fz;	/* the zone the interfaces are bound to */
	size_t *members;		/* indices into fw->zones, in zone order */
	size_t nr_members;
};

struct netfw {
	const struct ir_firewall *fw;
	struct zclass *cls;
	size_t nr_cls;
	size_t *of_zone;		/* model zone index -> class or NO_CLASS */
	size_t nr_zones;
};

void netfw_init(struct netfw *n, const struct ir_model *m, const struct ir_firewall *fw);

void netfw_release(struct netfw *n);

void netfw_side_release(struct side *s);

const struct ir_place *netfw_find_place(const struct ir_endpoint *e, const struct ir_zone *z);

bool netfw_has_self(const struct ir_endpoint *e);

size_t netfw_count_family(const struct ip_prefix *p, size_t n, int fam);

int netfw_prefix_qcmp(const void *a, const void *b);

size_t netfw_prefixes_normalize(struct ip_prefix *p, size_t n);

void netfw_classes(const struct netfw *n, const struct ir_endpoint *e, bool *flags);

void netfw_side(const struct netfw *n, const struct ir_endpoint *e, size_t cls,
		       int fam, struct side *out);

bool netfw_endpoint_has_family(const struct netfw *n, const struct ir_endpoint *e, int fam);

bool netfw_rule_names_loopback(const struct ir_rule *r);

const char *netfw_family_name(int fam);

void netfw_prefix_text(const struct ip_prefix *p, char buf[IP_STRLEN]);

unsigned netfw_span_line(const struct emit_ctx *ctx, struct span at);

int netfw_check_ifname(const struct emit_ctx *ctx, const struct ir_interface *ifc);

/* Was an address of this family written explicitly (not a whole zone)? */
bool netfw_endpoint_names_family(const struct ir_endpoint *e, int fam);

#endif
