/*
 * The JSON API, /api/v1/...: scores, incidents, ASes, prefixes, ROA
 * history, IRR comparison, stats; disputes and participants for token
 * holders.  Every answer is JSON; errors are http_error()'s shape.
 */
#include <sqlite3.h>
#include <string.h>

#include "serve/routes.h"

/* The index: what there is, so a client can start from one address. */
static void
api_index(const struct http_request *rq, struct http_response *rs)
{
	sqlite3_stmt *st;
	static const char sql[] =
	    "SELECT count(*), max(finished) FROM runs";

	if ((st = http_stmt(rq, sql)) == NULL || sqlite3_step(st) !=
	    SQLITE_ROW) {
		http_db_error(rq, rs);
		return;
	}
	ob_str(&rs->body, "{\"name\": \"manrs\", \"version\": \"v1\", "
	    "\"runs\": ");
	ob_u64(&rs->body, (uint64_t)sqlite3_column_int64(st, 0));
	ob_str(&rs->body, ", \"openapi\": \"/api/v1/openapi.json\"}\n");
	sqlite3_reset(st);
}

const struct http_route api_routes[] = {
	{ "GET", "/api/v1/", api_index, HTTP_AUTH_NONE },
	{ NULL, NULL, NULL, HTTP_AUTH_NONE },
};
