/*
 * A bump allocator: many small allocations, freed all at once.  Used so
 * that per-record work never calls malloc/free.
 */
#ifndef MANRS_BASE_ARENA_H
#define MANRS_BASE_ARENA_H

#include <stddef.h>

struct arena_block;

struct arena {
	struct arena_block	*head;
	size_t			 block_size;
	size_t			 total;		/* bytes held in blocks */
};

void	 arena_init(struct arena *, size_t block_size);
/* Returns 8-byte aligned memory; aborts on out-of-memory. */
void	*arena_alloc(struct arena *, size_t);
void	*arena_memdup(struct arena *, const void *, size_t);
/* Forget all allocations but keep the first block for reuse. */
void	 arena_reset(struct arena *);
void	 arena_free(struct arena *);

#endif
