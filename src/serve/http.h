/*
 * The HTTP server of `manrs serve` (DESIGN.md §6), on libmicrohttpd.
 *
 * Each area of the server (the JSON API in api.c, the web UI in ui.c, the
 * TAXII server in taxii.c, /metrics) exports a route table; src/cli/serve.c
 * hands the tables to http_routes() before http_start().  A handler gets a
 * parsed request and fills a response:
 *
 *	static void
 *	hello(const struct http_request *rq, struct http_response *rs)
 *	{
 *		const char *name = http_query(rq, "name");
 *
 *		if (name == NULL) {
 *			http_error(rs, 400, "name is missing");
 *			return;
 *		}
 *		rs->content_type = "text/plain; charset=utf-8";
 *		ob_str(&rs->body, name);
 *	}
 *
 *	const struct http_route hello_routes[] = {
 *		{ "GET", "/hello", hello, HTTP_AUTH_NONE },
 *		{ "GET", "/hello/" "*", hello_sub, HTTP_AUTH_NONE },
 *		{ NULL, NULL, NULL, HTTP_AUTH_NONE },
 *	};
 *
 * What the server does around every handler, so handlers need not:
 * - Routing: a route path ending in "*" matches by prefix (the rest is
 *   rq->subpath), any other path matches exactly; the first match in the
 *   order the tables were added wins.  A path that matches with another
 *   method gets 405 with Allow; no match gets 404.  HEAD runs the GET
 *   handler and sends no body.
 * - Limits (src/base/limits.h): request line and headers are capped by
 *   libmicrohttpd (431/414), bodies at MAX_HTTP_BODY (413), query
 *   parameters at MAX_HTTP_PARAMS (400); paths with "..", "//" or control
 *   characters get 400; an idle connection is closed after
 *   HTTP_IDLE_TIMEOUT s; a handler's SQL is interrupted after
 *   HTTP_QUERY_MS ms (the handler sees SQLITE_INTERRUPT; reply with
 *   http_db_error()).
 * - Auth: the route's requirement is checked before the handler runs
 *   (401 without a valid bearer token, 403 for an operator token on an
 *   auditor route); rq->token is the caller's token or NULL.
 * - GET/HEAD answers with status 200 get an ETag (a hash of the body) and
 *   304 when If-None-Match names it; every GET/HEAD answer gets
 *   "Access-Control-Allow-Origin: *" and OPTIONS is answered for CORS
 *   preflight.  Handlers may set their own ETag header to skip hashing.
 * - Public /api/ GET answers (status 200 or 404, no Authorization header)
 *   are cached by path and query (src/serve/cache.h) until the store's
 *   PRAGMA data_version moves (looked at by each thread when its last
 *   look is HTTP_STALE_MS old, and after every write through the API):
 *   such handlers must answer from the store and the request alone (no
 *   clock, no other headers); their queries run in one read transaction.
 * - Every answer is counted for /metrics (route, status, latency).
 */
#ifndef MANRS_SERVE_HTTP_H
#define MANRS_SERVE_HTTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/outbuf.h"

struct sqlite3;
struct sqlite3_stmt;
struct stmt_cache;
struct serve_data;
struct http_server;

/* Seconds a connection may stay silent before it is closed. */
#define HTTP_IDLE_TIMEOUT	10u
/* Milliseconds of SQL a request may run. */
#define HTTP_QUERY_MS		5000u
/*
 * Milliseconds a worker trusts its last look at the store's version for
 * cached answers: a commit by another program is seen by every request
 * that starts this long after it; a write through the API at once.
 */
#define HTTP_STALE_MS		5

enum http_auth {
	HTTP_AUTH_NONE,		/* public; rq->token set if one was sent */
	HTTP_AUTH_TOKEN,	/* any valid, unrevoked token (operator or auditor) */
	HTTP_AUTH_AUDITOR,	/* an auditor token */
};

/* The caller's token, checked against the store (src/serve/auth.h). */
struct http_token {
	int64_t		 id;
	char		 name[128];
	bool		 auditor;	/* else operator: covers asns[] only */
	uint32_t	*asns;
	size_t		 nasns;
};

struct http_param {
	const char	*name;
	const char	*value;		/* percent-decoded; "" for "?flag" */
};

struct http_request {
	const char		*method;	/* "GET", "POST", ... ("GET" for HEAD) */
	const char		*path;		/* decoded, without the query */
	const char		*subpath;	/* after a "*" route's prefix, else "" */
	const char		*route;		/* the matched route's path, for logs */
	const struct http_param	*query;		/* in request order */
	size_t			 nquery;
	const char		*body;		/* NUL-terminated; "" when none */
	size_t			 body_len;
	const struct http_token	*token;		/* NULL: no valid token sent */
	/* This thread's read-only connection to the store; never NULL. */
	struct sqlite3		*db;
	/* Its prepared statements (store/stmts.h; http_stmt uses them). */
	struct stmt_cache	*stmts;
	/* The store's path, to open for writes (store_open). */
	const char		*db_path;
	/* What cli/serve.c loaded besides the store (src/serve/data.h). */
	const struct serve_data	*data;
	const struct http_server *server;
	void			*conn;		/* private to http.c */
};

#define HTTP_MAX_HEADERS	16

struct http_response {
	int		 status;	/* 200 unless set */
	const char	*content_type;	/* static string; default application/json */
	struct outbuf	 body;		/* memory mode, capped at MAX_HTTP_RESPONSE */
	size_t		 nheaders;
	char		*headers[HTTP_MAX_HEADERS][2];	/* owned copies */
};

typedef void (*http_handler)(const struct http_request *,
    struct http_response *);

struct http_route {
	const char	*method;	/* "GET", "POST", ...; NULL ends a table */
	const char	*path;		/* exact, or a prefix ending in "*" */
	http_handler	 fn;
	enum http_auth	 auth;
};

/* The first query parameter called name, or NULL. */
const char	*http_query(const struct http_request *, const char *name);
/* A request header (case-insensitive name), or NULL. */
const char	*http_header(const struct http_request *, const char *name);
/*
 * A prepared statement for sql on this thread's connection, cached per
 * thread by the sql pointer (pass a string literal), reset and with its
 * bindings cleared.  NULL on a SQL error (a bug: the message is logged).
 */
struct sqlite3_stmt *http_stmt(const struct http_request *, const char *sql);

/* Add a response header (copied); at most HTTP_MAX_HEADERS. */
void		 http_set_header(struct http_response *, const char *name,
		    const char *value);
/*
 * Replace the response with {"error": {"status": S, "message": M}} and
 * status S.
 */
void		 http_error(struct http_response *, int status,
		    const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* A SQL failure: 503 when it ran out of time, else 500 (and a log line). */
void		 http_db_error(const struct http_request *,
		    struct http_response *);

struct http_config {
	const char		*listen;	/* "127.0.0.1:8080", "[::1]:0" */
	unsigned		 threads;	/* worker threads, ≥ 1 */
	const char		*db_path;	/* the store, opened read-only */
	const struct serve_data	*data;
	unsigned		 max_connections;	/* 0: a default */
	size_t			 cache_bytes;	/* cache bound; 0: none */
};

/* A server not yet listening; NULL with a message in err. */
struct http_server *http_new(const struct http_config *, char *err,
		    size_t errlen);
/* Add a route table (ending with a NULL method); before http_start. */
void		 http_routes(struct http_server *, const struct http_route *);
/*
 * The answers to have ready: fn calls add(ctx, path) for each path of a
 * public GET route (no query) worth rendering before anyone asks.  A
 * thread of its own, below the workers' priority, renders them into the
 * answer cache when the server starts and again whenever the store
 * changes, while the workers keep answering; it stops early when the
 * cache is full.  fn gets a request with only db, stmts, data and server
 * set.  Call before http_start; without a cache it does nothing.
 */
typedef void	(*http_warm_fn)(const struct http_request *,
		    void (*add)(void *ctx, const char *path), void *ctx);
void		 http_warm(struct http_server *, http_warm_fn);
/* Bind and start the worker threads. */
bool		 http_start(struct http_server *, char *err, size_t errlen);
/* The port it listens on (the chosen one for port 0). */
uint16_t	 http_port(const struct http_server *);
/* Stop accepting, finish the requests under way, free everything. */
void		 http_free(struct http_server *);

/*
 * The server's counters in OpenMetrics text: requests by route and status,
 * a latency histogram per route (for the /metrics handler).
 */
void		 http_metrics(const struct http_server *, struct outbuf *);

#endif
