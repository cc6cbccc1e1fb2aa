/*
 * /metrics in OpenMetrics text: the server's request counters and latency
 * histograms (http.c), and how fresh the data is per source kind.
 */
#include <sqlite3.h>
#include <string.h>

#include "serve/routes.h"

static const char sql_fresh[] =
    "SELECT s.kind, max(r.finished), max(r.period_to) FROM sources s "
    "JOIN runs r ON r.id = s.run_id WHERE r.finished IS NOT NULL "
    "GROUP BY s.kind ORDER BY s.kind";

/* One gauge per source kind from column col of the query. */
static void
gauge(const struct http_request *rq, struct outbuf *ob, const char *name,
    const char *help, int col)
{
	sqlite3_stmt *st;
	const char *kind;

	if ((st = http_stmt(rq, sql_fresh)) == NULL)
		return;
	ob_str(ob, "# TYPE ");
	ob_str(ob, name);
	ob_str(ob, " gauge\n# HELP ");
	ob_str(ob, name);
	ob_char(ob, ' ');
	ob_str(ob, help);
	ob_str(ob, "\n# UNIT ");
	ob_str(ob, name);
	ob_str(ob, " seconds\n");
	while (sqlite3_step(st) == SQLITE_ROW) {
		kind = (const char *)sqlite3_column_text(st, 0);
		ob_str(ob, name);
		ob_str(ob, "{kind=");
		ob_json_str(ob, kind, strlen(kind));
		ob_str(ob, "} ");
		ob_u64(ob, (uint64_t)sqlite3_column_int64(st, col));
		ob_char(ob, '\n');
	}
	sqlite3_reset(st);
}

static void
freshness(const struct http_request *rq, struct outbuf *ob)
{
	gauge(rq, ob, "manrs_source_run_finished_seconds", "When the newest "
	    "run that read this kind of source finished (UTC seconds).", 1);
	gauge(rq, ob, "manrs_source_period_end_seconds", "The end of the "
	    "newest period measured with this kind of source (UTC seconds).",
	    2);
}

static void
metrics(const struct http_request *rq, struct http_response *rs)
{
	rs->content_type = "application/openmetrics-text; version=1.0.0; "
	    "charset=utf-8";
	http_metrics(rq->server, &rs->body);
	freshness(rq, &rs->body);
	ob_str(&rs->body, "# EOF\n");
}

const struct http_route metrics_routes[] = {
	{ "GET", "/metrics", metrics, HTTP_AUTH_NONE },
	{ NULL, NULL, NULL, HTTP_AUTH_NONE },
};
