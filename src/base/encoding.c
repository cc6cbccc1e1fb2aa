/* Strict base64 and hex decoding; see encoding.h. */
#include "encoding.h"

static int
digit(char ch, enum b64_form f)
{
	if (ch >= 'A' && ch <= 'Z')
		return ch - 'A';
	if (ch >= 'a' && ch <= 'z')
		return ch - 'a' + 26;
	if (ch >= '0' && ch <= '9')
		return ch - '0' + 52;
	if (ch == (f == B64_URL_NOPAD ? '-' : '+'))
		return 62;
	if (ch == (f == B64_URL_NOPAD ? '_' : '/'))
		return 63;
	return -1;
}

long
b64_decode(const char *s, size_t n, enum b64_form f, uint8_t *out,
    size_t cap, const char **why)
{
	uint32_t acc = 0;
	size_t i, o = 0;
	unsigned bits = 0;

	if (n == 0) {
		*why = "empty";
		return -1;
	}
	if (f == B64_STD_PAD) {
		if (n % 4 != 0) {
			*why = "is not padded with '=' to a multiple of 4";
			return -1;
		}
		/* At most two '=', and only at the end. */
		if (s[n - 1] == '=')
			n -= s[n - 2] == '=' ? 2 : 1;
	}
	for (i = 0; i < n; i++) {
		int v = digit(s[i], f);

		if (v < 0) {
			*why = s[i] == '=' ? (f == B64_URL_NOPAD ?
			    "has '=' padding" : "has '=' before its end") :
			    f == B64_URL_NOPAD && (s[i] == '+' || s[i] ==
			    '/') ? "uses '+' or '/', which are not base64url "
			    "(RFC 4648 5)" : f == B64_STD_PAD && (s[i] == '-' ||
			    s[i] == '_') ? "uses '-' or '_' (base64url), not "
			    "standard base64" : "has a character that is not "
			    "base64";
			return -1;
		}
		acc = (acc << 6) | (uint32_t)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			if (o == cap) {
				*why = "decodes to too many bytes";
				return -1;
			}
			out[o++] = (uint8_t)(acc >> bits);
			acc &= (1u << bits) - 1;
		}
	}
	if (n % 4 == 1) {
		*why = "its length is not that of any base64 encoding";
		return -1;
	}
	if (acc != 0) {
		*why = "has bits set past its last byte (not canonical)";
		return -1;
	}
	return (long)o;
}

int
hex_digit(char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

size_t
utf8_invalid(const void *p, size_t n)
{
	const unsigned char *s = p;
	size_t i = 0, k, len;
	uint32_t cp;

	while (i < n) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		if ((s[i] & 0xe0) == 0xc0) {
			len = 2;
			cp = s[i] & 0x1fu;
		} else if ((s[i] & 0xf0) == 0xe0) {
			len = 3;
			cp = s[i] & 0x0fu;
		} else if ((s[i] & 0xf8) == 0xf0) {
			len = 4;
			cp = s[i] & 0x07u;
		} else
			return i;
		if (n - i < len)
			return i;
		for (k = 1; k < len; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return i;
			cp = cp << 6 | (s[i + k] & 0x3fu);
		}
		if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) ||
		    (len == 4 && cp < 0x10000) || cp > 0x10ffff ||
		    (cp >= 0xd800 && cp <= 0xdfff))
			return i;
		i += len;
	}
	return n;
}
