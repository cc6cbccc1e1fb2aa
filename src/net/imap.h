/*
 * Interval maps: sorted, disjoint [first, last] segments of an address or
 * ASN space, each carrying a value (an index the caller gives meaning to).
 * Registries paint space in layers (an IANA /8, a special-purpose /24
 * inside it, a more specific /32 inside that); imap_build() resolves the
 * layers once, so a lookup is one binary search.
 */
#ifndef MANRS_NET_IMAP_H
#define MANRS_NET_IMAP_H

#include <stddef.h>
#include <stdint.h>

#include "net/range.h"

/* One layer: paint [first, last] with val; the highest prio wins. */
struct paint {
	u128		first, last;
	uint64_t	prio;
	uint32_t	val;	/* 0 paints "nothing" over lower layers */
};

struct seg {
	u128		first, last;
	uint32_t	val;	/* never 0 */
};

struct imap {
	struct seg	*segs;
	size_t		 n;
};

/*
 * Resolve paints (reordered in place) into segments; adjacent segments
 * with the same value are merged.  No paint may have first > last.
 */
void	imap_build(struct imap *, struct paint *, size_t n);
void	imap_free(struct imap *);
/* The segment holding v, or NULL. */
const struct seg *imap_find(const struct imap *, u128 v);
/* Index of the first segment ending at or after v (n if none). */
size_t	imap_lower(const struct imap *, u128 v);

/*
 * Walk k maps together over [lo, hi]: cb gets each maximal piece on which
 * no map changes value, with vals[i] the value of map i there (0: none).
 * Pieces where every map is empty are skipped.
 */
typedef void	imap_walk_cb(void *arg, u128 first, u128 last,
		    const uint32_t *vals);
#define IMAP_WALK_MAX	4
void	imap_walk(const struct imap *const *maps, unsigned k, u128 lo, u128 hi,
	    imap_walk_cb *cb, void *arg);

#endif
