/* DER reader; see der.h. */
#include <stdio.h>
#include <string.h>

#include "base/utctime.h"
#include "formats/der.h"

bool
der_next(struct cursor *c, uint8_t *tag, struct cursor *val, const char **why)
{
	struct cursor t = *c;
	uint8_t b, nlen, i;
	size_t len = 0;

	if (!cur_u8(&t, tag) || !cur_u8(&t, &b)) {
		*why = "truncated tag or length";
		return false;
	}
	if ((*tag & 0x1f) == 0x1f) {
		*why = "multi-byte tag";
		return false;
	}
	if (b < 0x80)
		len = b;
	else {
		nlen = b & 0x7f;
		if (nlen == 0) {
			*why = "indefinite length (BER, not DER)";
			return false;
		}
		if (nlen > 4) {
			*why = "length field over 4 bytes";
			return false;
		}
		for (i = 0; i < nlen; i++) {
			if (!cur_u8(&t, &b)) {
				*why = "truncated length";
				return false;
			}
			if (i == 0 && b == 0) {
				*why = "length not in shortest form";
				return false;
			}
			len = len << 8 | b;
		}
		if (len < 0x80) {
			*why = "length not in shortest form";
			return false;
		}
	}
	if (!cur_sub(&t, len, val)) {
		*why = "value runs past its container";
		return false;
	}
	*c = t;
	return true;
}

bool
der_get(struct cursor *c, uint8_t tag, struct cursor *val, const char **why)
{
	struct cursor t = *c;
	uint8_t got;

	if (!der_next(&t, &got, val, why))
		return false;
	if (got != tag) {
		*why = "unexpected tag";
		return false;
	}
	*c = t;
	*why = NULL;	/* callers tell "bad element" from "trailing data" by it */
	return true;
}

bool
der_peek(const struct cursor *c, uint8_t tag)
{
	return c->len > 0 && c->p[0] == tag;
}

bool
der_bigint(struct cursor val, size_t maxlen, struct cursor *out,
    const char **why)
{
	if (val.len == 0) {
		*why = "empty INTEGER";
		return false;
	}
	if (val.p[0] & 0x80) {
		*why = "negative INTEGER";
		return false;
	}
	if (val.len > 1 && val.p[0] == 0 && !(val.p[1] & 0x80)) {
		*why = "INTEGER not in shortest form";
		return false;
	}
	if (val.len > 1 && val.p[0] == 0)
		(void)cur_skip(&val, 1);
	if (val.len > maxlen) {
		*why = "INTEGER too large";
		return false;
	}
	*out = val;
	return true;
}

bool
der_uint(struct cursor val, uint64_t max, uint64_t *out, const char **why)
{
	struct cursor v;
	uint64_t x = 0;
	size_t i;

	if (!der_bigint(val, 8, &v, why))
		return false;
	for (i = 0; i < v.len; i++)
		x = x << 8 | v.p[i];
	if (x > max) {
		*why = "INTEGER out of range";
		return false;
	}
	*out = x;
	return true;
}

static bool
digits(const uint8_t *p, size_t n, unsigned *out)
{
	size_t i;

	*out = 0;
	for (i = 0; i < n; i++) {
		if (p[i] < '0' || p[i] > '9')
			return false;
		*out = *out * 10 + (unsigned)(p[i] - '0');
	}
	return true;
}

bool
der_gentime(struct cursor val, int64_t *out, const char **why)
{
	unsigned y, mo, d, h, mi, s;
	const uint8_t *p = val.p;

	*why = "GeneralizedTime not YYYYMMDDHHMMSSZ";
	if (val.len != 15 || p[14] != 'Z')
		return false;
	if (!digits(p, 4, &y) || !digits(p + 4, 2, &mo) ||
	    !digits(p + 6, 2, &d) || !digits(p + 8, 2, &h) ||
	    !digits(p + 10, 2, &mi) || !digits(p + 12, 2, &s))
		return false;
	*why = "GeneralizedTime out of range";
	if (!utc_date_ok(y, mo, d) || h > 23 || mi > 59 || s > 59)
		return false;
	*out = utc_days(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
	return true;
}

bool
der_bits(struct cursor val, struct cursor *bits, unsigned *unused,
    const char **why)
{
	uint8_t u;

	if (!cur_u8(&val, &u)) {
		*why = "empty BIT STRING";
		return false;
	}
	if (u > 7 || (val.len == 0 && u != 0)) {
		*why = "bad unused-bit count in BIT STRING";
		return false;
	}
	if (val.len > 0 && (val.p[val.len - 1] & ((1u << u) - 1)) != 0) {
		*why = "unused bits of a BIT STRING are not zero";
		return false;
	}
	*bits = val;
	*unused = u;
	return true;
}

bool
der_oid_eq(struct cursor val, const uint8_t *oid, size_t len)
{
	return val.len == len && memcmp(val.p, oid, len) == 0;
}

void
der_err(char *err, size_t errlen, const uint8_t *base,
    const struct cursor *at, const char *what, const char *why)
{
	snprintf(err, errlen, "%s at byte %zu: %s", what,
	    (size_t)(at->p - base), why);
}

bool
der_econtent(const uint8_t *p, size_t len, const char *what, uint64_t maxv,
    struct cursor *seq, int64_t *version, char *err, size_t errlen)
{
	struct cursor c = cur_make(p, len), v, i;
	const char *why = NULL;
	uint64_t x;

	*version = -1;
	if (!der_get(&c, DER_SEQUENCE, seq, &why) || !cur_empty(&c)) {
		der_err(err, errlen, p, &c, what, why != NULL ? why :
		    "trailing data");
		return false;
	}
	if (!der_peek(seq, DER_CTX0))
		return true;
	if (!der_get(seq, DER_CTX0, &v, &why) ||
	    !der_get(&v, DER_INTEGER, &i, &why) || !cur_empty(&v) ||
	    !der_uint(i, maxv, &x, &why)) {
		der_err(err, errlen, p, seq, "version", why != NULL ? why :
		    "trailing data");
		return false;
	}
	*version = (int64_t)x;
	return true;
}
