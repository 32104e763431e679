/*
 * libFuzzer target: the whole pipeline on arbitrary input.  The input
 * is compiled as a .mg file; when it compiles, every registered backend
 * emits it for every device it applies to.  Everything is released on
 * every path, so LeakSanitizer findings are real.
 *
 *   make fuzz                      (clang, libFuzzer, ASan+UBSan)
 *   build-fuzz/fuzz_mgc -max_total_time=60 CORPUS
 *   build-fuzz/fuzz_yaml -max_total_time=60 CORPUS    (the YAML front end)
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "backend.h"
#include "compile.h"
#include "emit.h"

/* Build with -DFUZZ_YAML for the YAML front end (fuzz_yaml). */
#ifdef FUZZ_YAML
#define FUZZ_NAME "fuzz.yaml"
#else
#define FUZZ_NAME "fuzz.mg"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void emit_all(struct compilation *c)
{
	const struct backend *const *all;
	size_t n, i, k, count;

	all = backend_list(&n);
	for (i = 0; i < n; i++) {
		const struct backend *b = all[i];

		count = b->device == DEVICE_FIREWALL ? c->model->nr_firewalls :
			b->device == DEVICE_RELAY ? c->model->nr_relays :
			b->device == DEVICE_PROFILE ? c->model->nr_profiles : 1;
		for (k = 0; k < count; k++) {
			struct emit_ctx e;
			struct out out = OUT_INIT;

			memset(&e, 0, sizeof(e));
			e.model = c->model;
			e.diag = &c->diag;
			e.source_name = FUZZ_NAME;
			if (b->device == DEVICE_FIREWALL)
				e.fw = &c->model->firewalls[k];
			else if (b->device == DEVICE_RELAY)
				e.relay = &c->model->relays[k];
			else if (b->device == DEVICE_PROFILE)
				e.profile = &c->model->profiles[k];
			b->emit(&e, &out);
			out_release(&out);
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct compilation c;
	struct compile_opts o;

	memset(&o, 0, sizeof(o));
	o.no_mgc_path = 1;
	compile_init(&c);
	if (compile_text(&c, FUZZ_NAME, (const char *)data, size, &o) == 0 && c.model)
		emit_all(&c);
	compile_release(&c);
	return 0;
}
