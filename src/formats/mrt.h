/*
 * MRT routing information export format (RFC 6396, RFC 8050).
 *
 * Two layers.  Framing (mrt_next) cuts a byte stream into records, and
 * recovers from damaged framing by scanning for the next plausible header.
 * Decoding (mrt_decode) turns one record into route elements (a RIB entry,
 * an announcement, a withdrawal, a state change) delivered to a callback.
 * Both count what they skip and why in struct mrt_stats.
 */
#ifndef MANRS_FORMATS_MRT_H
#define MANRS_FORMATS_MRT_H

#include <stdbool.h>
#include <stdint.h>

#include "formats/bgp.h"
#include "io/reader.h"
#include "net/prefix.h"

enum mrt_type {
	MRT_BGP = 5,			/* deprecated, RFC 6396 B.2 */
	MRT_TABLE_DUMP = 12,
	MRT_TABLE_DUMP_V2 = 13,
	MRT_BGP4MP = 16,
	MRT_BGP4MP_ET = 17,
};

enum mrt_td2_subtype {
	TD2_PEER_INDEX_TABLE = 1,
	TD2_RIB_IPV4_UNICAST = 2,
	TD2_RIB_IPV4_MULTICAST = 3,
	TD2_RIB_IPV6_UNICAST = 4,
	TD2_RIB_IPV6_MULTICAST = 5,
	TD2_RIB_GENERIC = 6,
	TD2_RIB_IPV4_UNICAST_ADDPATH = 8,
	TD2_RIB_IPV4_MULTICAST_ADDPATH = 9,
	TD2_RIB_IPV6_UNICAST_ADDPATH = 10,
	TD2_RIB_IPV6_MULTICAST_ADDPATH = 11,
	TD2_RIB_GENERIC_ADDPATH = 12,
};

enum mrt_bgp4mp_subtype {
	BGP4MP_STATE_CHANGE = 0,
	BGP4MP_MESSAGE = 1,
	BGP4MP_ENTRY = 2,		/* deprecated */
	BGP4MP_SNAPSHOT = 3,		/* deprecated */
	BGP4MP_MESSAGE_AS4 = 4,
	BGP4MP_STATE_CHANGE_AS4 = 5,
	BGP4MP_MESSAGE_LOCAL = 6,
	BGP4MP_MESSAGE_AS4_LOCAL = 7,
	BGP4MP_MESSAGE_ADDPATH = 8,
	BGP4MP_MESSAGE_AS4_ADDPATH = 9,
	BGP4MP_MESSAGE_LOCAL_ADDPATH = 10,
	BGP4MP_MESSAGE_AS4_LOCAL_ADDPATH = 11,
};

enum mrt_bgp_subtype {		/* type 5 */
	MRT_BGP_NULL = 0,
	MRT_BGP_UPDATE = 1,
	MRT_BGP_PREF_UPDATE = 2,
	MRT_BGP_STATE_CHANGE = 3,
	MRT_BGP_SYNC = 4,
	MRT_BGP_OPEN = 5,
	MRT_BGP_NOTIFY = 6,
	MRT_BGP_KEEPALIVE = 7,
};

struct mrt_record {
	uint64_t	 offset;	/* of the header in the stream */
	uint32_t	 ts;
	uint32_t	 usec;		/* BGP4MP_ET and other _ET types */
	uint16_t	 type;
	uint16_t	 subtype;
	uint32_t	 len;		/* body length as decoded */
	const uint8_t	*body;		/* valid until the next mrt_next() */
};

enum mrt_elem_kind {
	ELEM_RIB,			/* TABLE_DUMP(_V2) entry */
	ELEM_ANNOUNCE,
	ELEM_WITHDRAW,
	ELEM_STATE,
};

struct mrt_elem {
	enum mrt_elem_kind	 kind;
	const struct mrt_record	*rec;
	struct addr		 peer_ip;	/* AFI_NONE: peer unknown */
	uint32_t		 peer_as;
	uint16_t		 peer_index;	/* TABLE_DUMP_V2 entries */
	/* BGP4MP: the collector's side, and whether it sent the message. */
	struct addr		 local_ip;
	uint32_t		 local_as;
	bool			 local;
	struct prefix		 prefix;	/* not for ELEM_STATE */
	uint8_t			 safi;		/* 1 unicast, 2 multicast */
	bool			 has_path_id;
	uint32_t		 path_id;
	uint32_t		 originated;	/* RIB entries */
	bool			 as4;		/* session used 4-byte ASNs */
	/* ELEM_RIB and ELEM_ANNOUNCE: the decoded attributes. */
	const struct bgp_attrs	*attrs;
	/* ELEM_ANNOUNCE: the next hop for this prefix's family. */
	const struct addr	*nexthop;
	uint16_t		 old_state, new_state;	/* ELEM_STATE */
};

typedef void mrt_elem_fn(void *ctx, const struct mrt_elem *);

/* Why records or parts of them were skipped; counted per run. */
enum mrt_skip {
	SKIP_UNKNOWN_TYPE,		/* type/subtype we do not decode */
	SKIP_BAD_PEER_INDEX,		/* entry's peer index out of range */
	SKIP_TRUNCATED_RECORD,		/* body shorter than its fields */
	SKIP_BAD_PREFIX,		/* prefix length over the family */
	SKIP_BAD_BGP_MESSAGE,		/* marker, length or UPDATE layout */
	SKIP_BAD_NLRI,			/* rest of an NLRI list dropped */
	SKIP_TRAILING_BYTES,		/* bytes left after the last field */
	SKIP_UNSUPPORTED_AFI,		/* families other than IPv4/IPv6 */
	SKIP_MAX
};

struct mrt_stats {
	uint64_t	records;
	uint64_t	bytes;
	uint64_t	by_type[64][16];	/* [type & 63][subtype & 15] */
	uint64_t	elems[4];		/* by enum mrt_elem_kind */
	uint64_t	skipped[SKIP_MAX];
	uint64_t	attrs_malformed;	/* attribute sets with drops */
	uint64_t	attr_errors[BGP_ERR_MAX];
	uint64_t	nlri_dirty;		/* host bits past the length */
	uint64_t	resyncs;		/* framing recoveries */
	uint64_t	resync_bytes;		/* bytes skipped by them */
	uint64_t	td1_batched;		/* 2000-era RIS TABLE_DUMP */
	uint64_t	td1_short_len;		/* their 4-byte short length */
	uint64_t	addpath_guessed;	/* NLRI with undeclared path ids */
	uint64_t	no_peer_index;		/* RIB entries, peer unknown */
};

const char	*mrt_skip_str(enum mrt_skip);
const char	*mrt_type_name(uint16_t type);
const char	*mrt_subtype_name(uint16_t type, uint16_t subtype);

struct mrt_file;

/* Wrap an open reader (the mrt_file takes it over). */
struct mrt_file	*mrt_file_new(struct reader *, const char *name);
/*
 * Next record: 1 and *rec, or 0 at the end.  A truncated last record or
 * an unrecoverable framing error also ends the file: mrt_file_error()
 * then says what happened.
 */
int		 mrt_next(struct mrt_file *, struct mrt_record *rec);
const char	*mrt_file_error(const struct mrt_file *);
struct mrt_stats *mrt_file_stats(struct mrt_file *);
/*
 * Decode one record into elements.  Keeps the PEER_INDEX_TABLE between
 * calls.  Problems are counted in the stats (and logged at debug level
 * with file and offset); decoding goes on with the next record.
 */
void		 mrt_decode(struct mrt_file *, const struct mrt_record *,
		    mrt_elem_fn *, void *ctx);
void		 mrt_file_free(struct mrt_file *);

/* Decode one record without framing (used by fuzzers and tests). */
void		 mrt_decode_buffer(const uint8_t *, size_t, mrt_elem_fn *,
		    void *ctx, struct mrt_stats *);

#endif
