/* The u64 → u32 map against a sorted-array oracle. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>

#include "base/u64map.h"

#define N	20000

static void
test_against_oracle(void **state)
{
	static uint64_t keys[N];
	struct u64map m;
	uint64_t x = 88172645463325252ull;
	size_t i;
	bool added;

	(void)state;
	u64map_init(&m);
	for (i = 0; i < N; i++) {
		/* Half random keys, half dense ones: both must spread. */
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		keys[i] = (i & 1) ? x : (uint64_t)i << 32 | 64500;
		*u64map_put(&m, keys[i], &added) = (uint32_t)i;
		assert_true(added);
	}
	assert_int_equal(m.n, N);
	for (i = 0; i < N; i++) {
		const uint32_t *v = u64map_get(&m, keys[i]);

		assert_non_null(v);
		assert_int_equal(*v, i);
		assert_int_equal(*u64map_put(&m, keys[i], &added), i);
		assert_false(added);
	}
	assert_null(u64map_get(&m, 12345));
	assert_null(u64map_get(&m, 0));
	*u64map_put(&m, 0, &added) = 7;
	assert_true(added);
	assert_int_equal(*u64map_get(&m, 0), 7);
	assert_true(u64map_memory(&m) >= N * 12);
	u64map_free(&m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_against_oracle),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
