/*
 * libFuzzer target: MRT records decoded from memory, without the reader
 * and framing recovery (fuzz_mrt covers those).  Faster per input, so it
 * goes deeper into the record and attribute decoders.
 */
#include <stddef.h>
#include <stdint.h>

#include "formats/mrt.h"
#include "fuzz_sink.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mrt_stats st = { 0 };
	size_t n = 0;

	mrt_decode_buffer(data, size, fuzz_sink, &n, &st);
	return 0;
}
