/*
 * The RTR client's live VRP set against a plain array of flags, under long
 * random streams of announcements and withdrawals (duplicates and
 * withdrawals of absent VRPs included), and the HOST:PORT splitter.
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

#include "rpki/rtr.h"
#include "rpki/rtr_set.h"

#define UNIVERSE	3000

static uint64_t rng = 42;

static uint32_t
rnd(uint32_t n)
{
	rng = rng * 6364136223846793005ull + 1442695040888963407ull;
	return (uint32_t)(rng >> 33) % n;
}

/* VRP number i: near neighbours share prefixes, ASes or maxLengths. */
static void
make_vrp(unsigned i, struct vrp *v)
{
	memset(v, 0, sizeof(*v));
	if (i % 3 == 0) {
		v->pfx.afi = AFI_IPV6;
		v->pfx.len = 32;
		v->pfx.b[0] = 0x20;
		v->pfx.b[1] = 0x01;
		v->pfx.b[2] = (uint8_t)(i / 256);
		v->pfx.b[3] = (uint8_t)(i / 7);
		v->maxlen = (uint8_t)(32 + i % 5);
	} else {
		v->pfx.afi = AFI_IPV4;
		v->pfx.len = 24;
		v->pfx.b[0] = 10;
		v->pfx.b[1] = (uint8_t)(i / 256);
		v->pfx.b[2] = (uint8_t)(i / 4);
		v->maxlen = (uint8_t)(24 + i % 3);
	}
	v->asn = 64496 + i % 11;
}

static int
same_vrp(const struct vrp *a, const struct vrp *b)
{
	return a->asn == b->asn && a->maxlen == b->maxlen &&
	    prefix_equal(&a->pfx, &b->pfx);
}

/* The model's VRPs in the order rtr_set_export() promises. */
static int
model_order(const void *a, const void *b)
{
	const struct vrp *x = a, *y = b;
	int r = prefix_cmp(&x->pfx, &y->pfx);

	if (r != 0)
		return r;
	if (x->maxlen != y->maxlen)
		return x->maxlen < y->maxlen ? -1 : 1;
	return x->asn < y->asn ? -1 : x->asn > y->asn;
}

static void
compare(const struct rtr_set *s, const bool *present)
{
	struct vrp *want = calloc(UNIVERSE, sizeof(*want));
	struct vrp_set got;
	size_t n = 0, i;

	assert_non_null(want);
	for (i = 0; i < UNIVERSE; i++)
		if (present[i])
			make_vrp((unsigned)i, &want[n++]);
	qsort(want, n, sizeof(*want), model_order);
	vrp_set_init(&got);
	assert_int_equal(rtr_set_export(s, &got), s->n);
	assert_int_equal(got.nvrps, n);
	for (i = 0; i < n; i++)
		assert_true(same_vrp(&got.vrps[i], &want[i]));
	vrp_set_free(&got);
	free(want);
}

static void
test_random_against_flags(void **state)
{
	struct rtr_set s;
	bool present[UNIVERSE];
	unsigned phase, op, j;
	struct vrp v, w;

	(void)state;
	/* make_vrp must be one-to-one for the flags to be a model. */
	for (op = 0; op < UNIVERSE; op++) {
		make_vrp(op, &v);
		for (j = op + 1; j < UNIVERSE; j++) {
			make_vrp(j, &w);
			assert_false(same_vrp(&v, &w));
		}
	}
	memset(present, 0, sizeof(present));
	rtr_set_init(&s);
	/* Phases that fill, churn and drain the table. */
	for (phase = 0; phase < 12; phase++) {
		unsigned add_pct = phase % 3 == 0 ? 85 : phase % 3 == 1 ?
		    50 : 15;

		for (op = 0; op < 20000; op++) {
			unsigned i = rnd(UNIVERSE);

			make_vrp(i, &v);
			if (rnd(100) < add_pct) {
				assert_int_equal(rtr_set_add(&s, &v),
				    !present[i]);
				present[i] = true;
			} else {
				assert_int_equal(rtr_set_remove(&s, &v),
				    present[i]);
				present[i] = false;
			}
			if (op % 5000 == 0)
				compare(&s, present);
		}
		compare(&s, present);
	}
	/* Drain completely: every withdrawal must find its VRP. */
	for (op = 0; op < UNIVERSE; op++) {
		make_vrp(op, &v);
		assert_int_equal(rtr_set_remove(&s, &v), present[op]);
		present[op] = false;
	}
	assert_int_equal(s.n, 0);
	compare(&s, present);
	rtr_set_free(&s);
}

static void
test_edges(void **state)
{
	struct rtr_set s;
	struct vrp v, w;

	(void)state;
	rtr_set_init(&s);
	make_vrp(1, &v);
	assert_false(rtr_set_remove(&s, &v));	/* empty, no table yet */
	assert_true(rtr_set_add(&s, &v));
	assert_false(rtr_set_add(&s, &v));
	w = v;
	w.ta = 7;				/* the TA is not part of a VRP */
	assert_false(rtr_set_add(&s, &w));
	w.maxlen++;
	assert_true(rtr_set_add(&s, &w));
	assert_int_equal(s.n, 2);
	assert_true(rtr_set_remove(&s, &v));
	assert_false(rtr_set_remove(&s, &v));
	assert_int_equal(s.n, 1);
	rtr_set_free(&s);
	assert_int_equal(s.n, 0);
}

static void
test_hostport(void **state)
{
	const struct {
		const char	*in, *host, *port;
	} good[] = {
		{ "127.0.0.1:8282", "127.0.0.1", "8282" },
		{ "rtr.example.net:323", "rtr.example.net", "323" },
		{ "[2001:db8::1]:323", "2001:db8::1", "323" },
		{ "[::1]:8282", "::1", "8282" },
	};
	const char *bad[] = {
		"", "host", ":323", "host:", "2001:db8::1", "2001:db8::1:323",
		"[2001:db8::1]", "[2001:db8::1]:", "[]:323", "[::1]323",
	};
	char buf[64];
	const char *h, *p;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		snprintf(buf, sizeof(buf), "%s", good[i].in);
		assert_true(rtr_split_hostport(buf, &h, &p));
		assert_string_equal(h, good[i].host);
		assert_string_equal(p, good[i].port);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(buf, sizeof(buf), "%s", bad[i]);
		assert_false(rtr_split_hostport(buf, &h, &p));
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_random_against_flags),
		cmocka_unit_test(test_edges),
		cmocka_unit_test(test_hostport),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
