/*
 * ROA history: the interval store against a naive oracle (ROV over each
 * day's own snapshot, with the ROV trie), gaps, dates, incremental ingest
 * through the file format, and damaged store files.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "rpki/history.h"
#include "rpki/rov.h"
#include "rand.h"

#define NDAYS	40
#define POOL	48


/* A random prefix in a small space so that VRPs and routes overlap. */
static struct prefix
rnd_prefix(void)
{
	struct prefix p;

	memset(&p, 0, sizeof(p));
	if (rnd(3) == 0) {
		p.afi = AFI_IPV6;
		p.b[0] = 0x20;
		p.b[1] = 0x01;
		p.b[2] = (uint8_t)rnd(4);
		p.b[3] = (uint8_t)(rnd(2) << 7);
		p.len = (uint8_t)(16 + rnd(20));
	} else {
		p.afi = AFI_IPV4;
		p.b[0] = 10;
		p.b[1] = (uint8_t)(rnd(4) << 6);
		p.b[2] = (uint8_t)rnd(256);
		p.len = (uint8_t)(8 + rnd(20));
	}
	prefix_mask(&p);
	return p;
}

static struct vrp
rnd_vrp(void)
{
	struct vrp v;

	memset(&v, 0, sizeof(v));
	v.pfx = rnd_prefix();
	v.maxlen = (uint8_t)(v.pfx.len + rnd(6));
	if (v.maxlen > afi_bits(v.pfx.afi))
		v.maxlen = (uint8_t)afi_bits(v.pfx.afi);
	v.asn = rnd(5);		/* AS0 included */
	v.ta = (uint8_t)rnd(3);	/* ignored by the store */
	return v;
}

struct series {
	struct vrp	 pool[POOL];
	/* Per day: observed?, and which pool entries (maybe twice). */
	bool		 seen[NDAYS];
	struct vrp	 snap[NDAYS][POOL * 2];
	size_t		 n[NDAYS];
	uint32_t	 day0;
};

static void
make_series(struct series *s)
{
	size_t d, i;
	bool on[POOL];

	memset(s, 0, sizeof(*s));
	for (i = 0; i < POOL; i++) {
		s->pool[i] = rnd_vrp();
		on[i] = rnd(2);
	}
	s->day0 = 19000 + rnd(1000);
	for (d = 0; d < NDAYS; d++) {
		for (i = 0; i < POOL; i++)
			if (rnd(6) == 0)
				on[i] = !on[i];	/* churn and flaps */
		s->seen[d] = d == 0 || rnd(5) != 0;	/* gaps */
		if (!s->seen[d])
			continue;
		for (i = 0; i < POOL; i++) {
			if (!on[i])
				continue;
			s->snap[d][s->n[d]++] = s->pool[i];
			if (rnd(8) == 0)	/* duplicate, other TA */
				s->snap[d][s->n[d]++] = s->pool[i];
		}
	}
}

static struct history *
build(const struct series *s, size_t from, size_t to, struct history *h)
{
	char err[HISTORY_ERRLEN];
	size_t d;

	if (h == NULL)
		h = history_new();
	for (d = from; d < to; d++)
		if (s->seen[d] && history_add_day(h, s->day0 + (uint32_t)d,
		    s->snap[d], s->n[d], err, sizeof(err)) != 0)
			fail_msg("add_day: %s", err);
	return h;
}

/* The store's covering VRPs present at snap equal the trie's. */
static void
check_covering(const struct history *h, const struct rov *rov,
    const struct prefix *p, uint32_t snap)
{
	uint32_t idx[POOL * 4];
	struct vrp want[POOL * 4];
	size_t n = history_covering(h, p, idx, POOL * 4), nw, i, k = 0;

	assert_true(n <= POOL * 4);
	nw = rov_covering(rov, p, want, POOL * 4);
	for (i = 0; i < n; i++) {
		const struct vrp *v = history_vrp(h, idx[i]);

		assert_true(prefix_covers(&v->pfx, p));
		if (!history_present(h, idx[i], snap))
			continue;
		assert_true(k < nw);
		/* Both shortest first; within a prefix the order may differ. */
		assert_true(prefix_equal(&v->pfx, &want[k].pfx));
		k++;
	}
	assert_int_equal(k, nw);
}

static void
check_series(const struct series *s, const struct history *h)
{
	size_t d, q, last = 0;
	uint32_t snap = 0;

	for (d = 0; d < NDAYS + 3; d++) {
		uint32_t day = s->day0 + (uint32_t)d;
		size_t od = d < NDAYS && s->seen[d] ? d : last;
		struct rov *rov = rov_build(s->snap[od], s->n[od]);
		struct history_result r;
		bool exact = d < NDAYS && s->seen[d];

		for (q = 0; q < 60; q++) {
			struct prefix p = q < POOL ? s->pool[q].pfx :
			    rnd_prefix();
			uint32_t asn = q < POOL ? s->pool[q].asn : rnd(5);
			enum rov_reason why, rwhy;
			enum rov_state want;

			if (rnd(3) == 0 && p.len < afi_bits(p.afi))
				p.len++;	/* a more specific */
			want = rov_validate(rov, &p, asn, &why);
			assert_int_equal(history_validate(h, &p, asn, day, 0,
			    &r), exact);
			if (exact) {
				assert_int_equal(r.status, HISTORY_EXACT);
				assert_int_equal(r.day, day);
				assert_int_equal(r.state, want);
				assert_int_equal(r.reason, why);
			} else
				assert_int_equal(r.status,
				    HISTORY_NO_SNAPSHOT);
			/* The nearest earlier snapshot, flagged. */
			assert_true(history_validate(h, &p, asn, day,
			    HISTORY_NEAREST, &r));
			assert_int_equal(r.status, exact ? HISTORY_EXACT :
			    HISTORY_EARLIER);
			assert_int_equal(r.day, s->day0 + od);
			assert_int_equal(r.state, want);
			assert_int_equal(history_validate_snap(h, &p, asn,
			    r.snap, &rwhy), want);
			assert_int_equal(rwhy, why);
			check_covering(h, rov, &p, r.snap);
		}
		rov_free(rov);
		if (exact) {
			struct rov *at = history_rov_at(h, snap);

			/* The materialised trie has the day's VRPs. */
			rov = rov_build(s->snap[d], s->n[d]);
			assert_int_equal(rov_count(at), rov_count(rov));
			rov_free(at);
			rov_free(rov);
			snap++;
			last = d;
		}
	}
	/* Before the first snapshot nothing is known, even with NEAREST. */
	{
		struct history_result r;

		assert_false(history_validate(h, &s->pool[0].pfx, 1,
		    s->day0 - 1, HISTORY_NEAREST, &r));
		assert_int_equal(r.status, HISTORY_NO_SNAPSHOT);
	}
}

/* Runs are maximal over snapshot indices: a gap does not split them. */
static void
check_runs(const struct series *s, const struct history *h)
{
	size_t i, d;

	for (i = 0; i < history_nvrps(h); i++) {
		const struct vrp *v = history_vrp(h, (uint32_t)i);
		const struct history_run *r;
		size_t nr = history_runs(h, (uint32_t)i, &r), k;
		uint32_t snap = 0;

		assert_true(nr > 0);
		for (k = 1; k < nr; k++)
			assert_true(r[k].first > r[k - 1].last + 1);
		for (d = 0; d < NDAYS; d++) {
			bool in = false;
			size_t j;

			if (!s->seen[d])
				continue;
			for (j = 0; j < s->n[d]; j++)
				if (prefix_equal(&s->snap[d][j].pfx, &v->pfx) &&
				    s->snap[d][j].maxlen == v->maxlen &&
				    s->snap[d][j].asn == v->asn)
					in = true;
			assert_int_equal(history_present(h, (uint32_t)i, snap),
			    in);
			snap++;
		}
	}
}

static void
test_oracle(void **state)
{
	static struct series s;
	int round;

	(void)state;
	for (round = 0; round < 20; round++) {
		struct history *h;

		make_series(&s);
		h = build(&s, 0, NDAYS, NULL);
		check_runs(&s, h);
		check_series(&s, h);
		history_free(h);
	}
}

/* Half, saved and loaded, then the rest: the same bytes as all at once. */
static void
test_incremental(void **state)
{
	static struct series s;
	char err[HISTORY_ERRLEN], path[] = "/tmp/manrs-test-history.XXXXXX";
	struct history *a, *b;
	uint8_t *x, *y;
	size_t nx, ny;
	int fd, round;

	(void)state;
	if ((fd = mkstemp(path)) == -1)
		fail_msg("mkstemp");
	close(fd);
	for (round = 0; round < 5; round++) {
		make_series(&s);
		a = build(&s, 0, NDAYS, NULL);
		b = build(&s, 0, NDAYS / 2, NULL);
		assert_int_equal(history_save(b, path, err, sizeof(err)), 0);
		history_free(b);
		b = history_load(path, err, sizeof(err));
		if (b == NULL)
			fail_msg("load: %s", err);
		b = build(&s, NDAYS / 2, NDAYS, b);
		history_serialise(a, &x, &nx);
		history_serialise(b, &y, &ny);
		assert_int_equal(nx, ny);
		assert_memory_equal(x, y, nx);
		check_series(&s, b);
		free(x);
		free(y);
		history_free(a);
		history_free(b);
	}
	unlink(path);
}

static void
test_order_and_bad_vrps(void **state)
{
	char err[HISTORY_ERRLEN];
	struct history *h = history_new();
	struct vrp v;

	(void)state;
	memset(&v, 0, sizeof(v));
	v.pfx.afi = AFI_IPV4;
	v.pfx.len = 8;
	v.pfx.b[0] = 10;
	v.maxlen = 24;
	v.asn = 1;
	assert_int_equal(history_add_day(h, 20000, &v, 1, err, sizeof(err)),
	    0);
	assert_int_equal(history_add_day(h, 20000, &v, 1, err, sizeof(err)),
	    -1);
	assert_non_null(strstr(err, "not after"));
	assert_int_equal(history_add_day(h, 19999, &v, 1, err, sizeof(err)),
	    -1);
	v.pfx.b[1] = 1;		/* host bits */
	assert_int_equal(history_add_day(h, 20001, &v, 1, err, sizeof(err)),
	    -1);
	assert_non_null(strstr(err, "host bits"));
	v.pfx.b[1] = 0;
	v.maxlen = 7;
	assert_int_equal(history_add_day(h, 20001, &v, 1, err, sizeof(err)),
	    -1);
	assert_int_equal(history_ndays(h), 1);
	/* An empty snapshot is a day on which nothing was published. */
	assert_int_equal(history_add_day(h, 20002, NULL, 0, err, sizeof(err)),
	    0);
	assert_false(history_present(h, 0, 1));
	assert_true(history_present(h, 0, 0));
	history_free(h);
}

/* Dates against values worked out by hand. */
static void
test_days(void **state)
{
	static const struct {
		const char	*s;
		uint32_t	 day;
	} ok[] = {
		{ "1970-01-01", 0 },
		{ "1970-03-01", 59 },
		{ "2000-02-29", 11016 },
		{ "2000-03-01", 11017 },
		{ "2024-01-01T23:59:59Z", 19723 },
		{ "2100-03-01", 47541 },
		{ "9999-12-31", 2932896 },
	};
	static const char *bad[] = { "1969-12-31", "2023-02-29", "2100-02-29",
	    "2024-13-01", "2024-1-01", "2024-01-01T24:00:00Z", "2024-01-01Z",
	    "20240101", "", "2024-00-10", "2024-01-32" };
	char buf[HISTORY_DAY_STRLEN];
	const char *why;
	uint32_t d, prev = 0;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		assert_true(history_day_parse(ok[i].s, strlen(ok[i].s), &d,
		    &why));
		assert_int_equal(d, ok[i].day);
		history_day_fmt(d, buf);
		assert_memory_equal(buf, ok[i].s, 10);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_false(history_day_parse(bad[i], strlen(bad[i]), &d,
		    &why));
	/* Formatting then parsing is the identity, day after day. */
	for (d = 0; d < 200000; d += 7) {
		uint32_t back;

		assert_int_equal(history_day_fmt(d, buf), 10);
		assert_true(history_day_parse(buf, 10, &back, &why));
		assert_int_equal(back, d);
		assert_true(d == 0 || back > prev);
		prev = back;
	}
}

static uint32_t
rd32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

static void
wr32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

/* Fix the checksums after a deliberate change, to reach the deep checks. */
static size_t nd, nv;	/* of the undamaged image */

static void
reseal(uint8_t *b, size_t n)
{
	size_t vs = 64 + (size_t)nd * 4, rs = vs + (size_t)nv * 28;

	wr32(b + 32, (uint32_t)crc32_z(0, b + 64, (size_t)nd * 4));
	wr32(b + 36, (uint32_t)crc32_z(0, b + vs, (size_t)nv * 28));
	wr32(b + 40, (uint32_t)crc32_z(0, b + rs, n - rs));
	wr32(b + 60, (uint32_t)crc32_z(0, b, 60));
}

static void
expect_reject(const uint8_t *b, size_t n, const char *what)
{
	char err[HISTORY_ERRLEN] = "";
	struct history *h = history_load_mem(b, n, "store", err, sizeof(err));

	if (h != NULL)
		fail_msg("accepted a damaged store (%s)", what);
	if (strstr(err, what) == NULL)
		fail_msg("error '%s' does not say '%s'", err, what);
	assert_memory_equal(err, "store: ", 7);
}

static void
test_corrupt(void **state)
{
	static struct series s;
	char err[HISTORY_ERRLEN];
	struct history *h, *g;
	uint8_t *img, *b;
	size_t n, i, vs, rs;

	(void)state;
	make_series(&s);
	h = build(&s, 0, NDAYS, NULL);
	history_serialise(h, &img, &n);
	g = history_load_mem(img, n, "store", err, sizeof(err));
	assert_non_null(g);
	history_free(g);
	b = malloc(n + 8);
	assert_non_null(b);
	nd = history_ndays(h);
	nv = history_nvrps(h);
	vs = 64 + history_ndays(h) * 4;
	rs = vs + history_nvrps(h) * 28;

	/* Every truncation, and trailing garbage. */
	for (i = 0; i < n; i++)
		assert_null(history_load_mem(img, i, "store", err,
		    sizeof(err)));
	memcpy(b, img, n);
	memset(b + n, 0, 8);
	expect_reject(b, n + 8, "trailing bytes");
	/* Every single-byte change is caught (checksums or checks). */
	for (i = 0; i < n; i++) {
		memcpy(b, img, n);
		b[i] ^= (uint8_t)(1u << (i % 8));
		assert_null(history_load_mem(b, n, "store", err, sizeof(err)));
	}
	memcpy(b, img, n);
	b[0] = 'X';
	expect_reject(b, n, "bad magic");
	memcpy(b, img, n);
	b[70] ^= 1;
	expect_reject(b, n, "checksum");
	memcpy(b, img, n);
	wr32(b + 8, 2);
	reseal(b, n);
	expect_reject(b, n, "version 2");
	memcpy(b, img, n);
	b[50] = 1;
	reseal(b, n);
	expect_reject(b, n, "reserved header bytes");
	memcpy(b, img, n);
	wr32(b + 20, 0xffffffffu);
	reseal(b, n);
	expect_reject(b, n, "over the limits");
	/* Valid checksums over bad content. */
	memcpy(b, img, n);
	wr32(b + 68, rd32(b + 64));	/* day 1 = day 0 */
	reseal(b, n);
	expect_reject(b, n, "day 1 not after");
	memcpy(b, img, n);
	b[vs + 2] = 200;		/* maxLength */
	reseal(b, n);
	expect_reject(b, n, "maxLength over");
	memcpy(b, img, n);
	b[vs + 28] = b[vs];		/* VRP 1 = VRP 0 */
	memcpy(b + vs + 28 + 1, b + vs + 1, 23);
	reseal(b, n);
	expect_reject(b, n, "not after the VRP before");
	memcpy(b, img, n);
	b[vs] = 3;			/* family */
	reseal(b, n);
	expect_reject(b, n, "bad address family");
	memcpy(b, img, n);
	wr32(b + vs + 24, rd32(b + vs + 24) + 1);	/* run count */
	reseal(b, n);
	expect_reject(b, n, "run count");
	memcpy(b, img, n);
	wr32(b + rs + 4, (uint32_t)history_ndays(h));	/* past the days */
	reseal(b, n);
	expect_reject(b, n, "past the");
	memcpy(b, img, n);
	wr32(b + rs, rd32(b + rs + 4) + 1);		/* first > last */
	reseal(b, n);
	expect_reject(b, n, "out of order");
	expect_reject((const uint8_t *)"MANRSVH\n", 8, "shorter");
	free(b);
	free(img);
	history_free(h);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_oracle),
		cmocka_unit_test(test_incremental),
		cmocka_unit_test(test_order_and_bad_vrps),
		cmocka_unit_test(test_days),
		cmocka_unit_test(test_corrupt),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
