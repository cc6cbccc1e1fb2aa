/* Cursor, prefix and address tests; inet_ntop/inet_pton are the oracles. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/cursor.h"
#include "base/intern.h"
#include "net/asn.h"
#include "net/prefix.h"

static void
test_cursor_short_input(void **state)
{
	static const uint8_t b[] = { 1, 2, 3 };
	struct cursor c = cur_make(b, sizeof(b)), sub;
	uint32_t v32 = 77;
	uint16_t v16;
	uint8_t v8;

	(void)state;
	/* A failed read leaves the cursor and the output untouched. */
	assert_false(cur_u32(&c, &v32));
	assert_int_equal(v32, 77);
	assert_int_equal(c.len, 3);
	assert_true(cur_u16(&c, &v16));
	assert_int_equal(v16, 0x0102);
	assert_false(cur_sub(&c, 2, &sub));
	assert_true(cur_sub(&c, 1, &sub));
	assert_true(cur_u8(&sub, &v8));
	assert_int_equal(v8, 3);
	assert_false(cur_u8(&sub, &v8));
	assert_true(cur_empty(&c));
	assert_false(cur_skip(&c, 1));
}

static uint64_t rng = 0x1234567;

static uint32_t
rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)rng;
}

static void
test_addr_fmt_matches_inet_ntop(void **state)
{
	int i, j;

	(void)state;
	for (i = 0; i < 200000; i++) {
		struct addr a;
		char ours[ADDR_STRLEN], theirs[INET6_ADDRSTRLEN];

		memset(&a, 0, sizeof(a));
		a.afi = (i & 1) ? AFI_IPV6 : AFI_IPV4;
		for (j = 0; j < 16; j++) {
			/* Many zero words, to exercise "::" placement. */
			uint32_t r = rnd();

			a.b[j] = (r & 3) == 0 ? (uint8_t)(r >> 8) : 0;
		}
		if (i % 7 == 0) {	/* v4-mapped and v4-compatible */
			memset(a.b, 0, 10);
			a.b[10] = a.b[11] = (i % 14 == 0) ? 0xff : 0;
		}
		addr_fmt(&a, ours);
		inet_ntop(a.afi == AFI_IPV4 ? AF_INET : AF_INET6, a.b, theirs,
		    sizeof(theirs));
		if (strcmp(ours, theirs) != 0)
			fail_msg("addr_fmt %s, inet_ntop %s", ours, theirs);
	}
}

static void
test_addr_parse_roundtrip(void **state)
{
	int i, j;

	(void)state;
	for (i = 0; i < 100000; i++) {
		struct addr a, b;
		char txt[ADDR_STRLEN];
		const char *why = NULL;
		uint8_t pton[16];

		memset(&a, 0, sizeof(a));
		a.afi = (i & 1) ? AFI_IPV6 : AFI_IPV4;
		for (j = 0; j < 16; j++)
			a.b[j] = (rnd() & 1) ? (uint8_t)rnd() : 0;
		if (a.afi == AFI_IPV4)
			memset(a.b + 4, 0, 12);
		addr_fmt(&a, txt);
		if (!addr_parse(txt, strlen(txt), &b, &why))
			fail_msg("cannot parse %s: %s", txt, why);
		assert_int_equal(b.afi, a.afi);
		assert_memory_equal(a.b, b.b, 16);
		assert_int_equal(inet_pton(a.afi == AFI_IPV4 ? AF_INET :
		    AF_INET6, txt, pton), 1);
		assert_memory_equal(pton, a.b, afi_bytes(a.afi));
	}
}

static void
test_prefix_parse_rejects(void **state)
{
	static const char *bad[] = {
		"10.0.0.0", "10.0.0.0/", "10.0.0.0/33", "10.0.0.1/24",
		"010.0.0.0/8", "10.0.0/8", "10.0.0.0.0/8", "256.0.0.0/8",
		"2001:db8::/129", "2001:db8::1/64", "2001:db8:::/32",
		"1:2:3:4:5:6:7:8:9/128", "10.0.0.0/08", "::ffff:1.2.3/96",
		"10.0.0.0/24x", "", "/", "fe80::%eth0/64", ":1::/64",
	};
	static const char *good[] = {
		"0.0.0.0/0", "10.0.0.0/8", "192.0.2.1/32", "::/0",
		"2001:db8::/32", "::ffff:192.0.2.0/120", "1:2:3:4:5:6:7:8/128",
		"2001:db8::1:0:0:1/128",
	};
	struct prefix p;
	const char *why;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		why = NULL;
		if (prefix_parse(bad[i], strlen(bad[i]), &p, &why))
			fail_msg("accepted bad prefix '%s'", bad[i]);
		assert_non_null(why);
	}
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		char back[PREFIX_STRLEN];

		if (!prefix_parse(good[i], strlen(good[i]), &p, &why))
			fail_msg("rejected '%s': %s", good[i], why);
		prefix_fmt(&p, back);
		assert_string_equal(back, good[i]);
	}
	/* The reason names the problem rather than fixing it in silence. */
	assert_false(prefix_parse("10.0.0.1/24", 11, &p, &why));
	assert_non_null(strstr(why, "host bits"));
}

static void
test_prefix_covers(void **state)
{
	struct prefix a, b;
	const char *why;

	(void)state;
	assert_true(prefix_parse("10.0.0.0/8", 10, &a, &why));
	assert_true(prefix_parse("10.128.0.0/9", 12, &b, &why));
	assert_true(prefix_covers(&a, &b));
	assert_false(prefix_covers(&b, &a));
	assert_true(prefix_parse("11.0.0.0/9", 10, &b, &why));
	assert_false(prefix_covers(&a, &b));
	assert_true(prefix_parse("::/0", 4, &a, &why));
	assert_false(prefix_covers(&a, &b));	/* families differ */
	assert_true(prefix_parse("2001:db8::/33", 13, &b, &why));
	assert_true(prefix_covers(&a, &b));
	assert_true(prefix_cmp(&a, &b) < 0);
}

static void
test_intern(void **state)
{
	struct intern t;
	char key[32];
	int i;
	bool ins;
	struct intern_entry *e;

	(void)state;
	intern_init(&t, 1000, 0);
	for (i = 0; i < 500; i++) {
		int n = snprintf(key, sizeof(key), "path %d", i);

		e = intern_get(&t, key, (size_t)n, &ins);
		assert_true(ins);
		assert_int_equal(e->id, i);
		e->value = (void *)(intptr_t)(i + 1);
	}
	for (i = 0; i < 500; i++) {
		int n = snprintf(key, sizeof(key), "path %d", i);

		e = intern_get(&t, key, (size_t)n, &ins);
		assert_false(ins);
		assert_int_equal((intptr_t)e->value, i + 1);
	}
	/* Past the entry limit the table flushes instead of growing. */
	for (i = 500; i < 1500; i++) {
		int n = snprintf(key, sizeof(key), "path %d", i);

		e = intern_get(&t, key, (size_t)n, &ins);
		assert_true(ins);
	}
	assert_int_equal(t.flushes, 1);
	assert_true(t.count <= 1000);
	intern_free(&t);
}

static void
test_asn(void **state)
{
	static const struct {
		const char	*in;
		bool		 ok;
		uint32_t	 asn;
	} cases[] = {
		{ "65000", true, 65000 }, { "AS65000", true, 65000 },
		{ "as0", true, 0 }, { "4294967295", true, 4294967295u },
		{ "4294967296", false, 0 }, { "1.10", true, 65546 },
		{ "AS65535.65535", true, 4294967295u }, { "65536.0", false, 0 },
		{ "", false, 0 }, { "AS", false, 0 }, { "065000", false, 0 },
		{ "-1", false, 0 }, { "1.", false, 0 }, { "12a", false, 0 },
		{ " 1", false, 0 },
	};
	size_t i;
	char buf[ASN_STRLEN];

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		uint32_t asn = 0;
		const char *why = NULL;
		bool ok = asn_parse(cases[i].in, strlen(cases[i].in), &asn,
		    &why);

		if (ok != cases[i].ok)
			fail_msg("asn_parse(\"%s\") = %d", cases[i].in, ok);
		if (ok)
			assert_int_equal(asn, cases[i].asn);
		else
			assert_non_null(why);
	}
	asn_fmt(4294967295u, buf);
	assert_string_equal(buf, "4294967295");
	asn_fmt(0, buf);
	assert_string_equal(buf, "0");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cursor_short_input),
		cmocka_unit_test(test_addr_fmt_matches_inet_ntop),
		cmocka_unit_test(test_addr_parse_roundtrip),
		cmocka_unit_test(test_prefix_parse_rejects),
		cmocka_unit_test(test_prefix_covers),
		cmocka_unit_test(test_intern),
		cmocka_unit_test(test_asn),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
