/* The RTR client's live VRP set: see rtr_set.h. */
#include <stdlib.h>
#include <string.h>

#include "base/hash.h"
#include "base/limits.h"
#include "base/xmalloc.h"
#include "rtr_set.h"

static size_t
vrp_hash(const struct vrp *v)
{
	uint8_t k[23];

	k[0] = v->pfx.afi;
	k[1] = v->pfx.len;
	k[2] = v->maxlen;
	memcpy(k + 3, &v->asn, 4);
	memcpy(k + 7, v->pfx.b, 16);
	return (size_t)hash_bytes(k, sizeof(k), 0);
}

static bool
vrp_same(const struct vrp *a, const struct vrp *b)
{
	return a->asn == b->asn && a->maxlen == b->maxlen &&
	    prefix_equal(&a->pfx, &b->pfx);
}

/* The slot holding v, or the empty one where it would go. */
static size_t
find(const struct rtr_set *s, const struct vrp *v)
{
	size_t i = vrp_hash(v) & (s->cap - 1);

	while (s->tab[i].used && !vrp_same(&s->tab[i].v, v))
		i = (i + 1) & (s->cap - 1);
	return i;
}

static void
grow(struct rtr_set *s)
{
	struct rtr_slot *old = s->tab;
	size_t oldcap = s->cap, i;

	s->cap = oldcap ? oldcap * 2 : 1024;
	s->tab = xcalloc(s->cap, sizeof(*s->tab));
	for (i = 0; i < oldcap; i++)
		if (old[i].used)
			s->tab[find(s, &old[i].v)] = old[i];
	free(old);
}

void
rtr_set_init(struct rtr_set *s)
{
	memset(s, 0, sizeof(*s));
}

void
rtr_set_free(struct rtr_set *s)
{
	free(s->tab);
	rtr_set_init(s);
}

bool
rtr_set_add(struct rtr_set *s, const struct vrp *v)
{
	struct vrp k = *v;
	size_t i;

	k.ta = 0;
	if (s->cap > 0 && s->tab[i = find(s, &k)].used)
		return false;
	if (s->n >= MAX_VRPS) {
		s->dropped++;
		return false;
	}
	if ((s->n + 1) * 2 > s->cap)	/* at most half full */
		grow(s);
	i = find(s, &k);
	s->tab[i].v = k;
	s->tab[i].used = true;
	s->n++;
	return true;
}

bool
rtr_set_remove(struct rtr_set *s, const struct vrp *v)
{
	size_t i, j, home, mask = s->cap - 1;

	if (s->cap == 0 || !s->tab[i = find(s, v)].used)
		return false;
	/*
	 * Walk the run after the hole; an entry whose home slot is not
	 * cyclically within (hole, its slot] moves into the hole.
	 */
	for (j = (i + 1) & mask; s->tab[j].used; j = (j + 1) & mask) {
		home = vrp_hash(&s->tab[j].v) & mask;
		if (((j - home) & mask) >= ((j - i) & mask)) {
			s->tab[i] = s->tab[j];
			i = j;
		}
	}
	s->tab[i].used = false;
	s->n--;
	return true;
}

static int
vrp_order(const void *a, const void *b)
{
	const struct vrp *x = a, *y = b;
	int r = prefix_cmp(&x->pfx, &y->pfx);

	if (r != 0)
		return r;
	if (x->maxlen != y->maxlen)
		return x->maxlen < y->maxlen ? -1 : 1;
	return x->asn < y->asn ? -1 : x->asn > y->asn;
}

size_t
rtr_set_export(const struct rtr_set *s, struct vrp_set *out)
{
	size_t i, n0 = out->nvrps, need = out->nvrps + s->n;

	if (need > out->capvrps) {
		out->vrps = xreallocarray(out->vrps, need, sizeof(*out->vrps));
		out->capvrps = need;
	}
	for (i = 0; i < s->cap; i++)
		if (s->tab[i].used)
			out->vrps[out->nvrps++] = s->tab[i].v;
	if (out->nvrps > n0)
		qsort(out->vrps + n0, out->nvrps - n0, sizeof(*out->vrps),
		    vrp_order);
	return out->nvrps - n0;
}
