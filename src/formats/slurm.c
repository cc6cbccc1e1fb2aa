/*
 * SLURM reader (RFC 8416); see slurm.h for the format and how strictly
 * it is read.  The file is parsed whole with jansson (it is small and
 * capped by MAX_SLURM_FILE); a light second pass over the text finds the
 * line each array element starts on, which jansson does not keep.
 */
#include <jansson.h>
#include <limits.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/x509.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/encoding.h"
#include "base/limits.h"
#include "base/log.h"
#include "base/xmalloc.h"
#include "io/reader.h"
#include "slurm.h"

/* Errors reported as warnings per file; the rest only with -vv. */
#define SLURM_WARN_FIRST	10
#define SLURM_PATHMAX		128

/* The four arrays of a SLURM file. */
enum arr { A_PFX_FILTERS, A_KEY_FILTERS, A_PFX_ASSERTS, A_KEY_ASSERTS,
    A_MAX };

static const struct {
	const char	*section, *name;
} arrays[A_MAX] = {
	[A_PFX_FILTERS] = { "validationOutputFilters", "prefixFilters" },
	[A_KEY_FILTERS] = { "validationOutputFilters", "bgpsecFilters" },
	[A_PFX_ASSERTS] = { "locallyAddedAssertions", "prefixAssertions" },
	[A_KEY_ASSERTS] = { "locallyAddedAssertions", "bgpsecAssertions" },
};

struct lines {
	uint32_t	*v;
	size_t		 n, cap;
};

struct ctx {
	const char		*name;
	unsigned		 flags;
	struct slurm_errors	*err;
	struct slurm		*out;
	unsigned		 reported;
	struct lines		 lines[A_MAX];
	int			 arr;	/* the element being read, or -1 */
	size_t			 idx;
	bool			 elem_bad;	/* SLURM_SKIP_BAD: skip it */
	const char		*section;	/* outside elements */
};

static void
problem(struct ctx *c, unsigned long line, const char *member,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/*
 * Say where (file, line, JSON path) and what; count it.  member is the
 * member of the current element or section ("" for itself), NULL for an
 * error about the whole file.
 */
static void
problem(struct ctx *c, unsigned long line, const char *member,
    const char *fmt, ...)
{
	char msg[256], path[SLURM_PATHMAX], where[32], full[SLURM_ERRMSG];
	va_list ap;

	if (c->arr >= 0 && member != NULL && (c->flags & SLURM_SKIP_BAD))
		c->elem_bad = true;
	else
		c->err->errors++;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (member == NULL)
		path[0] = '\0';
	else if (c->arr >= 0) {
		if (line == 0 && c->idx < c->lines[c->arr].n)
			line = c->lines[c->arr].v[c->idx];
		snprintf(path, sizeof(path), "$.%s.%s[%zu]%s%s",
		    arrays[c->arr].section, arrays[c->arr].name, c->idx,
		    member[0] != '\0' ? "." : "", member);
	} else
		snprintf(path, sizeof(path), "$%s%s%s%s",
		    c->section != NULL ? "." : "",
		    c->section != NULL ? c->section : "",
		    member[0] != '\0' ? "." : "", member);
	if (line > 0)
		snprintf(where, sizeof(where), ":%lu", line);
	else
		where[0] = '\0';
	snprintf(full, sizeof(full), "%s%s: %s%s%s", c->name, where, path,
	    path[0] != '\0' ? ": " : "", msg);
	if (c->err->first[0] == '\0')
		snprintf(c->err->first, sizeof(c->err->first), "%s", full);
	if (c->reported++ < SLURM_WARN_FIRST)
		log_warnx("%s", full);
	else
		log_debug("%s", full);
}

/* ------------------------------------------------------------------ */
/* Where each array element starts */

static int
array_of(const char *sec, size_t secn, const char *name, size_t namen)
{
	int i;

	for (i = 0; i < A_MAX; i++)
		if (strlen(arrays[i].section) == secn &&
		    memcmp(arrays[i].section, sec, secn) == 0 &&
		    strlen(arrays[i].name) == namen &&
		    memcmp(arrays[i].name, name, namen) == 0)
			return i;
	return -1;
}

/*
 * Walk text that jansson has accepted as JSON and note the line of each
 * element of the four arrays (depth 3: top object, section object,
 * array).  The last string seen at a depth before a '{' or '[' is the
 * key of that value.
 */
static void
skim_lines(struct ctx *c, const char *s, size_t n)
{
	const char *key[3] = { NULL, NULL, NULL };
	size_t keyn[3] = { 0, 0, 0 }, i;
	unsigned long line = 1;
	int depth = 0, cur = -1;
	bool expect = false;

	for (i = 0; i < n; i++) {
		char ch = s[i];
		bool starts = false;

		if (ch == '\n') {
			line++;
			continue;
		}
		if (ch == ' ' || ch == '\t' || ch == '\r' || ch == ':')
			continue;
		if (ch == ',') {
			expect = depth == 3 && cur >= 0;
			continue;
		}
		if (ch == '}' || ch == ']') {
			if (depth == 3)
				cur = -1;
			depth--;
			expect = false;
			continue;
		}
		starts = expect && depth == 3 && cur >= 0;
		expect = false;
		if (starts && c->lines[cur].n < MAX_SLURM_ENTRIES) {
			struct lines *l = &c->lines[cur];

			if (l->n == l->cap) {
				l->cap = l->cap ? l->cap * 2 : 64;
				l->v = xreallocarray(l->v, l->cap,
				    sizeof(*l->v));
			}
			l->v[l->n++] = (uint32_t)line;
		}
		if (ch == '"') {
			size_t b = ++i;

			while (i < n && s[i] != '"')
				i += s[i] == '\\' ? 2 : 1;
			if (depth >= 1 && depth <= 2) {
				key[depth] = s + b;
				keyn[depth] = i - b;
			}
		} else if (ch == '{' || ch == '[') {
			depth++;
			if (ch == '[' && depth == 3 && key[1] != NULL &&
			    key[2] != NULL) {
				cur = array_of(key[1], keyn[1], key[2],
				    keyn[2]);
				expect = true;
			}
		}
	}
}

/* ------------------------------------------------------------------ */
/* Members */

/* Report members other than those in allowed (a NULL-ended list). */
static bool
check_members(struct ctx *c, json_t *o, const char *const *allowed)
{
	const char *key;
	json_t *v;
	bool ok = true;

	json_object_foreach(o, key, v) {
		size_t i;

		(void)v;
		for (i = 0; allowed[i] != NULL; i++)
			if (strcmp(key, allowed[i]) == 0)
				break;
		if (allowed[i] != NULL)
			continue;
		if (c->flags & SLURM_IGNORE_UNKNOWN) {
			c->err->ignored++;
			continue;
		}
		problem(c, 0, "", "unknown member \"%.40s\" (RFC 8416 3.1: "
		    "members not defined there MUST NOT be used)", key);
		ok = false;
	}
	return ok;
}

/* An AS number: a JSON integer in 0..2^32-1. */
static bool
get_asn(struct ctx *c, const json_t *o, bool required, bool *has,
    uint32_t *asn)
{
	const json_t *j = json_object_get(o, "asn");
	json_int_t v;

	*has = false;
	if (j == NULL) {
		if (required)
			problem(c, 0, "", "no \"asn\" (required)");
		return !required;
	}
	if (!json_is_integer(j)) {
		problem(c, 0, "asn", "not a JSON integer");
		return false;
	}
	v = json_integer_value(j);
	if (v < 0 || v > (json_int_t)UINT32_MAX) {
		problem(c, 0, "asn", "%lld is not an AS number (0..%u)",
		    (long long)v, UINT32_MAX);
		return false;
	}
	*asn = (uint32_t)v;
	*has = true;
	return true;
}

static bool
get_prefix(struct ctx *c, const json_t *o, bool required, struct prefix *p)
{
	const json_t *j = json_object_get(o, "prefix");
	const char *why = NULL;

	p->afi = AFI_NONE;
	if (j == NULL) {
		if (required)
			problem(c, 0, "", "no \"prefix\" (required)");
		return !required;
	}
	if (!json_is_string(j)) {
		problem(c, 0, "prefix", "not a string");
		return false;
	}
	if (json_string_length(j) > PREFIX_STRLEN ||
	    !prefix_parse(json_string_value(j), json_string_length(j), p,
	    &why)) {
		problem(c, 0, "prefix", "'%.60s': %s", json_string_value(j),
		    why != NULL ? why : "too long");
		p->afi = AFI_NONE;
		return false;
	}
	return true;
}

static bool
get_comment(struct ctx *c, const json_t *o)
{
	const json_t *j = json_object_get(o, "comment");

	if (j != NULL && !json_is_string(j)) {
		problem(c, 0, "comment", "not a string");
		return false;
	}
	return true;
}

/* A base64url member decoded into out[cap]; returns the length or -1. */
static long
get_b64(struct ctx *c, const json_t *o, const char *member, bool required,
    uint8_t *out, size_t cap)
{
	const json_t *j = json_object_get(o, member);
	const char *why = NULL;
	long n;

	if (j == NULL) {
		if (required)
			problem(c, 0, "", "no \"%s\" (required)", member);
		return required ? -1 : 0;
	}
	if (!json_is_string(j)) {
		problem(c, 0, member, "not a string");
		return -1;
	}
	n = b64_decode(json_string_value(j), json_string_length(j),
	    B64_URL_NOPAD, out, cap, &why);
	if (n < 0)
		problem(c, 0, member, "'%.40s%s' %s", json_string_value(j),
		    json_string_length(j) > 40 ? "..." : "", why);
	return n;
}

/* An SKI member: 1 if read into ski, 0 if absent (and optional), -1. */
static int
get_ski(struct ctx *c, const json_t *o, bool required,
    uint8_t ski[ROUTER_SKI_LEN])
{
	uint8_t buf[ROUTER_SKI_LEN + 1];
	long n = get_b64(c, o, "SKI", required, buf, sizeof(buf));

	if (n <= 0)
		return (int)n;
	if (n != ROUTER_SKI_LEN) {
		problem(c, 0, "SKI", "%ld bytes, an SKI has %u (RFC 6487 "
		    "4.8.2)", n, ROUTER_SKI_LEN);
		return -1;
	}
	memcpy(ski, buf, ROUTER_SKI_LEN);
	return 1;
}

/*
 * A routerPublicKey is the router certificate's SubjectPublicKeyInfo
 * (RFC 8416 3.4.2), DER with nothing after it; BGPsec keys are ECDSA
 * P-256 (RFC 8208 3.1).  NULL if good, else what is wrong.
 */
static const char *
check_spki(const uint8_t *der, size_t n)
{
	const unsigned char *p = der;
	const char *why = NULL;
	char group[32];
	EVP_PKEY *k;

	if (n > LONG_MAX || (k = d2i_PUBKEY(NULL, &p, (long)n)) == NULL)
		return "is not a DER SubjectPublicKeyInfo (RFC 8416 3.4.2)";
	if (p != der + n)
		why = "has bytes after the SubjectPublicKeyInfo";
	else if (EVP_PKEY_get_base_id(k) != EVP_PKEY_EC ||
	    !EVP_PKEY_get_group_name(k, group, sizeof(group), NULL) ||
	    OBJ_sn2nid(group) != NID_X9_62_prime256v1)
		why = "is not an ECDSA P-256 key (RFC 8208 3.1)";
	EVP_PKEY_free(k);
	return why;
}

/* ------------------------------------------------------------------ */
/* Elements */

static void
pfx_filter(struct ctx *c, json_t *o)
{
	static const char *const ok[] = { "prefix", "asn", "comment", NULL };
	struct slurm_pfx_filter f;
	bool good = check_members(c, o, ok);

	memset(&f, 0, sizeof(f));
	good &= get_prefix(c, o, false, &f.pfx);
	good &= get_asn(c, o, false, &f.has_asn, &f.asn);
	good &= get_comment(c, o);
	if (good && f.pfx.afi == AFI_NONE && !f.has_asn) {
		problem(c, 0, "", "neither \"prefix\" nor \"asn\" (RFC 8416 "
		    "3.3.1: one or both are required)");
		good = false;
	}
	if (good)
		c->out->pfx_filters[c->out->npfx_filters++] = f;
}

static void
key_filter(struct ctx *c, json_t *o)
{
	static const char *const ok[] = { "SKI", "asn", "comment", NULL };
	struct slurm_key_filter f;
	bool good = check_members(c, o, ok);
	int r;

	memset(&f, 0, sizeof(f));
	good &= get_asn(c, o, false, &f.has_asn, &f.asn);
	good &= get_comment(c, o);
	if ((r = get_ski(c, o, false, f.ski)) < 0)
		good = false;
	f.has_ski = r > 0;
	if (good && !f.has_ski && !f.has_asn) {
		problem(c, 0, "", "neither \"SKI\" nor \"asn\" (RFC 8416 "
		    "3.3.2: one or both are required)");
		good = false;
	}
	if (good)
		c->out->key_filters[c->out->nkey_filters++] = f;
}

static void
pfx_assert(struct ctx *c, json_t *o)
{
	static const char *const ok[] = { "prefix", "asn", "maxPrefixLength",
	    "comment", NULL };
	const json_t *jm = json_object_get(o, "maxPrefixLength");
	struct vrp v;
	bool good = check_members(c, o, ok), has;

	memset(&v, 0, sizeof(v));
	good &= get_prefix(c, o, true, &v.pfx);
	good &= get_asn(c, o, true, &has, &v.asn);
	good &= get_comment(c, o);
	if (v.pfx.afi != AFI_NONE)
		v.maxlen = v.pfx.len;
	if (jm != NULL && !json_is_integer(jm)) {
		problem(c, 0, "maxPrefixLength", "not a JSON integer");
		good = false;
	} else if (jm != NULL && v.pfx.afi != AFI_NONE) {
		json_int_t m = json_integer_value(jm);

		if (m < v.pfx.len) {
			problem(c, 0, "maxPrefixLength", "%lld is below the "
			    "prefix length %u (RFC 8416 3.4.1)", (long long)m,
			    v.pfx.len);
			good = false;
		} else if (m > (json_int_t)afi_bits(v.pfx.afi)) {
			problem(c, 0, "maxPrefixLength", "%lld is over the "
			    "%s maximum %u (RFC 8416 3.4.1)", (long long)m,
			    v.pfx.afi == AFI_IPV4 ? "IPv4" : "IPv6",
			    afi_bits(v.pfx.afi));
			good = false;
		} else
			v.maxlen = (uint8_t)m;
	}
	if (good)
		c->out->pfx_asserts[c->out->npfx_asserts++] = v;
}

static void
key_assert(struct ctx *c, json_t *o)
{
	static const char *const ok[] = { "asn", "SKI", "routerPublicKey",
	    "comment", NULL };
	struct router_key k;
	uint8_t *spki = xmalloc(MAX_ROUTER_SPKI);
	bool good = check_members(c, o, ok), has;
	const char *why;
	long ns;

	memset(&k, 0, sizeof(k));
	good &= get_asn(c, o, true, &has, &k.asn);
	good &= get_comment(c, o);
	if (get_ski(c, o, true, k.ski) < 0)
		good = false;
	ns = get_b64(c, o, "routerPublicKey", true, spki, MAX_ROUTER_SPKI);
	if (ns < 0)
		good = false;
	else if ((why = check_spki(spki, (size_t)ns)) != NULL) {
		problem(c, 0, "routerPublicKey", "%s", why);
		good = false;
	}
	if (good) {
		k.spki_len = (uint32_t)ns;
		k.spki = xrealloc(spki, (size_t)ns);
		spki = NULL;
		c->out->key_asserts[c->out->nkey_asserts++] = k;
	}
	free(spki);
}

static void (*const element_fn[A_MAX])(struct ctx *, json_t *) = {
	[A_PFX_FILTERS] = pfx_filter,
	[A_KEY_FILTERS] = key_filter,
	[A_PFX_ASSERTS] = pfx_assert,
	[A_KEY_ASSERTS] = key_assert,
};

/* One of the four arrays: check it and read its elements. */
static void
read_array(struct ctx *c, json_t *sec, enum arr a, size_t *total)
{
	json_t *j = json_object_get(sec, arrays[a].name), *e;
	struct slurm *s = c->out;
	size_t i, n;

	c->section = arrays[a].section;
	if (j == NULL) {
		problem(c, 0, "", "no \"%s\" (required; it may be [])",
		    arrays[a].name);
		return;
	}
	if (!json_is_array(j)) {
		problem(c, 0, arrays[a].name, "not an array");
		return;
	}
	n = json_array_size(j);
	if (n > MAX_SLURM_ENTRIES - *total) {
		problem(c, 0, arrays[a].name, "more than %u entries in all",
		    MAX_SLURM_ENTRIES);
		return;
	}
	*total += n;
	switch (a) {
	case A_PFX_FILTERS:
		s->pfx_filters = xreallocarray(NULL, n + 1,
		    sizeof(*s->pfx_filters));
		break;
	case A_KEY_FILTERS:
		s->key_filters = xreallocarray(NULL, n + 1,
		    sizeof(*s->key_filters));
		break;
	case A_PFX_ASSERTS:
		s->pfx_asserts = xreallocarray(NULL, n + 1,
		    sizeof(*s->pfx_asserts));
		break;
	default:
		s->key_asserts = xreallocarray(NULL, n + 1,
		    sizeof(*s->key_asserts));
		break;
	}
	c->arr = a;
	json_array_foreach(j, i, e) {
		c->idx = i;
		c->elem_bad = false;
		if (!json_is_object(e))
			problem(c, 0, "", "not an object");
		else
			element_fn[a](c, e);
		if (c->elem_bad)
			c->err->skipped++;
	}
	c->arr = -1;
}

/* A section object ("validationOutputFilters" etc.) and its arrays. */
static void
read_section(struct ctx *c, json_t *top, const char *name, enum arr a1,
    enum arr a2, size_t *total)
{
	const char *const ok[] = { arrays[a1].name, arrays[a2].name, NULL };
	json_t *sec = json_object_get(top, name);

	c->section = NULL;
	if (sec == NULL) {
		problem(c, 0, "", "no \"%s\" (required)", name);
		return;
	}
	if (!json_is_object(sec)) {
		problem(c, 0, name, "not an object");
		return;
	}
	c->section = name;
	(void)check_members(c, sec, ok);
	read_array(c, sec, a1, total);
	read_array(c, sec, a2, total);
}

static void
read_top(struct ctx *c, json_t *top)
{
	static const char *const ok[] = { "slurmVersion",
	    "validationOutputFilters", "locallyAddedAssertions", NULL };
	const json_t *v;
	size_t total = 0;

	if (!json_is_object(top)) {
		problem(c, 0, "", "the top level is not an object");
		return;
	}
	(void)check_members(c, top, ok);
	v = json_object_get(top, "slurmVersion");
	if (v == NULL)
		problem(c, 0, "", "no \"slurmVersion\" (required)");
	else if (!json_is_integer(v))
		problem(c, 0, "slurmVersion", "not a JSON integer");
	else if (json_integer_value(v) != 1)
		problem(c, 0, "slurmVersion", "%lld is not supported (only "
		    "1, RFC 8416)", (long long)json_integer_value(v));
	read_section(c, top, "validationOutputFilters", A_PFX_FILTERS,
	    A_KEY_FILTERS, &total);
	read_section(c, top, "locallyAddedAssertions", A_PFX_ASSERTS,
	    A_KEY_ASSERTS, &total);
}

/* ------------------------------------------------------------------ */

void
slurm_free(struct slurm *s)
{
	size_t i;

	if (s == NULL)
		return;
	free(s->pfx_filters);
	free(s->key_filters);
	free(s->pfx_asserts);
	for (i = 0; i < s->nkey_asserts; i++)
		free(s->key_asserts[i].spki);
	free(s->key_asserts);
	memset(s, 0, sizeof(*s));
}

/* Read all of rd into a NUL-terminated buffer; NULL (said why) if not. */
static char *
slurp(struct ctx *c, struct reader *rd, size_t *len)
{
	const uint8_t *p;
	const char *rerr;
	size_t need = 64 * 1024, n;
	char *buf;

	/* Grow the window as the file needs, not to the cap at once. */
	while ((n = reader_peek(rd, need, &p)) >= need && need <= MAX_SLURM_FILE)
		need *= 2;
	if ((rerr = reader_error(rd)) != NULL) {
		problem(c, 0, NULL, "%s", rerr);
		return NULL;
	}
	if (n > MAX_SLURM_FILE) {
		problem(c, 0, NULL, "larger than %u bytes", MAX_SLURM_FILE);
		return NULL;
	}
	buf = xmalloc(n + 1);
	memcpy(buf, p, n);
	buf[n] = '\0';
	*len = n;
	return buf;
}

static int
read_reader(struct reader *rd, const char *name, unsigned flags,
    struct slurm *out, struct slurm_errors *err)
{
	struct ctx c;
	json_error_t jerr;
	json_t *top = NULL;
	size_t len = 0;
	char *buf;
	int i;

	memset(&c, 0, sizeof(c));
	c.name = name;
	c.flags = flags;
	c.err = err;
	c.out = out;
	c.arr = -1;
	memset(out, 0, sizeof(*out));
	buf = slurp(&c, rd, &len);
	reader_close(rd);
	if (buf == NULL)
		return -1;
	/* Duplicate keys are a deviation too (RFC 8259 4: "SHOULD be unique"). */
	top = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &jerr);
	if (top == NULL)
		problem(&c, (unsigned long)(jerr.line > 0 ? jerr.line : 0), NULL,
		    "JSON error at byte %d: %s", jerr.position, jerr.text);
	else {
		skim_lines(&c, buf, len);
		read_top(&c, top);
	}
	json_decref(top);
	free(buf);
	for (i = 0; i < A_MAX; i++)
		free(c.lines[i].v);
	if (err->errors > 0) {
		slurm_free(out);
		return -1;
	}
	return 0;
}

/* The reader could not be opened: count and say why. */
static int
open_failed(const char *why, struct slurm *out, struct slurm_errors *err)
{
	memset(out, 0, sizeof(*out));
	err->errors++;
	snprintf(err->first, sizeof(err->first), "%s", why);
	log_warnx("%s", why);
	return -1;
}

int
slurm_read(const char *path, unsigned flags, struct slurm *out,
    struct slurm_errors *err)
{
	char ebuf[SLURM_ERRMSG];
	struct reader *rd = reader_open(path, ebuf, sizeof(ebuf));

	if (rd == NULL)
		return open_failed(ebuf, out, err);
	return read_reader(rd, path, flags, out, err);
}

int
slurm_read_fd(int fd, const char *name, unsigned flags, struct slurm *out,
    struct slurm_errors *err)
{
	char ebuf[SLURM_ERRMSG];
	struct reader *rd = reader_fdopen(fd, name, ebuf, sizeof(ebuf));

	if (rd == NULL)
		return open_failed(ebuf, out, err);
	return read_reader(rd, name, flags, out, err);
}
