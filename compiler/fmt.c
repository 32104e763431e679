/*
 * The formatter.  See fmt.h.
 *
 * Layout rules (the canonical form):
 * - a statement per line, blocks indented by two spaces;
 * - a block stays on one line when it holds at most three statements,
 *   no nested block and no comment, and the line fits in 80 columns
 *   (`zone dmz { network 172.16.1.0/24; }`); otherwise `{` ends the
 *   header line and `}` has a line of its own;
 * - single spaces between tokens, none before `;` `,` `)` or after `(`
 *   `!`, none between a template name and its `(`;
 * - a comment on a line of its own stays so, indented with the block;
 *   trailing comments of consecutive lines are aligned one column past
 *   the longest of those lines (at least two spaces after the code);
 * - one blank line is kept where the source had one or more between
 *   statements; none at the start or end of a block or file.
 */
#include "fmt.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "astprint.h"
#include "atomic.h"
#include "diag.h"
#include "emit.h"
#include "parse.h"
#include "source.h"
#include "util.h"
#include "vec.h"

enum tok_kind {
	T_WORD,
	T_STRING,		/* "..." or '...', kept verbatim */
	T_PUNCT,
	T_COMMENT,
	T_EOF
};

struct tok {
	enum tok_kind kind;
	const char *s;
	size_t n;
	unsigned nl_before;	/* newlines between the previous token and this one */
};

static int is_word_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '*' || c == ':' || c == '.' || c == '/' || c == '-';
}

/* Tokenize a file the real parser accepted (so every byte is understood). */
static struct tok *tokenize(const char *t, size_t len, size_t *nr)
{
	VEC(struct tok) v = { 0 };
	size_t i = 0;
	unsigned nl = 0;
	struct tok k;

	while (i < len) {
		unsigned char c = (unsigned char)t[i];

		if (c == '\n') {
			nl++;
			i++;
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
			i++;
			continue;
		}
		k.s = t + i;
		k.nl_before = nl;
		nl = 0;
		if (c == '#') {
			while (i < len && t[i] != '\n')
				i++;
			k.kind = T_COMMENT;
			/* Drop trailing blanks of the comment line. */
			k.n = (size_t)(t + i - k.s);
			while (k.n > 1 && (k.s[k.n - 1] == ' ' || k.s[k.n - 1] == '\t' ||
					   k.s[k.n - 1] == '\r'))
				k.n--;
		} else if (c == '"') {
			i++;
			while (i < len && t[i] != '"') {
				if (t[i] == '\\' && i + 1 < len)
					i++;
				i++;
			}
			i++;
			k.kind = T_STRING;
			k.n = (size_t)(t + i - k.s);
		} else if (c == '\'') {
			i++;
			while (i < len && t[i] != '\'')
				i++;
			i++;
			k.kind = T_STRING;
			k.n = (size_t)(t + i - k.s);
		} else if ((c == '-' && i + 1 < len && t[i + 1] == '>') ||
			   ((c == '=' || c == '!') && i + 1 < len && t[i + 1] == '=')) {
			i += 2;
			k.kind = T_PUNCT;
			k.n = 2;
		} else if (is_word_char(c)) {
			size_t j = i;

			while (j < len && is_word_char((unsigned char)t[j]))
				j++;
			/* Words never end in '-' (so "a->b" is a, ->, b). */
			while (j > i + 1 && t[j - 1] == '-')
				j--;
			i = j;
			k.kind = T_WORD;
			k.n = (size_t)(t + i - k.s);
		} else {
			i++;
			k.kind = T_PUNCT;
			k.n = 1;
		}
		vec_push(&v, k);
	}
	k.kind = T_EOF;
	k.s = t + len;
	k.n = 0;
	k.nl_before = nl;
	vec_push(&v, k);
	*nr = v.nr;
	return v.items;
}

static int is_punct(const struct tok *t, const char *p)
{
	return t->kind == T_PUNCT && t->n == strlen(p) && memcmp(t->s, p, t->n) == 0;
}

static int is_word(const struct tok *t, const char *w)
{
	return t->kind == T_WORD && t->n == strlen(w) && memcmp(t->s, w, t->n) == 0;
}

/*
 * The statement tree.  A statement is its tokens up to ';' (inclusive),
 * or a header, a block and, for if/else, more headers and blocks.
 */
struct stmt;

struct part {
	size_t first, last;		/* header tokens [first, last) */
	struct stmt *body;		/* NULL: no block after this part */
	size_t nr_body;
	int has_block;
	size_t close_comment;		/* comment token after '}', or 0 */
};

struct stmt {
	int is_comment;			/* a comment line of its own */
	size_t comment;			/* its token */
	struct part *parts;
	size_t nr_parts;
	size_t trailing;		/* comment token after ';' or '{', or 0 */
	int blank_before;
};

struct fmt {
	struct tok *t;
	size_t nr, pos;
	struct out *out;
};

static struct stmt *parse_block(struct fmt *f, size_t *n, int top);

/* A trailing comment: on the same line as the token before it. */
static size_t take_trailing(struct fmt *f)
{
	if (f->t[f->pos].kind == T_COMMENT && f->t[f->pos].nl_before == 0)
		return f->pos++;
	return 0;
}

static void parse_stmt(struct fmt *f, struct stmt *st)
{
	VEC(struct part) parts = { 0 };
	struct part p;

	memset(&p, 0, sizeof(p));
	p.first = f->pos;
	for (;;) {
		const struct tok *t = &f->t[f->pos];

		if (t->kind == T_EOF || is_punct(t, "}")) {
			/* Unterminated (cannot happen after a clean parse). */
			p.last = f->pos;
			vec_push(&parts, p);
			break;
		}
		if (is_punct(t, ";")) {
			f->pos++;
			p.last = f->pos;
			vec_push(&parts, p);
			st->trailing = take_trailing(f);
			break;
		}
		if (is_punct(t, "{")) {
			p.last = f->pos;
			f->pos++;
			p.has_block = 1;
			st->trailing = take_trailing(f);
			p.body = parse_block(f, &p.nr_body, 0);
			if (is_punct(&f->t[f->pos], "}"))
				f->pos++;
			p.close_comment = take_trailing(f);
			vec_push(&parts, p);
			/* `} else ...` continues the statement. */
			if (is_word(&f->t[f->pos], "else")) {
				memset(&p, 0, sizeof(p));
				p.first = f->pos;
				continue;
			}
			break;
		}
		f->pos++;
	}
	st->parts = parts.items;
	st->nr_parts = parts.nr;
}

static struct stmt *parse_block(struct fmt *f, size_t *n, int top)
{
	VEC(struct stmt) v = { 0 };

	for (;;) {
		const struct tok *t = &f->t[f->pos];
		struct stmt st;

		if (t->kind == T_EOF || (!top && is_punct(t, "}")))
			break;
		memset(&st, 0, sizeof(st));
		st.blank_before = t->nl_before >= 2;
		if (t->kind == T_COMMENT) {
			st.is_comment = 1;
			st.comment = f->pos++;
		} else if (top && is_punct(t, "}")) {
			/* Stray '}' (cannot happen after a clean parse): keep it. */
			st.is_comment = 1;
			st.comment = f->pos++;
		} else {
			parse_stmt(f, &st);
		}
		vec_push(&v, st);
	}
	*n = v.nr;
	return v.items;
}

static void free_block(struct stmt *s, size_t n)
{
	size_t i, k;

	for (i = 0; i < n; i++) {
		for (k = 0; k < s[i].nr_parts; k++)
			free_block(s[i].parts[k].body, s[i].parts[k].nr_body);
		free(s[i].parts);
	}
	free(s);
}

/* Tokens [first, last) on one line with the spacing rules. */
static void put_tokens(const struct fmt *f, size_t first, size_t last, struct out *o)
{
	size_t i;

	for (i = first; i < last; i++) {
		const struct tok *t = &f->t[i];
		const struct tok *prev = i > first ? &f->t[i - 1] : NULL;

		if (prev && !(is_punct(t, ";") || is_punct(t, ",") || is_punct(t, ")") ||
			      is_punct(prev, "(") || is_punct(prev, "!") ||
			      (is_punct(t, "(") && prev->kind == T_WORD)))
			out_putc(o, ' ');
		out_write(o, t->s, t->n);
	}
}

static int block_is_simple(const struct fmt *f, const struct stmt *body, size_t n)
{
	size_t i, k;

	if (n > 3)
		return 0;
	for (i = 0; i < n; i++) {
		if (body[i].is_comment || body[i].trailing)
			return 0;
		for (k = 0; k < body[i].nr_parts; k++)
			if (body[i].parts[k].has_block || body[i].parts[k].close_comment)
				return 0;
		for (k = body[i].parts[0].first; k < body[i].parts[body[i].nr_parts - 1].last; k++)
			if (f->t[k].kind == T_COMMENT)
				return 0;
	}
	return 1;
}

/* A rendered line: code, and a trailing comment to align. */
struct line {
	char *code;		/* with indentation */
	size_t code_len;
	const struct tok *comment;	/* NULL when none */
	int blank_before;
};

struct lines {
	struct line *items;
	size_t nr, alloc;
};

static void add_line(struct lines *ls, struct out *code, const struct tok *comment, int blank)
{
	struct line l;

	l.code = xstrndup(code->buf ? code->buf : "", code->len);
	l.code_len = code->len;
	l.comment = comment;
	l.blank_before = blank;
	vec_push(ls, l);
	out_reset(code);
}

static void indent(struct out *o, unsigned depth)
{
	unsigned i;

	for (i = 0; i < depth; i++)
		out_puts(o, "  ");
}

static void render_block(const struct fmt *f, const struct stmt *s, size_t n, unsigned depth,
			 struct lines *ls);

/* Header tokens, with line breaks after any comment inside them. */
static void put_header(const struct fmt *f, size_t first, size_t last, unsigned depth,
		       struct out *cur, struct lines *ls, int *blank)
{
	size_t i, from = first;

	for (i = first; i < last; i++) {
		if (f->t[i].kind != T_COMMENT)
			continue;
		put_tokens(f, from, i, cur);
		add_line(ls, cur, &f->t[i], *blank);
		*blank = 0;
		indent(cur, depth + 2);
		from = i + 1;
	}
	put_tokens(f, from, last, cur);
}

static void render_stmt(const struct fmt *f, const struct stmt *st, unsigned depth, struct lines *ls)
{
	struct out cur = OUT_INIT;
	int blank = st->blank_before;
	size_t k;

	indent(&cur, depth);
	if (st->is_comment) {
		out_write(&cur, f->t[st->comment].s, f->t[st->comment].n);
		add_line(ls, &cur, NULL, blank);
		out_release(&cur);
		return;
	}
	for (k = 0; k < st->nr_parts; k++) {
		const struct part *p = &st->parts[k];

		if (k > 0)
			out_putc(&cur, ' ');
		put_header(f, p->first, p->last, depth, &cur, ls, &blank);
		if (!p->has_block)
			continue;
		if (p->first < p->last)
			out_putc(&cur, ' ');
		out_putc(&cur, '{');
		if (block_is_simple(f, p->body, p->nr_body) && k == 0 && st->nr_parts == 1 &&
		    !st->trailing) {
			struct out one = OUT_INIT;
			size_t i;

			for (i = 0; i < p->nr_body; i++) {
				out_putc(&one, ' ');
				put_tokens(f, p->body[i].parts[0].first, p->body[i].parts[0].last, &one);
			}
			if (cur.len + one.len + 2 <= 80) {
				if (one.len)
					out_write(&cur, one.buf, one.len);
				out_puts(&cur, p->nr_body ? " }" : "}");
				out_release(&one);
				if (p->close_comment)
					add_line(ls, &cur, &f->t[p->close_comment], blank);
				else
					add_line(ls, &cur, NULL, blank);
				blank = 0;
				indent(&cur, depth);
				out_release(&cur);
				return;
			}
			out_release(&one);
		}
		add_line(ls, &cur, k == 0 && st->trailing ? &f->t[st->trailing] : NULL, blank);
		blank = 0;
		render_block(f, p->body, p->nr_body, depth + 1, ls);
		indent(&cur, depth);
		out_putc(&cur, '}');
		if (p->close_comment && k + 1 == st->nr_parts) {
			add_line(ls, &cur, &f->t[p->close_comment], 0);
			indent(&cur, depth);
		}
	}
	if (st->nr_parts && !st->parts[st->nr_parts - 1].has_block) {
		add_line(ls, &cur, st->trailing ? &f->t[st->trailing] : NULL, blank);
	} else if (cur.len > depth * 2) {
		add_line(ls, &cur, NULL, blank);
	}
	out_release(&cur);
}

static void render_block(const struct fmt *f, const struct stmt *s, size_t n, unsigned depth,
			 struct lines *ls)
{
	size_t i;

	for (i = 0; i < n; i++) {
		struct stmt st = s[i];

		if (i == 0)
			st.blank_before = 0;
		render_stmt(f, &st, depth, ls);
	}
}

/* Write lines, aligning the trailing comments of consecutive lines. */
static void flush_lines(const struct lines *ls, struct out *o)
{
	size_t i = 0, j, k;

	while (i < ls->nr) {
		size_t width = 0;

		/* A run: consecutive lines with trailing comments, no blank line. */
		j = i;
		if (ls->items[i].comment) {
			while (j < ls->nr && ls->items[j].comment &&
			       (j == i || !ls->items[j].blank_before))
				j++;
		} else {
			j = i + 1;
		}
		for (k = i; k < j; k++)
			if (ls->items[k].code_len > width)
				width = ls->items[k].code_len;
		for (k = i; k < j; k++) {
			const struct line *l = &ls->items[k];

			if (l->blank_before && k > 0)
				out_putc(o, '\n');
			out_write(o, l->code, l->code_len);
			if (l->comment) {
				size_t pad = width + 2 - l->code_len;

				if (l->code_len == 0)
					pad = 0;
				while (pad--)
					out_putc(o, ' ');
				out_write(o, l->comment->s, l->comment->n);
			}
			out_putc(o, '\n');
		}
		i = j;
	}
}

void fmt_text(const char *text, size_t len, struct out *out)
{
	struct fmt f;
	struct stmt *top;
	struct lines ls = { NULL, 0, 0 };
	size_t n, i;

	memset(&f, 0, sizeof(f));
	f.t = tokenize(text, len, &f.nr);
	f.out = out;
	top = parse_block(&f, &n, 1);
	for (i = 0; i < n; i++)
		render_stmt(&f, &top[i], 0, &ls);
	flush_lines(&ls, out);
	for (i = 0; i < ls.nr; i++)
		free(ls.items[i].code);
	free(ls.items);
	free_block(top, n);
	free(f.t);
}

static const char fmt_usage[] =
"usage: mgc fmt [-w | --check] FILE...\n"
"       mgc fmt --to yaml|mg [-w] FILE...\n"
"\n"
"Print FILE in mgc's canonical layout (comments kept, meaning unchanged).\n"
"  -w, --write    rewrite the files in place (atomically)\n"
"      --check    write nothing; list the files that are not formatted and\n"
"                 exit 1 if there are any\n"
"      --to FMT   convert .mg to YAML (yaml) or YAML to .mg (mg); with -w,\n"
"                 write FILE's name with the new extension (comments are\n"
"                 not carried over; see doc/yaml.md)\n"
"Exit status: 0 success; 1 a file has syntax errors or (--check) is not\n"
"formatted; 2 usage or I/O error.\n";

/* Parse to be sure the file is valid; report and return -1 if not. */
static int check_syntax(struct source_table *src, uint32_t id)
{
	struct arena arena = ARENA_INIT;
	struct diag_sink diag;
	struct parse_ctx pc;
	const struct source_file *sf = source_get(src, id);
	int bad;

	diag_init(&diag, src);
	memset(&pc, 0, sizeof(pc));
	pc.arena = &arena;
	pc.diag = &diag;
	pc.file = id;
	pc.text = sf->text;
	pc.len = sf->len;
	parse_source(&pc);
	bad = diag.nr_errors > 0;
	if (bad) {
		diag_sort(&diag);
		diag_render_text(&diag, stderr);
		fprintf(stderr, "mgc: not formatting '%s': fix the syntax errors first\n", sf->name);
	}
	diag_release(&diag);
	arena_release(&arena);
	return bad ? -1 : 0;
}

int fmt_main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "write", no_argument, NULL, 'w' },
		{ "check", no_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ "to", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 }
	};
	int write = 0, check = 0, c, i, rc = 0;
	const char *to = NULL;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "wh", longopts, NULL)) != -1) {
		switch (c) {
		case 'w': write = 1; break;
		case 'c': check = 1; break;
		case 'h': fputs(fmt_usage, stdout); return EXIT_OK;
		case 't': to = optarg; break;
		default:
			fprintf(stderr, "mgc fmt: unknown option '%s' (see 'mgc fmt --help')\n",
				argv[optind - 1]);
			return EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		fputs("mgc fmt: no input file (see 'mgc fmt --help')\n", stderr);
		return EXIT_USAGE;
	}
	if (write && check) {
		fputs("mgc fmt: use either -w or --check, not both\n", stderr);
		return EXIT_USAGE;
	}
	if (to) {
		if (check) {
			fputs("mgc fmt: use either --to or --check, not both\n", stderr);
			return EXIT_USAGE;
		}
		for (i = optind; i < argc; i++) {
			int r = fmt_convert(argv[i], to, write);

			if (r > rc)
				rc = r;
		}
		return rc;
	}
	for (i = optind; i < argc; i++) {
		struct source_table src = SOURCE_TABLE_INIT;
		struct out out = OUT_INIT;
		const struct source_file *sf;
		uint32_t id = source_read(&src, argv[i], 0);

		if (!id) {
			fprintf(stderr, "mgc fmt: cannot read '%s': %s\n", argv[i], strerror(errno));
			source_release(&src);
			rc = EXIT_USAGE;
			continue;
		}
		sf = source_get(&src, id);
		if (check_syntax(&src, id) < 0) {
			source_release(&src);
			if (rc == 0)
				rc = EXIT_ERRORS;
			continue;
		}
		fmt_text(sf->text, sf->len, &out);
		if (check) {
			if (out.len != sf->len || memcmp(out.buf ? out.buf : "", sf->text, sf->len)) {
				printf("%s\n", argv[i]);
				if (rc == 0)
					rc = EXIT_ERRORS;
			}
		} else if (write) {
			if ((out.len != sf->len || memcmp(out.buf ? out.buf : "", sf->text, sf->len)) &&
			    write_atomic(argv[i], out.buf ? out.buf : "", out.len) < 0)
				rc = EXIT_USAGE;
		} else if (out.len) {
			fwrite(out.buf, 1, out.len, stdout);
		}
		out_release(&out);
		source_release(&src);
	}
	return rc;
}
