/*
 * PeeringDB API JSON: the net, org, poc, ix and netixlan objects, read
 * from API pages ({"data":[...],"meta":{...}}, one type a file) or from a
 * full dump holding every type ({"net":{"data":[...]},"org":{...},...}).
 * In a page the type of each record is told from its fields (netixlan has
 * "ixlan_id" and "asn", poc "role" and "net_id", net "asn" and
 * "irr_as_set" or "info_type", ix "proto_unicast" or "media", org
 * "address1" and no "org_id"); other types (fac, ixlan, ixpfx, netfac,
 * carrier, campus) are counted and passed over.
 *
 * Files are walked one record at a time (formats/jsonstream.h), plain or
 * compressed.  A record that is not an object, lacks a required field,
 * has one of the wrong type or out of range (an id, an ASN, an IP address,
 * a string with a NUL byte or over MAX_PDB_STRING) is skipped with its
 * file, record index and byte offset, and counted.  Records whose "status"
 * is not "ok" are counted and left out.  Within a type, a second record
 * with the same id (or a second net with the same ASN) is a duplicate:
 * the first read is kept.
 *
 * What is kept per object is what the observatory asks of PeeringDB: for a
 * network its name, org, irr_as_set, type and policy; its contacts (MANRS
 * action 3); its IX ports; and its siblings, the networks of the same org.
 */
#ifndef MANRS_FORMATS_PEERINGDB_H
#define MANRS_FORMATS_PEERINGDB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum pdb_type {
	PDB_NET,
	PDB_ORG,
	PDB_POC,
	PDB_IX,
	PDB_NETIXLAN,
	PDB_TYPES
};

/* Strings are never NULL: a missing or null field is "". */
struct pdb_net {
	uint32_t	 id, org_id, asn;
	uint32_t	 info_prefixes4, info_prefixes6;
	const char	*name, *aka, *irr_as_set, *info_type, *info_scope;
	const char	*policy_general, *policy_url, *website;
	bool		 never_via_route_servers;
};

struct pdb_org {
	uint32_t	 id;
	const char	*name, *country;
};

struct pdb_poc {
	uint32_t	 id, net_id;
	const char	*role, *visible, *name, *email, *phone;
};

struct pdb_ix {
	uint32_t	 id, org_id;
	const char	*name, *city, *country;
};

struct pdb_netixlan {
	uint32_t	 id, net_id, ix_id, asn;
	uint64_t	 speed;		/* Mbit/s */
	const char	*name;		/* the IX's name, as PeeringDB gives it */
	const char	*ipaddr4, *ipaddr6;
	bool		 is_rs_peer, operational;
};

enum pdb_skip {
	PDB_SKIP_SYNTAX,	/* not an object, a field missing or mistyped */
	PDB_SKIP_VALUE,		/* id, ASN, address or number out of range */
	PDB_SKIP_STRING,	/* NUL byte or over MAX_PDB_STRING */
	PDB_SKIP_TYPE,		/* a page record of no known type */
	PDB_SKIP_DUP,		/* the same id (or net ASN) again */
	PDB_SKIP_LIMIT,		/* over MAX_PDB_RECORDS */
	PDB_SKIP_MAX
};

struct pdb_stats {
	uint64_t	 records;		/* objects seen */
	uint64_t	 kept[PDB_TYPES];
	uint64_t	 other;			/* types not modelled */
	uint64_t	 inactive;		/* status not "ok" */
	uint64_t	 skipped, skip[PDB_SKIP_MAX];
	char		 first[256];		/* the first skip, with its place */
};

struct pdb;

struct pdb	*pdb_new(void);
void		 pdb_free(struct pdb *);
/*
 * Read one file ("-" is standard input) into db.  Returns 0, or -1 if it
 * could not be read to its end (bad JSON, I/O, compression): err says why,
 * and the records read before stay.  Stats accumulate over calls.
 */
int		 pdb_read(struct pdb *, const char *path, struct pdb_stats *,
		    char *err, size_t errlen);
/* The same from a descriptor, which is closed. */
int		 pdb_read_fd(struct pdb *, int fd, const char *name,
		    struct pdb_stats *, char *err, size_t errlen);
/*
 * pdb_read, then say on stderr what was skipped (log_warnx: the count per
 * reason and the first with its place; *problems set) and, at log_info,
 * the records kept per type.  False if the file could not be read to its
 * end (after saying why).
 */
bool		 pdb_read_report(struct pdb *, const char *path,
		    bool *problems);
/* Sort and index.  Call once, after the last read, before any query. */
void		 pdb_finish(struct pdb *);

const struct pdb_net	*pdb_net(const struct pdb *, uint32_t asn);
const struct pdb_org	*pdb_org(const struct pdb *, uint32_t id);
const struct pdb_ix	*pdb_ix(const struct pdb *, uint32_t id);
/* The contacts of a network (by net id), sorted by poc id. */
const struct pdb_poc	*pdb_pocs(const struct pdb *, uint32_t net_id,
			    size_t *n);
/* The IX ports of an ASN, sorted by IX id then port id. */
const struct pdb_netixlan *pdb_netixlans(const struct pdb *, uint32_t asn,
			    size_t *n);
/*
 * The other networks of asn's org, ASNs ascending, written to out (up to
 * max); returns how many there are.
 */
size_t		 pdb_siblings(const struct pdb *, uint32_t asn, uint32_t *out,
		    size_t max);
/*
 * Does asn have a contact MANRS can use (metric M8): a poc with an e-mail
 * address or a phone number?
 */
bool		 pdb_has_contact(const struct pdb *, uint32_t asn);
size_t		 pdb_count(const struct pdb *, enum pdb_type);
/* The i-th network in ASN order (i < pdb_count(db, PDB_NET)). */
const struct pdb_net *pdb_net_at(const struct pdb *, size_t i);
const char	*pdb_type_str(enum pdb_type);
const char	*pdb_skip_str(enum pdb_skip);

#endif
