/*
 * aut-num, as-set and route-set objects (RFC 2622 sections 5 and 6,
 * RFC 4012 mp-members) and the recursive expansion of a set to ASNs or
 * prefixes.
 *
 * Set names are case-insensitive and kept upper-cased.  A name may be
 * hierarchical (AS123:AS-FOO, RFC 2622 5.1) and, as in IRRd and bgpq4,
 * qualified by a source: "RADB::AS-FOO" is AS-FOO as registered in RADB
 * only.  An unqualified name that several sources define resolves to the
 * definition in the source of the set that names it, else in the first
 * authoritative source, else in the first source loaded.
 *
 * Expansion walks the sets breadth first, so that each set is expanded
 * once, at the shallowest level it is reached (the named set is level 1).
 * Sets deeper than max_depth are not expanded, and the expansion stops
 * when the result reaches max_size items; both cut-offs are reported with
 * the set where they happened.  To prefixes, an ASN member stands for the route
 * and route6 objects it originates (in any source), a route-set
 * contributes its prefixes (with their range operators; an operator on a
 * set name or ASN member is not applied).  After the walk, a depth-first
 * search over the expanded sets reports every member that leads back to a
 * set on the current path: a cycle (skipped when the size cap stopped
 * the walk).
 */
#ifndef MANRS_IRR_ASSET_H
#define MANRS_IRR_ASSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "formats/rpsl.h"
#include "irr/index.h"
#include "net/prefix.h"

struct irr_sets;

/* The sets share the index's source and file tables. */
struct irr_sets	*irr_sets_new(struct irr_index *);
void		 irr_sets_free(struct irr_sets *);	/* NULL-safe */

/*
 * Keep an as-set, route-set or aut-num object (other classes: returns
 * true and keeps nothing).  False with *why for a bad set name, an
 * aut-num key that is not an ASN, or more than MAX_IRR_SET_MEMBERS
 * members.
 */
bool	irr_sets_add(struct irr_sets *, const struct rpsl_object *,
	    unsigned source, unsigned file, const char **why);
size_t	irr_sets_count(const struct irr_sets *);	/* as-sets, route-sets */
size_t	irr_sets_autnums(const struct irr_sets *);
bool	irr_sets_has_autnum(struct irr_sets *, uint32_t asn);

/* A prefix with its RFC 2622 range: lengths lo..hi are meant. */
struct irr_range {
	struct prefix	pfx;
	uint8_t		lo, hi;
};

enum irr_finding_kind {
	IRR_FIND_CYCLE,		/* member is a set on the current path */
	IRR_FIND_DEPTH,		/* member set not expanded: max depth */
	IRR_FIND_SIZE,		/* expansion stopped: max size */
	IRR_FIND_UNKNOWN_SET,	/* member set defined in no source */
	IRR_FIND_UNREGISTERED,	/* member ASN: no aut-num, no route */
	IRR_FIND_BAD_MEMBER,	/* member neither ASN, set nor prefix */
	IRR_FIND_WRONG_CLASS,	/* route-set in an as-set, or the reverse */
	IRR_FIND_MAX
};

struct irr_finding {
	enum irr_finding_kind	 kind;
	const char		*set;	/* SOURCE::NAME where it was found */
	const char		*member;
};

struct irr_expand_opts {
	bool		prefixes;
	unsigned	max_depth;	/* 0 or over MAX_AS_SET_DEPTH: that */
	size_t		max_size;	/* 0 or over MAX_AS_SET_SIZE: that */
};

struct irr_expansion {
	const char		*name;	/* SOURCE::NAME of the root */
	bool			 found;
	bool			 route_set;
	uint32_t		*asns;	/* sorted */
	size_t			 nasns;
	struct irr_range	*ranges; /* sorted by prefix, lo, hi */
	size_t			 nranges;
	unsigned		 depth;	/* deepest level expanded */
	size_t			 sets;	/* distinct sets expanded */
	bool			 cut;	/* depth or size cut-off hit */
	uint64_t		 counts[IRR_FIND_MAX];
	struct irr_finding	*findings; /* first MAX_IRR_FINDINGS */
	size_t			 nfindings;
	struct expand_mem	*mem;
};

/*
 * Expand name ("AS-FOO", "SRC::AS-FOO", "AS65000" or a route-set with
 * opts->prefixes).  An unknown name gives found = false.  Free with
 * irr_expansion_free().
 */
void	irr_expand(struct irr_sets *, const char *name,
	    const struct irr_expand_opts *, struct irr_expansion *);
void	irr_expansion_free(struct irr_expansion *);
const char *irr_finding_str(enum irr_finding_kind);

/* "10.0.0.0/8^+" style text of a range; returns the length. */
#define IRR_RANGE_STRLEN	(PREFIX_STRLEN + 8)	/* "^128-128" */
size_t	irr_range_fmt(const struct irr_range *, char buf[IRR_RANGE_STRLEN]);

#endif
