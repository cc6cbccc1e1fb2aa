/*
 * IRR index and as-set expansion tests: index queries against a linear
 * scan over random objects, expansion against a breadth-first oracle over
 * random set graphs, and hand-written cases for cycles, caps,
 * source-qualified and hierarchical names, route-sets and bad members.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/limits.h"
#include "base/log.h"
#include "formats/rpsl.h"
#include "irr/asset.h"
#include "irr/index.h"
#include "irr/load.h"
#include "rand.h"

#define NROUTES		3000
#define NQUERIES	3000


/* A random IPv4 or IPv6 prefix in a small space, so that many overlap. */
static struct prefix
rnd_prefix(void)
{
	struct prefix p;

	memset(&p, 0, sizeof(p));
	if (rnd(4) == 0) {
		p.afi = AFI_IPV6;
		p.b[0] = 0x20;
		p.b[1] = 0x01;
		p.b[2] = (uint8_t)rnd(4);
		p.b[3] = (uint8_t)(rnd(2) << 7);
		p.b[4] = (uint8_t)rnd(256);
		p.len = (uint8_t)(16 + rnd(33));
	} else {
		p.afi = AFI_IPV4;
		p.b[0] = 10;
		p.b[1] = (uint8_t)rnd(4);
		p.b[2] = (uint8_t)rnd(256);
		p.len = (uint8_t)(8 + rnd(17));
	}
	prefix_mask(&p);
	return p;
}

struct oroute {
	struct prefix	p;
	uint32_t	origin;
	unsigned	source;
};

/* The oracle's answer, computed by a scan of every object. */
static void
oracle_lookup(const struct oroute *o, size_t n, const struct irr_index *idx,
    const struct prefix *q, uint32_t origin, enum irr_match *match,
    bool *auth, bool *nonauth, int *best_len)
{
	size_t i;

	*match = IRR_MATCH_NONE;
	*auth = *nonauth = false;
	*best_len = -1;
	for (i = 0; i < n; i++) {
		if (o[i].origin != origin || !prefix_covers(&o[i].p, q))
			continue;
		if (irr_index_source_auth(idx, o[i].source))
			*auth = true;
		else
			*nonauth = true;
		if (o[i].p.len > *best_len)
			*best_len = o[i].p.len;
	}
	if (*best_len == q->len)
		*match = IRR_MATCH_EXACT;
	else if (*best_len >= 0)
		*match = IRR_MATCH_MORE_SPECIFIC;
}

struct count_ctx {
	size_t	n;
	int	last_len;
	bool	ordered;
};

static bool
count_fn(void *ctx, const struct irr_route *r)
{
	struct count_ctx *c = ctx;

	if (r->pfx.len > c->last_len)
		c->ordered = false;
	c->last_len = r->pfx.len;
	c->n++;
	return true;
}

enum rel { COVERING, COVERED, EQUAL, ANY };

/* Distinct (prefix, origin, source) triples among o[0..n) in rel to q. */
static size_t
oracle_distinct(const struct oroute *o, size_t n, const struct prefix *q,
    enum rel rel, long origin)
{
	size_t i, j, k = 0;

	for (i = 0; i < n; i++) {
		bool dup = false;

		if (origin >= 0 && o[i].origin != (uint32_t)origin)
			continue;
		if ((rel == COVERING && !prefix_covers(&o[i].p, q)) ||
		    (rel == COVERED && !prefix_covers(q, &o[i].p)) ||
		    (rel == EQUAL && !prefix_equal(q, &o[i].p)))
			continue;
		for (j = 0; j < i && !dup; j++)
			dup = prefix_equal(&o[j].p, &o[i].p) &&
			    o[j].origin == o[i].origin &&
			    o[j].source == o[i].source;
		if (!dup)
			k++;
	}
	return k;
}

static void
test_index_oracle(void **state)
{
	static const char *const names[] = { "RIPE", "radb", "ARIN",
	    "ALTDB" };
	struct oroute *o = calloc(NROUTES, sizeof(*o));
	struct irr_index *idx = irr_index_new();
	struct irr_lookup lk;
	size_t i, n, lo, hi;
	unsigned src[4];

	(void)state;
	for (i = 0; i < 4; i++)
		src[i] = (unsigned)irr_index_source(idx, names[i],
		    strlen(names[i]));
	assert_int_equal(irr_index_source(idx, "RADB", 4), (int)src[1]);
	assert_true(irr_index_source_auth(idx, src[0]));
	assert_false(irr_index_source_auth(idx, src[1]));
	assert_string_equal(irr_index_source_name(idx, src[1]), "RADB");
	for (i = 0; i < NROUTES; i++) {
		o[i].p = rnd_prefix();
		o[i].origin = 1 + rnd(6);
		o[i].source = src[rnd(4)];
		/* Repeat some objects: the index keeps each triple once. */
		if (i > 0 && rnd(10) == 0)
			o[i] = o[rnd((uint32_t)i)];
		assert_true(irr_index_add(idx, &o[i].p, o[i].origin,
		    o[i].source, 0, (uint32_t)i + 1));
	}
	irr_index_finish(idx);
	(void)irr_index_routes(idx, &n);
	assert_int_equal(n + irr_index_repeats(idx), NROUTES);
	assert_true(irr_index_memory(idx) <= 40 * NROUTES);
	for (i = 0; i < NQUERIES; i++) {
		struct prefix q = i % 2 ? rnd_prefix() : o[rnd(NROUTES)].p;
		uint32_t origin = 1 + rnd(6);
		enum irr_match m;
		bool auth, nonauth;
		int best;
		struct count_ctx cc = { 0, 200, true };
		size_t k;

		oracle_lookup(o, NROUTES, idx, &q, origin, &m, &auth,
		    &nonauth, &best);
		irr_index_lookup(idx, &q, origin, &lk);
		assert_int_equal(lk.match, m);
		assert_int_equal(lk.auth, auth);
		assert_int_equal(lk.nonauth, nonauth);
		if (m != IRR_MATCH_NONE) {
			assert_int_equal(lk.first->pfx.len, best);
			assert_true(prefix_covers(&lk.first->pfx, &q));
			for (k = 0; k < lk.n; k++)
				assert_int_equal(lk.first[k].origin, origin);
			assert_int_equal(lk.n, oracle_distinct(o, NROUTES,
			    &lk.first->pfx, EQUAL, origin));
		}
		irr_index_covering(idx, &q, count_fn, &cc);
		assert_int_equal(cc.n, oracle_distinct(o, NROUTES, &q,
		    COVERING, -1));
		assert_true(cc.ordered);
		irr_index_covered(idx, &q, &lo, &hi);
		assert_int_equal(hi - lo, oracle_distinct(o, NROUTES, &q,
		    COVERED, -1));
	}
	for (i = 1; i <= 7; i++) {
		const struct irr_route *r = irr_index_routes(idx, &n);
		const uint32_t *ix = irr_index_by_origin(idx, (uint32_t)i, &n);
		size_t k;

		for (k = 0; k < n; k++)
			assert_int_equal(r[ix[k]].origin, i);
		assert_int_equal(n, oracle_distinct(o, NROUTES, NULL, ANY,
		    (long)i));
		assert_int_equal(irr_index_has_origin(idx, (uint32_t)i), n > 0);
	}
	irr_index_free(idx);
	free(o);
}

struct db {
	struct irr_index	*idx;
	struct irr_sets		*sets;
	struct irr_load_stats	 st;
};

static void
db_load(struct db *d, const char *text)
{
	struct rpsl_file *f = rpsl_buffer_new(text, strlen(text), "test");
	char err[256];

	memset(d, 0, sizeof(*d));
	d->idx = irr_index_new();
	d->sets = irr_sets_new(d->idx);
	assert_true(irr_load(d->idx, d->sets, f, "test", &d->st, err,
	    sizeof(err)));
	rpsl_file_free(f);
	irr_index_finish(d->idx);
}

static void
db_free(struct db *d)
{
	irr_sets_free(d->sets);
	irr_index_free(d->idx);
}

static const char sets_db[] =
    "as-set: AS-A\nmembers: AS1, AS2, AS-B\nsource: RIPE\n\n"
    "as-set: as-b\nmembers: AS3 AS-C\n  as-a\nsource: ripe\n\n"
    "as-set: AS-C\nmembers: AS4, AS-D\nsource: RIPE\n\n"
    "as-set: AS-D\nmembers: AS5\nsource: RIPE\n\n"
    "as-set: AS-X\nmembers: AS100\nsource: RADB\n\n"
    "as-set: AS-X\nmembers: AS200\nsource: RIPE\n\n"
    "as-set: AS65000:AS-CUST\nmembers: AS65001, RADB::AS-X, AS-NOPE\n"
    "members: 10.0.0.0/8, RS-FOO, AS-X, AS1^+\n"
    "mp-members: AS65002\nsource: ALTDB\n\n"
    "route-set: RS-FOO\n"
    "members: 192.0.2.0/24^+, 10.0.0.0/8^16-24, AS-D, RS-BAR\n"
    "members: 10.1.0.0/16^7, 10.2.0.0/16^24-20, RS-FOO\n"
    "mp-members: 2001:db8::/32^-\nsource: RIPE\n\n"
    "route-set: RS-BAR\nmembers: 198.51.100.0/24\nsource: RIPE\n\n"
    "as-set: AS-BAD NAME\nsource: RIPE\n\n"
    "as-set: RS-WRONG\nsource: RIPE\n\n"
    "aut-num: AS1\nsource: RIPE\n\naut-num: as2\nsource: RIPE\n\n"
    "aut-num: AS-NOT\nsource: RIPE\n\n"
    "route: 203.0.113.0/24\norigin: AS5\nsource: RADB\n\n"
    "route6: 2001:db8:5::/48\norigin: AS5\nsource: RIPE\n\n"
    "route: 203.0.113.1/24\norigin: AS5\nsource: RADB\n\n"
    "route: 203.0.113.0/24\norigin: AS5\n\n";

static bool
has_finding(const struct irr_expansion *x, enum irr_finding_kind k,
    const char *set, const char *member)
{
	size_t i;

	for (i = 0; i < x->nfindings; i++)
		if (x->findings[i].kind == k &&
		    strcmp(x->findings[i].set, set) == 0 &&
		    strcmp(x->findings[i].member, member) == 0)
			return true;
	return false;
}

static void
assert_asns(const struct irr_expansion *x, const uint32_t *want, size_t n)
{
	size_t i;

	assert_int_equal(x->nasns, n);
	for (i = 0; i < n; i++)
		assert_int_equal(x->asns[i], want[i]);
}

static void
test_expand_cases(void **state)
{
	static const uint32_t all[] = { 1, 2, 3, 4, 5 };
	static const uint32_t cust[] = { 100, 200, 65001, 65002 };
	struct irr_expand_opts o;
	struct irr_expansion x;
	struct db d;
	char buf[IRR_RANGE_STRLEN];
	static const char *const want_rs[] = {
		"10.0.0.0/8^16-24", "192.0.2.0/24^+", "198.51.100.0/24",
		"203.0.113.0/24", "2001:db8::/32^-", "2001:db8:5::/48",
	};
	size_t i;

	(void)state;
	log_verbose = -1;
	db_load(&d, sets_db);
	/* Bad set names, a bad aut-num, a route with host bits, no source. */
	assert_int_equal(d.st.bad, 5);
	assert_int_equal(d.st.no_source, 1);
	assert_int_equal(d.st.routes, 2);
	assert_int_equal(d.st.sets, 9);
	assert_int_equal(d.st.autnums, 2);
	assert_true(irr_sets_has_autnum(d.sets, 2));
	memset(&o, 0, sizeof(o));

	irr_expand(d.sets, "as-a", &o, &x);
	assert_true(x.found);
	assert_string_equal(x.name, "RIPE::AS-A");
	assert_asns(&x, all, 5);
	assert_int_equal(x.sets, 4);
	assert_int_equal(x.depth, 4);
	assert_false(x.cut);
	assert_int_equal(x.counts[IRR_FIND_CYCLE], 1);
	assert_true(has_finding(&x, IRR_FIND_CYCLE, "RIPE::AS-B", "as-a"));
	assert_int_equal(x.counts[IRR_FIND_UNREGISTERED], 2);
	assert_true(has_finding(&x, IRR_FIND_UNREGISTERED, "RIPE::AS-B",
	    "AS3"));
	assert_true(has_finding(&x, IRR_FIND_UNREGISTERED, "RIPE::AS-C",
	    "AS4"));
	irr_expansion_free(&x);

	o.max_depth = 2;
	irr_expand(d.sets, "AS-A", &o, &x);
	assert_asns(&x, all, 3);
	assert_true(x.cut);
	assert_int_equal(x.depth, 2);
	assert_true(has_finding(&x, IRR_FIND_DEPTH, "RIPE::AS-B", "AS-C"));
	assert_int_equal(x.counts[IRR_FIND_CYCLE], 1);
	irr_expansion_free(&x);

	o.max_depth = 0;
	o.max_size = 2;
	irr_expand(d.sets, "AS-A", &o, &x);
	assert_int_equal(x.nasns, 2);
	assert_true(x.cut);
	assert_int_equal(x.counts[IRR_FIND_SIZE], 1);
	irr_expansion_free(&x);
	o.max_size = 0;

	/* Unqualified AS-X from an ALTDB set: the authoritative RIPE one. */
	irr_expand(d.sets, "AS65000:as-cust", &o, &x);
	assert_string_equal(x.name, "ALTDB::AS65000:AS-CUST");
	assert_asns(&x, cust, 4);
	assert_true(has_finding(&x, IRR_FIND_UNKNOWN_SET,
	    "ALTDB::AS65000:AS-CUST", "AS-NOPE"));
	assert_true(has_finding(&x, IRR_FIND_BAD_MEMBER,
	    "ALTDB::AS65000:AS-CUST", "10.0.0.0/8"));
	assert_true(has_finding(&x, IRR_FIND_BAD_MEMBER,
	    "ALTDB::AS65000:AS-CUST", "AS1^+"));
	assert_true(has_finding(&x, IRR_FIND_WRONG_CLASS,
	    "ALTDB::AS65000:AS-CUST", "RS-FOO"));
	irr_expansion_free(&x);

	irr_expand(d.sets, "radb::as-x", &o, &x);
	assert_asns(&x, cust, 1);
	irr_expansion_free(&x);
	irr_expand(d.sets, "AS-X", &o, &x);
	assert_asns(&x, cust + 1, 1);
	irr_expansion_free(&x);
	irr_expand(d.sets, "ALTDB::AS-X", &o, &x);
	assert_false(x.found);
	irr_expansion_free(&x);

	o.prefixes = true;
	irr_expand(d.sets, "RS-FOO", &o, &x);
	assert_true(x.route_set);
	assert_int_equal(x.nranges, 6);
	for (i = 0; i < x.nranges; i++) {
		irr_range_fmt(&x.ranges[i], buf);
		assert_string_equal(buf, want_rs[i]);
	}
	assert_true(has_finding(&x, IRR_FIND_BAD_MEMBER, "RIPE::RS-FOO",
	    "10.1.0.0/16^7"));
	assert_true(has_finding(&x, IRR_FIND_BAD_MEMBER, "RIPE::RS-FOO",
	    "10.2.0.0/16^24-20"));
	assert_true(has_finding(&x, IRR_FIND_CYCLE, "RIPE::RS-FOO",
	    "RS-FOO"));
	irr_expansion_free(&x);

	/* An ASN as the root: its route objects. */
	irr_expand(d.sets, "AS5", &o, &x);
	assert_true(x.found);
	assert_int_equal(x.nranges, 2);
	irr_expansion_free(&x);
	db_free(&d);
}

#define NSETS	60

/* Breadth-first oracle over a random set graph: ASNs, sets, depth. */
static void
test_expand_oracle(void **state)
{
	static uint32_t edges[NSETS][8], asn[NSETS][4];
	static size_t nedges[NSETS], nasn[NSETS];
	int iter;

	(void)state;
	log_verbose = -1;
	for (iter = 0; iter < 40; iter++) {
		char *text = NULL;
		size_t tlen, i, j, head = 0, tail = 0;
		FILE *fp = open_memstream(&text, &tlen);
		int level[NSETS], queue[NSETS], maxlevel = 0;
		bool want_asn[300], cyclic;
		unsigned indeg[NSETS], depth = 1 + rnd(6), removed = 0;
		struct irr_expand_opts o;
		struct irr_expansion x;
		size_t nwant = 0;
		struct db d;

		for (i = 0; i < NSETS; i++) {
			nedges[i] = rnd(4);
			nasn[i] = rnd(4);
			fprintf(fp, "as-set: AS-S%zu\nsource: RIPE\nmembers:",
			    i);
			for (j = 0; j < nedges[i]; j++) {
				/* Mostly forward edges, a few back: cycles. */
				edges[i][j] = rnd(10) == 0 ? rnd(NSETS) :
				    (uint32_t)(i + 1 + rnd(5)) % NSETS;
				fprintf(fp, " AS-S%u,", edges[i][j]);
			}
			for (j = 0; j < nasn[i]; j++) {
				asn[i][j] = 1 + rnd(299);
				fprintf(fp, " AS%u", asn[i][j]);
			}
			fprintf(fp, "\n\n");
		}
		fclose(fp);
		db_load(&d, text);
		for (i = 0; i < NSETS; i++)
			level[i] = 0;
		memset(want_asn, 0, sizeof(want_asn));
		level[0] = 1;
		queue[tail++] = 0;
		while (head < tail) {
			int s = queue[head++];

			if (level[s] > maxlevel)
				maxlevel = level[s];
			for (j = 0; j < nasn[s]; j++)
				want_asn[asn[s][j]] = true;
			for (j = 0; j < nedges[s]; j++) {
				uint32_t t = edges[s][j];

				if (level[t] == 0 &&
				    (unsigned)level[s] + 1 <= depth) {
					level[t] = level[s] + 1;
					queue[tail++] = (int)t;
				}
			}
		}
		/* Kahn's algorithm on the expanded sets: a cycle if stuck. */
		memset(indeg, 0, sizeof(indeg));
		for (i = 0; i < NSETS; i++)
			for (j = 0; level[i] && j < nedges[i]; j++)
				if (level[edges[i][j]])
					indeg[edges[i][j]]++;
		head = tail = 0;
		for (i = 0; i < NSETS; i++)
			if (level[i] && indeg[i] == 0)
				queue[tail++] = (int)i;
		while (head < tail) {
			int s = queue[head++];

			removed++;
			for (j = 0; j < nedges[s]; j++)
				if (level[edges[s][j]] &&
				    --indeg[edges[s][j]] == 0)
					queue[tail++] = (int)edges[s][j];
		}
		for (i = 0, j = 0; i < NSETS; i++)
			j += level[i] != 0;
		cyclic = removed < j;

		memset(&o, 0, sizeof(o));
		o.max_depth = depth;
		irr_expand(d.sets, "AS-S0", &o, &x);
		assert_int_equal(x.sets, j);
		assert_int_equal(x.depth, maxlevel);
		for (i = 0; i < 300; i++)
			nwant += want_asn[i];
		assert_int_equal(x.nasns, nwant);
		for (i = 0; i < x.nasns; i++)
			assert_true(want_asn[x.asns[i]]);
		assert_int_equal(x.counts[IRR_FIND_CYCLE] > 0, cyclic);
		/* No aut-num or route: every ASN member is unregistered. */
		for (i = 0, nwant = 0; i < NSETS; i++)
			nwant += level[i] ? nasn[i] : 0;
		assert_int_equal(x.counts[IRR_FIND_UNREGISTERED], nwant);
		irr_expansion_free(&x);
		db_free(&d);
		free(text);
	}
}

/* Enough objects for the mapped, mremap()-grown array; then shrunk. */
static void
test_index_large(void **state)
{
	struct irr_index *idx = irr_index_new();
	struct irr_lookup lk;
	struct prefix p;
	size_t i, n = 400000;

	(void)state;
	memset(&p, 0, sizeof(p));
	p.afi = AFI_IPV4;
	p.len = 24;
	for (i = n; i-- > 0;) {
		p.b[0] = (uint8_t)(i >> 16);
		p.b[1] = (uint8_t)(i >> 8);
		p.b[2] = (uint8_t)i;
		assert_true(irr_index_add(idx, &p, (uint32_t)i, 0, 0, 1));
	}
	irr_index_finish(idx);
	assert_int_equal(irr_index_count(idx), n);
	assert_true(irr_index_memory(idx) < n * 33 + 4 * 1024 * 1024);
	for (i = 0; i < n; i += 997) {
		p.b[0] = (uint8_t)(i >> 16);
		p.b[1] = (uint8_t)(i >> 8);
		p.b[2] = (uint8_t)i;
		irr_index_lookup(idx, &p, (uint32_t)i, &lk);
		assert_int_equal(lk.match, IRR_MATCH_EXACT);
		irr_index_lookup(idx, &p, (uint32_t)i + 1, &lk);
		assert_int_equal(lk.match, IRR_MATCH_NONE);
	}
	irr_index_free(idx);
}

/* A long chain of sets: cut at the depth cap, no deep recursion. */
static void
test_long_chain(void **state)
{
	char *text = NULL;
	size_t tlen, i;
	FILE *fp = open_memstream(&text, &tlen);
	struct irr_expand_opts o;
	struct irr_expansion x;
	struct db d;

	(void)state;
	for (i = 0; i < 20000; i++)
		fprintf(fp, "as-set: AS-C%zu\nmembers: AS-C%zu, AS%zu\n"
		    "source: RADB\n\n", i, (i + 1) % 20000, i + 1);
	fclose(fp);
	db_load(&d, text);
	memset(&o, 0, sizeof(o));
	irr_expand(d.sets, "AS-C0", &o, &x);
	assert_int_equal(x.sets, MAX_AS_SET_DEPTH);
	assert_int_equal(x.nasns, MAX_AS_SET_DEPTH);
	assert_true(x.cut);
	assert_int_equal(x.counts[IRR_FIND_DEPTH], 1);
	assert_int_equal(x.counts[IRR_FIND_CYCLE], 0);
	irr_expansion_free(&x);
	o.max_depth = 100000;	/* past the hard cap: held to it */
	irr_expand(d.sets, "AS-C0", &o, &x);
	assert_int_equal(x.sets, MAX_AS_SET_DEPTH);
	irr_expansion_free(&x);
	db_free(&d);
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_index_oracle),
		cmocka_unit_test(test_index_large),
		cmocka_unit_test(test_expand_cases),
		cmocka_unit_test(test_expand_oracle),
		cmocka_unit_test(test_long_chain),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
