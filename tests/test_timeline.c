/*
 * The timeline: route segments from announcements, withdrawals, path
 * changes and session state, clipped to the period; checked case by case
 * and against an eager per-(peer, prefix) simulation on random feeds.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/bgp.h"
#include "formats/mrt.h"
#include "observe/timeline.h"

#include "elem.h"

#define MAXSEG	4096

struct seen {
	struct tl_segment	s[MAXSEG];
	size_t			n;
};

static void
collect(void *ctx, const struct tl_segment *s)
{
	struct seen *z = ctx;

	assert_true(z->n < MAXSEG);
	z->s[z->n++] = *s;
}

/* Build one element and feed it. */
struct feeder {
	struct timeline		*tl;
	struct elem_builder	 b;
};

static void
feed(struct feeder *f, enum mrt_elem_kind kind, int64_t ts, unsigned peer,
    const char *prefix, const uint32_t *path, size_t npath, bool set_last)
{
	assert_true(elem_fill(&f->b, kind, ts, peer, prefix, path, npath,
	    set_last));
	timeline_feed(f->tl, 1, &f->b.e);
}

static void
announce(struct feeder *f, int64_t ts, unsigned peer, const char *pfx,
    uint32_t a, uint32_t b)
{
	uint32_t p[2] = { a, b };

	feed(f, ELEM_ANNOUNCE, ts, peer, pfx, p, 2, false);
}

static void
withdraw(struct feeder *f, int64_t ts, unsigned peer, const char *pfx)
{
	feed(f, ELEM_WITHDRAW, ts, peer, pfx, NULL, 0, false);
}

static void
state(struct feeder *f, int64_t ts, unsigned peer, unsigned from,
    unsigned to)
{
	assert_true(elem_fill(&f->b, ELEM_STATE, ts, peer, NULL, NULL, 0,
	    false));
	f->b.e.old_state = (uint16_t)from;
	f->b.e.new_state = (uint16_t)to;
	timeline_feed(f->tl, 1, &f->b.e);
}

static void
test_basic(void **state_)
{
	static struct seen z;
	struct feeder f;
	const struct tl_segment *s;

	(void)state_;
	memset(&z, 0, sizeof(z));
	f.tl = timeline_new(1000, 2000, collect, &z);
	announce(&f, 900, 1, "10.0.0.0/8", 3356, 64496);	/* before period */
	announce(&f, 1100, 1, "10.0.0.0/8", 3356, 64496);	/* same again */
	announce(&f, 1200, 1, "10.0.0.0/8", 174, 64496);	/* new path */
	withdraw(&f, 1300, 1, "10.0.0.0/8");
	withdraw(&f, 1310, 1, "10.0.0.0/8");			/* nothing held */
	announce(&f, 1400, 2, "10.0.0.0/8", 174, 64497);
	announce(&f, 2500, 2, "10.0.0.0/8", 174, 1);		/* after: ignored */
	timeline_finish(f.tl);
	assert_int_equal(z.n, 3);
	s = &z.s[0];
	assert_int_equal(s->start, 1000);			/* clipped */
	assert_int_equal(s->end, 1200);
	assert_false(s->open);
	assert_int_equal(timeline_path_origin(f.tl, s->path), 64496);
	s = &z.s[1];
	assert_int_equal(s->start, 1200);
	assert_int_equal(s->end, 1300);
	s = &z.s[2];
	assert_int_equal(s->start, 1400);
	assert_int_equal(s->end, 2000);
	assert_true(s->open);
	assert_int_equal(timeline_path_origin(f.tl, s->path), 64497);
	assert_int_equal(timeline_peer_info(f.tl, s->peer)->asn, 64502);
	assert_int_equal(timeline_stats(f.tl)->late, 1);
	assert_int_equal(timeline_nprefixes(f.tl), 1);
	assert_int_equal(timeline_npeers(f.tl), 2);
	assert_int_equal(timeline_npaths(f.tl), 3);
	timeline_free(f.tl);
}

/* A session leaving Established ends all its routes at that moment. */
static void
test_session_down(void **state_)
{
	static struct seen z;
	struct feeder f;
	size_t i;

	(void)state_;
	memset(&z, 0, sizeof(z));
	f.tl = timeline_new(0, 10000, collect, &z);
	announce(&f, 100, 1, "10.0.0.0/8", 1, 2);
	announce(&f, 100, 1, "2001:db8::/32", 1, 3);
	announce(&f, 100, 2, "10.0.0.0/8", 5, 2);
	state(&f, 500, 1, 6, 1);		/* Established → Idle */
	state(&f, 600, 1, 1, 6);		/* back up: nothing to close */
	announce(&f, 700, 1, "10.0.0.0/8", 1, 2);
	timeline_finish(f.tl);
	assert_int_equal(timeline_stats(f.tl)->session_downs, 1);
	/* 10/8 by peer 1: [100, 500) and [700, end); v6 [100, 500); peer 2 open. */
	assert_int_equal(z.n, 4);
	for (i = 0; i < z.n; i++) {
		const struct tl_segment *s = &z.s[i];
		const struct tl_peer *p = timeline_peer_info(f.tl, s->peer);

		if (p->asn == 64502) {
			assert_int_equal(s->start, 100);
			assert_int_equal(s->end, 10000);
			assert_true(s->open);
		} else if (s->start == 700) {
			assert_int_equal(s->end, 10000);
			assert_true(s->open);
		} else {
			assert_int_equal(s->start, 100);
			assert_int_equal(s->end, 500);
			assert_false(s->open);
		}
	}
	timeline_free(f.tl);
}

/* ADD-PATH ids are separate routes; an AS_SET origin is 0. */
static void
test_addpath_and_set(void **state_)
{
	static struct seen z;
	struct feeder f;
	uint32_t p[3] = { 1, 2, 3 };

	(void)state_;
	memset(&z, 0, sizeof(z));
	f.tl = timeline_new(0, 100, collect, &z);
	feed(&f, ELEM_ANNOUNCE, 10, 1, "10.0.0.0/8", p, 3, true);
	assert_int_equal(timeline_path_origin(f.tl, 0), 0);
	f.b.e.has_path_id = true;
	f.b.e.path_id = 7;
	timeline_feed(f.tl, 1, &f.b.e);		/* same path, other id */
	timeline_finish(f.tl);
	assert_int_equal(z.n, 2);
	assert_int_not_equal(z.s[0].path_id, z.s[1].path_id);
	timeline_free(f.tl);
}

/*
 * Random feeds against an eager simulation: per (peer, prefix) the
 * current path and start, closed on the spot when a session goes down.
 */
#define NPEER	3
#define NPFX	4
static const char *const pfxs[NPFX] = {
	"10.0.0.0/8", "10.1.0.0/16", "2001:db8::/32", "192.0.2.0/24",
};

static int
seg_cmp(const void *a, const void *b)
{
	const struct tl_segment *x = a, *y = b;

	if (x->peer != y->peer)
		return x->peer < y->peer ? -1 : 1;
	if (x->prefix != y->prefix)
		return x->prefix < y->prefix ? -1 : 1;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return (x->end > y->end) - (x->end < y->end);
}

static void
test_oracle(void **state_)
{
	static struct seen z, want;
	unsigned round;

	(void)state_;
	for (round = 0; round < 300; round++) {
		struct feeder f;
		int held[NPEER][NPFX];		/* path origin, 0 = none */
		int64_t since[NPEER][NPFX];
		unsigned seed = round * 7919u + 17, k, i, j;
		int64_t t = 0, from = 200, to = 800;
		size_t w;

		memset(&z, 0, sizeof(z));
		memset(&want, 0, sizeof(want));
		memset(held, 0, sizeof(held));
		f.tl = timeline_new(from, to, collect, &z);
		/* Peers get ids in order of first sight: make that 0, 1, 2. */
		for (i = 0; i < NPEER; i++)
			state(&f, 0, i, 1, 6);
		for (k = 0; k < 60; k++) {
			unsigned op, pe, px, org;

			seed = seed * 1103515245u + 12345u;
			t += (seed >> 10) % 40;
			op = (seed >> 4) % 10;
			pe = (seed >> 8) % NPEER;
			px = (seed >> 12) % NPFX;
			org = 1 + (seed >> 16) % 3;
			if (t >= to)
				break;
			if (op < 5) {
				announce(&f, t, pe, pfxs[px], 100, org);
				if (held[pe][px] == (int)org)
					continue;
				if (held[pe][px] != 0) {
					want.s[want.n].peer = pe;
					want.s[want.n].prefix = px;
					want.s[want.n].start = since[pe][px];
					want.s[want.n++].end = t;
				}
				held[pe][px] = (int)org;
				since[pe][px] = t;
			} else if (op < 8) {
				withdraw(&f, t, pe, pfxs[px]);
				if (held[pe][px] == 0)
					continue;
				want.s[want.n].peer = pe;
				want.s[want.n].prefix = px;
				want.s[want.n].start = since[pe][px];
				want.s[want.n++].end = t;
				held[pe][px] = 0;
			} else {
				state(&f, t, pe, 6, 1);
				state(&f, t, pe, 1, 6);
				for (j = 0; j < NPFX; j++) {
					if (held[pe][j] == 0)
						continue;
					want.s[want.n].peer = pe;
					want.s[want.n].prefix = j;
					want.s[want.n].start = since[pe][j];
					want.s[want.n++].end = t;
					held[pe][j] = 0;
				}
			}
		}
		timeline_finish(f.tl);
		for (i = 0; i < NPEER; i++)
			for (j = 0; j < NPFX; j++)
				if (held[i][j] != 0) {
					want.s[want.n].peer = i;
					want.s[want.n].prefix = j;
					want.s[want.n].start = since[i][j];
					want.s[want.n++].end = to;
				}
		/* Clip the oracle's segments; map prefix ids to ours. */
		for (w = 0, i = 0; i < want.n; i++) {
			struct tl_segment s = want.s[i];
			uint32_t id;

			if (s.end < from || s.start >= to)
				continue;
			if (s.start < from)
				s.start = from;
			for (id = 0; id < timeline_nprefixes(f.tl); id++) {
				char buf[PREFIX_STRLEN];

				prefix_fmt(timeline_prefix(f.tl, id), buf);
				if (strcmp(buf, pfxs[s.prefix]) == 0)
					break;
			}
			s.prefix = id;
			want.s[w++] = s;
		}
		want.n = w;
		for (i = 0; i < z.n; i++) {
			z.s[i].path = 0;
			z.s[i].open = false;
		}
		qsort(z.s, z.n, sizeof(z.s[0]), seg_cmp);
		qsort(want.s, want.n, sizeof(want.s[0]), seg_cmp);
		assert_int_equal(z.n, want.n);
		for (i = 0; i < z.n; i++) {
			assert_int_equal(z.s[i].peer, want.s[i].peer);
			assert_int_equal(z.s[i].prefix, want.s[i].prefix);
			assert_int_equal(z.s[i].start, want.s[i].start);
			assert_int_equal(z.s[i].end, want.s[i].end);
		}
		timeline_free(f.tl);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_basic),
		cmocka_unit_test(test_session_down),
		cmocka_unit_test(test_addpath_and_set),
		cmocka_unit_test(test_oracle),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
