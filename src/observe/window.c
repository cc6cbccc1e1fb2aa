/* Scores over any window of UTC days, from the store (window.h). */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "base/limits.h"
#include "base/utctime.h"
#include "base/xmalloc.h"
#include "observe/window.h"

/* ---- loading ---- */

static void
day_name(int64_t t, char buf[WINDOW_PERIOD_LEN])
{
	char s[UTC_STRLEN];

	utc_fmt(t, s, sizeof(s));
	snprintf(buf, WINDOW_PERIOD_LEN, "%.10s", s);
}

static bool
load_runs(sqlite3 *db, struct window_src *w, char *err, size_t errlen)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	bool ok = true;

	if (sqlite3_prepare_v2(db, "SELECT id, period_from, period_to, method "
	    "FROM runs WHERE period_from < ? AND period_to > ? ORDER BY "
	    "period_to, id", -1, &st, NULL) != SQLITE_OK)
		return false;
	sqlite3_bind_int64(st, 1, w->to);
	sqlite3_bind_int64(st, 2, w->from);
	while (ok && sqlite3_step(st) == SQLITE_ROW) {
		struct window_run *r;
		const char *text = (const char *)sqlite3_column_text(st, 3);
		const char *why;
		char name[64];

		if (w->nruns == cap)
			w->runs = xreallocarray(w->runs, cap = cap ? 2 * cap :
			    4, sizeof(*w->runs));
		r = &w->runs[w->nruns++];
		r->id = sqlite3_column_int64(st, 0);
		r->from = sqlite3_column_int64(st, 1);
		r->to = sqlite3_column_int64(st, 2);
		method_defaults(&r->method);
		r->method_stored = text != NULL;
		snprintf(name, sizeof(name), "run %" PRId64 " method", r->id);
		if (text != NULL && !method_parse(&r->method, text,
		    (size_t)sqlite3_column_bytes(st, 3), name, &why)) {
			snprintf(err, errlen, "store: %s", why);
			ok = false;
		}
	}
	sqlite3_finalize(st);
	return ok;
}

/* Facts columns from index 2 on: announced ... spoofed. */
static void
fact_cols(sqlite3_stmt *st, struct window_fact *f)
{
	f->announced = (uint64_t)sqlite3_column_int64(st, 2);
	f->irr_registered = (uint64_t)sqlite3_column_int64(st, 3);
	f->rpki_valid = (uint64_t)sqlite3_column_int64(st, 4);
	f->rpki_invalid = (uint64_t)sqlite3_column_int64(st, 5);
	f->irr_known = sqlite3_column_int(st, 6) != 0;
	f->rpki_known = sqlite3_column_int(st, 7) != 0;
	f->has_contact = sqlite3_column_type(st, 8) == SQLITE_NULL ? -1 :
	    sqlite3_column_int(st, 8) != 0;
	f->spoofed = sqlite3_column_type(st, 9) == SQLITE_NULL ? -1 :
	    sqlite3_column_int64(st, 9);
	if (f->spoofed < -1)
		f->spoofed = 0;
}

#define FACT_COLS "f.run_id, f.period, f.announced, f.irr_registered, " \
	"f.rpki_valid, f.rpki_invalid, f.irr_known, f.rpki_known, " \
	"f.has_contact, f.spoofed"

/*
 * Day rows inside the span, then the period rows of the runs overlapping
 * it (a day row's period is "YYYY-MM-DD"; anything else is a run's).
 */
static bool
load_facts(sqlite3 *db, struct window_src *w, char *err, size_t errlen)
{
	static const char *const sql[2] = {
		"SELECT " FACT_COLS ", 0 FROM facts f WHERE f.asn = ? AND "
		"length(f.period) = 10 AND f.period >= ? AND f.period < ? "
		"ORDER BY f.period",
		"SELECT " FACT_COLS ", r.period_from FROM facts f JOIN runs r "
		"ON r.id = f.run_id WHERE f.asn = ? AND length(f.period) <> 10 "
		"AND r.period_from < ?3 AND r.period_to > ?2",
	};
	char from[WINDOW_PERIOD_LEN], to[WINDOW_PERIOD_LEN];
	size_t cap = 0;
	unsigned q;

	day_name(w->from, from);
	day_name(w->to, to);
	for (q = 0; q < 2; q++) {
		sqlite3_stmt *st;

		if (sqlite3_prepare_v2(db, sql[q], -1, &st, NULL) != SQLITE_OK)
			return false;
		sqlite3_bind_int64(st, 1, w->asn);
		if (q == 0) {
			sqlite3_bind_text(st, 2, from, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 3, to, -1, SQLITE_STATIC);
		} else {
			sqlite3_bind_int64(st, 2, w->from);
			sqlite3_bind_int64(st, 3, w->to);
		}
		while (sqlite3_step(st) == SQLITE_ROW) {
			struct window_fact *f;
			const char *name = (const char *)sqlite3_column_text(st,
			    1);

			if (w->nfacts >= MAX_WINDOW_ROWS) {
				snprintf(err, errlen, "AS%" PRIu32 ": more than "
				    "%u facts rows", w->asn, MAX_WINDOW_ROWS);
				sqlite3_finalize(st);
				return false;
			}
			if (w->nfacts == cap)
				w->facts = xreallocarray(w->facts, cap = cap ?
				    2 * cap : 32, sizeof(*w->facts));
			f = &w->facts[w->nfacts];
			memset(f, 0, sizeof(*f));
			f->run_id = sqlite3_column_int64(st, 0);
			snprintf(f->name, sizeof(f->name), "%s", name != NULL ?
			    name : "");
			fact_cols(st, f);
			f->period = q == 1;
			if (q == 1)
				f->day = sqlite3_column_int64(st, 10);
			else if (!utc_parse(f->name, &f->day))
				continue;	/* not a date: not a day row */
			w->nfacts++;
		}
		sqlite3_finalize(st);
	}
	return true;
}

static int
row_cmp(const void *a, const void *b)
{
	const struct window_row *x = a, *y = b;

	if (x->metric != y->metric)
		return x->metric < y->metric ? -1 : 1;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end < y->end ? -1 : 1;
	return strcmp(x->id, y->id);
}

static bool
load_rows(sqlite3 *db, struct window_src *w, char *err, size_t errlen)
{
	sqlite3_stmt *st;
	size_t cap = 0;

	if (sqlite3_prepare_v2(db, "SELECT i.id, i.run_id, i.metric, i.start, "
	    "i.end, i.weight, (SELECT max(d.id) FROM disputes d WHERE "
	    "d.incident_id = i.id AND d.status = 'accepted') FROM incidents i "
	    "WHERE i.asn = ? AND i.start < ? AND i.end > ?", -1, &st, NULL) !=
	    SQLITE_OK)
		return false;
	sqlite3_bind_int64(st, 1, w->asn);
	sqlite3_bind_int64(st, 2, w->to);
	sqlite3_bind_int64(st, 3, w->from);
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct window_row *r;
		const char *id = (const char *)sqlite3_column_text(st, 0);
		const char *metric = (const char *)sqlite3_column_text(st, 2);
		enum metric m;

		/* A metric this build does not know cannot be scored. */
		if (metric == NULL || !metric_parse(metric, &m))
			continue;
		if (w->nrows >= MAX_WINDOW_ROWS) {
			snprintf(err, errlen, "AS%" PRIu32 ": more than %u "
			    "incidents", w->asn, MAX_WINDOW_ROWS);
			sqlite3_finalize(st);
			return false;
		}
		if (w->nrows == cap)
			w->rows = xreallocarray(w->rows, cap = cap ? 2 * cap :
			    16, sizeof(*w->rows));
		r = &w->rows[w->nrows++];
		snprintf(r->id, sizeof(r->id), "%s", id != NULL ? id : "");
		r->run_id = sqlite3_column_int64(st, 1);
		r->metric = (uint8_t)m;
		r->start = sqlite3_column_int64(st, 3);
		r->end = sqlite3_column_int64(st, 4);
		r->weight = sqlite3_column_double(st, 5);
		r->dispute = sqlite3_column_int64(st, 6);
	}
	sqlite3_finalize(st);
	if (w->nrows > 1)
		qsort(w->rows, w->nrows, sizeof(*w->rows), row_cmp);
	return true;
}

bool
window_load(struct store *s, uint32_t asn, int64_t from, int64_t to,
    struct window_src *w, char *err, size_t errlen)
{
	sqlite3 *db = store_db(s);

	memset(w, 0, sizeof(*w));
	w->asn = asn;
	w->from = from;
	w->to = to;
	err[0] = '\0';
	if (load_runs(db, w, err, errlen) && load_facts(db, w, err, errlen) &&
	    load_rows(db, w, err, errlen))
		return true;
	if (err[0] == '\0')
		snprintf(err, errlen, "store: %s", sqlite3_errmsg(db));
	window_src_free(w);
	return false;
}

void
window_src_free(struct window_src *w)
{
	free(w->runs);
	free(w->facts);
	free(w->rows);
	memset(w, 0, sizeof(*w));
}

/* ---- scoring ---- */

static void
add_fact(struct window_score *ws, const struct window_fact *f)
{
	struct as_facts *a = &ws->facts;

	a->announced += f->announced;
	a->irr_registered += f->irr_registered;
	a->rpki_valid += f->rpki_valid;
	a->rpki_invalid += f->rpki_invalid;
	a->irr_known |= f->irr_known;
	a->rpki_known |= f->rpki_known;
	/* Rows come by day: the latest non-NULL contact state wins. */
	if (f->has_contact >= 0) {
		a->contacts_known = true;
		a->has_contact = f->has_contact != 0;
		ws->contact_day = f->day;
	}
	if (f->spoofed >= 0) {
		a->spoofer_tested = true;
		a->raw[M5] += (double)f->spoofed;
		ws->spoofer_days++;
	}
}

/*
 * The incidents of rows overlapping [from, to) that count (no accepted
 * dispute; of run_id unless it is 0), merged and clipped by
 * incidents_build, into ws and its facts.
 */
static void
add_incidents(const struct window_src *w, struct window_score *ws,
    int64_t run_id)
{
	size_t i, n = 0;

	ws->ev = xcalloc(w->nrows ? w->nrows : 1, sizeof(*ws->ev));
	for (i = 0; i < w->nrows; i++) {
		const struct window_row *r = &w->rows[i];
		struct event *e;

		if ((run_id != 0 && r->run_id != run_id) ||
		    r->start >= ws->to || r->end <= ws->from)
			continue;
		if (r->dispute != 0) {
			ws->disputed++;
			continue;
		}
		e = &ws->ev[n++];
		e->asn = w->asn;
		e->metric = r->metric;
		e->start = r->start;
		e->end = r->end;
		e->weight = r->weight;
		e->evidence = (uint32_t)i;
	}
	ws->nev = n;
	ws->ninc = incidents_build(&ws->method, ws->ev, n, ws->from, ws->to,
	    &ws->inc);
	facts_add_incidents(&ws->method, &ws->facts, ws->inc, ws->ninc);
}

static void
score_init(struct window_score *ws, int64_t from, int64_t to,
    const struct window_run *run)
{
	memset(ws, 0, sizeof(*ws));
	ws->from = from;
	ws->to = to;
	ws->contact_day = -1;
	ws->run = run;
	if (run != NULL)
		ws->method = run->method;
	else
		method_defaults(&ws->method);
}

void
window_score(const struct window_src *w, int64_t from, int64_t to,
    struct window_score *ws)
{
	const struct window_run *run = NULL;
	size_t i;

	/* The newest run overlapping the window says how to score it. */
	for (i = w->nruns; i > 0; i--)
		if (w->runs[i - 1].from < to && w->runs[i - 1].to > from) {
			run = &w->runs[i - 1];
			break;
		}
	score_init(ws, from, to, run);
	for (i = 0; i < w->nfacts; i++) {
		const struct window_fact *f = &w->facts[i];

		if (f->period || f->day < from || f->day >= to)
			continue;
		add_fact(ws, f);
		ws->days++;
	}
	add_incidents(w, ws, 0);
	score_as(&ws->method, &ws->facts, &ws->score);
}

bool
window_score_run(const struct window_src *w, int64_t run_id,
    struct window_score *ws)
{
	const struct window_run *run = NULL;
	bool found = false;
	size_t i;

	for (i = 0; i < w->nruns; i++)
		if (w->runs[i].id == run_id)
			run = &w->runs[i];
	if (run == NULL) {
		score_init(ws, w->from, w->to, NULL);
		return false;
	}
	score_init(ws, run->from, run->to, run);
	ws->period = true;
	for (i = 0; i < w->nfacts && !found; i++)
		if (w->facts[i].period && w->facts[i].run_id == run_id) {
			add_fact(ws, &w->facts[i]);
			found = true;
		}
	add_incidents(w, ws, run_id);
	score_as(&ws->method, &ws->facts, &ws->score);
	return found;
}

void
window_score_free(struct window_score *ws)
{
	free(ws->inc);
	free(ws->ev);
	ws->inc = NULL;
	ws->ev = NULL;
	ws->ninc = ws->nev = 0;
}

static const enum metric filtering[] = { M2, M2C, M3, M3C, M4, M4C };

enum metric
window_worst_filter(const struct window_score *ws)
{
	enum metric worst = M2;
	double lo = 101;
	size_t i;

	for (i = 0; i < sizeof(filtering) / sizeof(filtering[0]); i++) {
		double p;

		if (!ws->method.scored[filtering[i]])
			continue;
		p = penalty_pct(&ws->method, ws->facts.raw[filtering[i]]);
		if (p < lo) {
			lo = p;
			worst = filtering[i];
		}
	}
	return worst;
}

/* ---- explanations ---- */

/* "29 min", "13 h", "1 d 1 h". */
static void
duration(int64_t d, char *buf, size_t len)
{
	if (d < 3600)
		snprintf(buf, len, "%" PRId64 " min", d / 60);
	else if (d < 86400)
		snprintf(buf, len, "%" PRId64 " h %" PRId64 " min", d / 3600,
		    d / 60 % 60);
	else
		snprintf(buf, len, "%" PRId64 " d %" PRId64 " h", d / 86400,
		    d / 3600 % 24);
}

/* Appends to buf[0..len) at *o, never past the end. */
static void put(char *, size_t, size_t *, const char *, ...)
    __attribute__((format(printf, 4, 5)));

static void
put(char *buf, size_t len, size_t *o, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(*o < len ? buf + *o : NULL, *o < len ? len - *o : 0,
	    fmt, ap);
	va_end(ap);
	if (n > 0)
		*o += (size_t)n;
}

#define WHY_MAX_INCIDENTS	10

static void
why_filtering(const struct window_src *w, const struct window_score *ws,
    char *buf, size_t len, size_t *o)
{
	enum metric m = window_worst_filter(ws);
	size_t i, shown = 0, total = 0;

	if (ws->facts.raw[m] <= 0) {
		put(buf, len, o, "no scored filtering incidents");
		if (ws->disputed > 0)
			put(buf, len, o, " (%zu disputed incident%s left out)",
			    ws->disputed, ws->disputed == 1 ? "" : "s");
		return;
	}
	for (i = 0; i < ws->ninc; i++)
		total += ws->inc[i].metric == m;
	put(buf, len, o, "%s raw %.4g from %zu incident%s", metric_name(m),
	    ws->facts.raw[m], total, total == 1 ? "" : "s");
	for (i = 0; i < ws->ninc; i++) {
		const struct incident *inc = &ws->inc[i];
		char d[48];
		size_t k;

		if (inc->metric != m || shown++ >= WHY_MAX_INCIDENTS)
			continue;
		duration(inc->end - inc->start, d, sizeof(d));
		put(buf, len, o, "%s ", shown == 1 ? ":" : ";");
		for (k = 0; k < inc->count; k++)
			put(buf, len, o, "%s%s", k ? "+" : "",
			    w->rows[ws->ev[inc->first + k].evidence].id);
		put(buf, len, o, " (%s, score %.4g)", d, inc->score);
	}
	if (shown > WHY_MAX_INCIDENTS)
		put(buf, len, o, "; and %zu more", shown - WHY_MAX_INCIDENTS);
	if (ws->disputed > 0)
		put(buf, len, o, "; %zu disputed incident%s left out",
		    ws->disputed, ws->disputed == 1 ? "" : "s");
}

size_t
window_why(const struct window_src *w, const struct window_score *ws,
    enum action a, char *buf, size_t len)
{
	const struct as_facts *f = &ws->facts;
	const char *unit = ws->period ? "(prefix, origin) pairs" :
	    "(prefix, origin) pair-days";
	char day[WINDOW_PERIOD_LEN];
	size_t o = 0;

	if (len > 0)
		buf[0] = '\0';
	switch (a) {
	case ACT_FILTERING:
		why_filtering(w, ws, buf, len, &o);
		break;
	case ACT_ANTISPOOFING:
		if (!f->spoofer_tested)
			put(buf, len, &o, "no CAIDA Spoofer test from inside "
			    "AS%" PRIu32, w->asn);
		else if (ws->period)
			put(buf, len, &o, "%.0f client prefixes let spoofed "
			    "packets out", f->raw[M5]);
		else
			put(buf, len, &o, "%.0f spoofed client prefixes over "
			    "%u tested days", f->raw[M5], ws->spoofer_days);
		break;
	case ACT_COORDINATION:
		if (!f->contacts_known)
			put(buf, len, &o, "no PeeringDB or RIR whois data read");
		else {
			put(buf, len, &o, "%s in PeeringDB or RIR whois",
			    f->has_contact ? "a contact" : "no contact");
			if (ws->contact_day >= 0 && !ws->period) {
				day_name(ws->contact_day, day);
				put(buf, len, &o, " (as of %s)", day);
			}
		}
		break;
	case ACT_GV_IRR:
		if (!f->irr_known)
			put(buf, len, &o, "no IRR data read");
		else if (f->announced == 0)
			put(buf, len, &o, "nothing announced");
		else
			put(buf, len, &o, "%" PRIu64 " of %" PRIu64 " %s "
			    "registered in the IRR", f->irr_registered,
			    f->announced, unit);
		break;
	case ACT_GV_RPKI:
		if (!f->rpki_known)
			put(buf, len, &o, "no RPKI data read");
		else if (f->announced == 0)
			put(buf, len, &o, "nothing announced");
		else
			put(buf, len, &o, "%" PRIu64 " RPKI valid and %" PRIu64
			    " invalid of %" PRIu64 " %s (valid share - %.4g x "
			    "invalid share)", f->rpki_valid, f->rpki_invalid,
			    f->announced, unit, ws->method.rpki_invalid_factor);
		break;
	default:
		break;
	}
	return o;
}

/* ---- the store ---- */

struct incident_run {
	int64_t		run, from, to;
	uint32_t	asn;
};

static bool
find_incident(sqlite3 *db, const char *incident, struct incident_run *ir)
{
	sqlite3_stmt *st;
	bool ok = false;

	if (sqlite3_prepare_v2(db, "SELECT i.run_id, i.asn, r.period_from, "
	    "r.period_to FROM incidents i JOIN runs r ON r.id = i.run_id "
	    "WHERE i.id = ?", -1, &st, NULL) != SQLITE_OK)
		return false;
	sqlite3_bind_text(st, 1, incident, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		ir->run = sqlite3_column_int64(st, 0);
		ir->asn = (uint32_t)sqlite3_column_int64(st, 1);
		ir->from = sqlite3_column_int64(st, 2);
		ir->to = sqlite3_column_int64(st, 3);
		ok = true;
	}
	sqlite3_finalize(st);
	return ok;
}

/*
 * The period text of the run's scores for the AS: from its period facts
 * row, else from its stored scores (a store older than the facts).
 */
static bool
run_period(sqlite3 *db, const struct window_src *w, int64_t run,
    char buf[WINDOW_PERIOD_LEN])
{
	sqlite3_stmt *st;
	const unsigned char *t;
	bool ok = false;
	size_t i;

	for (i = 0; i < w->nfacts; i++)
		if (w->facts[i].period && w->facts[i].run_id == run) {
			snprintf(buf, WINDOW_PERIOD_LEN, "%s", w->facts[i].name);
			return true;
		}
	if (sqlite3_prepare_v2(db, "SELECT period FROM scores WHERE run_id = ? "
	    "AND asn = ? AND length(period) <> 10 LIMIT 1", -1, &st, NULL) !=
	    SQLITE_OK)
		return false;
	sqlite3_bind_int64(st, 1, run);
	sqlite3_bind_int64(st, 2, w->asn);
	if (sqlite3_step(st) == SQLITE_ROW &&
	    (t = sqlite3_column_text(st, 0)) != NULL) {
		snprintf(buf, WINDOW_PERIOD_LEN, "%s", (const char *)t);
		ok = true;
	}
	sqlite3_finalize(st);
	return ok;
}

bool
window_rescore_incident(struct store *s, const char *incident, void *ctx,
    char *err, size_t errlen)
{
	sqlite3 *db = store_db(s);
	sqlite3_stmt *st = NULL;
	struct incident_run ir;
	struct window_src w;
	struct window_score ws;
	char period[WINDOW_PERIOD_LEN];
	bool whole, ok = false;
	unsigned a;

	if (!find_incident(db, incident, &ir)) {
		/* Its run was replaced: the next observe run scores it. */
		return true;
	}
	if (!window_load(s, ir.asn, ir.from, ir.to, &w, err, errlen))
		return false;
	whole = window_score_run(&w, ir.run, &ws);
	if (!run_period(db, &w, ir.run, period)) {
		ok = true;		/* the AS has no stored scores there */
		goto out;
	}
	/* Without the period facts only Filtering can be recomputed. */
	if (sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO scores (run_id, "
	    "asn, period, action, pct, label) VALUES (?, ?, ?, ?, ?, ?)", -1,
	    &st, NULL) != SQLITE_OK)
		goto dberr;
	for (a = 0; a < ACTION_COUNT; a++) {
		if (!whole && a != ACT_FILTERING)
			continue;
		sqlite3_bind_int64(st, 1, ir.run);
		sqlite3_bind_int64(st, 2, ir.asn);
		sqlite3_bind_text(st, 3, period, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, action_name((enum action)a), -1,
		    SQLITE_STATIC);
		if (ws.score.label[a] == LABEL_NODATA)
			sqlite3_bind_null(st, 5);
		else
			sqlite3_bind_double(st, 5, ws.score.pct[a]);
		sqlite3_bind_text(st, 6, label_name(ws.score.label[a]), -1,
		    SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE)
			goto dberr;
		sqlite3_reset(st);
	}
	if (ctx != NULL) {
		struct window_rescored *r = ctx;

		r->done = true;
		r->whole = whole;
		r->asn = ir.asn;
		r->run_id = ir.run;
		snprintf(r->period, sizeof(r->period), "%s", period);
		r->score = ws.score;
	}
	ok = true;
	goto out;
dberr:
	snprintf(err, errlen, "store: %s", sqlite3_errmsg(db));
out:
	sqlite3_finalize(st);
	window_score_free(&ws);
	window_src_free(&w);
	return ok;
}

static void
col_text(sqlite3_stmt *st, int i, char *buf, size_t len)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	snprintf(buf, len, "%s", t != NULL ? (const char *)t : "");
}

bool
window_announcements(struct store *s, uint32_t asn, int64_t from, int64_t to,
    struct window_ann **out, size_t *n, char *err, size_t errlen)
{
	sqlite3_stmt *st;
	struct window_ann *v = NULL;
	size_t cap = 0, k = 0;
	bool ok = true;
	int rc;

	*out = NULL;
	*n = 0;
	/* Newest run first, so the first row of a prefix is the one kept. */
	if (sqlite3_prepare_v2(store_db(s), "SELECT a.prefix, a.rpki, a.irr, "
	    "a.first_seen, a.last_seen FROM announcements a JOIN runs r ON "
	    "r.id = a.run_id WHERE a.origin = ? AND r.period_from < ?2 AND "
	    "r.period_to > ?3 AND a.first_seen < ?2 AND a.last_seen >= ?3 "
	    "ORDER BY a.prefix, r.period_to DESC, r.id DESC", -1, &st, NULL) !=
	    SQLITE_OK) {
		snprintf(err, errlen, "store: %s", store_errmsg(s));
		return false;
	}
	sqlite3_bind_int64(st, 1, asn);
	sqlite3_bind_int64(st, 2, to);
	sqlite3_bind_int64(st, 3, from);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct window_ann a;

		col_text(st, 0, a.prefix, sizeof(a.prefix));
		if (k > 0 && strcmp(v[k - 1].prefix, a.prefix) == 0)
			continue;
		if (k >= MAX_WINDOW_ROWS) {
			snprintf(err, errlen, "AS%" PRIu32 ": more than %u "
			    "announcements", asn, MAX_WINDOW_ROWS);
			ok = false;
			break;
		}
		col_text(st, 1, a.rpki, sizeof(a.rpki));
		col_text(st, 2, a.irr, sizeof(a.irr));
		a.first_seen = sqlite3_column_int64(st, 3);
		a.last_seen = sqlite3_column_int64(st, 4);
		if (k == cap)
			v = xreallocarray(v, cap = cap ? 2 * cap : 16,
			    sizeof(*v));
		v[k++] = a;
	}
	if (ok && rc != SQLITE_DONE) {
		snprintf(err, errlen, "store: %s", store_errmsg(s));
		ok = false;
	}
	sqlite3_finalize(st);
	if (!ok) {
		free(v);
		return false;
	}
	*out = v;
	*n = k;
	return true;
}

bool
window_last_day(struct store *s, int64_t *day)
{
	/* The newest run's rows first (by index); all rows only without. */
	static const char *const sql[2] = {
		"SELECT max(period) FROM facts WHERE run_id = (SELECT id FROM "
		"runs ORDER BY period_to DESC, id DESC LIMIT 1) AND "
		"length(period) = 10",
		"SELECT max(period) FROM facts WHERE length(period) = 10",
	};
	sqlite3_stmt *st;
	const unsigned char *t;
	bool ok = false;
	unsigned q;

	for (q = 0; q < 2 && !ok; q++) {
		if (sqlite3_prepare_v2(store_db(s), sql[q], -1, &st, NULL) !=
		    SQLITE_OK)
			return false;
		if (sqlite3_step(st) == SQLITE_ROW &&
		    (t = sqlite3_column_text(st, 0)) != NULL)
			ok = utc_parse((const char *)t, day);
		sqlite3_finalize(st);
	}
	return ok;
}

size_t
window_periods(struct store *s, uint32_t asn, char *buf, size_t len)
{
	sqlite3_stmt *st;
	size_t n = 0, o = 0;

	if (len > 0)
		buf[0] = '\0';
	if (sqlite3_prepare_v2(store_db(s), "SELECT DISTINCT period FROM "
	    "scores WHERE (?1 = 0 OR asn = ?1) AND length(period) <> 10 "
	    "ORDER BY period", -1, &st, NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_int64(st, 1, asn);
	while (sqlite3_step(st) == SQLITE_ROW)
		put(buf, len, &o, "%s%s", n++ ? ", " : "",
		    (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	if (n == 0)
		put(buf, len, &o, "none");
	return n;
}
