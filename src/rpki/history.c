/*
 * ROA history: an interval store of VRPs over daily snapshots (history.h
 * has the model and the file format).
 *
 * In memory the distinct VRPs are one sorted array; VRP i's runs are
 * runs[runoff[i] .. runoff[i+1]).  A prefix's covering VRPs are found by
 * a binary search per prefix length that occurs in the store, so a query
 * costs at most 129 searches of the array, with no index to build.
 */
#include <sys/mman.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "base/limits.h"
#include "base/xmalloc.h"
#include "rpki/history.h"

#define HDR_SIZE	64u
#define VRP_REC		28u
#define RUN_REC		8u
#define VERSION		1u
static const char MAGIC[8] = { 'M', 'A', 'N', 'R', 'S', 'V', 'H', '\n' };

struct history {
	uint32_t		*days;
	size_t			 ndays, capdays;
	struct vrp		*vrps;
	size_t			 nvrps;
	uint32_t		*runoff;	/* nvrps + 1 entries */
	struct history_run	*runs;
	uint64_t		 nruns;
	bool			 haslen[2][129];	/* lengths present */
};

static void __attribute__((format(printf, 3, 4)))
seterr(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL || errlen == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

/* Order of the store: family, address, length, maxLength, ASN. */
static int
vrp_cmp(const struct vrp *a, const struct vrp *b)
{
	int c = prefix_cmp(&a->pfx, &b->pfx);

	if (c != 0)
		return c;
	if (a->maxlen != b->maxlen)
		return a->maxlen < b->maxlen ? -1 : 1;
	if (a->asn != b->asn)
		return a->asn < b->asn ? -1 : 1;
	return 0;
}

static int
vrp_qcmp(const void *a, const void *b)
{
	return vrp_cmp(a, b);
}

/* NULL if the VRP is well formed, else what is wrong with it. */
static const char *
vrp_check(const struct vrp *v)
{
	struct prefix m = v->pfx;
	unsigned bits = afi_bits(v->pfx.afi);

	if (bits == 0)
		return "bad address family";
	if (v->pfx.len > bits)
		return "prefix length over the family maximum";
	if (v->maxlen < v->pfx.len)
		return "maxLength below the prefix length";
	if (v->maxlen > bits)
		return "maxLength over the family maximum";
	if (prefix_mask(&m))
		return "host bits set";
	if (v->pfx.afi == AFI_IPV4 && memcmp(v->pfx.b + 4,
	    "\0\0\0\0\0\0\0\0\0\0\0\0", 12) != 0)
		return "IPv4 address with bytes past the fourth";
	return NULL;
}

struct history *
history_new(void)
{
	struct history *h = xcalloc(1, sizeof(*h));

	h->runoff = xcalloc(1, sizeof(*h->runoff));
	return h;
}

void
history_free(struct history *h)
{
	if (h == NULL)
		return;
	free(h->days);
	free(h->vrps);
	free(h->runoff);
	free(h->runs);
	free(h);
}

static void
note_lengths(struct history *h)
{
	size_t i;

	memset(h->haslen, 0, sizeof(h->haslen));
	for (i = 0; i < h->nvrps; i++)
		h->haslen[h->vrps[i].pfx.afi == AFI_IPV6][h->vrps[i].pfx.len] =
		    true;
}

/* Sort and deduplicate a copy of a snapshot; returns how many remain. */
static size_t
snapshot_sorted(const struct vrp *v, size_t n, struct vrp **out,
    const char **bad, size_t *badidx)
{
	struct vrp *s = xreallocarray(NULL, n > 0 ? n : 1, sizeof(*s));
	size_t i, m = 0;

	for (i = 0; i < n; i++) {
		if ((*bad = vrp_check(&v[i])) != NULL) {
			*badidx = i;
			free(s);
			return 0;
		}
		memset(&s[i], 0, sizeof(s[i]));
		s[i].pfx = v[i].pfx;
		s[i].maxlen = v[i].maxlen;
		s[i].asn = v[i].asn;
	}
	qsort(s, n, sizeof(*s), vrp_qcmp);
	for (i = 0; i < n; i++)
		if (m == 0 || vrp_cmp(&s[m - 1], &s[i]) != 0)
			s[m++] = s[i];
	*out = s;
	return m;
}

int
history_add_day(struct history *h, uint32_t day, const struct vrp *v,
    size_t n, char *err, size_t errlen)
{
	struct vrp *s = NULL, *nv;
	struct history_run *nr;
	uint32_t *no, k = (uint32_t)h->ndays;
	size_t m, i = 0, j = 0, c = 0, badidx = 0;
	uint64_t r = 0;
	const char *bad = NULL;
	char a[HISTORY_DAY_STRLEN], b[HISTORY_DAY_STRLEN];

	if (h->ndays > 0 && day <= h->days[h->ndays - 1]) {
		history_day_fmt(day, a);
		history_day_fmt(h->days[h->ndays - 1], b);
		seterr(err, errlen, "day %s is not after the last day in the "
		    "store (%s): snapshots are added in day order", a, b);
		return -1;
	}
	if (h->ndays >= MAX_HISTORY_DAYS || n > MAX_VRPS) {
		seterr(err, errlen, "over the limit of %u days or %u VRPs a "
		    "day", MAX_HISTORY_DAYS, MAX_VRPS);
		return -1;
	}
	m = snapshot_sorted(v, n, &s, &bad, &badidx);
	if (bad != NULL) {
		seterr(err, errlen, "VRP %zu of the snapshot: %s", badidx, bad);
		return -1;
	}
	if (h->nvrps + m > MAX_HISTORY_VRPS || h->nruns + m >
	    MAX_HISTORY_RUNS) {
		seterr(err, errlen, "over the limit of %u distinct VRPs or %u "
		    "runs", MAX_HISTORY_VRPS, MAX_HISTORY_RUNS);
		free(s);
		return -1;
	}
	/* Merge the sorted snapshot into the sorted store. */
	nv = xreallocarray(NULL, h->nvrps + m + 1, sizeof(*nv));
	no = xreallocarray(NULL, h->nvrps + m + 1, sizeof(*no));
	nr = xreallocarray(NULL, h->nruns + m + 1, sizeof(*nr));
	while (i < h->nvrps || j < m) {
		int d = i == h->nvrps ? 1 : j == m ? -1 :
		    vrp_cmp(&h->vrps[i], &s[j]);

		no[c] = (uint32_t)r;
		if (d <= 0) {
			uint32_t o = h->runoff[i], e = h->runoff[i + 1];

			memcpy(&nr[r], &h->runs[o], (e - o) * sizeof(*nr));
			r += e - o;
			nv[c] = h->vrps[i++];
			if (d == 0) {
				if (k > 0 && nr[r - 1].last == k - 1)
					nr[r - 1].last = k;
				else
					nr[r++] = (struct history_run){ k, k };
				j++;
			}
		} else {
			nv[c] = s[j++];
			nr[r++] = (struct history_run){ k, k };
		}
		c++;
	}
	no[c] = (uint32_t)r;
	free(s);
	free(h->vrps);
	free(h->runoff);
	free(h->runs);
	h->vrps = nv;
	h->runoff = no;
	h->runs = nr;
	h->nvrps = c;
	h->nruns = r;
	if (h->ndays == h->capdays) {
		h->capdays = h->capdays ? h->capdays * 2 : 64;
		h->days = xreallocarray(h->days, h->capdays, sizeof(*h->days));
	}
	h->days[h->ndays++] = day;
	note_lengths(h);
	return 0;
}

size_t
history_ndays(const struct history *h)
{
	return h->ndays;
}

uint32_t
history_day(const struct history *h, uint32_t snap)
{
	return snap < h->ndays ? h->days[snap] : 0;
}

size_t
history_nvrps(const struct history *h)
{
	return h->nvrps;
}

uint64_t
history_nruns(const struct history *h)
{
	return h->nruns;
}

size_t
history_memory(const struct history *h)
{
	return sizeof(*h) + h->capdays * sizeof(*h->days) +
	    h->nvrps * sizeof(*h->vrps) + (h->nvrps + 1) * sizeof(*h->runoff) +
	    (size_t)h->nruns * sizeof(*h->runs);
}

uint32_t
history_snapshot_from(const struct history *h, uint32_t day)
{
	size_t lo = 0, hi = h->ndays;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (h->days[mid] < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (uint32_t)lo;
}

enum history_status
history_snapshot(const struct history *h, uint32_t day, unsigned flags,
    uint32_t *snap)
{
	uint32_t i = history_snapshot_from(h, day);

	if (i < h->ndays && h->days[i] == day) {
		*snap = i;
		return HISTORY_EXACT;
	}
	if (i == 0 || !(flags & HISTORY_NEAREST))
		return HISTORY_NO_SNAPSHOT;
	*snap = i - 1;
	return HISTORY_EARLIER;
}

const struct vrp *
history_vrp(const struct history *h, uint32_t i)
{
	return &h->vrps[i];
}

size_t
history_runs(const struct history *h, uint32_t i,
    const struct history_run **runs)
{
	*runs = &h->runs[h->runoff[i]];
	return h->runoff[i + 1] - h->runoff[i];
}

bool
history_present(const struct history *h, uint32_t i, uint32_t snap)
{
	size_t lo = h->runoff[i], hi = h->runoff[i + 1];

	/* The last run starting at or before snap. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (h->runs[mid].first <= snap)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo > h->runoff[i] && h->runs[lo - 1].last >= snap;
}

/* First VRP index whose prefix is >= q. */
static size_t
lower_bound(const struct history *h, const struct prefix *q)
{
	size_t lo = 0, hi = h->nvrps;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (prefix_cmp(&h->vrps[mid].pfx, q) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * Calls fn for each VRP (ever) covering p, shortest prefix first; stops
 * when fn returns false.
 */
static void
each_covering(const struct history *h, const struct prefix *p,
    bool (*fn)(void *, uint32_t), void *arg)
{
	unsigned l, bits = afi_bits(p->afi);
	int fam = p->afi == AFI_IPV6;

	if (bits == 0 || p->len > bits)
		return;
	for (l = 0; l <= p->len; l++) {
		struct prefix q = *p;
		size_t i;

		if (!h->haslen[fam][l])
			continue;
		q.len = (uint8_t)l;
		prefix_mask(&q);
		for (i = lower_bound(h, &q); i < h->nvrps &&
		    prefix_equal(&h->vrps[i].pfx, &q); i++)
			if (!fn(arg, (uint32_t)i))
				return;
	}
}

struct collect {
	uint32_t	*out;
	size_t		 max, n;
};

static bool
collect_one(void *arg, uint32_t i)
{
	struct collect *c = arg;

	if (c->n < c->max)
		c->out[c->n] = i;
	c->n++;
	return true;
}

size_t
history_covering(const struct history *h, const struct prefix *p,
    uint32_t *out, size_t max)
{
	struct collect c = { out, max, 0 };

	each_covering(h, p, collect_one, &c);
	return c.n;
}

struct judge {
	const struct history	*h;
	uint32_t		 origin, snap;
	unsigned		 plen;
	bool			 covered, aslen, valid;
};

/* RFC 6811 2 over the VRPs present in one snapshot (as rov_validate). */
static bool
judge_one(void *arg, uint32_t i)
{
	struct judge *j = arg;
	const struct vrp *v = &j->h->vrps[i];

	if (!history_present(j->h, i, j->snap))
		return true;
	j->covered = true;
	if (j->origin == ROV_ORIGIN_NONE || v->asn != j->origin)
		return true;
	if (j->plen <= v->maxlen) {
		j->valid = true;
		return false;
	}
	j->aslen = true;
	return true;
}

enum rov_state
history_validate_snap(const struct history *h, const struct prefix *p,
    uint32_t origin, uint32_t snap, enum rov_reason *reason)
{
	struct judge j = { h, origin, snap, p->len, false, false, false };

	if (reason != NULL)
		*reason = ROV_REASON_NONE;
	if (snap >= h->ndays)
		return ROV_NOT_FOUND;
	each_covering(h, p, judge_one, &j);
	if (j.valid)
		return ROV_VALID;
	if (!j.covered)
		return ROV_NOT_FOUND;
	if (reason != NULL)
		*reason = j.aslen ? ROV_REASON_LENGTH : ROV_REASON_AS;
	return ROV_INVALID;
}

bool
history_validate(const struct history *h, const struct prefix *p,
    uint32_t origin, uint32_t day, unsigned flags, struct history_result *r)
{
	memset(r, 0, sizeof(*r));
	r->state = ROV_NOT_FOUND;
	r->status = history_snapshot(h, day, flags, &r->snap);
	if (r->status == HISTORY_NO_SNAPSHOT)
		return false;
	r->day = h->days[r->snap];
	r->state = history_validate_snap(h, p, origin, r->snap, &r->reason);
	return true;
}

struct rov *
history_rov_at(const struct history *h, uint32_t snap)
{
	struct vrp *v = xreallocarray(NULL, h->nvrps + 1, sizeof(*v));
	struct rov *rov;
	size_t i, n = 0;

	for (i = 0; i < h->nvrps; i++)
		if (history_present(h, (uint32_t)i, snap))
			v[n++] = h->vrps[i];
	rov = rov_build(v, n);
	free(v);
	return rov;
}

/* --- the store file --- */

static void
put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

static uint32_t
get32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

static uint32_t
crc(const uint8_t *p, size_t n)
{
	return (uint32_t)crc32_z(crc32_z(0, NULL, 0), p, n);
}

void
history_serialise(const struct history *h, uint8_t **out, size_t *len)
{
	size_t dsz = h->ndays * 4, vsz = h->nvrps * VRP_REC;
	size_t rsz = (size_t)h->nruns * RUN_REC;
	size_t n = HDR_SIZE + dsz + vsz + rsz, i;
	uint8_t *buf = xcalloc(1, n), *p;

	memcpy(buf, MAGIC, sizeof(MAGIC));
	put32(buf + 8, VERSION);
	put32(buf + 12, HDR_SIZE);
	put32(buf + 16, (uint32_t)h->ndays);
	put32(buf + 20, (uint32_t)h->nvrps);
	put32(buf + 24, (uint32_t)h->nruns);
	put32(buf + 28, (uint32_t)(h->nruns >> 32));
	p = buf + HDR_SIZE;
	for (i = 0; i < h->ndays; i++, p += 4)
		put32(p, h->days[i]);
	for (i = 0; i < h->nvrps; i++, p += VRP_REC) {
		const struct vrp *v = &h->vrps[i];

		p[0] = v->pfx.afi;
		p[1] = v->pfx.len;
		p[2] = v->maxlen;
		put32(p + 4, v->asn);
		memcpy(p + 8, v->pfx.b, 16);
		put32(p + 24, h->runoff[i + 1] - h->runoff[i]);
	}
	for (i = 0; i < h->nruns; i++, p += RUN_REC) {
		put32(p, h->runs[i].first);
		put32(p + 4, h->runs[i].last);
	}
	put32(buf + 32, crc(buf + HDR_SIZE, dsz));
	put32(buf + 36, crc(buf + HDR_SIZE + dsz, vsz));
	put32(buf + 40, crc(buf + HDR_SIZE + dsz + vsz, rsz));
	put32(buf + 60, crc(buf, 60));
	*out = buf;
	*len = n;
}

int
history_save(const struct history *h, const char *path, char *err,
    size_t errlen)
{
	char tmp[4096];
	uint8_t *buf;
	size_t len, off = 0;
	int fd, n;

	n = snprintf(tmp, sizeof(tmp), "%s.tmpXXXXXX", path);
	if (n < 0 || (size_t)n >= sizeof(tmp)) {
		seterr(err, errlen, "%s: path too long", path);
		return -1;
	}
	if ((fd = mkstemp(tmp)) == -1) {
		seterr(err, errlen, "%s: cannot create a temporary file: %s",
		    tmp, strerror(errno));
		return -1;
	}
	(void)fchmod(fd, 0644);	/* a store is not a secret */
	history_serialise(h, &buf, &len);
	while (off < len) {
		ssize_t w = write(fd, buf + off, len - off);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		off += (size_t)w;
	}
	free(buf);
	if (off < len || fsync(fd) != 0 || close(fd) != 0 ||
	    rename(tmp, path) != 0) {
		seterr(err, errlen, "%s: cannot write the store: %s", path,
		    strerror(errno));
		if (off < len)
			close(fd);
		unlink(tmp);
		return -1;
	}
	return 0;
}

/* Decode and check the three sections; false with err on damage. */
static bool
decode(struct history *h, const uint8_t *base, uint64_t nruns,
    const char *name, char *err, size_t errlen)
{
	const uint8_t *d = base + HDR_SIZE;
	const uint8_t *v = d + h->ndays * 4;
	const uint8_t *r = v + h->nvrps * VRP_REC;
	uint64_t total = 0;
	size_t i;

	for (i = 0; i < h->ndays; i++) {
		h->days[i] = get32(d + i * 4);
		if (i > 0 && h->days[i] <= h->days[i - 1]) {
			seterr(err, errlen, "%s: byte offset %zu: day %zu not "
			    "after the one before it", name,
			    (size_t)(d - base) + i * 4, i);
			return false;
		}
	}
	for (i = 0; i < h->nvrps; i++) {
		const uint8_t *p = v + i * VRP_REC;
		struct vrp *x = &h->vrps[i];
		const char *why;
		uint32_t cnt = get32(p + 24);

		memset(x, 0, sizeof(*x));
		x->pfx.afi = p[0];
		x->pfx.len = p[1];
		x->maxlen = p[2];
		x->asn = get32(p + 4);
		memcpy(x->pfx.b, p + 8, 16);
		why = p[3] != 0 ? "reserved byte not zero" : vrp_check(x);
		if (why == NULL && i > 0 && vrp_cmp(&h->vrps[i - 1], x) >= 0)
			why = "not after the VRP before it";
		if (why == NULL && (cnt == 0 || cnt > nruns - total))
			why = "run count 0 or past the run section";
		if (why != NULL) {
			seterr(err, errlen, "%s: byte offset %zu: VRP %zu: %s",
			    name, (size_t)(p - base), i, why);
			return false;
		}
		h->runoff[i] = (uint32_t)total;
		total += cnt;
	}
	h->runoff[h->nvrps] = (uint32_t)total;
	if (total != nruns) {
		seterr(err, errlen, "%s: the VRPs claim %llu runs, the header "
		    "%llu", name, (unsigned long long)total,
		    (unsigned long long)nruns);
		return false;
	}
	for (i = 0; i < h->nvrps; i++) {
		uint32_t k;

		for (k = h->runoff[i]; k < h->runoff[i + 1]; k++) {
			const uint8_t *p = r + (size_t)k * RUN_REC;
			struct history_run *x = &h->runs[k];

			x->first = get32(p);
			x->last = get32(p + 4);
			if (x->first > x->last || x->last >= h->ndays ||
			    (k > h->runoff[i] &&
			    x->first <= (uint64_t)x[-1].last + 1)) {
				seterr(err, errlen, "%s: byte offset %zu: run "
				    "%u (of VRP %zu): snapshots %u..%u out of "
				    "order, overlapping or past the %zu days",
				    name, (size_t)(p - base), k, i, x->first,
				    x->last, h->ndays);
				return false;
			}
		}
	}
	return true;
}

struct history *
history_load_mem(const uint8_t *buf, size_t len, const char *name,
    char *err, size_t errlen)
{
	struct history *h = NULL;
	uint32_t ver, hsz, ndays, nvrps;
	uint64_t nruns, want;

	if (len < HDR_SIZE || memcmp(buf, MAGIC, sizeof(MAGIC)) != 0) {
		seterr(err, errlen, "%s: not a manrs ROA history store (%s)",
		    name, len < HDR_SIZE ? "shorter than the header" :
		    "bad magic");
		return NULL;
	}
	if (get32(buf + 60) != crc(buf, 60)) {
		seterr(err, errlen, "%s: byte offset 60: header checksum "
		    "mismatch (damaged file)", name);
		return NULL;
	}
	ver = get32(buf + 8);
	hsz = get32(buf + 12);
	ndays = get32(buf + 16);
	nvrps = get32(buf + 20);
	nruns = get32(buf + 24) | (uint64_t)get32(buf + 28) << 32;
	if (ver != VERSION || hsz != HDR_SIZE) {
		seterr(err, errlen, "%s: byte offset 8: store version %u "
		    "(header %u bytes); this build reads version %u", name,
		    ver, hsz, VERSION);
		return NULL;
	}
	if (memcmp(buf + 44, "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 16) != 0) {
		seterr(err, errlen, "%s: byte offset 44: reserved header bytes "
		    "not zero", name);
		return NULL;
	}
	if (ndays > MAX_HISTORY_DAYS || nvrps > MAX_HISTORY_VRPS ||
	    nruns > MAX_HISTORY_RUNS) {
		seterr(err, errlen, "%s: byte offset 16: %u days, %u VRPs, "
		    "%llu runs: over the limits (%u, %u, %u)", name, ndays,
		    nvrps, (unsigned long long)nruns, MAX_HISTORY_DAYS,
		    MAX_HISTORY_VRPS, MAX_HISTORY_RUNS);
		return NULL;
	}
	want = HDR_SIZE + (uint64_t)ndays * 4 + (uint64_t)nvrps * VRP_REC +
	    nruns * RUN_REC;
	if (want != len) {
		seterr(err, errlen, "%s: %zu bytes, the header says %llu "
		    "(%s)", name, len, (unsigned long long)want, want > len ?
		    "truncated" : "trailing bytes");
		return NULL;
	}
	if (get32(buf + 32) != crc(buf + HDR_SIZE, (size_t)ndays * 4) ||
	    get32(buf + 36) != crc(buf + HDR_SIZE + (size_t)ndays * 4,
	    (size_t)nvrps * VRP_REC) ||
	    get32(buf + 40) != crc(buf + HDR_SIZE + (size_t)ndays * 4 +
	    (size_t)nvrps * VRP_REC, (size_t)nruns * RUN_REC)) {
		seterr(err, errlen, "%s: section checksum mismatch (damaged "
		    "file)", name);
		return NULL;
	}
	h = xcalloc(1, sizeof(*h));
	h->ndays = h->capdays = ndays;
	h->nvrps = nvrps;
	h->nruns = nruns;
	h->days = xreallocarray(NULL, ndays + 1, sizeof(*h->days));
	h->vrps = xreallocarray(NULL, (size_t)nvrps + 1, sizeof(*h->vrps));
	h->runoff = xreallocarray(NULL, (size_t)nvrps + 1,
	    sizeof(*h->runoff));
	h->runs = xreallocarray(NULL, (size_t)nruns + 1, sizeof(*h->runs));
	h->capdays = ndays + 1;
	if (!decode(h, buf, nruns, name, err, errlen)) {
		history_free(h);
		return NULL;
	}
	note_lengths(h);
	return h;
}

struct history *
history_load(const char *path, char *err, size_t errlen)
{
	struct history *h;
	struct stat st;
	void *map;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd == -1) {
		seterr(err, errlen, "%s: %s", path, strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		seterr(err, errlen, "%s: not a regular file", path);
		close(fd);
		return NULL;
	}
	if ((uint64_t)st.st_size > MAX_HISTORY_FILE) {
		seterr(err, errlen, "%s: %llu bytes, over the limit of %llu",
		    path, (unsigned long long)st.st_size,
		    (unsigned long long)MAX_HISTORY_FILE);
		close(fd);
		return NULL;
	}
	if ((size_t)st.st_size < HDR_SIZE) {
		close(fd);
		return history_load_mem((const uint8_t *)"", 0, path, err,
		    errlen);
	}
	map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (map == MAP_FAILED) {
		seterr(err, errlen, "%s: mmap: %s", path, strerror(errno));
		return NULL;
	}
	h = history_load_mem(map, (size_t)st.st_size, path, err, errlen);
	munmap(map, (size_t)st.st_size);
	return h;
}

/* --- days --- */

/* Days since 1970-01-01 of a proleptic Gregorian date (year >= 1970). */
bool
history_day_from_ymd(unsigned y, unsigned m, unsigned d, uint32_t *day)
{
	static const unsigned mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31,
	    30, 31, 30, 31 };
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	uint32_t n = 0;
	unsigned i;

	if (y < 1970 || y > 9999 || m < 1 || m > 12 || d < 1 ||
	    d > mdays[m - 1] + (m == 2 && leap))
		return false;
	/* Whole years: 365 a year plus the leap days before year y. */
	n = 365 * (y - 1970) + ((y - 1) / 4 - 1969 / 4) -
	    ((y - 1) / 100 - 1969 / 100) + ((y - 1) / 400 - 1969 / 400);
	for (i = 1; i < m; i++)
		n += mdays[i - 1] + (i == 2 && leap);
	*day = n + d - 1;
	return true;
}

size_t
history_day_fmt(uint32_t day, char buf[HISTORY_DAY_STRLEN])
{
	unsigned y, m = 1;
	uint32_t base, last;

	(void)history_day_from_ymd(9999, 12, 31, &last);
	if (day > last)
		day = last;
	y = 1970 + day / 366;
	/* Move to the year holding day, then the month. */
	while (history_day_from_ymd(y + 1, 1, 1, &base) && base <= day)
		y++;
	(void)history_day_from_ymd(y, 1, 1, &base);
	while (m < 12) {
		uint32_t next;

		if (!history_day_from_ymd(y, m + 1, 1, &next) || next > day)
			break;
		m++;
	}
	(void)history_day_from_ymd(y, m, 1, &base);
	return (size_t)snprintf(buf, HISTORY_DAY_STRLEN, "%04u-%02u-%02u", y,
	    m, (unsigned)(day - base + 1) % 100);
}

static bool
digits(const char *s, size_t n, unsigned *v)
{
	size_t i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		*v = *v * 10 + (unsigned)(s[i] - '0');
	}
	return true;
}

bool
history_day_parse(const char *s, size_t n, uint32_t *day, const char **why)
{
	unsigned y, m, d, hh, mm, ss;

	*why = "expected YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ";
	if (n != 10 && n != 20)
		return false;
	if (!digits(s, 4, &y) || s[4] != '-' || !digits(s + 5, 2, &m) ||
	    s[7] != '-' || !digits(s + 8, 2, &d))
		return false;
	if (n == 20 && (s[10] != 'T' || !digits(s + 11, 2, &hh) ||
	    s[13] != ':' || !digits(s + 14, 2, &mm) || s[16] != ':' ||
	    !digits(s + 17, 2, &ss) || s[19] != 'Z' || hh > 23 || mm > 59 ||
	    ss > 60))
		return false;
	if (!history_day_from_ymd(y, m, d, day)) {
		*why = "no such date (or before 1970)";
		return false;
	}
	return true;
}
