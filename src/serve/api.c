/*
 * The JSON API, /api/v1/...: scores, incidents, ASes, prefixes, ROA
 * history, stats and participants; the writes are in api_write.c.
 * Every answer is JSON; errors are http_error()'s shape; lists are pages
 * {"items": [...], "next": cursor or null}.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "base/encoding.h"
#include "base/limits.h"
#include "base/utctime.h"
#include "formats/rirstats.h"
#include "net/asn.h"
#include "net/prefix.h"
#include "observe/method.h"
#include "report/geo.h"
#include "report/model.h"
#include "report/render.h"
#include "serve/api.h"
#include "serve/data.h"
#include "serve/routes.h"

bool
api_params_only(const struct http_request *rq, struct http_response *rs,
    const char *allowed)
{
	const char *p;
	size_t i, n;

	for (i = 0; i < rq->nquery; i++) {
		n = strlen(rq->query[i].name);
		for (p = allowed; p != NULL; p = strchr(p, ',')) {
			if (*p == ',')
				p++;
			if (strncmp(p, rq->query[i].name, n) == 0 &&
			    (p[n] == ',' || p[n] == '\0'))
				break;
		}
		if (p == NULL) {
			http_error(rs, 400, "unknown parameter \"%.64s\" "
			    "(this route takes: %s)", rq->query[i].name,
			    allowed[0] != '\0' ? allowed : "none");
			return false;
		}
	}
	return true;
}

bool
api_param_asn(const struct http_request *rq, struct http_response *rs,
    const char *name, uint32_t *asn, bool *present)
{
	const char *v = http_query(rq, name), *why;

	*present = v != NULL;
	if (v == NULL)
		return true;
	if (strncmp(v, "AS", 2) == 0 || strncmp(v, "as", 2) == 0)
		v += 2;
	if (!asn_parse(v, strlen(v), asn, &why)) {
		http_error(rs, 400, "%s: %s", name, why);
		return false;
	}
	return true;
}

bool
api_param_asn_list(const struct http_request *rq, struct http_response *rs,
    const char *name, char *json, size_t size, bool *present)
{
	const char *v = http_query(rq, name), *p, *e, *why;
	size_t len = 0, n = 0;
	uint32_t asn;

	*present = v != NULL;
	if (v == NULL)
		return true;
	json[len++] = '[';
	for (p = v;; p = e + 1) {
		if ((e = strchr(p, ',')) == NULL)
			e = p + strlen(p);
		if (e - p > 2 && (strncmp(p, "AS", 2) == 0 ||
		    strncmp(p, "as", 2) == 0))
			p += 2;
		if (!asn_parse(p, (size_t)(e - p), &asn, &why)) {
			http_error(rs, 400, "%s: item %zu: %s", name, n + 1, why);
			return false;
		}
		if (++n > API_ASN_LIST) {
			http_error(rs, 400, "%s: more than %u ASes", name,
			    API_ASN_LIST);
			return false;
		}
		len += (size_t)snprintf(json + len, size - len, "%s%" PRIu32,
		    n > 1 ? "," : "", asn);
		if (*e == '\0')
			break;
	}
	snprintf(json + len, size - len, "]");
	return true;
}

bool
api_param_prefix_or_asn(const struct http_request *rq,
    struct http_response *rs, struct prefix *pfx, uint32_t *asn,
    bool *is_asn)
{
	const char *p = http_query(rq, "prefix"), *why;

	if (!api_param_asn(rq, rs, "asn", asn, is_asn))
		return false;
	if ((p == NULL) == !*is_asn) {
		http_error(rs, 400, "give prefix or asn (one of them)");
		return false;
	}
	if (p != NULL && !prefix_parse(p, strlen(p), pfx, &why)) {
		http_error(rs, 400, "prefix: %s", why);
		return false;
	}
	return true;
}

bool
api_param_month(const struct http_request *rq, struct http_response *rs,
    const char *name, const char **month)
{
	const char *v = http_query(rq, name);
	int64_t from, to;

	*month = v;
	if (v == NULL)
		return true;
	if (strlen(v) != 7 || !utc_parse_month(v, &from, &to)) {
		http_error(rs, 400, "%s: expected a month YYYY-MM", name);
		return false;
	}
	return true;
}

bool
api_param_enum(const struct http_request *rq, struct http_response *rs,
    const char *name, const char *const *values, const char **out)
{
	const char *v = http_query(rq, name);
	size_t i;

	*out = NULL;
	if (v == NULL)
		return true;
	for (i = 0; values[i] != NULL; i++)
		if (strcmp(v, values[i]) == 0) {
			*out = values[i];
			return true;
		}
	http_error(rs, 400, "%s: \"%.64s\" is not one of the values this "
	    "parameter takes", name, v);
	return false;
}

/* Cursors are the last key of the page before, in hex: opaque to clients. */
bool
api_page(const struct http_request *rq, struct http_response *rs,
    unsigned *limit, char *key, size_t keylen)
{
	const char *l = http_query(rq, "limit"), *c = http_query(rq, "cursor");
	size_t i, n;
	char *end;
	long v;
	int hi, lo;

	*limit = API_PAGE_DEFAULT;
	key[0] = '\0';
	if (l != NULL) {
		v = strtol(l, &end, 10);
		if (*l < '0' || *l > '9' || *end != '\0' || v < 1 ||
		    v > (long)MAX_HTTP_PAGE) {
			http_error(rs, 400, "limit: expected 1..%u",
			    MAX_HTTP_PAGE);
			return false;
		}
		*limit = (unsigned)v;
	}
	if (c == NULL)
		return true;
	n = strlen(c);
	if (n == 0 || n % 2 != 0 || n / 2 >= keylen)
		goto bad;
	for (i = 0; i < n / 2; i++) {
		hi = hex_digit(c[2 * i]);
		lo = hex_digit(c[2 * i + 1]);
		if (hi < 0 || lo < 0 || (hi == 0 && lo == 0))
			goto bad;
		key[i] = (char)(hi << 4 | lo);
	}
	key[n / 2] = '\0';
	return true;
bad:
	http_error(rs, 400, "cursor: not one this server gave");
	return false;
}

void
api_next(json_t *page, const char *key)
{
	static const char digits[] = "0123456789abcdef";
	char buf[2 * 256 + 1];
	size_t i, n;

	if (key == NULL) {
		json_object_set_new(page, "next", json_null());
		return;
	}
	n = strlen(key);
	if (n > 256)
		n = 256;
	for (i = 0; i < n; i++) {
		buf[2 * i] = digits[(unsigned char)key[i] >> 4];
		buf[2 * i + 1] = digits[(unsigned char)key[i] & 15];
	}
	buf[2 * n] = '\0';
	json_object_set_new(page, "next", json_string(buf));
}

void
api_send(struct http_response *rs, json_t *j)
{
	char *s;

	if (j == NULL || (s = json_dumps(j, JSON_COMPACT |
	    JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10))) == NULL) {
		json_decref(j);
		http_error(rs, 500, "the answer could not be made");
		return;
	}
	rs->body.len = 0;
	ob_str(&rs->body, s);
	ob_char(&rs->body, '\n');
	free(s);
	json_decref(j);
}

json_t *
api_jtext(const unsigned char *s)
{
	json_t *v = s != NULL ? json_string((const char *)s) : NULL;

	return v != NULL ? v : json_null();
}

json_t *
api_jtime(int64_t t)
{
	char buf[UTC_STRLEN];

	utc_fmt(t, buf, sizeof(buf));
	return json_string(buf);
}

/*
 * Send a page of items after a query loop that stopped with rc: SQLITE_ROW
 * means there is more after last, SQLITE_DONE that this was the end.
 */
static void
page_end(const struct http_request *rq, struct http_response *rs,
    json_t *items, int rc, const char *last)
{
	json_t *page;

	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		json_decref(items);
		http_db_error(rq, rs);
		return;
	}
	page = json_pack("{s:o}", "items", items);
	api_next(page, rc == SQLITE_ROW ? last : NULL);
	api_send(rs, page);
}

/* The newest month with scores (for asn when not 0), into out[8]. */
static bool
latest_month(const struct http_request *rq, uint32_t asn, char out[8])
{
	static const char sql_all[] =
	    "SELECT max(period) FROM scores WHERE length(period) = 7";
	static const char sql_asn[] =
	    "SELECT max(period) FROM scores WHERE asn = ? AND "
	    "length(period) = 7";
	sqlite3_stmt *st = http_stmt(rq, asn != 0 ? sql_asn : sql_all);
	const unsigned char *m;
	bool ok = false;

	if (st == NULL)
		return false;
	if (asn != 0)
		sqlite3_bind_int64(st, 1, asn);
	if (sqlite3_step(st) == SQLITE_ROW &&
	    (m = sqlite3_column_text(st, 0)) != NULL && strlen((const char *)
	    m) == 7) {
		memcpy(out, m, 8);
		ok = true;
	}
	sqlite3_reset(st);
	return ok;
}

/* Region and country filters need RIR stats; 400 when not configured. */
static bool
geo_filter(const struct http_request *rq, struct http_response *rs,
    const char **region, const char **country, int *rir)
{
	unsigned r;

	*region = http_query(rq, "region");
	*country = http_query(rq, "country");
	*rir = -1;
	if (*region == NULL && *country == NULL)
		return true;
	if (rq->data == NULL || rq->data->geo == NULL) {
		http_error(rs, 400, "region and country need RIR stats: "
		    "start the server with --rir FILE or --data DIR");
		return false;
	}
	if (*region != NULL) {
		for (r = 1; r < RIR_MAX; r++)
			if (strcmp(*region, rir_name((enum rir)r)) == 0)
				*rir = (int)r;
		if (*rir < 0) {
			http_error(rs, 400, "region: expected afrinic, apnic, "
			    "arin, lacnic or ripencc");
			return false;
		}
	}
	if (*country != NULL && (strlen(*country) != 2 ||
	    (*country)[0] < 'A' || (*country)[0] > 'Z' ||
	    (*country)[1] < 'A' || (*country)[1] > 'Z')) {
		http_error(rs, 400, "country: expected an ISO 3166 code such "
		    "as NL");
		return false;
	}
	return true;
}

static bool
geo_keep(const struct http_request *rq, uint32_t asn, const char *country,
    int rir)
{
	const char *cc = NULL;
	unsigned r;

	if (rir < 0 && country == NULL)
		return true;
	if (!geo_lookup(rq->data->geo, asn, &r, &cc))
		return false;
	return (rir < 0 || (unsigned)rir == r) && (country == NULL ||
	    (cc != NULL && strcmp(cc, country) == 0));
}

static void
geo_set(const struct http_request *rq, json_t *o, uint32_t asn)
{
	const char *cc = NULL;
	unsigned r;

	if (rq->data == NULL || rq->data->geo == NULL)
		return;
	if (geo_lookup(rq->data->geo, asn, &r, &cc) && r < RIR_MAX) {
		json_object_set_new(o, "region", json_string(rir_name(
		    (enum rir)r)));
		json_object_set_new(o, "country", cc != NULL ?
		    json_string(cc) : json_null());
	} else {
		json_object_set_new(o, "region", json_null());
		json_object_set_new(o, "country", json_null());
	}
}

static const char *const label_names[] = {
	"Ready", "Aspiring", "Lagging", "No data", NULL,
};
static const char *const action_names[] = {
	"filtering", "anti-spoofing", "coordination", "global-validation-irr",
	"global-validation-rpki", NULL,
};

/* One AS's five scores of a month: {action: {pct, label}}. */
static json_t *
as_scores(const struct http_request *rq, uint32_t asn, const char *month)
{
	static const char sql[] =
	    "SELECT action, pct, label FROM scores WHERE asn = ? AND "
	    "period = ? ORDER BY action";
	sqlite3_stmt *st = http_stmt(rq, sql);
	json_t *o = json_object();

	if (st == NULL)
		return o;
	sqlite3_bind_int64(st, 1, asn);
	sqlite3_bind_text(st, 2, month, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW)
		json_object_set_new(o, (const char *)sqlite3_column_text(st, 0),
		    json_pack("{s:o, s:o}", "pct",
		    sqlite3_column_type(st, 1) == SQLITE_NULL ? json_null() :
		    json_real(sqlite3_column_double(st, 1)), "label",
		    api_jtext(sqlite3_column_text(st, 2))));
	sqlite3_reset(st);
	return o;
}

/* GET /api/v1/scores: one item per AS with its five scores of a month. */
static void
scores_list(const struct http_request *rq, struct http_response *rs)
{
	static const char sql[] =
	    "SELECT DISTINCT s.asn FROM scores s WHERE s.period = ?1 AND "
	    "s.asn > ?2 AND (?3 IS NULL OR s.asn IN (SELECT value FROM "
	    "json_each(?3))) AND "
	    "(?4 IS NULL OR s.label = ?4) AND (?5 IS NULL OR s.action = ?5) "
	    "AND (?6 = 0 OR s.asn IN (SELECT asn FROM participant_asns)) "
	    "ORDER BY s.asn";
	const char *month, *label, *action, *region, *country, *part;
	char key[32], mbuf[8], last[16], asns[API_ASN_LIST * 12 + 2];
	unsigned limit, n = 0;
	uint32_t asn, after = 0;
	json_t *items, *page, *it;
	sqlite3_stmt *st;
	bool has_asn, more = false;
	int rir, rc;

	if (!api_params_only(rq, rs, "month,asn,label,action,region,country,"
	    "participants,limit,cursor") ||
	    !api_param_month(rq, rs, "month", &month) ||
	    !api_param_asn_list(rq, rs, "asn", asns, sizeof(asns),
	    &has_asn) ||
	    !api_param_enum(rq, rs, "label", label_names, &label) ||
	    !api_param_enum(rq, rs, "action", action_names, &action) ||
	    !geo_filter(rq, rs, &region, &country, &rir) ||
	    !api_page(rq, rs, &limit, key, sizeof(key)))
		return;
	part = http_query(rq, "participants");
	if (part != NULL && strcmp(part, "true") != 0 && strcmp(part,
	    "false") != 0) {
		http_error(rs, 400, "participants: expected true or false");
		return;
	}
	if (key[0] != '\0' && !asn_parse(key, strlen(key), &after, NULL)) {
		http_error(rs, 400, "cursor: not one this server gave");
		return;
	}
	if (month == NULL) {
		if (!latest_month(rq, 0, mbuf)) {
			http_error(rs, 404, "the store has no scores yet");
			return;
		}
		month = mbuf;
	}
	if ((st = http_stmt(rq, sql)) == NULL) {
		http_db_error(rq, rs);
		return;
	}
	sqlite3_bind_text(st, 1, month, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, after);
	if (has_asn)
		sqlite3_bind_text(st, 3, asns, -1, SQLITE_STATIC);
	if (label != NULL)
		sqlite3_bind_text(st, 4, label, -1, SQLITE_STATIC);
	if (action != NULL)
		sqlite3_bind_text(st, 5, action, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 6, part != NULL && strcmp(part, "true") == 0);
	items = json_array();
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		asn = (uint32_t)sqlite3_column_int64(st, 0);
		if (!geo_keep(rq, asn, country, rir))
			continue;
		if (n == limit) {
			more = true;
			break;
		}
		it = json_pack("{s:I, s:s}", "asn", (json_int_t)asn, "month",
		    month);
		geo_set(rq, it, asn);
		json_object_set_new(it, "scores", as_scores(rq, asn, month));
		json_array_append_new(items, it);
		snprintf(last, sizeof(last), "%" PRIu32, asn);
		n++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		json_decref(items);
		http_db_error(rq, rs);
		return;
	}
	page = json_pack("{s:s, s:o}", "month", month, "items", items);
	api_next(page, more ? last : NULL);
	api_send(rs, page);
}

bool
api_path_asn(const struct http_request *rq, struct http_response *rs,
    uint32_t *asn)
{
	const char *s = rq->subpath, *why;

	if (strncmp(s, "AS", 2) == 0 || strncmp(s, "as", 2) == 0)
		s += 2;
	if (!asn_parse(s, strlen(s), asn, &why)) {
		http_error(rs, 404, "no such AS: %.64s (%s)", rq->subpath, why);
		return false;
	}
	return true;
}

/*
 * GET /api/v1/scores/{asn}: the AS's report of a month (the newest by
 * default) — scores with trends, 6 months before, incidents with their
 * evidence and disputes, facts, announcements, what to fix first.
 */
static void
scores_asn(const struct http_request *rq, struct http_response *rs)
{
	struct report_opts o;
	struct report r;
	const char *month;
	char mbuf[8], err[1024];
	uint32_t asn;

	memset(&o, 0, sizeof(o));
	if (!api_path_asn(rq, rs, &asn) ||
	    !api_params_only(rq, rs, "month") ||
	    !api_param_month(rq, rs, "month", &month))
		return;
	if (month == NULL) {
		if (!latest_month(rq, asn, mbuf)) {
			http_error(rs, 404, "AS%" PRIu32 " has no scores in "
			    "the store", asn);
			return;
		}
		month = mbuf;
	}
	if (!report_load_db(rq->db, rq->stmts, asn, month, &r, err,
	    sizeof(err))) {
		/* A store error may pass (a timeout): not a 404 to keep. */
		if (strncmp(err, "store:", 6) == 0)
			http_db_error(rq, rs);
		else
			http_error(rs, 404, "%s", err);
		return;
	}
	o.link_base = rq->data != NULL ? rq->data->link_base : NULL;
	api_send(rs, report_json(&r, &o));
	report_free(&r);
}

/*
 * The answers worth having ready (http_warm): each AS's report of the
 * newest month, /api/v1/scores/{asn}, the one most asked for.
 */
void
api_warm(const struct http_request *rq, void (*add)(void *, const char *),
    void *ctx)
{
	static const char sql[] =
	    "SELECT DISTINCT asn FROM scores WHERE period = ? ORDER BY asn";
	sqlite3_stmt *st;
	char month[8], path[64];

	if (!latest_month(rq, 0, month) || (st = http_stmt(rq, sql)) == NULL)
		return;
	sqlite3_bind_text(st, 1, month, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		snprintf(path, sizeof(path), "/api/v1/scores/%" PRIu32,
		    (uint32_t)sqlite3_column_int64(st, 0));
		add(ctx, path);
	}
	sqlite3_reset(st);
}

static const char *const state_names[] = {
	"open", "disputed", "accepted", NULL,
};

/* GET /api/v1/incidents: by id, filtered. */
static void
incidents_list(const struct http_request *rq, struct http_response *rs)
{
	static const char sql[] =
	    "SELECT id, asn, metric, start, end, score, weight, state FROM "
	    "(SELECT i.*, CASE WHEN EXISTS (SELECT 1 FROM disputes d WHERE "
	    "d.incident_id = i.id AND d.status = 'accepted') THEN 'accepted' "
	    "WHEN EXISTS (SELECT 1 FROM disputes d WHERE d.incident_id = i.id "
	    "AND d.status = 'open') THEN 'disputed' ELSE 'open' END AS state "
	    "FROM incidents i WHERE i.id > ?1 AND (?2 IS NULL OR i.asn = ?2) "
	    "AND (?3 IS NULL OR i.metric = ?3) AND (?4 IS NULL OR "
	    "(i.start < ?5 AND (i.end > ?4 OR i.start >= ?4)))) "
	    "WHERE ?6 IS NULL OR state = ?6 ORDER BY id LIMIT ?7";
	const char *month, *metric, *state;
	char key[API_ID_LEN], last[API_ID_LEN] = "";
	unsigned limit, n = 0;
	enum metric m;
	uint32_t asn;
	int64_t from, to;
	json_t *items;
	sqlite3_stmt *st;
	bool has_asn;
	int rc;

	if (!api_params_only(rq, rs, "asn,metric,period,state,limit,cursor") ||
	    !api_param_asn(rq, rs, "asn", &asn, &has_asn) ||
	    !api_param_month(rq, rs, "period", &month) ||
	    !api_param_enum(rq, rs, "state", state_names, &state) ||
	    !api_page(rq, rs, &limit, key, sizeof(key)))
		return;
	if ((metric = http_query(rq, "metric")) != NULL &&
	    !metric_parse(metric, &m)) {
		http_error(rs, 400, "metric: expected M1, M2, M2C, ... as in "
		    "the methodology");
		return;
	}
	if ((st = http_stmt(rq, sql)) == NULL) {
		http_db_error(rq, rs);
		return;
	}
	sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
	if (has_asn)
		sqlite3_bind_int64(st, 2, asn);
	if (metric != NULL)
		sqlite3_bind_text(st, 3, metric_name(m), -1, SQLITE_STATIC);
	if (month != NULL && utc_parse_month(month, &from, &to)) {
		sqlite3_bind_int64(st, 4, from);
		sqlite3_bind_int64(st, 5, to);
	}
	if (state != NULL)
		sqlite3_bind_text(st, 6, state, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 7, (int)limit + 1);
	items = json_array();
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && n < limit) {
		json_array_append_new(items, json_pack("{s:o, s:I, s:o, s:o, "
		    "s:o, s:f, s:f, s:o}",
		    "id", api_jtext(sqlite3_column_text(st, 0)),
		    "asn", (json_int_t)sqlite3_column_int64(st, 1),
		    "metric", api_jtext(sqlite3_column_text(st, 2)),
		    "start", api_jtime(sqlite3_column_int64(st, 3)),
		    "end", api_jtime(sqlite3_column_int64(st, 4)),
		    "score", sqlite3_column_double(st, 5),
		    "weight", sqlite3_column_double(st, 6),
		    "state", api_jtext(sqlite3_column_text(st, 7))));
		snprintf(last, sizeof(last), "%s", (const char *)
		    sqlite3_column_text(st, 0));
		n++;
	}
	sqlite3_reset(st);
	page_end(rq, rs, items, rc, last);
}

/* GET /api/v1/incidents/{id}: the incident, its evidence and disputes. */
static void
incident_one(const struct http_request *rq, struct http_response *rs)
{
	struct report_opts o;
	struct report_incident inc;
	char err[512];
	uint32_t asn;
	json_t *j;
	int rc;

	memset(&o, 0, sizeof(o));
	if (!api_params_only(rq, rs, ""))
		return;
	rc = report_incident_load(rq->db, rq->stmts, rq->subpath, &inc, &asn,
	    err, sizeof(err));
	if (rc < 0) {
		http_db_error(rq, rs);
		return;
	}
	if (rc == 0) {
		http_error(rs, 404, "no incident %.96s", rq->subpath);
		return;
	}
	o.link_base = rq->data != NULL ? rq->data->link_base : NULL;
	j = report_incident_json(&inc, &o);
	json_object_set_new(j, "asn", json_integer(asn));
	api_send(rs, j);
	report_incident_free(&inc);
}

/* GET /api/v1/ases: the ASes the store has scores for, by number. */
static void
ases_list(const struct http_request *rq, struct http_response *rs)
{
	static const char sql[] =
	    "SELECT s.asn, min(s.period), max(s.period), p.org FROM scores s "
	    "LEFT JOIN participant_asns pa ON pa.asn = s.asn LEFT JOIN "
	    "participants p ON p.id = pa.participant_id WHERE s.asn > ?1 AND "
	    "length(s.period) = 7 GROUP BY s.asn ORDER BY s.asn LIMIT ?2";
	char key[32], last[16] = "";
	unsigned limit, n = 0;
	uint32_t after = 0, asn;
	json_t *items, *it;
	sqlite3_stmt *st;
	int rc;

	if (!api_params_only(rq, rs, "limit,cursor") ||
	    !api_page(rq, rs, &limit, key, sizeof(key)))
		return;
	if (key[0] != '\0' && !asn_parse(key, strlen(key), &after, NULL)) {
		http_error(rs, 400, "cursor: not one this server gave");
		return;
	}
	if ((st = http_stmt(rq, sql)) == NULL) {
		http_db_error(rq, rs);
		return;
	}
	sqlite3_bind_int64(st, 1, after);
	sqlite3_bind_int(st, 2, (int)limit + 1);
	items = json_array();
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && n < limit) {
		asn = (uint32_t)sqlite3_column_int64(st, 0);
		it = json_pack("{s:I, s:o, s:o, s:o}", "asn", (json_int_t)asn,
		    "first_month", api_jtext(sqlite3_column_text(st, 1)),
		    "last_month", api_jtext(sqlite3_column_text(st, 2)),
		    "participant", api_jtext(sqlite3_column_text(st, 3)));
		geo_set(rq, it, asn);
		json_array_append_new(items, it);
		snprintf(last, sizeof(last), "%" PRIu32, asn);
		n++;
	}
	sqlite3_reset(st);
	page_end(rq, rs, items, rc, last);
}

/* The announcements rows of st (bound) as a JSON array. */
static json_t *
announcement_rows(sqlite3_stmt *st, int *rcp)
{
	json_t *arr = json_array();
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		json_array_append_new(arr, json_pack("{s:o, s:I, s:o, s:o, "
		    "s:o, s:I, s:I, s:o, s:o, s:o}",
		    "prefix", api_jtext(sqlite3_column_text(st, 0)),
		    "origin", (json_int_t)sqlite3_column_int64(st, 1),
		    "period", api_jtext(sqlite3_column_text(st, 2)),
		    "first_seen", api_jtime(sqlite3_column_int64(st, 3)),
		    "last_seen", api_jtime(sqlite3_column_int64(st, 4)),
		    "days", (json_int_t)sqlite3_column_int64(st, 5),
		    "peers", (json_int_t)sqlite3_column_int64(st, 6),
		    "rpki", api_jtext(sqlite3_column_text(st, 7)),
		    "irr", api_jtext(sqlite3_column_text(st, 8)),
		    "irr_auth", sqlite3_column_type(st, 9) == SQLITE_NULL ?
		    json_null() : json_boolean(sqlite3_column_int(st, 9))));
	sqlite3_reset(st);
	*rcp = rc;
	return arr;
}

#define ANN_COLS "prefix, origin, period, first_seen, last_seen, days, " \
	"peers, rpki, irr, irr_auth"

/*
 * GET /api/v1/ases/{asn}: who the AS is (participant, region) and its
 * months, with the prefixes it announced in the newest (or ?month=).
 */
static void
as_one(const struct http_request *rq, struct http_response *rs)
{
	static const char sql_part[] =
	    "SELECT p.org, p.program, p.member_since FROM participant_asns pa "
	    "JOIN participants p ON p.id = pa.participant_id WHERE pa.asn = ?";
	static const char sql_months[] =
	    "SELECT DISTINCT period FROM scores WHERE asn = ? AND "
	    "length(period) = 7 ORDER BY period";
	static const char sql_ann[] =
	    "SELECT " ANN_COLS " FROM announcements WHERE origin = ? AND "
	    "period = ? ORDER BY prefix";
	const char *month;
	char mbuf[8] = "";
	sqlite3_stmt *st;
	json_t *j, *months;
	uint32_t asn;
	int rc;

	if (!api_path_asn(rq, rs, &asn) || !api_params_only(rq, rs, "month") ||
	    !api_param_month(rq, rs, "month", &month))
		return;
	if (month == NULL && latest_month(rq, asn, mbuf))
		month = mbuf;
	j = json_pack("{s:I}", "asn", (json_int_t)asn);
	geo_set(rq, j, asn);
	if ((st = http_stmt(rq, sql_part)) == NULL)
		goto dberr;
	sqlite3_bind_int64(st, 1, asn);
	json_object_set_new(j, "participant", sqlite3_step(st) == SQLITE_ROW ?
	    json_pack("{s:o, s:o, s:o}", "org",
	    api_jtext(sqlite3_column_text(st, 0)), "program",
	    api_jtext(sqlite3_column_text(st, 1)), "member_since",
	    api_jtext(sqlite3_column_text(st, 2))) : json_null());
	sqlite3_reset(st);
	if ((st = http_stmt(rq, sql_months)) == NULL)
		goto dberr;
	sqlite3_bind_int64(st, 1, asn);
	months = json_array();
	while (sqlite3_step(st) == SQLITE_ROW)
		json_array_append_new(months, api_jtext(sqlite3_column_text(st,
		    0)));
	sqlite3_reset(st);
	json_object_set_new(j, "months", months);
	if (json_array_size(months) == 0 && month == NULL &&
	    json_is_null(json_object_get(j, "participant"))) {
		json_decref(j);
		http_error(rs, 404, "AS%" PRIu32 " is not in the store", asn);
		return;
	}
	json_object_set_new(j, "month", month != NULL ? json_string(month) :
	    json_null());
	if (month != NULL) {
		if ((st = http_stmt(rq, sql_ann)) == NULL)
			goto dberr;
		sqlite3_bind_int64(st, 1, asn);
		sqlite3_bind_text(st, 2, month, -1, SQLITE_TRANSIENT);
		json_object_set_new(j, "announcements",
		    announcement_rows(st, &rc));
		if (rc != SQLITE_DONE)
			goto dberr;
	}
	api_send(rs, j);
	return;
dberr:
	json_decref(j);
	http_db_error(rq, rs);
}

/*
 * GET /api/v1/prefixes?prefix=P or ?asn=N: who announced P and every
 * prefix covering it, with RPKI and IRR state, IRR-Explorer style; or
 * what N announced.  In one month (the newest by default).
 */
static void
prefixes(const struct http_request *rq, struct http_response *rs)
{
	static const char sql_pfx[] =
	    "SELECT " ANN_COLS " FROM announcements WHERE prefix = ? AND "
	    "period = ? ORDER BY origin";
	static const char sql_asn[] =
	    "SELECT " ANN_COLS " FROM announcements WHERE origin = ? AND "
	    "period = ? ORDER BY prefix";
	const char *month;
	char mbuf[8], buf[PREFIX_STRLEN];
	struct prefix pfx, up;
	json_t *items, *rows;
	sqlite3_stmt *st;
	uint32_t asn;
	bool has_asn;
	int rc, len;

	if (!api_params_only(rq, rs, "prefix,asn,month") ||
	    !api_param_prefix_or_asn(rq, rs, &pfx, &asn, &has_asn) ||
	    !api_param_month(rq, rs, "month", &month))
		return;
	if (month == NULL) {
		if (!latest_month(rq, 0, mbuf)) {
			http_error(rs, 404, "the store has no scores yet");
			return;
		}
		month = mbuf;
	}
	if (has_asn) {
		if ((st = http_stmt(rq, sql_asn)) == NULL)
			goto dberr;
		sqlite3_bind_int64(st, 1, asn);
		sqlite3_bind_text(st, 2, month, -1, SQLITE_TRANSIENT);
		items = announcement_rows(st, &rc);
		if (rc != SQLITE_DONE) {
			json_decref(items);
			goto dberr;
		}
		api_send(rs, json_pack("{s:s, s:I, s:o}", "month", month,
		    "asn", (json_int_t)asn, "items", items));
		return;
	}
	/* The prefix and each shorter one covering it, by the index. */
	items = json_array();
	for (len = pfx.len; len >= 0; len--) {
		up = pfx;
		up.len = (uint8_t)len;
		prefix_mask(&up);
		prefix_fmt(&up, buf);
		if ((st = http_stmt(rq, sql_pfx)) == NULL) {
			json_decref(items);
			goto dberr;
		}
		sqlite3_bind_text(st, 1, buf, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, month, -1, SQLITE_TRANSIENT);
		rows = announcement_rows(st, &rc);
		if (rc != SQLITE_DONE) {
			json_decref(rows);
			json_decref(items);
			goto dberr;
		}
		if (json_array_size(rows) > 0)
			json_array_append_new(items, json_pack("{s:s, s:s, "
			    "s:o}", "prefix", buf, "relation", len == pfx.len ?
			    "exact" : "covering", "announcements", rows));
		else
			json_decref(rows);
	}
	prefix_fmt(&pfx, buf);
	api_send(rs, json_pack("{s:s, s:s, s:o}", "month", month, "prefix",
	    buf, "items", items));
	return;
dberr:
	http_db_error(rq, rs);
}

/*
 * GET /api/v1/stats?month=&by=region|country: per action, how many ASes
 * have each label, per RIR region or country (needs RIR stats).
 */
static void
stats(const struct http_request *rq, struct http_response *rs)
{
	static const char sql[] =
	    "SELECT asn, action, label FROM scores WHERE period = ? "
	    "ORDER BY asn";
	static const char *const by_names[] = { "region", "country", NULL };
	const char *month, *by, *cc, *key;
	char mbuf[8];
	json_t *groups, *g, *a;
	sqlite3_stmt *st;
	unsigned r;
	uint32_t asn;
	int rc;

	if (!api_params_only(rq, rs, "month,by") ||
	    !api_param_month(rq, rs, "month", &month) ||
	    !api_param_enum(rq, rs, "by", by_names, &by))
		return;
	if (by == NULL)
		by = "region";
	if (rq->data == NULL || rq->data->geo == NULL) {
		http_error(rs, 400, "stats by region and country need RIR "
		    "stats: start the server with --rir FILE or --data DIR");
		return;
	}
	if (month == NULL) {
		if (!latest_month(rq, 0, mbuf)) {
			http_error(rs, 404, "the store has no scores yet");
			return;
		}
		month = mbuf;
	}
	if ((st = http_stmt(rq, sql)) == NULL) {
		http_db_error(rq, rs);
		return;
	}
	sqlite3_bind_text(st, 1, month, -1, SQLITE_TRANSIENT);
	groups = json_object();
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		asn = (uint32_t)sqlite3_column_int64(st, 0);
		cc = NULL;
		if (!geo_lookup(rq->data->geo, asn, &r, &cc) || r >= RIR_MAX)
			key = "unknown";
		else if (strcmp(by, "region") == 0)
			key = rir_name((enum rir)r);
		else
			key = cc != NULL ? cc : "unknown";
		if ((g = json_object_get(groups, key)) == NULL) {
			g = json_object();
			json_object_set_new(groups, key, g);
		}
		key = (const char *)sqlite3_column_text(st, 1);
		if ((a = json_object_get(g, key)) == NULL) {
			a = json_object();
			json_object_set_new(g, key, a);
		}
		key = (const char *)sqlite3_column_text(st, 2);
		json_object_set_new(a, key, json_integer(json_integer_value(
		    json_object_get(a, key)) + 1));
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		json_decref(groups);
		http_db_error(rq, rs);
		return;
	}
	api_send(rs, json_pack("{s:s, s:s, s:o}", "month", month, "by", by,
	    "groups", groups));
}

/* GET /api/v1/participants: organisations with their ASNs, by name. */
static void
participants(const struct http_request *rq, struct http_response *rs)
{
	static const char sql[] =
	    "SELECT p.org, p.program, p.member_since, group_concat(pa.asn) "
	    "FROM participants p LEFT JOIN participant_asns pa ON "
	    "pa.participant_id = p.id WHERE p.org > ?1 GROUP BY p.id "
	    "ORDER BY p.org LIMIT ?2";
	char key[MAX_PARTICIPANT_TEXT + 1], last[MAX_PARTICIPANT_TEXT + 1] = "";
	const char *s;
	unsigned limit, n = 0;
	json_t *items, *asns;
	sqlite3_stmt *st;
	char *end;
	int rc;

	if (!api_params_only(rq, rs, "limit,cursor") ||
	    !api_page(rq, rs, &limit, key, sizeof(key)))
		return;
	if ((st = http_stmt(rq, sql)) == NULL) {
		http_db_error(rq, rs);
		return;
	}
	sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 2, (int)limit + 1);
	items = json_array();
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && n < limit) {
		asns = json_array();
		for (s = (const char *)sqlite3_column_text(st, 3); s != NULL &&
		    *s != '\0'; s = *end == ',' ? end + 1 : end)
			json_array_append_new(asns, json_integer(
			    strtoll(s, &end, 10)));
		json_array_append_new(items, json_pack("{s:o, s:o, s:o, s:o}",
		    "org", api_jtext(sqlite3_column_text(st, 0)),
		    "program", api_jtext(sqlite3_column_text(st, 1)),
		    "member_since", api_jtext(sqlite3_column_text(st, 2)),
		    "asns", asns));
		snprintf(last, sizeof(last), "%s", (const char *)
		    sqlite3_column_text(st, 0));
		n++;
	}
	sqlite3_reset(st);
	page_end(rq, rs, items, rc, last);
}

/* GET /api/v1/: what there is, so a client can start from one address. */
static void
api_index(const struct http_request *rq, struct http_response *rs)
{
	static const char sql[] =
	    "SELECT count(*), max(finished) FROM runs";
	sqlite3_stmt *st;
	json_t *j;

	if (!api_params_only(rq, rs, ""))
		return;
	if ((st = http_stmt(rq, sql)) == NULL || sqlite3_step(st) !=
	    SQLITE_ROW) {
		http_db_error(rq, rs);
		return;
	}
	j = json_pack("{s:s, s:s, s:I, s:o, s:s, s:b, s:b}", "name", "manrs",
	    "version", "v1", "runs", (json_int_t)sqlite3_column_int64(st, 0),
	    "last_run_finished", sqlite3_column_type(st, 1) == SQLITE_NULL ?
	    json_null() : api_jtime(sqlite3_column_int64(st, 1)),
	    "openapi", "/api/v1/openapi.json",
	    "rir_stats", rq->data != NULL && rq->data->geo != NULL,
	    "roa_history", rq->data != NULL && rq->data->roa_history != NULL);
	sqlite3_reset(st);
	api_send(rs, j);
}

const struct http_route api_routes[] = {
	{ "GET", "/api/v1/", api_index, HTTP_AUTH_NONE },
	{ "GET", "/api/v1/openapi.json", api_openapi, HTTP_AUTH_NONE },
	{ "GET", "/api/v1/scores", scores_list, HTTP_AUTH_NONE },
	{ "GET", "/api/v1/scores/*", scores_asn, HTTP_AUTH_NONE },
	{ "GET", "/api/v1/incidents", incidents_list, HTTP_AUTH_NONE },
	{ "GET", "/api/v1/incidents/*", incident_one, HTTP_AUTH_NONE },
	{ "GET", "/api/v1/ases", ases_list, HTTP_AUTH_NONE },
	{ "GET", "/api/v1/ases/*", as_one, HTTP_AUTH_NONE },
	{ "GET", "/api/v1/prefixes", prefixes, HTTP_AUTH_NONE },
	{ "GET", "/api/v1/roa-history", api_roa_history, HTTP_AUTH_NONE },
	{ "GET", "/api/v1/irr-comparison", api_irr_comparison,
	    HTTP_AUTH_NONE },
	{ "GET", "/api/v1/conformance/*", api_conformance, HTTP_AUTH_NONE },
	{ "GET", "/api/v1/stats", stats, HTTP_AUTH_NONE },
	{ "GET", "/api/v1/participants", participants, HTTP_AUTH_NONE },
	{ "POST", "/api/v1/participants", api_participant_put,
	    HTTP_AUTH_AUDITOR },
	{ "POST", "/api/v1/disputes", api_dispute_open, HTTP_AUTH_TOKEN },
	{ "POST", "/api/v1/disputes/*", api_dispute_resolve,
	    HTTP_AUTH_AUDITOR },
	{ NULL, NULL, NULL, HTTP_AUTH_NONE },
};
