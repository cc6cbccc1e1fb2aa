/*
 * libFuzzer target: CAIDA as-rel / as-rel2 / ppdc-ases as `manrs asrel`
 * reads them (through the reader, so compression magic picks a
 * decompressor), then the queries, with the graph's invariants checked:
 * every link is seen the same from both ends, and a customer is in its
 * provider's computed cone.
 */
#define _GNU_SOURCE
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "base/log.h"
#include "formats/asrel.h"
#include "fuzz_memfd.h"
#include "net/asgraph.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct asrel_stats st;
	struct asgraph *g;
	char err[256];
	uint32_t nb[16];
	size_t i, j, n;
	int fd = fuzz_memfd(data, size);

	log_verbose = -1;	/* warnings about bad input are expected */
	if (fd < 0)
		return 0;
	g = asgraph_new();
	memset(&st, 0, sizeof(st));
	(void)asrel_read_fd(g, fd, "fuzz", ASREL_KIND_ANY, &st, err,
	    sizeof(err));
	asgraph_finish(g);
	for (i = 0; i < asgraph_nodes(g) && i < 64; i++) {
		uint32_t as = asgraph_node(g, i);

		n = asgraph_neighbours(g, as, ASREL_PROVIDER, nb, 16);
		for (j = 0; j < n && j < 16; j++) {
			if (asgraph_rel(g, nb[j], as) != ASREL_CUSTOMER)
				__builtin_trap();
			if (!asgraph_cones_given(g) &&
			    !asgraph_in_cone(g, nb[j], as))
				__builtin_trap();
		}
		if (asgraph_cone_size(g, as) == 0)
			__builtin_trap();
	}
	(void)asgraph_cones_all(g);
	(void)asgraph_rel(g, 1, 2);
	(void)asgraph_in_cone(g, 1, 2);
	asgraph_free(g);
	return 0;
}
