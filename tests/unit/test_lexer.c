/*
 * The front end through parse_source(): tokens and spans, keywords
 * usable as names, string escapes, and the errors the scanner and the
 * parser report (count and text).
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

struct fixture {
	struct arena arena;
	struct source_table src;
	struct diag_sink diag;
	struct parse_ctx pc;
};

static void parse_text(struct fixture *f, const char *text)
{
	size_t len = strlen(text);
	uint32_t id;

	memset(f, 0, sizeof(*f));
	id = source_add(&f->src, "t.mg", xstrndup(text, len), len);
	diag_init(&f->diag, &f->src);
	f->pc.arena = &f->arena;
	f->pc.diag = &f->diag;
	f->pc.file = id;
	f->pc.text = source_get(&f->src, id)->text;
	f->pc.len = len;
	parse_source(&f->pc);
}

static void release(struct fixture *f)
{
	diag_release(&f->diag);
	source_release(&f->src);
	arena_release(&f->arena);
}

static void zone_declaration_has_name_and_network_spans(void **state)
{
	struct fixture f;
	const struct ast_decl *d;

	(void)state;
	parse_text(&f, "zone dmz { network 172.16.1.0/24; }\n");
	assert_int_equal(f.diag.nr, 0);
	d = f.pc.decls;
	assert_non_null(d);
	assert_int_equal(d->kind, AST_ZONE);
	assert_string_equal(d->name->text, "dmz");
	assert_int_equal(d->name->at.begin, 5);
	assert_int_equal(d->name->at.end, 8);
	assert_int_equal(d->items->kind, ITEM_NETWORK);
	assert_string_equal(d->items->w1->text, "172.16.1.0/24");
	assert_int_equal(d->items->w1->kind, WORD_LITERAL);
	assert_int_equal(d->items->w1->at.begin, 19);
	release(&f);
}

static void declarations_keep_source_order(void **state)
{
	struct fixture f;
	const struct ast_decl *d;

	(void)state;
	parse_text(&f, "zone a { network 10.0.0.0/8; }\nzone b { network 11.0.0.0/8; }\n"
		       "zone c { network 12.0.0.0/8; }\n");
	d = f.pc.decls;
	assert_string_equal(d->name->text, "a");
	assert_string_equal(d->next->name->text, "b");
	assert_string_equal(d->next->next->name->text, "c");
	assert_null(d->next->next->next);
	release(&f);
}

static void keywords_can_be_names(void **state)
{
	struct fixture f;

	(void)state;
	parse_text(&f, "host relay { zone zone; address 10.0.0.1; }\n"
		       "relay relay { route example.com -> host port 25; }\n");
	assert_int_equal(f.diag.nr, 0);
	assert_string_equal(f.pc.decls->name->text, "relay");
	assert_string_equal(f.pc.decls->items->w1->text, "zone");
	assert_string_equal(f.pc.decls->next->items->w2->text, "host");
	release(&f);
}

static void words_with_dots_and_colons_are_one_literal(void **state)
{
	struct fixture f;
	const struct ast_word *w;

	(void)state;
	parse_text(&f, "domain example.com, *.example.org, *.*, 2001:db8::1, fe80::1, 192.l68.1.2;\n");
	assert_int_equal(f.diag.nr, 0);
	w = f.pc.decls->list;
	assert_string_equal(w->text, "example.com");
	assert_string_equal(w->next->text, "*.example.org");
	assert_string_equal(w->next->next->text, "*.*");
	assert_string_equal(w->next->next->next->text, "2001:db8::1");
	assert_string_equal(w->next->next->next->next->text, "fe80::1");
	assert_string_equal(w->next->next->next->next->next->text, "192.l68.1.2");
	release(&f);
}

static void arrow_splits_a_word_from_a_name(void **state)
{
	struct fixture f;

	(void)state;
	parse_text(&f, "relay r { route example.com->gw; }\n");
	assert_int_equal(f.diag.nr, 0);
	assert_string_equal(f.pc.decls->items->w1->text, "example.com");
	assert_string_equal(f.pc.decls->items->w2->text, "gw");
	release(&f);
}

static void string_escapes_are_decoded_and_raw_strings_are_not(void **state)
{
	struct fixture f;
	const struct ast_item *app;

	(void)state;
	parse_text(&f, "profile p for host h { application a 'C:\\x\\n.exe' { allow tcp out; } }\n"
		       "policy fw { allow smtp from a to b comment \"say \\\"hi\\\"\\t\\\\\"; }\n");
	assert_int_equal(f.diag.nr, 0);
	app = f.pc.decls->items;
	assert_string_equal(app->w2->text, "C:\\x\\n.exe");
	assert_int_equal(app->w2->kind, WORD_RAW);
	assert_string_equal(f.pc.decls->next->items->rule->comment->text, "say \"hi\"\t\\");
	release(&f);
}

static void comments_run_to_end_of_line(void **state)
{
	struct fixture f;

	(void)state;
	parse_text(&f, "# zone x { network 1.0.0.0/8; }\nzone y { network 2.0.0.0/8; } # trailing\n");
	assert_int_equal(f.diag.nr, 0);
	assert_string_equal(f.pc.decls->name->text, "y");
	assert_null(f.pc.decls->next);
	release(&f);
}

static void unterminated_string_is_one_lexical_error(void **state)
{
	struct fixture f;

	(void)state;
	parse_text(&f, "policy fw { allow smtp from a to b comment \"oops; }\nzone z { network 1.0.0.0/8; }\n");
	assert_int_equal(f.diag.nr, 1);
	assert_int_equal(f.diag.items[0].code, DIAG_LEX);
	assert_string_equal(f.diag.items[0].msg,
			    "unterminated string (add the closing '\"' on the same line)");
	/* The next declaration survives. */
	assert_non_null(f.pc.decls);
	release(&f);
}

static void unknown_escape_is_reported_at_the_backslash(void **state)
{
	struct fixture f;

	(void)state;
	parse_text(&f, "policy fw { allow smtp from a to b comment \"a\\qb\"; }\n");
	assert_int_equal(f.diag.nr, 1);
	assert_string_equal(f.diag.items[0].msg,
			    "unknown escape '\\q' in string (use '\\\\' for a backslash)");
	assert_int_equal(f.diag.items[0].at.begin, 45);
	assert_int_equal(f.diag.items[0].at.end, 47);
	release(&f);
}

static void stray_character_and_nul_are_lexical_errors(void **state)
{
	struct fixture f;
	static const char text[] = "zone a { network 1.0.0.0/8; } @\nzone b { network 2.0.0.0/8; }\n";

	(void)state;
	parse_text(&f, text);
	assert_int_equal(f.diag.nr, 1);
	assert_string_equal(f.diag.items[0].msg, "stray '@' in input");
	release(&f);
}

static void missing_semicolon_points_after_the_previous_token(void **state)
{
	struct fixture f;

	(void)state;
	parse_text(&f, "zone dmz { network 172.16.1.0/24 }\n");
	assert_int_equal(f.diag.nr, 1);
	assert_string_equal(f.diag.items[0].msg, "expected ';' before '}'");
	assert_int_equal(f.diag.items[0].at.begin, 32);
	assert_int_equal(f.diag.items[0].at.end, 32);
	/* The item is kept: the zone still has its network. */
	assert_non_null(f.pc.decls->items);
	release(&f);
}

static void independent_syntax_errors_are_each_reported_once(void **state)
{
	struct fixture f;

	(void)state;
	parse_text(&f, "zone a { network 1.0.0.0/8 }\n"
		       "policy fw {\n"
		       "  allow smtp form a to b;\n"
		       "  permit smtp from a to b;\n"
		       "  allow smtp from a to b;\n"
		       "}\n"
		       "host h { zone a address 1.0.0.1; }\n");
	assert_int_equal(f.diag.nr, 4);
	assert_string_equal(f.diag.items[0].msg, "expected ';' before '}'");
	assert_string_equal(f.diag.items[1].msg, "unexpected 'form' (expected 'from' or ',')");
	assert_string_equal(f.diag.items[2].msg,
			    "unexpected 'permit' (expected 'allow', 'deny', 'reject', ';' or '}')");
	assert_string_equal(f.diag.items[3].msg, "expected ';' before 'address'");
	release(&f);
}

static void templates_parse_parameters_and_conditions(void **state)
{
	struct fixture f;
	const struct ast_decl *t;

	(void)state;
	parse_text(&f, "template t(a, b = 25) { if a { zone z { network 1.0.0.0/8; } } "
		       "else if b == 26 { } }\nuse t(true, b = 26);\n");
	assert_int_equal(f.diag.nr, 0);
	t = f.pc.decls;
	assert_int_equal(t->kind, AST_TEMPLATE);
	assert_string_equal(t->params->name->text, "a");
	assert_null(t->params->value);
	assert_string_equal(t->params->next->value->text, "25");
	assert_int_equal(t->body->kind, AST_IF);
	assert_int_equal(t->body->else_body->kind, AST_IF);
	assert_int_equal(t->body->else_body->cond_op, COND_EQ);
	assert_int_equal(t->next->kind, AST_USE);
	assert_null(t->next->params->name);
	assert_string_equal(t->next->params->next->name->text, "b");
	release(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(zone_declaration_has_name_and_network_spans),
		cmocka_unit_test(declarations_keep_source_order),
		cmocka_unit_test(keywords_can_be_names),
		cmocka_unit_test(words_with_dots_and_colons_are_one_literal),
		cmocka_unit_test(arrow_splits_a_word_from_a_name),
		cmocka_unit_test(string_escapes_are_decoded_and_raw_strings_are_not),
		cmocka_unit_test(comments_run_to_end_of_line),
		cmocka_unit_test(unterminated_string_is_one_lexical_error),
		cmocka_unit_test(unknown_escape_is_reported_at_the_backslash),
		cmocka_unit_test(stray_character_and_nul_are_lexical_errors),
		cmocka_unit_test(missing_semicolon_points_after_the_previous_token),
		cmocka_unit_test(independent_syntax_errors_are_each_reported_once),
		cmocka_unit_test(templates_parse_parameters_and_conditions),
	};

	return cmocka_run_group_tests_name("lexer", tests, NULL, NULL);
}
