/*
 * gen-vrps: write a year of daily VRP snapshots in the RIPE NCC archive
 * layout (OUT/YYYY/MM/DD/roas.csv.gz, quoted CSV) for bench/history.sh.
 *
 * VRPs come from the ip-location-db ASN ranges (CIDR blocks up to /24 and
 * /48 with their origin; most with maxLength equal to the length, some up
 * to /24 or /48; a few second VRPs for another AS and a few AS0), more-
 * specifics of them when the ranges run short.  Day 0 has --vrps of them;
 * every day after, a few hundred to a few thousand disappear and as many
 * (and a little more: the RPKI grows) appear, some of them ones that had
 * gone; a set of flapping VRPs comes and goes; --missing days get no file
 * (changes still happen on them).  Files list VRPs in a fixed random
 * order, not sorted.  Every random choice comes from --seed.
 *
 * usage: gen-vrps --pfx2as-v4 F.csv.gz --pfx2as-v6 F.csv.gz --out DIR
 *                 [--days 365] [--vrps 600000] [--start 2025-01-01]
 *                 [--missing 7] [--seed 1]
 */
#include <sys/stat.h>

#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "base/xmalloc.h"
#include "net/prefix.h"
#include "pfx2as.h"
#include "rpki/history.h"

#define FLAPPERS	1500

struct gen {
	uint64_t	 rng;
	struct vrp	*c;		/* candidates */
	size_t		 n, cap;
};

static uint64_t
rnd(struct gen *g)
{
	g->rng ^= g->rng << 13;
	g->rng ^= g->rng >> 7;
	g->rng ^= g->rng << 17;
	return g->rng;
}

static uint32_t
below(struct gen *g, uint32_t n)
{
	return (uint32_t)(rnd(g) % n);
}

static void
add(struct gen *g, const struct prefix *p, uint32_t asn, unsigned maxlen)
{
	if (g->n == g->cap) {
		g->cap = g->cap ? g->cap * 2 : 1 << 20;
		g->c = xreallocarray(g->c, g->cap, sizeof(*g->c));
	}
	memset(&g->c[g->n], 0, sizeof(g->c[0]));
	g->c[g->n].pfx = *p;
	g->c[g->n].asn = asn;
	g->c[g->n].maxlen = (uint8_t)maxlen;
	g->c[g->n].ta = (uint8_t)(p->b[0] % 5);
	g->n++;
}

static void
block(void *arg, const struct prefix *p, uint32_t asn)
{
	struct gen *g = arg;
	unsigned lim = p->afi == AFI_IPV4 ? 24 : 48, ml = p->len;

	if (below(g, 4) == 0)
		ml += below(g, lim - p->len + 1);
	add(g, p, asn, ml);
	if (below(g, 20) == 0)		/* DDoS protection: a second AS */
		add(g, p, 13335 + below(g, 5000), ml);
	if (below(g, 100) == 0)
		add(g, p, 0, p->len);
}

/* A more-specific half of candidate i, same AS. */
static bool
split(struct gen *g, size_t i)
{
	struct vrp v = g->c[i];
	unsigned lim = v.pfx.afi == AFI_IPV4 ? 24 : 48;

	if (v.pfx.len >= lim)
		return false;
	v.pfx.len++;
	if (below(g, 2))
		v.pfx.b[(v.pfx.len - 1) / 8] |= (uint8_t)(0x80 >>
		    ((v.pfx.len - 1) % 8));
	add(g, &v.pfx, v.asn, v.pfx.len);
	return true;
}

static const char *const tas[5] = { "ripencc", "arin", "apnic", "lacnic",
    "afrinic" };

static void
write_day(const struct gen *g, const bool *on, size_t n, const char *out,
    uint32_t day)
{
	char dir[4096], path[4200], d[HISTORY_DAY_STRLEN], line[256];
	char *buf = xmalloc(1 << 20);
	size_t i, len = 0;
	gzFile gz;

	history_day_fmt(day, d);
	snprintf(dir, sizeof(dir), "%s/%.4s", out, d);
	mkdir(dir, 0755);
	snprintf(dir, sizeof(dir), "%s/%.4s/%.2s", out, d, d + 5);
	mkdir(dir, 0755);
	snprintf(dir, sizeof(dir), "%s/%.4s/%.2s/%.2s", out, d, d + 5, d + 8);
	if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
		fprintf(stderr, "%s: %s\n", dir, strerror(errno));
		exit(1);
	}
	snprintf(path, sizeof(path), "%s/roas.csv.gz", dir);
	if ((gz = gzopen(path, "wb1")) == NULL) {
		fprintf(stderr, "cannot write %s\n", path);
		exit(1);
	}
	len = (size_t)snprintf(buf, 1 << 20,
	    "\"ASN\",\"IP Prefix\",\"Max Length\",\"Trust Anchor\"\n");
	for (i = 0; i < n; i++) {
		char p[PREFIX_STRLEN];
		int k;

		if (!on[i])
			continue;
		prefix_fmt(&g->c[i].pfx, p);
		k = snprintf(line, sizeof(line), "\"AS%u\",\"%s\",\"%u\",\"%s\"\n",
		    g->c[i].asn, p, g->c[i].maxlen, tas[g->c[i].ta]);
		if (len + (size_t)k > (1 << 20)) {
			gzwrite(gz, buf, (unsigned)len);
			len = 0;
		}
		memcpy(buf + len, line, (size_t)k);
		len += (size_t)k;
	}
	gzwrite(gz, buf, (unsigned)len);
	if (gzclose(gz) != Z_OK) {
		fprintf(stderr, "write error on %s\n", path);
		exit(1);
	}
	free(buf);
}

static void
usage(void)
{
	fprintf(stderr, "usage: gen-vrps --pfx2as-v4 F --pfx2as-v6 F --out DIR"
	    " [--days N] [--vrps N]\n               [--start YYYY-MM-DD] "
	    "[--missing N] [--seed N]\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "pfx2as-v4", required_argument, NULL, '4' },
		{ "pfx2as-v6", required_argument, NULL, '6' },
		{ "out", required_argument, NULL, 'o' },
		{ "days", required_argument, NULL, 'd' },
		{ "vrps", required_argument, NULL, 'n' },
		{ "start", required_argument, NULL, 's' },
		{ "missing", required_argument, NULL, 'm' },
		{ "seed", required_argument, NULL, 'S' },
		{ NULL, 0, NULL, 0 },
	};
	const char *v4 = NULL, *v6 = NULL, *out = NULL, *why;
	unsigned long days = 365, nvrps = 600000, missing = 7, seed = 1;
	uint32_t start = 0, *gone;
	struct gen g;
	bool *on, *skip, *flap;
	size_t i, fresh, ngone = 0, active, written = 0, pool;
	int ch;

	memset(&g, 0, sizeof(g));
	(void)history_day_parse("2025-01-01", 10, &start, &why);
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (ch) {
		case '4': v4 = optarg; break;
		case '6': v6 = optarg; break;
		case 'o': out = optarg; break;
		case 'd': days = strtoul(optarg, NULL, 10); break;
		case 'n': nvrps = strtoul(optarg, NULL, 10); break;
		case 'm': missing = strtoul(optarg, NULL, 10); break;
		case 'S': seed = strtoul(optarg, NULL, 10); break;
		case 's':
			if (!history_day_parse(optarg, strlen(optarg), &start,
			    &why))
				usage();
			break;
		default: usage();
		}
	}
	if (v4 == NULL || v6 == NULL || out == NULL || days == 0 ||
	    days > 3660 || nvrps < 10000 || missing >= days)
		usage();
	g.rng = 0x9e3779b97f4a7c15ull ^ (seed * 0x2545f4914f6cdd1dull);
	pfx2as_read(v4, AFI_IPV4, 24, block, &g);
	pfx2as_read(v6, AFI_IPV6, 48, block, &g);
	fprintf(stderr, "gen-vrps: %zu VRPs from the ranges\n", g.n);
	/* Enough for day 0 and the newcomers of every day after it. */
	pool = nvrps + days * 2000 + FLAPPERS;
	for (i = 0; g.n < pool; i++)
		(void)split(&g, below(&g, (uint32_t)g.n));
	for (i = g.n; i-- > 1;) {		/* one fixed random order */
		size_t j = below(&g, (uint32_t)(i + 1));
		struct vrp t = g.c[i];

		g.c[i] = g.c[j];
		g.c[j] = t;
	}
	on = xcalloc(g.n, sizeof(*on));
	flap = xcalloc(g.n, sizeof(*flap));
	skip = xcalloc(days, sizeof(*skip));
	gone = xcalloc(g.n, sizeof(*gone));
	for (i = 0; i < nvrps; i++)
		on[i] = true;
	for (i = 0; i < FLAPPERS; i++)
		flap[below(&g, (uint32_t)nvrps)] = true;
	fresh = nvrps;
	active = nvrps;
	/* A three-day outage and single missing days, never day 0. */
	for (i = 0; i < missing; i++) {
		size_t d = 1 + below(&g, (uint32_t)days - 1);

		if (i < 3 && days > 10)
			d = days / 2 + i;
		if (skip[d])
			i--;
		skip[d] = true;
	}
	mkdir(out, 0755);
	for (i = 0; i < days; i++) {
		size_t k, a, j;

		if (i > 0) {
			k = 300 + below(&g, 2700);
			a = k + 50 + below(&g, 100);
			for (j = 0; j < k; j++) {
				size_t x = below(&g, (uint32_t)fresh);

				if (!on[x] || flap[x]) {
					j--;
					continue;
				}
				on[x] = false;
				gone[ngone++] = (uint32_t)x;
				active--;
			}
			for (j = 0; j < a && fresh < g.n; j++) {
				size_t x = fresh++;

				if (below(&g, 100) < 15 && ngone > 0) {
					size_t y = below(&g, (uint32_t)ngone);

					fresh--;
					x = gone[y];
					gone[y] = gone[--ngone];
					if (on[x])
						continue;
				}
				on[x] = true;
				active++;
			}
			for (j = 0; j < fresh; j++)
				if (flap[j] && below(&g, 3) == 0) {
					active += on[j] ? (size_t)-1 : 1;
					on[j] = !on[j];
				}
		}
		if (skip[i])
			continue;
		write_day(&g, on, fresh, out, start + (uint32_t)i);
		written++;
		if (i == 0 || i + 1 == days)
			fprintf(stderr, "gen-vrps: day %zu: %zu VRPs\n", i,
			    active);
	}
	fprintf(stderr, "gen-vrps: %zu daily files, %lu days missing, %zu "
	    "distinct VRPs used\n", written, missing, fresh);
	free(on);
	free(flap);
	free(skip);
	free(gone);
	free(g.c);
	return 0;
}
