#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "xmalloc.h"

struct arena_block {
	struct arena_block	*next;
	size_t			 size;
	size_t			 used;
	_Alignas(max_align_t) unsigned char data[];
};

void
arena_init(struct arena *a, size_t block_size)
{
	a->head = NULL;
	a->block_size = block_size ? block_size : 64 * 1024;
	a->total = 0;
}

void *
arena_alloc(struct arena *a, size_t n)
{
	struct arena_block *b = a->head;

	n = (n + 7) & ~(size_t)7;
	if (b == NULL || b->size - b->used < n) {
		size_t size = n > a->block_size ? n : a->block_size;

		b = xmalloc(sizeof(*b) + size);
		b->size = size;
		b->used = 0;
		b->next = a->head;
		a->head = b;
		a->total += size;
	}
	b->used += n;
	return b->data + b->used - n;
}

void *
arena_memdup(struct arena *a, const void *p, size_t n)
{
	void *q = arena_alloc(a, n);

	if (n > 0)
		memcpy(q, p, n);
	return q;
}

void
arena_reset(struct arena *a)
{
	struct arena_block *b, *next;

	if (a->head == NULL)
		return;
	/* Keep the oldest block (the tail): it has the standard size. */
	for (b = a->head; b->next != NULL; b = next) {
		next = b->next;
		a->total -= b->size;
		free(b);
	}
	b->used = 0;
	a->head = b;
}

void
arena_free(struct arena *a)
{
	struct arena_block *b, *next;

	for (b = a->head; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	a->head = NULL;
	a->total = 0;
}
