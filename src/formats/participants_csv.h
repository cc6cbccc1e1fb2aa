/*
 * The participants file as CSV (RFC 4180; docs/participants.md): a header
 * row naming the columns, then one row per organisation with its first
 * contact; a row whose organisation is empty adds a contact to the
 * organisation above.  It becomes the "participants" array of the JSON
 * form, so participants.c checks all forms with the same code.
 */
#ifndef MANRS_FORMATS_PARTICIPANTS_CSV_H
#define MANRS_FORMATS_PARTICIPANTS_CSV_H

#include <stddef.h>

#include <jansson.h>

#include "toml.h"

/*
 * The array of participant objects of p[0..n), with the line of each
 * participant and contact noted in lines (toml_doc_init'ed by the caller,
 * sorted here); NULL with "line L: what" in err if the file cannot be
 * read as the CSV form.  Values are not checked here (participants.c
 * does), but the shape is: columns, field counts, quoting, UTF-8.
 */
json_t	*participants_csv(const char *p, size_t n, struct toml_doc *lines,
	    char *err, size_t errlen);

#endif
