/*
 * Reports: the model loaded from a fixture store (testdata/report/
 * fixture.sql: two months of AS64500 with incidents, disputes and
 * announcements) and the Markdown, HTML and JSON renderers.  Expected
 * values are worked out here from the fixture's numbers.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "net/prefix.h"
#include "report/lookup.h"
#include "report/model.h"
#include "report/render.h"
#include "report/svg.h"
#include "store/store.h"

#define FIXTURE	"testdata/report/fixture.sql"

static char dir[64], path[128], err[2048];
static struct store *st;

static char *
slurp(const char *p, size_t *len)
{
	FILE *fp = fopen(p, "r");
	char *buf;
	long n;

	assert_non_null(fp);
	assert_int_equal(fseek(fp, 0, SEEK_END), 0);
	n = ftell(fp);
	assert_true(n >= 0);
	rewind(fp);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, fp), (size_t)n);
	buf[n] = '\0';
	fclose(fp);
	if (len != NULL)
		*len = (size_t)n;
	return buf;
}

static int
setup(void **state)
{
	char *sql, *msg = NULL;

	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/manrs-report.XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/manrs.db", dir);
	st = store_open(path, err, sizeof(err));
	assert_non_null(st);
	sql = slurp(FIXTURE, NULL);
	if (sqlite3_exec(store_db(st), sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", FIXTURE, msg);
	free(sql);
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

/* A renderer's output as a string (free it). */
static char *
render(const struct report *r, const struct report_opts *o, int html)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	assert_non_null(fp);
	assert_true(html ? report_html(fp, r, o) : report_md(fp, r, o));
	fclose(fp);
	return buf;
}

/* The fixture's April and March scores, in action order. */
static const double apr[ACTION_COUNT] = { 49.0, -1, 100.0, 75.0, 80.2 };
static const double mar[ACTION_COUNT] = { 60.0, -1, 100.0, 50.0, 80.0 };

static void
test_model(void **state)
{
	struct report r;
	const char *want;
	unsigned a;
	int k;

	(void)state;
	assert_true(report_load(st, 64500, "2015-04", &r, err, sizeof(err)));
	/* Seven months ending in April; only March and April are stored. */
	assert_string_equal(r.history[0].period, "2014-10");
	assert_string_equal(r.history[6].period, "2015-04");
	for (k = 0; k < 5; k++)
		assert_false(r.history[k].present);
	assert_true(r.history[5].present && r.history[6].present);
	for (a = 0; a < ACTION_COUNT; a++) {
		if (apr[a] < 0) {
			assert_false(r.has_trend[a]);
			assert_string_equal(report_trend_arrow(&r, a), "");
			continue;
		}
		assert_true(r.has_trend[a]);
		assert_true(r.trend[a] > apr[a] - mar[a] - 1e-9 &&
		    r.trend[a] < apr[a] - mar[a] + 1e-9);
		want = apr[a] - mar[a] >= 0.5 ? "↑" :
		    apr[a] - mar[a] <= -0.5 ? "↓" : "→";
		assert_string_equal(report_trend_arrow(&r, a), want);
	}
	/* Filtering fell 11 points, IRR rose 25, RPKI moved 0.2. */
	assert_string_equal(report_trend_arrow(&r, ACT_FILTERING), "↓");
	assert_string_equal(report_trend_arrow(&r, ACT_GV_IRR), "↑");
	assert_string_equal(report_trend_arrow(&r, ACT_GV_RPKI), "→");
	assert_int_equal(r.history[6].s[ACT_FILTERING].label, LABEL_LAGGING);

	/* April's three incidents, by start; March's and AS64501's not. */
	assert_int_equal(r.nincidents, 3);
	assert_string_equal(r.incidents[0].id, "M2-AS64500-20150402T120000Z");
	assert_string_equal(r.incidents[1].id, "M4C-AS64500-20150405T000000Z");
	assert_string_equal(r.incidents[2].id, "M3-AS64500-20150420T000000Z");
	assert_int_equal(r.incidents[0].metric, M2);
	assert_int_equal(r.incidents[0].nprefixes, 2);
	assert_string_equal(r.incidents[0].prefixes[0], "192.0.2.0/24");
	assert_string_equal(r.incidents[0].prefixes[1], "192.0.2.0/25");
	assert_int_equal(r.incidents[0].nevents, 2);
	assert_non_null(r.incidents[0].events[0].ev);
	assert_int_equal(r.incidents[0].ndisputes, 1);
	assert_string_equal(r.incidents[0].disputes[0].status, "open");
	assert_false(r.incidents[0].accepted);
	assert_false(r.incidents[0].ongoing);
	assert_true(r.incidents[1].accepted);
	assert_int_equal(r.incidents[1].disputes[0].nlog, 2);
	assert_null(r.incidents[1].events[0].ev);	/* not JSON: kept as text */
	assert_true(r.incidents[2].ongoing);		/* ends with the month */
	assert_int_equal(r.nann, 4);
	assert_true(r.facts.present);
	assert_int_equal(r.facts.has_contact, 0);
	assert_int_equal(r.facts.spoofed, -1);
	assert_string_equal(r.org, "Example <Net> & Co");
	report_free(&r);
}

static void
test_fix_first(void **state)
{
	static const enum fix_kind want[] = { FIX_RPKI_INVALID, FIX_INCIDENTS,
	    FIX_IRR_MISSING, FIX_NO_ROA, FIX_NO_CONTACT, FIX_NO_SPOOFER };
	struct report r;
	size_t i;

	(void)state;
	assert_true(report_load(st, 64500, "2015-04", &r, err, sizeof(err)));
	assert_int_equal(r.nfixes, sizeof(want) / sizeof(want[0]));
	for (i = 0; i < r.nfixes; i++)
		assert_int_equal(r.fixes[i].kind, want[i]);
	assert_string_equal(r.fixes[0].items[0], "192.0.2.0/24");
	/* The accepted dispute's incident is not to fix. */
	assert_int_equal(r.fixes[1].count, 2);
	assert_string_equal(r.fixes[1].items[0], "M2-AS64500-20150402T120000Z");
	assert_string_equal(r.fixes[1].items[1], "M3-AS64500-20150420T000000Z");
	assert_string_equal(r.fixes[3].items[0], "203.0.113.0/24");
	report_free(&r);

	/* March: one valid, registered prefix, a contact: only Spoofer. */
	assert_true(report_load(st, 64500, "2015-03", &r, err, sizeof(err)));
	assert_int_equal(r.nincidents, 1);
	assert_int_equal(r.nfixes, 2);
	assert_int_equal(r.fixes[0].kind, FIX_INCIDENTS);
	assert_int_equal(r.fixes[1].kind, FIX_NO_SPOOFER);
	/* No April before it... but February is not stored: no trend. */
	assert_false(r.has_trend[ACT_FILTERING]);
	assert_string_equal(r.history[0].period, "2014-09");
	report_free(&r);
}

static void
test_missing(void **state)
{
	struct report r;

	(void)state;
	assert_false(report_load(st, 64500, "2015-06", &r, err, sizeof(err)));
	assert_non_null(strstr(err, "2015-06"));
	assert_non_null(strstr(err, "2015-03, 2015-04"));
	assert_false(report_load(st, 64999, "2015-04", &r, err, sizeof(err)));
	assert_non_null(strstr(err, "no months"));
	assert_non_null(strstr(err, "2015-03, 2015-04"));
	assert_false(report_load(st, 64500, "2015-13", &r, err, sizeof(err)));
	assert_non_null(strstr(err, "YYYY-MM"));
}

static int
count(const char *s, const char *what)
{
	int n = 0;

	while ((s = strstr(s, what)) != NULL) {
		n++;
		s++;
	}
	return n;
}

static void
test_markdown(void **state)
{
	struct report r;
	struct report_opts o = { NULL };
	char *md;

	(void)state;
	assert_true(report_load(st, 64500, "2015-04", &r, err, sizeof(err)));
	md = render(&r, &o, 0);
	assert_non_null(strstr(md, "| Filtering | 49.0 % | Lagging | ↓ -11.0 |"));
	assert_non_null(strstr(md, "| Global Validation IRR | 75.0 % | Aspiring "
	    "| ↑ +25.0 |"));
	assert_non_null(strstr(md, "### M2-AS64500-20150402T120000Z\n"));
	assert_non_null(strstr(md, "`manrs dispute open "
	    "M3-AS64500-20150420T000000Z --reason"));
	assert_non_null(strstr(md, "established_origin 64496"));
	/* The accepted incident is shown but not scored. */
	assert_non_null(strstr(md, "- Score: 0.5 × weight 1 (not scored)\n"));
	assert_non_null(strstr(md, "- Score: 11 × weight 1\n"));
	/* Markup from the data is escaped. */
	assert_int_equal(count(md, "<img"), count(md, "\\<img"));
	assert_int_equal(count(md, "<b>"), count(md, "\\<b>"));
	assert_non_null(strstr(md, "\\<img src=x onerror=alert(1)\\>"));
	assert_null(strstr(md, "/disputes/new"));
	/* One open dispute at a time; none on an accepted one. */
	assert_null(strstr(md, "dispute open M2-AS64500-20150402T120000Z"));
	assert_null(strstr(md, "dispute open M4C-AS64500"));
	free(md);
	o.link_base = "https://observatory.example/";
	md = render(&r, &o, 0);
	assert_non_null(strstr(md, "<https://observatory.example/disputes/new?"
	    "incident=M3-AS64500-20150420T000000Z>"));
	free(md);
	report_free(&r);
}

/* Every tag in the page is one the renderer writes itself. */
static void
check_tags(const char *html)
{
	static const char *const ok[] = { "!DOCTYPE", "html", "head", "meta",
	    "title", "style", "body", "header", "h1", "h2", "h3", "div", "span",
	    "section", "ol", "ul", "li", "strong", "a", "table", "caption",
	    "thead", "tbody", "tr", "th", "td", "dl", "dt", "dd", "code",
	    "footer", "svg", "rect", "text", "path", "circle", "p", "br" };
	const char *p;
	char name[16];
	size_t n, i;

	for (p = strchr(html, '<'); p != NULL; p = strchr(p + 1, '<')) {
		const char *q = p + 1 + (p[1] == '/');

		for (n = 0; n < sizeof(name) - 1 && (isalnum((unsigned char)q[n]) ||
		    q[n] == '!'); n++)
			name[n] = q[n];
		name[n] = '\0';
		for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
			if (strcmp(name, ok[i]) == 0)
				break;
		if (i == sizeof(ok) / sizeof(ok[0]))
			fail_msg("unexpected tag <%s> at byte %zu", name,
			    (size_t)(p - html));
	}
}

static void
test_html(void **state)
{
	struct report r;
	struct report_opts o = { NULL };
	char *html;

	(void)state;
	assert_true(report_load(st, 64500, "2015-04", &r, err, sizeof(err)));
	html = render(&r, &o, 1);
	check_tags(html);
	/* Self-contained: nothing to fetch, no script. */
	assert_null(strstr(html, "http:"));
	assert_null(strstr(html, "https:"));
	assert_null(strstr(html, "<img"));
	assert_null(strstr(html, "<link"));
	assert_null(strstr(html, "<script"));
	assert_null(strstr(html, "url("));
	assert_non_null(strstr(html, "&lt;img src=x onerror=alert(1)&gt;"));
	assert_non_null(strstr(html, "rrc&lt;b&gt;00&lt;/b&gt;"));
	assert_non_null(strstr(html, "Example &lt;Net&gt; &amp; Co"));
	assert_non_null(strstr(html, "not JSON &lt;script&gt;"));
	assert_non_null(strstr(html, "our customer &lt;ACME&gt;"));
	assert_non_null(strstr(html, "id=\"M3-AS64500-20150420T000000Z\""));
	assert_non_null(strstr(html, "@media print"));
	/* Five charts, one per action. */
	{
		const char *p = html;
		int n = 0;

		while ((p = strstr(p, "<svg ")) != NULL) {
			n++;
			p++;
		}
		assert_int_equal(n, ACTION_COUNT);
	}
	free(html);
	o.link_base = "https://x.example/a\"b";
	html = render(&r, &o, 1);
	assert_non_null(strstr(html, "href=\"https://x.example/a&quot;b/"
	    "disputes/new?incident=M3-AS64500-20150420T000000Z\""));
	assert_null(strstr(html, "incident=M2-AS64500"));
	check_tags(html);
	free(html);
	report_free(&r);
}

static void
test_json(void **state)
{
	struct report r;
	struct report_opts o = { NULL };
	json_t *j, *inc;

	(void)state;
	assert_true(report_load(st, 64500, "2015-04", &r, err, sizeof(err)));
	j = report_json(&r, &o);
	assert_non_null(j);
	assert_int_equal(json_integer_value(json_object_get(j, "asn")), 64500);
	assert_string_equal(json_string_value(json_object_get(json_object_get(
	    json_object_get(j, "scores"), "filtering"), "arrow")), "↓");
	assert_true(json_is_null(json_object_get(json_object_get(
	    json_object_get(j, "scores"), "anti-spoofing"), "arrow")));
	assert_int_equal(json_array_size(json_object_get(j, "history")), 7);
	inc = json_object_get(j, "incidents");
	assert_int_equal(json_array_size(inc), 3);
	assert_string_equal(json_string_value(json_object_get(
	    json_array_get(inc, 2), "id")), "M3-AS64500-20150420T000000Z");
	assert_true(json_is_true(json_object_get(json_array_get(inc, 1),
	    "disputed")));
	assert_int_equal(json_integer_value(json_object_get(json_object_get(
	    json_array_get(json_object_get(json_array_get(inc, 0), "events"),
	    0), "evidence"), "established_origin")), 64496);
	assert_string_equal(json_string_value(json_object_get(json_array_get(
	    json_object_get(j, "fix_first"), 0), "kind")), "rpki-invalid");
	assert_null(json_object_get(json_array_get(inc, 2), "dispute_url"));
	/* Disputable: no open dispute, not accepted. */
	assert_true(json_is_false(json_object_get(json_array_get(inc, 0),
	    "disputable")));
	assert_true(json_is_true(json_object_get(json_array_get(inc, 2),
	    "disputable")));
	json_decref(j);
	report_free(&r);
}

static void
test_svg(void **state)
{
	static const char *const labels[] = { "a<b", "2015-02", "2015-03" };
	static const double vals[] = { 10, 0, 95 };
	static const bool has[] = { true, false, true };
	struct svg_chart c = { "T&\"", labels, vals, has, 3, 50, 90, true };
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	(void)state;
	svg_pct_chart(fp, &c);
	fclose(fp);
	assert_non_null(strstr(buf, "a&lt;b"));
	assert_non_null(strstr(buf, "aria-label=\"T&amp;&quot;\""));
	/* Two points, one gap: two moves, no line across the gap. */
	assert_non_null(strstr(buf, "d=\"M40.0 "));
	assert_null(strstr(buf, " L"));
	assert_int_equal((int)(strstr(buf, "<circle") != NULL), 1);
	free(buf);
}

/* Reference data for the lookups: real samples from testdata/. */
static void
make_data(char *data, size_t len)
{
	static const char *const links[][2] = {
	    { "rpki", "testdata/rpki/compress_roas_vrps_2017-06-01.head400.txt" },
	    { "irr", "testdata/irr/arin-originas.sample.db" },
	    { "irr", "testdata/irr/nonauth.db" },
	    { "rir", "testdata/rir/iana_iana-ipv4-special-registry.xml" },
	    { "rir", "testdata/rir/iana_ipv4-address-space.xml" },
	    { "peeringdb", "testdata/peeringdb/prod_anon_net_page-1.json" },
	    { "peeringdb", "testdata/peeringdb/prod_anon_org_page-1.json" },
	};
	char cwd[1024], sub[1400], to[2048];
	const char *base;
	size_t i;

	assert_non_null(getcwd(cwd, sizeof(cwd)));
	snprintf(data, len, "%s/data", dir);
	assert_int_equal(mkdir(data, 0755), 0);
	for (i = 0; i < sizeof(links) / sizeof(links[0]); i++) {
		snprintf(sub, sizeof(sub), "%s/%s", data, links[i][0]);
		(void)mkdir(sub, 0755);
		base = strrchr(links[i][1], '/') + 1;
		snprintf(to, sizeof(to), "%s/%s", sub, base);
		snprintf(sub, sizeof(sub), "%s/%s", cwd, links[i][1]);
		assert_int_equal(symlink(sub, to), 0);
	}
}

static json_t *
path_get(json_t *o, const char *const *keys)
{
	for (; *keys != NULL && o != NULL; keys++)
		o = json_is_array(o) ? json_array_get(o, (size_t)(**keys - '0')) :
		    json_object_get(o, *keys);
	return o;
}
#define GET(o, ...)	path_get(o, (const char *const[]){ __VA_ARGS__, NULL })

static json_t *
prefix_of(struct lookup_data *d, const char *text)
{
	struct prefix p;
	const char *why;
	json_t *o;

	assert_true(prefix_parse(text, strlen(text), &p, &why));
	o = lookup_prefix(st, d, &p, err, sizeof(err));
	assert_non_null(o);
	return o;
}

static void
test_lookup_store(void **state)
{
	json_t *o;

	(void)state;
	o = lookup_asn(st, NULL, 64500, err, sizeof(err));
	assert_non_null(o);
	assert_string_equal(json_string_value(GET(o, "announcements",
	    "period")), "2015-04");
	assert_int_equal(json_integer_value(GET(o, "announcements", "total")),
	    4);
	/* All four incidents, newest first, with their dispute state. */
	assert_int_equal(json_integer_value(GET(o, "incidents", "total")), 4);
	assert_string_equal(json_string_value(GET(o, "incidents", "list", "0",
	    "id")), "M3-AS64500-20150420T000000Z");
	assert_string_equal(json_string_value(GET(o, "incidents", "list", "2",
	    "dispute")), "open");
	assert_string_equal(json_string_value(GET(o, "scores", "filtering",
	    "label")), "Lagging");
	assert_string_equal(json_string_value(GET(o, "participant", "org")),
	    "Example <Net> & Co");
	assert_int_equal(json_object_size(GET(o, "unavailable")), 4);
	assert_non_null(strstr(json_string_value(GET(o, "unavailable", "irr")),
	    "--data"));
	json_decref(o);

	o = prefix_of(NULL, "192.0.2.0/24");
	assert_int_equal(json_integer_value(GET(o, "origins", "total")), 1);
	assert_int_equal(json_integer_value(GET(o, "origins", "list", "0",
	    "origin")), 64500);
	assert_int_equal(json_integer_value(GET(o, "less_specifics", "total")),
	    1);
	assert_string_equal(json_string_value(GET(o, "less_specifics", "list",
	    "0", "prefix")), "192.0.0.0/16");
	assert_int_equal(json_integer_value(GET(o, "more_specifics", "total")),
	    1);
	assert_int_equal(json_integer_value(GET(o, "more_specifics", "list",
	    "0", "origin")), 64501);
	assert_string_equal(json_string_value(GET(o, "incidents", "list", "0",
	    "id")), "M2-AS64500-20150402T120000Z");
	json_decref(o);
}

static void
test_lookup_data(void **state)
{
	struct lookup_data d;
	char data[256];
	json_t *o, *src;
	size_t i;
	int radb = 0;

	(void)state;
	make_data(data, sizeof(data));
	assert_true(lookup_data_load(&d, data, err, sizeof(err)));
	assert_int_equal(d.irr_files, 2);

	/* The VRP file has 193.104.146.0/24 for AS44018 only. */
	o = prefix_of(&d, "193.104.146.0/24");
	assert_int_equal(json_integer_value(GET(o, "vrps", "covering", "0",
	    "asn")), 44018);
	for (i = 0; i < 2; i++) {
		json_t *x = GET(o, "vrps", "origins", i == 0 ? "0" : "1");
		int64_t asn = json_integer_value(json_object_get(x, "origin"));

		assert_true(asn == 44018 || asn == 64501);
		assert_string_equal(json_string_value(json_object_get(x,
		    "state")), asn == 44018 ? "valid" : "invalid");
	}
	assert_null(GET(o, "unavailable"));
	json_decref(o);

	/* 3.0.0.0/15: AS38895 in ARIN (authoritative), AS64500 in RADB. */
	o = prefix_of(&d, "3.0.0.0/15");
	assert_true(json_is_true(GET(o, "irr", "sources", "ARIN", "auth")));
	assert_true(json_is_false(GET(o, "irr", "sources", "RADB", "auth")));
	json_array_foreach(GET(o, "irr", "sources", "RADB", "routes"), i, src)
		if (json_integer_value(json_object_get(src, "origin")) == 64500 &&
		    strcmp(json_string_value(json_object_get(src, "relation")),
		    "exact") == 0)
			radb = 1;
	assert_true(radb);
	json_decref(o);

	/* 192.0.2.0/24 is TEST-NET-1: a full bogon. */
	o = prefix_of(&d, "192.0.2.0/24");
	assert_string_equal(json_string_value(GET(o, "bogon", "class")),
	    "full");
	assert_true(json_is_true(GET(o, "bogon", "inside")));
	json_decref(o);

	o = lookup_asn(st, &d, 64500, err, sizeof(err));
	assert_string_equal(json_string_value(GET(o, "bogon", "class")),
	    "full");		/* RFC 5398 documentation ASN */
	assert_string_equal(json_string_value(GET(o, "irr", "sources", "RADB",
	    "routes", "0")), "3.0.0.0/15");
	assert_true(json_is_false(GET(o, "peeringdb", "found")));
	json_decref(o);
	o = lookup_asn(st, &d, 4436, err, sizeof(err));
	assert_string_equal(json_string_value(GET(o, "peeringdb", "name")),
	    "GTT Communications (AS4436)");
	assert_string_equal(json_string_value(GET(o, "bogon", "class")),
	    "none");
	json_decref(o);
	lookup_data_free(&d);
	assert_false(lookup_data_load(&d, "/nonexistent", err, sizeof(err)));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_model, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fix_first, setup, teardown),
		cmocka_unit_test_setup_teardown(test_missing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_markdown, setup, teardown),
		cmocka_unit_test_setup_teardown(test_html, setup, teardown),
		cmocka_unit_test_setup_teardown(test_json, setup, teardown),
		cmocka_unit_test(test_svg),
		cmocka_unit_test_setup_teardown(test_lookup_store, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_lookup_data, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
