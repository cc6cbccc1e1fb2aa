/*
 * Round trips: random routes written with the MRT writer, read back with
 * the parser, compared field by field with what was written.  Covers
 * TABLE_DUMP_V2 (plain and ADD-PATH, IPv4 and IPv6), BGP4MP with 4-byte
 * ASNs, 2-byte sessions with AS4_PATH, and TABLE_DUMP (v1).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/mrt.h"
#include "formats/mrt_write.h"

#define NROUTES	2000

struct route {
	struct prefix	pfx;
	uint32_t	path[12];
	size_t		plen;
	uint32_t	comm[6];
	size_t		ncomm;
	uint32_t	med;
	bool		has_med;
	uint8_t		origin;
	uint32_t	path_id;
	struct addr	nh;
};

static uint64_t rng = 42;

static uint32_t
rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)rng;
}

static void
random_route(struct route *r, unsigned afi, bool small_asns)
{
	size_t i;

	memset(r, 0, sizeof(*r));
	r->pfx.afi = (uint8_t)afi;
	r->pfx.len = (uint8_t)(rnd() % (afi_bits(afi) + 1));
	for (i = 0; i < afi_bytes(afi); i++)
		r->pfx.b[i] = (uint8_t)rnd();
	prefix_mask(&r->pfx);
	r->plen = 1 + rnd() % 10;
	for (i = 0; i < r->plen; i++) {
		r->path[i] = rnd();
		if (small_asns || rnd() % 3 != 0)
			r->path[i] = 1 + r->path[i] % 65000;
		if (r->path[i] == AS_TRANS)
			r->path[i]++;
	}
	r->ncomm = rnd() % 6;
	for (i = 0; i < r->ncomm; i++)
		r->comm[i] = rnd();
	r->has_med = rnd() & 1;
	r->med = rnd();
	r->origin = (uint8_t)(rnd() % 3);
	r->path_id = rnd();
	r->nh.afi = (uint8_t)afi;
	for (i = 0; i < afi_bytes(afi); i++)
		r->nh.b[i] = (uint8_t)rnd();
}

/* The attribute set of a route, in the form the record kind wants. */
static void
attrs_of(const struct route *r, struct mrtw_buf *a, bool as4, bool td2,
    bool full_mp)
{
	mrtw_buf_reset(a);
	bgpw_origin(a, r->origin);
	bgpw_as_path_seq(a, r->path, r->plen, as4);
	if (!as4) {
		struct as_segment s = { AS_SEQUENCE, (uint16_t)r->plen, r->path };

		bgpw_as4_path(a, &s, 1);
	}
	if (r->pfx.afi == AFI_IPV4)
		bgpw_next_hop(a, &r->nh);
	else if (td2)
		bgpw_mp_reach_abbrev(a, &r->nh, 1);
	else if (full_mp)
		bgpw_mp_reach(a, AFI_IPV6, 1, &r->nh, 1, &r->pfx, NULL, 1);
	if (r->has_med)
		bgpw_med(a, r->med);
	if (r->ncomm > 0)
		bgpw_communities(a, r->comm, r->ncomm);
	assert_false(a->error);
}

struct check {
	const struct route	*routes;
	size_t			 next;
	bool			 addpath;
	bool			 as4_peer;
};

static void
compare(void *ctx, const struct mrt_elem *e)
{
	struct check *c = ctx;
	const struct route *r = &c->routes[c->next++];
	const struct bgp_attrs *a = e->attrs;
	const struct as_segment *s;
	size_t i;

	assert_true(e->kind == ELEM_RIB || e->kind == ELEM_ANNOUNCE);
	if (!prefix_equal(&e->prefix, &r->pfx)) {
		char x[PREFIX_STRLEN], y[PREFIX_STRLEN];

		prefix_fmt(&e->prefix, x);
		prefix_fmt(&r->pfx, y);
		fail_msg("route %zu: prefix %s, wrote %s", c->next - 1, x, y);
	}
	assert_int_equal(a->nmalformed, 0);
	assert_int_equal(a->origin, r->origin);
	assert_int_equal(a->path.nseg, 1);
	s = &a->path.segs[0];
	assert_int_equal(s->type, AS_SEQUENCE);
	assert_int_equal(s->count, r->plen);
	for (i = 0; i < r->plen; i++)
		assert_int_equal(s->asns[i], r->path[i]);
	assert_int_equal(as_path_origin(&a->path), r->path[r->plen - 1]);
	assert_int_equal(a->communities.len, 4 * r->ncomm);
	for (i = 0; i < r->ncomm; i++)
		assert_int_equal(be32(a->communities.p + 4 * i), r->comm[i]);
	assert_int_equal(!!(a->present & BGP_ATTR_BIT(BGP_ATTR_MED)),
	    r->has_med);
	if (r->has_med)
		assert_int_equal(a->med, r->med);
	assert_non_null(e->nexthop);
	assert_int_equal(e->nexthop->afi, r->nh.afi);
	assert_memory_equal(e->nexthop->b, r->nh.b, afi_bytes(r->nh.afi));
	assert_int_equal(e->has_path_id, c->addpath);
	if (c->addpath)
		assert_int_equal(e->path_id, r->path_id);
}

static struct route routes[NROUTES];

static void
run(struct mrtw_buf *out, size_t n, bool addpath)
{
	struct check c = { routes, 0, addpath, false };
	struct mrt_stats st;

	memset(&st, 0, sizeof(st));
	mrt_decode_buffer(out->p, out->len, compare, &c, &st);
	assert_int_equal(c.next, n);
	assert_int_equal(st.attrs_malformed, 0);
}

static void
test_td2(void **state)
{
	struct mrtw_buf out, a;
	struct mrtw_peer peers[2];
	int addpath;
	size_t i;

	(void)state;
	memset(peers, 0, sizeof(peers));
	peers[0].ip.afi = AFI_IPV4;
	peers[0].ip.b[0] = 192;
	peers[0].asn = 4200000000u;
	peers[0].as4 = true;
	peers[1].ip.afi = AFI_IPV6;
	peers[1].ip.b[0] = 0x20;
	peers[1].asn = 64500;
	for (addpath = 0; addpath <= 1; addpath++) {
		mrtw_buf_init(&out, 0);
		mrtw_buf_init(&a, 0);
		assert_true(mrtw_peer_index(&out, 1, 1, "rt", peers, 2));
		for (i = 0; i < NROUTES; i++) {
			struct mrtw_rib rib;

			random_route(&routes[i], i % 2 ? AFI_IPV6 : AFI_IPV4,
			    false);
			attrs_of(&routes[i], &a, true, true, false);
			assert_true(mrtw_rib_begin(&out, &rib, 1, (uint32_t)i,
			    &routes[i].pfx, addpath));
			assert_true(mrtw_rib_entry(&out, &rib, (uint16_t)(i % 2),
			    7, routes[i].path_id, a.p, a.len));
			assert_true(mrtw_rib_end(&out, &rib));
		}
		run(&out, NROUTES, addpath);
		mrtw_buf_free(&out);
		mrtw_buf_free(&a);
	}
}

static void
test_bgp4mp(void **state)
{
	struct mrtw_buf out, a;
	int as4;
	size_t i;

	(void)state;
	for (as4 = 0; as4 <= 1; as4++) {
		struct mrtw_bgp4mp h;

		memset(&h, 0, sizeof(h));
		h.ts = 5;
		h.et = as4;
		h.usec = 17;
		h.as4 = as4;
		h.peer_as = 64512;
		h.local_as = 64513;
		h.peer_ip.afi = AFI_IPV4;
		h.local_ip.afi = AFI_IPV4;
		mrtw_buf_init(&out, 0);
		mrtw_buf_init(&a, 0);
		for (i = 0; i < NROUTES; i++) {
			size_t mark;
			struct bgpw_update u;

			random_route(&routes[i], i % 3 ? AFI_IPV4 : AFI_IPV6,
			    false);
			attrs_of(&routes[i], &a, as4, false, true);
			memset(&u, 0, sizeof(u));
			u.attrs = a.p;
			u.attrlen = a.len;
			if (routes[i].pfx.afi == AFI_IPV4) {
				u.nlri = &routes[i].pfx;
				u.nnlri = 1;
			}
			mark = mrtw_bgp4mp_begin(&out, &h);
			assert_true(bgpw_update(&out, &u));
			assert_true(mrtw_end(&out, mark));
		}
		run(&out, NROUTES, false);
		mrtw_buf_free(&out);
		mrtw_buf_free(&a);
	}
}

static void
test_table_dump_v1(void **state)
{
	struct mrtw_buf out, a;
	size_t i;

	(void)state;
	mrtw_buf_init(&out, 0);
	mrtw_buf_init(&a, 0);
	for (i = 0; i < NROUTES; i++) {
		struct mrtw_td1 t;

		random_route(&routes[i], AFI_IPV4, true);
		attrs_of(&routes[i], &a, false, false, false);
		memset(&t, 0, sizeof(t));
		t.ts = 9;
		t.prefix = routes[i].pfx;
		t.status = 1;
		t.peer_ip.afi = AFI_IPV4;
		t.peer_as = 3333;
		assert_true(mrtw_td1(&out, &t, a.p, a.len));
	}
	run(&out, NROUTES, false);
	mrtw_buf_free(&out);
	mrtw_buf_free(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_td2),
		cmocka_unit_test(test_bgp4mp),
		cmocka_unit_test(test_table_dump_v1),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
