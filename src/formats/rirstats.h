/*
 * RIR statistics exchange format, "delegated-extended" files of AFRINIC,
 * APNIC, ARIN, LACNIC and the RIPE NCC (and the NRO's combined file):
 *
 *   2.3|apnic|20130417|46596||20130416|+1000      version line
 *   apnic|*|ipv4|*|22204|summary                  one per type
 *   apnic|AU|ipv4|1.0.0.0|256|20110811|assigned|A9173591
 *   registry|cc|type|start|value|date|status[|opaque-id[|extensions]]
 *
 * For ipv4 the value is a count of addresses (not always a power of two:
 * rirstats_cidrs() splits such a range into CIDR blocks); for ipv6 it is a
 * prefix length; for asn a count of ASNs from start (kept as a range,
 * never expanded).  Status is allocated, assigned, available or reserved;
 * cc and date may be empty for the last two.  Lines starting with # are
 * comments.  A bad line is rejected with file:line and the reason and
 * reading goes on; the version line must come first.
 */
#ifndef MANRS_FORMATS_RIRSTATS_H
#define MANRS_FORMATS_RIRSTATS_H

#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/diag.h"
#include "io/reader.h"
#include "net/range.h"

enum rir {
	RIR_NONE,
	RIR_AFRINIC,
	RIR_APNIC,
	RIR_ARIN,
	RIR_LACNIC,
	RIR_RIPENCC,
	RIR_MAX
};

enum rir_type { RIR_T_ASN, RIR_T_IPV4, RIR_T_IPV6, RIR_T_MAX };

enum rir_status {
	RIR_S_ALLOCATED,
	RIR_S_ASSIGNED,
	RIR_S_AVAILABLE,
	RIR_S_RESERVED,
	RIR_S_MAX
};

struct rir_record {
	u128		 first, last;	/* ASNs or addresses, inclusive */
	const char	*opaque;	/* opaque-id, "" if none (set arena) */
	uint32_t	 date;		/* yyyymmdd, 0 if none */
	uint32_t	 line;
	uint16_t	 file;		/* index into rir_stats.files */
	char		 cc[3];		/* "ZZ", "EU", "" ... */
	uint8_t		 rir;		/* enum rir */
	uint8_t		 type;		/* enum rir_type */
	uint8_t		 status;	/* enum rir_status */
};

/* What the version and summary lines of one file said. */
struct rir_file {
	const char	*name;
	uint8_t		 rir;		/* RIR_NONE for the NRO's file */
	char		 version[8];
	char		 serial[24];
	char		 enddate[9];	/* as written, yyyymmdd */
	uint64_t	 header_records;
	uint64_t	 summary[RIR_T_MAX];
	uint64_t	 count[RIR_T_MAX];	/* records kept per type */
	uint64_t	 extensions;	/* records with fields past opaque-id */
};

#define RIR_MAX_FILES	64

struct rir_stats {
	struct rir_record	*recs;
	size_t			 n, cap;
	struct rir_file		 files[RIR_MAX_FILES];
	unsigned		 nfiles;
	struct arena		 strings;
};

enum rir_reject {
	RIR_REJ_SYNTAX,		/* wrong number of fields, bad text */
	RIR_REJ_REGISTRY,	/* unknown or mismatched registry */
	RIR_REJ_TYPE,		/* not asn, ipv4 or ipv6 */
	RIR_REJ_START,		/* bad address or ASN */
	RIR_REJ_VALUE,		/* bad count or prefix length, overflow */
	RIR_REJ_HOST_BITS,	/* ipv6 start not aligned to its length */
	RIR_REJ_DATE,
	RIR_REJ_STATUS,
	RIR_REJ_CC,
	RIR_REJ_LIMIT,		/* line too long, too many records */
	RIR_REJ_MAX
};

void	rir_stats_init(struct rir_stats *);
void	rir_stats_free(struct rir_stats *);	/* NULL-safe */
/*
 * Read one file through rd (not closed) and add its records.  Returns 0
 * when read to the end (bad lines counted in *d), -1 when it could not be
 * (not RIR statistics, damaged compression, too many files; d->fatal).
 */
int	rirstats_read(struct rir_stats *, struct reader *rd, const char *name,
	    struct diag *d);
/* The same, opening path ("-" is standard input). */
int	rirstats_read_file(struct rir_stats *, const char *path,
	    struct diag *d);
void	rirstats_diag_init(struct diag *, const char *name);

/* CIDR blocks of an ipv4/ipv6 record (0 for asn). */
size_t	rirstats_cidrs(const struct rir_record *,
	    struct prefix out[RANGE_MAX_CIDRS]);
/* "afrinic|ZA|ipv4|41.0.0.0|256|20240105|allocated" as in the file. */
size_t	rirstats_fmt(const struct rir_record *, char *buf, size_t len);

const char	*rir_name(enum rir);		/* "afrinic" ... */
const char	*rir_display(enum rir);		/* "AFRINIC", "RIPE NCC" */
const char	*rir_status_name(enum rir_status);
const char	*rir_type_name(enum rir_type);
/* Registry name as in the files ("ripencc"); RIR_NONE if unknown. */
enum rir	 rir_from_name(const char *s, size_t n);

#endif
