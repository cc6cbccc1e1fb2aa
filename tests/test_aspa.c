/*
 * ASPA-based AS_PATH verification (draft-ietf-sidrops-aspa-verification):
 * hand-made vectors, each with the reasoning behind its answer, and the
 * index + procedure against two oracles on random small inputs: an
 * exhaustive valley-free search, and a literal transcription of the ramp
 * bounds of section 5.3 of -27 (with vectors worked by hand from them).
 *
 * Paths are written as stored: neighbour first, origin last.  In the
 * comments AS(1) is the origin, as in the draft.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/bgp.h"
#include "formats/vrp.h"
#include "rpki/aspa.h"
#define TEST_RNG_SEED	0x9e3779b97f4a7c15ull
#include "rand.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* Build an index from "customer: p p p" records; 0 ends each list. */
struct rec {
	uint32_t	customer;
	uint32_t	provs[8];	/* ends at the first 0 after [0] */
	unsigned	nprovs;
};

static struct aspa_index *
build(const struct rec *r, size_t n)
{
	struct aspa a[32];
	uint32_t p[256];
	size_t np = 0, i, j;
	struct aspa_index *ix;

	assert_true(n <= NELEM(a));
	for (i = 0; i < n; i++) {
		a[i].customer = r[i].customer;
		a[i].first = (uint32_t)np;
		a[i].count = r[i].nprovs;
		for (j = 0; j < r[i].nprovs; j++)
			p[np++] = r[i].provs[j];
	}
	ix = aspa_index_build(a, n, p, np);
	assert_non_null(ix);
	return ix;
}

/*
 * The golden ASPA set:
 *   10 -> {20, 30}    20 -> {40}    30 -> {40}    40 -> {AS0}
 *   50 -> {40}        60 -> {50}    70 -> {AS0}
 *   80, 90: no ASPA.
 * 40 is a "tier 1" (no providers); 70 a stub that says it has none.
 */
static const struct rec golden_recs[] = {
	{ 10, { 20, 30 }, 2 },
	{ 20, { 40 }, 1 },
	{ 30, { 40 }, 1 },
	{ 40, { 0 }, 1 },
	{ 50, { 40 }, 1 },
	{ 60, { 50 }, 1 },
	{ 70, { 0 }, 1 },
};

/* One AS_SEQUENCE. */
static enum aspa_state
verify_seq(const struct aspa_index *ix, const uint32_t *asns, size_t n,
    enum aspa_direction dir)
{
	struct as_segment seg;
	struct as_path p;

	seg.type = AS_SEQUENCE;
	seg.count = (uint16_t)n;
	seg.asns = asns;
	p.nseg = n > 0 ? 1 : 0;
	p.segs = &seg;
	return aspa_verify(ix, &p, dir);
}

#define UP(...)		vseq(ix, ASPA_UPSTREAM, __VA_ARGS__)
#define DOWN(...)	vseq(ix, ASPA_DOWNSTREAM, __VA_ARGS__)
#define vseq(ix, dir, ...) \
	verify_seq((ix), (const uint32_t[]){ __VA_ARGS__ }, \
	    NELEM(((const uint32_t[]){ __VA_ARGS__ })), (dir))

static void
test_hop(void **state)
{
	struct aspa_index *ix = build(golden_recs, NELEM(golden_recs));

	(void)state;
	assert_int_equal(aspa_index_count(ix), 7);
	/* 20 is listed by 10. */
	assert_int_equal(aspa_hop(ix, 10, 20), ASPA_HOP_PROVIDER);
	assert_int_equal(aspa_hop(ix, 10, 30), ASPA_HOP_PROVIDER);
	/* 10 has an ASPA without 40. */
	assert_int_equal(aspa_hop(ix, 10, 40), ASPA_HOP_NOT_PROVIDER);
	/* 80 has no ASPA at all. */
	assert_int_equal(aspa_hop(ix, 80, 10), ASPA_HOP_NO_ATTESTATION);
	/* An AS0 ASPA: attested, and no AS (not even 0) is a provider. */
	assert_int_equal(aspa_hop(ix, 40, 10), ASPA_HOP_NOT_PROVIDER);
	assert_int_equal(aspa_hop(ix, 40, 0), ASPA_HOP_NOT_PROVIDER);
	assert_int_equal(aspa_hop(ix, 70, 40), ASPA_HOP_NOT_PROVIDER);
	assert_string_equal(aspa_state_str(ASPA_VALID), "valid");
	assert_string_equal(aspa_state_str(ASPA_INVALID), "invalid");
	assert_string_equal(aspa_state_str(ASPA_UNKNOWN), "unknown");
	aspa_index_free(ix);
	aspa_index_free(NULL);
}

static void
test_upstream(void **state)
{
	struct aspa_index *ix = build(golden_recs, NELEM(golden_recs));

	(void)state;
	/* 1. AS(1)=10, AS(2)=20: hop(10,20) Provider+, all up: valid. */
	assert_int_equal(UP(20, 10), ASPA_VALID);
	/* 2. 10 -> 20 -> 40, each hop to an attested provider: valid. */
	assert_int_equal(UP(40, 20, 10), ASPA_VALID);
	/* 3. Single AS (N = 1): nothing to check, valid. */
	assert_int_equal(UP(10), ASPA_VALID);
	/* 4. Single AS without any ASPA: still N = 1, valid. */
	assert_int_equal(UP(80), ASPA_VALID);
	/*
	 * 5. Route leak: 20 got it from its customer 10 and sent it to 30,
	 * which 20's ASPA does not list: hop(20,30) Not Provider+: invalid.
	 */
	assert_int_equal(UP(30, 20, 10), ASPA_INVALID);
	/* 6. Origin 80 has no ASPA: hop(80,20) No Attestation: unknown. */
	assert_int_equal(UP(20, 80), ASPA_UNKNOWN);
	/* 7. No ASPA anywhere: unknown. */
	assert_int_equal(UP(90, 80), ASPA_UNKNOWN);
	/*
	 * 8. hop(80,20) No Attestation but hop(20,30) Not Provider+: the
	 * Not Provider+ is checked first, invalid.
	 */
	assert_int_equal(UP(30, 20, 80), ASPA_INVALID);
	/* 9. Prepends collapse: 20 20 20 10 10 is 20 10, as case 1. */
	assert_int_equal(UP(20, 20, 20, 10, 10), ASPA_VALID);
	/*
	 * 10. AS0 ASPA: 70 says it has no providers, so announcing through
	 * 20 upstream cannot be customer-to-provider: invalid.
	 */
	assert_int_equal(UP(20, 70), ASPA_INVALID);
	/* 11. A loop 10 20 10: hop(20,10) Not Provider+ (20 -> {40}). */
	assert_int_equal(UP(10, 20, 10), ASPA_INVALID);
	/*
	 * 12. A tier 1 (AS0 ASPA) as the neighbour: 10 -> 20 -> 40 is all
	 * up; 40's own ASPA is never asked (it is AS(N)): valid.
	 */
	assert_int_equal(UP(40, 20, 10), ASPA_VALID);
	/* 13. Two ASes, the origin's ASPA does not list the neighbour. */
	assert_int_equal(UP(50, 10), ASPA_INVALID);
	/* 14. Empty path: the draft says invalid (either direction). */
	assert_int_equal(verify_seq(ix, NULL, 0, ASPA_UPSTREAM),
	    ASPA_INVALID);
	assert_int_equal(verify_seq(ix, NULL, 0, ASPA_DOWNSTREAM),
	    ASPA_INVALID);
	aspa_index_free(ix);
}

static void
test_downstream(void **state)
{
	struct aspa_index *ix = build(golden_recs, NELEM(golden_recs));

	(void)state;
	/* 15. N = 1: valid. */
	assert_int_equal(DOWN(10), ASPA_VALID);
	/*
	 * 16. N = 2 is always valid downstream: whatever the hop, it is an
	 * up-ramp of 1 and a down-ramp of 1 (L - K <= 1).  Here hop(20,30)
	 * is Not Provider+ (a lateral hop at the top).
	 */
	assert_int_equal(DOWN(30, 20), ASPA_VALID);
	/* 17. N = 2 with an AS0 origin: still valid. */
	assert_int_equal(DOWN(20, 70), ASPA_VALID);
	/*
	 * 18. Up 10 -> 20 -> 40, down 40 -> 50 -> 60 (to us).  AS(1..5) =
	 * 10 20 40 50 60.  Up-ramp: hop(10,20), hop(20,40) Provider+, K = 3;
	 * down-ramp: hop(60,50), hop(50,40) Provider+, L = 3: valid.
	 */
	assert_int_equal(DOWN(60, 50, 40, 20, 10), ASPA_VALID);
	/* 19. The same with prepends everywhere. */
	assert_int_equal(DOWN(60, 60, 50, 50, 50, 40, 20, 10, 10),
	    ASPA_VALID);
	/*
	 * 20. Lateral peering at the top: 10 -> 30 up (K = 2), 30 and 50
	 * peer (hop(30,50) and hop(50,30) both Not Provider+), so
	 * u_min = 3 > v_max = 2, and L = 3: L - K = 1, valid.
	 */
	assert_int_equal(DOWN(50, 30, 10), ASPA_VALID);
	/*
	 * 21. Valley: 10 -> 20 up, 20 -> 30 not up (hop(20,30) Not
	 * Provider+, u_min = 3), 30 -> 40 up, so 40 is not above 30 on the
	 * way down (hop(40,30) Not Provider+, v_max = 3): u_min <= v_max,
	 * a leak by 30, invalid.
	 */
	assert_int_equal(DOWN(60, 50, 40, 30, 20, 10), ASPA_INVALID);
	/*
	 * 22. AS(1..5) = 10 30 80 50 60.  hop(30,80) Not Provider+ gives
	 * u_min = 3; hop(50,80) Not Provider+ gives v_max = 3: 80 got the
	 * route from a non-customer (30) and gave it to a non-customer
	 * (50).  80's own lack of an ASPA does not save it: invalid.
	 */
	assert_int_equal(DOWN(60, 50, 80, 30, 10), ASPA_INVALID);
	/*
	 * 23. AS(1..4) = 80 90 50 60: hop(80,90) No Attestation, so K = 1;
	 * hop(60,50) Provider+, hop(50,90) Not Provider+: L = 3, v_max = 2;
	 * u_min = 4 (hop(50,60) is the first Not Provider+).  Not
	 * invalid, but L - K = 2: unknown.
	 */
	assert_int_equal(DOWN(60, 50, 90, 80), ASPA_UNKNOWN);
	/* 24. Three ASes with no ASPA: K = 1, L = 3, nothing Not: unknown. */
	assert_int_equal(DOWN(90, 80, 91), ASPA_UNKNOWN);
	/*
	 * 25. AS(1..3) = 70 40 50.  70 has no providers, so 70 -> 40 is a
	 * lateral hop (u_min = 2), then 40 -> 50 down (hop(50,40)
	 * Provider+, L = 2; hop(40,70) Not Provider+, v_max = 1).
	 * u_min > v_max and L - K = 1: valid.
	 */
	assert_int_equal(DOWN(50, 40, 70), ASPA_VALID);
	/*
	 * 26. AS(1..3) = 20 30 40: 20 -> 30 lateral (u_min = 2), then
	 * 30 -> 40 where 40 is 30's provider, so hop(40,30) Not Provider+
	 * (v_max = 2): a peer route sent up, invalid.
	 */
	assert_int_equal(DOWN(40, 30, 20), ASPA_INVALID);
	/* ... and the same path upstream is invalid too (hop(20,30)). */
	assert_int_equal(UP(40, 30, 20), ASPA_INVALID);
	/*
	 * 27. Up-ramp only, received downstream: 10 -> 20 -> 40 -> 50?
	 * hop(40,50) Not Provider+ (tier 1), so K = 3 and u_min = 4;
	 * hop(50,40) Provider+ so L = 3: valid (40 sent down to 50).
	 */
	assert_int_equal(DOWN(50, 40, 20, 10), ASPA_VALID);
	/*
	 * 28. The same path upstream: hop(40,50) is Not Provider+ (40 has
	 * no providers), so it cannot be all up: invalid.
	 */
	assert_int_equal(UP(50, 40, 20, 10), ASPA_INVALID);
	aspa_index_free(ix);
}

static void
test_segments(void **state)
{
	struct aspa_index *ix = build(golden_recs, NELEM(golden_recs));
	const uint32_t s1[] = { 40, 20 }, s2[] = { 20, 10 }, s3[] = { 10 };
	const uint32_t cf[] = { 65001, 65002 }, st[] = { 10, 30 };
	struct as_segment segs[4];
	struct as_path p;

	(void)state;
	p.segs = segs;
	/* 29. Prepend across a segment boundary: 40 20 | 20 10 | 10. */
	segs[0] = (struct as_segment){ AS_SEQUENCE, 2, s1 };
	segs[1] = (struct as_segment){ AS_SEQUENCE, 2, s2 };
	segs[2] = (struct as_segment){ AS_SEQUENCE, 1, s3 };
	p.nseg = 3;
	assert_int_equal(aspa_verify(ix, &p, ASPA_UPSTREAM), ASPA_VALID);
	/*
	 * 30. An AS_SET anywhere is invalid, even when the rest of the path
	 * is valid, in both directions.
	 */
	segs[0] = (struct as_segment){ AS_SEQUENCE, 2, s1 };
	segs[1] = (struct as_segment){ AS_SET, 2, st };
	p.nseg = 2;
	assert_int_equal(aspa_verify(ix, &p, ASPA_UPSTREAM), ASPA_INVALID);
	assert_int_equal(aspa_verify(ix, &p, ASPA_DOWNSTREAM), ASPA_INVALID);
	/* 31. A single-member AS_SET alone: invalid too. */
	segs[0] = (struct as_segment){ AS_SET, 1, s3 };
	p.nseg = 1;
	assert_int_equal(aspa_verify(ix, &p, ASPA_UPSTREAM), ASPA_INVALID);
	/*
	 * 32. Confederation segments are skipped (they should have been
	 * removed at the confederation edge): 65001 65002 | 20 10 is 20 10.
	 */
	segs[0] = (struct as_segment){ AS_CONFED_SEQUENCE, 2, cf };
	segs[1] = (struct as_segment){ AS_SEQUENCE, 2, s2 };
	p.nseg = 2;
	assert_int_equal(aspa_verify(ix, &p, ASPA_UPSTREAM), ASPA_VALID);
	segs[0] = (struct as_segment){ AS_CONFED_SET, 2, cf };
	assert_int_equal(aspa_verify(ix, &p, ASPA_UPSTREAM), ASPA_VALID);
	/* 33. Only confederation segments: nothing is left, empty: invalid. */
	segs[0] = (struct as_segment){ AS_CONFED_SEQUENCE, 2, cf };
	p.nseg = 1;
	assert_int_equal(aspa_verify(ix, &p, ASPA_DOWNSTREAM), ASPA_INVALID);
	/*
	 * 34. Long paths (past the verifier's stack buffer): 300 copies of
	 * 20 then 300 of 10 collapse to 20 10, valid; 400 distinct ASes
	 * without ASPAs are unknown downstream (K = 1, L = 400).
	 */
	{
		static uint32_t lng[600];
		struct as_segment one;
		size_t i;

		for (i = 0; i < 600; i++)
			lng[i] = i < 300 ? 20 : 10;
		one = (struct as_segment){ AS_SEQUENCE, 600, lng };
		p.segs = &one;
		p.nseg = 1;
		assert_int_equal(aspa_verify(ix, &p, ASPA_UPSTREAM),
		    ASPA_VALID);
		for (i = 0; i < 400; i++)
			lng[i] = 1000 + (uint32_t)i;
		one.count = 400;
		assert_int_equal(aspa_verify(ix, &p, ASPA_DOWNSTREAM),
		    ASPA_UNKNOWN);
		p.segs = segs;
	}
	/* 35. A segment of zero ASNs adds nothing. */
	segs[0] = (struct as_segment){ AS_SEQUENCE, 0, NULL };
	segs[1] = (struct as_segment){ AS_SEQUENCE, 2, s2 };
	p.nseg = 2;
	assert_int_equal(aspa_verify(ix, &p, ASPA_UPSTREAM), ASPA_VALID);
	aspa_index_free(ix);
}

static void
test_index_build(void **state)
{
	/* 36. Two records for one customer: providers merged. */
	static const struct rec dup[] = {
		{ 100, { 20 }, 1 },
		{ 100, { 30, 20 }, 2 },
		{ 200, { 0, 300 }, 2 },	/* AS0 beside a real provider */
	};
	struct aspa_index *ix = build(dup, NELEM(dup));
	struct vrp_set set;
	struct aspa a[3];
	uint32_t provs[] = { 7, 5, 6, 9 };

	(void)state;
	assert_int_equal(aspa_index_count(ix), 2);
	assert_int_equal(UP(30, 100), ASPA_VALID);
	assert_int_equal(UP(20, 100), ASPA_VALID);
	assert_int_equal(UP(40, 100), ASPA_INVALID);
	assert_int_equal(aspa_hop(ix, 200, 300), ASPA_HOP_PROVIDER);
	assert_int_equal(aspa_hop(ix, 200, 0), ASPA_HOP_NOT_PROVIDER);
	aspa_index_free(ix);

	/* 37. From a vrp_set; a record past the providers is skipped. */
	vrp_set_init(&set);
	a[0] = (struct aspa){ 1, 0, 2 };	/* 1 -> {7, 5} */
	a[1] = (struct aspa){ 2, 2, 1 };	/* 2 -> {6} */
	a[2] = (struct aspa){ 3, 3, 2 };	/* reaches past the end */
	set.aspas = a;
	set.naspas = 3;
	set.providers = provs;
	set.nproviders = NELEM(provs);
	ix = aspa_index_from_set(&set);
	assert_int_equal(aspa_index_count(ix), 2);
	assert_int_equal(aspa_hop(ix, 1, 5), ASPA_HOP_PROVIDER);
	assert_int_equal(aspa_hop(ix, 1, 7), ASPA_HOP_PROVIDER);
	assert_int_equal(aspa_hop(ix, 1, 6), ASPA_HOP_NOT_PROVIDER);
	assert_int_equal(aspa_hop(ix, 2, 6), ASPA_HOP_PROVIDER);
	assert_int_equal(aspa_hop(ix, 3, 9), ASPA_HOP_NO_ATTESTATION);
	aspa_index_free(ix);

	/* 38. An empty index: every hop is No Attestation. */
	ix = aspa_index_build(NULL, 0, NULL, 0);
	assert_int_equal(aspa_index_count(ix), 0);
	assert_int_equal(UP(2, 1), ASPA_UNKNOWN);
	assert_int_equal(DOWN(3, 2, 1), ASPA_UNKNOWN);
	assert_int_equal(DOWN(2, 1), ASPA_VALID);
	aspa_index_free(ix);
}

/*
 * The oracle.  Its hop() scans the raw records; its verdict is the
 * draft's meaning rather than its steps: a path is valid if it is
 * valley-free (upstream: every hop customer-to-provider; downstream: an
 * up-ramp, at most one lateral hop, a down-ramp) whatever the ASes
 * without an ASPA would attest, invalid if it is valley-free under no
 * such attestation, and unknown otherwise.  Every possible answer for
 * every unattested (customer, provider) pair is tried.
 */

static enum aspa_hop
naive_hop(const struct aspa *a, size_t n, const uint32_t *p, uint32_t c,
    uint32_t prov)
{
	bool attested = false;
	size_t i, j;

	for (i = 0; i < n; i++) {
		if (a[i].customer != c)
			continue;
		attested = true;
		for (j = 0; j < a[i].count; j++)
			if (p[a[i].first + j] != 0 &&
			    p[a[i].first + j] == prov)
				return ASPA_HOP_PROVIDER;
	}
	return attested ? ASPA_HOP_NOT_PROVIDER : ASPA_HOP_NO_ATTESTATION;
}

#define MAXPAIRS	12

struct pairs {
	uint32_t	c[MAXPAIRS], p[MAXPAIRS];
	unsigned	n;
	bool		overflow;
};

static bool
is_up(const struct aspa *a, size_t na, const uint32_t *p,
    const struct pairs *pr, unsigned mask, uint32_t c, uint32_t prov,
    struct pairs *collect)
{
	unsigned k;

	switch (naive_hop(a, na, p, c, prov)) {
	case ASPA_HOP_PROVIDER:
		return true;
	case ASPA_HOP_NOT_PROVIDER:
		return false;
	case ASPA_HOP_NO_ATTESTATION:
		break;
	}
	for (k = 0; k < pr->n; k++)
		if (pr->c[k] == c && pr->p[k] == prov)
			return (mask >> k) & 1;
	if (collect != NULL) {
		if (collect->n == MAXPAIRS)
			collect->overflow = true;
		else {
			collect->c[collect->n] = c;
			collect->p[collect->n++] = prov;
		}
	}
	return false;
}

/* o[1..n] is origin first, as the draft numbers it. */
static bool
valley_free(const struct aspa *a, size_t na, const uint32_t *p,
    const uint32_t *o, size_t n, enum aspa_direction dir,
    const struct pairs *pr, unsigned mask, struct pairs *collect)
{
	size_t k, l, i;
	bool ok, any = false;

	for (k = 1; k <= n; k++) {
		for (l = 1; l <= n; l++) {
			if (dir == ASPA_UPSTREAM && (k != n || l != n))
				continue;
			if (l > k + 1)
				continue;
			ok = true;
			for (i = 1; i < k; i++)
				if (!is_up(a, na, p, pr, mask, o[i], o[i + 1],
				    collect))
					ok = false;
			for (i = l; i < n; i++)
				if (!is_up(a, na, p, pr, mask, o[i + 1], o[i],
				    collect))
					ok = false;
			if (ok)
				any = true;
		}
	}
	return any;
}

/* Returns -1 when there are too many unattested pairs to try them all. */
static int
naive_verify(const struct aspa *a, size_t na, const uint32_t *p,
    const struct as_path *path, enum aspa_direction dir)
{
	uint32_t raw[64], o[65];
	size_t nraw = 0, n = 0, s, k;
	struct pairs none = { .n = 0 }, pr = { .n = 0 };
	unsigned mask, nvalid = 0;

	for (s = 0; s < path->nseg; s++) {
		if (path->segs[s].type == AS_SET)
			return ASPA_INVALID;
		if (path->segs[s].type != AS_SEQUENCE)
			continue;
		for (k = 0; k < path->segs[s].count; k++)
			raw[nraw++] = path->segs[s].asns[k];
	}
	/* Origin first, prepends dropped. */
	for (k = nraw; k-- > 0; )
		if (n == 0 || o[n] != raw[k])
			o[++n] = raw[k];
	if (n == 0)
		return ASPA_INVALID;
	/* Collect the unattested pairs the definition may ask about. */
	(void)valley_free(a, na, p, o, n, dir, &none, 0, &pr);
	if (pr.overflow)
		return -1;
	for (mask = 0; mask < (1u << pr.n); mask++)
		if (valley_free(a, na, p, o, n, dir, &pr, mask, NULL))
			nvalid++;
	if (nvalid == (1u << pr.n))
		return ASPA_VALID;
	if (nvalid == 0)
		return ASPA_INVALID;
	return ASPA_UNKNOWN;
}

static void
test_random_against_naive(void **state)
{
	struct aspa a[8];
	uint32_t provs[32], asns[4][4];
	struct as_segment segs[4];
	struct as_path path;
	unsigned iter, checked = 0, seen[3] = { 0, 0, 0 };
	size_t na, np, i, j;
	int want;

	(void)state;
	for (iter = 0; iter < 20000; iter++) {
		na = rnd(7);
		np = 0;
		for (i = 0; i < na; i++) {
			a[i].customer = 1 + rnd(5);
			a[i].first = (uint32_t)np;
			a[i].count = rnd(4);
			for (j = 0; j < a[i].count; j++)
				provs[np++] = rnd(6);	/* 0 is AS0 */
		}
		path.nseg = rnd(20) == 0 ? 0 : 1 + rnd(3);
		path.segs = segs;
		for (i = 0; i < path.nseg; i++) {
			unsigned t = rnd(40);

			segs[i].type = t == 0 ? AS_SET :
			    t == 1 ? AS_CONFED_SEQUENCE :
			    t == 2 ? AS_CONFED_SET : AS_SEQUENCE;
			segs[i].count = (uint16_t)rnd(5);
			for (j = 0; j < segs[i].count; j++)
				asns[i][j] = 1 + rnd(5);
			segs[i].asns = asns[i];
		}
		{
			struct aspa_index *ix = aspa_index_build(a, na,
			    provs, np);
			enum aspa_direction d;

			for (d = ASPA_UPSTREAM; d <= ASPA_DOWNSTREAM; d++) {
				want = naive_verify(a, na, provs, &path, d);
				if (want < 0)
					continue;
				checked++;
				seen[want]++;
				if ((int)aspa_verify(ix, &path, d) != want) {
					aspa_index_free(ix);
					fail_msg("iteration %u dir %d: got %s, "
					    "want %s", iter, (int)d,
					    aspa_state_str(aspa_verify(ix,
					    &path, d)),
					    aspa_state_str(
					    (enum aspa_state)want));
				}
				/* And every hop against the scan. */
				for (i = 0; i <= 6; i++)
					for (j = 0; j <= 6; j++)
						assert_int_equal(aspa_hop(ix,
						    (uint32_t)i, (uint32_t)j),
						    naive_hop(a, na, provs,
						    (uint32_t)i, (uint32_t)j));
			}
			aspa_index_free(ix);
		}
	}
	/* The inputs must exercise every outcome, many times. */
	assert_true(checked > 30000);
	assert_true(seen[ASPA_VALID] > 1000);
	assert_true(seen[ASPA_INVALID] > 1000);
	assert_true(seen[ASPA_UNKNOWN] > 1000);
}

/*
 * draft-ietf-sidrops-aspa-verification-27, section 5.3, transcribed as
 * it reads (A[1..N] is the compressed path, origin first):
 *   max_up_ramp:   the minimum I with authorized(A(I), A(I+1)) "Not
 *                  Provider+", else N;
 *   min_up_ramp:   the same with "No Attestation" or "Not Provider+";
 *   max_down_ramp: N - J + 1 with J the maximum index where
 *                  authorized(A(J), A(J-1)) is "Not Provider+", else N;
 *   min_down_ramp: the same with "No Attestation" or "Not Provider+".
 * Upstream (5.4) sets both down-ramp bounds to 0.  Then max sum < N is
 * Invalid, else min sum < N is Unknown, else Valid.  Kept apart from
 * aspa.c's formulation on purpose.
 */
struct ramps {
	size_t	max_up, min_up, max_down, min_down;
};

static struct ramps
draft_ramps(const struct aspa_index *ix, const uint32_t *A, size_t n)
{
	struct ramps r = { n, n, n, n };
	size_t i, j;
	bool max_found = false, min_found = false;

	for (i = 1; i + 1 <= n; i++) {
		enum aspa_hop h = aspa_hop(ix, A[i], A[i + 1]);

		if (!max_found && h == ASPA_HOP_NOT_PROVIDER) {
			r.max_up = i;
			max_found = true;
		}
		if (!min_found && h != ASPA_HOP_PROVIDER) {
			r.min_up = i;
			min_found = true;
		}
	}
	max_found = min_found = false;
	for (j = n; j >= 2; j--) {
		enum aspa_hop h = aspa_hop(ix, A[j], A[j - 1]);

		if (!max_found && h == ASPA_HOP_NOT_PROVIDER) {
			r.max_down = n - j + 1;
			max_found = true;
		}
		if (!min_found && h != ASPA_HOP_PROVIDER) {
			r.min_down = n - j + 1;
			min_found = true;
		}
	}
	return r;
}

/* Steps 4 to 6 of 5.4 and 5.5 (A is the compressed path, origin first). */
static enum aspa_state
draft_verify(const struct aspa_index *ix, const uint32_t *A, size_t n,
    enum aspa_direction dir)
{
	struct ramps r = draft_ramps(ix, A, n);

	if (n == 0)
		return ASPA_INVALID;	/* step 1 */
	if (dir == ASPA_UPSTREAM)
		r.max_down = r.min_down = 0;
	if (r.max_up + r.max_down < n)
		return ASPA_INVALID;
	if (r.min_up + r.min_down < n)
		return ASPA_UNKNOWN;
	return ASPA_VALID;
}

/* The ramp bounds of a path written as stored (neighbour first). */
static struct ramps
ramps_of(const struct aspa_index *ix, const uint32_t *stored, size_t n)
{
	uint32_t A[16];
	size_t i;

	assert_true(n < NELEM(A));
	for (i = 0; i < n; i++)
		A[i + 1] = stored[n - 1 - i];
	return draft_ramps(ix, A, n);
}

#define RAMPS(...)	ramps_of(ix, (const uint32_t[]){ __VA_ARGS__ }, \
	    NELEM(((const uint32_t[]){ __VA_ARGS__ })))

static void
assert_ramps(struct ramps r, size_t max_up, size_t min_up, size_t max_down,
    size_t min_down)
{
	assert_int_equal(r.max_up, max_up);
	assert_int_equal(r.min_up, min_up);
	assert_int_equal(r.max_down, max_down);
	assert_int_equal(r.min_down, min_down);
}

/*
 * Hand-worked vectors for -27's definitions (section 6.1 only points to
 * examples online, so these are written from 5.1 to 5.5), over the
 * golden ASPA set.  For each path the four bounds of 5.3 are worked out
 * by hand, then the outcome of 5.4 (upstream) or 5.5 (downstream).
 */
static void
test_draft_vectors(void **state)
{
	static const struct rec extra[] = {
		{ 11, { 0, 20 }, 2 },	/* AS0 next to a provider (4) */
		{ 12, { 20 }, 1 },	/* two ASPAs for 12: U-SPAS (5.2) */
		{ 12, { 30 }, 1 },
	};
	struct rec all[NELEM(golden_recs) + NELEM(extra)];
	struct aspa_index *ix;

	(void)state;
	memcpy(all, golden_recs, sizeof(golden_recs));
	memcpy(all + NELEM(golden_recs), extra, sizeof(extra));
	ix = build(all, NELEM(all));
	/*
	 * A. AS(1..5) = 10 20 40 50 60 (received from 60, our provider).
	 * authorized(10,20) P+, (20,40) P+, (40,50) Not (40 has an AS0
	 * ASPA): max_up_ramp = min_up_ramp = 3.  Down: (60,50) P+, (50,40)
	 * P+, (40,20) Not at J = 3: max = min_down_ramp = 5 - 3 + 1 = 3.
	 * 3 + 3 >= 5 both ways: Valid (5.5 step 6).
	 */
	assert_ramps(RAMPS(60, 50, 40, 20, 10), 3, 3, 3, 3);
	assert_int_equal(DOWN(60, 50, 40, 20, 10), ASPA_VALID);
	/* Upstream the down-ramp counts 0: 3 < 5, Invalid (5.4 step 4). */
	assert_int_equal(UP(60, 50, 40, 20, 10), ASPA_INVALID);
	/*
	 * B. AS(1..4) = 80 90 50 60.  Up: (80,90) No Attestation at I = 1,
	 * (90,50) No Attestation, (50,60) Not at I = 3: max_up_ramp = 3,
	 * min_up_ramp = 1.  Down: (60,50) P+, (50,90) Not at J = 3:
	 * max = min_down_ramp = 2.  3 + 2 >= 4, 1 + 2 < 4: Unknown (5.5
	 * step 5).
	 */
	assert_ramps(RAMPS(60, 50, 90, 80), 3, 1, 2, 2);
	assert_int_equal(DOWN(60, 50, 90, 80), ASPA_UNKNOWN);
	/*
	 * C. AS(1..3) = 20 30 40: (20,30) Not at I = 1: max = min_up = 1;
	 * (40,30) Not at J = 3: max = min_down = 1.  1 + 1 < 3: Invalid.
	 */
	assert_ramps(RAMPS(40, 30, 20), 1, 1, 1, 1);
	assert_int_equal(DOWN(40, 30, 20), ASPA_INVALID);
	/*
	 * D. Upstream AS(1..3) = 10 20 40: (10,20), (20,40) P+: max =
	 * min_up_ramp = N = 3 (no such I): Valid (5.4 step 6).
	 */
	assert_ramps(RAMPS(40, 20, 10), 3, 3, 1, 1);
	assert_int_equal(UP(40, 20, 10), ASPA_VALID);
	/*
	 * E. Upstream AS(1..3) = 80 20 40: (80,20) No Attestation at I = 1,
	 * (20,40) P+: max_up_ramp = 3, min_up_ramp = 1 < 3: Unknown (5.4
	 * step 5).
	 */
	assert_ramps(RAMPS(40, 20, 80), 3, 1, 1, 1);
	assert_int_equal(UP(40, 20, 80), ASPA_UNKNOWN);
	/*
	 * F. N = 1: no pair at all, every bound is N = 1: Valid both ways.
	 * N = 2 downstream: each bound is at least 1, so the sums are at
	 * least 2 = N: never Invalid or Unknown.
	 */
	assert_ramps(RAMPS(80), 1, 1, 1, 1);
	assert_int_equal(UP(80), ASPA_VALID);
	assert_int_equal(DOWN(90, 80), ASPA_VALID);
	assert_ramps(RAMPS(30, 20), 1, 1, 1, 1);
	assert_int_equal(DOWN(30, 20), ASPA_VALID);
	/*
	 * G. Section 4: "an unexpected presence of AS 0 has no influence".
	 * 11 lists {0, 20}: authorized(11,20) P+, (11,30) Not, as for {20}.
	 */
	assert_int_equal(aspa_hop(ix, 11, 20), ASPA_HOP_PROVIDER);
	assert_int_equal(aspa_hop(ix, 11, 30), ASPA_HOP_NOT_PROVIDER);
	assert_int_equal(UP(40, 20, 11), ASPA_VALID);
	/* H. Section 5.2: 12's two ASPAs are one U-SPAS {20, 30}. */
	assert_int_equal(UP(40, 20, 12), ASPA_VALID);
	assert_int_equal(UP(40, 30, 12), ASPA_VALID);
	assert_int_equal(UP(40, 50, 12), ASPA_INVALID);
	/*
	 * I. Section 5.1: only consecutive duplicates go.  10 10 20 20 40
	 * is 10 20 40 (D, Valid); 10 20 10 stays three ASes: (20,10) Not at
	 * I = 2, max_up_ramp = 2 < 3: Invalid upstream.  Down: (10,20) P+
	 * at J = 3, (20,10) Not at J = 2: max = min_down_ramp = 2.
	 */
	assert_int_equal(UP(40, 40, 20, 20, 10, 10), ASPA_VALID);
	assert_ramps(RAMPS(10, 20, 10), 2, 2, 2, 2);
	assert_int_equal(UP(10, 20, 10), ASPA_INVALID);
	/* ... but downstream 2 + 2 >= 3 (20 sent it down to 10): Valid. */
	assert_int_equal(DOWN(10, 20, 10), ASPA_VALID);
	aspa_index_free(ix);
}

/* aspa_verify against the transcription of 5.3 to 5.5, random inputs. */
static void
test_random_against_draft(void **state)
{
	unsigned iter, seen[3] = { 0, 0, 0 };

	(void)state;
	for (iter = 0; iter < 20000; iter++) {
		struct rec r[6];
		uint32_t stored[10], A[12];
		size_t nr = rnd(7), n = 1 + rnd(9), na = 0, i, j;
		struct aspa_index *ix;
		enum aspa_direction d;

		for (i = 0; i < nr; i++) {
			r[i].customer = 1 + rnd(6);
			r[i].nprovs = rnd(4);
			for (j = 0; j < r[i].nprovs; j++)
				r[i].provs[j] = rnd(7);	/* 0 is AS0 */
		}
		ix = build(r, nr);
		for (i = 0; i < n; i++)
			stored[i] = 1 + rnd(6);
		/* Compress (5.1), origin first. */
		for (i = n; i-- > 0; )
			if (na == 0 || A[na] != stored[i])
				A[++na] = stored[i];
		for (d = ASPA_UPSTREAM; d <= ASPA_DOWNSTREAM; d++) {
			enum aspa_state want = draft_verify(ix, A, na, d);

			seen[want]++;
			assert_int_equal(verify_seq(ix, stored, n, d), want);
		}
		aspa_index_free(ix);
	}
	assert_true(seen[ASPA_VALID] > 1000);
	assert_true(seen[ASPA_INVALID] > 1000);
	assert_true(seen[ASPA_UNKNOWN] > 1000);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hop),
		cmocka_unit_test(test_upstream),
		cmocka_unit_test(test_downstream),
		cmocka_unit_test(test_segments),
		cmocka_unit_test(test_index_build),
		cmocka_unit_test(test_random_against_naive),
		cmocka_unit_test(test_draft_vectors),
		cmocka_unit_test(test_random_against_draft),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
