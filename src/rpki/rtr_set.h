/*
 * The live VRP set of the RTR client: a hash set of VRPs (prefix,
 * maxLength, AS) that takes announcements and withdrawals one by one, as
 * RTRlib reports them.  Open addressing with linear probing; a removal
 * shifts back the entries behind the hole, so no tombstones pile up under
 * a long stream of changes.  Not locked: the caller serializes.
 */
#ifndef MANRS_RPKI_RTR_SET_H
#define MANRS_RPKI_RTR_SET_H

#include <stdbool.h>
#include <stddef.h>

#include "formats/vrp.h"

struct rtr_slot {
	struct vrp	v;
	bool		used;
};

struct rtr_set {
	struct rtr_slot	*tab;
	size_t		 cap, n;
	size_t		 dropped;	/* adds refused over MAX_VRPS */
};

void	rtr_set_init(struct rtr_set *);
void	rtr_set_free(struct rtr_set *);
/* False if v was there already, or the set holds MAX_VRPS (dropped). */
bool	rtr_set_add(struct rtr_set *, const struct vrp *v);
/* False if v was not there. */
bool	rtr_set_remove(struct rtr_set *, const struct vrp *v);
/*
 * Append every VRP to *out, sorted by prefix (family, address, length),
 * then maxLength, then AS; ta is 0.  Returns how many.
 */
size_t	rtr_set_export(const struct rtr_set *, struct vrp_set *out);

#endif
