/*
 * The `checkpoint` target: one firewall's policy as a classic Check
 * Point FireWall-1 rule base, the columns of a SmartDashboard print:
 * No., Source, Destination, Service, Action, Track, Comment.
 *
 * - Text (the default): aligned columns for a person to read or to
 *   type into the GUI.  `--format csv`: the same table as RFC 4180
 *   records (CRLF), for a spreadsheet.
 * - Cells show names as the user wrote them (the rule's refs), `Any`
 *   for any, and for `self` the firewall's own name: in FireWall-1 the
 *   firewall is its own network object, and the rule base names it.
 *   The MAILsweeper guide writes "localhost" for it (the relay runs on
 *   the firewall), but FireWall-1 has no such object and 127.0.0.1
 *   never matches mail arriving on an interface.
 * - Action: FireWall-1's own words, accept / drop / reject (the guide's
 *   "STOP" is drop: mgc's `deny`).  Track: Log or None.
 * - After the numbered rules, one unnumbered "implicit drop" line: mgc's
 *   default deny, as FireWall-1 shows its implied rules.
 * - Content security: on a firewall with `content-security P
 *   { protocols ...; }`, the service of an accept rule that is exactly
 *   a listed protocol's port (smtp tcp/25, http tcp/80, ftp tcp/21)
 *   shows the resource the way FW-1 4.x did, `http->P_http`; the text
 *   output then lists the resources (type, CVP server, rules) after the
 *   rule base.  The CSV stays one rectangular table: the Service cells
 *   carry the resource names.
 * - CSV and spreadsheets: a cell starting with = + - @ or CR would be
 *   read as a formula by Excel, LibreOffice or Sheets (CSV injection),
 *   so such a cell is written with a leading single quote ('=...), the
 *   OWASP advice; everything else round-trips exactly.  The first
 *   record is the mgc header line as a one-field record.
 */
#include "backend.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum cp_col {
	COL_NO,
	COL_SOURCE,
	COL_DEST,
	COL_SERVICE,
	COL_ACTION,
	COL_TRACK,
	COL_COMMENT,
	NR_COLS
};

static const char *const col_title[NR_COLS] = {
	"No.", "Source", "Destination", "Service", "Action", "Track", "Comment"
};

/* A content-security protocol and the port of its service. */
static const struct {
	const char *proto;
	uint16_t port;
	const char *type;	/* FW-1 resource type */
} cvp_protos[] = {
	{ "smtp", 25, "SMTP" },
	{ "http", 80, "URI" },
	{ "ftp", 21, "FTP" },
};

struct cp_row {
	struct out cell[NR_COLS];
	struct span at;		/* for diagnostics: the rule */
	struct span comment_at;
};

struct cp_table {
	struct cp_row *rows;
	size_t nr;
	/* per content-security protocol of the firewall: rule numbers using it */
	struct out *cvp_rules;
};

static const char *cp_action(enum ir_action a)
{
	switch (a) {
	case IR_ALLOW:
		return "accept";
	case IR_DENY:
		return "drop";
	case IR_REJECT:
		return "reject";
	}
	BUG("unknown action %d", (int)a);
}

/* Width in code points (what a terminal shows for most text). */
static size_t cp_width(const char *s, size_t len)
{
	size_t i, w = 0;

	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			w++;
	return w;
}

static void cp_endpoint(struct out *o, const struct ir_firewall *fw,
			const struct ir_endpoint *e)
{
	size_t i;

	for (i = 0; i < e->nr_refs; i++) {
		const struct ir_ref *r = &e->refs[i];

		if (i)
			out_puts(o, ", ");
		switch (r->kind) {
		case REF_ANY:
			out_puts(o, "Any");
			break;
		case REF_SELF:
			out_puts(o, fw->name);
			break;
		default:
			out_puts(o, r->text);
			break;
		}
	}
	if (!e->nr_refs)
		out_puts(o, "Any");
}

/* The content-security protocol (index into cvp_protos) a service is exactly, or -1. */
static int cp_cvp_proto(const struct ir_svc_ref *s)
{
	const struct ir_port *p;
	size_t i;

	if (s->service) {
		if (s->service->nr_ports != 1)
			return -1;
		p = &s->service->ports[0];
	} else {
		p = &s->port;
	}
	if (p->proto != IR_TCP || p->lo != p->hi)
		return -1;
	for (i = 0; i < countof(cvp_protos); i++)
		if (cvp_protos[i].port == p->lo)
			return (int)i;
	return -1;
}

/* Index of proto in the firewall's content-security list, or -1. */
static int cp_cs_index(const struct ir_content_security *cs, const char *proto)
{
	size_t i;

	for (i = 0; cs && i < cs->nr_protocols; i++)
		if (strcmp(cs->protocols[i], proto) == 0)
			return (int)i;
	return -1;
}

static void cp_services(struct cp_table *t, const struct ir_firewall *fw,
			const struct ir_rule *r, struct out *o)
{
	const struct ir_content_security *cs = fw->content_security;
	size_t i;

	for (i = 0; i < r->nr_svcs; i++) {
		const struct ir_svc_ref *s = &r->svcs[i];
		int p, k;

		if (i)
			out_puts(o, ", ");
		if (s->service)
			out_puts(o, s->service->name);
		else if (s->port.lo == s->port.hi)
			out_printf(o, "%s/%u", ir_proto_name(s->port.proto), (unsigned)s->port.lo);
		else
			out_printf(o, "%s/%u-%u", ir_proto_name(s->port.proto),
				   (unsigned)s->port.lo, (unsigned)s->port.hi);
		if (!cs || r->action != IR_ALLOW)
			continue;
		p = cp_cvp_proto(s);
		k = p < 0 ? -1 : cp_cs_index(cs, cvp_protos[p].proto);
		if (k < 0)
			continue;
		out_printf(o, "->%s_%s", cs->product, cvp_protos[p].proto);
		out_printf(&t->cvp_rules[k], "%s%zu", t->cvp_rules[k].len ? ", " : "",
			   r->index + 1);
	}
	if (!r->nr_svcs)
		out_puts(o, "Any");
}

static void cp_table_build(struct cp_table *t, const struct ir_firewall *fw)
{
	size_t i, nr_cs = fw->content_security ? fw->content_security->nr_protocols : 0;

	t->nr = fw->nr_rules + 1;
	t->rows = xcalloc(t->nr, sizeof(*t->rows));
	t->cvp_rules = xcalloc(nr_cs ? nr_cs : 1, sizeof(*t->cvp_rules));
	for (i = 0; i < fw->nr_rules; i++) {
		const struct ir_rule *r = &fw->rules[i];
		struct cp_row *row = &t->rows[i];

		row->at = r->at;
		row->comment_at = span_is_none(r->comment_at) ? r->at : r->comment_at;
		out_printf(&row->cell[COL_NO], "%zu", r->index + 1);
		cp_endpoint(&row->cell[COL_SOURCE], fw, &r->src);
		cp_endpoint(&row->cell[COL_DEST], fw, &r->dst);
		cp_services(t, fw, r, &row->cell[COL_SERVICE]);
		out_puts(&row->cell[COL_ACTION], cp_action(r->action));
		out_puts(&row->cell[COL_TRACK], r->log ? "Log" : "None");
		out_puts(&row->cell[COL_COMMENT], r->comment ? r->comment : "");
	}
	/* The implicit default deny: unnumbered, as FW-1 shows implied rules. */
	{
		struct cp_row *row = &t->rows[fw->nr_rules];

		row->at = fw->at;
		row->comment_at = fw->at;
		out_puts(&row->cell[COL_NO], "");
		out_puts(&row->cell[COL_SOURCE], "Any");
		out_puts(&row->cell[COL_DEST], "Any");
		out_puts(&row->cell[COL_SERVICE], "Any");
		out_puts(&row->cell[COL_ACTION], "drop");
		out_puts(&row->cell[COL_TRACK], "None");
		out_puts(&row->cell[COL_COMMENT], "implicit drop: no rule matched (mgc default deny)");
	}
}

static void cp_table_release(struct cp_table *t, size_t nr_cs)
{
	size_t i, c;

	for (i = 0; i < t->nr; i++)
		for (c = 0; c < NR_COLS; c++)
			out_release(&t->rows[i].cell[c]);
	for (i = 0; i < nr_cs; i++)
		out_release(&t->cvp_rules[i]);
	free(t->rows);
	free(t->cvp_rules);
}

/* Cells are empty-safe: out_puts("") leaves buf NULL. */
static const char *cell(const struct out *o)
{
	return o->buf ? o->buf : "";
}

/*
 * One text cell padded to width (no padding after the last column).
 * Returns -1 when the cell cannot be shown as plain text.
 */
static int cp_text_cell(struct out *o, const struct out *c, size_t width, bool last)
{
	size_t w;

	if (out_comment_text(o, cell(c)) < 0)
		return -1;
	if (last)
		return 0;
	for (w = cp_width(cell(c), c->len); w < width + 2; w++)
		out_putc(o, ' ');
	return 0;
}

/* Drop the spaces padding the end of the line just written. */
static void cp_end_line(struct out *o)
{
	while (o->len && o->buf[o->len - 1] == ' ')
		o->buf[--o->len] = '\0';
	out_putc(o, '\n');
}

static int cp_emit_text(const struct emit_ctx *ctx, const struct cp_table *t,
			struct out *o)
{
	const struct ir_firewall *fw = ctx->fw;
	const struct ir_content_security *cs = fw->content_security;
	size_t width[NR_COLS];
	size_t i, c;
	int rc = 0;

	for (c = 0; c < NR_COLS; c++) {
		width[c] = strlen(col_title[c]);
		for (i = 0; i < t->nr; i++) {
			size_t w = cp_width(cell(&t->rows[i].cell[c]), t->rows[i].cell[c].len);

			if (w > width[c])
				width[c] = w;
		}
	}
	out_puts(o, "# Check Point FireWall-1 rule base of firewall ");
	out_comment_text(o, fw->name);
	out_puts(o, " (first match wins).\n");
	out_puts(o, "# Self (the firewall itself) is shown as the firewall's name.\n\n");
	for (c = 0; c < NR_COLS; c++) {
		struct out title = OUT_INIT;

		out_puts(&title, col_title[c]);
		cp_text_cell(o, &title, width[c], c + 1 == NR_COLS);
		out_release(&title);
	}
	cp_end_line(o);
	for (c = 0; c < NR_COLS; c++) {
		size_t w;

		for (w = 0; w < width[c]; w++)
			out_putc(o, '-');
		if (c + 1 < NR_COLS)
			out_puts(o, "  ");
	}
	cp_end_line(o);
	for (i = 0; i < t->nr; i++) {
		const struct cp_row *row = &t->rows[i];

		for (c = 0; c < NR_COLS; c++) {
			if (cp_text_cell(o, &row->cell[c], width[c], c + 1 == NR_COLS) == 0)
				continue;
			diag_error(ctx->diag, DIAG_OUTPUT,
				   c == COL_COMMENT ? row->comment_at : row->at,
				   "%s of rule %s cannot be shown in the checkpoint table "
				   "(it holds a line break, a control character or invalid UTF-8)",
				   c == COL_COMMENT ? "comment" : "a name", cell(&row->cell[COL_NO]));
			rc = -1;
			break;
		}
		cp_end_line(o);
	}
	if (!cs)
		return rc;

	/* The content-security resources, as FW-1's Resources tab lists them. */
	out_puts(o, "\n# Content security (CVP): resources used in the Service column.\n\n");
	{
		static const char *const rtitle[] = {
			"Resource", "Type", "CVP server", "Used in rules"
		};
		struct out rcell[4][8];
		size_t rw[4], n = cs->nr_protocols + 1, r, k;

		if (n > 8)
			n = 8;	/* smtp, http, ftp: at most 3 distinct protocols */
		memset(rcell, 0, sizeof(rcell));
		for (k = 0; k < 4; k++)
			out_puts(&rcell[k][0], rtitle[k]);
		for (r = 1; r < n; r++) {
			const char *p = cs->protocols[r - 1];
			size_t j;

			out_printf(&rcell[0][r], "%s_%s", cs->product, p);
			for (j = 0; j < countof(cvp_protos); j++)
				if (strcmp(cvp_protos[j].proto, p) == 0)
					out_puts(&rcell[1][r], cvp_protos[j].type);
			out_puts(&rcell[2][r], cs->product);
			out_puts(&rcell[3][r], t->cvp_rules[r - 1].len ?
				 cell(&t->cvp_rules[r - 1]) : "(none)");
		}
		for (k = 0; k < 4; k++) {
			rw[k] = 0;
			for (r = 0; r < n; r++)
				if (rcell[k][r].len > rw[k])
					rw[k] = rcell[k][r].len;
		}
		for (r = 0; r < n; r++) {
			for (k = 0; k < 4; k++)
				cp_text_cell(o, &rcell[k][r], rw[k], k == 3);
			cp_end_line(o);
			if (r == 0) {
				for (k = 0; k < 4; k++) {
					size_t w;

					for (w = 0; w < rw[k]; w++)
						out_putc(o, '-');
					if (k < 3)
						out_puts(o, "  ");
				}
				cp_end_line(o);
			}
		}
		for (k = 0; k < 4; k++)
			for (r = 0; r < n; r++)
				out_release(&rcell[k][r]);
	}
	return rc;
}

/* Would a spreadsheet read the cell as a formula? */
static bool cp_formula_like(const char *s)
{
	return s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' ||
	       s[0] == '\t' || s[0] == '\r';
}

/* One CSV field, defused against formula injection; -1 when not representable. */
static int cp_csv_field(struct out *o, const char *s)
{
	struct out tmp = OUT_INIT;
	int rc;

	if (!cp_formula_like(s))
		return out_csv_field(o, s);
	out_putc(&tmp, '\'');
	out_puts(&tmp, s);
	rc = out_csv_field(o, tmp.buf);
	out_release(&tmp);
	return rc;
}

static int cp_emit_csv(const struct emit_ctx *ctx, const struct cp_table *t, struct out *o)
{
	struct out head = OUT_INIT;
	size_t i, c;
	int rc = 0;

	/* The header line, as a one-field record (CSV has no comments). */
	emit_header(&head, COMMENT_HASH, ctx->source_name);
	while (head.len && head.buf[head.len - 1] == '\n')
		head.buf[--head.len] = '\0';
	if (cp_csv_field(o, cell(&head)) < 0)
		out_puts(o, "# Generated by mgc");
	out_release(&head);
	out_puts(o, "\r\n");
	for (c = 0; c < NR_COLS; c++) {
		if (c)
			out_putc(o, ',');
		out_csv_field(o, col_title[c]);
	}
	out_puts(o, "\r\n");
	for (i = 0; i < t->nr; i++) {
		const struct cp_row *row = &t->rows[i];

		for (c = 0; c < NR_COLS; c++) {
			if (c)
				out_putc(o, ',');
			if (cp_csv_field(o, cell(&row->cell[c])) == 0)
				continue;
			diag_error(ctx->diag, DIAG_OUTPUT,
				   c == COL_COMMENT ? row->comment_at : row->at,
				   "%s of rule %s cannot be written as a CSV field "
				   "(it holds a control character or invalid UTF-8)",
				   c == COL_COMMENT ? "comment" : "a name", cell(&row->cell[COL_NO]));
			rc = -1;
		}
		out_puts(o, "\r\n");
	}
	return rc;
}

static int cp_emit(const struct emit_ctx *ctx, struct out *out)
{
	const struct ir_firewall *fw = ctx->fw;
	struct cp_table t;
	bool csv;
	int rc;

	if (!fw)
		BUG("checkpoint: no firewall selected");
	if (ctx->format && strcmp(ctx->format, "csv") && strcmp(ctx->format, "text")) {
		diag_error(ctx->diag, DIAG_TARGET, SPAN_NONE,
			   "target 'checkpoint' has no format '%s' (use text or csv)", ctx->format);
		return -1;
	}
	csv = ctx->format && strcmp(ctx->format, "csv") == 0;
	memset(&t, 0, sizeof(t));
	cp_table_build(&t, fw);
	if (csv) {
		rc = cp_emit_csv(ctx, &t, out);
	} else {
		emit_header(out, COMMENT_HASH, ctx->source_name);
		rc = cp_emit_text(ctx, &t, out);
	}
	cp_table_release(&t, fw->content_security ? fw->content_security->nr_protocols : 0);
	return rc;
}

const struct backend backend_checkpoint = {
	.name = "checkpoint",
	.summary = "Check Point FireWall-1 rule base table (text, or --format csv)",
	.device = DEVICE_FIREWALL,
	.formats = "text,csv",
	.emit = cp_emit,
};
