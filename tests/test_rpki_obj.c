/*
 * RPKI objects: the DER reader on its corner cases, ROA / manifest / ASPA
 * eContent built by hand here (and every truncation and byte flip of it),
 * and the real objects in testdata/rpki, whose manifest hashes are checked
 * against the SHA-256 of the listed files themselves and whose signatures
 * must verify (and fail once a byte of the signature is flipped).
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
#include <time.h>

#include <openssl/evp.h>

#include "formats/der.h"
#include "formats/rpki_obj.h"

#define T	"testdata/rpki/"

/* A tiny DER writer for building test input. */
typedef struct {
	uint8_t	p[4096];
	size_t	n;
} B;

static B
raw(const void *p, size_t n)
{
	B b;

	assert_true(n <= sizeof(b.p));
	memcpy(b.p, p, n);
	b.n = n;
	return b;
}

static B
cat(B a, B b)
{
	assert_true(a.n + b.n <= sizeof(a.p));
	memcpy(a.p + a.n, b.p, b.n);
	a.n += b.n;
	return a;
}

static B
tl(uint8_t tag, B v)
{
	B b;

	b.p[0] = tag;
	if (v.n < 128) {
		b.p[1] = (uint8_t)v.n;
		b.n = 2;
	} else if (v.n < 256) {
		b.p[1] = 0x81;
		b.p[2] = (uint8_t)v.n;
		b.n = 3;
	} else {
		b.p[1] = 0x82;
		b.p[2] = (uint8_t)(v.n >> 8);
		b.p[3] = (uint8_t)v.n;
		b.n = 4;
	}
	return cat(b, v);
}

static B
integer(uint64_t v)
{
	uint8_t tmp[9];
	size_t n = 0, i;

	do {
		tmp[n++] = (uint8_t)v;
		v >>= 8;
	} while (v != 0);
	if (tmp[n - 1] & 0x80)
		tmp[n++] = 0;
	B b = { .n = 0 };
	for (i = 0; i < n; i++)
		b.p[b.n++] = tmp[n - 1 - i];
	return tl(DER_INTEGER, b);
}

static B
bits(const uint8_t *p, size_t n, unsigned unused)
{
	uint8_t u = (uint8_t)unused;

	return tl(DER_BITSTRING, cat(raw(&u, 1), raw(p, n)));
}

static B
afi(uint8_t a)
{
	uint8_t f[2] = { 0, a };

	return tl(DER_OCTETSTRING, raw(f, 2));
}

/* ---- the DER reader ---- */

static void
test_der_lengths(void **state)
{
	uint8_t buf[200], tag;
	struct cursor c, v;
	const char *why;

	(void)state;
	c = cur_make("\x30\x03\x02\x01\x05", 5);
	assert_true(der_next(&c, &tag, &v, &why));
	assert_int_equal(tag, 0x30);
	assert_int_equal(v.len, 3);
	assert_true(cur_empty(&c));

	memset(buf, 0, sizeof(buf));
	buf[0] = 0x04;
	buf[1] = 0x81;
	buf[2] = 0x80;
	c = cur_make(buf, 3 + 0x80);
	assert_true(der_next(&c, &tag, &v, &why));
	assert_int_equal(v.len, 0x80);
	/* Long form for a short length, a leading zero, indefinite. */
	buf[2] = 0x05;
	c = cur_make(buf, 8);
	assert_false(der_next(&c, &tag, &v, &why));
	assert_string_equal(why, "length not in shortest form");
	c = cur_make("\x04\x82\x00\x80", 4);
	assert_false(der_next(&c, &tag, &v, &why));
	assert_string_equal(why, "length not in shortest form");
	c = cur_make("\x30\x80\x00\x00", 4);
	assert_false(der_next(&c, &tag, &v, &why));
	assert_string_equal(why, "indefinite length (BER, not DER)");
	/* The value may not reach past its container. */
	c = cur_make("\x04\x05\x01\x02\x03", 5);
	assert_false(der_next(&c, &tag, &v, &why));
	assert_int_equal(c.len, 5);	/* untouched */
	c = cur_make("\x04\x85\x01\x00\x00\x00\x00", 7);
	assert_false(der_next(&c, &tag, &v, &why));
	c = cur_make("\x1f\x01\x00", 3);
	assert_false(der_next(&c, &tag, &v, &why));
	c = cur_make("\x04", 1);
	assert_false(der_next(&c, &tag, &v, &why));
}

static void
test_der_integers(void **state)
{
	struct cursor big;
	const char *why;
	uint64_t x;

	(void)state;
	assert_true(der_uint(cur_make("\x00", 1), 10, &x, &why));
	assert_int_equal(x, 0);
	assert_true(der_uint(cur_make("\x00\x80", 2), 1000, &x, &why));
	assert_int_equal(x, 128);
	assert_true(der_uint(cur_make("\x00\xff\xff\xff\xff", 5), UINT32_MAX,
	    &x, &why));
	assert_int_equal(x, UINT32_MAX);
	assert_false(der_uint(cur_make("\x01\x00\x00\x00\x00", 5), UINT32_MAX,
	    &x, &why));
	assert_string_equal(why, "INTEGER out of range");
	assert_false(der_uint(cur_make("\x00\x7f", 2), 1000, &x, &why));
	assert_string_equal(why, "INTEGER not in shortest form");
	assert_false(der_uint(cur_make("\x80", 1), 1000, &x, &why));
	assert_string_equal(why, "negative INTEGER");
	assert_false(der_uint(cur_make("", 0), 1000, &x, &why));
	assert_false(der_uint(cur_make("\x01\x02\x03\x04\x05\x06\x07\x08\x09",
	    9), UINT64_MAX, &x, &why));
	assert_true(der_bigint(cur_make("\x00\x80\x01", 3), 2, &big, &why));
	assert_int_equal(big.len, 2);
	assert_int_equal(big.p[0], 0x80);
}

static int64_t
libc_time(int y, int mo, int d, int h, int mi, int s)
{
	struct tm tm;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = s;
	return (int64_t)timegm(&tm);
}

static void
test_der_times(void **state)
{
	static const char *bad[] = {
		"20170229000000Z", "20190406093549", "2019040609354Z",
		"20190406093549+", "20191306093549Z", "20190432093549Z",
		"20190406243549Z", "20190406096049Z", "2019040609354aZ",
		"201904060935490Z",
	};
	const char *why;
	int64_t t;
	size_t i;

	(void)state;
	/* rpki-client prints valid_since 1554543349 for ca1.mft. */
	assert_true(der_gentime(cur_make("20190406093549Z", 15), &t, &why));
	assert_int_equal(t, 1554543349);
	assert_true(der_gentime(cur_make("20160229235959Z", 15), &t, &why));
	assert_int_equal(t, libc_time(2016, 2, 29, 23, 59, 59));
	assert_true(der_gentime(cur_make("20000229000000Z", 15), &t, &why));
	assert_int_equal(t, libc_time(2000, 2, 29, 0, 0, 0));
	assert_true(der_gentime(cur_make("21171128143955Z", 15), &t, &why));
	assert_int_equal(t, 4667553595);
	assert_true(der_gentime(cur_make("19500101000000Z", 15), &t, &why));
	assert_int_equal(t, libc_time(1950, 1, 1, 0, 0, 0));
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_false(der_gentime(cur_make(bad[i], strlen(bad[i])), &t,
		    &why));
	assert_false(der_gentime(cur_make("21000229000000Z", 15), &t, &why));
}

/* ---- ROA ---- */

static B
roa_addr(const uint8_t *p, size_t n, unsigned unused, int maxlen)
{
	B a = bits(p, n, unused);

	if (maxlen >= 0)
		a = cat(a, integer((uint64_t)maxlen));
	return tl(DER_SEQUENCE, a);
}

/* AS64496: 10.0.0.0/8-24, 192.0.2.128/25; 2001:db8::/32. */
static B
good_roa(void)
{
	static const uint8_t v4a[] = { 10 }, v4b[] = { 192, 0, 2, 128 };
	static const uint8_t v6[] = { 0x20, 0x01, 0x0d, 0xb8 };
	B f4 = tl(DER_SEQUENCE, cat(afi(1), tl(DER_SEQUENCE, cat(
	    roa_addr(v4a, 1, 0, 24), roa_addr(v4b, 4, 7, -1)))));
	B f6 = tl(DER_SEQUENCE, cat(afi(2), tl(DER_SEQUENCE,
	    roa_addr(v6, 4, 0, -1))));

	return tl(DER_SEQUENCE, cat(integer(64496), tl(DER_SEQUENCE,
	    cat(f4, f6))));
}

static bool
roa_fails(B b, const char *want)
{
	struct roa *r = NULL;
	char err[256] = "";
	bool failed = !roa_parse(b.p, b.n, &r, err, sizeof(err));

	roa_free(r);
	if (failed && want != NULL && strstr(err, want) == NULL) {
		fprintf(stderr, "error '%s' lacks '%s'\n", err, want);
		return false;
	}
	return failed;
}

static void
test_roa_handmade(void **state)
{
	static const uint8_t v4[] = { 10 }, v4host[] = { 10, 1 };
	struct roa *r = NULL;
	char err[256], buf[PREFIX_STRLEN];
	B b = good_roa(), ver;

	(void)state;
	assert_true(roa_parse(b.p, b.n, &r, err, sizeof(err)));
	assert_int_equal(r->asid, 64496);
	assert_int_equal(r->nips, 3);
	prefix_fmt(&r->ips[0].pfx, buf);
	assert_string_equal(buf, "10.0.0.0/8");
	assert_int_equal(r->ips[0].maxlen, 24);
	prefix_fmt(&r->ips[1].pfx, buf);
	assert_string_equal(buf, "192.0.2.128/25");
	assert_int_equal(r->ips[1].maxlen, 25);	/* absent: the length */
	prefix_fmt(&r->ips[2].pfx, buf);
	assert_string_equal(buf, "2001:db8::/32");
	assert_int_equal(r->ips[2].maxlen, 32);
	roa_free(r);
	r = NULL;

	/* An explicit version 0 is read; 1 is not. */
	ver = tl(DER_CTX0, integer(0));
	b = tl(DER_SEQUENCE, cat(cat(ver, integer(1)), tl(DER_SEQUENCE,
	    tl(DER_SEQUENCE, cat(afi(1), tl(DER_SEQUENCE,
	    roa_addr(v4, 1, 0, -1)))))));
	assert_true(roa_parse(b.p, b.n, &r, err, sizeof(err)));
	roa_free(r);
	ver = tl(DER_CTX0, integer(1));
	b = tl(DER_SEQUENCE, cat(cat(ver, integer(1)), tl(DER_SEQUENCE,
	    tl(DER_SEQUENCE, cat(afi(1), tl(DER_SEQUENCE,
	    roa_addr(v4, 1, 0, -1)))))));
	assert_true(roa_fails(b, "version"));

#define ROA1(fam, addr)	tl(DER_SEQUENCE, cat(integer(1), tl(DER_SEQUENCE, \
	tl(DER_SEQUENCE, cat(fam, tl(DER_SEQUENCE, addr))))))
	assert_true(roa_fails(ROA1(afi(1), roa_addr(v4, 1, 0, 7)),
	    "maxLength"));
	assert_true(roa_fails(ROA1(afi(1), roa_addr(v4, 1, 0, 33)),
	    "maxLength"));
	assert_true(roa_fails(ROA1(afi(2), roa_addr(v4, 1, 0, 129)),
	    "maxLength"));
	assert_true(roa_fails(ROA1(afi(3), roa_addr(v4, 1, 0, -1)),
	    "addressFamily"));
	assert_true(roa_fails(ROA1(tl(DER_OCTETSTRING, raw("\0\1\1", 3)),
	    roa_addr(v4, 1, 0, -1)), "SAFI"));
	/* Bits set past the prefix length are a DER error, not masked. */
	assert_true(roa_fails(ROA1(afi(1), roa_addr(v4host, 2, 1, -1)),
	    "unused bits"));
	assert_true(roa_fails(ROA1(afi(1), roa_addr((const uint8_t *)
	    "\1\2\3\4\5", 5, 0, -1)), "longer"));
	assert_true(roa_fails(ROA1(afi(1), tl(DER_SEQUENCE, cat(
	    bits(v4, 1, 0), cat(integer(8), integer(9))))), "trailing"));
	assert_true(roa_fails(tl(DER_SEQUENCE, cat(integer(1), tl(DER_SEQUENCE,
	    cat(tl(DER_SEQUENCE, cat(afi(1), tl(DER_SEQUENCE, roa_addr(v4, 1,
	    0, -1)))), tl(DER_SEQUENCE, cat(afi(1), tl(DER_SEQUENCE,
	    roa_addr(v4, 1, 0, -1)))))))), "twice"));
	assert_true(roa_fails(tl(DER_SEQUENCE, cat(integer(1), tl(DER_SEQUENCE,
	    raw("", 0)))), "empty"));
	assert_true(roa_fails(tl(DER_SEQUENCE, cat(integer(0x100000000ull),
	    tl(DER_SEQUENCE, raw("", 0)))), "asID"));
	b = good_roa();
	assert_true(roa_fails(cat(b, raw("\0", 1)), "trailing"));
#undef ROA1
}

/* Every cut and every byte flip: rejected or a ROA that keeps the rules. */
static void
test_roa_mutations(void **state)
{
	B b = good_roa(), m;
	struct roa *r;
	char err[256];
	size_t i, k;

	(void)state;
	for (i = 0; i < b.n; i++) {
		r = NULL;
		assert_false(roa_parse(b.p, i, &r, err, sizeof(err)));
		assert_null(r);
	}
	for (i = 0; i < b.n; i++) {
		m = b;
		m.p[i] ^= 0xff;
		r = NULL;
		if (!roa_parse(m.p, m.n, &r, err, sizeof(err)))
			continue;
		for (k = 0; k < r->nips; k++) {
			assert_true(r->ips[k].pfx.len <= r->ips[k].maxlen);
			assert_true(r->ips[k].maxlen <=
			    afi_bits(r->ips[k].pfx.afi));
		}
		roa_free(r);
	}
}

/* ---- manifest ---- */

static const uint8_t sha256_oid[] = { 0x60, 0x86, 0x48, 0x01, 0x65, 0x03,
    0x04, 0x02, 0x01 };

static B
mft_entry(const char *name, uint8_t fill, size_t hlen)
{
	uint8_t h[64];

	memset(h, fill, sizeof(h));
	return tl(DER_SEQUENCE, cat(tl(DER_IA5STRING, raw(name,
	    strlen(name))), bits(h, hlen, 0)));
}

static B
mft(const char *this_up, const char *next_up, B list)
{
	return tl(DER_SEQUENCE, cat(cat(cat(integer(0x1234), tl(DER_GENTIME,
	    raw(this_up, strlen(this_up)))), cat(tl(DER_GENTIME,
	    raw(next_up, strlen(next_up))), tl(DER_OID, raw(sha256_oid,
	    sizeof(sha256_oid))))), tl(DER_SEQUENCE, list)));
}

static bool
mft_fails(B b, const char *want)
{
	struct mft *m = NULL;
	char err[256] = "";
	bool failed = !mft_parse(b.p, b.n, &m, err, sizeof(err));

	mft_free(m);
	if (failed && strstr(err, want) == NULL) {
		fprintf(stderr, "error '%s' lacks '%s'\n", err, want);
		return false;
	}
	return failed;
}

static void
test_mft_handmade(void **state)
{
	const char *t1 = "20240101000000Z", *t2 = "20240102000000Z";
	B b = mft(t1, t2, cat(mft_entry("a-B_9.roa", 0x11, 32),
	    mft_entry("x.crl", 0x22, 32))), m;
	struct mft *mf = NULL;
	char err[256];
	size_t i;

	(void)state;
	if (!mft_parse(b.p, b.n, &mf, err, sizeof(err)))
		fail_msg("%s", err);
	assert_string_equal(mf->number, "1234");
	assert_int_equal(mf->this_update, libc_time(2024, 1, 1, 0, 0, 0));
	assert_int_equal(mf->next_update, libc_time(2024, 1, 2, 0, 0, 0));
	assert_int_equal(mf->nfiles, 2);
	assert_string_equal(mf->files[0].name, "a-B_9.roa");
	assert_int_equal(mf->files[1].hash[31], 0x22);
	mft_free(mf);

	assert_true(mft_fails(mft(t1, t2, cat(mft_entry("x.crl", 1, 32),
	    mft_entry("x.crl", 2, 32))), "listed twice"));
	assert_true(mft_fails(mft(t1, t2, mft_entry("../x.crl", 1, 32)),
	    "NAME.ext"));
	assert_true(mft_fails(mft(t1, t2, mft_entry("x.CRL", 1, 32)),
	    "NAME.ext"));
	assert_true(mft_fails(mft(t1, t2, mft_entry("x.crl", 1, 31)),
	    "SHA-256"));
	assert_true(mft_fails(mft(t2, t1, mft_entry("x.crl", 1, 32)),
	    "not after thisUpdate"));
	assert_true(mft_fails(mft("2024010100000Z", t2, mft_entry("x.crl", 1,
	    32)), "thisUpdate"));
	for (i = 0; i < b.n; i++) {
		mf = NULL;
		assert_false(mft_parse(b.p, i, &mf, err, sizeof(err)));
		m = b;
		m.p[i] ^= 0x55;
		if (mft_parse(m.p, m.n, &mf, err, sizeof(err)))
			mft_free(mf);
	}
}

/* ---- ASPA ---- */

static void
test_aspa_handmade(void **state)
{
	struct aspa_obj *a = NULL;
	char err[256];
	B v1 = tl(DER_SEQUENCE, cat(cat(tl(DER_CTX0, integer(1)),
	    integer(64496)), tl(DER_SEQUENCE, cat(integer(64497),
	    integer(4200000000u)))));
	B v0 = tl(DER_SEQUENCE, cat(integer(64496), tl(DER_SEQUENCE, cat(
	    tl(DER_SEQUENCE, integer(1)), tl(DER_SEQUENCE, cat(integer(2),
	    afi(2)))))));
	B b;

	(void)state;
	assert_true(aspa_obj_parse(v1.p, v1.n, &a, err, sizeof(err)));
	assert_int_equal(a->version, 1);
	assert_int_equal(a->customer, 64496);
	assert_int_equal(a->nproviders, 2);
	assert_int_equal(a->providers[1].asid, 4200000000u);
	assert_int_equal(a->providers[1].afi, 0);
	aspa_obj_free(a);
	a = NULL;
	assert_true(aspa_obj_parse(v0.p, v0.n, &a, err, sizeof(err)));
	assert_int_equal(a->version, 0);
	assert_int_equal(a->providers[0].afi, 0);
	assert_int_equal(a->providers[1].afi, AFI_IPV6);
	aspa_obj_free(a);
	a = NULL;

	b = tl(DER_SEQUENCE, cat(cat(tl(DER_CTX0, integer(1)), integer(5)),
	    tl(DER_SEQUENCE, cat(integer(7), integer(6)))));
	assert_false(aspa_obj_parse(b.p, b.n, &a, err, sizeof(err)));
	assert_non_null(strstr(err, "ascending"));
	b = tl(DER_SEQUENCE, cat(cat(tl(DER_CTX0, integer(1)), integer(5)),
	    tl(DER_SEQUENCE, cat(integer(5), integer(6)))));
	assert_false(aspa_obj_parse(b.p, b.n, &a, err, sizeof(err)));
	assert_non_null(strstr(err, "own provider"));
	b = tl(DER_SEQUENCE, cat(cat(tl(DER_CTX0, integer(0)), integer(5)),
	    tl(DER_SEQUENCE, tl(DER_SEQUENCE, integer(6)))));
	assert_false(aspa_obj_parse(b.p, b.n, &a, err, sizeof(err)));
	b = tl(DER_SEQUENCE, cat(cat(tl(DER_CTX0, integer(2)), integer(5)),
	    tl(DER_SEQUENCE, integer(6))));
	assert_false(aspa_obj_parse(b.p, b.n, &a, err, sizeof(err)));
	b = tl(DER_SEQUENCE, cat(integer(5), tl(DER_SEQUENCE, raw("", 0))));
	assert_false(aspa_obj_parse(b.p, b.n, &a, err, sizeof(err)));
	assert_null(a);
}

/* ---- real objects ---- */

static bool
load(const char *path, struct rpki_obj *o)
{
	char err[256];
	uint8_t *buf;
	size_t len;
	bool ok;

	assert_true(rpki_file_read(path, &buf, &len, err, sizeof(err)));
	ok = rpki_obj_parse(buf, len, o, err, sizeof(err));
	if (!ok)
		fprintf(stderr, "%s: %s\n", path, err);
	free(buf);
	return ok;
}

static void
file_sha256(const char *path, uint8_t out[32])
{
	char err[256];
	uint8_t *buf;
	size_t len;
	unsigned int n = 32;

	assert_true(rpki_file_read(path, &buf, &len, err, sizeof(err)));
	assert_int_equal(EVP_Digest(buf, len, out, &n, EVP_sha256(), NULL), 1);
	free(buf);
}

static const struct mft_file *
mft_find(const struct mft *m, const char *name)
{
	size_t i;

	for (i = 0; i < m->nfiles; i++)
		if (strcmp(m->files[i].name, name) == 0)
			return &m->files[i];
	return NULL;
}

static void
test_real_roa(void **state)
{
	static const uint8_t ski[] = { 0x61, 0x87, 0x9C, 0x60, 0xA5, 0x35,
	    0x23, 0xA4, 0x7E, 0x84, 0x7A, 0x71, 0x0E, 0xB3, 0x87, 0xEF, 0xFC,
	    0xF3, 0xC9, 0x5C };
	struct rpki_obj o;
	struct prefix p;
	char buf[PREFIX_STRLEN], err[256];
	const char *why;
	uint8_t *raw_;
	size_t len, i;

	(void)state;
	assert_true(load(T "rpkirs_repository_example-ripe.roa", &o));
	assert_int_equal(o.kind, RPKI_OBJ_SIGNED);
	assert_int_equal(o.so.type, SIGOBJ_ROA);
	assert_true(o.so.sig_ok);
	assert_int_equal(o.so.ee.kind, CERT_EE);
	assert_int_equal(o.so.ee.skilen, sizeof(ski));
	assert_memory_equal(o.so.ee.ski, ski, sizeof(ski));
	assert_string_equal(o.so.ee.serial, "03C7D806");
	assert_int_equal(o.roa->asid, 209870);
	assert_int_equal(o.roa->nips, 1);
	prefix_fmt(&o.roa->ips[0].pfx, buf);
	assert_string_equal(buf, "2a0c:b642:fc0::/43");
	assert_int_equal(o.roa->ips[0].maxlen, 43);
	assert_true(cert_holds_prefix(&o.so.ee, &o.roa->ips[0].pfx));
	assert_true(prefix_parse("2a0c:b642::/32", 14, &p, &why));
	assert_false(cert_holds_prefix(&o.so.ee, &p));
	assert_true(prefix_parse("2a0c:b642:fc0::/48", 18, &p, &why));
	assert_true(cert_holds_prefix(&o.so.ee, &p));
	rpki_obj_clear(&o);

	/* A flipped signature byte: still decodes, signature fails. */
	assert_true(rpki_file_read(T "rpkirs_repository_example-ripe.roa",
	    &raw_, &len, err, sizeof(err)));
	raw_[len - 20] ^= 1;
	assert_true(rpki_obj_parse(raw_, len, &o, err, sizeof(err)));
	assert_false(o.so.sig_ok);
	assert_non_null(strstr(o.so.sig_err, "signature"));
	rpki_obj_clear(&o);
	/* A flipped eContent byte (the ASN): the message digest fails. */
	raw_[len - 20] ^= 1;
	for (i = 0; i + 4 < len; i++)
		if (memcmp(raw_ + i, "\x02\x03\x03\x33\xce", 5) == 0)
			break;
	assert_true(i + 4 < len);	/* INTEGER 209870 = 03 33 CE */
	raw_[i + 3] ^= 0x01;
	assert_true(rpki_obj_parse(raw_, len, &o, err, sizeof(err)));
	assert_false(o.so.sig_ok);
	assert_int_equal(o.roa->asid, 209870 ^ 0x100);
	rpki_obj_clear(&o);
	/* Every truncation is refused. */
	for (i = 0; i < len; i += 7)
		assert_false(rpki_obj_parse(raw_, i, &o, err, sizeof(err)));
	free(raw_);
}

static void
test_real_manifests(void **state)
{
	static const struct {
		const char *mft, *name, *file;
	} cases[] = {
		{ T "rpkirs_repository_ta.mft", "ripe-ncc-ta.crl",
		  T "rpkirs_repository_ta.crl" },
		{ T "rpkirs_repository_ta.mft",
		  "2a7dd1d787d793e4c8af56e197d4eed92af6ba13.cer",
		  T "rpkirs_repository_ca1.cer" },
		{ T "rpkirs_repository_ca1.mft",
		  "Kn3R14fXk-TIr1bhl9Tu2Sr2uhM.crl",
		  T "rpkirs_repository_ca1.crl" },
	};
	const struct mft_file *f;
	struct rpki_obj o;
	struct prefix p;
	const char *why;
	uint8_t h[32];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_true(load(cases[i].mft, &o));
		assert_int_equal(o.so.type, SIGOBJ_MFT);
		assert_true(o.so.sig_ok);
		f = mft_find(o.mft, cases[i].name);
		assert_non_null(f);
		file_sha256(cases[i].file, h);
		assert_memory_equal(f->hash, h, 32);
		rpki_obj_clear(&o);
	}
	assert_true(load(T "rpkirs_repository_ca1.mft", &o));
	assert_string_equal(o.mft->number, "06A9");
	assert_int_equal(o.mft->nfiles, 3);
	/* Its EE certificate inherits everything: nothing is held here. */
	assert_int_equal(o.so.ee.res[0].type, RES_IP_INHERIT);
	assert_true(prefix_parse("10.0.0.0/8", 10, &p, &why));
	assert_false(cert_holds_prefix(&o.so.ee, &p));
	rpki_obj_clear(&o);
}

static void
test_real_certs_crls_aspa(void **state)
{
	struct rpki_obj o;
	char buf[PREFIX_STRLEN];

	(void)state;
	assert_true(load(T "rpkirs_repository_ta.cer", &o));
	assert_int_equal(o.kind, RPKI_OBJ_CERT);
	assert_int_equal(o.cert->kind, CERT_CA);
	assert_int_equal(o.cert->not_after, 4667553595);
	assert_string_equal(o.cert->subject, "CN=ripe-ncc-ta");
	assert_int_equal(o.cert->nres, 3);
	assert_int_equal(o.cert->res[0].type, RES_IP_PREFIX);
	prefix_fmt(&o.cert->res[1].pfx, buf);
	assert_string_equal(buf, "::/0");
	assert_int_equal(o.cert->res[2].type, RES_AS);
	assert_int_equal(o.cert->res[2].as_max, UINT32_MAX);
	assert_string_equal(o.cert->sia_mft,
	    "rsync://rpki.ripe.net/repository/ripe-ncc-ta.mft");
	rpki_obj_clear(&o);

	assert_true(load(T "rpkirs_repository_router.cer", &o));
	assert_int_equal(o.cert->kind, CERT_ROUTER);
	assert_int_equal(o.cert->nres, 2);
	assert_int_equal(o.cert->res[0].as_min, 3000);
	assert_int_equal(o.cert->res[0].as_max, 9001);
	rpki_obj_clear(&o);

	assert_true(load(T "rpkirs_repository_ta.crl", &o));
	assert_int_equal(o.kind, RPKI_OBJ_CRL);
	assert_string_equal(o.crl->number, "32");
	assert_int_equal(o.crl->nentries, 6);
	assert_string_equal(o.crl->entries[5].serial, "D5");
	assert_int_equal(o.crl->this_update, 1551186884);
	rpki_obj_clear(&o);

	assert_true(load(T "rpkirs_repository_aspa-bm.asa", &o));
	assert_int_equal(o.so.type, SIGOBJ_ASPA);
	assert_true(o.so.sig_ok);
	assert_int_equal(o.aspa->customer, 65000);
	assert_int_equal(o.aspa->nproviders, 2);
	assert_int_equal(o.aspa->providers[1].asid, 65002);
	assert_int_equal(o.aspa->providers[1].afi, AFI_IPV4);
	rpki_obj_clear(&o);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_der_lengths),
		cmocka_unit_test(test_der_integers),
		cmocka_unit_test(test_der_times),
		cmocka_unit_test(test_roa_handmade),
		cmocka_unit_test(test_roa_mutations),
		cmocka_unit_test(test_mft_handmade),
		cmocka_unit_test(test_aspa_handmade),
		cmocka_unit_test(test_real_roa),
		cmocka_unit_test(test_real_manifests),
		cmocka_unit_test(test_real_certs_crls_aspa),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
