/*
 * Streaming walk over large JSON files: the top-level object and big
 * arrays are walked here, and jansson parses one element (or one other
 * value) at a time from the reader's window, so memory stays at one
 * element, not a tree of the whole file.  Shared by the VRP and PeeringDB
 * readers.
 *
 * Errors (bad JSON, a value over the caller's cap, unexpected structure)
 * are written to err with the byte offset, and the call returns -1: the
 * stream cannot be resynchronised after them.
 */
#ifndef MANRS_FORMATS_JSONSTREAM_H
#define MANRS_FORMATS_JSONSTREAM_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "io/reader.h"

struct jstream {
	struct reader	*rd;
	size_t		 max;		/* largest single value, bytes */
	char		*err;
	size_t		 errlen;
	uint64_t	 at;		/* byte offset of the last value parsed */
};

/* Skip white space; the next byte (not consumed), or -1 at the end. */
int	jstream_next(struct jstream *);
/* Parse the value at the position into *out (a new reference). */
int	jstream_value(struct jstream *, json_t **out);
/* Parse and drop the value at the position. */
int	jstream_skip(struct jstream *);
/*
 * Walk the array at the position ('[' next), handing fn each element and
 * its index; fn returning non-zero stops the walk with that value.
 */
int	jstream_array(struct jstream *, const char *name,
	    int (*fn)(void *, const json_t *, long long), void *arg);
/*
 * Walk the object at the position ('{' next): fn gets each key with the
 * stream at its value, and must consume the value (jstream_value, _skip,
 * _array or _object); non-zero stops the walk.
 */
int	jstream_object(struct jstream *,
	    int (*fn)(void *, struct jstream *, const char *), void *arg);
/* -1 unless only white space is left. */
int	jstream_end(struct jstream *);

#endif
