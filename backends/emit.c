/*
 * Output buffer and per-syntax quoting.  See emit.h.
 *
 * Every quoting function works in two steps: a check over the whole
 * string (valid UTF-8, an allowlist of characters, a length limit), then
 * the write.  A refused string therefore leaves the buffer untouched,
 * and out_can_quote() runs the same check without writing.
 */
#include "emit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* NFTNL_UDATA_COMMENT_MAXLEN, strlen() of the comment */
#define NFT_STRING_MAX 128
/* XT_MAX_COMMENT_LEN - 1; the kernel truncates longer comments silently */
#define IPTR_STRING_MAX 255
/* Graphviz 2.43 rejects a quoted string with a run of about 16384 plain bytes */
#define DOT_STRING_MAX 16000

#define HEADER_UNPRINTABLE "(unprintable file name)"

/*
 * The buffer.
 */

/* Make room for extra more bytes plus the terminating NUL. */
static void out_grow(struct out *o, size_t extra)
{
	if (extra > (size_t)-1 - 1 - o->len)
		die("output too large");
	o->buf = grow_array(o->buf, 1, o->len + extra + 1, &o->alloc);
}

void out_write(struct out *o, const char *s, size_t n)
{
	out_grow(o, n);
	if (n)
		memcpy(o->buf + o->len, s, n);
	o->len += n;
	o->buf[o->len] = '\0';
}

void out_puts(struct out *o, const char *s)
{
	out_write(o, s, strlen(s));
}

void out_putc(struct out *o, char c)
{
	out_write(o, &c, 1);
}

void out_printf(struct out *o, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	out_vprintf(o, fmt, ap);
	va_end(ap);
}

void out_vprintf(struct out *o, const char *fmt, va_list ap)
{
	va_list cp;
	size_t room;
	int n;

	out_grow(o, 0);
	room = o->alloc - o->len;
	va_copy(cp, ap);
	n = vsnprintf(o->buf + o->len, room, fmt, cp);
	va_end(cp);
	if (n < 0)
		BUG("vsnprintf failed for format \"%s\"", fmt);
	if ((size_t)n >= room) {
		out_grow(o, (size_t)n);
		n = vsnprintf(o->buf + o->len, (size_t)n + 1, fmt, ap);
		if (n < 0)
			BUG("vsnprintf failed for format \"%s\"", fmt);
	}
	o->len += (size_t)n;
}

void out_reset(struct out *o)
{
	o->len = 0;
	if (o->buf)
		o->buf[0] = '\0';
}

void out_release(struct out *o)
{
	free(o->buf);
	o->buf = NULL;
	o->len = o->alloc = 0;
}

/*
 * Character checks shared by the quoting functions.
 */

/*
 * Decode the UTF-8 sequence at p into *cp and return its length, or 0
 * when it is not valid UTF-8 (a stray continuation byte, an overlong
 * form, a surrogate, a code point above U+10FFFF or a sequence cut short
 * by the terminating NUL).
 */
static size_t utf8_decode(const unsigned char *p, unsigned long *cp)
{
	unsigned long c, min;
	size_t len, i;

	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	} else if (p[0] >= 0xc2 && p[0] <= 0xdf) {
		len = 2;
		c = p[0] & 0x1f;
		min = 0x80;
	} else if (p[0] >= 0xe0 && p[0] <= 0xef) {
		len = 3;
		c = p[0] & 0x0f;
		min = 0x800;
	} else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		len = 4;
		c = p[0] & 0x07;
		min = 0x10000;
	} else {
		return 0;
	}
	for (i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;	/* also stops at the NUL */
		c = (c << 6) | (p[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

/*
 * Characters no output may carry: C0 and C1 controls and DEL, the
 * Unicode line and paragraph separators (line breaks to some readers)
 * and the bidirectional embedding, override and isolate controls, which
 * make reviewed text display differently from what a tool parses
 * ("Trojan Source", CVE-2021-42574).
 */
static int is_printable(unsigned long c)
{
	if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f))
		return 0;
	if (c == 0x2028 || c == 0x2029)
		return 0;
	if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069))
		return 0;
	return 1;
}

enum text_flags {
	TEXT_ALLOW_LF = 1 << 0,		/* '\n' is representable */
	TEXT_ALLOW_CR = 1 << 1,		/* '\r' is representable */
	TEXT_ASCII = 1 << 2		/* refuse everything above 0x7e */
};

/*
 * 0 when s is valid UTF-8 made of printable characters (plus those the
 * flags allow) and at most max bytes long (0: no limit), else -1.
 */
static int text_check(const char *s, unsigned flags, size_t max)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned long c;
	size_t n;

	while (*p) {
		n = utf8_decode(p, &c);
		if (!n)
			return -1;
		if (c >= 0x80 && (flags & TEXT_ASCII))
			return -1;
		if (!is_printable(c) &&
		    !(c == '\n' && (flags & TEXT_ALLOW_LF)) &&
		    !(c == '\r' && (flags & TEXT_ALLOW_CR)))
			return -1;
		p += n;
	}
	if (max && (size_t)(p - (const unsigned char *)s) > max)
		return -1;
	return 0;
}

/*
 * The checks, one per quoting function.
 */

static int nft_check(const char *s)
{
	if (text_check(s, 0, NFT_STRING_MAX) < 0)
		return -1;
	return strpbrk(s, "\"\\") ? -1 : 0;
}

static int iptr_check(const char *s)
{
	return text_check(s, 0, IPTR_STRING_MAX);
}

static int shell_check(const char *s)
{
	return text_check(s, 0, 0);
}

static int csv_check(const char *s)
{
	return text_check(s, TEXT_ALLOW_LF | TEXT_ALLOW_CR, 0);
}

static int dot_check(const char *s)
{
	return text_check(s, TEXT_ALLOW_LF, DOT_STRING_MAX);
}

static int ps_check(const char *s)
{
	return text_check(s, 0, 0);
}

/*
 * postmap (3.x) splits a line at the first whitespace outside "..." in
 * the key, and '\' escapes the next character there: a key such as
 * a"b c"d or C:\ would swallow the space and the value.  The same token
 * rules serve keys and values, so both refuse '"' and '\'.
 */
static int postfix_check(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	if (!*p || *p == '#')
		return -1;
	for (; *p; p++)
		if (*p < 0x21 || *p > 0x7e || *p == '"' || *p == '\\')
			return -1;
	return 0;
}

static int comment_check(const char *s)
{
	return text_check(s, 0, 0);
}

/*
 * The quoting functions.
 */

int out_nft_string(struct out *o, const char *s)
{
	if (nft_check(s) < 0)
		return -1;
	out_putc(o, '"');
	out_puts(o, s);
	out_putc(o, '"');
	return 0;
}

int out_iptr_string(struct out *o, const char *s)
{
	const char *p;

	if (iptr_check(s) < 0)
		return -1;
	out_putc(o, '"');
	for (p = s; *p; p++) {
		if (*p == '"' || *p == '\\')
			out_putc(o, '\\');
		out_putc(o, *p);
	}
	out_putc(o, '"');
	return 0;
}

int out_shell_word(struct out *o, const char *s)
{
	const char *p;

	if (shell_check(s) < 0)
		return -1;
	out_putc(o, '\'');
	for (p = s; *p; p++) {
		if (*p == '\'')
			out_puts(o, "'\\''");
		else
			out_putc(o, *p);
	}
	out_putc(o, '\'');
	return 0;
}

int out_csv_field(struct out *o, const char *s)
{
	size_t len = strlen(s);
	const char *p;

	if (csv_check(s) < 0)
		return -1;
	if (!strpbrk(s, ",\"\r\n") &&
	    !(len && (s[0] == ' ' || s[len - 1] == ' '))) {
		out_write(o, s, len);
		return 0;
	}
	out_putc(o, '"');
	for (p = s; *p; p++) {
		if (*p == '"')
			out_putc(o, '"');
		out_putc(o, *p);
	}
	out_putc(o, '"');
	return 0;
}

int out_dot_string(struct out *o, const char *s)
{
	const char *p;

	if (dot_check(s) < 0)
		return -1;
	out_putc(o, '"');
	for (p = s; *p; p++) {
		switch (*p) {
		case '\\':
			out_puts(o, "\\\\");
			break;
		case '"':
			out_puts(o, "\\\"");
			break;
		case '\n':
			out_puts(o, "\\n");
			break;
		case '&':
			/* Graphviz decodes HTML entities in plain labels too */
			out_puts(o, "&amp;");
			break;
		default:
			out_putc(o, *p);
			break;
		}
	}
	out_putc(o, '"');
	return 0;
}

/*
 * U+2018..U+201B, which PowerShell's tokenizer treats like ', are
 * E2 80 98..9B in UTF-8.
 */
static int is_ps_typographic_quote(const char *p)
{
	const unsigned char *u = (const unsigned char *)p;

	return u[0] == 0xe2 && u[1] == 0x80 && u[2] >= 0x98 && u[2] <= 0x9b;
}

int out_ps_string(struct out *o, const char *s)
{
	const char *p;

	if (ps_check(s) < 0)
		return -1;
	out_putc(o, '\'');
	for (p = s; *p; p++) {
		if (*p == '\'') {
			out_puts(o, "''");
		} else if (is_ps_typographic_quote(p)) {
			out_write(o, p, 3);
			out_write(o, p, 3);
			p += 2;
		} else {
			out_putc(o, *p);
		}
	}
	out_putc(o, '\'');
	return 0;
}

int out_postfix_token(struct out *o, const char *s)
{
	if (postfix_check(s) < 0)
		return -1;
	out_puts(o, s);
	return 0;
}

int out_comment_text(struct out *o, const char *s)
{
	if (comment_check(s) < 0)
		return -1;
	out_puts(o, s);
	return 0;
}

static const struct {
	int (*fn)(struct out *, const char *);
	int (*check)(const char *);
} quoters[] = {
	{ out_nft_string, nft_check },
	{ out_iptr_string, iptr_check },
	{ out_shell_word, shell_check },
	{ out_csv_field, csv_check },
	{ out_dot_string, dot_check },
	{ out_ps_string, ps_check },
	{ out_postfix_token, postfix_check },
	{ out_comment_text, comment_check },
};

int out_can_quote(int (*fn)(struct out *, const char *), const char *s)
{
	struct out scratch = OUT_INIT;
	size_t i;
	int rc;

	for (i = 0; i < countof(quoters); i++)
		if (quoters[i].fn == fn)
			return quoters[i].check(s) < 0 ? -1 : 0;
	/* not one of ours: try it on a throw-away buffer */
	rc = fn(&scratch, s);
	out_release(&scratch);
	return rc < 0 ? -1 : 0;
}

/*
 * In a cmd.exe script, %...% is expanded even on a "rem" line (a stray
 * "%~" aborts the whole script), and '^' at the end of a line
 * continues it.  The file name in a rem header keeps clear of every
 * character cmd.exe treats specially.
 */
static int rem_check(const char *s)
{
	if (comment_check(s) < 0)
		return -1;
	return strpbrk(s, "%^!&|<>\"") ? -1 : 0;
}

void emit_header(struct out *o, enum comment_style style, const char *source_name)
{
	const char *lead;

	switch (style) {
	case COMMENT_HASH:
		lead = "# ";
		break;
	case COMMENT_SLASH:
		lead = "// ";
		break;
	case COMMENT_REM:
		lead = "rem ";
		break;
	default:
		BUG("unknown comment style %d", (int)style);
	}
	out_printf(o, "%sGenerated by mgc %s from ", lead, MGC_VERSION);
	if (!source_name ||
	    (style == COMMENT_REM && rem_check(source_name) < 0) ||
	    out_comment_text(o, source_name) < 0)
		out_puts(o, HEADER_UNPRINTABLE);
	out_puts(o, " -- do not edit.\n");
}
