/*
 * bench/phases: time the phases of one compilation without changing the
 * driver.  Built by bench/run.sh against $O/libmgc.a.
 *
 *   phases FILE TARGET
 *
 * Prints one line of CPU seconds (the process CPU clock, so that a busy
 * machine does not distort them): "compile S analysis S emit S ...",
 * where compile
 * is compile_file() as mgc runs it (read, parse, expand, check, lower
 * and every analysis), analysis is the shadow and assert analyses run
 * again on the same model (so "compile - analysis" is the front end
 * plus the other analyses), and emit is the TARGET backend on the
 * model.  The stdlib is ./stdlib (run from the top of the tree) or
 * $MGC_STDLIB_DIR.  Errors in the description (shadowed rules are errors) do not
 * stop the timing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "analyze/analyze.h"
#include "analyze/space.h"
#include "backend.h"
#include "compile.h"
#include "emit.h"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	struct compilation c;
	struct compile_opts co;
	struct diag_sink d;
	struct analyze_opts ao;
	const struct backend *b;
	struct emit_ctx e;
	struct out o = OUT_INIT;
	double t0, t1, t2, t3, t4;
	size_t boxes = 0, f;

	if (argc != 3) {
		fprintf(stderr, "usage: phases FILE TARGET\n");
		return 2;
	}
	b = strcmp(argv[2], "-") == 0 ? NULL : backend_find(argv[2]);
	if (!b && strcmp(argv[2], "-") != 0) {
		fprintf(stderr, "phases: no target '%s'\n", argv[2]);
		return 2;
	}
	memset(&co, 0, sizeof(co));
	co.stdlib_dir = getenv("MGC_STDLIB_DIR") ? getenv("MGC_STDLIB_DIR") : "stdlib";
	compile_init(&c);
	t0 = now();
	compile_file(&c, argv[1], &co);
	t1 = now();
	if (!c.model) {
		fprintf(stderr, "phases: '%s' did not lower\n", argv[1]);
		compile_release(&c);
		return 1;
	}
	diag_init(&d, &c.src);
	memset(&ao, 0, sizeof(ao));
	t2 = now();
	analyze_shadow(c.model, &d, &ao);
	analyze_asserts(c.model, &d, &ao);
	t3 = now();
	memset(&e, 0, sizeof(e));
	e.model = c.model;
	e.diag = &d;
	e.source_name = argv[1];
	if (c.model->nr_firewalls)
		e.fw = &c.model->firewalls[0];
	if (c.model->nr_relays)
		e.relay = &c.model->relays[0];
	if (c.model->nr_profiles)
		e.profile = &c.model->profiles[0];
	if (b)
		b->emit(&e, &o);
	t4 = now();
	for (f = 0; f < c.model->nr_firewalls; f++) {
		struct space *s = space_build(&c.model->firewalls[f]);

		boxes += space_nr_boxes(s);
		space_free(s);
	}
	printf("compile %.3f analysis %.3f emit %.3f boxes %zu diags %zu out %zu\n", t1 - t0,
	       t3 - t2, t4 - t3, boxes, d.nr, o.len);
	out_release(&o);
	diag_release(&d);
	compile_release(&c);
	return 0;
}
