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

#include "base/limits.h"
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
	static const char *const toml[][2] = {
		{ "version = 1\n[participants]\n", "p.json: line 2: "
		    "participants is not an array" },
		{ "version = 1\nparticipants = []\nextra = 1\n", "line 3: "
		    "unexpected key \"extra\"" },
		{ "version = 2\nparticipants = []\n", "line 1: \"version\" "
		    "must be 1" },
		{ "version = '1'\nparticipants = []\n", "line 1: \"version\" "
		    "must be 1" },
		{ "participants = []\n", "\"version\" or \"participants\" is "
		    "missing" },
		{ "version = 1\n", "is missing" },
		{ "version = 1\nparticipants = []\nversion = 1\n", "line 3, "
		    "column 1: version is defined twice" },
		{ "", "is missing" },
	};
	struct participants ps;
	struct diag d;
	size_t i, n;
	char *big;

	(void)state;
	log_verbose = -1;
	for (i = 0; i < sizeof(fatal) / sizeof(fatal[0]); i++) {
		participants_init(&ps);
		assert_int_equal(read_str(&ps, fatal[i], &d), -1);
		assert_true(d.fatal[0] != '\0');
		participants_free(&ps);
	}
	/* More values than the cap: refused before jansson holds them. */
	big = malloc(2 * MAX_TOML_NODES + 64);
	assert_non_null(big);
	n = (size_t)snprintf(big, 64, "{\"version\":1,\"participants\":[");
	for (i = 0; i < MAX_TOML_NODES; i++) {
		big[n++] = '1';
		big[n++] = ',';
	}
	memcpy(big + n - 1, "]}", 3);
	participants_init(&ps);
	assert_int_equal(read_str(&ps, big, &d), -1);
	assert_non_null(strstr(d.fatal, "more than 1048576 values"));
	participants_free(&ps);
	free(big);
	/* TOML: the top level holds version and participants only. */
	for (i = 0; i < sizeof(toml) / sizeof(toml[0]); i++) {
		participants_init(&ps);
		assert_int_equal(read_str(&ps, toml[i][0], &d), -1);
		if (strstr(d.fatal, toml[i][1]) == NULL)
			fail_msg("%zu: \"%s\", want \"%s\"", i, d.fatal,
			    toml[i][1]);
		participants_free(&ps);
	}
	/* An empty list is a valid file. */
	participants_init(&ps);
	assert_int_equal(read_str(&ps, "{\"participants\":[],\"version\":1}",
	    &d), 0);
	assert_int_equal(ps.n, 0);
	participants_free(&ps);
	participants_init(&ps);
	assert_int_equal(read_str(&ps, "# none yet\nparticipants = []\n"
	    "version = 1\n", &d), 0);
	assert_int_equal(ps.n, 0);
	participants_free(&ps);
}

/* a and b hold the same participants, field by field. */
static void
same_participants(const struct participants *a, const struct participants *b)
{
	size_t i, j;

	assert_int_equal(a->n, b->n);
	for (i = 0; i < a->n; i++) {
		const struct participant *x = &a->p[i], *y = &b->p[i];

		assert_string_equal(x->org, y->org);
		assert_string_equal(x->country, y->country);
		assert_string_equal(x->notes, y->notes);
		assert_int_equal(x->program, y->program);
		assert_int_equal(x->since, y->since);
		assert_int_equal(x->nasns, y->nasns);
		for (j = 0; j < x->nasns; j++)
			assert_int_equal(x->asns[j], y->asns[j]);
		assert_int_equal(x->ncontacts, y->ncontacts);
		for (j = 0; j < x->ncontacts; j++) {
			assert_int_equal(x->contacts[j].role,
			    y->contacts[j].role);
			assert_string_equal(x->contacts[j].email,
			    y->contacts[j].email);
			assert_string_equal(x->contacts[j].name,
			    y->contacts[j].name);
			assert_string_equal(x->contacts[j].phone,
			    y->contacts[j].phone);
		}
	}
}

/* The TOML and CSV samples are the JSON sample; lines are their own. */
static void
test_forms(void **state)
{
	static const char *const file[] = { "testdata/participants.json",
	    "testdata/participants.toml", "testdata/participants.csv" };
	static const uint32_t line[][4] = {
		{ 4, 15, 25, 35 }, { 5, 22, 30, 44 }, { 2, 4, 5, 6 },
	};
	struct participants ps[3];
	struct diag d;
	size_t i, k;

	(void)state;
	log_verbose = -1;
	for (i = 0; i < 3; i++) {
		participants_init(&ps[i]);
		participants_diag_init(&d, file[i]);
		assert_int_equal(participants_read_file(&ps[i], file[i], &d), 0);
		assert_int_equal(ps[i].n, 4);
		for (k = 0; k < 4; k++)
			assert_int_equal(ps[i].p[k].line, line[i][k]);
	}
	same_participants(&ps[0], &ps[1]);
	same_participants(&ps[0], &ps[2]);
	for (i = 0; i < 3; i++)
		participants_free(&ps[i]);
	assert_int_equal(participants_format_of("a/p.TOML"), PART_TOML);
	assert_int_equal(participants_format_of("p.csv"), PART_CSV);
	assert_int_equal(participants_format_of("p.json"), PART_JSON);
	assert_int_equal(participants_format_of("p.toml.gz"), PART_GUESS);
	assert_int_equal(participants_format_of("-"), PART_GUESS);
}

/* Errors in TOML name the line of the field that is wrong. */
static void
test_toml_rejects(void **state)
{
	static const char text[] =
	    "version = 1\n"
	    "[[participants]]\n"			/* 2 */
	    "organisation = \"A\"\n"
	    "program = \"ISP\"\n"
	    "asns = [1,\n"
	    "  \"AS2\", \"x\"]\n"			/* 6 */
	    "member_since = 2020-01-01\n"
	    "website = \"w\"\n"			/* 8 */
	    "[[participants.contacts]]\n"		/* 9 */
	    "role = \"noc\"\n"
	    "email = \"nobody\"\n"			/* 11 */
	    "[[participants.contacts]]\n"		/* 12 */
	    "role = \"abuse\"\n"
	    "[[participants]]\n"			/* 14 */
	    "organisation = \"B\"\n"
	    "program = 7\n"				/* 16 */
	    "asns = [3]\n"
	    "member_since = \"2013-12-31\"\n"	/* 18 */
	    "contacts = [{role = \"noc\", email = \"a@b.c\"}, 5]\n";
	static const char *const want[] = {
		"p.json:8: malformed: participant 1 (A): unknown key "
		    "\"website\"",
		"p.json:6: bad value: participant 1 (A): asns[2]",
		"p.json:11: bad value: participant 1 (A): contacts[0]: "
		    "\"nobody\"",
		"p.json:12: missing or wrong field: participant 1 (A): "
		    "\"email\" is missing",
		"p.json:16: missing or wrong field: participant 2 (B): "
		    "\"program\" is not a string",
		"p.json:19: missing or wrong field: participant 2 (B): "
		    "contacts[1] is not an object",
		"p.json:18: bad value: participant 2 (B): member_since",
	};
	struct participants ps;
	struct diag d;
	size_t i;
	char *log;
	FILE *fp;
	size_t n;

	(void)state;
	log_verbose = 0;
	fp = open_memstream(&log, &n);
	assert_non_null(fp);
	log_set_stream(fp);
	participants_init(&ps);
	assert_int_equal(read_str(&ps, text, &d), 1);
	fclose(fp);
	log_set_stream(NULL);
	assert_int_equal(ps.n, 0);
	assert_int_equal(d.total, 7);
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		if (strstr(log, want[i]) == NULL)
			fail_msg("no \"%s\" in:\n%s", want[i], log);
	free(log);
	participants_free(&ps);
}

/* An "asns" cell of more ASNs than allowed is refused, not kept. */
static void
test_csv_many_asns(void)
{
	static const char head[] =
	    "organisation,program,asns,member_since,role,email\nA,ISP,\"";
	size_t n = MAX_PARTICIPANT_ASNS + 100, i, len = 0;
	char *text = malloc(sizeof(head) + 8 * n + 64);
	struct participants ps;
	struct diag d;

	assert_non_null(text);
	memcpy(text, head, sizeof(head) - 1);
	len = sizeof(head) - 1;
	for (i = 0; i < n; i++)
		len += (size_t)snprintf(text + len, 9, "%zu ", 1000 + i);
	snprintf(text + len, 64, "\",2020-01-01,noc,a@b.c\n");
	participants_init(&ps);
	assert_int_equal(read_str(&ps, text, &d), 1);
	assert_int_equal(ps.n, 0);
	assert_non_null(strstr(d.first, "more than 65536 ASNs"));
	participants_free(&ps);
	free(text);
}

static void
test_csv(void **state)
{
	static const char *const fatal[][2] = {
		{ "organisation,program,asns,member_since,role\n",
		    "line 1: no column email" },
		{ "organisation,program,asns,member_since,role,email,fax\n",
		    "line 1: unknown column \"fax\"" },
		{ "organisation,program,asns,asns,member_since,role,email\n",
		    "line 1: column asns twice" },
		{ "email,role,member_since,asns,program,organisation\n"
		    "a@b.c,noc,2020-01-01,1,ISP,A\n"
		    "a@b.c,noc,2020-01-01,1,ISP\n", "line 3: 5 fields, the "
		    "header has 6" },
		{ "organisation,program,asns,member_since,role,email\n"
		    ",,,,noc,a@b.c\n", "line 2: a contact row" },
		{ "organisation,program,asns,member_since,role,email\n"
		    "A,ISP,1,2020-01-01,noc,a@b.c\n,ISP,,,abuse,c@d.e\n",
		    "line 3: a row without an organisation" },
		{ "organisation,program,asns,member_since,role,email\n"
		    "\"A,ISP,1,2020-01-01,noc,a@b.c\n",
		    "line 2: a quoted field that does not end" },
		{ "organisation,program,asns,member_since,role,email\n"
		    "A\"x,ISP,1,2020-01-01,noc,a@b.c\"\n",
		    "line 2: quote inside an unquoted field" },
		{ "organisation,program,asns,member_since,role,email\n"
		    "A\xff,ISP,1,2020-01-01,noc,a@b.c\n", "line 2: not UTF-8" },
		{ "organisation,program,asns,member_since,role,email\n"
		    "A\x01,ISP,1,2020-01-01,noc,a@b.c\n",
		    "line 2: organisation: control character 0x01" },
	};
	/* Quoted fields may hold commas, quotes and newlines; empty rows
	 * are skipped; CRLF works. */
	static const char good[] =
	    "organisation,program,asns,member_since,role,email,notes\r\n"
	    "\"Say \"\"Hi\"\", Inc.\",ISP,\"1, AS2;3\",2020-01-01,noc,a@b.c,"
	    "\"two\r\nlines\"\r\n"
	    ",,,,,,\r\n"
	    "\r\n"
	    ",,,,abuse,x@y.z,\r\n"
	    "B,IXP,0012,2020-01-01,noc,a@b.c,\r\n";
	struct participants ps;
	struct diag d;
	size_t i;

	(void)state;
	log_verbose = -1;
	for (i = 0; i < sizeof(fatal) / sizeof(fatal[0]); i++) {
		participants_init(&ps);
		assert_int_equal(read_str(&ps, fatal[i][0], &d), -1);
		if (strstr(d.fatal, fatal[i][1]) == NULL)
			fail_msg("%zu: \"%s\", want \"%s\"", i, d.fatal,
			    fatal[i][1]);
		participants_free(&ps);
	}
	participants_init(&ps);
	assert_int_equal(read_str(&ps, good, &d), 1);
	assert_int_equal(ps.n, 1);
	assert_string_equal(ps.p[0].org, "Say \"Hi\", Inc.");
	assert_string_equal(ps.p[0].notes, "two\r\nlines");
	assert_int_equal(ps.p[0].nasns, 3);
	assert_int_equal(ps.p[0].asns[2], 3);
	assert_int_equal(ps.p[0].ncontacts, 2);
	assert_string_equal(ps.p[0].contacts[1].email, "x@y.z");
	assert_int_equal(d.total, 1);	/* B: 0012 is not an ASN */
	assert_non_null(strstr(d.first, "p.json:7: bad value: participant 2 "
	    "(B): asns[0]"));
	participants_free(&ps);
	test_csv_many_asns();
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sample),
		cmocka_unit_test(test_rejects),
		cmocka_unit_test(test_duplicate_message),
		cmocka_unit_test(test_hostile),
		cmocka_unit_test(test_forms),
		cmocka_unit_test(test_toml_rejects),
		cmocka_unit_test(test_csv),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
