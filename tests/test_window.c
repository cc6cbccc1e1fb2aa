/*
 * Scores over a window of days from the store (observe/window.h), the
 * method text stored with each run, and rescoring when a dispute is
 * accepted or reopened.  Fixture stores are written with plain SQL, and
 * every expected number is worked out by hand from DESIGN.md §4 here.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "observe/method.h"
#include "observe/run.h"
#include "observe/window.h"
#include "store/dispute.h"
#include "store/store.h"

#define DAY		86400
#define H		3600
#define APR		1427846400	/* 2015-04-01 */
#define MAY		1430438400	/* 2015-05-01 */
#define JUN		1433116800	/* 2015-06-01 */
#define AS		64500

static char dir[64], path[128], err[512];
static struct store *S;

static int
setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/manrs-window.XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/manrs.db", dir);
	S = store_open(path, err, sizeof(err));
	assert_non_null(S);
	return 0;
}

static int
teardown(void **state)
{
	char cmd[160];

	(void)state;
	store_close(S);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	return 0;
}

static void
sql(const char *fmt, ...)
{
	char q[2048], *msg = NULL;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(q, sizeof(q), fmt, ap);
	va_end(ap);
	if (sqlite3_exec(store_db(S), q, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", q, msg);
}

static double
one_real(const char *q)
{
	sqlite3_stmt *st;
	double v = -1;

	assert_int_equal(sqlite3_prepare_v2(store_db(S), q, -1, &st, NULL),
	    SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_type(st, 0) == SQLITE_NULL ? -2 :
		    sqlite3_column_double(st, 0);
	sqlite3_finalize(st);
	return v;
}

static void
run(int id, int64_t from, int64_t to, const char *method)
{
	sqlite3_stmt *st;

	assert_int_equal(sqlite3_prepare_v2(store_db(S), "INSERT INTO runs "
	    "(id, period_from, period_to, started, version, method) VALUES "
	    "(?, ?, ?, 0, 'test', ?)", -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_int(st, 1, id);
	sqlite3_bind_int64(st, 2, from);
	sqlite3_bind_int64(st, 3, to);
	if (method != NULL)
		sqlite3_bind_text(st, 4, method, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
}

/* A day facts row: "2015-04-17" for day t. */
static void
day(int run_id, int64_t t, int ann, int irr, int valid, int invalid,
    const char *contact, const char *spoofed)
{
	char name[WINDOW_PERIOD_LEN];
	int64_t d = (t - APR) / DAY;

	/* April has 30 days, May 31. */
	if (d < 30)
		snprintf(name, sizeof(name), "2015-04-%02d", (int)d + 1);
	else
		snprintf(name, sizeof(name), "2015-05-%02d", (int)d - 29);
	sql("INSERT INTO facts VALUES (%d, %d, '%s', %d, %d, %d, %d, 1, 1, "
	    "%s, %s)", run_id, AS, name, ann, irr, valid, invalid, contact,
	    spoofed);
}

static void
incident(int run_id, const char *metric, int64_t start, int64_t end)
{
	char id[WINDOW_ID_LEN];
	enum metric m;

	assert_true(metric_parse(metric, &m));
	incident_id(AS, m, start, id, sizeof(id));
	sql("INSERT INTO incidents VALUES ('%s', %d, %d, '%s', %lld, %lld, 0, "
	    "1)", id, run_id, AS, metric, (long long)start, (long long)end);
}

static double
pct(double raw)
{
	return raw <= 0 ? 100 : 100 * pow(0.6, sqrt(2 * raw));
}

/*
 * April: the methodology's 29 min, 13 h and 25 h M2 incidents; 30 days of
 * 10 announced pairs, 9 in the IRR, 8 RPKI valid, one invalid on one day;
 * contact 0 on days 1-10, 1 on 11-20, then NULL; no Spoofer test.
 */
static void
april(void)
{
	int d;

	run(1, APR, MAY, NULL);
	for (d = 0; d < 30; d++)
		day(1, APR + d * DAY, 10, 9, 8, d == 4,
		    d < 10 ? "0" : d < 20 ? "1" : "NULL", "NULL");
	incident(1, "M2", APR + 2 * DAY, APR + 2 * DAY + 29 * 60);
	incident(1, "M2", APR + 5 * DAY, APR + 5 * DAY + 13 * H);
	incident(1, "M2", APR + 9 * DAY, APR + 9 * DAY + 25 * H);
}

static void
test_methodology_window(void **state)
{
	struct window_src w;
	struct window_score ws;
	char why[1024];

	(void)state;
	april();
	assert_true(window_load(S, AS, APR, MAY, &w, err, sizeof(err)));
	assert_int_equal(w.nfacts, 30);
	assert_int_equal(w.nrows, 3);
	window_score(&w, APR, MAY, &ws);
	assert_int_equal(ws.days, 30);
	assert_int_equal(ws.ninc, 3);
	/* 0.5 + 1 + 2 = 3.5 → 0.6^sqrt(7) */
	assert_true(ws.facts.raw[M2] == 3.5);
	assert_true(fabs(ws.score.pct[ACT_FILTERING] -
	    100 * pow(0.6, sqrt(7))) < 1e-9);
	assert_int_equal(ws.score.label[ACT_FILTERING], LABEL_LAGGING);
	/* 270 of 300 pair-days registered: 90 % is Ready. */
	assert_true(fabs(ws.score.pct[ACT_GV_IRR] - 90) < 1e-9);
	assert_int_equal(ws.score.label[ACT_GV_IRR], LABEL_READY);
	/* (240 - 10 × 1) / 300 */
	assert_true(fabs(ws.score.pct[ACT_GV_RPKI] - 100.0 * 230 / 300) <
	    1e-9);
	assert_int_equal(ws.score.label[ACT_GV_RPKI], LABEL_ASPIRING);
	/* The latest non-NULL contact state is day 20's: a contact. */
	assert_int_equal(ws.score.label[ACT_COORDINATION], LABEL_READY);
	assert_int_equal(ws.contact_day, APR + 19 * DAY);
	/* No Spoofer test in any day: No data. */
	assert_int_equal(ws.score.label[ACT_ANTISPOOFING], LABEL_NODATA);
	window_why(&w, &ws, ACT_FILTERING, why, sizeof(why));
	assert_non_null(strstr(why, "M2 raw 3.5 from 3 incidents"));
	assert_non_null(strstr(why, "M2-AS64500-20150410T000000Z (1 d 1 h, "
	    "score 2)"));
	window_why(&w, &ws, ACT_ANTISPOOFING, why, sizeof(why));
	assert_string_equal(why, "no CAIDA Spoofer test from inside AS64500");
	window_score_free(&ws);

	/* Days 1-9 only: contact 0 throughout, the 29 min and 13 h. */
	window_score(&w, APR, APR + 9 * DAY, &ws);
	assert_int_equal(ws.days, 9);
	assert_true(ws.facts.raw[M2] == 1.5);
	assert_int_equal(ws.score.label[ACT_COORDINATION], LABEL_LAGGING);
	window_why(&w, &ws, ACT_COORDINATION, why, sizeof(why));
	assert_string_equal(why, "no contact in PeeringDB or RIR whois (as of "
	    "2015-04-09)");
	window_score_free(&ws);

	/* Cut to 24 h the 25 h incident still scores 2; cut to 1 h, 1. */
	window_score(&w, APR + 6 * DAY, APR + 10 * DAY, &ws);
	assert_true(ws.facts.raw[M2] == 2);
	window_score_free(&ws);
	window_score(&w, APR + 10 * DAY, APR + 20 * DAY, &ws);
	assert_true(ws.facts.raw[M2] == 1);
	assert_int_equal(ws.ninc, 1);
	window_score_free(&ws);
	window_src_free(&w);
}

/*
 * One 4-day M2 incident stored as two rows by the April and May runs
 * (clipped at the month boundary): 2 d + 2 d → one incident of 4 d,
 * score 5, not 3 + 3.  An M3 incident touching it is not merged.
 */
static void
test_merge_across_months(void **state)
{
	struct window_src w;
	struct window_score ws;
	char why[1024];

	(void)state;
	run(1, APR, MAY, NULL);
	run(2, MAY, JUN, NULL);
	incident(1, "M2", MAY - 2 * DAY, MAY);
	incident(2, "M2", MAY, MAY + 2 * DAY);
	incident(2, "M3", MAY + 2 * DAY, MAY + 2 * DAY + H);
	assert_true(window_load(S, AS, APR, JUN, &w, err, sizeof(err)));
	window_score(&w, APR + 20 * DAY, MAY + 10 * DAY, &ws);
	assert_int_equal(ws.ninc, 2);
	assert_true(ws.facts.raw[M2] == 5);
	assert_true(ws.facts.raw[M3] == 1);
	assert_true(fabs(ws.score.pct[ACT_FILTERING] - pct(5)) < 1e-9);
	window_why(&w, &ws, ACT_FILTERING, why, sizeof(why));
	assert_non_null(strstr(why, "M2-AS64500-20150429T000000Z+"
	    "M2-AS64500-20150501T000000Z (4 d 0 h, score 5)"));
	window_score_free(&ws);
	/* From May 1 only the May row: 2 d → 3. */
	window_score(&w, MAY, MAY + 10 * DAY, &ws);
	assert_true(ws.facts.raw[M2] == 3);
	window_score_free(&ws);
	/* Two days around the boundary: the merged incident cut to 2 d. */
	window_score(&w, MAY - DAY, MAY + DAY, &ws);
	assert_int_equal(ws.ninc, 1);
	assert_true(ws.facts.raw[M2] == 3);
	window_score_free(&ws);
	/* No day facts anywhere: nothing but Filtering has data. */
	window_score(&w, APR, JUN, &ws);
	assert_int_equal(ws.days, 0);
	assert_int_equal(ws.score.label[ACT_GV_IRR], LABEL_NODATA);
	assert_int_equal(ws.score.label[ACT_ANTISPOOFING], LABEL_NODATA);
	assert_int_equal(ws.score.label[ACT_COORDINATION], LABEL_NODATA);
	window_score_free(&ws);
	window_src_free(&w);
}

/* An accepted dispute takes its incident out; open or rejected do not. */
static void
test_disputed_excluded(void **state)
{
	struct window_src w;
	struct window_score ws;

	(void)state;
	april();
	sql("INSERT INTO disputes (id, incident_id, status, reason, opened, "
	    "opened_by) VALUES (1, 'M2-AS64500-20150406T000000Z', 'accepted', "
	    "'x', 0, 'noc'), (2, 'M2-AS64500-20150403T000000Z', 'rejected', "
	    "'x', 0, 'noc'), (3, 'M2-AS64500-20150410T000000Z', 'open', 'x', "
	    "0, 'noc')");
	assert_true(window_load(S, AS, APR, MAY, &w, err, sizeof(err)));
	window_score(&w, APR, MAY, &ws);
	/* 0.5 + 2 without the 13 h incident. */
	assert_true(ws.facts.raw[M2] == 2.5);
	assert_int_equal(ws.disputed, 1);
	assert_true(fabs(ws.score.pct[ACT_FILTERING] - pct(2.5)) < 1e-9);
	window_score_free(&ws);
	window_src_free(&w);
}

/* Spoofer days: tested days sum their spoofed client prefixes. */
static void
test_spoofer_days(void **state)
{
	struct window_src w;
	struct window_score ws;

	(void)state;
	run(1, APR, MAY, NULL);
	day(1, APR, 1, 1, 1, 0, "1", "NULL");
	day(1, APR + DAY, 1, 1, 1, 0, "1", "0");
	day(1, APR + 2 * DAY, 1, 1, 1, 0, "1", "1");
	assert_true(window_load(S, AS, APR, MAY, &w, err, sizeof(err)));
	window_score(&w, APR, APR + DAY, &ws);
	assert_int_equal(ws.score.label[ACT_ANTISPOOFING], LABEL_NODATA);
	window_score_free(&ws);
	window_score(&w, APR, APR + 2 * DAY, &ws);
	assert_true(ws.score.pct[ACT_ANTISPOOFING] == 100);
	window_score_free(&ws);
	/* raw 1 → 0.6^sqrt(2) = 48.6 %: Lagging */
	window_score(&w, APR, APR + 3 * DAY, &ws);
	assert_int_equal(ws.spoofer_days, 2);
	assert_true(fabs(ws.score.pct[ACT_ANTISPOOFING] - pct(1)) < 1e-9);
	assert_int_equal(ws.score.label[ACT_ANTISPOOFING], LABEL_LAGGING);
	window_score_free(&ws);
	window_src_free(&w);
}

/* The method of the newest run concerned, from runs.method. */
static void
test_stored_method(void **state)
{
	struct window_src w;
	struct window_score ws;

	(void)state;
	run(1, APR, MAY, NULL);
	run(2, MAY, JUN, "# stricter\npct.base = 0.5\nweight.M3 = 2\n");
	incident(1, "M3", APR + DAY, APR + DAY + H);
	incident(2, "M3", MAY + DAY, MAY + DAY + H);
	assert_true(window_load(S, AS, APR, JUN, &w, err, sizeof(err)));
	window_score(&w, APR, MAY, &ws);
	assert_false(ws.run->method_stored);
	assert_true(fabs(ws.score.pct[ACT_FILTERING] - pct(1)) < 1e-9);
	window_score_free(&ws);
	/* 1 h scores 1, weight 2: raw 2 → 0.5^sqrt(4) = 25 %. */
	window_score(&w, MAY, JUN, &ws);
	assert_true(ws.run->method_stored);
	assert_true(ws.facts.raw[M3] == 2);
	assert_true(fabs(ws.score.pct[ACT_FILTERING] - 25) < 1e-9);
	window_score_free(&ws);
	/* Both months: May's run is the newest; raw 4 → 0.5^sqrt(8). */
	window_score(&w, APR, JUN, &ws);
	assert_int_equal(ws.run->id, 2);
	assert_true(fabs(ws.score.pct[ACT_FILTERING] - 100 * pow(0.5,
	    sqrt(8))) < 1e-9);
	window_score_free(&ws);
	window_src_free(&w);

	/* A method that does not parse is an error naming run and line. */
	sql("UPDATE runs SET method = 'pct.base = 0.5\nfoo = 1\n' WHERE id = 2");
	assert_false(window_load(S, AS, APR, JUN, &w, err, sizeof(err)));
	assert_non_null(strstr(err, "run 2 method:2: unknown key"));
}

/* method_print's text parses back; errors give line numbers. */
static void
test_method_parse(void **state)
{
	struct method a, b;
	const char *why;
	char *text = NULL;
	size_t len = 0;
	FILE *fp;

	(void)state;
	method_defaults(&a);
	a.pct_base = 0.55;
	a.weight[M4C] = 3;
	/* Not exact in 15 digits: the text must still give it back. */
	a.weight[M2] = 0.1 + 0.2;
	a.rpki_invalid_factor = 1.0 / 3;
	a.scored[M1] = true;
	a.conformance_days = 7;
	fp = open_memstream(&text, &len);
	assert_non_null(fp);
	method_print(&a, fp);
	fclose(fp);
	method_defaults(&b);
	assert_true(method_parse(&b, text, len, "x", &why));
	free(text);
	assert_memory_equal(&a, &b, sizeof(a));
	assert_false(method_parse(&b, "pct.base = 0.6\n\nbogus\n", 22, "run 9",
	    &why));
	assert_string_equal(why, "run 9:3: expected key = value");
	assert_false(method_parse(&b, "pct.base = 0.6\0x", 16, "t", &why));
	assert_string_equal(why, "t:1: NUL byte in the line");
	/* No final newline is fine. */
	method_defaults(&b);
	assert_true(method_parse(&b, "conformance.days = 14", 21, "t", &why));
	assert_int_equal(b.conformance_days, 14);
}

/*
 * A run's period scores recomputed from its period facts row: April has
 * a 29 min and a 13 h M2 incident (raw 1.5 → 41.3 %, Lagging) and the
 * facts 45 of 50 in the IRR.  Accepting the 13 h one leaves raw 0.5 →
 * 60 % (Aspiring); reopening the dispute brings 41.3 % back, and
 * rejecting it then changes nothing.
 */
static void
test_rescore(void **state)
{
	const char *q = "SELECT pct FROM scores WHERE asn = 64500 AND "
	    "period = '2015-04' AND action = 'filtering'";
	const char *inc = "M2-AS64500-20150406T000000Z";
	int64_t id;

	(void)state;
	run(1, APR, MAY, NULL);
	sql("INSERT INTO facts VALUES (1, 64500, '2015-04', 50, 45, 40, 0, 1, "
	    "1, 1, NULL)");
	incident(1, "M2", APR + 2 * DAY, APR + 2 * DAY + 29 * 60);
	incident(1, "M2", APR + 5 * DAY, APR + 5 * DAY + 13 * H);
	/* What observe wrote (X); IRR left wrong to see it rewritten. */
	sql("INSERT INTO scores VALUES (1, 64500, '2015-04', 'filtering', %.17g,"
	    " 'Lagging'), (1, 64500, '2015-04', 'global-validation-irr', 1, "
	    "'Lagging')", pct(1.5));
	assert_true(dispute_open(S, inc, "ours", "noc", 1, &id, err,
	    sizeof(err)));
	assert_true(dispute_resolve_hook(S, id, true, "LOA", "auditor", 2,
	    window_rescore_incident, NULL, err, sizeof(err)));
	assert_true(fabs(one_real(q) - pct(0.5)) < 1e-9);
	assert_true(fabs(pct(0.5) - 60) < 1e-9);
	assert_true(one_real("SELECT label = 'Aspiring' FROM scores WHERE "
	    "asn = 64500 AND period = '2015-04' AND action = 'filtering'") ==
	    1);
	assert_true(fabs(one_real("SELECT pct FROM scores WHERE action = "
	    "'global-validation-irr'") - 90) < 1e-9);
	assert_true(one_real("SELECT pct FROM scores WHERE action = "
	    "'anti-spoofing'") == -2);
	/* The incident stays, shown as disputed. */
	assert_true(one_real("SELECT count(*) FROM incidents") == 2);
	assert_true(dispute_accepted(S, inc));

	assert_true(dispute_reopen(S, id, "second look", "auditor", 3,
	    window_rescore_incident, NULL, err, sizeof(err)));
	assert_true(fabs(one_real(q) - pct(1.5)) < 1e-9);
	assert_true(one_real("SELECT label = 'Lagging' FROM scores WHERE "
	    "asn = 64500 AND period = '2015-04' AND action = 'filtering'") ==
	    1);
	assert_true(dispute_resolve_hook(S, id, false, "no LOA", "auditor", 4,
	    window_rescore_incident, NULL, err, sizeof(err)));
	assert_true(fabs(one_real(q) - pct(1.5)) < 1e-9);
	assert_true(one_real("SELECT count(*) FROM dispute_log WHERE "
	    "dispute_id = 1") == 4);
	/* Reopening twice, or a second open dispute, is refused. */
	assert_true(dispute_reopen(S, id, "again", "auditor", 5, NULL, NULL,
	    err, sizeof(err)));
	assert_false(dispute_reopen(S, id, "again", "auditor", 6, NULL, NULL,
	    err, sizeof(err)));
}

/* Without a period facts row only Filtering is recomputed. */
static void
test_rescore_old_store(void **state)
{
	const char *inc = "M3-AS64500-20150402T000000Z";
	int64_t id;

	(void)state;
	run(1, APR, MAY, NULL);
	incident(1, "M3", APR + DAY, APR + DAY + H);
	sql("INSERT INTO scores VALUES (1, 64500, '2015-04', 'filtering', %.17g,"
	    " 'Lagging'), (1, 64500, '2015-04', 'coordination', 100, 'Ready')",
	    pct(1));
	assert_true(dispute_open(S, inc, "ours", "noc", 1, &id, err,
	    sizeof(err)));
	assert_true(dispute_resolve_hook(S, id, true, "ok", "auditor", 2,
	    window_rescore_incident, NULL, err, sizeof(err)));
	assert_true(one_real("SELECT pct FROM scores WHERE action = "
	    "'filtering'") == 100);
	assert_true(one_real("SELECT pct FROM scores WHERE action = "
	    "'coordination'") == 100);
	assert_true(one_real("SELECT count(*) FROM scores") == 2);
}

/* A failing hook rolls the decision back. */
static bool
refuse(struct store *s, const char *incident, void *ctx, char *e, size_t n)
{
	(void)s;
	(void)ctx;
	snprintf(e, n, "cannot rescore %s", incident);
	return false;
}

static void
test_hook_failure_rolls_back(void **state)
{
	const char *inc = "M3-AS64500-20150402T000000Z";
	int64_t id;

	(void)state;
	run(1, APR, MAY, NULL);
	incident(1, "M3", APR + DAY, APR + DAY + H);
	assert_true(dispute_open(S, inc, "ours", "noc", 1, &id, err,
	    sizeof(err)));
	assert_false(dispute_resolve_hook(S, id, true, "ok", "auditor", 2,
	    refuse, NULL, err, sizeof(err)));
	assert_string_equal(err, "cannot rescore M3-AS64500-20150402T000000Z");
	assert_false(dispute_accepted(S, inc));
	assert_true(one_real("SELECT count(*) FROM dispute_log") == 1);
}

static void
test_store_queries(void **state)
{
	char buf[128];
	int64_t d;

	(void)state;
	assert_false(window_last_day(S, &d));
	assert_int_equal(window_periods(S, 0, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "none");
	april();
	sql("INSERT INTO scores VALUES (1, 64500, '2015-04', 'filtering', 1, "
	    "'Lagging'), (1, 64501, '2015-03', 'filtering', 1, 'Lagging')");
	assert_true(window_last_day(S, &d));
	assert_int_equal(d, APR + 29 * DAY);
	/* A newer run without day rows: the newest day is still April's. */
	run(2, MAY, JUN, NULL);
	assert_true(window_last_day(S, &d));
	assert_int_equal(d, APR + 29 * DAY);
	assert_int_equal(window_periods(S, 0, buf, sizeof(buf)), 2);
	assert_string_equal(buf, "2015-03, 2015-04");
	assert_int_equal(window_periods(S, 64500, buf, sizeof(buf)), 1);
	assert_string_equal(buf, "2015-04");
}

/*
 * Oracle: a real observe run (RouteViews updates of 2016-08-11 and a
 * real VRP list, bundled in testdata/) stores per AS the period scores
 * and the facts and incidents they were made of.  Rescoring every AS
 * from the store (window_score_run) must give exactly the stored scores,
 * and — the period being one day — so must the day window from the day
 * facts row.
 */
static void
test_observe_oracle(void **state)
{
	struct source m = { "testdata/mrt/bgpdump_updates.20160811.1600.gz",
	    NULL };
	struct source v = { "testdata/rpki/compress_roas_vrps_2017-06-01."
	    "head400.txt", NULL };
	struct observe_inputs in;
	struct observe_opts o;
	struct observe_summary sum;
	struct method meth;
	sqlite3_stmt *st;
	size_t checked = 0, with_inc = 0;
	unsigned a;

	(void)state;
	memset(&in, 0, sizeof(in));
	in.mrt = &m;
	in.nmrt = 1;
	in.vrps = &v;
	in.nvrps = 1;
	method_defaults(&meth);
	memset(&o, 0, sizeof(o));
	o.from = 1470873600;		/* 2016-08-11 */
	o.to = o.from + DAY;
	o.period = "2016-08-11/12";
	o.method = &meth;
	o.db = path;
	o.writer = "test";
	if (observe_run(&in, &o, &sum, err, sizeof(err)) != 0)
		fail_msg("observe: %s", err);
	assert_true(sum.ases > 100);

	assert_int_equal(sqlite3_prepare_v2(store_db(S), "SELECT DISTINCT asn "
	    "FROM scores ORDER BY asn", -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		uint32_t asn = (uint32_t)sqlite3_column_int64(st, 0);
		struct window_src w;
		struct window_score ws, wd;
		char q[256];

		assert_true(window_load(S, asn, o.from, o.to, &w, err,
		    sizeof(err)));
		assert_int_equal(w.nruns, 1);
		assert_true(w.runs[0].method_stored);
		assert_true(window_score_run(&w, w.runs[0].id, &ws));
		window_score(&w, o.from, o.to, &wd);
		assert_int_equal(wd.days, 1);
		with_inc += ws.ninc > 0;
		for (a = 0; a < ACTION_COUNT; a++) {
			sqlite3_stmt *sc;

			snprintf(q, sizeof(q), "SELECT label, pct FROM scores "
			    "WHERE asn = %u AND action = '%s'", asn,
			    action_name((enum action)a));
			assert_int_equal(sqlite3_prepare_v2(store_db(S), q, -1,
			    &sc, NULL), SQLITE_OK);
			assert_int_equal(sqlite3_step(sc), SQLITE_ROW);
			assert_string_equal((const char *)sqlite3_column_text(
			    sc, 0), label_name(ws.score.label[a]));
			if (ws.score.label[a] == LABEL_NODATA)
				assert_int_equal(sqlite3_column_type(sc, 1),
				    SQLITE_NULL);
			else if (fabs(sqlite3_column_double(sc, 1) -
			    ws.score.pct[a]) > 1e-9)
				fail_msg("AS%u %s: stored %g, rescored %g", asn,
				    action_name((enum action)a),
				    sqlite3_column_double(sc, 1),
				    ws.score.pct[a]);
			sqlite3_finalize(sc);
			assert_int_equal(wd.score.label[a], ws.score.label[a]);
			if (ws.score.label[a] != LABEL_NODATA)
				assert_true(fabs(wd.score.pct[a] -
				    ws.score.pct[a]) < 1e-9);
		}
		checked++;
		window_score_free(&wd);
		window_score_free(&ws);
		window_src_free(&w);
	}
	sqlite3_finalize(st);
	assert_int_equal(checked, sum.ases);
	/* The data has incidents (a bogon ASN in paths): they were checked. */
	assert_true(with_inc > 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_methodology_window, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_merge_across_months, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_disputed_excluded, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_spoofer_days, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_stored_method, setup,
		    teardown),
		cmocka_unit_test(test_method_parse),
		cmocka_unit_test_setup_teardown(test_rescore, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rescore_old_store, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_hook_failure_rolls_back,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_store_queries, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_observe_oracle, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
