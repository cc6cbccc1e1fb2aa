/*
 * The HTTP server: libmicrohttpd does the protocol; this file routes,
 * enforces the limits and conventions of http.h and keeps the counters.
 */
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <microhttpd.h>
#include <sqlite3.h>

#include "base/hash.h"
#include "base/limits.h"
#include "base/log.h"
#include "base/xmalloc.h"
#include "serve/accept.h"
#include "serve/auth.h"
#include "serve/cache.h"
#include "serve/http.h"
#include "serve/http_int.h"
#include "store/stmts.h"

/* Latency buckets (seconds) of the histogram in /metrics. */
static const double buckets[] = {
	0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5,
	1, 2.5, 5,
};
#define NBUCKETS	(sizeof(buckets) / sizeof(buckets[0]))
/* Status codes counted one by one; others count as their class. */
static const int statuses[] = {
	200, 201, 204, 304, 400, 401, 403, 404, 405, 409, 413, 414, 422, 431,
	500, 503,
};
#define NSTATUSES	(sizeof(statuses) / sizeof(statuses[0]))
#define NSTATUS_SLOTS	(NSTATUSES + 5)	/* + 1xx..5xx others */

struct route_stats {
	atomic_uint_fast64_t	status[NSTATUS_SLOTS];
	atomic_uint_fast64_t	bucket[NBUCKETS + 1];	/* last: +Inf */
	atomic_uint_fast64_t	sum_us;
};

/* What each read-only connection may map of the store (PRAGMA mmap_size). */
#define HTTP_MMAP_BYTES	"1073741824"

/* A worker thread's own store connection and statements. */
struct thread_state {
	sqlite3			*db;
	struct stmt_cache	*stmts;
	struct timespec	 deadline;
	bool		 timed_out;
	bool		 dv_known;
	int64_t		 data_version;	/* PRAGMA data_version last seen */
	struct timespec	 checked;	/* start of the request that looked */
};

struct http_server {
	struct http_config	 cfg;
	char			*db_path;
	struct acceptor		*acc;
	struct MHD_Daemon	**mhd;		/* cfg.threads workers */
	struct http_route	*routes;
	size_t			 nroutes;
	struct route_stats	*stats;		/* nroutes + 1: no route */
	pthread_key_t		 key;
	bool			 key_made;
	struct answer_cache	*cache;
	atomic_uint_fast64_t	 gen;	/* bumped when the store changes */
	http_warm_fn		 warm_fn;
	struct warm		*warm;		/* the warm-up thread */
	/* The reference connection: whether a change is new (store_gen). */
	pthread_mutex_t		 ref_mu;
	struct thread_state	*ref;
	int64_t			 ref_dv;
};


/* One request's state between libmicrohttpd's calls. */
struct conn {
	struct http_server	*srv;
	struct MHD_Connection	*mc;
	char			*body;
	size_t			 len, cap;
	bool			 too_big;
	size_t			 nparams;
	bool			 too_many;
	struct http_param	 params[MAX_HTTP_PARAMS];
	struct timespec		 start;
};

static const char *const status_text_slots[] = {
	"1xx", "2xx", "3xx", "4xx", "5xx",
};

const char *
http_query(const struct http_request *rq, const char *name)
{
	size_t i;

	for (i = 0; i < rq->nquery; i++)
		if (strcmp(rq->query[i].name, name) == 0)
			return rq->query[i].value;
	return NULL;
}

const char *
http_header(const struct http_request *rq, const char *name)
{
	const struct conn *c = rq->conn;

	return MHD_lookup_connection_value(c->mc, MHD_HEADER_KIND, name);
}

void
http_set_header(struct http_response *rs, const char *name,
    const char *value)
{
	if (rs->nheaders >= HTTP_MAX_HEADERS) {
		log_warnx("serve: header %s dropped: too many", name);
		return;
	}
	rs->headers[rs->nheaders][0] = xstrdup(name);
	rs->headers[rs->nheaders][1] = xstrdup(value);
	rs->nheaders++;
}

void
http_error(struct http_response *rs, int status, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	rs->status = status;
	rs->content_type = "application/json";
	rs->body.len = 0;
	rs->body.overflow = false;
	ob_str(&rs->body, "{\"error\": {\"status\": ");
	ob_u32(&rs->body, (uint32_t)status);
	ob_str(&rs->body, ", \"message\": ");
	ob_json_str(&rs->body, msg, strlen(msg));
	ob_str(&rs->body, "}}\n");
}

static struct thread_state *
thread_state(const struct http_server *srv)
{
	return pthread_getspecific(srv->key);
}

void
http_db_error(const struct http_request *rq, struct http_response *rs)
{
	struct thread_state *ts = thread_state(rq->server);

	if (ts != NULL && ts->timed_out) {
		http_error(rs, 503, "the query took longer than %u ms",
		    HTTP_QUERY_MS);
		return;
	}
	log_warnx("serve: %s: store: %s", rq->path, sqlite3_errmsg(rq->db));
	http_error(rs, 500, "store error");
}

static void
thread_state_free(void *p)
{
	struct thread_state *ts = p;

	stmt_cache_free(ts->stmts);
	sqlite3_close(ts->db);
	free(ts);
}

static int
past_deadline(void *arg)
{
	struct thread_state *ts = arg;
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	if (now.tv_sec > ts->deadline.tv_sec || (now.tv_sec ==
	    ts->deadline.tv_sec && now.tv_nsec > ts->deadline.tv_nsec)) {
		ts->timed_out = true;
		return 1;
	}
	return 0;
}

/* The store's PRAGMA data_version on ts's connection; -1 on error. */
static int64_t
data_version(struct thread_state *ts)
{
	sqlite3_stmt *st = stmt_get(ts->stmts, "PRAGMA data_version");
	int64_t dv = -1;

	if (st != NULL && sqlite3_step(st) == SQLITE_ROW)
		dv = sqlite3_column_int64(st, 0);
	if (st != NULL)
		sqlite3_reset(st);
	return dv;
}

/* A read-only connection with its statements. */
static struct thread_state *
thread_open(struct http_server *srv)
{
	struct thread_state *ts = xcalloc(1, sizeof(*ts));

	if (sqlite3_open_v2(srv->db_path, &ts->db, SQLITE_OPEN_READONLY |
	    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		log_warnx("serve: %s: %s", srv->db_path, ts->db != NULL ?
		    sqlite3_errmsg(ts->db) : "cannot open");
		sqlite3_close(ts->db);
		free(ts);
		return NULL;
	}
	sqlite3_busy_timeout(ts->db, 2000);
	ts->stmts = stmt_cache_new(ts->db);
	/* Reads through a mapping: no read(2) per page. */
	sqlite3_exec(ts->db, "PRAGMA mmap_size = " HTTP_MMAP_BYTES, NULL, NULL,
	    NULL);
	sqlite3_progress_handler(ts->db, 10000, past_deadline, ts);
	return ts;
}

/* This thread's connection, opened on its first request. */
static struct thread_state *
thread_db(struct http_server *srv)
{
	struct thread_state *ts = thread_state(srv);

	if (ts == NULL && (ts = thread_open(srv)) != NULL)
		pthread_setspecific(srv->key, ts);
	return ts;
}

struct sqlite3_stmt *
http_stmt(const struct http_request *rq, const char *sql)
{
	sqlite3_stmt *st = stmt_get(rq->stmts, sql);

	if (st == NULL)
		log_warnx("serve: %s: %s", sql, sqlite3_errmsg(rq->db));
	return st;
}

/* Route r matches path: exactly, or by prefix for a path ending in "*". */
static bool
route_matches(const struct http_route *r, const char *path,
    const char **sub)
{
	size_t n = strlen(r->path);

	if (n > 0 && r->path[n - 1] == '*') {
		if (strncmp(path, r->path, n - 1) != 0)
			return false;
		*sub = path + n - 1;
		return true;
	}
	*sub = "";
	return strcmp(path, r->path) == 0;
}

/* Paths are absolute, without dot segments, empty segments or controls. */
static bool
path_ok(const char *p)
{
	const char *s;

	if (*p != '/')
		return false;
	for (s = p; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f || *s == '\\')
			return false;
	for (s = p; s != NULL; s = strchr(s + 1, '/')) {
		if (strncmp(s, "/../", 4) == 0 || strcmp(s, "/..") == 0 ||
		    strncmp(s, "/./", 3) == 0 || strcmp(s, "/.") == 0 ||
		    (s[1] == '/'))
			return false;
	}
	return true;
}

static size_t
status_slot(int status)
{
	size_t i;

	for (i = 0; i < NSTATUSES; i++)
		if (statuses[i] == status)
			return i;
	if (status < 100 || status > 599)
		status = 500;
	return NSTATUSES + (size_t)(status / 100 - 1);
}

static void
count(struct http_server *srv, size_t route, int status, double secs)
{
	struct route_stats *st = &srv->stats[route];
	size_t b;

	atomic_fetch_add(&st->status[status_slot(status)], 1);
	for (b = 0; b < NBUCKETS && secs > buckets[b]; b++)
		;
	atomic_fetch_add(&st->bucket[b], 1);
	atomic_fetch_add(&st->sum_us, (uint64_t)(secs * 1e6));
}

static bool
etag_listed(const char *inm, const char *etag)
{
	size_t n = strlen(etag);
	const char *p = inm;

	while (*p != '\0') {
		while (*p == ' ' || *p == ',')
			p++;
		if (*p == '*')
			return true;
		if (strncmp(p, "W/", 2) == 0)
			p += 2;
		if (strncmp(p, etag, n) == 0 && (p[n] == '\0' || p[n] == ',' ||
		    p[n] == ' '))
			return true;
		while (*p != '\0' && *p != ',')
			p++;
	}
	return false;
}

static const char *
find_header(const struct http_response *rs, const char *name)
{
	size_t i;

	for (i = 0; i < rs->nheaders; i++)
		if (strcasecmp(rs->headers[i][0], name) == 0)
			return rs->headers[i][1];
	return NULL;
}

/* CORS for every GET answer, an ETag for a 200; the ETag or NULL. */
static const char *
get_headers(struct http_response *rs)
{
	const char *etag;
	char buf[32];

	http_set_header(rs, "Access-Control-Allow-Origin", "*");
	if (rs->status != 200)
		return NULL;
	if ((etag = find_header(rs, "ETag")) == NULL) {
		snprintf(buf, sizeof(buf), "\"%016llx\"", (unsigned long long)
		    hash_bytes(rs->body.buf, rs->body.len, 0x6d616e7273));
		http_set_header(rs, "ETag", buf);
		etag = find_header(rs, "ETag");
	}
	return etag;
}

/* The client has the answer with this ETag already. */
static bool
not_modified(const struct http_request *rq, const char *etag)
{
	const char *inm;

	return etag != NULL && etag[0] != '\0' &&
	    (inm = http_header(rq, "If-None-Match")) != NULL &&
	    etag_listed(inm, etag);
}

/* ETag and CORS for a GET, and 304 when the client has it already. */
static void
get_conventions(const struct http_request *rq, struct http_response *rs)
{
	if (not_modified(rq, get_headers(rs))) {
		rs->status = 304;
		rs->body.len = 0;
	}
}

/* The response libmicrohttpd sends for rs; the body passes to it. */
static struct MHD_Response *
response_make(struct http_response *rs)
{
	struct MHD_Response *r;
	size_t i;

	if (rs->body.overflow)
		http_error(rs, 500, "the answer is larger than %u bytes",
		    MAX_HTTP_RESPONSE);
	if (rs->body.len > 0) {
		r = MHD_create_response_from_buffer(rs->body.len, rs->body.buf,
		    MHD_RESPMEM_MUST_FREE);
		if (r != NULL)
			rs->body.buf = NULL;	/* libmicrohttpd frees it */
	} else
		r = MHD_create_response_from_buffer(0, (void *)(uintptr_t)"",
		    MHD_RESPMEM_PERSISTENT);
	if (r == NULL)
		return NULL;
	if (rs->status != 304 && rs->status != 204)
		MHD_add_response_header(r, "Content-Type", rs->content_type);
	for (i = 0; i < rs->nheaders; i++)
		MHD_add_response_header(r, rs->headers[i][0],
		    rs->headers[i][1]);
	return r;
}

static enum MHD_Result
send_response(struct MHD_Connection *mc, struct http_response *rs)
{
	struct MHD_Response *r;
	enum MHD_Result ret;

	if ((r = response_make(rs)) == NULL)
		return MHD_NO;
	ret = MHD_queue_response(mc, (unsigned)rs->status, r);
	MHD_destroy_response(r);
	return ret;
}

static void
response_free(struct http_response *rs)
{
	size_t i;

	ob_free(&rs->body);
	for (i = 0; i < rs->nheaders; i++) {
		free(rs->headers[i][0]);
		free(rs->headers[i][1]);
	}
}

/* Find the route; 404/405 in rs when there is none for this method. */
static const struct http_route *
route_find(struct http_server *srv, const char *method, const char *path,
    const char **sub, size_t *idx, struct http_response *rs)
{
	char allow[128] = "";
	size_t i;

	*idx = srv->nroutes;
	for (i = 0; i < srv->nroutes; i++) {
		if (!route_matches(&srv->routes[i], path, sub))
			continue;
		if (strcmp(srv->routes[i].method, method) == 0) {
			*idx = i;
			return &srv->routes[i];
		}
		if (strstr(allow, srv->routes[i].method) == NULL) {
			if (allow[0] != '\0')
				strncat(allow, ", ", sizeof(allow) -
				    strlen(allow) - 1);
			strncat(allow, srv->routes[i].method, sizeof(allow) -
			    strlen(allow) - 1);
		}
	}
	if (allow[0] != '\0') {
		http_error(rs, 405, "%s is not allowed here (allowed: %s)",
		    method, allow);
		http_set_header(rs, "Allow", allow);
	} else
		http_error(rs, 404, "no such resource: %s", path);
	return NULL;
}

static void
check_auth(const struct http_route *r, struct http_request *rq,
    struct http_token *tok, struct http_response *rs, bool *ok)
{
	const char *h = http_header(rq, "Authorization");
	const char *why = NULL;
	int st;

	*ok = false;
	st = auth_bearer(rq, h, tok, &why);
	if (st < 0) {
		http_error(rs, 401, "%s", why);
		http_set_header(rs, "WWW-Authenticate", "Bearer");
		return;
	}
	if (st > 0)
		rq->token = tok;
	if (r->auth == HTTP_AUTH_NONE) {
		*ok = true;
		return;
	}
	if (rq->token == NULL) {
		http_error(rs, 401, "this needs a bearer token "
		    "(Authorization: Bearer manrs_...)");
		http_set_header(rs, "WWW-Authenticate", "Bearer");
	} else if (r->auth == HTTP_AUTH_AUDITOR && !tok->auditor)
		http_error(rs, 403, "this needs an auditor token");
	else
		*ok = true;
}

static void
deadline_set(struct thread_state *ts)
{
	clock_gettime(CLOCK_MONOTONIC, &ts->deadline);
	ts->deadline.tv_sec += HTTP_QUERY_MS / 1000;
	ts->deadline.tv_nsec += (long)(HTTP_QUERY_MS % 1000) * 1000000;
	if (ts->deadline.tv_nsec >= 1000000000) {
		ts->deadline.tv_sec++;
		ts->deadline.tv_nsec -= 1000000000;
	}
	ts->timed_out = false;
}

static enum MHD_Result
param_add(void *arg, enum MHD_ValueKind kind, const char *key,
    const char *value)
{
	struct conn *c = arg;

	(void)kind;
	if (c->nparams == MAX_HTTP_PARAMS) {
		c->too_many = true;
		return MHD_NO;
	}
	c->params[c->nparams].name = key;
	c->params[c->nparams].value = value != NULL ? value : "";
	c->nparams++;
	return MHD_YES;
}

/* Milliseconds from a to b. */
static int64_t
ms_between(const struct timespec *a, const struct timespec *b)
{
	return (int64_t)(b->tv_sec - a->tv_sec) * 1000 +
	    (b->tv_nsec - a->tv_nsec) / 1000000;
}

/*
 * The store's generation for a request that started at start (NULL: look
 * now, whatever the last look was).  Answers kept at it include every
 * commit made before the thread's last look, and a thread looks again
 * when that was HTTP_STALE_MS or more before the request: a look steps
 * PRAGMA data_version (a WAL read lock, three system calls), more than a
 * cached answer costs.  When the thread's connection sees the version
 * move (or on its first look) the shared reference connection decides,
 * under a mutex, whether the change is one no thread has reported yet:
 * only then is the generation bumped, so one write empties the cache
 * once, not once per thread.
 */
static bool
store_gen(struct http_server *srv, struct thread_state *ts,
    const struct timespec *start, uint64_t *gen)
{
	int64_t dv, rdv;

	if (start != NULL && ts->dv_known &&
	    ms_between(&ts->checked, start) < HTTP_STALE_MS) {
		*gen = atomic_load(&srv->gen);
		return true;
	}
	if ((dv = data_version(ts)) < 0) {
		log_warnx("serve: PRAGMA data_version: %s",
		    sqlite3_errmsg(ts->db));
		return false;
	}
	if (start != NULL)
		ts->checked = *start;
	else
		clock_gettime(CLOCK_MONOTONIC, &ts->checked);
	if (!ts->dv_known || dv != ts->data_version) {
		pthread_mutex_lock(&srv->ref_mu);
		rdv = data_version(srv->ref);
		if (rdv < 0 || rdv != srv->ref_dv) {
			atomic_fetch_add(&srv->gen, 1);
			srv->ref_dv = rdv;
		}
		pthread_mutex_unlock(&srv->ref_mu);
		ts->dv_known = true;
		ts->data_version = dv;
	}
	*gen = atomic_load(&srv->gen);
	return true;
}

/*
 * Only public API answers that do not depend on the caller are cached:
 * GET (and HEAD) of a public /api/ route without an Authorization header.
 */
static bool
cacheable_request(const struct http_route *r, const struct http_request *rq,
    char *key, size_t keysz, size_t *keylen, uint64_t *gen)
{
	struct conn *c = rq->conn;

	if (strcmp(rq->method, "GET") != 0 || r->auth != HTTP_AUTH_NONE ||
	    strncmp(rq->path, "/api/", 5) != 0 ||
	    http_header(rq, "Authorization") != NULL)
		return false;
	if (!cache_key(key, keysz, keylen, rq->path, rq->query, rq->nquery))
		return false;
	return store_gen(c->srv, thread_state(c->srv), &c->start, gen);
}

/* Auth, then the handler. */
static void
run_handler(const struct http_route *r, struct http_request *rq,
    struct http_token *tok, struct http_response *rs)
{
	bool ok;

	check_auth(r, rq, tok, rs, &ok);
	if (ok) {
		r->fn(rq, rs);
		stmt_cache_idle(rq->stmts);
	} else if (strcmp(rq->method, "GET") != 0 && rq->token != NULL)
		/* Anonymous refusals are not logged: anyone could fill the
		 * log with them. */
		auth_audit(rq, "refused", NULL, rs->status, "not authorised");
}

/*
 * A cacheable handler's answer from one snapshot of the store: its
 * queries run in one read transaction (begun after the caller read the
 * generation, so the answer is at least as new as that generation).
 */
static void
render(const struct http_route *r, const struct http_request *rq,
    struct http_response *rs)
{
	sqlite3_stmt *st = http_stmt(rq, "BEGIN");
	bool txn = st != NULL && sqlite3_step(st) == SQLITE_DONE;

	r->fn(rq, rs);
	stmt_cache_idle(rq->stmts);
	if (txn && !sqlite3_get_autocommit(rq->db) &&
	    (st = http_stmt(rq, "COMMIT")) != NULL) {
		sqlite3_step(st);
		sqlite3_reset(st);
	}
}

/* Memory an answer keeps beside its key: body, headers, the response. */
static size_t
answer_bytes(const struct http_response *rs)
{
	size_t n = rs->body.len + 256, i;

	for (i = 0; i < rs->nheaders; i++)
		n += strlen(rs->headers[i][0]) + strlen(rs->headers[i][1]) +
		    64;
	return n;
}

/* Render the handler's answer and keep it; NULL when it is not kept. */
static const struct cached_answer *
answer_make(struct http_server *srv, const struct http_route *r,
    const struct http_request *rq, const char *key, size_t keylen,
    uint64_t gen, struct http_response *rs)
{
	struct MHD_Response *resp;
	const char *etag;
	size_t bytes;

	render(r, rq, rs);
	/* Errors other than 404 may be passing (a timeout). */
	if ((rs->status != 200 && rs->status != 404) || rs->body.overflow)
		return NULL;
	etag = get_headers(rs);
	if (rs->body.len > 0)	/* give back the outbuf's spare room */
		rs->body.buf = xrealloc(rs->body.buf, rs->body.len);
	bytes = answer_bytes(rs);
	if ((resp = response_make(rs)) == NULL)
		return NULL;
	return cache_put(srv->cache, key, keylen, gen, rs->status,
	    etag != NULL ? etag : "", resp, bytes);
}

static enum MHD_Result
header_copy(void *cls, enum MHD_ValueKind kind, const char *name,
    const char *value)
{
	(void)kind;
	if (strcasecmp(name, "Content-Type") != 0)
		MHD_add_response_header(cls, name, value);
	return MHD_YES;
}

/* Send a kept answer, or 304 with its headers when the client has it. */
static enum MHD_Result
send_cached(struct MHD_Connection *mc, const struct http_request *rq,
    const struct cached_answer *a, int *status)
{
	struct MHD_Response *r;
	enum MHD_Result ret;

	if (!not_modified(rq, a->etag)) {
		*status = a->status;
		return MHD_queue_response(mc, (unsigned)a->status, a->resp);
	}
	*status = 304;
	r = MHD_create_response_from_buffer(0, (void *)(uintptr_t)"",
	    MHD_RESPMEM_PERSISTENT);
	if (r == NULL)
		return MHD_NO;
	MHD_get_response_headers(a->resp, header_copy, r);
	ret = MHD_queue_response(mc, 304, r);
	MHD_destroy_response(r);
	return ret;
}

/* A public GET: from the cache, or rendered, kept and sent. */
static enum MHD_Result
answer_cacheable(struct conn *c, const struct http_route *r,
    const struct http_request *rq, const char *key, size_t keylen,
    uint64_t gen, struct http_response *rs, int *status)
{
	struct http_server *srv = c->srv;
	const struct cached_answer *a;
	enum MHD_Result ret;

	if ((a = cache_get(srv->cache, key, keylen, gen)) == NULL &&
	    (a = answer_make(srv, r, rq, key, keylen, gen, rs)) == NULL) {
		get_conventions(rq, rs);
		*status = rs->status;
		return send_response(c->mc, rs);
	}
	ret = send_cached(c->mc, rq, a, status);
	cache_release(a);
	return ret;
}

static enum MHD_Result
dispatch(struct conn *c, const char *method, const char *url)
{
	struct http_server *srv = c->srv;
	struct http_request rq = { 0 };
	struct http_response rs = { 0 };
	struct http_token tok = { 0 };
	const struct http_route *r = NULL;
	struct thread_state *ts;
	struct timespec end;
	enum MHD_Result ret;
	bool head = strcmp(method, "HEAD") == 0;
	size_t idx = srv->nroutes, keylen;
	char key[4096];
	uint64_t gen;
	int status;

	rs.status = 200;
	rs.content_type = "application/json";
	ob_init_mem(&rs.body, MAX_HTTP_RESPONSE);
	rq.method = head ? "GET" : method;
	rq.path = url;
	rq.body = c->body != NULL ? c->body : "";
	rq.body_len = c->len;
	rq.db_path = srv->db_path;
	rq.data = srv->cfg.data;
	rq.server = srv;
	rq.conn = c;
	MHD_get_connection_values(c->mc, MHD_GET_ARGUMENT_KIND, param_add, c);
	rq.query = c->params;
	rq.nquery = c->nparams;

	if (!path_ok(url))
		http_error(&rs, 400, "a path must be absolute, without \".\", "
		    "\"..\", empty segments or control characters");
	else if (c->too_big)
		http_error(&rs, 413, "the body is larger than %u bytes",
		    MAX_HTTP_BODY);
	else if (c->too_many)
		http_error(&rs, 400, "more than %u query parameters",
		    MAX_HTTP_PARAMS);
	else if (strcmp(method, "OPTIONS") == 0) {
		rs.status = 204;
		http_set_header(&rs, "Access-Control-Allow-Origin", "*");
		http_set_header(&rs, "Access-Control-Allow-Methods",
		    "GET, HEAD, OPTIONS");
		http_set_header(&rs, "Access-Control-Allow-Headers",
		    "Authorization, If-None-Match");
		http_set_header(&rs, "Access-Control-Max-Age", "86400");
	} else if ((r = route_find(srv, rq.method, url, &rq.subpath, &idx,
	    &rs)) == NULL)
		;
	else if ((ts = thread_db(srv)) == NULL)
		http_error(&rs, 503, "the store cannot be opened");
	else {
		rq.db = ts->db;
		rq.stmts = ts->stmts;
		rq.route = r->path;
		deadline_set(ts);
		if (cacheable_request(r, &rq, key, sizeof(key), &keylen,
		    &gen)) {
			ret = answer_cacheable(c, r, &rq, key, keylen, gen, &rs,
			    &status);
			goto done;
		}
		run_handler(r, &rq, &tok, &rs);
		/* A write through the API is seen by the next request at
		 * once, on any thread, not HTTP_STALE_MS later. */
		if (strcmp(rq.method, "GET") != 0)
			(void)store_gen(srv, ts, NULL, &gen);
	}
	if (strcmp(rq.method, "GET") == 0)
		get_conventions(&rq, &rs);
	status = rs.status;
	ret = send_response(c->mc, &rs);
done:
	clock_gettime(CLOCK_MONOTONIC, &end);
	count(srv, idx, status, (double)(end.tv_sec - c->start.tv_sec) +
	    (double)(end.tv_nsec - c->start.tv_nsec) / 1e9);
	response_free(&rs);
	free(tok.asns);
	return ret;
}

static enum MHD_Result
on_request(void *cls, struct MHD_Connection *mc, const char *url,
    const char *method, const char *version, const char *upload_data,
    size_t *upload_size, void **con_cls)
{
	struct http_server *srv = cls;
	struct conn *c = *con_cls;
	const char *cl;
	size_t want;

	(void)version;
	if (c == NULL) {
		c = xcalloc(1, sizeof(*c));
		c->srv = srv;
		c->mc = mc;
		clock_gettime(CLOCK_MONOTONIC, &c->start);
		cl = MHD_lookup_connection_value(mc, MHD_HEADER_KIND,
		    MHD_HTTP_HEADER_CONTENT_LENGTH);
		if (cl != NULL && strlen(cl) > 9)
			c->too_big = true;
		*con_cls = c;
		return MHD_YES;
	}
	if (*upload_size > 0) {
		/* Past the ceiling the body is read and dropped: 413 at the end. */
		want = c->len + *upload_size;
		if (c->too_big || want > MAX_HTTP_BODY)
			c->too_big = true;
		else {
			if (want + 1 > c->cap) {
				c->cap = want + 1 > 4096 ? want + 1 : 4096;
				c->body = xrealloc(c->body, c->cap);
			}
			memcpy(c->body + c->len, upload_data, *upload_size);
			c->len = want;
			c->body[c->len] = '\0';
		}
		*upload_size = 0;
		return MHD_YES;
	}
	return dispatch(c, method, url);
}

static void
on_completed(void *cls, struct MHD_Connection *mc, void **con_cls,
    enum MHD_RequestTerminationCode toe)
{
	struct conn *c = *con_cls;

	(void)cls;
	(void)mc;
	(void)toe;
	if (c == NULL)
		return;
	free(c->body);
	free(c);
	*con_cls = NULL;
}

static void
mhd_log(void *cls, const char *fmt, va_list ap)
{
	char msg[512];
	size_t n;

	(void)cls;
	vsnprintf(msg, sizeof(msg), fmt, ap);
	n = strlen(msg);
	while (n > 0 && msg[n - 1] == '\n')
		msg[--n] = '\0';
	log_info("serve: %s", msg);
}

bool
http_thread_request(struct http_server *srv, struct http_request *rq)
{
	struct thread_state *ts = thread_db(srv);

	if (ts == NULL)
		return false;
	memset(rq, 0, sizeof(*rq));
	rq->method = "GET";
	rq->body = "";
	rq->db = ts->db;
	rq->stmts = ts->stmts;
	rq->db_path = srv->db_path;
	rq->data = srv->cfg.data;
	rq->server = srv;
	deadline_set(ts);
	return true;
}

bool
http_store_gen(const struct http_request *rq, uint64_t *gen)
{
	struct http_server *srv = (struct http_server *)(uintptr_t)rq->server;

	return store_gen(srv, thread_state(srv), NULL, gen);
}

uint64_t
http_gen(const struct http_server *srv)
{
	return atomic_load(&srv->gen);
}

struct answer_cache *
http_cache(const struct http_server *srv)
{
	return srv->cache;
}

bool
http_fill(struct http_server *srv, struct http_request *rq, const char *path,
    uint64_t gen)
{
	struct http_response rs = { 0 };
	const struct http_route *r;
	const struct cached_answer *a;
	char key[4096];
	size_t keylen, idx;
	bool made = false;

	if (!cache_key(key, sizeof(key), &keylen, path, NULL, 0) ||
	    cache_has(srv->cache, key, keylen, gen))
		return false;
	rs.status = 200;
	rs.content_type = "application/json";
	ob_init_mem(&rs.body, MAX_HTTP_RESPONSE);
	rq->path = path;
	if ((r = route_find(srv, "GET", path, &rq->subpath, &idx, &rs)) !=
	    NULL && r->auth == HTTP_AUTH_NONE) {
		rq->route = r->path;
		deadline_set(thread_state(srv));
		if ((a = answer_make(srv, r, rq, key, keylen, gen, &rs)) !=
		    NULL)
			cache_release(a);
		made = true;
	}
	response_free(&rs);
	return made;
}

void
http_warm(struct http_server *srv, http_warm_fn fn)
{
	srv->warm_fn = fn;
}

struct http_server *
http_new(const struct http_config *cfg, char *err, size_t errlen)
{
	struct http_server *srv;

	if (cfg->threads < 1 || cfg->threads > MAX_HTTP_THREADS) {
		snprintf(err, errlen, "threads: %u is not within 1..%u",
		    cfg->threads, MAX_HTTP_THREADS);
		return NULL;
	}
	srv = xcalloc(1, sizeof(*srv));
	srv->cfg = *cfg;
	srv->db_path = xstrdup(cfg->db_path);
	pthread_mutex_init(&srv->ref_mu, NULL);
	if (pthread_key_create(&srv->key, thread_state_free) != 0) {
		snprintf(err, errlen, "no thread key");
		http_free(srv);
		return NULL;
	}
	srv->key_made = true;
	srv->cache = cache_new(cfg->cache_bytes);
	return srv;
}

void
http_routes(struct http_server *srv, const struct http_route *table)
{
	size_t n;

	for (n = 0; table[n].method != NULL; n++)
		;
	srv->routes = xreallocarray(srv->routes, srv->nroutes + n,
	    sizeof(*srv->routes));
	memcpy(srv->routes + srv->nroutes, table, n * sizeof(*table));
	srv->nroutes += n;
}

/*
 * Worker i's daemon: no socket and no thread of its own; accept.c runs
 * it and hands it connections.
 */
static struct MHD_Daemon *
worker_start(struct http_server *srv, unsigned i, unsigned maxconn)
{
	unsigned flags = MHD_USE_ERROR_LOG | MHD_USE_EPOLL |
	    MHD_USE_NO_LISTEN_SOCKET;

	return MHD_start_daemon(flags, 0, NULL, NULL, on_request, srv,
	    MHD_OPTION_CONNECTION_TIMEOUT, HTTP_IDLE_TIMEOUT,
	    MHD_OPTION_CONNECTION_LIMIT, maxconn,
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)MAX_HTTP_HEADERS_MEM,
	    MHD_OPTION_NOTIFY_COMPLETED, on_completed, srv,
	    MHD_OPTION_NOTIFY_CONNECTION, acceptor_notify,
	    acceptor_count(srv->acc, i),
	    MHD_OPTION_EXTERNAL_LOGGER, mhd_log, srv,
	    MHD_OPTION_END);
}

bool
http_start(struct http_server *srv, char *err, size_t errlen)
{
	unsigned maxconn = srv->cfg.max_connections != 0 ?
	    srv->cfg.max_connections : 1024;
	unsigned i, n = srv->cfg.threads;

	if (maxconn > MAX_HTTP_CONNECTIONS)
		maxconn = MAX_HTTP_CONNECTIONS;
	if ((srv->acc = acceptor_new(srv->cfg.listen, n, err, errlen)) == NULL)
		return false;
	srv->stats = xcalloc(srv->nroutes + 1, sizeof(*srv->stats));
	/* Only PRAGMA data_version runs on it: no deadline. */
	if ((srv->ref = thread_open(srv)) != NULL)
		sqlite3_progress_handler(srv->ref->db, 0, NULL, NULL);
	if (srv->ref == NULL ||
	    (srv->ref_dv = data_version(srv->ref)) < 0) {
		snprintf(err, errlen, "%s: cannot read the store",
		    srv->db_path);
		return false;
	}
	/* Before the workers, which read srv->warm for /metrics. */
	if (srv->warm_fn != NULL && srv->cfg.cache_bytes > 0)
		srv->warm = warm_start(srv, srv->warm_fn);
	srv->mhd = xcalloc(n, sizeof(*srv->mhd));
	for (i = 0; i < n; i++)
		if ((srv->mhd[i] = worker_start(srv, i,
		    (maxconn + n - 1) / n)) == NULL) {
			snprintf(err, errlen, "cannot start worker thread %u",
			    i + 1);
			return false;
		}
	return acceptor_run(srv->acc, srv->mhd, err, errlen);
}

uint16_t
http_port(const struct http_server *srv)
{
	return acceptor_port(srv->acc);
}

void
http_free(struct http_server *srv)
{
	struct thread_state *ts;
	unsigned i;

	if (srv == NULL)
		return;
	warm_stop(srv->warm);
	acceptor_free(srv->acc);
	for (i = 0; srv->mhd != NULL && i < srv->cfg.threads; i++)
		if (srv->mhd[i] != NULL)
			MHD_stop_daemon(srv->mhd[i]);
	free(srv->mhd);
	if (srv->key_made) {
		/* The main thread's, if it served (tests). */
		if ((ts = pthread_getspecific(srv->key)) != NULL)
			thread_state_free(ts);
		pthread_key_delete(srv->key);
	}
	if (srv->ref != NULL)
		thread_state_free(srv->ref);
	pthread_mutex_destroy(&srv->ref_mu);
	free(srv->routes);
	free(srv->stats);
	cache_free(srv->cache);
	free(srv->db_path);
	free(srv);
}

static void
ob_double(struct outbuf *ob, double v)
{
	char buf[64];

	snprintf(buf, sizeof(buf), "%.17g", v);
	ob_str(ob, buf);
}

static void
labels(struct outbuf *ob, const struct http_server *srv, size_t i)
{
	const char *p = i < srv->nroutes ? srv->routes[i].path : "(none)";

	ob_str(ob, "route=");
	ob_json_str(ob, p, strlen(p));
}

void
http_metric(struct outbuf *ob, const char *name, const char *type,
    const char *help, uint64_t v)
{
	ob_str(ob, "# TYPE ");
	ob_str(ob, name);
	ob_char(ob, ' ');
	ob_str(ob, type);
	ob_str(ob, "\n# HELP ");
	ob_str(ob, name);
	ob_char(ob, ' ');
	ob_str(ob, help);
	ob_char(ob, '\n');
	ob_str(ob, name);
	ob_str(ob, strcmp(type, "counter") == 0 ? "_total " : " ");
	ob_u64(ob, v);
	ob_char(ob, '\n');
}

/* The answer cache's counters and gauges. */
static void
cache_metrics(const struct http_server *srv, struct outbuf *ob)
{
	struct cache_stats cs;

	cache_stats(srv->cache, &cs);
	http_metric(ob, "manrs_cache_hits", "counter", "Public GET answers sent "
	    "from the answer cache.", cs.hits);
	http_metric(ob, "manrs_cache_misses", "counter", "Public GET answers the "
	    "cache did not have (rendered, then kept).", cs.misses);
	http_metric(ob, "manrs_cache_evictions", "counter", "Current answers "
	    "pushed out of the cache to make room.", cs.evicted);
	http_metric(ob, "manrs_cache_entries", "gauge", "Answers in the cache, "
	    "current or not yet found stale.", cs.entries);
	http_metric(ob, "manrs_cache_bytes", "gauge", "Bytes the cached answers "
	    "take (keys, bodies, headers, response objects).", cs.bytes);
	http_metric(ob, "manrs_cache_max_bytes", "gauge", "The cache's bound "
	    "(--cache-size).", cs.max_bytes);
	if (srv->warm != NULL)
		warm_metrics(srv->warm, atomic_load(&srv->gen), ob);
}

void
http_metrics(const struct http_server *srv, struct outbuf *ob)
{
	const struct route_stats *st;
	uint64_t v, cum;
	size_t i, j;
	int status;

	ob_str(ob, "# TYPE manrs_http_requests counter\n"
	    "# HELP manrs_http_requests HTTP requests answered, by route and "
	    "status.\n");
	for (i = 0; i <= srv->nroutes; i++) {
		st = &srv->stats[i];
		for (j = 0; j < NSTATUS_SLOTS; j++) {
			if ((v = atomic_load(&st->status[j])) == 0)
				continue;
			ob_str(ob, "manrs_http_requests_total{");
			labels(ob, srv, i);
			ob_str(ob, ",status=\"");
			if (j < NSTATUSES) {
				status = statuses[j];
				ob_u32(ob, (uint32_t)status);
			} else
				ob_str(ob, status_text_slots[j - NSTATUSES]);
			ob_str(ob, "\"} ");
			ob_u64(ob, v);
			ob_char(ob, '\n');
		}
	}
	ob_str(ob, "# TYPE manrs_http_request_duration_seconds histogram\n"
	    "# HELP manrs_http_request_duration_seconds Time from the request "
	    "to its answer, by route.\n"
	    "# UNIT manrs_http_request_duration_seconds seconds\n");
	for (i = 0; i <= srv->nroutes; i++) {
		st = &srv->stats[i];
		cum = 0;
		for (j = 0; j <= NBUCKETS; j++)
			cum += atomic_load(&st->bucket[j]);
		if (cum == 0)
			continue;
		cum = 0;
		for (j = 0; j <= NBUCKETS; j++) {
			cum += atomic_load(&st->bucket[j]);
			ob_str(ob, "manrs_http_request_duration_seconds_bucket{");
			labels(ob, srv, i);
			ob_str(ob, ",le=\"");
			if (j < NBUCKETS)
				ob_double(ob, buckets[j]);
			else
				ob_str(ob, "+Inf");
			ob_str(ob, "\"} ");
			ob_u64(ob, cum);
			ob_char(ob, '\n');
		}
		ob_str(ob, "manrs_http_request_duration_seconds_count{");
		labels(ob, srv, i);
		ob_str(ob, "} ");
		ob_u64(ob, cum);
		ob_str(ob, "\nmanrs_http_request_duration_seconds_sum{");
		labels(ob, srv, i);
		ob_str(ob, "} ");
		ob_double(ob, (double)atomic_load(&st->sum_us) / 1e6);
		ob_char(ob, '\n');
	}
	ob_str(ob, "# TYPE manrs_http_connections gauge\n"
	    "# HELP manrs_http_connections Open connections, by worker "
	    "thread.\n");
	for (i = 0; i < srv->cfg.threads; i++) {
		ob_str(ob, "manrs_http_connections{worker=\"");
		ob_u32(ob, (uint32_t)i + 1);
		ob_str(ob, "\"} ");
		ob_u32(ob, acceptor_conns(srv->acc, (unsigned)i));
		ob_char(ob, '\n');
	}
	cache_metrics(srv, ob);
}
