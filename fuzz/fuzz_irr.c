/*
 * libFuzzer target: RPSL from the fuzzer loaded into the IRR index and set
 * store, then every query and an expansion of each set named in the input
 * (to ASNs and to prefixes, with small caps so the walk stays short).
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "base/log.h"
#include "formats/rpsl.h"
#include "irr/asset.h"
#include "irr/index.h"
#include "irr/load.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static volatile size_t sink;

static size_t
expand(struct irr_sets *sets, const char *name, bool prefixes)
{
	struct irr_expand_opts o = { prefixes, 4, 1000 };
	struct irr_expansion x;
	size_t n;

	irr_expand(sets, name, &o, &x);
	n = x.nasns + x.nranges + x.nfindings + x.depth;
	irr_expansion_free(&x);
	return n;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct irr_load_stats st;
	struct irr_index *idx;
	struct irr_sets *sets;
	struct rpsl_file *f;
	struct rpsl_object o;
	struct irr_lookup lk;
	const struct irr_route *r;
	char err[256];
	size_t i, n, lo, hi, k = 0, nsets = 0;

	log_verbose = -1;
	memset(&st, 0, sizeof(st));
	idx = irr_index_new();
	sets = irr_sets_new(idx);
	f = rpsl_buffer_new(data, size, "fuzz");
	(void)irr_load(idx, sets, f, "fuzz", &st, err, sizeof(err));
	rpsl_file_free(f);
	irr_index_finish(idx);
	r = irr_index_routes(idx, &n);
	for (i = 0; i < n && i < 64; i++) {
		irr_index_lookup(idx, &r[i].pfx, r[i].origin + (i & 1), &lk);
		irr_index_covered(idx, &r[i].pfx, &lo, &hi);
		k += lk.n + hi - lo;
	}
	/* Expand the first few set names, read again from the input. */
	f = rpsl_buffer_new(data, size, "fuzz");
	while (rpsl_next(f, &o) == 1 && nsets < 8) {
		if (strcmp(o.class, "as-set") != 0 &&
		    strcmp(o.class, "route-set") != 0)
			continue;
		k += expand(sets, o.key, false) + expand(sets, o.key, true);
		nsets++;
	}
	rpsl_file_free(f);
	irr_sets_free(sets);
	irr_index_free(idx);
	sink = k;
	return 0;
}
