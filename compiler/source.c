/*
 * The source table.  See source.h.
 *
 * Each file's line table is built once, when the file is added: one
 * memchr() pass counts the newlines, a second records where each line
 * starts.  Every '\n' starts a new line, so a text ending in a newline
 * has a last, empty line (where an end-of-file token sits).  Locating
 * an offset is a binary search for its line and a scan of that line's
 * bytes for the columns.
 */
#include "source.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "util.h"

/*
 * Offsets are uint32_t and a span may end at len, so len must fit; the
 * margin keeps read_all()'s limit + 2 from overflowing a 32-bit size_t.
 */
#define SOURCE_MAX_LEN ((size_t)UINT32_MAX - 2)

static void build_lines(struct source_file *f)
{
	const char *p = f->text, *end = f->text + f->len;
	size_t n = 1;

	while (p < end && (p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		n++;
		p++;
	}
	f->line_start = xmalloc(n * sizeof(*f->line_start));
	f->line_start[0] = 0;
	f->nlines = 1;
	p = f->text;
	while (p < end && (p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		p++;
		f->line_start[f->nlines++] = (uint32_t)(p - f->text);
	}
}

static void add_file(struct source_table *t, char *name, char *text, size_t len)
{
	struct source_file *f;

	t->files = grow_array(t->files, sizeof(*t->files), t->nr + 1, &t->alloc);
	f = &t->files[t->nr++];
	f->name = name;
	f->text = text;
	f->len = len;
	build_lines(f);
}

uint32_t source_add(struct source_table *t, const char *name, char *text, size_t len)
{
	if (len > SOURCE_MAX_LEN)
		BUG("source text of %zu bytes is too large for a span", len);
	if (t->nr >= UINT32_MAX)
		BUG("too many source files");
	if (t->nr == 0)
		add_file(t, xstrdup(""), xstrdup(""), 0);	/* the "no location" slot */
	add_file(t, xstrdup(name), text, len);
	return (uint32_t)(t->nr - 1);
}

/*
 * Read all of fd into a heap buffer with a NUL after the data.  `hint`
 * is the expected size (0 when unknown); the buffer has room for one
 * byte more than that, so reading a regular file needs no reallocation
 * to see its end.  Returns NULL with errno set.
 */
static char *read_all(int fd, size_t hint, size_t limit, size_t *len)
{
	size_t alloc = hint < limit ? hint + 2 : limit + 2, n = 0;
	char *buf;

	if (alloc < 4096)
		alloc = 4096;
	buf = xmalloc(alloc);
	for (;;) {
		ssize_t r;

		if (n + 1 == alloc) {
			if (n > limit) {
				free(buf);
				errno = EFBIG;
				return NULL;
			}
			alloc = alloc > limit / 2 ? limit + 2 : alloc * 2;
			buf = xrealloc(buf, alloc);
		}
		r = read(fd, buf + n, alloc - 1 - n);
		if (r < 0) {
			int e = errno;

			if (e == EINTR)
				continue;
			free(buf);
			errno = e;
			return NULL;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	if (n > limit) {
		free(buf);
		errno = EFBIG;
		return NULL;
	}
	buf[n] = '\0';
	*len = n;
	return buf;
}

/*
 * A max_bytes of 0 means no limit but the 4 GiB one that spans impose.
 * A regular file that is too large is refused before it is read; other
 * input (a pipe, a terminal) is refused once it has delivered too much.
 */
uint32_t source_read(struct source_table *t, const char *path, size_t max_bytes)
{
	size_t limit = max_bytes && max_bytes < SOURCE_MAX_LEN ? max_bytes : SOURCE_MAX_LEN;
	int is_stdin = strcmp(path, "-") == 0;
	size_t hint = 0, len = 0;
	struct stat st;
	char *text;
	int fd;

	if (is_stdin) {
		fd = STDIN_FILENO;
	} else {
		do
			fd = open(path, O_RDONLY);
		while (fd < 0 && errno == EINTR);
		if (fd < 0)
			return 0;
	}
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
		if ((unsigned long long)st.st_size > limit) {
			if (!is_stdin)
				close(fd);
			errno = EFBIG;
			return 0;
		}
		hint = (size_t)st.st_size;
	}
	text = read_all(fd, hint, limit, &len);
	if (!is_stdin) {
		int e = errno;

		close(fd);
		errno = e;
	}
	if (!text)
		return 0;
	return source_add(t, is_stdin ? "<stdin>" : path, text, len);
}

const struct source_file *source_get(const struct source_table *t, uint32_t id)
{
	return id < t->nr ? &t->files[id] : NULL;
}

/*
 * Length of the well-formed UTF-8 sequence at s (at most n bytes), or 0
 * when the byte at s does not start one.
 */
static size_t utf8_seq_len(const unsigned char *s, size_t n)
{
	uint32_t c;
	size_t len, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] < 0xc2)
		return 0;
	if (s[0] < 0xe0) {
		len = 2;
		c = s[0] & 0x1f;
	} else if (s[0] < 0xf0) {
		len = 3;
		c = s[0] & 0x0f;
	} else if (s[0] < 0xf5) {
		len = 4;
		c = s[0] & 0x07;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3f);
	}
	if ((len == 3 && c < 0x800) || (len == 4 && c < 0x10000) ||
	    c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	return len;
}

/* Index of the line holding `offset`: the last line starting at or before it. */
static size_t line_index(const struct source_file *f, uint32_t offset)
{
	size_t lo = 0, hi = f->nlines;	/* line_start[lo] <= offset < line_start[hi] */

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (f->line_start[mid] <= offset)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

struct source_pos source_locate(const struct source_table *t, uint32_t id, uint32_t offset)
{
	const struct source_file *f = source_get(t, id);
	struct source_pos pos = { 0, 0, 0, 0 };
	const unsigned char *s;
	size_t li, i, end;
	unsigned col = 0, cp = 0;

	if (!f)
		return pos;
	if (offset > f->len)
		offset = (uint32_t)f->len;
	li = line_index(f, offset);
	s = (const unsigned char *)f->text;
	i = f->line_start[li];
	end = offset;
	while (i < end) {
		size_t n;

		if (s[i] < 0x80) {
			col = s[i] == '\t' ? (col / 8 + 1) * 8 : col + 1;
			i++;
		} else {
			n = utf8_seq_len(s + i, f->len - i);
			if (n == 0)
				n = 1;
			if (i + n > end)
				break;	/* offset is inside this character */
			col++;
			i += n;
		}
		cp++;
	}
	pos.line = (unsigned)(li + 1);
	pos.col = col + 1;
	pos.col_cp = cp + 1;
	pos.col_byte = (unsigned)(offset - f->line_start[li]) + 1;
	return pos;
}

const char *source_line(const struct source_table *t, uint32_t id, unsigned line, size_t *len)
{
	const struct source_file *f = source_get(t, id);
	size_t b, e;

	*len = 0;
	if (!f || line == 0 || line > f->nlines)
		return NULL;
	b = f->line_start[line - 1];
	e = line < f->nlines ? f->line_start[line] - 1 : f->len;	/* at the '\n' */
	if (e > b && f->text[e - 1] == '\r')
		e--;
	*len = e - b;
	return f->text + b;
}

void source_release(struct source_table *t)
{
	size_t i;

	for (i = 0; i < t->nr; i++) {
		free(t->files[i].name);
		free(t->files[i].text);
		free(t->files[i].line_start);
	}
	free(t->files);
	t->files = NULL;
	t->nr = t->alloc = 0;
}
