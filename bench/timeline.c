/*
 * bench/timeline: feed MRT files through the observatory timeline and
 * report elements, segments, table sizes, memory and time — the part of
 * `manrs observe` that sits between parsing and the detectors.
 *
 * usage: timeline FILE...   (files in time order: a RIB, then updates)
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "formats/mrt.h"
#include "io/reader.h"
#include "observe/timeline.h"

struct ctx {
	struct timeline	*tl;
	uint64_t	 segments, open;
};

static void
on_segment(void *arg, const struct tl_segment *s)
{
	struct ctx *c = arg;

	c->segments++;
	c->open += s->open;
}

static void
on_elem(void *arg, const struct mrt_elem *e)
{
	struct ctx *c = arg;

	timeline_feed(c->tl, 0, e);
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int
main(int argc, char **argv)
{
	struct ctx c = { 0 };
	double t0 = now(), t1;
	int i;

	if (argc < 2) {
		fprintf(stderr, "usage: timeline FILE...\n");
		return 2;
	}
	c.tl = timeline_new(0, INT64_MAX / 2, on_segment, &c);
	for (i = 1; i < argc; i++) {
		char err[256];
		struct reader *r = reader_open(argv[i], err, sizeof(err));
		struct mrt_file *f;
		struct mrt_record rec;

		if (r == NULL) {
			fprintf(stderr, "timeline: %s\n", err);
			return 1;
		}
		f = mrt_file_new(r, argv[i]);
		while (mrt_next(f, &rec) == 1)
			mrt_decode(f, &rec, on_elem, &c);
		mrt_file_free(f);
	}
	timeline_finish(c.tl);
	t1 = now();
	printf("elements %llu\nsegments %llu (open %llu)\nprefixes %zu\n"
	    "paths %zu\npeers %zu\nmemory %.1f MiB\nseconds %.2f\n",
	    (unsigned long long)timeline_stats(c.tl)->elems,
	    (unsigned long long)c.segments, (unsigned long long)c.open,
	    timeline_nprefixes(c.tl), timeline_npaths(c.tl),
	    timeline_npeers(c.tl), timeline_memory(c.tl) / 1048576.0,
	    t1 - t0);
	timeline_free(c.tl);
	return 0;
}
