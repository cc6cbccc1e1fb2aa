/* Form bodies and cookies from browsers, decoded into bounded buffers. */
#include <string.h>

#include "serve/form.h"

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

/* Decode s[0..n) into out; a form value, so "+" is a space. */
static enum form_result
decode(const char *s, size_t n, char *out, size_t outlen)
{
	size_t i, o = 0;
	int hi, lo;
	unsigned char c;

	for (i = 0; i < n; i++) {
		c = (unsigned char)s[i];
		if (c == '+')
			c = ' ';
		else if (c == '%') {
			if (n - i < 3 || (hi = hexval(s[i + 1])) < 0 ||
			    (lo = hexval(s[i + 2])) < 0)
				return FORM_MALFORMED;
			c = (unsigned char)(hi << 4 | lo);
			i += 2;
		}
		if ((c < 0x20 && c != '\t' && c != '\r' && c != '\n') ||
		    c == 0x7f)
			return FORM_MALFORMED;
		if (o + 1 >= outlen)
			return FORM_TOO_LONG;
		out[o++] = (char)c;
	}
	out[o] = '\0';
	return FORM_OK;
}

enum form_result
form_field(const char *body, size_t len, const char *name, char *out,
    size_t outlen)
{
	size_t nlen = strlen(name), plen, klen;
	const char *p = body, *end = body + len, *amp, *eq;

	out[0] = '\0';
	while (p < end) {
		amp = memchr(p, '&', (size_t)(end - p));
		plen = amp != NULL ? (size_t)(amp - p) : (size_t)(end - p);
		eq = memchr(p, '=', plen);
		klen = eq != NULL ? (size_t)(eq - p) : plen;
		/* Field names we look for need no decoding. */
		if (klen == nlen && memcmp(p, name, nlen) == 0)
			return eq == NULL ? decode("", 0, out, outlen) :
			    decode(eq + 1, plen - klen - 1, out, outlen);
		p += plen + 1;
	}
	return FORM_MISSING;
}

enum form_result
form_cookie(const char *h, const char *name, char *out, size_t outlen)
{
	size_t nlen = strlen(name), vlen;
	const char *v;

	out[0] = '\0';
	while (h != NULL && *h != '\0') {
		while (*h == ' ' || *h == '\t')
			h++;
		vlen = strcspn(h, ";");
		if (vlen > nlen && strncmp(h, name, nlen) == 0 &&
		    h[nlen] == '=') {
			v = h + nlen + 1;
			vlen -= nlen + 1;
			if (vlen + 1 > outlen)
				return FORM_TOO_LONG;
			memcpy(out, v, vlen);
			out[vlen] = '\0';
			return FORM_OK;
		}
		h += vlen;
		if (*h == ';')
			h++;
	}
	return FORM_MISSING;
}

const char *
form_result_str(enum form_result r)
{
	switch (r) {
	case FORM_OK: return "ok";
	case FORM_MISSING: return "missing";
	case FORM_MALFORMED: return "malformed";
	case FORM_TOO_LONG: return "too long";
	}
	return "?";
}
