/*
 * Writing an output file atomically: a temporary file in the same
 * directory, fsync, the old file's permissions (or 0666 & ~umask), then
 * rename() over the target and fsync the directory.  If anything fails
 * the old file is untouched and the temporary file removed (also when
 * mgc dies on the way, through util_set_die_hook()).
 */
#ifndef MGC_ATOMIC_H
#define MGC_ATOMIC_H

#include <stddef.h>

/* Returns 0, or -1 after printing "mgc: cannot write ..." to stderr. */
int write_atomic(const char *path, const char *buf, size_t len);

#endif
