/*
 * manrs feed: a STIX 2.1 bundle of a month's incidents and conformance
 * reports from the store, for a SIEM or a threat-intelligence platform.
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/utctime.h"
#include "cli.h"
#include "report/stix.h"
#include "store/store.h"

static void
usage(FILE *fp)
{
	fprintf(fp,
	    "usage: manrs feed --month YYYY-MM [--asn N] [--db FILE] [-o FILE]\n"
	    "\n"
	    "A STIX 2.1 bundle of what 'manrs observe' stored for the month.\n"
	    "Each incident not accepted as a false positive becomes\n"
	    "autonomous-system and ipv4-addr/ipv6-addr observables, an\n"
	    "observed-data (first and last observed, events), and per offending\n"
	    "(prefix, origin) an indicator with a STIX pattern and a sighting;\n"
	    "each AS scored gets a report object with its five scores in\n"
	    "x_manrs_scores.  Ids are deterministic (UUIDv5), so the same store\n"
	    "gives the same bundle; a re-run of the month gives new versions of\n"
	    "the same objects.\n"
	    "\n"
	    "  --month M   the calendar month, e.g. 2015-04 (required)\n"
	    "  --asn N     only the incidents and report of this AS\n"
	    "  --db FILE   the store (default: $MANRS_DB or manrs.db)\n"
	    "  -o FILE     write there instead of standard output\n"
	    "\n"
	    "Exit status: 0 on success, 1 when the store lacks the month or on\n"
	    "a store or write error, 2 on a usage error.\n");
}

int
cmd_feed(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "month", required_argument, NULL, 'm' },
		{ "asn", required_argument, NULL, 'a' },
		{ "db", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *month = NULL, *db = NULL, *out = NULL, *why;
	const char *asn_arg = NULL;
	struct stix_set set;
	struct store *s;
	int64_t from, to;
	uint32_t asn;
	char err[512];
	json_t *b;
	FILE *fp = stdout;
	int c, rc = 0;

	while ((c = getopt_long(argc, argv, "ho:", opts, NULL)) != -1) {
		switch (c) {
		case 'm': month = optarg; break;
		case 'a': asn_arg = optarg; break;
		case 'd': db = optarg; break;
		case 'o': out = optarg; break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (argc != optind || month == NULL) {
		fprintf(stderr, "manrs feed: needs --month YYYY-MM and no "
		    "other arguments\n");
		return 2;
	}
	if (strlen(month) != 7 || !utc_parse_month(month, &from, &to)) {
		fprintf(stderr, "manrs feed: --month %s: expected YYYY-MM\n",
		    month);
		return 2;
	}
	if (asn_arg != NULL && !cli_asn(asn_arg, &asn, &why)) {
		fprintf(stderr, "manrs feed: --asn %s: %s\n", asn_arg, why);
		return 2;
	}
	if ((s = cli_store_existing("feed", db)) == NULL)
		return 1;
	if (!stix_load(store_db(s), month, asn_arg ? &asn : NULL, &set, err,
	    sizeof(err))) {
		fprintf(stderr, "manrs feed: %s\n", err);
		store_close(s);
		return 1;
	}
	store_close(s);
	if (set.n == 0) {
		fprintf(stderr, "manrs feed: the store has no scores for %s%s\n",
		    month, asn_arg ? " and that AS" : "");
		return 1;
	}
	if (set.skipped > 0)
		fprintf(stderr, "manrs feed: %zu events skipped: their prefix "
		    "does not parse\n", set.skipped);
	if (out != NULL && (fp = fopen(out, "w")) == NULL) {
		fprintf(stderr, "manrs feed: %s: cannot write\n", out);
		stix_set_free(&set);
		return 1;
	}
	b = stix_bundle(&set, month, asn_arg ? &asn : NULL);
	if (json_dumpf(b, fp, JSON_INDENT(1) | JSON_PRESERVE_ORDER |
	    JSON_REAL_PRECISION(10)) != 0 || fputc('\n', fp) == EOF ||
	    fflush(fp) != 0 || ferror(fp))
		rc = 1;
	if (out != NULL && fclose(fp) != 0)
		rc = 1;
	if (rc != 0)
		fprintf(stderr, "manrs feed: %s: write error\n",
		    out ? out : "standard output");
	json_decref(b);
	stix_set_free(&set);
	return rc;
}
