/*
 * IP addresses and prefixes: parsing with precise errors, canonical
 * formatting and prefix arithmetic.  See addr.h.
 *
 * The parsers return 0 on success and -1 on error, with *e filled in
 * (e may be NULL when the caller only wants a yes or no).  They read
 * exactly n bytes, never a terminating NUL, and classify characters by
 * hand rather than with <ctype.h>, whose answers depend on the locale.
 *
 * Left to right, the first problem wins, so "192.l68.1.2" reports the
 * octet 'l68' and not the missing fourth octet of some other reading.
 */
#include "addr.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "util.h"

/* Room for one quoted excerpt of the input in a message (see quote()). */
#define QUOTE_SIZE 64

/* Numbers are accumulated up to this and then stick: all we need is "too big". */
#define NUM_BIG 100000UL

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_alnum(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int hex_value(char c)
{
	if (is_digit(c))
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

MG_PRINTF(4, 5)
static int fail(struct lit_error *e, size_t off, size_t len, const char *fmt, ...)
{
	va_list ap;

	if (!e)
		return -1;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	e->off = off;
	e->len = len;
	return -1;
}

/*
 * s[0..n) made safe to print between single quotes: printable ASCII
 * stays, a quote or backslash gets a backslash, other bytes become \xNN,
 * and long text is cut short with "...".  Two excerpts always fit in
 * struct lit_error's msg.
 */
static const char *quote(char buf[QUOTE_SIZE], const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t i, o = 0;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		size_t need = c == '\'' || c == '\\' ? 2 : c >= 0x20 && c < 0x7f ? 1 : 4;

		if (o + need > QUOTE_SIZE - 8) {	/* keep room for "..." and NUL */
			memcpy(buf + o, "...", 3);
			o += 3;
			break;
		}
		if (need == 2) {
			buf[o++] = '\\';
			buf[o++] = (char)c;
		} else if (need == 1) {
			buf[o++] = (char)c;
		} else {
			buf[o++] = '\\';
			buf[o++] = 'x';
			buf[o++] = hex[c >> 4];
			buf[o++] = hex[c & 15];
		}
	}
	buf[o] = '\0';
	return buf;
}

unsigned ip_family_bits(int family)
{
	if (family == IP_V4)
		return 32;
	if (family == IP_V6)
		return 128;
	BUG("unknown address family %d", family);
}

static unsigned addr_bits(const struct ip_addr *a)
{
	return ip_family_bits(a->family);
}

static unsigned prefix_bits(const struct ip_prefix *p)
{
	unsigned bits = addr_bits(&p->addr);

	if (p->len > bits)
		BUG("prefix length %u in an IPv%u prefix", (unsigned)p->len,
		    (unsigned)p->addr.family);
	return bits;
}

/* ---- parsing ---------------------------------------------------------- */

/*
 * One octet s[i..j) of a dotted quad: decimal 0..255 without a leading
 * zero.  inet_aton() and the tools built on it read "010" as octal 8,
 * so a leading zero is ambiguous and refused, saying what it could mean.
 */
static int octet_parse(const char *s, size_t i, size_t j, uint8_t *out, struct lit_error *e)
{
	char q[QUOTE_SIZE];
	unsigned long dec = 0, oct = 0;
	bool octal = true;
	size_t k;

	for (k = i; k < j; k++) {
		if (!is_digit(s[k])) {
			quote(q, s + i, j - i);
			if (j - i > 2 && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X'))
				return fail(e, i, j - i,
					    "octet '%s' is not a number (write octets in decimal)", q);
			return fail(e, i, j - i, "octet '%s' is not a number", q);
		}
		if (s[k] > '7')
			octal = false;
		dec = dec < NUM_BIG ? dec * 10 + (unsigned long)(s[k] - '0') : NUM_BIG;
		oct = oct < NUM_BIG ? oct * 8 + (unsigned long)(s[k] - '0') : NUM_BIG;
	}
	quote(q, s + i, j - i);
	if (j - i > 1 && s[i] == '0') {
		bool ambiguous = octal && oct != dec && oct <= 255;

		if (ambiguous && dec <= 255)
			return fail(e, i, j - i,
				    "octet '%s' has a leading zero (ambiguous: some tools read it as octal %lu; write '%lu' or '%lu')",
				    q, oct, dec, oct);
		if (ambiguous)
			return fail(e, i, j - i,
				    "octet '%s' has a leading zero (ambiguous: some tools read it as octal %lu; write '%lu' if that is meant)",
				    q, oct, oct);
		if (dec <= 255)
			return fail(e, i, j - i, "octet '%s' has a leading zero (write '%lu')", q, dec);
	}
	if (dec > 255)
		return fail(e, i, j - i, "octet '%s' is larger than 255", q);
	*out = (uint8_t)dec;
	return 0;
}

/*
 * A dotted quad s[start..end); every byte of the span belongs to it.
 * `what` names it in messages ("address", "mask", ...).
 *
 *	v4 = octet '.' octet '.' octet '.' octet
 */
static int v4_parse(const char *s, size_t start, size_t end, const char *what, uint8_t b[4],
		    struct lit_error *e)
{
	char q[QUOTE_SIZE];
	size_t i = start, j, nr = 0;

	if (start == end)
		return fail(e, start, 0, "empty %s", what);
	quote(q, s + start, end - start);
	for (;;) {
		for (j = i; j < end && s[j] != '.'; j++)
			;
		if (j == i) {
			if (i == start)
				return fail(e, i, 1, "%s '%s' starts with '.'", what, q);
			if (i == end)
				return fail(e, i - 1, 1, "%s '%s' ends with '.'", what, q);
			return fail(e, i, 1, "%s '%s' has an empty octet", what, q);
		}
		if (nr == 4)
			return fail(e, i, end - i,
				    "%s '%s' has too many octets (an IPv4 address has 4)", what, q);
		if (octet_parse(s, i, j, &b[nr], e))
			return -1;
		nr++;
		if (j == end)
			break;
		i = j + 1;
	}
	if (nr < 4)
		return fail(e, start, end - start,
			    "%s '%s' has too few octets (an IPv4 address has 4)", what, q);
	return 0;
}

static int v6_too_many(const char *q, bool gap, size_t off, size_t len, struct lit_error *e)
{
	if (gap)
		return fail(e, off, len,
			    "address '%s' has too many groups (an IPv6 address has 8, and '::' stands for at least one)",
			    q);
	return fail(e, off, len, "address '%s' has too many groups (an IPv6 address has 8)", q);
}

/*
 * An IPv6 address s[start..end) (RFC 4291 section 2.2), with at most one
 * "::" and an optional dotted IPv4 tail (::ffff:192.0.2.1).
 *
 *	v6 = [group {':' group}] ['::' [group {':' group}]] [':' v4]
 */
static int v6_parse(const char *s, size_t start, size_t end, uint8_t b[16], struct lit_error *e)
{
	char q[QUOTE_SIZE], q2[QUOTE_SIZE];
	uint16_t g[8];
	size_t ng = 0, i = start, j, k, x;
	long gap = -1;		/* index of the group "::" stands before, or -1 */

	quote(q, s + start, end - start);
	if (end - start >= 2 && s[start] == ':' && s[start + 1] == ':') {
		gap = 0;
		i += 2;
	} else if (s[start] == ':') {
		return fail(e, start, 1, "address '%s' starts with a single ':'", q);
	}
	while (i < end) {
		bool dotted = false;
		unsigned v = 0;

		for (j = i; j < end && s[j] != ':'; j++)
			if (s[j] == '.')
				dotted = true;
		if (j == i)
			return fail(e, i, 1, "address '%s' has an empty group", q);
		if (ng == 8 || (gap >= 0 && ng == 7) || (dotted && ng + 2 > (gap >= 0 ? 7u : 8u)))
			return v6_too_many(q, gap >= 0, i, end - i, e);
		if (dotted) {
			uint8_t v4[4];

			if (j < end)
				return fail(e, i, j - i, "embedded IPv4 address '%s' must come last",
					    quote(q2, s + i, j - i));
			if (v4_parse(s, i, j, "embedded IPv4 address", v4, e))
				return -1;
			g[ng++] = (uint16_t)(v4[0] << 8 | v4[1]);
			g[ng++] = (uint16_t)(v4[2] << 8 | v4[3]);
			break;
		}
		for (k = i; k < j; k++)
			if (hex_value(s[k]) < 0)
				return fail(e, i, j - i, "group '%s' is not a hexadecimal number",
					    quote(q2, s + i, j - i));
		if (j - i > 4)
			return fail(e, i, j - i, "group '%s' has more than 4 hex digits",
				    quote(q2, s + i, j - i));
		for (k = i; k < j; k++)
			v = v * 16 + (unsigned)hex_value(s[k]);
		g[ng++] = (uint16_t)v;
		if (j == end)
			break;
		if (j + 1 < end && s[j + 1] == ':') {
			if (gap >= 0)
				return fail(e, j, 2,
					    "address '%s' has more than one '::' (only one run of zero groups may be left out)",
					    q);
			gap = (long)ng;
			i = j + 2;
		} else if (j + 1 == end) {
			return fail(e, j, 1, "address '%s' ends with a single ':'", q);
		} else {
			i = j + 1;
		}
	}
	if (gap >= 0 && ng > 7)
		return v6_too_many(q, true, start, end - start, e);
	if (gap < 0 && ng < 8)
		return fail(e, start, end - start,
			    "address '%s' has too few groups (an IPv6 address has 8; write '::' for a run of zero groups)",
			    q);
	memset(b, 0, 16);
	for (x = 0; x < ng; x++) {
		size_t pos = gap >= 0 && x >= (size_t)gap ? x + 8 - ng : x;

		b[2 * pos] = (uint8_t)(g[x] >> 8);
		b[2 * pos + 1] = (uint8_t)(g[x] & 0xff);
	}
	return 0;
}

/*
 * The family is decided by the first separator: "1.2.3.4:25" is an IPv4
 * address with something after it, "fe80::1" and "::1" are IPv6.  The
 * address then runs as far as the characters it may contain, and what
 * follows is reported as such.
 */
int ip_parse_addr(const char *s, size_t n, struct ip_addr *out, struct lit_error *e)
{
	char q[QUOTE_SIZE], q2[QUOTE_SIZE];
	size_t i, end;

	memset(out, 0, sizeof(*out));
	if (n == 0)
		return fail(e, 0, 0, "empty address");
	for (i = 0; i < n && is_alnum(s[i]); i++)
		;
	if (i < n && s[i] == ':') {
		for (end = i; end < n && (is_alnum(s[end]) || s[end] == ':' || s[end] == '.'); end++)
			;
		if (v6_parse(s, 0, end, out->b, e))
			return -1;
		out->family = IP_V6;
	} else {
		for (end = i; end < n && (is_alnum(s[end]) || s[end] == '.'); end++)
			;
		if (end == 0)
			return fail(e, 0, 1, "'%s' is not an address", quote(q, s, n));
		if (v4_parse(s, 0, end, "address", out->b, e))
			return -1;
		out->family = IP_V4;
	}
	if (end < n) {
		if (out->family == IP_V6 && s[end] == '%')
			return fail(e, end, n - end, "zone index '%s' is not supported",
				    quote(q, s + end, n - end));
		return fail(e, end, n - end, "unexpected '%s' after address '%s'",
			    quote(q, s + end, n - end), quote(q2, s, end));
	}
	return 0;
}

/* A dotted IPv4 mask s[start..n): must be ones followed by zeros. */
static int mask_parse(const char *s, size_t start, size_t n, uint8_t *len, struct lit_error *e)
{
	char q[QUOTE_SIZE];
	uint8_t m[4];
	uint32_t mask, inv;
	unsigned ones = 0;

	if (v4_parse(s, start, n, "mask", m, e))
		return -1;
	mask = (uint32_t)m[0] << 24 | (uint32_t)m[1] << 16 | (uint32_t)m[2] << 8 | m[3];
	inv = ~mask;
	if ((inv & (uint32_t)(inv + 1u)) != 0)
		return fail(e, start, n - start, "mask '%s' is not contiguous",
			    quote(q, s + start, n - start));
	while (ones < 32 && (mask & (UINT32_C(1) << (31 - ones))))
		ones++;
	*len = (uint8_t)ones;
	return 0;
}

/* A decimal prefix length s[start..n) for an address of `bits` bits. */
static int length_parse(const char *s, size_t start, size_t n, unsigned bits, uint8_t *len,
			struct lit_error *e)
{
	char q[QUOTE_SIZE];
	unsigned long v = 0;
	size_t k;

	quote(q, s + start, n - start);
	for (k = start; k < n; k++) {
		if (!is_digit(s[k]))
			return fail(e, start, n - start, "prefix length '%s' is not a number", q);
		v = v < NUM_BIG ? v * 10 + (unsigned long)(s[k] - '0') : NUM_BIG;
	}
	if (n - start > 1 && s[start] == '0' && v <= bits)
		return fail(e, start, n - start, "prefix length '%s' has a leading zero (write '%lu')",
			    q, v);
	if (v > bits)
		return fail(e, start, n - start, "prefix length %s is larger than %u", q, bits);
	*len = (uint8_t)v;
	return 0;
}

/*
 *	prefix = addr ['/' (length | mask)]
 */
int ip_parse_prefix(const char *s, size_t n, struct ip_prefix *out, bool *was_mask,
		    struct lit_error *e)
{
	char q[QUOTE_SIZE];
	const char *slash;
	size_t at;
	unsigned bits;

	memset(out, 0, sizeof(*out));
	if (was_mask)
		*was_mask = false;
	slash = n ? memchr(s, '/', n) : NULL;
	if (!slash) {
		if (ip_parse_addr(s, n, &out->addr, e))
			return -1;
		out->len = (uint8_t)addr_bits(&out->addr);
		return 0;
	}
	at = (size_t)(slash - s);
	if (at == 0)
		return fail(e, 0, 1, "missing address before '/'");
	if (ip_parse_addr(s, at, &out->addr, e))
		return -1;
	bits = addr_bits(&out->addr);
	if (at + 1 == n)
		return fail(e, at, 1, "missing prefix length after '/'");
	if (!memchr(s + at + 1, '.', n - at - 1))
		return length_parse(s, at + 1, n, bits, &out->len, e);
	if (out->addr.family != IP_V4)
		return fail(e, at + 1, n - at - 1,
			    "mask notation '%s' is only for IPv4 (write a prefix length, as in '/64')",
			    quote(q, s + at + 1, n - at - 1));
	if (mask_parse(s, at + 1, n, &out->len, e))
		return -1;
	if (was_mask)
		*was_mask = true;
	return 0;
}

/* ---- bits ------------------------------------------------------------- */

/* Set (ones) or clear the bits of b after the first len of nbits. */
static void fill_host_bits(uint8_t *b, unsigned nbits, unsigned len, bool ones)
{
	unsigned i;

	for (i = len / 8; i < nbits / 8; i++) {
		uint8_t host = i == len / 8 ? (uint8_t)(0xffu >> (len % 8)) : 0xff;

		if (ones)
			b[i] |= host;
		else
			b[i] &= (uint8_t)~host;
	}
}

/* Do a and b agree in their first len bits? */
static bool same_leading_bits(const uint8_t *a, const uint8_t *b, unsigned len)
{
	unsigned whole = len / 8, rest = len % 8;
	uint8_t m;

	if (memcmp(a, b, whole) != 0)
		return false;
	if (rest == 0)
		return true;
	m = (uint8_t)(0xffu << (8 - rest));
	return (a[whole] & m) == (b[whole] & m);
}

/* Number of zero bits at the end of a (its width if a is zero). */
static unsigned trailing_zeros(const struct ip_addr *a, unsigned bits)
{
	unsigned tz = 0, i = bits / 8;

	while (i-- > 0) {
		uint8_t c = a->b[i];

		if (c == 0) {
			tz += 8;
			continue;
		}
		while (!(c & 1)) {
			c >>= 1;
			tz++;
		}
		break;
	}
	return tz;
}

bool ip_prefix_has_host_bits(const struct ip_prefix *p)
{
	unsigned bits = prefix_bits(p), i;

	for (i = p->len / 8; i < bits / 8; i++) {
		uint8_t host = i == p->len / 8u ? (uint8_t)(0xffu >> (p->len % 8)) : 0xff;

		if (p->addr.b[i] & host)
			return true;
	}
	return false;
}

struct ip_prefix ip_prefix_network(const struct ip_prefix *p)
{
	struct ip_prefix r = *p;

	fill_host_bits(r.addr.b, prefix_bits(p), p->len, false);
	return r;
}

struct ip_range ip_prefix_range(const struct ip_prefix *p)
{
	struct ip_range r;
	unsigned bits = prefix_bits(p);

	r.lo = p->addr;
	r.hi = p->addr;
	fill_host_bits(r.lo.b, bits, p->len, false);
	fill_host_bits(r.hi.b, bits, p->len, true);
	return r;
}

int ip_addr_cmp(const struct ip_addr *a, const struct ip_addr *b)
{
	int c;

	if (a->family != b->family)
		return a->family < b->family ? -1 : 1;
	c = memcmp(a->b, b->b, addr_bits(a) / 8);
	return (c > 0) - (c < 0);
}

int ip_prefix_cmp(const struct ip_prefix *a, const struct ip_prefix *b)
{
	struct ip_prefix na = ip_prefix_network(a), nb = ip_prefix_network(b);
	int c = ip_addr_cmp(&na.addr, &nb.addr);

	if (c)
		return c;
	if (a->len != b->len)
		return a->len < b->len ? -1 : 1;
	return ip_addr_cmp(&a->addr, &b->addr);	/* host bits: a total order */
}

bool ip_prefix_contains(const struct ip_prefix *outer, const struct ip_prefix *inner)
{
	if (outer->addr.family != inner->addr.family)
		return false;
	(void)prefix_bits(outer);	/* checks the lengths */
	(void)prefix_bits(inner);
	return outer->len <= inner->len &&
	       same_leading_bits(outer->addr.b, inner->addr.b, outer->len);
}

bool ip_prefix_overlaps(const struct ip_prefix *a, const struct ip_prefix *b)
{
	if (a->addr.family != b->addr.family)
		return false;
	(void)prefix_bits(a);
	(void)prefix_bits(b);
	return same_leading_bits(a->addr.b, b->addr.b, a->len < b->len ? a->len : b->len);
}

bool ip_prefix_contains_addr(const struct ip_prefix *p, const struct ip_addr *a)
{
	if (p->addr.family != a->family)
		return false;
	(void)prefix_bits(p);
	return same_leading_bits(p->addr.b, a->b, p->len);
}

bool ip_addr_inc(struct ip_addr *a)
{
	unsigned nbytes = addr_bits(a) / 8, i;

	for (i = 0; i < nbytes && a->b[i] == 0xff; i++)
		;
	if (i == nbytes)
		return false;	/* all ones: left as it is */
	for (i = nbytes; i-- > 0;)
		if (++a->b[i] != 0)
			break;
	return true;
}

bool ip_addr_dec(struct ip_addr *a)
{
	unsigned nbytes = addr_bits(a) / 8, i;

	for (i = 0; i < nbytes && a->b[i] == 0; i++)
		;
	if (i == nbytes)
		return false;	/* zero: left as it is */
	for (i = nbytes; i-- > 0;)
		if (a->b[i]-- != 0)
			break;
	return true;
}

/*
 * Greedy from the bottom: at each step take the largest block that is
 * aligned at lo and ends at or before hi.  This is the minimal cover: a
 * minimal cover needs no nested blocks, so its blocks tile [lo, hi] from
 * lo upwards, and the first must start at lo; any block there is aligned
 * at lo and within hi, and taking the largest leaves a remainder whose
 * cover is never larger.
 */
size_t ip_range_to_prefixes(const struct ip_range *r, struct ip_prefix *out, size_t max)
{
	struct ip_addr lo = r->lo, last;
	unsigned bits;
	size_t count = 0;

	if (r->lo.family != r->hi.family)
		BUG("range from IPv%u to IPv%u", (unsigned)r->lo.family, (unsigned)r->hi.family);
	bits = addr_bits(&lo);
	if (ip_addr_cmp(&r->lo, &r->hi) > 0)
		return 0;
	for (;;) {
		unsigned k = trailing_zeros(&lo, bits);

		for (;;) {
			last = lo;
			fill_host_bits(last.b, bits, bits - k, true);
			if (ip_addr_cmp(&last, &r->hi) <= 0)
				break;
			k--;	/* k = 0 gives last = lo <= hi, so this stops */
		}
		if (count < max) {
			out[count].addr = lo;
			out[count].len = (uint8_t)(bits - k);
		}
		count++;
		if (ip_addr_cmp(&last, &r->hi) == 0)
			break;
		lo = last;
		ip_addr_inc(&lo);	/* last < hi: no wrap-around */
	}
	return count;
}

/* ---- formatting ------------------------------------------------------- */

/*
 * IPv6 text is RFC 5952's: lower case, no leading zeros in a group, the
 * longest run of two or more zero groups shortened to "::" (the leftmost
 * on a tie).  IPv4-mapped addresses (::ffff:0:0/96) are written with a
 * dotted tail, "::ffff:192.0.2.1", as RFC 5952 section 5 recommends:
 * that is how people and nft/ip6tables write them.  No other prefix
 * gets a dotted tail.
 */
void ip_addr_format(const struct ip_addr *a, char buf[IP_STRLEN])
{
	static const uint8_t mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };
	unsigned g[8], i, best = 0, best_len = 0, run;
	size_t o = 0;

	if (addr_bits(a) == 32) {
		snprintf(buf, IP_STRLEN, "%u.%u.%u.%u", a->b[0], a->b[1], a->b[2], a->b[3]);
		return;
	}
	if (memcmp(a->b, mapped, sizeof(mapped)) == 0) {
		snprintf(buf, IP_STRLEN, "::ffff:%u.%u.%u.%u", a->b[12], a->b[13], a->b[14],
			 a->b[15]);
		return;
	}
	for (i = 0; i < 8; i++)
		g[i] = (unsigned)a->b[2 * i] << 8 | a->b[2 * i + 1];
	for (i = 0; i < 8; i += run ? run : 1) {
		for (run = 0; i + run < 8 && g[i + run] == 0; run++)
			;
		if (run >= 2 && run > best_len) {
			best = i;
			best_len = run;
		}
	}
	for (i = 0; i < 8;) {
		if (best_len && i == best) {
			buf[o++] = ':';
			buf[o++] = ':';
			i += best_len;
			continue;
		}
		if (o > 0 && buf[o - 1] != ':')
			buf[o++] = ':';
		o += (size_t)snprintf(buf + o, IP_STRLEN - o, "%x", g[i]);
		i++;
	}
	buf[o] = '\0';
}

void ip_prefix_format(const struct ip_prefix *p, char buf[IP_STRLEN])
{
	size_t o;

	(void)prefix_bits(p);
	ip_addr_format(&p->addr, buf);
	o = strlen(buf);
	snprintf(buf + o, IP_STRLEN - o, "/%u", (unsigned)p->len);
}

void ip_mask_format(unsigned len, char buf[IP_STRLEN])
{
	uint32_t m;

	if (len > 32)
		BUG("IPv4 mask of length %u", len);
	m = len == 0 ? 0 : UINT32_C(0xffffffff) << (32 - len);
	snprintf(buf, IP_STRLEN, "%u.%u.%u.%u", (unsigned)(m >> 24), (unsigned)(m >> 16 & 0xff),
		 (unsigned)(m >> 8 & 0xff), (unsigned)(m & 0xff));
}
