/*
 * Transparent huge pages for large hash tables probed at random (the
 * timeline's and the detector's, tens to hundreds of MB): one TLB entry
 * and one page fault per 2 MiB instead of per 4 KiB.  Not for arrays that
 * double as they fill: a huge page is zeroed whole, used or not.
 */
#ifndef MANRS_BASE_HUGEMEM_H
#define MANRS_BASE_HUGEMEM_H

#include <stddef.h>

/* A hint for the pages inside [p, p + bytes); blocks under a few MiB and
 * kernels without THP are left alone. */
void	mem_huge(void *p, size_t bytes);

#endif
