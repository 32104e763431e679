/*
 * Unit tests for compiler/addr.c: address and prefix parsing with its
 * exact messages and carets, RFC 5952 formatting, and the prefix
 * arithmetic (ip_range_to_prefixes() checked against a brute force).
 *
 * Every parse goes through a heap copy of exactly n bytes with no NUL
 * after it, so a sanitizer build catches any read past n.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <sys/socket.h>

#include "addr.h"

/* A copy of s without its NUL, so that reading past n is caught. */
static char *exact(const char *s, size_t n)
{
	char *p = malloc(n ? n : 1);

	assert_non_null(p);
	memcpy(p, s, n);
	return p;
}

static struct ip_addr addr_ok(const char *text)
{
	struct ip_addr a;
	struct lit_error e = { "", 0, 0 };
	size_t n = strlen(text);
	char *p = exact(text, n);
	int rc = ip_parse_addr(p, n, &a, &e);

	free(p);
	if (rc != 0)
		fail_msg("'%s': %s", text, e.msg);
	return a;
}

static struct ip_prefix prefix_ok(const char *text, bool *was_mask)
{
	struct ip_prefix pfx;
	struct lit_error e = { "", 0, 0 };
	size_t n = strlen(text);
	char *p = exact(text, n);
	int rc = ip_parse_prefix(p, n, &pfx, was_mask, &e);

	free(p);
	if (rc != 0)
		fail_msg("'%s': %s", text, e.msg);
	return pfx;
}

static void addr_fails(const char *text, const char *msg, size_t off, size_t len)
{
	struct ip_addr a;
	struct lit_error e = { "", 0, 0 };
	size_t n = strlen(text);
	char *p = exact(text, n);
	int rc = ip_parse_addr(p, n, &a, &e);

	free(p);
	assert_int_equal(rc, -1);
	assert_string_equal(e.msg, msg);
	assert_int_equal(e.off, off);
	assert_int_equal(e.len, len);
}

static void prefix_fails(const char *text, const char *msg, size_t off, size_t len)
{
	struct ip_prefix pfx;
	struct lit_error e = { "", 0, 0 };
	size_t n = strlen(text);
	char *p = exact(text, n);
	int rc = ip_parse_prefix(p, n, &pfx, NULL, &e);

	free(p);
	assert_int_equal(rc, -1);
	assert_string_equal(e.msg, msg);
	assert_int_equal(e.off, off);
	assert_int_equal(e.len, len);
}

static const char *fmt_addr(const struct ip_addr *a)
{
	static char buf[IP_STRLEN];

	ip_addr_format(a, buf);
	return buf;
}

static const char *fmt_prefix(const struct ip_prefix *p)
{
	static char buf[IP_STRLEN];

	ip_prefix_format(p, buf);
	return buf;
}

/* The canonical text of the address text. */
static const char *canon(const char *text)
{
	struct ip_addr a = addr_ok(text);

	return fmt_addr(&a);
}

static bool has_host_bits(const char *text)
{
	struct ip_prefix p = prefix_ok(text, NULL);

	return ip_prefix_has_host_bits(&p);
}

static struct ip_addr v4(uint32_t x)
{
	struct ip_addr a;

	memset(&a, 0, sizeof(a));
	a.family = IP_V4;
	a.b[0] = (uint8_t)(x >> 24);
	a.b[1] = (uint8_t)(x >> 16);
	a.b[2] = (uint8_t)(x >> 8);
	a.b[3] = (uint8_t)x;
	return a;
}

/* ---- IPv4 addresses --------------------------------------------------- */

static void dotted_quad_parses_in_network_order(void **state)
{
	struct ip_addr a = addr_ok("192.168.1.2");
	static const uint8_t zero[12];

	(void)state;
	assert_int_equal(a.family, IP_V4);
	assert_int_equal(a.b[0], 192);
	assert_int_equal(a.b[1], 168);
	assert_int_equal(a.b[2], 1);
	assert_int_equal(a.b[3], 2);
	assert_memory_equal(a.b + 4, zero, sizeof(zero));
	assert_string_equal(canon("0.0.0.0"), "0.0.0.0");
	assert_string_equal(canon("255.255.255.255"), "255.255.255.255");
}

static void parsing_stops_at_n_not_at_nul(void **state)
{
	struct ip_addr a;
	struct lit_error e;

	(void)state;
	assert_int_equal(ip_parse_addr("10.1.2.3;more", 8, &a, &e), 0);
	assert_string_equal(fmt_addr(&a), "10.1.2.3");
}

static void letter_in_octet_is_named_with_its_position(void **state)
{
	(void)state;
	addr_fails("192.l68.1.2", "octet 'l68' is not a number", 4, 3);
}

static void hex_octet_asks_for_decimal(void **state)
{
	(void)state;
	addr_fails("0x7f.0.0.1", "octet '0x7f' is not a number (write octets in decimal)", 0, 4);
}

static void octet_above_255_is_refused(void **state)
{
	(void)state;
	addr_fails("10.0.0.256", "octet '256' is larger than 255", 7, 3);
	addr_fails("99999999999999999999.1.1.1",
		   "octet '99999999999999999999' is larger than 255", 0, 20);
}

static void three_octets_are_too_few(void **state)
{
	(void)state;
	addr_fails("10.1.2", "address '10.1.2' has too few octets (an IPv4 address has 4)", 0, 6);
	addr_fails("10", "address '10' has too few octets (an IPv4 address has 4)", 0, 2);
}

static void five_octets_are_too_many_and_the_extra_is_marked(void **state)
{
	(void)state;
	addr_fails("1.2.3.4.5", "address '1.2.3.4.5' has too many octets (an IPv4 address has 4)",
		   8, 1);
}

static void empty_octet_is_marked_at_its_dot(void **state)
{
	(void)state;
	addr_fails("1..3.4", "address '1..3.4' has an empty octet", 2, 1);
	addr_fails(".1.2.3", "address '.1.2.3' starts with '.'", 0, 1);
	addr_fails("1.2.3.", "address '1.2.3.' ends with '.'", 5, 1);
	addr_fails("1.2.3.4.", "address '1.2.3.4.' ends with '.'", 7, 1);
}

static void leading_zero_is_refused_as_ambiguous_octal(void **state)
{
	(void)state;
	addr_fails("10.010.0.1",
		   "octet '010' has a leading zero (ambiguous: some tools read it as octal 8; write '10' or '8')",
		   3, 3);
}

static void leading_zero_with_one_meaning_only_asks_to_drop_it(void **state)
{
	(void)state;
	addr_fails("10.08.0.1", "octet '08' has a leading zero (write '8')", 3, 2);
	addr_fails("10.00.0.1", "octet '00' has a leading zero (write '0')", 3, 2);
	addr_fails("10.007.0.1", "octet '007' has a leading zero (write '7')", 3, 3);
}

static void leading_zero_that_is_only_valid_as_octal_says_so(void **state)
{
	(void)state;
	addr_fails("0300.0.0.1",
		   "octet '0300' has a leading zero (ambiguous: some tools read it as octal 192; write '192' if that is meant)",
		   0, 4);
	addr_fails("0777.0.0.1", "octet '0777' is larger than 255", 0, 4);
}

static void text_after_an_ipv4_address_is_reported(void **state)
{
	(void)state;
	addr_fails("1.2.3.4/24", "unexpected '/24' after address '1.2.3.4'", 7, 3);
	addr_fails("1.2.3.4:25", "unexpected ':25' after address '1.2.3.4'", 7, 3);
}

static void empty_text_is_not_an_address(void **state)
{
	(void)state;
	addr_fails("", "empty address", 0, 0);
	addr_fails("-1.2.3.4", "'-1.2.3.4' is not an address", 0, 1);
}

static void odd_bytes_are_escaped_in_messages(void **state)
{
	(void)state;
	addr_fails("1.2.3.4\x01'", "unexpected '\\x01\\'' after address '1.2.3.4'", 7, 2);
}

/* ---- IPv6 addresses --------------------------------------------------- */

static void ipv6_forms_parse(void **state)
{
	struct ip_addr a;
	static const uint8_t loopback[16] = { [15] = 1 };
	static const uint8_t doc[16] = { 0x20, 0x01, 0x0d, 0xb8, [14] = 0xab, [15] = 0xcd };

	(void)state;
	a = addr_ok("::1");
	assert_int_equal(a.family, IP_V6);
	assert_memory_equal(a.b, loopback, 16);
	a = addr_ok("2001:DB8::ABCD");
	assert_memory_equal(a.b, doc, 16);
	a = addr_ok("2001:0db8:0000:0000:0000:0000:0000:abcd");
	assert_memory_equal(a.b, doc, 16);
	a = addr_ok("::");
	assert_string_equal(fmt_addr(&a), "::");
	assert_string_equal(canon("1::"), "1::");
	assert_string_equal(canon("1:2:3:4:5:6:7::"), "1:2:3:4:5:6:7:0");
	assert_string_equal(canon("::2:3:4:5:6:7:8"), "0:2:3:4:5:6:7:8");
}

static void embedded_ipv4_tail_is_accepted(void **state)
{
	struct ip_addr a = addr_ok("::ffff:1.2.3.4");
	static const uint8_t mapped[16] = { [10] = 0xff, [11] = 0xff, 1, 2, 3, 4 };

	(void)state;
	assert_int_equal(a.family, IP_V6);
	assert_memory_equal(a.b, mapped, 16);
	assert_string_equal(canon("64:ff9b::192.0.2.33"), "64:ff9b::c000:221");
	assert_string_equal(canon("1:2:3:4:5:6:1.2.3.4"), "1:2:3:4:5:6:102:304");
	assert_string_equal(canon("::1.2.3.4"), "::102:304");
}

static void second_double_colon_is_refused(void **state)
{
	(void)state;
	addr_fails("1::2::3",
		   "address '1::2::3' has more than one '::' (only one run of zero groups may be left out)",
		   4, 2);
}

static void group_of_five_hex_digits_is_named(void **state)
{
	(void)state;
	addr_fails("2001:db8::12345", "group '12345' has more than 4 hex digits", 10, 5);
}

static void group_that_is_not_hex_is_named(void **state)
{
	(void)state;
	addr_fails("fe80::g1", "group 'g1' is not a hexadecimal number", 6, 2);
}

static void nine_groups_are_too_many(void **state)
{
	(void)state;
	addr_fails("1:2:3:4:5:6:7:8:9",
		   "address '1:2:3:4:5:6:7:8:9' has too many groups (an IPv6 address has 8)", 16, 1);
}

static void double_colon_needs_room_for_a_zero_group(void **state)
{
	(void)state;
	addr_fails("1:2:3:4::5:6:7:8",
		   "address '1:2:3:4::5:6:7:8' has too many groups (an IPv6 address has 8, and '::' stands for at least one)",
		   15, 1);
	addr_fails("1:2:3:4:5:6:7:8::",
		   "address '1:2:3:4:5:6:7:8::' has too many groups (an IPv6 address has 8, and '::' stands for at least one)",
		   0, 17);
}

static void ipv4_tail_counts_as_two_groups(void **state)
{
	(void)state;
	addr_fails("1:2:3:4:5:6:7:1.2.3.4",
		   "address '1:2:3:4:5:6:7:1.2.3.4' has too many groups (an IPv6 address has 8)", 14, 7);
}

static void seven_groups_without_double_colon_are_too_few(void **state)
{
	(void)state;
	addr_fails("1:2:3:4:5:6:7",
		   "address '1:2:3:4:5:6:7' has too few groups (an IPv6 address has 8; write '::' for a run of zero groups)",
		   0, 13);
}

static void triple_colon_is_an_empty_group(void **state)
{
	(void)state;
	addr_fails("1:::2", "address '1:::2' has an empty group", 3, 1);
	addr_fails(":::", "address ':::' has an empty group", 2, 1);
}

static void single_colon_at_either_end_is_refused(void **state)
{
	(void)state;
	addr_fails(":1::2", "address ':1::2' starts with a single ':'", 0, 1);
	addr_fails("1::2:", "address '1::2:' ends with a single ':'", 4, 1);
}

static void embedded_ipv4_must_come_last(void **state)
{
	(void)state;
	addr_fails("::1.2.3.4:5", "embedded IPv4 address '1.2.3.4' must come last", 2, 7);
}

static void bad_octet_in_embedded_ipv4_is_named(void **state)
{
	(void)state;
	addr_fails("::ffff:1.2.3.l", "octet 'l' is not a number", 13, 1);
	addr_fails("::ffff:1.2.3",
		   "embedded IPv4 address '1.2.3' has too few octets (an IPv4 address has 4)", 7, 5);
}

static void zone_index_is_not_supported(void **state)
{
	(void)state;
	addr_fails("fe80::1%eth0", "zone index '%eth0' is not supported", 7, 5);
}

static void text_after_an_ipv6_address_is_reported(void **state)
{
	(void)state;
	addr_fails("::1/128", "unexpected '/128' after address '::1'", 3, 4);
}

/* ---- prefixes --------------------------------------------------------- */

static void prefix_with_length_parses(void **state)
{
	bool was_mask = true;
	struct ip_prefix p = prefix_ok("10.0.0.0/8", &was_mask);

	(void)state;
	assert_false(was_mask);
	assert_int_equal(p.len, 8);
	assert_string_equal(fmt_prefix(&p), "10.0.0.0/8");
	p = prefix_ok("2001:db8::/32", NULL);
	assert_int_equal(p.len, 32);
	assert_string_equal(fmt_prefix(&p), "2001:db8::/32");
	p = prefix_ok("0.0.0.0/0", NULL);
	assert_int_equal(p.len, 0);
}

static void bare_address_is_a_host_prefix(void **state)
{
	(void)state;
	assert_int_equal(prefix_ok("192.0.2.1", NULL).len, 32);
	assert_int_equal(prefix_ok("2001:db8::1", NULL).len, 128);
	assert_string_equal(fmt_prefix(&(struct ip_prefix){ addr_ok("192.0.2.1"), 32 }),
			    "192.0.2.1/32");
	assert_string_equal(fmt_prefix(&(struct ip_prefix){ addr_ok("::ffff:10.0.0.1"), 128 }),
			    "::ffff:10.0.0.1/128");
}

static void host_bits_are_kept_and_detected(void **state)
{
	struct ip_prefix p = prefix_ok("192.168.1.7/24", NULL), net;

	(void)state;
	assert_string_equal(fmt_prefix(&p), "192.168.1.7/24");
	assert_true(ip_prefix_has_host_bits(&p));
	net = ip_prefix_network(&p);
	assert_string_equal(fmt_prefix(&net), "192.168.1.0/24");
	assert_false(ip_prefix_has_host_bits(&net));
	p = prefix_ok("2001:db8::1/64", NULL);
	assert_true(ip_prefix_has_host_bits(&p));
	net = ip_prefix_network(&p);
	assert_string_equal(fmt_prefix(&net), "2001:db8::/64");
	assert_false(has_host_bits("10.0.0.0/7"));
	assert_true(has_host_bits("11.0.0.0/7"));
	assert_false(has_host_bits("11.0.0.0/32"));
	assert_true(has_host_bits("0.0.0.1/0"));
	assert_true(has_host_bits("::1/127"));
	assert_false(has_host_bits("::2/127"));
}

static void prefix_length_above_the_family_width_is_refused(void **state)
{
	(void)state;
	prefix_fails("10.0.0.0/33", "prefix length 33 is larger than 32", 9, 2);
	prefix_fails("2001:db8::/129", "prefix length 129 is larger than 128", 11, 3);
}

static void prefix_length_must_be_a_plain_number(void **state)
{
	(void)state;
	prefix_fails("10.0.0.0/2x", "prefix length '2x' is not a number", 9, 2);
	prefix_fails("10.0.0.0/08", "prefix length '08' has a leading zero (write '8')", 9, 2);
	prefix_fails("10.0.0.0/", "missing prefix length after '/'", 8, 1);
	prefix_fails("/24", "missing address before '/'", 0, 1);
}

static void bad_address_in_a_prefix_is_named(void **state)
{
	(void)state;
	prefix_fails("192.l68.0.0/16", "octet 'l68' is not a number", 4, 3);
}

static void mask_notation_gives_the_length(void **state)
{
	bool was_mask = false;
	struct ip_prefix p = prefix_ok("192.168.1.0/255.255.255.0", &was_mask);

	(void)state;
	assert_true(was_mask);
	assert_int_equal(p.len, 24);
	assert_int_equal(prefix_ok("10.0.0.0/255.255.128.0", NULL).len, 17);
	assert_int_equal(prefix_ok("0.0.0.0/0.0.0.0", NULL).len, 0);
	assert_int_equal(prefix_ok("10.1.2.3/255.255.255.255", NULL).len, 32);
}

static void non_contiguous_mask_is_refused(void **state)
{
	(void)state;
	prefix_fails("10.0.0.0/255.0.255.0", "mask '255.0.255.0' is not contiguous", 9, 11);
	prefix_fails("10.0.0.0/0.0.0.255", "mask '0.0.0.255' is not contiguous", 9, 9);
}

static void bad_octet_in_a_mask_is_named(void **state)
{
	(void)state;
	prefix_fails("10.0.0.0/255.255.2S5.0", "octet '2S5' is not a number", 17, 3);
	prefix_fails("10.0.0.0/255.255.0", "mask '255.255.0' has too few octets (an IPv4 address has 4)",
		     9, 9);
}

static void mask_notation_is_only_for_ipv4(void **state)
{
	(void)state;
	prefix_fails("2001:db8::/255.255.0.0",
		     "mask notation '255.255.0.0' is only for IPv4 (write a prefix length, as in '/64')",
		     11, 11);
}

/* ---- formatting ------------------------------------------------------- */

static void ipv6_is_formatted_as_rfc_5952_says(void **state)
{
	static const char *const cases[][2] = {
		{ "2001:0DB8:0000:0000:0000:0000:0000:0001", "2001:db8::1" },
		{ "2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1" },	/* leftmost on a tie */
		{ "2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1" },	/* one zero group stays */
		{ "2001:0:0:1:0:0:0:1", "2001:0:0:1::1" },		/* the longest run */
		{ "0:0:0:0:0:0:0:0", "::" },
		{ "0:0:0:0:0:0:0:1", "::1" },
		{ "1:0:0:0:0:0:0:0", "1::" },
		{ "0:0:1:0:0:0:0:0", "0:0:1::" },
		{ "fe80:0:0:0:200:5eff:fe00:5301", "fe80::200:5eff:fe00:5301" },
		{ "0:0:0:0:0:ffff:c000:201", "::ffff:192.0.2.1" },	/* IPv4-mapped */
		{ "0:0:0:0:0:fffe:c000:201", "::fffe:c000:201" },
		{ "0:0:0:0:1:ffff:c000:201", "::1:ffff:c000:201" },
		{ "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
		  "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_string_equal(canon(cases[i][0]), cases[i][1]);
}

/* Random zero-heavy addresses: our text parses back, and inet_pton() agrees. */
static void formatted_ipv6_parses_back_everywhere(void **state)
{
	unsigned long seed = 12345;
	int round, i;

	(void)state;
	for (round = 0; round < 20000; round++) {
		struct ip_addr a, back;
		uint8_t sys[16];
		const char *text;

		memset(&a, 0, sizeof(a));
		a.family = IP_V6;
		for (i = 0; i < 8; i++) {
			seed = seed * 6364136223846793005UL + 1442695040888963407UL;
			if ((seed >> 60) & 1) {
				a.b[2 * i] = (uint8_t)(seed >> 40);
				a.b[2 * i + 1] = (uint8_t)(seed >> 32);
				if ((seed >> 61) & 1)
					a.b[2 * i] = 0;
			}
		}
		text = fmt_addr(&a);
		back = addr_ok(text);
		assert_memory_equal(back.b, a.b, 16);
		assert_int_equal(inet_pton(AF_INET6, text, sys), 1);
		assert_memory_equal(sys, a.b, 16);
	}
}

static void mask_is_formatted_dotted(void **state)
{
	char buf[IP_STRLEN];

	(void)state;
	ip_mask_format(0, buf);
	assert_string_equal(buf, "0.0.0.0");
	ip_mask_format(17, buf);
	assert_string_equal(buf, "255.255.128.0");
	ip_mask_format(24, buf);
	assert_string_equal(buf, "255.255.255.0");
	ip_mask_format(32, buf);
	assert_string_equal(buf, "255.255.255.255");
}

static void longest_prefix_text_fits(void **state)
{
	struct ip_prefix p = prefix_ok("1111:2222:3333:4444:5555:6666:7777:8888/128", NULL);

	(void)state;
	assert_string_equal(fmt_prefix(&p), "1111:2222:3333:4444:5555:6666:7777:8888/128");
	assert_true(strlen(fmt_prefix(&p)) < IP_STRLEN);
}

/* ---- comparison and containment -------------------------------------- */

static void addresses_order_by_family_then_value(void **state)
{
	struct ip_addr a = addr_ok("10.0.0.1"), b = addr_ok("10.0.0.2"), c = addr_ok("::");

	(void)state;
	assert_int_equal(ip_addr_cmp(&a, &b), -1);
	assert_int_equal(ip_addr_cmp(&b, &a), 1);
	assert_int_equal(ip_addr_cmp(&a, &a), 0);
	assert_int_equal(ip_addr_cmp(&b, &c), -1);
	assert_int_equal(ip_addr_cmp(&c, &a), 1);
}

static void prefixes_order_by_first_address_then_shorter_first(void **state)
{
	struct ip_prefix p8 = prefix_ok("10.0.0.0/8", NULL), p16 = prefix_ok("10.0.0.0/16", NULL);
	struct ip_prefix p16b = prefix_ok("10.1.0.0/16", NULL), host = prefix_ok("10.0.0.5/8", NULL);

	(void)state;
	assert_true(ip_prefix_cmp(&p8, &p16) < 0);
	assert_true(ip_prefix_cmp(&p16, &p16b) < 0);
	assert_true(ip_prefix_cmp(&p8, &p16b) < 0);
	assert_true(ip_prefix_cmp(&p16b, &p8) > 0);
	assert_int_equal(ip_prefix_cmp(&p8, &p8), 0);
	assert_true(ip_prefix_cmp(&host, &p16) < 0);	/* 10.0.0.5/8 starts at 10.0.0.0 */
}

static void containment_follows_the_network_bits(void **state)
{
	struct ip_prefix p8 = prefix_ok("10.0.0.0/8", NULL), p24 = prefix_ok("10.9.8.0/24", NULL);
	struct ip_prefix other = prefix_ok("11.0.0.0/24", NULL), any = prefix_ok("0.0.0.0/0", NULL);
	struct ip_prefix v6 = prefix_ok("::/0", NULL);
	struct ip_prefix p15 = prefix_ok("10.0.0.0/15", NULL), p13 = prefix_ok("10.8.0.0/13", NULL);
	struct ip_addr inside = addr_ok("10.255.255.255"), outside = addr_ok("11.0.0.0");

	(void)state;
	assert_true(ip_prefix_contains(&p8, &p24));
	assert_false(ip_prefix_contains(&p24, &p8));
	assert_true(ip_prefix_contains(&p8, &p8));
	assert_false(ip_prefix_contains(&p8, &other));
	assert_true(ip_prefix_contains(&any, &other));
	assert_false(ip_prefix_contains(&v6, &p8));	/* families never mix */
	assert_true(ip_prefix_overlaps(&p8, &p24));
	assert_true(ip_prefix_overlaps(&p24, &p8));
	assert_false(ip_prefix_overlaps(&p24, &other));
	assert_false(ip_prefix_overlaps(&v6, &any));
	assert_true(ip_prefix_contains_addr(&p8, &inside));
	assert_false(ip_prefix_contains_addr(&p8, &outside));
	assert_false(ip_prefix_contains_addr(&v6, &inside));
	assert_false(ip_prefix_contains(&p15, &p24));	/* 10.0.0.0-10.1.255.255 */
	assert_true(ip_prefix_contains(&p13, &p24));	/* 10.8.0.0-10.15.255.255 */
}

static void prefix_range_gives_first_and_last_address(void **state)
{
	struct ip_range r = ip_prefix_range(&(struct ip_prefix){ addr_ok("192.168.1.77"), 20 });

	(void)state;
	assert_string_equal(fmt_addr(&r.lo), "192.168.0.0");
	assert_string_equal(fmt_addr(&r.hi), "192.168.15.255");
	r = ip_prefix_range(&(struct ip_prefix){ addr_ok("2001:db8::"), 33 });
	assert_string_equal(fmt_addr(&r.lo), "2001:db8::");
	assert_string_equal(fmt_addr(&r.hi), "2001:db8:7fff:ffff:ffff:ffff:ffff:ffff");
	r = ip_prefix_range(&(struct ip_prefix){ addr_ok("1.2.3.4"), 0 });
	assert_string_equal(fmt_addr(&r.lo), "0.0.0.0");
	assert_string_equal(fmt_addr(&r.hi), "255.255.255.255");
}

static void increment_and_decrement_carry_and_refuse_to_wrap(void **state)
{
	struct ip_addr a = addr_ok("10.0.0.255"), top = addr_ok("255.255.255.255");
	struct ip_addr zero = addr_ok("0.0.0.0"), v6top = addr_ok("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
	struct ip_addr v6 = addr_ok("::1:ffff:ffff:ffff");

	(void)state;
	assert_true(ip_addr_inc(&a));
	assert_string_equal(fmt_addr(&a), "10.0.1.0");
	assert_true(ip_addr_dec(&a));
	assert_string_equal(fmt_addr(&a), "10.0.0.255");
	assert_false(ip_addr_inc(&top));
	assert_string_equal(fmt_addr(&top), "255.255.255.255");
	assert_false(ip_addr_dec(&zero));
	assert_string_equal(fmt_addr(&zero), "0.0.0.0");
	assert_false(ip_addr_inc(&v6top));
	assert_true(ip_addr_inc(&v6));
	assert_string_equal(fmt_addr(&v6), "::2:0:0:0");
	assert_true(ip_addr_dec(&v6));
	assert_string_equal(fmt_addr(&v6), "::1:ffff:ffff:ffff");
	assert_int_equal(v6.b[0], 0);
}

/* ---- ip_range_to_prefixes --------------------------------------------- */

/* The fewest aligned blocks that tile [lo, hi], by dynamic programming. */
static size_t v4_min_cover(uint32_t lo, uint32_t hi)
{
	static size_t best[300];
	uint64_t x, width = (uint64_t)hi - lo + 1;

	assert_true(width < sizeof(best) / sizeof(best[0]));
	best[width] = 0;
	for (x = width; x-- > 0;) {
		uint64_t addr = lo + x, k;

		best[x] = SIZE_MAX;
		for (k = 1; addr % k == 0 && k <= 0x100000000ULL; k *= 2)
			if (addr + k - 1 <= hi && best[x + k] + 1 < best[x])
				best[x] = best[x + k] + 1;
	}
	return best[0];
}

/* out[0..n) tiles [lo, hi] exactly with network prefixes in ascending order. */
static void check_tiling(const struct ip_range *r, const struct ip_prefix *out, size_t n)
{
	struct ip_addr next = r->lo;
	size_t i;

	assert_true(n > 0);
	for (i = 0; i < n; i++) {
		struct ip_range pr = ip_prefix_range(&out[i]);

		assert_false(ip_prefix_has_host_bits(&out[i]));
		assert_int_equal(ip_addr_cmp(&pr.lo, &next), 0);
		if (i + 1 < n) {
			next = pr.hi;
			assert_true(ip_addr_inc(&next));
		} else {
			assert_int_equal(ip_addr_cmp(&pr.hi, &r->hi), 0);
		}
	}
}

static void v4_ranges_are_covered_exactly_and_minimally(void **state)
{
	static const uint32_t bases[] = {
		0x00000000,	/* 0.0.0.0 */
		0x0a00ffc0,	/* 10.0.255.192: crosses 10.1.0.0 */
		0x7fffffa0,	/* crosses the top bit */
		0xffffff80,	/* ends at 255.255.255.255 */
	};
	struct ip_prefix out[64];
	size_t b;
	uint32_t i, j;

	(void)state;
	for (b = 0; b < sizeof(bases) / sizeof(bases[0]); b++) {
		for (i = 0; i < 128; i++) {
			for (j = i; j < 128; j++) {
				struct ip_range r = { v4(bases[b] + i), v4(bases[b] + j) };
				size_t n = ip_range_to_prefixes(&r, out, 64);

				assert_true(n <= 64);
				check_tiling(&r, out, n);
				assert_int_equal(n, v4_min_cover(bases[b] + i, bases[b] + j));
			}
		}
	}
}

static void whole_v4_space_is_one_prefix(void **state)
{
	struct ip_range r = { v4(0), v4(0xffffffff) };
	struct ip_prefix out[2];

	(void)state;
	assert_int_equal(ip_range_to_prefixes(&r, out, 2), 1);
	assert_string_equal(fmt_prefix(&out[0]), "0.0.0.0/0");
}

static void v4_range_from_one_above_zero_to_one_below_top(void **state)
{
	struct ip_range r = { v4(1), v4(0xfffffffe) };
	struct ip_prefix out[64];
	size_t n = ip_range_to_prefixes(&r, out, 64);

	(void)state;
	assert_int_equal(n, 62);	/* /32 /31 .. /2 below 128.0.0.0, /2 .. /32 above */
	check_tiling(&r, out, n);
	assert_string_equal(fmt_prefix(&out[0]), "0.0.0.1/32");
	assert_string_equal(fmt_prefix(&out[30]), "64.0.0.0/2");
	assert_string_equal(fmt_prefix(&out[31]), "128.0.0.0/2");
	assert_string_equal(fmt_prefix(&out[61]), "255.255.255.254/32");
}

static void reversed_range_needs_no_prefixes(void **state)
{
	struct ip_range r = { v4(10), v4(9) };

	(void)state;
	assert_int_equal(ip_range_to_prefixes(&r, NULL, 0), 0);
}

static void whole_v6_space_is_one_prefix(void **state)
{
	struct ip_range r = { addr_ok("::"), addr_ok("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff") };
	struct ip_prefix out[2];

	(void)state;
	assert_int_equal(ip_range_to_prefixes(&r, out, 2), 1);
	assert_string_equal(fmt_prefix(&out[0]), "::/0");
}

static void single_v6_address_is_a_host_prefix(void **state)
{
	struct ip_range r = { addr_ok("2001:db8::7"), addr_ok("2001:db8::7") };
	struct ip_prefix out[2];

	(void)state;
	assert_int_equal(ip_range_to_prefixes(&r, out, 2), 1);
	assert_string_equal(fmt_prefix(&out[0]), "2001:db8::7/128");
}

static void v6_range_across_the_top_bit_splits_there(void **state)
{
	struct ip_range r = { addr_ok("7fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"), addr_ok("8000::") };
	struct ip_range halves = { addr_ok("4000::"), addr_ok("bfff:ffff:ffff:ffff:ffff:ffff:ffff:ffff") };
	struct ip_range top = { addr_ok("8000::"), addr_ok("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff") };
	struct ip_prefix out[4];

	(void)state;
	assert_int_equal(ip_range_to_prefixes(&r, out, 4), 2);
	assert_string_equal(fmt_prefix(&out[0]), "7fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128");
	assert_string_equal(fmt_prefix(&out[1]), "8000::/128");
	assert_int_equal(ip_range_to_prefixes(&halves, out, 4), 2);
	assert_string_equal(fmt_prefix(&out[0]), "4000::/2");
	assert_string_equal(fmt_prefix(&out[1]), "8000::/2");
	assert_int_equal(ip_range_to_prefixes(&top, out, 4), 1);
	assert_string_equal(fmt_prefix(&out[0]), "8000::/1");
}

static void worst_v6_range_needs_254_prefixes(void **state)
{
	struct ip_range r = { addr_ok("::1"), addr_ok("ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe") };
	static struct ip_prefix out[2 * 128];

	(void)state;
	assert_int_equal(ip_range_to_prefixes(&r, out, 2 * 128), 254);
	check_tiling(&r, out, 254);
	assert_string_equal(fmt_prefix(&out[0]), "::1/128");
	assert_string_equal(fmt_prefix(&out[126]), "4000::/2");
	assert_string_equal(fmt_prefix(&out[127]), "8000::/2");
	assert_string_equal(fmt_prefix(&out[253]), "ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe/128");
}

static void short_buffer_gets_the_first_prefixes_and_the_full_count(void **state)
{
	struct ip_range r = { addr_ok("::1"), addr_ok("ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe") };
	struct ip_prefix out[11];

	(void)state;
	memset(&out[10], 0xa5, sizeof(out[10]));
	assert_int_equal(ip_range_to_prefixes(&r, out, 10), 254);
	assert_string_equal(fmt_prefix(&out[9]), "::200/119");
	assert_int_equal(out[10].len, 0xa5);
}

/* Small IPv6 ranges within one /120, against the same brute force. */
static void v6_ranges_in_the_last_byte_are_minimal(void **state)
{
	struct ip_addr base = addr_ok("2001:db8:ffff:ffff:ffff:ffff:ffff:ff00");
	struct ip_prefix out[32];
	unsigned i, j;

	(void)state;
	for (i = 0; i < 256; i += 3) {
		for (j = i; j < 256; j += 5) {
			struct ip_range r = { base, base };
			size_t n;

			r.lo.b[15] = (uint8_t)i;
			r.hi.b[15] = (uint8_t)j;
			n = ip_range_to_prefixes(&r, out, 32);
			check_tiling(&r, out, n);
			/* base is aligned to 256, so the offsets behave like 0.0.0.i */
			assert_int_equal(n, v4_min_cover(i, j));
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(dotted_quad_parses_in_network_order),
		cmocka_unit_test(parsing_stops_at_n_not_at_nul),
		cmocka_unit_test(letter_in_octet_is_named_with_its_position),
		cmocka_unit_test(hex_octet_asks_for_decimal),
		cmocka_unit_test(octet_above_255_is_refused),
		cmocka_unit_test(three_octets_are_too_few),
		cmocka_unit_test(five_octets_are_too_many_and_the_extra_is_marked),
		cmocka_unit_test(empty_octet_is_marked_at_its_dot),
		cmocka_unit_test(leading_zero_is_refused_as_ambiguous_octal),
		cmocka_unit_test(leading_zero_with_one_meaning_only_asks_to_drop_it),
		cmocka_unit_test(leading_zero_that_is_only_valid_as_octal_says_so),
		cmocka_unit_test(text_after_an_ipv4_address_is_reported),
		cmocka_unit_test(empty_text_is_not_an_address),
		cmocka_unit_test(odd_bytes_are_escaped_in_messages),
		cmocka_unit_test(ipv6_forms_parse),
		cmocka_unit_test(embedded_ipv4_tail_is_accepted),
		cmocka_unit_test(second_double_colon_is_refused),
		cmocka_unit_test(group_of_five_hex_digits_is_named),
		cmocka_unit_test(group_that_is_not_hex_is_named),
		cmocka_unit_test(nine_groups_are_too_many),
		cmocka_unit_test(double_colon_needs_room_for_a_zero_group),
		cmocka_unit_test(ipv4_tail_counts_as_two_groups),
		cmocka_unit_test(seven_groups_without_double_colon_are_too_few),
		cmocka_unit_test(triple_colon_is_an_empty_group),
		cmocka_unit_test(single_colon_at_either_end_is_refused),
		cmocka_unit_test(embedded_ipv4_must_come_last),
		cmocka_unit_test(bad_octet_in_embedded_ipv4_is_named),
		cmocka_unit_test(zone_index_is_not_supported),
		cmocka_unit_test(text_after_an_ipv6_address_is_reported),
		cmocka_unit_test(prefix_with_length_parses),
		cmocka_unit_test(bare_address_is_a_host_prefix),
		cmocka_unit_test(host_bits_are_kept_and_detected),
		cmocka_unit_test(prefix_length_above_the_family_width_is_refused),
		cmocka_unit_test(prefix_length_must_be_a_plain_number),
		cmocka_unit_test(bad_address_in_a_prefix_is_named),
		cmocka_unit_test(mask_notation_gives_the_length),
		cmocka_unit_test(non_contiguous_mask_is_refused),
		cmocka_unit_test(bad_octet_in_a_mask_is_named),
		cmocka_unit_test(mask_notation_is_only_for_ipv4),
		cmocka_unit_test(ipv6_is_formatted_as_rfc_5952_says),
		cmocka_unit_test(formatted_ipv6_parses_back_everywhere),
		cmocka_unit_test(mask_is_formatted_dotted),
		cmocka_unit_test(longest_prefix_text_fits),
		cmocka_unit_test(addresses_order_by_family_then_value),
		cmocka_unit_test(prefixes_order_by_first_address_then_shorter_first),
		cmocka_unit_test(containment_follows_the_network_bits),
		cmocka_unit_test(prefix_range_gives_first_and_last_address),
		cmocka_unit_test(increment_and_decrement_carry_and_refuse_to_wrap),
		cmocka_unit_test(v4_ranges_are_covered_exactly_and_minimally),
		cmocka_unit_test(whole_v4_space_is_one_prefix),
		cmocka_unit_test(v4_range_from_one_above_zero_to_one_below_top),
		cmocka_unit_test(reversed_range_needs_no_prefixes),
		cmocka_unit_test(whole_v6_space_is_one_prefix),
		cmocka_unit_test(single_v6_address_is_a_host_prefix),
		cmocka_unit_test(v6_range_across_the_top_bit_splits_there),
		cmocka_unit_test(worst_v6_range_needs_254_prefixes),
		cmocka_unit_test(short_buffer_gets_the_first_prefixes_and_the_full_count),
		cmocka_unit_test(v6_ranges_in_the_last_byte_are_minimal),
	};

	return cmocka_run_group_tests_name("addr", tests, NULL, NULL);
}
