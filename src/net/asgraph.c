/* The AS relationship graph: builder, compressed rows, memoised cones. */
#include <stdlib.h>
#include <string.h>

#include "base/limits.h"
#include "base/u64map.h"
#include "base/xmalloc.h"
#include "net/asgraph.h"

#define NOIDX	UINT32_MAX

struct adj {
	uint32_t	nbr;		/* node index */
	uint8_t		rel;		/* what the row's node is to nbr */
	uint8_t		src;
};

struct link {
	uint32_t	a, b;
	uint8_t		rel, src;
};

struct given {
	uint32_t	as;
	uint32_t	n;
	size_t		off;		/* into cone_asns */
};

struct asgraph {
	/* Builder state, freed by asgraph_finish(). */
	struct link	*links;
	uint64_t	*seqs;
	size_t		 nlinks, caplinks;
	struct u64map	 pairs;		/* pair key -> link index */
	struct given	*given;
	size_t		 ngiven, capgiven;
	struct u64map	 given_as;	/* ASes with a given cone */
	uint32_t	*cone_asns;
	size_t		 ncone_asns, capcone_asns;

	/* Meta. */
	char		*sources[ASGRAPH_MAX_SOURCES];
	unsigned	 nsources;
	uint32_t	*clique, *ixps;
	size_t		 nclique, nixps;
	size_t		 nrel[ASREL_SIBLING + 1];
	bool		 cones_given, finished;

	/* The graph. */
	uint32_t	*nodes;		/* sorted ASNs */
	/*
	 * ASN -> node index, open addressing at most half full.  Not a
	 * u64map: two arrays instead of three halve the cache misses of
	 * the lookup every query starts with (140 against 320 ns a
	 * relationship query on a loaded machine).
	 */
	uint32_t	*ikeys, *ivals;
	unsigned	 ibits;
	uint32_t	*ident;		/* ident[i] == i: one-AS cones */
	size_t		 nnodes;
	uint32_t	*off;		/* nnodes + 1 */
	struct adj	*adj;
	uint32_t	*coff;		/* customer rows */
	uint32_t	*cust;
	uint32_t	**cone;		/* NULL until computed */
	uint32_t	*conen;
	size_t		 cone_bytes;
	uint32_t	*stamp, *stack, *buf;	/* cone computation scratch */
	uint32_t	 epoch;
};

static enum asrel
reverse(enum asrel r)
{
	if (r == ASREL_PROVIDER)
		return ASREL_CUSTOMER;
	if (r == ASREL_CUSTOMER)
		return ASREL_PROVIDER;
	return r;
}

const char *
asrel_str(enum asrel r)
{
	switch (r) {
	case ASREL_NONE:
		return "none";
	case ASREL_PROVIDER:
		return "provider";
	case ASREL_CUSTOMER:
		return "customer";
	case ASREL_PEER:
		return "peer";
	case ASREL_SIBLING:
		return "sibling";
	}
	return "?";
}

struct asgraph *
asgraph_new(void)
{
	struct asgraph *g = xcalloc(1, sizeof(struct asgraph));

	u64map_init(&g->pairs);
	u64map_init(&g->given_as);
	return g;
}

static void
free_builder(struct asgraph *g)
{
	free(g->links);
	free(g->seqs);
	u64map_free(&g->pairs);
	u64map_free(&g->given_as);
	free(g->given);
	free(g->cone_asns);
	g->links = NULL;
	g->seqs = NULL;
	g->given = NULL;
	g->cone_asns = NULL;
}

void
asgraph_free(struct asgraph *g)
{
	size_t i;

	if (g == NULL)
		return;
	free_builder(g);
	for (i = 0; i < g->nsources; i++)
		free(g->sources[i]);
	if (g->cone != NULL)
		for (i = 0; i < g->nnodes; i++)
			if (g->cone[i] != NULL && g->conen[i] > 1)
				free(g->cone[i]);
	free(g->clique);
	free(g->ixps);
	free(g->nodes);
	free(g->ikeys);
	free(g->ivals);
	free(g->ident);
	free(g->off);
	free(g->adj);
	free(g->coff);
	free(g->cust);
	free(g->cone);
	free(g->conen);
	free(g->stamp);
	free(g->stack);
	free(g->buf);
	free(g);
}

static uint64_t
pair_key(uint32_t a, uint32_t b)
{
	return a < b ? (uint64_t)a << 32 | b : (uint64_t)b << 32 | a;
}

bool
asgraph_add_link(struct asgraph *g, uint32_t a, uint32_t b, enum asrel rel,
    unsigned source, uint64_t seq, const char **why, uint64_t *prev)
{
	uint32_t *idx;
	bool added;

	if (g->finished) {
		*why = "the graph is finished";
		return false;
	}
	if (a == b) {
		*why = "an AS linked to itself";
		return false;
	}
	if (rel == ASREL_NONE || rel > ASREL_SIBLING) {
		*why = "no relationship";
		return false;
	}
	if (g->nlinks >= MAX_ASREL_LINKS) {
		*why = "too many links (MAX_ASREL_LINKS)";
		return false;
	}
	idx = u64map_put(&g->pairs, pair_key(a, b), &added);
	if (!added) {
		const struct link *l = &g->links[*idx];
		enum asrel r = l->a == a ? (enum asrel)l->rel :
		    reverse((enum asrel)l->rel);

		*why = r == rel ? "the same link again" :
		    "a second, different relationship for the pair";
		*prev = g->seqs[*idx];
		return false;
	}
	*idx = (uint32_t)g->nlinks;
	if (g->nlinks == g->caplinks) {
		g->caplinks = g->caplinks == 0 ? 1024 : g->caplinks * 2;
		g->links = xreallocarray(g->links, g->caplinks,
		    sizeof(*g->links));
		g->seqs = xreallocarray(g->seqs, g->caplinks,
		    sizeof(*g->seqs));
	}
	g->links[g->nlinks].a = a;
	g->links[g->nlinks].b = b;
	g->links[g->nlinks].rel = (uint8_t)rel;
	g->links[g->nlinks].src = (uint8_t)(source < g->nsources + 1 ?
	    source : 0);
	g->seqs[g->nlinks] = seq;
	g->nlinks++;
	g->nrel[rel]++;
	return true;
}

unsigned
asgraph_source(struct asgraph *g, const char *s, size_t n)
{
	unsigned i;

	for (i = 0; i < g->nsources; i++)
		if (strlen(g->sources[i]) == n &&
		    memcmp(g->sources[i], s, n) == 0)
			return i + 1;
	if (g->nsources == ASGRAPH_MAX_SOURCES)
		return 0;
	g->sources[g->nsources] = xmalloc(n + 1);
	memcpy(g->sources[g->nsources], s, n);
	g->sources[g->nsources][n] = '\0';
	return ++g->nsources;
}

const char *
asgraph_source_name(const struct asgraph *g, unsigned i)
{
	return i >= 1 && i <= g->nsources ? g->sources[i - 1] : "";
}

bool
asgraph_add_cone(struct asgraph *g, uint32_t as, const uint32_t *members,
    size_t n, const char **why)
{
	bool added;

	if (g->finished) {
		*why = "the graph is finished";
		return false;
	}
	if (n > MAX_CONE_MEMBERS - g->ncone_asns) {
		*why = "too many cone members in all (MAX_CONE_MEMBERS)";
		return false;
	}
	(void)u64map_put(&g->given_as, as, &added);
	if (!added) {
		*why = "a second cone for the same AS";
		return false;
	}
	if (g->ngiven == g->capgiven) {
		g->capgiven = g->capgiven == 0 ? 1024 : g->capgiven * 2;
		g->given = xreallocarray(g->given, g->capgiven,
		    sizeof(*g->given));
	}
	while (g->ncone_asns + n > g->capcone_asns) {
		g->capcone_asns = g->capcone_asns == 0 ? 4096 :
		    g->capcone_asns * 2;
		g->cone_asns = xreallocarray(g->cone_asns, g->capcone_asns,
		    sizeof(*g->cone_asns));
	}
	g->given[g->ngiven].as = as;
	g->given[g->ngiven].n = (uint32_t)n;
	g->given[g->ngiven].off = g->ncone_asns;
	g->ngiven++;
	if (n > 0)
		memcpy(g->cone_asns + g->ncone_asns, members,
		    n * sizeof(*members));
	g->ncone_asns += n;
	g->cones_given = true;
	return true;
}

static void
push_list(uint32_t **v, size_t *n, uint32_t as)
{
	if (*n >= MAX_ASREL_LIST)
		return;
	if ((*n & (*n - 1)) == 0)
		*v = xreallocarray(*v, *n == 0 ? 1 : *n * 2, sizeof(**v));
	(*v)[(*n)++] = as;
}

void
asgraph_add_clique(struct asgraph *g, uint32_t as)
{
	push_list(&g->clique, &g->nclique, as);
}

void
asgraph_add_ixp(struct asgraph *g, uint32_t as)
{
	push_list(&g->ixps, &g->nixps, as);
}

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

static int
cmp_adj(const void *a, const void *b)
{
	return cmp_u32(&((const struct adj *)a)->nbr,
	    &((const struct adj *)b)->nbr);
}

/* Sort and drop repeats; returns the new length. */
static size_t
sort_unique(uint32_t *v, size_t n)
{
	size_t i, k = 0;

	qsort(v, n, sizeof(*v), cmp_u32);
	for (i = 0; i < n; i++)
		if (k == 0 || v[k - 1] != v[i])
			v[k++] = v[i];
	return k;
}

static size_t
islot(uint32_t as, unsigned bits)
{
	return (size_t)((as * 0x9e3779b1u) >> (32 - bits));
}

/* Node index of an ASN, or NOIDX: one probe in the common case. */
static uint32_t
find(const struct asgraph *g, uint32_t as)
{
	size_t mask = ((size_t)1 << g->ibits) - 1, s;

	if (g->ivals == NULL)
		return NOIDX;
	for (s = islot(as, g->ibits); g->ivals[s] != NOIDX;
	    s = (s + 1) & mask)
		if (g->ikeys[s] == as)
			return g->ivals[s];
	return NOIDX;
}

static void
build_index(struct asgraph *g)
{
	size_t i, cap, mask;

	for (g->ibits = 4; ((size_t)1 << g->ibits) < g->nnodes * 2; g->ibits++)
		;
	cap = (size_t)1 << g->ibits;
	mask = cap - 1;
	g->ikeys = xcalloc(cap, sizeof(*g->ikeys));
	g->ivals = xreallocarray(NULL, cap, sizeof(*g->ivals));
	memset(g->ivals, 0xff, cap * sizeof(*g->ivals));
	for (i = 0; i < g->nnodes; i++) {
		size_t s = islot(g->nodes[i], g->ibits);

		while (g->ivals[s] != NOIDX)
			s = (s + 1) & mask;
		g->ikeys[s] = g->nodes[i];
		g->ivals[s] = (uint32_t)i;
	}
}

static void
build_nodes(struct asgraph *g)
{
	size_t n = g->nlinks * 2 + g->ngiven + g->ncone_asns, k = 0, i;

	g->nodes = xreallocarray(NULL, n > 0 ? n : 1, sizeof(*g->nodes));
	for (i = 0; i < g->nlinks; i++) {
		g->nodes[k++] = g->links[i].a;
		g->nodes[k++] = g->links[i].b;
	}
	for (i = 0; i < g->ngiven; i++)
		g->nodes[k++] = g->given[i].as;
	for (i = 0; i < g->ncone_asns; i++)
		g->nodes[k++] = g->cone_asns[i];
	g->nnodes = sort_unique(g->nodes, k);
	g->nodes = xreallocarray(g->nodes, g->nnodes > 0 ? g->nnodes : 1,
	    sizeof(*g->nodes));
	g->ident = xreallocarray(NULL, g->nnodes > 0 ? g->nnodes : 1,
	    sizeof(*g->ident));
	for (i = 0; i < g->nnodes; i++)
		g->ident[i] = (uint32_t)i;
	build_index(g);
}

static void
build_rows(struct asgraph *g)
{
	uint32_t *fill;
	size_t i, n = g->nnodes;

	g->off = xcalloc(n + 1, sizeof(*g->off));
	g->coff = xcalloc(n + 1, sizeof(*g->coff));
	/* From here on a link holds node indices, not ASNs. */
	for (i = 0; i < g->nlinks; i++) {
		g->links[i].a = find(g, g->links[i].a);
		g->links[i].b = find(g, g->links[i].b);
		g->off[g->links[i].a + 1]++;
		g->off[g->links[i].b + 1]++;
	}
	for (i = 0; i < n; i++)
		g->off[i + 1] += g->off[i];
	g->adj = xreallocarray(NULL, g->nlinks * 2 + 1, sizeof(*g->adj));
	fill = xcalloc(n + 1, sizeof(*fill));
	for (i = 0; i < g->nlinks; i++) {
		const struct link *l = &g->links[i];
		uint32_t a = l->a, b = l->b;
		struct adj *x = &g->adj[g->off[a] + fill[a]++];
		struct adj *y = &g->adj[g->off[b] + fill[b]++];

		x->nbr = b;
		x->rel = l->rel;
		x->src = l->src;
		y->nbr = a;
		y->rel = (uint8_t)reverse((enum asrel)l->rel);
		y->src = l->src;
	}
	free(fill);
	for (i = 0; i < n; i++) {
		uint32_t j;

		qsort(g->adj + g->off[i], g->off[i + 1] - g->off[i],
		    sizeof(*g->adj), cmp_adj);
		g->coff[i + 1] = g->coff[i];
		for (j = g->off[i]; j < g->off[i + 1]; j++)
			g->coff[i + 1] += g->adj[j].rel == ASREL_PROVIDER;
	}
	g->cust = xreallocarray(NULL, g->coff[n] + 1, sizeof(*g->cust));
	for (i = 0; i < n; i++) {
		uint32_t j, k = g->coff[i];

		for (j = g->off[i]; j < g->off[i + 1]; j++)
			if (g->adj[j].rel == ASREL_PROVIDER)
				g->cust[k++] = g->adj[j].nbr;
	}
}

static void
set_cone(struct asgraph *g, uint32_t i, const uint32_t *v, size_t n)
{
	g->conen[i] = (uint32_t)n;
	if (n == 1 && v[0] == i) {
		g->cone[i] = &g->ident[i];
		return;
	}
	g->cone[i] = xreallocarray(NULL, n, sizeof(uint32_t));
	memcpy(g->cone[i], v, n * sizeof(uint32_t));
	g->cone_bytes += n * sizeof(uint32_t);
}

static void
build_given(struct asgraph *g)
{
	size_t i, j;

	for (i = 0; i < g->ngiven; i++) {
		const struct given *c = &g->given[i];
		uint32_t self = find(g, c->as);
		size_t k = 0;

		for (j = 0; j < c->n; j++)
			g->buf[k++] = find(g, g->cone_asns[c->off + j]);
		g->buf[k++] = self;
		k = sort_unique(g->buf, k);
		set_cone(g, self, g->buf, k);
	}
	for (i = 0; i < g->nnodes; i++)
		if (g->cone[i] == NULL)
			set_cone(g, (uint32_t)i, &g->ident[i], 1);
}

void
asgraph_finish(struct asgraph *g)
{
	size_t n, i;

	if (g->finished)
		return;
	g->finished = true;
	build_nodes(g);
	n = g->nnodes;
	build_rows(g);
	g->cone = xcalloc(n + 1, sizeof(*g->cone));
	g->conen = xcalloc(n + 1, sizeof(*g->conen));
	g->stamp = xcalloc(n + 1, sizeof(*g->stamp));
	g->stack = xreallocarray(NULL, n + 1, sizeof(*g->stack));
	/* A given cone may repeat members: room for all plus itself. */
	for (i = 0, g->buf = NULL; i < g->ngiven; i++)
		if (g->given[i].n >= n)
			n = g->given[i].n + 1;
	g->buf = xreallocarray(NULL, n + 1, sizeof(*g->buf));
	if (g->cones_given)
		build_given(g);
	free_builder(g);
}

/* The cone of node i, computed by a depth-first walk of customer links. */
static void
compute_cone(struct asgraph *g, uint32_t i)
{
	size_t sp = 0, k = 0;

	if (g->coff[i] == g->coff[i + 1]) {
		set_cone(g, i, &g->ident[i], 1);
		return;
	}
	if (++g->epoch == 0) {
		memset(g->stamp, 0, g->nnodes * sizeof(*g->stamp));
		g->epoch = 1;
	}
	g->stamp[i] = g->epoch;
	g->stack[sp++] = i;
	while (sp > 0) {
		uint32_t v = g->stack[--sp], j;

		g->buf[k++] = v;
		for (j = g->coff[v]; j < g->coff[v + 1]; j++) {
			uint32_t c = g->cust[j];

			if (g->stamp[c] != g->epoch) {
				g->stamp[c] = g->epoch;
				g->stack[sp++] = c;
			}
		}
	}
	qsort(g->buf, k, sizeof(*g->buf), cmp_u32);
	set_cone(g, i, g->buf, k);
}

static const uint32_t *
cone_of(struct asgraph *g, uint32_t i, size_t *n)
{
	if (g->cone[i] == NULL)
		compute_cone(g, i);
	*n = g->conen[i];
	return g->cone[i];
}

bool
asgraph_has(const struct asgraph *g, uint32_t as)
{
	return find(g, as) != NOIDX;
}

enum asrel
asgraph_rel_source(const struct asgraph *g, uint32_t a, uint32_t b,
    unsigned *source)
{
	uint32_t ia = find(g, a), ib, lo, hi;

	*source = 0;
	if (ia == NOIDX || (ib = find(g, b)) == NOIDX)
		return ASREL_NONE;
	lo = g->off[ia];
	hi = g->off[ia + 1];
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (g->adj[mid].nbr < ib)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == g->off[ia + 1] || g->adj[lo].nbr != ib)
		return ASREL_NONE;
	*source = g->adj[lo].src;
	return (enum asrel)g->adj[lo].rel;
}

enum asrel
asgraph_rel(const struct asgraph *g, uint32_t a, uint32_t b)
{
	unsigned src;

	return asgraph_rel_source(g, a, b, &src);
}

size_t
asgraph_cone(struct asgraph *g, uint32_t as, uint32_t *out, size_t max)
{
	uint32_t i = find(g, as);
	const uint32_t *c;
	size_t n, j;

	if (i == NOIDX)
		return 0;
	c = cone_of(g, i, &n);
	for (j = 0; j < n && j < max; j++)
		out[j] = g->nodes[c[j]];
	return n;
}

size_t
asgraph_cone_size(struct asgraph *g, uint32_t as)
{
	uint32_t i = find(g, as);
	size_t n;

	if (i == NOIDX)
		return 0;
	(void)cone_of(g, i, &n);
	return n;
}

bool
asgraph_in_cone(struct asgraph *g, uint32_t a, uint32_t b)
{
	uint32_t ia = find(g, a), ib = find(g, b);
	const uint32_t *c;
	size_t lo = 0, hi;

	if (ia == NOIDX || ib == NOIDX)
		return false;
	c = cone_of(g, ib, &hi);
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (c[mid] < ia)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < g->conen[ib] && c[lo] == ia;
}

uint64_t
asgraph_cones_all(struct asgraph *g)
{
	uint64_t sum = 0;
	size_t i, n;

	for (i = 0; i < g->nnodes; i++) {
		(void)cone_of(g, (uint32_t)i, &n);
		sum += n;
	}
	return sum;
}

bool
asgraph_cones_given(const struct asgraph *g)
{
	return g->cones_given;
}

size_t
asgraph_neighbours(const struct asgraph *g, uint32_t as, enum asrel rel,
    uint32_t *out, size_t max)
{
	uint32_t i = find(g, as), j;
	size_t k = 0;

	if (i == NOIDX)
		return 0;
	for (j = g->off[i]; j < g->off[i + 1]; j++)
		if (g->adj[j].rel == rel) {
			if (k < max)
				out[k] = g->nodes[g->adj[j].nbr];
			k++;
		}
	return k;
}

size_t
asgraph_nodes(const struct asgraph *g)
{
	return g->nnodes;
}

uint32_t
asgraph_node(const struct asgraph *g, size_t i)
{
	return i < g->nnodes ? g->nodes[i] : 0;
}

size_t
asgraph_links(const struct asgraph *g)
{
	return g->nrel[ASREL_PROVIDER] + g->nrel[ASREL_CUSTOMER] +
	    g->nrel[ASREL_PEER] + g->nrel[ASREL_SIBLING];
}

size_t
asgraph_links_rel(const struct asgraph *g, enum asrel r)
{
	if (r == ASREL_PROVIDER || r == ASREL_CUSTOMER)
		return g->nrel[ASREL_PROVIDER] + g->nrel[ASREL_CUSTOMER];
	return r <= ASREL_SIBLING ? g->nrel[r] : 0;
}

const uint32_t *
asgraph_clique(const struct asgraph *g, size_t *n)
{
	*n = g->nclique;
	return g->clique;
}

const uint32_t *
asgraph_ixps(const struct asgraph *g, size_t *n)
{
	*n = g->nixps;
	return g->ixps;
}

size_t
asgraph_memory(const struct asgraph *g)
{
	size_t n = g->nnodes + 1;

	/* nodes ident off coff conen stamp stack buf, cone pointers, index */
	return sizeof(*g) + n * (8 * sizeof(uint32_t) + sizeof(uint32_t *)) +
	    ((size_t)2 << g->ibits) * sizeof(uint32_t) + (g->off != NULL ? g->off[g->nnodes] *
	    sizeof(struct adj) + g->coff[g->nnodes] * sizeof(uint32_t) : 0) +
	    g->cone_bytes + (g->nclique + g->nixps) * sizeof(uint32_t);
}
