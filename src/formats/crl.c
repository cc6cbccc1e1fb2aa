/* RPKI CRLs through OpenSSL; see crl.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/x509v3.h>

#include "base/limits.h"
#include "base/xmalloc.h"
#include "formats/crl.h"

void
crl_free(struct rpki_crl *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->nentries; i++)
		free(c->entries[i].serial);
	free(c->entries);
	free(c->issuer);
	free(c->number);
	free(c);
}

struct rpki_crl *
crl_parse(const uint8_t *der, size_t len, char *err, size_t errlen)
{
	const unsigned char *p = der;
	STACK_OF(X509_REVOKED) *rev;
	AUTHORITY_KEYID *akid = NULL;
	ASN1_INTEGER *num = NULL;
	struct rpki_crl *c = NULL;
	const char *why = NULL;
	X509_CRL *x = NULL;
	int i, n;

	if (len > MAX_RPKI_OBJECT) {
		why = "larger than MAX_RPKI_OBJECT";
		goto out;
	}
	if ((x = d2i_X509_CRL(NULL, &p, (long)len)) == NULL) {
		why = "not a DER X.509 CRL";
		goto out;
	}
	if (p != der + len) {
		why = "trailing bytes after the CRL";
		goto out;
	}
	c = xcalloc(1, sizeof(*c));
	c->issuer = x509_name_text(X509_CRL_get_issuer(x));
	akid = X509_CRL_get_ext_d2i(x, NID_authority_key_identifier, NULL,
	    NULL);
	if (akid != NULL && akid->keyid != NULL) {
		n = ASN1_STRING_length(akid->keyid);
		if (n <= 0 || (unsigned)n > CERT_KEYID_MAX) {
			why = "bad authority key identifier";
			goto out;
		}
		memcpy(c->aki, ASN1_STRING_get0_data(akid->keyid), (size_t)n);
		c->akilen = (size_t)n;
	}
	num = X509_CRL_get_ext_d2i(x, NID_crl_number, NULL, NULL);
	if (num != NULL)
		c->number = asn1_int_hex(num);
	if (!asn1_time_secs(X509_CRL_get0_lastUpdate(x), &c->this_update) ||
	    !asn1_time_secs(X509_CRL_get0_nextUpdate(x), &c->next_update)) {
		why = "bad thisUpdate or nextUpdate";
		goto out;
	}
	rev = X509_CRL_get_REVOKED(x);
	n = sk_X509_REVOKED_num(rev);
	if (n > 0) {
		c->entries = xcalloc((size_t)n, sizeof(*c->entries));
		for (i = 0; i < n; i++) {
			X509_REVOKED *r = sk_X509_REVOKED_value(rev, i);
			struct crl_entry *e = &c->entries[c->nentries++];

			if ((e->serial = asn1_int_hex(
			    X509_REVOKED_get0_serialNumber(r))) == NULL ||
			    !asn1_time_secs(X509_REVOKED_get0_revocationDate(r),
			    &e->revoked)) {
				why = "bad revoked certificate entry";
				goto out;
			}
		}
	}
out:
	AUTHORITY_KEYID_free(akid);
	ASN1_INTEGER_free(num);
	X509_CRL_free(x);
	if (why != NULL) {
		snprintf(err, errlen, "%s", why);
		crl_free(c);
		return NULL;
	}
	return c;
}
