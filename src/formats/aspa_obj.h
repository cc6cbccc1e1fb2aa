/*
 * ASPA objects (draft-ietf-sidrops-aspa-profile, eContent type id-ct-ASPA,
 * 1.2.840.113549.1.9.16.1.49), decoded with the DER reader.  Both forms
 * seen in repositories are read: version 1 (providers are plain ASIDs) and
 * the earlier version 0 (each provider may carry an AFI limit).
 */
#ifndef MANRS_FORMATS_ASPA_OBJ_H
#define MANRS_FORMATS_ASPA_OBJ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct aspa_provider {
	uint32_t	asid;
	uint8_t		afi;	/* 0 both, else the only AFI (version 0) */
};

struct aspa_obj {
	unsigned		 version;
	uint32_t		 customer;
	struct aspa_provider	*providers;
	size_t			 nproviders;
};

/*
 * Decode an ASProviderAttestation.  On success *out (NULL on entry) is
 * the caller's, to free with aspa_obj_free(); on bad input returns false
 * with the field, byte offset and reason in err.
 */
bool	aspa_obj_parse(const uint8_t *p, size_t len, struct aspa_obj **out,
	    char *err, size_t errlen);
/* NULL-safe. */
void	aspa_obj_free(struct aspa_obj *);

#endif
