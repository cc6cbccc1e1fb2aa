/*
 * manrs conformance: was an AS conformant on each of the last N days, and
 * if not, why — the question an RFP clause asks (DESIGN.md §4: every
 * action with data Ready over the trailing window).
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli.h"
#include "observe/conformance.h"
#include "observe/window.h"
#include "store/store.h"

static void
usage(FILE *fp)
{
	fprintf(fp,
	    "usage: manrs conformance ASN [--days N] [--at YYYY-MM-DD] [--db FILE]\n"
	    "                         [--json]\n"
	    "\n"
	    "Says for each of the last N days whether the AS was conformant to\n"
	    "MANRS, and why not.  An AS is conformant on day D when every action\n"
	    "with data (Filtering, Anti-spoofing, Coordination, Global Validation\n"
	    "IRR and RPKI) is Ready over the trailing window that ends with D:\n"
	    "[D - 29 days, D + 1 day) with the default conformance.days of 30\n"
	    "(the method of the newest run covering --at says).  Actions with no\n"
	    "data (no Spoofer test, say) do not count against it.\n"
	    "\n"
	    "Scores come from the store alone: the AS's daily facts and its\n"
	    "incidents as 'manrs observe' wrote them, minus incidents with an\n"
	    "accepted dispute, merged across month boundaries.  A day on which\n"
	    "the store has no facts for the AS is unknown, and not conformant.\n"
	    "\n"
	    "  --days N        how many days, ending with --at (default 30)\n"
	    "  --at DAY        the last day (default: the last day with facts in\n"
	    "                  the store)\n"
	    "  --db FILE       the store (default: $MANRS_DB or manrs.db)\n"
	    "  --json          one JSON object: every day with its window scores,\n"
	    "                  explanations and incidents\n"
	    "\n"
	    "Output: one line per day, oldest first,\n"
	    "    2015-04-17 conformant\n"
	    "    2015-04-18 not-conformant filtering 25.9%% Lagging: M2 raw 3.5 ...\n"
	    "    2015-04-19 unknown: no facts for AS64500 on this day\n"
	    "then a summary line.\n"
	    "\n"
	    "Exit status: 0 if the AS was conformant on every day; 1 if it was\n"
	    "not on some day (or unknown), or on a store error or no data for\n"
	    "the AS; 2 on a usage error.\n");
}

static int
run(struct store *s, struct conformance *c, bool json)
{
	json_t *o = NULL;
	char err[512], first[WINDOW_PERIOD_LEN], last[WINDOW_PERIOD_LEN];

	if (!conformance_run(s, c, json ? NULL : stdout, json ? &o : NULL, err,
	    sizeof(err))) {
		fprintf(stderr, "manrs conformance: %s\n", err);
		return 1;
	}
	if (json) {
		if (cli_json_print(o) != 0)
			return 1;
	} else {
		window_day_fmt(c->at - (int64_t)(c->ndays - 1) * WINDOW_DAY,
		    first);
		window_day_fmt(c->at, last);
		printf("AS%" PRIu32 ": conformant on %u of %u days (%s .. %s, "
		    "trailing %u-day windows); not conformant %u, unknown %u\n",
		    c->asn, c->conformant, c->ndays, first, last, c->len,
		    c->not_conformant, c->unknown);
	}
	return c->conformant == c->ndays ? 0 : 1;
}

int
cmd_conformance(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "days", required_argument, NULL, 'n' },
		{ "at", required_argument, NULL, 'a' },
		{ "db", required_argument, NULL, 'd' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct conformance c;
	bool json = false;
	const char *dbpath = NULL, *at = NULL, *why;
	struct store *s;
	int ch, rc;

	memset(&c, 0, sizeof(c));
	c.ndays = 30;
	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (ch) {
		case 'n':
			if (!cli_parse_count(optarg, 3660, &c.ndays)) {
				fprintf(stderr, "manrs conformance: --days %s: "
				    "expected 1 to 3660\n", optarg);
				return 2;
			}
			break;
		case 'a': at = optarg; break;
		case 'd': dbpath = optarg; break;
		case 'j': json = true; break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (argc - optind != 1) {
		usage(stderr);
		return 2;
	}
	if (!cli_asn(argv[optind], &c.asn, &why)) {
		fprintf(stderr, "manrs conformance: %s: %s\n", argv[optind],
		    why);
		return 2;
	}
	if (at != NULL && !window_day_parse(at, &c.at)) {
		fprintf(stderr, "manrs conformance: --at %s: expected a day "
		    "such as 2015-04-30\n", at);
		return 2;
	}
	if ((s = cli_store_existing("conformance", dbpath)) == NULL)
		return 1;
	rc = 1;
	if (at == NULL && !window_last_day(s, &c.at))
		fprintf(stderr, "manrs conformance: the store has no daily facts "
		    "(run 'manrs observe' first)\n");
	else if (cli_asn_known("conformance", s, c.asn))
		rc = run(s, &c, json);
	store_close(s);
	return rc;
}
