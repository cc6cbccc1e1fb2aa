/* What the store and the reference data say about one AS or prefix. */
#include <dirent.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sqlite3.h>

#include "base/xmalloc.h"
#include "formats/peeringdb.h"
#include "formats/vrp.h"
#include "irr/load.h"
#include "net/range.h"
#include "observe/method.h"
#include "ref/bogon_model.h"
#include "report/lookup.h"
#include "rpki/rov.h"
#include "store/store.h"

#define LOOKUP_MAX_FILES	256	/* per subdirectory */

/* ---- loading DIR ---- */

struct files {
	char	*v[LOOKUP_MAX_FILES];
	size_t	 n;
};

static int
visible(const struct dirent *d)
{
	return d->d_name[0] != '.';
}

/* The regular files of dir/sub, by name. */
static void
files_of(const char *dir, const char *sub, struct files *f)
{
	struct dirent **ents;
	struct stat st;
	char path[4096];
	int n, i;

	f->n = 0;
	snprintf(path, sizeof(path), "%s/%s", dir, sub);
	if ((n = scandir(path, &ents, visible, alphasort)) < 0)
		return;
	for (i = 0; i < n; i++) {
		char *p;
		size_t len = strlen(path) + strlen(ents[i]->d_name) + 2;

		p = xmalloc(len);
		snprintf(p, len, "%s/%s", path, ents[i]->d_name);
		if (f->n < LOOKUP_MAX_FILES && stat(p, &st) == 0 &&
		    S_ISREG(st.st_mode))
			f->v[f->n++] = p;
		else
			free(p);
		free(ents[i]);
	}
	free(ents);
}

static void
files_free(struct files *f)
{
	while (f->n > 0)
		free(f->v[--f->n]);
}

static bool
load_vrps(struct lookup_data *d, char *err, size_t errlen)
{
	struct vrp_errors ve;
	struct files f;

	files_of(d->dir, "rpki", &f);
	if (f.n == 0)
		return true;
	/* Dated snapshots sort by name: the last is the newest. */
	d->vrp_files = f.n;
	d->vrp_file = xstrdup(f.v[f.n - 1]);
	files_free(&f);
	d->vrps = xcalloc(1, sizeof(*d->vrps));
	vrp_set_init(d->vrps);
	memset(&ve, 0, sizeof(ve));
	if (vrp_read(d->vrp_file, d->vrps, &ve) != 0) {
		snprintf(err, errlen, "%s", ve.fatal);
		return false;
	}
	d->rov = rov_build(d->vrps->vrps, d->vrps->nvrps);
	return true;
}

static bool
load_irr(struct lookup_data *d, char *err, size_t errlen)
{
	struct irr_load_stats st;
	struct files f;
	size_t i;
	bool ok = true;

	files_of(d->dir, "irr", &f);
	if (f.n == 0)
		return true;
	memset(&st, 0, sizeof(st));
	d->irr = irr_index_new();
	d->irr_files = f.n;
	for (i = 0; i < f.n && ok; i++)
		ok = irr_load_path(d->irr, NULL, f.v[i], &st, err, errlen);
	irr_index_finish(d->irr);
	files_free(&f);
	return ok;
}

static bool
load_bogons(struct lookup_data *d, char *err, size_t errlen)
{
	struct bogon_inputs bi;
	size_t i;
	struct files f;
	bool ok = true;

	memset(&bi, 0, sizeof(bi));
	files_of(d->dir, "rir", &f);
	for (i = 0; i < f.n && ok; i++)
		ok = bogon_inputs_add(&bi, f.v[i], err, errlen);
	if (ok && bi.niana + bi.nrir > 0) {
		d->bogons = xcalloc(1, sizeof(*d->bogons));
		ok = bogon_model_load(d->bogons, bi.iana, bi.niana, bi.rir,
		    bi.nrir);
		if (!ok)
			snprintf(err, errlen, "%s/rir: a registry file could not "
			    "be read", d->dir);
	}
	files_free(&f);
	return ok;
}

static bool
load_pdb(struct lookup_data *d, char *err, size_t errlen)
{
	struct pdb_stats st;
	struct files f;
	size_t i;
	bool ok = true;

	files_of(d->dir, "peeringdb", &f);
	if (f.n == 0)
		return true;
	memset(&st, 0, sizeof(st));
	d->pdb = pdb_new();
	for (i = 0; i < f.n && ok; i++)
		ok = pdb_read(d->pdb, f.v[i], &st, err, errlen) == 0;
	pdb_finish(d->pdb);
	files_free(&f);
	return ok;
}

bool
lookup_data_load(struct lookup_data *d, const char *dir, char *err,
    size_t errlen)
{
	struct stat st;

	memset(d, 0, sizeof(*d));
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		snprintf(err, errlen, "%s: not a directory", dir);
		return false;
	}
	d->dir = xstrdup(dir);
	if (!load_vrps(d, err, errlen) || !load_irr(d, err, errlen) ||
	    !load_bogons(d, err, errlen) || !load_pdb(d, err, errlen)) {
		lookup_data_free(d);
		return false;
	}
	return true;
}

void
lookup_data_free(struct lookup_data *d)
{
	if (d->vrps != NULL)
		vrp_set_free(d->vrps);
	free(d->vrps);
	rov_free(d->rov);
	free(d->vrp_file);
	irr_index_free(d->irr);
	if (d->bogons != NULL)
		bogon_model_free(d->bogons);
	free(d->bogons);
	if (d->pdb != NULL)
		pdb_free(d->pdb);
	free(d->dir);
	memset(d, 0, sizeof(*d));
}

/* ---- the store ---- */

static json_t *
col(sqlite3_stmt *st, int i)
{
	switch (sqlite3_column_type(st, i)) {
	case SQLITE_NULL:
		return json_null();
	case SQLITE_INTEGER:
		return json_integer(sqlite3_column_int64(st, i));
	case SQLITE_FLOAT:
		return json_real(sqlite3_column_double(st, i));
	default: {
		json_t *s = json_string((const char *)
		    sqlite3_column_text(st, i));

		return s != NULL ? s : json_null();
	}
	}
}

/*
 * Rows of a query as objects keyed by the column names, at most
 * LOOKUP_MAX_ROWS of them; *total counts all.  Parameters: the
 * integer a unless it is negative, then text unless it is NULL.
 */
static json_t *
rows(sqlite3 *db, const char *sql, int64_t a, const char *text,
    size_t *total, char *err, size_t errlen)
{
	sqlite3_stmt *st;
	json_t *arr, *o;
	int i;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "store: %s", sqlite3_errmsg(db));
		return NULL;
	}
	if (a >= 0)
		sqlite3_bind_int64(st, 1, a);
	if (text != NULL)
		sqlite3_bind_text(st, a >= 0 ? 2 : 1, text, -1, SQLITE_STATIC);
	arr = json_array();
	*total = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if ((*total)++ >= LOOKUP_MAX_ROWS)
			continue;
		o = json_object();
		for (i = 0; i < sqlite3_column_count(st); i++)
			json_object_set_new(o, sqlite3_column_name(st, i),
			    col(st, i));
		json_array_append_new(arr, o);
	}
	sqlite3_finalize(st);
	return arr;
}

/* A list with its full count: {"total": n, "list": [...]}. */
static json_t *
listed(json_t *arr, size_t total)
{
	return json_pack("{s:I, s:o}", "total", (json_int_t)total, "list", arr);
}

/* The first column of the first row, bound to a unless negative. */
static char *
one_text(sqlite3 *db, const char *sql, int64_t a)
{
	sqlite3_stmt *st;
	char *s = NULL;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return NULL;
	if (a >= 0)
		sqlite3_bind_int64(st, 1, a);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		s = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return s;
}

static json_t *
participant(sqlite3 *db, uint32_t asn, char *err, size_t errlen)
{
	json_t *a, *p;
	size_t n;

	a = rows(db, "SELECT p.org, p.program, p.member_since FROM "
	    "participants p JOIN participant_asns x ON x.participant_id = p.id"
	    " WHERE x.asn = ?", asn, NULL, &n, err, errlen);
	if (a == NULL)
		return NULL;
	p = n > 0 ? json_incref(json_array_get(a, 0)) : json_null();
	json_decref(a);
	return p;
}

static json_t *
scores(sqlite3 *db, uint32_t asn, char *err, size_t errlen)
{
	char *period = one_text(db, "SELECT max(period) FROM scores WHERE "
	    "asn = ? AND length(period) = 7", asn);
	json_t *o, *a;
	size_t n, i;
	unsigned k;

	if (period == NULL)
		return json_null();
	a = rows(db, "SELECT action, pct, label FROM scores WHERE asn = ? AND "
	    "period = ?", asn, period, &n, err, errlen);
	if (a == NULL) {
		free(period);
		return NULL;
	}
	o = json_pack("{s:s}", "period", period);
	for (k = 0; k < ACTION_COUNT; k++)
		for (i = 0; i < json_array_size(a); i++) {
			json_t *r = json_array_get(a, i);
			const char *name = action_name((enum action)k);

			if (strcmp(json_string_value(json_object_get(r,
			    "action")), name) != 0)
				continue;
			json_object_set_new(o, name, json_pack("{s:O, s:O}",
			    "pct", json_object_get(r, "pct"), "label",
			    json_object_get(r, "label")));
		}
	json_decref(a);
	free(period);
	return o;
}

/* ---- reference data ---- */

static json_t *
vrp_json(const struct vrp_set *set, const struct vrp *v)
{
	char p[PREFIX_STRLEN];

	prefix_fmt(&v->pfx, p);
	return json_pack("{s:s, s:i, s:I, s:s}", "prefix", p, "maxlen",
	    v->maxlen, "asn", (json_int_t)v->asn, "ta", vrp_ta(set, v));
}

static json_t *
irr_source(json_t *sources, const struct irr_index *idx, unsigned src)
{
	const char *name = irr_index_source_name(idx, src);
	json_t *s = json_object_get(sources, name);

	if (s == NULL) {
		s = json_pack("{s:b, s:[]}", "auth",
		    irr_index_source_auth(idx, src), "routes");
		json_object_set_new(sources, name, s);
	}
	return json_object_get(s, "routes");
}

static json_t *
bogon_reason(const struct bogon_reason *w)
{
	char buf[BOGON_REASON_STRLEN];

	if (w == NULL)
		return json_null();
	bogons_reason_fmt(w, buf, sizeof(buf));
	return json_pack("{s:s, s:s*, s:s}", "rir", w->rir ?
	    rir_display((enum rir)w->rir) : "IANA", "cc",
	    bogons_reason_cc(w)[0] != '\0' ? bogons_reason_cc(w) : NULL,
	    "entry", buf);
}

static json_t *
pdb_json(const struct pdb *pdb, uint32_t asn, bool contacts)
{
	const struct pdb_net *n = pdb_net(pdb, asn);
	const struct pdb_org *org;
	const struct pdb_poc *p;
	json_t *o, *c;
	size_t np, i;

	if (n == NULL)
		return json_pack("{s:b}", "found", 0);
	org = pdb_org(pdb, n->org_id);
	o = json_pack("{s:b, s:s?, s:s?, s:s?, s:s?, s:s?}", "found", 1,
	    "name", n->name, "aka", n->aka, "irr_as_set", n->irr_as_set,
	    "org", org != NULL ? org->name : NULL, "country", org != NULL ?
	    org->country : NULL);
	if (o == NULL)
		return json_pack("{s:b}", "found", 1);
	if (!contacts)
		return o;
	c = json_array();
	p = pdb_pocs(pdb, n->id, &np);
	for (i = 0; p != NULL && i < np; i++) {
		json_t *x = json_pack("{s:s?, s:s?, s:s?, s:s?, s:s?}", "role",
		    p[i].role, "name", p[i].name, "email", p[i].email, "phone",
		    p[i].phone, "visible", p[i].visible);

		if (x != NULL)
			json_array_append_new(c, x);
	}
	json_object_set_new(o, "contacts", c);
	return o;
}

void
lookup_unavailable(json_t *o, const struct lookup_data *d,
    const char *section, const char *sub, bool have)
{
	json_t *u = json_object_get(o, "unavailable");
	char buf[4200];

	if (have)
		return;
	if (u == NULL) {
		u = json_object();
		json_object_set_new(o, "unavailable", u);
	}
	if (d == NULL)
		snprintf(buf, sizeof(buf), "needs --data DIR (DIR/%s/)", sub);
	else
		snprintf(buf, sizeof(buf), "no files under %s/%s/", d->dir, sub);
	json_object_set_new(u, section, json_string(buf));
}

/* ---- one AS ---- */

static void
asn_reference(json_t *o, const struct lookup_data *d, uint32_t asn)
{
	size_t i, n = 0;

	if (d != NULL && d->vrps != NULL) {
		json_t *v = json_array();

		for (i = 0; i < d->vrps->nvrps; i++) {
			if (d->vrps->vrps[i].asn != asn)
				continue;
			if (n++ < LOOKUP_MAX_ROWS)
				json_array_append_new(v, vrp_json(d->vrps,
				    &d->vrps->vrps[i]));
		}
		json_object_set_new(o, "vrps", json_pack("{s:s, s:I, s:o}",
		    "file", d->vrp_file, "total", (json_int_t)n, "list", v));
	}
	lookup_unavailable(o, d, "vrps", "rpki", d != NULL && d->vrps != NULL);
	if (d != NULL && d->irr != NULL) {
		json_t *src = json_object();
		const struct irr_route *all = irr_index_routes(d->irr, &n);
		const uint32_t *mine = irr_index_by_origin(d->irr, asn, &n);
		char p[PREFIX_STRLEN];

		for (i = 0; i < n; i++) {
			const struct irr_route *r = &all[mine[i]];

			prefix_fmt(&r->pfx, p);
			json_array_append_new(irr_source(src, d->irr, r->source),
			    json_string(p));
		}
		json_object_set_new(o, "irr", json_pack("{s:I, s:o}",
		    "route_objects", (json_int_t)n, "sources", src));
	}
	lookup_unavailable(o, d, "irr", "irr", d != NULL && d->irr != NULL);
	if (d != NULL && d->bogons != NULL) {
		const struct bogon_reason *w;
		enum bogon_class c = bogons_asn(&d->bogons->b, asn, &w);

		json_object_set_new(o, "bogon", json_pack("{s:s, s:o, s:o}",
		    "class", bogon_class_name(c), "why", bogon_reason(w),
		    "region", bogon_reason(bogons_region_asn(&d->bogons->b,
		    asn))));
	}
	lookup_unavailable(o, d, "bogon", "rir",
	    d != NULL && d->bogons != NULL);
	if (d != NULL && d->pdb != NULL)
		json_object_set_new(o, "peeringdb", pdb_json(d->pdb, asn, true));
	lookup_unavailable(o, d, "peeringdb", "peeringdb",
	    d != NULL && d->pdb != NULL);
}

json_t *
lookup_asn(struct store *s, const struct lookup_data *d, uint32_t asn,
    char *err, size_t errlen)
{
	sqlite3 *db = store_db(s);
	json_t *o, *a, *inc, *part, *sc, *rp;
	char *period;
	size_t n = 0, ni;

	period = one_text(db, "SELECT max(period) FROM announcements WHERE "
	    "origin = ?", asn);
	a = rows(db, "SELECT prefix, peers, days, rpki, irr, irr_auth FROM "
	    "announcements WHERE origin = ? AND period = ? ORDER BY prefix",
	    asn, period != NULL ? period : "", &n, err, errlen);
	rp = rows(db, "SELECT coalesce(rpki, 'no VRPs') AS state, count(*) AS "
	    "n FROM announcements WHERE origin = ? AND period = ? GROUP BY 1 "
	    "ORDER BY 1", asn, period != NULL ? period : "", &ni, err, errlen);
	inc = rows(db, "SELECT * FROM (SELECT i.id, i.metric, strftime("
	    "'%Y-%m-%dT%H:%M:%SZ', i.start, 'unixepoch') AS start, strftime("
	    "'%Y-%m-%dT%H:%M:%SZ', i.end, 'unixepoch') AS end, i.score, (SELECT"
	    " d.status FROM disputes d WHERE d.incident_id = i.id ORDER BY d.id"
	    " DESC LIMIT 1) AS dispute FROM incidents i WHERE i.asn = ?) ORDER"
	    " BY start DESC, id", asn, NULL, &ni, err, errlen);
	part = participant(db, asn, err, errlen);
	sc = scores(db, asn, err, errlen);
	if (a == NULL || rp == NULL || inc == NULL || part == NULL ||
	    sc == NULL) {
		json_decref(a);
		json_decref(rp);
		json_decref(inc);
		json_decref(part);
		json_decref(sc);
		free(period);
		return NULL;
	}
	o = json_pack("{s:I, s:o, s:o, s:{s:s?, s:I, s:o, s:o}, s:o}",
	    "asn", (json_int_t)asn, "participant", part, "scores", sc,
	    "announcements", "period", period, "total", (json_int_t)n,
	    "rpki_states", rp, "list", a, "incidents", listed(inc, ni));
	free(period);
	asn_reference(o, d, asn);
	return o;
}

/* ---- one prefix ---- */

char *
lookup_newest_period(sqlite3 *db)
{
	return one_text(db, "SELECT p FROM (SELECT (SELECT period FROM "
	    "announcements a WHERE a.run_id = r.id LIMIT 1) AS p, r.period_to "
	    "AS t, r.id AS id FROM runs r) WHERE p IS NOT NULL ORDER BY t DESC,"
	    " id DESC LIMIT 1", -1);
}

char *
lookup_covering_json(const struct prefix *p, bool self)
{
	json_t *up = json_array();
	struct prefix q;
	char buf[PREFIX_STRLEN], *texts;
	int len;

	for (len = self ? p->len : p->len - 1; len >= 0; len--) {
		q = *p;
		q.len = (uint8_t)len;
		prefix_mask(&q);
		prefix_fmt(&q, buf);
		json_array_append_new(up, json_string(buf));
	}
	texts = json_dumps(up, JSON_COMPACT);
	json_decref(up);
	return texts;
}

bool
lookup_text_range(const struct prefix *p, char *lo, char *hi, size_t size)
{
	size_t i, n, len = 0;
	unsigned v;

	if (p->afi == AFI_IPV4) {
		if ((n = p->len / 8) == 0)
			return false;
		for (i = 0; i < n; i++)
			len += (size_t)snprintf(lo + len, size - len, "%u.",
			    p->b[i]);
	} else {
		if ((n = p->len / 16) == 0)
			return false;
		for (i = 0; i < n; i++) {
			v = (unsigned)p->b[2 * i] << 8 | p->b[2 * i + 1];
			if (v == 0)
				return false;
			len += (size_t)snprintf(lo + len, size - len, "%x:", v);
		}
	}
	memcpy(hi, lo, len + 1);
	hi[len - 1]++;
	return true;
}

/*
 * Announcements of the newest period covering p or covered by it: the
 * covering ones by their texts, the covered ones by a range of the text
 * index (lookup_text_range), or by a scan when there is none.
 */
static bool
related(sqlite3 *db, const struct prefix *p, json_t *o, char *err,
    size_t errlen)
{
	sqlite3_stmt *st;
	json_t *less = json_array(), *more = json_array();
	size_t nless = 0, nmore = 0;
	char *period, *texts, lo[64] = "", hi[64] = "\x7f";
	struct prefix q;

	period = lookup_newest_period(db);
	texts = lookup_covering_json(p, false);
	lookup_text_range(p, lo, hi, sizeof(lo));
	if (texts == NULL || sqlite3_prepare_v2(db, "SELECT prefix, origin, "
	    "rpki, irr FROM announcements WHERE period = ?1 AND (prefix IN "
	    "(SELECT value FROM json_each(?2)) OR (prefix >= ?3 AND prefix < "
	    "?4)) ORDER BY prefix, origin", -1, &st, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "store: %s", sqlite3_errmsg(db));
		free(period);
		free(texts);
		json_decref(less);
		json_decref(more);
		return false;
	}
	sqlite3_bind_text(st, 1, period != NULL ? period : "", -1,
	    SQLITE_STATIC);
	sqlite3_bind_text(st, 2, texts, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, lo, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, hi, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(st, 0);
		const char *why;
		json_t *arr;
		size_t *cnt;

		if (t == NULL || !prefix_parse(t, strlen(t), &q, &why) ||
		    q.afi != p->afi || q.len == p->len)
			continue;
		if (q.len < p->len && prefix_covers(&q, p)) {
			arr = less;
			cnt = &nless;
		} else if (q.len > p->len && prefix_covers(p, &q)) {
			arr = more;
			cnt = &nmore;
		} else
			continue;
		if ((*cnt)++ < LOOKUP_MAX_ROWS)
			json_array_append_new(arr, json_pack("{s:s, s:I, s:o, "
			    "s:o}", "prefix", t, "origin",
			    (json_int_t)sqlite3_column_int64(st, 1), "rpki",
			    col(st, 2), "irr", col(st, 3)));
	}
	sqlite3_finalize(st);
	free(texts);
	json_object_set_new(o, "period", period != NULL ? json_string(period) :
	    json_null());
	json_object_set_new(o, "less_specifics", listed(less, nless));
	json_object_set_new(o, "more_specifics", listed(more, nmore));
	free(period);
	return true;
}

struct irr_ctx {
	const struct irr_index	*idx;
	json_t			*src;
	const char		*rel;
	const struct prefix	*p;
	size_t			 n;
};

static bool
irr_put(void *arg, const struct irr_route *r)
{
	struct irr_ctx *c = arg;
	char p[PREFIX_STRLEN];

	prefix_fmt(&r->pfx, p);
	if (c->n++ < LOOKUP_MAX_ROWS)
		json_array_append_new(irr_source(c->src, c->idx, r->source),
		    json_pack("{s:s, s:I, s:s}", "prefix", p, "origin",
		    (json_int_t)r->origin, "relation",
		    prefix_equal(&r->pfx, c->p) ? "exact" : c->rel));
	return true;
}

static void
prefix_irr(json_t *o, const struct lookup_data *d, const struct prefix *p,
    json_t *origins)
{
	static const char *const match[] = { "none", "exact",
	    "more-specific" };
	struct irr_ctx c = { d->irr, json_object(), "less-specific", p, 0 };
	const struct irr_route *all;
	json_t *per = json_array(), *v;
	size_t lo, hi, i, n;

	irr_index_covering(d->irr, p, irr_put, &c);
	all = irr_index_routes(d->irr, &n);
	irr_index_covered(d->irr, p, &lo, &hi);
	c.rel = "more-specific";
	for (i = lo; i < hi; i++)
		if (!prefix_equal(&all[i].pfx, p))
			irr_put(&c, &all[i]);
	json_array_foreach(origins, i, v) {
		struct irr_lookup l;
		uint32_t asn = (uint32_t)json_integer_value(json_object_get(v,
		    "origin"));

		irr_index_lookup(d->irr, p, asn, &l);
		json_array_append_new(per, json_pack("{s:I, s:s, s:b, s:b}",
		    "origin", (json_int_t)asn, "match", match[l.match % 3],
		    "auth", l.auth, "nonauth", l.nonauth));
	}
	json_object_set_new(o, "irr", json_pack("{s:I, s:o, s:o}",
	    "route_objects", (json_int_t)c.n, "sources", c.src,
	    "origins", per));
}

static void
prefix_reference(json_t *o, const struct lookup_data *d,
    const struct prefix *p, json_t *origins)
{
	json_t *v;
	size_t i;

	if (d != NULL && d->rov != NULL) {
		struct vrp cov[LOOKUP_MAX_ROWS];
		json_t *arr = json_array(), *per = json_array();
		size_t n = rov_covering(d->rov, p, cov, LOOKUP_MAX_ROWS);

		for (i = 0; i < n && i < LOOKUP_MAX_ROWS; i++)
			json_array_append_new(arr, vrp_json(d->vrps, &cov[i]));
		json_array_foreach(origins, i, v) {
			enum rov_reason why;
			uint32_t asn = (uint32_t)json_integer_value(
			    json_object_get(v, "origin"));
			enum rov_state s = rov_validate(d->rov, p, asn, &why);

			json_array_append_new(per, json_pack("{s:I, s:s, s:s}",
			    "origin", (json_int_t)asn, "state",
			    rov_state_str(s), "reason", rov_reason_str(why)));
		}
		json_object_set_new(o, "vrps", json_pack("{s:s, s:I, s:o, s:o}",
		    "file", d->vrp_file, "total", (json_int_t)n, "covering",
		    arr, "origins", per));
	}
	lookup_unavailable(o, d, "vrps", "rpki", d != NULL && d->rov != NULL);
	if (d != NULL && d->irr != NULL)
		prefix_irr(o, d, p, origins);
	lookup_unavailable(o, d, "irr", "irr", d != NULL && d->irr != NULL);
	if (d != NULL && d->bogons != NULL) {
		struct bogon_hit hits[8];
		u128 first, last;
		size_t nh;
		bool inside;
		enum bogon_class c = bogons_prefix(&d->bogons->b, p, hits, 8,
		    &nh, &inside);
		json_t *arr = json_array();

		prefix_range(p, &first, &last);
		for (i = 0; i < nh && i < 8; i++)
			json_array_append_new(arr, bogon_reason(hits[i].why));
		json_object_set_new(o, "bogon", json_pack("{s:s, s:b, s:o, "
		    "s:o}", "class", bogon_class_name(c), "inside", inside,
		    "why", arr, "region", bogon_reason(bogons_region_addr(
		    &d->bogons->b, p->afi, first))));
	}
	lookup_unavailable(o, d, "bogon", "rir",
	    d != NULL && d->bogons != NULL);
	if (d != NULL && d->pdb != NULL) {
		json_t *names = json_array();

		json_array_foreach(origins, i, v) {
			json_t *x = pdb_json(d->pdb, (uint32_t)json_integer_value(
			    json_object_get(v, "origin")), false);

			json_object_set_new(x, "asn", json_integer(
			    json_integer_value(json_object_get(v, "origin"))));
			json_array_append_new(names, x);
		}
		json_object_set_new(o, "peeringdb", names);
	}
	lookup_unavailable(o, d, "peeringdb", "peeringdb",
	    d != NULL && d->pdb != NULL);
}

json_t *
lookup_prefix(struct store *s, const struct lookup_data *d,
    const struct prefix *p, char *err, size_t errlen)
{
	sqlite3 *db = store_db(s);
	json_t *o, *origins, *inc;
	char text[PREFIX_STRLEN];
	size_t n, ni;

	prefix_fmt(p, text);
	origins = rows(db, "SELECT origin, period, peers, days, rpki, irr, "
	    "irr_auth, strftime('%Y-%m-%dT%H:%M:%SZ', first_seen, 'unixepoch')"
	    " AS first_seen, strftime('%Y-%m-%dT%H:%M:%SZ', last_seen, "
	    "'unixepoch') AS last_seen FROM announcements WHERE prefix = ? "
	    "ORDER BY period DESC, origin", -1, text, &n, err, errlen);
	inc = origins == NULL ? NULL : rows(db, "SELECT i.id, i.asn, i.metric,"
	    " strftime('%Y-%m-%dT%H:%M:%SZ', i.start, 'unixepoch') AS start, "
	    "strftime('%Y-%m-%dT%H:%M:%SZ', i.end, 'unixepoch') AS end, "
	    "i.score, (SELECT d.status FROM disputes d WHERE d.incident_id = "
	    "i.id ORDER BY d.id DESC LIMIT 1) AS dispute FROM incidents i "
	    "WHERE i.id IN (SELECT incident_id FROM incident_prefixes WHERE "
	    "prefix = ?) "
	    "ORDER BY i.start DESC, i.id", -1, text, &ni, err, errlen);
	if (origins == NULL || inc == NULL) {
		json_decref(origins);
		return NULL;
	}
	o = json_pack("{s:s, s:o, s:o}", "prefix", text, "origins",
	    listed(origins, n), "incidents", listed(inc, ni));
	if (!related(db, p, o, err, errlen)) {
		json_decref(o);
		return NULL;
	}
	prefix_reference(o, d, p, json_object_get(json_object_get(o,
	    "origins"), "list"));
	return o;
}
