/*
 * manrs dispute: operators say an incident is a false positive, auditors
 * accept or reject that.  Accepted incidents stop counting in scores but
 * stay listed as disputed, with their history.
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "cli.h"
#include "observe/window.h"
#include "store/dispute.h"
#include "store/store.h"

static void
usage(FILE *fp)
{
	fprintf(fp,
	    "usage: manrs dispute [--db FILE] [--by WHO] open INCIDENT --reason TEXT\n"
	    "       manrs dispute [--db FILE] [--by WHO] resolve ID (--accept | --reject)\n"
	    "                     --note TEXT\n"
	    "       manrs dispute [--db FILE] [--by WHO] reopen ID --note TEXT\n"
	    "       manrs dispute [--db FILE] show ID\n"
	    "       manrs dispute [--db FILE] list [--open]\n"
	    "\n"
	    "An incident id (such as M2-AS64500-20150402T000000Z) is shown in\n"
	    "reports and by the API; it stays the same when 'manrs observe' is\n"
	    "run again over the same data, so disputes outlive re-runs.  An\n"
	    "incident has at most one open dispute.  When an auditor accepts a\n"
	    "dispute the incident is left out of scoring and, in the same\n"
	    "transaction, the monthly scores of its AS in the run that holds it\n"
	    "are recomputed (from the run's facts, its other incidents and its\n"
	    "method) and printed.  The incident stays in the store, shown as\n"
	    "disputed.  Rejected disputes stay on record and a new one may be\n"
	    "opened.  reopen puts a resolved dispute back to open (the auditor\n"
	    "reconsiders); reopening an accepted one makes the incident count\n"
	    "again and recomputes the scores the same way.\n"
	    "\n"
	    "  --db FILE      the store (default: $MANRS_DB or manrs.db)\n"
	    "  --by WHO       who is acting, for the record (default: $USER)\n"
	    "  --reason TEXT  why the incident is a false positive (required)\n"
	    "  --accept, --reject\n"
	    "                 the auditor's decision\n"
	    "  --note TEXT    the auditor's explanation (required for resolve\n"
	    "                 and reopen)\n"
	    "  --open         list only open disputes\n"
	    "\n"
	    "Exit status: 0 on success, 1 on a refused change or store error,\n"
	    "2 on a usage error.\n");
}

static void
put_time(int64_t t)
{
	char buf[32];
	time_t tt = (time_t)t;
	struct tm tm;

	if (t == 0 || gmtime_r(&tt, &tm) == NULL) {
		fputs("-", stdout);
		return;
	}
	strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
	fputs(buf, stdout);
}

static int
show(struct store *s, int64_t id)
{
	struct dispute d;
	sqlite3_stmt *st;

	if (!dispute_get(s, id, &d)) {
		fprintf(stderr, "manrs dispute: no dispute %" PRId64 "\n", id);
		return 1;
	}
	printf("dispute %" PRId64 "\nincident %s\nstatus %s\nreason %s\n",
	    d.id, d.incident, dispute_status_name(d.status), d.reason);
	dispute_free(&d);
	if (sqlite3_prepare_v2(store_db(s), "SELECT at, who, what, "
	    "coalesce(note, '') FROM dispute_log WHERE dispute_id = ? "
	    "ORDER BY at, rowid", -1, &st, NULL) != SQLITE_OK)
		return 1;
	sqlite3_bind_int64(st, 1, id);
	printf("history:\n");
	while (sqlite3_step(st) == SQLITE_ROW) {
		printf("  ");
		put_time(sqlite3_column_int64(st, 0));
		printf(" %s %s: %s\n", sqlite3_column_text(st, 2),
		    sqlite3_column_text(st, 1), sqlite3_column_text(st, 3));
	}
	sqlite3_finalize(st);
	return 0;
}

static int
list(struct store *s, int only_open)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(store_db(s), "SELECT id, incident_id, status, "
	    "opened, opened_by FROM disputes WHERE ? = 0 OR status = 'open' "
	    "ORDER BY id", -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "manrs dispute: %s\n", store_errmsg(s));
		return 1;
	}
	sqlite3_bind_int(st, 1, only_open);
	while (sqlite3_step(st) == SQLITE_ROW) {
		printf("%lld %s %s ", (long long)sqlite3_column_int64(st, 0),
		    sqlite3_column_text(st, 1), sqlite3_column_text(st, 2));
		put_time(sqlite3_column_int64(st, 3));
		printf(" %s\n", sqlite3_column_text(st, 4));
	}
	sqlite3_finalize(st);
	return 0;
}

/* What the accepted or reopened dispute changed. */
static void
put_rescored(const struct window_rescored *r)
{
	unsigned a;

	if (!r->done) {
		printf("no stored scores depend on it\n");
		return;
	}
	printf("scores of AS%" PRIu32 " for %s (run %" PRId64 ") recomputed%s:",
	    r->asn, r->period, r->run_id, r->whole ? "" :
	    " (Filtering only: the run has no facts for the AS)");
	for (a = 0; a < ACTION_COUNT; a++) {
		if (!r->whole && a != ACT_FILTERING)
			continue;
		if (r->score.label[a] == LABEL_NODATA)
			printf(" %s No data;", action_name((enum action)a));
		else
			printf(" %s %.1f%% %s;", action_name((enum action)a),
			    r->score.pct[a], label_name(r->score.label[a]));
	}
	putchar('\n');
}

static bool
parse_id(const char *s, int64_t *id)
{
	char *end;
	long long v;

	v = strtoll(s, &end, 10);
	if (end == s || *end != '\0' || v <= 0)
		return false;
	*id = v;
	return true;
}

int
cmd_dispute(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "by", required_argument, NULL, 'b' },
		{ "reason", required_argument, NULL, 'r' },
		{ "note", required_argument, NULL, 'n' },
		{ "accept", no_argument, NULL, 'A' },
		{ "reject", no_argument, NULL, 'R' },
		{ "open", no_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *dbpath = NULL, *by = getenv("USER"), *reason = NULL;
	const char *note = NULL, *verb;
	int c, rc = 0, decision = -1, only_open = 0;
	struct store *s;
	struct window_rescored rs;
	int64_t id;
	char err[512];

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'd': dbpath = optarg; break;
		case 'b': by = optarg; break;
		case 'r': reason = optarg; break;
		case 'n': note = optarg; break;
		case 'A': decision = 1; break;
		case 'R': decision = 0; break;
		case 'o': only_open = 1; break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 1) {
		usage(stderr);
		return 2;
	}
	verb = argv[0];
	memset(&rs, 0, sizeof(rs));
	if (by == NULL || by[0] == '\0')
		by = "unknown";
	if (strcmp(verb, "open") == 0) {
		if (argc != 2 || reason == NULL) {
			fprintf(stderr, "manrs dispute: open needs INCIDENT and "
			    "--reason TEXT\n");
			return 2;
		}
	} else if (strcmp(verb, "resolve") == 0) {
		if (argc != 2 || decision < 0 || note == NULL ||
		    !parse_id(argv[1], &id)) {
			fprintf(stderr, "manrs dispute: resolve needs an ID, "
			    "--accept or --reject, and --note TEXT\n");
			return 2;
		}
	} else if (strcmp(verb, "reopen") == 0) {
		if (argc != 2 || note == NULL || !parse_id(argv[1], &id)) {
			fprintf(stderr, "manrs dispute: reopen needs an ID and "
			    "--note TEXT\n");
			return 2;
		}
	} else if (strcmp(verb, "show") == 0) {
		if (argc != 2 || !parse_id(argv[1], &id)) {
			usage(stderr);
			return 2;
		}
	} else if (strcmp(verb, "list") != 0 || argc != 1) {
		usage(stderr);
		return 2;
	}

	if ((s = store_open(cli_db_path(dbpath), err, sizeof(err))) == NULL) {
		fprintf(stderr, "manrs dispute: %s\n", err);
		return 1;
	}
	if (strcmp(verb, "open") == 0) {
		if (dispute_open(s, argv[1], reason, by, (int64_t)time(NULL),
		    &id, err, sizeof(err)))
			printf("dispute %" PRId64 " opened on %s\n", id, argv[1]);
		else {
			fprintf(stderr, "manrs dispute: %s\n", err);
			rc = 1;
		}
	} else if (strcmp(verb, "resolve") == 0) {
		if (dispute_resolve_hook(s, id, decision == 1, note, by,
		    (int64_t)time(NULL), window_rescore_incident, &rs, err,
		    sizeof(err))) {
			printf("dispute %" PRId64 " %s\n", id,
			    decision ? "accepted" : "rejected");
			if (decision == 1)
				put_rescored(&rs);
		} else {
			fprintf(stderr, "manrs dispute: %s\n", err);
			rc = 1;
		}
	} else if (strcmp(verb, "reopen") == 0) {
		if (dispute_reopen(s, id, note, by, (int64_t)time(NULL),
		    window_rescore_incident, &rs, err, sizeof(err))) {
			printf("dispute %" PRId64 " reopened\n", id);
			if (rs.done)
				put_rescored(&rs);
		} else {
			fprintf(stderr, "manrs dispute: %s\n", err);
			rc = 1;
		}
	} else if (strcmp(verb, "show") == 0)
		rc = show(s, id);
	else
		rc = list(s, only_open);
	store_close(s);
	return rc;
}
