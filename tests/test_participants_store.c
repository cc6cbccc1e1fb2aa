/*
 * Participants in the store: an import is idempotent, reports ASNs that
 * move, keeps what the file leaves out unless told to replace (and then
 * says what it drops), and participants survive an observe re-run over
 * the same period and a migration from schema v1.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/participants.h"
#include "observe/run.h"
#include "store/participants.h"
#include "store/store.h"

#define SAMPLE	"testdata/participants.json"

static char dir[64], path[128], err[512];

static int
setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/manrs-parts.XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/manrs.db", dir);
	return 0;
}

static int
teardown(void **state)
{
	char cmd[160];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	return 0;
}

static void
load(struct participants *ps, const char *file)
{
	struct diag d;

	participants_init(ps);
	participants_diag_init(&d, file);
	assert_int_equal(participants_read_file(ps, file, &d), 0);
}

/* Every stored participant and ASN as text: "ORG|PROGRAM|SINCE|ASN,..." */
struct dump {
	char	buf[4096];
	size_t	len;
};

static void
dump_one(void *ctx, const struct stored_participant *p)
{
	struct dump *d = ctx;
	size_t i;

	d->len += (size_t)snprintf(d->buf + d->len, sizeof(d->buf) - d->len,
	    "%s|%s|%s|", p->org, p->program, p->member_since);
	for (i = 0; i < p->nasns; i++)
		d->len += (size_t)snprintf(d->buf + d->len, sizeof(d->buf) -
		    d->len, "%u,", p->asns[i]);
	d->len += (size_t)snprintf(d->buf + d->len, sizeof(d->buf) - d->len,
	    "\n");
	assert_true(d->len < sizeof(d->buf));
}

static void
dump(struct store *s, struct dump *d)
{
	memset(d, 0, sizeof(*d));
	assert_true(participants_list(s, dump_one, d, err, sizeof(err)));
}

/* What testdata/participants.json holds, written out by hand. */
static const char sample_dump[] =
    "Example Cloud Inc.|CDN and Cloud|2021-11-15|65536,65537,4200000001,\n"
    "Example Exchange|IXP|2020-02-29|64500,\n"
    "Example Networks B.V.|ISP|2019-05-01|64496,64497,\n"
    "Example Router Vendor|Equipment Vendor|2022-06-01|64510,\n";

static void
test_import_idempotent(void **state)
{
	struct participants ps;
	struct part_import_stats st;
	struct store *s;
	struct dump a, b;

	(void)state;
	load(&ps, SAMPLE);
	s = store_open(path, err, sizeof(err));
	assert_non_null(s);
	assert_true(participants_import(s, &ps, false, NULL, NULL, &st, err,
	    sizeof(err)));
	assert_int_equal(st.added, 4);
	assert_int_equal(st.asns_added, 7);
	dump(s, &a);
	assert_string_equal(a.buf, sample_dump);
	assert_true(participants_import(s, &ps, false, NULL, NULL, &st, err,
	    sizeof(err)));
	assert_int_equal(st.added + st.updated + st.asns_added +
	    st.asns_moved + st.orgs_kept + st.asns_kept, 0);
	assert_int_equal(st.unchanged, 4);
	dump(s, &b);
	assert_string_equal(a.buf, b.buf);
	store_close(s);
	participants_free(&ps);
}

struct notes {
	char	buf[2048];
	size_t	len;
};

static void
note(void *ctx, const char *msg)
{
	struct notes *n = ctx;

	n->len += (size_t)snprintf(n->buf + n->len, sizeof(n->buf) - n->len,
	    "%s\n", msg);
}

/* The sample with AS64500 moved to Example Networks, AS64497 and the
 * vendor left out. */
static void
write_changed(const char *file)
{
	FILE *fp = fopen(file, "w");

	assert_non_null(fp);
	fputs("{\"version\": 1, \"participants\": [\n"
	    "{\"organisation\": \"Example Networks B.V.\", \"program\": \"ISP\","
	    " \"asns\": [64496, 64500], \"contacts\": [{\"role\": \"noc\","
	    " \"email\": \"noc@example.net\"}], \"member_since\": \"2019-05-01\"},"
	    "\n{\"organisation\": \"Example Exchange\", \"program\": \"IXP\","
	    " \"asns\": [64501], \"contacts\": [{\"role\": \"peering\","
	    " \"email\": \"peering@ix.example.org\"}], \"member_since\":"
	    " \"2020-02-29\"},\n"
	    "{\"organisation\": \"Example Cloud Inc.\", \"program\": "
	    "\"CDN and Cloud\", \"asns\": [\"AS65536\", 65537, 4200000001],"
	    " \"contacts\": [{\"role\": \"security\", \"email\":"
	    " \"security@cloud.example.com\", \"name\": \"PSIRT\"}],"
	    " \"member_since\": \"2021-11-15\", \"country\": \"US\"}]}\n", fp);
	fclose(fp);
}

static void
test_moves_kept_and_replaced(void **state)
{
	struct participants ps, ch;
	struct part_import_stats st;
	struct store *s;
	struct notes n;
	struct dump d;
	char changed[160];

	(void)state;
	snprintf(changed, sizeof(changed), "%s/changed.json", dir);
	write_changed(changed);
	load(&ps, SAMPLE);
	load(&ch, changed);
	s = store_open(path, err, sizeof(err));
	assert_non_null(s);
	assert_true(participants_import(s, &ps, false, NULL, NULL, &st, err,
	    sizeof(err)));

	memset(&n, 0, sizeof(n));
	assert_true(participants_import(s, &ch, false, note, &n, &st, err,
	    sizeof(err)));
	assert_non_null(strstr(n.buf, "AS64500 moves from Example Exchange to "
	    "Example Networks B.V.\n"));
	assert_non_null(strstr(n.buf, "AS64497 of Example Networks B.V. is "
	    "not in the file: kept"));
	assert_non_null(strstr(n.buf, "Example Router Vendor (1 ASNs) is not "
	    "in the file: kept"));
	assert_int_equal(st.asns_moved, 1);
	assert_int_equal(st.asns_added, 1);	/* 64501 */
	assert_int_equal(st.orgs_kept, 1);
	assert_int_equal(st.asns_kept, 2);	/* 64497, 64510 */
	/* Networks changed (ASN list), Exchange too; Cloud did not. */
	assert_int_equal(st.updated, 2);
	assert_int_equal(st.unchanged, 1);
	dump(s, &d);
	assert_string_equal(d.buf,
	    "Example Cloud Inc.|CDN and Cloud|2021-11-15|65536,65537,4200000001,\n"
	    "Example Exchange|IXP|2020-02-29|64501,\n"
	    "Example Networks B.V.|ISP|2019-05-01|64496,64497,64500,\n"
	    "Example Router Vendor|Equipment Vendor|2022-06-01|64510,\n");

	memset(&n, 0, sizeof(n));
	assert_true(participants_import(s, &ch, true, note, &n, &st, err,
	    sizeof(err)));
	assert_non_null(strstr(n.buf, "AS64497 of Example Networks B.V. is "
	    "not in the file: dropped\n"));
	assert_non_null(strstr(n.buf, "Example Router Vendor (1 ASNs) is not "
	    "in the file: dropped\n"));
	assert_int_equal(st.orgs_dropped, 1);
	assert_int_equal(st.asns_dropped, 2);
	dump(s, &d);
	assert_string_equal(d.buf,
	    "Example Cloud Inc.|CDN and Cloud|2021-11-15|65536,65537,4200000001,\n"
	    "Example Exchange|IXP|2020-02-29|64501,\n"
	    "Example Networks B.V.|ISP|2019-05-01|64496,64500,\n");
	store_close(s);
	participants_free(&ps);
	participants_free(&ch);
}

static void
observe_once(void)
{
	struct observe_inputs in;
	struct observe_opts o;
	struct observe_summary sum;
	struct method m;

	memset(&in, 0, sizeof(in));
	memset(&o, 0, sizeof(o));
	observe_add_source(&in.mrt, &in.nmrt,
	    "testdata/mrt/libbgpstream_ris.rrc06.updates.1427846400.gz", "rrc06");
	method_defaults(&m);
	o.from = 1427846400;		/* 2015-04-01 */
	o.to = 1427846400 + 86400;
	o.period = "2015-04-01/2015-04-02";
	o.method = &m;
	o.db = path;
	o.writer = "test";
	assert_int_equal(observe_run(&in, &o, &sum, err, sizeof(err)), 0);
	assert_true(sum.ases > 0);
	observe_inputs_free(&in);
}

static void
test_survive_rerun(void **state)
{
	struct participants ps;
	struct part_import_stats st;
	struct store *s;
	struct dump d;

	(void)state;
	observe_once();
	load(&ps, SAMPLE);
	s = store_open(path, err, sizeof(err));
	assert_true(participants_import(s, &ps, false, NULL, NULL, &st, err,
	    sizeof(err)));
	store_close(s);
	observe_once();		/* replaces the period's derived data */
	s = store_open(path, err, sizeof(err));
	dump(s, &d);
	assert_string_equal(d.buf, sample_dump);
	store_close(s);
	participants_free(&ps);
}

static void
test_survive_migration(void **state)
{
	struct participants ps;
	struct part_import_stats st;
	struct store *s;
	struct dump d;

	(void)state;
	load(&ps, SAMPLE);
	s = store_open_version(path, 1, err, sizeof(err));
	assert_non_null(s);
	assert_int_equal(store_version(s), 1);
	assert_true(participants_import(s, &ps, false, NULL, NULL, &st, err,
	    sizeof(err)));
	store_close(s);
	s = store_open(path, err, sizeof(err));
	assert_non_null(s);
	assert_int_equal(store_version(s), STORE_SCHEMA_VERSION);
	dump(s, &d);
	assert_string_equal(d.buf, sample_dump);
	/* And the migrated rows are what an import writes: nothing to do. */
	assert_true(participants_import(s, &ps, false, NULL, NULL, &st, err,
	    sizeof(err)));
	assert_int_equal(st.unchanged, 4);
	store_close(s);
	participants_free(&ps);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_import_idempotent, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_moves_kept_and_replaced,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_survive_rerun, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_survive_migration, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
