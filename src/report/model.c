/* Loading one AS's monthly report from the store. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "base/utctime.h"
#include "base/xmalloc.h"
#include "report/model.h"
#include "store/stmts.h"
#include "store/store.h"

/*
 * The statement for sql from the connection's cache (reset it when done:
 * a statement left on a row holds a read transaction); NULL on error.
 */
static sqlite3_stmt *
prep(struct stmt_cache *sc, const char *sql, char *err, size_t errlen)
{
	sqlite3_stmt *st = stmt_get(sc, sql);

	if (st == NULL)
		snprintf(err, errlen, "store: %s", sqlite3_errmsg(stmt_db(sc)));
	return st;
}

static char *
col_str(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	return t == NULL ? NULL : xstrdup((const char *)t);
}

static enum label
label_parse(const char *s)
{
	unsigned l;

	for (l = LABEL_NODATA; l <= LABEL_READY; l++)
		if (s != NULL && strcmp(s, label_name((enum label)l)) == 0)
			return (enum label)l;
	return LABEL_NODATA;
}

static int
action_parse(const char *s)
{
	unsigned a;

	for (a = 0; a < ACTION_COUNT; a++)
		if (s != NULL && strcmp(s, action_name((enum action)a)) == 0)
			return (int)a;
	return -1;
}

/* "2015-04" minus k months. */
static void
month_back(const char *month, int k, char out[8])
{
	int y = (month[0] - '0') * 1000 + (month[1] - '0') * 100 +
	    (month[2] - '0') * 10 + (month[3] - '0');
	int m = (month[5] - '0') * 10 + (month[6] - '0') - 1 - k;

	while (m < 0) {
		m += 12;
		y--;
	}
	if (y < 0)
		y = 0;
	snprintf(out, 8, "%04u-%02u", (unsigned)y % 10000u,
	    (unsigned)m % 12u + 1u);
}

/* The months the store has scores for, "2015-03, 2015-04", in err. */
static void
months_known(struct stmt_cache *sc, struct report *r, char *err, size_t errlen)
{
	sqlite3_stmt *st;
	size_t o;
	int n = 0;

	o = (size_t)snprintf(err, errlen, "AS%" PRIu32 " has no scores for %s "
	    "in the store", r->asn, r->month);
	st = prep(sc, "SELECT DISTINCT period FROM scores WHERE asn = ? AND "
	    "length(period) = 7 ORDER BY period", err + (o < errlen ? o : 0),
	    o < errlen ? errlen - o : 0);
	if (st == NULL)
		return;
	sqlite3_bind_int64(st, 1, r->asn);
	while (sqlite3_step(st) == SQLITE_ROW && o < errlen)
		o += (size_t)snprintf(err + o, errlen - o, "%s%s",
		    n++ == 0 ? "; months it has: " : ", ",
		    (const char *)sqlite3_column_text(st, 0));
	sqlite3_reset(st);
	if (n == 0 && o < errlen) {
		o += (size_t)snprintf(err + o, errlen - o, "; it has no months");
		st = prep(sc, "SELECT group_concat(period, ', ') FROM (SELECT "
		    "DISTINCT period FROM scores WHERE length(period) = 7 "
		    "ORDER BY period)", err + o, errlen - o);
		if (st == NULL)
			return;
		if (sqlite3_step(st) == SQLITE_ROW &&
		    sqlite3_column_text(st, 0) != NULL && o < errlen)
			snprintf(err + o, errlen - o, " (months in the store: %s)",
			    (const char *)sqlite3_column_text(st, 0));
		else if (o < errlen)
			snprintf(err + o, errlen - o, " (the store has no scored "
			    "months: run manrs observe first)");
		sqlite3_reset(st);
	}
}

/* The month's scores and the 6 months before, in one range query. */
static bool
load_history(struct stmt_cache *sc, struct report *r, char *err,
    size_t errlen)
{
	static const char sql[] = "SELECT period, action, pct, label, run_id "
	    "FROM scores WHERE asn = ? AND period >= ? AND period <= ? AND "
	    "length(period) = 7";
	sqlite3_stmt *st;
	struct report_month *h;
	const char *period;
	int k, a, rc;

	for (k = 0; k < REPORT_MONTHS; k++)
		month_back(r->month, REPORT_MONTHS - 1 - k,
		    r->history[k].period);
	if ((st = prep(sc, sql, err, errlen)) == NULL)
		return false;
	sqlite3_bind_int64(st, 1, r->asn);
	sqlite3_bind_text(st, 2, r->history[0].period, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, r->month, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		period = (const char *)sqlite3_column_text(st, 0);
		for (k = 0; k < REPORT_MONTHS; k++)
			if (period != NULL &&
			    strcmp(period, r->history[k].period) == 0)
				break;
		if (k == REPORT_MONTHS)
			continue;
		h = &r->history[k];
		h->present = true;
		if (k == REPORT_MONTHS - 1)
			r->run_id = sqlite3_column_int64(st, 4);
		a = action_parse((const char *)sqlite3_column_text(st, 1));
		if (a < 0)
			continue;
		h->s[a].row = true;
		h->s[a].has = sqlite3_column_type(st, 2) != SQLITE_NULL;
		h->s[a].pct = sqlite3_column_double(st, 2);
		h->s[a].label = label_parse((const char *)
		    sqlite3_column_text(st, 3));
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		snprintf(err, errlen, "store: %s",
		    sqlite3_errmsg(stmt_db(sc)));
		return false;
	}
	for (a = 0; a < ACTION_COUNT; a++) {
		const struct report_score *now = &r->history[REPORT_MONTHS - 1].s[a];
		const struct report_score *prev = &r->history[REPORT_MONTHS - 2].s[a];

		r->has_trend[a] = now->has && prev->has;
		r->trend[a] = r->has_trend[a] ? now->pct - prev->pct : 0;
	}
	return true;
}

static bool
load_disputes(struct stmt_cache *sc, struct report_incident *inc, char *err,
    size_t errlen)
{
	sqlite3_stmt *st, *lg;
	struct report_dispute *d;

	st = prep(sc, "SELECT id, status, reason, opened, opened_by FROM "
	    "disputes WHERE incident_id = ? ORDER BY id", err, errlen);
	lg = prep(sc, "SELECT at, who, what, note FROM dispute_log WHERE "
	    "dispute_id = ? ORDER BY at, rowid", err, errlen);
	if (st == NULL || lg == NULL) {
		sqlite3_reset(st);
		return false;
	}
	sqlite3_bind_text(st, 1, inc->id, -1, SQLITE_STATIC);
	inc->disputable = true;
	while (sqlite3_step(st) == SQLITE_ROW) {
		inc->disputes = xreallocarray(inc->disputes,
		    inc->ndisputes + 1, sizeof(*inc->disputes));
		d = &inc->disputes[inc->ndisputes++];
		memset(d, 0, sizeof(*d));
		d->id = sqlite3_column_int64(st, 0);
		d->status = col_str(st, 1);
		d->reason = col_str(st, 2);
		d->opened = sqlite3_column_int64(st, 3);
		d->opened_by = col_str(st, 4);
		if (d->status != NULL && strcmp(d->status, "accepted") == 0)
			inc->accepted = true;
		if (d->status != NULL && strcmp(d->status, "open") == 0)
			inc->disputable = false;
		sqlite3_reset(lg);
		sqlite3_bind_int64(lg, 1, d->id);
		while (sqlite3_step(lg) == SQLITE_ROW) {
			struct report_log *l;

			d->log = xreallocarray(d->log, d->nlog + 1,
			    sizeof(*d->log));
			l = &d->log[d->nlog++];
			l->at = sqlite3_column_int64(lg, 0);
			l->who = col_str(lg, 1);
			l->what = col_str(lg, 2);
			l->note = col_str(lg, 3);
		}
	}
	sqlite3_reset(st);
	sqlite3_reset(lg);
	if (inc->accepted)
		inc->disputable = false;
	return true;
}

static void	incident_free(struct report_incident *);

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
prefixes_free(struct report_incident *inc)
{
	size_t i;

	for (i = 0; i < inc->nprefixes; i++)
		free(inc->prefixes[i]);
	free(inc->prefixes);
	inc->prefixes = NULL;
	inc->nprefixes = 0;
}

/*
 * The exact event count and prefixes where the store keeps them (schema
 * v5: the events rows are a sample); else what the rows gave stands.
 */
static bool
load_counts(struct stmt_cache *sc, struct report_incident *inc, char *err,
    size_t errlen)
{
	sqlite3_stmt *st;
	bool first = true;

	st = prep(sc, "SELECT events FROM incident_counts WHERE incident_id = "
	    "?", err, errlen);
	if (st == NULL)
		return false;
	sqlite3_bind_text(st, 1, inc->id, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		inc->events_total = (size_t)sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	st = prep(sc, "SELECT DISTINCT prefix FROM incident_prefixes WHERE "
	    "incident_id = ? ORDER BY prefix", err, errlen);
	if (st == NULL)
		return false;
	sqlite3_bind_text(st, 1, inc->id, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (first)
			prefixes_free(inc);
		first = false;
		inc->prefixes = xreallocarray(inc->prefixes, inc->nprefixes + 1,
		    sizeof(char *));
		inc->prefixes[inc->nprefixes++] = col_str(st, 0);
	}
	sqlite3_reset(st);
	return true;
}

static bool
load_events(struct stmt_cache *sc, struct report_incident *inc, char *err,
    size_t errlen)
{
	sqlite3_stmt *st;
	struct report_event *e;
	json_error_t jerr;

	st = prep(sc, "SELECT prefix, start, end, evidence FROM events WHERE "
	    "incident_id = ? ORDER BY start, prefix, rowid", err, errlen);
	if (st == NULL)
		return false;
	sqlite3_bind_text(st, 1, inc->id, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		char *pfx = col_str(st, 0);
		size_t i;

		inc->events_total++;
		if (pfx != NULL) {
			for (i = 0; i < inc->nprefixes; i++)
				if (strcmp(inc->prefixes[i], pfx) == 0)
					break;
			if (i == inc->nprefixes) {
				inc->prefixes = xreallocarray(inc->prefixes,
				    inc->nprefixes + 1, sizeof(char *));
				inc->prefixes[inc->nprefixes++] = xstrdup(pfx);
			}
		}
		if (inc->nevents == REPORT_MAX_EVENTS) {
			free(pfx);
			continue;
		}
		inc->events = xreallocarray(inc->events, inc->nevents + 1,
		    sizeof(*inc->events));
		e = &inc->events[inc->nevents++];
		e->prefix = pfx;
		e->start = sqlite3_column_int64(st, 1);
		e->end = sqlite3_column_int64(st, 2);
		e->evidence = col_str(st, 3);
		e->ev = e->evidence == NULL ? NULL :
		    json_loads(e->evidence, JSON_REJECT_DUPLICATES, &jerr);
		if (e->ev != NULL && !json_is_object(e->ev)) {
			json_decref(e->ev);
			e->ev = NULL;
		}
	}
	sqlite3_reset(st);
	if (!load_counts(sc, inc, err, errlen))
		return false;
	if (inc->nprefixes > 1)
		qsort(inc->prefixes, inc->nprefixes, sizeof(char *), str_cmp);
	return true;
}

static bool
load_incidents(struct stmt_cache *sc, struct report *r, char *err,
    size_t errlen)
{
	sqlite3_stmt *st;
	struct report_incident *inc;
	enum metric m;
	size_t i;

	/* Those overlapping the month; zero-length ones by their start. */
	st = prep(sc, "SELECT id, metric, start, end, score, weight FROM "
	    "incidents WHERE asn = ? AND start < ? AND (end > ? OR start >= ?)"
	    " ORDER BY start, metric, id", err, errlen);
	if (st == NULL)
		return false;
	sqlite3_bind_int64(st, 1, r->asn);
	sqlite3_bind_int64(st, 2, r->to);
	sqlite3_bind_int64(st, 3, r->from);
	sqlite3_bind_int64(st, 4, r->from);
	while (sqlite3_step(st) == SQLITE_ROW) {
		r->incidents = xreallocarray(r->incidents, r->nincidents + 1,
		    sizeof(*r->incidents));
		inc = &r->incidents[r->nincidents++];
		memset(inc, 0, sizeof(*inc));
		inc->id = col_str(st, 0);
		if (!metric_parse((const char *)sqlite3_column_text(st, 1), &m))
			m = METRIC_COUNT;
		inc->metric = m;
		inc->start = sqlite3_column_int64(st, 2);
		inc->end = sqlite3_column_int64(st, 3);
		inc->score = sqlite3_column_double(st, 4);
		inc->weight = sqlite3_column_double(st, 5);
		inc->ongoing = inc->end >= r->to;
		if (inc->id == NULL)
			inc->id = xstrdup("");
	}
	sqlite3_reset(st);
	for (i = 0; i < r->nincidents; i++)
		if (!load_events(sc, &r->incidents[i], err, errlen) ||
		    !load_disputes(sc, &r->incidents[i], err, errlen))
			return false;
	return true;
}

static bool
load_announcements(struct stmt_cache *sc, struct report *r, char *err,
    size_t errlen)
{
	sqlite3_stmt *st;
	struct report_announcement *a;

	/* Invalid first, then unregistered, then by prefix. */
	st = prep(sc, "SELECT prefix, first_seen, last_seen, days, peers, rpki,"
	    " irr, irr_auth FROM announcements WHERE origin = ? AND period = ?"
	    " ORDER BY prefix", err, errlen);
	if (st == NULL)
		return false;
	sqlite3_bind_int64(st, 1, r->asn);
	sqlite3_bind_text(st, 2, r->month, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		r->ann = xreallocarray(r->ann, r->nann + 1, sizeof(*r->ann));
		a = &r->ann[r->nann++];
		a->prefix = col_str(st, 0);
		if (a->prefix == NULL)
			a->prefix = xstrdup("");
		a->first_seen = sqlite3_column_int64(st, 1);
		a->last_seen = sqlite3_column_int64(st, 2);
		a->days = sqlite3_column_int(st, 3);
		a->peers = sqlite3_column_int(st, 4);
		a->rpki = col_str(st, 5);
		a->irr = col_str(st, 6);
		a->irr_auth = sqlite3_column_type(st, 7) == SQLITE_NULL ? -1 :
		    sqlite3_column_int(st, 7) != 0;
	}
	sqlite3_reset(st);
	return true;
}

static bool
load_facts(struct stmt_cache *sc, struct report *r, char *err, size_t errlen)
{
	sqlite3_stmt *st;
	struct report_facts *f = &r->facts;

	st = prep(sc, "SELECT announced, irr_registered, rpki_valid, "
	    "rpki_invalid, irr_known, rpki_known, has_contact, spoofed FROM "
	    "facts WHERE asn = ? AND period = ?", err, errlen);
	if (st == NULL)
		return false;
	sqlite3_bind_int64(st, 1, r->asn);
	sqlite3_bind_text(st, 2, r->month, -1, SQLITE_STATIC);
	f->has_contact = -1;
	f->spoofed = -1;
	if (sqlite3_step(st) == SQLITE_ROW) {
		f->present = true;
		f->announced = sqlite3_column_int64(st, 0);
		f->irr_registered = sqlite3_column_int64(st, 1);
		f->rpki_valid = sqlite3_column_int64(st, 2);
		f->rpki_invalid = sqlite3_column_int64(st, 3);
		f->irr_known = sqlite3_column_int(st, 4) != 0;
		f->rpki_known = sqlite3_column_int(st, 5) != 0;
		if (sqlite3_column_type(st, 6) != SQLITE_NULL)
			f->has_contact = sqlite3_column_int(st, 6) != 0;
		if (sqlite3_column_type(st, 7) != SQLITE_NULL)
			f->spoofed = sqlite3_column_int64(st, 7);
	}
	sqlite3_reset(st);
	return true;
}

static bool
load_extra(struct stmt_cache *sc, struct report *r, char *err, size_t errlen)
{
	sqlite3_stmt *st;

	st = prep(sc, "SELECT p.org, p.program, p.member_since FROM "
	    "participants p JOIN participant_asns a ON a.participant_id = p.id"
	    " WHERE a.asn = ?", err, errlen);
	if (st == NULL)
		return false;
	sqlite3_bind_int64(st, 1, r->asn);
	if (sqlite3_step(st) == SQLITE_ROW) {
		r->org = col_str(st, 0);
		r->program = col_str(st, 1);
		r->member_since = col_str(st, 2);
	}
	sqlite3_reset(st);
	st = prep(sc, "SELECT finished, version FROM runs WHERE id = ?", err,
	    errlen);
	if (st == NULL)
		return false;
	sqlite3_bind_int64(st, 1, r->run_id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		r->run_finished = sqlite3_column_int64(st, 0);
		r->run_version = col_str(st, 1);
	}
	sqlite3_reset(st);
	return true;
}

static void
fix_item(struct report_fix *f, const char *item)
{
	f->count++;
	f->items = xreallocarray(f->items, f->nitems + 1, sizeof(char *));
	f->items[f->nitems++] = item;
}

/* What to fix first: the rules, most urgent first. */
static void
build_fixes(struct report *r)
{
	struct report_fix f[FIX_COUNT];
	size_t i;
	unsigned k;

	memset(f, 0, sizeof(f));
	for (i = 0; i < r->nann; i++) {
		const struct report_announcement *a = &r->ann[i];

		if (a->rpki != NULL && strcmp(a->rpki, "invalid") == 0)
			fix_item(&f[FIX_RPKI_INVALID], a->prefix);
		if (a->irr != NULL && strcmp(a->irr, "none") == 0)
			fix_item(&f[FIX_IRR_MISSING], a->prefix);
		if (a->rpki != NULL && strcmp(a->rpki, "not-found") == 0)
			fix_item(&f[FIX_NO_ROA], a->prefix);
	}
	for (i = 0; i < r->nincidents; i++)
		if (report_scored(&r->incidents[i]))
			fix_item(&f[FIX_INCIDENTS], r->incidents[i].id);
	if (r->facts.present && r->facts.has_contact == 0)
		f[FIX_NO_CONTACT].count = 1;
	if (r->facts.present && r->facts.spoofed > 0)
		f[FIX_SPOOFING].count = (size_t)r->facts.spoofed;
	if (r->facts.present && r->facts.spoofed < 0)
		f[FIX_NO_SPOOFER].count = 1;
	for (k = 0; k < FIX_COUNT; k++) {
		f[k].kind = (enum fix_kind)k;
		if (f[k].count > 0)
			r->fixes[r->nfixes++] = f[k];
	}
}

bool
report_load(struct store *s, uint32_t asn, const char *month,
    struct report *r, char *err, size_t errlen)
{
	return report_load_db(store_db(s), NULL, asn, month, r, err, errlen);
}

static bool
load_all(struct stmt_cache *sc, struct report *r, char *err, size_t errlen)
{
	if (!load_history(sc, r, err, errlen))
		return false;
	if (!r->history[REPORT_MONTHS - 1].present) {
		months_known(sc, r, err, errlen);
		return false;
	}
	if (!load_incidents(sc, r, err, errlen) ||
	    !load_announcements(sc, r, err, errlen) ||
	    !load_facts(sc, r, err, errlen) || !load_extra(sc, r, err, errlen))
		return false;
	build_fixes(r);
	return true;
}

bool
report_load_db(sqlite3 *db, struct stmt_cache *sc, uint32_t asn,
    const char *month, struct report *r, char *err, size_t errlen)
{
	struct stmt_cache *own = sc == NULL ? stmt_cache_new(db) : NULL;
	bool ok;

	memset(r, 0, sizeof(*r));
	r->asn = asn;
	if (strlen(month) != 7 || !utc_parse_month(month, &r->from, &r->to)) {
		snprintf(err, errlen, "month %s: expected YYYY-MM", month);
		stmt_cache_free(own);
		return false;
	}
	memcpy(r->month, month, 8);
	ok = load_all(sc != NULL ? sc : own, r, err, errlen);
	stmt_cache_free(own);
	if (!ok)
		report_free(r);
	return ok;
}

static int
incident_load(struct stmt_cache *sc, const char *id,
    struct report_incident *inc, uint32_t *asn, char *err, size_t errlen)
{
	static const char sql[] = "SELECT i.metric, i.start, i.end, i.score, "
	    "i.weight, i.asn, r.period_to FROM incidents i JOIN runs r ON "
	    "r.id = i.run_id WHERE i.id = ?";
	sqlite3_stmt *st;
	enum metric m;
	int rc;

	if ((st = prep(sc, sql, err, errlen)) == NULL)
		return -1;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		sqlite3_reset(st);
		if (rc != SQLITE_DONE) {
			snprintf(err, errlen, "store: %s",
			    sqlite3_errmsg(stmt_db(sc)));
			return -1;
		}
		snprintf(err, errlen, "no incident %s in the store", id);
		return 0;
	}
	inc->id = xstrdup(id);
	if (!metric_parse((const char *)sqlite3_column_text(st, 0), &m))
		m = METRIC_COUNT;
	inc->metric = m;
	inc->start = sqlite3_column_int64(st, 1);
	inc->end = sqlite3_column_int64(st, 2);
	inc->score = sqlite3_column_double(st, 3);
	inc->weight = sqlite3_column_double(st, 4);
	*asn = (uint32_t)sqlite3_column_int64(st, 5);
	inc->ongoing = inc->end >= sqlite3_column_int64(st, 6);
	sqlite3_reset(st);
	if (!load_events(sc, inc, err, errlen) ||
	    !load_disputes(sc, inc, err, errlen)) {
		report_incident_free(inc);
		return -1;
	}
	return 1;
}

int
report_incident_load(sqlite3 *db, struct stmt_cache *sc, const char *id,
    struct report_incident *inc, uint32_t *asn, char *err, size_t errlen)
{
	struct stmt_cache *own = sc == NULL ? stmt_cache_new(db) : NULL;
	int rc;

	memset(inc, 0, sizeof(*inc));
	rc = incident_load(sc != NULL ? sc : own, id, inc, asn, err, errlen);
	stmt_cache_free(own);
	return rc;
}

void
report_incident_free(struct report_incident *inc)
{
	incident_free(inc);
	memset(inc, 0, sizeof(*inc));
}

static void
incident_free(struct report_incident *inc)
{
	size_t i, j;

	free(inc->id);
	prefixes_free(inc);
	for (i = 0; i < inc->nevents; i++) {
		free(inc->events[i].prefix);
		free(inc->events[i].evidence);
		json_decref(inc->events[i].ev);
	}
	free(inc->events);
	for (i = 0; i < inc->ndisputes; i++) {
		struct report_dispute *d = &inc->disputes[i];

		free(d->status);
		free(d->reason);
		free(d->opened_by);
		for (j = 0; j < d->nlog; j++) {
			free(d->log[j].who);
			free(d->log[j].what);
			free(d->log[j].note);
		}
		free(d->log);
	}
	free(inc->disputes);
}

void
report_free(struct report *r)
{
	size_t i;

	for (i = 0; i < r->nincidents; i++)
		incident_free(&r->incidents[i]);
	free(r->incidents);
	for (i = 0; i < r->nann; i++) {
		free(r->ann[i].prefix);
		free(r->ann[i].rpki);
		free(r->ann[i].irr);
	}
	free(r->ann);
	for (i = 0; i < r->nfixes; i++)
		free(r->fixes[i].items);
	free(r->org);
	free(r->program);
	free(r->member_since);
	free(r->run_version);
	memset(r, 0, sizeof(*r));
}
