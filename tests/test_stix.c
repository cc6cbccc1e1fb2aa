/*
 * STIX 2.1 objects and TAXII selection: UUIDv5 against RFC 9562's vector
 * and ids other STIX implementations publish, RFC 8785 canonical JSON
 * (its sorting example), timestamps, the objects built from a fixture
 * store (testdata/report/fixture.sql + testdata/stix/extra.sql: counts
 * worked out by hand from the fixture, every reference resolves, same
 * output twice) and TAXII paging against a linear-scan oracle.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "report/stix.h"
#include "store/store.h"

static char dir[64], path[128], err[2048];
static struct store *st;

static void
exec_file(const char *p)
{
	char *sql, *msg = NULL;
	FILE *fp = fopen(p, "r");
	long n;

	assert_non_null(fp);
	assert_int_equal(fseek(fp, 0, SEEK_END), 0);
	n = ftell(fp);
	assert_true(n >= 0);
	rewind(fp);
	sql = malloc((size_t)n + 1);
	assert_non_null(sql);
	assert_int_equal(fread(sql, 1, (size_t)n, fp), (size_t)n);
	sql[n] = '\0';
	fclose(fp);
	if (sqlite3_exec(store_db(st), sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", p, msg);
	free(sql);
}

static int
setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/manrs-stix.XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/manrs.db", dir);
	st = store_open(path, err, sizeof(err));
	assert_non_null(st);
	exec_file("testdata/report/fixture.sql");
	exec_file("testdata/stix/extra.sql");
	return 0;
}

static int
teardown(void **state)
{
	char cmd[160];

	(void)state;
	store_close(st);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	return 0;
}

static void
test_uuid5(void **state)
{
	uint8_t ns[16];
	char u[37];

	(void)state;
	/* RFC 9562 Appendix A.4: DNS namespace, "www.example.com". */
	assert_true(stix_uuid_parse("6ba7b810-9dad-11d1-80b4-00c04fd430c8",
	    ns));
	stix_uuid5(ns, "www.example.com", 15, u);
	assert_string_equal(u, "2ed6657d-e927-568b-95e1-2665a8aea6a2");
	assert_false(stix_uuid_parse("6ba7b810-9dad-11d1-80b4-00c04fd430c", ns));
	assert_false(stix_uuid_parse("6ba7b810x9dad-11d1-80b4-00c04fd430c8",
	    ns));
	assert_false(stix_uuid_parse("6ba7b810-9dad-11d1-80b4-00c04fd430cg",
	    ns));
}

static void
sco(const char *type, json_t *props, const char *want)
{
	char id[STIX_ID_LEN];

	assert_true(stix_sco_id(type, props, id, sizeof(id)));
	assert_string_equal(id, want);
	json_decref(props);
}

static void
test_sco_ids(void **state)
{
	(void)state;
	/* Published by other STIX producers (AS13335, AS15139). */
	sco("autonomous-system", json_pack("{s:i}", "number", 13335),
	    "autonomous-system--0204c07d-e4dd-5f14-a3d5-c93cb1c5a9fc");
	sco("autonomous-system", json_pack("{s:i}", "number", 15139),
	    "autonomous-system--3aa27478-50b5-5ab8-9da9-cdc12b657fff");
	/* Python's uuid.uuid5 over the canonical JSON. */
	sco("ipv4-addr", json_pack("{s:s}", "value", "192.0.2.0/24"),
	    "ipv4-addr--363165a3-c284-5f12-98a3-2d774869b19b");
	sco("ipv6-addr", json_pack("{s:s}", "value", "2001:db8::/32"),
	    "ipv6-addr--8da31feb-e0f9-54c3-ab30-bd8ccea361dd");
}

static void
canon_is(json_t *v, const char *want)
{
	char *c = stix_canonical(v);

	assert_non_null(c);
	assert_string_equal(c, want);
	free(c);
	json_decref(v);
}

static void
test_canonical(void **state)
{
	json_t *v;

	(void)state;
	/* No whitespace, members sorted, nested values in order. */
	canon_is(json_pack("{s:i, s:[i, b, n], s:{s:s, s:s}}", "b", -7, "a",
	    1, 0, "c", "y", "2", "x", "1"),
	    "{\"a\":[1,false,null],\"b\":-7,\"c\":{\"x\":\"1\",\"y\":\"2\"}}");
	/* Minimal escapes: control characters, quote, backslash; '/' and
	 * non-ASCII as they are; lower-case hex. */
	canon_is(json_pack("{s:s}", "v",
	    "a\"b\\c/d\n\t\x01\x1f\xc3\xa9\xe2\x82\xac"),
	    "{\"v\":\"a\\\"b\\\\c/d\\n\\t\\u0001\\u001f\xc3\xa9\xe2\x82\xac\"}");
	/* RFC 8785 §3.2.3: names sorted as UTF-16 code units, so U+1F600
	 * (a surrogate pair, D83D) sorts before U+FB33. */
	canon_is(json_pack("{s:i, s:i, s:i, s:i, s:i, s:i, s:i}",
	    "\xe2\x82\xac", 1, "\r", 2, "\xef\xac\xb3", 3, "1", 4,
	    "\xf0\x9f\x98\x80", 5, "\xc2\x80", 6, "\xc3\xb6", 7),
	    "{\"\\r\":2,\"1\":4,\"\xc2\x80\":6,\"\xc3\xb6\":7,"
	    "\"\xe2\x82\xac\":1,\"\xf0\x9f\x98\x80\":5,\"\xef\xac\xb3\":3}");
	/* Reals need ECMAScript number formatting: refused. */
	v = json_pack("{s:f}", "x", 1.5);
	assert_null(stix_canonical(v));
	json_decref(v);
}

static void
test_time(void **state)
{
	char t[STIX_TIME_LEN];
	int64_t ms;

	(void)state;
	stix_time(1427976000123, t);
	assert_string_equal(t, "2015-04-02T12:00:00.123Z");
	assert_true(stix_time_parse("2015-04-02T12:00:00.123Z", &ms));
	assert_int_equal(ms, 1427976000123);
	assert_true(stix_time_parse("2015-04-02T12:00:00Z", &ms));
	assert_int_equal(ms, 1427976000000);
	assert_true(stix_time_parse("2015-04-02T12:00:00.1Z", &ms));
	assert_int_equal(ms, 1427976000100);
	assert_true(stix_time_parse("2015-04-02T12:00:00.123456789Z", &ms));
	assert_int_equal(ms, 1427976000123);
	assert_false(stix_time_parse("2015-04-02T12:00:00.Z", &ms));
	assert_false(stix_time_parse("2015-04-02 12:00:00Z", &ms));
	assert_false(stix_time_parse("2015-04-02T12:00:00", &ms));
	assert_false(stix_time_parse("2015-02-30T12:00:00Z", &ms));
	assert_false(stix_time_parse("1427976000Z", &ms));
}

static size_t
count_type(const struct stix_set *s, const char *type)
{
	size_t i, n = 0;

	for (i = 0; i < s->n; i++)
		n += strcmp(s->v[i].type, type) == 0;
	return n;
}

static const struct stix_obj *
find(const struct stix_set *s, const char *id)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (strcmp(s->v[i].id, id) == 0)
			return &s->v[i];
	return NULL;
}

/* Every *_ref and *_refs value names an object of the set. */
static void
refs_resolve(const struct stix_set *s)
{
	const char *k;
	json_t *v, *x;
	size_t i, j, n;

	for (i = 0; i < s->n; i++) {
		json_object_foreach(s->v[i].obj, k, v) {
			n = strlen(k);
			if (n > 4 && strcmp(k + n - 4, "_ref") == 0) {
				assert_non_null(find(s, json_string_value(v)));
			} else if (n > 5 && strcmp(k + n - 5, "_refs") == 0) {
				assert_true(json_array_size(v) > 0);
				json_array_foreach(v, j, x)
					assert_non_null(find(s,
					    json_string_value(x)));
			}
		}
	}
}

static char *
dump(const struct stix_set *s)
{
	json_t *b = stix_bundle(s, "2015-04", NULL);
	char *t = json_dumps(b, JSON_COMPACT);

	json_decref(b);
	return t;
}

static void
test_load(void **state)
{
	struct stix_set s, s2;
	const struct stix_obj *o;
	uint32_t asn = 64501;
	char *a, *b;
	size_t i;

	(void)state;
	assert_true(stix_load(store_db(st), "2015-04", NULL, &s, err,
	    sizeof(err)));
	/* April: 6 incidents, M4C's dispute accepted: 5 observed-data;
	 * (prefix, origin) pairs 2 + 1 + 0 + 2 + 1 = 6 indicators and
	 * sightings; 3 IPv4 and 2 IPv6 prefixes; AS64500 and AS64501; a
	 * report for each; the identity. */
	assert_int_equal(count_type(&s, "observed-data"), 5);
	assert_int_equal(count_type(&s, "indicator"), 6);
	assert_int_equal(count_type(&s, "sighting"), 6);
	assert_int_equal(count_type(&s, "ipv4-addr"), 3);
	assert_int_equal(count_type(&s, "ipv6-addr"), 2);
	assert_int_equal(count_type(&s, "autonomous-system"), 2);
	assert_int_equal(count_type(&s, "report"), 2);
	assert_int_equal(count_type(&s, "identity"), 1);
	assert_int_equal(s.n, 27);
	assert_int_equal(s.skipped, 0);
	refs_resolve(&s);
	for (i = 1; i < s.n; i++) {
		assert_true(s.v[i - 1].added <= s.v[i].added);
		assert_true(s.v[i - 1].added < s.v[i].added ||
		    strcmp(s.v[i - 1].id, s.v[i].id) < 0);
	}
	for (i = 0; i < s.n; i++)
		assert_null(strstr(json_string_value(json_object_get(
		    s.v[i].obj, "x_manrs_incident_id")) ?
		    json_string_value(json_object_get(s.v[i].obj,
		    "x_manrs_incident_id")) : "", "M4C"));
	/* The indicator of AS64500's M2 on 192.0.2.0/24 (fixture). */
	o = find(&s, "ipv4-addr--363165a3-c284-5f12-98a3-2d774869b19b");
	assert_non_null(o);
	for (i = 0; i < s.n; i++)
		if (strcmp(s.v[i].type, "indicator") == 0 &&
		    strstr(json_string_value(json_object_get(s.v[i].obj,
		    "pattern")), "'192.0.2.0/24'") != NULL &&
		    strcmp(json_string_value(json_object_get(s.v[i].obj,
		    "x_manrs_incident_id")), "M2-AS64500-20150402T120000Z")
		    == 0)
			break;
	assert_true(i < s.n);
	assert_string_equal(json_string_value(json_object_get(s.v[i].obj,
	    "pattern")), "[ipv4-addr:value = '192.0.2.0/24' AND "
	    "autonomous-system:number = 64500]");
	assert_string_equal(json_string_value(json_object_get(s.v[i].obj,
	    "valid_from")), "2015-04-02T12:00:00.000Z");
	assert_string_equal(s.v[i].version, "2015-05-01T01:00:00.000Z");
	assert_int_equal(s.v[i].added, 1430442000000);
	/* The same store gives the same objects. */
	assert_true(stix_load(store_db(st), "2015-04", NULL, &s2, err,
	    sizeof(err)));
	a = dump(&s);
	b = dump(&s2);
	assert_string_equal(a, b);
	free(a);
	free(b);
	stix_set_free(&s2);
	stix_set_free(&s);

	/* AS64501: M2 (no events), M2C on 192.0.2.0/24 from AS64500. */
	assert_true(stix_load(store_db(st), "2015-04", &asn, &s, err,
	    sizeof(err)));
	assert_int_equal(count_type(&s, "observed-data"), 2);
	assert_int_equal(count_type(&s, "indicator"), 1);
	assert_int_equal(count_type(&s, "report"), 1);
	assert_int_equal(count_type(&s, "autonomous-system"), 2);
	refs_resolve(&s);
	stix_set_free(&s);

	/* Every month: March adds an observed-data and a report. */
	assert_true(stix_load(store_db(st), NULL, NULL, &s, err, sizeof(err)));
	assert_int_equal(s.n, 29);
	assert_int_equal(count_type(&s, "report"), 3);
	refs_resolve(&s);
	/* The identity and AS64500 come with March's run. */
	assert_int_equal(find(&s, "autonomous-system--0a5f7072-df00-5729-"
	    "9f0a-4eb18631a446")->added, 1427850000000);
	stix_set_free(&s);

	/* A month the store lacks: empty, not an error. */
	assert_true(stix_load(store_db(st), "2016-01", NULL, &s, err,
	    sizeof(err)));
	assert_int_equal(s.n, 0);
	stix_set_free(&s);
}

static const char *const incident_types[] = { "identity",
	"autonomous-system", "ipv4-addr", "ipv6-addr", "observed-data",
	"sighting", NULL };

/* Walk with limit, following next; each object the oracle lists, once. */
static void
walk(const struct stix_set *s, struct stix_query q, size_t limit)
{
	struct stix_page pg;
	const char *why;
	char next[sizeof(pg.next)];
	size_t i, k = 0, want = 0;
	bool more;

	for (i = 0; i < s->n; i++) {
		bool in = false;
		const char *const *t;

		for (t = q.types; *t != NULL; t++)
			in |= strcmp(*t, s->v[i].type) == 0;
		if (in && (!q.has_after || s->v[i].added > q.added_after) &&
		    (q.match_type == NULL ||
		    strstr(q.match_type, s->v[i].type) != NULL))
			want++;
	}
	q.limit = limit;
	q.next = NULL;
	do {
		assert_true(stix_select(s, &q, &pg, &why));
		assert_true(pg.n <= limit);
		for (i = 0; i < pg.n; i++, k++) {
			const struct stix_obj *o = &s->v[pg.idx[i]];

			/* The oracle's k-th match, in set order. */
			size_t j, m = 0;
			for (j = 0; j < s->n; j++) {
				bool in = false;
				const char *const *t;

				for (t = q.types; *t != NULL; t++)
					in |= strcmp(*t, s->v[j].type) == 0;
				if (in && (!q.has_after ||
				    s->v[j].added > q.added_after) &&
				    (q.match_type == NULL ||
				    strstr(q.match_type, s->v[j].type) !=
				    NULL) && m++ == k)
					break;
			}
			assert_ptr_equal(o, &s->v[j]);
		}
		more = pg.more;
		snprintf(next, sizeof(next), "%s", pg.next);
		q.next = next;
		stix_page_free(&pg);
	} while (more);
	assert_int_equal(k, want);
}

static void
test_select(void **state)
{
	static const char *const all[] = { "identity", "autonomous-system",
		"ipv4-addr", "ipv6-addr", "observed-data", "sighting",
		"indicator", "report", NULL };
	struct stix_query q = { 0 };
	struct stix_page pg;
	struct stix_set s;
	const char *why;
	size_t limit;

	(void)state;
	assert_true(stix_load(store_db(st), NULL, NULL, &s, err, sizeof(err)));
	for (limit = 1; limit <= 30; limit++) {
		q = (struct stix_query){ .types = all };
		walk(&s, q, limit);
		q.types = incident_types;
		walk(&s, q, limit);
		q.match_type = "ipv4-addr,ipv6-addr";
		walk(&s, q, limit);
		q.match_type = NULL;
		q.has_after = true;
		q.added_after = 1427850000000;	/* March's run */
		walk(&s, q, limit);
	}

	/* match[id] and match[version]. */
	q = (struct stix_query){ .types = all, .limit = 100,
	    .match_id = "report--nope,ipv4-addr--363165a3-c284-5f12-98a3-"
	    "2d774869b19b" };
	assert_true(stix_select(&s, &q, &pg, &why));
	assert_int_equal(pg.n, 1);
	assert_false(pg.more);
	stix_page_free(&pg);
	q.match_id = NULL;
	q.match_type = "report";
	q.match_version = "2015-05-01T01:00:00.000Z";
	assert_true(stix_select(&s, &q, &pg, &why));
	assert_int_equal(pg.n, 2);	/* April's two, not March's */
	stix_page_free(&pg);
	q.match_version = "last";
	assert_true(stix_select(&s, &q, &pg, &why));
	assert_int_equal(pg.n, 3);
	stix_page_free(&pg);
	q.match_version = "latest";
	assert_false(stix_select(&s, &q, &pg, &why));
	q.match_version = NULL;
	q.next = "12x.report--a";
	assert_false(stix_select(&s, &q, &pg, &why));
	q.next = "123";
	assert_false(stix_select(&s, &q, &pg, &why));
	stix_set_free(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_uuid5),
		cmocka_unit_test(test_sco_ids),
		cmocka_unit_test(test_canonical),
		cmocka_unit_test(test_time),
		cmocka_unit_test_setup_teardown(test_load, setup, teardown),
		cmocka_unit_test_setup_teardown(test_select, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
