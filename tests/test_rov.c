/*
 * Route origin validation: golden corner cases, and the trie against a
 * naive linear scan of the VRPs (RFC 6811 2 as written) on random sets.
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
#include "rpki/rov.h"

static struct vrp
mkvrp(const char *pfx, unsigned maxlen, uint32_t asn)
{
	struct vrp v;
	const char *why = NULL;

	memset(&v, 0, sizeof(v));
	if (!prefix_parse(pfx, strlen(pfx), &v.pfx, &why))
		fail_msg("bad test prefix %s: %s", pfx, why);
	v.maxlen = (uint8_t)maxlen;
	v.asn = asn;
	return v;
}

static struct prefix
mkpfx(const char *s)
{
	struct prefix p;
	const char *why = NULL;

	if (!prefix_parse(s, strlen(s), &p, &why))
		fail_msg("bad test prefix %s: %s", s, why);
	return p;
}

/* RFC 6811 2, literally: scan every VRP. */
static enum rov_state
naive(const struct vrp *v, size_t n, const struct prefix *p, uint32_t origin,
    enum rov_reason *reason)
{
	bool covered = false, aslen = false;
	size_t i;

	*reason = ROV_REASON_NONE;
	for (i = 0; i < n; i++) {
		if (v[i].pfx.afi != p->afi || !prefix_covers(&v[i].pfx, p))
			continue;
		covered = true;
		if (origin == 0 || v[i].asn != origin)
			continue;
		if (p->len <= v[i].maxlen)
			return ROV_VALID;
		aslen = true;
	}
	if (!covered)
		return ROV_NOT_FOUND;
	*reason = aslen ? ROV_REASON_LENGTH : ROV_REASON_AS;
	return ROV_INVALID;
}

static void
test_golden(void **state)
{
	const struct vrp vrps[] = {
		mkvrp("10.0.0.0/8", 16, 64496),
		mkvrp("10.0.0.0/8", 16, 64496),		/* duplicate */
		mkvrp("10.0.0.0/16", 24, 64497),
		mkvrp("10.1.0.0/16", 16, 64498),
		mkvrp("10.1.0.0/16", 20, 64499),	/* same prefix */
		mkvrp("192.0.2.0/24", 24, 0),		/* AS0 */
		mkvrp("198.51.100.0/24", 32, 64500),
		mkvrp("203.0.113.7/32", 32, 64501),	/* host route */
		mkvrp("2001:db8::/32", 48, 64502),
		mkvrp("2001:db8:1::/48", 48, 0),	/* AS0 inside */
		mkvrp("2001:db8:ffff::1/128", 128, 64503),
		mkvrp("100.64.0.0/10", 10, 64504),
		mkvrp("100.64.0.0/10", 12, 64505),
	};
	static const struct {
		const char	*pfx;
		uint32_t	 asn;
		enum rov_state	 st;
		enum rov_reason	 why;
	} cases[] = {
		/* maxLength edges. */
		{ "10.0.0.0/8", 64496, ROV_VALID, 0 },
		{ "10.0.0.0/16", 64496, ROV_VALID, 0 },
		{ "10.2.0.0/16", 64496, ROV_VALID, 0 },
		{ "10.2.0.0/17", 64496, ROV_INVALID, ROV_REASON_LENGTH },
		{ "10.2.0.0/17", 1, ROV_INVALID, ROV_REASON_AS },
		/* Several covering VRPs, one matching. */
		{ "10.0.5.0/24", 64497, ROV_VALID, 0 },
		{ "10.0.5.0/24", 64496, ROV_INVALID, ROV_REASON_LENGTH },
		{ "10.0.5.0/25", 64497, ROV_INVALID, ROV_REASON_LENGTH },
		{ "10.1.0.0/16", 64498, ROV_VALID, 0 },
		{ "10.1.0.0/20", 64499, ROV_VALID, 0 },
		{ "10.1.0.0/20", 64498, ROV_INVALID, ROV_REASON_LENGTH },
		{ "10.1.0.0/21", 64499, ROV_INVALID, ROV_REASON_LENGTH },
		{ "100.64.0.0/12", 64505, ROV_VALID, 0 },
		{ "100.64.0.0/12", 64504, ROV_INVALID, ROV_REASON_LENGTH },
		/* Less specific than every VRP: not covered. */
		{ "10.0.0.0/7", 64496, ROV_NOT_FOUND, 0 },
		{ "0.0.0.0/0", 64496, ROV_NOT_FOUND, 0 },
		{ "11.0.0.0/8", 64496, ROV_NOT_FOUND, 0 },
		/* AS0 covers, never validates. */
		{ "192.0.2.0/24", 0, ROV_INVALID, ROV_REASON_AS },
		{ "192.0.2.0/24", 64496, ROV_INVALID, ROV_REASON_AS },
		{ "192.0.2.128/25", 64496, ROV_INVALID, ROV_REASON_AS },
		/* Origin 0 (AS_SET) never matches. */
		{ "10.0.0.0/8", 0, ROV_INVALID, ROV_REASON_AS },
		/* Host routes. */
		{ "198.51.100.1/32", 64500, ROV_VALID, 0 },
		{ "203.0.113.7/32", 64501, ROV_VALID, 0 },
		{ "203.0.113.6/32", 64501, ROV_NOT_FOUND, 0 },
		{ "203.0.113.0/24", 64501, ROV_NOT_FOUND, 0 },
		{ "2001:db8:ffff::1/128", 64503, ROV_VALID, 0 },
		{ "2001:db8:ffff::1/128", 64502, ROV_INVALID,
		    ROV_REASON_LENGTH },
		{ "2001:db8:ffff::2/128", 64503, ROV_INVALID, ROV_REASON_AS },
		/* IPv6, and no crossing between families. */
		{ "2001:db8::/32", 64502, ROV_VALID, 0 },
		{ "2001:db8:5::/48", 64502, ROV_VALID, 0 },
		{ "2001:db8:5::/49", 64502, ROV_INVALID, ROV_REASON_LENGTH },
		{ "2001:db8:1::/48", 64502, ROV_VALID, 0 },
		{ "2001:db8:1::/48", 64509, ROV_INVALID, ROV_REASON_AS },
		{ "2001:db9::/32", 64502, ROV_NOT_FOUND, 0 },
		{ "::/0", 64502, ROV_NOT_FOUND, 0 },
		{ "::a00:0/104", 64496, ROV_NOT_FOUND, 0 },
	};
	struct rov *r = rov_build(vrps, sizeof(vrps) / sizeof(vrps[0]));
	struct vrp cov[8];
	struct prefix p;
	size_t i;

	(void)state;
	assert_int_equal(rov_count(r), 12);
	assert_int_equal(rov_duplicates(r), 1);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		enum rov_reason why, nwhy;
		enum rov_state st, nst;

		p = mkpfx(cases[i].pfx);
		st = rov_validate(r, &p, cases[i].asn, &why);
		nst = naive(vrps, sizeof(vrps) / sizeof(vrps[0]), &p,
		    cases[i].asn, &nwhy);
		if (st != cases[i].st || why != cases[i].why || st != nst ||
		    why != nwhy)
			fail_msg("%s AS%u: got %s %s, want %s %s",
			    cases[i].pfx, cases[i].asn, rov_state_str(st),
			    rov_reason_str(why), rov_state_str(cases[i].st),
			    rov_reason_str(cases[i].why));
	}
	/* The covering list: shortest first, then by AS. */
	p = mkpfx("10.1.0.0/20");
	assert_int_equal(rov_covering(r, &p, cov, 8), 3);
	assert_int_equal(cov[0].asn, 64496);
	assert_int_equal(cov[0].pfx.len, 8);
	assert_int_equal(cov[1].asn, 64498);
	assert_int_equal(cov[2].asn, 64499);
	assert_int_equal(cov[2].maxlen, 20);
	assert_true(prefix_equal(&cov[2].pfx, &vrps[4].pfx));
	assert_int_equal(rov_covering(r, &p, cov, 1), 3);	/* counts all */
	p = mkpfx("2001:db8:ffff::1/128");
	assert_int_equal(rov_covering(r, &p, cov, 8), 2);
	assert_true(prefix_equal(&cov[1].pfx, &vrps[10].pfx));
	p = mkpfx("11.0.0.0/8");
	assert_int_equal(rov_covering(r, &p, cov, 8), 0);
	rov_free(r);
}

static void
test_slash0_and_empty(void **state)
{
	const struct vrp vrps[] = {
		mkvrp("0.0.0.0/0", 8, 64496),
		mkvrp("::/0", 0, 0),
	};
	struct rov *r = rov_build(vrps, 2);
	struct prefix p;
	enum rov_reason why;

	(void)state;
	p = mkpfx("0.0.0.0/0");
	assert_int_equal(rov_validate(r, &p, 64496, &why), ROV_VALID);
	p = mkpfx("10.0.0.0/8");
	assert_int_equal(rov_validate(r, &p, 64496, &why), ROV_VALID);
	p = mkpfx("10.0.0.0/9");
	assert_int_equal(rov_validate(r, &p, 64496, &why), ROV_INVALID);
	assert_int_equal(why, ROV_REASON_LENGTH);
	p = mkpfx("2001:db8::/32");
	assert_int_equal(rov_validate(r, &p, 64496, &why), ROV_INVALID);
	assert_int_equal(why, ROV_REASON_AS);
	p = mkpfx("2001:db8::1/128");
	assert_int_equal(rov_validate(r, &p, 64496, NULL), ROV_INVALID);
	rov_free(r);

	r = rov_build(NULL, 0);
	p = mkpfx("10.0.0.0/8");
	assert_int_equal(rov_validate(r, &p, 1, &why), ROV_NOT_FOUND);
	assert_int_equal(why, ROV_REASON_NONE);
	assert_int_equal(rov_count(r), 0);
	rov_free(r);
}

static uint64_t rng = 0x9e3779b97f4a7c15ull;

static uint32_t
rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng >> 16);
}

/*
 * A random prefix from a small universe, so that VRPs and routes nest and
 * collide: a few top bits vary, the rest come from a fixed pattern.
 */
static struct prefix
rnd_prefix(unsigned afi, unsigned maxlen)
{
	struct prefix p;
	unsigned bits = afi_bits(afi), i;

	memset(&p, 0, sizeof(p));
	p.afi = (uint8_t)afi;
	p.len = (uint8_t)(rnd() % (maxlen + 1));
	for (i = 0; i < afi_bytes(afi); i++)
		p.b[i] = (uint8_t)(i < 2 ? (rnd() & 0x3) << 6 | (rnd() & 1) :
		    (rnd() % 8 == 0 ? rnd() : 0x55));
	(void)bits;
	prefix_mask(&p);
	return p;
}

static void
test_random_against_naive(void **state)
{
	int round, indexed = 0;
	uint64_t seen[3] = { 0, 0, 0 };

	(void)state;
	/*
	 * Small sets, then sets big enough for the trie's top-level table
	 * (over 4096 nodes): both ways of starting a walk are checked.  The
	 * last big sets sit under one /8 (as IPv6 VRPs sit under 2000::/3),
	 * so the table indexes the bits after it, and half their routes too.
	 */
	for (round = 0; round < 72; round++) {
		bool based = round >= 66;
		size_t n = round < 30 ? 1 + rnd() % 40 : round < 60 ?
		    1 + rnd() % 600 : (based ? 20000 : 6000) + rnd() % 3000, i;
		struct vrp *v = calloc(n, sizeof(*v));
		struct rov *r;
		int q;

		for (i = 0; i < n; i++) {
			unsigned afi = rnd() % 3 ? AFI_IPV4 : AFI_IPV6;
			unsigned bits = afi_bits(afi);

			if (i > 0 && rnd() % 10 == 0) {
				v[i] = v[rnd() % i];	/* duplicates */
				continue;
			}
			v[i].pfx = rnd_prefix(afi, rnd() % 4 ? 24 : bits);
			if (n > 1000 && (based || rnd() % 2)) {
				/* Big sets: spread over the whole space. */
				unsigned b;

				for (b = 0; b < afi_bytes(afi); b++)
					v[i].pfx.b[b] = (uint8_t)rnd();
				v[i].pfx.len = (uint8_t)(12 + rnd() % 13);
				prefix_mask(&v[i].pfx);
			}
			if (based) {
				v[i].pfx.b[0] = afi == AFI_IPV4 ? 0x0a : 0x2a;
				if (v[i].pfx.len < 8)
					v[i].pfx.len = 8;
				prefix_mask(&v[i].pfx);
			}
			v[i].maxlen = (uint8_t)(v[i].pfx.len +
			    rnd() % (bits - v[i].pfx.len + 1));
			if (rnd() % 3 == 0)
				v[i].maxlen = v[i].pfx.len;
			v[i].asn = rnd() % 20 == 0 ? 0 : 64496 + rnd() % 6;
		}
		r = rov_build(v, n);
		if (n > 1000 && rov_memory(r) > 512 * 1024)
			indexed++;
		for (q = 0; q < 3000; q++) {
			unsigned afi = rnd() % 3 ? AFI_IPV4 : AFI_IPV6;
			struct prefix p = rnd_prefix(afi, rnd() % 2 ? 32 :
			    afi_bits(afi));
			uint32_t origin = rnd() % 15 == 0 ? 0 :
			    64496 + rnd() % 6;
			enum rov_reason why, nwhy;
			enum rov_state st, nst;
			struct vrp cov[4];
			size_t ncov = 0;

			/* Sometimes a route exactly at a VRP. */
			if (rnd() % 4 == 0) {
				p = v[rnd() % n].pfx;
				if (p.len < afi_bits(p.afi) && rnd() % 2)
					p.len++;
				/* Past the based table's 8 + 16 bits. */
				if (based && rnd() % 2)
					p.len = (uint8_t)(24 + rnd() % 9);
			} else if (based && rnd() % 2) {
				p.b[0] = afi == AFI_IPV4 ? 0x0a : 0x2a;
				if (rnd() % 2)
					p.b[1] = (uint8_t)rnd();
			}
			st = rov_validate(r, &p, origin, &why);
			nst = naive(v, n, &p, origin, &nwhy);
			if (st != nst || why != nwhy) {
				char buf[PREFIX_STRLEN];

				prefix_fmt(&p, buf);
				fail_msg("round %d: %s AS%u: trie %s %s, naive "
				    "%s %s", round, buf, origin,
				    rov_state_str(st), rov_reason_str(why),
				    rov_state_str(nst), rov_reason_str(nwhy));
			}
			seen[st]++;
			/* The covering count: distinct covering VRPs. */
			for (i = 0; i < n && n <= 1000; i++) {
				size_t j;

				if (v[i].pfx.afi != p.afi ||
				    !prefix_covers(&v[i].pfx, &p))
					continue;
				for (j = 0; j < i; j++)
					if (prefix_equal(&v[j].pfx, &v[i].pfx) &&
					    v[j].asn == v[i].asn &&
					    v[j].maxlen == v[i].maxlen)
						break;
				if (j == i)
					ncov++;
			}
			if (n <= 1000)
				assert_int_equal(rov_covering(r, &p, cov, 4),
				    ncov);
			for (i = 0; i < ncov && i < 4; i++)
				assert_true(prefix_covers(&cov[i].pfx, &p));
		}
		assert_true(rov_memory(r) > 0);
		rov_free(r);
		free(v);
	}
	/* The big sets had the top-level table; every state came often. */
	assert_int_equal(indexed, 12);
	assert_true(seen[ROV_VALID] > 1000);
	assert_true(seen[ROV_INVALID] > 1000);
	assert_true(seen[ROV_NOT_FOUND] > 1000);
	printf("# random: %llu valid, %llu invalid, %llu not-found\n",
	    (unsigned long long)seen[ROV_VALID],
	    (unsigned long long)seen[ROV_INVALID],
	    (unsigned long long)seen[ROV_NOT_FOUND]);
}

/* The real 2017 VRP sample: every VRP validates itself. */
static void
test_real_vrps_self(void **state)
{
	struct vrp_set s;
	struct vrp_errors e;
	struct rov *r;
	size_t i;

	(void)state;
	vrp_set_init(&s);
	memset(&e, 0, sizeof(e));
	assert_int_equal(vrp_read(
	    "testdata/rpki/compress_roas_vrps_2017-06-01.head400.txt", &s, &e),
	    0);
	r = rov_build(s.vrps, s.nvrps);
	for (i = 0; i < s.nvrps; i++) {
		struct prefix p = s.vrps[i].pfx;
		enum rov_reason why;

		assert_int_equal(rov_validate(r, &p, s.vrps[i].asn, &why),
		    s.vrps[i].asn == 0 ? ROV_INVALID : ROV_VALID);
		p.len = s.vrps[i].maxlen;
		assert_int_equal(rov_validate(r, &p, s.vrps[i].asn, &why),
		    s.vrps[i].asn == 0 ? ROV_INVALID : ROV_VALID);
		if (p.len < afi_bits(p.afi)) {
			p.len++;
			assert_int_not_equal(rov_validate(r, &p, s.vrps[i].asn,
			    &why), ROV_NOT_FOUND);
		}
	}
	rov_free(r);
	vrp_set_free(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_golden),
		cmocka_unit_test(test_slash0_and_empty),
		cmocka_unit_test(test_random_against_naive),
		cmocka_unit_test(test_real_vrps_self),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
