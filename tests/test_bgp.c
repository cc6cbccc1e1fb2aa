/* BGP attribute, NLRI and message decoding on hand-built bytes. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/bgp.h"

static struct bgp_attrs *A;

static int
setup(void **state)
{
	(void)state;
	A = malloc(sizeof(*A));
	return A == NULL;
}

static int
teardown(void **state)
{
	(void)state;
	free(A);
	return 0;
}

static void
decode(const uint8_t *b, size_t n, bool as4)
{
	struct bgp_opts o = { .as4 = as4 };

	bgp_attrs_decode(cur_make(b, n), &o, A);
}

/* Flatten a path to "1 2 {3,4}" for easy comparison. */
static const char *
path_str(const struct as_path *p)
{
	static char buf[1024];
	size_t n = 0;
	uint32_t i, j;

	buf[0] = '\0';
	for (i = 0; i < p->nseg; i++) {
		const struct as_segment *s = &p->segs[i];

		if (i > 0)
			buf[n++] = ' ';
		if (s->type == AS_SET)
			buf[n++] = '{';
		for (j = 0; j < s->count; j++)
			n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s%u",
			    j ? (s->type == AS_SET ? "," : " ") : "",
			    s->asns[j]);
		if (s->type == AS_SET)
			buf[n++] = '}';
		buf[n] = '\0';
	}
	return buf;
}

static void
test_as4_path_merge(void **state)
{
	/* AS_PATH 1 2 AS_TRANS AS_TRANS (2-byte), AS4_PATH 196608 196609. */
	static const uint8_t b[] = {
		0x40, 1, 1, 0,
		0x40, 2, 10, 2, 4, 0, 1, 0, 2, 0x5b, 0xa0, 0x5b, 0xa0,
		0xc0, 17, 10, 2, 2, 0, 3, 0, 0, 0, 3, 0, 1,
	};

	(void)state;
	decode(b, sizeof(b), false);
	assert_int_equal(A->nmalformed, 0);
	assert_string_equal(path_str(&A->as_path), "1 2 23456 23456");
	assert_string_equal(path_str(&A->path), "1 2 196608 196609");
	assert_true(A->as4_path_used);
	assert_int_equal(as_path_origin(&A->path), 196609);
	assert_int_equal(as_path_length(&A->path), 4);
}

static void
test_as4_path_ignored(void **state)
{
	/* AS4_PATH longer than AS_PATH: RFC 6793 says ignore it. */
	static const uint8_t longer[] = {
		0x40, 2, 4, 2, 1, 0x5b, 0xa0,
		0xc0, 17, 10, 2, 2, 0, 3, 0, 0, 0, 3, 0, 1,
	};
	/* A 4-byte session: AS4_PATH is ignored whatever it says. */
	static const uint8_t as4[] = {
		0x40, 2, 6, 2, 1, 0, 0, 0x5b, 0xa0,
		0xc0, 17, 6, 2, 1, 0, 3, 0, 0,
	};

	(void)state;
	decode(longer, sizeof(longer), false);
	assert_string_equal(path_str(&A->path), "23456");
	assert_false(A->as4_path_used);
	decode(as4, sizeof(as4), true);
	assert_string_equal(path_str(&A->path), "23456");
}

static void
test_as_set_and_origin(void **state)
{
	static const uint8_t b[] = {
		0x40, 1, 1, 2,
		0x40, 2, 16, 2, 1, 0, 0, 0, 7, 1, 2, 0, 0, 0, 8, 0, 0, 0, 9,
	};

	(void)state;
	decode(b, sizeof(b), true);
	assert_int_equal(A->origin, ORIGIN_INCOMPLETE);
	assert_string_equal(path_str(&A->path), "7 {8,9}");
	/* An AS_SET at the end has no single origin. */
	assert_int_equal(as_path_origin(&A->path), 0);
	assert_int_equal(as_path_length(&A->path), 2);
}

static void
test_malformed_dropped_rest_kept(void **state)
{
	/*
	 * ORIGIN 3 (bad value), AS_PATH with a zero-length segment (RFC
	 * 7606 7.2), a duplicate MED, then a good LOCAL_PREF.
	 */
	static const uint8_t b[] = {
		0x40, 1, 1, 3,
		0x40, 2, 2, 2, 0,
		0x80, 4, 4, 0, 0, 0, 5,
		0x80, 4, 4, 0, 0, 0, 6,
		0x40, 5, 4, 0, 0, 0, 100,
	};

	(void)state;
	decode(b, sizeof(b), true);
	assert_int_equal(A->nmalformed, 3);
	assert_int_equal(A->first_error, BGP_ERR_ORIGIN_VALUE);
	assert_true(A->malformed & BGP_ATTR_BIT(BGP_ATTR_ORIGIN));
	assert_true(A->malformed & BGP_ATTR_BIT(BGP_ATTR_AS_PATH));
	assert_false(A->present & BGP_ATTR_BIT(BGP_ATTR_ORIGIN));
	assert_int_equal(A->med, 5);		/* the first one is kept */
	assert_true(A->present & BGP_ATTR_BIT(BGP_ATTR_LOCAL_PREF));
	assert_int_equal(A->local_pref, 100);
}

static void
test_truncated_attribute(void **state)
{
	/* NEXT_HOP says 4 bytes, 2 are there: dropped, decoding stops. */
	static const uint8_t b[] = {
		0x40, 1, 1, 0,
		0x40, 3, 4, 10, 0,
	};

	(void)state;
	decode(b, sizeof(b), true);
	assert_int_equal(A->nmalformed, 1);
	assert_int_equal(A->first_error, BGP_ERR_ATTR_TRUNCATED);
	assert_true(A->present & BGP_ATTR_BIT(BGP_ATTR_ORIGIN));
	assert_false(A->present & BGP_ATTR_BIT(BGP_ATTR_NEXT_HOP));
}

static void
test_extended_length_and_communities(void **state)
{
	uint8_t b[4 + 300];
	size_t i;

	(void)state;
	/* 75 communities in an extended-length attribute. */
	b[0] = 0xd0;
	b[1] = 8;
	b[2] = 300 >> 8;
	b[3] = 300 & 0xff;
	for (i = 0; i < 300; i++)
		b[4 + i] = (uint8_t)i;
	decode(b, sizeof(b), true);
	assert_int_equal(A->nmalformed, 0);
	assert_int_equal(A->communities.len, 300);
	/* A length that is not a multiple of 4 is malformed. */
	b[3] = 299 & 0xff;
	decode(b, sizeof(b) - 1, true);
	assert_int_equal(A->first_error, BGP_ERR_COMMUNITIES);
	assert_int_equal(A->communities.len, 0);
}

static void
test_aggregator_forms(void **state)
{
	/* 2-byte AGGREGATOR with AS_TRANS and an AS4_AGGREGATOR. */
	static const uint8_t two[] = {
		0xc0, 7, 6, 0x5b, 0xa0, 192, 0, 2, 1,
		0xc0, 18, 8, 0, 3, 0, 0, 192, 0, 2, 2,
	};
	/* 8-byte AGGREGATOR in a 2-byte context (OpenBGPD TABLE_DUMP). */
	static const uint8_t eight[] = {
		0xc0, 7, 8, 0, 0, 0xfd, 0xe8, 192, 168, 0, 15,
	};

	(void)state;
	decode(two, sizeof(two), false);
	assert_int_equal(A->aggr_as, 196608);
	assert_int_equal(A->aggr_addr.b[3], 2);
	assert_true(A->aggr_as4_used);
	decode(eight, sizeof(eight), false);
	assert_int_equal(A->nmalformed, 0);
	assert_int_equal(A->aggr_as, 65000);
	assert_int_equal(A->aggr_addr.b[3], 15);
}

static void
test_mp_reach(void **state)
{
	/* IPv6 unicast, global + link-local next hop, one /32. */
	static const uint8_t full[] = {
		0x80, 14, 42,
		0, 2, 1, 32,
		0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
		0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2,
		0,
		32, 0x20, 0x01, 0x0d, 0xb8,
	};
	/* The RFC 6396 abbreviated form: next-hop length and next hop. */
	static const uint8_t abbrev[] = {
		0x80, 14, 17, 16,
		0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 9,
	};
	struct bgp_opts o = { .as4 = true, .mp_abbrev = true };
	struct cursor nlri;
	struct prefix p;
	uint32_t pid;
	bool dirty;
	enum bgp_error e;

	(void)state;
	decode(full, sizeof(full), true);
	assert_true(A->present & BGP_ATTR_BIT(BGP_ATTR_MP_REACH));
	assert_int_equal(A->mp_reach.afi, AFI_IPV6);
	assert_int_equal(A->mp_reach.nnexthop, 2);
	assert_int_equal(A->mp_reach.nexthop[0].b[15], 1);
	assert_int_equal(A->mp_reach.nexthop[1].b[0], 0xfe);
	nlri = A->mp_reach.nlri;
	assert_int_equal(bgp_nlri_next(&nlri, AFI_IPV6, false, &p, &pid,
	    &dirty, &e), 1);
	assert_int_equal(p.len, 32);
	assert_int_equal(p.b[1], 0x01);
	assert_int_equal(bgp_nlri_next(&nlri, AFI_IPV6, false, &p, &pid,
	    &dirty, &e), 0);

	bgp_attrs_decode(cur_make(abbrev, sizeof(abbrev)), &o, A);
	assert_int_equal(A->nmalformed, 0);
	assert_int_equal(A->mp_reach.nnexthop, 1);
	assert_int_equal(A->mp_reach.nexthop[0].b[15], 9);
}

static void
test_nlri(void **state)
{
	static const uint8_t good[] = { 24, 10, 1, 2, 0, 33, 1, 2, 3, 4, 5 };
	static const uint8_t dirty_bits[] = { 13, 11, 13 };
	static const uint8_t short_bytes[] = { 24, 10, 1 };
	static const uint8_t addpath[] = { 0, 0, 0, 7, 8, 10 };
	struct cursor c;
	struct prefix p;
	uint32_t pid;
	bool dirty;
	enum bgp_error e = BGP_ERR_NONE;

	(void)state;
	c = cur_make(good, sizeof(good));
	assert_int_equal(bgp_nlri_next(&c, AFI_IPV4, false, &p, &pid, &dirty,
	    &e), 1);
	assert_int_equal(p.len, 24);
	assert_int_equal(bgp_nlri_next(&c, AFI_IPV4, false, &p, &pid, &dirty,
	    &e), 1);
	assert_int_equal(p.len, 0);
	/* /33 is checked before any address byte is copied. */
	assert_int_equal(bgp_nlri_next(&c, AFI_IPV4, false, &p, &pid, &dirty,
	    &e), -1);
	assert_int_equal(e, BGP_ERR_NLRI);

	c = cur_make(dirty_bits, sizeof(dirty_bits));
	assert_int_equal(bgp_nlri_next(&c, AFI_IPV4, false, &p, &pid, &dirty,
	    &e), 1);
	assert_true(dirty);
	assert_int_equal(p.b[1], 8);		/* 11.13/13 is 11.8/13 */

	c = cur_make(short_bytes, sizeof(short_bytes));
	assert_int_equal(bgp_nlri_next(&c, AFI_IPV4, false, &p, &pid, &dirty,
	    &e), -1);

	c = cur_make(addpath, sizeof(addpath));
	assert_int_equal(bgp_nlri_next(&c, AFI_IPV4, true, &p, &pid, &dirty,
	    &e), 1);
	assert_int_equal(pid, 7);
	assert_int_equal(p.len, 8);
}

static void
test_msg_split(void **state)
{
	uint8_t m[23];
	struct cursor body;
	uint8_t type;

	(void)state;
	memset(m, 0xff, 16);
	m[16] = 0;
	m[17] = 23;
	m[18] = BGP_MSG_UPDATE;
	m[19] = m[20] = m[21] = m[22] = 0;
	assert_true(bgp_msg_split(cur_make(m, sizeof(m)), &type, &body));
	assert_int_equal(type, BGP_MSG_UPDATE);
	assert_int_equal(body.len, 4);
	/* Length past the buffer, under the header size, bad marker. */
	m[17] = 24;
	assert_false(bgp_msg_split(cur_make(m, sizeof(m)), &type, &body));
	m[17] = 18;
	assert_false(bgp_msg_split(cur_make(m, sizeof(m)), &type, &body));
	m[17] = 23;
	m[3] = 0;
	assert_false(bgp_msg_split(cur_make(m, sizeof(m)), &type, &body));
}

static void
test_update_split(void **state)
{
	static const uint8_t ok[] = { 0, 2, 8, 10, 0, 1, 0x40, 24, 1, 2, 3 };
	static const uint8_t bad[] = { 0, 9, 8, 10 };
	struct bgp_update u;

	(void)state;
	assert_true(bgp_update_split(cur_make(ok, sizeof(ok)), &u));
	assert_int_equal(u.withdrawn.len, 2);
	assert_int_equal(u.attrs.len, 1);
	assert_int_equal(u.nlri.len, 4);
	assert_false(bgp_update_split(cur_make(bad, sizeof(bad)), &u));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_as4_path_merge),
		cmocka_unit_test(test_as4_path_ignored),
		cmocka_unit_test(test_as_set_and_origin),
		cmocka_unit_test(test_malformed_dropped_rest_kept),
		cmocka_unit_test(test_truncated_attribute),
		cmocka_unit_test(test_extended_length_and_communities),
		cmocka_unit_test(test_aggregator_forms),
		cmocka_unit_test(test_mp_reach),
		cmocka_unit_test(test_nlri),
		cmocka_unit_test(test_msg_split),
		cmocka_unit_test(test_update_split),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
