/*
 * TAXII 2.1 (OASIS) under /taxii2/: discovery, one API root (api/), three
 * collections of the STIX objects src/report/stix.h makes from the store
 * (routing incidents, indicators, conformance reports), their objects
 * with added_after, limit, next and match[type|id|version|spec_version],
 * one object, its versions and the manifest.  Every answer is
 * application/taxii+json;version=2.1; a request whose Accept admits no
 * TAXII 2.1 answer gets 406.  Incidents and indicators need a bearer
 * token (any valid one); conformance reports are public.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>
#include <sqlite3.h>

#include "base/limits.h"
#include "report/stix.h"
#include "serve/routes.h"

#define TAXII_TYPE	"application/taxii+json;version=2.1"
#define STIX_TYPE	"application/stix+json;version=2.1"
/* Objects per page when the client gives no limit. */
#define TAXII_PAGE	100u

struct collection {
	const char		*alias;
	const char		*title;
	const char		*description;
	bool			 token;		/* reading needs a bearer token */
	const char *const	*types;
};

static const char *const incident_types[] = { "identity",
	"autonomous-system", "ipv4-addr", "ipv6-addr", "observed-data",
	"sighting", NULL };
static const char *const indicator_types[] = { "identity", "indicator",
	NULL };
static const char *const report_types[] = { "identity", "report", NULL };

static const struct collection collections[] = {
	{ "routing-incidents", "Routing incidents",
	  "Misoriginations, bogon prefixes and bogon ASNs seen by the "
	  "collectors: observed-data with their autonomous-system and "
	  "ipv4-addr/ipv6-addr observables, and sightings of the indicators.",
	  true, incident_types },
	{ "indicators", "Indicators",
	  "One indicator per offending (prefix, origin AS), with a STIX "
	  "pattern.", true, indicator_types },
	{ "conformance-reports", "MANRS conformance reports",
	  "A report per AS and month with its readiness scores in "
	  "x_manrs_scores.", false, report_types },
};
#define NCOLLECTIONS	(sizeof(collections) / sizeof(collections[0]))

/* The collection's id: UUIDv5 of its alias, stable across servers. */
static void
collection_id(const struct collection *c, char out[37])
{
	uint8_t ns[16];
	char name[64];

	(void)stix_uuid_parse(STIX_NAMESPACE, ns);
	snprintf(name, sizeof(name), "manrs/collection/%s", c->alias);
	stix_uuid5(ns, name, strlen(name), out);
}

static void
reply(struct http_response *rs, int status, json_t *j)
{
	char *t = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER |
	    JSON_REAL_PRECISION(10));

	rs->status = status;
	rs->content_type = TAXII_TYPE;
	rs->body.len = 0;
	if (t != NULL)
		ob_str(&rs->body, t);
	ob_char(&rs->body, '\n');
	free(t);
	json_decref(j);
}

/* A TAXII error message (§3.6.1). */
static void
taxii_error(struct http_response *rs, int status, const char *title,
    const char *desc)
{
	char code[8];

	snprintf(code, sizeof(code), "%d", status);
	reply(rs, status, json_pack("{s:s, s:s, s:s}", "title", title,
	    "description", desc, "http_status", code));
}

/*
 * Does Accept admit a TAXII 2.1 answer?  No header, any type, any
 * application type, and application/taxii+json with no version or
 * version=2.1 do.
 */
static bool
accept_ok(const char *h)
{
	const char *p = h, *e, *semi, *v;
	char item[128];
	size_t n;

	if (h == NULL)
		return true;
	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		e = strchr(p, ',');
		n = (size_t)((e ? e : p + strlen(p)) - p);
		if (n < sizeof(item)) {
			memcpy(item, p, n);
			item[n] = '\0';
			semi = strchr(item, ';');
			n = semi ? (size_t)(semi - item) : n;
			while (n > 0 && (item[n - 1] == ' ' || item[n - 1] == '\t'))
				n--;
			if ((n == 3 && strncmp(item, "*/*", 3) == 0) ||
			    (n == 13 && strncasecmp(item, "application/*", 13)
			    == 0))
				return true;
			v = semi ? strstr(semi, "version=") : NULL;
			if (n == 22 && strncasecmp(item,
			    "application/taxii+json", 22) == 0 &&
			    (v == NULL || strncmp(v + 8, "2.1", 3) == 0))
				return true;
		}
		if (e == NULL)
			return false;
		p = e + 1;
	}
}

static void
discovery(const struct http_request *rq, struct http_response *rs)
{
	(void)rq;
	reply(rs, 200, json_pack("{s:s, s:s, s:s, s:[s]}", "title",
	    "manrs observatory TAXII server", "description", "STIX 2.1 "
	    "objects of the routing-security incidents and MANRS "
	    "conformance reports of this observatory.", "default",
	    "/taxii2/api/", "api_roots", "/taxii2/api/"));
}

static void
api_root(struct http_response *rs)
{
	reply(rs, 200, json_pack("{s:s, s:s, s:[s], s:I}", "title",
	    "manrs observatory", "description", "Routing incidents, "
	    "indicators and conformance reports.", "versions", TAXII_TYPE,
	    "max_content_length", (json_int_t)MAX_HTTP_BODY));
}

static json_t *
collection_json(const struct collection *c, const struct http_request *rq)
{
	char id[37];

	collection_id(c, id);
	return json_pack("{s:s, s:s, s:s, s:s, s:b, s:b, s:[s]}", "id", id,
	    "title", c->title, "description", c->description, "alias",
	    c->alias, "can_read", !c->token || rq->token != NULL,
	    "can_write", 0, "media_types", STIX_TYPE);
}

/* The collection named by id or alias at the start of s ("x/..."). */
static const struct collection *
collection_find(const char *s, const char **rest)
{
	const char *e = strchr(s, '/');
	size_t n = e ? (size_t)(e - s) : strlen(s), i;
	char id[37];

	for (i = 0; i < NCOLLECTIONS; i++) {
		collection_id(&collections[i], id);
		if ((n == 36 && strncasecmp(s, id, 36) == 0) ||
		    (n == strlen(collections[i].alias) &&
		    strncmp(s, collections[i].alias, n) == 0)) {
			*rest = e ? e + 1 : "";
			return &collections[i];
		}
	}
	return NULL;
}

/* Parse the query into q; false after a 400. */
static bool
query(const struct http_request *rq, struct http_response *rs,
    const struct collection *c, struct stix_query *q)
{
	const char *v, *spec;
	char *end;
	unsigned long n;

	memset(q, 0, sizeof(*q));
	q->types = c->types;
	q->limit = TAXII_PAGE;
	if ((v = http_query(rq, "limit")) != NULL) {
		n = strtoul(v, &end, 10);
		if (*v < '1' || *v > '9' || *end != '\0' || n > MAX_HTTP_PAGE) {
			taxii_error(rs, 400, "bad limit", "limit: expected 1 "
			    "to 1000");
			return false;
		}
		q->limit = n;
	}
	if ((v = http_query(rq, "added_after")) != NULL) {
		if (!stix_time_parse(v, &q->added_after)) {
			taxii_error(rs, 400, "bad added_after", "added_after: "
			    "expected a timestamp like 2015-04-01T00:00:00Z");
			return false;
		}
		q->has_after = true;
	}
	q->next = http_query(rq, "next");
	q->match_type = http_query(rq, "match[type]");
	q->match_id = http_query(rq, "match[id]");
	q->match_version = http_query(rq, "match[version]");
	/* Every object here is STIX 2.1: another version matches none. */
	spec = http_query(rq, "match[spec_version]");
	if (spec != NULL && strstr(spec, "2.1") == NULL)
		q->match_type = "";
	return true;
}

/*
 * The objects of the whole store, built once and shared by the worker
 * threads until a run or a dispute changes what they would be (the key).
 * Building them takes seconds on a store of thousands of ASes; a page
 * then takes a scan.
 */
struct objects {
	struct stix_set	set;
	char		key[128];
	unsigned	refs;
};

static pthread_mutex_t objects_mu = PTHREAD_MUTEX_INITIALIZER;
static struct objects *objects_now;
/* Held while one thread builds: the others wait and take its result. */
static pthread_mutex_t build_mu = PTHREAD_MUTEX_INITIALIZER;

static void
objects_release(struct objects *o)
{
	bool last;

	pthread_mutex_lock(&objects_mu);
	last = --o->refs == 0;
	pthread_mutex_unlock(&objects_mu);
	if (last) {
		stix_set_free(&o->set);
		free(o);
	}
}

/* The objects built for key, referenced, or NULL. */
static struct objects *
objects_current(const char *key)
{
	struct objects *o;

	pthread_mutex_lock(&objects_mu);
	if ((o = objects_now) != NULL && strcmp(o->key, key) == 0)
		o->refs++;
	else
		o = NULL;
	pthread_mutex_unlock(&objects_mu);
	return o;
}

static struct objects *
objects_get(const struct http_request *rq)
{
	static const char sql[] = "SELECT (SELECT count(*) || '/' || "
	    "ifnull(max(id), 0) || '/' || ifnull(max(finished), 0) FROM runs)"
	    " || '/' || (SELECT count(*) || '/' || ifnull(max(at), 0) FROM "
	    "dispute_log)";
	struct objects *o, *old = NULL;
	sqlite3_stmt *st;
	sqlite3 *db = NULL;
	char key[128], err[256];

	if ((st = http_stmt(rq, sql)) == NULL ||
	    sqlite3_step(st) != SQLITE_ROW)
		return NULL;
	snprintf(key, sizeof(key), "%s", sqlite3_column_text(st, 0));
	sqlite3_reset(st);
	if ((o = objects_current(key)) != NULL)
		return o;
	pthread_mutex_lock(&build_mu);
	if ((o = objects_current(key)) != NULL) {
		pthread_mutex_unlock(&build_mu);
		return o;
	}
	/*
	 * On a connection of its own: the request's stops its queries after
	 * HTTP_QUERY_MS, and building a large store's objects takes longer,
	 * once for every request until the store changes.
	 */
	o = calloc(1, sizeof(*o));
	if (o == NULL || sqlite3_open_v2(rq->db_path, &db,
	    SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
	    !stix_load(db, NULL, NULL, &o->set, err, sizeof(err))) {
		sqlite3_close(db);
		pthread_mutex_unlock(&build_mu);
		free(o);
		return NULL;
	}
	sqlite3_close(db);
	snprintf(o->key, sizeof(o->key), "%s", key);
	o->refs = 2;			/* the cache's and the caller's */
	pthread_mutex_lock(&objects_mu);
	old = objects_now;
	objects_now = o;
	pthread_mutex_unlock(&objects_mu);
	pthread_mutex_unlock(&build_mu);
	if (old != NULL)
		objects_release(old);
	return o;
}

/*
 * The objects (or manifest records) of a collection: one page, with the
 * X-TAXII-Date-Added-First/Last headers.  versions: the versions of
 * the one object in q->match_id (§5.8).
 */
enum listing { L_OBJECTS, L_MANIFEST, L_OBJECT, L_VERSIONS };

static void
list(const struct http_request *rq, struct http_response *rs,
    struct stix_query *q, enum listing what)
{
	struct objects *all;
	const struct stix_set *set;
	struct stix_page pg;
	const struct stix_obj *o;
	const char *why;
	char t[STIX_TIME_LEN];
	json_t *env, *a;
	size_t i;

	if ((all = objects_get(rq)) == NULL) {
		http_db_error(rq, rs);
		return;
	}
	set = &all->set;
	if (!stix_select(set, q, &pg, &why)) {
		taxii_error(rs, 400, "bad parameter", why);
		objects_release(all);
		return;
	}
	if (pg.n == 0 && (what == L_OBJECT || what == L_VERSIONS)) {
		taxii_error(rs, 404, "no such object", "the collection has "
		    "no object with that id");
		goto out;
	}
	env = json_object();
	json_object_set_new(env, "more", json_boolean(pg.more));
	if (pg.more)
		json_object_set_new(env, "next", json_string(pg.next));
	a = json_array();
	for (i = 0; i < pg.n; i++) {
		o = &set->v[pg.idx[i]];
		stix_time(o->added, t);
		if (what == L_OBJECTS || what == L_OBJECT)
			json_array_append(a, o->obj);
		else if (what == L_VERSIONS)
			json_array_append_new(a, json_string(o->version));
		else
			json_array_append_new(a, json_pack("{s:s, s:s, s:s, "
			    "s:s}", "id", o->id, "date_added", t, "version",
			    o->version, "media_type", STIX_TYPE));
	}
	if (pg.n > 0)
		json_object_set_new(env, what == L_VERSIONS ? "versions" :
		    "objects", a);
	else
		json_decref(a);
	if (pg.n > 0) {
		stix_time(set->v[pg.idx[0]].added, t);
		http_set_header(rs, "X-TAXII-Date-Added-First", t);
		stix_time(set->v[pg.idx[pg.n - 1]].added, t);
		http_set_header(rs, "X-TAXII-Date-Added-Last", t);
	}
	reply(rs, 200, env);
out:
	stix_page_free(&pg);
	objects_release(all);
}

/* .../collections/{id}/... */
static void
collection(const struct http_request *rq, struct http_response *rs,
    const char *sub)
{
	const struct collection *c;
	struct stix_query q;
	const char *rest, *slash;
	char oid[STIX_ID_LEN];
	size_t n;

	if ((c = collection_find(sub, &rest)) == NULL) {
		taxii_error(rs, 404, "no such collection", "see "
		    "/taxii2/api/collections/");
		return;
	}
	if (*rest == '\0') {
		reply(rs, 200, collection_json(c, rq));
		return;
	}
	if (c->token && rq->token == NULL) {
		taxii_error(rs, 401, "a bearer token is needed",
		    "this collection needs Authorization: Bearer manrs_...");
		http_set_header(rs, "WWW-Authenticate", "Bearer");
		return;
	}
	if (!query(rq, rs, c, &q))
		return;
	if (strcmp(rest, "objects/") == 0) {
		list(rq, rs, &q, L_OBJECTS);
		return;
	}
	if (strcmp(rest, "manifest/") == 0) {
		list(rq, rs, &q, L_MANIFEST);
		return;
	}
	/* objects/{id}/ and objects/{id}/versions/ */
	if (strncmp(rest, "objects/", 8) == 0 &&
	    (slash = strchr(rest + 8, '/')) != NULL &&
	    (n = (size_t)(slash - (rest + 8))) > 0 && n < sizeof(oid) &&
	    (strcmp(slash, "/") == 0 || strcmp(slash, "/versions/") == 0)) {
		memcpy(oid, rest + 8, n);
		oid[n] = '\0';
		if (strchr(oid, ',') == NULL) {
			q.match_id = oid;
			list(rq, rs, &q, strcmp(slash, "/") == 0 ? L_OBJECT :
			    L_VERSIONS);
			return;
		}
	}
	taxii_error(rs, 404, "not found", "no such TAXII resource");
}

static void
taxii(const struct http_request *rq, struct http_response *rs)
{
	const char *sub = rq->subpath;
	json_t *a;
	size_t i;

	if (!accept_ok(http_header(rq, "Accept"))) {
		taxii_error(rs, 406, "not acceptable", "this server answers "
		    "Accept: " TAXII_TYPE);
		return;
	}
	if (*sub == '\0')
		discovery(rq, rs);
	else if (strcmp(sub, "api/") == 0)
		api_root(rs);
	else if (strcmp(sub, "api/collections/") == 0) {
		a = json_array();
		for (i = 0; i < NCOLLECTIONS; i++)
			json_array_append_new(a,
			    collection_json(&collections[i], rq));
		reply(rs, 200, json_pack("{s:o}", "collections", a));
	} else if (strncmp(sub, "api/collections/", 16) == 0)
		collection(rq, rs, sub + 16);
	else
		taxii_error(rs, 404, "not found", "no such TAXII resource");
}

const struct http_route taxii_routes[] = {
	{ "GET", "/taxii2/*", taxii, HTTP_AUTH_NONE },
	{ NULL, NULL, NULL, HTTP_AUTH_NONE },
};
