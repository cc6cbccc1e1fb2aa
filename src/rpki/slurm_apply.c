/*
 * SLURM filters and assertions over a VRP set; see slurm_apply.h.
 *
 * Prefix filters are indexed so a set of 600 k VRPs is filtered in one
 * pass: AS-only filters in a sorted array, filters with a prefix sorted
 * by prefix, with a note of which lengths occur per family; a VRP is
 * looked up once per such length that is not longer than its own.
 * Router keys are few (and come only from SLURM today): plain loops.
 */
#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"
#include "rpki/slurm_apply.h"

struct pfx_index {
	const struct slurm_pfx_filter	**byp;	/* with a prefix, sorted */
	size_t				  nbyp;
	uint32_t			 *asns;	/* AS only, sorted */
	size_t				  nasns;
	bool				  lens[2][129];	/* [IPv4, IPv6][len] */
};

static int
u32_cmp(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

static int
filter_cmp(const void *a, const void *b)
{
	const struct slurm_pfx_filter *x = *(const struct slurm_pfx_filter *
	    const *)a, *y = *(const struct slurm_pfx_filter *const *)b;

	return prefix_cmp(&x->pfx, &y->pfx);
}

/* The first filter whose prefix is not below p (bisection). */
static size_t
lower_bound(const struct pfx_index *ix, const struct prefix *p)
{
	size_t lo = 0, hi = ix->nbyp;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (prefix_cmp(&ix->byp[mid]->pfx, p) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static bool
drop_vrp(const struct vrp *v, void *arg)
{
	const struct pfx_index *ix = arg;
	const bool *lens;
	unsigned l;

	if (ix->nasns > 0 && bsearch(&v->asn, ix->asns, ix->nasns,
	    sizeof(*ix->asns), u32_cmp) != NULL)
		return true;
	if (v->pfx.afi != AFI_IPV4 && v->pfx.afi != AFI_IPV6)
		return false;
	lens = ix->lens[v->pfx.afi == AFI_IPV6];
	for (l = 0; l <= v->pfx.len; l++) {
		struct prefix m;
		size_t i;

		if (!lens[l])
			continue;
		m = v->pfx;
		m.len = (uint8_t)l;
		(void)prefix_mask(&m);
		for (i = lower_bound(ix, &m); i < ix->nbyp &&
		    prefix_equal(&ix->byp[i]->pfx, &m); i++)
			if (!ix->byp[i]->has_asn || ix->byp[i]->asn == v->asn)
				return true;
	}
	return false;
}

static size_t
filter_vrps(const struct slurm *sl, struct vrp_set *set)
{
	struct pfx_index ix;
	size_t i, n;

	if (sl->npfx_filters == 0)
		return 0;
	memset(&ix, 0, sizeof(ix));
	ix.byp = xreallocarray(NULL, sl->npfx_filters, sizeof(*ix.byp));
	ix.asns = xreallocarray(NULL, sl->npfx_filters, sizeof(*ix.asns));
	for (i = 0; i < sl->npfx_filters; i++) {
		const struct slurm_pfx_filter *f = &sl->pfx_filters[i];

		if (f->pfx.afi == AFI_NONE) {
			ix.asns[ix.nasns++] = f->asn;
			continue;
		}
		ix.byp[ix.nbyp++] = f;
		ix.lens[f->pfx.afi == AFI_IPV6][f->pfx.len] = true;
	}
	qsort(ix.asns, ix.nasns, sizeof(*ix.asns), u32_cmp);
	qsort(ix.byp, ix.nbyp, sizeof(*ix.byp), filter_cmp);
	n = vrp_set_filter(set, drop_vrp, &ix);
	free(ix.byp);
	free(ix.asns);
	return n;
}

static int
vrp_cmp(const struct vrp *x, const struct vrp *y)
{
	int c = prefix_cmp(&x->pfx, &y->pfx);

	if (c != 0)
		return c;
	if (x->maxlen != y->maxlen)
		return x->maxlen < y->maxlen ? -1 : 1;
	return x->asn < y->asn ? -1 : x->asn > y->asn;
}

/* An assertion and its place in the file, to sort and look up. */
struct ent {
	struct vrp	v;
	size_t		i;
};

static int
ent_cmp(const void *a, const void *b)
{
	const struct ent *x = a, *y = b;
	int c = vrp_cmp(&x->v, &y->v);

	if (c != 0)
		return c;
	return x->i < y->i ? -1 : x->i > y->i;
}

static void
add_vrps(const struct slurm *sl, struct vrp_set *set,
    struct slurm_counts *cnt)
{
	size_t n = sl->npfx_asserts, i;
	struct ent *e;
	bool *skip;

	if (n == 0)
		return;
	e = xreallocarray(NULL, n, sizeof(*e));
	skip = xcalloc(n, sizeof(*skip));
	for (i = 0; i < n; i++) {
		e[i].v = sl->pfx_asserts[i];
		e[i].i = i;
	}
	qsort(e, n, sizeof(*e), ent_cmp);
	/* Given twice in the file: the first is kept. */
	for (i = 1; i < n; i++)
		if (vrp_cmp(&e[i - 1].v, &e[i].v) == 0)
			skip[e[i].i] = true;
	/* Already in the set. */
	for (i = 0; i < set->nvrps; i++) {
		size_t lo = 0, hi = n;

		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			int c = vrp_cmp(&e[mid].v, &set->vrps[i]);

			if (c == 0) {
				skip[e[mid].i] = true;
				break;
			}
			if (c < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
	}
	for (i = 0; i < n; i++) {
		if (skip[i])
			cnt->vrps_present++;
		else if (vrp_set_add(set, &sl->pfx_asserts[i]))
			cnt->vrps_added++;
		else
			cnt->over_limit++;
	}
	free(e);
	free(skip);
}

static bool
drop_key(const struct router_key *k, void *arg)
{
	const struct slurm *sl = arg;
	size_t i;

	for (i = 0; i < sl->nkey_filters; i++) {
		const struct slurm_key_filter *f = &sl->key_filters[i];

		if ((!f->has_asn || f->asn == k->asn) && (!f->has_ski ||
		    memcmp(f->ski, k->ski, ROUTER_SKI_LEN) == 0))
			return true;
	}
	return false;
}

static bool
key_equal(const struct router_key *x, const struct router_key *y)
{
	return x->asn == y->asn && x->spki_len == y->spki_len &&
	    memcmp(x->ski, y->ski, ROUTER_SKI_LEN) == 0 &&
	    memcmp(x->spki, y->spki, x->spki_len) == 0;
}

static void
add_keys(const struct slurm *sl, struct vrp_set *set,
    struct slurm_counts *cnt)
{
	size_t i, j;

	for (i = 0; i < sl->nkey_asserts; i++) {
		const struct router_key *k = &sl->key_asserts[i];

		/* The set holds the earlier assertions too. */
		for (j = 0; j < set->nkeys; j++)
			if (key_equal(&set->keys[j], k))
				break;
		if (j < set->nkeys)
			cnt->keys_present++;
		else if (vrp_set_add_key(set, k))
			cnt->keys_added++;
		else
			cnt->over_limit++;
	}
}

void
slurm_apply(const struct slurm *sl, struct vrp_set *set,
    struct slurm_counts *cnt)
{
	memset(cnt, 0, sizeof(*cnt));
	cnt->vrps_filtered = filter_vrps(sl, set);
	if (sl->nkey_filters > 0)
		cnt->keys_filtered = vrp_set_filter_keys(set, drop_key,
		    (void *)(uintptr_t)sl);
	add_vrps(sl, set, cnt);
	add_keys(sl, set, cnt);
}
