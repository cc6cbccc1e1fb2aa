/* RPKI signed objects (RFC 6488) through OpenSSL CMS; see sigobj.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/objects.h>

#include "base/limits.h"
#include "base/xmalloc.h"
#include "formats/sigobj.h"

static const struct {
	const char		*oid;
	enum sigobj_type	 type;
	const char		*name;
} types[] = {
	{ "1.2.840.113549.1.9.16.1.24", SIGOBJ_ROA, "roa" },
	{ "1.2.840.113549.1.9.16.1.26", SIGOBJ_MFT, "manifest" },
	{ "1.2.840.113549.1.9.16.1.49", SIGOBJ_ASPA, "aspa" },
	{ "1.2.840.113549.1.9.16.1.35", SIGOBJ_GBR, "ghostbusters" },
};

const char *
sigobj_type_str(enum sigobj_type t)
{
	size_t i;

	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (types[i].type == t)
			return types[i].name;
	return "signed-object";
}

void
sigobj_clear(struct sigobj *o)
{
	if (o == NULL)
		return;
	cert_clear(&o->ee);
	free(o->econtent);
	memset(o, 0, sizeof(*o));
}

/* The last OpenSSL error as text, then a clean queue. */
static void
ssl_err(char *buf, size_t len, const char *what)
{
	unsigned long e = ERR_peek_last_error();
	char tmp[120];

	if (e != 0) {
		ERR_error_string_n(e, tmp, sizeof(tmp));
		snprintf(buf, len, "%s: %s", what, tmp);
	} else
		snprintf(buf, len, "%s", what);
	ERR_clear_error();
}

bool
sigobj_parse(const uint8_t *der, size_t len, struct sigobj *o, char *err,
    size_t errlen)
{
	const unsigned char *p = der;
	CMS_ContentInfo *cms = NULL;
	STACK_OF(X509) *certs = NULL;
	ASN1_OCTET_STRING **content;
	const char *why = NULL;
	size_t i;
	int n;

	memset(o, 0, sizeof(*o));
	ERR_clear_error();
	if (len > MAX_RPKI_OBJECT) {
		why = "larger than MAX_RPKI_OBJECT";
		goto bad;
	}
	if ((cms = d2i_CMS_ContentInfo(NULL, &p, (long)len)) == NULL) {
		why = "not a CMS object";
		goto bad;
	}
	if (p != der + len) {
		why = "trailing bytes after the CMS object";
		goto bad;
	}
	if (OBJ_obj2nid(CMS_get0_type(cms)) != NID_pkcs7_signed) {
		why = "CMS content is not SignedData (RFC 6488 2.1)";
		goto bad;
	}
	if (OBJ_obj2txt(o->content_type, sizeof(o->content_type),
	    CMS_get0_eContentType(cms), 1) <= 0) {
		why = "bad eContentType";
		goto bad;
	}
	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (strcmp(o->content_type, types[i].oid) == 0)
			o->type = types[i].type;
	content = CMS_get0_content(cms);
	if (content == NULL || *content == NULL) {
		why = "no eContent (detached signature)";
		goto bad;
	}
	if (sk_CMS_SignerInfo_num(CMS_get0_SignerInfos(cms)) != 1) {
		why = "not exactly one SignerInfo (RFC 6488 2.1.6)";
		goto bad;
	}
	certs = CMS_get1_certs(cms);
	if (certs == NULL || sk_X509_num(certs) != 1) {
		why = "not exactly one certificate (RFC 6488 2.1.4)";
		goto bad;
	}
	if (!cert_from_x509(sk_X509_value(certs, 0), &o->ee, err, errlen)) {
		sk_X509_pop_free(certs, X509_free);
		CMS_ContentInfo_free(cms);
		memset(o, 0, sizeof(*o));
		return false;
	}
	n = ASN1_STRING_length(*content);
	o->econtent_len = n > 0 ? (size_t)n : 0;
	o->econtent = xmalloc(o->econtent_len + 1);
	if (n > 0)
		memcpy(o->econtent, ASN1_STRING_get0_data(*content),
		    o->econtent_len);
	/*
	 * The signer is the embedded certificate (its SKI must match the
	 * SignerInfo sid); the signed attributes' message digest is checked
	 * against the eContent.  No chain: CMS_NO_SIGNER_CERT_VERIFY.
	 */
	if (CMS_verify(cms, NULL, NULL, NULL, NULL, CMS_NO_SIGNER_CERT_VERIFY |
	    CMS_BINARY) == 1)
		o->sig_ok = true;
	else
		ssl_err(o->sig_err, sizeof(o->sig_err), "signature check failed");
	sk_X509_pop_free(certs, X509_free);
	CMS_ContentInfo_free(cms);
	ERR_clear_error();
	return true;
bad:
	snprintf(err, errlen, "%s", why);
	sk_X509_pop_free(certs, X509_free);
	CMS_ContentInfo_free(cms);
	ERR_clear_error();
	sigobj_clear(o);
	return false;
}
