/*
 * CAIDA Spoofer session records, in the forms they are published:
 *
 *   CAIDA Spoofer Data API JSON (api.spoofer.caida.org/sessions): a
 *       hydra collection {"hydra:member":[{..},..]}, a JSON array, or one
 *       session object per line (what CAIDA's dump script writes):
 *       {"session":891176,"timestamp":"2020-05-07T14:34:59+00:00",
 *        "asn4":"3356","client4":"4.30.179.0/24","nat4":true,
 *        "routedspoof":"blocked","privatespoof":"blocked","asn6":null,
 *        "client6":null,"nat6":null,"routedspoof6":null,
 *        "privatespoof6":null,"country":"usa"}
 *   CSV with those field names as the header (any order, any subset that
 *       has session, timestamp and one family's asn and client).
 *   Shadowserver "CAIDA IP Spoofer" reports, old schema
 *       (timestamp,ip,asn,...,network,...,routedspoof,session,nat) and
 *       event4_ip_spoofer (timestamp,...,src_asn,...,network,routedspoof,
 *       session,nat); these carry no private-source outcome.
 *
 * The form is told from the content: JSON by its first byte, CSV by its
 * header.  A session tested over IPv4 and IPv6 gives one record per
 * family.  Outcomes are received (a spoofed packet got out), blocked,
 * rewritten (a NAT rewrote the source), unknown, or not tested.  A bad
 * record is rejected with file:line and reading goes on.
 */
#ifndef MANRS_FORMATS_SPOOFER_H
#define MANRS_FORMATS_SPOOFER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"
#include "io/reader.h"
#include "net/prefix.h"

enum spoof_outcome {
	SPOOF_NONE,		/* not tested (null or absent) */
	SPOOF_RECEIVED,
	SPOOF_BLOCKED,
	SPOOF_REWRITTEN,
	SPOOF_UNKNOWN,
	SPOOF_MAX
};

enum spoofer_format {
	SPOOFER_FMT_UNKNOWN,
	SPOOFER_FMT_JSON,		/* CAIDA API */
	SPOOFER_FMT_CSV,		/* CAIDA API field names */
	SPOOFER_FMT_SHADOW_OLD,		/* caida_ip_spoofer */
	SPOOFER_FMT_SHADOW_EVENT4,	/* event4_ip_spoofer */
};

enum { SPOOF_NAT_UNKNOWN, SPOOF_NAT_YES, SPOOF_NAT_NO };

struct spoofer_rec {
	uint64_t	 session;
	int64_t		 time;		/* Unix seconds, UTC */
	struct prefix	 client;	/* the client's network */
	uint32_t	 asn;
	uint32_t	 line;		/* or JSON element, from 1 */
	char		 country[4];	/* "usa", "IN"; "" if none */
	uint8_t		 nat;		/* SPOOF_NAT_* */
	uint8_t		 routed;	/* enum spoof_outcome */
	uint8_t		 priv;		/* enum spoof_outcome */
};

struct spoofer_set {
	struct spoofer_rec	*r;
	size_t			 n, cap;
	enum spoofer_format	 format;	/* of the last file */
};

enum spoofer_reject {
	SPOOFER_REJ_SYNTAX,	/* CSV or JSON shape */
	SPOOFER_REJ_SESSION,
	SPOOFER_REJ_TIME,
	SPOOFER_REJ_ASN,
	SPOOFER_REJ_PREFIX,
	SPOOFER_REJ_OUTCOME,
	SPOOFER_REJ_NAT,
	SPOOFER_REJ_LIMIT,
	SPOOFER_REJ_MAX
};

/* What one AS's sessions show (spoofer_summarize). */
struct spoofer_asn {
	uint32_t	 asn;
	uint32_t	 sessions;
	uint32_t	 routed_received;	/* sessions that got routed out */
	uint32_t	 private_received;
	uint32_t	 spoofing_clients;	/* distinct client prefixes */
	int64_t		 latest;		/* time of the latest session */
	uint64_t	 latest_session;
};

void	spoofer_set_init(struct spoofer_set *);
void	spoofer_set_free(struct spoofer_set *);	/* NULL-safe */
void	spoofer_diag_init(struct diag *, const char *name);
/* Read one file through rd (not closed): 0, or -1 on a fatal error. */
int	spoofer_read(struct spoofer_set *, struct reader *, struct diag *);
int	spoofer_read_file(struct spoofer_set *, const char *path,
	    struct diag *);
/*
 * Per-AS summary of the sessions with from <= time < to, sorted by ASN
 * (a spoofing client is one whose routed or private test was received).
 * Returns the number of ASes; *out is malloc'd.
 */
size_t	spoofer_summarize(const struct spoofer_set *, int64_t from,
	    int64_t to, struct spoofer_asn **out);

const char	*spoof_outcome_name(enum spoof_outcome);
const char	*spoofer_format_name(enum spoofer_format);
/* "2020-05-07T14:34:59+00:00", "...Z" or "2019-08-27 00:06:24" (UTC). */
bool		 spoofer_parse_time(const char *s, size_t n, int64_t *out);

#endif
