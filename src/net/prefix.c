#include <string.h>

#include "base/encoding.h"
#include "prefix.h"

static size_t
fmt_u8(char *p, unsigned v)
{
	size_t n = 0;

	if (v >= 100)
		p[n++] = (char)('0' + v / 100);
	if (v >= 10)
		p[n++] = (char)('0' + v / 10 % 10);
	p[n++] = (char)('0' + v % 10);
	return n;
}

static size_t
fmt_v4(const uint8_t *b, char *buf)
{
	size_t n = 0;
	int i;

	for (i = 0; i < 4; i++) {
		if (i > 0)
			buf[n++] = '.';
		n += fmt_u8(buf + n, b[i]);
	}
	buf[n] = '\0';
	return n;
}

/*
 * IPv6 text as glibc's inet_ntop() writes it (and so bgpdump): the first
 * longest run of two or more zero words becomes "::", hex in lower case,
 * and a ::w.x.y.z / ::ffff:w.x.y.z tail for IPv4-compatible and -mapped
 * addresses.
 */
static size_t
fmt_v6(const uint8_t *b, char *buf)
{
	static const char hex[] = "0123456789abcdef";
	unsigned w[8];
	int i, best = -1, bestlen = 0, cur = -1, curlen = 0;
	size_t n = 0;

	for (i = 0; i < 8; i++)
		w[i] = (unsigned)(b[2 * i] << 8 | b[2 * i + 1]);
	for (i = 0; i < 8; i++) {
		if (w[i] == 0) {
			if (cur < 0) {
				cur = i;
				curlen = 1;
			} else
				curlen++;
			if (curlen > bestlen) {
				best = cur;
				bestlen = curlen;
			}
		} else
			cur = -1;
	}
	if (bestlen < 2)
		best = -1;
	for (i = 0; i < 8; i++) {
		if (best >= 0 && i >= best && i < best + bestlen) {
			if (i == best)
				buf[n++] = ':';
			continue;
		}
		if (i > 0)
			buf[n++] = ':';
		if (i == 6 && best == 0 &&
		    (bestlen == 6 || (bestlen == 5 && w[5] == 0xffff))) {
			n += fmt_v4(b + 12, buf + n);
			return n;
		}
		{
			unsigned v = w[i];
			int started = 0, s;

			for (s = 12; s >= 0; s -= 4) {
				unsigned d = (v >> s) & 15;

				if (d != 0 || started || s == 0) {
					buf[n++] = hex[d];
					started = 1;
				}
			}
		}
	}
	if (best >= 0 && best + bestlen == 8)
		buf[n++] = ':';
	buf[n] = '\0';
	return n;
}

size_t
addr_fmt(const struct addr *a, char buf[ADDR_STRLEN])
{
	if (a->afi == AFI_IPV4)
		return fmt_v4(a->b, buf);
	if (a->afi == AFI_IPV6)
		return fmt_v6(a->b, buf);
	buf[0] = '?';
	buf[1] = '\0';
	return 1;
}

size_t
prefix_fmt(const struct prefix *p, char buf[PREFIX_STRLEN])
{
	size_t n;

	if (p->afi == AFI_IPV4)
		n = fmt_v4(p->b, buf);
	else if (p->afi == AFI_IPV6)
		n = fmt_v6(p->b, buf);
	else {
		buf[0] = '?';
		n = 1;
	}
	buf[n++] = '/';
	n += fmt_u8(buf + n, p->len);
	buf[n] = '\0';
	return n;
}

static bool
parse_v4(const char *s, size_t n, uint8_t out[4], const char **why)
{
	size_t i = 0;
	int octet;

	for (octet = 0; octet < 4; octet++) {
		unsigned v = 0, digits = 0;

		if (octet > 0) {
			if (i >= n || s[i] != '.') {
				*why = "IPv4 address needs four dotted octets";
				return false;
			}
			i++;
		}
		while (i < n && s[i] >= '0' && s[i] <= '9') {
			if (digits > 0 && v == 0) {
				*why = "leading zero in IPv4 octet";
				return false;
			}
			v = v * 10 + (unsigned)(s[i] - '0');
			if (v > 255) {
				*why = "IPv4 octet over 255";
				return false;
			}
			digits++;
			i++;
		}
		if (digits == 0) {
			*why = "IPv4 octet missing";
			return false;
		}
		out[octet] = (uint8_t)v;
	}
	if (i != n) {
		*why = "trailing characters after IPv4 address";
		return false;
	}
	return true;
}

static bool
parse_v6(const char *s, size_t n, uint8_t out[16], const char **why)
{
	uint16_t w[8];
	int nw = 0, gap = -1;
	size_t i = 0;

	*why = "malformed IPv6 address";
	if (n >= 2 && s[0] == ':' && s[1] == ':') {
		gap = 0;
		i = 2;
	} else if (n >= 1 && s[0] == ':')
		return false;
	while (i < n) {
		unsigned v = 0;
		size_t start = i;
		int d;

		if (nw >= 8)
			return false;
		while (i < n && (d = hex_digit(s[i])) >= 0 && i - start < 4) {
			v = v * 16 + (unsigned)d;
			i++;
		}
		if (i < n && s[i] == '.') {
			/* Embedded IPv4 tail. */
			if (nw > 6)
				return false;
			if (!parse_v4(s + start, n - start, out + 2 * nw, why))
				return false;
			w[nw] = (uint16_t)(out[2 * nw] << 8 | out[2 * nw + 1]);
			w[nw + 1] = (uint16_t)(out[2 * nw + 2] << 8 |
			    out[2 * nw + 3]);
			nw += 2;
			i = n;
			break;
		}
		if (i == start)
			return false;
		w[nw++] = (uint16_t)v;
		if (i == n)
			break;
		if (s[i] != ':')
			return false;
		i++;
		if (i < n && s[i] == ':') {
			if (gap >= 0)
				return false;
			gap = nw;
			i++;
		} else if (i == n)
			return false;
	}
	if (gap < 0 && nw != 8)
		return false;
	if (gap >= 0 && nw > 7)
		return false;
	memset(out, 0, 16);
	{
		int k, tail = gap < 0 ? 0 : nw - gap;

		for (k = 0; k < nw - tail; k++) {
			out[2 * k] = (uint8_t)(w[k] >> 8);
			out[2 * k + 1] = (uint8_t)w[k];
		}
		for (k = 0; k < tail; k++) {
			int dst = 8 - tail + k;

			out[2 * dst] = (uint8_t)(w[gap + k] >> 8);
			out[2 * dst + 1] = (uint8_t)w[gap + k];
		}
	}
	return true;
}

bool
addr_parse(const char *s, size_t n, struct addr *a, const char **why)
{
	memset(a, 0, sizeof(*a));
	if (memchr(s, ':', n) != NULL) {
		a->afi = AFI_IPV6;
		return parse_v6(s, n, a->b, why);
	}
	a->afi = AFI_IPV4;
	return parse_v4(s, n, a->b, why);
}

bool
prefix_parse(const char *s, size_t n, struct prefix *p, const char **why)
{
	const char *slash = memchr(s, '/', n);
	struct addr a;
	unsigned len = 0;
	size_t i;

	if (slash == NULL) {
		*why = "prefix has no /length";
		return false;
	}
	if (!addr_parse(s, (size_t)(slash - s), &a, why))
		return false;
	i = (size_t)(slash - s) + 1;
	if (i == n) {
		*why = "prefix length missing";
		return false;
	}
	for (; i < n; i++) {
		if (s[i] < '0' || s[i] > '9') {
			*why = "prefix length is not a number";
			return false;
		}
		if (len == 0 && i > (size_t)(slash - s) + 1) {
			*why = "leading zero in prefix length";
			return false;
		}
		len = len * 10 + (unsigned)(s[i] - '0');
		if (len > 128) {
			*why = "prefix length too long for the family";
			return false;
		}
	}
	if (len > afi_bits(a.afi)) {
		*why = "prefix length too long for the family";
		return false;
	}
	p->afi = a.afi;
	p->len = (uint8_t)len;
	memcpy(p->b, a.b, 16);
	if (prefix_mask(p)) {
		*why = "host bits set past the prefix length";
		return false;
	}
	return true;
}

bool
prefix_mask(struct prefix *p)
{
	bool dirty = false;
	unsigned i, full = p->len / 8, rem = p->len % 8;

	if (rem != 0) {
		uint8_t keep = (uint8_t)(0xff << (8 - rem));

		if (p->b[full] & ~keep)
			dirty = true;
		p->b[full] &= keep;
		full++;
	}
	for (i = full; i < 16; i++) {
		if (p->b[i] != 0)
			dirty = true;
		p->b[i] = 0;
	}
	return dirty;
}

bool
prefix_equal(const struct prefix *a, const struct prefix *b)
{
	return a->afi == b->afi && a->len == b->len &&
	    memcmp(a->b, b->b, 16) == 0;
}

bool
prefix_covers(const struct prefix *a, const struct prefix *b)
{
	unsigned full, rem;

	if (a->afi != b->afi || a->len > b->len)
		return false;
	full = a->len / 8;
	rem = a->len % 8;
	if (memcmp(a->b, b->b, full) != 0)
		return false;
	if (rem == 0)
		return true;
	return ((a->b[full] ^ b->b[full]) & (0xff << (8 - rem)) & 0xff) == 0;
}

int
prefix_cmp(const struct prefix *a, const struct prefix *b)
{
	int c;

	if (a->afi != b->afi)
		return a->afi < b->afi ? -1 : 1;
	c = memcmp(a->b, b->b, 16);
	if (c != 0)
		return c < 0 ? -1 : 1;
	return a->len < b->len ? -1 : a->len > b->len;
}
