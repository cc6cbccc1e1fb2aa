/*
 * RPKI signed objects (RFC 6488): the CMS SignedData wrapper shared by
 * ROAs, manifests, ASPAs and Ghostbusters records.  OpenSSL decodes the
 * CMS and checks the signature against the one EE certificate the object
 * carries; the eContent is handed back raw for roa.c, mft.c or
 * aspa_obj.c to decode.
 *
 * The signature check is the object's own: its EE certificate is not
 * chained to a trust anchor here.
 */
#ifndef MANRS_FORMATS_SIGOBJ_H
#define MANRS_FORMATS_SIGOBJ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "formats/cert.h"

enum sigobj_type {
	SIGOBJ_OTHER,
	SIGOBJ_ROA,		/* id-ct-routeOriginAuthz, RFC 9582 */
	SIGOBJ_MFT,		/* id-ct-rpkiManifest, RFC 9286 */
	SIGOBJ_ASPA,		/* id-ct-ASPA, the ASPA profile draft */
	SIGOBJ_GBR,		/* id-ct-rpkiGhostbusters, RFC 6493 */
};

struct sigobj {
	enum sigobj_type type;
	char		 content_type[64];	/* eContentType, dotted */
	struct rpki_cert ee;
	bool		 sig_ok;
	char		 sig_err[160];	/* why the signature failed */
	uint8_t		*econtent;
	size_t		 econtent_len;
};

/*
 * Decode a DER signed object.  A malformed object returns false with the
 * reason in err and *out cleared; a well-formed one whose signature does
 * not verify returns true with sig_ok false and sig_err set.
 */
bool	sigobj_parse(const uint8_t *der, size_t len, struct sigobj *out,
	    char *err, size_t errlen);
/* NULL-safe. */
void	sigobj_clear(struct sigobj *);
const char *sigobj_type_str(enum sigobj_type);

#endif
