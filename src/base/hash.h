/* A fast non-cryptographic hash for table lookups of in-memory keys. */
#ifndef MANRS_BASE_HASH_H
#define MANRS_BASE_HASH_H

#include <stddef.h>
#include <stdint.h>

uint64_t	hash_bytes(const void *, size_t, uint64_t seed);

#endif
