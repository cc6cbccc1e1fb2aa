/*
 * Interning table: maps a byte string (an AS path, a raw attribute set) to
 * one stable entry, so repeated values are decoded and stored once.  Keys
 * and values live in the table's arena.  When the table grows past its
 * limits it is flushed: callers must treat entries as a cache, valid until
 * the next intern_get() that reports a flush.
 */
#ifndef MANRS_BASE_INTERN_H
#define MANRS_BASE_INTERN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"

struct intern_entry {
	const void	*key;
	uint32_t	 klen;
	uint32_t	 id;		/* dense, in insertion order */
	uint64_t	 hash;
	void		*value;		/* the caller's, NULL on insert */
};

struct intern {
	struct intern_entry	**slots;
	size_t			  nslots;	/* power of two */
	size_t			  count;
	size_t			  flushes;
	struct arena		  mem;
	size_t			  max_entries;
	size_t			  max_bytes;
};

void	intern_init(struct intern *, size_t max_entries, size_t max_bytes);
/*
 * Find or insert key.  *inserted tells whether the entry is new (its value
 * is NULL).  Returns NULL if the key is longer than MAX_INTERN_KEY.
 */
struct intern_entry *intern_get(struct intern *, const void *key, size_t klen,
	    bool *inserted);
/* Memory for values that lives as long as the current entries. */
void	*intern_alloc(struct intern *, size_t);
void	 intern_clear(struct intern *);
void	 intern_free(struct intern *);

#endif
