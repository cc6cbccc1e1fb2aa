/*
 * Certificate revocation lists of RPKI CAs (RFC 6487 5), decoded through
 * OpenSSL.  Read for display only: no signature or issuer check.
 */
#ifndef MANRS_FORMATS_CRL_H
#define MANRS_FORMATS_CRL_H

#include <stddef.h>
#include <stdint.h>

#include "formats/cert.h"

struct crl_entry {
	char	*serial;	/* upper-case hex */
	int64_t	 revoked;	/* seconds since the epoch */
};

struct rpki_crl {
	char			*issuer;	/* RFC 2253 text */
	uint8_t			 aki[CERT_KEYID_MAX];
	size_t			 akilen;
	char			*number;	/* cRLNumber, hex; NULL if absent */
	int64_t			 this_update, next_update;
	struct crl_entry	*entries;
	size_t			 nentries;
};

/* A DER CRL's bytes; NULL with the reason in err. */
struct rpki_crl *crl_parse(const uint8_t *der, size_t len, char *err,
	    size_t errlen);
/* NULL-safe. */
void	crl_free(struct rpki_crl *);

#endif
