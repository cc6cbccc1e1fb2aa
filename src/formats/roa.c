/*
 * ROA eContent (RFC 9582 4):
 *
 *   RouteOriginAttestation ::= SEQUENCE {
 *     version [0] INTEGER DEFAULT 0, asID INTEGER,
 *     ipAddrBlocks SEQUENCE (SIZE(1..2)) OF SEQUENCE {
 *       addressFamily OCTET STRING (SIZE(2)),
 *       addresses SEQUENCE (SIZE(1..MAX)) OF SEQUENCE {
 *         address BIT STRING, maxLength INTEGER OPTIONAL } } }
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/limits.h"
#include "base/xmalloc.h"
#include "formats/der.h"
#include "formats/roa.h"

void
roa_free(struct roa *r)
{
	if (r == NULL)
		return;
	free(r->ips);
	free(r);
}

/* One ROAIPAddress of family afi, appended to r. */
static bool
roa_address(const uint8_t *base, struct cursor *c, unsigned afi,
    struct roa *r, size_t *cap, char *err, size_t errlen)
{
	struct cursor seq, v, bits;
	const char *why;
	struct roa_ip *ip;
	uint64_t maxlen;
	unsigned unused, plen;

	if (!der_get(c, DER_SEQUENCE, &seq, &why) ||
	    !der_get(&seq, DER_BITSTRING, &v, &why) ||
	    !der_bits(v, &bits, &unused, &why)) {
		der_err(err, errlen, base, c, "ROAIPAddress", why);
		return false;
	}
	if (bits.len > afi_bytes(afi)) {
		der_err(err, errlen, base, &v, "address",
		    "longer than the family's address");
		return false;
	}
	plen = (unsigned)bits.len * 8 - unused;
	maxlen = plen;
	if (!cur_empty(&seq)) {
		struct cursor at = seq;

		if (!der_get(&seq, DER_INTEGER, &v, &why) ||
		    !der_uint(v, 255, &maxlen, &why)) {
			der_err(err, errlen, base, &seq, "maxLength", why);
			return false;
		}
		if (maxlen < plen || maxlen > afi_bits(afi)) {
			snprintf(err, errlen, "maxLength at byte %zu: %u is "
			    "outside the prefix length %u..%u (RFC 9582 4.3.3)",
			    (size_t)(at.p - base), (unsigned)maxlen, plen,
			    afi_bits(afi));
			return false;
		}
		if (!cur_empty(&seq)) {
			der_err(err, errlen, base, &seq, "ROAIPAddress",
			    "trailing data");
			return false;
		}
	}
	if (r->nips >= MAX_ROA_IPS) {
		der_err(err, errlen, base, c, "ROA", "more than MAX_ROA_IPS "
		    "prefixes");
		return false;
	}
	if (r->nips == *cap) {
		*cap = *cap ? *cap * 2 : 4;
		r->ips = xreallocarray(r->ips, *cap, sizeof(*r->ips));
	}
	ip = &r->ips[r->nips++];
	memset(ip, 0, sizeof(*ip));
	ip->pfx.afi = (uint8_t)afi;
	ip->pfx.len = (uint8_t)plen;
	memcpy(ip->pfx.b, bits.p, bits.len);
	ip->maxlen = (uint8_t)maxlen;
	return true;
}

static bool
roa_family(const uint8_t *base, struct cursor *c, unsigned *seen,
    struct roa *r, size_t *cap, char *err, size_t errlen)
{
	struct cursor fam, v, addrs;
	const char *why;
	unsigned afi;

	if (!der_get(c, DER_SEQUENCE, &fam, &why) ||
	    !der_get(&fam, DER_OCTETSTRING, &v, &why)) {
		der_err(err, errlen, base, c, "ROAIPAddressFamily", why);
		return false;
	}
	if (v.len != 2 || v.p[0] != 0 || (v.p[1] != AFI_IPV4 &&
	    v.p[1] != AFI_IPV6)) {
		der_err(err, errlen, base, &v, "addressFamily",
		    "not IPv4 or IPv6 without SAFI (RFC 9582 4.3.1)");
		return false;
	}
	afi = v.p[1];
	if (*seen & (1u << afi)) {
		der_err(err, errlen, base, &v, "addressFamily",
		    "family listed twice");
		return false;
	}
	*seen |= 1u << afi;
	if (!der_get(&fam, DER_SEQUENCE, &addrs, &why) || !cur_empty(&fam)) {
		der_err(err, errlen, base, &fam, "addresses", why != NULL ?
		    why : "trailing data");
		return false;
	}
	if (cur_empty(&addrs)) {
		der_err(err, errlen, base, &addrs, "addresses", "empty");
		return false;
	}
	while (!cur_empty(&addrs))
		if (!roa_address(base, &addrs, afi, r, cap, err, errlen))
			return false;
	return true;
}

bool
roa_parse(const uint8_t *p, size_t len, struct roa **out, char *err,
    size_t errlen)
{
	struct cursor seq, v, blocks;
	const char *why = NULL;
	struct roa *r = xcalloc(1, sizeof(*r));
	int64_t version;
	uint64_t x;
	size_t cap = 0;
	unsigned seen = 0;
	bool ok = false;

	if (!der_econtent(p, len, "RouteOriginAttestation", 0, &seq, &version,
	    err, errlen))
		goto out;
	if (!der_get(&seq, DER_INTEGER, &v, &why) ||
	    !der_uint(v, UINT32_MAX, &x, &why)) {
		der_err(err, errlen, p, &seq, "asID", why);
		goto out;
	}
	r->asid = (uint32_t)x;
	if (!der_get(&seq, DER_SEQUENCE, &blocks, &why) || !cur_empty(&seq)) {
		der_err(err, errlen, p, &seq, "ipAddrBlocks", why != NULL ?
		    why : "trailing data");
		goto out;
	}
	if (cur_empty(&blocks)) {
		der_err(err, errlen, p, &blocks, "ipAddrBlocks", "empty");
		goto out;
	}
	while (!cur_empty(&blocks))
		if (!roa_family(p, &blocks, &seen, r, &cap, err, errlen))
			goto out;
	*out = r;
	r = NULL;
	ok = true;
out:
	roa_free(r);
	return ok;
}
