/*
 * VRP list readers: rpki-client and StayRTR/gortr JSON, Routinator/RIPE
 * CSV, rpki.net scan_roas text.  See vrp.h for the formats.
 */
#include <jansson.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/encoding.h"
#include "base/limits.h"
#include "base/log.h"
#include "base/utctime.h"
#include "base/xmalloc.h"
#include "formats/jsonstream.h"
#include "io/reader.h"
#include "net/asn.h"
#include "vrp.h"

/* Rejections reported as warnings per file; the rest only with -vv. */
#define VRP_WARN_FIRST	10

/* CSV columns we use, and the most fields a CSV line may have. */
#define CSV_MAX_FIELDS	16

struct csv_cols {
	int	asn, pfx, max, ta;
	int	nfields;	/* fields per line; 0: 3 or 4 (no header) */
	int	nb, na;		/* Not Before, Not After; -1 if absent */
};

struct ctx {
	const char		*name;
	struct vrp_set		*set;
	struct vrp_errors	*err;
	uint64_t		 line;		/* text: line number */
	long long		 elem;		/* JSON: element index, or -1 */
	const char		*array;		/* JSON: "roas" or "aspas" */
	unsigned		 reported;
	unsigned		 last_ta;
	struct csv_cols		 cols;
	char			*scratch;	/* CSV fields with "" inside */
	size_t			 scratchcap;
};

static const char *const reject_str[VRP_REJ_MAX] = {
	[VRP_REJ_SYNTAX] = "malformed record",
	[VRP_REJ_PREFIX] = "bad prefix",
	[VRP_REJ_HOST_BITS] = "host bits set",
	[VRP_REJ_ASN] = "bad AS number",
	[VRP_REJ_MAXLEN] = "maxLength below the prefix length",
	[VRP_REJ_MAXLEN_RANGE] = "maxLength over the family maximum",
	[VRP_REJ_ASPA] = "malformed ASPA record",
	[VRP_REJ_KEY] = "malformed router key",
	[VRP_REJ_LIMIT] = "over a size limit",
};

const char *
vrp_reject_str(enum vrp_reject r)
{
	return (unsigned)r < VRP_REJ_MAX ? reject_str[r] : "?";
}

const char *
vrp_format_name(enum vrp_format f)
{
	switch (f) {
	case VRP_FMT_JSON:
		return "JSON";
	case VRP_FMT_CSV:
		return "CSV";
	case VRP_FMT_SCAN_ROAS:
		return "scan_roas";
	default:
		return "unknown";
	}
}

const char *
vrp_ta(const struct vrp_set *s, const struct vrp *v)
{
	if (v->ta == 0 || v->ta >= s->ntas)
		return "";
	return s->tas[v->ta];
}

void
vrp_set_init(struct vrp_set *s)
{
	memset(s, 0, sizeof(*s));
}

void
vrp_set_free(struct vrp_set *s)
{
	unsigned i;

	if (s == NULL)
		return;
	free(s->vrps);
	free(s->times);
	free(s->aspas);
	free(s->providers);
	for (i = 0; i < s->nkeys; i++)
		free(s->keys[i].spki);
	free(s->keys);
	for (i = 0; i < s->ntas; i++)
		free(s->tas[i]);
	vrp_set_init(s);
}

bool
vrp_set_add(struct vrp_set *s, const struct vrp *v)
{
	if (s->nvrps >= MAX_VRPS)
		return false;
	if (s->nvrps == s->capvrps) {
		s->capvrps = s->capvrps ? s->capvrps * 2 : 1024;
		s->vrps = xreallocarray(s->vrps, s->capvrps, sizeof(*s->vrps));
		if (s->times != NULL)
			s->times = xreallocarray(s->times, s->capvrps,
			    sizeof(*s->times));
	}
	if (s->times != NULL)
		memset(&s->times[s->nvrps], 0, sizeof(*s->times));
	s->vrps[s->nvrps++] = *v;
	return true;
}

/* Set the times of the last VRP added, making the side array if need be. */
static void
set_last_time(struct vrp_set *s, int64_t not_before, int64_t not_after)
{
	if (s->times == NULL) {
		if (not_before == 0 && not_after == 0)
			return;
		s->times = xcalloc(s->capvrps, sizeof(*s->times));
	}
	s->times[s->nvrps - 1].not_before = not_before;
	s->times[s->nvrps - 1].not_after = not_after;
}

struct vrp_time
vrp_time_of(const struct vrp_set *s, size_t i)
{
	struct vrp_time t = { 0, 0 };

	if (s->times != NULL && i < s->nvrps)
		t = s->times[i];
	return t;
}

size_t
vrp_set_filter(struct vrp_set *s, bool (*drop)(const struct vrp *, void *),
    void *arg)
{
	size_t i, n = 0;

	for (i = 0; i < s->nvrps; i++) {
		if (drop(&s->vrps[i], arg))
			continue;
		if (s->times != NULL)
			s->times[n] = s->times[i];
		s->vrps[n++] = s->vrps[i];
	}
	i = s->nvrps - n;
	s->nvrps = n;
	return i;
}

bool
vrp_set_add_key(struct vrp_set *s, const struct router_key *k)
{
	struct router_key *d;

	if (s->nkeys >= MAX_ROUTER_KEYS)
		return false;
	if (s->nkeys == s->capkeys) {
		s->capkeys = s->capkeys ? s->capkeys * 2 : 16;
		s->keys = xreallocarray(s->keys, s->capkeys, sizeof(*s->keys));
	}
	d = &s->keys[s->nkeys++];
	*d = *k;
	d->spki = xmalloc(k->spki_len);
	memcpy(d->spki, k->spki, k->spki_len);
	return true;
}

size_t
vrp_set_filter_keys(struct vrp_set *s,
    bool (*drop)(const struct router_key *, void *), void *arg)
{
	size_t i, n = 0;

	for (i = 0; i < s->nkeys; i++) {
		if (drop(&s->keys[i], arg)) {
			free(s->keys[i].spki);
			continue;
		}
		s->keys[n++] = s->keys[i];
	}
	i = s->nkeys - n;
	s->nkeys = n;
	return i;
}

static void
fatal(struct ctx *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Copy with truncation, always terminated. */
static void
copy_trunc(char *dst, size_t cap, const char *src)
{
	size_t n = strlen(src);

	if (n >= cap)
		n = cap - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

static void
fatal(struct ctx *c, const char *fmt, ...)
{
	char msg[VRP_ERRMSG], full[2 * VRP_ERRMSG];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	snprintf(full, sizeof(full), "%s: %s", c->name, msg);
	if (c->err->fatal[0] == '\0')
		copy_trunc(c->err->fatal, sizeof(c->err->fatal), full);
}

static void
reject(struct ctx *c, enum vrp_reject why, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Count a rejected record and say where it was and what was wrong. */
static void
reject(struct ctx *c, enum vrp_reject why, const char *fmt, ...)
{
	char msg[VRP_ERRMSG], where[96], full[VRP_ERRMSG + 128];
	va_list ap;

	c->err->rejected[why]++;
	c->err->total++;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (c->array != NULL)
		snprintf(where, sizeof(where), "%s[%lld]", c->array, c->elem);
	else if (c->elem >= 0)
		snprintf(where, sizeof(where), "line %llu, prefix %lld",
		    (unsigned long long)c->line, c->elem + 1);
	else
		snprintf(where, sizeof(where), "line %llu",
		    (unsigned long long)c->line);
	snprintf(full, sizeof(full), "%s: %s: %s: %s", c->name, where,
	    reject_str[why], msg);
	if (c->err->first[0] == '\0')
		copy_trunc(c->err->first, sizeof(c->err->first), full);
	if (c->reported++ < VRP_WARN_FIRST)
		log_warnx("%s", full);
	else
		log_debug("%s", full);
}

static unsigned
intern_ta(struct ctx *c, const char *s, size_t n)
{
	struct vrp_set *set = c->set;
	unsigned i;

	if (n == 0)
		return 0;
	if (set->ntas == 0)
		set->tas[set->ntas++] = xstrdup("");
	if (c->last_ta > 0 && c->last_ta < set->ntas &&
	    strlen(set->tas[c->last_ta]) == n &&
	    memcmp(set->tas[c->last_ta], s, n) == 0)
		return c->last_ta;
	for (i = 1; i < set->ntas; i++)
		if (strlen(set->tas[i]) == n && memcmp(set->tas[i], s, n) == 0)
			return c->last_ta = i;
	if (set->ntas >= MAX_VRP_TAS) {
		c->err->tas_dropped++;
		return 0;
	}
	set->tas[set->ntas] = xmalloc(n + 1);
	memcpy(set->tas[set->ntas], s, n);
	set->tas[set->ntas][n] = '\0';
	return c->last_ta = set->ntas++;
}

/* Parse a prefix, telling host bits from other errors. */
static bool
parse_prefix(struct ctx *c, const char *s, size_t n, struct prefix *p)
{
	const char *why = NULL;

	if (n > PREFIX_STRLEN + 8) {
		reject(c, VRP_REJ_PREFIX, "prefix text too long (%zu bytes)",
		    n);
		return false;
	}
	if (prefix_parse(s, n, p, &why))
		return true;
	reject(c, why != NULL && strstr(why, "host bits") != NULL ?
	    VRP_REJ_HOST_BITS : VRP_REJ_PREFIX, "'%.*s': %s", (int)n, s,
	    why != NULL ? why : "invalid");
	return false;
}

/* A maxLength given as decimal text; n == 0 means absent. */
static bool
parse_maxlen_text(struct ctx *c, const char *s, size_t n, long long *out)
{
	long long v = 0;
	size_t i;

	if (n == 0) {
		*out = -1;
		return true;
	}
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9' || (i == 0 && s[0] == '0' &&
		    n > 1)) {
			reject(c, VRP_REJ_SYNTAX, "maxLength '%.*s' is not a "
			    "number", (int)n, s);
			return false;
		}
		if (v < 1000)
			v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

/*
 * Check and add one VRP; maxlen < 0 means absent (the prefix length).
 * The prefix is valid (parse_prefix); t may be NULL (no times).
 */
static void
add_vrp(struct ctx *c, const struct prefix *p, long long maxlen,
    uint32_t asn, const char *ta, size_t talen, const struct vrp_time *t)
{
	struct vrp_set *s = c->set;
	struct vrp v;
	char buf[PREFIX_STRLEN];

	if (maxlen < 0)
		maxlen = p->len;
	if (maxlen > (long long)afi_bits(p->afi)) {
		prefix_fmt(p, buf);
		reject(c, VRP_REJ_MAXLEN_RANGE, "%s maxLength %lld > %u", buf,
		    maxlen, afi_bits(p->afi));
		return;
	}
	if (maxlen < p->len) {
		prefix_fmt(p, buf);
		reject(c, VRP_REJ_MAXLEN, "%s maxLength %lld < %u", buf,
		    maxlen, p->len);
		return;
	}
	memset(&v, 0, sizeof(v));
	v.pfx = *p;
	v.maxlen = (uint8_t)maxlen;
	v.asn = asn;
	if (s->nvrps >= MAX_VRPS) {
		reject(c, VRP_REJ_LIMIT, "more than %u VRPs", MAX_VRPS);
		return;
	}
	v.ta = (uint8_t)intern_ta(c, ta, talen);
	if (vrp_set_add(s, &v) && t != NULL)
		set_last_time(s, t->not_before, t->not_after);
}

/* ------------------------------------------------------------------ */
/* JSON */

/* An AS number as a JSON integer or a string ("AS65000", "65000"). */
static bool
json_asn(struct ctx *c, const json_t *j, const char *what, uint32_t *asn,
    enum vrp_reject rej)
{
	const char *why = NULL;

	if (json_is_integer(j)) {
		json_int_t v = json_integer_value(j);

		if (v < 0 || v > (json_int_t)UINT32_MAX) {
			reject(c, rej, "%s %lld out of range", what,
			    (long long)v);
			return false;
		}
		*asn = (uint32_t)v;
		return true;
	}
	if (json_is_string(j)) {
		if (asn_parse(json_string_value(j), json_string_length(j), asn,
		    &why))
			return true;
		reject(c, rej, "%s '%.40s': %s", what, json_string_value(j),
		    why);
		return false;
	}
	if (j == NULL)
		reject(c, rej, "no \"%s\"", what);
	else
		reject(c, rej, "\"%s\" is not a number or string", what);
	return false;
}

static void
json_roa(struct ctx *c, const json_t *o)
{
	const json_t *jasn, *jpfx, *jmax, *jta, *jexp;
	struct vrp_time t = { 0, 0 };
	struct prefix p;
	long long maxlen = -1;
	uint32_t asn;

	if (!json_is_object(o)) {
		reject(c, VRP_REJ_SYNTAX, "element is not an object");
		return;
	}
	jasn = json_object_get(o, "asn");
	jpfx = json_object_get(o, "prefix");
	jmax = json_object_get(o, "maxLength");
	jta = json_object_get(o, "ta");
	jexp = json_object_get(o, "expires");
	if (!json_is_string(jpfx)) {
		reject(c, VRP_REJ_SYNTAX, jpfx == NULL ? "no \"prefix\"" :
		    "\"prefix\" is not a string");
		return;
	}
	if (!parse_prefix(c, json_string_value(jpfx), json_string_length(jpfx),
	    &p))
		return;
	if (!json_asn(c, jasn, "asn", &asn, VRP_REJ_ASN))
		return;
	if (jmax != NULL) {
		if (!json_is_integer(jmax)) {
			reject(c, VRP_REJ_SYNTAX, "\"maxLength\" is not an "
			    "integer");
			return;
		}
		maxlen = json_integer_value(jmax);
		if (maxlen < 0) {
			reject(c, VRP_REJ_MAXLEN, "maxLength %lld", maxlen);
			return;
		}
		if (maxlen > 1000)
			maxlen = 1000;
	}
	if (jta != NULL && !json_is_string(jta)) {
		reject(c, VRP_REJ_SYNTAX, "\"ta\" is not a string");
		return;
	}
	/* rpki-client: when the VRP expires, in Unix seconds. */
	if (jexp != NULL) {
		if (!json_is_integer(jexp) || json_integer_value(jexp) <= 0) {
			reject(c, VRP_REJ_SYNTAX, "\"expires\" is not a "
			    "positive integer (Unix time)");
			return;
		}
		t.not_after = json_integer_value(jexp);
	}
	add_vrp(c, &p, maxlen, asn, jta ? json_string_value(jta) : "",
	    jta ? json_string_length(jta) : 0, &t);
}

static void
json_aspa(struct ctx *c, const json_t *o)
{
	struct vrp_set *s = c->set;
	const json_t *jc, *jp, *e;
	size_t i, n, start = s->nproviders;
	uint32_t customer, asn;

	if (!json_is_object(o)) {
		reject(c, VRP_REJ_ASPA, "element is not an object");
		return;
	}
	jc = json_object_get(o, "customer");
	if (jc == NULL)
		jc = json_object_get(o, "customer_asid");
	if (!json_asn(c, jc, "customer", &customer, VRP_REJ_ASPA))
		return;
	jp = json_object_get(o, "providers");
	if (jp == NULL)
		jp = json_object_get(o, "provider_set");
	if (!json_is_array(jp)) {
		reject(c, VRP_REJ_ASPA, jp == NULL ? "no \"providers\"" :
		    "\"providers\" is not an array");
		return;
	}
	n = json_array_size(jp);
	if (n > MAX_ASPA_PROVIDERS) {
		reject(c, VRP_REJ_LIMIT, "%zu providers (more than %u)", n,
		    MAX_ASPA_PROVIDERS);
		return;
	}
	if (s->naspas >= MAX_ASPAS) {
		reject(c, VRP_REJ_LIMIT, "more than %u ASPAs", MAX_ASPAS);
		return;
	}
	for (i = 0; i < n; i++) {
		e = json_array_get(jp, i);
		/* The older form: {"provider_asid":N,"afi_limit":..}. */
		if (json_is_object(e))
			e = json_object_get(e, "provider_asid");
		if (!json_asn(c, e, "provider", &asn, VRP_REJ_ASPA)) {
			s->nproviders = start;
			return;
		}
		if (s->nproviders == s->capproviders) {
			s->capproviders = s->capproviders ?
			    s->capproviders * 2 : 256;
			s->providers = xreallocarray(s->providers,
			    s->capproviders, sizeof(*s->providers));
		}
		s->providers[s->nproviders++] = asn;
	}
	if (s->naspas == s->capaspas) {
		s->capaspas = s->capaspas ? s->capaspas * 2 : 64;
		s->aspas = xreallocarray(s->aspas, s->capaspas,
		    sizeof(*s->aspas));
	}
	s->aspas[s->naspas].customer = customer;
	s->aspas[s->naspas].first = (uint32_t)start;
	s->aspas[s->naspas].count = (uint32_t)n;
	s->naspas++;
}

/*
 * The JSON is read as a stream (formats/jsonstream.h): the top-level
 * object and the "roas", "aspas" and "bgpsec_keys" arrays are walked;
 * jansson parses one element at a time, so memory stays at one element.
 */

/*
 * rpki-client's "bgpsec_keys": {"asn":N,"ski":"<hex SKI>","pubkey":
 * "<base64 SubjectPublicKeyInfo>","ta":..,"expires":N}.
 */
static void
json_key_elem(struct ctx *c, const json_t *o)
{
	const json_t *js, *jk;
	struct router_key k;
	const char *ski, *why = NULL;
	uint8_t *spki;
	long n;
	size_t i;

	if (!json_is_object(o)) {
		reject(c, VRP_REJ_KEY, "element is not an object");
		return;
	}
	memset(&k, 0, sizeof(k));
	if (!json_asn(c, json_object_get(o, "asn"), "asn", &k.asn,
	    VRP_REJ_KEY))
		return;
	js = json_object_get(o, "ski");
	jk = json_object_get(o, "pubkey");
	if (!json_is_string(js) || !json_is_string(jk)) {
		reject(c, VRP_REJ_KEY, "\"ski\" and \"pubkey\" must be "
		    "strings");
		return;
	}
	ski = json_string_value(js);
	if (json_string_length(js) != 2 * ROUTER_SKI_LEN) {
		reject(c, VRP_REJ_KEY, "\"ski\" is not %u hex digits",
		    2 * ROUTER_SKI_LEN);
		return;
	}
	for (i = 0; i < ROUTER_SKI_LEN; i++) {
		int hi = hex_digit(ski[2 * i]), lo = hex_digit(ski[2 * i + 1]);

		if (hi < 0 || lo < 0) {
			reject(c, VRP_REJ_KEY, "\"ski\" is not %u hex "
			    "digits", 2 * ROUTER_SKI_LEN);
			return;
		}
		k.ski[i] = (uint8_t)(hi << 4 | lo);
	}
	spki = xmalloc(MAX_ROUTER_SPKI);
	n = b64_decode(json_string_value(jk), json_string_length(jk),
	    B64_STD_PAD, spki, MAX_ROUTER_SPKI, &why);
	if (n < 0)
		reject(c, VRP_REJ_KEY, "\"pubkey\" %s", why);
	else {
		k.spki = spki;
		k.spki_len = (uint32_t)n;
		if (!vrp_set_add_key(c->set, &k))
			reject(c, VRP_REJ_LIMIT, "more than %u router keys",
			    MAX_ROUTER_KEYS);
	}
	free(spki);
}

struct json_walk {
	struct ctx	*c;
	struct jstream	*js;
	void		(*fn)(struct ctx *, const json_t *);
	bool		 seen;
};

static int
json_elem(void *arg, const json_t *v, long long i)
{
	struct json_walk *w = arg;

	w->c->elem = i;
	w->fn(w->c, v);
	if (reader_offset(w->js->rd) > MAX_VRP_FILE) {
		fatal(w->c, "larger than %llu bytes",
		    (unsigned long long)MAX_VRP_FILE);
		return -2;
	}
	return 0;
}

static int
json_key(void *arg, struct jstream *js, const char *key)
{
	struct json_walk *w = arg;
	int rc;

	static const struct {
		const char	*name;
		void		(*fn)(struct ctx *, const json_t *);
	} arrays[] = {
		{ "roas", json_roa },
		{ "aspas", json_aspa },
		{ "bgpsec_keys", json_key_elem },
	};
	size_t i;

	for (i = 0; i < sizeof(arrays) / sizeof(arrays[0]); i++)
		if (strcmp(key, arrays[i].name) == 0)
			break;
	if (i == sizeof(arrays) / sizeof(arrays[0]))
		return jstream_skip(js);	/* metadata and the like */
	w->seen = true;
	w->c->array = arrays[i].name;
	w->fn = arrays[i].fn;
	rc = jstream_array(js, w->c->array, json_elem, w);
	w->c->array = NULL;
	w->c->elem = -1;
	return rc;
}

static int
read_json(struct ctx *c, struct reader *rd)
{
	char err[VRP_ERRMSG];
	struct jstream js = { rd, MAX_VRP_JSON_VALUE, err, sizeof(err), 0 };
	struct json_walk w = { c, &js, NULL, false };
	int rc;

	err[0] = '\0';
	if (jstream_next(&js) != '{') {
		fatal(c, "JSON top level is not an object");
		return -1;
	}
	rc = jstream_object(&js, json_key, &w);
	if (rc == 0)
		rc = jstream_end(&js);
	if (rc == -1)
		fatal(c, "%s", err);
	if (rc != 0)
		return -1;
	if (!w.seen) {
		fatal(c, "JSON has no \"roas\", \"aspas\" or \"bgpsec_keys\" "
		    "array");
		return -1;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Text: CSV and scan_roas */

static bool
is_space(char ch)
{
	return ch == ' ' || ch == '\t';
}

static bool
eq_nocase(const char *a, size_t n, const char *b)
{
	size_t i;

	if (strlen(b) != n)
		return false;
	for (i = 0; i < n; i++) {
		char x = a[i], y = b[i];

		if (x >= 'A' && x <= 'Z')
			x = (char)(x - 'A' + 'a');
		if (y >= 'A' && y <= 'Z')
			y = (char)(y - 'A' + 'a');
		if (x != y)
			return false;
	}
	return true;
}

struct field {
	const char	*s;
	size_t		 n;
};

/*
 * Split a CSV line; fields may be "quoted", with "" for a quote inside
 * (RFC 4180 2.7; such a field is unescaped into scratch, which holds at
 * least n bytes).  Line breaks inside quotes are not supported: the
 * formats never have them.  Returns the number of fields, or -1 with a
 * reason.
 */
static int
csv_split(const char *s, size_t n, struct field *f, char *scratch,
    const char **why)
{
	size_t i = 0;
	int nf = 0;

	for (;;) {
		size_t b;

		if (nf == CSV_MAX_FIELDS) {
			*why = "too many fields";
			return -1;
		}
		if (i < n && s[i] == '"') {
			bool doubled = false;

			b = ++i;
			for (; i < n; i++) {
				if (s[i] != '"')
					continue;
				if (i + 1 < n && s[i + 1] == '"') {
					doubled = true;
					i++;
					continue;
				}
				break;
			}
			if (i == n) {
				*why = "unterminated quote";
				return -1;
			}
			f[nf].s = s + b;
			f[nf].n = i - b;
			if (doubled) {
				/* Same offset in scratch: fields never overlap. */
				char *d = scratch + b;
				size_t j, o = 0;

				for (j = b; j < i; j++) {
					d[o++] = s[j];
					if (s[j] == '"')
						j++;
				}
				f[nf].s = d;
				f[nf].n = o;
			}
			nf++;
			i++;
			if (i < n && s[i] != ',') {
				*why = "text after a closing quote";
				return -1;
			}
		} else {
			b = i;
			while (i < n && s[i] != ',') {
				if (s[i] == '"') {
					*why = "quote inside an unquoted field";
					return -1;
				}
				i++;
			}
			f[nf].s = s + b;
			f[nf].n = i - b;
			/* Spaces around an unquoted field are not data. */
			while (f[nf].n > 0 && is_space(f[nf].s[0])) {
				f[nf].s++;
				f[nf].n--;
			}
			while (f[nf].n > 0 && is_space(f[nf].s[f[nf].n - 1]))
				f[nf].n--;
			nf++;
		}
		if (i >= n)
			return nf;
		i++;	/* the comma */
	}
}

/* Room for unescaping a line of n bytes. */
static char *
scratch_for(struct ctx *c, size_t n)
{
	if (c->scratchcap < n + 1) {
		c->scratchcap = n + 1;
		c->scratch = xrealloc(c->scratch, c->scratchcap);
	}
	return c->scratch;
}

/* Does s[0..n) have the shape of pat ('d' is a digit)? */
static bool
match_pat(const char *s, size_t n, const char *pat)
{
	size_t i;

	if (n != strlen(pat))
		return false;
	for (i = 0; i < n; i++)
		if (pat[i] == 'd' ? s[i] < '0' || s[i] > '9' : s[i] != pat[i])
			return false;
	return true;
}

static unsigned
digits(const char *s, size_t n)
{
	unsigned v = 0;
	size_t i;

	for (i = 0; i < n; i++)
		v = v * 10 + (unsigned)(s[i] - '0');
	return v;
}

/*
 * A CSV time, UTC: "2024-01-01 00:00:00" (RIPE NCC archive, Routinator
 * csvext) or "2024-01-01T00:00:00Z", to Unix seconds; -1 if malformed or
 * not a real date.
 */
static int64_t
parse_csv_time(const char *s, size_t n)
{
	unsigned y, mo, d, h, mi, se;

	if (!match_pat(s, n, "dddd-dd-dd dd:dd:dd") &&
	    !match_pat(s, n, "dddd-dd-ddTdd:dd:ddZ"))
		return -1;
	y = digits(s, 4);
	mo = digits(s + 5, 2);
	d = digits(s + 8, 2);
	h = digits(s + 11, 2);
	mi = digits(s + 14, 2);
	se = digits(s + 17, 2);
	if (y < 1970 || !utc_date_ok(y, mo, d) || h > 23 || mi > 59 ||
	    se > 59)
		return -1;
	return utc_days(y, mo, d) * 86400 + h * 3600 + mi * 60 + se;
}

/* Map a header line to columns; false if it is not a VRP header. */
static bool
csv_header(struct ctx *c, const struct field *f, int nf)
{
	struct csv_cols k = { -1, -1, -1, -1, nf, -1, -1 };
	int i;

	for (i = 0; i < nf; i++) {
		if (eq_nocase(f[i].s, f[i].n, "ASN"))
			k.asn = i;
		else if (eq_nocase(f[i].s, f[i].n, "IP Prefix") ||
		    eq_nocase(f[i].s, f[i].n, "Prefix"))
			k.pfx = i;
		else if (eq_nocase(f[i].s, f[i].n, "Max Length") ||
		    eq_nocase(f[i].s, f[i].n, "maxLength"))
			k.max = i;
		else if (eq_nocase(f[i].s, f[i].n, "Trust Anchor") ||
		    eq_nocase(f[i].s, f[i].n, "TA"))
			k.ta = i;
		else if (eq_nocase(f[i].s, f[i].n, "Not Before"))
			k.nb = i;
		else if (eq_nocase(f[i].s, f[i].n, "Not After"))
			k.na = i;
	}
	if (k.asn < 0 || k.pfx < 0)
		return false;
	c->cols = k;
	return true;
}

/* One time column (col < 0: absent, 0 kept); false if malformed. */
static bool
csv_time(struct ctx *c, const struct field *f, int col, const char *name,
    int64_t *out)
{
	if (col < 0)
		return true;
	if ((*out = parse_csv_time(f[col].s, f[col].n)) >= 0)
		return true;
	reject(c, VRP_REJ_SYNTAX, "%s '%.*s' is not a UTC time (2024-01-01 "
	    "00:00:00)", name, (int)(f[col].n > 40 ? 40 : f[col].n), f[col].s);
	return false;
}

/* The Not Before and Not After columns, when the header has them. */
static bool
csv_times(struct ctx *c, const struct field *f, struct vrp_time *t)
{
	const struct csv_cols *k = &c->cols;

	if (!csv_time(c, f, k->nb, "Not Before", &t->not_before) ||
	    !csv_time(c, f, k->na, "Not After", &t->not_after))
		return false;
	if (k->nb >= 0 && k->na >= 0 && t->not_before > t->not_after) {
		reject(c, VRP_REJ_SYNTAX, "Not Before '%.*s' is after Not After "
		    "'%.*s'", (int)(f[k->nb].n), f[k->nb].s, (int)f[k->na].n,
		    f[k->na].s);
		return false;
	}
	return true;
}

static void
csv_line(struct ctx *c, const char *s, size_t n)
{
	struct field f[CSV_MAX_FIELDS];
	const struct csv_cols *k = &c->cols;
	const char *why = NULL;
	struct vrp_time t = { 0, 0 };
	struct prefix p;
	long long maxlen = -1;
	uint32_t asn;
	int nf;

	if ((nf = csv_split(s, n, f, scratch_for(c, n), &why)) < 0) {
		reject(c, VRP_REJ_SYNTAX, "%s", why);
		return;
	}
	if (k->nfields > 0 ? nf != k->nfields : nf < 3 || nf > 4) {
		reject(c, VRP_REJ_SYNTAX, "%d fields, expected %d", nf,
		    k->nfields > 0 ? k->nfields : 4);
		return;
	}
	if (!parse_prefix(c, f[k->pfx].s, f[k->pfx].n, &p))
		return;
	if (!asn_parse(f[k->asn].s, f[k->asn].n, &asn, &why)) {
		reject(c, VRP_REJ_ASN, "'%.*s': %s", (int)(f[k->asn].n > 40 ?
		    40 : f[k->asn].n), f[k->asn].s, why);
		return;
	}
	if (k->max >= 0 &&
	    !parse_maxlen_text(c, f[k->max].s, f[k->max].n, &maxlen))
		return;
	if (!csv_times(c, f, &t))
		return;
	if (k->ta >= 0 && k->ta < nf)
		add_vrp(c, &p, maxlen, asn, f[k->ta].s, f[k->ta].n, &t);
	else
		add_vrp(c, &p, maxlen, asn, "", 0, &t);
}

/* "2017-01-01T00:31:34Z" */
static bool
is_timestamp(const char *s, size_t n)
{
	return match_pat(s, n, "dddd-dd-ddTdd:dd:ddZ");
}

static size_t
next_token(const char *s, size_t n, size_t *i, const char **tok)
{
	size_t b;

	while (*i < n && is_space(s[*i]))
		(*i)++;
	b = *i;
	while (*i < n && !is_space(s[*i]))
		(*i)++;
	*tok = s + b;
	return *i - b;
}

static void
scan_roas_line(struct ctx *c, const char *s, size_t n)
{
	const char *tok, *why = NULL;
	size_t i = 0, tn;
	uint32_t asn;
	long long k;

	tn = next_token(s, n, &i, &tok);
	if (!is_timestamp(tok, tn)) {
		reject(c, VRP_REJ_SYNTAX, "'%.*s' is not a signing time",
		    (int)(tn > 40 ? 40 : tn), tok);
		return;
	}
	tn = next_token(s, n, &i, &tok);
	if (!asn_parse(tok, tn, &asn, &why)) {
		reject(c, VRP_REJ_ASN, "'%.*s': %s", (int)(tn > 40 ? 40 : tn),
		    tok, why);
		return;
	}
	for (k = 0;; k++) {
		struct prefix p;
		long long maxlen = -1;
		const char *dash;

		tn = next_token(s, n, &i, &tok);
		if (tn == 0)
			break;
		c->elem = k;
		dash = memchr(tok, '-', tn);
		if (dash != NULL) {
			size_t pl = (size_t)(dash - tok);

			if (!parse_maxlen_text(c, dash + 1, tn - pl - 1,
			    &maxlen))
				continue;
			if (maxlen < 0) {
				reject(c, VRP_REJ_SYNTAX, "'-' without a "
				    "maxLength");
				continue;
			}
			tn = pl;
		}
		if (parse_prefix(c, tok, tn, &p))
			add_vrp(c, &p, maxlen, asn, "", 0, NULL);
	}
	c->elem = -1;
	if (k == 0)
		reject(c, VRP_REJ_SYNTAX, "no prefixes");
}

/* Decide the text format from the first line; false if none fits. */
static bool
detect_text(struct ctx *c, const char *s, size_t n, enum vrp_format *fmt)
{
	struct field f[CSV_MAX_FIELDS];
	const char *why = NULL, *tok;
	size_t i = 0, tn;
	int nf;

	tn = next_token(s, n, &i, &tok);
	if (is_timestamp(tok, tn)) {
		*fmt = VRP_FMT_SCAN_ROAS;
		return true;
	}
	if (memchr(s, ',', n) == NULL || (nf = csv_split(s, n, f,
	    scratch_for(c, n), &why)) < 3)
		return false;
	*fmt = VRP_FMT_CSV;
	if (csv_header(c, f, nf))
		return true;
	/* No header: ASN,prefix,maxLength[,TA] with an "AS" on the ASN. */
	if (f[0].n > 2 && eq_nocase(f[0].s, 2, "AS") && f[0].s[2] >= '0' &&
	    f[0].s[2] <= '9' && nf <= 4) {
		struct csv_cols k = { 0, 1, 2, 3, 0, -1, -1 };

		c->cols = k;
		csv_line(c, s, n);
		return true;
	}
	return false;
}

static int
read_text(struct ctx *c, struct reader *rd)
{
	enum vrp_format fmt = VRP_FMT_UNKNOWN;
	size_t need = 4096;
	bool skip = false;

	for (;;) {
		const uint8_t *p;
		const char *s, *nl;
		size_t avail, n;

		avail = reader_peek(rd, need, &p);
		if (avail == 0)
			break;
		s = (const char *)p;
		nl = memchr(s, '\n', avail);
		if (skip) {
			/* The rest of an overlong line. */
			reader_consume(rd, nl != NULL ? (size_t)(nl - s) + 1 :
			    avail);
			skip = nl == NULL;
			continue;
		}
		if (nl == NULL && avail >= need && need <= MAX_VRP_LINE) {
			need *= 2;	/* a long line: look further */
			continue;
		}
		c->line++;
		n = nl != NULL ? (size_t)(nl - s) : avail;
		need = 4096;
		if (n > MAX_VRP_LINE) {
			reject(c, VRP_REJ_LIMIT, "line longer than %u bytes",
			    MAX_VRP_LINE);
			reader_consume(rd, nl != NULL ? n + 1 : n);
			skip = nl == NULL;
			continue;
		}
		if (n > 0 && s[n - 1] == '\r')
			n--;
		if (c->line == 1 && n >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0) {
			s += 3;	/* a UTF-8 byte order mark */
			n -= 3;
		}
		if (n > 0 && memchr(s, '\0', n) != NULL) {
			if (fmt == VRP_FMT_UNKNOWN) {
				fatal(c, "binary data, not a VRP list");
				return -1;
			}
			reject(c, VRP_REJ_SYNTAX, "NUL byte in line");
		} else if (n == 0 || s[0] == '#')
			;	/* blank or comment */
		else if (fmt == VRP_FMT_UNKNOWN) {
			if (!detect_text(c, s, n, &fmt)) {
				fatal(c, "line %llu: not a VRP list (rpki-client"
				    " or StayRTR JSON, Routinator/RIPE CSV or "
				    "scan_roas text)",
				    (unsigned long long)c->line);
				return -1;
			}
			c->set->format = fmt;
			if (fmt == VRP_FMT_SCAN_ROAS)
				scan_roas_line(c, s, n);
		} else if (fmt == VRP_FMT_CSV)
			csv_line(c, s, n);
		else
			scan_roas_line(c, s, n);
		reader_consume(rd, nl != NULL ? (size_t)(nl - (const char *)p)
		    + 1 : avail);
		if (reader_offset(rd) > MAX_VRP_FILE) {
			fatal(c, "larger than %llu bytes",
			    (unsigned long long)MAX_VRP_FILE);
			return -1;
		}
	}
	if (fmt == VRP_FMT_UNKNOWN) {
		fatal(c, "empty, no VRPs");
		return -1;
	}
	return 0;
}

/* ------------------------------------------------------------------ */

static int
read_reader(struct reader *rd, const char *name, struct vrp_set *out,
    struct vrp_errors *err)
{
	struct ctx c;
	const uint8_t *p;
	const char *rerr;
	size_t n, i = 0;
	int rc;

	memset(&c, 0, sizeof(c));
	c.name = name;
	c.set = out;
	c.err = err;
	c.elem = -1;
	/* JSON starts with '{' after white space (and maybe a BOM). */
	n = reader_peek(rd, 4096, &p);
	if (n >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' ||
	    p[i] == '\n'))
		i++;
	if (i < n && (p[i] == '{' || p[i] == '[')) {
		out->format = VRP_FMT_JSON;
		reader_consume(rd, i);
		rc = read_json(&c, rd);
	} else
		rc = read_text(&c, rd);
	if ((rerr = reader_error(rd)) != NULL) {
		fatal(&c, "%s", rerr);
		rc = -1;
	}
	reader_close(rd);
	free(c.scratch);
	return rc;
}

int
vrp_read(const char *path, struct vrp_set *out, struct vrp_errors *err)
{
	char ebuf[VRP_ERRMSG];
	struct reader *rd = reader_open(path, ebuf, sizeof(ebuf));

	if (rd == NULL) {
		copy_trunc(err->fatal, sizeof(err->fatal), ebuf);
		return -1;
	}
	return read_reader(rd, path, out, err);
}

int
vrp_read_fd(int fd, const char *name, struct vrp_set *out,
    struct vrp_errors *err)
{
	char ebuf[VRP_ERRMSG];
	struct reader *rd = reader_fdopen(fd, name, ebuf, sizeof(ebuf));

	if (rd == NULL) {
		copy_trunc(err->fatal, sizeof(err->fatal), ebuf);
		return -1;
	}
	return read_reader(rd, name, out, err);
}
