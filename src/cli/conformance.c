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

enum day_state { DAY_CONFORMANT, DAY_NOT, DAY_UNKNOWN };
static const char *const state_names[] = {
	"conformant", "not-conformant", "unknown",
};

static bool
has_day(const struct window_src *w, int64_t d)
{
	size_t i;

	for (i = 0; i < w->nfacts; i++)
		if (!w->facts[i].period && w->facts[i].day == d)
			return true;
	return false;
}

/* The window length from the method of the newest run covering day. */
static bool
window_days(struct store *s, uint32_t asn, int64_t day, unsigned *len,
    char *err, size_t errlen)
{
	struct window_src w;
	struct method m;

	if (!window_load(s, asn, day, day + WINDOW_DAY, &w, err, errlen))
		return false;
	method_defaults(&m);
	*len = w.nruns > 0 ? w.runs[w.nruns - 1].method.conformance_days :
	    m.conformance_days;
	window_src_free(&w);
	return true;
}

struct conf {
	uint32_t	 asn;
	unsigned	 ndays, len;
	int64_t		 at;
	bool		 json;
};

/* One day's verdict, printed or added to arr. */
static enum day_state
one_day(const struct conf *c, const struct window_src *w, int64_t d,
    json_t *arr)
{
	struct window_score ws;
	enum day_state st = DAY_CONFORMANT;
	char day[WINDOW_PERIOD_LEN], why[2048];
	json_t *o = NULL, *failing = NULL;
	unsigned a;

	cli_day_fmt(d, day);
	if (!has_day(w, d)) {
		if (arr != NULL)
			json_array_append_new(arr, json_pack("{ss ss}", "day",
			    day, "status", state_names[DAY_UNKNOWN]));
		else
			printf("%s unknown: no facts for AS%" PRIu32 " on this "
			    "day\n", day, c->asn);
		return DAY_UNKNOWN;
	}
	window_score(w, d + WINDOW_DAY - (int64_t)c->len * WINDOW_DAY,
	    d + WINDOW_DAY, &ws);
	if (arr != NULL) {
		o = cli_window_json(w, &ws);
		failing = json_array();
	}
	for (a = 0; a < ACTION_COUNT; a++) {
		enum label l = ws.score.label[a];

		if (l == LABEL_NODATA || l == LABEL_READY)
			continue;
		if (st == DAY_CONFORMANT && arr == NULL)
			printf("%s not-conformant ", day);
		else if (arr == NULL)
			printf("; ");
		st = DAY_NOT;
		if (arr != NULL) {
			json_array_append_new(failing, json_string(action_name(
			    (enum action)a)));
			continue;
		}
		window_why(w, &ws, (enum action)a, why, sizeof(why));
		printf("%s %.1f%% %s: %s", action_name((enum action)a),
		    ws.score.pct[a], label_name(l), why);
	}
	if (arr != NULL) {
		json_object_set_new(o, "failing", failing);
		json_array_append_new(arr, json_pack("{ss ss so}", "day", day,
		    "status", state_names[st], "window", o));
	} else if (st == DAY_CONFORMANT)
		printf("%s conformant\n", day);
	else
		putchar('\n');
	window_score_free(&ws);
	return st;
}

static int
run(struct store *s, struct conf *c)
{
	struct window_src w;
	char err[512], first[WINDOW_PERIOD_LEN], last[WINDOW_PERIOD_LEN];
	int64_t from, d;
	unsigned count[3] = { 0, 0, 0 };
	json_t *arr = c->json ? json_array() : NULL;

	if (!window_days(s, c->asn, c->at, &c->len, err, sizeof(err)))
		goto err;
	from = c->at - (int64_t)(c->ndays - 1) * WINDOW_DAY;
	if (!window_load(s, c->asn, from - (int64_t)(c->len - 1) * WINDOW_DAY,
	    c->at + WINDOW_DAY, &w, err, sizeof(err)))
		goto err;
	for (d = from; d <= c->at; d += WINDOW_DAY)
		count[one_day(c, &w, d, arr)]++;
	window_src_free(&w);
	cli_day_fmt(from, first);
	cli_day_fmt(c->at, last);
	if (c->json) {
		if (cli_json_print(json_pack("{sI ss ss si si si si si sb so}",
		    "asn", (json_int_t)c->asn, "from", first, "to", last,
		    "days", c->ndays, "window_days", c->len,
		    "conformant_days", count[DAY_CONFORMANT],
		    "not_conformant_days", count[DAY_NOT],
		    "unknown_days", count[DAY_UNKNOWN],
		    "conformant", count[DAY_CONFORMANT] == c->ndays,
		    "per_day", arr)) != 0)
			return 1;
	} else
		printf("AS%" PRIu32 ": conformant on %u of %u days (%s .. %s, "
		    "trailing %u-day windows); not conformant %u, unknown %u\n",
		    c->asn, count[DAY_CONFORMANT], c->ndays, first, last,
		    c->len, count[DAY_NOT], count[DAY_UNKNOWN]);
	return count[DAY_CONFORMANT] == c->ndays ? 0 : 1;
err:
	json_decref(arr);
	fprintf(stderr, "manrs conformance: %s\n", err);
	return 1;
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
	struct conf c;
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
		case 'j': c.json = true; break;
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
	if (at != NULL && !cli_parse_day(at, &c.at)) {
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
		rc = run(s, &c);
	store_close(s);
	return rc;
}
