/*
 * Analyses over the IR, run after lowering when the model is free of
 * errors.  Each analysis is one file in compiler/analyze/ exporting
 * `void analyze_NAME(const struct ir_model *, struct diag_sink *,
 * const struct analyze_opts *)` and one line in analyses.def, which is
 * the registry (the same pattern as backends/backends.def).  Analyses
 * only report; they never change the model.
 */
#ifndef MGC_ANALYZE_H
#define MGC_ANALYZE_H

#include "../diag.h"
#include "../ir.h"

struct analyze_opts {
	const char *services_file;	/* --services-file, or NULL */
};

#define ANALYSIS(id) \
	void analyze_##id(const struct ir_model *m, struct diag_sink *d, const struct analyze_opts *o);
#include "analyses.def"
#undef ANALYSIS

/* Run every registered analysis in analyses.def order. */
void analyze_model(const struct ir_model *m, struct diag_sink *d, const struct analyze_opts *o);

#endif
