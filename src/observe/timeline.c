/*
 * Timeline tables.  Prefixes, AS paths and peers are numbered once each
 * (open-addressing tables of ids); every prefix has a small vector of the
 * routes peers hold for it, from a pool of size classes (no malloc per
 * prefix).  A session going down does not walk the
 * routes: the peer's epoch moves on and the time is noted, and a route of
 * an older epoch is closed at that time when it is next touched or at the
 * end.
 */
#include <stdlib.h>
#include <string.h>

#include "base/hash.h"
#include "base/limits.h"
#include "base/xmalloc.h"
#include "formats/bgp.h"
#include "observe/state.h"
#include "observe/timeline.h"

#define BGP_ESTABLISHED	6

/*
 * The routes of one prefix, in one block from the pool: the peers first
 * (the scan for a peer's route reads 4 bytes a route), then the ADD-PATH
 * ids, then the rest.
 */
struct route {
	uint32_t	path;
	uint32_t	epoch;		/* the peer's session when announced */
	int64_t		start;
};

struct routes {
	uint32_t	*peer;		/* [cap] */
	uint32_t	*pid;		/* [cap] */
	struct route	*r;		/* [cap] */
	uint32_t	 n;
	uint8_t		 cls;		/* pool class: cap = 4 << cls */
};

#define ROUTE_BYTES	(2 * sizeof(uint32_t) + sizeof(struct route))
#define POOL_CLASSES	15		/* caps 4 .. 65536 */
#define POOL_CHUNK	(4u * 1024 * 1024)

/*
 * Route blocks by size class, carved from large chunks; a block given
 * back goes on its class's free list for the next prefix that grows.
 */
struct pool {
	void		*free[POOL_CLASSES];
	char		*cur;
	size_t		 left;
	char		**chunks;
	size_t		 nchunks;
	size_t		 bytes;
};

struct peer {
	struct tl_peer	 info;
	uint32_t	 epoch;
	int64_t		*downs;		/* downs[e]: when session e ended */
	/* The peer's last path: neighbouring prefixes often share it. */
	uint64_t	 last_hash;
	uint32_t	 last_path;
	bool		 has_last;
};

/*
 * Open addressing over ids.  A slot holds the upper half of the key's
 * hash over id + 1 (0 is empty), so a probe rarely reads the key itself.
 * The prefix and peer tables are "top" tables: a key's first slot is
 * given by the top bits of its hash, which the slot holds, so growing
 * moves slots in order without reading a key.
 */
struct idtab {
	uint64_t	*slots;
	size_t		 mask;
	size_t		 n;
	unsigned	 shift;		/* 64 - log2(mask + 1) */
	bool		 top;
};

/* The first slot to probe for hash h. */
static inline size_t
idtab_home(const struct idtab *t, uint64_t h)
{
	return t->top ? (size_t)(h >> t->shift) : (size_t)(h & t->mask);
}

#define SLOT(h, id)	(((h) & 0xffffffff00000000ull) | ((uint64_t)(id) + 1))
#define SLOT_ID(v)	((uint32_t)(v) - 1)
#define SLOT_TAG(v)	((v) >> 32)
/*
 * The path table's slots hold 24 bits of hash over the offset of the
 * path's words; the words are preceded by the path's id and length, so a
 * hit reads one place, not an offset table and then the words.
 */
#define PSLOT(h, off)	(((h) & 0xffffff0000000000ull) | (uint64_t)(off))
#define PSLOT_OFF(v)	((size_t)((v) & 0xffffffffffull))
#define PSLOT_TAG(v)	((v) >> 40)
#define MAX_WORDS	(1ull << 40)

struct timeline {
	int64_t		 from, to;
	tl_segment_fn	*fn;
	void		*ctx;
	bool		 finished;

	struct idtab	 prefix_tab;
	struct prefix	*prefixes;
	struct routes	*routes;
	size_t		 nprefixes, prefix_cap;
	struct pool	 pool;

	struct idtab	 path_tab;
	uint32_t	*words;
	size_t		 nwords, words_cap;
	/* Path i is words[off[i] .. off[i] + words[off[i] - 1]), after its
	 * id and length. */
	size_t		*path_off;
	size_t		 npaths, path_cap;

	struct idtab	 peer_tab;
	struct peer	*peers;
	size_t		 npeers, peer_cap;

	/* The last prefix looked up: a RIB record gives one prefix to many
	 * peers in a row. */
	uint32_t	 last_prefix;
	bool		 have_last;

	uint32_t	*scratch;	/* a path being encoded */
	size_t		 scratch_cap;
	struct tl_stats	 st;
};

static void
idtab_init(struct idtab *t, bool top)
{
	t->mask = 1023;
	t->shift = 64 - 10;
	t->top = top;
	t->n = 0;
	t->slots = xcalloc(t->mask + 1, sizeof(*t->slots));
}

/* Put slot value v, first slot j, into the table. */
static inline void
idtab_put(uint64_t *slots, size_t mask, size_t j, uint64_t v)
{
	while (slots[j] != 0)
		j = (j + 1) & mask;
	slots[j] = v;
}

/*
 * Double the table holding n keys.  A top table moves its slots in order
 * (they hold the hash bits that place them: the writes stream).  Else
 * slotof(tl, id, &slot) gives key id's hash and slot value, the keys read
 * in id order (one pass over their array), not at random.
 */
static void
idtab_grow(struct idtab *t, size_t n, uint64_t (*slotof)(const struct
    timeline *, uint32_t, uint64_t *), const struct timeline *tl)
{
	size_t i, nmask = t->mask * 2 + 1;
	unsigned nshift = t->shift - 1;
	uint64_t *ns = xcalloc(nmask + 1, sizeof(*ns));

	if (t->top && nshift >= 32) {
		for (i = 0; i <= t->mask; i++)
			if (t->slots[i] != 0)
				idtab_put(ns, nmask, (size_t)(t->slots[i] >>
				    nshift), t->slots[i]);
	} else {
		for (i = 0; i < n; i++) {
			uint64_t slot, h = slotof(tl, (uint32_t)i, &slot);

			idtab_put(ns, nmask, t->top ? (size_t)(h >> nshift) :
			    (size_t)(h & nmask), slot);
		}
	}
	free(t->slots);
	t->slots = ns;
	t->mask = nmask;
	t->shift = nshift;
}

/* ---- the route pool ---- */

static void *
pool_get(struct pool *p, unsigned cls)
{
	size_t size = ((size_t)4 << cls) * ROUTE_BYTES;
	void *b;

	if ((b = p->free[cls]) != NULL) {
		memcpy(&p->free[cls], b, sizeof(void *));
		return b;
	}
	if (size > p->left) {
		size_t csize = size > POOL_CHUNK ? size : POOL_CHUNK;

		p->chunks = xreallocarray(p->chunks, p->nchunks + 1,
		    sizeof(*p->chunks));
		p->chunks[p->nchunks++] = p->cur = xmalloc(csize);
		p->left = csize;
		p->bytes += csize;
	}
	b = p->cur;
	p->cur += size;
	p->left -= size;
	return b;
}

static void
pool_put(struct pool *p, unsigned cls, void *b)
{
	memcpy(b, &p->free[cls], sizeof(void *));
	p->free[cls] = b;
}

static void
pool_free(struct pool *p)
{
	size_t i;

	for (i = 0; i < p->nchunks; i++)
		free(p->chunks[i]);
	free(p->chunks);
	memset(p, 0, sizeof(*p));
}

/* Point rs's arrays into block b of its class. */
static void
routes_place(struct routes *rs, void *b)
{
	size_t cap = (size_t)4 << rs->cls;

	rs->r = b;
	rs->peer = (uint32_t *)(rs->r + cap);
	rs->pid = rs->peer + cap;
}

/* The class from cls up that holds want routes, or the last one a
 * prefix may grow to. */
static uint8_t
routes_class(unsigned cls, size_t want)
{
	while ((4u << cls) < want && (4u << cls) < MAX_TIMELINE_ROUTES &&
	    cls + 1u < POOL_CLASSES)
		cls++;
	return (uint8_t)cls;
}

/*
 * Room for one more route: false at MAX_TIMELINE_ROUTES.  A block that
 * must be had or grow is made big enough for want routes (a RIB record
 * gives a prefix many routes in a row): fewer copies.
 */
static bool
routes_room(struct timeline *tl, struct routes *rs, size_t want)
{
	struct routes old = *rs;

	if (rs->r != NULL && rs->n < (4u << rs->cls))
		return true;
	if (rs->r == NULL) {
		rs->cls = routes_class(0, want);
		routes_place(rs, pool_get(&tl->pool, rs->cls));
		return true;
	}
	if ((4u << rs->cls) >= MAX_TIMELINE_ROUTES ||
	    rs->cls + 1u >= POOL_CLASSES)
		return false;
	rs->cls = routes_class(rs->cls + 1u, want);
	routes_place(rs, pool_get(&tl->pool, rs->cls));
	memcpy(rs->r, old.r, old.n * sizeof(*rs->r));
	memcpy(rs->peer, old.peer, old.n * sizeof(*rs->peer));
	memcpy(rs->pid, old.pid, old.n * sizeof(*rs->pid));
	pool_put(&tl->pool, old.cls, old.r);
	return true;
}

/* Remove route i: the last one takes its place. */
static void
routes_remove(struct routes *rs, uint32_t i)
{
	rs->n--;
	rs->peer[i] = rs->peer[rs->n];
	rs->pid[i] = rs->pid[rs->n];
	rs->r[i] = rs->r[rs->n];
}

/* ---- hashing ---- */

static uint64_t
prefix_hash(const struct prefix *p)
{
	return hash_bytes(p, sizeof(*p), 0x7072656669780000ull);
}

static uint64_t
prefix_hash_slot(const struct timeline *tl, uint32_t id, uint64_t *slot)
{
	uint64_t h = prefix_hash(&tl->prefixes[id]);

	*slot = SLOT(h, id);
	return h;
}

static uint64_t
path_hash(const uint32_t *w, size_t n)
{
	return hash_bytes(w, n * sizeof(*w), 0x7061746800000000ull);
}

static uint64_t
path_hash_slot(const struct timeline *tl, uint32_t id, uint64_t *slot)
{
	size_t off = tl->path_off[id];
	uint64_t h = path_hash(tl->words + off, tl->words[off - 1]);

	*slot = PSLOT(h, off);
	return h;
}

static uint64_t
peer_hash(uint32_t collector, const struct addr *ip, uint32_t asn)
{
	uint8_t key[4 + sizeof(*ip) + 4];

	memcpy(key, &collector, 4);
	memcpy(key + 4, ip, sizeof(*ip));
	memcpy(key + 4 + sizeof(*ip), &asn, 4);
	return hash_bytes(key, sizeof(key), 0x7065657200000000ull);
}

static uint64_t
peer_hash_slot(const struct timeline *tl, uint32_t id, uint64_t *slot)
{
	const struct tl_peer *p = &tl->peers[id].info;
	uint64_t h = peer_hash(p->collector, &p->ip, p->asn);

	*slot = SLOT(h, id);
	return h;
}

struct timeline *
timeline_new(int64_t from, int64_t to, tl_segment_fn *fn, void *ctx)
{
	struct timeline *tl = xcalloc(1, sizeof(*tl));

	tl->from = from;
	tl->to = to;
	tl->fn = fn;
	tl->ctx = ctx;
	idtab_init(&tl->prefix_tab, true);
	idtab_init(&tl->path_tab, false);
	idtab_init(&tl->peer_tab, true);
	/* Never NULL: an empty AS path (no words) may be the first seen. */
	tl->scratch_cap = 64;
	tl->scratch = xcalloc(tl->scratch_cap, sizeof(*tl->scratch));
	return tl;
}

/* A prefix with everything past its bytes zeroed, to hash and compare. */
static void
prefix_key(const struct prefix *p, struct prefix *key)
{
	memset(key, 0, sizeof(*key));
	key->afi = p->afi;
	key->len = p->len;
	memcpy(key->b, p->b, sizeof(key->b));
}

/* The slot where key is or would go; *id is its id or -1. */
static size_t
prefix_slot(const struct timeline *tl, const struct prefix *key,
    uint64_t h, int64_t *id)
{
	const struct idtab *t = &tl->prefix_tab;
	size_t i;

	for (i = idtab_home(t, h); t->slots[i] != 0; i = (i + 1) & t->mask) {
		uint32_t k = SLOT_ID(t->slots[i]);

		if (SLOT_TAG(t->slots[i]) == h >> 32 &&
		    memcmp(&tl->prefixes[k], key, sizeof(*key)) == 0) {
			*id = k;
			return i;
		}
	}
	*id = -1;
	return i;
}

/* The id of a prefix key (prefix_key) of hash h, numbered on first
 * sight. */
static uint32_t
prefix_id(struct timeline *tl, const struct prefix *key, uint64_t h)
{
	size_t i;
	int64_t found;
	uint32_t id;

	if (tl->have_last && memcmp(&tl->prefixes[tl->last_prefix], key,
	    sizeof(*key)) == 0)
		return tl->last_prefix;
	i = prefix_slot(tl, key, h, &found);
	if (found >= 0) {
		id = (uint32_t)found;
		goto found;
	}
	if (tl->nprefixes == tl->prefix_cap) {
		tl->prefix_cap = tl->prefix_cap ? tl->prefix_cap * 2 : 1024;
		tl->prefixes = xreallocarray(tl->prefixes, tl->prefix_cap,
		    sizeof(*tl->prefixes));
		tl->routes = xreallocarray(tl->routes, tl->prefix_cap,
		    sizeof(*tl->routes));
	}
	id = (uint32_t)tl->nprefixes++;
	tl->prefixes[id] = *key;
	memset(&tl->routes[id], 0, sizeof(tl->routes[id]));
	tl->prefix_tab.slots[i] = SLOT(h, id);
	if (++tl->prefix_tab.n * 4 > tl->prefix_tab.mask * 3)
		idtab_grow(&tl->prefix_tab, tl->nprefixes, prefix_hash_slot,
		    tl);
found:
	tl->last_prefix = id;
	tl->have_last = true;
	return id;
}

/* Encode a path into tl->scratch; returns its word count. */
static size_t
path_encode(struct timeline *tl, const struct as_path *p)
{
	size_t n = 0, need = 0, s;

	for (s = 0; s < p->nseg; s++)
		need += 1 + p->segs[s].count;
	if (need > tl->scratch_cap) {
		tl->scratch_cap = need + 64;
		tl->scratch = xreallocarray(tl->scratch, tl->scratch_cap,
		    sizeof(*tl->scratch));
	}
	for (s = 0; s < p->nseg; s++) {
		const struct as_segment *seg = &p->segs[s];

		tl->scratch[n++] = (uint32_t)seg->type << 16 | seg->count;
		memcpy(tl->scratch + n, seg->asns, seg->count *
		    sizeof(uint32_t));
		n += seg->count;
	}
	return n;
}

/* Is path id the n words w? */
static bool
path_is(const struct timeline *tl, uint32_t id, const uint32_t *w,
    size_t n)
{
	size_t off = tl->path_off[id];

	return tl->words[off - 1] == n && memcmp(tl->words + off, w,
	    n * sizeof(uint32_t)) == 0;
}

/* The id of the n words w of hash h, numbered on first sight;
 * UINT32_MAX when full. */
static uint32_t
path_id_words(struct timeline *tl, const uint32_t *w, size_t n, uint64_t h)
{
	const struct idtab *t = &tl->path_tab;
	size_t i, off;
	uint32_t id;

	for (i = idtab_home(t, h); t->slots[i] != 0; i = (i + 1) & t->mask) {
		if (PSLOT_TAG(t->slots[i]) != h >> 40)
			continue;
		off = PSLOT_OFF(t->slots[i]);
		if (tl->words[off - 1] == n && memcmp(tl->words + off, w,
		    n * sizeof(uint32_t)) == 0)
			return tl->words[off - 2];
	}
	if (tl->npaths >= MAX_TIMELINE_PATHS ||
	    tl->nwords + n + 2 >= MAX_WORDS)
		return UINT32_MAX;
	if (tl->nwords + n + 2 > tl->words_cap) {
		tl->words_cap = (tl->words_cap + n + 2) * 2;
		tl->words = xreallocarray(tl->words, tl->words_cap,
		    sizeof(*tl->words));
	}
	if (tl->npaths == tl->path_cap) {
		tl->path_cap = tl->path_cap ? tl->path_cap * 2 : 1024;
		tl->path_off = xreallocarray(tl->path_off, tl->path_cap,
		    sizeof(*tl->path_off));
	}
	id = (uint32_t)tl->npaths++;
	tl->words[tl->nwords++] = id;
	tl->words[tl->nwords++] = (uint32_t)n;
	off = tl->nwords;
	memcpy(tl->words + off, w, n * sizeof(uint32_t));
	tl->nwords += n;
	tl->path_off[id] = off;
	tl->path_tab.slots[i] = PSLOT(h, off);
	if (++tl->path_tab.n * 4 > tl->path_tab.mask * 3)
		idtab_grow(&tl->path_tab, tl->npaths, path_hash_slot, tl);
	return id;
}

/* The id of peer's path (n words w of hash h), numbered on first
 * sight; UINT32_MAX when full. */
static uint32_t
path_id_of(struct timeline *tl, uint32_t peer, const uint32_t *w, size_t n,
    uint64_t h)
{
	struct peer *pe = &tl->peers[peer];
	uint32_t id;

	if (pe->has_last && pe->last_hash == h &&
	    path_is(tl, pe->last_path, w, n))
		return pe->last_path;
	if ((id = path_id_words(tl, w, n, h)) != UINT32_MAX) {
		pe->last_path = id;
		pe->last_hash = h;
		pe->has_last = true;
	}
	return id;
}

/* A peer address with the bytes past its family's zeroed. */
static void
peer_key(const struct addr *ip, struct addr *key)
{
	memset(key, 0, sizeof(*key));
	key->afi = ip->afi;
	memcpy(key->b, ip->b, afi_bytes(ip->afi));
}

/* The id of a peer (its address a peer_key of hash h), numbered on first
 * sight; UINT32_MAX when full. */
static uint32_t
peer_id(struct timeline *tl, uint32_t collector, const struct addr *key,
    uint32_t asn, uint64_t h)
{
	const struct idtab *t = &tl->peer_tab;
	size_t i;
	uint32_t id;

	for (i = idtab_home(t, h); t->slots[i] != 0; i = (i + 1) & t->mask) {
		const struct tl_peer *p;

		id = SLOT_ID(t->slots[i]);
		p = &tl->peers[id].info;
		if (p->collector == collector && p->asn == asn &&
		    memcmp(&p->ip, key, sizeof(*key)) == 0)
			return id;
	}
	if (tl->npeers >= MAX_TIMELINE_PEERS)
		return UINT32_MAX;
	if (tl->npeers == tl->peer_cap) {
		tl->peer_cap = tl->peer_cap ? tl->peer_cap * 2 : 64;
		tl->peers = xreallocarray(tl->peers, tl->peer_cap,
		    sizeof(*tl->peers));
	}
	id = (uint32_t)tl->npeers++;
	memset(&tl->peers[id], 0, sizeof(tl->peers[id]));
	tl->peers[id].info.collector = collector;
	tl->peers[id].info.ip = *key;
	tl->peers[id].info.asn = asn;
	tl->peer_tab.slots[i] = SLOT(h, id);
	if (++tl->peer_tab.n * 4 > tl->peer_tab.mask * 3)
		idtab_grow(&tl->peer_tab, tl->npeers, peer_hash_slot, tl);
	return id;
}

/* Report route i of prefix, held from its start to end. */
static void
emit(struct timeline *tl, uint32_t prefix, const struct routes *rs,
    uint32_t i, int64_t end, bool open)
{
	const struct route *r = &rs->r[i];
	struct tl_segment s;

	s.start = r->start < tl->from ? tl->from : r->start;
	s.end = end > tl->to ? tl->to : end;
	if (s.end < tl->from || s.start >= tl->to)
		return;
	if (s.end < s.start)
		s.end = s.start;
	s.peer = rs->peer[i];
	s.prefix = prefix;
	s.path = r->path;
	s.path_id = rs->pid[i];
	s.open = open;
	tl->st.segments++;
	tl->fn(tl->ctx, &s);
}

/* Has route i's session gone down since it was announced? */
static bool
stale(const struct timeline *tl, const struct routes *rs, uint32_t i,
    int64_t *down)
{
	const struct peer *p = &tl->peers[rs->peer[i]];

	if (rs->r[i].epoch == p->epoch)
		return false;
	*down = p->downs[rs->r[i].epoch];
	return true;
}

static void
session_down(struct timeline *tl, uint32_t peer, int64_t t)
{
	struct peer *p = &tl->peers[peer];

	p->downs = xreallocarray(p->downs, p->epoch + 1, sizeof(*p->downs));
	p->downs[p->epoch++] = t;
	tl->st.session_downs++;
}

/* The index of peer's route (with ADD-PATH id pid) for rs, or n. */
static uint32_t
route_find(const struct routes *rs, uint32_t peer, uint32_t pid)
{
	uint32_t i;

	for (i = 0; i < rs->n; i++)
		if (rs->peer[i] == peer && rs->pid[i] == pid)
			return i;
	return rs->n;
}

void
tl_elem_hash(struct tl_elem *e, uint32_t collector, const uint32_t *words)
{
	struct addr ip = e->peer_ip;
	struct prefix p = e->prefix;

	peer_key(&ip, &e->peer_ip);
	prefix_key(&p, &e->prefix);
	e->peer_hash = e->prefix_hash = e->path_hash = 0;
	if (e->peer_ip.afi == AFI_NONE)
		return;
	e->peer_hash = peer_hash(collector, &e->peer_ip, e->peer_as);
	if (e->kind == ELEM_STATE)
		return;
	e->prefix_hash = prefix_hash(&e->prefix);
	if (e->has_attrs && e->kind != ELEM_WITHDRAW)
		e->path_hash = path_hash(words + e->word, e->nword);
}

/* Feed e; run elements from e on are for its prefix. */
static void
feed_one(struct timeline *tl, uint32_t collector, const struct tl_elem *e,
    const uint32_t *words, size_t run)
{
	int64_t t = e->ts, down;
	uint32_t peer, pfx, path = 0, i;
	struct routes *rs;
	bool have;

	tl->st.elems++;
	if (t >= tl->to) {
		tl->st.late++;
		return;
	}
	if (e->peer_ip.afi == AFI_NONE) {
		tl->st.no_peer++;
		return;
	}
	peer = peer_id(tl, collector, &e->peer_ip, e->peer_as, e->peer_hash);
	if (peer == UINT32_MAX) {
		tl->st.too_many_paths++;
		return;
	}
	if (e->kind == ELEM_STATE) {
		if (e->old_state == BGP_ESTABLISHED &&
		    e->new_state != BGP_ESTABLISHED)
			session_down(tl, peer, t);
		return;
	}
	pfx = prefix_id(tl, &e->prefix, e->prefix_hash);
	rs = &tl->routes[pfx];
	i = route_find(rs, peer, e->path_id);
	have = i < rs->n;
	if (have && stale(tl, rs, i, &down)) {
		emit(tl, pfx, rs, i, down, false);
		routes_remove(rs, i);
		have = false;
	}
	if (e->kind == ELEM_WITHDRAW) {
		if (have) {
			emit(tl, pfx, rs, i, t, false);
			routes_remove(rs, i);
		}
		return;
	}
	if (!e->has_attrs)
		return;
	path = path_id_of(tl, peer, words + e->word, e->nword, e->path_hash);
	if (path == UINT32_MAX) {
		tl->st.too_many_paths++;
		return;
	}
	if (have) {
		if (rs->r[i].path == path)
			return;		/* the same route again */
		emit(tl, pfx, rs, i, t, false);
	} else {
		if (!routes_room(tl, rs, rs->n + run)) {
			tl->st.too_many_routes++;
			return;
		}
		i = rs->n++;
		rs->peer[i] = peer;
		rs->pid[i] = e->path_id;
	}
	rs->r[i].path = path;
	rs->r[i].epoch = tl->peers[peer].epoch;
	rs->r[i].start = t;
}

void
timeline_feed(struct timeline *tl, uint32_t collector,
    const struct mrt_elem *m)
{
	struct tl_elem e;

	memset(&e, 0, sizeof(e));
	e.ts = m->rec->ts;
	e.peer_as = m->peer_as;
	e.path_id = m->has_path_id ? m->path_id : 0;
	e.old_state = m->old_state;
	e.new_state = m->new_state;
	e.kind = (uint8_t)m->kind;
	e.has_attrs = m->attrs != NULL;
	e.peer_ip = m->peer_ip;
	e.prefix = m->prefix;
	if (e.has_attrs)
		e.nword = (uint32_t)path_encode(tl, &m->attrs->path);
	tl_elem_hash(&e, collector, tl->scratch);
	feed_one(tl, collector, &e, tl->scratch, 1);
}

/*
 * Elements PF_FAR ahead get their first prefix and path slots fetched;
 * PF_NEAR ahead, what those slots point at (the prefix, its routes, the
 * path's words), and PF_ROUTES ahead the routes' peers.  By the time an
 * element is fed its probes mostly hit the cache.  Only hints: a table
 * that grew in between is just a miss.  (Written out in the loop: GCC
 * drops calls to a function that only prefetches as pure.)
 */
#define PF_FAR		16
#define PF_NEAR		8
#define PF_ROUTES	4

/* The prefix id in e's first prefix slot if its tag matches, else -1. */
static int64_t
first_prefix(const struct timeline *tl, const struct tl_elem *e)
{
	const struct idtab *t = &tl->prefix_tab;
	uint64_t v = t->slots[idtab_home(t, e->prefix_hash)];

	if (v == 0 || SLOT_TAG(v) != e->prefix_hash >> 32)
		return -1;
	return SLOT_ID(v);
}

void
timeline_feed_batch(struct timeline *tl, uint32_t collector,
    const struct tl_elem *e, size_t n, const uint32_t *words)
{
	const struct idtab *pt = &tl->prefix_tab, *wt = &tl->path_tab;
	size_t i, run_end = 0;
	int64_t id;

	for (i = 0; i < n; i++) {
		if (i >= run_end)
			for (run_end = i + 1; run_end < n &&
			    e[run_end].prefix_hash == e[i].prefix_hash &&
			    memcmp(&e[run_end].prefix, &e[i].prefix,
			    sizeof(e[i].prefix)) == 0; run_end++)
				;
		if (i + PF_FAR < n) {
			const struct tl_elem *f = &e[i + PF_FAR];

			__builtin_prefetch(&pt->slots[idtab_home(pt,
			    f->prefix_hash)]);
			__builtin_prefetch(&wt->slots[idtab_home(wt,
			    f->path_hash)]);
		}
		if (i + PF_NEAR < n) {
			const struct tl_elem *f = &e[i + PF_NEAR];
			uint64_t v = wt->slots[idtab_home(wt, f->path_hash)];

			if ((id = first_prefix(tl, f)) >= 0) {
				__builtin_prefetch(&tl->prefixes[id]);
				__builtin_prefetch(&tl->routes[id]);
			}
			if (f->path_hash != 0 && v != 0 &&
			    PSLOT_TAG(v) == f->path_hash >> 40)
				__builtin_prefetch(&tl->words[PSLOT_OFF(v) -
				    2]);
		}
		if (i + PF_ROUTES < n &&
		    (id = first_prefix(tl, &e[i + PF_ROUTES])) >= 0 &&
		    tl->routes[id].peer != NULL)
			__builtin_prefetch(tl->routes[id].peer);
		feed_one(tl, collector, &e[i], words, run_end - i);
	}
}

void
timeline_finish(struct timeline *tl)
{
	size_t p;
	uint32_t i;
	int64_t down;

	if (tl->finished)
		return;
	tl->finished = true;
	for (p = 0; p < tl->nprefixes; p++) {
		struct routes *rs = &tl->routes[p];

		for (i = 0; i < rs->n; i++) {
			if (stale(tl, rs, i, &down))
				emit(tl, (uint32_t)p, rs, i, down, false);
			else
				emit(tl, (uint32_t)p, rs, i, tl->to, true);
		}
		memset(rs, 0, sizeof(*rs));
	}
	pool_free(&tl->pool);
}

void
timeline_free(struct timeline *tl)
{
	size_t i;

	if (tl == NULL)
		return;
	pool_free(&tl->pool);
	for (i = 0; i < tl->npeers; i++)
		free(tl->peers[i].downs);
	free(tl->prefix_tab.slots);
	free(tl->path_tab.slots);
	free(tl->peer_tab.slots);
	free(tl->prefixes);
	free(tl->routes);
	free(tl->words);
	free(tl->path_off);
	free(tl->peers);
	free(tl->scratch);
	free(tl);
}

const struct prefix *
timeline_prefix(const struct timeline *tl, uint32_t id)
{
	return id < tl->nprefixes ? &tl->prefixes[id] : NULL;
}

int64_t
timeline_prefix_find(const struct timeline *tl, const struct prefix *p)
{
	struct prefix key;
	int64_t id;

	prefix_key(p, &key);
	prefix_slot(tl, &key, prefix_hash(&key), &id);
	return id;
}
const uint32_t *
timeline_path(const struct timeline *tl, uint32_t id, size_t *n)
{
	if (id >= tl->npaths) {
		*n = 0;
		return NULL;
	}
	*n = tl->words[tl->path_off[id] - 1];
	return tl->words + tl->path_off[id];
}

uint32_t
timeline_path_origin(const struct timeline *tl, uint32_t id)
{
	const uint32_t *w, *last = NULL;
	size_t n, i;

	w = timeline_path(tl, id, &n);
	for (i = 0; i < n; i += 1 + (w[i] & 0xffff))
		last = &w[i];
	if (last == NULL || (*last >> 16) != AS_SEQUENCE ||
	    (*last & 0xffff) == 0)
		return 0;
	return last[*last & 0xffff];
}

const struct tl_peer *
timeline_peer_info(const struct timeline *tl, uint32_t id)
{
	return id < tl->npeers ? &tl->peers[id].info : NULL;
}

size_t
timeline_npeers(const struct timeline *tl)
{
	return tl->npeers;
}

size_t
timeline_nprefixes(const struct timeline *tl)
{
	return tl->nprefixes;
}

size_t
timeline_npaths(const struct timeline *tl)
{
	return tl->npaths;
}

const struct tl_stats *
timeline_stats(const struct timeline *tl)
{
	return &tl->st;
}

size_t
timeline_memory(const struct timeline *tl)
{
	size_t b = 0;

	b += (tl->prefix_tab.mask + 1 + tl->path_tab.mask + 1 +
	    tl->peer_tab.mask + 1) * sizeof(uint64_t);
	b += tl->prefix_cap * (sizeof(struct prefix) + sizeof(struct routes));
	b += tl->pool.bytes;
	b += tl->words_cap * sizeof(uint32_t);
	b += tl->path_cap * sizeof(size_t);
	b += tl->peer_cap * sizeof(struct peer);
	return b;
}

/* ---- state of an incremental run (observe/state.h) ---- */

void
timeline_save(struct timeline *tl, struct state_out *out)
{
	size_t i;
	uint32_t k;
	int64_t down;

	/* Routes whose session went down end now, so none is stale. */
	for (i = 0; i < tl->nprefixes; i++) {
		struct routes *rs = &tl->routes[i];

		for (k = 0; k < rs->n; k++)
			if (stale(tl, rs, k, &down)) {
				emit(tl, (uint32_t)i, rs, k, down, false);
				routes_remove(rs, k--);
			}
	}
	state_u32(out, (uint32_t)tl->npeers);
	for (i = 0; i < tl->npeers; i++) {
		const struct tl_peer *p = &tl->peers[i].info;

		state_u32(out, p->collector);
		state_u8(out, (uint8_t)p->ip.afi);
		state_put(out, p->ip.b, sizeof(p->ip.b));
		state_u32(out, p->asn);
	}
	state_u32(out, (uint32_t)tl->nprefixes);
	for (i = 0; i < tl->nprefixes; i++) {
		state_u8(out, (uint8_t)tl->prefixes[i].afi);
		state_u8(out, tl->prefixes[i].len);
		state_put(out, tl->prefixes[i].b, sizeof(tl->prefixes[i].b));
	}
	state_u32(out, (uint32_t)tl->npaths);
	for (i = 0; i < tl->npaths; i++) {
		size_t n, j;
		const uint32_t *w = timeline_path(tl, (uint32_t)i, &n);

		state_u32(out, (uint32_t)n);
		for (j = 0; j < n; j++)
			state_u32(out, w[j]);
	}
	for (i = 0; i < tl->nprefixes; i++) {
		const struct routes *rs = &tl->routes[i];

		state_u32(out, rs->n);
		for (k = 0; k < rs->n; k++) {
			state_u32(out, rs->peer[k]);
			state_u32(out, rs->pid[k]);
			state_u32(out, rs->r[k].path);
			state_u64(out, (uint64_t)rs->r[k].start);
		}
	}
}

/* Segments as path_encode writes them: a known type, 1+ ASNs, in bounds. */
static bool
path_words_ok(const uint32_t *w, size_t n)
{
	size_t i;

	for (i = 0; i < n; i += 1 + (w[i] & 0xffff)) {
		unsigned type = w[i] >> 16;

		if (type < AS_SET || type > AS_CONFED_SET ||
		    (w[i] & 0xffff) == 0 || i + 1 + (w[i] & 0xffff) > n)
			return false;
	}
	return true;
}

bool
timeline_load(struct timeline *tl, struct cursor *c, char *err,
    size_t errlen)
{
	uint32_t n, i, k;
	const char *what = "peers";
	struct addr key;
	struct prefix pk;

	if (tl->npeers != 0 || tl->nprefixes != 0 || tl->npaths != 0 ||
	    !state_get_count(c, 25, &n) || n > MAX_TIMELINE_PEERS)
		goto fail;
	for (i = 0; i < n; i++) {
		struct addr ip;
		uint32_t coll, asn;
		uint8_t afi;

		memset(&ip, 0, sizeof(ip));
		if (!cur_u32(c, &coll) || !cur_u8(c, &afi) ||
		    (afi != AFI_IPV4 && afi != AFI_IPV6) ||
		    !cur_bytes(c, ip.b, sizeof(ip.b)) || !cur_u32(c, &asn))
			goto fail;
		ip.afi = afi;
		peer_key(&ip, &key);
		if (peer_id(tl, coll, &key, asn, peer_hash(coll, &key,
		    asn)) != i)
			goto fail;		/* a peer twice */
	}
	what = "prefixes";
	if (!state_get_count(c, 18, &n))
		goto fail;
	for (i = 0; i < n; i++) {
		struct prefix p;
		uint8_t afi;

		memset(&p, 0, sizeof(p));
		if (!cur_u8(c, &afi) || !cur_u8(c, &p.len) ||
		    !cur_bytes(c, p.b, sizeof(p.b)) ||
		    (afi != AFI_IPV4 && afi != AFI_IPV6))
			goto fail;
		p.afi = afi;
		prefix_key(&p, &pk);
		if (p.len > afi_bits(p.afi) ||
		    prefix_id(tl, &pk, prefix_hash(&pk)) != i)
			goto fail;
	}
	what = "paths";
	if (!state_get_count(c, 4, &n) || n > MAX_TIMELINE_PATHS)
		goto fail;
	for (i = 0; i < n; i++) {
		uint32_t len;

		if (!state_get_count(c, 4, &len) || len > MAX_AS_PATH_LEN + MAX_AS_PATH_SEGS)
			goto fail;
		if (len > tl->scratch_cap) {
			tl->scratch_cap = len + 64;
			tl->scratch = xreallocarray(tl->scratch,
			    tl->scratch_cap, sizeof(*tl->scratch));
		}
		for (k = 0; k < len; k++)
			if (!cur_u32(c, &tl->scratch[k]))
				goto fail;
		if (!path_words_ok(tl->scratch, len) ||
		    path_id_words(tl, tl->scratch, len,
		    path_hash(tl->scratch, len)) != i)
			goto fail;
	}
	what = "routes";
	for (i = 0; i < tl->nprefixes; i++) {
		struct routes *rs = &tl->routes[i];

		if (!state_get_count(c, 20, &n) || n > MAX_TIMELINE_ROUTES)
			goto fail;
		for (k = 0; k < n; k++) {
			uint32_t peer, pid, path, j;
			uint64_t start;

			if (!cur_u32(c, &peer) || !cur_u32(c, &pid) ||
			    !cur_u32(c, &path) || !state_get_u64(c, &start) ||
			    peer >= tl->npeers || path >= tl->npaths ||
			    route_find(rs, peer, pid) < rs->n ||
			    !routes_room(tl, rs, 1))
				goto fail;
			j = rs->n++;
			rs->peer[j] = peer;
			rs->pid[j] = pid;
			rs->r[j].path = path;
			rs->r[j].epoch = 0;
			rs->r[j].start = (int64_t)start;
		}
	}
	return true;
fail:
	snprintf(err, errlen, "state: bad timeline %s section", what);
	return false;
}
