/*
 * The answer cache of `manrs serve`: public GET answers (status 200 or
 * 404) kept by path and query, as ready libmicrohttpd responses (body and
 * headers, ETag included), until the store changes.  The caller passes the
 * store's generation (http.c bumps it when any thread's connection sees
 * PRAGMA data_version move); an entry of an older generation is a miss.
 *
 * Memory is bounded (least recently used out first, per shard); the
 * table is split in shards, each under its own mutex held for a lookup,
 * never for a send: a hit hands out a reference, given back after the
 * response is queued.
 */
#ifndef MANRS_SERVE_CACHE_H
#define MANRS_SERVE_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct http_param;
struct MHD_Response;
struct answer_cache;

/* The default bound: the answers of ~100 000 ASes (about 4.5 kB each). */
#define HTTP_CACHE_BYTES	(512ull * 1024 * 1024)

/* An answer as kept: read-only while a reference is held. */
struct cached_answer {
	int			 status;
	char			 etag[24];	/* "\"...\"", or "" */
	struct MHD_Response	*resp;
};

struct cache_stats {
	uint64_t	hits, misses;
	uint64_t	evicted;	/* current ones pushed out for room */
	size_t		entries, bytes, max_bytes;
};

/* max_bytes 0: nothing is kept (every get misses). */
struct answer_cache *cache_new(size_t max_bytes);
void		 cache_free(struct answer_cache *);
/*
 * The key of a request in key (path, then each query parameter in request
 * order, NUL-separated); false when it does not fit.
 */
bool		 cache_key(char *key, size_t keysz, size_t *keylen,
		    const char *path, const struct http_param *, size_t n);
/* The answer for key at generation gen, held; NULL: a miss. */
const struct cached_answer *cache_get(struct answer_cache *, const char *key,
		    size_t keylen, uint64_t gen);
/* Whether key has an answer at gen (no reference, no hit counted). */
bool		 cache_has(struct answer_cache *, const char *key,
		    size_t keylen, uint64_t gen);
/*
 * Keep resp (its reference passes to the cache) as the answer for key at
 * gen; bytes is what it costs beside the key.  Returns it held, also when
 * it was too large to keep (then it is freed on release).
 */
const struct cached_answer *cache_put(struct answer_cache *, const char *key,
		    size_t keylen, uint64_t gen, int status, const char *etag,
		    struct MHD_Response *resp, size_t bytes);
/* Give back a reference from cache_get or cache_put. */
void		 cache_release(const struct cached_answer *);
void		 cache_stats(struct answer_cache *, struct cache_stats *);

#endif
