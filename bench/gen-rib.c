/*
 * gen-rib: write a realistic full-Internet-size TABLE_DUMP_V2 RIB and a
 * day of BGP4MP updates, for benchmarks (bench/mrt.sh).
 *
 * Prefixes and origins come from the ip-location-db ASN ranges (each
 * inclusive range cut into CIDR blocks; more-specifics added or a sample
 * taken to reach --prefixes).  Collector peers are large transit ASes and
 * a few 4-byte-ASN networks from a CAIDA as-rel file, and each peer's AS
 * path to an origin is the valley-free route it would prefer (customer,
 * then peer, then provider routes; shortest within a class), found by one
 * breadth-first search per peer.  Origins the 2015 graph does not know are
 * attached below a transit AS picked by hash.  Every random choice comes
 * from --seed, so the output is the same on every run.  --day K writes
 * the updates of the K-th day after the RIB's (a stream of its own, from
 * the same routes), for runs over several days (bench/observe-daily.sh).
 */
#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <zlib.h>

#include "base/hash.h"
#include "base/xmalloc.h"
#include "formats/mrt.h"
#include "formats/mrt_write.h"
#include "net/prefix.h"

#define DEFAULT_PREFIXES	1100000u
#define DEFAULT_PEERS		30u
#define DEFAULT_UPDATES		1000000u
#define DEFAULT_TIME		1781654400u	/* 2026-06-17 00:00 UTC */
#define MAX_PEERS		1000u
#define MAX_PREFIXES		(16u * 1024 * 1024)
#define MAX_PATH		64u
#define MAX_LINE		1024
#define MAX_GROUP		30u
#define FLUSH_AT		(4u * 1024 * 1024)
#define COLLECTOR_AS		12654u
#define NONE			UINT32_MAX

struct gpfx {
	struct prefix	p;
	uint32_t	origin;		/* ASN */
	uint32_t	oidx;		/* index in g.origins */
};

struct gpeer {
	uint32_t	asn;
	uint32_t	node;
	struct addr	ip4, ip6, ll6;	/* v4 and v6 addresses, link-local */
	struct addr	session;	/* ip4 or ip6: the index table's */
	bool		as4_index;	/* 4-byte AS in PEER_INDEX_TABLE */
	bool		as4_session;	/* BGP4MP_MESSAGE_AS4, else MESSAGE */
	bool		et;		/* BGP4MP_ET */
	bool		ll;		/* v6 next hop with link-local */
	double		see;		/* share of prefixes it sees */
	double		comm_rate;	/* share of routes with communities */
	int		med_mode;	/* 0 none, 1 zero, 2 by origin */
	double		weight;		/* share of update churn */
	uint32_t	up_time;	/* session established */
	bool		down;		/* in updates: session flapped */
	uint64_t	down_until;
};

/* ASN -> index, open addressing; key 0 is empty (ASN 0 is never used). */
struct u32map {
	uint32_t	*keys, *vals;
	size_t		 cap, n;
};

struct graph {
	size_t		 n;
	uint32_t	*asn;
	uint32_t	*off[3];	/* CSR offsets: providers, customers, peers */
	uint32_t	*adj[3];
	struct u32map	 map;
};

enum { PROV, CUST, PEER };

struct gen {
	uint64_t	 seed;
	uint32_t	 t0;
	uint32_t	 day;		/* the updates are of day t0 + day */
	struct graph	 g;

	struct gpfx	*pfx;
	size_t		 npfx, cappfx;
	uint32_t	*set;		/* dedupe: index + 1, 0 empty */
	size_t		 setcap;

	uint32_t	*origins;	/* oidx -> ASN */
	uint32_t	*onode;		/* oidx -> graph node or NONE */
	size_t		 norig;
	uint32_t	*opfx_off, *opfx;	/* oidx -> its prefixes */
	uint32_t	*opos;		/* prefix -> position in its list */
	uint32_t	*transit;	/* nodes with customers (attach points) */
	size_t		 ntransit;

	struct gpeer	*peers;
	size_t		 npeers;

	uint32_t	*pool;		/* cached AS paths */
	size_t		 npool, cappool;
	uint32_t	*path_off;	/* [peer * norig + oidx] */
	uint8_t		*path_len;

	/* Counts for the report. */
	size_t		 ranges[2], from_ranges[2], too_specific[2], dups;
	size_t		 range_dups;
	size_t		 deagg[2], dropped_sample, unknown_origins;
	size_t		 synthetic_paths, attached_paths;
};

static uint64_t rng_state;

static uint64_t
mix(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ull;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebull;
	x ^= x >> 31;
	return x;
}

static uint64_t
rnd(void)
{
	rng_state += 0x9e3779b97f4a7c15ull;
	return mix(rng_state);
}

static uint64_t
rnd_below(uint64_t n)
{
	return n ? rnd() % n : 0;
}

static double
unit(uint64_t h)
{
	return (double)(h >> 11) * 0x1.0p-53;
}

static double
rnd_unit(void)
{
	return unit(rnd());
}

/* A deterministic hash of a tagged tuple, for choices made per entity. */
static uint64_t
h3(const struct gen *g, uint64_t tag, uint64_t a, uint64_t b)
{
	return mix(mix(mix(g->seed ^ tag * 0x9e3779b97f4a7c15ull) ^ a) ^ b);
}

static void
fatal(const char *msg, const char *arg)
{
	fprintf(stderr, "gen-rib: %s%s%s\n", msg, arg ? ": " : "",
	    arg ? arg : "");
	exit(1);
}

/*
 * ASN map
 */

static void
u32map_init(struct u32map *m, size_t cap)
{
	m->cap = cap;
	m->n = 0;
	m->keys = xcalloc(cap, sizeof(uint32_t));
	m->vals = xcalloc(cap, sizeof(uint32_t));
}

static uint32_t *
u32map_slot(const struct u32map *m, uint32_t key)
{
	size_t i = mix(key) & (m->cap - 1);

	while (m->keys[i] != 0 && m->keys[i] != key)
		i = (i + 1) & (m->cap - 1);
	return &m->keys[i];
}

static uint32_t
u32map_get(const struct u32map *m, uint32_t key)
{
	uint32_t *k = u32map_slot(m, key);

	return *k == key ? m->vals[k - m->keys] : NONE;
}

static void
u32map_put(struct u32map *m, uint32_t key, uint32_t val)
{
	uint32_t *k;

	if ((m->n + 1) * 2 > m->cap) {
		struct u32map nm;
		size_t i;

		u32map_init(&nm, m->cap * 2);
		for (i = 0; i < m->cap; i++)
			if (m->keys[i] != 0)
				u32map_put(&nm, m->keys[i], m->vals[i]);
		free(m->keys);
		free(m->vals);
		*m = nm;
	}
	k = u32map_slot(m, key);
	if (*k == 0)
		m->n++;
	*k = key;
	m->vals[k - m->keys] = val;
}

static bool
parse_u32(const char *s, size_t n, uint32_t *v)
{
	uint64_t x = 0;
	size_t i;

	if (n == 0 || n > 10)
		return false;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		x = x * 10 + (uint64_t)(s[i] - '0');
	}
	if (x > UINT32_MAX)
		return false;
	*v = (uint32_t)x;
	return true;
}

/*
 * The AS graph (CAIDA serial-1: a|b|-1 a is b's provider, a|b|0 peers)
 */

static uint32_t
graph_node(struct graph *g, uint32_t asn, size_t *cap)
{
	uint32_t i = u32map_get(&g->map, asn);

	if (i != NONE)
		return i;
	if (g->n == *cap) {
		*cap = *cap ? *cap * 2 : 1024;
		g->asn = xreallocarray(g->asn, *cap, sizeof(uint32_t));
	}
	g->asn[g->n] = asn;
	u32map_put(&g->map, asn, (uint32_t)g->n);
	return (uint32_t)g->n++;
}

static void
read_asrel(struct graph *g, const char *path)
{
	struct edge { uint32_t a, b; int rel; } *e = NULL;
	size_t ne = 0, cape = 0, capn = 0, i, k;
	char line[MAX_LINE];
	uint32_t *fill[3];
	FILE *fp;

	if ((fp = fopen(path, "r")) == NULL)
		fatal(strerror(errno), path);
	memset(g, 0, sizeof(*g));
	u32map_init(&g->map, 1 << 17);
	while (fgets(line, sizeof(line), fp) != NULL) {
		char *f[3], *p = line;
		size_t nf = 0;
		uint32_t a, b;

		if (line[0] == '#' || line[0] == '\n')
			continue;
		f[nf++] = p;
		while (*p != '\0' && *p != '\n' && nf <= 3) {
			if (*p == '|') {
				*p = '\0';
				if (nf == 3)
					break;
				f[nf++] = p + 1;
			}
			p++;
		}
		*p = '\0';
		if (nf != 3 || !parse_u32(f[0], strlen(f[0]), &a) ||
		    !parse_u32(f[1], strlen(f[1]), &b) || a == 0 || b == 0 ||
		    a == b)
			continue;
		if (ne == cape) {
			cape = cape ? cape * 2 : 4096;
			e = xreallocarray(e, cape, sizeof(*e));
		}
		e[ne].a = graph_node(g, a, &capn);
		e[ne].b = graph_node(g, b, &capn);
		if (strcmp(f[2], "-1") == 0)
			e[ne].rel = -1;
		else if (strcmp(f[2], "0") == 0)
			e[ne].rel = 0;
		else
			continue;
		ne++;
	}
	fclose(fp);
	if (g->n == 0)
		fatal("no relationships read", path);

	for (k = 0; k < 3; k++)
		g->off[k] = xcalloc(g->n + 1, sizeof(uint32_t));
	for (i = 0; i < ne; i++) {
		if (e[i].rel == -1) {
			g->off[CUST][e[i].a + 1]++;
			g->off[PROV][e[i].b + 1]++;
		} else {
			g->off[PEER][e[i].a + 1]++;
			g->off[PEER][e[i].b + 1]++;
		}
	}
	for (k = 0; k < 3; k++) {
		for (i = 0; i < g->n; i++)
			g->off[k][i + 1] += g->off[k][i];
		g->adj[k] = xcalloc(g->off[k][g->n] + 1, sizeof(uint32_t));
		fill[k] = xcalloc(g->n, sizeof(uint32_t));
		memcpy(fill[k], g->off[k], g->n * sizeof(uint32_t));
	}
	for (i = 0; i < ne; i++) {
		if (e[i].rel == -1) {
			g->adj[CUST][fill[CUST][e[i].a]++] = e[i].b;
			g->adj[PROV][fill[PROV][e[i].b]++] = e[i].a;
		} else {
			g->adj[PEER][fill[PEER][e[i].a]++] = e[i].b;
			g->adj[PEER][fill[PEER][e[i].b]++] = e[i].a;
		}
	}
	for (k = 0; k < 3; k++)
		free(fill[k]);
	free(e);
}

static uint32_t
degree(const struct graph *g, int k, uint32_t n)
{
	return g->off[k][n + 1] - g->off[k][n];
}

/*
 * Prefixes
 */

static uint64_t
pfx_hash(const struct prefix *p)
{
	return hash_bytes(p->b, 16, (uint64_t)p->afi << 8 | p->len);
}

static void
set_rebuild(struct gen *g, size_t cap)
{
	size_t i, j;

	free(g->set);
	g->setcap = cap;
	g->set = xcalloc(cap, sizeof(uint32_t));
	for (i = 0; i < g->npfx; i++) {
		j = pfx_hash(&g->pfx[i].p) & (cap - 1);
		while (g->set[j] != 0)
			j = (j + 1) & (cap - 1);
		g->set[j] = (uint32_t)i + 1;
	}
}

/* Add a prefix unless it is there already; false if it was. */
static bool
pfx_add(struct gen *g, const struct prefix *p, uint32_t origin)
{
	size_t j;

	if ((g->npfx + 1) * 2 > g->setcap)
		set_rebuild(g, g->setcap ? g->setcap * 2 : 1 << 20);
	j = pfx_hash(p) & (g->setcap - 1);
	while (g->set[j] != 0) {
		if (prefix_equal(&g->pfx[g->set[j] - 1].p, p)) {
			g->dups++;
			return false;
		}
		j = (j + 1) & (g->setcap - 1);
	}
	if (g->npfx == g->cappfx) {
		g->cappfx = g->cappfx ? g->cappfx * 2 : 1 << 20;
		g->pfx = xreallocarray(g->pfx, g->cappfx, sizeof(*g->pfx));
	}
	g->pfx[g->npfx].p = *p;
	g->pfx[g->npfx].origin = origin;
	g->pfx[g->npfx].oidx = 0;
	g->set[j] = (uint32_t)++g->npfx;
	return true;
}

typedef unsigned __int128 u128;

static u128
addr_to_u128(const struct addr *a)
{
	u128 v = 0;
	unsigned i, n = afi_bytes(a->afi);

	for (i = 0; i < n; i++)
		v = v << 8 | a->b[i];
	return v;
}

static void
u128_to_prefix(u128 v, unsigned afi, unsigned len, struct prefix *p)
{
	unsigned i, n = afi_bytes(afi);

	memset(p, 0, sizeof(*p));
	p->afi = (uint8_t)afi;
	p->len = (uint8_t)len;
	for (i = n; i-- > 0; v >>= 8)
		p->b[i] = (uint8_t)v;
	prefix_mask(p);
}

/* Cut an inclusive range into CIDR blocks, the largest aligned first. */
static void
range_add(struct gen *g, unsigned afi, u128 lo, u128 hi, uint32_t asn)
{
	unsigned bits = afi_bits(afi), maxlen = afi == AFI_IPV4 ? 24 : 48;
	int fam = afi == AFI_IPV6;
	struct prefix p;

	while (lo <= hi) {
		unsigned k = 0;
		u128 size;

		/* Host bits: as many as lo's alignment and hi allow. */
		while (k < bits - 8 && ((lo >> k) & 1) == 0 &&
		    lo + (((u128)1 << (k + 1)) - 1) <= hi)
			k++;
		size = (u128)1 << k;
		if (bits - k <= maxlen) {
			u128_to_prefix(lo, afi, bits - k, &p);
			if (pfx_add(g, &p, asn))
				g->from_ranges[fam]++;
		} else
			g->too_specific[fam]++;
		if (hi - lo < size)
			break;
		lo += size;
	}
}

static void
read_ranges(struct gen *g, const char *path, unsigned afi)
{
	char line[MAX_LINE];
	int fam = afi == AFI_IPV6;
	gzFile gz;

	if ((gz = gzopen(path, "rb")) == NULL)
		fatal("cannot open", path);
	gzbuffer(gz, 256 * 1024);
	while (gzgets(gz, line, sizeof(line)) != NULL) {
		const char *f[3], *why;
		size_t flen[3], nf = 0;
		struct addr lo, hi;
		const char *p = line;
		uint32_t asn;

		while (nf < 3) {
			const char *c = strchr(p, ',');

			if (c == NULL)
				break;
			f[nf] = p;
			flen[nf++] = (size_t)(c - p);
			p = c + 1;
		}
		if (nf < 2)
			continue;
		if (nf == 2) {		/* no name: the ASN ends the line */
			f[2] = p;
			flen[2] = strcspn(p, "\r\n");
		}
		if (!addr_parse(f[0], flen[0], &lo, &why) ||
		    !addr_parse(f[1], flen[1], &hi, &why) ||
		    lo.afi != afi || hi.afi != afi ||
		    !parse_u32(f[2], flen[2], &asn) || asn == 0)
			continue;
		g->ranges[fam]++;
		if (addr_to_u128(&lo) <= addr_to_u128(&hi))
			range_add(g, afi, addr_to_u128(&lo), addr_to_u128(&hi),
			    asn);
	}
	gzclose(gz);
}

static int
gpfx_cmp(const void *a, const void *b)
{
	const struct gpfx *x = a, *y = b;
	int c;

	if (x->p.afi != y->p.afi)
		return x->p.afi < y->p.afi ? -1 : 1;
	if ((c = memcmp(x->p.b, y->p.b, 16)) != 0)
		return c;
	return x->p.len < y->p.len ? -1 : x->p.len > y->p.len;
}

/* A customer of the origin, to announce some of its more-specifics. */
static uint32_t
deagg_origin(const struct gen *g, uint32_t asn)
{
	uint32_t n = u32map_get(&g->g.map, asn), nc;

	if (n == NONE || rnd_unit() >= 0.15)
		return asn;
	nc = degree(&g->g, CUST, n);
	if (nc == 0)
		return asn;
	return g->g.asn[g->g.adj[CUST][g->g.off[CUST][n] + rnd_below(nc)]];
}

/* Reach the target count: sample down, or add more-specifics. */
static void
fit_prefixes(struct gen *g, size_t target)
{
	size_t base = g->npfx, tries = 0, i;

	if (g->npfx > target) {
		/* A partial Fisher-Yates shuffle keeps a uniform sample. */
		for (i = 0; i < target; i++) {
			size_t j = i + rnd_below(g->npfx - i);
			struct gpfx t = g->pfx[i];

			g->pfx[i] = g->pfx[j];
			g->pfx[j] = t;
		}
		g->dropped_sample = g->npfx - target;
		g->npfx = target;
		return;
	}
	while (g->npfx < target && tries++ < target * 20) {
		/* A copy: pfx_add() may move the array. */
		const struct gpfx x = g->pfx[rnd_below(base)];
		unsigned maxlen = x.p.afi == AFI_IPV4 ? 24 : 48, len, i2;
		struct prefix p = x.p;

		if (x.p.len >= maxlen)
			continue;
		if (rnd_unit() < 0.6)
			len = maxlen;
		else
			len = x.p.len + 1 + (unsigned)rnd_below(2);
		if (len > maxlen)
			len = maxlen;
		/* Random subnet bits between the two lengths. */
		for (i2 = x.p.len; i2 < len; i2++)
			if (rnd() & 1)
				p.b[i2 / 8] |= (uint8_t)(0x80 >> (i2 % 8));
		p.len = (uint8_t)len;
		if (pfx_add(g, &p, deagg_origin(g, x.origin)))
			g->deagg[x.p.afi == AFI_IPV6]++;
	}
}

/* Origins, their graph nodes and per-origin prefix lists. */
static void
index_origins(struct gen *g)
{
	struct u32map m;
	size_t i, cap = 0;
	uint32_t *fill;

	u32map_init(&m, 1 << 18);
	for (i = 0; i < g->npfx; i++) {
		uint32_t o = u32map_get(&m, g->pfx[i].origin);

		if (o == NONE) {
			if (g->norig == cap) {
				cap = cap ? cap * 2 : 4096;
				g->origins = xreallocarray(g->origins, cap,
				    sizeof(uint32_t));
			}
			o = (uint32_t)g->norig;
			g->origins[g->norig++] = g->pfx[i].origin;
			u32map_put(&m, g->pfx[i].origin, o);
		}
		g->pfx[i].oidx = o;
	}
	free(m.keys);
	free(m.vals);

	g->onode = xcalloc(g->norig, sizeof(uint32_t));
	for (i = 0; i < g->norig; i++) {
		g->onode[i] = u32map_get(&g->g.map, g->origins[i]);
		if (g->onode[i] == NONE)
			g->unknown_origins++;
	}
	g->opfx_off = xcalloc(g->norig + 1, sizeof(uint32_t));
	g->opfx = xcalloc(g->npfx, sizeof(uint32_t));
	g->opos = xcalloc(g->npfx, sizeof(uint32_t));
	for (i = 0; i < g->npfx; i++)
		g->opfx_off[g->pfx[i].oidx + 1]++;
	for (i = 0; i < g->norig; i++)
		g->opfx_off[i + 1] += g->opfx_off[i];
	fill = xcalloc(g->norig, sizeof(uint32_t));
	for (i = 0; i < g->npfx; i++) {
		uint32_t o = g->pfx[i].oidx;

		g->opos[i] = fill[o];
		g->opfx[g->opfx_off[o] + fill[o]++] = (uint32_t)i;
	}
	free(fill);

	for (i = 0; i < g->g.n; i++)
		if (degree(&g->g, CUST, (uint32_t)i) > 0)
			g->ntransit++;
	g->transit = xcalloc(g->ntransit + 1, sizeof(uint32_t));
	g->ntransit = 0;
	for (i = 0; i < g->g.n; i++)
		if (degree(&g->g, CUST, (uint32_t)i) > 0)
			g->transit[g->ntransit++] = (uint32_t)i;
}

/*
 * Peers
 */

static const struct graph *sort_graph;

static int
by_customers(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	uint32_t dx = degree(sort_graph, CUST, x) + degree(sort_graph, PEER, x);
	uint32_t dy = degree(sort_graph, CUST, y) + degree(sort_graph, PEER, y);

	if (dx != dy)
		return dx > dy ? -1 : 1;
	return x < y ? -1 : x > y;
}

static void
shuffle(uint32_t *v, size_t n)
{
	size_t i;

	for (i = n; i > 1; i--) {
		size_t j = rnd_below(i);
		uint32_t t = v[i - 1];

		v[i - 1] = v[j];
		v[j] = t;
	}
}

static void
peer_addresses(struct gpeer *pe, size_t i)
{
	memset(&pe->ip4, 0, sizeof(pe->ip4));
	pe->ip4.afi = AFI_IPV4;		/* an IXP-like LAN, 80.81.192.0/21 */
	pe->ip4.b[0] = 80;
	pe->ip4.b[1] = 81;
	pe->ip4.b[2] = (uint8_t)(192 + i / 250);
	pe->ip4.b[3] = (uint8_t)(1 + i % 250);

	memset(&pe->ip6, 0, sizeof(pe->ip6));
	pe->ip6.afi = AFI_IPV6;		/* 2001:7f8:1::<asn>:1 */
	pe->ip6.b[0] = 0x20;
	pe->ip6.b[1] = 0x01;
	pe->ip6.b[2] = 0x07;
	pe->ip6.b[3] = 0xf8;
	pe->ip6.b[5] = 0x01;
	pe->ip6.b[10] = (uint8_t)(pe->asn >> 24);
	pe->ip6.b[11] = (uint8_t)(pe->asn >> 16);
	pe->ip6.b[12] = (uint8_t)(pe->asn >> 8);
	pe->ip6.b[13] = (uint8_t)pe->asn;
	pe->ip6.b[15] = 1;

	pe->ll6 = pe->ip6;
	memset(pe->ll6.b, 0, 8);
	pe->ll6.b[0] = 0xfe;
	pe->ll6.b[1] = 0x80;
}

static void
choose_peers(struct gen *g, size_t want)
{
	const struct graph *gr = &g->g;
	uint32_t *big, *four;
	size_t nbig = 0, nfour = 0, i, k, nf, cand;

	big = xcalloc(gr->n, sizeof(uint32_t));
	four = xcalloc(gr->n, sizeof(uint32_t));
	for (i = 0; i < gr->n; i++) {
		if (degree(gr, CUST, (uint32_t)i) >= 5)
			big[nbig++] = (uint32_t)i;
		if (gr->asn[i] > 65535 && degree(gr, PROV, (uint32_t)i) > 0)
			four[nfour++] = (uint32_t)i;
	}
	sort_graph = gr;
	qsort(big, nbig, sizeof(uint32_t), by_customers);
	qsort(four, nfour, sizeof(uint32_t), by_customers);

	/* About a fifth: 4-byte ASNs; the rest from the largest transits. */
	nf = want / 5;
	if (nf > nfour)
		nf = nfour;
	cand = want * 3 < nbig ? want * 3 : nbig;
	shuffle(big, cand);
	cand = nf * 5 < nfour ? nf * 5 : nfour;
	shuffle(four, cand);
	if (want - nf > nbig)
		fatal("not enough transit ASes in the as-rel file", NULL);

	g->npeers = want;
	g->peers = xcalloc(want, sizeof(*g->peers));
	for (i = 0, k = 0; i < want; i++) {
		struct gpeer *pe = &g->peers[i];
		uint64_t h = h3(g, 1, i, 0);

		if (i < want - nf)
			pe->node = big[i];
		else {
			/* A 4-byte ASN that is not a transit pick already. */
			for (;;) {
				size_t j;

				pe->node = k < nfour ? four[k++] : big[k++ -
				    nfour + want - nf];
				for (j = 0; j < i; j++)
					if (g->peers[j].node == pe->node)
						break;
				if (j == i)
					break;
			}
		}
		pe->asn = gr->asn[pe->node];
		peer_addresses(pe, i);
		pe->session = i % 3 == 2 ? pe->ip6 : pe->ip4;
		pe->as4_index = pe->asn > 65535 || (h & 1);
		pe->as4_session = pe->asn > 65535 || unit(mix(h + 1)) >= 0.15;
		pe->et = unit(mix(h + 2)) < 0.2;
		pe->ll = unit(mix(h + 3)) < 0.5;
		if (unit(mix(h + 4)) < 0.85)
			pe->see = 0.995 + 0.005 * unit(mix(h + 5));
		else
			pe->see = 0.3 + 0.4 * unit(mix(h + 5));
		if (unit(mix(h + 6)) < 0.35)
			pe->comm_rate = 0;
		else
			pe->comm_rate = 0.5 + 0.45 * unit(mix(h + 7));
		h = mix(h + 8);
		pe->med_mode = unit(h) < 0.65 ? 0 : unit(h) < 0.8 ? 1 : 2;
		pe->weight = 0.2 + 2.8 * unit(mix(h + 9));
		pe->up_time = g->t0 - 3600 -
		    (uint32_t)(unit(mix(h + 10)) * 60 * 86400);
	}
	free(big);
	free(four);
}

/*
 * Paths: one BFS per peer over (AS, phase) states.  Phases: C customer
 * route (only down from the peer), R peer route (one peering link, then
 * down), U going up through providers, D down after U.
 */
enum { PH_C, PH_R, PH_U, PH_D };

struct bfs {
	uint32_t	*parent;	/* state -> state, NONE if unreached */
	uint16_t	*dist;
	uint32_t	*queue;
};

static void
bfs_run(const struct graph *gr, struct bfs *b, uint32_t src)
{
	size_t head = 0, tail = 0, n4 = gr->n * 4;

	memset(b->parent, 0xff, n4 * sizeof(uint32_t));
	memset(b->dist, 0xff, n4 * sizeof(uint16_t));
	b->dist[src * 4 + PH_C] = 0;
	b->parent[src * 4 + PH_C] = src * 4 + PH_C;
	b->queue[tail++] = src * 4 + PH_C;
	while (head < tail) {
		uint32_t s = b->queue[head++], node = s / 4, ph = s % 4;
		int k;

		for (k = 0; k < 3; k++) {
			uint32_t nph, i;

			/* Which phase each kind of link leads to. */
			if (k == CUST)
				nph = ph == PH_U ? PH_D : ph;
			else if (ph == PH_C && node == src)
				nph = k == PEER ? PH_R : PH_U;
			else if (ph == PH_U)
				nph = k == PEER ? PH_D : PH_U;
			else
				continue;
			for (i = gr->off[k][node]; i < gr->off[k][node + 1];
			    i++) {
				uint32_t t = gr->adj[k][i] * 4 + nph;

				if (b->dist[t] != UINT16_MAX)
					continue;
				b->dist[t] = (uint16_t)(b->dist[s] + 1);
				b->parent[t] = s;
				b->queue[tail++] = t;
			}
		}
	}
}

/* The preferred state reaching node, or NONE. */
static uint32_t
bfs_best(const struct bfs *b, uint32_t node)
{
	uint32_t s = node * 4;

	if (b->dist[s + PH_C] != UINT16_MAX)
		return s + PH_C;
	if (b->dist[s + PH_R] != UINT16_MAX)
		return s + PH_R;
	if (b->dist[s + PH_U] == UINT16_MAX && b->dist[s + PH_D] == UINT16_MAX)
		return NONE;
	return b->dist[s + PH_U] <= b->dist[s + PH_D] ? s + PH_U : s + PH_D;
}

/* Path from the BFS source to node into out (source first); 0 if none. */
static size_t
bfs_path(const struct graph *gr, const struct bfs *b, uint32_t node,
    uint32_t *out, size_t max)
{
	uint32_t s = bfs_best(b, node);
	size_t n = 0, i;

	if (s == NONE)
		return 0;
	for (;;) {
		if (n == max)
			return 0;
		out[n++] = gr->asn[s / 4];
		if (b->parent[s] == s)
			break;
		s = b->parent[s];
	}
	for (i = 0; i < n / 2; i++) {
		uint32_t t = out[i];

		out[i] = out[n - 1 - i];
		out[n - 1 - i] = t;
	}
	return n;
}

static void
pool_add(struct gen *g, size_t slot, const uint32_t *p, size_t n)
{
	if (g->npool + n > g->cappool) {
		while (g->npool + n > g->cappool)
			g->cappool = g->cappool ? g->cappool * 2 : 1 << 20;
		g->pool = xreallocarray(g->pool, g->cappool, sizeof(uint32_t));
	}
	memcpy(g->pool + g->npool, p, n * sizeof(uint32_t));
	g->path_off[slot] = (uint32_t)g->npool;
	g->path_len[slot] = (uint8_t)n;
	g->npool += n;
}

/* Prepend the origin or the peer now and then, as operators do. */
static size_t
prepend(const struct gen *g, size_t pi, size_t o, uint32_t *p, size_t n)
{
	uint64_t h = h3(g, 2, pi, o);
	size_t k, i;

	if (n < 2)
		return n;
	if (unit(h) < 0.07) {
		k = 1 + mix(h) % 3;
		for (i = 0; i < k && n < MAX_PATH; i++, n++)
			p[n] = p[n - 1];
	}
	if (unit(mix(h + 1)) < 0.02 && n + 2 <= MAX_PATH) {
		memmove(p + 1, p, n * sizeof(uint32_t));
		n++;
	}
	return n;
}

static void
build_paths(struct gen *g)
{
	const struct graph *gr = &g->g;
	uint32_t tmp[MAX_PATH + 4];
	struct bfs b;
	size_t pi, o;

	b.parent = xcalloc(gr->n * 4, sizeof(uint32_t));
	b.dist = xcalloc(gr->n * 4, sizeof(uint16_t));
	b.queue = xcalloc(gr->n * 4, sizeof(uint32_t));
	g->path_off = xcalloc(g->npeers * g->norig, sizeof(uint32_t));
	g->path_len = xcalloc(g->npeers * g->norig, sizeof(uint8_t));
	for (pi = 0; pi < g->npeers; pi++) {
		const struct gpeer *pe = &g->peers[pi];

		bfs_run(gr, &b, pe->node);
		for (o = 0; o < g->norig; o++) {
			uint32_t node = g->onode[o], asn = g->origins[o];
			size_t n = 0;

			if (asn == pe->asn) {
				tmp[n++] = asn;
			} else if (node != NONE) {
				n = bfs_path(gr, &b, node, tmp, MAX_PATH);
				if (n == 0) {
					/* Unreachable: peer, a provider, it. */
					g->synthetic_paths++;
					tmp[n++] = pe->asn;
					if (degree(gr, PROV, node) > 0)
						tmp[n++] = gr->asn[gr->adj[PROV]
						    [gr->off[PROV][node]]];
					tmp[n++] = asn;
				}
			} else {
				/* Unknown origin: below a transit by hash. */
				uint32_t t = g->transit[mix(asn ^ g->seed) %
				    g->ntransit];

				n = bfs_path(gr, &b, t, tmp, MAX_PATH - 1);
				if (n == 0) {
					g->synthetic_paths++;
					tmp[n++] = pe->asn;
				} else
					g->attached_paths++;
				tmp[n++] = asn;
			}
			n = prepend(g, pi, o, tmp, n);
			pool_add(g, pi * g->norig + o, tmp, n);
		}
	}
	free(b.parent);
	free(b.dist);
	free(b.queue);
}

static const uint32_t *
path_of(const struct gen *g, size_t pi, uint32_t o, size_t *n)
{
	size_t slot = pi * g->norig + o;

	*n = g->path_len[slot];
	return g->pool + g->path_off[slot];
}

/*
 * Attributes
 */

struct route {
	const uint32_t	*path;
	size_t		 plen;
	uint64_t	 var;		/* seeds attribute churn in updates */
};

static int
u32_cmp(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * The attribute set a peer sends for a prefix.  mode: 0 RIB entry (4-byte
 * AS_PATH, abbreviated MP_REACH), 1 UPDATE on an AS4 session, 2 UPDATE on
 * a 2-byte session (AS_TRANS and AS4_PATH).  mp/nmp: the NLRI of a full
 * MP_REACH_NLRI for IPv6 updates.
 */
static void
build_attrs(struct mrtw_buf *a, const struct gen *g, size_t pi,
    const struct gpfx *x, size_t xi, const struct route *r, int mode,
    const struct prefix *mp, size_t nmp)
{
	const struct gpeer *pe = &g->peers[pi];
	uint64_t hp = h3(g, 3, xi, r->var);		/* per prefix */
	uint64_t hr = h3(g, 4, pi * 7919 + xi, r->var);	/* per route */
	uint64_t ho = h3(g, 5, pi, x->oidx);		/* per peer, origin */
	uint32_t comm[8];
	struct large_community lc[3];
	size_t nc = 0, nl = 0, i;
	double u;
	bool as4 = mode != 2, need_as4 = false;

	u = unit(hp);
	bgpw_origin(a, u < 0.88 ? 0 : u < 0.9995 ? 2 : 1);
	bgpw_as_path_seq(a, r->path, r->plen, as4);
	if (x->p.afi == AFI_IPV4)
		bgpw_next_hop(a, &pe->ip4);
	if (pe->med_mode == 1)
		bgpw_med(a, 0);
	else if (pe->med_mode == 2)
		bgpw_med(a, (uint32_t)(mix(ho) % 4) * 50 +
		    (unit(mix(ho + 1)) < 0.3 ? (uint32_t)(mix(ho + 2) % 2000) :
		    0));
	if (unit(mix(hp + 1)) < 0.01)
		bgpw_atomic_aggregate(a);
	if (unit(mix(hp + 2)) < 0.02) {
		struct addr id;
		uint32_t v = (uint32_t)mix(x->origin);

		memset(&id, 0, sizeof(id));
		id.afi = AFI_IPV4;
		id.b[0] = 10 + (uint8_t)(v % 200);
		id.b[1] = (uint8_t)(v >> 8);
		id.b[2] = (uint8_t)(v >> 16);
		id.b[3] = (uint8_t)(v >> 24);
		bgpw_aggregator(a, x->origin, &id, as4);
		if (!as4 && x->origin > 65535)
			bgpw_as4_aggregator(a, x->origin, &id);
	}

	/* Communities: the peer's tags, some of the origin's own. */
	if (unit(hr) < pe->comm_rate) {
		size_t k = 1 + mix(ho + 3) % 4 + (mix(hr) & 1);

		if (pe->asn <= 65535) {
			for (i = 0; i < k; i++)
				comm[nc++] = pe->asn << 16 |
				    (uint32_t)((i + 1) * 1000 +
				    mix(ho + 4 + i) % 300);
		} else {
			for (i = 0; i < k && i < 3; i++) {
				lc[nl].global = pe->asn;
				lc[nl].local1 = (uint32_t)i + 1;
				lc[nl].local2 = (uint32_t)(mix(ho + 4 + i) %
				    5000);
				nl++;
			}
		}
	}
	if (unit(mix(hp + 3)) < 0.1 && x->origin <= 65535 && nc < 7)
		comm[nc++] = x->origin << 16 | (uint32_t)(mix(hp + 4) % 1000);
	/*
	 * Well-known values leak to collectors now and then; bgpdump
	 * prints some by name (no-export, no-advertise).
	 */
	u = unit(mix(hp + 5));
	if (u < 0.01 && nc < 8)
		comm[nc++] = u < 0.005 ? 0xffffff01 :	/* NO_EXPORT */
		    u < 0.007 ? 0xffffff02 :		/* NO_ADVERTISE */
		    0xffff029a;				/* BLACKHOLE */
	if (nc > 0) {
		qsort(comm, nc, sizeof(uint32_t), u32_cmp);
		bgpw_communities(a, comm, nc);
	}
	if (x->p.afi == AFI_IPV6) {
		struct addr nh[2];

		nh[0] = pe->ip6;
		nh[1] = pe->ll6;
		if (mode == 0)
			bgpw_mp_reach_abbrev(a, nh, pe->ll ? 2 : 1);
		else
			bgpw_mp_reach(a, AFI_IPV6, 1, nh, pe->ll ? 2 : 1, mp,
			    NULL, nmp);
	}
	if (!as4)
		for (i = 0; i < r->plen; i++)
			if (r->path[i] > 65535)
				need_as4 = true;
	if (need_as4) {
		struct as_segment seg;

		seg.type = AS_SEQUENCE;
		seg.count = (uint16_t)r->plen;
		seg.asns = r->path;
		bgpw_as4_path(a, &seg, 1);
	}
	if (unit(mix(hp + 6)) < 0.02 && x->origin > 65535 && nl < 3) {
		lc[nl].global = x->origin;
		lc[nl].local1 = 0;
		lc[nl].local2 = (uint32_t)(mix(hp + 7) % 100);
		nl++;
	}
	if (nl > 0)
		bgpw_large_communities(a, lc, nl);
}

static bool
sees(const struct gen *g, size_t pi, size_t xi)
{
	const struct gpeer *pe = &g->peers[pi];

	if (g->pfx[xi].origin == pe->asn)
		return true;
	return unit(h3(g, 6, pi, xi)) < pe->see;
}

static void
out_flush(struct mrtw_buf *b, FILE *fp, const char *path, bool force)
{
	if (b->error)
		fatal("record did not fit the writer's buffer", path);
	if ((force || b->len >= FLUSH_AT) && !mrtw_buf_flush(b, fp))
		fatal(strerror(errno), path);
}

struct counts {
	uint64_t	records, entries, bytes;
	uint64_t	msgs, ann, wd, states, et;
};

static void
write_rib(struct gen *g, const char *path, struct counts *c)
{
	struct mrtw_peer *pt;
	struct mrtw_buf out, a;
	struct route r;
	size_t xi, pi;
	FILE *fp;

	if ((fp = fopen(path, "wb")) == NULL)
		fatal(strerror(errno), path);
	mrtw_buf_init(&out, 0);
	mrtw_buf_init(&a, 0);

	pt = xcalloc(g->npeers, sizeof(*pt));
	for (pi = 0; pi < g->npeers; pi++) {
		const struct gpeer *pe = &g->peers[pi];

		pt[pi].bgp_id = (uint32_t)pe->ip4.b[0] << 24 |
		    (uint32_t)pe->ip4.b[1] << 16 | (uint32_t)pe->ip4.b[2] << 8 |
		    pe->ip4.b[3];
		pt[pi].ip = pe->session;
		pt[pi].asn = pe->asn;
		pt[pi].as4 = pe->as4_index;
	}
	mrtw_peer_index(&out, g->t0, 0x5051c0fa, NULL, pt, g->npeers);
	c->records++;
	free(pt);

	r.var = 0;
	for (xi = 0; xi < g->npfx; xi++) {
		const struct gpfx *x = &g->pfx[xi];
		struct mrtw_rib rib;
		size_t seen = 0;

		mrtw_rib_begin(&out, &rib, g->t0, (uint32_t)(c->records - 1),
		    &x->p, false);
		for (pi = 0; pi < g->npeers; pi++) {
			const struct gpeer *pe = &g->peers[pi];
			uint64_t h;
			uint32_t orig;

			/* Everyone sees a prefix someone must see. */
			if (!sees(g, pi, xi) && (seen > 0 || pi + 1 <
			    g->npeers))
				continue;
			seen++;
			r.path = path_of(g, pi, x->oidx, &r.plen);
			mrtw_buf_reset(&a);
			build_attrs(&a, g, pi, x, xi, &r, 0, NULL, 0);
			h = h3(g, 7, pi, xi);
			orig = pe->up_time;
			if (unit(h) < 0.4)
				orig += (uint32_t)(mix(h) %
				    (g->t0 - pe->up_time));
			mrtw_rib_entry(&out, &rib, (uint16_t)pi, orig, 0, a.p,
			    a.len);
			c->entries++;
		}
		mrtw_rib_end(&out, &rib);
		c->records++;
		out_flush(&out, fp, path, false);
	}
	out_flush(&out, fp, path, true);
	c->bytes = (uint64_t)ftello(fp);
	if (fclose(fp) != 0)
		fatal(strerror(errno), path);
	mrtw_buf_free(&out);
	mrtw_buf_free(&a);
}

/*
 * Updates
 */

struct upd {
	struct gen	*g;
	FILE		*fp;
	const char	*path;
	struct mrtw_buf	 out, a;
	uint8_t		*announced;	/* bit [prefix * npeers + peer] */
	double		*cum;		/* cumulative peer weights */
	uint64_t	 emitted, target;
	uint32_t	 ts, usec;
	struct counts	*c;
};

static bool
ann_get(const struct upd *u, size_t xi, size_t pi)
{
	size_t bit = xi * u->g->npeers + pi;

	return (u->announced[bit / 8] >> (bit % 8)) & 1;
}

static void
ann_set(struct upd *u, size_t xi, size_t pi, bool on)
{
	size_t bit = xi * u->g->npeers + pi;

	if (on)
		u->announced[bit / 8] |= (uint8_t)(1 << (bit % 8));
	else
		u->announced[bit / 8] &= (uint8_t)~(1 << (bit % 8));
}

static void
session(const struct upd *u, size_t pi, struct mrtw_bgp4mp *h)
{
	const struct gpeer *pe = &u->g->peers[pi];

	memset(h, 0, sizeof(*h));
	h->ts = u->ts;
	h->usec = u->usec;
	h->et = pe->et;
	h->as4 = pe->as4_session;
	h->peer_as = pe->asn;
	h->local_as = COLLECTOR_AS;
	h->peer_ip = pe->session;
	h->local_ip = pe->session;
	if (h->local_ip.afi == AFI_IPV4) {
		h->local_ip.b[2] = 192;
		h->local_ip.b[3] = 250;
	} else {
		memset(h->local_ip.b + 10, 0, 6);
		h->local_ip.b[12] = 0x31;
		h->local_ip.b[13] = 0x6e;
		h->local_ip.b[15] = 1;
	}
}

static void
tick(struct upd *u)
{
	uint32_t day0 = u->g->t0 + u->g->day * 86400;

	u->ts = day0 + (uint32_t)(86400.0 * (double)u->emitted /
	    (double)u->target);
	if (u->ts >= day0 + 86400)
		u->ts = day0 + 86399;
	u->usec = (uint32_t)rnd_below(1000000);
}

static void
state_change(struct upd *u, size_t pi, uint16_t from, uint16_t to)
{
	struct mrtw_bgp4mp h;

	session(u, pi, &h);
	mrtw_bgp4mp_state(&u->out, &h, from, to);
	u->c->records++;
	u->c->states++;
	u->emitted++;
	u->c->et += h.et;
}

/* The route peer pi announces now: its own, via another peer, prepended. */
static size_t
pick_route(struct upd *u, size_t pi, uint32_t o, bool change, uint32_t *buf)
{
	struct gen *g = u->g;
	const uint32_t *p;
	size_t n, i;
	double r = rnd_unit();

	p = path_of(g, pi, o, &n);
	memcpy(buf, p, n * sizeof(uint32_t));
	if (!change || r < 0.4 || n < 2)
		return n;
	if (r < 0.8) {
		size_t qi = rnd_below(g->npeers), qn;
		const uint32_t *q = path_of(g, qi, o, &qn);
		bool loop = qi == pi;

		for (i = 0; i < qn && !loop; i++)
			if (q[i] == g->peers[pi].asn)
				loop = true;
		if (!loop && qn + 1 <= MAX_PATH) {
			buf[0] = g->peers[pi].asn;
			memcpy(buf + 1, q, qn * sizeof(uint32_t));
			return qn + 1;
		}
	}
	for (i = 1 + rnd_below(3); i > 0 && n < MAX_PATH; i--, n++)
		buf[n] = buf[n - 1];
	return n;
}

static void
write_update(struct upd *u, size_t pi, const uint32_t *grp, size_t ng,
    bool withdraw, bool change)
{
	struct gen *g = u->g;
	const struct gpfx *x = &g->pfx[grp[0]];
	struct prefix pl[MAX_GROUP];
	uint32_t path[MAX_PATH + 4];
	struct bgpw_update up;
	struct mrtw_bgp4mp h;
	struct route r;
	size_t i, mark, nwd = 0;

	for (i = 0; i < ng; i++)
		pl[i] = g->pfx[grp[i]].p;
	memset(&up, 0, sizeof(up));
	mrtw_buf_reset(&u->a);
	if (withdraw) {
		if (x->p.afi == AFI_IPV4) {
			up.withdrawn = pl;
			up.nwithdrawn = ng;
		} else
			bgpw_mp_unreach(&u->a, AFI_IPV6, 1, pl, NULL, ng);
		u->c->wd += ng;
	} else {
		/* Now and then a v4 update also withdraws its last prefix. */
		if (x->p.afi == AFI_IPV4 && ng > 1 && rnd_unit() < 0.1) {
			nwd = 1;
			up.withdrawn = &pl[ng - 1];
			up.nwithdrawn = 1;
			ng--;
			u->c->wd++;
			ann_set(u, grp[ng], pi, false);
		}
		r.plen = pick_route(u, pi, x->oidx, change, path);
		r.path = path;
		r.var = change ? rnd() : 0;
		build_attrs(&u->a, g, pi, x, grp[0], &r,
		    g->peers[pi].as4_session ? 1 : 2, pl, ng);
		if (x->p.afi == AFI_IPV4) {
			up.nlri = pl;
			up.nnlri = ng;
		}
		u->c->ann += ng;
	}
	for (i = 0; i < ng; i++)
		ann_set(u, grp[i], pi, !withdraw);
	up.attrs = u->a.p;
	up.attrlen = u->a.len;

	session(u, pi, &h);
	mark = mrtw_bgp4mp_begin(&u->out, &h);
	bgpw_update(&u->out, &up);
	mrtw_end(&u->out, mark);
	u->c->records++;
	u->c->msgs++;
	u->c->et += h.et;
	u->emitted += ng + nwd;
}

/* Up to max prefixes of x's origin and family from x on, into grp. */
static size_t
group_of(const struct gen *g, size_t xi, size_t max, uint32_t *grp)
{
	const struct gpfx *x = &g->pfx[xi];
	uint32_t o = x->oidx, i = g->opfx_off[o] + g->opos[xi];
	size_t n = 0;

	for (; i < g->opfx_off[o + 1] && n < max; i++) {
		if (g->pfx[g->opfx[i]].p.afi != x->p.afi)
			break;
		grp[n++] = g->opfx[i];
	}
	return n;
}

static size_t
pick_peer(const struct upd *u)
{
	const struct gen *g = u->g;
	double r = rnd_unit() * u->cum[g->npeers - 1];
	size_t lo = 0, hi = g->npeers - 1;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (u->cum[mid] < r)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* A prefix by a skewed popularity: a few unstable ones, a long tail. */
static size_t
pick_prefix(const struct gen *g)
{
	double r = rnd_unit();
	uint64_t rank = (uint64_t)((double)g->npfx * r * r * r);

	return (size_t)(mix(rank ^ g->seed) % g->npfx);
}

static size_t
group_size(void)
{
	double r = rnd_unit();

	if (r < 0.6)
		return 1;
	if (r < 0.85)
		return 2 + rnd_below(4);
	return 6 + rnd_below(MAX_GROUP - 5);
}

/* A session comes back: the FSM steps, then routes re-announced. */
static void
session_up(struct upd *u, size_t pi)
{
	struct gen *g = u->g;
	uint32_t grp[MAX_GROUP];
	uint64_t burst, end;

	tick(u);
	state_change(u, pi, 1, 2);	/* Idle -> Connect */
	state_change(u, pi, 2, 4);	/* Connect -> OpenSent */
	state_change(u, pi, 4, 5);	/* OpenSent -> OpenConfirm */
	state_change(u, pi, 5, 6);	/* OpenConfirm -> Established */
	g->peers[pi].down = false;
	burst = u->target / 100;
	if (burst > 20000)
		burst = 20000;
	end = u->emitted + burst;
	while (u->emitted < end && u->emitted < u->target) {
		size_t xi = rnd_below(g->npfx), ng;

		ng = group_of(g, xi, 1 + rnd_below(MAX_GROUP), grp);
		tick(u);
		write_update(u, pi, grp, ng, false, false);
		out_flush(&u->out, u->fp, u->path, false);
	}
}

static size_t
peers_down(const struct gen *g)
{
	size_t i, n = 0;

	for (i = 0; i < g->npeers; i++)
		n += g->peers[i].down;
	return n;
}

static void
write_updates(struct gen *g, const char *path, uint64_t target,
    struct counts *c)
{
	struct upd u;
	uint32_t grp[MAX_GROUP];
	uint64_t flaps, next_flap, nbits;
	size_t xi, pi;

	memset(&u, 0, sizeof(u));
	u.g = g;
	u.c = c;
	u.path = path;
	u.target = target ? target : 1;
	if ((u.fp = fopen(path, "wb")) == NULL)
		fatal(strerror(errno), path);
	mrtw_buf_init(&u.out, 0);
	mrtw_buf_init(&u.a, 0);
	nbits = (uint64_t)g->npfx * g->npeers;
	u.announced = xcalloc(nbits / 8 + 1, 1);
	for (xi = 0; xi < g->npfx; xi++)
		for (pi = 0; pi < g->npeers; pi++)
			if (sees(g, pi, xi))
				ann_set(&u, xi, pi, true);
	u.cum = xcalloc(g->npeers, sizeof(double));
	for (pi = 0; pi < g->npeers; pi++)
		u.cum[pi] = g->peers[pi].weight + (pi ? u.cum[pi - 1] : 0);

	flaps = target / 100000 + 2;
	next_flap = target / (flaps + 1);
	while (u.emitted < target) {
		size_t ng;
		bool on;

		tick(&u);
		if (u.emitted >= next_flap) {
			pi = rnd_below(g->npeers);
			/* Never the last one up: someone has to talk. */
			if (!g->peers[pi].down && g->npeers > 1 &&
			    peers_down(g) < g->npeers / 2) {
				state_change(&u, pi, 6, 1);	/* -> Idle */
				g->peers[pi].down = true;
				g->peers[pi].down_until = u.emitted +
				    target / 500 + 1;
			}
			next_flap += target / (flaps + 1);
			continue;
		}
		for (pi = 0; pi < g->npeers; pi++)
			if (g->peers[pi].down &&
			    u.emitted >= g->peers[pi].down_until)
				session_up(&u, pi);
		pi = pick_peer(&u);
		if (g->peers[pi].down)
			continue;
		xi = pick_prefix(g);
		ng = group_of(g, xi, group_size(), grp);
		on = ann_get(&u, grp[0], pi);
		if (on && rnd_unit() < 0.25) {
			/* Withdraw the ones that are up. */
			size_t i, k = 0;

			for (i = 0; i < ng; i++)
				if (ann_get(&u, grp[i], pi))
					grp[k++] = grp[i];
			write_update(&u, pi, grp, k, true, false);
		} else
			write_update(&u, pi, grp, ng, false, on);
		out_flush(&u.out, u.fp, path, false);
	}
	out_flush(&u.out, u.fp, path, true);
	c->bytes = (uint64_t)ftello(u.fp);
	if (fclose(u.fp) != 0)
		fatal(strerror(errno), path);
	mrtw_buf_free(&u.out);
	mrtw_buf_free(&u.a);
	free(u.announced);
	free(u.cum);
}

/*
 * main
 */

static void
usage(void)
{
	fprintf(stderr,
	    "usage: gen-rib [--seed N] [--peers N] [--prefixes N] "
	    "[--updates N]\n"
	    "               --pfx2as-v4 FILE.csv.gz --pfx2as-v6 FILE.csv.gz "
	    "--asrel FILE\n"
	    "               [--time T0] [--rib OUT.mrt] "
	    "[--updates-out OUT.mrt]\n"
	    "               [--day K]\n");
	exit(2);
}

static uint64_t
num_arg(const char *s, uint64_t max)
{
	unsigned long long v;
	char *end;

	errno = 0;
	if (*s < '0' || *s > '9')
		fatal("not a number", s);
	v = strtoull(s, &end, 10);
	if (errno != 0 || *end != '\0' || v > max)
		fatal("bad number", s);
	return v;
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "seed", required_argument, NULL, 's' },
		{ "peers", required_argument, NULL, 'p' },
		{ "prefixes", required_argument, NULL, 'n' },
		{ "updates", required_argument, NULL, 'u' },
		{ "pfx2as-v4", required_argument, NULL, '4' },
		{ "pfx2as-v6", required_argument, NULL, '6' },
		{ "asrel", required_argument, NULL, 'a' },
		{ "rib", required_argument, NULL, 'r' },
		{ "updates-out", required_argument, NULL, 'o' },
		{ "time", required_argument, NULL, 't' },
		{ "day", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *v4 = NULL, *v6 = NULL, *asrel = NULL, *rib = NULL;
	const char *upd = NULL;
	size_t npeers = DEFAULT_PEERS, target = DEFAULT_PREFIXES, i;
	uint64_t nupd = DEFAULT_UPDATES;
	struct counts rc, uc;
	struct gen g;
	double t_start = now(), t;
	int ch;

	memset(&g, 0, sizeof(g));
	g.seed = 1;
	g.t0 = DEFAULT_TIME;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 's':
			g.seed = num_arg(optarg, UINT64_MAX);
			break;
		case 'p':
			npeers = num_arg(optarg, MAX_PEERS);
			break;
		case 'n':
			target = num_arg(optarg, MAX_PREFIXES);
			break;
		case 'u':
			nupd = num_arg(optarg, UINT32_MAX);
			break;
		case '4':
			v4 = optarg;
			break;
		case '6':
			v6 = optarg;
			break;
		case 'a':
			asrel = optarg;
			break;
		case 'r':
			rib = optarg;
			break;
		case 'o':
			upd = optarg;
			break;
		case 't':
			g.t0 = (uint32_t)num_arg(optarg, UINT32_MAX - 86400);
			break;
		case 'd':
			g.day = (uint32_t)num_arg(optarg, 365);
			break;
		default:
			usage();
		}
	}
	if (optind != argc || v4 == NULL || v6 == NULL || asrel == NULL ||
	    (rib == NULL && upd == NULL) || npeers == 0 || target == 0)
		usage();
	if (g.t0 < 61 * 86400)
		fatal("--time too early", NULL);
	if ((uint64_t)g.t0 + (uint64_t)(g.day + 1) * 86400 > UINT32_MAX)
		fatal("--time and --day past 2106", NULL);
	rng_state = mix(g.seed);

	read_asrel(&g.g, asrel);
	read_ranges(&g, v4, AFI_IPV4);
	read_ranges(&g, v6, AFI_IPV6);
	g.range_dups = g.dups;
	fit_prefixes(&g, target);
	qsort(g.pfx, g.npfx, sizeof(*g.pfx), gpfx_cmp);
	free(g.set);
	g.set = NULL;
	index_origins(&g);
	choose_peers(&g, npeers);
	build_paths(&g);
	t = now();

	fprintf(stderr,
	    "gen-rib: as-rel: %zu ASes; ranges: %zu IPv4, %zu IPv6\n"
	    "gen-rib: prefixes from ranges: %zu IPv4, %zu IPv6 "
	    "(%zu blocks past /24 or /48 dropped, %zu duplicates)\n"
	    "gen-rib: more-specifics added: %zu IPv4, %zu IPv6 "
	    "(%zu drawn twice); sampled out: %zu\n"
	    "gen-rib: total %zu prefixes, %zu origins (%zu not in as-rel)\n"
	    "gen-rib: paths: %zu cached, %zu below an attach point, "
	    "%zu synthetic; setup %.1f s\n",
	    g.g.n, g.ranges[0], g.ranges[1], g.from_ranges[0],
	    g.from_ranges[1], g.too_specific[0] + g.too_specific[1],
	    g.range_dups, g.deagg[0], g.deagg[1], g.dups - g.range_dups,
	    g.dropped_sample, g.npfx, g.norig,
	    g.unknown_origins, g.npeers * g.norig, g.attached_paths,
	    g.synthetic_paths, t - t_start);
	for (i = 0; i < g.npeers; i++) {
		char buf[ADDR_STRLEN];

		addr_fmt(&g.peers[i].session, buf);
		fprintf(stderr,
		    "gen-rib: peer %2zu AS%-10u %-28s sees %.3f%s%s\n", i,
		    g.peers[i].asn, buf, g.peers[i].see,
		    g.peers[i].as4_session ? "" : " 2-byte-session",
		    g.peers[i].et ? " ET" : "");
	}

	memset(&rc, 0, sizeof(rc));
	memset(&uc, 0, sizeof(uc));
	if (rib != NULL) {
		write_rib(&g, rib, &rc);
		fprintf(stderr, "gen-rib: %s: %llu records, %llu entries, "
		    "%llu bytes, %.1f s\n", rib,
		    (unsigned long long)rc.records,
		    (unsigned long long)rc.entries,
		    (unsigned long long)rc.bytes, now() - t);
		t = now();
	}
	if (upd != NULL) {
		/* Day 0 keeps the stream it always had; others get their own. */
		if (g.day > 0)
			rng_state = mix(g.seed ^ (uint64_t)g.day *
			    0xd1b54a32d192ed03ull);
		write_updates(&g, upd, nupd, &uc);
		fprintf(stderr, "gen-rib: %s: %llu records (%llu UPDATEs, "
		    "%llu state changes, %llu ET), %llu announced, "
		    "%llu withdrawn, %.1f s\n", upd,
		    (unsigned long long)uc.records,
		    (unsigned long long)uc.msgs,
		    (unsigned long long)uc.states,
		    (unsigned long long)uc.et,
		    (unsigned long long)uc.ann,
		    (unsigned long long)uc.wd, now() - t);
	}
	/* One machine-readable line for bench/mrt.sh. */
	printf("prefixes=%zu peers=%zu rib_records=%llu rib_entries=%llu "
	    "upd_records=%llu upd_elements=%llu seconds=%.1f\n", g.npfx,
	    g.npeers, (unsigned long long)rc.records,
	    (unsigned long long)rc.entries, (unsigned long long)uc.records,
	    (unsigned long long)(uc.ann + uc.wd + uc.states),
	    now() - t_start);
	return 0;
}
