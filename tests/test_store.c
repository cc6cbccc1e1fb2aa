/*
 * The SQLite store: migrations keep primary data, a re-run replaces a
 * period's derived data atomically (also when the writer dies half way),
 * disputes follow their rules, and backups are consistent copies.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sqlite3.h>

#include "store/dispute.h"
#include "store/schema.h"
#include "store/store.h"
#include "store/token.h"

static char dir[64];
static char path[128];
static char err[512];

static int
setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/manrs-store.XXXXXX");
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

static int64_t
one_int(struct store *s, const char *sql)
{
	sqlite3_stmt *st;
	int64_t v = -1;

	assert_int_equal(sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL),
	    SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static void
sql(struct store *s, const char *q)
{
	char *msg = NULL;

	if (sqlite3_exec(store_db(s), q, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", q, msg);
}

/* One run over April 2015 with one incident and one score. */
#define APR_FROM	1427846400	/* 2015-04-01 */
#define APR_TO		1430438400	/* 2015-05-01 */
static int64_t
write_run(struct store *s, double pct)
{
	int64_t run;
	char q[512];

	assert_true(store_period_begin(s, APR_FROM, APR_TO, "2015-04", "test",
	    &run));
	snprintf(q, sizeof(q), "INSERT INTO incidents VALUES ('M2-AS64500-"
	    "20150402T000000Z', %lld, 64500, 'M2', %d, %d, 1, 1);"
	    "INSERT INTO events VALUES ('M2-AS64500-20150402T000000Z', "
	    "'192.0.2.0/24', %d, %d, '{}');"
	    "INSERT INTO scores VALUES (%lld, 64500, '2015-04', 'filtering', "
	    "%g, 'Aspiring');", (long long)run, APR_FROM + 86400,
	    APR_FROM + 90000, APR_FROM + 86400, APR_FROM + 90000,
	    (long long)run, pct);
	sql(s, q);
	return run;
}

static void
test_create(void **state)
{
	struct store *s;

	(void)state;
	s = store_open(path, err, sizeof(err));
	assert_non_null(s);
	assert_int_equal(store_version(s), STORE_SCHEMA_VERSION);
	assert_int_equal(STORE_SCHEMA_VERSION, store_nmigrations);
	assert_int_equal(one_int(s, "SELECT count(*) FROM sqlite_master WHERE "
	    "name IN ('disputes', 'dispute_log', 'participants', 'tokens')"), 4);
	store_close(s);
	/* Opening again changes nothing. */
	s = store_open(path, err, sizeof(err));
	assert_non_null(s);
	assert_int_equal(store_version(s), STORE_SCHEMA_VERSION);
	store_close(s);
}

/* A v1 store with disputes and participants keeps them through v2. */
static void
test_migration_keeps_primary_data(void **state)
{
	struct store *s;

	(void)state;
	s = store_open_version(path, 1, err, sizeof(err));
	assert_non_null(s);
	assert_int_equal(store_version(s), 1);
	sql(s, "INSERT INTO disputes (incident_id, reason, opened, opened_by)"
	    " VALUES ('M2-AS1-X', 'our customer''s prefix', 100, 'noc@a');"
	    "INSERT INTO participants (org, program, record) VALUES ('Org A',"
	    " 'ISP', '{\"org\":\"Org A\"}');"
	    "INSERT INTO participant_asns VALUES (1, 64500);");
	store_close(s);

	s = store_open(path, err, sizeof(err));
	assert_non_null(s);
	assert_int_equal(store_version(s), STORE_SCHEMA_VERSION);
	assert_int_equal(one_int(s, "SELECT count(*) FROM disputes WHERE "
	    "reason = 'our customer''s prefix'"), 1);
	assert_int_equal(one_int(s, "SELECT count(*) FROM dispute_log WHERE "
	    "what = 'opened' AND at = 100 AND who = 'noc@a'"), 1);
	assert_int_equal(one_int(s, "SELECT asn FROM participant_asns"), 64500);
	store_close(s);
}

static void
test_newer_store_refused(void **state)
{
	struct store *s;

	(void)state;
	s = store_open(path, err, sizeof(err));
	sql(s, "PRAGMA user_version = 99");
	store_close(s);
	assert_null(store_open(path, err, sizeof(err)));
	assert_non_null(strstr(err, "newer"));
}

static void
test_not_a_store(void **state)
{
	FILE *fp;

	(void)state;
	fp = fopen(path, "w");
	fputs("this is not an SQLite database, just some text that is long "
	    "enough to have a header of a hundred bytes or so, really.\n", fp);
	fclose(fp);
	assert_null(store_open(path, err, sizeof(err)));
	assert_non_null(strstr(err, path));
}

/*
 * v5 keeps an incident's counts and (prefix, origin) rows beside a sample
 * of its events; a v4 store gets them from the events it has (worked out
 * here: 3 events of 2 peers over 2 prefixes, one origin from the
 * evidence, one not JSON so the incident's AS; an incident without
 * events counts 0), and deleting the run takes them along.
 */
static void
test_migration_counts_events(void **state)
{
	struct store *s;

	(void)state;
	s = store_open_version(path, 4, err, sizeof(err));
	assert_non_null(s);
	sql(s, "INSERT INTO runs VALUES (1, 0, 100, 0, 1, 't', NULL);"
	    "INSERT INTO incidents VALUES ('A', 1, 64500, 'M2', 10, 90, 1, 1),"
	    " ('B', 1, 64501, 'M3', 10, 20, 1, 1);"
	    "INSERT INTO events VALUES"
	    " ('A', '192.0.2.0/24', 10, 50, '{\"collector\":\"c1\","
	    "\"peer\":\"10.0.0.1\",\"origin\":64496}'),"
	    " ('A', '192.0.2.0/24', 20, 90, '{\"collector\":\"c1\","
	    "\"peer\":\"10.0.0.2\",\"origin\":64496}'),"
	    " ('A', '198.51.100.0/24', 30, 40, 'not JSON');");
	store_close(s);
	s = store_open(path, err, sizeof(err));
	assert_non_null(s);
	assert_int_equal(one_int(s, "SELECT events * 100 + peers * 10 + "
	    "prefixes FROM incident_counts WHERE incident_id = 'A'"), 322);
	assert_int_equal(one_int(s, "SELECT events + peers + prefixes FROM "
	    "incident_counts WHERE incident_id = 'B'"), 0);
	assert_int_equal(one_int(s, "SELECT count(*) FROM incident_prefixes"),
	    2);
	assert_int_equal(one_int(s, "SELECT origin * 1000 + first_seen * 10 + "
	    "events FROM incident_prefixes WHERE prefix = '192.0.2.0/24' AND "
	    "last_seen = 90"), 64496 * 1000 + 10 * 10 + 2);
	assert_int_equal(one_int(s, "SELECT origin FROM incident_prefixes "
	    "WHERE prefix = '198.51.100.0/24'"), 64500);
	sql(s, "DELETE FROM runs");
	assert_int_equal(one_int(s, "SELECT count(*) FROM incident_counts") +
	    one_int(s, "SELECT count(*) FROM incident_prefixes"), 0);
	store_close(s);
}

/* A re-run replaces derived data; disputes stay. */
static void
test_rerun_replaces(void **state)
{
	struct store *s;
	int64_t id;

	(void)state;
	s = store_open(path, err, sizeof(err));
	assert_true(store_period_commit(s, write_run(s, 60)));
	assert_true(dispute_open(s, "M2-AS64500-20150402T000000Z", "ours",
	    "noc", 5, &id, err, sizeof(err)));

	assert_true(store_period_commit(s, write_run(s, 70)));
	assert_int_equal(one_int(s, "SELECT count(*) FROM runs"), 1);
	assert_int_equal(one_int(s, "SELECT count(*) FROM incidents"), 1);
	assert_int_equal(one_int(s, "SELECT count(*) FROM events"), 1);
	assert_int_equal(one_int(s, "SELECT pct FROM scores"), 70);
	assert_int_equal(one_int(s, "SELECT count(*) FROM disputes"), 1);

	/* An aborted run leaves the previous one. */
	write_run(s, 80);
	store_period_abort(s);
	assert_int_equal(one_int(s, "SELECT pct FROM scores"), 70);
	assert_int_equal(one_int(s, "SELECT count(*) FROM runs WHERE "
	    "finished IS NOT NULL"), 1);
	store_close(s);
}

/* The writer dies between begin and commit: nothing changes. */
static void
test_crash_mid_run(void **state)
{
	struct store *s;
	pid_t pid;
	int status;

	(void)state;
	s = store_open(path, err, sizeof(err));
	assert_true(store_period_commit(s, write_run(s, 60)));
	store_close(s);

	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		s = store_open(path, err, sizeof(err));
		write_run(s, 10);
		_exit(0);		/* no commit, no close */
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	s = store_open(path, err, sizeof(err));
	assert_non_null(s);
	assert_int_equal(one_int(s, "SELECT pct FROM scores"), 60);
	assert_int_equal(one_int(s, "SELECT count(*) FROM incidents"), 1);
	store_close(s);
}

static void
test_dispute_rules(void **state)
{
	struct store *s;
	struct dispute d;
	int64_t id, id2;
	const char *inc = "M2-AS64500-20150402T000000Z";

	(void)state;
	s = store_open(path, err, sizeof(err));
	assert_true(store_period_commit(s, write_run(s, 60)));

	assert_false(dispute_open(s, "M9-AS1-NONE", "x", "noc", 1, &id, err,
	    sizeof(err)));
	assert_non_null(strstr(err, "no incident"));
	assert_false(dispute_open(s, inc, "", "noc", 1, &id, err,
	    sizeof(err)));
	assert_true(dispute_open(s, inc, "customer route", "noc", 10, &id,
	    err, sizeof(err)));
	assert_false(dispute_open(s, inc, "again", "noc", 11, &id2, err,
	    sizeof(err)));
	assert_non_null(strstr(err, "already has an open dispute"));
	assert_false(dispute_accepted(s, inc));

	assert_true(dispute_resolve(s, id, false, "no evidence", "auditor",
	    20, err, sizeof(err)));
	assert_false(dispute_resolve(s, id, true, "changed my mind",
	    "auditor", 21, err, sizeof(err)));
	assert_non_null(strstr(err, "no open dispute"));
	assert_false(dispute_accepted(s, inc));

	/* A new dispute after a rejection, accepted this time. */
	assert_true(dispute_open(s, inc, "LOA attached", "noc", 30, &id2, err,
	    sizeof(err)));
	assert_true(dispute_resolve(s, id2, true, "LOA checks out", "auditor",
	    40, err, sizeof(err)));
	assert_true(dispute_accepted(s, inc));
	assert_true(dispute_get(s, id2, &d));
	assert_int_equal(d.status, DISPUTE_ACCEPTED);
	assert_string_equal(d.incident, inc);
	assert_string_equal(d.reason, "LOA attached");
	assert_string_equal(d.note, "LOA checks out");
	assert_int_equal(d.resolved, 40);
	dispute_free(&d);
	assert_false(dispute_get(s, 999, &d));
	assert_int_equal(one_int(s, "SELECT count(*) FROM dispute_log"), 4);
	store_close(s);
}

/* A backup taken while another connection writes is a whole copy. */
static void
test_backup(void **state)
{
	struct store *s, *w, *c;
	char dest[160];

	(void)state;
	snprintf(dest, sizeof(dest), "%s/copy.db", dir);
	s = store_open(path, err, sizeof(err));
	assert_true(store_period_commit(s, write_run(s, 60)));
	w = store_open(path, err, sizeof(err));
	assert_non_null(w);
	write_run(w, 99);		/* open write transaction, uncommitted */
	assert_true(store_backup(s, dest, err, sizeof(err)));
	store_period_abort(w);
	store_close(w);
	c = store_open(dest, err, sizeof(err));
	assert_non_null(c);
	assert_int_equal(one_int(c, "SELECT pct FROM scores"), 60);
	assert_int_equal(store_version(c), STORE_SCHEMA_VERSION);
	store_close(c);
	/* Never overwrites. */
	assert_false(store_backup(s, dest, err, sizeof(err)));
	assert_non_null(strstr(err, "already exists"));
	store_close(s);
}

static void
test_tokens(void **state)
{
	struct store *s;
	struct token_info ti;
	char tok[TOKEN_STRLEN], aud[TOKEN_STRLEN], q[256];
	uint32_t asns[2] = { 64500, 64501 };
	int64_t id, aid;

	(void)state;
	s = store_open(path, err, sizeof(err));
	assert_false(token_create(s, "noc", TOKEN_OPERATOR, NULL, 0, 1, tok,
	    &id, err, sizeof(err)));
	assert_non_null(strstr(err, "needs its ASNs"));
	assert_false(token_create(s, "aud", TOKEN_AUDITOR, asns, 1, 1, aud,
	    &aid, err, sizeof(err)));
	assert_true(token_create(s, "noc", TOKEN_OPERATOR, asns, 2, 1, tok,
	    &id, err, sizeof(err)));
	assert_true(token_create(s, "aud", TOKEN_AUDITOR, NULL, 0, 1, aud,
	    &aid, err, sizeof(err)));
	assert_int_equal(strlen(tok), TOKEN_STRLEN - 1);
	assert_string_not_equal(tok, aud);

	/* Only the digest is stored. */
	snprintf(q, sizeof(q), "SELECT count(*) FROM tokens WHERE sha256 = "
	    "'%s' OR name = '%s'", tok + 6, tok);
	assert_int_equal(one_int(s, q), 0);

	assert_true(token_check(s, tok, &ti));
	assert_int_equal(ti.id, id);
	assert_int_equal(ti.role, TOKEN_OPERATOR);
	assert_true(token_covers(s, &ti, 64501));
	assert_false(token_covers(s, &ti, 64502));
	assert_true(token_check(s, aud, &ti));
	assert_true(token_covers(s, &ti, 64502));

	/* A changed digit, a short token, garbage: refused. */
	tok[10] = tok[10] == 'a' ? 'b' : 'a';
	assert_false(token_check(s, tok, &ti));
	tok[10] = tok[10] == 'a' ? 'b' : 'a';
	assert_false(token_check(s, "manrs_00", &ti));
	assert_false(token_check(s, "", &ti));

	assert_true(token_revoke(s, id, 2, err, sizeof(err)));
	assert_false(token_check(s, tok, &ti));
	assert_false(token_revoke(s, id, 3, err, sizeof(err)));
	assert_int_equal(one_int(s, "SELECT count(*) FROM tokens"), 2);
	store_close(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_create, setup, teardown),
		cmocka_unit_test_setup_teardown(test_migration_keeps_primary_data,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_newer_store_refused,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_not_a_store, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_migration_counts_events,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_rerun_replaces, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_crash_mid_run, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_dispute_rules, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_backup, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tokens, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
