/*
 * gen-rpsl: write a full-size IRR dump in RPSL, gzip-compressed, for
 * bench/irr.sh.
 *
 * The (prefix, origin) pairs come from a route list of bench/gen-rov
 * ("PREFIX ASN" lines, made from the ip-location-db ranges in
 * ../shared/data/pfx2as).  Each pair gets route/route6 objects until the
 * dump holds --objects of them: the first in an RIR registry (picked by a
 * hash of the prefix, RIPE-style attributes) or in RADB, the others in the
 * non-authoritative registries (RADB-style attributes).  Then --sets
 * as-sets (some hierarchical, AS65000:AS-FOO) whose members are origins of
 * the list and other sets, mostly further down the list and now and then
 * back up it (cycles), and a few route-sets.  Every random choice comes
 * from --seed.
 *
 * usage: gen-rpsl [--seed N] [--objects N] [--sets N] --routes IN.txt
 *                 --out OUT.db.gz
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "base/xmalloc.h"
#include "net/asn.h"
#include "net/prefix.h"

#define MAX_LINE	256
#define MAX_OBJECTS	(64u * 1024 * 1024)

struct pair {
	struct prefix	p;
	uint32_t	asn;
};

struct gen {
	uint64_t	 rng;
	gzFile		 out;
	const char	*path;
	struct pair	*pairs;
	size_t		 n, cap;
	uint64_t	 objects, sets;
};

static const char *const rirs[] = {
	"RIPE", "RIPE", "RIPE", "ARIN", "ARIN", "ARIN", "APNIC", "APNIC",
	"LACNIC", "AFRINIC",
};
static const char *const nonauth[] = {
	"RADB", "RADB", "RADB", "ALTDB", "NTTCOM", "LEVEL3", "RIPE-NONAUTH",
	"ARIN-NONAUTH",
};

static void
die(const char *what, const char *arg)
{
	fprintf(stderr, "gen-rpsl: %s: %s\n", what, arg);
	exit(1);
}

/* splitmix64. */
static uint64_t
rnd(struct gen *g)
{
	uint64_t z = (g->rng += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static size_t
rnd_below(struct gen *g, size_t n)
{
	return (size_t)(rnd(g) % n);
}

static void
put(struct gen *g, const char *s, int n)
{
	if (n < 0 || gzwrite(g->out, s, (unsigned)n) != n)
		die("write error", g->path);
}

static void
read_pairs(struct gen *g, const char *path)
{
	char line[MAX_LINE];
	FILE *fp = fopen(path, "r");

	if (fp == NULL)
		die("cannot open", path);
	while (fgets(line, sizeof(line), fp) != NULL) {
		char *sp = strchr(line, ' ');
		const char *why;
		struct pair pr;

		if (sp == NULL)
			continue;
		memset(&pr, 0, sizeof(pr));
		if (!prefix_parse(line, (size_t)(sp - line), &pr.p, &why) ||
		    !asn_parse(sp + 1, strcspn(sp + 1, "\r\n"), &pr.asn, &why))
			continue;
		if (g->n == g->cap) {
			g->cap = g->cap > 0 ? g->cap * 2 : 1u << 20;
			g->pairs = xreallocarray(g->pairs, g->cap,
			    sizeof(*g->pairs));
		}
		g->pairs[g->n++] = pr;
	}
	fclose(fp);
	if (g->n == 0)
		die("no \"PREFIX ASN\" lines in", path);
}

static void
route_object(struct gen *g, const struct pair *pr, const char *src,
    bool ripe_style)
{
	char pfx[PREFIX_STRLEN], buf[1024];
	const char *cls = pr->p.afi == AFI_IPV6 ? "route6:" : "route:";
	int n;

	prefix_fmt(&pr->p, pfx);
	if (ripe_style)
		n = snprintf(buf, sizeof(buf),
		    "%-16s%s\norigin:         AS%u\n"
		    "mnt-by:         MNT-AS%u\n"
		    "created:        2026-06-17T00:00:00Z\n"
		    "last-modified:  2026-06-17T00:00:00Z\n"
		    "source:         %s\n\n", cls, pfx, pr->asn, pr->asn, src);
	else
		n = snprintf(buf, sizeof(buf),
		    "%-16s%s\ndescr:          Route for AS%u\n"
		    "origin:         AS%u\nmnt-by:         MAINT-AS%u\n"
		    "changed:        noc@as%u.example.net 20260617\n"
		    "source:         %s\n\n", cls, pfx, pr->asn, pr->asn,
		    pr->asn, pr->asn, src);
	put(g, buf, n);
	g->objects++;
}

static void
write_routes(struct gen *g, uint64_t target)
{
	size_t i, k, per, extra;

	per = (size_t)(target / g->n);
	extra = (size_t)(target % g->n);
	for (i = 0; i < g->n; i++) {
		size_t copies = per + (i < extra ? 1 : 0);
		uint64_t h = rnd(g);

		if (copies == 0)
			break;
		if (h % 10 < 7)
			route_object(g, &g->pairs[i], rirs[(h >> 8) % 10],
			    true);
		else
			route_object(g, &g->pairs[i], "RADB", false);
		for (k = 1; k < copies; k++)
			route_object(g, &g->pairs[i], nonauth[rnd_below(g, 8)],
			    false);
	}
}

static void
set_name(char *buf, size_t len, size_t k)
{
	if (k % 3 == 0)
		snprintf(buf, len, "AS%zu:AS-CUSTOMERS", 64512 + k);
	else
		snprintf(buf, len, "AS-SET%zu", k);
}

static void
write_sets(struct gen *g, size_t nsets)
{
	char buf[8192], name[64];
	size_t k, j, nm, ns;
	int n;

	for (k = 0; k < nsets; k++) {
		set_name(name, sizeof(name), k);
		n = snprintf(buf, sizeof(buf), "as-set:         %s\n"
		    "descr:          customers\nmembers:        ", name);
		nm = 1 + rnd_below(g, 20);
		for (j = 0; j < nm; j++)
			n += snprintf(buf + n, sizeof(buf) - (size_t)n,
			    "%sAS%u", j > 0 ? ", " : "",
			    g->pairs[rnd_below(g, g->n)].asn);
		ns = rnd_below(g, 4);
		for (j = 0; j < ns; j++) {
			/* Mostly down the list; one in 50 back up it. */
			size_t t = rnd_below(g, 50) == 0 ? rnd_below(g, nsets) :
			    (k + 1 + rnd_below(g, 100)) % nsets;

			set_name(name, sizeof(name), t);
			n += snprintf(buf + n, sizeof(buf) - (size_t)n,
			    "\nmembers:        %s", name);
		}
		n += snprintf(buf + n, sizeof(buf) - (size_t)n,
		    "\nmnt-by:         MAINT-SETS\nsource:         %s\n\n",
		    k % 2 ? "RADB" : "RIPE");
		put(g, buf, n);
		g->sets++;
	}
	for (k = 0; k < nsets / 100; k++) {
		char pfx[PREFIX_STRLEN];

		prefix_fmt(&g->pairs[rnd_below(g, g->n)].p, pfx);
		set_name(name, sizeof(name), rnd_below(g, nsets));
		n = snprintf(buf, sizeof(buf), "route-set:      RS-SET%zu\n"
		    "members:        %s^+, %s\nsource:         RADB\n\n", k,
		    pfx, name);
		put(g, buf, n);
		g->sets++;
	}
}

static uint64_t
num_arg(const char *s, uint64_t max)
{
	char *end;
	unsigned long long v = strtoull(s, &end, 10);

	if (*s == '\0' || *end != '\0' || v > max)
		die("bad number", s);
	return v;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "seed", required_argument, NULL, 's' },
		{ "objects", required_argument, NULL, 'n' },
		{ "sets", required_argument, NULL, 'S' },
		{ "routes", required_argument, NULL, 'r' },
		{ "out", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 },
	};
	const char *routes = NULL;
	uint64_t objects = 1200000, sets = 50000;
	struct gen g;
	int ch;

	memset(&g, 0, sizeof(g));
	g.rng = 1;
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (ch) {
		case 's':
			g.rng = num_arg(optarg, UINT64_MAX);
			break;
		case 'n':
			objects = num_arg(optarg, MAX_OBJECTS);
			break;
		case 'S':
			sets = num_arg(optarg, 10000000);
			break;
		case 'r':
			routes = optarg;
			break;
		case 'o':
			g.path = optarg;
			break;
		default:
			goto usage;
		}
	}
	if (routes == NULL || g.path == NULL || optind != argc)
		goto usage;
	read_pairs(&g, routes);
	if ((g.out = gzopen(g.path, "wb6")) == NULL)
		die("cannot create", g.path);
	gzbuffer(g.out, 1u << 20);
	write_routes(&g, objects);
	if (sets > 0)
		write_sets(&g, (size_t)sets);
	if (gzclose(g.out) != Z_OK)
		die("write error", g.path);
	printf("%llu route objects from %zu pairs, %llu sets\n",
	    (unsigned long long)g.objects, g.n, (unsigned long long)g.sets);
	free(g.pairs);
	return 0;
usage:
	fprintf(stderr, "usage: gen-rpsl [--seed N] [--objects N] [--sets N] "
	    "--routes IN.txt --out OUT.db.gz\n");
	return 2;
}
