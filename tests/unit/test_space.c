/*
 * Unit tests for compiler/analyze/space.c: the box algebra (intersect,
 * subtract, emptiness), covering by the union of several earlier rules
 * (the case pairwise checkers miss), and the indexed engine checked
 * packet by packet against the reference first-match scan
 * space_decide() on random packets.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "analyze/space.h"
#include "compile.h"
#include "util.h"

static const char zones[] =
	"service smtp tcp 25;\n"
	"zone dirty { network 0.0.0.0/0; network ::/0; }\n"
	"zone dmz { network 172.16.1.0/24; }\n"
	"zone clean { network 192.168.1.0/24; }\n"
	"host ms { zone dmz; address 172.16.1.10; }\n"
	"host gw { zone clean; address 192.168.1.5; }\n"
	"firewall fw { kind packet; interface eth0 zone dirty; interface eth1 zone dmz;\n"
	"  interface eth2 zone clean; }\n";

/* Compile zones + text; returns the compile status. */
static int compile(struct compilation *c, const char *policy)
{
	struct compile_opts o;
	char *text;
	size_t n = strlen(zones) + strlen(policy) + 1;
	int rc;

	memset(&o, 0, sizeof(o));
	o.no_mgc_path = 1;
	text = malloc(n);
	assert_non_null(text);
	strcpy(text, zones);
	strcat(text, policy);
	compile_init(c);
	rc = compile_text(c, "test.mg", text, strlen(text), &o);
	free(text);
	return rc;
}

static size_t count_code(const struct compilation *c, enum diag_code code)
{
	size_t i, n = 0;

	for (i = 0; i < c->diag.nr; i++)
		n += c->diag.items[i].code == code;
	return n;
}

static struct space_box box(space_u128 slo, space_u128 shi, space_u128 dlo, space_u128 dhi,
			    uint16_t plo, uint16_t phi)
{
	struct space_box b;

	memset(&b, 0, sizeof(b));
	b.slo = slo;
	b.shi = shi;
	b.dlo = dlo;
	b.dhi = dhi;
	b.plo = plo;
	b.phi = phi;
	return b;
}

static space_u128 volume(const struct space_box *b)
{
	return (b->shi - b->slo + 1) * (b->dhi - b->dlo + 1) * (space_u128)(b->phi - b->plo + 1);
}

static void boxes_intersect_and_meet(void **state)
{
	struct space_box a = box(0, 9, 0, 9, 1, 100), b = box(5, 20, 8, 8, 50, 60);
	struct space_box c = box(10, 20, 0, 9, 1, 100), m;

	(void)state;
	assert_true(space_box_intersects(&a, &b));
	assert_false(space_box_intersects(&a, &c));	/* touching is not overlapping */
	m = space_box_meet(&a, &b);
	assert_true(m.slo == 5 && m.shi == 9 && m.dlo == 8 && m.dhi == 8);
	assert_int_equal(m.plo, 50);
	assert_int_equal(m.phi, 60);
}

static void subtract_partitions_the_rest(void **state)
{
	struct space_box p = box(0, 9, 0, 9, 1, 10), c = box(3, 5, 4, 4, 2, 3);
	struct space_region out = SPACE_REGION_INIT;
	space_u128 total = 0;
	size_t i, j;

	(void)state;
	space_box_subtract(&p, &c, &out);
	assert_true(out.nr <= 6);
	for (i = 0; i < out.nr; i++) {
		total += volume(&out.items[i]);
		assert_false(space_box_intersects(&out.items[i], &c));
		for (j = i + 1; j < out.nr; j++)
			assert_false(space_box_intersects(&out.items[i], &out.items[j]));
	}
	assert_true(total + volume(&c) == volume(&p));
	space_region_release(&out);
}

static void subtract_covering_box_leaves_nothing(void **state)
{
	struct space_box p = box(3, 5, 3, 5, 25, 25), c = box(0, 9, 0, 9, 1, 65535);
	struct space_region out = SPACE_REGION_INIT;

	(void)state;
	space_box_subtract(&p, &c, &out);
	assert_true(space_region_empty(&out));
	space_region_release(&out);
}

static void subtract_at_the_edges_of_the_space(void **state)
{
	space_u128 max = ~(space_u128)0;
	struct space_box p = box(0, max, 0, max, 0, 65535), c = box(0, 0, max, max, 65535, 65535);
	struct space_region out = SPACE_REGION_INIT;
	size_t i;

	(void)state;
	space_box_subtract(&p, &c, &out);
	assert_int_equal(out.nr, 3);
	for (i = 0; i < out.nr; i++)
		assert_false(space_box_intersects(&out.items[i], &c));
	space_region_release(&out);
}

/* Rule 3 is covered by rules 1 and 2 together, by neither alone. */
static void union_of_two_rules_shadows(void **state)
{
	struct compilation c;
	struct space *s;
	struct space_region r = SPACE_REGION_INIT;
	struct space_rules cover = { NULL, 0, 0 };
	struct packet w;
	const struct ir_firewall *fw;

	(void)state;
	assert_int_equal(compile(&c, "policy fw {\n"
				 "  allow smtp from 0.0.0.0/1 to ms;\n"
				 "  deny smtp from 128.0.0.0/1 to ms;\n"
				 "  allow smtp from dirty to ms;\n"
				 "  allow smtp from gw to ms;\n"
				 "}\n"), 1);
	assert_int_equal(count_code(&c, DIAG_SHADOWED), 2);
	fw = &c.model->firewalls[0];
	s = space_build(fw);
	space_rule_region(s, 2, &r);
	assert_false(space_region_empty(&r));
	assert_false(space_covered(s, &r, 0, 1, &w, NULL));	/* rule 1 alone */
	assert_true(space_rule_matches(&fw->rules[2], &w));
	assert_ptr_equal(space_decide(fw, &w), &fw->rules[1]);
	assert_true(space_covered(s, &r, 0, 2, NULL, &cover));
	assert_int_equal(cover.nr, 2);
	assert_int_equal(cover.items[0], 0);
	assert_int_equal(cover.items[1], 1);
	free(cover.items);
	space_region_release(&r);
	space_free(s);
	compile_release(&c);
}

static void redundant_and_refuted(void **state)
{
	struct compilation c;

	(void)state;
	assert_int_equal(compile(&c, "policy fw {\n"
				 "  allow smtp from 192.0.2.9 to ms;\n"
				 "  allow smtp from 192.0.2.0/24 to ms;\n"
				 "  deny smtp from clean to dmz;\n"
				 "}\n"
				 "assert fw allow smtp from dirty to ms;\n"
				 "assert fw deny smtp from gw to ms;\n"), 1);
	assert_int_equal(count_code(&c, DIAG_SHADOWED), 0);
	assert_int_equal(count_code(&c, DIAG_REDUNDANT), 2);	/* rules 1 and 3 */
	assert_int_equal(count_code(&c, DIAG_ASSERT), 1);	/* the allow */
	compile_release(&c);
}

static void clean_policy_has_no_findings(void **state)
{
	struct compilation c;

	(void)state;
	assert_int_equal(compile(&c, "policy fw {\n"
				 "  deny smtp from 192.0.2.9 to ms;\n"
				 "  allow smtp from dirty to ms;\n"
				 "  allow smtp from ms to any;\n"
				 "}\n"
				 "assert fw allow smtp from ms to gw;\n"
				 "assert fw deny smtp from 192.0.2.9 to ms;\n"), 0);
	assert_int_equal(c.diag.nr, 0);
	compile_release(&c);
}

static uint64_t rng_state = 88172645463325252ull;

static uint64_t rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static int first_rule(void *ctx, const struct space_box *part, size_t rule)
{
	(void)part;
	*(size_t *)ctx = rule;
	return 1;
}

/* The indexed walk and the reference scan agree on random packets. */
static void engine_agrees_with_reference(void **state)
{
	static const char *const addrs[] = {
		"192.0.2.1", "192.0.2.200", "198.51.100.7", "0.0.0.1", "255.255.255.255",
		"172.16.1.10", "172.16.1.11", "172.16.1.200", "192.168.1.5", "192.168.1.6",
		"192.168.1.130"
	};
	struct compilation c;
	const struct ir_firewall *fw;
	struct space *s;
	int k;

	(void)state;
	assert_int_equal(compile(&c, "policy fw {\n"
				 "  allow smtp, tcp 80-90 from 192.0.2.0/25 to dmz;\n"
				 "  reject tcp 85 from dirty to 172.16.1.0/25;\n"
				 "  deny tcp 1-1024 from 192.168.1.128/25 to any;\n"
				 "  allow tcp 20-30, udp 53 from clean to dirty;\n"
				 "  allow tcp 1-65535 from ms to self;\n"
				 "  allow udp 53 from any to any;\n"
				 "  deny tcp 1-65535 from any to any log;\n"
				 "}\n"), 0);
	fw = &c.model->firewalls[0];
	s = space_build(fw);
	for (k = 0; k < 4000; k++) {
		struct packet p;
		struct space_box b;
		struct space_region one;
		struct lit_error e;
		const char *sa = addrs[rnd() % countof(addrs)], *da = addrs[rnd() % countof(addrs)];
		const struct ir_rule *want;
		size_t got = SPACE_DEFAULT;
		static const uint16_t ports[] = { 25, 53, 80, 85, 90, 91, 22, 1024, 1025, 65535 };

		memset(&p, 0, sizeof(p));
		assert_int_equal(ip_parse_addr(sa, strlen(sa), &p.src, &e), 0);
		assert_int_equal(ip_parse_addr(da, strlen(da), &p.dst, &e), 0);
		p.src_zone = (rnd() % 8) ? space_zone_of(c.model, &p.src) : NULL;
		p.dst_zone = (rnd() % 8) ? space_zone_of(c.model, &p.dst) : NULL;
		p.proto = (rnd() % 3) ? IR_TCP : IR_UDP;
		p.dport = ports[rnd() % countof(ports)];
		want = space_decide(fw, &p);
		assert_true(space_packet_box(s, &p, &b));
		one.items = &b;
		one.nr = one.alloc = 1;
		space_walk(s, &one, 0, fw->nr_rules, first_rule, &got, NULL);
		if (want)
			assert_int_equal(got, want->index);
		else
			assert_true(got == SPACE_DEFAULT);
	}
	space_free(s);
	compile_release(&c);
}

/* Walking a region partitions it: parts plus the rest give its volume back. */
static space_u128 walked;

static int add_volume(void *ctx, const struct space_box *part, size_t rule)
{
	(void)ctx;
	(void)rule;
	walked += volume(part);
	return 0;
}

static void walk_partitions_a_class(void **state)
{
	struct compilation c;
	const struct ir_firewall *fw;
	struct space *s;
	struct space_region r = SPACE_REGION_INIT;
	space_u128 total = 0;
	size_t i;

	(void)state;
	assert_int_equal(compile(&c, "policy fw {\n"
				 "  allow smtp from 192.0.2.0/24 to ms;\n"
				 "  deny smtp from 192.0.2.128/26 to dmz;\n"
				 "  allow tcp 20-30 from dirty to 172.16.1.0/28 log;\n"
				 "}\n"), 0);
	fw = &c.model->firewalls[0];
	s = space_build(fw);
	space_region_add(s, &fw->rules[2].src, &fw->rules[2].dst, fw->rules[2].match,
			 fw->rules[2].nr_match, &r);
	for (i = 0; i < r.nr; i++)
		total += volume(&r.items[i]);
	walked = 0;
	assert_int_equal(space_walk(s, &r, 0, fw->nr_rules, add_volume, NULL, NULL), 0);
	assert_true(walked == total);
	space_region_release(&r);
	space_free(s);
	compile_release(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(boxes_intersect_and_meet),
		cmocka_unit_test(subtract_partitions_the_rest),
		cmocka_unit_test(subtract_covering_box_leaves_nothing),
		cmocka_unit_test(subtract_at_the_edges_of_the_space),
		cmocka_unit_test(union_of_two_rules_shadows),
		cmocka_unit_test(redundant_and_refuted),
		cmocka_unit_test(clean_policy_has_no_findings),
		cmocka_unit_test(engine_agrees_with_reference),
		cmocka_unit_test(walk_partitions_a_class),
	};

	return cmocka_run_group_tests_name("space", tests, NULL, NULL);
}
