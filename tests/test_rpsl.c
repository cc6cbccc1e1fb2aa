/*
 * RPSL reader tests: real dumps (counts taken independently with awk and
 * grep), the syntax corners of RFC 2622 section 2, hostile input and the
 * route/list helpers.
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

#include "base/limits.h"
#include "base/log.h"
#include "formats/rpsl.h"

#define TEST_DB		"testdata/irr/ripewhois_TEST.db"
#define AS3257_HEAD	"testdata/irr/rpslrs_aut-num_AS3257.head200.txt"
#define AS3257_FULL	"../shared/data/irr/rpslrs_aut-num_AS3257.txt"

static struct rpsl_file *
open_path(const char *path)
{
	char err[256];
	struct reader *rd = reader_open(path, err, sizeof(err));

	if (rd == NULL)
		fail_msg("%s", err);
	return rpsl_file_new(rd, path);
}

/* The bytes through a memfd, as a file would be read. */
static struct rpsl_file *
open_mem(const void *data, size_t len)
{
	char err[256];
	struct reader *rd;
	const char *p = data;
	int fd = memfd_create("rpsl", 0);

	assert_true(fd >= 0);
	while (len > 0) {
		ssize_t n = write(fd, p, len);

		assert_true(n > 0);
		p += n;
		len -= (size_t)n;
	}
	assert_int_equal(lseek(fd, 0, SEEK_SET), 0);
	rd = reader_fdopen(fd, "mem", err, sizeof(err));
	if (rd == NULL)
		fail_msg("%s", err);
	return rpsl_file_new(rd, "mem");
}

static struct rpsl_file *
open_str(const char *s)
{
	return open_mem(s, strlen(s));
}

static size_t
count_class(const char *path, const char *class)
{
	struct rpsl_file *f = open_path(path);
	struct rpsl_object o;
	size_t n = 0;

	while (rpsl_next(f, &o) == 1)
		if (class == NULL || strcmp(o.class, class) == 0)
			n++;
	rpsl_file_free(f);
	return n;
}

static uint64_t
skipped_total(const struct rpsl_stats *st)
{
	uint64_t n = 0;
	int i;

	for (i = 0; i < RPSL_ERR_MAX; i++)
		n += st->skipped[i];
	return n;
}

/* Every object printed back, for comparing two reads of one dump. */
static char *
dump_all(struct rpsl_file *f, size_t *len)
{
	struct rpsl_object o;
	char *buf = NULL;
	FILE *fp = open_memstream(&buf, len);

	assert_non_null(fp);
	while (rpsl_next(f, &o) == 1) {
		rpsl_object_print(fp, &o);
		fputc('\n', fp);
	}
	fclose(fp);
	return buf;
}

static void
test_ripe_test_db(void **state)
{
	/* awk 'BEGIN{RS=""} ...' over the file: first attribute per paragraph */
	static const struct {
		const char	*class;
		size_t		 n;
	} want[] = {
		{ "mntner", 40 }, { "person", 37 }, { "inetnum", 36 },
		{ "aut-num", 34 }, { "organisation", 33 }, { "inet6num", 32 },
		{ "domain", 3 }, { "route", 1 }, { "role", 1 },
		{ "key-cert", 1 }, { "as-set", 1 }, { "as-block", 1 },
	};
	struct rpsl_file *f;
	struct rpsl_object o;
	size_t i, nobj = 0, nattr = 0, nsrc = 0, ncomment = 0;

	(void)state;
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		assert_int_equal(count_class(TEST_DB, want[i].class),
		    want[i].n);
	f = open_path(TEST_DB);
	while (rpsl_next(f, &o) == 1) {
		nobj++;
		nattr += o.nattrs;
		if (o.source != NULL && strcmp(o.source, "TEST") == 0)
			nsrc++;
		if (o.line == 6) {
			/* Space and tab continuations, joined with '\n'. */
			assert_string_equal(o.class, "person");
			assert_string_equal(o.key, "John Smith");
			assert_string_equal(rpsl_attr_first(&o, "address"),
			    "Example LTD\nHigh street 12\nSt.Mery Mead\n"
			    "Essex, UK");
			assert_int_equal(o.attrs[2].line, 11);
			assert_string_equal(o.attrs[2].name, "phone");
		}
		if (strcmp(o.class, "inetnum") == 0 &&
		    strcmp(o.key, "0.0.0.0 - 255.255.255.255") == 0) {
			/* "country: EU # Country is really world wide" */
			assert_string_equal(rpsl_attr_first(&o, "country"),
			    "EU");
			ncomment++;
		}
	}
	/* grep -c '^[a-zA-Z][a-zA-Z0-9_-]*:' */
	assert_int_equal(nobj, 220);
	assert_int_equal(nattr, 2439);
	assert_int_equal(nsrc, 220);
	assert_int_equal(ncomment, 1);
	assert_int_equal(skipped_total(rpsl_file_stats(f)), 0);
	assert_null(rpsl_file_error(f));
	assert_null(rpsl_file_last_skip(f));
	rpsl_file_free(f);
}

static void
test_ripe_as_set_and_route(void **state)
{
	struct rpsl_file *f = open_path(TEST_DB);
	struct rpsl_object o;
	struct prefix p;
	char buf[PREFIX_STRLEN];
	const char *why, *s, *item;
	uint32_t origin;
	size_t i, len, nmemb = 0, nroute = 0;

	(void)state;
	while (rpsl_next(f, &o) == 1) {
		if (strcmp(o.class, "route") == 0) {
			assert_true(rpsl_route_parse(&o, &p, &origin, &why));
			prefix_fmt(&p, buf);
			assert_string_equal(buf, "10.11.11.0/24");
			assert_int_equal(origin, 101111);
			nroute++;
		}
		if (strcmp(o.class, "as-set") != 0)
			continue;
		assert_string_equal(o.key, "AS-set-attendees");
		for (i = 0; i < o.nattrs; i++) {
			if (strcmp(o.attrs[i].name, "members") != 0)
				continue;
			s = o.attrs[i].value;
			while (rpsl_list_next(&s, &item, &len)) {
				char want[8];

				nmemb++;
				snprintf(want, sizeof(want), "as%zu", nmemb);
				assert_int_equal(len, strlen(want));
				assert_memory_equal(item, want, len);
			}
		}
	}
	assert_int_equal(nroute, 1);
	assert_int_equal(nmemb, 30);
	rpsl_file_free(f);
}

static void
test_aut_num_at_eof(void **state)
{
	struct rpsl_file *f;
	struct rpsl_object o;
	size_t i, nimport = 0;

	(void)state;
	/* 200 lines, no blank line after the object. */
	f = open_path(AS3257_HEAD);
	assert_int_equal(rpsl_next(f, &o), 1);
	assert_string_equal(o.class, "aut-num");
	assert_string_equal(o.key, "AS3257");
	assert_int_equal(o.nattrs, 200);
	assert_int_equal(o.line, 1);
	assert_int_equal(o.attrs[199].line, 200);
	assert_null(o.source);
	for (i = 0; i < o.nattrs; i++)
		if (strcmp(o.attrs[i].name, "import") == 0)
			nimport++;
	assert_int_equal(nimport, 196);
	assert_string_equal(o.attrs[4].value, "from AS12 accept AS12");
	assert_int_equal(rpsl_next(f, &o), 0);
	assert_int_equal(rpsl_file_stats(f)->objects, 1);
	assert_int_equal(rpsl_file_stats(f)->lines, 200);
	rpsl_file_free(f);

	/* The whole object when the shared data is beside the repository. */
	if (access(AS3257_FULL, R_OK) != 0)
		return;
	f = open_path(AS3257_FULL);
	assert_int_equal(rpsl_next(f, &o), 1);
	assert_int_equal(o.nattrs, 9567);
	assert_string_equal(o.source, "RIPE");
	assert_int_equal(rpsl_next(f, &o), 0);
	rpsl_file_free(f);
}

/* f reads the 220 objects of TEST.db, printed as want; f is freed. */
static void
expect_same_dump(struct rpsl_file *f, const char *want, size_t wlen)
{
	size_t len;
	char *got = dump_all(f, &len);

	assert_int_equal(rpsl_file_stats(f)->objects, 220);
	assert_null(rpsl_file_error(f));
	rpsl_file_free(f);
	assert_int_equal(len, wlen);
	assert_memory_equal(got, want, len);
	free(got);
}

static void
test_gzip_same_as_plain(void **state)
{
	char dir[64], cmd[256], gz[128];
	struct rpsl_file *f;
	char *a;
	size_t alen;

	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/manrs-test-rpsl.XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(gz, sizeof(gz), "%s/test.db.gz", dir);
	snprintf(cmd, sizeof(cmd), "gzip -c < %s > %s", TEST_DB, gz);
	assert_int_equal(system(cmd), 0);

	f = open_path(TEST_DB);
	a = dump_all(f, &alen);
	rpsl_file_free(f);
	expect_same_dump(open_path(gz), a, alen);
	/* The printed form reads back to itself, from a file and memory. */
	expect_same_dump(open_mem(a, alen), a, alen);
	expect_same_dump(rpsl_buffer_new(a, alen, "buf"), a, alen);
	free(a);

	unlink(gz);
	rmdir(dir);
}

static void
test_continuations(void **state)
{
	static const char text[] =
	    "as-set:   AS-CONT\n"
	    "descr:    first\n"
	    " second (space)\n"
	    "\tthird (tab)\n"
	    "+\n"
	    "+   fifth after an empty line\n"
	    "members:\n"
	    "          AS1, AS2   # comment on a continuation\n"
	    "+         AS3\n"
	    "\t\t  \n"
	    "source:   TEST\n";
	struct rpsl_file *f = open_str(text);
	struct rpsl_object o;

	(void)state;
	/* The line "\t\t  " is blank: it ends the object. */
	assert_int_equal(rpsl_next(f, &o), 1);
	assert_int_equal(o.nattrs, 3);
	assert_string_equal(o.attrs[1].value,
	    "first\nsecond (space)\nthird (tab)\n\nfifth after an empty line");
	assert_string_equal(o.attrs[2].name, "members");
	assert_string_equal(o.attrs[2].value, "AS1, AS2\nAS3");
	assert_int_equal(o.attrs[2].line, 7);
	assert_null(o.source);
	assert_int_equal(rpsl_next(f, &o), 1);
	assert_string_equal(o.class, "source");
	assert_int_equal(o.line, 11);
	assert_int_equal(rpsl_next(f, &o), 0);
	rpsl_file_free(f);

	/* Trailing "+" lines add nothing. */
	f = open_str("remarks: a\n+\n+\n\n");
	assert_int_equal(rpsl_next(f, &o), 1);
	assert_string_equal(o.key, "a");
	rpsl_file_free(f);
}

static void
test_comments_case_repeats(void **state)
{
	static const char text[] =
	    "% RIPE whois server remark\n"
	    "%\n"
	    "# a comment block before the object\n"
	    "ROUTE:       192.0.2.0/24   # end-of-line comment\n"
	    "Descr:       one\n"
	    "# a full-line comment inside the object\n"
	    "DESCR:       two\n"
	    "descr:       #only a comment\n"
	    "Origin:      AS64500\n"
	    "mnt-by:      MAINT-A\n"
	    "mnt-by:      MAINT-B\n"
	    "remarks:     http://example.net/#anchor is cut (RFC 2622)\n"
	    "Source:      RADB\n"
	    "source:      OTHER\n"
	    "\n\n\n"
	    "#\n"
	    "\n";
	struct rpsl_file *f = open_str(text);
	struct rpsl_object o;
	struct prefix p;
	uint32_t origin;
	const char *why;

	(void)state;
	assert_int_equal(rpsl_next(f, &o), 1);
	assert_string_equal(o.class, "route");
	assert_string_equal(o.key, "192.0.2.0/24");
	assert_int_equal(o.line, 4);
	assert_int_equal(o.nattrs, 10);
	assert_string_equal(o.attrs[1].name, "descr");
	assert_string_equal(o.attrs[1].value, "one");
	assert_string_equal(o.attrs[2].name, "descr");
	assert_string_equal(o.attrs[2].value, "two");
	assert_int_equal(o.attrs[2].line, 7);
	assert_string_equal(o.attrs[3].value, "");
	assert_string_equal(rpsl_attr_first(&o, "MNT-BY"), "MAINT-A");
	assert_string_equal(o.attrs[6].value, "MAINT-B");
	assert_string_equal(o.attrs[7].value, "http://example.net/");
	assert_string_equal(o.source, "RADB");
	assert_null(rpsl_attr_first(&o, "members"));
	assert_true(rpsl_route_parse(&o, &p, &origin, &why));
	assert_int_equal(origin, 64500);
	assert_int_equal(rpsl_next(f, &o), 0);
	assert_int_equal(skipped_total(rpsl_file_stats(f)), 0);
	rpsl_file_free(f);
}

static void
test_crlf(void **state)
{
	static const char text[] =
	    "route6:  2001:db8::/32\r\n"
	    "descr:   crlf\r\n"
	    "         continued\r\n"
	    "origin:  AS65000\r\n"
	    "\r\n"
	    "as-set:  AS-CRLF\r\n"
	    "members: AS1,\r\n"
	    "+        RADB::AS-X\r\n";
	struct rpsl_file *f = open_str(text);
	struct rpsl_object o;
	struct prefix p;
	uint32_t origin;
	const char *why, *s, *item;
	size_t len;

	(void)state;
	assert_int_equal(rpsl_next(f, &o), 1);
	assert_string_equal(o.key, "2001:db8::/32");
	assert_string_equal(o.attrs[1].value, "crlf\ncontinued");
	assert_true(rpsl_route_parse(&o, &p, &origin, &why));
	assert_int_equal(p.afi, AFI_IPV6);
	assert_int_equal(p.len, 32);
	assert_int_equal(origin, 65000);
	assert_int_equal(rpsl_next(f, &o), 1);
	s = rpsl_attr_first(&o, "members");
	assert_string_equal(s, "AS1,\nRADB::AS-X");
	assert_true(rpsl_list_next(&s, &item, &len));
	assert_int_equal(len, 3);
	assert_true(rpsl_list_next(&s, &item, &len));
	assert_int_equal(len, 10);
	assert_memory_equal(item, "RADB::AS-X", 10);
	assert_false(rpsl_list_next(&s, &item, &len));
	assert_int_equal(rpsl_next(f, &o), 0);
	rpsl_file_free(f);
}

static void
test_list_next(void **state)
{
	static const char *const want[] = {
	    "AS1", "AS2", "AS-FOO", "RADB::AS-BAR", "AS65000:AS-CUST",
	    "as4", "AS5",
	};
	const char *s = " AS1,AS2 , AS-FOO\tRADB::AS-BAR\n AS65000:AS-CUST,,"
	    "as4 ,\n, AS5,";
	const char *item;
	size_t len, n = 0;

	(void)state;
	while (rpsl_list_next(&s, &item, &len)) {
		assert_true(n < 7);
		assert_int_equal(len, strlen(want[n]));
		assert_memory_equal(item, want[n], len);
		n++;
	}
	assert_int_equal(n, 7);
	s = "";
	assert_false(rpsl_list_next(&s, &item, &len));
	s = " ,, \n";
	assert_false(rpsl_list_next(&s, &item, &len));
}

/* A RADB-style sample written for the route edge cases. */
static const char radb_sample[] =
    "route:      192.0.2.0/24\n"
    "descr:      good\n"
    "origin:     AS64496\n"
    "mnt-by:     MAINT-EXAMPLE\n"
    "source:     RADB\n"
    "\n"
    "route:      192.0.2.1/24\n"
    "origin:     AS64496\n"
    "source:     RADB\n"
    "\n"
    "route:      192.0.2.0/33\n"
    "origin:     AS64496\n"
    "source:     RADB\n"
    "\n"
    "route:      198.51.100.0/24\n"
    "origin:     ASX\n"
    "source:     RADB\n"
    "\n"
    "route:      198.51.100.0/24\n"
    "descr:      no origin\n"
    "source:     RADB\n"
    "\n"
    "route6:     2001:db8:1::/48\n"
    "origin:     AS4200000000\n"
    "source:     RADB\n"
    "\n"
    "route6:     2001:db8::1/32\n"
    "origin:     AS1\n"
    "source:     RADB\n"
    "\n"
    "route:      2001:db8::/32\n"
    "origin:     AS1\n"
    "source:     RADB\n"
    "\n"
    "route6:     192.0.2.0/24\n"
    "origin:     AS1\n"
    "source:     RADB\n"
    "\n"
    "route:      203.0.113.0/24\n"
    "origin:     AS1\n"
    "origin:     AS2\n"
    "source:     RADB\n"
    "\n"
    "route:      203.0.113.0/24\n"
    "origin:     64496\n"
    "source:     RADB\n"
    "\n"
    "route:      203.0.113.0/24\n"
    "origin:     AS4294967296\n"
    "source:     RADB\n"
    "\n"
    "route:      203.0.113.0/24\n"
    "origin:     AS064496\n"
    "source:     RADB\n"
    "\n"
    "route:      010.0.0.0/8\n"
    "origin:     AS1\n"
    "source:     RADB\n"
    "\n"
    "as-set:     AS-EXAMPLE\n"
    "members:    AS64496, AS-OTHER RADB::AS-THIRD\n"
    "mp-members: AS64497\n"
    "source:     RADB\n";

static void
test_route_parse(void **state)
{
	static const struct {
		bool		 ok;
		const char	*prefix;	/* or the reason */
		uint32_t	 origin;
	} want[] = {
		{ true, "192.0.2.0/24", 64496 },
		{ false, "host bits set past the prefix length", 0 },
		{ false, "prefix length too long for the family", 0 },
		{ false, "AS number is not a number", 0 },
		{ false, "no origin: attribute", 0 },
		{ true, "2001:db8:1::/48", 4200000000u },
		{ false, "host bits set past the prefix length", 0 },
		{ false, "route: with an IPv6 prefix", 0 },
		{ false, "route6: with an IPv4 prefix", 0 },
		{ false, "more than one origin: attribute", 0 },
		{ false, "origin: is not \"AS\" and a number", 0 },
		{ false, "AS number out of range", 0 },
		{ false, "leading zero in AS number", 0 },
		{ false, "leading zero in IPv4 octet", 0 },
		{ false, "not a route or route6 object", 0 },
	};
	struct rpsl_file *f = open_str(radb_sample);
	struct rpsl_object o;
	struct prefix p;
	char buf[PREFIX_STRLEN];
	const char *why;
	uint32_t origin;
	size_t n = 0;

	(void)state;
	while (rpsl_next(f, &o) == 1) {
		bool ok;

		assert_true(n < sizeof(want) / sizeof(want[0]));
		why = NULL;
		ok = rpsl_route_parse(&o, &p, &origin, &why);
		if (ok != want[n].ok)
			fail_msg("object %zu at line %u: %s", n, o.line,
			    why != NULL ? why : "accepted");
		if (ok) {
			prefix_fmt(&p, buf);
			assert_string_equal(buf, want[n].prefix);
			assert_int_equal(origin, want[n].origin);
		} else
			assert_string_equal(why, want[n].prefix);
		assert_string_equal(o.source, "RADB");
		n++;
	}
	assert_int_equal(n, sizeof(want) / sizeof(want[0]));
	rpsl_file_free(f);
}

/* Read everything; return the objects delivered. */
static size_t
drain(struct rpsl_file *f, const char *want_key_last)
{
	struct rpsl_object o;
	size_t n = 0;
	char last[64] = "";

	while (rpsl_next(f, &o) == 1) {
		n++;
		snprintf(last, sizeof(last), "%s", o.key);
	}
	if (want_key_last != NULL)
		assert_string_equal(last, want_key_last);
	return n;
}

static const char good_obj[] = "mntner: GOOD-MNT\nsource: TEST\n";

static void
expect_one_skip(const char *text, size_t len, enum rpsl_err e,
    const char *line_tag)
{
	struct rpsl_file *f = open_mem(text, len);
	const struct rpsl_stats *st;

	/* The good object after the bad one is still read. */
	assert_int_equal(drain(f, "GOOD-MNT"), 1);
	st = rpsl_file_stats(f);
	if (st->skipped[e] != 1 || skipped_total(st) != 1)
		fail_msg("want one skip for %s, last %s", rpsl_err_str(e),
		    rpsl_file_last_skip(f) ? rpsl_file_last_skip(f) : "none");
	assert_non_null(strstr(rpsl_file_last_skip(f), rpsl_err_str(e)));
	assert_non_null(strstr(rpsl_file_last_skip(f), line_tag));
	rpsl_file_free(f);
}

static char *
cat2(const char *a, size_t alen, size_t *len)
{
	char *s = malloc(alen + sizeof(good_obj));

	assert_non_null(s);
	memcpy(s, a, alen);
	memcpy(s + alen, good_obj, sizeof(good_obj));
	*len = alen + sizeof(good_obj) - 1;
	return s;
}

static void
test_bad_lines(void **state)
{
	static const struct {
		const char	*text;
		enum rpsl_err	 e;
		const char	*tag;
	} cases[] = {
		{ "route: 192.0.2.0/24\nthis line has no colon\n"
		  "origin: AS1\n\n", RPSL_ERR_SYNTAX, "mem:2:" },
		{ "\n\n   continuation first\nroute: 192.0.2.0/24\n\n",
		  RPSL_ERR_CONT_FIRST, "mem:3:" },
		{ "route: 192.0.2.0/24\nbad name: x\n\n", RPSL_ERR_BAD_NAME,
		  "mem:2:" },
		{ "route: 192.0.2.0/24\n1origin: AS1\n\n", RPSL_ERR_BAD_NAME,
		  "mem:2:" },
		{ "route: 192.0.2.0/24\norigin-: AS1\n\n", RPSL_ERR_BAD_NAME,
		  "mem:2:" },
		{ ": value\n\n", RPSL_ERR_BAD_NAME, "mem:1:" },
		{ "r\xc3\xa9mark: x\n\n", RPSL_ERR_BAD_NAME, "mem:1:" },
	};
	size_t i, len;

	(void)state;
	log_verbose = -1;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *s = cat2(cases[i].text, strlen(cases[i].text), &len);

		expect_one_skip(s, len, cases[i].e, cases[i].tag);
		free(s);
	}
}

static void
test_nul_bytes(void **state)
{
	static const char text[] = "route: 192.0.2.0/24\norigin: AS1\0AS2\n"
	    "source: TEST\n\n";
	size_t len;
	char *s;

	(void)state;
	s = cat2(text, sizeof(text) - 1, &len);
	expect_one_skip(s, len, RPSL_ERR_NUL, "mem:2:");
	free(s);
}

static void
test_garbage(void **state)
{
	uint64_t x = 88172645463325252ull;
	size_t i, len = 1u << 20;
	char *s = malloc(len);
	struct rpsl_file *f;

	(void)state;
	assert_non_null(s);
	for (i = 0; i < len; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		s[i] = (char)(x >> 24);
	}
	f = open_mem(s, len);
	(void)drain(f, NULL);
	assert_true(skipped_total(rpsl_file_stats(f)) > 0);
	assert_null(rpsl_file_error(f));
	rpsl_file_free(f);

	/* Text-like garbage with no attribute in it at all. */
	f = open_str("hello world\nthis is not rpsl\n\n<html>\n</html>\n");
	assert_int_equal(drain(f, NULL), 0);
	assert_int_equal(rpsl_file_stats(f)->skipped[RPSL_ERR_SYNTAX], 2);
	rpsl_file_free(f);
	free(s);
}

static void
test_long_line(void **state)
{
	size_t n = 10u * 1024 * 1024, len;
	char *s = malloc(n + 64), *t;
	struct rpsl_file *f;
	struct rpsl_object o;

	(void)state;
	assert_non_null(s);
	memcpy(s, "remarks: ", 9);
	memset(s + 9, 'x', n - 9);
	/* A 10 MB line with no newline at all: the file ends there. */
	f = open_mem(s, n);
	assert_int_equal(rpsl_next(f, &o), 0);
	assert_int_equal(rpsl_file_stats(f)->skipped[RPSL_ERR_TOO_BIG], 1);
	assert_non_null(strstr(rpsl_file_last_skip(f), "mem:1:"));
	rpsl_file_free(f);

	/* The same line ended, then a good object. */
	s[n] = '\n';
	s[n + 1] = '\n';
	t = cat2(s, n + 2, &len);
	expect_one_skip(t, len, RPSL_ERR_TOO_BIG, "mem:1:");
	free(t);
	free(s);
}

static void
test_object_over_cap(void **state)
{
	static const char line[] = "remarks: 0123456789012345678901234567"
	    "89012345678901234567890123456789012345678901234567890123\n";
	size_t ll = sizeof(line) - 1, nl = MAX_RPSL_OBJECT / ll + 2, i, len;
	char *s = malloc(nl * ll + 16), *t;

	(void)state;
	assert_non_null(s);
	memcpy(s, "mntner: BIG\n", 12);
	for (i = 0; i < nl; i++)
		memcpy(s + 12 + i * ll, line, ll);
	s[12 + nl * ll] = '\n';
	t = cat2(s, 13 + nl * ll, &len);
	expect_one_skip(t, len, RPSL_ERR_TOO_BIG, "object at line 1 ");
	free(t);

	/* Just under the cap is fine. */
	nl = (MAX_RPSL_OBJECT - 12) / ll - 1;
	s[12 + nl * ll] = '\n';
	{
		struct rpsl_file *f = open_mem(s, 13 + nl * ll);
		struct rpsl_object o;

		assert_int_equal(rpsl_next(f, &o), 1);
		assert_int_equal(o.nattrs, nl + 1);
		rpsl_file_free(f);
	}
	free(s);
}

static void
test_many_attrs(void **state)
{
	size_t n = 100000, i, len = 0;
	char *s = malloc(n * 8 + 32), *t;

	(void)state;
	assert_non_null(s);
	len += (size_t)snprintf(s, 32, "as-set: AS-HUGE\n");
	for (i = 1; i < n; i++) {
		memcpy(s + len, "m: AS1\n", 7);
		len += 7;
	}
	s[len++] = '\n';
	t = cat2(s, len, &len);
	expect_one_skip(t, len, RPSL_ERR_TOO_MANY_ATTRS, "object at line 1 ");
	free(t);

	/* Exactly MAX_RPSL_ATTRS is allowed. */
	len = (size_t)snprintf(s, 32, "as-set: AS-HUGE\n");
	for (i = 1; i < MAX_RPSL_ATTRS; i++) {
		memcpy(s + len, "m: AS1\n", 7);
		len += 7;
	}
	{
		struct rpsl_file *f = open_mem(s, len);
		struct rpsl_object o;

		assert_int_equal(rpsl_next(f, &o), 1);
		assert_int_equal(o.nattrs, MAX_RPSL_ATTRS);
		assert_string_equal(o.attrs[MAX_RPSL_ATTRS - 1].value, "AS1");
		rpsl_file_free(f);
	}
	free(s);
}

static void
test_truncated_gzip(void **state)
{
	char dir[64], cmd[320], gz[128];
	struct rpsl_file *f;

	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/manrs-test-rpsl.XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(gz, sizeof(gz), "%s/t.gz", dir);
	snprintf(cmd, sizeof(cmd), "gzip -c < %s | head -c 4000 > %s",
	    TEST_DB, gz);
	assert_int_equal(system(cmd), 0);
	f = open_path(gz);
	(void)drain(f, NULL);
	assert_true(rpsl_file_stats(f)->objects > 0);
	assert_true(rpsl_file_stats(f)->objects < 220);
	assert_non_null(rpsl_file_error(f));
	rpsl_file_free(f);
	unlink(gz);
	rmdir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ripe_test_db),
		cmocka_unit_test(test_ripe_as_set_and_route),
		cmocka_unit_test(test_aut_num_at_eof),
		cmocka_unit_test(test_gzip_same_as_plain),
		cmocka_unit_test(test_continuations),
		cmocka_unit_test(test_comments_case_repeats),
		cmocka_unit_test(test_crlf),
		cmocka_unit_test(test_list_next),
		cmocka_unit_test(test_route_parse),
		cmocka_unit_test(test_bad_lines),
		cmocka_unit_test(test_nul_bytes),
		cmocka_unit_test(test_garbage),
		cmocka_unit_test(test_long_line),
		cmocka_unit_test(test_object_over_cap),
		cmocka_unit_test(test_many_attrs),
		cmocka_unit_test(test_truncated_gzip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
