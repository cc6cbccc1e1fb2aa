/*
 * The answer cache of manrs serve (serve/cache.h): answers by key and
 * generation, the byte bound with least recently used out first, and
 * references that keep an answer alive while it is pushed out (ASan
 * checks the memory).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include <microhttpd.h>

#include "serve/cache.h"
#include "serve/http.h"

/* A response with a body and an ETag header. */
static struct MHD_Response *
resp(const char *body, const char *etag)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(strlen(body),
	    (void *)(uintptr_t)body, MHD_RESPMEM_MUST_COPY);

	assert_non_null(r);
	assert_int_equal(MHD_add_response_header(r, "ETag", etag), MHD_YES);
	return r;
}

/* key for path without query; its length in *len. */
static const char *
key(const char *path, size_t *len)
{
	static char k[256];

	assert_true(cache_key(k, sizeof(k), len, path, NULL, 0));
	return k;
}

static void
put(struct answer_cache *c, const char *path, uint64_t gen, size_t bytes)
{
	const char *k;
	size_t n;

	k = key(path, &n);
	cache_release(cache_put(c, k, n, gen, 200, "\"e\"", resp(path, "\"e\""),
	    bytes));
}

static bool
has(struct answer_cache *c, const char *path, uint64_t gen)
{
	const char *k;
	size_t n;

	k = key(path, &n);
	return cache_has(c, k, n, gen);
}

static void
test_get_put(void **state)
{
	struct answer_cache *c = cache_new(1 << 20);
	const struct cached_answer *a;
	struct cache_stats st;
	const char *k;
	size_t n;

	(void)state;
	k = key("/api/v1/scores/1", &n);
	assert_null(cache_get(c, k, n, 1));
	a = cache_put(c, k, n, 1, 404, "", resp("{}", "\"x\""), 100);
	cache_release(a);
	assert_non_null(a = cache_get(c, k, n, 1));
	assert_int_equal(a->status, 404);
	assert_string_equal(a->etag, "");
	assert_string_equal(MHD_get_response_header(a->resp, "ETag"), "\"x\"");
	cache_release(a);
	/* Another generation: a miss, and the old answer is gone. */
	assert_null(cache_get(c, k, n, 2));
	cache_stats(c, &st);
	assert_int_equal(st.entries, 0);
	assert_int_equal(st.bytes, 0);
	assert_int_equal(st.hits, 1);
	assert_int_equal(st.misses, 2);
	/* A new answer for the same key replaces the old one. */
	put(c, "/api/v1/scores/1", 3, 100);
	put(c, "/api/v1/scores/1", 3, 200);
	cache_stats(c, &st);
	assert_int_equal(st.entries, 1);
	cache_free(c);
}

static void
test_bound(void **state)
{
	struct answer_cache *c = cache_new(16 * 4096);
	struct cache_stats st;
	char path[64];
	int i;

	(void)state;
	for (i = 0; i < 1000; i++) {
		snprintf(path, sizeof(path), "/api/v1/scores/%d", i);
		put(c, path, 1, 1000);
		cache_stats(c, &st);
		assert_true(st.bytes <= st.max_bytes);
	}
	assert_int_equal(st.max_bytes, 16 * 4096);
	/* At most 4 answers of 1000 bytes a shard of 4096. */
	assert_true(st.entries > 0 && st.entries <= 64);
	assert_int_equal(st.evicted, 1000 - st.entries);
	assert_true(has(c, "/api/v1/scores/999", 1));
	assert_false(has(c, "/api/v1/scores/0", 1));
	/* Larger than a shard: handed back, not kept. */
	put(c, "/big", 1, 8192);
	assert_false(has(c, "/big", 1));
	cache_free(c);
}

/* An answer asked for again and again stays while others come and go. */
static void
test_lru(void **state)
{
	struct answer_cache *c = cache_new(16 * 4096);
	const struct cached_answer *a;
	const char *k;
	char path[64];
	size_t n;
	int i;

	(void)state;
	put(c, "/hot", 1, 1000);
	for (i = 0; i < 1000; i++) {
		snprintf(path, sizeof(path), "/cold/%d", i);
		put(c, path, 1, 1000);
		k = key("/hot", &n);
		assert_non_null(a = cache_get(c, k, n, 1));
		cache_release(a);
	}
	assert_true(has(c, "/hot", 1));
	cache_free(c);
}

/* A held answer outlives its eviction and the cache itself. */
static void
test_held(void **state)
{
	struct answer_cache *c = cache_new(16 * 4096);
	const struct cached_answer *a, *b;
	char path[64];
	const char *k;
	size_t n;
	int i;

	(void)state;
	k = key("/held", &n);
	a = cache_put(c, k, n, 1, 200, "\"h\"", resp("held", "\"h\""), 1000);
	assert_non_null(b = cache_get(c, k, n, 1));
	assert_ptr_equal(a, b);
	cache_release(b);
	for (i = 0; i < 200; i++) {
		snprintf(path, sizeof(path), "/other/%d", i);
		put(c, path, 1, 1000);
	}
	assert_false(has(c, "/held", 1));
	cache_free(c);
	assert_int_equal(a->status, 200);
	assert_string_equal(a->etag, "\"h\"");
	assert_string_equal(MHD_get_response_header(a->resp, "ETag"), "\"h\"");
	cache_release(a);
}

static void
test_off_and_keys(void **state)
{
	struct answer_cache *c = cache_new(0);
	struct http_param q1[] = { { "x", "1" } }, q2[] = { { "x", "" },
	    { "1", "" } };
	char k1[64], k2[64], tiny[4];
	size_t n1, n2;

	(void)state;
	put(c, "/a", 1, 10);
	assert_false(has(c, "/a", 1));
	cache_free(c);
	/* ?x=1 and ?x&1 are different keys; a short buffer is refused. */
	assert_true(cache_key(k1, sizeof(k1), &n1, "/a", q1, 1));
	assert_true(cache_key(k2, sizeof(k2), &n2, "/a", q2, 2));
	assert_false(n1 == n2 && memcmp(k1, k2, n1) == 0);
	assert_false(cache_key(tiny, sizeof(tiny), &n1, "/api", NULL, 0));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_get_put),
		cmocka_unit_test(test_bound),
		cmocka_unit_test(test_lru),
		cmocka_unit_test(test_held),
		cmocka_unit_test(test_off_and_keys),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
