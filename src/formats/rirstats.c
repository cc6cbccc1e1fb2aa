/*
 * RIR delegated-extended statistics reader.  See rirstats.h.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/limits.h"
#include "base/log.h"
#include "base/xmalloc.h"
#include "io/text.h"
#include "io/lines.h"
#include "net/asn.h"
#include "rirstats.h"

#define RIR_MAX_FIELDS	32

static const char *const reject_str[RIR_REJ_MAX] = {
	[RIR_REJ_SYNTAX] = "malformed line",
	[RIR_REJ_REGISTRY] = "bad registry",
	[RIR_REJ_TYPE] = "bad type",
	[RIR_REJ_START] = "bad start",
	[RIR_REJ_VALUE] = "bad value",
	[RIR_REJ_HOST_BITS] = "host bits set",
	[RIR_REJ_DATE] = "bad date",
	[RIR_REJ_STATUS] = "bad status",
	[RIR_REJ_CC] = "bad country code",
	[RIR_REJ_LIMIT] = "over a size limit",
};

static const char *const rir_names[RIR_MAX] = {
	"", "afrinic", "apnic", "arin", "lacnic", "ripencc"
};
static const char *const rir_displays[RIR_MAX] = {
	"", "AFRINIC", "APNIC", "ARIN", "LACNIC", "RIPE NCC"
};
static const char *const status_names[RIR_S_MAX] = {
	"allocated", "assigned", "available", "reserved"
};
static const char *const type_names[RIR_T_MAX] = { "asn", "ipv4", "ipv6" };

const char *
rir_name(enum rir r)
{
	return (unsigned)r < RIR_MAX ? rir_names[r] : "";
}

const char *
rir_display(enum rir r)
{
	return (unsigned)r < RIR_MAX ? rir_displays[r] : "";
}

const char *
rir_status_name(enum rir_status s)
{
	return (unsigned)s < RIR_S_MAX ? status_names[s] : "?";
}

const char *
rir_type_name(enum rir_type t)
{
	return (unsigned)t < RIR_T_MAX ? type_names[t] : "?";
}

static int
lookup(const char *const *tab, unsigned n, const char *s, size_t len)
{
	unsigned i;

	for (i = 0; i < n; i++)
		if (strlen(tab[i]) == len && memcmp(tab[i], s, len) == 0)
			return (int)i;
	return -1;
}

enum rir
rir_from_name(const char *s, size_t n)
{
	int i = n > 0 ? lookup(rir_names, RIR_MAX, s, n) : -1;

	return i < 0 ? RIR_NONE : (enum rir)i;
}

void
rirstats_diag_init(struct diag *d, const char *name)
{
	diag_init(d, name, reject_str, RIR_REJ_MAX);
}

void
rir_stats_init(struct rir_stats *s)
{
	memset(s, 0, sizeof(*s));
	arena_init(&s->strings, 64 * 1024);
}

void
rir_stats_free(struct rir_stats *s)
{
	if (s == NULL)
		return;
	free(s->recs);
	arena_free(&s->strings);
	memset(s, 0, sizeof(*s));
}

struct field {
	const char	*s;
	size_t		 n;
};

static int
split(const char *s, size_t n, struct field *f)
{
	int nf = 0;

	for (;;) {
		const char *bar = memchr(s, '|', n);
		size_t len = bar != NULL ? (size_t)(bar - s) : n;

		if (nf == RIR_MAX_FIELDS)
			return -1;
		f[nf].s = s;
		f[nf].n = len;
		nf++;
		if (bar == NULL)
			return nf;
		s += len + 1;
		n -= len + 1;
	}
}

/* Decimal digits only, no leading zero (but "0"), at most max. */
static bool
parse_u64(const struct field *f, uint64_t max, uint64_t *out)
{
	uint64_t v = 0;
	size_t i;

	if (f->n == 0 || f->n > 20 || (f->n > 1 && f->s[0] == '0'))
		return false;
	for (i = 0; i < f->n; i++) {
		unsigned d = (unsigned char)f->s[i] - '0';

		if (d > 9 || v > (max - d) / 10)
			return false;
		v = v * 10 + d;
	}
	*out = v;
	return true;
}

/* yyyymmdd; "" and "00000000" mean none (0). */
static bool
parse_date(const struct field *f, uint32_t *out)
{
	unsigned v = 0, m, d;
	size_t i;

	*out = 0;
	if (f->n == 0)
		return true;
	if (f->n != 8)
		return false;
	for (i = 0; i < 8; i++) {
		if (f->s[i] < '0' || f->s[i] > '9')
			return false;
		v = v * 10 + (unsigned)(f->s[i] - '0');
	}
	if (v == 0)
		return true;
	m = v / 100 % 100;
	d = v % 100;
	if (v / 10000 < 1900 || m < 1 || m > 12 || d < 1 || d > 31)
		return false;
	*out = v;
	return true;
}

#define SHOW(f)	(int)((f).n > 40 ? 40 : (f).n), (f).s

struct ctx {
	struct rir_stats	*set;
	struct rir_file		*file;
	struct diag		*d;
	uint64_t		 line;
};

static bool
parse_cc(const struct field *f, char cc[3])
{
	if (f->n == 0) {
		cc[0] = '\0';
		return true;
	}
	if (f->n != 2 || f->s[0] < 'A' || f->s[0] > 'Z' || f->s[1] < 'A' ||
	    f->s[1] > 'Z')
		return false;
	cc[0] = f->s[0];
	cc[1] = f->s[1];
	cc[2] = '\0';
	return true;
}

/* The start and value of an ipv4 or ipv6 record. */
static bool
parse_addr_range(struct ctx *c, const struct field *f, struct rir_record *r)
{
	unsigned afi = r->type == RIR_T_IPV4 ? AFI_IPV4 : AFI_IPV6;
	const char *why = NULL;
	struct addr a;
	uint64_t v;

	if (f[3].n > ADDR_STRLEN || !addr_parse(f[3].s, f[3].n, &a, &why) ||
	    a.afi != afi) {
		diag_reject(c->d, RIR_REJ_START, c->line, "'%.*s': %s",
		    SHOW(f[3]), why != NULL ? why : "wrong family");
		return false;
	}
	r->first = addr_to_u128(afi, a.b);
	if (afi == AFI_IPV4) {
		if (!parse_u64(&f[4], 1ull << 32, &v) || v == 0 ||
		    r->first + v - 1 > range_max(afi)) {
			diag_reject(c->d, RIR_REJ_VALUE, c->line, "'%.*s' "
			    "addresses from %.*s", SHOW(f[4]), SHOW(f[3]));
			return false;
		}
		r->last = r->first + v - 1;
	} else {
		struct prefix p;
		u128 last;

		if (!parse_u64(&f[4], 128, &v)) {
			diag_reject(c->d, RIR_REJ_VALUE, c->line, "'%.*s' is "
			    "not a prefix length", SHOW(f[4]));
			return false;
		}
		u128_to_prefix(afi, r->first, (unsigned)v, &p);
		prefix_range(&p, &r->first, &last);
		if (prefix_mask(&p)) {
			diag_reject(c->d, RIR_REJ_HOST_BITS, c->line,
			    "%.*s/%llu", SHOW(f[3]), (unsigned long long)v);
			return false;
		}
		r->last = last;
	}
	return true;
}

static const char *
dupstr(struct rir_stats *set, const char *s, size_t n)
{
	char *p = arena_alloc(&set->strings, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

static void
record(struct ctx *c, const struct field *f, int nf)
{
	struct rir_record r;
	const char *why = NULL;
	uint32_t asn;
	uint64_t v;
	int i;

	memset(&r, 0, sizeof(r));
	if (nf < 7) {
		diag_reject(c->d, RIR_REJ_SYNTAX, c->line, "%d fields, "
		    "expected 7 or more", nf);
		return;
	}
	r.rir = (uint8_t)rir_from_name(f[0].s, f[0].n);
	if (r.rir == RIR_NONE || (c->file->rir != RIR_NONE &&
	    r.rir != c->file->rir)) {
		diag_reject(c->d, RIR_REJ_REGISTRY, c->line, "'%.*s' in a "
		    "file of %s", SHOW(f[0]), c->file->rir != RIR_NONE ?
		    rir_name(c->file->rir) : "nro");
		return;
	}
	if (!parse_cc(&f[1], r.cc)) {
		diag_reject(c->d, RIR_REJ_CC, c->line, "'%.*s'", SHOW(f[1]));
		return;
	}
	if ((i = lookup(type_names, RIR_T_MAX, f[2].s, f[2].n)) < 0) {
		diag_reject(c->d, RIR_REJ_TYPE, c->line, "'%.*s'", SHOW(f[2]));
		return;
	}
	r.type = (uint8_t)i;
	if ((i = lookup(status_names, RIR_S_MAX, f[6].s, f[6].n)) < 0) {
		diag_reject(c->d, RIR_REJ_STATUS, c->line, "'%.*s'",
		    SHOW(f[6]));
		return;
	}
	r.status = (uint8_t)i;
	if (!parse_date(&f[5], &r.date)) {
		diag_reject(c->d, RIR_REJ_DATE, c->line, "'%.*s'", SHOW(f[5]));
		return;
	}
	if (r.type == RIR_T_ASN) {
		if (!asn_parse(f[3].s, f[3].n, &asn, &why)) {
			diag_reject(c->d, RIR_REJ_START, c->line, "'%.*s': %s",
			    SHOW(f[3]), why);
			return;
		}
		if (!parse_u64(&f[4], 1ull << 32, &v) || v == 0 ||
		    asn + v - 1 > UINT32_MAX) {
			diag_reject(c->d, RIR_REJ_VALUE, c->line, "'%.*s' ASNs "
			    "from %u", SHOW(f[4]), asn);
			return;
		}
		r.first = asn;
		r.last = asn + v - 1;
	} else if (!parse_addr_range(c, f, &r))
		return;
	if (c->set->n >= MAX_RIR_RECORDS) {
		diag_reject(c->d, RIR_REJ_LIMIT, c->line, "more than %u "
		    "records", MAX_RIR_RECORDS);
		return;
	}
	r.opaque = nf > 7 && f[7].n > 0 ? dupstr(c->set, f[7].s, f[7].n) : "";
	if (nf > 8)
		c->file->extensions++;
	r.line = c->line > UINT32_MAX ? UINT32_MAX : (uint32_t)c->line;
	r.file = (uint16_t)(c->file - c->set->files);
	if (c->set->n == c->set->cap) {
		c->set->cap = c->set->cap ? c->set->cap * 2 : 4096;
		c->set->recs = xreallocarray(c->set->recs, c->set->cap,
		    sizeof(*c->set->recs));
	}
	c->set->recs[c->set->n++] = r;
	c->file->count[r.type]++;
}

/* registry|*|type|*|count|summary */
static void
summary(struct ctx *c, const struct field *f, int nf)
{
	uint64_t v;
	int t;

	if (nf != 6 || f[3].n != 1 || f[3].s[0] != '*' ||
	    (t = lookup(type_names, RIR_T_MAX, f[2].s, f[2].n)) < 0 ||
	    !parse_u64(&f[4], UINT64_MAX, &v)) {
		diag_reject(c->d, RIR_REJ_SYNTAX, c->line, "bad summary line");
		return;
	}
	c->file->summary[t] = v;
}

/* version|registry|serial|records|startdate|enddate|UTCoffset */
static bool
version(struct ctx *c, const struct field *f, int nf)
{
	struct rir_file *rf = c->file;
	uint64_t v;

	if (nf != 7 || f[0].n == 0 || f[0].n >= sizeof(rf->version) ||
	    f[0].s[0] != '2' || (f[0].n > 1 && f[0].s[1] != '.'))
		return false;
	if (f[1].n == 3 && memcmp(f[1].s, "nro", 3) == 0)
		rf->rir = RIR_NONE;
	else if ((rf->rir = (uint8_t)rir_from_name(f[1].s, f[1].n)) ==
	    RIR_NONE)
		return false;
	if (!parse_u64(&f[3], UINT64_MAX, &v) ||
	    f[2].n >= sizeof(rf->serial) || f[5].n >= sizeof(rf->enddate))
		return false;
	rf->header_records = v;
	memcpy(rf->version, f[0].s, f[0].n);
	memcpy(rf->serial, f[2].s, f[2].n);
	memcpy(rf->enddate, f[5].s, f[5].n);
	return true;
}

/* Say where the summary lines and the version line disagree with the data. */
static void
check_counts(struct ctx *c)
{
	struct rir_file *rf = c->file;
	uint64_t total = 0;
	int t;

	for (t = 0; t < RIR_T_MAX; t++) {
		total += rf->count[t];
		if (rf->summary[t] != rf->count[t])
			log_warnx("%s: summary says %llu %s records, %llu read",
			    rf->name, (unsigned long long)rf->summary[t],
			    type_names[t], (unsigned long long)rf->count[t]);
	}
	if (c->d->total == 0 && rf->header_records != total)
		log_info("%s: version line says %llu records, %llu read",
		    rf->name, (unsigned long long)rf->header_records,
		    (unsigned long long)total);
}

int
rirstats_read(struct rir_stats *set, struct reader *rd, const char *name,
    struct diag *d)
{
	struct field f[RIR_MAX_FIELDS];
	struct lines ln;
	struct ctx c;
	const char *s, *rerr;
	enum line_status rc;
	size_t n;
	int nf;
	bool have_version = false;

	if (set->nfiles == RIR_MAX_FILES) {
		diag_fatal(d, "more than %u statistics files", RIR_MAX_FILES);
		return -1;
	}
	memset(&c, 0, sizeof(c));
	c.set = set;
	c.d = d;
	c.file = &set->files[set->nfiles];
	memset(c.file, 0, sizeof(*c.file));
	c.file->name = dupstr(set, name, strlen(name));
	lines_init(&ln, rd, MAX_RIR_LINE);
	while ((rc = lines_next(&ln, &s, &n)) != LINE_EOF) {
		c.line = ln.lineno;
		if (rc == LINE_TOO_LONG) {
			diag_reject(d, RIR_REJ_LIMIT, c.line, "line longer "
			    "than %u bytes", MAX_RIR_LINE);
			continue;
		}
		if (n == 0 || s[0] == '#')
			continue;
		if (rc == LINE_NUL || (nf = split(s, n, f)) < 0) {
			if (!have_version)
				break;
			diag_reject(d, RIR_REJ_SYNTAX, c.line, "NUL byte or "
			    "more than %d fields", RIR_MAX_FIELDS);
			continue;
		}
		if (!have_version) {
			if (!version(&c, f, nf))
				break;
			have_version = true;
			set->nfiles++;
		} else if (nf > 0 && f[nf - 1].n == 7 &&
		    memcmp(f[nf - 1].s, "summary", 7) == 0)
			summary(&c, f, nf);
		else
			record(&c, f, nf);
	}
	if (!have_version) {
		diag_fatal(d, "line %llu: not RIR statistics (no version "
		    "line \"2|registry|serial|records|...\")",
		    (unsigned long long)ln.lineno);
		return -1;
	}
	if ((rerr = reader_error(rd)) != NULL) {
		diag_fatal(d, "%s", rerr);
		return -1;
	}
	check_counts(&c);
	return 0;
}

static int
rirstats_read_cb(void *arg, struct reader *rd, struct diag *d)
{
	return rirstats_read(arg, rd, d->name, d);
}

int
rirstats_read_file(struct rir_stats *set, const char *path, struct diag *d)
{
	return text_read_path(path, d, rirstats_read_cb, set);
}

size_t
rirstats_cidrs(const struct rir_record *r, struct prefix out[RANGE_MAX_CIDRS])
{
	if (r->type == RIR_T_ASN)
		return 0;
	return range_cidrs(r->type == RIR_T_IPV4 ? AFI_IPV4 : AFI_IPV6,
	    r->first, r->last, out);
}

size_t
rirstats_fmt(const struct rir_record *r, char *buf, size_t len)
{
	char start[ADDR_STRLEN], date[12] = "";
	unsigned long long value;
	struct prefix p;
	int w;

	if (r->type == RIR_T_ASN) {
		snprintf(start, sizeof(start), "%u", (uint32_t)r->first);
		value = (unsigned long long)(r->last - r->first + 1);
	} else {
		unsigned afi = r->type == RIR_T_IPV4 ? AFI_IPV4 : AFI_IPV6;
		struct addr a;

		u128_to_prefix(afi, r->first, afi_bits(afi), &p);
		a.afi = p.afi;
		memcpy(a.b, p.b, sizeof(a.b));
		addr_fmt(&a, start);
		if (afi == AFI_IPV4)
			value = (unsigned long long)(r->last - r->first + 1);
		else {
			value = 128;
			while (value > 0 && ((r->last - r->first) >>
			    (128 - value)) != 0)
				value--;
		}
	}
	if (r->date != 0)
		snprintf(date, sizeof(date), "%08u", r->date);
	w = snprintf(buf, len, "%s|%s|%s|%s|%llu|%s|%s%s%s", rir_name(r->rir),
	    r->cc, type_names[r->type], start, value, date,
	    status_names[r->status], r->opaque[0] ? "|" : "", r->opaque);
	return w < 0 ? 0 : (size_t)w;
}
