/*
 * Registry readers and the bogon model: RIR delegated-extended statistics
 * and IANA registry XML (the real files in testdata/rir, the full ones in
 * ../shared/data/rir when present), hostile input, the interval map
 * against a naive oracle, and bogon answers checked against the registry
 * text.
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
#include "formats/iana.h"
#include "formats/prefixlist.h"
#include "formats/rirstats.h"
#include "net/imap.h"
#include "ref/bogon_model.h"
#include "ref/bogons.h"

#define T	"testdata/rir/"
#define SHARED	"../shared/data/rir/"

static struct reader *
mem_reader(const char *text, size_t n)
{
	char err[128];
	int fd = memfd_create("reg-test", 0);
	struct reader *rd;

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, n), (ssize_t)n);
	assert_int_equal(lseek(fd, 0, SEEK_SET), 0);
	rd = reader_fdopen(fd, "mem", err, sizeof(err));
	assert_non_null(rd);
	return rd;
}

static int
rir_str(struct rir_stats *s, const char *text, struct diag *d)
{
	struct reader *rd = mem_reader(text, strlen(text));
	int rc;

	rirstats_diag_init(d, "mem");
	rc = rirstats_read(s, rd, "mem", d);
	reader_close(rd);
	return rc;
}

static int
iana_str(struct iana_registry *r, const char *text, struct diag *d)
{
	struct reader *rd = mem_reader(text, strlen(text));
	int rc;

	iana_diag_init(d, "mem");
	rc = iana_read(r, rd, "mem", d);
	reader_close(rd);
	return rc;
}

static bool
have(const char *path)
{
	return access(path, R_OK) == 0;
}

/* ---- range and imap ---------------------------------------------- */

static void
test_range_cidrs(void **state)
{
	struct prefix out[RANGE_MAX_CIDRS];
	char a[PREFIX_STRLEN];
	size_t n;

	(void)state;
	/* 41.0.0.0 + 768 addresses: a /23 and a /24. */
	n = range_cidrs(AFI_IPV4, 0x29000000u, 0x29000000u + 767, out);
	assert_int_equal(n, 2);
	prefix_fmt(&out[0], a);
	assert_string_equal(a, "41.0.0.0/23");
	prefix_fmt(&out[1], a);
	assert_string_equal(a, "41.0.2.0/24");
	/* The whole IPv4 space is one /0; one address is a /32. */
	assert_int_equal(range_cidrs(AFI_IPV4, 0, 0xffffffffu, out), 1);
	assert_int_equal(out[0].len, 0);
	assert_int_equal(range_cidrs(AFI_IPV6, 5, 5, out), 1);
	assert_int_equal(out[0].len, 128);
	/* Worst case: 1 .. 2^128-2 needs 2*127 blocks. */
	assert_int_equal(range_cidrs(AFI_IPV6, 1, ~(u128)0 - 1, out), 254);
}

/* Random ranges split into CIDRs must tile the range exactly. */
static void
test_range_cidrs_random(void **state)
{
	struct prefix out[RANGE_MAX_CIDRS];
	unsigned i;

	(void)state;
	srandom(7);
	for (i = 0; i < 2000; i++) {
		uint32_t a = (uint32_t)random() << 1 ^ (uint32_t)random();
		uint32_t b = a + ((uint32_t)random() >> (random() % 31));
		u128 pos, first, last;
		size_t n, j;

		if (b < a)
			b = 0xffffffffu;
		n = range_cidrs(AFI_IPV4, a, b, out);
		pos = a;
		for (j = 0; j < n; j++) {
			prefix_range(&out[j], &first, &last);
			assert_true(first == pos);
			pos = last + 1;
		}
		assert_true(pos == (u128)b + 1);
	}
}

/* imap_build against painting a small space cell by cell. */
static void
test_imap_oracle(void **state)
{
	enum { SPACE = 200, PAINTS = 40 };
	unsigned round;

	(void)state;
	srandom(11);
	for (round = 0; round < 300; round++) {
		struct paint p[PAINTS];
		uint32_t want[SPACE];
		uint64_t best[SPACE];
		struct imap m;
		unsigned i, v, n = (unsigned)(random() % PAINTS);

		memset(want, 0, sizeof(want));
		memset(best, 0, sizeof(best));
		for (i = 0; i < n; i++) {
			unsigned a = (unsigned)(random() % SPACE);
			unsigned b = a + (unsigned)(random() % (SPACE - a));

			p[i].first = a;
			p[i].last = b;
			p[i].prio = (uint64_t)(random() % 1000) << 8 | i;
			p[i].val = (uint32_t)(random() % 4);
			for (v = a; v <= b; v++)
				if (p[i].prio + 1 > best[v]) {
					best[v] = p[i].prio + 1;
					want[v] = p[i].val;
				}
		}
		imap_build(&m, p, n);
		for (v = 0; v < SPACE; v++) {
			const struct seg *s = imap_find(&m, v);

			assert_int_equal(s != NULL ? s->val : 0, want[v]);
		}
		for (i = 1; i < m.n; i++) {
			assert_true(m.segs[i - 1].last < m.segs[i].first);
			/* Adjacent equal values are merged. */
			assert_false(m.segs[i - 1].last + 1 == m.segs[i].first &&
			    m.segs[i - 1].val == m.segs[i].val);
		}
		imap_free(&m);
	}
}

/* A paint up to the top of the IPv6 space must not wrap. */
static void
test_imap_top(void **state)
{
	struct paint p[2] = {
		{ 0, ~(u128)0, 1, 1 },
		{ ~(u128)0 - 9, ~(u128)0, 2, 2 },
	};
	struct imap m;

	(void)state;
	imap_build(&m, p, 2);
	assert_int_equal(m.n, 2);
	assert_int_equal(imap_find(&m, ~(u128)0)->val, 2);
	assert_int_equal(imap_find(&m, 0)->val, 1);
	imap_free(&m);
}

/* ---- rirstats ----------------------------------------------------- */

static void
test_rir_sample(void **state)
{
	struct rir_stats s;
	struct diag d;
	const struct rir_file *f;
	char buf[256];

	(void)state;
	log_verbose = -1;
	rir_stats_init(&s);
	rirstats_diag_init(&d, T "delegated-afrinic-extended-latest_2024.sample");
	assert_int_equal(rirstats_read_file(&s, d.name, &d), 0);
	assert_int_equal(d.total, 0);
	f = &s.files[0];
	assert_int_equal(f->rir, RIR_AFRINIC);
	assert_string_equal(f->version, "2");
	assert_string_equal(f->enddate, "20240105");
	/* Summary lines as in the file; the head has fewer records. */
	assert_int_equal(f->summary[RIR_T_ASN], 3326);
	assert_int_equal(f->summary[RIR_T_IPV6], 7186);
	/* 244 lines: version, 3 summaries, 80 records of each type. */
	assert_int_equal(s.n, 240);
	assert_int_equal(f->count[RIR_T_ASN], 80);
	assert_int_equal(f->count[RIR_T_IPV4], 80);
	assert_int_equal(f->count[RIR_T_IPV6], 80);
	/* First record, formatted back as in the file. */
	rirstats_fmt(&s.recs[0], buf, sizeof(buf));
	assert_string_equal(buf, "afrinic|ZA|asn|1228|1|19910301|allocated|"
	    "F36B9F4B");
	assert_int_equal(s.recs[0].line, 5);
	rir_stats_free(&s);
}

static void
test_rir_gzip_sample(void **state)
{
	struct rir_stats s;
	struct diag d;

	(void)state;
	log_verbose = -1;
	rir_stats_init(&s);
	rirstats_diag_init(&d, T "delegated-ripencc-extended-latest.head200.gz");
	assert_int_equal(rirstats_read_file(&s, d.name, &d), 0);
	assert_int_equal(d.total, 0);
	assert_int_equal(s.files[0].rir, RIR_RIPENCC);
	/* 200 lines: version, 3 summaries, 196 records, 7 fields each. */
	assert_int_equal(s.n, 196);
	assert_string_equal(s.recs[0].opaque, "");
	rir_stats_free(&s);
}

static void
test_rir_ranges(void **state)
{
	static const char text[] =
	    "2.3|lacnic|20240104|4|19870101|20240104|-0300\n"
	    "lacnic|*|ipv4|*|2|summary\n"
	    "lacnic|BR|ipv4|24.152.0.0|768|20200310|allocated|310248\n"
	    "lacnic||ipv4|190.9.127.0|256||available\n"
	    "lacnic||ipv6|2001:1201:20::|43||available\n"
	    "lacnic|AR|asn|27648|1024|20020101|allocated|x|ext1|ext2\n";
	struct prefix c[RANGE_MAX_CIDRS];
	struct rir_stats s;
	struct diag d;
	char a[PREFIX_STRLEN];

	(void)state;
	log_verbose = -1;
	rir_stats_init(&s);
	assert_int_equal(rir_str(&s, text, &d), 0);
	assert_int_equal(d.total, 0);
	assert_int_equal(s.n, 4);
	/* 768 addresses: not a power of two, two blocks. */
	assert_int_equal(rirstats_cidrs(&s.recs[0], c), 2);
	prefix_fmt(&c[1], a);
	assert_string_equal(a, "24.152.2.0/24");
	assert_int_equal(s.recs[1].status, RIR_S_AVAILABLE);
	assert_string_equal(s.recs[1].cc, "");
	assert_int_equal(s.recs[1].date, 0);
	assert_int_equal(rirstats_cidrs(&s.recs[2], c), 1);
	assert_int_equal(c[0].len, 43);
	/* An ASN range stays a range. */
	assert_true(s.recs[3].first == 27648 && s.recs[3].last == 28671);
	assert_int_equal(s.files[0].extensions, 1);
	assert_int_equal(s.files[0].count[RIR_T_IPV4], 2);
	rir_stats_free(&s);
}

static void
test_rir_rejects(void **state)
{
	static const char text[] =
	    "2|afrinic|20240105|9|00000000|20240105|00000\n"
	    "afrinic|ZA|ipv4|41.0.0.0|0|20240105|allocated\n"	/* count 0 */
	    "afrinic|ZA|ipv4|255.255.255.0|257|20240105|allocated\n"
	    "afrinic|ZA|ipv6|2c0f:f000::1|32|20240105|allocated\n"
	    "afrinic|ZA|ipv4|041.0.0.0|256|20240105|allocated\n"
	    "afrinic|za|asn|1|1|20240105|allocated\n"
	    "afrinic|ZA|asn|4294967295|2|20240105|allocated\n"
	    "afrinic|ZA|asn|1|1|20241305|allocated\n"
	    "afrinic|ZA|asn|1|1|20240105|taken\n"
	    "apnic|AU|asn|1|1|20240105|allocated\n"
	    "afrinic|ZA|asn|1\n"
	    "afrinic|ZA|ipv4|41.0.0.0|0256|20240105|allocated\n"
	    "afrinic|ZA|asn|7|1|20240105|allocated\n";
	struct rir_stats s;
	struct diag d;

	(void)state;
	log_verbose = -1;
	rir_stats_init(&s);
	assert_int_equal(rir_str(&s, text, &d), 0);
	assert_int_equal(s.n, 1);
	assert_int_equal(d.total, 11);
	assert_int_equal(d.rejected[RIR_REJ_VALUE], 4);
	assert_int_equal(d.rejected[RIR_REJ_HOST_BITS], 1);
	assert_int_equal(d.rejected[RIR_REJ_START], 1);
	assert_int_equal(d.rejected[RIR_REJ_CC], 1);
	assert_int_equal(d.rejected[RIR_REJ_DATE], 1);
	assert_int_equal(d.rejected[RIR_REJ_STATUS], 1);
	assert_int_equal(d.rejected[RIR_REJ_REGISTRY], 1);
	assert_int_equal(d.rejected[RIR_REJ_SYNTAX], 1);
	/* The first message names the file and line. */
	assert_non_null(strstr(d.first, "mem:2: bad value"));
	rir_stats_free(&s);
}

static void
test_rir_hostile(void **state)
{
	static const char *const fatal[] = {
		"",
		"not|a|version|line\n",
		"apnic|AU|asn|1|1|20240105|allocated\n",
		"\x1f\x8b\x08\x00garbage",
		"2|afrinic\0|1|1|1|1|1\n",
	};
	struct rir_stats s;
	struct diag d;
	char *big;
	size_t i;

	(void)state;
	log_verbose = -1;
	for (i = 0; i < sizeof(fatal) / sizeof(fatal[0]); i++) {
		struct reader *rd = mem_reader(fatal[i], i == 4 ? 21 :
		    strlen(fatal[i]));

		rir_stats_init(&s);
		rirstats_diag_init(&d, "mem");
		assert_int_equal(rirstats_read(&s, rd, "mem", &d), -1);
		assert_true(d.fatal[0] != '\0');
		reader_close(rd);
		rir_stats_free(&s);
	}
	/* A line over the cap is skipped and counted; reading goes on. */
	big = malloc(3 * MAX_RIR_LINE);
	assert_non_null(big);
	snprintf(big, 64, "2|apnic|1|1||20130416|+1000\napnic|AU|asn|1|1|");
	memset(big + strlen(big), '9', 2 * MAX_RIR_LINE);
	memcpy(big + 2 * MAX_RIR_LINE + 40, "\napnic|AU|asn|2|1||allocated\n",
	    sizeof("\napnic|AU|asn|2|1||allocated\n"));
	rir_stats_init(&s);
	assert_int_equal(rir_str(&s, big, &d), 0);
	assert_int_equal(d.rejected[RIR_REJ_LIMIT], 1);
	assert_int_equal(s.n, 1);
	assert_int_equal(s.recs[0].line, 3);
	rir_stats_free(&s);
	free(big);
}

/* The full files: record counts equal the summary lines. */
static void
test_rir_shared(void **state)
{
	static const char *const files[] = {
		SHARED "delegated-afrinic-extended-latest_2024",
		SHARED "delegated-lacnic-extended-latest_2024",
		SHARED "ripewhois_delegated-apnic-extended-latest.gz",
		SHARED "ripewhois_delegated-ripencc-extended-latest.gz",
	};
	size_t i;
	int t;

	(void)state;
	log_verbose = -1;
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		struct rir_stats s;
		struct diag d;

		if (!have(files[i])) {
			printf("# skip %s (not present)\n", files[i]);
			continue;
		}
		rir_stats_init(&s);
		rirstats_diag_init(&d, files[i]);
		assert_int_equal(rirstats_read_file(&s, files[i], &d), 0);
		assert_int_equal(d.total, 0);
		for (t = 0; t < RIR_T_MAX; t++)
			assert_int_equal(s.files[0].summary[t],
			    s.files[0].count[t]);
		rir_stats_free(&s);
	}
}

/* ---- IANA --------------------------------------------------------- */

static const struct iana_entry *
find_entry(const struct iana_registry *r, const char *pfx)
{
	char a[PREFIX_STRLEN];
	size_t i;

	for (i = 0; i < r->n; i++) {
		prefix_fmt(&r->e[i].pfx, a);
		if (strcmp(a, pfx) == 0)
			return &r->e[i];
	}
	return NULL;
}

static void
test_iana_special(void **state)
{
	struct iana_registry r;
	const struct iana_entry *e;
	struct diag d;
	char fl[16];

	(void)state;
	log_verbose = -1;
	iana_init(&r);
	iana_diag_init(&d, T "iana_iana-ipv4-special-registry.xml");
	assert_int_equal(iana_read_file(&r, d.name, &d), 0);
	assert_int_equal(d.total, 0);
	assert_int_equal(r.kind, IANA_V4_SPECIAL);
	assert_string_equal(r.updated, "2021-02-04");
	/* 24 <record>s, one with two prefixes (grep -c '<record' = 24). */
	assert_int_equal(r.n, 25);
	e = find_entry(&r, "127.0.0.0/8");
	assert_non_null(e);
	assert_string_equal(e->name, "Loopback");
	assert_string_equal(e->spec, "rfc1122, Section 3.2.1.3");
	assert_string_equal(iana_flag_fmt(e->flag[IANA_F_GLOBAL], fl),
	    "False [1]");
	assert_non_null(strstr(iana_note(&r, 1), "granted exceptions"));
	e = find_entry(&r, "192.0.0.171/32");
	assert_non_null(e);
	assert_string_equal(e->name, "NAT64/DNS64 Discovery");
	e = find_entry(&r, "192.88.99.0/24");
	assert_non_null(e);
	assert_int_equal(e->flag[IANA_F_GLOBAL].v, IANA_B_EMPTY);
	assert_string_equal(e->termination, "2015-03");
	e = find_entry(&r, "192.31.196.0/24");
	assert_int_equal(e->flag[IANA_F_GLOBAL].v, IANA_B_TRUE);
	iana_free(&r);

	iana_init(&r);
	iana_diag_init(&d, T "iana_iana-ipv6-special-registry.xml");
	assert_int_equal(iana_read_file(&r, d.name, &d), 0);
	assert_int_equal(r.kind, IANA_V6_SPECIAL);
	e = find_entry(&r, "2002::/16");
	assert_non_null(e);
	assert_string_equal(iana_flag_fmt(e->flag[IANA_F_GLOBAL], fl),
	    "N/A [3]");
	iana_free(&r);
}

static void
test_iana_space(void **state)
{
	struct iana_registry r;
	const struct iana_entry *e;
	struct diag d;

	(void)state;
	log_verbose = -1;
	iana_init(&r);
	iana_diag_init(&d, T "iana_ipv4-address-space.xml");
	assert_int_equal(iana_read_file(&r, d.name, &d), 0);
	assert_int_equal(d.total, 0);
	assert_int_equal(r.n, 256);
	e = find_entry(&r, "41.0.0.0/8");
	assert_string_equal(e->name, "AFRINIC");
	assert_string_equal(e->whois, "whois.afrinic.net");
	assert_int_equal(e->status, IANA_S_ALLOCATED);
	e = find_entry(&r, "3.0.0.0/8");
	assert_int_equal(e->status, IANA_S_LEGACY);
	e = find_entry(&r, "240.0.0.0/8");
	assert_int_equal(e->status, IANA_S_RESERVED);
	iana_free(&r);

	iana_init(&r);
	iana_diag_init(&d, T "iana_ipv6-address-space.xml");
	assert_int_equal(iana_read_file(&r, d.name, &d), 0);
	assert_int_equal(r.kind, IANA_V6_SPACE);
	e = find_entry(&r, "fc00::/7");
	assert_string_equal(e->name, "Unique Local Unicast");
	assert_string_equal(e->spec, "rfc4193");
	e = find_entry(&r, "4000::/3");
	assert_int_equal(e->status, IANA_S_RESERVED);
	iana_free(&r);

	iana_init(&r);
	iana_diag_init(&d, T "ripewhois_IanaIpv6AdministrativeRange.xml");
	assert_int_equal(iana_read_file(&r, d.name, &d), 0);
	assert_int_equal(r.kind, IANA_V6_UNICAST);
	assert_int_equal(r.n, 51);
	e = find_entry(&r, "2c00::/12");
	assert_string_equal(e->name, "AFRINIC");
	iana_free(&r);
}

#define REG_HEAD "<?xml version='1.0'?><registry xmlns=\"" \
	"http://www.iana.org/assignments\" id=\"iana-ipv4-special-registry\">"

static void
test_iana_rejects(void **state)
{
	static const char text[] = REG_HEAD
	    "<record><address>10.0.0.0/8</address><name>a</name>"
	    "<global>Maybe</global></record>\n"
	    "<record><address>10.0.0.1/8</address><global>False</global>"
	    "</record>\n"
	    "<record><address>2001:db8::/32</address></record>\n"
	    "<record><name>no prefix</name></record>\n"
	    "<record><address>10.0.0.0/33</address></record>\n"
	    "<record><address>192.0.2.0/24</address><global>False"
	    "</global></record></registry>";
	struct iana_registry r;
	struct diag d;

	(void)state;
	log_verbose = -1;
	iana_init(&r);
	assert_int_equal(iana_str(&r, text, &d), 0);
	assert_int_equal(r.n, 1);
	assert_int_equal(d.rejected[IANA_REJ_FLAG], 1);
	assert_int_equal(d.rejected[IANA_REJ_HOST_BITS], 1);
	assert_int_equal(d.rejected[IANA_REJ_FAMILY], 1);
	assert_int_equal(d.rejected[IANA_REJ_PREFIX], 2);
	iana_free(&r);
}

static void
test_iana_hostile(void **state)
{
	static const char *const fatal[] = {
		"",
		"not xml",
		"<registry id=\"ipv4-address-space\"></registry>",
		"<?xml version='1.0'?><registry xmlns=\"http://www.iana.org/"
		    "assignments\" id=\"other\"></registry>",
		"<?xml version='1.0'?><!DOCTYPE r [<!ENTITY a \"aaaa\">"
		    "<!ENTITY b \"&a;&a;&a;&a;\">]>" REG_HEAD "</registry>",
		REG_HEAD "<record><address>10.0.0.0/8",
		"<?xml version='1.0'?><foo/>",
	};
	struct iana_registry r;
	struct diag d;
	char *deep;
	size_t i, o;

	(void)state;
	log_verbose = -1;
	for (i = 0; i < sizeof(fatal) / sizeof(fatal[0]); i++) {
		iana_init(&r);
		assert_int_equal(iana_str(&r, fatal[i], &d), -1);
		assert_true(d.fatal[0] != '\0');
		iana_free(&r);
	}
	/* Nesting past the cap is fatal, not a stack overflow. */
	deep = malloc(100000);
	assert_non_null(deep);
	o = (size_t)snprintf(deep, 200, "%s", REG_HEAD);
	for (i = 0; i < 5000; i++)
		o += (size_t)snprintf(deep + o, 8, "<a>");
	deep[o] = '\0';
	iana_init(&r);
	assert_int_equal(iana_str(&r, deep, &d), -1);
	assert_non_null(strstr(d.fatal, "nested too deep"));
	iana_free(&r);
	/* A text over the cap rejects its record only. */
	o = (size_t)snprintf(deep, 200, "%s<record><address>10.0.0.0/8"
	    "</address><name>", REG_HEAD);
	memset(deep + o, 'x', MAX_IANA_TEXT + 10);
	o += MAX_IANA_TEXT + 10;
	snprintf(deep + o, 100, "</name></record></registry>");
	iana_init(&r);
	assert_int_equal(iana_str(&r, deep, &d), 0);
	assert_int_equal(d.rejected[IANA_REJ_LIMIT], 1);
	assert_int_equal(r.n, 0);
	iana_free(&r);
	free(deep);
}

/* ---- bogons ------------------------------------------------------- */

struct world {
	struct iana_registry	 reg[5];
	const struct iana_registry *use[5];
	struct rir_stats	 st;
	struct bogons		 b;
};

static void
world_load(struct world *w, bool rir)
{
	static const char *const files[5] = {
		T "iana_iana-ipv4-special-registry.xml",
		T "iana_iana-ipv6-special-registry.xml",
		T "iana_ipv4-address-space.xml",
		T "iana_ipv6-address-space.xml",
		T "ripewhois_IanaIpv6AdministrativeRange.xml",
	};
	struct diag d;
	unsigned i;

	log_verbose = -1;
	for (i = 0; i < 5; i++) {
		iana_init(&w->reg[i]);
		iana_diag_init(&d, files[i]);
		assert_int_equal(iana_read_file(&w->reg[i], files[i], &d), 0);
		w->use[i] = &w->reg[i];
	}
	rir_stats_init(&w->st);
	if (rir) {
		rirstats_diag_init(&d, T "delegated-afrinic-extended-"
		    "latest_2024.sample");
		assert_int_equal(rirstats_read_file(&w->st, d.name, &d), 0);
	}
	bogons_build(&w->b, w->use, 5, &w->st);
}

static void
world_free(struct world *w)
{
	unsigned i;

	bogons_free(&w->b);
	for (i = 0; i < 5; i++)
		iana_free(&w->reg[i]);
	rir_stats_free(&w->st);
}

static enum bogon_class
classify(const struct bogons *b, const char *s, bool *inside,
    char *why, size_t len)
{
	struct bogon_hit h[4];
	struct prefix p;
	const char *e = NULL;
	size_t nh;
	enum bogon_class c;

	assert_true(prefix_parse(s, strlen(s), &p, &e));
	c = bogons_prefix(b, &p, h, 4, &nh, inside);
	why[0] = '\0';
	if (nh > 0)
		bogons_reason_fmt(h[0].why, why, len);
	return c;
}

static void
test_bogons_prefixes(void **state)
{
	struct world *w = calloc(1, sizeof(*w));
	char why[BOGON_REASON_STRLEN];
	bool in;

	(void)state;
	assert_non_null(w);
	world_load(w, true);
	assert_int_equal(classify(&w->b, "10.20.0.0/16", &in, why,
	    sizeof(why)), BOGON_FULL);
	assert_true(in);
	assert_non_null(strstr(why, "10.0.0.0/8 Private-Use (rfc1918)"));
	/* Globally reachable inside a not reachable /24. */
	assert_int_equal(classify(&w->b, "192.0.0.9/32", &in, why,
	    sizeof(why)), BOGON_NONE);
	assert_int_equal(classify(&w->b, "192.0.0.0/29", &in, why,
	    sizeof(why)), BOGON_FULL);
	assert_non_null(strstr(why, "IPv4 Service Continuity"));
	/* Covering a bogon is "in part". */
	assert_int_equal(classify(&w->b, "8.0.0.0/6", &in, why,
	    sizeof(why)), BOGON_FULL);
	assert_false(in);
	assert_int_equal(classify(&w->b, "240.0.0.0/4", &in, why,
	    sizeof(why)), BOGON_FULL);
	assert_true(in);
	assert_int_equal(classify(&w->b, "8.8.8.0/24", &in, why,
	    sizeof(why)), BOGON_NONE);
	/* IPv6: outside 2000::/3, IANA-unallocated, ULA, 6to4 (N/A). */
	assert_int_equal(classify(&w->b, "4000::/16", &in, why,
	    sizeof(why)), BOGON_FULL);
	assert_int_equal(classify(&w->b, "3000::/16", &in, why,
	    sizeof(why)), BOGON_FULL);
	assert_int_equal(classify(&w->b, "fd00::/8", &in, why,
	    sizeof(why)), BOGON_FULL);
	assert_int_equal(classify(&w->b, "2002::/16", &in, why,
	    sizeof(why)), BOGON_NONE);
	assert_int_equal(classify(&w->b, "2001:db8:1::/48", &in, why,
	    sizeof(why)), BOGON_FULL);
	assert_int_equal(classify(&w->b, "2a00::/16", &in, why,
	    sizeof(why)), BOGON_NONE);
	world_free(w);
	free(w);
}

/* RIR available/reserved records are admin bogons; regions from RIRs. */
static void
test_bogons_rir(void **state)
{
	struct world *w = calloc(1, sizeof(*w));
	const struct bogon_reason *r;
	const struct rir_stats *st;
	size_t i;

	(void)state;
	assert_non_null(w);
	world_load(w, true);
	st = &w->st;
	/* Every record of the sample: ASNs answer as the record says. */
	for (i = 0; i < st->n; i++) {
		const struct rir_record *rec = &st->recs[i];
		bool admin = rec->status == RIR_S_AVAILABLE ||
		    rec->status == RIR_S_RESERVED;
		enum bogon_class c;

		if (rec->type != RIR_T_ASN)
			continue;
		c = bogons_asn(&w->b, (uint32_t)rec->last, &r);
		if (c == BOGON_FULL)
			continue;	/* a reserved range wins */
		assert_int_equal(c, admin ? BOGON_ADMIN : BOGON_NONE);
		r = bogons_region_asn(&w->b, (uint32_t)rec->first);
		assert_non_null(r);
		assert_string_equal(bogons_reason_cc(r), rec->cc);
		assert_int_equal(r->rir, RIR_AFRINIC);
	}
	/* afrinic|ZZ|ipv4|41.57.113.0|256||reserved| */
	{
		struct bogon_hit h[2];
		struct prefix p;
		const char *why = NULL;
		char buf[BOGON_REASON_STRLEN];
		size_t nh;
		bool in;

		assert_true(prefix_parse("41.57.113.0/24", 14, &p, &why));
		assert_int_equal(bogons_prefix(&w->b, &p, h, 2, &nh, &in),
		    BOGON_ADMIN);
		assert_true(in);
		bogons_reason_fmt(h[0].why, buf, sizeof(buf));
		assert_non_null(strstr(buf, "sample line 145: afrinic|ZZ|ipv4|"
		    "41.57.113.0|256||reserved"));
	}
	assert_int_equal(bogons_asn(&w->b, 0, &r), BOGON_FULL);
	assert_int_equal(bogons_asn(&w->b, 23456, &r), BOGON_FULL);
	assert_int_equal(bogons_asn(&w->b, 64511, &r), BOGON_FULL);
	assert_int_equal(bogons_asn(&w->b, 65551, &r), BOGON_FULL);
	assert_int_equal(bogons_asn(&w->b, 131071, &r), BOGON_FULL);
	assert_int_equal(bogons_asn(&w->b, 131072, &r), BOGON_NONE);
	assert_int_equal(bogons_asn(&w->b, 4199999999u, &r), BOGON_NONE);
	assert_int_equal(bogons_asn(&w->b, 4294967295u, &r), BOGON_FULL);
	world_free(w);
	free(w);
}

/* Without RIR data our full set must lie inside Cymru's (IPv4). */
static void
test_bogons_cymru_v4(void **state)
{
	struct world *w = calloc(1, sizeof(*w));
	struct prefix_list l = { 0 };
	struct diag d;
	size_t i;
	u128 total = 0, covered = 0;

	(void)state;
	assert_non_null(w);
	world_load(w, false);
	prefixlist_diag_init(&d, T "cymru_fullbogons-ipv4.txt");
	assert_int_equal(prefixlist_read_file(&l, d.name, &d), 0);
	assert_int_equal(l.n, 703);
	/* Every Cymru prefix classified; count ours inside theirs. */
	for (i = 0; i < w->b.ip[0].n; i++) {
		const struct seg *s = &w->b.ip[0].segs[i];
		size_t j;

		total += range_size(s->first, s->last);
		for (j = 0; j < l.n; j++) {
			u128 a, b;

			prefix_range(&l.p[j], &a, &b);
			if (a <= s->last && b >= s->first)
				covered += range_size(a > s->first ? a :
				    s->first, b < s->last ? b : s->last);
		}
	}
	/* Only 192.0.0.0/24's non-reachable parts differ: under 256. */
	assert_true(total - covered < 256);
	assert_true(total > 580000000u);
	prefixlist_free(&l);
	world_free(w);
	free(w);
}

/* Registry files go by kind, at most BOGON_MAX_INPUTS of each. */
static void
test_bogon_inputs(void **state)
{
	struct bogon_inputs bi;
	char err[256];
	unsigned i;

	(void)state;
	memset(&bi, 0, sizeof(bi));
	assert_true(bogon_is_iana_file("rir/ipv4-address-space.xml"));
	assert_false(bogon_is_iana_file("rir/delegated-ripencc-extended"));
	assert_false(bogon_is_iana_file("xml"));
	for (i = 0; i < BOGON_MAX_INPUTS; i++) {
		assert_true(bogon_inputs_add(&bi, "a.xml", err, sizeof(err)));
		assert_true(bogon_inputs_add(&bi, "delegated", err,
		    sizeof(err)));
	}
	assert_int_equal(bi.niana, BOGON_MAX_INPUTS);
	assert_int_equal(bi.nrir, BOGON_MAX_INPUTS);
	assert_string_equal(bi.iana[0], "a.xml");
	assert_string_equal(bi.rir[0], "delegated");
	assert_false(bogon_inputs_add(&bi, "b.xml", err, sizeof(err)));
	assert_non_null(strstr(err, "b.xml: more than 64 IANA registry"));
	assert_false(bogon_inputs_add(&bi, "c", err, sizeof(err)));
	assert_non_null(strstr(err, "c: more than 64 RIR statistics"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_range_cidrs),
		cmocka_unit_test(test_range_cidrs_random),
		cmocka_unit_test(test_imap_oracle),
		cmocka_unit_test(test_imap_top),
		cmocka_unit_test(test_rir_sample),
		cmocka_unit_test(test_rir_gzip_sample),
		cmocka_unit_test(test_rir_ranges),
		cmocka_unit_test(test_rir_rejects),
		cmocka_unit_test(test_rir_hostile),
		cmocka_unit_test(test_rir_shared),
		cmocka_unit_test(test_iana_special),
		cmocka_unit_test(test_iana_space),
		cmocka_unit_test(test_iana_rejects),
		cmocka_unit_test(test_iana_hostile),
		cmocka_unit_test(test_bogons_prefixes),
		cmocka_unit_test(test_bogons_rir),
		cmocka_unit_test(test_bogons_cymru_v4),
		cmocka_unit_test(test_bogon_inputs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
