/* 64-bit key to 32-bit value map. */
#include <stdlib.h>
#include <string.h>

#include "base/u64map.h"
#include "base/xmalloc.h"

static inline size_t
slot_of(uint64_t key, size_t mask)
{
	/* Fibonacci hashing spreads sequential keys (ids, ASNs). */
	return (size_t)((key * 0x9e3779b97f4a7c15ull) >> 32) & mask;
}

void
u64map_init(struct u64map *m)
{
	m->mask = 255;
	m->n = 0;
	m->keys = xcalloc(m->mask + 1, sizeof(*m->keys));
	m->vals = xcalloc(m->mask + 1, sizeof(*m->vals));
	m->used = xcalloc(m->mask + 1, sizeof(*m->used));
}

void
u64map_free(struct u64map *m)
{
	free(m->keys);
	free(m->vals);
	free(m->used);
	memset(m, 0, sizeof(*m));
}

static void
grow(struct u64map *m)
{
	struct u64map g;
	size_t i, j;

	g.mask = m->mask * 2 + 1;
	g.n = m->n;
	g.keys = xcalloc(g.mask + 1, sizeof(*g.keys));
	g.vals = xcalloc(g.mask + 1, sizeof(*g.vals));
	g.used = xcalloc(g.mask + 1, sizeof(*g.used));
	for (i = 0; i <= m->mask; i++) {
		if (!m->used[i])
			continue;
		for (j = slot_of(m->keys[i], g.mask); g.used[j];
		    j = (j + 1) & g.mask)
			;
		g.used[j] = 1;
		g.keys[j] = m->keys[i];
		g.vals[j] = m->vals[i];
	}
	u64map_free(m);
	*m = g;
}

uint32_t *
u64map_put(struct u64map *m, uint64_t key, bool *added)
{
	size_t i;

	if ((m->n + 1) * 4 > (m->mask + 1) * 3)
		grow(m);
	for (i = slot_of(key, m->mask); m->used[i]; i = (i + 1) & m->mask)
		if (m->keys[i] == key) {
			*added = false;
			return &m->vals[i];
		}
	m->used[i] = 1;
	m->keys[i] = key;
	m->vals[i] = 0;
	m->n++;
	*added = true;
	return &m->vals[i];
}

const uint32_t *
u64map_get(const struct u64map *m, uint64_t key)
{
	size_t i;

	for (i = slot_of(key, m->mask); m->used[i]; i = (i + 1) & m->mask)
		if (m->keys[i] == key)
			return &m->vals[i];
	return NULL;
}

size_t
u64map_memory(const struct u64map *m)
{
	return (m->mask + 1) * (sizeof(*m->keys) + sizeof(*m->vals) +
	    sizeof(*m->used));
}
