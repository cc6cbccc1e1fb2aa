/* RPKI resource certificates through OpenSSL; see cert.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/x509v3.h>

#include "base/limits.h"
#include "base/xmalloc.h"
#include "formats/cert.h"

const char *
cert_kind_str(enum cert_kind k)
{
	switch (k) {
	case CERT_CA:
		return "ca";
	case CERT_ROUTER:
		return "router";
	default:
		return "ee";
	}
}

void
cert_clear(struct rpki_cert *c)
{
	if (c == NULL)
		return;
	free(c->subject);
	free(c->issuer);
	free(c->serial);
	free(c->aia);
	free(c->sia_repo);
	free(c->sia_mft);
	free(c->sia_notify);
	free(c->sia_obj);
	free(c->res);
	memset(c, 0, sizeof(*c));
}

void
cert_free(struct rpki_cert *c)
{
	cert_clear(c);
	free(c);
}

char *
x509_name_text(const X509_NAME *n)
{
	BIO *b = BIO_new(BIO_s_mem());
	char *p, *s;
	long len = 0;

	if (b != NULL && X509_NAME_print_ex(b, n, 0, XN_FLAG_RFC2253) >= 0)
		len = BIO_get_mem_data(b, &p);
	s = xmalloc((size_t)len + 1);
	if (len > 0)
		memcpy(s, p, (size_t)len);
	s[len] = '\0';
	BIO_free(b);
	return s;
}

bool
asn1_time_secs(const ASN1_TIME *t, int64_t *out)
{
	struct tm tm;

	if (t == NULL || !ASN1_TIME_to_tm(t, &tm))
		return false;
	*out = (int64_t)timegm(&tm);
	return true;
}

char *
asn1_int_hex(const ASN1_INTEGER *a)
{
	BIGNUM *bn = ASN1_INTEGER_to_BN(a, NULL);
	char *hex, *s = NULL;

	if (bn != NULL && (hex = BN_bn2hex(bn)) != NULL) {
		s = xstrdup(hex);
		OPENSSL_free(hex);
	}
	BN_free(bn);
	return s;
}

static bool
keyid(const ASN1_OCTET_STRING *os, uint8_t *buf, size_t *len)
{
	int n;

	if (os == NULL)
		return true;
	n = ASN1_STRING_length(os);
	if (n <= 0 || (unsigned)n > CERT_KEYID_MAX)
		return false;
	memcpy(buf, ASN1_STRING_get0_data(os), (size_t)n);
	*len = (size_t)n;
	return true;
}

static char *
uri_str(const GENERAL_NAME *gn)
{
	const unsigned char *d;
	char *s;
	int n, i;

	if (gn->type != GEN_URI)
		return NULL;
	n = ASN1_STRING_length(gn->d.uniformResourceIdentifier);
	d = ASN1_STRING_get0_data(gn->d.uniformResourceIdentifier);
	if (n <= 0 || (unsigned)n > MAX_RPKI_URI)
		return NULL;
	for (i = 0; i < n; i++)
		if (d[i] <= 0x20 || d[i] >= 0x7f)
			return NULL;
	s = xmalloc((size_t)n + 1);
	memcpy(s, d, (size_t)n);
	s[n] = '\0';
	return s;
}

/* First rsync URI per access method (https for rpkiNotify). */
static void
access_uris(X509 *x, int nid, struct rpki_cert *c)
{
	AUTHORITY_INFO_ACCESS *ia = X509_get_ext_d2i(x, nid, NULL, NULL);
	int i;

	for (i = 0; ia != NULL && i < sk_ACCESS_DESCRIPTION_num(ia); i++) {
		ACCESS_DESCRIPTION *ad = sk_ACCESS_DESCRIPTION_value(ia, i);
		char **slot = NULL, *u;

		switch (OBJ_obj2nid(ad->method)) {
		case NID_ad_ca_issuers:
			slot = &c->aia;
			break;
		case NID_caRepository:
			slot = &c->sia_repo;
			break;
		case NID_rpkiManifest:
			slot = &c->sia_mft;
			break;
		case NID_rpkiNotify:
			slot = &c->sia_notify;
			break;
		case NID_signedObject:
			slot = &c->sia_obj;
			break;
		}
		if (slot == NULL || *slot != NULL ||
		    (u = uri_str(ad->location)) == NULL)
			continue;
		if (strncmp(u, slot == &c->sia_notify ? "https://" :
		    "rsync://", 8) != 0) {
			free(u);
			continue;
		}
		*slot = u;
	}
	AUTHORITY_INFO_ACCESS_free(ia);
}

static struct rpki_res *
res_add(struct rpki_cert *c, size_t *cap)
{
	if (c->nres == *cap) {
		*cap = *cap ? *cap * 2 : 8;
		c->res = xreallocarray(c->res, *cap, sizeof(*c->res));
	}
	memset(&c->res[c->nres], 0, sizeof(*c->res));
	return &c->res[c->nres++];
}

/* min..max as a prefix length, or -1 when it is not one prefix. */
static int
range_plen(const struct addr *min, const struct addr *max, unsigned bits)
{
	unsigned i, plen = bits;

	for (i = 0; i < bits; i++) {
		unsigned a = min->b[i / 8] >> (7 - i % 8) & 1;
		unsigned b = max->b[i / 8] >> (7 - i % 8) & 1;

		if (a != b) {
			plen = i;
			break;
		}
	}
	for (i = plen; i < bits; i++)
		if ((min->b[i / 8] >> (7 - i % 8) & 1) != 0 ||
		    (max->b[i / 8] >> (7 - i % 8) & 1) != 1)
			return -1;
	return (int)plen;
}

static bool
ip_resources(X509 *x, struct rpki_cert *c, size_t *cap, const char **why)
{
	IPAddrBlocks *blocks;
	int crit, i, j;

	blocks = X509_get_ext_d2i(x, NID_sbgp_ipAddrBlock, &crit, NULL);
	if (blocks == NULL) {
		if (crit != -1) {
			*why = "bad sbgp-ipAddrBlock extension";
			return false;
		}
		return true;
	}
	for (i = 0; i < sk_IPAddressFamily_num(blocks); i++) {
		IPAddressFamily *f = sk_IPAddressFamily_value(blocks, i);
		unsigned afi = X509v3_addr_get_afi(f);
		struct rpki_res *r;

		if ((afi != AFI_IPV4 && afi != AFI_IPV6) ||
		    ASN1_STRING_length(f->addressFamily) != 2) {
			*why = "IP resources with an unknown AFI or a SAFI";
			goto bad;
		}
		if (f->ipAddressChoice->type == IPAddressChoice_inherit) {
			r = res_add(c, cap);
			r->type = RES_IP_INHERIT;
			r->min.afi = r->max.afi = (uint8_t)afi;
			continue;
		}
		for (j = 0; j < sk_IPAddressOrRange_num(
		    f->ipAddressChoice->u.addressesOrRanges); j++) {
			IPAddressOrRange *aor = sk_IPAddressOrRange_value(
			    f->ipAddressChoice->u.addressesOrRanges, j);
			int plen;

			if (c->nres >= MAX_CERT_RESOURCES) {
				*why = "more IP resources than MAX_CERT_RESOURCES";
				goto bad;
			}
			r = res_add(c, cap);
			r->min.afi = r->max.afi = (uint8_t)afi;
			if (X509v3_addr_get_range(aor, afi, r->min.b, r->max.b,
			    16) != (int)afi_bytes(afi)) {
				*why = "bad IP address or range";
				goto bad;
			}
			plen = range_plen(&r->min, &r->max, afi_bits(afi));
			if (plen < 0)
				r->type = RES_IP_RANGE;
			else {
				r->type = RES_IP_PREFIX;
				r->pfx.afi = (uint8_t)afi;
				r->pfx.len = (uint8_t)plen;
				memcpy(r->pfx.b, r->min.b, 16);
			}
		}
	}
	sk_IPAddressFamily_pop_free(blocks, IPAddressFamily_free);
	return true;
bad:
	sk_IPAddressFamily_pop_free(blocks, IPAddressFamily_free);
	return false;
}

static bool
as_int(const ASN1_INTEGER *a, uint32_t *out)
{
	uint64_t v;

	if (!ASN1_INTEGER_get_uint64(&v, a) || v > UINT32_MAX)
		return false;
	*out = (uint32_t)v;
	return true;
}

static bool
as_resources(X509 *x, struct rpki_cert *c, size_t *cap, const char **why)
{
	ASIdentifiers *ids;
	ASIdentifierChoice *ch;
	int crit, i;
	bool ok = true;

	ids = X509_get_ext_d2i(x, NID_sbgp_autonomousSysNum, &crit, NULL);
	if (ids == NULL) {
		if (crit != -1) {
			*why = "bad sbgp-autonomousSysNum extension";
			return false;
		}
		return true;
	}
	if (ids->rdi != NULL) {
		*why = "AS resources with RDIs (RFC 6487 4.8.11)";
		ok = false;
	}
	if ((ch = ids->asnum) != NULL && ok) {
		if (ch->type == ASIdentifierChoice_inherit)
			res_add(c, cap)->type = RES_AS_INHERIT;
		for (i = 0; ch->type != ASIdentifierChoice_inherit &&
		    i < sk_ASIdOrRange_num(ch->u.asIdsOrRanges); i++) {
			ASIdOrRange *a = sk_ASIdOrRange_value(
			    ch->u.asIdsOrRanges, i);
			struct rpki_res *r;

			if (c->nres >= MAX_CERT_RESOURCES) {
				*why = "more AS resources than MAX_CERT_RESOURCES";
				ok = false;
				break;
			}
			r = res_add(c, cap);
			r->type = RES_AS;
			if (a->type == ASIdOrRange_id)
				ok = as_int(a->u.id, &r->as_min) &&
				    as_int(a->u.id, &r->as_max);
			else
				ok = as_int(a->u.range->min, &r->as_min) &&
				    as_int(a->u.range->max, &r->as_max) &&
				    r->as_min < r->as_max;
			if (!ok) {
				*why = "bad AS number or range";
				break;
			}
		}
	}
	ASIdentifiers_free(ids);
	return ok;
}

static bool
is_router(X509 *x)
{
	EXTENDED_KEY_USAGE *eku = X509_get_ext_d2i(x, NID_ext_key_usage,
	    NULL, NULL);
	char buf[64];
	bool yes = false;
	int i;

	for (i = 0; eku != NULL && i < sk_ASN1_OBJECT_num(eku); i++) {
		if (OBJ_obj2txt(buf, sizeof(buf), sk_ASN1_OBJECT_value(eku, i),
		    1) > 0 && strcmp(buf, "1.3.6.1.5.5.7.3.30") == 0)
			yes = true;
	}
	EXTENDED_KEY_USAGE_free(eku);
	return yes;
}

bool
cert_from_x509(X509 *x, struct rpki_cert *c, char *err, size_t errlen)
{
	const char *why = NULL;
	size_t cap = 0;

	memset(c, 0, sizeof(*c));
	/* Caches the extensions; -1 means one of them is malformed. */
	if (X509_check_purpose(x, -1, -1) <= 0 ||
	    (X509_get_extension_flags(x) & EXFLAG_INVALID)) {
		why = "malformed X.509 extensions";
		goto bad;
	}
	c->kind = X509_check_ca(x) ? CERT_CA : is_router(x) ? CERT_ROUTER :
	    CERT_EE;
	c->subject = x509_name_text(X509_get_subject_name(x));
	c->issuer = x509_name_text(X509_get_issuer_name(x));
	if ((c->serial = asn1_int_hex(X509_get0_serialNumber(x))) == NULL) {
		why = "bad serial number";
		goto bad;
	}
	if (!keyid(X509_get0_subject_key_id(x), c->ski, &c->skilen) ||
	    !keyid(X509_get0_authority_key_id(x), c->aki, &c->akilen)) {
		why = "key identifier longer than CERT_KEYID_MAX";
		goto bad;
	}
	if (!asn1_time_secs(X509_get0_notBefore(x), &c->not_before) ||
	    !asn1_time_secs(X509_get0_notAfter(x), &c->not_after)) {
		why = "bad validity time";
		goto bad;
	}
	access_uris(x, NID_info_access, c);
	access_uris(x, NID_sinfo_access, c);
	if (!ip_resources(x, c, &cap, &why) || !as_resources(x, c, &cap, &why))
		goto bad;
	return true;
bad:
	snprintf(err, errlen, "%s", why);
	cert_clear(c);
	return false;
}

struct rpki_cert *
cert_parse(const uint8_t *der, size_t len, char *err, size_t errlen)
{
	const unsigned char *p = der;
	struct rpki_cert *c;
	X509 *x;

	if (len > MAX_RPKI_OBJECT) {
		snprintf(err, errlen, "larger than MAX_RPKI_OBJECT");
		return NULL;
	}
	x = d2i_X509(NULL, &p, (long)len);
	if (x == NULL) {
		snprintf(err, errlen, "not a DER X.509 certificate");
		return NULL;
	}
	if (p != der + len) {
		snprintf(err, errlen, "%zu trailing bytes after the certificate",
		    (size_t)(der + len - p));
		X509_free(x);
		return NULL;
	}
	c = xmalloc(sizeof(*c));
	if (!cert_from_x509(x, c, err, errlen)) {
		free(c);
		c = NULL;
	}
	X509_free(x);
	return c;
}

bool
cert_holds_prefix(const struct rpki_cert *c, const struct prefix *p)
{
	struct addr lo, hi;
	size_t i;
	unsigned k, bits = afi_bits(p->afi);

	lo.afi = hi.afi = p->afi;
	memcpy(lo.b, p->b, 16);
	memcpy(hi.b, p->b, 16);
	for (k = p->len; k < bits; k++)
		hi.b[k / 8] |= (uint8_t)(0x80 >> (k % 8));
	for (i = 0; i < c->nres; i++) {
		const struct rpki_res *r = &c->res[i];
		size_t n = afi_bytes(p->afi);

		if ((r->type != RES_IP_PREFIX && r->type != RES_IP_RANGE) ||
		    r->min.afi != p->afi)
			continue;
		if (memcmp(r->min.b, lo.b, n) <= 0 &&
		    memcmp(hi.b, r->max.b, n) <= 0)
			return true;
	}
	return false;
}
