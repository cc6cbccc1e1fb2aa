/*
 * Allocation that cannot fail: out-of-memory is a broken invariant, not bad
 * input, so it aborts with a message (STYLE.md 8).
 */
#ifndef MANRS_BASE_XMALLOC_H
#define MANRS_BASE_XMALLOC_H

#include <stddef.h>

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);

#endif
