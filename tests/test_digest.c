/*
 * An incident's events in summary (observe/digest.h): exact counts and
 * (prefix, origin) rows against naive recounts, and the bounded sample
 * against an oracle that sorts every event the way a report reads
 * evidence (start, prefix text, order).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "observe/digest.h"

/* Each event's route: peer and origin by the evidence index. */
struct route {
	uint32_t	peer, origin;
};

static void
route_of(void *ctx, const struct event *e, uint32_t *peer, uint32_t *origin)
{
	const struct route *r = ctx;

	*peer = r[e->evidence].peer;
	*origin = r[e->evidence].origin;
}

static struct prefix
pfx(const char *s)
{
	struct prefix p;
	const char *why;

	assert_true(prefix_parse(s, strlen(s), &p, &why));
	return p;
}

static struct event
ev(const char *prefix, int64_t start, int64_t end, uint32_t evidence)
{
	struct event e;

	memset(&e, 0, sizeof(e));
	e.asn = 64500;
	e.metric = M2;
	e.prefix = pfx(prefix);
	e.start = start;
	e.end = end;
	e.weight = 1;
	e.evidence = evidence;
	return e;
}

/* Counts and rows of a small incident, worked out by hand. */
static void
test_counts(void **state)
{
	/* Text order puts 10.0.0.0/8 before 9.0.0.0/8 (a report's order). */
	struct route r[] = { { 1, 64500 }, { 2, 64500 }, { 1, 64501 },
	    { 3, 64500 } };
	struct event e[] = {
		ev("9.0.0.0/8", 100, 200, 0),
		ev("10.0.0.0/8", 100, 300, 1),
		ev("9.0.0.0/8", 150, 400, 2),
		ev("9.0.0.0/8", 160, 170, 3),
	};
	struct digest d;

	(void)state;
	digest_init(&d);
	digest_incident(&d, e, 4, 50, route_of, r);
	assert_int_equal(d.events, 4);
	assert_int_equal(d.peers, 3);
	assert_int_equal(d.prefixes, 2);
	assert_int_equal(d.npfx, 3);
	assert_string_equal(d.pfx[0].text, "10.0.0.0/8");
	assert_int_equal(d.pfx[0].origin, 64500);
	assert_int_equal(d.pfx[0].events, 1);
	assert_string_equal(d.pfx[1].text, "9.0.0.0/8");
	assert_int_equal(d.pfx[1].origin, 64500);
	assert_int_equal(d.pfx[1].first, 100);
	assert_int_equal(d.pfx[1].last, 200);
	assert_int_equal(d.pfx[1].events, 2);
	assert_int_equal(d.pfx[2].origin, 64501);
	assert_int_equal(d.pfx[2].first, 150);
	assert_int_equal(d.pfx[2].last, 400);
	/* Under the bound every event is kept, in order. */
	assert_int_equal(d.nsample, 4);
	assert_int_equal(d.sample[0], 0);
	assert_int_equal(d.sample[3], 3);
	digest_incident(&d, e, 4, 0, route_of, r);
	assert_int_equal(d.nsample, 0);
	assert_int_equal(d.events, 4);
	digest_free(&d);
}

struct ord {
	int64_t		start;
	char		text[PREFIX_STRLEN];
	size_t		idx;
};

static int
ord_cmp(const void *a, const void *b)
{
	const struct ord *x = a, *y = b;
	int c;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if ((c = strcmp(x->text, y->text)) != 0)
		return c;
	return (x->idx > y->idx) - (x->idx < y->idx);
}

static int
size_cmp(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return (x > y) - (x < y);
}

/*
 * Many events with few distinct starts (ties at the bound), sorted by
 * start as incidents_build leaves them, then shuffled: the sample is the
 * oracle's first max, and the counts match a naive recount.
 */
static void
check_random(unsigned seed, size_t n, size_t max, int sorted)
{
	struct event *e = calloc(n, sizeof(*e));
	struct route *r = calloc(n, sizeof(*r));
	struct ord *o = calloc(n, sizeof(*o));
	size_t *want = calloc(n, sizeof(*want));
	size_t i, j, k, npeers = 0, nprefixes = 0, rows = 0;
	struct digest d;
	char s[PREFIX_STRLEN];

	srand(seed);
	for (i = 0; i < n; i++) {
		snprintf(s, sizeof(s), "%d.%d.0.0/16", 1 + rand() % 90,
		    rand() % 4);
		e[i] = ev(s, sorted ? (int64_t)(i / (n / 3 + 1)) * 1000 :
		    rand() % 3 * 1000, 5000, (uint32_t)i);
		r[i].peer = (uint32_t)(rand() % 7);
		r[i].origin = 64500 + (uint32_t)(rand() % 2);
	}
	for (i = 0; i < n; i++) {
		int seen_peer = 0, seen_pfx = 0, seen_row = 0;

		for (j = 0; j < i; j++) {
			seen_peer |= r[j].peer == r[i].peer;
			seen_pfx |= prefix_cmp(&e[j].prefix, &e[i].prefix) == 0;
			seen_row |= prefix_cmp(&e[j].prefix, &e[i].prefix) ==
			    0 && r[j].origin == r[i].origin;
		}
		npeers += !seen_peer;
		nprefixes += !seen_pfx;
		rows += !seen_row;
		o[i].start = e[i].start;
		prefix_fmt(&e[i].prefix, o[i].text);
		o[i].idx = i;
	}
	qsort(o, n, sizeof(*o), ord_cmp);
	k = n < max ? n : max;
	for (i = 0; i < k; i++)
		want[i] = o[i].idx;
	qsort(want, k, sizeof(*want), size_cmp);

	digest_init(&d);
	digest_incident(&d, e, n, max, route_of, r);
	assert_int_equal(d.events, n);
	assert_int_equal(d.peers, npeers);
	assert_int_equal(d.prefixes, nprefixes);
	assert_int_equal(d.npfx, rows);
	assert_int_equal(d.nsample, k);
	for (i = 0; i < k; i++)
		assert_int_equal(d.sample[i], want[i]);
	for (i = 0, j = 0; i < d.npfx; i++) {
		j += d.pfx[i].events;
		if (i > 0)
			assert_true(strcmp(d.pfx[i - 1].text, d.pfx[i].text) <
			    0 || (strcmp(d.pfx[i - 1].text, d.pfx[i].text) ==
			    0 && d.pfx[i - 1].origin < d.pfx[i].origin));
	}
	assert_int_equal(j, n);
	digest_free(&d);
	free(e);
	free(r);
	free(o);
	free(want);
}

static void
test_bound(void **state)
{
	unsigned seed;

	(void)state;
	for (seed = 1; seed <= 20; seed++) {
		check_random(seed, 200 + seed * 7, 50, 1);
		check_random(seed, 120, 50, 0);
		check_random(seed, 50, 50, 1);
		check_random(seed, 10, 3, 1);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_counts),
		cmocka_unit_test(test_bound),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
