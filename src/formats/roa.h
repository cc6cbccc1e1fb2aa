/*
 * Route Origin Authorizations (RFC 9582): the eContent of a ROA signed
 * object, decoded with the DER reader.  sigobj.h unwraps the CMS.
 */
#ifndef MANRS_FORMATS_ROA_H
#define MANRS_FORMATS_ROA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "net/prefix.h"

struct roa_ip {
	struct prefix	pfx;
	uint8_t		maxlen;	/* the prefix length when not encoded */
};

struct roa {
	uint32_t	 asid;
	struct roa_ip	*ips;
	size_t		 nips;
};

/*
 * Decode a RouteOriginAttestation.  On success *out (NULL on entry) is
 * the caller's, to free with roa_free(); on bad input returns false with
 * the field, byte offset and reason in err.
 */
bool	roa_parse(const uint8_t *p, size_t len, struct roa **out, char *err,
	    size_t errlen);
/* NULL-safe. */
void	roa_free(struct roa *);

#endif
