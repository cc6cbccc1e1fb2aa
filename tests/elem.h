/*
 * Tests: build one MRT element by hand, as the MRT decoder would deliver
 * it, for the timeline and detector tests.  Peer n is 192.0.0.n, AS
 * 64500 + n.
 */
#ifndef MANRS_TESTS_ELEM_H
#define MANRS_TESTS_ELEM_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "formats/bgp.h"
#include "formats/mrt.h"
#include "net/prefix.h"

#define ELEM_MAX_PATH	16

struct elem_builder {
	struct mrt_record	rec;
	struct mrt_elem		e;
	struct bgp_attrs	attrs;
	struct as_segment	seg[2];
	uint32_t		asns[ELEM_MAX_PATH];
};

/*
 * Fill b->e: kind at time ts from peer, for prefix (NULL for a state
 * change) with path[0..npath) (collector side first; NULL for none),
 * the last ASN in an AS_SET when set_last.  False on a bad prefix.
 */
static inline bool
elem_fill(struct elem_builder *b, enum mrt_elem_kind kind, int64_t ts,
    unsigned peer, const char *prefix, const uint32_t *path, size_t npath,
    bool set_last)
{
	const char *why;

	memset(&b->e, 0, sizeof(b->e));
	memset(&b->attrs, 0, sizeof(b->attrs));
	b->rec.ts = (uint32_t)ts;
	b->e.kind = kind;
	b->e.rec = &b->rec;
	b->e.peer_ip.afi = AFI_IPV4;
	b->e.peer_ip.b[0] = 192;
	b->e.peer_ip.b[3] = (uint8_t)peer;
	b->e.peer_as = 64500 + peer;
	if (prefix != NULL && !prefix_parse(prefix, strlen(prefix),
	    &b->e.prefix, &why))
		return false;
	if (path != NULL && npath > 0 && npath <= ELEM_MAX_PATH) {
		memcpy(b->asns, path, npath * sizeof(*path));
		b->seg[0].type = AS_SEQUENCE;
		b->seg[0].count = (uint16_t)(set_last ? npath - 1 : npath);
		b->seg[0].asns = b->asns;
		b->attrs.path.nseg = 1;
		b->attrs.path.segs = b->seg;
		if (set_last) {
			b->seg[1].type = AS_SET;
			b->seg[1].count = 1;
			b->seg[1].asns = b->asns + npath - 1;
			b->attrs.path.nseg = 2;
		}
		b->e.attrs = &b->attrs;
	}
	return true;
}

#endif
