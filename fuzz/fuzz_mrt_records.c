/*
 * libFuzzer target: MRT records decoded from memory, without the reader
 * and framing recovery (fuzz_mrt covers those).  Faster per input, so it
 * goes deeper into the record and attribute decoders.
 */
#include <stddef.h>
#include <stdint.h>

#include "formats/mrt.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
sink(void *ctx, const struct mrt_elem *e)
{
	size_t *n = ctx;

	*n += e->prefix.len + e->peer_as;
	if (e->attrs != NULL)
		*n += e->attrs->path.nseg + as_path_origin(&e->attrs->path);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mrt_stats st = { 0 };
	size_t n = 0;

	mrt_decode_buffer(data, size, sink, &n, &st);
	return 0;
}
