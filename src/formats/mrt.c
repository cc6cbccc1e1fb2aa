#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/cursor.h"
#include "base/limits.h"
#include "base/log.h"
#include "base/xmalloc.h"
#include "mrt.h"

#define MRT_HDR_LEN		12
/* Timestamps further apart than this are not from the same dump. */
#define RESYNC_TS_WINDOW	(31u * 86400)

struct mrt_peer {
	struct addr	ip;
	uint32_t	asn;
	bool		as4;
};

struct mrt_file {
	struct reader		*rd;
	char			*name;
	char			 err[768];
	bool			 done;
	bool			 have_ts;
	uint32_t		 last_ts;
	uint64_t		 consumed;	/* bytes to drop before next */
	struct mrt_stats	 stats;

	struct mrt_peer		*peers;
	uint32_t		 npeers;
	bool			 have_peer_index;

	struct bgp_attrs	*attrs;		/* scratch, large: heap */
};

static const char *const skip_str[SKIP_MAX] = {
	[SKIP_UNKNOWN_TYPE] = "MRT type or subtype not decoded",
	[SKIP_BAD_PEER_INDEX] = "RIB entry names a peer not in the index",
	[SKIP_TRUNCATED_RECORD] = "record shorter than its fields",
	[SKIP_BAD_PREFIX] = "prefix length too long for the family",
	[SKIP_BAD_BGP_MESSAGE] = "BGP message header or UPDATE malformed",
	[SKIP_BAD_NLRI] = "NLRI list malformed (rest dropped)",
	[SKIP_TRAILING_BYTES] = "bytes left over after the last field",
	[SKIP_UNSUPPORTED_AFI] = "AFI/SAFI not decoded (only IPv4/IPv6 unicast and multicast)",
};

const char *
mrt_skip_str(enum mrt_skip s)
{
	if ((unsigned)s >= SKIP_MAX)
		return "unknown";
	return skip_str[s];
}

const char *
mrt_type_name(uint16_t type)
{
	switch (type) {
	case MRT_BGP:
		return "BGP";
	case MRT_TABLE_DUMP:
		return "TABLE_DUMP";
	case MRT_TABLE_DUMP_V2:
		return "TABLE_DUMP_V2";
	case MRT_BGP4MP:
		return "BGP4MP";
	case MRT_BGP4MP_ET:
		return "BGP4MP_ET";
	default:
		return "unknown";
	}
}

const char *
mrt_subtype_name(uint16_t type, uint16_t subtype)
{
	static const char *const td2[] = {
		"?", "PEER_INDEX_TABLE", "RIB_IPV4_UNICAST",
		"RIB_IPV4_MULTICAST", "RIB_IPV6_UNICAST", "RIB_IPV6_MULTICAST",
		"RIB_GENERIC", "?", "RIB_IPV4_UNICAST_ADDPATH",
		"RIB_IPV4_MULTICAST_ADDPATH", "RIB_IPV6_UNICAST_ADDPATH",
		"RIB_IPV6_MULTICAST_ADDPATH", "RIB_GENERIC_ADDPATH",
	};
	static const char *const bgp4mp[] = {
		"STATE_CHANGE", "MESSAGE", "ENTRY", "SNAPSHOT", "MESSAGE_AS4",
		"STATE_CHANGE_AS4", "MESSAGE_LOCAL", "MESSAGE_AS4_LOCAL",
		"MESSAGE_ADDPATH", "MESSAGE_AS4_ADDPATH",
		"MESSAGE_LOCAL_ADDPATH", "MESSAGE_AS4_LOCAL_ADDPATH",
	};
	static const char *const bgp5[] = {
		"NULL", "UPDATE", "PREF_UPDATE", "STATE_CHANGE", "SYNC",
		"OPEN", "NOTIFY", "KEEPALIVE",
	};

	switch (type) {
	case MRT_TABLE_DUMP_V2:
		if (subtype < sizeof(td2) / sizeof(td2[0]))
			return td2[subtype];
		break;
	case MRT_BGP4MP:
	case MRT_BGP4MP_ET:
		if (subtype < sizeof(bgp4mp) / sizeof(bgp4mp[0]))
			return bgp4mp[subtype];
		break;
	case MRT_BGP:
		if (subtype < sizeof(bgp5) / sizeof(bgp5[0]))
			return bgp5[subtype];
		break;
	case MRT_TABLE_DUMP:
		if (subtype == 1)
			return "AFI_IPv4";
		if (subtype == 2)
			return "AFI_IPv6";
		break;
	}
	return "?";
}

/* Types registered with IANA for MRT; anything else is suspect. */
static bool
known_type(uint16_t t)
{
	switch (t) {
	case 0: case 1: case 2: case 3: case 4: case 5: case 6: case 7:
	case 8: case 9: case 10: case 11: case 12: case 13: case 16:
	case 17: case 32: case 33: case 48: case 49:
		return true;
	default:
		return false;
	}
}

static uint32_t
ts_dist(uint32_t a, uint32_t b)
{
	return a > b ? a - b : b - a;
}

struct mrt_file *
mrt_file_new(struct reader *rd, const char *name)
{
	struct mrt_file *f = xcalloc(1, sizeof(*f));

	f->rd = rd;
	f->name = xstrdup(name);
	f->attrs = xmalloc(sizeof(*f->attrs));
	return f;
}

void
mrt_file_free(struct mrt_file *f)
{
	if (f == NULL)
		return;
	reader_close(f->rd);
	free(f->name);
	free(f->peers);
	free(f->attrs);
	free(f);
}

const char *
mrt_file_error(const struct mrt_file *f)
{
	return f->err[0] ? f->err : NULL;
}

struct mrt_stats *
mrt_file_stats(struct mrt_file *f)
{
	return &f->stats;
}

/*
 * A header we would restart at after damage: a registered type, a sane
 * length, and a timestamp close to the last good record's.
 */
static bool
strict_header(const struct mrt_file *f, const uint8_t *h)
{
	uint32_t ts = be32(h), len = be32(h + 8);
	uint16_t type = be16(h + 4), subtype = be16(h + 6);

	if (!known_type(type) || len > MAX_MRT_RECORD || subtype > 64)
		return false;
	return !f->have_ts || ts_dist(ts, f->last_ts) <= RESYNC_TS_WINDOW;
}

/*
 * Is the header after the record at h believable?  Used to notice a
 * damaged length: garbage rarely has both a registered type and a time
 * near the last record's.
 */
static bool
next_header_ok(const uint8_t *h, size_t avail, uint32_t ts)
{
	uint32_t nts, nlen;
	uint16_t ntype;

	if (avail == 0)
		return true;		/* end of data */
	if (avail < MRT_HDR_LEN)
		return true;		/* truncated tail; reported later */
	nts = be32(h);
	ntype = be16(h + 4);
	nlen = be32(h + 8);
	if (nlen > MAX_MRT_RECORD)
		return false;
	if (!known_type(ntype) && ts_dist(nts, ts) > RESYNC_TS_WINDOW)
		return false;
	return true;
}

/*
 * Look for the next offset, after a damaged header at the window start,
 * where a strict header starts whose successor is also believable.
 * Returns the number of bytes to skip, or 0 if none was found.
 */
static size_t
resync(struct mrt_file *f)
{
	const uint8_t *p;
	size_t avail, off = 1, want = 64 * 1024;
	bool eof;

	/* Look at more data only as the scan needs it. */
	avail = reader_peek(f->rd, want, &p);
	eof = avail < want;
	while (off + MRT_HDR_LEN <= avail) {
		uint32_t len;
		size_t next;

		if (!strict_header(f, p + off)) {
			off++;
			continue;
		}
		len = be32(p + off + 8);
		next = off + MRT_HDR_LEN + len;
		if (next + MRT_HDR_LEN > avail && !eof &&
		    want < MAX_MRT_RESYNC) {
			/* The candidate's successor is not in view yet. */
			want = next + MRT_HDR_LEN > 2 * want ?
			    next + MRT_HDR_LEN : 2 * want;
			if (want > MAX_MRT_RESYNC)
				want = MAX_MRT_RESYNC;
			avail = reader_peek(f->rd, want, &p);
			eof = avail < want;
			continue;
		}
		if (next == avail || (next < avail &&
		    avail - next >= MRT_HDR_LEN && strict_header(f, p + next)))
			return off;
		off++;
		if (off + MRT_HDR_LEN > avail && !eof &&
		    want < MAX_MRT_RESYNC) {
			want = want * 2 > MAX_MRT_RESYNC ? MAX_MRT_RESYNC :
			    want * 2;
			avail = reader_peek(f->rd, want, &p);
			eof = avail < want;
		}
	}
	return 0;
}

/* The _ET types carry microseconds before the body (RFC 6396 3). */
static void
split_et(struct mrt_record *rec)
{
	if ((rec->type == MRT_BGP4MP_ET || rec->type == 33 ||
	    rec->type == 49) && rec->len >= 4) {
		rec->usec = be32(rec->body);
		rec->body += 4;
		rec->len -= 4;
	}
}

int
mrt_next(struct mrt_file *f, struct mrt_record *rec)
{
	const uint8_t *p;
	size_t avail, need, hdr;
	uint32_t ts, len;
	uint16_t type, subtype;

	if (f->consumed > 0) {
		reader_consume(f->rd, f->consumed);
		f->consumed = 0;
	}
	if (f->done)
		return 0;
again:
	avail = reader_peek(f->rd, MRT_HDR_LEN, &p);
	if (avail == 0)
		goto end;
	if (avail < MRT_HDR_LEN) {
		snprintf(f->err, sizeof(f->err),
		    "%s: offset %llu: truncated MRT header (%zu of %d bytes)",
		    f->name, (unsigned long long)reader_offset(f->rd), avail,
		    MRT_HDR_LEN);
		goto end;
	}
	ts = be32(p);
	type = be16(p + 4);
	subtype = be16(p + 6);
	len = be32(p + 8);
	hdr = MRT_HDR_LEN;

	if (len <= MAX_MRT_RECORD) {
		/* Peek the record and the next header, to check the length. */
		need = hdr + len + MRT_HDR_LEN;
		avail = reader_peek(f->rd, need, &p);
		if (avail < hdr + len) {
			snprintf(f->err, sizeof(f->err),
			    "%s: offset %llu: truncated MRT record "
			    "(type %u subtype %u: %u body bytes, %zu present)",
			    f->name, (unsigned long long)reader_offset(f->rd),
			    type, subtype, len, avail - hdr);
			goto end;
		}
		/*
		 * 2000-era RIS TABLE_DUMP records are 4 bytes longer than
		 * their length field says; the last one leaves 4 bytes
		 * before the end of the file.
		 */
		if (type == MRT_TABLE_DUMP && avail == hdr + len + 4) {
			len += 4;
			f->stats.td1_short_len++;
			goto good;
		}
		if (next_header_ok(p + hdr + len, avail - hdr - len, ts))
			goto good;
		if (type == MRT_TABLE_DUMP) {
			avail = reader_peek(f->rd, need + 4, &p);
			if (avail >= hdr + len + 4 &&
			    (avail == hdr + len + 4 ||
			    (avail >= need + 4 &&
			    strict_header(f, p + hdr + len + 4)))) {
				len += 4;
				f->stats.td1_short_len++;
				goto good;
			}
		}
	}
	/* Damaged framing: find the next believable record. */
	{
		uint64_t at = reader_offset(f->rd);
		size_t skip = resync(f);

		/*
		 * The damage is after this record if it is believable and
		 * ends before the next good one: keep it, and skip the
		 * garbage on the next call.
		 */
		if (len <= MAX_MRT_RECORD && (skip == 0 || skip >= hdr + len) &&
		    reader_peek(f->rd, hdr + len, &p) >= hdr + len &&
		    strict_header(f, p))
			goto good;
		if (skip == 0) {
			snprintf(f->err, sizeof(f->err),
			    "%s: offset %llu: bad MRT header (type %u subtype "
			    "%u length %u) and no good record found after it",
			    f->name, (unsigned long long)at, type, subtype,
			    len);
			goto end;
		}
		log_warnx("%s: offset %llu: damaged MRT framing, skipped %zu "
		    "bytes to the next good record", f->name,
		    (unsigned long long)at, skip);
		f->stats.resyncs++;
		f->stats.resync_bytes += skip;
		reader_consume(f->rd, skip);
		goto again;
	}
good:
	rec->offset = reader_offset(f->rd);
	rec->ts = ts;
	rec->usec = 0;
	rec->type = type;
	rec->subtype = subtype;
	rec->body = p + hdr;
	rec->len = len;
	split_et(rec);
	f->consumed = hdr + len;
	f->have_ts = true;
	f->last_ts = ts;
	f->stats.records++;
	f->stats.bytes += hdr + len;
	f->stats.by_type[type & 63][subtype & 15]++;
	return 1;
end:
	f->done = true;
	if (reader_error(f->rd) != NULL) {
		size_t n = strlen(f->err);

		/* Say why the data ended as well as where. */
		snprintf(f->err + n, sizeof(f->err) - n, "%s%s: %s",
		    n ? "\n" : "", f->name, reader_error(f->rd));
	}
	return 0;
}

/* ------------------------------------------------------------------ */

struct decoder {
	struct mrt_file		*f;
	struct mrt_stats	*st;
	const struct mrt_record	*rec;
	mrt_elem_fn		*fn;
	void			*ctx;
	struct bgp_attrs	*attrs;
};

static void
skip(struct decoder *d, enum mrt_skip why)
{
	d->st->skipped[why]++;
	if (log_verbose >= 2 && d->f != NULL)
		log_debug("%s: offset %llu: MRT type %u subtype %u: %s",
		    d->f->name, (unsigned long long)d->rec->offset,
		    d->rec->type, d->rec->subtype, mrt_skip_str(why));
}

static void
emit(struct decoder *d, struct mrt_elem *e)
{
	e->rec = d->rec;
	d->st->elems[e->kind]++;
	d->fn(d->ctx, e);
}

static void
count_attrs(struct decoder *d, const struct bgp_attrs *a)
{
	if (a->nmalformed > 0) {
		d->st->attrs_malformed++;
		d->st->attr_errors[a->first_error]++;
	}
}

static bool
read_addr(struct cursor *c, unsigned afi, struct addr *a)
{
	memset(a, 0, sizeof(*a));
	a->afi = (uint8_t)afi;
	return cur_bytes(c, a->b, afi_bytes(afi));
}

/* TD2 PEER_INDEX_TABLE, RFC 6396 4.3.1. */
static void
decode_peer_index(struct decoder *d, struct cursor c)
{
	struct mrt_file *f = d->f;
	uint16_t namelen, count, i;
	uint32_t bgp_id;

	if (!cur_u32(&c, &bgp_id) || !cur_u16(&c, &namelen) ||
	    !cur_skip(&c, namelen) || !cur_u16(&c, &count)) {
		skip(d, SKIP_TRUNCATED_RECORD);
		return;
	}
	if (f == NULL)
		return;
	free(f->peers);
	f->peers = xcalloc(count ? count : 1, sizeof(*f->peers));
	f->npeers = 0;
	f->have_peer_index = true;
	for (i = 0; i < count; i++) {
		struct mrt_peer *pe = &f->peers[i];
		uint8_t ptype;
		uint16_t as16;

		if (!cur_u8(&c, &ptype) || !cur_u32(&c, &bgp_id) ||
		    !read_addr(&c, (ptype & 1) ? AFI_IPV6 : AFI_IPV4, &pe->ip))
			goto trunc;
		pe->as4 = (ptype & 2) != 0;
		if (pe->as4) {
			if (!cur_u32(&c, &pe->asn))
				goto trunc;
		} else {
			if (!cur_u16(&c, &as16))
				goto trunc;
			pe->asn = as16;
		}
		f->npeers++;
	}
	if (!cur_empty(&c))
		skip(d, SKIP_TRAILING_BYTES);
	return;
trunc:
	/* Keep the peers read so far: their RIB entries still decode. */
	skip(d, SKIP_TRUNCATED_RECORD);
}

/* Read a prefix in the NLRI encoding with the length checked first. */
static bool
read_prefix(struct decoder *d, struct cursor *c, unsigned afi,
    struct prefix *p)
{
	uint32_t pid;
	bool dirty;
	enum bgp_error e;

	if (bgp_nlri_next(c, afi, false, p, &pid, &dirty, &e) != 1) {
		skip(d, SKIP_BAD_PREFIX);
		return false;
	}
	if (dirty)
		d->st->nlri_dirty++;
	return true;
}

/* A RIB entry's next hop: MP_REACH's if it has one, else NEXT_HOP's. */
static const struct addr *
rib_nexthop(const struct bgp_attrs *a)
{
	if (a->present & BGP_ATTR_BIT(BGP_ATTR_MP_REACH))
		return &a->mp_reach.nexthop[0];
	return &a->nexthop;
}

/* Decode a RIB entry's attributes and hand the entry on. */
static void
emit_rib(struct decoder *d, struct mrt_elem *e, struct cursor attrs,
    const struct bgp_opts *o)
{
	bgp_attrs_decode(attrs, o, d->attrs);
	count_attrs(d, d->attrs);
	e->attrs = d->attrs;
	e->nexthop = rib_nexthop(d->attrs);
	emit(d, e);
}

/* TD2 RIB_* records, RFC 6396 4.3.2-4.3.3 and RFC 8050. */
static void
decode_rib(struct decoder *d, struct cursor c)
{
	struct mrt_file *f = d->f;
	unsigned afi, st = d->rec->subtype;
	bool addpath = st >= TD2_RIB_IPV4_UNICAST_ADDPATH;
	struct bgp_opts o = { .as4 = true, .addpath = false, .mp_abbrev = true };
	struct mrt_elem e;
	uint32_t seq;
	uint16_t count, i;

	memset(&e, 0, sizeof(e));
	e.safi = 1;
	if (!cur_u32(&c, &seq)) {
		skip(d, SKIP_TRUNCATED_RECORD);
		return;
	}
	switch (st) {
	case TD2_RIB_IPV4_UNICAST:
	case TD2_RIB_IPV4_UNICAST_ADDPATH:
		afi = AFI_IPV4;
		break;
	case TD2_RIB_IPV4_MULTICAST:
	case TD2_RIB_IPV4_MULTICAST_ADDPATH:
		afi = AFI_IPV4;
		e.safi = 2;
		break;
	case TD2_RIB_IPV6_UNICAST:
	case TD2_RIB_IPV6_UNICAST_ADDPATH:
		afi = AFI_IPV6;
		break;
	case TD2_RIB_IPV6_MULTICAST:
	case TD2_RIB_IPV6_MULTICAST_ADDPATH:
		afi = AFI_IPV6;
		e.safi = 2;
		break;
	default: {	/* RIB_GENERIC(_ADDPATH) */
		uint16_t gafi;
		uint8_t safi;

		if (!cur_u16(&c, &gafi) || !cur_u8(&c, &safi)) {
			skip(d, SKIP_TRUNCATED_RECORD);
			return;
		}
		if ((gafi != AFI_IPV4 && gafi != AFI_IPV6) ||
		    (safi != 1 && safi != 2)) {
			skip(d, SKIP_UNSUPPORTED_AFI);
			return;
		}
		afi = gafi;
		e.safi = safi;
		break;
	}
	}
	if (!read_prefix(d, &c, afi, &e.prefix))
		return;
	if (!cur_u16(&c, &count)) {
		skip(d, SKIP_TRUNCATED_RECORD);
		return;
	}
	e.kind = ELEM_RIB;
	e.as4 = true;
	e.has_path_id = addpath;
	for (i = 0; i < count; i++) {
		uint16_t pidx, alen;
		struct cursor ac;

		if (!cur_u16(&c, &pidx) || !cur_u32(&c, &e.originated) ||
		    (addpath && !cur_u32(&c, &e.path_id)) ||
		    !cur_u16(&c, &alen) || !cur_sub(&c, alen, &ac)) {
			skip(d, SKIP_TRUNCATED_RECORD);
			return;
		}
		e.peer_index = pidx;
		if (!f->have_peer_index) {
			/*
			 * A RIB cut out of its dump: the routes are still
			 * good, only the peer is unknown.
			 */
			memset(&e.peer_ip, 0, sizeof(e.peer_ip));
			e.peer_as = 0;
			d->st->no_peer_index++;
		} else if (pidx >= f->npeers) {
			skip(d, SKIP_BAD_PEER_INDEX);
			continue;
		} else {
			e.peer_ip = f->peers[pidx].ip;
			e.peer_as = f->peers[pidx].asn;
		}
		emit_rib(d, &e, ac, &o);
	}
	if (!cur_empty(&c))
		skip(d, SKIP_TRAILING_BYTES);
}

/*
 * TABLE_DUMP (v1), RFC 6396 4.2.  The 2000-era RIS dumps batch entries:
 * view and sequence once, then entries back to back until the end.
 */
static void
decode_table_dump(struct decoder *d, struct cursor c)
{
	unsigned afi = d->rec->subtype == 2 ? AFI_IPV6 : AFI_IPV4;
	struct bgp_opts o = { .as4 = false, .addpath = false, .mp_abbrev = false };
	struct mrt_elem e;
	uint16_t view, seq;
	unsigned n = 0;

	if (d->rec->subtype != 1 && d->rec->subtype != 2) {
		skip(d, SKIP_UNKNOWN_TYPE);
		return;
	}
	memset(&e, 0, sizeof(e));
	e.kind = ELEM_RIB;
	e.safi = 1;
	if (!cur_u16(&c, &view) || !cur_u16(&c, &seq)) {
		skip(d, SKIP_TRUNCATED_RECORD);
		return;
	}
	do {
		uint8_t plen, status;
		uint16_t as16, alen;
		struct cursor ac;

		memset(&e.prefix, 0, sizeof(e.prefix));
		e.prefix.afi = (uint8_t)afi;
		if (!cur_bytes(&c, e.prefix.b, afi_bytes(afi)) ||
		    !cur_u8(&c, &plen) || !cur_u8(&c, &status) ||
		    !cur_u32(&c, &e.originated) ||
		    !read_addr(&c, afi, &e.peer_ip) || !cur_u16(&c, &as16) ||
		    !cur_u16(&c, &alen) || !cur_sub(&c, alen, &ac)) {
			skip(d, SKIP_TRUNCATED_RECORD);
			return;
		}
		if (plen > afi_bits(afi)) {
			skip(d, SKIP_BAD_PREFIX);
			return;
		}
		e.prefix.len = plen;
		if (prefix_mask(&e.prefix))
			d->st->nlri_dirty++;
		e.peer_as = as16;
		emit_rib(d, &e, ac, &o);
		n++;
	} while (!cur_empty(&c));
	if (n > 1)
		d->st->td1_batched++;
}

static bool
nlri_valid(struct cursor c, unsigned afi, bool addpath)
{
	struct prefix p;
	uint32_t pid;
	bool dirty;
	enum bgp_error err;
	int r;

	while ((r = bgp_nlri_next(&c, afi, addpath, &p, &pid, &dirty,
	    &err)) == 1)
		;
	return r == 0;
}

/*
 * Emit the prefixes of an NLRI list as withdrawals or announcements.
 * Some collectors (BIRD with ADD-PATH) record path identifiers in a
 * subtype that does not announce them: when the list only parses with
 * path identifiers, read it that way rather than print garbage.
 */
static void
emit_nlri(struct decoder *d, struct mrt_elem *e, struct cursor nlri,
    unsigned afi, bool addpath)
{
	int r;
	bool dirty;
	enum bgp_error err;

	if (!addpath && !nlri_valid(nlri, afi, false) &&
	    nlri_valid(nlri, afi, true)) {
		addpath = true;
		d->st->addpath_guessed++;
	}
	e->has_path_id = addpath;
	while ((r = bgp_nlri_next(&nlri, afi, addpath, &e->prefix,
	    &e->path_id, &dirty, &err)) == 1) {
		if (dirty)
			d->st->nlri_dirty++;
		emit(d, e);
	}
	if (r < 0)
		skip(d, SKIP_BAD_NLRI);
}

/* An UPDATE body (after the BGP header) from one peer. */
static void
decode_update(struct decoder *d, struct mrt_elem *e, struct cursor body,
    bool as4, bool addpath)
{
	struct bgp_update u;
	struct bgp_opts o = { .as4 = as4, .addpath = addpath, .mp_abbrev = false };
	struct bgp_attrs *a = d->attrs;
	unsigned mpafi;

	if (!bgp_update_split(body, &u)) {
		skip(d, SKIP_BAD_BGP_MESSAGE);
		return;
	}
	bgp_attrs_decode(u.attrs, &o, a);
	count_attrs(d, a);
	e->as4 = as4;
	e->attrs = a;

	e->kind = ELEM_WITHDRAW;
	e->nexthop = NULL;
	e->safi = 1;
	emit_nlri(d, e, u.withdrawn, AFI_IPV4, addpath);
	if (a->present & BGP_ATTR_BIT(BGP_ATTR_MP_UNREACH)) {
		mpafi = a->mp_unreach.afi;
		e->safi = a->mp_unreach.safi;
		if ((mpafi == AFI_IPV4 || mpafi == AFI_IPV6) &&
		    (e->safi == 1 || e->safi == 2))
			emit_nlri(d, e, a->mp_unreach.nlri, mpafi, addpath);
		else
			skip(d, SKIP_UNSUPPORTED_AFI);
	}

	e->kind = ELEM_ANNOUNCE;
	e->nexthop = &a->nexthop;
	e->safi = 1;
	emit_nlri(d, e, u.nlri, AFI_IPV4, addpath);
	if (a->present & BGP_ATTR_BIT(BGP_ATTR_MP_REACH)) {
		mpafi = a->mp_reach.afi;
		e->nexthop = &a->mp_reach.nexthop[0];
		e->safi = a->mp_reach.safi;
		if ((mpafi == AFI_IPV4 || mpafi == AFI_IPV6) &&
		    (e->safi == 1 || e->safi == 2))
			emit_nlri(d, e, a->mp_reach.nlri, mpafi, addpath);
		else
			skip(d, SKIP_UNSUPPORTED_AFI);
	}
}

/* BGP4MP and BGP4MP_ET, RFC 6396 4.4. */
static void
decode_bgp4mp(struct decoder *d, struct cursor c)
{
	unsigned st = d->rec->subtype;
	bool as4, addpath;
	uint32_t peer_as, local_as;
	uint16_t as16, ifindex, afi;
	struct mrt_elem e;

	switch (st) {
	case BGP4MP_STATE_CHANGE:
	case BGP4MP_MESSAGE:
	case BGP4MP_MESSAGE_LOCAL:
	case BGP4MP_MESSAGE_ADDPATH:
	case BGP4MP_MESSAGE_LOCAL_ADDPATH:
	case BGP4MP_ENTRY:
		as4 = false;
		break;
	case BGP4MP_STATE_CHANGE_AS4:
	case BGP4MP_MESSAGE_AS4:
	case BGP4MP_MESSAGE_AS4_LOCAL:
	case BGP4MP_MESSAGE_AS4_ADDPATH:
	case BGP4MP_MESSAGE_AS4_LOCAL_ADDPATH:
		as4 = true;
		break;
	default:
		skip(d, SKIP_UNKNOWN_TYPE);
		return;
	}
	addpath = st >= BGP4MP_MESSAGE_ADDPATH;
	memset(&e, 0, sizeof(e));
	if (as4) {
		if (!cur_u32(&c, &peer_as) || !cur_u32(&c, &local_as))
			goto trunc;
	} else {
		if (!cur_u16(&c, &as16))
			goto trunc;
		peer_as = as16;
		if (!cur_u16(&c, &as16))
			goto trunc;
		local_as = as16;
	}
	if (!cur_u16(&c, &ifindex) || !cur_u16(&c, &afi))
		goto trunc;
	if (afi != AFI_IPV4 && afi != AFI_IPV6) {
		skip(d, SKIP_UNSUPPORTED_AFI);
		return;
	}
	if (!read_addr(&c, afi, &e.peer_ip) || !read_addr(&c, afi, &e.local_ip))
		goto trunc;
	e.peer_as = peer_as;
	e.local_as = local_as;
	e.as4 = as4;
	e.local = st == BGP4MP_MESSAGE_LOCAL || st == BGP4MP_MESSAGE_AS4_LOCAL ||
	    st == BGP4MP_MESSAGE_LOCAL_ADDPATH ||
	    st == BGP4MP_MESSAGE_AS4_LOCAL_ADDPATH;

	if (st == BGP4MP_STATE_CHANGE || st == BGP4MP_STATE_CHANGE_AS4) {
		if (!cur_u16(&c, &e.old_state) || !cur_u16(&c, &e.new_state))
			goto trunc;
		e.kind = ELEM_STATE;
		emit(d, &e);
		if (!cur_empty(&c))
			skip(d, SKIP_TRAILING_BYTES);
		return;
	}
	if (st == BGP4MP_ENTRY) {
		/* Deprecated zebra format: one route with its attributes. */
		uint32_t tlc;
		uint16_t eafi, alen;
		uint8_t safi, nhlen;
		struct cursor nh, ac;
		struct bgp_opts o = { .as4 = false };

		if (!cur_u32(&c, &tlc) || !cur_u16(&c, &eafi) ||
		    !cur_u8(&c, &safi) || !cur_u8(&c, &nhlen) ||
		    !cur_sub(&c, nhlen, &nh))
			goto trunc;
		if (eafi != AFI_IPV4 && eafi != AFI_IPV6) {
			skip(d, SKIP_UNSUPPORTED_AFI);
			return;
		}
		if (!read_prefix(d, &c, eafi, &e.prefix))
			return;
		if (!cur_u16(&c, &alen) || !cur_sub(&c, alen, &ac))
			goto trunc;
		bgp_attrs_decode(ac, &o, d->attrs);
		count_attrs(d, d->attrs);
		e.kind = ELEM_ANNOUNCE;
		e.safi = safi;
		e.attrs = d->attrs;
		e.originated = tlc;
		e.nexthop = &d->attrs->nexthop;
		if (nh.len == afi_bytes(eafi)) {
			d->attrs->mp_reach.nexthop[0].afi = (uint8_t)eafi;
			memcpy(d->attrs->mp_reach.nexthop[0].b, nh.p, nh.len);
			e.nexthop = &d->attrs->mp_reach.nexthop[0];
		}
		emit(d, &e);
		return;
	}
	{
		uint8_t type;
		struct cursor body;

		if (!bgp_msg_split(c, &type, &body)) {
			skip(d, SKIP_BAD_BGP_MESSAGE);
			return;
		}
		if (type != BGP_MSG_UPDATE)
			return;		/* OPEN, KEEPALIVE...: no routes */
		decode_update(d, &e, body, as4, addpath);
	}
	return;
trunc:
	skip(d, SKIP_TRUNCATED_RECORD);
}

/* Deprecated type 5 BGP records, RFC 6396 B.2.1. */
static void
decode_bgp5(struct decoder *d, struct cursor c)
{
	struct mrt_elem e;
	uint16_t as16;

	memset(&e, 0, sizeof(e));
	switch (d->rec->subtype) {
	case MRT_BGP_UPDATE:
		if (!cur_u16(&c, &as16) || !read_addr(&c, AFI_IPV4, &e.peer_ip)) {
			skip(d, SKIP_TRUNCATED_RECORD);
			return;
		}
		e.peer_as = as16;
		if (!cur_u16(&c, &as16) || !read_addr(&c, AFI_IPV4, &e.local_ip)) {
			skip(d, SKIP_TRUNCATED_RECORD);
			return;
		}
		e.local_as = as16;
		decode_update(d, &e, c, false, false);
		return;
	case MRT_BGP_STATE_CHANGE:
		if (!cur_u16(&c, &as16) || !read_addr(&c, AFI_IPV4, &e.peer_ip) ||
		    !cur_u16(&c, &e.old_state) || !cur_u16(&c, &e.new_state)) {
			skip(d, SKIP_TRUNCATED_RECORD);
			return;
		}
		e.peer_as = as16;
		e.kind = ELEM_STATE;
		emit(d, &e);
		return;
	case MRT_BGP_NULL:
	case MRT_BGP_OPEN:
	case MRT_BGP_NOTIFY:
	case MRT_BGP_KEEPALIVE:
	case MRT_BGP_SYNC:
		return;		/* carry no routes */
	default:
		skip(d, SKIP_UNKNOWN_TYPE);
	}
}

static void
decode(struct decoder *d)
{
	struct cursor c = cur_make(d->rec->body, d->rec->len);

	switch (d->rec->type) {
	case MRT_TABLE_DUMP_V2:
		if (d->rec->subtype == TD2_PEER_INDEX_TABLE)
			decode_peer_index(d, c);
		else if (d->rec->subtype >= TD2_RIB_IPV4_UNICAST &&
		    d->rec->subtype <= TD2_RIB_GENERIC_ADDPATH &&
		    d->rec->subtype != 7)
			decode_rib(d, c);
		else
			skip(d, SKIP_UNKNOWN_TYPE);
		break;
	case MRT_TABLE_DUMP:
		decode_table_dump(d, c);
		break;
	case MRT_BGP4MP:
	case MRT_BGP4MP_ET:
		decode_bgp4mp(d, c);
		break;
	case MRT_BGP:
		decode_bgp5(d, c);
		break;
	default:
		skip(d, SKIP_UNKNOWN_TYPE);
	}
}

void
mrt_decode(struct mrt_file *f, const struct mrt_record *rec, mrt_elem_fn *fn,
    void *ctx)
{
	struct decoder d = {
		.f = f, .st = &f->stats, .rec = rec, .fn = fn, .ctx = ctx,
		.attrs = f->attrs,
	};

	decode(&d);
}

void
mrt_decode_buffer(const uint8_t *buf, size_t len, mrt_elem_fn *fn, void *ctx,
    struct mrt_stats *st)
{
	struct mrt_file *f = xcalloc(1, sizeof(*f));
	struct cursor c = cur_make(buf, len);
	struct mrt_record rec;

	f->name = xstrdup("buffer");
	f->attrs = xmalloc(sizeof(*f->attrs));
	/* Records back to back, so a PEER_INDEX_TABLE can precede RIBs. */
	while (c.len >= MRT_HDR_LEN) {
		struct decoder d = {
			.f = f, .st = st, .rec = &rec, .fn = fn, .ctx = ctx,
			.attrs = f->attrs,
		};
		uint32_t blen;

		rec.offset = len - c.len;
		cur_u32(&c, &rec.ts);
		cur_u16(&c, &rec.type);
		cur_u16(&c, &rec.subtype);
		cur_u32(&c, &blen);
		if (blen > c.len)
			break;
		rec.body = c.p;
		rec.len = blen;
		rec.usec = 0;
		cur_skip(&c, blen);
		split_et(&rec);
		st->records++;
		decode(&d);
	}
	free(f->peers);
	free(f->attrs);
	free(f->name);
	free(f);
}
