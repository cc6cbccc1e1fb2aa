/*
 * A window's scores with their explanations, facts and incidents as JSON:
 * what `manrs conformance --json`, `manrs audit --json` and the API's
 * /api/v1/conformance print.
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "base/utctime.h"
#include "observe/window.h"

bool
window_day_parse(const char *s, int64_t *day)
{
	return strlen(s) == 10 && utc_parse(s, day) && *day % WINDOW_DAY == 0;
}

void
window_day_fmt(int64_t t, char buf[WINDOW_PERIOD_LEN])
{
	char s[UTC_STRLEN];

	utc_fmt(t, s, sizeof(s));
	snprintf(buf, WINDOW_PERIOD_LEN, "%.10s", s);
}

static json_t *
json_pct(const struct window_score *ws, enum action a)
{
	if (ws->score.label[a] == LABEL_NODATA)
		return json_null();
	/* Two decimals are what people read; keep the JSON as stable. */
	return json_real((double)llround(ws->score.pct[a] * 100) / 100);
}

json_t *
window_json(const struct window_src *w, const struct window_score *ws)
{
	json_t *o = json_object(), *acts = json_object(), *incs = json_array();
	char from[WINDOW_PERIOD_LEN], to[WINDOW_PERIOD_LEN], why[2048];
	const struct as_facts *f = &ws->facts;
	size_t i, k;
	unsigned a;

	window_day_fmt(ws->from, from);
	window_day_fmt(ws->to, to);
	json_object_set_new(o, "from", json_string(from));
	json_object_set_new(o, "to", json_string(to));
	json_object_set_new(o, "fact_days", json_integer(ws->days));
	if (ws->run != NULL)
		json_object_set_new(o, "method_run", json_integer(ws->run->id));
	for (a = 0; a < ACTION_COUNT; a++) {
		json_t *x = json_object();

		window_why(w, ws, (enum action)a, why, sizeof(why));
		json_object_set_new(x, "pct", json_pct(ws, (enum action)a));
		json_object_set_new(x, "label", json_string(label_name(
		    ws->score.label[a])));
		json_object_set_new(x, "why", json_string(why));
		json_object_set_new(acts, action_name((enum action)a), x);
	}
	json_object_set_new(o, "actions", acts);
	json_object_set_new(o, "facts", json_pack("{sI sI sI sI sb sb sb sb}",
	    "announced", (json_int_t)f->announced,
	    "irr_registered", (json_int_t)f->irr_registered,
	    "rpki_valid", (json_int_t)f->rpki_valid,
	    "rpki_invalid", (json_int_t)f->rpki_invalid,
	    "irr_known", f->irr_known, "rpki_known", f->rpki_known,
	    "contacts_known", f->contacts_known,
	    "spoofer_tested", f->spoofer_tested));
	for (i = 0; i < ws->ninc; i++) {
		const struct incident *inc = &ws->inc[i];
		json_t *ids = json_array();
		char s[UTC_STRLEN], e[UTC_STRLEN];

		for (k = 0; k < inc->count; k++)
			json_array_append_new(ids, json_string(
			    w->rows[ws->ev[inc->first + k].evidence].id));
		utc_fmt(inc->start, s, sizeof(s));
		utc_fmt(inc->end, e, sizeof(e));
		json_array_append_new(incs, json_pack("{so ss ss ss sf sf}",
		    "ids", ids, "metric", metric_name((enum metric)inc->metric),
		    "start", s, "end", e, "score", inc->score,
		    "weight", inc->weight));
	}
	json_object_set_new(o, "incidents", incs);
	/* Left out of the scores, still shown: an auditor accepted them. */
	incs = json_array();
	for (i = 0; i < w->nrows; i++) {
		const struct window_row *r = &w->rows[i];

		if (r->dispute == 0 || r->start >= ws->to || r->end <= ws->from ||
		    (ws->period && ws->run != NULL && r->run_id != ws->run->id))
			continue;
		json_array_append_new(incs, json_pack("{ss ss sI}", "id", r->id,
		    "metric", metric_name((enum metric)r->metric), "dispute",
		    (json_int_t)r->dispute));
	}
	json_object_set_new(o, "disputed", incs);
	return o;
}
