/*
 * Route origin validation (RFC 6811): a path-compressed binary trie per
 * address family.
 *
 * Keys are 128 bits as two 64-bit words in network bit order (an IPv4
 * address sits in the top 32 bits of the first word).  A node holds the
 * first word of its key, its length, two child indices (0 is "none": the
 * root is never a child) and its VRPs: the one VRP of most prefixes sits
 * in the node itself (AS and maxLength), several are a run in a side
 * array headed by their count.  The second key word is kept only for
 * IPv6, in a parallel array.  So a node is 24 bytes (IPv6: 32), a prefix
 * with one VRP costs nothing more, and a path-compressed trie has fewer
 * than two nodes per distinct prefix.  Branch nodes (no VRPs) exist
 * only where two subtrees part.
 *
 * The top of each trie is flattened into a table indexed by STRIDE bits
 * of the route: for each slot, the deepest node of length at most
 * base + STRIDE on its path (where the walk resumes) and the nodes with
 * VRPs above it.  The base is where the trie first branches: 0 for IPv4,
 * but every IPv6 VRP sits in 2000::/3 today, and indexing the 16 bits
 * after the common top instead of the first 16 makes the table 16 times
 * finer there.  A route at least base + STRIDE bits long under the base
 * starts at its slot, which skips the dense top levels (and their cache
 * misses).  The table costs 512 KiB per family, so a trie below
 * INDEX_MIN_NODES nodes has none and every walk starts at the root.
 */
#include <endian.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"
#include "rov.h"

#define STRIDE		16
#define NSLOTS		(1u << STRIDE)
#define INDEX_MIN_NODES	4096

enum { VRPS_NONE, VRPS_ONE, VRPS_MANY };

struct node {
	uint64_t	hi;
	uint32_t	child[2];
	uint32_t	v;		/* ONE: the AS; MANY: index into many */
	uint8_t		len;
	uint8_t		maxlen;		/* ONE */
	uint8_t		kind;		/* VRPS_* */
	uint8_t		pad;
};

/* many[i] with i a node's v holds the count in asn, then the VRPs. */
struct vent {
	uint32_t	asn;
	uint8_t		maxlen;
};

/* One slot of the flattened top; side by side, as one lookup reads both. */
struct slot {
	uint32_t	off;		/* into list; slot + 1's ends it */
	uint32_t	resume;
};

struct trie {
	struct node	*n;
	uint64_t	*lo;		/* IPv6 only: the key's second word */
	size_t		 nnodes, cap;
	unsigned	 bits;		/* 32 or 128 */
	/* The flattened top: see above. */
	struct slot	*slot;		/* [NSLOTS + 1] */
	uint64_t	 ibase;		/* the base's key, first word */
	unsigned	 ishift;	/* the base's length */
	uint32_t	*list;
	size_t		 nlist;
};

struct rov {
	struct trie	 t[2];		/* IPv4, IPv6 */
	struct vent	*many;
	size_t		 nmany, nvrps, dups;
};

struct key {
	uint64_t	hi, lo;
};

/* A VRP while building: sorted, then deduplicated. */
struct bvrp {
	struct key	k;
	uint32_t	asn;
	uint8_t		afi, len, maxlen;
};

/* Big-endian load: one move and a byte swap, as it is on every lookup. */
static inline uint64_t
load64(const uint8_t *b)
{
	uint64_t v;

	memcpy(&v, b, sizeof(v));
	return be64toh(v);
}

static inline struct key
prefix_key(const struct prefix *p)
{
	struct key k;

	k.hi = load64(p->b);
	k.lo = p->afi == AFI_IPV6 ? load64(p->b + 8) : 0;
	return k;
}

static inline uint64_t
mask64(unsigned len)
{
	return len == 0 ? 0 : len >= 64 ? ~0ull : ~0ull << (64 - len);
}

static inline unsigned
key_bit(const struct key *k, unsigned i)
{
	return i < 64 ? (unsigned)(k->hi >> (63 - i)) & 1 :
	    (unsigned)(k->lo >> (127 - i)) & 1;
}

/* Length of the common leading bits of a and b (0..128). */
static unsigned
key_common(const struct key *a, const struct key *b)
{
	uint64_t x = a->hi ^ b->hi;

	if (x != 0)
		return (unsigned)__builtin_clzll(x);
	x = a->lo ^ b->lo;
	if (x != 0)
		return 64 + (unsigned)__builtin_clzll(x);
	return 128;
}

static struct key
key_masked(const struct key *k, unsigned len)
{
	struct key m;

	m.hi = k->hi & mask64(len);
	m.lo = len > 64 ? k->lo & mask64(len - 64) : 0;
	return m;
}

static struct key
node_key(const struct trie *t, uint32_t i)
{
	struct key k;

	k.hi = t->n[i].hi;
	k.lo = t->lo != NULL ? t->lo[i] : 0;
	return k;
}

/* Does node i's prefix cover key k of length len? */
static inline int
node_covers(const struct trie *t, uint32_t i, const struct key *k,
    unsigned len)
{
	const struct node *n = &t->n[i];
	unsigned nl = n->len;

	if (nl > len)
		return 0;
	if (nl <= 64)
		return ((n->hi ^ k->hi) & mask64(nl)) == 0;
	return n->hi == k->hi && ((t->lo[i] ^ k->lo) & mask64(nl - 64)) == 0;
}

static uint32_t
new_node(struct trie *t, const struct key *k, unsigned len)
{
	struct node *n;
	uint32_t i;

	if (t->nnodes == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 1024;
		if (t->cap > UINT32_MAX) {
			fprintf(stderr, "manrs: ROV trie too large\n");
			abort();
		}
		t->n = xreallocarray(t->n, t->cap, sizeof(*t->n));
		if (t->bits == 128)
			t->lo = xreallocarray(t->lo, t->cap, sizeof(*t->lo));
	}
	i = (uint32_t)t->nnodes++;
	n = &t->n[i];
	memset(n, 0, sizeof(*n));
	n->hi = k->hi;
	n->len = len;
	if (t->lo != NULL)
		t->lo[i] = k->lo;
	return i;
}

/* Find or make the node for (k, len); k has no bits past len. */
static uint32_t
trie_insert(struct trie *t, const struct key *k, unsigned len)
{
	uint32_t cur = 0;

	for (;;) {
		unsigned cl = t->n[cur].len, b, common;
		uint32_t c, m, leaf;
		struct key ck;

		if (cl == len)
			return cur;
		b = key_bit(k, cl);
		c = t->n[cur].child[b];
		if (c == 0) {
			leaf = new_node(t, k, len);
			t->n[cur].child[b] = leaf;
			return leaf;
		}
		ck = node_key(t, c);
		common = key_common(&ck, k);
		if (common > t->n[c].len)
			common = t->n[c].len;
		if (common > len)
			common = len;
		if (common == t->n[c].len) {
			cur = c;	/* c covers k: go down */
			continue;
		}
		if (common == len) {
			/* k sits between cur and c. */
			m = new_node(t, k, len);
			t->n[m].child[key_bit(&ck, len)] = c;
			t->n[cur].child[b] = m;
			return m;
		}
		/* k and c part below cur: a branch node. */
		ck = key_masked(k, common);
		m = new_node(t, &ck, common);
		leaf = new_node(t, k, len);
		t->n[m].child[key_bit(k, common)] = leaf;
		ck = node_key(t, c);
		t->n[m].child[key_bit(&ck, common)] = c;
		t->n[cur].child[b] = m;
		return leaf;
	}
}

static int
bvrp_cmp(const void *a, const void *b)
{
	const struct bvrp *x = a, *y = b;

	if (x->afi != y->afi)
		return x->afi < y->afi ? -1 : 1;
	if (x->k.hi != y->k.hi)
		return x->k.hi < y->k.hi ? -1 : 1;
	if (x->k.lo != y->k.lo)
		return x->k.lo < y->k.lo ? -1 : 1;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	if (x->asn != y->asn)
		return x->asn < y->asn ? -1 : 1;
	if (x->maxlen != y->maxlen)
		return x->maxlen < y->maxlen ? -1 : 1;
	return 0;
}

static void
trie_init(struct trie *t, unsigned bits)
{
	struct key zero = { 0, 0 };

	memset(t, 0, sizeof(*t));
	t->bits = bits;
	(void)new_node(t, &zero, 0);	/* the root */
}

static void
trie_shrink(struct trie *t)
{
	t->cap = t->nnodes;
	t->n = xreallocarray(t->n, t->cap, sizeof(*t->n));
	if (t->lo != NULL)
		t->lo = xreallocarray(t->lo, t->cap, sizeof(*t->lo));
}

/*
 * The index base: down from the root through nodes without VRPs and with
 * one child, every node of the trie lies below (keeping base + STRIDE
 * within the first key word).
 */
static uint32_t
index_base(const struct trie *t)
{
	uint32_t i = 0, c;

	for (;;) {
		const struct node *n = &t->n[i];

		if (n->kind != VRPS_NONE ||
		    (n->child[0] != 0) == (n->child[1] != 0))
			return i;
		c = n->child[0] != 0 ? n->child[0] : n->child[1];
		if (t->n[c].len + STRIDE > 64)
			return i;
		i = c;
	}
}

/* Build the slot table of the STRIDE bits after the base. */
static void
trie_index(struct trie *t)
{
	size_t cap = 1024, sl;
	unsigned ilen;
	uint32_t base;

	if (t->nnodes < INDEX_MIN_NODES)
		return;
	base = index_base(t);
	t->ibase = t->n[base].hi;
	t->ishift = t->n[base].len;
	ilen = t->ishift + STRIDE;
	t->slot = xcalloc(NSLOTS + 1, sizeof(*t->slot));
	t->list = xreallocarray(NULL, cap, sizeof(*t->list));
	t->nlist = 0;
	for (sl = 0; sl < NSLOTS; sl++) {
		struct key k = { t->ibase | (uint64_t)sl << (64 - ilen), 0 };
		uint32_t i = 0, last = 0;

		t->slot[sl].off = (uint32_t)t->nlist;
		for (;;) {
			if (!node_covers(t, i, &k, ilen))
				break;
			if (i != last && t->n[last].kind != VRPS_NONE) {
				if (t->nlist == cap) {
					cap *= 2;
					t->list = xreallocarray(t->list, cap,
					    sizeof(*t->list));
				}
				t->list[t->nlist++] = last;
			}
			last = i;
			if (t->n[i].len == ilen)
				break;
			if ((i = t->n[i].child[key_bit(&k, t->n[i].len)]) == 0)
				break;
		}
		t->slot[sl].resume = last;
	}
	t->slot[NSLOTS].off = (uint32_t)t->nlist;
	t->list = xreallocarray(t->list, t->nlist ? t->nlist : 1,
	    sizeof(*t->list));
}

struct rov *
rov_build(const struct vrp *v, size_t n)
{
	struct rov *r = xcalloc(1, sizeof(*r));
	struct bvrp *b = NULL;
	size_t i, j, m = 0;

	trie_init(&r->t[0], 32);
	trie_init(&r->t[1], 128);
	if (n > 0)
		b = xreallocarray(NULL, n, sizeof(*b));
	for (i = 0; i < n; i++) {
		/* Skip what vrp.c never yields: bad family or lengths. */
		if ((v[i].pfx.afi != AFI_IPV4 && v[i].pfx.afi != AFI_IPV6) ||
		    v[i].pfx.len > afi_bits(v[i].pfx.afi) ||
		    v[i].maxlen < v[i].pfx.len ||
		    v[i].maxlen > afi_bits(v[i].pfx.afi))
			continue;
		b[m].k = prefix_key(&v[i].pfx);
		b[m].k = key_masked(&b[m].k, v[i].pfx.len);
		b[m].asn = v[i].asn;
		b[m].afi = v[i].pfx.afi;
		b[m].len = v[i].pfx.len;
		b[m].maxlen = v[i].maxlen;
		m++;
	}
	if (m > 0)
		qsort(b, m, sizeof(*b), bvrp_cmp);
	if (m > UINT32_MAX / 2) {
		fprintf(stderr, "manrs: too many VRPs for the ROV trie\n");
		abort();
	}
	r->many = xreallocarray(NULL, 2 * m + 1, sizeof(*r->many));
	for (i = 0; i < m; i = j) {
		struct trie *t = &r->t[b[i].afi == AFI_IPV4 ? 0 : 1];
		size_t head = r->nmany, cnt = 0;
		uint32_t node;

		r->nmany++;	/* the count goes here */
		for (j = i; j < m && b[j].afi == b[i].afi &&
		    b[j].k.hi == b[i].k.hi && b[j].k.lo == b[i].k.lo &&
		    b[j].len == b[i].len; j++) {
			if (j > i && b[j].asn == b[j - 1].asn &&
			    b[j].maxlen == b[j - 1].maxlen) {
				r->dups++;
				continue;
			}
			r->many[r->nmany].asn = b[j].asn;
			r->many[r->nmany].maxlen = b[j].maxlen;
			r->nmany++;
			cnt++;
		}
		r->nvrps += cnt;
		node = trie_insert(t, &b[i].k, b[i].len);
		if (cnt == 1) {
			t->n[node].kind = VRPS_ONE;
			t->n[node].v = r->many[head + 1].asn;
			t->n[node].maxlen = r->many[head + 1].maxlen;
			r->nmany = head;	/* inline: take it back */
		} else {
			t->n[node].kind = VRPS_MANY;
			t->n[node].v = (uint32_t)head;
			r->many[head].asn = (uint32_t)cnt;
			r->many[head].maxlen = 0;
		}
	}
	free(b);
	r->many = xreallocarray(r->many, r->nmany ? r->nmany : 1,
	    sizeof(*r->many));
	trie_shrink(&r->t[0]);
	trie_shrink(&r->t[1]);
	trie_index(&r->t[0]);
	trie_index(&r->t[1]);
	return r;
}

void
rov_free(struct rov *r)
{
	int i;

	if (r == NULL)
		return;
	for (i = 0; i < 2; i++) {
		free(r->t[i].n);
		free(r->t[i].lo);
		free(r->t[i].slot);
		free(r->t[i].list);
	}
	free(r->many);
	free(r);
}

static const struct trie *
pick(const struct rov *r, const struct prefix *p)
{
	if (p->afi == AFI_IPV4 && p->len <= 32)
		return &r->t[0];
	if (p->afi == AFI_IPV6 && p->len <= 128)
		return &r->t[1];
	return NULL;
}

/*
 * Check the VRPs of node n: returns 1 if one makes the route valid, else
 * notes that the route is covered and whether the AS matched.
 */
static inline int
check_node(const struct rov *r, const struct node *n, uint32_t origin,
    unsigned plen, int *covered, int *aslen)
{
	const struct vent *e, *end;

	if (n->kind == VRPS_NONE)
		return 0;
	*covered = 1;
	if (origin == ROV_ORIGIN_NONE)
		return 0;
	if (n->kind == VRPS_ONE) {
		if (n->v != origin)
			return 0;
		if (plen <= n->maxlen)
			return 1;
		*aslen = 1;
		return 0;
	}
	e = &r->many[n->v];
	end = e + 1 + e->asn;
	for (e++; e < end; e++) {
		if (e->asn != origin)
			continue;
		if (plen <= e->maxlen)
			return 1;
		*aslen = 1;
	}
	return 0;
}

enum rov_state
rov_validate(const struct rov *r, const struct prefix *p, uint32_t origin,
    enum rov_reason *reason)
{
	const struct trie *t = pick(r, p);
	struct key k;
	unsigned plen = p->len;
	uint32_t i = 0;
	int covered = 0, aslen = 0;

	if (reason != NULL)
		*reason = ROV_REASON_NONE;
	if (t == NULL)
		return ROV_NOT_FOUND;
	k = prefix_key(p);
	if (t->slot != NULL && plen >= t->ishift + STRIDE &&
	    ((k.hi ^ t->ibase) & mask64(t->ishift)) == 0) {
		const struct slot *s = &t->slot[(k.hi << t->ishift) >>
		    (64 - STRIDE)];
		uint32_t a;

		for (a = s[0].off; a < s[1].off; a++)
			if (check_node(r, &t->n[t->list[a]], origin, plen,
			    &covered, &aslen))
				return ROV_VALID;
		i = s[0].resume;
	}
	for (;;) {
		const struct node *n = &t->n[i];

		if (!node_covers(t, i, &k, plen))
			break;
		if (check_node(r, n, origin, plen, &covered, &aslen))
			return ROV_VALID;
		if (n->len == plen)
			break;
		if ((i = n->child[key_bit(&k, n->len)]) == 0)
			break;
	}
	if (!covered)
		return ROV_NOT_FOUND;
	if (reason != NULL)
		*reason = aslen ? ROV_REASON_LENGTH : ROV_REASON_AS;
	return ROV_INVALID;
}

size_t
rov_covering(const struct rov *r, const struct prefix *p, struct vrp *out,
    size_t max)
{
	const struct trie *t = pick(r, p);
	struct key k;
	size_t total = 0;
	uint32_t i = 0;

	if (t == NULL)
		return 0;
	k = prefix_key(p);
	for (;;) {
		const struct node *n = &t->n[i];
		const struct vent *e = NULL;
		struct vent one;
		uint32_t j, cnt;

		if (!node_covers(t, i, &k, p->len))
			break;
		if (n->kind == VRPS_NONE)
			cnt = 0;
		else if (n->kind == VRPS_ONE) {
			one.asn = n->v;
			one.maxlen = n->maxlen;
			e = &one;
			cnt = 1;
		} else {
			e = &r->many[n->v + 1];
			cnt = r->many[n->v].asn;
		}
		for (j = 0; j < cnt; j++, total++) {
			struct vrp *o;
			struct key nk;
			int b;

			if (total >= max)
				continue;
			o = &out[total];
			memset(o, 0, sizeof(*o));
			o->pfx.afi = p->afi;
			o->pfx.len = n->len;
			nk = node_key(t, i);
			for (b = 0; b < 8; b++) {
				o->pfx.b[b] = (uint8_t)(nk.hi >> (56 - 8 * b));
				o->pfx.b[8 + b] =
				    (uint8_t)(nk.lo >> (56 - 8 * b));
			}
			o->maxlen = e[j].maxlen;
			o->asn = e[j].asn;
		}
		if (n->len == p->len)
			break;
		if ((i = n->child[key_bit(&k, n->len)]) == 0)
			break;
	}
	return total;
}

size_t
rov_count(const struct rov *r)
{
	return r->nvrps;
}

size_t
rov_duplicates(const struct rov *r)
{
	return r->dups;
}

size_t
rov_memory(const struct rov *r)
{
	size_t m = sizeof(*r) + r->nmany * sizeof(*r->many);
	int i;

	for (i = 0; i < 2; i++)
		m += r->t[i].cap * (sizeof(struct node) +
		    (r->t[i].lo != NULL ? sizeof(uint64_t) : 0)) +
		    (r->t[i].slot != NULL ? (NSLOTS + 1) *
		    sizeof(struct slot) + r->t[i].nlist * sizeof(uint32_t) : 0);
	return m;
}

const char *
rov_state_str(enum rov_state s)
{
	switch (s) {
	case ROV_VALID:
		return "valid";
	case ROV_INVALID:
		return "invalid";
	default:
		return "not-found";
	}
}

const char *
rov_reason_str(enum rov_reason r)
{
	switch (r) {
	case ROV_REASON_AS:
		return "as";
	case ROV_REASON_LENGTH:
		return "length";
	default:
		return "";
	}
}
