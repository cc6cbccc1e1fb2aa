/*
 * ASPA-based AS_PATH verification, as draft-ietf-sidrops-aspa-verification
 * describes it.  Checked against -27 (20 July 2026): the compressed path
 * (5.1), the provider authorization function (5.2), the ramp bounds
 * max/min_up_ramp and max/min_down_ramp (5.3) and the upstream (5.4) and
 * downstream (5.5) procedures; -28 renumbers these 5.2 to 5.6 and keeps
 * the procedure.  The formulation below (u_min/v_max, K/L) is the same
 * test: max_up_ramp = u_min - 1, max_down_ramp = N - v_max, min_up_ramp
 * = K, min_down_ramp = N - L + 1, so "max_up_ramp + max_down_ramp < N"
 * is u_min <= v_max and "min_up_ramp + min_down_ramp < N" is L - K > 1.
 * tests/test_aspa.c checks it against a transcription of 5.3 too.
 *
 * Numbering.  The draft numbers the ASes of a path from the origin:
 * AS(1) is the origin, AS(N) the neighbour that sent the route.  An
 * as_path here is stored as it was received: segs[0].asns[0] is the
 * neighbour and the last ASN of the last segment is the origin.  After
 * prepends are collapsed into a[0..N-1] (collector side first),
 *
 *	AS(i) = a[N - i],	i = 1..N,
 *
 * so hop(AS(i), AS(i+1)) asks whether a[N-i-1] is a provider of a[N-i].
 *
 * hop(AS(i), AS(j)), for adjacent i and j:
 *   NO_ATTESTATION  AS(i) has no ASPA;
 *   PROVIDER        AS(i) has an ASPA that lists AS(j) ("Provider+");
 *   NOT_PROVIDER    AS(i) has an ASPA that does not list AS(j).
 *
 * Upstream (route from a customer or a lateral peer: the path must be
 * all "up"):
 *   empty path or an AS_SET anywhere -> INVALID; N = 1 -> VALID;
 *   some hop(AS(i), AS(i+1)) is NOT_PROVIDER -> INVALID; else some is
 *   NO_ATTESTATION -> UNKNOWN; else VALID.
 * Downstream (route from a provider: one up-ramp, at most one lateral
 * hop at the top, then a down-ramp):
 *   empty path or an AS_SET -> INVALID; N <= 2 -> VALID;
 *   u_min = the smallest u in 2..N with hop(AS(u-1), AS(u)) NOT_PROVIDER
 *   (N+1 if none), v_max = the largest v in 1..N-1 with
 *   hop(AS(v+1), AS(v)) NOT_PROVIDER (0 if none); u_min <= v_max ->
 *   INVALID;
 *   up-ramp K = the largest K with hop(AS(i-1), AS(i)) PROVIDER for all
 *   2 <= i <= K, down-ramp L = the smallest L with hop(AS(j+1), AS(j))
 *   PROVIDER for all L <= j <= N-1; L - K <= 1 -> VALID, else UNKNOWN.
 *
 * Choices where the draft leaves the reader something to do:
 *  - The draft's check that AS(N) is the neighbour AS (step 2 of 5.4 and
 *    5.5) needs the BGP session and whether the neighbour is a
 *    transparent route server, which a collector's table does not give;
 *    it is not done.
 *  - Confederation segments (AS_CONFED_SEQUENCE/AS_CONFED_SET) must have
 *    been removed before the route leaves the confederation (RFC 5065);
 *    the draft verifies the path without them, so they are skipped here.
 *    An AS_SET (type 1) anywhere makes the path INVALID.
 *  - AS0 in a provider list never matches (an ASPA of just AS0 says the
 *    customer has no providers: every hop from it is NOT_PROVIDER; next
 *    to other providers it "has no influence", 4).
 *  - Several ASPA records for one customer are merged (the union of
 *    their providers), as a relying party's VAP set would be.
 *
 * The index is immutable once built and safe to share between threads.
 */
#ifndef MANRS_RPKI_ASPA_H
#define MANRS_RPKI_ASPA_H

#include <stddef.h>
#include <stdint.h>

#include "formats/bgp.h"
#include "formats/vrp.h"

enum aspa_state {
	ASPA_UNKNOWN,
	ASPA_VALID,
	ASPA_INVALID,
};

enum aspa_direction {
	ASPA_UPSTREAM,		/* received from a customer or lateral peer */
	ASPA_DOWNSTREAM,	/* received from a provider */
};

enum aspa_hop {
	ASPA_HOP_NO_ATTESTATION,
	ASPA_HOP_PROVIDER,	/* "Provider+" */
	ASPA_HOP_NOT_PROVIDER,	/* "Not Provider+" */
};

struct aspa_index;

/*
 * Build from n records whose providers are providers[first ..
 * first+count-1] (the struct vrp_set layout).  Records that reach past
 * nproviders are skipped.  Aborts on no memory.
 */
struct aspa_index *aspa_index_build(const struct aspa *, size_t n,
		    const uint32_t *providers, size_t nproviders);
/* The same from the ASPAs of a VRP set. */
struct aspa_index *aspa_index_from_set(const struct vrp_set *);
/* NULL-safe. */
void		 aspa_index_free(struct aspa_index *);

/* Number of customer ASes with an ASPA. */
size_t		 aspa_index_count(const struct aspa_index *);

/* hop(customer, provider) as defined above. */
enum aspa_hop	 aspa_hop(const struct aspa_index *, uint32_t customer,
		    uint32_t provider);

/* Verify a path (neighbour first, origin last).  Aborts on no memory. */
enum aspa_state	 aspa_verify(const struct aspa_index *,
		    const struct as_path *, enum aspa_direction);

const char	*aspa_state_str(enum aspa_state);

#endif
