/*
 * Everything known about one AS or one prefix, in the manner of IRR
 * Explorer: from the store (announcements, incidents, scores,
 * participants) and, when a data directory is given, from the reference
 * data under it (VRPs, IRR dumps, IANA and RIR registries, PeeringDB).
 * The answer is a JSON object that `manrs asn`/`manrs prefix` print and
 * the HTTP API can serve as it is.
 */
#ifndef MANRS_REPORT_LOOKUP_H
#define MANRS_REPORT_LOOKUP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "net/prefix.h"

struct store;
struct vrp_set;
struct rov;
struct irr_index;
struct bogon_model;
struct pdb;
struct sqlite3;

/* Listed per section; more are counted, not listed. */
#define LOOKUP_MAX_ROWS		200

/* Reference data from DIR/rpki, DIR/irr, DIR/rir and DIR/peeringdb. */
struct lookup_data {
	char			*dir;
	struct vrp_set		*vrps;		/* NULL: no VRP file */
	struct rov		*rov;
	char			*vrp_file;	/* the newest, by name */
	size_t			 vrp_files;
	struct irr_index	*irr;		/* NULL: no IRR dump */
	size_t			 irr_files;
	struct bogon_model	*bogons;	/* NULL: no registry file */
	struct pdb		*pdb;		/* NULL: no PeeringDB file */
};

/*
 * Load what DIR has; missing subdirectories leave their part NULL.
 * False, with err set, when DIR is not a readable directory or a file
 * could not be read.
 */
bool	lookup_data_load(struct lookup_data *, const char *dir, char *err,
	    size_t errlen);
void	lookup_data_free(struct lookup_data *);

/* data may be NULL: the sections that need it say so. NULL on a store error. */
json_t	*lookup_asn(struct store *, const struct lookup_data *, uint32_t asn,
	    char *err, size_t errlen);
json_t	*lookup_prefix(struct store *, const struct lookup_data *,
	    const struct prefix *, char *err, size_t errlen);

/* The period of the newest run that stored announcements, or NULL. */
char	*lookup_newest_period(struct sqlite3 *);
/*
 * The text every more specific of p starts with in the store, when there
 * is one: the octets (IPv4) or the non-zero 16-bit groups (IPv6, where a
 * zero group may be compressed away) that p's length fixes.  hi is lo
 * with its last '.' or ':' raised by one, so [lo, hi) is a range of the
 * prefix text index; size >= 48.
 */
bool	lookup_text_range(const struct prefix *, char *lo, char *hi,
	    size_t size);
/*
 * The texts of the prefixes covering p (with p itself when self), as a
 * JSON array for json_each() in one indexed query; free() it.  NULL if
 * out of memory.
 */
char	*lookup_covering_json(const struct prefix *p, bool self);
/*
 * Unless have: note in o's "unavailable" object that section needs
 * DIR/sub/ (--data not given, or nothing there).
 */
void	lookup_unavailable(json_t *o, const struct lookup_data *,
	    const char *section, const char *sub, bool have);

#endif
