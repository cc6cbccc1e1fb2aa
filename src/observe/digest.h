/*
 * An incident's events in summary, for the store: exact counts (events,
 * distinct peers and prefixes), one row per (prefix, origin) with when it
 * was seen and in how many events, and which events to keep as evidence
 * rows — at most a bound of them, the ones a report shows first.
 *
 * The sample is the first `max` events in the order a report reads
 * evidence (src/report/model.c: by start, then prefix as text, then the
 * order they were stored), so a report of a store written with the bound
 * shows what it showed of the whole set.
 */
#ifndef MANRS_OBSERVE_DIGEST_H
#define MANRS_OBSERVE_DIGEST_H

#include <stddef.h>
#include <stdint.h>

#include "net/prefix.h"
#include "observe/score.h"

/* One (prefix, origin) of an incident. */
struct digest_prefix {
	struct prefix	p;
	char		text[PREFIX_STRLEN];
	uint32_t	origin;
	int64_t		first, last;	/* its events' first start, last end */
	size_t		events;
	uint32_t	id;		/* internal */
};

/* The peer and origin of the route behind an event. */
typedef void	(*digest_route_fn)(void *ctx, const struct event *,
		    uint32_t *peer, uint32_t *origin);

struct digest_key;
struct digest_sel;

struct digest {
	size_t			 events, peers, prefixes;
	/* Distinct (prefix, origin): by prefix text, then origin. */
	struct digest_prefix	*pfx;
	size_t			 npfx;
	/* Offsets of the events to store, in the events' order. */
	size_t			*sample;
	size_t			 nsample;

	/* Scratch, kept between incidents. */
	struct digest_key	*key;
	uint32_t		*peer, *group;
	struct digest_sel	*sel;
	size_t			 cap, pfx_cap, sample_cap;
};

void	digest_init(struct digest *);
void	digest_free(struct digest *);
/*
 * Summarise n events of one incident, as incidents_build left them
 * (sorted by start); keep at most max of them (0: none).
 */
void	digest_incident(struct digest *, const struct event *ev, size_t n,
	    size_t max, digest_route_fn, void *ctx);

#endif
