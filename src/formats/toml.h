/*
 * A strict reader of the part of TOML v1.0.0 (https://toml.io/en/v1.0.0)
 * that hand-written data files need; made for the participants file
 * (docs/participants.md).  It takes comments; bare, quoted and dotted
 * keys; basic and literal strings, one-line and multi-line, with every
 * escape (\uXXXX and \UXXXXXXXX too); integers (decimal with _, 0x, 0o,
 * 0b); booleans; local dates (2019-05-01); arrays (multi-line, trailing
 * comma); inline tables; [table] and [[array of tables]] headers.
 * Floats, times and date-times are valid TOML that this reader does not
 * take: it says so, with the line, rather than guess.
 *
 * The whole document must be valid: invalid UTF-8, a control character,
 * a bad escape, an integer with leading zeros or out of range, an
 * impossible date, a key defined twice and a table defined twice or
 * extended where TOML forbids it are errors with line and column; the
 * first one stops reading.
 *
 * The result is a jansson tree (tables are objects, dates are
 * "YYYY-MM-DD" strings), so checks written for JSON input apply as they
 * are, plus a record of where each key and array element was written, so
 * that those checks can name the line of what they reject.
 */
#ifndef MANRS_FORMATS_TOML_H
#define MANRS_FORMATS_TOML_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "base/arena.h"

struct toml_where;

struct toml_doc {
	json_t			*root;		/* the top-level table */
	struct toml_where	*where;		/* sorted after parsing */
	size_t			 nwhere, wcap;
	struct arena		 keys;		/* key text of the records */
};

/*
 * Parse p[0..n) into doc (which toml_doc_free must release, also after a
 * failure).  On an error returns false with "line L, column C: what" in
 * err (columns count bytes from 1).
 */
bool	toml_parse(struct toml_doc *, const char *p, size_t n, char *err,
	    size_t errlen);
void	toml_doc_free(struct toml_doc *);	/* NULL-safe */
/*
 * For readers of other formats that build a tree and want its lines too
 * (the participants CSV): init, note each key (index 0) or element (key
 * NULL), sort once, then look up as below.
 */
void	toml_doc_init(struct toml_doc *);
void	toml_doc_note(struct toml_doc *, const json_t *in, const char *key,
	    size_t index, uint32_t line);
void	toml_doc_sort(struct toml_doc *);
/* The line where key of table t was set, or 0 if t holds no such key. */
uint32_t toml_key_line(const struct toml_doc *, const json_t *t,
	    const char *key);
/*
 * The line where element i of array a was written (the [[header]] for an
 * array of tables), or 0.
 */
uint32_t toml_elem_line(const struct toml_doc *, const json_t *a, size_t i);

#endif
