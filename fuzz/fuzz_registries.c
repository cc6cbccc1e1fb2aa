/*
 * libFuzzer target: the registry readers as `manrs bogons` runs them.
 * XML input goes to the IANA registry reader, anything else to both the
 * RIR statistics reader and the prefix-list reader (through the reader,
 * so compression magic selects a decompressor).  Whatever is accepted is
 * built into the bogon model, queried, and its reasons formatted.
 */
#define _GNU_SOURCE
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "base/log.h"
#include "formats/iana.h"
#include "formats/prefixlist.h"
#include "formats/rirstats.h"
#include "fuzz_memfd.h"
#include "ref/bogons.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct reader *
open_mem(const uint8_t *data, size_t size)
{
	char err[128];
	int fd = fuzz_memfd(data, size);

	return fd < 0 ? NULL : reader_fdopen(fd, "fuzz", err, sizeof(err));
}

static void
query(const struct bogons *b, const struct prefix *p)
{
	struct bogon_hit h[4];
	char buf[BOGON_REASON_STRLEN];
	size_t nh, i;
	bool in;
	u128 first, last;

	(void)bogons_prefix(b, p, h, 4, &nh, &in);
	for (i = 0; i < nh && i < 4; i++)
		bogons_reason_fmt(h[i].why, buf, sizeof(buf));
	prefix_range(p, &first, &last);
	bogons_reason_fmt(bogons_region_addr(b, p->afi, first), buf,
	    sizeof(buf));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct iana_registry reg;
	const struct iana_registry *use[1] = { NULL };
	struct rir_stats st;
	struct prefix_list l = { 0 };
	struct bogons b;
	struct reader *rd;
	struct diag d;
	char buf[BOGON_REASON_STRLEN];
	const struct bogon_reason *w;
	size_t i;

	log_verbose = -1;	/* warnings about bad input are expected */
	iana_init(&reg);
	rir_stats_init(&st);
	if (memchr(data, '<', size < 64 ? size : 64) != NULL) {
		if ((rd = open_mem(data, size)) != NULL) {
			iana_diag_init(&d, "fuzz");
			if (iana_read(&reg, rd, "fuzz", &d) == 0)
				use[0] = &reg;
			reader_close(rd);
		}
	} else {
		if ((rd = open_mem(data, size)) != NULL) {
			rirstats_diag_init(&d, "fuzz");
			(void)rirstats_read(&st, rd, "fuzz", &d);
			reader_close(rd);
		}
		if ((rd = open_mem(data, size)) != NULL) {
			prefixlist_diag_init(&d, "fuzz");
			(void)prefixlist_read(&l, rd, &d);
			reader_close(rd);
		}
	}
	bogons_build(&b, use, 1, &st);
	for (i = 0; i < reg.n && i < 64; i++)
		query(&b, &reg.e[i].pfx);
	for (i = 0; i < l.n && i < 64; i++)
		query(&b, &l.p[i]);
	for (i = 0; i < st.n && i < 64; i++) {
		struct prefix c[RANGE_MAX_CIDRS];
		size_t nc = rirstats_cidrs(&st.recs[i], c);

		rirstats_fmt(&st.recs[i], buf, sizeof(buf));
		if (nc > 0)
			query(&b, &c[nc - 1]);
		else {
			(void)bogons_asn(&b, (uint32_t)st.recs[i].first, &w);
			bogons_reason_fmt(w, buf, sizeof(buf));
		}
	}
	bogons_free(&b);
	prefixlist_free(&l);
	rir_stats_free(&st);
	iana_free(&reg);
	return 0;
}
