/*
 * libFuzzer target: the VRP readers as `manrs rov --vrps` runs them.  The
 * input goes through the reader (so compression magic selects a
 * decompressor), format detection, then the JSON, CSV or scan_roas
 * parser; whatever is accepted is built into a ROV trie and validated.
 */
#define _GNU_SOURCE
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "base/log.h"
#include "fuzz_memfd.h"
#include "formats/vrp.h"
#include "rpki/rov.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vrp_set set;
	struct vrp_errors err;
	struct rov *rov;
	size_t i;
	int fd = fuzz_memfd(data, size);

	log_verbose = -1;	/* warnings about bad input are expected */
	if (fd < 0)
		return 0;
	vrp_set_init(&set);
	memset(&err, 0, sizeof(err));
	(void)vrp_read_fd(fd, "fuzz", &set, &err);
	rov = rov_build(set.vrps, set.nvrps);
	for (i = 0; i < set.nvrps && i < 64; i++) {
		struct vrp cov[4];

		(void)rov_validate(rov, &set.vrps[i].pfx, set.vrps[i].asn,
		    NULL);
		(void)rov_covering(rov, &set.vrps[i].pfx, cov, 4);
	}
	for (i = 0; i < set.naspas; i++)
		if ((uint64_t)set.aspas[i].first + set.aspas[i].count >
		    set.nproviders)
			__builtin_trap();
	rov_free(rov);
	vrp_set_free(&set);
	return 0;
}
