/*
 * The backend interface.  A backend turns the checked IR into one
 * output format, into memory (struct out); the driver writes it.  Each
 * backend is one file ending with its `const struct backend` and one
 * line in backends.def, which is the registry.  Backends see ir.h and
 * emit.h only, never the AST.  Problems found while emitting (a
 * comment that cannot be quoted, a rule that cannot apply to a family)
 * are diagnostics; when emit returns non-zero or errors were recorded,
 * nothing is written.
 */
#ifndef MGC_BACKEND_H
#define MGC_BACKEND_H

#include <stddef.h>

#include "../compiler/diag.h"
#include "../compiler/ir.h"
#include "emit.h"

/* What --device must select for a backend. */
enum backend_device {
	DEVICE_NONE,		/* the whole model */
	DEVICE_FIREWALL,
	DEVICE_RELAY,
	DEVICE_PROFILE
};

struct emit_ctx {
	const struct ir_model *model;
	struct diag_sink *diag;
	const char *source_name;		/* for the header line */
	const char *format;			/* --format, or NULL */
	/* The selected device, per the backend's `device`. */
	const struct ir_firewall *fw;
	const struct ir_relay *relay;
	const struct ir_profile *profile;
};

struct backend {
	const char *name;		/* the -t argument */
	const char *summary;		/* one line for --list-targets */
	enum backend_device device;
	const char *formats;		/* accepted --format values ("text,csv"), or NULL */
	int (*emit)(const struct emit_ctx *ctx, struct out *out);
};

#define BACKEND(id) extern const struct backend backend_##id;
#include "backends.def"
#undef BACKEND

const struct backend *backend_find(const char *name);
/* All registered backends, in backends.def order; *n gets the count. */
const struct backend *const *backend_list(size_t *n);

#endif
