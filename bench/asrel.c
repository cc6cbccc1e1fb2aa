/*
 * bench/asrel: load a CAIDA as-rel file, compute every customer cone, and
 * time millions of relationship and in-cone queries on random AS pairs
 * (half of them linked pairs, so both the hit and the miss paths count;
 * in-cone asks whether an AS is below one of its providers or below a
 * random AS).
 *
 * usage: build/bench/asrel FILE [QUERIES]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/log.h"
#include "formats/asrel.h"
#include "net/asgraph.h"

#define NPAIRS	(1u << 20)

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* xorshift64: fixed seed, so runs compare. */
static uint64_t
rnd(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

int
main(int argc, char **argv)
{
	struct asrel_stats st;
	struct asgraph *g;
	char err[512], *end;
	double t0, t_load, t_cones, t_rel, t_cone;
	uint64_t seed = 88172645463325252ull, hits = 0, sum, i, nq = 10000000;
	size_t nn, mem0;
	uint32_t *pa, *pb;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: %s FILE [QUERIES]\n", argv[0]);
		return 2;
	}
	if (argc == 3 && ((nq = strtoull(argv[2], &end, 10)) == 0 ||
	    *end != '\0')) {
		fprintf(stderr, "bad QUERIES\n");
		return 2;
	}
	t0 = now();
	g = asgraph_new();
	memset(&st, 0, sizeof(st));
	if (asrel_read(g, argv[1], ASREL_KIND_REL, &st, err, sizeof(err))) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	asgraph_finish(g);
	t_load = now() - t0;
	mem0 = asgraph_memory(g);
	nn = asgraph_nodes(g);
	t0 = now();
	sum = asgraph_cones_all(g);
	t_cones = now() - t0;
	/* The pairs are drawn before the clock starts. */
	pa = malloc(NPAIRS * sizeof(*pa));
	pb = malloc(NPAIRS * sizeof(*pb));
	if (pa == NULL || pb == NULL || nn == 0)
		return 1;
	for (i = 0; i < NPAIRS; i++) {
		pa[i] = asgraph_node(g, rnd(&seed) % nn);
		/* Every other pair is a real link. */
		if ((i & 1) == 0 || asgraph_neighbours(g, pa[i],
		    ASREL_CUSTOMER, &pb[i], 1) == 0)
			pb[i] = asgraph_node(g, rnd(&seed) % nn);
	}
	t0 = now();
	for (i = 0; i < nq; i++)
		hits += asgraph_rel(g, pa[i % NPAIRS], pb[i % NPAIRS]) !=
		    ASREL_NONE;
	t_rel = now() - t0;
	t0 = now();
	for (i = 0; i < nq; i++)
		hits += asgraph_in_cone(g, pa[i % NPAIRS], pb[i % NPAIRS]);
	t_cone = now() - t0;
	printf("file           %s\n", argv[1]);
	printf("ases           %zu\n", nn);
	printf("links          %zu (%zu p2c, %zu p2p)\n", asgraph_links(g),
	    asgraph_links_rel(g, ASREL_PROVIDER),
	    asgraph_links_rel(g, ASREL_PEER));
	printf("load           %.3f s (read, parse, index)\n", t_load);
	printf("memory         %zu bytes before cones, %zu with all cones\n",
	    mem0, asgraph_memory(g));
	printf("all cones      %.3f s, %llu members in all\n", t_cones,
	    (unsigned long long)sum);
	printf("rel queries    %llu in %.3f s: %.0f ns each\n",
	    (unsigned long long)nq, t_rel, t_rel * 1e9 / (double)nq);
	printf("in-cone        %llu in %.3f s: %.0f ns each\n",
	    (unsigned long long)nq, t_cone, t_cone * 1e9 / (double)nq);
	printf("(hits %llu)\n", (unsigned long long)hits);
	free(pa);
	free(pb);
	asgraph_free(g);
	return 0;
}
