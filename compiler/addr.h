/*
 * IP addresses and prefixes: precise parsing (so `192.l68.1.2` gets a
 * message naming the bad octet), canonical formatting, and the prefix
 * arithmetic the checks and backends share.  The lexer accepts any
 * address-like word; this module decides what is wrong with it.
 * Values are plain structs; nothing here allocates.
 */
#ifndef MGC_ADDR_H
#define MGC_ADDR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum ip_family {
	IP_V4 = 4,
	IP_V6 = 6
};

/* An address; IPv4 uses b[0..3] (network order), the rest is zero. */
struct ip_addr {
	uint8_t family;		/* enum ip_family */
	uint8_t b[16];
};

struct ip_prefix {
	struct ip_addr addr;
	uint8_t len;		/* 0..32 or 0..128 */
};

/* An inclusive address range of one family. */
struct ip_range {
	struct ip_addr lo, hi;
};

/*
 * What is wrong with a literal, and where: `off`/`len` are a byte range
 * within the text passed in, so the caller can put the caret exactly on
 * the bad octet or group.  msg follows the diagnostics style ("octet
 * 'l68' is not a number", "prefix length 33 is larger than 32").
 */
struct lit_error {
	char msg[192];
	size_t off, len;
};

/* Maximum length of a formatted address or prefix, with NUL. */
#define IP_STRLEN 50

/* Parse a single address (no '/'). */
int ip_parse_addr(const char *s, size_t n, struct ip_addr *out, struct lit_error *e);

/*
 * Parse an address, "addr/len" or IPv4 "addr/mask" (dotted mask, must be
 * contiguous).  A bare address gives a /32 or /128.  Host bits beyond
 * the length are kept as written: check with ip_prefix_has_host_bits().
 * *was_mask (may be NULL) is set when the mask notation was used.
 */
int ip_parse_prefix(const char *s, size_t n, struct ip_prefix *out, bool *was_mask,
		    struct lit_error *e);

bool ip_prefix_has_host_bits(const struct ip_prefix *p);
/* Clear the host bits (the network address of p). */
struct ip_prefix ip_prefix_network(const struct ip_prefix *p);

unsigned ip_family_bits(int family);	/* 32 or 128 */

/* Canonical text: dotted quad; RFC 5952 for IPv6. */
void ip_addr_format(const struct ip_addr *a, char buf[IP_STRLEN]);
/* "a.b.c.d/len"; a host prefix (/32, /128) is printed with its length too. */
void ip_prefix_format(const struct ip_prefix *p, char buf[IP_STRLEN]);
/* Dotted IPv4 netmask for a length 0..32 ("255.255.255.0"). */
void ip_mask_format(unsigned len, char buf[IP_STRLEN]);

int ip_addr_cmp(const struct ip_addr *a, const struct ip_addr *b);	/* family, then value */
int ip_prefix_cmp(const struct ip_prefix *a, const struct ip_prefix *b); /* by first address, then shorter first */
bool ip_prefix_contains(const struct ip_prefix *outer, const struct ip_prefix *inner);
bool ip_prefix_overlaps(const struct ip_prefix *a, const struct ip_prefix *b);
bool ip_prefix_contains_addr(const struct ip_prefix *p, const struct ip_addr *a);

/* First and last address of a prefix. */
struct ip_range ip_prefix_range(const struct ip_prefix *p);

/*
 * Cover the range [lo, hi] exactly with the fewest prefixes, written to
 * out[0..max-1] in ascending order.  Returns the number needed (which
 * may exceed max: call again with a larger buffer; at most 2*128).
 */
size_t ip_range_to_prefixes(const struct ip_range *r, struct ip_prefix *out, size_t max);

/* a + 1 and a - 1 within the family; return false on wrap-around. */
bool ip_addr_inc(struct ip_addr *a);
bool ip_addr_dec(struct ip_addr *a);

#endif
