/*
 * The packet space of one firewall, and what its policy decides for
 * every packet in it.  This is mgc's one definition of what a policy
 * means; the shadow and assert analyses, `mgc query`, the mail-flow
 * check and the backends' tests all read it from here.
 *
 * The model.  A packet is (source place, source address, destination
 * place, destination address, protocol, destination port), where a
 * place is a zone the firewall reaches through an interface, or the
 * firewall itself (`self`).  A packet from a zone has a source address
 * the zone owns (ir_zone.owned: longest prefix over the zones'
 * networks) and arrives on one of that zone's interfaces; likewise for
 * the destination.  Both addresses have the same family.  `self` owns
 * every address of both families (the firewall's own addresses are not
 * part of the model; rules name `self`, never its addresses).  A rule
 * matches a packet when the source is in one of its source places (a
 * whole zone: any address the zone owns; prefixes: those addresses, as
 * far as the zone owns them), the destination likewise, and (protocol,
 * port) is in its match list.  Rules are tried in order; the first
 * match decides; no match is the default deny (drop).
 *
 * Representation.  The space splits into groups by (family, source
 * place, destination place, protocol); within a group a set of packets
 * is a union of boxes [source range] x [destination range] x [port
 * range].  Every rule becomes a few boxes per group it touches
 * (source ranges x destination ranges x port ranges); space_build()
 * indexes them per group by source and by destination (interval trees
 * over sorted arrays), so each question about a region looks only at
 * the boxes that can intersect it.
 *
 * Memory: everything space_build() returns is heap memory released by
 * space_free(); regions are heap vectors released by
 * space_region_release().  Nothing is allocated from the compilation
 * arena, and the IR is only read.
 */
#ifndef MGC_SPACE_H
#define MGC_SPACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../addr.h"
#include "../ir.h"

/* Rule index meaning "no rule matched: the default deny". */
#define SPACE_DEFAULT ((size_t)-1)

/*
 * One packet.  A NULL zone means the firewall itself; its address is
 * still given (any address of the packet's family will do).
 */
struct packet {
	const struct ir_zone *src_zone, *dst_zone;
	struct ip_addr src, dst;	/* same family */
	uint8_t proto;			/* enum ir_proto */
	uint16_t dport;
};

/*
 * The rule that decides p, or NULL for the default deny.  The packet's
 * addresses must be owned by its zones (see space_zone_of()).  This is
 * the reference semantics: a plain first-match scan, independent of
 * the indexed engine below.
 */
const struct ir_rule *space_decide(const struct ir_firewall *fw, const struct packet *p);

/* Does rule r match p (same conditions as space_decide())? */
bool space_rule_matches(const struct ir_rule *r, const struct packet *p);

/* The zone that owns address a (the most specific one), or NULL. */
const struct ir_zone *space_zone_of(const struct ir_model *m, const struct ip_addr *a);

/*
 * "tcp 192.0.2.1 -> 172.16.1.10 port 25 (dirty -> dmz)"; `self` for the
 * firewall itself.  Returns buf.
 */
#define PACKET_STRLEN 160
char *packet_format(const struct packet *p, char buf[PACKET_STRLEN]);

/* ---- the indexed engine ---- */

/* An address as a number: IPv4 in the low 32 bits. */
#define space_u128 unsigned __int128

/* The address of number v in family fam (the inverse of the engine's addressing). */
struct ip_addr space_num_addr(space_u128 v, int fam);

/* A box of one group; `rule` is the rule it came from (index), if any. */
struct space_box {
	space_u128 slo, shi, dlo, dhi;
	uint16_t plo, phi;
	uint32_t group;
	uint32_t rule;
	uint8_t layer_s, layer_d;	/* index use: bit lengths of shi - slo, dhi - dlo */
};

/* A set of packets: disjoint or not, as each function says. */
struct space_region {
	struct space_box *items;
	size_t nr, alloc;
};

#define SPACE_REGION_INIT { NULL, 0, 0 }

struct space;

/* Index the rules of fw (its policy, in order). */
struct space *space_build(const struct ir_firewall *fw);
void space_free(struct space *s);

/*
 * Append to out the packets that src, dst and the match list describe
 * (a rule, an assert or a query class), as boxes.  The boxes of one
 * call are disjoint.  Places of zones fw does not reach are ignored.
 */
void space_region_add(const struct space *s, const struct ir_endpoint *src,
		      const struct ir_endpoint *dst, const struct ir_port *match, size_t nr_match,
		      struct space_region *out);
/* The boxes of rule i (as indexed). */
void space_rule_region(const struct space *s, size_t i, struct space_region *out);

/* Box algebra (within one group; the caller compares groups). */
bool space_box_intersects(const struct space_box *a, const struct space_box *b);
/* a ∩ b; they must intersect. */
struct space_box space_box_meet(const struct space_box *a, const struct space_box *b);
/* Append p \ c to out as at most 6 disjoint boxes; p and c must intersect. */
void space_box_subtract(const struct space_box *p, const struct space_box *c,
			struct space_region *out);

void space_region_release(struct space_region *r);
bool space_region_empty(const struct space_region *r);

/*
 * Split `in` (disjoint boxes) by the first rule among rules [from, to)
 * that matches each packet.  For each part decided by rule j, calls
 * fn(ctx, part, j); the parts no rule in the range matches are
 * appended to *rest (if rest is not NULL) or given to fn with
 * SPACE_DEFAULT as the rule.  Parts of one box come in rule order.
 * fn returns nonzero to stop the walk; space_walk() then returns that
 * value (0 when the walk ran to the end).
 */
int space_walk(const struct space *s, const struct space_region *in, size_t from, size_t to,
	       int (*fn)(void *ctx, const struct space_box *part, size_t rule), void *ctx,
	       struct space_region *rest);

/*
 * Is every packet of `in` matched by some rule among [from, to)?  When
 * it is not, *witness (if not NULL) receives a packet that none of them
 * matches and the result is false.  When it is, the rules whose boxes
 * were needed to cover it are appended to *cover (if not NULL; rule
 * indices, sorted, without duplicates): together they match every
 * packet of `in`.
 */
struct space_rules {
	size_t *items;
	size_t nr, alloc;
};

bool space_covered(const struct space *s, const struct space_region *in, size_t from, size_t to,
		   struct packet *witness, struct space_rules *cover);

/* A packet in box b (a readable one: not a network address if avoidable). */
void space_box_packet(const struct space *s, const struct space_box *b, struct packet *p);
/* A packet of region r (preferring documentation addresses); r not empty. */
void space_region_packet(const struct space *s, const struct space_region *r, struct packet *p);
/* The box holding exactly packet p (false when p is outside fw's space). */
bool space_packet_box(const struct space *s, const struct packet *p, struct space_box *b);

/* Group of a box, for printing: family (4/6), places (NULL = self), protocol. */
void space_group_info(const struct space *s, uint32_t group, int *family,
		      const struct ir_zone **src, const struct ir_zone **dst, uint8_t *proto);

/* An address range as numbers (see space_box). */
struct space_range {
	space_u128 lo, hi;
};

/*
 * The addresses place z (NULL: the firewall itself) owns in a family,
 * as sorted, disjoint, non-adjacent ranges; *n gets the count (0 when
 * fw does not reach z).
 */
const struct space_range *space_owned(const struct space *s, const struct ir_zone *z, int family,
				      size_t *n);

/* Number of rules and boxes indexed (for timings and tests). */
size_t space_nr_boxes(const struct space *s);

#endif
