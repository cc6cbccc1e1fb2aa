/*
 * Any one RPKI repository object, its type told from the DER content
 * (never the file name): a signed object (ROA, manifest, ASPA, other), a
 * resource certificate or a CRL.
 */
#ifndef MANRS_FORMATS_RPKI_OBJ_H
#define MANRS_FORMATS_RPKI_OBJ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "formats/aspa_obj.h"
#include "formats/cert.h"
#include "formats/crl.h"
#include "formats/mft.h"
#include "formats/roa.h"
#include "formats/sigobj.h"

enum rpki_obj_kind { RPKI_OBJ_SIGNED, RPKI_OBJ_CERT, RPKI_OBJ_CRL };

struct rpki_obj {
	enum rpki_obj_kind	 kind;
	struct sigobj		 so;	/* RPKI_OBJ_SIGNED */
	struct roa		*roa;	/* so.type == SIGOBJ_ROA */
	struct mft		*mft;	/* so.type == SIGOBJ_MFT */
	struct aspa_obj		*aspa;	/* so.type == SIGOBJ_ASPA */
	struct rpki_cert	*cert;	/* RPKI_OBJ_CERT */
	struct rpki_crl		*crl;	/* RPKI_OBJ_CRL */
};

/*
 * Decode one object.  Returns false with the reason in err (and *out
 * cleared) when it is malformed; a signed object whose signature fails
 * still decodes (out->so.sig_ok says so).
 */
bool	rpki_obj_parse(const uint8_t *der, size_t len, struct rpki_obj *out,
	    char *err, size_t errlen);
/* NULL-safe. */
void	rpki_obj_clear(struct rpki_obj *);
/*
 * Read a whole file of at most MAX_RPKI_OBJECT bytes into *buf (the
 * caller frees it).  Returns false with the reason in err.
 */
bool	rpki_file_read(const char *path, uint8_t **buf, size_t *len,
	    char *err, size_t errlen);

#endif
