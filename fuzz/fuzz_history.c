/*
 * libFuzzer target: the ROA history store loader.  Whatever it accepts
 * must answer queries and serialise back to the very same bytes (the
 * format has one encoding per store).  Each input is tried as it is and
 * with its checksums made right, so that mutations reach the checks
 * behind them.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "rpki/history.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
wr32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

static uint32_t
rd32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

/* Recompute the header's checksums where the sizes allow. */
static void
reseal(uint8_t *b, size_t n)
{
	uint64_t d = 64 + (uint64_t)rd32(b + 16) * 4;
	uint64_t v = d + (uint64_t)rd32(b + 20) * 28;

	if (v <= n) {
		wr32(b + 32, (uint32_t)crc32_z(0, b + 64, (size_t)d - 64));
		wr32(b + 36, (uint32_t)crc32_z(0, b + d, (size_t)(v - d)));
		wr32(b + 40, (uint32_t)crc32_z(0, b + v, n - (size_t)v));
	}
	wr32(b + 60, (uint32_t)crc32_z(0, b, 60));
}

static void	try_load(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *copy;

	try_load(data, size);
	if (size < 64 || (copy = malloc(size)) == NULL)
		return 0;
	memcpy(copy, data, size);
	reseal(copy, size);
	try_load(copy, size);
	free(copy);
	return 0;
}

static void
try_load(const uint8_t *data, size_t size)
{
	char err[HISTORY_ERRLEN];
	struct history *h = history_load_mem(data, size, "fuzz", err,
	    sizeof(err));
	struct history_result r;
	uint8_t *img;
	size_t n, i;

	if (h == NULL)
		return;
	for (i = 0; i < history_nvrps(h) && i < 32; i++) {
		const struct vrp *v = history_vrp(h, (uint32_t)i);
		uint32_t cov[8];

		(void)history_covering(h, &v->pfx, cov, 8);
		(void)history_validate(h, &v->pfx, v->asn,
		    history_day(h, 0) + (uint32_t)i, HISTORY_NEAREST, &r);
	}
	if (history_ndays(h) > 0)
		rov_free(history_rov_at(h, (uint32_t)history_ndays(h) - 1));
	history_serialise(h, &img, &n);
	if (n != size || memcmp(img, data, n) != 0)
		__builtin_trap();
	free(img);
	history_free(h);
}
