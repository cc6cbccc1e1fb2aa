/*
 * Spoofer session readers: both Shadowserver schemas on the real samples
 * in testdata/spoofer, the CAIDA API JSON and CSV forms, hostile input,
 * and the per-AS summary against a hand count.
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
#include "formats/spoofer.h"

#define T	"testdata/spoofer/"

static int
read_str(struct spoofer_set *s, const char *text, size_t n, struct diag *d)
{
	char err[128];
	int fd = memfd_create("spoofer-test", 0), rc;
	struct reader *rd;

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, n), (ssize_t)n);
	assert_int_equal(lseek(fd, 0, SEEK_SET), 0);
	rd = reader_fdopen(fd, "mem", err, sizeof(err));
	assert_non_null(rd);
	spoofer_diag_init(d, "mem");
	rc = spoofer_read(s, rd, d);
	reader_close(rd);
	return rc;
}

static void
test_time(void **state)
{
	int64_t t;

	(void)state;
	/* date -u -d '2020-05-07T14:34:59Z' +%s */
	assert_true(spoofer_parse_time("2020-05-07T14:34:59+00:00", 25, &t));
	assert_int_equal(t, 1588862099);
	assert_true(spoofer_parse_time("2020-05-07T16:34:59+02:00", 25, &t));
	assert_int_equal(t, 1588862099);
	assert_true(spoofer_parse_time("2019-08-27 00:06:24", 19, &t));
	assert_int_equal(t, 1566864384);
	assert_true(spoofer_parse_time("2024-02-29T00:00:00Z", 20, &t));
	assert_int_equal(t, 1709164800);
	assert_false(spoofer_parse_time("2023-02-29T00:00:00Z", 20, &t));
	assert_false(spoofer_parse_time("2020-13-01 00:00:00", 19, &t));
	assert_false(spoofer_parse_time("2020-05-07", 10, &t));
	assert_false(spoofer_parse_time("2020-05-07T14:34:59+0000", 24, &t));
}

static void
test_shadowserver_old(void **state)
{
	struct spoofer_set s;
	struct diag d;
	char a[PREFIX_STRLEN];

	(void)state;
	log_verbose = -1;
	spoofer_set_init(&s);
	spoofer_diag_init(&d, T "intelmq_shadowserver_caida_ip_spoofer.csv");
	assert_int_equal(spoofer_read_file(&s, d.name, &d), 0);
	assert_int_equal(d.total, 0);
	assert_int_equal(s.format, SPOOFER_FMT_SHADOW_OLD);
	assert_int_equal(s.n, 5);
	/* Row 1: 2019-08-27 00:06:24, AS55836, 137.97.71.0/24, received,
	 * session 739969, NAT True. */
	assert_int_equal(s.r[0].session, 739969);
	assert_int_equal(s.r[0].asn, 55836);
	prefix_fmt(&s.r[0].client, a);
	assert_string_equal(a, "137.97.71.0/24");
	assert_int_equal(s.r[0].routed, SPOOF_RECEIVED);
	assert_int_equal(s.r[0].priv, SPOOF_NONE);
	assert_int_equal(s.r[0].nat, SPOOF_NAT_YES);
	assert_string_equal(s.r[0].country, "IN");
	assert_int_equal(s.r[0].time, 1566864384);
	assert_int_equal(s.r[2].routed, SPOOF_REWRITTEN);
	assert_int_equal(s.r[3].nat, SPOOF_NAT_NO);
	assert_string_equal(s.r[4].country, "");
	assert_int_equal(s.r[4].line, 6);
	spoofer_set_free(&s);
}

static void
test_shadowserver_event4(void **state)
{
	struct spoofer_set s;
	struct diag d;
	char a[PREFIX_STRLEN];

	(void)state;
	log_verbose = -1;
	spoofer_set_init(&s);
	spoofer_diag_init(&d, T "intelmq_shadowserver_event4_ip_spoofer.csv");
	assert_int_equal(spoofer_read_file(&s, d.name, &d), 0);
	assert_int_equal(d.total, 0);
	assert_int_equal(s.format, SPOOFER_FMT_SHADOW_EVENT4);
	assert_int_equal(s.n, 6);
	assert_int_equal(s.r[1].session, 1112914);
	assert_int_equal(s.r[1].asn, 262485);
	prefix_fmt(&s.r[1].client, a);
	assert_string_equal(a, "191.7.16.0/24");
	assert_int_equal(s.r[1].nat, SPOOF_NAT_NO);
	assert_string_equal(s.r[1].country, "BR");
	spoofer_set_free(&s);
}

/* The API JSON: hydra collection, array, one object per line. */
static void
test_caida_json(void **state)
{
	static const char ndjson[] =
	    "{\"@id\":\"/sessions/891176\",\"@type\":\"Session\",\"asn4\":"
	    "\"3356\",\"asn6\":null,\"client4\":\"4.30.179.0/24\",\"client6\":"
	    "null,\"country\":\"usa\",\"nat4\":true,\"nat6\":null,"
	    "\"privatespoof\":\"blocked\",\"privatespoof6\":null,"
	    "\"routedspoof\":\"blocked\",\"routedspoof6\":null,\"session\":"
	    "891176,\"timestamp\":\"2020-05-07T14:34:59+00:00\"}\n"
	    "{\"session\":5,\"timestamp\":\"2021-01-01T00:00:00Z\","
	    "\"asn4\":64496,\"client4\":\"192.0.2.0/24\",\"nat4\":false,"
	    "\"routedspoof\":\"received\",\"privatespoof\":\"received\","
	    "\"asn6\":\"64497\",\"client6\":\"2001:db8::/40\",\"nat6\":false,"
	    "\"routedspoof6\":\"blocked\",\"privatespoof6\":\"unknown\"}\n";
	static const char hydra[] =
	    "{\"@context\":\"/contexts/Session\",\"hydra:member\":["
	    "{\"session\":7,\"timestamp\":\"2021-01-02T00:00:00Z\","
	    "\"asn4\":\"64496\",\"client4\":\"192.0.2.0/24\","
	    "\"routedspoof\":\"rewritten\"}],\"hydra:totalItems\":1}";
	struct spoofer_set s;
	struct diag d;

	(void)state;
	log_verbose = -1;
	spoofer_set_init(&s);
	assert_int_equal(read_str(&s, ndjson, strlen(ndjson), &d), 0);
	assert_int_equal(d.total, 0);
	assert_int_equal(s.format, SPOOFER_FMT_JSON);
	assert_int_equal(s.n, 3);	/* the second session has both families */
	assert_int_equal(s.r[0].asn, 3356);
	assert_int_equal(s.r[0].nat, SPOOF_NAT_YES);
	assert_int_equal(s.r[0].routed, SPOOF_BLOCKED);
	assert_string_equal(s.r[0].country, "usa");
	assert_int_equal(s.r[1].client.afi, AFI_IPV4);
	assert_int_equal(s.r[1].priv, SPOOF_RECEIVED);
	assert_int_equal(s.r[2].client.afi, AFI_IPV6);
	assert_int_equal(s.r[2].asn, 64497);
	assert_int_equal(s.r[2].priv, SPOOF_UNKNOWN);
	assert_int_equal(s.r[2].line, 2);
	assert_int_equal(read_str(&s, hydra, strlen(hydra), &d), 0);
	assert_int_equal(s.n, 4);
	assert_int_equal(s.r[3].routed, SPOOF_REWRITTEN);
	assert_int_equal(s.r[3].priv, SPOOF_NONE);
	spoofer_set_free(&s);
}

static void
test_caida_csv_and_rejects(void **state)
{
	static const char csv[] =
	    "session,timestamp,asn4,client4,nat4,routedspoof,privatespoof\n"
	    "1,2021-01-01T00:00:00Z,64496,192.0.2.0/24,true,received,blocked\n"
	    "x,2021-01-01T00:00:00Z,64496,192.0.2.0/24,true,received,blocked\n"
	    "2,2021-01-01,64496,192.0.2.0/24,true,received,blocked\n"
	    "3,2021-01-01T00:00:00Z,AS-1,192.0.2.0/24,true,received,blocked\n"
	    "4,2021-01-01T00:00:00Z,64496,192.0.2.1/24,true,received,blocked\n"
	    "5,2021-01-01T00:00:00Z,64496,2001:db8::/32,true,received,blocked\n"
	    "6,2021-01-01T00:00:00Z,64496,192.0.2.0/24,maybe,received,blocked\n"
	    "7,2021-01-01T00:00:00Z,64496,192.0.2.0/24,true,spoofed,blocked\n"
	    "8,2021-01-01T00:00:00Z,64496,192.0.2.0/24,true,received\n"
	    "9,2021-01-01T00:00:00Z,64496,\"192.0.2.0/24,true,received,x\n"
	    "10,2021-01-01T00:00:00Z,64496,,true,received,blocked\n";
	struct spoofer_set s;
	struct diag d;

	(void)state;
	log_verbose = -1;
	spoofer_set_init(&s);
	assert_int_equal(read_str(&s, csv, strlen(csv), &d), 0);
	assert_int_equal(s.format, SPOOFER_FMT_CSV);
	assert_int_equal(s.n, 1);
	assert_int_equal(d.rejected[SPOOFER_REJ_SESSION], 1);
	assert_int_equal(d.rejected[SPOOFER_REJ_TIME], 1);
	assert_int_equal(d.rejected[SPOOFER_REJ_ASN], 1);
	assert_int_equal(d.rejected[SPOOFER_REJ_PREFIX], 3);
	assert_int_equal(d.rejected[SPOOFER_REJ_NAT], 1);
	assert_int_equal(d.rejected[SPOOFER_REJ_OUTCOME], 1);
	assert_int_equal(d.rejected[SPOOFER_REJ_SYNTAX], 2);
	assert_non_null(strstr(d.first, "mem:3: bad session id"));
	spoofer_set_free(&s);
}

static void
test_hostile(void **state)
{
	static const char *const fatal[] = {
		"",
		"just,a,csv\n1,2,3\n",
		"{\"session\":1,",
		"[1,2,3] garbage",
		"\x1f\x8b\x08\x00\x00",
	};
	struct spoofer_set s;
	struct diag d;
	size_t i;

	(void)state;
	log_verbose = -1;
	for (i = 0; i < sizeof(fatal) / sizeof(fatal[0]); i++) {
		spoofer_set_init(&s);
		assert_int_equal(read_str(&s, fatal[i], strlen(fatal[i]) +
		    (i == 4), &d), -1);
		assert_true(d.fatal[0] != '\0');
		spoofer_set_free(&s);
	}
	/* Array elements that are not sessions are rejected, not fatal. */
	spoofer_set_init(&s);
	assert_int_equal(read_str(&s, "[1,\"x\",{\"session\":[]}]", 22, &d), 0);
	assert_int_equal(d.rejected[SPOOFER_REJ_SYNTAX], 3);
	spoofer_set_free(&s);
}

/* Summary against a count by hand over a small set. */
static void
test_summary(void **state)
{
	static const char csv[] =
	    "session,timestamp,asn4,client4,routedspoof,privatespoof\n"
	    "1,2021-01-01T00:00:00Z,64496,192.0.2.0/24,received,blocked\n"
	    "2,2021-01-05T00:00:00Z,64496,192.0.2.0/24,blocked,received\n"
	    "3,2021-01-03T00:00:00Z,64496,198.51.100.0/24,blocked,blocked\n"
	    "4,2021-01-04T00:00:00Z,64497,203.0.113.0/24,received,received\n"
	    "5,2021-02-01T00:00:00Z,64496,198.51.100.0/24,received,blocked\n";
	struct spoofer_set s;
	struct spoofer_asn *a;
	struct diag d;
	int64_t from, to;
	size_t n;

	(void)state;
	log_verbose = -1;
	spoofer_set_init(&s);
	assert_int_equal(read_str(&s, csv, strlen(csv), &d), 0);
	assert_true(spoofer_parse_time("2021-01-01T00:00:00Z", 20, &from));
	assert_true(spoofer_parse_time("2021-02-01T00:00:00Z", 20, &to));
	n = spoofer_summarize(&s, from, to, &a);
	assert_int_equal(n, 2);
	assert_int_equal(a[0].asn, 64496);
	assert_int_equal(a[0].sessions, 3);
	assert_int_equal(a[0].routed_received, 1);
	assert_int_equal(a[0].private_received, 1);
	assert_int_equal(a[0].spoofing_clients, 1);	/* 192.0.2.0/24 */
	assert_int_equal(a[0].latest_session, 2);
	assert_int_equal(a[1].asn, 64497);
	assert_int_equal(a[1].spoofing_clients, 1);
	free(a);
	spoofer_set_free(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_time),
		cmocka_unit_test(test_shadowserver_old),
		cmocka_unit_test(test_shadowserver_event4),
		cmocka_unit_test(test_caida_json),
		cmocka_unit_test(test_caida_csv_and_rejects),
		cmocka_unit_test(test_hostile),
		cmocka_unit_test(test_summary),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
