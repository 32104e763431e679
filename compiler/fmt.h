/*
 * `mgc fmt`: one canonical layout for .mg files.  The formatter works
 * on the token stream (comments included), so it cannot change what a
 * file means: the tokens out are the tokens in, only the whitespace
 * between them changes.  Files with syntax errors are refused.
 */
#ifndef MGC_FMT_H
#define MGC_FMT_H

#include <stddef.h>

struct out;

/*
 * Format `text` (len bytes) into `out`.  The result is canonical:
 * formatting it again gives the same bytes.
 */
void fmt_text(const char *text, size_t len, struct out *out);

/* `mgc fmt [-w|--check] FILE...`; argv[0] is "fmt".  Returns the exit status. */
int fmt_main(int argc, char **argv);

#endif
