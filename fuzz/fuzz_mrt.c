/*
 * libFuzzer target: the whole MRT path as `manrs mrt` runs it.  The input
 * goes through the reader (so gzip/bzip2/xz/zstd magic selects a
 * decompressor), the framing with its damage recovery, and the decoder.
 */
#define _GNU_SOURCE
#include <stddef.h>
#include <stdint.h>

#include "base/log.h"
#include "fuzz_memfd.h"
#include "formats/mrt.h"
#include "fuzz_sink.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[256];
	struct reader *rd;
	struct mrt_file *f;
	struct mrt_record rec;
	size_t n = 0;
	int fd = fuzz_memfd(data, size);

	log_verbose = -1;	/* warnings about bad input are expected */
	if (fd < 0)
		return 0;
	rd = reader_fdopen(fd, "fuzz", err, sizeof(err));
	if (rd == NULL)
		return 0;
	f = mrt_file_new(rd, "fuzz");
	while (mrt_next(f, &rec) == 1)
		mrt_decode(f, &rec, fuzz_sink, &n);
	(void)mrt_file_error(f);
	mrt_file_free(f);
	return 0;
}
