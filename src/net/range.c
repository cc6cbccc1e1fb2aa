#include <math.h>
#include <string.h>

#include "range.h"

u128
range_max(unsigned afi)
{
	if (afi == AFI_IPV6)
		return ~(u128)0;
	return 0xffffffffu;
}

u128
addr_to_u128(unsigned afi, const uint8_t b[16])
{
	unsigned i, n = afi == AFI_IPV6 ? 16 : 4;
	u128 v = 0;

	for (i = 0; i < n; i++)
		v = (v << 8) | b[i];
	return v;
}

void
u128_to_prefix(unsigned afi, u128 v, unsigned len, struct prefix *p)
{
	unsigned i, n = afi == AFI_IPV6 ? 16 : 4;

	memset(p, 0, sizeof(*p));
	p->afi = (uint8_t)afi;
	p->len = (uint8_t)len;
	for (i = n; i-- > 0; v >>= 8)
		p->b[i] = (uint8_t)v;
}

/* Mask of the host bits of a /len in a family of `bits` bits. */
static u128
host_mask(unsigned bits, unsigned len)
{
	unsigned h = bits - len;

	return h >= 128 ? ~(u128)0 : ((u128)1 << h) - 1;
}

void
prefix_range(const struct prefix *p, u128 *first, u128 *last)
{
	unsigned bits = afi_bits(p->afi);

	*first = addr_to_u128(p->afi, p->b);
	*last = *first | host_mask(bits, p->len);
}

size_t
range_cidrs(unsigned afi, u128 first, u128 last,
    struct prefix out[RANGE_MAX_CIDRS])
{
	unsigned bits = afi_bits(afi);
	size_t n = 0;

	for (;;) {
		unsigned len = 0;

		/* The shortest prefix aligned at first that stays in range. */
		while (len < bits && ((first & host_mask(bits, len)) != 0 ||
		    (first | host_mask(bits, len)) > last))
			len++;
		u128_to_prefix(afi, first, len, &out[n++]);
		first |= host_mask(bits, len);
		if (first >= last)
			return n;
		first++;
	}
}

u128
range_size(u128 first, u128 last)
{
	u128 d = last - first;

	return d == ~(u128)0 ? d : d + 1;
}

size_t
u128_fmt(u128 v, char buf[U128_STRLEN])
{
	char tmp[U128_STRLEN];
	size_t n = 0, i;

	do {
		tmp[n++] = (char)('0' + (unsigned)(v % 10));
		v /= 10;
	} while (v != 0);
	for (i = 0; i < n; i++)
		buf[i] = tmp[n - 1 - i];
	buf[n] = '\0';
	return n;
}

double
u128_log2(u128 v)
{
	return v == 0 ? 0 : log2((double)v);
}
