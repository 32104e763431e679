/*
 * The YAML front end: spans are byte offsets even though libyaml counts
 * its marks in characters, so carets land right after non-ASCII text.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "arena.h"
#include "ast.h"
#include "diag.h"
#include "parse.h"
#include "source.h"
#include "util.h"
#include "yamlparse.h"

static void offsets_count_bytes_not_characters(void **state)
{
	/* a: "ü€😀" -- 2, 3 and 4 bytes, one character each */
	const char *text = "a: \"\xc3\xbc\xe2\x82\xac\xf0\x9f\x98\x80\"\nb: c";
	struct yaml_offsets o;

	(void)state;
	yaml_offsets_init(&o, text, strlen(text));
	assert_int_equal(yaml_offset(&o, 0), 0);
	assert_int_equal(yaml_offset(&o, 3), 3);	/* the opening quote */
	assert_int_equal(yaml_offset(&o, 4), 4);	/* ü */
	assert_int_equal(yaml_offset(&o, 5), 6);	/* € */
	assert_int_equal(yaml_offset(&o, 6), 9);	/* 😀 */
	assert_int_equal(yaml_offset(&o, 7), 13);	/* the closing quote */
	assert_int_equal(yaml_offset(&o, 9), 15);	/* b */
	/* going back restarts; past the end clamps */
	assert_int_equal(yaml_offset(&o, 4), 4);
	assert_int_equal(yaml_offset(&o, 1000), strlen(text));
}

static void offsets_skip_a_bom(void **state)
{
	const char *text = "\xef\xbb\xbf" "a: b";
	struct yaml_offsets o;

	(void)state;
	yaml_offsets_init(&o, text, strlen(text));
	assert_int_equal(yaml_offset(&o, 0), 3);	/* libyaml does not count the BOM */
	assert_int_equal(yaml_offset(&o, 3), 6);
}

struct parsed {
	struct source_table src;
	struct arena arena;
	struct diag_sink diag;
	struct parse_ctx pc;
};

static int parse_text(struct parsed *p, const char *text)
{
	uint32_t id;

	memset(p, 0, sizeof(*p));
	id = source_add(&p->src, "t.yaml", xstrdup(text), strlen(text));
	diag_init(&p->diag, &p->src);
	p->pc.arena = &p->arena;
	p->pc.diag = &p->diag;
	p->pc.file = id;
	p->pc.text = source_get(&p->src, id)->text;
	p->pc.len = strlen(text);
	return yaml_parse(&p->pc);
}

static void parsed_release(struct parsed *p)
{
	diag_release(&p->diag);
	arena_release(&p->arena);
	source_release(&p->src);
}

static void word_spans_after_non_ascii(void **state)
{
	/* The rule's `to` word comes after a comment with multi-byte characters. */
	const char *text =
		"policies:\n"
		"  fw:\n"
		"  - {comment: \"Gr\xc3\xbc\xc3\x9f" "e \xe2\x98\x83\", action: allow, "
		"services: [smtp], from: [any], to: [dmz]}\n";
	struct parsed p;
	const struct ast_rule *r;
	const char *dmz = strstr(text, "dmz");

	(void)state;
	assert_int_equal(parse_text(&p, text), 0);
	assert_non_null(p.pc.decls);
	assert_int_equal(p.pc.decls->kind, AST_POLICY);
	r = p.pc.decls->items->rule;
	assert_int_equal(r->to->kind, WORD_NAME);
	assert_string_equal(r->to->text, "dmz");
	assert_int_equal(r->to->at.begin, (uint32_t)(dmz - text));
	assert_int_equal(r->to->at.end, (uint32_t)(dmz - text + 3));
	/* the comment is a string; its span covers the quotes */
	assert_int_equal(r->comment->kind, WORD_STRING);
	assert_string_equal(r->comment->text, "Gr\xc3\xbc\xc3\x9f" "e \xe2\x98\x83");
	assert_int_equal(text[r->comment->at.begin], '"');
	assert_int_equal(text[r->comment->at.end - 1], '"');
	parsed_release(&p);
}

static void unknown_key_is_reported_at_its_column(void **state)
{
	const char *text = "hosts:\n  h\xc3\xa9:\n    adress: 10.0.0.1\n";
	struct parsed p;
	struct source_pos pos;

	(void)state;
	assert_true(parse_text(&p, text) >= 1);
	assert_true(p.diag.nr >= 1);
	pos = source_locate(&p.src, p.pc.file, p.diag.items[p.diag.nr - 1].at.begin);
	assert_int_equal(pos.line, 3);
	assert_int_equal(pos.col, 5);
	assert_non_null(strstr(p.diag.items[p.diag.nr - 1].msg, "did you mean 'address'?"));
	parsed_release(&p);
}

static void word_kinds_follow_the_mg_lexer(void **state)
{
	const char *text =
		"zones:\n"
		"  dmz: {networks: ['172.16.0.0/16', \"::/0\"]}\n"
		"relays:\n"
		"  ms:\n"
		"    routes: [{domain: '*.*', to: dns}]\n";
	struct parsed p;
	const struct ast_decl *d;

	(void)state;
	assert_int_equal(parse_text(&p, text), 0);
	d = p.pc.decls;
	assert_int_equal(d->items->w1->kind, WORD_LITERAL);
	assert_string_equal(d->items->w1->text, "172.16.0.0/16");
	/* quoted: the span is the text inside the quotes */
	assert_int_equal(text[d->items->w1->at.begin], '1');
	assert_int_equal(d->items->next->w1->kind, WORD_LITERAL);
	d = d->next;
	assert_int_equal(d->items->w1->kind, WORD_LITERAL);
	assert_int_equal(d->items->w2->kind, WORD_NAME);
	parsed_release(&p);
}

static void aliases_are_refused(void **state)
{
	struct parsed p;

	(void)state;
	assert_int_equal(parse_text(&p, "a: &x [1]\nb: *x\n"), 1);
	assert_null(p.pc.decls);
	parsed_release(&p);
	assert_int_equal(parse_text(&p, "zones: {dmz: {networks: *x}}\n"), 1);
	assert_non_null(strstr(p.diag.items[0].msg, "alias"));
	parsed_release(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(offsets_count_bytes_not_characters),
		cmocka_unit_test(offsets_skip_a_bom),
		cmocka_unit_test(word_spans_after_non_ascii),
		cmocka_unit_test(unknown_key_is_reported_at_its_column),
		cmocka_unit_test(word_kinds_follow_the_mg_lexer),
		cmocka_unit_test(aliases_are_refused),
	};

	return cmocka_run_group_tests_name("yaml", tests, NULL, NULL);
}
