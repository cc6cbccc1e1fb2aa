/*
 * VRP list readers: the real samples in testdata/rpki (and the full files
 * in ../shared/data/rpki when present), synthetic CSV, ASPA, and hostile
 * input that must be rejected with a clear message.
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
#include "formats/vrp.h"

#define T	"testdata/rpki/"
#define SHARED	"../shared/data/rpki/"

/* Read text through a memfd, as a file would be. */
static int
read_mem(const char *text, size_t n, struct vrp_set *s, struct vrp_errors *e)
{
	int fd = memfd_create("vrp-test", 0);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, n), (ssize_t)n);
	assert_int_equal(lseek(fd, 0, SEEK_SET), 0);
	return vrp_read_fd(fd, "mem", s, e);
}

static int
read_str(const char *text, struct vrp_set *s, struct vrp_errors *e)
{
	vrp_set_init(s);
	memset(e, 0, sizeof(*e));
	return read_mem(text, strlen(text), s, e);
}

static void
assert_vrp(const struct vrp_set *s, size_t i, const char *pfx,
    unsigned maxlen, uint32_t asn)
{
	char buf[PREFIX_STRLEN];

	assert_true(i < s->nvrps);
	prefix_fmt(&s->vrps[i].pfx, buf);
	assert_string_equal(buf, pfx);
	assert_int_equal(s->vrps[i].maxlen, maxlen);
	assert_int_equal(s->vrps[i].asn, asn);
}

static bool
drop_as1(const struct vrp *v, void *arg)
{
	(void)arg;
	return v->asn == 1;
}

static bool
have(const char *path)
{
	if (access(path, R_OK) == 0)
		return true;
	printf("# skipped: %s not present\n", path);
	return false;
}

static void
test_rpki_client_json(void **state)
{
	struct vrp_set s;
	struct vrp_errors e;

	(void)state;
	vrp_set_init(&s);
	memset(&e, 0, sizeof(e));
	assert_int_equal(vrp_read(T "arouteserver_rpki-client_expired.json",
	    &s, &e), 0);
	assert_int_equal(s.format, VRP_FMT_JSON);
	assert_int_equal(s.nvrps, 1);
	assert_int_equal(e.total, 0);
	assert_vrp(&s, 0, "1.0.0.0/24", 24, 13335);
	assert_string_equal(vrp_ta(&s, &s.vrps[0]), "apnic");
	vrp_set_free(&s);
	vrp_set_free(&s);	/* freeing twice is harmless */
}

static void
test_gortr_json(void **state)
{
	struct vrp_set s;
	struct vrp_errors e;

	(void)state;
	vrp_set_init(&s);
	memset(&e, 0, sizeof(e));
	assert_int_equal(vrp_read(T "dn42_export_gortr.first250.json", &s,
	    &e), 0);
	/* Element 123 has "prefix": null in the real file. */
	assert_int_equal(s.nvrps, 249);
	assert_int_equal(e.total, 1);
	assert_int_equal(e.rejected[VRP_REJ_SYNTAX], 1);
	assert_non_null(strstr(e.first, "roas[123]"));
	assert_non_null(strstr(e.first, "prefix"));
	assert_vrp(&s, 0, "fd00:114:514::/48", 64, 4242420916u);
	assert_string_equal(vrp_ta(&s, &s.vrps[0]), "DN42");
	assert_vrp(&s, 248, "fd1d:8832:3c69::/48", 64, 4242420488u);
	vrp_set_free(&s);
}

static void
test_scan_roas(void **state)
{
	struct vrp_set s;
	struct vrp_errors e;
	size_t i;
	bool found = false;

	(void)state;
	vrp_set_init(&s);
	memset(&e, 0, sizeof(e));
	assert_int_equal(vrp_read(T "compress_roas_vrps_2017-06-01.head400.txt",
	    &s, &e), 0);
	assert_int_equal(s.format, VRP_FMT_SCAN_ROAS);
	assert_int_equal(e.total, 0);
	assert_int_equal(s.nvrps, 1741);	/* awk: prefixes on 400 lines */
	assert_vrp(&s, 0, "193.104.146.0/24", 24, 44018);
	for (i = 0; i < s.nvrps; i++) {
		char buf[PREFIX_STRLEN];

		prefix_fmt(&s.vrps[i].pfx, buf);
		if (strcmp(buf, "85.158.248.0/21") == 0) {
			assert_int_equal(s.vrps[i].maxlen, 24);
			assert_int_equal(s.vrps[i].asn, 21155);
			found = true;
		}
	}
	assert_true(found);
	vrp_set_free(&s);
}

static void
test_shared_files(void **state)
{
	struct vrp_set s;
	struct vrp_errors e;

	(void)state;
	if (have(SHARED "compress_roas_vrps_2017-06-01.txt")) {
		vrp_set_init(&s);
		memset(&e, 0, sizeof(e));
		assert_int_equal(vrp_read(SHARED
		    "compress_roas_vrps_2017-06-01.txt", &s, &e), 0);
		/* SOURCES.md: 7,499 ROAs / 40,841 prefixes. */
		assert_int_equal(s.nvrps, 40841);
		assert_int_equal(e.total, 0);
		vrp_set_free(&s);
	}
	if (have(SHARED "dn42_export_gortr.json")) {
		vrp_set_init(&s);
		memset(&e, 0, sizeof(e));
		assert_int_equal(vrp_read(SHARED "dn42_export_gortr.json", &s,
		    &e), 0);
		/* 3,312 entries: one "prefix": null, two "asn": "AS". */
		assert_int_equal(s.nvrps, 3309);
		assert_int_equal(e.rejected[VRP_REJ_SYNTAX], 1);
		assert_int_equal(e.rejected[VRP_REJ_ASN], 2);
		vrp_set_free(&s);
	}
	if (have(SHARED "dn42_bird_roa.conf")) {
		vrp_set_init(&s);
		memset(&e, 0, sizeof(e));
		assert_int_equal(vrp_read(SHARED "dn42_bird_roa.conf", &s, &e),
		    -1);
		assert_non_null(strstr(e.fatal, "not a VRP list"));
		vrp_set_free(&s);
	}
}

static void
test_csv_forms(void **state)
{
	struct vrp_set s;
	struct vrp_errors e;

	(void)state;
	/* Routinator csv. */
	assert_int_equal(read_str("ASN,IP Prefix,Max Length,Trust Anchor\n"
	    "AS13335,1.0.0.0/24,24,apnic\r\n"
	    "AS4608,2001:dc0::/32,48,apnic\n", &s, &e), 0);
	assert_int_equal(s.format, VRP_FMT_CSV);
	assert_int_equal(s.nvrps, 2);
	assert_int_equal(e.total, 0);
	assert_vrp(&s, 0, "1.0.0.0/24", 24, 13335);
	assert_vrp(&s, 1, "2001:dc0::/32", 48, 4608);
	assert_string_equal(vrp_ta(&s, &s.vrps[1]), "apnic");
	vrp_set_free(&s);

	/* RIPE validator: quoted fields. */
	assert_int_equal(read_str("\"ASN\",\"IP Prefix\",\"Max Length\","
	    "\"Trust Anchor\"\n"
	    "\"AS3333\",\"193.0.0.0/21\",\"21\",\"RIPE NCC RPKI Root\"\n",
	    &s, &e), 0);
	assert_int_equal(s.nvrps, 1);
	assert_vrp(&s, 0, "193.0.0.0/21", 21, 3333);
	assert_string_equal(vrp_ta(&s, &s.vrps[0]), "RIPE NCC RPKI Root");
	vrp_set_free(&s);

	/* Routinator csvext. */
	assert_int_equal(read_str("URI,ASN,IP Prefix,Max Length,Not Before,"
	    "Not After\n"
	    "rsync://rpki.example.net/repo/a.roa,AS64496,192.0.2.0/24,26,"
	    "2024-01-01 00:00:00,2025-01-01 00:00:00\n", &s, &e), 0);
	assert_int_equal(s.nvrps, 1);
	assert_vrp(&s, 0, "192.0.2.0/24", 26, 64496);
	vrp_set_free(&s);

	/* No header, no trust anchor; an empty maxLength is the length. */
	assert_int_equal(read_str("AS64496,192.0.2.0/24,24\n"
	    "AS64497,198.51.100.0/24,\n", &s, &e), 0);
	assert_int_equal(s.nvrps, 2);
	assert_vrp(&s, 1, "198.51.100.0/24", 24, 64497);
	vrp_set_free(&s);
}

static void
test_csv_rejects(void **state)
{
	struct vrp_set s;
	struct vrp_errors e;

	(void)state;
	log_verbose = -1;
	assert_int_equal(read_str("ASN,IP Prefix,Max Length,Trust Anchor\n"
	    "AS1,10.0.0.1/24,24,x\n"		/* 2: host bits */
	    "AS1,10.0.0.0/33,33,x\n"		/* 3: /33 */
	    "AS1,10.0.0.0/24,16,x\n"		/* 4: maxLength < length */
	    "AS1,10.0.0.0/24,33,x\n"		/* 5: maxLength > 32 */
	    "AS1,2001:db8::/32,129,x\n"		/* 6: maxLength > 128 */
	    "ASX,10.0.0.0/24,24,x\n"		/* 7: bad ASN */
	    "AS4294967296,10.0.0.0/24,24,x\n"	/* 8: ASN too big */
	    "AS1,10.0.0.0/24\n"			/* 9: too few fields */
	    "AS1,10.0.0.0/24,2x,x\n"		/* 10: maxLength text */
	    "AS1,10.0.0.0/24,99999999999999999999999,x\n" /* 11: huge */
	    "AS1,\"10.0.0.0/24,24,x\n"		/* 12: open quote */
	    "AS2,10.1.0.0/16,24,x\n",		/* 13: good */
	    &s, &e), 0);
	log_verbose = 0;
	assert_int_equal(s.nvrps, 1);
	assert_vrp(&s, 0, "10.1.0.0/16", 24, 2);
	assert_int_equal(e.total, 11);
	assert_int_equal(e.rejected[VRP_REJ_HOST_BITS], 1);
	assert_int_equal(e.rejected[VRP_REJ_PREFIX], 1);
	assert_int_equal(e.rejected[VRP_REJ_MAXLEN], 1);
	assert_int_equal(e.rejected[VRP_REJ_MAXLEN_RANGE], 3);
	assert_int_equal(e.rejected[VRP_REJ_ASN], 2);
	assert_int_equal(e.rejected[VRP_REJ_SYNTAX], 3);
	assert_non_null(strstr(e.first, "mem: line 2: host bits set"));
	vrp_set_free(&s);

	/* A line over MAX_VRP_LINE is rejected; the next one is read. */
	{
		size_t big = MAX_VRP_LINE + 100, hl, n;
		char *buf = malloc(big + 128);
		static const char head[] = "AS1,10.0.0.0/8,8,x\nAS1,";
		static const char tail[] = "\nAS2,11.0.0.0/8,8,x\n";

		hl = strlen(head);
		memcpy(buf, head, hl);
		memset(buf + hl, '9', big);
		memcpy(buf + hl + big, tail, strlen(tail));
		n = hl + big + strlen(tail);
		vrp_set_init(&s);
		memset(&e, 0, sizeof(e));
		log_verbose = -1;
		assert_int_equal(read_mem(buf, n, &s, &e), 0);
		log_verbose = 0;
		assert_int_equal(s.nvrps, 2);
		assert_vrp(&s, 1, "11.0.0.0/8", 8, 2);
		assert_int_equal(e.rejected[VRP_REJ_LIMIT], 1);
		assert_non_null(strstr(e.first, "line 2"));
		vrp_set_free(&s);
		free(buf);
	}

	/* Unknown header, then garbage. */
	assert_int_equal(read_str("foo,bar,baz\n", &s, &e), -1);
	assert_non_null(strstr(e.fatal, "not a VRP list"));
	vrp_set_free(&s);
	assert_int_equal(read_str("", &s, &e), -1);
	assert_non_null(strstr(e.fatal, "empty"));
	vrp_set_free(&s);
	assert_int_equal(read_mem("\x7f" "ELF\0\0\0", 7, &s, &e), -1);
	vrp_set_free(&s);
}

static void
test_scan_roas_rejects(void **state)
{
	struct vrp_set s;
	struct vrp_errors e;

	(void)state;
	log_verbose = -1;
	assert_int_equal(read_str(
	    "2017-01-01T00:31:34Z 44018 193.104.146.0/24 10.0.0.0/8-7 "
	    "10.0.0.0/8-33 10.0.0.1/8 10.0.0.0/8- 2001:db8::/32-48\n"
	    "2017-01-01T00:31:34Z AS0 192.0.2.0/24\n"
	    "2017-01-01 44018 193.104.146.0/24\n"
	    "2017-01-01T00:31:34Z x 193.104.146.0/24\n"
	    "2017-01-01T00:31:34Z 5\n", &s, &e), 0);
	log_verbose = 0;
	assert_int_equal(s.nvrps, 3);
	assert_vrp(&s, 1, "2001:db8::/32", 48, 44018);
	assert_vrp(&s, 2, "192.0.2.0/24", 24, 0);
	assert_int_equal(e.rejected[VRP_REJ_MAXLEN], 1);
	assert_int_equal(e.rejected[VRP_REJ_MAXLEN_RANGE], 1);
	assert_int_equal(e.rejected[VRP_REJ_HOST_BITS], 1);
	assert_int_equal(e.rejected[VRP_REJ_SYNTAX], 3);
	assert_int_equal(e.rejected[VRP_REJ_ASN], 1);
	assert_non_null(strstr(e.first, "line 1, prefix 2"));
	vrp_set_free(&s);
}

static void
test_json_aspa(void **state)
{
	struct vrp_set s;
	struct vrp_errors e;

	(void)state;
	log_verbose = -1;
	assert_int_equal(read_str("{\"roas\":[],\"aspas\":["
	    "{\"customer\":64496,\"providers\":[64497,\"AS64498\"]},"
	    "{\"customer_asid\":65000,\"expires\":1,\"providers\":[1]},"
	    "{\"customer\":65001,\"provider_set\":[{\"provider_asid\":7,"
	    "\"afi_limit\":\"ipv4\"}]},"
	    "{\"customer\":1,\"providers\":[1,\"x\"]},"
	    "{\"customer\":-1,\"providers\":[]},"
	    "{\"providers\":[]},"
	    "{\"customer\":2,\"providers\":3},"
	    "7]}", &s, &e), 0);
	log_verbose = 0;
	assert_int_equal(s.naspas, 3);
	assert_int_equal(s.aspas[0].customer, 64496);
	assert_int_equal(s.aspas[0].count, 2);
	assert_int_equal(s.providers[s.aspas[0].first + 1], 64498);
	assert_int_equal(s.aspas[1].customer, 65000);
	assert_int_equal(s.providers[s.aspas[1].first], 1);
	assert_int_equal(s.aspas[2].customer, 65001);
	assert_int_equal(s.providers[s.aspas[2].first], 7);
	assert_int_equal(s.nproviders, 4);	/* the bad one rolled back */
	assert_int_equal(e.rejected[VRP_REJ_ASPA], 5);
	assert_non_null(strstr(e.first, "aspas[3]"));
	vrp_set_free(&s);
}

static void
test_json_hostile(void **state)
{
	static const struct {
		const char	*json;
		int		 rc;
		enum vrp_reject	 why;		/* when rc == 0 */
		const char	*msg;		/* in first or fatal */
	} cases[] = {
		{ "{\"roas\":[{\"asn\":1,\"prefix\":\"10.0.0.0/8\",\"max",
		    -1, 0, "JSON error" },
		{ "{\"roas\":[", -1, 0, "JSON error" },
		{ "[1,2]", -1, 0, "not an object" },
		{ "{\"roas\":5}", -1, 0, "not an array" },
		{ "{\"aspas\":{}}", -1, 0, "not an array" },
		{ "{\"metadata\":{}}", -1, 0, "no \"roas\"" },
		{ "{\"roas\":[{\"asn\":[1],\"prefix\":\"10.0.0.0/8\","
		    "\"maxLength\":8}]}", 0, VRP_REJ_ASN, "not a number" },
		{ "{\"roas\":[{\"asn\":1,\"prefix\":10,\"maxLength\":8}]}",
		    0, VRP_REJ_SYNTAX, "not a string" },
		{ "{\"roas\":[{\"asn\":1,\"prefix\":\"10.0.0.0/8\","
		    "\"maxLength\":\"8\"}]}", 0, VRP_REJ_SYNTAX, "integer" },
		{ "{\"roas\":[{\"asn\":1,\"prefix\":\"10.0.0.0/8\","
		    "\"maxLength\":8.0}]}", 0, VRP_REJ_SYNTAX, "integer" },
		{ "{\"roas\":[{\"asn\":1,\"prefix\":\"10.0.0.0/8\","
		    "\"maxLength\":7}]}", 0, VRP_REJ_MAXLEN, "7 < 8" },
		{ "{\"roas\":[{\"asn\":1,\"prefix\":\"10.0.0.0/8\","
		    "\"maxLength\":-1}]}", 0, VRP_REJ_MAXLEN, "-1" },
		{ "{\"roas\":[{\"asn\":1,\"prefix\":\"10.0.0.0/8\","
		    "\"maxLength\":4000000000000}]}", 0, VRP_REJ_MAXLEN_RANGE,
		    "> 32" },
		{ "{\"roas\":[{\"asn\":1,\"prefix\":\"10.0.0.0/33\","
		    "\"maxLength\":33}]}", 0, VRP_REJ_PREFIX, "too long" },
		{ "{\"roas\":[{\"asn\":1,\"prefix\":\"10.0.0.1/8\","
		    "\"maxLength\":8}]}", 0, VRP_REJ_HOST_BITS, "host bits" },
		{ "{\"roas\":[{\"asn\":4294967296,\"prefix\":\"10.0.0.0/8\","
		    "\"maxLength\":8}]}", 0, VRP_REJ_ASN, "out of range" },
		{ "{\"roas\":[{\"asn\":-5,\"prefix\":\"10.0.0.0/8\","
		    "\"maxLength\":8}]}", 0, VRP_REJ_ASN, "out of range" },
		{ "{\"roas\":[{\"asn\":\"AS99999999999\",\"prefix\":"
		    "\"10.0.0.0/8\",\"maxLength\":8}]}", 0, VRP_REJ_ASN,
		    "out of range" },
		{ "{\"roas\":[{\"asn\":123456789012345678901234567890,"
		    "\"prefix\":\"10.0.0.0/8\",\"maxLength\":8}]}", -1, 0,
		    "JSON error" },
		{ "{\"roas\":[{\"prefix\":\"10.0.0.0/8\"}]}", 0, VRP_REJ_ASN,
		    "no \"asn\"" },
		{ "{\"roas\":[{\"asn\":1,\"prefix\":\"10.0.0.0/8\","
		    "\"ta\":5}]}", 0, VRP_REJ_SYNTAX, "\"ta\"" },
		{ "{\"roas\":[null]}", 0, VRP_REJ_SYNTAX, "not an object" },
		/* The streaming walk of the top level and the arrays. */
		{ "{\"roas\":[]} x", -1, 0, "data after" },
		{ "{\"roas\":[{} {}]}", -1, 0, "expected ','" },
		{ "{roas:[]}", -1, 0, "expected a key" },
		{ "{\"roas\" []}", -1, 0, "expected ':'" },
		{ "{\"roas\":[],}", -1, 0, "expected a key" },
		{ "{\"roas\":[1,]}", -1, 0, "JSON error" },
		{ "{\"roas\":[]", -1, 0, "expected ','" },
		{ "{}", -1, 0, "no \"roas\"" },
		{ "{\"metadata\":\"\\u0000\",\"roas\":[]}", 0, 0, "" },
	};
	struct vrp_set s;
	struct vrp_errors e;
	size_t i;

	(void)state;
	log_verbose = -1;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int rc = read_str(cases[i].json, &s, &e);

		if (rc != cases[i].rc || (rc == 0 && cases[i].msg[0] != '\0' &&
		    (e.rejected[cases[i].why] != 1 || s.nvrps != 0)) ||
		    strstr(rc == 0 ? e.first : e.fatal, cases[i].msg) == NULL)
			fail_msg("case %zu: rc %d first '%s' fatal '%s'", i,
			    rc, e.first, e.fatal);
		vrp_set_free(&s);
	}
	/* A missing maxLength is the prefix length. */
	assert_int_equal(read_str("{\"roas\":[{\"asn\":1,\"prefix\":"
	    "\"10.0.0.0/8\"}]}", &s, &e), 0);
	assert_vrp(&s, 0, "10.0.0.0/8", 8, 1);
	vrp_set_free(&s);
	log_verbose = 0;
}

/* Deep nesting is refused by jansson's depth limit, not the stack. */
static void
test_json_deep_and_long(void **state)
{
	size_t n = 100000, i, len;
	char *buf = malloc(2 * n + 64);
	struct vrp_set s;
	struct vrp_errors e;

	(void)state;
	len = (size_t)snprintf(buf, 64, "{\"metadata\":");
	for (i = 0; i < n; i++)
		buf[len++] = '[';
	for (i = 0; i < n; i++)
		buf[len++] = ']';
	memcpy(buf + len, ",\"roas\":[]}", 12);
	len += 12;
	vrp_set_init(&s);
	memset(&e, 0, sizeof(e));
	assert_int_equal(read_mem(buf, len, &s, &e), -1);
	assert_non_null(strstr(e.fatal, "JSON error"));
	vrp_set_free(&s);
	free(buf);

	/* 20,000 elements: many straddle the parser's 64 KiB window. */
	buf = malloc(20000 * 80 + 64);
	len = (size_t)snprintf(buf, 64, "{\"roas\":[");
	for (i = 0; i < 20000; i++)
		len += (size_t)snprintf(buf + len, 80, "%s{\"asn\":%zu,"
		    "\"prefix\":\"10.%zu.%zu.0/24\",\"maxLength\":24}",
		    i ? "," : "", i + 1, i / 256, i % 256);
	memcpy(buf + len, "]}", 2);
	len += 2;
	vrp_set_init(&s);
	memset(&e, 0, sizeof(e));
	assert_int_equal(read_mem(buf, len, &s, &e), 0);
	assert_int_equal(s.nvrps, 20000);
	assert_int_equal(e.total, 0);
	assert_vrp(&s, 19999, "10.78.31.0/24", 24, 20000);
	vrp_set_free(&s);
	free(buf);
}

/* Every prefix of a real file, cut at every length: never a crash. */
static void
test_truncations(void **state)
{
	static const char *const files[] = {
		T "arouteserver_rpki-client_expired.json",
		T "compress_roas_vrps_2017-06-01.head400.txt",
	};
	size_t f;

	(void)state;
	log_verbose = -1;
	for (f = 0; f < 2; f++) {
		FILE *fp = fopen(files[f], "rb");
		char *buf = malloc(8192);
		size_t n, cut;

		assert_non_null(fp);
		n = fread(buf, 1, 8192, fp);
		fclose(fp);
		for (cut = 0; cut < n; cut += f == 0 ? 1 : 37) {
			struct vrp_set s;
			struct vrp_errors e;

			vrp_set_init(&s);
			memset(&e, 0, sizeof(e));
			if (read_mem(buf, cut, &s, &e) != 0)
				assert_true(e.fatal[0] != '\0');
			vrp_set_free(&s);
		}
		free(buf);
	}
	log_verbose = 0;
}

/* rpki-client "expires" and the CSV Not Before/Not After, kept aside. */
static void
test_times(void **state)
{
	struct vrp_set s;
	struct vrp_errors e;
	struct vrp_time t;

	(void)state;
	/* The real rpki-client file: "expires": 1027049909. */
	vrp_set_init(&s);
	memset(&e, 0, sizeof(e));
	assert_int_equal(vrp_read(T "arouteserver_rpki-client_expired.json",
	    &s, &e), 0);
	assert_non_null(s.times);
	t = vrp_time_of(&s, 0);
	assert_int_equal(t.not_before, 0);
	assert_int_equal(t.not_after, 1027049909);
	vrp_set_free(&s);

	/* StayRTR JSON has no times: no side array at all. */
	vrp_set_init(&s);
	memset(&e, 0, sizeof(e));
	assert_int_equal(vrp_read(T "dn42_export_gortr.first250.json", &s,
	    &e), 0);
	assert_null(s.times);
	t = vrp_time_of(&s, 3);
	assert_int_equal(t.not_after, 0);
	vrp_set_free(&s);

	/* Some entries with "expires", some without; bad ones rejected. */
	log_verbose = -1;
	assert_int_equal(read_str("{\"roas\":["
	    "{\"asn\":1,\"prefix\":\"10.0.0.0/8\",\"maxLength\":8},"
	    "{\"asn\":2,\"prefix\":\"11.0.0.0/8\",\"maxLength\":8,"
	    "\"expires\":1700000000},"
	    "{\"asn\":3,\"prefix\":\"12.0.0.0/8\",\"expires\":\"soon\"},"
	    "{\"asn\":4,\"prefix\":\"13.0.0.0/8\",\"expires\":-1},"
	    "{\"asn\":5,\"prefix\":\"14.0.0.0/8\"}]}", &s, &e), 0);
	assert_int_equal(s.nvrps, 3);
	assert_int_equal(e.rejected[VRP_REJ_SYNTAX], 2);
	assert_non_null(strstr(e.first, "roas[2]: malformed record: "
	    "\"expires\" is not a positive integer"));
	assert_int_equal(vrp_time_of(&s, 0).not_after, 0);
	assert_int_equal(vrp_time_of(&s, 1).not_after, 1700000000);
	assert_int_equal(vrp_time_of(&s, 2).not_after, 0);
	vrp_set_free(&s);

	/*
	 * RIPE NCC archive / Routinator csvext.  Expected values from
	 * date -ud '2024-02-29 12:34:56' +%s and the like.
	 */
	assert_int_equal(read_str("URI,ASN,IP Prefix,Max Length,Not Before,"
	    "Not After\n"
	    "rsync://a/1.roa,AS1,10.0.0.0/8,8,2024-01-01 00:00:00,"
	    "2025-01-01 00:00:00\n"
	    "N/A,AS2,11.0.0.0/8,8,2024-02-29 12:34:56,2100-03-01T00:00:00Z\n"
	    "rsync://a/3.roa,AS3,12.0.0.0/8,8,2023-02-29 00:00:00,"
	    "2025-01-01 00:00:00\n"			/* line 4: no such day */
	    "rsync://a/4.roa,AS4,13.0.0.0/8,8,2024-01-01 00:00:00,"
	    "2024-13-01 00:00:00\n"			/* 5: month 13 */
	    "rsync://a/5.roa,AS5,14.0.0.0/8,8,2025-01-01 00:00:00,"
	    "2024-01-01 00:00:00\n"			/* 6: after */
	    "rsync://a/6.roa,AS6,15.0.0.0/8,8,2024-01-01,"
	    "2025-01-01 00:00:00\n"			/* 7: no time */
	    "rsync://a/7.roa,AS7,16.0.0.0/8,8,1969-12-31 23:59:59,"
	    "2025-01-01 00:00:00\n"			/* 8: before 1970 */
	    "rsync://a/8.roa,AS8,17.0.0.0/8,8,2024-01-01 24:00:00,"
	    "2025-01-01 00:00:00\n",			/* 9: hour 24 */
	    &s, &e), 0);
	assert_int_equal(s.nvrps, 2);
	assert_int_equal(e.rejected[VRP_REJ_SYNTAX], 6);
	assert_non_null(strstr(e.first, "mem: line 4: malformed record: "
	    "Not Before '2023-02-29 00:00:00' is not a UTC time"));
	t = vrp_time_of(&s, 0);
	assert_int_equal(t.not_before, 1704067200);
	assert_int_equal(t.not_after, 1735689600);
	t = vrp_time_of(&s, 1);
	assert_int_equal(t.not_before, 1709210096);
	assert_int_equal(t.not_after, 4107542400);
	vrp_set_free(&s);
	log_verbose = 0;

	/* Times follow their VRPs when a set is filtered. */
	assert_int_equal(read_str("URI,ASN,IP Prefix,Max Length,Not Before,"
	    "Not After\n"
	    "u,AS1,10.0.0.0/8,8,2024-01-01 00:00:00,2025-01-01 00:00:00\n"
	    "u,AS2,11.0.0.0/8,8,2024-02-29 12:34:56,2025-01-01 00:00:00\n",
	    &s, &e), 0);
	assert_int_equal(vrp_set_filter(&s, drop_as1, NULL), 1);
	assert_int_equal(s.nvrps, 1);
	assert_vrp(&s, 0, "11.0.0.0/8", 8, 2);
	assert_int_equal(vrp_time_of(&s, 0).not_before, 1709210096);
	/* And a VRP added later has none. */
	{
		struct vrp v = s.vrps[0];

		v.asn = 9;
		assert_true(vrp_set_add(&s, &v));
		assert_int_equal(vrp_time_of(&s, 1).not_before, 0);
		assert_int_equal(vrp_time_of(&s, 1).not_after, 0);
	}
	vrp_set_free(&s);
}

/* RFC 4180: "" inside a quoted field is one quote. */
static void
test_csv_rfc4180(void **state)
{
	struct vrp_set s;
	struct vrp_errors e;

	(void)state;
	log_verbose = -1;
	assert_int_equal(read_str("\"ASN\",\"IP Prefix\",\"Max Length\","
	    "\"Trust Anchor\"\n"
	    "\"AS3333\",\"193.0.0.0/21\",\"21\",\"RIPE \"\"NCC\"\" Root\"\n"
	    "\"AS1\",\"10.0.0.0/8\",\"8\",\"a, \"\"b\"\"\"\n"
	    "\"AS2\",\"11.0.0.0/8\",\"8\",\"\"\"\"\n"
	    "\"AS3\",\"12.0.0.0/8\",\"8\",\"x\"y\"\n"	/* 5: bad */
	    "AS4,13.0.0.0/8,8,x\"y\n"			/* 6: bad */
	    "\"AS5\",\"14.0.0.0/8\",\"8\",\"open\n",	/* 7: bad */
	    &s, &e), 0);
	assert_int_equal(s.nvrps, 3);
	assert_string_equal(vrp_ta(&s, &s.vrps[0]), "RIPE \"NCC\" Root");
	assert_string_equal(vrp_ta(&s, &s.vrps[1]), "a, \"b\"");
	assert_string_equal(vrp_ta(&s, &s.vrps[2]), "\"");
	assert_int_equal(e.rejected[VRP_REJ_SYNTAX], 3);
	assert_non_null(strstr(e.first, "mem: line 5: malformed record: "
	    "text after a closing quote"));
	vrp_set_free(&s);
	/* A header with "" is still told from the content. */
	assert_int_equal(read_str("\"URI\",\"ASN\",\"IP Prefix\","
	    "\"Max Length\",\"Not Before\",\"Not After\"\n"
	    "\"rsync://a/\"\"q\"\".roa\",\"AS1\",\"10.0.0.0/8\",\"8\","
	    "\"2024-01-01 00:00:00\",\"2025-01-01 00:00:00\"\n", &s, &e), 0);
	assert_int_equal(s.nvrps, 1);
	assert_int_equal(vrp_time_of(&s, 0).not_after, 1735689600);
	vrp_set_free(&s);
	log_verbose = 0;
}

/*
 * Every reader form, detected from the content, and each of the
 * issue's rejects in each: prefix length over maxLength, maxLength over
 * the family maximum, a bad AS number, host bits.  Each file has a good
 * record, then the bad one; the bad one must be rejected for that
 * reason, at its line or element, and the good one kept.
 */
static void
test_reject_matrix(void **state)
{
	static const struct {
		const char	*name;
		const char	*head, *fmt, *sep, *tail;
		const char	*asn_fmt;	/* how this form writes AS 1 */
		const char	*bad_asn;
		const char	*where;		/* of the second record */
	} forms[] = {
		{ "rpki-client JSON", "{\"metadata\":{\"vrps\":2},\"roas\":[",
		    "{\"asn\":%s,\"prefix\":\"%s\",\"maxLength\":%s,"
		    "\"ta\":\"ripe\",\"expires\":1700000000}", ",",
		    "],\"aspas\":[{\"customer\":1,\"providers\":[2,3]}]}",
		    "%u", "4294967296", "roas[1]" },
		{ "StayRTR JSON", "{\"roas\":[",
		    "{\"asn\":\"AS%s\",\"prefix\":\"%s\",\"maxLength\":%s,"
		    "\"ta\":\"ripe\"}", ",", "]}", "%u", "4294967296",
		    "roas[1]" },
		{ "Routinator CSV", "ASN,IP Prefix,Max Length,Trust Anchor\n",
		    "AS%s,%s,%s,ripe\n", "", "", "%u", "4294967296",
		    "line 3" },
		{ "RIPE validator CSV", "\"ASN\",\"IP Prefix\",\"Max Length\","
		    "\"Trust Anchor\"\n", "\"AS%s\",\"%s\",\"%s\",\"RIPE NCC "
		    "RPKI Root\"\n", "", "", "%u", "4294967296", "line 3" },
		{ "RIPE archive CSV", "URI,ASN,IP Prefix,Max Length,Not Before,"
		    "Not After\n", "rsync://a/b.roa,AS%s,%s,%s,2024-01-01 "
		    "00:00:00,2025-01-01 00:00:00\n", "", "", "%u",
		    "4294967296", "line 3" },
		{ "CSV without header", "", "AS%s,%s,%s\n", "", "", "%u",
		    "4294967296", "line 2" },
		{ "scan_roas", "", "2017-06-01T00:00:00Z %s %s-%s\n", "", "",
		    "%u", "4294967296", "line 2" },
	};
	static const struct {
		const char	*pfx, *maxlen;
		bool		 bad_asn;
		enum vrp_reject	 why;
		const char	*msg;
	} bad[] = {
		{ "10.0.0.0/24", "16", false, VRP_REJ_MAXLEN, "16 < 24" },
		{ "10.0.0.0/24", "33", false, VRP_REJ_MAXLEN_RANGE, "33 > 32" },
		{ "2001:db8::/32", "129", false, VRP_REJ_MAXLEN_RANGE,
		    "129 > 128" },
		{ "10.0.0.0/24", "24", true, VRP_REJ_ASN, "" },
		{ "10.0.0.1/24", "24", false, VRP_REJ_HOST_BITS,
		    "'10.0.0.1/24'" },
		{ "2001:db8::1/32", "32", false, VRP_REJ_HOST_BITS,
		    "'2001:db8::1/32'" },
	};
	char text[1024], rec1[256], rec2[256], asn[32], want[128];
	struct vrp_set s;
	struct vrp_errors e;
	size_t f, b;

	(void)state;
	log_verbose = -1;
	for (f = 0; f < sizeof(forms) / sizeof(forms[0]); f++) {
		for (b = 0; b < sizeof(bad) / sizeof(bad[0]); b++) {
			snprintf(asn, sizeof(asn), forms[f].asn_fmt, 64496u);
			snprintf(rec1, sizeof(rec1), forms[f].fmt, asn,
			    "192.0.2.0/24", "24");
			snprintf(rec2, sizeof(rec2), forms[f].fmt,
			    bad[b].bad_asn ? forms[f].bad_asn : asn,
			    bad[b].pfx, bad[b].maxlen);
			snprintf(text, sizeof(text), "%s%s%s%s%s",
			    forms[f].head, rec1, forms[f].sep, rec2,
			    forms[f].tail);
			if (read_str(text, &s, &e) != 0 || s.nvrps != 1 ||
			    e.total != 1 || e.rejected[bad[b].why] != 1)
				fail_msg("%s, case %zu: %zu VRPs, %llu "
				    "rejected; first '%s' fatal '%s'",
				    forms[f].name, b, s.nvrps,
				    (unsigned long long)e.total, e.first,
				    e.fatal);
			assert_vrp(&s, 0, "192.0.2.0/24", 24, 64496);
			/* scan_roas adds ", prefix 1" after the line. */
			snprintf(want, sizeof(want), "mem: %s", forms[f].where);
			if (strstr(e.first, want) != e.first ||
			    strstr(e.first, vrp_reject_str(bad[b].why)) == NULL ||
			    strstr(e.first, bad[b].msg) == NULL)
				fail_msg("%s, case %zu: '%s' lacks '%s', '%s' "
				    "or '%s'", forms[f].name, b, e.first, want,
				    vrp_reject_str(bad[b].why), bad[b].msg);
			assert_int_equal(s.format, f < 2 ? VRP_FMT_JSON :
			    f < 6 ? VRP_FMT_CSV : VRP_FMT_SCAN_ROAS);
			if (f == 0) {
				assert_int_equal(s.naspas, 1);
				assert_int_equal(vrp_time_of(&s, 0).not_after,
				    1700000000);
			}
			if (f == 4)
				assert_int_equal(vrp_time_of(&s, 0).not_before,
				    1704067200);
			vrp_set_free(&s);
		}
	}
	log_verbose = 0;
}

/*
 * rpki-client's "bgpsec_keys", with the SKI and key of rpki-rs's router
 * certificate (openssl x509 -pubkey | openssl pkey -pubin -outform DER
 * | base64; the SKI from openssl x509 -text).
 */
#define ROUTER_SPKI_B64	"MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEe86znhVLHsFdcdFtHI" \
	"zA32JAOd7BplQk65SQW7vpv+ei/hpdF/pSVMwircGhygG2dE7PeEnBycjB2X6tYbLHRw=="
#define ROUTER_SKI_HEX	"F5F3C2DD2B91BF154552EDC0179B58DFF3676B23"

static void
test_router_keys(void **state)
{
	static const char text[] = "{\"roas\":[],\"bgpsec_keys\":["
	    "{\"asn\":199664,\"ski\":\"" ROUTER_SKI_HEX "\",\"pubkey\":\""
	    ROUTER_SPKI_B64 "\",\"ta\":\"ripe\",\"expires\":1633610418},"
	    "{\"asn\":1,\"ski\":\"F5F3\",\"pubkey\":\"" ROUTER_SPKI_B64 "\"},"
	    "{\"asn\":1,\"ski\":\"G5F3C2DD2B91BF154552EDC0179B58DFF3676B23\","
	    "\"pubkey\":\"" ROUTER_SPKI_B64 "\"},"
	    "{\"asn\":1,\"ski\":\"" ROUTER_SKI_HEX "\",\"pubkey\":\"AQID\"},"
	    "{\"asn\":1,\"ski\":\"" ROUTER_SKI_HEX "\",\"pubkey\":\"AQ==\"},"
	    "{\"asn\":1,\"ski\":\"" ROUTER_SKI_HEX "\",\"pubkey\":\"AQ\"},"
	    "{\"asn\":1,\"ski\":\"" ROUTER_SKI_HEX "\",\"pubkey\":\"A=Q=\"},"
	    "{\"asn\":1,\"ski\":\"" ROUTER_SKI_HEX "\",\"pubkey\":\"-_8=\"},"
	    "{\"asn\":-1,\"ski\":\"" ROUTER_SKI_HEX "\",\"pubkey\":\"AQID\"},"
	    "{\"asn\":1,\"ski\":7,\"pubkey\":\"AQID\"},"
	    "{\"asn\":2,\"ski\":\"" ROUTER_SKI_HEX "\",\"pubkey\":\"AQE=\"}"
	    "]}";
	struct vrp_set s;
	struct vrp_errors e;
	size_t i;

	(void)state;
	log_verbose = -1;
	assert_int_equal(read_str(text, &s, &e), 0);
	log_verbose = 0;
	assert_int_equal(s.format, VRP_FMT_JSON);
	assert_int_equal(s.nkeys, 4);
	assert_int_equal(s.keys[0].asn, 199664);
	assert_memory_equal(s.keys[0].ski, "\xf5\xf3\xc2\xdd\x2b\x91\xbf\x15"
	    "\x45\x52\xed\xc0\x17\x9b\x58\xdf\xf3\x67\x6b\x23", 20);
	assert_int_equal(s.keys[0].spki_len, 91);
	assert_memory_equal(s.keys[0].spki, "\x30\x59\x30\x13\x06\x07", 6);
	/* "AQID" is 01 02 03, "AQ==" 01, "AQE=" 01 01. */
	assert_int_equal(s.keys[1].spki_len, 3);
	assert_int_equal(s.keys[2].spki_len, 1);
	assert_int_equal(s.keys[3].asn, 2);
	assert_int_equal(s.keys[3].spki_len, 2);
	assert_memory_equal(s.keys[3].spki, "\x01\x01", 2);
	/* F5F3, G5.., "AQ" unpadded, "A=Q=", "-_8=", asn -1, ski 7. */
	assert_int_equal(e.rejected[VRP_REJ_KEY], 7);
	assert_int_equal(e.total, 7);
	assert_non_null(strstr(e.first, "mem: bgpsec_keys[1]: malformed "
	    "router key: \"ski\" is not 40 hex digits"));
	for (i = 0; i < s.nkeys; i++)
		assert_non_null(s.keys[i].spki);
	vrp_set_free(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rpki_client_json),
		cmocka_unit_test(test_gortr_json),
		cmocka_unit_test(test_scan_roas),
		cmocka_unit_test(test_shared_files),
		cmocka_unit_test(test_csv_forms),
		cmocka_unit_test(test_csv_rejects),
		cmocka_unit_test(test_scan_roas_rejects),
		cmocka_unit_test(test_json_aspa),
		cmocka_unit_test(test_json_hostile),
		cmocka_unit_test(test_json_deep_and_long),
		cmocka_unit_test(test_truncations),
		cmocka_unit_test(test_times),
		cmocka_unit_test(test_csv_rfc4180),
		cmocka_unit_test(test_reject_matrix),
		cmocka_unit_test(test_router_keys),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
