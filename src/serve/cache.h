/*
 * The answer cache of `manrs serve`: public GET answers (status 200 or
 * 404) kept by path and query until the store changes.  The caller passes
 * the store's generation (http.c bumps it when any thread's connection
 * sees PRAGMA data_version move); an entry of an older generation is a
 * miss.  Memory is bounded (HTTP_CACHE_BYTES, least recently used out
 * first); one mutex guards it.
 */
#ifndef MANRS_SERVE_CACHE_H
#define MANRS_SERVE_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct http_response;
struct http_param;
struct answer_cache;

/* Bytes of keys, bodies and headers the cache may hold. */
#define HTTP_CACHE_BYTES	(64u * 1024 * 1024)

struct answer_cache *cache_new(size_t max_bytes);
void		 cache_free(struct answer_cache *);
/*
 * The key of a request in key (path, then each query parameter in request
 * order, NUL-separated); false when it does not fit.
 */
bool		 cache_key(char *key, size_t keysz, size_t *keylen,
		    const char *path, const struct http_param *, size_t n);
/* Fill rs (status, type, headers, body) from the cache; false: a miss. */
bool		 cache_get(struct answer_cache *, const char *key, size_t keylen,
		    uint64_t gen, struct http_response *rs);
/* Keep a copy of rs for key at generation gen. */
void		 cache_put(struct answer_cache *, const char *key, size_t keylen,
		    uint64_t gen, const struct http_response *rs);

#endif
