/*
 * manrs db: look after the store — create or migrate it, show what is in
 * it, and take a consistent backup while a server reads it.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "cli.h"
#include "store/store.h"

static void
usage(FILE *fp)
{
	fprintf(fp,
	    "usage: manrs db [--db FILE] info\n"
	    "       manrs db [--db FILE] migrate\n"
	    "       manrs db [--db FILE] backup DEST\n"
	    "\n"
	    "The store is one SQLite file (default manrs.db) holding runs,\n"
	    "scores, incidents, and the primary data people enter: disputes,\n"
	    "participants and API tokens.  Derived data can be rebuilt with\n"
	    "'manrs observe'; primary data cannot, so back it up.\n"
	    "\n"
	    "  info     schema version and row counts per table\n"
	    "  migrate  bring the schema up to date (every command does this on\n"
	    "           open; this does only that)\n"
	    "  backup   write a consistent copy to DEST, which must not exist;\n"
	    "           safe while 'manrs serve' or 'manrs observe' use the store\n"
	    "\n"
	    "  --db FILE  the store (default: $MANRS_DB or manrs.db)\n"
	    "\n"
	    "Exit status: 0 on success, 1 on a store error, 2 on a usage error.\n");
}

static const char *const tables[] = {
	"runs", "sources", "incidents", "events", "scores",
	"disputes", "dispute_log", "participants", "participant_asns",
	"tokens", "token_asns",
};

static int
info(struct store *s, const char *path)
{
	size_t i;

	printf("store %s\nschema version %d\n", path, store_version(s));
	for (i = 0; i < sizeof(tables) / sizeof(tables[0]); i++) {
		sqlite3_stmt *st;
		char q[96];

		snprintf(q, sizeof(q), "SELECT count(*) FROM %s", tables[i]);
		if (sqlite3_prepare_v2(store_db(s), q, -1, &st, NULL) !=
		    SQLITE_OK) {
			fprintf(stderr, "manrs db: %s: %s\n", path,
			    store_errmsg(s));
			return 1;
		}
		if (sqlite3_step(st) == SQLITE_ROW)
			printf("%-17s %lld\n", tables[i],
			    (long long)sqlite3_column_int64(st, 0));
		sqlite3_finalize(st);
	}
	return 0;
}

const char *
cli_db_path(const char *opt)
{
	const char *env;

	if (opt != NULL)
		return opt;
	if ((env = getenv("MANRS_DB")) != NULL && env[0] != '\0')
		return env;
	return "manrs.db";
}

int
cmd_db(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *dbpath = NULL, *verb;
	struct store *s;
	char err[512];
	int c, rc = 0;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			dbpath = optarg;
			break;
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
	if ((strcmp(verb, "backup") == 0 && argc != 2) ||
	    (strcmp(verb, "backup") != 0 && argc != 1) ||
	    (strcmp(verb, "info") != 0 && strcmp(verb, "migrate") != 0 &&
	    strcmp(verb, "backup") != 0)) {
		usage(stderr);
		return 2;
	}
	dbpath = cli_db_path(dbpath);
	if ((s = store_open(dbpath, err, sizeof(err))) == NULL) {
		fprintf(stderr, "manrs db: %s\n", err);
		return 1;
	}
	if (strcmp(verb, "info") == 0)
		rc = info(s, dbpath);
	else if (strcmp(verb, "migrate") == 0)
		printf("%s: schema version %d\n", dbpath, store_version(s));
	else if (!store_backup(s, argv[1], err, sizeof(err))) {
		fprintf(stderr, "manrs db: %s\n", err);
		rc = 1;
	} else
		printf("%s: backed up to %s\n", dbpath, argv[1]);
	store_close(s);
	return rc;
}
