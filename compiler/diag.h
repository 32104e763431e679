/*
 * Diagnostics: collected while compiling, sorted, rendered once.
 * Passes push records with diag_error()/diag_warning(); nothing is
 * printed until the driver calls one of the render functions, so the
 * order of the report does not depend on which pass found a problem.
 * The sink owns every record and its strings (heap).  Messages follow
 * Git's style: lower-case, no full stop, subject quoted, advice in
 * parentheses.
 */
#ifndef MGC_DIAG_H
#define MGC_DIAG_H

#include <stdio.h>
#include <stddef.h>
#include "source.h"
#include "util.h"

enum diag_severity {
	DIAG_NOTE,
	DIAG_WARNING,
	DIAG_ERROR
};

enum diag_code {
#define DIAG_CODE(id, rule, name, level, shortd, help) DIAG_##id,
#include "diag_codes.def"
#undef DIAG_CODE
	DIAG_CODE_NR
};

struct diag_code_info {
	const char *rule_id;	/* "MGC1101" */
	const char *name;	/* "UnknownName" */
	enum diag_severity level;
	const char *short_desc;
	const char *help;
};

const struct diag_code_info *diag_code_info(enum diag_code code);

struct diag_note {
	struct span at;		/* SPAN_NONE: a note without location */
	char *msg;
};

struct diag {
	enum diag_severity severity;
	enum diag_code code;
	struct span at;
	char *msg;
	struct diag_note *notes;
	size_t nr_notes, alloc_notes;
	unsigned seq;		/* report order, keeps sorting stable */
};

struct diag_sink {
	struct diag *items;
	size_t nr, alloc;
	unsigned seq;
	size_t nr_errors, nr_warnings;
	const struct source_table *src;
	int werror;		/* warnings count (and render) as errors */
	size_t nr_dropped;	/* counted but not stored (beyond DIAG_MAX_STORED) */
	struct diag overflow;	/* scratch record handed out when dropping */
	size_t max_errors;	/* render at most this many errors; 0 = no cap */
};

/*
 * At most this many diagnostics are stored; later ones are counted
 * (nr_errors, nr_warnings, nr_dropped) but not kept, so a hostile input
 * cannot make the sink grow without bound.
 */
#define DIAG_MAX_STORED 10000

void diag_init(struct diag_sink *d, const struct source_table *src);
void diag_release(struct diag_sink *d);

/*
 * Record a diagnostic.  The returned pointer stays valid only until the
 * next diag_error/diag_warning call (the array may move): attach notes
 * right away.
 */
MG_PRINTF(4, 5)
struct diag *diag_error(struct diag_sink *d, enum diag_code code, struct span at,
			const char *fmt, ...);
MG_PRINTF(4, 5)
struct diag *diag_warning(struct diag_sink *d, enum diag_code code, struct span at,
			  const char *fmt, ...);
/* A stand-alone note (information the user must act on, not a problem). */
MG_PRINTF(4, 5)
struct diag *diag_info(struct diag_sink *d, enum diag_code code, struct span at,
		       const char *fmt, ...);
MG_PRINTF(3, 4)
void diag_note(struct diag *dg, struct span at, const char *fmt, ...);

/* True when the run must fail: errors, or warnings under --werror. */
int diag_failed(const struct diag_sink *d);

/* Sort by (file, begin offset, seq); file 0 (no location) first. */
void diag_sort(struct diag_sink *d);

/*
 * GCC-style text: "file:line:col: error: msg [MGC1101]", the source line
 * with "%5u | " gutter and a caret line (^~~~ under the span), then each
 * note the same way.  Honours max_errors with a final "too many errors"
 * line, and werror (warnings printed as errors).
 */
void diag_render_text(const struct diag_sink *d, FILE *out);
struct json_t;
/*
 * The diagnostics as a new Jansson array (caller owns the reference):
 * [{"severity","code","name","message","file","line","column",
 *   "end_line","end_column","notes":[{"message",...same location keys}]}]
 * in that key order; the location keys are absent for SPAN_NONE.
 * Lines and columns are 1-based; columns count code points; end_column
 * is exclusive.  NULL when out of memory.  Used by --diagnostics json
 * and by the json target.
 */
struct json_t *diag_to_json(const struct diag_sink *d);
/* JSON array of diagnostics (documented in doc/json.md); returns 0/-1. */
int diag_render_json(const struct diag_sink *d, FILE *out);
/* SARIF 2.1.0 log, valid for GitHub code-scanning upload. */
int diag_render_sarif(const struct diag_sink *d, FILE *out);

/*
 * Edit distance between a and b, capped: returns cap + 1 as soon as the
 * distance is known to exceed cap.
 */
unsigned diag_edit_distance(const char *a, const char *b, unsigned cap);

/*
 * The candidate closest to `word` within distance 2 and fewer edits than
 * `word` has bytes (ties: first one), or NULL.  A candidate differing
 * only in ASCII letter case counts as distance 1.  Exact matches are
 * not suggested.
 */
const char *diag_suggest(const char *word, const char *const *cands, size_t n);

#endif
