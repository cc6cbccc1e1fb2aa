/*
 * What a browser sends the web UI besides the query: HTML form bodies
 * (application/x-www-form-urlencoded) and the Cookie header.  Both are
 * untrusted bytes: a value is decoded into a caller's buffer of fixed
 * size, a malformed escape or a value that does not fit is refused, and
 * decoded NULs and control characters other than tab, CR and LF too.
 */
#ifndef MANRS_SERVE_FORM_H
#define MANRS_SERVE_FORM_H

#include <stdbool.h>
#include <stddef.h>

enum form_result {
	FORM_OK,
	FORM_MISSING,		/* no field of that name */
	FORM_MALFORMED,		/* bad %-escape, NUL or control character */
	FORM_TOO_LONG,		/* does not fit the buffer */
};

/*
 * The first field called name in body[0..len): "+" is a space, %XX a
 * byte.  out gets the value NUL-terminated (outlen > 0).
 */
enum form_result form_field(const char *body, size_t len, const char *name,
		    char *out, size_t outlen);
/* The cookie called name in a Cookie header ("a=1; b=2"), undecoded. */
enum form_result form_cookie(const char *header, const char *name,
		    char *out, size_t outlen);
const char	*form_result_str(enum form_result);

#endif
