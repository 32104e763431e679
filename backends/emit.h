/*
 * Output buffer and quoting.  Backends emit into a growable in-memory
 * buffer (struct out), never to a FILE: the driver then writes it to
 * stdout, atomically to -o, or diffs it (--diff).  Every user string
 * that reaches an output goes through exactly one quoting function for
 * that output's syntax, all defined here.  A quoting function returns
 * -1 and appends nothing when the string cannot be represented safely;
 * the backend turns that into a diagnostic at the string's span.  None
 * of them mangles or truncates silently.  All of them refuse invalid
 * UTF-8 (overlong forms and surrogates included) and, unless said
 * otherwise below, C0/C1 controls, DEL, U+2028/U+2029 and the bidi
 * embedding/override/isolate controls U+202A..U+202E, U+2066..U+2069.
 */
#ifndef MGC_EMIT_H
#define MGC_EMIT_H

#include <stdarg.h>
#include <stddef.h>
#include "../compiler/util.h"

struct out {
	char *buf;		/* always NUL-terminated once non-NULL */
	size_t len, alloc;
};

#define OUT_INIT { NULL, 0, 0 }

void out_write(struct out *o, const char *s, size_t n);
void out_puts(struct out *o, const char *s);
void out_putc(struct out *o, char c);
MG_PRINTF(2, 3) void out_printf(struct out *o, const char *fmt, ...);
MG_PRINTF(2, 0) void out_vprintf(struct out *o, const char *fmt, va_list ap);
/* Forget the contents, keep the memory. */
void out_reset(struct out *o);
void out_release(struct out *o);

/*
 * nft -f string: "..." with printable UTF-8 only (nft takes UTF-8
 * literally); refuses '"' and '\' (nft has no escape sequences) and
 * anything longer than 128 bytes (NFTNL_UDATA_COMMENT_MAXLEN, counted in
 * bytes, not characters).
 */
int out_nft_string(struct out *o, const char *s);

/*
 * iptables-restore argument: "..." with '\' and '"' escaped by '\'
 * (xshared.c add_param_to_argv); refuses control characters and
 * anything longer than 255 bytes (XT_MAX_COMMENT_LEN - 1, silently
 * truncated by the kernel otherwise).  UTF-8 is passed through.
 */
int out_iptr_string(struct out *o, const char *s);

/* POSIX shell word: '...' with ' written as '\''; refuses NUL bytes and control characters. */
int out_shell_word(struct out *o, const char *s);

/* RFC 4180 CSV field: quoted when it holds , " CR LF or leading/trailing space; " doubled. */
int out_csv_field(struct out *o, const char *s);

/*
 * DOT double-quoted string used as a label: '\' -> '\\', '"' -> '\"',
 * newline -> '\n' (so \N \G \l and friends cannot expand), '&' -> '&amp;'
 * (Graphviz decodes HTML entities such as &lt; in plain labels too);
 * refuses other control characters and strings over 16000 bytes.
 */
int out_dot_string(struct out *o, const char *s);

/*
 * PowerShell single-quoted literal: '...' with ' (and the typographic
 * quotes U+2018..U+201B, which PowerShell also treats as quotes) doubled;
 * refuses control characters.  The script must start with a UTF-8 BOM:
 * Windows PowerShell 5.1 reads a BOM-less script in the ANSI code page,
 * where the UTF-8 bytes 0x82, 0x91 and 0x92 are typographic quotes
 * (so "Ò", C3 92, would end the literal).
 */
int out_ps_string(struct out *o, const char *s);

/*
 * Postfix lookup-table key or value: a single token of printable,
 * non-space ASCII not starting with '#'; refuses whitespace, control
 * characters and empty strings (a space would split the entry, a
 * leading blank continues the previous line), and '"' and '\' (postmap
 * 3.x honours "..." and \-escapes when it looks for the end of the key).
 */
int out_postfix_token(struct out *o, const char *s);

/* Free text in a '#' comment line: printable UTF-8 only, no CR/LF/control characters. */
int out_comment_text(struct out *o, const char *s);

/*
 * Check a string for representability without writing it: returns 0
 * when fn would accept it, -1 otherwise.
 */
int out_can_quote(int (*fn)(struct out *, const char *), const char *s);

enum comment_style {
	COMMENT_HASH,		/* "# ..." (nft, iptables, postfix, shell, PowerShell) */
	COMMENT_SLASH,		/* "// ..." (DOT) */
	COMMENT_REM		/* "rem ..." (cmd.exe) */
};

/*
 * The first lines of every output: generator, version, source file name
 * and "do not edit"; no timestamp.  The source name is written through
 * out_comment_text(); a name that cannot be shown (or is NULL) is
 * replaced by "(unprintable file name)".  With COMMENT_REM the name must
 * also be free of % ^ ! & | < > " (cmd.exe expands %...% even on a rem
 * line).
 */
void emit_header(struct out *o, enum comment_style style, const char *source_name);

#endif
