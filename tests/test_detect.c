/*
 * Detectors on hand-made scenarios, with the expected events worked out
 * by hand: an RPKI-invalid origin (M2, M2C), a route leak through a
 * customer (M1, M1C), a MOAS newcomer against an IRR-registered origin,
 * siblings, peer thresholds, the AS universe and registration facts.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/vrp.h"
#include "irr/index.h"
#include "net/asgraph.h"
#include "observe/detect.h"
#include "observe/method.h"
#include "observe/score.h"
#include "rpki/rov.h"

#include "elem.h"

#define H	3600
#define FROM	1427846400		/* 2015-04-01 */
#define TO	(FROM + 30 * 86400)

static struct method M;

static struct rov *
vrps(const char *const *lines, size_t n)
{
	struct vrp v[8];
	size_t i;

	assert_true(n <= 8);
	for (i = 0; i < n; i++) {
		char pfx[64];
		unsigned asn, maxlen;
		const char *why;

		assert_int_equal(sscanf(lines[i], "%63s %u %u", pfx, &asn,
		    &maxlen), 3);
		memset(&v[i], 0, sizeof(v[i]));
		assert_true(prefix_parse(pfx, strlen(pfx), &v[i].pfx, &why));
		v[i].asn = asn;
		v[i].maxlen = (uint8_t)maxlen;
	}
	return rov_build(v, n);
}

/* "a b rel": rel p (a provider of b), c (a customer of b) or = (peers). */
static struct asgraph *
graph(const char *const *links, size_t n)
{
	struct asgraph *g = asgraph_new();
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned a, b;
		char r;
		const char *why;
		uint64_t prev;

		assert_int_equal(sscanf(links[i], "%u %u %c", &a, &b, &r), 3);
		assert_true(asgraph_add_link(g, a, b, r == 'p' ?
		    ASREL_PROVIDER : r == 'c' ? ASREL_CUSTOMER : ASREL_PEER,
		    0, i + 1, &why, &prev));
	}
	asgraph_finish(g);
	return g;
}

static void
feed(struct detector *d, enum mrt_elem_kind kind, int64_t ts, unsigned peer,
    const char *pfx, const uint32_t *path, size_t n)
{
	struct elem_builder b;

	assert_true(elem_fill(&b, kind, ts, peer, pfx, path, n, false));
	detector_feed(d, 1, &b.e);
}

/* Events for (asn, metric), their total seconds in *secs. */
static size_t
count_events(struct detector *d, uint32_t asn, enum metric m, int64_t *secs)
{
	struct event *ev;
	size_t n, i, k = 0;

	ev = detector_events(d, &n);
	if (secs != NULL)
		*secs = 0;
	for (i = 0; i < n; i++)
		if (ev[i].asn == asn && ev[i].metric == m) {
			k++;
			if (secs != NULL)
				*secs += ev[i].end - ev[i].start;
		}
	return k;
}

static int
setup(void **state)
{
	(void)state;
	method_defaults(&M);
	return 0;
}

/*
 * 64510 holds 10.0.0.0/16-24 in RPKI; 64666 announces 10.0.5.0/24 through
 * its provider 3356 for 13 h, seen by peers 1 and 2: one M2 incident of
 * 13 h (score 1) for 64666, one M2C for 3356.  Seen by one peer only:
 * nothing.
 */
static void
test_rpki_invalid(void **state)
{
	struct rov *rv;
	static const char *const v[] = { "10.0.0.0/16 64510 24" };
	static const char *const l[] = { "3356 64666 p", "174 3356 =" };
	struct detect_refs refs = { .method = &M };
	uint32_t path1[] = { 174, 3356, 64666 };
	uint32_t path2[] = { 3356, 64666 };
	uint32_t good[] = { 174, 64510 };
	struct detector *d;
	struct incident *inc;
	struct event *ev;
	size_t n, ninc;
	int64_t secs;
	const struct evidence *e;

	(void)state;
	refs.rov = rv = vrps(v, 1);
	refs.graph = graph(l, 2);
	d = detector_new(&refs, FROM, TO);
	feed(d, ELEM_ANNOUNCE, FROM, 1, "10.0.0.0/16", good, 2);
	feed(d, ELEM_ANNOUNCE, FROM + 2 * H, 1, "10.0.5.0/24", path1, 3);
	feed(d, ELEM_ANNOUNCE, FROM + 2 * H, 2, "10.0.5.0/24", path2, 2);
	feed(d, ELEM_WITHDRAW, FROM + 15 * H, 1, "10.0.5.0/24", NULL, 0);
	feed(d, ELEM_WITHDRAW, FROM + 15 * H, 2, "10.0.5.0/24", NULL, 0);
	/* Seen by one peer only: not counted. */
	feed(d, ELEM_ANNOUNCE, FROM + 20 * H, 1, "10.0.9.0/24", path1, 3);
	detector_finish(d);

	assert_int_equal(count_events(d, 64666, M2, &secs), 2);
	assert_int_equal(secs, 2 * 13 * H);
	assert_int_equal(count_events(d, 3356, M2C, NULL), 2);
	assert_int_equal(count_events(d, 174, M2C, NULL), 0);
	assert_int_equal(count_events(d, 64510, M2, NULL), 0);
	ev = detector_events(d, &n);
	e = detector_evidence(d, ev[0].evidence);
	assert_non_null(e);
	assert_int_equal(e->why, WHY_RPKI_INVALID);
	assert_int_equal(e->rov, ROV_INVALID);
	assert_int_equal(e->origin, 64666);

	/* The two peers' events make one 13 h incident: score 1. */
	ninc = incidents_build(&M, ev, n, FROM, TO, &inc);
	assert_int_equal(ninc, 2);		/* M2 for 64666, M2C for 3356 */
	assert_true(inc[0].score == 1 && inc[1].score == 1);
	free(inc);
	detector_free(d);
	rov_free(rv);
	asgraph_free(refs.graph);
}

/* M2C only when the neighbour is the origin's provider (or unknown). */
static void
test_m2c_peer_not_blamed(void **state)
{
	struct rov *rv;
	static const char *const v[] = { "10.0.0.0/16 64510 24" };
	static const char *const l[] = { "3356 64666 =" };
	struct detect_refs refs = { .method = &M };
	uint32_t path[] = { 3356, 64666 };
	struct detector *d;

	(void)state;
	refs.rov = rv = vrps(v, 1);
	refs.graph = graph(l, 1);
	d = detector_new(&refs, FROM, TO);
	feed(d, ELEM_ANNOUNCE, FROM + H, 1, "10.0.5.0/24", path, 2);
	feed(d, ELEM_ANNOUNCE, FROM + H, 2, "10.0.5.0/24", path, 2);
	detector_finish(d);
	assert_int_equal(count_events(d, 64666, M2, NULL), 2);
	assert_int_equal(count_events(d, 3356, M2C, NULL), 0);
	detector_free(d);
	rov_free(rv);
	asgraph_free(refs.graph);
}

/*
 * A leak: 64496 is a customer of both 3356 and 174 and passes 3356's
 * route for 64510 (a customer of 3356) on to 174.  Path at the collector
 * (peer 174 side first): 174 64496 3356 64510.  Culprit 64496 (M1), leaked
 * to 174 (M1C).  A valley-free path through the same ASes raises nothing.
 */
static void
test_route_leak(void **state)
{
	static const char *const l[] = {
		"3356 64496 p", "174 64496 p", "3356 64510 p", "174 3356 =",
	};
	struct detect_refs refs = { .method = &M };
	uint32_t leak[] = { 174, 64496, 3356, 64510 };
	uint32_t fine[] = { 174, 3356, 64510 };
	struct detector *d;

	(void)state;
	refs.graph = graph(l, 4);
	d = detector_new(&refs, FROM, TO);
	feed(d, ELEM_ANNOUNCE, FROM + H, 1, "192.0.2.0/24", leak, 4);
	feed(d, ELEM_ANNOUNCE, FROM + H, 2, "192.0.2.0/24", fine, 3);
	feed(d, ELEM_WITHDRAW, FROM + 2 * H, 1, "192.0.2.0/24", NULL, 0);
	detector_finish(d);
	assert_int_equal(count_events(d, 64496, M1, NULL), 1);
	assert_int_equal(count_events(d, 174, M1C, NULL), 1);
	assert_int_equal(count_events(d, 3356, M1, NULL), 0);
	assert_int_equal(count_events(d, 64510, M1, NULL), 0);
	detector_free(d);
	asgraph_free(refs.graph);
}

/* Prepends collapse: 64496 64496 64496 is one hop, no leak. */
static void
test_prepends(void **state)
{
	static const char *const l[] = { "174 64496 p", "64496 64510 p" };
	struct detect_refs refs = { .method = &M };
	uint32_t path[] = { 174, 64496, 64496, 64496, 64510 };
	struct detector *d;

	(void)state;
	refs.graph = graph(l, 2);
	d = detector_new(&refs, FROM, TO);
	feed(d, ELEM_ANNOUNCE, FROM + H, 1, "192.0.2.0/24", path, 5);
	detector_finish(d);
	assert_int_equal(count_events(d, 64496, M1, NULL), 0);
	detector_free(d);
	asgraph_free(refs.graph);
}

static struct irr_index *
irr(const char *pfx, uint32_t origin, const char *source)
{
	struct irr_index *ix = irr_index_new();
	struct prefix p;
	const char *why;
	int src, file;

	assert_true(prefix_parse(pfx, strlen(pfx), &p, &why));
	src = irr_index_source(ix, source, strlen(source));
	file = irr_index_file(ix, "test.db");
	assert_true(src >= 0 && file >= 0);
	assert_true(irr_index_add(ix, &p, origin, (unsigned)src,
	    (unsigned)file, 1));
	irr_index_finish(ix);
	return ix;
}

static bool
sib(void *ctx, uint32_t a, uint32_t b)
{
	(void)ctx;
	return (a == 64510 && b == 64511) || (a == 64511 && b == 64510);
}

/*
 * 64510 announces 10.0.0.0/16 from the start and is in RIPE's IRR.  Later
 * 64666 (in RADB only, not authoritative) announces 10.0.5.0/24 for 29
 * minutes: a sub-MOAS newcomer, M2.  64511, a sibling of 64510, doing the
 * same is not.
 */
static void
test_moas_newcomer(void **state)
{
	struct detect_refs refs = { .method = &M };
	uint32_t est[] = { 3356, 64510 };
	uint32_t bad[] = { 3356, 64666 };
	uint32_t sibling[] = { 3356, 64511 };
	struct detector *d;
	struct irr_index *ix;
	const struct evidence *e;
	struct event *ev;
	size_t n, i;
	int64_t secs;

	(void)state;
	refs.irr = ix = irr("10.0.0.0/16", 64510, "RIPE");
	refs.sibling = sib;
	d = detector_new(&refs, FROM, TO);
	feed(d, ELEM_ANNOUNCE, FROM, 1, "10.0.0.0/16", est, 2);
	feed(d, ELEM_ANNOUNCE, FROM, 2, "10.0.0.0/16", est, 2);
	feed(d, ELEM_ANNOUNCE, FROM + H, 1, "10.0.5.0/24", bad, 2);
	feed(d, ELEM_ANNOUNCE, FROM + H, 2, "10.0.5.0/24", bad, 2);
	feed(d, ELEM_WITHDRAW, FROM + H + 29 * 60, 1, "10.0.5.0/24", NULL, 0);
	feed(d, ELEM_WITHDRAW, FROM + H + 29 * 60, 2, "10.0.5.0/24", NULL, 0);
	feed(d, ELEM_ANNOUNCE, FROM + 5 * H, 1, "10.0.6.0/24", sibling, 2);
	feed(d, ELEM_ANNOUNCE, FROM + 5 * H, 2, "10.0.6.0/24", sibling, 2);
	detector_finish(d);
	assert_int_equal(count_events(d, 64666, M2, &secs), 2);
	assert_int_equal(secs, 2 * 29 * 60);
	assert_int_equal(count_events(d, 64511, M2, NULL), 0);
	assert_int_equal(count_events(d, 64510, M2, NULL), 0);
	ev = detector_events(d, &n);
	for (i = 0; i < n; i++)
		if (ev[i].asn == 64666 && ev[i].metric == M2) {
			e = detector_evidence(d, ev[i].evidence);
			assert_int_equal(e->why, WHY_MOAS_NEWCOMER);
			assert_int_equal(e->other_origin, 64510);
		}
	detector_free(d);
	irr_index_free(ix);
}

static bool
not_3356(void *ctx, uint32_t asn)
{
	(void)ctx;
	return asn == 3356;
}

/* Universe: ASes seen by >= 5 peers, or >= 1 with fewer peers. */
static void
test_universe_and_facts(void **state)
{
	struct rov *rv;
	static const char *const v[] = {
		"10.0.0.0/16 64510 16", "10.1.0.0/16 64510 16",
	};
	struct detect_refs refs = { .method = &M };
	uint32_t a[] = { 3356, 64510 };
	uint32_t b[] = { 174, 64520 };
	struct detector *d;
	const uint32_t *u;
	struct as_facts f;
	size_t n;
	unsigned p;

	(void)state;
	refs.rov = rv = vrps(v, 2);
	d = detector_new(&refs, FROM, TO);
	for (p = 1; p <= 5; p++)
		feed(d, ELEM_ANNOUNCE, FROM, p, "10.0.0.0/16", a, 2);
	feed(d, ELEM_ANNOUNCE, FROM, 1, "10.1.0.0/24", a, 2);	/* invalid */
	feed(d, ELEM_ANNOUNCE, FROM, 1, "10.2.0.0/16", a, 2);	/* not found */
	feed(d, ELEM_ANNOUNCE, FROM, 1, "10.3.0.0/16", b, 2);	/* one peer */
	detector_finish(d);
	u = detector_universe(d, &n);
	assert_int_equal(n, 2);
	assert_int_equal(u[0], 3356);
	assert_int_equal(u[1], 64510);
	memset(&f, 0, sizeof(f));
	detector_facts(d, 64510, &f);
	assert_int_equal(f.announced, 3);
	assert_int_equal(f.rpki_valid, 1);
	assert_int_equal(f.rpki_invalid, 1);
	assert_int_equal(f.irr_registered, 0);
	memset(&f, 0, sizeof(f));
	detector_facts(d, 1, &f);
	assert_int_equal(f.announced, 0);
	detector_free(d);

	/* RIR-unassigned ASNs are left out. */
	refs.unassigned = not_3356;
	d = detector_new(&refs, FROM, TO);
	for (p = 1; p <= 5; p++)
		feed(d, ELEM_ANNOUNCE, FROM, p, "10.0.0.0/16", a, 2);
	detector_finish(d);
	u = detector_universe(d, &n);
	assert_int_equal(n, 1);
	assert_int_equal(u[0], 64510);
	detector_free(d);
	rov_free(rv);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_rpki_invalid, setup),
		cmocka_unit_test_setup(test_m2c_peer_not_blamed, setup),
		cmocka_unit_test_setup(test_route_leak, setup),
		cmocka_unit_test_setup(test_prepends, setup),
		cmocka_unit_test_setup(test_moas_newcomer, setup),
		cmocka_unit_test_setup(test_universe_and_facts, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
