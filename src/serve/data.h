/*
 * What `manrs serve` loads besides the store, shared read-only by every
 * handler through rq->data.  Members are NULL when not configured; a
 * route that needs one answers 404 or 400 saying which option gives it.
 */
#ifndef MANRS_SERVE_DATA_H
#define MANRS_SERVE_DATA_H

struct serve_data {
	const char	*data_dir;	/* --data DIR: irr/, rir/ below it */
	const char	*roa_history;	/* --roa-history FILE */
	const char	*rir_stats;	/* --rir FILE */
	const char	*link_base;	/* --link-base URL: the UI's address */
};

#endif
