/*
 * GET /api/v1/roa-history?prefix=P[&asn=N][&at=D | &from=D&to=D]: the
 * VRPs that ever covered P and when they were published, from the
 * history file given with --roa-history (src/rpki/history.h); with asn,
 * the ROV state of (P, N) on day D, or each change of it over [from, to].
 */
#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"

#include "net/prefix.h"
#include "rpki/history.h"
#include "rpki/rov.h"
#include "serve/api.h"
#include "serve/data.h"

/* VRPs listed per answer; days walked for the changes of a state. */
#define ROA_MAX_VRPS	4096u
#define ROA_MAX_DAYS	(20u * 366)

static bool
day_param(const struct http_request *rq, struct http_response *rs,
    const char *name, uint32_t *day, bool *present)
{
	const char *v = http_query(rq, name), *why;

	*present = v != NULL;
	if (v != NULL && !history_day_parse(v, strlen(v), day, &why)) {
		http_error(rs, 400, "%s: %s", name, why);
		return false;
	}
	return true;
}

static json_t *
jday(uint32_t day)
{
	char buf[HISTORY_DAY_STRLEN];

	history_day_fmt(day, buf);
	return json_string(buf);
}

/* The VRPs that ever covered p, with their runs as day ranges. */
static json_t *
vrps(const struct history *h, const struct prefix *p)
{
	const struct history_run *r;
	const struct vrp *v;
	char buf[PREFIX_STRLEN];
	json_t *arr = json_array(), *runs;
	uint32_t *idx;
	size_t n, i, k, nr;

	idx = xreallocarray(NULL, ROA_MAX_VRPS, sizeof(*idx));
	n = history_covering(h, p, idx, ROA_MAX_VRPS);
	if (n > ROA_MAX_VRPS)
		n = ROA_MAX_VRPS;
	for (i = 0; i < n; i++) {
		v = history_vrp(h, idx[i]);
		prefix_fmt(&v->pfx, buf);
		runs = json_array();
		nr = history_runs(h, idx[i], &r);
		for (k = 0; k < nr; k++)
			json_array_append_new(runs, json_pack("{s:o, s:o}",
			    "first", jday(history_day(h, r[k].first)),
			    "last", jday(history_day(h, r[k].last))));
		json_array_append_new(arr, json_pack("{s:s, s:i, s:I, s:o}",
		    "prefix", buf, "max_length", v->maxlen, "asn",
		    (json_int_t)v->asn, "published", runs));
	}
	free(idx);
	return arr;
}

void
api_roa_history(const struct http_request *rq, struct http_response *rs)
{
	const struct history *h = rq->data != NULL ? rq->data->roa_history :
	    NULL;
	const char *p = http_query(rq, "prefix"), *why;
	struct history_result res;
	enum rov_reason reason;
	enum rov_state st, prev = ROV_NOT_FOUND;
	struct prefix pfx;
	uint32_t asn, at = 0, from = 0, to = 0, s, e, k;
	bool has_asn, has_at, has_from, has_to;
	char buf[PREFIX_STRLEN];
	json_t *j, *ch;

	if (h == NULL) {
		http_error(rs, 404, "no ROA history here: start the server "
		    "with --roa-history FILE");
		return;
	}
	if (!api_params_only(rq, rs, "prefix,asn,at,from,to") ||
	    !api_param_asn(rq, rs, "asn", &asn, &has_asn) ||
	    !day_param(rq, rs, "at", &at, &has_at) ||
	    !day_param(rq, rs, "from", &from, &has_from) ||
	    !day_param(rq, rs, "to", &to, &has_to))
		return;
	if (p == NULL || !prefix_parse(p, strlen(p), &pfx, &why)) {
		http_error(rs, 400, "prefix: %s", p == NULL ? "missing" : why);
		return;
	}
	if (has_at && (has_from || has_to)) {
		http_error(rs, 400, "give at, or from and to, not both");
		return;
	}
	if (has_from != has_to || (has_from && from > to)) {
		http_error(rs, 400, "from and to go together, from <= to");
		return;
	}
	if ((has_at || has_from) && !has_asn) {
		http_error(rs, 400, "a state needs asn");
		return;
	}
	prefix_fmt(&pfx, buf);
	j = json_pack("{s:s, s:o}", "prefix", buf, "vrps", vrps(h, &pfx));
	if (has_asn)
		json_object_set_new(j, "asn", json_integer(asn));
	if (has_at) {
		if (history_validate(h, &pfx, asn, at, HISTORY_NEAREST, &res))
			json_object_set_new(j, "at", json_pack("{s:o, s:o, "
			    "s:s, s:s}", "day", jday(at), "snapshot",
			    jday(res.day), "state", rov_state_str(res.state),
			    "reason", rov_reason_str(res.reason)));
		else
			json_object_set_new(j, "at", json_pack("{s:o, s:n}",
			    "day", jday(at), "snapshot"));
	}
	if (has_from) {
		/* The snapshots in [from, to], each change of state. */
		ch = json_array();
		s = history_snapshot_from(h, from);
		e = history_snapshot_from(h, to + 1);
		for (k = s; k < e && k - s < ROA_MAX_DAYS; k++) {
			st = history_validate_snap(h, &pfx, asn, k, &reason);
			if (k == s || st != prev)
				json_array_append_new(ch, json_pack("{s:o, s:s, "
				    "s:s}", "day", jday(history_day(h, k)),
				    "state", rov_state_str(st), "reason",
				    rov_reason_str(reason)));
			prev = st;
		}
		json_object_set_new(j, "from", jday(from));
		json_object_set_new(j, "to", jday(to));
		json_object_set_new(j, "changes", ch);
	}
	api_send(rs, j);
}
