/*
 * Small helpers every module uses: checked allocation, fatal errors and
 * printf-format annotations.  All heap allocation in mgc goes through
 * xmalloc()/xrealloc() so that a test build can inject failures
 * (MGC_FAIL_ALLOC_AFTER=N makes the Nth allocation fail).  Allocation
 * failure is not a user error: it ends the run with exit status 2.
 */
#ifndef MGC_UTIL_H
#define MGC_UTIL_H

#include <stddef.h>

#if defined(__GNUC__)
#define MG_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define MG_NORETURN __attribute__((noreturn))
#else
#define MG_PRINTF(f, a)
#define MG_NORETURN
#endif

#define countof(a) (sizeof(a) / sizeof((a)[0]))

#define MGC_VERSION "0.1.0"

/* Exit statuses (SPEC section 4). */
enum {
	EXIT_OK = 0,		/* success */
	EXIT_ERRORS = 1,	/* the description has errors, or --diff differs */
	EXIT_USAGE = 2		/* usage, I/O or resource error */
};

void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
MG_PRINTF(1, 2) char *xasprintf(const char *fmt, ...);

/* Grow *p (holding *alloc elements of size elem) so that it holds at least n. */
void *grow_array(void *p, size_t elem, size_t n, size_t *alloc);

/* Print "mgc: fatal: ..." to stderr and exit with EXIT_USAGE. */
MG_PRINTF(1, 2) MG_NORETURN void die(const char *fmt, ...);
/* An invariant was violated: a bug in mgc, never a user error. */
#define BUG(...) bug_at(__FILE__, __LINE__, __VA_ARGS__)
MG_PRINTF(3, 4) MG_NORETURN void bug_at(const char *file, int line, const char *fmt, ...);

/*
 * Called by die() before exiting, so the driver can remove a temporary
 * output file.  At most one hook; NULL clears it.
 */
void util_set_die_hook(void (*hook)(void));

#endif
