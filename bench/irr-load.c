/*
 * irr-load: read and index an RPSL dump as `manrs irr` does (route and
 * route6 objects into the index, as-sets, route-sets and aut-nums into the
 * set store), for bench/irr.sh.  Prints one line of "key value" pairs:
 * the wall time of reading and indexing, the objects, the index's bytes
 * and bytes per route object, and the peak RSS of the process.
 *
 * usage: irr-load [--routes-only] DUMP
 */
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "base/log.h"
#include "irr/asset.h"
#include "irr/index.h"
#include "irr/load.h"

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
	struct irr_load_stats st;
	struct irr_index *idx;
	struct irr_sets *sets = NULL;
	struct rusage ru;
	char err[512];
	const char *path;
	double t0, t1;
	bool routes_only = argc == 3 && strcmp(argv[1], "--routes-only") == 0;
	size_t n;

	if (argc != 2 && !routes_only) {
		fprintf(stderr, "usage: irr-load [--routes-only] DUMP\n");
		return 2;
	}
	path = argv[argc - 1];
	memset(&st, 0, sizeof(st));
	idx = irr_index_new();
	if (!routes_only)
		sets = irr_sets_new(idx);
	t0 = now();
	if (!irr_load_path(idx, sets, path, &st, err, sizeof(err))) {
		fprintf(stderr, "irr-load: %s\n", err);
		return 1;
	}
	irr_index_finish(idx);
	t1 = now();
	n = irr_index_count(idx);
	getrusage(RUSAGE_SELF, &ru);
	printf("seconds %.3f objects %llu routes %llu distinct %zu sets %llu "
	    "bad %llu index_bytes %zu bytes_per_route %.1f peak_rss_kb %ld\n",
	    t1 - t0, (unsigned long long)st.objects,
	    (unsigned long long)st.routes, n, (unsigned long long)st.sets,
	    (unsigned long long)(st.bad + st.rpsl_skipped),
	    irr_index_memory(idx), st.routes > 0 ?
	    (double)irr_index_memory(idx) / (double)st.routes : 0.0,
	    ru.ru_maxrss);
	irr_sets_free(sets);
	irr_index_free(idx);
	return 0;
}
