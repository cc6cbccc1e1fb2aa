/*
 * CAIDA Spoofer session readers: API JSON, CSV, Shadowserver reports.
 * See spoofer.h.  JSON values and CSV cells are first gathered as text
 * per field, so one function turns either into records.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/limits.h"
#include "base/utctime.h"
#include "base/xmalloc.h"
#include "io/lines.h"
#include "io/text.h"
#include "net/asn.h"
#include "spoofer.h"

#define SPOOFER_MAX_FIELDS	64
#define CELL_MAX		128

static const char *const reject_str[SPOOFER_REJ_MAX] = {
	[SPOOFER_REJ_SYNTAX] = "malformed record",
	[SPOOFER_REJ_SESSION] = "bad session id",
	[SPOOFER_REJ_TIME] = "bad timestamp",
	[SPOOFER_REJ_ASN] = "bad AS number",
	[SPOOFER_REJ_PREFIX] = "bad client prefix",
	[SPOOFER_REJ_OUTCOME] = "bad spoofing outcome",
	[SPOOFER_REJ_NAT] = "bad NAT flag",
	[SPOOFER_REJ_LIMIT] = "over a size limit",
};

static const char *const outcome_names[SPOOF_MAX] = {
	"", "received", "blocked", "rewritten", "unknown"
};

/* The fields of a session; per family: asn, client, nat, routed, private. */
enum key {
	K_SESSION, K_TIME, K_COUNTRY,
	K_ASN4, K_CLIENT4, K_NAT4, K_ROUTED4, K_PRIVATE4,
	K_ASN6, K_CLIENT6, K_NAT6, K_ROUTED6, K_PRIVATE6,
	K_MAX
};
#define K_FAMILY	(K_ASN6 - K_ASN4)

/* CAIDA's field names, and what the Shadowserver reports call them. */
static const struct { const char *name; enum key k; } names[] = {
	{ "session", K_SESSION }, { "timestamp", K_TIME },
	{ "country", K_COUNTRY }, { "asn4", K_ASN4 }, { "client4", K_CLIENT4 },
	{ "nat4", K_NAT4 }, { "routedspoof", K_ROUTED4 },
	{ "privatespoof", K_PRIVATE4 }, { "asn6", K_ASN6 },
	{ "client6", K_CLIENT6 }, { "nat6", K_NAT6 },
	{ "routedspoof6", K_ROUTED6 }, { "privatespoof6", K_PRIVATE6 },
	/* Shadowserver: the client's family is its network's. */
	{ "asn", K_ASN4 }, { "src_asn", K_ASN4 }, { "network", K_CLIENT4 },
	{ "nat", K_NAT4 }, { "geo", K_COUNTRY }, { "src_geo", K_COUNTRY },
};

struct cells {
	char	v[K_MAX][CELL_MAX];
	bool	set[K_MAX];
};

struct ctx {
	struct spoofer_set	*set;
	struct diag		*d;
	uint64_t		 line;
	bool			 any_family;	/* Shadowserver: K_*4 is either */
	int			 col[SPOOFER_MAX_FIELDS];	/* CSV: key or -1 */
	int			 ncols;
};

const char *
spoof_outcome_name(enum spoof_outcome o)
{
	return (unsigned)o < SPOOF_MAX ? outcome_names[o] : "?";
}

const char *
spoofer_format_name(enum spoofer_format f)
{
	switch (f) {
	case SPOOFER_FMT_JSON:
		return "CAIDA Spoofer API JSON";
	case SPOOFER_FMT_CSV:
		return "CAIDA Spoofer CSV";
	case SPOOFER_FMT_SHADOW_OLD:
		return "Shadowserver caida_ip_spoofer";
	case SPOOFER_FMT_SHADOW_EVENT4:
		return "Shadowserver event4_ip_spoofer";
	default:
		return "unknown";
	}
}

void
spoofer_diag_init(struct diag *d, const char *name)
{
	diag_init(d, name, reject_str, SPOOFER_REJ_MAX);
}

void
spoofer_set_init(struct spoofer_set *s)
{
	memset(s, 0, sizeof(*s));
}

void
spoofer_set_free(struct spoofer_set *s)
{
	if (s == NULL)
		return;
	free(s->r);
	memset(s, 0, sizeof(*s));
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
spoofer_parse_time(const char *s, size_t n, int64_t *out)
{
	unsigned y, mo, d, h, mi, se, oh = 0, om = 0;
	int sign = 0;

	/* yyyy-mm-ddThh:mm:ss, then "", "Z" or "+hh:mm"/"-hh:mm". */
	if (n < 19 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' &&
	    s[10] != ' ') || s[13] != ':' || s[16] != ':' ||
	    !digits(s, 4, &y) || !digits(s + 5, 2, &mo) ||
	    !digits(s + 8, 2, &d) || !digits(s + 11, 2, &h) ||
	    !digits(s + 14, 2, &mi) || !digits(s + 17, 2, &se))
		return false;
	if (n == 20 && s[19] == 'Z')
		;
	else if (n == 25 && (s[19] == '+' || s[19] == '-') && s[22] == ':' &&
	    digits(s + 20, 2, &oh) && digits(s + 23, 2, &om) && oh < 24 &&
	    om < 60)
		sign = s[19] == '+' ? 1 : -1;
	else if (n != 19)
		return false;
	if (y < 1970 || !utc_date_ok(y, mo, d) || h > 23 || mi > 59 ||
	    se > 60)
		return false;
	*out = utc_days(y, mo, d) * 86400 + h * 3600 + mi * 60 + se -
	    sign * (int64_t)(oh * 3600 + om * 60);
	return true;
}

static bool
eq_nocase(const char *a, const char *b)
{
	for (; *a != '\0' && *b != '\0'; a++, b++) {
		char x = *a >= 'A' && *a <= 'Z' ? (char)(*a + 32) : *a;
		char y = *b >= 'A' && *b <= 'Z' ? (char)(*b + 32) : *b;

		if (x != y)
			return false;
	}
	return *a == *b;
}

static bool
parse_outcome(const char *s, uint8_t *o)
{
	unsigned i;

	for (i = 0; i < SPOOF_MAX; i++)
		if (strcmp(s, outcome_names[i]) == 0) {
			*o = (uint8_t)i;
			return true;
		}
	return false;
}

/* One family of a session; false if it was rejected. */
static bool
family(struct ctx *c, const struct cells *k, unsigned base,
    struct spoofer_rec *r)
{
	const char *why = NULL, *s;
	size_t n;

	if (!k->set[K_CLIENT4 + base] || k->v[K_CLIENT4 + base][0] == '\0')
		return true;
	s = k->v[K_CLIENT4 + base];
	n = strlen(s);
	if (!prefix_parse(s, n, &r->client, &why) || (!c->any_family &&
	    r->client.afi != (base == 0 ? AFI_IPV4 : AFI_IPV6))) {
		diag_reject(c->d, SPOOFER_REJ_PREFIX, c->line, "'%.60s': %s", s,
		    why != NULL ? why : "wrong family");
		return false;
	}
	s = k->set[K_ASN4 + base] ? k->v[K_ASN4 + base] : "";
	if (!asn_parse(s, strlen(s), &r->asn, &why)) {
		diag_reject(c->d, SPOOFER_REJ_ASN, c->line, "'%.40s'", s);
		return false;
	}
	s = k->set[K_NAT4 + base] ? k->v[K_NAT4 + base] : "";
	if (*s == '\0')
		r->nat = SPOOF_NAT_UNKNOWN;
	else if (eq_nocase(s, "true"))
		r->nat = SPOOF_NAT_YES;
	else if (eq_nocase(s, "false"))
		r->nat = SPOOF_NAT_NO;
	else {
		diag_reject(c->d, SPOOFER_REJ_NAT, c->line, "'%.40s'", s);
		return false;
	}
	if (!parse_outcome(k->v[K_ROUTED4 + base], &r->routed) ||
	    !parse_outcome(k->v[K_PRIVATE4 + base], &r->priv)) {
		diag_reject(c->d, SPOOFER_REJ_OUTCOME, c->line, "'%.40s', "
		    "'%.40s'", k->v[K_ROUTED4 + base], k->v[K_PRIVATE4 + base]);
		return false;
	}
	return true;
}

static void
add(struct ctx *c, const struct spoofer_rec *r)
{
	struct spoofer_set *s = c->set;

	if (s->n >= MAX_SPOOFER_RECORDS) {
		diag_reject(c->d, SPOOFER_REJ_LIMIT, c->line, "more than %u "
		    "records", MAX_SPOOFER_RECORDS);
		return;
	}
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 256;
		s->r = xreallocarray(s->r, s->cap, sizeof(*s->r));
	}
	s->r[s->n++] = *r;
}

/* Turn one session's cells into a record per tested family. */
static void
session(struct ctx *c, const struct cells *k)
{
	struct spoofer_rec base, r4, r6;
	const char *s = k->v[K_SESSION];
	unsigned i;
	uint64_t v = 0;

	memset(&base, 0, sizeof(base));
	if (*s == '\0' || strlen(s) > 19 || strspn(s, "0123456789") !=
	    strlen(s)) {
		diag_reject(c->d, SPOOFER_REJ_SESSION, c->line, "'%.40s'", s);
		return;
	}
	for (i = 0; s[i] != '\0'; i++)
		v = v * 10 + (uint64_t)(s[i] - '0');
	base.session = v;
	s = k->v[K_TIME];
	if (!spoofer_parse_time(s, strlen(s), &base.time)) {
		diag_reject(c->d, SPOOFER_REJ_TIME, c->line, "'%.40s'", s);
		return;
	}
	s = k->v[K_COUNTRY];
	if (strlen(s) > 3) {
		diag_reject(c->d, SPOOFER_REJ_SYNTAX, c->line, "country "
		    "'%.40s'", s);
		return;
	}
	memcpy(base.country, s, strlen(s) + 1);
	base.line = c->line > UINT32_MAX ? UINT32_MAX : (uint32_t)c->line;
	r4 = r6 = base;
	if (!family(c, k, 0, &r4) || !family(c, k, K_FAMILY, &r6))
		return;
	if (r4.client.afi == AFI_NONE && r6.client.afi == AFI_NONE) {
		diag_reject(c->d, SPOOFER_REJ_PREFIX, c->line, "no client "
		    "prefix");
		return;
	}
	if (r4.client.afi != AFI_NONE)
		add(c, &r4);
	if (r6.client.afi != AFI_NONE)
		add(c, &r6);
}

static int
key_of(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strlen(names[i].name) == n &&
		    memcmp(names[i].name, s, n) == 0)
			return names[i].k;
	return -1;
}

/* ---- JSON --------------------------------------------------------- */

static bool
json_cell(struct ctx *c, const char *key, json_t *v, struct cells *k)
{
	int i = key_of(key, strlen(key));
	char *dst;

	if (i < 0 || json_is_null(v))
		return true;	/* "@id", "@type" and the rest */
	dst = k->v[i];
	k->set[i] = true;
	if (json_is_string(v)) {
		if (json_string_length(v) >= CELL_MAX ||
		    strlen(json_string_value(v)) != json_string_length(v)) {
			diag_reject(c->d, SPOOFER_REJ_SYNTAX, c->line, "\"%s\" "
			    "too long or has a NUL", key);
			return false;
		}
		memcpy(dst, json_string_value(v), json_string_length(v) + 1);
	} else if (json_is_integer(v) && json_integer_value(v) >= 0)
		snprintf(dst, CELL_MAX, "%lld",
		    (long long)json_integer_value(v));
	else if (json_is_boolean(v))
		snprintf(dst, CELL_MAX, "%s", json_is_true(v) ? "true" :
		    "false");
	else {
		diag_reject(c->d, SPOOFER_REJ_SYNTAX, c->line, "\"%s\" has the "
		    "wrong type", key);
		return false;
	}
	return true;
}

static void
json_session(struct ctx *c, json_t *o)
{
	struct cells *k;
	const char *key;
	json_t *v;

	if (!json_is_object(o)) {
		diag_reject(c->d, SPOOFER_REJ_SYNTAX, c->line, "a session is "
		    "not a JSON object");
		return;
	}
	k = xcalloc(1, sizeof(*k));
	json_object_foreach(o, key, v)
		if (!json_cell(c, key, v, k)) {
			free(k);
			return;
		}
	session(c, k);
	free(k);
}

static void
json_value(struct ctx *c, json_t *v)
{
	json_t *members = json_is_object(v) ?
	    json_object_get(v, "hydra:member") : NULL;
	size_t i;

	if (members != NULL || json_is_array(v)) {
		const json_t *a = members != NULL ? members : v;

		if (!json_is_array(a)) {
			diag_reject(c->d, SPOOFER_REJ_SYNTAX, c->line,
			    "\"hydra:member\" is not an array");
			return;
		}
		for (i = 0; i < json_array_size(a); i++)
			json_session(c, json_array_get(a, i));
	} else
		json_session(c, v);
}

static int
read_json(struct ctx *c, const char *p, size_t n)
{
	size_t off = 0, i;

	c->line = 1;
	for (;;) {
		json_error_t err;
		json_t *v;
		size_t start;

		while (off < n && (p[off] == ' ' || p[off] == '\t' ||
		    p[off] == '\r' || p[off] == '\n'))
			if (p[off++] == '\n')
				c->line++;
		if (off == n)
			return 0;
		start = off;
		v = json_loadb(p + off, n - off, JSON_DISABLE_EOF_CHECK, &err);
		if (v == NULL) {
			diag_fatal(c->d, "line %llu: JSON error: %s",
			    (unsigned long long)(c->line + (err.line > 0 ?
			    (unsigned long long)err.line - 1 : 0)), err.text);
			return -1;
		}
		json_value(c, v);
		json_decref(v);
		off += err.position;
		for (i = start; i < off && i < n; i++)
			if (p[i] == '\n')
				c->line++;
	}
}

/* ---- CSV ---------------------------------------------------------- */

/* Map the header; the format follows from the columns found. */
static enum spoofer_format
csv_header(struct ctx *c, const struct csv_field *f, int nf)
{
	bool has[K_MAX] = { false }, src = false, caida = false;
	char name[64];
	int i;

	for (i = 0; i < nf; i++) {
		c->col[i] = -1;
		if (!csv_copy(&f[i], name, sizeof(name)))
			continue;
		if (strcmp(name, "src_asn") == 0)
			src = true;
		if (strcmp(name, "asn4") == 0 || strcmp(name, "client4") == 0 ||
		    strcmp(name, "client6") == 0)
			caida = true;
		c->col[i] = key_of(name, strlen(name));
		if (c->col[i] >= 0) {
			if (has[c->col[i]])
				c->col[i] = -1;	/* first one wins */
			else
				has[c->col[i]] = true;
		}
	}
	c->ncols = nf;
	if (!has[K_SESSION] || !has[K_TIME] || !(has[K_CLIENT4] ||
	    has[K_CLIENT6]))
		return SPOOFER_FMT_UNKNOWN;
	if (caida)
		return SPOOFER_FMT_CSV;
	c->any_family = true;
	return src ? SPOOFER_FMT_SHADOW_EVENT4 : SPOOFER_FMT_SHADOW_OLD;
}

static void
csv_row(struct ctx *c, const struct csv_field *f, int nf)
{
	struct cells *k;
	int i;

	if (nf != c->ncols) {
		diag_reject(c->d, SPOOFER_REJ_SYNTAX, c->line, "%d fields, the "
		    "header has %d", nf, c->ncols);
		return;
	}
	k = xcalloc(1, sizeof(*k));
	for (i = 0; i < nf; i++) {
		int key = c->col[i];

		if (key < 0)
			continue;
		if (!csv_copy(&f[i], k->v[key], CELL_MAX)) {
			diag_reject(c->d, SPOOFER_REJ_SYNTAX, c->line, "field "
			    "%d longer than %d bytes", i + 1, CELL_MAX - 1);
			free(k);
			return;
		}
		k->set[key] = true;
	}
	session(c, k);
	free(k);
}

static int
read_csv(struct ctx *c, struct reader *rd)
{
	struct csv_field f[SPOOFER_MAX_FIELDS];
	struct lines ln;
	const char *s, *why = NULL;
	enum line_status rc;
	size_t n;
	int nf;

	lines_init(&ln, rd, MAX_SPOOFER_LINE);
	while ((rc = lines_next(&ln, &s, &n)) != LINE_EOF) {
		c->line = ln.lineno;
		if (rc == LINE_TOO_LONG) {
			diag_reject(c->d, SPOOFER_REJ_LIMIT, c->line, "line "
			    "longer than %u bytes", MAX_SPOOFER_LINE);
			continue;
		}
		if (c->line == 1 && n >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0) {
			s += 3;
			n -= 3;
		}
		if (n == 0)
			continue;
		nf = rc == LINE_NUL ? -1 :
		    csv_split(s, n, f, SPOOFER_MAX_FIELDS, &why);
		if (c->set->format == SPOOFER_FMT_UNKNOWN) {
			if (nf < 0 || (c->set->format = csv_header(c, f, nf)) ==
			    SPOOFER_FMT_UNKNOWN) {
				diag_fatal(c->d, "line %llu: not Spoofer "
				    "sessions (no JSON, no CSV header with "
				    "session, timestamp and a client)",
				    (unsigned long long)c->line);
				return -1;
			}
			continue;
		}
		if (nf < 0)
			diag_reject(c->d, SPOOFER_REJ_SYNTAX, c->line, "%s",
			    why != NULL ? why : "NUL byte");
		else
			csv_row(c, f, nf);
	}
	if (c->set->format == SPOOFER_FMT_UNKNOWN) {
		diag_fatal(c->d, "empty");
		return -1;
	}
	return 0;
}

int
spoofer_read(struct spoofer_set *set, struct reader *rd, struct diag *d)
{
	struct ctx c;
	const uint8_t *p;
	const char *rerr;
	size_t n, i = 0;
	int rc;

	memset(&c, 0, sizeof(c));
	c.set = set;
	c.d = d;
	set->format = SPOOFER_FMT_UNKNOWN;
	n = reader_peek(rd, 4096, &p);
	while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' ||
	    p[i] == '\n'))
		i++;
	if (i < n && (p[i] == '{' || p[i] == '[')) {
		set->format = SPOOFER_FMT_JSON;
		if (!text_slurp(rd, MAX_SPOOFER_JSON, &p, &n)) {
			diag_fatal(d, "JSON larger than %u bytes",
			    MAX_SPOOFER_JSON);
			return -1;
		}
		rc = read_json(&c, (const char *)p, n);
		reader_consume(rd, n);
	} else
		rc = read_csv(&c, rd);
	if ((rerr = reader_error(rd)) != NULL) {
		diag_fatal(d, "%s", rerr);
		rc = -1;
	}
	return rc;
}

static int
spoofer_read_cb(void *arg, struct reader *rd, struct diag *d)
{
	return spoofer_read(arg, rd, d);
}

int
spoofer_read_file(struct spoofer_set *set, const char *path, struct diag *d)
{
	return text_read_path(path, d, spoofer_read_cb, set);
}

/* ---- per-AS summary ----------------------------------------------- */

static int
by_asn_client(const void *a, const void *b)
{
	const struct spoofer_rec *x = *(const struct spoofer_rec *const *)a;
	const struct spoofer_rec *y = *(const struct spoofer_rec *const *)b;

	if (x->asn != y->asn)
		return x->asn < y->asn ? -1 : 1;
	return prefix_cmp(&x->client, &y->client);
}

static bool
spoofs(const struct spoofer_rec *r)
{
	return r->routed == SPOOF_RECEIVED || r->priv == SPOOF_RECEIVED;
}

size_t
spoofer_summarize(const struct spoofer_set *set, int64_t from, int64_t to,
    struct spoofer_asn **out)
{
	const struct spoofer_rec **v = xcalloc(set->n + 1, sizeof(*v));
	struct spoofer_asn *a = xcalloc(set->n + 1, sizeof(*a));
	size_t n = 0, i, na = 0;
	bool counted = false;

	for (i = 0; i < set->n; i++)
		if (set->r[i].time >= from && set->r[i].time < to)
			v[n++] = &set->r[i];
	qsort(v, n, sizeof(*v), by_asn_client);
	for (i = 0; i < n; i++) {
		const struct spoofer_rec *r = v[i];
		struct spoofer_asn *s;

		if (na == 0 || a[na - 1].asn != r->asn) {
			a[na].asn = r->asn;
			a[na].latest = INT64_MIN;
			na++;
		}
		s = &a[na - 1];
		s->sessions++;
		s->routed_received += r->routed == SPOOF_RECEIVED;
		s->private_received += r->priv == SPOOF_RECEIVED;
		/* Sorted by client: count each spoofing client once. */
		if (i == 0 || v[i - 1]->asn != r->asn ||
		    !prefix_equal(&v[i - 1]->client, &r->client))
			counted = false;
		if (spoofs(r) && !counted) {
			s->spoofing_clients++;
			counted = true;
		}
		if (r->time > s->latest || (r->time == s->latest &&
		    r->session > s->latest_session)) {
			s->latest = r->time;
			s->latest_session = r->session;
		}
	}
	free(v);
	*out = a;
	return na;
}
