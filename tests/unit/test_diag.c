/*
 * Unit tests for compiler/diag.c: recording, sorting, the text, JSON
 * and SARIF renderers, and did-you-mean.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "diag.h"
#include "source.h"
#include "util.h"

/* A source table and a sink over it, rebuilt by every test. */
struct fixture {
	struct source_table src;
	struct diag_sink d;
	char *out;		/* last rendering */
};

static int setup(void **state)
{
	struct fixture *fx = xcalloc(1, sizeof(*fx));

	diag_init(&fx->d, &fx->src);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;

	diag_release(&fx->d);
	source_release(&fx->src);
	free(fx->out);
	free(fx);
	return 0;
}

static uint32_t add(struct fixture *fx, const char *name, const char *text)
{
	return source_add(&fx->src, name, xstrdup(text), strlen(text));
}

/* The span of the first occurrence of `what` in file id, or of the text's end. */
static struct span span_of(struct fixture *fx, uint32_t id, const char *what)
{
	const struct source_file *f = source_get(&fx->src, id);
	const char *p = strstr(f->text, what);
	struct span s;

	assert_non_null(p);
	s.file = id;
	s.begin = (uint32_t)(p - f->text);
	s.end = s.begin + (uint32_t)strlen(what);
	return s;
}

static struct span span_at(uint32_t id, uint32_t begin, uint32_t end)
{
	struct span s;

	s.file = id;
	s.begin = begin;
	s.end = end;
	return s;
}

enum render { TEXT, JSON, SARIF };

static const char *render(struct fixture *fx, enum render how)
{
	size_t size;
	FILE *f;

	free(fx->out);
	fx->out = NULL;
	f = open_memstream(&fx->out, &size);
	assert_non_null(f);
	if (how == TEXT)
		diag_render_text(&fx->d, f);
	else if (how == JSON)
		assert_int_equal(diag_render_json(&fx->d, f), 0);
	else
		assert_int_equal(diag_render_sarif(&fx->d, f), 0);
	assert_int_equal(fclose(f), 0);
	return fx->out;
}

static json_t *render_parsed(struct fixture *fx, enum render how)
{
	json_error_t err;
	json_t *v = json_loads(render(fx, how), 0, &err);

	if (!v)
		fail_msg("output is not JSON: %s (line %d)", err.text, err.line);
	return v;
}

/* ---- recording ---- */

static void error_message_is_formatted_and_counted(void **state)
{
	struct fixture *fx = *state;
	struct diag *dg = diag_error(&fx->d, DIAG_UNKNOWN_NAME, SPAN_NONE, "unknown zone '%s' (%d)",
				     "dmzz", 42);

	assert_string_equal(dg->msg, "unknown zone 'dmzz' (42)");
	assert_int_equal(dg->severity, DIAG_ERROR);
	assert_int_equal(dg->code, DIAG_UNKNOWN_NAME);
	assert_int_equal(fx->d.nr_errors, 1);
	assert_int_equal(fx->d.nr_warnings, 0);
	assert_true(diag_failed(&fx->d));
}

static void warnings_alone_do_not_fail_the_run(void **state)
{
	struct fixture *fx = *state;

	diag_warning(&fx->d, DIAG_REDUNDANT, SPAN_NONE, "redundant rule");
	diag_info(&fx->d, DIAG_NOTICE, SPAN_NONE, "disable the smtp proxy");
	assert_int_equal(fx->d.nr_warnings, 1);
	assert_int_equal(fx->d.nr_errors, 0);
	assert_false(diag_failed(&fx->d));
}

static void info_is_recorded_with_note_severity(void **state)
{
	struct fixture *fx = *state;
	struct diag *dg = diag_info(&fx->d, DIAG_NOTICE, SPAN_NONE, "act on this");

	assert_int_equal(dg->severity, DIAG_NOTE);
}

static void werror_makes_warnings_fail_the_run(void **state)
{
	struct fixture *fx = *state;

	fx->d.werror = 1;
	diag_warning(&fx->d, DIAG_REDUNDANT, SPAN_NONE, "redundant rule");
	assert_true(diag_failed(&fx->d));
}

static void sequence_numbers_follow_report_order(void **state)
{
	struct fixture *fx = *state;

	diag_error(&fx->d, DIAG_SYNTAX, SPAN_NONE, "a");
	diag_warning(&fx->d, DIAG_REDUNDANT, SPAN_NONE, "b");
	assert_int_equal(fx->d.items[0].seq, 0);
	assert_int_equal(fx->d.items[1].seq, 1);
}

static void notes_attach_to_their_diagnostic(void **state)
{
	struct fixture *fx = *state;
	struct diag *dg = diag_error(&fx->d, DIAG_SHADOWED, SPAN_NONE, "rule never matches");

	diag_note(dg, SPAN_NONE, "covered by rule %d", 3);
	diag_note(dg, SPAN_NONE, "witness");
	assert_int_equal(dg->nr_notes, 2);
	assert_string_equal(dg->notes[0].msg, "covered by rule 3");
}

static void code_info_comes_from_the_table(void **state)
{
	const struct diag_code_info *ci = diag_code_info(DIAG_UNKNOWN_NAME);

	(void)state;
	assert_string_equal(ci->rule_id, "MGC1101");
	assert_string_equal(ci->name, "UnknownName");
	assert_int_equal(ci->level, DIAG_ERROR);
	assert_int_equal(diag_code_info(DIAG_REDUNDANT)->level, DIAG_WARNING);
}

/* ---- sorting ---- */

static void sort_orders_by_file_then_offset_then_report_order(void **state)
{
	struct fixture *fx = *state;
	uint32_t a = add(fx, "a.mg", "0123456789\n"), b = add(fx, "b.mg", "0123456789\n");

	diag_error(&fx->d, DIAG_SYNTAX, span_at(b, 1, 2), "b1");
	diag_error(&fx->d, DIAG_SYNTAX, span_at(a, 5, 6), "a5-first");
	diag_error(&fx->d, DIAG_SYNTAX, SPAN_NONE, "none");
	diag_error(&fx->d, DIAG_SYNTAX, span_at(a, 2, 3), "a2");
	diag_error(&fx->d, DIAG_SYNTAX, span_at(a, 5, 9), "a5-second");
	diag_sort(&fx->d);
	assert_string_equal(fx->d.items[0].msg, "none");
	assert_string_equal(fx->d.items[1].msg, "a2");
	assert_string_equal(fx->d.items[2].msg, "a5-first");
	assert_string_equal(fx->d.items[3].msg, "a5-second");
	assert_string_equal(fx->d.items[4].msg, "b1");
}

static void sorting_an_empty_sink_does_nothing(void **state)
{
	struct fixture *fx = *state;

	diag_sort(&fx->d);
	assert_int_equal(fx->d.nr, 0);
}

/* ---- text ---- */

static void error_renders_gcc_style_with_source_line_and_caret(void **state)
{
	struct fixture *fx = *state;
	uint32_t id = add(fx, "tests/errors/typo-zone.mg",
			  "zone dmz { 172.16.1.0/24; }\n\n\n"
			  "host mailsweeper { zone dmzz; address 172.16.1.10; }\n");

	diag_error(&fx->d, DIAG_UNKNOWN_NAME, span_of(fx, id, "dmzz"),
		   "unknown zone '%s' (did you mean '%s'?)", "dmzz", "dmz");
	assert_string_equal(render(fx, TEXT),
		"tests/errors/typo-zone.mg:4:25: error: unknown zone 'dmzz' (did you mean 'dmz'?) [MGC1101]\n"
		"    4 | host mailsweeper { zone dmzz; address 172.16.1.10; }\n"
		"      |                         ^~~~\n");
}

static void one_byte_span_gets_a_caret_without_tildes(void **state)
{
	struct fixture *fx = *state;
	uint32_t id = add(fx, "r.mg", "zone a @ {}\n");

	diag_error(&fx->d, DIAG_LEX, span_of(fx, id, "@"), "stray '@' in input");
	assert_string_equal(render(fx, TEXT),
		"r.mg:1:8: error: stray '@' in input [MGC1002]\n"
		"    1 | zone a @ {}\n"
		"      |        ^\n");
}

static void empty_span_gets_a_caret(void **state)
{
	struct fixture *fx = *state;
	uint32_t id = add(fx, "r.mg", "zone a\n");

	diag_error(&fx->d, DIAG_SYNTAX, span_at(id, 6, 6), "expected '{'");
	assert_string_equal(render(fx, TEXT),
		"r.mg:1:7: error: expected '{' [MGC1001]\n"
		"    1 | zone a\n"
		"      |       ^\n");
}

static void caret_under_tabbed_source_copies_the_tabs(void **state)
{
	struct fixture *fx = *state;
	uint32_t id = add(fx, "t.mg", "zone z {\n\t\tfrom dmz2 to x;\n}\n");

	diag_error(&fx->d, DIAG_UNKNOWN_NAME, span_of(fx, id, "dmz2"), "unknown zone 'dmz2'");
	assert_string_equal(render(fx, TEXT),
		"t.mg:2:22: error: unknown zone 'dmz2' [MGC1101]\n"
		"    2 | \t\tfrom dmz2 to x;\n"
		"      | \t\t     ^~~~\n");
}

static void location_column_is_the_display_column(void **state)
{
	struct fixture *fx = *state;
	uint32_t id = add(fx, "t.mg", "\t\"x\n");

	diag_error(&fx->d, DIAG_LEX, span_at(id, 1, 2), "unterminated string");
	render(fx, TEXT);
	assert_non_null(strstr(fx->out, "t.mg:1:9: error:"));
}

static void multi_line_span_is_cut_at_the_line_end(void **state)
{
	struct fixture *fx = *state;
	uint32_t id = add(fx, "m.mg", "zone a {\n  x;\n}\n");

	diag_error(&fx->d, DIAG_SYNTAX, span_at(id, 5, 16), "bad zone");
	assert_string_equal(render(fx, TEXT),
		"m.mg:1:6: error: bad zone [MGC1001]\n"
		"    1 | zone a {\n"
		"      |      ^~~\n");
}

static void span_at_the_line_end_puts_the_caret_after_the_text(void **state)
{
	struct fixture *fx = *state;
	uint32_t id = add(fx, "e.mg", "zone a {\r\n");

	diag_error(&fx->d, DIAG_SYNTAX, span_at(id, 8, 10), "unexpected end of line");
	assert_string_equal(render(fx, TEXT),
		"e.mg:1:9: error: unexpected end of line [MGC1001]\n"
		"    1 | zone a {\n"
		"      |         ^\n");
}

static void control_characters_in_the_source_line_are_replaced(void **state)
{
	struct fixture *fx = *state;
	uint32_t id = add(fx, "c.mg", "a\033[2Jb\x7f\r c @\n");

	diag_error(&fx->d, DIAG_LEX, span_of(fx, id, "@"), "stray '@'");
	assert_string_equal(render(fx, TEXT),
		"c.mg:1:12: error: stray '@' [MGC1002]\n"
		"    1 | a?[2Jb?? c @\n"
		"      |            ^\n");
}

static void invalid_utf8_is_replaced_and_the_caret_stays_aligned(void **state)
{
	struct fixture *fx = *state;
	/* two stray bytes, then a well-formed "é" that is kept */
	uint32_t id = add(fx, "u.mg", "\xff\xfe \xc3\xa9 bad\n");

	diag_error(&fx->d, DIAG_LEX, span_of(fx, id, "bad"), "bad");
	assert_string_equal(render(fx, TEXT),
		"u.mg:1:6: error: bad [MGC1002]\n"
		"    1 | ?? \xc3\xa9 bad\n"
		"      |      ^~~\n");
}

static void control_characters_in_messages_are_replaced(void **state)
{
	struct fixture *fx = *state;

	diag_error(&fx->d, DIAG_BAD_VALUE, SPAN_NONE, "bad value '%s'", "x\n\033[31my");
	assert_string_equal(render(fx, TEXT),
			    "mgc: error: bad value 'x??[31my' [MGC1204]\n");
}

static void diagnostic_without_location_names_the_program(void **state)
{
	struct fixture *fx = *state;

	diag_error(&fx->d, DIAG_IO, SPAN_NONE, "cannot read 'x.mg': %s", "No such file");
	assert_string_equal(render(fx, TEXT),
		"mgc: error: cannot read 'x.mg': No such file [MGC1003]\n");
}

static void note_with_a_location_gets_its_own_excerpt(void **state)
{
	struct fixture *fx = *state;
	uint32_t id = add(fx, "d.mg", "zone a {}\nzone a {}\n");
	struct diag *dg = diag_error(&fx->d, DIAG_DUPLICATE_NAME, span_at(id, 15, 16),
				     "zone 'a' declared twice");

	diag_note(dg, span_at(id, 5, 6), "first declared here");
	assert_string_equal(render(fx, TEXT),
		"d.mg:2:6: error: zone 'a' declared twice [MGC1102]\n"
		"    2 | zone a {}\n"
		"      |      ^\n"
		"d.mg:1:6: note: first declared here\n"
		"    1 | zone a {}\n"
		"      |      ^\n");
}

static void note_without_a_location_prints_bare(void **state)
{
	struct fixture *fx = *state;
	struct diag *dg = diag_error(&fx->d, DIAG_ASSERT, SPAN_NONE, "assert refuted");

	diag_note(dg, SPAN_NONE, "packet tcp 10.0.0.1 -> 10.0.0.2:25");
	assert_string_equal(render(fx, TEXT),
		"mgc: error: assert refuted [MGC1504]\n"
		"note: packet tcp 10.0.0.1 -> 10.0.0.2:25\n");
}

static void info_renders_as_a_note_with_its_code(void **state)
{
	struct fixture *fx = *state;

	diag_info(&fx->d, DIAG_NOTICE, SPAN_NONE, "disable the firewall's smtp proxy");
	assert_string_equal(render(fx, TEXT),
		"mgc: note: disable the firewall's smtp proxy [MGC1902]\n");
}

static void warning_renders_as_warning(void **state)
{
	struct fixture *fx = *state;

	diag_warning(&fx->d, DIAG_REDUNDANT, SPAN_NONE, "rule 'x' is redundant");
	assert_string_equal(render(fx, TEXT),
		"mgc: warning: rule 'x' is redundant [MGC1503]\n");
}

static void werror_renders_warnings_as_errors(void **state)
{
	struct fixture *fx = *state;

	fx->d.werror = 1;
	diag_warning(&fx->d, DIAG_REDUNDANT, SPAN_NONE, "rule 'x' is redundant");
	assert_string_equal(render(fx, TEXT),
		"mgc: error: rule 'x' is redundant [MGC1503]\n");
}

static void max_errors_caps_printed_errors_and_says_how_many_are_hidden(void **state)
{
	struct fixture *fx = *state;
	struct diag *dg;

	fx->d.max_errors = 2;
	diag_error(&fx->d, DIAG_SYNTAX, SPAN_NONE, "e1");
	diag_warning(&fx->d, DIAG_REDUNDANT, SPAN_NONE, "w1");
	dg = diag_error(&fx->d, DIAG_SYNTAX, SPAN_NONE, "e2");
	diag_note(dg, SPAN_NONE, "n2");
	dg = diag_error(&fx->d, DIAG_SYNTAX, SPAN_NONE, "e3");
	diag_note(dg, SPAN_NONE, "n3");
	diag_warning(&fx->d, DIAG_REDUNDANT, SPAN_NONE, "w2");
	diag_error(&fx->d, DIAG_SYNTAX, SPAN_NONE, "e4");
	assert_string_equal(render(fx, TEXT),
		"mgc: error: e1 [MGC1001]\n"
		"mgc: warning: w1 [MGC1503]\n"
		"mgc: error: e2 [MGC1001]\n"
		"note: n2\n"
		"mgc: warning: w2 [MGC1503]\n"
		"mgc: note: too many errors (2 more not shown)\n");
}

static void max_errors_counts_werror_warnings_as_errors(void **state)
{
	struct fixture *fx = *state;

	fx->d.max_errors = 1;
	fx->d.werror = 1;
	diag_error(&fx->d, DIAG_SYNTAX, SPAN_NONE, "e1");
	diag_warning(&fx->d, DIAG_REDUNDANT, SPAN_NONE, "w1");
	assert_string_equal(render(fx, TEXT),
		"mgc: error: e1 [MGC1001]\n"
		"mgc: note: too many errors (1 more not shown)\n");
}

static void nothing_to_report_renders_nothing(void **state)
{
	struct fixture *fx = *state;

	assert_string_equal(render(fx, TEXT), "");
}

/* ---- JSON ---- */

static void json_object_keys_come_in_documented_order(void **state)
{
	static const char *const keys[] = {
		"severity", "code", "name", "message", "file", "line", "column",
		"end_line", "end_column", "notes"
	};
	struct fixture *fx = *state;
	uint32_t id = add(fx, "a.mg", "zone dmzz;\n");
	json_t *arr, *o;
	const char *key;
	json_t *v;
	size_t i = 0;

	diag_error(&fx->d, DIAG_UNKNOWN_NAME, span_of(fx, id, "dmzz"), "unknown zone 'dmzz'");
	arr = render_parsed(fx, JSON);
	assert_int_equal(json_array_size(arr), 1);
	o = json_array_get(arr, 0);
	json_object_foreach(o, key, v) {
		assert_true(i < countof(keys));
		assert_string_equal(key, keys[i]);
		i++;
	}
	assert_int_equal(i, countof(keys));
	json_decref(arr);
}

static void json_values_use_one_based_code_point_columns_with_exclusive_end(void **state)
{
	struct fixture *fx = *state;
	uint32_t id = add(fx, "a.mg", "\t\xc3\xa9 dmzz;\n");
	json_t *arr, *o;

	diag_error(&fx->d, DIAG_UNKNOWN_NAME, span_of(fx, id, "dmzz"), "unknown zone 'dmzz'");
	arr = diag_to_json(&fx->d);
	o = json_array_get(arr, 0);
	assert_string_equal(json_string_value(json_object_get(o, "severity")), "error");
	assert_string_equal(json_string_value(json_object_get(o, "code")), "MGC1101");
	assert_string_equal(json_string_value(json_object_get(o, "name")), "UnknownName");
	assert_string_equal(json_string_value(json_object_get(o, "message")), "unknown zone 'dmzz'");
	assert_string_equal(json_string_value(json_object_get(o, "file")), "a.mg");
	assert_int_equal(json_integer_value(json_object_get(o, "line")), 1);
	assert_int_equal(json_integer_value(json_object_get(o, "column")), 4);
	assert_int_equal(json_integer_value(json_object_get(o, "end_line")), 1);
	assert_int_equal(json_integer_value(json_object_get(o, "end_column")), 8);
	assert_int_equal(json_array_size(json_object_get(o, "notes")), 0);
	json_decref(arr);
}

static void json_omits_location_keys_without_a_location(void **state)
{
	struct fixture *fx = *state;
	json_t *arr, *o;

	diag_error(&fx->d, DIAG_IO, SPAN_NONE, "no input files");
	arr = diag_to_json(&fx->d);
	o = json_array_get(arr, 0);
	assert_int_equal(json_object_size(o), 5);
	assert_null(json_object_get(o, "file"));
	assert_null(json_object_get(o, "line"));
	assert_non_null(json_object_get(o, "notes"));
	json_decref(arr);
}

static void json_notes_carry_message_and_location(void **state)
{
	struct fixture *fx = *state;
	uint32_t id = add(fx, "d.mg", "zone a {}\nzone a {}\n");
	struct diag *dg = diag_error(&fx->d, DIAG_DUPLICATE_NAME, span_at(id, 15, 16), "twice");
	json_t *arr, *notes, *n;
	const char *key;
	json_t *v;
	static const char *const keys[] = {
		"message", "file", "line", "column", "end_line", "end_column"
	};
	size_t i = 0;

	diag_note(dg, span_at(id, 5, 6), "first declared here");
	diag_note(dg, SPAN_NONE, "bare");
	arr = diag_to_json(&fx->d);
	notes = json_object_get(json_array_get(arr, 0), "notes");
	assert_int_equal(json_array_size(notes), 2);
	n = json_array_get(notes, 0);
	json_object_foreach(n, key, v)
		assert_string_equal(key, keys[i++]);
	assert_int_equal(i, countof(keys));
	assert_int_equal(json_integer_value(json_object_get(n, "column")), 6);
	assert_int_equal(json_integer_value(json_object_get(n, "end_column")), 7);
	assert_int_equal(json_object_size(json_array_get(notes, 1)), 1);
	json_decref(arr);
}

static void json_reports_werror_warnings_as_errors(void **state)
{
	struct fixture *fx = *state;
	json_t *arr;

	fx->d.werror = 1;
	diag_warning(&fx->d, DIAG_REDUNDANT, SPAN_NONE, "redundant");
	diag_info(&fx->d, DIAG_NOTICE, SPAN_NONE, "notice");
	arr = diag_to_json(&fx->d);
	assert_string_equal(json_string_value(json_object_get(json_array_get(arr, 0), "severity")),
			    "error");
	assert_string_equal(json_string_value(json_object_get(json_array_get(arr, 1), "severity")),
			    "note");
	json_decref(arr);
}

static void json_replaces_invalid_utf8_in_messages(void **state)
{
	struct fixture *fx = *state;
	json_t *arr;

	diag_error(&fx->d, DIAG_BAD_VALUE, SPAN_NONE, "bad '%s'", "a\xff");
	arr = render_parsed(fx, JSON);
	assert_string_equal(json_string_value(json_object_get(json_array_get(arr, 0), "message")),
			    "bad 'a\xef\xbf\xbd'");
	json_decref(arr);
}

static void json_of_no_diagnostics_is_an_empty_array(void **state)
{
	struct fixture *fx = *state;

	assert_string_equal(render(fx, JSON), "[]\n");
}

/* ---- SARIF ---- */

static json_t *sarif_run(json_t *log)
{
	return json_array_get(json_object_get(log, "runs"), 0);
}

static json_t *sarif_result(json_t *log, size_t i)
{
	return json_array_get(json_object_get(sarif_run(log), "results"), i);
}

static json_t *sarif_region(json_t *loc)
{
	return json_object_get(json_object_get(loc, "physicalLocation"), "region");
}

static const char *sarif_uri(json_t *loc)
{
	json_t *phys = json_object_get(loc, "physicalLocation");

	return json_string_value(json_object_get(json_object_get(phys, "artifactLocation"), "uri"));
}

static const char *text_of(json_t *o, const char *key)
{
	return json_string_value(json_object_get(json_object_get(o, key), "text"));
}

static void sarif_log_has_schema_version_and_one_run(void **state)
{
	struct fixture *fx = *state;
	json_t *log = render_parsed(fx, SARIF), *run, *driver;

	assert_string_equal(json_string_value(json_object_get(log, "$schema")),
			    "https://json.schemastore.org/sarif-2.1.0.json");
	assert_string_equal(json_string_value(json_object_get(log, "version")), "2.1.0");
	assert_int_equal(json_array_size(json_object_get(log, "runs")), 1);
	run = sarif_run(log);
	driver = json_object_get(json_object_get(run, "tool"), "driver");
	assert_string_equal(json_string_value(json_object_get(driver, "name")), "mgc");
	assert_string_equal(json_string_value(json_object_get(driver, "semanticVersion")),
			    MGC_VERSION);
	assert_non_null(json_object_get(driver, "informationUri"));
	assert_string_equal(json_string_value(json_object_get(run, "columnKind")),
			    "unicodeCodePoints");
	assert_int_equal(json_array_size(json_object_get(run, "results")), 0);
	json_decref(log);
}

static void sarif_lists_every_rule_in_table_order_with_required_fields(void **state)
{
	struct fixture *fx = *state;
	json_t *log = render_parsed(fx, SARIF), *rules;
	size_t i;

	rules = json_object_get(json_object_get(json_object_get(sarif_run(log), "tool"), "driver"),
				"rules");
	assert_int_equal(json_array_size(rules), DIAG_CODE_NR);
	for (i = 0; i < DIAG_CODE_NR; i++) {
		const struct diag_code_info *ci = diag_code_info((enum diag_code)i);
		json_t *r = json_array_get(rules, i), *tags;

		assert_string_equal(json_string_value(json_object_get(r, "id")), ci->rule_id);
		assert_string_equal(json_string_value(json_object_get(r, "name")), ci->name);
		assert_string_equal(text_of(r, "shortDescription"), ci->short_desc);
		assert_string_equal(text_of(r, "fullDescription"), ci->short_desc);
		assert_string_equal(text_of(r, "help"), ci->help);
		assert_non_null(json_object_get(json_object_get(r, "defaultConfiguration"), "level"));
		tags = json_object_get(json_object_get(r, "properties"), "tags");
		assert_string_equal(json_string_value(json_array_get(tags, 0)), "correctness");
	}
	json_decref(log);
}

static void sarif_rule_default_levels_follow_the_table(void **state)
{
	struct fixture *fx = *state;
	json_t *log = render_parsed(fx, SARIF), *rules;

	rules = json_object_get(json_object_get(json_object_get(sarif_run(log), "tool"), "driver"),
				"rules");
	assert_string_equal(json_string_value(json_object_get(json_object_get(
		json_array_get(rules, DIAG_REDUNDANT), "defaultConfiguration"), "level")), "warning");
	assert_string_equal(json_string_value(json_object_get(json_object_get(
		json_array_get(rules, DIAG_NOTICE), "defaultConfiguration"), "level")), "note");
	json_decref(log);
}

static void sarif_result_has_rule_level_message_and_one_based_region(void **state)
{
	struct fixture *fx = *state;
	uint32_t id = add(fx, "policy/example.mg", "zone a {}\n\xc3\xa9  from dmz2 to a;\n");
	json_t *log, *res, *locs, *region;

	diag_error(&fx->d, DIAG_UNKNOWN_NAME, span_of(fx, id, "dmz2"), "unknown zone 'dmz2'");
	log = render_parsed(fx, SARIF);
	res = sarif_result(log, 0);
	assert_string_equal(json_string_value(json_object_get(res, "ruleId")), "MGC1101");
	assert_int_equal(json_integer_value(json_object_get(res, "ruleIndex")), DIAG_UNKNOWN_NAME);
	assert_string_equal(json_string_value(json_object_get(res, "level")), "error");
	assert_string_equal(text_of(res, "message"), "unknown zone 'dmz2'");
	locs = json_object_get(res, "locations");
	assert_int_equal(json_array_size(locs), 1);
	assert_string_equal(sarif_uri(json_array_get(locs, 0)), "policy/example.mg");
	region = sarif_region(json_array_get(locs, 0));
	assert_int_equal(json_integer_value(json_object_get(region, "startLine")), 2);
	assert_int_equal(json_integer_value(json_object_get(region, "startColumn")), 9);
	assert_int_equal(json_integer_value(json_object_get(region, "endLine")), 2);
	assert_int_equal(json_integer_value(json_object_get(region, "endColumn")), 13);
	json_decref(log);
}

static void sarif_uri_is_percent_encoded_with_forward_slashes(void **state)
{
	struct fixture *fx = *state;
	uint32_t id = add(fx, "my dir\\p%l\xc3\xa9.mg", "x\n");
	json_t *log;

	diag_error(&fx->d, DIAG_SYNTAX, span_at(id, 0, 1), "bad");
	log = render_parsed(fx, SARIF);
	assert_string_equal(sarif_uri(json_array_get(json_object_get(sarif_result(log, 0),
								     "locations"), 0)),
			    "my%20dir/p%25l%C3%A9.mg");
	json_decref(log);
}

static void sarif_result_without_location_points_at_the_main_file(void **state)
{
	struct fixture *fx = *state;
	json_t *log, *loc, *region;

	add(fx, "main.mg", "zone a {}\n");
	add(fx, "lib.mg", "zone b {}\n");
	diag_error(&fx->d, DIAG_TARGET, SPAN_NONE, "no firewall to compile");
	log = render_parsed(fx, SARIF);
	loc = json_array_get(json_object_get(sarif_result(log, 0), "locations"), 0);
	assert_string_equal(sarif_uri(loc), "main.mg");
	region = sarif_region(loc);
	assert_int_equal(json_integer_value(json_object_get(region, "startLine")), 1);
	assert_int_equal(json_integer_value(json_object_get(region, "startColumn")), 1);
	json_decref(log);
}

static void sarif_result_without_any_file_has_no_locations(void **state)
{
	struct fixture *fx = *state;
	json_t *log;

	diag_error(&fx->d, DIAG_IO, SPAN_NONE, "no input files");
	log = render_parsed(fx, SARIF);
	assert_null(json_object_get(sarif_result(log, 0), "locations"));
	assert_non_null(json_object_get(sarif_result(log, 0), "partialFingerprints"));
	json_decref(log);
}

static void sarif_notes_with_locations_become_numbered_related_locations(void **state)
{
	struct fixture *fx = *state;
	uint32_t id = add(fx, "d.mg", "zone a {}\nzone a {}\nzone a {}\n");
	struct diag *dg = diag_error(&fx->d, DIAG_DUPLICATE_NAME, span_at(id, 25, 26), "thrice");
	json_t *log, *res, *rel;

	diag_note(dg, span_at(id, 5, 6), "first here");
	diag_note(dg, SPAN_NONE, "rename one");
	diag_note(dg, span_at(id, 15, 16), "second here");
	log = render_parsed(fx, SARIF);
	res = sarif_result(log, 0);
	rel = json_object_get(res, "relatedLocations");
	assert_int_equal(json_array_size(rel), 2);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(rel, 0), "id")), 1);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(rel, 1), "id")), 2);
	assert_string_equal(text_of(json_array_get(rel, 1), "message"), "second here");
	assert_int_equal(json_integer_value(json_object_get(
		sarif_region(json_array_get(rel, 1)), "startLine")), 2);
	assert_string_equal(text_of(res, "message"), "thrice\nnote: rename one");
	json_decref(log);
}

static void sarif_level_reports_werror_warnings_as_errors(void **state)
{
	struct fixture *fx = *state;
	json_t *log;

	fx->d.werror = 1;
	diag_warning(&fx->d, DIAG_REDUNDANT, SPAN_NONE, "redundant");
	log = render_parsed(fx, SARIF);
	assert_string_equal(json_string_value(json_object_get(sarif_result(log, 0), "level")),
			    "error");
	json_decref(log);
}

static const char *fingerprint(json_t *res)
{
	return json_string_value(json_object_get(json_object_get(res, "partialFingerprints"),
						 "primaryLocationLineHash"));
}

static void sarif_fingerprint_is_sixteen_hex_digits_and_an_occurrence(void **state)
{
	struct fixture *fx = *state;
	uint32_t id = add(fx, "a.mg", "zone dmzz;\n");
	json_t *log;
	const char *fp;
	size_t i;

	diag_error(&fx->d, DIAG_UNKNOWN_NAME, span_of(fx, id, "dmzz"), "unknown zone 'dmzz'");
	log = render_parsed(fx, SARIF);
	fp = fingerprint(sarif_result(log, 0));
	assert_int_equal(strlen(fp), 18);
	for (i = 0; i < 16; i++)
		assert_non_null(strchr("0123456789abcdef", fp[i]));
	assert_string_equal(fp + 16, ":1");
	json_decref(log);
}

static void sarif_identical_fingerprints_are_numbered_apart(void **state)
{
	struct fixture *fx = *state;
	uint32_t id = add(fx, "a.mg", "x y\nx y\n");
	json_t *log;
	const char *a, *b;

	diag_error(&fx->d, DIAG_SYNTAX, span_at(id, 0, 1), "bad");
	diag_error(&fx->d, DIAG_SYNTAX, span_at(id, 2, 3), "bad");
	diag_error(&fx->d, DIAG_SYNTAX, span_at(id, 4, 5), "bad");
	log = render_parsed(fx, SARIF);
	a = fingerprint(sarif_result(log, 0));
	b = fingerprint(sarif_result(log, 2));
	assert_memory_equal(a, b, 16);
	assert_string_equal(a + 16, ":1");
	assert_string_equal(fingerprint(sarif_result(log, 1)) + 16, ":2");
	assert_string_equal(b + 16, ":3");
	json_decref(log);
}

static void sarif_fingerprint_survives_moving_and_reindenting_the_line(void **state)
{
	struct fixture *fx = *state;
	uint32_t a = add(fx, "p.mg", "zone dmzz;\n"), b;
	json_t *log;
	char first[32];

	diag_error(&fx->d, DIAG_UNKNOWN_NAME, span_of(fx, a, "dmzz"), "unknown");
	log = render_parsed(fx, SARIF);
	strcpy(first, fingerprint(sarif_result(log, 0)));
	json_decref(log);

	diag_release(&fx->d);
	source_release(&fx->src);
	diag_init(&fx->d, &fx->src);
	b = add(fx, "p.mg", "# new comment\n\n\t  zone dmzz;  \n");
	diag_error(&fx->d, DIAG_UNKNOWN_NAME, span_of(fx, b, "dmzz"), "unknown");
	log = render_parsed(fx, SARIF);
	assert_string_equal(fingerprint(sarif_result(log, 0)), first);
	json_decref(log);
}

static void sarif_fingerprint_differs_between_rules(void **state)
{
	struct fixture *fx = *state;
	uint32_t id = add(fx, "a.mg", "zone dmzz;\n");
	json_t *log;

	diag_error(&fx->d, DIAG_UNKNOWN_NAME, span_of(fx, id, "dmzz"), "unknown");
	diag_error(&fx->d, DIAG_SYNTAX, span_of(fx, id, "dmzz"), "syntax");
	log = render_parsed(fx, SARIF);
	assert_memory_not_equal(fingerprint(sarif_result(log, 0)),
				fingerprint(sarif_result(log, 1)), 16);
	json_decref(log);
}

static void sarif_output_is_deterministic(void **state)
{
	struct fixture *fx = *state;
	uint32_t id = add(fx, "a.mg", "zone dmzz;\n");
	char *first;

	diag_error(&fx->d, DIAG_UNKNOWN_NAME, span_of(fx, id, "dmzz"), "unknown");
	diag_warning(&fx->d, DIAG_REDUNDANT, SPAN_NONE, "redundant");
	first = xstrdup(render(fx, SARIF));
	assert_string_equal(render(fx, SARIF), first);
	free(first);
}

/* ---- did you mean ---- */

static void edit_distance_counts_insertions_deletions_and_substitutions(void **state)
{
	(void)state;
	assert_int_equal(diag_edit_distance("kitten", "sitting", 10), 3);
	assert_int_equal(diag_edit_distance("dmzz", "dmz", 10), 1);
	assert_int_equal(diag_edit_distance("", "abc", 10), 3);
	assert_int_equal(diag_edit_distance("abc", "abc", 10), 0);
}

static void edit_distance_counts_a_transposition_as_one(void **state)
{
	(void)state;
	assert_int_equal(diag_edit_distance("smpt", "smtp", 10), 1);
	assert_int_equal(diag_edit_distance("ab", "ba", 10), 1);
}

static void edit_distance_above_the_cap_returns_cap_plus_one(void **state)
{
	(void)state;
	assert_int_equal(diag_edit_distance("kitten", "sitting", 2), 3);
	assert_int_equal(diag_edit_distance("a", "abcdefgh", 2), 3);
	assert_int_equal(diag_edit_distance("abcdef", "uvwxyz", 0), 1);
}

static void edit_distance_handles_long_names(void **state)
{
	char a[201], b[201];

	(void)state;
	memset(a, 'x', 200);
	memset(b, 'x', 200);
	a[200] = b[200] = '\0';
	b[100] = 'y';
	assert_int_equal(diag_edit_distance(a, b, 5), 1);
}

static void suggest_finds_the_closest_candidate(void **state)
{
	static const char *const zones[] = { "clean", "dirty", "dmz", "dmz6" };

	(void)state;
	assert_string_equal(diag_suggest("dmzz", zones, countof(zones)), "dmz");
	assert_string_equal(diag_suggest("clena", zones, countof(zones)), "clean");
}

static void suggest_prefers_the_first_of_equally_close_candidates(void **state)
{
	static const char *const names[] = { "dmz1", "dmz2" };

	(void)state;
	assert_string_equal(diag_suggest("dmz", names, countof(names)), "dmz1");
}

static void suggest_gives_nothing_beyond_distance_two(void **state)
{
	static const char *const zones[] = { "clean", "dirty" };

	(void)state;
	assert_null(diag_suggest("internal", zones, countof(zones)));
	assert_null(diag_suggest("dmz", zones, 0));
}

static void suggest_needs_fewer_edits_than_the_word_has_letters(void **state)
{
	static const char *const one[] = { "b" }, *const two[] = { "xy" };

	(void)state;
	assert_null(diag_suggest("a", one, countof(one)));
	assert_null(diag_suggest("ab", two, countof(two)));
	assert_string_equal(diag_suggest("ab", one, countof(one)), "b");
}

static void suggest_never_offers_the_word_itself(void **state)
{
	static const char *const names[] = { "dmz" };

	(void)state;
	assert_null(diag_suggest("dmz", names, countof(names)));
}

static void suggest_offers_a_name_differing_only_in_case(void **state)
{
	static const char *const names[] = { "other", "dmz" };

	(void)state;
	assert_string_equal(diag_suggest("DMZ", names, countof(names)), "dmz");
	assert_string_equal(diag_suggest("Dmz", names, countof(names)), "dmz");
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(error_message_is_formatted_and_counted),
		T(warnings_alone_do_not_fail_the_run),
		T(info_is_recorded_with_note_severity),
		T(werror_makes_warnings_fail_the_run),
		T(sequence_numbers_follow_report_order),
		T(notes_attach_to_their_diagnostic),
		T(code_info_comes_from_the_table),
		T(sort_orders_by_file_then_offset_then_report_order),
		T(sorting_an_empty_sink_does_nothing),
		T(error_renders_gcc_style_with_source_line_and_caret),
		T(one_byte_span_gets_a_caret_without_tildes),
		T(empty_span_gets_a_caret),
		T(caret_under_tabbed_source_copies_the_tabs),
		T(location_column_is_the_display_column),
		T(multi_line_span_is_cut_at_the_line_end),
		T(span_at_the_line_end_puts_the_caret_after_the_text),
		T(control_characters_in_the_source_line_are_replaced),
		T(invalid_utf8_is_replaced_and_the_caret_stays_aligned),
		T(control_characters_in_messages_are_replaced),
		T(diagnostic_without_location_names_the_program),
		T(note_with_a_location_gets_its_own_excerpt),
		T(note_without_a_location_prints_bare),
		T(info_renders_as_a_note_with_its_code),
		T(warning_renders_as_warning),
		T(werror_renders_warnings_as_errors),
		T(max_errors_caps_printed_errors_and_says_how_many_are_hidden),
		T(max_errors_counts_werror_warnings_as_errors),
		T(nothing_to_report_renders_nothing),
		T(json_object_keys_come_in_documented_order),
		T(json_values_use_one_based_code_point_columns_with_exclusive_end),
		T(json_omits_location_keys_without_a_location),
		T(json_notes_carry_message_and_location),
		T(json_reports_werror_warnings_as_errors),
		T(json_replaces_invalid_utf8_in_messages),
		T(json_of_no_diagnostics_is_an_empty_array),
		T(sarif_log_has_schema_version_and_one_run),
		T(sarif_lists_every_rule_in_table_order_with_required_fields),
		T(sarif_rule_default_levels_follow_the_table),
		T(sarif_result_has_rule_level_message_and_one_based_region),
		T(sarif_uri_is_percent_encoded_with_forward_slashes),
		T(sarif_result_without_location_points_at_the_main_file),
		T(sarif_result_without_any_file_has_no_locations),
		T(sarif_notes_with_locations_become_numbered_related_locations),
		T(sarif_level_reports_werror_warnings_as_errors),
		T(sarif_fingerprint_is_sixteen_hex_digits_and_an_occurrence),
		T(sarif_identical_fingerprints_are_numbered_apart),
		T(sarif_fingerprint_survives_moving_and_reindenting_the_line),
		T(sarif_fingerprint_differs_between_rules),
		T(sarif_output_is_deterministic),
		T(edit_distance_counts_insertions_deletions_and_substitutions),
		T(edit_distance_counts_a_transposition_as_one),
		T(edit_distance_above_the_cap_returns_cap_plus_one),
		T(edit_distance_handles_long_names),
		T(suggest_finds_the_closest_candidate),
		T(suggest_prefers_the_first_of_equally_close_candidates),
		T(suggest_gives_nothing_beyond_distance_two),
		T(suggest_needs_fewer_edits_than_the_word_has_letters),
		T(suggest_never_offers_the_word_itself),
		T(suggest_offers_a_name_differing_only_in_case),
	};

	return cmocka_run_group_tests_name("diag", tests, NULL, NULL);
}
