/*
 * Helpers for text formats: a CSV field splitter (RFC 4180 quoting) and
 * reading a whole (bounded) input for formats parsed in one piece.
 */
#ifndef MANRS_IO_TEXT_H
#define MANRS_IO_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"
#include "io/reader.h"

struct csv_field {
	const char	*s;
	size_t		 n;
	bool		 quoted;	/* s excludes the quotes; "" inside */
};

/*
 * Split one CSV line into at most max fields.  Returns their number, or
 * -1 with *why set (unterminated quote, text after a closing quote, a
 * quote inside an unquoted field, too many fields).
 */
int	csv_split(const char *s, size_t n, struct csv_field *f, int max,
	    const char **why);
/*
 * Copy a field to buf as text (quotes undoubled, NUL-terminated); false
 * if it does not fit.
 */
bool	csv_copy(const struct csv_field *, char *buf, size_t len);

/*
 * The whole rest of the input: *p holds *n bytes (valid until the next
 * peek or close; nothing is consumed).  The window grows by doubling, so
 * a small file costs little.  Returns false if there are more than max
 * bytes.
 */
bool	text_slurp(struct reader *, size_t max, const uint8_t **p, size_t *n);

/*
 * Open path ("-" is standard input), hand the reader to fn(arg, rd, d),
 * close it; fn's result, or -1 with d->fatal set if it cannot be opened.
 */
int	text_read_path(const char *path, struct diag *d,
	    int (*fn)(void *, struct reader *, struct diag *), void *arg);

#endif
