/*
 * Lines of a text file read through the reader, each at most a given
 * length.  A line longer than that, or one holding a NUL byte, is handed
 * back as an error (with its number and byte offset) and skipped whole,
 * so a caller can report it and go on.  "\r\n" line ends are accepted.
 */
#ifndef MANRS_IO_LINES_H
#define MANRS_IO_LINES_H

#include <stddef.h>
#include <stdint.h>

#include "io/reader.h"

enum line_status {
	LINE_OK,
	LINE_EOF,
	LINE_TOO_LONG,		/* skipped; *s is NULL */
	LINE_NUL,		/* skipped */
};

struct lines {
	struct reader	*rd;
	size_t		 max;
	size_t		 pending;	/* bytes of the last line to consume */
	uint64_t	 lineno;	/* of the last line returned */
	uint64_t	 offset;	/* its byte offset */
};

void		 lines_init(struct lines *, struct reader *, size_t max);
/*
 * The next line, without its end, in *s (valid until the next call); *len
 * is its length.  Returns LINE_EOF at the end of the data (check
 * reader_error() then).
 */
enum line_status lines_next(struct lines *, const char **s, size_t *len);
const char	*line_status_str(enum line_status);

#endif
