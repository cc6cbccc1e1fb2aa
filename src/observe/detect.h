/*
 * Detectors (DESIGN.md §4): from timeline segments to events with
 * evidence, and the per-AS facts the registration metrics need.
 *
 *  M1/M1C  route leak: a path that is not valley-free under the AS
 *          relationships; the culprit is the AS where the path turns
 *          back up, M1C the AS it leaked to.
 *  M3/M3C  bogon prefix: an originated prefix inside a full bogon (IANA
 *          special-purpose space that is not globally reachable, or
 *          IANA-unallocated); the culprit is the origin.  Administrative
 *          bogons (RIR available/reserved) are counted, not raised.
 *  M4/M4C  bogon ASN: a reserved, private or documentation ASN or
 *          AS_TRANS in the path; the culprit is the nearest AS on the
 *          collector side of it that is not a bogon.
 *  M2/M2C  misorigination: a (prefix, origin) seen by at least
 *          method.misorigin_min_peers peers that is RPKI Invalid, or a
 *          MOAS/sub-MOAS newcomer that is neither RPKI Valid nor in an
 *          authoritative IRR while the established origin is; sibling
 *          origins excepted.  M2C is the AS before the origin on the
 *          path when it is the origin's provider or the link is unknown.
 *
 * Reference data is optional: without VRPs nothing is RPKI Invalid,
 * without relationships no leak is found — a run says what it lacked.
 */
#ifndef MANRS_OBSERVE_DETECT_H
#define MANRS_OBSERVE_DETECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "observe/method.h"
#include "observe/score.h"
#include "observe/timeline.h"

struct rov;
struct irr_index;
struct asgraph;
struct bogons;
struct history;
struct state_out;
struct cursor;

/* Days a period may touch: the per-day state is a 64-bit mask. */
#define DETECT_MAX_DAYS	64

struct detect_refs {
	const struct method	*method;
	/* RPKI: one VRP set for the whole period, or dated snapshots
	 * (each day judged by its own, else the nearest earlier, else the
	 * first); both NULL: no RPKI data. */
	const struct rov	*rov;
	const struct history	*history;
	const struct irr_index	*irr;		/* NULL: no IRR data */
	struct asgraph		*graph;		/* NULL: no relationships */
	const struct bogons	*bogons;	/* NULL: no bogon checks */
	/* Are a and b the same organisation (PeeringDB org)? NULL: never. */
	bool			(*sibling)(void *ctx, uint32_t a, uint32_t b);
	void			*sibling_ctx;
	/* RIR available/reserved ASNs, left out of the universe. NULL: none. */
	bool			(*unassigned)(void *ctx, uint32_t asn);
	void			*unassigned_ctx;
};

/* Why an event was raised, for the evidence. */
enum detect_why {
	WHY_LEAK,		/* path not valley-free */
	WHY_RPKI_INVALID,
	WHY_MOAS_NEWCOMER,	/* see other_origin */
	WHY_BOGON_PREFIX,	/* see bogon */
	WHY_BOGON_ASN,		/* see bogon_asn and bogon */
};

/* What an event saw: one peer's route for one stretch of time. */
struct evidence {
	uint32_t	peer;		/* timeline ids */
	uint32_t	prefix;
	uint32_t	path;
	uint32_t	origin;
	uint32_t	other_origin;	/* the established origin, for MOAS */
	uint32_t	culprit_next;	/* M1: the AS leaked to */
	uint32_t	bogon_asn;	/* M4: the bogon ASN on the path */
	const void	*bogon;		/* M3, M4: struct bogon_reason */
	uint8_t		why;		/* enum detect_why */
	uint8_t		rov;		/* enum rov_state of (prefix, origin) */
	uint8_t		rov_reason;
	uint8_t		irr;		/* IRR_MATCH_*, 0x80 if any auth source */
};

struct detector;

/*
 * The UTC days [from, to) touches, from *day0 (midnight of from's day);
 * a detector takes at most DETECT_MAX_DAYS.
 */
int64_t		 detect_period_days(int64_t from, int64_t to, int64_t *day0);

/* The detector owns a timeline over [from, to) and feeds it. */
struct detector	*detector_new(const struct detect_refs *, int64_t from,
		    int64_t to);
void		 detector_free(struct detector *);
struct timeline	*detector_timeline(struct detector *);
void		 detector_feed(struct detector *, uint32_t collector,
		    const struct mrt_elem *);
/* End of input: close the timeline and turn candidates into events. */
void		 detector_finish(struct detector *);

/* The events (the caller may sort them: incidents_build does). */
struct event	*detector_events(struct detector *, size_t *n);
const struct evidence *detector_evidence(const struct detector *,
		    uint32_t idx);
/*
 * ASes seen in paths by at least method.universe_min_peers peers (or 1
 * when the data has fewer peers than that), sorted.
 */
const uint32_t	*detector_universe(struct detector *, size_t *n);
/* Registration facts of an AS: announced pairs, IRR, RPKI. */
void		 detector_facts(const struct detector *, uint32_t asn,
		    struct as_facts *);
/* Days the period touches (at most DETECT_MAX_DAYS), from *day0. */
unsigned	 detector_ndays(const struct detector *, int64_t *day0);
/* Registration facts of an AS on day k of the period. */
void		 detector_facts_day(const struct detector *, uint32_t asn,
		    unsigned day, struct as_facts *);

/* A (prefix, origin) pair announced in the period. */
struct announcement {
	const struct prefix	*prefix;
	uint32_t		 origin;
	int64_t			 first, last;	/* seen */
	unsigned		 days, peers;	/* peers: up to 16 */
	uint8_t			 rov;		/* on the last day seen */
	uint8_t			 irr;		/* IRR_MATCH_* */
	bool			 irr_auth;
};
/* Pair i (< detector_npairs), after detector_finish; false: not one. */
bool		 detector_announcement(const struct detector *, size_t i,
		    struct announcement *);
/*
 * Incremental runs: save what the data read so far left (before
 * detector_finish), and continue from it in a later run over the same
 * period, with its own refs (RPKI and IRR state are judged again).
 */
void		 detector_save(struct detector *, struct state_out *);
struct detector	*detector_load(const struct detect_refs *, int64_t from,
		    int64_t to, struct cursor *, char *err, size_t errlen);

/* Distinct (prefix, origin) pairs seen. */
size_t		 detector_npairs(const struct detector *);
/* Prefixes seen that are administrative bogons (recorded, not scored). */
size_t		 detector_admin_bogons(const struct detector *);

#endif
