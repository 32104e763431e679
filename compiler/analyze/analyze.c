/*
 * analyze_model(): run the analyses of analyses.def.
 */
#include "analyze.h"

void analyze_model(const struct ir_model *m, struct diag_sink *d, const struct analyze_opts *o)
{
	(void)m;
	(void)d;
	(void)o;
#define ANALYSIS(id) analyze_##id(m, d, o);
#include "analyses.def"
#undef ANALYSIS
}
