/*
 * A map from 64-bit keys to 32-bit values: open addressing, linear
 * probing, grows at 3/4 full.  For the observatory's many small lookups
 * ((prefix, origin) pairs, ASNs) where a general hash table costs too much.
 * Key, value and the used mark share one 16-byte slot: a lookup is one
 * cache miss, not one per array.
 */
#ifndef MANRS_BASE_U64MAP_H
#define MANRS_BASE_U64MAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct u64map_slot {
	uint64_t	key;
	uint32_t	val;
	uint32_t	used;
};

struct u64map {
	struct u64map_slot	*slots;
	size_t			 mask, n;
};

void	 u64map_init(struct u64map *);
void	 u64map_free(struct u64map *);
/* The value slot for key; *added tells whether it was just inserted
 * (its value is then 0).  The pointer lasts until the next insert. */
uint32_t *u64map_put(struct u64map *, uint64_t key, bool *added);
/* The value for key, or NULL. */
const uint32_t *u64map_get(const struct u64map *, uint64_t key);
size_t	 u64map_memory(const struct u64map *);

#endif
