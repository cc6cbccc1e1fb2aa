/* Huge page hints (madvise MADV_HUGEPAGE). */
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

#include "base/hugemem.h"

#define HUGE_MIN	(4u * 1024 * 1024)

void
mem_huge(void *p, size_t bytes)
{
#ifdef MADV_HUGEPAGE
	long pg = sysconf(_SC_PAGESIZE);
	uintptr_t a, b;

	if (p == NULL || bytes < HUGE_MIN || pg <= 0)
		return;
	a = ((uintptr_t)p + (uintptr_t)pg - 1) & ~((uintptr_t)pg - 1);
	b = ((uintptr_t)p + bytes) & ~((uintptr_t)pg - 1);
	if (b > a)
		(void)madvise((void *)a, b - a, MADV_HUGEPAGE);
#else
	(void)p;
	(void)bytes;
#endif
}
