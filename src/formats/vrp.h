/*
 * Validated ROA Payload lists, as relying-party software publishes them.
 * The format is told from the content, never from the name:
 *
 *   rpki-client JSON   {"metadata":{..},"roas":[{"asn":13335,"prefix":
 *                      "1.0.0.0/24","maxLength":24,"ta":"apnic",
 *                      "expires":N},..],"aspas":[{"customer":N,
 *                      "providers":[N,..]},..],"bgpsec_keys":[{"asn":N,
 *                      "ski":"<40 hex digits>","pubkey":"<base64 DER>",
 *                      "ta":"..","expires":N},..]}
 *   StayRTR/gortr JSON the same "roas" array with "asn":"AS13335"
 *   Routinator/RIPE CSV ASN,IP Prefix,Max Length,Trust Anchor (also quoted,
 *                      as the RIPE validator writes it, with RFC 4180's
 *                      "" for a quote inside a field), or the RIPE NCC
 *                      archive's and Routinator's csvext
 *                      URI,ASN,IP Prefix,Max Length,Not Before,Not After
 *                      (times as 2024-01-01 00:00:00 or
 *                      2024-01-01T00:00:00Z, UTC)
 *   rpki.net scan_roas <signingTime> <ASN> <prefix>[-<maxLen>] ...
 *
 * A bad record is rejected with the file, line (and JSON element index)
 * and the reason, counted by reason, and reading goes on; nothing is
 * "fixed up" (host bits are an error, never masked).  A missing
 * maxLength means the prefix length (RFC 6482 2.1.5).
 */
#ifndef MANRS_FORMATS_VRP_H
#define MANRS_FORMATS_VRP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/limits.h"
#include "net/prefix.h"

/* 24 bytes. */
struct vrp {
	struct prefix	pfx;
	uint8_t		maxlen;
	uint8_t		ta;	/* index into vrp_set.tas; 0 is unknown */
	uint32_t	asn;
};

/*
 * When a VRP may be used, in Unix seconds, 0 when the file does not say:
 * rpki-client's "expires" is not_after; the RIPE/Routinator CSV with a
 * URI column gives both.  Kept in a side array of the set, not in struct
 * vrp, so lists without times cost nothing and the ROV trie never sees
 * them.
 */
struct vrp_time {
	int64_t		not_before;
	int64_t		not_after;
};

/* ASPA (customer AS, its provider ASes); providers live in the set. */
struct aspa {
	uint32_t	customer;
	uint32_t	first;	/* index into vrp_set.providers */
	uint32_t	count;
};

/*
 * A BGPsec router key (RFC 8210 5.10, RFC 8416 3.3.2/3.4.2): the router's
 * AS, the Subject Key Identifier of its certificate (SHA-1, RFC 6487
 * 4.8.2) and the DER SubjectPublicKeyInfo.  ROV does not use them; they
 * are kept so SLURM filters and assertions can be applied and counted.
 */
#define ROUTER_SKI_LEN	20

struct router_key {
	uint32_t	asn;
	uint8_t		ski[ROUTER_SKI_LEN];
	uint32_t	spki_len;
	uint8_t		*spki;		/* owned by the set */
};

enum vrp_format {
	VRP_FMT_UNKNOWN,
	VRP_FMT_JSON,		/* rpki-client or StayRTR/gortr */
	VRP_FMT_CSV,		/* Routinator/RIPE, either header */
	VRP_FMT_SCAN_ROAS,	/* rpki.net scan_roas text */
};

/* The set grows as files are read into it; vrp_set_free() frees it. */
struct vrp_set {
	struct vrp	*vrps;
	size_t		 nvrps, capvrps;
	struct vrp_time	*times;		/* NULL, or times[i] for vrps[i] */
	struct aspa	*aspas;
	size_t		 naspas, capaspas;
	uint32_t	*providers;
	size_t		 nproviders, capproviders;
	struct router_key *keys;
	size_t		 nkeys, capkeys;
	char		*tas[MAX_VRP_TAS];	/* tas[0] is "" (unknown) */
	unsigned	 ntas;
	enum vrp_format	 format;	/* of the last file read */
};

enum vrp_reject {
	VRP_REJ_SYNTAX,		/* malformed line, element or JSON type */
	VRP_REJ_PREFIX,		/* unparsable prefix, or too long */
	VRP_REJ_HOST_BITS,	/* bits set past the prefix length */
	VRP_REJ_ASN,		/* bad AS number */
	VRP_REJ_MAXLEN,		/* maxLength below the prefix length */
	VRP_REJ_MAXLEN_RANGE,	/* maxLength over the family maximum */
	VRP_REJ_ASPA,		/* malformed ASPA record */
	VRP_REJ_KEY,		/* malformed BGPsec router key */
	VRP_REJ_LIMIT,		/* over MAX_VRPS/MAX_ASPAS/... */
	VRP_REJ_MAX
};

#define VRP_ERRMSG	256

struct vrp_errors {
	uint64_t	rejected[VRP_REJ_MAX];
	uint64_t	total;		/* all rejected records */
	uint64_t	tas_dropped;	/* VRPs whose TA name was not kept */
	/* The first rejection and the fatal error, if any, as text. */
	char		first[VRP_ERRMSG];
	char		fatal[VRP_ERRMSG];
};

void		 vrp_set_init(struct vrp_set *);
/* NULL-safe; leaves an empty set behind. */
void		 vrp_set_free(struct vrp_set *);

/*
 * Read one VRP file ("-" is standard input; plain or compressed) and add
 * its records to *out.  Bad records are rejected, reported (the first ones
 * as warnings, the rest with -vv) and counted in *err, which the caller
 * zeroes.  Returns 0 when the file was read to its end, -1 when it could
 * not be (unreadable, not a VRP format, broken JSON, damaged compression;
 * err->fatal says why); records read before such an error stay in *out.
 */
int		 vrp_read(const char *path, struct vrp_set *out,
		    struct vrp_errors *err);
/* The same from an open descriptor, which it closes. */
int		 vrp_read_fd(int fd, const char *name, struct vrp_set *out,
		    struct vrp_errors *err);

/*
 * Append a VRP (its TA index kept as is; no times); false, adding
 * nothing, when the set already holds MAX_VRPS.
 */
bool		 vrp_set_add(struct vrp_set *, const struct vrp *);
/*
 * Drop every VRP for which drop(v, arg) is true, keeping the order of the
 * rest (and their times); returns how many were dropped.
 */
size_t		 vrp_set_filter(struct vrp_set *,
		    bool (*drop)(const struct vrp *, void *), void *arg);
/* Append a router key (its SPKI copied); false when over MAX_ROUTER_KEYS. */
bool		 vrp_set_add_key(struct vrp_set *, const struct router_key *);
/* The same as vrp_set_filter() for router keys. */
size_t		 vrp_set_filter_keys(struct vrp_set *,
		    bool (*drop)(const struct router_key *, void *), void *arg);

const char	*vrp_reject_str(enum vrp_reject);
const char	*vrp_format_name(enum vrp_format);
/* The times of vrps[i]; zeros when the set has none. */
struct vrp_time	 vrp_time_of(const struct vrp_set *, size_t i);
/* The trust anchor name of v ("" when unknown). */
const char	*vrp_ta(const struct vrp_set *, const struct vrp *v);

#endif
