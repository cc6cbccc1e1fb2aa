/*
 * Scores over any window of whole UTC days, from the store alone
 * (DESIGN.md §4): an AS's per-day facts rows summed over the window, its
 * incidents minus those with an accepted dispute, merged per metric when
 * they overlap or touch (a monthly run clips an incident at the month's
 * end, so one real incident may be two rows), clipped to the window and
 * scored with the method of the run concerned.  The result keeps what
 * made each action's score, so a caller can always say why.
 *
 * A window can also be exactly a run's period, scored from that run's
 * period facts row and its own incidents: that is how the monthly scores
 * are recomputed when a dispute is accepted (window_rescore_incident).
 */
#ifndef MANRS_OBSERVE_WINDOW_H
#define MANRS_OBSERVE_WINDOW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "observe/method.h"
#include "observe/score.h"
#include "store/store.h"

#define WINDOW_DAY	86400
#define WINDOW_ID_LEN	96	/* an incident id */
#define WINDOW_PERIOD_LEN 24	/* a facts period: "2015-04", "2015-04-17" */

/* A run overlapping the loaded span, with its method. */
struct window_run {
	int64_t		id, from, to;
	struct method	method;
	bool		method_stored;	/* false: runs.method was NULL */
};

/* One facts row: a day of a run, or a run's whole period. */
struct window_fact {
	int64_t		run_id;
	int64_t		day;		/* UTC midnight; period rows: run's from */
	bool		period;		/* the run's period row, not a day */
	char		name[WINDOW_PERIOD_LEN];	/* as stored */
	uint64_t	announced, irr_registered, rpki_valid, rpki_invalid;
	bool		irr_known, rpki_known;
	int		has_contact;	/* 0, 1; -1: NULL (no contact data) */
	int64_t		spoofed;	/* -1: NULL (no Spoofer test) */
};

/* One stored incident row. */
struct window_row {
	char		id[WINDOW_ID_LEN];
	int64_t		run_id;
	uint8_t		metric;		/* enum metric */
	int64_t		start, end;
	double		weight;
	int64_t		dispute;	/* id of an accepted dispute, or 0 */
};

/* What the store holds for one AS over a span of days. */
struct window_src {
	uint32_t		 asn;
	int64_t			 from, to;
	struct window_run	*runs;	/* by (to, id): the last is newest */
	size_t			 nruns;
	struct window_fact	*facts;	/* by day */
	size_t			 nfacts;
	struct window_row	*rows;	/* by (metric, start) */
	size_t			 nrows;
};

/*
 * Load the facts, incidents and runs of asn over [from, to) (UTC
 * midnights).  False with err set on a store error or a run's method
 * that does not parse.
 */
bool	window_load(struct store *, uint32_t asn, int64_t from, int64_t to,
	    struct window_src *, char *err, size_t errlen);
void	window_src_free(struct window_src *);

struct window_score {
	int64_t		 from, to;
	const struct window_run *run;	/* whose method; NULL: defaults */
	struct method	 method;
	bool		 period;	/* from a run's period facts row */
	unsigned	 days;		/* day facts rows summed */
	unsigned	 spoofer_days;	/* ... of which with a Spoofer test */
	int64_t		 contact_day;	/* where has_contact came from; -1 */
	size_t		 disputed;	/* rows left out: accepted disputes */
	struct as_facts	 facts;		/* summed; raw[] from the incidents */
	struct as_score	 score;
	/* Merged, clipped incidents; ev[first..first+count).evidence are
	 * their rows' indices in the window_src. */
	struct incident	*inc;
	size_t		 ninc;
	struct event	*ev;
	size_t		 nev;
};

/*
 * Score [from, to) (UTC midnights, inside the loaded span) from the day
 * rows, with the method of the newest run overlapping the window.
 */
void	window_score(const struct window_src *, int64_t from, int64_t to,
	    struct window_score *);
/*
 * Score one run's period from its period facts row and its incidents.
 * False when the AS has no period facts row in that run (the window's
 * facts are then empty and only Filtering means anything).
 */
bool	window_score_run(const struct window_src *, int64_t run_id,
	    struct window_score *);
void	window_score_free(struct window_score *);

/*
 * Why an action scored what it did, in plain words: the incidents (ids,
 * durations, scores) or the counts behind it.  Returns snprintf's length.
 */
size_t	window_why(const struct window_src *, const struct window_score *,
	    enum action, char *buf, size_t len);

/* The metric that gave Filtering its pct (M2 when nothing did). */
enum metric window_worst_filter(const struct window_score *);

/*
 * Recompute the stored period scores of the run holding an incident and
 * the incident's AS, with that run's method and its incidents minus the
 * accepted disputes; runs in the caller's transaction (a dispute_hook).
 * ctx, when not NULL, is a struct window_rescored to fill.
 */
struct window_rescored {
	bool		done;		/* scores were rewritten */
	bool		whole;		/* all actions, not Filtering only */
	uint32_t	asn;
	int64_t		run_id;
	char		period[WINDOW_PERIOD_LEN];
	struct as_score	score;
};

bool	window_rescore_incident(struct store *, const char *incident,
	    void *ctx, char *err, size_t errlen);

/*
 * The (prefix, origin) pairs asn announced in [from, to), from the runs
 * overlapping it (the newest run's state when two have the same prefix),
 * sorted by prefix text.  rpki and irr are "" when the run had no VRPs or
 * no IRR.  False on a store error.
 */
struct window_ann {
	char		prefix[64];
	char		rpki[16];	/* valid, invalid, not-found, "" */
	char		irr[16];	/* exact, more-specific, none, "" */
	int64_t		first_seen, last_seen;
};
bool	window_announcements(struct store *, uint32_t asn, int64_t from,
	    int64_t to, struct window_ann **out, size_t *n, char *err,
	    size_t errlen);

/*
 * The newest UTC day with day facts in the store, as UTC midnight; false
 * if there is none.
 */
bool	window_last_day(struct store *, int64_t *day);
/*
 * The periods ("2015-04") with scores for asn (0: for any AS), comma
 * separated, into buf; "none" if there are none.  Returns how many.
 */
size_t	window_periods(struct store *, uint32_t asn, char *buf, size_t len);

/* "2015-04-17", strictly, as UTC midnight (window_json.c). */
bool	window_day_parse(const char *, int64_t *day);
/* UTC midnight t as "2015-04-17" (window_json.c). */
void	window_day_fmt(int64_t t, char buf[WINDOW_PERIOD_LEN]);
/* A window's scores, explanations, facts and incidents (window_json.c). */
struct json_t;
struct json_t *window_json(const struct window_src *,
	    const struct window_score *);

#endif
