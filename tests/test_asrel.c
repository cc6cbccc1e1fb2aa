/*
 * AS relationships: the real CAIDA sample in testdata/asrel (and the full
 * file in ../shared/data/asrel when present) checked line by line against
 * the test's own parse; computed cones against a naive fixpoint and
 * against a ppdc-ases file the test writes from that oracle; hostile lines.
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "base/limits.h"
#include "base/log.h"
#include "formats/asrel.h"
#include "net/asgraph.h"

#define SAMPLE	"testdata/asrel/caida_20150201.as-rel.sample.txt"
#define FULL	"../shared/data/asrel/caida_20150201.as-rel.txt"

static int
read_mem(struct asgraph *g, const char *text, size_t n,
    enum asrel_kind want, struct asrel_stats *st)
{
	char err[256];
	int fd = memfd_create("asrel-test", 0), rc;

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, n), (ssize_t)n);
	assert_int_equal(lseek(fd, 0, SEEK_SET), 0);
	rc = asrel_read_fd(g, fd, "mem", want, st, err, sizeof(err));
	if (rc != 0)
		printf("# %s\n", err);
	return rc;
}

/* A finished graph from one text; stats in *st. */
static struct asgraph *
graph_str(const char *text, struct asrel_stats *st)
{
	struct asgraph *g = asgraph_new();

	memset(st, 0, sizeof(*st));
	assert_int_equal(read_mem(g, text, strlen(text), ASREL_KIND_ANY, st),
	    0);
	asgraph_finish(g);
	return g;
}

/* The test's own parse of the link lines: "a|b|rel" with rel -1 or 0. */
struct tlink {
	uint32_t	a, b;
	int		rel;
};

static size_t
parse_links(const char *path, struct tlink **out)
{
	FILE *fp = fopen(path, "r");
	char line[256];
	size_t n = 0, cap = 0;

	assert_non_null(fp);
	*out = NULL;
	while (fgets(line, sizeof(line), fp) != NULL) {
		char *e;
		struct tlink l;

		if (line[0] == '#')
			continue;
		l.a = (uint32_t)strtoul(line, &e, 10);
		assert_true(*e == '|');
		l.b = (uint32_t)strtoul(e + 1, &e, 10);
		assert_true(*e == '|');
		l.rel = (int)strtol(e + 1, &e, 10);
		if (n == cap) {
			cap = cap ? cap * 2 : 4096;
			*out = realloc(*out, cap * sizeof(**out));
			assert_non_null(*out);
		}
		(*out)[n++] = l;
	}
	fclose(fp);
	return n;
}

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* Dense ids for the oracle: the sorted distinct ASNs. */
static size_t
dense(const struct tlink *l, size_t n, uint32_t **ids)
{
	size_t i, k = 0;

	*ids = malloc((2 * n + 1) * sizeof(**ids));
	assert_non_null(*ids);
	for (i = 0; i < n; i++) {
		(*ids)[k++] = l[i].a;
		(*ids)[k++] = l[i].b;
	}
	qsort(*ids, k, sizeof(**ids), cmp_u32);
	for (i = 0, n = 0; i < k; i++)
		if (n == 0 || (*ids)[n - 1] != (*ids)[i])
			(*ids)[n++] = (*ids)[i];
	return n;
}

static size_t
id_of(const uint32_t *ids, size_t n, uint32_t as)
{
	uint32_t *p = bsearch(&as, ids, n, sizeof(*ids), cmp_u32);

	assert_non_null(p);
	return (size_t)(p - ids);
}

/*
 * Naive cone: start from {root}, add the customer of every p2c link whose
 * provider is in the set, until nothing changes.
 */
static size_t
naive_cone(const struct tlink *l, size_t n, const uint32_t *ids,
    size_t nids, uint32_t root, bool *in)
{
	bool changed = true;
	size_t i, size = 1;

	memset(in, 0, nids * sizeof(*in));
	in[id_of(ids, nids, root)] = true;
	while (changed) {
		changed = false;
		for (i = 0; i < n; i++) {
			size_t p, c;

			if (l[i].rel != -1)
				continue;
			p = id_of(ids, nids, l[i].a);
			c = id_of(ids, nids, l[i].b);
			if (in[p] && !in[c]) {
				in[c] = true;
				size++;
				changed = true;
			}
		}
	}
	return size;
}

/* Every link as the test parsed it, both ways; some cones by oracle. */
static void
check_file(const char *path, size_t ncones)
{
	struct asrel_stats st;
	struct tlink *l;
	struct asgraph *g = asgraph_new();
	char err[256];
	size_t n = parse_links(path, &l), i, j, p2c = 0, nids;
	uint32_t *ids, *cone;
	bool *in;

	memset(&st, 0, sizeof(st));
	assert_int_equal(asrel_read(g, path, ASREL_KIND_REL, &st, err,
	    sizeof(err)), 0);
	asgraph_finish(g);
	assert_int_equal(st.skipped, 0);
	assert_int_equal(st.serial, 1);
	assert_int_equal(st.links, n);
	for (i = 0; i < n; i++) {
		enum asrel want = l[i].rel == -1 ? ASREL_PROVIDER : ASREL_PEER;
		enum asrel back = l[i].rel == -1 ? ASREL_CUSTOMER : ASREL_PEER;

		assert_int_equal(l[i].rel == -1 || l[i].rel == 0, 1);
		p2c += l[i].rel == -1;
		assert_int_equal(asgraph_rel(g, l[i].a, l[i].b), want);
		assert_int_equal(asgraph_rel(g, l[i].b, l[i].a), back);
	}
	assert_int_equal(asgraph_links_rel(g, ASREL_PROVIDER), p2c);
	assert_int_equal(asgraph_links_rel(g, ASREL_PEER), n - p2c);
	nids = dense(l, n, &ids);
	assert_int_equal(asgraph_nodes(g), nids);
	in = malloc(nids * sizeof(*in));
	cone = malloc(nids * sizeof(*cone));
	assert_true(in != NULL && cone != NULL);
	/* Providers of the first links (the big ones come first), then
	 * spread over the file. */
	for (j = 0; j < ncones; j++) {
		uint32_t root = l[(j * 7919) % n].a;
		size_t want = naive_cone(l, n, ids, nids, root, in), k, m = 0;

		assert_int_equal(asgraph_cone_size(g, root), want);
		assert_int_equal(asgraph_cone(g, root, cone, nids), want);
		for (k = 0; k < nids; k++)
			if (in[k])
				assert_int_equal(cone[m++], ids[k]);
		for (k = 0; k < nids; k += 97)
			assert_int_equal(asgraph_in_cone(g, ids[k], root),
			    in[k]);
	}
	free(in);
	free(cone);
	free(ids);
	free(l);
	asgraph_free(g);
}

static void
test_sample(void **state)
{
	size_t n;
	struct asrel_stats st;
	struct asgraph *g = asgraph_new();
	const uint32_t *v;
	char err[256];

	(void)state;
	check_file(SAMPLE, 40);
	memset(&st, 0, sizeof(st));
	assert_int_equal(asrel_read(g, SAMPLE, ASREL_KIND_ANY, &st, err,
	    sizeof(err)), 0);
	asgraph_finish(g);
	assert_int_equal(st.kind, ASREL_KIND_REL);
	/* The header's "# inferred clique:" and "# IXP ASes:" lists. */
	v = asgraph_clique(g, &n);
	assert_int_equal(n, 17);
	assert_int_equal(v[0], 174);
	assert_int_equal(v[16], 12956);
	v = asgraph_ixps(g, &n);
	assert_int_equal(n, 25);
	assert_int_equal(v[0], 1200);
	assert_int_equal(v[24], 55818);
	assert_true(st.comments > 100);
	asgraph_free(g);
}

static void
test_full(void **state)
{
	(void)state;
	if (access(FULL, R_OK) != 0) {
		printf("# skip %s not present\n", FULL);
		return;
	}
	check_file(FULL, 25);
}

/*
 * A random graph (p2c mostly from lower to higher numbers, peers, and a
 * p2c cycle), its cones by the naive fixpoint, written as a ppdc-ases
 * file: computed and given cones must both match the oracle.
 */
static void
test_ppdc_agrees(void **state)
{
	enum { N = 80, E = 220 };
	struct tlink l[E + 3];
	char *rel, *ppdc;
	size_t nrel = 0, nppdc = 0, n = 0, i, j, nids;
	struct asgraph *computed, *given;
	struct asrel_stats st;
	uint32_t *ids;
	bool in[2 * (E + 3)];
	static bool linked[N][N];

	(void)state;
	srand(7);
	memset(linked, 0, sizeof(linked));
	rel = malloc(64 * (E + 3));
	ppdc = malloc(N * N * 12 + 64);
	assert_true(rel != NULL && ppdc != NULL);
	while (n < E) {
		uint32_t a = (uint32_t)(rand() % N), b = (uint32_t)(rand() % N);

		if (a == b || linked[a][b])
			continue;
		linked[a][b] = linked[b][a] = true;
		l[n].a = a < b ? a : b;
		l[n].b = a < b ? b : a;
		l[n].rel = rand() % 3 == 0 ? 0 : -1;
		n++;
	}
	/* A p2c cycle 1000 -> 1001 -> 1002 -> 1000. */
	for (i = 0; i < 3; i++) {
		l[n].a = 1000 + (uint32_t)i;
		l[n].b = 1000 + (uint32_t)((i + 1) % 3);
		l[n++].rel = -1;
	}
	nrel += (size_t)snprintf(rel, 64, "# test graph\n");
	for (i = 0; i < n; i++)
		nrel += (size_t)snprintf(rel + nrel, 64, "%u|%u|%d\n",
		    (unsigned)l[i].a + 1, (unsigned)l[i].b + 1, l[i].rel);
	for (i = 0; i < n; i++) {
		l[i].a++;
		l[i].b++;
	}
	nids = dense(l, n, &ids);
	for (i = 0; i < nids; i++) {
		naive_cone(l, n, ids, nids, ids[i], in);
		nppdc += (size_t)snprintf(ppdc + nppdc, 16, "%u", ids[i]);
		/* Members in descending order, to test the sorting. */
		for (j = nids; j-- > 0;)
			if (in[j] && j != i)
				nppdc += (size_t)snprintf(ppdc + nppdc, 16,
				    " %u", ids[j]);
		ppdc[nppdc++] = '\n';
	}
	computed = graph_str(rel, &st);
	assert_int_equal(st.skipped, 0);
	given = asgraph_new();
	memset(&st, 0, sizeof(st));
	assert_int_equal(read_mem(given, rel, nrel, ASREL_KIND_REL, &st), 0);
	assert_int_equal(read_mem(given, ppdc, nppdc, ASREL_KIND_PPDC, &st),
	    0);
	asgraph_finish(given);
	assert_int_equal(st.cones, nids);
	assert_true(asgraph_cones_given(given));
	assert_false(asgraph_cones_given(computed));
	for (i = 0; i < nids; i++) {
		size_t want = naive_cone(l, n, ids, nids, ids[i], in);

		assert_int_equal(asgraph_cone_size(computed, ids[i]), want);
		assert_int_equal(asgraph_cone_size(given, ids[i]), want);
		for (j = 0; j < nids; j++) {
			assert_int_equal(asgraph_in_cone(computed, ids[j],
			    ids[i]), in[j]);
			assert_int_equal(asgraph_in_cone(given, ids[j],
			    ids[i]), in[j]);
		}
	}
	/* The cycle: each of the three is in the others' cones. */
	assert_int_equal(asgraph_cone_size(computed, 1001), 3);
	assert_true(asgraph_in_cone(computed, 1001, 1003));
	assert_int_equal(asgraph_cones_all(computed),
	    asgraph_cones_all(given));
	assert_false(asgraph_in_cone(computed, 5, 999999));
	assert_int_equal(asgraph_cone_size(computed, 999999), 0);
	/* A finished graph takes no more links or cones. */
	{
		const char *why;
		uint64_t prev = 0;
		uint32_t m = 1;

		assert_false(asgraph_add_link(computed, 7, 8, ASREL_PEER, 0,
		    1, &why, &prev));
		assert_false(asgraph_add_cone(computed, 7, &m, 1, &why));
		assert_int_equal(asgraph_rel(computed, 7, 8), ASREL_NONE);
	}
	asgraph_free(computed);
	asgraph_free(given);
	free(ids);
	free(rel);
	free(ppdc);
}

static void
test_serial2(void **state)
{
	struct asrel_stats st;
	struct asgraph *g;
	unsigned src;
	uint32_t v[4];

	(void)state;
	g = graph_str("# comment\r\n1|2|-1|bgp\r\n2|3|0|mlp\n3|4|-1|bgp",
	    &st);
	assert_int_equal(st.serial, 2);
	assert_int_equal(st.links, 3);
	assert_int_equal(st.skipped, 0);
	assert_int_equal(asgraph_rel_source(g, 2, 3, &src), ASREL_PEER);
	assert_string_equal(asgraph_source_name(g, src), "mlp");
	assert_int_equal(asgraph_rel_source(g, 4, 3, &src), ASREL_CUSTOMER);
	assert_string_equal(asgraph_source_name(g, src), "bgp");
	assert_int_equal(asgraph_rel(g, 1, 3), ASREL_NONE);
	assert_int_equal(asgraph_rel(g, 1, 77), ASREL_NONE);
	assert_int_equal(asgraph_neighbours(g, 3, ASREL_PROVIDER, v, 4), 1);
	assert_int_equal(v[0], 4);
	assert_int_equal(asgraph_neighbours(g, 3, ASREL_PEER, v, 4), 1);
	assert_int_equal(v[0], 2);
	asgraph_free(g);
}

static void
test_hostile(void **state)
{
	static const struct {
		const char	*line;
		enum asrel_skip	 why;
	} bad[] = {
		{ "5|5|-1", ASREL_SKIP_SELF },
		{ "1|2|0", ASREL_SKIP_DUP },
		{ "2|1|-1", ASREL_SKIP_CONFLICT },
		{ "1|3|1", ASREL_SKIP_REL },
		{ "1|3|-2", ASREL_SKIP_REL },
		{ "1|3|-1x", ASREL_SKIP_REL },
		{ "1|3|00", ASREL_SKIP_REL },
		{ "1|3|", ASREL_SKIP_SYNTAX },
		{ "1|3", ASREL_SKIP_SYNTAX },
		{ "1|3|0|bgp", ASREL_SKIP_SYNTAX },	/* serial-2 in serial-1 */
		{ "1|3|0|x|y", ASREL_SKIP_SYNTAX },
		{ "4294967296|3|0", ASREL_SKIP_ASN },
		{ "01|3|0", ASREL_SKIP_ASN },
		{ "|3|0", ASREL_SKIP_ASN },
		{ " 1|3|0", ASREL_SKIP_ASN },
		{ "1|-3|0", ASREL_SKIP_ASN },
		{ "# IXP ASes: 1 x 3", ASREL_SKIP_ASN },
	};
	struct asrel_stats st;
	struct asgraph *g;
	char text[256];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(text, sizeof(text), "1|2|0\n%s\n6|7|-1\n",
		    bad[i].line);
		g = graph_str(text, &st);
		if (st.skipped != 1 || st.skip[bad[i].why] != 1)
			fail_msg("'%s': skipped %llu, wanted 1 for %s",
			    bad[i].line, (unsigned long long)st.skipped,
			    asrel_skip_str(bad[i].why));
		assert_non_null(strstr(st.first, "mem: line 2 (byte 6)"));
		/* The good lines around it are kept. */
		assert_int_equal(asgraph_rel(g, 6, 7), ASREL_PROVIDER);
		assert_int_equal(asgraph_rel(g, 2, 1), ASREL_PEER);
		asgraph_free(g);
	}
}

static void
test_hostile_lines(void **state)
{
	struct asrel_stats st;
	struct asgraph *g;
	size_t n = MAX_ASREL_LINE + 100;
	char *big = malloc(n + 32);
	char err[256];

	(void)state;
	assert_non_null(big);
	/* An overlong line, then a good one. */
	memset(big, '7', n);
	memcpy(big + n, "\n1|2|-1\n", 9);
	g = asgraph_new();
	memset(&st, 0, sizeof(st));
	assert_int_equal(read_mem(g, big, n + 8, ASREL_KIND_ANY, &st), 0);
	asgraph_finish(g);
	assert_int_equal(st.skip[ASREL_SKIP_LIMIT], 1);
	assert_int_equal(asgraph_rel(g, 1, 2), ASREL_PROVIDER);
	asgraph_free(g);
	/* A NUL byte inside a line. */
	g = asgraph_new();
	memset(&st, 0, sizeof(st));
	assert_int_equal(read_mem(g, "1|2|-1\n3|\0004|0\n5|6|0", 19,
	    ASREL_KIND_ANY, &st), 0);
	asgraph_finish(g);
	assert_int_equal(st.skip[ASREL_SKIP_LINE], 1);
	assert_int_equal(st.links, 2);
	asgraph_free(g);
	/* ppdc where as-rel is wanted, and the other way round. */
	g = asgraph_new();
	memset(&st, 0, sizeof(st));
	assert_int_equal(read_mem(g, "1 2 3\n", 6, ASREL_KIND_REL, &st), -1);
	assert_int_equal(read_mem(g, "1|2|0\n", 6, ASREL_KIND_PPDC, &st), -1);
	asgraph_finish(g);
	asgraph_free(g);
	/* ppdc: a bad member drops the line, a second cone for an AS too. */
	g = graph_str("1 2 3\n4 5 x\n1 7\n8\n", &st);
	assert_int_equal(st.cones, 2);
	assert_int_equal(st.skip[ASREL_SKIP_ASN], 1);
	assert_int_equal(st.skip[ASREL_SKIP_DUP], 1);
	assert_int_equal(asgraph_cone_size(g, 1), 3);
	assert_int_equal(asgraph_cone_size(g, 8), 1);
	assert_false(asgraph_in_cone(g, 7, 1));
	asgraph_free(g);
	/* A broken gzip stream, binary garbage and an empty file. */
	g = asgraph_new();
	assert_int_equal(read_mem(g, "\x1f\x8b\x08garbage", 10,
	    ASREL_KIND_ANY, &st), -1);
	asgraph_finish(g);
	asgraph_free(g);
	g = graph_str("\x01\xff\xfe|\x80\n\xc3(", &st);
	assert_int_equal(st.skipped, 2);
	assert_int_equal(asgraph_nodes(g), 0);
	asgraph_free(g);
	g = graph_str("", &st);
	assert_int_equal(asgraph_nodes(g), 0);
	assert_int_equal(asgraph_cones_all(g), 0);
	asgraph_free(g);
	g = asgraph_new();
	assert_int_equal(asrel_read(g, "/nonexistent", ASREL_KIND_ANY, &st,
	    err, sizeof(err)), -1);
	assert_non_null(strstr(err, "/nonexistent"));
	asgraph_free(g);
	free(big);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sample),
		cmocka_unit_test(test_full),
		cmocka_unit_test(test_ppdc_agrees),
		cmocka_unit_test(test_serial2),
		cmocka_unit_test(test_hostile),
		cmocka_unit_test(test_hostile_lines),
	};

	log_verbose = -1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
