/*
 * From detector events to incidents, penalties, percentages and labels
 * (DESIGN.md §4).  Pure functions of their inputs and a struct method, so
 * the same events always give the same scores.
 */
#ifndef MANRS_OBSERVE_SCORE_H
#define MANRS_OBSERVE_SCORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "net/prefix.h"
#include "observe/method.h"

#define TIME_OPEN	INT64_MAX	/* an event still open: ends at the period's end */

struct event {
	uint32_t	asn;		/* the AS the event counts against */
	uint8_t		metric;		/* enum metric */
	struct prefix	prefix;
	int64_t		start, end;	/* UTC seconds, [start, end) */
	double		weight;
	uint32_t	evidence;	/* caller's index into its evidence */
};

struct incident {
	uint32_t	asn;
	uint8_t		metric;
	bool		disputed;	/* accepted as a false positive */
	int64_t		start, end;	/* clipped to the period */
	double		weight;		/* the largest of its events' */
	double		score;		/* incident_score(end - start) */
	size_t		first, count;	/* its events, in the sorted array */
};

/* 0.5 below 30 min, 1 below 24 h, else 1 + whole days (with defaults). */
double	incident_score(const struct method *, int64_t seconds);
/* 0.6 ^ sqrt(2 raw), as a percentage. */
double	penalty_pct(const struct method *, double raw);
enum label label_of(const struct method *, double pct);

/*
 * Sort ev[0..n) by (asn, metric, start, end) and merge, per (asn,
 * metric), events whose clipped intervals overlap or touch into
 * incidents.  Events are clipped to [from, to); those outside it are
 * moved past the kept ones and not looked at again.  Returns
 * the number of incidents written to *out (allocated; free it).
 */
size_t	incidents_build(const struct method *, struct event *ev, size_t n,
	    int64_t from, int64_t to, struct incident **out);

/* What the detectors found for one AS over the period. */
struct as_facts {
	double		raw[METRIC_COUNT];	/* penalty per metric */
	bool		spoofer_tested;		/* any Spoofer session: M5 has data */
	bool		contacts_known;		/* whois or PeeringDB was read */
	bool		has_contact;
	bool		irr_known, rpki_known;	/* IRR dumps, VRPs were read */
	uint64_t	announced;		/* (prefix, origin) pairs originated */
	uint64_t	irr_registered;
	uint64_t	rpki_valid, rpki_invalid;
};

struct as_score {
	double		pct[ACTION_COUNT];	/* meaningless when label is NODATA */
	enum label	label[ACTION_COUNT];
};

/* Add each non-disputed incident's score × weight to facts->raw. */
void	facts_add_incidents(const struct method *, struct as_facts *,
	    const struct incident *, size_t n);
void	score_as(const struct method *, const struct as_facts *,
	    struct as_score *);

#endif
