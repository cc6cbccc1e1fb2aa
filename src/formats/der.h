/*
 * A small DER reader (X.690) for the eContent of RPKI signed objects.
 *
 * Built on the checked cursor: a TLV's value is split off as a
 * sub-cursor, so an inner length can never reach past its container.
 * Only what RPKI profiles use is accepted: one-byte tags, definite
 * lengths in their shortest form, non-negative minimal INTEGERs,
 * GeneralizedTime as YYYYMMDDHHMMSSZ.  Everything else is an error with
 * a reason; nothing is guessed.
 */
#ifndef MANRS_FORMATS_DER_H
#define MANRS_FORMATS_DER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/cursor.h"

#define DER_INTEGER	0x02
#define DER_BITSTRING	0x03
#define DER_OCTETSTRING	0x04
#define DER_OID		0x06
#define DER_IA5STRING	0x16
#define DER_GENTIME	0x18
#define DER_SEQUENCE	0x30
#define DER_CTX0	0xa0	/* [0] EXPLICIT, constructed */

/* The next TLV: its tag and its value as a sub-cursor. */
bool	der_next(struct cursor *, uint8_t *tag, struct cursor *val,
	    const char **why);
/* The next TLV, which must have the given tag; *why is NULL on success. */
bool	der_get(struct cursor *, uint8_t tag, struct cursor *val,
	    const char **why);
/* Does the next TLV have this tag?  (false at the end) */
bool	der_peek(const struct cursor *, uint8_t tag);
/* A non-negative INTEGER value no greater than max. */
bool	der_uint(struct cursor val, uint64_t max, uint64_t *out,
	    const char **why);
/*
 * A non-negative INTEGER of up to maxlen bytes (leading zero octet not
 * counted), borrowed in place without the sign octet.
 */
bool	der_bigint(struct cursor val, size_t maxlen, struct cursor *out,
	    const char **why);
/* GeneralizedTime YYYYMMDDHHMMSSZ as seconds since the epoch. */
bool	der_gentime(struct cursor val, int64_t *out, const char **why);
/* A BIT STRING: the bits, and how many of the last octet are unused. */
bool	der_bits(struct cursor val, struct cursor *bits, unsigned *unused,
	    const char **why);
/*
 * "WHAT at byte N: WHY" into err, N the offset of at from base: how a
 * parser of DER content says where it gave up.
 */
void	der_err(char *err, size_t errlen, const uint8_t *base,
	    const struct cursor *at, const char *what, const char *why);
/*
 * Open an eContent: SEQUENCE { version [0] EXPLICIT INTEGER OPTIONAL, ...}
 * with nothing after it.  *seq gets the fields after the version;
 * *version is -1 when absent, else its value (at most maxv).  On bad
 * input returns false with err set, naming the structure as what.
 */
bool	der_econtent(const uint8_t *p, size_t len, const char *what,
	    uint64_t maxv, struct cursor *seq, int64_t *version, char *err,
	    size_t errlen);
/* Is this OID value (content octets) the given encoding? */
bool	der_oid_eq(struct cursor val, const uint8_t *oid, size_t len);

#endif
