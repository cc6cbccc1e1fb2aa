/*
 * STIX 2.1 objects from the store, for `manrs feed` and the TAXII server.
 *
 * Each incident not accepted as a false positive becomes:
 *   autonomous-system and ipv4-addr/ipv6-addr observables (SCOs) whose
 *     ids are UUIDv5 in the STIX namespace over the canonical JSON
 *     (RFC 8785) of their id-contributing properties (STIX 2.1 §2.9);
 *   one observed-data (what the collectors saw: first/last observed,
 *     number_observed = events, object_refs = the SCOs);
 *   per offending (prefix, origin) an indicator with a STIX pattern and a
 *     sighting linking it to the observed-data;
 * and each AS scored in a month gets a report object with its scores in
 * x_manrs_ properties.  An identity for the observatory is the
 * created_by_ref of everything.  SDO ids are UUIDv5 too (over
 * "manrs/<type>/<key>"), and SDO timestamps are the run's, so the same
 * store gives the same objects byte for byte, and a re-run of a month
 * gives new versions (newer modified) of the same ids.
 */
#ifndef MANRS_REPORT_STIX_H
#define MANRS_REPORT_STIX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

struct sqlite3;

/* The STIX 2.1 namespace for SCO ids (STIX 2.1 §2.9). */
#define STIX_NAMESPACE	"00abedb4-aa42-466c-9c01-fed23315a9b7"
/* "observed-data--" + UUID + NUL, with room for longer type names. */
#define STIX_ID_LEN	80
/* "2015-04-02T12:00:00.000Z" with the NUL. */
#define STIX_TIME_LEN	25

/* Parse "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"; false if malformed. */
bool	stix_uuid_parse(const char *, uint8_t out[16]);
/* UUIDv5 (RFC 9562 §5.5): SHA-1 of namespace and name, as text. */
void	stix_uuid5(const uint8_t ns[16], const void *name, size_t len,
	    char out[37]);
/*
 * The RFC 8785 canonical form of v: no whitespace, object members sorted
 * by their UTF-16 code units, strings with the minimal escapes.  Only
 * integers among numbers (reals would need ECMAScript formatting; the
 * id-contributing properties we emit have none): NULL for a real.
 * The caller frees the result.
 */
char	*stix_canonical(const json_t *);
/* "type--UUIDv5(STIX namespace, canonical(props))"; false on a real. */
bool	stix_sco_id(const char *type, const json_t *props, char *out,
	    size_t len);
/* Milliseconds since 1970 as "2015-04-02T12:00:00.000Z". */
void	stix_time(int64_t ms, char out[STIX_TIME_LEN]);
/* A STIX/TAXII timestamp (fraction optional, up to ns) to milliseconds. */
bool	stix_time_parse(const char *, int64_t *ms);

/* One object with the TAXII metadata the server needs. */
struct stix_obj {
	json_t		*obj;
	const char	*id;		/* borrowed from obj */
	const char	*type;
	char		 version[STIX_TIME_LEN];  /* modified, else created,
						     else date added */
	int64_t		 added;		/* date added, ms: the run's time */
};

struct stix_set {
	struct stix_obj	*v;		/* sorted by (added, id) */
	size_t		 n, cap;
	size_t		 skipped;	/* events with an unreadable prefix */
};

/*
 * The objects of month ("2015-04"; NULL: every month in the store),
 * only of one AS when asn is not NULL, each id once (the earliest run's),
 * sorted by (date added, id).  A month the store lacks gives an empty
 * set.  False with a message on a store error.
 */
bool	stix_load(struct sqlite3 *, const char *month, const uint32_t *asn,
	    struct stix_set *, char *err, size_t errlen);
void	stix_set_free(struct stix_set *);
/* A bundle of every object in the set (references taken). */
json_t	*stix_bundle(const struct stix_set *, const char *month,
	    const uint32_t *asn);

/*
 * TAXII 2.1 object selection (§3.4-3.6): the objects of the types a
 * collection holds, then the client's filters, then a page.
 */
struct stix_query {
	const char *const *types;	/* the collection's; NULL-terminated */
	const char	*match_type;	/* comma lists, NULL: any */
	const char	*match_id;
	const char	*match_version;	/* last, first, all or timestamps */
	bool		 has_after;
	int64_t		 added_after;	/* ms */
	const char	*next;		/* a cursor from an earlier page */
	size_t		 limit;
};

struct stix_page {
	size_t		*idx;		/* into the set, in order */
	size_t		 n;
	bool		 more;
	char		 next[STIX_ID_LEN + 24];  /* cursor when more */
};

/* False with *why (a static text) for a bad cursor or filter value. */
bool	stix_select(const struct stix_set *, const struct stix_query *,
	    struct stix_page *, const char **why);
void	stix_page_free(struct stix_page *);

#endif
