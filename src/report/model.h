/*
 * The monthly conformance report of one AS as data, read from the store:
 * what the Markdown, HTML and JSON renderers (and the HTTP server) show.
 * Loading is the only part that touches SQLite; renderers only read this.
 */
#ifndef MANRS_REPORT_MODEL_H
#define MANRS_REPORT_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "base/limits.h"

#include "observe/method.h"

struct sqlite3;
struct stmt_cache;
struct store;

/* Months of history shown: the report's month and the 6 before it. */
#define REPORT_MONTHS		7
/*
 * Events loaded per incident (the rest are counted, not loaded): what
 * `manrs observe` stores of each incident's evidence.
 */
#define REPORT_MAX_EVENTS	EVIDENCE_SAMPLE_MAX
/* Events shown per incident in Markdown and HTML (JSON has all loaded). */
#define REPORT_SHOW_EVENTS	10
/* A score change smaller than this (percentage points) is flat (→). */
#define REPORT_TREND_FLAT	0.5

struct report_score {
	bool		has;		/* a row exists and pct is not NULL */
	bool		row;		/* a row exists (maybe "No data") */
	double		pct;		/* 0..100 */
	enum label	label;
};

struct report_month {
	char			period[8];	/* "2015-04" */
	bool			present;	/* any score row for the AS */
	struct report_score	s[ACTION_COUNT];
};

struct report_event {
	char		*prefix;	/* NULL when the event has none (M5) */
	int64_t		 start, end;
	char		*evidence;	/* the stored JSON text, or NULL */
	json_t		*ev;		/* evidence parsed; NULL if not JSON */
};

struct report_log {
	int64_t		 at;
	char		*who, *what, *note;
};

struct report_dispute {
	int64_t			 id;
	char			*status;	/* open, accepted, rejected */
	char			*reason, *opened_by;
	int64_t			 opened;
	struct report_log	*log;
	size_t			 nlog;
};

struct report_incident {
	char			*id;
	enum metric		 metric;
	int64_t			 start, end;
	double			 score, weight;
	bool			 ongoing;	/* still open at the period's end */
	bool			 accepted;	/* a dispute was accepted */
	bool			 disputable;	/* not accepted, none open */
	char			**prefixes;	/* distinct, sorted */
	size_t			 nprefixes;
	struct report_event	*events;
	size_t			 nevents;	/* loaded */
	size_t			 events_total;	/* in the store */
	struct report_dispute	*disputes;
	size_t			 ndisputes;
};

struct report_announcement {
	char		*prefix;
	int64_t		 first_seen, last_seen;
	int		 days, peers;
	char		*rpki;		/* valid, invalid, not-found; NULL: no VRPs */
	char		*irr;		/* exact, more-specific, none; NULL: no IRR */
	int		 irr_auth;	/* 1, 0; -1 unknown */
};

struct report_facts {
	bool		present;
	int64_t		announced, irr_registered, rpki_valid, rpki_invalid;
	bool		irr_known, rpki_known;
	int		has_contact;	/* 1, 0; -1 no contact data read */
	int64_t		spoofed;	/* -1: no Spoofer test */
};

enum fix_kind {
	FIX_RPKI_INVALID,	/* announcements RPKI-invalid */
	FIX_INCIDENTS,		/* incidents not accepted as false positives */
	FIX_IRR_MISSING,	/* announcements without a route object */
	FIX_NO_ROA,		/* announcements without a covering ROA */
	FIX_NO_CONTACT,
	FIX_SPOOFING,		/* Spoofer tests got spoofed packets out */
	FIX_NO_SPOOFER,		/* no Spoofer test in the month */
	FIX_COUNT
};

/* One rule that applies, with the prefixes or incident ids behind it. */
struct report_fix {
	enum fix_kind	  kind;
	size_t		  count;
	const char	**items;	/* borrowed from the report */
	size_t		  nitems;
};

struct report {
	uint32_t			 asn;
	char				 month[8];
	int64_t				 from, to;
	/* history[REPORT_MONTHS - 1] is the report's month. */
	struct report_month		 history[REPORT_MONTHS];
	bool				 has_trend[ACTION_COUNT];
	double				 trend[ACTION_COUNT];	/* pct points */
	struct report_incident		*incidents;
	size_t				 nincidents;
	struct report_announcement	*ann;
	size_t				 nann;
	struct report_facts		 facts;
	struct report_fix		 fixes[FIX_COUNT];
	size_t				 nfixes;
	char				*org, *program, *member_since;
	int64_t				 run_id, run_finished;
	char				*run_version;
};

/*
 * Load the report of asn for month ("YYYY-MM").  When the AS has no
 * scores for that month, fails with a message naming the months the
 * store has for it (or saying it has none).  Returns false with err set.
 */
bool	report_load(struct store *, uint32_t asn, const char *month,
	    struct report *, char *err, size_t errlen);
/*
 * The same from an open connection (the server's, read-only), with its
 * statement cache (store/stmts.h), or NULL to prepare them for this call.
 */
bool	report_load_db(struct sqlite3 *, struct stmt_cache *, uint32_t asn,
	    const char *month, struct report *, char *err, size_t errlen);
void	report_free(struct report *);
/*
 * One incident by id with its events and disputes, and its AS in *asn:
 * 1 found, 0 not in the store (err says so), -1 a store error.
 */
int	report_incident_load(struct sqlite3 *, struct stmt_cache *,
	    const char *id, struct report_incident *, uint32_t *asn,
	    char *err, size_t errlen);
void	report_incident_free(struct report_incident *);

/* Words for the reader. */
const char *report_action_title(enum action);	/* "Global Validation IRR" */
const char *report_metric_words(enum metric);
const char *report_fix_title(enum fix_kind);
const char *report_fix_key(enum fix_kind);	/* stable, for JSON */
/* "↑", "↓", "→" for a trend; "" without one. */
const char *report_trend_arrow(const struct report *, enum action);
/*
 * An evidence field of an event as text ("" and false when absent):
 * strings as they are, numbers in decimal, booleans as yes/no.
 */
bool	report_ev_text(const struct report_event *, const char *key,
	    char *buf, size_t len);
/* Does the incident count in scores (not a route leak, not accepted)? */
bool	report_scored(const struct report_incident *);
/* "3 d 4 h", "13 h 0 min", "29 min 5 s". */
void	report_duration(int64_t seconds, char *buf, size_t len);

#endif
