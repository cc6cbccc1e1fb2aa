/*
 * Autonomous System numbers (RFC 6793: 32 bits), text in "asplain"
 * (65000), with an optional "AS" prefix, or "asdot" (1.10, RFC 5396).
 */
#ifndef MANRS_NET_ASN_H
#define MANRS_NET_ASN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ASN_STRLEN	14	/* "AS4294967295" and NUL */

/*
 * Parse s[0..n).  Strict: digits only, no sign, no leading zeros, no
 * value past 2^32-1.  On error returns false with *why set.
 */
bool	asn_parse(const char *s, size_t n, uint32_t *asn, const char **why);
/* asplain digits, no prefix; returns the length. */
size_t	asn_fmt(uint32_t asn, char buf[ASN_STRLEN]);

#endif
