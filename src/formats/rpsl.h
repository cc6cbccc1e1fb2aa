/*
 * RPSL (RFC 2622, RFC 4012) object reader for IRR dumps of any size.
 *
 * A dump is read as a stream through the reader (plain, gzip, bzip2, xz,
 * zstd); memory is bounded by the largest object (MAX_RPSL_OBJECT raw
 * bytes, MAX_RPSL_ATTRS attributes).  The syntax accepted (RFC 2622 §2):
 *
 *  - objects are separated by one or more blank lines; a line of only
 *    spaces and tabs counts as blank; CRLF line ends are accepted;
 *  - an attribute is "name: value"; the name starts with a letter, holds
 *    letters, digits, '-' and '_', ends with a letter or digit, and is
 *    case-insensitive: it is delivered in lower case;
 *  - a value continues on following lines that start with a space, a tab
 *    or '+'; the continuation lines are trimmed and joined to the value
 *    with a single '\n' (a "+" line alone contributes an empty line);
 *    leading and trailing empty lines and blanks are dropped;
 *  - a comment starts at the first '#' on a line and runs to its end; it
 *    is stripped from values, and a line that starts with '#' is dropped
 *    (it neither ends nor continues anything);
 *  - lines that start with '%' (whois server remarks) are dropped.
 *
 * An object that breaks these rules (a line that is neither an attribute
 * nor a continuation, a continuation before the first attribute, a bad
 * attribute name, a NUL byte, too many bytes or attributes) is skipped as
 * a whole up to the next blank line; the reason is counted in
 * struct rpsl_stats, logged at debug level with file and line, and kept
 * as the last skip message.  Reading goes on.
 */
#ifndef MANRS_FORMATS_RPSL_H
#define MANRS_FORMATS_RPSL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "io/reader.h"
#include "net/prefix.h"

struct rpsl_attr {
	const char	*name;		/* lower case */
	const char	*value;		/* comments stripped, lines joined */
	uint32_t	 line;		/* line of the name in the file */
};

/* Everything points into the reader's buffers: valid until rpsl_next(). */
struct rpsl_object {
	const char		*class;		/* name of the first attribute */
	const char		*key;		/* value of the first attribute */
	struct rpsl_attr	*attrs;		/* in file order, repeats kept */
	size_t			 nattrs;
	uint32_t		 line;		/* line of the first attribute */
	const char		*source;	/* first "source:" value or NULL */
};

/* Why an object was skipped. */
enum rpsl_err {
	RPSL_ERR_SYNTAX,	/* line neither "name: value" nor continuation */
	RPSL_ERR_CONT_FIRST,	/* continuation before the first attribute */
	RPSL_ERR_BAD_NAME,	/* attribute name with bad characters */
	RPSL_ERR_NUL,		/* NUL byte in a line */
	RPSL_ERR_TOO_BIG,	/* object (or one line) over MAX_RPSL_OBJECT */
	RPSL_ERR_TOO_MANY_ATTRS, /* more than MAX_RPSL_ATTRS attributes */
	RPSL_ERR_MAX
};

struct rpsl_stats {
	uint64_t	objects;		/* delivered */
	uint64_t	lines;
	uint64_t	skipped[RPSL_ERR_MAX];	/* objects, by reason */
};

const char	*rpsl_err_str(enum rpsl_err);

struct rpsl_file;

/* Wrap an open reader; the rpsl_file takes it over (also on close). */
struct rpsl_file	*rpsl_file_new(struct reader *, const char *name);
/*
 * Read objects from data[0..len) in memory (tests, fuzzing); the data must
 * stay valid until rpsl_file_free().
 */
struct rpsl_file	*rpsl_buffer_new(const void *data, size_t len,
			    const char *name);
/*
 * Next object: 1 and *obj, or 0 at the end of the data.  A damaged
 * compressed stream also ends it: rpsl_file_error() then says why.
 */
int			 rpsl_next(struct rpsl_file *, struct rpsl_object *obj);
/* NULL after a clean end. */
const char		*rpsl_file_error(const struct rpsl_file *);
const struct rpsl_stats	*rpsl_file_stats(const struct rpsl_file *);
/* "file:line: reason" of the last skipped object, or NULL if none. */
const char		*rpsl_file_last_skip(const struct rpsl_file *);
/* NULL-safe; closes the reader, if any. */
void			 rpsl_file_free(struct rpsl_file *);

/* Value of the first attribute called name (any case), or NULL. */
const char	*rpsl_attr_first(const struct rpsl_object *, const char *name);

/*
 * The prefix and origin of a route or route6 object.  Strict: the class
 * must match the family, host bits past the length are an error (never
 * masked), there must be exactly one "origin:" and it must be "AS"
 * followed by a number.  On error returns false with *why set.
 */
bool	rpsl_route_parse(const struct rpsl_object *, struct prefix *,
	    uint32_t *origin, const char **why);

/*
 * Split a list value (as-set "members:", "mp-members:"; route-set
 * members): items are separated by commas and/or white space, empty items
 * are passed over.  Each call returns the next item in *item and *len and
 * advances *s; false at the end.  Items are returned as written, e.g.
 * "AS65000", "AS-FOO", "RADB::AS-FOO", "AS1:AS-BAR".
 */
bool	rpsl_list_next(const char **s, const char **item, size_t *len);

/* Write the object back in RPSL, one attribute per line, "\n" line ends. */
void	rpsl_object_print(FILE *, const struct rpsl_object *);

#endif
