/*
 * The IRR comparison, in the manner of IRR Explorer: every (prefix,
 * origin) pair that an IRR registers or BGP announced (the store's newest
 * period), for one AS or for one prefix with its less and more specifics,
 * with the IRR sources that hold it, its RPKI state, what BGP saw, and
 * what looks wrong, worst first.  `manrs asn --compare`, `manrs prefix
 * --compare` and GET /api/v1/irr-comparison print the same object.
 */
#ifndef MANRS_REPORT_IRR_COMPARE_H
#define MANRS_REPORT_IRR_COMPARE_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "net/prefix.h"

struct store;
struct lookup_data;

/* data may be NULL: the IRR and RPKI columns then say they need it. */
json_t	*irr_compare_asn(struct store *, const struct lookup_data *,
	    uint32_t asn, char *err, size_t errlen);
json_t	*irr_compare_prefix(struct store *, const struct lookup_data *,
	    const struct prefix *, char *err, size_t errlen);

#endif
