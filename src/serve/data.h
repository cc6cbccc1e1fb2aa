/*
 * What `manrs serve` loads besides the store, shared read-only by every
 * handler through rq->data.  Members are NULL when not configured; a
 * route that needs one answers 404 or 400 saying which option gives it.
 */
#ifndef MANRS_SERVE_DATA_H
#define MANRS_SERVE_DATA_H

struct geo;
struct history;
struct lookup_data;

struct serve_data {
	const char		*data_dir;	/* --data DIR */
	/* --rir FILE (or DIR/rir/ files): AS to RIR region and country. */
	const struct geo	*geo;
	/* --roa-history FILE: VRPs per day (src/rpki/history.h). */
	const struct history	*roa_history;
	/* --data DIR: VRPs, IRR, registries, PeeringDB (report/lookup.h). */
	const struct lookup_data *lookup;
	const char		*link_base;	/* the UI's own address, if known */
};

#endif
