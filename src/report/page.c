/* The web UI's frame: head, navigation with search, error pages. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "report/html.h"
#include "report/page.h"
#include "report/svg.h"

/* On top of the report's style: navigation, forms, a phone layout. */
static const char ui_css[] =
    "nav.top{display:flex;flex-wrap:wrap;gap:.4em 1em;align-items:center;"
    "justify-content:space-between;border-bottom:2px solid #1d4f91;"
    "padding:.3em 0}nav.top a.home{font-weight:700;color:#1d4f91;"
    "text-decoration:none;font-size:1.1em}"
    "form.search{display:flex;gap:.3em}form.search input{width:14em;"
    "max-width:55vw}input,textarea,button{font:inherit;padding:.25em .4em}"
    "button{background:#1d4f91;color:#fff;border:0;border-radius:4px}"
    "form.dispute{margin:.5em 0;display:grid;gap:.3em;max-width:40em}"
    "form.dispute label{display:grid;gap:.2em}"
    ".notice{background:#e6f0fb;border:1px solid #1d4f91;padding:.4em .6em;"
    "border-radius:4px}.sr{position:absolute;left:-9999px}"
    ".months a,.months strong{margin-right:.5em}"
    "td.bar{vertical-align:middle}td.bar svg{width:100%;height:1.2em;"
    "display:block}"
    "rect.Ready{fill:#4c9a4c}rect.Aspiring{fill:#e0b53a}"
    "rect.Lagging{fill:#c8473a}rect.nodata{fill:#bbb}td.bar{min-width:8em}"
    "@media(max-width:40em){body{margin:.5em auto;padding:0 .6em}"
    ".cards{grid-template-columns:repeat(2,1fr)}.incident dl{grid-template-columns:1fr}"
    ".incident dt{font-weight:600}table{display:block;overflow-x:auto}"
    ".ev td,.ev th{word-break:normal;white-space:nowrap}"
    "th,td{padding:.15em .3em}td.bar{min-width:4em}h1{font-size:1.3em}"
    ".chart svg{width:100%;height:auto}}";

void
page_begin(FILE *fp, const char *title, const struct page_ctx *ctx)
{
	fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
	    "<meta name=\"viewport\" content=\"width=device-width,"
	    "initial-scale=1\"><title>", fp);
	xml_esc(fp, title);
	fprintf(fp, " · MANRS Observatory</title><style>%s%s</style></head>"
	    "<body>\n<nav class=\"top\" aria-label=\"Site\"><a class=\"home\" "
	    "href=\"/\">MANRS Observatory</a><form class=\"search\" "
	    "role=\"search\" method=\"get\" action=\"/search\"><label "
	    "class=\"sr\" for=\"q\">ASN, prefix or name</label><input "
	    "type=\"search\" id=\"q\" name=\"q\" placeholder=\"ASN, prefix or "
	    "name\" required maxlength=\"200\"><button type=\"submit\">Search"
	    "</button></form></nav>\n<main>", report_css, ui_css);
	if (ctx != NULL && ctx->notice != NULL) {
		fputs("<p class=\"notice\" role=\"status\">", fp);
		xml_esc(fp, ctx->notice);
		fputs("</p>", fp);
	}
}

void
page_end(FILE *fp)
{
	fputs("</main>\n<footer>MANRS Observatory, from public routing data; "
	    "methodology: DESIGN.md §4 of manrs. The same data as JSON: "
	    "<a href=\"/api/v1/openapi.json\">/api/v1</a>.</footer>\n"
	    "</body></html>\n", fp);
}

void
page_as_link(FILE *fp, uint32_t asn)
{
	fprintf(fp, "<a href=\"/as/%" PRIu32 "\">AS%" PRIu32 "</a>", asn, asn);
}

bool
page_may_dispute(const struct page_ctx *ctx, uint32_t asn)
{
	const struct page_viewer *v = ctx->viewer;
	size_t i;

	if (v == NULL || ctx->dispute_action == NULL)
		return false;
	if (v->auditor)
		return true;
	for (i = 0; i < v->nasns; i++)
		if (v->asns[i] == asn)
			return true;
	return false;
}

int
page_error(FILE *fp, int status, const char *msg)
{
	const char *what = status == 404 ? "Not found" : status == 400 ?
	    "Bad request" : status == 401 ? "Log in first" : status == 403 ?
	    "Not allowed" : status == 409 ? "Not done" : "Error";

	page_begin(fp, what, NULL);
	fprintf(fp, "<h1>%s</h1><p>", what);
	xml_esc(fp, msg);
	fputs("</p><p><a href=\"/\">Overview</a></p>", fp);
	page_end(fp);
	return status;
}
