/*
 * manrs token: API tokens for 'manrs serve'.  Writes (disputes,
 * participants) need one; an operator's covers its own ASNs, an
 * auditor's every AS.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "cli.h"
#include "net/asn.h"
#include "store/token.h"

#define TOKEN_MAX_ASNS	4096

static void
usage(FILE *fp)
{
	fprintf(fp,
	    "usage: manrs token [--db FILE] create --name NAME --role operator\n"
	    "                   --asn N [--asn N...]\n"
	    "       manrs token [--db FILE] create --name NAME --role auditor\n"
	    "       manrs token [--db FILE] list\n"
	    "       manrs token [--db FILE] revoke ID\n"
	    "\n"
	    "create prints a new bearer token once; only its SHA-256 is kept,\n"
	    "so a lost token cannot be shown again: revoke it and make another.\n"
	    "An operator token may write only for its ASNs (disputes on their\n"
	    "incidents); an auditor token may write for every AS and resolve\n"
	    "disputes.\n"
	    "\n"
	    "  --db FILE    the store (default: $MANRS_DB or manrs.db)\n"
	    "  --name NAME  who the token is for (a person or a system)\n"
	    "  --role ROLE  operator or auditor\n"
	    "  --asn N      an AS the operator token covers (65000 or AS65000)\n"
	    "\n"
	    "Exit status: 0 on success, 1 on a refused change or store error,\n"
	    "2 on a usage error.\n");
}

static int
list(struct store *s)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(store_db(s), "SELECT t.id, t.role, t.name, "
	    "t.revoked IS NOT NULL, coalesce(group_concat(a.asn, ','), '*') "
	    "FROM tokens t LEFT JOIN token_asns a ON a.token_id = t.id "
	    "GROUP BY t.id ORDER BY t.id", -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "manrs token: %s\n", store_errmsg(s));
		return 1;
	}
	while (sqlite3_step(st) == SQLITE_ROW)
		printf("%lld %s %s %s %s\n",
		    (long long)sqlite3_column_int64(st, 0),
		    sqlite3_column_text(st, 1), sqlite3_column_text(st, 2),
		    sqlite3_column_int(st, 3) ? "revoked" : "active",
		    sqlite3_column_text(st, 4));
	sqlite3_finalize(st);
	return 0;
}

int
cmd_token(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "name", required_argument, NULL, 'n' },
		{ "role", required_argument, NULL, 'r' },
		{ "asn", required_argument, NULL, 'a' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static uint32_t asns[TOKEN_MAX_ASNS];
	const char *dbpath = NULL, *name = NULL, *role_s = NULL, *verb;
	enum token_role role = TOKEN_OPERATOR;
	size_t nasns = 0;
	struct store *s;
	char err[512], tok[TOKEN_STRLEN], *end;
	const char *why;
	int64_t id = 0;
	int c, rc = 0;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			dbpath = optarg;
			break;
		case 'n':
			name = optarg;
			break;
		case 'r':
			role_s = optarg;
			break;
		case 'a':
			if (nasns == TOKEN_MAX_ASNS) {
				fprintf(stderr, "manrs token: more than %d "
				    "--asn\n", TOKEN_MAX_ASNS);
				return 2;
			}
			if (!asn_parse(optarg, strlen(optarg), &asns[nasns],
			    &why)) {
				fprintf(stderr, "manrs token: --asn %s: %s\n",
				    optarg, why);
				return 2;
			}
			nasns++;
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
	if (strcmp(verb, "create") == 0) {
		if (argc != 1 || name == NULL || role_s == NULL ||
		    !token_role_parse(role_s, &role)) {
			fprintf(stderr, "manrs token: create needs --name and "
			    "--role operator|auditor\n");
			return 2;
		}
	} else if (strcmp(verb, "revoke") == 0) {
		if (argc != 2 || (id = strtoll(argv[1], &end, 10)) <= 0 ||
		    *end != '\0') {
			fprintf(stderr, "manrs token: revoke needs a token id\n");
			return 2;
		}
	} else if (strcmp(verb, "list") != 0 || argc != 1) {
		usage(stderr);
		return 2;
	}
	if ((s = store_open(cli_db_path(dbpath), err, sizeof(err))) == NULL) {
		fprintf(stderr, "manrs token: %s\n", err);
		return 1;
	}
	if (strcmp(verb, "create") == 0) {
		if (token_create(s, name, role, asns, nasns,
		    (int64_t)time(NULL), tok, &id, err, sizeof(err))) {
			printf("%s\n", tok);
			fprintf(stderr, "token %lld for %s (%s); it is shown "
			    "only now\n", (long long)id, name, role_s);
		} else {
			fprintf(stderr, "manrs token: %s\n", err);
			rc = 1;
		}
	} else if (strcmp(verb, "revoke") == 0) {
		if (token_revoke(s, id, (int64_t)time(NULL), err,
		    sizeof(err)))
			printf("token %lld revoked\n", (long long)id);
		else {
			fprintf(stderr, "manrs token: %s\n", err);
			rc = 1;
		}
	} else
		rc = list(s);
	store_close(s);
	return rc;
}
