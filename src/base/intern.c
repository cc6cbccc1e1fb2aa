#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "intern.h"
#include "limits.h"
#include "xmalloc.h"

void
intern_init(struct intern *t, size_t max_entries, size_t max_bytes)
{
	t->nslots = 1024;
	t->slots = xcalloc(t->nslots, sizeof(*t->slots));
	t->count = 0;
	t->flushes = 0;
	t->max_entries = max_entries ? max_entries : MAX_INTERN_ENTRIES;
	t->max_bytes = max_bytes ? max_bytes : MAX_INTERN_BYTES;
	arena_init(&t->mem, 256 * 1024);
}

void
intern_clear(struct intern *t)
{
	memset(t->slots, 0, t->nslots * sizeof(*t->slots));
	t->count = 0;
	arena_reset(&t->mem);
}

void
intern_free(struct intern *t)
{
	free(t->slots);
	t->slots = NULL;
	arena_free(&t->mem);
}

static void
grow(struct intern *t)
{
	size_t n = t->nslots * 2, i, j;
	struct intern_entry **s = xcalloc(n, sizeof(*s));

	for (i = 0; i < t->nslots; i++) {
		struct intern_entry *e = t->slots[i];

		if (e == NULL)
			continue;
		for (j = e->hash & (n - 1); s[j] != NULL; j = (j + 1) & (n - 1))
			;
		s[j] = e;
	}
	free(t->slots);
	t->slots = s;
	t->nslots = n;
}

struct intern_entry *
intern_get(struct intern *t, const void *key, size_t klen, bool *inserted)
{
	uint64_t h;
	size_t i;
	struct intern_entry *e;

	*inserted = false;
	if (klen > MAX_INTERN_KEY)
		return NULL;
	h = hash_bytes(key, klen, 0);
	for (i = h & (t->nslots - 1); (e = t->slots[i]) != NULL;
	    i = (i + 1) & (t->nslots - 1)) {
		if (e->hash == h && e->klen == klen &&
		    memcmp(e->key, key, klen) == 0)
			return e;
	}
	if (t->count >= t->max_entries || t->mem.total >= t->max_bytes) {
		intern_clear(t);
		t->flushes++;
		for (i = h & (t->nslots - 1); t->slots[i] != NULL;
		    i = (i + 1) & (t->nslots - 1))
			;
	}
	e = arena_alloc(&t->mem, sizeof(*e));
	e->key = arena_memdup(&t->mem, key, klen);
	e->klen = (uint32_t)klen;
	e->hash = h;
	e->id = (uint32_t)t->count;
	e->value = NULL;
	t->slots[i] = e;
	t->count++;
	*inserted = true;
	if (t->count * 2 > t->nslots)
		grow(t);
	return e;
}

void *
intern_alloc(struct intern *t, size_t n)
{
	return arena_alloc(&t->mem, n);
}
