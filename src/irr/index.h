/*
 * An index of IRR route and route6 objects by (prefix, origin, source).
 *
 * Each source (the "source:" of an object, upper-cased) is authoritative
 * or not.  By default the five RIR IRRs (RIPE, ARIN, APNIC, AFRINIC,
 * LACNIC) are authoritative and every other source, RIPE-NONAUTH and
 * ARIN-NONAUTH included, is not; irr_index_set_auth() changes that at any
 * time.
 *
 * Objects are added, then irr_index_finish() sorts them by (prefix,
 * origin, source, file, line) and drops repeats of the same (prefix,
 * origin, source), keeping the first in file order; the queries are valid
 * only after it.  A record is 32 bytes in one array sized to fit after
 * finish; file and source names are kept once.
 */
#ifndef MANRS_IRR_INDEX_H
#define MANRS_IRR_INDEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "net/prefix.h"

struct irr_route {
	struct prefix	pfx;
	uint16_t	source;		/* irr_index_source_name() */
	uint32_t	origin;
	uint32_t	line;		/* of the object's first line */
	uint16_t	file;		/* irr_index_file_name() */
};

/* How (prefix, origin) is registered. */
enum irr_match {
	IRR_MATCH_NONE,
	IRR_MATCH_EXACT,		/* an object for the prefix itself */
	IRR_MATCH_MORE_SPECIFIC,	/* a less specific object, same origin */
};

struct irr_lookup {
	enum irr_match		 match;
	/* The objects of the longest matching prefix, sorted by source. */
	const struct irr_route	*first;
	size_t			 n;
	/* Whether any of all the matching objects is in an auth source. */
	bool			 auth;
	bool			 nonauth;
};

struct irr_index;

struct irr_index	*irr_index_new(void);
void			 irr_index_free(struct irr_index *);	/* NULL-safe */

/*
 * The id of a source name (case-insensitive), added if new; -1 if the
 * name is empty, longer than 64 bytes, or there are MAX_IRR_SOURCES.
 */
int		 irr_index_source(struct irr_index *, const char *name,
		    size_t len);
void		 irr_index_set_auth(struct irr_index *, const char *name,
		    bool auth);
size_t		 irr_index_nsources(const struct irr_index *);
const char	*irr_index_source_name(const struct irr_index *, unsigned);
bool		 irr_index_source_auth(const struct irr_index *, unsigned);
/* -1 past MAX_IRR_FILES. */
int		 irr_index_file(struct irr_index *, const char *name);
const char	*irr_index_file_name(const struct irr_index *, unsigned);

/* False past MAX_IRR_ROUTES (the object is not added). */
bool		 irr_index_add(struct irr_index *, const struct prefix *,
		    uint32_t origin, unsigned source, unsigned file,
		    uint32_t line);
void		 irr_index_finish(struct irr_index *);

/* Distinct objects held, repeats dropped, and bytes allocated. */
size_t		 irr_index_count(const struct irr_index *);
size_t		 irr_index_repeats(const struct irr_index *);
size_t		 irr_index_memory(const struct irr_index *);
/* All objects, in index order. */
const struct irr_route *irr_index_routes(const struct irr_index *,
		    size_t *n);

/* Is (prefix, origin) registered, and where. */
void		 irr_index_lookup(const struct irr_index *,
		    const struct prefix *, uint32_t origin,
		    struct irr_lookup *);
/*
 * Call fn for each object whose prefix is p or a less specific of it,
 * longest prefix first; fn returns false to stop.
 */
typedef bool	 irr_route_fn(void *ctx, const struct irr_route *);
void		 irr_index_covering(const struct irr_index *,
		    const struct prefix *, irr_route_fn *, void *ctx);
/* Index range [*lo, *hi) of the objects p covers (p and more specifics). */
void		 irr_index_covered(const struct irr_index *,
		    const struct prefix *, size_t *lo, size_t *hi);
/*
 * The objects originated by asn, as indices into irr_index_routes();
 * the by-origin table is built on the first call (4 bytes per object).
 */
const uint32_t	*irr_index_by_origin(struct irr_index *, uint32_t asn,
		    size_t *n);
bool		 irr_index_has_origin(struct irr_index *, uint32_t asn);

#endif
