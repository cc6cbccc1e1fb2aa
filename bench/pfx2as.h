/*
 * The ip-location-db ASN ranges ("lo,hi,asn[,name]" lines, gzip) as CIDR
 * blocks with their origin AS, for the benchmark generators.  Each
 * inclusive range is cut into the largest aligned blocks, /8 at the
 * shortest; blocks longer than maxlen are dropped (as too specific to be
 * routed).
 */
#ifndef MANRS_BENCH_PFX2AS_H
#define MANRS_BENCH_PFX2AS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "net/prefix.h"

typedef unsigned __int128 p2a_u128;
typedef void p2a_fn(void *, const struct prefix *, uint32_t asn);

static p2a_u128
p2a_addr(const struct addr *a)
{
	p2a_u128 v = 0;
	unsigned i;

	for (i = 0; i < afi_bytes(a->afi); i++)
		v = v << 8 | a->b[i];
	return v;
}

static void
p2a_cut(unsigned afi, p2a_u128 lo, p2a_u128 hi, uint32_t asn,
    unsigned maxlen, p2a_fn *fn, void *arg)
{
	unsigned bits = afi_bits(afi);

	while (lo <= hi) {
		unsigned k = 0, i;
		struct prefix p;
		p2a_u128 v;

		/* The largest block aligned at lo that ends by hi. */
		while (k < bits - 8 && ((lo >> k) & 1) == 0 &&
		    lo + (((p2a_u128)1 << (k + 1)) - 1) <= hi)
			k++;
		memset(&p, 0, sizeof(p));
		p.afi = (uint8_t)afi;
		p.len = (uint8_t)(bits - k);
		for (i = afi_bytes(afi), v = lo; i-- > 0; v >>= 8)
			p.b[i] = (uint8_t)v;
		if (p.len <= maxlen)
			fn(arg, &p, asn);
		if (lo + ((p2a_u128)1 << k) - 1 >= hi)
			break;
		lo += (p2a_u128)1 << k;
	}
}

/* Read one file; exits if it cannot be opened. */
static void
pfx2as_read(const char *path, unsigned afi, unsigned maxlen, p2a_fn *fn,
    void *arg)
{
	char line[1024];
	gzFile gz = gzopen(path, "rb");

	if (gz == NULL) {
		fprintf(stderr, "cannot open %s\n", path);
		exit(1);
	}
	gzbuffer(gz, 256 * 1024);
	while (gzgets(gz, line, sizeof(line)) != NULL) {
		char *c1 = strchr(line, ','), *c2, *end;
		struct addr lo, hi;
		const char *why;
		unsigned long asn;

		if (c1 == NULL || (c2 = strchr(c1 + 1, ',')) == NULL)
			continue;
		asn = strtoul(c2 + 1, &end, 10);
		if (end == c2 + 1 || (*end != ',' && *end != '\n' &&
		    *end != '\r') || asn == 0 || asn > UINT32_MAX ||
		    !addr_parse(line, (size_t)(c1 - line), &lo, &why) ||
		    !addr_parse(c1 + 1, (size_t)(c2 - c1 - 1), &hi, &why) ||
		    lo.afi != afi || hi.afi != afi ||
		    p2a_addr(&lo) > p2a_addr(&hi))
			continue;
		p2a_cut(afi, p2a_addr(&lo), p2a_addr(&hi), (uint32_t)asn,
		    maxlen, fn, arg);
	}
	gzclose(gz);
}

#endif
