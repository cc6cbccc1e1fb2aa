#include <string.h>

#include "hash.h"

/* Multiply-fold mixing of 64-bit words; good spread, a few cycles a word. */
static inline uint64_t
mix(uint64_t a, uint64_t b)
{
	__uint128_t r = (__uint128_t)a * b;

	return (uint64_t)r ^ (uint64_t)(r >> 64);
}

uint64_t
hash_bytes(const void *key, size_t len, uint64_t seed)
{
	const unsigned char *p = key;
	uint64_t h = seed ^ 0x9e3779b97f4a7c15ull ^ (len * 0xa0761d6478bd642full);
	uint64_t w;

	while (len >= 8) {
		memcpy(&w, p, 8);
		h = mix(h ^ w, 0xe7037ed1a0b428dbull);
		p += 8;
		len -= 8;
	}
	w = 0;
	if (len > 0) {
		memcpy(&w, p, len);
		h = mix(h ^ w ^ 0x8ebc6af09c88c6e3ull, 0x589965cc75374cc3ull);
	}
	return mix(h, 0x1d8e4e27c47d124full);
}
