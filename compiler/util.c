/*
 * Checked allocation and fatal errors.  See util.h.
 */
#include "util.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void (*die_hook)(void);

/*
 * Allocation-failure injection for tests: MGC_FAIL_ALLOC_AFTER=N makes
 * the (N+1)th allocation fail.  Read once, on the first allocation.
 */
static long fail_after = -2;	/* -2: not read yet; -1: disabled */
static long nr_allocs;

static int alloc_should_fail(void)
{
	if (fail_after == -2) {
		const char *v = getenv("MGC_FAIL_ALLOC_AFTER");
		fail_after = v && *v ? strtol(v, NULL, 10) : -1;
	}
	if (fail_after < 0)
		return 0;
	return nr_allocs++ >= fail_after;
}

static MG_NORETURN void out_of_memory(size_t size)
{
	die("out of memory (allocating %zu bytes)", size);
}

void *xmalloc(size_t size)
{
	void *p;

	if (alloc_should_fail())
		out_of_memory(size);
	p = malloc(size ? size : 1);
	if (!p)
		out_of_memory(size);
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p;

	if (size && n > (size_t)-1 / size)
		out_of_memory((size_t)-1);
	if (alloc_should_fail())
		out_of_memory(n * size);
	p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		out_of_memory(n * size);
	return p;
}

void *xrealloc(void *p, size_t size)
{
	void *q;

	if (alloc_should_fail())
		out_of_memory(size);
	q = realloc(p, size ? size : 1);
	if (!q)
		out_of_memory(size);
	return q;
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	int n;
	char *p;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		BUG("vsnprintf failed");
	p = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

void *grow_array(void *p, size_t elem, size_t n, size_t *alloc)
{
	size_t want;

	if (n <= *alloc)
		return p;
	want = *alloc ? *alloc : 8;
	while (want < n) {
		if (want > ((size_t)-1 / 2) / elem)
			out_of_memory((size_t)-1);
		want *= 2;
	}
	p = xrealloc(p, want * elem);
	*alloc = want;
	return p;
}

void util_set_die_hook(void (*hook)(void))
{
	die_hook = hook;
}

void die(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fputs("mgc: fatal: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (die_hook) {
		void (*hook)(void) = die_hook;

		die_hook = NULL;
		hook();
	}
	exit(EXIT_USAGE);
}

void bug_at(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "mgc: BUG: %s:%d: ", file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}
