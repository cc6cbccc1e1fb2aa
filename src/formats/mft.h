/*
 * RPKI manifests (RFC 9286): the eContent of a manifest signed object,
 * decoded with the DER reader.  sigobj.h unwraps the CMS.
 */
#ifndef MANRS_FORMATS_MFT_H
#define MANRS_FORMATS_MFT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MFT_HASH_LEN	32	/* SHA-256, the only fileHashAlg */

struct mft_file {
	char	*name;
	uint8_t	 hash[MFT_HASH_LEN];
};

struct mft {
	char		 number[41];	/* manifestNumber, upper-case hex */
	int64_t		 this_update, next_update;
	struct mft_file	*files;
	size_t		 nfiles;
};

/*
 * Decode a Manifest.  On success *out (NULL on entry) is the caller's,
 * to free with mft_free(); on bad input returns false with the field,
 * byte offset and reason in err.
 */
bool	mft_parse(const uint8_t *p, size_t len, struct mft **out, char *err,
	    size_t errlen);
/* NULL-safe. */
void	mft_free(struct mft *);

#endif
