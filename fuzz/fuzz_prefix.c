/*
 * libFuzzer target: text addresses and prefixes.  Whatever parses must
 * format back to text that parses to the same value.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "net/asn.h"
#include "net/prefix.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data, *why;
	struct prefix p, q;
	struct addr a, b;
	char buf[PREFIX_STRLEN];

	if (prefix_parse(s, size, &p, &why)) {
		prefix_fmt(&p, buf);
		if (!prefix_parse(buf, strlen(buf), &q, &why) ||
		    !prefix_equal(&p, &q))
			abort();
	}
	{
		uint32_t asn, back;
		char abuf[ASN_STRLEN];

		if (asn_parse(s, size, &asn, &why)) {
			asn_fmt(asn, abuf);
			if (!asn_parse(abuf, strlen(abuf), &back, &why) ||
			    back != asn)
				abort();
		}
	}
	if (addr_parse(s, size, &a, &why)) {
		addr_fmt(&a, buf);
		if (!addr_parse(buf, strlen(buf), &b, &why) || a.afi != b.afi ||
		    memcmp(a.b, b.b, 16) != 0)
			abort();
	}
	return 0;
}
