/*
 * The BGP input of an observatory run: every MRT file, decoded on worker
 * threads and delivered to one consumer in a fixed order, whatever the
 * thread count.
 *
 * Order: collectors in order of first appearance in the source list;
 * within a collector, files by the time of their first record (a table
 * dump first at a tie, then list order).  Each file is decoded by one
 * worker into batches of compact elements; the consumer takes file after
 * file and batch after batch, so it sees exactly the sequence a single
 * thread would.  At most FEED_QUEUE batches per worker are in flight.
 * Collectors already in *names (an incremental run's, from its state)
 * keep their numbers; new ones follow.
 *
 * The elements delivered are what the timeline reads (struct tl_elem):
 * the record's time, the kind, peer address and AS, prefix, ADD-PATH id,
 * session states and, for RIB entries and announcements, the merged AS
 * path (no other attribute is kept), with their keys hashed on the
 * decoding thread.
 */
#ifndef MANRS_OBSERVE_FEED_H
#define MANRS_OBSERVE_FEED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "formats/mrt.h"
#include "observe/timeline.h"

struct progress;
struct source;

/* n elements of a collector, their AS paths in words (observe/timeline.h). */
typedef void feed_fn(void *ctx, uint32_t collector, const struct tl_elem *,
    size_t n, const uint32_t *words);
/* A file's counters once all its elements were delivered. */
typedef void feed_done_fn(void *ctx, const struct mrt_stats *);

/*
 * Decode the nsrc MRT files in src with `threads` threads in all (1: the
 * calling thread alone) and call fn for every batch of elements, in order,
 * and done
 * after each file, on the calling thread.  *names (NULL or names known
 * already) gets the collector names, indexed by the collector number
 * passed to fn (allocated, also on failure; free each and the vector).  A file that cannot be opened is an
 * error (-1, err set); damage inside a file is logged and counted, and
 * reading goes on.  progress (NULL: none) shows each file as it is fed.
 */
int	feed_mrt(const struct source *src, size_t nsrc, unsigned threads,
	    struct progress *, feed_fn *fn, feed_done_fn *done, void *ctx,
	    char ***names, size_t *nnames, char *err, size_t errlen);

/* Online CPUs, at least 1. */
unsigned feed_default_threads(void);

#endif
