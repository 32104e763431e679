/*
 * Atomic file replacement.  See atomic.h.
 */
#define _XOPEN_SOURCE 700	/* fchmod() */
#include "atomic.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

static char *tmp_path;

static void remove_tmp(void)
{
	if (tmp_path) {
		unlink(tmp_path);
		free(tmp_path);
		tmp_path = NULL;
	}
}

/*
 * Write buf to path: a temporary file in the same directory, fsync,
 * the old file's permissions (or 0666 & ~umask), then rename().
 */
int write_atomic(const char *path, const char *buf, size_t len)
{
	char *copy = xstrdup(path), *dir;
	struct stat st;
	mode_t mode;
	int fd, dfd;
	size_t done = 0;

	dir = dirname(copy);
	tmp_path = xasprintf("%s/.mgc-tmp-XXXXXX", dir);
	util_set_die_hook(remove_tmp);
	fd = mkstemp(tmp_path);
	if (fd < 0) {
		fprintf(stderr, "mgc: cannot create a file in '%s': %s\n", dir, strerror(errno));
		free(tmp_path);
		tmp_path = NULL;
		free(copy);
		return -1;
	}
	if (stat(path, &st) == 0) {
		mode = st.st_mode & 07777;
	} else {
		mode_t um = umask(0);

		umask(um);
		mode = 0666 & ~um;
	}
	while (done < len) {
		ssize_t n = write(fd, buf + done, len - done);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		done += (size_t)n;
	}
	if (fchmod(fd, mode) < 0 || fsync(fd) < 0)
		goto fail;
	if (close(fd) < 0) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (rename(tmp_path, path) < 0)
		goto fail;
	free(tmp_path);
	tmp_path = NULL;
	util_set_die_hook(NULL);
	dfd = open(dir, O_RDONLY | O_DIRECTORY);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	free(copy);
	return 0;
fail:
	fprintf(stderr, "mgc: cannot write '%s': %s (the old file is unchanged)\n", path,
		strerror(errno));
	if (fd >= 0)
		close(fd);
	remove_tmp();
	util_set_die_hook(NULL);
	free(copy);
	return -1;
}

