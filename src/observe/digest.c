/* An incident's events in summary, and the sample kept (digest.h). */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"
#include "observe/digest.h"

/* An event by its route's (prefix, origin). */
struct digest_key {
	struct prefix	p;
	uint32_t	origin;
	uint32_t	idx;		/* offset in the incident's events */
};

/* An event in the sample's order: start, prefix text, offset. */
struct digest_sel {
	int64_t		start;
	uint32_t	rank;		/* of its prefix's text */
	uint32_t	idx;
};

void
digest_init(struct digest *d)
{
	memset(d, 0, sizeof(*d));
}

void
digest_free(struct digest *d)
{
	free(d->pfx);
	free(d->sample);
	free(d->key);
	free(d->peer);
	free(d->group);
	free(d->sel);
	digest_init(d);
}

static int
key_cmp(const void *a, const void *b)
{
	const struct digest_key *x = a, *y = b;
	int c = prefix_cmp(&x->p, &y->p);

	if (c != 0)
		return c;
	if (x->origin != y->origin)
		return x->origin < y->origin ? -1 : 1;
	return (x->idx > y->idx) - (x->idx < y->idx);
}

static int
u32_cmp(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x > y) - (x < y);
}

static int
text_cmp(const void *a, const void *b)
{
	const struct digest_prefix *x = a, *y = b;
	int c = strcmp(x->text, y->text);

	if (c != 0)
		return c;
	return (x->origin > y->origin) - (x->origin < y->origin);
}

static int
sel_cmp(const void *a, const void *b)
{
	const struct digest_sel *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	return (x->idx > y->idx) - (x->idx < y->idx);
}

static void
reserve(struct digest *d, size_t n)
{
	if (n <= d->cap)
		return;
	d->cap = n + n / 2;
	d->key = xreallocarray(d->key, d->cap, sizeof(*d->key));
	d->peer = xreallocarray(d->peer, d->cap, sizeof(*d->peer));
	d->group = xreallocarray(d->group, d->cap, sizeof(*d->group));
	d->sel = xreallocarray(d->sel, d->cap, sizeof(*d->sel));
}

/* Room for the sample: at most max events. */
static void
reserve_sample(struct digest *d, size_t n)
{
	if (n <= d->sample_cap)
		return;
	d->sample_cap = n;
	d->sample = xreallocarray(d->sample, n, sizeof(*d->sample));
}

/* Distinct peers. */
static size_t
count_peers(uint32_t *peer, size_t n)
{
	size_t i, k = 0;

	qsort(peer, n, sizeof(*peer), u32_cmp);
	for (i = 0; i < n; i++)
		k += i == 0 || peer[i] != peer[i - 1];
	return k;
}

/*
 * The (prefix, origin) rows, in text order; group[i] becomes the rank
 * of event i's prefix text.  Counts the distinct prefixes on the way.
 */
static void
group_prefixes(struct digest *d, const struct event *ev, size_t n)
{
	uint32_t *rank = d->peer;	/* free again after count_peers */
	uint32_t t;
	size_t i, k;

	qsort(d->key, n, sizeof(*d->key), key_cmp);
	d->npfx = d->prefixes = 0;
	for (i = 0; i < n; i++) {
		const struct digest_key *x = &d->key[i];
		const struct event *e = &ev[x->idx];
		struct digest_prefix *r;

		if (i == 0 || prefix_cmp(&x->p, &d->key[i - 1].p) != 0)
			d->prefixes++;
		else if (x->origin == d->key[i - 1].origin) {
			r = &d->pfx[d->npfx - 1];
			r->first = e->start < r->first ? e->start : r->first;
			r->last = e->end > r->last ? e->end : r->last;
			r->events++;
			d->group[x->idx] = (uint32_t)(d->npfx - 1);
			continue;
		}
		if (d->npfx == d->pfx_cap) {
			d->pfx_cap = d->pfx_cap ? d->pfx_cap * 2 : 64;
			d->pfx = xreallocarray(d->pfx, d->pfx_cap,
			    sizeof(*d->pfx));
		}
		r = &d->pfx[d->npfx];
		r->p = x->p;
		prefix_fmt(&x->p, r->text);
		r->origin = x->origin;
		r->first = e->start;
		r->last = e->end;
		r->events = 1;
		r->id = (uint32_t)d->npfx;
		d->group[x->idx] = (uint32_t)d->npfx++;
	}
	/* Rank by text alone: origins of one prefix tie (a report's order). */
	qsort(d->pfx, d->npfx, sizeof(*d->pfx), text_cmp);
	for (k = 0, t = 0; k < d->npfx; k++) {
		if (k > 0 && strcmp(d->pfx[k].text, d->pfx[k - 1].text) != 0)
			t++;
		rank[d->pfx[k].id] = t;
	}
	for (i = 0; i < n; i++)
		d->group[i] = rank[d->group[i]];
}

/*
 * The first max events by (start, prefix text, offset).  Events come
 * sorted by start, so only those sharing the start of the max-th need
 * sorting; otherwise all of them are.
 */
static void
choose(struct digest *d, const struct event *ev, size_t n, size_t max)
{
	size_t i, g0 = 0, g1 = n, m;
	bool sorted = true;

	d->nsample = 0;
	reserve_sample(d, n < max ? n : max);
	if (n <= max) {
		for (i = 0; i < n; i++)
			d->sample[d->nsample++] = i;
		return;
	}
	if (max == 0)
		return;
	for (i = 1; i < n && sorted; i++)
		sorted = ev[i].start >= ev[i - 1].start;
	if (sorted) {
		for (g0 = max - 1; g0 > 0 && ev[g0 - 1].start ==
		    ev[max - 1].start; g0--)
			;
		for (g1 = max; g1 < n && ev[g1].start == ev[max - 1].start;
		    g1++)
			;
	}
	for (i = g0, m = 0; i < g1; i++, m++) {
		d->sel[m].start = ev[i].start;
		d->sel[m].rank = d->group[i];
		d->sel[m].idx = (uint32_t)i;
	}
	qsort(d->sel, m, sizeof(*d->sel), sel_cmp);
	for (i = 0; i < g0; i++)
		d->sample[d->nsample++] = i;
	/* The rest in event order: they become rows in that order. */
	for (i = 0; i < max - g0; i++)
		d->group[i] = d->sel[i].idx;
	qsort(d->group, max - g0, sizeof(*d->group), u32_cmp);
	for (i = 0; i < max - g0; i++)
		d->sample[d->nsample++] = d->group[i];
}

void
digest_incident(struct digest *d, const struct event *ev, size_t n,
    size_t max, digest_route_fn route, void *ctx)
{
	size_t i;

	reserve(d, n);
	d->events = n;
	for (i = 0; i < n; i++) {
		uint32_t origin;

		route(ctx, &ev[i], &d->peer[i], &origin);
		d->key[i].p = ev[i].prefix;
		d->key[i].origin = origin;
		d->key[i].idx = (uint32_t)i;
	}
	d->peers = count_peers(d->peer, n);
	group_prefixes(d, ev, n);
	choose(d, ev, n, max);
}
