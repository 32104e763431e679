/*
 * Ports, plain integers, durations, mail domain patterns and host names.
 * See lit.h.
 *
 * As in addr.c, the parsers return 0 on success and -1 on error with *e
 * filled in (e may be NULL), read exactly n bytes, and classify
 * characters by hand rather than with the locale-dependent <ctype.h>.
 * Decimal numbers with a leading zero are refused everywhere: tools
 * that parse with strtoul(..., 0), iptables among them, read "025" as
 * octal 21.
 */
#include "lit.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "util.h"

#define QUOTE_SIZE 64

/* Numbers are accumulated up to this and then stick: all we need is "too big". */
#define NUM_BIG (1UL << 31)

#define MAX_LABEL 63
#define MAX_NAME 253

#define SECONDS_PER_YEAR (UINT64_C(365) * 86400)

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static char to_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
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

/* s[0..n) made safe to print between single quotes (as in addr.c). */
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

/* The digits s[i..j) (all digits, checked by the caller), saturating at NUM_BIG. */
static unsigned long digits_value(const char *s, size_t i, size_t j)
{
	unsigned long v = 0;

	for (; i < j; i++)
		v = v < NUM_BIG ? v * 10 + (unsigned long)(s[i] - '0') : NUM_BIG;
	return v;
}

static bool all_digits(const char *s, size_t i, size_t j)
{
	for (; i < j; i++)
		if (!is_digit(s[i]))
			return false;
	return true;
}

/* ---- ports and integers ----------------------------------------------- */

/* One port s[i..j), 1..65535. */
static int port_parse(const char *s, size_t i, size_t j, uint16_t *out, struct lit_error *e)
{
	char q[QUOTE_SIZE];
	unsigned long v;

	quote(q, s + i, j - i);
	if (!all_digits(s, i, j))
		return fail(e, i, j - i, "port '%s' is not a number", q);
	v = digits_value(s, i, j);
	if (v == 0 && j - i == 1)
		return fail(e, i, j - i, "port 0 is out of range (ports are 1-65535)");
	if (s[i] == '0' && v >= 1 && v <= 65535)
		return fail(e, i, j - i, "port '%s' has a leading zero (write '%lu')", q, v);
	if (v == 0 || v > 65535)
		return fail(e, i, j - i, "port '%s' is out of range (ports are 1-65535)", q);
	*out = (uint16_t)v;
	return 0;
}

/*
 *	ports = port ['-' port]
 */
int lit_parse_ports(const char *s, size_t n, uint16_t *lo, uint16_t *hi, struct lit_error *e)
{
	char q[QUOTE_SIZE];
	const char *dash;
	size_t at;

	if (n == 0)
		return fail(e, 0, 0, "expected a port number");
	dash = memchr(s, '-', n);
	if (!dash) {
		if (port_parse(s, 0, n, lo, e))
			return -1;
		*hi = *lo;
		return 0;
	}
	at = (size_t)(dash - s);
	if (at == 0)
		return fail(e, 0, 1, "missing port before '-'");
	if (at + 1 == n)
		return fail(e, at, 1, "missing port after '-'");
	if (port_parse(s, 0, at, lo, e) || port_parse(s, at + 1, n, hi, e))
		return -1;
	if (*lo > *hi)
		return fail(e, 0, n, "range '%s' is reversed (write the low port first)",
			    quote(q, s, n));
	return 0;
}

int lit_parse_uint(const char *s, size_t n, unsigned long min, unsigned long max,
		   unsigned long *out, struct lit_error *e)
{
	char q[QUOTE_SIZE];
	unsigned long v = 0;
	bool big = false;
	size_t i;

	if (n == 0)
		return fail(e, 0, 0, "expected a number");
	quote(q, s, n);
	if (!all_digits(s, 0, n))
		return fail(e, 0, n, "'%s' is not a number", q);
	for (i = 0; i < n; i++) {
		unsigned long d = (unsigned long)(s[i] - '0');

		if (d > max || v > (max - d) / 10) {
			big = true;	/* larger than max, and maybe than ULONG_MAX */
			break;
		}
		v = v * 10 + d;
	}
	if (n > 1 && s[0] == '0' && !big && v >= min)
		return fail(e, 0, n, "number '%s' has a leading zero (write '%lu')", q, v);
	if (big || v < min)
		return fail(e, 0, n, "number '%s' is out of range (expected %lu-%lu)", q, min, max);
	*out = v;
	return 0;
}

/* ---- durations -------------------------------------------------------- */

static const struct {
	char unit;
	uint32_t seconds;
} units[] = {			/* largest first: the order they must be written in */
	{ 'd', 86400 },
	{ 'h', 3600 },
	{ 'm', 60 },
	{ 's', 1 },
};

/*
 *	duration = number unit {number unit}	unit = 'd' | 'h' | 'm' | 's'
 *
 * Units are written largest first, each at most once ("1h30m").  The
 * total must be at least a second and less than a year (365 days).
 */
int lit_parse_duration(const char *s, size_t n, uint32_t *seconds, struct lit_error *e)
{
	char q[QUOTE_SIZE], q2[QUOTE_SIZE], canon[32], advice[48];
	uint64_t total = 0;
	size_t i = 0, prev = countof(units), bad_off = 0, bad_len = 0;
	bool repeated = false, disordered = false;
	char repeated_unit = 0;

	if (n == 0)
		return fail(e, 0, 0, "empty duration");
	quote(q, s, n);
	while (i < n) {
		size_t j = i, k, u;
		uint64_t v;

		while (j < n && is_digit(s[j]))
			j++;
		if (j == i) {
			if (is_alpha(s[i]))
				return fail(e, i, 1, "duration '%s' has no number before '%s'", q,
					    quote(q2, s + i, 1));
			return fail(e, i, 1, "unexpected '%s' in duration '%s' (write whole numbers with s, m, h or d)",
				    quote(q2, s + i, 1), q);
		}
		for (k = j; k < n && is_alpha(s[k]); k++)
			;
		if (k == j) {
			quote(q2, s + i, j - i);
			if (j < n)
				return fail(e, j, 1, "unexpected '%s' in duration '%s' (write whole numbers with s, m, h or d)",
					    quote(q2, s + j, 1), q);
			if (i == 0)
				return fail(e, i, j - i, "duration '%s' has no unit (write %ss, %sm or %sh)",
					    q, q2, q2, q2);
			return fail(e, i, j - i, "number '%s' in duration '%s' has no unit (write %ss, %sm or %sh)",
				    q2, q, q2, q2, q2);
		}
		for (u = 0; u < countof(units); u++)
			if (k - j == 1 && s[j] == units[u].unit)
				break;
		if (u == countof(units))
			return fail(e, j, k - j, "unknown unit '%s' in duration '%s' (use s, m, h or d)",
				    quote(q2, s + j, k - j), q);
		if (u <= prev && prev != countof(units) && !repeated && !disordered) {
			repeated = u == prev;
			disordered = u < prev;
			repeated_unit = units[u].unit;
			bad_off = i;
			bad_len = k - i;
		}
		prev = u;
		v = digits_value(s, i, j);
		if (v > SECONDS_PER_YEAR)
			v = SECONDS_PER_YEAR;	/* too long whatever the unit */
		total += v * units[u].seconds;
		if (total > SECONDS_PER_YEAR)
			total = SECONDS_PER_YEAR;
		i = k;
	}
	if (repeated || disordered) {
		/* Suggest the canonical spelling when there is one. */
		if (total == 0 || total >= SECONDS_PER_YEAR) {
			strcpy(advice, "each unit once, the largest first");
		} else {
			lit_format_duration((uint32_t)total, canon);
			snprintf(advice, sizeof(advice), "'%s'", canon);
		}
		if (repeated)
			return fail(e, bad_off, bad_len, "duration '%s' repeats unit '%c' (write %s)",
				    q, repeated_unit, advice);
		return fail(e, bad_off, bad_len, "duration '%s' has units out of order (write %s)",
			    q, advice);
	}
	if (total == 0)
		return fail(e, 0, n, "duration '%s' is zero (it must be at least 1s)", q);
	if (total >= SECONDS_PER_YEAR)
		return fail(e, 0, n, "duration '%s' is too long (it must be less than 365d)", q);
	*seconds = (uint32_t)total;
	return 0;
}

void lit_format_duration(uint32_t seconds, char buf[32])
{
	size_t u, o = 0;
	uint32_t left = seconds;

	if (seconds == 0) {
		strcpy(buf, "0s");
		return;
	}
	buf[0] = '\0';
	for (u = 0; u < countof(units); u++) {
		uint32_t v = left / units[u].seconds;

		if (v == 0)
			continue;
		left -= v * units[u].seconds;
		o += (size_t)snprintf(buf + o, 32 - o, "%lu%c", (unsigned long)v, units[u].unit);
	}
}

/* ---- domains and host names ------------------------------------------- */

/*
 * Check the LDH labels s[start..n) of a domain (is_domain) or a host
 * name.  A '*' is refused here: the only wildcards are the ones
 * lit_parse_domain() took off the front already.
 *
 *	name = label {'.' label}	label = ldh {ldh}, no '-' at either end
 */
static int labels_check(const char *s, size_t n, size_t start, bool is_domain,
			struct lit_error *e)
{
	const char *noun = is_domain ? "domain" : "host name";
	char q[QUOTE_SIZE], q2[QUOTE_SIZE];
	size_t i = start, j, k, last = start;

	quote(q, s, n);
	for (;;) {
		for (j = i; j < n && s[j] != '.'; j++)
			;
		if (j == i) {
			if (i == 0 && is_domain)
				return fail(e, i, 1,
					    "domain '%s' starts with '.' (write '*%s' for its subdomains)",
					    q, q);
			if (i == 0)
				return fail(e, i, 1, "%s '%s' starts with '.'", noun, q);
			if (i == n)
				return fail(e, i - 1, 1, "%s '%s' ends with '.' (drop the final dot)",
					    noun, q);
			return fail(e, i, 1, "%s '%s' has an empty label", noun, q);
		}
		quote(q2, s + i, j - i);
		for (k = i; k < j; k++) {
			char c = s[k];
			size_t m;

			if (is_alpha(c) || is_digit(c) || c == '-')
				continue;
			if (c == '*' && is_domain)
				return fail(e, k, 1,
					    "misplaced '*' in domain '%s' (a wildcard must be the whole first label, as in '*.example.com')",
					    q);
			if (c == '*')
				return fail(e, k, 1, "wildcard '*' is not allowed in %s '%s'", noun, q);
			if ((unsigned char)c >= 0x80) {
				for (m = k; m < j && (unsigned char)s[m] >= 0x80; m++)
					;
				return fail(e, k, m - k,
					    "label '%s' contains non-ASCII characters (write international names in their 'xn--' form)",
					    q2);
			}
			return fail(e, k, 1,
				    "label '%s' contains '%s' (only letters, digits and '-' are allowed)",
				    q2, quote(q, s + k, 1));
		}
		if (s[i] == '-')
			return fail(e, i, j - i,
				    "label '%s' starts with '-' (a label must start and end with a letter or digit)",
				    q2);
		if (s[j - 1] == '-')
			return fail(e, i, j - i,
				    "label '%s' ends with '-' (a label must start and end with a letter or digit)",
				    q2);
		if (j - i > MAX_LABEL)
			return fail(e, i, j - i, "label '%s' is %zu bytes long (the limit is %d)",
				    q2, j - i, MAX_LABEL);
		last = i;
		if (j == n)
			break;
		i = j + 1;
	}
	if (n - start > MAX_NAME)
		return fail(e, start, n - start, "%s '%s' is %zu bytes long (the limit is %d)",
			    noun, q, n - start, MAX_NAME);
	if (all_digits(s, last, n))
		return fail(e, 0, n,
			    "%s '%s' looks like an address (the last label must not be all digits)",
			    noun, q);
	return 0;
}

static void copy_lower(char *out, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		out[i] = to_lower(s[i]);
	out[n] = '\0';
}

int lit_parse_domain(const char *s, size_t n, char *out, enum domain_kind *kind,
		     struct lit_error *e)
{
	char q[QUOTE_SIZE];

	if (n == 0)
		return fail(e, 0, 0, "empty domain");
	if ((n == 1 && s[0] == '*') || (n == 3 && !memcmp(s, "*.*", 3))) {
		*kind = DOMAIN_ANY;
		copy_lower(out, s, n);
		return 0;
	}
	if (n >= 2 && s[0] == '*' && s[1] == '.') {
		if (n == 2)
			return fail(e, 0, n, "domain '%s' has nothing after '*.' (write '*.*' for every domain)",
				    quote(q, s, n));
		if (labels_check(s, n, 2, true, e))
			return -1;
		*kind = DOMAIN_SUBDOMAINS;
	} else {
		if (labels_check(s, n, 0, true, e))
			return -1;
		*kind = DOMAIN_EXACT;
	}
	copy_lower(out, s, n);
	return 0;
}

int lit_parse_hostname(const char *s, size_t n, char *out, struct lit_error *e)
{
	if (n == 0)
		return fail(e, 0, 0, "empty host name");
	if (labels_check(s, n, 0, false, e))
		return -1;
	copy_lower(out, s, n);
	return 0;
}
