/*
 * backend_find() and backend_list() over backends.def.
 */
#include "backend.h"

#include <string.h>

static const struct backend *const all[] = {
#define BACKEND(id) &backend_##id,
#include "backends.def"
#undef BACKEND
};

const struct backend *backend_find(const char *name)
{
	size_t i;

	for (i = 0; i < countof(all); i++)
		if (strcmp(all[i]->name, name) == 0)
			return all[i];
	return NULL;
}

const struct backend *const *backend_list(size_t *n)
{
	*n = countof(all);
	return all;
}
