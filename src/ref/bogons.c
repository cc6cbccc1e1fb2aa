/*
 * Bogon model: registries painted in layers into interval maps.  See
 * bogons.h for what is a bogon.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"
#include "bogons.h"

struct asn_range {
	uint32_t	 first, last;
	const char	*what;
};

/* Reserved ASNs (IANA "Special-Purpose AS Numbers" and RFCs). */
static const struct asn_range asn_reserved[] = {
	{ 0, 0, "AS0, may not be used in paths (RFC 7607)" },
	{ 23456, 23456, "AS_TRANS (RFC 6793)" },
	{ 64496, 64511, "documentation (RFC 5398)" },
	{ 64512, 65534, "private use (RFC 6996)" },
	{ 65535, 65535, "reserved, last 16-bit ASN (RFC 7300)" },
	{ 65536, 65551, "documentation (RFC 5398)" },
	{ 65552, 131071, "reserved by IANA (IANA AS Numbers registry)" },
	{ 4200000000u, 4294967294u, "private use (RFC 6996)" },
	{ 4294967295u, 4294967295u, "reserved, last 32-bit ASN (RFC 7300)" },
};

/* Paint priorities: layer, then prefix length, then order of arrival. */
enum layer { L_SPACE = 1, L_UNICAST, L_SPECIAL, L_RIR, L_ASN_TABLE };

struct paints {
	struct paint	*p;
	size_t		 n, cap;
	uint64_t	 seq;
};

static void
paint(struct paints *ps, u128 first, u128 last, unsigned layer,
    unsigned len, uint32_t val)
{
	if (ps->n == ps->cap) {
		ps->cap = ps->cap ? ps->cap * 2 : 256;
		ps->p = xreallocarray(ps->p, ps->cap, sizeof(*ps->p));
	}
	ps->p[ps->n].first = first;
	ps->p[ps->n].last = last;
	ps->p[ps->n].prio = (uint64_t)layer << 56 | (uint64_t)len << 40 |
	    ps->seq++;
	ps->p[ps->n].val = val;
	ps->n++;
}

static void
paint_prefix(struct paints *ps, const struct prefix *p, unsigned layer,
    uint32_t val)
{
	u128 first, last;

	prefix_range(p, &first, &last);
	paint(ps, first, last, layer, p->len, val);
}

/* Add a reason; imap values are its index + 1. */
static uint32_t
reason(struct bogons *b, enum bogon_class cls, enum bogon_src src,
    enum rir rir, const struct iana_registry *reg, const void *entry)
{
	struct bogon_reason *r;

	if (b->nwhy == b->capwhy) {
		b->capwhy = b->capwhy ? b->capwhy * 2 : 256;
		b->why = xreallocarray(b->why, b->capwhy, sizeof(*b->why));
	}
	r = &b->why[b->nwhy++];
	r->cls = (uint8_t)cls;
	r->src = (uint8_t)src;
	r->rir = (uint8_t)rir;
	r->reg = reg;
	r->st = b->rir;
	r->entry = entry;
	return (uint32_t)b->nwhy;
}

/* The RIR an IANA entry delegates to, from its whois server or name. */
static enum rir
iana_rir(const struct iana_entry *e)
{
	static const struct { const char *s; enum rir r; } tab[] = {
		{ "whois.afrinic.net", RIR_AFRINIC },
		{ "whois.apnic.net", RIR_APNIC },
		{ "whois.arin.net", RIR_ARIN },
		{ "whois.lacnic.net", RIR_LACNIC },
		{ "whois.ripe.net", RIR_RIPENCC },
	};
	size_t i;

	for (i = 0; i < sizeof(tab) / sizeof(tab[0]); i++)
		if (strcmp(e->whois, tab[i].s) == 0)
			return tab[i].r;
	return RIR_NONE;
}

static unsigned
fam(unsigned afi)
{
	return afi == AFI_IPV6;
}

/* Full bogons and IANA-level regions from one registry. */
static void
add_iana(struct bogons *b, const struct iana_registry *reg,
    struct paints *full, struct paints *region)
{
	size_t i;

	b->have_kind[reg->kind] = true;
	if (reg->kind == IANA_V6_UNICAST) {
		/* Space in 2000::/3 not listed is not allocated by IANA. */
		struct prefix gu;
		const char *why = NULL;

		if (prefix_parse("2000::/3", 8, &gu, &why))
			paint_prefix(&full[1], &gu, L_UNICAST, reason(b,
			    BOGON_FULL, BSRC_UNICAST_GAP, RIR_NONE, reg, NULL));
	}
	for (i = 0; i < reg->n; i++) {
		const struct iana_entry *e = &reg->e[i];
		struct paints *ps = &full[fam(e->pfx.afi)];
		enum rir r = iana_rir(e);
		uint32_t v = 0;
		unsigned layer = L_SPECIAL;

		switch (reg->kind) {
		case IANA_V4_SPECIAL:
		case IANA_V6_SPECIAL:
			if (e->flag[IANA_F_GLOBAL].v == IANA_B_FALSE)
				v = reason(b, BOGON_FULL, BSRC_IANA, r, reg, e);
			else if (e->flag[IANA_F_GLOBAL].v == IANA_B_EMPTY)
				continue;	/* deprecated: no say */
			break;
		case IANA_V4_SPACE:
		case IANA_V6_UNICAST:
			layer = reg->kind == IANA_V4_SPACE ? L_SPACE :
			    L_UNICAST;
			if (e->status == IANA_S_RESERVED ||
			    e->status == IANA_S_UNALLOCATED)
				v = reason(b, BOGON_FULL, BSRC_IANA, r, reg, e);
			else if (r != RIR_NONE)
				paint_prefix(&region[fam(e->pfx.afi)], &e->pfx,
				    layer, reason(b, BOGON_NONE, BSRC_IANA, r,
				    reg, e));
			break;
		case IANA_V6_SPACE:
			layer = L_SPACE;
			if (strcmp(e->name, "Global Unicast") != 0)
				v = reason(b, BOGON_FULL, BSRC_IANA, r, reg, e);
			break;
		default:
			continue;
		}
		paint_prefix(ps, &e->pfx, layer, v);
	}
}

/* Admin bogons, regions and ASNs from the RIR statistics. */
static void
add_rir(struct bogons *b, const struct rir_stats *st, struct paints *admin,
    struct paints *region, struct paints *asn, struct paints *asn_region)
{
	size_t i;

	for (i = 0; i < st->n; i++) {
		const struct rir_record *r = &st->recs[i];
		bool bogon = r->status == RIR_S_AVAILABLE ||
		    r->status == RIR_S_RESERVED;
		uint32_t v = reason(b, bogon ? BOGON_ADMIN : BOGON_NONE,
		    BSRC_RIR, (enum rir)r->rir, NULL, r);

		b->have_rir[r->rir] = true;
		if (r->type == RIR_T_ASN) {
			paint(asn, r->first, r->last, L_RIR, 0, bogon ? v : 0);
			paint(asn_region, r->first, r->last, L_RIR, 0, v);
		} else {
			unsigned f = r->type == RIR_T_IPV6;

			paint(&admin[f], r->first, r->last, L_RIR, 0,
			    bogon ? v : 0);
			paint(&region[f], r->first, r->last, L_RIR, 0, v);
		}
	}
}

/* Full bogons win over admin ones: paint the admin map under the full. */
static void
combine(struct imap *out, const struct imap *full, const struct imap *admin)
{
	struct paints ps = { 0 };
	size_t i;

	for (i = 0; i < admin->n; i++)
		paint(&ps, admin->segs[i].first, admin->segs[i].last, 1, 0,
		    admin->segs[i].val);
	for (i = 0; i < full->n; i++)
		paint(&ps, full->segs[i].first, full->segs[i].last, 2, 0,
		    full->segs[i].val);
	imap_build(out, ps.p, ps.n);
	free(ps.p);
}

static void
build(struct imap *m, struct paints *ps)
{
	imap_build(m, ps->p, ps->n);
	free(ps->p);
	memset(ps, 0, sizeof(*ps));
}

void
bogons_build(struct bogons *b, const struct iana_registry *const *regs,
    size_t nregs, const struct rir_stats *st)
{
	struct paints full[2] = { 0 }, admin[2] = { 0 }, region[2] = { 0 };
	struct paints asn = { 0 }, asn_region = { 0 };
	size_t i;
	unsigned f;

	memset(b, 0, sizeof(*b));
	b->rir = st;
	for (i = 0; i < nregs; i++)
		if (regs[i] != NULL)
			add_iana(b, regs[i], full, region);
	if (st != NULL)
		add_rir(b, st, admin, region, &asn, &asn_region);
	for (i = 0; i < sizeof(asn_reserved) / sizeof(asn_reserved[0]); i++)
		paint(&asn, asn_reserved[i].first, asn_reserved[i].last,
		    L_ASN_TABLE, 0, reason(b, BOGON_FULL, BSRC_ASN_TABLE,
		    RIR_NONE, NULL, &asn_reserved[i]));
	for (f = 0; f < 2; f++) {
		struct imap fm, am;

		build(&fm, &full[f]);
		build(&am, &admin[f]);
		combine(&b->ip[f], &fm, &am);
		imap_free(&fm);
		imap_free(&am);
		build(&b->region[f], &region[f]);
	}
	build(&b->asn, &asn);
	build(&b->asn_region, &asn_region);
}

void
bogons_free(struct bogons *b)
{
	unsigned f;

	if (b == NULL)
		return;
	for (f = 0; f < 2; f++) {
		imap_free(&b->ip[f]);
		imap_free(&b->region[f]);
	}
	imap_free(&b->asn);
	imap_free(&b->asn_region);
	free(b->why);
	memset(b, 0, sizeof(*b));
}

static const struct bogon_reason *
why_of(const struct bogons *b, const struct seg *s)
{
	if (s == NULL || s->val == 0 || s->val > b->nwhy)
		return NULL;
	return &b->why[s->val - 1];
}

enum bogon_class
bogons_prefix(const struct bogons *b, const struct prefix *p,
    struct bogon_hit *hits, size_t max, size_t *nhits, bool *inside)
{
	const struct imap *m = &b->ip[fam(p->afi)];
	enum bogon_class worst = BOGON_NONE;
	u128 first, last, pos;
	bool reached = false;
	size_t i;

	prefix_range(p, &first, &last);
	*nhits = 0;
	*inside = true;
	pos = first;
	for (i = imap_lower(m, first); i < m->n && m->segs[i].first <= last;
	    i++) {
		const struct seg *s = &m->segs[i];
		const struct bogon_reason *w = why_of(b, s);

		if (s->first > pos)
			*inside = false;
		if (*nhits < max) {
			hits[*nhits].first = s->first > first ? s->first : first;
			hits[*nhits].last = s->last < last ? s->last : last;
			hits[*nhits].why = w;
		}
		(*nhits)++;
		if (w->cls == BOGON_FULL || worst == BOGON_NONE)
			worst = (enum bogon_class)w->cls;
		if (s->last >= last) {
			reached = true;
			break;
		}
		pos = s->last + 1;
	}
	if (!reached)
		*inside = false;
	return worst;
}

enum bogon_class
bogons_asn(const struct bogons *b, uint32_t asn,
    const struct bogon_reason **why)
{
	const struct bogon_reason *w = why_of(b, imap_find(&b->asn, asn));

	*why = w;
	return w != NULL ? (enum bogon_class)w->cls : BOGON_NONE;
}

const struct bogon_reason *
bogons_region_addr(const struct bogons *b, unsigned afi, u128 addr)
{
	return why_of(b, imap_find(&b->region[fam(afi)], addr));
}

const struct bogon_reason *
bogons_region_asn(const struct bogons *b, uint32_t asn)
{
	return why_of(b, imap_find(&b->asn_region, asn));
}

const char *
bogon_class_name(enum bogon_class c)
{
	switch (c) {
	case BOGON_FULL:
		return "full";
	case BOGON_ADMIN:
		return "admin";
	default:
		return "none";
	}
}

const char *
bogons_reason_cc(const struct bogon_reason *w)
{
	if (w != NULL && w->src == BSRC_RIR)
		return ((const struct rir_record *)w->entry)->cc;
	return "";
}

static size_t
fmt_iana(const struct bogon_reason *w, char *buf, size_t len)
{
	const struct iana_entry *e = w->entry;
	char pfx[PREFIX_STRLEN], fl[16];
	int n;

	prefix_fmt(&e->pfx, pfx);
	switch (w->reg->kind) {
	case IANA_V4_SPECIAL:
	case IANA_V6_SPECIAL:
		n = snprintf(buf, len, "%s %s line %u: %s %s (%s), Globally "
		    "Reachable: %s", iana_kind_name(w->reg->kind), w->reg->file,
		    e->line, pfx, e->name, e->spec,
		    iana_flag_fmt(e->flag[IANA_F_GLOBAL], fl));
		break;
	default:
		n = snprintf(buf, len, "%s %s line %u: %s %s%s%s",
		    iana_kind_name(w->reg->kind), w->reg->file, e->line, pfx,
		    e->name, e->status != IANA_S_NONE ? " " : "",
		    iana_status_name(e->status));
	}
	return n < 0 ? 0 : (size_t)n;
}

size_t
bogons_reason_fmt(const struct bogon_reason *w, char *buf, size_t len)
{
	const struct asn_range *a;
	const struct rir_record *r;
	char rec[256];
	int n = 0;

	if (len == 0)
		return 0;
	buf[0] = '\0';
	if (w == NULL)
		return 0;
	switch (w->src) {
	case BSRC_IANA:
		return fmt_iana(w, buf, len);
	case BSRC_UNICAST_GAP:
		n = snprintf(buf, len, "%s %s: inside 2000::/3 but not "
		    "allocated by IANA", iana_kind_name(w->reg->kind),
		    w->reg->file);
		break;
	case BSRC_RIR:
		r = w->entry;
		rirstats_fmt(r, rec, sizeof(rec));
		n = snprintf(buf, len, "%s line %u: %s", w->st != NULL &&
		    r->file < w->st->nfiles ? w->st->files[r->file].name : "?",
		    r->line, rec);
		break;
	case BSRC_ASN_TABLE:
		a = w->entry;
		if (a->first == a->last)
			n = snprintf(buf, len, "reserved ASN %u: %s", a->first,
			    a->what);
		else
			n = snprintf(buf, len, "reserved ASNs %u-%u: %s",
			    a->first, a->last, a->what);
		break;
	}
	return n < 0 ? 0 : (size_t)n;
}
