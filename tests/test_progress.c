/*
 * Progress: sizes, counts, durations and ETAs formatted as a person reads
 * them; the status line holds what it should and fits the terminal; a
 * stream of updates redraws at most ten times a second and leaves a
 * clean line.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/progress.h"

static void
test_sizes(void **state)
{
	char b[32];

	(void)state;
	assert_string_equal(progress_fmt_size(b, sizeof(b), 0), "0 B");
	assert_string_equal(progress_fmt_size(b, sizeof(b), 999), "999 B");
	/* 999.5 rounds to 1000: shown as 1.00 kB, never "1000 B". */
	assert_string_equal(progress_fmt_size(b, sizeof(b), 999.5), "1.00 kB");
	assert_string_equal(progress_fmt_size(b, sizeof(b), 1500), "1.50 kB");
	assert_string_equal(progress_fmt_size(b, sizeof(b), 4159082),
	    "4.16 MB");
	assert_string_equal(progress_fmt_size(b, sizeof(b), 49.8e6),
	    "49.8 MB");
	assert_string_equal(progress_fmt_size(b, sizeof(b), 123456789012.0),
	    "123 GB");
	assert_string_equal(progress_fmt_size(b, sizeof(b), -1), "?");
	/* A short buffer is cut, still terminated. */
	assert_string_equal(progress_fmt_size(b, 4, 4159082), "4.1");
}

static void
test_counts(void **state)
{
	char b[32];

	(void)state;
	assert_string_equal(progress_fmt_count(b, sizeof(b), 7), "7");
	assert_string_equal(progress_fmt_count(b, sizeof(b), 609246),
	    "609 k");
	assert_string_equal(progress_fmt_count(b, sizeof(b), 1234567),
	    "1.23 M");
	assert_string_equal(progress_fmt_count(b, sizeof(b), 99949),
	    "99.9 k");
	/* 99 950 would print "100.0 k" with %.1f: three digits instead. */
	assert_string_equal(progress_fmt_count(b, sizeof(b), 99950),
	    "100 k");
}

static void
test_durations(void **state)
{
	char b[32];

	(void)state;
	assert_string_equal(progress_fmt_duration(b, sizeof(b), 0), "0.0 s");
	assert_string_equal(progress_fmt_duration(b, sizeof(b), 12.34),
	    "12.3 s");
	assert_string_equal(progress_fmt_duration(b, sizeof(b), 59.96),
	    "1:00");
	assert_string_equal(progress_fmt_duration(b, sizeof(b), 245), "4:05");
	assert_string_equal(progress_fmt_duration(b, sizeof(b), 3723),
	    "1:02:03");
	assert_string_equal(progress_fmt_duration(b, sizeof(b), -2), "?");
}

static void
test_eta(void **state)
{
	(void)state;
	/* A quarter done in 10 s: 30 s to go. */
	assert_true(progress_eta(25, 100, 10) == 30);
	assert_true(progress_eta(100, 100, 10) == 0);
	assert_true(progress_eta(0, 100, 10) < 0);	/* no rate yet */
	assert_true(progress_eta(5, 0, 10) < 0);	/* no total */
	assert_true(progress_eta(101, 100, 10) < 0);	/* past the end */
}

static void
test_render(void **state)
{
	struct progress_task t;
	char line[256];

	(void)state;
	memset(&t, 0, sizeof(t));
	t.stage = "decode+timeline";
	t.kind = "route-views6";
	t.name = "testdata/demo/bgp/route-views6/rib.20150922.1200.bz2";
	t.index = 1;
	t.count = 2;
	t.bytes = 1000000;
	t.size = 4000000;
	t.items = 150000;
	t.unit = "records";
	/* 2 s in: 75 k records/s, 500 kB/s, a quarter read so 6 s to go. */
	progress_render(&t, 2, line, sizeof(line), 200);
	assert_string_equal(line, "decode+timeline route-views6 [1/2] "
	    "rib.20150922.1200.bz2  1.00 MB/4.00 MB 25%  150 k records"
	    "  2.0 s  ETA 6.0 s  75.0 k/s  500 kB/s");
	/*
	 * 100 columns: the name keeps its end and gives way to the amounts
	 * and times (34 + 1 + 10 + 54 = 99); the rates go.
	 */
	progress_render(&t, 2, line, sizeof(line), 100);
	assert_string_equal(line, "decode+timeline route-views6 [1/2] "
	    "...200.bz2  1.00 MB/4.00 MB 25%  150 k records  2.0 s  ETA"
	    " 6.0 s");
	assert_int_equal(strlen(line), 99);
	/* 40 columns: no room for a name; cut to 39 characters, no wrap. */
	progress_render(&t, 2, line, sizeof(line), 40);
	assert_int_equal(strlen(line), 39);
	assert_memory_equal(line, "decode+timeline route-views6 [1/2]  1.00",
	    39);

	/* A stage counting ASes against a known total. */
	memset(&t, 0, sizeof(t));
	t.stage = "score";
	t.items = 2000;
	t.total = 8000;
	t.unit = "ASes";
	progress_render(&t, 4, line, sizeof(line), 200);
	assert_string_equal(line, "score  2.00 k/8.00 k ASes  4.0 s"
	    "  ETA 12.0 s  500/s");
}

static double
mono(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
test_redraw_rate(void **state)
{
	struct progress *p;
	char *buf = NULL, *s;
	size_t len = 0, draws = 0;
	FILE *fp = open_memstream(&buf, &len);
	double t0, el;
	uint64_t i;

	(void)state;
	assert_non_null(fp);
	p = progress_new(fp);
	t0 = mono();
	progress_stage(p, "detect", "events", 0);
	for (i = 1; i <= 300000; i++)
		progress_update(p, 0, i);
	el = mono() - t0;
	progress_stage_end(p);
	progress_free(p);
	fclose(fp);
	for (s = buf; (s = strchr(s, '\r')) != NULL; s++)
		if (s[1] != '\033')	/* a redraw, not a wipe */
			draws++;
	/* The first draw, then one per 100 ms at most. */
	assert_true(draws >= 1);
	assert_true((double)draws <= 2 + el * 10);
	/* The stage's line stays, ends the output, with the total. */
	s = strrchr(buf, '\r');
	assert_non_null(s);
	assert_memory_equal(s, "\r\033[Kdetect ", 10);
	assert_non_null(strstr(s, "300 k events"));
	assert_int_equal(buf[len - 1], '\n');
	free(buf);
}

/* Sources read in a stage: their bytes and their number on its line. */
static void
test_stage_line(void **state)
{
	struct progress *p;
	char *buf = NULL, *s;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	(void)state;
	assert_non_null(fp);
	p = progress_new(fp);
	progress_stage(p, "load references", "files", 0);
	/* Two files of known size, read through (no update says so). */
	progress_source(p, "rpki", "testdata/participants.json", 1, 2);
	progress_source(p, "irr", "testdata/participants.json", 2, 2);
	progress_stage_end(p);
	progress_free(p);
	fclose(fp);
	s = strrchr(buf, '\r');
	assert_non_null(s);
	assert_memory_equal(s, "\r\033[Kload references ", 19);
	assert_non_null(strstr(s, "  2 files"));
	assert_int_equal(buf[len - 1], '\n');
	free(buf);
}

static void
test_null_is_off(void **state)
{
	(void)state;
	progress_stage(NULL, "x", NULL, 0);
	progress_source(NULL, "bgp", "/nonexistent", 1, 1);
	progress_update(NULL, 1, 1);
	progress_stage_end(NULL);
	progress_free(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sizes),
		cmocka_unit_test(test_counts),
		cmocka_unit_test(test_durations),
		cmocka_unit_test(test_eta),
		cmocka_unit_test(test_render),
		cmocka_unit_test(test_redraw_rate),
		cmocka_unit_test(test_stage_line),
		cmocka_unit_test(test_null_is_off),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
