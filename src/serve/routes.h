/*
 * The route tables of `manrs serve`, one per area; src/cli/serve.c adds
 * them in this order (the first match wins, see http.h).
 */
#ifndef MANRS_SERVE_ROUTES_H
#define MANRS_SERVE_ROUTES_H

#include "serve/http.h"

extern const struct http_route api_routes[];		/* api.c: /api/v1/ */
extern const struct http_route metrics_routes[];	/* metrics.c: /metrics */
extern const struct http_route taxii_routes[];		/* taxii.c: /taxii2/ */
extern const struct http_route ui_routes[];		/* ui.c: the web UI */

/* api.c: the answers the warm-up renders (http_warm). */
void	api_warm(const struct http_request *,
	    void (*add)(void *ctx, const char *path), void *ctx);

#endif
