/*
 * The web UI's pages (report/page.h) on the report fixture store
 * (testdata/report/fixture.sql): what each page shows, who sees the
 * dispute form, status codes for bad input, escaping of hostile texts,
 * and the breakdown by region and country from a small RIR statistics
 * file.  Expected numbers are counted here from the fixture's rows.
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

#include <sqlite3.h>

#include "report/geo.h"
#include "report/page.h"
#include "rpki/history.h"
#include "store/store.h"

#define FIXTURE	"testdata/report/fixture.sql"

static char dir[64], path[128], err[2048];
static struct store *st;
static sqlite3 *db;

static int
setup(void **state)
{
	char *sql, *msg = NULL;
	FILE *fp;
	long n;

	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/manrs-page.XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/manrs.db", dir);
	st = store_open(path, err, sizeof(err));
	assert_non_null(st);
	db = store_db(st);
	fp = fopen(FIXTURE, "r");
	assert_non_null(fp);
	assert_int_equal(fseek(fp, 0, SEEK_END), 0);
	n = ftell(fp);
	rewind(fp);
	sql = calloc(1, (size_t)n + 1);
	assert_non_null(sql);
	assert_int_equal(fread(sql, 1, (size_t)n, fp), (size_t)n);
	fclose(fp);
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
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

enum page { P_OVERVIEW, P_AS, P_INCIDENT, P_PREFIX, P_SEARCH, P_ROA };

/* A page as a string (free it) and its status in *status. */
static char *
render(enum page p, const char *a, const char *b,
    const struct page_ctx *ctx, int *status)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	assert_non_null(fp);
	switch (p) {
	case P_OVERVIEW: *status = page_overview(fp, db, a, ctx); break;
	case P_AS: *status = page_as(fp, db, a, b, ctx); break;
	case P_INCIDENT: *status = page_incident(fp, db, a, ctx); break;
	case P_PREFIX: *status = page_prefix(fp, db, a, ctx); break;
	case P_SEARCH: *status = page_search(fp, db, a, ctx); break;
	case P_ROA: *status = page_roa_history(fp, a, b, ctx); break;
	}
	assert_int_equal(fclose(fp), 0);
	/* Every page is whole, and nothing from the data became markup. */
	assert_non_null(strstr(buf, "<!DOCTYPE html>"));
	assert_non_null(strstr(buf, "</html>"));
	assert_null(strstr(buf, "<script"));
	assert_null(strstr(buf, "<img"));
	assert_null(strstr(buf, "<ACME>"));
	assert_null(strstr(buf, "<b>"));
	return buf;
}

static size_t
count(const char *s, const char *needle)
{
	size_t n = 0;

	while ((s = strstr(s, needle)) != NULL) {
		n++;
		s += strlen(needle);
	}
	return n;
}

/* The cell of a label in an action's row of table id, as a number. */
static long
cell(const char *page, const char *id, const char *action, const char *lab)
{
	char key[128];
	const char *t, *row, *c;

	snprintf(key, sizeof(key), "<table id=\"%s\"", id);
	t = strstr(page, key);
	assert_non_null(t);
	snprintf(key, sizeof(key), "data-action=\"%s\"", action);
	row = strstr(t, key);
	assert_non_null(row);
	snprintf(key, sizeof(key), "data-label=\"%s\">", lab);
	c = strstr(row, key);
	assert_non_null(c);
	return strtol(c + strlen(key), NULL, 10);
}

static void
test_overview(void **state)
{
	struct page_ctx ctx = { 0 };
	char *p;
	int status;

	(void)state;
	/* April: AS64500 (a participant) and AS64501 (filtering only). */
	p = render(P_OVERVIEW, NULL, NULL, &ctx, &status);
	assert_int_equal(status, 200);
	assert_non_null(strstr(p, "MANRS readiness, 2015-04"));
	assert_non_null(strstr(p, "<span id=\"ases\">2</span>"));
	assert_non_null(strstr(p, "<span id=\"participants\">1</span>"));
	assert_non_null(strstr(p, "<span id=\"participant-ases\">1</span>"));
	assert_int_equal(cell(p, "dist-all", "filtering", "Ready"), 1);
	assert_int_equal(cell(p, "dist-all", "filtering", "Lagging"), 1);
	assert_int_equal(cell(p, "dist-all", "anti-spoofing", "No data"), 1);
	assert_int_equal(cell(p, "dist-participants", "filtering", "Ready"),
	    0);
	assert_int_equal(cell(p, "dist-participants", "filtering",
	    "Lagging"), 1);
	assert_int_equal(cell(p, "dist-participants", "coordination",
	    "Ready"), 1);
	/* Five stacked bars per table, and a link to March. */
	assert_int_equal(count(p, "<svg "), 10);
	assert_non_null(strstr(p, "href=\"/?month=2015-03\""));
	assert_null(strstr(p, "by-region"));
	free(p);
	p = render(P_OVERVIEW, "2015-03", NULL, &ctx, &status);
	assert_int_equal(status, 200);
	assert_int_equal(cell(p, "dist-all", "filtering", "Aspiring"), 1);
	assert_non_null(strstr(p, "<span id=\"ases\">1</span>"));
	free(p);
	p = render(P_OVERVIEW, "2015-07", NULL, &ctx, &status);
	assert_int_equal(status, 404);
	free(p);
}

static void
test_overview_geo(void **state)
{
	static const char stats[] =
	    "2.3|ripencc|20150501|3|19850701|20150501|+0000\n"
	    "ripencc|*|asn|*|2|summary\n"
	    "ripencc|NL|asn|64500|1|20100101|allocated\n"
	    "ripencc||asn|64502|10|20100101|reserved\n";
	static const char stats2[] =
	    "2.3|arin|20150501|1|19850701|20150501|-0500\n"
	    "arin|*|asn|*|1|summary\n"
	    "arin|US|asn|64501|1|20100101|assigned\n";
	char f1[160], f2[160];
	const char *paths[2] = { f1, f2 };
	struct page_ctx ctx = { 0 };
	struct geo *g;
	const char *cc;
	unsigned rir;
	FILE *fp;
	char *p;
	int status;

	(void)state;
	snprintf(f1, sizeof(f1), "%s/ripe.txt", dir);
	snprintf(f2, sizeof(f2), "%s/arin.txt", dir);
	assert_non_null(fp = fopen(f1, "w"));
	fputs(stats, fp);
	fclose(fp);
	assert_non_null(fp = fopen(f2, "w"));
	fputs(stats2, fp);
	fclose(fp);
	g = geo_load(paths, 2, err, sizeof(err));
	assert_non_null(g);
	/* The reserved range is not an AS's home. */
	assert_int_equal(geo_count(g), 2);
	assert_true(geo_lookup(g, 64500, &rir, &cc));
	assert_string_equal(cc, "NL");
	assert_true(geo_lookup(g, 64501, &rir, &cc));
	assert_string_equal(cc, "US");
	assert_false(geo_lookup(g, 64502, &rir, &cc));
	assert_false(geo_lookup(g, 1, &rir, &cc));
	assert_false(geo_lookup(g, 4200000000u, &rir, &cc));
	ctx.geo = g;
	p = render(P_OVERVIEW, NULL, NULL, &ctx, &status);
	assert_int_equal(status, 200);
	/* NL: AS64500 filtering Lagging; US: AS64501 filtering Ready. */
	assert_non_null(strstr(p, "<tr><th scope=\"row\">RIPE NCC</th><td "
	    "class=\"n\">1</td><td class=\"n\">0.0</td>"));
	assert_non_null(strstr(p, "<tr><th scope=\"row\">ARIN</th><td "
	    "class=\"n\">1</td><td class=\"n\">100.0</td><td class=\"n\">–"));
	assert_non_null(strstr(p, "<tr><th scope=\"row\">NL</th>"));
	assert_null(strstr(p, "Not in the RIR statistics"));
	assert_non_null(strstr(p, "<tr><th scope=\"row\">US</th>"));
	free(p);
	geo_free(g);
	/* Without ARIN's file AS64501 (filtering Ready) has no region. */
	g = geo_load(paths, 1, err, sizeof(err));
	assert_non_null(g);
	ctx.geo = g;
	p = render(P_OVERVIEW, NULL, NULL, &ctx, &status);
	assert_non_null(strstr(p, "<tr><th scope=\"row\">Not in the RIR "
	    "statistics</th><td class=\"n\">1</td><td class=\"n\">100.0"));
	assert_null(strstr(p, ">ARIN<"));
	free(p);
	geo_free(g);
	paths[0] = "/nonexistent/stats";
	assert_null(geo_load(paths, 1, err, sizeof(err)));
}

static const uint32_t own[] = { 64500 }, other[] = { 64501 };

static void
test_as(void **state)
{
	struct page_viewer op = { false, own, 1, "tok" };
	struct page_viewer op2 = { false, other, 1, "tok" };
	struct page_viewer aud = { true, NULL, 0, "tok<\"" };
	struct page_ctx ctx = { 0 };
	char *p;
	int status;

	(void)state;
	ctx.dispute_action = "/ui/dispute";
	p = render(P_AS, "64500", NULL, &ctx, &status);
	assert_int_equal(status, 200);
	/* The latest month, the five cards, arrows, April's incidents. */
	assert_non_null(strstr(p, "scores for 2015-04"));
	assert_int_equal(count(p, "<div class=\"card\">"), 5);
	assert_non_null(strstr(p, "49.0"));
	assert_non_null(strstr(p, "↓"));
	assert_non_null(strstr(p, "↑"));
	assert_non_null(strstr(p, "href=\"/incident/M2-AS64500-20150402T"
	    "120000Z\""));
	assert_non_null(strstr(p, "M4C-AS64500-20150405T000000Z"));
	assert_non_null(strstr(p, "M3-AS64500-20150420T000000Z"));
	assert_null(strstr(p, "M2-AS64500-20150310T000000Z"));
	assert_non_null(strstr(p, "href=\"/prefix/192.0.2.0%2F24\""));
	assert_non_null(strstr(p, "Example &lt;Net&gt; &amp; Co"));
	assert_non_null(strstr(p, "&lt;img src=x onerror=alert(1)&gt;"));
	/* Anonymous: no form. */
	assert_null(strstr(p, "<form class=\"dispute\""));
	free(p);
	/* Its operator: a form for the one disputable incident (M3). */
	ctx.viewer = &op;
	p = render(P_AS, "AS64500", "2015-04", &ctx, &status);
	assert_int_equal(status, 200);
	assert_int_equal(count(p, "<form class=\"dispute\""), 1);
	assert_non_null(strstr(p, "name=\"incident\" value=\"M3-AS64500-"
	    "20150420T000000Z\""));
	assert_non_null(strstr(p, "name=\"form_token\" value=\"tok\""));
	free(p);
	/* Another AS's operator: none; an auditor: the form, escaped. */
	ctx.viewer = &op2;
	p = render(P_AS, "64500", NULL, &ctx, &status);
	assert_null(strstr(p, "<form class=\"dispute\""));
	free(p);
	ctx.viewer = &aud;
	p = render(P_AS, "64500", NULL, &ctx, &status);
	assert_int_equal(count(p, "<form class=\"dispute\""), 1);
	assert_non_null(strstr(p, "value=\"tok&lt;&quot;\""));
	free(p);
	/* No dispute endpoint: no form even for the auditor. */
	ctx.dispute_action = NULL;
	p = render(P_AS, "64500", NULL, &ctx, &status);
	assert_null(strstr(p, "<form class=\"dispute\""));
	free(p);
	/* March has its own incident. */
	p = render(P_AS, "64500", "2015-03", &ctx, &status);
	assert_int_equal(status, 200);
	assert_non_null(strstr(p, "M2-AS64500-20150310T000000Z"));
	free(p);
	/* Bad and unknown. */
	p = render(P_AS, "64x", NULL, &ctx, &status);
	assert_int_equal(status, 400);
	free(p);
	p = render(P_AS, "64999", NULL, &ctx, &status);
	assert_int_equal(status, 404);
	free(p);
	p = render(P_AS, "64500", "2015-13", &ctx, &status);
	assert_int_equal(status, 400);
	free(p);
	p = render(P_AS, "64500", "2016-01", &ctx, &status);
	assert_int_equal(status, 404);
	free(p);
}

static void
test_incident(void **state)
{
	struct page_viewer op = { false, own, 1, "tok" };
	struct page_ctx ctx = { 0 };
	char *p;
	int status;

	(void)state;
	p = render(P_INCIDENT, "M2-AS64500-20150402T120000Z", NULL, &ctx,
	    &status);
	assert_int_equal(status, 200);
	assert_non_null(strstr(p, "href=\"/as/64500\""));
	assert_non_null(strstr(p, "Dispute 1"));
	assert_non_null(strstr(p, "our customer &lt;ACME&gt;"));
	assert_non_null(strstr(p, "rrc&lt;b&gt;00&lt;/b&gt;"));
	assert_non_null(strstr(p, "3333 174 64500"));
	free(p);
	/* The accepted dispute's log; evidence that is not JSON, escaped. */
	p = render(P_INCIDENT, "M4C-AS64500-20150405T000000Z", NULL, &ctx,
	    &status);
	assert_non_null(strstr(p, "accepted by auditor: confirmed"));
	assert_non_null(strstr(p, "not JSON &lt;script&gt;"));
	free(p);
	ctx.viewer = &op;
	ctx.dispute_action = "/ui/dispute";
	p = render(P_INCIDENT, "M3-AS64500-20150420T000000Z", NULL, &ctx,
	    &status);
	assert_int_equal(count(p, "<form class=\"dispute\""), 1);
	free(p);
	p = render(P_INCIDENT, "M2-AS64500-20150402T120000Z", NULL, &ctx,
	    &status);
	assert_null(strstr(p, "<form class=\"dispute\""));
	free(p);
	p = render(P_INCIDENT, "nope'--", NULL, &ctx, &status);
	assert_int_equal(status, 404);
	assert_non_null(strstr(p, "nope&#39;--"));
	free(p);
}

static void
test_prefix(void **state)
{
	struct page_ctx ctx = { 0 };
	char *p;
	int status;

	(void)state;
	p = render(P_PREFIX, "192.0.2.0/24", NULL, &ctx, &status);
	assert_int_equal(status, 200);
	assert_non_null(strstr(p, "href=\"/as/64500\""));
	assert_non_null(strstr(p, "st-invalid"));
	assert_non_null(strstr(p, "href=\"/incident/M2-AS64500-20150402T"
	    "120000Z\""));
	/* AS64501's incident has no events, so it is not listed. */
	assert_null(strstr(p, "M2-AS64501"));
	assert_null(strstr(p, "/roa-history"));
	free(p);
	p = render(P_PREFIX, "198.51.100.0/24", NULL, &ctx, &status);
	/* Announced in March and April, valid and exact. */
	assert_int_equal(count(p, "<td><span class=\"st-valid\">"), 2);
	assert_non_null(strstr(p, "No incident names this prefix."));
	free(p);
	p = render(P_PREFIX, "192.0.2.1/24", NULL, &ctx, &status);
	assert_int_equal(status, 400);
	free(p);
	p = render(P_PREFIX, "<b>", NULL, &ctx, &status);
	assert_int_equal(status, 400);
	free(p);
}

static void
test_search(void **state)
{
	struct page_ctx ctx = { 0 };
	char *p;
	int status;

	(void)state;
	p = render(P_SEARCH, " AS64500 ", NULL, &ctx, &status);
	assert_int_equal(status, 200);
	assert_non_null(strstr(p, "<li><a href=\"/as/64500\">AS64500</a>: "
	    "scores up to 2015-04</li>"));
	free(p);
	p = render(P_SEARCH, "198.51.100.0/24", NULL, &ctx, &status);
	assert_non_null(strstr(p, "href=\"/prefix/198.51.100.0%2F24\""));
	assert_non_null(strstr(p, "announced by 1 origin in"));
	free(p);
	p = render(P_SEARCH, "example", NULL, &ctx, &status);
	assert_non_null(strstr(p, "Example &lt;Net&gt; &amp; Co (ISP) <a "
	    "href=\"/as/64500\">"));
	free(p);
	p = render(P_SEARCH, "M3-AS64500-20150420T000000Z", NULL, &ctx,
	    &status);
	assert_non_null(strstr(p, "href=\"/incident/M3-AS64500-20150420T"
	    "000000Z\""));
	free(p);
	/* LIKE's own wildcards are literal; an unknown AS finds nothing. */
	p = render(P_SEARCH, "e_a%", NULL, &ctx, &status);
	assert_non_null(strstr(p, "Nothing found"));
	free(p);
	p = render(P_SEARCH, "64999", NULL, &ctx, &status);
	assert_non_null(strstr(p, "Nothing found"));
	free(p);
	p = render(P_SEARCH, "  ", NULL, &ctx, &status);
	assert_int_equal(status, 400);
	free(p);
}

static void
test_roa_history(void **state)
{
	struct vrp v[2];
	struct history *h;
	struct page_ctx ctx = { 0 };
	const char *why;
	uint32_t d;
	char *p;
	int status;

	(void)state;
	p = render(P_ROA, "192.0.2.0/24", NULL, &ctx, &status);
	assert_int_equal(status, 404);
	free(p);
	/* Day 1 and 3 a VRP for AS64500, day 2 none. */
	memset(v, 0, sizeof(v));
	assert_true(prefix_parse("192.0.2.0/24", 12, &v[0].pfx, &why));
	v[0].maxlen = 24;
	v[0].asn = 64500;
	h = history_new();
	assert_true(history_day_from_ymd(2015, 4, 1, &d));
	assert_int_equal(history_add_day(h, d, v, 1, err, sizeof(err)), 0);
	assert_int_equal(history_add_day(h, d + 1, v, 0, err, sizeof(err)),
	    0);
	assert_int_equal(history_add_day(h, d + 2, v, 1, err, sizeof(err)),
	    0);
	ctx.roa = h;
	p = render(P_ROA, "192.0.2.0/24", "64500", &ctx, &status);
	assert_int_equal(status, 200);
	assert_non_null(strstr(p, "<tr><td>2015-04-01</td><td>2015-04-01"
	    "</td><td><span class=\"st-valid\">valid</span></td></tr><tr><td>"
	    "2015-04-02</td><td>2015-04-02</td><td><span class=\"st-not-found"
	    "\">not-found</span></td></tr><tr><td>2015-04-03</td><td>"
	    "2015-04-03</td><td><span class=\"st-valid\">valid</span>"));
	assert_non_null(strstr(p, "2015-04-01 – 2015-04-01, gone 2015-04-02"
	    "<br>2015-04-03 – 2015-04-03 (current)"));
	free(p);
	/* Another origin is invalid (as) while the VRP is there. */
	p = render(P_ROA, "192.0.2.0/24", "64501", &ctx, &status);
	assert_non_null(strstr(p, "invalid</span> (as)"));
	free(p);
	p = render(P_ROA, "192.0.2.0/25", NULL, &ctx, &status);
	assert_non_null(strstr(p, "Covering VRPs (1)"));
	free(p);
	p = render(P_ROA, "10.0.0.0/8", NULL, &ctx, &status);
	assert_non_null(strstr(p, "No VRP ever covered this prefix."));
	free(p);
	p = render(P_ROA, "192.0.2.0/24", "x", &ctx, &status);
	assert_int_equal(status, 400);
	free(p);
	/* The prefix page links to it when the server has a history. */
	p = render(P_PREFIX, "192.0.2.0/24", NULL, &ctx, &status);
	assert_non_null(strstr(p, "href=\"/roa-history?prefix=192.0.2.0%2F24"
	    "\""));
	free(p);
	history_free(h);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_overview, setup, teardown),
		cmocka_unit_test_setup_teardown(test_overview_geo, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_as, setup, teardown),
		cmocka_unit_test_setup_teardown(test_incident, setup, teardown),
		cmocka_unit_test_setup_teardown(test_prefix, setup, teardown),
		cmocka_unit_test_setup_teardown(test_search, setup, teardown),
		cmocka_unit_test_setup_teardown(test_roa_history, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
