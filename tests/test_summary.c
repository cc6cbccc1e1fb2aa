/*
 * The end-of-run summary: skip reasons add up per source kind under the
 * readers' own names, the JSON form carries every count, and missing
 * inputs are named with what they mean for the scores.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "base/diag.h"
#include "formats/mrt.h"
#include "formats/vrp.h"
#include "observe/summary.h"

static void
test_reasons_add_up(void **state)
{
	struct source_tally t;
	char name[SUMMARY_REASONS + 2][8];
	unsigned i;

	(void)state;
	memset(&t, 0, sizeof(t));
	tally_skip(&t, "a", 2);
	tally_skip(&t, "b", 0);		/* nothing: no line for it */
	tally_skip(&t, "a", 3);
	assert_int_equal(t.skipped, 5);
	assert_string_equal(t.reason[0], "a");
	assert_int_equal(t.count[0], 5);
	assert_null(t.reason[1]);
	/* More reasons than slots: the rest is counted, not lost. */
	for (i = 0; i < SUMMARY_REASONS + 2; i++) {
		snprintf(name[i], sizeof(name[i]), "r%u", i);
		tally_skip(&t, name[i], 1);
	}
	assert_int_equal(t.skipped, 5 + SUMMARY_REASONS + 2);
	assert_int_equal(t.other, 3);	/* "a" holds one slot */
	tally_first(&t, "f:1: first");
	tally_first(&t, "f:9: later");
	assert_string_equal(t.first, "f:1: first");
}

static json_t *
as_json(const struct observe_summary *s, const char *db)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	json_error_t e;
	json_t *j;

	assert_non_null(fp);
	summary_json(fp, s, "2015-09", db);
	fclose(fp);
	assert_int_equal(buf[len - 1], '\n');
	j = json_loads(buf, 0, &e);
	assert_non_null(j);
	free(buf);
	return j;
}

static json_int_t
int_at(json_t *j, const char *a, const char *b, const char *c,
    const char *d)
{
	const char *k[4] = { a, b, c, d };
	unsigned i;

	for (i = 0; i < 4 && k[i] != NULL; i++) {
		j = json_object_get(j, k[i]);
		assert_non_null(j);
	}
	assert_true(json_is_integer(j));
	return json_integer_value(j);
}

static void
test_json(void **state)
{
	struct observe_summary s;
	struct mrt_stats ms;
	struct vrp_errors ve;
	struct diag d;
	json_t *j, *miss;
	const char *text;
	size_t i;
	bool spoof_named = false;

	(void)state;
	memset(&s, 0, sizeof(s));
	memset(&ms, 0, sizeof(ms));
	ms.records = 100;
	ms.skipped[SKIP_TRUNCATED_RECORD] = 3;
	ms.skipped[SKIP_BAD_NLRI] = 1;
	summary_mrt(&s, &ms);
	ms.records = 50;
	ms.skipped[SKIP_BAD_NLRI] = 0;
	summary_mrt(&s, &ms);		/* a second file */
	memset(&ve, 0, sizeof(ve));
	ve.rejected[VRP_REJ_HOST_BITS] = 7;
	snprintf(ve.first, sizeof(ve.first), "v.csv:3: host bits");
	summary_vrp(&s, &ve);
	diag_init(&d, "sp.csv", (const char *const[]){ "bad row", "bad asn" },
	    2);
	d.rejected[1] = 2;
	d.total = 2;
	summary_diag(&s, SRC_SPOOFER, &d, 5);
	s.incidents_by_metric[M2] = 4;
	s.disputed_by_metric[M2] = 1;
	s.incidents = 4;
	s.disputed = 1;
	s.ases = 9;
	s.labels[ACT_FILTERING][LABEL_READY] = 8;
	s.labels[ACT_FILTERING][LABEL_LAGGING] = 1;
	s.no_rpki = s.no_irr = true;
	s.run_id = 3;

	j = as_json(&s, "x.db");
	assert_int_equal(int_at(j, "sources", "bgp", "files", NULL), 2);
	assert_int_equal(int_at(j, "sources", "bgp", "records", NULL), 150);
	assert_int_equal(int_at(j, "sources", "bgp", "skipped", NULL), 7);
	assert_int_equal(int_at(j, "sources", "bgp", "reasons",
	    mrt_skip_str(SKIP_TRUNCATED_RECORD)), 6);
	assert_int_equal(int_at(j, "sources", "bgp", "reasons",
	    mrt_skip_str(SKIP_BAD_NLRI)), 1);
	assert_int_equal(int_at(j, "sources", "rpki", "reasons",
	    vrp_reject_str(VRP_REJ_HOST_BITS)), 7);
	assert_string_equal(json_string_value(json_object_get(json_object_get(
	    json_object_get(j, "sources"), "rpki"), "first")),
	    "v.csv:3: host bits");
	assert_int_equal(int_at(j, "sources", "spoofer", "records", NULL), 7);
	assert_int_equal(int_at(j, "sources", "spoofer", "reasons", "bad asn"),
	    2);
	assert_null(json_object_get(json_object_get(json_object_get(
	    json_object_get(j, "sources"), "spoofer"), "reasons"), "bad row"));
	assert_null(json_object_get(json_object_get(j, "sources"), "irr"));
	assert_int_equal(int_at(j, "incidents", "by_metric", "M2",
	    "disputed"), 1);
	assert_int_equal(int_at(j, "incidents", "total", NULL, NULL), 4);
	assert_int_equal(int_at(j, "labels", "filtering", "Lagging", NULL), 1);
	assert_int_equal(int_at(j, "run", NULL, NULL, NULL), 3);
	/* No VRPs, no IRR: both named; Spoofer data was given. */
	miss = json_object_get(j, "missing");
	assert_true(json_is_array(miss));
	assert_true(json_array_size(miss) >= 2);
	for (i = 0; i < json_array_size(miss); i++) {
		text = json_string_value(json_array_get(miss, i));
		spoof_named |= strstr(text, "Spoofer data (") != NULL;
	}
	assert_false(spoof_named);
	assert_non_null(strstr(json_string_value(json_array_get(miss, 0)),
	    "no VRPs"));
	json_decref(j);
}

static void
test_table(void **state)
{
	struct observe_summary s;
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	(void)state;
	memset(&s, 0, sizeof(s));
	s.src[SRC_ASREL].files = 1;
	s.src[SRC_ASREL].records = 3164;
	tally_skip(&s.src[SRC_ASREL], "the same link again", 2);
	s.no_spoofer = true;
	summary_print(fp, &s, "2015-09", NULL);
	fclose(fp);
	assert_non_null(strstr(buf, "\nasrel              1         3164"
	    "          2\n           2  the same link again\n"));
	assert_non_null(strstr(buf, "no Spoofer data (spoofer/)"));
	assert_null(strstr(buf, "stored in"));
	free(buf);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reasons_add_up),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_table),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
