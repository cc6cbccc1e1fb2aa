/*
 * Figures of one stored period for everyone (manrs stats): how many ASes
 * have each label per action, how MANRS participants fare, and what share
 * of the announced (prefix, origin) pairs is RPKI valid and registered in
 * the IRR — overall and per group (RIR region, country) of the origin AS,
 * the grouping being the caller's.
 */
#ifndef MANRS_OBSERVE_STATS_H
#define MANRS_OBSERVE_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "observe/method.h"
#include "store/store.h"

#define STATS_KEY_LEN	16

struct stats_group {
	char		key[STATS_KEY_LEN];	/* "RIPE NCC", "NL"; "" unknown */
	uint64_t	ases;			/* scored in the period */
	uint64_t	labels[ACTION_COUNT][LABEL_READY + 1];
	uint64_t	pairs;			/* announced (prefix, origin) */
	uint64_t	rpki_known, rpki_valid, rpki_invalid;
	uint64_t	irr_known, irr_registered;	/* exact or more-specific */
};

struct stats {
	char			 period[24];
	struct stats_group	 all;
	struct stats_group	 part;		/* participants' ASes */
	uint64_t		 participants;	/* organisations */
	uint64_t		 participant_asns;
	struct stats_group	*groups;	/* by key */
	size_t			 ngroups;
};

/* The group of an AS into key (STATS_KEY_LEN); false: none ("" group). */
typedef bool (*stats_group_fn)(void *ctx, uint32_t asn, char *key);

/*
 * Load the figures of period ("2015-04"), grouped by group (NULL: no
 * groups).  False with err on a store error; a period without scores
 * gives all zeros (the caller says so).
 */
bool	stats_load(struct store *, const char *period, stats_group_fn group,
	    void *ctx, struct stats *, char *err, size_t errlen);
void	stats_free(struct stats *);

#endif
