/*
 * Transparent huge pages for large tables read at random (the timeline's
 * and the detector's hash tables and arrays of hundreds of MB): one TLB
 * entry and one page fault per 2 MiB instead of per 4 KiB.
 */
#ifndef MANRS_BASE_HUGEMEM_H
#define MANRS_BASE_HUGEMEM_H

#include <stddef.h>

/* A hint for the pages inside [p, p + bytes); blocks under a few MiB and
 * kernels without THP are left alone. */
void	mem_huge(void *p, size_t bytes);

#endif
