/*
 * The AS relationship graph (CAIDA as-rel / as-rel2 and ppdc-ases) and the
 * queries the observatory asks of it millions of times: the relationship
 * of two ASes, and whether one is in the other's customer cone.
 *
 * Build: asgraph_new(), add links and (optionally) given cones, then
 * asgraph_finish().  After that the graph is immutable except for the
 * memoised cones: asgraph_cone() computes an AS's cone on first use (so it
 * is not thread-safe); call asgraph_cones_all() first to share the graph
 * between threads read-only.
 *
 * Layout: ASNs sorted in one array (an AS's index is its rank), adjacency
 * in compressed sparse rows sorted by neighbour index, so a relationship is
 * two binary searches; cones are sorted arrays of indices.  The customer
 * cone of X is X plus every AS reachable from X by provider-to-customer
 * links (CAIDA's recursive cone); a ppdc-ases file gives cones instead.
 */
#ifndef MANRS_NET_ASGRAPH_H
#define MANRS_NET_ASGRAPH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What a is to b. */
enum asrel {
	ASREL_NONE,		/* no link */
	ASREL_PROVIDER,		/* a is a provider of b */
	ASREL_CUSTOMER,		/* a is a customer of b */
	ASREL_PEER,
	ASREL_SIBLING,
};

/* Most distinct as-rel2 source names ("bgp", "mlp", ...) kept. */
#define ASGRAPH_MAX_SOURCES	32

struct asgraph;

struct asgraph	*asgraph_new(void);
void		 asgraph_free(struct asgraph *);

/*
 * Add the link "a is rel to b", learnt from source (an index from
 * asgraph_source(), 0 for none).  Returns false with *why set if a == b,
 * rel is ASREL_NONE, there are too many links, or the pair is already
 * linked (then *prev is the seq given with the first link; the first link
 * is kept).  seq is the caller's record number, for such messages.
 */
bool		 asgraph_add_link(struct asgraph *, uint32_t a, uint32_t b,
		    enum asrel rel, unsigned source, uint64_t seq,
		    const char **why, uint64_t *prev);
/* Index of an as-rel2 source name (1-based); 0 if the table is full. */
unsigned	 asgraph_source(struct asgraph *, const char *, size_t);
const char	*asgraph_source_name(const struct asgraph *, unsigned);
/*
 * A given customer cone (ppdc-ases): as and its members, in any order
 * (as itself is added).  Once any cone is given, cones are never computed:
 * an AS without a given cone has only itself.  False with *why if as
 * already has one or the total is over MAX_CONE_MEMBERS.
 */
bool		 asgraph_add_cone(struct asgraph *, uint32_t as,
		    const uint32_t *members, size_t n, const char **why);
/* The clique and IXP lists from as-rel comments. */
void		 asgraph_add_clique(struct asgraph *, uint32_t);
void		 asgraph_add_ixp(struct asgraph *, uint32_t);
/* Build the indexes.  Call once, before any query. */
void		 asgraph_finish(struct asgraph *);

/* Queries (after asgraph_finish). */
bool		 asgraph_has(const struct asgraph *, uint32_t);
enum asrel	 asgraph_rel(const struct asgraph *, uint32_t a, uint32_t b);
/* As asgraph_rel, and the link's source index (0 if none). */
enum asrel	 asgraph_rel_source(const struct asgraph *, uint32_t a,
		    uint32_t b, unsigned *source);
/*
 * The cone of as: sorted ASNs written to out (up to max), returns the cone
 * size (0 if as is not in the graph).
 */
size_t		 asgraph_cone(struct asgraph *, uint32_t as, uint32_t *out,
		    size_t max);
size_t		 asgraph_cone_size(struct asgraph *, uint32_t as);
/* Is a in the customer cone of b?  (b is in its own cone.) */
bool		 asgraph_in_cone(struct asgraph *, uint32_t a, uint32_t b);
/* Compute every cone now; returns the sum of the cone sizes. */
uint64_t	 asgraph_cones_all(struct asgraph *);
bool		 asgraph_cones_given(const struct asgraph *);
/*
 * Neighbours of as with relationship rel (what as is to them), sorted;
 * written to out (up to max), returns how many there are.
 */
size_t		 asgraph_neighbours(const struct asgraph *, uint32_t as,
		    enum asrel rel, uint32_t *out, size_t max);

size_t		 asgraph_nodes(const struct asgraph *);
/* The i-th AS in ascending order (i < asgraph_nodes()). */
uint32_t	 asgraph_node(const struct asgraph *, size_t i);
size_t		 asgraph_links(const struct asgraph *);
size_t		 asgraph_links_rel(const struct asgraph *, enum asrel);
const uint32_t	*asgraph_clique(const struct asgraph *, size_t *n);
const uint32_t	*asgraph_ixps(const struct asgraph *, size_t *n);
/* Bytes held, memoised cones included. */
size_t		 asgraph_memory(const struct asgraph *);
const char	*asrel_str(enum asrel);

#endif
