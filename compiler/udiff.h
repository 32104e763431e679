/*
 * Unified diff of two texts, for --diff: the same hunks `diff -u`
 * prints (three lines of context), computed with Myers' O(ND)
 * algorithm on lines after trimming the common head and tail.
 */
#ifndef MGC_UDIFF_H
#define MGC_UDIFF_H

#include <stddef.h>

struct out;

/*
 * Append to `out` the diff turning a into b, with "--- a_name" and
 * "+++ b_name" headers.  Returns 0 when the texts are equal (nothing is
 * appended), 1 when they differ.
 */
int udiff(const char *a, size_t alen, const char *b, size_t blen, const char *a_name,
	  const char *b_name, struct out *out);

#endif
