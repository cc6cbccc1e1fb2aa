/*
 * bench/bogons: how fast the bogon model answers.  Builds it from the
 * registries in a directory (default ../shared/data/rir), then times
 * bogons_prefix() on random IPv4 /24s and IPv6 /48s and bogons_asn() on
 * random ASNs, and prints lookups per second, build time and memory.
 *
 * usage: build/bench/bogons [DIR] [LOOKUPS]
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/log.h"
#include "formats/iana.h"
#include "formats/rirstats.h"
#include "ref/bogons.h"

#define MAX_REGS	16

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* xorshift64*: a fixed, fast sequence. */
static uint64_t
rnd(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ull;
}

int
main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "../shared/data/rir";
	unsigned long n = argc > 2 ? strtoul(argv[2], NULL, 10) : 2000000;
	static struct iana_registry reg[MAX_REGS];
	const struct iana_registry *use[MAX_REGS];
	struct rir_stats st;
	struct bogons b;
	struct dirent **ents;
	unsigned nreg = 0, hits = 0;
	int ne, i;
	uint64_t seed = 42;
	unsigned long k;
	double t0, t1, t2, t3;
	size_t bytes = 0, f;

	log_verbose = -1;
	rir_stats_init(&st);
	if ((ne = scandir(dir, &ents, NULL, alphasort)) < 0) {
		fprintf(stderr, "# skip: %s not present\n", dir);
		return 0;
	}
	t0 = now();
	for (i = 0; i < ne; i++) {
		char path[4096];
		struct diag d;

		snprintf(path, sizeof(path), "%s/%s", dir, ents[i]->d_name);
		if (strstr(ents[i]->d_name, ".xml") != NULL && nreg < MAX_REGS &&
		    strncmp(ents[i]->d_name, "ripewhois_IanaIpv4", 18) != 0) {
			iana_init(&reg[nreg]);
			iana_diag_init(&d, path);
			if (iana_read_file(&reg[nreg], path, &d) == 0) {
				use[nreg] = &reg[nreg];
				nreg++;
			}
		} else if (strstr(ents[i]->d_name, "delegated-") != NULL) {
			rirstats_diag_init(&d, path);
			(void)rirstats_read_file(&st, path, &d);
		}
		free(ents[i]);
	}
	free(ents);
	t1 = now();
	bogons_build(&b, use, nreg, &st);
	t2 = now();
	for (f = 0; f < 2; f++)
		bytes += (b.ip[f].n + b.region[f].n) * sizeof(struct seg);
	bytes += (b.asn.n + b.asn_region.n) * sizeof(struct seg) +
	    b.nwhy * sizeof(struct bogon_reason);
	printf("registries: %u IANA files, %zu RIR records; read %.3f s, "
	    "build %.3f s\n", nreg, st.n, t1 - t0, t2 - t1);
	printf("model: %zu+%zu IPv4/IPv6 bogon segments, %zu+%zu region "
	    "segments, %zu ASN segments, %.1f MiB\n", b.ip[0].n, b.ip[1].n,
	    b.region[0].n, b.region[1].n, b.asn.n,
	    (double)bytes / (1024 * 1024));
	t2 = now();
	for (k = 0; k < n; k++) {
		struct bogon_hit h[1];
		struct prefix p;
		size_t nh;
		bool in;
		uint64_t r = rnd(&seed);

		memset(&p, 0, sizeof(p));
		if (k & 1) {
			p.afi = AFI_IPV6;
			p.len = 48;
			p.b[0] = (uint8_t)(0x20 | (r & 0x1f));
			memcpy(p.b + 1, &r, 5);
		} else {
			p.afi = AFI_IPV4;
			p.len = 24;
			p.b[0] = (uint8_t)(r >> 8);
			p.b[1] = (uint8_t)(r >> 16);
			p.b[2] = (uint8_t)(r >> 24);
		}
		hits += bogons_prefix(&b, &p, h, 1, &nh, &in) != BOGON_NONE;
	}
	t3 = now();
	printf("prefix lookups: %lu in %.3f s, %.2f M/s (%u bogon)\n", n,
	    t3 - t2, (double)n / (t3 - t2) / 1e6, hits);
	hits = 0;
	t2 = now();
	for (k = 0; k < n; k++) {
		const struct bogon_reason *w;
		uint64_t r = rnd(&seed);
		uint32_t asn = (k & 3) ? (uint32_t)(r % 400000) : (uint32_t)r;

		hits += bogons_asn(&b, asn, &w) != BOGON_NONE;
	}
	t3 = now();
	printf("ASN lookups: %lu in %.3f s, %.2f M/s (%u bogon)\n", n, t3 - t2,
	    (double)n / (t3 - t2) / 1e6, hits);
	bogons_free(&b);
	for (i = 0; i < (int)nreg; i++)
		iana_free(&reg[i]);
	rir_stats_free(&st);
	return 0;
}
