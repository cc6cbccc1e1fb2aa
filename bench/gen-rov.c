/*
 * gen-rov: write a full-size VRP list and route list for bench/rov.sh.
 *
 * Prefixes and origins come from the ip-location-db ASN ranges (each
 * inclusive range cut into CIDR blocks, at most /24 and /48).  A share of
 * them gets a ROA, most with maxLength equal to the prefix length and the
 * rest up to /24 or /48 (as the big RIR customers publish them); a few
 * get a second VRP for another AS (DDoS protection) and a few uncovered
 * ones an AS0 VRP.  Every prefix is announced by its own origin, and some
 * also by a wrong origin or as a more-specific, so all of valid, invalid
 * (AS and length) and not-found occur.  --routes gets them in RIB order
 * (sorted by prefix, as a TABLE_DUMP_V2 RIB lists them), --shuffled in
 * random order (as updates arrive: no two lookups near in the trie).
 * Every random choice comes from --seed.
 *
 * usage: gen-rov [--seed N] --pfx2as-v4 F.csv.gz --pfx2as-v6 F.csv.gz
 *                --vrps OUT.csv --routes OUT.txt [--shuffled OUT.txt]
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "base/xmalloc.h"
#include "net/prefix.h"
#include "pfx2as.h"

struct route {
	struct prefix	p;
	uint32_t	asn;
};

struct gen {
	uint64_t	 rng;
	FILE		*vrps;
	struct route	*r;
	size_t		 nr, capr;
	size_t		 nvrps, npfx[2];
};

static void
die(const char *what, const char *arg)
{
	fprintf(stderr, "gen-rov: %s: %s\n", what, arg);
	exit(1);
}

/* splitmix64: small, good enough, and the same everywhere. */
static uint64_t
rnd(struct gen *g)
{
	uint64_t z = (g->rng += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

/* True with probability pct/1000. */
static int
chance(struct gen *g, unsigned permille)
{
	return rnd(g) % 1000 < permille;
}

static void
put_vrp(struct gen *g, const struct prefix *p, uint32_t asn, unsigned maxlen)
{
	char buf[PREFIX_STRLEN];

	prefix_fmt(p, buf);
	fprintf(g->vrps, "AS%u,%s,%u,bench\n", asn, buf, maxlen);
	g->nvrps++;
}

static void
put_route(struct gen *g, const struct prefix *p, uint32_t asn)
{
	if (g->nr == g->capr) {
		g->capr = g->capr ? g->capr * 2 : 1 << 20;
		g->r = xreallocarray(g->r, g->capr, sizeof(*g->r));
	}
	g->r[g->nr].p = *p;
	g->r[g->nr].asn = asn;
	g->nr++;
}

/* Another origin than asn, from the same AS number range. */
static uint32_t
other_as(struct gen *g, uint32_t asn)
{
	return (uint32_t)(asn + 1 + rnd(g) % 60000) % 400000 + 1;
}

/* One prefix from the ranges: its VRPs and routes. */
static void
prefix_add(void *arg, const struct prefix *p, uint32_t asn)
{
	struct gen *g = arg;
	unsigned cap = p->afi == AFI_IPV4 ? 24 : 48, maxlen = p->len;
	int roa = chance(g, 650);
	struct prefix m;

	g->npfx[p->afi == AFI_IPV6]++;
	if (roa) {
		if (p->len < cap && chance(g, 300))
			maxlen = p->len + 1 + (unsigned)(rnd(g) %
			    (cap - p->len));
		put_vrp(g, p, asn, maxlen);
		if (chance(g, 20))
			put_vrp(g, p, other_as(g, asn), p->len);
	} else if (chance(g, 5))
		put_vrp(g, p, 0, p->len);
	put_route(g, p, asn);
	if (chance(g, 50))
		put_route(g, p, other_as(g, asn));
	if (p->len < afi_bits(p->afi) - 8 && chance(g, 150)) {
		/* A more-specific: one to four bits longer, random bits. */
		unsigned extra = 1 + (unsigned)(rnd(g) % 4), i;

		m = *p;
		m.len = (uint8_t)(p->len + extra);
		for (i = p->len; i < m.len; i++)
			if (rnd(g) & 1)
				m.b[i / 8] |= (uint8_t)(0x80 >> (i % 8));
		put_route(g, &m, asn);
	}
}

static int
route_cmp(const void *a, const void *b)
{
	const struct route *x = a, *y = b;
	int c = prefix_cmp(&x->p, &y->p);

	if (c != 0)
		return c;
	return x->asn < y->asn ? -1 : x->asn > y->asn;
}

static void
write_routes(const struct gen *g, const char *path)
{
	char buf[PREFIX_STRLEN];
	FILE *fp;
	size_t i;

	if ((fp = fopen(path, "w")) == NULL)
		die("cannot create", path);
	for (i = 0; i < g->nr; i++) {
		prefix_fmt(&g->r[i].p, buf);
		fprintf(fp, "%s %u\n", buf, g->r[i].asn);
	}
	if (fclose(fp) != 0)
		die("write error", path);
}

static void
usage(void)
{
	fprintf(stderr, "usage: gen-rov [--seed N] --pfx2as-v4 F.csv.gz "
	    "--pfx2as-v6 F.csv.gz\n"
	    "               --vrps OUT.csv --routes OUT.txt "
	    "[--shuffled OUT.txt]\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "seed", required_argument, NULL, 's' },
		{ "pfx2as-v4", required_argument, NULL, '4' },
		{ "pfx2as-v6", required_argument, NULL, '6' },
		{ "vrps", required_argument, NULL, 'V' },
		{ "routes", required_argument, NULL, 'r' },
		{ "shuffled", required_argument, NULL, 'S' },
		{ NULL, 0, NULL, 0 },
	};
	const char *v4 = NULL, *v6 = NULL, *vout = NULL, *rout = NULL;
	const char *sout = NULL;
	struct gen g;
	size_t i;
	int ch;

	memset(&g, 0, sizeof(g));
	g.rng = 1;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 's':
			g.rng = strtoull(optarg, NULL, 10);
			break;
		case '4':
			v4 = optarg;
			break;
		case '6':
			v6 = optarg;
			break;
		case 'V':
			vout = optarg;
			break;
		case 'r':
			rout = optarg;
			break;
		case 'S':
			sout = optarg;
			break;
		default:
			usage();
		}
	}
	if (v4 == NULL || v6 == NULL || vout == NULL || rout == NULL ||
	    optind != argc)
		usage();
	if ((g.vrps = fopen(vout, "w")) == NULL)
		die("cannot create", vout);
	fprintf(g.vrps, "ASN,IP Prefix,Max Length,Trust Anchor\n");
	pfx2as_read(v4, AFI_IPV4, 24, prefix_add, &g);
	pfx2as_read(v6, AFI_IPV6, 48, prefix_add, &g);
	if (fclose(g.vrps) != 0)
		die("write error", vout);
	if (g.nr > 0)
		qsort(g.r, g.nr, sizeof(*g.r), route_cmp);
	write_routes(&g, rout);
	if (sout != NULL) {
		for (i = g.nr; i > 1; i--) {	/* Fisher-Yates */
			size_t j = rnd(&g) % i;
			struct route t = g.r[i - 1];

			g.r[i - 1] = g.r[j];
			g.r[j] = t;
		}
		write_routes(&g, sout);
	}
	fprintf(stderr, "gen-rov: %zu IPv4 and %zu IPv6 prefixes, %zu VRPs, "
	    "%zu routes\n", g.npfx[0], g.npfx[1], g.nvrps, g.nr);
	free(g.r);
	return 0;
}
