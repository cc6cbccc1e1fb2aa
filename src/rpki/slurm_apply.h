/*
 * Apply a SLURM file (RFC 8416) to a VRP set, in the RFC's order: first
 * the filters remove what they match from the RPKI's output (4.2), then
 * the assertions are added, so a filter never removes an assertion.
 *
 * A prefix filter matches a VRP whose prefix is the filter's prefix or
 * more specific (3.3.1); one with an AS matches VRPs of that AS; one with
 * both, VRPs that match both.  A BGPsec filter matches router keys by AS,
 * SKI, or both (3.3.2).  An assertion already in the set (same prefix,
 * maxLength and AS; or same AS, SKI and key) or given twice is added
 * once.
 */
#ifndef MANRS_RPKI_SLURM_APPLY_H
#define MANRS_RPKI_SLURM_APPLY_H

#include <stddef.h>

#include "formats/slurm.h"
#include "formats/vrp.h"

struct slurm_counts {
	size_t	vrps_filtered, vrps_added, vrps_present;
	size_t	keys_filtered, keys_added, keys_present;
	size_t	over_limit;	/* assertions not added: MAX_VRPS etc. */
};

/* Aborts on no memory. */
void	slurm_apply(const struct slurm *, struct vrp_set *,
	    struct slurm_counts *);

#endif
