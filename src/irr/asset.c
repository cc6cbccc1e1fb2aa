#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "asset.h"
#include "base/arena.h"
#include "base/hash.h"
#include "base/limits.h"
#include "base/xmalloc.h"
#include "net/asn.h"

/* Longest set name (with its source qualifier) looked at. */
#define SET_NAME_MAX	256

struct set_obj {
	const char	*name;		/* upper case, no source */
	const char	*members;	/* NUL-separated items, as written */
	uint32_t	 nmembers;
	uint32_t	 line;
	uint16_t	 source;
	uint16_t	 file;
	bool		 route_set;
	uint32_t	 next;		/* same name, other source; 0: none */
};

struct irr_sets {
	struct irr_index *idx;
	struct arena	 mem;
	struct set_obj	*sets;		/* [0] unused: 0 means none */
	size_t		 nsets, cap;
	uint32_t	*slots;		/* hash of name -> first set */
	size_t		 nslots;
	uint32_t	*autnums;
	size_t		 nautnums, autcap;
	bool		 aut_sorted;
};

static const char *const finding_str[IRR_FIND_MAX] = {
	[IRR_FIND_CYCLE] = "cycle",
	[IRR_FIND_DEPTH] = "depth-cut",
	[IRR_FIND_SIZE] = "size-cut",
	[IRR_FIND_UNKNOWN_SET] = "unknown-set",
	[IRR_FIND_UNREGISTERED] = "unregistered-asn",
	[IRR_FIND_BAD_MEMBER] = "bad-member",
	[IRR_FIND_WRONG_CLASS] = "wrong-class",
};

const char *
irr_finding_str(enum irr_finding_kind k)
{
	return (unsigned)k < IRR_FIND_MAX ? finding_str[k] : "?";
}

struct irr_sets *
irr_sets_new(struct irr_index *idx)
{
	struct irr_sets *s = xcalloc(1, sizeof(*s));

	s->idx = idx;
	arena_init(&s->mem, 256 * 1024);
	s->nsets = 1;
	return s;
}

void
irr_sets_free(struct irr_sets *s)
{
	if (s == NULL)
		return;
	arena_free(&s->mem);
	free(s->sets);
	free(s->slots);
	free(s->autnums);
	free(s);
}

size_t
irr_sets_count(const struct irr_sets *s)
{
	return s->nsets - 1;
}

size_t
irr_sets_autnums(const struct irr_sets *s)
{
	return s->nautnums;
}

static char
upper(char c)
{
	return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
}

/* "AS" and an ASN, any case. */
static bool
parse_as(const char *s, size_t n, uint32_t *asn)
{
	const char *why;

	if (n < 3 || upper(s[0]) != 'A' || upper(s[1]) != 'S')
		return false;
	return asn_parse(s + 2, n - 2, asn, &why);
}

/*
 * A set name (RFC 2622 5.1): ':'-separated components, each an ASN or a
 * name starting with prefix ("AS-" or "RS-"), at least one of the latter.
 */
static bool
valid_set_name(const char *s, size_t n, const char *prefix)
{
	size_t i = 0, j, k;
	bool named = false;
	uint32_t asn;

	if (n == 0 || n > SET_NAME_MAX)
		return false;
	while (i <= n) {
		for (j = i; j < n && s[j] != ':'; j++)
			;
		if (j == i)
			return false;
		if (j - i > 3 && strncasecmp(s + i, prefix, 3) == 0) {
			for (k = i + 3; k < j; k++)
				if (!((s[k] >= 'a' && s[k] <= 'z') ||
				    (s[k] >= 'A' && s[k] <= 'Z') ||
				    (s[k] >= '0' && s[k] <= '9') ||
				    s[k] == '-' || s[k] == '_'))
					return false;
			named = true;
		} else if (!parse_as(s + i, j - i, &asn))
			return false;
		i = j + 1;
	}
	return named;
}

static uint64_t
name_hash(const char *s)
{
	return hash_bytes(s, strlen(s), 0x5e75);
}

static void
slots_grow(struct irr_sets *s)
{
	size_t n = s->nslots > 0 ? s->nslots * 2 : 1024, i;
	uint32_t *slots = xcalloc(n, sizeof(*slots));

	for (i = 1; i < s->nsets; i++) {
		size_t h;

		h = name_hash(s->sets[i].name) & (n - 1);
		while (slots[h] != 0 && strcmp(s->sets[slots[h]].name,
		    s->sets[i].name) != 0)
			h = (h + 1) & (n - 1);
		if (slots[h] == 0)
			slots[h] = (uint32_t)i;
	}
	free(s->slots);
	s->slots = slots;
	s->nslots = n;
}

/* The table slot of name: holds the first set so named, or 0. */
static uint32_t *
slot_of(const struct irr_sets *s, const char *name)
{
	size_t h;

	if (s->nslots == 0)
		return NULL;
	h = name_hash(name) & (s->nslots - 1);
	while (s->slots[h] != 0 && strcmp(s->sets[s->slots[h]].name,
	    name) != 0)
		h = (h + 1) & (s->nslots - 1);
	return &s->slots[h];
}

static bool
add_autnum(struct irr_sets *s, const struct rpsl_object *o, const char **why)
{
	uint32_t asn;

	if (!parse_as(o->key, strlen(o->key), &asn)) {
		*why = "aut-num: is not \"AS\" and a number";
		return false;
	}
	if (s->nautnums == s->autcap) {
		s->autcap = s->autcap > 0 ? s->autcap * 2 : 1024;
		s->autnums = xreallocarray(s->autnums, s->autcap,
		    sizeof(*s->autnums));
	}
	s->autnums[s->nautnums++] = asn;
	s->aut_sorted = false;
	return true;
}

static int
u32_cmp(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

bool
irr_sets_has_autnum(struct irr_sets *s, uint32_t asn)
{
	if (!s->aut_sorted) {
		if (s->nautnums > 0)
			qsort(s->autnums, s->nautnums, sizeof(*s->autnums),
			    u32_cmp);
		s->aut_sorted = true;
	}
	return s->nautnums > 0 && bsearch(&asn, s->autnums, s->nautnums,
	    sizeof(asn), u32_cmp) != NULL;
}

/*
 * The next item of the object's members: and mp-members: lists; *ai and
 * *v (0 and NULL at the start) keep the place.
 */
static bool
next_member(const struct rpsl_object *o, size_t *ai, const char **v,
    const char **item, size_t *len)
{
	for (;;) {
		if (*v != NULL && rpsl_list_next(v, item, len))
			return true;
		*v = NULL;
		for (; *ai < o->nattrs && *v == NULL; (*ai)++)
			if (strcmp(o->attrs[*ai].name, "members") == 0 ||
			    strcmp(o->attrs[*ai].name, "mp-members") == 0)
				*v = o->attrs[*ai].value;
		if (*v == NULL)
			return false;
	}
}

bool
irr_sets_add(struct irr_sets *s, const struct rpsl_object *o,
    unsigned source, unsigned file, const char **why)
{
	struct set_obj *so;
	size_t klen, total = 0, i, len, ai = 0;
	uint32_t n = 0, *slot;
	const char *v = NULL, *item;
	bool rs;
	char *name, *m;

	if (strcmp(o->class, "aut-num") == 0)
		return add_autnum(s, o, why);
	if (strcmp(o->class, "as-set") == 0)
		rs = false;
	else if (strcmp(o->class, "route-set") == 0)
		rs = true;
	else
		return true;
	klen = strlen(o->key);
	if (!valid_set_name(o->key, klen, rs ? "RS-" : "AS-")) {
		*why = rs ? "bad route-set name (RFC 2622 5.2)" :
		    "bad as-set name (RFC 2622 5.1)";
		return false;
	}
	while (next_member(o, &ai, &v, &item, &len)) {
		total += len + 1;
		n++;
	}
	if (n > MAX_IRR_SET_MEMBERS) {
		*why = "more than MAX_IRR_SET_MEMBERS members";
		return false;
	}
	if (s->nsets == UINT32_MAX - 1) {
		*why = "too many sets";
		return false;
	}
	name = arena_alloc(&s->mem, klen + 1);
	for (i = 0; i < klen; i++)
		name[i] = upper(o->key[i]);
	name[klen] = '\0';
	m = arena_alloc(&s->mem, total > 0 ? total : 1);
	if (s->nsets >= s->cap) {
		s->cap = s->cap > 0 ? s->cap * 2 : 1024;
		s->sets = xreallocarray(s->sets, s->cap, sizeof(*s->sets));
	}
	so = &s->sets[s->nsets];
	memset(so, 0, sizeof(*so));
	so->name = name;
	so->members = m;
	so->nmembers = n;
	so->line = o->line;
	so->source = (uint16_t)source;
	so->file = (uint16_t)file;
	so->route_set = rs;
	ai = 0;
	v = NULL;
	while (next_member(o, &ai, &v, &item, &len)) {
		memcpy(m, item, len);
		m[len] = '\0';
		m += len + 1;
	}
	if ((s->nsets + 1) * 2 > s->nslots)
		slots_grow(s);	/* rehashes the sets before this one */
	slot = slot_of(s, name);
	if (*slot == 0)
		*slot = (uint32_t)s->nsets;
	else {
		uint32_t k = *slot;

		while (s->sets[k].next != 0)
			k = s->sets[k].next;
		s->sets[k].next = (uint32_t)s->nsets;
	}
	s->nsets++;
	return true;
}

/* ---- expansion ---- */

/* A set of fixed-size keys, kept in insertion order in keys[]. */
struct kset {
	uint8_t		*keys;
	size_t		 ksize, n, kcap;
	uint32_t	*slots;		/* index + 1, 0 empty */
	size_t		 nslots;
};

static void
kset_init(struct kset *k, size_t ksize)
{
	memset(k, 0, sizeof(*k));
	k->ksize = ksize;
}

static void
kset_put(struct kset *k, uint32_t idx)
{
	size_t h = hash_bytes(k->keys + idx * k->ksize, k->ksize, 1) &
	    (k->nslots - 1);

	while (k->slots[h] != 0)
		h = (h + 1) & (k->nslots - 1);
	k->slots[h] = idx + 1;
}

/* True if key was new. */
static bool
kset_add(struct kset *k, const void *key)
{
	size_t h, i;

	if (k->nslots > 0) {
		h = hash_bytes(key, k->ksize, 1) & (k->nslots - 1);
		while (k->slots[h] != 0) {
			if (memcmp(k->keys + (k->slots[h] - 1) * k->ksize,
			    key, k->ksize) == 0)
				return false;
			h = (h + 1) & (k->nslots - 1);
		}
	}
	if (k->n == k->kcap) {
		k->kcap = k->kcap > 0 ? k->kcap * 2 : 256;
		k->keys = xreallocarray(k->keys, k->kcap, k->ksize);
	}
	memcpy(k->keys + k->n * k->ksize, key, k->ksize);
	k->n++;
	if (k->n * 2 > k->nslots) {
		free(k->slots);
		k->nslots = k->nslots > 0 ? k->nslots * 2 : 512;
		k->slots = xcalloc(k->nslots, sizeof(*k->slots));
		for (i = 0; i < k->n; i++)
			kset_put(k, (uint32_t)i);
	} else
		kset_put(k, (uint32_t)(k->n - 1));
	return true;
}

struct expand_mem {
	struct arena	a;
};

struct expander {
	struct irr_sets		*s;
	struct irr_expansion	*x;
	const struct irr_expand_opts *o;
	unsigned		 max_depth;
	size_t			 max_size;
	uint8_t			*state;	/* per set: ST_* bits */
	uint32_t		*queue;	/* breadth-first: sets to expand */
	uint8_t			*level;	/* ... and their levels */
	size_t			 qhead, qtail;
	struct kset		 asns, ranges;
	bool			 stop;
};

#define ST_QUEUED	1u	/* reached within max_depth: expanded */
#define ST_ON_PATH	2u	/* cycle search: on the current path */
#define ST_DONE		4u	/* cycle search: finished */

static const char *
set_label(struct expander *e, uint32_t si)
{
	const struct set_obj *so = &e->s->sets[si];
	const char *src = irr_index_source_name(e->s->idx, so->source);
	size_t n = strlen(src) + 2 + strlen(so->name) + 1;
	char *p = arena_alloc(&e->x->mem->a, n);

	snprintf(p, n, "%s::%s", src, so->name);
	return p;
}

static void
finding(struct expander *e, enum irr_finding_kind k, uint32_t si,
    const char *member, size_t mlen)
{
	struct irr_finding *f;

	e->x->counts[k]++;
	if (e->x->nfindings >= MAX_IRR_FINDINGS)
		return;
	if (e->x->nfindings % 64 == 0)
		e->x->findings = xreallocarray(e->x->findings,
		    e->x->nfindings + 64, sizeof(*e->x->findings));
	f = &e->x->findings[e->x->nfindings++];
	f->kind = k;
	f->set = si != 0 ? set_label(e, si) : e->x->name;
	f->member = arena_memdup(&e->x->mem->a, member, mlen + 1);
	((char *)(uintptr_t)f->member)[mlen] = '\0';
}

/* Stop at the size cap; true if there is room for one more item. */
static bool
room(struct expander *e, uint32_t si, const char *m, size_t mlen)
{
	size_t have = e->o->prefixes ? e->ranges.n : e->asns.n;

	if (have < e->max_size)
		return true;
	e->stop = true;
	e->x->cut = true;
	finding(e, IRR_FIND_SIZE, si, m, mlen);
	return false;
}

static void
add_range(struct expander *e, const struct irr_range *r)
{
	struct irr_range k;

	memset(&k, 0, sizeof(k));
	k.pfx = r->pfx;
	k.lo = r->lo;
	k.hi = r->hi;
	kset_add(&e->ranges, &k);
}

static void
add_asn(struct expander *e, uint32_t si, uint32_t asn, const char *m,
    size_t mlen)
{
	const struct irr_route *routes;
	const uint32_t *ix;
	size_t n, i, nr;

	if (!irr_sets_has_autnum(e->s, asn) &&
	    !irr_index_has_origin(e->s->idx, asn))
		finding(e, IRR_FIND_UNREGISTERED, si, m, mlen);
	if (!e->o->prefixes) {
		if (room(e, si, m, mlen))
			kset_add(&e->asns, &asn);
		return;
	}
	kset_add(&e->asns, &asn);
	routes = irr_index_routes(e->s->idx, &nr);
	ix = irr_index_by_origin(e->s->idx, asn, &n);
	for (i = 0; i < n && !e->stop; i++) {
		struct irr_range r;

		r.pfx = routes[ix[i]].pfx;
		r.lo = r.hi = r.pfx.len;
		if (room(e, si, m, mlen))
			add_range(e, &r);
	}
}

/*
 * Parse a range operator (RFC 2622 2: ^-, ^+, ^n, ^n-m) for a prefix of
 * length len; false if it is malformed or out of the family's range.
 */
static bool
parse_op(const char *s, size_t n, unsigned len, unsigned max,
    struct irr_range *r)
{
	unsigned v[2] = { 0, 0 }, k = 0;
	size_t i;

	r->lo = r->hi = (uint8_t)len;
	if (n == 0)
		return true;
	if (s[0] != '^' || n < 2)
		return false;
	if (n == 2 && (s[1] == '-' || s[1] == '+')) {
		if (s[1] == '-' && len == max)
			return false;
		r->lo = (uint8_t)(s[1] == '-' ? len + 1 : len);
		r->hi = (uint8_t)max;
		return true;
	}
	for (i = 1; i < n; i++) {
		if (s[i] == '-' && k == 0 && i > 1) {
			k = 1;
			continue;
		}
		if (s[i] < '0' || s[i] > '9' || v[k] > 128)
			return false;
		v[k] = v[k] * 10 + (unsigned)(s[i] - '0');
	}
	if (s[n - 1] == '-')
		return false;
	if (k == 0)
		v[1] = v[0];
	if (v[0] < len || v[0] > v[1] || v[1] > max)
		return false;
	r->lo = (uint8_t)v[0];
	r->hi = (uint8_t)v[1];
	return true;
}

/* The set a member names, as resolved from set si; 0 if none. */
static uint32_t
resolve(struct irr_sets *s, const char *m, size_t mlen, unsigned from_src)
{
	char name[SET_NAME_MAX + 1];
	const char *q = NULL;
	size_t i, qlen = 0;
	uint32_t *slot, k, best = 0;
	int rank, best_rank = 4;

	for (i = 0; i + 1 < mlen; i++)
		if (m[i] == ':' && m[i + 1] == ':') {
			q = m;
			qlen = i;
			m += i + 2;
			mlen -= i + 2;
			break;
		}
	if (mlen > SET_NAME_MAX)
		return 0;
	for (i = 0; i < mlen; i++)
		name[i] = upper(m[i]);
	name[mlen] = '\0';
	if ((slot = slot_of(s, name)) == NULL || *slot == 0)
		return 0;
	for (k = *slot; k != 0; k = s->sets[k].next) {
		const char *src = irr_index_source_name(s->idx,
		    s->sets[k].source);

		if (q != NULL) {
			if (strlen(src) == qlen &&
			    strncasecmp(src, q, qlen) == 0)
				return k;
			continue;
		}
		rank = s->sets[k].source == from_src ? 0 :
		    irr_index_source_auth(s->idx, s->sets[k].source) ? 1 : 2;
		if (rank < best_rank || (rank == best_rank &&
		    s->sets[k].source < s->sets[best].source)) {
			best = k;
			best_rank = rank;
		}
	}
	return best;
}

static bool
looks_like_set(const char *m, size_t n)
{
	size_t i;

	for (i = 0; i + 2 < n; i++)
		if ((i == 0 || m[i - 1] == ':') &&
		    (upper(m[i]) == 'A' || upper(m[i]) == 'R') &&
		    upper(m[i + 1]) == 'S' && m[i + 2] == '-')
			return true;
	return false;
}

/* A member that names a set: the set, or 0 after a finding. */
static uint32_t
member_set(struct expander *e, uint32_t si, const char *m, size_t mlen,
    size_t blen, bool report)
{
	const struct set_obj *so = &e->s->sets[si];
	uint32_t sub;

	if ((sub = resolve(e->s, m, blen, so->source)) == 0) {
		if (report)
			finding(e, IRR_FIND_UNKNOWN_SET, si, m, mlen);
		return 0;
	}
	if (e->s->sets[sub].route_set && !so->route_set) {
		if (report)
			finding(e, IRR_FIND_WRONG_CLASS, si, m, mlen);
		return 0;
	}
	return sub;
}

static void
member(struct expander *e, uint32_t si, const char *m, size_t mlen,
    unsigned level)
{
	const struct set_obj *so = &e->s->sets[si];
	const char *op = memchr(m, '^', mlen);
	size_t blen = op != NULL ? (size_t)(op - m) : mlen;
	const char *why;
	struct irr_range r;
	struct prefix p;
	uint32_t asn, sub;

	if (so->route_set && prefix_parse(m, blen, &p, &why)) {
		if (!parse_op(m + blen, mlen - blen, p.len,
		    afi_bits(p.afi), &r)) {
			finding(e, IRR_FIND_BAD_MEMBER, si, m, mlen);
			return;
		}
		r.pfx = p;
		if (e->o->prefixes && room(e, si, m, mlen))
			add_range(e, &r);
		return;
	}
	if (op != NULL && !so->route_set) {
		finding(e, IRR_FIND_BAD_MEMBER, si, m, mlen);
		return;
	}
	if (parse_as(m, blen, &asn)) {
		add_asn(e, si, asn, m, mlen);
		return;
	}
	if (!looks_like_set(m, blen)) {
		finding(e, IRR_FIND_BAD_MEMBER, si, m, mlen);
		return;
	}
	if ((sub = member_set(e, si, m, mlen, blen, true)) == 0 ||
	    (e->state[sub] & ST_QUEUED))
		return;
	if (level + 1 > e->max_depth) {
		e->x->cut = true;
		finding(e, IRR_FIND_DEPTH, si, m, mlen);
		return;
	}
	e->state[sub] |= ST_QUEUED;
	e->queue[e->qtail] = sub;
	e->level[e->qtail++] = (uint8_t)(level + 1);
}

/* Breadth first, so each set is expanded at its shallowest level. */
static void
expand_sets(struct expander *e, uint32_t root)
{
	e->state[root] |= ST_QUEUED;
	e->queue[e->qtail] = root;
	e->level[e->qtail++] = 1;
	while (e->qhead < e->qtail && !e->stop) {
		uint32_t si = e->queue[e->qhead];
		unsigned level = e->level[e->qhead++], i;
		const struct set_obj *so = &e->s->sets[si];
		const char *m = so->members;

		e->x->sets++;
		if (level > e->x->depth)
			e->x->depth = level;
		for (i = 0; i < so->nmembers && !e->stop; i++) {
			size_t len = strlen(m);

			member(e, si, m, len, level);
			m += len + 1;
		}
	}
}

/* The next member of set si from *m on that names an expanded set. */
static uint32_t
next_sub(struct expander *e, uint32_t si, const char **m, uint32_t *left,
    const char **name, size_t *nlen)
{
	while (*left > 0) {
		const char *s = *m, *op;
		size_t len = strlen(s), blen;
		uint32_t sub = 0, asn;

		*m += len + 1;
		(*left)--;
		op = memchr(s, '^', len);
		blen = op != NULL ? (size_t)(op - s) : len;
		if (!parse_as(s, blen, &asn) && looks_like_set(s, blen))
			sub = member_set(e, si, s, len, blen, false);
		if (sub != 0 && (e->state[sub] & ST_QUEUED)) {
			*name = s;
			*nlen = len;
			return sub;
		}
	}
	return 0;
}

/*
 * Cycles among the expanded sets: a depth-first search (with its own
 * stack: chains of sets can be long) reports each edge back to a set on
 * the current path.
 */
static void
find_cycles(struct expander *e, uint32_t root)
{
	struct frame {
		uint32_t	 set;
		uint32_t	 left;
		const char	*m;
	} *stack = xreallocarray(NULL, e->qtail + 1, sizeof(*stack));
	size_t depth = 0;
	const char *name;
	size_t nlen;
	uint32_t sub;

	stack[0].set = root;
	stack[0].left = e->s->sets[root].nmembers;
	stack[0].m = e->s->sets[root].members;
	e->state[root] |= ST_ON_PATH;
	depth = 1;
	while (depth > 0) {
		struct frame *f = &stack[depth - 1];

		sub = next_sub(e, f->set, &f->m, &f->left, &name, &nlen);
		if (sub == 0) {
			e->state[f->set] &= (uint8_t)~ST_ON_PATH;
			e->state[f->set] |= ST_DONE;
			depth--;
			continue;
		}
		if (e->state[sub] & ST_ON_PATH) {
			finding(e, IRR_FIND_CYCLE, f->set, name, nlen);
			continue;
		}
		if (e->state[sub] & ST_DONE)
			continue;
		e->state[sub] |= ST_ON_PATH;
		stack[depth].set = sub;
		stack[depth].left = e->s->sets[sub].nmembers;
		stack[depth].m = e->s->sets[sub].members;
		depth++;
	}
	free(stack);
}

static int
range_cmp(const void *va, const void *vb)
{
	const struct irr_range *a = va, *b = vb;
	int c = prefix_cmp(&a->pfx, &b->pfx);

	if (c != 0)
		return c;
	if (a->lo != b->lo)
		return a->lo < b->lo ? -1 : 1;
	return a->hi < b->hi ? -1 : a->hi > b->hi;
}

void
irr_expand(struct irr_sets *s, const char *name,
    const struct irr_expand_opts *o, struct irr_expansion *x)
{
	struct expander e;
	size_t n = strlen(name);
	uint32_t root, asn;

	memset(x, 0, sizeof(*x));
	memset(&e, 0, sizeof(e));
	x->mem = xcalloc(1, sizeof(*x->mem));
	arena_init(&x->mem->a, 16 * 1024);
	e.s = s;
	e.x = x;
	e.o = o;
	e.max_depth = o->max_depth > 0 && o->max_depth < MAX_AS_SET_DEPTH ?
	    o->max_depth : MAX_AS_SET_DEPTH;
	e.max_size = o->max_size > 0 && o->max_size < MAX_AS_SET_SIZE ?
	    o->max_size : MAX_AS_SET_SIZE;
	kset_init(&e.asns, sizeof(uint32_t));
	kset_init(&e.ranges, sizeof(struct irr_range));
	x->name = arena_memdup(&x->mem->a, name, n + 1);
	if (parse_as(name, n, &asn)) {
		x->found = true;
		add_asn(&e, 0, asn, name, n);
	} else if ((root = resolve(s, name, n, UINT16_MAX)) != 0) {
		x->found = true;
		x->route_set = s->sets[root].route_set;
		x->name = set_label(&e, root);
		e.state = xcalloc(s->nsets, 1);
		e.queue = xreallocarray(NULL, s->nsets, sizeof(*e.queue));
		e.level = xcalloc(s->nsets, 1);
		expand_sets(&e, root);
		if (!e.stop)
			find_cycles(&e, root);
		free(e.state);
		free(e.queue);
		free(e.level);
	}
	x->asns = (uint32_t *)(void *)e.asns.keys;
	x->nasns = e.asns.n;
	if (x->nasns > 0)
		qsort(x->asns, x->nasns, sizeof(*x->asns), u32_cmp);
	x->ranges = (struct irr_range *)(void *)e.ranges.keys;
	x->nranges = e.ranges.n;
	if (x->nranges > 0)
		qsort(x->ranges, x->nranges, sizeof(*x->ranges),
		    range_cmp);
	free(e.asns.slots);
	free(e.ranges.slots);
}

void
irr_expansion_free(struct irr_expansion *x)
{
	if (x->mem != NULL) {
		arena_free(&x->mem->a);
		free(x->mem);
	}
	free(x->asns);
	free(x->ranges);
	free(x->findings);
	memset(x, 0, sizeof(*x));
}

size_t
irr_range_fmt(const struct irr_range *r, char buf[IRR_RANGE_STRLEN])
{
	size_t n = prefix_fmt(&r->pfx, buf);
	unsigned max = afi_bits(r->pfx.afi), len = r->pfx.len;
	size_t room_left = IRR_RANGE_STRLEN - n;
	int k = 0;

	if (r->lo == len && r->hi == len)
		return n;
	if (r->lo == len + 1 && r->hi == max)
		k = snprintf(buf + n, room_left, "^-");
	else if (r->lo == len && r->hi == max)
		k = snprintf(buf + n, room_left, "^+");
	else if (r->lo == r->hi)
		k = snprintf(buf + n, room_left, "^%u", r->lo);
	else
		k = snprintf(buf + n, room_left, "^%u-%u", r->lo, r->hi);
	return n + (size_t)(k > 0 ? k : 0);
}
