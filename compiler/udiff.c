/*
 * Unified diff.  See udiff.h.
 */
#include "udiff.h"

#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "util.h"

struct line {
	const char *s;
	size_t n;		/* without the newline */
	int nl;			/* ends with a newline */
};

static struct line *split(const char *t, size_t len, size_t *nr)
{
	struct line *v = NULL;
	size_t alloc = 0, n = 0, i = 0;

	while (i < len) {
		const char *nl = memchr(t + i, '\n', len - i);
		size_t e = nl ? (size_t)(nl - t) : len;

		v = grow_array(v, sizeof(*v), n + 1, &alloc);
		v[n].s = t + i;
		v[n].n = e - i;
		v[n].nl = nl != NULL;
		n++;
		i = nl ? e + 1 : len;
	}
	*nr = n;
	return v;
}

static int line_eq(const struct line *a, const struct line *b)
{
	return a->n == b->n && a->nl == b->nl && memcmp(a->s, b->s, a->n) == 0;
}

enum op { OP_EQ, OP_DEL, OP_ADD };

/*
 * Myers' greedy algorithm with the full V history, then backtrack.
 * Fine for the differences --diff meets (D small); memory O(D^2).
 */
static enum op *myers(const struct line *a, size_t n, const struct line *b, size_t m,
		      size_t *nops)
{
	size_t max = n + m, off = max + 1, d, k_i;
	long *v = xcalloc(2 * max + 3, sizeof(*v));
	long **trace = NULL;
	size_t ntrace = 0, alloc = 0;
	enum op *ops;
	long x, y, k;
	size_t cnt = 0;

	for (d = 0; d <= max; d++) {
		long *snap;
		int done = 0;

		for (k = -(long)d; k <= (long)d; k += 2) {
			if (k == -(long)d || (k != (long)d && v[off + k - 1] < v[off + k + 1]))
				x = v[off + k + 1];
			else
				x = v[off + k - 1] + 1;
			y = x - k;
			while ((size_t)x < n && (size_t)y < m && line_eq(&a[x], &b[y])) {
				x++;
				y++;
			}
			v[off + k] = x;
			if ((size_t)x >= n && (size_t)y >= m) {
				done = 1;
				break;
			}
		}
		snap = xmalloc((2 * max + 3) * sizeof(*snap));
		memcpy(snap, v, (2 * max + 3) * sizeof(*snap));
		trace = grow_array(trace, sizeof(*trace), ntrace + 1, &alloc);
		trace[ntrace++] = snap;
		if (done)
			break;
	}
	/* Backtrack from (n, m). */
	ops = xmalloc((n + m + 1) * sizeof(*ops));
	x = (long)n;
	y = (long)m;
	for (k_i = ntrace; k_i-- > 0;) {
		long *vv = trace[k_i];
		long dd = (long)k_i, prev_k, prev_x, prev_y;

		k = x - y;
		if (dd == 0) {
			while (x > 0 && y > 0) {
				ops[cnt++] = OP_EQ;
				x--;
				y--;
			}
			break;
		}
		if (k == -dd || (k != dd && trace[k_i - 1][off + k - 1] < trace[k_i - 1][off + k + 1]))
			prev_k = k + 1;
		else
			prev_k = k - 1;
		prev_x = trace[k_i - 1][off + prev_k];
		prev_y = prev_x - prev_k;
		while (x > prev_x && y > prev_y) {
			ops[cnt++] = OP_EQ;
			x--;
			y--;
		}
		if (x == prev_x)
			ops[cnt++] = OP_ADD;
		else
			ops[cnt++] = OP_DEL;
		x = prev_x;
		y = prev_y;
		(void)vv;
	}
	for (k_i = 0; k_i < ntrace; k_i++)
		free(trace[k_i]);
	free(trace);
	free(v);
	/* Reverse into forward order. */
	for (d = 0; d < cnt / 2; d++) {
		enum op t = ops[d];

		ops[d] = ops[cnt - 1 - d];
		ops[cnt - 1 - d] = t;
	}
	*nops = cnt;
	return ops;
}

static void put_line(struct out *o, char tag, const struct line *l)
{
	out_putc(o, tag);
	out_write(o, l->s, l->n);
	out_putc(o, '\n');
	if (!l->nl)
		out_puts(o, "\\ No newline at end of file\n");
}

#define CONTEXT 3

int udiff(const char *a, size_t alen, const char *b, size_t blen, const char *a_name,
	  const char *b_name, struct out *out)
{
	size_t na, nb, head = 0, tail = 0, nops, i;
	struct line *la, *lb;
	enum op *mid, *ops;

	if (alen == blen && memcmp(a, b, alen) == 0)
		return 0;
	la = split(a, alen, &na);
	lb = split(b, blen, &nb);
	while (head < na && head < nb && line_eq(&la[head], &lb[head]))
		head++;
	while (tail < na - head && tail < nb - head &&
	       line_eq(&la[na - 1 - tail], &lb[nb - 1 - tail]))
		tail++;
	mid = myers(la + head, na - head - tail, lb + head, nb - head - tail, &nops);
	ops = xmalloc((head + nops + tail + 1) * sizeof(*ops));
	for (i = 0; i < head; i++)
		ops[i] = OP_EQ;
	memcpy(ops + head, mid, nops * sizeof(*ops));
	for (i = 0; i < tail; i++)
		ops[head + nops + i] = OP_EQ;
	nops += head + tail;
	free(mid);

	out_printf(out, "--- %s\n+++ %s\n", a_name, b_name);
	/* Walk the edit script, grouping changes within 2*CONTEXT into hunks. */
	{
		size_t ai = 0, bi = 0, p = 0;

		while (p < nops) {
			size_t start, end, q, ha, hb, ca = 0, cb = 0, eq_run, sa, sb;

			while (p < nops && ops[p] == OP_EQ) {
				p++;
				ai++;
				bi++;
			}
			if (p >= nops)
				break;
			/* Hunk starts CONTEXT lines before p. */
			start = p >= CONTEXT ? p - CONTEXT : 0;
			sa = ai - (p - start);
			sb = bi - (p - start);
			/* Extend while equal runs are short enough. */
			end = p;
			eq_run = 0;
			for (q = p; q < nops; q++) {
				if (ops[q] == OP_EQ) {
					eq_run++;
					if (eq_run > 2 * CONTEXT)
						break;
				} else {
					eq_run = 0;
					end = q + 1;
				}
			}
			end = end + CONTEXT < nops ? end + CONTEXT : nops;
			for (q = start; q < end; q++) {
				if (ops[q] != OP_ADD)
					ca++;
				if (ops[q] != OP_DEL)
					cb++;
			}
			ha = ca ? sa + 1 : sa;
			hb = cb ? sb + 1 : sb;
			out_printf(out, "@@ -%zu", ha);
			if (ca != 1)
				out_printf(out, ",%zu", ca);
			out_printf(out, " +%zu", hb);
			if (cb != 1)
				out_printf(out, ",%zu", cb);
			out_puts(out, " @@\n");
			ai = sa;
			bi = sb;
			for (q = start; q < end; q++) {
				if (ops[q] == OP_EQ) {
					put_line(out, ' ', &la[ai++]);
					bi++;
				} else if (ops[q] == OP_DEL) {
					put_line(out, '-', &la[ai++]);
				} else {
					put_line(out, '+', &lb[bi++]);
				}
			}
			p = end;
		}
	}
	free(ops);
	free(la);
	free(lb);
	return 1;
}
