/*
 * libFuzzer target: a BGP message (with header) through the UPDATE
 * splitter, the attribute decoder and the NLRI reader.  The first byte
 * picks the decoding options (4-byte ASNs, ADD-PATH, MRT abbreviated
 * MP_REACH).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "formats/bgp.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct bgp_attrs *attrs;

static void
walk(struct cursor c, unsigned afi, bool addpath)
{
	struct prefix p;
	uint32_t pid;
	bool dirty;
	enum bgp_error e;

	while (bgp_nlri_next(&c, afi, addpath, &p, &pid, &dirty, &e) == 1)
		;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bgp_opts o;
	struct cursor msg, body;
	struct bgp_update u;
	uint8_t type;

	if (size < 1)
		return 0;
	if (attrs == NULL)
		attrs = malloc(sizeof(*attrs));
	o.as4 = data[0] & 1;
	o.addpath = (data[0] & 2) != 0;
	o.mp_abbrev = (data[0] & 4) != 0;
	msg = cur_make(data + 1, size - 1);
	/* Attributes alone, as TABLE_DUMP entries carry them. */
	bgp_attrs_decode(msg, &o, attrs);
	if (!bgp_msg_split(msg, &type, &body) || type != BGP_MSG_UPDATE)
		return 0;
	if (!bgp_update_split(body, &u))
		return 0;
	bgp_attrs_decode(u.attrs, &o, attrs);
	(void)as_path_origin(&attrs->path);
	(void)as_path_length(&attrs->path);
	walk(u.withdrawn, AFI_IPV4, o.addpath);
	walk(u.nlri, AFI_IPV4, o.addpath);
	if (attrs->present & BGP_ATTR_BIT(BGP_ATTR_MP_REACH))
		walk(attrs->mp_reach.nlri, attrs->mp_reach.afi, o.addpath);
	if (attrs->present & BGP_ATTR_BIT(BGP_ATTR_MP_UNREACH))
		walk(attrs->mp_unreach.nlri, attrs->mp_unreach.afi, o.addpath);
	return 0;
}
