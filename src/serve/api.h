/*
 * Helpers shared by the JSON API's handlers (api.c reads, api_write.c
 * writes): parameters checked strictly (a bad value is a 400 naming the
 * parameter, an unknown parameter too), answers as JSON, opaque cursors.
 */
#ifndef MANRS_SERVE_API_H
#define MANRS_SERVE_API_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "net/prefix.h"
#include "serve/http.h"

/* Longest incident id or other text key in a cursor, with the NUL. */
#define API_ID_LEN		128
/* Items per page when no limit is given. */
#define API_PAGE_DEFAULT	100u

/* False after a 400 when a parameter is not in the comma-separated list. */
bool	api_params_only(const struct http_request *, struct http_response *,
	    const char *allowed);
/*
 * Optional parameters: true when absent (*present false) or valid; false
 * after a 400 naming the parameter.
 */
bool	api_param_asn(const struct http_request *, struct http_response *,
	    const char *name, uint32_t *, bool *present);
/*
 * A comma-separated list of at most API_ASN_LIST ASNs ("64500,AS64501")
 * as a JSON array text for json_each(), in json (size >= API_ASN_LIST *
 * 12 + 2); false after a 400 naming the item.
 */
#define API_ASN_LIST		256u
bool	api_param_asn_list(const struct http_request *,
	    struct http_response *, const char *name, char *json, size_t size,
	    bool *present);
/* Exactly one of prefix and asn; false after a 400 saying what is wrong. */
bool	api_param_prefix_or_asn(const struct http_request *,
	    struct http_response *, struct prefix *, uint32_t *asn,
	    bool *is_asn);
bool	api_param_month(const struct http_request *, struct http_response *,
	    const char *name, const char **month);
bool	api_param_enum(const struct http_request *, struct http_response *,
	    const char *name, const char *const *values, const char **out);
/* limit (1..MAX_HTTP_PAGE) and cursor (opaque; decoded into key). */
bool	api_page(const struct http_request *, struct http_response *,
	    unsigned *limit, char *key, size_t keylen);
/* The AS number that is the whole subpath ("AS64500" or "64500"); false
 * after a 404. */
bool	api_path_asn(const struct http_request *, struct http_response *,
	    uint32_t *asn);
/* Set "next" on page: the cursor after key, or null when key is NULL. */
void	api_next(json_t *page, const char *key);
/* The answer: j serialised (j's reference is taken). */
void	api_send(struct http_response *, json_t *j);
/* Text from a column, JSON null for NULL. */
json_t	*api_jtext(const unsigned char *);
/* UTC seconds as "2015-04-01T00:00:00Z". */
json_t	*api_jtime(int64_t);

/* The handlers in other files than api.c. */
void	api_openapi(const struct http_request *, struct http_response *);
void	api_conformance(const struct http_request *, struct http_response *);
void	api_irr_comparison(const struct http_request *,
	    struct http_response *);
void	api_roa_history(const struct http_request *, struct http_response *);
void	api_dispute_open(const struct http_request *, struct http_response *);
void	api_dispute_resolve(const struct http_request *,
	    struct http_response *);
void	api_participant_put(const struct http_request *,
	    struct http_response *);

#endif
