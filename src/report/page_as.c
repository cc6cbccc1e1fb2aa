/* The web UI's AS page and incident page: the report, on screen. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <sqlite3.h>

#include "net/asn.h"
#include "report/html.h"
#include "report/page.h"
#include "report/svg.h"

/* Months listed in the AS page's month navigation. */
#define PAGE_AS_MONTHS	24

/* The latest scored month of asn into month; false if none. */
static int
latest_month(sqlite3 *db, uint32_t asn, char month[8])
{
	sqlite3_stmt *st;
	const unsigned char *t;
	int rc = 0;

	if (sqlite3_prepare_v2(db, "SELECT max(period) FROM scores WHERE "
	    "asn = ? AND length(period) = 7", -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, asn);
	if (sqlite3_step(st) == SQLITE_ROW &&
	    (t = sqlite3_column_text(st, 0)) != NULL &&
	    strlen((const char *)t) == 7) {
		memcpy(month, t, 8);
		rc = 1;
	}
	sqlite3_finalize(st);
	return rc;
}

static void
month_nav(FILE *fp, sqlite3 *db, uint32_t asn, const char *month)
{
	sqlite3_stmt *st;
	const char *p;

	if (sqlite3_prepare_v2(db, "SELECT DISTINCT period FROM scores WHERE "
	    "asn = ? AND length(period) = 7 ORDER BY period DESC LIMIT ?", -1,
	    &st, NULL) != SQLITE_OK)
		return;
	sqlite3_bind_int64(st, 1, asn);
	sqlite3_bind_int(st, 2, PAGE_AS_MONTHS);
	fputs("<nav class=\"months\" aria-label=\"Months\">Months: ", fp);
	while (sqlite3_step(st) == SQLITE_ROW) {
		p = (const char *)sqlite3_column_text(st, 0);
		if (p == NULL)
			continue;
		if (strcmp(p, month) == 0) {
			fputs("<strong aria-current=\"page\">", fp);
			xml_esc(fp, p);
			fputs("</strong>", fp);
			continue;
		}
		fprintf(fp, "<a href=\"/as/%" PRIu32 "?month=", asn);
		xml_esc(fp, p);
		fputs("\">", fp);
		xml_esc(fp, p);
		fputs("</a>", fp);
	}
	fputs("</nav>", fp);
	sqlite3_finalize(st);
}

static void
ui_opts(struct report_opts *o, const struct page_ctx *ctx, uint32_t asn)
{
	memset(o, 0, sizeof(*o));
	o->ui_links = true;
	if (page_may_dispute(ctx, asn)) {
		o->dispute_form = ctx->dispute_action;
		o->form_token = ctx->viewer->form_token;
	}
}

int
page_as(FILE *fp, sqlite3 *db, const char *asn_s, const char *month,
    const struct page_ctx *ctx)
{
	struct report r;
	struct report_opts o;
	const char *why;
	char err[512], m[8], title[64];
	uint32_t asn;
	size_t i;
	int rc;

	if (asn_s != NULL && (strncmp(asn_s, "AS", 2) == 0 ||
	    strncmp(asn_s, "as", 2) == 0))
		asn_s += 2;
	if (asn_s == NULL || !asn_parse(asn_s, strlen(asn_s), &asn, &why))
		return page_error(fp, 400, "Not an AS number: expected digits "
		    "such as 64500.");
	if (month == NULL || *month == '\0') {
		if ((rc = latest_month(db, asn, m)) < 0)
			return page_error(fp, 500, sqlite3_errmsg(db));
		if (rc == 0) {
			snprintf(err, sizeof(err), "AS%" PRIu32 " has no scores "
			    "in the store.", asn);
			return page_error(fp, 404, err);
		}
		month = m;
	}
	if (!report_load_db(db, NULL, asn, month, &r, err, sizeof(err)))
		return page_error(fp, strncmp(err, "store:", 6) == 0 ? 500 :
		    strncmp(err, "month", 5) == 0 ? 400 : 404, err);
	snprintf(title, sizeof(title), "AS%" PRIu32 ", %s", asn, r.month);
	page_begin(fp, title, ctx);
	fprintf(fp, "<header><h1>AS%" PRIu32 "</h1><p class=\"meta\">", asn);
	if (r.org != NULL) {
		xml_esc(fp, r.org);
		fputs(" · MANRS participant (", fp);
		xml_esc(fp, r.program);
		fputs(") · ", fp);
	}
	fprintf(fp, "scores for %s</p>", r.month);
	month_nav(fp, db, asn, r.month);
	fputs("</header>\n", fp);
	html_cards(fp, &r);
	html_charts(fp, &r);
	ui_opts(&o, ctx, asn);
	fprintf(fp, "<section id=\"incidents\"><h2>Incidents (%zu)</h2>",
	    r.nincidents);
	if (r.nincidents == 0)
		fputs("<p>No non-compliance incident this month.</p>", fp);
	for (i = 0; i < r.nincidents; i++)
		html_incident(fp, &r.incidents[i], &o);
	fputs("</section>\n", fp);
	html_announcements(fp, &r, &o);
	fprintf(fp, "<p><a href=\"/api/v1/scores/%" PRIu32 "\">This AS as "
	    "JSON</a></p>", asn);
	page_end(fp);
	report_free(&r);
	return 200;
}

int
page_incident(FILE *fp, sqlite3 *db, const char *id,
    const struct page_ctx *ctx)
{
	struct report_incident inc;
	struct report_opts o;
	char err[512];
	uint32_t asn = 0;
	int rc;

	if (id == NULL || *id == '\0' || strlen(id) > 128)
		return page_error(fp, 400, "Not an incident id.");
	rc = report_incident_load(db, NULL, id, &inc, &asn, err, sizeof(err));
	if (rc <= 0)
		return page_error(fp, rc == 0 ? 404 : 500, err);
	page_begin(fp, id, ctx);
	fputs("<header><h1>Incident ", fp);
	xml_esc(fp, id);
	fputs("</h1><p class=\"meta\">", fp);
	page_as_link(fp, asn);
	fputs(" · evidence and dispute history</p></header>\n", fp);
	ui_opts(&o, ctx, asn);
	html_incident(fp, &inc, &o);
	if (inc.disputable && o.dispute_form == NULL && ctx != NULL &&
	    ctx->dispute_action != NULL)
		fputs("<p>Operators of this AS and auditors can dispute it "
		    "here after they <a href=\"/login\">log in</a> with their "
		    "API token.</p>", fp);
	page_end(fp);
	report_incident_free(&inc);
	return 200;
}
