/*
 * libFuzzer target: the RPSL object reader over a buffer (the reader and
 * its decompressors are fuzzed by fuzz_mrt), and every object handed to
 * the helpers the IRR index uses.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "base/log.h"
#include "formats/rpsl.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static volatile size_t sink;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rpsl_file *f;
	struct rpsl_object o;
	struct prefix p;
	const char *why, *s, *item;
	uint32_t origin;
	size_t i, len, n = 0;

	log_verbose = -1;	/* warnings about bad input are expected */
	f = rpsl_buffer_new(data, size, "fuzz");
	while (rpsl_next(f, &o) == 1) {
		n += strlen(o.class) + strlen(o.key) + o.line;
		if (o.source != NULL)
			n += strlen(o.source);
		for (i = 0; i < o.nattrs; i++) {
			n += strlen(o.attrs[i].name) + o.attrs[i].line;
			s = o.attrs[i].value;
			while (rpsl_list_next(&s, &item, &len))
				n += len + (uint8_t)item[0];
		}
		if (rpsl_route_parse(&o, &p, &origin, &why))
			n += p.len + origin;
		else
			n += strlen(why);
		if (rpsl_attr_first(&o, "members") != NULL)
			n++;
	}
	(void)rpsl_file_error(f);
	(void)rpsl_file_last_skip(f);
	rpsl_file_free(f);
	sink = n;
	return 0;
}
