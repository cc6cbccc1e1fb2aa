/*
 * Where an AS is registered: its RIR region and country, from the RIR
 * delegated-extended statistics (formats/rirstats.h), for the overview's
 * breakdown by region and country.  Only asn records are kept, as sorted
 * ranges; a lookup is a binary search.
 */
#ifndef MANRS_REPORT_GEO_H
#define MANRS_REPORT_GEO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct geo;

/*
 * Read RIR statistics files (bad lines are skipped, counted in the
 * warning log).  NULL with err when a file cannot be read at all.
 */
struct geo	*geo_load(const char *const *paths, size_t n, char *err,
		    size_t errlen);
void		 geo_free(struct geo *);	/* NULL-safe */
size_t		 geo_count(const struct geo *);	/* asn ranges kept */
/*
 * The region (an enum rir from formats/rirstats.h; rir_display() names
 * it) and country ("NL"; "" when the registry gives none) of asn; false
 * when no record covers it.
 */
bool		 geo_lookup(const struct geo *, uint32_t asn, unsigned *rir,
		    const char **cc);

#endif
