/*
 * Text encodings of binary data, decoded strictly, and a UTF-8 check.
 *
 * Base64 (RFC 4648): one alphabet per call, no white
 * space, no bits set past the last byte, padding exactly as the form
 * says.  SLURM (RFC 8416) uses base64url without padding; rpki-client's
 * JSON uses standard base64 with padding.
 */
#ifndef MANRS_BASE_ENCODING_H
#define MANRS_BASE_ENCODING_H

#include <stddef.h>
#include <stdint.h>

enum b64_form {
	B64_URL_NOPAD,		/* A-Z a-z 0-9 - _, no '=' (RFC 4648 5) */
	B64_STD_PAD,		/* A-Z a-z 0-9 + /, '=' to a multiple of 4 */
};

/*
 * Decode s[0..n) into out[0..cap).  Returns the number of bytes, or -1
 * with *why saying what is wrong (also when it would not fit).
 */
long	b64_decode(const char *s, size_t n, enum b64_form, uint8_t *out,
	    size_t cap, const char **why);

/* The value of a hex digit (either case), or -1. */
int	hex_digit(char);
/*
 * Offset of the first byte of p[0..n) that is not UTF-8 (overlong forms,
 * surrogates and code points past U+10FFFF are not), or n if all is.
 */
size_t	utf8_invalid(const void *p, size_t n);

#endif
