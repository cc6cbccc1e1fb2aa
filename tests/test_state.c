/*
 * The state of an incremental run: a detector fed the first part of a
 * random month of updates, saved, loaded and fed the rest must end with
 * exactly what a detector fed all of it in one go has — the same events
 * and evidence, universe, facts for the period and each day, and
 * announcements.  And a damaged state file is refused, not trusted.
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

#include "net/asgraph.h"
#include "observe/detect.h"
#include "observe/method.h"
#include "observe/state.h"
#include "rpki/rov.h"

#include "elem.h"
#define TEST_RNG_SEED	0x9e3779b97f4a7c15ull
#include "rand.h"

#define FROM	1427846400		/* 2015-04-01 */
#define TO	(FROM + 30 * 86400)
#define NELEM	6000

static struct method M;

/* A path from peer side to origin: transit, maybe a bogon, an origin. */
static size_t
random_path(uint32_t *p)
{
	static const uint32_t transit[] = { 3356, 174, 1299, 6939 };
	size_t n = 0;

	p[n++] = transit[rnd(4)];
	if (rnd(8) == 0)
		p[n++] = transit[rnd(4)];	/* maybe a leak */
	if (rnd(40) == 0)
		p[n++] = 64512 + rnd(10);	/* private ASN: M4 */
	p[n++] = 64600 + rnd(30);		/* origin */
	return n;
}

/* One update of the stream: a state change, withdrawal or announcement. */
struct update {
	enum mrt_elem_kind	kind;
	int64_t			t;
	unsigned		peer;
	char			pfx[24];
	uint32_t		path[4];
	size_t			npath;
};

struct stream {
	struct update	u[NELEM];
};

static void
make_stream(struct stream *s)
{
	int64_t t = FROM - 3600;
	size_t i;

	for (i = 0; i < NELEM; i++) {
		struct update *u = &s->u[i];
		uint32_t r = rnd(100);

		t += rnd(900);
		u->t = t;
		u->peer = 1 + rnd(6);
		u->npath = random_path(u->path);
		snprintf(u->pfx, sizeof(u->pfx), "10.%u.%u.0/24", rnd(4),
		    rnd(20));
		u->kind = r < 2 ? ELEM_STATE : r < 20 ? ELEM_WITHDRAW :
		    ELEM_ANNOUNCE;
	}
}

static void
feed_range(struct detector *d, const struct stream *s, size_t from,
    size_t to)
{
	static struct elem_builder b;
	size_t i;

	for (i = from; i < to; i++) {
		const struct update *u = &s->u[i];

		assert_true(elem_fill(&b, u->kind, u->t, u->peer,
		    u->kind == ELEM_STATE ? NULL : u->pfx,
		    u->kind == ELEM_ANNOUNCE ? u->path : NULL, u->npath,
		    false));
		if (u->kind == ELEM_STATE) {
			b.e.old_state = 6;
			b.e.new_state = 1;
		}
		detector_feed(d, 1, &b.e);
	}
}

static int
ev_cmp(const void *a, const void *b)
{
	const struct event *x = a, *y = b;

	if (x->asn != y->asn)
		return x->asn < y->asn ? -1 : 1;
	if (x->metric != y->metric)
		return x->metric < y->metric ? -1 : 1;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end < y->end ? -1 : 1;
	return prefix_cmp(&x->prefix, &y->prefix);
}

/* What a finished detector found, in a canonical order. */
static void
same_results(struct detector *a, struct detector *b)
{
	struct event *ea, *eb;
	const uint32_t *ua, *ub;
	size_t na, nb, i;
	unsigned k;

	ea = detector_events(a, &na);
	eb = detector_events(b, &nb);
	assert_int_equal(na, nb);
	assert_true(na > 50);		/* the stream raised something */
	qsort(ea, na, sizeof(*ea), ev_cmp);
	qsort(eb, nb, sizeof(*eb), ev_cmp);
	for (i = 0; i < na; i++) {
		const struct evidence *xa = detector_evidence(a, ea[i].evidence);
		const struct evidence *xb = detector_evidence(b, eb[i].evidence);

		assert_int_equal(ev_cmp(&ea[i], &eb[i]), 0);
		assert_int_equal(xa->why, xb->why);
		assert_int_equal(xa->path, xb->path);
		assert_int_equal(xa->rov, xb->rov);
	}
	ua = detector_universe(a, &na);
	ub = detector_universe(b, &nb);
	assert_int_equal(na, nb);
	assert_memory_equal(ua, ub, na * sizeof(*ua));
	for (i = 0; i < na; i++) {
		struct as_facts fa, fb;

		memset(&fa, 0, sizeof(fa));
		memset(&fb, 0, sizeof(fb));
		detector_facts(a, ua[i], &fa);
		detector_facts(b, ua[i], &fb);
		assert_memory_equal(&fa, &fb, sizeof(fa));
		for (k = 0; k < detector_ndays(a, NULL); k++) {
			memset(&fa, 0, sizeof(fa));
			memset(&fb, 0, sizeof(fb));
			detector_facts_day(a, ua[i], k, &fa);
			detector_facts_day(b, ua[i], k, &fb);
			assert_memory_equal(&fa, &fb, sizeof(fa));
		}
	}
	/* Pairs may be numbered apart; compare them as sets. */
	for (i = 0, na = 0; i < detector_npairs(a); i++) {
		struct announcement x, y;
		size_t j;
		bool found = false;

		if (!detector_announcement(a, i, &x))
			continue;
		na++;
		for (j = 0; j < detector_npairs(b) && !found; j++)
			found = detector_announcement(b, j, &y) &&
			    y.origin == x.origin && prefix_equal(y.prefix,
			    x.prefix) && y.first == x.first &&
			    y.last == x.last && y.days == x.days &&
			    y.peers == x.peers && y.rov == x.rov;
		assert_true(found);
	}
	for (i = 0, nb = 0; i < detector_npairs(b); i++) {
		struct announcement y;

		nb += detector_announcement(b, i, &y);
	}
	assert_int_equal(na, nb);
}

static void
test_round_trip(void **state)
{
	static const uint32_t link[][2] = { { 3356, 64600 }, { 174, 64601 } };
	static struct stream s;
	struct detect_refs refs;
	struct vrp v[2];
	struct rov *rov;
	struct asgraph *g = asgraph_new();
	struct detector *all, *half, *rest;
	struct state_out out;
	struct cursor c;
	uint8_t *buf;
	int64_t from, through;
	char path[] = "/tmp/manrs-state.XXXXXX", err[256];
	const char *why;
	uint64_t prev;
	size_t split, i;
	int fd;

	(void)state;
	method_defaults(&M);
	make_stream(&s);
	memset(v, 0, sizeof(v));
	assert_true(prefix_parse("10.0.0.0/16", 11, &v[0].pfx, &why));
	v[0].asn = 64600;
	v[0].maxlen = 24;
	assert_true(prefix_parse("10.1.0.0/16", 11, &v[1].pfx, &why));
	v[1].asn = 64601;
	v[1].maxlen = 16;
	rov = rov_build(v, 2);
	for (i = 0; i < 2; i++)
		assert_true(asgraph_add_link(g, link[i][0], link[i][1],
		    ASREL_PROVIDER, 0, i + 1, &why, &prev));
	assert_true(asgraph_add_link(g, 3356, 174, ASREL_PEER, 0, 3, &why,
	    &prev));
	asgraph_finish(g);
	memset(&refs, 0, sizeof(refs));
	refs.method = &M;
	refs.rov = rov;
	refs.graph = g;

	all = detector_new(&refs, FROM, TO);
	feed_range(all, &s, 0, NELEM);
	detector_finish(all);

	for (split = NELEM / 3; split < NELEM; split += NELEM / 3) {
		half = detector_new(&refs, FROM, TO);
		feed_range(half, &s, 0, split);
		assert_true((fd = mkstemp(path)) >= 0);
		close(fd);
		assert_true(state_create(&out, path, FROM, 1, err,
		    sizeof(err)));
		detector_save(half, &out);
		assert_true(state_close(&out, path, err, sizeof(err)));
		detector_free(half);

		assert_true(state_open(path, &buf, &c, &from, &through, err,
		    sizeof(err)));
		assert_int_equal(from, FROM);
		rest = detector_load(&refs, FROM, TO, &c, err, sizeof(err));
		if (rest == NULL)
			fail_msg("%s", err);
		free(buf);
		feed_range(rest, &s, split, NELEM);
		detector_finish(rest);
		same_results(all, rest);
		detector_free(rest);
		unlink(path);
		memcpy(path + strlen(path) - 6, "XXXXXX", 6);
	}
	detector_free(all);
	asgraph_free(g);
	rov_free(rov);
}

/* Every flipped byte is caught (checksum), and a cut file too. */
static void
test_damaged(void **state)
{
	struct detect_refs refs;
	struct detector *d;
	struct state_out out;
	struct cursor c;
	uint8_t *buf, *img;
	int64_t from, through;
	char path[] = "/tmp/manrs-state.XXXXXX", err[256];
	long len, i;
	FILE *fp;
	int fd;
	static struct stream s;

	(void)state;
	method_defaults(&M);
	make_stream(&s);
	memset(&refs, 0, sizeof(refs));
	refs.method = &M;
	d = detector_new(&refs, FROM, TO);
	feed_range(d, &s, 0, 200);
	assert_true((fd = mkstemp(path)) >= 0);
	close(fd);
	assert_true(state_create(&out, path, FROM, 5, err, sizeof(err)));
	detector_save(d, &out);
	assert_true(state_close(&out, path, err, sizeof(err)));
	detector_free(d);

	fp = fopen(path, "rb");
	assert_non_null(fp);
	fseek(fp, 0, SEEK_END);
	len = ftell(fp);
	rewind(fp);
	img = malloc((size_t)len);
	assert_int_equal(fread(img, 1, (size_t)len, fp), (size_t)len);
	fclose(fp);
	for (i = 0; i < len; i += 1 + len / 97) {
		img[i] ^= 0x20;
		fp = fopen(path, "wb");
		assert_int_equal(fwrite(img, 1, (size_t)len, fp), (size_t)len);
		fclose(fp);
		assert_false(state_open(path, &buf, &c, &from, &through, err,
		    sizeof(err)));
		assert_null(buf);
		img[i] ^= 0x20;
	}
	fp = fopen(path, "wb");
	assert_int_equal(fwrite(img, 1, (size_t)len / 2, fp), (size_t)len / 2);
	fclose(fp);
	assert_false(state_open(path, &buf, &c, &from, &through, err,
	    sizeof(err)));
	assert_non_null(strstr(err, "checksum"));
	free(img);
	unlink(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_damaged),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
