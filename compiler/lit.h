/*
 * Literals other than addresses: ports and port ranges, durations and
 * mail domain patterns.  Each parser takes the raw word the lexer
 * produced and reports a precise struct lit_error (see addr.h) on
 * failure.  Nothing here allocates.
 */
#ifndef MGC_LIT_H
#define MGC_LIT_H

#include <stddef.h>
#include <stdint.h>
#include "addr.h"

/* "25" or "1024-65535"; ports 1..65535 (0 is refused), lo <= hi. */
int lit_parse_ports(const char *s, size_t n, uint16_t *lo, uint16_t *hi, struct lit_error *e);

/* A plain integer in [min, max]. */
int lit_parse_uint(const char *s, size_t n, unsigned long min, unsigned long max,
		   unsigned long *out, struct lit_error *e);

/* "30s", "30m", "2h", "1d" (also combined: "1h30m"); result in seconds, > 0, < 1 year. */
int lit_parse_duration(const char *s, size_t n, uint32_t *seconds, struct lit_error *e);
/* Shortest canonical text for a duration: 1800 -> "30m", 5400 -> "1h30m". */
void lit_format_duration(uint32_t seconds, char buf[32]);

enum domain_kind {
	DOMAIN_EXACT,		/* example.com */
	DOMAIN_SUBDOMAINS,	/* *.example.com: strict subdomains only */
	DOMAIN_ANY		/* *.* (also "*"): every domain, the catch-all */
};

/*
 * A mail domain pattern: LDH labels (letters, digits, hyphen; no hyphen
 * at a label's ends; labels 1..63 bytes; total <= 253), an optional
 * leading "*." label, or the catch-all "*.*" / "*".  On success `out`
 * (size >= n + 1) receives the lower-cased pattern and *kind is set.
 */
int lit_parse_domain(const char *s, size_t n, char *out, enum domain_kind *kind,
		     struct lit_error *e);

/* A host name (LDH labels, no wildcard), lower-cased into out (size >= n+1). */
int lit_parse_hostname(const char *s, size_t n, char *out, struct lit_error *e);

#endif
