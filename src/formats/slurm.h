/*
 * SLURM files (RFC 8416): local exceptions to the RPKI, as JSON.
 *
 *   {"slurmVersion": 1,
 *    "validationOutputFilters": {
 *      "prefixFilters": [{"prefix": "192.0.2.0/24", "asn": 64496,
 *                         "comment": ".."}, ..],     prefix and/or asn
 *      "bgpsecFilters": [{"asn": 64496, "SKI": "..", "comment": ".."}]},
 *    "locallyAddedAssertions": {
 *      "prefixAssertions": [{"asn": 64496, "prefix": "198.51.100.0/24",
 *                            "maxPrefixLength": 24, "comment": ".."}],
 *      "bgpsecAssertions": [{"asn": 64496, "SKI": "..",
 *                            "routerPublicKey": "..", "comment": ".."}]}}
 *
 * Read strictly, as RFC 8416 3.1 asks ("An RP MUST consider any
 * deviations from the specifications to be errors"): every member above
 * is required unless shown optional, no other member may appear, no key
 * twice, prefixes carry no host bits, maxPrefixLength lies between the
 * prefix length and the family's maximum, AS numbers are JSON integers
 * in 0..2^32-1, SKI and routerPublicKey are unpadded base64url (RFC 4648
 * 5), an SKI is 20 bytes and a routerPublicKey a DER SubjectPublicKeyInfo
 * of an ECDSA P-256 key (RFC 8208 3.1).  A file with any error is not used at all:
 * half a local policy could keep a filter from applying.
 *
 * Two flags relax this for exports that do not follow the RFC (DN42's
 * adds "source" and "mnt-by" members and has three broken entries):
 * unknown members may be ignored, and bad array entries skipped, each
 * still reported and counted.  Errors outside the entries (JSON syntax,
 * version, missing arrays) always reject the file.
 *
 * Each error names the file, the line of the array element (or of the
 * JSON syntax error) and the JSON path of the member, and says what is
 * wrong.
 */
#ifndef MANRS_FORMATS_SLURM_H
#define MANRS_FORMATS_SLURM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "formats/vrp.h"
#include "net/prefix.h"

/* A prefix filter: prefix (afi != AFI_NONE), AS, or both. */
struct slurm_pfx_filter {
	struct prefix	pfx;
	bool		has_asn;
	uint32_t	asn;
};

/* A BGPsec filter: AS, SKI, or both. */
struct slurm_key_filter {
	bool		has_asn, has_ski;
	uint32_t	asn;
	uint8_t		ski[ROUTER_SKI_LEN];
};

struct slurm {
	struct slurm_pfx_filter	*pfx_filters;
	size_t			 npfx_filters;
	struct slurm_key_filter	*key_filters;
	size_t			 nkey_filters;
	struct vrp		*pfx_asserts;	/* ta is 0 */
	size_t			 npfx_asserts;
	struct router_key	*key_asserts;	/* each spki owned here */
	size_t			 nkey_asserts;
};

/* Read flags. */
#define SLURM_IGNORE_UNKNOWN	0x1	/* unknown members: count, go on */
#define SLURM_SKIP_BAD		0x2	/* bad array entries: report, skip */

#define SLURM_ERRMSG	512

struct slurm_errors {
	uint64_t	errors;		/* problems found (file not used) */
	uint64_t	ignored;	/* unknown members, SLURM_IGNORE_UNKNOWN */
	uint64_t	skipped;	/* bad entries, SLURM_SKIP_BAD */
	char		first[SLURM_ERRMSG];	/* the first error, as text */
};

/*
 * Read a SLURM file ("-" is standard input; plain or compressed) into
 * *out, which the caller zeroes (or slurm_free()s) first.  Returns 0 if
 * the file is good; -1 if not, with every problem logged (the first ten
 * as warnings, the rest with -vv), counted in err and the first one in
 * err->first, and *out left empty.
 */
int	slurm_read(const char *path, unsigned flags, struct slurm *out,
	    struct slurm_errors *err);
/* The same from an open descriptor, which it closes. */
int	slurm_read_fd(int fd, const char *name, unsigned flags,
	    struct slurm *out, struct slurm_errors *err);
/* NULL-safe; leaves an empty struct behind. */
void	slurm_free(struct slurm *);

#endif
