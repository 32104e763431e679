/*
 * Unit tests for backends/emit.c: the output buffer and one quoting
 * function per output syntax.  Every quoting function gets the same
 * injection attempts; a refusal must leave the buffer exactly as it was.
 */
#include "emit.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

/* UTF-8 spellings, kept as separate literals so no hex escape runs on */
#define E_ACUTE		"\xc3\xa9"		/* U+00E9 */
#define O_GRAVE		"\xc3\x92"		/* U+00D2 */
#define NEL		"\xc2\x85"		/* U+0085, a C1 control */
#define LSQUO		"\xe2\x80\x98"		/* U+2018 */
#define RSQUO		"\xe2\x80\x99"		/* U+2019 */
#define SBQUO		"\xe2\x80\x9a"		/* U+201A */
#define REV_QUOTE	"\xe2\x80\x9b"		/* U+201B */
#define LDQUO		"\xe2\x80\x9c"		/* U+201C */
#define LINE_SEP	"\xe2\x80\xa8"		/* U+2028 */
#define RLO		"\xe2\x80\xae"		/* U+202E, right-to-left override */
#define RLI		"\xe2\x81\xa7"		/* U+2067, right-to-left isolate */
#define SNOWMAN		"\xe2\x98\x83"		/* U+2603 */
#define EMOJI		"\xf0\x9f\x93\xa7"	/* U+1F4E7 */

#define PREFIX "kept|"

static const char *const invalid_utf8[] = {
	"\xff",				/* never valid */
	"a\x80" "b",			/* stray continuation byte */
	"\xc0\xaf",			/* overlong '/' */
	"\xe0\x80\xaf",			/* overlong '/' */
	"\xed\xa0\x80",			/* UTF-16 surrogate */
	"\xf4\x90\x80\x80",		/* above U+10FFFF */
	"x\xe2\x80",			/* cut short by the end */
	"\xc3" "a",			/* missing continuation */
};

/*
 * Append s through fn after PREFIX: it must succeed, keep PREFIX and
 * write exactly want; out_can_quote() must agree.
 */
static void expect_quoted(int (*fn)(struct out *, const char *), const char *s, const char *want)
{
	struct out o = OUT_INIT;

	out_puts(&o, PREFIX);
	assert_int_equal(fn(&o, s), 0);
	assert_int_equal(o.len, strlen(o.buf));
	assert_memory_equal(o.buf, PREFIX, strlen(PREFIX));
	assert_string_equal(o.buf + strlen(PREFIX), want);
	assert_int_equal(out_can_quote(fn, s), 0);
	out_release(&o);
}

/* fn must refuse s and leave the buffer exactly as it was. */
static void expect_refused(int (*fn)(struct out *, const char *), const char *s)
{
	struct out o = OUT_INIT;

	out_puts(&o, PREFIX);
	assert_int_equal(fn(&o, s), -1);
	assert_int_equal(o.len, strlen(PREFIX));
	assert_string_equal(o.buf, PREFIX);
	assert_int_equal(out_can_quote(fn, s), -1);
	out_release(&o);
}

static void expect_refuses_invalid_utf8(int (*fn)(struct out *, const char *))
{
	size_t i;

	for (i = 0; i < countof(invalid_utf8); i++)
		expect_refused(fn, invalid_utf8[i]);
}

/* n copies of unit followed by tail, on the heap */
static char *repeat(const char *unit, size_t n, const char *tail)
{
	size_t ulen = strlen(unit), tlen = strlen(tail), i;
	char *s = xmalloc(ulen * n + tlen + 1);

	for (i = 0; i < n; i++)
		memcpy(s + i * ulen, unit, ulen);
	memcpy(s + n * ulen, tail, tlen + 1);
	return s;
}

/* open s close, on the heap */
static char *wrap(const char *open, const char *s, const char *close)
{
	char *w = xmalloc(strlen(open) + strlen(s) + strlen(close) + 1);

	strcpy(w, open);
	strcat(w, s);
	strcat(w, close);
	return w;
}

static void expect_repeat_quoted(int (*fn)(struct out *, const char *),
				 const char *unit, size_t n,
				 const char *open, const char *close)
{
	char *s = repeat(unit, n, "");
	char *want = wrap(open, s, close);

	expect_quoted(fn, s, want);
	free(want);
	free(s);
}

static void expect_repeat_refused(int (*fn)(struct out *, const char *),
				  const char *unit, size_t n, const char *tail)
{
	char *s = repeat(unit, n, tail);

	expect_refused(fn, s);
	free(s);
}

/*
 * struct out
 */

static void out_buffer_is_null_before_first_write(void **state)
{
	struct out o = OUT_INIT;

	(void)state;
	assert_null(o.buf);
	assert_int_equal(o.len, 0);
	out_release(&o);
}

static void out_puts_appends_and_terminates(void **state)
{
	struct out o = OUT_INIT;

	(void)state;
	out_puts(&o, "table ");
	out_puts(&o, "inet mgc");
	assert_string_equal(o.buf, "table inet mgc");
	assert_int_equal(o.len, 14);
	out_release(&o);
}

static void out_write_copies_exactly_n_bytes(void **state)
{
	struct out o = OUT_INIT;

	(void)state;
	out_write(&o, "abcdef", 3);
	assert_int_equal(o.len, 3);
	assert_string_equal(o.buf, "abc");
	out_release(&o);
}

static void out_write_of_nothing_still_terminates(void **state)
{
	struct out o = OUT_INIT;

	(void)state;
	out_write(&o, "", 0);
	assert_non_null(o.buf);
	assert_string_equal(o.buf, "");
	assert_int_equal(o.len, 0);
	out_release(&o);
}

static void out_putc_appends_one_character(void **state)
{
	struct out o = OUT_INIT;

	(void)state;
	out_putc(&o, 'x');
	out_putc(&o, ';');
	assert_string_equal(o.buf, "x;");
	assert_int_equal(o.len, 2);
	out_release(&o);
}

static void out_printf_formats_like_printf(void **state)
{
	struct out o = OUT_INIT;

	(void)state;
	out_puts(&o, ">");
	out_printf(&o, "%s %d/%s %05u", "dport", 25, "tcp", 42u);
	assert_string_equal(o.buf, ">dport 25/tcp 00042");
	assert_int_equal(o.len, strlen(o.buf));
	out_release(&o);
}

static void out_printf_of_empty_result_still_terminates(void **state)
{
	struct out o = OUT_INIT;

	(void)state;
	out_printf(&o, "%s", "");
	assert_non_null(o.buf);
	assert_string_equal(o.buf, "");
	assert_int_equal(o.len, 0);
	out_release(&o);
}

static void out_printf_grows_for_long_output(void **state)
{
	struct out o = OUT_INIT;
	char *big = repeat("0123456789", 1000, "!");

	(void)state;
	out_puts(&o, "a");
	out_printf(&o, "[%s]%*d", big, 20, 7);
	assert_int_equal(o.len, 1 + 1 + 10001 + 1 + 20);
	assert_memory_equal(o.buf + 2, big, 10001);
	assert_string_equal(o.buf + 2 + 10001, "]                   7");
	free(big);
	out_release(&o);
}

static void vprintf_through(struct out *o, const char *fmt, ...) MG_PRINTF(2, 3);
static void vprintf_through(struct out *o, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	out_vprintf(o, fmt, ap);
	va_end(ap);
}

static void out_vprintf_takes_a_va_list(void **state)
{
	struct out o = OUT_INIT;
	char *big = repeat("x", 5000, "");

	(void)state;
	vprintf_through(&o, "%s=%d;", "n", 3);
	vprintf_through(&o, "%s", big);
	assert_int_equal(o.len, 4 + 5000);
	assert_memory_equal(o.buf, "n=3;", 4);
	assert_string_equal(o.buf + 4, big);
	free(big);
	out_release(&o);
}

static void out_growth_is_amortised(void **state)
{
	struct out o = OUT_INIT;
	size_t i, last = 0, grows = 0;

	(void)state;
	for (i = 0; i < 1000000; i++) {
		out_putc(&o, (char)('a' + i % 26));
		if (o.alloc != last) {
			grows++;
			last = o.alloc;
		}
	}
	assert_int_equal(o.len, 1000000);
	assert_true(o.alloc > o.len);
	assert_true(grows <= 40);
	assert_int_equal(o.buf[o.len], '\0');
	assert_int_equal(o.buf[999999], 'a' + 999999 % 26);
	out_release(&o);
}

static void out_reset_forgets_contents_but_keeps_memory(void **state)
{
	struct out o = OUT_INIT;
	char *mem;

	(void)state;
	out_puts(&o, "flush ruleset");
	mem = o.buf;
	out_reset(&o);
	assert_ptr_equal(o.buf, mem);
	assert_int_equal(o.len, 0);
	assert_string_equal(o.buf, "");
	out_puts(&o, "x");
	assert_string_equal(o.buf, "x");
	out_release(&o);
}

static void out_reset_of_unused_buffer_is_harmless(void **state)
{
	struct out o = OUT_INIT;

	(void)state;
	out_reset(&o);
	assert_null(o.buf);
	assert_int_equal(o.len, 0);
}

static void out_release_returns_to_initial_state(void **state)
{
	struct out o = OUT_INIT;

	(void)state;
	out_puts(&o, "x");
	out_release(&o);
	assert_null(o.buf);
	assert_int_equal(o.len, 0);
	assert_int_equal(o.alloc, 0);
	out_puts(&o, "reused");
	assert_string_equal(o.buf, "reused");
	out_release(&o);
}

/*
 * nft -f strings
 */

static void nft_string_quotes_plain_text(void **state)
{
	(void)state;
	expect_quoted(out_nft_string, "step 6: secure the firewall",
		      "\"step 6: secure the firewall\"");
}

static void nft_string_accepts_empty_string(void **state)
{
	(void)state;
	expect_quoted(out_nft_string, "", "\"\"");
}

static void nft_string_keeps_single_quote_and_semicolon_literal(void **state)
{
	(void)state;
	expect_quoted(out_nft_string, "it's; rm -rf /", "\"it's; rm -rf /\"");
}

static void nft_string_keeps_nft_metacharacters_literal(void **state)
{
	(void)state;
	expect_quoted(out_nft_string, "#x {y} @s $v ;",
		      "\"#x {y} @s $v ;\"");
}

static void nft_string_keeps_shell_substitutions_literal(void **state)
{
	(void)state;
	expect_quoted(out_nft_string, "$(reboot) `reboot` %SystemRoot%",
		      "\"$(reboot) `reboot` %SystemRoot%\"");
}

static void nft_string_refuses_double_quote(void **state)
{
	(void)state;
	expect_refused(out_nft_string, "a\"; flush ruleset; \"");
}

static void nft_string_refuses_backslash(void **state)
{
	(void)state;
	expect_refused(out_nft_string, "C:\\mgc");
	expect_refused(out_nft_string, "\\");
}

static void nft_string_refuses_newline(void **state)
{
	(void)state;
	expect_refused(out_nft_string, "x\nflush ruleset");
}

static void nft_string_refuses_carriage_return(void **state)
{
	(void)state;
	expect_refused(out_nft_string, "x\rflush ruleset");
}

static void nft_string_refuses_tab_and_other_c0_controls(void **state)
{
	(void)state;
	expect_refused(out_nft_string, "a\tb");
	expect_refused(out_nft_string, "a\x1b[2Jb");
	expect_refused(out_nft_string, "a\x7f");
}

static void nft_string_refuses_c1_control(void **state)
{
	(void)state;
	expect_refused(out_nft_string, "a" NEL "b");
}

static void nft_string_refuses_unicode_line_separator(void **state)
{
	(void)state;
	expect_refused(out_nft_string, "a" LINE_SEP "b");
}

static void nft_string_refuses_bidi_controls(void **state)
{
	(void)state;
	expect_refused(out_nft_string, "allow " RLO "yned");
	expect_refused(out_nft_string, "allow " RLI "x");
}

static void nft_string_passes_utf8_through(void **state)
{
	(void)state;
	expect_quoted(out_nft_string, "caf" E_ACUTE " " SNOWMAN " " EMOJI,
		      "\"caf" E_ACUTE " " SNOWMAN " " EMOJI "\"");
}

static void nft_string_accepts_128_bytes(void **state)
{
	(void)state;
	expect_repeat_quoted(out_nft_string, "a", 128, "\"", "\"");
}

static void nft_string_refuses_129_bytes(void **state)
{
	(void)state;
	expect_repeat_refused(out_nft_string, "a", 129, "");
}

static void nft_string_accepts_64_two_byte_characters(void **state)
{
	(void)state;
	expect_repeat_quoted(out_nft_string, E_ACUTE, 64, "\"", "\"");
}

static void nft_string_refuses_65_two_byte_characters(void **state)
{
	(void)state;
	expect_repeat_refused(out_nft_string, E_ACUTE, 65, "");
}

static void nft_string_accepts_multibyte_character_ending_at_limit(void **state)
{
	char *s = repeat("a", 126, E_ACUTE);	/* 127 characters, 128 bytes */
	char *want = wrap("\"", s, "\"");

	(void)state;
	expect_quoted(out_nft_string, s, want);
	free(want);
	free(s);
}

static void nft_string_refuses_multibyte_character_crossing_limit(void **state)
{
	(void)state;
	/* 127 characters but 129 bytes */
	expect_repeat_refused(out_nft_string, "a", 127, E_ACUTE);
}

static void nft_string_refuses_invalid_utf8(void **state)
{
	(void)state;
	expect_refuses_invalid_utf8(out_nft_string);
}

/*
 * iptables-restore arguments
 */

static void iptr_string_quotes_plain_text(void **state)
{
	(void)state;
	expect_quoted(out_iptr_string, "smtp in", "\"smtp in\"");
}

static void iptr_string_accepts_empty_string(void **state)
{
	(void)state;
	expect_quoted(out_iptr_string, "", "\"\"");
}

static void iptr_string_escapes_double_quote(void **state)
{
	(void)state;
	expect_quoted(out_iptr_string, "a\"; flush ruleset; \"",
		      "\"a\\\"; flush ruleset; \\\"\"");
}

static void iptr_string_escapes_backslash(void **state)
{
	(void)state;
	expect_quoted(out_iptr_string, "C:\\mgc\\", "\"C:\\\\mgc\\\\\"");
}

static void iptr_string_keeps_single_quote_literal(void **state)
{
	(void)state;
	expect_quoted(out_iptr_string, "it's; rm -rf /", "\"it's; rm -rf /\"");
}

static void iptr_string_keeps_shell_substitutions_literal(void **state)
{
	(void)state;
	expect_quoted(out_iptr_string, "$(reboot) `reboot` %SystemRoot%",
		      "\"$(reboot) `reboot` %SystemRoot%\"");
}

static void iptr_string_keeps_hash_literal(void **state)
{
	(void)state;
	expect_quoted(out_iptr_string, "# COMMIT", "\"# COMMIT\"");
}

static void iptr_string_refuses_newline(void **state)
{
	(void)state;
	expect_refused(out_iptr_string, "x\"\n-A INPUT -j ACCEPT");
	expect_refused(out_iptr_string, "x\nCOMMIT");
}

static void iptr_string_refuses_carriage_return(void **state)
{
	(void)state;
	expect_refused(out_iptr_string, "x\rCOMMIT");
}

static void iptr_string_refuses_tab_and_other_controls(void **state)
{
	(void)state;
	expect_refused(out_iptr_string, "a\tb");
	expect_refused(out_iptr_string, "a\x01");
	expect_refused(out_iptr_string, "a" NEL);
	expect_refused(out_iptr_string, "a" LINE_SEP);
}

static void iptr_string_passes_utf8_through(void **state)
{
	(void)state;
	expect_quoted(out_iptr_string, "Stra" "\xc3\x9f" "e " EMOJI,
		      "\"Stra" "\xc3\x9f" "e " EMOJI "\"");
}

static void iptr_string_accepts_255_bytes(void **state)
{
	(void)state;
	expect_repeat_quoted(out_iptr_string, "c", 255, "\"", "\"");
}

static void iptr_string_refuses_256_bytes(void **state)
{
	(void)state;
	expect_repeat_refused(out_iptr_string, "c", 256, "");
}

static void iptr_string_refuses_multibyte_character_crossing_limit(void **state)
{
	(void)state;
	/* 255 characters, 256 bytes */
	expect_repeat_refused(out_iptr_string, "c", 254, E_ACUTE);
}

static void iptr_string_limit_counts_bytes_before_escaping(void **state)
{
	char *s = repeat("\\", 255, "");
	char *escaped = repeat("\\\\", 255, "");
	char *want = wrap("\"", escaped, "\"");

	(void)state;
	free(escaped);
	expect_quoted(out_iptr_string, s, want);
	free(want);
	free(s);
}

static void iptr_string_refuses_invalid_utf8(void **state)
{
	(void)state;
	expect_refuses_invalid_utf8(out_iptr_string);
}

/*
 * POSIX shell words
 */

static void shell_word_quotes_plain_text(void **state)
{
	(void)state;
	expect_quoted(out_shell_word, "smtp-gw", "'smtp-gw'");
}

static void shell_word_quotes_empty_string(void **state)
{
	(void)state;
	expect_quoted(out_shell_word, "", "''");
}

static void shell_word_escapes_single_quote(void **state)
{
	(void)state;
	expect_quoted(out_shell_word, "it's; rm -rf /", "'it'\\''s; rm -rf /'");
}

static void shell_word_escapes_leading_and_trailing_single_quotes(void **state)
{
	(void)state;
	expect_quoted(out_shell_word, "''", "''\\'''\\'''");
}

static void shell_word_keeps_command_substitution_literal(void **state)
{
	(void)state;
	expect_quoted(out_shell_word, "$(reboot) `reboot` ${HOME}",
		      "'$(reboot) `reboot` ${HOME}'");
}

static void shell_word_keeps_double_quote_and_backslash_literal(void **state)
{
	(void)state;
	expect_quoted(out_shell_word, "a\"; flush ruleset; \" \\",
		      "'a\"; flush ruleset; \" \\'");
}

static void shell_word_keeps_percent_and_glob_literal(void **state)
{
	(void)state;
	expect_quoted(out_shell_word, "%SystemRoot% * ? [a] ~ !x",
		      "'%SystemRoot% * ? [a] ~ !x'");
}

static void shell_word_refuses_newline(void **state)
{
	(void)state;
	expect_refused(out_shell_word, "x'\nreboot\n'");
}

static void shell_word_refuses_carriage_return(void **state)
{
	(void)state;
	expect_refused(out_shell_word, "x\rreboot");
}

static void shell_word_refuses_tab_and_other_controls(void **state)
{
	(void)state;
	expect_refused(out_shell_word, "a\tb");
	expect_refused(out_shell_word, "\x1b]0;title\x07");
	expect_refused(out_shell_word, "a" NEL);
}

static void shell_word_passes_utf8_through(void **state)
{
	(void)state;
	expect_quoted(out_shell_word, "Caf" E_ACUTE " " RSQUO,
		      "'Caf" E_ACUTE " " RSQUO "'");
}

static void shell_word_refuses_invalid_utf8(void **state)
{
	(void)state;
	expect_refuses_invalid_utf8(out_shell_word);
}

/*
 * CSV fields
 */

static void csv_field_leaves_plain_text_bare(void **state)
{
	(void)state;
	expect_quoted(out_csv_field, "Any", "Any");
}

static void csv_field_leaves_empty_field_bare(void **state)
{
	(void)state;
	expect_quoted(out_csv_field, "", "");
}

static void csv_field_quotes_comma(void **state)
{
	(void)state;
	expect_quoted(out_csv_field, "smtp,http", "\"smtp,http\"");
}

static void csv_field_doubles_double_quote(void **state)
{
	(void)state;
	expect_quoted(out_csv_field, "a\"; flush ruleset; \"",
		      "\"a\"\"; flush ruleset; \"\"\"");
}

static void csv_field_quotes_newline(void **state)
{
	(void)state;
	expect_quoted(out_csv_field, "x\n1,evil", "\"x\n1,evil\"");
}

static void csv_field_quotes_carriage_return(void **state)
{
	(void)state;
	expect_quoted(out_csv_field, "x\r\ny", "\"x\r\ny\"");
}

static void csv_field_quotes_leading_space(void **state)
{
	(void)state;
	expect_quoted(out_csv_field, " x", "\" x\"");
}

static void csv_field_quotes_trailing_space(void **state)
{
	(void)state;
	expect_quoted(out_csv_field, "x ", "\"x \"");
}

static void csv_field_leaves_inner_space_bare(void **state)
{
	(void)state;
	expect_quoted(out_csv_field, "secure the firewall", "secure the firewall");
}

static void csv_field_keeps_single_quote_and_shell_text_bare(void **state)
{
	(void)state;
	expect_quoted(out_csv_field, "it's; rm -rf / $(reboot) `x` %SystemRoot%",
		      "it's; rm -rf / $(reboot) `x` %SystemRoot%");
}

static void csv_field_refuses_tab_and_other_controls(void **state)
{
	(void)state;
	expect_refused(out_csv_field, "a\tb");
	expect_refused(out_csv_field, "a\x0b");
	expect_refused(out_csv_field, "a" NEL);
	expect_refused(out_csv_field, "a" LINE_SEP);
}

static void csv_field_passes_utf8_through(void **state)
{
	(void)state;
	expect_quoted(out_csv_field, "Caf" E_ACUTE, "Caf" E_ACUTE);
}

static void csv_field_refuses_invalid_utf8(void **state)
{
	(void)state;
	expect_refuses_invalid_utf8(out_csv_field);
}

/*
 * DOT label strings
 */

static void dot_string_quotes_plain_text(void **state)
{
	(void)state;
	expect_quoted(out_dot_string, "smtpgw", "\"smtpgw\"");
}

static void dot_string_accepts_empty_string(void **state)
{
	(void)state;
	expect_quoted(out_dot_string, "", "\"\"");
}

static void dot_string_escapes_backslash_so_N_cannot_expand(void **state)
{
	(void)state;
	expect_quoted(out_dot_string, "\\N \\G \\l", "\"\\\\N \\\\G \\\\l\"");
}

static void dot_string_escapes_trailing_backslash(void **state)
{
	(void)state;
	expect_quoted(out_dot_string, "C:\\", "\"C:\\\\\"");
}

static void dot_string_escapes_double_quote(void **state)
{
	(void)state;
	expect_quoted(out_dot_string, "a\"]; x [label=\"",
		      "\"a\\\"]; x [label=\\\"\"");
}

static void dot_string_turns_newline_into_escape(void **state)
{
	(void)state;
	expect_quoted(out_dot_string, "smtpgw\n192.0.2.25", "\"smtpgw\\n192.0.2.25\"");
}

static void dot_string_escapes_ampersand_so_entities_stay_literal(void **state)
{
	(void)state;
	expect_quoted(out_dot_string, "AT&T &lt;", "\"AT&amp;T &amp;lt;\"");
}

static void dot_string_keeps_angle_brackets_literal(void **state)
{
	(void)state;
	expect_quoted(out_dot_string, "<b>x</b>", "\"<b>x</b>\"");
}

static void dot_string_keeps_shell_text_literal(void **state)
{
	(void)state;
	expect_quoted(out_dot_string, "it's; rm -rf / $(reboot) `x` %SystemRoot% #",
		      "\"it's; rm -rf / $(reboot) `x` %SystemRoot% #\"");
}

static void dot_string_refuses_carriage_return(void **state)
{
	(void)state;
	expect_refused(out_dot_string, "a\r\nb");
}

static void dot_string_refuses_tab_and_other_controls(void **state)
{
	(void)state;
	expect_refused(out_dot_string, "a\tb");
	expect_refused(out_dot_string, "a\x0c");
	expect_refused(out_dot_string, "a" NEL);
	expect_refused(out_dot_string, "a" LINE_SEP);
}

static void dot_string_passes_utf8_through(void **state)
{
	(void)state;
	expect_quoted(out_dot_string, "Caf" E_ACUTE " " EMOJI, "\"Caf" E_ACUTE " " EMOJI "\"");
}

static void dot_string_accepts_16000_bytes(void **state)
{
	(void)state;
	expect_repeat_quoted(out_dot_string, "d", 16000, "\"", "\"");
}

static void dot_string_refuses_16001_bytes(void **state)
{
	(void)state;
	expect_repeat_refused(out_dot_string, "d", 16001, "");
}

static void dot_string_refuses_invalid_utf8(void **state)
{
	(void)state;
	expect_refuses_invalid_utf8(out_dot_string);
}

/*
 * PowerShell single-quoted literals
 */

static void ps_string_quotes_plain_text(void **state)
{
	(void)state;
	expect_quoted(out_ps_string, "mgc-0001", "'mgc-0001'");
}

static void ps_string_quotes_empty_string(void **state)
{
	(void)state;
	expect_quoted(out_ps_string, "", "''");
}

static void ps_string_doubles_single_quote(void **state)
{
	(void)state;
	expect_quoted(out_ps_string, "it's; rm -rf /", "'it''s; rm -rf /'");
}

static void ps_string_doubles_right_single_quotation_mark(void **state)
{
	(void)state;
	expect_quoted(out_ps_string, "x" RSQUO "; Remove-Item C:\\ -Recurse; " RSQUO,
		      "'x" RSQUO RSQUO "; Remove-Item C:\\ -Recurse; " RSQUO RSQUO "'");
}

static void ps_string_doubles_other_typographic_single_quotes(void **state)
{
	(void)state;
	expect_quoted(out_ps_string, LSQUO "a" SBQUO "b" REV_QUOTE,
		      "'" LSQUO LSQUO "a" SBQUO SBQUO "b" REV_QUOTE REV_QUOTE "'");
}

static void ps_string_keeps_typographic_double_quote_literal(void **state)
{
	(void)state;
	expect_quoted(out_ps_string, LDQUO "x" LDQUO, "'" LDQUO "x" LDQUO "'");
}

static void ps_string_keeps_dollar_and_backtick_literal(void **state)
{
	(void)state;
	expect_quoted(out_ps_string, "$(reboot) `reboot` $env:x",
		      "'$(reboot) `reboot` $env:x'");
}

static void ps_string_keeps_percent_and_backslash_literal(void **state)
{
	(void)state;
	expect_quoted(out_ps_string, "%SystemRoot%\\system32\\svchost.exe",
		      "'%SystemRoot%\\system32\\svchost.exe'");
}

static void ps_string_keeps_double_quote_literal(void **state)
{
	(void)state;
	expect_quoted(out_ps_string, "a\"; flush ruleset; \"",
		      "'a\"; flush ruleset; \"'");
}

static void ps_string_refuses_newline(void **state)
{
	(void)state;
	expect_refused(out_ps_string, "x'\nStop-Computer\n'");
}

static void ps_string_refuses_carriage_return(void **state)
{
	(void)state;
	expect_refused(out_ps_string, "x\rStop-Computer");
}

static void ps_string_refuses_next_line_and_separators(void **state)
{
	(void)state;
	expect_refused(out_ps_string, "x" NEL "Stop-Computer");
	expect_refused(out_ps_string, "x" LINE_SEP "Stop-Computer");
	expect_refused(out_ps_string, "a\tb");
}

static void ps_string_passes_other_utf8_through(void **state)
{
	(void)state;
	expect_quoted(out_ps_string, "B" O_GRAVE "ro", "'B" O_GRAVE "ro'");
}

static void ps_string_refuses_invalid_utf8(void **state)
{
	(void)state;
	expect_refuses_invalid_utf8(out_ps_string);
}

/*
 * Postfix lookup-table tokens
 */

static void postfix_token_writes_plain_token_bare(void **state)
{
	(void)state;
	expect_quoted(out_postfix_token, "smtp:[192.0.2.50]:20025",
		      "smtp:[192.0.2.50]:20025");
}

static void postfix_token_refuses_empty_string(void **state)
{
	(void)state;
	expect_refused(out_postfix_token, "");
}

static void postfix_token_refuses_leading_hash(void **state)
{
	(void)state;
	expect_refused(out_postfix_token, "#example.com");
}

static void postfix_token_accepts_inner_hash(void **state)
{
	(void)state;
	expect_quoted(out_postfix_token, "a#b", "a#b");
}

static void postfix_token_refuses_leading_space(void **state)
{
	(void)state;
	expect_refused(out_postfix_token, " b.example");
}

static void postfix_token_refuses_inner_space(void **state)
{
	(void)state;
	expect_refused(out_postfix_token, "sp ace.example");
	expect_refused(out_postfix_token, "it's; rm -rf /");
	expect_refused(out_postfix_token, "a\"; flush ruleset; \"");
}

static void postfix_token_refuses_trailing_space(void **state)
{
	(void)state;
	expect_refused(out_postfix_token, "example.com ");
}

static void postfix_token_refuses_double_quote(void **state)
{
	(void)state;
	expect_refused(out_postfix_token, "a\"b");
	expect_refused(out_postfix_token, "\"smtp:[h]\"");
}

static void postfix_token_refuses_backslash(void **state)
{
	(void)state;
	expect_refused(out_postfix_token, "C:\\");
	expect_refused(out_postfix_token, "a\\b");
}

static void postfix_token_refuses_newline(void **state)
{
	(void)state;
	expect_refused(out_postfix_token, "a\n*");
}

static void postfix_token_refuses_carriage_return_and_tab(void **state)
{
	(void)state;
	expect_refused(out_postfix_token, "a\rb");
	expect_refused(out_postfix_token, "a\tb");
	expect_refused(out_postfix_token, "a\x7f");
}

static void postfix_token_refuses_non_ascii(void **state)
{
	(void)state;
	expect_refused(out_postfix_token, "caf" E_ACUTE ".example");
	expect_refused(out_postfix_token, "a" "\xc2\xa0" "b");	/* no-break space */
}

static void postfix_token_keeps_shell_text_literal(void **state)
{
	(void)state;
	expect_quoted(out_postfix_token, "$(reboot)`x`%SystemRoot%",
		      "$(reboot)`x`%SystemRoot%");
}

static void postfix_token_refuses_invalid_utf8(void **state)
{
	(void)state;
	expect_refuses_invalid_utf8(out_postfix_token);
}

/*
 * Comment text
 */

static void comment_text_writes_text_unchanged(void **state)
{
	(void)state;
	expect_quoted(out_comment_text, "step 6: secure the firewall",
		      "step 6: secure the firewall");
}

static void comment_text_keeps_quotes_and_shell_text(void **state)
{
	(void)state;
	expect_quoted(out_comment_text, "a\"; flush ruleset; \" it's $(reboot) `x` \\N",
		      "a\"; flush ruleset; \" it's $(reboot) `x` \\N");
}

static void comment_text_refuses_newline(void **state)
{
	(void)state;
	expect_refused(out_comment_text, "x\nflush ruleset");
}

static void comment_text_refuses_carriage_return(void **state)
{
	(void)state;
	expect_refused(out_comment_text, "x\rflush ruleset");
}

static void comment_text_refuses_tab_and_other_controls(void **state)
{
	(void)state;
	expect_refused(out_comment_text, "a\tb");
	expect_refused(out_comment_text, "a\x1b[1mb");
	expect_refused(out_comment_text, "a" NEL "b");
}

static void comment_text_refuses_unicode_separators(void **state)
{
	(void)state;
	expect_refused(out_comment_text, "a" LINE_SEP "b");
	expect_refused(out_comment_text, "a" "\xe2\x80\xa9" "b");
}

static void comment_text_refuses_bidi_controls(void **state)
{
	(void)state;
	expect_refused(out_comment_text, "x " RLO "y");
}

static void comment_text_passes_utf8_through(void **state)
{
	(void)state;
	expect_quoted(out_comment_text, "Caf" E_ACUTE " " EMOJI, "Caf" E_ACUTE " " EMOJI);
}

static void comment_text_refuses_invalid_utf8(void **state)
{
	(void)state;
	expect_refuses_invalid_utf8(out_comment_text);
}

/*
 * out_can_quote
 */

static int quote_only_x(struct out *o, const char *s)
{
	if (strcmp(s, "x") != 0)
		return -1;
	out_puts(o, "[x]");
	return 0;
}

static void can_quote_tries_an_unknown_function_without_writing(void **state)
{
	(void)state;
	assert_int_equal(out_can_quote(quote_only_x, "x"), 0);
	assert_int_equal(out_can_quote(quote_only_x, "y"), -1);
}

static void can_quote_agrees_with_every_quoting_function(void **state)
{
	static int (*const fns[])(struct out *, const char *) = {
		out_nft_string, out_iptr_string, out_shell_word, out_csv_field,
		out_dot_string, out_ps_string, out_postfix_token, out_comment_text,
	};
	static const char *const samples[] = {
		"", "plain", "a b", "#x", "a\"b", "a\\b", "a\nb", "a\rb", "a\tb",
		"it's", "a,b", "&", E_ACUTE, RSQUO, "\xff",
	};
	struct out o = OUT_INIT;
	size_t i, j;
	int rc;

	(void)state;
	for (i = 0; i < countof(fns); i++) {
		for (j = 0; j < countof(samples); j++) {
			out_reset(&o);
			rc = fns[i](&o, samples[j]);
			assert_int_equal(out_can_quote(fns[i], samples[j]), rc);
		}
	}
	out_release(&o);
}

/*
 * emit_header
 */

static void header_hash_style_is_one_comment_line(void **state)
{
	struct out o = OUT_INIT;

	(void)state;
	emit_header(&o, COMMENT_HASH, "deploy.mg");
	assert_string_equal(o.buf,
		"# Generated by mgc " MGC_VERSION " from deploy.mg -- do not edit.\n");
	out_release(&o);
}

static void header_slash_style_uses_double_slash(void **state)
{
	struct out o = OUT_INIT;

	(void)state;
	emit_header(&o, COMMENT_SLASH, "deploy.mg");
	assert_string_equal(o.buf,
		"// Generated by mgc " MGC_VERSION " from deploy.mg -- do not edit.\n");
	out_release(&o);
}

static void header_rem_style_uses_rem(void **state)
{
	struct out o = OUT_INIT;

	(void)state;
	emit_header(&o, COMMENT_REM, "deploy.mg");
	assert_string_equal(o.buf,
		"rem Generated by mgc " MGC_VERSION " from deploy.mg -- do not edit.\n");
	out_release(&o);
}

static void header_names_version_0_1_0(void **state)
{
	struct out o = OUT_INIT;

	(void)state;
	emit_header(&o, COMMENT_HASH, "x.mg");
	assert_non_null(strstr(o.buf, "mgc 0.1.0 "));
	out_release(&o);
}

static void header_appends_to_existing_output(void **state)
{
	struct out o = OUT_INIT;

	(void)state;
	out_puts(&o, "#!/usr/sbin/nft -f\n");
	emit_header(&o, COMMENT_HASH, "deploy.mg");
	assert_string_equal(o.buf, "#!/usr/sbin/nft -f\n"
		"# Generated by mgc " MGC_VERSION " from deploy.mg -- do not edit.\n");
	out_release(&o);
}

static void header_keeps_path_and_utf8_in_name(void **state)
{
	struct out o = OUT_INIT;

	(void)state;
	emit_header(&o, COMMENT_HASH, "policies/caf" E_ACUTE " it's.mg");
	assert_string_equal(o.buf, "# Generated by mgc " MGC_VERSION
		" from policies/caf" E_ACUTE " it's.mg -- do not edit.\n");
	out_release(&o);
}

static void header_replaces_name_with_newline(void **state)
{
	struct out o = OUT_INIT;

	(void)state;
	emit_header(&o, COMMENT_HASH, "evil\nflush ruleset\n#.mg");
	assert_string_equal(o.buf, "# Generated by mgc " MGC_VERSION
		" from (unprintable file name) -- do not edit.\n");
	out_release(&o);
}

static void header_replaces_name_with_invalid_utf8(void **state)
{
	struct out o = OUT_INIT;

	(void)state;
	emit_header(&o, COMMENT_SLASH, "\xff.mg");
	assert_string_equal(o.buf, "// Generated by mgc " MGC_VERSION
		" from (unprintable file name) -- do not edit.\n");
	out_release(&o);
}

static void header_replaces_null_name(void **state)
{
	struct out o = OUT_INIT;

	(void)state;
	emit_header(&o, COMMENT_HASH, NULL);
	assert_string_equal(o.buf, "# Generated by mgc " MGC_VERSION
		" from (unprintable file name) -- do not edit.\n");
	out_release(&o);
}

static void header_rem_replaces_name_with_percent(void **state)
{
	struct out o = OUT_INIT;

	(void)state;
	emit_header(&o, COMMENT_REM, "%SystemRoot%.mg");
	assert_string_equal(o.buf, "rem Generated by mgc " MGC_VERSION
		" from (unprintable file name) -- do not edit.\n");
	out_release(&o);
}

static void header_rem_replaces_name_with_caret_or_ampersand(void **state)
{
	struct out o = OUT_INIT;

	(void)state;
	emit_header(&o, COMMENT_REM, "a.mg ^");
	emit_header(&o, COMMENT_REM, "a & reboot.mg");
	assert_string_equal(o.buf,
		"rem Generated by mgc " MGC_VERSION " from (unprintable file name) -- do not edit.\n"
		"rem Generated by mgc " MGC_VERSION " from (unprintable file name) -- do not edit.\n");
	out_release(&o);
}

static void header_hash_keeps_percent_in_name(void **state)
{
	struct out o = OUT_INIT;

	(void)state;
	emit_header(&o, COMMENT_HASH, "%SystemRoot%.mg");
	assert_string_equal(o.buf, "# Generated by mgc " MGC_VERSION
		" from %SystemRoot%.mg -- do not edit.\n");
	out_release(&o);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(out_buffer_is_null_before_first_write),
		cmocka_unit_test(out_puts_appends_and_terminates),
		cmocka_unit_test(out_write_copies_exactly_n_bytes),
		cmocka_unit_test(out_write_of_nothing_still_terminates),
		cmocka_unit_test(out_putc_appends_one_character),
		cmocka_unit_test(out_printf_formats_like_printf),
		cmocka_unit_test(out_printf_of_empty_result_still_terminates),
		cmocka_unit_test(out_printf_grows_for_long_output),
		cmocka_unit_test(out_vprintf_takes_a_va_list),
		cmocka_unit_test(out_growth_is_amortised),
		cmocka_unit_test(out_reset_forgets_contents_but_keeps_memory),
		cmocka_unit_test(out_reset_of_unused_buffer_is_harmless),
		cmocka_unit_test(out_release_returns_to_initial_state),

		cmocka_unit_test(nft_string_quotes_plain_text),
		cmocka_unit_test(nft_string_accepts_empty_string),
		cmocka_unit_test(nft_string_keeps_single_quote_and_semicolon_literal),
		cmocka_unit_test(nft_string_keeps_nft_metacharacters_literal),
		cmocka_unit_test(nft_string_keeps_shell_substitutions_literal),
		cmocka_unit_test(nft_string_refuses_double_quote),
		cmocka_unit_test(nft_string_refuses_backslash),
		cmocka_unit_test(nft_string_refuses_newline),
		cmocka_unit_test(nft_string_refuses_carriage_return),
		cmocka_unit_test(nft_string_refuses_tab_and_other_c0_controls),
		cmocka_unit_test(nft_string_refuses_c1_control),
		cmocka_unit_test(nft_string_refuses_unicode_line_separator),
		cmocka_unit_test(nft_string_refuses_bidi_controls),
		cmocka_unit_test(nft_string_passes_utf8_through),
		cmocka_unit_test(nft_string_accepts_128_bytes),
		cmocka_unit_test(nft_string_refuses_129_bytes),
		cmocka_unit_test(nft_string_accepts_64_two_byte_characters),
		cmocka_unit_test(nft_string_refuses_65_two_byte_characters),
		cmocka_unit_test(nft_string_accepts_multibyte_character_ending_at_limit),
		cmocka_unit_test(nft_string_refuses_multibyte_character_crossing_limit),
		cmocka_unit_test(nft_string_refuses_invalid_utf8),

		cmocka_unit_test(iptr_string_quotes_plain_text),
		cmocka_unit_test(iptr_string_accepts_empty_string),
		cmocka_unit_test(iptr_string_escapes_double_quote),
		cmocka_unit_test(iptr_string_escapes_backslash),
		cmocka_unit_test(iptr_string_keeps_single_quote_literal),
		cmocka_unit_test(iptr_string_keeps_shell_substitutions_literal),
		cmocka_unit_test(iptr_string_keeps_hash_literal),
		cmocka_unit_test(iptr_string_refuses_newline),
		cmocka_unit_test(iptr_string_refuses_carriage_return),
		cmocka_unit_test(iptr_string_refuses_tab_and_other_controls),
		cmocka_unit_test(iptr_string_passes_utf8_through),
		cmocka_unit_test(iptr_string_accepts_255_bytes),
		cmocka_unit_test(iptr_string_refuses_256_bytes),
		cmocka_unit_test(iptr_string_refuses_multibyte_character_crossing_limit),
		cmocka_unit_test(iptr_string_limit_counts_bytes_before_escaping),
		cmocka_unit_test(iptr_string_refuses_invalid_utf8),

		cmocka_unit_test(shell_word_quotes_plain_text),
		cmocka_unit_test(shell_word_quotes_empty_string),
		cmocka_unit_test(shell_word_escapes_single_quote),
		cmocka_unit_test(shell_word_escapes_leading_and_trailing_single_quotes),
		cmocka_unit_test(shell_word_keeps_command_substitution_literal),
		cmocka_unit_test(shell_word_keeps_double_quote_and_backslash_literal),
		cmocka_unit_test(shell_word_keeps_percent_and_glob_literal),
		cmocka_unit_test(shell_word_refuses_newline),
		cmocka_unit_test(shell_word_refuses_carriage_return),
		cmocka_unit_test(shell_word_refuses_tab_and_other_controls),
		cmocka_unit_test(shell_word_passes_utf8_through),
		cmocka_unit_test(shell_word_refuses_invalid_utf8),

		cmocka_unit_test(csv_field_leaves_plain_text_bare),
		cmocka_unit_test(csv_field_leaves_empty_field_bare),
		cmocka_unit_test(csv_field_quotes_comma),
		cmocka_unit_test(csv_field_doubles_double_quote),
		cmocka_unit_test(csv_field_quotes_newline),
		cmocka_unit_test(csv_field_quotes_carriage_return),
		cmocka_unit_test(csv_field_quotes_leading_space),
		cmocka_unit_test(csv_field_quotes_trailing_space),
		cmocka_unit_test(csv_field_leaves_inner_space_bare),
		cmocka_unit_test(csv_field_keeps_single_quote_and_shell_text_bare),
		cmocka_unit_test(csv_field_refuses_tab_and_other_controls),
		cmocka_unit_test(csv_field_passes_utf8_through),
		cmocka_unit_test(csv_field_refuses_invalid_utf8),

		cmocka_unit_test(dot_string_quotes_plain_text),
		cmocka_unit_test(dot_string_accepts_empty_string),
		cmocka_unit_test(dot_string_escapes_backslash_so_N_cannot_expand),
		cmocka_unit_test(dot_string_escapes_trailing_backslash),
		cmocka_unit_test(dot_string_escapes_double_quote),
		cmocka_unit_test(dot_string_turns_newline_into_escape),
		cmocka_unit_test(dot_string_escapes_ampersand_so_entities_stay_literal),
		cmocka_unit_test(dot_string_keeps_angle_brackets_literal),
		cmocka_unit_test(dot_string_keeps_shell_text_literal),
		cmocka_unit_test(dot_string_refuses_carriage_return),
		cmocka_unit_test(dot_string_refuses_tab_and_other_controls),
		cmocka_unit_test(dot_string_passes_utf8_through),
		cmocka_unit_test(dot_string_accepts_16000_bytes),
		cmocka_unit_test(dot_string_refuses_16001_bytes),
		cmocka_unit_test(dot_string_refuses_invalid_utf8),

		cmocka_unit_test(ps_string_quotes_plain_text),
		cmocka_unit_test(ps_string_quotes_empty_string),
		cmocka_unit_test(ps_string_doubles_single_quote),
		cmocka_unit_test(ps_string_doubles_right_single_quotation_mark),
		cmocka_unit_test(ps_string_doubles_other_typographic_single_quotes),
		cmocka_unit_test(ps_string_keeps_typographic_double_quote_literal),
		cmocka_unit_test(ps_string_keeps_dollar_and_backtick_literal),
		cmocka_unit_test(ps_string_keeps_percent_and_backslash_literal),
		cmocka_unit_test(ps_string_keeps_double_quote_literal),
		cmocka_unit_test(ps_string_refuses_newline),
		cmocka_unit_test(ps_string_refuses_carriage_return),
		cmocka_unit_test(ps_string_refuses_next_line_and_separators),
		cmocka_unit_test(ps_string_passes_other_utf8_through),
		cmocka_unit_test(ps_string_refuses_invalid_utf8),

		cmocka_unit_test(postfix_token_writes_plain_token_bare),
		cmocka_unit_test(postfix_token_refuses_empty_string),
		cmocka_unit_test(postfix_token_refuses_leading_hash),
		cmocka_unit_test(postfix_token_accepts_inner_hash),
		cmocka_unit_test(postfix_token_refuses_leading_space),
		cmocka_unit_test(postfix_token_refuses_inner_space),
		cmocka_unit_test(postfix_token_refuses_trailing_space),
		cmocka_unit_test(postfix_token_refuses_double_quote),
		cmocka_unit_test(postfix_token_refuses_backslash),
		cmocka_unit_test(postfix_token_refuses_newline),
		cmocka_unit_test(postfix_token_refuses_carriage_return_and_tab),
		cmocka_unit_test(postfix_token_refuses_non_ascii),
		cmocka_unit_test(postfix_token_keeps_shell_text_literal),
		cmocka_unit_test(postfix_token_refuses_invalid_utf8),

		cmocka_unit_test(comment_text_writes_text_unchanged),
		cmocka_unit_test(comment_text_keeps_quotes_and_shell_text),
		cmocka_unit_test(comment_text_refuses_newline),
		cmocka_unit_test(comment_text_refuses_carriage_return),
		cmocka_unit_test(comment_text_refuses_tab_and_other_controls),
		cmocka_unit_test(comment_text_refuses_unicode_separators),
		cmocka_unit_test(comment_text_refuses_bidi_controls),
		cmocka_unit_test(comment_text_passes_utf8_through),
		cmocka_unit_test(comment_text_refuses_invalid_utf8),

		cmocka_unit_test(can_quote_tries_an_unknown_function_without_writing),
		cmocka_unit_test(can_quote_agrees_with_every_quoting_function),

		cmocka_unit_test(header_hash_style_is_one_comment_line),
		cmocka_unit_test(header_slash_style_uses_double_slash),
		cmocka_unit_test(header_rem_style_uses_rem),
		cmocka_unit_test(header_names_version_0_1_0),
		cmocka_unit_test(header_appends_to_existing_output),
		cmocka_unit_test(header_keeps_path_and_utf8_in_name),
		cmocka_unit_test(header_replaces_name_with_newline),
		cmocka_unit_test(header_replaces_name_with_invalid_utf8),
		cmocka_unit_test(header_replaces_null_name),
		cmocka_unit_test(header_rem_replaces_name_with_percent),
		cmocka_unit_test(header_rem_replaces_name_with_caret_or_ampersand),
		cmocka_unit_test(header_hash_keeps_percent_in_name),
	};

	return cmocka_run_group_tests_name("emit", tests, NULL, NULL);
}
