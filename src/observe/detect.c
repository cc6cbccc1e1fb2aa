/*
 * Detectors over timeline segments.  Work that depends only on a path
 * (origin, neighbour, valley-freeness) is done once per path id; work
 * that depends on (prefix, origin) — RPKI and IRR state, peers that saw
 * it — once per pair.  Only sightings that may become events (RPKI
 * Invalid pairs, possible MOAS newcomers, leaks) are kept; the rest of
 * the segments only update counters.
 */
#include <stdlib.h>
#include <string.h>

#include "base/u64map.h"
#include "base/xmalloc.h"
#include "formats/bgp.h"
#include "irr/index.h"
#include "net/asgraph.h"
#include "observe/detect.h"
#include "observe/state.h"
#include "ref/bogons.h"
#include "rpki/history.h"
#include "rpki/rov.h"

#define MAX_PAIR_PEERS	16	/* peers remembered per pair and per AS */
#define IRR_AUTH	0x80

struct path_info {
	uint32_t	origin;		/* 0: ends in an AS_SET, or empty */
	uint32_t	neighbour;	/* the AS before the origin, 0 if none */
	uint32_t	leak_by;	/* M1 culprit, 0 if none */
	uint32_t	leak_to;	/* M1C */
	uint32_t	last_peer;	/* last peer whose ASes were counted */
	uint32_t	bogon_asn;	/* M4: the first bogon ASN, 0 if none */
	uint32_t	bogon_by;	/* its culprit, 0 if none */
	uint32_t	bogon_via;	/* M4C, 0 if none */
	const struct bogon_reason *bogon_why;
	bool		done;		/* the above computed */
	bool		counted;	/* last_peer valid */
};

struct pair {
	uint32_t	prefix, origin;
	/* Bit k: on day k of the period it was seen, RPKI Valid, Invalid. */
	uint64_t	seen_days, valid_days, invalid_days;
	int64_t		first, last;	/* seen, within the period */
	uint8_t		rov, rov_reason, irr;	/* rov: on the last day seen */
	bool		established;	/* present when the period began */
	bool		candidate;	/* a possible MOAS newcomer */
	uint8_t		npeers;		/* distinct, up to MAX_PAIR_PEERS */
	uint32_t	peers[MAX_PAIR_PEERS];
};

/* A kept segment that may become events. */
struct sighting {
	uint32_t	pair;
	uint32_t	peer, path;
	int64_t		start, end;
};

struct as_seen {
	uint8_t		npeers;
	uint32_t	peers[MAX_PAIR_PEERS];
	/* As an origin: pairs announced, in an IRR, RPKI Valid, Invalid. */
	uint32_t	announced, irr, valid, invalid;
};

/* Registration counts of an origin AS on one day. */
struct day_count {
	uint32_t	announced, irr, valid, invalid;
};

struct detector {
	struct detect_refs	 refs;
	int64_t			 from, to;
	int64_t			 day0;		/* midnight UTC of from's day */
	unsigned		 ndays;		/* days the period touches */
	uint64_t		 all_days;
	uint32_t		*day_snap;	/* ROA history snapshot per day */
	struct timeline		*tl;
	bool			 finished;

	struct path_info	*paths;
	size_t			 npaths_cap;
	uint32_t		*flat;		/* a path being checked */
	size_t			 flat_cap;

	struct u64map		 pair_map;	/* prefix << 32 | origin → index */
	struct pair		*pairs;
	size_t			 npairs, pairs_cap;

	struct sighting		*sight;		/* invalid pairs and candidates */
	size_t			 nsight, sight_cap;

	struct u64map		 as_map;	/* asn → index into as_seen */
	struct as_seen		*ases;
	uint32_t		*as_asn;
	size_t			 nases, ases_cap;

	struct event		*ev;
	size_t			 nev, ev_cap;
	struct tl_segment	*replay;	/* segments behind ev and sight */
	size_t			 nreplay, replay_cap;
	struct evidence		*evid;
	size_t			 nevid, evid_cap;

	/* Per prefix id: 0 not yet checked, else 1 + enum bogon_class. */
	uint8_t			*pfx_bogon;
	const struct bogon_reason **pfx_bogon_why;
	size_t			 pfx_cap, admin_bogons;

	struct day_count	*daycount;	/* [as index * ndays + day] */

	uint32_t		*universe;
	size_t			 nuniverse;
	bool			 have_universe;
};

#define GROW(arr, n, cap) do {						\
	if ((n) == (cap)) {						\
		(cap) = (cap) ? (cap) * 2 : 64;				\
		(arr) = xreallocarray((arr), (cap), sizeof(*(arr)));	\
	}								\
} while (0)

static void on_segment(void *, const struct tl_segment *);
static struct as_seen *as_of(struct detector *, uint32_t);

#define DAY_S	86400

/*
 * The snapshot each day of the period is judged by: its own, else the
 * nearest earlier one, else (before the first) the first.
 */
static void
map_days(struct detector *d)
{
	const struct history *h = d->refs.history;
	unsigned k;

	d->day_snap = xcalloc(d->ndays, sizeof(*d->day_snap));
	for (k = 0; k < d->ndays; k++) {
		uint32_t day = (uint32_t)(d->day0 / DAY_S) + k, snap = 0;

		if (history_snapshot(h, day, HISTORY_NEAREST, &snap) ==
		    HISTORY_NO_SNAPSHOT)
			snap = 0;
		d->day_snap[k] = snap;
	}
}

/* The day of the period a time falls on. */
static unsigned
day_of(const struct detector *d, int64_t t)
{
	int64_t k = (t - d->day0) / DAY_S;

	if (k < 0)
		return 0;
	return k >= (int64_t)d->ndays ? d->ndays - 1 : (unsigned)k;
}

/* Days [start, end) touches; a zero-length stretch touches its day. */
static uint64_t
days_mask(const struct detector *d, int64_t start, int64_t end)
{
	unsigned a = day_of(d, start), b = day_of(d, end > start ? end - 1 :
	    start);
	uint64_t hi = b == 63 ? ~(uint64_t)0 : ((uint64_t)1 << (b + 1)) - 1;

	return hi & ~(((uint64_t)1 << a) - 1);
}
/* The C variants: the AS before the culprit, if it is the culprit's
 * provider or the link is unknown, and not its sibling. */
static uint32_t c_culprit(const struct detector *, uint32_t, uint32_t);
static void bogon_asns(struct detector *, const uint32_t *, size_t,
    struct path_info *);

int64_t
detect_period_days(int64_t from, int64_t to, int64_t *day0)
{
	*day0 = from - (from % DAY_S + DAY_S) % DAY_S;
	return (to - *day0 + DAY_S - 1) / DAY_S;
}

struct detector *
detector_new(const struct detect_refs *refs, int64_t from, int64_t to)
{
	struct detector *d = xcalloc(1, sizeof(*d));

	d->refs = *refs;
	d->from = from;
	d->to = to;
	d->ndays = (unsigned)detect_period_days(from, to, &d->day0);
	if (d->ndays < 1)
		d->ndays = 1;
	if (d->ndays > DETECT_MAX_DAYS)
		d->ndays = DETECT_MAX_DAYS;	/* detector_new's caller checks */
	d->all_days = d->ndays == 64 ? ~(uint64_t)0 :
	    ((uint64_t)1 << d->ndays) - 1;
	if (refs->history != NULL)
		map_days(d);
	d->tl = timeline_new(from, to, on_segment, d);
	u64map_init(&d->pair_map);
	u64map_init(&d->as_map);
	return d;
}

void
detector_free(struct detector *d)
{
	if (d == NULL)
		return;
	timeline_free(d->tl);
	free(d->paths);
	free(d->flat);
	u64map_free(&d->pair_map);
	free(d->pairs);
	free(d->sight);
	u64map_free(&d->as_map);
	free(d->ases);
	free(d->as_asn);
	free(d->ev);
	free(d->replay);
	free(d->evid);
	free(d->universe);
	free(d->day_snap);
	free(d->daycount);
	free(d->pfx_bogon);
	free(d->pfx_bogon_why);
	free(d);
}

struct timeline *
detector_timeline(struct detector *d)
{
	return d->tl;
}

void
detector_feed(struct detector *d, uint32_t collector,
    const struct mrt_elem *e)
{
	timeline_feed(d->tl, collector, e);
}

/*
 * The path's ASes from the collector side to the origin, prepends
 * collapsed and IXP route servers left out; false if it holds an AS_SET.
 */
static bool
flatten(const struct detector *d, const uint32_t *w, size_t n,
    uint32_t *out, size_t *nout)
{
	size_t i, j, k = 0, nixp = 0;
	const uint32_t *ixp = NULL;

	if (d->refs.graph != NULL)
		ixp = asgraph_ixps(d->refs.graph, &nixp);
	for (i = 0; i < n; i += 1 + (w[i] & 0xffff)) {
		if ((w[i] >> 16) != AS_SEQUENCE)
			return false;
		for (j = 0; j < (w[i] & 0xffff); j++) {
			uint32_t as = w[i + 1 + j];
			size_t x;
			bool skip = false;

			if (k > 0 && out[k - 1] == as)
				continue;
			for (x = 0; x < nixp; x++)
				if (ixp[x] == as)
					skip = true;
			if (!skip)
				out[k++] = as;
		}
	}
	*nout = k;
	return true;
}

/*
 * Valley-free check from the origin towards the collector.  Each step
 * from a[i+1] to a[i] goes up (a[i] is the provider), across (peers) or
 * down.  Once across or down, going up or across again is a leak by
 * a[i+1], to a[i].  An unknown link ends the check: no verdict.
 */
static void
check_leak(struct detector *d, const uint32_t *a, size_t n,
    struct path_info *pi)
{
	bool descending = false;
	size_t i;

	if (d->refs.graph == NULL || n < 3)
		return;
	for (i = n - 1; i-- > 0;) {
		enum asrel r = asgraph_rel(d->refs.graph, a[i + 1], a[i]);

		if (r == ASREL_NONE)
			return;
		if (r == ASREL_SIBLING)
			continue;
		/* CUSTOMER: a[i+1] is a customer of a[i], the step goes up. */
		if (r == ASREL_CUSTOMER || r == ASREL_PEER) {
			if (descending) {
				pi->leak_by = a[i + 1];
				pi->leak_to = a[i];
				return;
			}
			if (r == ASREL_PEER)
				descending = true;
		} else
			descending = true;
	}
}

static struct path_info *
path_info(struct detector *d, uint32_t path)
{
	struct path_info *pi;
	const uint32_t *w;
	size_t n, k;

	if (path >= d->npaths_cap) {
		size_t cap = d->npaths_cap ? d->npaths_cap : 1024;

		while (cap <= path)
			cap *= 2;
		d->paths = xreallocarray(d->paths, cap, sizeof(*d->paths));
		memset(d->paths + d->npaths_cap, 0, (cap - d->npaths_cap) *
		    sizeof(*d->paths));
		d->npaths_cap = cap;
	}
	pi = &d->paths[path];
	if (pi->done)
		return pi;
	pi->done = true;
	w = timeline_path(d->tl, path, &n);
	pi->origin = timeline_path_origin(d->tl, path);
	bogon_asns(d, w, n, pi);
	if (n > d->flat_cap) {
		d->flat_cap = n + 64;
		d->flat = xreallocarray(d->flat, d->flat_cap,
		    sizeof(*d->flat));
	}
	if (!flatten(d, w, n, d->flat, &k) || k == 0)
		return pi;
	pi->neighbour = k >= 2 ? d->flat[k - 2] : 0;
	check_leak(d, d->flat, k, pi);
	return pi;
}

/*
 * M4: the first full-bogon ASN from the collector side; the culprit is
 * the nearest AS before it that is not a bogon.  AS_SET members count
 * as path members.
 */
static void
bogon_asns(struct detector *d, const uint32_t *w, size_t n,
    struct path_info *pi)
{
	const struct bogon_reason *why, *other;
	size_t i, j, k = 0;

	if (d->refs.bogons == NULL)
		return;
	if (n > d->flat_cap) {
		d->flat_cap = n + 64;
		d->flat = xreallocarray(d->flat, d->flat_cap,
		    sizeof(*d->flat));
	}
	for (i = 0; i < n; i += 1 + (w[i] & 0xffff))
		for (j = 0; j < (w[i] & 0xffff); j++)
			d->flat[k++] = w[i + 1 + j];
	for (i = 0; i < k; i++) {
		if (bogons_asn(d->refs.bogons, d->flat[i], &why) !=
		    BOGON_FULL)
			continue;
		pi->bogon_asn = d->flat[i];
		pi->bogon_why = why;
		for (j = i; j-- > 0;) {
			if (bogons_asn(d->refs.bogons, d->flat[j], &other) ==
			    BOGON_FULL)
				continue;
			pi->bogon_by = d->flat[j];
			if (j > 0)
				pi->bogon_via = c_culprit(d, d->flat[j - 1],
				    d->flat[j]);
			break;
		}
		return;
	}
}

static bool
add_peer(uint32_t *peers, uint8_t *n, uint32_t peer)
{
	uint8_t i;

	for (i = 0; i < *n; i++)
		if (peers[i] == peer)
			return false;
	if (*n < MAX_PAIR_PEERS)
		peers[(*n)++] = peer;
	return true;
}

/* Count the peer for every AS on the path (once per path and peer). */
static void
count_ases(struct detector *d, struct path_info *pi, uint32_t path,
    uint32_t peer)
{
	const uint32_t *w;
	size_t n, i, j;

	if (pi->counted && pi->last_peer == peer)
		return;
	pi->counted = true;
	pi->last_peer = peer;
	w = timeline_path(d->tl, path, &n);
	for (i = 0; i < n; i += 1 + (w[i] & 0xffff))
		for (j = 0; j < (w[i] & 0xffff); j++) {
			struct as_seen *a = as_of(d, w[i + 1 + j]);

			add_peer(a->peers, &a->npeers, peer);
		}
}

/* The days of the period history VRP i was published on. */
static uint64_t
vrp_days(const struct detector *d, uint32_t i)
{
	const struct history_run *run;
	size_t nrun = history_runs(d->refs.history, i, &run), r = 0;
	uint64_t m = 0;
	unsigned k;

	for (k = 0; k < d->ndays; k++) {
		uint32_t s = d->day_snap[k];

		while (r < nrun && run[r].last < s)
			r++;
		if (r < nrun && run[r].first <= s)
			m |= (uint64_t)1 << k;
	}
	return m;
}

/*
 * RPKI state of a new pair on each day (RFC 6811 over the VRPs of that
 * day's snapshot).  With one undated VRP set every day is the same.
 */
static void
pair_rpki(struct detector *d, struct pair *p)
{
	const struct prefix *pfx = timeline_prefix(d->tl, p->prefix);
	uint32_t buf[64], *idx = buf;
	uint64_t covered = 0, aslen = 0;
	size_t n, i;

	if (d->refs.rov != NULL) {
		enum rov_reason why = ROV_REASON_NONE;
		enum rov_state st = rov_validate(d->refs.rov, pfx, p->origin,
		    &why);

		p->valid_days = st == ROV_VALID ? d->all_days : 0;
		p->invalid_days = st == ROV_INVALID ? d->all_days : 0;
		p->rov_reason = (uint8_t)why;
		return;
	}
	if (d->refs.history == NULL)
		return;
	n = history_covering(d->refs.history, pfx, buf, 64);
	if (n > 64) {
		idx = xcalloc(n, sizeof(*idx));
		history_covering(d->refs.history, pfx, idx, n);
	}
	for (i = 0; i < n; i++) {
		const struct vrp *v = history_vrp(d->refs.history, idx[i]);
		uint64_t m = vrp_days(d, idx[i]);

		covered |= m;
		if (v->asn != p->origin)
			continue;
		if (pfx->len <= v->maxlen)
			p->valid_days |= m;
		else
			aslen |= m;
	}
	if (idx != buf)
		free(idx);
	p->invalid_days = covered & ~p->valid_days;
	p->rov_reason = (uint8_t)(p->invalid_days == 0 ? ROV_REASON_NONE :
	    (p->invalid_days & aslen) ? ROV_REASON_LENGTH : ROV_REASON_AS);
}

/* The state on the last day seen (after the pair's segments are in). */
static void
pair_settle(const struct detector *d, struct pair *p)
{
	uint64_t bit;

	if (p->first == INT64_MAX)
		return;
	bit = (uint64_t)1 << day_of(d, p->last > p->first ? p->last - 1 :
	    p->first);
	p->rov = (p->valid_days & bit) ? ROV_VALID : (p->invalid_days & bit) ?
	    ROV_INVALID : ROV_NOT_FOUND;
}

static struct as_seen *
as_of(struct detector *d, uint32_t as)
{
	uint32_t *slot;
	bool added;

	slot = u64map_put(&d->as_map, as, &added);
	if (added) {
		GROW(d->ases, d->nases, d->ases_cap);
		d->as_asn = xreallocarray(d->as_asn, d->ases_cap,
		    sizeof(*d->as_asn));
		memset(&d->ases[d->nases], 0, sizeof(d->ases[0]));
		d->as_asn[d->nases] = as;
		*slot = (uint32_t)d->nases++;
	}
	return &d->ases[*slot];
}

static struct pair *
pair_of(struct detector *d, uint32_t prefix, uint32_t origin, uint32_t *idx)
{
	struct pair *p;
	uint32_t *slot;
	bool added;

	slot = u64map_put(&d->pair_map, (uint64_t)prefix << 32 | origin,
	    &added);
	if (!added) {
		*idx = *slot;
		return &d->pairs[*slot];
	}
	GROW(d->pairs, d->npairs, d->pairs_cap);
	*idx = *slot = (uint32_t)d->npairs;
	p = &d->pairs[d->npairs++];
	memset(p, 0, sizeof(*p));
	p->prefix = prefix;
	p->origin = origin;
	p->first = INT64_MAX;
	p->rov = ROV_NOT_FOUND;
	if (origin != 0)
		pair_rpki(d, p);
	if (d->refs.irr != NULL && origin != 0) {
		struct irr_lookup l;

		irr_index_lookup(d->refs.irr, timeline_prefix(d->tl, prefix),
		    origin, &l);
		p->irr = (uint8_t)l.match | (l.auth ? IRR_AUTH : 0);
	}
	return p;
}

static void
keep(struct detector *d, uint32_t pair, const struct tl_segment *s)
{
	struct sighting *k;

	GROW(d->sight, d->nsight, d->sight_cap);
	k = &d->sight[d->nsight++];
	k->pair = pair;
	k->peer = s->peer;
	k->path = s->path;
	k->start = s->start;
	k->end = s->end;
}

static uint32_t
add_evidence(struct detector *d, const struct sighting *k,
    const struct pair *p, enum detect_why why, uint32_t other)
{
	struct evidence *e;

	GROW(d->evid, d->nevid, d->evid_cap);
	e = &d->evid[d->nevid];
	memset(e, 0, sizeof(*e));
	e->peer = k->peer;
	e->prefix = k->pair == UINT32_MAX ? 0 : p->prefix;
	e->path = k->path;
	e->origin = p != NULL ? p->origin : 0;
	e->other_origin = other;
	e->why = (uint8_t)why;
	if (p != NULL) {
		uint64_t bit = (uint64_t)1 << day_of(d, k->start);

		/* The state on the day the sighting began. */
		e->rov = (p->valid_days & bit) ? ROV_VALID :
		    (p->invalid_days & bit) ? ROV_INVALID : ROV_NOT_FOUND;
		e->rov_reason = e->rov == ROV_INVALID ? p->rov_reason :
		    ROV_REASON_NONE;
		e->irr = p->irr;
	}
	return (uint32_t)d->nevid++;
}

static void
add_event(struct detector *d, uint32_t asn, enum metric m,
    const struct prefix *pfx, int64_t start, int64_t end, uint32_t evid)
{
	struct event *e;

	if (asn == 0)
		return;
	GROW(d->ev, d->nev, d->ev_cap);
	e = &d->ev[d->nev++];
	memset(e, 0, sizeof(*e));
	e->asn = asn;
	e->metric = (uint8_t)m;
	e->prefix = *pfx;
	e->start = start;
	e->end = end;
	e->weight = 1;
	e->evidence = evid;
}

/* The bogon class of a prefix id (cached), and why. */
static enum bogon_class
prefix_bogon(struct detector *d, uint32_t prefix,
    const struct bogon_reason **why)
{
	if (prefix >= d->pfx_cap) {
		size_t cap = d->pfx_cap ? d->pfx_cap : 1024;

		while (cap <= prefix)
			cap *= 2;
		d->pfx_bogon = xreallocarray(d->pfx_bogon, cap, 1);
		d->pfx_bogon_why = xreallocarray(d->pfx_bogon_why, cap,
		    sizeof(*d->pfx_bogon_why));
		memset(d->pfx_bogon + d->pfx_cap, 0, cap - d->pfx_cap);
		d->pfx_cap = cap;
	}
	if (d->pfx_bogon[prefix] == 0) {
		struct bogon_hit hit;
		size_t nhits = 0;
		bool inside = false;
		enum bogon_class c;

		c = bogons_prefix(d->refs.bogons, timeline_prefix(d->tl,
		    prefix), &hit, 1, &nhits, &inside);
		if (!inside)
			c = BOGON_NONE;
		if (c == BOGON_ADMIN)
			d->admin_bogons++;
		d->pfx_bogon[prefix] = (uint8_t)(1 + c);
		d->pfx_bogon_why[prefix] = nhits > 0 ? hit.why : NULL;
	}
	*why = d->pfx_bogon_why[prefix];
	return (enum bogon_class)(d->pfx_bogon[prefix] - 1);
}

/* M3 and M4 for one segment. */
static void
bogon_events(struct detector *d, const struct tl_segment *s,
    const struct path_info *pi)
{
	const struct prefix *pfx = timeline_prefix(d->tl, s->prefix);
	const struct bogon_reason *why;
	struct sighting k = { UINT32_MAX, s->peer, s->path, s->start,
	    s->end };
	struct evidence *e;
	uint32_t ev;

	if (d->refs.bogons == NULL)
		return;
	if (pi->origin != 0 && prefix_bogon(d, s->prefix, &why) ==
	    BOGON_FULL) {
		ev = add_evidence(d, &k, NULL, WHY_BOGON_PREFIX, 0);
		e = &d->evid[ev];
		e->prefix = s->prefix;
		e->origin = pi->origin;
		e->bogon = why;
		add_event(d, pi->origin, M3, pfx, s->start, s->end, ev);
		add_event(d, c_culprit(d, pi->neighbour, pi->origin), M3C, pfx,
		    s->start, s->end, ev);
	}
	if (pi->bogon_by != 0) {
		ev = add_evidence(d, &k, NULL, WHY_BOGON_ASN, 0);
		e = &d->evid[ev];
		e->prefix = s->prefix;
		e->origin = pi->origin;
		e->bogon_asn = pi->bogon_asn;
		e->bogon = pi->bogon_why;
		add_event(d, pi->bogon_by, M4, pfx, s->start, s->end, ev);
		add_event(d, pi->bogon_via, M4C, pfx, s->start, s->end, ev);
	}
}

static void segment(struct detector *, const struct tl_segment *);

/*
 * A segment; those that raised events or were kept as sightings are
 * remembered for the state file, to be replayed by the next run (the
 * rest only updated counters, which the state holds).
 */
static void
on_segment(void *arg, const struct tl_segment *s)
{
	struct detector *d = arg;
	size_t nev = d->nev, nsight = d->nsight;

	segment(d, s);
	if (d->nev != nev || d->nsight != nsight) {
		GROW(d->replay, d->nreplay, d->replay_cap);
		d->replay[d->nreplay++] = *s;
	}
}

static void
segment(struct detector *d, const struct tl_segment *s)
{
	struct path_info *pi = path_info(d, s->path);
	struct pair *p;
	uint64_t days;
	uint32_t idx;
	bool invalid, candidate = false;

	count_ases(d, pi, s->path, s->peer);
	bogon_events(d, s, pi);
	if (pi->leak_by != 0) {
		struct sighting k = { UINT32_MAX, s->peer, s->path, s->start,
		    s->end };
		struct evidence *e;
		uint32_t ev;

		p = pair_of(d, s->prefix, pi->origin, &idx);
		ev = add_evidence(d, &k, p, WHY_LEAK, 0);
		e = &d->evid[ev];
		e->prefix = s->prefix;
		e->culprit_next = pi->leak_to;
		add_event(d, pi->leak_by, M1, timeline_prefix(d->tl, s->prefix),
		    s->start, s->end, ev);
		add_event(d, pi->leak_to, M1C,
		    timeline_prefix(d->tl, s->prefix), s->start, s->end, ev);
	}
	if (pi->origin == 0)
		return;
	p = pair_of(d, s->prefix, pi->origin, &idx);
	add_peer(p->peers, &p->npeers, s->peer);
	days = days_mask(d, s->start, s->end);
	p->seen_days |= days;
	if (s->start < p->first)
		p->first = s->start;
	if (s->end > p->last)
		p->last = s->end;
	if (s->start <= d->from)
		p->established = true;
	invalid = (p->invalid_days & days) != 0;
	/*
	 * A newcomer can't be RPKI Valid (or Invalid: that is the other
	 * rule) or in an authoritative IRR; and without VRPs or IRR data no
	 * established origin is legitimate.
	 */
	if ((d->refs.rov != NULL || d->refs.history != NULL ||
	    d->refs.irr != NULL) && s->start > d->from &&
	    (days & ~p->valid_days & ~p->invalid_days) != 0 &&
	    !(p->irr & IRR_AUTH))
		p->candidate = candidate = true;
	if (invalid || candidate)
		keep(d, idx, s);
}

/* Valid or in an authoritative IRR: an origin with a right to the prefix. */
static bool
legitimate(const struct pair *p)
{
	return p->valid_days != 0 || (p->irr & IRR_AUTH);
}

static bool
siblings(const struct detector *d, uint32_t a, uint32_t b)
{
	return d->refs.sibling != NULL &&
	    d->refs.sibling(d->refs.sibling_ctx, a, b);
}

/* Pairs grouped by prefix: by_prefix[off[p] .. off[p + 1]). */
static void
group_pairs(struct detector *d, uint32_t **off_out, uint32_t **by_out)
{
	size_t np = timeline_nprefixes(d->tl), i;
	uint32_t *off = xcalloc(np + 1, sizeof(*off));
	uint32_t *by = xcalloc(d->npairs ? d->npairs : 1, sizeof(*by));
	uint32_t *fill;

	for (i = 0; i < d->npairs; i++)
		off[d->pairs[i].prefix + 1]++;
	for (i = 0; i < np; i++)
		off[i + 1] += off[i];
	fill = xcalloc(np + 1, sizeof(*fill));
	memcpy(fill, off, (np + 1) * sizeof(*fill));
	for (i = 0; i < d->npairs; i++)
		by[fill[d->pairs[i].prefix]++] = (uint32_t)i;
	free(fill);
	*off_out = off;
	*by_out = by;
}

/*
 * The established origin a newcomer challenges: a legitimate origin of
 * the same or a covering prefix, there when the period began and seen
 * by enough peers, and not the newcomer's sibling.  0 if none.
 */
static uint32_t
rival(struct detector *d, const struct pair *nc, const uint32_t *off,
    const uint32_t *by)
{
	struct prefix q = *timeline_prefix(d->tl, nc->prefix);
	unsigned minp = d->refs.method->misorigin_min_peers;
	int len;

	for (len = q.len; len >= 0; len--) {
		int64_t id;
		uint32_t i;

		q.len = (uint8_t)len;
		prefix_mask(&q);
		if ((id = timeline_prefix_find(d->tl, &q)) < 0)
			continue;
		for (i = off[id]; i < off[id + 1]; i++) {
			const struct pair *r = &d->pairs[by[i]];

			if (r->origin != nc->origin && r->established &&
			    legitimate(r) && r->npeers >= minp &&
			    !siblings(d, nc->origin, r->origin))
				return r->origin;
		}
	}
	return 0;
}

static uint32_t
c_culprit(const struct detector *d, uint32_t neighbour, uint32_t origin)
{
	enum asrel r;

	if (neighbour == 0 || siblings(d, neighbour, origin))
		return 0;
	if (d->refs.graph == NULL)
		return neighbour;
	r = asgraph_rel(d->refs.graph, neighbour, origin);
	return r == ASREL_PROVIDER || r == ASREL_NONE ? neighbour : 0;
}

/*
 * M2 and M2C events for the part of a sighting on the days in mask (the
 * days its pair was RPKI Invalid, or a MOAS newcomer), one per stretch
 * of consecutive days.
 */
static void
misorigin_events(struct detector *d, const struct sighting *k,
    const struct pair *p, uint64_t mask, enum detect_why why, uint32_t other)
{
	const struct prefix *pfx = timeline_prefix(d->tl, p->prefix);
	uint32_t c = c_culprit(d, path_info(d, k->path)->neighbour, p->origin);
	unsigned a = 0;

	while (mask != 0) {
		int64_t start, end;
		unsigned b;
		uint32_t ev;

		while (!(mask >> a & 1))
			a++;
		for (b = a; b + 1 < 64 && (mask >> (b + 1) & 1); b++)
			;
		mask &= b == 63 ? 0 : ~(((uint64_t)1 << (b + 1)) - 1);
		start = d->day0 + (int64_t)a * DAY_S;
		end = d->day0 + (int64_t)(b + 1) * DAY_S;
		if (start < k->start)
			start = k->start;
		if (end > k->end || k->end == k->start)
			end = k->end;
		ev = add_evidence(d, k, p, why, other);
		d->evid[ev].rov = why == WHY_RPKI_INVALID ? ROV_INVALID :
		    ROV_NOT_FOUND;
		d->evid[ev].rov_reason = why == WHY_RPKI_INVALID ?
		    p->rov_reason : ROV_REASON_NONE;
		add_event(d, p->origin, M2, pfx, start, end, ev);
		add_event(d, c, M2C, pfx, start, end, ev);
		a = b + 1;
	}
}

static void
misoriginations(struct detector *d)
{
	unsigned minp = d->refs.method->misorigin_min_peers;
	uint32_t *off, *by, *rivals;
	size_t i;

	if (minp > MAX_PAIR_PEERS)
		minp = MAX_PAIR_PEERS;
	group_pairs(d, &off, &by);
	rivals = xcalloc(d->npairs ? d->npairs : 1, sizeof(*rivals));
	for (i = 0; i < d->npairs; i++) {
		struct pair *p = &d->pairs[i];

		if (p->candidate && !p->established && p->npeers >= minp)
			rivals[i] = rival(d, p, off, by);
	}
	for (i = 0; i < d->nsight; i++) {
		const struct sighting *k = &d->sight[i];
		const struct pair *p = &d->pairs[k->pair];
		uint64_t days = days_mask(d, k->start, k->end);

		if (p->npeers < minp)
			continue;
		misorigin_events(d, k, p, days & p->invalid_days,
		    WHY_RPKI_INVALID, 0);
		if (rivals[k->pair] != 0)
			misorigin_events(d, k, p, days & ~p->valid_days &
			    ~p->invalid_days, WHY_MOAS_NEWCOMER,
			    rivals[k->pair]);
	}
	free(rivals);
	free(off);
	free(by);
}

static int
u32_cmp(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x > y) - (x < y);
}

static void
universe(struct detector *d)
{
	unsigned minp = d->refs.method->universe_min_peers;
	size_t i;

	if (minp > MAX_PAIR_PEERS)
		minp = MAX_PAIR_PEERS;
	if (timeline_npeers(d->tl) < minp)
		minp = 1;
	d->universe = xcalloc(d->nases ? d->nases : 1, sizeof(*d->universe));
	for (i = 0; i < d->nases; i++) {
		uint32_t as = d->as_asn[i];

		if (d->ases[i].npeers < minp)
			continue;
		if (d->refs.unassigned != NULL &&
		    d->refs.unassigned(d->refs.unassigned_ctx, as))
			continue;
		d->universe[d->nuniverse++] = as;
	}
	qsort(d->universe, d->nuniverse, sizeof(*d->universe), u32_cmp);
}

/*
 * Registration counts per origin AS over the pairs it announced: for the
 * period (RPKI state on the pair's last day seen) and for each day.
 */
static void
registrations(struct detector *d)
{
	size_t i;
	unsigned k;

	d->daycount = xcalloc(d->nases ? d->nases * d->ndays : 1,
	    sizeof(*d->daycount));
	for (i = 0; i < d->npairs; i++) {
		struct pair *p = &d->pairs[i];
		const uint32_t *slot = u64map_get(&d->as_map, p->origin);
		struct day_count *dc;
		struct as_seen *a;
		bool irr = (p->irr & ~IRR_AUTH) != IRR_MATCH_NONE;

		pair_settle(d, p);
		if (slot == NULL || p->first == INT64_MAX)
			continue;
		a = &d->ases[*slot];
		a->announced++;
		a->irr += irr;
		if (p->rov == ROV_VALID)
			a->valid++;
		else if (p->rov == ROV_INVALID)
			a->invalid++;
		dc = &d->daycount[(size_t)*slot * d->ndays];
		for (k = 0; k < d->ndays; k++) {
			if (!(p->seen_days >> k & 1))
				continue;
			dc[k].announced++;
			dc[k].irr += irr;
			dc[k].valid += p->valid_days >> k & 1;
			dc[k].invalid += p->invalid_days >> k & 1;
		}
	}
}

void
detector_finish(struct detector *d)
{
	if (d->finished)
		return;
	d->finished = true;
	timeline_finish(d->tl);
	misoriginations(d);
	registrations(d);
	universe(d);
}

struct event *
detector_events(struct detector *d, size_t *n)
{
	*n = d->nev;
	return d->ev;
}

const struct evidence *
detector_evidence(const struct detector *d, uint32_t idx)
{
	return idx < d->nevid ? &d->evid[idx] : NULL;
}

const uint32_t *
detector_universe(struct detector *d, size_t *n)
{
	*n = d->nuniverse;
	return d->universe;
}

void
detector_facts(const struct detector *d, uint32_t asn, struct as_facts *f)
{
	const uint32_t *slot = u64map_get(&d->as_map, asn);
	const struct as_seen *a;

	if (slot == NULL)
		return;
	a = &d->ases[*slot];
	f->announced += a->announced;
	f->irr_registered += a->irr;
	f->rpki_valid += a->valid;
	f->rpki_invalid += a->invalid;
}

unsigned
detector_ndays(const struct detector *d, int64_t *day0)
{
	if (day0 != NULL)
		*day0 = d->day0;
	return d->ndays;
}

void
detector_facts_day(const struct detector *d, uint32_t asn, unsigned day,
    struct as_facts *f)
{
	const uint32_t *slot = u64map_get(&d->as_map, asn);
	const struct day_count *dc;

	if (slot == NULL || day >= d->ndays || d->daycount == NULL)
		return;
	dc = &d->daycount[(size_t)*slot * d->ndays + day];
	f->announced += dc->announced;
	f->irr_registered += dc->irr;
	f->rpki_valid += dc->valid;
	f->rpki_invalid += dc->invalid;
}

bool
detector_announcement(const struct detector *d, size_t i,
    struct announcement *a)
{
	const struct pair *p;
	uint64_t m;

	if (i >= d->npairs)
		return false;
	p = &d->pairs[i];
	if (p->origin == 0 || p->first == INT64_MAX)
		return false;
	a->prefix = timeline_prefix(d->tl, p->prefix);
	a->origin = p->origin;
	a->first = p->first;
	a->last = p->last;
	for (a->days = 0, m = p->seen_days; m != 0; m &= m - 1)
		a->days++;
	a->peers = p->npeers;
	a->rov = p->rov;
	a->irr = p->irr & ~IRR_AUTH;
	a->irr_auth = (p->irr & IRR_AUTH) != 0;
	return true;
}

size_t
detector_admin_bogons(const struct detector *d)
{
	return d->admin_bogons;
}

size_t
detector_npairs(const struct detector *d)
{
	return d->npairs;
}

/* ---- state of an incremental run (observe/state.h) ---- */

#define PAIR_ESTABLISHED	0x1
#define PAIR_CANDIDATE		0x2

void
detector_save(struct detector *d, struct state_out *out)
{
	size_t i, n = 0;
	uint8_t k;

	timeline_save(d->tl, out);
	for (i = 0; i < d->npairs; i++)
		n += d->pairs[i].origin != 0;
	state_u32(out, (uint32_t)n);
	for (i = 0; i < d->npairs; i++) {
		const struct pair *p = &d->pairs[i];

		if (p->origin == 0)
			continue;	/* made for a leak's evidence only */
		state_u32(out, p->prefix);
		state_u32(out, p->origin);
		state_u64(out, p->seen_days);
		state_u64(out, (uint64_t)p->first);
		state_u64(out, (uint64_t)p->last);
		state_u8(out, (uint8_t)((p->established ? PAIR_ESTABLISHED :
		    0) | (p->candidate ? PAIR_CANDIDATE : 0)));
		state_u8(out, p->npeers);
		for (k = 0; k < p->npeers; k++)
			state_u32(out, p->peers[k]);
	}
	state_u32(out, (uint32_t)d->nases);
	for (i = 0; i < d->nases; i++) {
		state_u32(out, d->as_asn[i]);
		state_u8(out, d->ases[i].npeers);
		for (k = 0; k < d->ases[i].npeers; k++)
			state_u32(out, d->ases[i].peers[k]);
	}
	state_u32(out, (uint32_t)d->nreplay);
	for (i = 0; i < d->nreplay; i++) {
		const struct tl_segment *r = &d->replay[i];

		state_u32(out, r->peer);
		state_u32(out, r->prefix);
		state_u32(out, r->path);
		state_u32(out, r->path_id);
		state_u64(out, (uint64_t)r->start);
		state_u64(out, (uint64_t)r->end);
		state_u8(out, r->open);
	}
}

static bool
load_peers(struct cursor *c, uint32_t *peers, uint8_t *n, uint32_t npeers)
{
	uint8_t k;

	if (!cur_u8(c, n) || *n > MAX_PAIR_PEERS)
		return false;
	for (k = 0; k < *n; k++)
		if (!cur_u32(c, &peers[k]) || peers[k] >= npeers)
			return false;
	return true;
}

struct detector *
detector_load(const struct detect_refs *refs, int64_t from, int64_t to,
    struct cursor *c, char *err, size_t errlen)
{
	struct detector *d = detector_new(refs, from, to);
	struct tl_segment *rs = NULL;
	uint32_t n, i, npfx, npeers, npaths;
	const char *what = "timeline";

	if (!timeline_load(d->tl, c, err, errlen))
		goto fail_quiet;
	npfx = (uint32_t)timeline_nprefixes(d->tl);
	npeers = (uint32_t)timeline_npeers(d->tl);
	npaths = (uint32_t)timeline_npaths(d->tl);
	what = "pairs";
	if (!state_get_count(c, 30, &n))
		goto fail;
	for (i = 0; i < n; i++) {
		uint32_t prefix, origin, idx;
		uint64_t days, first, last;
		uint8_t flags;
		struct pair *p;

		if (!cur_u32(c, &prefix) || !cur_u32(c, &origin) ||
		    prefix >= npfx || origin == 0 ||
		    !state_get_u64(c, &days) || !state_get_u64(c, &first) ||
		    !state_get_u64(c, &last) || !cur_u8(c, &flags))
			goto fail;
		p = pair_of(d, prefix, origin, &idx);
		if (idx != d->npairs - 1)
			goto fail;		/* a pair twice */
		p->seen_days = days & d->all_days;
		p->first = (int64_t)first;
		p->last = (int64_t)last;
		p->established = (flags & PAIR_ESTABLISHED) != 0;
		p->candidate = (flags & PAIR_CANDIDATE) != 0;
		if (!load_peers(c, p->peers, &p->npeers, npeers))
			goto fail;
	}
	what = "ASes";
	if (!state_get_count(c, 5, &n))
		goto fail;
	for (i = 0; i < n; i++) {
		struct as_seen *a;
		uint32_t asn;

		if (!cur_u32(c, &asn))
			goto fail;
		a = as_of(d, asn);
		if (a != &d->ases[d->nases - 1] ||
		    !load_peers(c, a->peers, &a->npeers, npeers))
			goto fail;
	}
	what = "segments";
	if (!state_get_count(c, 33, &n))
		goto fail;
	rs = xcalloc(n ? n : 1, sizeof(*rs));
	for (i = 0; i < n; i++) {
		uint64_t start, end;
		uint8_t open;

		if (!cur_u32(c, &rs[i].peer) || !cur_u32(c, &rs[i].prefix) ||
		    !cur_u32(c, &rs[i].path) || !cur_u32(c, &rs[i].path_id) ||
		    !state_get_u64(c, &start) || !state_get_u64(c, &end) ||
		    !cur_u8(c, &open) || rs[i].peer >= npeers ||
		    rs[i].prefix >= npfx || rs[i].path >= npaths ||
		    (int64_t)end < (int64_t)start)
			goto fail;
		rs[i].start = (int64_t)start;
		rs[i].end = (int64_t)end;
		rs[i].open = open != 0;
	}
	if (!cur_empty(c)) {
		what = "the end";
		goto fail;
	}
	/* Raise their events and sightings again, under today's refs. */
	for (i = 0; i < n; i++)
		on_segment(d, &rs[i]);
	free(rs);
	return d;
fail:
	snprintf(err, errlen, "state: bad %s section", what);
fail_quiet:
	free(rs);
	detector_free(d);
	return NULL;
}
