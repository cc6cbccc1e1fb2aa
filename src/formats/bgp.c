#include <string.h>

#include "bgp.h"

static const char *const error_str[BGP_ERR_MAX] = {
	[BGP_ERR_NONE] = "no error",
	[BGP_ERR_ATTR_TRUNCATED] = "attribute runs past the end of the block",
	[BGP_ERR_ATTR_LENGTH] = "attribute has the wrong length",
	[BGP_ERR_ATTR_FLAGS] = "attribute has the wrong flags",
	[BGP_ERR_ATTR_DUPLICATE] = "attribute appears twice",
	[BGP_ERR_ORIGIN_VALUE] = "ORIGIN value is not 0, 1 or 2",
	[BGP_ERR_AS_PATH] = "AS path has a bad segment",
	[BGP_ERR_AS_PATH_TOO_LONG] = "AS path is longer than we keep",
	[BGP_ERR_NEXT_HOP] = "NEXT_HOP is malformed",
	[BGP_ERR_MP_REACH] = "MP_REACH_NLRI is malformed",
	[BGP_ERR_MP_UNREACH] = "MP_UNREACH_NLRI is malformed",
	[BGP_ERR_NLRI] = "NLRI prefix is malformed",
	[BGP_ERR_COMMUNITIES] = "community list length is not a multiple",
};

const char *
bgp_error_str(enum bgp_error e)
{
	if ((unsigned)e >= BGP_ERR_MAX)
		return "unknown error";
	return error_str[e];
}

/*
 * Decode AS_PATH or AS4_PATH segments into segs/asns (RFC 4271 4.3,
 * RFC 6793).  Zero-length segments are malformed (RFC 7606 7.2).
 */
static enum bgp_error
decode_path(struct cursor c, unsigned asn_size, struct as_segment *segs,
    uint32_t *asns, struct as_path *out)
{
	uint32_t nseg = 0, nasn = 0;

	while (!cur_empty(&c)) {
		uint8_t type, count;
		unsigned i;

		if (!cur_u8(&c, &type) || !cur_u8(&c, &count))
			return BGP_ERR_AS_PATH;
		if (type < AS_SET || type > AS_CONFED_SET || count == 0)
			return BGP_ERR_AS_PATH;
		if (c.len < (size_t)count * asn_size)
			return BGP_ERR_AS_PATH;
		if (nseg >= MAX_AS_PATH_SEGS || nasn + count > MAX_AS_PATH_LEN)
			return BGP_ERR_AS_PATH_TOO_LONG;
		segs[nseg].type = type;
		segs[nseg].count = count;
		segs[nseg].asns = asns + nasn;
		if (asn_size == 4) {
			for (i = 0; i < count; i++)
				asns[nasn + i] = be32(c.p + 4 * i);
		} else {
			for (i = 0; i < count; i++)
				asns[nasn + i] = be16(c.p + 2 * i);
		}
		cur_skip(&c, (size_t)count * asn_size);
		nasn += count;
		nseg++;
	}
	out->nseg = nseg;
	out->segs = segs;
	return BGP_ERR_NONE;
}

/* Path length as RFC 6793 counts it: a set is one, confed parts none. */
static uint32_t
path_count(const struct as_path *p)
{
	uint32_t i, n = 0;

	for (i = 0; i < p->nseg; i++) {
		if (p->segs[i].type == AS_SEQUENCE)
			n += p->segs[i].count;
		else if (p->segs[i].type == AS_SET)
			n += 1;
	}
	return n;
}

uint32_t
as_path_length(const struct as_path *p)
{
	return path_count(p);
}

uint32_t
as_path_origin(const struct as_path *p)
{
	const struct as_segment *s;

	if (p->nseg == 0)
		return 0;
	s = &p->segs[p->nseg - 1];
	if (s->type != AS_SEQUENCE)
		return 0;
	return s->asns[s->count - 1];
}

/*
 * RFC 6793 4.2.3: keep the first (|AS_PATH| - |AS4_PATH|) ASNs of AS_PATH
 * and append AS4_PATH.  If AS4_PATH is longer, it is ignored.
 */
static void
merge_as4(struct bgp_attrs *a, const struct as_path *as4)
{
	uint32_t keep, i, nseg = 0, nasn = 0;
	uint32_t n2 = path_count(&a->as_path), n4 = path_count(as4);
	struct as_segment *segs = a->segbuf[2];
	uint32_t *asns = a->asnbuf[2];

	if (n4 > n2) {
		a->path = a->as_path;
		return;
	}
	keep = n2 - n4;
	for (i = 0; i < a->as_path.nseg && keep > 0; i++) {
		const struct as_segment *s = &a->as_path.segs[i];
		uint32_t take;

		if (s->type == AS_SEQUENCE)
			take = s->count < keep ? s->count : keep;
		else if (s->type == AS_SET)
			take = s->count;
		else
			take = s->count;	/* confed parts are not counted */
		segs[nseg].type = s->type;
		segs[nseg].count = (uint16_t)take;
		segs[nseg].asns = asns + nasn;
		memcpy(asns + nasn, s->asns, take * sizeof(*asns));
		nasn += take;
		nseg++;
		if (s->type == AS_SEQUENCE)
			keep -= take;
		else if (s->type == AS_SET)
			keep -= 1;
	}
	for (i = 0; i < as4->nseg; i++) {
		const struct as_segment *s = &as4->segs[i];

		if (nseg >= MAX_AS_PATH_SEGS ||
		    nasn + s->count > MAX_AS_PATH_LEN)
			break;
		/* Join with a preceding sequence, as it was on the wire. */
		if (nseg > 0 && s->type == AS_SEQUENCE &&
		    segs[nseg - 1].type == AS_SEQUENCE &&
		    segs[nseg - 1].count + s->count <= 255 && i == 0) {
			memcpy(asns + nasn, s->asns, s->count * sizeof(*asns));
			segs[nseg - 1].count =
			    (uint16_t)(segs[nseg - 1].count + s->count);
			nasn += s->count;
			continue;
		}
		segs[nseg].type = s->type;
		segs[nseg].count = s->count;
		segs[nseg].asns = asns + nasn;
		memcpy(asns + nasn, s->asns, s->count * sizeof(*asns));
		nasn += s->count;
		nseg++;
	}
	a->path.nseg = nseg;
	a->path.segs = segs;
	a->as4_path_used = true;
}

static bool
read_nexthops(struct cursor *c, unsigned afi, uint8_t nhlen, struct bgp_mp *mp)
{
	struct cursor nh;

	if (!cur_sub(c, nhlen, &nh))
		return false;
	mp->nnexthop = 0;
	memset(mp->nexthop, 0, sizeof(mp->nexthop));
	if (afi == AFI_IPV4) {
		/* 4, or 12/24 for VPN-style RD + address: keep the address */
		if (nhlen == 4) {
			mp->nexthop[0].afi = AFI_IPV4;
			cur_bytes(&nh, mp->nexthop[0].b, 4);
			mp->nnexthop = 1;
		} else if (nhlen == 16 || nhlen == 32) {
			/* RFC 8950: IPv4 NLRI with IPv6 next hop */
			mp->nexthop[0].afi = AFI_IPV6;
			cur_bytes(&nh, mp->nexthop[0].b, 16);
			mp->nnexthop = 1;
			if (nhlen == 32) {
				mp->nexthop[1].afi = AFI_IPV6;
				cur_bytes(&nh, mp->nexthop[1].b, 16);
				mp->nnexthop = 2;
			}
		} else if (nhlen == 12) {
			cur_skip(&nh, 8);
			mp->nexthop[0].afi = AFI_IPV4;
			cur_bytes(&nh, mp->nexthop[0].b, 4);
			mp->nnexthop = 1;
		}
		return true;
	}
	if (afi == AFI_IPV6) {
		if (nhlen == 16 || nhlen == 32) {
			mp->nexthop[0].afi = AFI_IPV6;
			cur_bytes(&nh, mp->nexthop[0].b, 16);
			mp->nnexthop = 1;
			if (nhlen == 32) {
				mp->nexthop[1].afi = AFI_IPV6;
				cur_bytes(&nh, mp->nexthop[1].b, 16);
				mp->nnexthop = 2;
			}
		} else if (nhlen == 24 || nhlen == 48) {
			cur_skip(&nh, 8);
			mp->nexthop[0].afi = AFI_IPV6;
			cur_bytes(&nh, mp->nexthop[0].b, 16);
			mp->nnexthop = 1;
		}
		return true;
	}
	return true;	/* other families: next hop kept raw-less */
}

/* RFC 4760 3; the abbreviated MRT form is RFC 6396 4.3.4. */
static enum bgp_error
decode_mp_reach(struct cursor c, const struct bgp_opts *o, struct bgp_mp *mp)
{
	uint8_t nhlen, reserved;

	memset(mp, 0, sizeof(*mp));
	if (o->mp_abbrev) {
		/*
		 * The RFC says only the next-hop length and next hop are
		 * there, but some writers put the full attribute; tell them
		 * apart by the first byte: a next-hop length is never 0.
		 */
		if (c.len >= 1 && c.p[0] != 0 && (size_t)c.p[0] + 1 == c.len) {
			cur_u8(&c, &nhlen);
			mp->afi = nhlen == 4 || nhlen == 12 ? AFI_IPV4 :
			    AFI_IPV6;
			mp->safi = 1;
			if (!read_nexthops(&c, mp->afi, nhlen, mp))
				return BGP_ERR_MP_REACH;
			mp->nlri = cur_make(c.p, 0);
			return BGP_ERR_NONE;
		}
	}
	if (!cur_u16(&c, &mp->afi) || !cur_u8(&c, &mp->safi) ||
	    !cur_u8(&c, &nhlen))
		return BGP_ERR_MP_REACH;
	if (!read_nexthops(&c, mp->afi, nhlen, mp))
		return BGP_ERR_MP_REACH;
	if (!cur_u8(&c, &reserved))
		return BGP_ERR_MP_REACH;
	mp->nlri = c;
	return BGP_ERR_NONE;
}

static enum bgp_error
decode_mp_unreach(struct cursor c, struct bgp_mp *mp)
{
	memset(mp, 0, sizeof(*mp));
	if (!cur_u16(&c, &mp->afi) || !cur_u8(&c, &mp->safi))
		return BGP_ERR_MP_UNREACH;
	mp->nlri = c;
	return BGP_ERR_NONE;
}

static void
drop(struct bgp_attrs *a, unsigned type, enum bgp_error e)
{
	if (type < 64)
		a->malformed |= BGP_ATTR_BIT(type);
	if (a->nmalformed++ == 0)
		a->first_error = e;
}

void
bgp_attrs_decode(struct cursor c, const struct bgp_opts *o, struct bgp_attrs *a)
{
	struct as_path as4 = { 0, NULL };
	bool have_as4_path = false, have_as4_aggr = false;
	uint32_t as4_aggr_as = 0;
	struct addr as4_aggr_addr;

	a->present = 0;
	a->malformed = 0;
	a->first_error = BGP_ERR_NONE;
	a->nmalformed = 0;
	a->origin = 0;
	a->path.nseg = 0;
	a->path.segs = NULL;
	a->as_path = a->path;
	a->as4_path_used = false;
	memset(&a->nexthop, 0, sizeof(a->nexthop));
	a->med = a->local_pref = a->aggr_as = a->originator_id = a->otc = 0;
	memset(&a->aggr_addr, 0, sizeof(a->aggr_addr));
	a->aggr_as4_used = false;
	a->communities = a->ext_communities = a->large_communities =
	    a->cluster_list = cur_make(c.p, 0);
	memset(&as4_aggr_addr, 0, sizeof(as4_aggr_addr));
	memset(&a->mp_reach, 0, sizeof(a->mp_reach));
	memset(&a->mp_unreach, 0, sizeof(a->mp_unreach));

	while (!cur_empty(&c)) {
		uint8_t flags, type;
		uint16_t len;
		uint8_t len8;
		struct cursor v;
		enum bgp_error e = BGP_ERR_NONE;

		if (!cur_u8(&c, &flags) || !cur_u8(&c, &type)) {
			drop(a, 0, BGP_ERR_ATTR_TRUNCATED);
			break;
		}
		if (flags & 0x10) {
			if (!cur_u16(&c, &len)) {
				drop(a, type, BGP_ERR_ATTR_TRUNCATED);
				break;
			}
		} else {
			if (!cur_u8(&c, &len8)) {
				drop(a, type, BGP_ERR_ATTR_TRUNCATED);
				break;
			}
			len = len8;
		}
		if (!cur_sub(&c, len, &v)) {
			/* Nothing after a bad length can be trusted. */
			drop(a, type, BGP_ERR_ATTR_TRUNCATED);
			break;
		}
		if (type < 64 && (a->present & BGP_ATTR_BIT(type))) {
			drop(a, type, BGP_ERR_ATTR_DUPLICATE);
			continue;
		}
		switch (type) {
		case BGP_ATTR_ORIGIN:
			if (len != 1)
				e = BGP_ERR_ATTR_LENGTH;
			else if (v.p[0] > ORIGIN_INCOMPLETE)
				e = BGP_ERR_ORIGIN_VALUE;
			else
				a->origin = v.p[0];
			break;
		case BGP_ATTR_AS_PATH:
			e = decode_path(v, o->as4 ? 4 : 2, a->segbuf[0],
			    a->asnbuf[0], &a->as_path);
			break;
		case BGP_ATTR_AS4_PATH:
			e = decode_path(v, 4, a->segbuf[1], a->asnbuf[1], &as4);
			if (e == BGP_ERR_NONE)
				have_as4_path = true;
			break;
		case BGP_ATTR_NEXT_HOP:
			if (len != 4)
				e = BGP_ERR_NEXT_HOP;
			else {
				a->nexthop.afi = AFI_IPV4;
				memcpy(a->nexthop.b, v.p, 4);
			}
			break;
		case BGP_ATTR_MED:
			if (len != 4)
				e = BGP_ERR_ATTR_LENGTH;
			else
				a->med = be32(v.p);
			break;
		case BGP_ATTR_LOCAL_PREF:
			if (len != 4)
				e = BGP_ERR_ATTR_LENGTH;
			else
				a->local_pref = be32(v.p);
			break;
		case BGP_ATTR_ATOMIC_AGGREGATE:
			if (len != 0)
				e = BGP_ERR_ATTR_LENGTH;
			break;
		case BGP_ATTR_AGGREGATOR:
			/*
			 * The length tells the ASN size without doubt; some
			 * writers (OpenBGPD's TABLE_DUMP) use 4 bytes in a
			 * 2-byte context.
			 */
			if (len != 6 && len != 8)
				e = BGP_ERR_ATTR_LENGTH;
			else {
				size_t n = len == 8 ? 4 : 2;

				a->aggr_as = n == 4 ? be32(v.p) : be16(v.p);
				a->aggr_addr.afi = AFI_IPV4;
				memcpy(a->aggr_addr.b, v.p + n, 4);
			}
			break;
		case BGP_ATTR_AS4_AGGREGATOR:
			if (len != 8)
				e = BGP_ERR_ATTR_LENGTH;
			else {
				as4_aggr_as = be32(v.p);
				as4_aggr_addr.afi = AFI_IPV4;
				memcpy(as4_aggr_addr.b, v.p + 4, 4);
				have_as4_aggr = true;
			}
			break;
		case BGP_ATTR_COMMUNITIES:
			if (len % 4 != 0)
				e = BGP_ERR_COMMUNITIES;
			else
				a->communities = v;
			break;
		case BGP_ATTR_EXT_COMMUNITIES:
			if (len % 8 != 0)
				e = BGP_ERR_COMMUNITIES;
			else
				a->ext_communities = v;
			break;
		case BGP_ATTR_LARGE_COMMUNITIES:
			if (len % 12 != 0)
				e = BGP_ERR_COMMUNITIES;
			else
				a->large_communities = v;
			break;
		case BGP_ATTR_ORIGINATOR_ID:
			if (len != 4)
				e = BGP_ERR_ATTR_LENGTH;
			else
				a->originator_id = be32(v.p);
			break;
		case BGP_ATTR_CLUSTER_LIST:
			if (len % 4 != 0)
				e = BGP_ERR_ATTR_LENGTH;
			else
				a->cluster_list = v;
			break;
		case BGP_ATTR_OTC:
			if (len != 4)
				e = BGP_ERR_ATTR_LENGTH;
			else
				a->otc = be32(v.p);
			break;
		case BGP_ATTR_MP_REACH:
			e = decode_mp_reach(v, o, &a->mp_reach);
			break;
		case BGP_ATTR_MP_UNREACH:
			e = decode_mp_unreach(v, &a->mp_unreach);
			break;
		default:
			/* Unknown or unused: skipped, not an error. */
			continue;
		}
		if (e != BGP_ERR_NONE) {
			drop(a, type, e);
			continue;
		}
		if (type < 64)
			a->present |= BGP_ATTR_BIT(type);
	}

	a->path = a->as_path;
	/* RFC 6793 4.1: a 4-byte speaker's AS4_* attributes are ignored. */
	if (!o->as4) {
		bool have_aggr = a->present & BGP_ATTR_BIT(BGP_ATTR_AGGREGATOR);

		/*
		 * 4.2.3: with both aggregators, an AGGREGATOR that is not
		 * AS_TRANS means an OLD speaker aggregated: ignore AS4_*.
		 */
		if (have_aggr && have_as4_aggr && a->aggr_as != AS_TRANS)
			have_as4_path = have_as4_aggr = false;
		if (have_as4_path && (a->present & BGP_ATTR_BIT(BGP_ATTR_AS_PATH)))
			merge_as4(a, &as4);
		if (have_as4_aggr &&
		    (a->present & BGP_ATTR_BIT(BGP_ATTR_AGGREGATOR)) &&
		    a->aggr_as == AS_TRANS) {
			a->aggr_as = as4_aggr_as;
			a->aggr_addr = as4_aggr_addr;
			a->aggr_as4_used = true;
		}
	}
}

int
bgp_nlri_next(struct cursor *c, unsigned afi, bool addpath, struct prefix *p,
    uint32_t *path_id, bool *dirty, enum bgp_error *err)
{
	uint8_t plen;
	unsigned nbytes, maxbits = afi_bits(afi);

	*dirty = false;
	if (cur_empty(c))
		return 0;
	if (addpath) {
		if (!cur_u32(c, path_id))
			goto bad;
	} else
		*path_id = 0;
	if (!cur_u8(c, &plen))
		goto bad;
	/* Check the length against the family before copying bytes. */
	if (maxbits == 0 || plen > maxbits)
		goto bad;
	nbytes = (plen + 7u) / 8;
	p->afi = (uint8_t)afi;
	p->len = plen;
	memset(p->b, 0, sizeof(p->b));
	if (!cur_bytes(c, p->b, nbytes))
		goto bad;
	*dirty = prefix_mask(p);
	return 1;
bad:
	*err = BGP_ERR_NLRI;
	return -1;
}

bool
bgp_update_split(struct cursor body, struct bgp_update *u)
{
	uint16_t wlen, alen;

	if (!cur_u16(&body, &wlen) || !cur_sub(&body, wlen, &u->withdrawn))
		return false;
	if (!cur_u16(&body, &alen) || !cur_sub(&body, alen, &u->attrs))
		return false;
	u->nlri = body;
	return true;
}

bool
bgp_msg_split(struct cursor msg, uint8_t *type, struct cursor *body)
{
	static const uint8_t marker[16] = {
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	};
	uint16_t len;

	if (msg.len < 19 || memcmp(msg.p, marker, 16) != 0)
		return false;
	cur_skip(&msg, 16);
	cur_u16(&msg, &len);
	cur_u8(&msg, type);
	if (len < 19 || (size_t)len - 19 > msg.len)
		return false;
	*body = cur_make(msg.p, (size_t)len - 19);
	return true;
}
