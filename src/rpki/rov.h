/*
 * Route origin validation (RFC 6811) over a set of VRPs.
 *
 * A route (prefix, origin AS) is
 *   VALID      if a covering VRP has its origin AS and a maxLength at
 *              least the route's length;
 *   INVALID    if VRPs cover it but none matches (the reason says whether
 *              some VRP had the origin AS but a too short maxLength,
 *              "length", or none had the AS, "as");
 *   NOT_FOUND  if no VRP covers it.
 * An AS0 VRP (RFC 6483 4, RFC 7607) covers but never matches; an origin
 * of 0 (ROV_ORIGIN_NONE: the path ends in an AS_SET, RFC 6811 2) never
 * matches either.
 *
 * The VRPs are kept in a path-compressed binary trie per family whose
 * nodes live in one array (indices, no pointer per node), with the VRPs
 * of each prefix in a contiguous run of two parallel arrays.  The
 * structure is immutable once built and safe to share between threads.
 */
#ifndef MANRS_RPKI_ROV_H
#define MANRS_RPKI_ROV_H

#include <stddef.h>
#include <stdint.h>

#include "formats/vrp.h"
#include "net/prefix.h"

#define ROV_ORIGIN_NONE	0u

enum rov_state {
	ROV_NOT_FOUND,
	ROV_VALID,
	ROV_INVALID,
};

enum rov_reason {
	ROV_REASON_NONE,	/* VALID or NOT_FOUND */
	ROV_REASON_AS,		/* no covering VRP has the origin AS */
	ROV_REASON_LENGTH,	/* one has it, but the route is too specific */
};

struct rov;

/*
 * Build from n VRPs (duplicates are kept once; entries with a bad family
 * or lengths, which vrp_read() never yields, are skipped).  Aborts on no
 * memory.
 */
struct rov	*rov_build(const struct vrp *, size_t n);
void		 rov_free(struct rov *);

/* Validate; reason may be NULL. */
enum rov_state	 rov_validate(const struct rov *, const struct prefix *,
		    uint32_t origin, enum rov_reason *reason);
/*
 * The VRPs covering a prefix, shortest first (then by AS, maxLength):
 * writes up to max into out (ta is 0) and returns how many there are.
 */
size_t		 rov_covering(const struct rov *, const struct prefix *,
		    struct vrp *out, size_t max);

/* Distinct VRPs held, duplicates dropped, and bytes of memory used. */
size_t		 rov_count(const struct rov *);
size_t		 rov_duplicates(const struct rov *);
size_t		 rov_memory(const struct rov *);

const char	*rov_state_str(enum rov_state);	/* "valid", ... */
const char	*rov_reason_str(enum rov_reason); /* "", "as", "length" */

#endif
