/*
 * ASPA-based AS_PATH verification; see aspa.h for the procedure and the
 * numbering of the path.
 *
 * The index is a sorted array of customers, each with a sorted,
 * duplicate-free run of providers (AS0 dropped) in one flat array; both
 * are searched by bisection.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"
#include "rpki/aspa.h"

struct aspa_cust {
	uint32_t	customer;
	uint32_t	first;		/* into aspa_index.provs */
	uint32_t	count;
};

struct aspa_index {
	struct aspa_cust	*cust;
	size_t			 ncust;
	uint32_t		*provs;
	size_t			 nprovs;
};

/* (customer, provider) pairs, sorted to build the index. */
struct pair {
	uint32_t	c, p;
};

static int
pair_cmp(const void *a, const void *b)
{
	const struct pair *x = a, *y = b;

	if (x->c != y->c)
		return x->c < y->c ? -1 : 1;
	if (x->p != y->p)
		return x->p < y->p ? -1 : 1;
	return 0;
}

/* Provider 0 stands for "no provider": kept as (c, 0) so c is attested. */
struct aspa_index *
aspa_index_build(const struct aspa *a, size_t n, const uint32_t *providers,
    size_t nproviders)
{
	struct aspa_index *ix;
	struct pair *pr;
	size_t npr = 0, i, j, tot = 0;

	for (i = 0; i < n; i++) {
		if (a[i].first > nproviders ||
		    a[i].count > nproviders - a[i].first)
			continue;
		tot += (size_t)a[i].count + 1;
	}
	pr = xreallocarray(NULL, tot, sizeof(*pr));
	for (i = 0; i < n; i++) {
		if (a[i].first > nproviders ||
		    a[i].count > nproviders - a[i].first)
			continue;
		/* The marker makes a customer with no providers attested. */
		pr[npr].c = a[i].customer;
		pr[npr++].p = 0;
		for (j = 0; j < a[i].count; j++) {
			pr[npr].c = a[i].customer;
			pr[npr++].p = providers[a[i].first + j];
		}
	}
	if (npr > 1)
		qsort(pr, npr, sizeof(*pr), pair_cmp);

	ix = xmalloc(sizeof(*ix));
	ix->cust = xreallocarray(NULL, npr, sizeof(*ix->cust));
	ix->provs = xreallocarray(NULL, npr, sizeof(*ix->provs));
	ix->ncust = ix->nprovs = 0;
	for (i = 0; i < npr; i++) {
		struct aspa_cust *c;

		if (i > 0 && pr[i].c == pr[i - 1].c && pr[i].p == pr[i - 1].p)
			continue;
		if (ix->ncust == 0 || ix->cust[ix->ncust - 1].customer !=
		    pr[i].c) {
			c = &ix->cust[ix->ncust++];
			c->customer = pr[i].c;
			c->first = (uint32_t)ix->nprovs;
			c->count = 0;
		} else
			c = &ix->cust[ix->ncust - 1];
		if (pr[i].p == 0)
			continue;
		ix->provs[ix->nprovs++] = pr[i].p;
		c->count++;
	}
	free(pr);
	return ix;
}

struct aspa_index *
aspa_index_from_set(const struct vrp_set *s)
{
	return aspa_index_build(s->aspas, s->naspas, s->providers,
	    s->nproviders);
}

void
aspa_index_free(struct aspa_index *ix)
{
	if (ix == NULL)
		return;
	free(ix->cust);
	free(ix->provs);
	free(ix);
}

size_t
aspa_index_count(const struct aspa_index *ix)
{
	return ix->ncust;
}

enum aspa_hop
aspa_hop(const struct aspa_index *ix, uint32_t customer, uint32_t provider)
{
	size_t lo = 0, hi = ix->ncust, mid;
	const struct aspa_cust *c = NULL;
	const uint32_t *p;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (ix->cust[mid].customer < customer)
			lo = mid + 1;
		else if (ix->cust[mid].customer > customer)
			hi = mid;
		else {
			c = &ix->cust[mid];
			break;
		}
	}
	if (c == NULL)
		return ASPA_HOP_NO_ATTESTATION;
	if (provider == 0)
		return ASPA_HOP_NOT_PROVIDER;
	p = ix->provs + c->first;
	lo = 0;
	hi = c->count;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (p[mid] < provider)
			lo = mid + 1;
		else if (p[mid] > provider)
			hi = mid;
		else
			return ASPA_HOP_PROVIDER;
	}
	return ASPA_HOP_NOT_PROVIDER;
}

/*
 * hop(AS(i), AS(j)) with the draft's 1-based numbering over the collapsed
 * path a[0..n-1] (neighbour first): AS(i) = a[n - i].
 */
static enum aspa_hop
hop_ij(const struct aspa_index *ix, const uint32_t *a, size_t n, size_t i,
    size_t j)
{
	return aspa_hop(ix, a[n - i], a[n - j]);
}

static enum aspa_state
upstream(const struct aspa_index *ix, const uint32_t *a, size_t n)
{
	bool unknown = false;
	size_t i;

	for (i = 1; i + 1 <= n; i++) {
		switch (hop_ij(ix, a, n, i, i + 1)) {
		case ASPA_HOP_NOT_PROVIDER:
			return ASPA_INVALID;
		case ASPA_HOP_NO_ATTESTATION:
			unknown = true;
			break;
		case ASPA_HOP_PROVIDER:
			break;
		}
	}
	return unknown ? ASPA_UNKNOWN : ASPA_VALID;
}

static enum aspa_state
downstream(const struct aspa_index *ix, const uint32_t *a, size_t n)
{
	size_t u_min, v_max, k, l, i;

	if (n <= 2)
		return ASPA_VALID;
	u_min = n + 1;
	for (i = 2; i <= n; i++)
		if (hop_ij(ix, a, n, i - 1, i) == ASPA_HOP_NOT_PROVIDER) {
			u_min = i;
			break;
		}
	v_max = 0;
	for (i = n - 1; i >= 1; i--)
		if (hop_ij(ix, a, n, i + 1, i) == ASPA_HOP_NOT_PROVIDER) {
			v_max = i;
			break;
		}
	if (u_min <= v_max)
		return ASPA_INVALID;
	k = 1;
	while (k + 1 <= n && hop_ij(ix, a, n, k, k + 1) == ASPA_HOP_PROVIDER)
		k++;
	l = n;
	while (l - 1 >= 1 && hop_ij(ix, a, n, l, l - 1) == ASPA_HOP_PROVIDER)
		l--;
	return l <= k + 1 ? ASPA_VALID : ASPA_UNKNOWN;
}

#define STACK_ASNS	256

enum aspa_state
aspa_verify(const struct aspa_index *ix, const struct as_path *path,
    enum aspa_direction dir)
{
	uint32_t buf[STACK_ASNS], *a = buf;
	size_t total = 0, n = 0, s, k;
	enum aspa_state st;

	for (s = 0; s < path->nseg; s++) {
		const struct as_segment *g = &path->segs[s];

		if (g->type == AS_SET)
			return ASPA_INVALID;
		if (g->type == AS_SEQUENCE)
			total += g->count;
	}
	if (total == 0)
		return ASPA_INVALID;
	if (total > STACK_ASNS)
		a = xreallocarray(NULL, total, sizeof(*a));
	/* Collapse prepends: consecutive duplicates, across segments too. */
	for (s = 0; s < path->nseg; s++) {
		const struct as_segment *g = &path->segs[s];

		if (g->type != AS_SEQUENCE)
			continue;
		for (k = 0; k < g->count; k++)
			if (n == 0 || a[n - 1] != g->asns[k])
				a[n++] = g->asns[k];
	}
	if (dir == ASPA_UPSTREAM)
		st = upstream(ix, a, n);
	else
		st = downstream(ix, a, n);
	if (a != buf)
		free(a);
	return st;
}

const char *
aspa_state_str(enum aspa_state s)
{
	switch (s) {
	case ASPA_UNKNOWN:
		return "unknown";
	case ASPA_VALID:
		return "valid";
	case ASPA_INVALID:
		return "invalid";
	}
	return "?";
}
