/*
 * The answer cache (cache.h): a chained hash table and a doubly linked
 * list in use order, under one mutex; a hit copies the answer out so the
 * lock is held for a memcpy, not for a send.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/hash.h"
#include "base/xmalloc.h"
#include "serve/cache.h"
#include "serve/http.h"

#define NBUCKETS	4096u

struct entry {
	struct entry	*next;		/* in the bucket */
	struct entry	*newer, *older;	/* in use order */
	uint64_t	 hash, gen;
	char		*key;
	size_t		 keylen;
	int		 status;
	const char	*content_type;	/* a static string (http.h) */
	char		*body;
	size_t		 body_len;
	size_t		 nheaders;
	char		*headers[HTTP_MAX_HEADERS][2];
	size_t		 bytes;		/* counted against the limit */
};

struct answer_cache {
	pthread_mutex_t	 mu;
	struct entry	*bucket[NBUCKETS];
	struct entry	*newest, *oldest;
	size_t		 bytes, max_bytes;
};

struct answer_cache *
cache_new(size_t max_bytes)
{
	struct answer_cache *c = xcalloc(1, sizeof(*c));

	pthread_mutex_init(&c->mu, NULL);
	c->max_bytes = max_bytes;
	return c;
}

static void
entry_free(struct entry *e)
{
	size_t i;

	for (i = 0; i < e->nheaders; i++) {
		free(e->headers[i][0]);
		free(e->headers[i][1]);
	}
	free(e->key);
	free(e->body);
	free(e);
}

void
cache_free(struct answer_cache *c)
{
	struct entry *e, *next;

	if (c == NULL)
		return;
	for (e = c->newest; e != NULL; e = next) {
		next = e->older;
		entry_free(e);
	}
	pthread_mutex_destroy(&c->mu);
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
unlink_use(struct answer_cache *c, struct entry *e)
{
	if (e->newer != NULL)
		e->newer->older = e->older;
	else
		c->newest = e->older;
	if (e->older != NULL)
		e->older->newer = e->newer;
	else
		c->oldest = e->newer;
	e->newer = e->older = NULL;
}

static void
link_newest(struct answer_cache *c, struct entry *e)
{
	e->older = c->newest;
	e->newer = NULL;
	if (c->newest != NULL)
		c->newest->newer = e;
	c->newest = e;
	if (c->oldest == NULL)
		c->oldest = e;
}

/* Take e out of the table and the list and free it. */
static void
drop(struct answer_cache *c, struct entry *e)
{
	struct entry **pp = &c->bucket[e->hash % NBUCKETS];

	while (*pp != e)
		pp = &(*pp)->next;
	*pp = e->next;
	unlink_use(c, e);
	c->bytes -= e->bytes;
	entry_free(e);
}

static struct entry *
find(struct answer_cache *c, uint64_t h, const char *key, size_t keylen)
{
	struct entry *e;

	for (e = c->bucket[h % NBUCKETS]; e != NULL; e = e->next)
		if (e->hash == h && e->keylen == keylen &&
		    memcmp(e->key, key, keylen) == 0)
			return e;
	return NULL;
}

bool
cache_get(struct answer_cache *c, const char *key, size_t keylen,
    uint64_t gen, struct http_response *rs)
{
	uint64_t h = hash_bytes(key, keylen, 0);
	struct entry *e;
	size_t i;

	pthread_mutex_lock(&c->mu);
	if ((e = find(c, h, key, keylen)) != NULL && e->gen != gen) {
		drop(c, e);
		e = NULL;
	}
	if (e == NULL) {
		pthread_mutex_unlock(&c->mu);
		return false;
	}
	unlink_use(c, e);
	link_newest(c, e);
	rs->status = e->status;
	rs->content_type = e->content_type;
	rs->body.len = 0;
	ob_write(&rs->body, e->body, e->body_len);
	for (i = 0; i < e->nheaders; i++)
		http_set_header(rs, e->headers[i][0], e->headers[i][1]);
	pthread_mutex_unlock(&c->mu);
	return true;
}

void
cache_put(struct answer_cache *c, const char *key, size_t keylen,
    uint64_t gen, const struct http_response *rs)
{
	uint64_t h = hash_bytes(key, keylen, 0);
	struct entry *e, *old;
	size_t i;

	e = xcalloc(1, sizeof(*e));
	e->hash = h;
	e->gen = gen;
	e->key = xmalloc(keylen);
	memcpy(e->key, key, keylen);
	e->keylen = keylen;
	e->status = rs->status;
	e->content_type = rs->content_type;
	e->body = xmalloc(rs->body.len + 1);
	memcpy(e->body, rs->body.buf, rs->body.len);
	e->body_len = rs->body.len;
	e->bytes = sizeof(*e) + keylen + rs->body.len;
	for (i = 0; i < rs->nheaders; i++) {
		e->headers[i][0] = xstrdup(rs->headers[i][0]);
		e->headers[i][1] = xstrdup(rs->headers[i][1]);
		e->bytes += strlen(e->headers[i][0]) +
		    strlen(e->headers[i][1]) + 2;
	}
	e->nheaders = rs->nheaders;
	if (e->bytes > c->max_bytes) {
		entry_free(e);
		return;
	}
	pthread_mutex_lock(&c->mu);
	if ((old = find(c, h, key, keylen)) != NULL)
		drop(c, old);
	while (c->bytes + e->bytes > c->max_bytes && c->oldest != NULL)
		drop(c, c->oldest);
	e->next = c->bucket[h % NBUCKETS];
	c->bucket[h % NBUCKETS] = e;
	link_newest(c, e);
	c->bytes += e->bytes;
	pthread_mutex_unlock(&c->mu);
}
