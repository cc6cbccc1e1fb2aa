/*
 * SLURM (RFC 8416): the RFC's own example (3.5, written here by hand),
 * real files in testdata/rpki, hostile input that must be refused with
 * the file, line, JSON path and reason, and the filters and assertions
 * applied to VRP sets, checked against a naive scan on random sets.
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

#include "base/log.h"
#include "formats/slurm.h"
#include "formats/vrp.h"
#include "rpki/slurm_apply.h"

#define T	"testdata/rpki/"
#define SHARED	"../shared/data/rpki/"

/* base64url of the bytes 01..14 and a0..b3 (20 bytes each). */
#define SKI_A	"AQIDBAUGBwgJCgsMDQ4PEBESExQ"
#define SKI_B	"oKGio6SlpqeoqaqrrK2ur7CxsrM"
/* A P-256 SubjectPublicKeyInfo (openssl ec -pubout -outform DER). */
#define SPKI	"MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEj3NmMdNi98akWnffIoe0wNRl" \
		"kXiEaNEzRR27TuMRqOuVlP_sKsgiv1-GVCoPZEx0xq0YcGoL9YUnkv67bMMWrQ"

/* A P-384 key: a valid SPKI, but not a BGPsec key. */
#define SPKI_P384 "MHYwEAYHKoZIzj0CAQYFK4EEACIDYgAE4ZQQnJwvOpTtktyhxSdHpnCdDGFLOh" \
		"lBMdj7hjAhBH5nlEC2HgZInwdPUxMPho9QMHfNLNyuE2sAVeq4Sohe3eI6zep" \
		"CfG3eWHKsDaGN30rRRVDtiV3NksAa5ke0gfcD"

/*
 * RFC 8416 section 3.5, "Example SLURM File", as the RFC prints it but
 * with its "<some base64 SKI>" and "<some base64 public key>"
 * placeholders filled in with real values.
 */
static const char rfc_example[] =
    "{\n"
    "  \"slurmVersion\": 1,\n"
    "  \"validationOutputFilters\": {\n"
    "    \"prefixFilters\": [\n"
    "      {\n"
    "        \"prefix\": \"192.0.2.0/24\",\n"
    "        \"comment\": \"All VRPs encompassed by prefix\"\n"
    "      },\n"
    "      {\n"
    "        \"asn\": 64496,\n"
    "        \"comment\": \"All VRPs matching ASN\"\n"
    "      },\n"
    "      {\n"
    "        \"prefix\": \"198.51.100.0/24\",\n"
    "        \"asn\": 64497,\n"
    "        \"comment\": \"All VRPs encompassed by prefix, matching ASN\"\n"
    "      }\n"
    "    ],\n"
    "    \"bgpsecFilters\": [\n"
    "      {\n"
    "        \"asn\": 64496,\n"
    "        \"comment\": \"All keys for ASN\"\n"
    "      },\n"
    "      {\n"
    "        \"SKI\": \"" SKI_A "\",\n"
    "        \"comment\": \"Key matching Router SKI\"\n"
    "      },\n"
    "      {\n"
    "        \"asn\": 64497,\n"
    "        \"SKI\": \"" SKI_B "\",\n"
    "        \"comment\": \"Key for ASN 64497 matching Router SKI\"\n"
    "      }\n"
    "    ]\n"
    "  },\n"
    "  \"locallyAddedAssertions\": {\n"
    "    \"prefixAssertions\": [\n"
    "      {\n"
    "        \"asn\": 64496,\n"
    "        \"prefix\": \"198.51.100.0/24\",\n"
    "        \"comment\": \"My other important route\"\n"
    "      },\n"
    "      {\n"
    "        \"asn\": 64496,\n"
    "        \"prefix\": \"2001:DB8::/32\",\n"
    "        \"maxPrefixLength\": 48,\n"
    "        \"comment\": \"My other important de-aggregated routes\"\n"
    "      }\n"
    "    ],\n"
    "    \"bgpsecAssertions\": [\n"
    "      {\n"
    "        \"asn\": 64496,\n"
    "        \"comment\" : \"My known key for my important ASN\",\n"
    "        \"SKI\": \"" SKI_A "\",\n"
    "        \"routerPublicKey\": \"" SPKI "\"\n"
    "      }\n"
    "    ]\n"
    "  }\n"
    "}\n";

static int
read_str(const char *text, unsigned flags, struct slurm *s,
    struct slurm_errors *e)
{
	int fd = memfd_create("slurm-test", 0);
	size_t n = strlen(text);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, n), (ssize_t)n);
	assert_int_equal(lseek(fd, 0, SEEK_SET), 0);
	memset(e, 0, sizeof(*e));
	return slurm_read_fd(fd, "mem", flags, s, e);
}

static struct prefix
pfx(const char *s)
{
	struct prefix p;
	const char *why = NULL;

	assert_true(prefix_parse(s, strlen(s), &p, &why));
	return p;
}

static void
add(struct vrp_set *set, const char *p, unsigned maxlen, uint32_t asn)
{
	struct vrp v;

	memset(&v, 0, sizeof(v));
	v.pfx = pfx(p);
	v.maxlen = (uint8_t)maxlen;
	v.asn = asn;
	assert_true(vrp_set_add(set, &v));
}

static bool
has(const struct vrp_set *set, const char *p, unsigned maxlen, uint32_t asn)
{
	struct prefix q = pfx(p);
	size_t i;

	for (i = 0; i < set->nvrps; i++)
		if (prefix_equal(&set->vrps[i].pfx, &q) &&
		    set->vrps[i].maxlen == maxlen && set->vrps[i].asn == asn)
			return true;
	return false;
}

static void
add_key(struct vrp_set *set, uint32_t asn, uint8_t ski0)
{
	static uint8_t spki[3] = { 0x30, 0x01, 0x00 };
	struct router_key k;

	memset(&k, 0, sizeof(k));
	k.asn = asn;
	memset(k.ski, ski0, sizeof(k.ski));
	k.spki = spki;
	k.spki_len = sizeof(spki);
	assert_true(vrp_set_add_key(set, &k));
}

static void
test_rfc_example(void **state)
{
	struct slurm s;
	struct slurm_errors e;
	char buf[PREFIX_STRLEN];
	size_t i;

	(void)state;
	assert_int_equal(read_str(rfc_example, 0, &s, &e), 0);
	assert_int_equal(e.errors, 0);
	assert_int_equal(s.npfx_filters, 3);
	prefix_fmt(&s.pfx_filters[0].pfx, buf);
	assert_string_equal(buf, "192.0.2.0/24");
	assert_false(s.pfx_filters[0].has_asn);
	assert_int_equal(s.pfx_filters[1].pfx.afi, AFI_NONE);
	assert_true(s.pfx_filters[1].has_asn);
	assert_int_equal(s.pfx_filters[1].asn, 64496);
	assert_true(s.pfx_filters[2].has_asn);
	assert_int_equal(s.pfx_filters[2].asn, 64497);

	assert_int_equal(s.nkey_filters, 3);
	assert_true(s.key_filters[0].has_asn && !s.key_filters[0].has_ski);
	assert_true(!s.key_filters[1].has_asn && s.key_filters[1].has_ski);
	for (i = 0; i < ROUTER_SKI_LEN; i++) {
		assert_int_equal(s.key_filters[1].ski[i], i + 1);
		assert_int_equal(s.key_filters[2].ski[i], 0xa0 + i);
	}
	assert_int_equal(s.npfx_asserts, 2);
	prefix_fmt(&s.pfx_asserts[0].pfx, buf);
	assert_string_equal(buf, "198.51.100.0/24");
	assert_int_equal(s.pfx_asserts[0].maxlen, 24);	/* absent: the length */
	prefix_fmt(&s.pfx_asserts[1].pfx, buf);
	assert_string_equal(buf, "2001:db8::/32");
	assert_int_equal(s.pfx_asserts[1].maxlen, 48);
	assert_int_equal(s.nkey_asserts, 1);
	assert_int_equal(s.key_asserts[0].asn, 64496);
	assert_int_equal(s.key_asserts[0].spki_len, 91);
	assert_int_equal(s.key_asserts[0].spki[0], 0x30);
	assert_int_equal(s.key_asserts[0].spki[1], 0x59);
	slurm_free(&s);
}

/* What the RFC example does to a VRP set, worked out by hand from 3.3. */
static void
test_rfc_example_apply(void **state)
{
	struct slurm s;
	struct slurm_errors e;
	struct slurm_counts c;
	struct vrp_set set;

	(void)state;
	assert_int_equal(read_str(rfc_example, 0, &s, &e), 0);
	vrp_set_init(&set);
	add(&set, "192.0.2.0/24", 24, 65000);	/* prefix filter: equal */
	add(&set, "192.0.2.128/25", 25, 65001);	/* covered */
	add(&set, "192.0.0.0/16", 24, 65002);	/* less specific: kept */
	add(&set, "203.0.113.0/24", 24, 64496);	/* AS filter */
	add(&set, "198.51.100.0/25", 25, 64497); /* prefix and AS */
	add(&set, "198.51.100.0/24", 24, 64498); /* prefix, other AS: kept */
	add(&set, "198.51.0.0/16", 24, 64497);	/* AS, not covered: kept */
	add(&set, "2001:db8::/32", 48, 64496);	/* AS filter, re-asserted */
	add(&set, "2001:db8::/32", 32, 65003);	/* kept */
	add_key(&set, 64496, 0x11);		/* AS filter */
	add_key(&set, 65000, 0x01);		/* all 0x01: not SKI_A */
	add_key(&set, 64497, 0xa0);		/* not SKI_B (all 0xa0) */
	slurm_apply(&s, &set, &c);
	assert_int_equal(c.vrps_filtered, 5);
	assert_int_equal(c.vrps_added, 2);
	assert_int_equal(c.vrps_present, 0);
	assert_int_equal(set.nvrps, 6);
	assert_true(has(&set, "192.0.0.0/16", 24, 65002));
	assert_true(has(&set, "198.51.100.0/24", 24, 64498));
	assert_true(has(&set, "198.51.0.0/16", 24, 64497));
	assert_true(has(&set, "2001:db8::/32", 32, 65003));
	/* Assertions are added after the filters, which do not touch them. */
	assert_true(has(&set, "198.51.100.0/24", 24, 64496));
	assert_true(has(&set, "2001:db8::/32", 48, 64496));
	assert_false(has(&set, "192.0.2.0/24", 24, 65000));
	assert_false(has(&set, "192.0.2.128/25", 25, 65001));
	assert_false(has(&set, "203.0.113.0/24", 24, 64496));
	assert_false(has(&set, "198.51.100.0/25", 25, 64497));
	assert_int_equal(c.keys_filtered, 1);
	assert_int_equal(c.keys_added, 1);
	assert_int_equal(set.nkeys, 3);
	assert_int_equal(set.keys[0].asn, 65000);
	assert_int_equal(set.keys[1].asn, 64497);
	assert_int_equal(set.keys[2].asn, 64496);
	assert_int_equal(set.keys[2].spki_len, 91);
	/*
	 * Applying again: the AS 64496 filter now removes both assertions
	 * (and the asserted key) and they come back: the same set.
	 */
	slurm_apply(&s, &set, &c);
	assert_int_equal(c.vrps_filtered, 2);
	assert_int_equal(c.vrps_added, 2);
	assert_int_equal(c.keys_filtered, 1);
	assert_int_equal(c.keys_added, 1);
	assert_int_equal(set.nvrps, 6);
	assert_int_equal(set.nkeys, 3);
	slurm_free(&s);
	vrp_set_free(&set);
}

static void
test_bgpsec_filters(void **state)
{
	struct slurm s;
	struct slurm_errors e;
	struct slurm_counts c;
	struct vrp_set set;
	char text[1024];

	(void)state;
	snprintf(text, sizeof(text), "{\"slurmVersion\":1,"
	    "\"validationOutputFilters\":{\"prefixFilters\":[],"
	    "\"bgpsecFilters\":[{\"SKI\":\"%s\"},{\"asn\":7,\"SKI\":\"%s\"}]},"
	    "\"locallyAddedAssertions\":{\"prefixAssertions\":[],"
	    "\"bgpsecAssertions\":[{\"asn\":1,\"SKI\":\"%s\","
	    "\"routerPublicKey\":\"%s\"},{\"asn\":1,\"SKI\":\"%s\","
	    "\"routerPublicKey\":\"%s\"}]}}", SKI_A, SKI_B, SKI_A, SPKI,
	    SKI_A, SPKI);
	assert_int_equal(read_str(text, 0, &s, &e), 0);
	vrp_set_init(&set);
	add_key(&set, 5, 0x01);
	set.keys[0].ski[19] = 0x14;	/* not SKI_A: only byte 19 differs */
	add_key(&set, 6, 0x01);
	memcpy(set.keys[1].ski, "\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a"
	    "\x0b\x0c\x0d\x0e\x0f\x10\x11\x12\x13\x14", 20);	/* SKI_A */
	add_key(&set, 7, 0x00);
	memcpy(set.keys[2].ski, "\xa0\xa1\xa2\xa3\xa4\xa5\xa6\xa7\xa8\xa9"
	    "\xaa\xab\xac\xad\xae\xaf\xb0\xb1\xb2\xb3", 20);	/* SKI_B, AS 7 */
	add_key(&set, 8, 0x00);
	memcpy(set.keys[3].ski, set.keys[2].ski, 20);	/* SKI_B, AS 8 */
	slurm_apply(&s, &set, &c);
	assert_int_equal(c.keys_filtered, 2);
	assert_int_equal(c.keys_added, 1);
	assert_int_equal(c.keys_present, 1);	/* given twice */
	assert_int_equal(set.nkeys, 3);
	assert_int_equal(set.keys[0].asn, 5);
	assert_int_equal(set.keys[1].asn, 8);
	assert_int_equal(set.keys[2].asn, 1);
	assert_int_equal(set.keys[2].spki_len, 91);
	assert_memory_equal(set.keys[2].spki, "\x30\x59\x30\x13", 4);
	slurm_free(&s);
	vrp_set_free(&set);
}

static void
test_assertion_dedup(void **state)
{
	static const char text[] = "{\"slurmVersion\":1,"
	    "\"validationOutputFilters\":{\"prefixFilters\":[{\"prefix\":"
	    "\"10.0.0.0/8\"}],\"bgpsecFilters\":[]},"
	    "\"locallyAddedAssertions\":{\"prefixAssertions\":["
	    "{\"asn\":1,\"prefix\":\"10.1.0.0/16\"},"	/* filtered prefix */
	    "{\"asn\":2,\"prefix\":\"11.0.0.0/8\",\"maxPrefixLength\":8},"
	    "{\"asn\":2,\"prefix\":\"11.0.0.0/8\"},"	/* same as above */
	    "{\"asn\":3,\"prefix\":\"12.0.0.0/8\",\"maxPrefixLength\":24},"
	    "{\"asn\":0,\"prefix\":\"::/0\",\"maxPrefixLength\":128}"
	    "],\"bgpsecAssertions\":[]}}";
	struct slurm s;
	struct slurm_errors e;
	struct slurm_counts c;
	struct vrp_set set;

	(void)state;
	assert_int_equal(read_str(text, 0, &s, &e), 0);
	vrp_set_init(&set);
	add(&set, "10.1.0.0/16", 16, 1);	/* filtered, then asserted */
	add(&set, "12.0.0.0/8", 24, 3);		/* already there */
	slurm_apply(&s, &set, &c);
	assert_int_equal(c.vrps_filtered, 1);
	assert_int_equal(c.vrps_added, 3);
	assert_int_equal(c.vrps_present, 2);
	assert_int_equal(set.nvrps, 4);
	assert_true(has(&set, "12.0.0.0/8", 24, 3));
	assert_true(has(&set, "10.1.0.0/16", 16, 1));
	assert_true(has(&set, "11.0.0.0/8", 8, 2));
	assert_true(has(&set, "::/0", 128, 0));
	slurm_free(&s);
	vrp_set_free(&set);
}

/* Naive: does any filter drop v?  (RFC 8416 3.3.1, read literally.) */
static bool
naive_drop(const struct slurm *s, const struct vrp *v)
{
	size_t i;

	for (i = 0; i < s->npfx_filters; i++) {
		const struct slurm_pfx_filter *f = &s->pfx_filters[i];
		bool p = f->pfx.afi == AFI_NONE || prefix_covers(&f->pfx,
		    &v->pfx);
		bool a = !f->has_asn || f->asn == v->asn;

		if (p && a)
			return true;
	}
	return false;
}

static uint32_t rng = 12345;

static uint32_t
rnd(uint32_t n)
{
	rng = rng * 1103515245u + 12345u;
	return (rng >> 8) % n;
}

static struct prefix
rnd_prefix(void)
{
	struct prefix p;

	memset(&p, 0, sizeof(p));
	p.afi = rnd(4) == 0 ? AFI_IPV6 : AFI_IPV4;
	/* Few distinct top bits, so filters and VRPs overlap often. */
	p.b[0] = (uint8_t)(rnd(4) << 6);
	p.b[1] = (uint8_t)rnd(4);
	p.b[2] = (uint8_t)rnd(256);
	p.len = (uint8_t)rnd(p.afi == AFI_IPV6 ? 40 : 26);
	(void)prefix_mask(&p);
	return p;
}

static void
test_random_against_naive(void **state)
{
	int round;

	(void)state;
	for (round = 0; round < 200; round++) {
		struct slurm s;
		struct slurm_counts c;
		struct vrp_set set;
		size_t i, nf = rnd(12), nv = 1 + rnd(300), kept = 0, j;
		struct vrp *orig;

		memset(&s, 0, sizeof(s));
		s.pfx_filters = calloc(nf + 1, sizeof(*s.pfx_filters));
		for (i = 0; i < nf; i++) {
			unsigned kind = rnd(3);

			if (kind != 1)
				s.pfx_filters[i].pfx = rnd_prefix();
			if (kind != 0) {
				s.pfx_filters[i].has_asn = true;
				s.pfx_filters[i].asn = rnd(8);
			}
		}
		s.npfx_filters = nf;
		vrp_set_init(&set);
		for (i = 0; i < nv; i++) {
			struct vrp v;

			memset(&v, 0, sizeof(v));
			v.pfx = rnd_prefix();
			v.maxlen = v.pfx.len;
			v.asn = rnd(8);
			assert_true(vrp_set_add(&set, &v));
		}
		orig = malloc(nv * sizeof(*orig));
		memcpy(orig, set.vrps, nv * sizeof(*orig));
		slurm_apply(&s, &set, &c);
		/* Exactly the survivors of the naive scan, in order. */
		for (i = 0, j = 0; i < nv; i++) {
			if (naive_drop(&s, &orig[i]))
				continue;
			assert_true(j < set.nvrps);
			assert_memory_equal(&set.vrps[j], &orig[i],
			    sizeof(*orig));
			j++;
			kept++;
		}
		assert_int_equal(set.nvrps, kept);
		assert_int_equal(c.vrps_filtered, nv - kept);
		free(orig);
		slurm_free(&s);
		vrp_set_free(&set);
	}
}

static void
test_real_files(void **state)
{
	struct slurm s;
	struct slurm_errors e;
	char buf[PREFIX_STRLEN];

	(void)state;
	/* The RFC's example with a real router key (router.cer's). */
	memset(&e, 0, sizeof(e));
	assert_int_equal(slurm_read(T "rfc8416_example.json", 0, &s, &e), 0);
	assert_int_equal(s.npfx_filters, 3);
	assert_int_equal(s.nkey_filters, 3);
	assert_int_equal(s.npfx_asserts, 2);
	assert_int_equal(s.nkey_asserts, 1);
	/* openssl x509 -ext subjectKeyIdentifier: F5:F3:C2:DD:...:6B:23 */
	assert_memory_equal(s.key_asserts[0].ski, "\xf5\xf3\xc2\xdd\x2b"
	    "\x91\xbf\x15\x45\x52\xed\xc0\x17\x9b\x58\xdf\xf3\x67\x6b"
	    "\x23", ROUTER_SKI_LEN);
	assert_int_equal(s.key_asserts[0].spki_len, 91);
	slurm_free(&s);
	/* rpki-rs's copy has "Ymx1YmI" ("blubb") as the key: not an SPKI. */
	memset(&e, 0, sizeof(e));
	assert_int_equal(slurm_read(T "rpkirs_slurm_full.json", 0, &s, &e),
	    -1);
	assert_string_equal(e.first, T "rpkirs_slurm_full.json:50: $."
	    "locallyAddedAssertions.bgpsecAssertions[0].routerPublicKey: is "
	    "not a DER SubjectPublicKeyInfo (RFC 8416 3.4.2)");
	memset(&e, 0, sizeof(e));
	assert_int_equal(slurm_read(T "rpkirs_slurm_full.json",
	    SLURM_SKIP_BAD, &s, &e), 0);
	assert_int_equal(e.skipped, 1);
	assert_int_equal(s.npfx_filters + s.nkey_filters + s.npfx_asserts, 8);
	assert_int_equal(s.nkey_asserts, 0);
	slurm_free(&s);

	/* DN42: "source" and "mnt-by" members in every entry: refused... */
	memset(&e, 0, sizeof(e));
	assert_int_equal(slurm_read(T "dn42_export_rfc8416_slurm.first130.json",
	    0, &s, &e), -1);
	assert_string_equal(e.first, T "dn42_export_rfc8416_slurm.first130.json"
	    ":10: $.locallyAddedAssertions.prefixAssertions[0]: unknown member "
	    "\"source\" (RFC 8416 3.1: members not defined there MUST NOT be "
	    "used)");
	assert_int_equal(s.npfx_asserts, 0);
	/* ...unless asked to be lax: entry 123 has "prefix": null. */
	memset(&e, 0, sizeof(e));
	assert_int_equal(slurm_read(T "dn42_export_rfc8416_slurm.first130.json",
	    SLURM_IGNORE_UNKNOWN | SLURM_SKIP_BAD, &s, &e), 0);
	assert_int_equal(e.errors, 0);
	assert_int_equal(e.ignored, 2 * 130);
	assert_int_equal(e.skipped, 1);
	assert_string_equal(e.first, T "dn42_export_rfc8416_slurm.first130.json"
	    ":871: $.locallyAddedAssertions.prefixAssertions[123].prefix: not "
	    "a string");
	assert_int_equal(s.npfx_asserts, 129);
	prefix_fmt(&s.pfx_asserts[0].pfx, buf);
	assert_string_equal(buf, "fd00:114:514::/48");
	assert_int_equal(s.pfx_asserts[0].maxlen, 64);
	assert_int_equal(s.pfx_asserts[0].asn, 4242420916u);
	slurm_free(&s);

	if (access(SHARED "dn42_export_rfc8416_slurm.json", R_OK) != 0) {
		printf("# skipped: " SHARED "dn42_export_rfc8416_slurm.json\n");
		return;
	}
	memset(&e, 0, sizeof(e));
	assert_int_equal(slurm_read(SHARED "dn42_export_rfc8416_slurm.json",
	    SLURM_IGNORE_UNKNOWN | SLURM_SKIP_BAD, &s, &e), 0);
	/* 3,312 entries: one "prefix": null and two "asn": "". */
	assert_int_equal(e.skipped, 3);
	assert_int_equal(s.npfx_asserts, 3309);
	slurm_free(&s);
}

/* Hostile or wrong input: each is refused, the first error as given. */
static const struct {
	const char	*text;
	const char	*first;		/* after "mem" */
} bad[] = {
	{ "", ":1: JSON error at byte 0: '[' or '{' expected near end of "
	    "file" },
	{ "[]", ": $: the top level is not an object" },
	{ "{\"slurmVersion\":1}", ": $: no \"validationOutputFilters\" "
	    "(required)" },
	{ "{\"slurmVersion\":2,\"validationOutputFilters\":{\"prefixFilters\":"
	    "[],\"bgpsecFilters\":[]},\"locallyAddedAssertions\":{"
	    "\"prefixAssertions\":[],\"bgpsecAssertions\":[]}}",
	    ": $.slurmVersion: 2 is not supported (only 1, RFC 8416)" },
	{ "{\"slurmVersion\":\"1\"}", ": $.slurmVersion: not a JSON integer" },
	{ "{\"slurmVersion\":1.0}", ": $.slurmVersion: not a JSON integer" },
	{ "{\"validationOutputFilters\":{}}", ": $: no \"slurmVersion\" "
	    "(required)" },
	{ "{\"slurmVersion\":1,\"slurmVersion\":1}", ":1: JSON error at "
	    "byte 32: duplicate object key near '\"slurmVersion\"'" },
	{ "{\"slurmVersion\":1,\"x\":0}", ": $: unknown member \"x\" (RFC "
	    "8416 3.1: members not defined there MUST NOT be used)" },
	{ "{\"slurmVersion\":1,\"validationOutputFilters\":[]}",
	    ": $.validationOutputFilters: not an object" },
	{ "{\"slurmVersion\":1,\"validationOutputFilters\":{\"prefixFilters\":"
	    "[]}}", ": $.validationOutputFilters: no \"bgpsecFilters\" "
	    "(required; it may be [])" },
	{ "{\"slurmVersion\":1,\"validationOutputFilters\":{\"prefixFilters\":"
	    "{},\"bgpsecFilters\":[]}}", ": $.validationOutputFilters."
	    "prefixFilters: not an array" },
	{ "{\"slurmVersion\":1,\"validationOutputFilters\":{\"prefixFilters\":"
	    "[],\"bgpsecFilters\":[], \"aspaFilters\":[]}}",
	    ": $.validationOutputFilters: unknown member \"aspaFilters\" (RFC "
	    "8416 3.1: members not defined there MUST NOT be used)" },
	{ "{\"slurmVersion\":1,\"comment\":\"\\u0000\"}", ":1: JSON error "
	    "at byte 36: \\u0000 is not allowed without JSON_ALLOW_NUL near "
	    "'\"\\u0000\"'" },
};

/* Bad entries: the text is the element, its array chosen by kind. */
static const struct {
	int		 kind;	/* 0 prefixFilters .. 3 bgpsecAssertions */
	const char	*elem;
	const char	*first;	/* after "$....[0]" */
} bad_elem[] = {
	{ 0, "{\"prefix\":\"192.0.2.1/24\"}", ".prefix: '192.0.2.1/24': host "
	    "bits set past the prefix length" },
	{ 0, "{\"prefix\":\"192.0.2.0/33\"}", ".prefix: '192.0.2.0/33': "
	    "prefix length too long for the family" },
	{ 0, "{\"prefix\":\"192.0.2.0\"}", ".prefix: '192.0.2.0': prefix has "
	    "no /length" },
	{ 0, "{\"prefix\":24}", ".prefix: not a string" },
	{ 0, "{\"comment\":\"nothing\"}", ": neither \"prefix\" nor \"asn\" "
	    "(RFC 8416 3.3.1: one or both are required)" },
	{ 0, "{\"asn\":-1}", ".asn: -1 is not an AS number (0..4294967295)" },
	{ 0, "{\"asn\":4294967296}", ".asn: 4294967296 is not an AS number "
	    "(0..4294967295)" },
	{ 0, "{\"asn\":\"AS64496\"}", ".asn: not a JSON integer" },
	{ 0, "{\"asn\":64496.0}", ".asn: not a JSON integer" },
	{ 0, "{\"asn\":1,\"comment\":7}", ".comment: not a string" },
	{ 0, "{\"asn\":1,\"maxPrefixLength\":24}", ": unknown member "
	    "\"maxPrefixLength\" (RFC 8416 3.1: members not defined there "
	    "MUST NOT be used)" },
	{ 0, "[]", ": not an object" },
	{ 1, "{\"comment\":\"nothing\"}", ": neither \"SKI\" nor \"asn\" "
	    "(RFC 8416 3.3.2: one or both are required)" },
	{ 1, "{\"SKI\":\"" SKI_A "=\"}", ".SKI: '" SKI_A "=' has '=' padding" },
	{ 1, "{\"SKI\":\"+QIDBAUGBwgJCgsMDQ4PEBESExQ\"}", ".SKI: "
	    "'+QIDBAUGBwgJCgsMDQ4PEBESExQ' uses '+' or '/', which are not "
	    "base64url (RFC 4648 5)" },
	{ 1, "{\"SKI\":\"AAAAAAAAAAAAAAAAAAAAAAAAAA\"}", ".SKI: 19 bytes, an "
	    "SKI has 20 (RFC 6487 4.8.2)" },
	{ 1, "{\"SKI\":\"AQIDBAUGBwgJCgsMDQ4PEBESExR\"}", ".SKI: "
	    "'AQIDBAUGBwgJCgsMDQ4PEBESExR' has bits set past its last byte "
	    "(not canonical)" },
	{ 1, "{\"SKI\":\"AQIDB\"}", ".SKI: 'AQIDB' its length is not that of "
	    "any base64 encoding" },
	{ 1, "{\"SKI\":\"\"}", ".SKI: '' empty" },
	{ 1, "{\"SKI\":\"AQ ID\"}", ".SKI: 'AQ ID' has a character that is "
	    "not base64" },
	{ 2, "{\"prefix\":\"10.0.0.0/8\"}", ": no \"asn\" (required)" },
	{ 2, "{\"asn\":1}", ": no \"prefix\" (required)" },
	{ 2, "{\"asn\":1,\"prefix\":\"10.0.0.0/8\",\"maxPrefixLength\":7}",
	    ".maxPrefixLength: 7 is below the prefix length 8 (RFC 8416 "
	    "3.4.1)" },
	{ 2, "{\"asn\":1,\"prefix\":\"10.0.0.0/8\",\"maxPrefixLength\":33}",
	    ".maxPrefixLength: 33 is over the IPv4 maximum 32 (RFC 8416 "
	    "3.4.1)" },
	{ 2, "{\"asn\":1,\"prefix\":\"2001:db8::/32\",\"maxPrefixLength\":129}",
	    ".maxPrefixLength: 129 is over the IPv6 maximum 128 (RFC 8416 "
	    "3.4.1)" },
	{ 2, "{\"asn\":1,\"prefix\":\"10.0.0.0/8\",\"maxPrefixLength\":\"8\"}",
	    ".maxPrefixLength: not a JSON integer" },
	{ 2, "{\"asn\":1,\"prefix\":\"10.0.0.0/8\",\"maxPrefixLength\":-1}",
	    ".maxPrefixLength: -1 is below the prefix length 8 (RFC 8416 "
	    "3.4.1)" },
	{ 2, "{\"asn\":1,\"prefix\":\"2001:db8::1/32\"}", ".prefix: "
	    "'2001:db8::1/32': host bits set past the prefix length" },
	{ 3, "{\"asn\":1,\"SKI\":\"" SKI_A "\"}", ": no \"routerPublicKey\" "
	    "(required)" },
	{ 3, "{\"asn\":1,\"routerPublicKey\":\"AQID\"}", ": no \"SKI\" "
	    "(required)" },
	{ 3, "{\"SKI\":\"" SKI_A "\",\"routerPublicKey\":\"AQID\"}",
	    ": no \"asn\" (required)" },
	{ 3, "{\"asn\":1,\"SKI\":\"" SKI_A "\",\"routerPublicKey\":\"\"}",
	    ".routerPublicKey: '' empty" },
	{ 3, "{\"asn\":1,\"SKI\":\"" SKI_A "\",\"routerPublicKey\":"
	    "\"Ymx1YmI\"}", ".routerPublicKey: is not a DER "
	    "SubjectPublicKeyInfo (RFC 8416 3.4.2)" },
	{ 3, "{\"asn\":1,\"SKI\":\"" SKI_A "\",\"routerPublicKey\":\""
	    SPKI "A\"}", ".routerPublicKey: has bytes after the "
	    "SubjectPublicKeyInfo" },
	{ 3, "{\"asn\":1,\"SKI\":\"" SKI_A "\",\"routerPublicKey\":\""
	    SPKI_P384 "\"}", ".routerPublicKey: is not an ECDSA P-256 key "
	    "(RFC 8208 3.1)" },
};

static const char *const kinds[4] = {
	"validationOutputFilters.prefixFilters",
	"validationOutputFilters.bgpsecFilters",
	"locallyAddedAssertions.prefixAssertions",
	"locallyAddedAssertions.bgpsecAssertions",
};

static void
test_hostile(void **state)
{
	char text[2048], want[1024];
	struct slurm s;
	struct slurm_errors e;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(want, sizeof(want), "mem%s", bad[i].first);
		assert_int_equal(read_str(bad[i].text, 0, &s, &e), -1);
		assert_true(e.errors > 0);
		assert_string_equal(e.first, want);
		assert_int_equal(s.npfx_asserts + s.npfx_filters, 0);
	}
	for (i = 0; i < sizeof(bad_elem) / sizeof(bad_elem[0]); i++) {
		int k = bad_elem[i].kind;

		static const int line[4] = { 3, 4, 6, 7 };

		snprintf(text, sizeof(text), "{\"slurmVersion\":1,\n"
		    "\"validationOutputFilters\":{\"prefixFilters\":[\n"
		    "%s],\"bgpsecFilters\":[\n%s]},\n"
		    "\"locallyAddedAssertions\":{\"prefixAssertions\":[\n"
		    "%s],\"bgpsecAssertions\":[\n%s]}}",
		    k == 0 ? bad_elem[i].elem : "",
		    k == 1 ? bad_elem[i].elem : "",
		    k == 2 ? bad_elem[i].elem : "",
		    k == 3 ? bad_elem[i].elem : "");
		snprintf(want, sizeof(want), "mem:%d: $.%s[0]%s", line[k],
		    kinds[k], bad_elem[i].first);
		assert_int_equal(read_str(text, 0, &s, &e), -1);
		assert_string_equal(e.first, want);
		/* Lax: the entry is skipped or the member ignored; counted. */
		assert_int_equal(read_str(text, SLURM_IGNORE_UNKNOWN |
		    SLURM_SKIP_BAD, &s, &e), 0);
		assert_int_equal(e.errors, 0);
		assert_int_equal(e.skipped + e.ignored, 1);
		slurm_free(&s);
	}
}

/* Lines of entries found by the skim, with strings holding brackets. */
static void
test_lines(void **state)
{
	static const char text[] = "{\"slurmVersion\":1,"
	    "\"validationOutputFilters\":{\"prefixFilters\":[],"
	    "\"bgpsecFilters\":[]},\"locallyAddedAssertions\":{"
	    "\"bgpsecAssertions\":[],\n"
	    "\"prefixAssertions\":[{\"asn\":1,\"prefix\":\"10.0.0.0/8\","
	    "\"comment\":\"[{\\\"x\\\",\\n\"},\n"
	    "\n"
	    "{\"asn\":2,\"prefix\":\"10.0.0.0/8\",\"comment\":\"],}\"},"
	    "{\"asn\":3,\"prefix\":\"10.0.0.1/8\"}]}}";
	struct slurm s;
	struct slurm_errors e;

	(void)state;
	assert_int_equal(read_str(text, 0, &s, &e), -1);
	assert_string_equal(e.first, "mem:4: $.locallyAddedAssertions."
	    "prefixAssertions[2].prefix: '10.0.0.1/8': host bits set past "
	    "the prefix length");
}

/*
 * rpki-client writes a router key's SKI in hex, SLURM in base64url: a
 * SLURM filter on router.cer's SKI must remove rpki-client's copy of it.
 */
static void
test_filter_rpki_client_keys(void **state)
{
	static const char json[] = "{\"roas\":[],\"bgpsec_keys\":["
	    "{\"asn\":199664,\"ski\":\"F5F3C2DD2B91BF154552EDC0179B58DFF3676B23\","
	    "\"pubkey\":\"MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEe86znhVLHsFdcdFtHI"
	    "zA32JAOd7BplQk65SQW7vpv+ei/hpdF/pSVMwircGhygG2dE7PeEnBycjB2X6tYbLH"
	    "Rw==\"},{\"asn\":199664,\"ski\":"
	    "\"00F3C2DD2B91BF154552EDC0179B58DFF3676B23\",\"pubkey\":\"AQ==\"}]}";
	static const char filt[] = "{\"slurmVersion\":1,"
	    "\"validationOutputFilters\":{\"prefixFilters\":[],"
	    "\"bgpsecFilters\":[{\"SKI\":\"9fPC3SuRvxVFUu3AF5tY3_NnayM\"}]},"
	    "\"locallyAddedAssertions\":{\"prefixAssertions\":[],"
	    "\"bgpsecAssertions\":[]}}";
	struct vrp_set set;
	struct vrp_errors ve;
	struct slurm s;
	struct slurm_errors e;
	struct slurm_counts c;
	int fd = memfd_create("keys", 0);

	(void)state;
	assert_true(fd >= 0);
	assert_int_equal(write(fd, json, strlen(json)), (ssize_t)strlen(json));
	assert_int_equal(lseek(fd, 0, SEEK_SET), 0);
	vrp_set_init(&set);
	memset(&ve, 0, sizeof(ve));
	assert_int_equal(vrp_read_fd(fd, "keys", &set, &ve), 0);
	assert_int_equal(set.nkeys, 2);
	assert_int_equal(read_str(filt, 0, &s, &e), 0);
	slurm_apply(&s, &set, &c);
	assert_int_equal(c.keys_filtered, 1);
	assert_int_equal(set.nkeys, 1);
	assert_int_equal(set.keys[0].ski[0], 0x00);
	slurm_free(&s);
	vrp_set_free(&set);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rfc_example),
		cmocka_unit_test(test_rfc_example_apply),
		cmocka_unit_test(test_bgpsec_filters),
		cmocka_unit_test(test_assertion_dedup),
		cmocka_unit_test(test_random_against_naive),
		cmocka_unit_test(test_real_files),
		cmocka_unit_test(test_hostile),
		cmocka_unit_test(test_lines),
		cmocka_unit_test(test_filter_rpki_client_keys),
	};

	log_verbose = -1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
