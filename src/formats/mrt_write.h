/*
 * Writers for MRT records (RFC 6396, RFC 8050) and the BGP messages and
 * path attributes inside them (RFC 4271, 4760, 6793, 8092, 9234, 7911).
 * They build input for the benchmark generator and for tests that feed
 * the parser; nothing in manrs proper writes MRT.
 *
 * Everything is appended to a struct mrtw_buf, a growable byte buffer
 * with a ceiling.  Writers trust their arguments (a test may well want
 * odd values) but never write a value that does not fit its field: a
 * count, a length or the ceiling that would overflow sets the sticky
 * `error` flag instead, and every writer returns !error.  Check once,
 * after a batch of calls.
 *
 * Length-prefixed things nest in the one buffer: a *_begin() writes a
 * header with a zero length and returns where it starts (a "mark"); the
 * body is appended with any of the writers; the matching *_end() fills in
 * the length.  So a BGP UPDATE is written straight into an open BGP4MP
 * record, and the entries of a RIB record one by one.
 *
 * Attribute sets are plain bytes: build one in a buffer of its own with
 * the bgpw_*() attribute writers, then hand b.p and b.len to a RIB entry,
 * a TABLE_DUMP record or bgpw_update().
 *
 * All integers are in host order in the arguments; addresses are struct
 * addr / struct prefix (network order bytes).
 */
#ifndef MANRS_FORMATS_MRT_WRITE_H
#define MANRS_FORMATS_MRT_WRITE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "formats/bgp.h"
#include "net/prefix.h"

/* Default ceiling of a buffer, when mrtw_buf_init() is given 0. */
#define MRTW_DEFAULT_MAX	(64u * 1024 * 1024)

struct mrtw_buf {
	uint8_t	*p;		/* owned; freed by mrtw_buf_free() */
	size_t	 len;
	size_t	 cap;
	size_t	 max;		/* len never goes past this */
	bool	 error;		/* sticky: something did not fit */
};

void	mrtw_buf_init(struct mrtw_buf *, size_t max);
void	mrtw_buf_free(struct mrtw_buf *);	/* NULL-safe, re-initable */
/* Empty the buffer and clear `error`; keeps the memory. */
void	mrtw_buf_reset(struct mrtw_buf *);
/* Write the contents to fp and reset.  False on error or a short write. */
bool	mrtw_buf_flush(struct mrtw_buf *, FILE *fp);

/* Raw appends (big-endian), for records no writer below makes. */
bool	mrtw_u8(struct mrtw_buf *, uint8_t);
bool	mrtw_u16(struct mrtw_buf *, uint16_t);
bool	mrtw_u32(struct mrtw_buf *, uint32_t);
bool	mrtw_bytes(struct mrtw_buf *, const void *, size_t);
/* 4 or 16 bytes by the family; AFI_NONE writes nothing. */
bool	mrtw_addr(struct mrtw_buf *, const struct addr *);

/*
 * The MRT common header.  mrtw_begin_et() writes the _ET form: the
 * microsecond field is counted in the record length (RFC 6396 §3).
 * mrtw_end() fills in the length of everything appended since the mark.
 */
size_t	mrtw_begin(struct mrtw_buf *, uint32_t ts, uint16_t type,
	    uint16_t subtype);
size_t	mrtw_begin_et(struct mrtw_buf *, uint32_t ts, uint32_t usec,
	    uint16_t type, uint16_t subtype);
bool	mrtw_end(struct mrtw_buf *, size_t mark);

/* TABLE_DUMP_V2 (RFC 6396 §4.3) */

struct mrtw_peer {
	uint32_t	bgp_id;
	struct addr	ip;		/* AFI_IPV4 or AFI_IPV6 */
	uint32_t	asn;
	bool		as4;		/* AS field of 4 bytes (peer type bit 1) */
};

/* One whole PEER_INDEX_TABLE record.  view may be NULL (no name). */
bool	mrtw_peer_index(struct mrtw_buf *, uint32_t ts, uint32_t collector_id,
	    const char *view, const struct mrtw_peer *, size_t npeers);

/* An open RIB record; the caller owns it, on the stack. */
struct mrtw_rib {
	size_t		mark;
	size_t		count_at;	/* where the entry count goes */
	uint32_t	count;
	bool		addpath;
};

/*
 * Start a RIB_IPV4_UNICAST / RIB_IPV6_UNICAST record, or with addpath the
 * RFC 8050 RIB_IPV4_UNICAST_ADDPATH (8) / RIB_IPV6_UNICAST_ADDPATH (10),
 * by the prefix's family.
 */
bool	mrtw_rib_begin(struct mrtw_buf *, struct mrtw_rib *, uint32_t ts,
	    uint32_t seq, const struct prefix *, bool addpath);
/* RIB_GENERIC (6) or RIB_GENERIC_ADDPATH (12) with one NLRI prefix. */
bool	mrtw_rib_begin_generic(struct mrtw_buf *, struct mrtw_rib *,
	    uint32_t ts, uint32_t seq, uint16_t afi, uint8_t safi,
	    const struct prefix *, bool addpath);
/*
 * One RIB entry with a raw attribute set (at most 65535 bytes).  Inside
 * TABLE_DUMP_V2, AS_PATH holds 4-byte ASNs and MP_REACH_NLRI has the
 * abbreviated form (bgpw_mp_reach_abbrev()).  path_id is written only in
 * an ADD-PATH record.
 */
bool	mrtw_rib_entry(struct mrtw_buf *, struct mrtw_rib *, uint16_t peer,
	    uint32_t originated, uint32_t path_id, const uint8_t *attrs,
	    size_t attrlen);
bool	mrtw_rib_end(struct mrtw_buf *, struct mrtw_rib *);

/* BGP4MP and BGP4MP_ET (RFC 6396 §4.4, RFC 8050 §3) */

struct mrtw_bgp4mp {
	uint32_t	ts;
	uint32_t	usec;		/* written only with et */
	bool		et;		/* type BGP4MP_ET (17), else BGP4MP (16) */
	bool		as4;		/* the _AS4 subtypes: 4-byte AS fields */
	bool		local;		/* the MESSAGE_*LOCAL subtypes */
	bool		addpath;	/* the MESSAGE_*ADDPATH subtypes */
	uint32_t	peer_as;	/* 2-byte form: must fit in 16 bits */
	uint32_t	local_as;
	uint16_t	ifindex;
	struct addr	peer_ip;	/* its family is the record's AFI */
	struct addr	local_ip;	/* same family, or AFI_NONE for zeros */
};

/*
 * A MESSAGE record: the header and peer fields, then the caller appends
 * one BGP message (bgpw_update(), bgpw_msg_begin()...) and calls
 * mrtw_end() with the returned mark.  The subtype follows from as4,
 * local and addpath.
 */
size_t	mrtw_bgp4mp_begin(struct mrtw_buf *, const struct mrtw_bgp4mp *);
/* The same in one call, with the message given as raw bytes. */
bool	mrtw_bgp4mp_message(struct mrtw_buf *, const struct mrtw_bgp4mp *,
	    const uint8_t *msg, size_t len);
/* STATE_CHANGE or, with as4, STATE_CHANGE_AS4 (states as RFC 6396). */
bool	mrtw_bgp4mp_state(struct mrtw_buf *, const struct mrtw_bgp4mp *,
	    uint16_t old_state, uint16_t new_state);

/* Legacy TABLE_DUMP (RFC 6396 §4.2): one entry, subtype by family. */
struct mrtw_td1 {
	uint32_t	ts;
	uint16_t	view;
	uint16_t	seq;
	struct prefix	prefix;
	uint8_t		status;		/* 1 in practice */
	uint32_t	originated;
	struct addr	peer_ip;	/* same family as prefix */
	uint16_t	peer_as;
};

/* attrs: 2-byte AS_PATH, NEXT_HOP or full MP_REACH_NLRI as the speaker sent. */
bool	mrtw_td1(struct mrtw_buf *, const struct mrtw_td1 *,
	    const uint8_t *attrs, size_t attrlen);

/* BGP messages (RFC 4271 §4) */

/* Header with a zero length; bgpw_msg_end() fills it in (max 65535). */
size_t	bgpw_msg_begin(struct mrtw_buf *, uint8_t type);
bool	bgpw_msg_end(struct mrtw_buf *, size_t mark);

/* One prefix in NLRI encoding, with an RFC 7911 path id if addpath. */
bool	bgpw_nlri(struct mrtw_buf *, const struct prefix *, bool addpath,
	    uint32_t path_id);

struct bgpw_update {
	const struct prefix	*withdrawn;	/* IPv4 withdrawn routes */
	const uint32_t		*withdrawn_ids;	/* path ids, or NULL */
	size_t			 nwithdrawn;
	const uint8_t		*attrs;		/* raw attribute set */
	size_t			 attrlen;
	const struct prefix	*nlri;		/* IPv4 NLRI */
	const uint32_t		*nlri_ids;	/* path ids, or NULL */
	size_t			 nnlri;
};

/* A whole UPDATE message, header included.  All pointers borrowed. */
bool	bgpw_update(struct mrtw_buf *, const struct bgpw_update *);

/*
 * Path attributes.  Each appends one attribute (flags, type, length,
 * value) to the buffer.  The extended-length flag is set when the value
 * is over 255 bytes, or always if the caller passes it in flags to
 * bgpw_attr().
 */
#define BGPW_OPTIONAL		0x80
#define BGPW_TRANSITIVE		0x40
#define BGPW_PARTIAL		0x20
#define BGPW_EXTLEN		0x10

bool	bgpw_attr(struct mrtw_buf *, uint8_t flags, uint8_t type,
	    const void *val, size_t len);
/* Start an attribute whose value is then appended; end fills the length. */
size_t	bgpw_attr_begin(struct mrtw_buf *, uint8_t flags, uint8_t type);
bool	bgpw_attr_end(struct mrtw_buf *, size_t mark);

bool	bgpw_origin(struct mrtw_buf *, uint8_t origin);
/*
 * AS_PATH with 4-byte (as4) or 2-byte ASNs; in the 2-byte form an ASN
 * over 65535 is written as AS_TRANS (RFC 6793), so add an AS4_PATH.
 * Segments of more than 255 ASNs are split into several of the same type.
 */
bool	bgpw_as_path(struct mrtw_buf *, const struct as_segment *,
	    size_t nseg, bool as4);
/* The common case: one AS_SEQUENCE (split as above); n == 0 is empty. */
bool	bgpw_as_path_seq(struct mrtw_buf *, const uint32_t *asns, size_t n,
	    bool as4);
bool	bgpw_as4_path(struct mrtw_buf *, const struct as_segment *,
	    size_t nseg);
bool	bgpw_next_hop(struct mrtw_buf *, const struct addr *);	/* IPv4 */
bool	bgpw_med(struct mrtw_buf *, uint32_t);
bool	bgpw_local_pref(struct mrtw_buf *, uint32_t);
bool	bgpw_atomic_aggregate(struct mrtw_buf *);
/* AGGREGATOR; 2-byte form writes AS_TRANS for a 4-byte ASN. */
bool	bgpw_aggregator(struct mrtw_buf *, uint32_t asn,
	    const struct addr *id, bool as4);
bool	bgpw_as4_aggregator(struct mrtw_buf *, uint32_t asn,
	    const struct addr *id);
bool	bgpw_communities(struct mrtw_buf *, const uint32_t *, size_t);
bool	bgpw_ext_communities(struct mrtw_buf *, const uint64_t *, size_t);
bool	bgpw_large_communities(struct mrtw_buf *,
	    const struct large_community *, size_t);
bool	bgpw_originator_id(struct mrtw_buf *, uint32_t);
bool	bgpw_cluster_list(struct mrtw_buf *, const uint32_t *, size_t);
bool	bgpw_otc(struct mrtw_buf *, uint32_t asn);
/*
 * MP_REACH_NLRI, full form (RFC 4760 §3): nnh next hops (1, or 2 for an
 * IPv6 global + link-local pair) and n prefixes, with path ids if ids is
 * not NULL.
 */
bool	bgpw_mp_reach(struct mrtw_buf *, uint16_t afi, uint8_t safi,
	    const struct addr *nh, size_t nnh, const struct prefix *,
	    const uint32_t *ids, size_t n);
/* The abbreviated TABLE_DUMP_V2 form (RFC 6396 §4.3.4): next hops only. */
bool	bgpw_mp_reach_abbrev(struct mrtw_buf *, const struct addr *nh,
	    size_t nnh);
bool	bgpw_mp_unreach(struct mrtw_buf *, uint16_t afi, uint8_t safi,
	    const struct prefix *, const uint32_t *ids, size_t n);

#endif
