/*
 * BGP-4 UPDATE messages and path attributes (RFC 4271, 4760, 6793, 7606,
 * 8092, 9234, 7911).  Independent of MRT framing, so that BMP can share it.
 *
 * Decoding is zero-copy where it can be: community lists and NLRI stay as
 * cursors into the caller's bytes, which must outlive the decoded struct.
 * Malformed attributes follow RFC 7606 thinking: the attribute is flagged
 * in `malformed` and dropped, and decoding goes on.
 */
#ifndef MANRS_FORMATS_BGP_H
#define MANRS_FORMATS_BGP_H

#include <stdbool.h>
#include <stdint.h>

#include "base/cursor.h"
#include "base/limits.h"
#include "net/prefix.h"

enum bgp_attr_type {
	BGP_ATTR_ORIGIN = 1,
	BGP_ATTR_AS_PATH = 2,
	BGP_ATTR_NEXT_HOP = 3,
	BGP_ATTR_MED = 4,
	BGP_ATTR_LOCAL_PREF = 5,
	BGP_ATTR_ATOMIC_AGGREGATE = 6,
	BGP_ATTR_AGGREGATOR = 7,
	BGP_ATTR_COMMUNITIES = 8,
	BGP_ATTR_ORIGINATOR_ID = 9,
	BGP_ATTR_CLUSTER_LIST = 10,
	BGP_ATTR_MP_REACH = 14,
	BGP_ATTR_MP_UNREACH = 15,
	BGP_ATTR_EXT_COMMUNITIES = 16,
	BGP_ATTR_AS4_PATH = 17,
	BGP_ATTR_AS4_AGGREGATOR = 18,
	BGP_ATTR_LARGE_COMMUNITIES = 32,
	BGP_ATTR_OTC = 35,
};

#define BGP_ATTR_BIT(t)		(1ull << (t))	/* only for t < 64 */

enum bgp_seg_type {
	AS_SET = 1,
	AS_SEQUENCE = 2,
	AS_CONFED_SEQUENCE = 3,
	AS_CONFED_SET = 4,
};

#define AS_TRANS	23456u

enum bgp_origin {
	ORIGIN_IGP = 0,
	ORIGIN_EGP = 1,
	ORIGIN_INCOMPLETE = 2,
};

struct as_segment {
	uint8_t		 type;		/* enum bgp_seg_type */
	uint16_t	 count;
	const uint32_t	*asns;
};

/* An AS path after the RFC 6793 merge of AS_PATH and AS4_PATH. */
struct as_path {
	uint32_t		 nseg;
	const struct as_segment	*segs;
};

struct large_community {
	uint32_t	global, local1, local2;
};

/* Options that change how attribute bytes are read. */
struct bgp_opts {
	bool	as4;		/* AS_PATH/AGGREGATOR carry 4-byte ASNs */
	bool	addpath;	/* NLRI carry RFC 7911 path identifiers */
	/*
	 * MP_REACH_NLRI in the abbreviated RFC 6396 §4.3.4 form used in
	 * TABLE_DUMP_V2 RIB entries: next-hop length and next hop only.
	 */
	bool	mp_abbrev;
};

struct bgp_mp {
	uint16_t	afi;
	uint8_t		safi;
	uint8_t		nnexthop;	/* 0, 1 or 2 (global + link-local) */
	struct addr	nexthop[2];
	struct cursor	nlri;		/* unparsed (prefix) list */
};

/* Why an attribute was dropped, counted per run. */
enum bgp_error {
	BGP_ERR_NONE = 0,
	BGP_ERR_ATTR_TRUNCATED,		/* header or value past the end */
	BGP_ERR_ATTR_LENGTH,		/* wrong fixed length */
	BGP_ERR_ATTR_FLAGS,		/* e.g. well-known marked optional */
	BGP_ERR_ATTR_DUPLICATE,
	BGP_ERR_ORIGIN_VALUE,
	BGP_ERR_AS_PATH,		/* bad segment type or length */
	BGP_ERR_AS_PATH_TOO_LONG,
	BGP_ERR_NEXT_HOP,
	BGP_ERR_MP_REACH,
	BGP_ERR_MP_UNREACH,
	BGP_ERR_NLRI,			/* bad prefix length, short NLRI */
	BGP_ERR_COMMUNITIES,
	BGP_ERR_MAX
};

const char	*bgp_error_str(enum bgp_error);

struct bgp_attrs {
	uint64_t		present;	/* BGP_ATTR_BIT()s seen and kept */
	uint64_t		malformed;	/* BGP_ATTR_BIT()s dropped */
	enum bgp_error		first_error;	/* of the first dropped attr */
	uint32_t		nmalformed;

	uint8_t			origin;
	struct as_path		path;		/* merged, what routing uses */
	struct as_path		as_path;	/* AS_PATH as sent */
	bool			as4_path_used;	/* AS4_PATH merged in */
	struct addr		nexthop;	/* NEXT_HOP (IPv4) */
	uint32_t		med;
	uint32_t		local_pref;
	uint32_t		aggr_as;	/* AS4_AGGREGATOR when valid */
	struct addr		aggr_addr;
	bool			aggr_as4_used;
	uint32_t		originator_id;
	uint32_t		otc;

	struct cursor		communities;	/* 4-byte values */
	struct cursor		ext_communities;/* 8-byte values */
	struct cursor		large_communities; /* 12-byte values */
	struct cursor		cluster_list;

	struct bgp_mp		mp_reach;	/* present if MP_REACH bit */
	struct bgp_mp		mp_unreach;	/* nexthops unused */

	/* Space for the decoded paths; reused, never freed per record. */
	struct as_segment	segbuf[3][MAX_AS_PATH_SEGS];
	uint32_t		asnbuf[3][MAX_AS_PATH_LEN];
};

/*
 * Decode a path attribute block.  Never fails as a whole: malformed
 * attributes are dropped and flagged.  `a` is overwritten.
 */
void	bgp_attrs_decode(struct cursor, const struct bgp_opts *,
	    struct bgp_attrs *a);

/* The origin AS of a merged path: last ASN of a final AS_SEQUENCE, else 0. */
uint32_t as_path_origin(const struct as_path *);
/* Number of ASNs counted as RFC 4271 path length (a set counts as one). */
uint32_t as_path_length(const struct as_path *);

/*
 * Read the next prefix from an NLRI list.  Returns 1 with a prefix, 0 at
 * the end of the list, -1 on malformed input (*err set; the rest of the
 * list cannot be trusted).  Bits past the length must be zero on the wire;
 * if not, they are cleared and *dirty is set, so the caller can count it.
 */
int	bgp_nlri_next(struct cursor *, unsigned afi, bool addpath,
	    struct prefix *, uint32_t *path_id, bool *dirty,
	    enum bgp_error *err);

/* The parts of an UPDATE message body (after the 19-byte header). */
struct bgp_update {
	struct cursor	withdrawn;
	struct cursor	attrs;
	struct cursor	nlri;
};

/* Split an UPDATE body.  Returns false if the lengths do not add up. */
bool	bgp_update_split(struct cursor body, struct bgp_update *);

enum bgp_msg_type {
	BGP_MSG_OPEN = 1,
	BGP_MSG_UPDATE = 2,
	BGP_MSG_NOTIFICATION = 3,
	BGP_MSG_KEEPALIVE = 4,
	BGP_MSG_ROUTE_REFRESH = 5,
};

/*
 * Check and strip a BGP message header (marker, length, type).  *body is
 * what follows the header.  Returns false if the header is bad.
 */
bool	bgp_msg_split(struct cursor msg, uint8_t *type, struct cursor *body);

#endif
