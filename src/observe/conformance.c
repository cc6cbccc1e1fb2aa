/*
 * Conformance day by day (conformance.h): each day is scored over the
 * trailing window that ends with it, from one load of the store.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "observe/conformance.h"
#include "observe/window.h"

enum day_state { DAY_CONFORMANT, DAY_NOT, DAY_UNKNOWN };
static const char *const state_names[] = {
	"conformant", "not-conformant", "unknown",
};

static bool
has_day(const struct window_src *w, int64_t d)
{
	size_t i;

	for (i = 0; i < w->nfacts; i++)
		if (!w->facts[i].period && w->facts[i].day == d)
			return true;
	return false;
}

/* The window length from the method of the newest run covering day. */
static bool
window_days(struct store *s, uint32_t asn, int64_t day, unsigned *len,
    char *err, size_t errlen)
{
	struct window_src w;
	struct method m;

	if (!window_load(s, asn, day, day + WINDOW_DAY, &w, err, errlen))
		return false;
	method_defaults(&m);
	*len = w.nruns > 0 ? w.runs[w.nruns - 1].method.conformance_days :
	    m.conformance_days;
	window_src_free(&w);
	return true;
}

/* One day's verdict, printed to fp or added to arr. */
static enum day_state
one_day(const struct conformance *c, const struct window_src *w, int64_t d,
    FILE *fp, json_t *arr)
{
	struct window_score ws;
	enum day_state st = DAY_CONFORMANT;
	char day[WINDOW_PERIOD_LEN], why[2048];
	json_t *o = NULL, *failing = NULL;
	unsigned a;

	window_day_fmt(d, day);
	if (!has_day(w, d)) {
		if (arr != NULL)
			json_array_append_new(arr, json_pack("{ss ss}", "day",
			    day, "status", state_names[DAY_UNKNOWN]));
		else
			fprintf(fp, "%s unknown: no facts for AS%" PRIu32
			    " on this day\n", day, c->asn);
		return DAY_UNKNOWN;
	}
	window_score(w, d + WINDOW_DAY - (int64_t)c->len * WINDOW_DAY,
	    d + WINDOW_DAY, &ws);
	if (arr != NULL) {
		o = window_json(w, &ws);
		failing = json_array();
	}
	for (a = 0; a < ACTION_COUNT; a++) {
		enum label l = ws.score.label[a];

		if (l == LABEL_NODATA || l == LABEL_READY)
			continue;
		if (st == DAY_CONFORMANT && arr == NULL)
			fprintf(fp, "%s not-conformant ", day);
		else if (arr == NULL)
			fputs("; ", fp);
		st = DAY_NOT;
		if (arr != NULL) {
			json_array_append_new(failing, json_string(action_name(
			    (enum action)a)));
			continue;
		}
		window_why(w, &ws, (enum action)a, why, sizeof(why));
		fprintf(fp, "%s %.1f%% %s: %s", action_name((enum action)a),
		    ws.score.pct[a], label_name(l), why);
	}
	if (arr != NULL) {
		json_object_set_new(o, "failing", failing);
		json_array_append_new(arr, json_pack("{ss ss so}", "day", day,
		    "status", state_names[st], "window", o));
	} else if (st == DAY_CONFORMANT)
		fprintf(fp, "%s conformant\n", day);
	else
		fputc('\n', fp);
	window_score_free(&ws);
	return st;
}

bool
conformance_run(struct store *s, struct conformance *c, FILE *text,
    json_t **json, char *err, size_t errlen)
{
	struct window_src w;
	char first[WINDOW_PERIOD_LEN], last[WINDOW_PERIOD_LEN];
	int64_t from, d;
	unsigned count[3] = { 0, 0, 0 };
	json_t *arr;

	if (!window_days(s, c->asn, c->at, &c->len, err, errlen))
		return false;
	from = c->at - (int64_t)(c->ndays - 1) * WINDOW_DAY;
	if (!window_load(s, c->asn, from - (int64_t)(c->len - 1) * WINDOW_DAY,
	    c->at + WINDOW_DAY, &w, err, errlen))
		return false;
	arr = json != NULL ? json_array() : NULL;
	for (d = from; d <= c->at; d += WINDOW_DAY)
		count[one_day(c, &w, d, text, arr)]++;
	window_src_free(&w);
	c->conformant = count[DAY_CONFORMANT];
	c->not_conformant = count[DAY_NOT];
	c->unknown = count[DAY_UNKNOWN];
	if (json == NULL)
		return true;
	window_day_fmt(from, first);
	window_day_fmt(c->at, last);
	*json = json_pack("{sI ss ss si si si si si sb so}",
	    "asn", (json_int_t)c->asn, "from", first, "to", last,
	    "days", c->ndays, "window_days", c->len,
	    "conformant_days", count[DAY_CONFORMANT],
	    "not_conformant_days", count[DAY_NOT],
	    "unknown_days", count[DAY_UNKNOWN],
	    "conformant", count[DAY_CONFORMANT] == c->ndays,
	    "per_day", arr);
	if (*json == NULL) {
		snprintf(err, errlen, "out of memory building the JSON");
		return false;
	}
	return true;
}
