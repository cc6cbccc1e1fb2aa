/* STIX ids: UUIDv5, RFC 8785 canonical JSON, timestamps. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "base/utctime.h"
#include "base/xmalloc.h"
#include "report/stix.h"

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

bool
stix_uuid_parse(const char *s, uint8_t out[16])
{
	size_t i, k = 0;
	int hi, lo;

	if (strlen(s) != 36)
		return false;
	for (i = 0; i < 36; ) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (s[i++] != '-')
				return false;
			continue;
		}
		if ((hi = hexval(s[i])) < 0 || (lo = hexval(s[i + 1])) < 0)
			return false;
		out[k++] = (uint8_t)(hi << 4 | lo);
		i += 2;
	}
	return true;
}

void
stix_uuid5(const uint8_t ns[16], const void *name, size_t len, char out[37])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char md[EVP_MAX_MD_SIZE];
	EVP_MD_CTX *c;
	size_t i, o = 0;

	/* Out of memory or no SHA-1 is a broken invariant, not input. */
	if ((c = EVP_MD_CTX_new()) == NULL ||
	    EVP_DigestInit_ex(c, EVP_sha1(), NULL) != 1 ||
	    EVP_DigestUpdate(c, ns, 16) != 1 ||
	    EVP_DigestUpdate(c, name, len) != 1 ||
	    EVP_DigestFinal_ex(c, md, NULL) != 1)
		abort();
	EVP_MD_CTX_free(c);
	md[6] = (unsigned char)((md[6] & 0x0f) | 0x50);	/* version 5 */
	md[8] = (unsigned char)((md[8] & 0x3f) | 0x80);	/* RFC variant */
	for (i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			out[o++] = '-';
		out[o++] = hex[md[i] >> 4];
		out[o++] = hex[md[i] & 15];
	}
	out[o] = '\0';
}

struct cbuf {
	char	*p;
	size_t	 len, cap;
};

static void
put(struct cbuf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->p = xrealloc(b->p, b->cap);
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void
put_string(struct cbuf *b, const char *s, size_t n)
{
	char esc[8];
	size_t i;

	put(b, "\"", 1);
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *e = NULL;

		switch (c) {
		case '"': e = "\\\""; break;
		case '\\': e = "\\\\"; break;
		case '\b': e = "\\b"; break;
		case '\t': e = "\\t"; break;
		case '\n': e = "\\n"; break;
		case '\f': e = "\\f"; break;
		case '\r': e = "\\r"; break;
		default:
			break;
		}
		if (e != NULL)
			put(b, e, strlen(e));
		else if (c < 0x20) {
			snprintf(esc, sizeof(esc), "\\u%04x", c);
			put(b, esc, 6);
		} else
			put(b, (const char *)&c, 1);
	}
	put(b, "\"", 1);
}

/*
 * The next UTF-16 code unit of a UTF-8 string (jansson keeps strings
 * valid UTF-8); *low holds the second half of a surrogate pair.
 */
static unsigned
utf16_next(const unsigned char **p, unsigned *low)
{
	const unsigned char *s = *p;
	unsigned cp;

	if (*low != 0) {
		cp = *low;
		*low = 0;
		return cp;
	}
	if (s[0] < 0x80) {
		cp = s[0];
		*p = s + 1;
	} else if (s[0] < 0xe0) {
		cp = (unsigned)(s[0] & 0x1f) << 6 | (s[1] & 0x3f);
		*p = s + 2;
	} else if (s[0] < 0xf0) {
		cp = (unsigned)(s[0] & 0x0f) << 12 |
		    (unsigned)(s[1] & 0x3f) << 6 | (s[2] & 0x3f);
		*p = s + 3;
	} else {
		cp = (unsigned)(s[0] & 0x07) << 18 |
		    (unsigned)(s[1] & 0x3f) << 12 |
		    (unsigned)(s[2] & 0x3f) << 6 | (s[3] & 0x3f);
		*p = s + 4;
		cp -= 0x10000;
		*low = 0xdc00 | (cp & 0x3ff);
		return 0xd800 | (cp >> 10);
	}
	return cp;
}

/* RFC 8785 §3.2.3: member names compared as UTF-16 code units. */
static int
key_cmp(const void *a, const void *b)
{
	const unsigned char *x = *(const unsigned char *const *)a;
	const unsigned char *y = *(const unsigned char *const *)b;
	unsigned lx = 0, ly = 0, cx, cy;

	for (;;) {
		if ((*x == '\0' && lx == 0) || (*y == '\0' && ly == 0))
			return (*x != '\0' || lx != 0) - (*y != '\0' || ly != 0);
		cx = utf16_next(&x, &lx);
		cy = utf16_next(&y, &ly);
		if (cx != cy)
			return cx < cy ? -1 : 1;
	}
}

static bool
canon(struct cbuf *b, const json_t *v)
{
	const char **keys, *k;
	char num[32];
	json_t *m;
	size_t i, n;
	bool ok = true;

	switch (json_typeof(v)) {
	case JSON_NULL: put(b, "null", 4); return true;
	case JSON_TRUE: put(b, "true", 4); return true;
	case JSON_FALSE: put(b, "false", 5); return true;
	case JSON_REAL: return false;
	case JSON_INTEGER:
		n = (size_t)snprintf(num, sizeof(num), "%" PRId64,
		    (int64_t)json_integer_value(v));
		put(b, num, n);
		return true;
	case JSON_STRING:
		put_string(b, json_string_value(v), json_string_length(v));
		return true;
	case JSON_ARRAY:
		put(b, "[", 1);
		for (i = 0; ok && i < json_array_size(v); i++) {
			if (i > 0)
				put(b, ",", 1);
			ok = canon(b, json_array_get(v, i));
		}
		put(b, "]", 1);
		return ok;
	case JSON_OBJECT:
		break;
	}
	n = json_object_size(v);
	keys = xreallocarray(NULL, n + 1, sizeof(*keys));
	i = 0;
	json_object_foreach((json_t *)(uintptr_t)v, k, m)
		keys[i++] = k;
	qsort(keys, n, sizeof(*keys), key_cmp);
	put(b, "{", 1);
	for (i = 0; ok && i < n; i++) {
		if (i > 0)
			put(b, ",", 1);
		put_string(b, keys[i], strlen(keys[i]));
		put(b, ":", 1);
		ok = canon(b, json_object_get(v, keys[i]));
	}
	put(b, "}", 1);
	free(keys);
	return ok;
}

char *
stix_canonical(const json_t *v)
{
	struct cbuf b = { NULL, 0, 0 };

	put(&b, "", 0);
	if (!canon(&b, v)) {
		free(b.p);
		return NULL;
	}
	return b.p;
}

bool
stix_sco_id(const char *type, const json_t *props, char *out, size_t len)
{
	uint8_t ns[16];
	char *c, u[37];

	if ((c = stix_canonical(props)) == NULL)
		return false;
	(void)stix_uuid_parse(STIX_NAMESPACE, ns);
	stix_uuid5(ns, c, strlen(c), u);
	free(c);
	return (size_t)snprintf(out, len, "%s--%s", type, u) < len;
}

void
stix_time(int64_t ms, char out[STIX_TIME_LEN])
{
	char t[UTC_STRLEN];
	int64_t s = ms / 1000, f = ms % 1000;

	if (f < 0) {
		f += 1000;
		s--;
	}
	utc_fmt(s, t, sizeof(t));
	/* "2015-04-02T12:00:00Z" -> "2015-04-02T12:00:00.000Z" */
	snprintf(out, STIX_TIME_LEN, "%.19s.%03" PRId64 "Z", t, f);
}

bool
stix_time_parse(const char *s, int64_t *ms)
{
	char base[UTC_STRLEN];
	size_t n = strlen(s), i, digits = 0;
	int64_t sec, frac = 0;

	/* "YYYY-MM-DDTHH:MM:SS" then optional ".fff..." then "Z". */
	if (n < 20 || s[n - 1] != 'Z' || s[10] != 'T')
		return false;
	memcpy(base, s, 19);
	base[19] = 'Z';
	base[20] = '\0';
	if (!utc_parse(base, &sec) || strchr(base, 'T') == NULL)
		return false;
	i = 19;
	if (s[i] == '.') {
		for (i++; s[i] >= '0' && s[i] <= '9'; i++, digits++)
			if (digits < 3)
				frac = frac * 10 + (s[i] - '0');
		if (digits == 0 || digits > 9)
			return false;
		for (; digits < 3; digits++)
			frac *= 10;
	}
	if (i != n - 1)
		return false;
	*ms = sec * 1000 + frac;
	return true;
}
