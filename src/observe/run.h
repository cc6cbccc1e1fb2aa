/*
 * One observatory run (`manrs observe`): read the sources, build the
 * reference model, run the timeline and detectors over the BGP data,
 * turn events into incidents and scores, and write them to the store as
 * one replacement of the period's results.
 */
#ifndef MANRS_OBSERVE_RUN_H
#define MANRS_OBSERVE_RUN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "observe/method.h"
#include "observe/summary.h"

struct progress;

/* One input file and, for MRT, its collector. */
struct source {
	char		*path;
	char		*collector;
};

struct observe_inputs {
	struct source	*mrt;
	size_t		 nmrt;
	struct source	*vrps, *irr, *asrel, *pdb, *rir, *spoofer;
	size_t		 nvrps, nirr, nasrel, npdb, nrir, nspoofer;
	struct source	*participants;	/* one file, or none (the CLI's) */
	size_t		 nparticipants;
};

struct observe_opts {
	int64_t			 from, to;	/* UTC seconds, [from, to) */
	const char		*period;	/* label: "2015-04" */
	const struct method	*method;
	const char		*db;		/* NULL: no store */
	struct progress		*progress;	/* NULL: none (base/progress.h) */
	const char		*writer;	/* "manrs 0.1.0" */
	unsigned		 threads;	/* for MRT decoding; 0: all CPUs */
	/* An incremental run's state file (NULL: none): read if it exists,
	 * so that only MRT files it has not seen are read, and written
	 * after the BGP data. */
	const char		*state;
};

/*
 * Scan a data directory laid out as
 *   bgp/[COLLECTOR/]FILE   MRT RIB dumps and updates (any compression)
 *   rpki/FILE              VRP lists; a YYYY-MM-DD or YYYYMMDD in the name
 *                          makes a file that day's snapshot (each day of
 *                          the period is judged by its own snapshot, else
 *                          the nearest earlier, else the first); undated
 *                          files hold for every day
 *   irr/FILE               RPSL dumps
 *   asrel/FILE             CAIDA as-rel / as-rel2
 *   peeringdb/FILE         PeeringDB API JSON (net, org, poc, ...)
 *   rir/FILE               IANA registry XML (*.xml), RIR delegated stats
 *   spoofer/FILE           CAIDA Spoofer sessions (API JSON/CSV, Shadowserver)
 * into *in (allocated; observe_inputs_free).  False if DIR is unreadable
 * or has no bgp/ files.
 */
bool	observe_scan(const char *dir, struct observe_inputs *in, char *err,
	    size_t errlen);
/*
 * Read a sources file: "KIND [COLLECTOR] = PATH-OR-GLOB" lines (KIND as
 * the directories above; '#' comments; paths relative to the file).
 */
bool	observe_config(const char *path, struct observe_inputs *in,
	    char *err, size_t errlen);
void	observe_inputs_free(struct observe_inputs *);
/* Append a copy of path (and collector, or NULL) to *v. */
void	observe_add_source(struct source **v, size_t *n, const char *path,
	    const char *collector);

/* Run; 0 on success, -1 with err set. */
int	observe_run(const struct observe_inputs *, const struct observe_opts *,
	    struct observe_summary *, char *err, size_t errlen);

/* Stable incident id: "M2-AS64500-20150402T120000Z". */
void	incident_id(uint32_t asn, enum metric, int64_t start, char *buf,
	    size_t len);

#endif
