/*
 * bench/timeline: feed MRT files through the observatory's decode stage
 * (observe/feed.h, decoding on worker threads) into the timeline, and
 * report elements, segments, table sizes, memory, wall time and the CPU
 * time of the consuming thread (the timeline's, its waits for batches
 * aside) — the part of `manrs observe` between parsing and the
 * detectors, without them.
 *
 * usage: timeline [-t THREADS] FILE...
 * (each file's collector is the name of its directory)
 */
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/xmalloc.h"
#include "observe/feed.h"
#include "observe/run.h"
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

static double
clock_s(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
on_elems(void *arg, uint32_t collector, const struct tl_elem *e, size_t n,
    const uint32_t *words)
{
	struct ctx *c = arg;

	timeline_feed_batch(c->tl, collector, e, n, words);
}

static void
on_file(void *arg, const struct mrt_stats *st)
{
	(void)arg;
	(void)st;
}

int
main(int argc, char **argv)
{
	struct ctx c = { 0 };
	struct source *src;
	char **names = NULL, err[512];
	size_t nnames = 0, i;
	unsigned threads = 2;
	double t0 = clock_s(CLOCK_MONOTONIC), t1, feed_cpu;
	int ch, rc;

	while ((ch = getopt(argc, argv, "t:")) != -1) {
		if (ch == 't' && optarg[0] >= '1' && optarg[0] <= '9' &&
		    optarg[1] == '\0')
			threads = (unsigned)(optarg[0] - '0');
		else {
			fprintf(stderr, "usage: timeline [-t 1-9] FILE...\n");
			return 2;
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 1) {
		fprintf(stderr, "usage: timeline [-t 1-9] FILE...\n");
		return 2;
	}
	src = xcalloc((size_t)argc, sizeof(*src));
	for (i = 0; i < (size_t)argc; i++) {
		char *dir = xstrdup(argv[i]);

		src[i].path = argv[i];
		src[i].collector = xstrdup(basename(dirname(dir)));
		free(dir);
	}
	c.tl = timeline_new(0, INT64_MAX / 2, on_segment, &c);
	rc = feed_mrt(src, (size_t)argc, threads, NULL, on_elems, on_file, &c,
	    &names, &nnames, err, sizeof(err));
	if (rc != 0)
		fprintf(stderr, "timeline: %s\n", err);
	feed_cpu = clock_s(CLOCK_THREAD_CPUTIME_ID);
	timeline_finish(c.tl);
	t1 = clock_s(CLOCK_MONOTONIC);
	printf("elements %llu\nsegments %llu (open %llu)\nprefixes %zu\n"
	    "paths %zu\npeers %zu\nmemory %.1f MiB\nseconds %.2f\n"
	    "consumer cpu %.2f (feeding %.2f)\n",
	    (unsigned long long)timeline_stats(c.tl)->elems,
	    (unsigned long long)c.segments, (unsigned long long)c.open,
	    timeline_nprefixes(c.tl), timeline_npaths(c.tl),
	    timeline_npeers(c.tl), timeline_memory(c.tl) / 1048576.0,
	    t1 - t0, clock_s(CLOCK_THREAD_CPUTIME_ID), feed_cpu);
	timeline_free(c.tl);
	for (i = 0; i < nnames; i++)
		free(names[i]);
	free(names);
	for (i = 0; i < (size_t)argc; i++)
		free(src[i].collector);
	free(src);
	return rc == 0 ? 0 : 1;
}
