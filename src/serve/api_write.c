/* The writes of the JSON API: disputes and participants. */
#include "serve/api.h"

void
api_dispute_open(const struct http_request *rq, struct http_response *rs)
{
	(void)rq;
	http_error(rs, 501, "not yet");
}

void
api_dispute_resolve(const struct http_request *rq, struct http_response *rs)
{
	(void)rq;
	http_error(rs, 501, "not yet");
}

void
api_participant_put(const struct http_request *rq, struct http_response *rs)
{
	(void)rq;
	http_error(rs, 501, "not yet");
}
