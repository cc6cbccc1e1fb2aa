/*
 * The scoring methodology (DESIGN.md §4): the worked examples from the
 * methodology, incident merging against a naive per-second coverage
 * oracle, action scores and labels, and the config file.
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

#include "observe/method.h"
#include "observe/score.h"

static struct method M;

static int
setup(void **state)
{
	(void)state;
	method_defaults(&M);
	return 0;
}

static struct event
ev(uint32_t asn, enum metric m, int64_t start, int64_t end)
{
	struct event e;

	memset(&e, 0, sizeof(e));
	e.asn = asn;
	e.metric = (uint8_t)m;
	e.start = start;
	e.end = end;
	e.weight = 1;
	return e;
}

/* Methodology: 29 min, 13 h and 25 h give 0.5 + 1 + 2 = 3.5. */
static void
test_methodology_example(void **state)
{
	struct event e[3];
	struct incident *inc;
	struct as_facts f;
	size_t n;

	(void)state;
	e[0] = ev(64500, M2, 0, 29 * 60);
	e[1] = ev(64500, M2, 86400, 86400 + 13 * 3600);
	e[2] = ev(64500, M2, 5 * 86400, 5 * 86400 + 25 * 3600);
	n = incidents_build(&M, e, 3, 0, 30 * 86400, &inc);
	assert_int_equal(n, 3);
	assert_true(inc[0].score == 0.5);
	assert_true(inc[1].score == 1);
	assert_true(inc[2].score == 2);
	memset(&f, 0, sizeof(f));
	facts_add_incidents(&M, &f, inc, n);
	assert_true(f.raw[M2] == 3.5);
	free(inc);
}

static void
test_incident_score_edges(void **state)
{
	(void)state;
	assert_true(incident_score(&M, 0) == 0.5);
	assert_true(incident_score(&M, 1799) == 0.5);
	assert_true(incident_score(&M, 1800) == 1);
	assert_true(incident_score(&M, 86399) == 1);
	assert_true(incident_score(&M, 86400) == 2);
	assert_true(incident_score(&M, 2 * 86400 - 1) == 2);
	assert_true(incident_score(&M, 2 * 86400) == 3);
}

/* The pct curve: 0 → 100 %, 0.5 → 60 %, 1 → 49 %, 2 → 36 %. */
static void
test_pct_curve(void **state)
{
	(void)state;
	assert_true(penalty_pct(&M, 0) == 100);
	assert_true(fabs(penalty_pct(&M, 0.5) - 60) < 1e-9);
	assert_int_equal((int)lround(penalty_pct(&M, 1)), 49);
	assert_int_equal((int)lround(penalty_pct(&M, 2)), 36);
	assert_true(penalty_pct(&M, 3) < penalty_pct(&M, 2));
}

/* Overlapping or touching events merge across prefixes; a gap splits. */
static void
test_merge_rules(void **state)
{
	struct event e[6];
	struct incident *inc;
	size_t n;

	(void)state;
	e[0] = ev(1, M2, 100, 200);
	e[1] = ev(1, M2, 200, 300);		/* touches */
	e[2] = ev(1, M2, 150, 250);		/* overlaps */
	e[2].prefix.afi = AFI_IPV4;
	e[2].prefix.len = 8;
	e[3] = ev(1, M2, 301, 400);		/* one second gap */
	e[4] = ev(1, M3, 100, 200);		/* other metric */
	e[5] = ev(2, M2, 100, 200);		/* other AS */
	n = incidents_build(&M, e, 6, 0, 1000, &inc);
	assert_int_equal(n, 4);
	assert_int_equal(inc[0].asn, 1);
	assert_int_equal(inc[0].metric, M2);
	assert_int_equal(inc[0].start, 100);
	assert_int_equal(inc[0].end, 300);
	assert_int_equal(inc[0].count, 3);
	assert_int_equal(inc[1].start, 301);
	assert_int_equal(inc[2].metric, M3);
	assert_int_equal(inc[3].asn, 2);
	free(inc);
}

/* Clipping: events are cut at the period; open ones end there. */
static void
test_clip(void **state)
{
	struct event e[4];
	struct incident *inc;
	size_t n;

	(void)state;
	e[0] = ev(1, M2, -500, 100);		/* starts before */
	e[1] = ev(1, M3, 900, TIME_OPEN);	/* still open */
	e[2] = ev(1, M4, 1000, 2000);		/* after the period */
	e[3] = ev(1, M4, -10, 0);		/* before it */
	n = incidents_build(&M, e, 4, 0, 1000, &inc);
	assert_int_equal(n, 2);
	assert_int_equal(inc[0].start, 0);
	assert_int_equal(inc[0].end, 100);
	assert_int_equal(inc[1].start, 900);
	assert_int_equal(inc[1].end, 1000);
	free(inc);
}

/* Naive oracle: mark every covered second, incidents are the runs. */
#define SPAN	120
static void
test_merge_oracle(void **state)
{
	unsigned seed, round;

	(void)state;
	for (round = 0; round < 500; round++) {
		struct event e[24];
		bool cov[2][2][SPAN];
		struct incident *inc;
		size_t n, k = 0, i;
		unsigned a, m, t;

		seed = round * 2654435761u + 1;
		memset(cov, 0, sizeof(cov));
		n = 1 + (seed >> 3) % 24;
		for (i = 0; i < n; i++) {
			int64_t s, d;

			seed = seed * 1103515245u + 12345u;
			s = (int64_t)((seed >> 8) % (SPAN + 40)) - 20;
			d = 1 + (int64_t)((seed >> 20) % 30);
			e[i] = ev(1 + (seed & 1), (seed & 2) ? M3 : M2, s, s + d);
			for (t = 0; t < SPAN; t++)
				if ((int64_t)t >= s && (int64_t)t < s + d)
					cov[seed & 1][(seed & 2) ? 1 : 0][t] = true;
		}
		n = incidents_build(&M, e, n, 0, SPAN, &inc);
		for (a = 0; a < 2; a++)
			for (m = 0; m < 2; m++)
				for (t = 0; t < SPAN; t++) {
					unsigned end;

					if (!cov[a][m][t] ||
					    (t > 0 && cov[a][m][t - 1]))
						continue;
					for (end = t; end < SPAN &&
					    cov[a][m][end]; end++)
						;
					assert_true(k < n);
					assert_int_equal(inc[k].asn, 1 + a);
					assert_int_equal(inc[k].metric,
					    m ? M3 : M2);
					assert_int_equal(inc[k].start, t);
					assert_int_equal(inc[k].end, end);
					k++;
				}
		assert_int_equal(k, n);
		free(inc);
	}
}

/* The same events in any order give the same incidents. */
static void
test_order_independent(void **state)
{
	struct event a[5], b[5];
	struct incident *x, *y;
	size_t nx, ny, i;

	(void)state;
	a[0] = ev(7, M2, 10, 20);
	a[1] = ev(3, M4, 0, 5);
	a[2] = ev(7, M2, 15, 40);
	a[3] = ev(3, M4, 5, 9);
	a[4] = ev(7, M2C, 1, 2);
	for (i = 0; i < 5; i++)
		b[i] = a[4 - i];
	nx = incidents_build(&M, a, 5, 0, 100, &x);
	ny = incidents_build(&M, b, 5, 0, 100, &y);
	assert_int_equal(nx, ny);
	assert_memory_equal(x, y, nx * sizeof(*x));
	assert_int_equal(nx, 3);
	free(x);
	free(y);
}

static void
test_disputed_not_scored(void **state)
{
	struct incident inc[2];
	struct as_facts f;

	(void)state;
	memset(inc, 0, sizeof(inc));
	memset(&f, 0, sizeof(f));
	inc[0].metric = M2;
	inc[0].score = 2;
	inc[0].weight = 1;
	inc[1] = inc[0];
	inc[1].disputed = true;
	facts_add_incidents(&M, &f, inc, 2);
	assert_true(f.raw[M2] == 2);
}

static void
test_actions(void **state)
{
	struct as_facts f;
	struct as_score s;

	(void)state;
	memset(&f, 0, sizeof(f));
	score_as(&M, &f, &s);
	assert_int_equal(s.label[ACT_FILTERING], LABEL_READY);
	assert_true(s.pct[ACT_FILTERING] == 100);
	assert_int_equal(s.label[ACT_ANTISPOOFING], LABEL_NODATA);
	assert_int_equal(s.label[ACT_COORDINATION], LABEL_NODATA);
	assert_int_equal(s.label[ACT_GV_IRR], LABEL_NODATA);
	assert_int_equal(s.label[ACT_GV_RPKI], LABEL_NODATA);

	/* Filtering takes the worst metric; M1 is not scored. */
	f.raw[M1] = 100;
	f.raw[M3] = 0.5;
	f.raw[M4C] = 2;
	score_as(&M, &f, &s);
	assert_int_equal((int)lround(s.pct[ACT_FILTERING]), 36);
	assert_int_equal(s.label[ACT_FILTERING], LABEL_LAGGING);
	f.raw[M4C] = 0;
	score_as(&M, &f, &s);
	assert_int_equal(s.label[ACT_FILTERING], LABEL_ASPIRING);

	f.spoofer_tested = true;
	score_as(&M, &f, &s);
	assert_int_equal(s.label[ACT_ANTISPOOFING], LABEL_READY);
	f.contacts_known = true;
	score_as(&M, &f, &s);
	assert_int_equal(s.label[ACT_COORDINATION], LABEL_LAGGING);
	f.has_contact = true;
	score_as(&M, &f, &s);
	assert_int_equal(s.label[ACT_COORDINATION], LABEL_READY);

	/* 100 announced, 95 in IRR; 97 valid and 1 invalid: 0.97 - 0.1. */
	f.announced = 100;
	score_as(&M, &f, &s);
	assert_int_equal(s.label[ACT_GV_IRR], LABEL_NODATA);	/* no IRR read */
	assert_int_equal(s.label[ACT_GV_RPKI], LABEL_NODATA);
	f.irr_known = f.rpki_known = true;
	f.irr_registered = 95;
	f.rpki_valid = 97;
	f.rpki_invalid = 1;
	score_as(&M, &f, &s);
	assert_true(fabs(s.pct[ACT_GV_IRR] - 95) < 1e-9);
	assert_int_equal(s.label[ACT_GV_IRR], LABEL_READY);
	assert_true(fabs(s.pct[ACT_GV_RPKI] - 87) < 1e-9);
	assert_int_equal(s.label[ACT_GV_RPKI], LABEL_ASPIRING);
	/* Clamped at 0. */
	f.rpki_valid = 5;
	f.rpki_invalid = 10;
	score_as(&M, &f, &s);
	assert_true(s.pct[ACT_GV_RPKI] == 0);
}

static char *
write_tmp(const char *text)
{
	static char path[64];
	FILE *fp;
	int fd;

	snprintf(path, sizeof(path), "/tmp/manrs-method.XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	fp = fdopen(fd, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
	return path;
}

static void
test_config(void **state)
{
	struct method m;
	const char *err;
	char *p;

	(void)state;
	method_defaults(&m);
	p = write_tmp("# site policy\n"
	    "incident.short_seconds = 600\n"
	    "  pct.base=0.5   # stricter\n"
	    "weight.M2C = 0.5\n"
	    "scored.M1 = yes\n"
	    "\n");
	assert_true(method_load(&m, p, &err));
	unlink(p);
	assert_int_equal(m.short_s, 600);
	assert_true(m.pct_base == 0.5);
	assert_true(m.weight[M2C] == 0.5);
	assert_true(m.scored[M1]);
	assert_false(m.scored[M1C]);

	/* Errors name the file and line. */
	method_defaults(&m);
	p = write_tmp("pct.base = 0.6\nlabel.ready = 90\n");
	assert_false(method_load(&m, p, &err));
	assert_non_null(strstr(err, ":2: unknown key"));
	unlink(p);
	p = write_tmp("pct.base = 2\n");
	assert_false(method_load(&m, p, &err));
	assert_non_null(strstr(err, ":1: value out of range"));
	unlink(p);
	p = write_tmp("incident.day_seconds = 1.5\n");
	assert_false(method_load(&m, p, &err));
	assert_non_null(strstr(err, "whole number"));
	unlink(p);
	p = write_tmp("weight.M2 = lots\n");
	assert_false(method_load(&m, p, &err));
	unlink(p);
	p = write_tmp("pct.base\n");
	assert_false(method_load(&m, p, &err));
	assert_non_null(strstr(err, "key = value"));
	unlink(p);
	p = write_tmp("label.aspiring_pct = 95\n");
	assert_false(method_load(&m, p, &err));
	unlink(p);
	assert_false(method_load(&m, "/nonexistent/method.conf", &err));
}

/* method_print writes a file method_load reads back to the same values. */
static void
test_print_roundtrip(void **state)
{
	struct method a, b;
	const char *err;
	char path[] = "/tmp/manrs-method.XXXXXX";
	FILE *fp;
	int fd;

	(void)state;
	method_defaults(&a);
	a.pct_base = 0.55;
	a.weight[M3] = 2.25;
	a.scored[M5] = false;
	fd = mkstemp(path);
	assert_true(fd >= 0);
	fp = fdopen(fd, "w");
	method_print(&a, fp);
	fclose(fp);
	method_defaults(&b);
	assert_true(method_load(&b, path, &err));
	unlink(path);
	assert_true(b.pct_base == a.pct_base);
	assert_true(b.weight[M3] == a.weight[M3]);
	assert_false(b.scored[M5]);
	assert_false(b.scored[M1]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_methodology_example, setup),
		cmocka_unit_test_setup(test_incident_score_edges, setup),
		cmocka_unit_test_setup(test_pct_curve, setup),
		cmocka_unit_test_setup(test_merge_rules, setup),
		cmocka_unit_test_setup(test_clip, setup),
		cmocka_unit_test_setup(test_merge_oracle, setup),
		cmocka_unit_test_setup(test_order_independent, setup),
		cmocka_unit_test_setup(test_disputed_not_scored, setup),
		cmocka_unit_test_setup(test_actions, setup),
		cmocka_unit_test_setup(test_config, setup),
		cmocka_unit_test_setup(test_print_roundtrip, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
