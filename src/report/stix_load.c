/* STIX 2.1 objects from the store's incidents and monthly scores. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "base/xmalloc.h"
#include "net/prefix.h"
#include "observe/method.h"
#include "report/model.h"
#include "report/stix.h"

/* The identity's timestamps: fixed, so every run refers to one version. */
#define IDENTITY_TIME	"2014-11-06T00:00:00.000Z"

/* One run with monthly scores: a month of objects. */
struct run {
	int64_t		 id, from, to;
	int64_t		 added;		/* ms: when the run finished */
	char		 month[8];
	char		 ts[STIX_TIME_LEN];
	const uint32_t	*asn;		/* filter, or NULL */
	char		 identity[STIX_ID_LEN];
	json_t		*refs;		/* asn text -> ids its report lists */
};

/* An offending (prefix, origin) of an incident and when it was seen. */
struct pair {
	struct prefix	 p;
	uint32_t	 origin;
	int64_t		 first, last;
	size_t		 events;
};

static void
add(struct stix_set *s, json_t *o, int64_t added)
{
	struct stix_obj *x;
	const char *v;

	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 256;
		s->v = xreallocarray(s->v, s->cap, sizeof(*s->v));
	}
	x = &s->v[s->n++];
	x->obj = o;
	x->id = json_string_value(json_object_get(o, "id"));
	x->type = json_string_value(json_object_get(o, "type"));
	x->added = added;
	if ((v = json_string_value(json_object_get(o, "modified"))) == NULL)
		v = json_string_value(json_object_get(o, "created"));
	if (v != NULL)
		snprintf(x->version, sizeof(x->version), "%s", v);
	else
		stix_time(added, x->version);
}

/* type--UUIDv5 over "manrs/<type>/<key>": ids of our SDOs and SROs. */
static void
sdo_id(const char *type, const char *key, char out[STIX_ID_LEN])
{
	uint8_t ns[16];
	char name[512], u[37];
	int n;

	(void)stix_uuid_parse(STIX_NAMESPACE, ns);
	n = snprintf(name, sizeof(name), "manrs/%s/%s", type, key);
	if (n < 0 || (size_t)n >= sizeof(name))
		n = sizeof(name) - 1;
	stix_uuid5(ns, name, (size_t)n, u);
	snprintf(out, STIX_ID_LEN, "%s--%s", type, u);
}

/* The common properties of an SDO or SRO made by the observatory. */
static json_t *
sdo(const char *type, const char *id, const struct run *r)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "type", type,
	    "spec_version", "2.1", "id", id, "created_by_ref", r->identity,
	    "created", r->ts, "modified", r->ts);
}

static json_t *
identity(const char *id)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}",
	    "type", "identity", "spec_version", "2.1", "id", id,
	    "created", IDENTITY_TIME, "modified", IDENTITY_TIME,
	    "name", "manrs observatory", "identity_class", "system",
	    "description", "An open MANRS Observatory: routing-security "
	    "incidents and conformance scores measured from public BGP, "
	    "RPKI and IRR data.");
}

static void
as_sco(struct stix_set *s, const struct run *r, uint32_t asn,
    char id[STIX_ID_LEN])
{
	json_t *props = json_pack("{s:I}", "number", (json_int_t)asn);

	(void)stix_sco_id("autonomous-system", props, id, STIX_ID_LEN);
	json_decref(props);
	add(s, json_pack("{s:s, s:s, s:s, s:I}", "type", "autonomous-system",
	    "spec_version", "2.1", "id", id, "number", (json_int_t)asn),
	    r->added);
}

static void
ip_sco(struct stix_set *s, const struct run *r, const struct prefix *p,
    char id[STIX_ID_LEN])
{
	const char *type = p->afi == AFI_IPV4 ? "ipv4-addr" : "ipv6-addr";
	char text[PREFIX_STRLEN];
	json_t *props;

	prefix_fmt(p, text);
	props = json_pack("{s:s}", "value", text);
	(void)stix_sco_id(type, props, id, STIX_ID_LEN);
	json_decref(props);
	add(s, json_pack("{s:s, s:s, s:s, s:s}", "type", type,
	    "spec_version", "2.1", "id", id, "value", text), r->added);
}

static int
pair_cmp(const void *a, const void *b)
{
	const struct pair *x = a, *y = b;
	int c = prefix_cmp(&x->p, &y->p);

	if (c != 0)
		return c;
	return x->origin < y->origin ? -1 : x->origin > y->origin;
}

/*
 * The distinct (prefix, origin) pairs of an incident, sorted, from the
 * rows observe keeps per incident (incident_prefixes: exact, where the
 * events rows are a sample), and its event count.
 */
static bool
load_pairs(sqlite3 *db, const char *incident, struct pair **out,
    size_t *npairs, size_t *nevents, size_t *skipped)
{
	static const char sql[] = "SELECT prefix, origin, first_seen, "
	    "last_seen, events FROM incident_prefixes WHERE incident_id = ?1";
	static const char count[] = "SELECT events FROM incident_counts "
	    "WHERE incident_id = ?1";
	struct pair *v = NULL, *x;
	sqlite3_stmt *st;
	size_t n = 0, cap = 0, sum = 0;
	const char *pfx, *why;
	int rc;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return false;
	sqlite3_bind_text(st, 1, incident, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t origin = sqlite3_column_int64(st, 1);

		sum += (size_t)sqlite3_column_int64(st, 4);
		if (n == cap) {
			cap = cap ? cap * 2 : 8;
			v = xreallocarray(v, cap, sizeof(*v));
		}
		x = &v[n];
		pfx = (const char *)sqlite3_column_text(st, 0);
		if (pfx == NULL || origin < 0 || origin > UINT32_MAX ||
		    !prefix_parse(pfx, strlen(pfx), &x->p, &why)) {
			(*skipped)++;
			continue;
		}
		x->origin = (uint32_t)origin;
		x->first = sqlite3_column_int64(st, 2);
		x->last = sqlite3_column_int64(st, 3);
		x->events = (size_t)sqlite3_column_int64(st, 4);
		n++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE ||
	    sqlite3_prepare_v2(db, count, -1, &st, NULL) != SQLITE_OK) {
		free(v);
		return false;
	}
	sqlite3_bind_text(st, 1, incident, -1, SQLITE_STATIC);
	*nevents = sqlite3_step(st) == SQLITE_ROW ?
	    (size_t)sqlite3_column_int64(st, 0) : sum;
	sqlite3_finalize(st);
	if (n > 0)
		qsort(v, n, sizeof(*v), pair_cmp);
	*out = v;
	*npairs = n;
	return true;
}

static void
ms_time(int64_t sec, char out[STIX_TIME_LEN])
{
	stix_time(sec * 1000, out);
}

/* The ids a report of asn lists. */
static void
ref_add(struct run *r, uint32_t asn, const char *id)
{
	char key[16];
	json_t *a;

	snprintf(key, sizeof(key), "%" PRIu32, asn);
	if ((a = json_object_get(r->refs, key)) == NULL) {
		a = json_array();
		json_object_set_new(r->refs, key, a);
	}
	json_array_append_new(a, json_string(id));
}

/* Is id already in the array (object_refs stay short: linear)? */
static bool
has_ref(const json_t *a, const char *id)
{
	size_t i;

	for (i = 0; i < json_array_size(a); i++)
		if (strcmp(json_string_value(json_array_get(a, i)), id) == 0)
			return true;
	return false;
}

/* An indicator and its sighting for one offending (prefix, origin). */
static void
indicator(struct stix_set *s, struct run *r, const char *incident,
    const char *metric, uint32_t asn, const struct pair *p,
    const char *od_id, bool ongoing)
{
	char pfx[PREFIX_STRLEN], key[256], id[STIX_ID_LEN], sid[STIX_ID_LEN];
	char pattern[160], name[256], t0[STIX_TIME_LEN], t1[STIX_TIME_LEN];
	const char *v = p->p.afi == AFI_IPV4 ? "ipv4-addr" : "ipv6-addr";
	enum metric m;
	json_t *o;

	prefix_fmt(&p->p, pfx);
	snprintf(key, sizeof(key), "%s/%s/%" PRIu32, incident, pfx,
	    p->origin);
	sdo_id("indicator", key, id);
	snprintf(pattern, sizeof(pattern), "[%s:value = '%s' AND "
	    "autonomous-system:number = %" PRIu32 "]", v, pfx, p->origin);
	snprintf(name, sizeof(name), "%s: %s originated by AS%" PRIu32,
	    metric, pfx, p->origin);
	ms_time(p->first, t0);
	ms_time(p->last, t1);
	o = sdo("indicator", id, r);
	json_object_set_new(o, "name", json_string(name));
	json_object_set_new(o, "description", json_string(
	    metric_parse(metric, &m) ? report_metric_words(m) : metric));
	json_object_set_new(o, "indicator_types",
	    json_pack("[s]", "anomalous-activity"));
	json_object_set_new(o, "pattern", json_string(pattern));
	json_object_set_new(o, "pattern_type", json_string("stix"));
	json_object_set_new(o, "pattern_version", json_string("2.1"));
	json_object_set_new(o, "valid_from", json_string(t0));
	/* Still announced at the period's end: no end of validity known. */
	if (!ongoing && p->last > p->first)
		json_object_set_new(o, "valid_until", json_string(t1));
	json_object_set_new(o, "x_manrs_incident_id", json_string(incident));
	json_object_set_new(o, "x_manrs_metric", json_string(metric));
	json_object_set_new(o, "x_manrs_asn", json_integer(asn));
	add(s, o, r->added);
	ref_add(r, asn, id);

	sdo_id("sighting", key, sid);
	o = sdo("sighting", sid, r);
	json_object_set_new(o, "sighting_of_ref", json_string(id));
	json_object_set_new(o, "observed_data_refs", json_pack("[s]", od_id));
	json_object_set_new(o, "where_sighted_refs",
	    json_pack("[s]", r->identity));
	json_object_set_new(o, "first_seen", json_string(t0));
	json_object_set_new(o, "last_seen", json_string(t1));
	json_object_set_new(o, "count", json_integer(
	    p->events > 999999999 ? 999999999 : (json_int_t)p->events));
	json_object_set_new(o, "x_manrs_incident_id", json_string(incident));
	add(s, o, r->added);
	ref_add(r, asn, sid);
}

/* The objects of one incident. */
static bool
incident(sqlite3 *db, struct stix_set *s, struct run *r, sqlite3_stmt *st)
{
	const char *id = (const char *)sqlite3_column_text(st, 0);
	const char *metric = (const char *)sqlite3_column_text(st, 2);
	uint32_t asn = (uint32_t)sqlite3_column_int64(st, 1);
	int64_t start = sqlite3_column_int64(st, 3);
	int64_t end = sqlite3_column_int64(st, 4);
	char od[STIX_ID_LEN], sco[STIX_ID_LEN], t0[STIX_TIME_LEN];
	char t1[STIX_TIME_LEN];
	struct pair *p = NULL;
	size_t np, nev, i;
	json_t *o, *refs;

	if (id == NULL || metric == NULL)
		return true;
	if (!load_pairs(db, id, &p, &np, &nev, &s->skipped))
		return false;
	refs = json_array();
	as_sco(s, r, asn, sco);
	json_array_append_new(refs, json_string(sco));
	for (i = 0; i < np; i++) {
		as_sco(s, r, p[i].origin, sco);
		if (!has_ref(refs, sco))
			json_array_append_new(refs, json_string(sco));
		ip_sco(s, r, &p[i].p, sco);
		if (i == 0 || prefix_cmp(&p[i - 1].p, &p[i].p) != 0)
			json_array_append_new(refs, json_string(sco));
	}
	sdo_id("observed-data", id, od);
	ms_time(start, t0);
	ms_time(end > start ? end : start, t1);
	o = sdo("observed-data", od, r);
	json_object_set_new(o, "first_observed", json_string(t0));
	json_object_set_new(o, "last_observed", json_string(t1));
	json_object_set_new(o, "number_observed", json_integer(nev == 0 ? 1 :
	    nev > 999999999 ? 999999999 : (json_int_t)nev));
	json_object_set_new(o, "object_refs", refs);
	json_object_set_new(o, "x_manrs_incident_id", json_string(id));
	json_object_set_new(o, "x_manrs_metric", json_string(metric));
	json_object_set_new(o, "x_manrs_asn", json_integer(asn));
	json_object_set_new(o, "x_manrs_score",
	    json_real(sqlite3_column_double(st, 5)));
	json_object_set_new(o, "x_manrs_weight",
	    json_real(sqlite3_column_double(st, 6)));
	json_object_set_new(o, "x_manrs_disputed",
	    json_boolean(sqlite3_column_int64(st, 7) > 0));
	add(s, o, r->added);
	ref_add(r, asn, od);
	for (i = 0; i < np; i++)
		indicator(s, r, id, metric, asn, &p[i], od, end >= r->to);
	free(p);
	return true;
}

/* Every incident of the run not accepted as a false positive. */
static bool
incidents(sqlite3 *db, struct stix_set *s, struct run *r)
{
	static const char sql[] = "SELECT i.id, i.asn, i.metric, i.start, "
	    "i.end, i.score, i.weight, (SELECT count(*) FROM disputes d "
	    "WHERE d.incident_id = i.id AND d.status = 'open') "
	    "FROM incidents i WHERE i.run_id = ?1 AND (?2 IS NULL OR "
	    "i.asn = ?2) AND NOT EXISTS (SELECT 1 FROM disputes d WHERE "
	    "d.incident_id = i.id AND d.status = 'accepted') "
	    "ORDER BY i.asn, i.start, i.id";
	sqlite3_stmt *st;
	bool ok = true;
	int rc;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return false;
	sqlite3_bind_int64(st, 1, r->id);
	if (r->asn != NULL)
		sqlite3_bind_int64(st, 2, *r->asn);
	while (ok && (rc = sqlite3_step(st)) == SQLITE_ROW)
		ok = incident(db, s, r, st);
	sqlite3_finalize(st);
	return ok && rc == SQLITE_DONE;
}

static void
report(struct stix_set *s, struct run *r, uint32_t asn, json_t *scores)
{
	char key[32], id[STIX_ID_LEN], sco[STIX_ID_LEN], name[96];
	json_t *o, *refs, *mine;
	size_t i;

	snprintf(key, sizeof(key), "%" PRIu32 "/%s", asn, r->month);
	sdo_id("report", key, id);
	as_sco(s, r, asn, sco);
	refs = json_pack("[s]", sco);
	snprintf(key, sizeof(key), "%" PRIu32, asn);
	mine = json_object_get(r->refs, key);
	for (i = 0; i < json_array_size(mine); i++)
		json_array_append(refs, json_array_get(mine, i));
	snprintf(name, sizeof(name), "MANRS conformance of AS%" PRIu32
	    ", %s", asn, r->month);
	o = sdo("report", id, r);
	json_object_set_new(o, "name", json_string(name));
	json_object_set_new(o, "description", json_string("Readiness "
	    "scores of the MANRS actions for the month, with the "
	    "non-compliance incidents behind them."));
	json_object_set_new(o, "report_types", json_pack("[s]",
	    "threat-report"));
	json_object_set_new(o, "published", json_string(r->ts));
	json_object_set_new(o, "object_refs", refs);
	json_object_set_new(o, "x_manrs_asn", json_integer(asn));
	json_object_set_new(o, "x_manrs_period", json_string(r->month));
	json_object_set_new(o, "x_manrs_scores", scores);
	add(s, o, r->added);
}

/* A report per AS scored in the run's month. */
static bool
reports(sqlite3 *db, struct stix_set *s, struct run *r)
{
	static const char sql[] = "SELECT asn, action, pct, label "
	    "FROM scores WHERE run_id = ?1 AND period = ?2 AND "
	    "(?3 IS NULL OR asn = ?3) ORDER BY asn, action";
	sqlite3_stmt *st;
	json_t *scores = NULL;
	uint32_t cur = 0, asn;
	int rc;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return false;
	sqlite3_bind_int64(st, 1, r->id);
	sqlite3_bind_text(st, 2, r->month, -1, SQLITE_STATIC);
	if (r->asn != NULL)
		sqlite3_bind_int64(st, 3, *r->asn);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		asn = (uint32_t)sqlite3_column_int64(st, 0);
		if (scores != NULL && asn != cur) {
			report(s, r, cur, scores);
			scores = NULL;
		}
		if (scores == NULL)
			scores = json_object();
		cur = asn;
		json_object_set_new(scores,
		    (const char *)sqlite3_column_text(st, 1),
		    json_pack("{s:o, s:s}", "pct",
		    sqlite3_column_type(st, 2) == SQLITE_NULL ? json_null() :
		    json_real(sqlite3_column_double(st, 2)), "label",
		    sqlite3_column_text(st, 3) ?
		    (const char *)sqlite3_column_text(st, 3) : "No data"));
	}
	if (scores != NULL)
		report(s, r, cur, scores);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE;
}

static int
by_id(const void *a, const void *b)
{
	const struct stix_obj *x = a, *y = b;
	int c = strcmp(x->id, y->id);

	if (c != 0)
		return c;
	return x->added < y->added ? -1 : x->added > y->added;
}

static int
by_added(const void *a, const void *b)
{
	const struct stix_obj *x = a, *y = b;

	if (x->added != y->added)
		return x->added < y->added ? -1 : 1;
	return strcmp(x->id, y->id);
}

/* Each id once, the earliest; then in TAXII order. */
static void
settle(struct stix_set *s)
{
	size_t i, k = 0;

	if (s->n == 0)
		return;
	qsort(s->v, s->n, sizeof(*s->v), by_id);
	for (i = 0; i < s->n; i++) {
		if (k > 0 && strcmp(s->v[k - 1].id, s->v[i].id) == 0)
			json_decref(s->v[i].obj);
		else
			s->v[k++] = s->v[i];
	}
	s->n = k;
	qsort(s->v, s->n, sizeof(*s->v), by_added);
}

bool
stix_load(sqlite3 *db, const char *month, const uint32_t *asn,
    struct stix_set *s, char *err, size_t errlen)
{
	static const char sql[] = "SELECT r.id, r.period_from, r.period_to, "
	    "COALESCE(r.finished, r.started), p.period FROM runs r JOIN "
	    "(SELECT DISTINCT run_id, period FROM scores WHERE "
	    "length(period) = 7 AND (?1 IS NULL OR period = ?1)) p "
	    "ON p.run_id = r.id ORDER BY 4, r.id";
	struct run r;
	sqlite3_stmt *st;
	bool ok = true, first = true;
	int rc;

	memset(s, 0, sizeof(*s));
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "store: %s", sqlite3_errmsg(db));
		return false;
	}
	if (month != NULL)
		sqlite3_bind_text(st, 1, month, -1, SQLITE_STATIC);
	memset(&r, 0, sizeof(r));
	r.asn = asn;
	sdo_id("identity", "observatory", r.identity);
	while (ok && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		r.id = sqlite3_column_int64(st, 0);
		r.from = sqlite3_column_int64(st, 1);
		r.to = sqlite3_column_int64(st, 2);
		r.added = sqlite3_column_int64(st, 3) * 1000;
		snprintf(r.month, sizeof(r.month), "%s",
		    (const char *)sqlite3_column_text(st, 4));
		stix_time(r.added, r.ts);
		if (first)
			add(s, identity(r.identity), r.added);
		first = false;
		r.refs = json_object();
		ok = incidents(db, s, &r) && reports(db, s, &r);
		json_decref(r.refs);
	}
	sqlite3_finalize(st);
	if (!ok || rc != SQLITE_DONE) {
		snprintf(err, errlen, "store: %s", sqlite3_errmsg(db));
		stix_set_free(s);
		return false;
	}
	settle(s);
	return true;
}

void
stix_set_free(struct stix_set *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		json_decref(s->v[i].obj);
	free(s->v);
	memset(s, 0, sizeof(*s));
}

json_t *
stix_bundle(const struct stix_set *s, const char *month,
    const uint32_t *asn)
{
	char key[64], id[STIX_ID_LEN];
	json_t *objs = json_array();
	size_t i;

	if (asn != NULL)
		snprintf(key, sizeof(key), "%s/AS%" PRIu32,
		    month ? month : "all", *asn);
	else
		snprintf(key, sizeof(key), "%s", month ? month : "all");
	sdo_id("bundle", key, id);
	for (i = 0; i < s->n; i++)
		json_array_append(objs, s->v[i].obj);
	return json_pack("{s:s, s:s, s:o}", "type", "bundle", "id", id,
	    "objects", objs);
}
