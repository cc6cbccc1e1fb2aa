/*
 * Timeline tables.  Prefixes, AS paths and peers are numbered once each
 * (open-addressing tables of ids); every prefix has a small vector of the
 * routes peers hold for it.  A session going down does not walk the
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
#include "observe/timeline.h"

#define BGP_ESTABLISHED	6

struct route {
	uint32_t	peer;
	uint32_t	path;
	uint32_t	path_id;
	uint32_t	epoch;		/* the peer's session when announced */
	int64_t		start;
};

struct routes {
	struct route	*r;
	uint32_t	 n, cap;
};

struct peer {
	struct tl_peer	 info;
	uint32_t	 epoch;
	int64_t		*downs;		/* downs[e]: when session e ended */
};

/* Open addressing over ids; a slot holds id + 1, 0 is empty. */
struct idtab {
	uint32_t	*slots;
	size_t		 mask;
	size_t		 n;
};

struct timeline {
	int64_t		 from, to;
	tl_segment_fn	*fn;
	void		*ctx;
	bool		 finished;

	struct idtab	 prefix_tab;
	struct prefix	*prefixes;
	struct routes	*routes;
	size_t		 nprefixes, prefix_cap;

	struct idtab	 path_tab;
	uint32_t	*words;
	size_t		 nwords, words_cap;
	size_t		*path_off;	/* path i is words[off[i]..off[i+1]) */
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
idtab_init(struct idtab *t)
{
	t->mask = 1023;
	t->n = 0;
	t->slots = xcalloc(t->mask + 1, sizeof(*t->slots));
}

/* Double the table; hashof(id) gives each id's hash again. */
static void
idtab_grow(struct idtab *t, uint64_t (*hashof)(const struct timeline *,
    uint32_t), const struct timeline *tl)
{
	size_t i, nmask = t->mask * 2 + 1;
	uint32_t *ns = xcalloc(nmask + 1, sizeof(*ns));

	for (i = 0; i <= t->mask; i++) {
		size_t j;

		if (t->slots[i] == 0)
			continue;
		j = hashof(tl, t->slots[i] - 1) & nmask;
		while (ns[j] != 0)
			j = (j + 1) & nmask;
		ns[j] = t->slots[i];
	}
	free(t->slots);
	t->slots = ns;
	t->mask = nmask;
}

static uint64_t
prefix_hash(const struct prefix *p)
{
	return hash_bytes(p, sizeof(*p), 0x7072656669780000ull);
}

static uint64_t
prefix_hash_id(const struct timeline *tl, uint32_t id)
{
	return prefix_hash(&tl->prefixes[id]);
}

static uint64_t
path_hash(const uint32_t *w, size_t n)
{
	return hash_bytes(w, n * sizeof(*w), 0x7061746800000000ull);
}

static uint64_t
path_hash_id(const struct timeline *tl, uint32_t id)
{
	return path_hash(tl->words + tl->path_off[id],
	    tl->path_off[id + 1] - tl->path_off[id]);
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
peer_hash_id(const struct timeline *tl, uint32_t id)
{
	const struct tl_peer *p = &tl->peers[id].info;

	return peer_hash(p->collector, &p->ip, p->asn);
}

struct timeline *
timeline_new(int64_t from, int64_t to, tl_segment_fn *fn, void *ctx)
{
	struct timeline *tl = xcalloc(1, sizeof(*tl));

	tl->from = from;
	tl->to = to;
	tl->fn = fn;
	tl->ctx = ctx;
	idtab_init(&tl->prefix_tab);
	idtab_init(&tl->path_tab);
	idtab_init(&tl->peer_tab);
	tl->path_off = xcalloc(1, sizeof(*tl->path_off));
	tl->path_cap = 0;
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
    int64_t *id)
{
	size_t i;

	for (i = prefix_hash(key) & tl->prefix_tab.mask;
	    tl->prefix_tab.slots[i] != 0; i = (i + 1) & tl->prefix_tab.mask) {
		uint32_t k = tl->prefix_tab.slots[i] - 1;

		if (memcmp(&tl->prefixes[k], key, sizeof(*key)) == 0) {
			*id = k;
			return i;
		}
	}
	*id = -1;
	return i;
}

/* The id of a prefix, numbered on first sight. */
static uint32_t
prefix_id(struct timeline *tl, const struct prefix *p)
{
	struct prefix key;
	size_t i;
	int64_t found;
	uint32_t id;

	prefix_key(p, &key);
	if (tl->have_last && memcmp(&tl->prefixes[tl->last_prefix], &key,
	    sizeof(key)) == 0)
		return tl->last_prefix;
	i = prefix_slot(tl, &key, &found);
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
	tl->prefixes[id] = key;
	memset(&tl->routes[id], 0, sizeof(tl->routes[id]));
	tl->prefix_tab.slots[i] = id + 1;
	if (++tl->prefix_tab.n * 4 > tl->prefix_tab.mask * 3)
		idtab_grow(&tl->prefix_tab, prefix_hash_id, tl);
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

/* The id of a path, numbered on first sight; UINT32_MAX when full. */
static uint32_t
path_id_of(struct timeline *tl, const struct as_path *p)
{
	size_t n = path_encode(tl, p), i;
	uint64_t h = path_hash(tl->scratch, n);
	uint32_t id;

	for (i = h & tl->path_tab.mask; tl->path_tab.slots[i] != 0;
	    i = (i + 1) & tl->path_tab.mask) {
		id = tl->path_tab.slots[i] - 1;
		if (tl->path_off[id + 1] - tl->path_off[id] == n &&
		    memcmp(tl->words + tl->path_off[id], tl->scratch,
		    n * sizeof(uint32_t)) == 0)
			return id;
	}
	if (tl->npaths >= MAX_TIMELINE_PATHS)
		return UINT32_MAX;
	if (tl->nwords + n > tl->words_cap) {
		tl->words_cap = (tl->words_cap + n) * 2;
		tl->words = xreallocarray(tl->words, tl->words_cap,
		    sizeof(*tl->words));
	}
	if (tl->npaths + 1 >= tl->path_cap) {
		tl->path_cap = tl->path_cap ? tl->path_cap * 2 : 1024;
		tl->path_off = xreallocarray(tl->path_off, tl->path_cap + 1,
		    sizeof(*tl->path_off));
	}
	memcpy(tl->words + tl->nwords, tl->scratch, n * sizeof(uint32_t));
	tl->nwords += n;
	id = (uint32_t)tl->npaths++;
	tl->path_off[id + 1] = tl->nwords;
	tl->path_tab.slots[i] = id + 1;
	if (++tl->path_tab.n * 4 > tl->path_tab.mask * 3)
		idtab_grow(&tl->path_tab, path_hash_id, tl);
	return id;
}

/* The id of a peer, numbered on first sight; UINT32_MAX when full. */
static uint32_t
peer_id(struct timeline *tl, uint32_t collector, const struct addr *ip,
    uint32_t asn)
{
	struct addr key;
	size_t i;
	uint32_t id;

	memset(&key, 0, sizeof(key));
	key.afi = ip->afi;
	memcpy(key.b, ip->b, afi_bytes(ip->afi));
	for (i = peer_hash(collector, &key, asn) & tl->peer_tab.mask;
	    tl->peer_tab.slots[i] != 0; i = (i + 1) & tl->peer_tab.mask) {
		const struct tl_peer *p;

		id = tl->peer_tab.slots[i] - 1;
		p = &tl->peers[id].info;
		if (p->collector == collector && p->asn == asn &&
		    memcmp(&p->ip, &key, sizeof(key)) == 0)
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
	tl->peers[id].info.ip = key;
	tl->peers[id].info.asn = asn;
	tl->peer_tab.slots[i] = id + 1;
	if (++tl->peer_tab.n * 4 > tl->peer_tab.mask * 3)
		idtab_grow(&tl->peer_tab, peer_hash_id, tl);
	return id;
}

/* Report a route that held from r->start to end. */
static void
emit(struct timeline *tl, uint32_t prefix, const struct route *r,
    int64_t end, bool open)
{
	struct tl_segment s;

	s.start = r->start < tl->from ? tl->from : r->start;
	s.end = end > tl->to ? tl->to : end;
	if (s.end < tl->from || s.start >= tl->to)
		return;
	if (s.end < s.start)
		s.end = s.start;
	s.peer = r->peer;
	s.prefix = prefix;
	s.path = r->path;
	s.path_id = r->path_id;
	s.open = open;
	tl->st.segments++;
	tl->fn(tl->ctx, &s);
}

/* Has the route's session gone down since it was announced? */
static bool
stale(const struct timeline *tl, const struct route *r, int64_t *down)
{
	const struct peer *p = &tl->peers[r->peer];

	if (r->epoch == p->epoch)
		return false;
	*down = p->downs[r->epoch];
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

void
timeline_feed(struct timeline *tl, uint32_t collector,
    const struct mrt_elem *e)
{
	int64_t t = e->rec->ts, down;
	uint32_t peer, pfx, path = 0, pid;
	struct routes *rs;
	struct route *r = NULL;
	uint32_t i;

	tl->st.elems++;
	if (t >= tl->to) {
		tl->st.late++;
		return;
	}
	if (e->peer_ip.afi == AFI_NONE) {
		tl->st.no_peer++;
		return;
	}
	peer = peer_id(tl, collector, &e->peer_ip, e->peer_as);
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
	pid = e->has_path_id ? e->path_id : 0;
	pfx = prefix_id(tl, &e->prefix);
	rs = &tl->routes[pfx];
	for (i = 0; i < rs->n; i++)
		if (rs->r[i].peer == peer && rs->r[i].path_id == pid) {
			r = &rs->r[i];
			break;
		}
	if (r != NULL && stale(tl, r, &down)) {
		emit(tl, pfx, r, down, false);
		*r = rs->r[--rs->n];
		r = NULL;
	}
	if (e->kind == ELEM_WITHDRAW) {
		if (r != NULL) {
			emit(tl, pfx, r, t, false);
			*r = rs->r[--rs->n];
		}
		return;
	}
	if (e->attrs == NULL)
		return;
	path = path_id_of(tl, &e->attrs->path);
	if (path == UINT32_MAX) {
		tl->st.too_many_paths++;
		return;
	}
	if (r != NULL) {
		if (r->path == path)
			return;		/* the same route again */
		emit(tl, pfx, r, t, false);
	} else {
		if (rs->n >= MAX_TIMELINE_ROUTES) {
			tl->st.too_many_routes++;
			return;
		}
		if (rs->n == rs->cap) {
			rs->cap = rs->cap ? rs->cap * 2 : 4;
			rs->r = xreallocarray(rs->r, rs->cap, sizeof(*rs->r));
		}
		r = &rs->r[rs->n++];
		r->peer = peer;
		r->path_id = pid;
	}
	r->path = path;
	r->epoch = tl->peers[peer].epoch;
	r->start = t;
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
			if (stale(tl, &rs->r[i], &down))
				emit(tl, (uint32_t)p, &rs->r[i], down, false);
			else
				emit(tl, (uint32_t)p, &rs->r[i], tl->to, true);
		}
		free(rs->r);
		memset(rs, 0, sizeof(*rs));
	}
}

void
timeline_free(struct timeline *tl)
{
	size_t i;

	if (tl == NULL)
		return;
	for (i = 0; i < tl->nprefixes; i++)
		free(tl->routes[i].r);
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
	prefix_slot(tl, &key, &id);
	return id;
}

const uint32_t *
timeline_path(const struct timeline *tl, uint32_t id, size_t *n)
{
	if (id >= tl->npaths) {
		*n = 0;
		return NULL;
	}
	*n = tl->path_off[id + 1] - tl->path_off[id];
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
	size_t b = 0, i;

	b += (tl->prefix_tab.mask + 1 + tl->path_tab.mask + 1 +
	    tl->peer_tab.mask + 1) * sizeof(uint32_t);
	b += tl->prefix_cap * (sizeof(struct prefix) + sizeof(struct routes));
	for (i = 0; i < tl->nprefixes; i++)
		b += tl->routes[i].cap * sizeof(struct route);
	b += tl->words_cap * sizeof(uint32_t);
	b += (tl->path_cap + 1) * sizeof(size_t);
	b += tl->peer_cap * sizeof(struct peer);
	return b;
}
