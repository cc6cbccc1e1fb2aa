/* The web UI's prefix page, ROA history page and search. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <sqlite3.h>

#include "base/utctime.h"
#include "net/asn.h"
#include "net/prefix.h"
#include "report/html.h"
#include "report/page.h"
#include "report/render.h"
#include "report/svg.h"
#include "rpki/history.h"

/* Rows listed per table on these pages. */
#define PAGE_ROWS	200
/* Covering VRPs listed on the ROA history page. */
#define PAGE_VRPS	256

static int
parse_prefix(const char *s, struct prefix *p, char buf[PREFIX_STRLEN])
{
	const char *why;

	if (s == NULL || !prefix_parse(s, strlen(s), p, &why))
		return 0;
	prefix_fmt(p, buf);
	return 1;
}

static void
prefix_link(FILE *fp, const char *p)
{
	fputs("<a href=\"/prefix/", fp);
	report_url_esc(fp, p);
	fputs("\">", fp);
	xml_esc(fp, p);
	fputs("</a>", fp);
}

static bool
origins(FILE *fp, sqlite3 *db, const char *pfx)
{
	sqlite3_stmt *st;
	int n = 0;

	if (sqlite3_prepare_v2(db, "SELECT period, origin, rpki, irr, "
	    "irr_auth, peers, days, first_seen, last_seen FROM announcements "
	    "WHERE prefix = ? ORDER BY period DESC, origin LIMIT ?", -1, &st,
	    NULL) != SQLITE_OK)
		return false;
	sqlite3_bind_text(st, 1, pfx, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, PAGE_ROWS);
	fputs("<section><h2>Origins</h2>", fp);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (n++ == 0)
			fputs("<table><thead><tr><th>Month</th><th>Origin</th>"
			    "<th>RPKI</th><th>IRR</th><th>Peers</th><th>Days"
			    "</th><th>First seen</th><th>Last seen</th></tr>"
			    "</thead><tbody>", fp);
		fputs("<tr><td>", fp);
		xml_esc(fp, (const char *)sqlite3_column_text(st, 0));
		fputs("</td><td>", fp);
		page_as_link(fp, (uint32_t)sqlite3_column_int64(st, 1));
		fputs("</td><td>", fp);
		html_state(fp, (const char *)sqlite3_column_text(st, 2),
		    "no VRPs");
		fputs("</td><td>", fp);
		html_state(fp, (const char *)sqlite3_column_text(st, 3),
		    "no IRR data");
		if (sqlite3_column_type(st, 4) != SQLITE_NULL &&
		    sqlite3_column_int(st, 4) != 0)
			fputs(" (authoritative)", fp);
		fprintf(fp, "</td><td class=\"n\">%d</td><td class=\"n\">%d</td>"
		    "<td>", sqlite3_column_int(st, 5), sqlite3_column_int(st, 6));
		html_time(fp, sqlite3_column_int64(st, 7));
		fputs("</td><td>", fp);
		html_time(fp, sqlite3_column_int64(st, 8));
		fputs("</td></tr>", fp);
	}
	fputs(n > 0 ? "</tbody></table></section>\n" :
	    "<p>Not seen announced in any scored month.</p></section>\n", fp);
	sqlite3_finalize(st);
	return true;
}

static bool
prefix_incidents(FILE *fp, sqlite3 *db, const char *pfx)
{
	sqlite3_stmt *st;
	int n = 0;

	if (sqlite3_prepare_v2(db, "SELECT DISTINCT i.id, i.asn, i.metric, "
	    "i.start, i.end FROM incident_prefixes e JOIN incidents i ON i.id = "
	    "e.incident_id WHERE e.prefix = ? ORDER BY i.start DESC, i.id "
	    "LIMIT ?", -1, &st, NULL) != SQLITE_OK)
		return false;
	sqlite3_bind_text(st, 1, pfx, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, PAGE_ROWS);
	fputs("<section><h2>Incidents</h2>", fp);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *id = (const char *)sqlite3_column_text(st, 0);

		if (n++ == 0)
			fputs("<table><thead><tr><th>Incident</th><th>AS</th>"
			    "<th>Metric</th><th>Start</th><th>End</th></tr>"
			    "</thead><tbody>", fp);
		fputs("<tr><td><a href=\"/incident/", fp);
		report_url_esc(fp, id);
		fputs("\">", fp);
		xml_esc(fp, id);
		fputs("</a></td><td>", fp);
		page_as_link(fp, (uint32_t)sqlite3_column_int64(st, 1));
		fputs("</td><td>", fp);
		xml_esc(fp, (const char *)sqlite3_column_text(st, 2));
		fputs("</td><td>", fp);
		html_time(fp, sqlite3_column_int64(st, 3));
		fputs("</td><td>", fp);
		html_time(fp, sqlite3_column_int64(st, 4));
		fputs("</td></tr>", fp);
	}
	fputs(n > 0 ? "</tbody></table></section>\n" :
	    "<p>No incident names this prefix.</p></section>\n", fp);
	sqlite3_finalize(st);
	return true;
}

int
page_prefix(FILE *fp, sqlite3 *db, const char *s, const struct page_ctx *ctx)
{
	struct prefix p;
	char pfx[PREFIX_STRLEN], title[PREFIX_STRLEN + 16];

	if (!parse_prefix(s, &p, pfx))
		return page_error(fp, 400, "Not a prefix: expected one such as "
		    "192.0.2.0/24 or 2001:db8::/32, without host bits.");
	snprintf(title, sizeof(title), "Prefix %s", pfx);
	page_begin(fp, title, ctx);
	fputs("<header><h1>", fp);
	xml_esc(fp, title);
	fputs("</h1></header>\n", fp);
	if (!origins(fp, db, pfx) || !prefix_incidents(fp, db, pfx)) {
		fputs("<p>The store could not be read.</p>", fp);
		page_end(fp);
		return 500;
	}
	if (ctx != NULL && ctx->roa != NULL) {
		fputs("<p><a href=\"/roa-history?prefix=", fp);
		report_url_esc(fp, pfx);
		fputs("\">ROA history of this prefix</a></p>", fp);
	}
	page_end(fp);
	return 200;
}

static void
put_day(FILE *fp, uint32_t day)
{
	char buf[HISTORY_DAY_STRLEN];

	history_day_fmt(day, buf);
	fputs(buf, fp);
}

/* Per stretch of snapshots alike: the ROV state of (p, asn). */
static void
stretches(FILE *fp, const struct history *h, const struct prefix *p,
    uint32_t asn)
{
	size_t nd = history_ndays(h);
	uint32_t s, a = 0;
	enum rov_reason why, cwhy = ROV_REASON_NONE;
	enum rov_state st = ROV_NOT_FOUND, cur = ROV_NOT_FOUND;

	fprintf(fp, "<section><h2>Origin validation of AS%" PRIu32 "</h2>"
	    "<table><thead><tr><th>From</th><th>To</th><th>State</th></tr>"
	    "</thead><tbody>", asn);
	for (s = 0; s <= nd; s++) {
		if (s < nd)
			st = history_validate_snap(h, p, asn, s, &why);
		if (s > 0 && (s == nd || st != cur || why != cwhy)) {
			fputs("<tr><td>", fp);
			put_day(fp, history_day(h, a));
			fputs("</td><td>", fp);
			put_day(fp, history_day(h, s - 1));
			fputs("</td><td>", fp);
			html_state(fp, rov_state_str(cur), "");
			if (cwhy != ROV_REASON_NONE)
				fprintf(fp, " (%s)", rov_reason_str(cwhy));
			fputs("</td></tr>", fp);
			a = s;
		}
		if (s < nd) {
			cur = st;
			cwhy = why;
		}
	}
	fputs("</tbody></table><p class=\"meta\">Days between snapshots are "
	    "unknown, not absences.</p></section>\n", fp);
}

int
page_roa_history(FILE *fp, const char *s, const char *asn_s,
    const struct page_ctx *ctx)
{
	const struct history *h = ctx != NULL ? ctx->roa : NULL;
	uint32_t cov[PAGE_VRPS], asn = 0;
	const struct history_run *r;
	struct prefix p;
	char pfx[PREFIX_STRLEN], title[PREFIX_STRLEN + 16];
	const char *why;
	size_t n, i, k, nr, nd;

	if (h == NULL)
		return page_error(fp, 404, "This server has no ROA history "
		    "(manrs serve --roa-history FILE).");
	if (!parse_prefix(s, &p, pfx))
		return page_error(fp, 400, "Not a prefix: expected one such as "
		    "192.0.2.0/24 or 2001:db8::/32, without host bits.");
	if (asn_s != NULL && *asn_s != '\0' &&
	    !asn_parse(asn_s, strlen(asn_s), &asn, &why))
		return page_error(fp, 400, "Not an AS number.");
	nd = history_ndays(h);
	snprintf(title, sizeof(title), "ROA history of %s", pfx);
	page_begin(fp, title, ctx);
	fputs("<header><h1>", fp);
	xml_esc(fp, title);
	fputs("</h1><p class=\"meta\">", fp);
	if (nd > 0) {
		fprintf(fp, "%zu snapshots, ", nd);
		put_day(fp, history_day(h, 0));
		fputs(" to ", fp);
		put_day(fp, history_day(h, (uint32_t)nd - 1));
		fputs(" · ", fp);
	}
	prefix_link(fp, pfx);
	fputs("</p></header>\n", fp);
	if (asn_s != NULL && *asn_s != '\0' && nd > 0)
		stretches(fp, h, &p, asn);
	n = history_covering(h, &p, cov, PAGE_VRPS);
	fprintf(fp, "<section><h2>Covering VRPs (%zu)</h2>", n);
	if (n > 0)
		fputs("<table><thead><tr><th>Prefix</th><th>Max length</th>"
		    "<th>AS</th><th>Seen</th></tr></thead><tbody>", fp);
	for (i = 0; i < n && i < PAGE_VRPS; i++) {
		const struct vrp *v = history_vrp(h, cov[i]);
		char vp[PREFIX_STRLEN];

		prefix_fmt(&v->pfx, vp);
		fputs("<tr><td>", fp);
		xml_esc(fp, vp);
		fprintf(fp, "</td><td class=\"n\">%u</td><td>", v->maxlen);
		page_as_link(fp, v->asn);
		fputs("</td><td>", fp);
		nr = history_runs(h, cov[i], &r);
		for (k = 0; k < nr; k++) {
			fputs(k > 0 ? "<br>" : "", fp);
			put_day(fp, history_day(h, r[k].first));
			fputs(" – ", fp);
			put_day(fp, history_day(h, r[k].last));
			if (r[k].last + 1 >= nd)
				fputs(" (current)", fp);
			else {
				fputs(", gone ", fp);
				put_day(fp, history_day(h, r[k].last + 1));
			}
		}
		fputs("</td></tr>", fp);
	}
	if (n > 0)
		fputs("</tbody></table>", fp);
	if (n > PAGE_VRPS)
		fprintf(fp, "<p>Only the first %d are listed.</p>", PAGE_VRPS);
	if (n == 0)
		fputs("<p>No VRP ever covered this prefix.</p>", fp);
	fputs("<form method=\"get\" action=\"/roa-history\"><input type=\""
	    "hidden\" name=\"prefix\" value=\"", fp);
	xml_esc(fp, pfx);
	fputs("\"><label>Validate an origin AS <input name=\"asn\" "
	    "inputmode=\"numeric\" maxlength=\"10\"></label> <button type=\""
	    "submit\">Show</button></form></section>\n", fp);
	page_end(fp);
	return 200;
}
