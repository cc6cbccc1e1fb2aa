#include "asn.h"

static bool
parse_u32(const char *s, size_t n, uint32_t max, uint32_t *out,
    const char **why)
{
	uint64_t v = 0;
	size_t i;

	if (n == 0) {
		*why = "AS number is empty";
		return false;
	}
	if (n > 1 && s[0] == '0') {
		*why = "leading zero in AS number";
		return false;
	}
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9') {
			*why = "AS number is not a number";
			return false;
		}
		v = v * 10 + (uint64_t)(s[i] - '0');
		if (v > max) {
			*why = "AS number out of range";
			return false;
		}
	}
	*out = (uint32_t)v;
	return true;
}

bool
asn_parse(const char *s, size_t n, uint32_t *asn, const char **why)
{
	size_t i;

	if (n >= 2 && (s[0] == 'A' || s[0] == 'a') &&
	    (s[1] == 'S' || s[1] == 's')) {
		s += 2;
		n -= 2;
	}
	for (i = 0; i < n; i++) {
		if (s[i] == '.') {
			uint32_t hi, lo;

			if (!parse_u32(s, i, 65535, &hi, why) ||
			    !parse_u32(s + i + 1, n - i - 1, 65535, &lo, why))
				return false;
			*asn = hi << 16 | lo;
			return true;
		}
	}
	return parse_u32(s, n, UINT32_MAX, asn, why);
}

size_t
asn_fmt(uint32_t asn, char buf[ASN_STRLEN])
{
	char tmp[10];
	size_t i = sizeof(tmp), n = 0;

	do {
		tmp[--i] = (char)('0' + asn % 10);
		asn /= 10;
	} while (asn != 0);
	while (i < sizeof(tmp))
		buf[n++] = tmp[i++];
	buf[n] = '\0';
	return n;
}
