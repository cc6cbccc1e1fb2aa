/* Bounded line reading over the reader. */
#include <string.h>

#include "io/lines.h"

void
lines_init(struct lines *l, struct reader *rd, size_t max)
{
	memset(l, 0, sizeof(*l));
	l->rd = rd;
	l->max = max;
}

/* Drop the rest of an overlong line, up to and including its newline. */
static void
skip_rest(struct lines *l)
{
	const uint8_t *p;
	size_t avail;

	while ((avail = reader_peek(l->rd, 1, &p)) > 0) {
		const uint8_t *nl = memchr(p, '\n', avail);

		if (nl != NULL) {
			reader_consume(l->rd, (size_t)(nl - p) + 1);
			return;
		}
		reader_consume(l->rd, avail);
	}
}

/*
 * Peek a small window first and grow it only while no newline is in it, so
 * a large cap does not make every line copy a large window.
 */
enum line_status
lines_next(struct lines *l, const char **s, size_t *len)
{
	const uint8_t *p, *nl;
	size_t avail, n, need = 4096;

	reader_consume(l->rd, l->pending);
	l->pending = 0;
	for (;;) {
		if (need > l->max + 2)
			need = l->max + 2;
		avail = reader_peek(l->rd, need, &p);
		nl = memchr(p, '\n', avail);
		if (nl != NULL || avail < need || need == l->max + 2)
			break;
		need *= 2;
	}
	if (avail == 0)
		return LINE_EOF;
	l->lineno++;
	l->offset = reader_offset(l->rd);
	n = nl != NULL ? (size_t)(nl - p) : avail;
	if (n > 0 && p[n - 1] == '\r')
		n--;
	if (n > l->max) {
		*s = NULL;
		*len = 0;
		if (nl != NULL)
			reader_consume(l->rd, (size_t)(nl - p) + 1);
		else {
			reader_consume(l->rd, avail);
			skip_rest(l);
		}
		return LINE_TOO_LONG;
	}
	l->pending = nl != NULL ? (size_t)(nl - p) + 1 : avail;
	*s = (const char *)p;
	*len = n;
	if (memchr(p, '\0', n) != NULL)
		return LINE_NUL;
	return LINE_OK;
}

const char *
line_status_str(enum line_status st)
{
	switch (st) {
	case LINE_OK:
		return "ok";
	case LINE_EOF:
		return "end of data";
	case LINE_TOO_LONG:
		return "line too long";
	case LINE_NUL:
		return "NUL byte in line";
	}
	return "?";
}
