/*
 * Tests: a small xorshift generator, so random tests run the same cases
 * every time.  Define TEST_RNG_SEED before including to pick the seed.
 */
#ifndef MANRS_TESTS_RAND_H
#define MANRS_TESTS_RAND_H

#include <stdint.h>

#ifndef TEST_RNG_SEED
#define TEST_RNG_SEED	88172645463325252ull
#endif

static uint64_t rng = TEST_RNG_SEED;

/* A number in [0, n). */
static inline uint32_t
rnd(uint32_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng % n);
}

#endif
