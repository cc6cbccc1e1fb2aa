/*
 * The web UI's overview: for one month, how many ASes have each label
 * per action — all scored ASes, MANRS participants, and (when the server
 * read RIR statistics) per RIR region and per country.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "base/xmalloc.h"
#include "formats/rirstats.h"
#include "observe/method.h"
#include "report/geo.h"
#include "report/html.h"
#include "report/page.h"
#include "report/svg.h"

#define NLABELS		(LABEL_READY + 1)
#define NCC		(26 * 26)	/* two-letter country codes */
#define OVERVIEW_COUNTRIES 30	/* countries listed, most ASes first */
#define OVERVIEW_MONTHS	12	/* months in the navigation */

/* Label counts per action of one group of ASes. */
struct dist {
	uint64_t	n[ACTION_COUNT][NLABELS];
};

struct overview {
	char		month[8];
	struct dist	all, part;
	struct dist	region[RIR_MAX];
	struct dist	nogeo;		/* ASes the RIR statistics lack */
	struct dist	*cc;		/* NCC of them, with geo only */
	uint64_t	participants;	/* organisations in the store */
};

static int
label_idx(const char *s)
{
	unsigned l;

	for (l = 0; l < NLABELS; l++)
		if (s != NULL && strcmp(s, label_name((enum label)l)) == 0)
			return (int)l;
	return -1;
}

static int
action_idx(const char *s)
{
	unsigned a;

	for (a = 0; a < ACTION_COUNT; a++)
		if (s != NULL && strcmp(s, action_name((enum action)a)) == 0)
			return (int)a;
	return -1;
}

static int
cc_idx(const char *cc)
{
	if (cc[0] < 'A' || cc[0] > 'Z' || cc[1] < 'A' || cc[1] > 'Z' ||
	    cc[2] != '\0')
		return -1;
	return (cc[0] - 'A') * 26 + (cc[1] - 'A');
}

/* ASes in a group: the most rows any action has. */
static uint64_t
dist_ases(const struct dist *d)
{
	uint64_t max = 0, t;
	unsigned a, l;

	for (a = 0; a < ACTION_COUNT; a++) {
		for (t = 0, l = 0; l < NLABELS; l++)
			t += d->n[a][l];
		if (t > max)
			max = t;
	}
	return max;
}

static bool
load(sqlite3 *db, const char *month, const struct geo *geo,
    struct overview *o)
{
	sqlite3_stmt *st;
	const char *cc;
	unsigned rir;
	int a, l, c;

	if (sqlite3_prepare_v2(db, "SELECT s.asn, s.action, s.label, "
	    "pa.asn IS NOT NULL FROM scores s LEFT JOIN participant_asns pa "
	    "ON pa.asn = s.asn WHERE s.period = ?", -1, &st, NULL) !=
	    SQLITE_OK)
		return false;
	sqlite3_bind_text(st, 1, month, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		a = action_idx((const char *)sqlite3_column_text(st, 1));
		l = label_idx((const char *)sqlite3_column_text(st, 2));
		if (a < 0 || l < 0)
			continue;
		o->all.n[a][l]++;
		if (sqlite3_column_int(st, 3) != 0)
			o->part.n[a][l]++;
		if (geo == NULL)
			continue;
		if (!geo_lookup(geo, (uint32_t)sqlite3_column_int64(st, 0),
		    &rir, &cc)) {
			o->nogeo.n[a][l]++;
			continue;
		}
		if (rir < RIR_MAX)
			o->region[rir].n[a][l]++;
		if ((c = cc_idx(cc)) >= 0)
			o->cc[c].n[a][l]++;
	}
	sqlite3_finalize(st);
	if (sqlite3_prepare_v2(db, "SELECT count(*) FROM participants", -1,
	    &st, NULL) != SQLITE_OK)
		return false;
	if (sqlite3_step(st) == SQLITE_ROW)
		o->participants = (uint64_t)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return true;
}

/* Labels most ready first, for bars and tables. */
static const enum label order[NLABELS] = { LABEL_READY, LABEL_ASPIRING,
    LABEL_LAGGING, LABEL_NODATA };

static void
dist_table(FILE *fp, const char *id, const char *caption,
    const struct dist *d)
{
	struct svg_part parts[NLABELS];
	char title[160];
	unsigned a, k;

	fprintf(fp, "<table id=\"%s\"><caption class=\"meta\">%s</caption>"
	    "<thead><tr><th scope=\"col\">Action</th><th scope=\"col\">"
	    "Distribution</th>", id, caption);
	for (k = 0; k < NLABELS; k++)
		fprintf(fp, "<th scope=\"col\">%s</th>", label_name(order[k]));
	fputs("</tr></thead><tbody>", fp);
	for (a = 0; a < ACTION_COUNT; a++) {
		for (k = 0; k < NLABELS; k++) {
			parts[k].name = label_name(order[k]);
			parts[k].cls = order[k] == LABEL_NODATA ? "nodata" :
			    label_name(order[k]);
			parts[k].count = d->n[a][order[k]];
		}
		snprintf(title, sizeof(title), "%s: ASes per label",
		    report_action_title((enum action)a));
		fprintf(fp, "<tr data-action=\"%s\"><th scope=\"row\">%s</th>"
		    "<td class=\"bar\">", action_name((enum action)a),
		    report_action_title((enum action)a));
		svg_stack_bar(fp, title, parts, NLABELS);
		fputs("</td>", fp);
		for (k = 0; k < NLABELS; k++)
			fprintf(fp, "<td class=\"n\" data-label=\"%s\">%" PRIu64
			    "</td>", label_name(order[k]), parts[k].count);
		fputs("</tr>", fp);
	}
	fputs("</tbody></table>\n", fp);
}

/* One row of a region or country table: ASes and % Ready per action. */
static void
ready_row(FILE *fp, const char *name, const struct dist *d)
{
	uint64_t scored;
	unsigned a;

	fputs("<tr><th scope=\"row\">", fp);
	xml_esc(fp, name);
	fprintf(fp, "</th><td class=\"n\">%" PRIu64 "</td>", dist_ases(d));
	for (a = 0; a < ACTION_COUNT; a++) {
		scored = d->n[a][LABEL_READY] + d->n[a][LABEL_ASPIRING] +
		    d->n[a][LABEL_LAGGING];
		if (scored == 0)
			fputs("<td class=\"n\">–</td>", fp);
		else
			fprintf(fp, "<td class=\"n\">%.1f</td>", 100.0 *
			    (double)d->n[a][LABEL_READY] / (double)scored);
	}
	fputs("</tr>", fp);
}

static void
ready_head(FILE *fp, const char *id, const char *first)
{
	unsigned a;

	fprintf(fp, "<table id=\"%s\"><caption class=\"meta\">%% Ready among "
	    "the ASes with a score for the action; – : none scored.</caption>"
	    "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">ASes</th>",
	    id, first);
	for (a = 0; a < ACTION_COUNT; a++)
		fprintf(fp, "<th scope=\"col\">%s</th>",
		    report_action_title((enum action)a));
	fputs("</tr></thead><tbody>", fp);
}

struct cc_rank {
	int		 idx;
	uint64_t	 ases;
};

static int
rank_cmp(const void *a, const void *b)
{
	const struct cc_rank *x = a, *y = b;

	if (x->ases != y->ases)
		return x->ases > y->ases ? -1 : 1;
	return x->idx - y->idx;
}

static void
by_geo(FILE *fp, const struct overview *o)
{
	struct cc_rank rank[NCC];
	char cc[3];
	unsigned r;
	int i, n = 0;

	fputs("<section><h2>By RIR region</h2>", fp);
	ready_head(fp, "by-region", "Region");
	for (r = RIR_NONE + 1; r < RIR_MAX; r++)
		if (dist_ases(&o->region[r]) > 0)
			ready_row(fp, rir_display((enum rir)r), &o->region[r]);
	if (dist_ases(&o->nogeo) > 0)
		ready_row(fp, "Not in the RIR statistics", &o->nogeo);
	fputs("</tbody></table></section>\n", fp);
	for (i = 0; i < NCC; i++) {
		rank[i].idx = i;
		rank[i].ases = dist_ases(&o->cc[i]);
	}
	qsort(rank, NCC, sizeof(rank[0]), rank_cmp);
	fprintf(fp, "<section><h2>By country</h2><p class=\"meta\">Up to %d "
	    "countries, those with the most scored ASes first (RIR statistics)."
	    "</p>", OVERVIEW_COUNTRIES);
	ready_head(fp, "by-country", "Country");
	for (i = 0; i < NCC && n < OVERVIEW_COUNTRIES && rank[i].ases > 0;
	    i++, n++) {
		cc[0] = (char)('A' + rank[i].idx / 26);
		cc[1] = (char)('A' + rank[i].idx % 26);
		cc[2] = '\0';
		ready_row(fp, cc, &o->cc[rank[i].idx]);
	}
	fputs("</tbody></table></section>\n", fp);
}

/* month if the store has scores for it, else (month NULL) the latest. */
static int
month_pick(sqlite3 *db, const char *month, char out[8])
{
	sqlite3_stmt *st;
	const unsigned char *p;
	int found = 0;

	if (sqlite3_prepare_v2(db, month != NULL ? "SELECT period FROM scores "
	    "WHERE period = ? LIMIT 1" : "SELECT max(period) FROM scores "
	    "WHERE length(period) = 7", -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (month != NULL)
		sqlite3_bind_text(st, 1, month, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW &&
	    (p = sqlite3_column_text(st, 0)) != NULL &&
	    strlen((const char *)p) == 7) {
		memcpy(out, p, 8);
		found = 1;
	}
	sqlite3_finalize(st);
	return found;
}

static void
month_nav(FILE *fp, sqlite3 *db, const char *month)
{
	sqlite3_stmt *st;
	const char *p;

	if (sqlite3_prepare_v2(db, "SELECT DISTINCT period FROM scores WHERE "
	    "length(period) = 7 ORDER BY period DESC LIMIT ?", -1, &st,
	    NULL) != SQLITE_OK)
		return;
	sqlite3_bind_int(st, 1, OVERVIEW_MONTHS);
	while (sqlite3_step(st) == SQLITE_ROW) {
		p = (const char *)sqlite3_column_text(st, 0);
		if (p == NULL || strlen(p) != 7)
			continue;
		if (strcmp(p, month) == 0) {
			fputs("<strong aria-current=\"page\">", fp);
			xml_esc(fp, p);
			fputs("</strong>", fp);
		} else {
			fputs("<a href=\"/?month=", fp);
			xml_esc(fp, p);
			fputs("\">", fp);
			xml_esc(fp, p);
			fputs("</a>", fp);
		}
	}
	sqlite3_finalize(st);
}

int
page_overview(FILE *fp, sqlite3 *db, const char *month,
    const struct page_ctx *ctx)
{
	const struct geo *geo = ctx != NULL ? ctx->geo : NULL;
	struct overview *o;
	char title[64];
	int rc;

	if (month != NULL && *month == '\0')
		month = NULL;
	o = xcalloc(1, sizeof(*o));
	if ((rc = month_pick(db, month, o->month)) <= 0) {
		free(o);
		if (rc < 0)
			return page_error(fp, 500, sqlite3_errmsg(db));
		return page_error(fp, 404, month == NULL ? "The store has no "
		    "scores yet: run manrs observe first." : "The store has no "
		    "scores for that month.");
	}
	if (geo != NULL)
		o->cc = xcalloc(NCC, sizeof(*o->cc));
	if (!load(db, o->month, geo, o)) {
		free(o->cc);
		free(o);
		return page_error(fp, 500, sqlite3_errmsg(db));
	}
	snprintf(title, sizeof(title), "Overview, %s", o->month);
	page_begin(fp, title, ctx);
	fprintf(fp, "<header><h1>MANRS readiness, %s</h1><p class=\"meta\">"
	    "<span id=\"ases\">%" PRIu64 "</span> ASes scored · <span id=\""
	    "participants\">%" PRIu64 "</span> MANRS participants, <span id=\""
	    "participant-ases\">%" PRIu64 "</span> of their ASes scored</p>"
	    "<nav class=\"months\" aria-label=\"Months\">Months: ", o->month,
	    dist_ases(&o->all), o->participants, dist_ases(&o->part));
	month_nav(fp, db, o->month);
	fputs("</nav></header>\n<section><h2>Labels per action: all ASes</h2>",
	    fp);
	dist_table(fp, "dist-all", "ASes per label for each MANRS action.",
	    &o->all);
	fputs("</section>\n<section><h2>MANRS participants</h2>", fp);
	dist_table(fp, "dist-participants", "The participants' ASes only.",
	    &o->part);
	fputs("</section>\n", fp);
	if (geo != NULL)
		by_geo(fp, o);
	else
		fputs("<p class=\"meta\">No RIR statistics were given to the "
		    "server (manrs serve --rir-stats FILE), so there is no "
		    "breakdown by region and country.</p>", fp);
	page_end(fp);
	free(o->cc);
	free(o);
	return 200;
}
