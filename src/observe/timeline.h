/*
 * The timeline: which route each collector peer had for each prefix, and
 * when.  Fed with MRT elements in time order (a RIB dump, then updates),
 * it reports every stretch of time a peer kept one route (AS path) for a
 * prefix as a segment: a new path, a withdrawal or the peer's session
 * going down ends it, and routes still there at the end of the period end
 * there.  Detectors work on segments and never see MRT.
 */
#ifndef MANRS_OBSERVE_TIMELINE_H
#define MANRS_OBSERVE_TIMELINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "formats/mrt.h"
#include "net/prefix.h"

struct tl_segment {
	uint32_t	peer;		/* timeline_peer_info() */
	uint32_t	prefix;		/* timeline_prefix() */
	uint32_t	path;		/* timeline_path() */
	uint32_t	path_id;	/* ADD-PATH id, 0 without */
	int64_t		start, end;	/* clipped to the period; end >= start */
	bool		open;		/* still announced at the period's end */
};

typedef void tl_segment_fn(void *ctx, const struct tl_segment *);

struct tl_peer {
	uint32_t	collector;	/* the caller's collector number */
	struct addr	ip;
	uint32_t	asn;
};

struct tl_stats {
	uint64_t	elems;		/* fed */
	uint64_t	late;		/* at or after the period's end: ignored */
	uint64_t	no_peer;	/* RIB entries without a known peer */
	uint64_t	too_many_routes;/* over MAX_TIMELINE_ROUTES for a prefix */
	uint64_t	too_many_paths;	/* over MAX_TIMELINE_PATHS or peers */
	uint64_t	session_downs;
	uint64_t	segments;	/* reported */
};

/*
 * An element as the timeline reads it.  tl_elem_hash normalizes its keys
 * and hashes them, on whichever thread decoded it, so feeding a batch of
 * them only probes the tables.  The AS path (has_attrs, not a withdrawal)
 * is words[word .. word + nword) of the batch: for each segment a header
 * (type << 16 | count), then count ASNs.
 */
struct tl_elem {
	uint64_t	peer_hash, prefix_hash, path_hash;
	int64_t		ts;
	uint32_t	peer_as;
	uint32_t	path_id;	/* ADD-PATH id, 0 without */
	uint32_t	word, nword;
	uint16_t	old_state, new_state;
	uint8_t		kind;		/* enum mrt_elem_kind */
	bool		has_attrs;
	struct addr	peer_ip;
	struct prefix	prefix;
};

struct timeline;

/* Zero what lies past the peer address and prefix bytes, and set the
 * hashes; words is the batch's path words. */
void		 tl_elem_hash(struct tl_elem *, uint32_t collector,
		    const uint32_t *words);

/* Segments are clipped to [from, to) and passed to fn as they close. */
struct timeline	*timeline_new(int64_t from, int64_t to, tl_segment_fn *fn,
		    void *ctx);
/*
 * One MRT element from the given collector, at the time of its record.
 * RIB entries and announcements set the peer's route, withdrawals end
 * it; a session leaving Established ends all the peer's routes.
 */
void		 timeline_feed(struct timeline *, uint32_t collector,
		    const struct mrt_elem *);
/* The same for n elements hashed by tl_elem_hash, with their paths in
 * words: the tables' slots for the next elements are fetched ahead. */
void		 timeline_feed_batch(struct timeline *, uint32_t collector,
		    const struct tl_elem *, size_t n, const uint32_t *words);
/* Close every route still held (at the period's end, or when its session
 * went down) and report it.  Feeding may not continue after this. */
void		 timeline_finish(struct timeline *);
void		 timeline_free(struct timeline *);

const struct prefix *timeline_prefix(const struct timeline *, uint32_t id);
/* The id of a prefix the timeline has seen, or -1. */
int64_t		 timeline_prefix_find(const struct timeline *,
		    const struct prefix *);
/*
 * An AS path as words: for each segment a header (type << 16 | count),
 * then count ASNs.  *n gets the number of words.
 */
const uint32_t	*timeline_path(const struct timeline *, uint32_t id,
		    size_t *n);
/* The origin AS of a path, 0 if it ends in an AS_SET or is empty. */
uint32_t	 timeline_path_origin(const struct timeline *, uint32_t id);
const struct tl_peer *timeline_peer_info(const struct timeline *,
		    uint32_t id);
size_t		 timeline_npeers(const struct timeline *);
size_t		 timeline_nprefixes(const struct timeline *);
size_t		 timeline_npaths(const struct timeline *);
const struct tl_stats *timeline_stats(const struct timeline *);

/*
 * Incremental runs (observe/state.h): save the tables and the routes
 * still held (routes of sessions that went down end first, reported as
 * segments), and load them into a new, empty timeline.
 */
struct state_out;
struct cursor;
void		 timeline_save(struct timeline *, struct state_out *);
bool		 timeline_load(struct timeline *, struct cursor *, char *err,
		    size_t errlen);
/* Bytes held by the timeline's tables, for benchmarks. */
size_t		 timeline_memory(const struct timeline *);

#endif
