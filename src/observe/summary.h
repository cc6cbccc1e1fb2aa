/*
 * What an observatory run did, for the table `manrs observe` prints at the
 * end (and its --json form): records read and skipped per source kind
 * with the reasons, the BGP data's size, incidents per metric and how many
 * were disputed, label counts per action, and which data was missing and
 * what that means for the scores.
 */
#ifndef MANRS_OBSERVE_SUMMARY_H
#define MANRS_OBSERVE_SUMMARY_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "observe/method.h"

struct diag;
struct mrt_stats;
struct vrp_errors;
struct irr_load_stats;
struct asrel_stats;
struct pdb_stats;

enum source_kind {
	SRC_BGP,
	SRC_RPKI,
	SRC_IRR,
	SRC_ASREL,
	SRC_PDB,
	SRC_RIR,
	SRC_SPOOFER,
	SRC_PARTICIPANTS,
	SRC_KINDS
};

enum { SUMMARY_REASONS = 16, LABELS = 4 };

/* One source kind: files, records read, records skipped and why. */
struct source_tally {
	uint64_t	 files, records, skipped;
	const char	*reason[SUMMARY_REASONS];	/* static text */
	uint64_t	 count[SUMMARY_REASONS];
	uint64_t	 other;		/* skips past SUMMARY_REASONS reasons */
	char		 first[512];	/* the first skip, with its place */
};

struct observe_summary {
	struct source_tally src[SRC_KINDS];
	uint64_t	mrt_files, mrt_records, mrt_elems, mrt_skipped;
	uint64_t	mrt_resumed;	/* files read by earlier runs (--state) */
	uint64_t	vrps, vrp_days, vrps_rejected, irr_routes, irr_bad;
	uint64_t	asrel_links;
	uint64_t	asrel_skipped, pdb_nets, pdb_skipped, admin_bogons;
	uint64_t	spoofer_sessions, spoofer_skipped, spoofer_ases;
	uint64_t	participants, participant_asns;
	uint64_t	peers, prefixes, paths, pairs, segments;
	uint64_t	events, incidents, disputed;
	uint64_t	incidents_by_metric[METRIC_COUNT];
	uint64_t	disputed_by_metric[METRIC_COUNT];
	uint64_t	ases;		/* scored: the universe */
	uint64_t	labels[ACTION_COUNT][LABELS];
	/* Against the stored period that ends where this one begins
	 * (prev_period empty: none): ASes whose label went up or down, of
	 * those with data in both. */
	char		prev_period[64];
	uint64_t	better[ACTION_COUNT], worse[ACTION_COUNT];
	uint64_t	compared[ACTION_COUNT];
	int64_t		run_id;
	bool		no_rpki, no_irr, no_asrel, no_pdb, no_rir, no_spoofer;
};

const char	*source_kind_name(enum source_kind);

/* Count n records of t skipped for reason (static text). */
void	tally_skip(struct source_tally *t, const char *reason, uint64_t n);
/* Keep msg as t's first skip unless one is kept already. */
void	tally_first(struct source_tally *t, const char *msg);

/* Fold one reader's counters into the summary (one file, or all of a
 * kind for the readers that count across files). */
void	summary_mrt(struct observe_summary *, const struct mrt_stats *);
void	summary_vrp(struct observe_summary *, const struct vrp_errors *);
void	summary_irr(struct observe_summary *, const struct irr_load_stats *,
	    uint64_t files);
void	summary_asrel(struct observe_summary *, const struct asrel_stats *,
	    uint64_t files);
void	summary_pdb(struct observe_summary *, const struct pdb_stats *,
	    uint64_t files);
/* A reader that counts with struct diag (Spoofer, participants). */
void	summary_diag(struct observe_summary *, enum source_kind,
	    const struct diag *, uint64_t kept);

/* The table, for people. db: where it was stored, or NULL. */
void	summary_print(FILE *, const struct observe_summary *,
	    const char *period, const char *db);
/* The same as one JSON object and a newline. */
void	summary_json(FILE *, const struct observe_summary *,
	    const char *period, const char *db);

#endif
