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
	m->slots = xcalloc(m->mask + 1, sizeof(*m->slots));
}

void
u64map_free(struct u64map *m)
{
	free(m->slots);
	memset(m, 0, sizeof(*m));
}

static void
grow(struct u64map *m)
{
	size_t i, j, nmask = m->mask * 2 + 1;
	struct u64map_slot *ns = xcalloc(nmask + 1, sizeof(*ns));

	for (i = 0; i <= m->mask; i++) {
		if (!m->slots[i].used)
			continue;
		for (j = slot_of(m->slots[i].key, nmask); ns[j].used;
		    j = (j + 1) & nmask)
			;
		ns[j] = m->slots[i];
	}
	free(m->slots);
	m->slots = ns;
	m->mask = nmask;
}

uint32_t *
u64map_put(struct u64map *m, uint64_t key, bool *added)
{
	struct u64map_slot *s;
	size_t i;

	if ((m->n + 1) * 4 > (m->mask + 1) * 3)
		grow(m);
	for (i = slot_of(key, m->mask); m->slots[i].used;
	    i = (i + 1) & m->mask)
		if (m->slots[i].key == key) {
			*added = false;
			return &m->slots[i].val;
		}
	s = &m->slots[i];
	s->used = 1;
	s->key = key;
	s->val = 0;
	m->n++;
	*added = true;
	return &s->val;
}

const uint32_t *
u64map_get(const struct u64map *m, uint64_t key)
{
	size_t i;

	for (i = slot_of(key, m->mask); m->slots[i].used;
	    i = (i + 1) & m->mask)
		if (m->slots[i].key == key)
			return &m->slots[i].val;
	return NULL;
}

size_t
u64map_memory(const struct u64map *m)
{
	return (m->mask + 1) * sizeof(*m->slots);
}
