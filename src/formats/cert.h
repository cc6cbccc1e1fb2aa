/*
 * RPKI resource certificates (RFC 6487) with their RFC 3779 IP and AS
 * resources, decoded through OpenSSL.  Used for .cer files and for the EE
 * certificate inside every signed object.
 *
 * This reads a certificate; it does not validate a chain.  Whether the
 * issuer holds the resources, the CRL, the manifest: rpki-client's job.
 */
#ifndef MANRS_FORMATS_CERT_H
#define MANRS_FORMATS_CERT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <openssl/x509.h>

#include "net/prefix.h"

enum cert_kind { CERT_CA, CERT_EE, CERT_ROUTER };

enum res_type {
	RES_AS,			/* as_min..as_max (equal for one ASN) */
	RES_AS_INHERIT,
	RES_IP_PREFIX,		/* pfx (min/max are its bounds) */
	RES_IP_RANGE,		/* min..max, not a single prefix */
	RES_IP_INHERIT,		/* afi */
};

struct rpki_res {
	enum res_type	type;
	uint32_t	as_min, as_max;
	struct prefix	pfx;
	struct addr	min, max;
};

/* A key identifier is a SHA-1 (RFC 6487 4.8.2); room for odd ones. */
#define CERT_KEYID_MAX	64

struct rpki_cert {
	enum cert_kind	 kind;
	char		*subject, *issuer;	/* RFC 2253 text */
	char		*serial;		/* upper-case hex */
	uint8_t		 ski[CERT_KEYID_MAX], aki[CERT_KEYID_MAX];
	size_t		 skilen, akilen;
	int64_t		 not_before, not_after;	/* seconds since the epoch */
	/* rsync/https URIs, NULL when absent. */
	char		*aia, *sia_repo, *sia_mft, *sia_notify, *sia_obj;
	struct rpki_res	*res;
	size_t		 nres;
};

/*
 * Fill *out from x (which stays the caller's).  On bad input returns
 * false with the reason in err and *out cleared.
 */
bool	cert_from_x509(X509 *x, struct rpki_cert *out, char *err,
	    size_t errlen);
/* A DER certificate file's bytes; NULL with the reason in err. */
struct rpki_cert *cert_parse(const uint8_t *der, size_t len, char *err,
	    size_t errlen);
/* NULL-safe. */
void	cert_clear(struct rpki_cert *);
void	cert_free(struct rpki_cert *);
/*
 * Is p inside the certificate's own IP resources?  False when they are
 * inherited (that needs the issuer: full validation).
 */
bool	cert_holds_prefix(const struct rpki_cert *, const struct prefix *p);
const char *cert_kind_str(enum cert_kind);

/* OpenSSL helpers shared with crl.c; the strings are xmalloc'd. */
char	*x509_name_text(const X509_NAME *);	/* RFC 2253, escaped */
bool	 asn1_time_secs(const ASN1_TIME *, int64_t *);
char	*asn1_int_hex(const ASN1_INTEGER *);	/* NULL if unreadable */

#endif
