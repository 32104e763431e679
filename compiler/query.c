/*
 * mgc query.  See query.h.
 *
 * The description is compiled as it is (its errors stop the query).
 * The query is then compiled as an assert appended to it, in a small
 * source of its own named "<query>" that imports the description:
 *
 *     import "/abs/path/deploy.mg";
 *     assert FW allow
 *     QUERY;
 *
 * so that names, services and literals in the query are resolved, and
 * mistakes reported with carets, exactly as in the language; the
 * query's text is alone on line 3, so the columns are the user's.  The
 * assert analysis's verdict on that assert is dropped: the query
 * prints the whole split instead.
 */
#define _XOPEN_SOURCE 700	/* realpath() */
#include "query.h"

#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/space.h"
#include "compile.h"
#include "diag.h"
#include "emit.h"
#include "util.h"
#include "vec.h"

static const char query_usage[] =
"usage: mgc query FILE [--device FIREWALL] [-I DIR] 'SERVICES from A to B'\n"
"\n"
"Print what the firewall's policy decides for every packet of the class,\n"
"split where the answer differs, with the rule that decides each part.\n"
"The class is written like the rest of an assert: 'smtp from dirty to\n"
"mailsweeper', 'tcp 8080 from 192.0.2.1 to self'.\n"
"\n"
"  --device NAME   the firewall, when the description has several\n"
"  -I DIR          add DIR to the module search path (also $MGC_PATH)\n"
"  -h, --help      this text\n"
"\n"
"Exit status: 0 answered; 1 the description or the query has errors;\n"
"2 usage or I/O error.\n";

MG_PRINTF(1, 2)
static int usage(const char *fmt, ...)
{
	va_list ap;

	fputs("mgc query: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs(" (see 'mgc query --help')\n", stderr);
	return EXIT_USAGE;
}

struct part {
	struct space_box box;
	size_t rule;		/* SPACE_DEFAULT for the default deny */
};

struct query {
	VEC(struct part) parts;
};

static int collect_part(void *ctx, const struct space_box *b, size_t rule)
{
	struct query *q = ctx;
	struct part p;

	p.box = *b;
	p.rule = rule;
	vec_push(&q->parts, p);
	return 0;
}

static int cmp_u128(space_u128 a, space_u128 b)
{
	return a < b ? -1 : a > b;
}

/* Order: rule (default last), group, ports, then `first` dimension, then the other. */
static int part_cmp_dst_last(const void *x, const void *y)
{
	const struct part *a = x, *b = y;
	int c;

	if (a->rule != b->rule)
		return a->rule < b->rule ? -1 : 1;
	if (a->box.group != b->box.group)
		return a->box.group < b->box.group ? -1 : 1;
	if (a->box.plo != b->box.plo)
		return a->box.plo < b->box.plo ? -1 : 1;
	if (a->box.phi != b->box.phi)
		return a->box.phi < b->box.phi ? -1 : 1;
	if ((c = cmp_u128(a->box.slo, b->box.slo)) || (c = cmp_u128(a->box.shi, b->box.shi)))
		return c;
	return cmp_u128(a->box.dlo, b->box.dlo);
}

static int part_cmp_src_last(const void *x, const void *y)
{
	const struct part *a = x, *b = y;
	int c;

	if (a->rule != b->rule)
		return a->rule < b->rule ? -1 : 1;
	if (a->box.group != b->box.group)
		return a->box.group < b->box.group ? -1 : 1;
	if (a->box.plo != b->box.plo)
		return a->box.plo < b->box.plo ? -1 : 1;
	if (a->box.phi != b->box.phi)
		return a->box.phi < b->box.phi ? -1 : 1;
	if ((c = cmp_u128(a->box.dlo, b->box.dlo)) || (c = cmp_u128(a->box.dhi, b->box.dhi)))
		return c;
	return cmp_u128(a->box.slo, b->box.slo);
}

static bool same_but(const struct part *a, const struct part *b)
{
	return a->rule == b->rule && a->box.group == b->box.group && a->box.plo == b->box.plo &&
	       a->box.phi == b->box.phi;
}

/* Merge parts adjacent in one address dimension, then in the other, then in ports. */
static void merge_parts(struct query *q)
{
	size_t i, o;
	int pass;

	for (pass = 0; pass < 2; pass++) {
		if (q->parts.nr < 2)
			return;
		qsort(q->parts.items, q->parts.nr, sizeof(*q->parts.items),
		      pass == 0 ? part_cmp_dst_last : part_cmp_src_last);
		for (i = 1, o = 0; i < q->parts.nr; i++) {
			struct part *a = &q->parts.items[o], *b = &q->parts.items[i];

			if (pass == 0 && same_but(a, b) && a->box.slo == b->box.slo &&
			    a->box.shi == b->box.shi && a->box.dhi + 1 == b->box.dlo)
				a->box.dhi = b->box.dhi;
			else if (pass == 1 && same_but(a, b) && a->box.dlo == b->box.dlo &&
				 a->box.dhi == b->box.dhi && a->box.shi + 1 == b->box.slo)
				a->box.shi = b->box.shi;
			else
				q->parts.items[++o] = *b;
		}
		q->parts.nr = o + 1;
	}
}

/* An address range as a prefix, a bare address, or "lo-hi". */
static void print_range(struct out *o, space_u128 lo, space_u128 hi, int fam)
{
	struct ip_range r;
	struct ip_prefix p[2];
	char a[IP_STRLEN], b[IP_STRLEN];

	r.lo = space_num_addr(lo, fam);
	r.hi = space_num_addr(hi, fam);
	if (lo == hi) {
		ip_addr_format(&r.lo, a);
		out_puts(o, a);
	} else if (ip_range_to_prefixes(&r, p, 2) == 1) {
		ip_prefix_format(&p[0], a);
		out_puts(o, a);
	} else {
		ip_addr_format(&r.lo, a);
		ip_addr_format(&r.hi, b);
		out_printf(o, "%s-%s", a, b);
	}
}

/*
 * A set of ranges of place z: "self", "zone dirty" when it is all the
 * zone owns in that family ("zone dirty (IPv6)"), else the ranges and
 * the zone ("192.0.2.0/24, 198.51.100.7 (dirty)").
 */
static void print_set(struct out *o, const struct space *s, const struct space_range *r,
		      size_t n, int fam, const struct ir_zone *z)
{
	const struct space_range *own;
	size_t nown, i;
	bool whole;

	if (!z) {
		out_puts(o, fam == IP_V6 ? "self (IPv6)" : "self");
		return;
	}
	own = space_owned(s, z, fam, &nown);
	whole = nown == n;
	for (i = 0; i < n && whole; i++)
		whole = own[i].lo == r[i].lo && own[i].hi == r[i].hi;
	if (whole) {
		out_printf(o, "zone %s%s", z->name, fam == IP_V6 ? " (IPv6)" : "");
		return;
	}
	for (i = 0; i < n; i++) {
		if (i)
			out_puts(o, ", ");
		print_range(o, r[i].lo, r[i].hi, fam);
	}
	out_printf(o, " (%s)", z->name);
}

struct row {
	size_t rule;
	uint32_t group;
	uint16_t plo, phi;
	struct space_range *src, *dst;
	size_t nr_src, nr_dst;
};

static bool same_ranges(const struct space_range *a, size_t na, const struct space_range *b,
			size_t nb)
{
	size_t i;

	if (na != nb)
		return false;
	for (i = 0; i < na; i++)
		if (a[i].lo != b[i].lo || a[i].hi != b[i].hi)
			return false;
	return true;
}

static void push_range(struct space_range **v, size_t *n, space_u128 lo, space_u128 hi)
{
	*v = xrealloc(*v, (*n + 1) * sizeof(**v));
	(*v)[*n].lo = lo;
	(*v)[*n].hi = hi;
	(*n)++;
}

/*
 * Rows: parts with the same rule, group, ports and destination range
 * share a row with the list of their source ranges; then rows with the
 * same rule, group, ports and source list share their destinations.
 */
static void print_parts(struct out *o, const struct space *s, const struct ir_firewall *fw,
			const struct compilation *c, const char *file, const char *real,
			struct query *q)
{
	VEC(struct row) rows = { NULL, 0, 0 };
	size_t i, k;

	qsort(q->parts.items, q->parts.nr, sizeof(*q->parts.items), part_cmp_src_last);
	for (i = 0; i < q->parts.nr; i++) {
		const struct part *p = &q->parts.items[i];
		struct row *r = rows.nr ? &rows.items[rows.nr - 1] : NULL;

		if (!r || r->rule != p->rule || r->group != p->box.group || r->plo != p->box.plo ||
		    r->phi != p->box.phi || r->dst[0].lo != p->box.dlo || r->dst[0].hi != p->box.dhi) {
			struct row nr;

			memset(&nr, 0, sizeof(nr));
			nr.rule = p->rule;
			nr.group = p->box.group;
			nr.plo = p->box.plo;
			nr.phi = p->box.phi;
			push_range(&nr.dst, &nr.nr_dst, p->box.dlo, p->box.dhi);
			vec_push(&rows, nr);
			r = &rows.items[rows.nr - 1];
		}
		push_range(&r->src, &r->nr_src, p->box.slo, p->box.shi);
	}
	/* Rows are in (rule, group, ports, dst) order: fold equal source lists. */
	for (i = 0, k = 0; i < rows.nr; i++) {
		struct row *a = k ? &rows.items[k - 1] : NULL, *b = &rows.items[i];
		size_t j;

		for (j = k; a && j-- > 0;) {
			struct row *x = &rows.items[j];

			if (x->rule != b->rule || x->group != b->group || x->plo != b->plo ||
			    x->phi != b->phi)
				break;
			if (same_ranges(x->src, x->nr_src, b->src, b->nr_src)) {
				a = x;
				break;
			}
			if (j == 0)
				a = NULL;
		}
		if (a && a->rule == b->rule && a->group == b->group && a->plo == b->plo &&
		    a->phi == b->phi && same_ranges(a->src, a->nr_src, b->src, b->nr_src)) {
			push_range(&a->dst, &a->nr_dst, b->dst[0].lo, b->dst[0].hi);
			free(b->src);
			free(b->dst);
		} else {
			rows.items[k++] = *b;
		}
	}
	rows.nr = k;
	for (i = 0; i < rows.nr; i++) {
		const struct row *r = &rows.items[i];
		const struct ir_zone *sz, *dz;
		uint8_t proto;
		int fam;

		space_group_info(s, r->group, &fam, &sz, &dz, &proto);
		if (r->rule == SPACE_DEFAULT) {
			out_puts(o, "deny: the default deny");
		} else {
			const struct ir_rule *rule = &fw->rules[r->rule];
			const struct source_file *sf = source_get(&c->src, rule->at.file);
			struct source_pos pos = source_locate(&c->src, rule->at.file, rule->at.begin);
			const char *name = sf ? sf->name : "?";

			if (real && strcmp(name, real) == 0)
				name = file;
			out_printf(o, "%s: rule %zu (%s:%u)", ir_action_name(rule->action), r->rule + 1,
				   name, pos.line);
		}
		out_printf(o, " for %s ", ir_proto_name(proto));
		if (r->plo == r->phi)
			out_printf(o, "%u", (unsigned)r->plo);
		else
			out_printf(o, "%u-%u", (unsigned)r->plo, (unsigned)r->phi);
		out_puts(o, " from ");
		print_set(o, s, r->src, r->nr_src, fam, sz);
		out_puts(o, " to ");
		print_set(o, s, r->dst, r->nr_dst, fam, dz);
		out_puts(o, "\n");
		free(r->src);
		free(r->dst);
	}
	vec_release(&rows);
}

/* The description's text as a .mg string literal (without quotes). */
static void mg_string(struct out *o, const char *s)
{
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			out_putc(o, '\\');
		out_putc(o, *s);
	}
}

/* Keep errors only, dropping the verdict on the query's own assert. */
static size_t keep_errors(struct diag_sink *d, uint32_t qfile)
{
	size_t i, k = 0, t;

	for (i = 0; i < d->nr; i++) {
		struct diag *dg = &d->items[i];

		if (dg->severity == DIAG_ERROR &&
		    !(dg->code == DIAG_ASSERT && dg->at.file == qfile)) {
			d->items[k++] = *dg;
			continue;
		}
		for (t = 0; t < dg->nr_notes; t++)
			free(dg->notes[t].msg);
		free(dg->notes);
		free(dg->msg);
	}
	d->nr = k;
	d->nr_errors = k;
	d->nr_warnings = 0;
	return k;
}

static int run(const char *file, const char *device, const char *text,
	       const struct compile_opts *co)
{
	struct compilation c1, c2;
	const struct ir_firewall *fw = NULL;
	struct out src = OUT_INIT, out = OUT_INIT;
	struct query q;
	struct space *s;
	struct space_region r = SPACE_REGION_INIT;
	const struct ir_assert *a = NULL;
	char *real;
	uint32_t qfile = 0;
	size_t i, n;
	int rc;

	compile_init(&c1);
	c1.diag.max_errors = 50;
	rc = compile_file(&c1, file, co);
	if (rc != 0) {
		diag_sort(&c1.diag);
		diag_render_text(&c1.diag, stderr);
		compile_release(&c1);
		return rc;
	}
	if (device) {
		fw = ir_find_firewall(c1.model, device);
		if (!fw) {
			fprintf(stderr, "mgc query: no firewall named '%s' in '%s'\n", device, file);
			compile_release(&c1);
			return EXIT_USAGE;
		}
	} else if (c1.model->nr_firewalls == 1) {
		fw = &c1.model->firewalls[0];
	} else {
		fprintf(stderr, "mgc query: '%s' has %s firewalls (pick one with --device)\n", file,
			c1.model->nr_firewalls ? "several" : "no");
		compile_release(&c1);
		return EXIT_USAGE;
	}
	device = fw->name;
	real = realpath(file, NULL);
	if (!real) {
		fprintf(stderr, "mgc query: cannot resolve '%s'\n", file);
		compile_release(&c1);
		return EXIT_USAGE;
	}
	out_puts(&src, "import \"");
	mg_string(&src, real);
	out_printf(&src, "\";\nassert %s allow\n", device);
	n = strlen(text);
	while (n && (text[n - 1] == ';' || text[n - 1] == ' ' || text[n - 1] == '\n'))
		n--;
	out_write(&src, text, n);
	out_puts(&src, ";\n");

	compile_init(&c2);
	c2.diag.max_errors = 50;
	rc = compile_text(&c2, "<query>", src.buf, src.len, co);
	out_release(&src);
	for (i = 1; i < c2.src.nr; i++)
		if (strcmp(source_get(&c2.src, (uint32_t)i)->name, "<query>") == 0)
			qfile = (uint32_t)i;
	if (keep_errors(&c2.diag, qfile) || !c2.model) {
		diag_sort(&c2.diag);
		diag_render_text(&c2.diag, stderr);
		free(real);
		compile_release(&c2);
		compile_release(&c1);
		return 1;
	}
	(void)rc;
	for (i = 0; i < c2.model->nr_asserts; i++)
		if (c2.model->asserts[i].at.file == qfile)
			a = &c2.model->asserts[i];
	if (!a || !a->fw)
		BUG("the query's assert is missing");
	fw = a->fw;
	s = space_build(fw);
	space_region_add(s, &a->src, &a->dst, a->match, a->nr_match, &r);
	memset(&q, 0, sizeof(q));
	space_walk(s, &r, 0, fw->nr_rules, collect_part, &q, NULL);
	merge_parts(&q);
	if (!q.parts.nr)
		out_printf(&out, "no packets: the class is empty for firewall '%s' (its zones are "
			   "not reached through the firewall's interfaces)\n", fw->name);
	print_parts(&out, s, fw, &c2, file, real, &q);
	if (out.len)
		fwrite(out.buf, 1, out.len, stdout);
	rc = fflush(stdout) == 0 ? 0 : EXIT_USAGE;
	out_release(&out);
	vec_release(&q.parts);
	space_region_release(&r);
	space_free(s);
	free(real);
	compile_release(&c2);
	compile_release(&c1);
	return rc;
}

int query_main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "device", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	VEC(const char *) include = { NULL, 0, 0 };
	const char *device = NULL, *args[2];
	struct compile_opts co;
	size_t nargs = 0;
	int c, rc;

	opterr = 0;
	optind = 1;
	/* '-' first: positional arguments come back as 1, in order. */
	while ((c = getopt_long(argc, argv, "-:I:h", longopts, NULL)) != -1) {
		switch (c) {
		case 1:
			if (nargs == 2) {
				vec_release(&include);
				return usage("unexpected argument '%s'", optarg);
			}
			args[nargs++] = optarg;
			break;
		case 'I': vec_push(&include, optarg); break;
		case 'd': device = optarg; break;
		case 'h':
			fputs(query_usage, stdout);
			vec_release(&include);
			return EXIT_OK;
		case ':':
			vec_release(&include);
			return usage("option '%s' needs an argument", argv[optind - 1]);
		default:
			vec_release(&include);
			return usage("unknown option '%s'", argv[optind - 1]);
		}
	}
	if (nargs < 2) {
		vec_release(&include);
		return usage("%s", nargs ? "no query (write it as 'SERVICES from A to B')"
				      : "no input file");
	}
	if (strcmp(args[0], "-") == 0) {
		vec_release(&include);
		return usage("%s", "the description must be a file, not standard input");
	}
	memset(&co, 0, sizeof(co));
	co.include_dirs = include.items;
	co.nr_include_dirs = include.nr;
	rc = run(args[0], device, args[1], &co);
	vec_release(&include);
	return rc;
}
