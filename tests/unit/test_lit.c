/*
 * Unit tests for compiler/lit.c: ports, integers, durations, domain
 * patterns and host names, with the exact messages and carets.
 *
 * Every parse goes through a heap copy of exactly n bytes with no NUL
 * after it, so a sanitizer build catches any read past n.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "lit.h"

static char *exact(const char *s, size_t n)
{
	char *p = malloc(n ? n : 1);

	assert_non_null(p);
	memcpy(p, s, n);
	return p;
}

static void check_error(const struct lit_error *e, const char *msg, size_t off, size_t len)
{
	assert_string_equal(e->msg, msg);
	assert_int_equal(e->off, off);
	assert_int_equal(e->len, len);
}

/* ---- ports ------------------------------------------------------------ */

static int ports(const char *text, uint16_t *lo, uint16_t *hi, struct lit_error *e)
{
	size_t n = strlen(text);
	char *p = exact(text, n);
	int rc = lit_parse_ports(p, n, lo, hi, e);

	free(p);
	return rc;
}

static void ports_fail(const char *text, const char *msg, size_t off, size_t len)
{
	uint16_t lo, hi;
	struct lit_error e = { "", 0, 0 };

	assert_int_equal(ports(text, &lo, &hi, &e), -1);
	check_error(&e, msg, off, len);
}

static void single_port_is_a_range_of_one(void **state)
{
	uint16_t lo = 0, hi = 0;

	(void)state;
	assert_int_equal(ports("25", &lo, &hi, NULL), 0);
	assert_int_equal(lo, 25);
	assert_int_equal(hi, 25);
	assert_int_equal(ports("65535", &lo, &hi, NULL), 0);
	assert_int_equal(lo, 65535);
}

static void port_range_parses(void **state)
{
	uint16_t lo = 0, hi = 0;

	(void)state;
	assert_int_equal(ports("1024-65535", &lo, &hi, NULL), 0);
	assert_int_equal(lo, 1024);
	assert_int_equal(hi, 65535);
	assert_int_equal(ports("1-1", &lo, &hi, NULL), 0);
	assert_int_equal(lo, 1);
	assert_int_equal(hi, 1);
}

static void port_zero_is_out_of_range(void **state)
{
	(void)state;
	ports_fail("0", "port 0 is out of range (ports are 1-65535)", 0, 1);
	ports_fail("0-1023", "port 0 is out of range (ports are 1-65535)", 0, 1);
}

static void port_above_65535_is_out_of_range(void **state)
{
	(void)state;
	ports_fail("70000", "port '70000' is out of range (ports are 1-65535)", 0, 5);
	ports_fail("1024-65536", "port '65536' is out of range (ports are 1-65535)", 5, 5);
	ports_fail("99999999999999999999999", "port '99999999999999999999999' is out of range (ports are 1-65535)", 0, 23);
}

static void reversed_port_range_is_refused(void **state)
{
	(void)state;
	ports_fail("2000-1000", "range '2000-1000' is reversed (write the low port first)", 0, 9);
}

static void port_that_is_not_a_number_is_named(void **state)
{
	(void)state;
	ports_fail("smtp", "port 'smtp' is not a number", 0, 4);
	ports_fail("1000-2x", "port '2x' is not a number", 5, 2);
	ports_fail("1-2-3", "port '2-3' is not a number", 2, 3);
}

static void port_with_a_leading_zero_is_refused(void **state)
{
	(void)state;
	ports_fail("025", "port '025' has a leading zero (write '25')", 0, 3);
}

static void port_range_needs_both_ends(void **state)
{
	(void)state;
	ports_fail("-1000", "missing port before '-'", 0, 1);
	ports_fail("1000-", "missing port after '-'", 4, 1);
	ports_fail("", "expected a port number", 0, 0);
}

/* ---- integers --------------------------------------------------------- */

static int uint_parse(const char *text, unsigned long min, unsigned long max,
		      unsigned long *out, struct lit_error *e)
{
	size_t n = strlen(text);
	char *p = exact(text, n);
	int rc = lit_parse_uint(p, n, min, max, out, e);

	free(p);
	return rc;
}

static void integer_within_bounds_parses(void **state)
{
	unsigned long v = 0;

	(void)state;
	assert_int_equal(uint_parse("0", 0, 10, &v, NULL), 0);
	assert_int_equal(v, 0);
	assert_int_equal(uint_parse("10", 0, 10, &v, NULL), 0);
	assert_int_equal(v, 10);
	assert_int_equal(uint_parse("18446744073709551615", 0, (unsigned long)-1, &v, NULL),
			 sizeof(long) == 8 ? 0 : -1);
}

static void integer_outside_bounds_is_refused(void **state)
{
	unsigned long v = 0;
	struct lit_error e = { "", 0, 0 };

	(void)state;
	assert_int_equal(uint_parse("11", 1, 10, &v, &e), -1);
	check_error(&e, "number '11' is out of range (expected 1-10)", 0, 2);
	assert_int_equal(uint_parse("0", 1, 10, &v, &e), -1);
	check_error(&e, "number '0' is out of range (expected 1-10)", 0, 1);
	assert_int_equal(uint_parse("5", 0, 0, &v, &e), -1);
	check_error(&e, "number '5' is out of range (expected 0-0)", 0, 1);
	assert_int_equal(uint_parse("99999999999999999999999", 0, (unsigned long)-1, &v, &e), -1);
	assert_non_null(strstr(e.msg, "is out of range"));
}

static void integer_must_be_plain_decimal(void **state)
{
	unsigned long v = 0;
	struct lit_error e = { "", 0, 0 };

	(void)state;
	assert_int_equal(uint_parse("12a", 0, 100, &v, &e), -1);
	check_error(&e, "'12a' is not a number", 0, 3);
	assert_int_equal(uint_parse("010", 0, 100, &v, &e), -1);
	check_error(&e, "number '010' has a leading zero (write '10')", 0, 3);
	assert_int_equal(uint_parse("", 0, 100, &v, &e), -1);
	check_error(&e, "expected a number", 0, 0);
}

/* ---- durations -------------------------------------------------------- */

static int duration(const char *text, uint32_t *out, struct lit_error *e)
{
	size_t n = strlen(text);
	char *p = exact(text, n);
	int rc = lit_parse_duration(p, n, out, e);

	free(p);
	return rc;
}

static uint32_t duration_ok(const char *text)
{
	uint32_t v = 0;
	struct lit_error e = { "", 0, 0 };

	if (duration(text, &v, &e) != 0)
		fail_msg("'%s': %s", text, e.msg);
	return v;
}

static void duration_fails(const char *text, const char *msg, size_t off, size_t len)
{
	uint32_t v;
	struct lit_error e = { "", 0, 0 };

	assert_int_equal(duration(text, &v, &e), -1);
	check_error(&e, msg, off, len);
}

static void duration_units_are_seconds_minutes_hours_days(void **state)
{
	(void)state;
	assert_int_equal(duration_ok("30s"), 30);
	assert_int_equal(duration_ok("30m"), 1800);
	assert_int_equal(duration_ok("2h"), 7200);
	assert_int_equal(duration_ok("1d"), 86400);
	assert_int_equal(duration_ok("90m"), 5400);
}

static void duration_units_combine_largest_first(void **state)
{
	(void)state;
	assert_int_equal(duration_ok("1h30m"), 5400);
	assert_int_equal(duration_ok("1d2h3m4s"), 93784);
	assert_int_equal(duration_ok("0h5s"), 5);
}

static void duration_without_unit_is_refused(void **state)
{
	(void)state;
	duration_fails("30", "duration '30' has no unit (write 30s, 30m or 30h)", 0, 2);
	duration_fails("1h30", "number '30' in duration '1h30' has no unit (write 30s, 30m or 30h)",
		       2, 2);
}

static void zero_duration_is_refused(void **state)
{
	(void)state;
	duration_fails("0s", "duration '0s' is zero (it must be at least 1s)", 0, 2);
	duration_fails("0h0m", "duration '0h0m' is zero (it must be at least 1s)", 0, 4);
}

static void duration_of_a_year_or_more_is_refused(void **state)
{
	(void)state;
	duration_fails("400d", "duration '400d' is too long (it must be less than 365d)", 0, 4);
	duration_fails("365d", "duration '365d' is too long (it must be less than 365d)", 0, 4);
	duration_fails("99999999999999999999999s",
		       "duration '99999999999999999999999s' is too long (it must be less than 365d)",
		       0, 24);
	assert_int_equal(duration_ok("364d23h59m59s"), 365UL * 86400 - 1);
}

static void unknown_duration_unit_is_named(void **state)
{
	(void)state;
	duration_fails("2w", "unknown unit 'w' in duration '2w' (use s, m, h or d)", 1, 1);
	duration_fails("10ms", "unknown unit 'ms' in duration '10ms' (use s, m, h or d)", 2, 2);
	duration_fails("1H", "unknown unit 'H' in duration '1H' (use s, m, h or d)", 1, 1);
}

static void duration_units_out_of_order_are_refused(void **state)
{
	(void)state;
	duration_fails("30m1h", "duration '30m1h' has units out of order (write '1h30m')", 3, 2);
	duration_fails("1h1h", "duration '1h1h' repeats unit 'h' (write '2h')", 2, 2);
	duration_fails("1s400d",
		       "duration '1s400d' has units out of order (write each unit once, the largest first)",
		       2, 4);
}

static void duration_must_be_whole_numbers_with_units(void **state)
{
	(void)state;
	duration_fails("1.5h", "unexpected '.' in duration '1.5h' (write whole numbers with s, m, h or d)",
		       1, 1);
	duration_fails("1h 30m", "unexpected ' ' in duration '1h 30m' (write whole numbers with s, m, h or d)",
		       2, 1);
	duration_fails("h", "duration 'h' has no number before 'h'", 0, 1);
	duration_fails("", "empty duration", 0, 0);
}

static void duration_is_formatted_canonically(void **state)
{
	char buf[32];

	(void)state;
	lit_format_duration(1800, buf);
	assert_string_equal(buf, "30m");
	lit_format_duration(5400, buf);
	assert_string_equal(buf, "1h30m");
	lit_format_duration(86400, buf);
	assert_string_equal(buf, "1d");
	lit_format_duration(90061, buf);
	assert_string_equal(buf, "1d1h1m1s");
	lit_format_duration(0, buf);
	assert_string_equal(buf, "0s");
	lit_format_duration(UINT32_MAX, buf);
	assert_string_equal(buf, "49710d6h28m15s");
}

static void formatted_duration_parses_back(void **state)
{
	uint32_t s;
	char buf[32];

	(void)state;
	for (s = 1; s < 365UL * 86400; s = s * 3 + 7) {
		lit_format_duration(s, buf);
		assert_int_equal(duration_ok(buf), s);
	}
}

/* ---- domains ---------------------------------------------------------- */

static int domain(const char *text, char *out, enum domain_kind *kind, struct lit_error *e)
{
	size_t n = strlen(text);
	char *p = exact(text, n);
	int rc = lit_parse_domain(p, n, out, kind, e);

	free(p);
	return rc;
}

static void domain_ok(const char *text, const char *want, enum domain_kind want_kind)
{
	char out[300];
	enum domain_kind kind = DOMAIN_ANY;
	struct lit_error e = { "", 0, 0 };

	if (domain(text, out, &kind, &e) != 0)
		fail_msg("'%s': %s", text, e.msg);
	assert_string_equal(out, want);
	assert_int_equal(kind, want_kind);
}

static void domain_fails(const char *text, const char *msg, size_t off, size_t len)
{
	char out[300];
	enum domain_kind kind;
	struct lit_error e = { "", 0, 0 };

	assert_int_equal(domain(text, out, &kind, &e), -1);
	check_error(&e, msg, off, len);
}

static void plain_domain_is_exact_and_lower_cased(void **state)
{
	(void)state;
	domain_ok("example.com", "example.com", DOMAIN_EXACT);
	domain_ok("Mail-1.Example.COM", "mail-1.example.com", DOMAIN_EXACT);
	domain_ok("localhost", "localhost", DOMAIN_EXACT);
	domain_ok("xn--bcher-kva.example", "xn--bcher-kva.example", DOMAIN_EXACT);
	domain_ok("1example.com", "1example.com", DOMAIN_EXACT);
}

static void star_dot_domain_means_strict_subdomains(void **state)
{
	(void)state;
	domain_ok("*.Example.com", "*.example.com", DOMAIN_SUBDOMAINS);
}

static void star_and_star_dot_star_are_the_catch_all(void **state)
{
	(void)state;
	domain_ok("*.*", "*.*", DOMAIN_ANY);
	domain_ok("*", "*", DOMAIN_ANY);
}

static void star_anywhere_else_is_refused(void **state)
{
	(void)state;
	domain_fails("mail.*.com",
		     "misplaced '*' in domain 'mail.*.com' (a wildcard must be the whole first label, as in '*.example.com')",
		     5, 1);
	domain_fails("*example.com",
		     "misplaced '*' in domain '*example.com' (a wildcard must be the whole first label, as in '*.example.com')",
		     0, 1);
	domain_fails("*.*.com",
		     "misplaced '*' in domain '*.*.com' (a wildcard must be the whole first label, as in '*.example.com')",
		     2, 1);
	domain_fails("example.*",
		     "misplaced '*' in domain 'example.*' (a wildcard must be the whole first label, as in '*.example.com')",
		     8, 1);
	domain_fails("*.",
		     "domain '*.' has nothing after '*.' (write '*.*' for every domain)", 0, 2);
}

static void underscore_in_a_label_is_refused(void **state)
{
	(void)state;
	domain_fails("mail_1.example.com",
		     "label 'mail_1' contains '_' (only letters, digits and '-' are allowed)", 4, 1);
}

static void other_characters_in_a_label_are_refused(void **state)
{
	(void)state;
	domain_fails("ex!ample.com",
		     "label 'ex!ample' contains '!' (only letters, digits and '-' are allowed)", 2, 1);
	domain_fails("a.b\tc",
		     "label 'b\\x09c' contains '\\x09' (only letters, digits and '-' are allowed)", 3, 1);
}

static void non_ascii_label_asks_for_the_xn_form(void **state)
{
	(void)state;
	domain_fails("b\xc3\xbc" "cher.example",
		     "label 'b\\xc3\\xbccher' contains non-ASCII characters (write international names in their 'xn--' form)",
		     1, 2);
}

static void hyphen_at_either_end_of_a_label_is_refused(void **state)
{
	(void)state;
	domain_fails("-mail.example.com",
		     "label '-mail' starts with '-' (a label must start and end with a letter or digit)",
		     0, 5);
	domain_fails("mail.example-.com",
		     "label 'example-' ends with '-' (a label must start and end with a letter or digit)",
		     5, 8);
}

static void label_longer_than_63_bytes_is_refused(void **state)
{
	char text[80];

	(void)state;
	memset(text, 'a', 64);
	strcpy(text + 64, ".com");
	domain_fails(text,
		     "label 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...' is 64 bytes long (the limit is 63)",
		     0, 64);
	text[63] = '.';
	text[64] = 'x';
	text[65] = '\0';
	domain_ok(text + 1, text + 1, DOMAIN_EXACT);	/* 62 + ".x" */
	memset(text, 'a', 63);
	strcpy(text + 63, ".com");
	domain_ok(text, text, DOMAIN_EXACT);
}

static void domain_longer_than_253_bytes_is_refused(void **state)
{
	char text[300], want[200];
	size_t i;

	(void)state;
	for (i = 0; i < 254; i += 2) {
		text[i] = 'a';
		text[i + 1] = '.';
	}
	text[253] = '\0';	/* 127 labels "a", 253 bytes: fine */
	domain_ok(text, text, DOMAIN_EXACT);
	text[253] = 'b';
	text[254] = '\0';	/* last label "ab": 254 bytes */
	snprintf(want, sizeof(want), "domain '%.56s...' is 254 bytes long (the limit is 253)", text);
	domain_fails(text, want, 0, 254);
}

static void empty_labels_and_stray_dots_are_refused(void **state)
{
	(void)state;
	domain_fails("example..com", "domain 'example..com' has an empty label", 8, 1);
	domain_fails(".example.com",
		     "domain '.example.com' starts with '.' (write '*.example.com' for its subdomains)",
		     0, 1);
	domain_fails("example.com.", "domain 'example.com.' ends with '.' (drop the final dot)", 11, 1);
	domain_fails("*..example.com", "domain '*..example.com' has an empty label", 2, 1);
	domain_fails("", "empty domain", 0, 0);
}

static void numeric_domain_looks_like_an_address(void **state)
{
	(void)state;
	domain_fails("192.168.1.2",
		     "domain '192.168.1.2' looks like an address (the last label must not be all digits)",
		     0, 11);
}

/* ---- host names ------------------------------------------------------- */

static int hostname(const char *text, char *out, struct lit_error *e)
{
	size_t n = strlen(text);
	char *p = exact(text, n);
	int rc = lit_parse_hostname(p, n, out, e);

	free(p);
	return rc;
}

static void hostname_is_lower_cased(void **state)
{
	char out[64];

	(void)state;
	assert_int_equal(hostname("Relay.Example.COM", out, NULL), 0);
	assert_string_equal(out, "relay.example.com");
	assert_int_equal(hostname("localhost", out, NULL), 0);
	assert_string_equal(out, "localhost");
}

static void hostname_refuses_wildcards(void **state)
{
	char out[64];
	struct lit_error e = { "", 0, 0 };

	(void)state;
	assert_int_equal(hostname("*.example.com", out, &e), -1);
	check_error(&e, "wildcard '*' is not allowed in host name '*.example.com'", 0, 1);
	assert_int_equal(hostname("*", out, &e), -1);
	check_error(&e, "wildcard '*' is not allowed in host name '*'", 0, 1);
}

static void hostname_checks_labels_like_a_domain(void **state)
{
	char out[64];
	struct lit_error e = { "", 0, 0 };

	(void)state;
	assert_int_equal(hostname("smtp_relay", out, &e), -1);
	check_error(&e, "label 'smtp_relay' contains '_' (only letters, digits and '-' are allowed)",
		    4, 1);
	assert_int_equal(hostname(".relay", out, &e), -1);
	check_error(&e, "host name '.relay' starts with '.'", 0, 1);
	assert_int_equal(hostname("relay.", out, &e), -1);
	check_error(&e, "host name 'relay.' ends with '.' (drop the final dot)", 5, 1);
	assert_int_equal(hostname("", out, &e), -1);
	check_error(&e, "empty host name", 0, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(single_port_is_a_range_of_one),
		cmocka_unit_test(port_range_parses),
		cmocka_unit_test(port_zero_is_out_of_range),
		cmocka_unit_test(port_above_65535_is_out_of_range),
		cmocka_unit_test(reversed_port_range_is_refused),
		cmocka_unit_test(port_that_is_not_a_number_is_named),
		cmocka_unit_test(port_with_a_leading_zero_is_refused),
		cmocka_unit_test(port_range_needs_both_ends),
		cmocka_unit_test(integer_within_bounds_parses),
		cmocka_unit_test(integer_outside_bounds_is_refused),
		cmocka_unit_test(integer_must_be_plain_decimal),
		cmocka_unit_test(duration_units_are_seconds_minutes_hours_days),
		cmocka_unit_test(duration_units_combine_largest_first),
		cmocka_unit_test(duration_without_unit_is_refused),
		cmocka_unit_test(zero_duration_is_refused),
		cmocka_unit_test(duration_of_a_year_or_more_is_refused),
		cmocka_unit_test(unknown_duration_unit_is_named),
		cmocka_unit_test(duration_units_out_of_order_are_refused),
		cmocka_unit_test(duration_must_be_whole_numbers_with_units),
		cmocka_unit_test(duration_is_formatted_canonically),
		cmocka_unit_test(formatted_duration_parses_back),
		cmocka_unit_test(plain_domain_is_exact_and_lower_cased),
		cmocka_unit_test(star_dot_domain_means_strict_subdomains),
		cmocka_unit_test(star_and_star_dot_star_are_the_catch_all),
		cmocka_unit_test(star_anywhere_else_is_refused),
		cmocka_unit_test(underscore_in_a_label_is_refused),
		cmocka_unit_test(other_characters_in_a_label_are_refused),
		cmocka_unit_test(non_ascii_label_asks_for_the_xn_form),
		cmocka_unit_test(hyphen_at_either_end_of_a_label_is_refused),
		cmocka_unit_test(label_longer_than_63_bytes_is_refused),
		cmocka_unit_test(domain_longer_than_253_bytes_is_refused),
		cmocka_unit_test(empty_labels_and_stray_dots_are_refused),
		cmocka_unit_test(numeric_domain_looks_like_an_address),
		cmocka_unit_test(hostname_is_lower_cased),
		cmocka_unit_test(hostname_refuses_wildcards),
		cmocka_unit_test(hostname_checks_labels_like_a_domain),
	};

	return cmocka_run_group_tests_name("lit", tests, NULL, NULL);
}
