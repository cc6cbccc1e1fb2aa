/*
 * Participants file: the sample in testdata/, every validation rule,
 * duplicates across organisations, and hostile input.
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
#include "formats/participants.h"

static int
read_str(struct participants *ps, const char *text, struct diag *d)
{
	char err[128];
	size_t n = strlen(text);
	int fd = memfd_create("part-test", 0), rc;
	struct reader *rd;

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, n), (ssize_t)n);
	assert_int_equal(lseek(fd, 0, SEEK_SET), 0);
	rd = reader_fdopen(fd, "p.json", err, sizeof(err));
	assert_non_null(rd);
	participants_diag_init(d, "p.json");
	rc = participants_read(ps, rd, d);
	reader_close(rd);
	return rc;
}

static void
test_sample(void **state)
{
	struct participants ps;
	const struct participant *p;
	struct diag d;

	(void)state;
	log_verbose = -1;
	participants_init(&ps);
	participants_diag_init(&d, "testdata/participants.json");
	assert_int_equal(participants_read_file(&ps, d.name, &d), 0);
	assert_int_equal(d.total, 0);
	assert_int_equal(ps.n, 4);
	p = participants_by_asn(&ps, 64497);
	assert_non_null(p);
	assert_string_equal(p->org, "Example Networks B.V.");
	assert_int_equal(p->program, PROG_ISP);
	assert_int_equal(p->line, 4);
	assert_int_equal(p->ncontacts, 2);
	assert_int_equal(p->contacts[1].role, ROLE_ABUSE);
	assert_string_equal(p->contacts[0].phone, "+31 20 000 0000");
	assert_string_equal(p->contacts[1].name, "");
	assert_int_equal(p->since, 20190501);
	assert_string_equal(p->country, "NL");
	p = participants_by_asn(&ps, 4200000001u);
	assert_non_null(p);
	assert_int_equal(p->program, PROG_CDN_CLOUD);
	assert_int_equal(participants_by_asn(&ps, 64500)->since, 20200229);
	assert_null(participants_by_asn(&ps, 64499));
	participants_free(&ps);
}

#define HEAD	"{\"version\":1,\"participants\":[\n"
#define GOOD(org, asn) "{\"organisation\":\"" org "\",\"program\":\"IXP\"," \
	"\"asns\":[" asn "],\"contacts\":[{\"role\":\"noc\",\"email\":" \
	"\"a@b.example\"}],\"member_since\":\"2020-01-01\"}"

/* Each bad participant is rejected with its line; the good ones stay. */
static void
test_rejects(void **state)
{
	static const char text[] = HEAD
	    GOOD("A", "64496") ",\n"
	    "{\"organization\":\"typo\",\"program\":\"IXP\",\"asns\":[1],"
	    "\"contacts\":[{\"role\":\"noc\",\"email\":\"a@b.c\"}],"
	    "\"member_since\":\"2020-01-01\"},\n"
	    "{\"organisation\":\"B\",\"program\":\"Transit\",\"asns\":[2],"
	    "\"contacts\":[{\"role\":\"noc\",\"email\":\"a@b.c\"}],"
	    "\"member_since\":\"2020-01-01\"},\n"
	    "{\"organisation\":\"C\",\"program\":\"IXP\",\"asns\":[0],"
	    "\"contacts\":[{\"role\":\"noc\",\"email\":\"a@b.c\"}],"
	    "\"member_since\":\"2020-01-01\"},\n"
	    "{\"organisation\":\"D\",\"program\":\"IXP\",\"asns\":[4],"
	    "\"contacts\":[{\"role\":\"noc\",\"email\":\"not an address\"}],"
	    "\"member_since\":\"2020-01-01\"},\n"
	    "{\"organisation\":\"E\",\"program\":\"IXP\",\"asns\":[5],"
	    "\"contacts\":[{\"role\":\"noc\",\"email\":\"a@b.c\"}],"
	    "\"member_since\":\"2021-02-29\"},\n"
	    "{\"organisation\":\"F\",\"program\":\"IXP\",\"asns\":[6],"
	    "\"contacts\":[{\"role\":\"noc\",\"email\":\"a@b.c\",\"fax\":\"1\"}],"
	    "\"member_since\":\"2020-01-01\"},\n"
	    "{\"organisation\":\"G\",\"program\":\"IXP\",\"asns\":\"AS7\","
	    "\"contacts\":[],\"member_since\":\"2020-01-01\"},\n"
	    GOOD("H", "\"AS64496\"") ",\n"
	    GOOD("I", "64510, 64510") ",\n"
	    GOOD("A", "64511") "\n]}";
	struct participants ps;
	struct diag d;

	(void)state;
	log_verbose = -1;
	participants_init(&ps);
	assert_int_equal(read_str(&ps, text, &d), 1);
	/* A, H, I and the second A pass field checks; duplicates are
	 * reported, the file is marked bad (1). */
	assert_int_equal(ps.n, 4);
	assert_int_equal(d.rejected[PART_REJ_SYNTAX], 2);	/* typo, fax */
	assert_int_equal(d.rejected[PART_REJ_VALUE], 4);
	assert_int_equal(d.rejected[PART_REJ_FIELD], 3);	/* typo, G x2 */
	assert_int_equal(d.rejected[PART_REJ_DUPLICATE], 3);
	assert_non_null(strstr(d.first, "p.json:3: malformed: participant 2"
	    ": unknown key \"organization\""));
	participants_free(&ps);
}

static void
test_duplicate_message(void **state)
{
	static const char text[] = HEAD GOOD("First", "64496") ",\n"
	    GOOD("Second", "64497, \"AS64496\"") "]}";
	struct participants ps;
	struct diag d;

	(void)state;
	log_verbose = -1;
	participants_init(&ps);
	assert_int_equal(read_str(&ps, text, &d), 1);
	assert_int_equal(d.total, 1);
	assert_string_equal(d.first, "p.json:3: listed twice: AS64496 belongs "
	    "to \"First\" (line 2) and to \"Second\"");
	participants_free(&ps);
}

static void
test_hostile(void **state)
{
	static const char *const fatal[] = {
		"",
		"[]",
		"{\"version\":2,\"participants\":[]}",
		"{\"version\":1}",
		"{\"version\":1,\"participants\":[],\"extra\":1}",
		"{\"version\":1,\"version\":1,\"participants\":[]}",
		"{\"version\":1,\"participants\":[{\"a\":1,\"a\":2}]}",
		"{\"version\":1,\"participants\":[{]}",
		"{\"version\":1,\"participants\":[]} trailing",
		"{\"version\":1,\"participants\":[] ",
		"{\"version\":1,\"participants\":[{} {}]}",
	};
	struct participants ps;
	struct diag d;
	size_t i;

	(void)state;
	log_verbose = -1;
	for (i = 0; i < sizeof(fatal) / sizeof(fatal[0]); i++) {
		participants_init(&ps);
		assert_int_equal(read_str(&ps, fatal[i], &d), -1);
		assert_true(d.fatal[0] != '\0');
		participants_free(&ps);
	}
	/* An empty list is a valid file. */
	participants_init(&ps);
	assert_int_equal(read_str(&ps, "{\"participants\":[],\"version\":1}",
	    &d), 0);
	assert_int_equal(ps.n, 0);
	participants_free(&ps);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sample),
		cmocka_unit_test(test_rejects),
		cmocka_unit_test(test_duplicate_message),
		cmocka_unit_test(test_hostile),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
