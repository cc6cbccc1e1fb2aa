/*
 * The answer cache (cache.h): shards of a chained hash table with a doubly
 * linked list in use order; entries are reference counted so that a
 * response may be sent while another thread evicts it.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include <microhttpd.h>

#include "base/hash.h"
#include "base/xmalloc.h"
#include "serve/cache.h"
#include "serve/http.h"

#define NSHARDS		16u
#define NBUCKETS	8192u	/* per shard */

struct entry {
	struct cached_answer	 a;		/* first: handed out */
	atomic_uint		 refs;	/* the table's, and holders' */
	struct entry		*next;		/* in the bucket */
	struct entry		*newer, *older;	/* in use order */
	uint64_t		 hash, gen;
	size_t			 bytes;	/* counted against the bound */
	size_t			 keylen;
	char			 key[];
};

struct shard {
	pthread_mutex_t	 mu;
	struct entry	*bucket[NBUCKETS];
	struct entry	*newest, *oldest;
	size_t		 bytes, entries;
	uint64_t	 hits, misses, evicted;
};

struct answer_cache {
	size_t		 shard_bytes;
	struct shard	 shard[NSHARDS];
};

struct answer_cache *
cache_new(size_t max_bytes)
{
	struct answer_cache *c = xcalloc(1, sizeof(*c));
	unsigned i;

	c->shard_bytes = max_bytes / NSHARDS;
	for (i = 0; i < NSHARDS; i++)
		pthread_mutex_init(&c->shard[i].mu, NULL);
	return c;
}

void
cache_release(const struct cached_answer *a)
{
	struct entry *e = (struct entry *)(uintptr_t)a;

	if (atomic_fetch_sub(&e->refs, 1) == 1) {
		MHD_destroy_response(e->a.resp);
		free(e);
	}
}

void
cache_free(struct answer_cache *c)
{
	struct entry *e, *next;
	unsigned i;

	if (c == NULL)
		return;
	for (i = 0; i < NSHARDS; i++) {
		for (e = c->shard[i].newest; e != NULL; e = next) {
			next = e->older;
			cache_release(&e->a);
		}
		pthread_mutex_destroy(&c->shard[i].mu);
	}
	free(c);
}

bool
cache_key(char *key, size_t keysz, size_t *keylen, const char *path,
    const struct http_param *q, size_t n)
{
	size_t len = 0, i, k;
	const char *part;

	/* path, then name NUL value NUL per parameter: unambiguous. */
	for (i = 0; i < 1 + 2 * n; i++) {
		part = i == 0 ? path : (i % 2 == 1 ? q[(i - 1) / 2].name :
		    q[(i - 1) / 2].value);
		k = strlen(part) + 1;
		if (len + k > keysz)
			return false;
		memcpy(key + len, part, k);
		len += k;
	}
	*keylen = len;
	return true;
}

static void
unlink_use(struct shard *s, struct entry *e)
{
	if (e->newer != NULL)
		e->newer->older = e->older;
	else
		s->newest = e->older;
	if (e->older != NULL)
		e->older->newer = e->newer;
	else
		s->oldest = e->newer;
	e->newer = e->older = NULL;
}

static void
link_newest(struct shard *s, struct entry *e)
{
	e->older = s->newest;
	e->newer = NULL;
	if (s->newest != NULL)
		s->newest->newer = e;
	s->newest = e;
	if (s->oldest == NULL)
		s->oldest = e;
}

/* Take e out of the table and the list; freed when no one holds it. */
static void
drop(struct shard *s, struct entry *e)
{
	struct entry **pp = &s->bucket[e->hash / NSHARDS % NBUCKETS];

	while (*pp != e)
		pp = &(*pp)->next;
	*pp = e->next;
	unlink_use(s, e);
	s->bytes -= e->bytes;
	s->entries--;
	cache_release(&e->a);
}

/* The live entry for key at gen; an older generation's is dropped. */
static struct entry *
find(struct shard *s, uint64_t h, const char *key, size_t keylen,
    uint64_t gen)
{
	struct entry *e;

	for (e = s->bucket[h / NSHARDS % NBUCKETS]; e != NULL; e = e->next)
		if (e->hash == h && e->keylen == keylen &&
		    memcmp(e->key, key, keylen) == 0)
			break;
	if (e != NULL && e->gen != gen) {
		drop(s, e);
		e = NULL;
	}
	return e;
}

const struct cached_answer *
cache_get(struct answer_cache *c, const char *key, size_t keylen,
    uint64_t gen)
{
	uint64_t h = hash_bytes(key, keylen, 0);
	struct shard *s = &c->shard[h % NSHARDS];
	struct entry *e;

	pthread_mutex_lock(&s->mu);
	if ((e = find(s, h, key, keylen, gen)) != NULL) {
		unlink_use(s, e);
		link_newest(s, e);
		atomic_fetch_add(&e->refs, 1);
		s->hits++;
	} else
		s->misses++;
	pthread_mutex_unlock(&s->mu);
	return e != NULL ? &e->a : NULL;
}

bool
cache_has(struct answer_cache *c, const char *key, size_t keylen,
    uint64_t gen)
{
	uint64_t h = hash_bytes(key, keylen, 0);
	struct shard *s = &c->shard[h % NSHARDS];
	bool has;

	pthread_mutex_lock(&s->mu);
	has = find(s, h, key, keylen, gen) != NULL;
	pthread_mutex_unlock(&s->mu);
	return has;
}

const struct cached_answer *
cache_put(struct answer_cache *c, const char *key, size_t keylen,
    uint64_t gen, int status, const char *etag, struct MHD_Response *resp,
    size_t bytes)
{
	uint64_t h = hash_bytes(key, keylen, 0);
	struct shard *s = &c->shard[h % NSHARDS];
	struct entry *e, *old;
	size_t n;

	e = xmalloc(sizeof(*e) + keylen);
	memset(e, 0, sizeof(*e));
	e->a.status = status;
	n = strlen(etag);
	if (n < sizeof(e->a.etag))
		memcpy(e->a.etag, etag, n + 1);
	e->a.resp = resp;
	atomic_init(&e->refs, 1);	/* the caller's */
	e->hash = h;
	e->gen = gen;
	e->keylen = keylen;
	memcpy(e->key, key, keylen);
	e->bytes = sizeof(*e) + keylen + bytes;
	if (e->bytes > c->shard_bytes)
		return &e->a;
	pthread_mutex_lock(&s->mu);
	if ((old = find(s, h, key, keylen, gen)) != NULL)
		drop(s, old);
	while (s->bytes + e->bytes > c->shard_bytes && s->oldest != NULL) {
		if (s->oldest->gen == gen)
			s->evicted++;
		drop(s, s->oldest);
	}
	atomic_fetch_add(&e->refs, 1);	/* the table's */
	e->next = s->bucket[h / NSHARDS % NBUCKETS];
	s->bucket[h / NSHARDS % NBUCKETS] = e;
	link_newest(s, e);
	s->bytes += e->bytes;
	s->entries++;
	pthread_mutex_unlock(&s->mu);
	return &e->a;
}

void
cache_stats(struct answer_cache *c, struct cache_stats *st)
{
	unsigned i;

	memset(st, 0, sizeof(*st));
	st->max_bytes = c->shard_bytes * NSHARDS;
	for (i = 0; i < NSHARDS; i++) {
		pthread_mutex_lock(&c->shard[i].mu);
		st->hits += c->shard[i].hits;
		st->misses += c->shard[i].misses;
		st->evicted += c->shard[i].evicted;
		st->entries += c->shard[i].entries;
		st->bytes += c->shard[i].bytes;
		pthread_mutex_unlock(&c->shard[i].mu);
	}
}
