/*
 * MRT framing and decoding on hand-built records: every record kind, the
 * hostile cases (truncated, oversized, bad lengths, garbage) and the
 * historic quirks (batched 2000-era TABLE_DUMP, damaged framing).
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

#include "base/limits.h"
#include "formats/mrt.h"

/* A byte buffer to build records in. */
struct buf {
	uint8_t	b[1 << 16];
	size_t	n;
};

static void
put8(struct buf *b, unsigned v)
{
	b->b[b->n++] = (uint8_t)v;
}

static void
put16(struct buf *b, unsigned v)
{
	put8(b, v >> 8);
	put8(b, v);
}

static void
put32(struct buf *b, uint32_t v)
{
	put16(b, v >> 16);
	put16(b, v & 0xffff);
}

static void
putn(struct buf *b, const void *p, size_t n)
{
	memcpy(b->b + b->n, p, n);
	b->n += n;
}

static void
header(struct buf *b, uint32_t ts, unsigned type, unsigned sub, uint32_t len)
{
	put32(b, ts);
	put16(b, type);
	put16(b, sub);
	put32(b, len);
}

/* Collected elements, flattened to short strings. */
struct seen {
	int	n;
	char	line[64][160];
};

static void
collect(void *ctx, const struct mrt_elem *e)
{
	struct seen *s = ctx;
	char pfx[PREFIX_STRLEN], peer[ADDR_STRLEN];

	if (s->n >= 64)
		return;
	addr_fmt(&e->peer_ip, peer);
	prefix_fmt(&e->prefix, pfx);
	if (e->kind == ELEM_STATE)
		snprintf(s->line[s->n++], 160, "STATE %s %u %u>%u", peer,
		    e->peer_as, e->old_state, e->new_state);
	else
		snprintf(s->line[s->n++], 160, "%c %s %u %s origin=%u id=%u",
		    "BAWS"[e->kind], peer, e->peer_as, pfx,
		    e->attrs ? as_path_origin(&e->attrs->path) : 0,
		    e->has_path_id ? e->path_id : 0);
}

/* ORIGIN IGP, AS_PATH (4-byte) 65001 65002, NEXT_HOP 192.0.2.1. */
static const uint8_t attrs4[] = {
	0x40, 1, 1, 0,
	0x40, 2, 10, 2, 2, 0, 0, 0xfd, 0xe9, 0, 0, 0xfd, 0xea,
	0x40, 3, 4, 192, 0, 2, 1,
};

static void
peer_index(struct buf *b)
{
	struct buf body = { .n = 0 };

	put32(&body, 0x0a000001);	/* collector id */
	put16(&body, 4);
	putn(&body, "test", 4);
	put16(&body, 2);
	put8(&body, 2);			/* IPv4, 4-byte AS */
	put32(&body, 1);
	put32(&body, 0xc6336401);	/* 198.51.100.1 */
	put32(&body, 4200000001u);
	put8(&body, 1);			/* IPv6, 2-byte AS */
	put32(&body, 2);
	putn(&body, "\x20\x01\x0d\xb8\0\0\0\0\0\0\0\0\0\0\0\x01", 16);
	put16(&body, 64500);
	header(b, 1000, MRT_TABLE_DUMP_V2, TD2_PEER_INDEX_TABLE,
	    (uint32_t)body.n);
	putn(b, body.b, body.n);
}

static void
rib_v4(struct buf *b, unsigned plen, unsigned npeers_entries,
    unsigned peer_idx)
{
	struct buf body = { .n = 0 };
	unsigned i;

	put32(&body, 7);		/* sequence */
	put8(&body, plen);
	put8(&body, 203);
	put8(&body, 0);
	put8(&body, 113);
	put16(&body, npeers_entries);
	for (i = 0; i < npeers_entries; i++) {
		put16(&body, peer_idx);
		put32(&body, 999);
		put16(&body, sizeof(attrs4));
		putn(&body, attrs4, sizeof(attrs4));
	}
	header(b, 1000, MRT_TABLE_DUMP_V2, TD2_RIB_IPV4_UNICAST,
	    (uint32_t)body.n);
	putn(b, body.b, body.n);
}

static struct mrt_stats st;
static struct seen seen;

static void
run(const struct buf *b)
{
	memset(&st, 0, sizeof(st));
	memset(&seen, 0, sizeof(seen));
	mrt_decode_buffer(b->b, b->n, collect, &seen, &st);
}

static void
test_rib(void **state)
{
	struct buf b = { .n = 0 };

	(void)state;
	peer_index(&b);
	rib_v4(&b, 24, 2, 0);
	run(&b);
	assert_int_equal(seen.n, 2);
	assert_string_equal(seen.line[0],
	    "B 198.51.100.1 4200000001 203.0.113.0/24 origin=65002 id=0");
	assert_int_equal(st.elems[ELEM_RIB], 2);
}

static void
test_rib_hostile(void **state)
{
	struct buf b = { .n = 0 };

	(void)state;
	/* No PEER_INDEX_TABLE before the RIB: routes, peer unknown. */
	rib_v4(&b, 24, 1, 0);
	run(&b);
	assert_int_equal(seen.n, 1);
	assert_string_equal(seen.line[0],
	    "B ? 0 203.0.113.0/24 origin=65002 id=0");
	assert_int_equal(st.no_peer_index, 1);

	/* A peer index past the table. */
	b.n = 0;
	peer_index(&b);
	rib_v4(&b, 24, 1, 5);
	run(&b);
	assert_int_equal(seen.n, 0);
	assert_int_equal(st.skipped[SKIP_BAD_PEER_INDEX], 1);

	/* A /33: rejected before the address is read. */
	b.n = 0;
	peer_index(&b);
	rib_v4(&b, 33, 1, 0);
	run(&b);
	assert_int_equal(seen.n, 0);
	assert_int_equal(st.skipped[SKIP_BAD_PREFIX], 1);

	/* The entry count says 3, two are there: two decoded, then stop. */
	b.n = 0;
	peer_index(&b);
	rib_v4(&b, 24, 2, 0);
	b.b[b.n - 2 * (8 + sizeof(attrs4)) - 1] = 3;
	run(&b);
	assert_int_equal(seen.n, 2);
	assert_int_equal(st.skipped[SKIP_TRUNCATED_RECORD], 1);
}

static void
bgp4mp_update(struct buf *b, unsigned type, unsigned sub, const uint8_t *upd,
    size_t len)
{
	struct buf body = { .n = 0 };
	uint8_t marker[16];

	if (type == MRT_BGP4MP_ET)
		put32(&body, 123456);
	put32(&body, 65010);		/* AS4 subtypes only here */
	put32(&body, 65000);
	put16(&body, 0);
	put16(&body, AFI_IPV4);
	put32(&body, 0xc0000205);	/* 192.0.2.5 */
	put32(&body, 0xc0000201);
	memset(marker, 0xff, sizeof(marker));
	putn(&body, marker, 16);
	put16(&body, 19 + len);
	put8(&body, BGP_MSG_UPDATE);
	putn(&body, upd, len);
	header(b, 2000, type, sub, (uint32_t)body.n);
	putn(b, body.b, body.n);
}

static void
test_bgp4mp(void **state)
{
	struct buf b = { .n = 0 }, u = { .n = 0 };

	(void)state;
	put16(&u, 3);			/* withdrawn: 10.0.0.0/16 */
	put8(&u, 16);
	put8(&u, 10);
	put8(&u, 0);
	put16(&u, sizeof(attrs4));
	putn(&u, attrs4, sizeof(attrs4));
	put8(&u, 24);			/* NLRI: 203.0.113.0/24 */
	put8(&u, 203);
	put8(&u, 0);
	put8(&u, 113);
	bgp4mp_update(&b, MRT_BGP4MP_ET, BGP4MP_MESSAGE_AS4, u.b, u.n);
	run(&b);
	assert_int_equal(seen.n, 2);
	assert_string_equal(seen.line[0],
	    "W 192.0.2.5 65010 10.0.0.0/16 origin=65002 id=0");
	assert_string_equal(seen.line[1],
	    "A 192.0.2.5 65010 203.0.113.0/24 origin=65002 id=0");

	/* Withdrawn length past the message: the UPDATE is rejected. */
	b.n = 0;
	u.b[1] = 200;
	bgp4mp_update(&b, MRT_BGP4MP, BGP4MP_MESSAGE_AS4, u.b, u.n);
	run(&b);
	assert_int_equal(seen.n, 0);
	assert_int_equal(st.skipped[SKIP_BAD_BGP_MESSAGE], 1);
}

static void
test_state_change_and_unknown(void **state)
{
	struct buf b = { .n = 0 };

	(void)state;
	header(&b, 3000, MRT_BGP4MP, BGP4MP_STATE_CHANGE, 20);
	put16(&b, 64500);
	put16(&b, 64501);
	put16(&b, 0);
	put16(&b, AFI_IPV4);
	put32(&b, 0xc0000209);
	put32(&b, 0xc0000201);
	put16(&b, 3);
	put16(&b, 6);
	header(&b, 3000, 99, 1, 4);	/* unregistered type */
	put32(&b, 0);
	header(&b, 3000, MRT_BGP4MP, 77, 0);	/* unknown subtype */
	run(&b);
	assert_int_equal(seen.n, 1);
	assert_string_equal(seen.line[0], "STATE 192.0.2.9 64500 3>6");
	assert_int_equal(st.skipped[SKIP_UNKNOWN_TYPE], 2);
}

static void
test_table_dump_batched(void **state)
{
	struct buf b = { .n = 0 };
	int i;

	(void)state;
	/*
	 * 2000-era RIS: view and sequence once, then three entries back to
	 * back in one record.
	 */
	header(&b, 947550744, MRT_TABLE_DUMP, 1, 0);
	put16(&b, 0);
	put16(&b, 0);
	for (i = 0; i < 3; i++) {
		put32(&b, 0x03000000u + ((uint32_t)i << 16));
		put8(&b, 16);
		put8(&b, 1);
		put32(&b, 947505332);
		put32(&b, 0xcc98a61d);
		put16(&b, 3549);
		put16(&b, 4);
		putn(&b, "\x40\x01\x01\x00", 4);
	}
	b.b[11] = (uint8_t)(b.n - 12);
	run(&b);
	assert_int_equal(seen.n, 3);
	assert_string_equal(seen.line[2],
	    "B 204.152.166.29 3549 3.2.0.0/16 origin=0 id=0");
	assert_int_equal(st.td1_batched, 1);
}

/* Write bytes to a temporary file and frame it through the reader. */
static int
frame(const struct buf *b, struct mrt_stats *out, char *err, size_t errlen)
{
	char path[] = "/tmp/manrs-test-mrt.XXXXXX";
	int fd = mkstemp(path), n = 0;
	struct reader *rd;
	struct mrt_file *f;
	struct mrt_record rec;

	assert_true(fd >= 0);
	assert_int_equal(write(fd, b->b, b->n), (ssize_t)b->n);
	close(fd);
	rd = reader_open(path, err, errlen);
	assert_non_null(rd);
	f = mrt_file_new(rd, path);
	memset(&seen, 0, sizeof(seen));
	while (mrt_next(f, &rec) == 1) {
		mrt_decode(f, &rec, collect, &seen);
		n++;
	}
	*out = *mrt_file_stats(f);
	err[0] = '\0';
	if (mrt_file_error(f) != NULL)
		snprintf(err, errlen, "%s", mrt_file_error(f));
	mrt_file_free(f);
	unlink(path);
	return n;
}

static void
state_record(struct buf *b, uint32_t ts, unsigned to)
{
	header(b, ts, MRT_BGP4MP, BGP4MP_STATE_CHANGE, 20);
	put16(b, 64500);
	put16(b, 64501);
	put16(b, 0);
	put16(b, AFI_IPV4);
	put32(b, 0xc0000209);
	put32(b, 0xc0000201);
	put16(b, 1);
	put16(b, to);
}

static void
test_framing_resync(void **state)
{
	struct buf b = { .n = 0 };
	struct mrt_stats fs;
	char err[512];

	(void)state;
	state_record(&b, 953955943, 2);
	/* A damaged header: a plausible start and a garbage length. */
	put32(&b, 953955944);
	put16(&b, MRT_BGP4MP);
	put16(&b, 0);
	put16(&b, 0x38dc);
	state_record(&b, 953955944, 3);
	state_record(&b, 953955945, 6);
	assert_int_equal(frame(&b, &fs, err, sizeof(err)), 3);
	assert_int_equal(seen.n, 3);
	assert_string_equal(seen.line[2], "STATE 192.0.2.9 64500 1>6");
	assert_int_equal(fs.resyncs, 1);
	assert_int_equal(fs.resync_bytes, 10);
	assert_string_equal(err, "");
}

static void
test_framing_truncated(void **state)
{
	struct buf b = { .n = 0 };
	struct mrt_stats fs;
	char err[512];

	(void)state;
	state_record(&b, 1000, 2);
	state_record(&b, 1001, 3);
	b.n -= 5;			/* cut the last record */
	assert_int_equal(frame(&b, &fs, err, sizeof(err)), 1);
	assert_non_null(strstr(err, "truncated MRT record"));
	assert_non_null(strstr(err, "offset 32"));

	/* A header that claims more than MAX_MRT_RECORD, then nothing. */
	b.n = 0;
	header(&b, 1000, MRT_TABLE_DUMP_V2, 2, MAX_MRT_RECORD + 1);
	put32(&b, 0);
	assert_int_equal(frame(&b, &fs, err, sizeof(err)), 0);
	assert_non_null(strstr(err, "no good record"));
}

static void
test_framing_garbage(void **state)
{
	struct buf b = { .n = 0 };
	struct mrt_stats fs;
	char err[512];
	uint32_t x = 12345;
	int i;

	(void)state;
	for (i = 0; i < 20000; i++) {
		x = x * 1103515245 + 12345;
		put8(&b, x >> 16);
	}
	/* Must end (no hang) with no records or with records it found. */
	(void)frame(&b, &fs, err, sizeof(err));
	assert_true(fs.records < 20000);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rib),
		cmocka_unit_test(test_rib_hostile),
		cmocka_unit_test(test_bgp4mp),
		cmocka_unit_test(test_state_change_and_unknown),
		cmocka_unit_test(test_table_dump_batched),
		cmocka_unit_test(test_framing_resync),
		cmocka_unit_test(test_framing_truncated),
		cmocka_unit_test(test_framing_garbage),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
