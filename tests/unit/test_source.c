/*
 * Unit tests for compiler/source.c: the source table, line and column
 * arithmetic, line text and reading files.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "source.h"
#include "util.h"

/* Register a copy of n bytes of text (which may hold NULs). */
static uint32_t add_n(struct source_table *t, const char *name, const char *text, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, text, n);
	p[n] = '\0';
	return source_add(t, name, p, n);
}

static uint32_t add(struct source_table *t, const char *name, const char *text)
{
	return add_n(t, name, text, strlen(text));
}

/* Write text to a new temporary file; returns its path (static buffer). */
static const char *temp_file(const char *text, size_t n)
{
	static char path[64];
	int fd;

	strcpy(path, "/tmp/mgc-test-source-XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, n), (ssize_t)n);
	close(fd);
	return path;
}

static void first_file_gets_id_one_and_id_zero_is_reserved(void **state)
{
	struct source_table t = SOURCE_TABLE_INIT;
	const struct source_file *f;

	(void)state;
	assert_int_equal(add(&t, "a.mg", "zone a {}\n"), 1);
	assert_int_equal(add(&t, "b.mg", "zone b {}\n"), 2);
	f = source_get(&t, 0);
	assert_non_null(f);
	assert_string_equal(f->name, "");
	assert_int_equal(f->len, 0);
	assert_string_equal(source_get(&t, 2)->name, "b.mg");
	assert_null(source_get(&t, 3));
	source_release(&t);
}

static void table_owns_a_copy_of_the_name(void **state)
{
	struct source_table t = SOURCE_TABLE_INIT;
	char name[] = "x.mg";
	uint32_t id = add(&t, name, "");

	(void)state;
	name[0] = 'y';
	assert_string_equal(source_get(&t, id)->name, "x.mg");
	source_release(&t);
}

static void lines_and_columns_start_at_one(void **state)
{
	struct source_table t = SOURCE_TABLE_INIT;
	uint32_t id = add(&t, "a.mg", "ab\ncd\n");
	struct source_pos p;

	(void)state;
	p = source_locate(&t, id, 0);
	assert_int_equal(p.line, 1);
	assert_int_equal(p.col, 1);
	assert_int_equal(p.col_cp, 1);
	assert_int_equal(p.col_byte, 1);
	p = source_locate(&t, id, 4);	/* 'd' */
	assert_int_equal(p.line, 2);
	assert_int_equal(p.col, 2);
	assert_int_equal(p.col_byte, 2);
	source_release(&t);
}

static void newline_belongs_to_the_line_it_ends(void **state)
{
	struct source_table t = SOURCE_TABLE_INIT;
	uint32_t id = add(&t, "a.mg", "ab\ncd");
	struct source_pos p = source_locate(&t, id, 2);

	(void)state;
	assert_int_equal(p.line, 1);
	assert_int_equal(p.col, 3);
	source_release(&t);
}

static void end_of_text_after_final_newline_is_on_an_empty_last_line(void **state)
{
	struct source_table t = SOURCE_TABLE_INIT;
	uint32_t id = add(&t, "a.mg", "ab\n");
	struct source_pos p = source_locate(&t, id, 3);
	size_t len = 99;

	(void)state;
	assert_int_equal(source_get(&t, id)->nlines, 2);
	assert_int_equal(p.line, 2);
	assert_int_equal(p.col, 1);
	assert_non_null(source_line(&t, id, 2, &len));
	assert_int_equal(len, 0);
	source_release(&t);
}

static void offset_past_the_end_is_clamped_to_the_end(void **state)
{
	struct source_table t = SOURCE_TABLE_INIT;
	uint32_t id = add(&t, "a.mg", "ab\ncd");
	struct source_pos p = source_locate(&t, id, 1000);

	(void)state;
	assert_int_equal(p.line, 2);
	assert_int_equal(p.col_byte, 3);
	source_release(&t);
}

static void tab_advances_display_column_to_next_multiple_of_eight(void **state)
{
	struct source_table t = SOURCE_TABLE_INIT;
	uint32_t id = add(&t, "a.mg", "\tx\nab\tx\n12345678\tx\n");
	struct source_pos p;

	(void)state;
	p = source_locate(&t, id, 1);
	assert_int_equal(p.col, 9);
	assert_int_equal(p.col_cp, 2);
	assert_int_equal(p.col_byte, 2);
	p = source_locate(&t, id, 6);	/* "ab\t" then x */
	assert_int_equal(p.line, 2);
	assert_int_equal(p.col, 9);
	assert_int_equal(p.col_cp, 4);
	p = source_locate(&t, id, 17);	/* "12345678\t" then x */
	assert_int_equal(p.line, 3);
	assert_int_equal(p.col, 17);
	assert_int_equal(p.col_byte, 10);
	source_release(&t);
}

static void utf8_character_is_one_code_point_and_one_display_column(void **state)
{
	struct source_table t = SOURCE_TABLE_INIT;
	/* "é€😀x": 2 + 3 + 4 bytes before x */
	uint32_t id = add(&t, "a.mg", "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80x");
	struct source_pos p = source_locate(&t, id, 9);

	(void)state;
	assert_int_equal(p.col_cp, 4);
	assert_int_equal(p.col, 4);
	assert_int_equal(p.col_byte, 10);
	source_release(&t);
}

static void each_invalid_utf8_byte_counts_as_one_code_point(void **state)
{
	struct source_table t = SOURCE_TABLE_INIT;
	/* a lone continuation byte, an overlong '/', a truncated sequence */
	uint32_t id = add(&t, "a.mg", "\x80\xc0\xaf\xe2\x82x");
	struct source_pos p = source_locate(&t, id, 5);

	(void)state;
	assert_int_equal(p.col_cp, 6);
	assert_int_equal(p.col_byte, 6);
	source_release(&t);
}

static void offset_inside_a_character_gets_that_characters_column(void **state)
{
	struct source_table t = SOURCE_TABLE_INIT;
	uint32_t id = add(&t, "a.mg", "a\xe2\x82\xac");
	struct source_pos p = source_locate(&t, id, 2);

	(void)state;
	assert_int_equal(p.col_cp, 2);
	assert_int_equal(p.col_byte, 3);
	source_release(&t);
}

static void line_text_excludes_newline_and_trailing_carriage_return(void **state)
{
	struct source_table t = SOURCE_TABLE_INIT;
	uint32_t id = add(&t, "a.mg", "one\r\ntwo\nthree\r");
	const char *s;
	size_t len;

	(void)state;
	s = source_line(&t, id, 1, &len);
	assert_int_equal(len, 3);
	assert_memory_equal(s, "one", 3);
	s = source_line(&t, id, 2, &len);
	assert_int_equal(len, 3);
	assert_memory_equal(s, "two", 3);
	s = source_line(&t, id, 3, &len);
	assert_int_equal(len, 5);
	assert_memory_equal(s, "three", 5);
	source_release(&t);
}

static void crlf_lines_are_located_like_lf_lines(void **state)
{
	struct source_table t = SOURCE_TABLE_INIT;
	uint32_t id = add(&t, "a.mg", "ab\r\ncd\r\n");
	struct source_pos p = source_locate(&t, id, 5);	/* 'd' */

	(void)state;
	assert_int_equal(p.line, 2);
	assert_int_equal(p.col, 2);
	source_release(&t);
}

static void line_out_of_range_is_null_with_zero_length(void **state)
{
	struct source_table t = SOURCE_TABLE_INIT;
	uint32_t id = add(&t, "a.mg", "a\nb");
	size_t len = 7;

	(void)state;
	assert_null(source_line(&t, id, 0, &len));
	assert_int_equal(len, 0);
	assert_null(source_line(&t, id, 3, &len));
	assert_null(source_line(&t, 9, 1, &len));
	source_release(&t);
}

static void text_may_contain_nul_bytes(void **state)
{
	struct source_table t = SOURCE_TABLE_INIT;
	uint32_t id = add_n(&t, "a.mg", "a\0b\nc", 5);
	struct source_pos p = source_locate(&t, id, 4);
	size_t len;

	(void)state;
	assert_int_equal(p.line, 2);
	assert_non_null(source_line(&t, id, 1, &len));
	assert_int_equal(len, 3);
	source_release(&t);
}

static void every_line_of_a_long_file_is_found(void **state)
{
	struct source_table t = SOURCE_TABLE_INIT;
	size_t n = 5000, i;
	char *text = xmalloc(n * 4 + 1);
	uint32_t id;

	(void)state;
	for (i = 0; i < n; i++)
		memcpy(text + 4 * i, "abc\n", 4);
	text[4 * n] = '\0';
	id = source_add(&t, "long.mg", text, 4 * n);
	assert_int_equal(source_get(&t, id)->nlines, n + 1);
	for (i = 0; i < n; i++) {
		struct source_pos p = source_locate(&t, id, (uint32_t)(4 * i + 2));

		assert_int_equal(p.line, i + 1);
		assert_int_equal(p.col, 3);
	}
	source_release(&t);
}

static void read_registers_the_file_under_the_path_given(void **state)
{
	struct source_table t = SOURCE_TABLE_INIT;
	const char *path = temp_file("zone a {}\n", 10);
	uint32_t id = source_read(&t, path, 1 << 20);
	const struct source_file *f = source_get(&t, id);

	(void)state;
	unlink(path);
	assert_int_equal(id, 1);
	assert_string_equal(f->name, path);
	assert_int_equal(f->len, 10);
	assert_string_equal(f->text, "zone a {}\n");
	source_release(&t);
}

static void read_refuses_a_file_larger_than_max_bytes_with_efbig(void **state)
{
	struct source_table t = SOURCE_TABLE_INIT;
	const char *path = temp_file("0123456789", 10);

	(void)state;
	errno = 0;
	assert_int_equal(source_read(&t, path, 9), 0);
	assert_int_equal(errno, EFBIG);
	assert_int_not_equal(source_read(&t, path, 10), 0);
	unlink(path);
	source_release(&t);
}

static void read_of_a_missing_file_fails_with_its_errno(void **state)
{
	struct source_table t = SOURCE_TABLE_INIT;

	(void)state;
	errno = 0;
	assert_int_equal(source_read(&t, "/nonexistent/mgc/x.mg", 100), 0);
	assert_int_equal(errno, ENOENT);
	assert_int_equal(t.nr, 0);
	source_release(&t);
}

static void read_of_a_directory_fails(void **state)
{
	struct source_table t = SOURCE_TABLE_INIT;

	(void)state;
	errno = 0;
	assert_int_equal(source_read(&t, "/tmp", 100), 0);
	assert_int_equal(errno, EISDIR);
	source_release(&t);
}

/* Run source_read(t, "-", max) with standard input reading from a pipe holding text. */
static uint32_t read_stdin_from_pipe(struct source_table *t, const char *text, size_t max)
{
	int fds[2], saved = dup(STDIN_FILENO);
	uint32_t id;

	assert_true(saved >= 0);
	assert_int_equal(pipe(fds), 0);
	assert_int_equal(write(fds[1], text, strlen(text)), (ssize_t)strlen(text));
	close(fds[1]);
	assert_true(dup2(fds[0], STDIN_FILENO) >= 0);
	close(fds[0]);
	id = source_read(t, "-", max);
	assert_true(dup2(saved, STDIN_FILENO) >= 0);
	close(saved);
	return id;
}

static void dash_reads_standard_input(void **state)
{
	struct source_table t = SOURCE_TABLE_INIT;
	uint32_t id = read_stdin_from_pipe(&t, "host h {}\n", 100);

	(void)state;
	assert_int_equal(id, 1);
	assert_string_equal(source_get(&t, id)->name, "<stdin>");
	assert_string_equal(source_get(&t, id)->text, "host h {}\n");
	source_release(&t);
}

static void oversized_standard_input_fails_with_efbig(void **state)
{
	struct source_table t = SOURCE_TABLE_INIT;

	(void)state;
	errno = 0;
	assert_int_equal(read_stdin_from_pipe(&t, "0123456789", 5), 0);
	assert_int_equal(errno, EFBIG);
	source_release(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(first_file_gets_id_one_and_id_zero_is_reserved),
		cmocka_unit_test(table_owns_a_copy_of_the_name),
		cmocka_unit_test(lines_and_columns_start_at_one),
		cmocka_unit_test(newline_belongs_to_the_line_it_ends),
		cmocka_unit_test(end_of_text_after_final_newline_is_on_an_empty_last_line),
		cmocka_unit_test(offset_past_the_end_is_clamped_to_the_end),
		cmocka_unit_test(tab_advances_display_column_to_next_multiple_of_eight),
		cmocka_unit_test(utf8_character_is_one_code_point_and_one_display_column),
		cmocka_unit_test(each_invalid_utf8_byte_counts_as_one_code_point),
		cmocka_unit_test(offset_inside_a_character_gets_that_characters_column),
		cmocka_unit_test(line_text_excludes_newline_and_trailing_carriage_return),
		cmocka_unit_test(crlf_lines_are_located_like_lf_lines),
		cmocka_unit_test(line_out_of_range_is_null_with_zero_length),
		cmocka_unit_test(text_may_contain_nul_bytes),
		cmocka_unit_test(every_line_of_a_long_file_is_found),
		cmocka_unit_test(read_registers_the_file_under_the_path_given),
		cmocka_unit_test(read_refuses_a_file_larger_than_max_bytes_with_efbig),
		cmocka_unit_test(read_of_a_missing_file_fails_with_its_errno),
		cmocka_unit_test(read_of_a_directory_fails),
		cmocka_unit_test(dash_reads_standard_input),
		cmocka_unit_test(oversized_standard_input_fails_with_efbig),
	};

	return cmocka_run_group_tests_name("source", tests, NULL, NULL);
}
