/*
 * Loading RPSL dumps into an IRR index (route, route6) and a set store
 * (aut-num, as-set, route-set).  Every object is taken from its own
 * "source:" attribute; an object without one is skipped and counted.  A
 * bad object (a route whose prefix has host bits set, a set with a bad
 * name...) is skipped with a message naming the file and line; the first
 * IRR_LOAD_WARN per file are logged as warnings, the rest at debug level.
 */
#ifndef MANRS_IRR_LOAD_H
#define MANRS_IRR_LOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "formats/rpsl.h"
#include "irr/asset.h"
#include "irr/index.h"

#define IRR_LOAD_WARN	10

struct irr_load_stats {
	uint64_t	objects;	/* RPSL objects read */
	uint64_t	routes;		/* route/route6 added */
	uint64_t	sets;		/* as-set/route-set added */
	uint64_t	autnums;
	uint64_t	bad;		/* of the classes above, rejected */
	uint64_t	no_source;	/* no (usable) "source:" */
	uint64_t	rpsl_skipped;	/* syntax errors (rpsl_stats) */
	char		last_bad[512];	/* "file:line: why" */
};

/*
 * Read every object of f into idx and sets (sets may be NULL: route
 * objects only), adding to *st.  Returns false if the stream broke or the
 * index is full; *err (errlen bytes) then says why.
 */
bool	irr_load(struct irr_index *, struct irr_sets *, struct rpsl_file *,
	    const char *name, struct irr_load_stats *, char *err,
	    size_t errlen);
/* Open path (plain or compressed, "-" for stdin) and irr_load() it. */
bool	irr_load_path(struct irr_index *, struct irr_sets *, const char *path,
	    struct irr_load_stats *, char *err, size_t errlen);

#endif
