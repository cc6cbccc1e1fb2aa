/*
 * The web UI's search: an ASN (64500, AS64500), a prefix, an incident id
 * or part of a participant's organisation name.
 */
#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <sqlite3.h>

#include "net/asn.h"
#include "net/prefix.h"
#include "report/page.h"
#include "report/render.h"
#include "report/svg.h"

#define SEARCH_MAX_Q	200	/* bytes of query looked at */
#define SEARCH_MIN_NAME	2	/* name search needs this many bytes */
#define SEARCH_ROWS	50	/* names listed */

static int
as_hit(FILE *fp, sqlite3 *db, uint32_t asn)
{
	sqlite3_stmt *st;
	const unsigned char *m;
	int found = 0;

	if (sqlite3_prepare_v2(db, "SELECT max(period) FROM scores WHERE "
	    "asn = ? AND length(period) = 7", -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, asn);
	if (sqlite3_step(st) == SQLITE_ROW &&
	    (m = sqlite3_column_text(st, 0)) != NULL) {
		fputs("<li>", fp);
		page_as_link(fp, asn);
		fputs(": scores up to ", fp);
		xml_esc(fp, (const char *)m);
		fputs("</li>", fp);
		found = 1;
	}
	sqlite3_finalize(st);
	return found;
}

static int
prefix_hit(FILE *fp, sqlite3 *db, const char *pfx)
{
	sqlite3_stmt *st;
	int n = 0;

	if (sqlite3_prepare_v2(db, "SELECT count(DISTINCT origin) FROM "
	    "announcements WHERE prefix = ?", -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, pfx, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	fputs("<li><a href=\"/prefix/", fp);
	report_url_esc(fp, pfx);
	fputs("\">", fp);
	xml_esc(fp, pfx);
	fprintf(fp, "</a>: announced by %d origin%s in the store</li>", n,
	    n == 1 ? "" : "s");
	return 1;
}

static int
incident_hit(FILE *fp, sqlite3 *db, const char *q)
{
	sqlite3_stmt *st;
	int found = 0;

	if (sqlite3_prepare_v2(db, "SELECT asn FROM incidents WHERE id = ?",
	    -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, q, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		fputs("<li>Incident <a href=\"/incident/", fp);
		report_url_esc(fp, q);
		fputs("\">", fp);
		xml_esc(fp, q);
		fputs("</a> of ", fp);
		page_as_link(fp, (uint32_t)sqlite3_column_int64(st, 0));
		fputs("</li>", fp);
		found = 1;
	}
	sqlite3_finalize(st);
	return found;
}

/* Participants whose name contains q (LIKE with q's own % and _ escaped). */
static int
name_hits(FILE *fp, sqlite3 *db, const char *q)
{
	sqlite3_stmt *st;
	char pat[2 * SEARCH_MAX_Q + 3];
	size_t o = 0;
	int n = 0;

	pat[o++] = '%';
	for (; *q != '\0' && o < sizeof(pat) - 3; q++) {
		if (*q == '%' || *q == '_' || *q == '\\')
			pat[o++] = '\\';
		pat[o++] = *q;
	}
	pat[o++] = '%';
	pat[o] = '\0';
	if (sqlite3_prepare_v2(db, "SELECT p.org, p.program, group_concat("
	    "a.asn, ' ') FROM participants p LEFT JOIN participant_asns a ON "
	    "a.participant_id = p.id WHERE p.org LIKE ? ESCAPE '\\' GROUP BY "
	    "p.id ORDER BY p.org LIMIT ?", -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, pat, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, SEARCH_ROWS);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *asns = (const char *)sqlite3_column_text(st, 2);
		const char *why;
		uint32_t asn;
		size_t len;

		fputs("<li>", fp);
		xml_esc(fp, (const char *)sqlite3_column_text(st, 0));
		fputs(" (", fp);
		xml_esc(fp, (const char *)sqlite3_column_text(st, 1));
		fputs(")", fp);
		/* group_concat of integers: digits and spaces only. */
		while (asns != NULL && *asns != '\0') {
			len = strcspn(asns, " ");
			if (asn_parse(asns, len, &asn, &why)) {
				fputs(" ", fp);
				page_as_link(fp, asn);
			}
			asns += len + (asns[len] == ' ');
		}
		fputs("</li>", fp);
		n++;
	}
	sqlite3_finalize(st);
	return n;
}

int
page_search(FILE *fp, sqlite3 *db, const char *q0,
    const struct page_ctx *ctx)
{
	char q[SEARCH_MAX_Q + 1], pfx[PREFIX_STRLEN];
	struct prefix p;
	const char *why, *a;
	uint32_t asn;
	size_t n;
	int hits = 0, rc = 0;

	while (q0 != NULL && isspace((unsigned char)*q0))
		q0++;
	n = q0 == NULL ? 0 : strlen(q0);
	while (n > 0 && isspace((unsigned char)q0[n - 1]))
		n--;
	if (n == 0)
		return page_error(fp, 400, "Search for an ASN, a prefix, an "
		    "incident id or part of a participant's name.");
	if (n > SEARCH_MAX_Q)
		return page_error(fp, 400, "The search text is too long.");
	memcpy(q, q0, n);
	q[n] = '\0';
	page_begin(fp, "Search", ctx);
	fputs("<header><h1>Search: ", fp);
	xml_esc(fp, q);
	fputs("</h1></header><ul class=\"hits\">", fp);
	a = strncmp(q, "AS", 2) == 0 || strncmp(q, "as", 2) == 0 ? q + 2 : q;
	if (asn_parse(a, strlen(a), &asn, &why)) {
		if ((rc = as_hit(fp, db, asn)) > 0)
			hits += rc;
	} else if (prefix_parse(q, n, &p, &why)) {
		prefix_fmt(&p, pfx);
		if ((rc = prefix_hit(fp, db, pfx)) > 0)
			hits += rc;
	} else {
		if ((rc = incident_hit(fp, db, q)) > 0)
			hits += rc;
		if (rc >= 0 && n >= SEARCH_MIN_NAME &&
		    (rc = name_hits(fp, db, q)) > 0)
			hits += rc;
	}
	fputs("</ul>", fp);
	if (rc < 0) {
		fputs("<p>The store could not be read.</p>", fp);
		page_end(fp);
		return 500;
	}
	if (hits == 0)
		fputs("<p>Nothing found: try an AS number (64500), a prefix "
		    "(192.0.2.0/24), an incident id or part of a participant's "
		    "name.</p>", fp);
	page_end(fp);
	return 200;
}
