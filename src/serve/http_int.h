/*
 * What http.c lends the warm-up thread (warm.c), and what that thread
 * gives back; no other file includes this.
 */
#ifndef MANRS_SERVE_HTTP_INT_H
#define MANRS_SERVE_HTTP_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "serve/http.h"

struct answer_cache;
struct warm;

/*
 * A GET request on this thread's own read-only connection (opened on the
 * first call), with the server's data and a fresh query deadline; false
 * when the store cannot be opened.
 */
bool		 http_thread_request(struct http_server *,
		    struct http_request *);
/* The store's generation, looked at now (no HTTP_STALE_MS grace). */
bool		 http_store_gen(const struct http_request *, uint64_t *gen);
/* The generation last set, without looking at the store. */
uint64_t	 http_gen(const struct http_server *);
struct answer_cache *http_cache(const struct http_server *);
/*
 * Render the public GET answer of path (no query) into the cache at gen
 * with rq's connection, unless the cache has it: true when rendered.
 */
bool		 http_fill(struct http_server *, struct http_request *,
		    const char *path, uint64_t gen);
/* One OpenMetrics sample with its TYPE and HELP lines. */
void		 http_metric(struct outbuf *, const char *name,
		    const char *type, const char *help, uint64_t);

/* Start the warm-up thread with fn (http_warm); NULL when it cannot. */
struct warm	*warm_start(struct http_server *, http_warm_fn);
/* Stop it (between two answers) and free it; NULL is fine. */
void		 warm_stop(struct warm *);
/* Its samples in /metrics; gen is the store's generation now. */
void		 warm_metrics(struct warm *, uint64_t gen, struct outbuf *);

#endif
