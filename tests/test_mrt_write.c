/*
 * MRT and BGP writer tests: the bytes of small records against layouts
 * worked out by hand from RFC 6396, RFC 8050, RFC 4271 and RFC 4760.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/mrt_write.h"
#include "net/prefix.h"

/* Compare, printing both sides in hex on a mismatch. */
static void
expect_bytes(const struct mrtw_buf *b, const uint8_t *exp, size_t n)
{
	size_t i;

	assert_false(b->error);
	if (b->len == n && memcmp(b->p, exp, n) == 0)
		return;
	fprintf(stderr, "got %zu bytes, want %zu\n", b->len, n);
	for (i = 0; i < b->len || i < n; i++) {
		if (i < b->len && i < n && b->p[i] == exp[i])
			continue;
		fprintf(stderr, "  [%zu] got %02x want %02x\n", i,
		    i < b->len ? b->p[i] : 0, i < n ? exp[i] : 0);
	}
	fail();
}

static struct addr
v4(uint8_t a, uint8_t b, uint8_t c, uint8_t d)
{
	struct addr x;

	memset(&x, 0, sizeof(x));
	x.afi = AFI_IPV4;
	x.b[0] = a;
	x.b[1] = b;
	x.b[2] = c;
	x.b[3] = d;
	return x;
}

/* 2001:db8::last */
static struct addr
v6doc(uint8_t last)
{
	struct addr x;

	memset(&x, 0, sizeof(x));
	x.afi = AFI_IPV6;
	x.b[0] = 0x20;
	x.b[1] = 0x01;
	x.b[2] = 0x0d;
	x.b[3] = 0xb8;
	x.b[15] = last;
	return x;
}

static struct prefix
pfx4(uint8_t a, uint8_t b, uint8_t c, uint8_t len)
{
	struct prefix p;

	memset(&p, 0, sizeof(p));
	p.afi = AFI_IPV4;
	p.len = len;
	p.b[0] = a;
	p.b[1] = b;
	p.b[2] = c;
	return p;
}

static void
test_peer_index(void **state)
{
	static const uint8_t exp[] = {
		0x5f, 0x00, 0x00, 0x00,		/* timestamp */
		0x00, 0x0d, 0x00, 0x01,		/* TABLE_DUMP_V2, PEER_INDEX */
		0x00, 0x00, 0x00, 0x2d,		/* length 45 */
		0x0a, 0x00, 0x00, 0x01,		/* collector BGP ID */
		0x00, 0x01, 'v',		/* view name */
		0x00, 0x02,			/* peer count */
		/* IPv4 peer, 2-byte AS 100 */
		0x00, 0xc0, 0x00, 0x02, 0x01, 0xc0, 0x00, 0x02, 0x01,
		0x00, 0x64,
		/* IPv6 peer, 4-byte AS 200000 */
		0x03, 0xc6, 0x33, 0x64, 0x01,
		0x20, 0x01, 0x0d, 0xb8, 0x00, 0x00, 0x00, 0x00,
		0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
		0x00, 0x03, 0x0d, 0x40,
	};
	struct mrtw_peer peers[2];
	struct mrtw_buf b;

	(void)state;
	memset(peers, 0, sizeof(peers));
	peers[0].bgp_id = 0xc0000201;
	peers[0].ip = v4(192, 0, 2, 1);
	peers[0].asn = 100;
	peers[1].bgp_id = 0xc6336401;
	peers[1].ip = v6doc(1);
	peers[1].asn = 200000;
	peers[1].as4 = true;
	mrtw_buf_init(&b, 0);
	assert_true(mrtw_peer_index(&b, 0x5f000000, 0x0a000001, "v", peers,
	    2));
	expect_bytes(&b, exp, sizeof(exp));

	/* A 4-byte ASN cannot go in a 2-byte AS field. */
	mrtw_buf_reset(&b);
	peers[1].as4 = false;
	assert_false(mrtw_peer_index(&b, 0, 0, NULL, peers, 2));
	assert_true(b.error);
	mrtw_buf_free(&b);
}

/* ORIGIN IGP, AS_PATH 100 200000 (4-byte), NEXT_HOP 192.0.2.1: 24 bytes */
static const uint8_t rib_attrs[] = {
	0x40, 0x01, 0x01, 0x00,
	0x40, 0x02, 0x0a, 0x02, 0x02, 0x00, 0x00, 0x00, 0x64,
	0x00, 0x03, 0x0d, 0x40,
	0x40, 0x03, 0x04, 0xc0, 0x00, 0x02, 0x01,
};

static void
build_rib_attrs(struct mrtw_buf *a)
{
	static const uint32_t path[] = { 100, 200000 };
	struct addr nh = v4(192, 0, 2, 1);

	bgpw_origin(a, 0);
	bgpw_as_path_seq(a, path, 2, true);
	bgpw_next_hop(a, &nh);
}

static void
test_attrs_basic(void **state)
{
	struct mrtw_buf a;

	(void)state;
	mrtw_buf_init(&a, 0);
	build_rib_attrs(&a);
	expect_bytes(&a, rib_attrs, sizeof(rib_attrs));
	mrtw_buf_free(&a);
}

static void
test_rib_entry(void **state)
{
	uint8_t exp[12 + 4 + 2 + 2 + 2 + 4 + 2 + sizeof(rib_attrs)];
	static const uint8_t head[] = {
		0x5f, 0x00, 0x00, 0x00,
		0x00, 0x0d, 0x00, 0x02,		/* RIB_IPV4_UNICAST */
		0x00, 0x00, 0x00, 0x28,		/* length 40 */
		0x00, 0x00, 0x00, 0x07,		/* sequence */
		0x08, 0x0a,			/* 10.0.0.0/8 */
		0x00, 0x01,			/* entry count */
		0x00, 0x01,			/* peer index */
		0x5f, 0x00, 0x00, 0x01,		/* originated */
		0x00, 0x18,			/* attribute length */
	};
	struct prefix p = pfx4(10, 0, 0, 8);
	struct mrtw_buf a, b;
	struct mrtw_rib r;

	(void)state;
	assert_int_equal(sizeof(head) + sizeof(rib_attrs), sizeof(exp));
	memcpy(exp, head, sizeof(head));
	memcpy(exp + sizeof(head), rib_attrs, sizeof(rib_attrs));

	mrtw_buf_init(&a, 0);
	mrtw_buf_init(&b, 0);
	build_rib_attrs(&a);
	assert_true(mrtw_rib_begin(&b, &r, 0x5f000000, 7, &p, false));
	assert_true(mrtw_rib_entry(&b, &r, 1, 0x5f000001, 99, a.p, a.len));
	assert_true(mrtw_rib_end(&b, &r));
	expect_bytes(&b, exp, sizeof(exp));
	mrtw_buf_free(&a);
	mrtw_buf_free(&b);
}

static void
test_rib_addpath_v6(void **state)
{
	static const uint8_t exp[] = {
		0x00, 0x00, 0x00, 0x01,
		0x00, 0x0d, 0x00, 0x0a,		/* RIB_IPV6_UNICAST_ADDPATH */
		0x00, 0x00, 0x00, 0x2f,		/* length 47 */
		0x00, 0x00, 0x00, 0x00,		/* sequence */
		0x20, 0x20, 0x01, 0x0d, 0xb8,	/* 2001:db8::/32 */
		0x00, 0x02,			/* two entries */
		/* peer 0, originated 2, path id 5, ORIGIN INCOMPLETE */
		0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x05,
		0x00, 0x04, 0x40, 0x01, 0x01, 0x02,
		/* peer 1, originated 3, path id 6 */
		0x00, 0x01, 0x00, 0x00, 0x00, 0x03, 0x00, 0x00, 0x00, 0x06,
		0x00, 0x08,
		/* abbreviated MP_REACH_NLRI: next-hop length 4, 192.0.2.9 */
		0x80, 0x0e, 0x05, 0x04, 0xc0, 0x00, 0x02, 0x09,
	};
	struct prefix p;
	struct addr nh = v4(192, 0, 2, 9);
	struct mrtw_buf a1, a2, b;
	struct mrtw_rib r;

	(void)state;
	memset(&p, 0, sizeof(p));
	p.afi = AFI_IPV6;
	p.len = 32;
	memcpy(p.b, (const uint8_t[]){ 0x20, 0x01, 0x0d, 0xb8 }, 4);
	mrtw_buf_init(&a1, 0);
	mrtw_buf_init(&a2, 0);
	mrtw_buf_init(&b, 0);
	bgpw_origin(&a1, 2);
	bgpw_mp_reach_abbrev(&a2, &nh, 1);
	mrtw_rib_begin(&b, &r, 1, 0, &p, true);
	mrtw_rib_entry(&b, &r, 0, 2, 5, a1.p, a1.len);
	mrtw_rib_entry(&b, &r, 1, 3, 6, a2.p, a2.len);
	assert_true(mrtw_rib_end(&b, &r));
	expect_bytes(&b, exp, sizeof(exp));
	mrtw_buf_free(&a1);
	mrtw_buf_free(&a2);
	mrtw_buf_free(&b);
}

static void
test_rib_generic(void **state)
{
	static const uint8_t exp[] = {
		0x00, 0x00, 0x00, 0x00,
		0x00, 0x0d, 0x00, 0x06,		/* RIB_GENERIC */
		0x00, 0x00, 0x00, 0x18,		/* 24 */
		0x00, 0x00, 0x00, 0x03,		/* sequence */
		0x00, 0x01, 0x02,		/* IPv4 multicast */
		0x10, 0x0a, 0x01,		/* 10.1.0.0/16 */
		0x00, 0x01,
		0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x04,
		0x40, 0x01, 0x01, 0x00,
	};
	struct prefix p = pfx4(10, 1, 0, 16);
	struct mrtw_buf a, b;
	struct mrtw_rib r;

	(void)state;
	mrtw_buf_init(&a, 0);
	mrtw_buf_init(&b, 0);
	bgpw_origin(&a, 0);
	mrtw_rib_begin_generic(&b, &r, 0, 3, AFI_IPV4, 2, &p, false);
	mrtw_rib_entry(&b, &r, 0, 1, 0, a.p, a.len);
	assert_true(mrtw_rib_end(&b, &r));
	expect_bytes(&b, exp, sizeof(exp));
	mrtw_buf_free(&a);
	mrtw_buf_free(&b);
}

/* The BGP4MP subtype follows as4, local and addpath (RFC 8050 §3). */
static void
test_bgp4mp_subtypes(void **state)
{
	static const struct {
		bool		as4, local, addpath;
		uint16_t	subtype;
		size_t		hdrlen;		/* up to the BGP message */
	} cases[] = {
		{ false, false, false, 1, 12 + 16 },
		{ true, false, false, 4, 12 + 20 },
		{ false, true, false, 6, 12 + 16 },
		{ true, true, false, 7, 12 + 20 },
		{ false, false, true, 8, 12 + 16 },
		{ true, false, true, 9, 12 + 20 },
		{ false, true, true, 10, 12 + 16 },
		{ true, true, true, 11, 12 + 20 },
	};
	static const uint8_t msg[] = { 0xaa, 0xbb };
	struct mrtw_bgp4mp h;
	struct mrtw_buf b;
	size_t i;

	(void)state;
	mrtw_buf_init(&b, 0);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memset(&h, 0, sizeof(h));
		h.as4 = cases[i].as4;
		h.local = cases[i].local;
		h.addpath = cases[i].addpath;
		h.peer_as = 65001;
		h.local_as = 65002;
		h.peer_ip = v4(192, 0, 2, 1);
		mrtw_buf_reset(&b);
		assert_true(mrtw_bgp4mp_message(&b, &h, msg, sizeof(msg)));
		assert_int_equal(b.p[5], 16);
		assert_int_equal(b.p[7], cases[i].subtype);
		assert_int_equal(b.len, cases[i].hdrlen + sizeof(msg));
		assert_int_equal(b.p[11], b.len - 12);
		assert_memory_equal(b.p + b.len - 2, msg, 2);
	}
	mrtw_buf_free(&b);
}

static void
test_update_extlen(void **state)
{
	uint8_t exp[319];
	struct prefix wd = pfx4(192, 0, 2, 24), nl = pfx4(198, 51, 100, 22);
	uint32_t comm[70];
	struct bgpw_update u;
	struct mrtw_buf a, b;
	size_t i, o = 0;

	(void)state;
	for (i = 0; i < 70; i++)
		comm[i] = 0xfde80000u | (uint32_t)i;

	memset(exp, 0xff, 16);
	o = 16;
	exp[o++] = 0x01;			/* length 319 */
	exp[o++] = 0x3f;
	exp[o++] = 0x02;			/* UPDATE */
	exp[o++] = 0x00;			/* withdrawn length 4 */
	exp[o++] = 0x04;
	exp[o++] = 24;
	exp[o++] = 192;
	exp[o++] = 0;
	exp[o++] = 2;
	exp[o++] = 0x01;			/* attribute length 288 */
	exp[o++] = 0x20;
	exp[o++] = 0x40;			/* ORIGIN IGP */
	exp[o++] = 0x01;
	exp[o++] = 0x01;
	exp[o++] = 0x00;
	exp[o++] = 0xd0;			/* opt, trans, extended */
	exp[o++] = 0x08;			/* COMMUNITIES */
	exp[o++] = 0x01;			/* 280 */
	exp[o++] = 0x18;
	for (i = 0; i < 70; i++) {
		exp[o++] = 0xfd;
		exp[o++] = 0xe8;
		exp[o++] = 0x00;
		exp[o++] = (uint8_t)i;
	}
	exp[o++] = 22;				/* 198.51.100.0/22 */
	exp[o++] = 198;
	exp[o++] = 51;
	exp[o++] = 100;
	assert_int_equal(o, sizeof(exp));

	mrtw_buf_init(&a, 0);
	mrtw_buf_init(&b, 0);
	bgpw_origin(&a, 0);
	bgpw_communities(&a, comm, 70);
	assert_int_equal(a.len, 288);
	memset(&u, 0, sizeof(u));
	u.withdrawn = &wd;
	u.nwithdrawn = 1;
	u.attrs = a.p;
	u.attrlen = a.len;
	u.nlri = &nl;
	u.nnlri = 1;
	assert_true(bgpw_update(&b, &u));
	expect_bytes(&b, exp, sizeof(exp));

	/* The same UPDATE inside a BGP4MP_MESSAGE_AS4 record. */
	{
		static const uint8_t hdr[] = {
			0x00, 0x00, 0x00, 0x10,
			0x00, 0x10, 0x00, 0x04,	/* BGP4MP, MESSAGE_AS4 */
			0x00, 0x00, 0x01, 0x53,	/* 20 + 319 = 339 */
			0x00, 0x03, 0x0d, 0x40,	/* peer AS 200000 */
			0x00, 0x00, 0xfd, 0xe8,	/* local AS 65000 */
			0x00, 0x00, 0x00, 0x01,	/* ifindex, AFI */
			0xc0, 0x00, 0x02, 0x01,	/* peer 192.0.2.1 */
			0x00, 0x00, 0x00, 0x00,	/* local: none */
		};
		struct mrtw_bgp4mp h;
		struct mrtw_buf r;
		size_t mark;

		memset(&h, 0, sizeof(h));
		h.ts = 16;
		h.as4 = true;
		h.peer_as = 200000;
		h.local_as = 65000;
		h.peer_ip = v4(192, 0, 2, 1);
		mrtw_buf_init(&r, 0);
		mark = mrtw_bgp4mp_begin(&r, &h);
		bgpw_update(&r, &u);
		assert_true(mrtw_end(&r, mark));
		assert_int_equal(r.len, sizeof(hdr) + sizeof(exp));
		assert_memory_equal(r.p, hdr, sizeof(hdr));
		assert_memory_equal(r.p + sizeof(hdr), exp, sizeof(exp));

		/* And built from the raw message in one call. */
		mrtw_buf_reset(&r);
		assert_true(mrtw_bgp4mp_message(&r, &h, b.p, b.len));
		assert_memory_equal(r.p, hdr, sizeof(hdr));
		mrtw_buf_free(&r);
	}
	mrtw_buf_free(&a);
	mrtw_buf_free(&b);
}

static void
test_as_path_split(void **state)
{
	uint32_t asns[300];
	uint8_t exp[4 + 2 + 510 + 2 + 90];
	struct mrtw_buf a;
	size_t i, o;

	(void)state;
	for (i = 0; i < 300; i++)
		asns[i] = 1000 + (uint32_t)i;
	asns[299] = 4200000000u;	/* 2-byte form: AS_TRANS */

	o = 0;
	exp[o++] = 0x50;		/* transitive, extended length */
	exp[o++] = 0x02;
	exp[o++] = 0x02;		/* 604 */
	exp[o++] = 0x5c;
	exp[o++] = 0x02;		/* AS_SEQUENCE of 255 */
	exp[o++] = 0xff;
	for (i = 0; i < 255; i++) {
		exp[o++] = (uint8_t)((1000 + i) >> 8);
		exp[o++] = (uint8_t)(1000 + i);
	}
	exp[o++] = 0x02;		/* AS_SEQUENCE of 45 */
	exp[o++] = 45;
	for (i = 255; i < 299; i++) {
		exp[o++] = (uint8_t)((1000 + i) >> 8);
		exp[o++] = (uint8_t)(1000 + i);
	}
	exp[o++] = 0x5b;		/* 23456 */
	exp[o++] = 0xa0;
	assert_int_equal(o, sizeof(exp));

	mrtw_buf_init(&a, 0);
	assert_true(bgpw_as_path_seq(&a, asns, 300, false));
	expect_bytes(&a, exp, sizeof(exp));

	/* Exactly 255 stays one segment; 256 is 255 + 1. */
	mrtw_buf_reset(&a);
	bgpw_as_path_seq(&a, asns, 255, true);
	assert_int_equal(a.len, 4 + 2 + 255 * 4);
	assert_int_equal(a.p[4], 2);
	assert_int_equal(a.p[5], 255);
	mrtw_buf_reset(&a);
	bgpw_as_path_seq(&a, asns, 256, true);
	assert_int_equal(a.len, 4 + 2 + 255 * 4 + 2 + 4);
	assert_int_equal(a.p[4 + 2 + 255 * 4], 2);
	assert_int_equal(a.p[4 + 2 + 255 * 4 + 1], 1);

	/* A short path keeps the one-byte length; an empty one is 40 02 00. */
	mrtw_buf_reset(&a);
	bgpw_as_path_seq(&a, asns, 0, true);
	expect_bytes(&a, (const uint8_t[]){ 0x40, 0x02, 0x00 }, 3);
	mrtw_buf_free(&a);
}

static void
test_as_path_segments(void **state)
{
	static const uint32_t s1[] = { 65001, 65002 }, s2[] = { 7, 8 };
	static const uint8_t exp[] = {
		0x40, 0x02, 0x0e,
		0x03, 0x02, 0xfd, 0xe9, 0xfd, 0xea,	/* CONFED_SEQUENCE */
		0x02, 0x01, 0x00, 0x07,			/* SEQUENCE */
		0x01, 0x01, 0x00, 0x08,			/* SET */
		/* AS4_PATH */
		0xc0, 0x11, 0x06, 0x02, 0x01, 0xfa, 0x56, 0xea, 0x00,
	};
	struct as_segment segs[3];
	struct mrtw_buf a;
	uint32_t big = 4200000000u;

	(void)state;
	segs[0].type = AS_CONFED_SEQUENCE;
	segs[0].count = 2;
	segs[0].asns = s1;
	segs[1].type = AS_SEQUENCE;
	segs[1].count = 1;
	segs[1].asns = s2;
	segs[2].type = AS_SET;
	segs[2].count = 1;
	segs[2].asns = s2 + 1;
	mrtw_buf_init(&a, 0);
	bgpw_as_path(&a, segs, 3, false);
	segs[0].type = AS_SEQUENCE;
	segs[0].count = 1;
	segs[0].asns = &big;
	bgpw_as4_path(&a, segs, 1);
	expect_bytes(&a, exp, sizeof(exp));
	mrtw_buf_free(&a);
}

static void
test_attrs_misc(void **state)
{
	static const uint8_t exp[] = {
		0x80, 0x04, 0x04, 0x00, 0x00, 0x00, 0x0a,	/* MED 10 */
		0x40, 0x05, 0x04, 0x00, 0x00, 0x00, 0x64,	/* LOCAL_PREF */
		0x40, 0x06, 0x00,				/* ATOMIC */
		0xc0, 0x07, 0x06, 0x5b, 0xa0, 0xc0, 0x00, 0x02, 0x01,
		0xc0, 0x12, 0x08, 0x00, 0x03, 0x0d, 0x40,
		0xc0, 0x00, 0x02, 0x01,				/* AS4_AGGR */
		0xc0, 0x20, 0x0c, 0x00, 0x03, 0x0d, 0x40,
		0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x02,	/* LARGE */
		0xc0, 0x10, 0x08, 0x00, 0x02, 0xfd, 0xe8,
		0x00, 0x00, 0x00, 0x64,				/* EXT */
		0xc0, 0x23, 0x04, 0x00, 0x00, 0x01, 0x2c,	/* OTC 300 */
		/* forced extended length on a short value */
		0xd0, 0x08, 0x00, 0x04, 0xfd, 0xe8, 0x00, 0x01,
		/* MP_UNREACH_NLRI IPv6 unicast 2001:db8::/32 */
		0x80, 0x0f, 0x08, 0x00, 0x02, 0x01,
		0x20, 0x20, 0x01, 0x0d, 0xb8,
	};
	static const uint8_t comm[] = { 0xfd, 0xe8, 0x00, 0x01 };
	struct large_community lc = { 200000, 1, 2 };
	uint64_t ext = 0x0002fde800000064ull;
	struct addr id = v4(192, 0, 2, 1);
	struct prefix p;
	struct mrtw_buf a;

	(void)state;
	memset(&p, 0, sizeof(p));
	p.afi = AFI_IPV6;
	p.len = 32;
	memcpy(p.b, (const uint8_t[]){ 0x20, 0x01, 0x0d, 0xb8 }, 4);
	mrtw_buf_init(&a, 0);
	bgpw_med(&a, 10);
	bgpw_local_pref(&a, 100);
	bgpw_atomic_aggregate(&a);
	bgpw_aggregator(&a, 200000, &id, false);
	bgpw_as4_aggregator(&a, 200000, &id);
	bgpw_large_communities(&a, &lc, 1);
	bgpw_ext_communities(&a, &ext, 1);
	bgpw_otc(&a, 300);
	bgpw_attr(&a, 0xc0 | BGPW_EXTLEN, 8, comm, sizeof(comm));
	bgpw_mp_unreach(&a, AFI_IPV6, 1, &p, NULL, 1);
	expect_bytes(&a, exp, sizeof(exp));
	mrtw_buf_free(&a);
}

static void
test_mp_reach_full(void **state)
{
	static const uint8_t exp[] = {
		0x80, 0x0e, 0x2e,
		0x00, 0x02, 0x01,		/* IPv6 unicast */
		0x20,				/* next hops: 32 bytes */
		0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01,
		0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02,
		0x00,				/* reserved */
		0x00, 0x00, 0x00, 0x07,		/* path id 7 */
		0x20, 0x20, 0x01, 0x0d, 0xb8,	/* 2001:db8::/32 */
	};
	struct addr nh[2];
	struct prefix p;
	struct mrtw_buf a;
	uint32_t id = 7;

	(void)state;
	nh[0] = v6doc(1);
	memset(&nh[1], 0, sizeof(nh[1]));
	nh[1].afi = AFI_IPV6;
	nh[1].b[0] = 0xfe;
	nh[1].b[1] = 0x80;
	nh[1].b[15] = 2;
	memset(&p, 0, sizeof(p));
	p.afi = AFI_IPV6;
	p.len = 32;
	memcpy(p.b, nh[0].b, 4);
	mrtw_buf_init(&a, 0);
	bgpw_mp_reach(&a, AFI_IPV6, 1, nh, 2, &p, &id, 1);
	expect_bytes(&a, exp, sizeof(exp));
	mrtw_buf_free(&a);
}

static void
test_state_change_et(void **state)
{
	uint8_t exp[12 + 4 + 48];
	static const uint8_t head[] = {
		0x00, 0x00, 0x00, 0x2a,
		0x00, 0x11, 0x00, 0x05,		/* BGP4MP_ET, STATE_CHANGE_AS4 */
		0x00, 0x00, 0x00, 0x34,		/* 52: microseconds counted */
		0x00, 0x01, 0xe2, 0x40,		/* 123456 us */
		0x00, 0x03, 0x0d, 0x40,		/* peer AS */
		0x00, 0x00, 0x30, 0x39,		/* local AS 12345 */
		0x00, 0x07, 0x00, 0x02,		/* ifindex 7, IPv6 */
	};
	struct mrtw_bgp4mp h;
	struct mrtw_buf b;

	(void)state;
	memset(exp, 0, sizeof(exp));
	memcpy(exp, head, sizeof(head));
	memcpy(exp + 28, v6doc(1).b, 16);
	memcpy(exp + 44, v6doc(2).b, 16);
	exp[61] = 6;			/* Established */
	exp[63] = 1;			/* Idle */

	memset(&h, 0, sizeof(h));
	h.ts = 42;
	h.usec = 123456;
	h.et = true;
	h.as4 = true;
	h.peer_as = 200000;
	h.local_as = 12345;
	h.ifindex = 7;
	h.peer_ip = v6doc(1);
	h.local_ip = v6doc(2);
	mrtw_buf_init(&b, 0);
	assert_true(mrtw_bgp4mp_state(&b, &h, 6, 1));
	expect_bytes(&b, exp, sizeof(exp));

	/* Without AS4, a 4-byte peer AS does not fit. */
	mrtw_buf_reset(&b);
	h.as4 = false;
	assert_false(mrtw_bgp4mp_state(&b, &h, 6, 1));
	mrtw_buf_free(&b);
}

static void
test_td1(void **state)
{
	static const uint8_t exp[] = {
		0x3a, 0x00, 0x00, 0x00,
		0x00, 0x0c, 0x00, 0x01,		/* TABLE_DUMP, AFI_IPv4 */
		0x00, 0x00, 0x00, 0x1a,		/* 26 */
		0x00, 0x00, 0x00, 0x05,		/* view 0, sequence 5 */
		0xc6, 0x33, 0x64, 0x00, 0x18,	/* 198.51.100.0/24 */
		0x01,				/* status */
		0x39, 0xff, 0xff, 0xff,		/* originated */
		0xc0, 0x00, 0x02, 0x01,		/* peer IP */
		0xfd, 0xe8,			/* peer AS */
		0x00, 0x04, 0x40, 0x01, 0x01, 0x00,
	};
	struct mrtw_td1 t;
	struct mrtw_buf a, b;

	(void)state;
	memset(&t, 0, sizeof(t));
	t.ts = 0x3a000000;
	t.seq = 5;
	t.prefix = pfx4(198, 51, 100, 24);
	t.status = 1;
	t.originated = 0x39ffffff;
	t.peer_ip = v4(192, 0, 2, 1);
	t.peer_as = 65000;
	mrtw_buf_init(&a, 0);
	mrtw_buf_init(&b, 0);
	bgpw_origin(&a, 0);
	assert_true(mrtw_td1(&b, &t, a.p, a.len));
	expect_bytes(&b, exp, sizeof(exp));

	/* The peer must be of the prefix's family. */
	t.peer_ip = v6doc(1);
	assert_false(mrtw_td1(&b, &t, a.p, a.len));
	mrtw_buf_free(&a);
	mrtw_buf_free(&b);
}

static void
test_limits(void **state)
{
	static const uint8_t zero[64];
	struct prefix p = pfx4(10, 0, 0, 8);
	struct mrtw_buf b;
	struct mrtw_rib r;
	size_t i;

	(void)state;
	/* The ceiling holds and the error is sticky until a reset. */
	mrtw_buf_init(&b, 16);
	assert_true(mrtw_bytes(&b, zero, 16));
	assert_false(mrtw_u8(&b, 1));
	assert_int_equal(b.len, 16);
	assert_false(mrtw_u8(&b, 1));
	mrtw_buf_reset(&b);
	assert_true(mrtw_u32(&b, 1));
	mrtw_buf_free(&b);

	/* An attribute value must fit in 16 bits. */
	mrtw_buf_init(&b, 0);
	assert_false(bgpw_attr(&b, 0xc0, 8, NULL, 70000));
	mrtw_buf_free(&b);

	/* 65535 entries fit in a RIB record, 65536 do not. */
	mrtw_buf_init(&b, 0);
	mrtw_rib_begin(&b, &r, 0, 0, &p, false);
	for (i = 0; i < 65535; i++)
		mrtw_rib_entry(&b, &r, 0, 0, 0, NULL, 0);
	assert_false(b.error);
	assert_false(mrtw_rib_entry(&b, &r, 0, 0, 0, NULL, 0));
	mrtw_buf_free(&b);

	/* A BGP message over 65535 bytes cannot be framed. */
	mrtw_buf_init(&b, 0);
	{
		size_t mark = bgpw_msg_begin(&b, 2);

		for (i = 0; i < 1100; i++)
			mrtw_bytes(&b, zero, sizeof(zero));
		assert_false(bgpw_msg_end(&b, mark));
	}
	mrtw_buf_free(&b);

	/* A prefix length the address cannot hold. */
	mrtw_buf_init(&b, 0);
	p.len = 129;
	assert_false(bgpw_nlri(&b, &p, false, 0));
	mrtw_buf_free(&b);
}

static void
test_flush(void **state)
{
	struct mrtw_buf b;
	FILE *fp;
	char out[8];

	(void)state;
	fp = tmpfile();
	assert_non_null(fp);
	mrtw_buf_init(&b, 0);
	mrtw_u32(&b, 0x41424344);
	assert_true(mrtw_buf_flush(&b, fp));
	assert_int_equal(b.len, 0);
	rewind(fp);
	assert_int_equal(fread(out, 1, sizeof(out), fp), 4);
	assert_memory_equal(out, "ABCD", 4);
	fclose(fp);
	mrtw_buf_free(&b);
	mrtw_buf_free(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_peer_index),
		cmocka_unit_test(test_attrs_basic),
		cmocka_unit_test(test_rib_entry),
		cmocka_unit_test(test_rib_addpath_v6),
		cmocka_unit_test(test_rib_generic),
		cmocka_unit_test(test_bgp4mp_subtypes),
		cmocka_unit_test(test_update_extlen),
		cmocka_unit_test(test_as_path_split),
		cmocka_unit_test(test_as_path_segments),
		cmocka_unit_test(test_attrs_misc),
		cmocka_unit_test(test_mp_reach_full),
		cmocka_unit_test(test_state_change_et),
		cmocka_unit_test(test_td1),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_flush),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
