/* UTC date parsing against the C library's timegm on many dates. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/utctime.h"

static void
test_against_timegm(void **state)
{
	int64_t t;
	unsigned i;

	(void)state;
	/* Every day from 1970 to 2100, at a varying time of day. */
	for (i = 0; i < 47482; i++) {
		time_t want = (time_t)i * 86400 + (i * 7919) % 86400;
		struct tm tm;
		char buf[UTC_STRLEN], day[11];

		gmtime_r(&want, &tm);
		utc_fmt((int64_t)want, buf, sizeof(buf));
		assert_true(utc_parse(buf, &t));
		assert_int_equal(t, (int64_t)want);
		memcpy(day, buf, 10);
		day[10] = '\0';
		assert_true(utc_parse(day, &t));
		assert_int_equal(t, (int64_t)want - (int64_t)(want % 86400));
		assert_int_equal(utc_days(tm.tm_year + 1900,
		    (unsigned)tm.tm_mon + 1, (unsigned)tm.tm_mday),
		    (int64_t)want / 86400);
	}
}

static void
test_months_and_errors(void **state)
{
	int64_t a, b, t;

	(void)state;
	assert_true(utc_parse_month("2015-04", &a, &b));
	assert_int_equal(a, 1427846400);
	assert_int_equal(b, 1430438400);
	assert_true(utc_parse_month("2016-12", &a, &b));
	assert_int_equal(b - a, 31 * 86400);
	assert_true(utc_parse_month("2016-02", &a, &b));
	assert_int_equal(b - a, 29 * 86400);
	assert_true(utc_parse("1427846400", &t));
	assert_int_equal(t, 1427846400);
	assert_false(utc_parse_month("2015-13", &a, &b));
	assert_false(utc_parse_month("2015-4", &a, &b));
	assert_false(utc_parse("2015-02-29", &t));
	assert_true(utc_parse("2016-02-29", &t));
	assert_false(utc_parse("2015-04-01T24:00:00Z", &t));
	assert_false(utc_parse("2015-04-01T12:00:00", &t));
	assert_false(utc_parse("2015-04-01 ", &t));
	assert_false(utc_parse("-5", &t));
	assert_false(utc_parse("", &t));
	assert_false(utc_parse("12x", &t));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_against_timegm),
		cmocka_unit_test(test_months_and_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
