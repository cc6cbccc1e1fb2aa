/*
 * MRT and BGP writers: see mrt_write.h.  Every field is written through
 * mrtw_reserve(), so the buffer can never pass its ceiling, and every
 * length goes through a patch helper that refuses values over its field.
 */
#include <stdlib.h>
#include <string.h>

#include "base/limits.h"
#include "base/xmalloc.h"
#include "formats/mrt.h"
#include "formats/mrt_write.h"

#define MRT_HDR_LEN	12
#define BGP_HDR_LEN	19

void
mrtw_buf_init(struct mrtw_buf *b, size_t max)
{
	b->p = NULL;
	b->len = b->cap = 0;
	b->max = max ? max : MRTW_DEFAULT_MAX;
	b->error = false;
}

void
mrtw_buf_free(struct mrtw_buf *b)
{
	if (b == NULL)
		return;
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
	b->error = false;
}

void
mrtw_buf_reset(struct mrtw_buf *b)
{
	b->len = 0;
	b->error = false;
}

bool
mrtw_buf_flush(struct mrtw_buf *b, FILE *fp)
{
	bool ok = !b->error;

	if (ok && b->len > 0 && fwrite(b->p, 1, b->len, fp) != b->len)
		ok = false;
	mrtw_buf_reset(b);
	return ok;
}

/* Room for n more bytes, or false with the error flag set. */
static bool
mrtw_reserve(struct mrtw_buf *b, size_t n)
{
	size_t cap;

	if (b->error)
		return false;
	if (b->cap - b->len >= n)
		return true;
	if (n > b->max - b->len) {
		b->error = true;
		return false;
	}
	cap = b->cap ? b->cap : 256;
	if (cap > b->max)
		cap = b->max;
	while (cap - b->len < n)
		cap = cap > b->max / 2 ? b->max : cap * 2;
	b->p = xrealloc(b->p, cap);
	b->cap = cap;
	return true;
}

bool
mrtw_u8(struct mrtw_buf *b, uint8_t v)
{
	if (!mrtw_reserve(b, 1))
		return false;
	b->p[b->len++] = v;
	return true;
}

bool
mrtw_u16(struct mrtw_buf *b, uint16_t v)
{
	if (!mrtw_reserve(b, 2))
		return false;
	b->p[b->len++] = (uint8_t)(v >> 8);
	b->p[b->len++] = (uint8_t)v;
	return true;
}

bool
mrtw_u32(struct mrtw_buf *b, uint32_t v)
{
	if (!mrtw_reserve(b, 4))
		return false;
	b->p[b->len++] = (uint8_t)(v >> 24);
	b->p[b->len++] = (uint8_t)(v >> 16);
	b->p[b->len++] = (uint8_t)(v >> 8);
	b->p[b->len++] = (uint8_t)v;
	return true;
}

bool
mrtw_bytes(struct mrtw_buf *b, const void *v, size_t n)
{
	if (!mrtw_reserve(b, n))
		return false;
	if (n > 0)
		memcpy(b->p + b->len, v, n);
	b->len += n;
	return true;
}

bool
mrtw_addr(struct mrtw_buf *b, const struct addr *a)
{
	return mrtw_bytes(b, a->b, afi_bytes(a->afi));
}

/* Fail unless a field of `bytes` bytes at `at` lies inside the buffer. */
static bool
mrtw_check_at(struct mrtw_buf *b, size_t at, size_t bytes)
{
	if (b->error)
		return false;
	if (at > b->len || b->len - at < bytes) {
		b->error = true;
		return false;
	}
	return true;
}

static bool
patch16(struct mrtw_buf *b, size_t at, size_t v)
{
	if (!mrtw_check_at(b, at, 2))
		return false;
	if (v > UINT16_MAX) {
		b->error = true;
		return false;
	}
	b->p[at] = (uint8_t)(v >> 8);
	b->p[at + 1] = (uint8_t)v;
	return true;
}

static bool
patch32(struct mrtw_buf *b, size_t at, size_t v)
{
	if (!mrtw_check_at(b, at, 4))
		return false;
	if (v > UINT32_MAX) {
		b->error = true;
		return false;
	}
	b->p[at] = (uint8_t)(v >> 24);
	b->p[at + 1] = (uint8_t)(v >> 16);
	b->p[at + 2] = (uint8_t)(v >> 8);
	b->p[at + 3] = (uint8_t)v;
	return true;
}

/* Bytes of a prefix of len bits, or -1 if it cannot be held. */
static int
plen_bytes(const struct prefix *p)
{
	if (p->len > 128)
		return -1;
	return (p->len + 7) / 8;
}

/* A prefix as length octet and the address bytes it covers. */
static bool
put_prefix(struct mrtw_buf *b, const struct prefix *p)
{
	int n = plen_bytes(p);

	if (n < 0) {
		b->error = true;
		return false;
	}
	mrtw_u8(b, p->len);
	return mrtw_bytes(b, p->b, (size_t)n);
}

/*
 * The MRT common header
 */

size_t
mrtw_begin(struct mrtw_buf *b, uint32_t ts, uint16_t type, uint16_t subtype)
{
	size_t mark = b->len;

	mrtw_u32(b, ts);
	mrtw_u16(b, type);
	mrtw_u16(b, subtype);
	mrtw_u32(b, 0);
	return mark;
}

size_t
mrtw_begin_et(struct mrtw_buf *b, uint32_t ts, uint32_t usec, uint16_t type,
    uint16_t subtype)
{
	size_t mark = mrtw_begin(b, ts, type, subtype);

	mrtw_u32(b, usec);
	return mark;
}

bool
mrtw_end(struct mrtw_buf *b, size_t mark)
{
	if (!mrtw_check_at(b, mark, MRT_HDR_LEN))
		return false;
	return patch32(b, mark + 8, b->len - mark - MRT_HDR_LEN);
}

/*
 * TABLE_DUMP_V2
 */

bool
mrtw_peer_index(struct mrtw_buf *b, uint32_t ts, uint32_t collector_id,
    const char *view, const struct mrtw_peer *peers, size_t npeers)
{
	size_t mark, vlen, i;

	vlen = view != NULL ? strlen(view) : 0;
	if (vlen > UINT16_MAX || npeers > UINT16_MAX) {
		b->error = true;
		return false;
	}
	mark = mrtw_begin(b, ts, MRT_TABLE_DUMP_V2, TD2_PEER_INDEX_TABLE);
	mrtw_u32(b, collector_id);
	mrtw_u16(b, (uint16_t)vlen);
	mrtw_bytes(b, view, vlen);
	mrtw_u16(b, (uint16_t)npeers);
	for (i = 0; i < npeers; i++) {
		const struct mrtw_peer *p = &peers[i];
		uint8_t type = 0;

		if (p->ip.afi == AFI_IPV6)
			type |= 0x01;
		else if (p->ip.afi != AFI_IPV4)
			b->error = true;
		if (p->as4)
			type |= 0x02;
		else if (p->asn > UINT16_MAX)
			b->error = true;
		mrtw_u8(b, type);
		mrtw_u32(b, p->bgp_id);
		mrtw_addr(b, &p->ip);
		if (p->as4)
			mrtw_u32(b, p->asn);
		else
			mrtw_u16(b, (uint16_t)p->asn);
	}
	return mrtw_end(b, mark);
}

static bool
rib_start(struct mrtw_buf *b, struct mrtw_rib *r, bool addpath)
{
	r->count_at = b->len;
	r->count = 0;
	r->addpath = addpath;
	return mrtw_u16(b, 0);
}

bool
mrtw_rib_begin(struct mrtw_buf *b, struct mrtw_rib *r, uint32_t ts,
    uint32_t seq, const struct prefix *p, bool addpath)
{
	uint16_t subtype;

	memset(r, 0, sizeof(*r));
	if (p->afi == AFI_IPV4)
		subtype = addpath ? TD2_RIB_IPV4_UNICAST_ADDPATH :
		    TD2_RIB_IPV4_UNICAST;
	else if (p->afi == AFI_IPV6)
		subtype = addpath ? TD2_RIB_IPV6_UNICAST_ADDPATH :
		    TD2_RIB_IPV6_UNICAST;
	else {
		b->error = true;
		return false;
	}
	r->mark = mrtw_begin(b, ts, MRT_TABLE_DUMP_V2, subtype);
	mrtw_u32(b, seq);
	put_prefix(b, p);
	return rib_start(b, r, addpath);
}

bool
mrtw_rib_begin_generic(struct mrtw_buf *b, struct mrtw_rib *r, uint32_t ts,
    uint32_t seq, uint16_t afi, uint8_t safi, const struct prefix *p,
    bool addpath)
{
	r->mark = mrtw_begin(b, ts, MRT_TABLE_DUMP_V2,
	    addpath ? TD2_RIB_GENERIC_ADDPATH : TD2_RIB_GENERIC);
	mrtw_u32(b, seq);
	mrtw_u16(b, afi);
	mrtw_u8(b, safi);
	put_prefix(b, p);
	return rib_start(b, r, addpath);
}

bool
mrtw_rib_entry(struct mrtw_buf *b, struct mrtw_rib *r, uint16_t peer,
    uint32_t originated, uint32_t path_id, const uint8_t *attrs,
    size_t attrlen)
{
	if (attrlen > UINT16_MAX || r->count >= UINT16_MAX) {
		b->error = true;
		return false;
	}
	r->count++;
	mrtw_u16(b, peer);
	mrtw_u32(b, originated);
	if (r->addpath)
		mrtw_u32(b, path_id);
	mrtw_u16(b, (uint16_t)attrlen);
	return mrtw_bytes(b, attrs, attrlen);
}

bool
mrtw_rib_end(struct mrtw_buf *b, struct mrtw_rib *r)
{
	patch16(b, r->count_at, r->count);
	return mrtw_end(b, r->mark);
}

/*
 * BGP4MP
 */

/* The peer and local AS, interface and addresses of every subtype. */
static void
bgp4mp_peer(struct mrtw_buf *b, const struct mrtw_bgp4mp *h)
{
	struct addr zero;

	if (h->peer_ip.afi != AFI_IPV4 && h->peer_ip.afi != AFI_IPV6)
		b->error = true;
	if (h->local_ip.afi != AFI_NONE && h->local_ip.afi != h->peer_ip.afi)
		b->error = true;
	if (h->as4) {
		mrtw_u32(b, h->peer_as);
		mrtw_u32(b, h->local_as);
	} else {
		if (h->peer_as > UINT16_MAX || h->local_as > UINT16_MAX)
			b->error = true;
		mrtw_u16(b, (uint16_t)h->peer_as);
		mrtw_u16(b, (uint16_t)h->local_as);
	}
	mrtw_u16(b, h->ifindex);
	mrtw_u16(b, h->peer_ip.afi);
	mrtw_addr(b, &h->peer_ip);
	if (h->local_ip.afi == AFI_NONE) {
		memset(&zero, 0, sizeof(zero));
		zero.afi = h->peer_ip.afi;
		mrtw_addr(b, &zero);
	} else
		mrtw_addr(b, &h->local_ip);
}

static size_t
bgp4mp_begin(struct mrtw_buf *b, const struct mrtw_bgp4mp *h,
    uint16_t subtype)
{
	size_t mark;

	if (h->et)
		mark = mrtw_begin_et(b, h->ts, h->usec, MRT_BGP4MP_ET, subtype);
	else
		mark = mrtw_begin(b, h->ts, MRT_BGP4MP, subtype);
	bgp4mp_peer(b, h);
	return mark;
}

size_t
mrtw_bgp4mp_begin(struct mrtw_buf *b, const struct mrtw_bgp4mp *h)
{
	/* RFC 6396 §4.4 and RFC 8050 §3: 1, 4, 6, 7, 8, 9, 10, 11. */
	static const uint16_t subtypes[2][2][2] = {	/* [addpath][local][as4] */
		{ { BGP4MP_MESSAGE, BGP4MP_MESSAGE_AS4 },
		  { BGP4MP_MESSAGE_LOCAL, BGP4MP_MESSAGE_AS4_LOCAL } },
		{ { BGP4MP_MESSAGE_ADDPATH, BGP4MP_MESSAGE_AS4_ADDPATH },
		  { BGP4MP_MESSAGE_LOCAL_ADDPATH,
		    BGP4MP_MESSAGE_AS4_LOCAL_ADDPATH } },
	};

	return bgp4mp_begin(b, h, subtypes[h->addpath][h->local][h->as4]);
}

bool
mrtw_bgp4mp_message(struct mrtw_buf *b, const struct mrtw_bgp4mp *h,
    const uint8_t *msg, size_t len)
{
	size_t mark = mrtw_bgp4mp_begin(b, h);

	mrtw_bytes(b, msg, len);
	return mrtw_end(b, mark);
}

bool
mrtw_bgp4mp_state(struct mrtw_buf *b, const struct mrtw_bgp4mp *h,
    uint16_t old_state, uint16_t new_state)
{
	size_t mark = bgp4mp_begin(b, h,
	    h->as4 ? BGP4MP_STATE_CHANGE_AS4 : BGP4MP_STATE_CHANGE);

	mrtw_u16(b, old_state);
	mrtw_u16(b, new_state);
	return mrtw_end(b, mark);
}

/*
 * Legacy TABLE_DUMP
 */

bool
mrtw_td1(struct mrtw_buf *b, const struct mrtw_td1 *t, const uint8_t *attrs,
    size_t attrlen)
{
	unsigned afi = t->prefix.afi;
	size_t mark;

	if ((afi != AFI_IPV4 && afi != AFI_IPV6) || t->peer_ip.afi != afi ||
	    t->prefix.len > afi_bits(afi) || attrlen > UINT16_MAX) {
		b->error = true;
		return false;
	}
	mark = mrtw_begin(b, t->ts, MRT_TABLE_DUMP, (uint16_t)afi);
	mrtw_u16(b, t->view);
	mrtw_u16(b, t->seq);
	mrtw_bytes(b, t->prefix.b, afi_bytes(afi));
	mrtw_u8(b, t->prefix.len);
	mrtw_u8(b, t->status);
	mrtw_u32(b, t->originated);
	mrtw_addr(b, &t->peer_ip);
	mrtw_u16(b, t->peer_as);
	mrtw_u16(b, (uint16_t)attrlen);
	mrtw_bytes(b, attrs, attrlen);
	return mrtw_end(b, mark);
}

/*
 * BGP messages
 */

size_t
bgpw_msg_begin(struct mrtw_buf *b, uint8_t type)
{
	static const uint8_t marker[16] = {
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	};
	size_t mark = b->len;

	mrtw_bytes(b, marker, sizeof(marker));
	mrtw_u16(b, 0);
	mrtw_u8(b, type);
	return mark;
}

bool
bgpw_msg_end(struct mrtw_buf *b, size_t mark)
{
	if (!mrtw_check_at(b, mark, BGP_HDR_LEN))
		return false;
	if (b->len - mark > MAX_BGP_MSG) {	/* RFC 8654's ceiling */
		b->error = true;
		return false;
	}
	return patch16(b, mark + 16, b->len - mark);
}

bool
bgpw_nlri(struct mrtw_buf *b, const struct prefix *p, bool addpath,
    uint32_t path_id)
{
	if (addpath)
		mrtw_u32(b, path_id);
	return put_prefix(b, p);
}

static bool
nlri_list(struct mrtw_buf *b, const struct prefix *p, const uint32_t *ids,
    size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		bgpw_nlri(b, &p[i], ids != NULL, ids != NULL ? ids[i] : 0);
	return !b->error;
}

bool
bgpw_update(struct mrtw_buf *b, const struct bgpw_update *u)
{
	size_t mark, at;

	mark = bgpw_msg_begin(b, BGP_MSG_UPDATE);
	at = b->len;
	mrtw_u16(b, 0);
	nlri_list(b, u->withdrawn, u->withdrawn_ids, u->nwithdrawn);
	patch16(b, at, b->len - at - 2);
	if (u->attrlen > UINT16_MAX)
		b->error = true;
	mrtw_u16(b, (uint16_t)u->attrlen);
	mrtw_bytes(b, u->attrs, u->attrlen);
	nlri_list(b, u->nlri, u->nlri_ids, u->nnlri);
	return bgpw_msg_end(b, mark);
}

/*
 * Path attributes
 */

size_t
bgpw_attr_begin(struct mrtw_buf *b, uint8_t flags, uint8_t type)
{
	size_t mark = b->len;

	/*
	 * Room for a 2-byte length; without BGPW_EXTLEN asked for,
	 * bgpw_attr_end() moves a short value down over the spare byte.
	 */
	mrtw_u8(b, flags);
	mrtw_u8(b, type);
	mrtw_u16(b, 0);
	return mark;
}

bool
bgpw_attr_end(struct mrtw_buf *b, size_t mark)
{
	size_t vlen;

	if (!mrtw_check_at(b, mark, 4))
		return false;
	vlen = b->len - mark - 4;
	if ((b->p[mark] & BGPW_EXTLEN) == 0) {
		if (vlen <= 255) {
			memmove(b->p + mark + 3, b->p + mark + 4, vlen);
			b->p[mark + 2] = (uint8_t)vlen;
			b->len--;
			return true;
		}
		b->p[mark] |= BGPW_EXTLEN;
	}
	return patch16(b, mark + 2, vlen);
}

bool
bgpw_attr(struct mrtw_buf *b, uint8_t flags, uint8_t type, const void *val,
    size_t len)
{
	if (len > UINT16_MAX) {
		b->error = true;
		return false;
	}
	if (len > 255)
		flags |= BGPW_EXTLEN;
	mrtw_u8(b, flags);
	mrtw_u8(b, type);
	if (flags & BGPW_EXTLEN)
		mrtw_u16(b, (uint16_t)len);
	else
		mrtw_u8(b, (uint8_t)len);
	return mrtw_bytes(b, val, len);
}

static bool
attr_u32(struct mrtw_buf *b, uint8_t flags, uint8_t type, uint32_t v)
{
	uint8_t val[4];

	val[0] = (uint8_t)(v >> 24);
	val[1] = (uint8_t)(v >> 16);
	val[2] = (uint8_t)(v >> 8);
	val[3] = (uint8_t)v;
	return bgpw_attr(b, flags, type, val, sizeof(val));
}

bool
bgpw_origin(struct mrtw_buf *b, uint8_t origin)
{
	return bgpw_attr(b, BGPW_TRANSITIVE, BGP_ATTR_ORIGIN, &origin, 1);
}

/* Segments, each split into runs of at most 255 ASNs. */
static void
put_segments(struct mrtw_buf *b, const struct as_segment *segs, size_t nseg,
    bool as4)
{
	size_t i, j, off, n;

	for (i = 0; i < nseg; i++) {
		off = 0;
		do {
			n = segs[i].count - off;
			if (n > 255)
				n = 255;
			mrtw_u8(b, segs[i].type);
			mrtw_u8(b, (uint8_t)n);
			for (j = 0; j < n; j++) {
				uint32_t asn = segs[i].asns[off + j];

				if (as4)
					mrtw_u32(b, asn);
				else
					mrtw_u16(b, asn > UINT16_MAX ?
					    AS_TRANS : (uint16_t)asn);
			}
			off += n;
		} while (off < segs[i].count);
	}
}

bool
bgpw_as_path(struct mrtw_buf *b, const struct as_segment *segs, size_t nseg,
    bool as4)
{
	size_t mark = bgpw_attr_begin(b, BGPW_TRANSITIVE, BGP_ATTR_AS_PATH);

	put_segments(b, segs, nseg, as4);
	return bgpw_attr_end(b, mark);
}

bool
bgpw_as_path_seq(struct mrtw_buf *b, const uint32_t *asns, size_t n,
    bool as4)
{
	struct as_segment seg;

	if (n > UINT16_MAX) {
		b->error = true;
		return false;
	}
	seg.type = AS_SEQUENCE;
	seg.count = (uint16_t)n;
	seg.asns = asns;
	return bgpw_as_path(b, &seg, n > 0 ? 1 : 0, as4);
}

bool
bgpw_as4_path(struct mrtw_buf *b, const struct as_segment *segs, size_t nseg)
{
	size_t mark = bgpw_attr_begin(b, BGPW_OPTIONAL | BGPW_TRANSITIVE,
	    BGP_ATTR_AS4_PATH);

	put_segments(b, segs, nseg, true);
	return bgpw_attr_end(b, mark);
}

bool
bgpw_next_hop(struct mrtw_buf *b, const struct addr *a)
{
	return bgpw_attr(b, BGPW_TRANSITIVE, BGP_ATTR_NEXT_HOP, a->b, 4);
}

bool
bgpw_med(struct mrtw_buf *b, uint32_t v)
{
	return attr_u32(b, BGPW_OPTIONAL, BGP_ATTR_MED, v);
}

bool
bgpw_local_pref(struct mrtw_buf *b, uint32_t v)
{
	return attr_u32(b, BGPW_TRANSITIVE, BGP_ATTR_LOCAL_PREF, v);
}

bool
bgpw_atomic_aggregate(struct mrtw_buf *b)
{
	return bgpw_attr(b, BGPW_TRANSITIVE, BGP_ATTR_ATOMIC_AGGREGATE, NULL,
	    0);
}

static bool
aggregator(struct mrtw_buf *b, uint8_t type, uint32_t asn,
    const struct addr *id, bool as4)
{
	size_t mark = bgpw_attr_begin(b, BGPW_OPTIONAL | BGPW_TRANSITIVE,
	    type);

	if (as4)
		mrtw_u32(b, asn);
	else
		mrtw_u16(b, asn > UINT16_MAX ? AS_TRANS : (uint16_t)asn);
	mrtw_bytes(b, id->b, 4);
	return bgpw_attr_end(b, mark);
}

bool
bgpw_aggregator(struct mrtw_buf *b, uint32_t asn, const struct addr *id,
    bool as4)
{
	return aggregator(b, BGP_ATTR_AGGREGATOR, asn, id, as4);
}

bool
bgpw_as4_aggregator(struct mrtw_buf *b, uint32_t asn, const struct addr *id)
{
	return aggregator(b, BGP_ATTR_AS4_AGGREGATOR, asn, id, true);
}

bool
bgpw_communities(struct mrtw_buf *b, const uint32_t *c, size_t n)
{
	size_t mark = bgpw_attr_begin(b, BGPW_OPTIONAL | BGPW_TRANSITIVE,
	    BGP_ATTR_COMMUNITIES);
	size_t i;

	for (i = 0; i < n; i++)
		mrtw_u32(b, c[i]);
	return bgpw_attr_end(b, mark);
}

bool
bgpw_ext_communities(struct mrtw_buf *b, const uint64_t *c, size_t n)
{
	size_t mark = bgpw_attr_begin(b, BGPW_OPTIONAL | BGPW_TRANSITIVE,
	    BGP_ATTR_EXT_COMMUNITIES);
	size_t i;

	for (i = 0; i < n; i++) {
		mrtw_u32(b, (uint32_t)(c[i] >> 32));
		mrtw_u32(b, (uint32_t)c[i]);
	}
	return bgpw_attr_end(b, mark);
}

bool
bgpw_large_communities(struct mrtw_buf *b, const struct large_community *c,
    size_t n)
{
	size_t mark = bgpw_attr_begin(b, BGPW_OPTIONAL | BGPW_TRANSITIVE,
	    BGP_ATTR_LARGE_COMMUNITIES);
	size_t i;

	for (i = 0; i < n; i++) {
		mrtw_u32(b, c[i].global);
		mrtw_u32(b, c[i].local1);
		mrtw_u32(b, c[i].local2);
	}
	return bgpw_attr_end(b, mark);
}

bool
bgpw_originator_id(struct mrtw_buf *b, uint32_t id)
{
	return attr_u32(b, BGPW_OPTIONAL, BGP_ATTR_ORIGINATOR_ID, id);
}

bool
bgpw_cluster_list(struct mrtw_buf *b, const uint32_t *ids, size_t n)
{
	size_t mark = bgpw_attr_begin(b, BGPW_OPTIONAL,
	    BGP_ATTR_CLUSTER_LIST);
	size_t i;

	for (i = 0; i < n; i++)
		mrtw_u32(b, ids[i]);
	return bgpw_attr_end(b, mark);
}

bool
bgpw_otc(struct mrtw_buf *b, uint32_t asn)
{
	return attr_u32(b, BGPW_OPTIONAL | BGPW_TRANSITIVE, BGP_ATTR_OTC, asn);
}

/* Next-hop length and the next hops, as both MP_REACH forms start. */
static void
put_nexthops(struct mrtw_buf *b, const struct addr *nh, size_t nnh)
{
	size_t i, len = 0;

	for (i = 0; i < nnh; i++)
		len += afi_bytes(nh[i].afi);
	if (len > 255)
		b->error = true;
	mrtw_u8(b, (uint8_t)len);
	for (i = 0; i < nnh; i++)
		mrtw_addr(b, &nh[i]);
}

bool
bgpw_mp_reach(struct mrtw_buf *b, uint16_t afi, uint8_t safi,
    const struct addr *nh, size_t nnh, const struct prefix *p,
    const uint32_t *ids, size_t n)
{
	size_t mark = bgpw_attr_begin(b, BGPW_OPTIONAL, BGP_ATTR_MP_REACH);

	mrtw_u16(b, afi);
	mrtw_u8(b, safi);
	put_nexthops(b, nh, nnh);
	mrtw_u8(b, 0);			/* reserved (was SNPAs) */
	nlri_list(b, p, ids, n);
	return bgpw_attr_end(b, mark);
}

bool
bgpw_mp_reach_abbrev(struct mrtw_buf *b, const struct addr *nh, size_t nnh)
{
	size_t mark = bgpw_attr_begin(b, BGPW_OPTIONAL, BGP_ATTR_MP_REACH);

	put_nexthops(b, nh, nnh);
	return bgpw_attr_end(b, mark);
}

bool
bgpw_mp_unreach(struct mrtw_buf *b, uint16_t afi, uint8_t safi,
    const struct prefix *p, const uint32_t *ids, size_t n)
{
	size_t mark = bgpw_attr_begin(b, BGPW_OPTIONAL, BGP_ATTR_MP_UNREACH);

	mrtw_u16(b, afi);
	mrtw_u8(b, safi);
	nlri_list(b, p, ids, n);
	return bgpw_attr_end(b, mark);
}
