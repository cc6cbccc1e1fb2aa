/* What the MRT fuzz targets do with each element: read what a printer reads. */
#ifndef MANRS_FUZZ_SINK_H
#define MANRS_FUZZ_SINK_H

#include "formats/mrt.h"

static void
fuzz_sink(void *ctx, const struct mrt_elem *e)
{
	size_t *n = ctx;

	*n += e->prefix.len + e->peer_as;
	if (e->attrs != NULL)
		*n += e->attrs->path.nseg + as_path_origin(&e->attrs->path);
}

#endif
