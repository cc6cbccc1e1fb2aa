#define _GNU_SOURCE		/* mremap() */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>

#include "base/limits.h"
#include "base/xmalloc.h"
#include "index.h"

#define SOURCE_NAME_MAX	64

/* The memory target (bench/irr.sh) rests on this. */
_Static_assert(sizeof(struct irr_route) == 32, "irr_route is 32 bytes");

static const char *const default_auth[] = {
	"RIPE", "ARIN", "APNIC", "AFRINIC", "LACNIC",
};

struct source {
	char	*name;
	bool	 auth;
};

struct irr_index {
	struct source	*src;
	size_t		 nsrc;
	char		**files;
	size_t		 nfiles;

	struct irr_route *r;
	size_t		 n;
	size_t		 cap;
	size_t		 repeats;
	bool		 finished;
	bool		 mapped;	/* r is an mmap() of cap records */
	/* Prefix lengths present, per family: bit l of lens[afi][l / 64]. */
	uint64_t	 lens[3][3];
	uint32_t	*by_origin;	/* built on demand */
};

struct irr_index *
irr_index_new(void)
{
	return xcalloc(1, sizeof(struct irr_index));
}

void
irr_index_free(struct irr_index *x)
{
	size_t i;

	if (x == NULL)
		return;
	for (i = 0; i < x->nsrc; i++)
		free(x->src[i].name);
	for (i = 0; i < x->nfiles; i++)
		free(x->files[i]);
	free(x->src);
	free(x->files);
	if (x->mapped)
		munmap(x->r, x->cap * sizeof(*x->r));
	else
		free(x->r);
	free(x->by_origin);
	free(x);
}

static int
find_source(const struct irr_index *x, const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < x->nsrc; i++)
		if (strncasecmp(x->src[i].name, name, len) == 0 &&
		    x->src[i].name[len] == '\0')
			return (int)i;
	return -1;
}

int
irr_index_source(struct irr_index *x, const char *name, size_t len)
{
	struct source *s;
	size_t i;
	int id;

	if (len == 0 || len > SOURCE_NAME_MAX || memchr(name, '\0', len))
		return -1;
	if ((id = find_source(x, name, len)) >= 0)
		return id;
	if (x->nsrc >= MAX_IRR_SOURCES)
		return -1;
	x->src = xreallocarray(x->src, x->nsrc + 1, sizeof(*x->src));
	s = &x->src[x->nsrc];
	s->name = xmalloc(len + 1);
	for (i = 0; i < len; i++) {
		char c = name[i];

		s->name[i] = c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
	}
	s->name[len] = '\0';
	s->auth = false;
	for (i = 0; i < sizeof(default_auth) / sizeof(default_auth[0]); i++)
		if (strcmp(s->name, default_auth[i]) == 0)
			s->auth = true;
	return (int)x->nsrc++;
}

void
irr_index_set_auth(struct irr_index *x, const char *name, bool auth)
{
	int id = irr_index_source(x, name, strlen(name));

	if (id >= 0)
		x->src[id].auth = auth;
}

size_t
irr_index_nsources(const struct irr_index *x)
{
	return x->nsrc;
}

const char *
irr_index_source_name(const struct irr_index *x, unsigned id)
{
	return id < x->nsrc ? x->src[id].name : "?";
}

bool
irr_index_source_auth(const struct irr_index *x, unsigned id)
{
	return id < x->nsrc && x->src[id].auth;
}

int
irr_index_file(struct irr_index *x, const char *name)
{
	if (x->nfiles >= MAX_IRR_FILES)
		return -1;
	x->files = xreallocarray(x->files, x->nfiles + 1, sizeof(*x->files));
	x->files[x->nfiles] = xstrdup(name);
	return (int)x->nfiles++;
}

const char *
irr_index_file_name(const struct irr_index *x, unsigned id)
{
	return id < x->nfiles ? x->files[id] : "?";
}

/*
 * The route array: malloc() while small, then its own mapping, grown with
 * mremap() so that growing never copies (glibc's realloc() copies heap
 * blocks, which tripled the time to index a dump) and asking for
 * transparent huge pages (a fault per 4 KiB page is a tenth of the time
 * on a virtual machine).  Out of memory aborts, as xmalloc() does.
 */
#define MAP_MIN		(4u << 20)

static void
array_resize(struct irr_index *x, size_t cap)
{
	size_t old = x->cap * sizeof(*x->r), bytes = cap * sizeof(*x->r);
	void *p;

	if (bytes < MAP_MIN && !x->mapped) {
		x->r = xreallocarray(x->r, cap, sizeof(*x->r));
		x->cap = cap;
		return;
	}
	if (bytes < MAP_MIN)
		bytes = MAP_MIN;
	if (x->mapped)
		p = mremap(x->r, old, bytes, MREMAP_MAYMOVE);
	else {
		p = mmap(NULL, bytes, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p != MAP_FAILED) {
			memcpy(p, x->r, x->n * sizeof(*x->r));
			free(x->r);
		}
	}
	if (p == MAP_FAILED) {
		fprintf(stderr, "irr index: out of memory (%zu bytes)\n",
		    bytes);
		abort();
	}
	(void)madvise(p, bytes, MADV_HUGEPAGE);
	x->r = p;
	x->mapped = true;
	x->cap = bytes / sizeof(*x->r);
}

bool
irr_index_add(struct irr_index *x, const struct prefix *p, uint32_t origin,
    unsigned source, unsigned file, uint32_t line)
{
	struct irr_route *r;

	if (x->n >= MAX_IRR_ROUTES || p->afi < AFI_IPV4 || p->afi > AFI_IPV6)
		return false;
	if (x->n == x->cap)
		array_resize(x, x->cap < 1024 ? 1024 : x->cap + x->cap / 2);
	r = &x->r[x->n++];
	memset(r, 0, sizeof(*r));
	r->pfx = *p;
	r->origin = origin;
	r->source = (uint16_t)source;
	r->file = (uint16_t)file;
	r->line = line;
	x->lens[p->afi][p->len / 64] |= 1ull << (p->len % 64);
	x->finished = false;
	free(x->by_origin);
	x->by_origin = NULL;
	return true;
}

/* Order by (prefix, origin); key_cmp() adds source, file and line. */
static int
pair_cmp(const struct irr_route *a, const struct prefix *p, uint32_t origin)
{
	int c = prefix_cmp(&a->pfx, p);

	if (c != 0)
		return c;
	return a->origin < origin ? -1 : a->origin > origin;
}

static inline uint64_t
be64(const uint8_t *p)
{
	uint64_t v;

	memcpy(&v, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	v = __builtin_bswap64(v);
#endif
	return v;
}

/* prefix_cmp()'s order, then origin, source, file, line; for sorting. */
static inline int
key_cmp(const struct irr_route *a, const struct irr_route *b)
{
	uint64_t x, y;

	if (a->pfx.afi != b->pfx.afi)
		return a->pfx.afi < b->pfx.afi ? -1 : 1;
	if ((x = be64(a->pfx.b)) != (y = be64(b->pfx.b)) ||
	    (x = be64(a->pfx.b + 8)) != (y = be64(b->pfx.b + 8)))
		return x < y ? -1 : 1;
	if (a->pfx.len != b->pfx.len)
		return a->pfx.len < b->pfx.len ? -1 : 1;
	if (a->origin != b->origin)
		return a->origin < b->origin ? -1 : 1;
	if (a->source != b->source)
		return a->source < b->source ? -1 : 1;
	if (a->file != b->file)
		return a->file < b->file ? -1 : 1;
	return a->line < b->line ? -1 : a->line > b->line;
}

static void
swap(struct irr_route *a, struct irr_route *b)
{
	struct irr_route t = *a;

	*a = *b;
	*b = t;
}

/*
 * Quicksort with the comparison inlined and no scratch memory (glibc's
 * qsort() merges through a copy of the array: 32 bytes more per object).
 * The smaller side is sorted by recursion, so the stack stays O(log n).
 */
static void
sort_routes(struct irr_route *r, size_t n)
{
	while (n > 16) {
		size_t i, j, mid = n / 2;
		struct irr_route pivot;

		if (key_cmp(&r[mid], &r[0]) < 0)
			swap(&r[mid], &r[0]);
		if (key_cmp(&r[n - 1], &r[0]) < 0)
			swap(&r[n - 1], &r[0]);
		if (key_cmp(&r[n - 1], &r[mid]) < 0)
			swap(&r[n - 1], &r[mid]);
		pivot = r[mid];
		i = 0;
		j = n - 1;
		for (;;) {
			while (key_cmp(&r[i], &pivot) < 0)
				i++;
			while (key_cmp(&pivot, &r[j]) < 0)
				j--;
			if (i >= j)
				break;
			swap(&r[i], &r[j]);
			i++;
			j--;
		}
		/* r[0..j] <= pivot <= r[j+1..n) */
		if (j + 1 < n - j - 1) {
			sort_routes(r, j + 1);
			r += j + 1;
			n -= j + 1;
		} else {
			sort_routes(r + j + 1, n - j - 1);
			n = j + 1;
		}
	}
	for (size_t i = 1; i < n; i++)
		for (size_t k = i; k > 0 && key_cmp(&r[k], &r[k - 1]) < 0; k--)
			swap(&r[k], &r[k - 1]);
}

void
irr_index_finish(struct irr_index *x)
{
	size_t i, o = 0;

	if (x->finished)
		return;
	sort_routes(x->r, x->n);
	for (i = 0; i < x->n; i++) {
		if (o > 0 && pair_cmp(&x->r[o - 1], &x->r[i].pfx,
		    x->r[i].origin) == 0 && x->r[o - 1].source ==
		    x->r[i].source) {
			x->repeats++;
			continue;
		}
		x->r[o++] = x->r[i];
	}
	x->n = o;
	if (x->n < x->cap)
		array_resize(x, x->n > 0 ? x->n : 1);
	x->finished = true;
}

size_t
irr_index_count(const struct irr_index *x)
{
	return x->n;
}

size_t
irr_index_repeats(const struct irr_index *x)
{
	return x->repeats;
}

size_t
irr_index_memory(const struct irr_index *x)
{
	size_t i, m = sizeof(*x) + x->cap * sizeof(*x->r) +
	    x->nsrc * sizeof(*x->src) + x->nfiles * sizeof(*x->files);

	for (i = 0; i < x->nsrc; i++)
		m += strlen(x->src[i].name) + 1;
	for (i = 0; i < x->nfiles; i++)
		m += strlen(x->files[i]) + 1;
	if (x->by_origin != NULL)
		m += x->n * sizeof(*x->by_origin);
	return m;
}

const struct irr_route *
irr_index_routes(const struct irr_index *x, size_t *n)
{
	*n = x->n;
	return x->r;
}

/* First index whose (prefix, origin) is not below (p, origin). */
static size_t
lower_bound(const struct irr_index *x, const struct prefix *p,
    uint32_t origin)
{
	size_t lo = 0, hi = x->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (pair_cmp(&x->r[mid], p, origin) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static bool
has_len(const struct irr_index *x, unsigned afi, unsigned len)
{
	return (x->lens[afi][len / 64] >> (len % 64)) & 1;
}

/* p cut to len bits. */
static struct prefix
truncate_to(const struct prefix *p, unsigned len)
{
	struct prefix q = *p;

	q.len = (uint8_t)len;
	prefix_mask(&q);
	return q;
}

struct lookup {
	const struct irr_index	*x;
	const struct prefix	*p;
	uint32_t		 origin;
	struct irr_lookup	*out;
};

/* Covering objects come longest prefix first, by origin within one. */
static bool
lookup_fn(void *ctx, const struct irr_route *r)
{
	struct lookup *l = ctx;
	struct irr_lookup *out = l->out;

	if (r->origin != l->origin)
		return true;
	if (irr_index_source_auth(l->x, r->source))
		out->auth = true;
	else
		out->nonauth = true;
	if (out->first == NULL) {
		out->first = r;
		out->match = r->pfx.len == l->p->len ? IRR_MATCH_EXACT :
		    IRR_MATCH_MORE_SPECIFIC;
	}
	if (prefix_equal(&r->pfx, &out->first->pfx))
		out->n++;
	return true;
}

void
irr_index_lookup(const struct irr_index *x, const struct prefix *p,
    uint32_t origin, struct irr_lookup *out)
{
	struct lookup l = { x, p, origin, out };

	memset(out, 0, sizeof(*out));
	irr_index_covering(x, p, lookup_fn, &l);
}

void
irr_index_covering(const struct irr_index *x, const struct prefix *p,
    irr_route_fn *fn, void *ctx)
{
	size_t i;
	int len;

	if (p->afi < AFI_IPV4 || p->afi > AFI_IPV6)
		return;
	for (len = p->len; len >= 0; len--) {
		struct prefix q;

		if (!has_len(x, p->afi, (unsigned)len))
			continue;
		q = truncate_to(p, (unsigned)len);
		for (i = lower_bound(x, &q, 0); i < x->n &&
		    prefix_equal(&x->r[i].pfx, &q); i++)
			if (!fn(ctx, &x->r[i]))
				return;
	}
}

void
irr_index_covered(const struct irr_index *x, const struct prefix *p,
    size_t *lo, size_t *hi)
{
	size_t i = lower_bound(x, p, 0);

	/*
	 * In (address, length) order the prefixes p covers follow p without
	 * a gap: any other prefix between them would have host bits set.
	 */
	*lo = i;
	while (i < x->n && prefix_covers(p, &x->r[i].pfx))
		i++;
	*hi = i;
}

static const struct irr_index *sort_ctx;

static int
origin_cmp(const void *va, const void *vb)
{
	uint32_t a = *(const uint32_t *)va, b = *(const uint32_t *)vb;
	uint32_t oa = sort_ctx->r[a].origin, ob = sort_ctx->r[b].origin;

	if (oa != ob)
		return oa < ob ? -1 : 1;
	return a < b ? -1 : a > b;
}

const uint32_t *
irr_index_by_origin(struct irr_index *x, uint32_t asn, size_t *n)
{
	size_t lo = 0, hi, i;

	if (x->by_origin == NULL) {
		x->by_origin = xreallocarray(NULL, x->n > 0 ? x->n : 1,
		    sizeof(*x->by_origin));
		for (i = 0; i < x->n; i++)
			x->by_origin[i] = (uint32_t)i;
		sort_ctx = x;
		qsort(x->by_origin, x->n, sizeof(*x->by_origin), origin_cmp);
		sort_ctx = NULL;
	}
	hi = x->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (x->r[x->by_origin[mid]].origin < asn)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = lo; i < x->n && x->r[x->by_origin[i]].origin == asn; i++)
		;
	*n = i - lo;
	return x->by_origin + lo;
}

bool
irr_index_has_origin(struct irr_index *x, uint32_t asn)
{
	size_t n;

	(void)irr_index_by_origin(x, asn, &n);
	return n > 0;
}
