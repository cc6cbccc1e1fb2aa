#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"
#include "imap.h"

/* A boundary: paint i starts at pos (start) or ends just before it. */
struct event {
	u128		pos;
	uint32_t	paint;
	bool		start;
};

static int
event_cmp(const void *a, const void *b)
{
	const struct event *x = a, *y = b;

	if (x->pos != y->pos)
		return x->pos < y->pos ? -1 : 1;
	return (int)x->start - (int)y->start;	/* ends first */
}

/* A max-heap of active paint indices by priority, deleted lazily. */
struct heap {
	uint32_t	*v;
	size_t		 n;
	const struct paint *p;
};

static bool
heap_less(const struct heap *h, size_t a, size_t b)
{
	return h->p[h->v[a]].prio < h->p[h->v[b]].prio;
}

static void
heap_push(struct heap *h, uint32_t i)
{
	size_t c = h->n++;

	h->v[c] = i;
	while (c > 0 && heap_less(h, (c - 1) / 2, c)) {
		uint32_t t = h->v[c];

		h->v[c] = h->v[(c - 1) / 2];
		h->v[(c - 1) / 2] = t;
		c = (c - 1) / 2;
	}
}

static void
heap_pop(struct heap *h)
{
	size_t c = 0;

	h->v[0] = h->v[--h->n];
	for (;;) {
		size_t l = 2 * c + 1, r = l + 1, m = c;
		uint32_t t;

		if (l < h->n && heap_less(h, m, l))
			m = l;
		if (r < h->n && heap_less(h, m, r))
			m = r;
		if (m == c)
			return;
		t = h->v[c];
		h->v[c] = h->v[m];
		h->v[m] = t;
		c = m;
	}
}

static void
emit(struct imap *m, size_t *cap, u128 first, u128 last, uint32_t val)
{
	if (val == 0)
		return;
	if (m->n > 0 && m->segs[m->n - 1].val == val &&
	    m->segs[m->n - 1].last + 1 == first) {
		m->segs[m->n - 1].last = last;
		return;
	}
	if (m->n == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		m->segs = xreallocarray(m->segs, *cap, sizeof(*m->segs));
	}
	m->segs[m->n].first = first;
	m->segs[m->n].last = last;
	m->segs[m->n].val = val;
	m->n++;
}

void
imap_build(struct imap *m, struct paint *p, size_t n)
{
	struct event *ev = xreallocarray(NULL, 2 * n + 1, sizeof(*ev));
	bool *ended = xcalloc(n + 1, sizeof(*ended));
	struct heap h = { xreallocarray(NULL, n + 1, sizeof(uint32_t)), 0, p };
	size_t nev = 0, i, cap = 0;
	u128 pos = 0;

	memset(m, 0, sizeof(*m));
	for (i = 0; i < n; i++) {
		ev[nev++] = (struct event){ p[i].first, (uint32_t)i, true };
		/* A paint reaching the top of the space never ends. */
		if (p[i].last != ~(u128)0)
			ev[nev++] = (struct event){ p[i].last + 1,
			    (uint32_t)i, false };
	}
	qsort(ev, nev, sizeof(*ev), event_cmp);
	for (i = 0; i < nev;) {
		u128 at = ev[i].pos;

		/* The winner on [pos, at - 1] is the heap top. */
		while (h.n > 0 && ended[h.v[0]])
			heap_pop(&h);
		if (h.n > 0 && at > pos)
			emit(m, &cap, pos, at - 1, p[h.v[0]].val);
		for (; i < nev && ev[i].pos == at; i++) {
			if (ev[i].start)
				heap_push(&h, ev[i].paint);
			else
				ended[ev[i].paint] = true;
		}
		pos = at;
	}
	while (h.n > 0 && ended[h.v[0]])
		heap_pop(&h);
	if (h.n > 0)
		emit(m, &cap, pos, ~(u128)0, p[h.v[0]].val);
	free(ev);
	free(ended);
	free(h.v);
}

void
imap_free(struct imap *m)
{
	if (m == NULL)
		return;
	free(m->segs);
	memset(m, 0, sizeof(*m));
}

size_t
imap_lower(const struct imap *m, u128 v)
{
	size_t lo = 0, hi = m->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (m->segs[mid].last < v)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

const struct seg *
imap_find(const struct imap *m, u128 v)
{
	size_t i = imap_lower(m, v);

	if (i < m->n && m->segs[i].first <= v)
		return &m->segs[i];
	return NULL;
}

void
imap_walk(const struct imap *const *maps, unsigned k, u128 lo, u128 hi,
    imap_walk_cb *cb, void *arg)
{
	size_t idx[IMAP_WALK_MAX];
	uint32_t vals[IMAP_WALK_MAX];
	unsigned j;
	u128 pos = lo;

	if (k > IMAP_WALK_MAX)
		k = IMAP_WALK_MAX;
	for (j = 0; j < k; j++)
		idx[j] = imap_lower(maps[j], lo);
	for (;;) {
		u128 end = hi;
		bool any = false;

		/* Each map's value at pos and where it next changes. */
		for (j = 0; j < k; j++) {
			const struct imap *m = maps[j];

			while (idx[j] < m->n && m->segs[idx[j]].last < pos)
				idx[j]++;
			vals[j] = 0;
			if (idx[j] == m->n)
				continue;
			if (m->segs[idx[j]].first <= pos) {
				vals[j] = m->segs[idx[j]].val;
				any = true;
				if (m->segs[idx[j]].last < end)
					end = m->segs[idx[j]].last;
			} else if (m->segs[idx[j]].first - 1 < end)
				end = m->segs[idx[j]].first - 1;
		}
		if (any)
			cb(arg, pos, end, vals);
		if (end >= hi)
			return;
		pos = end + 1;
	}
}
