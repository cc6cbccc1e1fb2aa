/*
 * manrs stats: the figures of one stored month for everyone — labels per
 * action, participants, and the share of announced (prefix, origin)
 * pairs that is RPKI valid and registered in the IRR, overall and per
 * RIR region or country of the origin AS.
 */
#include <getopt.h>
#include <glob.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <sqlite3.h>

#include "base/utctime.h"
#include "cli.h"
#include "formats/rirstats.h"
#include "observe/stats.h"
#include "observe/window.h"
#include "report/geo.h"
#include "store/store.h"

static void
usage(FILE *fp)
{
	fprintf(fp,
	    "usage: manrs stats [--month YYYY-MM] [--by rir|country]\n"
	    "                   [--rir FILE]... | [--data DIR]] [--db FILE] [--json]\n"
	    "\n"
	    "The figures of one month in the store (default: the newest):\n"
	    "  - how many ASes have each label (Ready, Aspiring, Lagging, No\n"
	    "    data) per action, among all scored ASes and among the ASes of\n"
	    "    MANRS participants;\n"
	    "  - participant organisations and ASNs, and how many of those ASNs\n"
	    "    were scored (in the universe) that month;\n"
	    "  - of the (prefix, origin) pairs announced, the share RPKI valid\n"
	    "    (and invalid) and registered in the IRR (exact or a more\n"
	    "    specific of a route object of the same origin), out of the\n"
	    "    pairs whose state was known.\n"
	    "With --by, the same per RIR region or per country of the origin AS,\n"
	    "from RIR delegated-extended statistics (ASN ranges): one row per\n"
	    "group with ASes, pairs, the RPKI and IRR shares, and how many ASes\n"
	    "are Ready per action (filt, spoof, coord, irr, rpki).  ASes no\n"
	    "statistics line covers are in the group \"-\".\n"
	    "\n"
	    "  --month M      the period, as 'manrs observe' stored it (2015-04)\n"
	    "  --by KEY       rir or country\n"
	    "  --rir FILE     RIR delegated-extended statistics (repeatable)\n"
	    "  --data DIR     read DIR/rir/delegated-*-extended* instead\n"
	    "  --db FILE      the store (default: $MANRS_DB or manrs.db)\n"
	    "  --json         one JSON object with every count\n"
	    "\n"
	    "Exit status: 0 on success, 1 on a store error, unreadable RIR\n"
	    "statistics or a month the store has no scores for, 2 on a usage\n"
	    "error.\n");
}

enum by { BY_NONE, BY_RIR, BY_COUNTRY };

struct geo_ctx {
	const struct geo	*geo;
	enum by			 by;
};

static bool
geo_group(void *ctx, uint32_t asn, char *key)
{
	const struct geo_ctx *g = ctx;
	const char *cc;
	unsigned rir;

	if (!geo_lookup(g->geo, asn, &rir, &cc))
		return false;
	if (g->by == BY_RIR)
		snprintf(key, STATS_KEY_LEN, "%s", rir_display(
		    (enum rir)rir));
	else
		snprintf(key, STATS_KEY_LEN, "%s", cc[0] != '\0' ? cc : "-");
	return true;
}

static double
share(uint64_t n, uint64_t of)
{
	return of > 0 ? 100.0 * (double)n / (double)of : 0;
}

static const enum label order[] = { LABEL_READY, LABEL_ASPIRING,
    LABEL_LAGGING, LABEL_NODATA };

static void
label_table(const char *title, const struct stats_group *g)
{
	unsigned a, l;

	printf("\n%-24s %8s %8s %8s %8s   (%s: %" PRIu64 " ASes)\n",
	    "labels per action", "Ready", "Aspiring", "Lagging", "No data",
	    title, g->ases);
	for (a = 0; a < ACTION_COUNT; a++) {
		printf("%-24s", action_name((enum action)a));
		for (l = 0; l < 4; l++)
			printf(" %8" PRIu64, g->labels[a][order[l]]);
		putchar('\n');
	}
}

static void
pairs_line(const struct stats_group *g)
{
	printf("\nannounced (prefix, origin) pairs: %" PRIu64 "\n", g->pairs);
	if (g->rpki_known > 0)
		printf("  RPKI valid %" PRIu64 " of %" PRIu64 " (%.1f%%), "
		    "invalid %" PRIu64 " (%.1f%%)\n", g->rpki_valid,
		    g->rpki_known, share(g->rpki_valid, g->rpki_known),
		    g->rpki_invalid, share(g->rpki_invalid, g->rpki_known));
	else
		printf("  RPKI: no VRPs were read\n");
	if (g->irr_known > 0)
		printf("  IRR registered %" PRIu64 " of %" PRIu64 " (%.1f%%)\n",
		    g->irr_registered, g->irr_known, share(g->irr_registered,
		    g->irr_known));
	else
		printf("  IRR: no IRR data was read\n");
}

static void
pct_cell(uint64_t n, uint64_t of)
{
	if (of == 0)
		printf(" %7s", "-");
	else
		printf(" %6.1f%%", share(n, of));
}

static void
text(const struct stats *s, enum by by)
{
	size_t i;
	unsigned a;

	printf("manrs stats %s: %" PRIu64 " ASes scored\n", s->period,
	    s->all.ases);
	printf("participants: %" PRIu64 " organisation%s, %" PRIu64 " ASN%s, "
	    "%" PRIu64 " of them scored this month\n", s->participants,
	    s->participants == 1 ? "" : "s", s->participant_asns,
	    s->participant_asns == 1 ? "" : "s", s->part.ases);
	label_table("all scored", &s->all);
	label_table("participants", &s->part);
	pairs_line(&s->all);
	if (by == BY_NONE)
		return;
	printf("\n%-10s %6s %8s %8s %8s   Ready: %5s %5s %5s %5s %5s\n",
	    by == BY_RIR ? "rir" : "country", "ASes", "pairs", "RPKI ok",
	    "IRR", "filt", "spoof", "coord", "irr", "rpki");
	for (i = 0; i < s->ngroups; i++) {
		const struct stats_group *g = &s->groups[i];

		printf("%-10s %6" PRIu64 " %8" PRIu64, g->key[0] != '\0' ?
		    g->key : "-", g->ases, g->pairs);
		pct_cell(g->rpki_valid, g->rpki_known);
		pct_cell(g->irr_registered, g->irr_known);
		printf("  %6s", "");
		for (a = 0; a < ACTION_COUNT; a++)
			printf(" %5" PRIu64, g->labels[a][LABEL_READY]);
		putchar('\n');
	}
}

static json_t *
group_json(const struct stats_group *g)
{
	json_t *o = json_object(), *labels = json_object();
	unsigned a, l;

	for (a = 0; a < ACTION_COUNT; a++) {
		json_t *x = json_object();

		for (l = 0; l < 4; l++)
			json_object_set_new(x, label_name(order[l]),
			    json_integer((json_int_t)g->labels[a][order[l]]));
		json_object_set_new(labels, action_name((enum action)a), x);
	}
	json_object_set_new(o, "ases", json_integer((json_int_t)g->ases));
	json_object_set_new(o, "labels", labels);
	json_object_set_new(o, "pairs", json_pack("{sI sI sI sI sI sI}",
	    "announced", (json_int_t)g->pairs,
	    "rpki_known", (json_int_t)g->rpki_known,
	    "rpki_valid", (json_int_t)g->rpki_valid,
	    "rpki_invalid", (json_int_t)g->rpki_invalid,
	    "irr_known", (json_int_t)g->irr_known,
	    "irr_registered", (json_int_t)g->irr_registered));
	return o;
}

static int
json(const struct stats *s, enum by by)
{
	json_t *o = json_object(), *groups = json_object();
	size_t i;

	json_object_set_new(o, "period", json_string(s->period));
	json_object_set_new(o, "all", group_json(&s->all));
	json_object_set_new(o, "participants", json_pack("{sI sI so}",
	    "organisations", (json_int_t)s->participants,
	    "asns", (json_int_t)s->participant_asns,
	    "scored", group_json(&s->part)));
	if (by != BY_NONE) {
		for (i = 0; i < s->ngroups; i++)
			json_object_set_new(groups, s->groups[i].key[0] != '\0' ?
			    s->groups[i].key : "-", group_json(&s->groups[i]));
		json_object_set_new(o, "by", json_string(by == BY_RIR ? "rir" :
		    "country"));
		json_object_set_new(o, "groups", groups);
	} else
		json_decref(groups);
	return cli_json_print(o);
}

/* The newest month with scores, or false. */
static bool
newest_month(struct store *s, char *buf, size_t len)
{
	sqlite3_stmt *st;
	const unsigned char *t;
	bool ok = false;

	if (sqlite3_prepare_v2(store_db(s), "SELECT max(period) FROM scores "
	    "WHERE length(period) <> 10", -1, &st, NULL) != SQLITE_OK)
		return false;
	if (sqlite3_step(st) == SQLITE_ROW &&
	    (t = sqlite3_column_text(st, 0)) != NULL) {
		snprintf(buf, len, "%.*s", (int)len - 1, (const char *)t);
		ok = true;
	}
	sqlite3_finalize(st);
	return ok;
}

static struct geo *
load_geo(const char **rir, size_t nrir, const char *data, glob_t *g,
    bool *globbed)
{
	size_t i;

	char pat[4096], err[512];
	struct geo *geo;

	if (nrir == 0 && data != NULL) {
		snprintf(pat, sizeof(pat), "%s/rir/delegated-*-extended*",
		    data);
		if (glob(pat, 0, NULL, g) != 0 || g->gl_pathc == 0) {
			fprintf(stderr, "manrs stats: no %s files\n", pat);
			return NULL;
		}
		*globbed = true;
		for (i = 0; i < g->gl_pathc && i < RIR_MAX_FILES; i++)
			rir[i] = g->gl_pathv[i];
		nrir = i;
	}
	if ((geo = geo_load(rir, nrir, err, sizeof(err))) == NULL)
		fprintf(stderr, "manrs stats: %s\n", err);
	return geo;
}

int
cmd_stats(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "month", required_argument, NULL, 'm' },
		{ "by", required_argument, NULL, 'b' },
		{ "rir", required_argument, NULL, 'r' },
		{ "data", required_argument, NULL, 'D' },
		{ "db", required_argument, NULL, 'd' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *rir[RIR_MAX_FILES], *month = NULL, *data = NULL;
	const char *dbpath = NULL;
	char period[24], list[4096], err[512];
	struct geo_ctx gc = { NULL, BY_NONE };
	struct geo *geo = NULL;
	struct store *s = NULL;
	struct stats st;
	size_t nrir = 0;
	bool asjson = false, globbed = false;
	int ch, rc = 1;
	int64_t f, t;
	glob_t g;

	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (ch) {
		case 'm': month = optarg; break;
		case 'b':
			if (strcmp(optarg, "rir") == 0)
				gc.by = BY_RIR;
			else if (strcmp(optarg, "country") == 0)
				gc.by = BY_COUNTRY;
			else {
				fprintf(stderr, "manrs stats: --by %s: expected "
				    "rir or country\n", optarg);
				return 2;
			}
			break;
		case 'r':
			if (nrir == RIR_MAX_FILES) {
				fprintf(stderr, "manrs stats: more than %d --rir "
				    "files\n", RIR_MAX_FILES);
				return 2;
			}
			rir[nrir++] = optarg;
			break;
		case 'D': data = optarg; break;
		case 'd': dbpath = optarg; break;
		case 'j': asjson = true; break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (argc != optind) {
		usage(stderr);
		return 2;
	}
	if (month != NULL && !utc_parse_month(month, &f, &t)) {
		fprintf(stderr, "manrs stats: --month %s: expected a month such "
		    "as 2015-04\n", month);
		return 2;
	}
	if (gc.by != BY_NONE && nrir == 0 && data == NULL) {
		fprintf(stderr, "manrs stats: --by needs RIR statistics: --rir "
		    "FILE or --data DIR\n");
		return 2;
	}
	if ((s = cli_store_existing("stats", dbpath)) == NULL)
		return 1;
	if (month != NULL)
		snprintf(period, sizeof(period), "%s", month);
	else if (!newest_month(s, period, sizeof(period))) {
		fprintf(stderr, "manrs stats: the store has no scores (run "
		    "'manrs observe' first)\n");
		goto out;
	}
	if (gc.by != BY_NONE &&
	    (gc.geo = geo = load_geo(rir, nrir, data, &g, &globbed)) == NULL)
		goto out;
	if (!stats_load(s, period, gc.by != BY_NONE ? geo_group : NULL, &gc,
	    &st, err, sizeof(err))) {
		fprintf(stderr, "manrs stats: %s\n", err);
		goto out;
	}
	if (st.all.ases == 0) {
		window_periods(s, 0, list, sizeof(list));
		fprintf(stderr, "manrs stats: no scores for %s in the store "
		    "(periods stored: %s)\n", period, list);
		stats_free(&st);
		goto out;
	}
	if (asjson)
		rc = json(&st, gc.by);
	else {
		text(&st, gc.by);
		rc = 0;
	}
	stats_free(&st);
out:
	if (globbed)
		globfree(&g);
	geo_free(geo);
	store_close(s);
	return rc;
}
