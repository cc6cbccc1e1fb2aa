#include "serve/api.h"
void
api_openapi(const struct http_request *rq, struct http_response *rs)
{
	(void)rq;
	http_error(rs, 501, "not yet");
}
void
api_roa_history(const struct http_request *rq, struct http_response *rs)
{
	(void)rq;
	http_error(rs, 501, "not yet");
}
