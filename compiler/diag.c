/*
 * Diagnostics: collection, sorting and the three renderers.  See diag.h.
 */
#include "diag.h"

#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "source.h"
#include "util.h"

static const struct diag_code_info code_info[] = {
#define DIAG_CODE(id, rule, name, level, shortd, help) { rule, name, level, shortd, help },
#include "diag_codes.def"
#undef DIAG_CODE
};

const struct diag_code_info *diag_code_info(enum diag_code code)
{
	if ((size_t)code >= countof(code_info))
		BUG("diagnostic code %d out of range", (int)code);
	return &code_info[code];
}

void diag_init(struct diag_sink *d, const struct source_table *src)
{
	memset(d, 0, sizeof(*d));
	d->src = src;
}

void diag_release(struct diag_sink *d)
{
	size_t i, j;

	for (i = 0; i < d->nr; i++) {
		struct diag *dg = &d->items[i];

		for (j = 0; j < dg->nr_notes; j++)
			free(dg->notes[j].msg);
		free(dg->notes);
		free(dg->msg);
	}
	free(d->items);
	d->items = NULL;
	d->nr = d->alloc = 0;
	d->nr_errors = d->nr_warnings = 0;
	for (j = 0; j < d->overflow.nr_notes; j++)
		free(d->overflow.notes[j].msg);
	free(d->overflow.notes);
	free(d->overflow.msg);
	memset(&d->overflow, 0, sizeof(d->overflow));
	d->nr_dropped = 0;
}

MG_PRINTF(1, 0)
static char *vformat(const char *fmt, va_list ap)
{
	va_list aq;
	char *p;
	int n;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0)
		BUG("vsnprintf failed for \"%s\"", fmt);
	p = xmalloc((size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

MG_PRINTF(5, 0)
static struct diag *push(struct diag_sink *d, enum diag_severity sev, enum diag_code code,
			 struct span at, const char *fmt, va_list ap)
{
	struct diag *dg;

	(void)diag_code_info(code);	/* range check */
	if (sev == DIAG_ERROR)
		d->nr_errors++;
	else if (sev == DIAG_WARNING)
		d->nr_warnings++;
	if (d->nr >= DIAG_MAX_STORED) {
		size_t j;

		dg = &d->overflow;
		for (j = 0; j < dg->nr_notes; j++)
			free(dg->notes[j].msg);
		free(dg->notes);
		free(dg->msg);
		memset(dg, 0, sizeof(*dg));
		dg->severity = sev;
		dg->code = code;
		dg->at = at;
		dg->msg = vformat(fmt, ap);
		d->nr_dropped++;
		return dg;
	}
	d->items = grow_array(d->items, sizeof(*d->items), d->nr + 1, &d->alloc);
	dg = &d->items[d->nr++];
	memset(dg, 0, sizeof(*dg));
	dg->severity = sev;
	dg->code = code;
	dg->at = at;
	dg->msg = vformat(fmt, ap);
	dg->seq = d->seq++;
	return dg;
}

struct diag *diag_error(struct diag_sink *d, enum diag_code code, struct span at,
			const char *fmt, ...)
{
	struct diag *dg;
	va_list ap;

	va_start(ap, fmt);
	dg = push(d, DIAG_ERROR, code, at, fmt, ap);
	va_end(ap);
	return dg;
}

struct diag *diag_warning(struct diag_sink *d, enum diag_code code, struct span at,
			  const char *fmt, ...)
{
	struct diag *dg;
	va_list ap;

	va_start(ap, fmt);
	dg = push(d, DIAG_WARNING, code, at, fmt, ap);
	va_end(ap);
	return dg;
}

struct diag *diag_info(struct diag_sink *d, enum diag_code code, struct span at,
		       const char *fmt, ...)
{
	struct diag *dg;
	va_list ap;

	va_start(ap, fmt);
	dg = push(d, DIAG_NOTE, code, at, fmt, ap);
	va_end(ap);
	return dg;
}

void diag_note(struct diag *dg, struct span at, const char *fmt, ...)
{
	struct diag_note *n;
	va_list ap;

	dg->notes = grow_array(dg->notes, sizeof(*dg->notes), dg->nr_notes + 1,
			       &dg->alloc_notes);
	n = &dg->notes[dg->nr_notes++];
	n->at = at;
	va_start(ap, fmt);
	n->msg = vformat(fmt, ap);
	va_end(ap);
}

int diag_failed(const struct diag_sink *d)
{
	return d->nr_errors > 0 || (d->werror && d->nr_warnings > 0);
}

static int cmp_diag(const void *pa, const void *pb)
{
	const struct diag *a = pa, *b = pb;

	if (a->at.file != b->at.file)
		return a->at.file < b->at.file ? -1 : 1;
	if (a->at.begin != b->at.begin)
		return a->at.begin < b->at.begin ? -1 : 1;
	if (a->seq != b->seq)
		return a->seq < b->seq ? -1 : 1;
	return 0;
}

void diag_sort(struct diag_sink *d)
{
	if (d->nr > 1)
		qsort(d->items, d->nr, sizeof(*d->items), cmp_diag);
}

/* The severity as rendered: under werror a warning is an error. */
static enum diag_severity effective(const struct diag_sink *d, const struct diag *dg)
{
	if (d->werror && dg->severity == DIAG_WARNING)
		return DIAG_ERROR;
	return dg->severity;
}

static const char *severity_name(enum diag_severity s)
{
	switch (s) {
	case DIAG_NOTE:
		return "note";
	case DIAG_WARNING:
		return "warning";
	case DIAG_ERROR:
		return "error";
	}
	BUG("bad severity %d", (int)s);
}

/* A span that points into a registered file (not SPAN_NONE, not a bad id). */
static const struct source_file *span_file(const struct diag_sink *d, struct span at)
{
	if (span_is_none(at) || !d->src)
		return NULL;
	return source_get(d->src, at.file);
}

/* ---- UTF-8 ---- */

/*
 * Decode the well-formed UTF-8 sequence at s (at most n bytes): its
 * length, with the code point in *cp, or 0 when the byte at s does not
 * start one.  An ill-formed byte counts as one column everywhere, as in
 * source_locate().
 */
static size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	uint32_t c;
	size_t len, i;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] < 0xc2)
		return 0;
	if (s[0] < 0xe0) {
		len = 2;
		c = s[0] & 0x1f;
	} else if (s[0] < 0xf0) {
		len = 3;
		c = s[0] & 0x0f;
	} else if (s[0] < 0xf5) {
		len = 4;
		c = s[0] & 0x07;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3f);
	}
	if ((len == 3 && c < 0x800) || (len == 4 && c < 0x10000) ||
	    c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

/*
 * Characters that must not reach a terminal raw: C0 and C1 controls,
 * DEL, and the bidirectional overrides and isolates that can make
 * echoed source read differently from what the compiler sees.
 */
static int unsafe_cp(uint32_t c)
{
	return c < 0x20 || (c >= 0x7f && c < 0xa0) ||
	       (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

/*
 * Write n bytes of s to out, one column per character: ill-formed
 * bytes and unsafe characters become '?'; a TAB stays a TAB when
 * keep_tab is set.
 */
static void put_safe(FILE *out, const char *str, size_t n, int keep_tab)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	while (i < n) {
		uint32_t c = 0;
		size_t len = utf8_decode(s + i, n - i, &c);

		if (len == 0) {
			fputc('?', out);
			i++;
		} else if (c == '\t' && keep_tab) {
			fputc('\t', out);
			i++;
		} else if (unsafe_cp(c)) {
			fputc('?', out);
			i += len;
		} else {
			fwrite(s + i, 1, len, out);
			i += len;
		}
	}
}

static void put_safe_str(FILE *out, const char *s)
{
	put_safe(out, s, strlen(s), 0);
}

/* ---- text ---- */

/*
 * The source line of `at` and the caret line under it.  The padding
 * copies the line's tabs so that the caret lines up however the
 * terminal sets tab stops (the gutter is 8 columns wide); every other
 * character, as echoed by put_safe(), is one column.  A span running
 * past the end of the line is cut there.
 */
static void render_excerpt(const struct diag_sink *d, const struct source_file *f,
			   struct span at, FILE *out)
{
	struct source_pos p = source_locate(d->src, at.file, at.begin);
	const unsigned char *s;
	const char *line;
	size_t len, i, b, e;
	unsigned col = 0;
	int first = 1;

	line = source_line(d->src, at.file, p.line, &len);
	if (!line)
		return;
	s = (const unsigned char *)line;
	b = (size_t)(f->text + (at.begin > f->len ? f->len : at.begin) - line);
	e = at.end > at.begin ? (size_t)(f->text + (at.end > f->len ? f->len : at.end) - line) : b;
	if (b > len)
		b = len;
	if (e > len)
		e = len;

	fprintf(out, "%5u | ", p.line);
	put_safe(out, line, len, 1);
	fputc('\n', out);

	fputs("      | ", out);
	i = 0;
	while (i < b) {
		uint32_t c = 0;
		size_t n = utf8_decode(s + i, len - i, &c);

		if (n == 0)
			n = 1;
		if (s[i] == '\t') {
			fputc('\t', out);
			col = (col / 8 + 1) * 8;
		} else {
			fputc(' ', out);
			col++;
		}
		i += n;
	}
	fputc('^', out);
	/* The first character is under the caret; the rest get tildes. */
	while (i < e) {
		uint32_t c = 0;
		size_t n = utf8_decode(s + i, len - i, &c);
		unsigned w = 1;

		if (n == 0)
			n = 1;
		if (s[i] == '\t')
			w = 8 - col % 8;
		col += w;
		if (first) {
			first = 0;
			w--;
		}
		while (w--)
			fputc('~', out);
		i += n;
	}
	fputc('\n', out);
}

static void render_header(const struct diag_sink *d, struct span at, const char *sev,
			  const char *msg, const char *rule, FILE *out)
{
	const struct source_file *f = span_file(d, at);

	if (f) {
		struct source_pos p = source_locate(d->src, at.file, at.begin);

		put_safe_str(out, f->name);
		fprintf(out, ":%u:%u: %s: ", p.line, p.col, sev);
	} else if (rule) {
		fprintf(out, "mgc: %s: ", sev);
	} else {
		fprintf(out, "%s: ", sev);	/* a note without location */
	}
	put_safe_str(out, msg);
	if (rule)
		fprintf(out, " [%s]", rule);
	fputc('\n', out);
	if (f)
		render_excerpt(d, f, at, out);
}

void diag_render_text(const struct diag_sink *d, FILE *out)
{
	size_t i, j, shown = 0, hidden = 0;

	for (i = 0; i < d->nr; i++) {
		const struct diag *dg = &d->items[i];
		enum diag_severity sev = effective(d, dg);

		if (sev == DIAG_ERROR) {
			if (d->max_errors && shown >= d->max_errors) {
				hidden++;
				continue;
			}
			shown++;
		}
		render_header(d, dg->at, severity_name(sev), dg->msg,
			      diag_code_info(dg->code)->rule_id, out);
		for (j = 0; j < dg->nr_notes; j++)
			render_header(d, dg->notes[j].at, "note", dg->notes[j].msg, NULL, out);
	}
	hidden += d->nr_dropped;
	if (hidden)
		fprintf(out, "mgc: note: too many errors (%zu more not shown)\n", hidden);
}

/* ---- JSON ---- */

/*
 * A JSON string from text that may hold ill-formed UTF-8 (user strings,
 * file names): each ill-formed byte becomes U+FFFD, keeping code-point
 * columns in step with the text renderer.  NULL only when out of memory.
 */
static json_t *json_text(const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t n = strlen(str), i, o = 0;
	json_t *j;
	char *buf;

	for (i = 0; i < n; i++)
		if (s[i] >= 0x80)
			break;
	if (i == n)
		return json_stringn(str, n);
	buf = xmalloc(n * 3 + 1);
	i = 0;
	while (i < n) {
		uint32_t c = 0;
		size_t len = utf8_decode(s + i, n - i, &c);

		if (len == 0) {
			memcpy(buf + o, "\xef\xbf\xbd", 3);
			o += 3;
			i++;
		} else {
			memcpy(buf + o, s + i, len);
			o += len;
			i += len;
		}
	}
	j = json_stringn(buf, o);
	free(buf);
	return j;
}

/* Set obj[key] = v, stealing v; on failure (v NULL or out of memory) clear *ok. */
static void put(json_t *obj, const char *key, json_t *v, int *ok)
{
	if (!v || json_object_set_new(obj, key, v) != 0)
		*ok = 0;
}

static void append(json_t *arr, json_t *v, int *ok)
{
	if (!v || json_array_append_new(arr, v) != 0)
		*ok = 0;
}

/* Add file, line, column, end_line, end_column for a located span. */
static void put_location(const struct diag_sink *d, json_t *obj, struct span at, int *ok)
{
	const struct source_file *f = span_file(d, at);
	struct source_pos b, e;

	if (!f)
		return;
	b = source_locate(d->src, at.file, at.begin);
	e = source_locate(d->src, at.file, at.end > at.begin ? at.end : at.begin);
	put(obj, "file", json_text(f->name), ok);
	put(obj, "line", json_integer(b.line), ok);
	put(obj, "column", json_integer(b.col_cp), ok);
	put(obj, "end_line", json_integer(e.line), ok);
	put(obj, "end_column", json_integer(e.col_cp), ok);
}

static json_t *new_object(int *ok)
{
	json_t *o = json_object();

	if (!o)
		*ok = 0;
	return o;
}

static json_t *new_array(int *ok)
{
	json_t *a = json_array();

	if (!a)
		*ok = 0;
	return a;
}

json_t *diag_to_json(const struct diag_sink *d)
{
	json_t *arr;
	size_t i, j;
	int ok = 1;

	arr = new_array(&ok);
	for (i = 0; ok && i < d->nr; i++) {
		const struct diag *dg = &d->items[i];
		const struct diag_code_info *ci = diag_code_info(dg->code);
		json_t *o = new_object(&ok), *notes;

		append(arr, o, &ok);
		if (!ok)
			break;
		put(o, "severity", json_string(severity_name(effective(d, dg))), &ok);
		put(o, "code", json_string(ci->rule_id), &ok);
		put(o, "name", json_string(ci->name), &ok);
		put(o, "message", json_text(dg->msg), &ok);
		put_location(d, o, dg->at, &ok);
		notes = new_array(&ok);
		put(o, "notes", notes, &ok);
		for (j = 0; ok && j < dg->nr_notes; j++) {
			json_t *n = new_object(&ok);

			append(notes, n, &ok);
			if (!ok)
				break;
			put(n, "message", json_text(dg->notes[j].msg), &ok);
			put_location(d, n, dg->notes[j].at, &ok);
		}
	}
	if (!ok) {
		json_decref(arr);
		return NULL;
	}
	return arr;
}

static int dump(json_t *v, FILE *out)
{
	int r;

	if (!v)
		return -1;
	r = json_dumpf(v, out, JSON_INDENT(2));
	json_decref(v);
	if (r != 0 || fputc('\n', out) == EOF)
		return -1;
	return 0;
}

int diag_render_json(const struct diag_sink *d, FILE *out)
{
	return dump(diag_to_json(d), out);
}

/* ---- SARIF ---- */

/*
 * A file name as a URI reference: '\\' becomes '/', and every byte
 * other than an RFC 3986 unreserved character or '/' is percent-encoded.
 */
static json_t *uri_json(const char *name)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = strlen(name), i, o = 0;
	char *buf = xmalloc(n * 3 + 1);
	json_t *j;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)name[i];

		if (c == '\\')
			c = '/';
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
			buf[o++] = (char)c;
		} else {
			buf[o++] = '%';
			buf[o++] = hex[c >> 4];
			buf[o++] = hex[c & 15];
		}
	}
	j = json_stringn(buf, o);
	free(buf);
	return j;
}

static const char *sarif_level(enum diag_severity s)
{
	return severity_name(s);	/* SARIF's levels have the same names */
}

static json_t *text_object(json_t *text, int *ok)
{
	json_t *o = new_object(ok);

	if (o)
		put(o, "text", text, ok);
	else
		json_decref(text);
	return o;
}

/* {"physicalLocation": {"artifactLocation": {"uri"}, "region": {...}}} */
static json_t *sarif_location(const struct diag_sink *d, uint32_t file, uint32_t begin,
			      uint32_t end, int *ok)
{
	const struct source_file *f = source_get(d->src, file);
	json_t *loc = new_object(ok), *phys = new_object(ok);
	json_t *art = new_object(ok), *region = new_object(ok);
	struct source_pos b, e;

	b = source_locate(d->src, file, begin);
	e = source_locate(d->src, file, end > begin ? end : begin);
	put(loc, "physicalLocation", phys, ok);
	put(phys, "artifactLocation", art, ok);
	put(phys, "region", region, ok);
	if (!*ok)
		return loc;
	put(art, "uri", uri_json(f->name), ok);
	put(region, "startLine", json_integer(b.line), ok);
	put(region, "startColumn", json_integer(b.col_cp), ok);
	put(region, "endLine", json_integer(e.line), ok);
	put(region, "endColumn", json_integer(e.col_cp), ok);
	return loc;
}

/* 64-bit FNV-1a over n bytes, continuing from h. */
static uint64_t fnv1a(uint64_t h, const void *p, size_t n)
{
	const unsigned char *s = p;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= s[i];
		h *= UINT64_C(0x100000001b3);
	}
	return h;
}

#define FNV_OFFSET UINT64_C(0xcbf29ce484222325)

/*
 * The hash GitHub uses to follow an alert across commits: rule id, file
 * and the text of the primary line with surrounding blanks trimmed, so
 * that moving the line or re-indenting it keeps the alert.
 */
static uint64_t line_hash(const struct diag_sink *d, const char *rule, uint32_t file,
			  unsigned line)
{
	const struct source_file *f = source_get(d->src, file);
	const char *s = NULL;
	size_t n = 0;
	uint64_t h = FNV_OFFSET;

	h = fnv1a(h, rule, strlen(rule) + 1);
	if (f) {
		h = fnv1a(h, f->name, strlen(f->name) + 1);
		s = line ? source_line(d->src, file, line, &n) : NULL;
	}
	if (s) {
		while (n && (*s == ' ' || *s == '\t' || *s == '\v' || *s == '\f')) {
			s++;
			n--;
		}
		while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\v' ||
			     s[n - 1] == '\f'))
			n--;
		h = fnv1a(h, s, n);
	}
	return h;
}

/*
 * Occurrence counts of fingerprint hashes, so that the Nth identical
 * hash gets ":N".  Open addressing; the table never fills (size > 2 nr).
 */
struct hash_count {
	uint64_t *keys;
	unsigned *counts;
	size_t size;
};

static unsigned hash_count_bump(struct hash_count *hc, uint64_t key)
{
	size_t i = (size_t)(key ^ (key >> 32)) & (hc->size - 1);

	while (hc->counts[i] && hc->keys[i] != key)
		i = (i + 1) & (hc->size - 1);
	hc->keys[i] = key;
	return ++hc->counts[i];
}

static json_t *sarif_rules(int *ok)
{
	json_t *rules = new_array(ok);
	size_t i;

	for (i = 0; *ok && i < countof(code_info); i++) {
		const struct diag_code_info *ci = &code_info[i];
		json_t *r = new_object(ok), *cfg, *props, *tags;

		append(rules, r, ok);
		if (!*ok)
			break;
		put(r, "id", json_string(ci->rule_id), ok);
		put(r, "name", json_string(ci->name), ok);
		put(r, "shortDescription", text_object(json_string(ci->short_desc), ok), ok);
		put(r, "fullDescription", text_object(json_string(ci->short_desc), ok), ok);
		put(r, "help", text_object(json_string(ci->help), ok), ok);
		cfg = new_object(ok);
		put(r, "defaultConfiguration", cfg, ok);
		if (*ok)
			put(cfg, "level", json_string(sarif_level(ci->level)), ok);
		props = new_object(ok);
		put(r, "properties", props, ok);
		tags = new_array(ok);
		if (*ok)
			put(props, "tags", tags, ok);
		else
			json_decref(tags);
		if (*ok)
			append(tags, json_string("correctness"), ok);
	}
	return rules;
}

/*
 * The message text of a result: the diagnostic's message, then each
 * note that has no location (a note with one becomes a related location).
 */
static json_t *sarif_message(const struct diag *dg)
{
	size_t j, n = strlen(dg->msg) + 1;
	json_t *v;
	char *buf;

	for (j = 0; j < dg->nr_notes; j++)
		if (span_is_none(dg->notes[j].at))
			n += strlen(dg->notes[j].msg) + 7;
	buf = xmalloc(n);
	strcpy(buf, dg->msg);
	for (j = 0; j < dg->nr_notes; j++) {
		if (!span_is_none(dg->notes[j].at))
			continue;
		strcat(buf, "\nnote: ");
		strcat(buf, dg->notes[j].msg);
	}
	v = json_text(buf);
	free(buf);
	return v;
}

static json_t *sarif_result(const struct diag_sink *d, const struct diag *dg,
			    struct hash_count *hc, int *ok)
{
	const struct diag_code_info *ci = diag_code_info(dg->code);
	json_t *res = new_object(ok), *locs, *fp, *rel = NULL;
	uint32_t file = 0, begin = 0, end = 0;
	unsigned line = 0;
	size_t j;
	char buf[40];

	if (!res)
		return NULL;
	put(res, "ruleId", json_string(ci->rule_id), ok);
	put(res, "ruleIndex", json_integer((json_int_t)dg->code), ok);
	put(res, "level", json_string(sarif_level(effective(d, dg))), ok);
	put(res, "message", text_object(sarif_message(dg), ok), ok);

	if (span_file(d, dg->at)) {
		file = dg->at.file;
		begin = dg->at.begin;
		end = dg->at.end;
	} else if (d->src && source_get(d->src, 1)) {
		file = 1;	/* GitHub needs a location: the main file's start */
	}
	if (file) {
		line = source_locate(d->src, file, begin).line;
		locs = new_array(ok);
		put(res, "locations", locs, ok);
		if (*ok)
			append(locs, sarif_location(d, file, begin, end, ok), ok);
	}
	for (j = 0; *ok && j < dg->nr_notes; j++) {
		const struct diag_note *n = &dg->notes[j];
		json_t *loc;

		if (!span_file(d, n->at))
			continue;
		if (!rel) {
			rel = new_array(ok);
			put(res, "relatedLocations", rel, ok);
			if (!*ok)
				break;
		}
		loc = sarif_location(d, n->at.file, n->at.begin, n->at.end, ok);
		append(rel, loc, ok);
		if (!*ok)
			break;
		put(loc, "id", json_integer((json_int_t)json_array_size(rel)), ok);
		put(loc, "message", text_object(json_text(n->msg), ok), ok);
	}
	if (*ok) {
		uint64_t h = line_hash(d, ci->rule_id, span_file(d, dg->at) ? file : 0,
				       span_file(d, dg->at) ? line : 0);

		snprintf(buf, sizeof(buf), "%016" PRIx64 ":%u", h, hash_count_bump(hc, h));
		fp = new_object(ok);
		put(res, "partialFingerprints", fp, ok);
		if (*ok)
			put(fp, "primaryLocationLineHash", json_string(buf), ok);
	}
	return res;
}

int diag_render_sarif(const struct diag_sink *d, FILE *out)
{
	json_t *log, *runs, *run, *tool, *driver, *results;
	struct hash_count hc;
	size_t i;
	int ok = 1;

	hc.size = 16;
	while (hc.size < 2 * d->nr + 2)
		hc.size *= 2;
	hc.keys = xcalloc(hc.size, sizeof(*hc.keys));
	hc.counts = xcalloc(hc.size, sizeof(*hc.counts));

	log = new_object(&ok);
	if (!log)
		goto done;
	put(log, "$schema", json_string("https://json.schemastore.org/sarif-2.1.0.json"), &ok);
	put(log, "version", json_string("2.1.0"), &ok);
	runs = new_array(&ok);
	put(log, "runs", runs, &ok);
	run = new_object(&ok);
	if (ok)
		append(runs, run, &ok);
	else
		json_decref(run);
	tool = new_object(&ok);
	if (ok)
		put(run, "tool", tool, &ok);
	else
		json_decref(tool);
	driver = new_object(&ok);
	if (ok)
		put(tool, "driver", driver, &ok);
	else
		json_decref(driver);
	if (!ok)
		goto done;
	put(driver, "name", json_string("mgc"), &ok);
	put(driver, "semanticVersion", json_string(MGC_VERSION), &ok);
	put(driver, "informationUri", json_string("https://example.invalid/mgc"), &ok);
	put(driver, "rules", sarif_rules(&ok), &ok);
	put(run, "columnKind", json_string("unicodeCodePoints"), &ok);
	results = new_array(&ok);
	put(run, "results", results, &ok);
	for (i = 0; ok && i < d->nr; i++)
		append(results, sarif_result(d, &d->items[i], &hc, &ok), &ok);
done:
	free(hc.keys);
	free(hc.counts);
	if (!ok) {
		json_decref(log);
		return -1;
	}
	return dump(log, out);
}

/* ---- did you mean ---- */

unsigned diag_edit_distance(const char *a, const char *b, unsigned cap)
{
	size_t la = strlen(a), lb = strlen(b), i, j;
	unsigned small[3 * 64];
	unsigned *buf, *prev2, *prev, *cur, d;

	if (cap > UINT_MAX - 1)
		cap = UINT_MAX - 1;	/* so that cap + 1 does not wrap */
	if ((la > lb ? la - lb : lb - la) > cap)
		return cap + 1;
	if (la == 0 || lb == 0) {
		d = (unsigned)(la + lb);
		return d > cap ? cap + 1 : d;
	}
	buf = lb + 1 <= 64 ? small : xmalloc(3 * (lb + 1) * sizeof(*buf));
	prev2 = buf;
	prev = buf + (lb + 1);
	cur = buf + 2 * (lb + 1);
	for (j = 0; j <= lb; j++)
		prev[j] = (unsigned)j;
	/*
	 * Optimal string alignment: Levenshtein plus the transposition of
	 * two adjacent characters, each edit costing 1.  A row's minimum
	 * never decreases (a transposition costs at least the diagonal
	 * step before it), so once it exceeds cap the answer is known.
	 */
	for (i = 1; i <= la; i++) {
		unsigned row_min, *t;

		cur[0] = (unsigned)i;
		row_min = cur[0];
		for (j = 1; j <= lb; j++) {
			unsigned v = prev[j - 1] + (a[i - 1] != b[j - 1]);

			if (prev[j] + 1 < v)
				v = prev[j] + 1;
			if (cur[j - 1] + 1 < v)
				v = cur[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    prev2[j - 2] + 1 < v)
				v = prev2[j - 2] + 1;
			cur[j] = v;
			if (v < row_min)
				row_min = v;
		}
		t = prev2;
		prev2 = prev;
		prev = cur;
		cur = t;
		if (row_min > cap)
			break;
	}
	d = i <= la ? cap + 1 : prev[lb];
	if (buf != small)
		free(buf);
	return d > cap ? cap + 1 : d;
}

/* Equal but for ASCII letter case. */
static int equal_but_case(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		unsigned char x = (unsigned char)*a, y = (unsigned char)*b;

		if (x >= 'A' && x <= 'Z')
			x = (unsigned char)(x - 'A' + 'a');
		if (y >= 'A' && y <= 'Z')
			y = (unsigned char)(y - 'A' + 'a');
		if (x != y)
			return 0;
	}
	return *a == *b;
}

/*
 * A suggestion must be close (distance 2 or less) and shorter in edits
 * than the word itself, so that 'a' does not suggest 'b'.  A candidate
 * that differs only in letter case counts as distance 1 and is always
 * close enough, however many letters differ.
 */
const char *diag_suggest(const char *word, const char *const *cands, size_t n)
{
	const char *best = NULL;
	unsigned best_d = 3;
	size_t i, wlen = strlen(word);

	for (i = 0; i < n && best_d > 1; i++) {
		unsigned dist;

		if (!cands[i] || strcmp(word, cands[i]) == 0)
			continue;
		if (equal_but_case(word, cands[i])) {
			dist = 1;
		} else {
			dist = diag_edit_distance(word, cands[i], best_d - 1);
			if (dist >= best_d || dist >= wlen)
				continue;
		}
		best = cands[i];
		best_d = dist;
	}
	return best;
}
