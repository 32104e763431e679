/*
 * The YAML front end.  See yamlparse.h and doc/yaml.md.
 *
 * Two steps.  libyaml's event parser builds a small tree of nodes
 * (scalars, sequences, mappings) with byte spans; anchors, aliases and
 * tags are refused there, so no node is ever shared (no "billion
 * laughs") and nesting is capped.  Then the schema walk turns the tree
 * into AST declarations, checking every key and every value's type.
 *
 * Scalars become words by context, following the .mg lexer so that
 * both front ends build the same AST:
 *   name   any quoting; must be an identifier (WORD_NAME)
 *   value  any quoting; an identifier is a WORD_NAME, an address-,
 *          number- or domain-like run a WORD_LITERAL (check.c and
 *          lower.c judge it), anything else an error
 *   text   "double" -> WORD_STRING, 'single' -> WORD_RAW; plain: a
 *          parameter of an enclosing template -> WORD_NAME, else a
 *          WORD_STRING
 *   any    (template defaults, arguments, `equals`) "double" ->
 *          WORD_STRING; otherwise a name or literal when it reads as
 *          one, else a string ('single' -> WORD_RAW)
 */
#include "yamlparse.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "arena.h"
#include "ast.h"
#include "diag.h"
#include "parse.h"
#include "util.h"

/* ---- character indexes to byte offsets ---- */

void yaml_offsets_init(struct yaml_offsets *o, const char *text, size_t len)
{
	o->text = text;
	o->len = len;
	o->start = len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
	o->ci = 0;
	o->bi = o->start;
}

static size_t utf8_len(unsigned char c)
{
	if (c < 0x80)
		return 1;
	if (c >= 0xf0)
		return 4;
	if (c >= 0xe0)
		return 3;
	if (c >= 0xc0)
		return 2;
	return 1;	/* a stray continuation byte: libyaml refused the text */
}

uint32_t yaml_offset(struct yaml_offsets *o, size_t index)
{
	if (index < o->ci) {
		o->ci = 0;
		o->bi = o->start;
	}
	while (o->ci < index && o->bi < o->len) {
		o->bi += utf8_len((unsigned char)o->text[o->bi]);
		o->ci++;
	}
	if (o->bi > o->len)
		o->bi = o->len;
	return (uint32_t)o->bi;
}

/* ---- the node tree ---- */

enum ynode_kind {
	YN_SCALAR,
	YN_SEQ,
	YN_MAP
};

struct ynode {
	enum ynode_kind kind;
	struct span at;		/* the whole node (quotes included) */
	struct span inner;	/* scalar: the text between the quotes */
	const char *text;	/* scalar */
	size_t len;		/* scalar, may hold NUL bytes */
	yaml_scalar_style_t style;
	struct ynode *child;	/* seq: items; map: key, value, key, value ... */
	struct ynode *next;
	size_t n;		/* children */
	struct ynode **tail;
};

struct yparse {
	struct parse_ctx *ctx;
	struct yaml_offsets off;
	/* template parameters in scope, innermost last (text contexts) */
	const struct ast_param *scope[YAML_MAX_DEPTH];
	size_t nscope;
};

MG_PRINTF(3, 4)
static struct diag *yerr(struct yparse *y, struct span at, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	y->ctx->nr_errors++;
	return diag_error(y->ctx->diag, DIAG_SYNTAX, at, "%s", buf);
}

static struct span mkspan(struct yparse *y, size_t from, size_t to)
{
	struct span s;

	s.file = y->ctx->file;
	s.begin = yaml_offset(&y->off, from);
	s.end = yaml_offset(&y->off, to);
	if (s.end < s.begin)
		s.end = s.begin;
	return s;
}

static struct ynode *node_new(struct yparse *y, enum ynode_kind kind, const yaml_event_t *e)
{
	struct ynode *n = arena_new(y->ctx->arena, struct ynode);

	n->kind = kind;
	n->at = mkspan(y, e->start_mark.index, e->end_mark.index);
	n->inner = n->at;
	n->tail = &n->child;
	return n;
}

static void node_add(struct ynode *parent, struct ynode *n)
{
	*parent->tail = n;
	parent->tail = &n->next;
	parent->n++;
}

/* Where libyaml's problem is: its mark, or for reader errors its byte offset. */
static struct span problem_at(struct yparse *y, const yaml_parser_t *p)
{
	struct span s;

	s.file = y->ctx->file;
	if (p->error == YAML_READER_ERROR) {
		s.begin = (uint32_t)(p->problem_offset < y->ctx->len ? p->problem_offset
								     : y->ctx->len);
	} else {
		s.begin = yaml_offset(&y->off, p->problem_mark.index);
	}
	s.end = s.begin < y->ctx->len ? s.begin + 1 : s.begin;
	return s;
}

static void libyaml_error(struct yparse *y, const yaml_parser_t *p)
{
	struct span at = problem_at(y, p);
	const char *problem = p->problem ? p->problem : "malformed YAML";

	if (p->error == YAML_MEMORY_ERROR)
		die("out of memory");
	if (at.begin < y->ctx->len && y->ctx->text[at.begin] == '\t') {
		yerr(y, at, "tab character in YAML indentation (indent with spaces)");
		return;
	}
	if (p->context)
		yerr(y, at, "%s %s (YAML)", problem, p->context);
	else
		yerr(y, at, "%s (YAML)", problem);
}

/* Anchors and tags are refused: the tree never shares a node. */
static int refuse_props(struct yparse *y, const yaml_event_t *e, const yaml_char_t *anchor,
			const yaml_char_t *tag)
{
	struct span at = mkspan(y, e->start_mark.index, e->end_mark.index);

	if (anchor) {
		yerr(y, at, "YAML anchor '&%s' is not supported (write the value out; "
		     "mgc has templates for repeated parts)", (const char *)anchor);
		return -1;
	}
	if (tag) {
		yerr(y, at, "YAML tag '%s' is not supported (remove it)", (const char *)tag);
		return -1;
	}
	return 0;
}

/*
 * Build the tree of the single document; NULL (reported) on a YAML
 * error.  An empty stream gives an empty mapping.
 */
static struct ynode *build_tree(struct yparse *y)
{
	yaml_parser_t p;
	yaml_event_t e;
	struct ynode *stack[YAML_MAX_DEPTH + 1];
	struct ynode *root = NULL;
	size_t depth = 0;
	int docs = 0, failed = 0, done = 0;

	if (!yaml_parser_initialize(&p))
		die("out of memory");
	yaml_parser_set_input_string(&p, (const unsigned char *)y->ctx->text, y->ctx->len);
	yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
	while (!done && !failed) {
		struct ynode *n = NULL;

		if (!yaml_parser_parse(&p, &e)) {
			libyaml_error(y, &p);
			failed = 1;
			break;
		}
		switch (e.type) {
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (++docs > 1) {
				yerr(y, mkspan(y, e.start_mark.index, e.end_mark.index),
				     "more than one YAML document in the file "
				     "(put the whole description in one document)");
				failed = 1;
			}
			break;
		case YAML_ALIAS_EVENT:
			yerr(y, mkspan(y, e.start_mark.index, e.end_mark.index),
			     "YAML alias '*%s' is not supported (write the value out; "
			     "mgc has templates for repeated parts)",
			     (const char *)e.data.alias.anchor);
			failed = 1;
			break;
		case YAML_SCALAR_EVENT:
			if (refuse_props(y, &e, e.data.scalar.anchor,
					 e.data.scalar.plain_implicit || e.data.scalar.quoted_implicit
						 ? NULL : e.data.scalar.tag)) {
				failed = 1;
				break;
			}
			n = node_new(y, YN_SCALAR, &e);
			n->text = arena_strndup(y->ctx->arena, (const char *)e.data.scalar.value,
						e.data.scalar.length);
			n->len = e.data.scalar.length;
			n->style = e.data.scalar.style;
			if ((n->style == YAML_SINGLE_QUOTED_SCALAR_STYLE ||
			     n->style == YAML_DOUBLE_QUOTED_SCALAR_STYLE) &&
			    n->at.end - n->at.begin >= 2) {
				n->inner.begin = n->at.begin + 1;
				n->inner.end = n->at.end - 1;
			}
			break;
		case YAML_SEQUENCE_START_EVENT:
			if (refuse_props(y, &e, e.data.sequence_start.anchor,
					 e.data.sequence_start.implicit ? NULL
									: e.data.sequence_start.tag)) {
				failed = 1;
				break;
			}
			n = node_new(y, YN_SEQ, &e);
			break;
		case YAML_MAPPING_START_EVENT:
			if (refuse_props(y, &e, e.data.mapping_start.anchor,
					 e.data.mapping_start.implicit ? NULL
								       : e.data.mapping_start.tag)) {
				failed = 1;
				break;
			}
			n = node_new(y, YN_MAP, &e);
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			if (depth == 0)
				BUG("unbalanced YAML events");
			stack[depth - 1]->at.end = mkspan(y, e.end_mark.index, e.end_mark.index).end;
			depth--;
			break;
		default:
			break;
		}
		if (n) {
			if (depth > 0)
				node_add(stack[depth - 1], n);
			else
				root = n;
			if (n->kind != YN_SCALAR) {
				if (depth == YAML_MAX_DEPTH) {
					yerr(y, n->at, "YAML nested more than %d levels deep",
					     YAML_MAX_DEPTH);
					failed = 1;
				} else {
					stack[depth++] = n;
				}
			}
		}
		yaml_event_delete(&e);
	}
	yaml_parser_delete(&p);
	if (failed)
		return NULL;
	if (!root) {
		root = arena_new(y->ctx->arena, struct ynode);
		root->kind = YN_MAP;
		root->at.file = y->ctx->file;
		root->tail = &root->child;
	}
	return root;
}

/* ---- helpers for the schema walk ---- */

static const char *node_what(const struct ynode *n)
{
	switch (n->kind) {
	case YN_SCALAR:
		return n->len == 0 && n->style == YAML_PLAIN_SCALAR_STYLE ? "an empty value"
									  : "a scalar";
	case YN_SEQ: return "a sequence";
	case YN_MAP: return "a mapping";
	}
	return "?";
}

static int want_map(struct yparse *y, const struct ynode *n, const char *what)
{
	if (n->kind == YN_MAP)
		return 0;
	yerr(y, n->at, "%s must be a mapping, not %s", what, node_what(n));
	return -1;
}

static int want_seq(struct yparse *y, const struct ynode *n, const char *what)
{
	if (n->kind == YN_SEQ)
		return 0;
	if (n->kind == YN_SCALAR && n->len)
		yerr(y, n->at, "%s must be a sequence, not a scalar (write [%.*s])", what,
		     (int)(n->len > 60 ? 60 : n->len), n->text);
	else
		yerr(y, n->at, "%s must be a sequence, not %s", what, node_what(n));
	return -1;
}

static int want_scalar(struct yparse *y, const struct ynode *n, const char *what)
{
	if (n->kind == YN_SCALAR && (n->len || n->style != YAML_PLAIN_SCALAR_STYLE))
		return 0;
	if (n->kind == YN_SCALAR)
		yerr(y, n->at, "%s needs a value", what);
	else
		yerr(y, n->at, "%s must be a scalar, not %s", what, node_what(n));
	return -1;
}

/* The span of a mapping entry: from its key to the end of its value. */
static struct span entry_span(const struct ynode *key, const struct ynode *val)
{
	struct span s = key->at;

	if (val->at.end > s.end)
		s.end = val->at.end;
	return s;
}

struct key_ref {
	const struct ynode *key;
	size_t seq;
};

static int key_ref_cmp(const void *a, const void *b)
{
	const struct key_ref *x = a, *y = b;
	int c = strcmp(x->key->text, y->key->text);

	if (c)
		return c;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/*
 * Every key of a mapping must be a scalar and unique.  Reports the
 * problems; returns 0 when there are none.
 */
static int check_keys(struct yparse *y, const struct ynode *map)
{
	struct key_ref *refs;
	const struct ynode *k;
	size_t i, nr = 0;
	int bad = 0;

	if (map->n < 2)
		return 0;
	refs = xmalloc(map->n / 2 * sizeof(*refs));
	for (k = map->child; k && k->next; k = k->next->next) {
		if (k->kind != YN_SCALAR) {
			yerr(y, k->at, "a key must be a scalar, not %s", node_what(k));
			bad = 1;
			continue;
		}
		refs[nr].key = k;
		refs[nr].seq = nr;
		nr++;
	}
	if (nr > 1)
		qsort(refs, nr, sizeof(*refs), key_ref_cmp);
	for (i = 1; i < nr; i++) {
		if (strcmp(refs[i - 1].key->text, refs[i].key->text) != 0)
			continue;
		{
			struct diag *dg = yerr(y, refs[i].key->at, "duplicate key '%s'",
					       refs[i].key->text);

			diag_note(dg, refs[i - 1].key->at, "'%s' is first given here",
				  refs[i - 1].key->text);
		}
		bad = 1;
	}
	free(refs);
	return bad ? -1 : 0;
}

/*
 * The index of `key` in `keys`, or -1 after reporting an unknown key
 * (with a suggestion).
 */
static int key_index(struct yparse *y, const struct ynode *key, const char *const *keys,
		     size_t n, const char *where)
{
	const char *sug;
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(key->text, keys[i]) == 0)
			return (int)i;
	sug = diag_suggest(key->text, keys, n);
	if (sug)
		yerr(y, key->at, "unknown key '%s' in %s (did you mean '%s'?)", key->text, where,
		     sug);
	else
		yerr(y, key->at, "unknown key '%s' in %s", key->text, where);
	return -1;
}

#define for_each_entry(map, k, v) \
	for ((k) = (map)->child; (k) && ((v) = (k)->next) != NULL; (k) = (v)->next)

/* ---- words ---- */

static int is_ident(const char *s, size_t len)
{
	size_t i;

	if (len == 0 || !(s[0] == '_' || (s[0] >= 'A' && s[0] <= 'Z') ||
			  (s[0] >= 'a' && s[0] <= 'z')))
		return 0;
	for (i = 1; i < len; i++) {
		char c = s[i];

		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      c == '_' || c == '-'))
			return 0;
	}
	return s[len - 1] != '-';
}

static int is_literal(const char *s, size_t len)
{
	size_t i;

	if (len == 0)
		return 0;
	for (i = 0; i < len; i++) {
		char c = s[i];

		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      c == '_' || c == '*' || c == ':' || (i > 0 && (c == '.' || c == '/' ||
								       c == '-'))))
			return 0;
	}
	return s[len - 1] != '-';
}

/* Keywords the .mg grammar never accepts as a name. */
static int is_reserved(const char *s)
{
	static const char *const words[] = {
		"allow", "deny", "reject", "from", "to", "tcp", "udp", "if", "else", "for",
	};
	size_t i;

	for (i = 0; i < countof(words); i++)
		if (strcmp(s, words[i]) == 0)
			return 1;
	return 0;
}

static struct ast_word *mkword(struct yparse *y, const struct ynode *n, enum ast_word_kind kind,
			       struct span at)
{
	return ast_word_new(y->ctx->arena, kind, n->text, at);
}

/* A name: any quoting, identifier syntax. */
static struct ast_word *name_word(struct yparse *y, const struct ynode *n, const char *what)
{
	if (want_scalar(y, n, what))
		return NULL;
	if (!is_ident(n->text, n->len)) {
		yerr(y, n->inner, "invalid name '%.*s' for %s (a name is letters, digits, '_' "
		     "and '-', starting with a letter or '_')",
		     (int)(n->len > 60 ? 60 : n->len), n->text, what);
		return NULL;
	}
	if (is_reserved(n->text)) {
		yerr(y, n->inner, "'%s' is a reserved word and cannot be a name", n->text);
		return NULL;
	}
	return mkword(y, n, WORD_NAME, n->inner);
}

/* A name or a literal, as the .mg lexer would read it. */
static struct ast_word *value_word(struct yparse *y, const struct ynode *n, const char *what)
{
	if (want_scalar(y, n, what))
		return NULL;
	if (is_ident(n->text, n->len)) {
		if (is_reserved(n->text)) {
			yerr(y, n->inner, "'%s' is a reserved word and cannot be a name",
			     n->text);
			return NULL;
		}
		return mkword(y, n, WORD_NAME, n->inner);
	}
	if (is_literal(n->text, n->len))
		return mkword(y, n, WORD_LITERAL, n->inner);
	yerr(y, n->inner, "invalid value '%.*s' for %s (expected a name, an address, a "
	     "number or a domain)", (int)(n->len > 60 ? 60 : n->len), n->text, what);
	return NULL;
}

/* Strings hold what a .mg string can: no control characters but tab and newline. */
static int check_string(struct yparse *y, const struct ynode *n)
{
	size_t i;

	for (i = 0; i < n->len; i++) {
		unsigned char c = (unsigned char)n->text[i];

		if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f) {
			yerr(y, n->at, "control character in string");
			return -1;
		}
	}
	return 0;
}

static int raw_ok(const struct ynode *n)
{
	size_t i;

	for (i = 0; i < n->len; i++)
		if (n->text[i] == '\'' || n->text[i] == '\n')
			return 0;
	return 1;
}

static int is_param(const struct yparse *y, const char *s)
{
	size_t i;
	const struct ast_param *p;

	for (i = 0; i < y->nscope; i++)
		for (p = y->scope[i]; p; p = p->next)
			if (p->name && strcmp(p->name->text, s) == 0)
				return 1;
	return 0;
}

/* Free text (comment, phonebook, paths). */
static struct ast_word *text_word(struct yparse *y, const struct ynode *n, const char *what)
{
	if (want_scalar(y, n, what))
		return NULL;
	if (check_string(y, n))
		return NULL;
	switch (n->style) {
	case YAML_SINGLE_QUOTED_SCALAR_STYLE:
		return mkword(y, n, raw_ok(n) ? WORD_RAW : WORD_STRING, n->at);
	case YAML_DOUBLE_QUOTED_SCALAR_STYLE:
		return mkword(y, n, WORD_STRING, n->at);
	default:
		if (is_ident(n->text, n->len) && is_param(y, n->text))
			return mkword(y, n, WORD_NAME, n->at);
		return mkword(y, n, WORD_STRING, n->at);
	}
}

/* Template defaults, arguments and `equals`: a string only when it must be. */
static struct ast_word *any_word(struct yparse *y, const struct ynode *n, const char *what)
{
	if (want_scalar(y, n, what))
		return NULL;
	if (n->style != YAML_DOUBLE_QUOTED_SCALAR_STYLE) {
		if (is_ident(n->text, n->len) && !is_reserved(n->text))
			return mkword(y, n, WORD_NAME, n->inner);
		if (is_literal(n->text, n->len) && !is_ident(n->text, n->len))
			return mkword(y, n, WORD_LITERAL, n->inner);
	}
	if (check_string(y, n))
		return NULL;
	if (n->style == YAML_SINGLE_QUOTED_SCALAR_STYLE && raw_ok(n))
		return mkword(y, n, WORD_RAW, n->at);
	return mkword(y, n, WORD_STRING, n->at);
}

/* A sequence of words; NULL when empty or on error. */
static struct ast_word *word_list(struct yparse *y, const struct ynode *n, const char *what,
				  struct ast_word *(*fn)(struct yparse *, const struct ynode *,
							 const char *))
{
	struct ast_word *head = NULL, **tail = &head;
	const struct ynode *c;

	if (want_seq(y, n, what))
		return NULL;
	for (c = n->child; c; c = c->next) {
		struct ast_word *w = fn(y, c, what);

		if (w) {
			*tail = w;
			tail = &w->next;
		}
	}
	return head;
}

/* true or false; -1 (reported) otherwise. */
static int bool_value(struct yparse *y, const struct ynode *n, const char *what)
{
	if (want_scalar(y, n, what))
		return -1;
	if (strcmp(n->text, "true") == 0)
		return 1;
	if (strcmp(n->text, "false") == 0)
		return 0;
	yerr(y, n->inner, "%s must be true or false, not '%s'", what, n->text);
	return -1;
}

/* One of `words` (an enum); its index or -1 (reported). */
static int keyword_value(struct yparse *y, const struct ynode *n, const char *what,
			 const char *const *words, size_t nwords)
{
	const char *sug;
	size_t i;

	if (want_scalar(y, n, what))
		return -1;
	for (i = 0; i < nwords; i++)
		if (strcmp(n->text, words[i]) == 0)
			return (int)i;
	sug = diag_suggest(n->text, words, nwords);
	if (sug)
		yerr(y, n->inner, "invalid %s '%s' (did you mean '%s'?)", what, n->text, sug);
	else if (nwords == 2)
		yerr(y, n->inner, "invalid %s '%s' (expected '%s' or '%s')", what, n->text,
		     words[0], words[1]);
	else
		yerr(y, n->inner, "invalid %s '%s' (expected '%s', '%s' or '%s')", what, n->text,
		     words[0], words[1], words[2]);
	return -1;
}

static const char *const action_words[] = { "allow", "deny", "reject" };
static const enum ast_action action_values[] = { ACT_ALLOW, ACT_DENY, ACT_REJECT };
static const char *const proto_words[] = { "tcp", "udp" };
static const enum ast_proto proto_values[] = { PROTO_TCP, PROTO_UDP };

/* ---- declarations ---- */

static struct ast_item *new_item(struct yparse *y, enum ast_item_kind kind, struct span at)
{
	return ast_item_new(y->ctx->arena, kind, at);
}

struct item_list {
	struct ast_item *head, **tail;
};

static void items_init(struct item_list *l)
{
	l->head = NULL;
	l->tail = &l->head;
}

static void items_add(struct item_list *l, struct ast_item *it)
{
	*l->tail = it;
	l->tail = &it->next;
}

/* An item for each word of a sequence (or of a single scalar when `one`). */
static void word_items(struct yparse *y, struct item_list *l, const struct ynode *v,
		       enum ast_item_kind kind, const char *what, int scalar_ok)
{
	struct ast_word *w, *next;

	if (scalar_ok && v->kind == YN_SCALAR) {
		w = value_word(y, v, what);
		if (w) {
			struct ast_item *it = new_item(y, kind, w->at);

			it->w1 = w;
			items_add(l, it);
		}
		return;
	}
	for (w = word_list(y, v, what, value_word); w; w = next) {
		struct ast_item *it = new_item(y, kind, w->at);

		next = w->next;
		w->next = NULL;
		it->w1 = w;
		items_add(l, it);
	}
}

static struct ast_decl *new_decl(struct yparse *y, enum ast_kind kind, const struct ynode *key,
				 const struct ynode *val)
{
	struct ast_decl *d = ast_decl_new(y->ctx->arena, kind, entry_span(key, val));

	d->kw_at = key->at;
	return d;
}

struct decl_list {
	struct ast_decl *head, **tail;
};

static void decls_add(struct decl_list *l, struct ast_decl *d)
{
	d->next = NULL;
	*l->tail = d;
	l->tail = &d->next;
}

/*
 * Add a named declaration; one whose name was refused is dropped, and
 * one with errors inside is marked, as the .mg parser marks a block it
 * recovered in (so the checker does not add "has no address" to an
 * already reported misspelt key).
 */
static void decls_add_named(struct yparse *y, struct decl_list *l, struct ast_decl *d,
			    unsigned before)
{
	if (!d->name)
		return;
	d->has_error = y->ctx->nr_errors != before;
	decls_add(l, d);
}

static void decl_list_any(struct yparse *y, const struct ynode *n, struct decl_list *out,
			  const char *what);

/* services: { NAME: { tcp: [PORT...], udp: [PORT...] } } */
static void yaml_services(struct yparse *y, const struct ynode *v, struct decl_list *out)
{
	static const char *const keys[] = { "tcp", "udp" };
	const struct ynode *k, *pv, *pk, *pp;

	if (want_map(y, v, "'services'") || check_keys(y, v))
		return;
	for_each_entry(v, k, pv) {
		struct ast_decl *d = new_decl(y, AST_SERVICE, k, pv);
		unsigned before = y->ctx->nr_errors;
		struct ast_svc *head = NULL, **tail = &head;

		d->name = name_word(y, k, "a service");
		if (want_map(y, pv, "a service") || check_keys(y, pv))
			continue;
		for_each_entry(pv, pk, pp) {
			int i = key_index(y, pk, keys, countof(keys), "a service");
			struct ast_svc *s;

			if (i < 0)
				continue;
			s = arena_new(y->ctx->arena, struct ast_svc);
			s->at = entry_span(pk, pp);
			s->proto = proto_values[i];
			s->ports = word_list(y, pp, keys[i], value_word);
			if (!s->ports) {
				if (pp->kind == YN_SEQ)
					yerr(y, pp->at, "'%s' needs at least one port", keys[i]);
				continue;
			}
			*tail = s;
			tail = &s->next;
		}
		if (!head && y->ctx->nr_errors == before)
			yerr(y, pv->at, "a service needs 'tcp' or 'udp' ports");
		d->svcs = head;
		decls_add_named(y, out, d, before);
	}
}

/* zones: { NAME: { networks: [PREFIX...] } } */
static void yaml_zones(struct yparse *y, const struct ynode *v, struct decl_list *out)
{
	static const char *const keys[] = { "networks" };
	const struct ynode *k, *zv, *zk, *zz;

	if (want_map(y, v, "'zones'") || check_keys(y, v))
		return;
	for_each_entry(v, k, zv) {
		struct ast_decl *d = new_decl(y, AST_ZONE, k, zv);
		unsigned before = y->ctx->nr_errors;
		struct item_list l;

		items_init(&l);
		d->name = name_word(y, k, "a zone");
		if (!want_map(y, zv, "a zone") && !check_keys(y, zv))
			for_each_entry(zv, zk, zz)
				if (key_index(y, zk, keys, countof(keys), "a zone") == 0)
					word_items(y, &l, zz, ITEM_NETWORK, "'networks'", 0);
		d->items = l.head;
		decls_add_named(y, out, d, before);
	}
}

/* hosts: { NAME: { zone: Z, address: A | [A...], platform: P } } */
static void yaml_hosts(struct yparse *y, const struct ynode *v, struct decl_list *out)
{
	static const char *const keys[] = { "zone", "address", "platform" };
	const struct ynode *k, *hv, *hk, *hh;

	if (want_map(y, v, "'hosts'") || check_keys(y, v))
		return;
	for_each_entry(v, k, hv) {
		struct ast_decl *d = new_decl(y, AST_HOST, k, hv);
		unsigned before = y->ctx->nr_errors;
		struct item_list l;
		struct ast_item *it;
		struct ast_word *w;

		items_init(&l);
		d->name = name_word(y, k, "a host");
		if (!want_map(y, hv, "a host") && !check_keys(y, hv)) {
			for_each_entry(hv, hk, hh) {
				switch (key_index(y, hk, keys, countof(keys), "a host")) {
				case 0:
					if ((w = name_word(y, hh, "'zone'")) != NULL) {
						it = new_item(y, ITEM_ZONE, entry_span(hk, hh));
						it->w1 = w;
						items_add(&l, it);
					}
					break;
				case 1:
					word_items(y, &l, hh, ITEM_ADDRESS, "'address'", 1);
					break;
				case 2:
					if ((w = name_word(y, hh, "'platform'")) != NULL) {
						it = new_item(y, ITEM_PLATFORM, entry_span(hk, hh));
						it->w1 = w;
						items_add(&l, it);
					}
					break;
				}
			}
		}
		d->items = l.head;
		decls_add_named(y, out, d, before);
	}
}

/* groups: { NAME: [MEMBER...] } */
static void yaml_groups(struct yparse *y, const struct ynode *v, struct decl_list *out)
{
	const struct ynode *k, *gv;

	if (want_map(y, v, "'groups'") || check_keys(y, v))
		return;
	for_each_entry(v, k, gv) {
		struct ast_decl *d = new_decl(y, AST_GROUP, k, gv);
		unsigned before = y->ctx->nr_errors;
		struct item_list l;

		items_init(&l);
		d->name = name_word(y, k, "a group");
		word_items(y, &l, gv, ITEM_MEMBER, "a group", 0);
		d->items = l.head;
		decls_add_named(y, out, d, before);
	}
}

static void one_name_item(struct yparse *y, struct item_list *l, enum ast_item_kind kind,
			  const struct ynode *k, const struct ynode *v, const char *what)
{
	struct ast_word *w = name_word(y, v, what);

	if (w) {
		struct ast_item *it = new_item(y, kind, entry_span(k, v));

		it->w1 = w;
		items_add(l, it);
	}
}

/*
 * firewalls: { NAME: { kind, vendor, address, interfaces: { IF: ZONE },
 *                      smtp-proxy, content-security: { NAME: { protocols: [..] } } } }
 */
static void yaml_firewalls(struct yparse *y, const struct ynode *v, struct decl_list *out)
{
	static const char *const keys[] = {
		"kind", "vendor", "address", "interfaces", "smtp-proxy", "content-security",
	};
	static const char *const cs_keys[] = { "protocols" };
	const struct ynode *k, *fv, *fk, *ff, *ik, *iv, *ck, *cv, *pk, *pv;

	if (want_map(y, v, "'firewalls'") || check_keys(y, v))
		return;
	for_each_entry(v, k, fv) {
		struct ast_decl *d = new_decl(y, AST_FIREWALL, k, fv);
		unsigned before = y->ctx->nr_errors;
		struct item_list l;

		items_init(&l);
		d->name = name_word(y, k, "a firewall");
		if (want_map(y, fv, "a firewall") || check_keys(y, fv)) {
			decls_add_named(y, out, d, before);
			continue;
		}
		for_each_entry(fv, fk, ff) {
			switch (key_index(y, fk, keys, countof(keys), "a firewall")) {
			case 0:
				one_name_item(y, &l, ITEM_KIND, fk, ff, "'kind'");
				break;
			case 1:
				one_name_item(y, &l, ITEM_VENDOR, fk, ff, "'vendor'");
				break;
			case 2:
				word_items(y, &l, ff, ITEM_ADDRESS, "'address'", 1);
				break;
			case 3:
				if (want_map(y, ff, "'interfaces'") || check_keys(y, ff))
					break;
				for_each_entry(ff, ik, iv) {
					struct ast_word *w1 = value_word(y, ik, "an interface");
					struct ast_word *w2 = name_word(y, iv, "an interface's zone");
					struct ast_item *it;

					if (!w1 || !w2)
						continue;
					it = new_item(y, ITEM_INTERFACE, entry_span(ik, iv));
					it->w1 = w1;
					it->w2 = w2;
					items_add(&l, it);
				}
				break;
			case 4:
				one_name_item(y, &l, ITEM_SMTP_PROXY, fk, ff, "'smtp-proxy'");
				break;
			case 5:
				if (want_map(y, ff, "'content-security'") || check_keys(y, ff))
					break;
				for_each_entry(ff, ck, cv) {
					struct ast_item *it = new_item(y, ITEM_CONTENT_SECURITY,
								       entry_span(ck, cv));
					struct item_list sub;

					items_init(&sub);
					it->w1 = name_word(y, ck, "a content-security product");
					if (!want_map(y, cv, "'content-security'") && !check_keys(y, cv))
						for_each_entry(cv, pk, pv) {
							struct ast_item *p;

							if (key_index(y, pk, cs_keys, countof(cs_keys),
								      "'content-security'") < 0)
								continue;
							p = new_item(y, ITEM_CONTENT_SECURITY,
								     entry_span(pk, pv));
							p->list = word_list(y, pv, "'protocols'",
									    value_word);
							items_add(&sub, p);
						}
					it->sub = sub.head;
					if (it->w1)
						items_add(&l, it);
				}
				break;
			}
		}
		d->items = l.head;
		decls_add_named(y, out, d, before);
	}
}

/* One service of a rule: a name, or "tcp PORT" / "udp PORT". */
static struct ast_svc *rule_svc(struct yparse *y, const struct ynode *n)
{
	struct ast_svc *s;
	const char *sp;

	if (want_scalar(y, n, "a service"))
		return NULL;
	s = arena_new(y->ctx->arena, struct ast_svc);
	s->at = n->inner;
	sp = memchr(n->text, ' ', n->len);
	if (!sp) {
		s->name = name_word(y, n, "a service");
		return s->name ? s : NULL;
	}
	{
		size_t plen = (size_t)(sp - n->text), off = plen;
		struct span at = n->inner;
		int i;

		while (off < n->len && n->text[off] == ' ')
			off++;
		for (i = 0; i < 2; i++)
			if (strlen(proto_words[i]) == plen && memcmp(n->text, proto_words[i], plen) == 0)
				break;
		if (i == 2 || off == n->len || memchr(n->text + off, ' ', n->len - off) ||
		    !is_literal(n->text + off, n->len - off) || is_ident(n->text + off, n->len - off)) {
			yerr(y, n->inner, "invalid service '%s' (write a service name, or "
			     "'tcp PORT' or 'udp PORT')", n->text);
			return NULL;
		}
		s->proto = proto_values[i];
		if (at.begin + off < at.end)
			at.begin += (uint32_t)off;
		s->ports = ast_word_new(y->ctx->arena, WORD_LITERAL,
					arena_strndup(y->ctx->arena, n->text + off, n->len - off), at);
	}
	return s;
}

/* A rule mapping: { action, services, from, to, log, comment }. */
static struct ast_rule *yaml_rule(struct yparse *y, const struct ynode *n)
{
	static const char *const keys[] = { "action", "services", "from", "to", "log", "comment" };
	const struct ynode *k, *v, *c;
	struct ast_rule *r;
	unsigned seen = 0, before = y->ctx->nr_errors;
	int i, bad = 0;

	if (want_map(y, n, "a rule") || check_keys(y, n))
		return NULL;
	r = arena_new(y->ctx->arena, struct ast_rule);
	r->at = n->at;
	for_each_entry(n, k, v) {
		i = key_index(y, k, keys, countof(keys), "a rule");
		if (i < 0) {
			bad = 1;
			continue;
		}
		seen |= 1u << i;
		switch (i) {
		case 0:
			i = keyword_value(y, v, "action", action_words, countof(action_words));
			if (i < 0)
				bad = 1;
			else
				r->action = action_values[i];
			break;
		case 1:
			if (want_seq(y, v, "'services'")) {
				bad = 1;
				break;
			} else {
				struct ast_svc **tail = &r->svcs;

				for (c = v->child; c; c = c->next) {
					struct ast_svc *s = rule_svc(y, c);

					if (!s) {
						bad = 1;
						continue;
					}
					*tail = s;
					tail = &s->next;
				}
			}
			break;
		case 2:
			r->from = word_list(y, v, "'from'", value_word);
			break;
		case 3:
			r->to = word_list(y, v, "'to'", value_word);
			break;
		case 4:
			i = bool_value(y, v, "'log'");
			if (i > 0) {
				r->log = true;
				r->log_at = v->at;
			}
			break;
		case 5:
			r->comment = text_word(y, v, "'comment'");
			break;
		}
	}
	/* Only when nothing else is wrong: a misspelt key is the one message. */
	for (i = 0; i < 4 && y->ctx->nr_errors == before; i++)
		if (!(seen & (1u << i)))
			yerr(y, n->at, "a rule needs '%s'", keys[i]);
	if (y->ctx->nr_errors == before && (!r->svcs || !r->from || !r->to))
		yerr(y, n->at, "a rule needs at least one service, one 'from' and one 'to'");
	return bad || y->ctx->nr_errors != before ? NULL : r;
}

/* policies: { FIREWALL: [RULE...] };  asserts: { FIREWALL: [RULE...] } */
static void yaml_rules(struct yparse *y, const struct ynode *v, struct decl_list *out,
		       enum ast_kind kind)
{
	const char *what = kind == AST_POLICY ? "'policies'" : "'asserts'";
	const struct ynode *k, *pv, *c;

	if (want_map(y, v, what) || check_keys(y, v))
		return;
	for_each_entry(v, k, pv) {
		struct ast_word *fw = name_word(y, k, "a firewall");
		struct ast_decl *d = NULL;
		struct item_list l;

		items_init(&l);
		if (kind == AST_POLICY) {
			d = new_decl(y, AST_POLICY, k, pv);
			d->name = fw;
		}
		if (want_seq(y, pv, kind == AST_POLICY ? "a policy" : "a firewall's asserts"))
			continue;
		for (c = pv->child; c; c = c->next) {
			struct ast_rule *r = yaml_rule(y, c);

			if (!r)
				continue;
			if (kind == AST_POLICY) {
				struct ast_item *it = new_item(y, ITEM_RULE, c->at);

				it->rule = r;
				items_add(&l, it);
			} else {
				struct ast_decl *a = ast_decl_new(y->ctx->arena, AST_ASSERT, c->at);

				a->kw_at = k->at;
				a->name = fw;
				a->rule = r;
				if (fw)
					decls_add(out, a);
			}
		}
		if (d) {
			d->items = l.head;
			if (fw)
				decls_add(out, d);
		}
	}
}

/* dialup: { phonebook, interval, smarthost } */
static struct ast_item *yaml_dialup(struct yparse *y, const struct ynode *k, const struct ynode *v)
{
	static const char *const keys[] = { "phonebook", "interval", "smarthost" };
	static const enum ast_item_kind kinds[] = { ITEM_PHONEBOOK, ITEM_INTERVAL, ITEM_SMARTHOST };
	struct ast_item *it = new_item(y, ITEM_DIALUP, entry_span(k, v));
	const struct ynode *dk, *dv;
	struct item_list sub;

	items_init(&sub);
	if (!want_map(y, v, "'dialup'") && !check_keys(y, v))
		for_each_entry(v, dk, dv) {
			int i = key_index(y, dk, keys, countof(keys), "'dialup'");
			struct ast_word *w;
			struct ast_item *s;

			if (i < 0)
				continue;
			w = i == 0 ? text_word(y, dv, "'phonebook'") : value_word(y, dv, keys[i]);
			if (!w)
				continue;
			s = new_item(y, kinds[i], entry_span(dk, dv));
			s->w1 = w;
			items_add(&sub, s);
		}
	it->sub = sub.head;
	return it;
}

/* relays: { HOST: { routes: [{domain, to, port}...], dialup: {...} } } */
static void yaml_relays(struct yparse *y, const struct ynode *v, struct decl_list *out)
{
	static const char *const keys[] = { "routes", "dialup" };
	static const char *const rkeys[] = { "domain", "to", "port" };
	const struct ynode *k, *rv, *rk, *rr, *c, *ck, *cv;

	if (want_map(y, v, "'relays'") || check_keys(y, v))
		return;
	for_each_entry(v, k, rv) {
		struct ast_decl *d = new_decl(y, AST_RELAY, k, rv);
		unsigned before = y->ctx->nr_errors;
		struct item_list l;

		items_init(&l);
		d->name = name_word(y, k, "a relay");
		if (!want_map(y, rv, "a relay") && !check_keys(y, rv)) {
			for_each_entry(rv, rk, rr) {
				switch (key_index(y, rk, keys, countof(keys), "a relay")) {
				case 0:
					if (want_seq(y, rr, "'routes'"))
						break;
					for (c = rr->child; c; c = c->next) {
						struct ast_item *it;
						unsigned seen = 0, rbefore = y->ctx->nr_errors;
						int i, bad = 0;

						if (want_map(y, c, "a route") || check_keys(y, c))
							continue;
						it = new_item(y, ITEM_ROUTE, c->at);
						for_each_entry(c, ck, cv) {
							struct ast_word *w;

							i = key_index(y, ck, rkeys, countof(rkeys),
								      "a route");
							if (i < 0) {
								bad = 1;
								continue;
							}
							seen |= 1u << i;
							w = value_word(y, cv, i == 0 ? "'domain'" :
										      i == 1 ? "'to'" : "'port'");
							if (!w)
								bad = 1;
							else if (i == 0)
								it->w1 = w;
							else if (i == 1)
								it->w2 = w;
							else
								it->w3 = w;
						}
						for (i = 0; i < 2 && y->ctx->nr_errors == rbefore; i++)
							if (!(seen & (1u << i))) {
								yerr(y, c->at, "a route needs '%s'",
								     rkeys[i]);
								bad = 1;
							}
						if (!bad)
							items_add(&l, it);
					}
					break;
				case 1:
					items_add(&l, yaml_dialup(y, rk, rr));
					break;
				}
			}
		}
		d->items = l.head;
		decls_add_named(y, out, d, before);
	}
}

static const char *const dir_words[] = { "in", "out", "both" };
static const enum ast_dir dir_values[] = { DIR_IN, DIR_OUT, DIR_BOTH };

/* { action, protocol, direction, local-port, remote-port, remote-address } */
static struct ast_item *yaml_app_rule(struct yparse *y, const struct ynode *n)
{
	static const char *const keys[] = {
		"action", "protocol", "direction", "local-port", "remote-port", "remote-address",
	};
	const struct ynode *k, *v;
	struct ast_item *it;
	unsigned seen = 0, before = y->ctx->nr_errors;
	int i, bad = 0;

	if (want_map(y, n, "an application rule") || check_keys(y, n))
		return NULL;
	it = new_item(y, ITEM_APP_RULE, n->at);
	for_each_entry(n, k, v) {
		i = key_index(y, k, keys, countof(keys), "an application rule");
		if (i < 0) {
			bad = 1;
			continue;
		}
		seen |= 1u << i;
		switch (i) {
		case 0:
			i = keyword_value(y, v, "action", action_words, countof(action_words));
			if (i < 0)
				bad = 1;
			else
				it->action = action_values[i];
			break;
		case 1:
			i = keyword_value(y, v, "protocol", proto_words, countof(proto_words));
			if (i < 0)
				bad = 1;
			else
				it->proto = proto_values[i];
			break;
		case 2:
			i = keyword_value(y, v, "direction", dir_words, countof(dir_words));
			if (i < 0)
				bad = 1;
			else
				it->dir = dir_values[i];
			break;
		case 3:
			it->local_ports = word_list(y, v, "'local-port'", value_word);
			it->w1 = it->local_ports;
			break;
		case 4:
			it->remote_ports = word_list(y, v, "'remote-port'", value_word);
			break;
		case 5:
			it->remote_addrs = word_list(y, v, "'remote-address'", value_word);
			break;
		}
	}
	for (i = 0; i < 3 && y->ctx->nr_errors == before; i++)
		if (!(seen & (1u << i))) {
			yerr(y, n->at, "an application rule needs '%s'", keys[i]);
			bad = 1;
		}
	return bad ? NULL : it;
}

/* { name, path, rules: [...] } */
static struct ast_item *yaml_application(struct yparse *y, const struct ynode *n)
{
	static const char *const keys[] = { "name", "path", "rules" };
	const struct ynode *k, *v, *c;
	struct ast_item *it;
	struct item_list sub;
	unsigned seen = 0;
	int i;

	if (want_map(y, n, "an application") || check_keys(y, n))
		return NULL;
	it = new_item(y, ITEM_APPLICATION, n->at);
	items_init(&sub);
	for_each_entry(n, k, v) {
		i = key_index(y, k, keys, countof(keys), "an application");
		if (i < 0)
			continue;
		seen |= 1u << i;
		if (i == 0) {
			it->w1 = name_word(y, v, "an application");
		} else if (i == 1) {
			it->w2 = text_word(y, v, "'path'");
		} else if (!want_seq(y, v, "'rules'")) {
			for (c = v->child; c; c = c->next) {
				struct ast_item *r = yaml_app_rule(y, c);

				if (r)
					items_add(&sub, r);
			}
		}
	}
	it->sub = sub.head;
	for (i = 0; i < 2; i++)
		if (!(seen & (1u << i))) {
			yerr(y, n->at, "an application needs '%s'", keys[i]);
			return NULL;
		}
	return it->w1 && it->w2 ? it : NULL;
}

/* { path, allow: [PERMISSION...], deny: [...], reject: [...] } */
static struct ast_item *yaml_process(struct yparse *y, const struct ynode *n)
{
	static const char *const keys[] = { "path", "allow", "deny", "reject" };
	const struct ynode *k, *v;
	struct ast_item *it;
	struct item_list sub;
	int i;

	if (want_map(y, n, "a process") || check_keys(y, n))
		return NULL;
	it = new_item(y, ITEM_PROCESS, n->at);
	items_init(&sub);
	for_each_entry(n, k, v) {
		struct ast_word *w, *next;

		i = key_index(y, k, keys, countof(keys), "a process");
		if (i < 0)
			continue;
		if (i == 0) {
			it->w1 = text_word(y, v, "'path'");
			continue;
		}
		for (w = word_list(y, v, keys[i], name_word); w; w = next) {
			struct ast_item *p = new_item(y, ITEM_PERMIT, w->at);

			next = w->next;
			w->next = NULL;
			p->w1 = w;
			p->action = action_values[i - 1];
			items_add(&sub, p);
		}
	}
	it->sub = sub.head;
	if (!it->w1) {
		if (!y->ctx->nr_errors)
			yerr(y, n->at, "a process needs 'path'");
		return NULL;
	}
	return it;
}

/*
 * profiles: { NAME: { host, mode, lan: { netbios: [..], trust: [..] },
 *                     applications: [...], processes: [...] } }
 */
static void yaml_profiles(struct yparse *y, const struct ynode *v, struct decl_list *out)
{
	static const char *const keys[] = { "host", "mode", "lan", "applications", "processes" };
	static const char *const lan_keys[] = { "netbios", "trust" };
	const struct ynode *k, *pv, *pk, *pp, *lk, *lv, *c;

	if (want_map(y, v, "'profiles'") || check_keys(y, v))
		return;
	for_each_entry(v, k, pv) {
		struct ast_decl *d = new_decl(y, AST_PROFILE, k, pv);
		unsigned before = y->ctx->nr_errors;
		struct item_list l;

		items_init(&l);
		d->name = name_word(y, k, "a profile");
		if (want_map(y, pv, "a profile") || check_keys(y, pv))
			continue;
		for_each_entry(pv, pk, pp) {
			struct ast_item *it;

			switch (key_index(y, pk, keys, countof(keys), "a profile")) {
			case 0:
				d->w = name_word(y, pp, "'host'");
				break;
			case 1:
				one_name_item(y, &l, ITEM_MODE, pk, pp, "'mode'");
				break;
			case 2:
				it = new_item(y, ITEM_LAN, entry_span(pk, pp));
				if (!want_map(y, pp, "'lan'") && !check_keys(y, pp)) {
					struct item_list sub;

					items_init(&sub);
					for_each_entry(pp, lk, lv) {
						int i = key_index(y, lk, lan_keys, countof(lan_keys),
								  "'lan'");

						if (i >= 0)
							word_items(y, &sub, lv, i == 0 ? ITEM_NETBIOS
										       : ITEM_TRUST,
								   i == 0 ? "'netbios'" : "'trust'", 0);
					}
					it->sub = sub.head;
				}
				items_add(&l, it);
				break;
			case 3:
				if (want_seq(y, pp, "'applications'"))
					break;
				for (c = pp->child; c; c = c->next)
					if ((it = yaml_application(y, c)) != NULL)
						items_add(&l, it);
				break;
			case 4:
				if (want_seq(y, pp, "'processes'"))
					break;
				for (c = pp->child; c; c = c->next)
					if ((it = yaml_process(y, c)) != NULL)
						items_add(&l, it);
				break;
			}
		}
		if (!d->w) {
			yerr(y, k->at, "profile '%s' needs 'host'", k->text);
			continue;
		}
		d->items = l.head;
		decls_add_named(y, out, d, before);
	}
}

/* One parameter or argument: NAME | { NAME: VALUE }  (positional: VALUE). */
static struct ast_param *yaml_param(struct yparse *y, const struct ynode *n, int is_arg)
{
	struct ast_param *p = arena_new(y->ctx->arena, struct ast_param);

	p->at = n->at;
	if (n->kind == YN_MAP) {
		if (n->n != 2) {
			yerr(y, n->at, "a named %s is a mapping with one key (write "
			     "{name: value})", is_arg ? "argument" : "parameter");
			return NULL;
		}
		p->name = name_word(y, n->child, is_arg ? "an argument" : "a parameter");
		p->value = any_word(y, n->child->next, is_arg ? "an argument" : "a default");
		return p->name && p->value ? p : NULL;
	}
	if (is_arg) {
		p->value = any_word(y, n, "an argument");
		return p->value ? p : NULL;
	}
	p->name = name_word(y, n, "a parameter");
	return p->name ? p : NULL;
}

static struct ast_param *yaml_params(struct yparse *y, const struct ynode *n, int is_arg,
				     const char *what)
{
	struct ast_param *head = NULL, **tail = &head;
	const struct ynode *c;

	if (want_seq(y, n, what))
		return NULL;
	for (c = n->child; c; c = c->next) {
		struct ast_param *p = yaml_param(y, c, is_arg);

		if (p) {
			*tail = p;
			tail = &p->next;
		}
	}
	return head;
}

/* templates: { NAME: { params: [...], body: DECLS } } */
static void yaml_templates(struct yparse *y, const struct ynode *v, struct decl_list *out)
{
	static const char *const keys[] = { "params", "body" };
	const struct ynode *k, *tv, *tk, *tt;

	if (want_map(y, v, "'templates'") || check_keys(y, v))
		return;
	for_each_entry(v, k, tv) {
		struct ast_decl *d = new_decl(y, AST_TEMPLATE, k, tv);
		unsigned before = y->ctx->nr_errors;
		const struct ynode *body = NULL;
		struct decl_list bl = { NULL, &bl.head };

		d->name = name_word(y, k, "a template");
		if (want_map(y, tv, "a template") || check_keys(y, tv))
			continue;
		for_each_entry(tv, tk, tt) {
			int i = key_index(y, tk, keys, countof(keys), "a template");

			if (i == 0)
				d->params = yaml_params(y, tt, 0, "'params'");
			else if (i == 1)
				body = tt;
		}
		if (!body) {
			yerr(y, k->at, "template '%s' needs 'body'", k->text);
			continue;
		}
		if (y->nscope == YAML_MAX_DEPTH) {
			yerr(y, body->at, "templates nested too deeply");
			continue;
		}
		y->scope[y->nscope++] = d->params;
		decl_list_any(y, body, &bl, "'body'");
		y->nscope--;
		d->body = bl.head;
		decls_add_named(y, out, d, before);
	}
}

/* use: [{ template: NAME, args: [...] }...] */
static void yaml_use(struct yparse *y, const struct ynode *v, const struct ynode *key,
		     struct decl_list *out)
{
	static const char *const keys[] = { "template", "args" };
	const struct ynode *c, *uk, *uv;

	if (want_seq(y, v, "'use'"))
		return;
	for (c = v->child; c; c = c->next) {
		struct ast_decl *d;

		if (want_map(y, c, "a use") || check_keys(y, c))
			continue;
		d = ast_decl_new(y->ctx->arena, AST_USE, c->at);
		d->kw_at = key->at;
		for_each_entry(c, uk, uv) {
			int i = key_index(y, uk, keys, countof(keys), "a use");

			if (i == 0)
				d->name = name_word(y, uv, "'template'");
			else if (i == 1)
				d->params = yaml_params(y, uv, 1, "'args'");
		}
		if (!d->name) {
			if (y->ctx->nr_errors == 0)
				yerr(y, c->at, "a use needs 'template'");
			continue;
		}
		decls_add(out, d);
	}
}

/* if: [{ param, equals | not-equals | negate, then: DECLS, else: DECLS }...] */
static void yaml_if(struct yparse *y, const struct ynode *v, const struct ynode *key,
		    struct decl_list *out)
{
	static const char *const keys[] = { "param", "equals", "not-equals", "negate", "then",
					    "else" };
	const struct ynode *c, *ik, *iv;

	if (want_seq(y, v, "'if'"))
		return;
	for (c = v->child; c; c = c->next) {
		struct ast_decl *d;
		const struct ynode *then = NULL, *els = NULL, *cond = NULL;
		struct decl_list tl = { NULL, &tl.head }, el = { NULL, &el.head };
		int bad = 0;

		if (want_map(y, c, "an if") || check_keys(y, c))
			continue;
		d = ast_decl_new(y->ctx->arena, AST_IF, c->at);
		d->kw_at = key->at;
		d->cond_op = COND_TRUE;
		for_each_entry(c, ik, iv) {
			int i = key_index(y, ik, keys, countof(keys), "an if");

			switch (i) {
			case -1:
				bad = 1;
				break;
			case 0:
				d->name = name_word(y, iv, "'param'");
				break;
			case 1:
			case 2:
			case 3:
				if (cond) {
					yerr(y, ik->at, "an if takes one of 'equals', 'not-equals' "
					     "and 'negate', not both '%s' and '%s'", cond->text,
					     ik->text);
					bad = 1;
					break;
				}
				cond = ik;
				if (i == 3) {
					int b = bool_value(y, iv, "'negate'");

					if (b < 0)
						bad = 1;
					d->cond_op = b > 0 ? COND_NOT : COND_TRUE;
				} else {
					d->cond_op = i == 1 ? COND_EQ : COND_NE;
					d->cond_value = any_word(y, iv, ik->text);
					if (!d->cond_value)
						bad = 1;
				}
				break;
			case 4:
				then = iv;
				break;
			case 5:
				els = iv;
				break;
			}
		}
		if (!d->name || !then) {
			if (!bad)
				yerr(y, c->at, "an if needs '%s'", d->name ? "then" : "param");
			continue;
		}
		decl_list_any(y, then, &tl, "'then'");
		d->body = tl.head;
		if (els) {
			decl_list_any(y, els, &el, "'else'");
			d->else_body = el.head;
		}
		if (!bad)
			decls_add(out, d);
	}
}

static const char *const decl_keys[] = {
	"import", "domains", "services", "zones", "hosts", "groups", "firewalls", "policies",
	"relays", "profiles", "asserts", "templates", "use", "if", "error",
};

static void decl_map(struct yparse *y, const struct ynode *map, struct decl_list *out,
		     const char *where)
{
	const struct ynode *k, *v, *c;
	struct ast_decl *d;

	if (check_keys(y, map))
		return;
	for_each_entry(map, k, v) {
		switch (key_index(y, k, decl_keys, countof(decl_keys), where)) {
		case 0:
			if (want_seq(y, v, "'import'"))
				break;
			for (c = v->child; c; c = c->next) {
				if (want_scalar(y, c, "'import'"))
					continue;
				d = ast_decl_new(y->ctx->arena, AST_IMPORT, c->at);
				d->kw_at = k->at;
				d->w = mkword(y, c, WORD_STRING, c->at);
				decls_add(out, d);
			}
			break;
		case 1:
			d = new_decl(y, AST_DOMAIN, k, v);
			d->list = word_list(y, v, "'domains'", value_word);
			if (d->list)
				decls_add(out, d);
			break;
		case 2: yaml_services(y, v, out); break;
		case 3: yaml_zones(y, v, out); break;
		case 4: yaml_hosts(y, v, out); break;
		case 5: yaml_groups(y, v, out); break;
		case 6: yaml_firewalls(y, v, out); break;
		case 7: yaml_rules(y, v, out, AST_POLICY); break;
		case 8: yaml_relays(y, v, out); break;
		case 9: yaml_profiles(y, v, out); break;
		case 10: yaml_rules(y, v, out, AST_ASSERT); break;
		case 11: yaml_templates(y, v, out); break;
		case 12: yaml_use(y, v, k, out); break;
		case 13: yaml_if(y, v, k, out); break;
		case 14:
			d = new_decl(y, AST_ERROR, k, v);
			d->w = text_word(y, v, "'error'");
			if (d->w)
				decls_add(out, d);
			break;
		}
	}
}

/*
 * A list of declarations: a mapping, or a sequence of mappings read in
 * order (for when policy and relay blocks must stay in order around a
 * `use` or an `if`).
 */
static void decl_list_any(struct yparse *y, const struct ynode *n, struct decl_list *out,
			  const char *what)
{
	const struct ynode *c;

	if (n->kind == YN_SEQ) {
		for (c = n->child; c; c = c->next)
			if (!want_map(y, c, what))
				decl_map(y, c, out, what);
		return;
	}
	if (want_map(y, n, what))
		return;
	decl_map(y, n, out, what);
}

int yaml_parse(struct parse_ctx *ctx)
{
	struct yparse y;
	struct ynode *root;
	struct decl_list out = { NULL, &out.head };

	memset(&y, 0, sizeof(y));
	y.ctx = ctx;
	ctx->decls = NULL;
	ctx->nr_errors = 0;
	yaml_offsets_init(&y.off, ctx->text, ctx->len);
	root = build_tree(&y);
	if (root) {
		if (root->kind == YN_SCALAR && root->len == 0 &&
		    root->style == YAML_PLAIN_SCALAR_STYLE)
			;	/* an empty document */
		else
			decl_list_any(&y, root, &out, "the top level");
	}
	ctx->decls = out.head;
	return (int)ctx->nr_errors;
}
